/*
 * tracereport: see tracereport.h.
 */
#include "tracereport.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"

/* 1234567 -> "1,234,567" */
static const char *grouped(long long v, char *buf, size_t cap)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v);
    size_t len = 0;
    if (v < 0 && len + 1 < cap)
        buf[len++] = '-';
    for (int i = 0; i < n && len + 2 < cap; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[len++] = ',';
        buf[len++] = digits[i];
    }
    buf[len] = '\0';
    return buf;
}

void ir_trace_report_print(const ir_aggregate_report *r)
{
    char a[32], b[32], c[32], d[32], e[32];
    long long filtered = r->filtered_year + r->filtered_where;
    fprintf(stderr, "ironriver: %s row%s read, %s kept, %s filtered out",
            grouped(r->rows_read, a, sizeof a), r->rows_read == 1 ? "" : "s",
            grouped(r->rows_kept, b, sizeof b),
            grouped(filtered, c, sizeof c));
    if (filtered)
        fprintf(stderr, " (by year %s, by --where %s)",
                grouped(r->filtered_year, d, sizeof d),
                grouped(r->filtered_where, e, sizeof e));
    if (r->skipped_unknown)
        fprintf(stderr, ", %s skipped for unknown states",
                grouped(r->skipped_unknown, d, sizeof d));
    fputs("\n", stderr);
    for (size_t i = 0; i < r->nunknown && i < 20; i++)
        fprintf(stderr, "ironriver:   unknown %s '%s': %s row%s\n",
                r->unknown[i].column, r->unknown[i].value,
                grouped(r->unknown[i].rows, a, sizeof a),
                r->unknown[i].rows == 1 ? "" : "s");
    if (r->nunknown > 20)
        fprintf(stderr, "ironriver:   ... and %zu more unknown values\n",
                r->nunknown - 20);
}

void ir_trace_report_problems(const char *input,
                              const ir_aggregate_report *r)
{
    if (r->nproblems < 2)
        return;
    for (size_t i = 1; i < r->nproblems; i++)
        fprintf(stderr, "ironriver: %s: line %ld: %s%s%s%s\n", input,
                r->problems[i].line, *r->problems[i].column ? "column " : "",
                r->problems[i].column, *r->problems[i].column ? ": " : "",
                r->problems[i].text);
    char n[32];
    grouped(r->problems_total, n, sizeof n);
    fprintf(stderr, "ironriver: %s: %s%s bad rows%s: fix them and run "
                    "again\n", input,
            r->problems_total > (long long)r->nproblems ? "more than " : "",
            r->problems_total > (long long)r->nproblems
                ? grouped((long long)r->nproblems, n, sizeof n) : n,
            r->problems_total > (long long)r->nproblems
                ? " (these are the first)" : "");
}

/* "2019–2021" or "2019" */
static void span_text(const ir_years *y, char *buf, size_t cap)
{
    int first, last;
    ir_years_span(y, &first, &last);
    if (first == 0)
        snprintf(buf, cap, "no readable year");
    else if (first == last)
        snprintf(buf, cap, "%d", first);
    else
        snprintf(buf, cap, "%d\u2013%d", first, last);
}

int ir_trace_report_empty(const char *input, const ir_trace_input *in,
                          const ir_aggregate_report *r, ir_error *err)
{
    if (r->rows_kept > 0)
        return 0;
    char n[32], span[32];
    grouped(r->rows_read, n, sizeof n);
    if (r->rows_read == 0)
        return ir_error_set(err, IR_EINPUT, input, -1, NULL,
                            "no data rows under the header");
    /* Which filters left how many out: --years, --where, unknown. */
    char clauses[512] = "", parts[3][600];
    size_t len = 0, np = 0;
    for (int i = 0; i < in->where.n && len < sizeof clauses; i++)
        len += (size_t)snprintf(clauses + len, sizeof clauses - len,
                                "%s--where %s", i ? " " : "",
                                in->where.item[i]);
    char c[32];
    if (r->filtered_year)
        snprintf(parts[np++], sizeof parts[0], "--years %s %s",
                 in->years ? in->years : "", grouped(r->filtered_year, c,
                                                      sizeof c));
    if (r->filtered_where)
        snprintf(parts[np++], sizeof parts[0], "%s %s",
                 len ? clauses : "--where",
                 grouped(r->filtered_where, c, sizeof c));
    if (r->skipped_unknown)
        snprintf(parts[np++], sizeof parts[0],
                 "--skip-unknown %s (unknown places such as '%s')",
                 grouped(r->skipped_unknown, c, sizeof c),
                 r->nunknown ? r->unknown[0].value : "");
    if (np == 1 && r->filtered_year) {
        span_text(&r->years_read, span, sizeof span);
        return ir_error_set(err, IR_EUSAGE, input, -1, NULL,
                            "--years %s keeps none of the %s rows: the "
                            "year column covers %s", in->years, n, span);
    }
    if (np == 1 && r->filtered_where)
        return ir_error_set(err, IR_EUSAGE, input, -1, NULL,
                            "%s keeps none of the %s rows",
                            len ? clauses : "--where", n);
    if (np == 1)
        return ir_error_set(err, IR_EINPUT, input, -1, NULL,
                            "--skip-unknown left out all %s rows: none "
                            "names a known place (the first unknown: "
                            "'%s')", n,
                            r->nunknown ? r->unknown[0].value : "");
    const char *list[3] = { parts[0], parts[1], parts[2] };
    char all[2048] = "";
    ir_text_append_list(all, 0, sizeof all, list, np, false);
    return ir_error_set(err, IR_EUSAGE, input, -1, NULL,
                        "of the %s rows, %s left out: none is left to draw",
                        n, all);
}

size_t ir_trace_report_note(const ir_aggregate_report *r, bool sums_years,
                            const char *lang, char *buf, size_t cap)
{
    bool es = lang && strcmp(lang, "es") == 0;
    size_t len = 0;
    buf[0] = '\0';
    if (sums_years && r->years_kept.several) {
        int years[5];
        size_t n = ir_years_list(&r->years_kept, years, 5);
        char list[128] = "";
        if (n <= 4 && !r->years_kept.ranges) {
            char item[4][8];
            const char *items[4];
            for (size_t i = 0; i < n; i++) {
                snprintf(item[i], sizeof item[i], "%d", years[i]);
                items[i] = item[i];
            }
            ir_text_append_list(list, 0, sizeof list, items, n, es);
            len += (size_t)snprintf(buf + len, cap - len,
                                    es ? "Las cifras suman %s."
                                       : "The counts sum %s.", list);
        } else {
            span_text(&r->years_kept, list, sizeof list);
            len += (size_t)snprintf(buf + len, cap - len,
                                    es ? "Las cifras suman los periodos de "
                                         "%s."
                                       : "The counts sum the periods of %s.",
                                    list);
        }
    }
    if (r->skipped_unknown > 0 && len < cap) {
        char count[32], names[256] = "";
        ir_text_number((double)r->skipped_unknown, lang, count, sizeof count);
        const char *v[4];
        size_t nv = 0;
        for (size_t i = 0; i < r->nunknown && nv < 3; i++)
            v[nv++] = r->unknown[i].value;
        ir_text_append_list(names, 0, sizeof names, v, nv, es);
        len += (size_t)snprintf(
            buf + len, cap - len,
            es ? (r->skipped_unknown == 1
                      ? "%sSe deja fuera %s fila que no nombra un lugar "
                        "conocido (%s%s)."
                      : "%sSe dejan fuera %s filas que no nombran un lugar "
                        "conocido (%s%s).")
               : (r->skipped_unknown == 1
                      ? "%s%s row naming no known place is left out (%s%s)."
                      : "%s%s rows naming no known place are left out "
                        "(%s%s)."),
            len ? " " : "", count, names,
            r->nunknown > 3 ? (es ? " y otros" : " and others") : "");
    }
    if (len >= cap)
        len = cap - 1;
    ir_text_utf8_trim(buf);
    return strlen(buf);
}

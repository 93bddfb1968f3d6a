/*
 * totals: one measure from a CSV of totals.  See totals.h.
 *
 * The files are a few lines long: read whole with libcsv, no streaming.
 */
#include "totals.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct totals_scan {
    const char *path, *measure;
    char field[16][128];
    int nfield;
    long line;
    int col_measure, col_count;
    bool found;
    double count;
    int rc;
    ir_error *err;
} totals_scan;

static void on_field(void *data, size_t len, void *ctx)
{
    totals_scan *t = ctx;
    if (t->nfield < 16)
        snprintf(t->field[t->nfield], sizeof t->field[0], "%.*s", (int)len,
                 (const char *)data);
    t->nfield++;
}

static void on_row(int term, void *ctx)
{
    (void)term;
    totals_scan *t = ctx;
    int n = t->nfield < 16 ? t->nfield : 16;
    t->nfield = 0;
    t->line++;
    if (t->rc != 0)
        return;
    if (t->line == 1) {
        for (int i = 0; i < n; i++) {
            if (strcmp(t->field[i], "measure") == 0)
                t->col_measure = i;
            if (strcmp(t->field[i], "count") == 0)
                t->col_count = i;
        }
        if (t->col_measure < 0 || t->col_count < 0)
            t->rc = ir_error_line(t->err, IR_EINPUT, t->path, 1, NULL,
                                  "the header needs 'measure' and 'count' "
                                  "columns");
        return;
    }
    if (t->col_measure >= n || strcmp(t->field[t->col_measure], t->measure))
        return;
    char *end;
    errno = 0;
    double v = t->col_count < n ? strtod(t->field[t->col_count], &end) : NAN;
    if (t->col_count >= n || *t->field[t->col_count] == '\0' || *end ||
        errno || !(v > 0) || !isfinite(v))
        t->rc = ir_error_line(t->err, IR_EINPUT, t->path, t->line, "count",
                              "'%s' is not a positive number",
                              t->col_count < n ? t->field[t->col_count] : "");
    else if (t->found)
        t->rc = ir_error_line(t->err, IR_EINPUT, t->path, t->line, "measure",
                              "'%s' is given twice", t->measure);
    t->found = true;
    t->count = v;
}

int ir_totals_lookup(const char *path, const char *measure, double *count,
                     ir_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot open: %s",
                            strerror(errno));
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        fclose(fp);
        return ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                            "out of memory");
    }
    totals_scan t = { .path = path, .measure = measure, .col_measure = -1,
                      .col_count = -1, .err = err };
    char buf[4096];
    size_t n;
    while (t.rc == 0 && (n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_row, &t) != n)
            t.rc = ir_error_line(err, IR_EINPUT, path, t.line + 1, NULL, "%s",
                                 csv_strerror(csv_error(&p)));
    if (t.rc == 0)
        csv_fini(&p, on_field, on_row, &t);
    csv_free(&p);
    fclose(fp);
    if (t.rc == 0 && !t.found)
        t.rc = ir_error_set(err, IR_EINPUT, path, -1, "measure",
                            "no row for '%s'", measure);
    if (t.rc == 0)
        *count = t.count;
    return t.rc;
}

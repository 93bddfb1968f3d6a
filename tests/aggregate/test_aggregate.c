/*
 * Aggregation: input variants, state spellings, filters, errors (with the
 * message checked and no output left behind), totals, threads and memory.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "aggregate/aggregate.h"
#include "helpers.h"

static ir_states *table;

static void setup(void)
{
    ir_error err = { 0 };
    table = ir_states_load("data/states.csv", &err);
    cr_assert_not_null(table, "%s", err.message);
}

static void teardown(void)
{
    ir_states_destroy(table);
}

TestSuite(aggregate, .init = setup, .fini = teardown);

typedef struct result {
    ir_od *od;
    ir_aggregate_report report;
    ir_error err;
    char csv[8192]; /* the OD table as "origin,destination,weight" lines */
} result;

static void run_on(const char *path, const ir_aggregate_options *opt,
                   result *r)
{
    static const ir_aggregate_options none = { 0 };
    memset(r, 0, sizeof *r);
    r->od = ir_aggregate_file(path, table, opt ? opt : &none, &r->report,
                              &r->err);
    if (r->od == NULL)
        return;
    const ir_od_pair *p;
    size_t n = ir_od_pairs(r->od, &p), len = 0;
    for (size_t i = 0; i < n && len < sizeof r->csv - 64; i++) {
        char w[64];
        ir_od_format_weight(p[i].weight, w, sizeof w);
        len += (size_t)snprintf(r->csv + len, sizeof r->csv - len, "%s,%s,%s\n",
                                p[i].origin->iso, p[i].destination->iso, w);
    }
}

static void run_text(const char *text, size_t len,
                     const ir_aggregate_options *opt, result *r)
{
    const char *path = th_path(th_tmpdir(), "traces.csv");
    cr_assert_eq(th_write_file(path, text, len), 0);
    run_on(path, opt, r);
}

static void done(result *r)
{
    ir_od_destroy(r->od);
    ir_aggregate_report_free(&r->report);
}

static void expect_od(const char *text, const ir_aggregate_options *opt,
                      const char *expected)
{
    result r;
    run_text(text, strlen(text), opt, &r);
    cr_assert_not_null(r.od, "failed: %s", r.err.message);
    cr_expect_str_eq(r.csv, expected);
    done(&r);
}

static void expect_error(const char *text, const ir_aggregate_options *opt,
                         const char *const *fragments)
{
    result r;
    run_text(text, strlen(text), opt, &r);
    cr_assert_null(r.od, "should fail:\n%s", text);
    cr_expect_neq(r.err.status, IR_OK);
    for (const char *const *f = fragments; *f; f++)
        cr_expect(strstr(r.err.message, *f) != NULL,
                  "message '%s' lacks '%s'", r.err.message, *f);
    done(&r);
}

static const char basic[] =
    "year,purchase_state,recovery_state,weapon_type\n"
    "2019,Texas,Tamaulipas,Rifle\n"
    "2020,Arizona,Sonora,Pistol\n"
    "2021,Texas,Tamaulipas,Pistol\n"
    "2022,TX,Nuevo León,Rifle\n"
    "2022,Arizona,Sonora,Rifle\n"
    "2023,Texas,Tamaulipas,Rifle\n";

Test(aggregate, counts_rows_per_pair_sorted)
{
    expect_od(basic, NULL,
              "US-TX,MX-TAM,3\nUS-AZ,MX-SON,2\nUS-TX,MX-NLE,1\n");
}

Test(aggregate, ties_sort_by_origin_then_destination)
{
    expect_od("origin,destination\nTexas,Sonora\nArizona,Sonora\n"
              "Arizona,Chihuahua\n",
              NULL, "US-AZ,MX-CHH,1\nUS-AZ,MX-SON,1\nUS-TX,MX-SON,1\n");
}

Test(aggregate, weight_column_is_summed_and_integers_stay_integers)
{
    expect_od("origen,destino,cantidad\nTexas,Tamaulipas,1191\n"
              "Arizona,Sonora,1618\nTexas,Tamaulipas,9\n",
              NULL, "US-AZ,MX-SON,1618\nUS-TX,MX-TAM,1200\n");
    expect_od("o,d,w\nTexas,Sonora,0.5\nTexas,Sonora,2.25\n",
              &(ir_aggregate_options){ .origin = "o", .destination = "d",
                                       .weight = "w" },
              "US-TX,MX-SON,2.75\n");
}

Test(aggregate, byte_order_mark_crlf_and_blank_trailing_lines)
{
    expect_od("\xEF\xBB\xBFpurchase_state,recovery_state\r\nTexas,Sonora\r\n"
              "Texas,Sonora\r\n\r\n\r\n",
              NULL, "US-TX,MX-SON,2\n");
}

Test(aggregate, semicolon_and_tab_files_are_detected)
{
    expect_od("estado_compra;estado_recuperacion;armas\nTexas;Sonora;3\n"
              "Arizona;\"Nuevo León; NL\";1\n",
              &(ir_aggregate_options){ .destination = "2", .skip_unknown = true },
              "US-TX,MX-SON,3\n");
    expect_od("origin\tdestination\nTexas\tSonora\n", NULL, "US-TX,MX-SON,1\n");
}

Test(aggregate, forced_delimiter)
{
    /* Commas inside the names would win the detection. */
    expect_od("origin;destination;note\nTexas;Sonora;a,b,c,d\n",
              &(ir_aggregate_options){ .delimiter = ';' }, "US-TX,MX-SON,1\n");
}

Test(aggregate, quoted_fields_with_delimiters_newlines_and_quotes)
{
    expect_od("origin,destination,note\n"
              "\"Texas\",\"Nuevo León\",\"a, b\"\n"
              "Texas,\"Coahuila de Zaragoza\",\"two\nlines\"\n"
              "Texas,Sonora,\"he said \"\"hi\"\"\"\n",
              NULL, "US-TX,MX-COA,1\nUS-TX,MX-NLE,1\nUS-TX,MX-SON,1\n");
}

Test(aggregate, latin1_and_cp1252_input)
{
    const char text[] = "origen,destino\nTexas,Nuevo Le\xf3n\nTexas,Michoac\xe1n\n";
    expect_od(text, &(ir_aggregate_options){ .encoding = "latin1" },
              "US-TX,MX-MIC,1\nUS-TX,MX-NLE,1\n");
    expect_od(text, &(ir_aggregate_options){ .encoding = "cp1252" },
              "US-TX,MX-MIC,1\nUS-TX,MX-NLE,1\n");
}

Test(aggregate, invalid_utf8_names_the_line)
{
    expect_error("origen,destino\nTexas,Sonora\nTexas,Nuevo Le\xf3n\n", NULL,
                 (const char *[]){ "line 3", "destino", "UTF-8", NULL });
}

Test(aggregate, columns_by_name_any_case_or_index)
{
    const char text[] = "ID, Bought In ,Found In\n1,Texas,Sonora\n";
    expect_od(text, &(ir_aggregate_options){ .origin = "bought in",
                                             .destination = "FOUND IN" },
              "US-TX,MX-SON,1\n");
    expect_od(text, &(ir_aggregate_options){ .origin = "2", .destination = "3" },
              "US-TX,MX-SON,1\n");
}

Test(aggregate, detected_columns_are_reported)
{
    result r;
    run_text(basic, strlen(basic), NULL, &r);
    cr_assert_not_null(r.od, "%s", r.err.message);
    cr_expect(strstr(r.report.columns, "origin = 'purchase_state' (column 2, "
                                       "detected)") != NULL,
              "%s", r.report.columns);
    cr_expect(strstr(r.report.columns, "each row counts 1") != NULL);
    done(&r);
}

Test(aggregate, missing_or_bad_columns_are_errors)
{
    expect_error("a,b\nTexas,Sonora\n", NULL,
                 (const char *[]){ "no origin column", "--origin", NULL });
    expect_error(basic, &(ir_aggregate_options){ .origin = "nope" },
                 (const char *[]){ "--origin nope", "no such column",
                                   "'purchase_state'", NULL });
    expect_error(basic, &(ir_aggregate_options){ .origin = "9" },
                 (const char *[]){ "--origin 9", "4 columns", NULL });
}

Test(aggregate, year_filter_range_and_single)
{
    expect_od(basic, &(ir_aggregate_options){ .year_from = 2020, .year_to = 2022 },
              "US-AZ,MX-SON,2\nUS-TX,MX-NLE,1\nUS-TX,MX-TAM,1\n");
    result r;
    run_text(basic, strlen(basic),
             &(ir_aggregate_options){ .year_from = 2019, .year_to = 2019 }, &r);
    cr_assert_not_null(r.od);
    cr_expect_str_eq(r.csv, "US-TX,MX-TAM,1\n");
    cr_expect_eq(r.report.rows_read, 6);
    cr_expect_eq(r.report.rows_kept, 1);
    cr_expect_eq(r.report.filtered_year, 5);
    done(&r);
}

Test(aggregate, year_periods_are_kept_only_inside_the_range)
{
    const char text[] = "year,origin,destination\n2022-2023,Texas,Sonora\n"
                        "2021-2022,Texas,Sinaloa\n";
    expect_od(text, &(ir_aggregate_options){ .year_from = 2022, .year_to = 2023 },
              "US-TX,MX-SON,1\n");
    expect_error("year,origin,destination\nFY19,Texas,Sonora\n",
                 &(ir_aggregate_options){ .year_from = 2019, .year_to = 2020 },
                 (const char *[]){ "line 2", "year", "FY19", NULL });
}

Test(aggregate, where_filters_all_must_hold)
{
    expect_od(basic, &(ir_aggregate_options){
                  .where = (const char *[]){ "weapon_type=rifle" }, .nwhere = 1 },
              "US-TX,MX-TAM,2\nUS-AZ,MX-SON,1\nUS-TX,MX-NLE,1\n");
    expect_od(basic, &(ir_aggregate_options){
                  .where = (const char *[]){ "weapon_type=Rifle,PISTOL",
                                             "year=2022" },
                  .nwhere = 2 },
              "US-AZ,MX-SON,1\nUS-TX,MX-NLE,1\n");
    expect_error(basic, &(ir_aggregate_options){
                     .where = (const char *[]){ "calibre=9mm" }, .nwhere = 1 },
                 (const char *[]){ "--where", "calibre", NULL });
}

/* Every state of the table through several spellings: each line of the
 * file names a pair in two different ways that must add up together. */
Test(aggregate, every_state_through_several_spellings)
{
    size_t cap = 1 << 20, len = 0;
    char *text = malloc(cap);
    len += (size_t)sprintf(text, "origin,destination,weight\n");
    const ir_state *us[64], *mx[64];
    size_t nus = 0, nmx = 0;
    for (size_t i = 0; i < ir_states_count(table); i++) {
        const ir_state *s = ir_states_at(table, i);
        if (s->kind == IR_STATE_COUNTRY)
            continue;
        if (strcmp(s->country, "US") == 0)
            us[nus++] = s;
        else
            mx[nmx++] = s;
    }
    cr_assert_eq(nus, 51);
    cr_assert_eq(nmx, 32);
    for (size_t i = 0; i < nus; i++) {
        const ir_state *o = us[i], *d = mx[i % nmx];
        char lower[64];
        size_t k = 0;
        for (; o->name_en[k] && k < 63; k++)
            lower[k] = (char)(o->name_en[k] | 0x20);
        lower[k] = '\0';
        const char *origin_spellings[] = { o->name_en, o->code, o->iso,
                                           o->number, lower, o->name_es };
        for (size_t v = 0; v < 6; v++)
            len += (size_t)sprintf(text + len, "\"%s\",\"%s\",1\n",
                                   origin_spellings[v], d->name_es);
    }
    for (size_t i = 0; i < nmx; i++) {
        const ir_state *d = mx[i], *o = us[i];
        char no_prefix[8];
        snprintf(no_prefix, sizeof no_prefix, "%s", d->iso + 3);
        const char *dest_spellings[] = { d->name_es, d->name_en,
                                         d->name_official, d->iso, no_prefix,
                                         d->number };
        for (size_t v = 0; v < 6; v++)
            len += (size_t)sprintf(text + len, "%s,\"%s\",1\n", o->code,
                                   dest_spellings[v]);
    }
    result r;
    run_text(text, len, NULL, &r);
    cr_assert_not_null(r.od, "%s", r.err.message);
    /* Each origin appears in 6 rows to one destination, and each Mexican
     * state 6 more times from one origin: every pair weight is a multiple
     * of 6, and the total is 6 * (51 + 32). */
    const ir_od_pair *p;
    size_t n = ir_od_pairs(r.od, &p);
    for (size_t i = 0; i < n; i++)
        cr_expect(fmod(p[i].weight, 6) == 0, "%s -> %s: %g", p[i].origin->iso,
                  p[i].destination->iso, p[i].weight);
    cr_expect_eq(ir_od_total(r.od), 6 * 83);
    cr_expect_eq(r.report.rows_kept, 6 * 83);
    free(text);
    done(&r);
}

Test(aggregate, accents_case_and_official_names)
{
    expect_od("origin,destination\nNEW MEXICO,NUEVO LEON\n"
              "new mexico,nuevo león\nNM,Estado de México\nNM,México\n"
              "NM,CDMX\nNM,Distrito Federal\nNM,Veracruz de Ignacio de la Llave\n",
              NULL,
              "US-NM,MX-CMX,2\nUS-NM,MX-MEX,2\nUS-NM,MX-NLE,2\n"
              "US-NM,MX-VER,1\n");
}

Test(aggregate, numeric_codes_follow_the_column)
{
    /* 19 is Iowa's FIPS code and Nuevo León's INEGI code. */
    expect_od("origin,destination\n19,19\n48,28\n", NULL,
              "US-IA,MX-NLE,1\nUS-TX,MX-TAM,1\n");
}

Test(aggregate, unknown_state_names_line_column_value_and_nearest)
{
    expect_error("purchase_state,recovery_state\nTexas,Sonora\nTexass,Sonora\n",
                 NULL,
                 (const char *[]){ "traces.csv", "line 3",
                                   "column purchase_state", "'Texass'",
                                   "nearest: Texas", NULL });
    expect_error("purchase_state,recovery_state\nTexas,Nuevo Lion\n", NULL,
                 (const char *[]){ "line 2", "column recovery_state",
                                   "'Nuevo Lion'", "Nuevo León", NULL });
}

Test(aggregate, state_of_the_wrong_country_is_an_error)
{
    expect_error("purchase_state,recovery_state\nSonora,Sonora\n", NULL,
                 (const char *[]){ "line 2", "'Sonora' is a Mexican state",
                                   NULL });
}

/* Guns recovered in Guatemala, Belize, El Salvador and Honduras: the
 * countries by code (alpha-2 and alpha-3) and by English or Spanish name
 * add up together, beside Mexican states; as a place of purchase a
 * country is refused by name. */
Test(aggregate, central_american_destinations_add_up_by_any_spelling)
{
    expect_od("purchase_state,recovery_state,count\n"
              "Arizona,Guatemala,5\nAZ,GTM,2\nTexas,Honduras,4\nTX,hnd,1\n"
              "Texas,El Salvador,2\nTX,SV,1\nCalifornia,Belice,2\n"
              "CA,Belize,1\nTexas,Tamaulipas,6\n",
              NULL,
              "US-AZ,GT,7\nUS-TX,MX-TAM,6\nUS-TX,HN,5\nUS-CA,BZ,3\n"
              "US-TX,SV,3\n");
    expect_error("purchase_state,recovery_state\nGuatemala,Sonora\n", NULL,
                 (const char *[]){ "line 2", "'Guatemala' is a country",
                                   "U.S. state where the gun was bought",
                                   NULL });
    expect_error("purchase_state,recovery_state\nTexas,Guatemal\n", NULL,
                 (const char *[]){ "line 2", "unknown Mexican state or "
                                   "country 'Guatemal'", "nearest: Guatemala",
                                   NULL });
}

Test(aggregate, ambiguous_spelling_is_an_error)
{
    /* A state table in which an alias names two Mexican states. */
    const char *dir = th_tmpdir();
    size_t n;
    char *csv = th_read_file("data/states.csv", &n);
    char *p = strstr(csv, "Edomex;");
    cr_assert_not_null(p);
    memcpy(p, "Sonora;", 7); /* MX-MEX gets the alias "Sonora" */
    const char *path = th_path(dir, "states.csv");
    th_write_file(path, csv, n);
    free(csv);
    ir_error err = { 0 };
    ir_states *t = ir_states_load(path, &err);
    cr_assert_not_null(t, "%s", err.message);
    const char *traces = th_path(dir, "t.csv");
    const char *text = "origin,destination\nTexas,Sonora\n";
    th_write_file(traces, text, strlen(text));
    ir_aggregate_report rep;
    ir_aggregate_options none = { 0 };
    ir_od *od = ir_aggregate_file(traces, t, &none, &rep, &err);
    cr_expect_null(od);
    cr_expect(strstr(err.message, "ambiguous") != NULL, "%s", err.message);
    cr_expect(strstr(err.message, "line 2") != NULL, "%s", err.message);
    ir_states_destroy(t);
}

Test(aggregate, skip_unknown_counts_each_value)
{
    result r;
    const char text[] = "origin,destination\nTexas,Sonora\nTexass,Sonora\n"
                        "Texass,Sonora\nTexas,Atlantis\nOther,Sonora\n";
    run_text(text, strlen(text),
             &(ir_aggregate_options){ .skip_unknown = true }, &r);
    cr_assert_not_null(r.od, "%s", r.err.message);
    cr_expect_str_eq(r.csv, "US-TX,MX-SON,1\n");
    cr_expect_eq(r.report.skipped_unknown, 4);
    cr_assert_eq(r.report.nunknown, 3);
    cr_expect_str_eq(r.report.unknown[0].value, "Texass");
    cr_expect_eq(r.report.unknown[0].rows, 2);
    cr_expect_str_eq(r.report.unknown[0].column, "origin");
    cr_expect_str_eq(r.report.unknown[1].value, "Atlantis");
    cr_expect_str_eq(r.report.unknown[1].column, "destination");
    done(&r);
}

Test(aggregate, bad_weights_are_errors_with_detail)
{
    static const char *const bad[][2] = {
        { "abc", "not a number" }, { "-3", "negative" },
        { "NaN", "not a number" }, { "inf", "not a number" },
        { "1e400", "not a number" }, { "99999999999999999999", "too large" },
        { "", "empty" }, { "1,5", "has a decimal comma" },
        { "1,20,000", "not a number" }, { "12 34", "not a number" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "origin,destination,count\nTexas,Sonora,1\n"
                 "Texas,Sonora,\"%s\"\n", bad[i][0]);
        expect_error(text, NULL,
                     (const char *[]){ "line 3", "column count", bad[i][1],
                                       NULL });
    }
}

Test(aggregate, empty_header_only_and_ragged_files)
{
    expect_error("", NULL, (const char *[]){ "empty", NULL });
    expect_error("\n\n  \n", NULL, (const char *[]){ "no header", NULL });
    expect_error("origin,destination\n", NULL,
                 (const char *[]){ "no data rows", NULL });
    expect_error("origin,destination\n\n\n", NULL,
                 (const char *[]){ "no data rows", NULL });
    expect_error("origin,destination\nTexas,Sonora\nTexas,Sonora,extra\n",
                 NULL, (const char *[]){ "line 3", "3 fields", "header has 2",
                                         NULL });
    expect_error("origin,destination\nTexas\n", NULL,
                 (const char *[]){ "line 2", "1 field;", NULL });
}

Test(aggregate, output_total_equals_kept_input_total)
{
    const char text[] = "origin,destination,n,year\nTexas,Sonora,5,2019\n"
                        "Arizona,Sonora,7,2020\nTexas,Chihuahua,11,2021\n"
                        "Texas,Sonora,13,2014\n";
    result r;
    run_text(text, strlen(text),
             &(ir_aggregate_options){ .year_from = 2015, .year_to = 2022 }, &r);
    cr_assert_not_null(r.od);
    cr_expect_eq(ir_od_total(r.od), 23);
    cr_expect_eq(r.report.weight_kept, 23);
    cr_expect_eq(r.report.rows_kept + r.report.filtered_year,
                 r.report.rows_read);
    done(&r);
}

/* A generated file large enough for two threads gives the same table as
 * one thread, also when a quoted multi-line field straddles the split. */
Test(aggregate, two_threads_agree_with_one, .timeout = 120)
{
    const char *dir = th_tmpdir();
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "bench/gen-traces 400000 3 > %s/big.csv", dir);
    cr_assert_eq(th_run(cmd, NULL), 0);
    for (int variant = 0; variant < 2; variant++) {
        const char *path = th_path(dir, "big.csv");
        if (variant == 1) {
            /* Rewrite the rows around the middle as one row whose quoted
             * field spans 40 lines, so that the speculative split falls
             * inside it and must be abandoned. */
            size_t n;
            char *d = th_read_file(path, &n);
            char *row = d + n / 2 - 200;
            while (*row != '\n')
                row--;
            row++;
            char *row_end = strchr(row, '\n');
            char repl[4096];
            size_t len = (size_t)sprintf(repl, "T0,2019,Texas,Sonora,\"");
            for (int k = 0; k < 40; k++)
                len += (size_t)sprintf(repl + len, "line %02d of a long note\n", k);
            sprintf(repl + len, "\",x,y,1");
            FILE *f = fopen(path, "wb");
            fwrite(d, 1, (size_t)(row - d), f);
            fputs(repl, f);
            fwrite(row_end, 1, n - (size_t)(row_end - d), f);
            fclose(f);
            free(d);
            /* Where aggregate.c will split: the first newline after the
             * middle of the data.  It must lie inside the quotes. */
            d = th_read_file(path, &n);
            size_t start = (size_t)(strchr(d, '\n') - d) + 1;
            char *split = strchr(d + start + (n - start) / 2, '\n');
            size_t quotes = 0;
            for (char *c = d; c < split; c++)
                quotes += *c == '"';
            cr_assert(quotes % 2 == 1, "the split is not inside the field");
            free(d);
        }
        result one, two;
        run_on(path, &(ir_aggregate_options){ .threads = 1 }, &one);
        run_on(path, &(ir_aggregate_options){ .threads = 2 }, &two);
        cr_assert_not_null(one.od, "%s", one.err.message);
        cr_assert_not_null(two.od, "%s", two.err.message);
        cr_expect_str_eq(two.csv, one.csv, "variant %d", variant);
        cr_expect_eq(two.report.rows_read, one.report.rows_read);
        cr_expect_eq(one.report.rows_read, 400000);
        done(&one);
        done(&two);
    }
}

/* Errors in the second half are found with their exact line number. */
Test(aggregate, two_threads_report_exact_lines, .timeout = 120)
{
    const char *dir = th_tmpdir();
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "bench/gen-traces 400000 4 > %s/big.csv && "
             "sed -i '300000s/,Texas,/,Texass,/; 300000s/,Arizona,/,Texass,/; "
             "300000s/,California,/,Texass,/' %s/big.csv && "
             "sed -n 300000p %s/big.csv | grep -q Texass", dir, dir, dir);
    if (th_run(cmd, NULL) != 0)
        cr_skip_test("row 300000 has none of the three states");
    result r;
    run_on(th_path(dir, "big.csv"), &(ir_aggregate_options){ .threads = 2 },
           &r);
    cr_assert_null(r.od);
    cr_expect(strstr(r.err.message, "line 300000:") != NULL, "%s",
              r.err.message);
    done(&r);
}

static long peak_rss_kb(const char *cmdline)
{
    pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", cmdline, (char *)NULL);
        _exit(127);
    }
    int status;
    struct rusage ru;
    wait4(pid, &status, 0, &ru);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s failed",
              cmdline);
    return ru.ru_maxrss;
}

/* Memory grows with distinct pairs, not rows: a 1,000,000-row file peaks
 * within 1 MB of a 10,000-row file. */
Test(aggregate, memory_does_not_grow_with_rows, .timeout = 120)
{
    const char *dir = th_tmpdir();
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "bench/gen-traces 1000000 5 > %s/m.csv && "
             "bench/gen-traces 10000 5 > %s/s.csv", dir, dir);
    cr_assert_eq(th_run(cmd, NULL), 0);
    long rss[2];
    const char *names[2] = { "s", "m" };
    for (int i = 0; i < 2; i++) {
        /* Under AddressSanitizer freed blocks wait in a quarantine that
         * grows with the work done, not with what is live: turned off,
         * the peak is the program's own (other builds ignore it). */
        snprintf(cmd, sizeof cmd, "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}"
                 "quarantine_size_mb=0\" exec %s aggregate -q --threads 1 "
                 "%s/%s.csv -o %s/%s.od", th_binary(), dir, names[i], dir,
                 names[i]);
        rss[i] = peak_rss_kb(cmd);
    }
    cr_log_info("peak RSS: 10k rows %ld kB, 1M rows %ld kB", rss[0], rss[1]);
    cr_expect_lt(rss[1] - rss[0], 1024, "10k rows: %ld kB, 1M rows: %ld kB",
                 rss[0], rss[1]);
}

/* Bad rows are reported together, the first in the error, all of them
 * (up to IR_AGGREGATE_PROBLEMS) in the report, in file order. */
Test(aggregate, bad_rows_are_reported_together)
{
    static const char t[] = "origin,destination,count\n"
                            "Texas,Tamaulipas,10\n"
                            "Narnia,Sonora,5\n"
                            "Arizona,Sonora,x\n"
                            "Arizona,Sonora,2\n"
                            "Arizona,Sonora\n";
    result r;
    run_text(t, strlen(t), NULL, &r);
    cr_assert_null(r.od);
    cr_expect(strstr(r.err.message, "line 3: column origin: unknown U.S. "
                                    "state 'Narnia'"), "%s", r.err.message);
    cr_assert_eq(r.report.nproblems, 3);
    cr_expect_eq(r.report.problems_total, 3);
    cr_expect_eq(r.report.problems[1].line, 4);
    cr_expect_str_eq(r.report.problems[1].column, "count");
    cr_expect(strstr(r.report.problems[1].text, "'x' is not a number"));
    cr_expect_eq(r.report.problems[2].line, 6);
    cr_expect_str_eq(r.report.problems[2].column, "");
    done(&r);
    /* Past the twentieth the run stops, and says there were more. */
    char many[4096] = "origin,destination,count\n";
    for (int i = 0; i < 30; i++)
        strcat(many, "Texas,Tamaulipas,many\n");
    run_text(many, strlen(many), NULL, &r);
    cr_assert_null(r.od);
    cr_expect_eq(r.report.nproblems, IR_AGGREGATE_PROBLEMS);
    cr_expect_gt(r.report.problems_total, IR_AGGREGATE_PROBLEMS);
    cr_expect_eq(r.report.problems[19].line, 21);
    done(&r);
}

/* With two threads, the bad rows of both halves are found, with their
 * lines. */
Test(aggregate, two_threads_report_the_bad_rows_of_both_halves,
     .timeout = 120)
{
    const char *dir = th_tmpdir();
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "bench/gen-traces 400000 4 > %s/big.csv && "
             "sed -i -E '100s/,[0-9]+$/,lots/; 300000s/,[0-9]+$/,lots/' "
             "%s/big.csv", dir, dir);
    cr_assert_eq(th_run(cmd, NULL), 0);
    result r;
    run_on(th_path(dir, "big.csv"),
           &(ir_aggregate_options){ .threads = 2, .weight = "time_to_crime_days" },
           &r);
    cr_assert_null(r.od);
    cr_assert_eq(r.report.nproblems, 2, "%zu: %s", r.report.nproblems,
                 r.err.message);
    cr_expect_eq(r.report.problems[0].line, 100);
    cr_expect_eq(r.report.problems[1].line, 300000);
    done(&r);
}

/* Counts as spreadsheets export them: grouped thousands in any file, and
 * a lone "1.200" or "2,5" read as the file's locale writes them: a
 * semicolon-separated file writes decimal commas. */
Test(aggregate, spreadsheet_counts_are_read_by_the_files_locale)
{
    expect_od("origin,destination,count\nTexas,Sonora,\"1,200\"\n"
              "Texas,Sonora,1 200\nTexas,Sonora,\"1,000,000\"\n"
              "Texas,Sonora,0.5\n", NULL, "US-TX,MX-SON,1002400.5\n");
    expect_od("origin;destination;count\nTexas;Sonora;1.200\n"
              "Texas;Sonora;2,5\nTexas;Sonora;1.000.000\n"
              "Texas;Sonora;1.200,5\n", NULL, "US-TX,MX-SON,1002403\n");
}

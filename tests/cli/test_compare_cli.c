/*
 * map --compare A,B: one map of the change between two periods; widths
 * the larger weight, colours the change, the periods' scopes compared;
 * bad periods refused with nothing written.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Five pairs over two years: one about the same (+20%), one doubled,
 * one down (-40%), one gone, one new. */
static const char traces[] =
    "year,origin,destination,count\n"
    "2016,Texas,Tamaulipas,100\n2020,Texas,Tamaulipas,120\n"
    "2016,Arizona,Sonora,50\n2020,Arizona,Sonora,150\n"
    "2016,Texas,Nuevo Leon,100\n2020,Texas,Nuevo Leon,60\n"
    "2016,California,Baja California,80\n"
    "2020,New Mexico,Chihuahua,60\n";

/* The row of a flows CSV that starts origin,destination, as fields. */
static int row_of(const char *path, const char *origin, const char *dest,
                  char fields[16][32])
{
    char *text = th_read_file(path, NULL);
    cr_assert_not_null(text, "%s", path);
    char key[64];
    snprintf(key, sizeof key, "\n%s,%s,", origin, dest);
    const char *row = strstr(text, key);
    cr_assert_not_null(row, "%s: no %s -> %s", path, origin, dest);
    int n = 0;
    const char *p = row + 1;
    while (n < 16 && *p && *p != '\n') {
        size_t len = strcspn(p, ",\n");
        snprintf(fields[n++], 32, "%.*s", (int)len, p);
        p += len + (p[len] == ',');
    }
    free(text);
    return n;
}

Test(compare_cli, each_flow_keeps_both_periods_and_its_class)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), traces, strlen(traces));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map %s --compare 2016,2020 --flows-csv %s "
             "--alt-text %s -o %s", th_binary(), th_path(dir, "t.csv"),
             th_path(dir, "f.csv"), th_path(dir, "alt.txt"),
             th_path(dir, "c.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    static const struct { const char *o, *d, *a, *b, *cls; } want[] = {
        { "US-TX", "MX-TAM", "100", "120", "same" },
        { "US-AZ", "MX-SON", "50", "150", "doubled" },
        { "US-TX", "MX-NLE", "100", "60", "down" },
        { "US-CA", "MX-BCN", "80", "0", "gone" },
        { "US-NM", "MX-CHH", "0", "60", "new" },
    };
    double width[5];
    for (int i = 0; i < 5; i++) {
        char f[16][32];
        cr_assert_eq(row_of(th_path(dir, "f.csv"), want[i].o, want[i].d, f),
                     13);
        cr_expect_str_eq(f[10], want[i].a, "%s-%s", want[i].o, want[i].d);
        cr_expect_str_eq(f[11], want[i].b, "%s-%s", want[i].o, want[i].d);
        cr_expect_str_eq(f[12], want[i].cls, "%s-%s", want[i].o, want[i].d);
        width[i] = atof(f[3]);
    }
    /* Width is the larger period's: 150 : 120 : 100 : 80 : 60 (the CSV
     * gives widths to a thousandth of a point). */
    cr_expect_float_eq(width[1] / width[0], 150.0 / 120, 1e-3);
    cr_expect_float_eq(width[2] / width[0], 100.0 / 120, 1e-3);
    cr_expect_float_eq(width[3] / width[4], 80.0 / 60, 1e-3);
    /* The colours drawn: the doubled red, the grey of about the same,
     * the blue line round the gone flow and the red round the new. */
    const char *png = th_path(dir, "c.png");
    cr_expect_gt(th_png_count(png, 0xB2182B, 6), 200);
    cr_expect_gt(th_png_count(png, 0x8C8C8C, 6), 200);
    cr_expect_gt(th_png_count(png, 0x67A9CF, 6), 100);
    cr_expect_gt(th_png_count(png, 0x2166AC, 10), 20);
    cr_expect_gt(th_png_count(png, 0xD1E5F0, 6), 50);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(alt && strstr(alt, "Map of the change from 2016 to 2020"),
              "%s", alt);
    cr_expect(alt && strstr(alt, "Arizona to Sonora, 50 in 2016 and 150 in "
                                 "2020 (+200%)"), "%s", alt);
    cr_expect(alt && strstr(alt, "330 in 2016 and 390 in 2020"), "%s", alt);
    free(alt);
}

/* Spanish words, a period of years with an en dash, and what makes the
 * periods unlike: unequal lengths, a shared year, places of one only. */
Test(compare_cli, the_note_says_how_the_periods_differ)
{
    const char *dir = th_tmpdir();
    static const char t[] = "year,origin,destination,count\n"
                            "2016,Texas,Tamaulipas,100\n"
                            "2016,Texas,Guatemala,30\n"
                            "2017,Texas,Tamaulipas,100\n"
                            "2018,Texas,Tamaulipas,90\n";
    th_write_file(th_path(dir, "t.csv"), t, strlen(t));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map %s --compare 2016-2017,2017-2018 "
             "--lang es --alt-text %s -o %s", th_binary(),
             th_path(dir, "t.csv"), th_path(dir, "alt.txt"),
             th_path(dir, "c.svg"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    cr_expect(err && strstr(err, "los flujos de 2016\u20132017 terminan en "
                                 "México y Guatemala, los de 2017\u20132018 "
                                 "en México"), "%s", err);
    free(err);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(alt && strstr(alt, "Mapa del cambio de 2016\u20132017 a "
                                 "2017\u20132018"), "%s", alt);
    cr_expect(alt && strstr(alt, "Los periodos comparten 2017"), "%s", alt);
    cr_expect(alt && strstr(alt, "Los periodos no cuentan los mismos "
                                 "lugares"), "%s", alt);
    free(alt);
    /* Same places, different lengths, no shared year. */
    snprintf(cmd, sizeof cmd, "%s map %s --compare 2016-2017,2018 "
             "--alt-text %s -o %s", th_binary(), th_path(dir, "t.csv"),
             th_path(dir, "alt.txt"), th_path(dir, "c.svg"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(alt && strstr(alt, "2016\u20132017 spans 2 years and 2018 1: "
                                 "the change compares totals"), "%s", alt);
    cr_expect(alt && !strstr(alt, "share"), "%s", alt);
    free(alt);
}

/* --compare-by COL compares values of a column; --panel-title names
 * them. */
Test(compare_cli, values_of_a_column_named_by_panel_title)
{
    const char *dir = th_tmpdir();
    static const char t[] = "source,origin,destination,count\n"
                            "atf,Texas,Tamaulipas,100\nfoia,Texas,Tamaulipas,300\n";
    th_write_file(th_path(dir, "t.csv"), t, strlen(t));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map -q %s --compare-by source --compare "
             "atf,foia --panel-title 'atf=ATF' --panel-title 'foia=FOIA' "
             "--alt-text %s -o %s", th_binary(), th_path(dir, "t.csv"),
             th_path(dir, "alt.txt"), th_path(dir, "c.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(alt && strstr(alt, "Texas to Tamaulipas, 100 in ATF and 300 "
                                 "in FOIA (+200%)"), "%s", alt);
    free(alt);
}

Test(compare_cli, bad_periods_are_refused_and_nothing_is_written)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), traces, strlen(traces));
    static const struct { const char *args, *says; } bad[] = {
        { "--compare 2016", "give two periods, A,B" },
        { "--compare 2016,2016", "the two periods are the same" },
        { "--compare 2016,later", "'later' is not a year or a period" },
        { "--compare 2016,2030", "the period '2030' has no rows" },
        { "--compare 2016,2020 --years 2016-2020", "leave out --years" },
        { "--compare 2016,2020 --panel-by year", "leave out --panel-by" },
        { "--compare 2016,2020 --mode river", "leave out --mode river" },
        { "--compare 2016,2020 --share-note x", "leave out --share-note" },
        { "--compare-by source --compare a,b", "source: no such column" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char cmd[2048], *err = NULL;
        snprintf(cmd, sizeof cmd, "%s map %s %s -o %s --alt-text %s",
                 th_binary(), th_path(dir, "t.csv"), bad[i].args,
                 th_path(dir, "c.png"), th_path(dir, "alt.txt"));
        cr_expect_neq(th_run(cmd, &err), 0, "%s", bad[i].args);
        cr_expect(err && strstr(err, bad[i].says), "%s: %s", bad[i].args,
                  err);
        free(err);
        cr_expect(!th_file_exists(th_path(dir, "c.png")), "%s", bad[i].args);
        cr_expect(!th_file_exists(th_path(dir, "alt.txt")), "%s",
                  bad[i].args);
    }
}

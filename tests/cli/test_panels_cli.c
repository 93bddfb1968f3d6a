/*
 * map --panel-by: one panel per value of a column, on one width scale,
 * one extent and one node scale; bad panel input refused with nothing
 * written.
 */
#include <cairo.h>
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* The width_pt of the origin,destination row of a flows CSV. */
static double width_of(const char *path, const char *origin,
                       const char *dest)
{
    char *text = th_read_file(path, NULL);
    cr_assert_not_null(text, "%s", path);
    char key[64];
    snprintf(key, sizeof key, "\n%s,%s,", origin, dest);
    const char *row = strstr(text, key);
    cr_assert_not_null(row, "%s: no %s -> %s", path, origin, dest);
    double weight, width;
    cr_assert_eq(sscanf(row + strlen(key), "%lf,%lf", &weight, &width), 2);
    free(text);
    return width;
}

/* Texas's one flow in both periods, Arizona's three times as heavy in
 * the second only. */
static const char two_periods[] = "period,origin,destination,count\n"
                                  "A,Texas,Tamaulipas,1000\n"
                                  "B,Texas,Tamaulipas,1000\n"
                                  "B,Arizona,Sonora,3000\n";

Test(panels_cli, panels_share_one_width_scale)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), two_periods, strlen(two_periods));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map -q %s --panel-by period --flows-csv %s "
             "-o %s", th_binary(), th_path(dir, "t.csv"),
             th_path(dir, "f.csv"), th_path(dir, "p.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    double a = width_of(th_path(dir, "f-A.csv"), "US-TX", "MX-TAM");
    double b = width_of(th_path(dir, "f-B.csv"), "US-TX", "MX-TAM");
    double c = width_of(th_path(dir, "f-B.csv"), "US-AZ", "MX-SON");
    cr_expect_float_eq(a, b, 1e-9, "the same weight, %g and %g pt", a, b);
    cr_expect_float_eq(c / b, 3.0, 1e-6, "%g against %g", c, b);
}

/* Two panels of the same rows: the right one is the left one moved
 * sideways, pixel for pixel (the legend, below, and the headings, above,
 * apart), so every node sits at the same place in its panel. */
Test(panels_cli, the_same_node_sits_at_the_same_place_in_each_panel)
{
    const char *dir = th_tmpdir();
    static const char t[] = "period,origin,destination,count\n"
                            "A,Texas,Tamaulipas,1000\nA,Arizona,Sonora,600\n"
                            "B,Texas,Tamaulipas,1000\nB,Arizona,Sonora,600\n";
    th_write_file(th_path(dir, "t.csv"), t, strlen(t));
    char cmd[2048], *err = NULL;
    /* The left panel's heading takes two lines, the right one's one: the
     * maps stay level all the same. */
    snprintf(cmd, sizeof cmd, "%s map -q %s --panel-by period --flow-labels "
             "count --panel-title 'A=The first period, whose heading is "
             "long enough to take two lines of the panel' -o %s",
             th_binary(), th_path(dir, "t.csv"), th_path(dir, "p.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    cairo_surface_t *s = cairo_image_surface_create_from_png(
        th_path(dir, "p.png"));
    cr_assert_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    const unsigned char *d = cairo_image_surface_get_data(s);
    int w = cairo_image_surface_get_width(s);
    int h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    int best_dx = 0;
    double best = 0;
    for (int dx = w / 2 - 40; dx <= w / 2 + 40; dx++) {
        long same = 0, all = 0;
        for (int y = h / 5; y < 3 * h / 5; y += 2)
            for (int x = w / 20; x < 9 * w / 20; x++) {
                uint32_t p, q;
                memcpy(&p, d + y * stride + 4 * x, 4);
                memcpy(&q, d + y * stride + 4 * (x + dx), 4);
                same += p == q;
                all++;
            }
        if ((double)same / all > best)
            best = (double)same / all, best_dx = dx;
    }
    cairo_surface_destroy(s);
    cr_expect_geq(best, 0.9999, "best shift %d px: %.5f of pixels the same",
                  best_dx, best);
}

Test(panels_cli, bad_panels_write_nothing)
{
    const char *dir = th_tmpdir();
    char many[2048] = "year,origin,destination,count\n";
    for (int y = 2000; y < 2013; y++)
        snprintf(many + strlen(many), sizeof many - strlen(many),
                 "%d,Texas,Tamaulipas,%d\n", y, 100 + y);
    th_write_file(th_path(dir, "many.csv"), many, strlen(many));
    static const char two[] = "year,origin,destination,count\n"
                              "2019,Texas,Tamaulipas,10\n"
                              "2020,Arizona,Sonora,20\n";
    th_write_file(th_path(dir, "two.csv"), two, strlen(two));
    static const struct {
        const char *file, *args, *message;
    } cases[] = {
        { "many.csv", "--panel-by year", "more than 12 distinct values" },
        { "two.csv", "--panel-by period", "period" },
        { "two.csv", "--panel-by year --where origin=Texas",
          "the panel '2020' has no rows that the other filters keep" },
        { "two.csv", "--panel-by year --width 500 --height 400",
          "under the 150 pt a map needs" },
        { "two.csv", "--panel-by year --panel-grid 1x1",
          "--panel-grid 1x1: give columns x rows, room for the 2 panels" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char cmd[2048], *err = NULL;
        snprintf(cmd, sizeof cmd, "%s map %s %s -o %s", th_binary(),
                 th_path(dir, cases[i].file), cases[i].args,
                 th_path(dir, "out.png"));
        cr_expect_neq(th_run(cmd, &err), 0, "%s", cases[i].args);
        cr_expect(err && strstr(err, cases[i].message), "%s: %s",
                  cases[i].args, err);
        free(err);
        cr_expect(!th_file_exists(th_path(dir, "out.png")), "%s",
                  cases[i].args);
    }
}

/* [panel LABEL] sections of a spec file: each panel its own filters and
 * title, on one scale as --panel-by's; the flows CSV per label. */
Test(panels_cli, spec_sections_are_panels_of_their_own_filters)
{
    const char *dir = th_tmpdir();
    static const char t[] = "year,origin,destination,weapon,count\n"
                            "2019,Texas,Tamaulipas,rifle,100\n"
                            "2019,Texas,Tamaulipas,pistol,150\n"
                            "2020,Texas,Tamaulipas,rifle,300\n"
                            "2021,Arizona,Sonora,rifle,40\n";
    th_write_file(th_path(dir, "t.csv"), t, strlen(t));
    char spec[1024];
    snprintf(spec, sizeof spec,
             "input = t.csv\noutput = p.png\nflows-csv = f.csv\n"
             "alt-text = alt.txt\nout-dir = %s\n"
             "title = Rifles and the rest\n[panel rifles]\n"
             "title = Rifles, 2019-2021\nwhere = weapon=rifle\n"
             "[panel pistols-2019]\nwhere = weapon=pistol\nyears = 2019\n",
             dir);
    th_write_file(th_path(dir, "p.ini"), spec, strlen(spec));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map -q -c %s", th_binary(),
             th_path(dir, "p.ini"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    double rifles = width_of(th_path(dir, "f-rifles.csv"), "US-TX", "MX-TAM");
    double pistols = width_of(th_path(dir, "f-pistols-2019.csv"), "US-TX",
                              "MX-TAM");
    cr_expect_float_eq(rifles / pistols, 400.0 / 150, 1e-3, "%g and %g",
                       rifles, pistols);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(alt && strstr(alt, "Rifles, 2019-2021.") &&
              strstr(alt, "pistols-2019."), "%s", alt);
    free(alt);
}

Test(panels_cli, bad_sections_name_the_file_and_line)
{
    const char *dir = th_tmpdir();
    static const char t[] = "year,origin,destination,count\n"
                            "2019,Texas,Tamaulipas,100\n";
    th_write_file(th_path(dir, "t.csv"), t, strlen(t));
    static const struct { const char *body, *says; } cases[] = {
        { "[panel]\nwhere = year=2019\n", "line 5: key 'where': name each "
                                          "[panel] section: [panel LABEL]" },
        { "[panel a]\nwhere = year=2019\ncolour = red\n",
          "line 6: key 'colour': in [panel a], not one of title where "
          "years" },
        { "[panel a]\ntitle = A\n", "[panel a] has no filter of its own" },
        { "[panel a]\nyears = soon\n", "[panel a] years: 'soon' is not a "
                                       "year" },
        { "[panel a]\nyears = 2030\n", "the panel 'a' has no rows" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char spec[512];
        snprintf(spec, sizeof spec, "input = t.csv\noutput = p.png\n"
                 "out-dir = %s\n%s", dir, cases[i].body);
        th_write_file(th_path(dir, "p.ini"), spec, strlen(spec));
        char cmd[2048], *err = NULL;
        snprintf(cmd, sizeof cmd, "%s map -q -c %s", th_binary(),
                 th_path(dir, "p.ini"));
        cr_expect_neq(th_run(cmd, &err), 0, "%s", cases[i].body);
        cr_expect(err && strstr(err, cases[i].says), "%s: %s", cases[i].body,
                  err);
        free(err);
        cr_expect(!th_file_exists(th_path(dir, "p.png")), "%s",
                  cases[i].body);
    }
}

/* Pixels within tol of rgb in the columns from .. to (shares of the
 * width) of the top 70% of a PNG: the panels, not the legend under them. */
static long count_in(const char *path, unsigned rgb, int tol, double from,
                     double to)
{
    const double box[4] = { from, 0, to, 0.7 };
    return th_png_count_in(path, rgb, tol, box);
}

/* River mode panels: a crossing has one colour in every panel, by its
 * traffic over all of them (Nogales, the busiest overall, is the first
 * colour even in the panel it is absent from, where Texas's crossing
 * would otherwise take it), and the legend sits apart from both maps. */
Test(panels_cli, river_panels_colour_each_crossing_alike)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), two_periods, strlen(two_periods));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map -q %s --mode river --panel-by period "
             "--flows-csv %s -o %s", th_binary(), th_path(dir, "t.csv"),
             th_path(dir, "f.csv"), th_path(dir, "p.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    const char *png = th_path(dir, "p.png");
    long orange_a = count_in(png, 0xD55E00, 8, 0, 0.5);
    long orange_b = count_in(png, 0xD55E00, 8, 0.5, 1);
    long blue_a = count_in(png, 0x0072B2, 8, 0, 0.5);
    long blue_b = count_in(png, 0x0072B2, 8, 0.5, 1);
    cr_expect_eq(orange_a, 0, "no Nogales band in panel A: %ld", orange_a);
    cr_expect_gt(orange_b, 200, "Nogales in panel B: %ld", orange_b);
    cr_expect_gt(blue_a, 150, "Texas's crossing in panel A: %ld", blue_a);
    cr_expect_gt(blue_b, 150, "Texas's crossing in panel B: %ld", blue_b);
    cr_expect_lt(abs((int)(blue_a - blue_b)), blue_b / 10 + 10,
                 "one scale: %ld and %ld pixels of the same trunk", blue_a,
                 blue_b);
    char *f = th_read_file(th_path(dir, "f-A.csv"), NULL);
    cr_expect(f && strstr(f, "US-TX,MX-TAM,"), "%s", f);
    free(f);
}

/* What a panel's thresholds leave out is said under its heading, in the
 * page's note (and so the text alternative), once, after the source. */
Test(panels_cli, each_panel_says_what_it_leaves_out)
{
    const char *dir = th_tmpdir();
    static const char t[] = "period,origin,destination,count\n"
                            "A,Texas,Tamaulipas,1000\n"
                            "B,Texas,Tamaulipas,1000\nB,Arizona,Sonora,300\n";
    th_write_file(th_path(dir, "t.csv"), t, strlen(t));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map -q %s --panel-by period --top 1 "
             "--source 'Source: S.' --alt-text %s -o %s", th_binary(),
             th_path(dir, "t.csv"), th_path(dir, "alt.txt"),
             th_path(dir, "p.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(alt && strstr(alt, "\nSource: S. B: 1 smaller flow, 23.1% of "
                                 "the total, is not shown.\n"), "%s", alt);
    cr_expect(alt && !strstr(alt, "A: "), "%s", alt);
    free(alt);
}

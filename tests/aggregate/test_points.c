/*
 * Coordinates in the trace file: each row's point counts for the state or
 * country it lies in; the same table on one thread or two, and with or
 * without the fast path; bad coordinates and points across the border
 * refused with their line and column; points in no state skipped and
 * listed with --skip-unknown.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/layer.h"
#include "load/locate.h"
#include "load/states.h"
#include "aggregate/aggregate.h"
#include "helpers.h"

static th_located world;
static ir_states *table;
static ir_layer **layers;
static ir_locator *locator;

static void setup(void)
{
    ir_error err = { 0 };
    cr_assert_eq(th_located_load(&world, &err), 0, "%s", err.message);
    table = world.table;
    layers = world.layers;
    locator = world.locator;
}

static void teardown(void)
{
    th_located_free(&world);
}

TestSuite(points, .init = setup, .fini = teardown);

static ir_aggregate_options by_points(void)
{
    ir_aggregate_options o = { 0 };
    o.origin_lon = "lon";
    o.origin_lat = "lat";
    o.locator = locator;
    return o;
}

/* The OD table of path under o, as CSV text (caller frees); NULL with
 * err set on failure. */
static char *od_text(const char *path, const ir_aggregate_options *o,
                     ir_aggregate_report *rep, ir_error *err)
{
    ir_od *od = ir_aggregate_file(path, table, o, rep, err);
    if (od == NULL)
        return NULL;
    const char *out = th_path(th_tmpdir(), "od.csv");
    cr_assert_eq(ir_od_write_csv(od, out, err), 0, "%s", err->message);
    ir_od_destroy(od);
    return th_read_file(out, NULL);
}

Test(points, each_point_counts_for_the_state_it_lies_in)
{
    static const char rows[] =
        "lon,lat,destination,count\n"
        "-110.97,32.22,Sonora,3\n"        /* Tucson */
        " -110.97 ,32.22,Sonora,4\n"      /* the same dealer, spaced */
        "-95.37,29.76,Tamaulipas,5\n"     /* Houston */
        "-112.07,33.45,Guatemala,2\n";    /* Phoenix */
    const char *path = th_path(th_tmpdir(), "rows.csv");
    th_write_file(path, rows, strlen(rows));
    ir_aggregate_options o = by_points();
    ir_aggregate_report rep;
    ir_error err = { 0 };
    char *csv = od_text(path, &o, &rep, &err);
    cr_assert_not_null(csv, "%s", err.message);
    cr_expect_str_eq(csv, "origin,destination,weight\nUS-AZ,MX-SON,7\n"
                          "US-TX,MX-TAM,5\nUS-AZ,GT,2\n");
    free(csv);
    ir_aggregate_report_free(&rep);
}

Test(points, bad_points_name_their_line_and_column)
{
    static const struct { const char *row, *want[3]; } bad[] = {
        { "west,32.2,Sonora\n", { "line 2", "column lon", "'west'" } },
        { "-110.9,95,Sonora\n", { "line 2", "column lat", "'95'" } },
        { "-106.45,31.69,Sonora\n",
          { "line 2", "lies in Chihuahua", "U.S. state where the gun was "
                                            "bought" } },
        { "-90,25,Sonora\n", { "line 2", "(-90, 25) lies in no U.S. state",
                               "--skip-unknown" } },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[256];
        snprintf(text, sizeof text, "lon,lat,destination\n%s", bad[i].row);
        const char *path = th_path(th_tmpdir(), "bad.csv");
        th_write_file(path, text, strlen(text));
        ir_aggregate_options o = by_points();
        ir_aggregate_report rep;
        ir_error err = { 0 };
        cr_expect_null(ir_aggregate_file(path, table, &o, &rep, &err), "%s",
                       bad[i].row);
        for (int k = 0; k < 3; k++)
            cr_expect(strstr(err.message, bad[i].want[k]) != NULL,
                      "'%s' lacks '%s'", err.message, bad[i].want[k]);
    }
    /* With --skip-unknown the point at sea is left out and listed. */
    static const char sea[] = "lon,lat,destination\n-90,25,Sonora\n"
                              "-110.97,32.22,Sonora\n";
    const char *path = th_path(th_tmpdir(), "sea.csv");
    th_write_file(path, sea, strlen(sea));
    ir_aggregate_options o = by_points();
    o.skip_unknown = true;
    ir_aggregate_report rep;
    ir_error err = { 0 };
    char *csv = od_text(path, &o, &rep, &err);
    cr_assert_not_null(csv, "%s", err.message);
    cr_expect_str_eq(csv, "origin,destination,weight\nUS-AZ,MX-SON,1\n");
    cr_expect_eq(rep.skipped_unknown, 1);
    cr_expect(rep.nunknown == 1 && !strcmp(rep.unknown[0].value, "-90, 25"));
    free(csv);
    ir_aggregate_report_free(&rep);
}

/* A file past the two-thread threshold: two workers with their own
 * caches and one locator give the table one worker gives, and so does
 * libcsv alone. */
Test(points, one_thread_or_two_give_the_same_table)
{
    static const double dealers[][2] = {
        { -110.97, 32.22 }, { -95.37, 29.76 }, { -112.07, 33.45 },
        { -106.40, 31.85 }, { -98.49, 29.42 }, { -118.24, 34.05 } };
    static const char *const dests[] = { "Sonora", "Tamaulipas", "Jalisco",
                                         "Guatemala" };
    const char *path = th_path(th_tmpdir(), "big.csv");
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("lon,lat,destination,count\n", fp);
    for (long i = 0; i < 900000; i++)
        fprintf(fp, "%.2f,%.2f,%s,%ld\n", dealers[i % 6][0], dealers[i % 6][1],
                dests[(i / 6) % 4], 1 + i % 3);
    fclose(fp);
    ir_aggregate_options o = by_points();
    ir_aggregate_report rep;
    ir_error err = { 0 };
    o.threads = 1;
    char *one = od_text(path, &o, &rep, &err);
    cr_assert_not_null(one, "%s", err.message);
    ir_aggregate_report_free(&rep);
    o.threads = 2;
    char *two = od_text(path, &o, &rep, &err);
    cr_assert_not_null(two, "%s", err.message);
    ir_aggregate_report_free(&rep);
    o.threads = 1;
    o.no_fast_path = true;
    char *slow = od_text(path, &o, &rep, &err);
    cr_assert_not_null(slow, "%s", err.message);
    ir_aggregate_report_free(&rep);
    cr_expect_str_eq(one, two);
    cr_expect_str_eq(one, slow);
    cr_expect(strstr(one, "US-CA,") != NULL, "%s", one);
    free(one);
    free(two);
    free(slow);
}

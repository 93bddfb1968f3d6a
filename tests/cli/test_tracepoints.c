/*
 * Points in the trace file itself as nodes: a dealer id with its
 * coordinates makes one place per dealer, which rolls up to exactly the
 * table aggregated by state name; coordinates alone make one place per
 * point ("-110.97" and "-110.970" the same), named by its coordinates;
 * a dealer at two positions, a longitude that is no number, and points
 * from standard input are refused naming line and column, nothing
 * written.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static int run(const char *args, char **err)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s %s", th_binary(), args);
    return th_run(cmd, err);
}

static int lines_of(const char *text)
{
    int n = 0;
    for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++)
        n++;
    return n;
}

Test(tracepoints, dealer_ids_with_coordinates_roll_up_exactly, .timeout = 60)
{
    const char *dir = th_tmpdir();
    char args[2048], *err = NULL;
    snprintf(args, sizeof args, "bench/gen-traces 30000 7 --points > %s",
             th_path(dir, "t.csv"));
    cr_assert_eq(th_run(args, NULL), 0);
    snprintf(args, sizeof args,
             "aggregate -q %s --origin dealer_id --origin-lon dealer_lon "
             "--origin-lat dealer_lat -o %s", th_path(dir, "t.csv"),
             th_path(dir, "dealers.csv"));
    cr_assert_eq(run(args, &err), 0, "%s", err);
    free(err);
    snprintf(args, sizeof args,
             "aggregate -q %s --origin dealer_id --origin-lon dealer_lon "
             "--origin-lat dealer_lat --origin-level state -o %s",
             th_path(dir, "t.csv"), th_path(dir, "up.csv"));
    cr_assert_eq(run(args, &err), 0, "%s", err);
    free(err);
    snprintf(args, sizeof args,
             "aggregate -q %s --origin purchase_state -o %s",
             th_path(dir, "t.csv"), th_path(dir, "names.csv"));
    cr_assert_eq(run(args, &err), 0, "%s", err);
    free(err);
    char *dealers = th_read_file(th_path(dir, "dealers.csv"), NULL);
    char *up = th_read_file(th_path(dir, "up.csv"), NULL);
    char *names = th_read_file(th_path(dir, "names.csv"), NULL);
    cr_assert(dealers && up && names);
    cr_expect_str_eq(up, names, "rolled up, the dealers are their states");
    cr_expect(lines_of(dealers) > 5 * lines_of(names),
              "a pair per dealer and state: %d lines against %d",
              lines_of(dealers), lines_of(names));
    cr_expect(strstr(dealers, "\nD0") != NULL, "dealer ids as origins");
    free(dealers);
    free(up);
    free(names);
}

Test(tracepoints, coordinates_alone_are_one_place_per_point)
{
    const char *dir = th_tmpdir();
    static const char t[] =
        "lon,lat,recovery_state,n\n"
        "-110.97,32.22,Sonora,5\n-110.970,32.2200,Sonora,2\n"
        "-112.07,33.45,Sinaloa,4\n-110.97,32.22,Sinaloa,1\n";
    th_write_file(th_path(dir, "t.csv"), t, strlen(t));
    char args[2048], *err = NULL;
    snprintf(args, sizeof args,
             "aggregate -q %s --origin-lon lon --origin-lat lat --weight n "
             "-o %s", th_path(dir, "t.csv"), th_path(dir, "od.csv"));
    cr_assert_eq(run(args, &err), 0, "%s", err);
    free(err);
    char *od = th_read_file(th_path(dir, "od.csv"), NULL);
    cr_assert_not_null(od);
    cr_expect_eq(lines_of(od), 4, "header and three pairs:\n%s", od);
    cr_expect(strstr(od, ",MX-SON,7\n") != NULL, "%s", od);
    free(od);
    snprintf(args, sizeof args,
             "map -q %s --origin-lon lon --origin-lat lat --weight n "
             "--cluster none -o %s --alt-text %s", th_path(dir, "t.csv"),
             th_path(dir, "m.png"), th_path(dir, "alt.txt"));
    cr_assert_eq(run(args, &err), 0, "%s", err);
    free(err);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_assert_not_null(alt);
    cr_expect(strstr(alt, "32.22° N, 110.97° W to Sonora, 7") != NULL, "%s",
              alt);
    free(alt);
}

Test(tracepoints, bad_points_refused)
{
    const char *dir = th_tmpdir();
    static const char moved[] =
        "dealer,lon,lat,recovery_state\n"
        "d1,-110.97,32.22,Sonora\nd2,-112.07,33.45,Sonora\n"
        "d1,-111.50,32.22,Sinaloa\n";
    th_write_file(th_path(dir, "moved.csv"), moved, strlen(moved));
    char args[2048], *err = NULL;
    snprintf(args, sizeof args,
             "map -q %s --origin dealer --origin-lon lon --origin-lat lat "
             "-o %s", th_path(dir, "moved.csv"), th_path(dir, "m.png"));
    cr_assert_neq(run(args, &err), 0);
    cr_expect(strstr(err, "moved.csv: line 4: column lon: 'd1' is at "
                          "(-111.5, 32.22) here but at (-110.97, 32.22) on "
                          "line 2") != NULL, "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "m.png")));

    static const char bad[] =
        "lon,lat,recovery_state\n-110.97,32.22,Sonora\nW110,32.2,Sonora\n";
    th_write_file(th_path(dir, "bad.csv"), bad, strlen(bad));
    snprintf(args, sizeof args,
             "aggregate -q %s --origin-lon lon --origin-lat lat -o %s",
             th_path(dir, "bad.csv"), th_path(dir, "od.csv"));
    cr_assert_neq(run(args, &err), 0);
    cr_expect(strstr(err, "bad.csv: line 3: column lon: 'W110' is not a "
                          "longitude") != NULL, "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "od.csv")));

    snprintf(args, sizeof args,
             "aggregate -q - --origin-lon lon --origin-lat lat -o %s < %s",
             th_path(dir, "od.csv"), th_path(dir, "bad.csv"));
    cr_assert_neq(run(args, &err), 0);
    cr_expect(strstr(err, "give a file, not standard input") != NULL, "%s",
              err);
    free(err);
}

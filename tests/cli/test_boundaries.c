/*
 * Boundaries of the user's own, as map and aggregate take them: a layer
 * covering part of the two countries draws what it covers and says which
 * flows have no boundary, in the note, the text alternative and on
 * stderr; with none drawable the run fails naming the places; a spec
 * file names its shapes from its own folder.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const char rows[] = "origin,destination,weight\n"
                           "AZ,Guatemala,40\nTX,Tamaulipas,50\n"
                           "TX,Honduras,30\n";

Test(boundaries, a_layer_covering_part_draws_it_and_says_what_is_missing)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "od.csv"), rows, strlen(rows));
    char cmd[8192], *err = NULL;
    /* The U.S. states alone, beside a spec file that names them from its
     * own folder. */
    static const char *const ext[] = { "shp", "shx", "dbf", "prj", "cpg" };
    for (int i = 0; i < 5; i++) {
        char from[64], to[16];
        snprintf(from, sizeof from, "shapes/us-states.%s", ext[i]);
        snprintf(to, sizeof to, "us.%s", ext[i]);
        cr_assert_eq(th_copy_file(from, th_path(dir, to)), 0, "%s", from);
    }
    char spec[8192];
    snprintf(spec, sizeof spec,
             "input = od.csv\nshapes = us.shp\nalt-text = %s\noutput = %s\n"
             "lang = es\n", th_path(dir, "alt.txt"), th_path(dir, "map.png"));
    th_write_file(th_path(dir, "fig.ini"), spec, strlen(spec));
    snprintf(cmd, sizeof cmd, "%s map -c %s", th_binary(),
             th_path(dir, "fig.ini"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    cr_expect(err && strstr(err, "1 flow not drawn: the boundaries loaded "
                                 "have no Tamaulipas"), "%s", err);
    free(err);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(alt && strstr(alt, "1 flujo, con el 41,7\u00a0% del total, no se "
                                 "dibuja: no hay contorno de Tamaulipas."),
              "%s", alt);
    cr_expect(alt && strstr(alt, "Arizona a Guatemala, 40"), "%s", alt);
    free(alt);
    cr_expect(th_file_exists(th_path(dir, "map.png")));
    /* Mexico's states alone: no origin can be drawn. */
    snprintf(cmd, sizeof cmd,
             "%s map %s --shapes shapes/mx-states.shp -o %s", th_binary(),
             th_path(dir, "od.csv"), th_path(dir, "none.png"));
    cr_expect_eq(th_run(cmd, &err), 2);
    cr_expect(err && strstr(err, "no flow to draw: the boundaries loaded "
                                 "have no Texas, Arizona"), "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "none.png")));
}

/* aggregate locates points in the boundaries given: without Mexico's
 * states a point in Sonora lies in none. */
Test(boundaries, aggregate_locates_in_the_boundaries_given)
{
    const char *dir = th_tmpdir();
    static const char pts[] = "origin,lon,lat\nTexas,-110.96,29.07\n";
    th_write_file(th_path(dir, "pts.csv"), pts, strlen(pts));
    char cmd[4096], *err = NULL;
    snprintf(cmd, sizeof cmd,
             "%s aggregate -q %s --dest-lon lon --dest-lat lat "
             "--dest-level state -o -",
             th_binary(), th_path(dir, "pts.csv"));
    char *out = NULL;
    cr_expect_eq(th_run(cmd, &out), 0, "%s", out);
    free(out);
    snprintf(cmd, sizeof cmd,
             "%s aggregate -q %s --dest-lon lon --dest-lat lat "
             "--dest-level state --shapes shapes/us-states.shp -o -",
             th_binary(), th_path(dir, "pts.csv"));
    cr_expect_eq(th_run(cmd, &err), 2);
    cr_expect(err && strstr(err, "(-110.96, 29.07) lies in no Mexican state"),
              "%s", err);
    free(err);
}

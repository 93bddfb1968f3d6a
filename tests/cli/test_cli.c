/*
 * The ironriver command line: help, exit codes, messages, user shapefiles,
 * and that a failed run leaves no partial or clobbered output.
 */
#include <criterion/criterion.h>
#include <shapefil.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static int run(const char *args, char **err)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s %s", th_binary(), args);
    return th_run(cmd, err);
}

Test(cli, help_and_version_succeed)
{
    cr_expect_eq(run("--help", NULL), 0);
    cr_expect_eq(run("--version", NULL), 0);
    cr_expect_eq(run("basemap --help", NULL), 0);
}

Test(cli, usage_errors_exit_1_with_a_message)
{
    char *err = NULL;
    cr_expect_eq(run("", NULL), 1);
    cr_expect_eq(run("nosuchcommand", &err), 1);
    cr_expect(strstr(err, "nosuchcommand") != NULL, "%s", err);
    free(err);
    cr_expect_eq(run("basemap --width 10x -o x.png", &err), 1);
    cr_expect(strstr(err, "--width") != NULL, "%s", err);
    free(err);
    cr_expect_eq(run("basemap --bogus -o x.png", &err), 1);
    cr_expect(strstr(err, "--bogus") != NULL, "%s", err);
    free(err);
    cr_expect_eq(run("basemap", &err), 1);
    cr_expect(strstr(err, "-o") != NULL, "%s", err);
    free(err);
    char args[600];
    snprintf(args, sizeof args, "basemap -o %s/map.tiff",
             th_tmpdir());
    cr_expect_eq(run(args, &err), 1);
    cr_expect(strstr(err, "map.tiff") != NULL, "%s", err);
    free(err);
    snprintf(args, sizeof args, "basemap --projection +proj=nosuch -o %s/m.svg",
             th_tmpdir());
    cr_expect_eq(run(args, &err), 1);
    cr_expect(strstr(err, "nosuch") != NULL, "%s", err);
    free(err);
}

/* A damaged input exits 2, names the file, and neither creates the output
 * nor touches an existing one. */
Test(cli, bad_input_leaves_output_alone)
{
    const char *dir = th_tmpdir();
    const char *out = th_path(dir, "map.png");
    const char *fresh = th_path(dir, "fresh.svg");
    th_write_file(out, "OLD", 3);
    th_copy_file("shapes/mx-states.shp", th_path(dir, "cut.shp"));
    th_copy_file("shapes/mx-states.dbf", th_path(dir, "cut.dbf"));
    size_t n;
    char *shx = th_read_file("shapes/mx-states.shx", &n);
    th_write_file(th_path(dir, "cut.shx"), shx, n);
    free(shx);
    size_t m;
    char *shp = th_read_file("shapes/mx-states.shp", &m);
    th_write_file(th_path(dir, "cut.shp"), shp, m - 1000);
    free(shp);

    char args[1200], *err = NULL;
    snprintf(args, sizeof args, "basemap --shapes %s/cut.shp -o %s -o %s",
             dir, out, fresh);
    cr_expect_eq(run(args, &err), 2);
    cr_expect(strstr(err, "cut.shp") != NULL, "%s", err);
    cr_expect(strstr(err, "truncated") != NULL, "%s", err);
    free(err);
    char *kept = th_read_file(out, NULL);
    cr_expect_str_eq(kept, "OLD");
    free(kept);
    cr_expect(!th_file_exists(fresh), "output created on failure");
    /* No temporary files left behind either. */
    char cmd[700];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | grep -c '^\\.') -eq 0", dir);
    cr_expect_eq(th_run(cmd, NULL), 0, "temporary files left in %s", dir);
}

Test(cli, unwritable_output_exits_3)
{
    char *err = NULL;
    cr_expect_eq(run("basemap -o /nonexistent-dir/map.png", &err), 3);
    cr_expect(strstr(err, "/nonexistent-dir/map.png") != NULL, "%s", err);
    free(err);
}

Test(cli, missing_index_file_exits_2)
{
    const char *dir = th_tmpdir();
    th_copy_file("shapes/us-states.shp", th_path(dir, "us.shp"));
    th_copy_file("shapes/us-states.dbf", th_path(dir, "us.dbf"));
    char args[1200], *err = NULL;
    snprintf(args, sizeof args, "basemap --shapes %s/us.shp -o %s/m.svg", dir,
             dir);
    cr_expect_eq(run(args, &err), 2);
    cr_expect(strstr(err, "us.shx") != NULL, "%s", err);
    free(err);
}

/* A Census-style file: NAD83 lon/lat, STATEFP/STUSPS/NAME fields, plus a
 * territory that is no state.  It must draw, with the territory noted. */
Test(cli, census_style_user_file_draws)
{
    const char *dir = th_tmpdir();
    const char *base = th_path(dir, "cb_state");
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "STATEFP", FTString, 2, 0);
    DBFAddField(dbf, "STUSPS", FTString, 2, 0);
    DBFAddField(dbf, "NAME", FTString, 40, 0);
    static const struct { const char *fp, *usps, *name; double x0, y0, x1, y1; }
    rows[] = {
        { "04", "AZ", "Arizona", -114.8, 31.3, -109.0, 37.0 },
        { "35", "NM", "New Mexico", -109.0, 31.3, -103.0, 37.0 },
        { "72", "PR", "Puerto Rico", -67.3, 17.9, -65.6, 18.5 },
    };
    for (int i = 0; i < 3; i++) {
        double x[5] = { rows[i].x0, rows[i].x0, rows[i].x1, rows[i].x1,
                        rows[i].x0 };
        double y[5] = { rows[i].y0, rows[i].y1, rows[i].y1, rows[i].y0,
                        rows[i].y0 };
        SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, x, y, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, 0, rows[i].fp);
        DBFWriteStringAttribute(dbf, i, 1, rows[i].usps);
        DBFWriteStringAttribute(dbf, i, 2, rows[i].name);
    }
    SHPClose(shp);
    DBFClose(dbf);
    static const char nad83[] =
        "GEOGCS[\"GCS_North_American_1983\",DATUM[\"D_North_American_1983\","
        "SPHEROID[\"GRS_1980\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],"
        "UNIT[\"Degree\",0.017453292519943295]]";
    th_write_file(th_path(dir, "cb_state.prj"), nad83, strlen(nad83));
    char args[1200], *err = NULL;
    snprintf(args, sizeof args, "basemap --shapes %s/cb_state.shp -o %s/m.png",
             dir, dir);
    cr_expect_eq(run(args, &err), 0, "%s", err);
    cr_expect(strstr(err, "Puerto Rico") != NULL, "%s", err);
    free(err);
    cr_expect(th_file_exists(th_path(dir, "m.png")));
}

Test(cli, file_naming_no_state_is_an_error)
{
    const char *dir = th_tmpdir();
    const char *base = th_path(dir, "provinces");
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "NAME", FTString, 40, 0);
    const char *names[] = { "Ontario", "Québec" };
    for (int i = 0; i < 2; i++) {
        double x[4] = { -80 + i, -80 + i, -79 + i, -80 + i };
        double y[4] = { 45, 46, 46, 45 };
        SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 4, x, y, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, 0, names[i]);
    }
    SHPClose(shp);
    DBFClose(dbf);
    char *err = NULL;
    char args[1200];
    snprintf(args, sizeof args, "basemap --shapes %s/provinces.shp -o %s/m.svg",
             dir, dir);
    cr_expect_eq(run(args, &err), 2);
    cr_expect(strstr(err, "provinces.shp") != NULL, "%s", err);
    cr_expect(strstr(err, "--name-field") != NULL, "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "m.svg")));
}

/* A failure after the outputs were opened (the second cannot be created)
 * delivers none of them. */
Test(cli, all_outputs_or_none)
{
    const char *dir = th_tmpdir();
    char args[1200], *err = NULL;
    snprintf(args, sizeof args, "basemap -o %s/good.png -o /nonexistent/x.svg",
             dir);
    cr_expect_eq(run(args, &err), 3);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "good.png")));
    snprintf(args, sizeof args, "basemap -o %s/good.png -o %s/bad.tiff", dir,
             dir);
    cr_expect_eq(run(args, &err), 1);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "good.png")));
    char cmd[700];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | grep -c '^\\.') -eq 0", dir);
    cr_expect_eq(th_run(cmd, NULL), 0, "temporary files left in %s", dir);
}

/* An empty output name (an "alt-text =" left blank in a spec file) is
 * refused before anything is drawn: the figure is not delivered without
 * the files meant to go beside it, and the message names the option. */
Test(cli, empty_output_names_are_refused_up_front)
{
    const char *dir = th_tmpdir();
    char args[1200], *err = NULL;
    snprintf(args, sizeof args, "map tests/data/channels-2022-2023.csv "
             "-o %s/m.svg --flows-csv ''", dir);
    cr_expect_eq(run(args, &err), 1);
    cr_expect(err && strstr(err, "--flows-csv: an empty file name"), "%s", err);
    free(err);
    snprintf(args, sizeof args, "aggregate tests/data/channels-2022-2023.csv "
             "-o ''");
    cr_expect_eq(run(args, &err), 1);
    cr_expect(err && strstr(err, "--output: an empty file name"), "%s", err);
    free(err);
    const char *spec = th_path(dir, "blank.ini");
    const char *text = "input = channels-2022-2023.csv\nalt-text =\n";
    th_copy_file("tests/data/channels-2022-2023.csv",
                 th_path(dir, "channels-2022-2023.csv"));
    th_write_file(spec, text, strlen(text));
    snprintf(args, sizeof args, "map -c %s -o %s/m.svg", spec, dir);
    cr_expect_eq(run(args, &err), 1);
    cr_expect(err && strstr(err, "blank.ini: line 2: key 'alt-text': an "
                                 "empty file name"), "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "m.svg")));
}

Test(cli, nothing_shown_is_an_error)
{
    const char *dir = th_tmpdir();
    const char *base = th_path(dir, "ak");
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "NAME", FTString, 40, 0);
    double x[4] = { -150, -150, -140, -150 }, y[4] = { 60, 65, 65, 60 };
    SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 4, x, y, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    DBFWriteStringAttribute(dbf, 0, 0, "Alaska");
    SHPClose(shp);
    DBFClose(dbf);
    char args[1200], *err = NULL;
    snprintf(args, sizeof args, "basemap --shapes %s/ak.shp -o %s/m.png", dir,
             dir);
    cr_expect_eq(run(args, &err), 2);
    cr_expect(strstr(err, "--alaska") != NULL, "%s", err);
    free(err);
    snprintf(args, sizeof args, "basemap --alaska --shapes %s/ak.shp -o %s/m.png",
             dir, dir);
    cr_expect_eq(run(args, &err), 0, "%s", err);
    free(err);
}

Test(cli, interrupted_run_leaves_no_temporary_file)
{
    const char *dir = th_tmpdir();
    char cmd[1200];
    /* A large figure takes long enough to be interrupted while writing. */
    snprintf(cmd, sizeof cmd, "timeout -s TERM 0.5 %s basemap --width 12000 "
             "--height 9000 -o %s/big.png; test ! -e %s/big.png && "
             "test $(ls -A %s | grep -c '^\\.') -eq 0",
             th_binary(), dir, dir, dir);
    cr_expect_eq(th_run(cmd, NULL), 0, "files left in %s", dir);
}

/* The note speaks of faded flows only where flows are drawn faded: the
 * full matrix as a flow map says so, in river mode (trees, no faded
 * flows) it does not. */
Test(cli, faded_flows_are_said_only_where_drawn, .timeout = 120)
{
    const char *dir = th_tmpdir();
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "bench/gen-od.sh 1 > %s", th_path(dir, "od.csv"));
    cr_assert_eq(th_run(cmd, NULL), 0);
    for (int river = 0; river < 2; river++) {
        snprintf(cmd, sizeof cmd, "%s map -q %s %s -o %s --alt-text %s",
                 th_binary(), th_path(dir, "od.csv"),
                 river ? "--mode river" : "", th_path(dir, "m.png"),
                 th_path(dir, "alt.txt"));
        cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
        free(err);
        char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
        cr_assert_not_null(alt);
        cr_expect((strstr(alt, "drawn faded") != NULL) == !river,
                  "river %d: %s", river, alt);
        free(alt);
    }
}

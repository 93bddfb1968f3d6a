/*
 * map --fill: the states take their classes' colours in the PNG, the
 * note cites both sources, a bad fill file or option stops the run with
 * nothing written, and a palette that would hide some flows is said.
 */
#include <math.h>
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/layer.h"
#include "load/layerplaces.h"
#include "load/statevalues.h"
#include "layout/choropleth.h"
#include "helpers.h"

static const char flows[] = "purchase_state,recovery_state,count\n"
                            "Texas,Tamaulipas,1191\nArizona,Sonora,1618\n"
                            "Texas,Guanajuato,831\n";
static const char seized[] = "mx_state,count\nMichoacán,4979\n"
                             "Baja California,4932\nTamaulipas,4502\n"
                             "Jalisco,4117\nSonora,3720\nGuerrero,3168\n"
                             "Zacatecas,2321\nGuanajuato,2216\n";

Test(fill_cli, every_class_is_drawn_in_its_colour)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), flows, strlen(flows));
    th_write_file(th_path(dir, "s.csv"), seized, strlen(seized));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd,
             "%s map -q %s --fill %s --fill-classes 4 --source 'Flows: A.' "
             "--fill-source 'Shading: B.' --fill-title Seized "
             "--alt-text %s -o %s -o %s",
             th_binary(), th_path(dir, "t.csv"), th_path(dir, "s.csv"),
             th_path(dir, "a.txt"), th_path(dir, "a.png"),
             th_path(dir, "a.svg"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    /* The text alternative says what the shading shows, and the note
     * cites both sources. */
    char *alt = th_read_file(th_path(dir, "a.txt"), NULL);
    cr_assert_not_null(alt);
    cr_expect(strstr(alt, "Shading, Seized: highest in Michoacán (4,979), "
                          "Baja California (4,932) and Tamaulipas (4,502); "
                          "hatched: No data.") &&
                  strstr(alt, "Flows: A. Shading: B."),
              "%s", alt);
    free(alt);

    ir_error e = { 0 };
    ir_states *table = ir_states_load("data/states.csv", &e);
    cr_assert_not_null(table, "%s", e.message);
    ir_state_values *v = ir_state_values_load(th_path(dir, "s.csv"), table,
                                              NULL, NULL, &e);
    cr_assert_not_null(v, "%s", e.message);
    ir_choropleth_options o = { IR_CLASS_JENKS, 4, NULL, 0, IR_FILL_PURPLES,
                                "en", NULL, 0xf3ece0, 0 };
    ir_choropleth *c = ir_choropleth_create(v, table, &o, &e);
    cr_assert_not_null(c, "%s", e.message);
    const double *b;
    int n = ir_choropleth_classes(c, &b);
    cr_assert_eq(n, 4);
    /* Each class covers at least a whole state's interior. */
    for (int k = 0; k < n; k++) {
        long px = th_png_count(th_path(dir, "a.png"), ir_choropleth_rgb(c, k),
                             0);
        cr_expect_gt(px, 200, "class %d (#%06X): %ld pixels", k,
                     ir_choropleth_rgb(c, k), px);
    }
    /* The states without a value are hatched on their own ground. */
    cr_expect_gt(th_png_count(th_path(dir, "a.png"),
                            ir_choropleth_rgb(c, IR_FILL_NO_DATA), 0), 1000);
    ir_choropleth_destroy(c);
    ir_state_values_destroy(v);
    ir_states_destroy(table);
}

Test(fill_cli, bad_fill_input_writes_nothing)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), flows, strlen(flows));
    static const char bad[] = "state,value\nSonora,12\nJalisco,n/a\n";
    th_write_file(th_path(dir, "bad.csv"), bad, strlen(bad));
    static const char stray[] = "state,value\nSonora,12\nOntario,3\n";
    th_write_file(th_path(dir, "stray.csv"), stray, strlen(stray));
    static const struct {
        const char *args, *message;
    } cases[] = {
        { "--fill %s/bad.csv", "bad.csv: line 3: column value: 'n/a' is not "
                               "a number" },
        { "--fill %s/stray.csv", "stray.csv: line 3: column state: 'Ontario' "
                                 "is not a U.S. or Mexican state" },
        { "--fill %s/stray.csv --breaks 10,x", "--breaks 10,x: 'x' is not a "
                                                "number" },
        { "--fill-title Seized%.0s", "need --fill" },
        { "--fill %s/missing.csv", "missing.csv: cannot open" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char cmd[2048], args[512], *err = NULL;
        snprintf(args, sizeof args, cases[i].args, dir);
        snprintf(cmd, sizeof cmd, "%s map %s %s -o %s", th_binary(),
                 th_path(dir, "t.csv"), args, th_path(dir, "out.png"));
        cr_expect_neq(th_run(cmd, &err), 0, "%s", args);
        cr_expect(err && strstr(err, cases[i].message), "%s: %s", args, err);
        free(err);
        cr_expect(!th_file_exists(th_path(dir, "out.png")), "%s", args);
    }
}

/* Eight origins: the two lightest take grey, which greys' middle classes
 * hide.  The run says so, and purples does not need to. */
Test(fill_cli, a_palette_that_hides_flows_is_said)
{
    const char *dir = th_tmpdir();
    static const char many[] =
        "purchase_state,recovery_state,count\n"
        "Texas,Tamaulipas,900\nArizona,Sonora,800\nCalifornia,Jalisco,700\n"
        "New Mexico,Chihuahua,600\nFlorida,Michoacán,500\n"
        "Georgia,Guerrero,400\nNevada,Sinaloa,300\nUtah,Zacatecas,200\n";
    th_write_file(th_path(dir, "t.csv"), many, strlen(many));
    th_write_file(th_path(dir, "s.csv"), seized, strlen(seized));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map %s --fill %s --fill-palette greys -o %s",
             th_binary(), th_path(dir, "t.csv"), th_path(dir, "s.csv"),
             th_path(dir, "g.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    cr_expect(err && strstr(err, "hard to tell from the greys shading") &&
                  strstr(err, "--fill-palette purples"),
              "%s", err);
    free(err);
    err = NULL;
    snprintf(cmd, sizeof cmd, "%s map %s --fill %s -o %s", th_binary(),
             th_path(dir, "t.csv"), th_path(dir, "s.csv"),
             th_path(dir, "p.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    cr_expect(err == NULL || strstr(err, "hard to tell") == NULL, "%s", err);
    free(err);
}

/* --fill-as symbols: a translucent disk at each state with a value, the
 * state off the map (Alaska, not shown) said on stderr. */
Test(fill_cli, values_as_proportional_circles)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), flows, strlen(flows));
    static const char v[] = "state,value\nJalisco,4000\nSonora,1000\n"
                            "Alaska,10\n";
    th_write_file(th_path(dir, "v.csv"), v, strlen(v));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map %s --fill %s --fill-as symbols -o %s",
             th_binary(), th_path(dir, "t.csv"), th_path(dir, "v.csv"),
             th_path(dir, "c.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    cr_expect(err && strstr(err, "v.csv: 1 state not on the map (Alaska)"),
              "%s", err);
    free(err);
    /* The disk's colour over Mexico's land: 45% of #807dba. */
    unsigned want = 0;
    for (int shift = 16; shift >= 0; shift -= 8)
        want |= (unsigned)lround(0.45 * ((0x807dba >> shift) & 0xff) +
                                 0.55 * ((0xf3ece0 >> shift) & 0xff))
                << shift;
    long near = th_png_count(th_path(dir, "c.png"), want, 2);
    cr_expect_gt(near, 2000, "%ld pixels near #%06X", near, want);
    /* Shaded, the same state off the map is said too. */
    err = NULL;
    snprintf(cmd, sizeof cmd, "%s map %s --fill %s -o %s", th_binary(),
             th_path(dir, "t.csv"), th_path(dir, "v.csv"),
             th_path(dir, "d.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    cr_expect(err && strstr(err, "v.csv: 1 state not on the map (Alaska): "
                                 "not shaded"), "%s", err);
    free(err);
}

/* --fill-layer: the polygons of a layer of the user's take the classes
 * (named by --fill-key), one with no value is hatched, the states around
 * them stay plain land; a key the layer lacks is refused. */
Test(fill_cli, polygons_of_a_layer_take_their_classes)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), flows, strlen(flows));
    /* Three boxes in Texas, as lon/lat rings (clockwise, shapefile
     * outer rings). */
    static const double a1[] = { -101, 30, -101, 32, -99, 32, -99, 30,
                                 -101, 30 };
    static const double a2[] = { -99, 30, -99, 32, -97, 32, -97, 30,
                                 -99, 30 };
    static const double a3[] = { -101, 32, -101, 33.5, -97, 33.5, -97, 32,
                                 -101, 32 };
    static const int len[] = { 5 };
    const th_shape shapes[] = { { 1, len, a1 }, { 1, len, a2 },
                                { 1, len, a3 } };
    static const char *const keys[] = { "48001", "48002", "48003" };
    cr_assert_eq(th_write_polygons(th_path(dir, "boxes"), 5, shapes, 3,
                                   "GEOID", keys, "UTF-8"), 0);
    static const char v[] = "GEOID,rate\n48001,10\n48002,50\n";
    th_write_file(th_path(dir, "v.csv"), v, strlen(v));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd,
             "%s map -q %s --fill %s --fill-layer %s --fill-key GEOID "
             "--fill-place GEOID --fill-value rate --fill-classes 2 "
             "--alt-text %s -o %s",
             th_binary(), th_path(dir, "t.csv"), th_path(dir, "v.csv"),
             th_path(dir, "boxes.shp"), th_path(dir, "a.txt"),
             th_path(dir, "a.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    char *alt = th_read_file(th_path(dir, "a.txt"), NULL);
    cr_expect(alt && strstr(alt, "highest in 48002 (50) and 48001 (10); "
                                 "hatched: No data."), "%s", alt);
    free(alt);

    /* The colours the classes are drawn in, as the program finds them. */
    ir_error e = { 0 };
    ir_states *table = ir_states_load("data/states.csv", &e);
    cr_assert_not_null(table, "%s", e.message);
    ir_layer_options lo = { NULL, "GEOID", NULL, false };
    ir_layer *layer = ir_layer_load(th_path(dir, "boxes.shp"), &lo, &e);
    cr_assert_not_null(layer, "%s", e.message);
    cr_assert_eq(ir_layer_places_add(table, layer, "", NULL, &e), 0, "%s",
                 e.message);
    ir_state_values *sv = ir_state_values_load_areas(
        th_path(dir, "v.csv"), table, layer, "GEOID", "rate", &e);
    cr_assert_not_null(sv, "%s", e.message);
    ir_choropleth_options o = { IR_CLASS_JENKS, 2, NULL, 0, IR_FILL_PURPLES,
                                "en", NULL, 0xf3ece0, 3 };
    ir_choropleth *c = ir_choropleth_create(sv, table, &o, &e);
    cr_assert_not_null(c, "%s", e.message);
    cr_assert(ir_choropleth_of_areas(c) && ir_choropleth_has_no_data(c));
    cr_expect_eq(ir_choropleth_class_of(c, "48001"), 0);
    cr_expect_eq(ir_choropleth_class_of(c, "48002"), 1);
    cr_expect_eq(ir_choropleth_class_of(c, "48003"), IR_FILL_NO_DATA);
    /* A box of 2 x 2 degrees is some 4,000 pixels on the default page,
     * less Texas's node, label and flows; the hatched one's ground shows
     * between its lines. */
    for (int k = 0; k < 2; k++) {
        long px = th_png_count(th_path(dir, "a.png"), ir_choropleth_rgb(c, k),
                               0);
        cr_expect(px > 800 && px < 20000, "class %d: %ld pixels", k, px);
    }
    cr_expect_gt(th_png_count(th_path(dir, "a.png"),
                              ir_choropleth_rgb(c, IR_FILL_NO_DATA), 0), 300);
    ir_choropleth_destroy(c);
    ir_state_values_destroy(sv);
    ir_layer_destroy(layer);
    ir_states_destroy(table);

    static const struct { const char *args, *says; } bad[] = {
        { "--fill-layer %s --fill-key GEOID --fill-place GEOID "
          "--fill-value rate", "'48009' is no place of" },
        { "--fill-layer %s --fill-place GEOID --fill-value rate",
          "--fill-layer and --fill-key go together" },
    };
    static const char wrong[] = "GEOID,rate\n48001,10\n48009,50\n";
    th_write_file(th_path(dir, "w.csv"), wrong, strlen(wrong));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char args[512];
        snprintf(args, sizeof args, bad[i].args, th_path(dir, "boxes.shp"));
        snprintf(cmd, sizeof cmd, "%s map -q %s --fill %s %s -o %s",
                 th_binary(), th_path(dir, "t.csv"), th_path(dir, "w.csv"),
                 args, th_path(dir, "b.png"));
        cr_expect_neq(th_run(cmd, &err), 0, "%s", args);
        cr_expect(err && strstr(err, bad[i].says), "%s: %s", args, err);
        free(err);
        cr_expect(!th_file_exists(th_path(dir, "b.png")), "%s", args);
    }
}

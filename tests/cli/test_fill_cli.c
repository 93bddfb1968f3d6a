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
                                "en", NULL, 0xf3ece0 };
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

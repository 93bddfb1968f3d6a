/*
 * statecheck: every capital of states.csv lies in its state in the
 * shipped boundaries, and a layer that moves states (an inset map) has
 * them left out with a note, or refused under --strict.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <shapefil.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "load/layer.h"
#include "load/locate.h"
#include "load/statecheck.h"
#include "load/states.h"

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

TestSuite(statecheck, .init = setup, .fini = teardown);

/* The reference itself: wrong coordinates in states.csv would make the
 * check cry wolf on the shipped files, or miss a moved state. */
static void capitals_lie_in(const char *path, size_t want)
{
    ir_error err = { 0 };
    ir_layer *l = ir_layer_load(path, NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    size_t states_seen = 0;
    for (size_t i = 0; i < ir_states_count(table); i++) {
        const ir_state *s = ir_states_at(table, i);
        if (s->kind == IR_STATE_COUNTRY || !isfinite(s->capital_lon))
            continue;
        double best = INFINITY;
        for (size_t r = 0; r < ir_layer_count(l); r++)
            if (ir_layer_state(l, r, table) == s)
                best = fmin(best, ir_statecheck_distance(l, r, s->capital_lon,
                                                         s->capital_lat));
        if (isinf(best))
            continue;   /* the other country's file */
        states_seen++;
        /* Inside, or (a capital on a coast or a border, in boundaries
         * simplified for the page) within a few km. */
        cr_expect_lt(best, 5.0, "%s, %s: %.1f km outside", s->capital,
                     s->name_en, best);
    }
    cr_expect_eq(states_seen, want);
    ir_layer_destroy(l);
}

Test(statecheck, every_capital_lies_in_its_state)
{
    capitals_lie_in("shapes/us-states.shp", 51);
    capitals_lie_in("shapes/mx-states.shp", 32);
}

/* The shipped U.S. states with Alaska and Hawaii moved as an inset map
 * moves them: Hawaii onto Baja California Sur, Alaska, shrunk, beside
 * it.  Writes base.shp and returns the layer's path. */
static const char *write_inset_layer(const char *dir)
{
    ir_error err = { 0 };
    ir_layer *us = ir_layer_load("shapes/us-states.shp", NULL, &err);
    cr_assert_not_null(us, "%s", err.message);
    const char *base = th_path(dir, "inset");
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    cr_assert(shp && dbf);
    DBFAddField(dbf, "STUSPS", FTString, 2, 0);
    const double *xy = ir_layer_points(us);
    const size_t *rs = ir_layer_ring_starts(us);
    for (size_t i = 0; i < ir_layer_count(us); i++) {
        const ir_feature *f = ir_layer_feature(us, i);
        const ir_state *s = ir_layer_state(us, i, table);
        bool hi = s && strcmp(s->iso, "US-HI") == 0;
        bool ak = s && strcmp(s->iso, "US-AK") == 0;
        size_t first = rs[f->first_ring], last = rs[f->first_ring + f->nrings];
        int nv = (int)(last - first);
        int *starts = malloc(f->nrings * sizeof *starts);
        double *x = malloc(nv * sizeof *x), *y = malloc(nv * sizeof *y);
        for (size_t r = 0; r < f->nrings; r++)
            starts[r] = (int)(rs[f->first_ring + r] - first);
        for (int v = 0; v < nv; v++) {
            double lon = xy[2 * (first + v)], lat = xy[2 * (first + v) + 1];
            if (lon > 0)
                lon -= 360;   /* the Aleutians west of 180 */
            if (hi)
                lon += 48, lat += 3;
            if (ak)
                lon = -118 + 0.3 * (lon + 150), lat = 25 + 0.3 * (lat - 60);
            x[v] = lon;
            y[v] = lat;
        }
        SHPObject *o = SHPCreateObject(SHPT_POLYGON, -1, (int)f->nrings,
                                       starts, NULL, nv, x, y, NULL, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, (int)i, 0, s ? s->code : "");
        free(starts), free(x), free(y);
    }
    SHPClose(shp);
    DBFClose(dbf);
    ir_layer_destroy(us);
    return th_path(dir, "inset.shp");
}

Test(statecheck, an_inset_map_has_its_moved_states_left_out)
{
    const char *path = write_inset_layer(th_tmpdir());
    ir_error err = { 0 };
    ir_layer *l = ir_layer_load(path, NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    size_t before = ir_layer_count(l);
    cr_assert_eq(ir_statecheck_layer(l, table, false, &err), 0, "%s",
                 err.message);
    cr_expect_eq(ir_layer_count(l), before - 2);
    for (size_t i = 0; i < ir_layer_count(l); i++) {
        const ir_state *s = ir_layer_state(l, i, table);
        cr_expect(s && strcmp(s->iso, "US-HI") && strcmp(s->iso, "US-AK"),
                  "record %zu (%s) kept", i, s ? s->iso : "?");
    }
    const char *const *notes;
    size_t n = ir_layer_notes(l, &notes);
    cr_assert_eq(n, 1);
    cr_expect(strstr(notes[0], "2 states are not where they are") &&
              strstr(notes[0], "Alaska (record ") &&
              strstr(notes[0], "its capital, Juneau") &&
              strstr(notes[0], "Hawaii (record ") &&
              strstr(notes[0], "Honolulu") && strstr(notes[0], "left out"),
              "%s", notes[0]);
    ir_layer_destroy(l);
}

Test(statecheck, strict_refuses_an_inset_map_and_keeps_the_layer)
{
    const char *path = write_inset_layer(th_tmpdir());
    ir_error err = { 0 };
    ir_layer *l = ir_layer_load(path, NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    size_t before = ir_layer_count(l);
    cr_expect_neq(ir_statecheck_layer(l, table, true, &err), 0);
    cr_expect(strstr(err.message, "states not where they are") &&
              strstr(err.message, "Hawaii") && strstr(err.message, "Alaska"),
              "%s", err.message);
    cr_expect(strstr(err.message, path) != NULL, "%s", err.message);
    cr_expect_eq(ir_layer_count(l), before);
    ir_layer_destroy(l);
}

Test(statecheck, the_shipped_layers_are_left_whole)
{
    static const char *const path[2] = { "shapes/us-states.shp",
                                         "shapes/mx-states.shp" };
    for (int k = 0; k < 2; k++) {
        ir_error err = { 0 };
        ir_layer *l = ir_layer_load(path[k], NULL, &err);
        cr_assert_not_null(l, "%s", err.message);
        size_t before = ir_layer_count(l);
        cr_expect_eq(ir_statecheck_layer(l, table, true, &err), 0, "%s",
                     err.message);
        cr_expect_eq(ir_layer_count(l), before);
        const char *const *notes;
        cr_expect_eq(ir_layer_notes(l, &notes), 0);
        ir_layer_destroy(l);
    }
}

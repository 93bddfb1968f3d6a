/*
 * Anchors: every state's node lies inside its polygon, well inside, and
 * overrides from a CSV file are projected.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "layout/anchors.h"
#include "helpers.h"

static th_world world;
#define table (world.states)
#define proj (world.proj)
#define atlas (world.atlas)

static void setup(void)
{
    ir_error err = { 0 };
    cr_assert_eq(th_world_load(&world, true, &err), 0, "%s", err.message);
}

static void teardown(void)
{
    th_world_free(&world);
}

TestSuite(anchors, .init = setup, .fini = teardown);

Test(anchors, every_state_anchor_is_inside_its_polygon)
{
    ir_error err = { 0 };
    ir_anchors *an = ir_anchors_create(atlas, table, 2, &err);
    cr_assert_not_null(an, "%s", err.message);
    int checked = 0;
    for (size_t i = 0; i < ir_atlas_count(atlas); i++) {
        const ir_region *r = ir_atlas_region(atlas, i);
        const ir_state *s = ir_states_lookup(table, r->iso, NULL,
                                             IR_NUMBER_NONE, NULL);
        double x, y;
        cr_assert(ir_anchors_get(an, ir_states_index(table, s), &x, &y),
                  "%s has no anchor", r->iso);
        double d = ir_anchors_distance(atlas, r, x, y);
        cr_expect_gt(d, 0, "%s: anchor outside (%g m)", r->iso, d);
        checked++;
    }
    cr_expect_eq(checked, 83);
    ir_anchors_destroy(an);
}

/* The Central American countries where guns are recovered have their
 * node inside their own outline in the context layer, like a state. */
Test(anchors, central_american_destinations_sit_inside_their_country)
{
    ir_error err = { 0 };
    ir_layer *ctx = ir_layer_load("shapes/countries.shp", NULL, &err);
    cr_assert_not_null(ctx, "%s", err.message);
    const ir_layer *layers[2] = { world.us, world.mx };
    ir_atlas_sources src = { layers, 2, ctx, NULL, NULL };
    ir_atlas_options opt = { .threads = 2 };
    ir_atlas *a = ir_atlas_create(&src, table, proj, &opt, &err);
    cr_assert_not_null(a, "%s", err.message);
    ir_anchors *an = ir_anchors_create(a, table, 2, &err);
    cr_assert_not_null(an, "%s", err.message);
    static const char *const codes[] = { "GT", "BZ", "SV", "HN" };
    for (size_t c = 0; c < 4; c++) {
        const ir_state *s = ir_states_lookup(table, codes[c], NULL,
                                             IR_NUMBER_NONE, NULL);
        cr_assert_not_null(s, "%s", codes[c]);
        double x, y;
        cr_assert(ir_anchors_get(an, ir_states_index(table, s), &x, &y),
                  "%s has no anchor", codes[c]);
        bool inside = false;
        for (size_t i = 0; i < ir_atlas_count(a) && !inside; i++) {
            const ir_region *r = ir_atlas_region(a, i);
            inside = strcmp(r->iso, codes[c]) == 0 &&
                     ir_anchors_distance(a, r, x, y) > 10000;
        }
        cr_expect(inside, "%s: anchor not 10 km inside its outline", codes[c]);
    }
    ir_anchors_destroy(an);
    ir_atlas_destroy(a);
    ir_layer_destroy(ctx);
}

/* Two threads share the states out between them: every anchor, the
 * national ones included, is the one a single thread finds. */
Test(anchors, one_thread_or_two_give_the_same_anchors)
{
    ir_error err = { 0 };
    ir_anchors *one = ir_anchors_create(atlas, table, 1, &err);
    ir_anchors *two = ir_anchors_create(atlas, table, 2, &err);
    cr_assert(one && two, "%s", err.message);
    int shown = 0;
    for (size_t i = 0; i < ir_states_count(table); i++) {
        double x1, y1, x2, y2;
        bool a = ir_anchors_get(one, i, &x1, &y1);
        bool b = ir_anchors_get(two, i, &x2, &y2);
        cr_expect_eq(a, b, "%s shown by one only", ir_states_at(table, i)->iso);
        if (a && b) {
            cr_expect(x1 == x2 && y1 == y2, "%s: %.17g,%.17g against "
                      "%.17g,%.17g", ir_states_at(table, i)->iso, x1, y1, x2, y2);
            shown++;
        }
    }
    cr_expect_eq(shown, 83 + 2, "83 states and the two countries");
    ir_anchors_destroy(one);
    ir_anchors_destroy(two);
}

/* The national nodes of data without state detail sit inside their
 * country, near its middle: Kansas and central Mexico, Alaska and Hawaii
 * shown or not. */
Test(anchors, national_anchors_are_inland)
{
    ir_error err = { 0 };
    ir_anchors *an = ir_anchors_create(atlas, table, 2, &err);
    cr_assert_not_null(an, "%s", err.message);
    static const char *const expect[2][2] = { { "US", "US-KS" },
                                              { "MX", "" } };
    for (int c = 0; c < 2; c++) {
        const ir_state *s = ir_states_lookup(table, expect[c][0], NULL,
                                             IR_NUMBER_NONE, NULL);
        cr_assert_not_null(s);
        double x, y;
        cr_assert(ir_anchors_get(an, ir_states_index(table, s), &x, &y));
        const char *inside = NULL;
        for (size_t i = 0; i < ir_atlas_count(atlas); i++) {
            const ir_region *r = ir_atlas_region(atlas, i);
            if (ir_anchors_distance(atlas, r, x, y) > 0)
                inside = r->iso;
        }
        cr_assert_not_null(inside, "%s's node is in no state", expect[c][0]);
        cr_expect(strncmp(inside, expect[c][0], 2) == 0, "%s in %s",
                  expect[c][0], inside);
        if (*expect[c][1])
            cr_expect_str_eq(inside, expect[c][1]);
        cr_log_info("%s node in %s", expect[c][0], inside);
    }
    ir_anchors_destroy(an);
}

/* The search is near optimal: no point of a fine grid over the state is
 * more than 2% farther from the boundary. */
Test(anchors, anchor_is_the_most_inland_point)
{
    ir_error err = { 0 };
    ir_anchors *an = ir_anchors_create(atlas, table, 2, &err);
    static const char *const isos[] = { "US-FL", "US-MI", "MX-BCN", "MX-VER",
                                        "US-TX", "MX-CMX" };
    for (size_t k = 0; k < sizeof isos / sizeof isos[0]; k++) {
        const ir_region *r = NULL;
        for (size_t i = 0; i < ir_atlas_count(atlas); i++)
            if (strcmp(ir_atlas_region(atlas, i)->iso, isos[k]) == 0)
                r = ir_atlas_region(atlas, i);
        cr_assert_not_null(r);
        const ir_state *s = ir_states_lookup(table, isos[k], NULL,
                                             IR_NUMBER_NONE, NULL);
        double x, y;
        ir_anchors_get(an, ir_states_index(table, s), &x, &y);
        double d = ir_anchors_distance(atlas, r, x, y), grid_best = 0;
        for (int i = 0; i <= 60; i++)
            for (int j = 0; j <= 60; j++) {
                double gx = r->bbox[0] + (r->bbox[2] - r->bbox[0]) * i / 60;
                double gy = r->bbox[1] + (r->bbox[3] - r->bbox[1]) * j / 60;
                grid_best = fmax(grid_best, ir_anchors_distance(atlas, r, gx, gy));
            }
        cr_expect_geq(d, 0.98 * grid_best, "%s: %g m < grid %g m", isos[k], d,
                      grid_best);
    }
    ir_anchors_destroy(an);
}

Test(anchors, overrides_from_csv)
{
    ir_error err = { 0 };
    ir_anchors *an = ir_anchors_create(atlas, table, 2, &err);
    const char *path = th_path(th_tmpdir(), "nodes.csv");
    const char *text = "iso,lon,lat\nTexas,-100,32\nMX-SON,-110.9,29.1\n";
    th_write_file(path, text, strlen(text));
    cr_assert_eq(ir_anchors_override(an, path, proj, &err), 0, "%s",
                 err.message);
    const ir_state *tx = ir_states_lookup(table, "TX", NULL, IR_NUMBER_NONE,
                                          NULL);
    double x, y;
    ir_anchors_get(an, ir_states_index(table, tx), &x, &y);
    /* (-100, 32) is the projection's origin. */
    cr_expect(fabs(x) < 1e-6 && fabs(y) < 1e-6, "%g %g", x, y);
    const char *bad = "iso,lon,lat\nAtlantis,1,2\n";
    th_write_file(path, bad, strlen(bad));
    cr_expect_neq(ir_anchors_override(an, path, proj, &err), 0);
    cr_expect(strstr(err.message, "line 2") != NULL, "%s", err.message);
    cr_expect(strstr(err.message, "Atlantis") != NULL, "%s", err.message);
    ir_anchors_destroy(an);
}

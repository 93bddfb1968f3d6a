/*
 * Extent: the map takes in the whole outline of every Central American
 * destination, and nothing changes for flows into Mexico alone; --fit
 * flows keeps every node its flows join.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "aggregate/od.h"
#include "layout/anchors.h"
#include "layout/extent.h"
#include "helpers.h"

static th_world world;
static ir_layer *ctx;
static ir_atlas *atlas;
static ir_anchors *anchors;

static void setup(void)
{
    ir_error err = { 0 };
    cr_assert_eq(th_world_load(&world, false, &err), 0, "%s", err.message);
    ctx = ir_layer_load("shapes/countries.shp", NULL, &err);
    cr_assert_not_null(ctx, "%s", err.message);
    const ir_layer *layers[2] = { world.us, world.mx };
    ir_atlas_sources src = { layers, 2, ctx, NULL, NULL };
    ir_atlas_options opt = { .threads = 2 };
    atlas = ir_atlas_create(&src, world.states, world.proj, &opt, &err);
    cr_assert_not_null(atlas, "%s", err.message);
    anchors = ir_anchors_create(atlas, world.states, 2, &err);
    cr_assert_not_null(anchors, "%s", err.message);
}

static void teardown(void)
{
    ir_anchors_destroy(anchors);
    ir_atlas_destroy(atlas);
    ir_layer_destroy(ctx);
    th_world_free(&world);
}

TestSuite(extent, .init = setup, .fini = teardown);

static size_t at(const char *iso)
{
    const ir_state *s = ir_states_lookup(world.states, iso, NULL,
                                         IR_NUMBER_NONE, NULL);
    cr_assert_not_null(s, "%s", iso);
    return ir_states_index(world.states, s);
}

static ir_od *od_of(const char *const (*pairs)[2], size_t n)
{
    ir_od *od = ir_od_create(world.states);
    cr_assert_not_null(od);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(ir_od_add(od, at(pairs[i][0]), at(pairs[i][1]), 10 + i), 0);
    return od;
}

static bool contains(const double outer[4], const double inner[4])
{
    return outer[0] <= inner[0] && outer[1] <= inner[1] &&
           outer[2] >= inner[2] && outer[3] >= inner[3];
}

/* The atlas's extent (full), and b: that extent grown for od. */
static void grown_extent(ir_od *od, double full[4], double b[4])
{
    ir_atlas_extent(atlas, full);
    memcpy(b, full, 4 * sizeof *b);
    ir_extent_destinations(atlas, od, b);
}

Test(extent, flows_into_mexico_keep_the_atlas_extent)
{
    static const char *const pairs[][2] = { { "US-TX", "MX-TAM" },
                                            { "US-AZ", "MX-SON" },
                                            { "US-TX", "MX" } };
    ir_od *od = od_of(pairs, 3);
    double full[4], b[4];
    grown_extent(od, full, b);
    cr_expect(memcmp(b, full, sizeof b) == 0, "the extent moved");
    ir_od_destroy(od);
}

Test(extent, every_central_american_destination_is_taken_in_whole)
{
    static const char *const pairs[][2] = { { "US-AZ", "GT" },
                                            { "US-TX", "HN" },
                                            { "US-TX", "SV" },
                                            { "US-CA", "BZ" },
                                            { "US-TX", "MX-TAM" } };
    ir_od *od = od_of(pairs, 5);
    double full[4], b[4];
    grown_extent(od, full, b);
    cr_expect(contains(b, full));
    /* Honduras and El Salvador reach south of Mexico's last state. */
    cr_expect_lt(b[1], full[1], "the extent did not grow south");
    static const char *const codes[] = { "GT", "HN", "SV", "BZ" };
    for (size_t c = 0; c < 4; c++) {
        size_t regions = 0;
        for (size_t i = 0; i < ir_atlas_count(atlas); i++) {
            const ir_region *r = ir_atlas_region(atlas, i);
            if (strcmp(r->iso, codes[c]) != 0)
                continue;
            regions++;
            cr_expect(contains(b, r->bbox), "%s is cut off", codes[c]);
        }
        cr_expect_gt(regions, 0, "%s has no outline", codes[c]);
    }
    /* --fit flows keeps every node the flows join, inside that extent. */
    double fit[4];
    memcpy(fit, b, sizeof fit);
    ir_extent_flows(anchors, world.states, od, NULL, fit);
    cr_expect(contains(b, fit));
    for (size_t i = 0; i < 5; i++)
        for (int e = 0; e < 2; e++) {
            double x, y;
            cr_assert(ir_anchors_get(anchors, at(pairs[i][e]), &x, &y),
                      "%s has no node", pairs[i][e]);
            double p[4] = { x, y, x, y };
            cr_expect(contains(fit, p), "%s is off the fitted map",
                      pairs[i][e]);
        }
    ir_od_destroy(od);
}

/* --fit flows fits the flows drawn: a light Maine flow left out by --top
 * (or --min-weight) does not stretch the map to New England, and a flow
 * folded for thinness keeps its destination but not its origin. */
Test(extent, fit_takes_the_flows_drawn_only)
{
    ir_od *od = ir_od_create(world.states);
    cr_assert_eq(ir_od_add(od, at("US-TX"), at("MX-TAM"), 100), 0);
    cr_assert_eq(ir_od_add(od, at("US-AZ"), at("MX-SON"), 90), 0);
    cr_assert_eq(ir_od_add(od, at("US-ME"), at("MX-YUC"), 1), 0);
    double me[2], yuc[2];
    cr_assert(ir_anchors_get(anchors, at("US-ME"), &me[0], &me[1]));
    cr_assert(ir_anchors_get(anchors, at("MX-YUC"), &yuc[0], &yuc[1]));
    double full[4], all[4], top[4], light[4], fold[4];
    ir_atlas_extent(atlas, full);
    memcpy(all, full, sizeof all);
    memcpy(top, full, sizeof top);
    memcpy(light, full, sizeof light);
    memcpy(fold, full, sizeof fold);
    ir_extent_flows(anchors, world.states, od, NULL, all);
    ir_extent_filter two = { 2, 0, 0 }, heavy = { 0, 10, 0 },
                     thin = { 0, 0, 5 };
    ir_extent_flows(anchors, world.states, od, &two, top);
    ir_extent_flows(anchors, world.states, od, &heavy, light);
    ir_extent_flows(anchors, world.states, od, &thin, fold);
    double pm[4] = { me[0], me[1], me[0], me[1] };
    double py[4] = { yuc[0], yuc[1], yuc[0], yuc[1] };
    cr_expect(contains(all, pm), "all flows: Maine on the map");
    cr_expect(!contains(top, pm), "--top 2: Maine is not drawn");
    cr_expect(!contains(light, pm), "--min-weight 10: Maine is not drawn");
    cr_expect(!contains(fold, pm) && contains(fold, py),
              "folded: Yucatán's node stays, Maine's goes");
    cr_expect(top[2] - top[0] < all[2] - all[0], "the fit is narrower");
    ir_od_destroy(od);
}

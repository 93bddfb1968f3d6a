/*
 * flowraster: a PNG's flows filled straight into its pixels look as
 * cairo's outlines do (on the full 49 x 32 matrix, within the tolerance
 * stated below), do not depend on how the page is cut into bands, and
 * keep draw order, across the tiles and across the queue's flushes.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate/aggregate.h"
#include "layout/anchors.h"
#include "layout/flowmap.h"
#include "render/flowdraw.h"
#include "render/flowraster.h"
#include "helpers.h"

#define W 1600
#define H 1200
#define DPI 150.0

static th_world world;
static ir_anchors *anchors;
static ir_od *od;
static ir_flowmap *matrix;

/* The full state matrix as the map command lays it out, faded tail
 * included. */
static void matrix_setup(void)
{
    ir_error err = { 0 };
    cr_assert_eq(th_world_load(&world, false, &err), 0, "%s", err.message);
    anchors = ir_anchors_create(world.atlas, world.states, 2, &err);
    cr_assert_not_null(anchors, "%s", err.message);
    od = th_matrix_od(world.states, &err);
    cr_assert_not_null(od, "%s", err.message);
    ir_frame frame;
    ir_frame_init(&frame, W, H, DPI, 12);
    double b[4];
    ir_atlas_extent(world.atlas, b);
    ir_frame_fit(&frame, b);
    ir_flowmap_options fo;
    ir_flowmap_options_default(&fo);
    matrix = ir_flowmap_create(od, anchors, world.states, &frame, &fo, &err);
    cr_assert_not_null(matrix, "%s", err.message);
    double rect[4] = { 20, 20, W * 72 / DPI - 20, H * 72 / DPI - 20 };
    cr_assert_eq(ir_flowmap_layout(matrix, rect, NULL, 0, &err), 0, "%s",
                 err.message);
}

static void matrix_teardown(void)
{
    ir_flowmap_destroy(matrix);
    ir_od_destroy(od);
    ir_anchors_destroy(anchors);
    th_world_free(&world);
}

/* A paper-coloured page with the matrix's flows, rows y0 .. y0 + rows of
 * it drawn into pixels (stride W), as one of a PNG's bands. */
static void draw_rows(uint32_t *pixels, int y0, int rows, bool cairo)
{
    cairo_surface_t *s = cairo_image_surface_create_for_data(
        (unsigned char *)(pixels + (size_t)y0 * W), CAIRO_FORMAT_ARGB32, W,
        rows, W * 4);
    cairo_t *cr = cairo_create(s);
    cairo_translate(cr, 0, -y0);
    cairo_scale(cr, DPI / 72, DPI / 72);
    if (cairo)
        ir_flowdraw_flows_cairo(cr, matrix);
    else
        ir_flowdraw_flows(cr, matrix);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
}

static uint32_t *paper(void)
{
    uint32_t *p = malloc((size_t)W * H * 4);
    cr_assert_not_null(p);
    for (size_t i = 0; i < (size_t)W * H; i++)
        p[i] = 0xfff2ede4u;   /* the land colour: casings show on it */
    return p;
}

static int channel_gap(uint32_t a, uint32_t b)
{
    int gap = 0;
    for (int k = 0; k < 32; k += 8) {
        int d = abs((int)(a >> k & 255) - (int)(b >> k & 255));
        gap = d > gap ? d : gap;
    }
    return gap;
}

Test(flowraster, matches_cairo_within_tolerance_on_the_full_matrix,
     .init = matrix_setup, .fini = matrix_teardown, .timeout = 120)
{
    uint32_t *ours = paper(), *theirs = paper();
    draw_rows(ours, 0, H, false);
    draw_rows(theirs, 0, H, true);
    size_t n = (size_t)W * H, over16 = 0, over64 = 0, inked = 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        int g = channel_gap(ours[i], theirs[i]);
        sum += g;
        over16 += g > 16;
        over64 += g > 64;
        inked += theirs[i] != 0xfff2ede4u;
    }
    cr_log_info("flowraster against cairo, 1,568 flows: mean gap %.3f "
                "levels, %.4f%% of pixels over 16 apart, %.4f%% over 64, "
                "%zu pixels inked", sum / n, 100.0 * over16 / n,
                100.0 * over64 / n, inked);
    /* The tolerance: edges antialiased from the distance to the curve
     * rather than by area differ by a few levels, and on this page of
     * criss-crossed casings a pixel holds many edges (measured: mean gap
     * 2.65 levels, 4.7% of pixels over 16 apart, none in 10,000 over 64,
     * no bias: the signed mean is -0.15 levels).  A shape moved or lost,
     * a seam or a wrong order would break the mean or the tail. */
    cr_expect_gt(inked, n / 10, "the flows are drawn");
    cr_expect_lt(sum / n, 3.5);
    cr_expect_lt(over16, n / 12);
    cr_expect_lt(over64, n / 10000);
    cr_expect_neq(memcmp(ours, theirs, n * 4), 0,
                  "the pixels are flowraster's, not cairo's");
    free(ours);
    free(theirs);
}

Test(flowraster, bands_of_any_height_give_the_same_pixels,
     .init = matrix_setup, .fini = matrix_teardown, .timeout = 120)
{
    uint32_t *whole = paper(), *banded = paper();
    draw_rows(whole, 0, H, false);
    /* Cuts off the tiles' grid, so that no tile of a band is one of the
     * whole page's. */
    const int cut[] = { 0, 37, 300, 301, 777, H };
    for (int k = 0; k + 1 < (int)(sizeof cut / sizeof cut[0]); k++)
        draw_rows(banded, cut[k], cut[k + 1] - cut[k], false);
    cr_assert_eq(memcmp(whole, banded, (size_t)W * H * 4), 0);
    free(whole);
    free(banded);
}

/* A straight flow, its casing 4 wider on each side. */
static ir_flowraster_flow straight(double x0, double y0, double x1, double y1,
                                   double width, uint32_t argb)
{
    ir_flowgeom_style geom;
    ir_flowgeom_style_default(&geom);
    ir_flowraster_flow f = { .from = { x0, y0 }, .to = { x1, y1 },
                             .control = { (x0 + x1) / 2, (y0 + y1) / 2 },
                             .band_argb = argb, .casing_argb = 0xffffffffu };
    cr_assert(ir_flowgeom_band_of(f.from, 0, f.control, f.to, 0, width, &geom,
                                  &f.band));
    f.has_casing = ir_flowgeom_band_of(f.from, 0, f.control, f.to, 0,
                                       width + 8, &geom, &f.casing);
    return f;
}

Test(flowraster, later_flows_cover_earlier_ones_across_tiles_and_flushes)
{
    enum { SIDE = 300 };
    static uint32_t px[SIDE * SIDE];
    for (int i = 0; i < SIDE * SIDE; i++)
        px[i] = 0xff808080u;
    ir_flowraster_target t = { px, SIDE, 0, 0, 1, 0, 0, 0, 0, SIDE, SIDE };
    ir_flowraster *r = ir_flowraster_create(&t);
    cr_assert_not_null(r);
    /* 10,001 flows, more than the queue holds at once, crossing at
     * (128.5, 128.5), where four 64-pixel tiles meet, added from the top
     * down: vertical ones alternately blue and green, the first blue, then
     * a horizontal red one under them all; then, after the first finish,
     * the red one again, over everything. */
    const uint32_t red = 0xffff0000u, green = 0xff00ff00u, blue = 0xff0000ffu;
    ir_flowraster_flow h = straight(10, 128.5, 290, 128.5, 6, red);
    for (int k = 0; k < 10000; k++) {
        ir_flowraster_flow v = straight(128.5, 10, 128.5, 290, 6,
                                        k % 2 ? green : blue);
        ir_flowraster_add(r, &v);
    }
    ir_flowraster_add(r, &h);
    ir_flowraster_finish(r);
    cr_expect_eq(px[128 * SIDE + 128], blue, "%08x", px[128 * SIDE + 128]);
    cr_expect_eq(px[128 * SIDE + 60], red, "the band's inside is its colour");
    cr_expect_eq(px[200 * SIDE + 128], blue);
    /* Past the band and its casing, the paper is untouched. */
    cr_expect_eq(px[128 * SIDE + 298], 0xff808080u, "%08x", px[128 * SIDE + 298]);
    cr_expect_eq(px[60 * SIDE + 60], 0xff808080u);
    /* The casing, white beside the band (3 px to each side of its
     * centre line, the casing 7), is under it. */
    cr_expect_eq(px[123 * SIDE + 60], 0xffffffffu, "%08x", px[123 * SIDE + 60]);
    cr_expect_eq(px[118 * SIDE + 60], 0xff808080u, "%08x", px[118 * SIDE + 60]);
    ir_flowraster_add(r, &h);
    ir_flowraster_finish(r);
    cr_expect_eq(px[128 * SIDE + 128], red);
    ir_flowraster_destroy(r);
}

Test(flowraster, clip_keeps_pixels_outside_untouched)
{
    enum { SIDE = 200 };
    static uint32_t px[SIDE * SIDE];
    for (int i = 0; i < SIDE * SIDE; i++)
        px[i] = 0xff808080u;
    ir_flowraster_target t = { px, SIDE, 0, 0, 2, 3, -5, 50, 40, 130, 170 };
    ir_flowraster *r = ir_flowraster_create(&t);
    cr_assert_not_null(r);
    ir_flowraster_flow f = straight(-20, 10, 120, 90, 30, 0xff00ff00u);
    ir_flowraster_add(r, &f);
    ir_flowraster_finish(r);
    ir_flowraster_destroy(r);
    size_t changed_in = 0;
    for (int y = 0; y < SIDE; y++)
        for (int x = 0; x < SIDE; x++) {
            bool in = x >= 50 && x < 130 && y >= 40 && y < 170;
            if (!in)
                cr_assert_eq(px[y * SIDE + x], 0xff808080u, "(%d, %d)", x, y);
            else
                changed_in += px[y * SIDE + x] != 0xff808080u;
        }
    cr_expect_gt(changed_in, 2000);
}

Test(flowraster, colours_as_cairo_stores_them)
{
    const double white[3] = { 1, 1, 1 }, c[3] = { 0.7, 0.1, 0.15 };
    cr_expect_eq(ir_flowraster_argb(white), 0xffffffffu);
    /* cairo keeps 16 bits and stores the top 8: 0.7 -> 45875 -> 179. */
    cr_expect_eq(ir_flowraster_argb(c), 0xff000000u | 179u << 16 | 25u << 8 | 38u,
                 "%08x", ir_flowraster_argb(c));
}

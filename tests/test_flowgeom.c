/*
 * Flow geometry: symmetric curves bending one way, more for long flows,
 * constant band width, arrowheads in proportion, the gap before the node.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "flowgeom.h"

static double dist(ir_point a, ir_point b)
{
    return hypot(a.x - b.x, a.y - b.y);
}

Test(flowgeom, default_curve_is_symmetric)
{
    ir_point a = { 100, 400 }, b = { 500, 150 };
    ir_point c = ir_flowgeom_default_control(a, b, 0.15, 300);
    cr_expect(fabs(dist(c, a) - dist(c, b)) < 1e-9);
    /* The middle of the curve lies on the chord's perpendicular bisector. */
    ir_point m = ir_flowgeom_at(a, c, b, 0.5);
    cr_expect(fabs(dist(m, a) - dist(m, b)) < 1e-9);
}

Test(flowgeom, flows_bend_the_same_way)
{
    /* Clockwise: to the right of the direction of travel (y down). */
    ir_point a = { 0, 0 }, b = { 100, 0 };
    ir_point c = ir_flowgeom_default_control(a, b, 0.2, 50);
    cr_expect_gt(c.y, 0);
    ir_point c2 = ir_flowgeom_default_control(b, a, 0.2, 50);
    cr_expect_lt(c2.y, 0, "the reverse flow bends to its own right");
}

Test(flowgeom, long_flows_bend_more_than_short_ones)
{
    ir_point a = { 0, 0 };
    double prev = 0;
    for (double len = 10; len <= 640; len *= 2) {
        ir_point b = { len, 0 };
        ir_point c = ir_flowgeom_default_control(a, b, 0.2, 200);
        double relative = fabs(c.y) / len;
        cr_expect_geq(relative, prev, "length %g", len);
        prev = relative;
    }
    cr_expect(fabs(prev - 0.2) < 1e-12);
}

Test(flowgeom, outline_has_constant_width_arrowhead_and_gap)
{
    ir_flowgeom_style st;
    ir_flowgeom_style_default(&st);
    ir_point a = { 50, 300 }, b = { 450, 100 };
    ir_point c = ir_flowgeom_default_control(a, b, 0.15, 400);
    for (double w = 1; w <= 16; w *= 2) {
        ir_point out[256], tip, base;
        size_t n = ir_flowgeom_outline(a, 4, c, b, 6, w, &st, out, 256, &tip,
                                       &base);
        cr_assert_gt(n, 0);
        /* The tip stops end_gap short of the destination node's edge. */
        cr_expect(fabs(dist(tip, b) - (6 + st.end_gap)) < 1e-6, "w %g: %g", w,
                  dist(tip, b));
        /* The head is head_length widths long (or the minimum). */
        double head = fmax(st.head_min, st.head_length * w);
        cr_expect(fabs(dist(tip, base) - head) < 1e-6, "w %g", w);
        /* Band: point i of one side faces point n-1-i of the other. */
        size_t side = (n - 3) / 2;
        for (size_t i = 0; i < side; i += 7)
            cr_expect(fabs(dist(out[i], out[n - 1 - i]) - w) < 1e-6,
                      "w %g, sample %zu: %g", w, i,
                      dist(out[i], out[n - 1 - i]));
        /* Head base: head_width widths across. */
        double across = fmax(st.head_min, st.head_width * w);
        cr_expect(fabs(dist(out[side], out[side + 2]) - across) < 1e-6);
        /* The band starts at the origin node's edge. */
        ir_point start = { (out[0].x + out[n - 1].x) / 2,
                           (out[0].y + out[n - 1].y) / 2 };
        cr_expect(fabs(dist(start, a) - 4) < 1e-6);
    }
}

Test(flowgeom, nodes_too_close_give_no_flow)
{
    ir_flowgeom_style st;
    ir_flowgeom_style_default(&st);
    ir_point a = { 0, 0 }, b = { 8, 0 }, out[256];
    ir_point c = ir_flowgeom_default_control(a, b, 0.15, 100);
    cr_expect_eq(ir_flowgeom_outline(a, 3, c, b, 3, 2, &st, out, 256, NULL,
                                     NULL), 0);
}

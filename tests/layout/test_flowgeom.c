/*
 * Flow geometry: symmetric curves bending one way, more for long flows,
 * constant band width, arrowheads in proportion, the gap before the node.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "layout/flowgeom.h"

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

/* The casing's band found from the flow's is the band found afresh at
 * the casing's width, to the bit, on bent and straight flows, and is
 * refused exactly where that is (nodes too close for the wider head). */
Test(flowgeom, wider_band_from_a_band_is_the_band_at_that_width)
{
    ir_flowgeom_style st;
    ir_flowgeom_style_default(&st);
    size_t checked = 0, refused = 0;
    for (int k = 0; k < 400; k++) {
        double len = 6 + k * 0.9, angle = k * 0.37;
        ir_point a = { 100, 100 }, b = { 100 + len * cos(angle), 100 + len * sin(angle) };
        ir_point c = ir_flowgeom_default_control(a, b, (k % 3) * 0.12, 200);
        double width = 0.5 + (k % 7), wider = width + 1.2, r = k % 5;
        ir_flowgeom_band band, fresh, from_band;
        if (!ir_flowgeom_band_of(a, r, c, b, 2, width, &st, &band))
            continue;
        int ok_fresh = ir_flowgeom_band_of(a, r, c, b, 2, wider, &st, &fresh);
        int ok_from = ir_flowgeom_band_wider(a, r, c, b, 2, wider, &st, &band,
                                             &from_band);
        cr_assert_eq(ok_from, ok_fresh, "flow %d", k);
        if (!ok_fresh) {
            refused++;
            continue;
        }
        cr_assert_eq(memcmp(&fresh, &from_band, sizeof fresh), 0, "flow %d", k);
        cr_assert_leq(from_band.t_base, band.t_base, "a wider head starts no later");
        checked++;
    }
    cr_expect_gt(checked, 300);
    cr_expect_gt(refused, 0, "some flows are too short for the wider head");
}

/* Distance from q to the curve p0-c-p1 moved by off along its normal
 * (-T.y, T.x), over t in [lo, hi], found by dense sampling and then a
 * local refinement: computed here from the curve's own definition. */
static double to_offset_curve(ir_point q, ir_point p0, ir_point c, ir_point p1,
                              double off, double lo, double hi)
{
    double best = INFINITY, best_t = lo;
    for (int pass = 0; pass < 2; pass++) {
        int n = 4000;
        for (int i = 0; i <= n; i++) {
            double t = lo + (hi - lo) * i / n;
            ir_point b = ir_flowgeom_at(p0, c, p1, t);
            double dx = 2 * (1 - t) * (c.x - p0.x) + 2 * t * (p1.x - c.x);
            double dy = 2 * (1 - t) * (c.y - p0.y) + 2 * t * (p1.y - c.y);
            double len = hypot(dx, dy);
            ir_point o = { b.x - off * dy / len, b.y + off * dx / len };
            double d = dist(o, q);
            if (d < best)
                best = d, best_t = t;
        }
        double span = (hi - lo) / n;
        lo = fmax(0, best_t - span), hi = fmin(1, best_t + span);
    }
    return best;
}

static ir_point bezier3(ir_point a, ir_point b, ir_point c, ir_point d, double u)
{
    double v = 1 - u;
    return (ir_point){ v * v * v * a.x + 3 * v * v * u * b.x + 3 * v * u * u * c.x +
                           u * u * u * d.x,
                       v * v * v * a.y + 3 * v * v * u * b.y + 3 * v * u * u * c.y +
                           u * u * u * d.y };
}

/* The drawn outline (cubic sides) keeps to the exact offsets of the curve
 * within 0.02 pt, has the polygon's head and ends, and uses a handful of
 * pieces where the polygon uses dozens of points. */
Test(flowgeom, curved_outline_follows_the_band_within_tolerance)
{
    ir_flowgeom_style st;
    ir_flowgeom_style_default(&st);
    const ir_point ends[4][2] = { { { 50, 300 }, { 450, 100 } },
                                  { { 0, 0 }, { 700, 40 } },
                                  { { 300, 20 }, { 320, 500 } },
                                  { { 10, 10 }, { 60, 30 } } };
    const double bends[3] = { 0.05, 0.15, 0.3 };
    for (int e = 0; e < 4; e++)
        for (int k = 0; k < 3; k++)
            for (double w = 0.5; w <= 24; w *= 3) {
                ir_point a = ends[e][0], b = ends[e][1];
                ir_point c = ir_flowgeom_default_control(a, b, bends[k], 300);
                ir_point poly[256], tip, base;
                size_t np = ir_flowgeom_outline(a, 4, c, b, 6, w, &st, poly,
                                                256, &tip, &base);
                ir_flowgeom_seg seg[IR_FLOWGEOM_CURVES_MAX];
                size_t ns = ir_flowgeom_curves(a, 4, c, b, 6, w, &st, seg,
                                               IR_FLOWGEOM_CURVES_MAX);
                cr_assert_eq(ns == 0, np == 0, "ends %d w %g", e, w);
                if (ns == 0)
                    continue;
                cr_expect_leq(ns, 13, "%zu pieces against %zu points", ns, np);
                if (np >= 30)
                    cr_expect_lt(ns, np / 2, "%zu pieces against %zu points",
                                 ns, np);
                cr_assert_eq(seg[0].kind, IR_SEG_MOVE);
                /* The curve's parameters at the band's ends, from the
                 * polygon's first point and its head base. */
                ir_point from = seg[0].to, at = from;
                int side = 1;
                double worst = 0;
                for (size_t i = 1; i < ns; i++) {
                    if (seg[i].kind == IR_SEG_LINE) {
                        side = -1; /* past the head, the other side */
                        at = seg[i].to;
                        continue;
                    }
                    cr_assert_eq(seg[i].kind, IR_SEG_CURVE);
                    for (int q = 0; q <= 16; q++) {
                        ir_point p = bezier3(at, seg[i].c1, seg[i].c2, seg[i].to,
                                             q / 16.0);
                        worst = fmax(worst, to_offset_curve(p, a, c, b,
                                                            side * w / 2, 0, 1));
                    }
                    at = seg[i].to;
                }
                cr_expect_leq(worst, 0.02, "ends %d bend %g w %g: %g pt off",
                              e, bends[k], w, worst);
                /* Same start as the polygon, same head. */
                cr_expect_lt(dist(from, poly[0]), 1e-9);
                cr_expect_lt(dist(seg[ns - 1].to, poly[np - 1]), 1e-9);
                int found = 0;
                for (size_t i = 1; i < ns; i++)
                    found += seg[i].kind == IR_SEG_LINE &&
                             dist(seg[i].to, tip) < 1e-9;
                cr_expect_eq(found, 1, "the tip is a corner of the outline");
            }
}

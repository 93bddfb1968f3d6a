/*
 * flowgeom: flow outlines.  See flowgeom.h.
 *
 * The curve is cut at both ends by distance from the node centres, found
 * by bisection on the parameter (the distance to an end node is monotonic
 * along the last part of a curve bent this gently).  The band is the curve
 * sampled at up to SAMPLES points, offset by half the width along the
 * normals;
 * a quadratic Bezier with its control point this close to the chord has
 * no cusps, so the offset sides never fold.
 */
#include "flowgeom.h"

#include <math.h>

#define SAMPLES 48
#define MIN_SAMPLES 6
#define FLATNESS_PT 0.05  /* largest gap between the curve and its chords */

void ir_flowgeom_style_default(ir_flowgeom_style *s)
{
    /* Heads long enough to read at a glance on thin flows, without the
     * widest flows' heads swallowing short flows (measured on the
     * five-channel figure: 2.2 widths made Arizona-Sonora all head). */
    s->head_length = 1.5;
    s->head_width = 1.9;
    s->head_min = 3.0;
    s->start_gap = 0.0;
    s->end_gap = 2.5;
}

ir_point ir_flowgeom_at(ir_point p0, ir_point c, ir_point p1, double t)
{
    double u = 1 - t;
    return (ir_point){ u * u * p0.x + 2 * u * t * c.x + t * t * p1.x,
                       u * u * p0.y + 2 * u * t * c.y + t * t * p1.y };
}

static ir_point tangent(ir_point p0, ir_point c, ir_point p1, double t)
{
    ir_point d = { 2 * (1 - t) * (c.x - p0.x) + 2 * t * (p1.x - c.x),
                   2 * (1 - t) * (c.y - p0.y) + 2 * t * (p1.y - c.y) };
    double n = hypot(d.x, d.y);
    if (n == 0)
        return (ir_point){ p1.x - p0.x, p1.y - p0.y };
    return (ir_point){ d.x / n, d.y / n };
}

ir_point ir_flowgeom_default_control(ir_point from, ir_point to, double bend,
                                     double reference)
{
    double dx = to.x - from.x, dy = to.y - from.y;
    double len = hypot(dx, dy);
    ir_point mid = { (from.x + to.x) / 2, (from.y + to.y) / 2 };
    if (len == 0)
        return mid;
    double share = reference > 0 ? fmin(1, len / reference) : 1;
    double offset = bend * share * len;
    /* (-dy, dx)/len is to the right of the direction of travel on a page
     * whose y axis points down: every flow bends clockwise. */
    return (ir_point){ mid.x - dy / len * offset, mid.y + dx / len * offset };
}

double ir_flowgeom_head_length(double width, const ir_flowgeom_style *s)
{
    return fmax(s->head_min, s->head_length * width);
}

static double dist(ir_point a, ir_point b)
{
    return hypot(a.x - b.x, a.y - b.y);
}

/* The parameter, searched between lo and hi, where the curve is `r` away
 * from `centre`; `rising` says whether the distance grows with t there. */
static double param_at_distance(ir_point p0, ir_point c, ir_point p1,
                                ir_point centre, double r, double lo,
                                double hi, int rising)
{
    for (int i = 0; i < 60; i++) {
        double mid = (lo + hi) / 2;
        double d = dist(ir_flowgeom_at(p0, c, p1, mid), centre);
        if ((d < r) == rising)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

size_t ir_flowgeom_outline(ir_point from, double r_from, ir_point c,
                           ir_point to, double r_to, double width,
                           const ir_flowgeom_style *s, ir_point *out,
                           size_t cap, ir_point *tip_out, ir_point *base_out)
{
    double head = ir_flowgeom_head_length(width, s);
    double head_w = fmax(s->head_min, s->head_width * width);
    double start_r = r_from + s->start_gap, tip_r = r_to + s->end_gap;
    if (dist(from, to) <= start_r + tip_r + head || cap < 2 * SAMPLES + 3)
        return 0;
    double t0 = param_at_distance(from, c, to, from, start_r, 0, 0.5, 1);
    double t_tip = param_at_distance(from, c, to, to, tip_r, 0.5, 1, 0);
    ir_point tip = ir_flowgeom_at(from, c, to, t_tip);
    /* The head's base is `head` back from the tip, along the curve's
     * chord-wise distance from the tip. */
    double t_base = param_at_distance(from, c, to, tip, head, t0, t_tip, 0);
    if (t_base <= t0)
        return 0;
    /* As many samples as keep each chord within FLATNESS_PT of the curve
     * (and of its offsets): a quadratic Bezier strays at most
     * |p0 - 2c + p1| / (8 k^2) from k equal chords.  A gently bent flow
     * needs a fraction of SAMPLES, which the rasteriser and the SVG and PDF
     * writers pay for per point. */
    double bow = hypot(from.x - 2 * c.x + to.x, from.y - 2 * c.y + to.y) *
                 (t_base - t0) * (t_base - t0) * (1 + width / 8);
    int k = (int)ceil(sqrt(bow / (8 * FLATNESS_PT)));
    int samples = k + 1 < MIN_SAMPLES ? MIN_SAMPLES : k + 1 > SAMPLES ? SAMPLES : k + 1;
    size_t n = 0;
    double hw = width / 2;
    for (int i = 0; i < samples; i++) {
        double t = t0 + (t_base - t0) * i / (samples - 1);
        ir_point p = ir_flowgeom_at(from, c, to, t), d = tangent(from, c, to, t);
        out[n++] = (ir_point){ p.x - d.y * hw, p.y + d.x * hw };
    }
    /* The base is square to the band's end, so the band's edges run
     * straight into the head's shoulders. */
    ir_point base = ir_flowgeom_at(from, c, to, t_base);
    ir_point dir = tangent(from, c, to, t_base);
    out[n++] = (ir_point){ base.x - dir.y * head_w / 2,
                           base.y + dir.x * head_w / 2 };
    out[n++] = tip;
    out[n++] = (ir_point){ base.x + dir.y * head_w / 2,
                           base.y - dir.x * head_w / 2 };
    for (int i = samples - 1; i >= 0; i--) {
        double t = t0 + (t_base - t0) * i / (samples - 1);
        ir_point p = ir_flowgeom_at(from, c, to, t), d = tangent(from, c, to, t);
        out[n++] = (ir_point){ p.x + d.y * hw, p.y - d.x * hw };
    }
    if (tip_out)
        *tip_out = tip;
    if (base_out)
        *base_out = base;
    return n;
}

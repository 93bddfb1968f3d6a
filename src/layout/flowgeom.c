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
#define CURVE_TOLERANCE_PT 0.02  /* largest gap of a side from its cubics */
#define CURVE_PIECES_MAX 8

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
    /* Halvings while the bracket is wide, then Newton's steps on the
     * squared distance, each kept inside the bracket (a halving where one
     * would leave it): 1e-13 of t in a dozen evaluations where 60
     * halvings took 60. */
    double r2 = r * r;
    for (int i = 0; i < 4; i++) {
        double mid = (lo + hi) / 2;
        ir_point q = ir_flowgeom_at(p0, c, p1, mid);
        double dx = q.x - centre.x, dy = q.y - centre.y;
        if ((dx * dx + dy * dy < r2) == rising)
            lo = mid;
        else
            hi = mid;
    }
    double t = (lo + hi) / 2;
    for (int i = 0; i < 12; i++) {
        ir_point q = ir_flowgeom_at(p0, c, p1, t);
        double dx = q.x - centre.x, dy = q.y - centre.y;
        double g = dx * dx + dy * dy - r2;
        if ((g < 0) == rising)
            lo = t;
        else
            hi = t;
        ir_point d = { 2 * (1 - t) * (c.x - p0.x) + 2 * t * (p1.x - c.x),
                       2 * (1 - t) * (c.y - p0.y) + 2 * t * (p1.y - c.y) };
        double dg = 2 * (dx * d.x + dy * d.y);
        double next = dg != 0 ? t - g / dg : lo - 1;
        if (g == 0)
            return t;
        /* Newton's steps close in from one side, so the bracket alone
         * would not say when to stop. */
        if (next > lo && next < hi) {
            if (fabs(next - t) < 1e-13)
                return next;
            t = next;
        } else {
            t = (lo + hi) / 2;
        }
    }
    return t;
}

/* Where a flow's band starts and ends and its head, shared by both
 * outlines; false when the nodes are too close for a flow to show. */
typedef struct band {
    double t0, t_base, t_tip, hw, head_w;
    ir_point tip, base, dir;
} band;

/* The head of a band of this width whose start and tip are found: where
 * they are depends on the nodes alone, not on the width. */
static int band_head(ir_point from, ir_point c, ir_point to, double width,
                     const ir_flowgeom_style *s, band *b)
{
    double head = ir_flowgeom_head_length(width, s);
    b->head_w = fmax(s->head_min, s->head_width * width);
    b->hw = width / 2;
    /* The head's base is `head` back from the tip, along the curve's
     * chord-wise distance from the tip. */
    b->t_base = param_at_distance(from, c, to, b->tip, head, b->t0, b->t_tip, 0);
    if (b->t_base <= b->t0)
        return 0;
    /* The base is square to the band's end, so the band's edges run
     * straight into the head's shoulders. */
    b->base = ir_flowgeom_at(from, c, to, b->t_base);
    b->dir = tangent(from, c, to, b->t_base);
    return 1;
}

static int too_close(ir_point from, double r_from, ir_point to, double r_to,
                     double width, const ir_flowgeom_style *s)
{
    double start_r = r_from + s->start_gap, tip_r = r_to + s->end_gap;
    return dist(from, to) <= start_r + tip_r + ir_flowgeom_head_length(width, s);
}

static int band_of(ir_point from, double r_from, ir_point c, ir_point to,
                   double r_to, double width, const ir_flowgeom_style *s,
                   band *b)
{
    if (too_close(from, r_from, to, r_to, width, s))
        return 0;
    double start_r = r_from + s->start_gap, tip_r = r_to + s->end_gap;
    b->t0 = param_at_distance(from, c, to, from, start_r, 0, 0.5, 1);
    b->t_tip = param_at_distance(from, c, to, to, tip_r, 0.5, 1, 0);
    b->tip = ir_flowgeom_at(from, c, to, b->t_tip);
    return band_head(from, c, to, width, s, b);
}

static ir_flowgeom_band public_band(const band *b)
{
    return (ir_flowgeom_band){ b->t0, b->t_base, b->t_tip, b->hw, b->head_w,
                               b->tip, b->base, b->dir };
}

int ir_flowgeom_band_wider(ir_point from, double r_from, ir_point c,
                           ir_point to, double r_to, double width,
                           const ir_flowgeom_style *style,
                           const ir_flowgeom_band *narrow,
                           ir_flowgeom_band *out)
{
    if (too_close(from, r_from, to, r_to, width, style))
        return 0;
    band b = { .t0 = narrow->t0, .t_tip = narrow->t_tip, .tip = narrow->tip };
    if (!band_head(from, c, to, width, style, &b))
        return 0;
    *out = public_band(&b);
    return 1;
}

int ir_flowgeom_band_of(ir_point from, double r_from, ir_point c, ir_point to,
                        double r_to, double width,
                        const ir_flowgeom_style *style, ir_flowgeom_band *out)
{
    band b;
    if (!band_of(from, r_from, c, to, r_to, width, style, &b))
        return 0;
    *out = public_band(&b);
    return 1;
}

size_t ir_flowgeom_outline(ir_point from, double r_from, ir_point c,
                           ir_point to, double r_to, double width,
                           const ir_flowgeom_style *s, ir_point *out,
                           size_t cap, ir_point *tip_out, ir_point *base_out)
{
    band bd;
    if (cap < 2 * SAMPLES + 3 || !band_of(from, r_from, c, to, r_to, width, s, &bd))
        return 0;
    double t0 = bd.t0, t_base = bd.t_base, hw = bd.hw, head_w = bd.head_w;
    ir_point tip = bd.tip, base = bd.base, dir = bd.dir;
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
    for (int i = 0; i < samples; i++) {
        double t = t0 + (t_base - t0) * i / (samples - 1);
        ir_point p = ir_flowgeom_at(from, c, to, t), d = tangent(from, c, to, t);
        out[n++] = (ir_point){ p.x - d.y * hw, p.y + d.x * hw };
    }
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

/* A side of the band: the curve moved by `off` along its normal
 * (-T.y, T.x), and that offset curve's derivative in t. */
static ir_point side_at(ir_point p0, ir_point c, ir_point p1, double t,
                        double off, ir_point *deriv)
{
    ir_point b = ir_flowgeom_at(p0, c, p1, t);
    ir_point d1 = { 2 * (1 - t) * (c.x - p0.x) + 2 * t * (p1.x - c.x),
                    2 * (1 - t) * (c.y - p0.y) + 2 * t * (p1.y - c.y) };
    ir_point d2 = { 2 * (p0.x - 2 * c.x + p1.x), 2 * (p0.y - 2 * c.y + p1.y) };
    double speed = hypot(d1.x, d1.y);
    if (speed == 0) {
        *deriv = (ir_point){ 0, 0 };
        return b;
    }
    ir_point tn = { d1.x / speed, d1.y / speed };
    /* T' = (B'' - (B''.T) T) / |B'|, and N' is T' turned like N. */
    double along = d2.x * tn.x + d2.y * tn.y;
    ir_point dt = { (d2.x - along * tn.x) / speed, (d2.y - along * tn.y) / speed };
    *deriv = (ir_point){ d1.x - off * dt.y, d1.y + off * dt.x };
    return (ir_point){ b.x - off * tn.y, b.y + off * tn.x };
}

static ir_point hermite(ir_point a, ir_point da, ir_point b, ir_point db,
                        double h, double u)
{
    /* The cubic Bezier a, a + h da / 3, b - h db / 3, b at u. */
    ir_point c1 = { a.x + h * da.x / 3, a.y + h * da.y / 3 };
    ir_point c2 = { b.x - h * db.x / 3, b.y - h * db.y / 3 };
    double v = 1 - u, w0 = v * v * v, w1 = 3 * v * v * u, w2 = 3 * v * u * u,
           w3 = u * u * u;
    return (ir_point){ w0 * a.x + w1 * c1.x + w2 * c2.x + w3 * b.x,
                       w0 * a.y + w1 * c1.y + w2 * c2.y + w3 * b.y };
}

/* The fewest equal pieces in t whose cubics stay within CURVE_TOLERANCE_PT
 * of both sides, checked at each piece's quarter points. */
static int pieces_for(ir_point p0, ir_point c, ir_point p1, const band *b)
{
    for (int m = 1; m < CURVE_PIECES_MAX; m++) {
        double h = (b->t_base - b->t0) / m, worst = 0;
        for (int side = -1; side <= 1 && worst <= CURVE_TOLERANCE_PT; side += 2) {
            double off = side * b->hw;
            for (int i = 0; i < m && worst <= CURVE_TOLERANCE_PT; i++) {
                double ta = b->t0 + h * i, tb = ta + h;
                ir_point da, db;
                ir_point a = side_at(p0, c, p1, ta, off, &da);
                ir_point e = side_at(p0, c, p1, tb, off, &db);
                for (int q = 1; q < 4; q++) {
                    ir_point dq;
                    ir_point want = side_at(p0, c, p1, ta + h * q / 4, off, &dq);
                    worst = fmax(worst, dist(hermite(a, da, e, db, h, q / 4.0), want));
                }
            }
        }
        if (worst <= CURVE_TOLERANCE_PT)
            return m;
    }
    return CURVE_PIECES_MAX;
}

size_t ir_flowgeom_curves(ir_point from, double r_from, ir_point c,
                          ir_point to, double r_to, double width,
                          const ir_flowgeom_style *s, ir_flowgeom_seg *out,
                          size_t cap)
{
    band b;
    if (cap < 2 * CURVE_PIECES_MAX + 5 ||
        !band_of(from, r_from, c, to, r_to, width, s, &b))
        return 0;
    int m = pieces_for(from, c, to, &b);
    double h = (b.t_base - b.t0) / m;
    size_t n = 0;
    ir_point e, da, db;
    /* Left side forwards, the head, the right side back. */
    ir_point a = side_at(from, c, to, b.t0, b.hw, &da);
    out[n++] = (ir_flowgeom_seg){ IR_SEG_MOVE, a, a, a };
    for (int i = 0; i < m; i++) {
        double tb = b.t0 + h * (i + 1);
        e = side_at(from, c, to, tb, b.hw, &db);
        out[n++] = (ir_flowgeom_seg){
            IR_SEG_CURVE, { a.x + h * da.x / 3, a.y + h * da.y / 3 },
            { e.x - h * db.x / 3, e.y - h * db.y / 3 }, e };
        a = e, da = db;
    }
    ir_point shoulder = { b.base.x - b.dir.y * b.head_w / 2,
                          b.base.y + b.dir.x * b.head_w / 2 };
    out[n++] = (ir_flowgeom_seg){ IR_SEG_LINE, shoulder, shoulder, shoulder };
    out[n++] = (ir_flowgeom_seg){ IR_SEG_LINE, b.tip, b.tip, b.tip };
    shoulder = (ir_point){ b.base.x + b.dir.y * b.head_w / 2,
                           b.base.y - b.dir.x * b.head_w / 2 };
    out[n++] = (ir_flowgeom_seg){ IR_SEG_LINE, shoulder, shoulder, shoulder };
    a = side_at(from, c, to, b.t_base, -b.hw, &da);
    out[n++] = (ir_flowgeom_seg){ IR_SEG_LINE, a, a, a };
    for (int i = m - 1; i >= 0; i--) {
        double tb = b.t0 + h * i;
        e = side_at(from, c, to, tb, -b.hw, &db);
        /* Backwards in t: the derivative's sign flips. */
        out[n++] = (ir_flowgeom_seg){
            IR_SEG_CURVE, { a.x - h * da.x / 3, a.y - h * da.y / 3 },
            { e.x + h * db.x / 3, e.y + h * db.y / 3 }, e };
        a = e, da = db;
    }
    return n;
}

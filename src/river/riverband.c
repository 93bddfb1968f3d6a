/*
 * riverband: the geometry of river mode's bands (river stage): points
 * of their centre lines, their outlines with arrowheads, and the measures
 * tests and notes use.  See riverband.h.
 *
 * A band's centre line is a cubic Bezier; its outline offsets the curve
 * by half the width on each side, dropping offset points that would loop
 * back on the inside of a bend tighter than the half width, so an outline
 * never crosses itself there.
 */
#include "riverband.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "rivertrees.h"

#define BEZIER_SAMPLES 40
#define HEAD_SHORTEST 1.0  /* points: a shorter head hides under its node */

static ir_point unit(ir_point v)
{
    double n = hypot(v.x, v.y);
    return n > 0 ? (ir_point){ v.x / n, v.y / n } : (ir_point){ 0, 1 };
}

ir_point ir_river_at(const ir_river_band *b, double t)
{
    double u = 1 - t;
    double k0 = u * u * u, k1 = 3 * u * u * t, k2 = 3 * u * t * t,
           k3 = t * t * t;
    return (ir_point){ k0 * b->p[0].x + k1 * b->p[1].x + k2 * b->p[2].x +
                           k3 * b->p[3].x,
                       k0 * b->p[0].y + k1 * b->p[1].y + k2 * b->p[2].y +
                           k3 * b->p[3].y };
}

static ir_point tangent_at(const ir_river_band *b, double t)
{
    double u = 1 - t;
    ir_point d = { 3 * u * u * (b->p[1].x - b->p[0].x) +
                       6 * u * t * (b->p[2].x - b->p[1].x) +
                       3 * t * t * (b->p[3].x - b->p[2].x),
                   3 * u * u * (b->p[1].y - b->p[0].y) +
                       6 * u * t * (b->p[2].y - b->p[1].y) +
                       3 * t * t * (b->p[3].y - b->p[2].y) };
    if (d.x == 0 && d.y == 0)
        d = (ir_point){ b->p[3].x - b->p[0].x, b->p[3].y - b->p[0].y };
    return unit(d);
}

/* The parameter where the centre line is `dist` from the band's end,
 * searched from the end backwards (the distance falls monotonically near
 * the end of a band this gently curved). */
static double param_from_end(const ir_river_band *b, double dist)
{
    double lo = 0, hi = 1;
    for (int i = 0; i < 50; i++) {
        double mid = (lo + hi) / 2;
        ir_point p = ir_river_at(b, mid);
        if (hypot(p.x - b->p[3].x, p.y - b->p[3].y) > dist)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

/* One side of a band, offset by hw to the right (side 1) or left (-1)
 * of the centre line up to t_end, appended to out from n.  On the inside
 * of a bend tighter than the half width the offset would loop back on
 * itself; points that do not move forward along the curve are dropped. */
static size_t offset_side(const ir_river_band *b, double t_end, double hw,
                          int side, ir_point *out, size_t n)
{
    ir_point last = { 0, 0 };
    for (int i = 0; i < BEZIER_SAMPLES; i++) {
        double t = t_end * i / (BEZIER_SAMPLES - 1);
        ir_point p = ir_river_at(b, t), d = tangent_at(b, t);
        ir_point q = { p.x - side * d.y * hw, p.y + side * d.x * hw };
        if (i > 0 && i < BEZIER_SAMPLES - 1 &&
            (q.x - last.x) * d.x + (q.y - last.y) * d.y <= 0)
            continue;
        out[n++] = q;
        last = q;
    }
    return n;
}

size_t ir_river_outline(const ir_river *r, const ir_river_band *b,
                        double widen, ir_point *out, size_t cap)
{
    const ir_flowgeom_style *g = ir_flowmap_geometry(r->map);
    if (cap < 2 * BEZIER_SAMPLES + 3)
        return 0;
    double hw = b->width / 2 + widen;
    double t_end = 1, head = 0, head_w = 0;
    ir_point tip = b->p[3];
    if (b->arrow) {
        double tip_r = b->end_radius + g->end_gap;
        head = ir_flowgeom_head_length(b->width, g);
        head_w = fmax(g->head_min, g->head_width * b->width) + 2 * widen;
        double chord = hypot(b->p[3].x - b->p[0].x, b->p[3].y - b->p[0].y);
        /* A band too short for its head (a destination just past its
         * crossing on a small-scale map) keeps a shorter head rather than
         * vanishing: the flow must still be seen to arrive. */
        if (chord <= tip_r + head)
            head = 0.85 * (chord - tip_r);
        if (!(head > HEAD_SHORTEST))
            return 0;
        double t_tip = param_from_end(b, tip_r);
        tip = ir_river_at(b, t_tip);
        ir_river_band shifted = *b;
        shifted.p[3] = tip; /* measure the head back from the tip */
        t_end = param_from_end(&shifted, head) * t_tip;
        if (!(t_end > 0))
            return 0;
    }
    size_t n = 0;
    n = offset_side(b, t_end, hw, 1, out, n);
    if (b->arrow) {
        ir_point base = ir_river_at(b, t_end), d = tangent_at(b, t_end);
        out[n++] = (ir_point){ base.x - d.y * head_w / 2,
                               base.y + d.x * head_w / 2 };
        out[n++] = tip;
        out[n++] = (ir_point){ base.x + d.y * head_w / 2,
                               base.y - d.x * head_w / 2 };
    }
    size_t start = n;
    n = offset_side(b, t_end, hw, -1, out, n);
    /* That side was walked forwards: reverse it to close the outline. */
    for (size_t i = start, j = n - 1; i < j; i++, j--) {
        ir_point v = out[i];
        out[i] = out[j];
        out[j] = v;
    }
    return n;
}

bool ir_river_segments_cross(ir_point a, ir_point b, ir_point c, ir_point d,
                             double *s)
{
    double d1 = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    double d2 = (b.x - a.x) * (d.y - a.y) - (b.y - a.y) * (d.x - a.x);
    double d3 = (d.x - c.x) * (a.y - c.y) - (d.y - c.y) * (a.x - c.x);
    double d4 = (d.x - c.x) * (b.y - c.y) - (d.y - c.y) * (b.x - c.x);
    if (!(((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
          ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))))
        return false;
    if (s)
        *s = d3 / (d3 - d4);
    return true;
}

void ir_river_sample(const ir_river_band *b, int pieces, ir_point *at,
                     double box[4])
{
    box[0] = box[1] = HUGE_VAL;
    box[2] = box[3] = -HUGE_VAL;
    for (int i = 0; i <= pieces; i++) {
        ir_point p = ir_river_at(b, (double)i / pieces);
        at[i] = p;
        box[0] = p.x < box[0] ? p.x : box[0];
        box[1] = p.y < box[1] ? p.y : box[1];
        box[2] = p.x > box[2] ? p.x : box[2];
        box[3] = p.y > box[3] ? p.y : box[3];
    }
}

bool ir_river_too_short(const ir_river *r, ir_point at, int child,
                        double width)
{
    const ir_river_node *c = &r->nodes[child];
    double d = hypot(c->at.x - at.x, c->at.y - at.y);
    if (c->flow_node < 0)
        return d < width;
    if (!r->trees[c->tree].outgoing)
        return false;
    const ir_node *fn;
    ir_flowmap_nodes(r->map, &fn);
    const ir_flowgeom_style *g = ir_flowmap_geometry(r->map);
    return d <= fn[c->flow_node].radius + g->end_gap +
                    ir_flowgeom_head_length(width, g);
}

/* A band's centre line at CROSS_K + 1 points, and their box. */
enum { CROSS_K = 16 };
typedef struct band_line {
    ir_point at[CROSS_K + 1];
    double x0, y0, x1, y1;
} band_line;

size_t ir_river_tree_crossings(const ir_river *r)
{
    const ir_river_band *bands = r->bands;
    const ir_river_tree *trees = r->trees;
    size_t nb = r->nbands, count = 0;
    /* Each line sampled once: the pairs below meet each band many times. */
    band_line *line = malloc((nb + 1) * sizeof *line);
    if (line == NULL)
        return 0;
    for (size_t i = 0; i < nb; i++) {
        double box[4];
        ir_river_sample(&bands[i], CROSS_K, line[i].at, box);
        line[i].x0 = box[0], line[i].y0 = box[1];
        line[i].x1 = box[2], line[i].y1 = box[3];
    }
    for (size_t i = 0; i < nb; i++)
        for (size_t j = i + 1; j < nb; j++) {
            const ir_river_band *a = &bands[i], *b = &bands[j];
            const band_line *la = &line[i], *lb = &line[j];
            if (a->tree == b->tree ||
                trees[a->tree].crossing == trees[b->tree].crossing ||
                la->x0 > lb->x1 || lb->x0 > la->x1 || la->y0 > lb->y1 ||
                lb->y0 > la->y1)
                continue;
            bool cross = false;
            for (int s = 0; s < CROSS_K && !cross; s++)
                for (int u = 0; u < CROSS_K && !cross; u++)
                    cross = ir_river_segments_cross(la->at[s], la->at[s + 1],
                                                    lb->at[u], lb->at[u + 1],
                                                    NULL);
            count += cross;
        }
    free(line);
    return count;
}

size_t ir_river_band_boxes(const ir_river *r, ir_text_box *out, size_t cap)
{
    const ir_river_band *bands = r->bands;
    size_t nb = r->nbands, n = 0;
    for (size_t i = 0; i < nb; i++)
        for (int k = 0; k <= 12 && n < cap; k++) {
            ir_point p = ir_river_at(&bands[i], k / 12.0);
            double h = bands[i].width / 2;
            out[n++] = (ir_text_box){ p.x - h, p.y - h, 2 * h, 2 * h };
        }
    return n;
}

/*
 * flowgeom: the shape of one flow, as a filled outline (lay-out stage).
 *
 * A flow is a quadratic Bezier curve from its origin node to its
 * destination node, drawn as a band of constant width that ends in an
 * arrowhead, the tip stopping a visible gap before the destination node.
 * Drawing the outline rather than stroking a line gives exact joins, an
 * arrowhead that is part of the same shape, and widths that the legend
 * can reproduce exactly.
 *
 * Units are page points; y grows downwards.
 */
#ifndef IR_FLOWGEOM_H
#define IR_FLOWGEOM_H

#include <stddef.h>

typedef struct ir_point {
    double x, y;
} ir_point;

typedef struct ir_flowgeom_style {
    double head_length;   /* arrowhead length, as a multiple of width */
    double head_width;    /* arrowhead base, as a multiple of width */
    double head_min;      /* smallest arrowhead length and base, points */
    double start_gap;     /* from the origin node's edge, points */
    double end_gap;       /* from the destination node's edge, points */
} ir_flowgeom_style;

void ir_flowgeom_style_default(ir_flowgeom_style *style);

/* The default control point: the chord's midpoint moved sideways, always
 * to the same side (clockwise when looking along the flow), by an amount
 * that grows faster than the chord so that long flows bend more than
 * short ones.  reference is the length at which the bend reaches its full
 * share `bend` of the chord (e.g. a third of the page diagonal). */
ir_point ir_flowgeom_default_control(ir_point from, ir_point to, double bend,
                                     double reference);

/* A point of the curve at parameter t (inline: the lay-out samples
 * curves millions of times). */
static inline ir_point ir_flowgeom_at(ir_point p0, ir_point c, ir_point p1,
                                      double t)
{
    double u = 1 - t;
    return (ir_point){ u * u * p0.x + 2 * u * t * c.x + t * t * p1.x,
                       u * u * p0.y + 2 * u * t * c.y + t * t * p1.y };
}

/* The outline of a flow of the given width from node `from` (radius
 * r_from) to node `to` (radius r_to) through control point c, as a closed
 * polygon written to out (at most cap points).  Returns the number of
 * points, 0 when the nodes are too close for a flow to show.  tip and
 * head_base, if not NULL, receive the arrow's tip and the centre of its
 * base. */
size_t ir_flowgeom_outline(ir_point from, double r_from, ir_point c,
                           ir_point to, double r_to, double width,
                           const ir_flowgeom_style *style, ir_point *out,
                           size_t cap, ir_point *tip, ir_point *head_base);

/* Where a flow's band starts and ends along its curve, and its head, as
 * both outlines build them: the band is the curve from t0 to t_base,
 * half_width to each side, cut square at t0; the head is the triangle of
 * base +- head_width / 2 across dir (the curve's tangent at t_base) and
 * tip.  Returns 0 where ir_flowgeom_outline returns 0.  For a rasteriser
 * that fills the shape itself (render/flowraster). */
typedef struct ir_flowgeom_band {
    double t0, t_base, t_tip, half_width, head_width;
    ir_point tip, base, dir;
} ir_flowgeom_band;

int ir_flowgeom_band_of(ir_point from, double r_from, ir_point c, ir_point to,
                        double r_to, double width,
                        const ir_flowgeom_style *style, ir_flowgeom_band *band);

/* The band of the same flow at another width, from its band at one
 * width: the same as ir_flowgeom_band_of, at a third of the cost (the
 * start and the tip stay where they are). */
int ir_flowgeom_band_wider(ir_point from, double r_from, ir_point c,
                           ir_point to, double r_to, double width,
                           const ir_flowgeom_style *style,
                           const ir_flowgeom_band *narrow,
                           ir_flowgeom_band *out);

/* The same outline as cubic Bezier sides and a straight head, for
 * drawing: each side is the curve's offset, cut into the fewest equal
 * pieces whose cubics (tangent to the side at both ends) stay within
 * 0.02 pt of it.  A few pieces replace the polygon's dozens of points,
 * which vector output pays for in size and the rasteriser in time.  seg
 * elements: a move, then lines and curves (c1, c2 and `to`; a line uses
 * `to` only); the path is closed.  Returns the count, at most
 * IR_FLOWGEOM_CURVES_MAX, and 0 where ir_flowgeom_outline returns 0. */
typedef enum ir_seg_kind { IR_SEG_MOVE, IR_SEG_LINE, IR_SEG_CURVE } ir_seg_kind;
typedef struct ir_flowgeom_seg {
    ir_seg_kind kind;
    ir_point c1, c2, to;
} ir_flowgeom_seg;
#define IR_FLOWGEOM_CURVES_MAX 21
size_t ir_flowgeom_curves(ir_point from, double r_from, ir_point c,
                          ir_point to, double r_to, double width,
                          const ir_flowgeom_style *style, ir_flowgeom_seg *out,
                          size_t cap);

/* Arrowhead length for a flow of this width. */
double ir_flowgeom_head_length(double width, const ir_flowgeom_style *style);

#endif

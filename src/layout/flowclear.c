/*
 * flowclear: what a flow's curve runs over, for the lay-out.  See
 * flowclear.h.
 */
#include "flowclear.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#define MAX_NEAR 48        /* nodes tracked per flow per sweep */
#define NODES_COUNTED 4    /* conflicts with nodes counted up to this */

/* How far a control-point move carries the curve at t, floored so that a
 * conflict at the very ends does not ask for a huge move. */
double ir_flowclear_basis(double t)
{
    return fmax(0.3, 2 * t * (1 - t));
}

/* The exit from rectangle r (inflated by e) nearest to p, or 0 if p is
 * outside. */
static double rect_exit(const double r[4], double e, ir_point p, double *ux,
                        double *uy)
{
    double l = p.x - (r[0] - e), rt = (r[2] + e) - p.x;
    double t = p.y - (r[1] - e), b = (r[3] + e) - p.y;
    if (l <= 0 || rt <= 0 || t <= 0 || b <= 0)
        return 0;
    double m = l;
    *ux = -1, *uy = 0;
    if (rt < m) m = rt, *ux = 1, *uy = 0;
    if (t < m) m = t, *ux = 0, *uy = -1;
    if (b < m) m = b, *ux = 0, *uy = 1;
    return m;
}

typedef struct push {
    size_t id;
    double x, y, m;   /* direction and magnitude of the largest push */
} push;

/* A flow's pushes so far, in the order their nodes were first met, with
 * a hash of node ids into the list: neighbouring samples meet the same
 * nodes again and again, and on a crowded page a scan of the list for
 * each of them was most of a sweep's time. */
#define HASH_BITS 7
#define HASH_SLOTS (1 << HASH_BITS)
_Static_assert(HASH_SLOTS > 2 * MAX_NEAR && MAX_NEAR < 255,
               "the hash stays under half full and its slots fit a byte");
typedef struct push_list {
    push item[MAX_NEAR];
    int n;
    unsigned char slot[HASH_SLOTS]; /* list index + 1, 0 free */
} push_list;

static void push_keep(push_list *l, size_t id, double dx, double dy, double m)
{
    unsigned h = (unsigned)((id * 0x9E3779B97F4A7C15ull) >> (64 - HASH_BITS));
    for (;; h = (h + 1) & (HASH_SLOTS - 1)) {
        int at = l->slot[h];
        if (at == 0)
            break;
        if (l->item[at - 1].id == id) {
            if (m > l->item[at - 1].m)
                l->item[at - 1] = (push){ id, dx, dy, m };
            return;
        }
    }
    if (l->n < MAX_NEAR) {
        l->item[l->n++] = (push){ id, dx, dy, m };
        l->slot[h] = (unsigned char)l->n;
    }
}

/* Nodes near point p (curve parameter t): returns how many it is inside
 * (closer than radius + half + margin), stopping at `enough` if that is
 * not 0; with a list, records each node's push for the force sweep, soft
 * points beyond the margin. */
static int point_nodes(const ir_flowclear_ctx *fc, ir_point p, double t,
                       double margin, double soft, push_list *list,
                       int *last, int enough)
{
    const ir_node_field *g = fc->field;
    double fx = (p.x - g->x0) / g->cell, fy = (p.y - g->y0) / g->cell;
    /* Inside the grid truncation is floor, without a call to floor(). */
    if (!(fx >= 0 && fy >= 0 && fx < g->nx && fy < g->ny))
        return 0;
    int cx = (int)fx, cy = (int)fy;
    size_t c = (size_t)cy * (size_t)g->nx + (size_t)cx;
    int inside = 0;
    /* Pushes come from the cell's nearest nodes; tests see them all. */
    const size_t *start = list ? g->near_start : g->start;
    const size_t *ids = list ? g->near_ids : g->ids;
    for (size_t k = start[c]; k < start[c + 1]; k++) {
        size_t id = ids[k];
        if (id == fc->from || id == fc->to)
            continue;
        const ir_layout_node *nd = &fc->nodes[id];
        double dx = p.x - nd->at.x, dy = p.y - nd->at.y;
        double need = nd->radius + fc->half + margin;
        double d2 = dx * dx + dy * dy;
        if (d2 >= (need + soft) * (need + soft))
            continue;
        if (d2 < need * need)
            inside++;
        if (list) {
            double d = sqrt(d2);
            if (d == 0)
                continue;
            push_keep(list, id, dx / d, dy / d,
                      (need + soft - d) / ir_flowclear_basis(t));
        } else if (last && d2 < need * need) {
            /* Counting distinct nodes: last holds the last one seen. */
            if ((size_t)*last == id + 1)
                inside--;
            *last = (int)(id + 1);
            /* In a crowd of nodes the rest of the cell's list can only
             * add to a count the caller stops at. */
            if (enough && inside >= enough)
                break;
        }
    }
    return inside;
}

/* Node and obstacle conflicts of one curve, sampled finely enough (every
 * 3 pt at most) that no node slips between two samples unseen: with
 * the 1 pt margin, a 3 pt gap hides at most half a point. */
ir_flowclear_count ir_flowclear_conflicts(const ir_flowclear_ctx *fc,
                                          ir_point p0, ir_point c,
                                 ir_point p1, const ir_layout_options *o,
                                 double margin, int limit)
{
    ir_flowclear_count k = { 0, 0, 0 };
    double len = hypot(c.x - p0.x, c.y - p0.y) + hypot(p1.x - c.x, p1.y - c.y);
    int n = (int)ceil(len / 3.0);
    n = n < 8 ? 8 : n > 4000 ? 4000 : n;
    bool box_hit[IR_FLOWCLEAR_MAX_OBSTACLES] = { false };
    size_t nboxes = o->nobstacles < IR_FLOWCLEAR_MAX_OBSTACLES ? o->nobstacles : IR_FLOWCLEAR_MAX_OBSTACLES;
    /* The map area, less half the band, but never less than the ends. */
    double h = fc->half - 0.5;
    double lo_x = fmin(o->rect[0] + h, fmin(p0.x, p1.x));
    double hi_x = fmax(o->rect[2] - h, fmax(p0.x, p1.x));
    double lo_y = fmin(o->rect[1] + h, fmin(p0.y, p1.y));
    double hi_y = fmax(o->rect[3] - h, fmax(p0.y, p1.y));
    int last = 0;
    for (int i = 1; i < n; i++) {
        double t = (double)i / n;
        ir_point b = ir_flowgeom_at(p0, c, p1, t);
        /* Past a few nodes the count changes no choice; the node tests
         * are the costly part on a crowded map, so they stop there. */
        if (k.nodes < NODES_COUNTED)
            k.nodes += point_nodes(fc, b, t, margin, 0, NULL, &last,
                                   NODES_COUNTED - k.nodes);
        for (size_t j = 0; j < nboxes; j++) {
            double ux = 0, uy = 0;
            if (!box_hit[j] &&
                rect_exit(o->obstacles[j], fc->half + margin, b, &ux, &uy) > 0) {
                box_hit[j] = true;
                k.boxes++;
            }
        }
        if (!k.outside && (b.x < lo_x || b.x > hi_x || b.y < lo_y || b.y > hi_y))
            k.outside = 1;
        /* The caller has a curve this good already. */
        if (2 * k.nodes + k.boxes + k.outside >= limit)
            return k;
    }
    return k;
}

/* The pushes that clear nodes and obstacles and keep the curve in the
 * map area, from the curve's force samples pts (at parameters ts). */
ir_point ir_flowclear_push(const ir_flowclear_ctx *fc, const ir_point *pts,
                           const double *ts, int npts,
                           const ir_layout_options *o)
{
    push_list near;
    near.n = 0;
    memset(near.slot, 0, sizeof near.slot);
    double box_push[IR_FLOWCLEAR_MAX_OBSTACLES][3];
    size_t nboxes = o->nobstacles < IR_FLOWCLEAR_MAX_OBSTACLES ? o->nobstacles : IR_FLOWCLEAR_MAX_OBSTACLES;
    for (size_t j = 0; j < nboxes; j++)
        box_push[j][0] = box_push[j][1] = box_push[j][2] = 0;
    double bound_push[4] = { 0 };
    for (int i = 0; i < npts; i++) {
        ir_point b = pts[i];
        double bs = ir_flowclear_basis(ts[i]);
        point_nodes(fc, b, ts[i], IR_FLOWCLEAR_CLEARANCE,
                    IR_FLOWCLEAR_SOFT_ZONE, &near, NULL, 0);
        for (size_t j = 0; j < nboxes; j++) {
            double ux = 0, uy = 0;
            double m = rect_exit(o->obstacles[j], fc->half + IR_FLOWCLEAR_CLEARANCE, b,
                                 &ux, &uy) / bs;
            if (m > box_push[j][2])
                box_push[j][0] = ux, box_push[j][1] = uy, box_push[j][2] = m;
        }
        double e = fc->half;
        bound_push[0] = fmax(bound_push[0], (o->rect[0] + e - b.x) / bs);
        bound_push[1] = fmax(bound_push[1], (o->rect[1] + e - b.y) / bs);
        bound_push[2] = fmax(bound_push[2], (b.x - (o->rect[2] - e)) / bs);
        bound_push[3] = fmax(bound_push[3], (b.y - (o->rect[3] - e)) / bs);
    }
    double x = 0, y = 0;
    for (int i = 0; i < near.n; i++) {
        x += near.item[i].x * near.item[i].m;
        y += near.item[i].y * near.item[i].m;
    }
    for (size_t j = 0; j < nboxes; j++) {
        x += box_push[j][0] * box_push[j][2];
        y += box_push[j][1] * box_push[j][2];
    }
    x += bound_push[0] - bound_push[2];
    y += bound_push[1] - bound_push[3];
    return (ir_point){ x, y };
}

/*
 * flowlayout: force-directed flow lay-out.  See flowlayout.h.
 *
 * Flow-to-flow forces.  Jenny et al. push every sample point of a flow
 * away from the sample points of every other flow, weighted by inverse
 * distance: O(I x F^2 x k^2), and still O(I x F x density) with a grid of
 * points, which grows quadratically when many flows share one page.  Here
 * every flow's samples are splatted, weighted by width, into a density
 * raster that is then blurred (three box passes, close to a Gaussian); a
 * sample's push is the density's downhill gradient.  A sweep costs
 * O(F x k + cells) whatever the density, so lay-out time grows linearly
 * with the number of flows.  A flow's own samples sit on the ridge they
 * make, where their gradient is nearly zero, so they are not subtracted.
 *
 * Nodes and obstacles.  These must be cleared, not merely avoided on
 * average, so they are tested exactly, segment by segment, against a grid
 * of nodes, and a flow's push from each is its deepest intrusion, turned
 * into a control-point move by the Bezier basis (moving the control point
 * by d moves the curve at t by 2t(1-t) d).
 *
 * The last pass.  Forces trade conflicts off against each other and can
 * leave a flow over a node.  Each such flow then tries the symmetric
 * curves of its chord (control point on the perpendicular bisector),
 * nearest to its own first, and takes the first that clears every node
 * and obstacle, or the one with fewest conflicts.
 */
#include "flowlayout.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define FORCE_SAMPLES 16   /* samples per flow for flow-to-flow forces */
#define CLEARANCE 2.5      /* points kept between a band and a node */
#define SOFT_ZONE 6.0      /* beyond the clearance, a weaker push */
#define MAX_NEAR 48        /* nodes tracked per flow per sweep */
#define MAX_OBSTACLES 64   /* obstacles heeded; more are ignored */
#define RESCUE_BUDGET 14   /* curve checks per flow in the last pass */

void ir_layout_options_default(ir_layout_options *o)
{
    memset(o, 0, sizeof *o);
    o->bend = 0.18;
    o->iterations = 40;
    ir_flowgeom_style g;
    ir_flowgeom_style_default(&g);
    o->head_length = g.head_length;
    o->head_width = g.head_width;
    o->head_min = g.head_min;
    o->end_gap = g.end_gap;
}

static double reference_of(const ir_layout_options *o)
{
    if (o->reference > 0)
        return o->reference;
    return hypot(o->rect[2] - o->rect[0], o->rect[3] - o->rect[1]) / 3;
}

ir_point ir_flowlayout_default_control(const ir_layout_node *from,
                                       const ir_layout_node *to,
                                       const ir_layout_options *o)
{
    return ir_flowgeom_default_control(from->at, to->at, o->bend,
                                       reference_of(o));
}

/* ---- the node field ------------------------------------------------ */

/* Nodes never move, so once per lay-out every cell of a fine grid lists
 * the nodes whose reach (radius, the widest half width, clearance and the
 * soft zone) touches it; a point then meets only its cell's few nodes. */
typedef struct node_field {
    double x0, y0, cell;
    int nx, ny;
    size_t *start;           /* nx * ny + 1 offsets into ids */
    size_t *ids;
} node_field;

static int node_field_build(node_field *g, const ir_layout_node *nodes,
                            size_t n, double extra, const double bounds[4])
{
    memset(g, 0, sizeof *g);
    /* About 4 pt, coarser on huge pages so the grid stays small. */
    g->cell = fmax(4, fmax(bounds[2] - bounds[0], bounds[3] - bounds[1]) / 1500);
    g->x0 = bounds[0];
    g->y0 = bounds[1];
    g->nx = (int)((bounds[2] - bounds[0]) / g->cell) + 1;
    g->ny = (int)((bounds[3] - bounds[1]) / g->cell) + 1;
    size_t cells = (size_t)g->nx * (size_t)g->ny;
    g->start = calloc(cells + 1, sizeof *g->start);
    if (!g->start)
        return -1;
    /* Two sweeps over the same cells: count, then fill. */
    for (int pass = 0; pass < 2; pass++) {
        size_t *fill = NULL;
        if (pass == 1) {
            for (size_t c = 0; c < cells; c++)
                g->start[c + 1] += g->start[c];
            g->ids = malloc((g->start[cells] ? g->start[cells] : 1) * sizeof *g->ids);
            fill = calloc(cells, sizeof *fill);
            if (!g->ids || !fill) {
                free(fill);
                return -1;
            }
        }
        for (size_t i = 0; i < n; i++) {
            double r = nodes[i].radius + extra;
            int x0 = (int)floor((nodes[i].at.x - r - g->x0) / g->cell);
            int x1 = (int)floor((nodes[i].at.x + r - g->x0) / g->cell);
            int y0 = (int)floor((nodes[i].at.y - r - g->y0) / g->cell);
            int y1 = (int)floor((nodes[i].at.y + r - g->y0) / g->cell);
            x0 = x0 < 0 ? 0 : x0;
            y0 = y0 < 0 ? 0 : y0;
            x1 = x1 >= g->nx ? g->nx - 1 : x1;
            y1 = y1 >= g->ny ? g->ny - 1 : y1;
            for (int y = y0; y <= y1; y++)
                for (int x = x0; x <= x1; x++) {
                    size_t c = (size_t)y * (size_t)g->nx + (size_t)x;
                    if (pass == 0)
                        g->start[c + 1]++;
                    else
                        g->ids[g->start[c] + fill[c]++] = i;
                }
        }
        free(fill);
    }
    return 0;
}

static void node_field_free(node_field *g)
{
    free(g->start);
    free(g->ids);
}

/* ---- the density raster ---------------------------------------------- */

typedef struct raster {
    double x0, y0, cell;
    int nx, ny;
    float *d, *tmp;
} raster;

static int raster_init(raster *r, const double bounds[4], double cell)
{
    r->cell = cell;
    r->x0 = bounds[0];
    r->y0 = bounds[1];
    r->nx = (int)((bounds[2] - bounds[0]) / cell) + 2;
    r->ny = (int)((bounds[3] - bounds[1]) / cell) + 2;
    size_t n = (size_t)r->nx * (size_t)r->ny;
    r->d = calloc(n, sizeof *r->d);
    r->tmp = calloc(n, sizeof *r->tmp);
    return r->d && r->tmp ? 0 : -1;
}

static void raster_free(raster *r)
{
    free(r->d);
    free(r->tmp);
}

static void raster_splat(raster *r, ir_point p, double v)
{
    double fx = (p.x - r->x0) / r->cell, fy = (p.y - r->y0) / r->cell;
    int ix = (int)floor(fx), iy = (int)floor(fy);
    if (ix < 0 || iy < 0 || ix + 1 >= r->nx || iy + 1 >= r->ny)
        return;
    double ax = fx - ix, ay = fy - iy;
    float *row = r->d + (size_t)iy * (size_t)r->nx + ix;
    row[0] += (float)(v * (1 - ax) * (1 - ay));
    row[1] += (float)(v * ax * (1 - ay));
    row[r->nx] += (float)(v * (1 - ax) * ay);
    row[r->nx + 1] += (float)(v * ax * ay);
}

static double raster_at(const raster *r, double x, double y)
{
    double fx = (x - r->x0) / r->cell, fy = (y - r->y0) / r->cell;
    int ix = (int)floor(fx), iy = (int)floor(fy);
    if (ix < 0 || iy < 0 || ix + 1 >= r->nx || iy + 1 >= r->ny)
        return 0;
    double ax = fx - ix, ay = fy - iy;
    const float *row = r->d + (size_t)iy * (size_t)r->nx + ix;
    return (1 - ax) * (1 - ay) * row[0] + ax * (1 - ay) * row[1] +
           (1 - ax) * ay * row[r->nx] + ax * ay * row[r->nx + 1];
}

/* One box-blur pass of radius k along rows (stride 1) or columns. */
static void box_pass(const float *src, float *dst, int len, int lines,
                     size_t step, size_t line_step, int k)
{
    double norm = 1.0 / (2 * k + 1);
    for (int l = 0; l < lines; l++) {
        const float *s = src + (size_t)l * line_step;
        float *d = dst + (size_t)l * line_step;
        double sum = 0;
        for (int i = 0; i <= k && i < len; i++)
            sum += s[(size_t)i * step];
        for (int i = 0; i < len; i++) {
            d[(size_t)i * step] = (float)(sum * norm);
            int add = i + k + 1, drop = i - k;
            if (add < len)
                sum += s[(size_t)add * step];
            if (drop >= 0)
                sum -= s[(size_t)drop * step];
        }
    }
}

static void raster_blur(raster *r, int k)
{
    for (int pass = 0; pass < 3; pass++) {
        box_pass(r->d, r->tmp, r->nx, r->ny, 1, (size_t)r->nx, k);
        box_pass(r->tmp, r->d, r->ny, r->nx, (size_t)r->nx, 1, k);
    }
}

/* ---- geometry helpers ------------------------------------------------ */

/* How far a control-point move carries the curve at t, floored so that a
 * conflict at the very ends does not ask for a huge move. */
static double basis(double t)
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

static void push_keep(push *list, int *n, size_t id, double dx, double dy,
                      double m)
{
    for (int i = 0; i < *n; i++)
        if (list[i].id == id) {
            if (m > list[i].m)
                list[i] = (push){ id, dx, dy, m };
            return;
        }
    if (*n < MAX_NEAR)
        list[(*n)++] = (push){ id, dx, dy, m };
}

typedef struct flow_ctx {
    const ir_layout_node *nodes;
    const node_field *field;
    size_t from, to;
    double half;
} flow_ctx;

/* Nodes near point p (curve parameter t): returns how many it is inside
 * (closer than radius + half + margin); with a list, records each node's
 * push for the force sweep, soft points beyond the margin. */
static int point_nodes(const flow_ctx *fc, ir_point p, double t,
                       double margin, double soft, push *list, int *nlist)
{
    const node_field *g = fc->field;
    int cx = (int)floor((p.x - g->x0) / g->cell);
    int cy = (int)floor((p.y - g->y0) / g->cell);
    if (cx < 0 || cy < 0 || cx >= g->nx || cy >= g->ny)
        return 0;
    size_t c = (size_t)cy * (size_t)g->nx + (size_t)cx;
    int inside = 0;
    for (size_t k = g->start[c]; k < g->start[c + 1]; k++) {
        size_t id = g->ids[k];
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
            push_keep(list, nlist, id, dx / d, dy / d,
                      (need + soft - d) / basis(t));
        } else if (nlist && d2 < need * need) {
            /* Counting distinct nodes: nlist holds the last one seen. */
            if ((size_t)*nlist == id + 1)
                inside--;
            *nlist = (int)(id + 1);
        }
    }
    return inside;
}

typedef struct conflicts {
    int nodes, boxes, outside;
} conflicts;

/* Node and obstacle conflicts of one curve, sampled finely enough (every
 * 3 pt at most) that no node slips between two samples unseen: with
 * the 1 pt margin, a 3 pt gap hides at most half a point. */
static conflicts curve_conflicts(const flow_ctx *fc, ir_point p0, ir_point c,
                                 ir_point p1, const ir_layout_options *o,
                                 double margin, int limit)
{
    conflicts k = { 0, 0, 0 };
    double len = hypot(c.x - p0.x, c.y - p0.y) + hypot(p1.x - c.x, p1.y - c.y);
    int n = (int)ceil(len / 3.0);
    n = n < 8 ? 8 : n > 4000 ? 4000 : n;
    bool box_hit[MAX_OBSTACLES] = { false };
    size_t nboxes = o->nobstacles < MAX_OBSTACLES ? o->nobstacles : MAX_OBSTACLES;
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
        k.nodes += point_nodes(fc, b, t, margin, 0, NULL, &last);
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
static ir_point curve_push(const flow_ctx *fc, const ir_point *pts,
                           const double *ts, const ir_layout_options *o)
{
    push near[MAX_NEAR];
    int nnear = 0;
    double box_push[MAX_OBSTACLES][3];
    size_t nboxes = o->nobstacles < MAX_OBSTACLES ? o->nobstacles : MAX_OBSTACLES;
    for (size_t j = 0; j < nboxes; j++)
        box_push[j][0] = box_push[j][1] = box_push[j][2] = 0;
    double bound_push[4] = { 0 };
    for (int i = 0; i < FORCE_SAMPLES; i++) {
        ir_point b = pts[i];
        double bs = basis(ts[i]);
        point_nodes(fc, b, ts[i], CLEARANCE, SOFT_ZONE, near, &nnear);
        for (size_t j = 0; j < nboxes; j++) {
            double ux = 0, uy = 0;
            double m = rect_exit(o->obstacles[j], fc->half + CLEARANCE, b,
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
    for (int i = 0; i < nnear; i++) {
        x += near[i].x * near[i].m;
        y += near[i].y * near[i].m;
    }
    for (size_t j = 0; j < nboxes; j++) {
        x += box_push[j][0] * box_push[j][2];
        y += box_push[j][1] * box_push[j][2];
    }
    x += bound_push[0] - bound_push[2];
    y += bound_push[1] - bound_push[3];
    return (ir_point){ x, y };
}

/* ---- angular spread at shared nodes ---------------------------------- */

typedef struct end {
    size_t flow, node;
    double angle;
    int arriving;     /* the flow's head end */
} end;

static int end_cmp(const void *a, const void *b)
{
    const end *x = a, *y = b;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    if (x->angle != y->angle)
        return x->angle < y->angle ? -1 : 1;
    return x->flow < y->flow ? -1 : x->flow > y->flow;
}

/* Flows leaving (or reaching) one node at nearly the same angle lie on
 * top of each other there: turn each away from its neighbour in angle
 * (Jenny et al. 2018, radial spread). */
static void spread(const ir_layout_flow *flows, size_t nflows,
                   const ir_layout_node *nodes, const ir_point *c, end *ends,
                   const ir_layout_options *o, ir_point *disp)
{
    size_t n = 0;
    for (size_t i = 0; i < nflows; i++) {
        const ir_layout_flow *f = &flows[i];
        ir_point a = nodes[f->from].at, b = nodes[f->to].at;
        ends[n++] = (end){ i, f->from, atan2(c[i].y - a.y, c[i].x - a.x), 0 };
        ends[n++] = (end){ i, f->to, atan2(c[i].y - b.y, c[i].x - b.x), 1 };
    }
    qsort(ends, n, sizeof *ends, end_cmp);
    for (size_t s = 0; s < n;) {
        size_t e = s;
        while (e < n && ends[e].node == ends[s].node)
            e++;
        size_t count = e - s;
        if (count > 1) {
            double r = nodes[ends[s].node].radius;
            for (size_t k = s; k < e; k++) {
                size_t next = k + 1 < e ? k + 1 : s;
                double gap = ends[next].angle - ends[k].angle;
                if (next == s)
                    gap += 2 * M_PI;
                if (count == 2 && next == s)
                    continue;
                const ir_layout_flow *fa = &flows[ends[k].flow],
                                     *fb = &flows[ends[next].flow];
                /* Bands side by side a little way out; arrowheads side
                 * by side at their bases, where they are widest. */
                double need = (fa->width + fb->width) / 2 / (r + 12);
                if (ends[k].arriving && ends[next].arriving) {
                    double wa = fmax(o->head_min, o->head_width * fa->width);
                    double wb = fmax(o->head_min, o->head_width * fb->width);
                    double len = fmax(o->head_min, o->head_length *
                                                       fmax(fa->width, fb->width));
                    need = fmax(need, (wa + wb) / 2 / (r + o->end_gap + len));
                }
                if (gap >= need)
                    continue;
                double push = 0.6 * (need - gap);
                /* Turn k clockwise-back (angle down), next forward: the
                 * move is perpendicular to each control point's arm. */
                const end *ek = &ends[k], *en = &ends[next];
                ir_point na = nodes[ek->node].at;
                double la = hypot(c[ek->flow].x - na.x, c[ek->flow].y - na.y);
                double lb = hypot(c[en->flow].x - na.x, c[en->flow].y - na.y);
                disp[ek->flow].x += sin(ek->angle) * push * la;
                disp[ek->flow].y -= cos(ek->angle) * push * la;
                disp[en->flow].x -= sin(en->angle) * push * lb;
                disp[en->flow].y += cos(en->angle) * push * lb;
            }
        }
        s = e;
    }
}

/* ---- the lay-out ----------------------------------------------------- */

int ir_flowlayout_covers_node(const ir_layout_flow *f,
                              const ir_layout_node *nodes, size_t nnodes)
{
    const ir_layout_node *a = &nodes[f->from], *b = &nodes[f->to];
    for (size_t k = 0; k < nnodes; k++) {
        if (k == f->from || k == f->to)
            continue;
        for (int s = 1; s < 128; s++) {
            ir_point p = ir_flowgeom_at(a->at, f->control, b->at,
                                        s / 128.0);
            if (hypot(p.x - nodes[k].at.x, p.y - nodes[k].at.y) <
                nodes[k].radius + f->width / 2)
                return 1;
        }
    }
    return 0;
}

static void page_bounds(const ir_layout_flow *flows, size_t nflows,
                        const ir_layout_node *nodes, size_t nnodes,
                        const ir_layout_options *o, double b[4])
{
    double pad = 0;
    for (size_t i = 0; i < nflows; i++)
        pad = fmax(pad, flows[i].width);
    b[0] = o->rect[0];
    b[1] = o->rect[1];
    b[2] = o->rect[2];
    b[3] = o->rect[3];
    for (size_t i = 0; i < nnodes; i++) {
        b[0] = fmin(b[0], nodes[i].at.x);
        b[1] = fmin(b[1], nodes[i].at.y);
        b[2] = fmax(b[2], nodes[i].at.x);
        b[3] = fmax(b[3], nodes[i].at.y);
    }
    pad += 64;
    b[0] -= pad;
    b[1] -= pad;
    b[2] += pad;
    b[3] += pad;
}

/* Hard limits on a control point: the curve's apex, B(1/2) = (p0 + p1)/4
 * + c/2, stays inside the map area, and the curve strays from its default
 * by at most MAX_STRAY of its chord, so that no flow swings into a wide
 * arc to escape a crowd, nor turns lopsided. */
#define MAX_STRAY 0.25
#define MAX_SLIDE 0.08
static void keep_in(const ir_layout_flow *f, const ir_layout_node *nodes,
                    const ir_layout_options *o, ir_point base, ir_point *c)
{
    ir_point p0 = nodes[f->from].at, p1 = nodes[f->to].at;
    double len = hypot(p1.x - p0.x, p1.y - p0.y);
    double ex = c->x - base.x, ey = c->y - base.y, e = hypot(ex, ey);
    if (e > MAX_STRAY * len) {
        c->x = base.x + ex * MAX_STRAY * len / e;
        c->y = base.y + ey * MAX_STRAY * len / e;
    }
    /* Nearly symmetric: the control point slides at most MAX_SLIDE of
     * the chord along it, away from the perpendicular bisector. */
    if (len > 0) {
        double ux = (p1.x - p0.x) / len, uy = (p1.y - p0.y) / len;
        double along = (c->x - (p0.x + p1.x) / 2) * ux +
                       (c->y - (p0.y + p1.y) / 2) * uy;
        double lim = MAX_SLIDE * len;
        double excess = along > lim ? along - lim : along < -lim ? along + lim : 0;
        c->x -= excess * ux;
        c->y -= excess * uy;
    }
    double h = f->width / 2;
    double ax = (p0.x + p1.x) / 4 + c->x / 2, ay = (p0.y + p1.y) / 4 + c->y / 2;
    double lo_x = fmin(o->rect[0] + h, fmin(p0.x, p1.x));
    double hi_x = fmax(o->rect[2] - h, fmax(p0.x, p1.x));
    double lo_y = fmin(o->rect[1] + h, fmin(p0.y, p1.y));
    double hi_y = fmax(o->rect[3] - h, fmax(p0.y, p1.y));
    ax = ax < lo_x ? lo_x : ax > hi_x ? hi_x : ax;
    ay = ay < lo_y ? lo_y : ay > hi_y ? hi_y : ay;
    c->x = 2 * (ax - (p0.x + p1.x) / 4);
    c->y = 2 * (ay - (p0.y + p1.y) / 4);
}

/* The last pass: a symmetric curve that clears nodes and obstacles. */
static size_t rescue(ir_layout_flow *flows, size_t nflows,
                     const ir_layout_node *nodes, const node_field *grid,
                     const ir_layout_options *o, ir_layout_report *rep)
{
    /* A budget of curve checks keeps the pass linear in flows: on a map
     * too dense to clear, most flows would try every curve in vain. */
    long budget = RESCUE_BUDGET * (long)nflows + 2000;
    size_t rescued = 0;
    size_t checked = 0;
    for (size_t i = 0; i < nflows && budget > 0; i++, checked = i) {
        ir_layout_flow *f = &flows[i];
        ir_point p0 = nodes[f->from].at, p1 = nodes[f->to].at;
        flow_ctx fc = { nodes, grid, f->from, f->to, f->width / 2 };
        conflicts k = curve_conflicts(&fc, p0, f->control, p1, o, 1.0, 1);
        if (k.nodes == 0 && k.boxes == 0 && k.outside == 0)
            continue;
        k = curve_conflicts(&fc, p0, f->control, p1, o, 1.0, INT_MAX);
        double dx = p1.x - p0.x, dy = p1.y - p0.y, len = hypot(dx, dy);
        if (len == 0)
            continue;
        ir_point mid = { (p0.x + p1.x) / 2, (p0.y + p1.y) / 2 };
        ir_point n = { -dy / len, dx / len };
        double s0 = ((f->control.x - mid.x) * n.x +
                     (f->control.y - mid.y) * n.y) / len;
        ir_point best = f->control;
        conflicts best_k = k;
        int best_cost = 2 * k.nodes + k.boxes + k.outside;
        /* Coarse steps across the family, nearest the current curve
         * first, then finer steps around the best one found. */
        static const double coarse[] = { 0.06, -0.06, 0.12, -0.12, 0.2,
                                         -0.2, 0.3, -0.3, 0.45, -0.45 };
        static const double fine[] = { 0.02, -0.02, 0.04, -0.04 };
        double s_best = s0;
        /* While the budget is ample (small maps), a last pass walks the
         * whole family in small steps. */
        for (int pass = 0; pass < 3 && best_cost > 0; pass++) {
            const double *steps = pass == 0 ? coarse : fine;
            int nsteps = pass == 0 ? 10 : pass == 1 ? 4 : 96;
            double from = pass == 0 ? s0 : s_best;
            if (pass == 2 &&
                budget < RESCUE_BUDGET * (long)(nflows - i) + nsteps)
                break;
            for (int j = 0; j < nsteps && best_cost > 0; j++) {
                double s = pass < 2 ? from + steps[j]
                                    : s0 + (j % 2 ? 1 : -1) * 0.0125 * (j / 2 + 1);
                if (fabs(s) > 0.7)
                    continue;
                ir_point c = { mid.x + n.x * s * len, mid.y + n.y * s * len };
                budget--;
                conflicts kc = curve_conflicts(&fc, p0, c, p1, o, 1.0,
                                               best_cost);
                int cost = 2 * kc.nodes + kc.boxes + kc.outside;
                if (cost < best_cost) {
                    best_cost = cost;
                    best_k = kc;
                    best = c;
                    s_best = s;
                }
            }
        }
        f->control = best;
        rescued++;
        rep->node_conflicts += best_k.nodes > 0;
        rep->obstacle_conflicts += best_k.boxes > 0;
        rep->outside += best_k.outside;
    }
    /* Past the budget, flows are only counted. */
    for (size_t i = 0; i < nflows; i++) {
        if (i < checked)
            continue;
        const ir_layout_flow *f = &flows[i];
        flow_ctx fc = { nodes, grid, f->from, f->to, f->width / 2 };
        conflicts k = curve_conflicts(&fc, nodes[f->from].at, f->control,
                                      nodes[f->to].at, o, 1.0, INT_MAX);
        rep->node_conflicts += k.nodes > 0;
        rep->obstacle_conflicts += k.boxes > 0;
        rep->outside += k.outside;
    }
    return rescued;
}

int ir_flowlayout_run(ir_layout_flow *flows, size_t nflows,
                      const ir_layout_node *nodes, size_t nnodes,
                      const ir_layout_options *o, ir_layout_report *rep)
{
    memset(rep, 0, sizeof *rep);
    for (size_t i = 0; i < nflows; i++)
        flows[i].control = ir_flowlayout_default_control(
            &nodes[flows[i].from], &nodes[flows[i].to], o);
    if (nflows == 0)
        return 0;
    double bounds[4], max_width = 0;
    page_bounds(flows, nflows, nodes, nnodes, o, bounds);
    for (size_t i = 0; i < nflows; i++)
        max_width = fmax(max_width, flows[i].width);
    /* Flows feel each other within about two widest widths. */
    double reach = 2 * max_width + 12, cell = fmax(2, reach / 6);
    int blur = 2;
    node_field grid = { 0 };
    raster r = { 0 };
    ir_point *base = malloc(nflows * sizeof *base);
    ir_point *c = malloc(nflows * sizeof *c);
    ir_point *disp = malloc(nflows * sizeof *disp);
    end *ends = malloc(2 * nflows * sizeof *ends);
    ir_point *pts = malloc(nflows * FORCE_SAMPLES * sizeof *pts);
    int rc = -1;
    if (node_field_build(&grid, nodes, nnodes,
                         max_width / 2 + CLEARANCE + SOFT_ZONE, bounds) || !base || !c ||
        !disp || !ends || !pts || raster_init(&r, bounds, cell))
        goto done;
    for (size_t i = 0; i < nflows; i++)
        base[i] = c[i] = flows[i].control;
    double strength = 1.2 * (blur * cell * 3) * (blur * cell * 3);
    double ref = reference_of(o);
    int iters = o->iterations;
    /* The force samples' parameters and Bezier weights, the same for
     * every flow: B(t) = u0 p0 + u1 c + u2 p1. */
    double ts[FORCE_SAMPLES], u0[FORCE_SAMPLES], u1[FORCE_SAMPLES],
        u2[FORCE_SAMPLES];
    for (int k = 0; k < FORCE_SAMPLES; k++) {
        double t = 0.08 + 0.84 * k / (FORCE_SAMPLES - 1);
        ts[k] = t;
        u0[k] = (1 - t) * (1 - t);
        u1[k] = 2 * t * (1 - t);
        u2[k] = t * t;
    }
    for (int it = 0; it < iters; it++) {
        double cool = 1 - (double)it / (iters + 1);
        memset(r.d, 0, (size_t)r.nx * (size_t)r.ny * sizeof *r.d);
        for (size_t i = 0; i < nflows; i++) {
            ir_point p0 = nodes[flows[i].from].at, p1 = nodes[flows[i].to].at;
            double len = hypot(p1.x - p0.x, p1.y - p0.y) * 1.1;
            double v = flows[i].width * len / FORCE_SAMPLES / (cell * cell);
            ir_point *p = pts + i * FORCE_SAMPLES;
            for (int k = 0; k < FORCE_SAMPLES; k++) {
                p[k].x = u0[k] * p0.x + u1[k] * c[i].x + u2[k] * p1.x;
                p[k].y = u0[k] * p0.y + u1[k] * c[i].y + u2[k] * p1.y;
                raster_splat(&r, p[k], v);
            }
        }
        raster_blur(&r, blur);
        memset(disp, 0, nflows * sizeof *disp);
        spread(flows, nflows, nodes, c, ends, o, disp);
        for (size_t i = 0; i < nflows; i++) {
            const ir_layout_flow *f = &flows[i];
            ir_point p0 = nodes[f->from].at, p1 = nodes[f->to].at;
            double dx = p1.x - p0.x, dy = p1.y - p0.y, len = hypot(dx, dy);
            if (len == 0)
                continue;
            /* Flows: the density's downhill gradient, averaged with the
             * Bezier basis as weight. */
            const ir_point *p = pts + i * FORCE_SAMPLES;
            double fx = 0, fy = 0, wsum = 0, h = cell;
            for (int k = 0; k < FORCE_SAMPLES; k++) {
                double w = u1[k];
                fx -= w * (raster_at(&r, p[k].x + h, p[k].y) -
                           raster_at(&r, p[k].x - h, p[k].y)) / (2 * h);
                fy -= w * (raster_at(&r, p[k].x, p[k].y + h) -
                           raster_at(&r, p[k].x, p[k].y - h)) / (2 * h);
                wsum += w;
            }
            /* Heavier flows move less than light ones. */
            double mobility = strength / wsum / sqrt(fmax(1, f->width));
            double mx = fx * mobility + disp[i].x;
            double my = fy * mobility + disp[i].y;
            /* Nodes, obstacles and the map's edge. */
            flow_ctx fc = { nodes, &grid, f->from, f->to, f->width / 2 };
            ir_point pushed = curve_push(&fc, p, ts, o);
            mx += 0.5 * pushed.x;
            my += 0.5 * pushed.y;
            /* Spring back to the default curve, weaker for long flows;
             * anti-torsion against sliding along the chord. */
            double k_spring = fmin(0.2, fmax(0.03, 0.08 * sqrt(ref / len)));
            double ex = c[i].x - base[i].x, ey = c[i].y - base[i].y;
            double ux = dx / len, uy = dy / len, along = ex * ux + ey * uy;
            mx -= k_spring * ex + 0.4 * along * ux;
            my -= k_spring * ey + 0.4 * along * uy;
            double step = hypot(mx, my), cap = (0.04 * len + 1) * cool;
            if (step > cap) {
                mx *= cap / step;
                my *= cap / step;
            }
            disp[i] = (ir_point){ mx * cool, my * cool };
        }
        for (size_t i = 0; i < nflows; i++) {
            c[i].x += disp[i].x;
            c[i].y += disp[i].y;
            keep_in(&flows[i], nodes, o, base[i], &c[i]);
        }
    }
    for (size_t i = 0; i < nflows; i++)
        flows[i].control = c[i];
    rep->rescued = rescue(flows, nflows, nodes, &grid, o, rep);
    rc = 0;
done:
    node_field_free(&grid);
    raster_free(&r);
    free(base);
    free(c);
    free(disp);
    free(ends);
    free(pts);
    return rc;
}

long ir_flowlayout_overlap(const ir_layout_flow *flows, size_t nflows,
                           const ir_layout_node *nodes, size_t nnodes)
{
    (void)nnodes;
    enum { K = 24 };
    size_t n = nflows * K;
    if (n == 0)
        return 0;
    double b[4] = { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL }, maxw = 0;
    ir_point *p = malloc(n * sizeof *p);
    size_t *owner = malloc(n * sizeof *owner);
    if (!p || !owner) {
        free(p);
        free(owner);
        return -1;
    }
    for (size_t i = 0; i < nflows; i++) {
        const ir_layout_flow *f = &flows[i];
        maxw = fmax(maxw, f->width);
        for (int k = 0; k < K; k++) {
            /* Away from the ends, where flows sharing a node must meet. */
            double t = 0.15 + 0.7 * k / (K - 1);
            ir_point q = ir_flowgeom_at(nodes[f->from].at, f->control,
                                        nodes[f->to].at, t);
            p[i * K + k] = q;
            owner[i * K + k] = i;
            b[0] = fmin(b[0], q.x);
            b[1] = fmin(b[1], q.y);
            b[2] = fmax(b[2], q.x);
            b[3] = fmax(b[3], q.y);
        }
    }
    /* Points by cell (cell = widest width), then neighbouring cells. */
    double cell = fmax(1, maxw);
    int nx = (int)((b[2] - b[0]) / cell) + 1, ny = (int)((b[3] - b[1]) / cell) + 1;
    size_t cells = (size_t)nx * (size_t)ny;
    size_t *start = calloc(cells + 1, sizeof *start), *ids = malloc(n * sizeof *ids);
    size_t *fill = calloc(cells, sizeof *fill), *cell_of = malloc(n * sizeof *cell_of);
    long overlaps = -1;
    if (!start || !ids || !fill || !cell_of)
        goto done;
    for (size_t i = 0; i < n; i++) {
        size_t cx = (size_t)((p[i].x - b[0]) / cell), cy = (size_t)((p[i].y - b[1]) / cell);
        cell_of[i] = cy * (size_t)nx + cx;
        start[cell_of[i] + 1]++;
    }
    for (size_t i = 0; i < cells; i++)
        start[i + 1] += start[i];
    for (size_t i = 0; i < n; i++)
        ids[start[cell_of[i]] + fill[cell_of[i]]++] = i;
    overlaps = 0;
    for (size_t i = 0; i < n; i++) {
        const ir_layout_flow *fi = &flows[owner[i]];
        int cx = (int)(cell_of[i] % (size_t)nx), cy = (int)(cell_of[i] / (size_t)nx);
        for (int y = cy - 1; y <= cy + 1; y++)
            for (int x = cx - 1; x <= cx + 1; x++) {
                if (x < 0 || y < 0 || x >= nx || y >= ny)
                    continue;
                size_t c = (size_t)y * (size_t)nx + (size_t)x;
                for (size_t k = start[c]; k < start[c + 1]; k++) {
                    size_t j = ids[k];
                    if (j <= i || owner[j] == owner[i])
                        continue;
                    const ir_layout_flow *fj = &flows[owner[j]];
                    double r = (fi->width + fj->width) / 2;
                    double dx = p[i].x - p[j].x, dy = p[i].y - p[j].y;
                    if (dx * dx + dy * dy < r * r)
                        overlaps++;
                }
            }
    }
done:
    free(p);
    free(owner);
    free(start);
    free(ids);
    free(fill);
    free(cell_of);
    return overlaps;
}

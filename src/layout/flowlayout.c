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
 * Every core.  Sampling and moving are cut into chunks of the flows,
 * their number set by the number of flows alone, and run on as many
 * threads as there are; each chunk splats into its own raster and the
 * rasters are added in chunk order, so a run gives the same curves on one
 * core or sixteen.
 *
 * The last pass.  Forces trade conflicts off against each other and can
 * leave a flow over a node.  Each such flow then tries the symmetric
 * curves of its chord (control point on the perpendicular bisector),
 * nearest to its own first, and takes the first that clears every node
 * and obstacle, or the one with fewest conflicts.
 */
#include "flowlayout.h"

#include "base/pool.h"
#include "flowclear.h"
#include "flowfield.h"
#include "flowspread.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FORCE_SAMPLES 16   /* samples per flow for flow-to-flow forces */
#define RESCUE_BUDGET 14   /* curve checks per flow in the last pass */
#define RESCUE_SLACK 4000  /* and more for the whole pass */
#define CHUNK_FLOWS 64     /* flows per job, at least */
#define CHUNKS_MAX 16      /* jobs per pass, at most */

void ir_layout_options_default(ir_layout_options *o)
{
    memset(o, 0, sizeof *o);
    o->bend = 0.18;
    o->iterations = 40;
    o->threads = 2;
    o->force_max = 1000;
    o->clear_max = 4000;
    ir_flowgeom_style g;
    ir_flowgeom_style_default(&g);
    o->head_length = g.head_length;
    o->head_width = g.head_width;
    o->head_min = g.head_min;
    o->end_gap = g.end_gap;
}

/* The jobs a pass over n flows is cut into: by n alone, so that any
 * number of threads gives the same result. */
static size_t chunks_for(size_t n)
{
    size_t k = (n + CHUNK_FLOWS - 1) / CHUNK_FLOWS;
    return k < 1 ? 1 : k > CHUNKS_MAX ? CHUNKS_MAX : k;
}

/* The first flow of chunk k of n flows in `chunks` chunks. */
static size_t chunk_lo(size_t n, size_t chunks, size_t k)
{
    return n * k / chunks;
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

/* Whether a curve leaves the map area (nodes and obstacles aside). */
static bool flow_outside(const ir_flowclear_ctx *fc, ir_point p0, ir_point c,
                         ir_point p1, const ir_layout_options *o)
{
    double h = fc->half - 0.5;
    double lo_x = fmin(o->rect[0] + h, fmin(p0.x, p1.x));
    double hi_x = fmax(o->rect[2] - h, fmax(p0.x, p1.x));
    double lo_y = fmin(o->rect[1] + h, fmin(p0.y, p1.y));
    double hi_y = fmax(o->rect[3] - h, fmax(p0.y, p1.y));
    /* A quadratic's extremes on each axis are at t = (p0 - c) / (p0 - 2c
     * + p1), when that lies in (0, 1): test those and the ends. */
    double ts[2];
    int nt = 0;
    double dx = p0.x - 2 * c.x + p1.x, dy = p0.y - 2 * c.y + p1.y;
    if (dx != 0) {
        double t = (p0.x - c.x) / dx;
        if (t > 0 && t < 1)
            ts[nt++] = t;
    }
    if (dy != 0) {
        double t = (p0.y - c.y) / dy;
        if (t > 0 && t < 1)
            ts[nt++] = t;
    }
    for (int k = 0; k < nt; k++) {
        ir_point b = ir_flowgeom_at(p0, c, p1, ts[k]);
        if (b.x < lo_x || b.x > hi_x || b.y < lo_y || b.y > hi_y)
            return true;
    }
    return false;
}

/* The last pass: a symmetric curve that clears nodes and obstacles. */
static size_t rescue(ir_layout_flow *flows, size_t nflows,
                     const ir_layout_node *nodes, const ir_node_field *grid,
                     const ir_layout_options *o, long slack,
                     ir_layout_report *rep)
{
    /* A budget of curve checks keeps the pass linear in flows: on a map
     * too dense to clear, most flows would try every curve in vain.  The
     * slack on top lets a small map try many. */
    long budget = RESCUE_BUDGET * (long)nflows + slack;
    size_t rescued = 0;
    size_t checked = 0;
    for (size_t i = 0; i < nflows && budget > 0; i++, checked = i) {
        ir_layout_flow *f = &flows[i];
        ir_point p0 = nodes[f->from].at, p1 = nodes[f->to].at;
        ir_flowclear_ctx fc = { nodes, grid, f->from, f->to, f->width / 2 };
        ir_flowclear_count k = ir_flowclear_conflicts(&fc, p0, f->control, p1, o, 1.0, 1);
        if (k.nodes == 0 && k.boxes == 0 && k.outside == 0)
            continue;
        k = ir_flowclear_conflicts(&fc, p0, f->control, p1, o, 1.0, INT_MAX);
        double dx = p1.x - p0.x, dy = p1.y - p0.y, len = hypot(dx, dy);
        if (len == 0)
            continue;
        ir_point mid = { (p0.x + p1.x) / 2, (p0.y + p1.y) / 2 };
        ir_point n = { -dy / len, dx / len };
        double s0 = ((f->control.x - mid.x) * n.x +
                     (f->control.y - mid.y) * n.y) / len;
        ir_point best = f->control;
        ir_flowclear_count best_k = k;
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
                ir_flowclear_count kc = ir_flowclear_conflicts(&fc, p0, c, p1, o, 1.0,
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
        ir_flowclear_ctx fc = { nodes, grid, f->from, f->to, f->width / 2 };
        ir_flowclear_count k = ir_flowclear_conflicts(&fc, nodes[f->from].at, f->control,
                                      nodes[f->to].at, o, 1.0, INT_MAX);
        rep->node_conflicts += k.nodes > 0;
        rep->obstacle_conflicts += k.boxes > 0;
        rep->outside += k.outside;
    }
    return rescued;
}

/* No flow leaves the map area: one the passes before left bulging out
 * (a long arc from New England over the Atlantic) is flattened, its
 * control point drawn towards the chord's middle just far enough to come
 * inside; the straight chord always is when both its nodes are.  Returns
 * how many flows are still outside (their nodes are). */
static bool contain_one(ir_layout_flow *f, const ir_layout_node *nodes,
                        const ir_layout_options *frame_only)
{
    ir_point p0 = nodes[f->from].at, p1 = nodes[f->to].at;
    ir_flowclear_ctx fc = { nodes, NULL, f->from, f->to, f->width / 2 };
    if (!flow_outside(&fc, p0, f->control, p1, frame_only))
        return false;
    ir_point mid = { (p0.x + p1.x) / 2, (p0.y + p1.y) / 2 };
    ir_point out = f->control, in = mid;
    if (flow_outside(&fc, p0, in, p1, frame_only))
        return true;
    for (int k = 0; k < 16; k++) {
        ir_point m = { (in.x + out.x) / 2, (in.y + out.y) / 2 };
        if (flow_outside(&fc, p0, m, p1, frame_only))
            out = m;
        else
            in = m;
    }
    f->control = in;
    return false;
}

static size_t contain(ir_layout_flow *flows, size_t nflows,
                      const ir_layout_node *nodes, const ir_layout_options *o)
{
    ir_layout_options only_frame = *o;
    only_frame.nobstacles = 0;
    size_t outside = 0;
    for (size_t i = 0; i < nflows; i++)
        outside += contain_one(&flows[i], nodes, &only_frame);
    return outside;
}

typedef struct rescue_job {
    ir_layout_flow *flows;
    size_t n;
    const ir_layout_node *nodes;
    const ir_node_field *grid;
    const ir_layout_options *o;
    long slack;
    ir_layout_report rep;
} rescue_job;

static void rescue_run(void *arg)
{
    rescue_job *j = arg;
    j->rep.rescued = rescue(j->flows, j->n, j->nodes, j->grid, j->o, j->slack,
                            &j->rep);
}

/* The page's bounds, the widest flow and the node field the conflict
 * tests use, sized for these flows; -1 when memory runs out. */
static int node_grid(const ir_layout_flow *flows, size_t nflows,
                     const ir_layout_node *nodes, size_t nnodes,
                     const ir_layout_options *o, ir_node_field *grid,
                     double bounds[4], double *max_width)
{
    page_bounds(flows, nflows, nodes, nnodes, o, bounds);
    *max_width = 0;
    for (size_t i = 0; i < nflows; i++)
        *max_width = fmax(*max_width, flows[i].width);
    return ir_node_field_build(grid, nodes, nnodes,
                               *max_width / 2 + IR_FLOWCLEAR_CLEARANCE +
                                   IR_FLOWCLEAR_SOFT_ZONE,
                               bounds);
}

/* What a last pass bent and left over nodes and obstacles, added to a
 * report (flows outside are counted once, by contain()). */
static void report_add(ir_layout_report *to, const ir_layout_report *from)
{
    to->rescued += from->rescued;
    to->node_conflicts += from->node_conflicts;
    to->obstacle_conflicts += from->obstacle_conflicts;
}

/* The last pass and the frame, in fixed chunks of the flows. */
static void clear_pass(ir_layout_flow *flows, size_t nflows,
                       const ir_layout_node *nodes, const ir_node_field *grid,
                       const ir_layout_options *o, ir_layout_report *rep)
{
    size_t nchunks = chunks_for(nflows);
    rescue_job job[CHUNKS_MAX];
    for (size_t k = 0; k < nchunks; k++) {
        size_t lo = chunk_lo(nflows, nchunks, k);
        size_t n = chunk_lo(nflows, nchunks, k + 1) - lo;
        /* The slack is shared out by size: the same in all whatever the
         * number of chunks. */
        job[k] = (rescue_job){ flows + lo, n, nodes, grid, o,
                               (long)(RESCUE_SLACK * n / nflows), { 0 } };
    }
    ir_pool_run(rescue_run, job, nchunks, sizeof job[0], o->threads);
    for (size_t k = 0; k < nchunks; k++)
        report_add(rep, &job[k].rep);
    rep->outside += contain(flows, nflows, nodes, o);
}

/* ---- the order of the moves ----------------------------------------- */

typedef struct keyed_flow {
    uint64_t key;
    size_t flow;
} keyed_flow;

static int keyed_cmp(const void *a, const void *b)
{
    const keyed_flow *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->flow < y->flow ? -1 : x->flow > y->flow;
}

/* A 4-D Morton code of both ends, 16 bits per coordinate: flows whose
 * ends are near each other on the page get near codes. */
static uint64_t ends_key(ir_point a, ir_point b, const double bounds[4])
{
    double sx = 65535 / fmax(1e-9, bounds[2] - bounds[0]);
    double sy = 65535 / fmax(1e-9, bounds[3] - bounds[1]);
    uint32_t q[4] = {
        (uint32_t)fmin(65535, fmax(0, (a.x - bounds[0]) * sx)),
        (uint32_t)fmin(65535, fmax(0, (a.y - bounds[1]) * sy)),
        (uint32_t)fmin(65535, fmax(0, (b.x - bounds[0]) * sx)),
        (uint32_t)fmin(65535, fmax(0, (b.y - bounds[1]) * sy)),
    };
    uint64_t key = 0;
    for (int bit = 15; bit >= 0; bit--)
        for (int k = 0; k < 4; k++)
            key = key << 1 | ((q[k] >> bit) & 1);
    return key;
}

/* The order in which each chunk moves its flows: by the page position of
 * their ends, so that consecutive flows read the same cells of the node
 * field and the raster.  On a crowded page those lookups, not the
 * arithmetic, are the cost of a sweep.  Each move reads only the previous
 * sweep's data and its own control point, so the order changes no bit of
 * the result.  Returns NULL when memory runs out. */
static size_t *move_order(const ir_layout_flow *flows, size_t nflows,
                          size_t nchunks, const ir_layout_node *nodes,
                          const double bounds[4])
{
    size_t *order = malloc(nflows * sizeof *order);
    keyed_flow *k = malloc(nflows * sizeof *k);
    if (!order || !k) {
        free(order);
        free(k);
        return NULL;
    }
    for (size_t i = 0; i < nflows; i++)
        k[i] = (keyed_flow){ ends_key(nodes[flows[i].from].at,
                                      nodes[flows[i].to].at, bounds), i };
    for (size_t j = 0; j < nchunks; j++) {
        size_t lo = chunk_lo(nflows, nchunks, j);
        qsort(k + lo, chunk_lo(nflows, nchunks, j + 1) - lo, sizeof *k,
              keyed_cmp);
    }
    for (size_t i = 0; i < nflows; i++)
        order[i] = k[i].flow;
    free(k);
    return order;
}

/* One sweep over a range of flows: phase 0 samples the curves and
 * splats them into `own`; phase 1 moves each control point. */
typedef struct sweep {
    const ir_layout_flow *flows;
    const ir_layout_node *nodes;
    const ir_layout_options *o;
    const ir_node_field *grid;
    const ir_raster *density;
    const ir_point *base;
    ir_point *c, *disp;
    const double *ts, *u0, *u1, *u2;
    const size_t *order;      /* of the moves */
    double cell, strength, ref, cool;
    size_t lo, hi;
    ir_raster *own;
    int phase;
} sweep;

/* Flow i's force samples.  The move recomputes what the splat used
 * rather than reading it back: on a crowded page a stored copy is a
 * stream through memory that pushes the node field out of the cache. */
static void samples(const sweep *w, size_t i, ir_point *p)
{
    ir_point p0 = w->nodes[w->flows[i].from].at;
    ir_point p1 = w->nodes[w->flows[i].to].at;
    for (int k = 0; k < FORCE_SAMPLES; k++) {
        p[k].x = w->u0[k] * p0.x + w->u1[k] * w->c[i].x + w->u2[k] * p1.x;
        p[k].y = w->u0[k] * p0.y + w->u1[k] * w->c[i].y + w->u2[k] * p1.y;
    }
}

static void sweep_splat(sweep *w)
{
    for (size_t i = w->lo; i < w->hi; i++) {
        ir_point p0 = w->nodes[w->flows[i].from].at;
        ir_point p1 = w->nodes[w->flows[i].to].at;
        double len = hypot(p1.x - p0.x, p1.y - p0.y) * 1.1;
        double v = w->flows[i].width * len / FORCE_SAMPLES /
                   (w->cell * w->cell);
        ir_point p[FORCE_SAMPLES];
        samples(w, i, p);
        for (int k = 0; k < FORCE_SAMPLES; k++)
            ir_raster_splat(w->own, p[k], v);
    }
}

/* A flow's move reads only its own control point, the raster and the
 * nodes, so each chunk updates its flows in place. */
static void sweep_move(sweep *w)
{
    const ir_raster *r = w->density;
    for (size_t j = w->lo; j < w->hi; j++) {
        size_t i = w->order[j];
        const ir_layout_flow *f = &w->flows[i];
        ir_point p0 = w->nodes[f->from].at, p1 = w->nodes[f->to].at;
        double dx = p1.x - p0.x, dy = p1.y - p0.y, len = hypot(dx, dy);
        if (len == 0)
            continue;
        /* Flows: the density's downhill gradient, averaged with the
         * Bezier basis as weight. */
        ir_point p[FORCE_SAMPLES];
        samples(w, i, p);
        double fx = 0, fy = 0, wsum = 0, h = w->cell;
        for (int k = 0; k < FORCE_SAMPLES; k++) {
            double b = w->u1[k];
            fx -= b * (ir_raster_at(r, p[k].x + h, p[k].y) -
                       ir_raster_at(r, p[k].x - h, p[k].y)) / (2 * h);
            fy -= b * (ir_raster_at(r, p[k].x, p[k].y + h) -
                       ir_raster_at(r, p[k].x, p[k].y - h)) / (2 * h);
            wsum += b;
        }
        /* Heavier flows move less than light ones. */
        double mobility = w->strength / wsum / sqrt(fmax(1, f->width));
        double mx = fx * mobility + w->disp[i].x;
        double my = fy * mobility + w->disp[i].y;
        /* Nodes, obstacles and the map's edge. */
        ir_flowclear_ctx fc = { w->nodes, w->grid, f->from, f->to, f->width / 2 };
        ir_point pushed = ir_flowclear_push(&fc, p, w->ts, FORCE_SAMPLES, w->o);
        mx += 0.5 * pushed.x;
        my += 0.5 * pushed.y;
        /* Spring back to the default curve, weaker for long flows;
         * anti-torsion against sliding along the chord. */
        double k_spring = fmin(0.2, fmax(0.03, 0.08 * sqrt(w->ref / len)));
        double ex = w->c[i].x - w->base[i].x, ey = w->c[i].y - w->base[i].y;
        double ux = dx / len, uy = dy / len, along = ex * ux + ey * uy;
        mx -= k_spring * ex + 0.4 * along * ux;
        my -= k_spring * ey + 0.4 * along * uy;
        double step = hypot(mx, my), cap = (0.04 * len + 1) * w->cool;
        if (step > cap) {
            mx *= cap / step;
            my *= cap / step;
        }
        w->c[i].x += mx * w->cool;
        w->c[i].y += my * w->cool;
        keep_in(f, w->nodes, w->o, w->base[i], &w->c[i]);
    }
}

static void sweep_run(void *arg)
{
    sweep *w = arg;
    if (w->phase == 0)
        sweep_splat(w);
    else
        sweep_move(w);
}

static int lay_out_forces(ir_layout_flow *flows, size_t nflows,
                          const ir_layout_node *nodes, size_t nnodes,
                          const ir_layout_options *o, ir_layout_report *rep)
{
    if (nflows == 0)
        return 0;
    /* The chunks of every pass; each job writes only its own. */
    size_t nchunks = chunks_for(nflows);
    double bounds[4], max_width;
    ir_node_field grid = { 0 };
    ir_raster r[CHUNKS_MAX] = { { 0 } };
    ir_point *base = malloc(nflows * sizeof *base);
    ir_point *c = malloc(nflows * sizeof *c);
    ir_point *disp = malloc(nflows * sizeof *disp);
    ir_flowspread *spread = ir_flowspread_create(flows, nflows, nodes);
    size_t *order = NULL;
    int rc = -1;
    if (node_grid(flows, nflows, nodes, nnodes, o, &grid, bounds,
                  &max_width) ||
        !base || !c || !disp || !spread ||
        !(order = move_order(flows, nflows, nchunks, nodes, bounds)))
        goto done;
    /* Flows feel each other within about two widest widths. */
    double reach = 2 * max_width + 12, cell = fmax(2, reach / 6);
    int blur = 2;
    for (size_t k = 0; k < nchunks; k++)
        if (ir_raster_init(&r[k], bounds, cell))
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
    /* Fixed chunks of the flows, each splatting into a raster of its own;
     * the rasters are added in chunk order, so the result is the same on
     * any number of threads. */
    sweep part[CHUNKS_MAX];
    for (size_t k = 0; k < nchunks; k++)
        part[k] = (sweep){ flows, nodes, o, &grid, &r[0], base, c, disp,
                           ts, u0, u1, u2, order, cell, strength, ref, 0,
                           chunk_lo(nflows, nchunks, k),
                           chunk_lo(nflows, nchunks, k + 1), &r[k], 0 };
    for (int it = 0; it < iters; it++) {
        double cool = 1 - (double)it / (iters + 1);
        for (size_t k = 0; k < nchunks; k++) {
            ir_raster_clear(&r[k]);
            part[k].cool = cool;
            part[k].phase = 0;
        }
        ir_pool_run(sweep_run, part, nchunks, sizeof part[0], o->threads);
        for (size_t k = 1; k < nchunks; k++)
            ir_raster_add(&r[0], &r[k]);
        ir_raster_blur(&r[0], blur);
        memset(disp, 0, nflows * sizeof *disp);
        ir_flowspread_push(spread, c, o, disp);
        for (size_t k = 0; k < nchunks; k++)
            part[k].phase = 1;
        ir_pool_run(sweep_run, part, nchunks, sizeof part[0], o->threads);
    }
    for (size_t i = 0; i < nflows; i++)
        flows[i].control = c[i];
    clear_pass(flows, nflows, nodes, &grid, o, rep);
    rc = 0;
done:
    ir_node_field_free(&grid);
    for (size_t k = 0; k < nchunks; k++)
        ir_raster_free(&r[k]);
    free(base);
    free(c);
    free(disp);
    ir_flowspread_destroy(spread);
    free(order);
    return rc;
}

typedef struct ranked_flow {
    double width;
    size_t index;
} ranked_flow;

static int ranked_cmp(const void *a, const void *b)
{
    const ranked_flow *x = a, *y = b;
    if (x->width != y->width)
        return x->width > y->width ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* The flows past force_max keep their default curves but are still
 * bent off the nodes they would cover and kept inside the frame: the
 * last pass alone, on a grid sized for their widths. */
static int clear_plain(ir_layout_flow *flows, size_t nflows,
                       const ir_layout_node *nodes, size_t nnodes,
                       const ir_layout_options *o, ir_layout_report *rep)
{
    double bounds[4], max_width;
    ir_node_field grid = { 0 };
    int rc = node_grid(flows, nflows, nodes, nnodes, o, &grid, bounds,
                       &max_width);
    if (rc == 0)
        clear_pass(flows, nflows, nodes, &grid, o, rep);
    ir_node_field_free(&grid);
    return rc;
}

int ir_flowlayout_run(ir_layout_flow *flows, size_t nflows,
                      const ir_layout_node *nodes, size_t nnodes,
                      const ir_layout_options *o, ir_layout_report *rep)
{
    memset(rep, 0, sizeof *rep);
    for (size_t i = 0; i < nflows; i++)
        flows[i].control = ir_flowlayout_default_control(
            &nodes[flows[i].from], &nodes[flows[i].to], o);
    if (o->force_max == 0 || nflows <= o->force_max)
        return lay_out_forces(flows, nflows, nodes, nnodes, o, rep);
    /* Three tiers by weight (ties by index, so the tiers depend on the
     * input alone): the heaviest force_max flows are laid out as a map of
     * their own, the next up to clear_max go through the last pass, the
     * rest are only kept inside.  Each tier keeps its input order. */
    size_t nforce = o->force_max;
    size_t nclear = o->clear_max > nforce ? o->clear_max - nforce : 0;
    if (nclear > nflows - nforce)
        nclear = nflows - nforce;
    ranked_flow *rank = malloc(nflows * sizeof *rank);
    ir_layout_flow *part = malloc(nflows * sizeof *part);
    size_t *where = malloc(nflows * sizeof *where);
    unsigned char *tier = calloc(nflows, 1);
    int rc = -1;
    if (!rank || !part || !where || !tier)
        goto done;
    for (size_t i = 0; i < nflows; i++)
        rank[i] = (ranked_flow){ flows[i].width, i };
    qsort(rank, nflows, sizeof *rank, ranked_cmp);
    for (size_t k = 0; k < nforce + nclear; k++)
        tier[rank[k].index] = k < nforce ? 2 : 1;
    size_t next[3] = { nforce + nclear, nforce, 0 };
    for (size_t i = 0; i < nflows; i++) {
        size_t k = next[tier[i]]++;
        where[k] = i;
        part[k] = flows[i];
    }
    ir_layout_report clear_rep = { 0 };
    if (lay_out_forces(part, nforce, nodes, nnodes, o, rep) ||
        clear_plain(part + nforce, nclear, nodes, nnodes, o, &clear_rep))
        goto done;
    rep->outside += contain(part + nforce + nclear, nflows - nforce - nclear,
                            nodes, o);
    for (size_t k = 0; k < nflows; k++)
        flows[where[k]].control = part[k].control;
    report_add(rep, &clear_rep);
    rep->outside += clear_rep.outside;
    rep->plain = nflows - nforce;
    rep->untested = nflows - nforce - nclear;
    rc = 0;
done:
    free(rank);
    free(part);
    free(where);
    free(tier);
    return rc;
}

/*
 * flowmap: flow lay-out.  See flowmap.h.
 *
 * Curve choice.  Each flow, widest first, tries a fixed list of bends
 * (the default, harder, the other way, gentler) and keeps the first one
 * with the lowest score: a large penalty for every unconnected node its
 * band would cover, plus one point for every sample that overlaps a band
 * already placed.  Placed bands are kept as sample points in a uniform
 * grid of GRID_PT cells, so a candidate costs O(samples) lookups rather
 * than O(flows x samples): the full 51 x 32 matrix lays out in a few
 * milliseconds.  This is a greedy stand-in for the force-directed pass of
 * Jenny et al. (2017), which would also spread flows radially at nodes.
 */
#include "flowmap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

#define SAMPLES 32
#define GRID_PT 8.0
#define NODE_PENALTY 1000.0

typedef struct sample {
    float x, y, half;   /* position and half width */
    int flow;
} sample;

typedef struct grid {
    int nx, ny;
    sample **cell;
    size_t *count, *cap;
} grid;

struct ir_flowmap {
    ir_flowmap_options opt;
    ir_flowgeom_style geom;
    ir_flow *flows;
    size_t nflows;
    ir_node *nodes;
    size_t nnodes;
    double scale;
    size_t omitted;
    double omitted_weight, total;
};

void ir_flowmap_options_default(ir_flowmap_options *o)
{
    o->max_width_pt = 12;
    o->scale = 0;
    o->min_width_pt = 0.8;
    o->top = 0;
    o->min_weight = 0;
    o->bend = 0.18;
    o->color_by = IR_COLOR_BY_ORIGIN;
}

static int grid_init(grid *g, double w, double h)
{
    g->nx = (int)(w / GRID_PT) + 1;
    g->ny = (int)(h / GRID_PT) + 1;
    size_t n = (size_t)g->nx * (size_t)g->ny;
    g->cell = calloc(n, sizeof *g->cell);
    g->count = calloc(n, sizeof *g->count);
    g->cap = calloc(n, sizeof *g->cap);
    return g->cell && g->count && g->cap ? 0 : -1;
}

static void grid_free(grid *g)
{
    if (g->cell)
        for (size_t i = 0; i < (size_t)g->nx * (size_t)g->ny; i++)
            free(g->cell[i]);
    free(g->cell);
    free(g->count);
    free(g->cap);
}

static long grid_index(const grid *g, double x, double y)
{
    int cx = (int)floor(x / GRID_PT), cy = (int)floor(y / GRID_PT);
    if (cx < 0 || cy < 0 || cx >= g->nx || cy >= g->ny)
        return -1;
    return (long)cy * g->nx + cx;
}

static int grid_add(grid *g, sample s)
{
    long i = grid_index(g, s.x, s.y);
    if (i < 0)
        return 0;
    if (ir_grow((void **)&g->cell[i], &g->cap[i], g->count[i] + 1,
                sizeof *g->cell[i]))
        return -1;
    g->cell[i][g->count[i]++] = s;
    return 0;
}

/* Samples of other flows closer than the two half widths to (x, y). */
static int grid_overlaps(const grid *g, double x, double y, double half)
{
    int hits = 0;
    int cx = (int)floor(x / GRID_PT), cy = (int)floor(y / GRID_PT);
    int reach = 1 + (int)fmin(2 * half / GRID_PT, g->nx + g->ny);
    for (int j = cy - reach; j <= cy + reach; j++)
        for (int i = cx - reach; i <= cx + reach; i++) {
            if (i < 0 || j < 0 || i >= g->nx || j >= g->ny)
                continue;
            size_t k = (size_t)j * (size_t)g->nx + (size_t)i;
            for (size_t m = 0; m < g->count[k]; m++) {
                const sample *s = &g->cell[k][m];
                double dx = s->x - x, dy = s->y - y, r = s->half + half;
                /* Squared distances: libm's hypot was a third of the run
                 * time on the full 49 x 32 matrix. */
                if (dx * dx + dy * dy < r * r)
                    hits++;
            }
        }
    return hits;
}

static double nice_floor(double v)
{
    if (!(v > 0))
        return 0;
    double p = pow(10, floor(log10(v)));
    static const double steps[] = { 5, 2.5, 2, 1 };
    for (int i = 0; i < 4; i++)
        if (steps[i] * p <= v)
            return steps[i] * p;
    return p;
}

static double nice_round(double v)
{
    if (!(v > 0))
        return 0;
    double p = pow(10, floor(log10(v)));
    static const double steps[] = { 1, 2, 2.5, 5, 10 };
    double best = p;
    for (int i = 0; i < 5; i++)
        if (fabs(steps[i] * p - v) < fabs(best - v))
            best = steps[i] * p;
    return best;
}

double ir_flowmap_width(const ir_flowmap *m, double weight)
{
    return fmax(m->opt.min_width_pt, weight * m->scale);
}

size_t ir_flowmap_legend(const ir_flowmap *m, double values[4])
{
    if (m->nflows == 0)
        return 0;
    double max = 0;
    for (size_t i = 0; i < m->nflows; i++)
        max = fmax(max, m->flows[i].weight);
    bool counts = true;
    for (size_t i = 0; i < m->nflows; i++)
        counts &= m->flows[i].weight == floor(m->flows[i].weight);
    double cand[3] = { nice_floor(max), nice_round(max / 3),
                       nice_round(max / 10) };
    size_t n = 0;
    for (int i = 0; i < 3; i++) {
        /* Counts get whole-number samples (2.5 guns reads as an error). */
        if (counts)
            cand[i] = cand[i] >= 1 ? floor(cand[i]) : 0;
        if (cand[i] <= 0 || (n > 0 && cand[i] >= values[n - 1]))
            continue;
        values[n++] = cand[i];
    }
    return n;
}

/* Flows that share a node must leave it (or reach it) at angles far
 * enough apart for their bands to sit side by side rather than on top of
 * each other: the radial spread of Jenny et al. (2018), as a cost. */
static double crowding(const ir_flowmap *m, size_t placed, const ir_flow *f,
                       ir_point c)
{
    double cost = 0;
    double out = atan2(c.y - f->from.y, c.x - f->from.x);
    double in = atan2(f->to.y - c.y, f->to.x - c.x);
    for (size_t j = 0; j < placed; j++) {
        const ir_flow *o = &m->flows[j];
        double d = -1, r = 0;
        if (o->origin == f->origin) {
            double a = atan2(o->control.y - o->from.y,
                             o->control.x - o->from.x);
            d = fabs(remainder(out - a, 2 * M_PI));
            r = f->r_from;
        } else if (o->destination == f->destination) {
            double a = atan2(o->to.y - o->control.y, o->to.x - o->control.x);
            d = fabs(remainder(in - a, 2 * M_PI));
            r = f->r_to;
        }
        if (d < 0)
            continue;
        double need = (f->width + o->width) / 2 / (r + 12);
        if (d < need)
            cost += 40 * (need - d) / need;
    }
    return cost;
}

/* Node conflicts and overlaps of a candidate curve for flow f (the
 * placed-th flow). */
static double score(const ir_flowmap *m, const grid *g, size_t placed,
                    const ir_flow *f, ir_point c, ir_point *pts)
{
    double s = crowding(m, placed, f, c);
    double half = f->width / 2;
    for (int i = 0; i < SAMPLES; i++) {
        /* Flows sharing a node overlap next to it whatever their bend:
         * those samples would only add the same cost to every try. */
        double t = 0.15 + 0.77 * i / (SAMPLES - 1);
        pts[i] = ir_flowgeom_at(f->from, c, f->to, t);
        for (size_t k = 0; k < m->nnodes; k++) {
            const ir_node *n = &m->nodes[k];
            if (n->state == f->origin || n->state == f->destination)
                continue;
            double dx = pts[i].x - n->at.x, dy = pts[i].y - n->at.y;
            double r = n->radius + half + 1.5;
            if (dx * dx + dy * dy < r * r) {
                s += NODE_PENALTY;
                break;
            }
        }
        s += grid_overlaps(g, pts[i].x, pts[i].y, half);
    }
    return s;
}

static int place_curves(ir_flowmap *m, const ir_frame *frame)
{
    grid g = { 0 };
    if (grid_init(&g, frame->width_pt, frame->height_pt)) {
        grid_free(&g);
        return -1;
    }
    double reference = hypot(frame->width_pt, frame->height_pt) / 3;
    static const double tries[] = { 1, 1.3, 0.7, 1.7, 0.4, 2.3, -1, -0.6,
                                    -1.6, -2.3, 0 };
    ir_point pts[SAMPLES], best_pts[SAMPLES];
    for (size_t i = 0; i < m->nflows; i++) {
        ir_flow *f = &m->flows[i];
        double best = HUGE_VAL;
        for (size_t k = 0; k < sizeof tries / sizeof tries[0]; k++) {
            ir_point c = ir_flowgeom_default_control(
                f->from, f->to, m->opt.bend * tries[k], reference);
            /* Prefer the default: each further try costs a little. */
            double s = score(m, &g, i, f, c, pts) + 0.5 * (double)k;
            if (s < best) {
                best = s;
                f->control = c;
                memcpy(best_pts, pts, sizeof pts);
            }
            if (s < 1)
                break;
        }
        for (int k = 0; k < SAMPLES; k++)
            if (grid_add(&g, (sample){ (float)best_pts[k].x,
                                       (float)best_pts[k].y,
                                       (float)(f->width / 2), (int)i })) {
                grid_free(&g);
                return -1;
            }
    }
    grid_free(&g);
    return 0;
}

static int node_cmp(const void *a, const void *b)
{
    const ir_node *x = a, *y = b;
    double tx = x->out + x->in, ty = y->out + y->in;
    if (tx != ty)
        return tx > ty ? -1 : 1;
    return strcmp(x->state->iso, y->state->iso);
}

static int width_cmp(const void *a, const void *b)
{
    const ir_flow *x = a, *y = b;
    if (x->width != y->width)
        return x->width > y->width ? -1 : 1;
    /* Flows at the minimum width keep the heaviest first. */
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    int c = strcmp(x->origin->iso, y->origin->iso);
    return c ? c : strcmp(x->destination->iso, y->destination->iso);
}

/* Rank of each node among the origins (or destinations) by total. */
static void assign_colors(ir_flowmap *m)
{
    for (size_t i = 0; i < m->nflows; i++) {
        ir_flow *f = &m->flows[i];
        const ir_state *key = m->opt.color_by == IR_COLOR_BY_ORIGIN
                                  ? f->origin : f->destination;
        switch (m->opt.color_by) {
        case IR_COLOR_BY_NONE:
            f->color = 0;
            break;
        case IR_COLOR_BY_WEIGHT: {
            double share = f->weight / m->flows[0].weight;
            f->color = share > 0.6 ? 4 : share > 0.35 ? 3 : share > 0.15 ? 2
                       : share > 0.05 ? 1 : 0;
            break;
        }
        default: {
            int rank = 0;
            bool origin = m->opt.color_by == IR_COLOR_BY_ORIGIN;
            for (size_t k = 0; k < m->nnodes; k++) {
                const ir_node *n = &m->nodes[k];
                if (n->is_origin != origin)
                    continue;
                if (n->state == key)
                    break;
                rank++;
            }
            f->color = rank < 6 ? rank : 6; /* 6: all other states */
        }
        }
    }
}

void ir_flowmap_color(const ir_flowmap *m, int i, double rgb[3])
{
    /* Okabe & Ito's colour-blind-safe set (yellow left out: too light on
     * the basemap), then grey for "other"; for weight, ColorBrewer Reds,
     * whose steps also differ in lightness, so greyscale keeps them. */
    static const unsigned categorical[7] = { 0xD55E00, 0x0072B2, 0x009E73,
                                             0xCC79A7, 0xE69F00, 0x56B4E9,
                                             0x8C8C8C };
    static const unsigned sequential[5] = { 0xFCAE91, 0xFB6A4A, 0xDE2D26,
                                            0xA50F15, 0x67000D };
    unsigned v;
    if (m->opt.color_by == IR_COLOR_BY_NONE)
        v = 0xB2182B;
    else if (m->opt.color_by == IR_COLOR_BY_WEIGHT)
        v = sequential[i < 0 ? 0 : i > 4 ? 4 : i];
    else
        v = categorical[i < 0 ? 0 : i > 6 ? 6 : i];
    rgb[0] = ((v >> 16) & 255) / 255.0;
    rgb[1] = ((v >> 8) & 255) / 255.0;
    rgb[2] = (v & 255) / 255.0;
}

ir_flowmap *ir_flowmap_create(ir_od *od, const ir_anchors *anchors,
                              const ir_states *states, const ir_frame *frame,
                              const ir_flowmap_options *opt, ir_error *err)
{
    ir_flowmap *m = calloc(1, sizeof *m);
    const ir_od_pair *pairs;
    size_t npairs = ir_od_pairs(od, &pairs);
    size_t nstates = ir_states_count(states);
    ir_node *by_state = calloc(nstates, sizeof *by_state);
    if (m == NULL || by_state == NULL || pairs == NULL ||
        (m->flows = calloc(npairs ? npairs : 1, sizeof *m->flows)) == NULL)
        goto oom;
    m->opt = *opt;
    ir_flowgeom_style_default(&m->geom);
    for (size_t i = 0; i < npairs; i++) {
        const ir_od_pair *p = &pairs[i];
        m->total += p->weight;
        size_t o = ir_states_index(states, p->origin);
        size_t d = ir_states_index(states, p->destination);
        double ox, oy, dx, dy;
        bool shown = ir_anchors_get(anchors, o, &ox, &oy) &&
                     ir_anchors_get(anchors, d, &dx, &dy);
        if (!shown || p->weight < opt->min_weight ||
            (opt->top && m->nflows >= opt->top)) {
            m->omitted++;
            m->omitted_weight += p->weight;
            continue;
        }
        ir_flow *f = &m->flows[m->nflows++];
        f->origin = p->origin;
        f->destination = p->destination;
        f->weight = p->weight;
        ir_frame_to_page(frame, ox, oy, &f->from.x, &f->from.y);
        ir_frame_to_page(frame, dx, dy, &f->to.x, &f->to.y);
        by_state[o].state = p->origin;
        by_state[o].at = f->from;
        by_state[o].out += p->weight;
        by_state[o].is_origin = true;
        by_state[d].state = p->destination;
        by_state[d].at = f->to;
        by_state[d].in += p->weight;
    }
    double max_weight = m->nflows ? m->flows[0].weight : 1;
    m->scale = opt->scale > 0 ? opt->scale : opt->max_width_pt / max_weight;
    double max_total = 0;
    for (size_t k = 0; k < nstates; k++)
        max_total = fmax(max_total, by_state[k].out + by_state[k].in);
    m->nodes = calloc(nstates, sizeof *m->nodes);
    if (m->nodes == NULL)
        goto oom;
    for (size_t k = 0; k < nstates; k++) {
        ir_node *n = &by_state[k];
        if (n->state == NULL)
            continue;
        /* Symbol area in proportion to the node's total. */
        double r_max = 0.45 * opt->max_width_pt + 1.5;
        n->radius = fmax(2.0, r_max * sqrt((n->out + n->in) / max_total));
        m->nodes[m->nnodes++] = *n;
    }
    qsort(m->nodes, m->nnodes, sizeof *m->nodes, node_cmp);
    for (size_t i = 0; i < m->nflows; i++) {
        ir_flow *f = &m->flows[i];
        f->width = ir_flowmap_width(m, f->weight);
        f->r_from = by_state[ir_states_index(states, f->origin)].radius;
        f->r_to = by_state[ir_states_index(states, f->destination)].radius;
    }
    if (place_curves(m, frame))
        goto oom;
    /* A flow whose nodes are too close for a band and a head is left
     * out, and counted with the flows the thresholds left out. */
    size_t kept = 0;
    for (size_t i = 0; i < m->nflows; i++) {
        ir_flow *f = &m->flows[i];
        ir_point pts[128];
        f->drawn = ir_flowgeom_outline(f->from, f->r_from, f->control, f->to,
                                       f->r_to, f->width, &m->geom, pts, 128,
                                       &f->tip, &f->head_base) > 0;
        f->head_width = fmax(m->geom.head_min, m->geom.head_width * f->width);
        if (!f->drawn) {
            m->omitted++;
            m->omitted_weight += f->weight;
            continue;
        }
        m->flows[kept++] = *f;
    }
    m->nflows = kept;
    assign_colors(m);
    qsort(m->flows, m->nflows, sizeof *m->flows, width_cmp);
    free(by_state);
    return m;
oom:
    free(by_state);
    ir_flowmap_destroy(m);
    ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    return NULL;
}

void ir_flowmap_destroy(ir_flowmap *m)
{
    if (m == NULL)
        return;
    free(m->flows);
    free(m->nodes);
    free(m);
}

size_t ir_flowmap_flows(const ir_flowmap *m, const ir_flow **flows)
{
    *flows = m->flows;
    return m->nflows;
}

size_t ir_flowmap_nodes(const ir_flowmap *m, const ir_node **nodes)
{
    *nodes = m->nodes;
    return m->nnodes;
}

void ir_flowmap_omitted(const ir_flowmap *m, size_t *count, double *weight,
                        double *total)
{
    *count = m->omitted;
    *weight = m->omitted_weight;
    *total = m->total;
}

const ir_flowgeom_style *ir_flowmap_geometry(const ir_flowmap *m)
{
    return &m->geom;
}

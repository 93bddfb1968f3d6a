/*
 * flowmap: the flows, nodes and legend of a flow map.  See flowmap.h.
 *
 * This module decides what is drawn and how wide; where the curves go is
 * flowlayout's job, which sees only points and widths.  Both constructors
 * (from an OD table and states, or from bare points for the benchmark)
 * fill the same node and flow arrays and share the rest.
 */
#include "flowmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pool.h"
#include "base/text.h"
#include "change.h"
#include "legendseries.h"

struct ir_flowmap {
    ir_flowmap_options opt;
    ir_flowgeom_style geom;
    ir_layout_options layout;
    ir_layout_report report;
    ir_flow *flows;
    size_t nflows;
    ir_node *nodes;
    size_t nnodes;
    double scale;
    size_t omitted;
    double omitted_weight, total;
    /* Flows with an end that has no node: no boundary for it was loaded
     * (a layer covering part of a country), or no place. */
    size_t unplaced;
    double unplaced_weight;
    const ir_state *unplaced_end[IR_FLOWMAP_UNPLACED_NAMES];
    size_t nunplaced_end;
    bool unplaced_more;        /* more ends than unplaced_end holds */
    size_t clusters, clustered;
    const ir_states *states;   /* NULL on a map of points */
    ir_palette palette;
    size_t folded;             /* flows too thin to see, in their
                                  destination's total */
    double folded_weight, folded_below;
    size_t faded;
    double faded_weight;
    double node_max_total;     /* the heaviest node's total */
};

void ir_flowmap_options_default(ir_flowmap_options *o)
{
    *o = (ir_flowmap_options){ 0 };
    o->max_width_pt = 12;
    o->scale = 0;
    o->min_width_pt = 0.8;
    o->top = 0;
    o->min_weight = 0;
    o->bend = 0.18;
    o->color_by = IR_COLOR_BY_ORIGIN;
    o->iterations = 40;
    o->threads = 2;
    o->legend_max = 0;
    o->node_max = 0;
    memset(o->area, 0, sizeof o->area);
    o->cluster_pt = 0;
    o->cluster_overlaps = false;
    o->fold_small = false;
    o->fade = true;
    o->pins = NULL;
    o->npins = 0;
}

/* Where an origin without a place enters: on the left or right edge of
 * the map area, whichever is nearer its destination, level with it, so
 * the stub reads as coming from off the map, not from a state. */
static ir_point stub_point(const ir_flowmap_options *o, const ir_frame *fr,
                           ir_point to)
{
    double a[4] = { o->area[0], o->area[1], o->area[2], o->area[3] };
    if (!(a[2] > a[0] && a[3] > a[1])) {
        a[0] = a[1] = 0;
        a[2] = fr->width_pt;
        a[3] = fr->height_pt;
    }
    double x = to.x - a[0] < a[2] - to.x ? a[0] : a[2];
    double y = fmin(fmax(to.y, a[1]), a[3]);
    return (ir_point){ x, y };
}

/* Node symbols: radius in points at the heaviest node, and at least. */
#define NODE_R_MIN 2.0
static double node_r_max(const ir_flowmap_options *o)
{
    return 0.45 * o->max_width_pt + 1.5;
}

double ir_flowmap_fold_scale(const ir_flowmap_options *o, double heaviest)
{
    return o->scale > 0 ? o->scale : o->max_width_pt / heaviest;
}

double ir_flowmap_width(const ir_flowmap *m, double weight)
{
    return fmax(m->opt.min_width_pt, weight * m->scale);
}

size_t ir_flowmap_legend(const ir_flowmap *m, double values[4])
{
    if (m->nflows == 0)
        return 0;
    double max = m->opt.legend_max;
    bool counts = true;
    for (size_t i = 0; i < m->nflows; i++) {
        max = fmax(max, m->flows[i].weight);
        counts &= m->flows[i].weight == floor(m->flows[i].weight);
    }
    return ir_series_widths(max, counts, m->scale, m->opt.min_width_pt,
                            values);
}

double ir_flowmap_node_radius(const ir_flowmap *m, double total)
{
    /* A node of a map of change would be sized by the sum of its flows'
     * larger weights, the total of neither period: all are alike. */
    if (m->opt.change)
        return NODE_R_MIN + 1;
    return ir_series_radius(total, m->node_max_total, NODE_R_MIN,
                            node_r_max(&m->opt));
}

size_t ir_flowmap_node_legend(const ir_flowmap *m, double values[2])
{
    if (m->opt.change)
        return 0;
    bool counts = true;
    for (size_t i = 0; i < m->nnodes; i++)
        counts &= m->nodes[i].out + m->nodes[i].in ==
                  floor(m->nodes[i].out + m->nodes[i].in);
    return ir_series_circles(m->node_max_total, counts, NODE_R_MIN,
                             node_r_max(&m->opt), values);
}

static int node_cmp(const void *a, const void *b)
{
    const ir_node *x = a, *y = b;
    double tx = x->out + x->in, ty = y->out + y->in;
    if (tx != ty)
        return tx > ty ? -1 : 1;
    if (x->state && y->state)
        return strcmp(x->state->iso, y->state->iso);
    return x->id < y->id ? -1 : x->id > y->id;
}

static int width_cmp(const void *a, const void *b)
{
    const ir_flow *x = a, *y = b;
    if (x->width != y->width)
        return x->width > y->width ? -1 : 1;
    /* Flows at the minimum width keep the heaviest first. */
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    if (x->origin && y->origin) {
        int c = strcmp(x->origin->iso, y->origin->iso);
        return c ? c : strcmp(x->destination->iso, y->destination->iso);
    }
    if (x->from_node != y->from_node)
        return x->from_node < y->from_node ? -1 : 1;
    return x->to_node < y->to_node ? -1 : x->to_node > y->to_node;
}

/* Each flow's colour: by its origin's (or destination's) stable colour
 * (palette.h), by its weight's share, or one colour. */
static int assign_colors(ir_flowmap *m)
{
    bool origins = m->opt.color_by == IR_COLOR_BY_ORIGIN;
    bool by_place = origins || m->opt.color_by == IR_COLOR_BY_DESTINATION;
    const ir_state **keys = malloc((m->nnodes ? m->nnodes : 1) * sizeof *keys);
    int *color = malloc((m->nnodes ? m->nnodes : 1) * sizeof *color);
    size_t *slot = malloc((m->nnodes ? m->nnodes : 1) * sizeof *slot);
    if (keys == NULL || color == NULL || slot == NULL) {
        free(keys);
        free(color);
        free(slot);
        return -1;
    }
    /* The side's nodes, heaviest first (nodes are sorted by total). */
    size_t n = 0;
    for (size_t k = 0; k < m->nnodes; k++)
        if (m->nodes[k].is_origin == origins) {
            slot[k] = n;
            keys[n++] = m->nodes[k].is_stub ? NULL : m->nodes[k].state;
        }
    if (m->states != NULL) {
        ir_palette_assign(keys, n, origins, m->states, m->opt.pins,
                          m->opt.npins, &m->palette, color);
    } else {
        /* Bare points have no key: colour by rank, the default palette. */
        ir_palette_assign(NULL, 0, origins, NULL, NULL, 0, &m->palette, color);
        for (size_t i = 0; i < n; i++)
            color[i] = i < 6 ? (int)i : 6;
    }
    for (size_t i = 0; i < m->nflows; i++) {
        ir_flow *f = &m->flows[i];
        if (by_place) {
            f->color = color[slot[origins ? f->from_node : f->to_node]];
        } else if (m->opt.color_by == IR_COLOR_BY_CHANGE) {
            f->color = (int)ir_change_classify(f->weight_a, f->weight_b);
        } else if (m->opt.color_by == IR_COLOR_BY_WEIGHT) {
            double share = f->weight / m->flows[0].weight;
            f->color = share > 0.6 ? 4 : share > 0.35 ? 3 : share > 0.15 ? 2
                       : share > 0.05 ? 1 : 0;
        } else {
            f->color = 0;
        }
    }
    free(keys);
    free(color);
    free(slot);
    return 0;
}

void ir_flowmap_node_name(const ir_node *n, const char *lang, char *buf,
                          size_t cap)
{
    bool es = lang != NULL && strcmp(lang, "es") == 0;
    const char *place = n->state == NULL ? ""
                        : es            ? n->state->name_es
                                        : n->state->name_en;
    if (n->members < 2 || n->state == NULL) {
        snprintf(buf, cap, "%s", place);
        return;
    }
    char count[32];
    ir_text_number((double)n->members, lang, count, sizeof count);
    snprintf(buf, cap, es ? "zona de %s, %s %s" : "%s area, %s %s", place,
             count, ir_cluster_kind_plural(n->state->level, es));
}

size_t ir_flowmap_faded(const ir_flowmap *m, double *weight)
{
    *weight = m->faded_weight;
    return m->faded;
}

size_t ir_flowmap_folded(const ir_flowmap *m, double *weight, double *below)
{
    *weight = m->folded_weight;
    *below = m->folded_below;
    return m->folded;
}

void ir_flowmap_clusters(const ir_flowmap *m, size_t *clusters,
                         size_t *places)
{
    *clusters = m->clusters;
    *places = m->clustered;
}

void ir_flowmap_color(const ir_flowmap *m, int i, double rgb[3])
{
    /* For weight, ColorBrewer Reds, whose steps also differ in lightness,
     * so greyscale keeps them; for places, the palette (palette.h). */
    static const unsigned sequential[5] = { 0xFCAE91, 0xFB6A4A, 0xDE2D26,
                                            0xA50F15, 0x67000D };
    unsigned v, outline;
    if (m->opt.color_by == IR_COLOR_BY_CHANGE)
        ir_change_colors((ir_change_class)i, &v, &outline);
    else if (m->opt.color_by == IR_COLOR_BY_NONE)
        v = 0xB2182B;
    else if (m->opt.color_by == IR_COLOR_BY_WEIGHT)
        v = sequential[i < 0 ? 0 : i > 4 ? 4 : i];
    else
        v = m->palette.rgb[i < 0 || (size_t)i >= m->palette.n ? 6 : i];
    rgb[0] = ((v >> 16) & 255) / 255.0;
    rgb[1] = ((v >> 8) & 255) / 255.0;
    rgb[2] = (v & 255) / 255.0;
}

bool ir_flowmap_outline(const ir_flowmap *m, int i, double rgb[3])
{
    unsigned v = 0xFFFFFF, band;
    bool outlined = m->opt.color_by == IR_COLOR_BY_CHANGE &&
                    ir_change_outlined((ir_change_class)i);
    if (outlined)
        ir_change_colors((ir_change_class)i, &band, &v);
    rgb[0] = ((v >> 16) & 255) / 255.0;
    rgb[1] = ((v >> 8) & 255) / 255.0;
    rgb[2] = (v & 255) / 255.0;
    return outlined;
}

bool ir_flowmap_is_change(const ir_flowmap *m)
{
    return m->opt.change != NULL;
}

static ir_flowmap *map_alloc(size_t nflows, size_t nnodes,
                             const ir_flowmap_options *opt)
{
    ir_flowmap *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->flows = calloc(nflows ? nflows : 1, sizeof *m->flows);
    m->nodes = calloc(nnodes ? nnodes : 1, sizeof *m->nodes);
    if (m->flows == NULL || m->nodes == NULL) {
        ir_flowmap_destroy(m);
        return NULL;
    }
    m->opt = *opt;
    ir_flowgeom_style_default(&m->geom);
    ir_layout_options_default(&m->layout);
    m->layout.bend = opt->bend;
    m->layout.iterations = opt->iterations;
    m->layout.threads = opt->threads;
    return m;
}

typedef struct heads_job {
    ir_flow *flows;
    const ir_layout_flow *laid; /* new control points, or NULL */
    size_t lo, hi;
    const ir_flowgeom_style *geom;
} heads_job;

static void heads_run(void *arg)
{
    heads_job *j = arg;
    for (size_t i = j->lo; i < j->hi; i++) {
        ir_flow *f = &j->flows[i];
        /* Most flows of a large map keep the curve they were made with
         * (past the lay-out's tiers): their head stays where it was. */
        if (j->laid && memcmp(&f->control, &j->laid[i].control,
                              sizeof f->control) == 0)
            continue;
        if (j->laid)
            f->control = j->laid[i].control;
        /* A flow too short for its head is left out at creation; the
         * lay-out does not move its ends. */
        f->banded = ir_flowgeom_band_of(f->from, f->r_from, f->control, f->to,
                                        f->r_to, f->width, j->geom, &f->band);
        if (f->banded) {
            f->tip = f->band.tip;
            f->head_base = f->band.base;
        }
        f->drawn = f->banded || (j->laid && f->drawn);
    }
}

/* Every flow's tip and head base for its control point (from laid when
 * given), in chunks on every thread: a large map has 100,000 of them. */
#define HEAD_CHUNKS 16
static void find_heads(ir_flowmap *m, const ir_layout_flow *laid)
{
    heads_job job[HEAD_CHUNKS];
    for (size_t k = 0; k < HEAD_CHUNKS; k++)
        job[k] = (heads_job){ m->flows, laid, m->nflows * k / HEAD_CHUNKS,
                              m->nflows * (k + 1) / HEAD_CHUNKS, &m->geom };
    ir_pool_run(heads_run, job, HEAD_CHUNKS, sizeof job[0],
                m->nflows >= 1000 ? m->layout.threads : 1);
}

/* Shared by both constructors: the flows name nodes by their index in
 * m->nodes as filled (node.id); this sizes, sorts and bends them. */
static int finish(ir_flowmap *m, const ir_frame *frame)
{
    double max_weight = 0;
    for (size_t i = 0; i < m->nflows; i++)
        max_weight = fmax(max_weight, m->flows[i].weight);
    m->scale = m->opt.scale > 0 ? m->opt.scale
                                : m->opt.max_width_pt / (max_weight > 0 ? max_weight : 1);
    double max_total = 0;
    for (size_t k = 0; k < m->nnodes; k++)
        max_total = fmax(max_total, m->nodes[k].out + m->nodes[k].in);
    m->node_max_total = fmax(max_total, m->opt.node_max);
    for (size_t k = 0; k < m->nnodes; k++) {
        ir_node *n = &m->nodes[k];
        /* Symbol area in proportion to the node's total. */
        n->radius = n->is_stub ? 0 : ir_flowmap_node_radius(m, n->out + n->in);
        n->id = k;
    }
    qsort(m->nodes, m->nnodes, sizeof *m->nodes, node_cmp);
    size_t *slot = malloc((m->nnodes ? m->nnodes : 1) * sizeof *slot);
    if (slot == NULL)
        return -1;
    for (size_t k = 0; k < m->nnodes; k++)
        slot[m->nodes[k].id] = k;
    m->layout.rect[0] = 0;
    m->layout.rect[1] = 0;
    m->layout.rect[2] = frame->width_pt;
    m->layout.rect[3] = frame->height_pt;
    /* A flow whose nodes are too close for a band and a head is left
     * out, and counted with the flows the thresholds left out. */
    for (size_t i = 0; i < m->nflows; i++) {
        ir_flow *f = &m->flows[i];
        f->from_node = slot[f->from_node];
        f->to_node = slot[f->to_node];
        f->width = ir_flowmap_width(m, f->weight);
        f->r_from = m->nodes[f->from_node].radius;
        f->r_to = m->nodes[f->to_node].radius;
        f->control = ir_flowgeom_default_control(
            f->from, f->to, m->opt.bend,
            hypot(frame->width_pt, frame->height_pt) / 3);
        f->head_width = fmax(m->geom.head_min, m->geom.head_width * f->width);
    }
    find_heads(m, NULL);
    size_t kept = 0;
    for (size_t i = 0; i < m->nflows; i++) {
        ir_flow *f = &m->flows[i];
        if (!f->drawn) {
            m->omitted++;
            m->omitted_weight += f->weight;
            continue;
        }
        m->flows[kept++] = *f;
    }
    m->nflows = kept;
    free(slot);
    if (assign_colors(m))
        return -1;
    qsort(m->flows, m->nflows, sizeof *m->flows, width_cmp);
    double heaviest = 0;
    for (size_t i = 0; i < m->nflows; i++)
        heaviest = fmax(heaviest, m->flows[i].weight);
    for (size_t i = 0; m->opt.fade && m->nflows > IR_FLOWMAP_FADE_MIN &&
                       i < m->nflows;
         i++)
        if (m->flows[i].weight < IR_FLOWMAP_FADE_SHARE * heaviest) {
            m->flows[i].faded = true;
            m->faded++;
            m->faded_weight += m->flows[i].weight;
        }
    return 0;
}

/* Flow f starts (origin) or ends at node k, which adds its weight. */
static void join_node(ir_flowmap *m, ir_flow *f, size_t k, bool origin)
{
    ir_node *n = &m->nodes[k];
    if (origin) {
        n->out += f->weight;
        n->is_origin = true;
        f->from_node = k;
    } else {
        n->in += f->weight;
        f->to_node = k;
    }
}

ir_flowmap *ir_flowmap_create(ir_od *od, const ir_anchors *anchors,
                              const ir_states *states, const ir_frame *frame,
                              const ir_flowmap_options *opt, ir_error *err)
{
    ir_clustering *cl = NULL;
    double *fold_out = NULL;      /* per state: weight folded out of it */
    if (opt->cluster_pt > 0 && opt->change == NULL) {
        if (!(cl = ir_clustering_create(od, anchors, states, frame,
                                        opt->cluster_pt, NODE_R_MIN,
                                        opt->cluster_overlaps
                                            ? node_r_max(opt) : 0,
                                        err)))
            return NULL;
        od = ir_clustering_od(cl);
    }
    const ir_od_pair *pairs;
    size_t npairs = ir_od_pairs(od, &pairs);
    size_t nstates = ir_states_count(states);
    ir_flowmap *m = map_alloc(npairs, nstates, opt);
    if (m != NULL)
        m->states = states;
    size_t *node_of = calloc(nstates ? nstates : 1, sizeof *node_of);
    if (m == NULL || node_of == NULL || (npairs && pairs == NULL))
        goto oom;
    if (cl)
        ir_clustering_counts(cl, &m->clusters, &m->clustered);
    double fold_scale = 0;
    fold_out = calloc(nstates ? nstates : 1, sizeof *fold_out);
    if (fold_out == NULL)
        goto oom;
    /* node_of[state] is 1 + the state's node, 0 while it has none. */
    for (size_t i = 0; i < npairs; i++) {
        const ir_od_pair *p = &pairs[i];
        m->total += p->weight;
        size_t o = ir_states_index(states, p->origin);
        size_t d = ir_states_index(states, p->destination);
        double ox, oy, dx, dy;
        bool stub = p->origin->kind == IR_STATE_UNLOCATED;
        bool from = stub || ir_anchors_get(anchors, o, &ox, &oy);
        bool to = ir_anchors_get(anchors, d, &dx, &dy);
        if (!from || !to) {
            m->unplaced++;
            m->unplaced_weight += p->weight;
            for (int e = 0; e < 2; e++) {
                const ir_state *s = e == 0 ? p->origin : p->destination;
                /* A place is off the map with its state (Alaska): name
                 * the state, not a thousand dealers. */
                if (s->kind == IR_STATE_PLACE && s->parent >= 0)
                    s = ir_states_at(states, (size_t)s->parent);
                bool known = e == 0 ? from : to, listed = false;
                for (size_t k = 0; k < m->nunplaced_end; k++)
                    listed |= m->unplaced_end[k] == s;
                if (!known && !listed) {
                    if (m->nunplaced_end < IR_FLOWMAP_UNPLACED_NAMES)
                        m->unplaced_end[m->nunplaced_end++] = s;
                    else
                        m->unplaced_more = true;
                }
            }
            continue;
        }
        if (p->weight < opt->min_weight) {
            m->omitted++;
            m->omitted_weight += p->weight;
            continue;
        }
        /* Pairs come heaviest first: the first one kept sets the scale a
         * flow is too thin to see at. */
        if (fold_scale == 0)
            fold_scale = ir_flowmap_fold_scale(opt, p->weight);
        size_t members[2] = { 1, 1 };
        ir_point at;
        if (!cl || !ir_clustering_node(cl, d, &at, &members[1]))
            ir_frame_to_page(frame, dx, dy, &at.x, &at.y);
        if (opt->fold_small && p->weight * fold_scale < opt->min_width_pt) {
            /* Counted into its destination, whose node shows the total. */
            if (node_of[d] == 0) {
                ir_node *n = &m->nodes[m->nnodes];
                n->state = p->destination;
                n->at = at;
                n->members = members[1];
                node_of[d] = ++m->nnodes;
            }
            m->nodes[node_of[d] - 1].in += p->weight;
            fold_out[o] += p->weight;
            m->folded++;
            m->folded_weight += p->weight;
            m->folded_below = fmax(m->folded_below,
                                   opt->min_width_pt / fold_scale);
            continue;
        }
        if (opt->top && m->nflows >= opt->top) {
            m->omitted++;
            m->omitted_weight += p->weight;
            continue;
        }
        ir_flow *f = &m->flows[m->nflows++];
        f->origin = p->origin;
        f->destination = p->destination;
        f->weight = p->weight;
        if (opt->change)
            ir_od_change_get(opt->change, p->origin, p->destination,
                             &f->weight_a, &f->weight_b);
        f->to = at;
        if (stub)
            f->from = stub_point(opt, frame, f->to);
        else if (!cl || !ir_clustering_node(cl, o, &f->from, &members[0]))
            ir_frame_to_page(frame, ox, oy, &f->from.x, &f->from.y);
        size_t ends[2] = { o, d };
        for (int e = 0; e < 2; e++) {
            if (node_of[ends[e]] == 0) {
                ir_node *n = &m->nodes[m->nnodes];
                n->state = e == 0 ? p->origin : p->destination;
                n->at = e == 0 ? f->from : f->to;
                n->is_stub = e == 0 && stub;
                n->members = members[e];
                node_of[ends[e]] = ++m->nnodes;
            }
            join_node(m, f, node_of[ends[e]] - 1, e == 0);
        }
    }
    /* An origin drawn keeps its folded flows in its total too; one with
     * none drawn has no node. */
    for (size_t k = 0; k < m->nnodes; k++)
        if (m->nodes[k].is_origin)
            m->nodes[k].out +=
                fold_out[ir_states_index(states, m->nodes[k].state)];
    if (finish(m, frame))
        goto oom;
    free(node_of);
    free(fold_out);
    ir_clustering_destroy(cl);
    return m;
oom:
    free(node_of);
    free(fold_out);
    ir_clustering_destroy(cl);
    ir_flowmap_destroy(m);
    ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    return NULL;
}

static int point_flow_cmp(const void *a, const void *b)
{
    const ir_point_flow *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return x->to < y->to ? -1 : x->to > y->to;
}

ir_flowmap *ir_flowmap_create_points(const ir_point *points, size_t npoints,
                                     const ir_point_flow *flows,
                                     size_t nflows, const ir_frame *frame,
                                     const ir_flowmap_options *opt,
                                     ir_error *err)
{
    ir_flowmap *m = map_alloc(nflows, npoints, opt);
    ir_point_flow *sorted = malloc((nflows ? nflows : 1) * sizeof *sorted);
    size_t *node_of = calloc(npoints ? npoints : 1, sizeof *node_of);
    if (m == NULL || sorted == NULL || node_of == NULL)
        goto oom;
    memcpy(sorted, flows, nflows * sizeof *sorted);
    qsort(sorted, nflows, sizeof *sorted, point_flow_cmp);
    for (size_t i = 0; i < nflows; i++) {
        const ir_point_flow *p = &sorted[i];
        m->total += p->weight;
        if (p->from >= npoints || p->to >= npoints || p->from == p->to ||
            p->weight < opt->min_weight || (opt->top && m->nflows >= opt->top)) {
            m->omitted++;
            m->omitted_weight += p->weight;
            continue;
        }
        ir_flow *f = &m->flows[m->nflows++];
        f->weight = p->weight;
        f->from = points[p->from];
        f->to = points[p->to];
        size_t ends[2] = { p->from, p->to };
        for (int e = 0; e < 2; e++) {
            if (node_of[ends[e]] == 0) {
                m->nodes[m->nnodes].at = points[ends[e]];
                m->nodes[m->nnodes].members = 1;
                node_of[ends[e]] = ++m->nnodes;
            }
            join_node(m, f, node_of[ends[e]] - 1, e == 0);
        }
    }
    if (finish(m, frame))
        goto oom;
    free(sorted);
    free(node_of);
    return m;
oom:
    free(sorted);
    free(node_of);
    ir_flowmap_destroy(m);
    ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    return NULL;
}

int ir_flowmap_layout(ir_flowmap *m, const double rect[4],
                      const double (*obstacles)[4], size_t nobstacles,
                      ir_error *err)
{
    ir_layout_node *nodes = malloc((m->nnodes ? m->nnodes : 1) * sizeof *nodes);
    ir_layout_flow *flows = malloc((m->nflows ? m->nflows : 1) * sizeof *flows);
    if (nodes == NULL || flows == NULL)
        goto oom;
    for (size_t k = 0; k < m->nnodes; k++)
        nodes[k] = (ir_layout_node){ m->nodes[k].at, m->nodes[k].radius };
    for (size_t i = 0; i < m->nflows; i++)
        flows[i] = (ir_layout_flow){ m->flows[i].from_node,
                                     m->flows[i].to_node, m->flows[i].width,
                                     m->flows[i].control };
    memcpy(m->layout.rect, rect, sizeof m->layout.rect);
    m->layout.obstacles = obstacles;
    m->layout.nobstacles = nobstacles;
    if (ir_flowlayout_run(flows, m->nflows, nodes, m->nnodes, &m->layout,
                          &m->report))
        goto oom;
    m->layout.obstacles = NULL;
    m->layout.nobstacles = 0;
    find_heads(m, flows);
    free(nodes);
    free(flows);
    return 0;
oom:
    free(nodes);
    free(flows);
    return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
}

const ir_layout_report *ir_flowmap_layout_report(const ir_flowmap *m)
{
    return &m->report;
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

size_t ir_flowmap_unplaced(const ir_flowmap *m, double *weight,
                           const ir_state *const **ends, size_t *nends,
                           bool *more)
{
    *more = m->unplaced_more;
    *weight = m->unplaced_weight;
    *ends = m->unplaced_end;
    *nends = m->nunplaced_end;
    return m->unplaced;
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

/* The curve of each flow goes out in map coordinates (the map's
 * projection; metres for the default): start, control point and end of the
 * quadratic Bezier, so that another tool can redraw exactly these flows.
 * Nodes without a state are named by their index (n0, n1, ...). */
void ir_flowmap_write_csv(const ir_flowmap *m, const ir_frame *fr, FILE *fp)
{
    bool change = m->opt.change != NULL;
    fputs(change ? "origin,destination,weight,width_pt,x0,y0,cx,cy,x1,y1,"
                   "weight_a,weight_b,change\n"
                 : "origin,destination,weight,width_pt,x0,y0,cx,cy,x1,y1\n",
          fp);
    char w[64], o[32], d[32];
    /* Drawing order is by width, so the heaviest come first. */
    for (size_t i = 0; i < m->nflows; i++) {
        const ir_flow *f = &m->flows[i];
        ir_od_format_weight(f->weight, w, sizeof w);
        snprintf(o, sizeof o, "n%zu", m->nodes[f->from_node].id);
        snprintf(d, sizeof d, "n%zu", m->nodes[f->to_node].id);
        ir_point p[3] = { f->from, f->control, f->to };
        double c[6];
        for (int k = 0; k < 3; k++) {
            c[2 * k] = (p[k].x - fr->x0) / fr->scale;
            c[2 * k + 1] = (fr->y0 - p[k].y) / fr->scale;
        }
        fprintf(fp, "%s,%s,%s,%.3f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f",
                f->origin ? f->origin->iso : o,
                f->destination ? f->destination->iso : d, w, f->width, c[0],
                c[1], c[2], c[3], c[4], c[5]);
        if (change) {
            char a[64], b[64];
            static const char *const word[IR_CHANGE_CLASSES] = {
                "new", "doubled", "up", "same", "down", "halved", "gone"
            };
            ir_od_format_weight(f->weight_a, a, sizeof a);
            ir_od_format_weight(f->weight_b, b, sizeof b);
            fprintf(fp, ",%s,%s,%s", a, b,
                    word[ir_change_classify(f->weight_a, f->weight_b)]);
        }
        fputc('\n', fp);
    }
}

/*
 * labels: greedy label placement.  See labels.h.
 */
#include "labels.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"

static const ir_text_style label_style = { 8, IR_TEXT_SEMIBOLD, 0.12, 0.12,
                                           0.12, 1.6, 0, -1 };

struct ir_labels {
    ir_label *label;
    size_t n;
};

static const ir_text_style flow_label_style = { 7.5, IR_TEXT_REGULAR, 0.12,
                                                0.12, 0.12, 1.6, 0, -1 };

const ir_text_style *ir_labels_style(const ir_label *label)
{
    return label && label->flow ? &flow_label_style : &label_style;
}

size_t ir_labels_obstacles(const ir_flowmap *map, ir_text_box *out,
                           size_t cap)
{
    size_t n = 0;
    const ir_node *nodes;
    size_t nn = ir_flowmap_nodes(map, &nodes);
    for (size_t i = 0; i < nn && n < cap; i++)
        out[n++] = (ir_text_box){ nodes[i].at.x - nodes[i].radius,
                                  nodes[i].at.y - nodes[i].radius,
                                  2 * nodes[i].radius, 2 * nodes[i].radius };
    const ir_flow *flows;
    size_t nf = ir_flowmap_flows(map, &flows);
    for (size_t i = 0; i < nf && n < cap; i++) {
        const ir_flow *f = &flows[i];
        if (!f->drawn)
            continue;
        /* The box around the head's three corners. */
        double dx = f->tip.x - f->head_base.x, dy = f->tip.y - f->head_base.y;
        double len = hypot(dx, dy), r = f->head_width / 2;
        double px = len > 0 ? -dy / len * r : r, py = len > 0 ? dx / len * r : r;
        double xs[3] = { f->tip.x, f->head_base.x + px, f->head_base.x - px };
        double ys[3] = { f->tip.y, f->head_base.y + py, f->head_base.y - py };
        double x0 = fmin(xs[0], fmin(xs[1], xs[2]));
        double x1 = fmax(xs[0], fmax(xs[1], xs[2]));
        double y0 = fmin(ys[0], fmin(ys[1], ys[2]));
        double y1 = fmax(ys[0], fmax(ys[1], ys[2]));
        out[n++] = (ir_text_box){ x0, y0, x1 - x0, y1 - y0 };
    }
    return n;
}

/* Small boxes along each flow's band: labels try to keep off the flows
 * too, but give way (rather than vanish) where the map is crowded. */
/* Squares along a flow's band close enough that no label fits between
 * two of them on the band (sixteen a flow let a count sit on a long thin
 * band between squares 20 points apart): at most the band's width and
 * 3 points apart, for the BAND_FINE heaviest flows.  The faded tail of a
 * dense map, drawn light and underneath, is not kept clear: it covers
 * the page, and its squares were most of a 100,000-flow map's labelling
 * time and 48 MB. */
#define BAND_FINE 2000
#define BAND_SQUARES_MAX 400

static size_t band_squares(const ir_flow *f, size_t rank)
{
    if (f->faded)
        return 0;
    if (rank >= BAND_FINE)
        return 15;
    double len = hypot(f->control.x - f->from.x, f->control.y - f->from.y) +
                 hypot(f->to.x - f->control.x, f->to.y - f->control.y);
    double k = ceil(len / fmax(f->width, 3));
    return k < 15 ? 15 : k > BAND_SQUARES_MAX ? BAND_SQUARES_MAX : (size_t)k;
}

static size_t band_boxes_needed(const ir_flowmap *map)
{
    const ir_flow *flows;
    size_t nf = ir_flowmap_flows(map, &flows), n = 0;
    for (size_t i = 0; i < nf; i++)
        n += band_squares(&flows[i], i);
    return n;
}

static size_t band_boxes(const ir_flowmap *map, ir_text_box *out, size_t cap)
{
    const ir_flow *flows;
    size_t nf = ir_flowmap_flows(map, &flows), n = 0;
    for (size_t i = 0; i < nf; i++) {
        const ir_flow *f = &flows[i];
        size_t k = band_squares(f, i);
        for (size_t j = 1; j <= k && n < cap; j++) {
            ir_point p = ir_flowgeom_at(f->from, f->control, f->to,
                                        (double)j / (double)(k + 1));
            double h = f->width / 2;
            out[n++] = (ir_text_box){ p.x - h, p.y - h, 2 * h, 2 * h };
        }
    }
    return n;
}

/* Positions around a node: beside it, then LABEL_RING_STEP points further
 * out, up to LABEL_RINGS rings. */
#define LABEL_RINGS 2
#define MAX_FLOW_LABELS 24
#define LABEL_RING_STEP 6.0

static double box_distance(const ir_text_box *b, ir_point p)
{
    double dx = fmax(0, fmax(b->x - p.x, p.x - (b->x + b->w)));
    double dy = fmax(0, fmax(b->y - p.y, p.y - (b->y + b->h)));
    return hypot(dx, dy);
}

/* A label must sit nearer its own node than any other, or a reader pairs
 * it with the wrong one. */
static bool nearest_to_own(const ir_text_box *b, const ir_node *own,
                           const ir_node *nodes, size_t n)
{
    double d = box_distance(b, own->at) - own->radius;
    for (size_t i = 0; i < n; i++)
        if (&nodes[i] != own && box_distance(b, nodes[i].at) - nodes[i].radius < d)
            return false;
    return true;
}

/* Whether box b covers flow f's band (sampled). */
static bool own_band(const ir_text_box *b, const ir_flow *f)
{
    for (int k = 1; k < 32; k++) {
        ir_point p = ir_flowgeom_at(f->from, f->control, f->to, k / 32.0);
        double h = f->width / 2;
        ir_text_box s = { p.x - h, p.y - h, 2 * h, 2 * h };
        if (ir_text_boxes_overlap(b, &s))
            return true;
    }
    return false;
}

/* Distance from box b to the edge of flow f's band (sampled). */
static double band_distance(const ir_text_box *b, const ir_flow *f)
{
    double best = HUGE_VAL;
    for (int k = 1; k < 32; k++) {
        ir_point p = ir_flowgeom_at(f->from, f->control, f->to, k / 32.0);
        double dx = fmax(0, fmax(b->x - p.x, p.x - (b->x + b->w)));
        double dy = fmax(0, fmax(b->y - p.y, p.y - (b->y + b->h)));
        best = fmin(best, hypot(dx, dy) - f->width / 2);
    }
    return best;
}

static bool nearest_to_own_flow(const ir_text_box *b, const ir_flow *own,
                                const ir_flow *flows, size_t n)
{
    double d = band_distance(b, own);
    for (size_t i = 0; i < n; i++)
        if (&flows[i] != own && band_distance(b, &flows[i]) < d)
            return false;
    return true;
}

static bool fits(const ir_text_box *b, const double r[4],
                 const ir_text_box *taken, size_t ntaken)
{
    if (b->x < r[0] || b->y < r[1] || b->x + b->w > r[2] ||
        b->y + b->h > r[3])
        return false;
    for (size_t i = 0; i < ntaken; i++)
        if (ir_text_boxes_overlap(&taken[i], b))
            return false;
    return true;
}

/* What labels are placed against. */
typedef struct placer {
    const double *rect;
    ir_text_box *taken;
    size_t ntaken;
    const ir_text_box *bands;
    size_t nbands;
    const ir_node *nodes;
    size_t nn;
    cairo_t *cr;
} placer;

/* Places lb (its text and node set) around its node: first a place clear
 * of the flows, then any place clear of what must never be covered; each
 * time beside the node first, then a little further out. */
static bool place_at_node(placer *pl, ir_label *lb)
{
    const ir_node *nd = lb->node;
    double w, h;
    ir_text_measure(pl->cr, lb->text, ir_labels_style(lb), &w, &h);
    for (int k = 0; k < 2 * LABEL_RINGS * 8; k++) {
        bool clear_of_bands = k < LABEL_RINGS * 8;
        int ring = (k / 8) % LABEL_RINGS, pos = k % 8;
        double g = nd->radius + 2 + LABEL_RING_STEP * ring;
        const double dx[8] = { g, -g - w, -w / 2, -w / 2, g, -g - w, g,
                               -g - w };
        const double dy[8] = { -h / 2, -h / 2, -g - h, g, -g - h, -g - h,
                               g, g };
        ir_text_box b = { nd->at.x + dx[pos], nd->at.y + dy[pos], w, h };
        if (!fits(&b, pl->rect, pl->taken, pl->ntaken) ||
            (clear_of_bands && !fits(&b, pl->rect, pl->bands, pl->nbands)) ||
            !nearest_to_own(&b, nd, pl->nodes, pl->nn))
            continue;
        lb->box = b;
        lb->align = pos == 1 || pos == 5 || pos == 7 ? 1 : -1;
        pl->taken[pl->ntaken++] = b;
        return true;
    }
    return false;
}

/* A node's label with no room of its own may take the place of a label
 * placed before it, if that one then finds another: the larger places are
 * named first, and at a small size the first names could leave a large
 * destination unnamed (Chihuahua, 15% of figure 1, at 640 x 480).  The
 * node labels so far hold taken[base ..], one each, in their order. */
static bool place_at_node_moving(placer *pl, ir_labels *l, ir_label *lb,
                                 size_t base)
{
    if (place_at_node(pl, lb))
        return true;
    for (size_t j = 0; j < l->n; j++) {
        ir_label *other = &l->label[j];
        if (other->node == NULL || pl->ntaken != base + l->n)
            continue;
        ir_label kept = *other;
        ir_text_box box = pl->taken[base + j];
        pl->taken[base + j] = (ir_text_box){ -1e9, -1e9, 0, 0 };
        if (place_at_node(pl, lb)) {
            if (place_at_node(pl, other)) {
                /* Its new box into its own slot; lb's stays last. */
                pl->taken[base + j] = pl->taken[--pl->ntaken];
                return true;
            }
            pl->ntaken--;
        }
        pl->taken[base + j] = box;
        *other = kept;
    }
    return false;
}

/* A flow with no room beside its band, the only one into its destination,
 * has its number on a card of its own beside the destination's name:
 * under it, over it, after it or before it.  The card is the one every other
 * flow's number sits on, so the five channels of a figure read alike.
 * The label (text already in l->label[l->n]) is added only if it fits,
 * with clean only where it is off every band.  True when it was added. */
static bool count_at_destination(ir_labels *l, const ir_flowmap *map,
                                 const ir_flow *f, placer *pl, bool clean)
{
    const ir_flow *flows;
    size_t nf = ir_flowmap_flows(map, &flows), into = 0;
    for (size_t i = 0; i < nf; i++)
        into += flows[i].to_node == f->to_node;
    const ir_node *dest = &pl->nodes[f->to_node];
    const ir_label *name = NULL;
    for (size_t i = 0; i < l->n && into == 1; i++)
        if (l->label[i].node == dest)
            name = &l->label[i];
    if (name == NULL)
        return false;
    ir_label *lb = &l->label[l->n];
    double w, h;
    ir_text_measure(pl->cr, lb->text, &flow_label_style, &w, &h);
    const ir_text_box *nb = &name->box;
    /* Aligned with the name's text: its left edge, or its right edge when
     * the name is set to the left of its node. */
    double x = name->align == 1 ? nb->x + nb->w - w : nb->x;
    double gap = 3;
    const ir_text_box at[4] = {
        { x, nb->y + nb->h + gap, w, h },
        { x, nb->y - gap - h, w, h },
        { nb->x + nb->w + gap + 2, nb->y + (nb->h - h) / 2, w, h },
        { nb->x - gap - 2 - w, nb->y + (nb->h - h) / 2, w, h },
    };
    /* Stacked with the name first (under or over it: the pair reads as
     * one label), off every band if one of them is, else off its own;
     * only then after or before the name, where another flow may run
     * between the two. */
    static const int order[8][2] = { { 0, 1 }, { 1, 1 }, { 0, 0 }, { 1, 0 },
                                     { 2, 1 }, { 3, 1 }, { 2, 0 }, { 3, 0 } };
    for (int k = 0; k < 8; k++) {
        const ir_text_box *b = &at[order[k][0]];
        bool off_bands = fits(b, pl->rect, pl->bands, pl->nbands);
        if (!fits(b, pl->rect, pl->taken, pl->ntaken) || own_band(b, f) ||
            (order[k][1] && !off_bands) || (clean && !off_bands))
            continue;
        lb->box = *b;
        lb->align = -1;
        lb->node = NULL;
        lb->flow = f;
        pl->taken[pl->ntaken++] = *b;
        l->n++;
        return true;
    }
    return false;
}

/* Beside each flow's band: at the middle first, then a little towards
 * either end, the outer side of the bend before the inner. */
static void place_flow_labels(ir_labels *l, const ir_flowmap *map,
                              const ir_labels_options *o, placer *pl)
{
    const double *rect = pl->rect;
    ir_text_box *taken = pl->taken;
    size_t *ntaken = &pl->ntaken;
    const ir_text_box *bands = pl->bands;
    size_t nbands = pl->nbands;
    cairo_t *cr = pl->cr;
    const ir_flow *flows;
    size_t nf = ir_flowmap_flows(map, &flows);
    size_t count;
    double left, total;
    ir_flowmap_omitted(map, &count, &left, &total);
    double of = o->share_of > 0 ? o->share_of : total;
    /* Labels on more flows than this would be noise, not information. */
    for (size_t i = 0; i < nf && i < MAX_FLOW_LABELS; i++) {
        const ir_flow *f = &flows[i];
        char num[64], pct[64];
        ir_text_number(f->weight, o->lang, num, sizeof num);
        ir_text_percent(of > 0 ? f->weight / of : 0, o->lang, pct, sizeof pct);
        ir_label *lb = &l->label[l->n];
        if (ir_flowmap_is_change(map)) {
            /* Each period's count, then the change: "1,191 → 1,540". */
            char a[40], b[40], c[40];
            ir_text_number(f->weight_a, o->lang, a, sizeof a);
            ir_text_number(f->weight_b, o->lang, b, sizeof b);
            ir_change_text(f->weight_a, f->weight_b, o->lang, c, sizeof c);
            if (o->flows == IR_FLOW_LABELS_COUNT)
                snprintf(lb->text, sizeof lb->text, "%s \u2192 %s", a, b);
            else if (o->flows == IR_FLOW_LABELS_SHARE)
                snprintf(lb->text, sizeof lb->text, "%s", c);
            else
                snprintf(lb->text, sizeof lb->text, "%s \u2192 %s (%s)", a,
                         b, c);
        } else if (o->flows == IR_FLOW_LABELS_COUNT)
            snprintf(lb->text, sizeof lb->text, "%s", num);
        else if (o->flows == IR_FLOW_LABELS_SHARE)
            snprintf(lb->text, sizeof lb->text, "%s", pct);
        else
            snprintf(lb->text, sizeof lb->text, "%s (%s)", num, pct);
        double w, h;
        ir_text_measure(cr, lb->text, &flow_label_style, &w, &h);
        /* The outer side is the control point's side of the chord. */
        double cx = (f->from.x + f->to.x) / 2, cy = (f->from.y + f->to.y) / 2;
        static const double ts[] = { 0.5, 0.42, 0.58, 0.34, 0.66, 0.78, 0.22,
                                     0.86, 0.14 };
        bool placed = false;
        /* Off every band beside it, then a little further out (5 and 10
         * points), then on a card under its destination's name if that is
         * off every band, and only then over other flows' bands: a number
         * on another flow's band, its card cutting that band, reads as
         * that flow's (a press figure put Nuevo León's 1,158 on the band
         * to Guanajuato). */
        static const double extra[] = { 0, 5, 10, 0 };
        for (int pass = 0; pass < 4 && !placed; pass++)
            for (int k = 0; k < 18 && !placed; k++) {
                bool clean = pass < 3;
                if (pass == 3 && k == 0 && o->names_only &&
                    count_at_destination(l, map, f, pl, true)) {
                    placed = true;
                    break;
                }
                double t = ts[k / 2];
                ir_point p = ir_flowgeom_at(f->from, f->control, f->to, t);
                ir_point d = { 2 * (1 - t) * (f->control.x - f->from.x) +
                                   2 * t * (f->to.x - f->control.x),
                               2 * (1 - t) * (f->control.y - f->from.y) +
                                   2 * t * (f->to.y - f->control.y) };
                double dl = hypot(d.x, d.y);
                if (dl == 0)
                    break;
                ir_point n = { -d.y / dl, d.x / dl };
                double outer = (f->control.x - cx) * n.x +
                               (f->control.y - cy) * n.y >= 0 ? 1 : -1;
                double side = k % 2 == 0 ? outer : -outer;
                double reach = f->width / 2 + 2 + extra[pass] +
                               (fabs(n.x) * w + fabs(n.y) * h) / 2;
                ir_text_box b = { p.x + side * n.x * reach - w / 2,
                                  p.y + side * n.y * reach - h / 2, w, h };
                if (!fits(&b, rect, taken, *ntaken) ||
                    (clean && !fits(&b, rect, bands, nbands)))
                    continue;
                /* Never on its own band, even on the last pass, and
                 * nearer its own flow than any other. */
                if ((!clean && own_band(&b, f)) ||
                    !nearest_to_own_flow(&b, f, flows, nf))
                    continue;
                lb->box = b;
                lb->align = -1;
                lb->node = NULL;
                lb->flow = f;
                taken[(*ntaken)++] = b;
                l->n++;
                placed = true;
            }
        if (!placed && o->names_only)
            count_at_destination(l, map, f, pl, false);
    }
}

ir_labels *ir_labels_place(const ir_flowmap *map, const ir_labels_options *o,
                           const double rect[4], const ir_text_box *blocked,
                           size_t nblocked)
{
    const char *lang = o->lang;
    int per_side = o->per_side;
    ir_labels *l = calloc(1, sizeof *l);
    const ir_node *nodes;
    size_t nn = ir_flowmap_nodes(map, &nodes);
    const ir_flow *flows;
    size_t nf = ir_flowmap_flows(map, &flows);
    size_t cap = nblocked + nn + nf + nn + nf;
    ir_text_box *taken = malloc((cap ? cap : 1) * sizeof *taken);
    size_t nbands_cap = band_boxes_needed(map);
    ir_text_box *bands = malloc((nbands_cap ? nbands_cap : 1) * sizeof *bands);
    if (l == NULL || taken == NULL || bands == NULL ||
        (l->label = calloc(nn + nf + 1, sizeof *l->label)) == NULL) {
        free(taken);
        free(bands);
        ir_labels_destroy(l);
        return NULL;
    }
    size_t nbands;
    if (o->bands) {
        free(bands);
        bands = malloc((o->nbands ? o->nbands : 1) * sizeof *bands);
        if (bands == NULL) {
            free(taken);
            ir_labels_destroy(l);
            return NULL;
        }
        memcpy(bands, o->bands, o->nbands * sizeof *bands);
        nbands = o->nbands;
    } else {
        nbands = band_boxes(map, bands, nbands_cap);
    }
    if (nblocked)
        memcpy(taken, blocked, nblocked * sizeof *taken);
    size_t ntaken = nblocked;
    ntaken += ir_labels_obstacles(map, taken + ntaken, cap - ntaken);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(s);
    int origins = 0, destinations = 0;
    placer pl = { rect, taken, ntaken, bands, nbands, nodes, nn, cr };
    size_t base = ntaken;
    /* By default, the six largest of each side and every other that
     * carries a large share of its side: a reader looks for Jalisco when
     * it takes a twentieth of the guns, whatever its rank. */
    double side_total[2] = { 0, 0 };
    for (size_t i = 0; i < nn; i++)
        side_total[nodes[i].is_origin] += nodes[i].is_origin ? nodes[i].out
                                                             : nodes[i].in;
    for (size_t i = 0; i < nn; i++) {
        const ir_node *nd = &nodes[i];
        int *count = nd->is_origin ? &origins : &destinations;
        double own = nd->is_origin ? nd->out : nd->in;
        if (per_side >= 0 ? *count >= per_side
                          : *count >= IR_LABELS_AUTO_MAX ||
                                (*count >= IR_LABELS_AUTO_FIRST &&
                                 own < IR_LABELS_AUTO_SHARE *
                                           side_total[nd->is_origin]))
            continue;
        ir_label *lb = &l->label[l->n];
        char num[64];
        ir_text_number(nd->is_origin ? nd->out : nd->in, lang, num,
                       sizeof num);
        char name[96];
        ir_flowmap_node_name(nd, lang, name, sizeof name);
        if (o->names_only)
            snprintf(lb->text, sizeof lb->text, "%s", name);
        else
            snprintf(lb->text, sizeof lb->text, "%s\n%s", name, num);
        ir_text_utf8_trim(lb->text);
        lb->node = nd;
        if (place_at_node_moving(&pl, l, lb, base)) {
            l->n++;
            (*count)++;
        }
    }
    if (o->flows != IR_FLOW_LABELS_NONE)
        place_flow_labels(l, map, o, &pl);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    free(taken);
    free(bands);
    return l;
}

void ir_labels_destroy(ir_labels *l)
{
    if (l == NULL)
        return;
    free(l->label);
    free(l);
}

size_t ir_labels_get(const ir_labels *l, const ir_label **out)
{
    *out = l->label;
    return l->n;
}

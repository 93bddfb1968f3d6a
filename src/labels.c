/*
 * labels: greedy label placement.  See labels.h.
 */
#include "labels.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const ir_text_style label_style = { 8, IR_TEXT_SEMIBOLD, 0.12, 0.12,
                                           0.12, 1.6, 0, -1 };

struct ir_labels {
    ir_label *label;
    size_t n;
};

const ir_text_style *ir_labels_style(void)
{
    return &label_style;
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
        double r = f->head_width / 2;
        double x0 = fmin(f->tip.x, f->head_base.x) - r;
        double y0 = fmin(f->tip.y, f->head_base.y) - r;
        out[n++] = (ir_text_box){ x0, y0,
                                  fabs(f->tip.x - f->head_base.x) + 2 * r,
                                  fabs(f->tip.y - f->head_base.y) + 2 * r };
    }
    return n;
}

/* Small boxes along each flow's band: labels try to keep off the flows
 * too, but give way (rather than vanish) where the map is crowded. */
static size_t band_boxes(const ir_flowmap *map, ir_text_box *out, size_t cap)
{
    const ir_flow *flows;
    size_t nf = ir_flowmap_flows(map, &flows), n = 0;
    for (size_t i = 0; i < nf; i++)
        for (int k = 1; k < 16 && n < cap; k++) {
            const ir_flow *f = &flows[i];
            ir_point p = ir_flowgeom_at(f->from, f->control, f->to, k / 16.0);
            double h = f->width / 2;
            out[n++] = (ir_text_box){ p.x - h, p.y - h, 2 * h, 2 * h };
        }
    return n;
}

/* Positions around a node: beside it, then LABEL_RING_STEP points further
 * out, up to LABEL_RINGS rings. */
#define LABEL_RINGS 2
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

ir_labels *ir_labels_place(const ir_flowmap *map, const char *lang,
                           int per_side, const double rect[4],
                           const ir_text_box *blocked, size_t nblocked)
{
    ir_labels *l = calloc(1, sizeof *l);
    const ir_node *nodes;
    size_t nn = ir_flowmap_nodes(map, &nodes);
    const ir_flow *flows;
    size_t nf = ir_flowmap_flows(map, &flows);
    size_t cap = nblocked + nn + nf + nn;
    ir_text_box *taken = malloc((cap ? cap : 1) * sizeof *taken);
    size_t nbands_cap = 15 * nf;
    ir_text_box *bands = malloc((nbands_cap ? nbands_cap : 1) * sizeof *bands);
    if (l == NULL || taken == NULL || bands == NULL ||
        (l->label = calloc(nn ? nn : 1, sizeof *l->label)) == NULL) {
        free(taken);
        free(bands);
        ir_labels_destroy(l);
        return NULL;
    }
    size_t nbands = band_boxes(map, bands, nbands_cap);
    memcpy(taken, blocked, nblocked * sizeof *taken);
    size_t ntaken = nblocked;
    ntaken += ir_labels_obstacles(map, taken + ntaken, cap - ntaken);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(s);
    bool es = lang != NULL && strcmp(lang, "es") == 0;
    int origins = 0, destinations = 0;
    for (size_t i = 0; i < nn; i++) {
        const ir_node *nd = &nodes[i];
        int *count = nd->is_origin ? &origins : &destinations;
        if (*count >= per_side)
            continue;
        ir_label *lb = &l->label[l->n];
        char num[64];
        ir_text_number(nd->is_origin ? nd->out : nd->in, lang, num,
                       sizeof num);
        snprintf(lb->text, sizeof lb->text, "%s\n%s",
                 es ? nd->state->name_es : nd->state->name_en, num);
        ir_text_utf8_trim(lb->text);
        double w, h;
        ir_text_measure(cr, lb->text, &label_style, &w, &h);
        /* First a place clear of the flows, then any place clear of what
         * must never be covered; each time beside the node first, then a
         * little further out, before the label is given up. */
        for (int k = 0; k < 2 * LABEL_RINGS * 8; k++) {
            bool clear_of_bands = k < LABEL_RINGS * 8;
            int ring = (k / 8) % LABEL_RINGS, pos = k % 8;
            double g = nd->radius + 2 + LABEL_RING_STEP * ring;
            const double dx[8] = { g, -g - w, -w / 2, -w / 2, g, -g - w, g,
                                   -g - w };
            const double dy[8] = { -h / 2, -h / 2, -g - h, g, -g - h, -g - h,
                                   g, g };
            ir_text_box b = { nd->at.x + dx[pos], nd->at.y + dy[pos], w, h };
            if (!fits(&b, rect, taken, ntaken) ||
                (clear_of_bands && !fits(&b, rect, bands, nbands)) ||
                !nearest_to_own(&b, nd, nodes, nn))
                continue;
            lb->box = b;
            lb->align = pos == 1 || pos == 5 || pos == 7 ? 1 : -1;
            lb->node = nd;
            taken[ntaken++] = b;
            l->n++;
            (*count)++;
            break;
        }
    }
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

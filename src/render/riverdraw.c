/*
 * riverdraw: river mode's bands and crossings.  See riverdraw.h.
 */
#include "riverdraw.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/draw.h"
#include "render.h"

#define CASING_PT 0.6
#define OUTLINE_CAP 128

static const ir_text_style crossing_style = { 7, IR_TEXT_SEMIBOLD, 0.25, 0.25,
                                              0.25, 1.6, 0, -1 };

static bool boxes_meet(const ir_text_box *a, const ir_text_box *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
           b->y < a->y + a->h;
}

static double box_point_distance(const ir_text_box *b, ir_point p)
{
    double dx = fmax(fmax(b->x - p.x, 0), p.x - (b->x + b->w));
    double dy = fmax(fmax(b->y - p.y, 0), p.y - (b->y + b->h));
    return hypot(dx, dy);
}

/* Whether segment ab meets box b (grown by pad). */
static bool segment_meets(ir_point a, ir_point c, const ir_text_box *b,
                          double pad)
{
    double x0 = b->x - pad, y0 = b->y - pad, x1 = b->x + b->w + pad,
           y1 = b->y + b->h + pad;
    /* Liang-Barsky: clip the segment's parameter range to the box. */
    double t0 = 0, t1 = 1, dx = c.x - a.x, dy = c.y - a.y;
    double p[4] = { -dx, dx, -dy, dy };
    double q[4] = { a.x - x0, x1 - a.x, a.y - y0, y1 - a.y };
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = t > t0 ? t : t0;
        else
            t1 = t < t1 ? t : t1;
        if (t0 > t1)
            return false;
    }
    return true;
}

/* The bands' outlines, for names to keep off: points and, per band, its
 * first point and box. */
typedef struct band_lines {
    ir_point *pts;
    size_t *start;     /* nbands + 1 */
    ir_text_box *box;
    size_t n;
} band_lines;

static void band_lines_free(band_lines *bl)
{
    free(bl->pts);
    free(bl->start);
    free(bl->box);
}

static int band_lines_build(const ir_river *r, band_lines *bl)
{
    const ir_river_band *b;
    size_t nb = ir_river_bands(r, &b);
    memset(bl, 0, sizeof *bl);
    bl->pts = malloc((nb ? nb : 1) * OUTLINE_CAP * sizeof *bl->pts);
    bl->start = malloc((nb + 1) * sizeof *bl->start);
    bl->box = malloc((nb ? nb : 1) * sizeof *bl->box);
    if (!bl->pts || !bl->start || !bl->box) {
        band_lines_free(bl);
        return -1;
    }
    size_t at = 0;
    for (size_t i = 0; i < nb; i++) {
        bl->start[i] = at;
        size_t np = ir_river_outline(r, &b[i], 0, bl->pts + at, OUTLINE_CAP);
        double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
        for (size_t k = 0; k < np; k++) {
            x0 = fmin(x0, bl->pts[at + k].x);
            y0 = fmin(y0, bl->pts[at + k].y);
            x1 = fmax(x1, bl->pts[at + k].x);
            y1 = fmax(y1, bl->pts[at + k].y);
        }
        bl->box[i] = np ? (ir_text_box){ x0, y0, x1 - x0, y1 - y0 }
                        : (ir_text_box){ 0, 0, -1, -1 };
        at += np;
    }
    bl->start[nb] = at;
    bl->n = nb;
    return 0;
}

static bool meets_band(const band_lines *bl, const ir_text_box *b)
{
    for (size_t i = 0; i < bl->n; i++) {
        const ir_text_box *bb = &bl->box[i];
        if (bb->w < 0 || bb->x > b->x + b->w + 1 || bb->x + bb->w < b->x - 1 ||
            bb->y > b->y + b->h + 1 || bb->y + bb->h < b->y - 1)
            continue;
        size_t lo = bl->start[i], hi = bl->start[i + 1];
        for (size_t k = lo; k < hi; k++) {
            ir_point a = bl->pts[k], c = bl->pts[k + 1 < hi ? k + 1 : lo];
            if (segment_meets(a, c, b, 1))
                return true;
        }
    }
    return false;
}

/* The names' boxes, busiest crossing first: beside the crossing across
 * the river, east side first, then west, then further out, each clear of
 * the names already placed, of node symbols, of the crossings' bars and,
 * where any place is, of the bands, and nearer its own bar than any
 * other.  A crossing whose short name is the same as a nearby one's
 * already named (two bridges of one city), or that has no room, gets no
 * label: an empty box. */
static size_t place_names(const ir_river *r, const ir_flowmap *map,
                          const char *const *names, ir_text_box *out,
                          size_t cap)
{
    const ir_river_tree *t;
    ir_river_trees(r, &t);
    const ir_river_node *nodes;
    ir_river_nodes(r, &nodes);
    const ir_node *fn;
    size_t nn = ir_flowmap_nodes(map, &fn);
    int order[256];
    size_t n = ir_river_crossing_order(r, order, 256), k = 0;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(s);
    band_lines bl;
    bool bands = band_lines_build(r, &bl) == 0;
    for (size_t i = 0; i < n && k < cap; i++) {
        const ir_river_tree *tr = &t[order[i]];
        const ir_river_node *root = &nodes[tr->root];
        bool named = false;
        for (size_t j = 0; j < i && !named; j++) {
            const ir_river_node *o = &nodes[t[order[j]].root];
            named = strcmp(names[t[order[j]].crossing], names[tr->crossing]) == 0 &&
                    hypot(o->at.x - root->at.x, o->at.y - root->at.y) < 60;
        }
        if (named) {
            out[k++] = (ir_text_box){ root->at.x, root->at.y, 0, 0 };
            continue;
        }
        double w, h;
        ir_text_measure(cr, names[tr->crossing], &crossing_style, &w, &h);
        ir_point nrm = { -root->dir.y, root->dir.x };
        if (nrm.x < 0)
            nrm = (ir_point){ -nrm.x, -nrm.y };
        /* No room anywhere: no name rather than one over another. */
        ir_text_box best = { root->at.x, root->at.y, 0, 0 };
        bool found = false;
        /* Clear of the bands too and nearer its own bar than any other
         * (24 places, out to 45 points); then bands allowed (12); then
         * nearness given up (12); never over a name, node or bar. */
        for (int c = 0; c < 48 && !found; c++) {
            bool off_bands = c < 24, near = c < 36;
            int cc = c < 24 ? c : c < 36 ? c - 24 : c - 36;
            double reach = tr->width / 2 + 6 + 9 * (cc / 4);
            double side = cc % 2 == 0 ? 1 : -1;
            double lift = (cc % 4) < 2 ? 0 : (cc % 4 == 2 ? -h : h);
            ir_text_box b = { root->at.x + side * nrm.x * reach -
                                  (side < 0 ? w : 0),
                              root->at.y + side * nrm.y * reach - h / 2 + lift,
                              w, h };
            bool clear = !(off_bands && bands && meets_band(&bl, &b));
            for (size_t j = 0; j < k && clear; j++)
                clear = !boxes_meet(&b, &out[j]);
            for (size_t q = 0; q < nn && clear; q++) {
                ir_text_box sym = { fn[q].at.x - fn[q].radius,
                                    fn[q].at.y - fn[q].radius,
                                    2 * fn[q].radius, 2 * fn[q].radius };
                clear = !boxes_meet(&b, &sym);
            }
            /* Nearer its own crossing than any other, or a reader pairs
             * the name with the wrong bar. */
            double own = box_point_distance(&b, root->at);
            for (size_t q = 0; q < n && clear && near; q++) {
                const ir_river_node *o = &nodes[t[order[q]].root];
                if (o != root && box_point_distance(&b, o->at) <= own)
                    clear = false;
            }
            for (size_t q = 0; q < n && clear; q++) {
                const ir_river_node *o = &nodes[t[order[q]].root];
                double half = t[order[q]].width / 2 + 3;
                ir_text_box bar = { o->at.x - half, o->at.y - half, 2 * half,
                                    2 * half };
                clear = !boxes_meet(&b, &bar);
            }
            if (clear) {
                best = b;
                found = true;
            }
        }
        out[k++] = best;
    }
    if (bands)
        band_lines_free(&bl);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return k;
}

size_t ir_riverdraw_crossing_boxes(const ir_river *r, const ir_flowmap *map,
                                   const char *const *names, ir_text_box *out,
                                   size_t cap)
{
    return place_names(r, map, names, out, cap);
}

static void band_path(cairo_t *cr, const ir_point *p, size_t n)
{
    cairo_move_to(cr, p[0].x, p[0].y);
    for (size_t i = 1; i < n; i++)
        cairo_line_to(cr, p[i].x, p[i].y);
    cairo_close_path(cr);
}

/* Casings, then bands, of every tree of one crossing. */
static void draw_crossing(cairo_t *cr, const ir_river *r,
                          const ir_flowmap *map, size_t crossing, int color)
{
    const ir_river_band *b;
    const ir_river_tree *t;
    size_t nb = ir_river_bands(r, &b);
    ir_river_trees(r, &t);
    ir_point pts[OUTLINE_CAP];
    for (int pass = 0; pass < 2; pass++) {
        cairo_new_path(cr);
        for (size_t i = 0; i < nb; i++) {
            if (t[b[i].tree].crossing != crossing)
                continue;
            size_t np = ir_river_outline(r, &b[i], pass == 0 ? CASING_PT : 0,
                                         pts, OUTLINE_CAP);
            if (np > 0)
                band_path(cr, pts, np);
        }
        if (pass == 0) {
            cairo_set_source_rgb(cr, 1, 1, 1);
        } else {
            double rgb[3];
            ir_flowmap_color(map, color, rgb);
            cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        }
        /* One path per pass: overlapping outlines of one tree fill as one
         * shape, so merges show no seam. */
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
        ir_draw_fill(cr);
    }
}

/* "crossing-Nogales", "Nogales: 1,618 firearms". */
static void crossing_item_begin(cairo_t *cr, const char *name, double weight,
                                const char *lang)
{
    char key[80], id[96], title[200], num[32];
    ir_render_key(name, true, key, sizeof key);
    snprintf(id, sizeof id, "crossing-%s", key);
    ir_text_number(weight, lang, num, sizeof num);
    snprintf(title, sizeof title, "%s: %s %s", name, num,
             strcmp(lang, "es") == 0 ? "armas de fuego" : "firearms");
    ir_draw_item_begin(cr, id, "crossing", title, NULL);
}

void ir_riverdraw(cairo_t *cr, const ir_river *r, const ir_flowmap *map,
                  const char *const *names, const int *colors,
                  const char *lang)
{
    const ir_river_tree *t;
    ir_river_trees(r, &t);
    const ir_river_node *nodes;
    ir_river_nodes(r, &nodes);
    int order[256];
    size_t n = ir_river_crossing_order(r, order, 256);
    ir_draw_save(cr);
    bool items = ir_draw_is_svg(cr);
    for (size_t i = 0; i < n; i++) {
        size_t c = t[order[i]].crossing;
        if (items)
            crossing_item_begin(cr, names[c], t[order[i]].weight, lang);
        draw_crossing(cr, r, map, c, colors ? colors[c] : (int)(i < 6 ? i : 6));
        if (items)
            ir_draw_group_end(cr);
    }
    /* Each crossing: a bar across the river at the border, and its name. */
    ir_text_box boxes[256];
    place_names(r, map, names, boxes, 256);
    for (size_t i = 0; i < n; i++) {
        const ir_river_tree *tr = &t[order[i]];
        const ir_river_node *root = &nodes[tr->root];
        double half = tr->width / 2 + 3;
        ir_point nrm = { -root->dir.y, root->dir.x };
        cairo_new_path(cr);
        cairo_move_to(cr, root->at.x - nrm.x * half, root->at.y - nrm.y * half);
        cairo_line_to(cr, root->at.x + nrm.x * half, root->at.y + nrm.y * half);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 3.2);
        ir_draw_stroke_preserve(cr);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        cairo_set_line_width(cr, 1.6);
        ir_draw_stroke(cr);
        if (boxes[i].w > 0)
            ir_text_draw(cr, names[tr->crossing], &crossing_style, boxes[i].x,
                         boxes[i].y);
    }
    ir_draw_restore(cr);
}

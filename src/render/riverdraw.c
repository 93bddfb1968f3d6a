/*
 * riverdraw: river mode's bands and crossings.  See riverdraw.h.
 */
#include "riverdraw.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#define CASING_PT 0.6
#define OUTLINE_CAP 128

static const ir_text_style crossing_style = { 7, IR_TEXT_SEMIBOLD, 0.25, 0.25,
                                              0.25, 1.6, 0, -1 };

static bool boxes_meet(const ir_text_box *a, const ir_text_box *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
           b->y < a->y + a->h;
}

/* The names' boxes, busiest crossing first: beside the crossing across
 * the river, east side first, then west, then further out, each clear of
 * the names already placed, of node symbols and of the crossings' bars. */
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
    for (size_t i = 0; i < n && k < cap; i++) {
        const ir_river_tree *tr = &t[order[i]];
        const ir_river_node *root = &nodes[tr->root];
        double w, h;
        ir_text_measure(cr, names[tr->crossing], &crossing_style, &w, &h);
        ir_point nrm = { -root->dir.y, root->dir.x };
        if (nrm.x < 0)
            nrm = (ir_point){ -nrm.x, -nrm.y };
        ir_text_box best = { 0, 0, 0, 0 };
        for (int c = 0; c < 12; c++) {
            double reach = tr->width / 2 + 6 + 9 * (c / 4);
            double side = c % 2 == 0 ? 1 : -1;
            double lift = (c % 4) < 2 ? 0 : (c % 4 == 2 ? -h : h);
            ir_text_box b = { root->at.x + side * nrm.x * reach -
                                  (side < 0 ? w : 0),
                              root->at.y + side * nrm.y * reach - h / 2 + lift,
                              w, h };
            if (c == 0)
                best = b;
            bool clear = true;
            for (size_t j = 0; j < k && clear; j++)
                clear = !boxes_meet(&b, &out[j]);
            for (size_t q = 0; q < nn && clear; q++) {
                ir_text_box sym = { fn[q].at.x - fn[q].radius,
                                    fn[q].at.y - fn[q].radius,
                                    2 * fn[q].radius, 2 * fn[q].radius };
                clear = !boxes_meet(&b, &sym);
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
                break;
            }
        }
        out[k++] = best;
    }
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
        cairo_fill(cr);
    }
}

void ir_riverdraw(cairo_t *cr, const ir_river *r, const ir_flowmap *map,
                  const char *const *names)
{
    const ir_river_tree *t;
    ir_river_trees(r, &t);
    const ir_river_node *nodes;
    ir_river_nodes(r, &nodes);
    int order[256];
    size_t n = ir_river_crossing_order(r, order, 256);
    cairo_save(cr);
    for (size_t i = 0; i < n; i++)
        draw_crossing(cr, r, map, t[order[i]].crossing, (int)(i < 6 ? i : 6));
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
        cairo_stroke_preserve(cr);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        cairo_set_line_width(cr, 1.6);
        cairo_stroke(cr);
        ir_text_draw(cr, names[tr->crossing], &crossing_style, boxes[i].x,
                     boxes[i].y);
    }
    cairo_restore(cr);
}

/*
 * flowdraw: the flow map's marks and text.  See flowdraw.h.
 *
 * Each flow is filled over a slightly wider stroke of paper colour, its
 * casing, so that where flows overlap the narrower one on top stays
 * distinct; the casing lies outside the outline, so the visible width is
 * the flow's width.  Legend samples are outlines made by the same
 * function as the flows, at the widths the flows use: equal by
 * construction.  Labels are placed greedily, largest node first, at the
 * first of eight positions around the node that overlaps no other label,
 * node symbol, arrowhead or the legend.
 */
#include "flowdraw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define BAND_GAP 6.0
#define CASING_PT 0.6
#define MAX_BOXES 4096

static const ir_text_style title_style = { 15, IR_TEXT_BOLD, 0.13, 0.13, 0.13,
                                           0, 0, -1 };
static const ir_text_style subtitle_style = { 10, IR_TEXT_REGULAR, 0.25, 0.25,
                                              0.25, 0, 0, -1 };
static const ir_text_style note_style = { 7, IR_TEXT_REGULAR, 0.35, 0.35,
                                          0.35, 0, 0, -1 };
static const ir_text_style legend_style = { 8, IR_TEXT_REGULAR, 0.2, 0.2, 0.2,
                                            0, 0, -1 };
static const ir_text_style legend_title_style = { 8.5, IR_TEXT_SEMIBOLD, 0.15,
                                                  0.15, 0.15, 0, 0, -1 };
static const ir_text_style label_style = { 8, IR_TEXT_SEMIBOLD, 0.12, 0.12,
                                           0.12, 1.6, 0, -1 };

/* A scratch context for measuring text before any canvas exists; metrics
 * are the same on every surface because hinting is off. */
static cairo_t *measuring_context(cairo_surface_t **surface)
{
    *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    return cairo_create(*surface);
}

static double margin(const ir_frame *f)
{
    return f->margin_pt > 0 ? f->margin_pt : 12;
}

void ir_flowdraw_map_rect(const ir_figure *fig, const ir_frame *frame,
                          double rect[4])
{
    cairo_surface_t *s;
    cairo_t *cr = measuring_context(&s);
    double m = margin(frame), w, h, top = m, bottom = frame->height_pt - m;
    ir_text_style st = title_style;
    if (fig->title && *fig->title) {
        st.max_width_pt = frame->width_pt - 2 * m;
        ir_text_measure(cr, fig->title, &st, &w, &h);
        top += h;
    }
    if (fig->subtitle && *fig->subtitle) {
        st = subtitle_style;
        st.max_width_pt = frame->width_pt - 2 * m;
        ir_text_measure(cr, fig->subtitle, &st, &w, &h);
        top += h + 2;
    }
    if (top > m)
        top += BAND_GAP;
    if (fig->source && *fig->source) {
        st = note_style;
        st.max_width_pt = frame->width_pt - 2 * m;
        ir_text_measure(cr, fig->source, &st, &w, &h);
        bottom -= h + BAND_GAP;
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    rect[0] = m;
    rect[1] = top;
    rect[2] = frame->width_pt - m;
    rect[3] = bottom;
}

static void flow_path(cairo_t *cr, const ir_point *p, size_t n)
{
    cairo_new_path(cr);
    cairo_move_to(cr, p[0].x, p[0].y);
    for (size_t i = 1; i < n; i++)
        cairo_line_to(cr, p[i].x, p[i].y);
    cairo_close_path(cr);
}

typedef struct boxes {
    ir_text_box b[MAX_BOXES];
    size_t n;
} boxes;

static void add_box(boxes *bx, double x, double y, double w, double h)
{
    if (bx->n < MAX_BOXES)
        bx->b[bx->n++] = (ir_text_box){ x, y, w, h };
}

static bool box_free(const boxes *bx, const ir_text_box *b, const double r[4])
{
    if (b->x < r[0] || b->y < r[1] || b->x + b->w > r[2] || b->y + b->h > r[3])
        return false;
    for (size_t i = 0; i < bx->n; i++)
        if (ir_text_boxes_overlap(&bx->b[i], b))
            return false;
    return true;
}

static void draw_flows(cairo_t *cr, const ir_flowmap *map, boxes *bx)
{
    const ir_flow *flows;
    size_t n = ir_flowmap_flows(map, &flows);
    const ir_flowgeom_style *geom = ir_flowmap_geometry(map);
    ir_point pts[128];
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t i = 0; i < n; i++) {
        const ir_flow *f = &flows[i];
        ir_point tip, base;
        size_t np = ir_flowgeom_outline(f->from, f->r_from, f->control, f->to,
                                        f->r_to, f->width, geom, pts, 128,
                                        &tip, &base);
        if (np == 0)
            continue;
        flow_path(cr, pts, np);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 2 * CASING_PT);
        cairo_stroke_preserve(cr);
        double rgb[3];
        ir_flowmap_color(map, f->color, rgb);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_fill(cr);
        double head = ir_flowgeom_head_length(f->width, geom);
        add_box(bx, fmin(tip.x, base.x) - head / 2,
                fmin(tip.y, base.y) - head / 2, fabs(tip.x - base.x) + head,
                fabs(tip.y - base.y) + head);
    }
}

static void draw_nodes(cairo_t *cr, const ir_flowmap *map, boxes *bx)
{
    const ir_node *nodes;
    size_t n = ir_flowmap_nodes(map, &nodes);
    for (size_t i = 0; i < n; i++) {
        const ir_node *nd = &nodes[i];
        cairo_new_path(cr);
        cairo_arc(cr, nd->at.x, nd->at.y, nd->radius, 0, 2 * M_PI);
        if (nd->is_origin)
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        else
            cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, nd->is_origin ? 1 : 0.2, nd->is_origin ? 1 : 0.2,
                             nd->is_origin ? 1 : 0.2);
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
        add_box(bx, nd->at.x - nd->radius, nd->at.y - nd->radius,
                2 * nd->radius, 2 * nd->radius);
    }
}

static void draw_labels(cairo_t *cr, const ir_flowmap *map,
                        const ir_figure *fig, const double rect[4], boxes *bx)
{
    const ir_node *nodes;
    size_t n = ir_flowmap_nodes(map, &nodes);
    int origins = 0, destinations = 0;
    for (size_t i = 0; i < n; i++) {
        const ir_node *nd = &nodes[i];
        int *count = nd->is_origin ? &origins : &destinations;
        if (*count >= fig->labels)
            continue;
        char num[64], text[256];
        ir_text_number(nd->is_origin ? nd->out : nd->in, fig->lang, num,
                       sizeof num);
        const char *name = fig->lang && strcmp(fig->lang, "es") == 0
                               ? nd->state->name_es : nd->state->name_en;
        snprintf(text, sizeof text, "%s\n%s", name, num);
        double w, h;
        ir_text_measure(cr, text, &label_style, &w, &h);
        double g = nd->radius + 2;
        /* right, left, above, below, then the diagonals */
        const double dx[8] = { g, -g - w, -w / 2, -w / 2, g, -g - w, g, -g - w };
        const double dy[8] = { -h / 2, -h / 2, -g - h, g, -g - h, -g - h, g, g };
        for (int k = 0; k < 8; k++) {
            ir_text_box b = { nd->at.x + dx[k], nd->at.y + dy[k], w, h };
            if (!box_free(bx, &b, rect))
                continue;
            ir_text_style st = label_style;
            st.align = dx[k] < 0 && dx[k] != -w / 2 ? 1 : -1;
            ir_text_draw(cr, text, &st, b.x, b.y);
            add_box(bx, b.x, b.y, b.w, b.h);
            (*count)++;
            break;
        }
    }
}

/* The legend box at the lower left of the map, over the Pacific. */
static void draw_legend(cairo_t *cr, const ir_flowmap *map,
                        const ir_figure *fig, const double rect[4], boxes *bx)
{
    double values[4];
    size_t n = ir_flowmap_legend(map, values);
    if (n == 0)
        return;
    const ir_flowgeom_style *geom = ir_flowmap_geometry(map);
    double tw, th, lw, lh;
    const char *title = fig->legend_title ? fig->legend_title : "";
    ir_text_measure(cr, title, &legend_title_style, &tw, &th);
    double sample_len = 46, gap = 6, y = 0, text_w = 0;
    char labels[4][64];
    for (size_t i = 0; i < n; i++) {
        ir_text_number(values[i], fig->lang, labels[i], sizeof labels[i]);
        ir_text_measure(cr, labels[i], &legend_style, &lw, &lh);
        text_w = fmax(text_w, lw);
        y += fmax(lh, ir_flowmap_width(map, values[i]) * 2.4) + 4;
    }
    double box_w = fmax(tw, sample_len + gap + text_w) + 12;
    double box_h = th + 6 + y + 6;
    double x0 = rect[0] + 4, y0 = rect[3] - box_h - 4;
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_rectangle(cr, x0, y0, box_w, box_h);
    cairo_fill(cr);
    add_box(bx, x0, y0, box_w, box_h);
    ir_text_draw(cr, title, &legend_title_style, x0 + 6, y0 + 4);
    double cy = y0 + 4 + th + 6;
    /* Samples in neutral grey: the legend explains width; colour is
     * explained by the labels. */
    for (size_t i = 0; i < n; i++) {
        double w = ir_flowmap_width(map, values[i]);
        ir_text_measure(cr, labels[i], &legend_style, &lw, &lh);
        double row = fmax(lh, w * 2.4);
        double mid = cy + row / 2;
        ir_point a = { x0 + 6, mid }, b = { x0 + 6 + sample_len, mid };
        ir_point c = { (a.x + b.x) / 2, mid }, pts[128];
        size_t np = ir_flowgeom_outline(a, 0, c, b, 0, w, geom, pts, 128, NULL,
                                        NULL);
        if (np > 0) {
            flow_path(cr, pts, np);
            cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
            cairo_fill(cr);
        }
        ir_text_draw(cr, labels[i], &legend_style, b.x + gap, mid - lh / 2);
        cy += row + 4;
    }
}

void ir_flowdraw(cairo_t *cr, const ir_flowmap *map, const ir_figure *fig,
                 const ir_frame *frame, const double rect[4])
{
    boxes *bx = calloc(1, sizeof *bx);
    if (bx == NULL)
        return;
    cairo_save(cr);
    draw_flows(cr, map, bx);
    draw_nodes(cr, map, bx);
    draw_legend(cr, map, fig, rect, bx);
    draw_labels(cr, map, fig, rect, bx);
    double m = margin(frame), w, h, y = m;
    ir_text_style st;
    if (fig->title && *fig->title) {
        st = title_style;
        st.max_width_pt = frame->width_pt - 2 * m;
        ir_text_measure(cr, fig->title, &st, &w, &h);
        ir_text_draw(cr, fig->title, &st, m, y);
        y += h;
    }
    if (fig->subtitle && *fig->subtitle) {
        st = subtitle_style;
        st.max_width_pt = frame->width_pt - 2 * m;
        ir_text_measure(cr, fig->subtitle, &st, &w, &h);
        ir_text_draw(cr, fig->subtitle, &st, m, y + 2);
    }
    if (fig->source && *fig->source) {
        st = note_style;
        st.max_width_pt = frame->width_pt - 2 * m;
        ir_text_measure(cr, fig->source, &st, &w, &h);
        ir_text_draw(cr, fig->source, &st, m, frame->height_pt - m - h);
    }
    cairo_restore(cr);
    free(bx);
}

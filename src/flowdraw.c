/*
 * flowdraw: the flow map's marks and text.  See flowdraw.h.
 *
 * Each flow is filled over a slightly wider outline of paper colour, its
 * casing, so that where flows overlap the narrower one on top stays
 * distinct; the casing lies outside the outline, so the visible width is
 * the flow's width.  Legend samples are outlines made by the same
 * function as the flows, at the widths the flows use: equal by
 * construction.  Labels come placed (labels.c); this only draws them.
 */
#include "flowdraw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riverdraw.h"
#include "text.h"

#define BAND_GAP 6.0
#define CASING_PT 0.6
#define LEGEND_SAMPLE 46.0
#define LEGEND_GAP 6.0

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

/* A flow's outline as drawn: cubic sides, so that SVG and PDF carry a
 * few curves per flow instead of dozens of points. */
static size_t flow_curve(cairo_t *cr, ir_point from, double r_from,
                         ir_point c, ir_point to, double r_to, double width,
                         const ir_flowgeom_style *geom)
{
    ir_flowgeom_seg seg[IR_FLOWGEOM_CURVES_MAX];
    size_t n = ir_flowgeom_curves(from, r_from, c, to, r_to, width, geom, seg,
                                  IR_FLOWGEOM_CURVES_MAX);
    cairo_new_path(cr);
    for (size_t i = 0; i < n; i++) {
        const ir_flowgeom_seg *s = &seg[i];
        if (s->kind == IR_SEG_MOVE)
            cairo_move_to(cr, s->to.x, s->to.y);
        else if (s->kind == IR_SEG_LINE)
            cairo_line_to(cr, s->to.x, s->to.y);
        else
            cairo_curve_to(cr, s->c1.x, s->c1.y, s->c2.x, s->c2.y, s->to.x,
                           s->to.y);
    }
    if (n > 0)
        cairo_close_path(cr);
    return n;
}

void ir_flowdraw_flows(cairo_t *cr, const ir_flowmap *map)
{
    const ir_flow *flows;
    size_t n = ir_flowmap_flows(map, &flows);
    const ir_flowgeom_style *geom = ir_flowmap_geometry(map);
    for (size_t i = 0; i < n; i++) {
        const ir_flow *f = &flows[i];
        /* The casing is the outline of the same flow CASING_PT wider on
         * each side, filled with paper colour first.  Filling it costs a
         * fraction of stroking the outline (which took over half the time
         * of a 1,568-flow PNG). */
        if (flow_curve(cr, f->from, f->r_from, f->control, f->to, f->r_to,
                       f->width + 2 * CASING_PT, geom) > 0) {
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_fill(cr);
        }
        if (flow_curve(cr, f->from, f->r_from, f->control, f->to, f->r_to,
                       f->width, geom) == 0)
            continue;
        double rgb[3];
        ir_flowmap_color(map, f->color, rgb);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_fill(cr);
    }
}

static void draw_nodes(cairo_t *cr, const ir_flowmap *map)
{
    const ir_node *nodes;
    size_t n = ir_flowmap_nodes(map, &nodes);
    for (size_t i = 0; i < n; i++) {
        const ir_node *nd = &nodes[i];
        if (nd->is_stub)
            continue;
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
    }
}

static void draw_labels(cairo_t *cr, const ir_labels *labels)
{
    const ir_label *lb;
    size_t n = ir_labels_get(labels, &lb);
    for (size_t i = 0; i < n; i++) {
        ir_text_style st = *ir_labels_style(&lb[i]);
        st.align = lb[i].align;
        ir_text_draw(cr, lb[i].text, &st, lb[i].box.x, lb[i].box.y);
    }
}

/* The legend's rows: values, their labels and heights. */
typedef struct legend {
    size_t n;
    double sample;       /* length of a sample, head included */
    double values[4], row[4];
    char labels[4][64];
    double title_h, box_w, box_h, x0, y0;
} legend;

/* Lays the legend out at the lower left of the map, over the Pacific. */
static void legend_layout(cairo_t *cr, const ir_flowmap *map,
                          const ir_figure *fig, const double rect[4],
                          legend *lg)
{
    memset(lg, 0, sizeof *lg);
    lg->n = ir_flowmap_legend(map, lg->values);
    if (lg->n == 0)
        return;
    double tw, lw, lh, text_w = 0, rows = 0;
    ir_text_measure(cr, fig->legend_title ? fig->legend_title : "",
                    &legend_title_style, &tw, &lg->title_h);
    for (size_t i = 0; i < lg->n; i++) {
        ir_text_number(lg->values[i], fig->lang, lg->labels[i],
                       sizeof lg->labels[i]);
        ir_text_measure(cr, lg->labels[i], &legend_style, &lw, &lh);
        text_w = fmax(text_w, lw);
        lg->row[i] = fmax(lh, ir_flowmap_width(map, lg->values[i]) * 2);
        rows += lg->row[i] + 4;
    }
    /* Long enough that the widest sample shows some band before its head. */
    lg->sample = fmax(LEGEND_SAMPLE,
                      ir_flowgeom_head_length(
                          ir_flowmap_width(map, lg->values[0]),
                          ir_flowmap_geometry(map)) + 16);
    lg->box_w = fmax(tw, lg->sample + LEGEND_GAP + text_w) + 12;
    lg->box_h = lg->title_h + 6 + rows + 6;
    lg->x0 = rect[0] + 4;
    lg->y0 = rect[3] - lg->box_h - 4;
}

void ir_flowdraw_legend_box(const ir_flowmap *map, const ir_figure *fig,
                            const double rect[4], ir_text_box *box)
{
    cairo_surface_t *s;
    cairo_t *cr = measuring_context(&s);
    legend lg;
    legend_layout(cr, map, fig, rect, &lg);
    *box = (ir_text_box){ lg.x0, lg.y0, lg.box_w, lg.box_h };
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* Samples are made by the flows' own outline function at the flows'
 * widths, in neutral grey: the legend explains width, labels explain
 * colour. */
static void draw_legend(cairo_t *cr, const ir_flowmap *map,
                        const ir_figure *fig, const double rect[4])
{
    legend lg;
    legend_layout(cr, map, fig, rect, &lg);
    if (lg.n == 0)
        return;
    const ir_flowgeom_style *geom = ir_flowmap_geometry(map);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_rectangle(cr, lg.x0, lg.y0, lg.box_w, lg.box_h);
    cairo_fill(cr);
    ir_text_draw(cr, fig->legend_title ? fig->legend_title : "",
                 &legend_title_style, lg.x0 + 6, lg.y0 + 4);
    double cy = lg.y0 + 4 + lg.title_h + 6, lw, lh;
    for (size_t i = 0; i < lg.n; i++) {
        double w = ir_flowmap_width(map, lg.values[i]);
        double mid = cy + lg.row[i] / 2;
        ir_point a = { lg.x0 + 6, mid }, b = { lg.x0 + 6 + lg.sample, mid };
        ir_point c = { (a.x + b.x) / 2, mid };
        if (flow_curve(cr, a, 0, c, b, 0, w, geom) > 0) {
            cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
            cairo_fill(cr);
        }
        ir_text_measure(cr, lg.labels[i], &legend_style, &lw, &lh);
        ir_text_draw(cr, lg.labels[i], &legend_style, b.x + LEGEND_GAP,
                     mid - lh / 2);
        cy += lg.row[i] + 4;
    }
}

void ir_flowdraw(cairo_t *cr, const ir_flowmap *map, const ir_labels *labels,
                 const ir_figure *fig, const ir_frame *frame,
                 const double rect[4])
{
    cairo_save(cr);
    /* The basemap runs to the page's edges; the bands of the title and
     * of the note are paper, so their text reads on any map. */
    cairo_set_source_rgba(cr, 1, 1, 1, 0.88);
    if (rect[1] > 0)
        cairo_rectangle(cr, 0, 0, frame->width_pt, rect[1] - BAND_GAP / 2);
    if (rect[3] < frame->height_pt)
        cairo_rectangle(cr, 0, rect[3] + BAND_GAP / 2, frame->width_pt,
                        frame->height_pt - rect[3] - BAND_GAP / 2);
    cairo_fill(cr);
    if (fig->river)
        ir_riverdraw(cr, fig->river, map, fig->crossing_names);
    else
        ir_flowdraw_flows(cr, map);
    draw_nodes(cr, map);
    draw_legend(cr, map, fig, rect);
    draw_labels(cr, labels);
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
}

void ir_flowdraw_page_draw(cairo_t *cr, void *arg)
{
    const ir_flowdraw_page *p = arg;
    ir_render_basemap(cr, p->atlas, p->frame, p->style);
    ir_flowdraw(cr, p->map, p->labels, p->fig, p->frame, p->rect);
}

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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/draw.h"
#include "base/text.h"
#include "flowraster.h"
#include "riverdraw.h"

#define CASING_PT 0.6
/* The line round an outlined flow (a map of change's new and gone). */
#define OUTLINE_PT 0.9


/* A flow's outline as drawn: cubic sides, so that SVG and PDF carry a
 * few curves per flow instead of dozens of points.  Open, it lacks the
 * square cut at the start (a fill closes it; a stroke leaves it out). */
static size_t flow_path(cairo_t *cr, ir_point from, double r_from,
                        ir_point c, ir_point to, double r_to, double width,
                        const ir_flowgeom_style *geom, bool closed)
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
    if (n > 0 && closed)
        cairo_close_path(cr);
    return n;
}

static size_t flow_curve(cairo_t *cr, ir_point from, double r_from,
                         ir_point c, ir_point to, double r_to, double width,
                         const ir_flowgeom_style *geom)
{
    return flow_path(cr, from, r_from, c, to, r_to, width, geom, true);
}

/* A faded flow's tint: its colour two thirds of the way to the paper,
 * opaque (print workflows flatten transparency badly, and overlapping
 * translucent hairlines would darken where they cross). */
#define FADE_TO_PAPER (2.0 / 3.0)

/* Whether a flow's outline and casing may touch the box: the curve lies
 * in the triangle of its ends and control point. */
static bool flow_meets(const ir_flow *f, const double box[4])
{
    double m = fmax(f->width, f->head_width) / 2 + CASING_PT + 1;
    double x0 = fmin(fmin(f->from.x, f->to.x), f->control.x) - m;
    double x1 = fmax(fmax(f->from.x, f->to.x), f->control.x) + m;
    double y0 = fmin(fmin(f->from.y, f->to.y), f->control.y) - m;
    double y1 = fmax(fmax(f->from.y, f->to.y), f->control.y) + m;
    return x1 >= box[0] && x0 <= box[2] && y1 >= box[1] && y0 <= box[3];
}

/* The pixels behind cr when they can be filled straight (an ARGB32 image,
 * drawn to at a scale and an offset alone, clipped to whole pixels, if
 * at all); false for SVG and PDF and anything else, which cairo fills. */
static bool raster_target(cairo_t *cr, ir_flowraster_target *t)
{
    cairo_surface_t *s = cairo_get_group_target(cr);
    if (cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE ||
        cairo_image_surface_get_format(s) != CAIRO_FORMAT_ARGB32 ||
        cairo_get_operator(cr) != CAIRO_OPERATOR_OVER)
        return false;
    double off_x, off_y;
    cairo_surface_get_device_offset(s, &off_x, &off_y);
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    if (off_x != 0 || off_y != 0 || m.xy != 0 || m.yx != 0 || m.xx != m.yy ||
        !(m.xx > 0))
        return false;
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    double x0 = 0, y0 = 0, x1 = w, y1 = h;
    cairo_rectangle_list_t *clip = cairo_copy_clip_rectangle_list(cr);
    bool ok = clip->status == CAIRO_STATUS_SUCCESS && clip->num_rectangles <= 1;
    if (ok && clip->num_rectangles == 1) {
        const cairo_rectangle_t *c = &clip->rectangles[0];
        x0 = fmax(0, c->x * m.xx + m.x0);
        y0 = fmax(0, c->y * m.yy + m.y0);
        x1 = fmin(w, (c->x + c->width) * m.xx + m.x0);
        y1 = fmin(h, (c->y + c->height) * m.yy + m.y0);
        /* Back from user space whole pixels come within rounding of
         * whole numbers; a clip between pixels is cairo's to draw. */
        double v[4] = { x0, y0, x1, y1 };
        for (int k = 0; k < 4; k++) {
            ok = ok && fabs(v[k] - round(v[k])) < 1e-6;
            v[k] = round(v[k]);
        }
        x0 = v[0], y0 = v[1], x1 = v[2], y1 = v[3];
    } else if (ok) {
        x1 = x0;    /* clipped to nothing */
    }
    cairo_rectangle_list_destroy(clip);
    if (!ok)
        return false;
    /* A band of a PNG is the page moved by whole pixels: the page's own
     * pixel grid is the surface's moved back by the translation's whole
     * part, so that every band fills the pixels the whole page would. */
    double ox = -round(m.x0), oy = -round(m.y0);
    if (!(fabs(ox) < 1e6 && fabs(oy) < 1e6) || x0 + ox < 0 || y0 + oy < 0)
        return false;
    cairo_surface_flush(s);
    *t = (ir_flowraster_target){
        (uint32_t *)(void *)cairo_image_surface_get_data(s),
        cairo_image_surface_get_stride(s) / 4, (int)ox, (int)oy, m.xx,
        m.x0 + ox, m.y0 + oy, (int)(x0 + ox), (int)(y0 + oy),
        (int)(fmax(x0, x1) + ox), (int)(fmax(y0, y1) + oy) };
    return t->pixels != NULL;
}

static void flow_color(const ir_flowmap *map, const ir_flow *f, double rgb[3])
{
    ir_flowmap_color(map, f->color, rgb);
    for (int c = 0; f->faded && c < 3; c++)
        rgb[c] += (1 - rgb[c]) * FADE_TO_PAPER;
}

/* The flows filled by flowraster, the same shapes as cairo's below. */
static bool raster_flows(cairo_t *cr, const ir_flowmap *map)
{
    ir_flowraster_target t;
    if (!raster_target(cr, &t))
        return false;
    ir_flowraster *r = ir_flowraster_create(&t);
    if (!r)
        return false;
    const ir_flow *flows;
    size_t n = ir_flowmap_flows(map, &flows);
    const ir_flowgeom_style *geom = ir_flowmap_geometry(map);
    double box[4] = { (t.x0 - t.dx) / t.scale, (t.y0 - t.dy) / t.scale,
                      (t.x1 - t.dx) / t.scale, (t.y1 - t.dy) / t.scale };
    const double white[3] = { 1, 1, 1 };
    /* From the top down: the order of flows_outlined, reversed. */
    for (size_t k = 2 * n; k-- > 0;) {
        const ir_flow *f = &flows[k % n];
        if (f->faded != (k < n) || !f->banded || !flow_meets(f, box))
            continue;
        ir_flowraster_flow rf = { .from = f->from, .control = f->control,
                                  .to = f->to, .band = f->band,
                                  .casing_argb = ir_flowraster_argb(white) };
        rf.has_casing = ir_flowgeom_band_wider(f->from, f->r_from, f->control,
                                               f->to, f->r_to,
                                               f->width + 2 * CASING_PT, geom,
                                               &f->band, &rf.casing);
        double rgb[3];
        flow_color(map, f, rgb);
        rf.band_argb = ir_flowraster_argb(rgb);
        ir_flowraster_add(r, &rf);
    }
    bool drawn = ir_flowraster_finish(r);
    ir_flowraster_destroy(r);
    cairo_surface_mark_dirty(cairo_get_group_target(cr));
    return drawn;
}

static void flows_outlined(cairo_t *cr, const ir_flowmap *map,
                           const char *lang, bool stroked_casing);

void ir_flowdraw_flows(cairo_t *cr, const ir_flowmap *map)
{
    /* A map of change outlines some flows, a stroke that flowraster does
     * not draw; such maps are small. */
    if (!ir_flowmap_is_change(map) && raster_flows(cr, map))
        return;
    cairo_surface_t *s = cairo_get_group_target(cr);
    flows_outlined(cr, map, NULL,
                   cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE);
}

/* What identifies a place in the SVG: its code ("US-TX"), as an XML
 * name's characters. */
static void place_key(const ir_state *s, size_t node, char *buf, size_t cap)
{
    /* Two keys may become one ("St. Louis", "St-Louis"): the document
     * makes ids unique, and the keys only pair a flow with its nodes. */
    if (s)
        ir_render_key(s->iso, false, buf, cap);
    else
        snprintf(buf, cap, "p%zu", node);
}

static const char *place_name(const ir_state *s, const char *lang)
{
    if (!s)
        return "?";
    const char *name = strcmp(lang, "es") == 0 ? s->name_es : s->name_en;
    return name && *name ? name : s->iso;
}

/* "Texas → Tamaulipas: 1,191 firearms", or on a map of change
 * "Texas → Tamaulipas: 832 → 1,191 firearms". */
static void flow_item_begin(cairo_t *cr, const ir_flowmap *map,
                            const ir_flow *f, const char *lang)
{
    const ir_node *nodes;
    ir_flowmap_nodes(map, &nodes);
    char from[64], to[64], id[160], places[140], title[400], a[32], b[32];
    place_key(f->origin, f->from_node, from, sizeof from);
    place_key(f->destination, f->to_node, to, sizeof to);
    snprintf(id, sizeof id, "flow-%s-%s", from, to);
    snprintf(places, sizeof places, "%s %s", from, to);
    bool es = strcmp(lang, "es") == 0;
    const char *unit = es ? "armas de fuego" : "firearms";
    int n = snprintf(title, sizeof title, "%s \u2192 %s: ",
                     place_name(nodes[f->from_node].state, lang),
                     place_name(nodes[f->to_node].state, lang));
    if (n < 0 || (size_t)n >= sizeof title)
        n = 0;
    if (ir_flowmap_is_change(map)) {
        ir_text_number(f->weight_a, lang, a, sizeof a);
        ir_text_number(f->weight_b, lang, b, sizeof b);
        snprintf(title + n, sizeof title - n, "%s \u2192 %s %s", a, b, unit);
    } else {
        ir_text_number(f->weight, lang, a, sizeof a);
        snprintf(title + n, sizeof title - n, "%s %s", a, unit);
    }
    ir_draw_item_begin(cr, id, f->faded ? "flow faded" : "flow", title,
                       places);
}

/* "Texas: 4,012 firearms"; a node standing for several places says so. */
static void node_item_begin(cairo_t *cr, const ir_node *nd, size_t i,
                            const char *lang)
{
    char key[64], id[80], title[300], num[32];
    place_key(nd->state, i, key, sizeof key);
    snprintf(id, sizeof id, "node-%s", key);
    bool es = strcmp(lang, "es") == 0;
    ir_text_number(nd->is_origin ? nd->out : nd->in, lang, num, sizeof num);
    int n = snprintf(title, sizeof title, "%s: %s %s",
                     place_name(nd->state, lang), num,
                     es ? "armas de fuego" : "firearms");
    if (nd->members > 1 && n > 0 && (size_t)n < sizeof title)
        snprintf(title + n, sizeof title - n,
                 es ? " (con %zu lugares más)" : " (with %zu more places)",
                 nd->members - 1);
    ir_draw_item_begin(cr, id, nd->is_origin ? "node origin" : "node",
                       title, key);
}

/* The flows as cairo outlines; lang given, each flow is an item of the
 * SVG with its id and title.  Stroked casings for vector output (one
 * path a flow), filled ones for pixels (cairo fills faster than it
 * strokes). */
static void flows_outlined(cairo_t *cr, const ir_flowmap *map,
                           const char *lang, bool stroked_casing)
{
    const ir_flow *flows;
    size_t n = ir_flowmap_flows(map, &flows);
    const ir_flowgeom_style *geom = ir_flowmap_geometry(map);
    /* A PNG's band draws only the flows that reach it: building the
     * outlines of a large map, not filling them, would be the cost of
     * every band. */
    double box[4];
    cairo_clip_extents(cr, &box[0], &box[1], &box[2], &box[3]);
    /* The faded tail first, below the flows that carry the figure. */
    for (size_t k = 0; k < 2 * n; k++) {
        const ir_flow *f = &flows[k % n];
        if (f->faded != (k < n) || !flow_meets(f, box))
            continue;
        if (lang)
            flow_item_begin(cr, map, f, lang);
        double rgb[3], line[3];
        flow_color(map, f, rgb);
        bool outlined = ir_flowmap_outline(map, f->color, line);
        /* The casing: the outline of the flow half a casing wider, filled
         * with the flow's colour and stroked a casing wide in paper
         * colour, which leaves the flow's own width inside and a casing
         * outside; one path for both, so that SVG and PDF carry each
         * flow once.  The path is open at the start, where the band is cut
         * square without a casing, as flowraster fills it for a PNG. */
        if (stroked_casing && !outlined &&
            flow_path(cr, f->from, f->r_from, f->control, f->to, f->r_to,
                      f->width + CASING_PT, geom, false) > 0) {
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_set_line_width(cr, CASING_PT);
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
            ir_draw_fill_stroke(cr, rgb);
            if (lang)
                ir_draw_group_end(cr);
            continue;
        }
        /* Pixels, outlined flows, and flows too short for the wider
         * head: the casing is the outline of the same flow CASING_PT
         * wider on each side, filled with paper colour under the band. */
        if (flow_curve(cr, f->from, f->r_from, f->control, f->to, f->r_to,
                       f->width + 2 * CASING_PT, geom) > 0) {
            cairo_set_source_rgb(cr, 1, 1, 1);
            ir_draw_fill(cr);
        }
        if (flow_curve(cr, f->from, f->r_from, f->control, f->to, f->r_to,
                       f->width, geom) == 0) {
            if (lang)
                ir_draw_group_end(cr);
            continue;
        }
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        if (!outlined) {
            ir_draw_fill(cr);
            if (lang)
                ir_draw_group_end(cr);
            continue;
        }
        /* Outlined: a line along the band's own edge, the same width all
         * round the head, where a wider casing would widen with it. */
        ir_draw_fill_preserve(cr);
        cairo_set_source_rgb(cr, line[0], line[1], line[2]);
        cairo_set_line_width(cr, OUTLINE_PT);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        ir_draw_stroke(cr);
        if (lang)
            ir_draw_group_end(cr);
    }
}

void ir_flowdraw_flows_cairo(cairo_t *cr, const ir_flowmap *map)
{
    flows_outlined(cr, map, NULL, false);
}

static void draw_nodes(cairo_t *cr, const ir_flowmap *map, const char *lang)
{
    const ir_node *nodes;
    size_t n = ir_flowmap_nodes(map, &nodes);
    bool items = ir_draw_is_svg(cr);
    for (size_t i = 0; i < n; i++) {
        const ir_node *nd = &nodes[i];
        if (nd->is_stub)
            continue;
        if (items)
            node_item_begin(cr, nd, i, lang);
        cairo_new_path(cr);
        cairo_arc(cr, nd->at.x, nd->at.y, nd->radius, 0, 2 * M_PI);
        if (nd->is_origin)
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        else
            cairo_set_source_rgb(cr, 1, 1, 1);
        ir_draw_fill_preserve(cr);
        cairo_set_source_rgb(cr, nd->is_origin ? 1 : 0.2, nd->is_origin ? 1 : 0.2,
                             nd->is_origin ? 1 : 0.2);
        cairo_set_line_width(cr, 0.8);
        ir_draw_stroke(cr);
        if (items)
            ir_draw_group_end(cr);
    }
}

static void draw_labels(cairo_t *cr, const ir_labels *labels)
{
    const ir_label *lb;
    size_t n = ir_labels_get(labels, &lb);
    for (size_t i = 0; i < n; i++) {
        ir_text_style st = *ir_labels_style(&lb[i]);
        st.align = lb[i].align;
        /* A number beside a border line reads as "1,618,": a flow's label
         * sits on a small paper card that masks the lines around it. */
        if (lb[i].flow) {
            const ir_text_box *b = &lb[i].box;
            double pad = 2.5, r = 2.5;
            double x0 = b->x - pad, y0 = b->y - pad * 0.5;
            double x1 = b->x + b->w + pad, y1 = b->y + b->h + pad * 0.5;
            cairo_new_sub_path(cr);
            cairo_arc(cr, x1 - r, y0 + r, r, -M_PI / 2, 0);
            cairo_arc(cr, x1 - r, y1 - r, r, 0, M_PI / 2);
            cairo_arc(cr, x0 + r, y1 - r, r, M_PI / 2, M_PI);
            cairo_arc(cr, x0 + r, y0 + r, r, M_PI, 3 * M_PI / 2);
            cairo_close_path(cr);
            cairo_set_source_rgb(cr, 1, 1, 1);
            ir_draw_fill(cr);
        }
        ir_text_draw(cr, lb[i].text, &st, lb[i].box.x, lb[i].box.y);
    }
}

/* The fill's classes, highest first, each a swatch as the states are
 * filled, then the hatching of no data. */
static void draw_symbol_key(cairo_t *cr, const ir_figure *fig,
                            const ir_page_legend *lg)
{
    double y = lg->y0 + lg->fill_top, lw, lh;
    ir_text_draw(cr, fig->fill_title ? fig->fill_title : "",
                 &ir_page_legend_title_style, lg->x0 + lg->fill_x + 6, y);
    double x = lg->x0 + lg->fill_x + 6, bottom = y + lg->fill_title_h + 4 + lg->sym_h;
    for (size_t i = 0; i < lg->nsym; i++) {
        double r = lg->sym_r[i];
        ir_render_symbol(cr, x + r, bottom - r, r);
        ir_text_measure(cr, lg->sym_labels[i], &ir_page_legend_style, &lw,
                        &lh);
        ir_text_draw(cr, lg->sym_labels[i], &ir_page_legend_style,
                     x + 2 * r + 4, bottom - r - lh / 2);
        x += 2 * r + 4 + lw + 10;
    }
}

static void draw_fill_key(cairo_t *cr, const ir_figure *fig,
                          const ir_page_legend *lg)
{
    if (lg->fill_apart) {
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
        cairo_rectangle(cr, lg->fill_box[0], lg->fill_box[1], lg->fill_box[2],
                        lg->fill_box[3]);
        ir_draw_fill(cr);
    }
    if (lg->nsym > 0)
        draw_symbol_key(cr, fig, lg);
    if (lg->nfill == 0)
        return;
    double y = lg->y0 + lg->fill_top;
    ir_text_draw(cr, fig->fill_title ? fig->fill_title : "",
                 &ir_page_legend_title_style, lg->x0 + lg->fill_x + 6, y);
    y += lg->fill_title_h + 4;
    const double *breaks;
    int n = ir_choropleth_classes(fig->fill, &breaks);
    for (int k = n - 1; k >= n - lg->nfill; k--) {
        double sx = lg->x0 + lg->fill_x + 6, sy = y + (lg->fill_row_h - 8) / 2;
        unsigned rgb = ir_choropleth_rgb(fig->fill, k);
        cairo_rectangle(cr, sx, sy, IR_PAGE_KEY_SWATCH, IR_PAGE_FILL_SWATCH_H);
        cairo_set_source_rgb(cr, (rgb >> 16) / 255.0,
                             ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
        ir_draw_fill_preserve(cr);
        if (k == IR_FILL_NO_DATA) {
            ir_render_hatch(cr, sx, sy, sx + IR_PAGE_KEY_SWATCH,
                            sy + IR_PAGE_FILL_SWATCH_H);
            cairo_rectangle(cr, sx, sy, IR_PAGE_KEY_SWATCH,
                            IR_PAGE_FILL_SWATCH_H);
        }
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
        cairo_set_line_width(cr, 0.4);
        ir_draw_stroke(cr);
        ir_text_draw(cr, ir_choropleth_label(fig->fill, k),
                     &ir_page_legend_style,
                     lg->x0 + lg->fill_x + 6 + IR_PAGE_KEY_SWATCH + 5, y);
        y += lg->fill_row_h + 2;
    }
}

/* Samples are made by the flows' own outline function at the flows'
 * widths, in neutral grey: the legend explains width, labels explain
 * colour. */
static void draw_legend(cairo_t *cr, const ir_flowmap *map,
                        const ir_figure *fig, const double rect[4])
{
    ir_page_legend lg;
    ir_page_legend_layout(cr, map, fig, rect, &lg);
    if (lg.n == 0)
        return;
    const ir_flowgeom_style *geom = ir_flowmap_geometry(map);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_rectangle(cr, lg.x0, lg.y0, lg.box_w, lg.box_h);
    ir_draw_fill(cr);
    ir_text_draw(cr, fig->legend_title ? fig->legend_title : "",
                 &ir_page_legend_title_style, lg.x0 + 6, lg.y0 + 4);
    double cy = lg.y0 + 4 + lg.title_h + 6, lw, lh;
    for (size_t i = 0; i < lg.n; i++) {
        double w = ir_flowmap_width(map, lg.values[i]);
        double mid = cy + lg.row[i] / 2;
        ir_point a = { lg.x0 + 6, mid }, b = { lg.x0 + 6 + lg.sample, mid };
        ir_point c = { (a.x + b.x) / 2, mid };
        if (flow_curve(cr, a, 0, c, b, 0, w, geom) > 0) {
            cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
            ir_draw_fill(cr);
        }
        ir_text_measure(cr, lg.labels[i], &ir_page_legend_style, &lw, &lh);
        ir_text_draw(cr, lg.labels[i], &ir_page_legend_style, b.x + IR_PAGE_LEGEND_GAP,
                     mid - lh / 2);
        cy += lg.row[i] + 4;
    }
    /* Node sizes, drawn as destination symbols are. */
    double x = lg.x0 + 6, bottom = lg.y0 + lg.node_top + lg.node_h;
    for (size_t i = 0; i < lg.nnode; i++) {
        double r = lg.node_r[i];
        cairo_new_path(cr);
        cairo_arc(cr, x + r, bottom - r, r, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 1, 1, 1);
        ir_draw_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        cairo_set_line_width(cr, 0.8);
        ir_draw_stroke(cr);
        ir_text_measure(cr, lg.node_labels[i], &ir_page_legend_style, &lw, &lh);
        ir_text_draw(cr, lg.node_labels[i], &ir_page_legend_style,
                     x + 2 * r + 4, bottom - r - lh / 2);
        x += 2 * r + 4 + lw + 10;
    }
    draw_fill_key(cr, fig, &lg);
    if (fig->nkey == 0)
        return;
    double ky = lg.y0 + lg.key_top, kw, kh;
    ir_text_measure(cr, fig->key_title ? fig->key_title : "",
                    &ir_page_legend_title_style, &kw, &kh);
    ir_text_draw(cr, fig->key_title ? fig->key_title : "",
                 &ir_page_legend_title_style, lg.x0 + 6, ky);
    ky += kh + 4;
    for (size_t i = 0; i < fig->nkey; i++) {
        double rgb[3];
        ir_flowmap_color(map, fig->key_colors[i], rgb);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_rectangle(cr, lg.x0 + 6, ky + lg.key_row_h / 2 - 2.5,
                        IR_PAGE_KEY_SWATCH, 5);
        double line[3];
        /* An outlined flow's swatch is outlined as the flow is. */
        ir_draw_fill(cr);
        if (ir_flowmap_outline(map, fig->key_colors[i], line)) {
            cairo_rectangle(cr, lg.x0 + 6, ky + lg.key_row_h / 2 - 2.5,
                            IR_PAGE_KEY_SWATCH, 5);
            cairo_set_source_rgb(cr, line[0], line[1], line[2]);
            cairo_set_line_width(cr, OUTLINE_PT);
            ir_draw_stroke(cr);
        }
        ir_text_draw(cr, fig->key_names[i], &ir_page_legend_style,
                     lg.x0 + 6 + IR_PAGE_KEY_SWATCH + 5, ky);
        ky += lg.key_row_h + 2;
    }
}

void ir_flowdraw(cairo_t *cr, const ir_flowdraw_page *p)
{
    const ir_flowmap *map = p->map;
    const ir_figure *fig = p->fig;
    const ir_frame *frame = p->frame;
    const double *rect = p->rect;
    ir_draw_save(cr);
    /* The basemap runs to the page's edges; the bands of the title and
     * of the note are opaque paper, so their text reads on any map and
     * no coastline shows through behind it. */
    cairo_set_source_rgb(cr, 1, 1, 1);
    if (rect[1] > 0)
        cairo_rectangle(cr, 0, 0, frame->width_pt, rect[1] - IR_PAGE_BAND_GAP / 2);
    if (rect[3] < frame->height_pt)
        cairo_rectangle(cr, 0, rect[3] + IR_PAGE_BAND_GAP / 2, frame->width_pt,
                        frame->height_pt - rect[3] - IR_PAGE_BAND_GAP / 2);
    ir_draw_layer_begin(cr, "bands", "title and note bands");
    ir_draw_fill(cr);
    ir_draw_group_end(cr);
    if (p->river) {
        ir_draw_layer_begin(cr, "river", NULL);
        ir_riverdraw(cr, p->river, map, p->crossing_names, p->crossing_colors,
                     fig->lang);
    } else {
        ir_draw_layer_begin(cr, "flows", NULL);
        if (ir_draw_is_svg(cr))
            flows_outlined(cr, map, fig->lang, true);
        else
            ir_flowdraw_flows(cr, map);
    }
    ir_draw_group_end(cr);
    ir_draw_layer_begin(cr, "nodes", NULL);
    draw_nodes(cr, map, fig->lang);
    ir_draw_group_end(cr);
    ir_draw_layer_begin(cr, "legend", NULL);
    draw_legend(cr, map, fig, rect);
    ir_draw_group_end(cr);
    ir_draw_layer_begin(cr, "labels", NULL);
    draw_labels(cr, p->labels);
    ir_draw_group_end(cr);
    ir_flowdraw_page_text(cr, fig, frame);
    ir_draw_restore(cr);
}

void ir_flowdraw_page_text(cairo_t *cr, const ir_figure *fig,
                           const ir_frame *frame)
{
    double m = ir_page_margin(frame), w, h, y = m;
    ir_text_style st;
    ir_draw_layer_begin(cr, "title", NULL);
    if (fig->title && *fig->title) {
        st = ir_page_title_style;
        st.max_width_pt = frame->width_pt - 2 * m;
        ir_text_measure(cr, fig->title, &st, &w, &h);
        ir_text_draw(cr, fig->title, &st, m, y);
        y += h;
    }
    if (fig->subtitle && *fig->subtitle) {
        st = ir_page_subtitle_style;
        st.max_width_pt = frame->width_pt - 2 * m;
        ir_text_measure(cr, fig->subtitle, &st, &w, &h);
        ir_text_draw(cr, fig->subtitle, &st, m, y + 2);
    }
    ir_draw_group_end(cr);
    ir_draw_layer_begin(cr, "note", NULL);
    if (fig->source && *fig->source) {
        st = ir_page_note_style;
        st.max_width_pt = frame->width_pt - 2 * m;
        ir_text_measure(cr, fig->source, &st, &w, &h);
        ir_text_draw(cr, fig->source, &st, m, frame->height_pt - m - h);
    }
    ir_draw_group_end(cr);
}

void ir_flowdraw_page_draw(cairo_t *cr, void *arg)
{
    const ir_flowdraw_page *p = arg;
    ir_render_basemap(cr, p->atlas, p->frame, p->style);
    ir_flowdraw(cr, p);
}

void ir_flowdraw_panels_draw(cairo_t *cr, void *arg)
{
    const ir_flowdraw_panels *p = arg;
    ir_draw_save(cr);
    ir_draw_layer_begin(cr, "paper", NULL);
    cairo_set_source_rgb(cr, 1, 1, 1);
    ir_draw_paint(cr);
    ir_draw_group_end(cr);
    bool raster = cairo_surface_get_type(cairo_get_target(cr)) ==
                  CAIRO_SURFACE_TYPE_IMAGE;
    for (size_t i = 0; i < p->n; i++) {
        const ir_flowdraw_page *panel = &p->panels[i];
        char id[32];
        snprintf(id, sizeof id, "panel-%zu", i + 1);
        /* A panel's heading is its subtitle. */
        const char *head = panel->fig->subtitle;
        ir_draw_layer_begin(cr, id, head && *head ? head : id);
        ir_draw_save(cr);
        cairo_translate(cr, p->origins[i][0], p->origins[i][1]);
        /* On whole pixels, so that a PNG's flows and borders take the
         * fast paths that need them, and every panel is drawn alike. */
        if (raster) {
            cairo_matrix_t m;
            cairo_get_matrix(cr, &m);
            m.x0 = round(m.x0);
            m.y0 = round(m.y0);
            cairo_set_matrix(cr, &m);
        }
        cairo_rectangle(cr, 0, 0, panel->frame->width_pt,
                        panel->frame->height_pt);
        ir_draw_clip(cr);
        ir_flowdraw_page_draw(cr, (void *)panel);
        ir_draw_restore(cr);
        ir_draw_group_end(cr);
    }
    if (p->legend_map) {
        ir_draw_layer_begin(cr, "legend", NULL);
        draw_legend(cr, p->legend_map, p->legend_fig, p->legend_rect);
        ir_draw_group_end(cr);
    }
    ir_flowdraw_page_text(cr, p->fig, p->frame);
    ir_draw_restore(cr);
}

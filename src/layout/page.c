/*
 * page: the parts of a flow map's page.  See page.h.
 */
#include "page.h"

#include <math.h>
#include <string.h>

#define LEGEND_SAMPLE 46.0

const ir_text_style ir_page_title_style = { 15, IR_TEXT_BOLD, 0.13, 0.13,
                                            0.13, 0, 0, -1 };
const ir_text_style ir_page_subtitle_style = { 10, IR_TEXT_REGULAR, 0.25,
                                               0.25, 0.25, 0, 0, -1 };
const ir_text_style ir_page_note_style = { 7, IR_TEXT_REGULAR, 0.35, 0.35,
                                           0.35, 0, 0, -1 };
const ir_text_style ir_page_legend_style = { 8, IR_TEXT_REGULAR, 0.2, 0.2,
                                             0.2, 0, 0, -1 };
const ir_text_style ir_page_legend_title_style = { 8.5, IR_TEXT_SEMIBOLD,
                                                   0.15, 0.15, 0.15, 0, 0,
                                                   -1 };

/* A scratch context for measuring text before any canvas exists; metrics
 * are the same on every surface because hinting is off. */
static cairo_t *measuring_context(cairo_surface_t **surface)
{
    *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    return cairo_create(*surface);
}

double ir_page_margin(const ir_frame *f)
{
    return f->margin_pt > 0 ? f->margin_pt : 12;
}

void ir_page_map_rect(const ir_figure *fig, const ir_frame *frame,
                      double rect[4])
{
    cairo_surface_t *s;
    cairo_t *cr = measuring_context(&s);
    double m = ir_page_margin(frame), w, h, top = m;
    double bottom = frame->height_pt - m;
    ir_text_style st = ir_page_title_style;
    if (fig->title && *fig->title) {
        st.max_width_pt = frame->width_pt - 2 * m;
        ir_text_measure(cr, fig->title, &st, &w, &h);
        top += h;
    }
    if (fig->subtitle && *fig->subtitle) {
        st = ir_page_subtitle_style;
        st.max_width_pt = frame->width_pt - 2 * m;
        ir_text_measure(cr, fig->subtitle, &st, &w, &h);
        top += h + 2;
    }
    if (top > m)
        top += IR_PAGE_BAND_GAP;
    if (fig->source && *fig->source) {
        st = ir_page_note_style;
        st.max_width_pt = frame->width_pt - 2 * m;
        ir_text_measure(cr, fig->source, &st, &w, &h);
        bottom -= h + IR_PAGE_BAND_GAP;
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    rect[0] = m;
    rect[1] = fmax(top, fig->top_min);
    rect[2] = frame->width_pt - m;
    rect[3] = bottom;
}

/* At the lower left of the map, over the Pacific. */
void ir_page_legend_layout(cairo_t *cr, const ir_flowmap *map,
                           const ir_figure *fig, const double rect[4],
                           ir_page_legend *lg)
{
    memset(lg, 0, sizeof *lg);
    if (fig->no_legend)
        return;
    lg->n = ir_flowmap_legend(map, lg->values);
    if (lg->n == 0)
        return;
    double tw, lw, lh, text_w = 0, rows = 0;
    ir_text_measure(cr, fig->legend_title ? fig->legend_title : "",
                    &ir_page_legend_title_style, &tw, &lg->title_h);
    for (size_t i = 0; i < lg->n; i++) {
        ir_text_number(lg->values[i], fig->lang, lg->labels[i],
                       sizeof lg->labels[i]);
        ir_text_measure(cr, lg->labels[i], &ir_page_legend_style, &lw, &lh);
        text_w = fmax(text_w, lw);
        lg->row[i] = fmax(lh, ir_flowmap_width(map, lg->values[i]) * 2);
        rows += lg->row[i] + 4;
    }
    /* Long enough that the widest sample shows some band before its head. */
    lg->sample = fmax(LEGEND_SAMPLE,
                      ir_flowgeom_head_length(
                          ir_flowmap_width(map, lg->values[0]),
                          ir_flowmap_geometry(map)) + 16);
    lg->box_w = fmax(tw, lg->sample + IR_PAGE_LEGEND_GAP + text_w) + 12;
    lg->box_h = lg->title_h + 6 + rows + 6;
    /* Below the widths, the node sizes: the symbols side by side, each
     * with its total, bottoms aligned. */
    lg->nnode = ir_flowmap_node_legend(map, lg->node_values);
    if (lg->nnode > 0) {
        double x = 0, h = 0;
        for (size_t i = 0; i < lg->nnode; i++) {
            lg->node_r[i] = ir_flowmap_node_radius(map, lg->node_values[i]);
            ir_text_number(lg->node_values[i], fig->lang, lg->node_labels[i],
                           sizeof lg->node_labels[i]);
            ir_text_measure(cr, lg->node_labels[i], &ir_page_legend_style,
                            &lw, &lh);
            x += 2 * lg->node_r[i] + 4 + lw + 10;
            h = fmax(h, fmax(2 * lg->node_r[i], lh));
        }
        lg->node_top = lg->box_h - 2;
        lg->node_h = h;
        lg->box_w = fmax(lg->box_w, x + 12);
        lg->box_h += h + 6;
    }
    /* The colour key: a heading, then a swatch and a name a row. */
    if (fig->nkey > 0) {
        double kw, kh;
        lg->key_top = lg->box_h;
        ir_text_measure(cr, fig->key_title ? fig->key_title : "",
                        &ir_page_legend_title_style, &kw, &kh);
        double w = kw;
        lg->key_row_h = 0;
        for (size_t i = 0; i < fig->nkey; i++) {
            ir_text_measure(cr, fig->key_names[i], &ir_page_legend_style, &lw,
                            &lh);
            w = fmax(w, IR_PAGE_KEY_SWATCH + 5 + lw);
            lg->key_row_h = fmax(lg->key_row_h, lh);
        }
        lg->box_w = fmax(lg->box_w, w + 12);
        lg->box_h += kh + 4 + fig->nkey * (lg->key_row_h + 2) + 4;
    }
    double above_w = lg->box_w, above_h = lg->box_h;
    if (fig->fill) {
        const double *breaks;
        int n = ir_choropleth_classes(fig->fill, &breaks);
        lg->nfill = n + ir_choropleth_has_no_data(fig->fill);
        lg->fill_top = lg->box_h;
        double fw;
        ir_text_measure(cr, fig->fill_title ? fig->fill_title : "",
                        &ir_page_legend_title_style, &fw, &lg->fill_title_h);
        double w = fw;
        lg->fill_row_h = IR_PAGE_FILL_SWATCH_H;
        /* Classes from the highest, then no data (class -1). */
        for (int k = n - 1; k >= n - lg->nfill; k--) {
            ir_text_measure(cr, ir_choropleth_label(fig->fill, k),
                            &ir_page_legend_style, &lw, &lh);
            w = fmax(w, IR_PAGE_KEY_SWATCH + 5 + lw);
            lg->fill_row_h = fmax(lg->fill_row_h, lh);
        }
        lg->fill_w = w + 12;
        lg->box_w = fmax(lg->box_w, w + 12);
        lg->box_h += lg->fill_title_h + 4 + lg->nfill * (lg->fill_row_h + 2) +
                     4;
    }
    if (fig->symbols &&
        (lg->nsym = ir_symbols_legend(fig->symbols, lg->sym_values,
                                      lg->sym_r)) > 0) {
        lg->fill_top = lg->box_h;
        double fw, x = 0;
        ir_text_measure(cr, fig->fill_title ? fig->fill_title : "",
                        &ir_page_legend_title_style, &fw, &lg->fill_title_h);
        for (size_t i = 0; i < lg->nsym; i++) {
            ir_text_number(lg->sym_values[i], fig->lang, lg->sym_labels[i],
                           sizeof lg->sym_labels[i]);
            ir_text_measure(cr, lg->sym_labels[i], &ir_page_legend_style, &lw,
                            &lh);
            x += 2 * lg->sym_r[i] + 4 + lw + 10;
            lg->sym_h = fmax(lg->sym_h, fmax(2 * lg->sym_r[i], lh));
        }
        lg->fill_w = fmax(fw, x) + 12;
        lg->box_w = fmax(lg->box_w, lg->fill_w);
        lg->box_h += lg->fill_title_h + 4 + lg->sym_h + 6;
    }
    /* Stacked, the keys may take more than two fifths of the map's
     * height (a wide press figure): then the fill's key is a box of its
     * own in the lower right corner, over the Gulf and the Caribbean. */
    lg->fill_apart = !fig->legend_stacked && (lg->nfill > 0 || lg->nsym > 0) &&
                     lg->box_h > 0.4 * (rect[3] - rect[1]);
    if (lg->fill_apart) {
        double key_h = lg->box_h - above_h + 4;
        lg->box_w = above_w;
        lg->box_h = above_h;
        lg->fill_box[0] = rect[2] - 4 - lg->fill_w;
        lg->fill_box[1] = rect[3] - 4 - key_h;
        lg->fill_box[2] = lg->fill_w;
        lg->fill_box[3] = key_h;
    }
    (void)above_w;
    lg->x0 = rect[0] + 4;
    lg->y0 = rect[3] - lg->box_h - 4;
    if (lg->fill_apart) {
        lg->fill_x = lg->fill_box[0] - lg->x0;
        lg->fill_top = lg->fill_box[1] + 4 - lg->y0;
    }
}


void ir_page_legend_box(const ir_flowmap *map, const ir_figure *fig,
                       const double rect[4], ir_text_box *box)
{
    ir_text_box boxes[2];
    ir_page_legend_boxes(map, fig, rect, boxes);
    *box = boxes[0];
}

size_t ir_page_legend_boxes(const ir_flowmap *map, const ir_figure *fig,
                            const double rect[4], ir_text_box boxes[2])
{
    cairo_surface_t *s;
    cairo_t *cr = measuring_context(&s);
    ir_page_legend lg;
    ir_page_legend_layout(cr, map, fig, rect, &lg);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    boxes[0] = (ir_text_box){ lg.x0, lg.y0, lg.box_w, lg.box_h };
    if (!lg.fill_apart)
        return 1;
    boxes[1] = (ir_text_box){ lg.fill_box[0], lg.fill_box[1], lg.fill_box[2],
                              lg.fill_box[3] };
    return 2;
}

void ir_page_grid(size_t n, double w, double h, double gap, double map_aspect,
                  int *cols, int *rows)
{
    double best = -1;
    *cols = 1, *rows = (int)n;
    for (size_t c = 1; c <= n; c++) {
        size_t r = (n + c - 1) / c;
        double cw = (w - gap * (double)(c - 1)) / (double)c;
        double ch = (h - gap * (double)(r - 1)) / (double)r;
        /* the map's scale in the cell: its width or its height binds */
        double scale = fmin(cw, ch * map_aspect);
        if (cw > 0 && ch > 0 && scale >= best * (1 - 1e-9)) {
            best = scale;
            *cols = (int)c, *rows = (int)r;
        }
    }
}

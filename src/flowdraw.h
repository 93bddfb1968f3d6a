/*
 * flowdraw: draws a flow map figure on a canvas (render stage): flows,
 * node symbols, labels, legend, title, subtitle and source note.
 *
 * The page has a band on top for the title and subtitle and one below for
 * the source note; the map fills the rest.  ir_flowdraw_map_rect says
 * where the map goes, before the map is fitted, so that the lay-out of
 * flows happens in final page coordinates.
 */
#ifndef IR_FLOWDRAW_H
#define IR_FLOWDRAW_H

#include <cairo.h>

#include "flowmap.h"
#include "frame.h"
#include "labels.h"
#include "render.h"
#include "river.h"
#include "text.h"

typedef struct ir_figure {
    const char *title, *subtitle, *source, *legend_title;
    const char *lang;      /* "en" or "es" */
    int labels;            /* label this many origins and destinations */
    const ir_river *river; /* river mode: draw these bands, not the flows */
    const char *const *crossing_names;
} ir_figure;

/* The rectangle {x0, y0, x1, y1} left for the map on the page. */
void ir_flowdraw_map_rect(const ir_figure *fig, const ir_frame *frame,
                          double rect[4]);

/* Where the legend goes in the map area (labels must keep clear of it). */
void ir_flowdraw_legend_box(const ir_flowmap *map, const ir_figure *fig,
                            const double map_rect[4], ir_text_box *box);

/* Draws everything above the basemap. */
void ir_flowdraw(cairo_t *cr, const ir_flowmap *map, const ir_labels *labels,
                 const ir_figure *fig, const ir_frame *frame,
                 const double map_rect[4]);

/* The flows alone, each casing then band, in draw order: the part of a
 * figure that is cairo filling outlines.  ir_flowdraw calls it; bench/
 * flowbench --fills-only times it as a floor for the whole figure. */
void ir_flowdraw_flows(cairo_t *cr, const ir_flowmap *map);

/* Everything one page draws, basemap then flows: read only, so the two
 * bands of a PNG can draw it at once (see ir_canvas_draw). */
typedef struct ir_flowdraw_page {
    const ir_atlas *atlas;
    const ir_frame *frame;
    const ir_basemap_style *style;
    const ir_flowmap *map;
    const ir_labels *labels;
    const ir_figure *fig;
    const double *rect;
} ir_flowdraw_page;

/* ir_canvas_draw's callback; arg is an ir_flowdraw_page. */
void ir_flowdraw_page_draw(cairo_t *cr, void *arg);

#endif

/*
 * flowdraw: draws a flow map figure on a canvas (render stage): flows,
 * node symbols, labels, legend, title, subtitle and source note, each
 * where the lay-out put it (page.h, labels.h) or river mode's bands.
 */
#ifndef IR_FLOWDRAW_H
#define IR_FLOWDRAW_H

#include <cairo.h>

#include "base/text.h"
#include "layout/flowmap.h"
#include "layout/frame.h"
#include "layout/labels.h"
#include "layout/page.h"
#include "river/river.h"
#include "render.h"

/* The flows alone, each casing then band, in draw order: on a PNG's
 * pixels filled by flowraster, elsewhere (SVG, PDF, any other target) by
 * cairo, as ir_flowdraw_flows_cairo.  ir_flowdraw calls it; bench/
 * flowbench --fills-only times it. */
void ir_flowdraw_flows(cairo_t *cr, const ir_flowmap *map);

/* The same flows as outlines that cairo fills, whatever the target: what
 * flowraster's pixels are tested against. */
void ir_flowdraw_flows_cairo(cairo_t *cr, const ir_flowmap *map);

/* Everything one page draws, basemap then flows: read only, so the two
 * bands of a PNG can draw it at once (see ir_canvas_draw). */
typedef struct ir_flowdraw_page {
    const ir_atlas *atlas;
    const ir_frame *frame;
    const ir_basemap_style *style;
    const ir_flowmap *map;
    const ir_labels *labels;
    const ir_figure *fig;
    const double *rect;    /* the map's, from ir_page_map_rect */
    const ir_river *river; /* river mode: draw these bands, not the flows */
    const char *const *crossing_names;
    const int *crossing_colors;  /* river mode: see ir_riverdraw */
} ir_flowdraw_page;

/* The page's title, subtitle and note, where page.c puts them. */
void ir_flowdraw_page_text(cairo_t *cr, const ir_figure *fig,
                           const ir_frame *frame);

/* Panels of one figure: each a page of its own (its frame's size) drawn
 * at its origin on the page (points, on whole pixels), then the page's
 * title, subtitle and note over them all. */
typedef struct ir_flowdraw_panels {
    const ir_frame *frame;           /* the whole page */
    const ir_figure *fig;            /* its title, subtitle and note */
    const ir_flowdraw_page *panels;
    const double (*origins)[2];
    size_t n;
    /* The legend of all panels, in a place of its own (page points),
     * keyed from legend_map; NULL for none. */
    const ir_flowmap *legend_map;
    const ir_figure *legend_fig;
    double legend_rect[4];
} ir_flowdraw_panels;

/* ir_flowdraw_panels as the draw function ir_canvas_draw takes. */
void ir_flowdraw_panels_draw(cairo_t *cr, void *panels);

/* Draws everything above the basemap. */
void ir_flowdraw(cairo_t *cr, const ir_flowdraw_page *page);

/* ir_canvas_draw's callback; arg is an ir_flowdraw_page. */
void ir_flowdraw_page_draw(cairo_t *cr, void *arg);

#endif

/*
 * render: draws the basemap on a canvas (the render stage).
 *
 * Order matters and is fixed: background, neighbouring countries (muted),
 * state fills, thin state borders, lakes, then the international borders.
 * The international border is not taken from a separate line layer: each
 * country's states are used as a clip while the other side's outlines are
 * stroked, which leaves exactly the land-to-land border, wherever the state
 * boundaries came from, and never the coastline.  On raster targets the
 * clip is applied tile by tile, so that cairo never intersects a whole
 * country's polygons with the stroke.
 */
#ifndef IR_RENDER_H
#define IR_RENDER_H

#include <cairo.h>
#include <stdbool.h>

#include "project/atlas.h"
#include "layout/choropleth.h"
#include "layout/frame.h"
#include "layout/symbols.h"

typedef struct ir_rgb {
    double r, g, b;
} ir_rgb;

typedef struct ir_basemap_style {
    bool water;              /* paint the background as water */
    ir_rgb paper, water_fill;
    ir_rgb us_fill, mx_fill, context_fill;
    ir_rgb state_line, context_line, border_line;
    double state_line_pt, context_line_pt, border_line_pt;
    const ir_choropleth *fill; /* a value per state under the flows, or
                                  NULL */
    const ir_symbols *symbols; /* or as circles, over the borders */
} ir_basemap_style;

void ir_basemap_style_default(ir_basemap_style *style);

/* The proportional circles' colours, for the legend to match. */
#define IR_SYMBOL_FILL 0x807dba
#define IR_SYMBOL_LINE 0x54278f
#define IR_SYMBOL_ALPHA 0.45

/* One proportional circle, as the map draws it. */
void ir_render_symbol(cairo_t *cr, double x, double y, double r);

/* text as a key in an SVG id: letters, digits and '_' kept, any run of
 * other bytes one '-'; folded first (lower case, no accents: "Ciudad
 * Acuña–Del Rio" is "ciudad-acuna-del-rio") when fold is true, while
 * codes ("US-TX") keep their case. */
void ir_render_key(const char *text, bool fold, char *buf, size_t cap);

/* Hatches the current path ("no data"), within the box given; the path is
 * consumed. */
void ir_render_hatch(cairo_t *cr, double x0, double y0, double x1,
                     double y1);

/* Draws the atlas in the frame; cr is in page points. */
void ir_render_basemap(cairo_t *cr, const ir_atlas *atlas,
                       const ir_frame *frame, const ir_basemap_style *style);

/* ir_render_basemap as the draw function ir_canvas_draw takes: page is
 * an ir_basemap_page, only read, so a PNG's bands can draw it at once. */
typedef struct ir_basemap_page {
    const ir_atlas *atlas;
    const ir_frame *frame;
    const ir_basemap_style *style;
} ir_basemap_page;

void ir_render_basemap_page(cairo_t *cr, void *page);

#endif

/*
 * draw: cairo's painting operations, or an SVG document's (svgdoc.h).
 *
 * Every fill, stroke, paint and clip of a figure goes through these, so
 * that a figure drawn for SVG is written as SVG elements of the same
 * geometry, in groups a designer can select, while PNG and PDF are
 * painted by cairo as before.  A clip must sit between ir_draw_save and
 * ir_draw_restore, where the SVG's clip group ends.
 */
#ifndef IR_DRAW_H
#define IR_DRAW_H

#include <cairo.h>
#include <stdbool.h>

void ir_draw_fill(cairo_t *cr);
void ir_draw_fill_preserve(cairo_t *cr);
void ir_draw_stroke(cairo_t *cr);
void ir_draw_stroke_preserve(cairo_t *cr);
/* Fills the path with fill, then strokes it with cr's source and line:
 * one element in SVG, the path written once in PDF. */
void ir_draw_fill_stroke(cairo_t *cr, const double fill[3]);
void ir_draw_paint(cairo_t *cr);
void ir_draw_clip(cairo_t *cr);
void ir_draw_save(cairo_t *cr);
void ir_draw_restore(cairo_t *cr);

/* A layer of the figure ("land", "flows", "labels"): a named group in SVG
 * that Inkscape shows as a layer, nothing elsewhere.  label is what the
 * layers panel shows (NULL: the id).  Layers nest (a panel's layers
 * inside the panel). */
void ir_draw_layer_begin(cairo_t *cr, const char *id, const char *label);
/* One thing a reader can point at (a flow, a node): a group with an id,
 * a class, a title ("Texas → Tamaulipas: 1,191 firearms") and the keys of
 * the places it joins ("US-TX MX-TAM"), in SVG. */
void ir_draw_item_begin(cairo_t *cr, const char *id, const char *class_name,
                        const char *title, const char *places);
/* Ends the innermost layer or item. */
void ir_draw_group_end(cairo_t *cr);

/* Whether cr draws into an SVG document: callers skip building ids and
 * titles otherwise. */
bool ir_draw_is_svg(cairo_t *cr);

#endif

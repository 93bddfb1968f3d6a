/*
 * svgdoc: an SVG document written from what is drawn on a cairo context.
 *
 * cairo's own SVG surface outlines every glyph and writes neither groups
 * nor ids, so a designer cannot edit a word or select the flows of a
 * figure.  A figure drawn for SVG therefore draws on a cairo context that
 * carries one of these documents (ir_svgdoc_attach): the drawing helpers
 * of draw.h and ir_text_draw hand each fill, stroke, clip and piece of
 * text to the document instead of to cairo, which still keeps the path,
 * the transformation and the clip.  One drawing code path serves every
 * format, and the SVG holds the same geometry as the PNG and the PDF.
 *
 * Coordinates are written in points at 1/100 point (1/300 of a pixel at
 * 96 dpi; the thinning of boundaries is coarser), relative to the last,
 * so that the borders of a page cost a few bytes a vertex.
 */
#ifndef IR_SVGDOC_H
#define IR_SVGDOC_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct ir_svgdoc ir_svgdoc;

ir_svgdoc *ir_svgdoc_create(double width_pt, double height_pt);
void ir_svgdoc_destroy(ir_svgdoc *doc);

/* Makes cr draw into doc (see draw.h); the document must outlive cr's
 * use.  Returns 0, or -1 when memory runs out. */
int ir_svgdoc_attach(ir_svgdoc *doc, cairo_t *cr);

/* The document cr draws into, or NULL: then cairo draws. */
ir_svgdoc *ir_svgdoc_of(cairo_t *cr);

/* The current path of cr, with cr's source and fill rule (fill) or its
 * line width, join and cap (stroke); the path stays. */
void ir_svgdoc_fill(ir_svgdoc *doc, cairo_t *cr);
void ir_svgdoc_stroke(ir_svgdoc *doc, cairo_t *cr);
/* One element: the path filled with fill, then stroked as cr would. */
void ir_svgdoc_fill_stroke(ir_svgdoc *doc, cairo_t *cr, const double fill[3]);
/* cr's source over the whole page. */
void ir_svgdoc_paint(ir_svgdoc *doc, cairo_t *cr);

/* Starts a group clipped to cr's current path (the path stays); it ends
 * with ir_svgdoc_restore at the save depth it began at. */
void ir_svgdoc_clip(ir_svgdoc *doc, cairo_t *cr);
void ir_svgdoc_save(ir_svgdoc *doc);
void ir_svgdoc_restore(ir_svgdoc *doc);

/* A named group: a layer of Inkscape's (groupmode) when label is given,
 * else an item (a flow, a node) with a class, a <title> a browser shows
 * on hover and the keys of the places it joins (data-places, which the
 * web figure's script reads).  id is made unique in the document ("-2",
 * "-3" ...); any other field may be NULL. */
typedef struct ir_svgdoc_group {
    const char *id;
    const char *label;
    const char *class_name;
    const char *title;
    const char *places;      /* space-separated keys: "US-TX MX-TAM" */
} ir_svgdoc_group;
void ir_svgdoc_group_begin(ir_svgdoc *doc, const ir_svgdoc_group *group);
void ir_svgdoc_group_end(ir_svgdoc *doc);

/* Text: one <text> element of lines, in a font, colour and halo (a
 * paper-coloured stroke painted under the letters; 0 for none). */
typedef struct ir_svgdoc_font {
    const char *family;
    double size_pt;
    int weight;            /* CSS: 400, 600, 700 */
    double r, g, b;
    double halo_pt;        /* the stroke's full width */
    int anchor;            /* lines start (-1), centre (0) or end (1) at x */
} ir_svgdoc_font;
void ir_svgdoc_text_begin(ir_svgdoc *doc, cairo_t *cr,
                          const ir_svgdoc_font *font);
/* A line whose baseline starts at user point (x, y). */
void ir_svgdoc_text_line(ir_svgdoc *doc, cairo_t *cr, double x, double y,
                         const char *text, size_t len);
void ir_svgdoc_text_end(ir_svgdoc *doc);

/* What the figure says of itself: the root's <title> and <desc> and its
 * language.  Any may be NULL. */
void ir_svgdoc_set_head(ir_svgdoc *doc, const char *title,
                        const char *description, const char *language);

/* Writes the document; returns 0, or -1 when memory ran out while it was
 * drawn or the stream fails. */
int ir_svgdoc_write(ir_svgdoc *doc, FILE *out);
/* The same without the XML declaration: the <svg> element alone, as a
 * web page holds it. */
int ir_svgdoc_write_element(ir_svgdoc *doc, FILE *out);

/* Writes text escaped for XML character data and attribute values. */
void ir_svgdoc_escape(FILE *out, const char *text, size_t len);

#endif

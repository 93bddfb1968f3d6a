/*
 * canvas: the surface a figure is drawn on and the file it ends up in.
 *
 * One canvas per output file, in SVG, PNG or PDF.  Drawing is always in
 * points (1/72 inch); the PNG surface is scaled by dpi/72 so that a figure
 * keeps its printed proportions at any resolution.  Nothing reaches the
 * output path until ir_canvas_finish succeeds: the file is written under a
 * temporary name beside it and renamed, so a failed run never leaves a
 * partial figure or clobbers the previous one.
 *
 * PNGs are written by pngout (libpng and zlib) rather than cairo's writer,
 * to record the resolution (pHYs), to choose the compression level and to
 * deflate each band on the thread that drew it.  SVGs are written by
 * svgdoc (base/svgdoc.h) from the same drawing, with text as text, named
 * layers and an id and title on each flow, none of which cairo's SVG
 * surface writes.  PDFs carry no date unless SOURCE_DATE_EPOCH is set, so
 * repeated runs are identical.
 */
#ifndef IR_CANVAS_H
#define IR_CANVAS_H

#include <cairo.h>

#include "base/atomic.h"
#include "base/diag.h"

/* HTML: the SVG in a self-contained web page (webfig.h). */
typedef enum ir_format { IR_FORMAT_SVG, IR_FORMAT_PNG, IR_FORMAT_PDF,
                         IR_FORMAT_HTML } ir_format;

typedef struct ir_canvas ir_canvas;

/* Reads "svg", "png", "pdf" or "html" (any case); returns 0 on success. */
int ir_canvas_format_parse(const char *name, ir_format *format);
/* The format named by a path's extension; returns 0 on success. */
int ir_canvas_format_of_path(const char *path, ir_format *format);

ir_canvas *ir_canvas_create(const char *path, ir_format format, int width_px,
                            int height_px, double dpi, ir_error *err);

/* The drawing context, in points, origin top left. */
cairo_t *ir_canvas_cairo(ir_canvas *canvas);

/* Draws the figure with draw(cr, arg).  A PNG of 512 rows or more is
 * drawn in bands of rows, their number fixed by its height (one per 256
 * rows, at most eight), each on a surface over the same pixels, on up to
 * `threads` threads; each band is deflated by the thread that drew it.
 * Drawing through ir_canvas_cairo afterwards is allowed: the bands are
 * deflated again at close.  The bands do not depend on the threads, so
 * the bytes do not either; against a page drawn whole, only pixels along
 * a long edge that cairo cuts at a seam may differ, by a few levels
 * (tested).  draw must only read shared data.  SVG and PDF are drawn
 * once. */
void ir_canvas_draw(ir_canvas *canvas, void (*draw)(cairo_t *cr, void *arg),
                    void *arg, int threads);

/* Draws the figure on each of n canvases with draw(cr, arg), as
 * ir_canvas_draw does, and closes them.  A PNG's bands take every
 * thread; SVG and PDF canvases, which cairo draws on one thread each, are
 * drawn and written up to `threads` at a time; each gets the bytes it
 * would get alone.  Returns 0, or the error of the first canvas (in
 * their order) that failed to close. */
int ir_canvas_draw_all(ir_canvas *const *canvas, int n,
                       void (*draw)(cairo_t *cr, void *arg), void *arg,
                       int threads, ir_error *err);

/* zlib level 0-9 for PNG output (default 6); ignored for SVG and PDF. */
void ir_canvas_set_png_level(ir_canvas *canvas, int level);

/* What a figure says of itself, carried inside the file so that it
 * keeps its citation when forwarded alone: the PDF's document information
 * (Title, and Subject: the text alternative and the source), the PNG's
 * iTXt chunks (Title, Description, Data source, in the figure's
 * language), the SVG's root <title> and <desc>.  Any may be NULL. */
typedef struct ir_canvas_text {
    const char *title;
    const char *description;   /* the text alternative */
    const char *source;
    const char *language;      /* "en", "es" */
} ir_canvas_text;
void ir_canvas_set_text(ir_canvas *canvas, const ir_canvas_text *text);

/* Ends drawing and writes the figure under its temporary name; the output
 * path is not touched yet.  A figure written by several canvases (one run,
 * several formats) is committed only once every canvas has closed. */
int ir_canvas_close(ir_canvas *canvas, ir_error *err);

/* Closes if needed, puts the file in place and frees the canvas. */
int ir_canvas_commit(ir_canvas *canvas, ir_error *err);

/* Closes the n canvases and puts their files in place together with the
 * nextra files given (written and not yet in place), all or none (see
 * ir_atomic_commit_all).  Frees every canvas and file. */
int ir_canvas_commit_all(ir_canvas **canvas, int n, ir_atomic **extra,
                         int nextra, ir_error *err);

/* Frees the canvas without writing anything. */
void ir_canvas_destroy(ir_canvas *canvas);

#endif

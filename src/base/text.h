/*
 * text: set text with pango on a cairo canvas, and measure it first.
 *
 * Every piece of text on a figure (title, notes, legend, labels) goes
 * through here, in one font family shipped by a Debian package that
 * `make deps` installs (Open Sans), with hinting off so that a PNG and a
 * PDF of the same figure lay text out identically.  Layout code asks for
 * a text's box before placing it; the renderer draws it at that box.
 */
#ifndef IR_TEXT_H
#define IR_TEXT_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#define IR_TEXT_FAMILY "Open Sans"

typedef enum ir_text_weight { IR_TEXT_REGULAR, IR_TEXT_SEMIBOLD,
                              IR_TEXT_BOLD } ir_text_weight;

typedef struct ir_text_style {
    double size_pt;
    ir_text_weight weight;
    double r, g, b;
    double halo_pt;      /* a paper-coloured outline behind, 0 for none */
    double max_width_pt; /* wrap at this width, 0 for no wrapping */
    int align;           /* -1 left, 0 centre, 1 right (wrapped lines) */
} ir_text_style;

typedef struct ir_text_box {
    double x, y, w, h;   /* top left and size, points */
} ir_text_box;

/* The size of text set in style. */
void ir_text_measure(cairo_t *cr, const char *text, const ir_text_style *st,
                     double *w, double *h);

/* Draws text with its top left corner at (x, y). */
void ir_text_draw(cairo_t *cr, const char *text, const ir_text_style *st,
                  double x, double y);

/* A number as the language writes it: "1,234" and "12,345" (en), "1234"
 * and "12 345" (es, with a narrow no-break space); whole numbers without
 * decimals. */
void ir_text_number(double value, const char *lang, char *buf, size_t cap);

/* A share (0.089) as a percentage with one decimal, as the language
 * writes it: "8.9%" (en), "8,9 %" (es, with a no-break space). */
void ir_text_percent(double share, const char *lang, char *buf, size_t cap);

/* Appends "a, b and c" ("a, b y c" when es) to buf at len; returns the
 * new length, at most cap - 1. */
size_t ir_text_append_list(char *buf, size_t len, size_t cap,
                           const char *const *items, size_t n, bool es);

/* Cuts a string that snprintf may have truncated back to its last whole
 * UTF-8 character. */
void ir_text_utf8_trim(char *s);

/* Whether two boxes overlap (touching edges do not count). */
bool ir_text_boxes_overlap(const ir_text_box *a, const ir_text_box *b);

#endif

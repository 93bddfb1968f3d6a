/*
 * page: where the parts of a flow map's page go (lay-out stage): the band
 * on top for the title and subtitle, the band below for the source note,
 * the map between them, and the legend in the map's lower left corner.
 *
 * The map's rectangle is known before the map is fitted, so that flows
 * are laid out in final page coordinates; the legend's box is known
 * before the flows are laid out, so that they keep clear of it.  The
 * renderer draws every part where this module puts it, in the styles
 * declared here, so measuring and drawing cannot disagree.
 */
#ifndef IR_PAGE_H
#define IR_PAGE_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/text.h"
#include "choropleth.h"
#include "symbols.h"
#include "flowmap.h"
#include "frame.h"

#define IR_PAGE_BAND_GAP 6.0     /* between a text band and the map */
#define IR_PAGE_LEGEND_GAP 6.0   /* between a legend sample and its value */

/* The words on a figure besides its labels. */
typedef struct ir_figure {
    const char *title, *subtitle, *source, *legend_title;
    const char *lang;      /* "en" or "es" */
    /* A colour key under the legend (river mode: which crossing each
     * tree's colour is): a heading, names and palette indices. */
    const char *key_title;
    const char *const *key_names;
    const int *key_colors;
    size_t nkey;
    /* The fill under the flows, keyed below all that: a heading, then its
     * classes from the highest, then "no data" if some state has none. */
    const ir_choropleth *fill;
    const ir_symbols *symbols;   /* or the same as proportional circles */
    const char *fill_title;
    bool no_legend;              /* a panel of several: the legend of
                                    all is drawn beside them */
    double top_min;              /* the map starts at least this far
                                    down the page (points): panels of one
                                    figure stay level under headings of
                                    different lengths */
    bool legend_stacked;         /* keys all in one box, never the fill's
                                    apart (a legend with a place of its
                                    own) */
} ir_figure;

extern const ir_text_style ir_page_title_style, ir_page_subtitle_style,
    ir_page_note_style, ir_page_legend_style, ir_page_legend_title_style;

/* The page's margin, points. */
double ir_page_margin(const ir_frame *frame);

/* The rectangle {x0, y0, x1, y1} left for the map on the page. */
void ir_page_map_rect(const ir_figure *fig, const ir_frame *frame,
                      double rect[4]);

/* The legend laid out: its rows (values, their labels and heights), the
 * length of a sample, and its box. */
typedef struct ir_page_legend {
    size_t n;
    double sample;       /* length of a sample, head included */
    double values[4], row[4];
    char labels[4][64];
    double title_h, box_w, box_h, x0, y0;
    /* Node sizes: the symbols' values, radii and labels, and the row's
     * top (from y0) and height. */
    size_t nnode;
    double node_values[2], node_r[2];
    char node_labels[2][64];
    double node_top, node_h;
    /* The colour key: its heading's and rows' tops (from y0). */
    double key_top, key_row_h;
    /* The fill's key: its left and top (from x0, y0), heading height,
     * rows and their height.  Below the rest, or in a column of its own
     * beside it when stacking would make the legend too tall for the
     * map (a wide press figure). */
    double fill_x, fill_top, fill_title_h, fill_row_h, fill_w;
    bool fill_apart;         /* the fill's key in a box of its own: */
    double fill_box[4];      /* x, y, w, h on the page */
    int nfill;
    /* Or the circles' key: values, radii, labels, and the row's height. */
    size_t nsym;
    double sym_values[2], sym_r[2], sym_h;
    char sym_labels[2][64];
} ir_page_legend;

/* The colour key's swatch length, points. */
#define IR_PAGE_KEY_SWATCH 12.0
#define IR_PAGE_FILL_SWATCH_H 8.0

/* The legend of map in the map rectangle, text measured on cr. */
void ir_page_legend_layout(cairo_t *cr, const ir_flowmap *map,
                           const ir_figure *fig, const double map_rect[4],
                           ir_page_legend *legend);

/* The grid of n panels of a map of aspect map_aspect (width / height)
 * in an area of w x h points with gap points between panels: the columns
 * and rows that give the maps the largest scale (fewer rows on a tie). */
void ir_page_grid(size_t n, double w, double h, double gap, double map_aspect,
                  int *cols, int *rows);

/* Where the legend goes and, when the fill's key is apart, where that
 * goes (flows and labels must keep clear of both).  Returns 1 or 2. */
size_t ir_page_legend_boxes(const ir_flowmap *map, const ir_figure *fig,
                            const double map_rect[4], ir_text_box boxes[2]);

/* Where the legend goes (flows and labels must keep clear of it). */
void ir_page_legend_box(const ir_flowmap *map, const ir_figure *fig,
                        const double map_rect[4], ir_text_box *box);

#endif

/*
 * riverdraw: the marks of river mode (render stage): the bands of every
 * tree and the crossings they go through, with their names.
 *
 * Each tree is drawn whole, its casings first and then its bands, so that
 * the bands of one tree merge without seams while a tree drawn later
 * stays distinct where it passes over another; trees go from the busiest
 * to the least busy, narrow over wide.
 */
#ifndef IR_RIVERDRAW_H
#define IR_RIVERDRAW_H

#include <cairo.h>

#include "base/text.h"
#include "layout/flowmap.h"
#include "river/river.h"

/* The crossings' names as drawn: where each goes (boxes for labels to
 * keep clear of).  names[c] is crossing c's name; returns how many boxes
 * (at most cap), one per crossing used. */
size_t ir_riverdraw_crossing_boxes(const ir_river *river,
                                   const ir_flowmap *map,
                                   const char *const *names, ir_text_box *out,
                                   size_t cap);

/* Draws the river; colors[c] is crossing c's palette index, or NULL for
 * the k-th busiest in colour k (past the sixth, the palette's grey):
 * panels of one figure colour each crossing alike.  In SVG each
 * crossing's bands are one item, titled in lang ("en", "es"). */
void ir_riverdraw(cairo_t *cr, const ir_river *river, const ir_flowmap *map,
                  const char *const *names, const int *colors,
                  const char *lang);

#endif

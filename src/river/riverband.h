/*
 * riverband: the geometry of river mode's bands (river stage): points of
 * their centre lines, their outlines with arrowheads, and the measures
 * the passes, tests and notes use.
 */
#ifndef IR_RIVERBAND_H
#define IR_RIVERBAND_H

#include <stdbool.h>
#include <stddef.h>

#include "base/text.h"
#include "rivertypes.h"

/* The outline of a band as a closed polygon (at most cap points; 0 when
 * it is too short to draw); widen adds that much on each side (casings).
 * Bands that end at a destination end in the flow map's arrowhead, the
 * same gap before the node. */
size_t ir_river_outline(const ir_river *r, const ir_river_band *band,
                        double widen, ir_point *out, size_t cap);

/* A point of a band's centre line at parameter t. */
ir_point ir_river_at(const ir_river_band *band, double t);

/* Small boxes along every band (for labels to keep off); returns how
 * many were written, at most cap. */
size_t ir_river_band_boxes(const ir_river *r, ir_text_box *out, size_t cap);

/* How many pairs of bands of different trees cross (centre lines, 16
 * pieces each); 0 when memory runs out. */
size_t ir_river_tree_crossings(const ir_river *r);

/* Whether segments a-b and c-d cross (touching is not crossing); s, if
 * not NULL, gets where along a-b (0..1). */
bool ir_river_segments_cross(ir_point a, ir_point b, ir_point c, ir_point d,
                             double *s);

/* A band's centre line at pieces + 1 points (at), and their box
 * {x0, y0, x1, y1}. */
void ir_river_sample(const ir_river_band *b, int pieces, ir_point *at,
                     double box[4]);

/* Whether a band of this width from a join at `at` to node `child` would
 * be too short to draw: to a destination, no longer than its head and the
 * gap before the node (ir_river_outline draws nothing then); to a join,
 * shorter than it is wide. */
bool ir_river_too_short(const ir_river *r, ir_point at, int child,
                        double width);

#endif

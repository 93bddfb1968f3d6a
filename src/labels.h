/*
 * labels: where the names and totals of the largest origins and
 * destinations go (lay-out stage).
 *
 * Labels are placed one by one, largest node first, at the first of eight
 * positions around their node (right, left, above, below, then the
 * diagonals), beside it or a ring further out, that stays inside the map
 * area, overlaps no placed label, no node symbol, no arrowhead and nothing
 * else the caller blocks (the legend), and lies nearer its own node than
 * any other; positions off the flows' bands are tried first.  A label
 * with no free position is left out rather than allowed to cover
 * something.
 */
#ifndef IR_LABELS_H
#define IR_LABELS_H

#include <stddef.h>

#include "flowmap.h"
#include "text.h"

typedef struct ir_label {
    char text[160];
    ir_text_box box;
    int align;               /* -1 left, 1 right */
    const ir_node *node;
} ir_label;

typedef struct ir_labels ir_labels;

/* per_side labels for origins and as many for destinations; lang picks
 * the names and the number format; rect is the map area. */
ir_labels *ir_labels_place(const ir_flowmap *map, const char *lang,
                           int per_side, const double rect[4],
                           const ir_text_box *blocked, size_t nblocked);
void ir_labels_destroy(ir_labels *labels);

size_t ir_labels_get(const ir_labels *labels, const ir_label **out);

/* The style labels are set in. */
const ir_text_style *ir_labels_style(void);

/* Boxes that labels must not cover: node symbols and arrowheads. */
size_t ir_labels_obstacles(const ir_flowmap *map, ir_text_box *out,
                           size_t cap);

#endif

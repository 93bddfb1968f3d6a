/*
 * labels: where the names and totals of the largest origins and
 * destinations go (lay-out stage).
 *
 * Labels are placed one by one, largest node first, at the first of eight
 * positions around their node (right, left, above, below, then the
 * diagonals), beside it or a ring further out, that stays inside the map
 * area, overlaps no placed label, no node symbol, no arrowhead and nothing
 * else the caller blocks (the legend), and lies nearer its own node than
 * any other; positions off the flows' bands are tried first.  A flow's
 * label (its count, its share or both) goes beside its band, near the
 * middle, on the outer side of the bend first, for the 24 widest flows at
 * most, and nearer its own flow than any other.  A label with no free
 * position is left out rather than allowed to cover something.
 */
#ifndef IR_LABELS_H
#define IR_LABELS_H

#include <stddef.h>

#include "base/text.h"
#include "flowmap.h"

typedef struct ir_label {
    char text[160];
    ir_text_box box;
    int align;               /* -1 left, 1 right */
    const ir_node *node;     /* the node labelled, or NULL */
    const ir_flow *flow;     /* the flow labelled, or NULL */
} ir_label;

typedef struct ir_labels ir_labels;

typedef enum ir_flow_labels {
    IR_FLOW_LABELS_NONE, IR_FLOW_LABELS_COUNT, IR_FLOW_LABELS_SHARE,
    IR_FLOW_LABELS_BOTH
} ir_flow_labels;

#define IR_LABELS_AUTO_FIRST 6
#define IR_LABELS_AUTO_SHARE 0.025
#define IR_LABELS_AUTO_MAX 24

typedef struct ir_labels_options {
    const char *lang;        /* names and number format */
    int per_side;            /* label this many origins and destinations;
                                -1: the IR_LABELS_AUTO_FIRST largest and
                                any other with IR_LABELS_AUTO_SHARE of its
                                side, at most IR_LABELS_AUTO_MAX */
    bool names_only;         /* node labels without their totals */
    ir_flow_labels flows;    /* what each flow's label says */
    double share_of;         /* the total shares are of; 0: all flows */
    const ir_text_box *bands;  /* what to keep off if room allows, instead
                                  of the flows' bands (river mode) */
    size_t nbands;
} ir_labels_options;

/* Node labels, largest first, then a label beside each flow (widest
 * first) where there is room; rect is the map area. */
ir_labels *ir_labels_place(const ir_flowmap *map, const ir_labels_options *o,
                           const double rect[4], const ir_text_box *blocked,
                           size_t nblocked);
void ir_labels_destroy(ir_labels *labels);

size_t ir_labels_get(const ir_labels *labels, const ir_label **out);

/* The style a label is set in (node labels: label NULL). */
const ir_text_style *ir_labels_style(const ir_label *label);

/* Boxes that labels must not cover: node symbols and arrowheads. */
size_t ir_labels_obstacles(const ir_flowmap *map, ir_text_box *out,
                           size_t cap);

#endif

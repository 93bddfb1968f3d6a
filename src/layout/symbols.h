/*
 * symbols: a value per state as a proportional circle under the flows
 * (lay-out stage), the alternative to a choropleth for counts: a disk at
 * each state's node whose area is in proportion to its value.
 *
 * Largest first, so that a small disk is never hidden under a larger
 * one; the radius of the largest is given (a share of the page), the
 * smallest kept visible.  The legend's circles are round values of the
 * 1-2-5 series, as the node legend's are.
 */
#ifndef IR_SYMBOLS_H
#define IR_SYMBOLS_H

#include <stddef.h>

#include "base/diag.h"
#include "load/statevalues.h"
#include "anchors.h"
#include "frame.h"

typedef struct ir_symbol {
    const ir_state *state;
    double value;
    double x, y, r;   /* page points */
} ir_symbol;

typedef struct ir_symbols ir_symbols;

/* The disks of the values whose states are on the map; *missing (if not
 * NULL) gets how many are not, and *first_missing the first of them. */
ir_symbols *ir_symbols_create(const ir_state_values *values,
                              const ir_states *states,
                              const ir_anchors *anchors, const ir_frame *frame,
                              double r_max_pt, size_t *missing,
                              const ir_state **first_missing, ir_error *err);
void ir_symbols_destroy(ir_symbols *s);

/* The disks, largest first. */
size_t ir_symbols_get(const ir_symbols *s, const ir_symbol **out);

/* Up to two legend circles: their values and radii.  Returns how many. */
size_t ir_symbols_legend(const ir_symbols *s, double values[2],
                         double radii[2]);

#endif

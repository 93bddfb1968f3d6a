/*
 * odchange: the weights of the same pairs in two periods, for a map of
 * the change between them (map --compare).
 *
 * Holds each pair's weight in period A and in period B, and an od of the
 * larger of the two, from which the flow map takes its widths: a flow
 * that fell is drawn as wide as it was, one that grew as wide as it is,
 * so no flow's width hides the other period's.
 */
#ifndef IR_ODCHANGE_H
#define IR_ODCHANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "load/states.h"
#include "od.h"

typedef struct ir_od_change ir_od_change;

/* The pairs of a and b (the same state table); neither is kept. */
ir_od_change *ir_od_change_create(ir_od *a, ir_od *b, const ir_states *states,
                                  ir_error *err);
void ir_od_change_destroy(ir_od_change *c);

/* The od of the larger weight of each pair, owned by c. */
ir_od *ir_od_change_larger(ir_od_change *c);

/* The pair's weights in A and in B (0 where it has none); false when the
 * pair is in neither. */
bool ir_od_change_get(const ir_od_change *c, const ir_state *origin,
                      const ir_state *destination, double *a, double *b);

/* The totals of the two periods. */
void ir_od_change_totals(const ir_od_change *c, double *a, double *b);

#endif

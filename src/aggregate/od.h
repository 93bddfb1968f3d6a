/*
 * od: origin-destination weights, the output of the aggregate stage and
 * the input of the flow map.
 *
 * The non-zero cells over the state table and its places, filled by one
 * aggregation worker each and merged.  Weights are doubles: integer counts stay exact up to
 * 2^53, and a weight or total beyond that is refused rather than rounded.
 */
#ifndef IR_OD_H
#define IR_OD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "load/states.h"

/* Largest weight or total that a double holds exactly as an integer. */
#define IR_OD_MAX_EXACT 9007199254740992.0

typedef struct ir_od ir_od;

typedef struct ir_od_pair {
    const ir_state *origin;
    const ir_state *destination;
    double weight;
} ir_od_pair;

ir_od *ir_od_create(const ir_states *states);
void ir_od_destroy(ir_od *od);

/* Adds weight to the pair of state table indices; returns 0, IR_EINPUT
 * if the pair's sum would pass IR_OD_MAX_EXACT, or IR_EINTERNAL when
 * memory runs out. */
int ir_od_add(ir_od *od, size_t origin, size_t destination, double weight);

/* Adds every cell of from into into (same state table); returns as
 * ir_od_add does. */
int ir_od_merge(ir_od *into, const ir_od *from);

/* The non-zero pairs, sorted by weight (largest first), then origin and
 * destination code.  Valid until the next add or merge. */
size_t ir_od_pairs(ir_od *od, const ir_od_pair **pairs);

double ir_od_total(const ir_od *od);

/* Writes "origin,destination,weight" with ISO codes, atomically; path "-"
 * is standard output. */
int ir_od_write_csv(ir_od *od, const char *path, ir_error *err);

/* Formats a weight as the CSV does: integers without a decimal point. */
void ir_od_format_weight(double weight, char *buf, size_t cap);

#endif

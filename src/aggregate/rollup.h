/*
 * rollup: an OD table at a coarser level: each place's weight counted for
 * the state (or country) it lies in, each state's for its country.
 *
 * The same dealer-level table draws a dealer map or, rolled up, a state
 * map; rolling up the table rather than each row costs one pass over the
 * pairs.  A place in no state (a point at sea or across the border, a typo
 * in its coordinates, or no parent given and no boundary holding it) is
 * never moved to a nearest state: it is an error naming it, or, with
 * skip, left out and counted.
 */
#ifndef IR_ROLLUP_H
#define IR_ROLLUP_H

#include <stdbool.h>

#include "base/diag.h"
#include "load/states.h"
#include "od.h"

typedef enum ir_level {
    IR_LEVEL_PLACE,      /* as given: places, states, countries */
    IR_LEVEL_AREA,       /* points to the polygon of a layer of places (a
                            county, a municipality) they lie in */
    IR_LEVEL_STATE,      /* places to the state (or country) they lie in */
    IR_LEVEL_COUNTRY     /* places and states to their country */
} ir_level;

/* Reads "place", "area" (or "county", "municipality", "municipio"),
 * "state" or "country"; returns 0, or -1. */
int ir_level_parse(const char *text, ir_level *level);

typedef struct ir_rollup_report {
    long long left_out;        /* places in no state, with skip */
    double weight_left_out;
    char first[128];           /* the first of them, by id */
} ir_rollup_report;

/* The pairs of od with origins taken to `origin` level and destinations
 * to `dest`, as a new table; NULL on failure (err names the place). */
ir_od *ir_od_rollup(ir_od *od, const ir_states *states, ir_level origin,
                    ir_level dest, bool skip, ir_rollup_report *report,
                    ir_error *err);

#endif

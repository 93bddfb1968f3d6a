/*
 * statevalues: one number per state from a CSV file (load stage), for
 * what a figure shows under its flows: firearms seized per Mexican state,
 * homicides, disappearances.
 *
 * The file has a header.  The place column is the one the caller names,
 * else the first of place, state, mx_state, us_state, iso, name; the value
 * column likewise, else value, else count.  Places are any spelling the
 * state table knows (names in English or Spanish, with or without
 * accents, ISO, USPS and INEGI codes).  A value that is not a number, a
 * place that is no U.S. or Mexican state, or a state given twice stops
 * the load with the file, the line and the column named.  The places may
 * instead be the polygons of a layer (counties, municipalities), named by
 * its key.
 */
#ifndef IR_STATEVALUES_H
#define IR_STATEVALUES_H

#include <stddef.h>

#include "base/diag.h"
#include "layer.h"
#include "states.h"

typedef struct ir_state_value {
    const ir_state *state;
    double value;
    long line;
} ir_state_value;

typedef struct ir_state_values ir_state_values;

/* place_column and value_column may be NULL for the defaults. */
ir_state_values *ir_state_values_load(const char *path,
                                      const ir_states *states,
                                      const char *place_column,
                                      const char *value_column,
                                      ir_error *err);
/* The same for the polygons of a layer of the user's (counties): the
 * place column names them by the layer's code field, and their places
 * are in states already (ir_layer_places_add). */
ir_state_values *ir_state_values_load_areas(const char *path,
                                            const ir_states *states,
                                            const ir_layer *areas,
                                            const char *place_column,
                                            const char *value_column,
                                            ir_error *err);
void ir_state_values_destroy(ir_state_values *values);

/* The values in the file's order. */
size_t ir_state_values_get(const ir_state_values *values,
                           const ir_state_value **out);

/* The file's path, for notes. */
const char *ir_state_values_path(const ir_state_values *values);

#endif

/*
 * statecheck: does a boundary file put each state where it is?
 *
 * A layer can say lon/lat and still draw a state elsewhere: an inset map
 * moves Alaska and Hawaii beside the lower 48 (Hawaii then lies on Baja
 * California Sur), a wrong code names Nuevo León for Iowa.  Each state
 * the layer names is checked against its capital (states.csv): a state
 * none of whose records holds, or comes within IR_STATECHECK_KM of, its
 * capital is misplaced.
 */
#ifndef IR_STATECHECK_H
#define IR_STATECHECK_H

#include "base/diag.h"
#include "layer.h"
#include "states.h"

#define IR_STATECHECK_KM 50.0

/* Leaves the records of misplaced states out of layer, with a note that
 * names each state, how far it lies from its capital and which records it
 * had; under strict that is an error instead, and the layer is unchanged.
 * Returns 0 (also when nothing was misplaced) or err's status. */
int ir_statecheck_layer(ir_layer *layer, const ir_states *states, bool strict,
                        ir_error *err);

/* How far (km) the point lon, lat lies from record i of layer: 0 inside
 * it, else the distance to its nearest edge. */
double ir_statecheck_distance(const ir_layer *layer, size_t i, double lon,
                              double lat);

#endif

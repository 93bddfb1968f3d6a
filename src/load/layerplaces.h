/*
 * layerplaces: the polygons of a layer of the user's own (U.S. counties,
 * Mexican municipalities) as places that trace files name by a key field
 * (FIPS "04019", INEGI "26030", or any text).
 *
 * Records that share a key are one place (a county in several parts).
 * Its node sits at the pole of inaccessibility of its rings, as a state's
 * does, found in a local equirectangular frame (longitudes scaled by the
 * cosine of the place's middle latitude), so that a tall county and a
 * wide one are treated alike.  A place is given as parent the state or
 * country its node lies in, when a locator is at hand, and no country: it
 * may stand on either side of a flow.
 * A record with an empty key, a key that names a state or a place
 * already, or a key without any polygon is an error naming the file,
 * record and field; nothing is added then.
 */
#ifndef IR_LAYERPLACES_H
#define IR_LAYERPLACES_H

#include "base/diag.h"
#include "layer.h"
#include "locate.h"
#include "states.h"

/* Adds the places of layer (loaded with its key as the code field) to
 * states, of kind `kind` ("" when not said).  locator may be NULL.
 * Returns 0 or an error status. */
int ir_layer_places_add(ir_states *states, const ir_layer *layer,
                        const char *kind, const ir_locator *locator,
                        ir_error *err);

/* Sets the area (ir_states_set_area) of every place of states not yet
 * in one whose point lies in a polygon of layer (whose places were added
 * by ir_layer_places_add): the layer's own places are their own area.
 * Returns 0 or an error status. */
int ir_layer_places_locate(ir_states *states, const ir_layer *layer,
                           ir_error *err);

#endif

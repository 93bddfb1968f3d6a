/*
 * locate: which state, or which destination country, holds a point.
 *
 * Built over the loaded state layers (each record matched to the state
 * table as the map matches it) and, for Guatemala, Belize, El Salvador
 * and Honduras, the country layer; in longitude and latitude, as the
 * layers hold them.  A quadtree of shapelib (SHPTree) over the records'
 * boxes gives the few candidates for a point; an even-odd test over their
 * rings decides.  A point on a border shared by two records goes to the
 * first of them in layer and record order, so the answer never depends on
 * anything but the files.  A point in no record (at sea, in Canada, a
 * typo) is in none: the caller reports it.
 */
#ifndef IR_LOCATE_H
#define IR_LOCATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "layer.h"
#include "states.h"

typedef struct ir_locator ir_locator;

/* countries may be NULL.  The locator points into the layers, which must
 * outlive it; it keeps table indices, which stay valid as places are
 * added to the table. */
ir_locator *ir_locator_create(const ir_layer *const *layers, size_t nlayers,
                              const ir_layer *countries,
                              const ir_states *states, ir_error *err);
/* A locator over a layer whose records are places of the table (by
 * their key, the code field: ir_layer_places_add). */
ir_locator *ir_locator_create_places(const ir_layer *layer,
                                     const ir_states *states, ir_error *err);
void ir_locator_destroy(ir_locator *locator);

/* Reads a decimal degree within +-limit (180 for a longitude, 90 for a
 * latitude): the whole text, trailing spaces and tabs aside.  False for
 * anything else, *out then undefined. */
bool ir_degrees_parse(const char *text, double limit, double *out);

/* The table index of the state or country holding (lon, lat), or -1. */
long ir_locator_find(const ir_locator *locator, double lon, double lat);

/* The state of the table that record i of a state layer is, found by its
 * code field (unless that holds country codes) or else its name; NULL
 * when it names none. */
const ir_state *ir_layer_state(const ir_layer *layer, size_t i,
                               const ir_states *states);

#endif

/*
 * anchors: where each state's flows start and end (part of lay-out).
 *
 * A state's anchor is its pole of inaccessibility: the interior point
 * farthest from its boundary, found with the polylabel grid search
 * (Agafonkin, Mapbox 2016).  Unlike the centroid or the bounding-box
 * centre it is always inside the state, even for Florida, Michigan or Baja
 * California, and it lies where there is most room for a node symbol.
 * The United States' and Mexico's anchors (for data without state
 * detail) are the area-weighted mean of their states' anchors; the Central
 * American countries where guns are recovered are placed like states, at
 * the pole of their outline in the context layer.  Anchors can be
 * overridden from a CSV file (iso,lon,lat).
 */
#ifndef IR_ANCHORS_H
#define IR_ANCHORS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "load/states.h"
#include "project/atlas.h"
#include "project/project.h"

typedef struct ir_anchors ir_anchors;

/* Anchors of every state the atlas shows, in map coordinates, found on
 * `threads` cores (1 or 2; the same anchors either way). */
ir_anchors *ir_anchors_create(const ir_atlas *atlas, const ir_states *states,
                              int threads, ir_error *err);
void ir_anchors_destroy(ir_anchors *anchors);

/* Replaces anchors with the points of a CSV file with columns iso (any
 * spelling the state table knows), lon, lat. */
int ir_anchors_override(ir_anchors *anchors, const char *path,
                        const ir_projection *proj, ir_error *err);

/* Anchors for the places of the table (ir_places_load): each at its own
 * point, projected; none for a place whose parent state is not shown.  A
 * point the projection cannot take is an error naming the place. */
int ir_anchors_add_places(ir_anchors *anchors, const ir_projection *proj,
                          ir_error *err);

/* The anchor of state table index i; false when the state is not shown. */
bool ir_anchors_get(const ir_anchors *anchors, size_t i, double *x, double *y);

/* Signed distance from (x, y) to the boundary of the state's polygons,
 * positive inside (even-odd over all rings), in map units. */
double ir_anchors_distance(const ir_atlas *atlas, const ir_region *region,
                           double x, double y);

#endif

/*
 * river: river mode's lay-out: flows gathered into trees that merge like
 * tributaries, cross the border at ports of entry and fan out again.
 *
 * Each OD flow goes through one crossing: the one the data name for it
 * (a flow may be split between several), or else one chosen near the
 * shortest origin -> crossing -> destination on the page so that the
 * trees of different crossings cut each other less (crossassign.h).  On the U.S. side, the flows through a crossing form an in-tree
 * rooted at it, gathering its origins; on the Mexican side an out-tree
 * spreads from it to its destinations.  A band's weight is the sum of the
 * flows through it, so weight is conserved exactly at every merge and
 * split, and its width is the flow map's width for that weight: river and
 * flow figures of the same data share one legend.
 *
 * Units are page points, y down; the input is a laid-out ir_flowmap (its
 * nodes, weights and width scale; its curves are not used).
 */
#ifndef IR_RIVER_H
#define IR_RIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "layout/flowgeom.h"
#include "layout/flowmap.h"
#include "riverband.h"
#include "rivertypes.h"

typedef struct ir_river_options {
    double alpha;        /* spiral angle, radians (default 30 degrees) */
    bool weights_only;   /* trees and weights, no bands: enough to find the
                            busiest trunk before the scale is known */
    bool shortest_only;  /* every flow the data do not route through its
                            shortest route, not spread so that trees cross
                            less (crossassign.h) */
} ir_river_options;

void ir_river_options_default(ir_river_options *opt);

/* crossings: n page points; routes: how the flows cross, or NULL for
 * every flow whole through the crossing of its shortest route. */
ir_river *ir_river_create(const ir_flowmap *map, const ir_point *crossings,
                          size_t ncrossings, const ir_river_route *routes,
                          size_t nroutes, const ir_river_options *opt,
                          ir_error *err);
void ir_river_destroy(ir_river *river);

size_t ir_river_nodes(const ir_river *r, const ir_river_node **nodes);
size_t ir_river_bands(const ir_river *r, const ir_river_band **bands);
size_t ir_river_trees(const ir_river *r, const ir_river_tree **trees);

/* The crossings in order of their traffic, busiest first, as indices of
 * their U.S.-side trees (at most cap); the k-th is drawn in colour k of
 * the flow map's palette, from the seventh on in its grey. */
size_t ir_river_crossing_order(const ir_river *r, int *order, size_t cap);

/* The routes laid out, each with its crossing (none is -1 any more). */
size_t ir_river_routes(const ir_river *r, const ir_river_route **routes);

/* The flow map the river was made from. */
const ir_flowmap *ir_river_map(const ir_river *r);

/* The largest weight of any band: the trunk of the busiest crossing. */
double ir_river_max_weight(const ir_river *r);

#endif

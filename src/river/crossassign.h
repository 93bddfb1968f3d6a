/*
 * crossassign: the crossing of each flow the data do not route, chosen so
 * that the trees of river mode cross each other less (river stage).
 *
 * The shortest route (origin, crossing, destination) alone sends an
 * origin's flows to every crossing its destinations lie behind, and on a
 * dense map the trees of neighbouring crossings then cut through each
 * other thousands of times.  Starting from the shortest routes, flows are
 * moved to another crossing where that takes away more crossings between
 * trees than it adds, at a price in length: a flow of average weight may
 * go DETOUR_PRICE of the page's diagonal further to save one crossing,
 * a heavier flow less, and no flow goes more than DETOUR_MAX longer than
 * its shortest route.  Trees are judged by the straight segments from
 * each origin to its crossing and from the crossing to each destination,
 * which spiral trees follow within their angle.
 */
#ifndef IR_CROSSASSIGN_H
#define IR_CROSSASSIGN_H

#include <stddef.h>

#include "layout/flowmap.h"
#include "rivertypes.h"

/* Gives each route whose crossing is unset (outside 0 .. ncross - 1) one,
 * and marks it shortest (chosen here, not by the data); routes that name a
 * crossing keep it and count as trees of their own.  spread: false for
 * the shortest routes alone.  The result depends on the input alone.
 * Returns -1 when memory runs out (the routes are then the shortest). */
int ir_crossassign(const ir_flowmap *map, const ir_point *crossings,
                   size_t ncross, ir_river_route *routes, size_t nroutes,
                   bool spread);

#endif

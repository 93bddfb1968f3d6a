/*
 * riversweep: river mode's first pass (river stage): the flows routed
 * through the crossings, and a spiral tree through each side of each
 * crossing; river.c runs it on the trees of rivertrees.h.
 */
#ifndef IR_RIVERSWEEP_H
#define IR_RIVERSWEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "rivertypes.h"

/* Routes every flow of r's map through a crossing (the one its route
 * names, or one chosen by crossassign.h, spread: false for the shortest)
 * and lays a spiral tree (angle alpha, radians)
 * through each side of each crossing: r's routes, trees and nodes.
 * crossings: ncross page points; routes NULL for every flow whole through
 * its shortest route.  Returns -1 when memory runs out. */
int ir_river_sweep(ir_river *r, const ir_point *crossings, size_t ncross,
                   const ir_river_route *routes, size_t nroutes, double alpha,
                   bool spread);

#endif

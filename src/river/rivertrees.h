/*
 * rivertrees: the inside of an ir_river, shared by the passes that build
 * it in turn (riversweep.c, rivertidy.c, riveruntangle.c), the bands'
 * geometry (riverband.c) and river.c, which runs the passes.  Not for
 * modules outside river mode.
 */
#ifndef IR_RIVERTREES_H
#define IR_RIVERTREES_H

#include <stddef.h>

#include "layout/flowmap.h"
#include "rivertypes.h"

struct ir_river {
    ir_river_node *nodes;
    size_t nnodes, cap;
    ir_river_band *bands;
    size_t nbands, bands_cap;
    ir_river_tree *trees;
    size_t ntrees;
    ir_river_route *routes;
    size_t nroutes;
    double max_weight;
    const ir_flowmap *map;
    size_t *kid_start;   /* children of node i: kids[kid_start[i] ..] */
    int *kids;
};

/* A node of tree `tree` at `at` (flow_node -1 for a join); its index, or
 * -1 when memory runs out. */
int ir_river_add_node(ir_river *r, ir_point at, double weight, int flow_node,
                      int tree);

/* The children of every node (kid_start, kids), from the parent links. */
int ir_river_index_children(ir_river *r);

/* Every tree's bands again, from the nodes as they are now; -1 when
 * memory runs out. */
int ir_river_build_bands(ir_river *r);

#endif

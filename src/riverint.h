/*
 * riverint: river mode's insides, shared by river.c (the sweep and the
 * bands) and rivertidy.c (the passes after it).  Not for other modules.
 */
#ifndef IR_RIVERINT_H
#define IR_RIVERINT_H

#include "river.h"

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

/* Every tree's bands again, from the nodes as they are now. */
int ir_river_build_bands(ir_river *r);

/* Whether segments a-b and c-d cross (touching is not crossing); s, if
 * not NULL, gets where along a-b (0..1).  In riverband.c. */
bool ir_river_segments_cross(ir_point a, ir_point b, ir_point c, ir_point d,
                             double *s);

/* A band's centre line at pieces + 1 points (at), and their box
 * {x0, y0, x1, y1}.  In riverband.c. */
void ir_river_sample(const ir_river_band *b, int pieces, ir_point *at,
                     double box[4]);

/* Whether a band of this width from a join at `at` to node `child` would
 * be too short to draw: to a destination, no longer than its head and the
 * gap before the node (ir_river_outline draws nothing then); to a join,
 * shorter than it is wide.  In riverband.c. */
bool ir_river_too_short(const ir_river *r, ir_point at, int child,
                        double width);

/* The passes after the sweep (rivertidy.c); ends with the bands built. */
int ir_river_tidy(ir_river *r);

/* Bands of one tree that cross are made to meet where they cross
 * (riveruntangle.c); ends with the bands built, -1 when memory runs out. */
int ir_river_untangle(ir_river *r);

#endif

/*
 * rivertypes: what river mode's lay-out is made of (river stage): nodes,
 * the bands between them, one tree per side of a crossing, and how the
 * flows are routed through the crossings.  The river itself is opaque
 * (river.h makes it; rivertrees.h is its inside, for the passes alone).
 */
#ifndef IR_RIVERTYPES_H
#define IR_RIVERTYPES_H

#include <stdbool.h>
#include <stddef.h>

#include "layout/flowgeom.h"

typedef struct ir_river_node {
    ir_point at;
    ir_point dir;        /* unit tangent of the river here, downstream */
    double weight;       /* flow through this node */
    int parent;          /* node index; -1 at a tree's root */
    int flow_node;       /* ir_flowmap node index of a terminal, else -1 */
    int tree;
    double turn;         /* a terminal's band turned off the straight, to
                            clear a node (radians) */
} ir_river_node;

/* One band: a cubic Bezier centre line from upstream end a to downstream
 * end b, p[0..3], its weight and width. */
typedef struct ir_river_band {
    ir_point p[4];
    double weight, width;
    int tree;
    int upstream, downstream;   /* node indices */
    bool arrow;                 /* ends in an arrowhead at a destination */
    double end_radius;          /* the destination node's radius */
} ir_river_band;

typedef struct ir_river_tree {
    size_t crossing;     /* index into the crossings given */
    bool outgoing;       /* false: the U.S. in-tree; true: the Mexican side */
    int root;            /* node index */
    double weight, width; /* through the crossing */
    ir_point dir;         /* the river's direction through the crossing */
} ir_river_tree;

typedef struct ir_river ir_river;

/* Part of a flow of the map (its index in ir_flowmap_flows) that takes
 * one crossing (an index into the crossings, or -1 for the shortest
 * route). */
typedef struct ir_river_route {
    size_t flow;
    int crossing;
    double weight;
    bool shortest;  /* the crossing was chosen, not given by the data
                       (set by ir_river_create) */
    bool spread;    /* chosen, and not the shortest route's: moved so that
                       trees cross less (crossassign.h) */
} ir_river_route;


#endif

/*
 * river: river mode's lay-out: flows gathered into trees that merge like
 * tributaries, cross the border at ports of entry and fan out again.
 *
 * Each OD flow goes through one crossing: the one the data name for it
 * (a flow may be split between several), or else the one that makes
 * origin -> crossing -> destination shortest on the page.  On the U.S. side, the flows through a crossing form an in-tree
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

#include "diag.h"
#include "flowgeom.h"
#include "flowmap.h"
#include "text.h"

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

typedef struct ir_river_options {
    double alpha;        /* spiral angle, radians (default 30 degrees) */
    bool weights_only;   /* trees and weights, no bands: enough to find the
                            busiest trunk before the scale is known */
} ir_river_options;

void ir_river_options_default(ir_river_options *opt);

typedef struct ir_river ir_river;

/* Part of a flow of the map (its index in ir_flowmap_flows) that takes
 * one crossing (an index into the crossings, or -1 for the shortest
 * route). */
typedef struct ir_river_route {
    size_t flow;
    int crossing;
    double weight;
    bool shortest;  /* the crossing came from the shortest-route rule
                       (set by ir_river_create) */
} ir_river_route;

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

/* The routes laid out, each with its crossing (none is -1 any more). */
size_t ir_river_routes(const ir_river *r, const ir_river_route **routes);

/* The flow map the river was made from. */
const ir_flowmap *ir_river_map(const ir_river *r);

/* The largest weight of any band: the trunk of the busiest crossing. */
double ir_river_max_weight(const ir_river *r);

/* riverband.c: the bands' geometry. */

/* The outline of a band as a closed polygon (at most cap points; 0 when
 * it is too short to draw); widen adds that much on each side (casings).
 * Bands that end at a destination end in the flow map's arrowhead, the
 * same gap before the node. */
size_t ir_river_outline(const ir_river *r, const ir_river_band *band,
                        double widen, ir_point *out, size_t cap);

/* A point of a band's centre line at parameter t. */
ir_point ir_river_at(const ir_river_band *band, double t);

/* Small boxes along every band (for labels to keep off); returns how
 * many were written, at most cap. */
size_t ir_river_band_boxes(const ir_river *r, ir_text_box *out, size_t cap);

/* How many pairs of bands of different trees cross (centre lines, 16
 * pieces each); 0 when memory runs out. */
size_t ir_river_tree_crossings(const ir_river *r);

#endif

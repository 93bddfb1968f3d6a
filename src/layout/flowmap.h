/*
 * flowmap: the lay-out of a flow map: which flows are drawn, how wide,
 * along which curves, in which order, with which nodes and legend.
 *
 * Width is linear in weight (with a minimum visible width), so a legend
 * sample of value v is exactly as wide as a flow of weight v.  Curves
 * start with the default clockwise bend (longer flows bend more);
 * ir_flowmap_layout then moves them apart, off unconnected nodes and off
 * the legend (flowlayout.h).  Draw order puts wide flows below narrow
 * ones.
 */
#ifndef IR_FLOWMAP_H
#define IR_FLOWMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"
#include "load/states.h"
#include "aggregate/od.h"
#include "aggregate/odchange.h"
#include "anchors.h"
#include "cluster.h"
#include "palette.h"
#include "flowgeom.h"
#include "flowlayout.h"
#include "frame.h"

typedef enum ir_color_by { IR_COLOR_BY_ORIGIN, IR_COLOR_BY_DESTINATION,
                           IR_COLOR_BY_WEIGHT, IR_COLOR_BY_NONE,
                           IR_COLOR_BY_CHANGE } ir_color_by;

typedef struct ir_flowmap_options {
    double max_width_pt;   /* width of the largest flow (default 12) */
    double scale;          /* points per unit of weight; 0: from max width */
    double min_width_pt;   /* narrowest width drawn (default 0.8) */
    size_t top;            /* keep the N largest flows; 0: all */
    double min_weight;     /* leave out flows lighter than this */
    double bend;           /* sideways share of the chord (default 0.18) */
    ir_color_by color_by;
    int iterations;        /* force-directed iterations (default 40) */
    int threads;           /* any number (default 2): the same lay-out */
    double legend_max;     /* the legend's largest value is read off this
                              weight when larger than the heaviest flow
                              (river mode: the busiest trunk); 0: none */
    double node_max;       /* node symbols are sized against this total
                              when it is larger than the heaviest node's
                              (panels of one figure share one scale) */
    double area[4];        /* the map area, page points; all 0: the page.
                              Origins without a place enter from its edge */
    double cluster_pt;     /* places of a places table closer than this
                              (page points) are one node (cluster.h);
                              0: none */
    bool cluster_overlaps; /* and clusters whose symbols would overlap */
    const ir_color_pin *pins; /* colours pinned to states (palette.h) */
    size_t npins;
    bool fade;             /* draw the long tail faded on a dense map
                              (IR_FLOWMAP_FADE_MIN); river mode draws
                              trees, not these flows, and turns it off */
    bool fold_small;       /* flows thinner than min_width_pt at the
                              map's scale are not drawn but counted in
                              their nodes' totals (a destination gets a
                              node for them if it has none) */
    const ir_od_change *change; /* a map of the change between two
                              periods (od is its larger weights): each
                              flow keeps both, coloured by the change
                              (change.h) with IR_COLOR_BY_CHANGE.  Places
                              are not clustered: a cluster's weights in
                              each period would be its members' */
} ir_flowmap_options;

void ir_flowmap_options_default(ir_flowmap_options *opt);

typedef struct ir_flow {
    const ir_state *origin, *destination; /* NULL on a map of points */
    size_t from_node, to_node;   /* indices into ir_flowmap_nodes */
    double weight, width;
    ir_point from, to, control;  /* page points */
    double r_from, r_to;         /* node radii at the ends */
    int color;                   /* palette index, see ir_flowmap_color */
    bool drawn;                  /* false when the nodes are too close */
    bool faded;                  /* light: under IR_FLOWMAP_FADE_SHARE of
                                    the heaviest on a dense map */
    ir_point tip, head_base;     /* the arrowhead */
    double head_width;
    ir_flowgeom_band band;       /* as drawn, when banded (see flowgeom.h):
                                    found once, not by every band of a PNG */
    bool banded;
    double weight_a, weight_b;   /* a map of change: the two periods' */
} ir_flow;

typedef struct ir_node {
    const ir_state *state;       /* NULL on a map of points */
    size_t id;                   /* order of first appearance in the input */
    ir_point at;
    double radius;
    double out, in;              /* totals of the flows drawn, and of
                                    those folded (fold_small) */
    bool is_origin;
    bool is_stub;                /* an origin without a place: no symbol, at
                                    the map area's edge */
    size_t members;              /* places merged into this node (1: none
                                    merged); state is the heaviest */
} ir_node;

typedef struct ir_flowmap ir_flowmap;

/* Visual hierarchy on a dense map: with more than IR_FLOWMAP_FADE_MIN
 * flows drawn, those under IR_FLOWMAP_FADE_SHARE of the heaviest are
 * drawn in a light tint of their colour, below the others, so the main
 * channels stand out and the long tail recedes. */
#define IR_FLOWMAP_FADE_MIN 30
#define IR_FLOWMAP_FADE_SHARE 0.1

ir_flowmap *ir_flowmap_create(ir_od *od, const ir_anchors *anchors,
                              const ir_states *states, const ir_frame *frame,
                              const ir_flowmap_options *opt, ir_error *err);

/* A map of flows between bare points (page points), for the benchmark's
 * jittered flows: no states, so no labels. */
typedef struct ir_point_flow {
    size_t from, to;       /* indices into points */
    double weight;
} ir_point_flow;
ir_flowmap *ir_flowmap_create_points(const ir_point *points, size_t npoints,
                                     const ir_point_flow *flows,
                                     size_t nflows, const ir_frame *frame,
                                     const ir_flowmap_options *opt,
                                     ir_error *err);
void ir_flowmap_destroy(ir_flowmap *map);

/* Lays the flows out inside rect (the map area, page points), keeping
 * them off the obstacle rectangles (the legend).  Until this is called
 * every flow has its default curve.  Returns 0, or an error status. */
int ir_flowmap_layout(ir_flowmap *map, const double rect[4],
                      const double (*obstacles)[4], size_t nobstacles,
                      ir_error *err);

/* What the last lay-out could not clear. */
const ir_layout_report *ir_flowmap_layout_report(const ir_flowmap *map);

/* Flows in drawing order: widest first, so narrow ones stay on top. */
size_t ir_flowmap_flows(const ir_flowmap *map, const ir_flow **flows);
size_t ir_flowmap_nodes(const ir_flowmap *map, const ir_node **nodes);

/* Points of width per unit of weight when the heaviest flow kept weighs
 * `heaviest`: the scale a flow is judged too thin to see at (fold_small),
 * for callers that must know which flows a map will fold. */
double ir_flowmap_fold_scale(const ir_flowmap_options *opt, double heaviest);

/* The width a flow of this weight is drawn at. */
double ir_flowmap_width(const ir_flowmap *map, double weight);

/* The radius of a node symbol of this total, in points (all alike on a
 * map of change). */
double ir_flowmap_node_radius(const ir_flowmap *map, double total);

/* Up to 2 node-size legend values (1-2-5 series, the second a quarter of
 * the first: half its radius); 0 when the symbols hardly differ. */
size_t ir_flowmap_node_legend(const ir_flowmap *map, double values[2]);

/* Up to 4 rounded legend values, largest first; returns how many. */
size_t ir_flowmap_legend(const ir_flowmap *map, double values[4]);

/* Flows left out by --top/--min-weight: how many, and their weight; and
 * the weight of all flows. */
void ir_flowmap_omitted(const ir_flowmap *map, size_t *count, double *weight,
                        double *total);

/* Flows not drawn because an end has no node on the map (no boundary of
 * it was loaded): how many, their weight, and the first of those ends
 * (at most IR_FLOWMAP_UNPLACED_NAMES) in *ends. */
#define IR_FLOWMAP_UNPLACED_NAMES 4
size_t ir_flowmap_unplaced(const ir_flowmap *map, double *weight,
                           const ir_state *const **ends, size_t *nends,
                           bool *more);

/* A node's name in lang ("en", "es"): its state's or place's, or for a
 * cluster "Tucson area, 14 dealers" / "zona de Tucson, 14 armerías". */
void ir_flowmap_node_name(const ir_node *node, const char *lang, char *buf,
                          size_t cap);

/* Flows folded into their destinations (fold_small): how many, their
 * weight, and the weight under which a flow was folded. */
size_t ir_flowmap_folded(const ir_flowmap *map, double *weight,
                         double *below);

/* Flows drawn faded: how many, and their weight. */
size_t ir_flowmap_faded(const ir_flowmap *map, double *weight);

/* Places merged by cluster_pt: how many nodes of more than one place,
 * and how many places are in them. */
void ir_flowmap_clusters(const ir_flowmap *map, size_t *clusters,
                         size_t *places);

/* The colour of palette index i for this map's colouring (sRGB 0..1). */
void ir_flowmap_color(const ir_flowmap *map, int i, double rgb[3]);

/* Whether a flow of colour i is outlined (the new and gone flows of a map
 * of change), and the outline's colour. */
bool ir_flowmap_outline(const ir_flowmap *map, int i, double rgb[3]);

/* Whether this is a map of the change between two periods. */
bool ir_flowmap_is_change(const ir_flowmap *map);

const ir_flowgeom_style *ir_flowmap_geometry(const ir_flowmap *map);

/* Writes the flows drawn as CSV: origin, destination, weight, width in
 * points, and each curve's start, control point and end in map
 * coordinates; on a map of change, then each period's weight and the
 * change. */
void ir_flowmap_write_csv(const ir_flowmap *map, const ir_frame *frame,
                          FILE *fp);

#endif

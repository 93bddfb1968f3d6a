/*
 * cluster: places closer on the page than a node can be told apart,
 * merged into one node (part of lay-out).
 *
 * A dealer-level map has thousands of origins within a few points of each
 * other; drawn one by one they are a smear of overlapping discs.  Places
 * of a places table (never states or countries, which the reader looks
 * for by name) closer than a radius in page points are merged: the
 * heaviest place leads its cluster, names it and keys its flows; the node
 * sits at the members' weighted centre, and flows between clusters are
 * summed.  Origins and destinations are clustered apart (El Paso's
 * dealers are 5 km from Ciudad Juárez), and a place on both sides of the
 * table keeps its own node.
 *
 * The result depends on the set of places and weights only, never on the
 * order of the input: places are taken heaviest first (ties by id), each
 * joins the nearest leader within the radius or leads a cluster of its
 * own; a uniform grid of cells one radius wide finds the leaders near a
 * point, so ten thousand places cost milliseconds.  Clusters whose node
 * symbols would still overlap (a busy city's cluster is wider than the
 * radius) are merged in turn, heaviest first.
 */
#ifndef IR_CLUSTER_H
#define IR_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "load/states.h"
#include "aggregate/od.h"
#include "anchors.h"
#include "flowgeom.h"
#include "frame.h"

/* One point to cluster: where it is, its weight and its id (the tie
 * breaker), and a group: points of different groups never merge. */
typedef struct ir_cluster_point {
    ir_point at;
    double weight;
    const char *id;
    int group;
} ir_cluster_point;

typedef struct ir_cluster {
    size_t leader;         /* index of the heaviest member */
    size_t members;
    double weight;
    ir_point at;           /* weighted centre (the leader's point when the
                              members weigh nothing) */
} ir_cluster;

/* Clusters n points closer than radius (radius <= 0: every point its own
 * cluster): cluster_of[i] is point i's cluster, clusters[] (room for n)
 * gets them in leader order, heaviest first.  Returns how many clusters,
 * or (size_t)-1 when memory runs out. */
size_t ir_cluster_points(const ir_cluster_point *points, size_t n,
                         double radius, size_t *cluster_of,
                         ir_cluster *clusters);

/* Merges clusters of one group whose node symbols would overlap, a
 * cluster of weight w being drawn with radius max(r_min, r_max *
 * sqrt(w / w_max)), w_max raised to the heaviest cluster's weight when
 * that is more: the heavier absorbs the lighter, again until no two
 * overlap.  cluster_of is renumbered; returns the new number of clusters
 * (kept in their order), or (size_t)-1 when memory runs out. */
size_t ir_cluster_merge_overlaps(const ir_cluster_point *points, size_t n,
                                 size_t *cluster_of, ir_cluster *clusters,
                                 size_t nc, double r_min, double r_max,
                                 double w_max);

/* The clustering of the places of a flow map. */
typedef struct ir_clustering ir_clustering;

/* Clusters the places at the ends of od's pairs (those with an anchor)
 * closer than radius page points in frame, then, when r_max > 0, those
 * whose symbols (radius r_max at the heaviest node of the map, r_min at
 * least) would overlap.  NULL on failure. */
ir_clustering *ir_clustering_create(ir_od *od, const ir_anchors *anchors,
                                    const ir_states *states,
                                    const ir_frame *frame, double radius,
                                    double r_min, double r_max,
                                    ir_error *err);
void ir_clustering_destroy(ir_clustering *c);

/* The pairs between clusters, each cluster under its leader's state. */
ir_od *ir_clustering_od(const ir_clustering *c);

/* For state table index i: true when it leads a cluster of more than one
 * place, with the cluster's centre (page points) and size. */
bool ir_clustering_node(const ir_clustering *c, size_t i, ir_point *at,
                        size_t *members);

/* How many clusters of more than one place, and how many places are in
 * them. */
void ir_clustering_counts(const ir_clustering *c, size_t *clusters,
                          size_t *places);

/* The plural a cluster of places of this kind (a place's level:
 * "dealer", "city", "county", "municipality") is counted in: "dealers" /
 * "armerías"; "places" / "lugares" for any other. */
const char *ir_cluster_kind_plural(const char *level, bool es);

#endif

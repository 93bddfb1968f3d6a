/*
 * extent: the part of the map a figure shows, in map units {xmin, ymin,
 * xmax, ymax}: the states the atlas shows (ir_atlas_extent), grown to take
 * in every destination country, and, for --fit flows, cut down to the
 * nodes the flows join.
 */
#ifndef IR_EXTENT_H
#define IR_EXTENT_H

#include "load/states.h"
#include "aggregate/od.h"
#include "project/atlas.h"
#include "anchors.h"

/* The ISO codes, space-separated, of the countries besides the United
 * States and Mexico that od's flows end in, in table order, into buf:
 * what the atlas draws as land (ir_atlas_options.destinations). */
void ir_extent_destination_codes(ir_od *od, const ir_states *states,
                                 char *buf, size_t cap);

/* Grows bounds to take in the outline of every country besides the
 * United States and Mexico that a flow of od ends in (Guatemala, Belize,
 * El Salvador, Honduras), and half its size around it. */
void ir_extent_destinations(const ir_atlas *atlas, ir_od *od,
                            double bounds[4]);

/* Which flows a map draws, as far as the extent is concerned: the `top`
 * heaviest with a node at both ends (0: all) of those weighing at least
 * min_weight; a flow under fold_below (0: none) is not drawn, but its
 * destination keeps a node. */
typedef struct ir_extent_filter {
    size_t top;
    double min_weight, fold_below;
} ir_extent_filter;

/* Cuts bounds down to the box of the nodes of the flows drawn (filter
 * may be NULL: all of od's), with a third of its size around it, never
 * beyond bounds: a top-15 figure is not half empty Midwest. */
void ir_extent_flows(const ir_anchors *anchors, const ir_states *states,
                     ir_od *od, const ir_extent_filter *filter,
                     double bounds[4]);

#endif

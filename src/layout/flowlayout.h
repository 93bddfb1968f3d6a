/*
 * flowlayout: where each flow's curve goes (lay-out stage).
 *
 * Every flow is a quadratic Bezier curve with one control point.  The
 * lay-out moves the control points, starting from the default clockwise
 * bend, under the forces of Jenny et al. (2017): flows push each other
 * apart, nodes a flow does not connect push it away, flows sharing a node
 * spread out around it, a spring pulls each curve back towards its default
 * shape, and an anti-torsion force keeps it symmetric.  Flows also keep
 * inside the map area and off rectangles the caller names (the legend).
 * A last pass bends any flow that still covers an unconnected node or an
 * obstacle to the nearest symmetric curve that clears them.
 *
 * Only the heaviest force_max flows go through the forces and the last
 * pass: past a few thousand flows no reader follows one thin curve through
 * the crowd, and the forces cost about 0.1 ms a flow.  The next ones, up
 * to clear_max, start from their default bend and go through the last
 * pass alone; the rest are only kept inside the map area (flattened),
 * not tested against nodes: at 100,000 flows the test alone would cost
 * more than the whole lay-out.
 *
 * It works on points and widths only, not on states, so the benchmark can
 * lay out any number of flows between arbitrary points.  Units are page
 * points, y down.  The result depends only on the input: no randomness,
 * each flow's move in an iteration reads only the previous iteration's
 * density and its own control point, and the work is split into the same
 * two halves of the flows whether or not a second thread runs one of them.
 */
#ifndef IR_FLOWLAYOUT_H
#define IR_FLOWLAYOUT_H

#include <stddef.h>

#include "flowgeom.h"
#include "flowtypes.h"

void ir_layout_options_default(ir_layout_options *opt);

typedef struct ir_layout_report {
    size_t node_conflicts;     /* flows still over an unconnected node */
    size_t obstacle_conflicts; /* flows still over an obstacle */
    size_t outside;            /* flows leaving the map area */
    size_t rescued;            /* flows the last pass had to bend */
    size_t plain;              /* flows past force_max: no forces */
    size_t untested;           /* flows past clear_max: not tested
                                  against nodes or obstacles */
} ir_layout_report;

/* Lays the flows out: sets every flow's control point.  Returns 0, or -1
 * when memory runs out (the control points are then the default ones). */
int ir_flowlayout_run(ir_layout_flow *flows, size_t nflows,
                      const ir_layout_node *nodes, size_t nnodes,
                      const ir_layout_options *opt, ir_layout_report *report);

/* The default control point of one flow under these options. */
ir_point ir_flowlayout_default_control(const ir_layout_node *from,
                                       const ir_layout_node *to,
                                       const ir_layout_options *opt);

/* Whether flow f's band covers a node it does not connect. */
int ir_flowlayout_covers_node(const ir_layout_flow *f,
                              const ir_layout_node *nodes, size_t nnodes);

#endif

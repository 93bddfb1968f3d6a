/*
 * flowclear: what a flow's curve runs over (lay-out stage, internal to
 * flowlayout): the nodes it does not connect, the obstacles, the edge of
 * the map area.  It counts conflicts exactly, sampling finely enough that
 * no node slips between samples, and it works out the pushes that would
 * clear them, each the deepest intrusion turned into a control-point move
 * by the Bezier basis (moving the control point by d moves the curve at t
 * by 2t(1-t) d).
 */
#ifndef IR_FLOWCLEAR_H
#define IR_FLOWCLEAR_H

#include <stddef.h>

#include "flowfield.h"
#include "flowtypes.h"

#define IR_FLOWCLEAR_MAX_OBSTACLES 64   /* obstacles heeded; more ignored */
#define IR_FLOWCLEAR_CLEARANCE 2.5      /* points kept from a node's edge */
#define IR_FLOWCLEAR_SOFT_ZONE 6.0      /* beyond it, a weaker push */

typedef struct ir_flowclear_ctx {
    const ir_layout_node *nodes;
    const ir_node_field *field;
    size_t from, to;        /* the flow's own nodes */
    double half;            /* half its width */
} ir_flowclear_ctx;

typedef struct ir_flowclear_count {
    int nodes, boxes, outside;
} ir_flowclear_count;

/* How far a control-point move carries the curve at t, floored so that a
 * conflict at the very ends does not ask for a huge move. */
double ir_flowclear_basis(double t);

/* Conflicts of the curve p0-c-p1 (nodes within radius + half + margin,
 * up to four of them; obstacles; leaving the map area), counted until
 * their cost 2 nodes + boxes + outside reaches limit. */
ir_flowclear_count ir_flowclear_conflicts(const ir_flowclear_ctx *fc,
                                          ir_point p0, ir_point c,
                                          ir_point p1,
                                          const ir_layout_options *o,
                                          double margin, int limit);

/* The sum of the pushes that clear nodes and obstacles and keep the curve
 * in the map area, from its samples pts at parameters ts (n of them). */
ir_point ir_flowclear_push(const ir_flowclear_ctx *fc, const ir_point *pts,
                           const double *ts, int n,
                           const ir_layout_options *o);

#endif

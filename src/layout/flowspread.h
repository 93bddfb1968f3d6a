/*
 * flowspread: flows sharing a node spread out around it (lay-out stage,
 * internal to flowlayout).
 *
 * Flows leaving or reaching one node at nearly the same angle lie on top
 * of each other there.  Each sweep, every such flow is turned away from
 * its neighbour in angle (Jenny et al. 2018, radial spread) by a move of
 * its control point perpendicular to its arm, enough to set the bands,
 * and the arrowheads of arriving flows, side by side.
 */
#ifndef IR_FLOWSPREAD_H
#define IR_FLOWSPREAD_H

#include <stddef.h>

#include "flowtypes.h"

typedef struct ir_flowspread ir_flowspread;

/* For these flows between these nodes (both kept, not copied); NULL when
 * memory runs out. */
ir_flowspread *ir_flowspread_create(const ir_layout_flow *flows, size_t nflows,
                                    const ir_layout_node *nodes);
void ir_flowspread_destroy(ir_flowspread *sp);

/* Adds to disp[i] the spreading move of flow i whose control point is
 * c[i].  Successive calls should see control points that move a little
 * each time, as a lay-out's sweeps do: each starts from the last order. */
void ir_flowspread_push(ir_flowspread *sp, const ir_point *c,
                        const ir_layout_options *o, ir_point *disp);

#endif

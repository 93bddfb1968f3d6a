/*
 * rivertidy: the passes after the spiral sweep (river stage); river.c
 * runs them on the trees of rivertrees.h.
 */
#ifndef IR_RIVERTIDY_H
#define IR_RIVERTIDY_H

#include "rivertypes.h"

/* The passes after the sweep: collinear siblings merge, short and folded
 * bands collapse, long branches follow their spirals, joins move off the
 * states a tree does not serve.  Returns -1 when memory runs out. */
int ir_river_tidy(ir_river *r);

#endif

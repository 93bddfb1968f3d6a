/*
 * riveruntangle: river mode's last pass (river stage): bands of one tree
 * that cross are made to meet where they cross; river.c runs it on the
 * trees of rivertrees.h.
 */
#ifndef IR_RIVERUNTANGLE_H
#define IR_RIVERUNTANGLE_H

#include "rivertypes.h"

/* Bands of one tree that cross are made to meet where they cross; ends
 * with the bands built.  Returns 0, 1 when some may still cross (its
 * rounds ran out), or -1 when memory runs out. */
int ir_river_untangle(ir_river *r);

#endif

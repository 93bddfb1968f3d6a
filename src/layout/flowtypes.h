/*
 * flowtypes: what the flow lay-out works on (lay-out stage): nodes, flows
 * and the options of a run, shared by flowlayout.c and the modules it
 * runs (flowfield, flowspread, flowclear), which need the types but not
 * the lay-out itself.
 */
#ifndef IR_FLOWTYPES_H
#define IR_FLOWTYPES_H

#include <stddef.h>

#include "flowgeom.h"

typedef struct ir_layout_node {
    ir_point at;
    double radius;
} ir_layout_node;

typedef struct ir_layout_flow {
    size_t from, to;          /* node indices */
    double width;
    ir_point control;         /* set by ir_flowlayout_run */
} ir_layout_flow;

typedef struct ir_layout_options {
    double bend;              /* default sideways share of the chord */
    double reference;         /* chord length of the full bend; 0: auto */
    int iterations;           /* force iterations (default 40) */
    int threads;              /* any number (default 2): the same result */
    size_t force_max;         /* flows the forces move, heaviest first
                                 (default 1,000; 0: all) */
    size_t clear_max;         /* flows the last pass bends off nodes,
                                 heaviest first (default 4,000) */
    double rect[4];           /* x0, y0, x1, y1: the map area */
    double head_length, head_width, head_min, end_gap; /* as flowgeom's */
    const double (*obstacles)[4]; /* rectangles to keep off (x0,y0,x1,y1), at
                                     most 64 */
    size_t nobstacles;
} ir_layout_options;

#endif

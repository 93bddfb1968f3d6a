/*
 * flowfield: the two grids of the flow lay-out (lay-out stage, internal
 * to flowlayout).
 *
 * The node field lists, for every cell of a fine grid, the nodes whose
 * reach touches it.  Nodes never move during a lay-out, so it is built
 * once, and a point then meets only its cell's few nodes.
 *
 * The density raster holds the flows' sample points splatted by width and
 * blurred by three box passes (close to a Gaussian); its downhill gradient
 * is the push of all other flows, in O(cells) per sweep however many
 * flows there are.
 */
#ifndef IR_FLOWFIELD_H
#define IR_FLOWFIELD_H

#include <stddef.h>

#include "flowgeom.h"

typedef struct ir_node_field {
    double x0, y0, cell;
    int nx, ny;
    size_t *start;           /* nx * ny + 1 offsets into ids */
    size_t *ids;
    size_t *near_start;      /* the same for the few nearest of each cell */
    size_t *near_ids;
} ir_node_field;

struct ir_layout_node;

/* Lists every node of `nodes` in the cells within its radius plus
 * `extra` points, over bounds {x0, y0, x1, y1}.  Returns 0, or -1 when
 * memory runs out (free it all the same). */
int ir_node_field_build(ir_node_field *g, const struct ir_layout_node *nodes,
                        size_t n, double extra, const double bounds[4]);
void ir_node_field_free(ir_node_field *g);

typedef struct ir_raster {
    double x0, y0, cell;
    int nx, ny;
    float *d, *tmp;
} ir_raster;

int ir_raster_init(ir_raster *r, const double bounds[4], double cell);
void ir_raster_free(ir_raster *r);
void ir_raster_clear(ir_raster *r);
/* Adds v at p, shared bilinearly between the four nearest cells. */
void ir_raster_splat(ir_raster *r, ir_point p, double v);
/* The bilinear value at (x, y); 0 off the raster. */
double ir_raster_at(const ir_raster *r, double x, double y);
/* Three box passes of radius k cells in each direction. */
void ir_raster_blur(ir_raster *r, int k);
/* r += other, cell by cell (both the same size). */
void ir_raster_add(ir_raster *r, const ir_raster *other);

/* How much the flows' bands overlap: the number of pairs of sample points
 * of different flows, away from the flows' own nodes, that lie closer than
 * their half widths.  A measure for tests and benchmarks; -1 when memory
 * runs out. */
struct ir_layout_flow;
long ir_flowfield_overlap(const struct ir_layout_flow *flows, size_t nflows,
                          const struct ir_layout_node *nodes, size_t nnodes);

#endif

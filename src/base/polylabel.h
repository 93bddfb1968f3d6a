/*
 * polylabel: the interior point of a polygon farthest from its boundary,
 * its pole of inaccessibility (Agafonkin, Mapbox 2016), where a node sits.
 *
 * Rings are given as the loaders and the atlas keep them: interleaved x, y
 * pairs in one array, and a table of ring starts (ring k spans points
 * ring_starts[k] .. ring_starts[k + 1] - 1).  Outer rings and holes are
 * not told apart: inside is even-odd over all rings.  Points that are NaN
 * (not projected) are skipped.
 */
#ifndef IR_POLYLABEL_H
#define IR_POLYLABEL_H

#include <stddef.h>

/* Signed distance from (x, y) to rings first_ring .. first_ring + nrings
 * - 1, positive inside. */
double ir_rings_distance(const double *xy, const size_t *ring_starts,
                         size_t first_ring, size_t nrings, double x, double y);

/* The pole of those rings, within bbox {xmin, ymin, xmax, ymax}, to 1/2000
 * of the box's larger side.  Returns 0, or -1 when memory runs out. */
int ir_polylabel(const double *xy, const size_t *ring_starts,
                 size_t first_ring, size_t nrings, const double bbox[4],
                 double *x, double *y);

#endif

/*
 * simplify: boundaries thinned to what the page can show, neighbours kept
 * together (the project stage).
 *
 * The shipped states carry ~116,000 vertices; a 3000-pixel map needs a
 * fraction of them.  Thinning each ring on its own would move a shared
 * border one way in one state and another way in its neighbour, opening
 * slivers between them.  So the rings are cut into arcs at the vertices
 * where the set of rings sharing a border changes (as TopoJSON and
 * mapshaper do), every arc is simplified once, in a direction fixed by its
 * own end points (Douglas-Peucker, so no dropped vertex lies farther than
 * the tolerance from what replaces it), and both rings that share an arc
 * keep exactly the same vertices of it.
 */
#ifndef IR_SIMPLIFY_H
#define IR_SIMPLIFY_H

#include <stddef.h>

/* Sets keep[i] to 1 for every vertex of the rings to draw at `tolerance`
 * (map units) and 0 for the others.  `xy` holds ring_start[nrings] points;
 * ring k is points ring_start[k] .. ring_start[k + 1] - 1, closed when
 * its last point repeats its first.  NaN points (unprojectable) are kept
 * and cut the arcs around them.  Returns -1 when out of memory (keep is
 * then all ones). */
int ir_simplify_rings(const double *xy, const size_t *ring_start,
                      size_t nrings, double tolerance, unsigned char *keep);

#endif

/*
 * project: longitude/latitude to map coordinates, with PROJ.
 *
 * The map CRS is given as a PROJ string, an "EPSG:n" code or WKT.  The
 * default is a Lambert Conformal Conic fitted to the conterminous U.S. and
 * Mexico together (see IR_PROJECTION_DEFAULT for the reasoning).
 */
#ifndef IR_PROJECT_H
#define IR_PROJECT_H

#include <stddef.h>

#include "base/diag.h"

/* The region runs from 14.5°N (Chiapas) to 49.4°N (Lake of the Woods).  A
 * conic's standard parallels at one sixth and five sixths of that span
 * (Kavrayskiy's rule) keep the scale error smallest over the whole height:
 * 20.3°N and 43.6°N, rounded to 20°N and 44°N.  The central meridian, 100°W,
 * lies between the conterminous U.S. (96°W) and Mexico (102°W) so that
 * neither country leans; latitude of origin 32°N is the border's. */
#define IR_PROJECTION_DEFAULT                                               \
    "+proj=lcc +lat_1=20 +lat_2=44 +lat_0=32 +lon_0=-100 +x_0=0 +y_0=0 "  \
    "+datum=WGS84 +units=m +no_defs"

typedef struct ir_projection ir_projection;

/* definition NULL means IR_PROJECTION_DEFAULT. */
ir_projection *ir_projection_create(const char *definition, ir_error *err);
void ir_projection_destroy(ir_projection *proj);

/* Projects n interleaved lon, lat pairs in place to x, y (metres for the
 * default).  Points the projection cannot represent become NaN. */
void ir_projection_forward(const ir_projection *proj, double *xy, size_t n);

/* The same, the second half on a second thread when threads is 2 and the
 * points are many; each point's numbers do not depend on the split. */
void ir_projection_forward_threads(const ir_projection *proj, double *xy,
                                   size_t n, int threads);

const char *ir_projection_definition(const ir_projection *proj);

#endif

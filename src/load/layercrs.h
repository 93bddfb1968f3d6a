/*
 * layercrs: a layer's coordinates from the CRS its .prj names to
 * longitude/latitude on WGS 84, with PROJ (load stage, for layer.c).
 *
 * Without a .prj, or with an empty one, coordinates that can all be
 * lon/lat are taken as such; others are refused, saying what to do.
 */
#ifndef IR_LAYERCRS_H
#define IR_LAYERCRS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

/* Moves the n interleaved x, y pairs of xy to lon/lat in place, naming
 * the CRS in name; *empty when the .prj (prj_path, or NULL for none) is
 * empty, *moved when the points were transformed (and may then lie where
 * the CRS is not defined).  Errors name layer_path or prj_path. */
int ir_layercrs_to_lonlat(const char *layer_path, const char *prj_path,
                          double *xy, size_t n, char *name, size_t cap,
                          bool *empty, bool *moved, ir_error *err);

#endif

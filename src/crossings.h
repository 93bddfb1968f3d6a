/*
 * crossings: the border crossings river mode routes flows through (load
 * stage).
 *
 * Read from a CSV file (data/ports-of-entry.csv by default) with a header
 * naming at least the columns id, name_en, name_es, lat and lon (decimal
 * degrees, WGS 84), and projected with the map's projection.  Every bad
 * row is an error naming the file, line and field.
 */
#ifndef IR_CROSSINGS_H
#define IR_CROSSINGS_H

#include <stddef.h>

#include "diag.h"
#include "project.h"

typedef struct ir_crossing {
    const char *id;          /* "laredo" */
    const char *name_en, *name_es;
    double lon, lat;
    double x, y;             /* projected, map units */
} ir_crossing;

typedef struct ir_crossings ir_crossings;

ir_crossings *ir_crossings_load(const char *path, const ir_projection *proj,
                                ir_error *err);
void ir_crossings_destroy(ir_crossings *crossings);

size_t ir_crossings_count(const ir_crossings *crossings);
const ir_crossing *ir_crossings_at(const ir_crossings *crossings, size_t i);

/* The crossing whose id is `id` (exact), or NULL. */
const ir_crossing *ir_crossings_find(const ir_crossings *crossings,
                                     const char *id);

#endif

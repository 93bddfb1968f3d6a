/*
 * crossings: the border crossings river mode routes flows through (load
 * stage).
 *
 * Read from a CSV file (data/ports-of-entry.csv by default) with a header
 * naming at least the columns id, name_en, name_es, lat and lon (decimal
 * degrees, WGS 84).  Every bad row is an error naming the file, line and
 * field.  River mode places them on the map (crossroute.h).
 */
#ifndef IR_CROSSINGS_H
#define IR_CROSSINGS_H

#include <stddef.h>

#include "base/diag.h"

typedef struct ir_crossing {
    const char *id;          /* "laredo" */
    const char *name_en, *name_es;
    double lon, lat;
} ir_crossing;

typedef struct ir_crossings ir_crossings;

ir_crossings *ir_crossings_load(const char *path, ir_error *err);
void ir_crossings_destroy(ir_crossings *crossings);

size_t ir_crossings_count(const ir_crossings *crossings);

/* The file the crossings were read from, for messages. */
const char *ir_crossings_path(const ir_crossings *crossings);
const ir_crossing *ir_crossings_at(const ir_crossings *crossings, size_t i);

/* The crossing whose id is `id` (exact), or NULL. */
const ir_crossing *ir_crossings_find(const ir_crossings *crossings,
                                     const char *id);

#endif

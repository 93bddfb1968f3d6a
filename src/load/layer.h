/*
 * layer: the load stage for boundaries: one shapefile, loaded.
 *
 * Reads a polygon shapefile (Polygon, PolygonZ or PolygonM; multipart, with
 * holes) with shapelib, decodes its DBF text per the .cpg file, and
 * transforms its coordinates from the CRS in its .prj to longitude/latitude
 * on WGS 84 with PROJ.  Everything downstream sees lon/lat degrees and UTF-8.
 *
 * A damaged file (missing .shx or .dbf, truncated .shp, part indices out of
 * range, a non-polygon shape type, coordinates that are not numbers) is an
 * error naming the file and the record, never a crash.
 */
#ifndef IR_LAYER_H
#define IR_LAYER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

typedef struct ir_layer ir_layer;

typedef struct ir_layer_options {
    const char *name_field; /* NULL: detect (NAME, NOMGEO, NOM_ENT, ...) */
    const char *code_field; /* NULL: detect (iso_3166_2, STUSPS, CVE_ENT, ...) */
    const char *encoding;   /* NULL: from the .cpg, else UTF-8 or cp1252 */
    bool strict;            /* what would be a note is an error */
} ir_layer_options;

/* What a load took upon itself for a file that lies or is damaged but
 * still opens, one note each (ir_layer_notes), and under strict an error
 * instead: a .cpg that says UTF-8 over cp1252 text (read as cp1252), an
 * empty .prj (lon/lat when the coordinates can be), Null shapes, parts
 * whose vertices are all (0, 0), and records whose bounding box does not
 * hold their points (left out). */
#define IR_LAYER_NOTES 8

/* One record: its text and its rings.  Ring r of the feature spans points
 * ring_start[r] .. ring_start[r+1]-1 of the layer's point array; outer rings
 * and holes are not told apart, because an even-odd fill needs neither. */
typedef struct ir_feature {
    const char *name;        /* UTF-8, "" when the layer has no name field */
    const char *code;        /* UTF-8, "" when the layer has no code field */
    size_t first_ring;
    size_t nrings;
    double bbox[4];          /* lon_min, lat_min, lon_max, lat_max */
} ir_feature;

/* path names the .shp (or the base name without extension). */
ir_layer *ir_layer_load(const char *path, const ir_layer_options *opt,
                        ir_error *err);
void ir_layer_destroy(ir_layer *layer);

size_t ir_layer_count(const ir_layer *layer);
const ir_feature *ir_layer_feature(const ir_layer *layer, size_t i);

/* Interleaved lon, lat pairs of every ring, and the ring start table
 * (nrings + 1 entries). */
const double *ir_layer_points(const ir_layer *layer);
const size_t *ir_layer_ring_starts(const ir_layer *layer);

const char *ir_layer_path(const ir_layer *layer);
const char *ir_layer_name_field(const ir_layer *layer); /* NULL if none */
const char *ir_layer_code_field(const ir_layer *layer); /* NULL if none */
const char *ir_layer_encoding(const ir_layer *layer);
const char *ir_layer_crs_name(const ir_layer *layer);

/* The notes of the load, each a sentence to follow the file's name. */
size_t ir_layer_notes(const ir_layer *layer, const char *const **notes);

/* Leaves out the records i with out[i] (a check after loading found them
 * misleading), keeping the others in order, and adds the note why (none
 * when NULL).  Returns 0, or -1 when memory runs out for the note. */
int ir_layer_leave_out(ir_layer *layer, const bool *out, const char *why);

#endif

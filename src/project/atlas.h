/*
 * atlas: the projected boundaries a map is drawn on (the project stage).
 *
 * Takes the loaded state layers and the optional context-country layer,
 * decides which state each record is (through the state table, whatever the
 * file calls its fields), drops what names no U.S. or Mexican state, and
 * projects everything to map coordinates, lakes included.  Alaska and Hawaii are shown only
 * on request; otherwise they are kept as muted context like a neighbouring
 * country and do not widen the map.
 */
#ifndef IR_ATLAS_H
#define IR_ATLAS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "load/layer.h"
#include "load/states.h"
#include "project.h"

typedef enum ir_region_kind {
    IR_REGION_US_STATE,
    IR_REGION_MX_STATE,
    IR_REGION_CONTEXT,  /* neighbouring country, or a state not shown */
    IR_REGION_LAKE,     /* water drawn over the land */
    IR_REGION_DESTINATION_COUNTRY, /* a country beyond Mexico that the
                                     figure's flows end in: land */
    IR_REGION_AREA      /* a polygon of a layer of the user's under a
                           fill (a county): iso is its key */
} ir_region_kind;

typedef struct ir_region {
    const char *iso;     /* ISO 3166-2 for states, ISO 3166-1 alpha-2 else */
    const char *name;    /* the name in the file */
    ir_region_kind kind;
    size_t first_ring, nrings;
    double bbox[4];      /* projected; NaN when nothing could be projected */
} ir_region;

typedef struct ir_atlas_options {
    bool alaska;
    bool hawaii;
    int threads;         /* 2: project on two cores (the same points) */
    /* ISO codes (space-separated, NULL for none) of the countries of the
     * context layer to draw as land: the destinations beyond Mexico. */
    const char *destinations;
} ir_atlas_options;

/* The loaded layers an atlas is made from.  The atlas points into them and
 * into the state table, so all must outlive it. */
typedef struct ir_atlas_sources {
    const ir_layer *const *states; /* U.S. and/or Mexican state layers */
    size_t nstates;
    const ir_layer *context;       /* neighbouring countries, or NULL */
    const ir_layer *lakes;         /* large lakes, or NULL */
    const ir_layer *areas;         /* polygons a fill shades, by their
                                      code field, or NULL: drawn only as
                                      the fill, and no part of the extent */
} ir_atlas_sources;

typedef struct ir_atlas ir_atlas;

ir_atlas *ir_atlas_create(const ir_atlas_sources *src,
                          const ir_states *states, const ir_projection *proj,
                          const ir_atlas_options *opt, ir_error *err);
void ir_atlas_destroy(ir_atlas *atlas);

size_t ir_atlas_count(const ir_atlas *atlas);
const ir_region *ir_atlas_region(const ir_atlas *atlas, size_t i);
const double *ir_atlas_points(const ir_atlas *atlas);
const size_t *ir_atlas_ring_starts(const ir_atlas *atlas);
/* How many rings: ir_atlas_ring_starts has one entry more. */
size_t ir_atlas_rings(const ir_atlas *atlas);

/* Thins the boundaries to what shows at `tolerance` (map units), shared
 * borders alike on both sides (see simplify.h); until then, and if this
 * fails (out of memory, -1), every point is drawn.  ir_atlas_kept is one
 * flag per point, or NULL. */
int ir_atlas_simplify(ir_atlas *atlas, double tolerance);
const unsigned char *ir_atlas_kept(const ir_atlas *atlas);

/* Projected bounds {xmin, ymin, xmax, ymax} of the states shown. */
void ir_atlas_extent(const ir_atlas *atlas, double bounds[4]);

/* Records of the state layers that named no U.S. or Mexican state (e.g.
 * Puerto Rico in a Census file): how many, and the first one's name. */
size_t ir_atlas_skipped(const ir_atlas *atlas, const char **first_name);

#endif

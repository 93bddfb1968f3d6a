/*
 * atlas: resolves and projects boundaries.  See atlas.h.
 *
 * Numeric codes are ambiguous between the U.S. FIPS and INEGI numberings
 * (19 is Iowa and Nuevo León), so the code field's name decides which one a
 * file uses: INEGI's CVE_* fields against Census's STATEFP/GEOID.  A record
 * whose code does not resolve falls back to its name.
 */
#include "atlas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/bbox.h"
#include "base/grow.h"
#include "load/locate.h"
#include "simplify.h"

struct ir_atlas {
    ir_region *regions;
    size_t count, cap;
    double *xy;
    size_t npoints, points_cap;
    size_t *ring_start;
    size_t nrings, rings_cap;
    size_t skipped;
    char *first_skipped;
    unsigned char *keep;   /* per point, after ir_atlas_simplify */
};

/* Copies and projects one feature's rings into the atlas. */
static int add_region(ir_atlas *a, const ir_layer *layer, size_t i,
                      const char *iso, ir_region_kind kind)
{
    const ir_feature *f = ir_layer_feature(layer, i);
    const double *src = ir_layer_points(layer);
    const size_t *rs = ir_layer_ring_starts(layer);
    if (ir_grow((void **)&a->regions, &a->cap, a->count + 1,
                sizeof *a->regions) ||
        ir_grow((void **)&a->ring_start, &a->rings_cap,
                a->nrings + f->nrings + 1, sizeof *a->ring_start))
        return -1;
    ir_region *r = &a->regions[a->count++];
    r->iso = iso;
    r->name = f->name;
    r->kind = kind;
    r->first_ring = a->nrings;
    r->nrings = f->nrings;
    for (size_t k = f->first_ring; k < f->first_ring + f->nrings; k++) {
        size_t n = rs[k + 1] - rs[k];
        if (ir_grow((void **)&a->xy, &a->points_cap, 2 * (a->npoints + n),
                    sizeof *a->xy))
            return -1;
        memcpy(a->xy + 2 * a->npoints, src + 2 * rs[k], 2 * n * sizeof *src);
        a->ring_start[a->nrings++] = a->npoints;
        a->npoints += n;
    }
    a->ring_start[a->nrings] = a->npoints;
    return 0;
}

/* Every region's points are projected in one call, which can use two
 * cores, and then boxed. */
static void project_regions(ir_atlas *a, const ir_projection *proj,
                            int threads)
{
    ir_projection_forward_threads(proj, a->xy, a->npoints, threads);
    for (size_t i = 0; i < a->count; i++) {
        ir_region *r = &a->regions[i];
        size_t from = a->ring_start[r->first_ring];
        size_t to = a->ring_start[r->first_ring + r->nrings];
        double b[4];
        ir_bbox_empty(b);
        ir_bbox_add_points(b, a->xy + 2 * from, to - from);
        if (ir_bbox_is_empty(b))
            b[0] = b[1] = b[2] = b[3] = NAN;
        memcpy(r->bbox, b, sizeof b);
    }
}

ir_atlas *ir_atlas_create(const ir_atlas_sources *src,
                          const ir_states *states, const ir_projection *proj,
                          const ir_atlas_options *opt, ir_error *err)
{
    const ir_layer *const *layers = src->states;
    size_t nlayers = src->nstates;
    const ir_layer *context = src->context;
    static const ir_atlas_options defaults = { 0 };
    if (opt == NULL)
        opt = &defaults;
    ir_atlas *a = calloc(1, sizeof *a);
    if (a == NULL)
        goto oom;
    bool covers_us = false, covers_mx = false;
    size_t nstates = 0;
    for (size_t l = 0; l < nlayers; l++) {
        for (size_t i = 0; i < ir_layer_count(layers[l]); i++) {
            const ir_feature *f = ir_layer_feature(layers[l], i);
            const ir_state *s = ir_layer_state(layers[l], i, states);
            if (s == NULL) {
                if (a->skipped++ == 0 &&
                    (a->first_skipped = strdup(f->name[0] ? f->name
                                                          : f->code)) == NULL)
                    goto oom;
                continue;
            }
            bool us = strcmp(s->country, "US") == 0;
            bool shown = !((strcmp(s->iso, "US-AK") == 0 && !opt->alaska) ||
                           (strcmp(s->iso, "US-HI") == 0 && !opt->hawaii));
            ir_region_kind kind = !shown ? IR_REGION_CONTEXT
                                  : us   ? IR_REGION_US_STATE
                                         : IR_REGION_MX_STATE;
            if (add_region(a, layers[l], i, s->iso, kind))
                goto oom;
            covers_us |= us;
            covers_mx |= !us;
            nstates++;
        }
    }
    if (nstates == 0) {
        ir_error_set(err, IR_EINPUT, nlayers ? ir_layer_path(layers[0]) : NULL,
                     -1, NULL,
                     "no record names a U.S. or Mexican state (name field %s, "
                     "code field %s); choose them with --name-field and "
                     "--code-field",
                     nlayers && ir_layer_name_field(layers[0])
                         ? ir_layer_name_field(layers[0]) : "none",
                     nlayers && ir_layer_code_field(layers[0])
                         ? ir_layer_code_field(layers[0]) : "none");
        ir_atlas_destroy(a);
        return NULL;
    }
    /* Context countries that the state layers already draw are left out. */
    for (size_t i = 0; context && i < ir_layer_count(context); i++) {
        const ir_feature *f = ir_layer_feature(context, i);
        if ((covers_us && strcmp(f->code, "US") == 0) ||
            (covers_mx && strcmp(f->code, "MX") == 0))
            continue;
        bool destination = false;
        if (opt->destinations && f->code[0]) {
            const char *p = strstr(opt->destinations, f->code);
            size_t n = strlen(f->code);
            destination = p && (p == opt->destinations || p[-1] == ' ') &&
                          (p[n] == ' ' || p[n] == '\0');
        }
        if (add_region(a, context, i, f->code,
                       destination ? IR_REGION_DESTINATION_COUNTRY
                                   : IR_REGION_CONTEXT))
            goto oom;
    }
    for (size_t i = 0; src->lakes && i < ir_layer_count(src->lakes); i++)
        if (add_region(a, src->lakes, i, "", IR_REGION_LAKE))
            goto oom;
    for (size_t i = 0; src->areas && i < ir_layer_count(src->areas); i++)
        if (add_region(a, src->areas, i, ir_layer_feature(src->areas, i)->code,
                       IR_REGION_AREA))
            goto oom;
    project_regions(a, proj, opt->threads);
    return a;
oom:
    ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    ir_atlas_destroy(a);
    return NULL;
}

void ir_atlas_destroy(ir_atlas *a)
{
    if (a == NULL)
        return;
    free(a->regions);
    free(a->xy);
    free(a->ring_start);
    free(a->first_skipped);
    free(a->keep);
    free(a);
}

size_t ir_atlas_count(const ir_atlas *a) { return a->count; }

const ir_region *ir_atlas_region(const ir_atlas *a, size_t i)
{
    return i < a->count ? &a->regions[i] : NULL;
}

const double *ir_atlas_points(const ir_atlas *a) { return a->xy; }
const size_t *ir_atlas_ring_starts(const ir_atlas *a) { return a->ring_start; }
size_t ir_atlas_rings(const ir_atlas *a) { return a->nrings; }

int ir_atlas_simplify(ir_atlas *a, double tolerance)
{
    if (a->keep == NULL && (a->keep = malloc(a->npoints ? a->npoints : 1)) == NULL)
        return -1;
    if (ir_simplify_rings(a->xy, a->ring_start, a->nrings, tolerance,
                          a->keep) != 0) {
        free(a->keep);
        a->keep = NULL;
        return -1;
    }
    return 0;
}

const unsigned char *ir_atlas_kept(const ir_atlas *a) { return a->keep; }

void ir_atlas_extent(const ir_atlas *a, double b[4])
{
    ir_bbox_empty(b);
    for (size_t i = 0; i < a->count; i++) {
        const ir_region *r = &a->regions[i];
        if (r->kind != IR_REGION_CONTEXT && r->kind != IR_REGION_LAKE &&
            r->kind != IR_REGION_AREA && !isnan(r->bbox[0]))
            ir_bbox_add_box(b, r->bbox);
    }
}

size_t ir_atlas_skipped(const ir_atlas *a, const char **first_name)
{
    if (first_name)
        *first_name = a->first_skipped;
    return a->skipped;
}

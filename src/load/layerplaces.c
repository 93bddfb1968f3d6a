/*
 * layerplaces: a polygon layer's records as places.  See layerplaces.h.
 */
#include "layerplaces.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/polylabel.h"
#include "base/strmap.h"

/* One place: its records, in layer order. */
typedef struct group {
    size_t first;          /* first record */
    size_t *records;
    size_t n, cap;
} group;

/* The pole of a group's rings, in lon/lat. */
static int group_pole(const ir_layer *layer, const group *g, double *lon,
                      double *lat)
{
    const double *xy = ir_layer_points(layer);
    const size_t *rs = ir_layer_ring_starts(layer);
    double b[4] = { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL };
    size_t nrings = 0, npoints = 0;
    for (size_t k = 0; k < g->n; k++) {
        const ir_feature *f = ir_layer_feature(layer, g->records[k]);
        if (f->nrings == 0)
            continue;
        b[0] = fmin(b[0], f->bbox[0]);
        b[1] = fmin(b[1], f->bbox[1]);
        b[2] = fmax(b[2], f->bbox[2]);
        b[3] = fmax(b[3], f->bbox[3]);
        nrings += f->nrings;
        npoints += rs[f->first_ring + f->nrings] - rs[f->first_ring];
    }
    if (nrings == 0)
        return 1;
    /* A degree of longitude is cos(latitude) degrees of latitude long. */
    double k = cos((b[1] + b[3]) / 2 * M_PI / 180);
    if (!(k > 1e-6))
        k = 1e-6;
    double *pts = malloc(2 * npoints * sizeof *pts);
    size_t *starts = malloc((nrings + 1) * sizeof *starts);
    if (pts == NULL || starts == NULL) {
        free(pts);
        free(starts);
        return -1;
    }
    size_t r = 0, p = 0;
    for (size_t i = 0; i < g->n; i++) {
        const ir_feature *f = ir_layer_feature(layer, g->records[i]);
        for (size_t q = f->first_ring; q < f->first_ring + f->nrings; q++) {
            starts[r++] = p;
            for (size_t v = rs[q]; v < rs[q + 1]; v++, p++) {
                pts[2 * p] = xy[2 * v] * k;
                pts[2 * p + 1] = xy[2 * v + 1];
            }
        }
    }
    starts[r] = p;
    double box[4] = { b[0] * k, b[1], b[2] * k, b[3] };
    double x, y;
    int rc = ir_polylabel(pts, starts, 0, nrings, box, &x, &y);
    free(pts);
    free(starts);
    if (rc)
        return -1;
    *lon = x / k;
    *lat = y;
    return 0;
}

static int oom(ir_error *err, const char *path)
{
    return ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
}

int ir_layer_places_add(ir_states *states, const ir_layer *layer,
                        const char *kind, const ir_locator *locator,
                        ir_error *err)
{
    const char *path = ir_layer_path(layer);
    const char *field = ir_layer_code_field(layer);
    size_t n = ir_layer_count(layer);
    if (field == NULL)
        return ir_error_set(err, IR_EUSAGE, path, -1, NULL,
                            "no key field: name the field that trace rows "
                            "name the places by");
    ir_strmap *seen = ir_strmap_create();
    group *groups = NULL;
    size_t ngroups = 0, cap = 0;
    ir_place_def *defs = NULL;
    int rc = seen ? 0 : oom(err, path);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const ir_feature *f = ir_layer_feature(layer, i);
        char key[128];
        if (ir_states_fold(f->code, key, sizeof key) == 0) {
            rc = ir_error_set(err, IR_EINPUT, path, (long)i + 1, field,
                              "no key");
            break;
        }
        int64_t *slot;
        int64_t g;
        if (!ir_strmap_get(seen, key, strlen(key), &g)) {
            enum ir_lookup found;
            const ir_state *clash = ir_states_lookup(states, f->code, NULL,
                                                     IR_NUMBER_NONE, &found);
            if (clash || found == IR_LOOKUP_AMBIGUOUS) {
                rc = ir_error_set(err, IR_EINPUT, path, (long)i + 1, field,
                                  "'%s' names %s already: a place needs a "
                                  "key of its own", f->code,
                                  clash ? clash->name_en : "a state");
                break;
            }
            if (ir_grow((void **)&groups, &cap, ngroups + 1, sizeof *groups) ||
                (slot = ir_strmap_put(seen, key, strlen(key), 0)) == NULL) {
                rc = oom(err, path);
                break;
            }
            g = (int64_t)ngroups;
            *slot = g;
            groups[ngroups++] = (group){ i, NULL, 0, 0 };
        }
        group *gr = &groups[g];
        if (ir_grow((void **)&gr->records, &gr->cap, gr->n + 1,
                    sizeof *gr->records)) {
            rc = oom(err, path);
            break;
        }
        gr->records[gr->n++] = i;
    }
    if (rc == 0 && ngroups == 0)
        rc = ir_error_set(err, IR_EINPUT, path, -1, NULL, "no records");
    if (rc == 0 && !(defs = calloc(ngroups, sizeof *defs)))
        rc = oom(err, path);
    for (size_t k = 0; rc == 0 && k < ngroups; k++) {
        const ir_feature *f = ir_layer_feature(layer, groups[k].first);
        ir_place_def *d = &defs[k];
        *d = (ir_place_def){ f->code, *f->name ? f->name : f->code,
                             *f->name ? f->name : f->code,
                             kind ? kind : "", "", NAN, NAN, -1 };
        int got = group_pole(layer, &groups[k], &d->lon, &d->lat);
        if (got < 0)
            rc = oom(err, path);
        else if (got > 0)
            rc = ir_error_set(err, IR_EINPUT, path, (long)groups[k].first + 1,
                              field, "'%s' has no polygon (a Null shape)",
                              f->code);
        else if (locator)
            d->parent = ir_locator_find(locator, d->lon, d->lat);
    }
    if (rc == 0)
        rc = ir_states_add_places(states, defs, ngroups, err);
    for (size_t k = 0; k < ngroups; k++)
        free(groups[k].records);
    free(groups);
    free(defs);
    ir_strmap_destroy(seen);
    return rc;
}

int ir_layer_places_locate(ir_states *states, const ir_layer *layer,
                           ir_error *err)
{
    ir_locator *loc = ir_locator_create_places(layer, states, err);
    if (loc == NULL)
        return err->status;
    size_t n = ir_states_count(states);
    for (size_t i = 0; i < n; i++) {
        const ir_state *s = ir_states_at(states, i);
        if (s->kind != IR_STATE_PLACE || s->area >= 0)
            continue;
        long at = ir_locator_find(loc, s->lon, s->lat);
        if (at >= 0 && ir_states_at(states, (size_t)at)->kind == IR_STATE_PLACE)
            ir_states_set_area(states, i, at);
    }
    ir_locator_destroy(loc);
    return 0;
}

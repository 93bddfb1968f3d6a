/*
 * statecheck: see statecheck.h.
 */
#include "statecheck.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "locate.h"

/* Kilometres per degree of latitude, and of longitude at the equator. */
#define KM_LAT 110.57
#define KM_LON 111.32

/* Longitude difference folded into -180..180, so that the Aleutians west
 * of the antimeridian are near Juneau, not a world away. */
static double dlon(double a, double b)
{
    double d = fmod(a - b, 360.0);
    if (d > 180)
        d -= 360;
    if (d < -180)
        d += 360;
    return d;
}

/* Distance (km) from the origin to segment a-b, both in km about it. */
static double segment_km(double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(ax + t * dx, ay + t * dy);
}

double ir_statecheck_distance(const ir_layer *layer, size_t i, double lon,
                              double lat)
{
    const ir_feature *f = ir_layer_feature(layer, i);
    const double *xy = ir_layer_points(layer);
    const size_t *rs = ir_layer_ring_starts(layer);
    /* Near the point, an equirectangular plane is close enough for a
     * check at tens of kilometres; far away the error does not matter. */
    double kx = KM_LON * cos(lat * M_PI / 180), ky = KM_LAT;
    double best = INFINITY;
    bool inside = false;
    for (size_t r = f->first_ring; r < f->first_ring + f->nrings; r++) {
        size_t from = rs[r], to = rs[r + 1];
        for (size_t k = from; k < to; k++) {
            size_t next = k + 1 < to ? k + 1 : from;
            double ax = dlon(xy[2 * k], lon) * kx;
            double ay = (xy[2 * k + 1] - lat) * ky;
            double bx = dlon(xy[2 * next], lon) * kx;
            double by = (xy[2 * next + 1] - lat) * ky;
            double d = segment_km(ax, ay, bx, by);
            if (d < best)
                best = d;
            /* Even-odd crossings of the ray from the point eastward. */
            if ((ay > 0) != (by > 0) && ax + (0 - ay) * (bx - ax) / (by - ay) > 0)
                inside = !inside;
        }
    }
    return inside ? 0 : best;
}

typedef struct state_seen {
    const ir_state *state;
    double km;              /* nearest record's distance from the capital */
    size_t records, first;  /* how many; the first, 0-based */
} state_seen;

int ir_statecheck_layer(ir_layer *layer, const ir_states *states, bool strict,
                        ir_error *err)
{
    size_t n = ir_layer_count(layer);
    if (n == 0)
        return 0;
    state_seen *seen = calloc(n, sizeof *seen);
    long *state_of = malloc(n * sizeof *state_of);
    bool *out = malloc(n * sizeof *out);
    size_t nseen = 0;
    int rc = 0;
    if (seen == NULL || state_of == NULL || out == NULL) {
        rc = ir_error_set(err, IR_EINTERNAL, ir_layer_path(layer), -1, NULL,
                          "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        state_of[i] = -1;
        const ir_state *s = ir_layer_state(layer, i, states);
        if (s == NULL || !isfinite(s->capital_lon) ||
            ir_layer_feature(layer, i)->nrings == 0)
            continue;
        size_t k = 0;
        while (k < nseen && seen[k].state != s)
            k++;
        if (k == nseen)
            seen[nseen++] = (state_seen){ s, INFINITY, 0, i };
        double km = ir_statecheck_distance(layer, i, s->capital_lon,
                                           s->capital_lat);
        if (km < seen[k].km)
            seen[k].km = km;
        seen[k].records++;
        state_of[i] = (long)k;
    }
    char list[900] = "";
    size_t len = 0, misplaced = 0;
    for (size_t k = 0; k < nseen; k++) {
        const state_seen *e = &seen[k];
        if (e->km <= IR_STATECHECK_KM)
            continue;
        misplaced++;
        if (len + 160 < sizeof list)
            len += (size_t)snprintf(
                list + len, sizeof list - len,
                "%s%s (record %zu%s) lies %.0f km from its capital, %s",
                len ? "; " : "", e->state->name_en, e->first + 1,
                e->records > 1 ? " and others" : "", e->km, e->state->capital);
    }
    if (misplaced == 0)
        goto done;
    for (size_t i = 0; i < n; i++)
        out[i] = state_of[i] >= 0 && seen[state_of[i]].km > IR_STATECHECK_KM;
    if (strict) {
        rc = ir_error_set(err, IR_EINPUT, ir_layer_path(layer), -1, NULL,
                          "states not where they are: %s (an inset map, or "
                          "the wrong codes?)", list);
        goto done;
    }
    char why[1100];
    snprintf(why, sizeof why,
             "%zu state%s not where %s: %s; %s left out (an inset map, or "
             "the wrong codes?)", misplaced, misplaced == 1 ? " is" : "s are",
             misplaced == 1 ? "it is" : "they are", list,
             misplaced == 1 ? "it is" : "they are");
    if (ir_layer_leave_out(layer, out, why))
        rc = ir_error_set(err, IR_EINTERNAL, ir_layer_path(layer), -1, NULL,
                          "out of memory");
done:
    free(seen);
    free(state_of);
    free(out);
    return rc;
}

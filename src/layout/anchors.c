/*
 * anchors: poles of inaccessibility (base/polylabel.h) of the atlas's
 * regions.  See anchors.h.
 */
#include "anchors.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/halves.h"
#include "base/polylabel.h"

struct ir_anchors {
    size_t n;
    double *xy;       /* per state table index; NaN when not shown */
    const ir_states *states;
};

double ir_anchors_distance(const ir_atlas *a, const ir_region *r, double x,
                           double y)
{
    return ir_rings_distance(ir_atlas_points(a), ir_atlas_ring_starts(a),
                             r->first_ring, r->nrings, x, y);
}

/* The pole of inaccessibility of one region; -1 when memory runs out. */
static int pole(const ir_atlas *a, const ir_region *r, double *px, double *py)
{
    return ir_polylabel(ir_atlas_points(a), ir_atlas_ring_starts(a),
                        r->first_ring, r->nrings, r->bbox, px, py);
}

/* Area of a region's rings (holes are rare in state outlines and are
 * counted as land: a weight, not a measurement). */
static double region_area(const ir_atlas *a, const ir_region *r)
{
    const double *xy = ir_atlas_points(a);
    const size_t *rs = ir_atlas_ring_starts(a);
    double total = 0;
    for (size_t k = r->first_ring; k < r->first_ring + r->nrings; k++) {
        size_t n = rs[k + 1] - rs[k];
        const double *p = xy + 2 * rs[k];
        double twice = 0;
        for (size_t i = 0, j = n - 1; i < n; j = i++)
            if (!isnan(p[2 * i]) && !isnan(p[2 * j]))
                twice += p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1];
        total += fabs(twice) / 2;
    }
    return total;
}

/* A country's anchor is the area-weighted mean of its shown states'
 * anchors: near the middle of the country, where a single national node
 * reads as "the country" (Kansas; between Zacatecas and San Luis Potosí),
 * the conterminous United States only.
 * Should it ever fall outside every state, the largest state's anchor is
 * taken instead, so a national node is always on land. */
static void national_anchors(ir_anchors *an, const ir_atlas *atlas,
                             const ir_states *states)
{
    for (size_t c = 0; c < an->n; c++) {
        const ir_state *country = ir_states_at(states, c);
        if (country->kind != IR_STATE_COUNTRY)
            continue;
        double sx = 0, sy = 0, sa = 0, big = 0, bx = NAN, by = NAN;
        for (size_t i = 0; i < ir_atlas_count(atlas); i++) {
            const ir_region *r = ir_atlas_region(atlas, i);
            if (r->kind != IR_REGION_US_STATE && r->kind != IR_REGION_MX_STATE)
                continue;
            const ir_state *s = ir_states_lookup(states, r->iso, NULL,
                                                 IR_NUMBER_NONE, NULL);
            /* Alaska and Hawaii, shown at their true place, would pull
             * the United States' node out to sea. */
            if (s == NULL || strcmp(s->country, country->country) != 0 ||
                strcmp(s->iso, "US-AK") == 0 || strcmp(s->iso, "US-HI") == 0)
                continue;
            size_t k = ir_states_index(states, s);
            if (isnan(an->xy[2 * k]))
                continue;
            double area = region_area(atlas, r);
            sx += area * an->xy[2 * k];
            sy += area * an->xy[2 * k + 1];
            sa += area;
            if (area > big)
                big = area, bx = an->xy[2 * k], by = an->xy[2 * k + 1];
        }
        if (!(sa > 0))
            continue;
        double x = sx / sa, y = sy / sa;
        bool on_land = false;
        for (size_t i = 0; i < ir_atlas_count(atlas) && !on_land; i++) {
            const ir_region *r = ir_atlas_region(atlas, i);
            if ((r->kind == IR_REGION_US_STATE || r->kind == IR_REGION_MX_STATE) &&
                strncmp(r->iso, country->country, 2) == 0)
                on_land = ir_anchors_distance(atlas, r, x, y) > 0;
        }
        an->xy[2 * c] = on_land ? x : bx;
        an->xy[2 * c + 1] = on_land ? y : by;
    }
}

static size_t region_vertices(const ir_atlas *a, const ir_region *r)
{
    const size_t *rs = ir_atlas_ring_starts(a);
    return rs[r->first_ring + r->nrings] - rs[r->first_ring];
}

/* Poles of a share of the states, for one of two threads. */
typedef struct pole_job {
    const ir_atlas *atlas;
    const size_t *region, *state; /* each shown state's first region */
    size_t lo, hi;
    double *xy;
    bool failed;
} pole_job;

static void *pole_run(void *arg)
{
    pole_job *j = arg;
    for (size_t i = j->lo; i < j->hi && !j->failed; i++) {
        size_t k = j->state[i];
        j->failed = pole(j->atlas, ir_atlas_region(j->atlas, j->region[i]),
                         &j->xy[2 * k], &j->xy[2 * k + 1]) != 0;
    }
    return NULL;
}

ir_anchors *ir_anchors_create(const ir_atlas *atlas, const ir_states *states,
                              int threads, ir_error *err)
{
    ir_anchors *an = calloc(1, sizeof *an);
    size_t n = ir_states_count(states), nregions = ir_atlas_count(atlas);
    size_t *region = malloc((nregions + 1) * sizeof *region);
    size_t *state = malloc((nregions + 1) * sizeof *state);
    bool *seen = calloc(n + 1, sizeof *seen);
    if (an == NULL || !region || !state || !seen ||
        (an->xy = malloc(2 * n * sizeof *an->xy)) == NULL)
        goto oom;
    an->n = n;
    an->states = states;
    for (size_t i = 0; i < 2 * n; i++)
        an->xy[i] = NAN;
    /* A state split over several records takes its first; the search
     * cost grows with vertices, so the two halves split those evenly.
     * The countries where guns are recovered besides Mexico are nodes of
     * their own, placed like states on their outline in the context
     * layer; the United States and Mexico are placed from their states
     * (national_anchors). */
    size_t m = 0, vertices = 0;
    for (size_t i = 0; i < nregions; i++) {
        const ir_region *r = ir_atlas_region(atlas, i);
        bool country = r->kind == IR_REGION_CONTEXT ||
                       r->kind == IR_REGION_DESTINATION_COUNTRY;
        if (r->kind != IR_REGION_US_STATE && r->kind != IR_REGION_MX_STATE &&
            !country)
            continue;
        const ir_state *s = ir_states_lookup(states, r->iso, NULL,
                                             IR_NUMBER_NONE, NULL);
        if (s == NULL || isnan(r->bbox[0]))
            continue;
        if (country &&
            (s->kind != IR_STATE_COUNTRY || strcmp(s->iso, "US") == 0 ||
             strcmp(s->iso, "MX") == 0))
            continue;
        size_t k = ir_states_index(states, s);
        if (seen[k])
            continue;
        seen[k] = true;
        region[m] = i;
        state[m++] = k;
        vertices += region_vertices(atlas, r);
    }
    size_t split = 0;
    for (size_t acc = 0; split < m && 2 * acc < vertices; split++)
        acc += region_vertices(atlas, ir_atlas_region(atlas, region[split]));
    pole_job job[2] = { { atlas, region, state, 0, split, an->xy, false },
                        { atlas, region, state, split, m, an->xy, false } };
    ir_halves_run(pole_run, &job[0], &job[1], threads > 1);
    if (job[0].failed || job[1].failed)
        goto oom;
    free(region);
    free(state);
    free(seen);
    national_anchors(an, atlas, states);
    return an;
oom:
    free(region);
    free(state);
    free(seen);
    ir_anchors_destroy(an);
    ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    return NULL;
}

void ir_anchors_destroy(ir_anchors *an)
{
    if (an == NULL)
        return;
    free(an->xy);
    free(an);
}

bool ir_anchors_get(const ir_anchors *an, size_t i, double *x, double *y)
{
    if (i >= an->n || isnan(an->xy[2 * i]))
        return false;
    *x = an->xy[2 * i];
    *y = an->xy[2 * i + 1];
    return true;
}

typedef struct override_state {
    ir_anchors *an;
    const ir_projection *proj;
    const char *path;
    char field[3][64];
    int nfield;
    long line;
    int last_term;
    bool header_seen;
    int rc;
    ir_error *err;
} override_state;

static void override_field(void *data, size_t len, void *ctx)
{
    override_state *o = ctx;
    if (o->nfield < 3)
        snprintf(o->field[o->nfield], sizeof o->field[0], "%.*s", (int)len,
                 (const char *)data);
    o->nfield++;
}

static void override_row(int term, void *ctx)
{
    override_state *o = ctx;
    /* With CSV_REPALL_NL libcsv reports every line end, blank lines too,
     * as a row: counting rows counts lines.  A CRLF reports twice. */
    if (term == '\n' && o->last_term == '\r') {
        o->last_term = 0;
        return;
    }
    o->last_term = term;
    o->line++;
    int n = o->nfield;
    o->nfield = 0;
    if (o->rc || n == 0 || (n == 1 && o->field[0][0] == '\0'))
        return; /* a blank line */
    if (!o->header_seen) {
        o->header_seen = true;
        if (n != 3 || strcasecmp(o->field[0], "iso") != 0 ||
            strcasecmp(o->field[1], "lon") != 0 ||
            strcasecmp(o->field[2], "lat") != 0)
            o->rc = ir_error_line(o->err, IR_EINPUT, o->path, o->line, NULL,
                                  "the first line must be the header "
                                  "iso,lon,lat");
        return;
    }
    if (n != 3) {
        o->rc = ir_error_line(o->err, IR_EINPUT, o->path, o->line, NULL,
                              "expected iso,lon,lat; found %d fields", n);
        return;
    }
    const ir_state *s = ir_states_lookup(o->an->states, o->field[0], NULL,
                                         IR_NUMBER_NONE, NULL);
    if (s == NULL) {
        o->rc = ir_error_line(o->err, IR_EINPUT, o->path, o->line, "iso",
                              "unknown state '%s'", o->field[0]);
        return;
    }
    char *e1, *e2;
    double lon = strtod(o->field[1], &e1), lat = strtod(o->field[2], &e2);
    if (e1 == o->field[1] || e2 == o->field[2] || *e1 || *e2 ||
        !(fabs(lon) <= 180) || !(fabs(lat) <= 90)) {
        o->rc = ir_error_line(o->err, IR_EINPUT, o->path, o->line, NULL,
                              "'%s, %s' is not a longitude and latitude",
                              o->field[1], o->field[2]);
        return;
    }
    double xy[2] = { lon, lat };
    ir_projection_forward(o->proj, xy, 1);
    size_t k = ir_states_index(o->an->states, s);
    o->an->xy[2 * k] = xy[0];
    o->an->xy[2 * k + 1] = xy[1];
}

int ir_anchors_override(ir_anchors *an, const char *path,
                        const ir_projection *proj, ir_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot open: %s",
                            strerror(errno));
    struct csv_parser parser;
    override_state o = { .an = an, .proj = proj, .path = path, .err = err };
    if (csv_init(&parser, CSV_REPALL_NL) != 0) {
        fclose(fp);
        return ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                            "out of memory");
    }
    char buf[8192];
    size_t n;
    while (o.rc == 0 && (n = fread(buf, 1, sizeof buf, fp)) > 0)
        csv_parse(&parser, buf, n, override_field, override_row, &o);
    if (o.rc == 0)
        csv_fini(&parser, override_field, override_row, &o);
    if (o.rc == 0 && !o.header_seen)
        o.rc = ir_error_set(err, IR_EINPUT, path, -1, NULL,
                            "empty: expected the header iso,lon,lat");
    csv_free(&parser);
    fclose(fp);
    return o.rc;
}

int ir_anchors_add_places(ir_anchors *an, const ir_projection *proj,
                          ir_error *err)
{
    for (size_t k = 0; k < an->n; k++) {
        const ir_state *s = ir_states_at(an->states, k);
        if (s->kind != IR_STATE_PLACE)
            continue;
        /* A place in a state the map does not show (Alaska, or a state
         * beyond the layers given) is off the map too: it has no node,
         * and its flows are counted as such, not drawn off the page. */
        if (s->parent >= 0 && (size_t)s->parent < an->n &&
            isnan(an->xy[2 * (size_t)s->parent]))
            continue;
        double xy[2] = { s->lon, s->lat };
        ir_projection_forward(proj, xy, 1);
        if (!isfinite(xy[0]) || !isfinite(xy[1]))
            return ir_error_set(err, IR_EINPUT, NULL, -1, NULL,
                                "place '%s' (%g, %g) cannot be projected",
                                s->iso, s->lon, s->lat);
        an->xy[2 * k] = xy[0];
        an->xy[2 * k + 1] = xy[1];
    }
    return 0;
}

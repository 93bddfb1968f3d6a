/*
 * Locating points: known cities in their states and countries, points at
 * sea or beyond the two countries in none, the same answer as a plain
 * scan of every record for thousands of points, and a point on a shared
 * border always given to the same record.
 */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "load/layer.h"
#include "load/locate.h"
#include "load/states.h"
#include "helpers.h"

static th_located world;
static ir_states *table;
static ir_layer **layers;
static ir_locator *locator;

static void setup(void)
{
    ir_error err = { 0 };
    cr_assert_eq(th_located_load(&world, &err), 0, "%s", err.message);
    table = world.table;
    layers = world.layers;
    locator = world.locator;
}

static void teardown(void)
{
    th_located_free(&world);
}

TestSuite(locate, .init = setup, .fini = teardown);

static const char *iso_at(double lon, double lat)
{
    long i = ir_locator_find(locator, lon, lat);
    return i < 0 ? NULL : ir_states_at(table, (size_t)i)->iso;
}

Test(locate, cities_lie_in_their_states_and_countries)
{
    static const struct { double lon, lat; const char *iso; } known[] = {
        { -110.97, 32.22, "US-AZ" },   /* Tucson */
        { -95.37, 29.76, "US-TX" },    /* Houston */
        { -118.24, 34.05, "US-CA" },   /* Los Angeles */
        { -87.63, 41.88, "US-IL" },    /* Chicago */
        { -100.31, 25.67, "MX-NLE" },  /* Monterrey */
        { -99.13, 19.43, "MX-CMX" },   /* Mexico City */
        { -110.96, 29.07, "MX-SON" },  /* Hermosillo */
        { -90.51, 14.63, "GT" },       /* Guatemala City */
        { -87.21, 14.07, "HN" },       /* Tegucigalpa */
        { -89.19, 13.69, "SV" },       /* San Salvador */
        { -88.77, 17.25, "BZ" },       /* Belmopan */
    };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
        const char *iso = iso_at(known[i].lon, known[i].lat);
        cr_expect(iso && strcmp(iso, known[i].iso) == 0,
                  "(%g, %g) in %s, not %s", known[i].lon, known[i].lat,
                  iso ? iso : "nothing", known[i].iso);
    }
    /* The Gulf of Mexico, the Pacific, Ottawa and Havana lie in none. */
    cr_expect_null(iso_at(-90.0, 25.0));
    cr_expect_null(iso_at(-125.0, 30.0));
    cr_expect_null(iso_at(-75.70, 45.42));
    cr_expect_null(iso_at(-82.38, 23.13));
}

/* The reference: every record of the state layers, even-odd over its
 * rings, first in file order; the country layer's four destinations. */
static const char *scan_all(double lon, double lat)
{
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < ir_layer_count(layers[k]); i++) {
            const ir_feature *f = ir_layer_feature(layers[k], i);
            const ir_state *s;
            if (k < 2)
                s = ir_layer_state(layers[k], i, table);
            else if (strcmp(f->code, "GT") && strcmp(f->code, "BZ") &&
                     strcmp(f->code, "SV") && strcmp(f->code, "HN"))
                continue;
            else
                s = ir_states_lookup(table, f->code, NULL, IR_NUMBER_NONE,
                                     NULL);
            if (s == NULL || (k < 2 && s->kind != IR_STATE_PLAIN))
                continue;
            const double *p = ir_layer_points(layers[k]);
            const size_t *rs = ir_layer_ring_starts(layers[k]);
            bool in = false;
            for (size_t r = f->first_ring; r < f->first_ring + f->nrings; r++)
                for (size_t a = rs[r], b = rs[r + 1] - 1; a < rs[r + 1];
                     b = a++) {
                    double xa = p[2 * a], ya = p[2 * a + 1];
                    double xb = p[2 * b], yb = p[2 * b + 1];
                    if ((ya > lat) != (yb > lat) &&
                        lon < (xb - xa) * (lat - ya) / (yb - ya) + xa)
                        in = !in;
                }
            if (in)
                return s->iso;
        }
    return NULL;
}

Test(locate, the_quadtree_finds_what_a_scan_of_every_record_finds)
{
    uint64_t seed = 12345;
    int agree = 0, found = 0;
    for (int i = 0; i < 3000; i++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        double lon = -125 + (double)(seed >> 40) / (1 << 24) * 45;
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        double lat = 12 + (double)(seed >> 40) / (1 << 24) * 38;
        const char *a = iso_at(lon, lat), *b = scan_all(lon, lat);
        bool same = (a == NULL && b == NULL) || (a && b && !strcmp(a, b));
        cr_expect(same, "(%g, %g): %s by the tree, %s by the scan", lon, lat,
                  a ? a : "none", b ? b : "none");
        agree += same;
        found += a != NULL;
    }
    cr_expect_eq(agree, 3000);
    cr_expect_gt(found, 1000, "only %d of 3000 points in a state", found);
}

Test(locate, a_point_on_a_shared_border_always_goes_to_one_record)
{
    /* A vertex of both Arizona's and New Mexico's outline. */
    const double *p = ir_layer_points(layers[0]);
    const ir_state *az = ir_states_lookup(table, "US-AZ", NULL,
                                          IR_NUMBER_NONE, NULL);
    double lon = 0, lat = 0;
    for (size_t i = 0; i < ir_layer_count(layers[0]); i++)
        if (ir_layer_state(layers[0], i, table) == az) {
            const ir_feature *f = ir_layer_feature(layers[0], i);
            size_t first = ir_layer_ring_starts(layers[0])[f->first_ring];
            /* Arizona's easternmost vertex lies on the New Mexico line. */
            double best = -1e9;
            for (size_t k = first;
                 k < ir_layer_ring_starts(layers[0])[f->first_ring + 1]; k++)
                if (p[2 * k] > best)
                    best = p[2 * k], lon = p[2 * k], lat = p[2 * k + 1];
        }
    const char *first = iso_at(lon, lat);
    for (int i = 0; i < 10; i++) {
        const char *again = iso_at(lon, lat);
        cr_expect((first == NULL && again == NULL) ||
                      (first && again && strcmp(first, again) == 0),
                  "the border point moved");
    }
    /* Just inside either side, each state. */
    cr_expect_str_eq(iso_at(lon - 0.01, lat - 0.01), "US-AZ");
    cr_expect_str_eq(iso_at(lon + 0.01, lat - 0.01), "US-NM");
}

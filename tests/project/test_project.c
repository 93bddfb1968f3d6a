/*
 * Projection: known points against PROJ's own cs2cs, and bad definitions.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "project/project.h"

/* Expected values printed by PROJ 9.1.1's cs2cs:
 *   cs2cs -f %.6f +proj=longlat +datum=WGS84 +to <IR_PROJECTION_DEFAULT>
 * for El Paso, Mexico City, New York, Crescent City and Cancún. */
Test(project, default_projection_matches_cs2cs)
{
    static const double cases[][4] = {
        { -100, 32, 0, 0 },
        { -106.485, 31.7619, -600636.192776, -7671.651049 },
        { -99.1332, 19.4326, 91215.006270, -1372924.749787 },
        { -74.006, 40.7128, 2151639.458003, 1211051.501176 },
        { -124.2, 41.9, -1976548.189130, 1303640.764308 },
        { -86.85, 21.16, 1356999.736237, -1098994.649945 },
    };
    ir_error err = { 0 };
    ir_projection *p = ir_projection_create(NULL, &err);
    cr_assert_not_null(p, "%s", err.message);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double xy[2] = { cases[i][0], cases[i][1] };
        ir_projection_forward(p, xy, 1);
        cr_expect(fabs(xy[0] - cases[i][2]) < 1e-3 &&
                      fabs(xy[1] - cases[i][3]) < 1e-3,
                  "point %zu: %.6f %.6f", i, xy[0], xy[1]);
    }
    ir_projection_destroy(p);
}

/* EPSG:6372 lists northing first; the map must still get x = easting:
 *   cs2cs -f %.6f +proj=longlat +datum=WGS84 +to EPSG:6372
 * prints "2194725.900373 2073036.232930" (N, E) for El Paso. */
Test(project, epsg_codes_are_put_in_easting_northing_order)
{
    ir_error err = { 0 };
    ir_projection *p = ir_projection_create("EPSG:6372", &err);
    cr_assert_not_null(p, "%s", err.message);
    double xy[4] = { -106.485, 31.7619, -99.1332, 19.4326 };
    ir_projection_forward(p, xy, 2);
    cr_expect(fabs(xy[0] - 2073036.232930) < 1e-3, "%f", xy[0]);
    cr_expect(fabs(xy[1] - 2194725.900373) < 1e-3, "%f", xy[1]);
    cr_expect(fabs(xy[2] - 2800163.325799) < 1e-3, "%f", xy[2]);
    cr_expect(fabs(xy[3] - 829057.519384) < 1e-3, "%f", xy[3]);
    ir_projection_destroy(p);
}

Test(project, bad_definitions_are_usage_errors)
{
    const char *bad[] = { "+proj=nosuch", "EPSG:999999", "not a crs",
                          "EPSG:4979" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ir_error err = { 0 };
        ir_projection *p = ir_projection_create(bad[i], &err);
        cr_expect_null(p, "'%s' accepted", bad[i]);
        cr_expect_eq(err.status, IR_EUSAGE);
        cr_expect(strstr(err.message, bad[i]) != NULL, "%s", err.message);
        ir_projection_destroy(p);
    }
}

Test(project, unprojectable_points_become_nan)
{
    ir_error err = { 0 };
    ir_projection *p = ir_projection_create(
        "+proj=ortho +lat_0=30 +lon_0=-100 +datum=WGS84", &err);
    cr_assert_not_null(p, "%s", err.message);
    double xy[4] = { -100, 30, 80, -30 }; /* the antipode is not visible */
    ir_projection_forward(p, xy, 2);
    cr_expect(fabs(xy[0]) < 1e-6 && fabs(xy[1]) < 1e-6);
    cr_expect(isnan(xy[2]) && isnan(xy[3]));
    ir_projection_destroy(p);
}

/* Projecting on two threads splits the points between two copies of the
 * transformation: every number is the one a single thread computes, the
 * unprojectable points' NaN included. */
Test(project, two_threads_give_the_same_points)
{
    enum { N = 60000 };
    static double one[2 * N], two[2 * N];
    uint32_t seed = 7;
    for (size_t i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        one[2 * i] = -180 + (seed >> 8) % 36000 / 100.0;
        seed = seed * 1103515245u + 12345u;
        one[2 * i + 1] = -90 + (seed >> 8) % 18000 / 100.0;
    }
    one[2 * (N - 1)] = NAN;  /* in the second half */
    memcpy(two, one, sizeof one);
    ir_error err = { 0 };
    ir_projection *p = ir_projection_create(NULL, &err);
    cr_assert_not_null(p, "%s", err.message);
    ir_projection_forward_threads(p, one, N, 1);
    ir_projection_forward_threads(p, two, N, 2);
    size_t same = 0, nan = 0;
    for (size_t i = 0; i < 2 * N; i++) {
        same += (isnan(one[i]) && isnan(two[i])) ||
                memcmp(&one[i], &two[i], sizeof one[i]) == 0;
        nan += isnan(two[i]) != 0;
    }
    cr_expect_eq(same, 2 * N, "%zu of %d numbers differ", 2 * N - same, 2 * N);
    cr_expect_geq(nan, 2, "the NaN point stays NaN");
    ir_projection_destroy(p);
}

/*
 * legendseries: round 1-2-5 values, distinct samples, whole numbers for
 * counts, circles by area.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "layout/legendseries.h"

Test(legendseries, floor_125_is_the_largest_series_value_not_above)
{
    static const double in[] = { 1, 1.9, 2, 4.99, 5, 9.99, 10, 1000, 2600,
                                 0.07, 0.3, 7777 };
    static const double out[] = { 1, 1, 2, 2, 5, 5, 10, 1000, 2000, 0.05, 0.2,
                                  5000 };
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
        cr_expect_float_eq(ir_series_floor_125(in[i]), out[i], 1e-12,
                           "%g -> %g, not %g", in[i],
                           ir_series_floor_125(in[i]), out[i]);
    cr_expect_eq(ir_series_floor_125(0), 0);
    cr_expect_eq(ir_series_floor_125(-3), 0);
}

Test(legendseries, width_samples_halve_and_stop_at_the_narrowest)
{
    double v[3];
    /* 2,600 at 0.01 pt a unit: 2,000 / 1,000 / 500, each half the last. */
    size_t n = ir_series_widths(2600, true, 0.01, 0.8, v);
    cr_assert_eq(n, 3);
    cr_expect_eq(v[0], 2000);
    cr_expect_eq(v[1], 1000);
    cr_expect_eq(v[2], 500);
    for (size_t i = 1; i < n; i++)
        cr_expect_leq(v[i], v[i - 1] / 2);
    /* At 0.001 pt a unit, 1,000 is 1 pt and 500 under the 0.8 pt floor. */
    n = ir_series_widths(2600, true, 0.001, 0.8, v);
    cr_expect_eq(n, 2);
    /* Counts never get 0.5; shares may. */
    cr_expect_eq(ir_series_widths(1.2, true, 10, 0.1, v), 1);
    cr_expect_eq(ir_series_widths(1.2, false, 10, 0.1, v), 3);
    cr_expect_float_eq(v[2], 0.2, 1e-12);
}

Test(legendseries, circles_by_area_and_a_quarter)
{
    cr_expect_float_eq(ir_series_radius(100, 400, 2, 10), 5, 1e-12,
                       "a quarter of the total is half the radius");
    cr_expect_eq(ir_series_radius(0, 400, 2, 10), 2);
    cr_expect_eq(ir_series_radius(5, 0, 2, 10), 2);
    double v[2];
    size_t n = ir_series_circles(2600, true, 2, 10, v);
    cr_assert_eq(n, 2);
    cr_expect_eq(v[0], 2000);
    cr_expect_eq(v[1], 500);
    /* A largest circle barely above the smallest shows no sample. */
    cr_expect_eq(ir_series_circles(2600, true, 2, 2.5, v), 0);
}

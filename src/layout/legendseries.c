/*
 * legendseries: the values a legend shows.  See legendseries.h.
 */
#include "legendseries.h"

#include <math.h>

double ir_series_floor_125(double v)
{
    if (!(v > 0))
        return 0;
    double p = pow(10, floor(log10(v)));
    /* log10 of an exact power of ten may land just below it. */
    if (p * 10 <= v)
        p *= 10;
    static const double steps[] = { 5, 2, 1 };
    for (int i = 0; i < 3; i++)
        if (steps[i] * p <= v)
            return steps[i] * p;
    return p / 2;
}

size_t ir_series_widths(double max, bool counts, double scale,
                        double min_width, double values[3])
{
    /* Each next sample at most half the last (2,000 / 1,000 / 500):
     * widths that differ at a glance.  A sample no wider than the
     * narrowest width would look like every smaller one, and ends the
     * series; counts get whole numbers (2.5 guns reads as an error). */
    size_t n = 0;
    for (double v = ir_series_floor_125(max); n < 3 && v > 0;
         v = ir_series_floor_125(v / 2)) {
        if (counts && v < 1)
            break;
        if (n > 0 && v * scale < min_width)
            break;
        values[n++] = v;
    }
    return n;
}

double ir_series_radius(double total, double max_total, double r_min,
                        double r_max)
{
    return max_total > 0 ? fmax(r_min, r_max * sqrt(total / max_total))
                         : r_min;
}

size_t ir_series_circles(double max_total, bool counts, double r_min,
                         double r_max, double values[2])
{
    size_t n = 0;
    double v = ir_series_floor_125(max_total);
    if (counts && v < 1)
        return 0;
    if (v > 0 && ir_series_radius(v, max_total, r_min, r_max) > r_min + 1)
        values[n++] = v;
    /* A quarter of the area: half the radius, distinct at a glance. */
    double w = ir_series_floor_125(v / 4);
    if (n == 1 && w > 0 && !(counts && w < 1) &&
        ir_series_radius(w, max_total, r_min, r_max) > r_min)
        values[n++] = w;
    return n;
}

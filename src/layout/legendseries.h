/*
 * legendseries: the values a legend shows, round and distinct.
 *
 * A legend sample is read against the flows or circles beside it, so its
 * values come from the 1-2-5 series (1, 2, 5, 10, 20, 50 ...): round
 * numbers a reader takes in at a glance, never two samples of nearly the
 * same size.  Pure functions of the map's numbers, so that the rules can be
 * tested without a map.
 */
#ifndef IR_LEGENDSERIES_H
#define IR_LEGENDSERIES_H

#include <stdbool.h>
#include <stddef.h>

/* The largest value of the 1-2-5 series not above v (0 for v <= 0). */
double ir_series_floor_125(double v);

/* Up to three width samples for flows of at most `max`, drawn at
 * `scale` points per unit and at least `min_width` points: the largest
 * series value under max, then each at most half the last, until a
 * sample would be no wider than the narrowest flow; whole numbers only
 * when the weights are counts.  Returns how many. */
size_t ir_series_widths(double max, bool counts, double scale,
                        double min_width, double values[3]);

/* A node circle's radius for `total`: area in proportion to it, r_max at
 * max_total, never under r_min. */
double ir_series_radius(double total, double max_total, double r_min,
                        double r_max);

/* Up to two circle samples: the largest series value under max_total,
 * and a quarter of it (half the radius) when both stand clear of the
 * smallest circle.  Returns how many. */
size_t ir_series_circles(double max_total, bool counts, double r_min,
                         double r_max, double values[2]);

#endif

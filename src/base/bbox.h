/*
 * bbox: bounding boxes {xmin, ymin, xmax, ymax} over interleaved x, y
 * points, skipping NaN (points a projection could not represent).
 */
#ifndef IR_BBOX_H
#define IR_BBOX_H

#include <math.h>
#include <stddef.h>

static inline void ir_bbox_empty(double b[4])
{
    b[0] = b[1] = HUGE_VAL;
    b[2] = b[3] = -HUGE_VAL;
}

static inline void ir_bbox_add_points(double b[4], const double *xy, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double x = xy[2 * i], y = xy[2 * i + 1];
        if (isnan(x) || isnan(y))
            continue;
        b[0] = fmin(b[0], x), b[1] = fmin(b[1], y);
        b[2] = fmax(b[2], x), b[3] = fmax(b[3], y);
    }
}

static inline void ir_bbox_add_box(double b[4], const double o[4])
{
    b[0] = fmin(b[0], o[0]), b[1] = fmin(b[1], o[1]);
    b[2] = fmax(b[2], o[2]), b[3] = fmax(b[3], o[3]);
}

static inline int ir_bbox_is_empty(const double b[4])
{
    return !(b[0] <= b[2] && b[1] <= b[3]);
}

#endif

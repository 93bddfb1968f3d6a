/*
 * classify: class breaks for a choropleth (lay-out stage).
 *
 * Classes are closed above: class i holds the values v with
 * breaks[i] < v <= breaks[i + 1], the first also breaks[0] itself, so
 * every break but the first is a value the class really reaches (as
 * mapclassify and the cartography texts define them).  breaks[0] is the
 * least value and breaks[n] the greatest.
 */
#ifndef IR_CLASSIFY_H
#define IR_CLASSIFY_H

#include <stddef.h>

typedef enum ir_class_method {
    IR_CLASS_QUANTILES,   /* about as many values in every class */
    IR_CLASS_EQUAL,       /* classes of equal width */
    IR_CLASS_JENKS        /* natural breaks: least squared deviation
                             within classes (Fisher's exact optimum) */
} ir_class_method;

#define IR_CLASSES_MAX 9  /* ColorBrewer's sequential palettes stop at 9 */

/* Breaks of at most `classes` classes of the n values (any order, finite)
 * into breaks[0 .. returned]; fewer classes when the values have fewer
 * distinct values.  Returns the number of classes, 0 for no values, -1
 * when out of memory. */
int ir_classify(const double *values, size_t n, ir_class_method method,
                int classes, double breaks[IR_CLASSES_MAX + 1]);

/* Breaks from upper bounds the user gives (increasing): the classes up to
 * each bound, and one more up to the greatest value if it lies above the
 * last bound.  Returns the number of classes, or -1 when the bounds do not
 * increase or make more than IR_CLASSES_MAX classes. */
int ir_classify_bounds(const double *values, size_t n, const double *bounds,
                       size_t nbounds, double breaks[IR_CLASSES_MAX + 1]);

/* The class of v: 0 .. nclasses - 1 (values beyond the ends take the
 * end classes). */
int ir_class_of(const double *breaks, int nclasses, double v);

#endif

/*
 * Class breaks: natural breaks against every partition there is, and
 * quantiles, equal intervals and given bounds on values whose breaks are
 * known by hand.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "layout/classify.h"

static void expect_breaks(const double *got, int n, const double *want,
                          int nwant)
{
    cr_assert_eq(n, nwant, "%d classes, not %d", n, nwant);
    for (int i = 0; i <= n; i++)
        cr_expect_float_eq(got[i], want[i], 1e-9, "break %d: %g, not %g", i,
                           got[i], want[i]);
}

Test(classify, natural_breaks_find_three_obvious_groups)
{
    const double v[] = { 21, 2, 11, 1, 22, 10, 3, 12, 20 };
    double b[IR_CLASSES_MAX + 1];
    int n = ir_classify(v, 9, IR_CLASS_JENKS, 3, b);
    expect_breaks(b, n, (const double[]){ 1, 3, 12, 22 }, 3);
}

/* A published example: the README of the JavaScript package jenks
 * (github.com/42arch/Jenks) gives these ten values in three classes as
 * [0.5, 15, 45, 120]; an exhaustive search of the 36 partitions agrees
 * (within-class squared deviations 750.06). */
Test(classify, natural_breaks_of_a_published_example)
{
    const double v[] = { 1, 2, 5, 15, 45, 89.3, 112, 31, 120, 0.5 };
    double b[IR_CLASSES_MAX + 1];
    int n = ir_classify(v, 10, IR_CLASS_JENKS, 3, b);
    expect_breaks(b, n, (const double[]){ 0.5, 15, 45, 120 }, 3);
}

/* Within-class sum of squared deviations of the classes the breaks make. */
static double deviation(const double *v, size_t n, const double *b, int k)
{
    double sum[IR_CLASSES_MAX] = { 0 }, sq[IR_CLASSES_MAX] = { 0 };
    double cnt[IR_CLASSES_MAX] = { 0 };
    for (size_t i = 0; i < n; i++) {
        int c = ir_class_of(b, k, v[i]);
        sum[c] += v[i], sq[c] += v[i] * v[i], cnt[c] += 1;
    }
    double d = 0;
    for (int c = 0; c < k; c++)
        if (cnt[c] > 0)
            d += sq[c] - sum[c] * sum[c] / cnt[c];
    return d;
}

/* The least deviation over every way of cutting the sorted distinct
 * values into k runs: cuts chosen as a bit mask of the d - 1 gaps. */
static double best_deviation(const double *v, size_t n, int k)
{
    double x[32];
    size_t d = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < d && x[j] != v[i])
            j++;
        if (j == d)
            x[d++] = v[i];
    }
    for (size_t i = 1; i < d; i++)
        for (size_t j = i; j > 0 && x[j - 1] > x[j]; j--) {
            double t = x[j];
            x[j] = x[j - 1], x[j - 1] = t;
        }
    double best = INFINITY;
    for (unsigned mask = 0; mask < 1u << (d - 1); mask++) {
        if (__builtin_popcount(mask) != k - 1)
            continue;
        double b[IR_CLASSES_MAX + 1];
        int nb = 0;
        b[nb++] = x[0];
        for (size_t g = 0; g + 1 < d; g++)
            if (mask & (1u << g))
                b[nb++] = x[g];
        b[nb] = x[d - 1];
        best = fmin(best, deviation(v, n, b, k));
    }
    return best;
}

Test(classify, natural_breaks_are_the_best_partition)
{
    unsigned long long seed = 17;
    for (int trial = 0; trial < 200; trial++) {
        double v[14];
        size_t n = 6 + (size_t)(trial % 9);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            /* few distinct values, so ties are common */
            v[i] = (double)((seed >> 33) % 40) * (trial % 2 ? 1 : 12.5);
        }
        int k = 2 + trial % 4;
        double b[IR_CLASSES_MAX + 1];
        int got = ir_classify(v, n, IR_CLASS_JENKS, k, b);
        cr_assert(got >= 1 && got <= k);
        for (int i = 0; i < got; i++)
            cr_assert(b[i] <= b[i + 1] && (i == 0 || b[i] < b[i + 1]),
                      "trial %d: breaks out of order", trial);
        double want = best_deviation(v, n, got);
        cr_expect(fabs(deviation(v, n, b, got) - want) <= 1e-6 * (1 + want),
                  "trial %d (n %zu, k %d): %g against the best %g", trial, n,
                  got, deviation(v, n, b, got), want);
    }
}

Test(classify, quantiles_put_as_many_values_in_each_class)
{
    double v[10], b[IR_CLASSES_MAX + 1];
    for (int i = 0; i < 10; i++)
        v[i] = 10 - i;
    expect_breaks(b, ir_classify(v, 10, IR_CLASS_QUANTILES, 5, b),
                  (const double[]){ 1, 2, 4, 6, 8, 10 }, 5);
    expect_breaks(b, ir_classify(v, 10, IR_CLASS_QUANTILES, 4, b),
                  (const double[]){ 1, 3, 5, 8, 10 }, 4);
    /* Ties: five values of 1 fill the first class alone, and a quantile
     * that repeats a break is dropped. */
    const double t[] = { 1, 1, 1, 1, 1, 2, 3 };
    expect_breaks(b, ir_classify(t, 7, IR_CLASS_QUANTILES, 3, b),
                  (const double[]){ 1, 1, 3 }, 2);
}

Test(classify, equal_intervals_and_a_single_value)
{
    const double v[] = { 10, 0, 3 };
    double b[IR_CLASSES_MAX + 1];
    expect_breaks(b, ir_classify(v, 3, IR_CLASS_EQUAL, 5, b),
                  (const double[]){ 0, 2, 4, 6, 8, 10 }, 5);
    const double one[] = { 7, 7 };
    expect_breaks(b, ir_classify(one, 2, IR_CLASS_JENKS, 5, b),
                  (const double[]){ 7, 7 }, 1);
    cr_expect_eq(ir_classify(one, 0, IR_CLASS_JENKS, 5, b), 0);
    /* No more classes than distinct values. */
    const double two[] = { 1, 5, 1, 5 };
    cr_expect_eq(ir_classify(two, 4, IR_CLASS_QUANTILES, 5, b), 2);
}

Test(classify, given_bounds_and_the_class_of_a_value)
{
    double v[100], b[IR_CLASSES_MAX + 1];
    for (int i = 0; i < 100; i++)
        v[i] = i + 1;
    int n = ir_classify_bounds(v, 100, (const double[]){ 10, 50 }, 2, b);
    expect_breaks(b, n, (const double[]){ 1, 10, 50, 100 }, 3);
    cr_expect_eq(ir_class_of(b, n, 1), 0);
    cr_expect_eq(ir_class_of(b, n, 10), 0);
    cr_expect_eq(ir_class_of(b, n, 10.5), 1);
    cr_expect_eq(ir_class_of(b, n, 50), 1);
    cr_expect_eq(ir_class_of(b, n, 100), 2);
    /* A last bound above every value adds no class. */
    n = ir_classify_bounds(v, 100, (const double[]){ 10, 50, 200 }, 3, b);
    expect_breaks(b, n, (const double[]){ 1, 10, 50, 200 }, 3);
    cr_expect_eq(ir_classify_bounds(v, 100, (const double[]){ 50, 10 }, 2, b),
                 -1);
}

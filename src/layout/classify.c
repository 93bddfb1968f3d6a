/*
 * classify: quantiles, equal intervals and natural breaks.  See
 * classify.h.
 *
 * Natural breaks work on the distinct values, each weighted by how often
 * it occurs, so that equal values never fall on both sides of a break.
 * Fisher's dynamic programme finds the partition of least within-class
 * squared deviation; since that cost satisfies the quadrangle inequality,
 * the best start of the last class moves right with its end, and each row
 * of the programme is filled by divide and conquer in O(d log d) rather
 * than O(d^2): a county layer's 3,000 values take milliseconds.
 */
#include "classify.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The sorted distinct values and their counts. */
typedef struct distinct {
    double *x, *w;
    size_t d;
} distinct;

static int distinct_of(const double *values, size_t n, distinct *v)
{
    double *s = malloc(n * sizeof *s);
    v->x = malloc(n * sizeof *v->x);
    v->w = malloc(n * sizeof *v->w);
    if (s == NULL || v->x == NULL || v->w == NULL) {
        free(s);
        free(v->x);
        free(v->w);
        return -1;
    }
    memcpy(s, values, n * sizeof *s);
    qsort(s, n, sizeof *s, by_value);
    v->d = 0;
    for (size_t i = 0; i < n; i++) {
        if (v->d > 0 && s[i] == v->x[v->d - 1]) {
            v->w[v->d - 1] += 1;
        } else {
            v->x[v->d] = s[i];
            v->w[v->d++] = 1;
        }
    }
    free(s);
    return 0;
}

/* Prefix sums of weight, weighted value and weighted square, of values
 * taken about their mean so that the differences keep their digits. */
typedef struct sums {
    double *w, *x, *xx;
} sums;

static double cost(const sums *p, size_t a, size_t b)  /* classes a..b */
{
    double w = p->w[b + 1] - p->w[a], x = p->x[b + 1] - p->x[a];
    double c = p->xx[b + 1] - p->xx[a] - x * x / w;
    return c > 0 ? c : 0;
}

typedef struct programme {
    const sums *p;
    const double *prev;   /* best cost of j - 1 classes ending at each i */
    double *cur;
    size_t *start;        /* where the last class starts, per end */
} programme;

/* Row j for ends lo..hi, knowing the last class starts in [from, to]. */
static void fill_row(programme *g, size_t lo, size_t hi, size_t from,
                     size_t to)
{
    while (lo <= hi) {
        size_t mid = lo + (hi - lo) / 2, best_m = from;
        double best = INFINITY;
        for (size_t m = from; m <= to && m <= mid; m++) {
            if (m == 0)
                continue;
            double c = g->prev[m - 1] + cost(g->p, m, mid);
            if (c < best)
                best = c, best_m = m;
        }
        g->cur[mid] = best;
        g->start[mid] = best_m;
        if (mid > lo)
            fill_row(g, lo, mid - 1, from, best_m);
        lo = mid + 1;
        from = best_m;
    }
}

static int jenks(const distinct *v, int k, double *breaks)
{
    size_t d = v->d;
    sums p = { calloc(d + 1, sizeof(double)), calloc(d + 1, sizeof(double)),
               calloc(d + 1, sizeof(double)) };
    double *row = malloc(2 * d * sizeof *row);
    size_t *start = malloc((size_t)k * d * sizeof *start);
    int rc = -1;
    if (p.w == NULL || p.x == NULL || p.xx == NULL || row == NULL ||
        start == NULL)
        goto done;
    double total = 0, weight = 0;
    for (size_t i = 0; i < d; i++)
        total += v->x[i] * v->w[i], weight += v->w[i];
    double mean = total / weight;
    for (size_t i = 0; i < d; i++) {
        double x = v->x[i] - mean;
        p.w[i + 1] = p.w[i] + v->w[i];
        p.x[i + 1] = p.x[i] + v->w[i] * x;
        p.xx[i + 1] = p.xx[i] + v->w[i] * x * x;
    }
    double *prev = row, *cur = row + d;
    for (size_t i = 0; i < d; i++)
        prev[i] = cost(&p, 0, i), start[i] = 0;
    for (int j = 1; j < k; j++) {
        programme g = { &p, prev, cur, start + (size_t)j * d };
        for (size_t i = 0; i < (size_t)j; i++)
            cur[i] = INFINITY, g.start[i] = i;
        fill_row(&g, (size_t)j, d - 1, (size_t)j, d - 1);
        double *t = prev;
        prev = cur, cur = t;
    }
    /* Back from the last value: each class's start ends the one before. */
    size_t end = d - 1;
    breaks[k] = v->x[d - 1];
    for (int j = k - 1; j >= 1; j--) {
        size_t m = start[(size_t)j * d + end];
        breaks[j] = v->x[m - 1];
        end = m - 1;
    }
    breaks[0] = v->x[0];
    rc = k;
done:
    free(p.w);
    free(p.x);
    free(p.xx);
    free(row);
    free(start);
    return rc;
}

/* Drops repeated breaks (quantiles of values with ties).  The first class
 * may be the least value alone: it holds breaks[0] itself. */
static int unique_breaks(double *breaks, int k)
{
    int n = 1;
    for (int i = 2; i <= k; i++)
        if (breaks[i] > breaks[n])
            breaks[++n] = breaks[i];
    return n;
}

int ir_classify(const double *values, size_t n, ir_class_method method,
                int classes, double breaks[IR_CLASSES_MAX + 1])
{
    if (n == 0)
        return 0;
    distinct v;
    if (distinct_of(values, n, &v) != 0)
        return -1;
    int k = classes < 1 ? 1 : classes > IR_CLASSES_MAX ? IR_CLASSES_MAX
                                                        : classes;
    /* Equal intervals may leave a class empty; the others cannot. */
    if ((size_t)k > v.d && method != IR_CLASS_EQUAL)
        k = (int)v.d;
    double lo = v.x[0], hi = v.x[v.d - 1];
    int rc = k;
    if (v.d == 1) {
        breaks[0] = breaks[1] = lo;
        rc = 1;
    } else if (method == IR_CLASS_EQUAL) {
        breaks[0] = lo;
        for (int i = 1; i < k; i++)
            breaks[i] = lo + (hi - lo) * i / k;
        breaks[k] = hi;
    } else if (method == IR_CLASS_QUANTILES) {
        /* The value below which i/k of the values lie, as a value of the
         * data: the class ends at the ceil(i n / k)-th smallest. */
        size_t seen = 0, at = 0;
        breaks[0] = lo;
        for (int i = 1; i <= k; i++) {
            size_t rank = ((size_t)i * n + (size_t)k - 1) / (size_t)k;
            while (seen + (size_t)v.w[at] < rank)
                seen += (size_t)v.w[at++];
            breaks[i] = v.x[at];
        }
        rc = unique_breaks(breaks, k);
    } else {
        rc = jenks(&v, k, breaks);
    }
    free(v.x);
    free(v.w);
    return rc;
}

int ir_classify_bounds(const double *values, size_t n, const double *bounds,
                       size_t nbounds, double breaks[IR_CLASSES_MAX + 1])
{
    if (nbounds == 0 || nbounds > IR_CLASSES_MAX)
        return -1;
    for (size_t i = 1; i < nbounds; i++)
        if (!(bounds[i] > bounds[i - 1]))
            return -1;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        lo = fmin(lo, values[i]), hi = fmax(hi, values[i]);
    breaks[0] = fmin(lo, bounds[0]);
    memcpy(breaks + 1, bounds, nbounds * sizeof *bounds);
    int k = (int)nbounds;
    if (hi > bounds[nbounds - 1]) {
        if (k == IR_CLASSES_MAX)
            return -1;
        breaks[++k] = hi;
    }
    return k;
}

int ir_class_of(const double *breaks, int nclasses, double v)
{
    int i = 0;
    while (i < nclasses - 1 && v > breaks[i + 1])
        i++;
    return i;
}

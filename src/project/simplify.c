/*
 * simplify: topology-keeping Douglas-Peucker.  See simplify.h.
 *
 * A vertex is named by the first point with its exact coordinates (the
 * files' shared borders repeat the same numbers, and projecting them gives
 * the same numbers again).  A vertex is a junction when its rings do not
 * all pass through it between the same two neighbours: there a border
 * meets another, or ends.  Between two junctions every ring that holds the
 * arc holds the same vertices, forwards or backwards.
 */
#include "simplify.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

typedef struct topology {
    const double *xy;
    uint32_t *vertex;     /* per point: its vertex, NONE for NaN */
    uint32_t *pair;       /* per vertex: its two neighbours, sorted */
    unsigned char *junction;
} topology;

static uint64_t coordinate_bits(double v)
{
    uint64_t b;
    v += 0.0; /* -0.0 and 0.0 are the same place */
    memcpy(&b, &v, sizeof b);
    return b;
}

static size_t hash_point(const double *p)
{
    uint64_t h = coordinate_bits(p[0]) * 0x9E3779B97F4A7C15ULL;
    h ^= coordinate_bits(p[1]) + 0x7F4A7C159E3779B9ULL + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9ULL;
    return (size_t)(h ^ (h >> 31));
}

/* Names every point's vertex through an open-addressed table. */
static int name_vertices(topology *t, size_t npoints)
{
    size_t cap = 16;
    while (cap < 2 * npoints)
        cap *= 2;
    uint32_t *slot = malloc(cap * sizeof *slot);
    if (slot == NULL)
        return -1;
    memset(slot, 0xff, cap * sizeof *slot);
    for (size_t i = 0; i < npoints; i++) {
        const double *p = t->xy + 2 * i;
        if (isnan(p[0]) || isnan(p[1])) {
            t->vertex[i] = NONE;
            continue;
        }
        size_t h = hash_point(p) & (cap - 1);
        for (;; h = (h + 1) & (cap - 1)) {
            if (slot[h] == NONE) {
                slot[h] = (uint32_t)i;
                t->vertex[i] = (uint32_t)i;
                break;
            }
            const double *q = t->xy + 2 * (size_t)slot[h];
            if (q[0] == p[0] && q[1] == p[1]) {
                t->vertex[i] = slot[h];
                break;
            }
        }
    }
    free(slot);
    return 0;
}

/* A ring's points as a cycle: the repeated closing point is left out. */
static size_t cycle_length(const topology *t, size_t start, size_t n)
{
    if (n >= 2 && t->vertex[start] != NONE &&
        t->vertex[start] == t->vertex[start + n - 1])
        return n - 1;
    return n;
}

static void mark_junctions(topology *t, const size_t *ring_start,
                           size_t nrings)
{
    for (size_t k = 0; k < nrings; k++) {
        size_t s = ring_start[k], m = cycle_length(t, s, ring_start[k + 1] - s);
        for (size_t j = 0; j < m; j++) {
            uint32_t v = t->vertex[s + j];
            if (v == NONE)
                continue;
            uint32_t p = t->vertex[s + (j + m - 1) % m];
            uint32_t q = t->vertex[s + (j + 1) % m];
            if (m < 4 || p == NONE || q == NONE) {
                t->junction[v] = 1;
                continue;
            }
            uint32_t lo = p < q ? p : q, hi = p < q ? q : p;
            if (t->pair[2 * v] == NONE) {
                t->pair[2 * v] = lo;
                t->pair[2 * v + 1] = hi;
            } else if (t->pair[2 * v] != lo || t->pair[2 * v + 1] != hi) {
                t->junction[v] = 1;
            }
        }
    }
}

static bool point_before(const double *a, const double *b)
{
    return a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]);
}

static double segment_distance2(const double *p, const double *a,
                                const double *b)
{
    double dx = b[0] - a[0], dy = b[1] - a[1];
    double len2 = dx * dx + dy * dy;
    double u = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    double ex = a[0] + u * dx - p[0], ey = a[1] + u * dy - p[1];
    return ex * ex + ey * ey;
}

/* Douglas-Peucker over the points idx[0..n-1], ends kept.  The intervals
 * on the stack never overlap, so 2n entries hold them. */
static void thin_arc(const double *xy, const size_t *idx, size_t n,
                     double tol2, unsigned char *keep, size_t *stack)
{
    keep[idx[0]] = keep[idx[n - 1]] = 1;
    size_t top = 0;
    stack[top++] = 0;
    stack[top++] = n - 1;
    while (top > 0) {
        size_t hi = stack[--top], lo = stack[--top];
        if (hi - lo < 2)
            continue;
        const double *a = xy + 2 * idx[lo], *b = xy + 2 * idx[hi];
        double far = -1;
        size_t at = lo;
        for (size_t i = lo + 1; i < hi; i++) {
            double d = segment_distance2(xy + 2 * idx[i], a, b);
            if (d > far)
                far = d, at = i;
        }
        if (far > tol2) {
            keep[idx[at]] = 1;
            stack[top++] = lo;
            stack[top++] = at;
            stack[top++] = at;
            stack[top++] = hi;
        }
    }
}

/* Cuts one ring into arcs at its junctions and thins each arc in the
 * direction its end points choose, so that a neighbour walking the same
 * arc the other way thins the same points.  A ring with no junction is one
 * closed arc from its least point, which every ring holding it picks. */
static void thin_ring(const topology *t, size_t s, size_t m, double tol2,
                      unsigned char *keep, size_t *idx, size_t *stack)
{
    size_t first = m;
    for (size_t j = 0; j < m; j++) {
        uint32_t v = t->vertex[s + j];
        if (v == NONE || t->junction[v]) {
            keep[s + j] = 1;
            if (first == m)
                first = j;
        }
    }
    if (first == m) {
        first = 0;
        for (size_t j = 1; j < m; j++)
            if (point_before(t->xy + 2 * (s + j), t->xy + 2 * (s + first)))
                first = j;
    }
    size_t j = first;
    do {
        size_t n = 0;
        idx[n++] = s + j;
        size_t e = (j + 1) % m;
        for (;; e = (e + 1) % m) {
            idx[n++] = s + e;
            uint32_t v = t->vertex[s + e];
            if (e == first || v == NONE || t->junction[v])
                break;
        }
        bool nan_end = t->vertex[idx[0]] == NONE ||
                       t->vertex[idx[n - 1]] == NONE;
        if (!nan_end && n > 2) {
            const double *a = t->xy + 2 * idx[0], *b = t->xy + 2 * idx[n - 1];
            bool loop = a[0] == b[0] && a[1] == b[1];
            if (loop ? point_before(t->xy + 2 * idx[n - 2], t->xy + 2 * idx[1])
                     : point_before(b, a))
                for (size_t i = 0; i < n / 2; i++) {
                    size_t x = idx[i];
                    idx[i] = idx[n - 1 - i];
                    idx[n - 1 - i] = x;
                }
            thin_arc(t->xy, idx, n, tol2, keep, stack);
        }
        j = e;
    } while (j != first);
}

int ir_simplify_rings(const double *xy, const size_t *ring_start,
                      size_t nrings, double tolerance, unsigned char *keep)
{
    size_t npoints = ring_start[nrings], longest = 0;
    memset(keep, 1, npoints);
    if (npoints == 0 || npoints >= NONE)
        return npoints == 0 ? 0 : -1;
    for (size_t k = 0; k < nrings; k++)
        if (ring_start[k + 1] - ring_start[k] > longest)
            longest = ring_start[k + 1] - ring_start[k];
    topology t = { xy, malloc(npoints * sizeof *t.vertex),
                   malloc(2 * npoints * sizeof *t.pair), calloc(npoints, 1) };
    size_t *idx = malloc((longest + 1) * sizeof *idx);
    size_t *stack = malloc(2 * (longest + 1) * sizeof *stack);
    int rc = -1;
    if (t.vertex == NULL || t.pair == NULL || t.junction == NULL ||
        idx == NULL || stack == NULL || name_vertices(&t, npoints) != 0)
        goto done;
    memset(t.pair, 0xff, 2 * npoints * sizeof *t.pair);
    mark_junctions(&t, ring_start, nrings);
    memset(keep, 0, npoints);
    double tol2 = tolerance * tolerance;
    for (size_t k = 0; k < nrings; k++) {
        size_t s = ring_start[k], n = ring_start[k + 1] - s;
        size_t m = cycle_length(&t, s, n);
        if (m < 4) {
            memset(keep + s, 1, n);
            continue;
        }
        thin_ring(&t, s, m, tol2, keep, idx, stack);
        if (m < n)
            keep[s + n - 1] = keep[s];
    }
    rc = 0;
done:
    free(t.vertex);
    free(t.pair);
    free(t.junction);
    free(idx);
    free(stack);
    return rc;
}

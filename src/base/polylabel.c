/*
 * polylabel: the pole of inaccessibility of a set of rings.  See
 * polylabel.h.
 *
 * The search covers the bounding box with square cells, keeps them in a
 * max-heap ordered by the best distance any point of the cell could have
 * (centre distance + half diagonal), and splits the most promising cell
 * until none can beat the best point by more than the precision.  Cost is
 * O(cells x vertices); with a precision of 1/2000 of the box's size it
 * takes well under a millisecond per state here.
 */
#include "polylabel.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "grow.h"

static double segment_distance2(double px, double py, double ax, double ay,
                                double bx, double by)
{
    double dx = bx - ax, dy = by - ay;
    double t = 0;
    double len2 = dx * dx + dy * dy;
    if (len2 > 0) {
        t = ((px - ax) * dx + (py - ay) * dy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
    }
    double ex = ax + t * dx - px, ey = ay + t * dy - py;
    return ex * ex + ey * ey;
}

double ir_rings_distance(const double *xy, const size_t *rs,
                         size_t first_ring, size_t nrings, double x, double y)
{
    bool inside = false;
    double best = HUGE_VAL;
    for (size_t k = first_ring; k < first_ring + nrings; k++) {
        size_t n = rs[k + 1] - rs[k];
        const double *p = xy + 2 * rs[k];
        for (size_t i = 0, j = n - 1; i < n; j = i++) {
            double xi = p[2 * i], yi = p[2 * i + 1];
            double xj = p[2 * j], yj = p[2 * j + 1];
            if (isnan(xi) || isnan(xj))
                continue;
            if ((yi > y) != (yj > y) &&
                x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                inside = !inside;
            double d = segment_distance2(x, y, xi, yi, xj, yj);
            if (d < best)
                best = d;
        }
    }
    return (inside ? 1 : -1) * sqrt(best);
}

typedef struct cell {
    double x, y, h;   /* centre and half size */
    double d;         /* signed distance of the centre */
    double max;       /* best distance possible inside the cell */
} cell;

typedef struct heap {
    cell *c;
    size_t n, cap;
} heap;

static int heap_push(heap *h, cell c)
{
    if (ir_grow((void **)&h->c, &h->cap, h->n + 1, sizeof *h->c))
        return -1;
    size_t i = h->n++;
    while (i > 0 && h->c[(i - 1) / 2].max < c.max) {
        h->c[i] = h->c[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->c[i] = c;
    return 0;
}

static cell heap_pop(heap *h)
{
    cell top = h->c[0], last = h->c[--h->n];
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        double mv = last.max;
        if (l < h->n && h->c[l].max > mv)
            m = l, mv = h->c[l].max;
        if (r < h->n && h->c[r].max > mv)
            m = r;
        if (m == i)
            break;
        h->c[i] = h->c[m];
        i = m;
    }
    if (h->n > 0)
        h->c[i] = last;
    return top;
}

typedef struct rings {
    const double *xy;
    const size_t *rs;
    size_t first, n;
} rings;

static cell make_cell(const rings *r, double x, double y, double h)
{
    cell c = { x, y, h, ir_rings_distance(r->xy, r->rs, r->first, r->n, x, y),
               0 };
    c.max = c.d + h * M_SQRT2;
    return c;
}

int ir_polylabel(const double *xy, const size_t *ring_starts,
                 size_t first_ring, size_t nrings, const double bbox[4],
                 double *px, double *py)
{
    const rings rg = { xy, ring_starts, first_ring, nrings }, *r = &rg;
    const double *b = bbox;
    double w = b[2] - b[0], hgt = b[3] - b[1];
    double size = fmin(w, hgt);
    double precision = fmax(w, hgt) / 2000;
    heap h = { 0 };
    cell best = make_cell(r, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2, 0);
    if (size <= 0) {
        *px = best.x, *py = best.y;
        return 0;
    }
    double half = size / 2;
    for (double x = b[0]; x < b[2]; x += size)
        for (double y = b[1]; y < b[3]; y += size)
            if (heap_push(&h, make_cell(r, x + half, y + half, half))) {
                free(h.c);
                return -1;
            }
    while (h.n > 0) {
        cell c = heap_pop(&h);
        if (c.d > best.d)
            best = c;
        if (c.max - best.d <= precision)
            continue;
        double q = c.h / 2;
        for (int k = 0; k < 4; k++)
            if (heap_push(&h, make_cell(r, c.x + (k & 1 ? q : -q),
                                        c.y + (k & 2 ? q : -q), q))) {
                free(h.c);
                return -1;
            }
    }
    free(h.c);
    *px = best.x, *py = best.y;
    return 0;
}

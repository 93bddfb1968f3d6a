/*
 * Simplify: a border shared by two rings is thinned alike on both sides,
 * no dropped vertex lies farther than the tolerance from what replaces it,
 * and the shipped states lose most of what a page cannot show.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "project/atlas.h"
#include "project/simplify.h"
#include "helpers.h"

/* Two unit squares side by side; the border between them bulges out to
 * x = 1.3 and has two vertices just off the straight lines to the bulge.
 * The left square walks the border upwards, the right one downwards. */
Test(simplify, a_shared_border_is_thinned_alike_on_both_sides)
{
    static const double xy[] = {
        0, 0, 1, 0, 1.15, 0.26, 1.3, 0.5, 1.15, 0.74, 1, 1, 0, 1, 0, 0,
        1, 0, 2, 0, 2, 1, 1, 1, 1.15, 0.74, 1.3, 0.5, 1.15, 0.26, 1, 0,
    };
    static const size_t starts[] = { 0, 8, 16 };
    unsigned char keep[16];
    cr_assert_eq(ir_simplify_rings(xy, starts, 2, 0.05, keep), 0);
    /* left: (1.15, 0.26) and (1.15, 0.74) are 0.01 off the chords */
    static const unsigned char left[8] = { 1, 1, 0, 1, 0, 1, 1, 1 };
    static const unsigned char right[8] = { 1, 1, 1, 1, 0, 1, 0, 1 };
    cr_expect_arr_eq(keep, left, 8);
    cr_expect_arr_eq(keep + 8, right, 8);
    /* A finer tolerance keeps them, on both sides. */
    cr_assert_eq(ir_simplify_rings(xy, starts, 2, 0.001, keep), 0);
    for (int i = 0; i < 16; i++)
        cr_expect_eq(keep[i], 1, "point %d", i);
}

/* Two vertices exactly as far from the border's chord: whichever is taken
 * first makes the other droppable, so both sides must take the same one,
 * walking the border in opposite directions. */
Test(simplify, a_tie_is_broken_alike_on_both_sides)
{
    static const double xy[] = {
        0, 0, 1, 0, 1.125, 0.4375, 1.125, 0.5625, 1, 1, 0, 1, 0, 0,
        1, 0, 2, 0, 2, 1, 1, 1, 1.125, 0.5625, 1.125, 0.4375, 1, 0,
    };
    static const size_t starts[] = { 0, 7, 14 };
    unsigned char keep[14];
    cr_assert_eq(ir_simplify_rings(xy, starts, 2, 0.0625, keep), 0);
    cr_expect_eq(keep[2] + keep[3], 1, "one of the two is enough");
    cr_expect_eq(keep[2], keep[12]);
    cr_expect_eq(keep[3], keep[11]);
}

/* A lake drawn as its own ring and as the hole of the land around it has
 * no junction at all: both rings must still pick the same start. */
enum { LAKE_N = 40 };

static int hole_to_lake(int h)  /* the hole runs backwards from point 33 */
{
    return (LAKE_N - (h + 7) % LAKE_N) % LAKE_N;
}

Test(simplify, a_ring_shared_whole_is_thinned_alike)
{
    enum { N = LAKE_N };
    double xy[4 * (N + 1)];
    for (int i = 0; i <= N; i++) {
        for (int ring = 0; ring < 2; ring++) {
            int p = ring == 0 ? i % N : hole_to_lake(i);
            double t = 2 * M_PI * p / N, r = 1 + 0.003 * (p % 3);
            xy[2 * (ring * (N + 1) + i)] = r * cos(t);
            xy[2 * (ring * (N + 1) + i) + 1] = r * sin(t);
        }
    }
    static const size_t starts[] = { 0, N + 1, 2 * (N + 1) };
    unsigned char keep[2 * (N + 1)];
    cr_assert_eq(ir_simplify_rings(xy, starts, 2, 0.02, keep), 0);
    int kept = 0;
    for (int h = 0; h < N; h++) {
        int i = hole_to_lake(h);
        cr_expect_eq(keep[i], keep[N + 1 + h], "lake point %d", i);
        kept += keep[i];
    }
    cr_expect(kept > 4 && kept < N, "%d of %d kept", kept, N);
}

typedef struct point_ref {
    const double *xy;
    size_t i;
} point_ref;

static int by_coordinates(const void *pa, const void *pb)
{
    const point_ref *a = pa, *b = pb;
    const double *p = a->xy + 2 * a->i, *q = b->xy + 2 * b->i;
    if (p[0] != q[0])
        return p[0] < q[0] ? -1 : 1;
    if (p[1] != q[1])
        return p[1] < q[1] ? -1 : 1;
    return 0;
}

static double segment_distance(const double *p, const double *a,
                               const double *b)
{
    double dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy;
    double u = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
    u = fmax(0, fmin(1, u));
    return hypot(a[0] + u * dx - p[0], a[1] + u * dy - p[1]);
}

/* The shipped states at one pixel of a map 1600 pixels wide, four times
 * what a figure of that size thins them by. */
Test(simplify, shipped_states_keep_their_shared_borders_together)
{
    th_world w;
    ir_error err = { 0 };
    cr_assert_eq(th_world_load(&w, false, &err), 0, "%s", err.message);
    ir_atlas *a = w.atlas;
    cr_assert_null(ir_atlas_kept(a));
    double b[4];
    ir_atlas_extent(a, b);
    double tol = (b[2] - b[0]) / 1600; /* a pixel of a 1600-pixel-wide map */
    cr_assert_eq(ir_atlas_simplify(a, tol), 0);
    const unsigned char *keep = ir_atlas_kept(a);
    cr_assert_not_null(keep);

    const double *xy = ir_atlas_points(a);
    const size_t *rs = ir_atlas_ring_starts(a);
    size_t nrings = ir_atlas_rings(a);
    size_t n = rs[nrings], kept = 0;
    point_ref *refs = malloc(n * sizeof *refs);
    cr_assert_not_null(refs);
    for (size_t i = 0; i < n; i++)
        refs[i] = (point_ref){ xy, i }, kept += keep[i];
    qsort(refs, n, sizeof *refs, by_coordinates);
    size_t shared_dropped = 0, split = 0;
    for (size_t i = 1; i < n; i++)
        if (by_coordinates(&refs[i - 1], &refs[i]) == 0) {
            split += keep[refs[i - 1].i] != keep[refs[i].i];
            shared_dropped += !keep[refs[i].i];
        }
    free(refs);
    cr_expect_eq(split, 0, "%zu shared vertices kept on one side only", split);
    cr_expect(shared_dropped > 1000, "only %zu shared vertices thinned",
              shared_dropped);
    cr_expect(kept < n / 2, "%zu of %zu vertices kept", kept, n);

    /* Every dropped vertex is within the tolerance of the line that
     * replaces it: the kept vertices before and after it in its ring. */
    double worst = 0;
    for (size_t k = 0; k < nrings; k++) {
        size_t s = rs[k], m = rs[k + 1] - s;
        for (size_t j = 0; j < m; j++) {
            if (keep[s + j] || isnan(xy[2 * (s + j)]))
                continue;
            size_t p = j, q = j;
            do
                p = (p + m - 1) % m;
            while (!keep[s + p]);
            do
                q = (q + 1) % m;
            while (!keep[s + q]);
            double d = segment_distance(xy + 2 * (s + j), xy + 2 * (s + p),
                                        xy + 2 * (s + q));
            worst = fmax(worst, d);
        }
    }
    cr_expect(worst <= tol * (1 + 1e-9), "a vertex %g from its line (%g)",
              worst, tol);
    th_world_free(&w);
}

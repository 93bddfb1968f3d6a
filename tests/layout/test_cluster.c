/*
 * Clustering of places: the same clusters whatever the order of the
 * points, weights conserved exactly, every member within the radius of
 * its leader and no two leaders that close, groups (origins and
 * destinations) never merged, and clusters whose symbols would overlap
 * merged until none do.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/cluster.h"

#define N 600

static uint64_t rng = 88172645463325252u;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static char ids[N][16];

/* Points in a few clumps (cities) and a scatter, integer weights. */
static void make_points(ir_cluster_point *p)
{
    static const double clump[4][2] = { { 100, 100 }, { 130, 110 },
                                        { 400, 300 }, { 700, 120 } };
    for (int i = 0; i < N; i++) {
        snprintf(ids[i], sizeof ids[i], "p%04d", i);
        int c = (int)(next() % 5);
        double x, y;
        if (c < 4) {
            x = clump[c][0] + (double)(next() % 4000) / 100 - 20;
            y = clump[c][1] + (double)(next() % 4000) / 100 - 20;
        } else {
            x = (double)(next() % 80000) / 100;
            y = (double)(next() % 40000) / 100;
        }
        p[i] = (ir_cluster_point){ { x, y }, (double)(1 + next() % 50), ids[i],
                                   i % 7 == 0 };
    }
}

/* Each point's leader, by id, and the clusters' centres and weights by
 * leader id: what the clustering means, independent of numbering. */
typedef struct outcome {
    const char *leader_of[N];
    double weight_of[N], x_of[N], y_of[N];
    size_t members_of[N];
} outcome;

static size_t index_of(const char *id)
{
    return (size_t)atoi(id + 1);
}

static void describe(const ir_cluster_point *p, const size_t *cluster_of,
                     const ir_cluster *cl, size_t nc, outcome *o)
{
    memset(o, 0, sizeof *o);
    for (size_t i = 0; i < N; i++)
        o->leader_of[index_of(p[i].id)] = p[cl[cluster_of[i]].leader].id;
    for (size_t c = 0; c < nc; c++) {
        size_t k = index_of(p[cl[c].leader].id);
        o->weight_of[k] = cl[c].weight;
        o->x_of[k] = cl[c].at.x;
        o->y_of[k] = cl[c].at.y;
        o->members_of[k] = cl[c].members;
    }
}

static void run(ir_cluster_point *p, double radius, bool overlaps,
                outcome *o, size_t *nc_out)
{
    static size_t cluster_of[N];
    static ir_cluster cl[N];
    size_t nc = ir_cluster_points(p, N, radius, cluster_of, cl);
    cr_assert_neq(nc, (size_t)-1);
    if (overlaps) {
        nc = ir_cluster_merge_overlaps(p, N, cluster_of, cl, nc, 2, 12, 400);
        cr_assert_neq(nc, (size_t)-1);
    }
    describe(p, cluster_of, cl, nc, o);
    *nc_out = nc;
}

static void shuffle(ir_cluster_point *p)
{
    for (size_t i = N - 1; i > 0; i--) {
        size_t j = (size_t)(next() % (i + 1));
        ir_cluster_point t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}

Test(cluster, same_clusters_in_any_order)
{
    static ir_cluster_point p[N];
    static outcome first, again;
    make_points(p);
    for (int overlaps = 0; overlaps < 2; overlaps++) {
        size_t nc, nc2;
        run(p, 15, overlaps, &first, &nc);
        cr_assert(nc > 4 && nc < N, "%zu clusters", nc);
        for (int round = 0; round < 4; round++) {
            shuffle(p);
            run(p, 15, overlaps, &again, &nc2);
            cr_assert_eq(nc2, nc);
            /* Bit for bit: centres are summed in one canonical order. */
            cr_assert_eq(memcmp(first.weight_of, again.weight_of,
                                sizeof first.weight_of), 0);
            cr_assert_eq(memcmp(first.x_of, again.x_of, sizeof first.x_of), 0);
            cr_assert_eq(memcmp(first.y_of, again.y_of, sizeof first.y_of), 0);
            for (size_t i = 0; i < N; i++)
                cr_assert_str_eq(first.leader_of[i], again.leader_of[i]);
        }
    }
}

Test(cluster, weights_conserved_radius_kept_groups_apart)
{
    static ir_cluster_point p[N];
    static size_t cluster_of[N];
    static ir_cluster cl[N];
    make_points(p);
    size_t nc = ir_cluster_points(p, N, 15, cluster_of, cl);
    double in = 0, out = 0;
    size_t members = 0;
    for (size_t i = 0; i < N; i++)
        in += p[i].weight;
    for (size_t c = 0; c < nc; c++) {
        out += cl[c].weight;
        members += cl[c].members;
    }
    cr_assert_eq(in, out);
    cr_assert_eq(members, N);
    for (size_t i = 0; i < N; i++) {
        const ir_cluster_point *l = &p[cl[cluster_of[i]].leader];
        cr_assert(hypot(l->at.x - p[i].at.x, l->at.y - p[i].at.y) < 15);
        cr_assert_eq(l->group, p[i].group, "groups never merge");
        cr_assert(l->weight >= p[i].weight, "the leader is the heaviest");
    }
    for (size_t a = 0; a < nc; a++)
        for (size_t b = a + 1; b < nc; b++) {
            const ir_cluster_point *x = &p[cl[a].leader], *y = &p[cl[b].leader];
            if (x->group == y->group)
                cr_assert(hypot(x->at.x - y->at.x, x->at.y - y->at.y) >= 15);
        }
    /* Radius 0: every point its own cluster. */
    cr_assert_eq(ir_cluster_points(p, N, 0, cluster_of, cl), N);
}

Test(cluster, overlapping_symbols_merge_until_none_overlap)
{
    static ir_cluster_point p[N];
    static size_t cluster_of[N];
    static ir_cluster cl[N];
    make_points(p);
    size_t nc = ir_cluster_points(p, N, 15, cluster_of, cl);
    size_t m = ir_cluster_merge_overlaps(p, N, cluster_of, cl, nc, 2, 12, 400);
    cr_assert(m < nc, "the clumps' clusters overlap: %zu -> %zu", nc, m);
    double total = 0;
    for (size_t c = 0; c < m; c++)
        total += cl[c].weight;
    double in = 0;
    for (size_t i = 0; i < N; i++) {
        in += p[i].weight;
        cr_assert_lt(cluster_of[i], m);
    }
    cr_assert_eq(total, in);
    double w_max = 400;
    for (size_t c = 0; c < m; c++)
        w_max = fmax(w_max, cl[c].weight);
    for (size_t a = 0; a < m; a++)
        for (size_t b = a + 1; b < m; b++) {
            if (p[cl[a].leader].group != p[cl[b].leader].group)
                continue;
            double ra = fmax(2, 12 * sqrt(cl[a].weight / w_max));
            double rb = fmax(2, 12 * sqrt(cl[b].weight / w_max));
            cr_assert(hypot(cl[a].at.x - cl[b].at.x, cl[a].at.y - cl[b].at.y) >=
                          ra + rb,
                      "clusters %zu and %zu still overlap", a, b);
        }
}

Test(cluster, same_point_other_group_stays_apart)
{
    ir_cluster_point p[2] = { { { 10, 10 }, 5, "el-paso", 0 },
                              { { 10, 10 }, 5, "juarez", 1 } };
    size_t cluster_of[2];
    ir_cluster cl[2];
    size_t nc = ir_cluster_points(p, 2, 50, cluster_of, cl);
    cr_assert_eq(nc, 2);
    cr_assert_eq(ir_cluster_merge_overlaps(p, 2, cluster_of, cl, nc, 2, 12, 5),
                 2);
}

Test(cluster, kind_plurals)
{
    cr_assert_str_eq(ir_cluster_kind_plural("dealer", false), "dealers");
    cr_assert_str_eq(ir_cluster_kind_plural("Dealer", true), "armerías");
    cr_assert_str_eq(ir_cluster_kind_plural("municipio", false),
                     "municipalities");
    cr_assert_str_eq(ir_cluster_kind_plural("", true), "lugares");
    cr_assert_str_eq(ir_cluster_kind_plural(NULL, false), "places");
}

/*
 * cluster: places merged into nodes by distance on the page.  See
 * cluster.h.
 */
#include "cluster.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NONE SIZE_MAX
/* Cells per side at most: a radius tiny against the spread of the points
 * widens the cells (never below the radius) rather than the memory. */
#define GRID_MAX 1024

typedef struct order_ctx {
    const ir_cluster_point *p;
    size_t i;
} order_ctx;

static int heaviest_first(const void *a, const void *b)
{
    const order_ctx *x = a, *y = b;
    double wx = x->p[x->i].weight, wy = y->p[y->i].weight;
    if (wx != wy)
        return wx > wy ? -1 : 1;
    int c = strcmp(x->p[x->i].id ? x->p[x->i].id : "",
                   y->p[y->i].id ? y->p[y->i].id : "");
    if (c)
        return c;
    return x->i < y->i ? -1 : x->i > y->i;
}

size_t ir_cluster_points(const ir_cluster_point *p, size_t n, double radius,
                         size_t *cluster_of, ir_cluster *clusters)
{
    if (n == 0)
        return 0;
    order_ctx *order = malloc(n * sizeof *order);
    size_t *next = malloc(n * sizeof *next);
    if (order == NULL || next == NULL) {
        free(order);
        free(next);
        return NONE;
    }
    double x0 = p[0].at.x, y0 = p[0].at.y, x1 = x0, y1 = y0;
    for (size_t i = 0; i < n; i++) {
        order[i] = (order_ctx){ p, i };
        x0 = fmin(x0, p[i].at.x);
        x1 = fmax(x1, p[i].at.x);
        y0 = fmin(y0, p[i].at.y);
        y1 = fmax(y1, p[i].at.y);
    }
    qsort(order, n, sizeof *order, heaviest_first);
    bool merge = radius > 0 && isfinite(radius);
    double cell = merge ? radius : 1;
    cell = fmax(cell, fmax(x1 - x0, y1 - y0) / (GRID_MAX - 1));
    size_t nx = (size_t)((x1 - x0) / cell) + 1;
    size_t ny = (size_t)((y1 - y0) / cell) + 1;
    size_t *head = malloc(nx * ny * sizeof *head);
    if (head == NULL) {
        free(order);
        free(next);
        return NONE;
    }
    for (size_t k = 0; k < nx * ny; k++)
        head[k] = NONE;

    size_t nc = 0;
    for (size_t r = 0; r < n; r++) {
        size_t i = order[r].i;
        size_t cx = (size_t)((p[i].at.x - x0) / cell);
        size_t cy = (size_t)((p[i].at.y - y0) / cell);
        size_t best = NONE;
        double best_d = radius;
        for (size_t gy = cy ? cy - 1 : 0; merge && gy <= cy + 1 && gy < ny; gy++)
            for (size_t gx = cx ? cx - 1 : 0; gx <= cx + 1 && gx < nx; gx++)
                for (size_t c = head[gy * nx + gx]; c != NONE; c = next[c]) {
                    const ir_cluster_point *l = &p[clusters[c].leader];
                    if (l->group != p[i].group)
                        continue;
                    double d = hypot(l->at.x - p[i].at.x, l->at.y - p[i].at.y);
                    /* Ties go to the heavier leader, found first in
                     * leader order whatever the cell. */
                    if (d < best_d || (d == best_d && best != NONE && c < best)) {
                        best = c;
                        best_d = d;
                    }
                }
        if (best == NONE) {
            best = nc++;
            clusters[best] = (ir_cluster){ i, 0, 0, { 0, 0 } };
            size_t k = cy * nx + cx;
            next[best] = head[k];
            head[k] = best;
        }
        cluster_of[i] = best;
        clusters[best].members++;
    }
    /* Weighted centres, summed in the same canonical order. */
    for (size_t r = 0; r < n; r++) {
        size_t i = order[r].i;
        ir_cluster *c = &clusters[cluster_of[i]];
        c->weight += p[i].weight;
        c->at.x += p[i].weight * p[i].at.x;
        c->at.y += p[i].weight * p[i].at.y;
    }
    for (size_t c = 0; c < nc; c++) {
        if (clusters[c].weight > 0) {
            clusters[c].at.x /= clusters[c].weight;
            clusters[c].at.y /= clusters[c].weight;
        } else {
            clusters[c].at = p[clusters[c].leader].at;
        }
    }
    free(head);
    free(order);
    free(next);
    return nc;
}

static double symbol_radius(double w, double r_min, double r_max,
                            double w_max)
{
    return fmax(r_min, r_max * sqrt(w_max > 0 ? fmax(w, 0) / w_max : 0));
}

typedef struct by_x_ctx {
    size_t c;
    double x;
} by_x_ctx;

static int by_x(const void *a, const void *b)
{
    const by_x_ctx *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return p->c < q->c ? -1 : p->c > q->c;
}

size_t ir_cluster_merge_overlaps(const ir_cluster_point *p, size_t n,
                                 size_t *cluster_of, ir_cluster *cl,
                                 size_t nc, double r_min, double r_max,
                                 double w_max)
{
    if (nc < 2)
        return nc;
    size_t *into = malloc(nc * sizeof *into);
    double *sx = malloc(nc * sizeof *sx), *sy = malloc(nc * sizeof *sy);
    by_x_ctx *xs = malloc(nc * sizeof *xs);
    size_t *rank = malloc(nc * sizeof *rank);
    if (into == NULL || sx == NULL || sy == NULL || xs == NULL ||
        rank == NULL) {
        free(into);
        free(sx);
        free(sy);
        free(xs);
        free(rank);
        return NONE;
    }
    for (size_t c = 0; c < nc; c++) {
        into[c] = c;
        sx[c] = cl[c].at.x * cl[c].weight;
        sy[c] = cl[c].at.y * cl[c].weight;
    }
    for (bool merged = true; merged;) {
        merged = false;
        /* The map's symbols are sized against its heaviest node, which a
         * cluster may now be. */
        for (size_t c = 0; c < nc; c++)
            if (into[c] == c)
                w_max = fmax(w_max, cl[c].weight);
        double r_far = symbol_radius(w_max, r_min, r_max, w_max);
        /* Candidates by their x at the start of the pass; a pass that
         * merges nothing moved nothing, so its search was complete. */
        size_t k = 0;
        for (size_t c = 0; c < nc; c++)
            if (into[c] == c)
                xs[k++] = (by_x_ctx){ c, cl[c].at.x };
        qsort(xs, k, sizeof *xs, by_x);
        for (size_t i = 0; i < k; i++)
            rank[xs[i].c] = i;
        /* Clusters in leader order: the heaviest leaders first. */
        for (size_t a = 0; a < nc; a++) {
            if (into[a] != a)
                continue;
            size_t lo = rank[a], hi = rank[a];
            double reach = 2 * r_far + fabs(cl[a].at.x - xs[rank[a]].x);
            while (lo > 0 && xs[rank[a]].x - xs[lo - 1].x < reach)
                lo--;
            while (hi + 1 < k && xs[hi + 1].x - xs[rank[a]].x < reach)
                hi++;
            for (size_t i = lo; i <= hi; i++) {
                size_t b = xs[i].c;
                if (b == a || into[b] != b || b < a ||
                    p[cl[b].leader].group != p[cl[a].leader].group)
                    continue;
                double ra = symbol_radius(cl[a].weight, r_min, r_max, w_max);
                double rb = symbol_radius(cl[b].weight, r_min, r_max, w_max);
                if (hypot(cl[a].at.x - cl[b].at.x, cl[a].at.y - cl[b].at.y) >=
                    ra + rb)
                    continue;
                into[b] = a;
                cl[a].members += cl[b].members;
                cl[a].weight += cl[b].weight;
                sx[a] += sx[b];
                sy[a] += sy[b];
                if (cl[a].weight > 0)
                    cl[a].at = (ir_point){ sx[a] / cl[a].weight,
                                           sy[a] / cl[a].weight };
                merged = true;
            }
        }
    }
    /* Renumber the survivors in their order. */
    size_t m = 0;
    for (size_t c = 0; c < nc; c++)
        if (into[c] == c) {
            rank[c] = m;
            cl[m++] = cl[c];
        }
    for (size_t i = 0; i < n; i++) {
        size_t c = cluster_of[i];
        while (into[c] != c)
            c = into[c];
        cluster_of[i] = rank[c];
    }
    free(into);
    free(sx);
    free(sy);
    free(xs);
    free(rank);
    return m;
}

struct ir_clustering {
    ir_od *od;
    size_t n;              /* state table size */
    ir_point *at;          /* per state: its cluster's centre, if leader */
    size_t *members;       /* per state: its cluster's size, if leader;
                              0 otherwise */
    size_t clusters, places;
};

void ir_clustering_destroy(ir_clustering *c)
{
    if (c == NULL)
        return;
    ir_od_destroy(c->od);
    free(c->at);
    free(c->members);
    free(c);
}

ir_clustering *ir_clustering_create(ir_od *od, const ir_anchors *anchors,
                                    const ir_states *states,
                                    const ir_frame *frame, double radius,
                                    double r_min, double r_max,
                                    ir_error *err)
{
    const ir_od_pair *pairs;
    size_t npairs = ir_od_pairs(od, &pairs);
    size_t n = ir_states_count(states);
    ir_clustering *c = calloc(1, sizeof *c);
    double *side_weight = calloc(2 * (n ? n : 1), sizeof *side_weight);
    unsigned char *sides = calloc(n ? n : 1, 1);
    size_t *leader = malloc((n ? n : 1) * sizeof *leader);
    size_t *point_of = malloc((n ? n : 1) * sizeof *point_of);
    size_t *state_of_point = malloc((n ? n : 1) * sizeof *state_of_point);
    ir_cluster_point *pts = malloc((n ? n : 1) * sizeof *pts);
    size_t *cluster_of = malloc((n ? n : 1) * sizeof *cluster_of);
    ir_cluster *cl = malloc((n ? n : 1) * sizeof *cl);
    if (c != NULL) {
        c->n = n;
        c->at = calloc(n ? n : 1, sizeof *c->at);
        c->members = calloc(n ? n : 1, sizeof *c->members);
        c->od = ir_od_create(states);
    }
    if (c == NULL || c->at == NULL || c->members == NULL || c->od == NULL ||
        side_weight == NULL || sides == NULL || leader == NULL ||
        point_of == NULL || state_of_point == NULL || pts == NULL ||
        cluster_of == NULL || cl == NULL ||
        (npairs && pairs == NULL))
        goto oom;
    for (size_t i = 0; i < npairs; i++) {
        size_t e[2] = { ir_states_index(states, pairs[i].origin),
                        ir_states_index(states, pairs[i].destination) };
        for (int s = 0; s < 2; s++) {
            sides[e[s]] |= (unsigned char)(1 << s);
            side_weight[2 * e[s] + s] += pairs[i].weight;
        }
    }
    size_t npts = 0;
    for (size_t i = 0; i < n; i++) {
        leader[i] = i;
        point_of[i] = NONE;
        const ir_state *s = ir_states_at(states, i);
        double x, y;
        if (s->kind != IR_STATE_PLACE || (sides[i] != 1 && sides[i] != 2) ||
            !ir_anchors_get(anchors, i, &x, &y))
            continue;
        int side = sides[i] == 1 ? 0 : 1;
        ir_cluster_point *q = &pts[npts];
        ir_frame_to_page(frame, x, y, &q->at.x, &q->at.y);
        q->weight = side_weight[2 * i + side];
        q->id = s->iso;
        q->group = side;
        state_of_point[npts] = i;
        point_of[i] = npts++;
    }
    size_t nc = ir_cluster_points(pts, npts, radius, cluster_of, cl);
    /* The heaviest node of the map: symbols are sized against it. */
    double w_max = 0;
    for (size_t i = 0; i < n; i++)
        w_max = fmax(w_max, side_weight[2 * i] + side_weight[2 * i + 1]);
    if (nc != NONE && r_max > 0)
        nc = ir_cluster_merge_overlaps(pts, npts, cluster_of, cl, nc, r_min,
                                       r_max, w_max);
    if (nc == NONE)
        goto oom;
    for (size_t i = 0; i < n; i++) {
        if (point_of[i] == NONE)
            continue;
        const ir_cluster *k = &cl[cluster_of[point_of[i]]];
        size_t head = state_of_point[k->leader];
        leader[i] = head;
        if (head == i && k->members > 1) {
            c->at[i] = k->at;
            c->members[i] = k->members;
            c->clusters++;
            c->places += k->members;
        }
    }
    for (size_t i = 0; i < npairs; i++) {
        size_t o = leader[ir_states_index(states, pairs[i].origin)];
        size_t d = leader[ir_states_index(states, pairs[i].destination)];
        int added = ir_od_add(c->od, o, d, pairs[i].weight);
        if (added == IR_EINTERNAL)
            goto oom;
        if (added) {
            ir_error_set(err, IR_EINPUT, NULL, -1, NULL,
                         "a cluster's flow passes 2^53 and would no longer "
                         "be exact; use --cluster none");
            goto fail;
        }
    }
    goto done;
oom:
    ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
fail:
    ir_clustering_destroy(c);
    c = NULL;
done:
    free(side_weight);
    free(sides);
    free(leader);
    free(point_of);
    free(state_of_point);
    free(pts);
    free(cluster_of);
    free(cl);
    return c;
}

ir_od *ir_clustering_od(const ir_clustering *c)
{
    return c->od;
}

bool ir_clustering_node(const ir_clustering *c, size_t i, ir_point *at,
                        size_t *members)
{
    if (i >= c->n || c->members[i] == 0)
        return false;
    *at = c->at[i];
    *members = c->members[i];
    return true;
}

void ir_clustering_counts(const ir_clustering *c, size_t *clusters,
                          size_t *places)
{
    *clusters = c->clusters;
    *places = c->places;
}

const char *ir_cluster_kind_plural(const char *level, bool es)
{
    static const struct {
        const char *kind[4];
        const char *en, *es;
    } words[] = {
        { { "dealer", "ffl", "store", "gun shop" }, "dealers", "armerías" },
        { { "city", "town", "ciudad", "localidad" }, "cities", "ciudades" },
        { { "county", "condado", NULL, NULL }, "counties", "condados" },
        { { "municipality", "municipio", NULL, NULL }, "municipalities",
          "municipios" },
    };
    for (size_t i = 0; level && i < sizeof words / sizeof *words; i++)
        for (int k = 0; k < 4 && words[i].kind[k]; k++)
            if (strcasecmp(level, words[i].kind[k]) == 0)
                return es ? words[i].es : words[i].en;
    return es ? "lugares" : "places";
}

/*
 * riveruntangle: river mode's last pass, bands of one tree that cross
 * made to meet where they cross.  See riveruntangle.h.
 */
#include "riveruntangle.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "riverband.h"
#include "rivertrees.h"

#define UNTANGLE_ROUNDS 64
#define CROSS_SAMPLES 32      /* pieces of a centre line, crossing tests */

static bool is_ancestor(const ir_river *r, int a, int n)
{
    for (; n >= 0; n = r->nodes[n].parent)
        if (n == a)
            return true;
    return false;
}

/* Plain comparisons: the crossing tests run these millions of times,
 * and fmin/fmax are calls (they order NaNs) where these are one
 * instruction. */
static inline double min2(double a, double b) { return a < b ? a : b; }
static inline double max2(double a, double b) { return a > b ? a : b; }

/* A band's centre line as CROSS_SAMPLES pieces, and their box. */
typedef struct sampled {
    ir_point p[CROSS_SAMPLES + 1];
    double x0, y0, x1, y1;
} sampled;

static void sample(const ir_river_band *b, sampled *s)
{
    double box[4];
    ir_river_sample(b, CROSS_SAMPLES, s->p, box);
    s->x0 = box[0], s->y0 = box[1], s->x1 = box[2], s->y1 = box[3];
}

/* The pieces of line l, away from its ends, that meet box o; returns
 * how many. */
static int pieces_in(const sampled *l, const double o[4], int *out)
{
    int n = 0;
    for (int i = 1; i < CROSS_SAMPLES - 1; i++) {
        ir_point p = l->p[i], q = l->p[i + 1];
        if (max2(p.x, q.x) >= o[0] && min2(p.x, q.x) <= o[2] &&
            max2(p.y, q.y) >= o[1] && min2(p.y, q.y) <= o[3])
            out[n++] = i;
    }
    return n;
}

/* Where two sampled centre lines cross, away from their ends (bands of
 * one node meet there by design): the point, or false. */
static bool lines_cross(const sampled *a, const sampled *b, ir_point *at)
{
    /* Only pieces inside both boxes can cross: bands that share a node
     * overlap near it alone. */
    double o[4] = { max2(a->x0, b->x0), max2(a->y0, b->y0),
                    min2(a->x1, b->x1), min2(a->y1, b->y1) };
    if (o[0] > o[2] || o[1] > o[3])
        return false;
    int ia[CROSS_SAMPLES], ib[CROSS_SAMPLES];
    int na = pieces_in(a, o, ia), nb = pieces_in(b, o, ib);
    for (int x = 0; x < na; x++) {
        ir_point p = a->p[ia[x]], q = a->p[ia[x] + 1];
        for (int y = 0; y < nb; y++) {
            ir_point u = b->p[ib[y]], v = b->p[ib[y] + 1];
            double s;
            if (max2(u.x, v.x) < min2(p.x, q.x) || min2(u.x, v.x) > max2(p.x, q.x) ||
                max2(u.y, v.y) < min2(p.y, q.y) || min2(u.y, v.y) > max2(p.y, q.y))
                continue;
            if (ir_river_segments_cross(p, q, u, v, &s)) {
                *at = (ir_point){ p.x + s * (q.x - p.x), p.y + s * (q.y - p.y) };
                return true;
            }
        }
    }
    return false;
}

typedef struct band_key {
    int tree;
    double x0;
    size_t band;
} band_key;

static int key_cmp(const void *pa, const void *pb)
{
    const band_key *a = pa, *b = pb;
    if (a->tree != b->tree)
        return a->tree < b->tree ? -1 : 1;
    if (a->x0 != b->x0)
        return a->x0 < b->x0 ? -1 : 1;
    return a->band < b->band ? -1 : a->band > b->band;
}

/* Every node's weight again from its tree's terminals, and joins left
 * without a terminal below them gone. */
static void reweigh(ir_river *r)
{
    for (size_t i = 0; i < r->nnodes; i++)
        if (r->nodes[i].flow_node < 0)
            r->nodes[i].weight = 0;
    for (size_t i = 0; i < r->nnodes; i++) {
        const ir_river_node *t = &r->nodes[i];
        if (t->flow_node < 0 || t->tree < 0)
            continue;
        for (int p = t->parent; p >= 0; p = r->nodes[p].parent)
            r->nodes[p].weight += t->weight;
    }
    for (size_t i = 0; i < r->nnodes; i++) {
        ir_river_node *n = &r->nodes[i];
        if (n->flow_node < 0 && n->parent >= 0 && n->weight == 0)
            n->parent = -1, n->tree = -1;
    }
}


/* Two bands of one tree that cross are paths that meet: the thinner
 * joins the wider where they cross, as an exact spiral tree would have
 * them meet, and the stretch it ran alone before the crossing goes.
 * (The sweep places joins where exact spirals meet; the cubics drawn for
 * long branches and the joins the passes above moved can still cross.)
 * Each round mends every crossing whose nodes no other mend this round
 * has touched.  Ends with the bands built; returns -1 when memory runs
 * out. */
int ir_river_untangle(ir_river *r)
{
    sampled *line = NULL;
    band_key *order = NULL;
    bool *touched = NULL;
    size_t line_cap = 0, order_cap = 0, touched_cap = 0;
    int rc = 0;
    bool current = false;   /* the bands are those of the nodes as they are */
    for (int round = 0; round < UNTANGLE_ROUNDS && !current; round++) {
        if (ir_river_build_bands(r) ||
            ir_grow((void **)&line, &line_cap, r->nbands + 1, sizeof *line) ||
            ir_grow((void **)&order, &order_cap, r->nbands + 1, sizeof *order) ||
            ir_grow((void **)&touched, &touched_cap, r->nnodes + 1,
                    sizeof *touched)) {
            rc = -1;
            break;
        }
        memset(touched, 0, touched_cap * sizeof *touched);
        for (size_t i = 0; i < r->nbands; i++)
            sample(&r->bands[i], &line[i]);
        /* Pairs by sweep and prune: a tree's bands in order of their
         * boxes' left edges, each against those starting before it ends. */
        size_t nbands = r->nbands, fixed = 0;
        for (size_t i = 0; i < nbands; i++)
            order[i] = (band_key){ r->bands[i].tree, line[i].x0, i };
        qsort(order, nbands, sizeof *order, key_cmp);
        for (size_t oi = 0; oi < nbands && rc == 0; oi++)
            for (size_t oj = oi + 1; oj < nbands && order[oj].tree == order[oi].tree &&
                                     order[oj].x0 <= line[order[oi].band].x1; oj++) {
                size_t i = order[oi].band, j = order[oj].band;
                if (i > j) {
                    size_t t = i; i = j; j = t;
                }
                const ir_river_band *a = &r->bands[i], *b = &r->bands[j];
                bool out = r->trees[a->tree].outgoing;
                int ca = out ? a->downstream : a->upstream;
                int cb = out ? b->downstream : b->upstream;
                int pa = out ? a->upstream : a->downstream;
                int pb = out ? b->upstream : b->downstream;
                ir_point x;
                if (touched[ca] || touched[cb] || touched[pa] || touched[pb] ||
                    !lines_cross(&line[i], &line[j], &x))
                    continue;
                /* The thinner one joins the wider; never below itself. */
                if (a->weight > b->weight || is_ancestor(r, ca, pb)) {
                    int t = ca; ca = cb; cb = t;
                    t = pa; pa = pb; pb = t;
                }
                if (is_ancestor(r, ca, pb))
                    continue;
                /* A join where a branch would be too short to draw (see
                 * collapse_folded) moves up towards the parent. */
                ir_point up = r->nodes[pb].at;
                /* a and b are the bands as found, ca and cb maybe swapped. */
                double wa = ir_flowmap_width(r->map, r->nodes[ca].weight);
                double wb = ir_flowmap_width(r->map, r->nodes[cb].weight);
                for (int step = 0; step < 4; step++) {
                    ir_point at = { x.x + (up.x - x.x) * step / 4,
                                    x.y + (up.y - x.y) * step / 4 };
                    if (r->nodes[pb].flow_node < 0 &&
                        hypot(up.x - at.x, up.y - at.y) < wa + wb)
                        break; /* the band from the parent would fold */
                    if (!ir_river_too_short(r, at, ca, wa) && !ir_river_too_short(r, at, cb, wb)) {
                        x = at;
                        break;
                    }
                }
                int n = ir_river_add_node(r, x, 0, -1, a->tree);
                if (n < 0) {
                    rc = -1;
                    break;
                }
                r->nodes[n].parent = pb;
                r->nodes[cb].parent = n;
                r->nodes[ca].parent = n;
                touched[ca] = touched[cb] = touched[pa] = touched[pb] = true;
                fixed++;
            }
        if (rc)
            break;
        current = fixed == 0;
        if (!current)
            reweigh(r);
    }
    if (rc == 0 && !current)
        rc = ir_river_build_bands(r) ? -1 : 1;
    free(line);
    free(order);
    free(touched);
    return rc;
}

/*
 * riversweep: river mode's first pass, a spiral tree through each border
 * crossing.  See riversweep.h.
 *
 * Why spiral trees.  A tree per crossing must merge its flows without
 * crossings and without one flow doubling back; the spiral tree of
 * Buchin, Speckmann & Verbeek (2011) gives exactly that: every path to the
 * root stays within an angle alpha of the straight line to it, so no path
 * turns back, and the greedy inward sweep is a 2-approximation of the
 * shortest such tree.  The drainage Steiner tree of Sun (2019) follows
 * the coast better, but needs a triangulation of the whole map and a
 * shortest-path search per flow; a tree per crossing here has at most a
 * few dozen terminals, which the sweep lays out in microseconds.
 *
 * The sweep.  Terminals are taken in polar coordinates around the root,
 * farthest first.  The active nodes form a wavefront ordered by angle;
 * two neighbours on it would meet where the left spiral of one crosses
 * the right spiral of the other, ln r = ln r_a - (th - th_a) cot(alpha)
 * and ln r = ln r_b - (th_b - th) cot(alpha).  The next event is the
 * outermost of the next terminal and the best neighbour meeting; a meeting
 * replaces both nodes by a join node.  When one node lies inside the
 * other's spiral region (the spirals do not cross between them) the join
 * is put just inside the nearer one, so that no terminal lies on another
 * terminal's path.  With n terminals the sweep is O(n^2) here (a linear
 * scan of the wavefront per event) rather than the paper's O(n log n):
 * n is the number of states one crossing serves.
 */
#include "riversweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crossassign.h"
#include "rivertrees.h"

#define INSIDE_SHARE 0.85     /* dominated joins: this share of the radius */

static ir_point unit(ir_point v)
{
    double n = hypot(v.x, v.y);
    return n > 0 ? (ir_point){ v.x / n, v.y / n } : (ir_point){ 0, 1 };
}

typedef struct active {
    int node;
    double r, th;      /* polar, th measured from the cut */
    double room;       /* a join must stay this far inside r */
} active;

typedef struct terminal {
    ir_point at;
    double weight;
    int flow_node;
    double r, th;
    double room;       /* length its own last branch needs (its head) */
} terminal;

static int terminal_cmp(const void *a, const void *b)
{
    const terminal *x = a, *y = b;
    if (x->r != y->r)
        return x->r > y->r ? -1 : 1;
    if (x->th != y->th)
        return x->th < y->th ? -1 : 1;
    return x->flow_node - y->flow_node;
}

/* Where neighbours a (smaller angle) and b meet: radius and angle. */
static void meeting(const active *a, const active *b, double k, double *r,
                    double *th)
{
    double la = log(a->r), lb = log(b->r), span = b->th - a->th;
    if (fabs(la - lb) <= k * span) {
        *th = ((la - lb) / k + a->th + b->th) / 2;
        *r = exp(la - (*th - a->th) * k);
    } else {
        /* One lies in the other's spiral region: join just inside the
         * nearer, on its ray. */
        const active *near = a->r < b->r ? a : b;
        *r = INSIDE_SHARE * near->r;
        *th = near->th;
    }
    /* Far enough inside both for their own last branches (a terminal's
     * arrowhead) to show, but never past the root. */
    double limit = fmin(a->r - a->room, b->r - b->room);
    if (*r > limit)
        *r = fmax(limit, 0.25 * fmin(a->r, b->r));
}

/* One spiral tree rooted at `root` over the terminals; returns the root
 * node, or -1 when memory runs out. */
static int spiral_tree(ir_river *r, ir_point root, terminal *t, size_t n,
                       int tree, double alpha)
{
    int root_node = ir_river_add_node(r, root, 0, -1, tree);
    active *act = malloc((n + 1) * sizeof *act);
    if (root_node < 0 || act == NULL) {
        free(act);
        return -1;
    }
    /* Angles from the middle of the widest empty sector, so that the
     * wavefront never has to wrap round. */
    double *ang = malloc((n + 1) * sizeof *ang);
    if (ang == NULL) {
        free(act);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        t[i].r = hypot(t[i].at.x - root.x, t[i].at.y - root.y);
        ang[i] = atan2(t[i].at.y - root.y, t[i].at.x - root.x);
    }
    double cut = 0;
    if (n > 0) {
        double *s = malloc(n * sizeof *s);
        if (s == NULL) {
            free(act);
            free(ang);
            return -1;
        }
        memcpy(s, ang, n * sizeof *s);
        for (size_t i = 1; i < n; i++)
            for (size_t j = i; j > 0 && s[j - 1] > s[j]; j--) {
                double v = s[j];
                s[j] = s[j - 1];
                s[j - 1] = v;
            }
        double gap = s[0] + 2 * M_PI - s[n - 1];
        cut = s[n - 1] + gap / 2;
        for (size_t i = 1; i < n; i++)
            if (s[i] - s[i - 1] > gap) {
                gap = s[i] - s[i - 1];
                cut = s[i - 1] + gap / 2;
            }
        free(s);
    }
    for (size_t i = 0; i < n; i++) {
        double th = fmod(ang[i] - cut, 2 * M_PI);
        t[i].th = th < 0 ? th + 2 * M_PI : th;
    }
    free(ang);
    qsort(t, n, sizeof *t, terminal_cmp);
    double k = 1 / tan(alpha);
    size_t nact = 0, next = 0;
    for (;;) {
        double rt = next < n ? t[next].r : -1;
        double best_r = -1, best_th = 0;
        size_t best = 0;
        for (size_t i = 0; i + 1 < nact; i++) {
            double mr, mth;
            meeting(&act[i], &act[i + 1], k, &mr, &mth);
            if (mr > best_r) {
                best_r = mr;
                best_th = mth;
                best = i;
            }
        }
        if (rt < 0 && best_r < 0)
            break;
        if (rt >= best_r) {
            /* A terminal joins the wavefront. */
            const terminal *x = &t[next++];
            int nd = ir_river_add_node(r, x->at, x->weight, x->flow_node, tree);
            if (nd < 0)
                goto oom;
            size_t at = 0;
            while (at < nact && act[at].th <= x->th)
                at++;
            memmove(&act[at + 1], &act[at], (nact - at) * sizeof *act);
            act[at] = (active){ nd, x->r > 1e-9 ? x->r : 1e-9, x->th, x->room };
            nact++;
            continue;
        }
        /* Neighbours best and best + 1 meet. */
        double th = best_th + cut;
        ir_point p = { root.x + best_r * cos(th), root.y + best_r * sin(th) };
        int a = act[best].node, b = act[best + 1].node;
        int j = ir_river_add_node(r, p, r->nodes[a].weight + r->nodes[b].weight, -1,
                         tree);
        if (j < 0)
            goto oom;
        r->nodes[a].parent = r->nodes[b].parent = j;
        act[best] = (active){ j, best_r, best_th, 0 };
        memmove(&act[best + 1], &act[best + 2],
                (nact - best - 2) * sizeof *act);
        nact--;
    }
    for (size_t i = 0; i < nact; i++) {
        r->nodes[act[i].node].parent = root_node;
        r->nodes[root_node].weight += r->nodes[act[i].node].weight;
    }
    free(act);
    return root_node;
oom:
    free(act);
    return -1;
}

int ir_river_sweep(ir_river *r, const ir_point *crossings, size_t ncross,
                   const ir_river_route *routes, size_t nroutes, double alpha,
                   bool spread)
{
    const ir_flowmap *map = r->map;
    const ir_flow *f;
    size_t nf = ir_flowmap_flows(map, &f);
    const ir_node *fn;
    size_t nn = ir_flowmap_nodes(map, &fn);
    terminal *term = malloc((nn + 1) * sizeof *term);
    double *w = calloc(nn + 1, sizeof *w);
    size_t n = routes ? nroutes : nf;
    if (term == NULL || w == NULL ||
        (r->routes = malloc((n + 1) * sizeof *r->routes)) == NULL ||
        (r->trees = calloc(2 * ncross + 1, sizeof *r->trees)) == NULL)
        goto oom;
    const ir_flowgeom_style *g = ir_flowmap_geometry(map);
    /* The crossing of each route: given, or chosen (crossassign.h). */
    for (size_t i = 0; i < n; i++) {
        ir_river_route x = routes ? routes[i]
                                  : (ir_river_route){ i, -1, f[i].weight, false, false };
        if (x.flow >= nf || !(x.weight > 0))
            continue;
        r->routes[r->nroutes++] = x;
    }
    if (ir_crossassign(map, crossings, ncross, r->routes, r->nroutes, spread))
        goto oom;
    for (size_t c = 0; c < ncross; c++) {
        /* The U.S. side, then the Mexican side, of crossing c. */
        ir_point in_mid = { 0, 0 }, out_mid = { 0, 0 };
        double total = 0;
        for (int side = 0; side < 2; side++) {
            memset(w, 0, (nn + 1) * sizeof *w);
            for (size_t i = 0; i < r->nroutes; i++) {
                const ir_river_route *x = &r->routes[i];
                if (x->crossing == (int)c)
                    w[side == 0 ? f[x->flow].from_node : f[x->flow].to_node] +=
                        x->weight;
            }
            size_t nt = 0;
            for (size_t k = 0; k < nn; k++)
                if (w[k] > 0) {
                    /* A destination's last branch holds its head and the
                     * gap; an origin's clears its symbol. */
                    double width = ir_flowmap_width(map, w[k]);
                    double room = fn[k].radius + 4 +
                                  (side == 1 ? g->end_gap +
                                                   ir_flowgeom_head_length(width, g) + width
                                             : width);
                    term[nt++] = (terminal){ fn[k].at, w[k], (int)k, 0, 0, room };
                    ir_point *mid = side == 0 ? &in_mid : &out_mid;
                    mid->x += w[k] * fn[k].at.x;
                    mid->y += w[k] * fn[k].at.y;
                    if (side == 0)
                        total += w[k];
                }
            if (nt == 0)
                break;
            size_t k = r->ntrees++;
            r->trees[k].crossing = c;
            r->trees[k].outgoing = side == 1;
            r->trees[k].root = spiral_tree(r, crossings[c], term, nt, (int)k,
                                           alpha);
            if (r->trees[k].root < 0)
                goto oom;
            r->trees[k].weight = r->nodes[r->trees[k].root].weight;
            r->trees[k].width = ir_flowmap_width(map, r->trees[k].weight);
            r->max_weight = fmax(r->max_weight, r->trees[k].weight);
        }
        if (total <= 0)
            continue;
        /* Through the crossing: the mean of the way in and the way out. */
        ir_point p = crossings[c];
        ir_point din = unit((ir_point){ p.x - in_mid.x / total,
                                        p.y - in_mid.y / total });
        ir_point dout = unit((ir_point){ out_mid.x / total - p.x,
                                         out_mid.y / total - p.y });
        ir_point dir = unit((ir_point){ din.x + dout.x, din.y + dout.y });
        for (size_t k = 0; k < r->ntrees; k++)
            if (r->trees[k].crossing == c)
                r->trees[k].dir = dir;
    }
    free(term);
    free(w);
    return 0;
oom:
    free(term);
    free(w);
    return -1;
}

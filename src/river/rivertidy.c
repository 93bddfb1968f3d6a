/*
 * rivertidy: the passes after the spiral sweep.  See rivertidy.h.
 *
 * The sweep places joins where exact spirals would meet; the bands are
 * cubic curves, not spirals, and the sweep knows nothing of the states a
 * tree passes.  These passes mend what that leaves: siblings at one angle
 * merge (they would run on top of one another), joins too close to their
 * parent collapse into it (a band shorter than it is wide folds), long
 * branches get way points on their spirals (one cubic cuts the corner a
 * spiral goes round), joins and terminal bands move off the states a tree
 * does not serve, and bands that would fold or leave a destination no
 * room for its head collapse.  Bands of one tree that still cross are the
 * next pass's (riveruntangle.c).
 */
#include "rivertidy.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "riverband.h"
#include "rivertrees.h"

#define AVOID_ROUNDS 24       /* rounds of moving joins off unserved nodes */
#define REPAIR_ROUNDS 6       /* the same after collapses, near them only */
#define COLLINEAR (6 * M_PI / 180) /* siblings this close in angle merge */
#define TURN_STEP (6 * M_PI / 180)
#define MAX_TURN (48 * M_PI / 180)
#define SPIRAL_STEP (15 * M_PI / 180) /* widest turn a band takes alone */
#define UNFOLD_ROUNDS 4

static ir_point unit(ir_point v)
{
    double n = hypot(v.x, v.y);
    return n > 0 ? (ir_point){ v.x / n, v.y / n } : (ir_point){ 0, 1 };
}

/* Two branches leaving a node at nearly the same angle run on top of one
 * another, and the far one passes over the near one's end: the far one
 * joins the near one instead (through a new join just before it when the
 * near end is a terminal), as the spiral sweep would have had it with
 * exact spirals.  Returns -1 when memory runs out. */
static int merge_collinear(ir_river *r)
{
    for (int round = 0; round < 64; round++) {
        if (ir_river_index_children(r))
            return -1;
        bool changed = false;
        size_t nodes = r->nnodes; /* joins added this round wait */
        for (size_t p = 0; p < nodes; p++) {
            if (r->nodes[p].tree < 0)
                continue;
            ir_point at = r->nodes[p].at;
            bool merged = false;
            for (size_t i = r->kid_start[p]; i < r->kid_start[p + 1] && !merged; i++)
                for (size_t j = i + 1; j < r->kid_start[p + 1] && !merged; j++) {
                    size_t a = (size_t)r->kids[i], b = (size_t)r->kids[j];
                    if (r->nodes[a].parent != (int)p || r->nodes[b].parent != (int)p)
                        continue;
                    ir_point va = { r->nodes[a].at.x - at.x, r->nodes[a].at.y - at.y };
                    ir_point vb = { r->nodes[b].at.x - at.x, r->nodes[b].at.y - at.y };
                    double la = hypot(va.x, va.y), lb = hypot(vb.x, vb.y);
                    if (la == 0 || lb == 0 ||
                        (va.x * vb.x + va.y * vb.y) / (la * lb) < cos(COLLINEAR))
                        continue;
                    size_t near = la < lb ? a : b, far = la < lb ? b : a;
                    double wn = r->nodes[near].weight, wf = r->nodes[far].weight;
                    int via = (int)near;
                    if (r->nodes[near].flow_node >= 0) {
                        /* A terminal ends its own flow: split just before. */
                        ir_point q = { at.x + (r->nodes[near].at.x - at.x) * 0.7,
                                       at.y + (r->nodes[near].at.y - at.y) * 0.7 };
                        via = ir_river_add_node(r, q, wn, -1, r->nodes[near].tree);
                        if (via < 0)
                            return -1;
                        r->nodes[via].parent = (int)p;
                        r->nodes[near].parent = via;
                    }
                    r->nodes[far].parent = via;
                    r->nodes[via].weight = wn + wf;
                    merged = changed = true;
                }
        }
        if (!changed)
            break;
    }
    return 0;
}

/* The nearest ancestor of p that has not collapsed. */
static int live_parent(const ir_river *r, const bool *gone, int p)
{
    while (p >= 0 && gone[p])
        p = r->nodes[p].parent;
    return p;
}

/* A join too close to its parent would give a band shorter than it is
 * wide, whose outline folds: its branches join the parent directly (the
 * stacking at a node takes any number of them).  A collapsed join keeps
 * its parent until the end, and its branches are pointed past it then,
 * rather than by a search of every node at each collapse.  Returns -1
 * when memory runs out. */
static int collapse_short(ir_river *r)
{
    bool *gone = calloc(r->nnodes + 1, sizeof *gone);
    if (gone == NULL)
        return -1;
    bool changed = true;
    while (changed) {
        changed = false;
        for (size_t i = 0; i < r->nnodes; i++) {
            ir_river_node *j = &r->nodes[i];
            if (gone[i] || j->flow_node >= 0 || j->parent < 0 || j->tree < 0)
                continue;
            j->parent = live_parent(r, gone, j->parent);
            if (j->parent < 0)
                continue;
            const ir_river_node *p = &r->nodes[j->parent];
            double need = fmax(ir_flowmap_width(r->map, j->weight),
                               ir_flowmap_width(r->map, p->weight)) + 4;
            if (hypot(j->at.x - p->at.x, j->at.y - p->at.y) >= need)
                continue;
            gone[i] = true;
            changed = true;
        }
    }
    for (size_t k = 0; k < r->nnodes; k++)
        if (!gone[k] && r->nodes[k].parent >= 0)
            r->nodes[k].parent = live_parent(r, gone, r->nodes[k].parent);
    for (size_t k = 0; k < r->nnodes; k++)
        if (gone[k])
            r->nodes[k].parent = -1, r->nodes[k].tree = -1; /* gone */
    free(gone);
    return 0;
}

/* A branch that winds far round the root, drawn as one cubic, cuts the
 * corner its spiral goes round and can cross its neighbours: such a
 * branch gets way points on its spiral, a straight line in (ln r, angle)
 * about the root, at most SPIRAL_STEP apart, so that each band follows a
 * short stretch of it.  Branches into the root stay whole (ln r has no
 * end there), and none is cut into pieces shorter than they are wide.
 * Returns -1 when memory runs out. */
static int follow_spirals(ir_river *r)
{
    size_t nodes = r->nnodes;
    for (size_t i = 0; i < nodes; i++) {
        ir_river_node n = r->nodes[i];
        if (n.tree < 0 || n.parent < 0)
            continue;
        const ir_river_tree *t = &r->trees[n.tree];
        if (n.parent == t->root)
            continue;
        ir_point o = r->nodes[t->root].at, q = r->nodes[n.parent].at;
        ir_point a = { n.at.x - o.x, n.at.y - o.y }, b = { q.x - o.x, q.y - o.y };
        double ra = hypot(a.x, a.y), rb = hypot(b.x, b.y);
        if (ra == 0 || rb == 0)
            continue;
        double turn = atan2(a.x * b.y - a.y * b.x, a.x * b.x + a.y * b.y);
        int pieces = (int)ceil(fabs(turn) / SPIRAL_STEP);
        double wide = ir_flowmap_width(r->map, n.weight) + 4;
        double len = hypot(q.x - n.at.x, q.y - n.at.y);
        if (pieces > (int)(len / wide))
            pieces = (int)(len / wide);
        double th = atan2(a.y, a.x), la = log(ra), lb = log(rb);
        int child = (int)i;
        for (int k = 1; k < pieces; k++) {
            double s = (double)k / pieces, rr = exp(la + (lb - la) * s);
            ir_point at = { o.x + rr * cos(th + turn * s),
                            o.y + rr * sin(th + turn * s) };
            int w = ir_river_add_node(r, at, n.weight, -1, n.tree);
            if (w < 0)
                return -1;
            r->nodes[child].parent = w;
            child = w;
        }
        r->nodes[child].parent = n.parent;
    }
    return 0;
}

/* Bands must not pass over the nodes of states their tree does not
 * serve.  The sweep ignores them, so a few rounds move the join nodes
 * (never terminals or crossings) of covering bands away from such nodes,
 * by the depth of the cover, and rebuild the bands, for up to `rounds`
 * rounds (a crowded map does not settle).  With `dirty`, only
 * bands with an end marked there are looked at, and the ends that move
 * are marked for the next round: after a few local changes, the bands
 * that can have changed. */
static int avoid_unserved(ir_river *r, bool *dirty, int rounds)
{
    const ir_node *fn;
    size_t nn = ir_flowmap_nodes(r->map, &fn);
    /* served[tree * nn + k]: node k is a terminal of the tree. */
    bool *served = calloc(r->ntrees * nn + 1, sizeof *served);
    if (served == NULL)
        return -1;
    for (size_t i = 0; i < r->nnodes; i++)
        if (r->nodes[i].flow_node >= 0)
            served[(size_t)r->nodes[i].tree * nn +
                   (size_t)r->nodes[i].flow_node] = true;
    for (int round = 0; round < rounds; round++) {
        if (ir_river_build_bands(r)) {
            free(served);
            return -1;
        }
        bool moved = false;
        for (size_t i = 0; i < r->nbands; i++) {
            const ir_river_band *b = &r->bands[i];
            int ends[2] = { b->upstream, b->downstream };
            if (dirty && !dirty[ends[0]] && !dirty[ends[1]])
                continue;
            /* The band lies within its control points' box. */
            double bx0 = HUGE_VAL, by0 = HUGE_VAL, bx1 = -HUGE_VAL, by1 = -HUGE_VAL;
            for (int q = 0; q < 4; q++) {
                bx0 = fmin(bx0, b->p[q].x);
                by0 = fmin(by0, b->p[q].y);
                bx1 = fmax(bx1, b->p[q].x);
                by1 = fmax(by1, b->p[q].y);
            }
            for (size_t k = 0; k < nn; k++) {
                double need = fn[k].radius + b->width / 2 + 1.5;
                if (served[(size_t)b->tree * nn + k] ||
                    fn[k].at.x < bx0 - need || fn[k].at.x > bx1 + need ||
                    fn[k].at.y < by0 - need || fn[k].at.y > by1 + need)
                    continue;
                double deepest = 0;
                ir_point away = { 0, 0 };
                for (int s = 1; s < 24; s++) {
                    ir_point p = ir_river_at(b, s / 24.0);
                    double dx = p.x - fn[k].at.x, dy = p.y - fn[k].at.y;
                    double d = hypot(dx, dy);
                    if (d < need && need - d > deepest) {
                        deepest = need - d;
                        away = d > 0 ? (ir_point){ dx / d, dy / d }
                                     : unit((ir_point){ -(b->p[3].y - b->p[0].y),
                                                        b->p[3].x - b->p[0].x });
                    }
                }
                if (deepest == 0)
                    continue;
                for (int e = 0; e < 2; e++) {
                    ir_river_node *n = &r->nodes[ends[e]];
                    if (n->parent < 0)
                        continue; /* crossings stay */
                    /* Its bands change, and so do its parent's: the
                     * order of their ports and, with one child, their
                     * direction. */
                    if (dirty)
                        dirty[ends[e]] = dirty[n->parent] = true;
                    if (n->flow_node < 0) {
                        /* A join moves away from the node. */
                        n->at.x += away.x * (deepest + 1);
                        n->at.y += away.y * (deepest + 1);
                        moved = true;
                    } else if (fabs(n->turn) < MAX_TURN) {
                        /* A terminal stays, but its band may leave (or
                         * arrive) at an angle: turn it the way that
                         * swings the band's middle away. */
                        ir_point d = n->dir;
                        double side = d.x * away.y - d.y * away.x;
                        double sgn = e == 0 ? 1 : -1;
                        n->turn += (side > 0 ? 1 : -1) * sgn * TURN_STEP;
                        moved = true;
                    }
                }
            }
        }
        if (!moved)
            break;
    }
    free(served);
    return ir_river_build_bands(r);
}

/* Whether the centre line of b has a radius of curvature under `radius`
 * anywhere (sampled at 33 points; the curvature of a cubic with arms of at
 * most a third of its chord varies slowly between them). */
static bool bends_tighter_than(const ir_river_band *b, double radius)
{
    const ir_point *p = b->p;
    for (int i = 0; i <= 32; i++) {
        double t = i / 32.0, u = 1 - t;
        /* B'(t) and B''(t) of the cubic, up to constant factors 3 and 6. */
        double dx = u * u * (p[1].x - p[0].x) + 2 * u * t * (p[2].x - p[1].x) +
                    t * t * (p[3].x - p[2].x);
        double dy = u * u * (p[1].y - p[0].y) + 2 * u * t * (p[2].y - p[1].y) +
                    t * t * (p[3].y - p[2].y);
        double ex = u * (p[2].x - 2 * p[1].x + p[0].x) + t * (p[3].x - 2 * p[2].x + p[1].x);
        double ey = u * (p[2].y - 2 * p[1].y + p[0].y) + t * (p[3].y - 2 * p[2].y + p[1].y);
        /* radius = |B'|^3 / |B' x B''|, with B' = 3 d and B'' = 6 e. */
        double speed = 3 * hypot(dx, dy), cross = 18 * fabs(dx * ey - dy * ex);
        if (speed * speed * speed < radius * cross)
            return true;
    }
    return false;
}

/* Whether band b's outline crosses itself: on the inside of a bend
 * tighter than its half width.  The outline is traced only where the
 * centre line bends nearly that tightly. */
static bool outline_folds(const ir_river *r, const ir_river_band *b)
{
    if (!bends_tighter_than(b, b->width / 2 + 1))
        return false;
    ir_point o[160];
    size_t n = ir_river_outline(r, b, 0, o, 160);
    for (size_t p = 0; p + 2 < n; p++)
        for (size_t q = p + 2; q < n; q++) {
            if (p == 0 && q == n - 1)
                continue; /* neighbours around the closing edge */
            if (ir_river_segments_cross(o[p], o[p + 1], o[q], o[(q + 1) % n],
                                        NULL))
                return true;
        }
    return false;
}

/* Whether a destination's band is long enough for its arrowhead and the
 * gap before the node (ir_river_outline draws nothing otherwise). */
static bool head_fits(const ir_river *r, const ir_river_band *b)
{
    return !ir_river_too_short(r, b->p[0], b->downstream, b->width);
}

/* Bands the passes above can leave undrawable: between two joins, one
 * shorter than it is wide or bending too tightly (its outline would
 * fold); into a destination, one too short for its head and gap (it
 * would not be drawn at all, and the destination would get no arrow).
 * The first kind's child join, or the join the second kind leaves,
 * collapses into its parent, so that its branches leave from further
 * up; that parent is marked in dirty.  Returns how many collapsed, or
 * -1 when memory runs out. */
static int collapse_folded(ir_river *r, bool *dirty)
{
    /* The kids lists are those of the last build: a join that took
     * branches this round has more than its list says, so it waits for
     * the next round to collapse. */
    bool *grew = calloc(r->nnodes + 1, sizeof *grew);
    if (grew == NULL)
        return -1;
    int collapsed = 0;
    for (size_t i = 0; i < r->nbands; i++) {
        const ir_river_band *b = &r->bands[i];
        bool up_join = r->nodes[b->upstream].flow_node < 0;
        bool down_join = r->nodes[b->downstream].flow_node < 0;
        int gone;
        if (up_join && down_join) {
            gone = r->nodes[b->downstream].parent == b->upstream
                       ? b->downstream : b->upstream;
            double chord = hypot(b->p[3].x - b->p[0].x, b->p[3].y - b->p[0].y);
            if (chord >= b->width && !outline_folds(r, b))
                continue;
        } else if (up_join && b->arrow) {
            gone = b->upstream;
            if (head_fits(r, b))
                continue;
        } else
            continue;
        ir_river_node *j = &r->nodes[gone];
        if (j->parent < 0 || j->tree < 0 || grew[gone])
            continue; /* a crossing, collapsed, or grown this round */
        for (size_t k = r->kid_start[gone]; k < r->kid_start[gone + 1]; k++)
            r->nodes[r->kids[k]].parent = j->parent;
        dirty[j->parent] = grew[j->parent] = true; /* new branches */
        j->parent = -1, j->tree = -1; /* gone */
        collapsed++;
    }
    free(grew);
    return collapsed;
}

/* Collapses undrawable bands until none is left (a few rounds: a
 * collapse can leave its parent's new band folded), rebuilding the bands
 * after each; with `avoid`, then moves joins off nodes again, once: each
 * round of that looks at every band and node, the collapses at a few.
 * Returns how many joins collapsed, or -1 when memory runs out. */
static int unfold(ir_river *r, bool avoid)
{
    bool *dirty = calloc(r->nnodes + 1, sizeof *dirty);
    if (dirty == NULL)
        return -1;
    int total = 0;
    for (int round = 0; round < UNFOLD_ROUNDS && total >= 0; round++) {
        int c = collapse_folded(r, dirty);
        if (c <= 0) {
            total = c < 0 ? -1 : total;
            break;
        }
        total = ir_river_build_bands(r) ? -1 : total + c;
    }
    if (avoid && total > 0 && avoid_unserved(r, dirty, REPAIR_ROUNDS))
        total = -1;
    free(dirty);
    return total;
}

int ir_river_tidy(ir_river *r)
{
    if (merge_collinear(r))
        return -1;
    if (collapse_short(r) || follow_spirals(r) || avoid_unserved(r, NULL, AVOID_ROUNDS) ||
        unfold(r, true) < 0)
        return -1;
    return 0;
}

/*
 * rivertidy: the passes after the spiral sweep.  See riverint.h.
 *
 * The sweep places joins where exact spirals would meet; the bands are
 * cubic curves, not spirals, and the sweep knows nothing of the states a
 * tree passes.  Three passes mend what that leaves: siblings at one angle
 * merge (they would run on top of one another), joins too close to their
 * parent collapse into it (a band shorter than it is wide folds), and
 * joins and terminal bands move off the states a tree does not serve.
 */
#include "river.h"
#include "riverint.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#define AVOID_ROUNDS 24       /* rounds of moving joins off unserved nodes */
#define COLLINEAR (6 * M_PI / 180) /* siblings this close in angle merge */
#define TURN_STEP (6 * M_PI / 180)
#define MAX_TURN (48 * M_PI / 180)

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

/* A join too close to its parent would give a band shorter than it is
 * wide, whose outline folds: its branches join the parent directly (the
 * stacking at a node takes any number of them). */
static void collapse_short(ir_river *r)
{
    bool changed = true;
    while (changed) {
        changed = false;
        for (size_t i = 0; i < r->nnodes; i++) {
            ir_river_node *j = &r->nodes[i];
            if (j->flow_node >= 0 || j->parent < 0 || j->tree < 0)
                continue;
            const ir_river_node *p = &r->nodes[j->parent];
            double need = fmax(ir_flowmap_width(r->map, j->weight),
                               ir_flowmap_width(r->map, p->weight)) + 4;
            if (hypot(j->at.x - p->at.x, j->at.y - p->at.y) >= need)
                continue;
            for (size_t k = 0; k < r->nnodes; k++)
                if (r->nodes[k].parent == (int)i)
                    r->nodes[k].parent = j->parent;
            j->parent = -1;
            j->tree = -1; /* gone */
            changed = true;
        }
    }
}

/* Bands must not pass over the nodes of states their tree does not
 * serve.  The sweep ignores them, so a few rounds move the join nodes
 * (never terminals or crossings) of covering bands away from such nodes,
 * by the depth of the cover, and rebuild the bands. */
static int avoid_unserved(ir_river *r)
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
    for (int round = 0; round < AVOID_ROUNDS; round++) {
        if (ir_river_build_bands(r)) {
            free(served);
            return -1;
        }
        bool moved = false;
        for (size_t i = 0; i < r->nbands; i++) {
            const ir_river_band *b = &r->bands[i];
            int ends[2] = { b->upstream, b->downstream };
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

int ir_river_tidy(ir_river *r)
{
    if (merge_collinear(r))
        return -1;
    collapse_short(r);
    return avoid_unserved(r);
}

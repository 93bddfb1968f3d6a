/*
 * rivertrees: the trees every pass of river mode works on, and the bands
 * drawn from them.  See rivertrees.h.
 *
 * Drawing the tree.  The spirals choose where branches meet, and a branch
 * that winds far round the root is cut at way points on its spiral
 * (rivertidy.c).  Each band is a cubic Bezier whose end tangents are the
 * river's direction at its two nodes (at a way point, along its
 * spiral): towards the parent upstream of a crossing, away from it
 * downstream, and at the crossing the mean of both sides.  Branches meet
 * with the same tangent, so joins have no kinks; at a join the upstream
 * bands are stacked side by side across the downstream band, in the order
 * they arrive from, so their widths add up to its width there and no two
 * of them cross at the join.
 */
#include "rivertrees.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"

#define JOIN_ARM 10.0         /* tangent arm at a join, plus two widths */

static ir_point unit(ir_point v)
{
    double n = hypot(v.x, v.y);
    return n > 0 ? (ir_point){ v.x / n, v.y / n } : (ir_point){ 0, 1 };
}

int ir_river_add_node(ir_river *r, ir_point at, double weight, int flow_node,
                    int tree)
{
    if (ir_grow((void **)&r->nodes, &r->cap, r->nnodes + 1, sizeof *r->nodes))
        return -1;
    r->nodes[r->nnodes] = (ir_river_node){ at, { 0, 0 }, weight, -1, flow_node,
                                           tree, 0 };
    return (int)r->nnodes++;
}

/* Children of node p, in the order they sit across the river's direction
 * at p (left to right looking downstream); returns how many. */
static size_t children_across(const ir_river *r, int p, bool outgoing,
                              int *out, size_t cap)
{
    size_t n = 0;
    for (size_t k = r->kid_start[p]; k < r->kid_start[p + 1] && n < cap; k++)
        out[n++] = r->kids[k];
    ir_point d = r->nodes[p].dir, at = r->nodes[p].at;
    /* By the angle each child lies at from the river's direction (the
     * normal (-d.y, d.x) side positive), the order the bands fan out in:
     * ports stacked in that order cannot make two siblings cross.  (The
     * normal component alone would put a far child nearly ahead beside a
     * near one turning sharply, and their bands would cross.)  Upstream
     * children of an in-tree lie behind: their angles measure from -d. */
    double sense = outgoing ? 1 : -1;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            ir_point u = r->nodes[out[j - 1]].at, v = r->nodes[out[j]].at;
            double su = atan2(d.x * (u.y - at.y) - d.y * (u.x - at.x),
                              sense * (d.x * (u.x - at.x) + d.y * (u.y - at.y)));
            double sv = atan2(d.x * (v.y - at.y) - d.y * (v.x - at.x),
                              sense * (d.x * (v.x - at.x) + d.y * (v.y - at.y)));
            if (su <= sv)
                break;
            int tmp = out[j];
            out[j] = out[j - 1];
            out[j - 1] = tmp;
        }
    return n;
}

static int add_band(ir_river *r, ir_point a, ir_point da, ir_point b,
                    ir_point db, double weight, int tree, int up, int down,
                    bool arrow, double end_radius, int join_end,
                    double join_arm)
{
    if (ir_grow((void **)&r->bands, &r->bands_cap, r->nbands + 1,
                sizeof *r->bands))
        return -1;
    double len = hypot(b.x - a.x, b.y - a.y) / 3;
    /* At the join, siblings leave side by side with one tangent; a short
     * arm there lets each turn towards its own end soon, so they part in
     * the order they are stacked rather than running on together. */
    double la = join_end == 0 ? fmin(len, join_arm) : len;
    double lb = join_end == 1 ? fmin(len, join_arm) : len;
    ir_river_band *x = &r->bands[r->nbands++];
    memset(x, 0, sizeof *x); /* padding too: reruns compare equal */
    x->p[0] = a;
    x->p[1] = (ir_point){ a.x + da.x * la, a.y + da.y * la };
    x->p[2] = (ir_point){ b.x - db.x * lb, b.y - db.y * lb };
    x->p[3] = b;
    x->weight = weight;
    x->width = ir_flowmap_width(r->map, weight);
    x->tree = tree;
    x->upstream = up;
    x->downstream = down;
    x->arrow = arrow;
    x->end_radius = end_radius;
    return 0;
}

/* Directions, then bands with stacked ends, for tree k. */
static int tree_bands(ir_river *r, size_t k, ir_point crossing_dir)
{
    const ir_river_tree *t = &r->trees[k];
    const ir_node *fnodes;
    ir_flowmap_nodes(r->map, &fnodes);
    for (size_t i = 0; i < r->nnodes; i++) {
        ir_river_node *n = &r->nodes[i];
        if (n->tree != (int)k)
            continue;
        size_t nkids = r->kid_start[i + 1] - r->kid_start[i];
        if ((int)i == t->root)
            n->dir = crossing_dir;
        else if (n->flow_node < 0 && nkids == 1) {
            /* A way point on a spiral: along the chord from its child to
             * its parent, the spiral's direction there. */
            const ir_river_node *c = &r->nodes[r->kids[r->kid_start[i]]];
            const ir_river_node *p = &r->nodes[n->parent];
            double sense = t->outgoing ? -1 : 1;
            n->dir = unit((ir_point){ sense * (p->at.x - c->at.x),
                                      sense * (p->at.y - c->at.y) });
        }
        else if (!t->outgoing)
            n->dir = unit((ir_point){ r->nodes[n->parent].at.x - n->at.x,
                                      r->nodes[n->parent].at.y - n->at.y });
        else
            n->dir = unit((ir_point){ n->at.x - r->nodes[n->parent].at.x,
                                      n->at.y - r->nodes[n->parent].at.y });
        if (n->turn != 0) {
            double c = cos(n->turn), sn = sin(n->turn);
            n->dir = (ir_point){ c * n->dir.x - sn * n->dir.y,
                                 sn * n->dir.x + c * n->dir.y };
        }
    }
    int kids[512];
    for (size_t i = 0; i < r->nnodes; i++) {
        const ir_river_node *p = &r->nodes[i];
        if (p->tree != (int)k)
            continue;
        size_t nk = children_across(r, (int)i, t->outgoing, kids, 512);
        double total = 0;
        for (size_t c = 0; c < nk; c++)
            total += ir_flowmap_width(r->map, r->nodes[kids[c]].weight);
        ir_point normal = { -p->dir.y, p->dir.x };
        double off = -total / 2;
        for (size_t c = 0; c < nk; c++) {
            const ir_river_node *ch = &r->nodes[kids[c]];
            double w = ir_flowmap_width(r->map, ch->weight);
            ir_point port = { p->at.x + normal.x * (off + w / 2),
                              p->at.y + normal.y * (off + w / 2) };
            off += w;
            int rc;
            double arm = JOIN_ARM + 2 * ir_flowmap_width(r->map, p->weight);
            if (!t->outgoing)
                rc = add_band(r, ch->at, ch->dir, port, p->dir, ch->weight,
                              (int)k, kids[c], (int)i, false, 0, 1, arm);
            else
                rc = add_band(r, port, p->dir, ch->at, ch->dir, ch->weight,
                              (int)k, (int)i, kids[c], ch->flow_node >= 0,
                              ch->flow_node >= 0
                                  ? fnodes[ch->flow_node].radius : 0, 0, arm);
            if (rc)
                return -1;
        }
    }
    return 0;
}

/* The children of every node, in node order, by counting sort. */
int ir_river_index_children(ir_river *r)
{
    free(r->kid_start);
    free(r->kids);
    r->kid_start = calloc(r->nnodes + 2, sizeof *r->kid_start);
    r->kids = malloc((r->nnodes + 1) * sizeof *r->kids);
    size_t *fill = calloc(r->nnodes + 1, sizeof *fill);
    if (!r->kid_start || !r->kids || !fill) {
        free(fill);
        return -1;
    }
    for (size_t i = 0; i < r->nnodes; i++)
        if (r->nodes[i].parent >= 0)
            r->kid_start[r->nodes[i].parent + 1]++;
    for (size_t i = 0; i < r->nnodes; i++)
        r->kid_start[i + 1] += r->kid_start[i];
    for (size_t i = 0; i < r->nnodes; i++) {
        int p = r->nodes[i].parent;
        if (p >= 0)
            r->kids[r->kid_start[p] + fill[p]++] = (int)i;
    }
    free(fill);
    return 0;
}

int ir_river_build_bands(ir_river *r)
{
    if (ir_river_index_children(r))
        return -1;
    r->nbands = 0;
    for (size_t k = 0; k < r->ntrees; k++)
        if (tree_bands(r, k, r->trees[k].dir))
            return -1;
    return 0;
}

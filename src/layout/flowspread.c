/*
 * flowspread: flows sharing a node spread out around it.  See flowspread.h.
 */
#include "flowspread.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct end {
    size_t flow, node;
    double angle;
    int arriving;     /* the flow's head end */
} end;

/* A total order on a sweep's ends (coordinates are finite, so no angle
 * is NaN): any sort gives the same sequence, hence the same moves. */
static int end_cmp(const void *a, const void *b)
{
    const end *x = a, *y = b;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    if (x->angle != y->angle)
        return x->angle < y->angle ? -1 : 1;
    if (x->flow != y->flow)
        return x->flow < y->flow ? -1 : 1;
    return x->arriving - y->arriving;
}

/* Sorts ends already in their last sweep's order: control points move a
 * little per sweep, so few ends change places and insertion is nearly
 * linear.  Should they move a lot (a crowded hub), it gives up after 8n
 * shifts and leaves the rest to qsort, which ends in the same order. */
static void resort(end *ends, size_t n)
{
    size_t budget = 8 * n;
    for (size_t i = 1; i < n; i++) {
        end e = ends[i];
        size_t j = i;
        while (j > 0 && end_cmp(&ends[j - 1], &e) > 0) {
            if (budget-- == 0) {
                ends[j] = e;
                qsort(ends, n, sizeof *ends, end_cmp);
                return;
            }
            ends[j] = ends[j - 1];
            j--;
        }
        ends[j] = e;
    }
}

struct ir_flowspread {
    const ir_layout_flow *flows;
    const ir_layout_node *nodes;
    size_t nflows;
    end *ends;         /* two per flow, sorted by node, angle and flow */
    bool sorted;       /* by an earlier call */
};

ir_flowspread *ir_flowspread_create(const ir_layout_flow *flows, size_t nflows,
                                    const ir_layout_node *nodes)
{
    ir_flowspread *sp = calloc(1, sizeof *sp);
    if (!sp)
        return NULL;
    *sp = (ir_flowspread){ flows, nodes, nflows,
                           malloc((2 * nflows + 1) * sizeof *sp->ends), false };
    if (!sp->ends) {
        free(sp);
        return NULL;
    }
    return sp;
}

void ir_flowspread_destroy(ir_flowspread *sp)
{
    if (sp) {
        free(sp->ends);
        free(sp);
    }
}

void ir_flowspread_push(ir_flowspread *sp, const ir_point *c,
                        const ir_layout_options *o, ir_point *disp)
{
    const ir_layout_flow *flows = sp->flows;
    const ir_layout_node *nodes = sp->nodes;
    end *ends = sp->ends;
    size_t nflows = sp->nflows, n = 2 * nflows;
    if (sp->sorted) {
        for (size_t k = 0; k < n; k++) {
            ir_point a = nodes[ends[k].node].at, q = c[ends[k].flow];
            ends[k].angle = atan2(q.y - a.y, q.x - a.x);
        }
        resort(ends, n);
    } else {
        for (size_t i = 0; i < nflows; i++) {
            const ir_layout_flow *f = &flows[i];
            ir_point a = nodes[f->from].at, b = nodes[f->to].at;
            ends[2 * i] = (end){ i, f->from, atan2(c[i].y - a.y, c[i].x - a.x), 0 };
            ends[2 * i + 1] = (end){ i, f->to, atan2(c[i].y - b.y, c[i].x - b.x), 1 };
        }
        qsort(ends, n, sizeof *ends, end_cmp);
        sp->sorted = true;
    }
    for (size_t s = 0; s < n;) {
        size_t e = s;
        while (e < n && ends[e].node == ends[s].node)
            e++;
        size_t count = e - s;
        if (count > 1) {
            double r = nodes[ends[s].node].radius;
            for (size_t k = s; k < e; k++) {
                size_t next = k + 1 < e ? k + 1 : s;
                double gap = ends[next].angle - ends[k].angle;
                if (next == s)
                    gap += 2 * M_PI;
                if (count == 2 && next == s)
                    continue;
                const ir_layout_flow *fa = &flows[ends[k].flow],
                                     *fb = &flows[ends[next].flow];
                /* Bands side by side a little way out; arrowheads side
                 * by side at their bases, where they are widest. */
                double need = (fa->width + fb->width) / 2 / (r + 4);
                if (ends[k].arriving && ends[next].arriving) {
                    double wa = fmax(o->head_min, o->head_width * fa->width);
                    double wb = fmax(o->head_min, o->head_width * fb->width);
                    double len = fmax(o->head_min, o->head_length *
                                                       fmax(fa->width, fb->width));
                    need = fmax(need, (wa + wb) / 2 / (r + o->end_gap + len));
                }
                if (gap >= need)
                    continue;
                double push = 0.6 * (need - gap);
                /* Turn k clockwise-back (angle down), next forward: the
                 * move is perpendicular to each control point's arm. */
                const end *ek = &ends[k], *en = &ends[next];
                ir_point na = nodes[ek->node].at;
                double la = hypot(c[ek->flow].x - na.x, c[ek->flow].y - na.y);
                double lb = hypot(c[en->flow].x - na.x, c[en->flow].y - na.y);
                disp[ek->flow].x += sin(ek->angle) * push * la;
                disp[ek->flow].y -= cos(ek->angle) * push * la;
                disp[en->flow].x -= sin(en->angle) * push * lb;
                disp[en->flow].y += cos(en->angle) * push * lb;
            }
        }
        s = e;
    }
}

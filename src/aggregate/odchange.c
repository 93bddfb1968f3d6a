/*
 * odchange: see odchange.h.  The pairs of both periods in one array
 * sorted by (origin, destination) index, found by binary search: a map
 * looks each of its flows up once.
 */
#include <stdlib.h>

#include "odchange.h"

typedef struct change_pair {
    size_t origin, destination;
    double a, b;
} change_pair;

struct ir_od_change {
    const ir_states *states;
    change_pair *pair;
    size_t n;
    double total_a, total_b;
    ir_od *larger;
};

static int pair_cmp(const void *x, const void *y)
{
    const change_pair *p = x, *q = y;
    if (p->origin != q->origin)
        return p->origin < q->origin ? -1 : 1;
    return p->destination < q->destination ? -1
           : p->destination > q->destination;
}

ir_od_change *ir_od_change_create(ir_od *a, ir_od *b, const ir_states *states,
                                  ir_error *err)
{
    const ir_od_pair *pa, *pb;
    size_t na = ir_od_pairs(a, &pa), nb = ir_od_pairs(b, &pb);
    ir_od_change *c = calloc(1, sizeof *c);
    if (c)
        c->pair = malloc((na + nb ? na + nb : 1) * sizeof *c->pair);
    if (c == NULL || c->pair == NULL ||
        (c->larger = ir_od_create(states)) == NULL)
        goto oom;
    c->states = states;
    for (size_t i = 0; i < na + nb; i++) {
        const ir_od_pair *p = i < na ? &pa[i] : &pb[i - na];
        c->pair[i] = (change_pair){ ir_states_index(states, p->origin),
                                    ir_states_index(states, p->destination),
                                    i < na ? p->weight : 0,
                                    i < na ? 0 : p->weight };
    }
    qsort(c->pair, na + nb, sizeof *c->pair, pair_cmp);
    /* A pair of both periods is two entries side by side: one. */
    for (size_t i = 0; i < na + nb; i++) {
        change_pair *p = &c->pair[i];
        if (c->n && pair_cmp(&c->pair[c->n - 1], p) == 0) {
            c->pair[c->n - 1].a += p->a;
            c->pair[c->n - 1].b += p->b;
        } else {
            c->pair[c->n++] = *p;
        }
    }
    for (size_t i = 0; i < c->n; i++) {
        const change_pair *p = &c->pair[i];
        c->total_a += p->a;
        c->total_b += p->b;
        int rc = ir_od_add(c->larger, p->origin, p->destination,
                           p->a > p->b ? p->a : p->b);
        if (rc) {
            ir_od_change_destroy(c);
            ir_error_set(err, rc, NULL, -1, NULL,
                         rc == IR_EINPUT ? "a weight is too large to hold "
                                           "exactly"
                                         : "out of memory");
            return NULL;
        }
    }
    return c;
oom:
    ir_od_change_destroy(c);
    ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    return NULL;
}

void ir_od_change_destroy(ir_od_change *c)
{
    if (c == NULL)
        return;
    ir_od_destroy(c->larger);
    free(c->pair);
    free(c);
}

ir_od *ir_od_change_larger(ir_od_change *c)
{
    return c->larger;
}

bool ir_od_change_get(const ir_od_change *c, const ir_state *origin,
                      const ir_state *destination, double *a, double *b)
{
    change_pair key = { ir_states_index(c->states, origin),
                        ir_states_index(c->states, destination), 0, 0 };
    const change_pair *p = bsearch(&key, c->pair, c->n, sizeof *c->pair,
                                   pair_cmp);
    *a = p ? p->a : 0;
    *b = p ? p->b : 0;
    return p != NULL;
}

void ir_od_change_totals(const ir_od_change *c, double *a, double *b)
{
    *a = c->total_a;
    *b = c->total_b;
}

/*
 * od: the origin-destination matrix.  See od.h.
 */
#include "od.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic.h"

/* Two parts.  The states and countries (the table's entries before its
 * first place: 89 of them) have a dense matrix, whose add is one index:
 * a hash costs a state-level run a fifth more.  A pair with a place in it
 * goes to an open-addressing hash of its non-zero cells, keyed by origin
 * and destination index: a dealer-level table has ten thousand places
 * and a few tens of thousands of pairs, where a dense matrix would need
 * 10^8 cells per worker.  Empty slots hold EMPTY; the hash is at most
 * half full, so a probe ends within a few slots. */
#define EMPTY UINT64_MAX

typedef struct od_cell {
    uint64_t key;          /* origin << 32 | destination */
    double weight;
} od_cell;

struct ir_od {
    const ir_states *states;
    size_t n;              /* the dense part: n x n, origin-major */
    double *dense;
    od_cell *cell;
    size_t cap, used;      /* cap a power of two, 2^(64 - shift) */
    int shift;
    ir_od_pair *pairs;     /* sorted view, rebuilt on demand */
    size_t npairs;
    bool dirty;
};

static int cells_alloc(ir_od *od, size_t cap)
{
    od_cell *c = malloc(cap * sizeof *c);
    if (c == NULL)
        return -1;
    for (size_t i = 0; i < cap; i++)
        c[i].key = EMPTY;
    od->cell = c;
    od->cap = cap;
    od->used = 0;
    od->shift = 64;
    while (((size_t)1 << (64 - od->shift)) < cap)
        od->shift--;
    return 0;
}

ir_od *ir_od_create(const ir_states *states)
{
    ir_od *od = calloc(1, sizeof *od);
    if (od == NULL)
        return NULL;
    od->states = states;
    size_t count = ir_states_count(states);
    while (od->n < count && ir_states_at(states, od->n)->kind != IR_STATE_PLACE)
        od->n++;
    od->dense = calloc(od->n > 0 ? od->n * od->n : 1, sizeof *od->dense);
    if (od->dense == NULL || cells_alloc(od, 256)) {
        free(od->dense);
        free(od);
        return NULL;
    }
    od->dirty = true;
    return od;
}

void ir_od_destroy(ir_od *od)
{
    if (od == NULL)
        return;
    free(od->dense);
    free(od->cell);
    free(od->pairs);
    free(od);
}

/* Fibonacci hashing: the top bits of the product depend on every bit of
 * the packed indices (middle bits would see little of the origin, and a
 * dealer table's pairs then crowd a few slots). */
static size_t slot_of(const ir_od *od, uint64_t key)
{
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15u) >> od->shift);
    while (od->cell[i].key != key && od->cell[i].key != EMPTY)
        i = (i + 1) & (od->cap - 1);
    return i;
}

static int grow(ir_od *od)
{
    od_cell *old = od->cell;
    size_t n = od->cap;
    if (n > ((size_t)-1 / sizeof *old) / 2 || cells_alloc(od, n * 2)) {
        od->cell = old;
        od->cap = n;
        return -1;
    }
    size_t used = 0;
    for (size_t i = 0; i < n; i++)
        if (old[i].key != EMPTY) {
            od->cell[slot_of(od, old[i].key)] = old[i];
            used++;
        }
    od->used = used;
    free(old);
    return 0;
}

int ir_od_add(ir_od *od, size_t origin, size_t destination, double weight)
{
    if (origin < od->n && destination < od->n) {
        double *c = &od->dense[origin * od->n + destination];
        if (*c + weight > IR_OD_MAX_EXACT)
            return IR_EINPUT;
        *c += weight;
        od->dirty = true;
        return 0;
    }
    uint64_t key = (uint64_t)origin << 32 | (uint64_t)destination;
    size_t i = slot_of(od, key);
    if (od->cell[i].key == EMPTY) {
        if (2 * (od->used + 1) > od->cap) {
            if (grow(od))
                return IR_EINTERNAL;
            i = slot_of(od, key);
        }
        od->cell[i] = (od_cell){ key, 0 };
        od->used++;
    }
    if (od->cell[i].weight + weight > IR_OD_MAX_EXACT)
        return IR_EINPUT;
    od->cell[i].weight += weight;
    od->dirty = true;
    return 0;
}

int ir_od_merge(ir_od *into, const ir_od *from)
{
    for (size_t i = 0; i < into->n * into->n; i++) {
        if (into->dense[i] + from->dense[i] > IR_OD_MAX_EXACT)
            return IR_EINPUT;
        into->dense[i] += from->dense[i];
    }
    into->dirty = true;
    for (size_t i = 0; i < from->cap; i++) {
        uint64_t k = from->cell[i].key;
        if (k == EMPTY)
            continue;
        int status = ir_od_add(into, (size_t)(k >> 32),
                               (size_t)(k & 0xFFFFFFFFu), from->cell[i].weight);
        if (status)
            return status;
    }
    return 0;
}

static int pair_cmp(const void *a, const void *b)
{
    const ir_od_pair *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    int c = strcmp(x->origin->iso, y->origin->iso);
    return c ? c : strcmp(x->destination->iso, y->destination->iso);
}

static int cell_cmp(const void *a, const void *b)
{
    uint64_t x = ((const od_cell *)a)->key, y = ((const od_cell *)b)->key;
    return (x > y) - (x < y);
}

/* The non-zero cells of both parts in origin-major order: sums taken in
 * this order do not depend on the order rows arrived in. */
static od_cell *cells_sorted(const ir_od *od, size_t *n)
{
    size_t dense = 0;
    for (size_t i = 0; i < od->n * od->n; i++)
        dense += od->dense[i] != 0;
    od_cell *c = malloc((od->used + dense ? od->used + dense : 1) * sizeof *c);
    if (c == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < od->n * od->n; i++)
        if (od->dense[i] != 0)
            c[k++] = (od_cell){ (uint64_t)(i / od->n) << 32 | (i % od->n),
                                od->dense[i] };
    for (size_t i = 0; i < od->cap; i++)
        if (od->cell[i].key != EMPTY)
            c[k++] = od->cell[i];
    qsort(c, k, sizeof *c, cell_cmp);
    *n = k;
    return c;
}

size_t ir_od_pairs(ir_od *od, const ir_od_pair **pairs)
{
    if (od->dirty) {
        size_t n;
        od_cell *c = cells_sorted(od, &n);
        ir_od_pair *p = c ? realloc(od->pairs, (n ? n : 1) * sizeof *p) : NULL;
        if (p == NULL) {
            free(c);
            *pairs = NULL;
            return 0;
        }
        od->pairs = p;
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (c[i].weight != 0)
                p[k++] = (ir_od_pair){
                    ir_states_at(od->states, (size_t)(c[i].key >> 32)),
                    ir_states_at(od->states, (size_t)(c[i].key & 0xFFFFFFFFu)),
                    c[i].weight };
        free(c);
        qsort(p, k, sizeof *p, pair_cmp);
        od->npairs = k;
        od->dirty = false;
    }
    *pairs = od->pairs;
    return od->npairs;
}

double ir_od_total(const ir_od *od)
{
    size_t n;
    od_cell *c = cells_sorted(od, &n);
    double t = 0;
    if (c == NULL) {
        /* Out of memory: the same sum in slot order, exact for counts. */
        for (size_t i = 0; i < od->n * od->n; i++)
            t += od->dense[i];
        for (size_t i = 0; i < od->cap; i++)
            if (od->cell[i].key != EMPTY)
                t += od->cell[i].weight;
        return t;
    }
    for (size_t i = 0; i < n; i++)
        t += c[i].weight;
    free(c);
    return t;
}

void ir_od_format_weight(double w, char *buf, size_t cap)
{
    if (w == floor(w) && fabs(w) <= IR_OD_MAX_EXACT)
        snprintf(buf, cap, "%.0f", w);
    else
        snprintf(buf, cap, "%.15g", w);
}

int ir_od_write_csv(ir_od *od, const char *path, ir_error *err)
{
    const ir_od_pair *p;
    size_t n = ir_od_pairs(od, &p);
    if (p == NULL)
        return ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                            "out of memory");
    bool to_stdout = strcmp(path, "-") == 0;
    ir_atomic *file = to_stdout ? NULL : ir_atomic_open(path, err);
    if (!to_stdout && file == NULL)
        return err->status;
    FILE *fp = to_stdout ? stdout : ir_atomic_stream(file);
    fputs("origin,destination,weight\n", fp);
    char w[64];
    for (size_t i = 0; i < n; i++) {
        ir_od_format_weight(p[i].weight, w, sizeof w);
        fprintf(fp, "%s,%s,%s\n", p[i].origin->iso, p[i].destination->iso, w);
    }
    if (to_stdout)
        return fflush(stdout) == 0 && !ferror(stdout)
                   ? 0
                   : ir_error_set(err, IR_EOUTPUT, "-", -1, NULL,
                                  "cannot write standard output");
    return ir_atomic_commit(file, err);
}

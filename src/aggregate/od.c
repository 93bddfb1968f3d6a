/*
 * od: the origin-destination matrix.  See od.h.
 */
#include "od.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic.h"

struct ir_od {
    const ir_states *states;
    size_t n;
    double *cell;          /* n x n, origin-major */
    ir_od_pair *pairs;     /* sorted view, rebuilt on demand */
    size_t npairs;
    bool dirty;
};

ir_od *ir_od_create(const ir_states *states)
{
    ir_od *od = calloc(1, sizeof *od);
    if (od == NULL)
        return NULL;
    od->states = states;
    od->n = ir_states_count(states);
    od->cell = calloc(od->n * od->n, sizeof *od->cell);
    if (od->cell == NULL) {
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
    free(od->cell);
    free(od->pairs);
    free(od);
}

bool ir_od_add(ir_od *od, size_t origin, size_t destination, double weight)
{
    double *c = &od->cell[origin * od->n + destination];
    if (*c + weight > IR_OD_MAX_EXACT)
        return false;
    *c += weight;
    od->dirty = true;
    return true;
}

bool ir_od_merge(ir_od *into, const ir_od *from)
{
    for (size_t i = 0; i < into->n * into->n; i++) {
        if (into->cell[i] + from->cell[i] > IR_OD_MAX_EXACT)
            return false;
        into->cell[i] += from->cell[i];
    }
    into->dirty = true;
    return true;
}

static int pair_cmp(const void *a, const void *b)
{
    const ir_od_pair *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    int c = strcmp(x->origin->iso, y->origin->iso);
    return c ? c : strcmp(x->destination->iso, y->destination->iso);
}

size_t ir_od_pairs(ir_od *od, const ir_od_pair **pairs)
{
    if (od->dirty) {
        size_t n = 0;
        for (size_t i = 0; i < od->n * od->n; i++)
            n += od->cell[i] != 0;
        ir_od_pair *p = realloc(od->pairs, (n ? n : 1) * sizeof *p);
        if (p == NULL) {
            *pairs = NULL;
            return 0;
        }
        od->pairs = p;
        n = 0;
        for (size_t o = 0; o < od->n; o++)
            for (size_t d = 0; d < od->n; d++) {
                double w = od->cell[o * od->n + d];
                if (w != 0)
                    p[n++] = (ir_od_pair){ ir_states_at(od->states, o),
                                           ir_states_at(od->states, d), w };
            }
        qsort(p, n, sizeof *p, pair_cmp);
        od->npairs = n;
        od->dirty = false;
    }
    *pairs = od->pairs;
    return od->npairs;
}

double ir_od_total(const ir_od *od)
{
    double t = 0;
    for (size_t i = 0; i < od->n * od->n; i++)
        t += od->cell[i];
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

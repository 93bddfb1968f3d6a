/*
 * symbols: proportional circles.  See symbols.h.
 */
#include "symbols.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "legendseries.h"

#define R_MIN_PT 2.0

struct ir_symbols {
    ir_symbol *s;
    size_t n;
    double max, r_max;
    bool counts;
};

static int larger_first(const void *a, const void *b)
{
    const ir_symbol *x = a, *y = b;
    if (x->value != y->value)
        return x->value < y->value ? 1 : -1;
    return x->y < y->y ? -1 : x->y > y->y;  /* ties: a fixed order */
}

ir_symbols *ir_symbols_create(const ir_state_values *values,
                              const ir_states *states,
                              const ir_anchors *anchors, const ir_frame *frame,
                              double r_max_pt, size_t *missing,
                              const ir_state **first_missing, ir_error *err)
{
    const ir_state_value *v;
    size_t n = ir_state_values_get(values, &v), off = 0;
    ir_symbols *s = calloc(1, sizeof *s);
    if (s == NULL || (s->s = malloc((n ? n : 1) * sizeof *s->s)) == NULL) {
        free(s);
        ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
        return NULL;
    }
    s->counts = true;
    s->r_max = r_max_pt;
    if (first_missing)
        *first_missing = NULL;
    for (size_t i = 0; i < n; i++) {
        double x, y;
        if (!ir_anchors_get(anchors, ir_states_index(states, v[i].state), &x,
                            &y)) {
            if (off++ == 0 && first_missing)
                *first_missing = v[i].state;
            continue;
        }
        ir_symbol *d = &s->s[s->n++];
        d->state = v[i].state;
        d->value = v[i].value;
        ir_frame_to_page(frame, x, y, &d->x, &d->y);
        s->max = fmax(s->max, v[i].value);
        s->counts &= v[i].value == floor(v[i].value);
    }
    for (size_t i = 0; i < s->n; i++)
        s->s[i].r = s->s[i].value > 0
                        ? ir_series_radius(s->s[i].value, s->max, R_MIN_PT,
                                           r_max_pt)
                        : 0;
    qsort(s->s, s->n, sizeof *s->s, larger_first);
    if (missing)
        *missing = off;
    return s;
}

void ir_symbols_destroy(ir_symbols *s)
{
    if (s == NULL)
        return;
    free(s->s);
    free(s);
}

size_t ir_symbols_get(const ir_symbols *s, const ir_symbol **out)
{
    *out = s->s;
    return s->n;
}

size_t ir_symbols_legend(const ir_symbols *s, double values[2],
                         double radii[2])
{
    if (!(s->max > 0))
        return 0;
    size_t n = ir_series_circles(s->max, s->counts, R_MIN_PT, s->r_max,
                                 values);
    for (size_t i = 0; i < n; i++)
        radii[i] = ir_series_radius(values[i], s->max, R_MIN_PT, s->r_max);
    return n;
}

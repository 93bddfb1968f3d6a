/*
 * The OD table at dealer scale: 12,000 places of a table added to the
 * states, 36,000 pairs filled in two orders and by two merged halves give
 * the same pairs, the same sorted order and the same exact total; a sum
 * past 2^53 is refused.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/states.h"
#include "aggregate/od.h"

#define NPLACES 12000
#define NPAIRS 36000

static ir_states *table;
static size_t first_place, mexico;

static void setup(void)
{
    ir_error err = { 0 };
    table = ir_states_load("data/states.csv", &err);
    cr_assert_not_null(table, "%s", err.message);
    static char ids[NPLACES][16];
    static ir_place_def defs[NPLACES];
    for (int i = 0; i < NPLACES; i++) {
        snprintf(ids[i], sizeof ids[i], "dealer-%05d", i);
        defs[i] = (ir_place_def){ ids[i], ids[i], ids[i], "dealer", "US",
                                  -110 + i * 1e-4, 32, -1 };
    }
    first_place = ir_states_count(table);
    cr_assert_eq(ir_states_add_places(table, defs, NPLACES, &err), 0, "%s",
                 err.message);
    const ir_state *son = ir_states_lookup(table, "Sonora", "MX",
                                           IR_NUMBER_NONE, NULL);
    cr_assert_not_null(son);
    mexico = ir_states_index(table, son);
}

static void teardown(void)
{
    ir_states_destroy(table);
}

TestSuite(od, .init = setup, .fini = teardown);

/* Pair k: a place, Sonora or one of the two states after it in the
 * table, a weight. */
static void pair(int k, size_t *o, size_t *d, double *w)
{
    *o = first_place + (size_t)(k * 7919) % NPLACES;
    *d = mexico + (size_t)(k / NPLACES);
    *w = 1 + k % 11;
}

static int same_pairs(ir_od *a, ir_od *b)
{
    const ir_od_pair *p, *q;
    size_t n = ir_od_pairs(a, &p), m = ir_od_pairs(b, &q);
    if (n != m)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (p[i].origin != q[i].origin ||
            p[i].destination != q[i].destination ||
            p[i].weight != q[i].weight)
            return 0;
    return 1;
}

Test(od, many_places_any_order_same_table)
{
    ir_od *forward = ir_od_create(table), *backward = ir_od_create(table);
    ir_od *half1 = ir_od_create(table), *half2 = ir_od_create(table);
    double expected = 0;
    for (int k = 0; k < NPAIRS; k++) {
        size_t o, d;
        double w;
        pair(k, &o, &d, &w);
        expected += w;
        cr_assert_eq(ir_od_add(forward, o, d, w), 0);
        cr_assert_eq(ir_od_add(k < NPAIRS / 2 ? half1 : half2, o, d, w), 0);
        pair(NPAIRS - 1 - k, &o, &d, &w);
        cr_assert_eq(ir_od_add(backward, o, d, w), 0);
    }
    cr_assert_eq(ir_od_merge(half1, half2), 0);

    const ir_od_pair *p;
    size_t n = ir_od_pairs(forward, &p);
    /* 7919 is prime to 12,000: each third of the pairs meets every
     * place once, with its own state, so 36,000 distinct cells. */
    cr_assert_eq(n, NPAIRS);
    for (size_t i = 1; i < n; i++)
        cr_assert(p[i - 1].weight >= p[i].weight, "sorted by weight");
    cr_assert(same_pairs(forward, backward));
    cr_assert(same_pairs(forward, half1));
    cr_assert_eq(ir_od_total(forward), expected);
    cr_assert_eq(ir_od_total(backward), expected);
    cr_assert_eq(ir_od_total(half1), expected);
    ir_od_destroy(forward);
    ir_od_destroy(backward);
    ir_od_destroy(half1);
    ir_od_destroy(half2);
}

Test(od, repeated_pair_sums_and_refuses_inexact)
{
    ir_od *od = ir_od_create(table);
    size_t o = first_place + 5, d = mexico;
    for (int i = 0; i < 1000; i++)
        cr_assert_eq(ir_od_add(od, o, d, 3), 0);
    const ir_od_pair *p;
    cr_assert_eq(ir_od_pairs(od, &p), 1);
    cr_assert_eq(p[0].weight, 3000);
    cr_assert_str_eq(p[0].origin->iso, "dealer-00005");
    cr_assert_eq(ir_od_add(od, o, d, IR_OD_MAX_EXACT), IR_EINPUT);
    cr_assert_eq(ir_od_pairs(od, &p), 1);
    cr_assert_eq(p[0].weight, 3000, "a refused add leaves the cell");
    /* A cell summing to zero is not a pair. */
    cr_assert_eq(ir_od_add(od, o, d, -3000), 0);
    cr_assert_eq(ir_od_pairs(od, &p), 0);
    ir_od_destroy(od);
}

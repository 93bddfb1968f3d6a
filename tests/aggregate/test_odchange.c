/*
 * odchange: each pair's weights in two periods, and the od of the larger.
 */
#include <criterion/criterion.h>

#include "aggregate/odchange.h"
#include "helpers.h"

static const ir_state *find(const ir_states *st, const char *name)
{
    enum ir_lookup why;
    const ir_state *s = ir_states_lookup(st, name, NULL, 0, &why);
    cr_assert_not_null(s, "%s", name);
    return s;
}

Test(odchange, keeps_both_periods_and_the_larger)
{
    ir_error err = { 0 };
    ir_states *st = ir_states_load("data/states.csv", &err);
    cr_assert_not_null(st, "%s", err.message);
    const ir_state *tx = find(st, "Texas"), *az = find(st, "Arizona");
    const ir_state *tam = find(st, "Tamaulipas"), *son = find(st, "Sonora");
    const ir_state *chh = find(st, "Chihuahua");
    ir_od *a = ir_od_create(st), *b = ir_od_create(st);
    size_t itx = ir_states_index(st, tx), iaz = ir_states_index(st, az);
    size_t itam = ir_states_index(st, tam), ison = ir_states_index(st, son);
    size_t ichh = ir_states_index(st, chh);
    cr_assert_eq(ir_od_add(a, itx, itam, 100), 0);
    cr_assert_eq(ir_od_add(a, iaz, ison, 40), 0);   /* gone in B */
    cr_assert_eq(ir_od_add(b, itx, itam, 130), 0);
    cr_assert_eq(ir_od_add(b, itx, ichh, 7), 0);    /* new in B */
    ir_od_change *c = ir_od_change_create(a, b, st, &err);
    cr_assert_not_null(c, "%s", err.message);
    double wa, wb;
    cr_expect(ir_od_change_get(c, tx, tam, &wa, &wb));
    cr_expect(wa == 100 && wb == 130, "%g %g", wa, wb);
    cr_expect(ir_od_change_get(c, az, son, &wa, &wb));
    cr_expect(wa == 40 && wb == 0, "%g %g", wa, wb);
    cr_expect(ir_od_change_get(c, tx, chh, &wa, &wb));
    cr_expect(wa == 0 && wb == 7, "%g %g", wa, wb);
    cr_expect(!ir_od_change_get(c, az, tam, &wa, &wb));
    cr_expect(wa == 0 && wb == 0);
    const ir_od_pair *p;
    size_t n = ir_od_pairs(ir_od_change_larger(c), &p);
    cr_assert_eq(n, 3);
    cr_expect(p[0].origin == tx && p[0].destination == tam &&
              p[0].weight == 130);
    cr_expect(p[1].origin == az && p[1].weight == 40);
    cr_expect(p[2].destination == chh && p[2].weight == 7);
    ir_od_change_totals(c, &wa, &wb);
    cr_expect(wa == 140 && wb == 137, "%g %g", wa, wb);
    ir_od_change_destroy(c);
    ir_od_destroy(a);
    ir_od_destroy(b);
    ir_states_destroy(st);
}

/*
 * Roll-up: place-level weights counted for their states and countries,
 * totals kept exactly; a place in no state refused by name, or left out
 * and counted with skip; a located place across the border from its side
 * refused.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "load/places.h"
#include "load/states.h"
#include "aggregate/od.h"
#include "aggregate/rollup.h"
#include "helpers.h"

static ir_states *table;

static void setup(void)
{
    ir_error err = { 0 };
    table = ir_states_load("data/states.csv", &err);
    cr_assert_not_null(table, "%s", err.message);
    /* Parents named, or none: no boundaries are needed here. */
    static const char places[] =
        "id,name,lon,lat,parent\n"
        "tucson,Tucson,-110.97,32.22,AZ\n"
        "phoenix,Phoenix,-112.07,33.45,Arizona\n"
        "houston,Houston,-95.37,29.76,TX\n"
        "juarez,Ciudad Juárez,-106.45,31.69,Chihuahua\n"
        "guate,Ciudad de Guatemala,-90.51,14.63,GT\n"
        "atsea,Gulf,-90.0,25.0,\n";
    const char *path = th_path(th_tmpdir(), "places.csv");
    th_write_file(path, places, strlen(places));
    cr_assert_eq(ir_places_load(table, path, NULL, &err), 0, "%s",
                 err.message);
}

static void teardown(void)
{
    ir_states_destroy(table);
}

TestSuite(rollup, .init = setup, .fini = teardown);

static size_t at(const char *id)
{
    const ir_state *s = ir_states_lookup(table, id, NULL, IR_NUMBER_NONE,
                                         NULL);
    cr_assert_not_null(s, "%s", id);
    return ir_states_index(table, s);
}

static ir_od *od_of(const char *const (*pairs)[2], const double *w, size_t n)
{
    ir_od *od = ir_od_create(table);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(ir_od_add(od, at(pairs[i][0]), at(pairs[i][1]), w[i]), 0);
    return od;
}

static double weight(ir_od *od, const char *o, const char *d)
{
    const ir_od_pair *p;
    size_t n = ir_od_pairs(od, &p);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(p[i].origin->iso, o) && !strcmp(p[i].destination->iso, d))
            return p[i].weight;
    return 0;
}

static const char *const pairs[][2] = {
    { "tucson", "juarez" }, { "phoenix", "juarez" }, { "houston", "MX-TAM" },
    { "tucson", "guate" },  { "US-TX", "juarez" },   { "houston", "Sonora" },
};
static const double weights[] = { 5, 7, 11, 3, 2, 13 };

Test(rollup, places_count_for_their_states_and_countries_exactly)
{
    ir_od *od = od_of(pairs, weights, 6);
    ir_rollup_report rep;
    ir_error err = { 0 };
    ir_od *st = ir_od_rollup(od, table, IR_LEVEL_STATE, IR_LEVEL_STATE, false,
                             &rep, &err);
    cr_assert_not_null(st, "%s", err.message);
    cr_expect_eq(weight(st, "US-AZ", "MX-CHH"), 12);
    cr_expect_eq(weight(st, "US-TX", "MX-TAM"), 11);
    cr_expect_eq(weight(st, "US-AZ", "GT"), 3);
    cr_expect_eq(weight(st, "US-TX", "MX-CHH"), 2);
    cr_expect_eq(weight(st, "US-TX", "MX-SON"), 13);
    cr_expect_eq(ir_od_total(st), ir_od_total(od));
    ir_od *co = ir_od_rollup(od, table, IR_LEVEL_STATE, IR_LEVEL_COUNTRY,
                             false, &rep, &err);
    cr_assert_not_null(co, "%s", err.message);
    cr_expect_eq(weight(co, "US-AZ", "MX"), 12);
    cr_expect_eq(weight(co, "US-TX", "MX"), 26);
    cr_expect_eq(weight(co, "US-AZ", "GT"), 3);
    cr_expect_eq(ir_od_total(co), ir_od_total(od));
    /* Only destinations: origins stay places. */
    ir_od *half = ir_od_rollup(od, table, IR_LEVEL_PLACE, IR_LEVEL_STATE,
                               false, &rep, &err);
    cr_assert_not_null(half, "%s", err.message);
    cr_expect_eq(weight(half, "tucson", "MX-CHH"), 5);
    cr_expect_eq(weight(half, "houston", "MX-SON"), 13);
    ir_od_destroy(half);
    ir_od_destroy(co);
    ir_od_destroy(st);
    ir_od_destroy(od);
}

Test(rollup, a_place_in_no_state_is_refused_or_left_out_and_counted)
{
    static const char *const sea[][2] = { { "houston", "atsea" },
                                          { "tucson", "juarez" } };
    static const double w[] = { 4, 6 };
    ir_od *od = od_of(sea, w, 2);
    ir_rollup_report rep;
    ir_error err = { 0 };
    cr_expect_null(ir_od_rollup(od, table, IR_LEVEL_STATE, IR_LEVEL_STATE,
                                false, &rep, &err));
    cr_expect(strstr(err.message, "'atsea'") &&
              strstr(err.message, "--skip-unknown"), "%s", err.message);
    ir_od *kept = ir_od_rollup(od, table, IR_LEVEL_STATE, IR_LEVEL_STATE,
                               true, &rep, &err);
    cr_assert_not_null(kept, "%s", err.message);
    cr_expect_eq(rep.left_out, 1);
    cr_expect_eq(rep.weight_left_out, 4);
    cr_expect_str_eq(rep.first, "atsea");
    cr_expect_eq(ir_od_total(kept), 6);
    ir_od_destroy(kept);
    ir_od_destroy(od);
}

/*
 * Stable colours: Texas keeps its colour whatever its rank, a place takes
 * its state's, an origin without a place is grey, other states share the
 * two free colours heaviest first, and a pinned colour wins; bad pins are
 * refused naming the value.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "load/states.h"
#include "layout/palette.h"

static ir_states *table;

static void setup(void)
{
    ir_error err = { 0 };
    table = ir_states_load("data/states.csv", &err);
    cr_assert_not_null(table, "%s", err.message);
    cr_assert_eq(ir_states_add_unlocated(table, "Other states", "US",
                                         "Other states", "Otros estados",
                                         &err), 0, "%s", err.message);
    const ir_state *az = ir_states_lookup(table, "AZ", NULL, IR_NUMBER_NONE,
                                          NULL);
    ir_place_def tucson = { "tucson", "Tucson", "Tucson", "city", "US",
                            -110.97, 32.22,
                            (long)ir_states_index(table, az) };
    cr_assert_eq(ir_states_add_places(table, &tucson, 1, &err), 0, "%s",
                 err.message);
}

static void teardown(void)
{
    ir_states_destroy(table);
}

TestSuite(palette, .init = setup, .fini = teardown);

static const ir_state *st(const char *name)
{
    const ir_state *s = ir_states_lookup(table, name, NULL, IR_NUMBER_NONE,
                                         NULL);
    cr_assert_not_null(s, "%s", name);
    return s;
}

static unsigned rgb_of(const char *const *names, size_t n, size_t which,
                       const ir_color_pin *pins, size_t npins)
{
    const ir_state *keys[8];
    for (size_t i = 0; i < n; i++)
        keys[i] = st(names[i]);
    ir_palette p;
    int color[8];
    ir_palette_assign(keys, n, true, table, pins, npins, &p, color);
    cr_assert(color[which] >= 0 && (size_t)color[which] < p.n);
    return p.rgb[color[which]];
}

Test(palette, texas_keeps_its_colour_whatever_its_rank)
{
    static const char *const a[] = { "Texas", "Arizona", "Georgia" };
    static const char *const b[] = { "Arizona", "Georgia", "Florida",
                                     "Texas" };
    cr_expect_eq(rgb_of(a, 3, 0, NULL, 0), rgb_of(b, 4, 3, NULL, 0));
    cr_expect_eq(rgb_of(a, 3, 1, NULL, 0), rgb_of(b, 4, 0, NULL, 0));
    cr_expect_neq(rgb_of(a, 3, 0, NULL, 0), rgb_of(a, 3, 1, NULL, 0));
}

Test(palette, places_others_and_stubs)
{
    static const char *const n[] = { "tucson", "Arizona", "Georgia",
                                     "Ohio", "Utah", "Other states" };
    unsigned tucson = rgb_of(n, 6, 0, NULL, 0);
    cr_expect_eq(tucson, rgb_of(n, 6, 1, NULL, 0), "Tucson is Arizona's");
    unsigned georgia = rgb_of(n, 6, 2, NULL, 0), ohio = rgb_of(n, 6, 3, NULL, 0);
    unsigned utah = rgb_of(n, 6, 4, NULL, 0), other = rgb_of(n, 6, 5, NULL, 0);
    cr_expect(georgia != ohio && georgia != tucson && ohio != tucson,
              "the two free colours to the heaviest others");
    cr_expect_eq(utah, 0x8C8C8C, "a third other state is grey");
    cr_expect_eq(other, 0x8C8C8C, "an origin without a place is grey");
}

Test(palette, pins_win_and_bad_pins_are_refused)
{
    ir_color_pin pins[2];
    char why[256];
    cr_assert_eq(ir_color_pin_parse("Texas=#112233", table, &pins[0], why,
                                    sizeof why), 0, "%s", why);
    cr_assert_eq(ir_color_pin_parse("tucson=445566", table, &pins[1], why,
                                    sizeof why), 0, "%s", why);
    static const char *const n[] = { "Texas", "Arizona", "tucson" };
    cr_expect_eq(rgb_of(n, 3, 0, pins, 2), 0x112233u);
    cr_expect_eq(rgb_of(n, 3, 2, pins, 2), 0x445566u, "the place's own pin");
    cr_expect_eq(rgb_of(n, 3, 1, pins, 2), rgb_of(n, 3, 1, NULL, 0));
    ir_color_pin bad;
    cr_expect_neq(ir_color_pin_parse("Texsa=#112233", table, &bad, why,
                                     sizeof why), 0);
    cr_expect(strstr(why, "no state or place is called 'Texsa'"), "%s", why);
    cr_expect_neq(ir_color_pin_parse("Texas=#12345G", table, &bad, why,
                                     sizeof why), 0);
    cr_expect(strstr(why, "'#12345G' is not a colour"), "%s", why);
    cr_expect_neq(ir_color_pin_parse("Texas", table, &bad, why, sizeof why),
                  0);
    cr_expect(strstr(why, "expected KEY=#RRGGBB"), "%s", why);
}

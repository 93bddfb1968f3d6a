/*
 * State values: a place,value table read by any spelling of its states,
 * and every kind of bad row refused with its file, line and column.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "load/statevalues.h"
#include "helpers.h"

static ir_states *table;

static void setup(void)
{
    ir_error err = { 0 };
    table = ir_states_load("data/states.csv", &err);
    cr_assert_not_null(table, "%s", err.message);
}

static void teardown(void) { ir_states_destroy(table); }

TestSuite(statevalues, .init = setup, .fini = teardown);

static const char *write_csv(const char *text)
{
    const char *p = th_path(th_tmpdir(), "values.csv");
    cr_assert_eq(th_write_file(p, text, strlen(text)), 0);
    return p;
}

Test(statevalues, any_spelling_of_a_state_and_the_default_columns)
{
    const char *p = write_csv("\xEF\xBB\xBFyear,mx_state,count,source\n"
                              "2019-2024,Michoacán,4979,X\n"
                              "2019-2024,baja california,4932,X\n"
                              "2019-2024,MX-TAM,4502,X\n"
                              "2019-2024,\"Mexico City\",2691,X\n");
    ir_error err = { 0 };
    ir_state_values *v = ir_state_values_load(p, table, NULL, NULL, &err);
    cr_assert_not_null(v, "%s", err.message);
    const ir_state_value *rows;
    cr_assert_eq(ir_state_values_get(v, &rows), 4);
    cr_expect_str_eq(rows[0].state->iso, "MX-MIC");
    cr_expect_str_eq(rows[1].state->iso, "MX-BCN");
    cr_expect_str_eq(rows[2].state->iso, "MX-TAM");
    cr_expect_str_eq(rows[3].state->iso, "MX-CMX");
    cr_expect_float_eq(rows[1].value, 4932, 1e-9);
    cr_expect_eq(rows[3].line, 5);
    ir_state_values_destroy(v);
}

Test(statevalues, named_columns_win)
{
    const char *p = write_csv("state,homicides,seized\nSonora,1,2.5\n");
    ir_error err = { 0 };
    ir_state_values *v = ir_state_values_load(p, table, "state", "seized",
                                              &err);
    cr_assert_not_null(v, "%s", err.message);
    const ir_state_value *rows;
    cr_assert_eq(ir_state_values_get(v, &rows), 1);
    cr_expect_float_eq(rows[0].value, 2.5, 1e-12);
    ir_state_values_destroy(v);
    v = ir_state_values_load(p, table, "state", "guns", &err);
    cr_assert_null(v);
    cr_expect(strstr(err.message, "values.csv: line 1") &&
                  strstr(err.message, "no value column named guns") &&
                  strstr(err.message, "state, homicides, seized"),
              "%s", err.message);
}

static void expect_refused(const char *text, const char *needle)
{
    const char *p = write_csv(text);
    ir_error err = { 0 };
    ir_state_values *v = ir_state_values_load(p, table, NULL, NULL, &err);
    cr_expect_null(v, "accepted: %s", text);
    ir_state_values_destroy(v);
    cr_expect(strstr(err.message, needle) != NULL, "'%s' not in: %s", needle,
              err.message);
    cr_expect_neq(err.status, 0);
}

Test(statevalues, bad_rows_are_refused_with_their_place)
{
    expect_refused("state,value\nSonora,12\nJalisco,many\n",
                   "line 3: column value: 'many' is not a number");
    expect_refused("state,value\nSonora,\n",
                   "line 2: column value: '' is not a number");
    expect_refused("state,value\nSonorra,12\n",
                   "line 2: column state: 'Sonorra' is not a U.S. or Mexican "
                   "state (did you mean Sonora?)");
    expect_refused("state,value\nGuatemala,12\n",
                   "'Guatemala' is not a U.S. or Mexican state");
    expect_refused("state,value\nSonora,1\nSON,2\n",
                   "line 3: column state: Sonora is given twice (also on "
                   "line 2)");
    expect_refused("state,value\n", "no row under the header");
    expect_refused("", "the file is empty");
    expect_refused("where,value\nSonora,1\n", "no place column place");
}

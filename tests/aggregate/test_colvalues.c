/*
 * Column values: the distinct values of a column, sorted, whatever the
 * row order; a column that is not there, and too many values, refused.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "aggregate/colvalues.h"
#include "helpers.h"

static const char *write_csv(const char *text)
{
    const char *p = th_path(th_tmpdir(), "t.csv");
    cr_assert_eq(th_write_file(p, text, strlen(text)), 0);
    return p;
}

Test(colvalues, distinct_values_sorted)
{
    const char *p = write_csv("year,origin,dest,count\n"
                              "2022-2023,TX,MX,1\n2015-2022,AZ,MX,2\n"
                              "\"2022-2023\",AZ,MX,3\n,TX,MX,4\n"
                              "2015-2022,TX,MX,5\n");
    char v[4][64];
    ir_error err = { 0 };
    cr_assert_eq(ir_column_values(p, "Year", 0, v, 4, &err), 2, "%s",
                 err.message);
    cr_expect_str_eq(v[0], "2015-2022");
    cr_expect_str_eq(v[1], "2022-2023");
    cr_expect_eq(ir_column_values(p, "2", 0, v, 4, &err), 2);
    cr_expect_str_eq(v[0], "AZ");
}

Test(colvalues, missing_column_and_too_many_values)
{
    const char *p = write_csv("year,origin,dest,count\n2019,TX,MX,1\n"
                              "2020,TX,MX,1\n2021,TX,MX,1\n");
    char v[2][64];
    ir_error err = { 0 };
    cr_expect_eq(ir_column_values(p, "period", 0, v, 2, &err), -1);
    cr_expect(strstr(err.message, "period") != NULL, "%s", err.message);
    cr_expect_eq(ir_column_values(p, "year", 0, v, 2, &err), -1);
    cr_expect(strstr(err.message, "more than 2 distinct values") != NULL,
              "%s", err.message);
}

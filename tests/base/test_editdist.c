/*
 * editdist: the distances "did you mean" ranks by, and the limit that
 * keeps a long list of names cheap to search.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "base/editdist.h"

Test(editdist, counts_each_kind_of_edit_as_one)
{
    cr_assert_eq(ir_edit_distance("color-by", "color-by", 99), 0);
    cr_assert_eq(ir_edit_distance("colour-by", "color-by", 99), 1); /* insert */
    cr_assert_eq(ir_edit_distance("colr-by", "color-by", 99), 1);   /* delete */
    cr_assert_eq(ir_edit_distance("colar-by", "color-by", 99), 1);  /* change */
    cr_assert_eq(ir_edit_distance("oclor-by", "color-by", 99), 1);  /* swap */
    cr_assert_eq(ir_edit_distance("", "abc", 99), 3);
    cr_assert_eq(ir_edit_distance("abc", "", 99), 3);
    cr_assert_eq(ir_edit_distance("kitten", "sitting", 99), 3);
    /* Optimal string alignment: a swapped pair is not edited again. */
    cr_assert_eq(ir_edit_distance("ca", "abc", 99), 3);
}

Test(editdist, is_symmetric_on_names_of_the_state_table)
{
    static const char *const names[] = { "texas", "tamaulipas", "tabasco",
                                         "arizona", "sonora", "nuevo leon",
                                         "new mexico", "nuevo mexico" };
    size_t n = sizeof names / sizeof *names;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            cr_assert_eq(ir_edit_distance(names[i], names[j], 99),
                         ir_edit_distance(names[j], names[i], 99), "%s %s",
                         names[i], names[j]);
}

Test(editdist, stops_at_the_limit)
{
    cr_assert_eq(ir_edit_distance("kitten", "sitting", 3), 3);
    cr_assert_eq(ir_edit_distance("kitten", "sitting", 2), 2);
    cr_assert_eq(ir_edit_distance("kitten", "sitting", 4), 3);
    /* Lengths six apart are at least six edits apart. */
    cr_assert_eq(ir_edit_distance("a", "abcdefg", 5), 5);
    char long_name[200];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    cr_assert_eq(ir_edit_distance(long_name, long_name, 7), 7);
}

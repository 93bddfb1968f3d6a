/*
 * numread: counts as spreadsheets write them, grouping read only where it
 * can be nothing else, a lone "1,200" or "1.200" by the file's locale.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "base/numread.h"

static void expect(const char *text, bool decimal_comma, double want)
{
    double v = -1;
    char why[300] = "";
    int rc = ir_number_read(text, strlen(text), decimal_comma, &v, why,
                            sizeof why);
    cr_expect(rc == 0 && v == want, "'%s' (%s): %s %g, not %g", text,
              decimal_comma ? "decimal comma" : "decimal point", why, v,
              want);
}

static void refuse(const char *text, bool decimal_comma, const char *says)
{
    double v;
    char why[300] = "";
    cr_expect_neq(ir_number_read(text, strlen(text), decimal_comma, &v, why,
                                 sizeof why), 0, "'%s' read as %g", text, v);
    cr_expect(strstr(why, says), "'%s': %s", text, why);
}

Test(numread, grouping_that_can_be_nothing_else)
{
    for (int dc = 0; dc < 2; dc++) {
        expect("1200", dc, 1200);
        expect("1 200", dc, 1200);
        expect("1\u00a0200", dc, 1200);
        expect("1\u202f200", dc, 1200);
        expect("1'200", dc, 1200);
        expect("1,234,567", dc, 1234567);
        expect("1.234.567", dc, 1234567);
        expect("1.200,5", dc, 1200.5);
        expect("1,200.5", dc, 1200.5);
        expect("1 200,75", dc, 1200.75);
        expect(" 42 ", dc, 42);
        refuse("1,20,000", dc, "not a number");
        refuse("12 34", dc, "not a number");
        refuse("1e3", dc, "not a number");
        refuse("abc", dc, "not a number");
        refuse(",5", dc, "not a number");
        refuse("5,", dc, "not a number");
    }
}

Test(numread, a_lone_separator_reads_as_the_locale_writes_it)
{
    expect("1,200", false, 1200);
    expect("1.200", false, 1.2);
    expect("1.5", false, 1.5);
    expect("1,200", true, 1.2);
    expect("1.200", true, 1200);
    expect("2,5", true, 2.5);
    expect("1.5", true, 1.5);
    refuse("1,5", false, "decimal comma, but the file separates its fields "
                         "with commas");
}

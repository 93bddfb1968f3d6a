/*
 * numread: a count as spreadsheets and people write it: "1200", "1,200",
 * "1 200", "1.200,5", with the grouping of the writer's locale.
 *
 * A separator is read as grouping only where it can be nothing else
 * (digit groups of three after it): "1 200" and "1,234,567" are 1200 and
 * 1234567 in any file, "1,200.5" and "1.200,5" both 1200.5.  A single
 * comma or point before three digits ("1,200", "1.200") is the one case a
 * writer's locale decides: a file whose fields are separated by commas
 * was written with a decimal point (English), one separated by
 * semicolons with a decimal comma (Spanish, as spreadsheets in Mexico
 * export).  What no locale writes ("1,5" in a comma-separated file,
 * "1,20,000") is refused with the reason.
 */
#ifndef IR_NUMREAD_H
#define IR_NUMREAD_H

#include <stdbool.h>
#include <stddef.h>

/* Reads text (len bytes) into *out; decimal_comma when the file writes
 * decimal commas.  Returns 0, or -1 with why (at most cap bytes) saying
 * what is wrong with it. */
int ir_number_read(const char *text, size_t len, bool decimal_comma,
                   double *out, char *why, size_t cap);

#endif

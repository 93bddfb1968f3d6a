/*
 * totals: named national totals from a CSV file (load stage), so that a
 * figure's shares are computed from cited denominators kept in data/
 * rather than from numbers typed into a spec file.
 *
 * The file has a header naming at least the columns `measure` and
 * `count` (data/totals-2022-2023.csv: year, measure, count, source).
 */
#ifndef IR_TOTALS_H
#define IR_TOTALS_H

#include "base/diag.h"

/* The count of the row whose measure is `measure`.  Returns 0, or an
 * error naming the file (and the line, for a bad row). */
int ir_totals_lookup(const char *path, const char *measure, double *count,
                     ir_error *err);

#endif

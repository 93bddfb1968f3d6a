/*
 * colvalues: the distinct values of one column of a trace file, for a
 * figure of one panel per value (map --panel-by).
 *
 * Sorted (byte order: years and periods such as 2015-2022 come out in
 * time order), so that the same file gives the same panels in the same
 * order whatever its row order.
 */
#ifndef IR_COLVALUES_H
#define IR_COLVALUES_H

#include <stddef.h>

#include "base/diag.h"

/* The distinct non-empty values of column `spec` (a header name in any
 * case, or a 1-based index) of the CSV at path, into values[0 .. max-1]
 * (each up to 63 bytes).  Returns how many, or -1 with err set: a file or
 * column that cannot be read, a value longer than 63 bytes, or more than
 * max values (err then says how many there were at least). */
int ir_column_values(const char *path, const char *spec,
                     unsigned char delimiter, char (*values)[64], size_t max,
                     ir_error *err);

#endif

/*
 * datadir: where ironriver's own data (shapes/, data/) is found.
 *
 * $IRONRIVER_DATA if set; otherwise beside the executable (a source tree,
 * where ./ironriver sits next to shapes/ and data/), then
 * ../share/ironriver relative to it (an installed copy).
 */
#ifndef IR_DATADIR_H
#define IR_DATADIR_H

#include <stddef.h>

#include "base/diag.h"

/* Writes DATADIR/relative into buf; returns 0 if that file exists. */
int ir_datadir_path(const char *relative, char *buf, size_t cap);

/* The same, but a missing file is an error saying how to point at the
 * data (an installation problem, not the user's input). */
int ir_datadir_require(const char *relative, char *buf, size_t cap,
                       ir_error *err);

#endif

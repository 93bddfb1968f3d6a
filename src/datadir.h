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

/* Writes DATADIR/relative into buf; returns 0 if that file exists. */
int ir_datadir_path(const char *relative, char *buf, size_t cap);

#endif

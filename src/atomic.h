/*
 * atomic: an output file that appears whole or not at all.
 *
 * Data is written to a temporary file beside the target (same folder, so
 * rename is atomic) and renamed over it on commit.  Aborting, or failing
 * to commit, removes the temporary file and leaves any existing target as
 * it was.  Every writer of figures and CSV files goes through here.
 */
#ifndef IR_ATOMIC_H
#define IR_ATOMIC_H

#include <stdio.h>

#include "diag.h"

typedef struct ir_atomic ir_atomic;

ir_atomic *ir_atomic_open(const char *path, ir_error *err);

/* The stream to write to; valid until commit or abort. */
FILE *ir_atomic_stream(ir_atomic *file);

/* Flushes, closes and renames into place; frees the handle either way. */
int ir_atomic_commit(ir_atomic *file, ir_error *err);

/* Discards everything written; frees the handle.  NULL is allowed. */
void ir_atomic_abort(ir_atomic *file);

#endif

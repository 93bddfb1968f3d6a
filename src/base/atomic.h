/*
 * atomic: an output file that appears whole or not at all.
 *
 * Data is written to a temporary file beside the target (same folder, so
 * rename is atomic), flushed to disk, and renamed over the target on
 * commit.  Aborting, failing, or being interrupted by SIGINT, SIGTERM or
 * SIGHUP removes the temporary file and leaves any existing target as it
 * was.  Every writer of figures and CSV files goes through here.  A
 * target that is no regular file (/dev/stdout, a pipe, /dev/full) is
 * written to as it is, its write errors reported all the same; a folder
 * is refused.
 */
#ifndef IR_ATOMIC_H
#define IR_ATOMIC_H

#include <stdio.h>

#include "diag.h"

typedef struct ir_atomic ir_atomic;

/* Temporary, kept and placed files tracked at once for the signal
 * handler: enough for a map run's outputs, two names each. */
#define IR_ATOMIC_MAX_LIVE 80

ir_atomic *ir_atomic_open(const char *path, ir_error *err);

/* The stream to write to; valid until close, commit or abort. */
FILE *ir_atomic_stream(ir_atomic *file);

/* Flushes the data to disk and closes the stream, reporting any write
 * error; the target is not touched yet.  Optional before commit. */
int ir_atomic_close(ir_atomic *file, ir_error *err);

/* Closes if needed and renames into place; frees the handle either way. */
int ir_atomic_commit(ir_atomic *file, ir_error *err);

/* Puts n files in place together, or none of them: every file is closed
 * first, and a write error puts none in place; then every existing
 * target is kept under a second name (a hard link beside it) and each
 * file is renamed over its target.  If a rename fails, or SIGINT, SIGTERM
 * or SIGHUP arrives, the targets already replaced get their old files
 * back, or are removed if they had none.  Where the file system has no
 * hard links, that file's old target cannot come back.  Frees every
 * handle. */
int ir_atomic_commit_all(ir_atomic **files, int n, ir_error *err);

/* Discards everything written; frees the handle.  NULL is allowed. */
void ir_atomic_abort(ir_atomic *file);

#endif

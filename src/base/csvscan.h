/*
 * csvscan: streams a CSV file to field and row callbacks.
 *
 * libcsv is the parser: every row that contains a quote character or a
 * lone carriage return, and every row that continues one, goes through it.
 * Rows with neither (nearly all rows of machine exports) take a fast path
 * that splits on the delimiter with memchr and trims spaces and tabs as
 * libcsv does; tests/base/test_csvscan.c checks that both paths give the same
 * fields on the same bytes.  libcsv alone reads about 200 MB/s here, less
 * than awk, because it copies every byte through its state machine; the
 * fast path is what lets aggregation beat the tools our users would
 * otherwise use.
 *
 * Only the columns the caller asks for are handed over, but every row's
 * field count is reported so that ragged rows are caught.  Each row comes
 * with the line it starts on.  A scan can cover a byte range of a file, so
 * that two threads can each take half (see aggregate.c).
 */
#ifndef IR_CSVSCAN_H
#define IR_CSVSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The longest row read: a longer one (a file that is no table, a quote
 * never closed) is an error before it is held in memory. */
#define IR_CSVSCAN_ROW_MAX (4 << 20)

#include "diag.h"

typedef struct ir_csvscan_handlers {
    /* A wanted field; data is valid only during the call. */
    void (*field)(int column, const char *data, size_t len, void *ctx);
    /* End of a row of ncolumns fields starting on `line`; non-zero stops. */
    int (*row)(long line, int ncolumns, void *ctx);
    void *ctx;
} ir_csvscan_handlers;

typedef struct ir_csvscan ir_csvscan;

/* wanted[c] says whether column c (0-based) is handed to the field
 * callback; columns at or past nwanted never are.  fast_path false sends
 * every row through libcsv (for tests and as a reference). */
ir_csvscan *ir_csvscan_create(unsigned char delimiter, const bool *wanted,
                              int nwanted, const ir_csvscan_handlers *h,
                              bool fast_path);
void ir_csvscan_destroy(ir_csvscan *scan);

/* Scans bytes [start, end) of fd with pread; end < 0 reads fd with read()
 * to its end (pipes).  first_line is the line number of the byte at start.
 * A last line without a newline is scanned as if it had one.  Returns 0,
 * or an error status with err set (path names the file in messages); a
 * row callback's stop returns -1 with err untouched.  Runs may continue
 * one another: a second run from where the first ended goes on with the
 * row in progress. */
int ir_csvscan_run(ir_csvscan *scan, int fd, off_t start, off_t end,
                   long first_line, const char *path, ir_error *err);

/* At the end of the file: completes a row libcsv still holds and reports
 * a quoted field left open. */
int ir_csvscan_finish(ir_csvscan *scan, const char *path, ir_error *err);

/* After a run that stopped before end of file: true if the scan ended
 * between rows, false if inside a quoted field that continues. */
bool ir_csvscan_between_rows(const ir_csvscan *scan);

/* Lines (newlines) consumed so far, and bytes; the byte count is updated
 * as the scan goes and may be read from another thread for progress. */
long ir_csvscan_lines(const ir_csvscan *scan);
long long ir_csvscan_bytes(const ir_csvscan *scan);

#endif

/*
 * diag: the one error mechanism of ironriver.
 *
 * Every stage reports failure the same way: it fills an ir_error with a
 * message that names the file, the record (row, shape number, line) and the
 * field involved, plus an exit status class, and returns a failure value.
 * main prints the message once and exits with the status.  Nothing below
 * main prints errors or exits.
 */
#ifndef IR_DIAG_H
#define IR_DIAG_H

#include <stdarg.h>

/* Exit statuses, documented in README.md. */
enum ir_status {
    IR_OK = 0,
    IR_EUSAGE = 1,   /* bad command line or option value */
    IR_EINPUT = 2,   /* an input file is missing, damaged or invalid */
    IR_EOUTPUT = 3,  /* an output file could not be written */
    IR_EINTERNAL = 4 /* a library failed in a way the input does not explain */
};

typedef struct ir_error {
    enum ir_status status;
    char message[1024];
} ir_error;

/* Sets err (if not NULL) and returns its status.  file, record and field may
 * be NULL / negative when they do not apply; they are formatted as
 * "FILE: record N: field F: message". */
int ir_error_set(ir_error *err, enum ir_status status, const char *file,
                 long record, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* The same for text files, where a place is a line and a column:
 * "FILE: line N: column C: message". */
int ir_error_line(ir_error *err, enum ir_status status, const char *file,
                  long line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));


#endif

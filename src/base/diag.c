/*
 * diag: formats the single error message that a failing stage hands back.
 * See diag.h for the contract.
 */
#include "diag.h"

#include <stdio.h>
#include <string.h>

static int vset(ir_error *err, enum ir_status status, const char *file,
                const char *unit, long record, const char *part,
                const char *field, const char *fmt, va_list ap)
{
    if (err == NULL)
        return status;
    size_t cap = sizeof err->message;
    size_t len = 0;
    int n = 0;
    err->status = status;
    err->message[0] = '\0';
    /* An empty name would print as a bare ": ", naming nothing. */
    if (file != NULL)
        n = snprintf(err->message, cap, "%s: ", *file ? file : "\"\"");
    len = n > 0 ? (size_t)n : 0;
    if (len < cap && record >= 0) {
        n = snprintf(err->message + len, cap - len, "%s %ld: ", unit, record);
        len += n > 0 ? (size_t)n : 0;
    }
    if (len < cap && field != NULL) {
        n = snprintf(err->message + len, cap - len, "%s %s: ", part, field);
        len += n > 0 ? (size_t)n : 0;
    }
    if (len < cap)
        vsnprintf(err->message + len, cap - len, fmt, ap);
    return status;
}

int ir_error_set(ir_error *err, enum ir_status status, const char *file,
                 long record, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vset(err, status, file, "record", record, "field", field, fmt, ap);
    va_end(ap);
    return rc;
}

int ir_error_line(ir_error *err, enum ir_status status, const char *file,
                  long line, const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vset(err, status, file, "line", line, "column", column, fmt, ap);
    va_end(ap);
    return rc;
}

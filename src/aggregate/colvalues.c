/*
 * colvalues: distinct values of a column.  See colvalues.h.
 */
#include "colvalues.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/csvscan.h"
#include "columns.h"

typedef struct scan {
    char (*values)[64];
    size_t n, max;
    char field[64];
    bool long_value;
    long line;
    int rc;
} scan;

static void on_field(int column, const char *data, size_t len, void *ctx)
{
    (void)column;
    scan *s = ctx;
    s->long_value = len > 63;
    snprintf(s->field, sizeof s->field, "%.*s", (int)(len > 63 ? 63 : len),
             data);
}

static int on_row(long line, int ncolumns, void *ctx)
{
    (void)ncolumns;
    scan *s = ctx;
    s->line = line;
    if (s->long_value)
        return s->rc = -2;
    if (s->field[0]) {
        size_t i = 0;
        while (i < s->n && strcmp(s->values[i], s->field) != 0)
            i++;
        if (i == s->n) {
            if (s->n == s->max)
                return s->rc = -3;
            memcpy(s->values[s->n++], s->field, sizeof s->field);
        }
    }
    s->field[0] = '\0';
    return 0;
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(a, b);
}

int ir_column_values(const char *path, const char *spec,
                     unsigned char delimiter, char (*values)[64], size_t max,
                     ir_error *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot open: %s",
                            strerror(errno)),
               -1;
    ir_columns cols = { 0 };
    int col = -1, rc = -1;
    ir_csvscan *cs = NULL;
    bool *wanted = NULL;
    if (ir_columns_read(&cols, fd, path, delimiter, err) != 0 ||
        (col = ir_columns_find(&cols, spec, path, "--panel-by", err)) < 0)
        goto done;
    if ((wanted = calloc((size_t)col + 1, sizeof *wanted)) == NULL)
        goto oom;
    wanted[col] = true;
    scan s = { values, 0, max, "", false, 0, 0 };
    ir_csvscan_handlers h = { on_field, on_row, &s };
    if ((cs = ir_csvscan_create(cols.delimiter, wanted, col + 1, &h, true)) ==
        NULL)
        goto oom;
    struct stat st;
    int r = fstat(fd, &st) != 0
                ? ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot stat")
                : ir_csvscan_run(cs, fd, cols.data_start, st.st_size,
                                 cols.data_line, path, err);
    if (r == 0)
        r = ir_csvscan_finish(cs, path, err);
    if (s.rc == -2)
        ir_error_line(err, IR_EINPUT, path, s.line, cols.names[col],
                      "a value longer than 63 bytes cannot name a panel");
    else if (s.rc == -3)
        ir_error_set(err, IR_EUSAGE, path, -1, cols.names[col],
                     "more than %zu distinct values: too many panels to "
                     "read on one page (filter the rows with --where or "
                     "--years)", max);
    else if (r == 0) {
        qsort(values, s.n, sizeof *values, by_bytes);
        rc = (int)s.n;
    }
    goto done;
oom:
    ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
done:
    ir_csvscan_destroy(cs);
    free(wanted);
    ir_columns_free(&cols);
    close(fd);
    return rc;
}

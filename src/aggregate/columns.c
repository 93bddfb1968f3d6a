/*
 * columns: header reading and column roles.  See columns.h.
 */
#include "columns.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/csvscan.h"
#include "load/states.h"

#define MAX_COLUMNS 4096

/* Header names that mean each role, folded (lower case, no accents,
 * '_' and '-' as spaces), in order of preference. */
static const char *const role_names[IR_NROLES][24] = {
    [IR_ROLE_ORIGIN] = {
        "origin", "purchase state", "us state", "source state",
        "state of purchase", "purchase", "origin state", "us purchase state",
        "state purchased", "from", "origen", "estado de compra",
        "estado compra", "estado origen", "estado de origen", NULL },
    [IR_ROLE_DESTINATION] = {
        "destination", "recovery state", "mx state", "state of recovery",
        "recovered in", "recovery", "mexican state", "destination state",
        "to", "destino", "estado de recuperacion", "estado recuperacion",
        "estado destino", "estado de destino", "entidad", "estado", NULL },
    [IR_ROLE_WEIGHT] = {
        "weight", "count", "n", "guns", "firearms", "traced count", "traces",
        "total", "number", "cantidad", "numero", "armas", "peso",
        "frecuencia", NULL },
    [IR_ROLE_YEAR] = {
        "year", "recovery year", "year recovered", "trace year", "period",
        "ano", "anio", "periodo", NULL },
    [IR_ROLE_ORIGIN_LON] = { NULL }, [IR_ROLE_ORIGIN_LAT] = { NULL },
    [IR_ROLE_DEST_LON] = { NULL },   [IR_ROLE_DEST_LAT] = { NULL },
};

static const char *const role_labels[IR_NROLES] = {
    "origin", "destination", "weight", "year", "origin longitude",
    "origin latitude", "destination longitude", "destination latitude"
};

typedef struct header_state {
    ir_columns *cols;
    bool failed;
} header_state;

static void header_field(int column, const char *data, size_t len, void *ctx)
{
    header_state *h = ctx;
    char *s = malloc(len + 1);
    if (s == NULL) {
        h->failed = true;
        return;
    }
    memcpy(s, data, len);
    s[len] = '\0';
    h->cols->names[column] = s;
    if (column >= h->cols->nnames)
        h->cols->nnames = column + 1;
}

static int header_row(long line, int ncolumns, void *ctx)
{
    (void)line;
    header_state *h = ctx;
    h->cols->ncolumns = ncolumns;
    return 1; /* the header is all we want */
}

/* The delimiter that occurs most on the first line, outside quotes. */
static unsigned char detect_delimiter(const char *buf, size_t n)
{
    size_t count[3] = { 0 };
    static const unsigned char cand[3] = { ',', ';', '\t' };
    bool quoted = false;
    for (size_t i = 0; i < n && (quoted || (buf[i] != '\n' && buf[i] != '\r'));
         i++) {
        if (buf[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            for (int k = 0; k < 3; k++)
                count[k] += (unsigned char)buf[i] == cand[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = k;
    return cand[best];
}

int ir_columns_read(ir_columns *cols, int fd, const char *path,
                    unsigned char delimiter, ir_error *err)
{
    memset(cols, 0, sizeof *cols);
    for (int r = 0; r < IR_NROLES; r++)
        cols->role[r] = -1;
    char head[65536];
    ssize_t n = pread(fd, head, sizeof head, 0);
    if (n < 0)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot read");
    if (n >= 2 && (memcmp(head, "\xFF\xFE", 2) == 0 ||
                   memcmp(head, "\xFE\xFF", 2) == 0))
        return ir_error_set(err, IR_EINPUT, path, -1, NULL,
                            "the file is UTF-16 text (Excel's \"Unicode "
                            "text\"); save it as \"CSV UTF-8\"");
    off_t bom = n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t i = (size_t)bom;
    while (i < (size_t)n && (head[i] == '\n' || head[i] == '\r' ||
                             head[i] == ' ' || head[i] == '\t'))
        i++;
    if (i == (size_t)n)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL,
                            n == 0 ? "the file is empty"
                                   : "the file has no header row");
    cols->delimiter = delimiter ? delimiter
                                : detect_delimiter(head + i, (size_t)n - i);

    bool *all = malloc(MAX_COLUMNS * sizeof *all);
    cols->names = calloc(MAX_COLUMNS, sizeof *cols->names);
    if (all == NULL || cols->names == NULL) {
        free(all);
        return ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                            "out of memory");
    }
    for (int c = 0; c < MAX_COLUMNS; c++)
        all[c] = true;
    header_state hs = { cols, false };
    ir_csvscan_handlers h = { header_field, header_row, &hs };
    ir_csvscan *scan = ir_csvscan_create(cols->delimiter, all, MAX_COLUMNS,
                                         &h, true);
    free(all);
    if (scan == NULL)
        return ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                            "out of memory");
    struct stat st;
    int rc = fstat(fd, &st) != 0
                 ? ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot stat")
                 : ir_csvscan_run(scan, fd, bom, st.st_size, 1, path, err);
    if (rc == 0)
        rc = ir_csvscan_finish(scan, path, err);
    long header_lines = ir_csvscan_lines(scan);
    ir_csvscan_destroy(scan);
    if (rc > 0)
        return rc;
    if (hs.failed)
        return ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                            "out of memory");
    if (cols->ncolumns == 0)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL,
                            "the file has no header row");
    if (cols->ncolumns > MAX_COLUMNS)
        return ir_error_line(err, IR_EINPUT, path, 1, NULL,
                             "the header has %d columns; at most %d are read",
                            cols->ncolumns, MAX_COLUMNS);
    cols->nnames = cols->ncolumns;
    for (int c = 0; c < cols->ncolumns; c++)
        if (cols->names[c] == NULL && (cols->names[c] = strdup("")) == NULL)
            return ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                                "out of memory");
    /* The data begins after the header's last newline. */
    off_t at = bom;
    long lines = 0;
    char buf[65536];
    while (lines < header_lines) {
        ssize_t got = pread(fd, buf, sizeof buf, at);
        if (got <= 0)
            break;
        const char *p = buf, *end = buf + got;
        while (lines < header_lines &&
               (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            p++;
            lines++;
        }
        at += lines < header_lines ? got : p - buf;
    }
    cols->data_start = at;
    cols->data_line = header_lines + 1;
    return 0;
}

static bool all_digits(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

int ir_columns_find(const ir_columns *cols, const char *spec,
                    const char *path, const char *option, ir_error *err)
{
    char want[256], have[256];
    ir_states_fold(spec, want, sizeof want);
    for (int c = 0; c < cols->ncolumns; c++) {
        ir_states_fold(cols->names[c], have, sizeof have);
        if (strcmp(want, have) == 0)
            return c;
    }
    if (all_digits(spec)) {
        long v = strtol(spec, NULL, 10);
        if (v >= 1 && v <= cols->ncolumns)
            return (int)v - 1;
        ir_error_set(err, IR_EUSAGE, path, -1, NULL,
                     "%s %s: the file has %d columns", option, spec,
                     cols->ncolumns);
        return -1;
    }
    char list[600];
    size_t len = 0;
    list[0] = '\0';
    for (int c = 0; c < cols->ncolumns && len + 40 < sizeof list; c++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s'%s'",
                                c ? ", " : "", cols->names[c]);
    ir_error_set(err, IR_EUSAGE, path, -1, NULL,
                 "%s %s: no such column (the header has %s)", option, spec,
                 list);
    return -1;
}

static int detect(const ir_columns *cols, enum ir_role role)
{
    char have[256];
    for (int k = 0; role_names[role][k]; k++)
        for (int c = 0; c < cols->ncolumns; c++) {
            ir_states_fold(cols->names[c], have, sizeof have);
            if (strcmp(have, role_names[role][k]) == 0)
                return c;
        }
    return -1;
}

int ir_columns_assign(ir_columns *cols, const char *const specs[IR_NROLES],
                      const char *path, ir_error *err)
{
    static const char *const options[IR_NROLES] = {
        "--origin", "--dest", "--weight", "--year", "--origin-lon",
        "--origin-lat", "--dest-lon", "--dest-lat"
    };
    for (int side = 0; side < 2; side++) {
        int lon = side ? IR_ROLE_DEST_LON : IR_ROLE_ORIGIN_LON;
        if ((specs[lon] == NULL) != (specs[lon + 1] == NULL))
            return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                                "%s needs %s", options[specs[lon] ? lon : lon + 1],
                                options[specs[lon] ? lon + 1 : lon]);
    }
    for (int r = 0; r < IR_NROLES; r++) {
        if (specs[r] != NULL) {
            cols->role[r] = ir_columns_find(cols, specs[r], path, options[r],
                                            err);
            if (cols->role[r] < 0)
                return err->status;
            continue;
        }
        cols->role[r] = detect(cols, (enum ir_role)r);
        cols->detected[r] = cols->role[r] >= 0;
    }
    /* A side given by coordinates takes no name column unless one is
     * named too (a dealer's id and its position): none is detected. */
    if (specs[IR_ROLE_ORIGIN_LON] && !specs[IR_ROLE_ORIGIN])
        cols->role[IR_ROLE_ORIGIN] = -1, cols->detected[IR_ROLE_ORIGIN] = false;
    if (specs[IR_ROLE_DEST_LON] && !specs[IR_ROLE_DESTINATION])
        cols->role[IR_ROLE_DESTINATION] = -1,
        cols->detected[IR_ROLE_DESTINATION] = false;
    for (int r = IR_ROLE_ORIGIN; r <= IR_ROLE_DESTINATION; r++)
        if (cols->role[r] < 0 &&
            cols->role[r == IR_ROLE_ORIGIN ? IR_ROLE_ORIGIN_LON
                                           : IR_ROLE_DEST_LON] < 0)
            return ir_error_line(err, IR_EUSAGE, path, 1, NULL,
                                 "no %s column found among the header names; "
                                 "name it with %s COLUMN",
                                role_labels[r], options[r]);
    if (cols->role[IR_ROLE_ORIGIN] >= 0 &&
        cols->role[IR_ROLE_ORIGIN] == cols->role[IR_ROLE_DESTINATION])
        return ir_error_set(err, IR_EUSAGE, path, -1, NULL,
                            "origin and destination are the same column");
    return 0;
}

void ir_columns_free(ir_columns *cols)
{
    if (cols->names)
        for (int c = 0; c < cols->nnames; c++)
            free(cols->names[c]);
    free(cols->names);
    cols->names = NULL;
}

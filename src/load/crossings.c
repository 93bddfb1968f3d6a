/*
 * crossings: a small CSV of border crossings.  See crossings.h.
 *
 * A dozen rows: read whole with libcsv into one array.
 */
#include "crossings.h"

#include "base/grow.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 32

enum { COL_ID, COL_NAME_EN, COL_NAME_ES, COL_LAT, COL_LON, NCOLS };
static const char *const wanted[NCOLS] = { "id", "name_en", "name_es", "lat",
                                           "lon" };

struct ir_crossings {
    ir_crossing *c;
    size_t n, cap;
    char *path;
};

typedef struct scan {
    const char *path;
    ir_crossings *out;
    char *field[MAX_FIELDS];
    int nfield;
    long line;
    int col[NCOLS];
    int rc;
    ir_error *err;
} scan;

static void on_field(void *data, size_t len, void *ctx)
{
    scan *s = ctx;
    if (s->nfield < MAX_FIELDS) {
        char *f = malloc(len + 1);
        if (f) {
            memcpy(f, data, len);
            f[len] = '\0';
        }
        s->field[s->nfield] = f;
    }
    s->nfield++;
}

static void clear_fields(scan *s)
{
    for (int i = 0; i < s->nfield && i < MAX_FIELDS; i++)
        free(s->field[i]);
    s->nfield = 0;
}

static int header(scan *s, int n)
{
    for (int k = 0; k < NCOLS; k++) {
        s->col[k] = -1;
        for (int i = 0; i < n; i++)
            if (s->field[i] && strcmp(s->field[i], wanted[k]) == 0)
                s->col[k] = i;
        if (s->col[k] < 0)
            return ir_error_line(s->err, IR_EINPUT, s->path, 1, wanted[k],
                                 "the header has no '%s' column", wanted[k]);
    }
    return 0;
}

static int row(scan *s, int n)
{
    for (int k = 0; k < NCOLS; k++)
        if (s->col[k] >= n || s->field[s->col[k]] == NULL ||
            s->field[s->col[k]][0] == '\0')
            return ir_error_line(s->err, IR_EINPUT, s->path, s->line,
                                 wanted[k], "no %s", wanted[k]);
    char *e1, *e2;
    errno = 0;
    double lat = strtod(s->field[s->col[COL_LAT]], &e1);
    double lon = strtod(s->field[s->col[COL_LON]], &e2);
    if (*e1 || !(fabs(lat) <= 90))
        return ir_error_line(s->err, IR_EINPUT, s->path, s->line, "lat",
                             "'%s' is not a latitude",
                             s->field[s->col[COL_LAT]]);
    if (*e2 || !(fabs(lon) <= 180))
        return ir_error_line(s->err, IR_EINPUT, s->path, s->line, "lon",
                             "'%s' is not a longitude",
                             s->field[s->col[COL_LON]]);
    const char *id = s->field[s->col[COL_ID]];
    if (ir_crossings_find(s->out, id))
        return ir_error_line(s->err, IR_EINPUT, s->path, s->line, "id",
                             "'%s' is given twice", id);
    ir_crossings *c = s->out;
    if (ir_grow((void **)&c->c, &c->cap, c->n + 1, sizeof *c->c))
        return ir_error_set(s->err, IR_EINTERNAL, s->path, -1, NULL,
                            "out of memory");
    ir_crossing *x = &c->c[c->n];
    /* The fields become the crossing's strings. */
    x->id = s->field[s->col[COL_ID]];
    x->name_en = s->field[s->col[COL_NAME_EN]];
    x->name_es = s->field[s->col[COL_NAME_ES]];
    for (int k = 0; k < NCOLS; k++)
        if (k == COL_ID || k == COL_NAME_EN || k == COL_NAME_ES)
            s->field[s->col[k]] = NULL;
    x->lat = lat;
    x->lon = lon;
    c->n++;
    return 0;
}

static void on_row(int term, void *ctx)
{
    (void)term;
    scan *s = ctx;
    int n = s->nfield < MAX_FIELDS ? s->nfield : MAX_FIELDS;
    s->line++;
    if (s->rc == 0) {
        for (int i = 0; i < n; i++)
            if (s->field[i] == NULL)
                s->rc = ir_error_set(s->err, IR_EINTERNAL, s->path, -1, NULL,
                                     "out of memory");
        if (s->rc == 0)
            s->rc = s->line == 1 ? header(s, n) : row(s, n);
    }
    clear_fields(s);
}

ir_crossings *ir_crossings_load(const char *path, ir_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot open: %s",
                     strerror(errno));
        return NULL;
    }
    ir_crossings *c = calloc(1, sizeof *c);
    struct csv_parser p;
    if (c == NULL || (c->path = strdup(path)) == NULL ||
        csv_init(&p, CSV_APPEND_NULL) != 0) {
        fclose(fp);
        ir_crossings_destroy(c);
        ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        return NULL;
    }
    scan s = { .path = path, .out = c, .err = err };
    char buf[8192];
    size_t n;
    while (s.rc == 0 && (n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_row, &s) != n)
            s.rc = ir_error_line(err, IR_EINPUT, path, s.line + 1, NULL, "%s",
                                 csv_strerror(csv_error(&p)));
    if (s.rc == 0)
        csv_fini(&p, on_field, on_row, &s);
    clear_fields(&s);
    csv_free(&p);
    fclose(fp);
    if (s.rc == 0 && c->n == 0)
        s.rc = ir_error_set(err, IR_EINPUT, path, -1, NULL,
                            "no crossings in the file");
    if (s.rc != 0) {
        ir_crossings_destroy(c);
        return NULL;
    }
    return c;
}

void ir_crossings_destroy(ir_crossings *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free((char *)c->c[i].id);
        free((char *)c->c[i].name_en);
        free((char *)c->c[i].name_es);
    }
    free(c->c);
    free(c->path);
    free(c);
}

size_t ir_crossings_count(const ir_crossings *c)
{
    return c->n;
}

const char *ir_crossings_path(const ir_crossings *c)
{
    return c->path;
}

const ir_crossing *ir_crossings_at(const ir_crossings *c, size_t i)
{
    return i < c->n ? &c->c[i] : NULL;
}

const ir_crossing *ir_crossings_find(const ir_crossings *c, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->c[i].id, id) == 0)
            return &c->c[i];
    return NULL;
}

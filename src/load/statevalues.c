/*
 * statevalues: a place,value table.  See statevalues.h.
 *
 * Read with csvscan, so that a quoted field holding a newline still leaves
 * every later row its true line number in messages.
 */
#include "statevalues.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/csvscan.h"
#include "base/numread.h"
#include "base/grow.h"

#define MAX_COLUMNS 64
#define FIELD_MAX 256

struct ir_state_values {
    char *path;
    ir_state_value *v;
    size_t n, cap;
};

typedef struct scan {
    ir_state_values *out;
    const ir_states *states;
    const ir_layer *areas;      /* the places are this layer's, or NULL */
    const char *want_place, *want_value;
    char field[MAX_COLUMNS][FIELD_MAX];
    char header[MAX_COLUMNS][FIELD_MAX];
    int nheader, place, value;
    ir_error *err;
    int rc;
} scan;

static void on_field(int column, const char *data, size_t len, void *ctx)
{
    scan *s = ctx;
    if (column < MAX_COLUMNS)
        snprintf(s->field[column], FIELD_MAX, "%.*s", (int)len, data);
}

static int column_named(const scan *s, const char *name)
{
    for (int i = 0; i < s->nheader; i++)
        if (strcmp(s->header[i], name) == 0)
            return i;
    return -1;
}

/* The named column, else the first of the defaults the header has. */
static int pick_column(scan *s, const char *named,
                       const char *const *defaults, const char *what)
{
    int c = -1;
    if (named)
        c = column_named(s, named);
    for (size_t i = 0; !named && c < 0 && defaults[i]; i++)
        c = column_named(s, defaults[i]);
    if (c >= 0)
        return c;
    char have[512] = "";
    for (int i = 0; i < s->nheader; i++)
        snprintf(have + strlen(have), sizeof have - strlen(have), "%s%s",
                 i ? ", " : "", s->header[i]);
    s->rc = ir_error_line(s->err, IR_EINPUT, s->out->path, 1, NULL,
                          "no %s column %s%s (the header has %s)", what,
                          named ? "named " : "",
                          named ? named : defaults[0], have);
    return -1;
}

static int header(scan *s, int ncolumns)
{
    static const char *const places[] = { "place", "state", "mx_state",
                                          "us_state", "iso", "name", NULL };
    static const char *const values[] = { "value", "count", NULL };
    s->nheader = ncolumns < MAX_COLUMNS ? ncolumns : MAX_COLUMNS;
    memcpy(s->header, s->field, sizeof s->header);
    if ((s->place = pick_column(s, s->want_place, places, "place")) < 0 ||
        (s->value = pick_column(s, s->want_value, values, "value")) < 0)
        return s->rc;
    return 0;
}

static int row(scan *s, long line, int ncolumns)
{
    const char *path = s->out->path;
    const char *place = s->place < ncolumns ? s->field[s->place] : "";
    const char *text = s->value < ncolumns ? s->field[s->value] : "";
    const char *pcol = s->header[s->place], *vcol = s->header[s->value];
    if (*place == '\0')
        return ir_error_line(s->err, IR_EINPUT, path, line, pcol,
                             "no place");
    /* Values as spreadsheets write them ("2,504"); the file is comma
     * separated, so its decimals are points. */
    double v;
    char why[400];
    if (*text == '\0' ||
        ir_number_read(text, strlen(text), false, &v, why, sizeof why) ||
        !isfinite(v))
        return ir_error_line(s->err, IR_EINPUT, path, line, vcol, "%s",
                             *text ? why : "'' is not a number");
    const ir_state *st;
    if (s->areas) {
        /* A place of the layer, by its key: the table has it as a place
         * since the layer's places were added. */
        bool in_layer = false;
        for (size_t i = 0; i < ir_layer_count(s->areas) && !in_layer; i++)
            in_layer = strcmp(ir_layer_feature(s->areas, i)->code, place) == 0;
        st = in_layer ? ir_states_lookup(s->states, place, NULL,
                                         IR_NUMBER_NONE, NULL)
                      : NULL;
        if (st == NULL || st->kind != IR_STATE_PLACE)
            return ir_error_line(s->err, IR_EINPUT, path, line, pcol,
                                 "'%s' is no place of %s (by its field %s)",
                                 place, ir_layer_path(s->areas),
                                 ir_layer_code_field(s->areas)
                                     ? ir_layer_code_field(s->areas) : "");
    } else {
        st = ir_states_lookup(s->states, place, "US MX", IR_NUMBER_NONE,
                              NULL);
    }
    if (st == NULL || (st->kind != IR_STATE_PLAIN && !s->areas)) {
        const ir_state *near[1];
        size_t nn = ir_states_suggest(s->states, place, "US MX", near, 1);
        return ir_error_line(s->err, IR_EINPUT, path, line, pcol,
                             "'%s' is not a U.S. or Mexican state%s%s%s",
                             place, nn ? " (did you mean " : "",
                             nn ? near[0]->name_en : "", nn ? "?)" : "");
    }
    ir_state_values *o = s->out;
    for (size_t i = 0; i < o->n; i++)
        if (o->v[i].state == st)
            return ir_error_line(s->err, IR_EINPUT, path, line, pcol,
                                 "%s is given twice (also on line %ld)",
                                 st->name_en, o->v[i].line);
    if (ir_grow((void **)&o->v, &o->cap, o->n + 1, sizeof *o->v))
        return ir_error_set(s->err, IR_EINTERNAL, path, -1, NULL,
                            "out of memory");
    o->v[o->n++] = (ir_state_value){ st, v, line };
    return 0;
}

static int on_row(long line, int ncolumns, void *ctx)
{
    scan *s = ctx;
    s->rc = line == 1 ? header(s, ncolumns) : row(s, line, ncolumns);
    memset(s->field, 0, sizeof s->field);
    return s->rc;
}

ir_state_values *ir_state_values_load(const char *path,
                                      const ir_states *states,
                                      const char *place_column,
                                      const char *value_column, ir_error *err)
{
    return ir_state_values_load_areas(path, states, NULL, place_column,
                                      value_column, err);
}

ir_state_values *ir_state_values_load_areas(const char *path,
                                            const ir_states *states,
                                            const ir_layer *areas,
                                            const char *place_column,
                                            const char *value_column,
                                            ir_error *err)
{
    ir_state_values *o = calloc(1, sizeof *o);
    scan *s = calloc(1, sizeof *s);
    bool wanted[MAX_COLUMNS];
    for (int i = 0; i < MAX_COLUMNS; i++)
        wanted[i] = true;
    ir_csvscan_handlers h = { on_field, on_row, s };
    ir_csvscan *cs = NULL;
    int fd = -1, rc = 0;
    if (o == NULL || s == NULL || (o->path = strdup(path)) == NULL ||
        (cs = ir_csvscan_create(',', wanted, MAX_COLUMNS, &h, true)) == NULL) {
        rc = ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        goto done;
    }
    *s = (scan){ .out = o, .states = states, .areas = areas,
                 .want_place = place_column,
                 .want_value = value_column, .err = err };
    if ((fd = open(path, O_RDONLY)) < 0) {
        rc = ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot open: %s",
                          strerror(errno));
        goto done;
    }
    /* A spreadsheet's UTF-8 byte order mark is not part of the header. */
    unsigned char bom[3];
    if (read(fd, bom, 3) != 3 || memcmp(bom, "\xEF\xBB\xBF", 3) != 0)
        lseek(fd, 0, SEEK_SET);
    rc = ir_csvscan_run(cs, fd, 0, -1, 1, path, err);
    if (rc == 0)
        rc = ir_csvscan_finish(cs, path, err);
    if (rc < 0)
        rc = s->rc;
    if (rc == 0 && s->nheader == 0)
        rc = ir_error_set(err, IR_EINPUT, path, -1, NULL, "the file is empty");
    if (rc == 0 && o->n == 0)
        rc = ir_error_set(err, IR_EINPUT, path, -1, NULL,
                          "no row under the header");
done:
    if (fd >= 0)
        close(fd);
    ir_csvscan_destroy(cs);
    free(s);
    if (rc != 0) {
        ir_state_values_destroy(o);
        return NULL;
    }
    return o;
}

void ir_state_values_destroy(ir_state_values *o)
{
    if (o == NULL)
        return;
    free(o->path);
    free(o->v);
    free(o);
}

size_t ir_state_values_get(const ir_state_values *o,
                           const ir_state_value **out)
{
    *out = o->v;
    return o->n;
}

const char *ir_state_values_path(const ir_state_values *o) { return o->path; }

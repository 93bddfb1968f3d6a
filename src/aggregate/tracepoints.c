/*
 * tracepoints: a trace file's points as places.  See tracepoints.h.
 */
#include "tracepoints.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/csvscan.h"
#include "base/grow.h"
#include "base/strmap.h"
#include "load/textenc.h"
#include "columns.h"

size_t ir_trace_point_id(double lon, double lat, char *buf, size_t cap)
{
    double x = round(lon * 1e6) / 1e6, y = round(lat * 1e6) / 1e6;
    int n = snprintf(buf, cap, "pt %c%010.6f %c%09.6f", x < 0 ? 'w' : 'e',
                     fabs(x), y < 0 ? 's' : 'n', fabs(y));
    return n < 0 ? 0 : (size_t)n;
}

enum { ID, LON, LAT, NFIELDS };

typedef struct side {
    bool on;
    bool named;            /* a name column gives the id */
    int col[NFIELDS];      /* -1 for ID when not named */
} side;

/* A place found so far. */
typedef struct point {
    char *id;
    double lon, lat;
    long line;
} point;

typedef struct scan {
    const char *path;
    ir_states *states;
    ir_error *err;
    ir_textenc *enc;       /* NULL: UTF-8 */
    side sides[2];
    const ir_columns *cols;
    char *field[2][NFIELDS];
    size_t len[2][NFIELDS];
    ir_strmap *seen;       /* folded id -> index into points */
    point *points;
    size_t n, cap;
    int rc;
} scan;

static void on_field(int column, const char *data, size_t len, void *ctx)
{
    scan *s = ctx;
    for (int k = 0; k < 2; k++)
        for (int f = 0; f < NFIELDS; f++)
            if (s->sides[k].on && s->sides[k].col[f] == column) {
                char *copy = realloc(s->field[k][f], len + 1);
                if (copy == NULL) {
                    s->rc = ir_error_set(s->err, IR_EINTERNAL, s->path, -1,
                                         NULL, "out of memory");
                    return;
                }
                memcpy(copy, data, len);
                copy[len] = '\0';
                s->field[k][f] = copy;
                s->len[k][f] = len;
            }
}

static const char *name_of(const scan *s, int column)
{
    return s->cols->names[column];
}

static int degrees(scan *s, long line, int k, int f, double limit, double *out)
{
    const char *text = s->len[k][f] ? s->field[k][f] : "";
    double v;
    if (!ir_degrees_parse(text, limit, &v))
        return ir_error_line(s->err, IR_EINPUT, s->path, line,
                             name_of(s, s->sides[k].col[f]), "'%s' is not a %s",
                             text, f == LON ? "longitude (-180 to 180)"
                                            : "latitude (-90 to 90)");
    *out = v;
    return 0;
}

static int side_row(scan *s, long line, int k)
{
    double lon, lat;
    if (degrees(s, line, k, LON, 180, &lon) ||
        degrees(s, line, k, LAT, 90, &lat))
        return s->err->status;
    char made[64];
    const char *id = made;
    char *decoded = NULL;
    if (s->sides[k].named) {
        id = s->len[k][ID] ? s->field[k][ID] : "";
        if (s->enc && !ir_textenc_utf8_valid(id, strlen(id))) {
            if (!(decoded = ir_textenc_decode(s->enc, id, strlen(id))))
                return ir_error_line(s->err, IR_EINPUT, s->path, line,
                                     name_of(s, s->sides[k].col[ID]),
                                     "the text is not valid %s",
                                     ir_textenc_name(s->enc));
            id = decoded;
        }
    } else {
        ir_trace_point_id(lon, lat, made, sizeof made);
    }
    char key[160];
    if (ir_states_fold(id, key, sizeof key) == 0) {
        free(decoded);
        return 0; /* no name: the aggregation reports the row */
    }
    int64_t at;
    if (ir_strmap_get(s->seen, key, strlen(key), &at)) {
        const point *p = &s->points[at];
        free(decoded);
        if (s->sides[k].named && (fabs(p->lon - lon) > 1e-6 ||
                                  fabs(p->lat - lat) > 1e-6))
            return ir_error_line(s->err, IR_EINPUT, s->path, line,
                                 name_of(s, s->sides[k].col[LON]),
                                 "'%s' is at (%g, %g) here but at (%g, %g) "
                                 "on line %ld: a place has one position",
                                 p->id, lon, lat, p->lon, p->lat, p->line);
        return 0;
    }
    if (s->sides[k].named) {
        enum ir_lookup found;
        const ir_state *clash = ir_states_lookup(s->states, id, NULL,
                                                 IR_NUMBER_NONE, &found);
        if (clash && clash->kind == IR_STATE_PLACE) {
            free(decoded);
            return 0; /* a place of a places table: it has its position */
        }
        if (clash || found == IR_LOOKUP_AMBIGUOUS) {
            int rc = ir_error_line(s->err, IR_EINPUT, s->path, line,
                                   name_of(s, s->sides[k].col[ID]),
                                   "'%s' names %s: a place with coordinates "
                                   "needs a name of its own", id,
                                   clash ? clash->name_en : "a state");
            free(decoded);
            return rc;
        }
    }
    char *copy = strdup(id);
    free(decoded);
    int64_t *slot;
    if (copy == NULL ||
        ir_grow((void **)&s->points, &s->cap, s->n + 1, sizeof *s->points) ||
        (slot = ir_strmap_put(s->seen, key, strlen(key), (int64_t)s->n)) ==
            NULL) {
        free(copy);
        return ir_error_set(s->err, IR_EINTERNAL, s->path, -1, NULL,
                            "out of memory");
    }
    s->points[s->n++] = (point){ copy, lon, lat, line };
    return 0;
}

static int on_row(long line, int ncolumns, void *ctx)
{
    scan *s = ctx;
    (void)ncolumns;
    for (int k = 0; k < 2 && s->rc == 0; k++)
        if (s->sides[k].on)
            s->rc = side_row(s, line, k);
    for (int k = 0; k < 2; k++)
        for (int f = 0; f < NFIELDS; f++)
            s->len[k][f] = 0;
    return s->rc;
}

/* "32.22° N, 110.97° W" / "32,22° N, 110,97° O". */
static void point_name(double lon, double lat, bool es, char *buf, size_t cap)
{
    snprintf(buf, cap, "%.2f° %c, %.2f° %c", fabs(lat), lat < 0 ? 'S' : 'N',
             fabs(lon), lon < 0 ? (es ? 'O' : 'W') : 'E');
    if (es)
        for (char *p = buf; *p; p++)
            if (*p == '.')
                *p = ',';
}

static int add_places(scan *s, const ir_locator *locator)
{
    ir_place_def *defs = calloc(s->n ? s->n : 1, sizeof *defs);
    char (*names)[2][48] = calloc(s->n ? s->n : 1, sizeof *names);
    if (defs == NULL || names == NULL) {
        free(defs);
        free(names);
        return ir_error_set(s->err, IR_EINTERNAL, s->path, -1, NULL,
                            "out of memory");
    }
    for (size_t i = 0; i < s->n; i++) {
        const point *p = &s->points[i];
        bool made = strncmp(p->id, "pt ", 3) == 0;
        point_name(p->lon, p->lat, false, names[i][0], sizeof names[i][0]);
        point_name(p->lon, p->lat, true, names[i][1], sizeof names[i][1]);
        defs[i] = (ir_place_def){ p->id, made ? names[i][0] : p->id,
                                  made ? names[i][1] : p->id, "", "",
                                  p->lon, p->lat,
                                  locator ? ir_locator_find(locator, p->lon,
                                                            p->lat)
                                          : -1 };
    }
    int rc = ir_states_add_places(s->states, defs, s->n, s->err);
    free(defs);
    free(names);
    return rc;
}

int ir_trace_points_add(ir_states *states, const char *path,
                        const ir_aggregate_options *opt,
                        const ir_locator *locator, ir_error *err)
{
    scan s = { .path = path, .states = states, .err = err };
    const char *lon[2] = { opt->origin_lon, opt->dest_lon };
    const char *named[2] = { opt->origin, opt->destination };
    bool points[2] = { opt->origin_points, opt->dest_points };
    bool any = false;
    for (int k = 0; k < 2; k++)
        any |= lon[k] && (named[k] || points[k]);
    if (!any)
        return 0;
    if (strcmp(path, "-") == 0)
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "points drawn as places are read in a pass of "
                            "their own: give a file, not standard input "
                            "(or count them for their states with "
                            "--origin-level state)");
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot open: %s",
                            strerror(errno));
    ir_columns cols = { 0 };
    int rc = ir_columns_read(&cols, fd, path, (unsigned char)opt->delimiter,
                             err);
    const char *specs[IR_NROLES] = { opt->origin, opt->destination,
                                     opt->weight, opt->year, opt->origin_lon,
                                     opt->origin_lat, opt->dest_lon,
                                     opt->dest_lat };
    if (rc == 0)
        rc = ir_columns_assign(&cols, specs, path, err);
    s.cols = &cols;
    bool wanted[1024] = { false };
    for (int k = 0; rc == 0 && k < 2; k++) {
        side *sd = &s.sides[k];
        sd->on = lon[k] && (named[k] || points[k]);
        sd->named = named[k] != NULL;
        sd->col[ID] = sd->named ? cols.role[k ? IR_ROLE_DESTINATION
                                              : IR_ROLE_ORIGIN]
                                : -1;
        sd->col[LON] = cols.role[k ? IR_ROLE_DEST_LON : IR_ROLE_ORIGIN_LON];
        sd->col[LAT] = cols.role[k ? IR_ROLE_DEST_LAT : IR_ROLE_ORIGIN_LAT];
        for (int f = 0; sd->on && f < NFIELDS; f++)
            if (sd->col[f] >= 0 && sd->col[f] < 1024)
                wanted[sd->col[f]] = true;
    }
    if (rc == 0 && opt->encoding && strcasecmp(opt->encoding, "utf-8") &&
        strcasecmp(opt->encoding, "utf8") &&
        !(s.enc = ir_textenc_create(opt->encoding)))
        rc = ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                          "--encoding %s: use utf-8, latin1 or cp1252",
                          opt->encoding);
    ir_csvscan_handlers h = { on_field, on_row, &s };
    ir_csvscan *sc = NULL;
    if (rc == 0) {
        s.seen = ir_strmap_create();
        sc = ir_csvscan_create(cols.delimiter, wanted,
                               cols.ncolumns < 1024 ? cols.ncolumns : 1024, &h,
                               !opt->no_fast_path);
        if (s.seen == NULL || sc == NULL)
            rc = ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                              "out of memory");
    }
    if (rc == 0) {
        struct stat st;
        rc = fstat(fd, &st) == 0
                 ? ir_csvscan_run(sc, fd, cols.data_start, st.st_size,
                                  cols.data_line, path, err)
                 : ir_error_set(err, IR_EINPUT, path, -1, NULL,
                                "cannot read: %s", strerror(errno));
        if (rc == 0)
            rc = ir_csvscan_finish(sc, path, err);
        if (rc < 0 || (rc == 0 && s.rc))
            rc = s.rc;
    }
    if (rc == 0)
        rc = add_places(&s, locator);
    close(fd);
    for (size_t i = 0; i < s.n; i++)
        free(s.points[i].id);
    free(s.points);
    for (int k = 0; k < 2; k++)
        for (int f = 0; f < NFIELDS; f++)
            free(s.field[k][f]);
    ir_strmap_destroy(s.seen);
    ir_csvscan_destroy(sc);
    ir_textenc_destroy(s.enc);
    ir_columns_free(&cols);
    return rc;
}

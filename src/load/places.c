/*
 * places: a table of the user's own places.  See places.h.
 *
 * The file is read whole before the state table changes, so that a bad
 * row leaves the table as it was and the message names the row; the
 * places are then added in one batch (one sort of the table's keys).
 */
#include "places.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/csvscan.h"
#include "base/grow.h"
#include "base/strmap.h"

#define MAX_COLUMNS 64

enum role { ID, NAME, NAME_ES, LON, LAT, KIND, PARENT, NROLES };

/* Header names each role answers to, folded as ir_states_fold folds. */
static const char *const role_names[NROLES][9] = {
    [ID] = { "id", "place id", "place", "code", "geoid", "fips", "cve",
             "clave", NULL },
    [NAME] = { "name", "name en", "nombre", "place name", NULL },
    [NAME_ES] = { "name es", "nombre es", NULL },
    [LON] = { "lon", "lng", "long", "longitude", "longitud", "x", NULL },
    [LAT] = { "lat", "latitude", "latitud", "y", NULL },
    [KIND] = { "kind", "level", "type", "tipo", "nivel", NULL },
    [PARENT] = { "parent", "state", "estado", "country", "pais", NULL },
};

typedef struct reader {
    ir_states *states;
    const ir_locator *locator;
    const char *path;
    ir_error *err;
    int rc;
    bool header_done;
    int col[NROLES];               /* column of each role, or -1 */
    char *header[MAX_COLUMNS];
    char *field[MAX_COLUMNS];      /* the row being read */
    ir_place_def *defs;
    size_t n, cap;
    ir_strmap *seen;               /* folded id -> line it is on */
} reader;

static void on_field(int column, const char *data, size_t len, void *ctx)
{
    reader *r = ctx;
    if (column >= MAX_COLUMNS || r->rc)
        return;
    /* A byte-order mark before the first header name is no part of it. */
    if (!r->header_done && column == 0 && len >= 3 &&
        memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        data += 3, len -= 3;
    free(r->field[column]);
    r->field[column] = strndup(data, len);
    if (r->field[column] == NULL)
        r->rc = ir_error_set(r->err, IR_EINTERNAL, r->path, -1, NULL,
                             "out of memory");
}

static int header(reader *r, int ncolumns)
{
    for (int k = 0; k < NROLES; k++)
        r->col[k] = -1;
    for (int c = 0; c < ncolumns && c < MAX_COLUMNS; c++) {
        r->header[c] = r->field[c] ? r->field[c] : strdup("");
        r->field[c] = NULL;
        if (r->header[c] == NULL)
            return ir_error_set(r->err, IR_EINTERNAL, r->path, -1, NULL,
                                "out of memory");
        char key[64];
        ir_states_fold(r->header[c], key, sizeof key);
        for (int k = 0; k < NROLES; k++)
            for (int a = 0; role_names[k][a]; a++)
                if (r->col[k] < 0 && strcmp(key, role_names[k][a]) == 0)
                    r->col[k] = c;
    }
    static const int required[] = { ID, NAME, LON, LAT };
    for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
        int k = required[i];
        if (r->col[k] < 0)
            return ir_error_line(r->err, IR_EINPUT, r->path, 1, NULL,
                                 "the header has no %s column (one of: "
                                 "%s, %s, %s ...)", role_names[k][0],
                                 role_names[k][0], role_names[k][1],
                                 role_names[k][2]);
    }
    return 0;
}

/* The value of role k in the current row, "" when the row has none. */
static const char *value(const reader *r, int k)
{
    int c = r->col[k];
    return c >= 0 && r->field[c] ? r->field[c] : "";
}

static const char *column(const reader *r, int k)
{
    return r->header[r->col[k]];
}

/* A coordinate: a decimal number within +-limit degrees. */
static int coordinate(reader *r, long line, int k, double limit, double *out)
{
    const char *text = value(r, k);
    double v;
    if (!ir_degrees_parse(text, limit, &v))
        return ir_error_line(r->err, IR_EINPUT, r->path, line, column(r, k),
                             "'%s' is not a %s", text,
                             k == LON ? "longitude (-180 to 180)"
                                      : "latitude (-90 to 90)");
    *out = v;
    return 0;
}

static int place_row(reader *r, long line)
{
    const char *id = value(r, ID), *name = value(r, NAME);
    char key[128];
    if (ir_states_fold(id, key, sizeof key) == 0)
        return ir_error_line(r->err, IR_EINPUT, r->path, line,
                             column(r, ID), "no id");
    int64_t first;
    if (ir_strmap_get(r->seen, key, strlen(key), &first))
        return ir_error_line(r->err, IR_EINPUT, r->path, line, column(r, ID),
                             "'%s' is given twice (first on line %lld)", id,
                             (long long)first);
    enum ir_lookup found;
    const ir_state *clash = ir_states_lookup(r->states, id, NULL,
                                             IR_NUMBER_NONE, &found);
    if (clash || found == IR_LOOKUP_AMBIGUOUS)
        return ir_error_line(r->err, IR_EINPUT, r->path, line, column(r, ID),
                             "'%s' names %s already: a place needs an id of "
                             "its own", id, clash ? clash->name_en : "a state");
    if (*name == '\0')
        return ir_error_line(r->err, IR_EINPUT, r->path, line,
                             column(r, NAME), "no name");
    ir_place_def d = { NULL, NULL, NULL, NULL, "", NAN, NAN, -1 };
    if (coordinate(r, line, LON, 180, &d.lon) ||
        coordinate(r, line, LAT, 90, &d.lat))
        return r->err->status;
    const char *parent = value(r, PARENT);
    if (*parent) {
        const ir_state *p = ir_states_lookup(r->states, parent, NULL,
                                             IR_NUMBER_NONE, NULL);
        if (p == NULL || p->kind == IR_STATE_UNLOCATED)
            return ir_error_line(r->err, IR_EINPUT, r->path, line,
                                 column(r, PARENT),
                                 "unknown state or country '%s'", parent);
        d.parent = (long)ir_states_index(r->states, p);
        d.country = p->country;
    } else if (r->locator) {
        /* Located, not told: near a border the simplified outlines may
         * put a point on the wrong side, so the place keeps no country
         * (either side may name it) and a roll-up that takes it across
         * its side says so. */
        d.parent = ir_locator_find(r->locator, d.lon, d.lat);
    }
    const char *es = value(r, NAME_ES);
    if (ir_grow((void **)&r->defs, &r->cap, r->n + 1, sizeof *r->defs) ||
        !(d.id = strdup(id)) || !(d.name_en = strdup(name)) ||
        !(d.name_es = strdup(*es ? es : name)) ||
        !(d.level = strdup(value(r, KIND))) ||
        !ir_strmap_put(r->seen, key, strlen(key), line)) {
        free((char *)d.id);
        free((char *)d.name_en);
        free((char *)d.name_es);
        free((char *)d.level);
        return ir_error_set(r->err, IR_EINTERNAL, r->path, -1, NULL,
                            "out of memory");
    }
    r->defs[r->n++] = d;
    return 0;
}

static int on_row(long line, int ncolumns, void *ctx)
{
    reader *r = ctx;
    if (r->rc == 0) {
        if (!r->header_done) {
            r->header_done = true;
            r->rc = header(r, ncolumns);
        } else {
            bool blank = true;
            for (int k = 0; k < NROLES; k++)
                blank &= *value(r, k) == '\0';
            if (!blank)
                r->rc = place_row(r, line);
        }
    }
    for (int c = 0; c < MAX_COLUMNS; c++) {
        free(r->field[c]);
        r->field[c] = NULL;
    }
    return r->rc;
}

int ir_places_load(ir_states *states, const char *path,
                   const ir_locator *locator, ir_error *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot open: %s",
                            strerror(errno));
    reader r = { .states = states, .locator = locator, .path = path,
                 .err = err };
    bool wanted[MAX_COLUMNS];
    for (int c = 0; c < MAX_COLUMNS; c++)
        wanted[c] = true;
    ir_csvscan_handlers h = { on_field, on_row, &r };
    ir_csvscan *scan = ir_csvscan_create(',', wanted, MAX_COLUMNS, &h, true);
    r.seen = ir_strmap_create();
    int rc;
    if (scan == NULL || r.seen == NULL)
        rc = ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
    else {
        rc = ir_csvscan_run(scan, fd, 0, -1, 1, path, err);
        if (rc == 0)
            rc = ir_csvscan_finish(scan, path, err);
        if (rc < 0 || (rc == 0 && r.rc))
            rc = r.rc;   /* a row stopped the scan and said why */
    }
    close(fd);
    if (rc == 0 && !r.header_done)
        rc = ir_error_set(err, IR_EINPUT, path, -1, NULL, "the file is empty");
    else if (rc == 0 && r.n == 0)
        rc = ir_error_set(err, IR_EINPUT, path, -1, NULL,
                          "no places in the file");
    if (rc == 0)
        rc = ir_states_add_places(states, r.defs, r.n, err);
    for (size_t i = 0; i < r.n; i++) {
        free((char *)r.defs[i].id);
        free((char *)r.defs[i].name_en);
        free((char *)r.defs[i].name_es);
        free((char *)r.defs[i].level);
    }
    free(r.defs);
    for (int c = 0; c < MAX_COLUMNS; c++) {
        free(r.header[c]);
        free(r.field[c]);
    }
    ir_strmap_destroy(r.seen);
    ir_csvscan_destroy(scan);
    return rc;
}

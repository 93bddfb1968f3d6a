/*
 * aggworker: row evaluation for the aggregate stage.  See aggworker.h.
 */
#include "aggworker.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/numread.h"
#include "tracepoints.h"

/* Cached answers for a spelling, besides a state index >= 0. */
enum { CACHE_UNKNOWN = -1, CACHE_OTHER_COUNTRY = -2, CACHE_AMBIGUOUS = -3,
       CACHE_BAD_LON = -4, CACHE_BAD_LAT = -5 };

static const char *column_name(const ir_aggplan *p, int column)
{
    return p->cols.names[column];
}

static int fail(ir_aggworker *w, long line, int column, enum ir_status status,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int fail(ir_aggworker *w, long line, int column, enum ir_status status,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->err_text, sizeof w->err_text, fmt, ap);
    va_end(ap);
    w->status = status;
    w->err_line = line;
    w->err_column = column >= 0 ? column_name(w->p, column) : NULL;
    return 1;
}

static void on_field(int column, const char *data, size_t len, void *ctx)
{
    ir_aggworker *w = ctx;
    ir_aggfield *f = &w->fields[w->p->slot[column]];
    if (len + 1 > f->cap) {
        size_t cap = 2 * (len + 1);
        char *d = realloc(f->data, cap);
        if (d == NULL) {
            f->len = (size_t)-1; /* reported by the row callback */
            return;
        }
        f->data = d;
        f->cap = cap;
    }
    memcpy(f->data, data, len);
    f->data[len] = '\0';
    f->len = len;
}

/* Whether s holds a NUL byte (*nul) and only ASCII (the return), in one
 * pass: a NUL in a field is a binary file, or one saved as UTF-16. */
static bool is_ascii(const char *s, size_t n, bool *nul)
{
    uint64_t acc = 0, zero = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        acc |= v;
        zero |= (v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL;
    }
    for (; i < n; i++) {
        acc |= (unsigned char)s[i];
        zero |= s[i] == '\0';
    }
    *nul = zero != 0;
    return (acc & 0x8080808080808080ULL) == 0;
}

static int decode_field(ir_aggworker *w, ir_aggfield *f, long line, int column)
{
    if (f->len == (size_t)-1)
        return fail(w, line, column, IR_EINTERNAL, "out of memory");
    bool nul;
    bool ascii = is_ascii(f->data, f->len, &nul);
    if (nul)
        return fail(w, line, column, IR_EINPUT,
                    "the text holds a NUL byte: is the file binary, or saved "
                    "as UTF-16 (\"Unicode text\")? Save it as UTF-8 CSV");
    if (ascii)
        return 0;
    if (!w->p->latin) {
        if (ir_textenc_utf8_valid(f->data, f->len))
            return 0;
        return fail(w, line, column, IR_EINPUT,
                    "the text is not valid UTF-8; give the file's encoding "
                    "with --encoding latin1 or cp1252");
    }
    char *u = ir_textenc_decode(w->enc, f->data, f->len);
    if (u == NULL)
        return fail(w, line, column, IR_EINPUT,
                    "the text is not valid %s", ir_textenc_name(w->enc));
    free(f->data);
    f->data = u;
    f->len = strlen(u);
    f->cap = f->len + 1;
    return 0;
}

/* The state index for a spelling in the origin (0) or destination (1)
 * column, resolving and caching it on first sight. */
static int64_t state_of(ir_aggworker *w, int which, const ir_aggfield *f)
{
    int64_t v;
    if (ir_strmap_get(w->cache[which], f->data, f->len, &v))
        return v;
    enum ir_lookup r;
    const ir_state *s = ir_states_lookup(
        w->p->states, f->data,
        which == 0 ? IR_ORIGIN_COUNTRIES : IR_DESTINATION_COUNTRIES,
        which == 0 ? IR_NUMBER_US_FIPS : IR_NUMBER_MX_INEGI, &r);
    v = s ? (int64_t)ir_states_index(w->p->states, s)
          : r == IR_LOOKUP_OTHER_COUNTRY ? CACHE_OTHER_COUNTRY
          : r == IR_LOOKUP_AMBIGUOUS     ? CACHE_AMBIGUOUS
                                         : CACHE_UNKNOWN;
    if (ir_strmap_put(w->cache[which], f->data, f->len, v) == NULL)
        return INT64_MIN;
    return v;
}


/* The state (or country) holding the point in the side's coordinate
 * columns, as a table index, written as "lon, lat" into key; located on
 * first sight of that text and cached, so a dealer's thousand rows cost
 * one point-in-polygon test. */
static int64_t point_of(ir_aggworker *w, int which, char *key, size_t cap)
{
    const ir_aggplan *p = w->p;
    int lon_col = p->cols.role[which ? IR_ROLE_DEST_LON : IR_ROLE_ORIGIN_LON];
    int lat_col = p->cols.role[which ? IR_ROLE_DEST_LAT : IR_ROLE_ORIGIN_LAT];
    const ir_aggfield *fx = &w->fields[p->slot[lon_col]];
    const ir_aggfield *fy = &w->fields[p->slot[lat_col]];
    /* Built by hand: snprintf here was a third of the cost of a row. */
    size_t n = fx->len + 2 + fy->len;
    if (n >= cap)
        return CACHE_BAD_LON;
    memcpy(key, fx->data, fx->len);
    memcpy(key + fx->len, ", ", 2);
    memcpy(key + fx->len + 2, fy->data, fy->len);
    key[n] = '\0';
    int64_t v;
    if (ir_strmap_get(w->cache[which], key, n, &v))
        return v;
    double lon, lat;
    if (!ir_degrees_parse(fx->data, 180, &lon))
        v = CACHE_BAD_LON;
    else if (!ir_degrees_parse(fy->data, 90, &lat))
        v = CACHE_BAD_LAT;
    else if (which == 0 ? p->opt->origin_points : p->opt->dest_points) {
        /* The point is a place of its own (tracepoints.h). */
        char id[64];
        ir_trace_point_id(lon, lat, id, sizeof id);
        const ir_state *s = ir_states_lookup(p->states, id, NULL,
                                             IR_NUMBER_NONE, NULL);
        v = s ? (int64_t)ir_states_index(p->states, s) : CACHE_UNKNOWN;
    } else {
        long e = ir_locator_find(p->opt->locator, lon, lat);
        v = e < 0 ? CACHE_UNKNOWN
            : ir_states_in_countries(ir_states_at(p->states, (size_t)e),
                                     which == 0 ? IR_ORIGIN_COUNTRIES
                                                : IR_DESTINATION_COUNTRIES)
                ? e
                : CACHE_OTHER_COUNTRY;
    }
    if (ir_strmap_put(w->cache[which], key, n, v) == NULL)
        return INT64_MIN;
    return v;
}

static int point_error(ir_aggworker *w, long line, int which,
                       const char *key, int64_t code)
{
    const ir_aggplan *p = w->p;
    int lon_col = p->cols.role[which ? IR_ROLE_DEST_LON : IR_ROLE_ORIGIN_LON];
    int lat_col = p->cols.role[which ? IR_ROLE_DEST_LAT : IR_ROLE_ORIGIN_LAT];
    const char *what = which == 0 ? "U.S. state" : "Mexican state or country";
    if (code == INT64_MIN)
        return fail(w, line, lon_col, IR_EINTERNAL, "out of memory");
    if (code == CACHE_BAD_LON || code == CACHE_BAD_LAT) {
        int c = code == CACHE_BAD_LON ? lon_col : lat_col;
        return fail(w, line, c, IR_EINPUT, "'%s' is not a %s",
                    w->fields[p->slot[c]].data,
                    code == CACHE_BAD_LON ? "longitude (-180 to 180)"
                                          : "latitude (-90 to 90)");
    }
    if (code == CACHE_OTHER_COUNTRY) {
        double lon = strtod(w->fields[p->slot[lon_col]].data, NULL);
        double lat = strtod(w->fields[p->slot[lat_col]].data, NULL);
        long e = ir_locator_find(p->opt->locator, lon, lat);
        return fail(w, line, lon_col, IR_EINPUT,
                    "the point (%s) lies in %s, but these columns hold the "
                    "%s where the gun was %s",
                    key, e >= 0 ? ir_states_at(p->states, (size_t)e)->name_en
                                : "another country",
                    what, which == 0 ? "bought" : "recovered");
    }
    return fail(w, line, lon_col, IR_EINPUT,
                "the point (%s) lies in no %s of the boundaries loaded; use "
                "--skip-unknown to leave such rows out", key, what);
}

static int state_error(ir_aggworker *w, long line, int which, int column,
                       const char *value, int64_t code)
{
    const char *country = which == 0 ? IR_ORIGIN_COUNTRIES
                                     : IR_DESTINATION_COUNTRIES;
    const char *what = which == 0 ? (w->p->places ? "U.S. state or place"
                                                  : "U.S. state")
                                  : (w->p->places ? "Mexican state, country "
                                                    "or place"
                                                  : "Mexican state or country");
    if (code == INT64_MIN)
        return fail(w, line, column, IR_EINTERNAL, "out of memory");
    if (code == CACHE_OTHER_COUNTRY) {
        const ir_state *other = ir_states_lookup(
            w->p->states, value,
            which == 0 ? IR_DESTINATION_COUNTRIES : IR_ORIGIN_COUNTRIES,
            IR_NUMBER_NONE, NULL);
        const char *is = other && other->kind == IR_STATE_COUNTRY
                             ? "country"
                         : which == 0 ? "Mexican state"
                                      : "U.S. state";
        return fail(w, line, column, IR_EINPUT,
                    "'%s' is a %s, but this column holds the %s where the "
                    "gun was %s",
                    value, is, what, which == 0 ? "bought" : "recovered");
    }
    const ir_state *near[3];
    size_t n = ir_states_suggest(w->p->states, value, country, near, 3);
    char list[200] = "";
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
                                i ? ", " : "", near[i]->name_en);
    return fail(w, line, column, IR_EINPUT,
                "%s %s '%s' (nearest: %s); use --skip-unknown to leave such "
                "rows out",
                code == CACHE_AMBIGUOUS ? "ambiguous" : "unknown", what, value,
                list);
}

/* Weights are counts as spreadsheets write them (numread.h): "1,200",
 * "1 200", and in a semicolon-separated file "1.200" and "2,5". */
static int parse_weight(ir_aggworker *w, const ir_aggfield *f, long line, int column,
                        double *out)
{
    if (f->len == 0)
        return fail(w, line, column, IR_EINPUT, "the weight is empty");
    char why[400];
    double v;
    if (ir_number_read(f->data, f->len, w->p->cols.delimiter == ';', &v, why,
                       sizeof why))
        return fail(w, line, column, IR_EINPUT, "weight %s", why);
    if (v < 0)
        return fail(w, line, column, IR_EINPUT,
                    "weight '%s' is negative", f->data);
    if (!(v <= IR_OD_MAX_EXACT))
        return fail(w, line, column, IR_EINPUT,
                    "weight '%s' is too large (the limit is 2^53)", f->data);
    *out = v;
    return 0;
}

/* Years are "2019" or a period "2019-2021"; a row is kept when its whole
 * period lies inside the --years range. */
static int year_kept(ir_aggworker *w, const ir_aggfield *f, long line,
                     int column, bool *kept)
{
    int a, b;
    if (ir_aggregate_parse_period(f->data, &a, &b) != 0)
        return fail(w, line, column, IR_EINPUT,
                    "year '%s' is not a year or a period like 2019-2021",
                    f->data);
    *kept = a >= w->p->opt->year_from && b <= w->p->opt->year_to;
    return 0;
}

static int where_matches(ir_aggworker *w, size_t k, const ir_aggfield *f, bool *match)
{
    int64_t v;
    if (!ir_strmap_get(w->where_cache[k], f->data, f->len, &v)) {
        char key[512];
        ir_states_fold(f->data, key, sizeof key);
        v = 0;
        for (size_t i = 0; i < w->p->where[k].nvalues; i++)
            v |= strcmp(key, w->p->where[k].values[i]) == 0;
        if (ir_strmap_put(w->where_cache[k], f->data, f->len, v) == NULL)
            return -1;
    }
    *match = v != 0;
    return 0;
}

static void report_progress(ir_aggworker *w)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double since = (double)(now.tv_sec - w->last_report.tv_sec) +
                   (now.tv_nsec - w->last_report.tv_nsec) / 1e9;
    if (since < 0.25)
        return;
    w->last_report = now;
    double elapsed = (double)(now.tv_sec - w->started.tv_sec) +
                     (now.tv_nsec - w->started.tv_nsec) / 1e9;
    long long bytes = ir_csvscan_bytes(w->scan);
    long long rows = w->rows_read;
    if (w->other) {
        bytes += ir_csvscan_bytes(w->other->scan);
        rows += w->other->rows_read;
    }
    fprintf(stderr, "\rironriver: %.0f of %.0f MB, %lld rows, %.0f MB/s   ",
            bytes / 1e6, (double)w->p->size / 1e6, rows,
            elapsed > 0 ? bytes / 1e6 / elapsed : 0.0);
}

static int row(ir_aggworker *w, long line, int ncolumns);

/* A bad row is recorded and the scan goes on, up to the first
 * IR_AGGREGATE_PROBLEMS of them, so that one run names every row to fix;
 * what no row can fix (memory, a total past 2^53) stops it at once. */
static int on_row(long line, int ncolumns, void *ctx)
{
    ir_aggworker *w = ctx;
    if (row(w, line, ncolumns) == 0)
        return 0;
    if (w->status != IR_EINPUT || w->fatal || line <= 0)
        return 1;
    w->problems_total++;
    if (w->nproblems < IR_AGGREGATE_PROBLEMS) {
        ir_aggregate_problem *pr = &w->problems[w->nproblems++];
        pr->line = w->err_line;
        snprintf(pr->column, sizeof pr->column, "%s",
                 w->err_column ? w->err_column : "");
        snprintf(pr->text, sizeof pr->text, "%s", w->err_text);
    }
    w->status = 0;
    return w->nproblems == IR_AGGREGATE_PROBLEMS &&
           w->problems_total > IR_AGGREGATE_PROBLEMS;
}

static int row(ir_aggworker *w, long line, int ncolumns)
{
    const ir_aggplan *p = w->p;
    if (atomic_load_explicit(&((ir_aggplan *)p)->abort, memory_order_relaxed))
        return 1;
    if (ncolumns != p->cols.ncolumns)
        return fail(w, line, -1, IR_EINPUT,
                    "the row has %d field%s; the header has %d", ncolumns,
                    ncolumns == 1 ? "" : "s", p->cols.ncolumns);
    w->rows_read++;
    if (w->progress && (w->rows_read & 0xffff) == 0)
        report_progress(w);
    for (int c = 0; c < p->cols.ncolumns; c++)
        if (p->slot[c] >= 0 && decode_field(w, &w->fields[p->slot[c]], line, c))
            return 1;
    const int *role = p->cols.role;
    const ir_aggfield *year =
        role[IR_ROLE_YEAR] >= 0 && p->slot[role[IR_ROLE_YEAR]] >= 0
            ? &w->fields[p->slot[role[IR_ROLE_YEAR]]]
            : NULL;
    if (year)
        ir_years_add(&w->years_read, year->data, year->len);
    /* A map says which years it sums: what was meant as a year and cannot
     * be read ("20x9", "2021-2019") is refused, as a --years filter
     * refuses it.  A period column may also hold labels ("A", "FY19"),
     * which are panels' names, not years. */
    if (year && !p->opt->year_from && p->opt->count_years &&
        year->len > 0 && isdigit((unsigned char)year->data[0])) {
        int a, b;
        if (ir_aggregate_parse_period(year->data, &a, &b) != 0)
            return fail(w, line, role[IR_ROLE_YEAR], IR_EINPUT,
                        "year '%s' is not a year or a period like "
                        "2019-2021", year->data);
    }
    if (year && p->opt->year_from) {
        bool kept = false;
        if (year_kept(w, &w->fields[p->slot[role[IR_ROLE_YEAR]]], line,
                      role[IR_ROLE_YEAR], &kept))
            return 1;
        if (!kept) {
            w->filtered_year++;
            return 0;
        }
    }
    for (size_t k = 0; k < p->nwhere; k++) {
        bool match;
        if (where_matches(w, k, &w->fields[p->slot[p->where[k].column]],
                          &match))
            return fail(w, line, -1, IR_EINTERNAL, "out of memory");
        if (!match) {
            w->filtered_where++;
            return 0;
        }
    }
    int64_t st[2];
    for (int which = 0; which < 2; which++) {
        int column = role[which == 0 ? IR_ROLE_ORIGIN : IR_ROLE_DESTINATION];
        char point[160];
        const char *value;
        size_t len;
        if (column >= 0) {
            const ir_aggfield *f = &w->fields[p->slot[column]];
            st[which] = state_of(w, which, f);
            value = f->data, len = f->len;
        } else {
            st[which] = point_of(w, which, point, sizeof point);
            value = point, len = strlen(point);
        }
        if (st[which] >= 0)
            continue;
        bool bad_point = column < 0 && (st[which] == CACHE_BAD_LON ||
                                        st[which] == CACHE_BAD_LAT ||
                                        st[which] == CACHE_OTHER_COUNTRY);
        if (!p->opt->skip_unknown || st[which] == INT64_MIN || bad_point)
            return column >= 0
                       ? state_error(w, line, which, column, value, st[which])
                       : point_error(w, line, which, value, st[which]);
        int64_t *n = NULL, count = 0;
        ir_strmap_get(w->unknown[which], value, len, &count);
        n = ir_strmap_put(w->unknown[which], value, len, count + 1);
        if (n == NULL)
            return fail(w, line, column, IR_EINTERNAL, "out of memory");
        w->skipped++;
        return 0;
    }
    double weight = 1;
    if (role[IR_ROLE_WEIGHT] >= 0 &&
        parse_weight(w, &w->fields[p->slot[role[IR_ROLE_WEIGHT]]], line,
                     role[IR_ROLE_WEIGHT], &weight))
        return 1;
    int added = ir_od_add(w->od, (size_t)st[0], (size_t)st[1], weight);
    if (added == IR_EINTERNAL)
        return fail(w, line, role[IR_ROLE_WEIGHT], IR_EINTERNAL,
                    "out of memory");
    if (added) {
        w->fatal = true;
        return fail(w, line, role[IR_ROLE_WEIGHT], IR_EINPUT,
                    "the total for this pair passes 2^53 and would no "
                    "longer be exact");
    }
    w->rows_kept++;
    w->weight_kept += weight;
    if (year)
        ir_years_add(&w->years_kept, year->data, year->len);
    return 0;
}

void ir_aggworker_destroy(ir_aggworker *w)
{
    if (w == NULL)
        return;
    ir_csvscan_destroy(w->scan);
    ir_od_destroy(w->od);
    ir_textenc_destroy(w->enc);
    if (w->fields)
        for (int i = 0; i < w->p->nslots; i++)
            free(w->fields[i].data);
    free(w->fields);
    for (int i = 0; i < 2; i++) {
        ir_strmap_destroy(w->cache[i]);
        ir_strmap_destroy(w->unknown[i]);
    }
    if (w->where_cache)
        for (size_t k = 0; k < w->p->nwhere; k++)
            ir_strmap_destroy(w->where_cache[k]);
    free(w->where_cache);
    free(w);
}

ir_aggworker *ir_aggworker_create(const ir_aggplan *p)
{
    ir_aggworker *w = calloc(1, sizeof *w);
    if (w == NULL)
        return NULL;
    w->p = p;
    ir_csvscan_handlers h = { on_field, on_row, w };
    w->scan = ir_csvscan_create(p->cols.delimiter, p->wanted,
                                p->cols.ncolumns, &h, !p->opt->no_fast_path);
    w->od = ir_od_create(p->states);
    w->fields = calloc((size_t)p->nslots, sizeof *w->fields);
    w->where_cache = calloc(p->nwhere + 1, sizeof *w->where_cache);
    bool ok = w->scan && w->od && w->fields && w->where_cache;
    for (int i = 0; i < 2 && ok; i++)
        ok = (w->cache[i] = ir_strmap_create()) != NULL &&
             (w->unknown[i] = ir_strmap_create()) != NULL;
    for (size_t k = 0; k < p->nwhere && ok; k++)
        ok = (w->where_cache[k] = ir_strmap_create()) != NULL;
    if (ok && p->latin)
        ok = (w->enc = ir_textenc_create(p->opt->encoding)) != NULL;
    if (!ok) {
        ir_aggworker_destroy(w);
        return NULL;
    }
    return w;
}

/* A scan of [start, end); status 0, or the worker's or scanner's error. */
int ir_aggworker_scan(ir_aggworker *w, off_t start, off_t end, long first_line,
                       bool finish, ir_error *err)
{
    int rc = ir_csvscan_run(w->scan, w->p->fd, start, end, first_line,
                            w->p->path, err);
    if (rc == 0 && finish)
        rc = ir_csvscan_finish(w->scan, w->p->path, err);
    if (w->status)
        return w->status;
    return rc > 0 ? rc : 0;
}


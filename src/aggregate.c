/*
 * aggregate: streams trace rows into an OD table.  See aggregate.h.
 *
 * Per row the work is a few hash lookups: every distinct spelling of a
 * state (or of a --where value) is resolved once and cached in a strmap,
 * so normalisation costs nothing after the first thousand rows.
 *
 * Two threads.  A file larger than SPLIT_MIN is cut in two at the first
 * newline after its middle, and each half is scanned by its own worker.
 * That newline might lie inside a quoted field, which only a scan from the
 * start can tell; so the split is speculative: the first worker checks,
 * when it reaches the split, that it is between rows.  If it is not, or if
 * the second worker met any error (whose line number it could not know),
 * the second worker's results are thrown away and the first worker goes on
 * alone from the split.  Errors therefore always come from a sequential
 * scan, with exact line numbers, and the parallel path only ever speeds up
 * files that are valid.
 */
#include "aggregate.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "columns.h"
#include "csvscan.h"
#include "strmap.h"
#include "textenc.h"

#define SPLIT_MIN (16 << 20)

/* Cached answers for a spelling, besides a state index >= 0. */
enum { CACHE_UNKNOWN = -1, CACHE_OTHER_COUNTRY = -2, CACHE_AMBIGUOUS = -3 };

typedef struct where_clause {
    int column;
    char **values;       /* folded */
    size_t nvalues;
} where_clause;

/* What every worker shares, read-only once built. */
typedef struct plan {
    const char *path;
    int fd;
    off_t size;
    ir_columns cols;
    const ir_states *states;
    const ir_aggregate_options *opt;
    where_clause *where;
    size_t nwhere;
    bool *wanted;
    int *slot;           /* column -> slot, or -1 */
    int nslots;
    bool latin;          /* decode fields from latin1/cp1252 */
    _Atomic bool abort;
} plan;

typedef struct field_buf {
    char *data;
    size_t len, cap;
} field_buf;

typedef struct worker {
    const plan *p;
    ir_csvscan *scan;
    ir_od *od;
    ir_textenc *enc;
    field_buf *fields;   /* one per slot */
    ir_strmap *cache[2]; /* origin, destination spellings */
    ir_strmap **where_cache;
    ir_strmap *unknown[2];
    long long rows_read, rows_kept, filtered_year, filtered_where, skipped;
    double weight_kept;
    /* error, formatted at the end */
    int status;
    long err_line;
    const char *err_column;
    char err_text[700];
    /* progress, for the first worker */
    const struct worker *other;
    struct timespec last_report, started;
    bool progress;
} worker;

static const char *column_name(const plan *p, int column)
{
    return p->cols.names[column];
}

static int fail(worker *w, long line, int column, enum ir_status status,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int fail(worker *w, long line, int column, enum ir_status status,
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
    worker *w = ctx;
    field_buf *f = &w->fields[w->p->slot[column]];
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

static bool is_ascii(const char *s, size_t n)
{
    uint64_t acc = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        acc |= v;
    }
    for (; i < n; i++)
        acc |= (unsigned char)s[i];
    return (acc & 0x8080808080808080ULL) == 0;
}

/* Checks or converts a field's text to UTF-8 in place. */
static int decode_field(worker *w, field_buf *f, long line, int column)
{
    if (f->len == (size_t)-1)
        return fail(w, line, column, IR_EINTERNAL, "out of memory");
    if (is_ascii(f->data, f->len))
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
static int64_t state_of(worker *w, int which, const field_buf *f)
{
    int64_t v;
    if (ir_strmap_get(w->cache[which], f->data, f->len, &v))
        return v;
    enum ir_lookup r;
    const ir_state *s = ir_states_lookup(
        w->p->states, f->data, which == 0 ? "US" : "MX",
        which == 0 ? IR_NUMBER_US_FIPS : IR_NUMBER_MX_INEGI, &r);
    v = s ? (int64_t)ir_states_index(w->p->states, s)
          : r == IR_LOOKUP_OTHER_COUNTRY ? CACHE_OTHER_COUNTRY
          : r == IR_LOOKUP_AMBIGUOUS     ? CACHE_AMBIGUOUS
                                         : CACHE_UNKNOWN;
    if (ir_strmap_put(w->cache[which], f->data, f->len, v) == NULL)
        return INT64_MIN;
    return v;
}

static int state_error(worker *w, long line, int which, int column,
                       const char *value, int64_t code)
{
    const char *country = which == 0 ? "US" : "MX";
    const char *what = which == 0 ? "U.S. state" : "Mexican state";
    if (code == INT64_MIN)
        return fail(w, line, column, IR_EINTERNAL, "out of memory");
    if (code == CACHE_OTHER_COUNTRY)
        return fail(w, line, column, IR_EINPUT,
                    "'%s' is a %s, but this column holds the %s where the "
                    "gun was %s",
                    value, which == 0 ? "Mexican state" : "U.S. state", what,
                    which == 0 ? "bought" : "recovered");
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

/* Weights are plain decimal numbers: digits with an optional fraction. */
static int parse_weight(worker *w, const field_buf *f, long line, int column,
                        double *out)
{
    const char *s = f->data;
    if (f->len == 0)
        return fail(w, line, column, IR_EINPUT, "the weight is empty");
    if (*s == '-')
        return fail(w, line, column, IR_EINPUT,
                    "weight '%s' is negative", s);
    if (*s == '+')
        s++;
    const char *q = s;
    while (isdigit((unsigned char)*q))
        q++;
    if (*q == '.') {
        q++;
        while (isdigit((unsigned char)*q))
            q++;
    }
    if (q == s || *q != '\0' || (q == s + 1 && *s == '.'))
        return fail(w, line, column, IR_EINPUT,
                    "weight '%s' is not a number", f->data);
    double v = strtod(s, NULL);
    if (!(v <= IR_OD_MAX_EXACT))
        return fail(w, line, column, IR_EINPUT,
                    "weight '%s' is too large (the limit is 2^53)", f->data);
    *out = v;
    return 0;
}

/* Years are "2019" or a period "2019-2021"; a row is kept when its whole
 * period lies inside the --years range. */
static int year_kept(worker *w, const field_buf *f, long line, int column,
                     bool *kept)
{
    char *end;
    long a = strtol(f->data, &end, 10), b = a;
    if (end != f->data && *end == '-')
        b = strtol(end + 1, &end, 10);
    if (f->len == 0 || *end != '\0' || a < 1000 || a > 9999 || b < a ||
        b > 9999)
        return fail(w, line, column, IR_EINPUT,
                    "year '%s' is not a year or a period like 2019-2021",
                    f->data);
    *kept = a >= w->p->opt->year_from && b <= w->p->opt->year_to;
    return 0;
}

static int where_matches(worker *w, size_t k, const field_buf *f, bool *match)
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

static void report_progress(worker *w)
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

static int on_row(long line, int ncolumns, void *ctx)
{
    worker *w = ctx;
    const plan *p = w->p;
    if (atomic_load_explicit(&((plan *)p)->abort, memory_order_relaxed))
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
    if (role[IR_ROLE_YEAR] >= 0 && p->opt->year_from) {
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
        const field_buf *f = &w->fields[p->slot[column]];
        st[which] = state_of(w, which, f);
        if (st[which] >= 0)
            continue;
        if (!p->opt->skip_unknown || st[which] == INT64_MIN)
            return state_error(w, line, which, column, f->data, st[which]);
        int64_t *n = NULL, count = 0;
        ir_strmap_get(w->unknown[which], f->data, f->len, &count);
        n = ir_strmap_put(w->unknown[which], f->data, f->len, count + 1);
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
    if (!ir_od_add(w->od, (size_t)st[0], (size_t)st[1], weight))
        return fail(w, line, role[IR_ROLE_WEIGHT], IR_EINPUT,
                    "the total for this pair passes 2^53 and would no "
                    "longer be exact");
    w->rows_kept++;
    w->weight_kept += weight;
    return 0;
}

static void worker_free(worker *w)
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

static worker *worker_new(const plan *p)
{
    worker *w = calloc(1, sizeof *w);
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
        worker_free(w);
        return NULL;
    }
    return w;
}

/* A scan of [start, end); status 0, or the worker's or scanner's error. */
static int worker_scan(worker *w, off_t start, off_t end, long first_line,
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

typedef struct second_half {
    worker *w;
    off_t start, end;
    int rc;
    ir_error err;
} second_half;

static void *run_second_half(void *arg)
{
    second_half *s = arg;
    s->rc = worker_scan(s->w, s->start, s->end, 1, true, &s->err);
    return NULL;
}

/* The byte after the first newline at or after `from`, or -1. */
static off_t next_line_start(int fd, off_t from, off_t size)
{
    char buf[65536];
    while (from < size) {
        ssize_t n = pread(fd, buf, sizeof buf, from);
        if (n <= 0)
            return -1;
        const char *nl = memchr(buf, '\n', (size_t)n);
        if (nl)
            return from + (nl - buf) + 1;
        from += n;
    }
    return -1;
}

static int parse_where(plan *p, ir_error *err)
{
    p->where = calloc(p->opt->nwhere + 1, sizeof *p->where);
    if (p->where == NULL)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "out of memory");
    for (size_t k = 0; k < p->opt->nwhere; k++) {
        const char *spec = p->opt->where[k];
        const char *eq = strchr(spec, '=');
        if (eq == NULL || eq == spec)
            return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                                "--where %s: expected COLUMN=VALUE[,VALUE...]",
                                spec);
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(eq - spec), spec);
        where_clause *wc = &p->where[p->nwhere++];
        wc->column = ir_columns_find(&p->cols, name, p->path, "--where", err);
        if (wc->column < 0)
            return err->status;
        char *values = strdup(eq + 1);
        if (values == NULL)
            return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                                "out of memory");
        size_t n = 1;
        for (const char *c = values; *c; c++)
            n += *c == ',';
        wc->values = calloc(n, sizeof *wc->values);
        char *save = NULL;
        for (char *v = strtok_r(values, ",", &save); v && wc->values;
             v = strtok_r(NULL, ",", &save)) {
            char key[512];
            ir_states_fold(v, key, sizeof key);
            wc->values[wc->nvalues++] = strdup(key);
        }
        free(values);
        if (wc->values == NULL)
            return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                                "out of memory");
    }
    return 0;
}

static void plan_free(plan *p)
{
    for (size_t k = 0; k < p->nwhere; k++) {
        for (size_t i = 0; i < p->where[k].nvalues; i++)
            free(p->where[k].values[i]);
        free(p->where[k].values);
    }
    free(p->where);
    free(p->wanted);
    free(p->slot);
    ir_columns_free(&p->cols);
}

static void describe_columns(const plan *p, char *buf, size_t cap)
{
    static const char *const labels[IR_NROLES] = { "origin", "destination",
                                                   "weight", "year" };
    size_t len = 0;
    for (int r = 0; r < IR_NROLES && len < cap; r++) {
        int c = p->cols.role[r];
        if (c >= 0)
            len += (size_t)snprintf(buf + len, cap - len,
                                    "%s%s = '%s' (column %d%s)",
                                    len ? ", " : "", labels[r],
                                    p->cols.names[c], c + 1,
                                    p->cols.detected[r] ? ", detected" : "");
        else if (r == IR_ROLE_WEIGHT)
            len += (size_t)snprintf(buf + len, cap - len,
                                    "%sweight = none (each row counts 1)",
                                    len ? ", " : "");
    }
}

static int build_plan(plan *p, ir_error *err)
{
    const ir_aggregate_options *o = p->opt;
    if (o->encoding && strcasecmp(o->encoding, "utf-8") != 0 &&
        strcasecmp(o->encoding, "utf8") != 0) {
        if (strcasecmp(o->encoding, "latin1") != 0 &&
            strcasecmp(o->encoding, "cp1252") != 0 &&
            strcasecmp(o->encoding, "iso-8859-1") != 0 &&
            strcasecmp(o->encoding, "windows-1252") != 0)
            return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                                "--encoding %s: use utf-8, latin1 or cp1252",
                                o->encoding);
        p->latin = true;
    }
    int rc = ir_columns_read(&p->cols, p->fd, p->path,
                             (unsigned char)o->delimiter, err);
    if (rc)
        return rc;
    const char *specs[IR_NROLES] = { o->origin, o->destination, o->weight,
                                     o->year };
    if ((rc = ir_columns_assign(&p->cols, specs, p->path, err)))
        return rc;
    if (o->year_from && p->cols.role[IR_ROLE_YEAR] < 0)
        return ir_error_set(err, IR_EUSAGE, p->path, -1, NULL,
                            "--years needs a year column: none was found, "
                            "name it with --year COLUMN");
    if ((rc = parse_where(p, err)))
        return rc;
    int n = p->cols.ncolumns;
    p->wanted = calloc((size_t)n, sizeof *p->wanted);
    p->slot = malloc((size_t)n * sizeof *p->slot);
    if (p->wanted == NULL || p->slot == NULL)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "out of memory");
    for (int r = 0; r < IR_NROLES; r++)
        if (p->cols.role[r] >= 0 && (r != IR_ROLE_YEAR || o->year_from))
            p->wanted[p->cols.role[r]] = true;
    for (size_t k = 0; k < p->nwhere; k++)
        p->wanted[p->where[k].column] = true;
    for (int c = 0; c < n; c++)
        p->slot[c] = p->wanted[c] ? p->nslots++ : -1;
    return 0;
}

static int unknown_cmp(const void *a, const void *b)
{
    const ir_unknown_value *x = a, *y = b;
    if (x->rows != y->rows)
        return x->rows > y->rows ? -1 : 1;
    int c = strcmp(x->column, y->column);
    return c ? c : strcmp(x->value, y->value);
}

static int fill_report(const worker *w, ir_aggregate_report *r)
{
    r->rows_read = w->rows_read;
    r->rows_kept = w->rows_kept;
    r->filtered_year = w->filtered_year;
    r->filtered_where = w->filtered_where;
    r->skipped_unknown = w->skipped;
    r->weight_kept = w->weight_kept;
    describe_columns(w->p, r->columns, sizeof r->columns);
    size_t n = ir_strmap_count(w->unknown[0]) + ir_strmap_count(w->unknown[1]);
    r->unknown = calloc(n ? n : 1, sizeof *r->unknown);
    if (r->unknown == NULL)
        return -1;
    for (int which = 0; which < 2; which++) {
        size_t pos = 0, len;
        const char *key;
        int64_t count;
        while (ir_strmap_next(w->unknown[which], &pos, &key, &len, &count)) {
            ir_unknown_value *u = &r->unknown[r->nunknown++];
            u->value = strdup(key);
            u->column = which == 0 ? "origin" : "destination";
            u->rows = count;
            if (u->value == NULL)
                return -1;
        }
    }
    qsort(r->unknown, r->nunknown, sizeof *r->unknown, unknown_cmp);
    return 0;
}

/* Folds the second worker's counts into the first's. */
static int merge_workers(worker *a, const worker *b)
{
    if (!ir_od_merge(a->od, b->od))
        return -1;
    a->rows_read += b->rows_read;
    a->rows_kept += b->rows_kept;
    a->filtered_year += b->filtered_year;
    a->filtered_where += b->filtered_where;
    a->skipped += b->skipped;
    a->weight_kept += b->weight_kept;
    for (int which = 0; which < 2; which++) {
        size_t pos = 0, len;
        const char *key;
        int64_t count, have;
        while (ir_strmap_next(b->unknown[which], &pos, &key, &len, &count)) {
            if (!ir_strmap_get(a->unknown[which], key, len, &have))
                have = 0;
            if (ir_strmap_put(a->unknown[which], key, len, have + count) ==
                NULL)
                return -1;
        }
    }
    return 0;
}

/* Input from a pipe is spooled to an unlinked temporary file, so that
 * every input can be read by offset (header first, then two halves). */
static int open_input(const char *path, int *fd, ir_error *err)
{
    if (strcmp(path, "-") != 0) {
        *fd = open(path, O_RDONLY);
        if (*fd < 0)
            return ir_error_set(err, IR_EINPUT, path, -1, NULL,
                                "cannot open: %s", strerror(errno));
        return 0;
    }
    char tmpl[] = "/tmp/ironriver-stdin-XXXXXX";
    *fd = mkstemp(tmpl);
    if (*fd < 0)
        return ir_error_set(err, IR_EINPUT, "-", -1, NULL,
                            "cannot spool standard input: %s",
                            strerror(errno));
    unlink(tmpl);
    char buf[1 << 16];
    ssize_t n;
    while ((n = read(STDIN_FILENO, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || write(*fd, buf, (size_t)n) != n)
            return ir_error_set(err, IR_EINPUT, "-", -1, NULL,
                                "cannot spool standard input: %s",
                                strerror(errno));
    }
    return 0;
}

ir_od *ir_aggregate_file(const char *path, const ir_states *states,
                         const ir_aggregate_options *opt,
                         ir_aggregate_report *report, ir_error *err)
{
    plan p = { .path = path, .fd = -1, .states = states, .opt = opt };
    worker *w1 = NULL, *w2 = NULL;
    ir_od *result = NULL;
    memset(report, 0, sizeof *report);
    struct stat st;
    if (open_input(path, &p.fd, err))
        goto done;
    if (fstat(p.fd, &st) != 0) {
        ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot stat: %s",
                     strerror(errno));
        goto done;
    }
    p.size = st.st_size;
    if (build_plan(&p, err))
        goto done;
    if ((w1 = worker_new(&p)) == NULL) {
        ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        goto done;
    }
    w1->progress = opt->progress;
    clock_gettime(CLOCK_MONOTONIC, &w1->started);
    w1->last_report = w1->started;

    off_t start = p.cols.data_start, split = -1;
    if (opt->threads != 1 && p.size - start > SPLIT_MIN)
        split = next_line_start(p.fd, start + (p.size - start) / 2, p.size);
    if (split > 0 && (w2 = worker_new(&p)) != NULL) {
        second_half half = { w2, split, p.size, 0, { 0 } };
        pthread_t thread;
        if (pthread_create(&thread, NULL, run_second_half, &half) != 0) {
            worker_free(w2);
            w2 = NULL;
            split = -1;
        } else {
            w1->other = w2;
            int rc = worker_scan(w1, start, split, p.cols.data_line, false,
                                 err);
            if (rc)
                atomic_store(&p.abort, true);
            pthread_join(thread, NULL);
            w1->other = NULL;
            if (rc)
                goto failed;
            bool speculation_held = ir_csvscan_between_rows(w1->scan) &&
                                    half.rc == 0;
            if (speculation_held) {
                if (merge_workers(w1, w2)) {
                    fail(w1, -1, -1, IR_EINPUT,
                         "a pair's total passes 2^53 and would no longer "
                         "be exact");
                    goto failed;
                }
            } else {
                start = split; /* go on alone from the split */
                split = -1;
            }
        }
    }
    if (split < 0) {
        long line = start == p.cols.data_start
                        ? p.cols.data_line
                        : ir_csvscan_lines(w1->scan) + 1;
        if (worker_scan(w1, start, p.size, line, true, err))
            goto failed;
    }
    if (w1->rows_read == 0) {
        ir_error_set(err, IR_EINPUT, path, -1, NULL,
                     "no data rows after the header");
        goto done;
    }
    if (fill_report(w1, report)) {
        ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        goto done;
    }
    result = w1->od;
    w1->od = NULL;
    goto done;
failed:
    if (w1->status)
        ir_error_line(err, (enum ir_status)w1->status, path, w1->err_line,
                      w1->err_column, "%s", w1->err_text);
done:
    if (opt->progress)
        fputs("\r\033[K", stderr);
    worker_free(w1);
    worker_free(w2);
    plan_free(&p);
    if (p.fd >= 0)
        close(p.fd);
    return result;
}

void ir_aggregate_report_free(ir_aggregate_report *r)
{
    for (size_t i = 0; i < r->nunknown; i++)
        free(r->unknown[i].value);
    free(r->unknown);
    r->unknown = NULL;
    r->nunknown = 0;
}

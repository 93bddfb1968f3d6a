/*
 * aggregate: streams trace rows into an OD table.  See aggregate.h.
 *
 * Row evaluation lives in aggworker.c; this file builds the shared plan
 * (columns, filters, encoding), runs the workers and merges their results.
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

#include "aggworker.h"

#define SPLIT_MIN (16 << 20)

typedef struct second_half {
    ir_aggworker *w;
    off_t start, end;
    int rc;
    ir_error err;
} second_half;

static void *run_second_half(void *arg)
{
    second_half *s = arg;
    s->rc = ir_aggworker_scan(s->w, s->start, s->end, 1, true, &s->err);
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

static int parse_where(ir_aggplan *p, ir_error *err)
{
    p->where = calloc(p->opt->nwhere + 1, sizeof *p->where);
    if (p->where == NULL)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "out of memory");
    for (size_t k = 0; k < p->opt->nwhere; k++) {
        const char *spec = p->opt->where[k];
        const char *option = p->opt->where_by && k >= p->opt->nwhere_given
                                 ? p->opt->where_by : "--where";
        const char *eq = strchr(spec, '=');
        if (eq == NULL || eq == spec)
            return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                                "%s %s: expected COLUMN=VALUE[,VALUE...]",
                                option, spec);
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(eq - spec), spec);
        ir_aggwhere *wc = &p->where[p->nwhere++];
        wc->column = ir_columns_find(&p->cols, name, p->path, option, err);
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

static void plan_free(ir_aggplan *p)
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

static void describe_columns(const ir_aggplan *p, char *buf, size_t cap)
{
    static const char *const labels[IR_NROLES] = {
        "origin", "destination", "weight", "year", "origin longitude",
        "origin latitude", "destination longitude", "destination latitude" };
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

static int build_plan(ir_aggplan *p, ir_error *err)
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
                                     o->year, o->origin_lon, o->origin_lat,
                                     o->dest_lon, o->dest_lat };
    if ((rc = ir_columns_assign(&p->cols, specs, p->path, err)))
        return rc;
    if ((o->origin_lon || o->dest_lon) && o->locator == NULL)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "coordinates given without boundaries to "
                            "locate them in");
    if (o->year_from && p->cols.role[IR_ROLE_YEAR] < 0)
        return ir_error_set(err, IR_EUSAGE, p->path, -1, NULL,
                            "--years needs a year column: none was found, "
                            "name it with --year COLUMN");
    if ((rc = parse_where(p, err)))
        return rc;
    for (size_t i = 0; i < ir_states_count(p->states) && !p->places; i++)
        p->places = ir_states_at(p->states, i)->kind == IR_STATE_PLACE;
    int n = p->cols.ncolumns;
    p->wanted = calloc((size_t)n, sizeof *p->wanted);
    p->slot = malloc((size_t)n * sizeof *p->slot);
    if (p->wanted == NULL || p->slot == NULL)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "out of memory");
    /* The year column is read even unfiltered when asked: a map says
     * which years it sums. */
    for (int r = 0; r < IR_NROLES; r++)
        if (p->cols.role[r] >= 0 &&
            (r != IR_ROLE_YEAR || o->year_from || o->count_years))
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

static int fill_report(const ir_aggworker *w, ir_aggregate_report *r)
{
    r->rows_read = w->rows_read;
    r->rows_kept = w->rows_kept;
    r->filtered_year = w->filtered_year;
    r->filtered_where = w->filtered_where;
    r->skipped_unknown = w->skipped;
    r->weight_kept = w->weight_kept;
    r->years_read = w->years_read;
    r->years_kept = w->years_kept;
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
static int merge_workers(ir_aggworker *a, const ir_aggworker *b)
{
    int status = ir_od_merge(a->od, b->od);
    if (status)
        return status;
    a->rows_read += b->rows_read;
    a->rows_kept += b->rows_kept;
    a->filtered_year += b->filtered_year;
    a->filtered_where += b->filtered_where;
    a->skipped += b->skipped;
    a->weight_kept += b->weight_kept;
    ir_years_merge(&a->years_read, &b->years_read);
    ir_years_merge(&a->years_kept, &b->years_kept);
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
    ir_aggplan p = { .path = path, .fd = -1, .states = states, .opt = opt };
    ir_aggworker *w1 = NULL, *w2 = NULL;
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
    if ((w1 = ir_aggworker_create(&p)) == NULL) {
        ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        goto done;
    }
    w1->progress = opt->progress;
    clock_gettime(CLOCK_MONOTONIC, &w1->started);
    w1->last_report = w1->started;
    w1->last_report.tv_sec -= 1; /* the first check reports at once */

    off_t start = p.cols.data_start, split = -1;
    if (opt->threads != 1 && p.size - start > SPLIT_MIN)
        split = next_line_start(p.fd, start + (p.size - start) / 2, p.size);
    if (split > 0 && (w2 = ir_aggworker_create(&p)) != NULL) {
        second_half half = { w2, split, p.size, 0, { 0 } };
        pthread_t thread;
        if (pthread_create(&thread, NULL, run_second_half, &half) != 0) {
            ir_aggworker_destroy(w2);
            w2 = NULL;
            split = -1;
        } else {
            w1->other = w2;
            int rc = ir_aggworker_scan(w1, start, split, p.cols.data_line, false,
                                 err);
            if (rc)
                atomic_store(&p.abort, true);
            pthread_join(thread, NULL);
            w1->other = NULL;
            if (rc)
                goto failed;
            /* The second half's bad rows are found again by the first
             * worker going on alone, with their line numbers. */
            bool full = w1->problems_total > IR_AGGREGATE_PROBLEMS;
            bool speculation_held = ir_csvscan_between_rows(w1->scan) &&
                                    half.rc == 0 && w2->nproblems == 0;
            if (full) {
                split = 0;  /* no need to read on */
            } else if (speculation_held) {
                int status = merge_workers(w1, w2);
                if (status) {
                    ir_error_set(err, status, path, -1, NULL, "%s",
                                 status == IR_EINTERNAL
                                     ? "out of memory"
                                     : "a pair's total passes 2^53 and "
                                       "would no longer be exact");
                    goto done;
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
        if (ir_aggworker_scan(w1, start, p.size, line, true, err))
            goto failed;
    }
    if (w1->nproblems > 0) {
        const ir_aggregate_problem *first = &w1->problems[0];
        memcpy(report->problems, w1->problems, sizeof w1->problems);
        report->nproblems = (size_t)w1->nproblems;
        report->problems_total = w1->problems_total;
        ir_error_line(err, IR_EINPUT, path, first->line,
                      *first->column ? first->column : NULL, "%s",
                      first->text);
        goto done;
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
    ir_aggworker_destroy(w1);
    ir_aggworker_destroy(w2);
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


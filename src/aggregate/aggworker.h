/*
 * aggworker: one aggregation worker: the state a scan of (part of) a trace
 * file needs, and the evaluation of each row.  Internal to aggregate.c,
 * which builds the shared plan and runs one worker per thread.
 *
 * Per row the work is a few hash lookups: every distinct spelling of a
 * state (or of a --where value) is resolved once and cached in a strmap,
 * so normalisation costs nothing after the first thousand rows.
 */
#ifndef IR_AGGWORKER_H
#define IR_AGGWORKER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "base/csvscan.h"
#include "base/strmap.h"
#include "load/states.h"
#include "load/textenc.h"
#include "aggopts.h"
#include "columns.h"
#include "od.h"

typedef struct ir_aggwhere {
    int column;
    char **values;       /* folded */
    size_t nvalues;
} ir_aggwhere;

/* What every worker shares, read-only once built. */
typedef struct ir_aggplan {
    const char *path;
    int fd;
    off_t size;
    ir_columns cols;
    const ir_states *states;
    const ir_aggregate_options *opt;
    ir_aggwhere *where;
    size_t nwhere;
    bool *wanted;
    int *slot;           /* column -> slot, or -1 */
    int nslots;
    bool latin;          /* decode fields from latin1/cp1252 */
    bool places;         /* the table holds places: messages name them */
    _Atomic bool abort;
} ir_aggplan;

typedef struct ir_aggfield {
    char *data;
    size_t len, cap;
} ir_aggfield;

typedef struct ir_aggworker {
    const ir_aggplan *p;
    ir_csvscan *scan;
    ir_od *od;
    ir_textenc *enc;
    ir_aggfield *fields;   /* one per slot */
    ir_strmap *cache[2]; /* origin, destination spellings */
    ir_strmap **where_cache;
    ir_strmap *unknown[2];
    long long rows_read, rows_kept, filtered_year, filtered_where, skipped;
    double weight_kept;
    ir_years years_read, years_kept;  /* of the year column, when there is
                                         one */
    /* bad rows recorded, the scan going on past them */
    ir_aggregate_problem problems[IR_AGGREGATE_PROBLEMS];
    int nproblems;
    long long problems_total;   /* one more than nproblems: stopped */
    bool fatal;                 /* the error is no row's to fix */
    /* error, formatted at the end */
    int status;
    long err_line;
    const char *err_column;
    char err_text[700];
    /* progress, for the first worker */
    const struct ir_aggworker *other;
    struct timespec last_report, started;
    bool progress;
} ir_aggworker;

ir_aggworker *ir_aggworker_create(const ir_aggplan *plan);
void ir_aggworker_destroy(ir_aggworker *w);

/* Scans [start, end) of the plan's file; finish completes the file's last
 * row.  Returns 0, or the error status, kept in the worker (err_* fields)
 * when it is the worker's own or set in err when the scanner's. */
int ir_aggworker_scan(ir_aggworker *w, off_t start, off_t end,
                      long first_line, bool finish, ir_error *err);

#endif

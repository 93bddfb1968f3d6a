/*
 * aggregate: trace records in, origin-destination weights out (the
 * aggregate stage).
 *
 * Streams one trace CSV (one row per traced firearm, or per group with a
 * count) and adds each kept row's weight to its (U.S. state -> Mexican
 * state) pair.  Columns are found by name, by 1-based index, or by common
 * English and Spanish header names; state names are normalised through the
 * state table; rows can be filtered by year and by column values.  Memory
 * grows with the number of distinct spellings and pairs, never with rows.
 * Large files are split between two threads (see aggregate.c).
 */
#ifndef IR_AGGREGATE_H
#define IR_AGGREGATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "load/states.h"
#include "aggopts.h"
#include "od.h"

/* A spelling that named no state, with --skip-unknown. */
typedef struct ir_unknown_value {
    char *value;
    const char *column;         /* "origin" or "destination" */
    long long rows;
} ir_unknown_value;

typedef struct ir_aggregate_report {
    long long rows_read;        /* data rows, header excluded */
    long long rows_kept;
    long long filtered_year, filtered_where, skipped_unknown;
    double weight_kept;         /* sum of the weights of kept rows */
    ir_years years_read, years_kept; /* of the year column, if it was
                                        read (a year filter, count_years) */
    char columns[512];          /* which columns were used, for a note */
    ir_unknown_value *unknown;  /* sorted by rows, most first */
    size_t nunknown;
    /* On failure for bad rows: the first of them in file order (the error
     * says the first), and how many there were in all. */
    ir_aggregate_problem problems[IR_AGGREGATE_PROBLEMS];
    size_t nproblems;
    long long problems_total;
} ir_aggregate_report;

/* Aggregates path ("-" for standard input) into a new OD table.  On
 * failure returns NULL with err naming file, line, column and value; for
 * bad rows, report->problems has the first IR_AGGREGATE_PROBLEMS. */
ir_od *ir_aggregate_file(const char *path, const ir_states *states,
                         const ir_aggregate_options *opt,
                         ir_aggregate_report *report, ir_error *err);

void ir_aggregate_report_free(ir_aggregate_report *report);

#endif

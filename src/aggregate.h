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

#include "diag.h"
#include "od.h"
#include "states.h"

typedef struct ir_aggregate_options {
    /* Column specs: a header name (any case, spaces trimmed) or a 1-based
     * index; NULL to detect from common header names. */
    const char *origin, *destination, *weight, *year;
    int year_from, year_to;     /* 0, 0: no year filter */
    const char *const *where;   /* "COLUMN=VALUE[,VALUE...]", all must hold */
    size_t nwhere;
    char delimiter;             /* 0: detect ',', ';' or tab */
    const char *encoding;       /* "utf-8" (NULL), "latin1" or "cp1252" */
    bool skip_unknown;          /* skip rows naming no known state */
    int threads;                /* 0: decide (1 or 2); 1: one thread */
    bool progress;              /* a progress line on stderr */
    bool no_fast_path;          /* every row through libcsv (tests) */
} ir_aggregate_options;

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
    char columns[512];          /* which columns were used, for a note */
    ir_unknown_value *unknown;  /* sorted by rows, most first */
    size_t nunknown;
} ir_aggregate_report;

/* Aggregates path ("-" for standard input) into a new OD table.  On
 * failure returns NULL with err naming file, line, column and value. */
ir_od *ir_aggregate_file(const char *path, const ir_states *states,
                         const ir_aggregate_options *opt,
                         ir_aggregate_report *report, ir_error *err);

void ir_aggregate_report_free(ir_aggregate_report *report);

/* Reads a year ("2019") or a period of years ("2015-2022") as trace files
 * and --years write them; returns 0, or -1 when the text is neither. */
int ir_aggregate_parse_period(const char *text, int *from, int *to);

/* Reads a --delimiter value: ",", ";" or "tab" (also "comma",
 * "semicolon", "\\t"); returns 0, or -1. */
int ir_aggregate_parse_delimiter(const char *text, char *delimiter);

#endif

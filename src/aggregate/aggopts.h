/*
 * aggopts: what an aggregation is told (aggregate stage): the columns,
 * filters and encoding of a trace file, and the readers of the period and
 * delimiter values the commands accept; and the parts of its report that
 * the row worker fills (the years seen, the bad rows).  Kept apart from
 * aggregate.h so that the row worker (aggworker.c) reads the options
 * without needing the module that runs it.
 */
#ifndef IR_AGGOPTS_H
#define IR_AGGOPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "load/locate.h"

typedef struct ir_aggregate_options {
    /* Column specs: a header name (any case, spaces trimmed) or a 1-based
     * index; NULL to detect from common header names. */
    const char *origin, *destination, *weight, *year;
    int year_from, year_to;     /* 0, 0: no year filter */
    const char *const *where;   /* "COLUMN=VALUE[,VALUE...]", all must hold */
    size_t nwhere;
    /* Clauses from nwhere_given on were made from another option
     * (--compare-by, a [panel]'s where), which messages name instead of
     * --where when where_by is set. */
    size_t nwhere_given;
    const char *where_by;
    char delimiter;             /* 0: detect ',', ';' or tab */
    const char *encoding;       /* "utf-8" (NULL), "latin1" or "cp1252" */
    bool skip_unknown;          /* skip rows naming no known state */
    int threads;                /* 0: decide (1 or 2); 1: one thread */
    bool progress;              /* a progress line on stderr */
    bool no_fast_path;          /* every row through libcsv (tests) */
    bool count_years;           /* note the years of the year column in the
                                   report even without a year filter (a
                                   field more a row: map, not aggregate) */
    /* Columns of each side's longitude and latitude (decimal degrees,
     * WGS 84), instead of its name column: each point counts for the
     * state or country it lies in, found by locator (or for itself, see
     * below). */
    const char *origin_lon, *origin_lat, *dest_lon, *dest_lat;
    const ir_locator *locator;
    /* A side given by coordinates alone whose points are places (added
     * by ir_trace_points_add), not counted for the state they lie in.
     * With a name column as well, the name finds the place. */
    bool origin_points, dest_points;
} ir_aggregate_options;

/* The years the rows of a trace file name in its year column: each year
 * from IR_YEARS_FIRST on that some row's year or period covers, whether
 * the rows name more than one period, and how many distinct texts name
 * none that reads. */
#define IR_YEARS_FIRST 1900
#define IR_YEARS_SPAN 256
typedef struct ir_years {
    uint64_t bits[IR_YEARS_SPAN / 64];
    int first_from, first_to;  /* the first period seen; 0 for none */
    bool several;              /* a period other than the first was seen */
    bool ranges;               /* some row names a period of several years */
    long long unread;
    /* The texts already added, so that the rows of a file of a few years
     * are read once each, not once a row. */
    char seen[32][16];
    int nseen;
} ir_years;

/* Adds a row's year text (len bytes) to y. */
void ir_years_add(ir_years *y, const char *text, size_t len);
/* Adds every year of from into into. */
void ir_years_merge(ir_years *into, const ir_years *from);
/* The first and last year covered (0, 0 for none). */
void ir_years_span(const ir_years *y, int *first, int *last);
/* The years covered, ascending, into out (at most cap); returns how many
 * there are in all. */
size_t ir_years_list(const ir_years *y, int *out, size_t cap);

/* A run reports the first IR_AGGREGATE_PROBLEMS bad rows before it
 * fails, so that a file is fixed in one go. */
#define IR_AGGREGATE_PROBLEMS 20
typedef struct ir_aggregate_problem {
    long line;
    char column[64];            /* the header's name, or "" */
    char text[700];
} ir_aggregate_problem;

/* Reads a year ("2019") or a period of years ("2015-2022") as trace files
 * and --years write them; returns 0, or -1 when the text is neither. */
int ir_aggregate_parse_period(const char *text, int *from, int *to);

/* Reads a --delimiter value: ",", ";" or "tab" (also "comma",
 * "semicolon", "\\t"); returns 0, or -1. */
int ir_aggregate_parse_delimiter(const char *text, char *delimiter);

#endif

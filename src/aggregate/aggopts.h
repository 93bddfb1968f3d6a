/*
 * aggopts: what an aggregation is told (aggregate stage): the columns,
 * filters and encoding of a trace file, and the readers of the period and
 * delimiter values the commands accept.  Kept apart from aggregate.h so
 * that the row worker (aggworker.c) reads the options without needing the
 * module that runs it.
 */
#ifndef IR_AGGOPTS_H
#define IR_AGGOPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "load/locate.h"

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

/* Reads a year ("2019") or a period of years ("2015-2022") as trace files
 * and --years write them; returns 0, or -1 when the text is neither. */
int ir_aggregate_parse_period(const char *text, int *from, int *to);

/* Reads a --delimiter value: ",", ";" or "tab" (also "comma",
 * "semicolon", "\\t"); returns 0, or -1. */
int ir_aggregate_parse_delimiter(const char *text, char *delimiter);

#endif

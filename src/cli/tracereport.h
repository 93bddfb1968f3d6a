/*
 * tracereport: what an aggregation of a trace file did, told to the user
 * (stderr) and, where it changes what a figure means, to its reader (the
 * figure's note): the rows read, kept and left out, the unknown places
 * --skip-unknown dropped, the years a figure sums, and which filter left
 * nothing to draw.
 */
#ifndef IR_TRACEREPORT_H
#define IR_TRACEREPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "aggregate/aggregate.h"
#include "traceopts.h"

/* "4 rows read, 2 kept, ...", then up to 20 unknown values, on stderr. */
void ir_trace_report_print(const ir_aggregate_report *r);

/* After the error of a run stopped by bad rows (which names the first):
 * the others it found, and how many there were, on stderr. */
void ir_trace_report_problems(const char *input,
                              const ir_aggregate_report *r);

/* An error naming the filter that kept no row of input (and what the
 * file has instead), or 0 when some row was kept. */
int ir_trace_report_empty(const char *input, const ir_trace_input *in,
                          const ir_aggregate_report *r, ir_error *err);

/* The sentences a figure's note needs, in lang ("en", "es"): the rows
 * --skip-unknown left out and, when sums_years, that the figure sums the
 * rows of several years or periods.  Returns the length written. */
size_t ir_trace_report_note(const ir_aggregate_report *r, bool sums_years,
                            const char *lang, char *buf, size_t cap);

#endif

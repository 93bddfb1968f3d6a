/*
 * tracepoints: the points of a trace file's coordinate columns, made
 * places, so that a dealer-level file draws one node per dealer (aggregate
 * stage, run before the aggregation itself).
 *
 * Two ways of giving them:
 *   - a name column and coordinates (--origin dealer_id --origin-lon ...
 *     --origin-lat ...): one place per distinct name, at its coordinates;
 *     a name met at two different points is an error naming both lines;
 *   - coordinates alone, drawn at place level: one place per distinct
 *     point, its id made from the parsed coordinates (ir_trace_point_id,
 *     so "-110.97" and "-110.970" are one point), named by them
 *     ("32.22° N, 110.97° W").
 * Each place is located in its state by locator (NULL: not located) and
 * keeps no country, as a places table's located places do.  One pass over
 * the file reads the side's two or three columns only; bad coordinates are
 * errors naming line and column, and nothing is added then.
 */
#ifndef IR_TRACEPOINTS_H
#define IR_TRACEPOINTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "load/locate.h"
#include "load/states.h"
#include "aggopts.h"

/* Adds the places of path's coordinate columns (those of opt, for the
 * sides whose points are places: a name column given too, or
 * opt->origin_points / dest_points) to states.  Returns 0 or an error
 * status. */
int ir_trace_points_add(ir_states *states, const char *path,
                        const ir_aggregate_options *opt,
                        const ir_locator *locator, ir_error *err);

/* The id of the place at (lon, lat), rounded to 1e-6 degrees, in a form
 * that state-name folding keeps distinct ("pt w110970000 n032220000");
 * returns its length. */
size_t ir_trace_point_id(double lon, double lat, char *buf, size_t cap);

#endif

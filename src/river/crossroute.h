/*
 * crossroute: the border crossings as river mode routes flows through
 * them (river stage): where each lies on the map, which one the input
 * says each flow took, and the routes drawn, as CSV.
 *
 * A trace or OD file may carry a column naming the crossing of each row,
 * by the id or the name of data/ports-of-entry.csv ("laredo",
 * "Nuevo Laredo–Laredo").  The rows of each crossing are aggregated apart
 * (the same columns, filters and state names as the whole file, plus that
 * crossing), so one flow can be split between crossings; weight of rows
 * that name none keeps to the shortest route.
 */
#ifndef IR_CROSSROUTE_H
#define IR_CROSSROUTE_H

#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"
#include "load/crossings.h"
#include "aggregate/aggregate.h"
#include "project/project.h"
#include "layout/flowmap.h"
#include "river.h"

/* Every crossing in map coordinates of proj, as an array of
 * ir_crossings_count points that the caller frees; NULL when one cannot
 * be projected (an error naming the crossings file and the crossing) or
 * memory runs out. */
ir_point *ir_crossroute_project(const ir_crossings *crossings,
                                const ir_projection *proj, ir_error *err);

/* Routes for the flows of `map` from `path`'s column `column` (a header
 * name or a 1-based index).  On success *routes (the caller frees it)
 * holds *n routes.  A value naming no crossing is an error naming the
 * file, line, column and value. */
int ir_crossroute_read(const char *path, const char *column,
                       const ir_states *states,
                       const ir_aggregate_options *agg,
                       const ir_crossings *crossings, const ir_flowmap *map,
                       ir_river_route **routes, size_t *n, ir_error *err);

/* The routes river mode drew, as CSV: one row per flow and crossing
 * (origin,destination,crossing,crossing_name,weight,routed_by), the
 * crossing by id and by name in `lang` ("en" or "es"), routed_by "data"
 * when the input named the crossing and "shortest route" when the rule
 * chose it. */
void ir_crossroute_write_csv(const ir_river *river,
                             const ir_crossings *crossings, const char *lang,
                             FILE *fp);

#endif

/*
 * traceopts: the options that read a trace file, shared by the commands
 * that take one (aggregate, map), so that both accept the same names with
 * the same meaning, on the command line and in spec files.
 */
#ifndef IR_TRACEOPTS_H
#define IR_TRACEOPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "load/states.h"
#include "load/locate.h"
#include "aggregate/aggregate.h"
#include "aggregate/rollup.h"
#include "boundaries.h"
#include "options.h"

typedef struct ir_trace_input {
    const char *origin, *destination, *weight, *year, *years;
    ir_opt_list where;
    const char *delimiter, *encoding, *states, *places;
    const char *origin_level, *dest_level;
    const char *origin_lon, *origin_lat, *dest_lon, *dest_lat;
    const char *origin_layer, *origin_key, *dest_layer, *dest_key;
    ir_opt_list unlocated;
    bool skip_unknown;
} ir_trace_input;

/* Option table entries for an ir_trace_input at offset BASE of a
 * command's settings struct. */
#define IR_TRACE_INPUT_OPTIONS(BASE)                                          \
    { "origin", 0, IR_OPT_STRING, (BASE) + offsetof(ir_trace_input, origin), \
      0, 0, NULL, "COL", "column of the U.S. state (name or 1-based index)" },\
    { "dest", 0, IR_OPT_STRING,                                               \
      (BASE) + offsetof(ir_trace_input, destination), 0, 0, NULL, "COL",      \
      "column of the Mexican state" },                                        \
    { "weight", 0, IR_OPT_STRING, (BASE) + offsetof(ir_trace_input, weight), \
      0, 0, NULL, "COL", "column of counts (default: each row counts 1)" },   \
    { "year", 0, IR_OPT_STRING, (BASE) + offsetof(ir_trace_input, year), 0,  \
      0, NULL, "COL", "column of years (\"2019\" or \"2019-2021\")" },        \
    { "years", 0, IR_OPT_STRING, (BASE) + offsetof(ir_trace_input, years),   \
      0, 0, NULL, "Y1-Y2", "keep rows whose year lies in Y1..Y2 (or one)" },  \
    { "where", 0, IR_OPT_LIST, (BASE) + offsetof(ir_trace_input, where), 0,  \
      0, NULL, "COL=V[,V]",                                                   \
      "keep rows whose COL is one of the values; repeatable, all must hold" },\
    { "delimiter", 0, IR_OPT_STRING,                                          \
      (BASE) + offsetof(ir_trace_input, delimiter), 0, 0, NULL, "D",          \
      "',', ';' or 'tab' (default: detected)" },                              \
    { "encoding", 0, IR_OPT_STRING,                                           \
      (BASE) + offsetof(ir_trace_input, encoding), 0, 0, NULL, "E",           \
      "utf-8 (default), latin1 or cp1252" },                                  \
    { "skip-unknown", 0, IR_OPT_FLAG,                                         \
      (BASE) + offsetof(ir_trace_input, skip_unknown), 0, 0, NULL, NULL,      \
      "leave out rows naming no known state, and count them" },               \
    { "states", 0, IR_OPT_PATH, (BASE) + offsetof(ir_trace_input, states),   \
      0, 0, NULL, "FILE.csv", "state table (default: data/states.csv)" },     \
    { "places", 0, IR_OPT_PATH, (BASE) + offsetof(ir_trace_input, places),   \
      0, 0, NULL, "FILE.csv", "places of your own (dealers, cities, "         \
      "counties): id,name[,name_es],lon,lat[,kind][,parent]; trace rows "     \
      "name them by id" },                                                    \
    { "origin-lon", 0, IR_OPT_STRING,                                         \
      (BASE) + offsetof(ir_trace_input, origin_lon), 0, 0, NULL, "COL",       \
      "column of each origin's longitude, with --origin-lat: each point a "   \
      "node (with --origin too, the place it names), or with --origin-level " \
      "state counted for the state it lies in" },                             \
    { "origin-lat", 0, IR_OPT_STRING,                                         \
      (BASE) + offsetof(ir_trace_input, origin_lat), 0, 0, NULL, "COL",       \
      "column of each origin's latitude" },                                   \
    { "dest-lon", 0, IR_OPT_STRING,                                           \
      (BASE) + offsetof(ir_trace_input, dest_lon), 0, 0, NULL, "COL",         \
      "the same for destinations, with --dest-lat" },                         \
    { "dest-lat", 0, IR_OPT_STRING,                                           \
      (BASE) + offsetof(ir_trace_input, dest_lat), 0, 0, NULL, "COL",         \
      "column of each destination's latitude" },                              \
    { "origin-layer", 0, IR_OPT_PATH,                                         \
      (BASE) + offsetof(ir_trace_input, origin_layer), 0, 0, NULL,            \
      "FILE.shp", "polygons as places (U.S. counties): each a node at its "   \
      "pole, named by --origin-key" },                                        \
    { "origin-key", 0, IR_OPT_STRING,                                         \
      (BASE) + offsetof(ir_trace_input, origin_key), 0, 0, NULL, "FIELD",     \
      "the field of --origin-layer that trace rows name places by (GEOID)" }, \
    { "dest-layer", 0, IR_OPT_PATH,                                           \
      (BASE) + offsetof(ir_trace_input, dest_layer), 0, 0, NULL, "FILE.shp",  \
      "the same for destinations (Mexican municipalities)" },                 \
    { "dest-key", 0, IR_OPT_STRING,                                           \
      (BASE) + offsetof(ir_trace_input, dest_key), 0, 0, NULL, "FIELD",       \
      "the field of --dest-layer that trace rows name places by (CVEGEO)" },  \
    { "origin-level", 0, IR_OPT_STRING,                                       \
      (BASE) + offsetof(ir_trace_input, origin_level), 0, 0, NULL,            \
      "place|county|state|country", "count each origin as given (default), " \
      "for the polygon of --origin-layer its point lies in (county), for "    \
      "the state its place lies in, or for its country" },                    \
    { "dest-level", 0, IR_OPT_STRING,                                         \
      (BASE) + offsetof(ir_trace_input, dest_level), 0, 0, NULL,              \
      "place|municipality|state|country", "the same for destinations" },      \
    { "unlocated", 0, IR_OPT_LIST,                                            \
      (BASE) + offsetof(ir_trace_input, unlocated), 0, 0, NULL,               \
      "VALUE[=SHOWN]", "an origin without a place (\"Other states\"): rows "  \
      "naming VALUE count for it, and a map draws it from the edge, "          \
      "labelled SHOWN (default VALUE); repeatable" }

/* Fills the aggregator's options from the command's; -- years and
 * --delimiter are checked here.  The strings stay owned by the input. */
int ir_trace_input_apply(const ir_trace_input *in, ir_aggregate_options *out,
                         ir_error *err);

/* Declares the input's origins without a place, and adds its places
 * table, layers of places (loaded as bounds says: strict, quiet) and the
 * points of its coordinate columns that are places (agg, from
 * ir_trace_input_apply), in the state table, places without a parent
 * located by locator (may be NULL); call right after loading it. */
int ir_trace_input_declare(const ir_trace_input *in, const char *input,
                           const ir_aggregate_options *agg,
                           ir_states *states, const ir_locator *locator,
                           const ir_boundary_input *bounds, ir_error *err);

/* Whether the input needs boundaries to locate points in: a places table,
 * a layer of places or coordinate columns. */
bool ir_trace_input_locates(const ir_trace_input *in);

/* The levels --origin-level and --dest-level ask for; an unknown one is
 * an error naming the option. */
int ir_trace_input_levels(const ir_trace_input *in, ir_level *origin,
                          ir_level *dest, ir_error *err);

/* Rolls *od up to the levels asked for, in place (nothing to do at
 * place level); places left out with --skip-unknown are noted on stderr
 * unless quiet. */
int ir_trace_input_rollup(const ir_trace_input *in, ir_od **od,
                          const ir_states *states, bool quiet,
                          ir_error *err);

#endif

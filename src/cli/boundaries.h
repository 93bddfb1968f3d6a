/*
 * boundaries: the shapefiles a command draws and locates in, as options
 * map and aggregate share (the names basemap uses): the state layers, the
 * neighbouring countries, the lakes; each the shipped file unless given.
 *
 * A user's layer may cover part of a country (Texas counties merged into
 * Texas, the border states alone): what it covers is drawn, and the map
 * says which flows have no boundary to be drawn in.
 */
#ifndef IR_BOUNDARIES_H
#define IR_BOUNDARIES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "load/layer.h"
#include "load/states.h"
#include "options.h"

typedef struct ir_boundary_input {
    ir_opt_list shapes;
    const char *name_field, *code_field;
    const char *context, *lakes;
    bool no_context, no_lakes;
    bool strict;          /* a file that lies or is damaged is an error */
    bool quiet;           /* set by the command: no notes */
} ir_boundary_input;

#define IR_BOUNDARY_OPTIONS(BASE)                                             \
    { "shapes", 0, IR_OPT_PATH_LIST, (BASE) + offsetof(ir_boundary_input, shapes),\
      0, 0, NULL, "FILE.shp", "state boundaries, any CRS (repeatable; "       \
      "default: the shipped U.S. and Mexican states)" },                      \
    { "name-field", 0, IR_OPT_STRING,                                         \
      (BASE) + offsetof(ir_boundary_input, name_field), 0, 0, NULL, "F",      \
      "DBF field of --shapes holding state names" },                          \
    { "code-field", 0, IR_OPT_STRING,                                         \
      (BASE) + offsetof(ir_boundary_input, code_field), 0, 0, NULL, "F",      \
      "DBF field of --shapes holding state codes (ISO, USPS, CVE_ENT, "       \
      "STATEFP)" },                                                           \
    { "context", 0, IR_OPT_PATH,                                              \
      (BASE) + offsetof(ir_boundary_input, context), 0, 0, NULL, "FILE.shp",  \
      "neighbouring countries, also the outlines of Guatemala, Belize, El "   \
      "Salvador and Honduras (default: shipped)" },                           \
    { "no-context", 0, IR_OPT_FLAG,                                           \
      (BASE) + offsetof(ir_boundary_input, no_context), 0, 0, NULL, NULL,     \
      "draw no neighbouring countries" },                                     \
    { "lakes", 0, IR_OPT_PATH, (BASE) + offsetof(ir_boundary_input, lakes),  \
      0, 0, NULL, "FILE.shp", "lakes drawn as water (default: shipped)" },    \
    { "no-lakes", 0, IR_OPT_FLAG,                                             \
      (BASE) + offsetof(ir_boundary_input, no_lakes), 0, 0, NULL, NULL,       \
      "draw no lakes" },                                                      \
    { "strict", 0, IR_OPT_FLAG,                                               \
      (BASE) + offsetof(ir_boundary_input, strict), 0, 0, NULL, NULL,         \
      "a shapefile that lies (.cpg, empty .prj) or is damaged (Null "        \
      "shapes, zero-filled parts, bad bounding boxes) stops the run "        \
      "instead of being read with a note" }

typedef struct ir_boundaries {
    ir_layer *state[IR_OPTIONS_MAX_LIST];
    size_t nstate;
    ir_layer *context, *lakes;   /* NULL when not wanted */
} ir_boundaries;

/* Loads what in names, the shipped files for what it does not; lakes
 * only when with_lakes.  States a state layer puts far from where they
 * are are left out of it, with a note (ir_statecheck_layer).  On failure
 * what was loaded is freed. */
int ir_boundaries_load(const ir_boundary_input *in, bool with_lakes,
                       const ir_states *states, ir_boundaries *b,
                       ir_error *err);
void ir_boundaries_free(ir_boundaries *b);

/* Says the layer's notes on stderr, each after the file's name. */
void ir_boundaries_say(const ir_layer *layer);

/* A layer of the user's, loaded with the boundary options' strictness,
 * and its notes said unless quiet. */
ir_layer *ir_boundaries_load_layer(const ir_boundary_input *in,
                                   const char *path,
                                   const ir_layer_options *opt,
                                   ir_error *err);

#endif

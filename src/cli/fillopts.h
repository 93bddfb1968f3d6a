/*
 * fillopts: what the map command draws under its flows (--fill): the
 * option rows, spliced into the map command's table as pageopts' are, and
 * the choropleth they make.
 */
#ifndef IR_FILLOPTS_H
#define IR_FILLOPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "load/layer.h"
#include "load/locate.h"
#include "load/statevalues.h"
#include "layout/choropleth.h"
#include "layout/flowmap.h"
#include "layout/symbols.h"
#include "options.h"
#include "traceopts.h"

typedef struct ir_fill_settings {
    const char *file;             /* place,value CSV; NULL: no fill */
    const char *place, *value;    /* its columns */
    int method, classes, palette;
    int as;                       /* 0 shade (choropleth), 1 symbols */
    const char *breaks;           /* "1000,2000,3000" */
    const char *title, *source, *no_data;
    const char *layer, *key;      /* polygons of the user's, by a field */
} ir_fill_settings;

extern const char *const ir_fill_methods[], *const ir_fill_palettes[],
    *const ir_fill_as[];

#define IR_FILL_OPTIONS(BASE)                                                  \
    { "fill", 0, IR_OPT_PATH, (BASE) + offsetof(ir_fill_settings, file), 0, 0, \
      NULL, "FILE.csv", "a value per state (columns place,value) shown as "    \
      "the states' shading under the flows" },                                 \
    { "fill-as", 0, IR_OPT_CHOICE, (BASE) + offsetof(ir_fill_settings, as),  \
      0, 0, ir_fill_as, "shade|symbols", "the values as the states' "         \
      "shading (default), or as circles of proportional area" },              \
    { "fill-place", 0, IR_OPT_STRING,                                          \
      (BASE) + offsetof(ir_fill_settings, place), 0, 0, NULL, "COL",           \
      "--fill's place column (default: place, state, mx_state, ...)" },       \
    { "fill-value", 0, IR_OPT_STRING,                                          \
      (BASE) + offsetof(ir_fill_settings, value), 0, 0, NULL, "COL",           \
      "--fill's value column (default: value, else count)" },                 \
    { "fill-method", 0, IR_OPT_CHOICE,                                         \
      (BASE) + offsetof(ir_fill_settings, method), 0, 0, ir_fill_methods,      \
      "jenks|quantiles|equal", "how the classes are cut (default jenks: "      \
      "natural breaks)" },                                                     \
    { "fill-classes", 0, IR_OPT_INT,                                           \
      (BASE) + offsetof(ir_fill_settings, classes), 1, IR_CLASSES_MAX, NULL,  \
      "N", "number of classes, 1 to 9 (default 5)" },                         \
    { "breaks", 0, IR_OPT_STRING, (BASE) + offsetof(ir_fill_settings, breaks), \
      0, 0, NULL, "B1,B2,...", "the classes' upper bounds, instead of "       \
      "--fill-method" },                                                       \
    { "fill-palette", 0, IR_OPT_CHOICE,                                        \
      (BASE) + offsetof(ir_fill_settings, palette), 0, 0, ir_fill_palettes,    \
      "purples|greys|blues", "ColorBrewer scheme of the classes (default "   \
      "purples: apart from every flow colour)" },                             \
    { "fill-title", 0, IR_OPT_STRING,                                          \
      (BASE) + offsetof(ir_fill_settings, title), 0, 0, NULL, "TEXT",          \
      "the fill's heading in the legend" },                                    \
    { "fill-source", 0, IR_OPT_STRING,                                         \
      (BASE) + offsetof(ir_fill_settings, source), 0, 0, NULL, "TEXT",         \
      "the fill's citation, put after --source in the note" },                \
    { "fill-no-data", 0, IR_OPT_STRING,                                        \
      (BASE) + offsetof(ir_fill_settings, no_data), 0, 0, NULL, "TEXT",        \
      "legend label of states without a value (default: No data)" },          \
    { "fill-layer", 0, IR_OPT_PATH,                                            \
      (BASE) + offsetof(ir_fill_settings, layer), 0, 0, NULL, "FILE.shp",      \
      "shade the polygons of this layer (counties, municipalities) instead " \
      "of states: --fill names them by --fill-key" },                        \
    { "fill-key", 0, IR_OPT_STRING, (BASE) + offsetof(ir_fill_settings, key), \
      0, 0, NULL, "FIELD", "the field of --fill-layer that --fill names its " \
      "polygons by (GEOID, CVEGEO)" }

/* --fill-layer: the layer loaded (*layer, NULL without the option) and
 * its polygons added to states as places, unless the trace input's
 * --origin-layer or --dest-layer added them already; call with the trace
 * input's places, before any state is looked up. */
int ir_fill_declare(const ir_fill_settings *f, const ir_trace_input *in,
                    ir_states *states, const ir_locator *locator,
                    const ir_boundary_input *bounds, ir_layer **layer,
                    ir_error *err);

/* The fill's values and classes (the classes NULL for --fill-as
 * symbols), or both NULL when no --fill is given; areas is the
 * --fill-layer (or NULL: the values are of states).
 * Returns 0, or an error naming the file, line and column, or the
 * option. */
int ir_fill_create(const ir_fill_settings *f, const ir_states *states,
                   const ir_layer *areas, const char *lang, unsigned land,
                   ir_state_values **values, ir_choropleth **fill,
                   ir_error *err);

/* Says on stderr which flow colours lie too near a class of the fill to
 * be told from the states they cross (CIELAB difference under 20), and
 * which palette to use instead. */
void ir_fill_check_flows(const ir_choropleth *fill,
                         const ir_fill_settings *f, const ir_flowmap *map);

/* The fill in a sentence for the text alternative: its title, the three
 * highest states and what the hatching means, in the figure's language. */
void ir_fill_describe(const ir_fill_settings *f, const ir_state_values *values,
                      const ir_choropleth *fill, const char *lang, char *buf,
                      size_t cap);

/* The proportional circles of --fill-as symbols for this frame (NULL
 * with err untouched in shade mode); a state of the file that is not on
 * the map is said on stderr unless quiet. */
ir_symbols *ir_fill_symbols(const ir_fill_settings *f,
                            const ir_state_values *values,
                            const ir_states *states,
                            const ir_anchors *anchors, const ir_frame *frame,
                            bool quiet, ir_error *err);

/* Says on stderr which states of the fill file the map does not show
 * (Alaska without --alaska): they are in no class and no circle. */
void ir_fill_check_states(const ir_state_values *values,
                          const ir_states *states, const ir_anchors *anchors);

/* The note's source: the flows' citation, then the fill's. */
void ir_fill_source(const ir_fill_settings *f, const char *source, char *buf,
                    size_t cap);

#endif

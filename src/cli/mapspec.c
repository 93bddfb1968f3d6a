/*
 * mapspec: the map command's settings and options.  See mapspec.h.
 */
#include "mapspec.h"

#include <stddef.h>

#include "base/pool.h"

const char *const ir_map_langs[] = { "en", "es", NULL };
static const char *const color_bys[] = { "origin", "destination", "weight",
                                         "none", NULL };
static const char *const folds[] = { "auto", "thin", "none", NULL };
static const char *const modes[] = { "flows", "river", NULL };
static const char *const panel_keys[] = { "title", "where", "years", NULL };
static const char *const fits[] = { "all", "flows", NULL };
static const char *const flow_label_kinds[] = { "none", "count", "share",
                                                "both", NULL };

static const char *const presets[] = { "none", "report", "press", "slide",
                                       NULL };


const figure_size ir_map_preset_sizes[4][2] = {
    { { 0, 0, 0 }, { 0, 0, 0 } },
    { { 1950, 1350, 300 }, { 0, 0, 0 } },
    { { 1200, 675, 150 }, { 1080, 1080, 150 } },
    { { 1920, 1080, 192 }, { 0, 0, 0 } },
};

#define F(field) offsetof(map_settings, field)
const ir_option ir_map_options[] = {
    { "config", 'c', IR_OPT_STRING, F(config), 0, 0, NULL, "FILE.ini",
      "read options from a spec file (command-line options win)" },
    { "output", 'o', IR_OPT_LIST, F(outputs), 0, 0, NULL, "FILE",
      "figure to write: .svg, .png, .pdf or .html (repeatable)" },
    { "format", 0, IR_OPT_STRING, F(format), 0, 0, NULL, "F",
      "svg, png, pdf or html, overriding the extension" },
    { "title", 0, IR_OPT_STRING, F(title), 0, 0, NULL, "TEXT", "title" },
    { "subtitle", 0, IR_OPT_STRING, F(subtitle), 0, 0, NULL, "TEXT",
      "subtitle" },
    { "source", 0, IR_OPT_STRING, F(source), 0, 0, NULL, "TEXT",
      "source note (the data citation)" },
    { "legend-title", 0, IR_OPT_STRING, F(legend_title), 0, 0, NULL, "TEXT",
      "legend heading (default: firearms traced)" },
    { "lang", 0, IR_OPT_CHOICE, F(lang), 0, 0, ir_map_langs, "en|es",
      "language of names and numbers" },
    { "top", 0, IR_OPT_INT, F(top), 0, 100000, NULL, "N",
      "draw only the N largest flows" },
    { "min-weight", 0, IR_OPT_DOUBLE, F(min_weight), 0, 1e15, NULL, "W",
      "leave out flows lighter than W" },
    { "max-width", 0, IR_OPT_DOUBLE, F(max_width), 0.5, 200, NULL, "PT",
      "width of the largest flow in points (default: 1.6% of the page width)" },
    { "min-width", 0, IR_OPT_DOUBLE, F(min_width), 0.1, 20, NULL, "PT",
      "narrowest flow in points (default 0.8)" },
    { "scale", 0, IR_OPT_DOUBLE, F(scale), 0, 1e6, NULL, "PT",
      "points of width per unit of weight: a fixed scale shared by figures" },
    { "bend", 0, IR_OPT_DOUBLE, F(bend), 0, 1, NULL, "SHARE",
      "sideways bend of the longest flows, share of their length (0.18)" },
    { "color-by", 0, IR_OPT_CHOICE, F(color_by), 0, 0, color_bys,
      "origin|destination|weight|none", "what flow colours show" },
    { "cluster", 0, IR_OPT_STRING, F(cluster), 0, 0, NULL, "PX|auto|none",
      "merge places of a places table closer than PX pixels into one node "
      "(default auto: 2% of the page's shorter side, and nodes that would "
      "overlap)" },
    { "color", 0, IR_OPT_LIST, F(colors), 0, 0, NULL, "KEY=#RRGGBB",
      "pin a state's or place's flow colour (repeatable): the same in every "
      "figure of a series" },
    { "fold", 0, IR_OPT_CHOICE, F(fold), 0, 0, folds, "auto|thin|none",
      "flows thinner than --min-width are not drawn but counted in their "
      "destination's total (auto: on maps of places of your own)" },
    { "labels", 0, IR_OPT_INT, F(labels), 0, 100, NULL, "N",
      "label the N largest origins and destinations (default: the 6 "
      "largest and every other with 2.5% or more of its side)" },
    IR_PAGE_OPTIONS(F(page)),
    IR_FILL_OPTIONS(F(fill)),
    { "nodes", 0, IR_OPT_PATH, F(nodes), 0, 0, NULL, "FILE.csv",
      "node positions (iso,lon,lat) replacing the computed ones" },
    { "mode", 0, IR_OPT_CHOICE, F(mode), 0, 0, modes, "flows|river",
      "flow map, or river mode: flows merge into trees through border "
      "crossings" },
    { "crossings", 0, IR_OPT_PATH, F(crossings), 0, 0, NULL, "FILE.csv",
      "border crossings for river mode (default data/ports-of-entry.csv)" },
    { "crossing", 0, IR_OPT_STRING, F(crossing), 0, 0, NULL, "COL",
      "river mode: the input's column naming each row's crossing (id or "
      "name); rows without one take a crossing near their shortest route" },
    { "fit", 0, IR_OPT_CHOICE, F(fit), 0, 0, fits, "all|flows",
      "map extent: the conterminous U.S. and Mexico, or the flows' nodes "
      "with room around them" },
    IR_TRACE_INPUT_OPTIONS(F(in)),
    IR_BOUNDARY_OPTIONS(F(bounds)),
    { "preset", 0, IR_OPT_CHOICE, F(preset), 0, 0, presets,
      "report|press|slide", "figure sizes: report (300 dpi print), press "
      "(1200x675 and 1080x1080, one file each), slide (1920x1080)" },
    { "flows-csv", 0, IR_OPT_STRING, F(flows_csv), 0, 0, NULL, "FILE.csv",
      "also write the flows drawn, with their weights and widths" },
    { "alt-text", 0, IR_OPT_STRING, F(alt_text), 0, 0, NULL, "FILE.txt",
      "also write a short text alternative for the figure" },
    { "input", 0, IR_OPT_PATH, F(input), 0, 0, NULL, "FILE.csv",
      "the OD table or trace file (instead of the argument; in a spec file, "
      "relative to it)" },
    { "out-dir", 0, IR_OPT_STRING, F(out_dir), 0, 0, NULL, "DIR",
      "folder for outputs named without one" },
    { "flow-labels", 0, IR_OPT_CHOICE, F(flow_labels), 0, 0, flow_label_kinds,
      "none|count|share|both", "label each flow with its count, its share, "
      "or both" },
    { "names-only", 0, IR_OPT_FLAG, F(names_only), 0, 0, NULL, NULL,
      "label nodes with their names, without totals" },
    { "totals", 0, IR_OPT_PATH, F(totals), 0, 0, NULL, "FILE.csv",
      "named totals (columns measure, count) for --share-of" },
    { "share-of", 0, IR_OPT_STRING, F(share_of), 0, 0, NULL, "N|MEASURE",
      "the total that shares are of: a number, or a measure of --totals "
      "(default: all flows of the input)" },
    { "share-also", 0, IR_OPT_STRING, F(share_also), 0, 0, NULL, "N|MEASURE",
      "a second total for the share note's {total2} and {share2}" },
    { "share-note", 0, IR_OPT_STRING, F(share_note), 0, 0, NULL, "TEXT",
      "a sentence put before the source note, with {flows}, {drawn}, "
      "{total}, {share}, {total2} and {share2} filled in" },
    { "panel-by", 0, IR_OPT_STRING, F(panel_by), 0, 0, NULL, "COL",
      "one panel per value of the input's column COL (a year, a period), "
      "side by side on one scale, one extent and one legend" },
    { "panel-title", 0, IR_OPT_LIST, F(panel_titles), 0, 0, NULL,
      "VALUE=TEXT", "the heading of the panel of VALUE (repeatable; "
      "default: the value)" },
    { "panel", 0, IR_OPT_SECTION, F(panels), 0, 0, panel_keys, "LABEL",
      "spec files: a panel of its own filters, instead of --panel-by; "
      "keys title, where = COL=V (repeatable) and years = Y1-Y2" },
    { "panel-grid", 0, IR_OPT_STRING, F(panel_grid), 0, 0, NULL, "CxR",
      "the panels' columns and rows (default: the grid that draws the "
      "maps largest)" },
    { "compare", 0, IR_OPT_STRING, F(compare), 0, 0, NULL, "A,B",
      "one map of the change from period A to period B: widths the larger "
      "of the two, colours the change, new and gone flows outlined; A and "
      "B are years or periods (2016-2018) of the year column, or values of "
      "--compare-by; --panel-title names them" },
    { "compare-by", 0, IR_OPT_STRING, F(compare_by), 0, 0, NULL, "COL",
      "the column whose values --compare names (default: the years)" },
    { "threads", 0, IR_OPT_INT, F(threads), 1, IR_THREADS_MAX, NULL, "N",
      "cores for the lay-out and for drawing, 1 to 64 (default: every "
      "core); the same bytes for any N" },
    { "quiet", 'q', IR_OPT_FLAG, F(quiet), 0, 0, NULL, NULL,
      "no notes on stderr" },
    { NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL }
};
#undef F

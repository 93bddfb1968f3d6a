/*
 * mapspec: everything the map command can be told: the settings struct,
 * the one option table that the command line, spec files and --help all
 * read, and the presets' figure sizes.
 */
#ifndef IR_MAPSPEC_H
#define IR_MAPSPEC_H

#include <stdbool.h>

#include "boundaries.h"
#include "fillopts.h"
#include "options.h"
#include "pageopts.h"
#include "traceopts.h"

typedef struct map_settings {
    const char *config;
    ir_opt_list outputs;
    const char *format;
    ir_trace_input in;
    ir_boundary_input bounds;
    const char *title, *subtitle, *source, *legend_title;
    int lang;
    int top, labels, color_by;
    double min_weight, max_width, min_width, scale, bend;
    ir_page_options page;
    const char *nodes;
    bool quiet;
    int preset;
    const char *flows_csv, *alt_text;
    const char *input, *out_dir;
    int flow_labels;
    bool names_only;
    const char *totals, *share_of, *share_also, *share_note;
    int fit;
    double share_total;    /* share_of resolved; 0: all flows */
    int mode;
    const char *crossings, *crossing;
    int threads;
    const char *cluster;   /* "auto", "none" or pixels */
    int fold;              /* 0 auto, 1 always, 2 never */
    ir_opt_list colors;    /* --color KEY=#RRGGBB */
    double cluster_px;     /* cluster resolved: -1 auto, 0 none */
    ir_fill_settings fill; /* --fill: a value per state under the flows */
    const char *fill_alt;  /* the fill in words, for the text alternative */
    const char *panel_by;  /* a column: one panel per value */
    const char *panel_grid;/* "CxR" */
    ir_opt_list panel_titles; /* VALUE=TEXT; also names --compare's */
    ir_opt_sections panels;   /* [panel LABEL]: title, where, years */
    const char *compare;   /* "A,B": a map of the change from A to B */
    const char *compare_by;/* the column A and B are values of; NULL:
                              they are years or periods of years */
    const char *periods[2];/* --compare resolved: the periods' headings */
    double period_totals[2];
} map_settings;

/* Figure sizes of each preset: report, a print figure 6.5 x 4.5 inches at
 * 300 dpi (PNG and PDF); press, the two shapes news sites and social media
 * crop to; slide, a 16:9 slide at 10 inches wide. */
typedef struct figure_size {
    int width, height;
    double dpi;
} figure_size;

extern const char *const ir_map_langs[];
extern const figure_size ir_map_preset_sizes[4][2];
extern const ir_option ir_map_options[];

#endif

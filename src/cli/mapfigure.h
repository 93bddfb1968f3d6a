/*
 * mapfigure: one figure of the map command as cmd_map lays it out, shared
 * with mappanels, which lays out several on one page.
 */
#ifndef IR_MAPFIGURE_H
#define IR_MAPFIGURE_H

#include <stdbool.h>
#include <stdio.h>

#include "aggregate/aggregate.h"
#include "aggregate/odchange.h"
#include "load/crossings.h"
#include "load/statevalues.h"
#include "layout/anchors.h"
#include "layout/choropleth.h"
#include "layout/flowmap.h"
#include "layout/labels.h"
#include "layout/page.h"
#include "layout/palette.h"
#include "layout/symbols.h"
#include "river/river.h"
#include "render/figtext.h"
#include "render/render.h"
#include "mapout.h"
#include "mapspec.h"

/* What a panel of a figure of several takes from the figure: its heading,
 * the one width and node scale of all panels, their one extent, and
 * whether it keys the legend. */
typedef struct panel_spec {
    const char *heading;
    bool legend;
    double max_width, scale, legend_max, node_max;
    double bounds[4];
    double top_min;        /* the lowest top of any panel's map, so that
                              all stay level (ir_figure) */
    /* River mode, once every panel was laid out once: the scale is the
     * busiest trunk's of any panel (river_fixed), and each crossing has
     * the colour of its rank in all panels' traffic, busiest first in
     * crossing_order. */
    bool river_fixed;
    const int *crossing_colors;
    const int *crossing_order;
    size_t ncrossing_order;
} panel_spec;

/* The inputs every figure size shares. */
typedef struct map_inputs {
    const map_settings *s;
    const ir_states *states;
    ir_od *od;
    ir_atlas *atlas;        /* thinned for each figure's frame */
    const ir_anchors *anchors;
    double share_of;       /* the total shares are of; 0: all flows */
    double share_also;     /* a second total for the share note */
    const ir_crossings *crossings;  /* river mode */
    const ir_point *crossing_xy;    /* their map coordinates */
    const char *input;
    const ir_aggregate_options *agg;
    const ir_color_pin *pins;       /* --color */
    size_t npins;
    const ir_choropleth *fill;      /* --fill, or NULL */
    const ir_state_values *fill_values;
    const panel_spec *panel;        /* laying out one panel, or NULL */
    const ir_od_change *change;     /* --compare: od is its larger weights */
} map_inputs;


/* What the files beside a figure are written from. */
typedef struct beside {
    const ir_flowmap *map;
    const ir_river *river;          /* river mode, else NULL */
    const ir_crossings *crossings;
    const map_settings *s;
    const ir_frame *frame;
    const char *note;
} beside;

/* One figure (or panel) laid out: everything its drawing reads. */
typedef struct figure_job {
    ir_frame frame;
    ir_figure fig;
    double rect[4];
    ir_flowmap *map;
    ir_labels *labels;
    ir_river *river;
    ir_symbols *symbols;
    const char *const *crossing_names;
    const char *names[256];          /* river mode: the crossings' */
    char short_names[256][96];
    ir_basemap_style style;
    char note[2048];
    const int *crossing_colors;      /* river panels: see panel_spec */
    const char *key_names[8];        /* the colour key's rows */
    int key_colors[8];
    char key_title[160];
} figure_job;

/* The words of the figure, as the settings give them. */
ir_figtext ir_map_figtext(const map_settings *s, double share_of,
                          double share_also);

/* The flows drawn, for the file beside the figure. */
void ir_map_write_flows_csv(FILE *fp, const beside *b);

/* Writes a file beside the figure through write, under a temporary name
 * that out puts in place with the figures. */
int ir_map_open_beside(ir_map_outputs *out, const char *path,
                       void (*write)(FILE *, const beside *), const beside *b,
                       ir_error *err);

/* Lays out one figure size, or one panel (in->panel), into job; on
 * failure job holds nothing. */
int ir_map_lay_out(const map_inputs *in, const figure_size *size,
                   bool write_beside, figure_job *job, ir_error *err);
void ir_map_job_free(figure_job *job);

/* A canvas of the size for every output, added to out, each carrying
 * the figure's title, its text alternative alt (may be NULL) and source. */
int ir_map_open_canvases(const map_settings *s, const figure_size *size,
                         const char *suffix, const char *alt,
                         ir_map_outputs *out, ir_error *err);

/* What write writes to a stream, as a string without its last newline
 * (malloc'd; NULL when memory runs out). */
char *ir_map_text(void (*write)(FILE *fp, const void *arg), const void *arg);

/* Lays out and renders one figure size into every output. */
int ir_map_draw_figure(const map_inputs *in, const figure_size *size,
                       const char *suffix, ir_map_outputs *out,
                       bool write_beside, ir_error *err);

/* The run's input aggregated with more filters (COL=VALUE clauses made
 * from the option where_by, which errors about them name, and the years
 * from..to unless from is 0); a part the filters leave empty is an error
 * that names it: "<what> '<label>' has no rows ...". */
int ir_map_aggregate_part(const map_inputs *in, const char *what,
                          const char *label, const char *const *where,
                          size_t nwhere, const char *where_by, int year_from,
                          int year_to, ir_od **od, ir_error *err);

/* A panel's or a period's heading: its --panel-title, else the value, a
 * period of years with an en dash ("2015\u20132022"); in buf, or the
 * title's own text. */
const char *ir_map_heading(const map_settings *s, const char *value,
                           char *buf, size_t cap);

/* --compare A,B: one map of the change (mapcompare.c). */
int ir_map_draw_compare(const map_inputs *in, const figure_size *size,
                        const char *suffix, ir_map_outputs *out,
                        bool write_beside, ir_error *err);

/* --panel-by or [panel] sections: the figure of one panel per value or
 * section (mappanels.c). */
int ir_map_draw_panels(const map_inputs *in, const figure_size *size,
                       const char *suffix, ir_map_outputs *out,
                       bool write_beside, ir_error *err);

#endif

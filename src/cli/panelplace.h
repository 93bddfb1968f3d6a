/*
 * panelplace: where the panels of a figure of several go (map
 * --panel-by, [panel] sections): the grid of cells, in device pixels so
 * that every panel is drawn alike, and the place of the one legend of
 * all of them.
 */
#ifndef IR_PANELPLACE_H
#define IR_PANELPLACE_H

#include <stddef.h>

#include "base/diag.h"
#include "mapspec.h"

/* Panels: the 12 a page can show legibly at most, each 150 pt or more on
 * a side (2 inches), 6 pt apart. */
#define IR_PANELS_MAX 12
#define IR_PANEL_MIN_PT 150.0
#define IR_PANEL_GAP_PT 6.0

typedef struct ir_panel_cells {
    int cols, rows, x0, y0, cw, ch, gap;   /* device pixels */
    double legend[4];     /* page points; all 0 for none */
    double scale;         /* how large the map is drawn: the larger, the
                             better the place */
} ir_panel_cells;

/* The cells of n panels of a map of aspect (width / height) in area (page
 * points) at px pixels a point, on --panel-grid's grid or the one that
 * draws the maps largest, and a place for a legend of lw x lh points
 * (none when 0): an empty cell of the grid if it holds it, else a column
 * to the right of the panels or a row under them, whichever leaves the
 * maps larger.  Returns 0, or an error for a --panel-grid that does not
 * read or hold the panels. */
int ir_panel_place(const map_settings *s, size_t n, const double area[4],
                   double aspect, double px, double lw, double lh,
                   ir_panel_cells *pl, ir_error *err);

#endif

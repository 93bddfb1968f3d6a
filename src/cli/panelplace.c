/*
 * panelplace: where the panels of a figure of several go.  See
 * panelplace.h.
 */
#include "panelplace.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout/page.h"

/* --panel-grid CxR, or the grid that gives the maps the largest scale. */
static int panel_grid(const map_settings *s, size_t n, const double area[4],
                      double aspect, int *cols, int *rows, ir_error *err)
{
    if (s->panel_grid) {
        char *end;
        long c = strtol(s->panel_grid, &end, 10), r = 0;
        if (*end == 'x')
            r = strtol(end + 1, &end, 10);
        if (*end || c < 1 || r < 1 || c * r < (long)n ||
            c * r > 4 * IR_PANELS_MAX)
            return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                                "--panel-grid %s: give columns x rows, "
                                "room for the %zu panels (e.g. 2x1)",
                                s->panel_grid, n);
        *cols = (int)c, *rows = (int)r;
        return 0;
    }
    ir_page_grid(n, area[2] - area[0], area[3] - area[1], IR_PANEL_GAP_PT,
                 aspect, cols, rows);
    return 0;
}

/* The cells of the grid in area, and the scale they draw the map at. */
static int grid_in(const map_settings *s, size_t n, const double area[4],
                   double aspect, double px, ir_panel_cells *pl, ir_error *err)
{
    if (panel_grid(s, n, area, aspect, &pl->cols, &pl->rows, err))
        return err->status;
    pl->gap = (int)ceil(IR_PANEL_GAP_PT * px);
    pl->x0 = (int)ceil(area[0] * px), pl->y0 = (int)ceil(area[1] * px);
    pl->cw = ((int)floor(area[2] * px) - pl->x0 - (pl->cols - 1) * pl->gap) /
             pl->cols;
    pl->ch = ((int)floor(area[3] * px) - pl->y0 - (pl->rows - 1) * pl->gap) /
             pl->rows;
    pl->scale = fmin(pl->cw / aspect, pl->ch);
    memset(pl->legend, 0, sizeof pl->legend);
    return 0;
}

int ir_panel_place(const map_settings *s, size_t n, const double area[4],
                   double aspect, double px, double lw, double lh,
                   ir_panel_cells *pl, ir_error *err)
{
    if (grid_in(s, n, area, aspect, px, pl, err))
        return err->status;
    if (!(lw > 0))
        return 0;
    double g = IR_PANEL_GAP_PT;
    if ((size_t)(pl->cols * pl->rows) > n && lw + 8 <= pl->cw / px &&
        lh + 8 <= pl->ch / px) {
        /* The last cell of the last row is empty. */
        double x = (pl->x0 + (pl->cols - 1) * (pl->cw + pl->gap)) / px;
        double y = (pl->y0 + (pl->rows - 1) * (pl->ch + pl->gap)) / px;
        double r[4] = { x, y, x + pl->cw / px, y + pl->ch / px };
        memcpy(pl->legend, r, sizeof r);
        return 0;
    }
    ir_panel_cells right, under;
    double ar[4] = { area[0], area[1], area[2] - lw - 8 - g, area[3] };
    double au[4] = { area[0], area[1], area[2], area[3] - lh - 8 - g };
    if (grid_in(s, n, ar, aspect, px, &right, err) ||
        grid_in(s, n, au, aspect, px, &under, err))
        return err->status;
    double rr[4] = { ar[2] + g, area[1], area[2], area[3] };
    double ru[4] = { area[0], au[3] + g, area[2], area[3] };
    memcpy(right.legend, rr, sizeof rr);
    memcpy(under.legend, ru, sizeof ru);
    *pl = under.scale >= right.scale ? under : right;
    return 0;
}

/*
 * mappanels: small multiples (map --panel-by).  See mapfigure.h.
 *
 * Each panel is laid out by cmd_map's own lay-out as a page of its own,
 * the size of its cell, with the scales and the extent that share_panels
 * gives them all; one canvas then draws every panel at its place and the
 * page's title and note over them.
 */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic.h"
#include "aggregate/colvalues.h"
#include "layout/extent.h"
#include "layout/page.h"
#include "render/canvas.h"
#include "render/flowdraw.h"
#include "mapfigure.h"
#include "traceopts.h"

/* Panels: the 12 a page can show legibly at most, each 150 pt or more on
 * a side (2 inches), 6 pt apart. */
#define PANELS_MAX 12
#define PANEL_MIN_PT 150.0
#define PANEL_GAP_PT 6.0

typedef struct panel_set {
    size_t n;
    char values[PANELS_MAX][64];
    const char *titles[PANELS_MAX]; /* a [panel] section's title */
    ir_od *od[PANELS_MAX];
    panel_spec spec[PANELS_MAX];
    figure_job *job[PANELS_MAX];
    map_inputs in[PANELS_MAX];
} panel_set;

static void panel_set_free(panel_set *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        ir_od_destroy(ps->od[i]);
        if (ps->job[i])
            ir_map_job_free(ps->job[i]);
        free(ps->job[i]);
    }
}

int ir_map_aggregate_part(const map_inputs *in, const char *what,
                          const char *label, const char *const *more,
                          size_t nmore, int year_from, int year_to,
                          ir_od **od, ir_error *err)
{
    const map_settings *s = in->s;
    const char *where[2 * IR_OPTIONS_MAX_LIST];
    size_t nw = 0;
    for (size_t k = 0; k < in->agg->nwhere && nw < IR_OPTIONS_MAX_LIST; k++)
        where[nw++] = in->agg->where[k];
    for (size_t k = 0; k < nmore && nw < 2 * IR_OPTIONS_MAX_LIST; k++)
        where[nw++] = more[k];
    ir_aggregate_options agg = *in->agg;
    if (year_from) {
        agg.year_from = year_from;
        agg.year_to = year_to;
    }
    agg.where = where;
    agg.nwhere = nw;
    ir_aggregate_report report = { 0 };
    *od = ir_aggregate_file(in->input, in->states, &agg, &report, err);
    ir_aggregate_report_free(&report);
    if (*od == NULL ||
        ir_trace_input_rollup(&s->in, od, in->states, true, err))
        return err->status;
    const ir_od_pair *pairs;
    if (ir_od_pairs(*od, &pairs) == 0)
        return ir_error_set(err, IR_EINPUT, in->input, -1, NULL,
                            "%s '%s' has no rows that the other filters "
                            "keep", what, label);
    return 0;
}

/* A [panel LABEL] section's filters: its where keys and its years. */
static int section_filters(const map_settings *s, const ir_opt_section *sec,
                           const char **where, size_t *nwhere, int *from,
                           int *to, const char **title, ir_error *err)
{
    *nwhere = 0;
    *from = *to = 0;
    *title = NULL;
    for (int k = 0; k < sec->n; k++) {
        if (strcmp(sec->key[k], "title") == 0)
            *title = sec->value[k];
        else if (strcmp(sec->key[k], "where") == 0)
            where[(*nwhere)++] = sec->value[k];
        else if (ir_aggregate_parse_period(sec->value[k], from, to))
            return ir_error_set(err, IR_EUSAGE, s->config, -1, NULL,
                                "[panel %s] years: '%s' is not a year or a "
                                "period of years (2016-2018)", sec->label,
                                sec->value[k]);
    }
    if (*nwhere == 0 && *from == 0)
        return ir_error_set(err, IR_EUSAGE, s->config, -1, NULL,
                            "[panel %s] has no filter of its own: give it "
                            "'where = COL=VALUE' or 'years = Y1-Y2'",
                            sec->label);
    return 0;
}

/* One aggregation per panel: the run's filters and COL=VALUE, or those
 * of the panel's section. */
static int aggregate_panels(const map_inputs *in, panel_set *ps, ir_error *err)
{
    const map_settings *s = in->s;
    if (s->panels.n > 0) {
        for (int i = 0; i < s->panels.n; i++) {
            const ir_opt_section *sec = &s->panels.item[i];
            const char *where[IR_OPTIONS_MAX_LIST];
            size_t nw;
            int from, to;
            ps->n = (size_t)i + 1;
            snprintf(ps->values[i], sizeof ps->values[i], "%s", sec->label);
            if (section_filters(s, sec, where, &nw, &from, &to,
                                &ps->titles[i], err) ||
                ir_map_aggregate_part(in, "the panel", sec->label, where, nw,
                                      from, to, &ps->od[i], err))
                return err->status;
        }
        return 0;
    }
    int n = ir_column_values(in->input, s->panel_by,
                             (unsigned char)in->agg->delimiter, ps->values,
                             PANELS_MAX, err);
    if (n < 0)
        return err->status;
    if (n == 0)
        return ir_error_set(err, IR_EINPUT, in->input, -1, s->panel_by,
                            "no row names a panel");
    for (int i = 0; i < n; i++) {
        char clause[1024];
        const char *where[1] = { clause };
        snprintf(clause, sizeof clause, "%s=%s", s->panel_by, ps->values[i]);
        ps->n = (size_t)i + 1;
        if (ir_map_aggregate_part(in, "the panel", ps->values[i], where, 1, 0,
                                  0, &ps->od[i], err))
            return err->status;
    }
    return 0;
}

/* The scales and the extent all panels share. */
static void share_panels(const map_inputs *in, panel_set *ps,
                         double cell_w_pt)
{
    const map_settings *s = in->s;
    double max_weight = 0, node_max = 0, bounds[4];
    ir_atlas_extent(in->atlas, bounds);
    double fitted[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
    for (size_t i = 0; i < ps->n; i++) {
        const ir_od_pair *pairs;
        size_t np = ir_od_pairs(ps->od[i], &pairs);
        size_t ns = ir_states_count(in->states);
        double *total = calloc(ns, sizeof *total);
        for (size_t k = 0; k < np; k++) {
            if (pairs[k].weight < s->min_weight)
                continue;
            max_weight = fmax(max_weight, pairs[k].weight);
            if (total) {
                total[ir_states_index(in->states, pairs[k].origin)] +=
                    pairs[k].weight;
                total[ir_states_index(in->states, pairs[k].destination)] +=
                    pairs[k].weight;
            }
        }
        for (size_t k = 0; total && k < ns; k++)
            node_max = fmax(node_max, total[k]);
        free(total);
        ir_extent_destinations(in->atlas, ps->od[i], bounds);
        if (s->fit == 1) {
            double b[4];
            memcpy(b, bounds, sizeof b);
            ir_extent_filter keep = { (size_t)s->top, s->min_weight, 0 };
            ir_extent_flows(in->anchors, in->states, ps->od[i], &keep, b);
            fitted[0] = fmin(fitted[0], b[0]), fitted[1] = fmin(fitted[1], b[1]);
            fitted[2] = fmax(fitted[2], b[2]), fitted[3] = fmax(fitted[3], b[3]);
        }
    }
    if (s->fit == 1 && fitted[2] > fitted[0])
        memcpy(bounds, fitted, sizeof bounds);
    double max_width = s->max_width > 0 ? s->max_width
                                        : fmin(24, fmax(4, 0.016 * cell_w_pt));
    for (size_t i = 0; i < ps->n; i++) {
        panel_spec *p = &ps->spec[i];
        p->heading = ps->titles[i] ? ps->titles[i] : ps->values[i];
        size_t len = strlen(ps->values[i]);
        for (int t = 0; t < s->panel_titles.n; t++)
            if (strncmp(s->panel_titles.item[t], ps->values[i], len) == 0 &&
                s->panel_titles.item[t][len] == '=')
                p->heading = s->panel_titles.item[t] + len + 1;
        p->legend = i == 0;
        p->max_width = max_width;
        p->scale = s->scale > 0 ? s->scale
                                : max_width / (max_weight > 0 ? max_weight : 1);
        p->legend_max = max_weight;
        p->node_max = node_max;
        memcpy(p->bounds, bounds, sizeof bounds);
    }
}

/* --panel-grid CxR, or the grid that gives the maps the largest scale. */
static int panel_grid(const map_settings *s, size_t n, const double area[4],
                      double aspect, int *cols, int *rows, ir_error *err)
{
    if (s->panel_grid) {
        char *end;
        long c = strtol(s->panel_grid, &end, 10), r = 0;
        if (*end == 'x')
            r = strtol(end + 1, &end, 10);
        if (*end || c < 1 || r < 1 || c * r < (long)n || c * r > 4 * PANELS_MAX)
            return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                                "--panel-grid %s: give columns x rows, "
                                "room for the %zu panels (e.g. 2x1)",
                                s->panel_grid, n);
        *cols = (int)c, *rows = (int)r;
        return 0;
    }
    ir_page_grid(n, area[2] - area[0], area[3] - area[1], PANEL_GAP_PT, aspect,
                 cols, rows);
    return 0;
}

/* A text alternative of a figure of panels: the page's title, then each
 * panel's flows under its heading, then the note. */
typedef struct panels_beside {
    const map_settings *s;
    const panel_set *ps;
} panels_beside;

static void write_panels_alt(FILE *fp, const panels_beside *b)
{
    const map_settings *s = b->s;
    fprintf(fp, "%s.", s->title ? s->title : "");
    for (size_t i = 0; i < b->ps->n; i++) {
        ir_figtext t = ir_map_figtext(s, s->share_total, 0);
        t.title = b->ps->spec[i].heading;
        t.shading = NULL;
        fputc(' ', fp);
        /* one line per panel, the note once at the end */
        ir_figtext_alt(&t, b->ps->job[i]->map, NULL, fp);
    }
    if (s->source)
        fprintf(fp, "%s\n", s->source);
}

static int open_panels_beside(ir_map_outputs *o, const char *path,
                              const panels_beside *b, ir_error *err)
{
    ir_atomic *file = ir_atomic_open(path, err);
    if (file == NULL)
        return err->status;
    o->file[o->nfile++] = file;
    write_panels_alt(ir_atomic_stream(file), b);
    return ir_atomic_close(file, err);
}

/* --panel-by COL: one panel per value of the column, on one page, one
 * width scale, one node scale, one extent and one legend for all. */
int ir_map_draw_panels(const map_inputs *in, const figure_size *size,
                       const char *suffix, ir_map_outputs *out,
                       bool write_beside, ir_error *err)
{
    const map_settings *s = in->s;
    if (s->mode == 1)
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--panel-by draws flow maps; river mode panels "
                            "are not available yet");
    panel_set *ps = calloc(1, sizeof *ps);
    if (ps == NULL)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "out of memory");
    int rc = aggregate_panels(in, ps, err);
    ir_frame page;
    ir_frame_init(&page, size->width, size->height, size->dpi,
                  s->page.margin);
    ir_figure fig = { .title = s->title, .subtitle = s->subtitle,
                      .source = s->source, .lang = ir_map_langs[s->lang] };
    double area[4], b[4];
    ir_page_map_rect(&fig, &page, area);
    ir_atlas_extent(in->atlas, b);
    int cols = 1, rows = 1;
    if (rc == 0)
        rc = panel_grid(s, ps->n, area, (b[2] - b[0]) / (b[3] - b[1]), &cols,
                        &rows, err);
    double px = size->dpi / 72.0;
    int gap = (int)ceil(PANEL_GAP_PT * px);
    int x0 = (int)ceil(area[0] * px), y0 = (int)ceil(area[1] * px);
    int cw = ((int)floor(area[2] * px) - x0 - (cols - 1) * gap) / cols;
    int ch = ((int)floor(area[3] * px) - y0 - (rows - 1) * gap) / rows;
    if (rc == 0 && (cw / px < PANEL_MIN_PT || ch / px < PANEL_MIN_PT))
        rc = ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                          "%zu panels in a %d x %d grid leave each %.0f x "
                          "%.0f pt, under the %.0f pt a map needs to read: "
                          "use a larger page (--width, --height) or fewer "
                          "panels (--where)",
                          ps->n, cols, rows, cw / px, ch / px, PANEL_MIN_PT);
    if (rc == 0)
        share_panels(in, ps, cw / px);
    figure_size cell = { cw, ch, size->dpi };
    static ir_flowdraw_page pages[PANELS_MAX];
    static double origins[PANELS_MAX][2];
    for (size_t i = 0; rc == 0 && i < ps->n; i++) {
        ps->in[i] = *in;
        ps->in[i].od = ps->od[i];
        ps->in[i].panel = &ps->spec[i];
        if ((ps->job[i] = calloc(1, sizeof *ps->job[i])) == NULL) {
            rc = ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                              "out of memory");
            break;
        }
        if ((rc = ir_map_lay_out(&ps->in[i], &cell, write_beside && i == 0,
                          ps->job[i], err)))
            break;
        figure_job *j = ps->job[i];
        pages[i] = (ir_flowdraw_page){ in->atlas, &j->frame, &j->style, j->map,
                                       j->labels, &j->fig, j->rect, NULL,
                                       NULL };
        origins[i][0] = (x0 + (int)(i % (size_t)cols) * (cw + gap)) / px;
        origins[i][1] = (y0 + (int)(i / (size_t)cols) * (ch + gap)) / px;
    }
    int first = out->ncanvas;
    if (rc == 0)
        rc = ir_map_open_canvases(s, size, suffix, out, err);
    if (rc == 0 && ir_atlas_simplify(in->atlas,
                                     ir_frame_thin_tolerance(&ps->job[0]->frame)))
        rc = ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    ir_flowdraw_panels all = { &page, &fig, pages, origins, ps->n };
    if (rc == 0)
        rc = ir_canvas_draw_all(out->canvas + first, out->ncanvas - first,
                                ir_flowdraw_panels_draw, &all, s->threads, err);
    panels_beside pb = { s, ps };
    if (rc == 0 && write_beside && s->alt_text)
        rc = open_panels_beside(out, s->alt_text, &pb, err);
    /* The flows of each panel beside the figure, the panel's value added
     * to the name (flows.csv: flows-2015-2022.csv). */
    for (size_t i = 0; rc == 0 && write_beside && s->flows_csv && i < ps->n;
         i++) {
        char tag[72], path[PATH_MAX];
        snprintf(tag, sizeof tag, "-%s", ps->values[i]);
        for (char *c = tag + 1; *c; c++)
            if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' &&
                *c != '.')
                *c = '_';
        ir_map_with_suffix(s->flows_csv, tag, path, sizeof path);
        beside files = { ps->job[i]->map, NULL, in->crossings, s,
                         &ps->job[i]->frame, ps->job[i]->note };
        rc = ir_map_open_beside(out, path, ir_map_write_flows_csv, &files, err);
    }
    panel_set_free(ps);
    free(ps);
    return rc;
}


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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/atomic.h"
#include "base/text.h"
#include "load/states.h"
#include "aggregate/colvalues.h"
#include "layout/extent.h"
#include "layout/page.h"
#include "river/river.h"
#include "render/canvas.h"
#include "render/flowdraw.h"
#include "mapfigure.h"
#include "panelplace.h"
#include "traceopts.h"


typedef struct panel_set {
    size_t n;
    char values[IR_PANELS_MAX][64];
    const char *titles[IR_PANELS_MAX]; /* a [panel] section's title */
    char headings[IR_PANELS_MAX][80];
    ir_od *od[IR_PANELS_MAX];
    panel_spec spec[IR_PANELS_MAX];
    figure_job *job[IR_PANELS_MAX];
    map_inputs in[IR_PANELS_MAX];
    double trunk;         /* river mode: the busiest trunk of any panel */
    bool river_shared;    /* trunk and crossing colours found: they do not
                             change when the panels are laid out again */
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
                          size_t nmore, const char *more_by, int year_from,
                          int year_to, ir_od **od, ir_error *err)
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
    agg.nwhere_given = in->agg->nwhere;
    agg.where_by = more_by;
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

const char *ir_map_heading(const map_settings *s, const char *value,
                           char *buf, size_t cap)
{
    size_t len = strlen(value);
    for (int t = 0; t < s->panel_titles.n; t++)
        if (strncmp(s->panel_titles.item[t], value, len) == 0 &&
            s->panel_titles.item[t][len] == '=')
            return s->panel_titles.item[t] + len + 1;
    int from, to;
    if (ir_aggregate_parse_period(value, &from, &to) == 0 && from != to)
        snprintf(buf, cap, "%d\u2013%d", from, to);
    else
        snprintf(buf, cap, "%s", value);
    return buf;
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

/* Whether --where keeps the value of the panel column: a value that a
 * --where on that very column leaves out is no panel (--where year=2016,
 * 2021 --panel-by year draws two), where a panel emptied by any other
 * filter is an error. */
static bool chosen(const ir_aggregate_options *agg, const char *column,
                   const char *value)
{
    /* Values compared folded, as the aggregator's --where compares them. */
    size_t lc = strlen(column);
    char key[256], item[256];
    ir_states_fold(value, key, sizeof key);
    for (size_t k = 0; k < agg->nwhere; k++) {
        const char *w = agg->where[k], *eq = strchr(w, '=');
        if (eq == NULL || (size_t)(eq - w) != lc ||
            strncasecmp(w, column, lc) != 0)
            continue;
        bool listed = false;
        for (const char *v = eq + 1; *v && !listed; ) {
            size_t len = strcspn(v, ",");
            char one[256];
            snprintf(one, sizeof one, "%.*s", (int)len, v);
            ir_states_fold(one, item, sizeof item);
            listed = strcmp(item, key) == 0;
            v += len + (v[len] == ',');
        }
        if (!listed)
            return false;
    }
    return true;
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
                                      "where (in a [panel])", from, to,
                                      &ps->od[i], err))
                return err->status;
        }
        return 0;
    }
    int n = ir_column_values(in->input, s->panel_by,
                             (unsigned char)in->agg->delimiter, ps->values,
                             IR_PANELS_MAX, err);
    if (n < 0)
        return err->status;
    if (n == 0)
        return ir_error_set(err, IR_EINPUT, in->input, -1, s->panel_by,
                            "no row names a panel");
    int kept = 0;
    for (int i = 0; i < n; i++) {
        if (!chosen(in->agg, s->panel_by, ps->values[i]))
            continue;
        char clause[1024];
        const char *where[1] = { clause };
        snprintf(clause, sizeof clause, "%s=%s", s->panel_by, ps->values[i]);
        if (kept != i)
            memcpy(ps->values[kept], ps->values[i], sizeof ps->values[i]);
        ps->n = (size_t)++kept;
        if (ir_map_aggregate_part(in, "the panel", ps->values[kept - 1],
                                  where, 1, "--panel-by", 0, 0,
                                  &ps->od[kept - 1], err))
            return err->status;
    }
    if (kept == 0)
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--where keeps no value of %s: no panel to draw",
                            s->panel_by);
    return 0;
}

/* The scales and the extent all panels share. */
static void share_panels(const map_inputs *in, panel_set *ps,
                         const figure_size *cell)
{
    ir_frame frame;
    ir_frame_init(&frame, cell->width, cell->height, cell->dpi,
                  in->s->page.margin);
    double cell_w_pt = frame.width_pt, top = 0;
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
        p->heading = ps->titles[i]
                         ? ps->titles[i]
                         : ir_map_heading(s, ps->values[i], ps->headings[i],
                                          sizeof ps->headings[i]);
        p->legend = i == 0;
        p->max_width = max_width;
        p->scale = s->scale > 0 ? s->scale
                                : max_width / (max_weight > 0 ? max_weight : 1);
        p->legend_max = max_weight;
        p->node_max = node_max;
        memcpy(p->bounds, bounds, sizeof bounds);
        ir_figure head = { .subtitle = p->heading };
        double r[4];
        ir_page_map_rect(&head, &frame, r);
        top = fmax(top, r[1]);
    }
    for (size_t i = 0; i < ps->n; i++)
        ps->spec[i].top_min = top;
}

/* River mode: the widest width for the busiest trunk of any panel. */
static void river_scale(const map_settings *s, panel_set *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        panel_spec *p = &ps->spec[i];
        if (s->scale <= 0 && ps->trunk > 0)
            p->scale = p->max_width / ps->trunk;
        p->legend_max = ps->trunk;
        p->river_fixed = true;
    }
}

/* River mode: every panel laid out once for its trees, then the scale
 * of the busiest trunk of any panel for all, and each crossing the colour
 * of its rank in the traffic of all panels, so a crossing is one colour
 * and one width scale throughout. */
static int share_river(const map_inputs *in, panel_set *ps,
                       const figure_size *cell, ir_error *err)
{
    static double traffic[256];
    static int colors[256], order[256];
    size_t nc = ir_crossings_count(in->crossings);
    nc = nc < 256 ? nc : 256;
    memset(traffic, 0, sizeof traffic);
    double trunk = 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < ps->n; i++) {
        map_inputs pi = *in;
        pi.od = ps->od[i];
        pi.panel = &ps->spec[i];
        figure_job *job = calloc(1, sizeof *job);
        if (job == NULL)
            return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                                "out of memory");
        rc = ir_map_lay_out(&pi, cell, false, job, err);
        if (rc == 0) {
            trunk = fmax(trunk, ir_river_max_weight(job->river));
            const ir_river_tree *t;
            size_t nt = ir_river_trees(job->river, &t);
            for (size_t k = 0; k < nt; k++)
                if (!t[k].outgoing && t[k].crossing < nc)
                    traffic[t[k].crossing] += t[k].weight;
        }
        ir_map_job_free(job);
        free(job);
    }
    if (rc)
        return rc;
    size_t n = 0;
    for (size_t c = 0; c < nc; c++)
        if (traffic[c] > 0)
            order[n++] = (int)c;
    /* Busiest first, ties by the crossings' order in their file. */
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0 && traffic[order[b]] > traffic[order[b - 1]];
             b--) {
            int t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    for (size_t c = 0; c < nc; c++)
        colors[c] = 6;
    for (size_t k = 0; k < n && k < 6; k++)
        colors[order[k]] = (int)k;
    ps->trunk = trunk;
    ps->river_shared = true;
    for (size_t i = 0; i < ps->n; i++) {
        panel_spec *p = &ps->spec[i];
        p->crossing_colors = colors;
        p->crossing_order = order;
        p->ncrossing_order = n;
    }
    river_scale(in->s, ps);
    return 0;
}

/* The legend's size as the first panel draws it, every key in one box. */
static int measure_legend(const map_inputs *in, panel_set *ps,
                          const figure_size *cell, double *w, double *h,
                          ir_error *err)
{
    map_inputs pi = *in;
    pi.od = ps->od[0];
    pi.panel = &ps->spec[0];
    ps->spec[0].legend = true;
    figure_job *job = calloc(1, sizeof *job);
    if (job == NULL)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "out of memory");
    int rc = ir_map_lay_out(&pi, cell, false, job, err);
    if (rc == 0) {
        ir_text_box box[2];
        job->fig.legend_stacked = true;
        ir_page_legend_boxes(job->map, &job->fig, job->rect, box);
        *w = box[0].w;
        *h = box[0].h;
    }
    ir_map_job_free(job);
    free(job);
    return rc;
}

/* A text alternative of a figure of panels: the page's title, then each
 * panel's flows under its heading, then the note. */
typedef struct panels_beside {
    const map_settings *s;
    const panel_set *ps;
    const char *note;     /* the page's */
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
    if (b->note && *b->note)
        fprintf(fp, "%s\n", b->note);
}

static void write_panels_alt_arg(FILE *fp, const void *b)
{
    write_panels_alt(fp, b);
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
/* Every panel placed and laid out under the page's title and note:
 * first the cells as if the legend took no room, to size the legend,
 * then the cells that leave it a place of its own, beside the panels
 * rather than over the first. */
static int lay_out_panels(const map_inputs *in, panel_set *ps,
                          const ir_figure *fig, const figure_size *size,
                          bool write_beside, ir_panel_cells *pl,
                          ir_flowdraw_page *pages, double (*origins)[2],
                          ir_error *err)
{
    const map_settings *s = in->s;
    ir_frame page;
    ir_frame_init(&page, size->width, size->height, size->dpi,
                  s->page.margin);
    double area[4], b[4];
    ir_page_map_rect(fig, &page, area);
    ir_atlas_extent(in->atlas, b);
    double aspect = (b[2] - b[0]) / (b[3] - b[1]);
    double px = size->dpi / 72.0;
    double lw = 0, lh = 0;
    int rc = 0;
    for (int pass = 0; rc == 0 && pass < 2; pass++) {
        if ((rc = ir_panel_place(s, ps->n, area, aspect, px, lw, lh, pl, err)))
            break;
        if (pl->cw / px < IR_PANEL_MIN_PT || pl->ch / px < IR_PANEL_MIN_PT)
            return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                                "%zu panels in a %d x %d grid leave each "
                                "%.0f x %.0f pt, under the %.0f pt a map "
                                "needs to read: use a larger page (--width, "
                                "--height) or fewer panels (--where)",
                                ps->n, pl->cols, pl->rows, pl->cw / px,
                                pl->ch / px, IR_PANEL_MIN_PT);
        figure_size cell = { pl->cw, pl->ch, size->dpi };
        share_panels(in, ps, &cell);
        if (s->mode == 1)
            rc = pass == 0 && !ps->river_shared
                     ? share_river(in, ps, &cell, err)
                     : (river_scale(s, ps), 0);
        if (rc == 0 && pass == 0)
            rc = measure_legend(in, ps, &cell, &lw, &lh, err);
    }
    for (size_t i = 0; i < ps->n; i++)
        ps->spec[i].legend = false;
    figure_size cell = { pl->cw, pl->ch, size->dpi };
    for (size_t i = 0; rc == 0 && i < ps->n; i++) {
        ps->in[i] = *in;
        ps->in[i].od = ps->od[i];
        ps->in[i].panel = &ps->spec[i];
        if ((ps->job[i] = calloc(1, sizeof *ps->job[i])) == NULL)
            return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                                "out of memory");
        if ((rc = ir_map_lay_out(&ps->in[i], &cell, write_beside && i == 0,
                                 ps->job[i], err)))
            break;
        figure_job *j = ps->job[i];
        pages[i] = (ir_flowdraw_page){ in->atlas, &j->frame, &j->style, j->map,
                                       j->labels, &j->fig, j->rect, j->river,
                                       j->crossing_names, j->crossing_colors };
        int col = (int)(i % (size_t)pl->cols), row = (int)(i / (size_t)pl->cols);
        origins[i][0] = (pl->x0 + col * (pl->cw + pl->gap)) / px;
        origins[i][1] = (pl->y0 + row * (pl->ch + pl->gap)) / px;
    }
    return rc;
}

/* The page's note: the source, then what each panel's thresholds left
 * out, under the panel's heading. */
static void panels_note(const map_settings *s, const panel_set *ps,
                        char *buf, size_t cap)
{
    size_t len = (size_t)snprintf(buf, cap, "%s", s->source ? s->source : "");
    for (size_t i = 0; i < ps->n && len < cap; i++)
        if (ps->job[i] && ps->job[i]->note[0])
            len += (size_t)snprintf(buf + len, cap - len, "%s%s: %s",
                                    len ? " " : "", ps->spec[i].heading,
                                    ps->job[i]->note);
    ir_text_utf8_trim(buf);
}

/* --panel-by COL: one panel per value of the column, on one page, one
 * width scale, one node scale, one extent and one legend for all. */
int ir_map_draw_panels(const map_inputs *in, const figure_size *size,
                       const char *suffix, ir_map_outputs *out,
                       bool write_beside, ir_error *err)
{
    const map_settings *s = in->s;
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
    static ir_flowdraw_page pages[IR_PANELS_MAX];
    static double origins[IR_PANELS_MAX][2];
    static char note[4096];
    ir_panel_cells pl;
    /* What the panels left out is known once they are laid out, and the
     * note's height shapes the cells: again, if the note grew. */
    for (int pass = 0; rc == 0 && pass < 2; pass++) {
        rc = lay_out_panels(in, ps, &fig, size, write_beside && pass == 0,
                            &pl, pages, origins, err);
        if (rc)
            break;
        panels_note(s, ps, note, sizeof note);
        if (strcmp(note, fig.source ? fig.source : "") == 0)
            break;
        fig.source = note;
        if (pass == 1)
            break;
        for (size_t i = 0; i < ps->n; i++) {
            ir_map_job_free(ps->job[i]);
            free(ps->job[i]);
            ps->job[i] = NULL;
        }
    }
    int first = out->ncanvas;
    panels_beside pb = { s, ps, fig.source };
    if (rc == 0) {
        char *alt = ir_map_text(write_panels_alt_arg, &pb);
        rc = alt ? ir_map_open_canvases(s, size, suffix, alt, out, err)
                 : ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                                "out of memory");
        free(alt);
    }
    if (rc == 0 && ir_atlas_simplify(in->atlas,
                                     ir_frame_thin_tolerance(&ps->job[0]->frame)))
        rc = ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    ir_figure legend_fig = { 0 };
    ir_flowdraw_panels all = { &page, &fig, pages, origins, ps->n, NULL,
                               NULL, { 0 } };
    if (rc == 0) {
        legend_fig = ps->job[0]->fig;
        legend_fig.no_legend = false;
        legend_fig.legend_stacked = true;
        all.legend_map = ps->job[0]->map;
        all.legend_fig = &legend_fig;
        memcpy(all.legend_rect, pl.legend, sizeof pl.legend);
    }
    if (rc == 0)
        rc = ir_canvas_draw_all(out->canvas + first, out->ncanvas - first,
                                ir_flowdraw_panels_draw, &all, s->threads, err);
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


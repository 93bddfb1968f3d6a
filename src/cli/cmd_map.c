/*
 * ironriver map: trace or OD CSV in, flow map figures out.
 *
 * Wiring only: options (mapspec; command line over spec file) ->
 * aggregate -> load and project boundaries -> anchors -> flow lay-out, or
 * in river mode the crossings and their trees -> labels -> render each
 * output.  An OD table is read by the same aggregator: its
 * origin,destination,weight header is recognised like any other.
 */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic.h"
#include "base/pool.h"
#include "base/text.h"
#include "load/crossings.h"
#include "load/layer.h"
#include "load/locate.h"
#include "load/states.h"
#include "load/totals.h"
#include "aggregate/aggregate.h"
#include "aggregate/colvalues.h"
#include "project/atlas.h"
#include "project/project.h"
#include "layout/anchors.h"
#include "layout/change.h"
#include "layout/extent.h"
#include "layout/flowmap.h"
#include "layout/frame.h"
#include "layout/labels.h"
#include "layout/page.h"
#include "river/crossroute.h"
#include "river/river.h"
#include "render/canvas.h"
#include "render/figtext.h"
#include "render/flowdraw.h"
#include "render/render.h"
#include "render/riverdraw.h"
#include "boundaries.h"
#include "commands.h"
#include "datadir.h"
#include "fillopts.h"
#include "mapfigure.h"
#include "mapout.h"
#include "mapspec.h"
#include "options.h"
#include "traceopts.h"

ir_figtext ir_map_figtext(const map_settings *s, double share_of,
                          double share_also)
{
    return (ir_figtext){ ir_map_langs[s->lang], s->title, s->source, s->share_note,
                         share_of, share_also, s->fill_alt,
                         { s->periods[0], s->periods[1] },
                         { s->period_totals[0], s->period_totals[1] } };
}

/* The flows drawn, with their curves, for readers and other tools; in
 * river mode, each flow's crossings and how they were chosen. */
void ir_map_write_flows_csv(FILE *fp, const beside *b)
{
    if (b->river)
        ir_crossroute_write_csv(b->river, b->crossings,
                                ir_map_langs[b->s->lang], fp);
    else
        ir_flowmap_write_csv(b->map, b->frame, fp);
}

/* A short text alternative, in the figure's language. */
static void write_alt_text(FILE *fp, const beside *b)
{
    ir_figtext t = ir_map_figtext(b->s, b->s->share_total, 0);
    ir_figtext_alt(&t, b->map, b->note, fp);
}

int ir_map_open_beside(ir_map_outputs *o, const char *path,
                       void (*write)(FILE *, const beside *), const beside *b,
                       ir_error *err)
{
    ir_atomic *file = ir_atomic_open(path, err);
    if (file == NULL)
        return err->status;
    o->file[o->nfile++] = file;
    write(ir_atomic_stream(file), b);
    return ir_atomic_close(file, err);
}

/* River mode: the trees through the crossings.  Unless --scale fixes the
 * widths, the busiest trunk gets the widest width and the legend follows
 * it, so the flow map is made again at that scale. */
static int lay_out_river(const map_inputs *in, const ir_frame *frame,
                         ir_flowmap_options *fo, ir_flowmap **map,
                         ir_river **river, ir_error *err)
{
    size_t n = ir_crossings_count(in->crossings);
    ir_point *at = malloc((n ? n : 1) * sizeof *at);
    if (at == NULL)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "out of memory");
    for (size_t c = 0; c < n; c++) {
        ir_frame_to_page(frame, in->crossing_xy[c].x, in->crossing_xy[c].y,
                         &at[c].x, &at[c].y);
    }
    ir_river_options ro;
    ir_river_options_default(&ro);
    /* The crossings the input names are read once; each route remembers
     * its pair of states, since the flow map is made again below. */
    ir_river_route *routes = NULL;
    size_t nroutes = 0;
    const ir_state **ends = NULL;
    int rc = 0;
    if (in->s->crossing)
        rc = ir_crossroute_read(in->input, in->s->crossing, in->states, in->agg,
                                in->crossings, *map, &routes, &nroutes, err);
    if (rc == 0 && nroutes &&
        (ends = malloc(2 * nroutes * sizeof *ends)) == NULL)
        rc = ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    const ir_flow *f;
    ir_flowmap_flows(*map, &f);
    for (size_t i = 0; rc == 0 && i < nroutes; i++) {
        ends[2 * i] = f[routes[i].flow].origin;
        ends[2 * i + 1] = f[routes[i].flow].destination;
    }
    /* Panels laid out a second time have their scale from all panels. */
    bool fixed = in->panel && in->panel->river_fixed;
    for (int pass = fixed ? 1 : 0; pass < 2 && rc == 0; pass++) {
        ir_river_destroy(*river);
        ro.weights_only = pass == 0;
        *river = ir_river_create(*map, at, n, routes, nroutes, &ro, err);
        if (*river == NULL) {
            rc = err->status;
            break;
        }
        double trunk = ir_river_max_weight(*river);
        if (pass == 1 || !(trunk > 0))
            break;
        if (in->s->scale <= 0)
            fo->scale = fo->max_width_pt / trunk;
        fo->legend_max = trunk;
        ir_flowmap_destroy(*map);
        if (!(*map = ir_flowmap_create(in->od, in->anchors, in->states, frame,
                                       fo, err))) {
            rc = err->status;
            break;
        }
        /* The same pairs, at their places in the new map. */
        size_t nf = ir_flowmap_flows(*map, &f);
        for (size_t i = 0; i < nroutes; i++)
            for (size_t j = 0; j < nf; j++)
                if (f[j].origin == ends[2 * i] &&
                    f[j].destination == ends[2 * i + 1])
                    routes[i].flow = j;
    }
    free(routes);
    free(ends);
    free(at);
    return rc;
}

/* --cluster: "auto" (or not given), "none", or a distance in pixels. */
static int resolve_cluster(map_settings *s, ir_error *err)
{
    const char *v = s->cluster;
    s->cluster_px = -1;
    if (v == NULL || strcmp(v, "auto") == 0)
        return 0;
    if (strcmp(v, "none") == 0) {
        s->cluster_px = 0;
        return 0;
    }
    char *end;
    double px = strtod(v, &end);
    if (end == v || *end != '\0' || !(px >= 0 && px <= 1000))
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--cluster: '%s' is not a distance in pixels "
                            "(0 to 1000), auto or none", v);
    s->cluster_px = px;
    return 0;
}

void ir_map_job_free(figure_job *job)
{
    ir_symbols_destroy(job->symbols);
    ir_labels_destroy(job->labels);
    ir_river_destroy(job->river);
    ir_flowmap_destroy(job->map);
    job->symbols = NULL;
    job->labels = NULL;
    job->river = NULL;
    job->map = NULL;
}

/* A map of change: its colour key, the classes its flows are in. */
static void key_change(const map_settings *s, figure_job *job)
{
    bool present[IR_CHANGE_CLASSES] = { false };
    const ir_flow *f;
    size_t n = ir_flowmap_flows(job->map, &f);
    for (size_t i = 0; i < n; i++)
        present[f[i].color >= 0 && f[i].color < IR_CHANGE_CLASSES
                    ? f[i].color : IR_CHANGE_SAME] = true;
    size_t nk = 0;
    for (int c = 0; c < IR_CHANGE_CLASSES; c++)
        if (present[c]) {
            job->key_names[nk] = ir_change_class_name((ir_change_class)c,
                                                      ir_map_langs[s->lang]);
            job->key_colors[nk++] = c;
        }
    snprintf(job->key_title, sizeof job->key_title,
             s->lang == 1 ? "Cambio de %s a %s" : "Change, %s to %s",
             s->periods[0], s->periods[1]);
    job->fig.key_title = job->key_title;
    job->fig.key_names = job->key_names;
    job->fig.key_colors = job->key_colors;
    job->fig.nkey = nk;
}

/* Lays out one figure size (or one panel: in->panel). */
int ir_map_lay_out(const map_inputs *in, const figure_size *size,
                   bool write_beside, figure_job *job, ir_error *err)
{
    const map_settings *s = in->s;
    ir_frame_init(&job->frame, size->width, size->height, size->dpi,
                  s->page.margin);
    job->fig = (ir_figure){ .title = s->title, .subtitle = s->subtitle,
                            .legend_title = s->legend_title,
                            .lang = ir_map_langs[s->lang] };
    job->crossing_names = NULL;
    job->crossing_colors = NULL;
    if (job->fig.legend_title == NULL)
        job->fig.legend_title = s->lang == 1 ? "Armas rastreadas"
                                        : "Firearms traced";
    job->fig.fill = in->fill;
    job->symbols = NULL;
    job->fig.fill_title = s->fill.title ? s->fill.title
                     : s->lang == 1 ? "Valor" : "Value";
    ir_flowmap_options fo;
    ir_flowmap_options_default(&fo);
    /* The widest flow scales with the page, so a press thumbnail is not
     * all flows: 1.6% of its width (12 pt on a 10.7-inch page). */
    fo.max_width_pt = s->max_width > 0
                          ? s->max_width
                          : fmin(24, fmax(4, 0.016 * job->frame.width_pt));
    if (s->min_width > 0) fo.min_width_pt = s->min_width;
    fo.bend = s->bend;
    fo.scale = s->scale;
    fo.top = (size_t)s->top;
    fo.min_weight = s->min_weight;
    fo.color_by = (ir_color_by)s->color_by;
    fo.pins = in->pins;
    fo.fade = s->mode != 1;
    fo.npins = in->npins;
    fo.threads = s->threads;
    /* Places closer than a node symbol's width or two read as one: 2% of
     * the page's shorter side (14 pt on a 6.5 x 4.5 inch page). */
    fo.cluster_pt = s->cluster_px < 0
                        ? 0.02 * fmin(job->frame.width_pt, job->frame.height_pt)
                        : s->cluster_px * 72.0 / job->frame.dpi;
    /* auto also merges clusters whose symbols would overlap (a busy
     * city's is wider than the distance); a distance given is kept to. */
    fo.cluster_overlaps = s->cluster_px < 0;
    /* Thousands of dealers give thousands of hairline flows: on a map of
     * places, those too thin to see count in their destination instead. */
    bool places = false;
    const ir_od_pair *pairs;
    size_t npairs = ir_od_pairs(in->od, &pairs);
    for (size_t i = 0; i < npairs && !places; i++)
        places = pairs[i].origin->kind == IR_STATE_PLACE ||
                 pairs[i].destination->kind == IR_STATE_PLACE;
    fo.fold_small = s->fold == 1 || (s->fold == 0 && places);
    if (in->change) {
        /* Colour is the change; a faded tint would read as a lighter
         * class of it. */
        fo.change = in->change;
        fo.color_by = IR_COLOR_BY_CHANGE;
        fo.fade = false;
        if (s->legend_title == NULL)
            job->fig.legend_title = s->lang == 1
                                        ? "Armas rastreadas, periodo mayor"
                                        : "Firearms traced, larger period";
    }
    const panel_spec *pn = in->panel;
    if (pn) {
        job->fig.title = NULL;
        job->fig.subtitle = pn->heading;
        job->fig.no_legend = !pn->legend;
        job->fig.top_min = pn->top_min;
        fo.max_width_pt = pn->max_width;
        fo.scale = pn->scale;
        fo.legend_max = pn->legend_max;
        fo.node_max = pn->node_max;
    }
    double bounds[4];
    ir_atlas_extent(in->atlas, bounds);
    ir_extent_destinations(in->atlas, in->od, bounds);
    if (s->fit == 1) {
        /* The flows the map will draw, as the flow map takes them; the
         * fold threshold from the heaviest flow with both ends placed
         * (clusters only make flows heavier: the box errs on the wide
         * side). */
        ir_extent_filter keep = { fo.top, fo.min_weight, 0 };
        for (size_t i = 0; fo.fold_small && i < npairs; i++) {
            double x, y;
            if (pairs[i].weight < fo.min_weight ||
                !ir_anchors_get(in->anchors,
                                ir_states_index(in->states, pairs[i].origin),
                                &x, &y) ||
                !ir_anchors_get(in->anchors,
                                ir_states_index(in->states,
                                                pairs[i].destination),
                                &x, &y))
                continue;
            keep.fold_below = fo.min_width_pt /
                              ir_flowmap_fold_scale(&fo, pairs[i].weight);
            break;
        }
        ir_extent_flows(in->anchors, in->states, in->od, &keep, bounds);
    }
    if (pn)
        memcpy(bounds, pn->bounds, sizeof bounds);
    job->map = NULL;
    job->labels = NULL;
    job->river = NULL;
    int rc = 0;
    /* The source note says what the thresholds left out, which is known
     * only after a lay-out, and its height shapes the map area: lay out
     * once with the given note, and again if the note grew. */
    job->fig.source = pn ? NULL : s->source;
    for (int pass = 0; pass < 2; pass++) {
        ir_page_map_rect(&job->fig, &job->frame, job->rect);
        memcpy(fo.area, job->rect, sizeof fo.area);
        if (ir_frame_fit_rect(&job->frame, bounds, job->rect) != 0) {
            rc = ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                              "the page leaves no room for the map");
            goto done;
        }
        ir_flowmap_destroy(job->map);
        if (!(job->map = ir_flowmap_create(in->od, in->anchors, in->states, &job->frame,
                                      &fo, err))) {
            rc = err->status;
            goto done;
        }
        const ir_flow *flows;
        double lost;
        const ir_state *const *ends;
        size_t nends;
        bool more;
        size_t unplaced = ir_flowmap_unplaced(job->map, &lost, &ends, &nends, &more);
        if (ir_flowmap_flows(job->map, &flows) == 0 && unplaced > 0) {
            rc = ir_error_set(err, IR_EINPUT, NULL, -1, NULL,
                              "no flow to draw: the boundaries loaded have "
                              "no %s%s%s%s (--shapes)",
                              ends[0]->name_en, nends > 1 ? ", " : "",
                              nends > 1 ? ends[1]->name_en : "",
                              nends > 2 || more ? " ..." : "");
            goto done;
        }
        if (ir_flowmap_flows(job->map, &flows) == 0) {
            rc = ir_error_set(err, IR_EINPUT, NULL, -1, NULL,
                              "no flow to draw: every flow was left out by "
                              "--top or --min-weight, or is too wide for the "
                              "distance between its nodes (--scale, "
                              "--max-width)");
            goto done;
        }
        if (flows[0].width > fmin(job->frame.width_pt, job->frame.height_pt) / 8) {
            rc = ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                              "the widest flow would be %.0f pt wide on a "
                              "%.0f x %.0f pt page; use a smaller --scale or "
                              "--max-width", flows[0].width, job->frame.width_pt,
                              job->frame.height_pt);
            goto done;
        }
        ir_figtext words = ir_map_figtext(s, in->share_of, in->share_also);
        if (pn)  /* a panel's own: the page's note cites the source */
            words.source = NULL;
        ir_figtext_note(&words, job->map, job->note, sizeof job->note);
        ir_text_utf8_trim(job->note);
        if (pn)  /* the page's note is the figure's, not the panel's */
            break;
        bool same = strcmp(job->note, job->fig.source ? job->fig.source : "") == 0;
        job->fig.source = job->note;
        if (same)
            break;
    }
    if (in->change)
        key_change(s, job);
    if (s->mode == 1 && (rc = lay_out_river(in, &job->frame, &fo, &job->map, &job->river,
                                            err)))
        goto done;
    const char **names = job->names;
    ir_text_box blocked[258];
    size_t nblocked = 0;
    if (job->river) {
        for (size_t c = 0; c < ir_crossings_count(in->crossings) && c < 256; c++) {
            const ir_crossing *x = ir_crossings_at(in->crossings, c);
            names[c] = s->lang == 1 ? x->name_es : x->name_en;
            /* On the map, without the bridge's name in brackets. */
            const char *cut = strstr(names[c], " (");
            if (cut && (size_t)(cut - names[c]) < sizeof job->short_names[c]) {
                snprintf(job->short_names[c], sizeof job->short_names[c], "%.*s",
                         (int)(cut - names[c]), names[c]);
                names[c] = job->short_names[c];
            }
        }
        job->crossing_names = names;
        /* The trees' colours keyed in the legend, busiest crossing first
         * as riverdraw colours them; past six, one grey row.  Panels
         * colour and key the crossings by their traffic in all panels. */
        const char **key_names = job->key_names;
        int *key_colors = job->key_colors;
        int order[256];
        size_t nt = ir_river_crossing_order(job->river, order, 256), nk = 0;
        const ir_river_tree *trees;
        ir_river_trees(job->river, &trees);
        if (pn && pn->crossing_colors) {
            job->crossing_colors = pn->crossing_colors;
            nt = pn->ncrossing_order;
        }
        size_t ncross = ir_crossings_count(in->crossings);
        for (size_t i = 0; i < nt && i < 6; i++) {
            size_t c = pn && pn->crossing_colors
                           ? (size_t)pn->crossing_order[i]
                           : trees[order[i]].crossing;
            /* Two bridges of one city share a short name (Ciudad Juárez-
             * El Paso): the key then gives the bridge. */
            bool shared = false;
            for (size_t k = 0; k < ncross && k < 256; k++)
                shared |= k != c && strcmp(names[k], names[c]) == 0;
            const ir_crossing *x = ir_crossings_at(in->crossings, c);
            key_names[nk] = shared ? (s->lang == 1 ? x->name_es : x->name_en)
                                   : names[c];
            key_colors[nk++] = (int)i;
        }
        if (nt > 6) {
            key_names[nk] = s->lang == 1 ? "Otros cruces" : "Other crossings";
            key_colors[nk++] = 6;
        }
        job->fig.key_title = s->lang == 1 ? "Cruce fronterizo" : "Border crossing";
        job->fig.key_names = key_names;
        job->fig.key_colors = key_colors;
        job->fig.nkey = nk;
        nblocked = ir_riverdraw_crossing_boxes(job->river, job->map, names, blocked, 256);
        if (!s->quiet && write_beside)
            fprintf(stderr, "ironriver: river: %zu crossings of bands between "
                            "trees of different ports\n",
                    ir_river_tree_crossings(job->river));
    }
    /* The circles sit at nodes of the frame as finally fitted. */
    if (in->fill_values && s->fill.as == 1) {
        if (!(job->symbols = ir_fill_symbols(&s->fill, in->fill_values, in->states,
                                        in->anchors, &job->frame,
                                        s->quiet || !write_beside, err))) {
            rc = err->status;
            goto done;
        }
        job->fig.symbols = job->symbols;
    }
    ir_text_box legend_boxes[2];
    size_t nlegend = ir_page_legend_boxes(job->map, &job->fig, job->rect, legend_boxes);
    double keep_off[2][4];
    size_t nkeep = 0;
    for (size_t i = 0; i < nlegend; i++) {
        const ir_text_box *b = &legend_boxes[i];
        blocked[nblocked++] = *b;
        if (b->w > 0) {
            double k[4] = { b->x, b->y, b->x + b->w, b->y + b->h };
            memcpy(keep_off[nkeep++], k, sizeof k);
        }
    }
    if (!job->river && (rc = ir_flowmap_layout(job->map, job->rect, keep_off, nkeep, err)))
        goto done;
    double lost;
    const ir_state *const *ends;
    size_t nends;
    bool more;
    size_t unplaced = ir_flowmap_unplaced(job->map, &lost, &ends, &nends, &more);
    if (!s->quiet && unplaced > 0 && write_beside) {
        fprintf(stderr, "ironriver: note: %zu flow%s not drawn: the boundaries "
                        "loaded have no ", unplaced, unplaced == 1 ? "" : "s");
        for (size_t i = 0; i < nends; i++)
            fprintf(stderr, "%s%s", i ? ", " : "", ends[i]->name_en);
        fprintf(stderr, "%s (the figure's note says so)\n", more ? " ..." : "");
    }
    const ir_layout_report *rep = ir_flowmap_layout_report(job->map);
    if (!s->quiet && rep->node_conflicts + rep->obstacle_conflicts > 0)
        fprintf(stderr, "ironriver: note: %zu of the flows still pass over a "
                        "node they do not connect and %zu over the legend: "
                        "the map is too dense to clear them (--top or "
                        "--min-weight would help)\n",
                rep->node_conflicts, rep->obstacle_conflicts);
    /* A node of a map of change has no one total: it is named only. */
    ir_labels_options lo = { job->fig.lang, s->labels,
                             s->names_only || in->change != NULL,
                             job->river ? IR_FLOW_LABELS_NONE
                                   : (ir_flow_labels)s->flow_labels,
                             in->share_of, NULL, 0 };
    ir_text_box *river_boxes = NULL;
    if (job->river) {
        const ir_river_band *b;
        size_t cap = 13 * ir_river_bands(job->river, &b) + 1;
        if ((river_boxes = malloc(cap * sizeof *river_boxes)) == NULL) {
            rc = ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                              "out of memory");
            goto done;
        }
        lo.bands = river_boxes;
        lo.nbands = ir_river_band_boxes(job->river, river_boxes, cap);
    }
    job->labels = ir_labels_place(job->map, &lo, job->rect, blocked, nblocked);
    free(river_boxes);
    if (job->labels == NULL) {
        rc = ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
        goto done;
    }
    if (in->fill && write_beside && !s->quiet)
        ir_fill_check_flows(in->fill, &s->fill, job->map);
    ir_basemap_style_default(&job->style);
    job->style.water = s->page.water;
    job->style.fill = in->fill;
    job->style.symbols = job->symbols;
    return 0;
done:
    ir_map_job_free(job);
    return rc;
}

/* A canvas of the size for every output, in out (from out->ncanvas). */
int ir_map_open_canvases(const map_settings *s, const figure_size *size,
                         const char *suffix, ir_map_outputs *out,
                         ir_error *err)
{
    int rc = 0;
    for (int i = 0; i < s->outputs.n && rc == 0; i++) {
        char path[PATH_MAX];
        ir_map_with_suffix(s->outputs.item[i], suffix, path, sizeof path);
        ir_format format;
        if (s->format ? ir_canvas_format_parse(s->format, &format)
                      : ir_canvas_format_of_path(path, &format)) {
            rc = ir_error_set(err, IR_EUSAGE, path, -1, NULL,
                              "cannot tell the format: use a .svg, .png or "
                              ".pdf name, or --format");
            break;
        }
        ir_canvas *c = ir_canvas_create(path, format, size->width,
                                        size->height, size->dpi, err);
        if (c == NULL) {
            rc = err->status;
            break;
        }
        out->canvas[out->ncanvas++] = c;
        ir_canvas_set_title(c, s->title ? s->title : "Flow map");
        ir_canvas_set_png_level(c, s->page.png_level);
    }
    return rc;
}

/* Renders a laid-out figure into every output, and the files beside. */
static int render_job(const map_inputs *in, figure_job *job,
                      const figure_size *size, const char *suffix,
                      ir_map_outputs *out, bool write_beside, ir_error *err)
{
    const map_settings *s = in->s;
    int rc = 0;
    int first = out->ncanvas;
    rc = ir_map_open_canvases(s, size, suffix, out, err);
    if (rc == 0 && ir_atlas_simplify(in->atlas,
                                     ir_frame_thin_tolerance(&job->frame)) != 0)
        rc = ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    ir_flowdraw_page page = { in->atlas, &job->frame, &job->style, job->map,
                              job->labels, &job->fig, job->rect, job->river,
                              job->crossing_names, job->crossing_colors };
    if (rc == 0)
        rc = ir_canvas_draw_all(out->canvas + first, out->ncanvas - first,
                                ir_flowdraw_page_draw, &page, s->threads, err);
    beside files = { job->map, job->river, in->crossings, s, &job->frame,
                     job->note };
    if (rc == 0 && write_beside && s->flows_csv)
        rc = ir_map_open_beside(out, s->flows_csv, ir_map_write_flows_csv, &files, err);
    if (rc == 0 && write_beside && s->alt_text)
        rc = ir_map_open_beside(out, s->alt_text, write_alt_text, &files, err);
    return rc;
}

int ir_map_draw_figure(const map_inputs *in, const figure_size *size,
                       const char *suffix, ir_map_outputs *out,
                       bool write_beside, ir_error *err)
{
    figure_job *job = calloc(1, sizeof *job);
    if (job == NULL)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "out of memory");
    int rc = ir_map_lay_out(in, size, write_beside, job, err);
    if (rc == 0)
        rc = render_job(in, job, size, suffix, out, write_beside, err);
    ir_map_job_free(job);
    free(job);
    return rc;
}

/* A total given as a number, or as a measure of the --totals file. */
static int resolve_total(const map_settings *s, const char *option,
                         const char *text, double *value, ir_error *err)
{
    char *end;
    *value = strtod(text, &end);
    if (end != text && *end == '\0')
        return *value > 0 ? 0
                          : ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                                         "--%s %s: must be more than 0",
                                         option, text);
    *value = 0;
    if (s->totals == NULL)
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--%s %s: not a number, and no --totals file to "
                            "find it in", option, text);
    return ir_totals_lookup(s->totals, text, value, err);
}

int ir_cmd_map(int argc, char **argv)
{
    map_settings s = { 0 };
    s.labels = -1;
    s.page.margin = 12;
    s.bend = 0.18;
    s.threads = ir_pool_cores();
    s.page.png_level = 6;
    ir_options_store store = { 0 };
    ir_error err = { 0 };
    const char *input = NULL;
    int npos = 0;
    int rc = ir_options_parse(ir_map_options, &s, argc, argv, &input, 1, &npos,
                              &store, &err);
    if (rc == IR_OPTIONS_HELP) {
        fputs("usage: ironriver map INPUT.csv -o FIGURE.svg|png|pdf "
              "[options]\n\nDraws the flows of an OD table or a trace file "
              "over the basemap.\n\n", stdout);
        ir_options_help(ir_map_options, stdout);
        ir_options_store_free(&store);
        return IR_OK;
    }
    if (rc == 0 && npos == 0)
        input = s.input;
    if (rc == 0 && input == NULL)
        rc = ir_error_set(&err, IR_EUSAGE, NULL, -1, NULL,
                          "map needs one input file (an OD table or trace "
                          "CSV), as the argument or the spec's 'input'");
    if (rc == 0 && s.outputs.n == 0)
        rc = ir_error_set(&err, IR_EUSAGE, NULL, -1, NULL,
                          "map needs an output: -o FILE");
    /* Outputs named without a folder go to --out-dir. */
    static char placed[IR_OPTIONS_MAX_LIST + 2][PATH_MAX];
    if (rc == 0 && s.out_dir) {
        const char **names[IR_OPTIONS_MAX_LIST + 2];
        int n = 0;
        for (int i = 0; i < s.outputs.n; i++)
            names[n++] = &s.outputs.item[i];
        if (s.flows_csv)
            names[n++] = &s.flows_csv;
        if (s.alt_text)
            names[n++] = &s.alt_text;
        for (int i = 0; i < n && rc == 0; i++) {
            if ((*names[i])[0] == '/')
                continue;
            if (snprintf(placed[i], PATH_MAX, "%s/%s", s.out_dir, *names[i]) >=
                PATH_MAX)
                rc = ir_error_set(&err, IR_EUSAGE, *names[i], -1, NULL,
                                  "the path is too long");
            *names[i] = placed[i];
        }
    }
    if (rc == 0)
        rc = resolve_cluster(&s, &err);
    double share_of = 0, share_also = 0;
    if (rc == 0 && s.share_of)
        rc = resolve_total(&s, "share-of", s.share_of, &share_of, &err);
    if (rc == 0 && s.share_also)
        rc = resolve_total(&s, "share-also", s.share_also, &share_also, &err);
    ir_aggregate_options agg = { 0 };
    if (rc == 0)
        rc = ir_trace_input_apply(&s.in, &agg, &err);
    if (rc) {
        fprintf(stderr, "ironriver: %s\n", err.message);
        ir_options_store_free(&store);
        return rc;
    }
    if (s.preset > 0 && (s.page.width || s.page.height || s.page.dpi)) {
        fprintf(stderr, "ironriver: --preset sets the figure size; leave out "
                        "--width, --height and --dpi\n");
        ir_options_store_free(&store);
        return IR_EUSAGE;
    }
    if (s.page.width == 0) s.page.width = 1600;
    if (s.page.height == 0) s.page.height = 1200;
    if (s.page.dpi == 0) s.page.dpi = 150;

    char paths[1][PATH_MAX];
    ir_states *states = NULL;
    ir_od *od = NULL;
    ir_boundaries bounds = { 0 };
    ir_projection *proj = NULL;
    ir_atlas *atlas = NULL;
    ir_anchors *anchors = NULL;
    ir_locator *locator = NULL;
    ir_crossings *crossings = NULL;
    ir_point *crossing_xy = NULL;
    ir_map_outputs out = { 0 };
    ir_aggregate_report report = { 0 };
    ir_state_values *fill_values = NULL;
    ir_choropleth *fill = NULL;
    ir_layer *fill_layer = NULL;
    rc = IR_EINTERNAL;
    if (!s.in.states && ir_datadir_require("data/states.csv", paths[0],
                                        PATH_MAX, &err))
        goto done;
    if ((states = ir_states_load(s.in.states ? s.in.states : paths[0],
                                 &err)) == NULL)
        goto done;
    /* The boundaries come first: a places table's places are located in
     * them before the trace file names them. */
    if (ir_boundaries_load(&s.bounds, true, &bounds, &err) ||
        !(proj = ir_projection_create(s.page.projection, &err)))
        goto done;
    const ir_layer *layers[IR_OPTIONS_MAX_LIST];
    for (size_t i = 0; i < bounds.nstate; i++)
        layers[i] = bounds.state[i];
    const ir_layer *ctx = bounds.context;
    if (ir_trace_input_locates(&s.in) &&
        !(locator = ir_locator_create(layers, bounds.nstate, ctx, states,
                                      &err)))
        goto done;
    agg.locator = locator;
    if (ir_trace_input_declare(&s.in, input, &agg, states, locator, &err) ||
        ir_fill_declare(&s.fill, &s.in, states, locator, &fill_layer, &err) ||
        (od = ir_aggregate_file(input, states, &agg, &report, &err)) == NULL ||
        ir_trace_input_rollup(&s.in, &od, states, s.quiet, &err))
        goto done;
    ir_atlas_sources src = { layers, bounds.nstate, ctx, bounds.lakes,
                             fill_layer };
    char destinations[64];
    ir_extent_destination_codes(od, states, destinations,
                                sizeof destinations);
    ir_atlas_options atlas_opt = { .threads = s.threads,
                                   .destinations = destinations };
    if (!(atlas = ir_atlas_create(&src, states, proj, &atlas_opt, &err)) ||
        !(anchors = ir_anchors_create(atlas, states, s.threads, &err)))
        goto done;
    if (ir_anchors_add_places(anchors, proj, &err) ||
        (s.nodes && ir_anchors_override(anchors, s.nodes, proj, &err)))
        goto done;
    char crossings_path[PATH_MAX];
    if (s.mode == 1) {
        if (!s.crossings && ir_datadir_require("data/ports-of-entry.csv",
                                               crossings_path, PATH_MAX, &err))
            goto done;
        if (!(crossings = ir_crossings_load(s.crossings ? s.crossings
                                                        : crossings_path,
                                            &err)) ||
            !(crossing_xy = ir_crossroute_project(crossings, proj,
                                                  &err)))
            goto done;
    }

    figure_size sizes[2] = { { s.page.width, s.page.height, s.page.dpi },
                             { 0, 0, 0 } };
    int nsizes = 1;
    if (s.preset > 0) {
        nsizes = ir_map_preset_sizes[s.preset][1].width ? 2 : 1;
        for (int k = 0; k < nsizes; k++)
            sizes[k] = ir_map_preset_sizes[s.preset][k];
    }
    if ((rc = ir_map_check_targets(&s, sizes, nsizes, &err)))
        goto done;
    s.share_total = share_of;
    /* Pinned colours name states and places: read once the places are. */
    static ir_color_pin pins[IR_OPTIONS_MAX_LIST];
    size_t npins = 0;
    for (int i = 0; i < s.colors.n; i++) {
        char why[512];
        if (ir_color_pin_parse(s.colors.item[i], states, &pins[npins], why,
                               sizeof why)) {
            rc = ir_error_set(&err, IR_EUSAGE, NULL, -1, NULL, "%s", why);
            goto done;
        }
        npins++;
    }
    ir_basemap_style land;
    ir_basemap_style_default(&land);
    unsigned land_rgb = (unsigned)lround(land.mx_fill.r * 255) << 16 |
                        (unsigned)lround(land.mx_fill.g * 255) << 8 |
                        (unsigned)lround(land.mx_fill.b * 255);
    if ((rc = ir_fill_create(&s.fill, states, fill_layer, ir_map_langs[s.lang],
                             land_rgb, &fill_values, &fill, &err)))
        goto done;
    if (fill && !s.quiet)
        ir_fill_check_states(fill_values, states, anchors);
    /* The note cites the fill's source after the flows'. */
    static char source[2048];
    static char fill_alt[1024];
    if (fill_values) {
        ir_fill_source(&s.fill, s.source, source, sizeof source);
        s.source = source;
        ir_fill_describe(&s.fill, fill_values, fill, ir_map_langs[s.lang],
                         fill_alt, sizeof fill_alt);
        s.fill_alt = fill_alt;
    }
    map_inputs in = { &s, states, od, atlas, anchors, share_of, share_also,
                      crossings, crossing_xy, input, &agg, pins, npins, fill,
                      fill_values, NULL, NULL };
    for (int k = 0; k < nsizes; k++) {
        char suffix[32] = "";
        if (nsizes > 1)
            snprintf(suffix, sizeof suffix, "-%dx%d", sizes[k].width,
                     sizes[k].height);
        int (*draw)(const map_inputs *, const figure_size *, const char *,
                    ir_map_outputs *, bool, ir_error *) =
            s.compare ? ir_map_draw_compare
            : s.panel_by || s.panels.n ? ir_map_draw_panels
                                       : ir_map_draw_figure;
        if ((rc = draw(&in, &sizes[k], suffix, &out, k == 0, &err)))
            break;
    }
    rc = rc ? rc : ir_map_outputs_commit(&out, &err);
done:
    if (rc != 0) {
        /* The stage that failed says how; rc was only a placeholder. */
        if (err.status == IR_OK)
            ir_error_set(&err, rc, NULL, -1, NULL, "internal error");
        rc = err.status;
        fprintf(stderr, "ironriver: %s\n", err.message);
    }
    ir_map_outputs_abort(&out);
    ir_choropleth_destroy(fill);
    ir_state_values_destroy(fill_values);
    ir_anchors_destroy(anchors);
    ir_locator_destroy(locator);
    ir_crossings_destroy(crossings);
    free(crossing_xy);
    ir_atlas_destroy(atlas);
    ir_layer_destroy(fill_layer);
    ir_projection_destroy(proj);
    ir_boundaries_free(&bounds);
    ir_aggregate_report_free(&report);
    ir_od_destroy(od);
    ir_states_destroy(states);
    ir_options_store_free(&store);
    return rc;
}

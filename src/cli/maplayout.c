/*
 * maplayout: one figure of the map command laid out (see mapfigure.h):
 * the flow map at the page's scale, in river mode the trees through the
 * crossings, the colour keys, the labels and the note.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "layout/change.h"
#include "layout/extent.h"
#include "layout/page.h"
#include "river/crossroute.h"
#include "river/river.h"
#include "render/figtext.h"
#include "render/riverdraw.h"
#include "fillopts.h"
#include "mapfigure.h"

ir_figtext ir_map_figtext(const map_settings *s, double share_of,
                          double share_also)
{
    return (ir_figtext){ ir_map_langs[s->lang], s->title, s->source, s->share_note,
                         share_of, share_also, s->fill_alt,
                         { s->periods[0], s->periods[1] },
                         { s->period_totals[0], s->period_totals[1] } };
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

/* River mode: the crossings' names on the map, without the bridge's in
 * brackets, and the trees' colours keyed in the legend, busiest crossing
 * first as riverdraw colours them, past six one grey row (panels colour
 * and key them by their traffic in all panels); returns how many boxes
 * of crossing names the labels must keep off, in blocked. */
static size_t key_river(const map_inputs *in, bool write_beside,
                        figure_job *job, ir_text_box *blocked)
{
    const map_settings *s = in->s;
    const panel_spec *pn = in->panel;
    const char **names = job->names;
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
    if (!s->quiet && write_beside)
        fprintf(stderr, "ironriver: river: %zu crossings of bands between "
                        "trees of different ports\n",
                ir_river_tree_crossings(job->river));
    return ir_riverdraw_crossing_boxes(job->river, job->map, names, blocked,
                                       256);
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
    ir_text_box blocked[258];
    size_t nblocked = 0;
    if (job->river)
        nblocked = key_river(in, write_beside, job, blocked);
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

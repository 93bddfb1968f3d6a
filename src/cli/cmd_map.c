/*
 * ironriver map: trace or OD CSV in, flow map figures out.
 *
 * Wiring only: options (mapspec; command line over spec file) ->
 * aggregate -> load and project boundaries -> anchors -> flow lay-out, or
 * in river mode the crossings and their trees -> labels -> render each
 * output.  An OD table is read by the same aggregator: its
 * origin,destination,weight header is recognised like any other.
 */
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
#include "load/locate.h"
#include "load/states.h"
#include "load/totals.h"
#include "aggregate/aggregate.h"
#include "project/atlas.h"
#include "project/project.h"
#include "layout/anchors.h"
#include "layout/extent.h"
#include "layout/flowmap.h"
#include "river/crossroute.h"
#include "render/canvas.h"
#include "render/figtext.h"
#include "render/flowdraw.h"
#include "render/render.h"
#include "boundaries.h"
#include "commands.h"
#include "datadir.h"
#include "fillopts.h"
#include "mapfigure.h"
#include "mapout.h"
#include "mapspec.h"
#include "options.h"
#include "traceopts.h"
#include "tracereport.h"

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

static void write_alt_arg(FILE *fp, const void *b)
{
    write_alt_text(fp, b);
}

char *ir_map_text(void (*write)(FILE *fp, const void *arg), const void *arg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (fp == NULL)
        return NULL;
    write(fp, arg);
    if (fclose(fp) != 0) {
        free(buf);
        return NULL;
    }
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
        buf[--len] = '\0';
    return buf;
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

/* A canvas of the size for every output, in out (from out->ncanvas). */
int ir_map_open_canvases(const map_settings *s, const figure_size *size,
                         const char *suffix, const char *alt,
                         ir_map_outputs *out, ir_error *err)
{
    const ir_canvas_text text = { s->title ? s->title : "Flow map", alt,
                                  s->source, ir_map_langs[s->lang] };
    int rc = 0;
    for (int i = 0; i < s->outputs.n && rc == 0; i++) {
        char path[PATH_MAX];
        ir_map_with_suffix(s->outputs.item[i], suffix, path, sizeof path);
        ir_format format;
        if (s->format ? ir_canvas_format_parse(s->format, &format)
                      : ir_canvas_format_of_path(path, &format)) {
            rc = ir_error_set(err, IR_EUSAGE, path, -1, NULL,
                              "cannot tell the format: use a .svg, .png, .pdf or "
                              ".html name, or --format");
            break;
        }
        ir_canvas *c = ir_canvas_create(path, format, size->width,
                                        size->height, size->dpi, err);
        if (c == NULL) {
            rc = err->status;
            break;
        }
        out->canvas[out->ncanvas++] = c;
        ir_canvas_set_text(c, &text);
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
    beside files = { job->map, job->river, in->crossings, s, &job->frame,
                     job->note };
    char *alt = ir_map_text(write_alt_arg, &files);
    rc = alt ? ir_map_open_canvases(s, size, suffix, alt, out, err)
             : ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    free(alt);
    if (rc == 0 && ir_atlas_simplify(in->atlas,
                                     ir_frame_thin_tolerance(&job->frame)) != 0)
        rc = ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    ir_flowdraw_page page = { in->atlas, &job->frame, &job->style, job->map,
                              job->labels, &job->fig, job->rect, job->river,
                              job->crossing_names, job->crossing_colors };
    if (rc == 0)
        rc = ir_canvas_draw_all(out->canvas + first, out->ncanvas - first,
                                ir_flowdraw_page_draw, &page, s->threads, err);
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
        fputs("usage: ironriver map INPUT.csv -o FIGURE.svg|png|pdf|html "
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
    /* -o replaces a spec file's outputs: the spec's files beside them
     * follow the outputs written, so that no run writes over the text
     * of a figure it did not draw. */
    static char side[2][PATH_MAX];
    if (rc == 0 && s.config && ir_options_given(&store, "output")) {
        const char **file[2] = { &s.alt_text, &s.flows_csv };
        static const char *const name[2] = { "alt-text", "flows-csv" };
        static const char *const ext[2] = { ".txt", "-flows.csv" };
        for (int k = 0; k < 2; k++) {
            if (*file[k] == NULL || ir_options_given(&store, name[k]))
                continue;
            const char *o = s.outputs.item[0];
            const char *slash = strrchr(o, '/'), *dot = strrchr(o, '.');
            size_t base = dot && (!slash || dot > slash) ? (size_t)(dot - o)
                                                         : strlen(o);
            snprintf(side[k], PATH_MAX, "%.*s%s", (int)base, o, ext[k]);
            if (!s.quiet)
                fprintf(stderr, "ironriver: note: -o replaces the spec's "
                                "outputs, so its %s goes to %s, not %s\n",
                        name[k], side[k], *file[k]);
            *file[k] = side[k];
        }
    }
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
    s.bounds.quiet = s.quiet;
    if (ir_boundaries_load(&s.bounds, true, states, &bounds, &err) ||
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
    agg.count_years = true;
    if (ir_trace_input_declare(&s.in, input, &agg, states, locator,
                               &s.bounds, &err) ||
        ir_fill_declare(&s.fill, &s.in, states, locator, &s.bounds,
                        &fill_layer, &err) ||
        (od = ir_aggregate_file(input, states, &agg, &report, &err)) == NULL ||
        ir_trace_input_rollup(&s.in, &od, states, s.quiet, &err) ||
        ir_trace_report_empty(input, &s.in, &report, &err))
        goto done;
    /* A figure of one part sums every year the filters keep; panels and
     * --compare draw one value each. */
    bool one_part = !s.compare && !s.panel_by && s.panels.n == 0;
    if (!s.quiet && report.skipped_unknown)
        ir_trace_report_print(&report);
    if (!s.quiet && one_part && report.years_kept.several)
        fprintf(stderr, "ironriver: note: the rows kept name several years "
                        "or periods, and the figure sums them (its note "
                        "says so): --years Y1-Y2 draws one period, "
                        "--panel-by or --compare sets them apart\n");
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
    /* What the aggregation changed of the data's meaning comes first. */
    static char traced[1024], noted[3072];
    if (ir_trace_report_note(&report, one_part, ir_map_langs[s.lang], traced,
                             sizeof traced)) {
        snprintf(noted, sizeof noted, "%s%s%s", traced, s.source ? " " : "",
                 s.source ? s.source : "");
        ir_text_utf8_trim(noted);
        s.source = noted;
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
        ir_trace_report_problems(input, &report);
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

/*
 * ironriver basemap: load boundaries, project them, fit them to the page
 * and draw them to one or more SVG, PNG or PDF files.
 */
#include <stddef.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pool.h"
#include "load/layer.h"
#include "load/states.h"
#include "project/atlas.h"
#include "project/project.h"
#include "layout/frame.h"
#include "render/canvas.h"
#include "render/render.h"
#include "commands.h"
#include "datadir.h"
#include "options.h"
#include "pageopts.h"

typedef struct basemap_args {
    const char *config;
    ir_opt_list outputs;
    const char *format;
    ir_opt_list shapes;
    const char *context;
    bool no_context;
    const char *lakes;
    bool no_lakes;
    const char *states;
    ir_layer_options layer_opt;
    ir_atlas_options atlas_opt;
    ir_page_options page;
    int threads;
    bool quiet;
} basemap_args;

#define F(field) offsetof(basemap_args, field)
static const ir_option basemap_options[] = {
    { "config", 'c', IR_OPT_STRING, F(config), 0, 0, NULL, "FILE.ini",
      "read options from a spec file (command-line options win)" },
    { "output", 'o', IR_OPT_LIST, F(outputs), 0, 0, NULL, "FILE",
      "output .svg, .png, .pdf or .html (repeatable)" },
    { "format", 0, IR_OPT_STRING, F(format), 0, 0, NULL, "F",
      "svg, png, pdf or html, overriding the extension" },
    { "shapes", 0, IR_OPT_LIST, F(shapes), 0, 0, NULL, "FILE.shp",
      "state boundaries (repeatable; default: the shipped U.S. and Mexican "
      "states)" },
    { "name-field", 0, IR_OPT_STRING, F(layer_opt.name_field), 0, 0, NULL,
      "F", "DBF field holding state names" },
    { "code-field", 0, IR_OPT_STRING, F(layer_opt.code_field), 0, 0, NULL,
      "F", "DBF field holding state codes (ISO, USPS, CVE_ENT, STATEFP)" },
    { "encoding", 0, IR_OPT_STRING, F(layer_opt.encoding), 0, 0, NULL, "E",
      "DBF text encoding, overriding the .cpg" },
    { "context", 0, IR_OPT_PATH, F(context), 0, 0, NULL, "FILE.shp",
      "neighbouring countries (default: shipped)" },
    { "no-context", 0, IR_OPT_FLAG, F(no_context), 0, 0, NULL, NULL,
      "draw no neighbouring countries" },
    { "lakes", 0, IR_OPT_PATH, F(lakes), 0, 0, NULL, "FILE.shp",
      "lakes drawn as water (default: shipped)" },
    { "no-lakes", 0, IR_OPT_FLAG, F(no_lakes), 0, 0, NULL, NULL,
      "draw no lakes" },
    { "states", 0, IR_OPT_PATH, F(states), 0, 0, NULL, "FILE.csv",
      "state table (default: data/states.csv)" },
    { "alaska", 0, IR_OPT_FLAG, F(atlas_opt.alaska), 0, 0, NULL, NULL,
      "show Alaska (true position, widens the map)" },
    { "hawaii", 0, IR_OPT_FLAG, F(atlas_opt.hawaii), 0, 0, NULL, NULL,
      "show Hawaii (true position, widens the map)" },
    IR_PAGE_OPTIONS(F(page)),
    { "threads", 0, IR_OPT_INT, F(threads), 1, IR_THREADS_MAX, NULL, "N",
      "cores for drawing, 1 to 64 (default: every core); a PNG's bands and "
      "SVG and PDF files at once, the same bytes for any N" },
    { "quiet", 'q', IR_OPT_FLAG, F(quiet), 0, 0, NULL, NULL,
      "no notes on stderr" },
    { NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL }
};
#undef F

static int fail(const ir_error *err)
{
    fprintf(stderr, "ironriver: %s\n", err->message);
    return err->status;
}

/* Renders every output.  Formats are checked and every file opened before
 * anything is drawn, and nothing is put in place until every figure has
 * been written: a run either delivers all its outputs or none. */
static int render_outputs(const basemap_args *a, ir_atlas *atlas,
                          ir_error *err)
{
    ir_frame frame;
    ir_frame_init(&frame, a->page.width, a->page.height, a->page.dpi,
                  a->page.margin);
    if (frame.width_pt <= 2 * a->page.margin ||
        frame.height_pt <= 2 * a->page.margin)
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--margin %g leaves no room on a %g x %g pt page",
                            a->page.margin, frame.width_pt, frame.height_pt);
    double bounds[4];
    ir_atlas_extent(atlas, bounds);
    if (ir_frame_fit(&frame, bounds) != 0)
        return ir_error_set(err, IR_EINPUT, NULL, -1, NULL,
                            "nothing to draw: no state of the boundary files "
                            "is shown (Alaska and Hawaii need --alaska and "
                            "--hawaii)");
    if (ir_atlas_simplify(atlas, ir_frame_thin_tolerance(&frame)) != 0)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    ir_format formats[IR_OPTIONS_MAX_LIST];
    for (int i = 0; i < a->outputs.n; i++)
        if (a->format ? ir_canvas_format_parse(a->format, &formats[i])
                      : ir_canvas_format_of_path(a->outputs.item[i], &formats[i]))
            return ir_error_set(err, IR_EUSAGE, a->outputs.item[i], -1, NULL,
                                "cannot tell the format: use a .svg, .png, .pdf or "
                                ".html name, or --format");
    ir_basemap_style style;
    ir_basemap_style_default(&style);
    style.water = a->page.water;
    ir_canvas *canvas[IR_OPTIONS_MAX_LIST] = { 0 };
    int rc = 0;
    for (int i = 0; i < a->outputs.n && rc == 0; i++)
        if ((canvas[i] = ir_canvas_create(a->outputs.item[i], formats[i],
                                          a->page.width, a->page.height,
                                          a->page.dpi, err)) == NULL)
            rc = err->status;
    for (int i = 0; i < a->outputs.n && rc == 0; i++) {
        ir_canvas_set_text(canvas[i],
                           &(ir_canvas_text){ "U.S. and Mexican states", NULL,
                                              NULL, NULL });
        ir_canvas_set_png_level(canvas[i], a->page.png_level);
    }
    ir_basemap_page job = { atlas, &frame, &style };
    if (rc == 0)
        rc = ir_canvas_draw_all(canvas, a->outputs.n, ir_render_basemap_page, &job,
                                a->threads, err);
    if (rc == 0)
        return ir_canvas_commit_all(canvas, a->outputs.n, NULL, 0, err);
    for (int i = 0; i < a->outputs.n; i++)
        ir_canvas_destroy(canvas[i]);
    return rc;
}

int ir_cmd_basemap(int argc, char **argv)
{
    basemap_args a = { .page = { .width = 1600, .height = 1200, .dpi = 150,
                                 .margin = 12, .png_level = 6 },
                      .threads = ir_pool_cores() };
    ir_options_store store = { 0 };
    ir_error err = { 0 };
    int npos = 0;
    int rc = ir_options_parse(basemap_options, &a, argc, argv, NULL, 0,
                              &npos, &store, &err);
    if (rc == IR_OPTIONS_HELP) {
        fputs("usage: ironriver basemap -o FILE [-o FILE ...] [options]\n\n"
              "Draws the projected basemap of U.S. and Mexican states.\n\n",
              stdout);
        ir_options_help(basemap_options, stdout);
        ir_options_store_free(&store);
        return IR_OK;
    }
    if (rc == 0 && a.outputs.n == 0)
        rc = ir_error_set(&err, IR_EUSAGE, NULL, -1, NULL,
                          "basemap needs an output: -o FILE");
    if (rc) {
        ir_options_store_free(&store);
        return fail(&err);
    }
    char path[4][PATH_MAX];
    const ir_layer *layers[IR_OPTIONS_MAX_LIST] = { 0 };
    ir_layer *context = NULL, *lakes = NULL;
    ir_states *states = NULL;
    ir_projection *proj = NULL;
    ir_atlas *atlas = NULL;
    int nlayers = 0;

    if (a.shapes.n == 0) {
        static const char *const defaults[] = { "shapes/us-states.shp",
                                                "shapes/mx-states.shp" };
        for (int i = 0; i < 2; i++) {
            if ((rc = ir_datadir_require(defaults[i], path[i], sizeof path[i],
                                         &err)))
                goto done;
            a.shapes.item[a.shapes.n++] = path[i];
        }
    }
    if (!a.no_context && a.context == NULL) {
        if ((rc = ir_datadir_require("shapes/countries.shp", path[2], sizeof path[2],
                          &err)))
            goto done;
        a.context = path[2];
    }
    if (!a.no_lakes && a.lakes == NULL) {
        if ((rc = ir_datadir_require("shapes/lakes.shp", path[3], sizeof path[3], &err)))
            goto done;
        a.lakes = path[3];
    }
    char states_path[PATH_MAX];
    if (a.states == NULL) {
        if ((rc = ir_datadir_require("data/states.csv", states_path, sizeof states_path,
                          &err)))
            goto done;
        a.states = states_path;
    }
    rc = IR_EINTERNAL; /* until the figures are written */
    if ((states = ir_states_load(a.states, &err)) == NULL)
        goto done;
    for (; nlayers < a.shapes.n; nlayers++)
        if ((layers[nlayers] = ir_layer_load(a.shapes.item[nlayers],
                                             &a.layer_opt, &err)) == NULL)
            goto done;
    if (!a.no_context && (context = ir_layer_load(a.context, NULL, &err)) ==
                             NULL)
        goto done;
    if (!a.no_lakes && (lakes = ir_layer_load(a.lakes, NULL, &err)) == NULL)
        goto done;
    if ((proj = ir_projection_create(a.page.projection, &err)) == NULL)
        goto done;
    ir_atlas_sources sources = { layers, (size_t)nlayers, context, lakes,
                                 NULL };
    a.atlas_opt.threads = a.threads;
    if ((atlas = ir_atlas_create(&sources, states, proj, &a.atlas_opt,
                                 &err)) == NULL)
        goto done;
    const char *skipped_name;
    size_t skipped = ir_atlas_skipped(atlas, &skipped_name);
    if (skipped && !a.quiet)
        fprintf(stderr, "ironriver: note: %zu record%s naming no U.S. or "
                        "Mexican state left out (first: '%s')\n",
                skipped, skipped == 1 ? "" : "s", skipped_name);
    rc = render_outputs(&a, atlas, &err);
done:
    if (rc != IR_OK && err.status == IR_OK)
        ir_error_set(&err, IR_EINTERNAL, NULL, -1, NULL,
                     "internal error (a stage failed without saying why)");
    if (rc != IR_OK)
        rc = fail(&err);
    ir_atlas_destroy(atlas);
    ir_projection_destroy(proj);
    ir_layer_destroy(context);
    ir_layer_destroy(lakes);
    for (int i = 0; i < nlayers; i++)
        ir_layer_destroy((ir_layer *)layers[i]);
    ir_states_destroy(states);
    ir_options_store_free(&store);
    return rc;
}

/*
 * ironriver basemap: load boundaries, project them, fit them to the page
 * and draw them to one or more SVG, PNG or PDF files.
 */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atlas.h"
#include "canvas.h"
#include "commands.h"
#include "datadir.h"
#include "frame.h"
#include "project.h"
#include "render.h"
#include "layer.h"
#include "states.h"

#define MAX_LAYERS 16
#define MAX_OUTPUTS 8

static const char basemap_help[] =
    "usage: ironriver basemap -o FILE [-o FILE ...] [options]\n"
    "\n"
    "Draws the projected basemap of U.S. and Mexican states.\n"
    "\n"
    "  -o, --output FILE       output .svg, .png or .pdf (repeatable)\n"
    "      --format F          svg, png or pdf, overriding the extension\n"
    "      --shapes FILE.shp   state boundaries (repeatable; default: the\n"
    "                          shipped shapes/us-states.shp and mx-states.shp)\n"
    "      --name-field F      DBF field holding state names\n"
    "      --code-field F      DBF field holding state codes (ISO, USPS,\n"
    "                          INEGI CVE_ENT or Census STATEFP)\n"
    "      --encoding E        DBF text encoding, overriding the .cpg\n"
    "      --context FILE.shp  neighbouring countries (default: shipped)\n"
    "      --no-context        draw no neighbouring countries\n"
    "      --lakes FILE.shp    lakes drawn as water (default: shipped)\n"
    "      --no-lakes          draw no lakes\n"
    "      --states FILE.csv   state table (default: data/states.csv)\n"
    "      --projection P      PROJ string, EPSG:code or WKT (default: Lambert\n"
    "                          conformal conic, parallels 20N and 44N, 100W)\n"
    "      --alaska            show Alaska (true position, widens the map)\n"
    "      --hawaii            show Hawaii (true position, widens the map)\n"
    "      --width PX          width in pixels (default 1600)\n"
    "      --height PX         height in pixels (default 1200)\n"
    "      --dpi N             resolution (default 150); with the pixel size\n"
    "                          it sets the printed size of SVG and PDF\n"
    "      --margin PT         margin around the map in points (default 12)\n"
    "      --water             paint the background as water\n"
    "      --png-compression N zlib level 0-9 for PNG (default 6)\n"
    "  -q, --quiet             no notes on stderr\n"
    "  -h, --help              this help\n";

typedef struct basemap_args {
    const char *outputs[MAX_OUTPUTS];
    int noutputs;
    const char *format;
    const char *shapes[MAX_LAYERS];
    int nshapes;
    const char *context;
    bool no_context;
    const char *lakes;
    bool no_lakes;
    const char *states;
    ir_layer_options layer_opt;
    const char *projection;
    ir_atlas_options atlas_opt;
    int width, height;
    double dpi, margin;
    int png_level;
    bool water, quiet;
} basemap_args;

static int parse_int(const char *opt, const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
        fprintf(stderr, "ironriver: %s: '%s' is not a whole number from %d "
                        "to %d\n", opt, s, lo, hi);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int parse_double(const char *opt, const char *s, double lo, double hi,
                        double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || !(v >= lo && v <= hi)) {
        fprintf(stderr, "ironriver: %s: '%s' is not a number from %g to %g\n",
                opt, s, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

enum {
    OPT_FORMAT = 256, OPT_SHAPES, OPT_NAME_FIELD, OPT_CODE_FIELD,
    OPT_ENCODING, OPT_CONTEXT, OPT_NO_CONTEXT, OPT_STATES, OPT_PROJECTION,
    OPT_ALASKA, OPT_HAWAII, OPT_WIDTH, OPT_HEIGHT, OPT_DPI, OPT_MARGIN,
    OPT_WATER, OPT_LAKES, OPT_NO_LAKES, OPT_PNG_LEVEL
};

static const struct option long_options[] = {
    { "output", required_argument, NULL, 'o' },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "shapes", required_argument, NULL, OPT_SHAPES },
    { "name-field", required_argument, NULL, OPT_NAME_FIELD },
    { "code-field", required_argument, NULL, OPT_CODE_FIELD },
    { "encoding", required_argument, NULL, OPT_ENCODING },
    { "context", required_argument, NULL, OPT_CONTEXT },
    { "no-context", no_argument, NULL, OPT_NO_CONTEXT },
    { "lakes", required_argument, NULL, OPT_LAKES },
    { "no-lakes", no_argument, NULL, OPT_NO_LAKES },
    { "states", required_argument, NULL, OPT_STATES },
    { "projection", required_argument, NULL, OPT_PROJECTION },
    { "alaska", no_argument, NULL, OPT_ALASKA },
    { "hawaii", no_argument, NULL, OPT_HAWAII },
    { "width", required_argument, NULL, OPT_WIDTH },
    { "height", required_argument, NULL, OPT_HEIGHT },
    { "dpi", required_argument, NULL, OPT_DPI },
    { "margin", required_argument, NULL, OPT_MARGIN },
    { "water", no_argument, NULL, OPT_WATER },
    { "png-compression", required_argument, NULL, OPT_PNG_LEVEL },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
};

/* Returns -1 on a usage error, 1 when --help was asked, 0 otherwise. */
static int parse_args(int argc, char **argv, basemap_args *a)
{
    memset(a, 0, sizeof *a);
    a->width = 1600, a->height = 1200, a->dpi = 150, a->margin = 12;
    a->png_level = 6;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:qh", long_options, NULL)) != -1) {
        const char *opt = argv[optind - 1];
        switch (c) {
        case 'o':
            if (a->noutputs == MAX_OUTPUTS) {
                fprintf(stderr, "ironriver: at most %d outputs\n",
                        MAX_OUTPUTS);
                return -1;
            }
            a->outputs[a->noutputs++] = optarg;
            break;
        case OPT_FORMAT: a->format = optarg; break;
        case OPT_SHAPES:
            if (a->nshapes == MAX_LAYERS) {
                fprintf(stderr, "ironriver: at most %d --shapes files\n",
                        MAX_LAYERS);
                return -1;
            }
            a->shapes[a->nshapes++] = optarg;
            break;
        case OPT_NAME_FIELD: a->layer_opt.name_field = optarg; break;
        case OPT_CODE_FIELD: a->layer_opt.code_field = optarg; break;
        case OPT_ENCODING: a->layer_opt.encoding = optarg; break;
        case OPT_CONTEXT: a->context = optarg; break;
        case OPT_NO_CONTEXT: a->no_context = true; break;
        case OPT_LAKES: a->lakes = optarg; break;
        case OPT_NO_LAKES: a->no_lakes = true; break;
        case OPT_STATES: a->states = optarg; break;
        case OPT_PROJECTION: a->projection = optarg; break;
        case OPT_ALASKA: a->atlas_opt.alaska = true; break;
        case OPT_HAWAII: a->atlas_opt.hawaii = true; break;
        case OPT_WIDTH:
            if (parse_int("--width", optarg, 16, 30000, &a->width)) return -1;
            break;
        case OPT_HEIGHT:
            if (parse_int("--height", optarg, 16, 30000, &a->height))
                return -1;
            break;
        case OPT_DPI:
            if (parse_double("--dpi", optarg, 10, 4800, &a->dpi)) return -1;
            break;
        case OPT_MARGIN:
            if (parse_double("--margin", optarg, 0, 1000, &a->margin))
                return -1;
            break;
        case OPT_WATER: a->water = true; break;
        case OPT_PNG_LEVEL:
            if (parse_int("--png-compression", optarg, 0, 9, &a->png_level))
                return -1;
            break;
        case 'q': a->quiet = true; break;
        case 'h': return 1;
        case ':':
            fprintf(stderr, "ironriver: %s needs a value\n", opt);
            return -1;
        default:
            fprintf(stderr, "ironriver: unknown option '%s'\n", opt);
            return -1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "ironriver: unexpected argument '%s'\n", argv[optind]);
        return -1;
    }
    if (a->noutputs == 0) {
        fprintf(stderr, "ironriver: basemap needs an output: -o FILE\n");
        return -1;
    }
    return 0;
}

static int fail(const ir_error *err)
{
    fprintf(stderr, "ironriver: %s\n", err->message);
    return err->status;
}

/* Renders every output.  Formats are checked and every file opened before
 * anything is drawn, and nothing is put in place until every figure has
 * been written: a run either delivers all its outputs or none. */
static int render_outputs(const basemap_args *a, const ir_atlas *atlas,
                          ir_error *err)
{
    ir_frame frame;
    ir_frame_init(&frame, a->width, a->height, a->dpi, a->margin);
    if (frame.width_pt <= 2 * a->margin || frame.height_pt <= 2 * a->margin)
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--margin %g leaves no room on a %g x %g pt page",
                            a->margin, frame.width_pt, frame.height_pt);
    double bounds[4];
    ir_atlas_extent(atlas, bounds);
    if (ir_frame_fit(&frame, bounds) != 0)
        return ir_error_set(err, IR_EINPUT, NULL, -1, NULL,
                            "nothing to draw: no state of the boundary files "
                            "is shown (Alaska and Hawaii need --alaska and "
                            "--hawaii)");
    ir_format formats[MAX_OUTPUTS];
    for (int i = 0; i < a->noutputs; i++)
        if (a->format ? ir_canvas_format_parse(a->format, &formats[i])
                      : ir_canvas_format_of_path(a->outputs[i], &formats[i]))
            return ir_error_set(err, IR_EUSAGE, a->outputs[i], -1, NULL,
                                "cannot tell the format: use a .svg, .png or "
                                ".pdf name, or --format");
    ir_basemap_style style;
    ir_basemap_style_default(&style);
    style.water = a->water;
    ir_canvas *canvas[MAX_OUTPUTS] = { 0 };
    int rc = 0;
    for (int i = 0; i < a->noutputs && rc == 0; i++)
        if ((canvas[i] = ir_canvas_create(a->outputs[i], formats[i], a->width,
                                          a->height, a->dpi, err)) == NULL)
            rc = err->status;
    for (int i = 0; i < a->noutputs && rc == 0; i++) {
        ir_canvas_set_title(canvas[i], "U.S. and Mexican states");
        ir_canvas_set_png_level(canvas[i], a->png_level);
        ir_render_basemap(ir_canvas_cairo(canvas[i]), atlas, &frame, &style);
        rc = ir_canvas_close(canvas[i], err);
    }
    for (int i = 0; i < a->noutputs; i++) {
        if (rc == 0)
            rc = ir_canvas_commit(canvas[i], err);
        else
            ir_canvas_destroy(canvas[i]);
    }
    return rc;
}

int ir_cmd_basemap(int argc, char **argv)
{
    basemap_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc != 0) {
        fputs(basemap_help, rc > 0 ? stdout : stderr);
        return rc > 0 ? IR_OK : IR_EUSAGE;
    }
    ir_error err = { 0 };
    char path[4][PATH_MAX];
    const ir_layer *layers[MAX_LAYERS] = { 0 };
    ir_layer *context = NULL, *lakes = NULL;
    ir_states *states = NULL;
    ir_projection *proj = NULL;
    ir_atlas *atlas = NULL;
    int nlayers = 0;

    if (a.nshapes == 0) {
        static const char *const defaults[] = { "shapes/us-states.shp",
                                                "shapes/mx-states.shp" };
        for (int i = 0; i < 2; i++) {
            if ((rc = ir_datadir_require(defaults[i], path[i], sizeof path[i], &err)))
                goto done;
            a.shapes[a.nshapes++] = path[i];
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
    for (; nlayers < a.nshapes; nlayers++)
        if ((layers[nlayers] =
                 ir_layer_load(a.shapes[nlayers], &a.layer_opt, &err)) == NULL)
            goto done;
    if (!a.no_context && (context = ir_layer_load(a.context, NULL, &err)) ==
                             NULL)
        goto done;
    if (!a.no_lakes && (lakes = ir_layer_load(a.lakes, NULL, &err)) == NULL)
        goto done;
    if ((proj = ir_projection_create(a.projection, &err)) == NULL)
        goto done;
    ir_atlas_sources sources = { layers, (size_t)nlayers, context, lakes };
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
    return rc;
}

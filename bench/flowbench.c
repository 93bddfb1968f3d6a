/*
 * flowbench: the flow map's scaling benchmark.  The state-based OD matrix
 * stops at 49 x 32 = 1,568 flows, so this lays out and draws N flows
 * between jittered points (each origin a U.S. state's node moved at random
 * by up to JITTER_PT, each destination a Mexican state's), through the
 * same modules as `ironriver map`: the same basemap, lay-out, outlines and
 * legend, without labels (points have no names).
 *
 *   flowbench N SEED OUT.png|svg|pdf [FLOWS.csv] [--river] [--no-render]
 *             [--fills-only] [--floors] [--pareto]
 *
 * N may be "matrix": every conterminous U.S. state (and DC) to every
 * Mexican state, 49 x 32 flows between the states' own nodes.  With
 * --river the flows are laid out in river mode through the crossings of
 * data/ports-of-entry.csv, and layout_ms is the river lay-out's time.
 * --no-render stops after the lay-out (for profiling it).  --fills-only
 * draws nothing but the flows (casing, then band) into the 3000 x 2000
 * pixels in memory, two bands on two threads as a PNG is drawn, writes no
 * file and prints fills_ms, the flows as a PNG draws them (flowraster),
 * and cairo_fills_ms, the same flows as outlines cairo fills: a floor
 * under any cairo rendering of the figure.
 * --floors prints what the hardware must do whatever the code: area_mpx,
 * the pixels the flows' bands cover counted with overdraw (each band's
 * length times its width, no casing, no antialiasing fringe);
 * area_fill_ms, cairo filling that many pixels as pixel-aligned
 * rectangles (spans with no edges to find) on two threads; and png1_ms
 * and png6_ms, deflating the 3000 x 2000 page in its parts on two threads
 * at zlib levels 1 and 6.
 *
 * Run from the project's root.  Prints "layout_ms=... total_ms=..." on
 * standard error; FLOWS.csv gets the curves for the peers to redraw.
 * Flows are distinct (origin, destination) pairs, with invented weights
 * from 1 to 500 drawn by a seeded linear congruential generator: the same
 * N and SEED give the same figure.  Uniform weights make nearly every flow
 * wide (the worst case for filling); --pareto draws them from a heavy
 * tail instead, as real trace counts are, so that most flows are at the
 * narrowest width.  Never use it as data.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/halves.h"
#include "load/crossings.h"
#include "load/layer.h"
#include "load/states.h"
#include "project/atlas.h"
#include "project/project.h"
#include "layout/anchors.h"
#include "layout/flowmap.h"
#include "layout/frame.h"
#include "layout/labels.h"
#include "river/crossroute.h"
#include "river/river.h"
#include "render/canvas.h"
#include "render/flowdraw.h"
#include "render/pngout.h"
#include "render/render.h"

#define JITTER_PT 30.0
#define WIDTH_PX 3000
#define HEIGHT_PX 2000
#define DPI 200

static unsigned long long rng;

static unsigned next(void)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(rng >> 33);
}

/* A heavy tail, as trace counts have: Pareto with shape 1.16 (a fifth of
 * the pairs carry four fifths of the guns), at least 1, whole numbers,
 * capped at 5,000 (about the busiest state pair of the ATF's traces) so
 * that one draw cannot make every other flow vanish. */
static double pareto_weight(void)
{
    double u = (next() % 1000000 + 1) / 1000000.0;
    return fmin(5000, floor(pow(u, -1 / 1.16)));
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t0->tv_sec) * 1e3 + (t.tv_nsec - t0->tv_nsec) / 1e6;
}

typedef struct fill_band {
    const ir_flowmap *map;
    cairo_surface_t *surface;
    int y0;
    bool cairo;         /* cairo's outlines, not the pixels filled straight */
} fill_band;

static void *fill_band_draw(void *p)
{
    fill_band *b = p;
    cairo_t *cr = cairo_create(b->surface);
    cairo_translate(cr, 0, -b->y0);
    cairo_scale(cr, DPI / 72.0, DPI / 72.0);
    if (b->cairo)
        ir_flowdraw_flows_cairo(cr, b->map);
    else
        ir_flowdraw_flows(cr, b->map);
    cairo_destroy(cr);
    cairo_surface_flush(b->surface);
    return NULL;
}

/* The flows alone, as ir_canvas_draw draws a PNG's bands: surfaces made,
 * filled and flushed, nothing encoded.  Returns milliseconds. */
static double fills_only(const ir_flowmap *map, bool cairo)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int split = HEIGHT_PX / 2;
    fill_band band[2] = {
        { map, cairo_image_surface_create(CAIRO_FORMAT_ARGB32, WIDTH_PX, split), 0,
          cairo },
        { map, cairo_image_surface_create(CAIRO_FORMAT_ARGB32, WIDTH_PX,
                                          HEIGHT_PX - split), split, cairo },
    };
    ir_halves_run(fill_band_draw, &band[0], &band[1], true);
    double ms = ms_since(&t0);
    cairo_surface_destroy(band[0].surface);
    cairo_surface_destroy(band[1].surface);
    return ms;
}

/* The pixels of the flows' bands, with overdraw: length x width. */
static double band_area_px(const ir_flowmap *map)
{
    const ir_flow *f;
    size_t n = ir_flowmap_flows(map, &f);
    double s = DPI / 72.0, area = 0;
    for (size_t i = 0; i < n; i++) {
        double len = 0;
        ir_point a = f[i].from;
        for (int k = 1; k <= 32; k++) {
            ir_point b = ir_flowgeom_at(f[i].from, f[i].control, f[i].to,
                                        k / 32.0);
            len += hypot(b.x - a.x, b.y - a.y);
            a = b;
        }
        area += len * s * f[i].width * s;
    }
    return area;
}

typedef struct area_band {
    cairo_surface_t *surface;
    double px;          /* pixels to fill */
} area_band;

/* Fills px pixels of the surface with pixel-aligned rectangles of 16
 * rows, never the whole surface (cairo would turn that into a paint and
 * skip the pixels): spans with no edges to find, the least work cairo
 * does per pixel. */
static void *area_fill(void *p)
{
    area_band *b = p;
    cairo_t *cr = cairo_create(b->surface);
    int w = cairo_image_surface_get_width(b->surface) - 1;
    int h = cairo_image_surface_get_height(b->surface);
    double left = b->px;
    for (int k = 0; left > 0; k++) {
        cairo_rectangle(cr, k % 2, (k * 16) % (h - 16), w, 16);
        cairo_set_source_rgb(cr, (k % 7) / 7.0, 0.3, 0.4);
        cairo_fill(cr);
        left -= 16.0 * w;
    }
    cairo_destroy(cr);
    cairo_surface_flush(b->surface);
    return NULL;
}

typedef struct png_band {
    const unsigned char *data;
    int stride, k, parts, level;
    ir_png_part *part;
} png_band;

static void *png_deflate(void *p)
{
    png_band *b = p;
    for (int k = b->k; k < b->parts; k += 2) {
        int y0 = ir_png_part_row(HEIGHT_PX, k), y1 = ir_png_part_row(HEIGHT_PX, k + 1);
        ir_png_part *part = ir_png_part_create(b->data + (size_t)y0 * b->stride,
                                               b->stride, WIDTH_PX, y1 - y0,
                                               b->level, k == 0,
                                               k == b->parts - 1);
        ir_png_part_destroy(part);
    }
    return NULL;
}

/* The floors: the band area and the time to fill it, and PNG encoding
 * of the drawn page (the basemap and flows as drawn). */
static void floors(const ir_flowmap *map, ir_flowdraw_page *job)
{
    double area = band_area_px(map);
    struct timespec t0;
    int split = HEIGHT_PX / 2;
    area_band ab[2] = {
        { cairo_image_surface_create(CAIRO_FORMAT_ARGB32, WIDTH_PX, split), area / 2 },
        { cairo_image_surface_create(CAIRO_FORMAT_ARGB32, WIDTH_PX, HEIGHT_PX - split), area / 2 },
    };
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ir_halves_run(area_fill, &ab[0], &ab[1], true);
    double fill_ms = ms_since(&t0);
    cairo_surface_destroy(ab[0].surface);
    cairo_surface_destroy(ab[1].surface);
    cairo_surface_t *page = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                       WIDTH_PX, HEIGHT_PX);
    cairo_t *cr = cairo_create(page);
    cairo_scale(cr, DPI / 72.0, DPI / 72.0);
    ir_flowdraw_page_draw(cr, job);
    cairo_destroy(cr);
    cairo_surface_flush(page);
    double png_ms[2];
    for (int l = 0; l < 2; l++) {
        png_band pb[2];
        for (int k = 0; k < 2; k++)
            pb[k] = (png_band){ cairo_image_surface_get_data(page),
                                cairo_image_surface_get_stride(page), k,
                                ir_png_parts(HEIGHT_PX), l ? 6 : 1, NULL };
        clock_gettime(CLOCK_MONOTONIC, &t0);
        ir_halves_run(png_deflate, &pb[0], &pb[1], true);
        png_ms[l] = ms_since(&t0);
    }
    cairo_surface_destroy(page);
    fprintf(stderr, "area_mpx=%.1f area_fill_ms=%.1f png1_ms=%.1f "
                    "png6_ms=%.1f\n", area / 1e6, fill_ms, png_ms[0],
            png_ms[1]);
}

static int fail(const ir_error *err)
{
    fprintf(stderr, "flowbench: %s\n", err->message);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fputs("usage: flowbench N SEED OUT.png|svg|pdf [FLOWS.csv]\n", stderr);
        return 2;
    }
    bool matrix = strcmp(argv[1], "matrix") == 0, river_mode = false;
    bool render = true, fills = false, pareto = false, floor_run = false;
    const char *flows_csv = NULL;
    for (int i = 4; i < argc; i++) {
        if (strcmp(argv[i], "--river") == 0)
            river_mode = true;
        else if (strcmp(argv[i], "--no-render") == 0)
            render = false;
        else if (strcmp(argv[i], "--fills-only") == 0)
            fills = true;
        else if (strcmp(argv[i], "--pareto") == 0)
            pareto = true;
        else if (strcmp(argv[i], "--floors") == 0)
            floor_run = true;
        else
            flows_csv = argv[i];
    }
    if (fills && river_mode) {
        fputs("flowbench: --fills-only times the flow map's outlines, not "
              "river mode's\n", stderr);
        return 2;
    }
    size_t n = matrix ? 49 * 32 : strtoul(argv[1], NULL, 10);
    rng = strtoull(argv[2], NULL, 10);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ir_error err = { 0 };
    ir_states *states = ir_states_load("data/states.csv", &err);
    ir_layer *us = states ? ir_layer_load("shapes/us-states.shp", NULL, &err) : NULL;
    ir_layer *mx = us ? ir_layer_load("shapes/mx-states.shp", NULL, &err) : NULL;
    ir_layer *ctx = mx ? ir_layer_load("shapes/countries.shp", NULL, &err) : NULL;
    ir_layer *lakes = ctx ? ir_layer_load("shapes/lakes.shp", NULL, &err) : NULL;
    ir_projection *proj = lakes ? ir_projection_create(NULL, &err) : NULL;
    if (proj == NULL)
        return fail(&err);
    const ir_layer *layers[2] = { us, mx };
    ir_atlas_sources src = { layers, 2, ctx, lakes, NULL };
    ir_atlas *atlas = ir_atlas_create(&src, states, proj,
                                      &(ir_atlas_options){ .threads = 2 }, &err);
    ir_anchors *anchors = atlas ? ir_anchors_create(atlas, states, 2, &err) : NULL;
    if (anchors == NULL)
        return fail(&err);

    ir_frame frame;
    ir_frame_init(&frame, WIDTH_PX, HEIGHT_PX, DPI, 12);
    ir_figure fig = { .legend_title = "Flows", .lang = "en" };
    const char *const *crossing_names = NULL;
    double rect[4], bounds[4];
    ir_page_map_rect(&fig, &frame, rect);
    ir_atlas_extent(atlas, bounds);
    ir_frame_fit_rect(&frame, bounds, rect);
    ir_atlas_simplify(atlas, ir_frame_thin_tolerance(&frame));

    /* k origins and k destinations, k*k >= 4n, so pairs stay distinct. */
    size_t k = matrix ? 64 : (size_t)ceil(2 * sqrt((double)n)) + 1;
    ir_point *points = malloc(2 * k * sizeof *points);
    ir_point_flow *flows = malloc((n ? n : 1) * sizeof *flows);
    size_t us_states[64], mx_states[64], nus = 0, nmx = 0;
    for (size_t i = 0; i < ir_states_count(states); i++) {
        const ir_state *s = ir_states_at(states, i);
        double x, y;
        if (!ir_anchors_get(anchors, i, &x, &y) ||
            strcmp(s->iso, "US-AK") == 0 || strcmp(s->iso, "US-HI") == 0)
            continue;
        if (strcmp(s->country, "US") == 0 && nus < 64)
            us_states[nus++] = i;
        else if (strcmp(s->country, "MX") == 0 && nmx < 64)
            mx_states[nmx++] = i;
    }
    for (size_t i = 0; i < 2 * k; i++) {
        size_t st = matrix ? (i < k ? us_states[i % nus] : mx_states[(i - k) % nmx])
                           : i < k ? us_states[next() % nus]
                                   : mx_states[next() % nmx];
        double x, y;
        ir_anchors_get(anchors, st, &x, &y);
        ir_frame_to_page(&frame, x, y, &points[i].x, &points[i].y);
        if (matrix)
            continue;
        points[i].x += ((next() % 2001) / 1000.0 - 1) * JITTER_PT;
        points[i].y += ((next() % 2001) / 1000.0 - 1) * JITTER_PT;
    }
    for (size_t f = 0; f < n; f++) {
        double w = pareto ? pareto_weight() : 1 + next() % 500;
        flows[f] = matrix ? (ir_point_flow){ f / nmx, k + f % nmx, w }
                          : (ir_point_flow){ f % k, k + (f / k) % k, w };
    }

    ir_flowmap_options fo;
    ir_flowmap_options_default(&fo);
    fo.max_width_pt = fmin(24, fmax(4, 0.016 * frame.width_pt));
    fo.color_by = IR_COLOR_BY_NONE;
    struct timespec tl;
    clock_gettime(CLOCK_MONOTONIC, &tl);
    ir_flowmap *map = ir_flowmap_create_points(points, 2 * k, flows, n, &frame,
                                               &fo, &err);
    if (map == NULL)
        return fail(&err);
    ir_river *river = NULL;
    ir_crossings *crossings = NULL;
    double river_ms = 0;
    if (river_mode) {
        /* As the map command does: the trees, then the scale that makes
         * the busiest trunk the widest width, then the trees again. */
        crossings = ir_crossings_load("data/ports-of-entry.csv", &err);
        ir_point *xy = crossings
                           ? ir_crossroute_project(crossings, proj, &err)
                           : NULL;
        if (xy == NULL)
            return fail(&err);
        size_t nc = ir_crossings_count(crossings);
        ir_point at[64];
        for (size_t c = 0; c < nc && c < 64; c++) {
            ir_frame_to_page(&frame, xy[c].x, xy[c].y, &at[c].x, &at[c].y);
        }
        free(xy);
        ir_river_options ro;
        ir_river_options_default(&ro);
        clock_gettime(CLOCK_MONOTONIC, &tl);
        ro.weights_only = true;
        river = ir_river_create(map, at, nc, NULL, 0, &ro, &err);
        ro.weights_only = false;
        if (river == NULL)
            return fail(&err);
        fo.scale = fo.max_width_pt / ir_river_max_weight(river);
        fo.legend_max = ir_river_max_weight(river);
        ir_river_destroy(river);
        ir_flowmap_destroy(map);
        map = ir_flowmap_create_points(points, 2 * k, flows, n, &frame, &fo,
                                       &err);
        if (map == NULL)
            return fail(&err);
        struct timespec tr;
        clock_gettime(CLOCK_MONOTONIC, &tr);
        if (!(river = ir_river_create(map, at, nc, NULL, 0, &ro, &err)))
            return fail(&err);
        river_ms = ms_since(&tr);
        static const char *names[64];
        for (size_t c = 0; c < nc && c < 64; c++)
            names[c] = ir_crossings_at(crossings, c)->name_en;
        crossing_names = names;
    }
    ir_text_box lg;
    ir_page_legend_box(map, &fig, rect, &lg);
    double legend[1][4] = { { lg.x, lg.y, lg.x + lg.w, lg.y + lg.h } };
    if (!river_mode && ir_flowmap_layout(map, rect, legend, 1, &err))
        return fail(&err);
    double layout_ms = ms_since(&tl);
    ir_labels_options lo = { "en", 0, false, IR_FLOW_LABELS_NONE, 0, NULL, 0 };
    ir_labels *labels = ir_labels_place(map, &lo, rect, &lg, 1);

    if (!render) {
        fprintf(stderr, "flows=%zu layout_ms=%.1f\n", n, layout_ms);
        return 0;
    }
    if (fills) {
        double ours = fills_only(map, false), theirs = fills_only(map, true);
        fprintf(stderr, "flows=%zu layout_ms=%.1f fills_ms=%.1f "
                        "cairo_fills_ms=%.1f\n", n, layout_ms, ours, theirs);
        return 0;
    }
    ir_format format;
    if (ir_canvas_format_of_path(argv[3], &format)) {
        fprintf(stderr, "flowbench: %s: use .png, .svg or .pdf\n", argv[3]);
        return 2;
    }
    ir_canvas *c = ir_canvas_create(argv[3], format, WIDTH_PX, HEIGHT_PX, DPI,
                                    &err);
    if (c == NULL)
        return fail(&err);
    ir_basemap_style style;
    ir_basemap_style_default(&style);
    /* Drawn as the map command draws: a PNG's bands on two threads. */
    ir_flowdraw_page job = { atlas, &frame, &style, map, labels, &fig, rect,
                             river, crossing_names, NULL };
    if (floor_run) {
        fprintf(stderr, "flows=%zu layout_ms=%.1f ", n, layout_ms);
        floors(map, &job);
        ir_canvas_destroy(c);
        return 0;
    }
    ir_canvas_draw(c, ir_flowdraw_page_draw, &job, 2);
    if (ir_canvas_commit(c, &err))
        return fail(&err);
    if (flows_csv) {
        FILE *fp = fopen(flows_csv, "w");
        if (fp == NULL) {
            perror(flows_csv);
            return 1;
        }
        ir_flowmap_write_csv(map, &frame, fp);
        fclose(fp);
    }
    const ir_layout_report *rep = ir_flowmap_layout_report(map);
    if (river_mode)
        fprintf(stderr, "flows=%zu layout_ms=%.1f river_ms=%.2f total_ms=%.1f "
                        "tree_crossings=%zu\n", n, layout_ms, river_ms,
                ms_since(&t0), ir_river_tree_crossings(river));
    else
        fprintf(stderr, "flows=%zu layout_ms=%.1f total_ms=%.1f "
                        "node_conflicts=%zu\n", n, layout_ms, ms_since(&t0),
                rep->node_conflicts);
    ir_labels_destroy(labels);
    ir_river_destroy(river);
    ir_crossings_destroy(crossings);
    ir_flowmap_destroy(map);
    free(points);
    free(flows);
    ir_anchors_destroy(anchors);
    ir_atlas_destroy(atlas);
    ir_projection_destroy(proj);
    ir_layer_destroy(us);
    ir_layer_destroy(mx);
    ir_layer_destroy(ctx);
    ir_layer_destroy(lakes);
    ir_states_destroy(states);
    return 0;
}

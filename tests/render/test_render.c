#define _GNU_SOURCE
/*
 * Render stage: pixel checks on rendered PNGs (size, resolution, land and
 * sea where they belong), a golden image, and byte-identical reruns.
 */
#include <cairo.h>
#include <criterion/criterion.h>
#include <math.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "project/project.h"
#include "layout/frame.h"
#include "render/canvas.h"
#include "render/pngout.h"
#include "render/render.h"
#include "helpers.h"

/* Runs the basemap command; asserts success. */
static void basemap(const char *args)
{
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s basemap --quiet %s", th_binary(), args);
    int rc = th_run(cmd, &err);
    cr_assert_eq(rc, 0, "%s failed (%d): %s", cmd, rc, err ? err : "");
    free(err);
}

/* Page position of a lon/lat point in a default-projection basemap of the
 * given size, found the way the program fits the map: by the projected
 * extent of the conterminous U.S. and Mexico. */
static void pixel_of(double lon, double lat, int w, int h, double dpi,
                     double extent[4], int *col, int *row)
{
    ir_frame f;
    ir_frame_init(&f, w, h, dpi, 12);
    ir_frame_fit(&f, extent);
    ir_projection *p = ir_projection_create(NULL, NULL);
    double xy[2] = { lon, lat }, px, py, c, r;
    ir_projection_forward(p, xy, 1);
    ir_frame_to_page(&f, xy[0], xy[1], &px, &py);
    ir_frame_page_to_pixel(&f, px, py, &c, &r);
    *col = (int)c;
    *row = (int)r;
    ir_projection_destroy(p);
}

static unsigned rgb_at(cairo_surface_t *s, int col, int row)
{
    const unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    return ((const uint32_t *)(d + (size_t)row * stride))[col] & 0xffffff;
}

static unsigned hex_of(ir_rgb c)
{
    return (unsigned)lround(c.r * 255) << 16 |
           (unsigned)lround(c.g * 255) << 8 | (unsigned)lround(c.b * 255);
}

/* The extent the program fits: from the shipped shapes, via the atlas. */
#include "load/layer.h"
#include "load/states.h"
#include "project/atlas.h"
static void shipped_extent(double extent[4])
{
    th_world w;
    ir_error err = { 0 };
    cr_assert_eq(th_world_load(&w, false, &err), 0, "%s", err.message);
    ir_atlas_extent(w.atlas, extent);
    th_world_free(&w);
}

Test(render, png_has_size_resolution_land_and_sea)
{
    const char *out = th_path(th_tmpdir(), "map.png");
    char args[600];
    snprintf(args, sizeof args, "--width 900 --height 700 --dpi 200 -o %s",
             out);
    basemap(args);

    cairo_surface_t *s = cairo_image_surface_create_from_png(out);
    cr_assert_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cr_expect_eq(cairo_image_surface_get_width(s), 900);
    cr_expect_eq(cairo_image_surface_get_height(s), 700);

    ir_basemap_style style;
    ir_basemap_style_default(&style);
    double extent[4];
    shipped_extent(extent);
    static const struct { const char *what; double lon, lat; int land; }
    probes[] = {
        { "Kansas", -98.4, 38.5, 'U' },
        { "Nebraska", -99.8, 41.5, 'U' },
        { "Texas", -100.0, 31.5, 'U' },
        { "Chihuahua", -106.5, 28.8, 'M' },
        { "Zacatecas", -102.8, 23.5, 'M' },
        { "Campeche", -90.2, 18.8, 'M' },
        { "Gulf of Mexico", -90.5, 25.0, 'S' },
        { "Pacific", -115.0, 20.0, 'S' },
        { "Gulf of California", -111.0, 27.0, 'S' },
    };
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        int col, row;
        pixel_of(probes[i].lon, probes[i].lat, 900, 700, 200, extent, &col,
                 &row);
        cr_assert(col >= 0 && col < 900 && row >= 0 && row < 700,
                  "%s off the page", probes[i].what);
        unsigned want = probes[i].land == 'U'   ? hex_of(style.us_fill)
                        : probes[i].land == 'M' ? hex_of(style.mx_fill)
                                                : hex_of(style.paper);
        cr_expect_eq(rgb_at(s, col, row), want, "%s at %d,%d is %06x not %06x",
                     probes[i].what, col, row, rgb_at(s, col, row), want);
    }
    cairo_surface_destroy(s);

    /* pHYs records 200 dpi as pixels per metre. */
    FILE *fp = fopen(out, "rb");
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL,
                                             NULL, NULL);
    png_infop info = png_create_info_struct(png);
    png_init_io(png, fp);
    png_read_info(png, info);
    png_uint_32 xres = 0, yres = 0;
    int unit = -1;
    png_get_pHYs(png, info, &xres, &yres, &unit);
    cr_expect_eq(unit, PNG_RESOLUTION_METER);
    cr_expect_eq(xres, 7874);
    cr_expect_eq(yres, 7874);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(fp);
}

/* Lakes are water: Lake Michigan's middle is the sea's colour, and land
 * with --no-lakes (Natural Earth's states run through the lake). */
Test(render, lakes_are_drawn_as_water)
{
    const char *dir = th_tmpdir();
    char args[1200];
    snprintf(args, sizeof args, "--width 800 --height 600 -o %s/l.png", dir);
    basemap(args);
    snprintf(args, sizeof args, "--no-lakes --width 800 --height 600 -o "
             "%s/n.png", dir);
    basemap(args);
    ir_basemap_style style;
    ir_basemap_style_default(&style);
    double extent[4];
    shipped_extent(extent);
    int col, row;
    pixel_of(-87.0, 43.5, 800, 600, 150, extent, &col, &row);
    cairo_surface_t *l = cairo_image_surface_create_from_png(
        th_path(dir, "l.png"));
    cairo_surface_t *n = cairo_image_surface_create_from_png(
        th_path(dir, "n.png"));
    cr_expect_eq(rgb_at(l, col, row), hex_of(style.paper));
    cr_expect_eq(rgb_at(n, col, row), hex_of(style.us_fill));
    cairo_surface_destroy(l);
    cairo_surface_destroy(n);
}

Test(render, water_background_colours_the_sea)
{
    const char *out = th_path(th_tmpdir(), "water.png");
    char args[600];
    snprintf(args, sizeof args, "--water --width 600 --height 450 -o %s", out);
    basemap(args);
    cairo_surface_t *s = cairo_image_surface_create_from_png(out);
    ir_basemap_style style;
    ir_basemap_style_default(&style);
    double extent[4];
    shipped_extent(extent);
    int col, row;
    pixel_of(-90.5, 25.0, 600, 450, 150, extent, &col, &row);
    cr_expect_eq(rgb_at(s, col, row), hex_of(style.water_fill));
    pixel_of(-98.4, 38.5, 600, 450, 150, extent, &col, &row);
    cr_expect_eq(rgb_at(s, col, row), hex_of(style.us_fill));
    cairo_surface_destroy(s);
}

/* The international border is drawn in the border colour between the
 * two countries, and not along the Gulf coast. */
Test(render, border_is_drawn_between_countries_only)
{
    const char *out = th_path(th_tmpdir(), "border.png");
    char args[600];
    snprintf(args, sizeof args, "--width 1600 --height 1200 -o %s", out);
    basemap(args);
    cairo_surface_t *s = cairo_image_surface_create_from_png(out);
    double extent[4];
    shipped_extent(extent);
    /* Along the 31.33 N stretch of the Arizona-Sonora line. */
    int col, row, dark = 0;
    pixel_of(-110.0, 31.3325, 1600, 1200, 150, extent, &col, &row);
    for (int dr = -3; dr <= 3; dr++) {
        unsigned c = rgb_at(s, col, row + dr);
        dark += ((c >> 16) & 255) < 0x90;
    }
    cr_expect_gt(dark, 0, "no border pixel near Nogales");
    /* The Texas Gulf coast near Corpus Christi: no dark border. */
    pixel_of(-97.2, 27.8, 1600, 1200, 150, extent, &col, &row);
    dark = 0;
    for (int dc = -6; dc <= 6; dc++) {
        unsigned c = rgb_at(s, col + dc, row);
        dark += ((c >> 16) & 255) < 0x90;
    }
    cr_expect_eq(dark, 0, "border colour on the Gulf coast");
    cairo_surface_destroy(s);
}

/* The largest difference in any channel between two pixels. */
static int pixel_difference(cairo_surface_t *a, cairo_surface_t *b, int x,
                            int y)
{
    unsigned p = rgb_at(a, x, y), q = rgb_at(b, x, y);
    int d = 0;
    for (int sh = 0; sh < 24; sh += 8)
        d = fmax(d, abs((int)((p >> sh) & 255) - (int)((q >> sh) & 255)));
    return d;
}

/* Golden images in tests/golden/, made by `make golden` from the same
 * commands.  A pixel counts as different when any channel differs by more
 * than 16 levels; at most 0.5% of pixels may differ, which absorbs
 * antialiasing changes between cairo/pixman builds but not a moved border,
 * a changed colour or a missing state. */
static void expect_like_golden(const char *made, const char *golden, int w,
                               int h)
{
    cairo_surface_t *a = cairo_image_surface_create_from_png(made);
    cairo_surface_t *b = cairo_image_surface_create_from_png(golden);
    cr_assert_eq(cairo_surface_status(b), CAIRO_STATUS_SUCCESS,
                 "missing golden image %s", golden);
    cr_assert_eq(cairo_image_surface_get_width(a), w);
    cr_assert_eq(cairo_image_surface_get_height(a), h);
    cr_assert_eq(cairo_image_surface_get_width(b), w);
    cr_assert_eq(cairo_image_surface_get_height(b), h);
    long differing = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            differing += pixel_difference(a, b, x, y) > 16;
    cr_expect_leq(differing, (long)w * h / 200, "%s: %ld pixels differ",
                  golden, differing);
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
}

Test(render, basemap_matches_golden_image)
{
    const char *out = th_path(th_tmpdir(), "golden.png");
    char args[600];
    snprintf(args, sizeof args, "--width 480 --height 360 --dpi 72 -o %s",
             out);
    basemap(args);
    expect_like_golden(out, "tests/golden/basemap-480x360.png", 480, 360);
}

/* The flow map's golden image: same tolerance; text is a small share of
 * the pixels, so a changed font version stays within it but a moved flow,
 * label or legend does not. */
Test(render, flow_map_matches_golden_image)
{
    const char *out = th_path(th_tmpdir(), "flows.png");
    char cmd[1200], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map tests/data/channels-2022-2023.csv "
             "--quiet --width 640 --height 480 --dpi 96 --title 'Five "
             "channels, 2022-2023' --source 'Source: ATF (2025).' -o %s",
             th_binary(), out);
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    expect_like_golden(out, "tests/golden/flowmap-640x480.png", 640, 480);
}

static void expect_identical_runs(const char *ext, const char *env)
{
    const char *dir = th_tmpdir();
    char a[512], b[512], args[1200];
    snprintf(a, sizeof a, "%s/one.%s", dir, ext);
    snprintf(b, sizeof b, "%s/two.%s", dir, ext);
    snprintf(args, sizeof args, "--width 500 --height 400 -o %s", a);
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "%s %s basemap --quiet %s", env, th_binary(), args);
    cr_assert_eq(th_run(cmd, NULL), 0);
    snprintf(cmd, sizeof cmd, "sleep 1; %s %s basemap --quiet "
                              "--width 500 --height 400 -o %s", env, th_binary(), b);
    cr_assert_eq(th_run(cmd, NULL), 0);
    size_t na, nb;
    char *da = th_read_file(a, &na), *db = th_read_file(b, &nb);
    cr_assert(da && db);
    cr_expect(na == nb && memcmp(da, db, na) == 0, "%s runs differ", ext);
    free(da), free(db);
}

Test(render, repeated_runs_are_byte_identical_png)
{
    expect_identical_runs("png", "");
}

Test(render, repeated_runs_are_byte_identical_svg)
{
    expect_identical_runs("svg", "");
}

Test(render, repeated_runs_are_byte_identical_pdf)
{
    expect_identical_runs("pdf", "env -u SOURCE_DATE_EPOCH");
    expect_identical_runs("pdf", "SOURCE_DATE_EPOCH=1700000000");
}

Test(render, pdf_date_comes_from_source_date_epoch_only)
{
    const char *dir = th_tmpdir();
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "SOURCE_DATE_EPOCH=1700000000 %s "
             "basemap --quiet --width 300 --height 200 -o %s/d.pdf", th_binary(), dir);
    cr_assert_eq(th_run(cmd, NULL), 0);
    snprintf(cmd, sizeof cmd, "env -u SOURCE_DATE_EPOCH %s basemap "
             "--quiet --width 300 --height 200 -o %s/n.pdf", th_binary(), dir);
    cr_assert_eq(th_run(cmd, NULL), 0);
    size_t n;
    char *d = th_read_file(th_path(dir, "d.pdf"), &n);
    char *u = th_read_file(th_path(dir, "n.pdf"), NULL);
    /* 1700000000 is 2023-11-14 22:13:20 UTC. */
    cr_expect(memmem(d, n, "20231114221320", 14) != NULL, "no date in PDF");
    cr_expect(strstr(u, "CreationDate") == NULL, "date without the variable");
    free(d), free(u);
}

Test(render, svg_and_pdf_have_the_printed_size)
{
    const char *dir = th_tmpdir();
    char args[1200];
    /* 1500 x 1200 px at 300 dpi is 5 x 4 inches: 360 x 288 pt. */
    snprintf(args, sizeof args, "--width 1500 --height 1200 --dpi 300 -o "
             "%s/s.svg -o %s/s.pdf", dir, dir);
    basemap(args);
    char *svg = th_read_file(th_path(dir, "s.svg"), NULL);
    cr_assert_not_null(svg);
    cr_expect(strstr(svg, "width=\"360pt\"") != NULL, "SVG width");
    cr_expect(strstr(svg, "height=\"288pt\"") != NULL, "SVG height");
    size_t n;
    char *pdf = th_read_file(th_path(dir, "s.pdf"), &n);
    cr_expect(memmem(pdf, n, "/MediaBox [ 0 0 360 288 ]", 25) != NULL,
              "PDF media box");
    free(svg), free(pdf);
}

/* Counts the pixels of two PNGs of the same size that differ, and the
 * largest difference in any channel. */
static long count_differing(const char *path_a, const char *path_b, int *worst)
{
    cairo_surface_t *a = cairo_image_surface_create_from_png(path_a);
    cairo_surface_t *b = cairo_image_surface_create_from_png(path_b);
    cr_assert_eq(cairo_surface_status(a), CAIRO_STATUS_SUCCESS, "%s", path_a);
    cr_assert_eq(cairo_surface_status(b), CAIRO_STATUS_SUCCESS, "%s", path_b);
    int w = cairo_image_surface_get_width(a);
    int h = cairo_image_surface_get_height(a);
    cr_assert_eq(cairo_image_surface_get_width(b), w);
    cr_assert_eq(cairo_image_surface_get_height(b), h);
    long differing = 0;
    *worst = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int d = pixel_difference(a, b, x, y);
            differing += d > 0;
            *worst = d > *worst ? d : *worst;
        }
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    return differing;
}

/* Runs "ironriver COMMAND ... --threads N -o OUT" with N = 2, 2, 1, 3
 * and 7 and checks that every run gives the same bytes: a PNG's bands are
 * fixed by its height, not by the threads. */
static void expect_bands_stable(const char *command, int w, int h)
{
    const char *dir = th_tmpdir();
    char cmd[1400];
    const int threads[5] = { 2, 2, 1, 3, 7 };
    char *first = NULL;
    size_t nfirst = 0;
    for (int i = 0; i < 5; i++) {
        char name[32];
        snprintf(name, sizeof name, "t%d-%d.png", i, threads[i]);
        snprintf(cmd, sizeof cmd, "%s %s --quiet --width %d --height %d "
                 "--threads %d -o %s", th_binary(), command, w, h, threads[i],
                 th_path(dir, name));
        cr_assert_eq(th_run(cmd, NULL), 0, "%s", cmd);
        size_t n;
        char *d = th_read_file(th_path(dir, name), &n);
        cr_assert(d);
        if (first == NULL) {
            first = d;
            nfirst = n;
            continue;
        }
        cr_expect(n == nfirst && memcmp(d, first, n) == 0,
                  "%s: --threads %d differs from --threads 2", command,
                  threads[i]);
        free(d);
    }
    free(first);
}

Test(render, banded_png_is_the_same_on_any_number_of_threads, .timeout = 60)
{
    expect_bands_stable("map tests/data/channels-2022-2023.csv", 1600, 1200);
}

/* The basemap command draws its PNGs in bands too; --threads is checked. */
Test(render, banded_basemap_is_the_same_on_any_number_of_threads,
     .timeout = 60)
{
    expect_bands_stable("basemap", 2400, 1600);
    char *err = NULL;
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "%s basemap --threads 65 -o %s", th_binary(),
             th_path(th_tmpdir(), "x.png"));
    cr_expect_neq(th_run(cmd, &err), 0);
    cr_expect(err && strstr(err, "threads"), "message: %s", err);
    free(err);
}

/* The bands differ from the page drawn whole only where cairo cuts a long
 * edge at a seam: a handful of pixels, by a few levels. */
Test(render, bands_match_the_page_drawn_whole, .timeout = 60)
{
    enum { W = 2400, H = 1600 };
    th_world w;
    ir_error err = { 0 };
    cr_assert_eq(th_world_load(&w, false, &err), 0, "%s", err.message);
    const ir_layer *layers[2] = { w.us, w.mx };
    ir_atlas_sources src = { layers, 2, NULL, NULL, NULL };
    ir_atlas_options opt = { .threads = 1 };
    ir_atlas *a = ir_atlas_create(&src, w.states, w.proj, &opt, &err);
    cr_assert_not_null(a, "%s", err.message);
    double b[4];
    ir_atlas_extent(a, b);
    ir_frame f;
    ir_frame_init(&f, W, H, 150, 12);
    ir_frame_fit(&f, b);
    ir_basemap_style style;
    ir_basemap_style_default(&style);
    ir_basemap_page job = { a, &f, &style };
    const char *dir = th_tmpdir();
    const char *banded = th_path(dir, "banded.png");
    ir_canvas *c = ir_canvas_create(banded, IR_FORMAT_PNG, W, H, 150, &err);
    cr_assert_not_null(c, "%s", err.message);
    ir_canvas_draw(c, ir_render_basemap_page, &job, 3);
    cr_assert_eq(ir_canvas_commit(c, &err), 0, "%s", err.message);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, H);
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, 150 / 72.0, 150 / 72.0);
    ir_render_basemap_page(cr, &job);
    cairo_destroy(cr);
    char whole[1100];
    snprintf(whole, sizeof whole, "%s", th_path(dir, "whole.png"));
    cr_assert_eq(cairo_surface_write_to_png(s, whole), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    int worst;
    long differing = count_differing(banded, whole, &worst);
    cr_log_info("%d bands against the page drawn whole: %ld pixels differ, "
                "by %d levels at most", ir_png_parts(H), differing, worst);
    cr_expect_leq(differing, (long)W * H / 10000);
    cr_expect_leq(worst, 8);
    ir_atlas_destroy(a);
    th_world_free(&w);
}

/* A run with several outputs draws SVG and PDF at once, one a thread:
 * each file is the one a run drawing it alone writes, and the
 * same on one core. */
Test(render, outputs_drawn_together_match_outputs_drawn_alone, .timeout = 60)
{
    const char *dir = th_tmpdir();
    char cmd[1600];
    static const char *const runs[][3] = {
        { "2", "-o %s/all.svg -o %s/all.png -o %s/all.pdf", "all" },
        { "1", "-o %s/one.svg -o %s/one.png -o %s/one.pdf", "one" },
        { "2", "-o %s/alone.svg", NULL },
        { "2", "-o %s/alone.pdf", NULL },
        { "2", "-o %s/alone.png", NULL },
    };
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
        char outs[1200];
        snprintf(outs, sizeof outs, runs[r][1], dir, dir, dir);
        snprintf(cmd, sizeof cmd, "env -u SOURCE_DATE_EPOCH %s map "
                 "tests/data/channels-2022-2023.csv --quiet --threads %s %s",
                 th_binary(), runs[r][0], outs);
        cr_assert_eq(th_run(cmd, NULL), 0, "%s", cmd);
    }
    static const char *const ext[3] = { "svg", "png", "pdf" };
    for (int e = 0; e < 3; e++) {
        char alone[64], all[64], one[64];
        snprintf(alone, sizeof alone, "alone.%s", ext[e]);
        snprintf(all, sizeof all, "all.%s", ext[e]);
        snprintf(one, sizeof one, "one.%s", ext[e]);
        size_t na, nb, nc;
        char *a = th_read_file(th_path(dir, alone), &na);
        char *b = th_read_file(th_path(dir, all), &nb);
        char *c = th_read_file(th_path(dir, one), &nc);
        cr_assert(a && b && c);
        cr_expect(na == nb && memcmp(a, b, na) == 0,
                  "%s drawn with the others differs from it drawn alone",
                  ext[e]);
        cr_expect(na == nc && memcmp(a, c, na) == 0,
                  "%s on one core differs", ext[e]);
        free(a), free(b), free(c);
    }
}

/* --png-compression reaches map's PNGs: levels change the size, never
 * the pixels. */
Test(render, map_png_compression_changes_size_not_pixels, .timeout = 60)
{
    const char *dir = th_tmpdir();
    char cmd[1400];
    const int levels[2] = { 1, 9 };
    char names[2][32];
    size_t len[2];
    for (int i = 0; i < 2; i++) {
        snprintf(names[i], sizeof names[i], "level%d.png", levels[i]);
        snprintf(cmd, sizeof cmd, "%s map tests/data/channels-2022-2023.csv "
                 "--quiet --png-compression %d -o %s", th_binary(), levels[i],
                 th_path(dir, names[i]));
        cr_assert_eq(th_run(cmd, NULL), 0, "%s", cmd);
        char *d = th_read_file(th_path(dir, names[i]), &len[i]);
        cr_assert(d);
        free(d);
    }
    cr_expect_gt(len[0], len[1], "level 1 %zu bytes, level 9 %zu", len[0],
                 len[1]);
    cairo_surface_t *a = cairo_image_surface_create_from_png(th_path(dir, names[0]));
    cairo_surface_t *b = cairo_image_surface_create_from_png(th_path(dir, names[1]));
    cr_assert_eq(cairo_surface_status(a), CAIRO_STATUS_SUCCESS);
    cr_assert_eq(cairo_surface_status(b), CAIRO_STATUS_SUCCESS);
    long differ = 0;
    for (int y = 0; y < 1200; y++)
        for (int x = 0; x < 1600; x++)
            differ += rgb_at(a, x, y) != rgb_at(b, x, y);
    cr_expect_eq(differ, 0);
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    snprintf(cmd, sizeof cmd, "%s map tests/data/channels-2022-2023.csv "
             "--quiet --png-compression 10 -o %s", th_binary(),
             th_path(dir, "bad.png"));
    char *err = NULL;
    cr_expect_neq(th_run(cmd, &err), 0);
    cr_expect(err && strstr(err, "png-compression"), "%s", err ? err : "");
    free(err);
}

/* A country beyond Mexico that the flows end in is drawn as land, in
 * Mexico's fill; otherwise it stays muted context. */
Test(render, destination_countries_are_land)
{
    th_world w;
    ir_error err = { 0 };
    cr_assert_eq(th_world_load(&w, false, &err), 0, "%s", err.message);
    ir_layer *ctx = ir_layer_load("shapes/countries.shp", NULL, &err);
    cr_assert_not_null(ctx, "%s", err.message);
    const ir_layer *layers[2] = { w.us, w.mx };
    ir_atlas_sources src = { layers, 2, ctx, NULL, NULL };
    ir_basemap_style style;
    ir_basemap_style_default(&style);
    const char *dest[2] = { NULL, "GT HN" };
    unsigned want[2] = { hex_of(style.context_fill), hex_of(style.mx_fill) };
    for (int k = 0; k < 2; k++) {
        ir_atlas_options opt = { .threads = 1, .destinations = dest[k] };
        ir_atlas *a = ir_atlas_create(&src, w.states, w.proj, &opt, &err);
        cr_assert_not_null(a, "%s", err.message);
        double b[4];
        ir_atlas_extent(a, b);
        /* Guatemala's south coast lies below Mexico's last state. */
        b[1] -= (b[3] - b[1]) / 10;
        ir_frame f;
        ir_frame_init(&f, 800, 600, 72, 12);
        ir_frame_fit(&f, b);
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                        800, 600);
        cairo_t *cr = cairo_create(s);
        ir_render_basemap(cr, a, &f, &style);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        /* Inland Guatemala and Honduras, away from every border. */
        static const double at[2][2] = { { -90.3, 15.4 }, { -86.6, 14.6 } };
        for (int i = 0; i < 2; i++) {
            double xy[2] = { at[i][0], at[i][1] }, px, py, c, r;
            ir_projection_forward(w.proj, xy, 1);
            ir_frame_to_page(&f, xy[0], xy[1], &px, &py);
            ir_frame_page_to_pixel(&f, px, py, &c, &r);
            cr_assert(c >= 0 && c < 800 && r >= 0 && r < 600, "off the page");
            cr_expect_eq(rgb_at(s, (int)c, (int)r), want[k],
                         "%s: %06x, not %06x", dest[k] ? dest[k] : "none",
                         rgb_at(s, (int)c, (int)r), want[k]);
        }
        cairo_surface_destroy(s);
        ir_atlas_destroy(a);
    }
    ir_layer_destroy(ctx);
    th_world_free(&w);
}

/*
 * The SVG a designer opens: text as <text>, one named layer per part of
 * the figure in drawing order, an id and a title on every flow and node
 * in the figure's language, and the same picture as the PNG when a
 * renderer rasterises it.
 */
#define _GNU_SOURCE /* memmem */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "helpers.h"

static const char traces[] = "origin,destination,count\n"
                             "Texas,Tamaulipas,1191\n"
                             "Texas,Nuevo León,1158\n"
                             "Arizona,Sonora,1618\n";

/* The figure of traces as out (its format by extension), in lang. */
static void render(const char *dir, const char *lang, const char *title,
                   const char *out)
{
    th_write_file(th_path(dir, "t.csv"), traces, strlen(traces));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd,
             "%s map %s --quiet --lang %s --title '%s' --source "
             "'Source: ATF (2025).' --width 640 --height 480 --dpi 96 -o %s",
             th_binary(), th_path(dir, "t.csv"), lang, title,
             th_path(dir, out));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
}

static char *render_svg(const char *dir, const char *lang, const char *title)
{
    render(dir, lang, title, "m.svg");
    char *svg = th_read_file(th_path(dir, "m.svg"), NULL);
    cr_assert_not_null(svg);
    return svg;
}

/* Where the layer with this id opens, or NULL. */
static const char *layer_at(const char *svg, const char *id)
{
    char want[128];
    snprintf(want, sizeof want,
             "<g id=\"%s\" inkscape:groupmode=\"layer\" inkscape:label=\"",
             id);
    return strstr(svg, want);
}

/* Each flow is written once: one path filled in its colour and stroked
 * in paper colour a casing wide, not a casing and a band of their own
 * (which made SVG and PDF twice the size on dense maps). */
Test(svg_cli, each_flow_is_one_path_with_its_casing)
{
    char *svg = render_svg(th_tmpdir(), "en", "Five channels");
    int flows = 0;
    for (const char *p = strstr(svg, "class=\"flow\""); p;
         p = strstr(p + 1, "class=\"flow\"")) {
        const char *end = strstr(p, "</g>");
        cr_assert_not_null(end);
        int paths = 0, cased = 0;
        for (const char *q = strstr(p, "<path "); q && q < end;
             q = strstr(q + 1, "<path ")) {
            const char *close = strstr(q, "/>");
            paths++;
            const char *w = strstr(q, "stroke=\"#fff\" stroke-width=\"0.6\"");
            cased += w && w < close;
        }
        cr_expect_eq(paths, 1, "flow %d: %d paths", flows, paths);
        cr_expect_eq(cased, 1, "flow %d: no casing stroke", flows);
        flows++;
    }
    cr_expect_eq(flows, 3);
    free(svg);
}

Test(svg_cli, layers_come_in_drawing_order)
{
    char *svg = render_svg(th_tmpdir(), "en", "Five channels");
    static const char *const order[] = { "sea",    "land",   "borders",
                                         "flows",  "nodes",  "legend",
                                         "labels", "title",  "note" };
    const char *last = svg;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        const char *at = layer_at(svg, order[i]);
        cr_expect_not_null(at, "no layer %s", order[i]);
        if (at) {
            cr_expect_gt(at, last, "layer %s out of order", order[i]);
            last = at;
        }
    }
    /* Every flow is in the flows layer: between it and the nodes. */
    const char *flows = layer_at(svg, "flows"), *nodes = layer_at(svg, "nodes");
    cr_assert(flows && nodes);
    int in_layer = 0;
    for (const char *p = strstr(svg, "class=\"flow\""); p;
         p = strstr(p + 1, "class=\"flow\""))
        in_layer += p > flows && p < nodes ? 1 : -100;
    cr_expect_eq(in_layer, 3, "flows outside their layer: %d", in_layer);
    free(svg);
}

/* ids unique, as XML requires; the flows' ids are their places' codes. */
static void expect_unique_ids(const char *svg, size_t *count)
{
    size_t n = 0, cap = 64;
    char **ids = malloc(cap * sizeof *ids);
    for (const char *p = strstr(svg, " id=\""); p; p = strstr(p + 1, " id=\"")) {
        const char *s = p + 5, *e = strchr(s, '"');
        cr_assert_not_null(e);
        if (n == cap)
            ids = realloc(ids, (cap *= 2) * sizeof *ids);
        ids[n++] = strndup(s, (size_t)(e - s));
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            cr_expect_str_neq(ids[i], ids[j], "id %s twice", ids[i]);
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    *count = n;
}

Test(svg_cli, ids_are_unique_and_name_the_places)
{
    char *svg = render_svg(th_tmpdir(), "en", "Five channels");
    size_t n;
    expect_unique_ids(svg, &n);
    cr_expect_gt(n, 15);
    cr_expect_not_null(strstr(svg, "<g id=\"flow-US-TX-MX-TAM\" class=\"flow\" "
                                   "data-places=\"US-TX MX-TAM\""));
    cr_expect_not_null(strstr(svg, "<g id=\"node-MX-NLE\" class=\"node\""));
    free(svg);
}

Test(svg_cli, flows_and_nodes_are_titled_in_english)
{
    char *svg = render_svg(th_tmpdir(), "en", "Five channels");
    cr_expect_not_null(strstr(svg, "<title>Texas \u2192 Tamaulipas: 1,191 "
                                   "firearms</title>"));
    cr_expect_not_null(strstr(svg, "<title>Arizona \u2192 Sonora: 1,618 "
                                   "firearms</title>"));
    cr_expect_not_null(strstr(svg, "<title>Texas: 2,349 firearms</title>"));
    cr_expect_not_null(strstr(svg, "<title>Nuevo León: 1,158 firearms</title>"));
    free(svg);
}

Test(svg_cli, flows_and_nodes_are_titled_in_spanish)
{
    char *svg = render_svg(th_tmpdir(), "es", "Cinco canales");
    cr_expect_not_null(strstr(svg, "<title>Texas \u2192 Tamaulipas: 1191 armas "
                                   "de fuego</title>"));
    cr_expect_not_null(strstr(svg, "<title>Texas: 2349 armas de "
                                   "fuego</title>"));
    cr_expect_null(strstr(svg, "firearms"));
    free(svg);
}

/* Text a designer can edit: the title, the labels and the numbers are
 * characters in <text>, with the font, not outlines of glyphs. */
Test(svg_cli, text_stays_text)
{
    char *svg = render_svg(th_tmpdir(), "en", "Guns & <ammo> to Mexico");
    cr_expect_not_null(strstr(svg, ">Guns &amp; &lt;ammo&gt; to Mexico</tspan>"));
    cr_expect_not_null(strstr(svg, ">Source: ATF (2025).</tspan>"));
    cr_expect_not_null(strstr(svg, ">Tamaulipas</tspan>"));
    cr_expect_not_null(strstr(svg, ">1,618</tspan>"));
    cr_expect_not_null(strstr(svg, "font-family=\"Open Sans, sans-serif\""));
    /* The label halo: a paper stroke painted under the letters. */
    cr_expect_not_null(strstr(svg, "paint-order=\"stroke\""));
    cr_expect_null(strstr(svg, "<symbol"), "glyphs as outlines");
    cr_expect_null(strstr(svg, "glyph"), "glyphs as outlines");
    free(svg);
}

/* The largest channel difference between a's (x, y) and b's (u, v). */
static int difference(const cairo_surface_t *a, int x, int y,
                      const cairo_surface_t *b, int u, int v)
{
    const unsigned char *pa =
        cairo_image_surface_get_data((cairo_surface_t *)a) +
        y * cairo_image_surface_get_stride((cairo_surface_t *)a) + 4 * x;
    const unsigned char *pb =
        cairo_image_surface_get_data((cairo_surface_t *)b) +
        v * cairo_image_surface_get_stride((cairo_surface_t *)b) + 4 * u;
    int d = 0;
    for (int c = 0; c < 3; c++)
        d = abs(pa[c] - pb[c]) > d ? abs(pa[c] - pb[c]) : d;
    return d;
}

/* Pixels of a with no pixel of b within one pixel of it that is within 48
 * levels in every channel. */
static long unmatched(const cairo_surface_t *a, const cairo_surface_t *b,
                      int w, int h)
{
    long n = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            bool found = false;
            for (int v = y - 1; v <= y + 1 && !found; v++)
                for (int u = x - 1; u <= x + 1 && !found; u++)
                    found = u >= 0 && v >= 0 && u < w && v < h &&
                            difference(a, x, y, b, u, v) <= 48;
            n += !found;
        }
    return n;
}

/* How unlike two PNGs of one size are, in pixels per ten thousand: those
 * of either with nothing like them within a pixel in the other.  Letters
 * rasterised by another renderer (hinted, or anchored a fraction of a
 * pixel away) come out under 16 per ten thousand at 640 x 480; a missing
 * or moved flow, border or legend over 25.  The words themselves are
 * tested as text (text_stays_text). */
static long unlike(const char *made, const char *png)
{
    cairo_surface_t *a = cairo_image_surface_create_from_png(made);
    cairo_surface_t *b = cairo_image_surface_create_from_png(png);
    cr_assert_eq(cairo_surface_status(a), CAIRO_STATUS_SUCCESS, "%s", made);
    cr_assert_eq(cairo_surface_status(b), CAIRO_STATUS_SUCCESS, "%s", png);
    int w = cairo_image_surface_get_width(b), h = cairo_image_surface_get_height(b);
    cr_assert_eq(cairo_image_surface_get_width(a), w);
    cr_assert_eq(cairo_image_surface_get_height(a), h);
    cairo_surface_flush(a);
    cairo_surface_flush(b);
    long ab = unmatched(a, b, w, h), ba = unmatched(b, a, w, h);
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    return (ab > ba ? ab : ba) * 10000 / ((long)w * h);
}

/* What the SVG draws is what the PNG draws: rasterised by librsvg at the
 * PNG's size, at most 20 pixels in ten thousand unlike (see unlike). */
Test(svg_cli, rasterised_by_librsvg_it_looks_like_the_png)
{
    char *err = NULL;
    if (th_run("command -v rsvg-convert >/dev/null", NULL) != 0)
        cr_skip_test("rsvg-convert is not installed (Debian: librsvg2-bin)");
    const char *dir = th_tmpdir();
    free(render_svg(dir, "en", "Five channels, 2022-2023"));
    render(dir, "en", "Five channels, 2022-2023", "m.png");
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rsvg-convert -w 640 -h 480 -b white %s -o %s",
             th_path(dir, "m.svg"), th_path(dir, "rsvg.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    long n = unlike(th_path(dir, "rsvg.png"), th_path(dir, "m.png"));
    cr_log_info("librsvg against the PNG: %ld pixels in 10,000 unlike", n);
    cr_expect_leq(n, 20, "%ld pixels in ten thousand unlike the PNG", n);
}

/* The same in a browser's renderer, where Debian's chromium is installed
 * (the Makefile's test target installs it). */
Test(svg_cli, rasterised_by_chromium_it_looks_like_the_png, .timeout = 120)
{
    if (!th_have_chromium())
        cr_skip_test("chromium is not installed");
    const char *dir = th_tmpdir();
    free(render_svg(dir, "en", "Five channels, 2022-2023"));
    render(dir, "en", "Five channels, 2022-2023", "m.png");
    /* The SVG is 480 x 360 points: 640 x 480 CSS pixels, as the PNG at 96
     * dpi. */
    static const char page[] = "<!doctype html><style>body{margin:0}</style>"
                               "<img src=\"m.svg\" width=\"640\" height=\"480\">";
    th_write_file(th_path(dir, "page.html"), page, strlen(page));
    cr_assert_eq(th_chromium(dir, "page.html", 640, 480, NULL, "chromium.png"), 0);
    long n = unlike(th_path(dir, "chromium.png"), th_path(dir, "m.png"));
    cr_log_info("Chromium against the PNG: %ld pixels in 10,000 unlike", n);
    cr_expect_leq(n, 20, "%ld pixels in ten thousand unlike the PNG", n);
}

/* A figure of panels: each panel a layer of its own holding its layers,
 * its ids still unique. */
Test(svg_cli, panels_are_layers_with_unique_ids)
{
    const char *dir = th_tmpdir();
    char cmd[1200], *err = NULL;
    snprintf(cmd, sizeof cmd,
             "%s map -c data/figures/purchases-two-periods-en.ini --quiet "
             "-o %s", th_binary(), th_path(dir, "p.svg"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    char *svg = th_read_file(th_path(dir, "p.svg"), NULL);
    cr_assert_not_null(svg);
    size_t n;
    expect_unique_ids(svg, &n);
    const char *one = layer_at(svg, "panel-1"), *two = layer_at(svg, "panel-2");
    cr_assert(one && two && one < two);
    const char *flows_one = layer_at(svg, "flows"), *flows_two = layer_at(svg, "flows-2");
    cr_expect(flows_one && flows_one > one && flows_one < two);
    cr_expect(flows_two && flows_two > two);
    cr_expect_not_null(strstr(one, "inkscape:label=\"2015\u20132022"),
                       "the panel's layer is not named by its heading");
    free(svg);
}

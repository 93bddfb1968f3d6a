/*
 * The web figure (-o figure.html): one page that fetches nothing, opened
 * in headless Chromium as a reader would, with and without scripts,
 * pointed at with the mouse and reached with the keyboard.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const char traces[] = "origin,destination,count\n"
                             "Texas,Tamaulipas,1191\n"
                             "Texas,Nuevo León,1158\n"
                             "Arizona,Sonora,1618\n";

#define US_LAND 0xeeebe4

/* The figure of traces in lang as dir/m.html, and as dir/m.png when png
 * is true. */
static void render(const char *dir, const char *lang, bool png)
{
    th_write_file(th_path(dir, "t.csv"), traces, strlen(traces));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd,
             "%s map %s --quiet --lang %s --title 'Five channels' --source "
             "'Source: ATF (2025).' --width 640 --height 480 --dpi 96 -o %s%s%s",
             th_binary(), th_path(dir, "t.csv"), lang, th_path(dir, "m.html"),
             png ? " -o " : "", png ? th_path(dir, "m.png") : "");
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
}

/* dir/m.html with a script of ours run after the figure's. */
static void write_driven(const char *dir, const char *name, const char *js)
{
    size_t n;
    char *html = th_read_file(th_path(dir, "m.html"), &n);
    cr_assert_not_null(html);
    char *end = strstr(html, "</body>");
    cr_assert_not_null(end);
    FILE *fp = fopen(th_path(dir, name), "w");
    cr_assert_not_null(fp);
    fprintf(fp, "%.*s<script>%s</script>\n%s", (int)(end - html), html, js,
            end);
    fclose(fp);
    free(html);
}

static char *dom(const char *dir)
{
    char *d = th_read_file(th_path(dir, "dom.html"), NULL);
    cr_assert_not_null(d);
    return d;
}

Test(webfig_cli, the_page_fetches_nothing)
{
    const char *dir = th_tmpdir();
    render(dir, "en", false);
    char *html = th_read_file(th_path(dir, "m.html"), NULL);
    cr_assert_not_null(html);
    cr_expect(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
    cr_expect_not_null(strstr(html, "<title>Five channels</title>"));
    cr_expect_not_null(strstr(html, "<svg xmlns="));
    cr_expect_not_null(strstr(html, "<noscript>"));
    cr_expect_null(strstr(html, "<?xml"));
    /* No address but the SVG's namespaces; no src, no href, no import. */
    for (const char *p = strstr(html, "http"); p; p = strstr(p + 1, "http"))
        cr_expect(strncmp(p, "http://www.w3.org/2000/svg", 26) == 0 ||
                      strncmp(p, "http://www.inkscape.org/namespaces/inkscape",
                              43) == 0,
                  "an address: %.60s", p);
    cr_expect_null(strstr(html, "src="));
    cr_expect_null(strstr(html, "href="));
    cr_expect_null(strstr(html, "@import"));
    /* url() only to the page's own clip paths. */
    for (const char *p = strstr(html, "url("); p; p = strstr(p + 1, "url("))
        cr_expect_eq(p[4], '#', "%.40s", p);
    free(html);
}

/* The map is there: as much of the U.S. land colour as the PNG shows. */
Test(webfig_cli, chromium_shows_the_map, .timeout = 120)
{
    if (!th_have_chromium())
        cr_skip_test("chromium is not installed");
    const char *dir = th_tmpdir();
    render(dir, "en", true);
    cr_assert_eq(th_chromium(dir, "m.html", 700, 640, NULL, "shot.png"), 0);
    long png = th_png_count(th_path(dir, "m.png"), US_LAND, 6);
    long shot = th_png_count(th_path(dir, "shot.png"), US_LAND, 6);
    cr_assert_gt(png, 50000);
    cr_expect(shot > png * 9 / 10 && shot < png * 11 / 10,
              "land: %ld pixels in the page, %ld in the PNG", shot, png);
}

/* Pointing at the Texas-Tamaulipas flow: its tooltip shows its number,
 * the flow and its two nodes are lit, the other flows dimmed. */
Test(webfig_cli, hovering_a_flow_shows_its_number, .timeout = 120)
{
    if (!th_have_chromium())
        cr_skip_test("chromium is not installed");
    const char *dir = th_tmpdir();
    render(dir, "en", false);
    static const char hover[] =
        "var p = document.querySelector('#flow-US-TX-MX-TAM path');"
        "var r = p.getBoundingClientRect();"
        "p.dispatchEvent(new MouseEvent('mouseover', {bubbles: true,"
        " clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));"
        "document.body.setAttribute('data-lit', Array.prototype.map.call("
        "document.querySelectorAll('.ir-on'), function (e) {"
        " return e.id; }).join(' '));";
    write_driven(dir, "hover.html", hover);
    cr_assert_eq(th_chromium(dir, "hover.html", 700, 640, NULL, NULL), 0);
    char *d = dom(dir);
    cr_expect_not_null(strstr(d, "aria-live=\"polite\" style=\"left:"),
                       "the tooltip was not placed");
    cr_expect_not_null(strstr(d, ">Texas \u2192 Tamaulipas: 1,191 firearms</div>"),
                       "no tooltip with the flow's number");
    cr_expect_not_null(strstr(d, "data-lit=\"flow-US-TX-MX-TAM node-US-TX "
                                 "node-MX-TAM\""),
                       "%s", strstr(d, "data-lit") ? strstr(d, "data-lit") : "");
    /* The titles became labels: no second, native tooltip. */
    cr_expect_not_null(strstr(d, "aria-label=\"Texas \u2192 Tamaulipas: 1,191 "
                                 "firearms\""));
    cr_expect_null(strstr(d, "<title>Texas \u2192"));
    free(d);
    /* And on screen: the tooltip's dark box over the map. */
    cr_assert_eq(th_chromium(dir, "hover.html", 700, 640, NULL, "hover.png"), 0);
    cr_assert_eq(th_chromium(dir, "m.html", 700, 640, NULL, "still.png"), 0);
    long lit = th_png_count(th_path(dir, "hover.png"), 0x222222, 4);
    long still = th_png_count(th_path(dir, "still.png"), 0x222222, 4);
    cr_expect_gt(lit, still + 1500, "tooltip: %ld dark pixels, %ld without",
                 lit, still);
}

/* The keyboard reaches a node: focus shows its tooltip, in Spanish. */
Test(webfig_cli, focusing_a_node_shows_its_number, .timeout = 120)
{
    if (!th_have_chromium())
        cr_skip_test("chromium is not installed");
    const char *dir = th_tmpdir();
    render(dir, "es", false);
    write_driven(dir, "focus.html",
                 "document.getElementById('node-US-TX').focus();");
    cr_assert_eq(th_chromium(dir, "focus.html", 700, 640, NULL, NULL), 0);
    char *d = dom(dir);
    cr_expect_not_null(strstr(d, ">Texas: 2349 armas de fuego</div>"));
    cr_expect_not_null(strstr(d, "<html lang=\"es\">"));
    free(d);
}

/* Without scripts (the page with its script taken out, as a browser
 * with scripts off reads it) the map still shows and each flow keeps its
 * title, the browser's own tooltip. */
Test(webfig_cli, without_scripts_the_map_still_shows, .timeout = 120)
{
    if (!th_have_chromium())
        cr_skip_test("chromium is not installed");
    const char *dir = th_tmpdir();
    render(dir, "en", true);
    size_t n;
    char *html = th_read_file(th_path(dir, "m.html"), &n);
    cr_assert_not_null(html);
    char *from = strstr(html, "<script>"), *to = strstr(html, "</script>");
    cr_assert(from && to && to > from);
    to += strlen("</script>");
    memmove(from, to, strlen(to) + 1);
    th_write_file(th_path(dir, "off.html"), html, strlen(html));
    free(html);
    cr_assert_eq(th_chromium(dir, "off.html", 700, 640, NULL, "shot.png"), 0);
    long png = th_png_count(th_path(dir, "m.png"), US_LAND, 6);
    long shot = th_png_count(th_path(dir, "shot.png"), US_LAND, 6);
    cr_expect(shot > png * 9 / 10, "land: %ld in the page, %ld in the PNG",
              shot, png);
    cr_assert_eq(th_chromium(dir, "off.html", 700, 640, NULL, NULL), 0);
    char *d = dom(dir);
    cr_expect_not_null(strstr(d, "<title>Texas \u2192 Tamaulipas: 1,191 "
                                 "firearms</title>"));
    free(d);
}

/* Responsive: in a window narrower than the figure the map shrinks to
 * fit, keeping its proportions. */
Test(webfig_cli, the_figure_shrinks_to_a_narrow_window, .timeout = 120)
{
    if (!th_have_chromium())
        cr_skip_test("chromium is not installed");
    const char *dir = th_tmpdir();
    render(dir, "en", false);
    write_driven(dir, "narrow.html",
                 "var r = document.querySelector('svg').getBoundingClientRect();"
                 "document.body.setAttribute('data-size', Math.round(r.width) +"
                 " 'x' + Math.round(r.height));");
    /* Headless Chromium keeps its window at least 500 px wide. */
    cr_assert_eq(th_chromium(dir, "narrow.html", 560, 600, NULL, NULL), 0);
    char *d = dom(dir);
    const char *size = strstr(d, "data-size=\"");
    cr_assert_not_null(size);
    int w = 0, h = 0;
    cr_assert_eq(sscanf(size + 11, "%dx%d", &w, &h), 2);
    cr_expect(w >= 540 && w <= 544, "%d px wide in a window of 560", w);
    cr_expect(abs(h * 4 - w * 3) <= 8, "%d x %d", w, h);
    free(d);
}

/*
 * svgdoc: what the drawing helpers write when a cairo context carries an
 * SVG document: path data in page points, colours, groups with unique
 * ids, clips that close with their restore, escaped text.
 */
#define _GNU_SOURCE /* open_memstream */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/draw.h"
#include "base/svgdoc.h"

typedef struct doc_fixture {
    cairo_surface_t *surface;
    cairo_t *cr;
    ir_svgdoc *doc;
} doc_fixture;

static void open_doc(doc_fixture *f)
{
    cairo_rectangle_t page = { 0, 0, 200, 100 };
    f->surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &page);
    f->cr = cairo_create(f->surface);
    f->doc = ir_svgdoc_create(200, 100);
    cr_assert_not_null(f->doc);
    cr_assert_eq(ir_svgdoc_attach(f->doc, f->cr), 0);
    cr_assert(ir_draw_is_svg(f->cr));
}

/* The document written, malloc'd; frees the fixture. */
static char *close_doc(doc_fixture *f)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    cr_assert_eq(ir_svgdoc_write(f->doc, out), 0);
    fclose(out);
    cairo_destroy(f->cr);
    cairo_surface_destroy(f->surface);
    ir_svgdoc_destroy(f->doc);
    return text;
}

static int count(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

Test(svgdoc, a_fill_is_a_path_in_relative_hundredths_of_a_point)
{
    doc_fixture f;
    open_doc(&f);
    cairo_rectangle(f.cr, 10, 20, 30, 40.125);
    cairo_set_source_rgb(f.cr, 1, 0, 0);
    ir_draw_fill(f.cr);
    /* As cairo_fill, the path is used up. */
    cr_expect_eq(cairo_has_current_point(f.cr), 0);
    char *svg = close_doc(&f);
    cr_expect_not_null(strstr(svg, "<path d=\"m10 20 30 0 0 40.13-30 0z\" "
                                   "fill=\"#f00\"/>"), "%s", svg);
    free(svg);
}

/* Coordinates are the page's whatever the transformation; a stroke's
 * width scales with it. */
Test(svgdoc, a_stroke_under_a_transformation_is_in_page_points)
{
    doc_fixture f;
    open_doc(&f);
    cairo_translate(f.cr, 5, 5);
    cairo_scale(f.cr, 2, 2);
    cairo_move_to(f.cr, 0, 0);
    cairo_line_to(f.cr, 10, 0);
    cairo_set_line_width(f.cr, 1.5);
    cairo_set_source_rgba(f.cr, 0, 0, 1, 0.5);
    ir_draw_stroke_preserve(f.cr);
    cr_expect(cairo_has_current_point(f.cr), "the preserved path is gone");
    char *svg = close_doc(&f);
    cr_expect_not_null(strstr(svg, "<path d=\"m5 5 20 0\" fill=\"none\" "
                                   "stroke=\"#00f\" stroke-opacity=\"0.5\" "
                                   "stroke-width=\"3\""), "%s", svg);
    free(svg);
}

Test(svgdoc, ids_are_made_unique_and_titles_escaped)
{
    doc_fixture f;
    open_doc(&f);
    ir_draw_layer_begin(f.cr, "flows", NULL);
    ir_draw_item_begin(f.cr, "flow-a", "flow", "A & <B> \"c\"\x01", "A B");
    ir_draw_group_end(f.cr);
    ir_draw_item_begin(f.cr, "flow-a", "flow", NULL, NULL);
    ir_draw_group_end(f.cr);
    ir_draw_item_begin(f.cr, "flow-a-2", "flow", NULL, NULL);
    ir_draw_group_end(f.cr);
    ir_draw_item_begin(f.cr, "9 é", NULL, NULL, NULL);
    ir_draw_group_end(f.cr);
    ir_draw_group_end(f.cr);
    char *svg = close_doc(&f);
    cr_expect_not_null(strstr(svg, "<g id=\"flows\" inkscape:groupmode=\"layer\" "
                                   "inkscape:label=\"flows\">"));
    cr_expect_not_null(strstr(svg, "<g id=\"flow-a\" class=\"flow\" "
                                   "data-places=\"A B\" tabindex=\"0\">\n"
                                   "<title>A &amp; &lt;B&gt; &quot;c&quot;"
                                   "</title>"), "%s", svg);
    cr_expect_not_null(strstr(svg, "<g id=\"flow-a-2\" class=\"flow\">"));
    cr_expect_not_null(strstr(svg, "<g id=\"flow-a-2-2\" class=\"flow\">"));
    /* An XML name: a letter first, no space or non-ASCII byte. */
    cr_expect_not_null(strstr(svg, "<g id=\"g9---\">"), "%s", svg);
    cr_expect_eq(count(svg, "<g "), count(svg, "</g>"));
    free(svg);
}

/* A clip is a clipPath in defs and a group that ends with the restore of
 * its save, however many saves nest inside. */
Test(svgdoc, a_clip_ends_with_its_restore)
{
    doc_fixture f;
    open_doc(&f);
    ir_draw_save(f.cr);
    cairo_rectangle(f.cr, 0, 0, 50, 50);
    ir_draw_clip(f.cr);
    ir_draw_save(f.cr);
    ir_draw_restore(f.cr);
    cairo_rectangle(f.cr, 1, 1, 2, 2);
    ir_draw_fill(f.cr);
    ir_draw_restore(f.cr);
    cairo_rectangle(f.cr, 60, 60, 2, 2);
    ir_draw_fill(f.cr);
    char *svg = close_doc(&f);
    const char *clip = strstr(svg, "<clipPath id=\"clip1\"><path d=\"m0 0 50 0 "
                                   "0 50-50 0z\"/></clipPath>");
    const char *group = strstr(svg, "<g clip-path=\"url(#clip1)\">\n"
                                    "<path d=\"m1 1 2 0 0 2-2 0z\"");
    const char *end = group ? strstr(group, "</g>\n<path d=\"m60 60") : NULL;
    cr_expect(clip && group && end, "%s", svg);
    cr_expect_lt(clip, strstr(svg, "</defs>"));
    free(svg);
}

/* Text: lines as tspans at their baselines, the halo a stroke painted
 * under the letters. */
Test(svgdoc, text_is_written_as_text)
{
    doc_fixture f;
    open_doc(&f);
    ir_svgdoc_font font = { "Open Sans, sans-serif", 8, 600, 0, 0, 0, 3, 1 };
    ir_svgdoc_text_begin(f.doc, f.cr, &font);
    ir_svgdoc_text_line(f.doc, f.cr, 20, 30, "Nuevo León & co", 16);
    ir_svgdoc_text_end(f.doc);
    char *svg = close_doc(&f);
    cr_expect_not_null(strstr(svg, "font-family=\"Open Sans, sans-serif\" "
                                   "font-size=\"8\" font-weight=\"600\""), "%s", svg);
    cr_expect_not_null(strstr(svg, "paint-order=\"stroke\""));
    cr_expect_not_null(strstr(svg, "text-anchor=\"end\""));
    cr_expect_not_null(strstr(svg, ">Nuevo León &amp; co</tspan>"), "%s", svg);
    free(svg);
}

Test(svgdoc, the_head_carries_title_description_and_language)
{
    doc_fixture f;
    open_doc(&f);
    ir_svgdoc_set_head(f.doc, "Armas & rutas", "Un mapa.", "es");
    char *svg = close_doc(&f);
    cr_expect_not_null(strstr(svg, "viewBox=\"0 0 200 100\" xml:lang=\"es\">\n"
                                   "<title>Armas &amp; rutas</title>\n"
                                   "<desc>Un mapa.</desc>"), "%s", svg);
    cr_expect(strncmp(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
    free(svg);
}

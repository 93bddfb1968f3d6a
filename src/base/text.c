/*
 * text: pango layouts on cairo.  See text.h.
 */
#include "text.h"

#include "svgdoc.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

static PangoLayout *make_layout(cairo_t *cr, const char *text,
                                const ir_text_style *st)
{
    PangoLayout *layout = pango_cairo_create_layout(cr);
    PangoContext *ctx = pango_layout_get_context(layout);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    /* Points on the page are cairo user units: 72 per inch. */
    pango_cairo_context_set_resolution(ctx, 72);
    /* Pango rounds each advance to a whole device unit, here a point, by
     * default: that widened a 15 pt title by 5% at 96 dpi, and a browser
     * laying out the SVG's text does not. */
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_layout_context_changed(layout);

    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, IR_TEXT_FAMILY);
    pango_font_description_set_absolute_size(fd, st->size_pt * PANGO_SCALE);
    pango_font_description_set_weight(
        fd, st->weight == IR_TEXT_BOLD       ? PANGO_WEIGHT_BOLD
            : st->weight == IR_TEXT_SEMIBOLD ? PANGO_WEIGHT_SEMIBOLD
                                             : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    if (st->max_width_pt > 0) {
        pango_layout_set_width(layout, (int)(st->max_width_pt * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    }
    pango_layout_set_alignment(layout, st->align < 0   ? PANGO_ALIGN_LEFT
                                       : st->align > 0 ? PANGO_ALIGN_RIGHT
                                                       : PANGO_ALIGN_CENTER);
    pango_layout_set_text(layout, text, -1);
    return layout;
}

void ir_text_measure(cairo_t *cr, const char *text, const ir_text_style *st,
                     double *w, double *h)
{
    PangoLayout *layout = make_layout(cr, text, st);
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    *w = (double)logical.width / PANGO_SCALE;
    *h = (double)logical.height / PANGO_SCALE;
    g_object_unref(layout);
}

/* The layout's lines as SVG text, each where pango put it, anchored on
 * the side it is aligned to, so that a renderer whose letters come out a
 * little wider or narrower than pango's keeps the alignment. */
static void svg_text(ir_svgdoc *doc, cairo_t *cr, PangoLayout *layout,
                     const char *text, const ir_text_style *st, double x0,
                     double y0)
{
    int anchor = st->max_width_pt > 0 || st->align != 0 ? st->align : -1;
    ir_svgdoc_font font = {
        IR_TEXT_FAMILY ", sans-serif", st->size_pt,
        st->weight == IR_TEXT_BOLD       ? 700
        : st->weight == IR_TEXT_SEMIBOLD ? 600
                                         : 400,
        st->r, st->g, st->b, 2 * st->halo_pt, anchor
    };
    ir_svgdoc_text_begin(doc, cr, &font);
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        PangoRectangle ext;
        pango_layout_iter_get_line_extents(it, NULL, &ext);
        double baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        size_t len = (size_t)line->length;
        while (len > 0 && text[line->start_index + (int)len - 1] == ' ')
            len--;
        if (len == 0)
            continue;
        double left = (double)ext.x / PANGO_SCALE;
        double w = (double)ext.width / PANGO_SCALE;
        double lx = x0 + left + (anchor < 0 ? 0 : anchor == 0 ? w / 2 : w);
        ir_svgdoc_text_line(doc, cr, lx, y0 + baseline,
                            text + line->start_index, len);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    ir_svgdoc_text_end(doc);
}

void ir_text_draw(cairo_t *cr, const char *text, const ir_text_style *st,
                  double x, double y)
{
    PangoLayout *layout = make_layout(cr, text, st);
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    ir_svgdoc *doc = ir_svgdoc_of(cr);
    if (doc) {
        svg_text(doc, cr, layout, text, st, x - (double)logical.x / PANGO_SCALE,
                 y);
        g_object_unref(layout);
        return;
    }
    cairo_save(cr);
    /* A wrapped layout's lines start at its logical x offset. */
    cairo_move_to(cr, x - (double)logical.x / PANGO_SCALE, y);
    if (st->halo_pt > 0) {
        pango_cairo_layout_path(cr, layout);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 2 * st->halo_pt);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
        cairo_move_to(cr, x - (double)logical.x / PANGO_SCALE, y);
    }
    cairo_set_source_rgb(cr, st->r, st->g, st->b);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
    g_object_unref(layout);
}

bool ir_text_boxes_overlap(const ir_text_box *a, const ir_text_box *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
           b->y < a->y + a->h;
}

void ir_text_number(double value, const char *lang, char *buf, size_t cap)
{
    bool es = lang != NULL && strcmp(lang, "es") == 0;
    const char *group = es ? "\u202F" : ",";
    char digits[64];
    bool whole = value == floor(value);
    snprintf(digits, sizeof digits, "%.*f", whole ? 0 : 2, fabs(value));
    char *dot = strchr(digits, '.');
    if (dot != NULL) { /* 0.25 stays 0.25, 2.50 becomes 2.5 */
        size_t end = strlen(digits);
        while (end > 0 && digits[end - 1] == '0')
            digits[--end] = '\0';
    }
    size_t n = dot ? (size_t)(dot - digits) : strlen(digits), len = 0;
    if (value < 0 && len + 1 < cap)
        buf[len++] = '-';
    /* Spanish groups only numbers of five digits or more (RAE, Ortografía
     * 2010: "1618", "17 717"). */
    bool group_it = !(es && n <= 4);
    for (size_t i = 0; i < n && len + 5 < cap; i++) {
        if (group_it && i > 0 && (n - i) % 3 == 0) {
            memcpy(buf + len, group, strlen(group));
            len += strlen(group);
        }
        buf[len++] = digits[i];
    }
    buf[len] = '\0';
    if (dot != NULL)
        snprintf(buf + len, cap - len, "%s%s", es ? "," : ".", dot + 1);
}

void ir_text_percent(double share, const char *lang, char *buf, size_t cap)
{
    bool es = lang != NULL && strcmp(lang, "es") == 0;
    snprintf(buf, cap, "%.1f%s", 100 * share, es ? "\u00a0%" : "%");
    if (es)
        for (char *p = buf; *p; p++)
            if (*p == '.')
                *p = ',';
}

size_t ir_text_append_list(char *buf, size_t len, size_t cap,
                           const char *const *items, size_t n, bool es)
{
    for (size_t i = 0; i < n && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s",
                                i == 0      ? ""
                                : i + 1 < n ? ", "
                                : es        ? " y "
                                            : " and ",
                                items[i]);
    return len < cap ? len : cap - 1;
}

void ir_text_utf8_trim(char *s)
{
    size_t n = strlen(s);
    /* Back over continuation bytes to the lead byte of the last
     * character, and drop it if its sequence is incomplete. */
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

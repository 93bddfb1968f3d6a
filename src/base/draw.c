/*
 * draw: painting on cairo or into an SVG document.  See draw.h.
 *
 * With a document attached, cairo still holds the path, the clip and the
 * state: an operation writes its element and then does to the path what
 * cairo would have done (cleared, or kept for _preserve), so the drawing
 * code cannot tell the two apart.
 */
#include "draw.h"

#include "svgdoc.h"

void ir_draw_fill(cairo_t *cr)
{
    ir_svgdoc *d = ir_svgdoc_of(cr);
    if (d == NULL) {
        cairo_fill(cr);
        return;
    }
    ir_svgdoc_fill(d, cr);
    cairo_new_path(cr);
}

void ir_draw_fill_preserve(cairo_t *cr)
{
    ir_svgdoc *d = ir_svgdoc_of(cr);
    if (d == NULL)
        cairo_fill_preserve(cr);
    else
        ir_svgdoc_fill(d, cr);
}

void ir_draw_stroke(cairo_t *cr)
{
    ir_svgdoc *d = ir_svgdoc_of(cr);
    if (d == NULL) {
        cairo_stroke(cr);
        return;
    }
    ir_svgdoc_stroke(d, cr);
    cairo_new_path(cr);
}

void ir_draw_fill_stroke(cairo_t *cr, const double fill[3])
{
    ir_svgdoc *d = ir_svgdoc_of(cr);
    if (d != NULL) {
        ir_svgdoc_fill_stroke(d, cr, fill);
        cairo_new_path(cr);
        return;
    }
    /* A fill and a stroke of one path in a row: cairo's PDF surface
     * writes the path once, with one operator for both. */
    cairo_pattern_t *stroke = cairo_pattern_reference(cairo_get_source(cr));
    cairo_set_source_rgb(cr, fill[0], fill[1], fill[2]);
    cairo_fill_preserve(cr);
    cairo_set_source(cr, stroke);
    cairo_pattern_destroy(stroke);
    cairo_stroke(cr);
}

void ir_draw_stroke_preserve(cairo_t *cr)
{
    ir_svgdoc *d = ir_svgdoc_of(cr);
    if (d == NULL)
        cairo_stroke_preserve(cr);
    else
        ir_svgdoc_stroke(d, cr);
}

void ir_draw_paint(cairo_t *cr)
{
    ir_svgdoc *d = ir_svgdoc_of(cr);
    if (d == NULL)
        cairo_paint(cr);
    else
        ir_svgdoc_paint(d, cr);
}

void ir_draw_clip(cairo_t *cr)
{
    ir_svgdoc *d = ir_svgdoc_of(cr);
    if (d)
        ir_svgdoc_clip(d, cr);
    cairo_clip(cr);
}

void ir_draw_save(cairo_t *cr)
{
    ir_svgdoc *d = ir_svgdoc_of(cr);
    if (d)
        ir_svgdoc_save(d);
    cairo_save(cr);
}

void ir_draw_restore(cairo_t *cr)
{
    ir_svgdoc *d = ir_svgdoc_of(cr);
    if (d)
        ir_svgdoc_restore(d);
    cairo_restore(cr);
}

void ir_draw_layer_begin(cairo_t *cr, const char *id, const char *label)
{
    ir_svgdoc *d = ir_svgdoc_of(cr);
    if (d)
        ir_svgdoc_group_begin(d, &(ir_svgdoc_group){
            .id = id, .label = label ? label : id });
}

void ir_draw_item_begin(cairo_t *cr, const char *id, const char *class_name,
                        const char *title, const char *places)
{
    ir_svgdoc *d = ir_svgdoc_of(cr);
    if (d)
        ir_svgdoc_group_begin(d, &(ir_svgdoc_group){
            .id = id, .class_name = class_name, .title = title,
            .places = places });
}

void ir_draw_group_end(cairo_t *cr)
{
    ir_svgdoc *d = ir_svgdoc_of(cr);
    if (d)
        ir_svgdoc_group_end(d);
}

bool ir_draw_is_svg(cairo_t *cr) { return ir_svgdoc_of(cr) != NULL; }

/*
 * render: the basemap drawn with cairo.  See render.h.
 *
 * Paths are built in page points.  Vertices closer than a tenth of a point
 * to the previous one are dropped while building: they cannot be seen at any
 * output resolution up to 720 dpi, and they would otherwise make up most of
 * an SVG's size.  Rings entirely off the page are skipped for the same
 * reason (Canada's Arctic islands on a map of Mexico).
 */
#include "render.h"

#include <math.h>

#include "bbox.h"

#define MIN_STEP_PT 0.1

static ir_rgb hex(unsigned v)
{
    return (ir_rgb){ ((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0,
                     (v & 255) / 255.0 };
}

void ir_basemap_style_default(ir_basemap_style *s)
{
    s->water = false;
    s->paper = hex(0xffffff);
    s->water_fill = hex(0xdbe8f0);
    s->us_fill = hex(0xeeebe4);
    s->mx_fill = hex(0xf3ece0);
    s->context_fill = hex(0xe3e3e1);
    s->state_line = hex(0xb9b1a3);
    s->context_line = hex(0xc9c9c6);
    s->border_line = hex(0x5e554b);
    s->state_line_pt = 0.4;
    s->context_line_pt = 0.3;
    s->border_line_pt = 1.2;
}

static void set_rgb(cairo_t *cr, ir_rgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* The part of the page worth drawing on, in points: the whole page, or
 * the neighbourhood of a clip when only that part can show. */
typedef struct page_rect {
    double x0, y0, x1, y1;
} page_rect;

/* Appends one ring to the current path, if any of it is inside `keep`. */
static void ring_path(cairo_t *cr, const double *xy, size_t n,
                      const ir_frame *f, const page_rect *keep)
{
    double b[4];
    ir_bbox_empty(b);
    ir_bbox_add_points(b, xy, n);
    double px0, py0, px1, py1;
    ir_frame_to_page(f, b[0], b[3], &px0, &py0);
    ir_frame_to_page(f, b[2], b[1], &px1, &py1);
    if (!(px1 >= keep->x0 && px0 <= keep->x1 && py1 >= keep->y0 &&
          py0 <= keep->y1))
        return;
    bool open = false;
    double lx = 0, ly = 0;
    for (size_t i = 0; i < n; i++) {
        double x = xy[2 * i], y = xy[2 * i + 1];
        if (isnan(x) || isnan(y)) {
            open = false;
            continue;
        }
        double px, py;
        ir_frame_to_page(f, x, y, &px, &py);
        if (!open) {
            cairo_move_to(cr, px, py);
            open = true;
        } else if (fabs(px - lx) >= MIN_STEP_PT ||
                   fabs(py - ly) >= MIN_STEP_PT || i + 1 == n) {
            cairo_line_to(cr, px, py);
        } else {
            continue;
        }
        lx = px, ly = py;
    }
    if (open)
        cairo_close_path(cr);
}

static void region_path(cairo_t *cr, const ir_atlas *a, const ir_region *r,
                        const ir_frame *f, const page_rect *keep)
{
    const double *xy = ir_atlas_points(a);
    const size_t *rs = ir_atlas_ring_starts(a);
    for (size_t k = r->first_ring; k < r->first_ring + r->nrings; k++)
        ring_path(cr, xy + 2 * rs[k], rs[k + 1] - rs[k], f, keep);
}

typedef bool (*region_filter)(const ir_region *r, int arg);

static bool is_kind(const ir_region *r, int kind)
{
    return r->kind == (ir_region_kind)kind;
}

static bool is_other_land(const ir_region *r, int kind)
{
    return r->kind != (ir_region_kind)kind && r->kind != IR_REGION_LAKE;
}

static bool is_state(const ir_region *r, int unused)
{
    (void)unused;
    return r->kind == IR_REGION_US_STATE || r->kind == IR_REGION_MX_STATE;
}

/* All regions passing the filter, as one path. */
static void regions_path(cairo_t *cr, const ir_atlas *a, const ir_frame *f,
                         region_filter pick, int arg, const page_rect *keep)
{
    cairo_new_path(cr);
    for (size_t i = 0; i < ir_atlas_count(a); i++) {
        const ir_region *r = ir_atlas_region(a, i);
        if (pick(r, arg))
            region_path(cr, a, r, f, keep);
    }
}

static void fill_regions(cairo_t *cr, const ir_atlas *a, const ir_frame *f,
                         region_filter pick, int arg, ir_rgb fill)
{
    page_rect page = { 0, 0, f->width_pt, f->height_pt };
    regions_path(cr, a, f, pick, arg, &page);
    set_rgb(cr, fill);
    cairo_fill(cr);
}

static void stroke_regions(cairo_t *cr, const ir_atlas *a, const ir_frame *f,
                           region_filter pick, int arg, const page_rect *keep,
                           ir_rgb line, double width)
{
    regions_path(cr, a, f, pick, arg, keep);
    set_rgb(cr, line);
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
}

/* One side of the land borders of the regions that `inside` selects: clip
 * to them and stroke every other region's outline.  Only outlines near the
 * clip can show, so the others are not even stroked: this pass would
 * otherwise dominate the render time (Canada's coast, stroked and then
 * clipped away entirely, on a map of Mexico). */
static void border_side(cairo_t *cr, const ir_atlas *a, const ir_frame *f,
                        region_filter inside, region_filter outside, int arg,
                        const ir_basemap_style *s)
{
    page_rect page = { 0, 0, f->width_pt, f->height_pt };
    cairo_save(cr);
    regions_path(cr, a, f, inside, arg, &page);
    double x0, y0, x1, y1;
    cairo_path_extents(cr, &x0, &y0, &x1, &y1);
    if (x1 > x0 && y1 > y0) {
        double w = s->border_line_pt;
        page_rect near = { x0 - w, y0 - w, x1 + w, y1 + w };
        cairo_clip(cr);
        stroke_regions(cr, a, f, outside, arg, &near, s->border_line,
                       s->border_line_pt);
    }
    cairo_restore(cr);
}

void ir_render_basemap(cairo_t *cr, const ir_atlas *a, const ir_frame *f,
                       const ir_basemap_style *s)
{
    cairo_save(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);

    set_rgb(cr, s->water ? s->water_fill : s->paper);
    cairo_rectangle(cr, 0, 0, f->width_pt, f->height_pt);
    cairo_fill(cr);

    fill_regions(cr, a, f, is_kind, IR_REGION_CONTEXT, s->context_fill);
    page_rect page = { 0, 0, f->width_pt, f->height_pt };
    stroke_regions(cr, a, f, is_kind, IR_REGION_CONTEXT, &page,
                   s->context_line, s->context_line_pt);
    fill_regions(cr, a, f, is_kind, IR_REGION_US_STATE, s->us_fill);
    fill_regions(cr, a, f, is_kind, IR_REGION_MX_STATE, s->mx_fill);
    stroke_regions(cr, a, f, is_state, 0, &page, s->state_line,
                   s->state_line_pt);

    /* Lakes cover the state lines that run through them and are filled as
     * the sea is.  They get no shoreline: the long narrow reservoirs of
     * the Missouri would be two parallel lines with nothing between. */
    fill_regions(cr, a, f, is_kind, IR_REGION_LAKE,
                 s->water ? s->water_fill : s->paper);

    /* The stroke is centred on the border and each pass draws the half on
     * its own side, so the border comes out border_line_pt wide. */
    border_side(cr, a, f, is_kind, is_other_land, IR_REGION_US_STATE, s);
    border_side(cr, a, f, is_kind, is_other_land, IR_REGION_MX_STATE, s);
    border_side(cr, a, f, is_kind, is_other_land, IR_REGION_CONTEXT, s);
    cairo_restore(cr);
}

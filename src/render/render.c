/*
 * render: the basemap drawn with cairo.  See render.h.
 *
 * Paths are built in page points, of the vertices the atlas's thinning
 * kept for this page (or, if it was not thinned, of those a tenth of a
 * point or more from the previous one).  Rings entirely off the page are
 * skipped and runs of vertices off one edge cut short, so that what cannot
 * be seen is neither rasterised nor written (Canada's Arctic islands on a
 * map of Mexico).
 */
#include "render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/bbox.h"
#include "base/draw.h"
#include "load/states.h"

#define MIN_STEP_PT 0.1
#define CLIP_MARGIN_PT 8.0
#define HATCH_PT 3.0

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
    s->fill = NULL;
    s->symbols = NULL;
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

/* Whether the ring's point i, at page point (px, py), is drawn after one
 * at (lx, ly): the atlas's thinning when it has one (the same on both sides
 * of a shared border), else every point a visible step away. */
static bool point_drawn(const unsigned char *kept, size_t i, size_t n,
                        double px, double py, double lx, double ly)
{
    if (kept)
        return kept[i];
    return fabs(px - lx) >= MIN_STEP_PT || fabs(py - ly) >= MIN_STEP_PT ||
           i + 1 == n;
}

/* Off-page vertices: a run of them beyond one edge of the drawn area
 * (widened by CLIP_MARGIN_PT, more than any line's half width) becomes the
 * straight line between its ends, which stays beyond that edge.  No point
 * inside changes winding or parity and no stroke inside moves, and a coast
 * that wanders off the page costs nothing to draw or to write. */
typedef struct ring_sink {
    cairo_t *cr;
    page_rect area;
    bool open, held;
    double hx, hy;   /* the point that may yet be dropped */
    unsigned hcode;  /* its outcode */
    unsigned run;    /* the outcode bits shared from the last point drawn
                        through the held one */
} ring_sink;

static unsigned outcode(const page_rect *r, double x, double y)
{
    return (unsigned)(x < r->x0) | (unsigned)(x > r->x1) << 1 |
           (unsigned)(y < r->y0) << 2 | (unsigned)(y > r->y1) << 3;
}

static void sink_point(ring_sink *s, double x, double y)
{
    unsigned c = outcode(&s->area, x, y);
    if (!s->open) {
        cairo_move_to(s->cr, x, y);
        s->open = true;
        s->held = false;
        s->run = c;
        return;
    }
    if (s->held) {
        if (s->run & c) {
            s->hx = x, s->hy = y, s->hcode = c;
            s->run &= c;
            return;
        }
        cairo_line_to(s->cr, s->hx, s->hy);
        s->run = s->hcode;
    }
    s->run &= c;
    s->hx = x, s->hy = y, s->hcode = c;
    s->held = true;
}

static void sink_close(ring_sink *s)
{
    if (s->held)
        cairo_line_to(s->cr, s->hx, s->hy);
    if (s->open)
        cairo_close_path(s->cr);
    s->open = s->held = false;
}

/* Appends one ring to the current path, if any of it is inside `keep`. */
static void ring_path(cairo_t *cr, const double *xy, const unsigned char *kept,
                      size_t n, const ir_frame *f, const page_rect *keep)
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
    ring_sink sink = { cr, { keep->x0 - CLIP_MARGIN_PT, keep->y0 - CLIP_MARGIN_PT,
                             keep->x1 + CLIP_MARGIN_PT,
                             keep->y1 + CLIP_MARGIN_PT }, false, false, 0, 0,
                       0, 0 };
    double lx = 0, ly = 0;
    for (size_t i = 0; i < n; i++) {
        double x = xy[2 * i], y = xy[2 * i + 1];
        if (isnan(x) || isnan(y)) {
            if (sink.held)
                cairo_line_to(cr, sink.hx, sink.hy);
            sink.open = sink.held = false;
            continue;
        }
        double px, py;
        ir_frame_to_page(f, x, y, &px, &py);
        /* The atlas's thinning keeps a ring's first point only where its
         * neighbour keeps it too. */
        if ((sink.open || kept) && !point_drawn(kept, i, n, px, py, lx, ly))
            continue;
        sink_point(&sink, px, py);
        lx = px, ly = py;
    }
    sink_close(&sink);
}

static void region_path(cairo_t *cr, const ir_atlas *a, const ir_region *r,
                        const ir_frame *f, const page_rect *keep)
{
    const double *xy = ir_atlas_points(a);
    const size_t *rs = ir_atlas_ring_starts(a);
    const unsigned char *kept = ir_atlas_kept(a);
    for (size_t k = r->first_ring; k < r->first_ring + r->nrings; k++)
        ring_path(cr, xy + 2 * rs[k], kept ? kept + rs[k] : NULL,
                  rs[k + 1] - rs[k], f, keep);
}

typedef bool (*region_filter)(const ir_region *r, int arg);

static bool is_kind(const ir_region *r, int kind)
{
    return r->kind == (ir_region_kind)kind;
}

static bool is_other_land(const ir_region *r, int kind)
{
    return r->kind != (ir_region_kind)kind && r->kind != IR_REGION_LAKE &&
           r->kind != IR_REGION_AREA;
}

static bool is_state(const ir_region *r, int unused)
{
    (void)unused;
    return r->kind == IR_REGION_US_STATE || r->kind == IR_REGION_MX_STATE ||
           r->kind == IR_REGION_DESTINATION_COUNTRY;
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
    ir_draw_fill(cr);
}

static void stroke_regions(cairo_t *cr, const ir_atlas *a, const ir_frame *f,
                           region_filter pick, int arg, const page_rect *keep,
                           ir_rgb line, double width)
{
    regions_path(cr, a, f, pick, arg, keep);
    set_rgb(cr, line);
    cairo_set_line_width(cr, width);
    ir_draw_stroke(cr);
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
    ir_draw_save(cr);
    regions_path(cr, a, f, inside, arg, &page);
    double x0, y0, x1, y1;
    cairo_path_extents(cr, &x0, &y0, &x1, &y1);
    if (x1 > x0 && y1 > y0) {
        double w = s->border_line_pt;
        page_rect near = { x0 - w, y0 - w, x1 + w, y1 + w };
        ir_draw_clip(cr);
        stroke_regions(cr, a, f, outside, arg, &near, s->border_line,
                       s->border_line_pt);
    }
    ir_draw_restore(cr);
}

/*
 * On a raster target cairo applies that clip by intersecting the clip
 * polygon (every state of a country) with the stroke's polygon, which took
 * a third of a basemap's time.  Cut into pixel-aligned tiles, each
 * intersection sees only the edges in its tile, and tiles the other side's
 * outlines do not reach are skipped.  Tiles are laid on the page's pixels,
 * not the band's, so a PNG drawn in one band or two comes out the same.
 */
#define BORDER_TILE_PX 128

typedef struct border_tiles {
    const ir_atlas *a;
    const ir_frame *f;
    double px_per_pt;
    int cols, rows;
    double *ring_box;      /* each ring's page box: x0, y0, x1, y1 */
    unsigned char *mark;   /* cols * rows */
} border_tiles;

static bool hits(const double b[4], const page_rect *r)
{
    return b[2] >= r->x0 && b[0] <= r->x1 && b[3] >= r->y0 && b[1] <= r->y1;
}

/* The tiles are whole device pixels only when the user space is the
 * page's points scaled, shifted by whole pixels at most. */
static bool raster_scale(cairo_t *cr, double *px_per_pt)
{
    if (cairo_surface_get_type(cairo_get_target(cr)) !=
        CAIRO_SURFACE_TYPE_IMAGE)
        return false;
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    if (m.xy != 0 || m.yx != 0 || m.xx != m.yy || !(m.xx > 0) ||
        m.x0 != floor(m.x0) || m.y0 != floor(m.y0))
        return false;
    *px_per_pt = m.xx;
    return true;
}

static int border_tiles_init(border_tiles *t, cairo_t *cr, const ir_atlas *a,
                             const ir_frame *f)
{
    if (!raster_scale(cr, &t->px_per_pt))
        return -1;
    t->a = a, t->f = f;
    t->cols = (int)ceil(f->width_pt * t->px_per_pt / BORDER_TILE_PX);
    t->rows = (int)ceil(f->height_pt * t->px_per_pt / BORDER_TILE_PX);
    const size_t *rs = ir_atlas_ring_starts(a);
    size_t nrings = ir_atlas_rings(a);
    t->ring_box = malloc((nrings ? nrings : 1) * 4 * sizeof *t->ring_box);
    t->mark = malloc((size_t)(t->cols > 0 ? t->cols : 1) *
                     (size_t)(t->rows > 0 ? t->rows : 1));
    if (t->ring_box == NULL || t->mark == NULL || t->cols <= 0 ||
        t->rows <= 0) {
        free(t->ring_box);
        free(t->mark);
        return -1;
    }
    const double *xy = ir_atlas_points(a);
    for (size_t k = 0; k < nrings; k++) {
        double b[4], *pb = t->ring_box + 4 * k;
        ir_bbox_empty(b);
        ir_bbox_add_points(b, xy + 2 * rs[k], rs[k + 1] - rs[k]);
        ir_frame_to_page(f, b[0], b[3], &pb[0], &pb[1]);
        ir_frame_to_page(f, b[2], b[1], &pb[2], &pb[3]);
    }
    return 0;
}

static void border_tiles_fini(border_tiles *t)
{
    free(t->ring_box);
    free(t->mark);
}

/* Calls `seg` for every segment of a ring as ring_path draws it (the same
 * vertices thinned, each NaN-separated part closed; the runs off the page
 * that ring_path cuts short are kept, as the callers clip for themselves). */
typedef void (*segment_fn)(void *arg, double x0, double y0, double x1,
                           double y1);

static void ring_segments(const double *xy, const unsigned char *kept,
                          size_t n, const ir_frame *f, segment_fn seg,
                          void *arg)
{
    bool open = false;
    double sx = 0, sy = 0, lx = 0, ly = 0;
    for (size_t i = 0; i <= n; i++) {
        double x = i < n ? xy[2 * i] : NAN, y = i < n ? xy[2 * i + 1] : NAN;
        if (isnan(x) || isnan(y)) {
            if (open && (lx != sx || ly != sy))
                seg(arg, lx, ly, sx, sy);
            open = false;
            continue;
        }
        double px, py;
        ir_frame_to_page(f, x, y, &px, &py);
        if (!open) {
            sx = lx = px, sy = ly = py;
            open = true;
        } else if (point_drawn(kept, i, n, px, py, lx, ly)) {
            seg(arg, lx, ly, px, py);
            lx = px, ly = py;
        }
    }
}

typedef struct mark_job {
    border_tiles *t;
    double pad;   /* points */
} mark_job;

static void mark_segment(void *arg, double x0, double y0, double x1,
                         double y1)
{
    const mark_job *j = arg;
    const border_tiles *t = j->t;
    double k = t->px_per_pt / BORDER_TILE_PX;
    double c0 = (fmin(x0, x1) - j->pad) * k, c1 = (fmax(x0, x1) + j->pad) * k;
    double r0 = (fmin(y0, y1) - j->pad) * k, r1 = (fmax(y0, y1) + j->pad) * k;
    if (c1 < 0 || r1 < 0 || c0 >= t->cols || r0 >= t->rows)
        return;
    int ca = c0 < 0 ? 0 : (int)c0, cb = c1 >= t->cols ? t->cols - 1 : (int)c1;
    int ra = r0 < 0 ? 0 : (int)r0, rb = r1 >= t->rows ? t->rows - 1 : (int)r1;
    for (int r = ra; r <= rb; r++)
        memset(t->mark + (size_t)r * (size_t)t->cols + (size_t)ca, 1,
               (size_t)(cb - ca + 1));
}

/* The stroke's open stretches: every segment that comes near `keep`.
 * With round joins and caps a stroke is the union of its segments'
 * stadiums, so inside keep this covers what the whole ring's stroke does. */
typedef struct stretch_job {
    cairo_t *cr;
    page_rect keep;
    bool open;
    double lx, ly;
} stretch_job;

static void stretch_segment(void *arg, double x0, double y0, double x1,
                            double y1)
{
    stretch_job *j = arg;
    double b[4] = { fmin(x0, x1), fmin(y0, y1), fmax(x0, x1), fmax(y0, y1) };
    if (!hits(b, &j->keep)) {
        j->open = false;
        return;
    }
    if (!j->open || j->lx != x0 || j->ly != y0)
        cairo_move_to(j->cr, x0, y0);
    cairo_line_to(j->cr, x1, y1);
    j->open = true, j->lx = x1, j->ly = y1;
}

/* One ring clipped to a rectangle (Sutherland-Hodgman, one stage per
 * side, streamed): inside the rectangle its winding is the ring's. */
typedef struct clip_stage {
    bool started, prev_in;
    double fx, fy, px, py;
} clip_stage;

typedef struct clip_job {
    cairo_t *cr;
    page_rect r;
    clip_stage st[4];
    bool emitted;
} clip_job;

static bool side_in(const page_rect *r, int side, double x, double y)
{
    switch (side) {
    case 0: return x >= r->x0;
    case 1: return x <= r->x1;
    case 2: return y >= r->y0;
    default: return y <= r->y1;
    }
}

static void side_cross(const page_rect *r, int side, double ax, double ay,
                       double bx, double by, double *x, double *y)
{
    double t;
    if (side < 2) {
        double e = side == 0 ? r->x0 : r->x1;
        t = (e - ax) / (bx - ax);
        *x = e, *y = ay + t * (by - ay);
    } else {
        double e = side == 2 ? r->y0 : r->y1;
        t = (e - ay) / (by - ay);
        *x = ax + t * (bx - ax), *y = e;
    }
}

static void clip_push(clip_job *j, int side, double x, double y);

static void clip_edge(clip_job *j, int side, double x, double y)
{
    clip_stage *s = &j->st[side];
    bool in = side_in(&j->r, side, x, y);
    if (in != s->prev_in) {
        double cx, cy;
        side_cross(&j->r, side, s->px, s->py, x, y, &cx, &cy);
        clip_push(j, side + 1, cx, cy);
    }
    if (in)
        clip_push(j, side + 1, x, y);
    s->px = x, s->py = y, s->prev_in = in;
}

static void clip_push(clip_job *j, int side, double x, double y)
{
    if (side == 4) {
        if (!j->emitted)
            cairo_move_to(j->cr, x, y);
        else
            cairo_line_to(j->cr, x, y);
        j->emitted = true;
        return;
    }
    clip_stage *s = &j->st[side];
    if (!s->started) {
        s->started = true;
        s->fx = s->px = x, s->fy = s->py = y;
        s->prev_in = side_in(&j->r, side, x, y);
        return;
    }
    clip_edge(j, side, x, y);
}

static void clip_close(clip_job *j)
{
    for (int side = 0; side < 4; side++) {
        clip_stage *s = &j->st[side];
        if (s->started)
            clip_edge(j, side, s->fx, s->fy);
        s->started = false;
    }
    if (j->emitted)
        cairo_close_path(j->cr);
    j->emitted = false;
}

static void clip_segment(void *arg, double x0, double y0, double x1,
                         double y1)
{
    clip_job *j = arg;
    (void)x0, (void)y0;
    if (!j->st[0].started)
        clip_push(j, 0, x0, y0);
    clip_push(j, 0, x1, y1);
    /* ring_segments' last segment of a part returns to its start */
    if (x1 == j->st[0].fx && y1 == j->st[0].fy)
        clip_close(j);
}

/* Calls `seg` for the segments of every ring of the regions `pick`
 * selects whose page box comes within `near`. */
static void regions_segments(const border_tiles *t, region_filter pick,
                             int arg, const page_rect *near, segment_fn seg,
                             void *job, void (*ring_done)(void *))
{
    const double *xy = ir_atlas_points(t->a);
    const size_t *rs = ir_atlas_ring_starts(t->a);
    const unsigned char *kept = ir_atlas_kept(t->a);
    for (size_t i = 0; i < ir_atlas_count(t->a); i++) {
        const ir_region *r = ir_atlas_region(t->a, i);
        if (!pick(r, arg))
            continue;
        for (size_t k = r->first_ring; k < r->first_ring + r->nrings; k++) {
            if (!hits(t->ring_box + 4 * k, near))
                continue;
            ring_segments(xy + 2 * rs[k], kept ? kept + rs[k] : NULL,
                          rs[k + 1] - rs[k], t->f, seg, job);
            if (ring_done)
                ring_done(job);
        }
    }
}

static void stretch_done(void *arg)
{
    ((stretch_job *)arg)->open = false;
}

static void clip_done(void *arg)
{
    clip_close(arg);
}

static void border_side_tiled(cairo_t *cr, border_tiles *t,
                              region_filter inside, region_filter outside,
                              int arg, const ir_basemap_style *s)
{
    double w = s->border_line_pt;
    double b[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
    for (size_t i = 0; i < ir_atlas_count(t->a); i++) {
        const ir_region *r = ir_atlas_region(t->a, i);
        if (!inside(r, arg))
            continue;
        for (size_t k = r->first_ring; k < r->first_ring + r->nrings; k++)
            ir_bbox_add_box(b, t->ring_box + 4 * k);
    }
    if (!(b[2] > b[0] && b[3] > b[1]))
        return;
    page_rect near = { b[0] - w, b[1] - w, b[2] + w, b[3] + w };
    memset(t->mark, 0, (size_t)t->cols * (size_t)t->rows);
    mark_job mj = { t, w };
    regions_segments(t, outside, arg, &near, mark_segment, &mj, NULL);

    double pt = BORDER_TILE_PX / t->px_per_pt;
    set_rgb(cr, s->border_line);
    cairo_set_line_width(cr, w);
    for (int row = 0; row < t->rows; row++) {
        for (int c0 = 0; c0 < t->cols; c0++) {
            if (!t->mark[(size_t)row * (size_t)t->cols + (size_t)c0])
                continue;
            int c1 = c0;
            while (c1 + 1 < t->cols &&
                   t->mark[(size_t)row * (size_t)t->cols + (size_t)c1 + 1])
                c1++;
            page_rect tile = { c0 * pt, row * pt, (c1 + 1) * pt,
                               (row + 1) * pt };
            c0 = c1;
            if (!(tile.x1 >= near.x0 && tile.x0 <= near.x1 &&
                  tile.y1 >= near.y0 && tile.y0 <= near.y1))
                continue;
            ir_draw_save(cr);
            cairo_new_path(cr);
            cairo_rectangle(cr, tile.x0, tile.y0, tile.x1 - tile.x0,
                            tile.y1 - tile.y0);
            ir_draw_clip(cr);
            page_rect wide = { tile.x0 - 1, tile.y0 - 1, tile.x1 + 1,
                               tile.y1 + 1 };
            clip_job cj = { cr, wide, { { 0 } }, false };
            regions_segments(t, inside, arg, &wide, clip_segment, &cj,
                             clip_done);
            if (cairo_has_current_point(cr)) {
                ir_draw_clip(cr);
                page_rect keep = { tile.x0 - w, tile.y0 - w, tile.x1 + w,
                                   tile.y1 + w };
                stretch_job sj = { cr, keep, false, 0, 0 };
                regions_segments(t, outside, arg, &keep, stretch_segment, &sj,
                                 stretch_done);
                ir_draw_stroke(cr);
            }
            ir_draw_restore(cr);
        }
    }
}

/* The hatching of "no data": thin grey diagonals, HATCH_PT apart, over
 * a pale ground, so that a missing value never reads as the lowest class.
 * Also the legend's swatch. */
void ir_render_hatch(cairo_t *cr, double x0, double y0, double x1, double y1)
{
    ir_draw_save(cr);
    ir_draw_clip(cr);
    cairo_new_path(cr);
    for (double d = -(y1 - y0); d < x1 - x0; d += HATCH_PT) {
        cairo_move_to(cr, x0 + d, y1);
        cairo_line_to(cr, x0 + d + (y1 - y0), y0);
    }
    cairo_set_source_rgb(cr, 0.62, 0.62, 0.62);
    cairo_set_line_width(cr, 0.5);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    ir_draw_stroke(cr);
    ir_draw_restore(cr);
}

/* The choropleth's classes, one path and fill each; then the states with
 * no value, hatched. */
static void fill_classes(cairo_t *cr, const ir_atlas *a, const ir_frame *f,
                         const ir_choropleth *fill)
{
    page_rect page = { 0, 0, f->width_pt, f->height_pt };
    const double *breaks;
    int n = ir_choropleth_classes(fill, &breaks);
    size_t nr = ir_atlas_count(a);
    int *class_of = malloc((nr ? nr : 1) * sizeof *class_of);
    if (class_of == NULL)
        return;
    bool areas = ir_choropleth_of_areas(fill);
    for (size_t i = 0; i < nr; i++) {
        const ir_region *r = ir_atlas_region(a, i);
        bool shaded = areas ? r->kind == IR_REGION_AREA
                            : r->kind == IR_REGION_US_STATE ||
                                  r->kind == IR_REGION_MX_STATE;
        class_of[i] = shaded ? ir_choropleth_class_of(fill, r->iso)
                             : IR_FILL_NONE;
    }
    for (int k = IR_FILL_NO_DATA; k < n; k++) {
        cairo_new_path(cr);
        bool any = false;
        for (size_t i = 0; i < nr; i++) {
            if (class_of[i] == k) {
                region_path(cr, a, ir_atlas_region(a, i), f, &page);
                any = true;
            }
        }
        if (!any)
            continue;
        unsigned rgb = ir_choropleth_rgb(fill, k);
        cairo_set_source_rgb(cr, (rgb >> 16) / 255.0,
                             ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
        if (k != IR_FILL_NO_DATA) {
            ir_draw_fill(cr);
            continue;
        }
        ir_draw_fill_preserve(cr);
        ir_render_hatch(cr, 0, 0, f->width_pt, f->height_pt);
    }
    /* A layer's polygons are told apart by a hairline, fainter than the
     * state lines drawn over it. */
    if (areas) {
        cairo_new_path(cr);
        for (size_t i = 0; i < nr; i++)
            if (class_of[i] != IR_FILL_NONE)
                region_path(cr, a, ir_atlas_region(a, i), f, &page);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 0.3);
        ir_draw_stroke(cr);
    }
    free(class_of);
    cairo_new_path(cr);
}

void ir_render_basemap(cairo_t *cr, const ir_atlas *a, const ir_frame *f,
                       const ir_basemap_style *s)
{
    ir_draw_save(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);

    /* Layers for a designer who opens the SVG, in drawing order. */
    ir_draw_layer_begin(cr, "sea", NULL);
    set_rgb(cr, s->water ? s->water_fill : s->paper);
    cairo_rectangle(cr, 0, 0, f->width_pt, f->height_pt);
    ir_draw_fill(cr);
    ir_draw_group_end(cr);

    ir_draw_layer_begin(cr, "land", NULL);
    fill_regions(cr, a, f, is_kind, IR_REGION_CONTEXT, s->context_fill);
    page_rect page = { 0, 0, f->width_pt, f->height_pt };
    stroke_regions(cr, a, f, is_kind, IR_REGION_CONTEXT, &page,
                   s->context_line, s->context_line_pt);
    fill_regions(cr, a, f, is_kind, IR_REGION_US_STATE, s->us_fill);
    fill_regions(cr, a, f, is_kind, IR_REGION_MX_STATE, s->mx_fill);
    /* A country the flows end in is land of the figure, like Mexico. */
    fill_regions(cr, a, f, is_kind, IR_REGION_DESTINATION_COUNTRY,
                 s->mx_fill);
    ir_draw_group_end(cr);
    if (s->fill) {
        ir_draw_layer_begin(cr, "fills", NULL);
        fill_classes(cr, a, f, s->fill);
        ir_draw_group_end(cr);
    }
    ir_draw_layer_begin(cr, "borders", NULL);
    ir_draw_layer_begin(cr, "state-lines", "state lines");
    stroke_regions(cr, a, f, is_state, 0, &page, s->state_line,
                   s->state_line_pt);
    ir_draw_group_end(cr);

    /* Lakes cover the state lines that run through them and are filled as
     * the sea is.  They get no shoreline: the long narrow reservoirs of
     * the Missouri would be two parallel lines with nothing between. */
    ir_draw_layer_begin(cr, "lakes", NULL);
    fill_regions(cr, a, f, is_kind, IR_REGION_LAKE,
                 s->water ? s->water_fill : s->paper);
    ir_draw_group_end(cr);

    /* The stroke is centred on the border and each pass draws the half on
     * its own side, so the border comes out border_line_pt wide. */
    static const int kinds[4] = { IR_REGION_US_STATE, IR_REGION_MX_STATE,
                                  IR_REGION_CONTEXT,
                                  IR_REGION_DESTINATION_COUNTRY };
    ir_draw_layer_begin(cr, "national-borders", "national borders");
    border_tiles t;
    bool tiled = border_tiles_init(&t, cr, a, f) == 0;
    for (int i = 0; i < 4; i++) {
        if (tiled)
            border_side_tiled(cr, &t, is_kind, is_other_land, kinds[i], s);
        else
            border_side(cr, a, f, is_kind, is_other_land, kinds[i], s);
    }
    if (tiled)
        border_tiles_fini(&t);
    ir_draw_group_end(cr);
    ir_draw_group_end(cr);
    if (s->symbols) {
        ir_draw_layer_begin(cr, "symbols", NULL);
        const ir_symbol *d;
        size_t n = ir_symbols_get(s->symbols, &d);
        for (size_t i = 0; i < n; i++)
            ir_render_symbol(cr, d[i].x, d[i].y, d[i].r);
        ir_draw_group_end(cr);
    }
    ir_draw_restore(cr);
}

/* Translucent, so that the borders and the smaller disks laid over a
 * larger one show through; outlined, so that each disk's size reads. */
void ir_render_symbol(cairo_t *cr, double x, double y, double r)
{
    if (!(r > 0))
        return;
    cairo_new_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * M_PI);
    cairo_set_source_rgba(cr, (IR_SYMBOL_FILL >> 16) / 255.0,
                          ((IR_SYMBOL_FILL >> 8) & 0xff) / 255.0,
                          (IR_SYMBOL_FILL & 0xff) / 255.0, IR_SYMBOL_ALPHA);
    ir_draw_fill_preserve(cr);
    cairo_set_source_rgb(cr, (IR_SYMBOL_LINE >> 16) / 255.0,
                         ((IR_SYMBOL_LINE >> 8) & 0xff) / 255.0,
                         (IR_SYMBOL_LINE & 0xff) / 255.0);
    cairo_set_line_width(cr, 0.7);
    ir_draw_stroke(cr);
}

void ir_render_basemap_page(cairo_t *cr, void *page)
{
    const ir_basemap_page *p = page;
    ir_render_basemap(cr, p->atlas, p->frame, p->style);
}

void ir_render_key(const char *text, bool fold, char *buf, size_t cap)
{
    char folded[256];
    if (fold) {
        ir_states_fold(text, folded, sizeof folded);
        text = folded;
    }
    size_t n = 0;
    bool dash = false;
    for (const char *c = text; *c && n + 2 < cap; c++) {
        bool ok = (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
                  (*c >= '0' && *c <= '9') || *c == '_';
        if (!ok) {
            dash = n > 0;
            continue;
        }
        if (dash)
            buf[n++] = '-';
        dash = false;
        buf[n++] = *c;
    }
    if (cap > 0)
        buf[n] = '\0';
}

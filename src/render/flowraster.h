/*
 * flowraster: a PNG's flows filled straight into its pixels, tile by tile
 * (render stage).
 *
 * cairo turns each filled outline into coverage at about 85 ns per pixel
 * row of the outline whatever its width, and one path of many outlines
 * costs more, not less (bench/README.md, "scale"): on a map of 100,000
 * flows that was nine tenths of the PNG.  Here each flow's casing and band
 * are filled at once from the distance of a pixel's centre to the curve,
 * flattened to chords of a tenth of a pixel.  Flow after flow, each shape
 * would walk down hundreds of rows of the image, a cache line or two a
 * row; instead the flows' pieces are first sorted into tiles of 64 x 64
 * pixels, in draw order, and each tile is then filled with every flow that
 * reaches it while it sits in the cache: each pixel still sees the flows
 * in the order cairo would draw them, but from the top down, so that a
 * pixel the flows above have covered costs nothing more.
 *
 * The shapes are those cairo fills in flowdraw.c: the band of
 * ir_flowgeom_band_of (cut square at its start, its head a triangle) and a
 * casing, the same shape for a wider flow, under it.  Both are opaque.
 * Pixels differ from cairo's by a few levels on edges (tests/render/
 * test_flowraster.c states how far).
 */
#ifndef IR_FLOWRASTER_H
#define IR_FLOWRASTER_H

#include <stdbool.h>
#include <stdint.h>

#include "layout/flowgeom.h"

/* Pixels to fill: premultiplied ARGB32 as cairo's image surfaces hold
 * them, pixels[0] being pixel (ox, oy) of the page (a PNG's band is a
 * part of it); page pixel = scale * page point + (dx, dy).  Only pixels
 * inside the clip (x0 <= x < x1, y0 <= y < y1, in page pixels, not
 * negative) change.  The same page gives the same pixels in any part. */
typedef struct ir_flowraster_target {
    uint32_t *pixels;
    int stride;                 /* in pixels */
    int ox, oy;
    double scale, dx, dy;
    int x0, y0, x1, y1;
} ir_flowraster_target;

/* One flow as drawn: the band on curve (from, control, to), and unless
 * has_casing is false the casing, filled first. */
typedef struct ir_flowraster_flow {
    ir_point from, control, to;
    ir_flowgeom_band band, casing;
    bool has_casing;
    uint32_t band_argb, casing_argb;  /* opaque, see ir_flowraster_argb */
} ir_flowraster_flow;

typedef struct ir_flowraster ir_flowraster;

/* NULL when out of memory. */
ir_flowraster *ir_flowraster_create(const ir_flowraster_target *target);

/* Adds the next flow from the top down: each goes under the flows added
 * before it (the reverse of draw order), so that what they hide costs
 * nothing.  Its pixels are filled by the time ir_flowraster_finish
 * returns. */
void ir_flowraster_add(ir_flowraster *r, const ir_flowraster_flow *flow);

/* Fills whatever is still waiting and puts the flows over the pixels;
 * flows added after this go over these.  False, with no pixel changed,
 * when memory ran out (for the layer a map too large for one fill
 * needs). */
bool ir_flowraster_finish(ir_flowraster *r);

void ir_flowraster_destroy(ir_flowraster *r);

/* An opaque colour as cairo stores it for these components (0..1). */
uint32_t ir_flowraster_argb(const double rgb[3]);

#endif

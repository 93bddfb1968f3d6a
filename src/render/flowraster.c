/*
 * flowraster: flows filled tile by tile.  See flowraster.h.
 *
 * A flow becomes pieces: chords of its curve (each the pixels within half
 * the width of its line, and a little past its ends, as far as the wedge
 * that its turn to the next chord opens on the outside of the bend, so
 * consecutive chords join without seams) and one head (the band's
 * triangle and the casing's).  Pieces are
 * queued with the tiles they reach; when the queue is full, or at the
 * end, a stable counting sort by tile puts each tile's pieces in queue
 * order, and the tiles are filled one after another.  Within a tile the
 * pieces of one flow write the largest coverage of each pixel into two
 * small coverage maps (casing, band), which are then blended into the
 * layer and cleared: the union of the pieces, not their sum, so a pixel
 * two chords reach is not darkened.
 *
 * Flows come from the top down and each is blended under those before it
 * into a layer of its own (premultiplied, transparent at first), which
 * goes over the pixels at the end: "under" is as exact as "over", and a
 * pixel the flows above have made opaque needs nothing of the flows
 * below.  On a dense map most of a flow lies under others: a bit a pixel
 * says which are opaque, rows of a piece that meet only those are
 * skipped, and a tile whose every pixel is opaque takes no more pieces.
 *
 * Coverage is the overlap of the pixel, taken as a unit square across
 * the edge, with the band: min(R, d + 1/2) - max(-R, d - 1/2) for a
 * distance d from the centre line and a half width R (R + 1/2 - d,
 * clamped, once R is half a pixel or more), exact for edges along the
 * axes and within a few levels elsewhere; a triangle's is the product of
 * the same ramps at its three sides.
 */
#include "flowraster.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define TILE 64               /* pixels a side: two coverage maps and the
                                 tile's 16 KB of pixels stay in L1 */
#define TOLERANCE_PX 0.1      /* largest gap between the curve and a chord */
#define CHORD_MAX_PX 48.0     /* longer chords reach tiles they miss */
#define CHORDS_MAX 4096
#define PIECES_MAX (1u << 16) /* queued before the tiles are filled */
#define REFS_MAX (1u << 18)
#define FLOWS_MAX 4096

enum { BAND = 1, CASING = 2, HEAD = 4 };

typedef struct piece {
    float ax, ay, bx, by;     /* a chord, device pixels */
    float ext;                /* reach past the ends, along the chord */
    uint32_t flow;            /* index into the queue's flows */
    uint32_t kind;            /* BAND | CASING, or HEAD */
} piece;

/* A triangle as its three sides: n.p + c is the distance inside. */
typedef struct triangle {
    float nx[3], ny[3], c[3];
    int present;
} triangle;

typedef struct queued_flow {
    float sx, sy, ux, uy;     /* the square cut at the start */
    float r_band, r_casing;   /* half widths, pixels */
    triangle head_band, head_casing;
    float hx0, hy0, hx1, hy1; /* both heads' bounds */
    uint32_t band_argb, casing_argb;
} queued_flow;

typedef struct ref {
    uint32_t tile, piece;
} ref;

struct ir_flowraster {
    ir_flowraster_target t;
    int col0, row0, cols, rows; /* tiles, on a grid of page pixels */
    uint32_t *layer;          /* the flows so far, tile after tile, once
                                 the queue has been filled more than once;
                                 NULL until then */
    uint32_t tile_layer[TILE * TILE]; /* one tile's, when all its flows
                                 come in one fill */
    uint64_t *opaque;         /* a bit a layer pixel, a word a tile's row;
                                 pixels outside the clip count as opaque */
    uint8_t *full_rows;       /* rows of each tile wholly opaque */
    uint8_t *touched;         /* whether a tile's layer holds anything */
    bool failed;              /* the layer could not be had: nothing drawn */
    piece *pieces;
    queued_flow *flows;
    ref *refs;
    uint32_t *sorted, *start; /* piece indices by tile; each tile's first */
    uint32_t npieces, nflows, nrefs;
    uint8_t cover_band[TILE * TILE], cover_casing[TILE * TILE];
    int span_lo[TILE], span_hi[TILE];
    int rows_lo, rows_hi;     /* the rows that have spans */
};

/* Bits x0 .. x1 of a row's word. */
static inline uint64_t bits(int x0, int x1)
{
    uint64_t hi = x1 >= TILE - 1 ? ~0ull : (1ull << (x1 + 1)) - 1;
    return hi & ~((1ull << x0) - 1);
}

/* Tile k's layer transparent, and only its pixels outside the clip
 * opaque. */
static void reset_tile(ir_flowraster *r, size_t k)
{
    int ox = (r->col0 + (int)(k % (size_t)r->cols)) * TILE;
    int oy = (r->row0 + (int)(k / (size_t)r->cols)) * TILE;
    int x0 = r->t.x0 - ox, x1 = r->t.x1 - 1 - ox;
    uint64_t inside = bits(x0 < 0 ? 0 : x0, x1 > TILE - 1 ? TILE - 1 : x1);
    r->full_rows[k] = 0;
    r->touched[k] = 0;
    for (int y = 0; y < TILE; y++) {
        bool in = oy + y >= r->t.y0 && oy + y < r->t.y1;
        r->opaque[k * TILE + y] = in ? ~inside : ~0ull;
        r->full_rows[k] += !in || inside == 0;
    }
}

ir_flowraster *ir_flowraster_create(const ir_flowraster_target *target)
{
    ir_flowraster *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->t = *target;
    if (r->t.x0 < 0)
        r->t.x0 = 0;
    if (r->t.y0 < 0)
        r->t.y0 = 0;
    /* Tiles fall on one grid of the page, whatever part of it the pixels
     * are: a band of a PNG fills its pixels as the whole page would. */
    r->col0 = r->t.x0 / TILE;
    r->row0 = r->t.y0 / TILE;
    r->cols = r->t.x1 > r->t.x0 ? (r->t.x1 - 1) / TILE - r->col0 + 1 : 0;
    r->rows = r->t.y1 > r->t.y0 ? (r->t.y1 - 1) / TILE - r->row0 + 1 : 0;
    r->pieces = malloc(PIECES_MAX * sizeof *r->pieces);
    r->flows = malloc(FLOWS_MAX * sizeof *r->flows);
    r->refs = malloc(REFS_MAX * sizeof *r->refs);
    r->sorted = malloc(REFS_MAX * sizeof *r->sorted);
    size_t ntiles = (size_t)r->cols * (size_t)r->rows;
    r->start = calloc(ntiles + 1, sizeof *r->start);
    r->opaque = malloc(ntiles * TILE * sizeof *r->opaque);
    r->full_rows = malloc(ntiles);
    r->touched = malloc(ntiles);
    if (!r->pieces || !r->flows || !r->refs || !r->sorted || !r->start ||
        !r->opaque || !r->full_rows || !r->touched) {
        ir_flowraster_destroy(r);
        return NULL;
    }
    for (size_t k = 0; k < ntiles; k++)
        reset_tile(r, k);
    for (int y = 0; y < TILE; y++) {
        r->span_lo[y] = TILE;
        r->span_hi[y] = -1;
    }
    r->rows_lo = TILE;
    r->rows_hi = -1;
    return r;
}

void ir_flowraster_destroy(ir_flowraster *r)
{
    if (!r)
        return;
    free(r->pieces);
    free(r->flows);
    free(r->refs);
    free(r->sorted);
    free(r->start);
    free(r->layer);
    free(r->opaque);
    free(r->full_rows);
    free(r->touched);
    free(r);
}

uint32_t ir_flowraster_argb(const double rgb[3])
{
    /* cairo keeps 16 bits a component and the image stores the top 8. */
    uint32_t v = 0xff000000u;
    for (int k = 0; k < 3; k++) {
        double x = rgb[k] < 0 ? 0 : rgb[k] > 1 ? 1 : rgb[k];
        v |= (uint32_t)((int)(x * 65535 + 0.5) >> 8) << (16 - 8 * k);
    }
    return v;
}

/* Each byte of p times a / 255, rounded, two bytes at a time: each lies
 * 16 bits from the next and stays under 2^16.  Exact, so that an opaque
 * pixel under a layer of alpha la adds exactly 255 - la. */
static inline uint32_t times(uint32_t p, uint32_t a)
{
    uint32_t rb = (p & 0xff00ffu) * a + 0x800080u;
    uint32_t ag = (p >> 8 & 0xff00ffu) * a + 0x800080u;
    rb = (rb + (rb >> 8 & 0xff00ffu)) >> 8 & 0xff00ffu;
    ag = (ag + (ag >> 8 & 0xff00ffu)) >> 8 & 0xff00ffu;
    return rb | ag << 8;
}

/* Not fminf and fmaxf: without -ffinite-math-only they are calls, and
 * the distances here are never NaN. */
static inline float min_f(float a, float b)
{
    return a < b ? a : b;
}

static inline float max_f(float a, float b)
{
    return a > b ? a : b;
}

static inline float ramp(float x)
{
    return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

/* The band's share of a unit pixel centred d from its centre line. */
static inline float band_cover(float r, float d)
{
    float hi = d + 0.5f < r ? d + 0.5f : r;
    float lo = d - 0.5f > -r ? d - 0.5f : -r;
    return hi > lo ? hi - lo : 0;
}

static inline uint8_t level(float c)
{
    return (uint8_t)(c * 255 + 0.5f);
}

/* ---- filling one tile ---- */

/* A tile: its corner in page pixels, and the pixels of it inside the
 * clip, [x0, x1] x [y0, y1] from the corner. */
typedef struct window {
    int ox, oy, x0, y0, x1, y1;
    uint32_t *layer;          /* the tile's */
    uint64_t *opaque;
    uint8_t *full_rows;
    uint8_t *touched;
} window;

/* Narrows a row's run [x0, x1] to the pixels from its first to its last
 * that are not yet opaque; false when none is left. */
static inline bool open_run(uint64_t opaque, int *x0, int *x1)
{
    if (!opaque)
        return true;
    uint64_t open = ~opaque & bits(*x0, *x1);
    if (!open)
        return false;
    *x0 = __builtin_ctzll(open);
    *x1 = TILE - 1 - __builtin_clzll(open);
    return true;
}

static void note_span(ir_flowraster *r, int y, int lo, int hi)
{
    if (lo < r->span_lo[y])
        r->span_lo[y] = lo;
    if (hi > r->span_hi[y])
        r->span_hi[y] = hi;
    if (y < r->rows_lo)
        r->rows_lo = y;
    if (y > r->rows_hi)
        r->rows_hi = y;
}

/* Where a + k x lies in (lo, hi) for integer x in [x0, x1] (inv: 1 / k,
 * 0 for a k too small to divide by): narrows [x0, x1] to those x; false
 * when none is left. */
static inline bool narrow(float a, float k, float inv, float lo, float hi,
                          int *x0, int *x1)
{
    if (inv == 0)
        return a > lo && a < hi;
    float p = (lo - a) * inv, q = (hi - a) * inv;
    if (k < 0) {
        float s = p;
        p = q;
        q = s;
    }
    if (p > *x1 || q < *x0)
        return false;
    if (p >= *x0)
        *x0 = (int)p + 1;
    if (q <= *x1)
        *x1 = (int)ceilf(q) - 1;
    return *x0 <= *x1;
}

static inline float inverse(float k)
{
    return k > -1e-6f && k < 1e-6f ? 0 : 1 / k;
}

/* Levels of pixels x0 .. x1 of a row, e0 - uy x from a chord's line, for
 * bands half a pixel wide or more: (R + 1/2 - e) of a pixel, clamped,
 * with k = (R + 1/2) 255 + 1/2 (0 for a band not drawn). */
static inline void ramp_run(uint8_t *cb, uint8_t *cc, int x0, int x1, float e0,
                            float uy, float kb, float kc)
{
    float e255 = e0 * 255, u255 = uy * 255;
    for (int x = x0; x <= x1; x++) {
        float e = e255 - u255 * x;
        e = e < 0 ? -e : e;
        float fb = kb - e, fc = kc - e;
        fb = fb < 0 ? 0 : fb > 255 ? 255 : fb;
        fc = fc < 0 ? 0 : fc > 255 ? 255 : fc;
        uint8_t vb = (uint8_t)fb, vc = (uint8_t)fc;
        cb[x] = vb > cb[x] ? vb : cb[x];
        cc[x] = vc > cc[x] ? vc : cc[x];
    }
}

/* A chord's coverage into the tile's maps, for the window's pixels.  The
 * chord covers what lies within reach of its line and ext of its ends along it (ext: enough to close
 * the wedge its turn to the next chord opens on the outside); in each row
 * that is one run of pixels, found before it is filled, so the run's
 * loop does the arithmetic of coverage alone. */
static void cover_chord(ir_flowraster *r, const piece *p, const queued_flow *f,
                        const window *win)
{
    int ox = win->ox, oy = win->oy;
    bool casing = p->kind & CASING, band = p->kind & BAND;
    float rb = f->r_band, rc = casing ? f->r_casing : 0;
    float reach = max_f(rb, rc) + 0.5f;
    float ax = p->ax - ox, ay = p->ay - oy, dx = p->bx - p->ax, dy = p->by - p->ay;
    float len = sqrtf(dx * dx + dy * dy);
    if (!(len > 0))
        return;
    float ux = dx / len, uy = dy / len, ext = p->ext;
    float inv_across = inverse(-uy), inv_along = inverse(ux);
    float inv_cut = inverse(f->ux);
    float sx = f->sx - ox, sy = f->sy - oy;
    /* The square cut at the flow's start matters to chords that come
     * within reach of it. */
    float cut_a = (ax - sx) * f->ux + (ay - sy) * f->uy;
    bool cut = cut_a - ext < reach + 1;
    bool fast = !cut && rb >= 0.5f && (!casing || rc >= 0.5f);
    bool wide = band && rb >= 1.5f && (!casing || rc >= rb);
    float kb = band ? (rb + 0.5f) * 255 + 0.5f : 0;
    float kc = casing ? (rc + 0.5f) * 255 + 0.5f : 0;
    float ylo = min_f(ay, ay + dy) - reach - ext, yhi = max_f(ay, ay + dy) + reach + ext;
    int y0 = ylo < win->y0 ? win->y0 : (int)ylo;
    int y1 = yhi >= win->y1 ? win->y1 : (int)yhi;
    for (int y = y0; y <= y1; y++) {
        float yc = y + 0.5f - ay;
        /* Across the chord at pixel x: e0 - uy x; along it: s0 + ux x. */
        float e0 = (0.5f - ax) * -uy + yc * ux, s0 = (0.5f - ax) * ux + yc * uy;
        int x0 = win->x0, x1 = win->x1;
        if (!narrow(e0, -uy, inv_across, -reach, reach, &x0, &x1) ||
            !narrow(s0, ux, inv_along, -ext, len + ext, &x0, &x1))
            continue;
        float c0 = (0.5f - sx) * f->ux + (y + 0.5f - sy) * f->uy;
        if (cut && !narrow(c0, f->ux, inv_cut, -0.5f, 1e30f, &x0, &x1))
            continue;
        if (!open_run(win->opaque[y], &x0, &x1))
            continue;
        uint8_t *cb = r->cover_band + y * TILE, *cc = r->cover_casing + y * TILE;
        if (fast) {
            /* Inside a wide band every pixel is wholly covered: a run of
             * full levels, set at once (found a hundredth of a pixel in
             * from where the ramp starts, so it is exact). */
            int i0 = x0, i1 = x1;
            if (!(wide && narrow(e0, -uy, inv_across, -(rb - 0.51f), rb - 0.51f,
                                 &i0, &i1))) {
                i0 = x1 + 1;
                i1 = x1;
            }
            ramp_run(cb, cc, x0, i0 - 1, e0, uy, kb, kc);
            if (i0 <= i1) {
                memset(cb + i0, 255, (size_t)(i1 - i0 + 1));
                if (casing)
                    memset(cc + i0, 255, (size_t)(i1 - i0 + 1));
            }
            ramp_run(cb, cc, i1 + 1, x1, e0, uy, kb, kc);
            note_span(r, y, x0, x1);
            continue;
        }
        for (int x = x0; x <= x1; x++) {
            float e = e0 - uy * x;
            e = e < 0 ? -e : e;
            float k = cut ? ramp(c0 + f->ux * x + 0.5f) : 1;
            uint8_t vb = band ? level(band_cover(rb, e) * k) : 0;
            uint8_t vc = level(band_cover(rc, e) * k);
            cb[x] = vb > cb[x] ? vb : cb[x];
            cc[x] = vc > cc[x] ? vc : cc[x];
        }
        note_span(r, y, x0, x1);
    }
}

static inline float triangle_cover(const triangle *tr, float x, float y)
{
    float c = 1;
    for (int k = 0; k < 3 && c > 0; k++)
        c *= ramp(tr->nx[k] * x + tr->ny[k] * y + tr->c[k] + 0.5f);
    return c;
}

static void cover_head(ir_flowraster *r, const queued_flow *f, const window *win)
{
    int ox = win->ox, oy = win->oy;
    float fx0 = f->hx0 - ox, fy0 = f->hy0 - oy;
    float fx1 = f->hx1 - ox, fy1 = f->hy1 - oy;
    int x0 = fx0 < win->x0 ? win->x0 : (int)fx0;
    int y0 = fy0 < win->y0 ? win->y0 : (int)fy0;
    int x1 = fx1 >= win->x1 ? win->x1 : (int)fx1;
    int y1 = fy1 >= win->y1 ? win->y1 : (int)fy1;
    for (int y = y0; y <= y1; y++) {
        float yc = y + oy + 0.5f;
        uint8_t *cb = r->cover_band + y * TILE, *cc = r->cover_casing + y * TILE;
        int rx0 = x0, rx1 = x1;
        if (x0 > x1 || !open_run(win->opaque[y], &rx0, &rx1))
            continue;
        int lo = rx1 + 1, hi = rx0 - 1;
        for (int x = rx0; x <= rx1; x++) {
            float xc = x + ox + 0.5f;
            uint8_t vb = f->head_band.present
                             ? level(triangle_cover(&f->head_band, xc, yc)) : 0;
            uint8_t vc = f->head_casing.present
                             ? level(triangle_cover(&f->head_casing, xc, yc)) : 0;
            if (!vb && !vc)
                continue;
            if (vb > cb[x])
                cb[x] = vb;
            if (vc > cc[x])
                cc[x] = vc;
            if (x < lo)
                lo = x;
            hi = x;
        }
        if (lo <= hi)
            note_span(r, y, lo, hi);
    }
}

/* Blends one flow's coverage under the tile's layer and clears it. */
static void blend_flow(ir_flowraster *r, const queued_flow *f, const window *win)
{
    uint32_t band = f->band_argb, casing = f->casing_argb;
    for (int y = r->rows_lo; y <= r->rows_hi; y++) {
        int lo = r->span_lo[y], hi = r->span_hi[y];
        if (lo > hi)
            continue;
        uint32_t *layer = win->layer + y * TILE;
        uint64_t opaque = win->opaque[y], was = opaque;
        uint8_t *cb = r->cover_band + y * TILE, *cc = r->cover_casing + y * TILE;
        for (int x = lo; x <= hi; x++) {
            uint32_t a = cc[x], b = cb[x];
            cc[x] = cb[x] = 0;
            if (!(a | b) || opaque >> x & 1)
                continue;
            /* The flow alone, band over casing, premultiplied. */
            uint32_t own;
            if (b == 255) {
                own = band;
            } else {
                own = a == 255 ? casing : times(casing, a);
                if (b)
                    own = times(band, b) + times(own, 255 - b);
            }
            uint32_t under = layer[x], left = 255 - (under >> 24);
            uint32_t v = left == 255 ? own : under + times(own, left);
            layer[x] = v;
            *win->touched = 1;
            if (v >> 24 == 255)
                opaque |= 1ull << x;
        }
        if (opaque != was) {
            win->opaque[y] = opaque;
            *win->full_rows += opaque == ~0ull;
        }
        r->span_lo[y] = TILE;
        r->span_hi[y] = -1;
    }
    r->rows_lo = TILE;
    r->rows_hi = -1;
}

/* Tile k's layer over the pixels; then transparent again. */
static void put_tile(ir_flowraster *r, size_t k, uint32_t *tile)
{
    const ir_flowraster_target *t = &r->t;
    int ox = (r->col0 + (int)(k % (size_t)r->cols)) * TILE;
    int oy = (r->row0 + (int)(k / (size_t)r->cols)) * TILE;
    int x0 = t->x0 > ox ? t->x0 : ox, x1 = t->x1 < ox + TILE ? t->x1 : ox + TILE;
    int y0 = t->y0 > oy ? t->y0 : oy, y1 = t->y1 < oy + TILE ? t->y1 : oy + TILE;
    for (int y = y0; y < y1; y++) {
        uint32_t *row = t->pixels + (ptrdiff_t)(y - t->oy) * t->stride - t->ox;
        uint32_t *own = tile + (y - oy) * TILE - ox;
        for (int x = x0; x < x1; x++) {
            uint32_t v = own[x], left = 255 - (v >> 24);
            if (left == 0)
                row[x] = v;
            else if (left < 255)
                row[x] = v + times(row[x], left);
        }
    }
    memset(tile, 0, TILE * TILE * sizeof *tile);
    reset_tile(r, k);
}

/* Fills the queued pieces.  When they are the last and the queue was
 * never filled before (every flow of a small map at once), each tile is
 * finished while it is in the cache, in a layer of one tile; otherwise
 * into the layer of the whole part, which ir_flowraster_finish puts
 * over the pixels.  False when memory runs out. */
static bool fill_tiles(ir_flowraster *r, bool last)
{
    size_t ntiles = (size_t)r->cols * (size_t)r->rows;
    uint32_t nrefs = r->nrefs;
    r->npieces = r->nflows = r->nrefs = 0;
    if (nrefs == 0 || ntiles == 0)
        return true;
    bool direct = last && r->layer == NULL;
    if (!direct && r->layer == NULL &&
        (r->layer = calloc(ntiles * TILE * TILE, sizeof *r->layer)) == NULL)
        return false;
    /* Counting sort, stable: each tile's pieces stay in queue order, from
     * the top down. */
    memset(r->start, 0, (ntiles + 1) * sizeof *r->start);
    for (uint32_t i = 0; i < nrefs; i++)
        r->start[r->refs[i].tile + 1]++;
    for (size_t k = 0; k < ntiles; k++)
        r->start[k + 1] += r->start[k];
    for (uint32_t i = 0; i < nrefs; i++)
        r->sorted[r->start[r->refs[i].tile]++] = r->refs[i].piece;
    /* start[k] is now the end of tile k's run, the start of k + 1's. */
    uint32_t at = 0;
    for (size_t k = 0; k < ntiles; k++) {
        uint32_t end = r->start[k];
        if (at == end)
            continue;
        window win;
        win.ox = (r->col0 + (int)(k % (size_t)r->cols)) * TILE;
        win.oy = (r->row0 + (int)(k / (size_t)r->cols)) * TILE;
        win.x0 = r->t.x0 > win.ox ? r->t.x0 - win.ox : 0;
        win.y0 = r->t.y0 > win.oy ? r->t.y0 - win.oy : 0;
        win.x1 = (r->t.x1 < win.ox + TILE ? r->t.x1 : win.ox + TILE) - win.ox - 1;
        win.y1 = (r->t.y1 < win.oy + TILE ? r->t.y1 : win.oy + TILE) - win.oy - 1;
        win.layer = direct ? r->tile_layer : r->layer + k * TILE * TILE;
        win.opaque = r->opaque + k * TILE;
        win.full_rows = &r->full_rows[k];
        win.touched = &r->touched[k];
        uint32_t current = r->pieces[r->sorted[at]].flow;
        for (; at < end; at++) {
            const piece *p = &r->pieces[r->sorted[at]];
            if (p->flow != current) {
                blend_flow(r, &r->flows[current], &win);
                current = p->flow;
                if (*win.full_rows == TILE)
                    break;
            }
            if (p->kind & HEAD)
                cover_head(r, &r->flows[p->flow], &win);
            else
                cover_chord(r, p, &r->flows[p->flow], &win);
        }
        blend_flow(r, &r->flows[current], &win);
        at = end;
        if (direct && r->touched[k])
            put_tile(r, k, r->tile_layer);
        else if (direct)
            reset_tile(r, k);
    }
    return true;
}

/* ---- queueing a flow ---- */

static ir_point to_device(const ir_flowraster_target *t, ir_point p)
{
    return (ir_point){ t->scale * p.x + t->dx, t->scale * p.y + t->dy };
}

/* Queues a piece covering device box [x0, x1] x [y0, y1] with every tile
 * it reaches; false when the queue has no room for it. */
static bool queue_piece(ir_flowraster *r, const piece *p, float x0, float y0,
                        float x1, float y1)
{
    const ir_flowraster_target *t = &r->t;
    if (!(x1 >= t->x0 && y1 >= t->y0 && x0 < t->x1 && y0 < t->y1))
        return true;
    int c0 = x0 <= t->x0 ? 0 : (int)(x0 / TILE) - r->col0;
    int c1 = x1 >= t->x1 ? r->cols - 1 : (int)(x1 / TILE) - r->col0;
    int r0 = y0 <= t->y0 ? 0 : (int)(y0 / TILE) - r->row0;
    int r1 = y1 >= t->y1 ? r->rows - 1 : (int)(y1 / TILE) - r->row0;
    size_t need = (size_t)(c1 - c0 + 1) * (size_t)(r1 - r0 + 1);
    if (r->npieces >= PIECES_MAX || r->nrefs + need > REFS_MAX)
        return false;
    /* Tiles the flows above made opaque are not given the piece. */
    uint32_t index = r->npieces, nrefs = r->nrefs;
    for (int y = r0; y <= r1; y++)
        for (int x = c0; x <= c1; x++) {
            uint32_t tile = (uint32_t)(y * r->cols + x);
            if (r->full_rows[tile] < TILE)
                r->refs[r->nrefs++] = (ref){ tile, index };
        }
    if (r->nrefs > nrefs) {
        r->pieces[index] = *p;
        r->npieces++;
    }
    return true;
}

static void set_triangle(triangle *tr, ir_point a, ir_point b, ir_point c)
{
    ir_point v[3] = { a, b, c };
    double area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    tr->present = fabs(area) > 1e-12;
    for (int k = 0; k < 3 && tr->present; k++) {
        ir_point p = v[k], q = v[(k + 1) % 3];
        double nx = -(q.y - p.y), ny = q.x - p.x, n = sqrt(nx * nx + ny * ny);
        if (area < 0) {
            nx = -nx;
            ny = -ny;
        }
        tr->nx[k] = (float)(nx / n);
        tr->ny[k] = (float)(ny / n);
        tr->c[k] = (float)(-(nx * p.x + ny * p.y) / n);
    }
}

static void head_triangle(const ir_flowraster_target *t, const ir_flowgeom_band *b,
                          triangle *tr, double box[4])
{
    ir_point n = { -b->dir.y, b->dir.x };
    double h = b->head_width / 2;
    ir_point l = to_device(t, (ir_point){ b->base.x + n.x * h, b->base.y + n.y * h });
    ir_point rt = to_device(t, (ir_point){ b->base.x - n.x * h, b->base.y - n.y * h });
    ir_point tip = to_device(t, b->tip);
    set_triangle(tr, l, tip, rt);
    box[0] = fmin(box[0], fmin(fmin(l.x, rt.x), tip.x) - 1);
    box[1] = fmin(box[1], fmin(fmin(l.y, rt.y), tip.y) - 1);
    box[2] = fmax(box[2], fmax(fmax(l.x, rt.x), tip.x) + 1);
    box[3] = fmax(box[3], fmax(fmax(l.y, rt.y), tip.y) + 1);
}

/* Queues the chords of the curve from ta to tb as pieces of this kind,
 * for a band (and casing) at most half pixels to each side; false when
 * the queue ran out of room. */
static bool queue_chords(ir_flowraster *r, const ir_flowraster_flow *f,
                         uint32_t flow, double ta, double tb, uint32_t kind,
                         double half)
{
    const ir_flowraster_target *t = &r->t;
    ir_point d0 = to_device(t, f->from), dc = to_device(t, f->control);
    ir_point d1 = to_device(t, f->to);
    /* k equal chords of a quadratic stray at most |p0 - 2c + p1| / (8 k^2)
     * times the span's square from the curve. */
    double span = tb - ta;
    double bow = hypot(d0.x - 2 * dc.x + d1.x, d0.y - 2 * dc.y + d1.y) * span * span;
    ir_point a = ir_flowgeom_at(d0, dc, d1, ta), e = ir_flowgeom_at(d0, dc, d1, tb);
    double k_bow = ceil(sqrt(bow / (8 * TOLERANCE_PX)));
    double k_len = ceil(hypot(e.x - a.x, e.y - a.y) / CHORD_MAX_PX);
    double kf = fmax(1, fmax(k_bow, k_len));
    int k = kf > CHORDS_MAX ? CHORDS_MAX : (int)kf;
    /* Each chord reaches past its ends by as much as the wedge between it
     * and its neighbour opens at the band's edge (sin of the turn times
     * the half width), and half a pixel more.  Tiles are found for the
     * chord's box grown by the half width, the ramp and a margin. */
    double reach = half + 2, ext_max = 0.5 + half;
    const ir_flowraster_target *c = &r->t;
    ir_point b = k == 1 ? e : ir_flowgeom_at(d0, dc, d1, ta + span / k);
    double turn_before = 0;
    for (int i = 1; i <= k; i++) {
        ir_point next = i >= k - 1 ? e : ir_flowgeom_at(d0, dc, d1, ta + span * (i + 1) / k);
        /* A band of a PNG meets a few of a long flow's chords: the others
         * are passed over before their turns are worked out. */
        double mx = reach + ext_max;
        bool off = fmax(a.y, b.y) + mx < c->y0 || fmin(a.y, b.y) - mx >= c->y1 ||
                   fmax(a.x, b.x) + mx < c->x0 || fmin(a.x, b.x) - mx >= c->x1;
        double turn_after = 0;
        if (i < k) {
            double ux = b.x - a.x, uy = b.y - a.y, vx = next.x - b.x, vy = next.y - b.y;
            double nu = sqrt((ux * ux + uy * uy) * (vx * vx + vy * vy));
            turn_after = nu > 0 ? fabs(ux * vy - uy * vx) / nu : 1;
        }
        double ext = 0.5 + half * fmax(turn_before, turn_after);
        piece p = { (float)a.x, (float)a.y, (float)b.x, (float)b.y, (float)ext,
                    flow, kind };
        double m = reach + ext;
        if (!off && !queue_piece(r, &p, (float)(fmin(a.x, b.x) - m),
                                 (float)(fmin(a.y, b.y) - m),
                                 (float)(fmax(a.x, b.x) + m),
                                 (float)(fmax(a.y, b.y) + m)))
            return false;
        turn_before = turn_after;
        a = b;
        b = next;
    }
    return true;
}

/* Queues all of a flow's pieces; false (and nothing queued) when they do
 * not fit in what is left of the queue. */
static bool queue_flow(ir_flowraster *r, const ir_flowraster_flow *f)
{
    if (r->nflows >= FLOWS_MAX)
        return false;
    const ir_flowraster_target *t = &r->t;
    uint32_t npieces = r->npieces, nrefs = r->nrefs, index = r->nflows;
    queued_flow *q = &r->flows[index];
    const ir_flowgeom_band *b = &f->band, *c = &f->casing;
    bool casing = f->has_casing;
    ir_point s = to_device(t, ir_flowgeom_at(f->from, f->control, f->to, b->t0));
    ir_point s1 = to_device(t, ir_flowgeom_at(f->from, f->control, f->to,
                                             b->t0 + 1e-3 * (b->t_base - b->t0)));
    double ul = hypot(s1.x - s.x, s1.y - s.y);
    *q = (queued_flow){ (float)s.x, (float)s.y,
                        (float)(ul > 0 ? (s1.x - s.x) / ul : 1),
                        (float)(ul > 0 ? (s1.y - s.y) / ul : 0),
                        (float)(b->half_width * t->scale),
                        (float)(casing ? c->half_width * t->scale : 0),
                        { { 0 }, { 0 }, { 0 }, 0 }, { { 0 }, { 0 }, { 0 }, 0 },
                        0, 0, 0, 0, f->band_argb, f->casing_argb };
    double box[4] = { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL };
    head_triangle(t, b, &q->head_band, box);
    if (casing)
        head_triangle(t, c, &q->head_casing, box);
    q->hx0 = (float)box[0];
    q->hy0 = (float)box[1];
    q->hx1 = (float)box[2];
    q->hy1 = (float)box[3];
    double half = fmax(q->r_band, q->r_casing);
    /* The casing's band ends where its longer head starts, before the
     * band's; past the shorter end only one of the two goes on. */
    double t_both = casing ? fmin(b->t_base, c->t_base) : b->t_base;
    bool ok = queue_chords(r, f, index, b->t0, t_both,
                           casing ? BAND | CASING : BAND, half);
    if (ok && casing && c->t_base > t_both)
        ok = queue_chords(r, f, index, t_both, c->t_base, CASING, half);
    else if (ok && b->t_base > t_both)
        ok = queue_chords(r, f, index, t_both, b->t_base, BAND, half);
    piece head = { 0, 0, 0, 0, 0, index, HEAD };
    if (ok)
        ok = queue_piece(r, &head, (float)box[0], (float)box[1], (float)box[2],
                         (float)box[3]);
    if (!ok) {
        r->npieces = npieces;
        r->nrefs = nrefs;
        return false;
    }
    r->nflows++;
    return true;
}

void ir_flowraster_add(ir_flowraster *r, const ir_flowraster_flow *f)
{
    if (r->failed || queue_flow(r, f))
        return;
    /* Only the first fill allocates, before any pixel is drawn. */
    if (!fill_tiles(r, false)) {
        r->failed = true;
        return;
    }
    /* An empty queue holds any one flow: CHORDS_MAX chords of at most
     * CHORD_MAX_PX reach a few tiles each. */
    queue_flow(r, f);
}

bool ir_flowraster_finish(ir_flowraster *r)
{
    if (r->failed)
        return false;
    fill_tiles(r, true);
    /* Each layer tile a flow reached over the pixels, and transparent
     * again for flows that go over these. */
    size_t ntiles = (size_t)r->cols * (size_t)r->rows;
    for (size_t k = 0; r->layer && k < ntiles; k++)
        if (r->touched[k])
            put_tile(r, k, r->layer + k * TILE * TILE);
    return true;
}

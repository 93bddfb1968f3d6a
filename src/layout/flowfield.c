/*
 * flowfield: the two grids of the flow lay-out.  See flowfield.h.
 */
#include "flowfield.h"

#include "flowtypes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NEAR_CAP 4

/* Nodes never move, so once per lay-out every cell of a fine grid lists
 * the nodes whose reach (radius, the widest half width, clearance and the
 * soft zone) touches it; a point then meets only its cell's few nodes. */
static int near_lists(ir_node_field *g, const struct ir_layout_node *nodes);

int ir_node_field_build(ir_node_field *g, const struct ir_layout_node *nodes,
                        size_t n, double extra, const double bounds[4])
{
    memset(g, 0, sizeof *g);
    /* About 4 pt, coarser on huge pages so the grid stays small. */
    g->cell = fmax(4, fmax(bounds[2] - bounds[0], bounds[3] - bounds[1]) / 1500);
    g->x0 = bounds[0];
    g->y0 = bounds[1];
    g->nx = (int)((bounds[2] - bounds[0]) / g->cell) + 1;
    g->ny = (int)((bounds[3] - bounds[1]) / g->cell) + 1;
    size_t cells = (size_t)g->nx * (size_t)g->ny;
    g->start = calloc(cells + 1, sizeof *g->start);
    if (!g->start)
        return -1;
    /* Two sweeps over the same cells: count, then fill. */
    for (int pass = 0; pass < 2; pass++) {
        size_t *fill = NULL;
        if (pass == 1) {
            for (size_t c = 0; c < cells; c++)
                g->start[c + 1] += g->start[c];
            g->ids = malloc((g->start[cells] ? g->start[cells] : 1) * sizeof *g->ids);
            fill = calloc(cells, sizeof *fill);
            if (!g->ids || !fill) {
                free(fill);
                return -1;
            }
        }
        for (size_t i = 0; i < n; i++) {
            double r = nodes[i].radius + extra;
            int x0 = (int)floor((nodes[i].at.x - r - g->x0) / g->cell);
            int x1 = (int)floor((nodes[i].at.x + r - g->x0) / g->cell);
            int y0 = (int)floor((nodes[i].at.y - r - g->y0) / g->cell);
            int y1 = (int)floor((nodes[i].at.y + r - g->y0) / g->cell);
            x0 = x0 < 0 ? 0 : x0;
            y0 = y0 < 0 ? 0 : y0;
            x1 = x1 >= g->nx ? g->nx - 1 : x1;
            y1 = y1 >= g->ny ? g->ny - 1 : y1;
            for (int y = y0; y <= y1; y++)
                for (int x = x0; x <= x1; x++) {
                    size_t c = (size_t)y * (size_t)g->nx + (size_t)x;
                    if (pass == 0)
                        g->start[c + 1]++;
                    else
                        g->ids[g->start[c] + fill[c]++] = i;
                }
        }
        free(fill);
    }
    return near_lists(g, nodes);
}

/* For the forces, each cell keeps only its NEAR_CAP nodes nearest to the
 * cell's centre (edge to centre): a push comes from the nearest nodes, and
 * a capped list keeps a sweep's cost per sample constant however crowded
 * the nodes (the full lists stay for exact conflict tests). */
static int near_lists(ir_node_field *g, const struct ir_layout_node *nodes)
{
    size_t cells = (size_t)g->nx * (size_t)g->ny;
    g->near_start = calloc(cells + 1, sizeof *g->near_start);
    g->near_ids = malloc((g->start[cells] ? g->start[cells] : 1) *
                         sizeof *g->near_ids);
    if (!g->near_start || !g->near_ids)
        return -1;
    size_t n = 0;
    for (size_t c = 0; c < cells; c++) {
        g->near_start[c] = n;
        size_t from = g->start[c], count = g->start[c + 1] - from;
        if (count <= NEAR_CAP) {
            for (size_t k = 0; k < count; k++)
                g->near_ids[n++] = g->ids[from + k];
            continue;
        }
        double cx = g->x0 + (double)(c % (size_t)g->nx + 0.5) * g->cell;
        double cy = g->y0 + (double)(c / (size_t)g->nx + 0.5) * g->cell;
        size_t best[NEAR_CAP];
        double dist[NEAR_CAP];
        size_t kept = 0;
        for (size_t k = 0; k < count; k++) {
            size_t id = g->ids[from + k];
            const struct ir_layout_node *nd = &nodes[id];
            double d = hypot(nd->at.x - cx, nd->at.y - cy) - nd->radius;
            size_t at = kept < NEAR_CAP ? kept++ : NEAR_CAP;
            while (at > 0 && dist[at - 1] > d) {
                if (at < NEAR_CAP) {
                    best[at] = best[at - 1];
                    dist[at] = dist[at - 1];
                }
                at--;
            }
            if (at < NEAR_CAP) {
                best[at] = id;
                dist[at] = d;
            }
        }
        for (size_t k = 0; k < kept; k++)
            g->near_ids[n++] = best[k];
    }
    g->near_start[cells] = n;
    return 0;
}

void ir_node_field_free(ir_node_field *g)
{
    free(g->start);
    free(g->ids);
    free(g->near_start);
    free(g->near_ids);
}

/* ---- the density ir_raster ---------------------------------------------- */

int ir_raster_init(ir_raster *r, const double bounds[4], double cell)
{
    r->cell = cell;
    r->x0 = bounds[0];
    r->y0 = bounds[1];
    r->nx = (int)((bounds[2] - bounds[0]) / cell) + 2;
    r->ny = (int)((bounds[3] - bounds[1]) / cell) + 2;
    size_t n = (size_t)r->nx * (size_t)r->ny;
    r->d = calloc(n, sizeof *r->d);
    r->tmp = calloc(n, sizeof *r->tmp);
    return r->d && r->tmp ? 0 : -1;
}

void ir_raster_free(ir_raster *r)
{
    free(r->d);
    free(r->tmp);
}

void ir_raster_splat(ir_raster *r, ir_point p, double v)
{
    double fx = (p.x - r->x0) / r->cell, fy = (p.y - r->y0) / r->cell;
    if (!(fx >= 0 && fy >= 0 && fx < r->nx - 1 && fy < r->ny - 1))
        return; /* inside, truncation is floor (as in ir_raster_at) */
    int ix = (int)fx, iy = (int)fy;
    double ax = fx - ix, ay = fy - iy;
    float *row = r->d + (size_t)iy * (size_t)r->nx + ix;
    row[0] += (float)(v * (1 - ax) * (1 - ay));
    row[1] += (float)(v * ax * (1 - ay));
    row[r->nx] += (float)(v * (1 - ax) * ay);
    row[r->nx + 1] += (float)(v * ax * ay);
}

double ir_raster_at(const ir_raster *r, double x, double y)
{
    double fx = (x - r->x0) / r->cell, fy = (y - r->y0) / r->cell;
    /* Inside the raster truncation is floor, without a call to floor()
     * (a sweep asks millions of times). */
    if (!(fx >= 0 && fy >= 0 && fx < r->nx - 1 && fy < r->ny - 1))
        return 0;
    int ix = (int)fx, iy = (int)fy;
    double ax = fx - ix, ay = fy - iy;
    const float *row = r->d + (size_t)iy * (size_t)r->nx + ix;
    return (1 - ax) * (1 - ay) * row[0] + ax * (1 - ay) * row[1] +
           (1 - ax) * ay * row[r->nx] + ax * ay * row[r->nx + 1];
}

/* One box-blur pass of radius k along rows (stride 1) or columns. */
static void box_pass(const float *src, float *dst, int len, int lines,
                     size_t step, size_t line_step, int k)
{
    double norm = 1.0 / (2 * k + 1);
    for (int l = 0; l < lines; l++) {
        const float *s = src + (size_t)l * line_step;
        float *d = dst + (size_t)l * line_step;
        double sum = 0;
        for (int i = 0; i <= k && i < len; i++)
            sum += s[(size_t)i * step];
        for (int i = 0; i < len; i++) {
            d[(size_t)i * step] = (float)(sum * norm);
            int add = i + k + 1, drop = i - k;
            if (add < len)
                sum += s[(size_t)add * step];
            if (drop >= 0)
                sum -= s[(size_t)drop * step];
        }
    }
}

void ir_raster_blur(ir_raster *r, int k)
{
    for (int pass = 0; pass < 3; pass++) {
        box_pass(r->d, r->tmp, r->nx, r->ny, 1, (size_t)r->nx, k);
        box_pass(r->tmp, r->d, r->ny, r->nx, (size_t)r->nx, 1, k);
    }
}

void ir_raster_clear(ir_raster *r)
{
    memset(r->d, 0, (size_t)r->nx * (size_t)r->ny * sizeof *r->d);
}

void ir_raster_add(ir_raster *r, const ir_raster *other)
{
    size_t n = (size_t)r->nx * (size_t)r->ny;
    for (size_t i = 0; i < n; i++)
        r->d[i] += other->d[i];
}

long ir_flowfield_overlap(const ir_layout_flow *flows, size_t nflows,
                           const ir_layout_node *nodes, size_t nnodes)
{
    (void)nnodes;
    enum { K = 24 };
    size_t n = nflows * K;
    if (n == 0)
        return 0;
    double b[4] = { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL }, maxw = 0;
    ir_point *p = malloc(n * sizeof *p);
    size_t *owner = malloc(n * sizeof *owner);
    if (!p || !owner) {
        free(p);
        free(owner);
        return -1;
    }
    for (size_t i = 0; i < nflows; i++) {
        const ir_layout_flow *f = &flows[i];
        maxw = fmax(maxw, f->width);
        for (int k = 0; k < K; k++) {
            /* Away from the ends, where flows sharing a node must meet. */
            double t = 0.15 + 0.7 * k / (K - 1);
            ir_point q = ir_flowgeom_at(nodes[f->from].at, f->control,
                                        nodes[f->to].at, t);
            p[i * K + k] = q;
            owner[i * K + k] = i;
            b[0] = fmin(b[0], q.x);
            b[1] = fmin(b[1], q.y);
            b[2] = fmax(b[2], q.x);
            b[3] = fmax(b[3], q.y);
        }
    }
    /* Points by cell (cell = widest width), then neighbouring cells. */
    double cell = fmax(1, maxw);
    int nx = (int)((b[2] - b[0]) / cell) + 1, ny = (int)((b[3] - b[1]) / cell) + 1;
    size_t cells = (size_t)nx * (size_t)ny;
    size_t *start = calloc(cells + 1, sizeof *start), *ids = malloc(n * sizeof *ids);
    size_t *fill = calloc(cells, sizeof *fill), *cell_of = malloc(n * sizeof *cell_of);
    long overlaps = -1;
    if (!start || !ids || !fill || !cell_of)
        goto done;
    for (size_t i = 0; i < n; i++) {
        size_t cx = (size_t)((p[i].x - b[0]) / cell), cy = (size_t)((p[i].y - b[1]) / cell);
        cell_of[i] = cy * (size_t)nx + cx;
        start[cell_of[i] + 1]++;
    }
    for (size_t i = 0; i < cells; i++)
        start[i + 1] += start[i];
    for (size_t i = 0; i < n; i++)
        ids[start[cell_of[i]] + fill[cell_of[i]]++] = i;
    overlaps = 0;
    for (size_t i = 0; i < n; i++) {
        const ir_layout_flow *fi = &flows[owner[i]];
        int cx = (int)(cell_of[i] % (size_t)nx), cy = (int)(cell_of[i] / (size_t)nx);
        for (int y = cy - 1; y <= cy + 1; y++)
            for (int x = cx - 1; x <= cx + 1; x++) {
                if (x < 0 || y < 0 || x >= nx || y >= ny)
                    continue;
                size_t c = (size_t)y * (size_t)nx + (size_t)x;
                for (size_t k = start[c]; k < start[c + 1]; k++) {
                    size_t j = ids[k];
                    if (j <= i || owner[j] == owner[i])
                        continue;
                    const ir_layout_flow *fj = &flows[owner[j]];
                    double r = (fi->width + fj->width) / 2;
                    double dx = p[i].x - p[j].x, dy = p[i].y - p[j].y;
                    if (dx * dx + dy * dy < r * r)
                        overlaps++;
                }
            }
    }
done:
    free(p);
    free(owner);
    free(start);
    free(ids);
    free(fill);
    free(cell_of);
    return overlaps;
}

/*
 * frame: page geometry and the map-to-page transform.  See frame.h.
 */
#include "frame.h"

#include <math.h>

void ir_frame_init(ir_frame *f, int width_px, int height_px, double dpi,
                   double margin_pt)
{
    f->width_px = width_px;
    f->height_px = height_px;
    f->dpi = dpi;
    f->width_pt = width_px * 72.0 / dpi;
    f->height_pt = height_px * 72.0 / dpi;
    f->margin_pt = margin_pt;
    f->scale = 1;
    f->x0 = 0;
    f->y0 = f->height_pt;
}

int ir_frame_fit_rect(ir_frame *f, const double b[4], const double r[4])
{
    double w = r[2] - r[0], h = r[3] - r[1];
    double bw = b[2] - b[0], bh = b[3] - b[1];
    if (!(bw > 0) || !(bh > 0) || !isfinite(bw) || !isfinite(bh) || w <= 0 ||
        h <= 0)
        return -1;
    f->scale = fmin(w / bw, h / bh);
    f->x0 = (r[0] + r[2]) / 2 - f->scale * (b[0] + b[2]) / 2;
    f->y0 = (r[1] + r[3]) / 2 + f->scale * (b[1] + b[3]) / 2;
    return 0;
}

int ir_frame_fit(ir_frame *f, const double b[4])
{
    double r[4] = { f->margin_pt, f->margin_pt, f->width_pt - f->margin_pt,
                    f->height_pt - f->margin_pt };
    return ir_frame_fit_rect(f, b, r);
}

double ir_frame_thin_tolerance(const ir_frame *f)
{
    return 0.25 * 72.0 / f->dpi / f->scale;
}

void ir_frame_to_page(const ir_frame *f, double x, double y, double *px,
                      double *py)
{
    *px = f->x0 + f->scale * x;
    *py = f->y0 - f->scale * y;
}

void ir_frame_page_to_pixel(const ir_frame *f, double px, double py,
                            double *col, double *row)
{
    *col = px * f->dpi / 72.0;
    *row = py * f->dpi / 72.0;
}

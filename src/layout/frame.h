/*
 * frame: where the map sits on the page (the lay-out stage of a basemap).
 *
 * A figure has a pixel size and a resolution; together they give its size
 * in points (1/72 inch), the unit everything is drawn in, so that line
 * widths and text keep their printed size at any DPI.  The frame fits a
 * rectangle of map coordinates into the page inside the margins, keeping
 * the aspect ratio and centring it.
 */
#ifndef IR_FRAME_H
#define IR_FRAME_H

typedef struct ir_frame {
    int width_px, height_px;
    double dpi;
    double width_pt, height_pt;
    double margin_pt;
    /* page = (x0 + scale * x, y0 - scale * y) in points */
    double scale, x0, y0;
} ir_frame;

void ir_frame_init(ir_frame *f, int width_px, int height_px, double dpi,
                   double margin_pt);

/* Fits map bounds {xmin, ymin, xmax, ymax} into the page inside the
 * margins.  Returns -1, leaving the frame as it was, when the bounds are
 * empty or the margins leave no room. */
int ir_frame_fit(ir_frame *f, const double bounds[4]);

/* The same into the rectangle {x0, y0, x1, y1} of the page (points), for
 * figures that keep bands for titles and notes. */
int ir_frame_fit_rect(ir_frame *f, const double bounds[4],
                      const double rect[4]);

/* How far (map units) a boundary may move when it is thinned for this
 * frame: a quarter of a device pixel, below what antialiasing shows. */
double ir_frame_thin_tolerance(const ir_frame *f);

/* Map coordinates to page points, and page points to PNG pixels. */
void ir_frame_to_page(const ir_frame *f, double x, double y, double *px,
                      double *py);
void ir_frame_page_to_pixel(const ir_frame *f, double px, double py,
                            double *col, double *row);

#endif

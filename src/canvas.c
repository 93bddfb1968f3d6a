/*
 * canvas: cairo surfaces written atomically.  See canvas.h.
 */
#include "canvas.h"

#include "atomic.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <png.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* zlib level 6 keeps the flat colour areas of a map small at a modest
 * cost; bench/README.md has the measured trade-off against 1 and 9. */
#define PNG_DEFAULT_LEVEL 6
#define PNG_BANDS_MIN 256

struct ir_canvas {
    ir_format format;
    char *path;
    ir_atomic *file;
    FILE *fp;             /* the atomic file's stream */
    cairo_surface_t *surface;
    cairo_t *cr;
    int width_px, height_px;
    double dpi;
    int png_level;
};

int ir_canvas_format_parse(const char *name, ir_format *format)
{
    if (strcasecmp(name, "svg") == 0)
        *format = IR_FORMAT_SVG;
    else if (strcasecmp(name, "png") == 0)
        *format = IR_FORMAT_PNG;
    else if (strcasecmp(name, "pdf") == 0)
        *format = IR_FORMAT_PDF;
    else
        return -1;
    return 0;
}

int ir_canvas_format_of_path(const char *path, ir_format *format)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot == NULL || (slash != NULL && dot < slash))
        return -1;
    return ir_canvas_format_parse(dot + 1, format);
}

static cairo_status_t write_stream(void *closure, const unsigned char *data,
                                   unsigned int length)
{
    return fwrite(data, 1, length, closure) == length
               ? CAIRO_STATUS_SUCCESS
               : CAIRO_STATUS_WRITE_ERROR;
}

/* SOURCE_DATE_EPOCH as the ISO 8601 date cairo wants, or "" for none. */
static void creation_date(char *buf, size_t cap)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    buf[0] = '\0';
    if (sde == NULL || *sde == '\0')
        return;
    char *end;
    long long t = strtoll(sde, &end, 10);
    if (*end != '\0' || t < 0)
        return;
    time_t tt = (time_t)t;
    struct tm tm;
    if (gmtime_r(&tt, &tm) != NULL)
        strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

ir_canvas *ir_canvas_create(const char *path, ir_format format, int width_px,
                            int height_px, double dpi, ir_error *err)
{
    if (width_px < 16 || height_px < 16 || width_px > 30000 ||
        height_px > 30000 || !(dpi >= 10 && dpi <= 4800)) {
        ir_error_set(err, IR_EUSAGE, path, -1, NULL,
                     "figure size %dx%d px at %g dpi is out of range "
                     "(16..30000 px, 10..4800 dpi)",
                     width_px, height_px, dpi);
        return NULL;
    }
    ir_canvas *c = calloc(1, sizeof *c);
    if (c == NULL) {
        ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        return NULL;
    }
    c->format = format;
    if ((c->path = strdup(path)) == NULL) {
        free(c);
        ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        return NULL;
    }
    c->width_px = width_px;
    c->height_px = height_px;
    c->dpi = dpi;
    c->png_level = PNG_DEFAULT_LEVEL;
    c->file = ir_atomic_open(path, err);
    if (c->file == NULL) {
        ir_canvas_destroy(c);
        return NULL;
    }
    c->fp = ir_atomic_stream(c->file);
    double w_pt = width_px * 72.0 / dpi, h_pt = height_px * 72.0 / dpi;
    char date[32];
    switch (format) {
    case IR_FORMAT_SVG:
        c->surface =
            cairo_svg_surface_create_for_stream(write_stream, c->fp, w_pt, h_pt);
        cairo_svg_surface_set_document_unit(c->surface, CAIRO_SVG_UNIT_PT);
        break;
    case IR_FORMAT_PDF:
        c->surface =
            cairo_pdf_surface_create_for_stream(write_stream, c->fp, w_pt, h_pt);
        creation_date(date, sizeof date);
        cairo_pdf_surface_set_metadata(c->surface,
                                       CAIRO_PDF_METADATA_CREATE_DATE, date);
        cairo_pdf_surface_set_metadata(c->surface,
                                       CAIRO_PDF_METADATA_CREATOR, "ironriver");
        break;
    case IR_FORMAT_PNG:
        c->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width_px,
                                                height_px);
        break;
    }
    c->cr = cairo_create(c->surface);
    if (cairo_status(c->cr) != CAIRO_STATUS_SUCCESS) {
        ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "cairo: %s",
                     cairo_status_to_string(cairo_status(c->cr)));
        ir_canvas_destroy(c);
        return NULL;
    }
    if (format == IR_FORMAT_PNG)
        cairo_scale(c->cr, dpi / 72.0, dpi / 72.0);
    return c;
}

typedef struct band_job {
    cairo_surface_t *surface;
    int y0;
    double scale;
    void (*draw)(cairo_t *, void *);
    void *arg;
} band_job;

static void *draw_band(void *p)
{
    band_job *j = p;
    cairo_t *cr = cairo_create(j->surface);
    cairo_translate(cr, 0, -j->y0);
    cairo_scale(cr, j->scale, j->scale);
    j->draw(cr, j->arg);
    cairo_destroy(cr);
    cairo_surface_flush(j->surface);
    return NULL;
}

void ir_canvas_draw(ir_canvas *c, void (*draw)(cairo_t *, void *), void *arg,
                    int threads)
{
    if (c->format != IR_FORMAT_PNG || threads < 2 ||
        c->height_px < PNG_BANDS_MIN) {
        draw(c->cr, arg);
        return;
    }
    cairo_surface_flush(c->surface);
    unsigned char *data = cairo_image_surface_get_data(c->surface);
    int stride = cairo_image_surface_get_stride(c->surface);
    int split = c->height_px / 2;
    band_job job[2];
    for (int k = 0; k < 2; k++) {
        int y0 = k == 0 ? 0 : split, rows = k == 0 ? split : c->height_px - split;
        job[k] = (band_job){ cairo_image_surface_create_for_data(
                                 data + (size_t)y0 * (size_t)stride,
                                 CAIRO_FORMAT_ARGB32, c->width_px, rows, stride),
                             y0, c->dpi / 72.0, draw, arg };
    }
    pthread_t t;
    bool started = pthread_create(&t, NULL, draw_band, &job[1]) == 0;
    draw_band(&job[0]);
    if (started)
        pthread_join(t, NULL);
    else
        draw_band(&job[1]);
    for (int k = 0; k < 2; k++)
        cairo_surface_destroy(job[k].surface);
    cairo_surface_mark_dirty(c->surface);
}

cairo_t *ir_canvas_cairo(ir_canvas *c)
{
    return c->cr;
}

void ir_canvas_set_png_level(ir_canvas *c, int level)
{
    if (level >= 0 && level <= 9)
        c->png_level = level;
}

void ir_canvas_set_title(ir_canvas *c, const char *title)
{
    if (c->format == IR_FORMAT_PDF)
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_TITLE,
                                       title);
}

/* libpng reports through callbacks that must not return; the message is
 * kept for the error, and nothing goes to stderr behind our back. */
typedef struct png_sink {
    FILE *fp;
    int write_errno;
    char message[128];
} png_sink;

static void png_write_data(png_structp png, png_bytep data, size_t length)
{
    png_sink *sink = png_get_io_ptr(png);
    if (fwrite(data, 1, length, sink->fp) != length) {
        sink->write_errno = errno;
        png_error(png, "write error");
    }
}

static void png_on_error(png_structp png, png_const_charp message)
{
    png_sink *sink = png_get_error_ptr(png);
    snprintf(sink->message, sizeof sink->message, "%s", message);
    png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message;
}

static void png_flush_data(png_structp png)
{
    png_sink *sink = png_get_io_ptr(png);
    fflush(sink->fp);
}

/* Cairo's ARGB32 is premultiplied native-endian 0xAARRGGBB; the figure is
 * painted on an opaque background, so RGB is written and alpha dropped. */
static int write_png(ir_canvas *c, ir_error *err)
{
    cairo_surface_flush(c->surface);
    const unsigned char *data = cairo_image_surface_get_data(c->surface);
    int stride = cairo_image_surface_get_stride(c->surface);
    png_sink sink = { c->fp, 0, "" };
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink,
                                              png_on_error, png_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_bytep row = malloc((size_t)c->width_px * 3);
    if (png == NULL || info == NULL || row == NULL) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return ir_error_set(err, IR_EINTERNAL, c->path, -1, NULL,
                            "out of memory");
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return ir_error_set(err, IR_EOUTPUT, c->path, -1, NULL,
                            "cannot write: %s",
                            sink.write_errno ? strerror(sink.write_errno)
                                             : sink.message);
    }
    png_set_write_fn(png, &sink, png_write_data, png_flush_data);
    png_set_IHDR(png, info, (png_uint_32)c->width_px,
                 (png_uint_32)c->height_px, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_uint_32 ppm = (png_uint_32)(c->dpi / 0.0254 + 0.5);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    png_set_compression_level(png, c->png_level);
    /* No row filter: on a map's flat colours, unfiltered rows deflate
     * smaller than libpng's adaptive choice (504 kB against 577 kB for
     * the 3000 x 2000 basemap at level 6) and skip the filter search
     * (0.40 s against 0.52 s).  See bench/README.md. */
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_write_info(png, info);
    for (int y = 0; y < c->height_px; y++) {
        const uint32_t *src = (const uint32_t *)(data + (size_t)y * stride);
        for (int x = 0; x < c->width_px; x++) {
            uint32_t p = src[x];
            row[3 * x] = (png_byte)(p >> 16);
            row[3 * x + 1] = (png_byte)(p >> 8);
            row[3 * x + 2] = (png_byte)p;
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    return 0;
}

int ir_canvas_close(ir_canvas *c, ir_error *err)
{
    if (c->cr == NULL)
        return 0; /* closed already */
    cairo_status_t st = cairo_status(c->cr);
    cairo_destroy(c->cr);
    c->cr = NULL;
    int rc = 0;
    if (st == CAIRO_STATUS_SUCCESS && c->format == IR_FORMAT_PNG)
        rc = write_png(c, err);
    cairo_surface_finish(c->surface);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(c->surface);
    cairo_surface_destroy(c->surface);
    c->surface = NULL;
    if (rc == 0 && st != CAIRO_STATUS_SUCCESS)
        rc = ir_error_set(err, IR_EOUTPUT, c->path, -1, NULL,
                          "cannot write: %s", cairo_status_to_string(st));
    if (rc == 0)
        rc = ir_atomic_close(c->file, err);
    return rc;
}

int ir_canvas_commit(ir_canvas *c, ir_error *err)
{
    int rc = ir_canvas_close(c, err);
    if (rc == 0) {
        rc = ir_atomic_commit(c->file, err);
        c->file = NULL;
    }
    ir_canvas_destroy(c);
    return rc;
}

void ir_canvas_destroy(ir_canvas *c)
{
    if (c == NULL)
        return;
    if (c->cr)
        cairo_destroy(c->cr);
    if (c->surface) {
        /* Finishing a stream surface writes to fp; let it, then discard. */
        cairo_surface_finish(c->surface);
        cairo_surface_destroy(c->surface);
    }
    ir_atomic_abort(c->file);
    free(c->path);
    free(c);
}

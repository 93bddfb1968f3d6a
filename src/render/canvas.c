/*
 * canvas: cairo surfaces written atomically.  See canvas.h.
 */
#include "canvas.h"

#include "base/atomic.h"
#include "base/pool.h"
#include "base/svgdoc.h"
#include "webfig.h"
#include "pngout.h"

#include <cairo-pdf.h>
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
#define PNG_PARTS_MAX IR_PNG_PARTS_MAX

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
    /* Rows deflated by the threads that drew them, or NULL until the
     * PNG is written; any drawing through ir_canvas_cairo drops them. */
    ir_png_part *parts[PNG_PARTS_MAX];
    /* For a PNG, the texts written with it (owned). */
    char *text[IR_PNG_TEXTS];
    char language[8];
    /* For an SVG, the document the drawing is written into (cairo draws
     * nothing: its surface only records the state). */
    ir_svgdoc *svg;
};

int ir_canvas_format_parse(const char *name, ir_format *format)
{
    if (strcasecmp(name, "svg") == 0)
        *format = IR_FORMAT_SVG;
    else if (strcasecmp(name, "png") == 0)
        *format = IR_FORMAT_PNG;
    else if (strcasecmp(name, "pdf") == 0)
        *format = IR_FORMAT_PDF;
    else if (strcasecmp(name, "html") == 0 || strcasecmp(name, "htm") == 0)
        *format = IR_FORMAT_HTML;
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
    case IR_FORMAT_HTML: {
        cairo_rectangle_t page = { 0, 0, w_pt, h_pt };
        c->surface =
            cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &page);
        if ((c->svg = ir_svgdoc_create(w_pt, h_pt)) == NULL) {
            ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
            ir_canvas_destroy(c);
            return NULL;
        }
        break;
    }
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
    if (c->svg && ir_svgdoc_attach(c->svg, c->cr) != 0) {
        ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        ir_canvas_destroy(c);
        return NULL;
    }
    return c;
}

/* Deflates the rows of part k not deflated yet; false when memory runs
 * out (the part stays NULL). */
static bool pack_part(ir_canvas *c, int k)
{
    if (c->parts[k])
        return true;
    int y0 = ir_png_part_row(c->height_px, k);
    int y1 = ir_png_part_row(c->height_px, k + 1);
    int n = ir_png_parts(c->height_px);
    const unsigned char *data = cairo_image_surface_get_data(c->surface);
    int stride = cairo_image_surface_get_stride(c->surface);
    c->parts[k] = ir_png_part_create(data + (size_t)y0 * (size_t)stride, stride,
                                     c->width_px, y1 - y0, c->png_level,
                                     k == 0, k == n - 1);
    return c->parts[k] != NULL;
}

static void drop_parts(ir_canvas *c)
{
    for (int k = 0; k < PNG_PARTS_MAX; k++) {
        ir_png_part_destroy(c->parts[k]);
        c->parts[k] = NULL;
    }
}

typedef struct band_job {
    ir_canvas *canvas;
    cairo_surface_t *surface;
    int k, y0;
    void (*draw)(cairo_t *, void *);
    void *arg;
} band_job;

/* Draws one band and deflates its rows while other bands are drawn. */
static void draw_band(void *p)
{
    band_job *j = p;
    cairo_t *cr = cairo_create(j->surface);
    cairo_translate(cr, 0, -j->y0);
    cairo_scale(cr, j->canvas->dpi / 72.0, j->canvas->dpi / 72.0);
    j->draw(cr, j->arg);
    cairo_destroy(cr);
    cairo_surface_flush(j->surface);
    pack_part(j->canvas, j->k); /* on failure, write_png tries again */
}

void ir_canvas_draw(ir_canvas *c, void (*draw)(cairo_t *, void *), void *arg,
                    int threads)
{
    drop_parts(c);
    int nparts = ir_png_parts(c->height_px);
    if (c->format != IR_FORMAT_PNG || nparts < 2) {
        draw(c->cr, arg);
        return;
    }
    /* The bands are the PNG's parts, fixed by the image's height: cairo
     * may draw a pixel on a band's edge a level or two apart from the
     * same pixel inside a band, so bands that followed the threads would
     * make the bytes depend on them. */
    cairo_surface_flush(c->surface);
    unsigned char *data = cairo_image_surface_get_data(c->surface);
    int stride = cairo_image_surface_get_stride(c->surface);
    band_job job[PNG_PARTS_MAX];
    for (int k = 0; k < nparts; k++) {
        int y0 = ir_png_part_row(c->height_px, k);
        int rows = ir_png_part_row(c->height_px, k + 1) - y0;
        job[k] = (band_job){ c, cairo_image_surface_create_for_data(
                                 data + (size_t)y0 * (size_t)stride,
                                 CAIRO_FORMAT_ARGB32, c->width_px, rows, stride),
                             k, y0, draw, arg };
    }
    ir_pool_run(draw_band, job, (size_t)nparts, sizeof job[0], threads);
    for (int k = 0; k < nparts; k++)
        cairo_surface_destroy(job[k].surface);
    cairo_surface_mark_dirty(c->surface);
}

typedef struct vector_job {
    ir_canvas *canvas;
    int index;          /* in the caller's list */
    void (*draw)(cairo_t *, void *);
    void *arg;
    int rc;
    ir_error err;
} vector_job;

static void draw_vector(void *p)
{
    vector_job *j = p;
    ir_canvas_draw(j->canvas, j->draw, j->arg, 1);
    j->rc = ir_canvas_close(j->canvas, &j->err);
}

int ir_canvas_draw_all(ir_canvas *const *canvas, int n,
                       void (*draw)(cairo_t *, void *), void *arg,
                       int threads, ir_error *err)
{
    vector_job *job = malloc((size_t)(n > 0 ? n : 1) * sizeof *job);
    if (job == NULL)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "out of memory");
    /* A PNG is drawn in bands on every thread, one after the other; cairo
     * draws an SVG or a PDF on one thread, so those are drawn all at
     * once, one per thread: vector jobs from the front, PNGs from the
     * back. */
    int nvector = 0, back = n;
    for (int i = 0; i < n; i++) {
        vector_job j = { canvas[i], i, draw, arg, 0, { 0 } };
        if (canvas[i]->format == IR_FORMAT_PNG) {
            ir_canvas_draw(j.canvas, draw, arg, threads);
            j.rc = ir_canvas_close(j.canvas, &j.err);
            job[--back] = j;
        } else {
            job[nvector++] = j;
        }
    }
    ir_pool_run(draw_vector, job, (size_t)nvector, sizeof *job, threads);
    /* The failure of the earliest canvas, however they were run. */
    int first = n;
    for (int k = 0; k < n; k++)
        if (job[k].rc && job[k].index < first)
            first = job[k].index;
    int rc = 0;
    for (int k = 0; k < n; k++)
        if (job[k].index == first) {
            rc = job[k].err.status;
            if (err)
                *err = job[k].err;
        }
    free(job);
    return rc;
}

cairo_t *ir_canvas_cairo(ir_canvas *c)
{
    drop_parts(c);
    return c->cr;
}

void ir_canvas_set_png_level(ir_canvas *c, int level)
{
    if (level >= 0 && level <= 9 && level != c->png_level) {
        drop_parts(c);
        c->png_level = level;
    }
}

void ir_canvas_set_text(ir_canvas *c, const ir_canvas_text *t)
{
    if (c->format == IR_FORMAT_PDF) {
        if (t->title)
            cairo_pdf_surface_set_metadata(c->surface,
                                           CAIRO_PDF_METADATA_TITLE, t->title);
        /* cairo 1.16 writes no custom keys: the source joins the text
         * alternative in the Subject, unless that says it already. */
        const char *d = t->description ? t->description : "";
        const char *src = t->source && !strstr(d, t->source) ? t->source : "";
        size_t n = strlen(d) + strlen(src) + 2;
        char *subject = malloc(n);
        if (subject) {
            snprintf(subject, n, "%s%s%s", d, *d && *src ? " " : "", src);
            if (*subject)
                cairo_pdf_surface_set_metadata(
                    c->surface, CAIRO_PDF_METADATA_SUBJECT, subject);
            free(subject);
        }
    }
    if (c->svg)
        ir_svgdoc_set_head(c->svg, t->title, t->description, t->language);
    if (c->format != IR_FORMAT_PNG && c->format != IR_FORMAT_HTML)
        return;
    const char *given[IR_PNG_TEXTS] = { t->title, t->description, t->source };
    for (int k = 0; k < IR_PNG_TEXTS; k++) {
        free(c->text[k]);
        c->text[k] = given[k] ? strdup(given[k]) : NULL;
    }
    snprintf(c->language, sizeof c->language, "%s",
             t->language ? t->language : "");
}

static int write_png(ir_canvas *c, ir_error *err)
{
    cairo_surface_flush(c->surface);
    int n = ir_png_parts(c->height_px);
    for (int k = 0; k < n; k++)
        if (!pack_part(c, k))
            return ir_error_set(err, IR_EINTERNAL, c->path, -1, NULL,
                                "out of memory");
    ir_png_texts texts = { { c->text[0], c->text[1], c->text[2] },
                           c->language };
    return ir_png_write(c->fp, c->path, c->width_px, c->height_px, c->dpi,
                        &texts, c->parts, n, err);
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
    if (st == CAIRO_STATUS_SUCCESS && c->svg) {
        ir_webfig_text page = { c->text[0], c->text[1], c->language };
        if ((c->format == IR_FORMAT_HTML
                 ? ir_webfig_write(c->fp, c->svg, c->width_px * 96.0 / c->dpi,
                                   &page)
                 : ir_svgdoc_write(c->svg, c->fp)) != 0)
            rc = ir_error_set(err, IR_EOUTPUT, c->path, -1, NULL,
                              "cannot write the %s (out of memory or disk)",
                              c->format == IR_FORMAT_HTML ? "web page" : "SVG");
    }
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

/* Closes if needed and frees the canvas, handing its written file, not
 * yet in place, to *file; on failure nothing is handed over. */
static int canvas_finish(ir_canvas *c, ir_atomic **file, ir_error *err)
{
    *file = NULL;
    int rc = ir_canvas_close(c, err);
    if (rc == 0) {
        *file = c->file;
        c->file = NULL;
    }
    ir_canvas_destroy(c);
    return rc;
}

int ir_canvas_commit(ir_canvas *c, ir_error *err)
{
    ir_atomic *file;
    int rc = canvas_finish(c, &file, err);
    return rc ? rc : ir_atomic_commit(file, err);
}

int ir_canvas_commit_all(ir_canvas **canvas, int n, ir_atomic **extra,
                         int nextra, ir_error *err)
{
    ir_atomic **files = malloc((size_t)(n + nextra + 1) * sizeof *files);
    int nfiles = 0, rc = 0;
    if (files == NULL)
        rc = ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    for (int i = 0; i < n; i++) {
        if (rc == 0)
            rc = canvas_finish(canvas[i], &files[nfiles], err);
        else
            ir_canvas_destroy(canvas[i]);
        nfiles += rc == 0;
    }
    for (int i = 0; i < nextra; i++) {
        if (files)
            files[nfiles++] = extra[i];
        else
            ir_atomic_abort(extra[i]);
    }
    if (rc == 0)
        rc = ir_atomic_commit_all(files, nfiles, err);
    else
        for (int i = 0; i < nfiles; i++)
            ir_atomic_abort(files[i]);
    free(files);
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
    drop_parts(c);
    ir_atomic_abort(c->file);
    for (int k = 0; k < IR_PNG_TEXTS; k++)
        free(c->text[k]);
    ir_svgdoc_destroy(c->svg);
    free(c->path);
    free(c);
}

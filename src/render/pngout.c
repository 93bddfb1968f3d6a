/*
 * pngout: a figure's pixels written as PNG, compressed in parts.  See
 * pngout.h.
 */
#include "pngout.h"

#include <errno.h>
#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/grow.h"

/* One part per this many rows: a small figure is one part. */
#define PARTS_MIN_HEIGHT 256
/* IDAT chunks of at most this many bytes; any size is valid, this keeps
 * a reader's buffering modest. */
#define IDAT_MAX (1u << 20)

struct ir_png_part {
    unsigned char *z;   /* raw deflate data */
    size_t len, cap;
    uLong adler;        /* of the part's uncompressed rows */
    size_t raw_len;
};

int ir_png_parts(int height)
{
    int n = height / PARTS_MIN_HEIGHT;
    return n < 1 ? 1 : n > IR_PNG_PARTS_MAX ? IR_PNG_PARTS_MAX : n;
}

int ir_png_part_row(int height, int k)
{
    int n = ir_png_parts(height);
    return k >= n ? height : (int)((long long)height * k / n);
}

/* Runs deflate until it has taken all its input and done `flush`. */
static int deflate_into(ir_png_part *p, z_stream *zs, int flush)
{
    for (;;) {
        if (ir_grow((void **)&p->z, &p->cap, p->len + 65536, 1) != 0)
            return -1;
        zs->next_out = p->z + p->len;
        zs->avail_out = (uInt)(p->cap - p->len);
        int rc = deflate(zs, flush);
        p->len = p->cap - zs->avail_out;
        if (rc == Z_STREAM_END)
            return 0;
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            return -1;
        if (zs->avail_in == 0 && zs->avail_out > 0)
            return 0;
    }
}

/* The zlib header (RFC 1950): deflate with a 32K window, the level's
 * class in FLEVEL, and the check bits that make it a multiple of 31. */
static void zlib_header(int level, unsigned char head[2])
{
    unsigned cmf = 0x78;
    unsigned flg = (unsigned)(level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3) << 6;
    flg += 31 - (cmf * 256 + flg) % 31;
    head[0] = (unsigned char)cmf;
    head[1] = (unsigned char)flg;
}

ir_png_part *ir_png_part_create(const unsigned char *argb, int stride,
                                int width, int rows, int level, bool first,
                                bool last)
{
    ir_png_part *p = calloc(1, sizeof *p);
    unsigned char *row = malloc((size_t)width * 3 + 1);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    /* Raw deflate: the zlib header and checksum belong to the whole
     * stream and are written once, around all the parts. */
    if (p == NULL || row == NULL ||
        deflateInit2(&zs, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
            Z_OK) {
        free(row);
        free(p);
        return NULL;
    }
    p->adler = adler32(0, Z_NULL, 0);
    int failed = 0;
    if (first) {
        failed = ir_grow((void **)&p->z, &p->cap, 2, 1);
        if (!failed)
            zlib_header(level, p->z);
        p->len = 2;
    }
    for (int y = 0; y < rows && !failed; y++) {
        const uint32_t *src = (const uint32_t *)(argb + (size_t)y * stride);
        /* No row filter: on a map's flat colours, unfiltered rows deflate
         * smaller than libpng's adaptive choice (504 kB against 577 kB
         * for the 3000 x 2000 basemap at level 6) and skip the filter
         * search.  See bench/README.md. */
        row[0] = 0;
        for (int x = 0; x < width; x++) {
            uint32_t px = src[x];
            row[1 + 3 * x] = (unsigned char)(px >> 16);
            row[2 + 3 * x] = (unsigned char)(px >> 8);
            row[3 + 3 * x] = (unsigned char)px;
        }
        uInt n = (uInt)width * 3 + 1;
        p->adler = adler32(p->adler, row, n);
        p->raw_len += n;
        zs.next_in = row;
        zs.avail_in = n;
        failed = deflate_into(p, &zs, Z_NO_FLUSH);
    }
    /* A sync flush ends on a byte boundary without a final block, so the
     * next part's deflate data may follow directly. */
    if (!failed)
        failed = deflate_into(p, &zs, last ? Z_FINISH : Z_SYNC_FLUSH);
    deflateEnd(&zs);
    free(row);
    if (failed) {
        ir_png_part_destroy(p);
        return NULL;
    }
    return p;
}

void ir_png_part_destroy(ir_png_part *p)
{
    if (p == NULL)
        return;
    free(p->z);
    free(p);
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

static void write_idat(png_structp png, const unsigned char *data, size_t len)
{
    static const png_byte idat[5] = "IDAT";
    while (len > 0) {
        size_t n = len < IDAT_MAX ? len : IDAT_MAX;
        png_write_chunk(png, idat, data, n);
        data += n;
        len -= n;
    }
}

int ir_png_write(FILE *fp, const char *path, int width, int height,
                 double dpi, const ir_png_texts *texts,
                 ir_png_part *const *parts, int n, ir_error *err)
{
    static const char *const keyword[IR_PNG_TEXTS] = { "Title", "Description",
                                                       "Data source" };
    png_text text[IR_PNG_TEXTS + 1];
    int ntext = 0;
    memset(text, 0, sizeof text);
    for (int k = 0; texts && k < IR_PNG_TEXTS; k++)
        if (texts->text[k] && texts->text[k][0]) {
            png_text *t = &text[ntext++];
            t->compression = PNG_ITXT_COMPRESSION_NONE;
            t->key = (png_charp)keyword[k];
            t->text = (png_charp)texts->text[k];
            t->itxt_length = strlen(texts->text[k]);
            t->lang = (png_charp)(texts->language ? texts->language : "");
            t->lang_key = (png_charp) "";
        }
    /* Software is plain Latin-1 text: a tEXt chunk. */
    text[ntext].compression = PNG_TEXT_COMPRESSION_NONE;
    text[ntext].key = (png_charp) "Software";
    text[ntext].text = (png_charp) "ironriver " IR_VERSION;
    text[ntext].text_length = strlen(text[ntext].text);
    ntext++;
    uLong adler = adler32(0, Z_NULL, 0);
    for (int k = 0; k < n; k++)
        adler = adler32_combine(adler, parts[k]->adler, (z_off_t)parts[k]->raw_len);
    /* The checksum follows the last part's data, in room made here so
     * that nothing is allocated once libpng may jump out. */
    ir_png_part *last = parts[n - 1];
    if (ir_grow((void **)&last->z, &last->cap, last->len + 4, 1) != 0)
        return ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                            "out of memory");
    for (int i = 0; i < 4; i++)
        last->z[last->len + i] = (unsigned char)(adler >> (24 - 8 * i));

    png_sink sink = { fp, 0, "" };
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink,
                                              png_on_error, png_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (png == NULL || info == NULL) {
        png_destroy_write_struct(&png, &info);
        return ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                            "out of memory");
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return ir_error_set(err, IR_EOUTPUT, path, -1, NULL,
                            "cannot write: %s",
                            sink.write_errno ? strerror(sink.write_errno)
                                             : sink.message);
    }
    png_set_write_fn(png, &sink, png_write_data, png_flush_data);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    png_set_text(png, info, text, ntext);
    png_write_info(png, info);
    /* The image data is ours, already deflated: libpng frames it. */
    for (int k = 0; k < n; k++)
        write_idat(png, parts[k]->z, parts[k]->len + (k == n - 1 ? 4 : 0));
    static const png_byte iend[5] = "IEND";
    png_write_chunk(png, iend, NULL, 0);
    png_destroy_write_struct(&png, &info);
    return 0;
}

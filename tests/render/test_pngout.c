/*
 * PNG output in parts: the joined stream decodes (zlib checks its
 * Adler-32, libpng every chunk's CRC) to exactly the pixels drawn, the
 * resolution is recorded, and a canvas drawn on one thread or two gives
 * the same bytes.
 */
#include <cairo.h>
#include <criterion/criterion.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "render/canvas.h"
#include "render/pngout.h"
#include "helpers.h"

/* A pattern no run of rows repeats, so a part put in the wrong place or
 * a row lost shows. */
static uint32_t pattern(int x, int y)
{
    return 0xff000000u | (uint32_t)((x * 7 + y * 13) & 255) << 16 |
           (uint32_t)((x ^ y) & 255) << 8 | (uint32_t)((x * y + 5) & 255);
}

static uint32_t *make_pixels(int w, int h)
{
    uint32_t *px = malloc((size_t)w * h * 4);
    cr_assert(px);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            px[(size_t)y * w + x] = pattern(x, y);
    return px;
}

/* Writes pixels in the parts ir_png_parts gives for the height. */
static void write_parts(const char *path, const uint32_t *px, int w, int h,
                        int level)
{
    int n = ir_png_parts(h);
    ir_png_part *parts[IR_PNG_PARTS_MAX] = { 0 };
    cr_assert_leq(n, IR_PNG_PARTS_MAX);
    for (int k = 0; k < n; k++) {
        int y0 = ir_png_part_row(h, k), y1 = ir_png_part_row(h, k + 1);
        parts[k] = ir_png_part_create((const unsigned char *)(px + (size_t)y0 * w),
                                      w * 4, w, y1 - y0, level, k == 0,
                                      k == n - 1);
        cr_assert(parts[k]);
    }
    FILE *fp = fopen(path, "wb");
    cr_assert(fp);
    ir_error err = { 0 };
    cr_assert_eq(ir_png_write(fp, path, w, h, 150, NULL, parts, n, &err), 0, "%s",
                 err.message);
    fclose(fp);
    for (int k = 0; k < n; k++)
        ir_png_part_destroy(parts[k]);
}

/* Reads a PNG with libpng: RGB rows and the pHYs resolution. */
static unsigned char *read_png(const char *path, int *w, int *h,
                               png_uint_32 *ppm)
{
    FILE *fp = fopen(path, "rb");
    cr_assert(fp);
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL,
                                             NULL, NULL);
    png_infop info = png_create_info_struct(png);
    cr_assert(png && info);
    if (setjmp(png_jmpbuf(png)))
        cr_assert_fail("libpng could not read %s", path);
    png_init_io(png, fp);
    png_read_info(png, info);
    *w = (int)png_get_image_width(png, info);
    *h = (int)png_get_image_height(png, info);
    cr_assert_eq(png_get_color_type(png, info), PNG_COLOR_TYPE_RGB);
    cr_assert_eq(png_get_bit_depth(png, info), 8);
    int unit = 0;
    png_uint_32 yres = 0;
    cr_assert(png_get_pHYs(png, info, ppm, &yres, &unit));
    cr_assert_eq(unit, PNG_RESOLUTION_METER);
    unsigned char *rgb = malloc((size_t)*w * *h * 3);
    cr_assert(rgb);
    for (int y = 0; y < *h; y++)
        png_read_row(png, rgb + (size_t)y * *w * 3, NULL);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(fp);
    return rgb;
}

/* The IDAT data joined and inflated by zlib itself, which rejects a bad
 * header or checksum. */
static void inflate_idat(const char *path, size_t expect)
{
    size_t n;
    unsigned char *d = (unsigned char *)th_read_file(path, &n);
    cr_assert(d && n > 8);
    unsigned char *z = malloc(n);
    size_t zn = 0;
    for (size_t i = 8; i + 12 <= n;) {
        size_t len = (size_t)d[i] << 24 | (size_t)d[i + 1] << 16 |
                     (size_t)d[i + 2] << 8 | d[i + 3];
        if (memcmp(d + i + 4, "IDAT", 4) == 0) {
            memcpy(z + zn, d + i + 8, len);
            zn += len;
        }
        i += 12 + len;
    }
    uLongf out_len = expect + 16;
    unsigned char *out = malloc(out_len);
    cr_assert_eq(uncompress(out, &out_len, z, zn), Z_OK,
                 "zlib rejects the joined stream");
    cr_expect_eq(out_len, expect);
    free(out), free(z), free(d);
}

static void check_round_trip(int w, int h, int level)
{
    uint32_t *px = make_pixels(w, h);
    char name[64];
    snprintf(name, sizeof name, "rt-%dx%d-%d.png", w, h, level);
    const char *path = th_path(th_tmpdir(), name);
    write_parts(path, px, w, h, level);
    int rw, rh;
    png_uint_32 ppm;
    unsigned char *rgb = read_png(path, &rw, &rh, &ppm);
    cr_assert_eq(rw, w);
    cr_assert_eq(rh, h);
    cr_expect_eq(ppm, 5906, "150 dpi is 5906 pixels a metre, not %u", ppm);
    long wrong = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t p = px[(size_t)y * w + x];
            const unsigned char *q = rgb + ((size_t)y * w + x) * 3;
            wrong += q[0] != (p >> 16 & 255) || q[1] != (p >> 8 & 255) ||
                     q[2] != (p & 255);
        }
    cr_expect_eq(wrong, 0, "%ld of %dx%d pixels differ", wrong, w, h);
    inflate_idat(path, (size_t)h * (w * 3 + 1));
    free(rgb), free(px);
}

Test(pngout, parts_decode_to_the_pixels_written)
{
    cr_assert_eq(ir_png_parts(600), 2);
    cr_assert_eq(ir_png_parts(2000), 7);
    cr_assert_eq(ir_png_parts(9000), IR_PNG_PARTS_MAX);
    check_round_trip(301, 600, 6);
    check_round_trip(64, 1001, 1);
    check_round_trip(500, 2100, 9);
    check_round_trip(40, 2600, 6);
}

Test(pngout, a_small_image_is_one_part)
{
    cr_assert_eq(ir_png_parts(40), 1);
    cr_assert_eq(ir_png_parts(511), 1);
    check_round_trip(50, 40, 6);
    check_round_trip(17, 1, 0);
}

static void draw_blocks(cairo_t *cr, void *arg)
{
    (void)arg;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    for (int i = 0; i < 12; i++) {
        cairo_set_source_rgb(cr, i / 12.0, 0.5, 1 - i / 12.0);
        cairo_rectangle(cr, 6 * i, 9 * i, 20, 30);
        cairo_fill(cr);
    }
}

/* Pixel-aligned blocks draw the same whole or in bands, so one thread and
 * two must write the same file: the parts do not depend on threads. */
Test(pngout, one_thread_or_two_write_the_same_bytes)
{
    const char *dir = th_tmpdir();
    char *data[2];
    size_t len[2];
    for (int t = 1; t <= 2; t++) {
        const char *path = th_path(dir, t == 1 ? "one.png" : "two.png");
        ir_error err = { 0 };
        ir_canvas *c = ir_canvas_create(path, IR_FORMAT_PNG, 400, 600, 72, &err);
        cr_assert(c, "%s", err.message);
        ir_canvas_draw(c, draw_blocks, NULL, t);
        cr_assert_eq(ir_canvas_commit(c, &err), 0, "%s", err.message);
        data[t - 1] = th_read_file(path, &len[t - 1]);
        cr_assert(data[t - 1]);
    }
    cr_expect(len[0] == len[1] && memcmp(data[0], data[1], len[0]) == 0,
              "one thread and two give different files");
    cairo_surface_t *s = cairo_image_surface_create_from_png(th_path(dir, "two.png"));
    cr_assert_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    const unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    /* Block 11 covers (66..86, 99..129) pt = px at 72 dpi. */
    uint32_t p = ((const uint32_t *)(d + 110 * stride))[70] & 0xffffff;
    double want[3] = { 11 / 12.0, 0.5, 1 / 12.0 };
    for (int ch = 0; ch < 3; ch++)
        cr_expect_leq(abs((int)(p >> (16 - 8 * ch) & 255) -
                          (int)(want[ch] * 255 + 0.5)), 1,
                      "block colour %06x", p);
    cairo_surface_destroy(s);
    free(data[0]), free(data[1]);
}

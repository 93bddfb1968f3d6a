/*
 * pngout: a figure's pixels written as PNG, compressed in parts.
 *
 * A 6-megapixel figure spends as long in zlib as in drawing its flows, on
 * one core.  Each part is a run of rows deflated on its own (the way pigz
 * splits a stream), so the parts can be compressed at once, on every
 * thread, and joined into one valid zlib stream: every
 * part but the last ends on a byte boundary with a non-final block, and
 * the stream's Adler-32 is combined from the parts'.  libpng writes the
 * signature, header, resolution and chunk framing; zlib does the deflate.
 *
 * The rows of each part are fixed by the image's size alone, never by the
 * number of threads, so the same pixels give the same bytes either way.
 */
#ifndef IR_PNGOUT_H
#define IR_PNGOUT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"

typedef struct ir_png_part ir_png_part;

/* The number of parts an image of this height is written in (one per
 * PARTS_MIN_HEIGHT rows, at most IR_PNG_PARTS_MAX), and the first row of
 * part k (k == parts gives the height). */
#define IR_PNG_PARTS_MAX 8
int ir_png_parts(int height);
int ir_png_part_row(int height, int k);

/* Deflates `rows` rows of cairo ARGB32 pixels (premultiplied, opaque: the
 * alpha is dropped) at zlib `level`, each row unfiltered; `first` starts
 * the stream with its header, `last` ends it.  Returns NULL when memory
 * runs out. */
ir_png_part *ir_png_part_create(const unsigned char *argb, int stride,
                                int width, int rows, int level, bool first,
                                bool last);
void ir_png_part_destroy(ir_png_part *part);

/* The PNG's texts, each an iTXt chunk in UTF-8 when not NULL: Title,
 * Description and "Data source" (a keyword of ours: the standard's
 * "Source" names the device that made the image), in language. */
#define IR_PNG_TEXTS 3
typedef struct ir_png_texts {
    const char *text[IR_PNG_TEXTS];
    const char *language;
} ir_png_texts;

/* Writes the PNG of parts[0..n) (in row order, covering width x height)
 * to fp at dpi, with texts (may be NULL); errors name path. */
int ir_png_write(FILE *fp, const char *path, int width, int height,
                 double dpi, const ir_png_texts *texts,
                 ir_png_part *const *parts, int n, ir_error *err);

#endif

/*
 * pageopts: the page options basemap and map share: size, resolution,
 * margin, projection, sea colour and PNG compression.  One set of option rows, spliced into each command's table
 * (as traceopts does for trace input), so the two commands name, check
 * and explain them alike.
 */
#ifndef IR_PAGEOPTS_H
#define IR_PAGEOPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

typedef struct ir_page_options {
    int width, height;      /* pixels; 0 for the command's default */
    double dpi, margin;     /* margin in points */
    const char *projection;
    bool water;
    int png_level;
} ir_page_options;

/* The option rows for an ir_page_options at offset BASE of the settings. */
#define IR_PAGE_OPTIONS(BASE)                                                 \
    { "width", 0, IR_OPT_INT, (BASE) + offsetof(ir_page_options, width), 16, \
      30000, NULL, "PX", "width in pixels (default 1600)" },                  \
    { "height", 0, IR_OPT_INT, (BASE) + offsetof(ir_page_options, height),   \
      16, 30000, NULL, "PX", "height in pixels (default 1200)" },             \
    { "dpi", 0, IR_OPT_DOUBLE, (BASE) + offsetof(ir_page_options, dpi), 10,  \
      4800, NULL, "N", "resolution (default 150); with the pixel size it "    \
      "sets the printed size of SVG and PDF" },                               \
    { "margin", 0, IR_OPT_DOUBLE, (BASE) + offsetof(ir_page_options, margin),\
      0, 1000, NULL, "PT", "margin around the map in points (default 12)" }, \
    { "projection", 0, IR_OPT_STRING,                                         \
      (BASE) + offsetof(ir_page_options, projection), 0, 0, NULL, "P",        \
      "PROJ string, EPSG:code or WKT (default: Lambert conformal conic, "     \
      "parallels 20N and 44N, 100W)" },                                       \
    { "water", 0, IR_OPT_FLAG, (BASE) + offsetof(ir_page_options, water), 0, \
      0, NULL, NULL, "paint the sea as water" },                              \
    { "png-compression", 0, IR_OPT_INT,                                       \
      (BASE) + offsetof(ir_page_options, png_level), 0, 9, NULL, "N",         \
      "zlib level 0-9 for PNG (default 6; 1 or 3 write faster, larger "       \
      "files)" }

#endif

/*
 * The shapefile loader, fed one input split into the files of a
 * shapefile: a first byte of flags (bit 0: a .prj, bit 1: a .cpg, bit 2:
 * strict), then the five files' lengths (two bytes each, big-endian), then
 * the .shp, .shx, .dbf, .prj and .cpg bytes in that order.
 */
#include <stdio.h>
#include <stdlib.h>

#include "load/layer.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 11)
        return 0;
    uint8_t flags = data[0];
    size_t len[5], at = 11;
    for (int k = 0; k < 5; k++)
        len[k] = (size_t)data[1 + 2 * k] << 8 | data[2 + 2 * k];
    static const char *const name[5] = { "t.shp", "t.shx", "t.dbf", "t.prj",
                                         "t.cpg" };
    for (int k = 0; k < 5; k++) {
        size_t n = at + len[k] <= size ? len[k] : size - at;
        if ((k == 3 && !(flags & 1)) || (k == 4 && !(flags & 2)))
            remove(fuzz_path(name[k]));
        else
            fuzz_write(name[k], data + at, n);
        at += n;
    }
    ir_error err = { 0 };
    ir_layer_options opt = { NULL, NULL, NULL, (flags & 4) != 0 };
    ir_layer *l = ir_layer_load(fuzz_path("t.shp"), &opt, &err);
    ir_layer_destroy(l);
    return 0;
}

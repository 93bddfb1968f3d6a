/*
 * The shapefile loader, fed one input split into the files of a
 * shapefile: a first byte of flags, then four lengths (two bytes each,
 * big-endian), then the .shp, .shx, .dbf and .cpg bytes in that order.
 * Flags: bits 0-2 choose the .prj (below), bit 3 writes the .cpg, bit 4
 * loads with --strict.
 *
 * The .prj is one of a fixed set rather than fuzzed bytes: the text is
 * PROJ's to parse (and PROJ is fuzzed upstream, by OSS-Fuzz), each new
 * text costs PROJ tens of milliseconds, and what is ours is what the
 * loader does with each kind of answer: none, lon/lat, another datum, a
 * projection, an empty file, and a CRS PROJ reads but cannot transform.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/layer.h"
#include "fuzz.h"

static const char *const prj[8] = {
    NULL,
    "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
    "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\","
    "0.0174532925199433]]",
    "GEOGCS[\"GCS_North_American_1983\",DATUM[\"D_North_American_1983\","
    "SPHEROID[\"GRS_1980\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\","
    "0.0],UNIT[\"Degree\",0.0174532925199433]]",
    "+proj=utm +zone=12 +datum=WGS84 +units=m +type=crs",
    "+proj=lcc +lat_0=12 +lon_0=-102 +lat_1=17.5 +lat_2=29.5 +x_0=2500000 "
    "+y_0=0 +ellps=GRS80 +units=m +type=crs",
    "",
    " \r\n",
    "LOCAL_CS[\"site grid\",LOCAL_DATUM[\"site\",0],UNIT[\"metre\",1]]",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 9)
        return 0;
    uint8_t flags = data[0];
    size_t len[4], at = 9;
    for (int k = 0; k < 4; k++)
        len[k] = (size_t)data[1 + 2 * k] << 8 | data[2 + 2 * k];
    static const char *const name[4] = { "t.shp", "t.shx", "t.dbf", "t.cpg" };
    for (int k = 0; k < 4; k++) {
        size_t n = at + len[k] <= size ? len[k] : size - at;
        if (k == 3 && !(flags & 8))
            remove(fuzz_path(name[k]));
        else
            fuzz_write(name[k], data + at, n);
        at += n;
    }
    const char *text = prj[flags & 7];
    if (text == NULL)
        remove(fuzz_path("t.prj"));
    else
        fuzz_write("t.prj", (const uint8_t *)text, strlen(text));
    ir_error err = { 0 };
    ir_layer_options opt = { NULL, NULL, NULL, (flags & 16) != 0 };
    ir_layer *l = ir_layer_load(fuzz_path("t.shp"), &opt, &err);
    ir_layer_destroy(l);
    return 0;
}

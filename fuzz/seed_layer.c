/*
 * seed_layer OUTDIR: writes seeds for fuzz_layer: small shapefiles of
 * the kinds the loader meets (lon/lat with a .prj and a .cpg, projected,
 * latin1 text without a .cpg, a Null shape), each packed as fuzz_layer
 * reads its input.
 */
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t slurp(const char *path, unsigned char *buf, size_t cap)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return 0;
    size_t n = fread(buf, 1, cap, fp);
    fclose(fp);
    return n;
}

/* prj is the index of fuzz_layer's .prj (0 none, 1 WGS 84, 3 UTM 12N, 5
 * empty ...); flags adds bit 4, --strict. */
static void pack(const char *out, const char *base, int prj, const char *cpg,
                 int flags)
{
    static const char *const ext[3] = { "shp", "shx", "dbf" };
    static unsigned char part[4][65535];
    size_t len[4] = { 0 };
    for (int k = 0; k < 3; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s.%s", base, ext[k]);
        len[k] = slurp(path, part[k], sizeof part[k]);
    }
    len[3] = cpg ? strlen(cpg) : 0;
    memcpy(part[3], cpg ? cpg : "", len[3]);
    FILE *fp = fopen(out, "wb");
    if (fp == NULL)
        exit(1);
    fputc(flags | prj | (cpg ? 8 : 0), fp);
    for (int k = 0; k < 4; k++) {
        fputc((int)(len[k] >> 8), fp);
        fputc((int)(len[k] & 255), fp);
    }
    for (int k = 0; k < 4; k++)
        fwrite(part[k], 1, len[k], fp);
    fclose(fp);
}

/* Two records: a square with a hole and a two-part one, or a Null shape
 * for the second. */
static void write_shapes(const char *base, double scale, const char *a,
                         const char *b, int null_second)
{
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreate(base);
    if (shp == NULL || dbf == NULL)
        exit(1);
    DBFAddField(dbf, "NOM_ENT", FTString, 40, 0);
    DBFAddField(dbf, "CVE_ENT", FTString, 4, 0);
    double x[] = { -110, -110, -104, -104, -110, -108, -106, -106, -108, -108 };
    double y[] = { 28, 32, 32, 28, 28, 29, 29, 31, 31, 29 };
    for (int i = 0; i < 10; i++)
        x[i] *= scale, y[i] *= scale;
    int starts[2] = { 0, 5 };
    SHPObject *o = SHPCreateObject(SHPT_POLYGON, -1, 2, starts, NULL, 10, x,
                                   y, NULL, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    o = null_second ? SHPCreateObject(SHPT_NULL, -1, 0, NULL, NULL, 0, NULL,
                                      NULL, NULL, NULL)
                    : SHPCreateObject(SHPT_POLYGON, -1, 1, starts, NULL, 5, x,
                                      y, NULL, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    DBFWriteStringAttribute(dbf, 0, 0, a);
    DBFWriteStringAttribute(dbf, 0, 1, "26");
    DBFWriteStringAttribute(dbf, 1, 0, b);
    DBFWriteStringAttribute(dbf, 1, 1, "08");
    SHPClose(shp);
    DBFClose(dbf);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    char base[512], out[600];
    snprintf(base, sizeof base, "%s/s", argv[1]);
    write_shapes(base, 1, "Sonora", "Chihuahua", 0);
    snprintf(out, sizeof out, "%s/lonlat", argv[1]);
    pack(out, base, 1, "UTF-8", 0);
    snprintf(out, sizeof out, "%s/lonlat-strict", argv[1]);
    pack(out, base, 1, "UTF-8", 16);
    snprintf(out, sizeof out, "%s/nad83", argv[1]);
    pack(out, base, 2, NULL, 0);
    snprintf(out, sizeof out, "%s/no-prj", argv[1]);
    pack(out, base, 0, NULL, 0);
    snprintf(out, sizeof out, "%s/empty-prj", argv[1]);
    pack(out, base, 5, NULL, 0);
    snprintf(out, sizeof out, "%s/local-cs", argv[1]);
    pack(out, base, 7, NULL, 0);
    write_shapes(base, 1, "Nuevo Le\xf3n", "Yucat\xe1n", 1);
    snprintf(out, sizeof out, "%s/latin1-null", argv[1]);
    pack(out, base, 1, NULL, 0);
    snprintf(out, sizeof out, "%s/lying-cpg", argv[1]);
    pack(out, base, 1, "UTF-8", 0);
    write_shapes(base, 10000, "Sonora", "Chihuahua", 0);
    snprintf(out, sizeof out, "%s/utm", argv[1]);
    pack(out, base, 3, "UTF-8", 0);
    write_shapes(base, 100000, "Sonora", "Chihuahua", 0);
    snprintf(out, sizeof out, "%s/lcc", argv[1]);
    pack(out, base, 4, "UTF-8", 0);
    for (const char *const *e = (const char *const[]){ "shp", "shx", "dbf",
                                                        NULL };
         *e; e++) {
        snprintf(out, sizeof out, "%s.%s", base, *e);
        remove(out);
    }
    return 0;
}

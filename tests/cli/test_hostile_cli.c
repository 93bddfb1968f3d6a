/*
 * Hostile input, one table: each case writes its files, runs the map
 * command over a figure that already exists, and asserts the exit status,
 * that the message names the file and the place in it (line, record,
 * key or column) and what is wrong, and that the old figure is untouched
 * with no temporary file left beside it.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <math.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

#define OLD_FIGURE "an earlier figure, kept"

typedef struct hostile {
    const char *name;
    const char *file, *text;      /* one text file the case writes */
    int (*prepare)(const char *dir); /* or binary files of its own */
    const char *args;             /* after "map"; '@' is the folder */
    int status;
    const char *want[3];          /* in the message: file, place, what */
} hostile;

/* A square about Hermosillo, named Sonora: a layer that loads. */
static const double square[] = { -112, 28, -112, 32, -108, 32, -108, 28,
                                 -112, 28 };
static const int five[] = { 5 };

static int write_square(const char *dir, int type)
{
    th_shape s = { 1, five, square };
    static const char *const names[] = { "Sonora" };
    return th_write_polygons(th_path(dir, "x"), type, &s, 1, "NOM_ENT",
                             names, "UTF-8");
}

static int polygons(const char *dir)
{
    return write_square(dir, SHPT_POLYGON);
}

/* Overwrites n bytes at offset of dir/name. */
static int patch(const char *dir, const char *name, long offset,
                 const void *bytes, size_t n)
{
    FILE *fp = fopen(th_path(dir, name), "r+b");
    if (fp == NULL)
        return -1;
    int rc = fseek(fp, offset, SEEK_SET) == 0 && fwrite(bytes, 1, n, fp) == n
                 ? 0 : -1;
    fclose(fp);
    return rc;
}

/* The first record's content starts at 108 (100-byte header, 8-byte
 * record header): type, bbox (32 bytes), nParts at 36, nPoints at 40,
 * the part starts at 44, then the points. */
#define REC 108

static int no_shx(const char *dir)
{
    return polygons(dir) || unlink(th_path(dir, "x.shx"));
}

static int truncated_shp(const char *dir)
{
    if (polygons(dir))
        return -1;
    return truncate(th_path(dir, "x.shp"), REC + 60);
}

static int part_out_of_range(const char *dir)
{
    int start = 1000;
    return polygons(dir) || patch(dir, "x.shp", REC + 44, &start, 4);
}

static int nan_vertex(const char *dir)
{
    double nan_x = NAN;
    return polygons(dir) || patch(dir, "x.shp", REC + 48, &nan_x, 8);
}

static int parts_2_31(const char *dir)
{
    unsigned parts = 0x80000000u;
    return polygons(dir) || patch(dir, "x.shp", REC + 36, &parts, 4);
}

static int points_2_30(const char *dir)
{
    unsigned points = 0x40000000u;
    return polygons(dir) || patch(dir, "x.shp", REC + 40, &points, 4);
}

static int point_layer(const char *dir)
{
    SHPHandle shp = SHPCreate(th_path(dir, "x"), SHPT_POINT);
    DBFHandle dbf = DBFCreate(th_path(dir, "x"));
    if (shp == NULL || dbf == NULL)
        return -1;
    DBFAddField(dbf, "NOM_ENT", FTString, 20, 0);
    double x = -110, y = 29;
    SHPObject *o = SHPCreateSimpleObject(SHPT_POINT, 1, &x, &y, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    DBFWriteStringAttribute(dbf, 0, 0, "Sonora");
    SHPClose(shp);
    DBFClose(dbf);
    return 0;
}

static int dbf_short(const char *dir)
{
    if (polygons(dir))
        return -1;
    DBFHandle dbf = DBFCreate(th_path(dir, "x"));
    if (dbf == NULL)
        return -1;
    DBFAddField(dbf, "NOM_ENT", FTString, 20, 0);
    DBFClose(dbf);
    return 0;
}

static int bad_prj(const char *dir)
{
    static const char prj[] = "PROJCS[\"nothing PROJ knows\",GARBAGE]";
    return polygons(dir) ||
           th_write_file(th_path(dir, "x.prj"), prj, sizeof prj - 1);
}

static int metres_without_prj(const char *dir)
{
    static const double m[] = { 400000, 3100000, 400000, 3500000, 800000,
                                3500000, 800000, 3100000, 400000, 3100000 };
    th_shape s = { 1, five, m };
    static const char *const names[] = { "Sonora" };
    return th_write_polygons(th_path(dir, "x"), SHPT_POLYGON, &s, 1,
                             "NOM_ENT", names, "UTF-8");
}

static int damaged(const char *dir)
{
    const char *shp = th_write_damaged_layer(dir);
    return shp && rename(shp, th_path(dir, "x.shp")) == 0 &&
                   rename(th_path(dir, "d.shx"), th_path(dir, "x.shx")) == 0 &&
                   rename(th_path(dir, "d.dbf"), th_path(dir, "x.dbf")) == 0
               ? 0 : -1;
}

static int lying_cpg(const char *dir)
{
    th_shape s = { 1, five, square };
    static const char *const names[] = { "Nuevo Le\xf3n" };
    return th_write_polygons(th_path(dir, "x"), SHPT_POLYGON, &s, 1,
                             "NOM_ENT", names, "UTF-8") ||
           th_write_file(th_path(dir, "x.cpg"), "UTF-8", 5);
}

static int empty_prj_in_metres(const char *dir)
{
    return metres_without_prj(dir) || th_write_file(th_path(dir, "x.prj"),
                                                    "", 0);
}

static int long_line(const char *dir)
{
    size_t n = (5u << 20) + 40;
    char *t = malloc(n);
    if (t == NULL)
        return -1;
    static const char head[] = "origin,destination,count\nTexas,";
    memcpy(t, head, sizeof head - 1);
    memset(t + sizeof head - 1, 'a', n - (sizeof head - 1) - 4);
    memcpy(t + n - 4, ",1\n", 3);
    int rc = th_write_file(th_path(dir, "t.csv"), t, n - 1);
    free(t);
    return rc;
}

static int nul_byte(const char *dir)
{
    static const char t[] = "origin,destination,count\nTex\0as,Sonora,3\n";
    return th_write_file(th_path(dir, "t.csv"), t, sizeof t - 1);
}

/* A title longer than the 200 bytes inih reads of a line. */
static int long_title(const char *dir)
{
    char line[400] = "input = ok.csv\ntitle = ";
    memset(line + strlen(line), 'x', 220);
    strcat(line, "\n");
    return th_write_file(th_path(dir, "s.ini"), line, strlen(line));
}

#define OK_CSV "origin,destination,count\nTexas,Sonora,5\n"
#define MAP_T "@t.csv -o @m.png"
#define SHAPES "@ok.csv --shapes shapes/us-states.shp --shapes @x.shp -o @m.png"
#define SPEC "-c @s.ini -o @m.png"
#define LINE2 "line 2: "

static const hostile cases[] = {
    /* trace CSV */
    { "unknown origin", "t.csv", "origin,destination,count\nNarnia,Sonora,5\n",
      NULL, MAP_T, 2, { "t.csv", LINE2 "column origin", "unknown U.S. state 'Narnia'" } },
    { "weight not a number", "t.csv", "origin,destination,count\nTexas,Sonora,x\n",
      NULL, MAP_T, 2, { "t.csv", LINE2 "column count", "'x' is not a number" } },
    { "negative weight", "t.csv", "origin,destination,count\nTexas,Sonora,-4\n",
      NULL, MAP_T, 2, { "t.csv", LINE2 "column count", "negative" } },
    { "decimal comma in a comma file", "t.csv",
      "origin,destination,count\nTexas,Sonora,\"1,5\"\n", NULL, MAP_T, 2,
      { "t.csv", LINE2 "column count", "decimal comma" } },
    { "year that is no year", "t.csv",
      "year,origin,destination,count\n20x9,Texas,Sonora,3\n", NULL, MAP_T, 2,
      { "t.csv", LINE2 "column year", "'20x9' is not a year" } },
    { "period backwards", "t.csv",
      "year,origin,destination,count\n2021-2019,Texas,Sonora,3\n", NULL,
      "@t.csv --years 2015-2022 -o @m.png", 2,
      { "t.csv", LINE2 "column year", "'2021-2019'" } },
    { "quote left open", "t.csv", "origin,destination,count\n\"Texas,Sonora,3\n",
      NULL, MAP_T, 2, { "t.csv", LINE2, "quoted field is still open" } },
    { "short row", "t.csv", "origin,destination,count\nTexas,Sonora\n", NULL,
      MAP_T, 2, { "t.csv", LINE2, "the row has 2 fields; the header has 3" } },
    { "empty file", "t.csv", "", NULL, MAP_T, 2, { "t.csv", "", "the file is empty" } },
    { "header only", "t.csv", "origin,destination,count\n", NULL, MAP_T, 2,
      { "t.csv", "", "no data rows after the header" } },
    { "NUL byte", NULL, NULL, nul_byte, MAP_T, 2,
      { "t.csv", LINE2 "column origin", "NUL byte" } },
    { "not UTF-8", "t.csv", "origin,destination,count\nTex\xff" "as,Sonora,3\n",
      NULL, MAP_T, 2, { "t.csv", LINE2 "column origin", "not valid UTF-8" } },
    { "UTF-16", "t.csv", "\xff\xfeo\0r\0", NULL, MAP_T, 2,
      { "t.csv", "", "UTF-16" } },
    { "a U.S. state as destination", "t.csv",
      "origin,destination,count\nTexas,Texas,3\n", NULL, MAP_T, 2,
      { "t.csv", LINE2 "column destination", "'Texas' is a U.S. state" } },
    { "longitude off the globe", "t.csv",
      "origin_lon,origin_lat,destination,count\n-297.7,30.2,Sonora,3\n", NULL,
      "@t.csv --origin-lon origin_lon --origin-lat origin_lat -o @m.png", 2,
      { "t.csv", LINE2 "column origin_lon", "not a longitude" } },
    { "line of 5 MB", "t.csv", NULL, long_line, MAP_T, 2,
      { "t.csv", LINE2, "longer than 4 MB" } },
    { "no origin column", "t.csv", "a,b,count\nTexas,Sonora,3\n", NULL,
      MAP_T, 1, { "t.csv", "line 1", "no origin column" } },
    /* side tables */
    { "place off the globe", "p.csv",
      "id,name,name_es,lon,lat,kind,parent,source\nx,X,X,-300,30,city,TX,S\n",
      NULL, "@ok.csv --places @p.csv -o @m.png", 2,
      { "p.csv", LINE2 "column lon", "not a longitude" } },
    { "fill value not a number", "f.csv", "state,value\nTexas,abc\n", NULL,
      "@ok.csv --fill @f.csv -o @m.png", 2,
      { "f.csv", LINE2 "column value", "'abc' is not a number" } },
    { "fill of an unknown state", "f.csv", "state,value\nNarnia,3\n", NULL,
      "@ok.csv --fill @f.csv -o @m.png", 2,
      { "f.csv", LINE2 "column state", "'Narnia' is not a U.S. or Mexican state" } },
    /* spec files */
    { "unknown key", "s.ini", "input = ok.csv\ncolour-by = origin\n", NULL, SPEC,
      1, { "s.ini", LINE2 "key 'colour-by'", "did you mean color-by" } },
    { "width not a number", "s.ini", "input = ok.csv\nwidth = abc\n", NULL, SPEC,
      1, { "s.ini", LINE2 "key 'width'", "not a whole number" } },
    { "page of 10^10 pixels", "s.ini",
      "input = ok.csv\nwidth = 100000\nheight = 100000\n", NULL, SPEC, 1,
      { "s.ini", LINE2 "key 'width'", "from 16 to 30000" } },
    { "dpi of a million", "s.ini", "input = ok.csv\ndpi = 1000000\n", NULL, SPEC,
      1, { "s.ini", LINE2 "key 'dpi'", "from 10 to 4800" } },
    { "line inih would cut", NULL, NULL, long_title, SPEC, 1,
      { "s.ini", LINE2, "longer than 198" } },
    { "indented line", "s.ini", "input = ok.csv\ntitle = A\n  continued\n", NULL,
      SPEC, 1, { "s.ini", "line 3", "indented line" } },
    { "panel key unknown", "s.ini", "input = ok.csv\n[panel a]\ncolor = red\n",
      NULL, SPEC, 1, { "s.ini", "line 3: key 'color'", "[panel a]" } },
    { "comment inside a value", "s.ini", "input = ok.csv\ntitle = Guns ; 2019\n",
      NULL, SPEC, 1, { "s.ini", LINE2, "' ;' starts a comment" } },
    { "negative top", "s.ini", "input = ok.csv\ntop = -3\n", NULL, SPEC, 1,
      { "s.ini", LINE2 "key 'top'", "'-3'" } },
    { "not key = value", "s.ini", "input = ok.csv\nno equals sign here\n", NULL,
      SPEC, 1, { "s.ini", LINE2, "not a 'key = value' line" } },
    { "input missing", "s.ini", "input = missing.csv\n", NULL, SPEC, 2,
      { "missing.csv", "", "cannot open" } },
    { "panel filter on no column", "s.ini",
      "input = ok.csv\n[panel a]\nwhere = nope=1\n", NULL, SPEC, 1,
      { "ok.csv", "[panel]) nope", "no such column" } },
    /* the command line */
    { "compare by no column", "t.csv",
      "year,origin,destination,count\n2019,Texas,Sonora,3\n", NULL,
      "@t.csv --compare A,B --compare-by nope -o @m.png", 1,
      { "t.csv", "--compare-by nope", "no such column" } },
    { "page of 10^10 pixels, given", NULL, NULL, NULL,
      "@ok.csv --width 100000 --height 100000 -o @m.png", 1,
      { "--width", "", "from 16 to 30000" } },
    { "option misspelt", NULL, NULL, NULL, "@ok.csv --colour-by origin -o @m.png",
      1, { "--colour-by", "", "did you mean --color-by" } },
    /* shapefiles */
    { "no .shx", NULL, NULL, no_shx, SHAPES, 2, { "x.shp", "missing", "x.shx" } },
    { "truncated .shp", NULL, NULL, truncated_shp, SHAPES, 2,
      { "x.shp", "the header says 236 bytes", "truncated" } },
    { "part start out of range", NULL, NULL, part_out_of_range, SHAPES, 2,
      { "x.shp", "record 1", "panPartStart[0] = 1000" } },
    { "NaN vertex", NULL, NULL, nan_vertex, SHAPES, 2,
      { "x.shp", "record 1", "vertex 0 is not a number" } },
    { "2^31 parts", NULL, NULL, parts_2_31, SHAPES, 2,
      { "x.shp", "record 1", "nParts=2147483648" } },
    { "2^30 points", NULL, NULL, points_2_30, SHAPES, 2,
      { "x.shp", "record 1", "nPoints=1073741824" } },
    { "points, not polygons", NULL, NULL, point_layer, SHAPES, 2,
      { "x.shp", "shape type Point", "must be Polygon" } },
    { "fewer DBF records than shapes", NULL, NULL, dbf_short, SHAPES, 2,
      { "x.dbf", "0 records", "the .shp has 1" } },
    { "name field missing", NULL, NULL, polygons,
      "@ok.csv --shapes @x.shp --name-field NOPE -o @m.png", 2,
      { "x.dbf", "field NOPE", "its fields: NOM_ENT" } },
    { ".prj PROJ cannot read", NULL, NULL, bad_prj, SHAPES, 2,
      { "x.prj", "", "PROJ cannot read" } },
    { "metres without .prj", NULL, NULL, metres_without_prj, SHAPES, 2,
      { "x.shp", "", "add the .prj" } },
    { "empty .prj over metres", NULL, NULL, empty_prj_in_metres, SHAPES, 2,
      { "x.prj", "", "the .prj is empty" } },
    { "damaged records, strict", NULL, NULL, damaged, SHAPES " --strict", 2,
      { "x.shp", "record 2", "Chihuahua" } },
    { "lying .cpg, strict", NULL, NULL, lying_cpg, SHAPES " --strict", 2,
      { "x.shp", "record 1: field NOM_ENT", "not valid UTF-8" } },
    /* outputs */
    { "folder missing", NULL, NULL, NULL, "@ok.csv -o @nowhere/m.png -o @m.svg",
      3, { "nowhere/m.png", "", "cannot write" } },
    { "side file in a missing folder", NULL, NULL, NULL,
      "@ok.csv --alt-text @nowhere/a.txt -o @m.png", 3,
      { "nowhere/a.txt", "", "cannot write" } },
    { "output a folder", NULL, NULL, NULL, "@ok.csv -o @m.png -o @", 3,
      { "", "", "is a folder" } },
    { "format unknown", NULL, NULL, NULL, "@ok.csv -o @m.png -o @m.xyz", 1,
      { "m.xyz", "", "cannot tell the format" } },
};

#define NCASES (sizeof cases / sizeof *cases)

/* Criterion runs each case in a new process, where this one's pointers
 * mean nothing: a case travels as its index. */
ParameterizedTestParameters(hostile_cli, refused)
{
    static int index[NCASES];
    for (size_t i = 0; i < NCASES; i++)
        index[i] = (int)i;
    return cr_make_param_array(int, index, NCASES);
}

/* The folder's entries other than those the case wrote: a temporary file
 * left behind, or an output that should not be there. */
static void expect_nothing_new(const char *dir, const char *before)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || !strcmp(e->d_name, "..")))
            continue;
        char key[300];
        snprintf(key, sizeof key, " %s ", e->d_name);
        cr_expect(strstr(before, key) != NULL, "%s was left in the folder",
                  e->d_name);
    }
    closedir(d);
}

static void expand(const char *args, const char *dir, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *a = args; *a && n + 300 < cap; a++)
        if (*a == '@')
            n += (size_t)snprintf(out + n, cap - n, "%s/", dir);
        else
            out[n++] = *a;
    out[n] = '\0';
}

Test(hostile_cli, the_table_holds_forty_cases)
{
    cr_expect_geq(NCASES, 40);
}

ParameterizedTest(int *index, hostile_cli, refused)
{
    const hostile *c = &cases[*index];
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "ok.csv"), OK_CSV, strlen(OK_CSV));
    th_write_file(th_path(dir, "m.png"), OLD_FIGURE, strlen(OLD_FIGURE));
    if (c->text)
        th_write_file(th_path(dir, c->file), c->text, strlen(c->text));
    if (c->prepare)
        cr_assert_eq(c->prepare(dir), 0, "%s: could not write its files",
                     c->name);
    /* What the folder holds before the run. */
    char before[2048] = " ";
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') {
            strcat(before, e->d_name);
            strcat(before, " ");
        }
    closedir(d);

    char args[2048], cmd[4096];
    expand(c->args, dir, args, sizeof args);
    snprintf(cmd, sizeof cmd, "%s map %s", th_binary(), args);
    char *err = NULL;
    int status = th_run(cmd, &err);
    cr_expect_eq(status, c->status, "%s: exit %d, not %d: %s", c->name, status,
                 c->status, err);
    for (int k = 0; k < 3; k++)
        cr_expect(err && strstr(err, c->want[k]), "%s: no '%s' in: %s",
                  c->name, c->want[k], err);
    size_t len;
    char *old = th_read_file(th_path(dir, "m.png"), &len);
    cr_expect(old && len == strlen(OLD_FIGURE) &&
              memcmp(old, OLD_FIGURE, len) == 0,
              "%s: the earlier figure was written over", c->name);
    free(old);
    expect_nothing_new(dir, before);
    free(err);
}

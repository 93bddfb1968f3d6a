/*
 * Load stage: the shipped shapefiles, user files in other CRSs and
 * encodings, and damaged files.
 */
#include <criterion/criterion.h>
#include <geodesic.h>
#include <math.h>
#include <proj.h>
#include <shapefil.h>
#include <stdlib.h>
#include <string.h>

#include "load/layer.h"
#include "helpers.h"

static ir_layer *load_ok(const char *path, const ir_layer_options *opt)
{
    ir_error err = { 0 };
    ir_layer *l = ir_layer_load(path, opt, &err);
    cr_assert_not_null(l, "loading %s failed: %s", path, err.message);
    return l;
}

static const ir_feature *find(const ir_layer *l, const char *code)
{
    for (size_t i = 0; i < ir_layer_count(l); i++)
        if (strcmp(ir_layer_feature(l, i)->code, code) == 0)
            return ir_layer_feature(l, i);
    cr_assert_fail("no feature with code %s", code);
    return NULL;
}

/* Geodesic area on WGS 84 with even-odd rings: a ring inside another ring
 * of the same feature is a hole.  Computed with PROJ's geodesic routines,
 * independently of the code under test except for the loaded vertices. */
static double area_km2(const ir_layer *l, const ir_feature *f)
{
    struct geod_geodesic g;
    geod_init(&g, 6378137, 1 / 298.257223563);
    const double *xy = ir_layer_points(l);
    const size_t *rs = ir_layer_ring_starts(l);
    double total = 0;
    for (size_t r = f->first_ring; r < f->first_ring + f->nrings; r++) {
        size_t n = rs[r + 1] - rs[r];
        double *lat = malloc(n * sizeof *lat), *lon = malloc(n * sizeof *lon);
        for (size_t i = 0; i < n; i++) {
            lon[i] = xy[2 * (rs[r] + i)];
            lat[i] = xy[2 * (rs[r] + i) + 1];
        }
        double a, p;
        geod_polygonarea(&g, lat, lon, (int)n, &a, &p);
        /* Outer rings are clockwise in a shapefile, holes anticlockwise;
         * geod_polygonarea is positive for anticlockwise. */
        total += -a;
        free(lat), free(lon);
    }
    return total / 1e6;
}

Test(layer, shipped_files_have_all_states_and_fields)
{
    ir_layer *us = load_ok("shapes/us-states.shp", NULL);
    ir_layer *mx = load_ok("shapes/mx-states.shp", NULL);
    ir_layer *ctx = load_ok("shapes/countries.shp", NULL);
    cr_expect_eq(ir_layer_count(us), 51);
    cr_expect_eq(ir_layer_count(mx), 32);
    cr_expect_eq(ir_layer_count(ctx), 62);
    cr_expect_str_eq(ir_layer_name_field(us), "name");
    cr_expect_str_eq(ir_layer_code_field(us), "iso_3166_2");
    cr_expect_str_eq(ir_layer_code_field(ctx), "iso_a2");
    cr_expect_str_eq(ir_layer_encoding(mx), "UTF-8");
    cr_expect_str_eq(find(mx, "MX-NLE")->name, "Nuevo León");
    cr_expect_str_eq(find(mx, "MX-CMX")->name, "Mexico City");
    cr_expect_str_eq(find(us, "US-DC")->name, "District of Columbia");
    ir_layer_destroy(us);
    ir_layer_destroy(mx);
    ir_layer_destroy(ctx);
}

Test(layer, shipped_bounds_match_the_states)
{
    ir_layer *us = load_ok("shapes/us-states.shp", NULL);
    ir_layer *mx = load_ok("shapes/mx-states.shp", NULL);
    /* Texas: 106.65 W to 93.51 W, 25.84 N to 36.50 N. */
    const ir_feature *tx = find(us, "US-TX");
    cr_expect(fabs(tx->bbox[0] - -106.65) < 0.05, "west %f", tx->bbox[0]);
    cr_expect(fabs(tx->bbox[2] - -93.51) < 0.05, "east %f", tx->bbox[2]);
    cr_expect(fabs(tx->bbox[1] - 25.84) < 0.05, "south %f", tx->bbox[1]);
    cr_expect(fabs(tx->bbox[3] - 36.50) < 0.05, "north %f", tx->bbox[3]);
    /* Yucatán includes Arrecife Alacranes (22.4 N), assigned by
     * shapes/regenerate.sh; the mainland ends near 21.6 N. */
    const ir_feature *yuc = find(mx, "MX-YUC");
    cr_expect_gt(yuc->bbox[3], 22.5);
    cr_expect_gt(yuc->nrings, 1);
    for (size_t i = 0; i < ir_layer_count(mx); i++) {
        const ir_feature *f = ir_layer_feature(mx, i);
        cr_expect(f->bbox[0] > -118.5 && f->bbox[2] < -86.5 &&
                      f->bbox[1] > 14.3 && f->bbox[3] < 32.8,
                  "%s outside Mexico", f->code);
    }
    ir_layer_destroy(us);
    ir_layer_destroy(mx);
}

/* Reference areas from GDAL/SpatiaLite on the same files:
 *   ogrinfo -dialect SQLite -sql "SELECT ST_Area(SetSRID(geometry,4326),1)
 *     FROM \"us-states\" WHERE iso_3166_2='US-TX'" shapes/us-states.shp
 * gives 685900.156 km2 for Texas and 247816.253 km2 for Chihuahua. */
Test(layer, state_areas_match_an_independent_computation)
{
    ir_layer *us = load_ok("shapes/us-states.shp", NULL);
    ir_layer *mx = load_ok("shapes/mx-states.shp", NULL);
    double tx = area_km2(us, find(us, "US-TX"));
    double chh = area_km2(mx, find(mx, "MX-CHH"));
    cr_expect(fabs(tx / 685900.156 - 1) < 0.01, "Texas %f km2", tx);
    cr_expect(fabs(chh / 247816.253 - 1) < 0.01, "Chihuahua %f km2", chh);
    ir_layer_destroy(us);
    ir_layer_destroy(mx);
}

/* Writes the shipped Mexican states in INEGI's Lambert conformal conic
 * (EPSG:6372, metres) with an ESRI-style .prj, and loads them back. */
Test(layer, projected_crs_is_transformed_to_lonlat)
{
    ir_layer *mx = load_ok("shapes/mx-states.shp", NULL);
    const char *dir = th_tmpdir();
    const char *base = th_path(dir, "inegi");

    PJ_CONTEXT *ctx = proj_context_create();
    PJ *op0 = proj_create_crs_to_crs(ctx, "EPSG:4326", "EPSG:6372", NULL);
    PJ *op = proj_normalize_for_visualization(ctx, op0);
    cr_assert_not_null(op);
    size_t n = ir_layer_count(mx);
    const double *xy = ir_layer_points(mx);
    const size_t *rs = ir_layer_ring_starts(mx);
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "CVE_ENT", FTString, 2, 0);
    DBFAddField(dbf, "NOMGEO", FTString, 80, 0);
    for (size_t i = 0; i < n; i++) {
        const ir_feature *f = ir_layer_feature(mx, i);
        size_t first = rs[f->first_ring], last = rs[f->first_ring + f->nrings];
        int nv = (int)(last - first);
        int *starts = malloc(f->nrings * sizeof *starts);
        double *x = malloc(nv * sizeof *x), *y = malloc(nv * sizeof *y);
        for (size_t r = 0; r < f->nrings; r++)
            starts[r] = (int)(rs[f->first_ring + r] - first);
        for (int v = 0; v < nv; v++) {
            PJ_COORD c = proj_coord(xy[2 * (first + v)],
                                    xy[2 * (first + v) + 1], 0, 0);
            c = proj_trans(op, PJ_FWD, c);
            x[v] = c.xy.x;
            y[v] = c.xy.y;
        }
        SHPObject *o = SHPCreateObject(SHPT_POLYGON, -1, (int)f->nrings,
                                       starts, NULL, nv, x, y, NULL, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, (int)i, 0, "00");
        DBFWriteStringAttribute(dbf, (int)i, 1, f->name);
        free(starts), free(x), free(y);
    }
    SHPClose(shp);
    DBFClose(dbf);
    PJ *crs = proj_create(ctx, "EPSG:6372");
    const char *opts[] = { NULL };
    const char *wkt = proj_as_wkt(ctx, crs, PJ_WKT1_ESRI, opts);
    cr_assert_not_null(wkt);
    th_write_file(th_path(dir, "inegi.prj"), wkt, strlen(wkt));

    ir_layer *back = load_ok(th_path(dir, "inegi.shp"), NULL);
    cr_assert_eq(ir_layer_count(back), n);
    cr_expect_str_eq(ir_layer_name_field(back), "NOMGEO");
    cr_expect_str_eq(ir_layer_code_field(back), "CVE_ENT");
    const double *bxy = ir_layer_points(back);
    size_t npoints = rs[ir_layer_feature(mx, n - 1)->first_ring +
                        ir_layer_feature(mx, n - 1)->nrings];
    double worst = 0;
    for (size_t p = 0; p < 2 * npoints; p++)
        worst = fmax(worst, fabs(bxy[p] - xy[p]));
    cr_expect_lt(worst, 1e-7, "largest difference %g degrees", worst);
    /* The loader remembers the last lon/lat .prj: a projected one in
     * between must not disturb it, nor take it for lon/lat. */
    cr_expect(strstr(ir_layer_crs_name(back), "Mexico") != NULL ||
              strstr(ir_layer_crs_name(back), "ITRF") != NULL,
              "projected CRS named %s", ir_layer_crs_name(back));
    /* A second layer in the same CRS takes the transformation kept from
     * the first: the same points, to the bit. */
    ir_layer *twice = load_ok(th_path(dir, "inegi.shp"), NULL);
    cr_expect_str_eq(ir_layer_crs_name(twice), ir_layer_crs_name(back));
    cr_expect_eq(memcmp(ir_layer_points(twice), bxy,
                        2 * npoints * sizeof *bxy), 0);
    ir_layer_destroy(twice);
    ir_layer *again = load_ok("shapes/mx-states.shp", NULL);
    cr_expect_str_eq(ir_layer_crs_name(again), ir_layer_crs_name(mx));
    cr_expect_eq(memcmp(ir_layer_points(again), xy,
                        2 * npoints * sizeof *xy), 0);
    ir_layer_destroy(again);
    proj_destroy(crs);
    proj_destroy(op);
    proj_destroy(op0);
    proj_context_destroy(ctx);
    ir_layer_destroy(back);
    ir_layer_destroy(mx);
}

static const double square_xy[] = {
    /* outer ring, clockwise */
    -100, 20, -100, 30, -90, 30, -90, 20, -100, 20,
    /* hole, anticlockwise */
    -97, 23, -93, 23, -93, 27, -97, 27, -97, 23,
    /* second part */
    -85, 20, -85, 22, -83, 22, -83, 20, -85, 20,
};
static const int square_rings[] = { 5, 5, 5 };

static ir_layer *write_and_load(const char *codepage, const char *name,
                                const char *cpg_text, ir_error *err)
{
    const char *dir = th_tmpdir();
    const char *base = th_path(dir, "t");
    th_shape s = { 3, square_rings, square_xy };
    const char *names[] = { name };
    cr_assert_eq(th_write_polygons(base, SHPT_POLYGON, &s, 1, "NOM_ENT",
                                   names, codepage), 0);
    if (cpg_text)
        th_write_file(th_path(dir, "t.cpg"), cpg_text, strlen(cpg_text));
    return ir_layer_load(th_path(dir, "t.shp"), NULL, err);
}

Test(layer, latin1_dbf_without_cpg_is_decoded)
{
    ir_error err = { 0 };
    /* "Nuevo León" in latin1, no .cpg and no code page byte */
    ir_layer *l = write_and_load("", "Nuevo Le\xf3n", NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    cr_expect_str_eq(ir_layer_feature(l, 0)->name, "Nuevo León");
    ir_layer_destroy(l);
}

Test(layer, ldid_code_page_byte_is_honoured)
{
    ir_error err = { 0 };
    /* DBFCreate's default marks the file as ANSI (LDID 87, cp1252). */
    ir_layer *l = write_and_load("LDID/87", "Michoac\xe1n", NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    cr_expect_str_eq(ir_layer_encoding(l), "UTF-8 or CP1252");
    cr_expect_str_eq(ir_layer_feature(l, 0)->name, "Michoacán");
    ir_layer_destroy(l);
}

Test(layer, cpg_names_the_encoding)
{
    ir_error err = { 0 };
    ir_layer *l = write_and_load(NULL, "Quer\xe9taro", "88591\n", &err);
    cr_assert_not_null(l, "%s", err.message);
    cr_expect_str_eq(ir_layer_encoding(l), "ISO-8859-1");
    cr_expect_str_eq(ir_layer_feature(l, 0)->name, "Querétaro");
    ir_layer_destroy(l);
}

/* A .cpg that says UTF-8 over cp1252 text: read as cp1252, with a note
 * naming the record and field; under strict, an error naming them. */
Test(layer, a_lying_cpg_is_read_as_cp1252_with_a_note)
{
    ir_error err = { 0 };
    ir_layer *l = write_and_load(NULL, "Yucat\xe1n", "UTF-8", &err);
    cr_assert_not_null(l, "%s", err.message);
    cr_expect_str_eq(ir_layer_feature(l, 0)->name, "Yucatán");
    const char *const *notes;
    cr_assert_eq(ir_layer_notes(l, &notes), 1);
    cr_expect(strstr(notes[0], "its .cpg says UTF-8, but the text of record "
                               "1 (field NOM_ENT) is not: the layer is read "
                               "as cp1252"), "%s", notes[0]);
    ir_layer_destroy(l);
}

Test(layer, a_lying_cpg_is_an_error_when_strict)
{
    const char *dir = th_tmpdir();
    const char *base = th_path(dir, "t");
    th_shape s = { 3, square_rings, square_xy };
    const char *names[] = { "Yucat\xe1n" };
    cr_assert_eq(th_write_polygons(base, SHPT_POLYGON, &s, 1, "NOM_ENT",
                                   names, NULL), 0);
    th_write_file(th_path(dir, "t.cpg"), "UTF-8", 5);
    ir_error err = { 0 };
    ir_layer_options o = { NULL, NULL, NULL, true };
    cr_assert_null(ir_layer_load(th_path(dir, "t.shp"), &o, &err));
    cr_expect_eq(err.status, IR_EINPUT);
    cr_expect(strstr(err.message, "record 1") && strstr(err.message, "NOM_ENT")
              && strstr(err.message, "UTF-8"), "%s", err.message);
}

Test(layer, multipart_with_hole_keeps_every_ring)
{
    ir_error err = { 0 };
    ir_layer *l = write_and_load("UTF-8", "Sonora", NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    const ir_feature *f = ir_layer_feature(l, 0);
    cr_assert_eq(f->nrings, 3);
    const size_t *rs = ir_layer_ring_starts(l);
    cr_expect_eq(rs[f->first_ring + 1] - rs[f->first_ring], 5);
    cr_expect_eq(ir_layer_points(l)[2 * rs[f->first_ring + 1]], -97);
    cr_expect_eq(f->bbox[0], -100);
    cr_expect_eq(f->bbox[2], -83);
    /* Signed planar area: the clockwise outer rings count negative, the
     * anticlockwise hole positive: -(100 - 16 + 4). */
    const double *xy = ir_layer_points(l);
    double area = 0;
    for (size_t r = f->first_ring; r < f->first_ring + f->nrings; r++)
        for (size_t i = rs[r]; i + 1 < rs[r + 1]; i++)
            area += (xy[2 * i] * xy[2 * i + 3] - xy[2 * i + 2] * xy[2 * i + 1]) / 2;
    cr_expect(fabs(area - -88) < 1e-9, "area %g", area);
    ir_layer_destroy(l);
}

static void load_type(int type)
{
    const char *dir = th_tmpdir();
    th_shape s = { 3, square_rings, square_xy };
    const char *names[] = { "Sonora" };
    cr_assert_eq(th_write_polygons(th_path(dir, "z"), type, &s, 1, "name",
                                   names, "UTF-8"), 0);
    ir_error err = { 0 };
    ir_layer *l = ir_layer_load(th_path(dir, "z.shp"), NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    cr_expect_eq(ir_layer_feature(l, 0)->nrings, 3);
    cr_expect_eq(ir_layer_points(l)[1], 20);
    ir_layer_destroy(l);
}

Test(layer, polygonz_loads) { load_type(SHPT_POLYGONZ); }
Test(layer, polygonm_loads) { load_type(SHPT_POLYGONM); }

static void expect_error(const char *path, const char *fragment)
{
    ir_error err = { 0 };
    ir_layer *l = ir_layer_load(path, NULL, &err);
    cr_assert_null(l, "loading %s should fail", path);
    cr_expect_eq(err.status, IR_EINPUT);
    cr_expect(strstr(err.message, fragment) != NULL,
              "message '%s' lacks '%s'", err.message, fragment);
    char stem[512];
    snprintf(stem, sizeof stem, "%s", path);
    char *dot = strrchr(stem, '.');
    if (dot)
        *dot = '\0';
    cr_expect(strstr(err.message, stem) != NULL,
              "message '%s' does not name %s", err.message, stem);
}

static const char *copy_shipped(const char *name, const char *skip_ext)
{
    const char *dir = th_tmpdir();
    static const char *const exts[] = { "shp", "shx", "dbf", "prj", "cpg" };
    for (int i = 0; i < 5; i++) {
        if (skip_ext && strcmp(exts[i], skip_ext) == 0)
            continue;
        char from[256], to[256];
        snprintf(from, sizeof from, "shapes/%s.%s", name, exts[i]);
        snprintf(to, sizeof to, "%s/%s.%s", dir, name, exts[i]);
        cr_assert_eq(th_copy_file(from, to), 0, "copy %s", from);
    }
    static char shp[256];
    snprintf(shp, sizeof shp, "%s/%s.shp", dir, name);
    return shp;
}

Test(layer, missing_shx_is_an_error)
{
    expect_error(copy_shipped("mx-states", "shx"), "missing");
}

Test(layer, missing_dbf_is_an_error)
{
    expect_error(copy_shipped("mx-states", "dbf"), ".dbf");
}

Test(layer, missing_file_is_an_error)
{
    expect_error("shapes/no-such-file.shp", "not found");
}

Test(layer, truncated_shp_is_an_error)
{
    const char *shp = copy_shipped("mx-states", NULL);
    size_t n;
    char *data = th_read_file(shp, &n);
    th_write_file(shp, data, n / 2);
    free(data);
    expect_error(shp, "truncated");
}

Test(layer, truncated_header_is_an_error)
{
    const char *shp = copy_shipped("mx-states", NULL);
    th_write_file(shp, "\0\0\x27\x0a", 4);
    expect_error(shp, "too short");
}

Test(layer, unsupported_shape_type_is_an_error)
{
    const char *dir = th_tmpdir();
    SHPHandle shp = SHPCreate(th_path(dir, "pts"), SHPT_POINT);
    DBFHandle dbf = DBFCreate(th_path(dir, "pts"));
    DBFAddField(dbf, "name", FTString, 10, 0);
    double x = -100, y = 30;
    SHPObject *o = SHPCreateSimpleObject(SHPT_POINT, 1, &x, &y, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    DBFWriteStringAttribute(dbf, 0, 0, "Texas");
    SHPClose(shp);
    DBFClose(dbf);
    expect_error(th_path(dir, "pts.shp"), "not supported");
}

/* A record whose part table points past its vertices: the part start of
 * the second ring is overwritten in the file with a huge index. */
Test(layer, part_index_out_of_range_is_an_error)
{
    const char *dir = th_tmpdir();
    th_shape s = { 3, square_rings, square_xy };
    const char *names[] = { "Sonora" };
    th_write_polygons(th_path(dir, "bad"), SHPT_POLYGON, &s, 1, "name", names,
                      "UTF-8");
    size_t n;
    char *d = th_read_file(th_path(dir, "bad.shp"), &n);
    /* 100-byte header, 8-byte record header, then type(4) bbox(32)
     * nparts(4) npoints(4): part starts begin at 100 + 8 + 44. */
    size_t part1 = 100 + 8 + 44 + 4;
    d[part1] = 0x40, d[part1 + 1] = 0x42, d[part1 + 2] = 0x0f, d[part1 + 3] = 0;
    th_write_file(th_path(dir, "bad.shp"), d, n);
    free(d);
    ir_error err = { 0 };
    ir_layer *l = ir_layer_load(th_path(dir, "bad.shp"), NULL, &err);
    cr_assert_null(l);
    cr_expect_eq(err.status, IR_EINPUT);
    cr_expect(strstr(err.message, "record 1") != NULL, "%s", err.message);
}

Test(layer, dbf_with_fewer_records_is_an_error)
{
    const char *dir = th_tmpdir();
    th_shape s[2] = { { 3, square_rings, square_xy },
                      { 3, square_rings, square_xy } };
    const char *names[] = { "Sonora", "Sinaloa" };
    th_write_polygons(th_path(dir, "two"), SHPT_POLYGON, s, 2, "name", names,
                      "UTF-8");
    th_write_polygons(th_path(dir, "one"), SHPT_POLYGON, s, 1, "name", names,
                      "UTF-8");
    th_copy_file(th_path(dir, "one.dbf"), th_path(dir, "two.dbf"));
    expect_error(th_path(dir, "two.shp"), "records");
}

Test(layer, named_field_must_exist)
{
    ir_layer_options opt = { .name_field = "NO_SUCH" };
    ir_error err = { 0 };
    cr_assert_null(ir_layer_load("shapes/us-states.shp", &opt, &err));
    cr_expect(strstr(err.message, "NO_SUCH") != NULL, "%s", err.message);
}

Test(layer, unknown_crs_in_prj_is_an_error)
{
    const char *shp = copy_shipped("mx-states", NULL);
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "mx-states.prj"), "PROJCS[nonsense", 15);
    expect_error(shp, "CRS");
}

/* The shipped files are the ones shapes/README.md documents. */
Test(layer, shipped_files_match_recorded_checksums)
{
    cr_expect_eq(th_run("cd shapes && sha256sum --quiet -c SHA256SUMS", NULL),
                 0, "shapes/ differs from shapes/SHA256SUMS");
    char *sums = th_read_file("shapes/SHA256SUMS", NULL);
    char *readme = th_read_file("shapes/README.md", NULL);
    cr_assert(sums && readme);
    int lines = 0;
    for (char *line = strtok(sums, "\n"); line; line = strtok(NULL, "\n")) {
        char hash[65];
        memcpy(hash, line, 64);
        hash[64] = '\0';
        cr_expect(strstr(readme, hash) != NULL, "README lacks %s", line);
        lines++;
    }
    cr_expect_eq(lines, 20);
    free(sums);
    free(readme);
}

Test(layer, shipped_lakes_include_the_great_lakes)
{
    ir_layer *lakes = load_ok("shapes/lakes.shp", NULL);
    cr_expect_eq(ir_layer_count(lakes), 100);
    /* Some lake ring must contain Lake Michigan's middle (87.0 W, 43.5 N)
     * in its bounding box, and one Lake Chapala's (103.0 W, 20.2 N). */
    int michigan = 0, chapala = 0;
    for (size_t i = 0; i < ir_layer_count(lakes); i++) {
        const double *b = ir_layer_feature(lakes, i)->bbox;
        michigan |= b[0] < -87.0 && b[2] > -87.0 && b[1] < 43.5 && b[3] > 43.5;
        chapala |= b[0] < -103.0 && b[2] > -103.0 && b[1] < 20.2 && b[3] > 20.2;
    }
    cr_expect(michigan, "no Lake Michigan");
    cr_expect(chapala, "no Lake Chapala");
    ir_layer_destroy(lakes);
}

/* Damaged files of every kind: bytes of the .shp, .shx and .dbf of a real
 * shapefile overwritten at seeded random places.  Each must load or fail
 * with a message; a crash fails the test (criterion runs it in a child). */
Test(layer, corrupted_files_never_crash)
{
    static const char *const exts[] = { "shp", "shx", "dbf" };
    const char *dir = th_tmpdir();
    unsigned seed = 12345;
    int loaded = 0, rejected = 0;
    for (int round = 0; round < 240; round++) {
        const char *ext = exts[round % 3];
        const char *shp = copy_shipped("mx-states", NULL);
        char victim[512];
        snprintf(victim, sizeof victim, "%s/mx-states.%s", dir, ext);
        size_t n;
        unsigned char *d = (unsigned char *)th_read_file(victim, &n);
        cr_assert_not_null(d);
        int hits = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 8;
        for (int h = 0; h < hits; h++) {
            seed = seed * 1103515245u + 12345u;
            /* Headers and part tables are where damage hurts: aim at the
             * first 200 bytes half of the time. */
            size_t at = (seed >> 8) % (round % 2 ? n : (n < 200 ? n : 200));
            seed = seed * 1103515245u + 12345u;
            d[at] = (unsigned char)(seed >> 16);
        }
        th_write_file(victim, d, n);
        free(d);
        ir_error err = { 0 };
        ir_layer *l = ir_layer_load(shp, NULL, &err);
        if (l) {
            loaded++;
            ir_layer_destroy(l);
        } else {
            rejected++;
            cr_expect(err.message[0] != '\0', "failure without a message");
        }
    }
    cr_expect_gt(rejected, 0);
    cr_log_info("corrupted files: %d loaded, %d rejected", loaded, rejected);
}

Test(layer, truncated_dbf_is_an_error)
{
    const char *shp = copy_shipped("mx-states", NULL);
    const char *dir = th_tmpdir();
    size_t n;
    char *d = th_read_file(th_path(dir, "mx-states.dbf"), &n);
    th_write_file(th_path(dir, "mx-states.dbf"), d, n / 2);
    free(d);
    ir_error err = { 0 };
    cr_assert_null(ir_layer_load(shp, NULL, &err));
    cr_expect(strstr(err.message, "mx-states.dbf") != NULL, "%s", err.message);
    cr_expect(strstr(err.message, "truncated") != NULL, "%s", err.message);
}

Test(layer, nan_vertex_is_an_error)
{
    const char *dir = th_tmpdir();
    double xy[10] = { -100, 20, -100, 30, NAN, 30, -90, 20, -100, 20 };
    int len[1] = { 5 };
    th_shape s = { 1, len, xy };
    const char *names[] = { "Sonora" };
    th_write_polygons(th_path(dir, "nan"), SHPT_POLYGON, &s, 1, "name", names,
                      "UTF-8");
    expect_error(th_path(dir, "nan.shp"), "not a number");
}

Test(layer, projected_coordinates_without_prj_are_an_error)
{
    const char *dir = th_tmpdir();
    double xy[8] = { 2e6, 1e6, 2e6, 1.1e6, 2.1e6, 1.1e6, 2e6, 1e6 };
    int len[1] = { 4 };
    th_shape s = { 1, len, xy };
    const char *names[] = { "Sonora" };
    th_write_polygons(th_path(dir, "lcc"), SHPT_POLYGON, &s, 1, "name", names,
                      "UTF-8");
    expect_error(th_path(dir, "lcc.shp"), ".prj");
}

Test(layer, degenerate_rings_are_dropped)
{
    const char *dir = th_tmpdir();
    double xy[14] = { -100, 20, -100, 30, -90, 30, -100, 20,  /* triangle */
                      -95, 25, -94, 25, -95, 25 };           /* degenerate */
    int len[2] = { 4, 2 };
    th_shape s = { 2, len, xy };
    const char *names[] = { "Sonora" };
    th_write_polygons(th_path(dir, "deg"), SHPT_POLYGON, &s, 1, "name", names,
                      "UTF-8");
    ir_error err = { 0 };
    ir_layer *l = ir_layer_load(th_path(dir, "deg.shp"), NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    cr_expect_eq(ir_layer_feature(l, 0)->nrings, 1);
    ir_layer_destroy(l);
}

Test(layer, ldid_dos_code_page_is_decoded)
{
    ir_error err = { 0 };
    /* LDID 1 is DOS code page 437, where 0x82 is é. */
    ir_layer *l = write_and_load("LDID/1", "Quer\x82taro", NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    cr_expect_str_eq(ir_layer_feature(l, 0)->name, "Querétaro");
    ir_layer_destroy(l);
}

Test(layer, utf8_text_under_the_default_ldid_is_kept)
{
    ir_error err = { 0 };
    /* DBFCreate marks files ANSI even when the text written is UTF-8. */
    ir_layer *l = write_and_load("LDID/87", "Nuevo León", NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    cr_expect_str_eq(ir_layer_feature(l, 0)->name, "Nuevo León");
    ir_layer_destroy(l);
}

Test(layer, cpg_spellings_of_common_code_pages)
{
    static const char *const spellings[] = { "ANSI 1252", "8859_1", "8859-1",
                                             "ISO-8859-1", "1252", "CP1252",
                                             "latin1" };
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        ir_error err = { 0 };
        ir_layer *l = write_and_load(NULL, "Yucat\xe1n", spellings[i], &err);
        cr_assert_not_null(l, "%s: %s", spellings[i], err.message);
        cr_expect_str_eq(ir_layer_feature(l, 0)->name, "Yucatán", "%s",
                         spellings[i]);
        ir_layer_destroy(l);
    }
    ir_error err = { 0 };
    ir_layer *l = write_and_load(NULL, "x", "NO-SUCH-CODEPAGE", &err);
    cr_expect_null(l);
    cr_expect(strstr(err.message, "NO-SUCH-CODEPAGE") != NULL, "%s",
              err.message);
}

Test(layer, extension_case_does_not_matter)
{
    const char *dir = th_tmpdir();
    th_copy_file("shapes/mx-states.shp", th_path(dir, "Mx.Shp"));
    th_copy_file("shapes/mx-states.shx", th_path(dir, "Mx.SHX"));
    th_copy_file("shapes/mx-states.dbf", th_path(dir, "Mx.dbf"));
    th_copy_file("shapes/mx-states.prj", th_path(dir, "Mx.PRJ"));
    th_copy_file("shapes/mx-states.cpg", th_path(dir, "Mx.cpg"));
    ir_layer *l = load_ok(th_path(dir, "Mx.Shp"), NULL);
    cr_expect_eq(ir_layer_count(l), 32);
    ir_layer_destroy(l);
}

/* Records a zero-filled or overwritten file still opens with: a Null
 * shape, a part of nothing but (0, 0), a record whose bounding box does
 * not hold its points.  They are left out with one note per kind naming
 * the records and their names, the rest is read; strict refuses. */
Test(layer, damaged_records_are_left_out_with_a_note_each)
{
    const char *path = th_write_damaged_layer(th_tmpdir());
    ir_error err = { 0 };
    ir_layer *l = ir_layer_load(path, NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    cr_expect_eq(ir_layer_feature(l, 0)->nrings, 1);
    cr_expect_eq(ir_layer_feature(l, 1)->nrings, 0);
    cr_expect_eq(ir_layer_feature(l, 2)->nrings, 1);
    cr_expect_eq(ir_layer_feature(l, 3)->nrings, 0);
    const char *const *notes;
    cr_assert_eq(ir_layer_notes(l, &notes), 3);
    cr_expect(strstr(notes[0], "1 record has a Null shape") &&
              strstr(notes[0], "record 2 (Chihuahua)"), "%s", notes[0]);
    cr_expect(strstr(notes[1], "every vertex is at (0, 0)") &&
              strstr(notes[1], "record 3 (Coahuila)"), "%s", notes[1]);
    cr_expect(strstr(notes[2], "bounding box") &&
              strstr(notes[2], "record 4 (Durango)"), "%s", notes[2]);
    ir_layer_destroy(l);
    ir_layer_options strict = { NULL, NULL, NULL, true };
    cr_expect_null(ir_layer_load(path, &strict, &err));
    cr_expect(strstr(err.message, "Null shape") &&
              strstr(err.message, "(--strict)"), "%s", err.message);
}

/* An empty .prj names no CRS: lon/lat coordinates are read as such, with
 * a note; others are refused, saying what to do. */
Test(layer, an_empty_prj_is_no_crs)
{
    const char *dir = th_tmpdir();
    th_shape s = { 3, square_rings, square_xy };
    const char *names[] = { "Sonora" };
    cr_assert_eq(th_write_polygons(th_path(dir, "t"), SHPT_POLYGON, &s, 1,
                                   "NOM_ENT", names, "UTF-8"), 0);
    th_write_file(th_path(dir, "t.prj"), " \n", 2);
    ir_error err = { 0 };
    ir_layer *l = ir_layer_load(th_path(dir, "t.shp"), NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    const char *const *notes;
    cr_assert_eq(ir_layer_notes(l, &notes), 1);
    cr_expect(strstr(notes[0], "its .prj is empty"), "%s", notes[0]);
    ir_layer_destroy(l);
    double far[30];
    for (int i = 0; i < 30; i++)
        far[i] = square_xy[i] * 10000;
    th_shape f = { 3, square_rings, far };
    cr_assert_eq(th_write_polygons(th_path(dir, "p"), SHPT_POLYGON, &f, 1,
                                   "NOM_ENT", names, "UTF-8"), 0);
    th_write_file(th_path(dir, "p.prj"), "", 0);
    cr_expect_null(ir_layer_load(th_path(dir, "p.shp"), NULL, &err));
    cr_expect(strstr(err.message, "p.prj") &&
              strstr(err.message, "the .prj is empty and the coordinates are "
                                  "not longitude/latitude"), "%s", err.message);
}

/* Found by fuzz_layer: a projected layer of nothing but Null shapes had
 * no ring table, and the check of its transformed points read through a
 * null pointer. */
Test(layer, a_projected_layer_of_null_shapes_only)
{
    const char *dir = th_tmpdir();
    static const int none[] = { 5 };
    const th_shape s[] = { { 0, none, square_xy }, { 0, none, square_xy } };
    const char *names[] = { "Sonora", "Chihuahua" };
    cr_assert_eq(th_write_polygons(th_path(dir, "n"), SHPT_POLYGON, s, 2,
                                   "NOM_ENT", names, "UTF-8"), 0);
    static const char utm[] = "+proj=utm +zone=12 +datum=WGS84 +units=m "
                              "+type=crs";
    th_write_file(th_path(dir, "n.prj"), utm, strlen(utm));
    ir_error err = { 0 };
    ir_layer *l = ir_layer_load(th_path(dir, "n.shp"), NULL, &err);
    cr_assert_not_null(l, "%s", err.message);
    cr_expect_eq(ir_layer_feature(l, 0)->nrings, 0);
    const char *const *notes;
    cr_expect_eq(ir_layer_notes(l, &notes), 1);
    ir_layer_destroy(l);
}

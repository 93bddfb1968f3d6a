/*
 * layer: the load stage for boundaries.  See layer.h for the contract.
 *
 * shapelib does the file format; this module adds what shapelib leaves to
 * its caller: checking that the three files exist and agree, validating
 * every record before trusting its part table, decoding DBF text, and
 * reprojecting to lon/lat with PROJ.  shapelib reports its own problems
 * through an error hook without user data, so the hook writes into a
 * thread-local buffer that the loader folds into its ir_error.
 */
#include "layer.h"

#include <errno.h>
#include <math.h>
#include <proj.h>
#include <pthread.h>
#include <shapefil.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <sys/stat.h>

#include "base/bbox.h"
#include "base/grow.h"
#include "textenc.h"

struct ir_layer {
    char *path;
    char *name_field, *code_field;
    char encoding[32];
    char crs_name[128];
    ir_feature *features;
    char **texts;        /* 2 per feature: name, code */
    size_t count;
    double *xy;
    size_t npoints, points_cap;
    size_t *ring_start;
    size_t nrings, rings_cap;
};

/* Field names that commonly hold a state's name or code, in order of
 * preference: our own shapes, Natural Earth, U.S. Census TIGER/cartographic
 * boundary files, INEGI's Marco Geoestadístico, GADM. */
static const char *const name_fields[] = {
    "name", "NOMGEO", "NOM_ENT", "NOMBRE", "NAME_1", "STATE_NAME", "ESTADO",
    "ENTIDAD", "NAME_EN", "STATE", "ADMIN", NULL
};
static const char *const code_fields[] = {
    "iso_3166_2", "ISO3166_2", "HASC_1", "STUSPS", "STUSAB", "STATE_ABBR",
    "postal", "CVE_ENT", "CVEGEO", "CVE_EDO", "STATEFP", "STATE_FIPS",
    "GEOID", "iso_a2", "ISO_A2", "code", NULL
};

static _Thread_local char shapelib_message[512];

static void capture_shapelib_error(const char *message)
{
    snprintf(shapelib_message, sizeof shapelib_message, "%s", message);
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Copies that travel through other systems come as "Foo.SHP" or
 * "Foo.Shp": the extension is matched in any case.  Returns a new string
 * naming the file that exists, or NULL. */
static char *find_any_case(const char *path)
{
    char *p = strdup(path);
    if (p == NULL || file_exists(p))
        return p;
    char *slash = strrchr(p, '/');
    char *name = slash ? slash + 1 : p;
    char *dot = strrchr(name, '.');
    if (dot == NULL) {
        free(p);
        return NULL;
    }
    size_t stem = (size_t)(dot - name);
    if (slash)
        *slash = '\0';
    DIR *d = opendir(slash ? (p[0] ? p : "/") : ".");
    if (slash)
        *slash = '/';
    bool found = false;
    for (struct dirent *e; d && !found && (e = readdir(d)) != NULL;)
        if (strncmp(e->d_name, name, stem) == 0 && e->d_name[stem] == '.' &&
            strcasecmp(e->d_name + stem + 1, dot + 1) == 0 &&
            strlen(e->d_name) == strlen(name)) {
            memcpy(name, e->d_name, strlen(name));
            found = file_exists(p);
        }
    if (d)
        closedir(d);
    if (!found) {
        free(p);
        return NULL;
    }
    return p;
}

static char *sibling(const char *base, const char *ext)
{
    size_t n = strlen(base) + strlen(ext) + 2;
    char *p = malloc(n);
    if (p == NULL)
        return NULL;
    snprintf(p, n, "%s.%s", base, ext);
    char *found = find_any_case(p);
    free(p);
    return found;
}

/* shapelib's file-open hook, so that shapelib too finds "Foo.Shx". */
static SAFile open_any_case(const char *filename, const char *access)
{
    FILE *fp = fopen(filename, access);
    if (fp == NULL && errno == ENOENT) {
        char *real = find_any_case(filename);
        if (real != NULL)
            fp = fopen(real, access);
        free(real);
    }
    return (SAFile)fp;
}

static char *read_small_file(const char *path, size_t max)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    char *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max, fp) : 0;
    fclose(fp);
    if (buf)
        buf[n] = '\0';
    return buf;
}

static int pick_field(DBFHandle dbf, const char *wanted,
                      const char *const *candidates, char **chosen,
                      const char *path, const char *what, ir_error *err)
{
    *chosen = NULL;
    if (wanted != NULL) {
        if (DBFGetFieldIndex(dbf, wanted) < 0) {
            /* Say which fields there are: the user is guessing a name. */
            char list[512] = "";
            size_t len = 0;
            for (int i = 0; i < DBFGetFieldCount(dbf) && len < sizeof list; i++) {
                char fname[XBASE_FLDNAME_LEN_READ + 1];
                DBFGetFieldInfo(dbf, i, fname, NULL, NULL);
                len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
                                        i ? ", " : "", fname);
            }
            return ir_error_set(err, IR_EINPUT, path, -1, wanted,
                                "no such %s field in the DBF (its fields: "
                                "%s)", what, *list ? list : "none");
        }
        *chosen = strdup(wanted);
        return *chosen ? 0 : IR_EINTERNAL;
    }
    for (size_t i = 0; candidates[i]; i++) {
        int idx = DBFGetFieldIndex(dbf, candidates[i]);
        if (idx >= 0) {
            char fname[XBASE_FLDNAME_LEN_READ + 1];
            DBFGetFieldInfo(dbf, idx, fname, NULL, NULL);
            *chosen = strdup(fname);
            return *chosen ? 0 : IR_EINTERNAL;
        }
    }
    return 0;
}

/* DBFGetCodePage gives the .cpg text, or "LDID/n" from the DBF header.
 * The language driver byte is only a weak hint: shapelib and other tools
 * write 87 (ANSI) by default whatever the text is, and UTF-8 text in such
 * files is common, so it only chooses the fallback for text that is not
 * valid UTF-8.  A .cpg file, written on purpose, is obeyed. */
static ir_textenc *open_encoding(DBFHandle dbf, const char *forced)
{
    if (forced != NULL)
        return ir_textenc_create(forced);
    const char *cp = DBFGetCodePage(dbf);
    if (cp == NULL)
        return ir_textenc_create_auto("CP1252");
    if (strncmp(cp, "LDID/", 5) == 0) {
        switch (atoi(cp + 5)) {
        case 0x01: return ir_textenc_create_auto("CP437");
        case 0x02: return ir_textenc_create_auto("CP850");
        case 0x64: return ir_textenc_create_auto("CP852");
        case 0xC8: return ir_textenc_create_auto("CP1250");
        case 0xC9: return ir_textenc_create_auto("CP1251");
        default:   return ir_textenc_create_auto("CP1252");
        }
    }
    return ir_textenc_create(cp);
}

static int read_texts(ir_layer *l, DBFHandle dbf, ir_textenc *enc,
                      ir_error *err)
{
    const char *fields[2] = { l->name_field, l->code_field };
    for (size_t r = 0; r < l->count; r++) {
        for (int k = 0; k < 2; k++) {
            const char *raw = "";
            if (fields[k] != NULL) {
                /* Read before asking about NULL: shapelib calls a record
                 * it cannot read NULL, which would hide a truncated DBF. */
                int idx = DBFGetFieldIndex(dbf, fields[k]);
                raw = DBFReadStringAttribute(dbf, (int)r, idx);
                if (raw == NULL)
                    return ir_error_set(err, IR_EINPUT, l->path, (long)r + 1,
                                        fields[k], "cannot read DBF value%s%s",
                                        shapelib_message[0] ? ": " : "",
                                        shapelib_message);
            }
            char *text = ir_textenc_decode(enc, raw, strlen(raw));
            if (text == NULL)
                return ir_error_set(err, IR_EINPUT, l->path, (long)r + 1,
                                    fields[k], "text is not valid %s",
                                    ir_textenc_name(enc));
            l->texts[2 * r + k] = text;
        }
        l->features[r].name = l->texts[2 * r];
        l->features[r].code = l->texts[2 * r + 1];
    }
    return 0;
}

/* Copies one record's rings after checking its part table. */
static int add_shape(ir_layer *l, size_t r, const SHPObject *obj,
                     ir_error *err)
{
    ir_feature *f = &l->features[r];
    f->first_ring = l->nrings;
    f->nrings = 0;
    if (obj->nSHPType == SHPT_NULL || obj->nVertices == 0)
        return 0;
    if (obj->nParts < 1 || obj->panPartStart[0] != 0)
        return ir_error_set(err, IR_EINPUT, l->path, (long)r + 1, NULL,
                            "polygon has no valid first part");
    for (int p = 0; p < obj->nParts; p++) {
        int start = obj->panPartStart[p];
        int end = p + 1 < obj->nParts ? obj->panPartStart[p + 1]
                                      : obj->nVertices;
        if (start < 0 || start >= obj->nVertices || end <= start ||
            end > obj->nVertices)
            return ir_error_set(err, IR_EINPUT, l->path, (long)r + 1, NULL,
                                "part %d starts at vertex %d, outside 0..%d",
                                p, start, obj->nVertices - 1);
        if (end - start < 3)
            continue; /* a degenerate ring encloses nothing */
        if (ir_grow((void **)&l->ring_start, &l->rings_cap, l->nrings + 2,
                 sizeof *l->ring_start) ||
            ir_grow((void **)&l->xy, &l->points_cap,
                 2 * (l->npoints + (size_t)(end - start)), sizeof *l->xy))
            return ir_error_set(err, IR_EINTERNAL, l->path, (long)r + 1,
                                NULL, "out of memory");
        l->ring_start[l->nrings++] = l->npoints;
        for (int v = start; v < end; v++) {
            double x = obj->padfX[v], y = obj->padfY[v];
            if (!isfinite(x) || !isfinite(y))
                return ir_error_set(err, IR_EINPUT, l->path, (long)r + 1,
                                    NULL, "vertex %d is not a number", v);
            l->xy[2 * l->npoints] = x;
            l->xy[2 * l->npoints + 1] = y;
            l->npoints++;
        }
        l->ring_start[l->nrings] = l->npoints;
        f->nrings++;
    }
    return 0;
}

/* PROJ takes milliseconds to read a .prj (it looks its names up in its
 * database), and a figure loads four shapefiles that mostly share one: the
 * last text PROJ found to be lon/lat WGS 84 is remembered, with its name.
 * Layers load on one thread today; the lock keeps it safe if they ever
 * load on two. */
static pthread_mutex_t lonlat_lock = PTHREAD_MUTEX_INITIALIZER;
static char *lonlat_wkt;
static char lonlat_name[128];

static bool known_lonlat(const char *wkt, char *name, size_t size)
{
    pthread_mutex_lock(&lonlat_lock);
    bool known = lonlat_wkt && strcmp(lonlat_wkt, wkt) == 0;
    if (known)
        snprintf(name, size, "%s", lonlat_name);
    pthread_mutex_unlock(&lonlat_lock);
    return known;
}

static void remember_lonlat(const char *wkt, const char *name)
{
    char *copy = strdup(wkt);
    pthread_mutex_lock(&lonlat_lock);
    if (copy) {
        free(lonlat_wkt);
        lonlat_wkt = copy;
        snprintf(lonlat_name, sizeof lonlat_name, "%s", name);
    }
    pthread_mutex_unlock(&lonlat_lock);
}

/* Transforms every point from the .prj CRS to lon/lat WGS 84.  Without a
 * .prj, coordinates inside the lon/lat range are taken as lon/lat. */
static int to_lonlat(ir_layer *l, const char *prj_path, ir_error *err)
{
    if (prj_path == NULL) {
        for (size_t i = 0; i < l->npoints; i++)
            if (fabs(l->xy[2 * i]) > 180 || fabs(l->xy[2 * i + 1]) > 90)
                return ir_error_set(err, IR_EINPUT, l->path, -1, NULL,
                                    "no .prj file and the coordinates are "
                                    "not longitude/latitude; add the .prj");
        snprintf(l->crs_name, sizeof l->crs_name, "lon/lat (no .prj)");
        return 0;
    }
    char *wkt = read_small_file(prj_path, 64 * 1024);
    if (wkt == NULL)
        return ir_error_set(err, IR_EINPUT, prj_path, -1, NULL,
                            "cannot read: %s", strerror(errno));
    if (known_lonlat(wkt, l->crs_name, sizeof l->crs_name)) {
        free(wkt); /* shapefiles store lon, lat whatever the CRS says */
        return 0;
    }
    PJ_CONTEXT *ctx = proj_context_create();
    if (ctx == NULL) {
        free(wkt);
        return ir_error_set(err, IR_EINTERNAL, prj_path, -1, NULL,
                            "PROJ could not start");
    }
    proj_log_level(ctx, PJ_LOG_NONE);
    PJ *src = proj_create(ctx, wkt);
    PJ *dst = proj_create(ctx, "EPSG:4326");
    PJ *op = NULL, *norm = NULL;
    int rc = 0;
    if (src == NULL) {
        rc = ir_error_set(err, IR_EINPUT, prj_path, -1, NULL,
                          "PROJ cannot read this CRS: %s",
                          proj_context_errno_string(ctx,
                                                    proj_context_errno(ctx)));
        goto done;
    }
    snprintf(l->crs_name, sizeof l->crs_name, "%s", proj_get_name(src));
    if (proj_is_equivalent_to_with_ctx(
            ctx, src, dst, PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS)) {
        remember_lonlat(wkt, l->crs_name);
        goto done; /* shapefiles store lon, lat whatever the CRS says */
    }
    op = proj_create_crs_to_crs_from_pj(ctx, src, dst, NULL, NULL);
    norm = op ? proj_normalize_for_visualization(ctx, op) : NULL;
    if (norm == NULL) {
        rc = ir_error_set(err, IR_EINPUT, prj_path, -1, NULL,
                          "no transformation from %s to WGS 84",
                          proj_get_name(src));
        goto done;
    }
    size_t n = l->npoints;
    if (n > 0 && proj_trans_generic(norm, PJ_FWD, l->xy, 2 * sizeof(double),
                                    n, l->xy + 1, 2 * sizeof(double), n,
                                    NULL, 0, 0, NULL, 0, 0) != n) {
        rc = ir_error_set(err, IR_EINPUT, prj_path, -1, NULL,
                          "coordinates cannot be transformed");
        goto done;
    }
    for (size_t f = 0; f < l->count; f++) {
        const ir_feature *ft = &l->features[f];
        size_t from = l->ring_start[ft->first_ring];
        size_t to = l->ring_start[ft->first_ring + ft->nrings];
        for (size_t i = from; i < to; i++)
            if (!isfinite(l->xy[2 * i]) || fabs(l->xy[2 * i]) > 360 ||
                !isfinite(l->xy[2 * i + 1]) || fabs(l->xy[2 * i + 1]) > 90) {
                rc = ir_error_set(err, IR_EINPUT, l->path, (long)f + 1, NULL,
                                  "vertex %zu lies outside the area where "
                                  "%s can be converted to longitude and "
                                  "latitude", i - from, l->crs_name);
                goto done;
            }
    }
done:
    free(wkt);
    proj_destroy(norm);
    proj_destroy(op);
    proj_destroy(dst);
    proj_destroy(src);
    proj_context_destroy(ctx);
    return rc;
}

static void compute_bboxes(ir_layer *l)
{
    for (size_t i = 0; i < l->count; i++) {
        ir_feature *f = &l->features[i];
        size_t from = l->ring_start[f->first_ring];
        size_t to = l->ring_start[f->first_ring + f->nrings];
        ir_bbox_empty(f->bbox);
        ir_bbox_add_points(f->bbox, l->xy + 2 * from, to - from);
    }
}

/* Compares the .shp header's file length with the file on disk, so that a
 * truncated file is reported as such rather than as a bad record. */
static int check_length(const char *shp_path, ir_error *err)
{
    unsigned char h[28];
    struct stat st;
    FILE *fp = fopen(shp_path, "rb");
    if (fp == NULL)
        return ir_error_set(err, IR_EINPUT, shp_path, -1, NULL,
                            "cannot open: %s", strerror(errno));
    size_t n = fread(h, 1, sizeof h, fp);
    int ok = fstat(fileno(fp), &st) == 0;
    fclose(fp);
    if (n < sizeof h || !ok)
        return ir_error_set(err, IR_EINPUT, shp_path, -1, NULL,
                            "too short to be a shapefile (%zu bytes)", n);
    unsigned long words = (unsigned long)h[24] << 24 | h[25] << 16 |
                          h[26] << 8 | h[27];
    if (h[0] != 0 || h[1] != 0 || h[2] != 0x27 || h[3] != 0x0a)
        return ir_error_set(err, IR_EINPUT, shp_path, -1, NULL,
                            "not a shapefile (bad file code)");
    if ((unsigned long long)st.st_size < 2ULL * words)
        return ir_error_set(err, IR_EINPUT, shp_path, -1, NULL,
                            "truncated: the header says %llu bytes, the file "
                            "has %lld",
                            2ULL * words, (long long)st.st_size);
    return 0;
}

/* The DBF header promises header + records x record length bytes. */
static int check_dbf_length(DBFHandle dbf, const char *path, ir_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot stat: %s",
                            strerror(errno));
    unsigned long long need = (unsigned long long)dbf->nHeaderLength +
                              (unsigned long long)dbf->nRecords *
                                  (unsigned long long)dbf->nRecordLength;
    if ((unsigned long long)st.st_size < need)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL,
                            "truncated: the header says %d records of %d "
                            "bytes (%llu bytes), the file has %lld",
                            dbf->nRecords, dbf->nRecordLength, need,
                            (long long)st.st_size);
    return 0;
}

static char *base_name(const char *path)
{
    char *base = strdup(path);
    if (base == NULL)
        return NULL;
    size_t n = strlen(base);
    if (n > 4 && strcasecmp(base + n - 4, ".shp") == 0)
        base[n - 4] = '\0';
    return base;
}

ir_layer *ir_layer_load(const char *path, const ir_layer_options *opt,
                        ir_error *err)
{
    static const ir_layer_options defaults = { 0 };
    if (opt == NULL)
        opt = &defaults;
    char *base = base_name(path);
    char *shp = base ? sibling(base, "shp") : NULL;
    char *shx = base ? sibling(base, "shx") : NULL;
    char *dbf_path = base ? sibling(base, "dbf") : NULL;
    char *prj = base ? sibling(base, "prj") : NULL;
    ir_layer *l = calloc(1, sizeof *l);
    SHPHandle shph = NULL;
    DBFHandle dbf = NULL;
    ir_textenc *enc = NULL;
    int rc = 0;
    shapelib_message[0] = '\0';

    if (l == NULL || base == NULL || (l->path = strdup(path)) == NULL) {
        rc = ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        goto done;
    }
    if (shp == NULL) {
        rc = ir_error_set(err, IR_EINPUT, path, -1, NULL,
                          "no such shapefile (%s.shp not found)", base);
        goto done;
    }
    if (shx == NULL || dbf_path == NULL) {
        rc = ir_error_set(err, IR_EINPUT, path, -1, NULL,
                          "missing %s.%s: a shapefile needs its .shp, .shx "
                          "and .dbf files side by side",
                          base, shx == NULL ? "shx" : "dbf");
        goto done;
    }
    if ((rc = check_length(shp, err)) != 0)
        goto done;

    SAHooks hooks;
    SASetupDefaultHooks(&hooks);
    hooks.Error = capture_shapelib_error;
    hooks.FOpen = open_any_case;
    shph = SHPOpenLL(shp, "rb", &hooks);
    if (shph == NULL) {
        rc = ir_error_set(err, IR_EINPUT, path, -1, NULL,
                          "cannot open shapefile: %s",
                          shapelib_message[0] ? shapelib_message
                                              : "damaged .shp or .shx");
        goto done;
    }
    int nrec = 0, type = 0;
    SHPGetInfo(shph, &nrec, &type, NULL, NULL);
    if (type != SHPT_POLYGON && type != SHPT_POLYGONZ &&
        type != SHPT_POLYGONM) {
        rc = ir_error_set(err, IR_EINPUT, path, -1, NULL,
                          "shape type %s is not supported: boundaries must "
                          "be Polygon, PolygonZ or PolygonM",
                          SHPTypeName(type));
        goto done;
    }
    dbf = DBFOpenLL(dbf_path, "rb", &hooks);
    if (dbf == NULL) {
        rc = ir_error_set(err, IR_EINPUT, dbf_path, -1, NULL,
                          "cannot open DBF: %s",
                          shapelib_message[0] ? shapelib_message : "damaged");
        goto done;
    }
    if ((rc = check_dbf_length(dbf, dbf_path, err)) != 0)
        goto done;
    if (DBFGetRecordCount(dbf) != nrec) {
        rc = ir_error_set(err, IR_EINPUT, dbf_path, -1, NULL,
                          "has %d records but the .shp has %d",
                          DBFGetRecordCount(dbf), nrec);
        goto done;
    }
    if ((rc = pick_field(dbf, opt->name_field, name_fields, &l->name_field,
                         dbf_path, "name", err)) ||
        (rc = pick_field(dbf, opt->code_field, code_fields, &l->code_field,
                         dbf_path, "code", err)))
        goto done;
    enc = open_encoding(dbf, opt->encoding);
    if (enc == NULL) {
        rc = ir_error_set(err, opt->encoding ? IR_EUSAGE : IR_EINPUT, path,
                          -1, NULL, "unknown text encoding '%s'",
                          opt->encoding ? opt->encoding : DBFGetCodePage(dbf));
        goto done;
    }
    snprintf(l->encoding, sizeof l->encoding, "%s", ir_textenc_name(enc));

    l->count = (size_t)nrec;
    l->features = calloc(l->count ? l->count : 1, sizeof *l->features);
    l->texts = calloc(2 * (l->count ? l->count : 1), sizeof *l->texts);
    if (l->features == NULL || l->texts == NULL) {
        rc = ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        goto done;
    }
    if ((rc = read_texts(l, dbf, enc, err)) != 0)
        goto done;
    for (int r = 0; r < nrec; r++) {
        shapelib_message[0] = '\0';
        SHPObject *obj = SHPReadObject(shph, r);
        if (obj == NULL) {
            rc = ir_error_set(err, IR_EINPUT, path, (long)r + 1, NULL,
                              "cannot read shape: %s",
                              shapelib_message[0] ? shapelib_message
                                                  : "damaged or truncated");
            goto done;
        }
        if (obj->nSHPType != SHPT_NULL && obj->nSHPType != type) {
            rc = ir_error_set(err, IR_EINPUT, path, (long)r + 1, NULL,
                              "shape type %s in a %s file",
                              SHPTypeName(obj->nSHPType), SHPTypeName(type));
            SHPDestroyObject(obj);
            goto done;
        }
        rc = add_shape(l, (size_t)r, obj, err);
        SHPDestroyObject(obj);
        if (rc)
            goto done;
    }
    if ((rc = to_lonlat(l, prj, err)) != 0)
        goto done;
    compute_bboxes(l);
done:
    ir_textenc_destroy(enc);
    if (dbf)
        DBFClose(dbf);
    if (shph)
        SHPClose(shph);
    free(base), free(shp), free(shx), free(dbf_path), free(prj);
    if (rc != 0) {
        ir_layer_destroy(l);
        return NULL;
    }
    return l;
}

void ir_layer_destroy(ir_layer *l)
{
    if (l == NULL)
        return;
    if (l->texts)
        for (size_t i = 0; i < 2 * l->count; i++)
            free(l->texts[i]);
    free(l->texts);
    free(l->features);
    free(l->xy);
    free(l->ring_start);
    free(l->name_field);
    free(l->code_field);
    free(l->path);
    free(l);
}

size_t ir_layer_count(const ir_layer *l) { return l->count; }

const ir_feature *ir_layer_feature(const ir_layer *l, size_t i)
{
    return i < l->count ? &l->features[i] : NULL;
}

const double *ir_layer_points(const ir_layer *l) { return l->xy; }
const size_t *ir_layer_ring_starts(const ir_layer *l) { return l->ring_start; }
const char *ir_layer_path(const ir_layer *l) { return l->path; }
const char *ir_layer_name_field(const ir_layer *l) { return l->name_field; }
const char *ir_layer_code_field(const ir_layer *l) { return l->code_field; }
const char *ir_layer_encoding(const ir_layer *l) { return l->encoding; }
const char *ir_layer_crs_name(const ir_layer *l) { return l->crs_name; }

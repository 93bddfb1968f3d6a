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

#include <math.h>
#include <stdarg.h>
#include <shapefil.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/bbox.h"
#include "base/grow.h"
#include "layercrs.h"
#include "shpfiles.h"
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
    char *notes[IR_LAYER_NOTES];
    size_t nnotes;
};

/* A kind of damage a layer that still opens can have: its records are
 * skipped (or its parts), counted and named in one note. */
enum damage { DAMAGE_NULL, DAMAGE_ZERO, DAMAGE_BBOX, DAMAGE_KINDS };
typedef struct damage_log {
    size_t count[DAMAGE_KINDS];
    size_t record[DAMAGE_KINDS][4];   /* the first few, 0-based */
} damage_log;

static void damaged(damage_log *d, enum damage kind, size_t r)
{
    if (d->count[kind] < 4)
        d->record[kind][d->count[kind]] = r;
    d->count[kind]++;
}

/* Keeps a note for the caller to say (ir_layer_notes). */
static int note(ir_layer *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int note(ir_layer *l, const char *fmt, ...)
{
    if (l->nnotes == IR_LAYER_NOTES)
        return 0;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if ((l->notes[l->nnotes] = strdup(buf)) == NULL)
        return -1;
    l->nnotes++;
    return 0;
}

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

/* Whether the layer's encoding is UTF-8 because its .cpg says so: text
 * that is not UTF-8 then shows the .cpg lies. */
static bool cpg_says_utf8(DBFHandle dbf, const char *forced)
{
    const char *cp = DBFGetCodePage(dbf);
    return forced == NULL && cp != NULL && strncmp(cp, "LDID/", 5) != 0 &&
           (strcasecmp(cp, "UTF-8") == 0 || strcasecmp(cp, "UTF8") == 0 ||
            strcasecmp(cp, "65001") == 0);
}

static int read_texts(ir_layer *l, DBFHandle dbf, ir_textenc **encp,
                      bool lying_allowed, bool strict, ir_error *err)
{
    ir_textenc *enc = *encp;
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
            if (text == NULL && lying_allowed && !strict) {
                /* A .cpg that says UTF-8 over cp1252 text (exports from
                 * Windows tools): the whole layer is read again as the
                 * text is, and the note says from which record. */
                ir_textenc *cp = ir_textenc_create("CP1252");
                if (cp == NULL)
                    return ir_error_set(err, IR_EINTERNAL, l->path, -1,
                                        NULL, "out of memory");
                ir_textenc_destroy(enc);
                *encp = enc = cp;
                snprintf(l->encoding, sizeof l->encoding, "%s",
                         ir_textenc_name(enc));
                if (note(l, "its .cpg says UTF-8, but the text of record "
                            "%zu (field %s) is not: the layer is read as "
                            "cp1252 (--encoding chooses another)",
                         r + 1, fields[k]))
                    return ir_error_set(err, IR_EINTERNAL, l->path, -1,
                                        NULL, "out of memory");
                for (size_t i = 0; i < 2 * r + k; i++) {
                    free(l->texts[i]);
                    l->texts[i] = NULL;
                }
                lying_allowed = false;
                r = (size_t)-1;
                break;
            }
            if (text == NULL)
                return ir_error_set(err, IR_EINPUT, l->path, (long)r + 1,
                                    fields[k], "text is not valid %s%s",
                                    ir_textenc_name(enc),
                                    lying_allowed && strict
                                        ? " as its .cpg says (--strict)"
                                        : "");
            l->texts[2 * r + k] = text;
        }
        if (r != (size_t)-1) {
            l->features[r].name = l->texts[2 * r];
            l->features[r].code = l->texts[2 * r + 1];
        }
    }
    return 0;
}

/* Whether the record's bounding box, as its header in the .shp gives
 * it, holds its points: a zero-filled or overwritten record does not. */
static bool bbox_agrees(const SHPObject *obj)
{
    double b[4];
    ir_bbox_empty(b);
    for (int v = 0; v < obj->nVertices; v++)
        if (isfinite(obj->padfX[v]) && isfinite(obj->padfY[v])) {
            double p[2] = { obj->padfX[v], obj->padfY[v] };
            ir_bbox_add_points(b, p, 1);
        }
    double tol = 1e-6 * fmax(1, fmax(b[2] - b[0], b[3] - b[1]));
    return fabs(b[0] - obj->dfXMin) <= tol && fabs(b[1] - obj->dfYMin) <= tol &&
           fabs(b[2] - obj->dfXMax) <= tol && fabs(b[3] - obj->dfYMax) <= tol;
}

/* Copies one record's rings after checking its part table; damage that
 * leaves the rest of the record usable is logged, not refused. */
static int add_shape(ir_layer *l, size_t r, const SHPObject *obj,
                     damage_log *log, ir_error *err)
{
    ir_feature *f = &l->features[r];
    f->first_ring = l->nrings;
    f->nrings = 0;
    if (obj->nSHPType == SHPT_NULL || obj->nVertices == 0) {
        damaged(log, DAMAGE_NULL, r);
        return 0;
    }
    if (!bbox_agrees(obj)) {
        damaged(log, DAMAGE_BBOX, r);
        return 0;
    }
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
        bool zero = true;
        for (int v = start; v < end && zero; v++)
            zero = obj->padfX[v] == 0 && obj->padfY[v] == 0;
        if (zero) {
            /* Zero-filled bytes, not a ring at Null Island. */
            damaged(log, DAMAGE_ZERO, r);
            continue;
        }
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

/* One note per kind of damage, naming the records and what their DBF
 * calls them; under --strict, the first kind is the error. */
static int say_damage(ir_layer *l, const damage_log *log, bool strict,
                      ir_error *err)
{
    static const char *const what[DAMAGE_KINDS] = {
        "a Null shape (no boundary): drawn as nothing",
        "a part whose every vertex is at (0, 0), as zero-filled bytes "
        "leave it: that part is left out",
        "a bounding box in the .shp that does not hold its points, as an "
        "overwritten record has: the record is left out",
    };
    for (int k = 0; k < DAMAGE_KINDS; k++) {
        size_t n = log->count[k];
        if (n == 0)
            continue;
        char names[512] = "";
        size_t len = 0;
        for (size_t i = 0; i < n && i < 4 && len < sizeof names; i++) {
            const ir_feature *f = &l->features[log->record[k][i]];
            len += (size_t)snprintf(names + len, sizeof names - len,
                                    "%s%zu%s%s%s", i ? ", " : "",
                                    log->record[k][i] + 1,
                                    *f->name ? " (" : "", f->name,
                                    *f->name ? ")" : "");
        }
        char text[1024];
        snprintf(text, sizeof text, "%zu record%s ha%s %s: record%s %s%s", n,
                 n == 1 ? "" : "s", n == 1 ? "s" : "ve", what[k],
                 n == 1 ? "" : "s", names, n > 4 ? " ..." : "");
        if (strict)
            return ir_error_set(err, IR_EINPUT, l->path, -1, NULL,
                                "%s (--strict)", text);
        if (note(l, "%s", text))
            return ir_error_set(err, IR_EINTERNAL, l->path, -1, NULL,
                                "out of memory");
    }
    return 0;
}

/* Moves every point from the .prj's CRS to lon/lat WGS 84 (layercrs),
 * and checks that each record's points landed where lon/lat can be. */
static int to_lonlat(ir_layer *l, const char *prj_path, ir_error *err)
{
    bool empty = false, moved = false;
    int rc = ir_layercrs_to_lonlat(l->path, prj_path, l->xy, l->npoints,
                                   l->crs_name, sizeof l->crs_name, &empty,
                                   &moved, err);
    if (rc == 0 && empty &&
        note(l, "its .prj is empty: the coordinates, all within "
                "longitude/latitude, are taken as WGS 84 degrees"))
        rc = ir_error_set(err, IR_EINTERNAL, l->path, -1, NULL,
                          "out of memory");
    for (size_t f = 0; rc == 0 && moved && f < l->count; f++) {
        const ir_feature *ft = &l->features[f];
        size_t from = l->ring_start[ft->first_ring];
        size_t to = l->ring_start[ft->first_ring + ft->nrings];
        for (size_t i = from; i < to; i++)
            if (!isfinite(l->xy[2 * i]) || fabs(l->xy[2 * i]) > 360 ||
                !isfinite(l->xy[2 * i + 1]) || fabs(l->xy[2 * i + 1]) > 90)
                return ir_error_set(err, IR_EINPUT, l->path, (long)f + 1,
                                    NULL, "vertex %zu lies outside the area "
                                    "where %s can be converted to longitude "
                                    "and latitude", i - from, l->crs_name);
    }
    return rc;
}

static void compute_bboxes(ir_layer *l)
{
    for (size_t i = 0; i < l->count; i++) {
        ir_feature *f = &l->features[i];
        size_t from = l->ring_start[f->first_ring];
        size_t to = l->ring_start[f->first_ring + f->nrings];
        ir_bbox_empty(f->bbox);
        if (to > from)
            ir_bbox_add_points(f->bbox, l->xy + 2 * from, to - from);
    }
}

ir_layer *ir_layer_load(const char *path, const ir_layer_options *opt,
                        ir_error *err)
{
    static const ir_layer_options defaults = { 0 };
    if (opt == NULL)
        opt = &defaults;
    char *base = ir_shp_base_name(path);
    char *shp = base ? ir_shp_sibling(base, "shp") : NULL;
    char *shx = base ? ir_shp_sibling(base, "shx") : NULL;
    char *dbf_path = base ? ir_shp_sibling(base, "dbf") : NULL;
    char *prj = base ? ir_shp_sibling(base, "prj") : NULL;
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
    if ((rc = ir_shp_check_length(shp, err)) != 0)
        goto done;

    SAHooks hooks;
    SASetupDefaultHooks(&hooks);
    hooks.Error = capture_shapelib_error;
    hooks.FOpen = ir_shp_open_any_case;
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
    if ((rc = ir_shp_check_dbf_length(dbf, dbf_path, err)) != 0)
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
    /* The ring table always has its end entry, so that a layer of Null
     * shapes alone has rings 0..0 like any other. */
    if (ir_grow((void **)&l->ring_start, &l->rings_cap, 1,
                sizeof *l->ring_start) == 0)
        l->ring_start[0] = 0;
    if (l->features == NULL || l->texts == NULL || l->ring_start == NULL) {
        rc = ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        goto done;
    }
    if ((rc = read_texts(l, dbf, &enc, cpg_says_utf8(dbf, opt->encoding),
                         opt->strict, err)) != 0)
        goto done;
    damage_log log = { 0 };
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
        rc = add_shape(l, (size_t)r, obj, &log, err);
        SHPDestroyObject(obj);
        if (rc)
            goto done;
    }
    if ((rc = say_damage(l, &log, opt->strict, err)) != 0)
        goto done;
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

int ir_layer_leave_out(ir_layer *l, const bool *out, const char *why)
{
    size_t kept = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (out[i]) {
            free(l->texts[2 * i]);
            free(l->texts[2 * i + 1]);
            continue;
        }
        l->features[kept] = l->features[i];
        l->texts[2 * kept] = l->texts[2 * i];
        l->texts[2 * kept + 1] = l->texts[2 * i + 1];
        kept++;
    }
    l->count = kept;
    return why ? note(l, "%s", why) : 0;
}

size_t ir_layer_notes(const ir_layer *l, const char *const **notes)
{
    *notes = (const char *const *)l->notes;
    return l->nnotes;
}

void ir_layer_destroy(ir_layer *l)
{
    if (l == NULL)
        return;
    for (size_t i = 0; i < l->nnotes; i++)
        free(l->notes[i]);
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

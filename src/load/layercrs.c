/*
 * layercrs: a layer's coordinates from the CRS its .prj names to lon/lat
 * on WGS 84, with PROJ.  See layercrs.h.
 */
#include "layercrs.h"

#include <errno.h>
#include <math.h>
#include <proj.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static bool all_lonlat(const double *xy, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fabs(xy[2 * i]) > 180 || fabs(xy[2 * i + 1]) > 90)
            return false;
    return true;
}

int ir_layercrs_to_lonlat(const char *layer_path, const char *prj_path,
                          double *xy, size_t n, char *name, size_t cap,
                          bool *empty, bool *moved, ir_error *err)
{
    *empty = *moved = false;
    if (prj_path == NULL) {
        if (!all_lonlat(xy, n))
            return ir_error_set(err, IR_EINPUT, layer_path, -1, NULL,
                                "no .prj file and the coordinates are "
                                "not longitude/latitude; add the .prj");
        snprintf(name, cap, "lon/lat (no .prj)");
        return 0;
    }
    char *wkt = read_small_file(prj_path, 64 * 1024);
    if (wkt == NULL)
        return ir_error_set(err, IR_EINPUT, prj_path, -1, NULL,
                            "cannot read: %s", strerror(errno));
    if (strspn(wkt, " \t\r\n") == strlen(wkt)) {
        /* An empty .prj names no CRS: as with none, lon/lat if the
         * coordinates can be, said either way. */
        free(wkt);
        if (!all_lonlat(xy, n))
            return ir_error_set(err, IR_EINPUT, prj_path, -1, NULL,
                                "the .prj is empty and the coordinates "
                                "are not longitude/latitude: write the "
                                "layer's CRS into it (its publisher's "
                                ".prj, or EPSG WKT) or reproject the "
                                "layer");
        snprintf(name, cap, "lon/lat (empty .prj)");
        *empty = true;
        return 0;
    }
    if (known_lonlat(wkt, name, cap)) {
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
    snprintf(name, cap, "%s", proj_get_name(src));
    if (proj_is_equivalent_to_with_ctx(
            ctx, src, dst, PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS)) {
        remember_lonlat(wkt, name);
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
    if (n > 0 && proj_trans_generic(norm, PJ_FWD, xy, 2 * sizeof(double),
                                    n, xy + 1, 2 * sizeof(double), n,
                                    NULL, 0, 0, NULL, 0, 0) != n) {
        rc = ir_error_set(err, IR_EINPUT, prj_path, -1, NULL,
                          "coordinates cannot be transformed");
        goto done;
    }
    *moved = true;
done:
    free(wkt);
    proj_destroy(norm);
    proj_destroy(op);
    proj_destroy(dst);
    proj_destroy(src);
    proj_context_destroy(ctx);
    return rc;
}

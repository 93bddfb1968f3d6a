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
 * database) and tens of them to find a transformation, and a figure loads
 * several shapefiles that mostly share one CRS: the last text PROJ read is
 * remembered, with its name and, unless it is lon/lat WGS 84, the
 * transformation (with the context it belongs to).  The lock keeps it
 * safe should layers load on two threads; a PJ is used under it. */
static pthread_mutex_t last_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    char *wkt;
    char name[128];
    PJ_CONTEXT *ctx;     /* NULL for lon/lat */
    PJ *to_lonlat;
} last;

/* Transforms n points in place; false when PROJ cannot do them all. */
static bool transform(PJ *to_lonlat, double *xy, size_t n)
{
    return n == 0 || proj_trans_generic(to_lonlat, PJ_FWD, xy,
                                        2 * sizeof(double), n, xy + 1,
                                        2 * sizeof(double), n, NULL, 0, 0,
                                        NULL, 0, 0) == n;
}

/* 1 when wkt is the last CRS read (xy transformed if it must be, *moved
 * set), -1 when it is but the points cannot be transformed, 0 if not. */
static int use_last(const char *wkt, double *xy, size_t n, char *name,
                    size_t cap, bool *moved)
{
    pthread_mutex_lock(&last_lock);
    int used = 0;
    if (last.wkt && strcmp(last.wkt, wkt) == 0) {
        snprintf(name, cap, "%s", last.name);
        used = 1;
        if (last.to_lonlat) {
            used = transform(last.to_lonlat, xy, n) ? 1 : -1;
            *moved = used > 0;
        }
    }
    pthread_mutex_unlock(&last_lock);
    return used;
}

/* Keeps wkt, its name and (taking them) ctx and to_lonlat for next time. */
static void remember(const char *wkt, const char *name, PJ_CONTEXT *ctx,
                     PJ *to_lonlat)
{
    char *copy = strdup(wkt);
    if (copy == NULL) {
        proj_destroy(to_lonlat);
        proj_context_destroy(ctx);
        return;
    }
    pthread_mutex_lock(&last_lock);
    free(last.wkt);
    proj_destroy(last.to_lonlat);
    if (last.ctx)
        proj_context_destroy(last.ctx);
    last.wkt = copy;
    snprintf(last.name, sizeof last.name, "%s", name);
    last.ctx = ctx;
    last.to_lonlat = to_lonlat;
    pthread_mutex_unlock(&last_lock);
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
    int used = use_last(wkt, xy, n, name, cap, moved);
    if (used != 0) {
        free(wkt); /* shapefiles store lon, lat whatever the CRS says */
        return used > 0 ? 0
                        : ir_error_set(err, IR_EINPUT, prj_path, -1, NULL,
                                       "coordinates cannot be transformed");
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
        remember(wkt, name, NULL, NULL);
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
    /* The objects made on the way go; the transformation and its context
     * stay, for the next layer in this CRS (whether or not this layer's
     * points can be transformed), and transform this one's. */
    proj_destroy(op);
    proj_destroy(dst);
    proj_destroy(src);
    remember(wkt, name, ctx, norm);
    used = use_last(wkt, xy, n, name, cap, moved);
    free(wkt);
    if (used == 0)   /* remember() ran out of memory */
        return ir_error_set(err, IR_EINTERNAL, prj_path, -1, NULL,
                            "out of memory");
    return used > 0 ? 0
                    : ir_error_set(err, IR_EINPUT, prj_path, -1, NULL,
                                   "coordinates cannot be transformed");
done:
    free(wkt);
    proj_destroy(norm);
    proj_destroy(op);
    proj_destroy(dst);
    proj_destroy(src);
    proj_context_destroy(ctx);
    return rc;
}

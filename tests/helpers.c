/*
 * Test helpers.  See helpers.h.
 */
#include "helpers.h"

#include "aggregate/aggregate.h"

#include <cairo.h>
#include <shapefil.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[64];

const char *th_binary(void)
{
    const char *bin = getenv("IRONRIVER_BIN");
    return bin && *bin ? bin : "./ironriver";
}

static void remove_tmpdir(void)
{
    char cmd[128];
    if (tmpdir[0]) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", tmpdir);
    }
}

const char *th_tmpdir(void)
{
    if (!tmpdir[0]) {
        snprintf(tmpdir, sizeof tmpdir, "/tmp/ironriver-test-XXXXXX");
        if (mkdtemp(tmpdir) == NULL)
            abort();
        atexit(remove_tmpdir);
    }
    return tmpdir;
}

const char *th_path(const char *dir, const char *name)
{
    static char bufs[8][512];
    static int next;
    char *b = bufs[next++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", dir, name);
    return b;
}

char *th_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0, k;
    char *buf = malloc(cap + 1);
    while (buf && (k = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += k;
        if (n == cap) {
            char *b = realloc(buf, 2 * cap + 1);
            if (b == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
    }
    fclose(fp);
    if (buf) {
        buf[n] = '\0';
        if (len)
            *len = n;
    }
    return buf;
}

int th_write_file(const char *path, const void *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    if (fp == NULL)
        return -1;
    size_t n = fwrite(data, 1, len, fp);
    return (fclose(fp) == 0 && n == len) ? 0 : -1;
}

int th_copy_file(const char *from, const char *to)
{
    size_t n;
    char *d = th_read_file(from, &n);
    if (d == NULL)
        return -1;
    int rc = th_write_file(to, d, n);
    free(d);
    return rc;
}

int th_file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int th_run(const char *cmdline, char **err)
{
    char errpath[600], cmd[4096];
    snprintf(errpath, sizeof errpath, "%s/stderr-%d.txt", th_tmpdir(),
             (int)getpid());
    snprintf(cmd, sizeof cmd, "( %s ) 2>'%s' >/dev/null", cmdline, errpath);
    int st = system(cmd);
    if (err)
        *err = th_read_file(errpath, NULL);
    unlink(errpath);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

bool th_have_chromium(void)
{
    return th_run("command -v chromium >/dev/null", NULL) == 0;
}

int th_chromium(const char *dir, const char *page, int w, int h,
                const char *flags, const char *shot)
{
    /* Its own HOME: a profile in the scratch folder, none left behind. */
    char cmd[2400], out[700];
    if (shot)
        snprintf(out, sizeof out, "--screenshot='%s/%s' '%s' >/dev/null", dir,
                 shot, page);
    else
        snprintf(out, sizeof out, "--dump-dom '%s' > '%s/dom.html'", page, dir);
    snprintf(cmd, sizeof cmd,
             "cd '%s' && HOME='%s' timeout 100 chromium --headless "
             "--no-sandbox --disable-gpu --hide-scrollbars "
             "--window-size=%d,%d %s %s 2>/dev/null",
             dir, dir, w, h, flags ? flags : "", out);
    return system(cmd) == 0 ? 0 : 1;
}

int th_write_polygons(const char *base, int shp_type, const th_shape *shapes,
                      int nshapes, const char *name_field,
                      const char *const *names, const char *codepage)
{
    SHPHandle shp = SHPCreate(base, shp_type);
    DBFHandle dbf = DBFCreateEx(base, codepage);
    if (shp == NULL || dbf == NULL)
        return -1;
    if (DBFAddField(dbf, name_field ? name_field : "name", FTString, 40, 0) <
        0)
        return -1;
    for (int i = 0; i < nshapes; i++) {
        const th_shape *s = &shapes[i];
        int nv = 0, starts[64];
        for (int r = 0; r < s->nrings; r++) {
            starts[r] = nv;
            nv += s->ring_len[r];
        }
        double *x = malloc(nv * sizeof *x), *y = malloc(nv * sizeof *y);
        double *z = calloc(nv, sizeof *z), *m = calloc(nv, sizeof *m);
        for (int v = 0; v < nv; v++) {
            x[v] = s->xy[2 * v];
            y[v] = s->xy[2 * v + 1];
            z[v] = 100 + v;
            m[v] = v;
        }
        SHPObject *o = SHPCreateObject(shp_type, -1, s->nrings, starts, NULL,
                                       nv, x, y, z, m);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        free(x), free(y), free(z), free(m);
        DBFWriteStringAttribute(dbf, i, 0, names ? names[i] : "");
    }
    SHPClose(shp);
    DBFClose(dbf);
    return 0;
}

int th_world_load(th_world *w, bool alaska_hawaii, ir_error *err)
{
    memset(w, 0, sizeof *w);
    w->states = ir_states_load("data/states.csv", err);
    w->us = w->states ? ir_layer_load("shapes/us-states.shp", NULL, err) : NULL;
    w->mx = w->us ? ir_layer_load("shapes/mx-states.shp", NULL, err) : NULL;
    w->proj = w->mx ? ir_projection_create(NULL, err) : NULL;
    if (w->proj == NULL)
        return -1;
    const ir_layer *layers[2] = { w->us, w->mx };
    ir_atlas_sources src = { layers, 2, NULL, NULL, NULL };
    ir_atlas_options opt = { .alaska = alaska_hawaii, .hawaii = alaska_hawaii };
    w->atlas = ir_atlas_create(&src, w->states, w->proj, &opt, err);
    return w->atlas ? 0 : -1;
}

void th_world_free(th_world *w)
{
    ir_atlas_destroy(w->atlas);
    ir_projection_destroy(w->proj);
    ir_layer_destroy(w->us);
    ir_layer_destroy(w->mx);
    ir_states_destroy(w->states);
    memset(w, 0, sizeof *w);
}

int th_located_load(th_located *l, ir_error *err)
{
    memset(l, 0, sizeof *l);
    if (!(l->table = ir_states_load("data/states.csv", err)))
        return -1;
    static const char *const paths[3] = { "shapes/us-states.shp",
                                          "shapes/mx-states.shp",
                                          "shapes/countries.shp" };
    for (int k = 0; k < 3; k++)
        if (!(l->layers[k] = ir_layer_load(paths[k], NULL, err)))
            return -1;
    l->locator = ir_locator_create((const ir_layer *const *)l->layers, 2,
                                   l->layers[2], l->table, err);
    return l->locator ? 0 : -1;
}

void th_located_free(th_located *l)
{
    ir_locator_destroy(l->locator);
    for (int k = 0; k < 3; k++)
        ir_layer_destroy(l->layers[k]);
    ir_states_destroy(l->table);
}

ir_od *th_matrix_od(const ir_states *states, ir_error *err)
{
    const char *path = th_path(th_tmpdir(), "matrix-od.csv");
    char cmd[512];
    snprintf(cmd, sizeof cmd, "bench/gen-od.sh 1 > %s", path);
    if (th_run(cmd, NULL) != 0) {
        snprintf(err->message, sizeof err->message, "bench/gen-od.sh 1 failed");
        return NULL;
    }
    ir_aggregate_options o = { 0 };
    ir_aggregate_report r;
    ir_od *od = ir_aggregate_file(path, states, &o, &r, err);
    if (od)
        ir_aggregate_report_free(&r);
    return od;
}

long th_png_count_in(const char *path, unsigned rgb, int tol,
                     const double box[4])
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return -1;
    }
    const unsigned char *d = cairo_image_surface_get_data(s);
    int w = cairo_image_surface_get_width(s);
    int h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    long n = 0;
    for (int y = (int)(box[1] * h); y < (int)(box[3] * h); y++)
        for (int x = (int)(box[0] * w); x < (int)(box[2] * w); x++) {
            uint32_t px;
            memcpy(&px, d + (size_t)y * (size_t)stride + 4 * (size_t)x, 4);
            bool near = true;
            for (int shift = 0; shift <= 16; shift += 8)
                near &= abs((int)((px >> shift) & 0xff) -
                            (int)((rgb >> shift) & 0xff)) <= tol;
            n += near;
        }
    cairo_surface_destroy(s);
    return n;
}

long th_png_count(const char *path, unsigned rgb, int tol)
{
    static const double all[4] = { 0, 0, 1, 1 };
    return th_png_count_in(path, rgb, tol, all);
}

const char *th_write_damaged_layer(const char *dir)
{
    const char *base = th_path(dir, "d");
    /* Squares about the states' capitals, Hermosillo and Saltillo: a
     * state far from its capital is itself a note (statecheck). */
    static const double good[] = { -112, 28, -112, 32, -108, 32, -108, 28,
                                   -112, 28 };
    static const double zero_part[] = {
        -103, 24, -103, 28, -99, 28, -99, 24, -103, 24,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    };
    static const int one[] = { 5 }, two[] = { 5, 5 };
    const th_shape s[] = { { 1, one, good }, { 0, one, good },
                           { 2, two, zero_part }, { 1, one, good } };
    static const char *const names[] = { "Sonora", "Chihuahua", "Coahuila",
                                         "Durango" };
    if (th_write_polygons(base, SHPT_POLYGON, s, 4, "NOM_ENT", names,
                          "UTF-8"))
        return NULL;
    /* Record 4's bounding box, 12 bytes into its record, moved away. */
    FILE *fp = fopen(th_path(dir, "d.shp"), "r+b");
    if (fp == NULL)
        return NULL;
    long off = 100;
    for (int r = 0; r < 3; r++) {
        unsigned char h[8];
        if (fseek(fp, off, SEEK_SET) || fread(h, 1, 8, fp) != 8) {
            fclose(fp);
            return NULL;
        }
        long words = (long)h[4] << 24 | h[5] << 16 | h[6] << 8 | h[7];
        off += 8 + 2 * words;
    }
    double xmin = 50;
    fseek(fp, off + 12, SEEK_SET);
    fwrite(&xmin, sizeof xmin, 1, fp);
    fclose(fp);
    return th_path(dir, "d.shp");
}

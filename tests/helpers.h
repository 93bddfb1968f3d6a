/*
 * Test helpers: scratch folders, files, running the ironriver binary, and
 * writing real shapefiles with shapelib for the loader to read back.
 */
#ifndef IR_TEST_HELPERS_H
#define IR_TEST_HELPERS_H

#include <stdbool.h>
#include <stddef.h>

#include "aggregate/od.h"
#include "load/layer.h"
#include "load/locate.h"
#include "load/states.h"
#include "project/atlas.h"
#include "project/project.h"

/* The program under test: $IRONRIVER_BIN, else ./ironriver. */
const char *th_binary(void);

/* A new empty folder under /tmp, removed at exit of the test process. */
const char *th_tmpdir(void);

/* dir/name in a static rotating buffer. */
const char *th_path(const char *dir, const char *name);

char *th_read_file(const char *path, size_t *len);
int th_write_file(const char *path, const void *data, size_t len);
int th_copy_file(const char *from, const char *to);
int th_file_exists(const char *path);

/* How many pixels of the PNG at path are within tol of 0xRRGGBB in every
 * channel; -1 when it cannot be read. */
long th_png_count(const char *path, unsigned rgb, int tol);

/* The same within box {x0, y0, x1, y1}, in shares of the width and the
 * height (0 .. 1). */
long th_png_count_in(const char *path, unsigned rgb, int tol,
                     const double box[4]);

/* Runs a shell command line; returns its exit status, stderr in *err
 * (caller frees) when err is not NULL. */
int th_run(const char *cmdline, char **err);

/* Whether Debian's chromium is installed (the Makefile's test target
 * installs it). */
bool th_have_chromium(void);

/* Opens dir/page in headless Chromium with a window of w x h CSS pixels,
 * extra flags added: a screenshot into dir/shot (when shot is not NULL),
 * else the DOM after scripts ran into dir/dom.html.  Returns the exit
 * status. */
int th_chromium(const char *dir, const char *page, int w, int h,
                const char *flags, const char *shot);

/* Writes a polygon shapefile base.{shp,shx,dbf}.  Shape i has nparts[i]
 * rings; rings are given as consecutive xy pairs with ring sizes in
 * ring_len.  names may be NULL; codepage NULL writes no .cpg and no LDID. */
typedef struct th_shape {
    int nrings;
    const int *ring_len;
    const double *xy;
} th_shape;
int th_write_polygons(const char *base, int shp_type, const th_shape *shapes,
                      int nshapes, const char *name_field,
                      const char *const *names, const char *codepage);

/* A layer of four Mexican states (Sonora, Chihuahua, Coahuila, Durango)
 * as a damaged file still opens: record 2 a Null shape, record 3 with a
 * part of nothing but (0, 0), record 4 with a bounding box that does not
 * hold its points; dir/d.shp, or NULL when it cannot be written. */
const char *th_write_damaged_layer(const char *dir);

/* The shipped state table and states, projected with the default
 * projection (Alaska and Hawaii shown when asked): the fixture of the
 * lay-out tests.  Returns 0, or -1 with the reason in err. */
typedef struct th_world {
    ir_states *states;
    ir_layer *us, *mx;
    ir_projection *proj;
    ir_atlas *atlas;
} th_world;
int th_world_load(th_world *w, bool alaska_hawaii, ir_error *err);
void th_world_free(th_world *w);

/* The shipped state table, U.S. and Mexican state layers and country
 * layer, and a locator over them: the fixture of the locating tests. */
typedef struct th_located {
    ir_states *table;
    ir_layer *layers[3];     /* U.S. states, Mexican states, countries */
    ir_locator *locator;
} th_located;
int th_located_load(th_located *l, ir_error *err);
void th_located_free(th_located *l);

/* The benchmark's full 49 x 32 state matrix (bench/gen-od.sh 1),
 * aggregated against states: the dense fixture of the lay-out and
 * drawing tests.  NULL with the reason in err. */
ir_od *th_matrix_od(const ir_states *states, ir_error *err);

#endif

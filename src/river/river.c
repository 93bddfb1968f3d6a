/*
 * river: river mode's pipeline.  See river.h.
 *
 * The passes run in order over one shared set of trees (rivertrees.h):
 * the sweep lays a spiral tree through each crossing (riversweep.c), the
 * tidy passes mend what exact spirals drawn as cubic curves leave
 * (rivertidy.c), and untangling makes bands of one tree that still cross
 * meet where they cross (riveruntangle.c), which ends with the bands
 * built.  Each pass reads and changes the trees; none calls another.
 */
#include "river.h"

#include <math.h>
#include <stdlib.h>

#include "riversweep.h"
#include "rivertidy.h"
#include "rivertrees.h"
#include "riveruntangle.h"

void ir_river_options_default(ir_river_options *o)
{
    o->alpha = 30 * M_PI / 180;
    o->weights_only = false;
    o->shortest_only = false;
}

/* The trees through the crossings, their routes spread (crossassign.h)
 * or the shortest; NULL when memory runs out.  *flaws counts what a
 * reader would see broken: destinations whose band is too short for any
 * arrow, bands between joins shorter than they are wide (their outlines
 * fold), and bands of one tree that may still cross. */
static ir_river *build(const ir_flowmap *map, const ir_point *crossings,
                       size_t ncross, const ir_river_route *routes,
                       size_t nroutes, const ir_river_options *opt,
                       bool spread, size_t *flaws)
{
    ir_river *r = calloc(1, sizeof *r);
    *flaws = 0;
    if (r == NULL)
        return NULL;
    r->map = map;
    if (ir_river_sweep(r, crossings, ncross, routes, nroutes, opt->alpha,
                       spread))
        goto oom;
    /* The trees and their weights alone are enough to find the busiest
     * trunk before the width scale is known. */
    if (opt->weights_only)
        return r;
    int tangled;
    if (ir_river_tidy(r) || (tangled = ir_river_untangle(r)) < 0)
        goto oom;
    for (size_t i = 0; i < r->nbands; i++) {
        const ir_river_band *b = &r->bands[i];
        bool joins = r->nodes[b->upstream].flow_node < 0 &&
                     r->nodes[b->downstream].flow_node < 0;
        double chord = hypot(b->p[3].x - b->p[0].x, b->p[3].y - b->p[0].y);
        *flaws += (b->arrow &&
                   ir_river_too_short(r, b->p[0], b->downstream, b->width)) ||
                  (joins && chord < b->width);
    }
    *flaws += (size_t)tangled;
    return r;
oom:
    ir_river_destroy(r);
    return NULL;
}

ir_river *ir_river_create(const ir_flowmap *map, const ir_point *crossings,
                          size_t ncross, const ir_river_route *routes,
                          size_t nroutes, const ir_river_options *opt,
                          ir_error *err)
{
    /* Spread routes cut the crossings between trees by nine tenths on a
     * dense map, but the tidy passes were made for shortest routes: where
     * spread trees come out with a flaw, the shortest ones are drawn
     * instead when they have fewer. */
    size_t flaws, flaws_shortest;
    ir_river *r = build(map, crossings, ncross, routes, nroutes, opt,
                        !opt->shortest_only, &flaws);
    if (r && flaws > 0 && !opt->shortest_only) {
        ir_river *s = build(map, crossings, ncross, routes, nroutes, opt,
                            false, &flaws_shortest);
        if (s && flaws_shortest < flaws) {
            ir_river_destroy(r);
            r = s;
        } else {
            ir_river_destroy(s);
            r = s ? r : NULL;
        }
    }
    if (r == NULL)
        ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    return r;
}

void ir_river_destroy(ir_river *r)
{
    if (r == NULL)
        return;
    free(r->nodes);
    free(r->bands);
    free(r->trees);
    free(r->routes);
    free(r->kid_start);
    free(r->kids);
    free(r);
}

size_t ir_river_nodes(const ir_river *r, const ir_river_node **nodes)
{
    *nodes = r->nodes;
    return r->nnodes;
}

size_t ir_river_bands(const ir_river *r, const ir_river_band **bands)
{
    *bands = r->bands;
    return r->nbands;
}

size_t ir_river_trees(const ir_river *r, const ir_river_tree **trees)
{
    *trees = r->trees;
    return r->ntrees;
}

size_t ir_river_crossing_order(const ir_river *r, int *order, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < r->ntrees && n < cap; i++)
        if (!r->trees[i].outgoing)
            order[n++] = (int)i;
    /* Insertion sort: stable, so equal trunks keep the trees' order. */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && r->trees[order[j - 1]].weight <
                                        r->trees[order[j]].weight;
             j--) {
            int v = order[j];
            order[j] = order[j - 1];
            order[j - 1] = v;
        }
    return n;
}

size_t ir_river_routes(const ir_river *r, const ir_river_route **routes)
{
    *routes = r->routes;
    return r->nroutes;
}

double ir_river_max_weight(const ir_river *r)
{
    return r->max_weight;
}

const ir_flowmap *ir_river_map(const ir_river *r)
{
    return r->map;
}

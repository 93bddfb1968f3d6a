/*
 * River mode: weight conserved at every merge and split, every flow
 * through its crossing, whole trees and an arrow for every destination
 * after the collapses, no crossings inside a tree or a band, crossings
 * between trees counted and fewer than straight lines would make, bands
 * off the nodes they do not serve, identical reruns, the crossings file.
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
#include "helpers.h"

static th_world world;
static ir_anchors *anchors;
static ir_crossings *crossings;
static ir_frame frame;
static ir_point cross_at[64];
static size_t ncross;

static void setup(void)
{
    ir_error err = { 0 };
    cr_assert_eq(th_world_load(&world, false, &err), 0, "%s", err.message);
    anchors = ir_anchors_create(world.atlas, world.states, 2, &err);
    cr_assert_not_null(anchors, "%s", err.message);
    crossings = ir_crossings_load("data/ports-of-entry.csv", &err);
    cr_assert_not_null(crossings, "%s", err.message);
    ir_point *xy = ir_crossroute_project(crossings, world.proj, &err);
    cr_assert_not_null(xy, "%s", err.message);
    ir_frame_init(&frame, 1600, 1200, 150, 12);
    double b[4];
    ir_atlas_extent(world.atlas, b);
    ir_frame_fit(&frame, b);
    ncross = ir_crossings_count(crossings);
    for (size_t c = 0; c < ncross; c++) {
        ir_frame_to_page(&frame, xy[c].x, xy[c].y, &cross_at[c].x,
                         &cross_at[c].y);
    }
    free(xy);
}

static void teardown(void)
{
    ir_crossings_destroy(crossings);
    ir_anchors_destroy(anchors);
    th_world_free(&world);
}

TestSuite(river, .init = setup, .fini = teardown);

static ir_od *od_of(const char *text)
{
    const char *path = th_path(th_tmpdir(), "od.csv");
    th_write_file(path, text, strlen(text));
    ir_aggregate_options o = { 0 };
    ir_aggregate_report r;
    ir_error err = { 0 };
    ir_od *od = ir_aggregate_file(path, world.states, &o, &r, &err);
    cr_assert_not_null(od, "%s", err.message);
    ir_aggregate_report_free(&r);
    return od;
}

static ir_od *od_of_command(const char *cmd)
{
    const char *path = th_path(th_tmpdir(), "gen.csv");
    char line[512];
    snprintf(line, sizeof line, "%s > %s", cmd, path);
    cr_assert_eq(th_run(line, NULL), 0);
    ir_aggregate_options o = { 0 };
    ir_aggregate_report r;
    ir_error err = { 0 };
    ir_od *od = ir_aggregate_file(path, world.states, &o, &r, &err);
    cr_assert_not_null(od, "%s", err.message);
    ir_aggregate_report_free(&r);
    return od;
}

static ir_river *river_of(const ir_flowmap *m, const ir_river_route *routes,
                          size_t nroutes);

/* A map made twice, as river mode does: once to find the busiest trunk,
 * then at the scale that makes it 12 pt, with no width clamped (widths
 * add up exactly). */
typedef ir_flowmap *(*map_maker)(const ir_flowmap_options *o, void *arg);

static ir_flowmap *at_river_scale(ir_flowmap_options *o, map_maker make,
                                  void *arg)
{
    o->max_width_pt = 12;
    o->min_width_pt = 1e-12;
    ir_flowmap *m = make(o, arg);
    ir_river *r = river_of(m, NULL, 0);
    o->scale = 12 / ir_river_max_weight(r);
    ir_river_destroy(r);
    ir_flowmap_destroy(m);
    return make(o, arg);
}

static ir_flowmap *make_od_map(const ir_flowmap_options *o, void *od)
{
    ir_error err = { 0 };
    ir_flowmap *m = ir_flowmap_create(od, anchors, world.states, &frame, o,
                                      &err);
    cr_assert_not_null(m, "%s", err.message);
    return m;
}

/* The flow map of the `top` largest flows at river mode's scale. */
static ir_flowmap *map_of(ir_od *od, size_t top)
{
    ir_flowmap_options o;
    ir_flowmap_options_default(&o);
    o.top = top;
    return at_river_scale(&o, make_od_map, od);
}

static ir_river *river_with(const ir_flowmap *m, const ir_river_route *routes,
                            size_t nroutes, bool shortest_only)
{
    ir_river_options ro;
    ir_river_options_default(&ro);
    ro.shortest_only = shortest_only;
    ir_error err = { 0 };
    ir_river *r = ir_river_create(m, cross_at, ncross, routes, nroutes, &ro,
                                  &err);
    cr_assert_not_null(r, "%s", err.message);
    return r;
}

static ir_river *river_of(const ir_flowmap *m, const ir_river_route *routes,
                          size_t nroutes)
{
    return river_with(m, routes, nroutes, false);
}

static const char channels[] =
    "origin,destination,weight\nArizona,Sonora,1618\nTexas,Tamaulipas,1191\n"
    "Texas,Nuevo León,1158\nTexas,Chihuahua,832\nTexas,Guanajuato,831\n";

Test(river, weight_is_conserved_at_every_merge_and_split)
{
    ir_od *od = od_of_command("bench/gen-od.sh 3");
    ir_flowmap *m = map_of(od, 0);
    ir_river *r = river_of(m, NULL, 0);
    const ir_river_node *n;
    size_t nn = ir_river_nodes(r, &n);
    const ir_river_band *b;
    size_t nb = ir_river_bands(r, &b);
    size_t joins = 0;
    for (size_t i = 0; i < nn; i++) {
        double in = 0, widths = 0;
        size_t kids = 0;
        for (size_t k = 0; k < nn; k++)
            if (n[k].parent == (int)i) {
                in += n[k].weight;
                kids++;
            }
        /* The bands at the node's children side: into it upstream of a
         * crossing, out of it downstream. */
        for (size_t k = 0; k < nb; k++) {
            bool out_tree = b[k].upstream == (int)i &&
                            n[b[k].downstream].parent == (int)i;
            bool in_tree = b[k].downstream == (int)i &&
                           n[b[k].upstream].parent == (int)i;
            if (out_tree || in_tree)
                widths += b[k].width;
        }
        if (kids == 0)
            continue;
        joins++;
        cr_expect(fabs(in - n[i].weight) <= 1e-9 * n[i].weight,
                  "node %zu: %g in, %g through", i, in, n[i].weight);
        double w = ir_flowmap_width(m, n[i].weight);
        cr_expect(fabs(widths - w) <= 1e-9 * w, "node %zu: widths %g, %g",
                  i, widths, w);
    }
    cr_log_info("%zu merges and splits checked, %zu bands", joins, nb);
    cr_expect_gt(joins, 100);
    ir_river_destroy(r);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

/* The node of tree `tree` standing for flow-map node k, or -1. */
static int terminal_of(const ir_river *r, int tree, size_t k)
{
    const ir_river_node *n;
    size_t nn = ir_river_nodes(r, &n);
    for (size_t i = 0; i < nn; i++)
        if (n[i].tree == tree && n[i].flow_node == (int)k)
            return (int)i;
    return -1;
}

static void expect_paths_through_crossings(const ir_flowmap *m,
                                           const ir_river *r)
{
    const ir_flow *f;
    ir_flowmap_flows(m, &f);
    const ir_river_tree *t;
    size_t nt = ir_river_trees(r, &t);
    const ir_river_node *n;
    ir_river_nodes(r, &n);
    const ir_river_route *rt;
    size_t nr = ir_river_routes(r, &rt);
    for (size_t i = 0; i < nr; i++) {
        const ir_flow *fl = &f[rt[i].flow];
        int c = rt[i].crossing;
        for (int side = 0; side < 2; side++) {
            int tree = -1;
            for (size_t k = 0; k < nt; k++)
                if (t[k].crossing == (size_t)c && t[k].outgoing == side)
                    tree = (int)k;
            cr_assert_geq(tree, 0, "route %zu has no tree on side %d", i, side);
            int at = terminal_of(r, tree, side ? fl->to_node : fl->from_node);
            cr_assert_geq(at, 0, "route %zu: its state is not in the tree", i);
            int steps = 0;
            while (n[at].parent >= 0 && steps++ < 1000)
                at = n[at].parent;
            cr_expect_eq(at, t[tree].root);
            cr_expect(n[at].at.x == cross_at[c].x && n[at].at.y == cross_at[c].y,
                      "route %zu does not pass its crossing", i);
        }
    }
}

/* On the full 49 x 32 matrix the shortest routes send every origin to
 * most crossings, and the trees of neighbouring crossings cut through
 * each other thousands of times; spread routes take most of that away
 * (measured: 2,213 -> 259 on this page). */
Test(river, spread_routes_cross_far_less_than_the_shortest, .timeout = 60)
{
    ir_od *od = od_of_command("bench/gen-od.sh 1");
    ir_flowmap *m = map_of(od, 0);
    ir_river *shortest = river_with(m, NULL, 0, true);
    ir_river *spread = river_with(m, NULL, 0, false);
    size_t a = ir_river_tree_crossings(shortest), b = ir_river_tree_crossings(spread);
    cr_log_info("full matrix: %zu crossings between trees by the shortest "
                "routes, %zu spread", a, b);
    cr_expect_gt(a, 1000);
    cr_expect_lt(b * 4, a, "%zu against %zu", b, a);
    ir_river_destroy(shortest);
    ir_river_destroy(spread);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

Test(river, every_flow_passes_through_its_crossing)
{
    ir_od *od = od_of_command("bench/gen-od.sh 3");
    ir_flowmap *m = map_of(od, 0);
    /* The shortest route rule: no crossing makes a flow's route shorter;
     * spread, none is more than 15% longer than that. */
    const ir_flow *f;
    size_t nf = ir_flowmap_flows(m, &f);
    ir_river *r = NULL;
    size_t longer = 0;
    for (int shortest_only = 1; shortest_only >= 0; shortest_only--) {
        ir_river_destroy(r);
        r = river_with(m, NULL, 0, shortest_only);
        expect_paths_through_crossings(m, r);
        const ir_river_route *rt;
        size_t nr = ir_river_routes(r, &rt);
        cr_expect_eq(nr, nf);
        for (size_t i = 0; i < nr; i++) {
            const ir_flow *fl = &f[rt[i].flow];
            ir_point c = cross_at[rt[i].crossing];
            double len = hypot(c.x - fl->from.x, c.y - fl->from.y) +
                         hypot(fl->to.x - c.x, fl->to.y - c.y), best = HUGE_VAL;
            for (size_t k = 0; k < ncross; k++)
                best = fmin(best, hypot(cross_at[k].x - fl->from.x,
                                        cross_at[k].y - fl->from.y) +
                                      hypot(fl->to.x - cross_at[k].x,
                                            fl->to.y - cross_at[k].y));
            cr_expect_leq(len, (shortest_only ? 1 : 1.15) * best + 1e-9);
            cr_expect(rt[i].shortest, "chosen, not given by the data");
            longer += !shortest_only && len > best + 1e-9;
        }
    }
    cr_expect_gt(longer, 0, "some flows take another crossing than the shortest");
    ir_river_destroy(r);
    /* Crossings given by the data are the ones taken, a flow split
     * between two crossings included; weight is kept per crossing. */
    ir_river_route *given = malloc((nf + 1) * sizeof *given);
    size_t ng = 0;
    for (size_t i = 0; i < nf; i++) {
        if (i == 0) {
            given[ng++] = (ir_river_route){ 0, 2, f[0].weight / 4, false, false };
            given[ng++] = (ir_river_route){ 0, 7, 3 * f[0].weight / 4, false, false };
        } else {
            given[ng++] = (ir_river_route){ i, (int)(i % ncross), f[i].weight, false, false };
        }
    }
    r = river_of(m, given, ng);
    const ir_river_route *rt;
    size_t nr = ir_river_routes(r, &rt);
    cr_assert_eq(nr, ng);
    for (size_t i = 0; i < nr; i++) {
        cr_expect_eq(rt[i].crossing, given[i].crossing);
        cr_expect_eq(rt[i].weight, given[i].weight);
    }
    expect_paths_through_crossings(m, r);
    const ir_river_tree *t;
    size_t nt = ir_river_trees(r, &t);
    for (size_t c = 0; c < ncross; c++) {
        double want = 0, got = 0;
        for (size_t i = 0; i < ng; i++)
            want += given[i].crossing == (int)c ? given[i].weight : 0;
        for (size_t k = 0; k < nt; k++)
            if (t[k].crossing == c && !t[k].outgoing)
                got = t[k].weight;
        cr_expect(fabs(want - got) <= 1e-9 * fmax(1, want),
                  "crossing %zu carries %g, not %g", c, got, want);
    }
    free(given);
    ir_river_destroy(r);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

static bool cross(ir_point a, ir_point b, ir_point c, ir_point d)
{
    double d1 = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    double d2 = (b.x - a.x) * (d.y - a.y) - (b.y - a.y) * (d.x - a.x);
    double d3 = (d.x - c.x) * (a.y - c.y) - (d.y - c.y) * (a.x - c.x);
    double d4 = (d.x - c.x) * (b.y - c.y) - (d.y - c.y) * (b.x - c.x);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
           ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/* No band's outline crosses itself; no two bands of one tree cross,
 * centre line against centre line, away from the nodes they share. */
static void expect_no_crossings_in_trees(const ir_river *r)
{
    const ir_river_band *b;
    size_t nb = ir_river_bands(r, &b);
    ir_point o[256];
    for (size_t i = 0; i < nb; i++) {
        size_t n = ir_river_outline(r, &b[i], 0, o, 256);
        for (size_t p = 0; p < n; p++)
            for (size_t q = p + 2; q < n; q++) {
                if (p == 0 && q == n - 1)
                    continue; /* neighbours around the closing edge */
                cr_expect(!cross(o[p], o[(p + 1) % n], o[q], o[(q + 1) % n]),
                          "band %zu's outline crosses itself", i);
            }
    }
    enum { K = 32 };
    for (size_t i = 0; i < nb; i++)
        for (size_t j = i + 1; j < nb; j++) {
            if (b[i].tree != b[j].tree)
                continue;
            for (int s = 1; s < K - 1; s++)
                for (int u = 1; u < K - 1; u++)
                    cr_expect(!cross(ir_river_at(&b[i], (double)s / K),
                                     ir_river_at(&b[i], (double)(s + 1) / K),
                                     ir_river_at(&b[j], (double)u / K),
                                     ir_river_at(&b[j], (double)(u + 1) / K)),
                              "bands %zu and %zu of tree %d cross", i, j,
                              b[i].tree);
        }
}

/* The river of the `top` largest flows of od (all with 0). */
static void expect_untangled(ir_od *od, size_t top)
{
    ir_flowmap *m = map_of(od, top);
    ir_river *r = river_of(m, NULL, 0);
    expect_no_crossings_in_trees(r);
    ir_river_destroy(r);
    ir_flowmap_destroy(m);
}

Test(river, no_band_crosses_another_of_its_tree_or_itself)
{
    ir_od *od = od_of(channels);
    expect_untangled(od, 0);
    ir_od_destroy(od);
    /* 120 flows is where long branches drawn as single cubics crossed
     * their neighbours before they followed their spirals. */
    od = od_of_command("bench/gen-traces 20000 9");
    expect_untangled(od, 60);
    expect_untangled(od, 120);
    ir_od_destroy(od);
    /* Seeds whose 30 largest flows put a destination just past a join,
     * where a collapsed join once made its band cross its sibling. */
    const char *seeds[2] = { "bench/gen-traces 20000 3",
                             "bench/gen-traces 20000 7" };
    for (int k = 0; k < 2; k++) {
        od = od_of_command(seeds[k]);
        expect_untangled(od, 30);
        ir_od_destroy(od);
    }
}

/* Bands between two joins of a tree that are shorter than the band is
 * wide, whose outlines fold over themselves. */
static size_t folded_joins(const ir_river *r)
{
    const ir_river_band *b;
    const ir_river_node *nodes;
    size_t nb = ir_river_bands(r, &b), folded = 0;
    ir_river_nodes(r, &nodes);
    for (size_t i = 0; i < nb; i++) {
        const ir_river_node *up = &nodes[b[i].upstream];
        const ir_river_node *down = &nodes[b[i].downstream];
        if (up->flow_node >= 0 || down->flow_node >= 0)
            continue;
        double chord = hypot(b[i].p[3].x - b[i].p[0].x,
                             b[i].p[3].y - b[i].p[0].y);
        folded += chord < b[i].width;
    }
    return folded;
}

/* A join too close to its parent is collapsed into it, so that no band
 * between joins is shorter than it is wide, on maps of 30 to 500 flows. */
Test(river, no_band_between_joins_is_shorter_than_wide)
{
    ir_od *od = od_of_command("bench/gen-traces 20000 9");
    const size_t tops[4] = { 30, 120, 250, 500 };
    size_t bands = 0;
    for (int k = 0; k < 4; k++) {
        ir_flowmap *m = map_of(od, tops[k]);
        ir_river *r = river_of(m, NULL, 0);
        const ir_river_band *b;
        bands += ir_river_bands(r, &b);
        cr_expect_eq(folded_joins(r), 0, "top %zu: %zu folded bands",
                     tops[k], folded_joins(r));
        ir_river_destroy(r);
        ir_flowmap_destroy(m);
    }
    cr_log_info("%zu bands checked", bands);
    ir_od_destroy(od);
}

/* Destination bands that ir_river_outline cannot draw: too short for
 * its head and the gap before the node, so the destination would get no
 * arrow. */
static size_t undrawn_arrows(const ir_river *r)
{
    const ir_river_band *b;
    size_t nb = ir_river_bands(r, &b), n = 0;
    ir_point o[256];
    for (size_t i = 0; i < nb; i++)
        n += b[i].arrow && ir_river_outline(r, &b[i], 0, o, 256) == 0;
    return n;
}

/* Faults in the trees' structure: a live node that does not reach its
 * tree's root through live nodes of that tree, or a destination of an
 * outgoing tree that does not end exactly one band. */
static size_t broken_trees(const ir_river *r)
{
    const ir_river_node *n;
    size_t nn = ir_river_nodes(r, &n), faults = 0;
    const ir_river_tree *t;
    ir_river_trees(r, &t);
    const ir_river_band *b;
    size_t nb = ir_river_bands(r, &b);
    for (size_t i = 0; i < nn; i++) {
        if (n[i].tree < 0)
            continue;
        int at = (int)i;
        for (size_t steps = 0; n[at].parent >= 0 && steps < nn; steps++) {
            at = n[at].parent;
            if (n[at].tree != n[i].tree)
                break;
        }
        faults += at != t[n[i].tree].root || n[at].tree != n[i].tree;
        if (n[i].flow_node >= 0 && t[n[i].tree].outgoing) {
            size_t ending = 0;
            for (size_t k = 0; k < nb; k++)
                ending += b[k].downstream == (int)i;
            faults += ending != 1;
        }
    }
    return faults;
}

typedef struct point_set {
    const ir_point *points;
    size_t npoints;
    const ir_point_flow *flows;
    size_t nflows;
} point_set;

static ir_flowmap *make_point_map(const ir_flowmap_options *o, void *arg)
{
    const point_set *p = arg;
    ir_error err = { 0 };
    ir_flowmap *m = ir_flowmap_create_points(p->points, p->npoints, p->flows,
                                             p->nflows, &frame, o, &err);
    cr_assert_not_null(m, "%s", err.message);
    return m;
}

/* n flows between k jittered points on each side of the border, with
 * weights from 1 to 500, from an LCG seed: denser than the state maps,
 * with many joins to collapse. */
static ir_flowmap *jittered_map(size_t n, unsigned long long seed)
{
    unsigned long long rng = seed;
#define NEXT() ((unsigned)((rng = rng * 6364136223846793005ULL + \
                                  1442695040888963407ULL) >> 33))
    size_t us[64], mx[64], nus = 0, nmx = 0;
    for (size_t i = 0; i < ir_states_count(world.states); i++) {
        const ir_state *st = ir_states_at(world.states, i);
        double x, y;
        if (!ir_anchors_get(anchors, i, &x, &y) || strcmp(st->iso, "US-AK") == 0 ||
            strcmp(st->iso, "US-HI") == 0)
            continue;
        if (strcmp(st->country, "US") == 0 && nus < 64)
            us[nus++] = i;
        else if (strcmp(st->country, "MX") == 0 && nmx < 64)
            mx[nmx++] = i;
    }
    size_t k = (size_t)ceil(2 * sqrt((double)n)) + 1;
    ir_point *pts = malloc(2 * k * sizeof *pts);
    ir_point_flow *flows = malloc(n * sizeof *flows);
    cr_assert(pts && flows);
    for (size_t i = 0; i < 2 * k; i++) {
        size_t st = i < k ? us[NEXT() % nus] : mx[NEXT() % nmx];
        double x, y;
        ir_anchors_get(anchors, st, &x, &y);
        ir_frame_to_page(&frame, x, y, &pts[i].x, &pts[i].y);
        pts[i].x += ((NEXT() % 2001) / 1000.0 - 1) * 30;
        pts[i].y += ((NEXT() % 2001) / 1000.0 - 1) * 30;
    }
    for (size_t f = 0; f < n; f++)
        flows[f] = (ir_point_flow){ f % k, k + (f / k) % k, 1 + NEXT() % 500 };
#undef NEXT
    ir_flowmap_options o;
    ir_flowmap_options_default(&o);
    point_set set = { pts, 2 * k, flows, n };
    ir_flowmap *m = at_river_scale(&o, make_point_map, &set);
    free(pts);
    free(flows);
    return m;
}

/* Every destination gets its arrow: a join that leaves a destination's
 * band no room for its head collapses into its parent, and a band still
 * too short for a whole head keeps a shorter one.  Before the collapse,
 * these maps had 2 to 14 destinations with no band.  Up to 120 flows
 * none is left; at 250 and 500 a join that untangling places on a
 * destination's circle still can be (3 of 162 bands at most). */
Test(river, every_destination_gets_its_arrow)
{
    const char *seeds[2] = { "bench/gen-traces 20000 9",
                             "bench/gen-traces 20000 1" };
    const size_t tops[5] = { 30, 60, 120, 250, 500 };
    for (int s = 0; s < 2; s++) {
        ir_od *od = od_of_command(seeds[s]);
        for (int k = 0; k < 5; k++) {
            ir_flowmap *m = map_of(od, tops[k]);
            ir_river *r = river_of(m, NULL, 0);
            const ir_river_band *b;
            size_t nb = ir_river_bands(r, &b), arrows = 0;
            for (size_t i = 0; i < nb; i++)
                arrows += b[i].arrow;
            size_t missing = undrawn_arrows(r);
            cr_expect_eq(broken_trees(r), 0, "%s, top %zu: %zu nodes cut off "
                         "their tree or destinations without one band",
                         seeds[s], tops[k], broken_trees(r));
            /* Past 120 flows a join can still sit on a destination's
             * circle, with no room for any head. */
            if (tops[k] <= 120)
                cr_expect_eq(missing, 0, "%s, top %zu: %zu destinations "
                             "without an arrow", seeds[s], tops[k], missing);
            else {
                cr_log_info("%s, top %zu: %zu of %zu destinations without an "
                            "arrow", seeds[s], tops[k], missing, arrows);
                cr_expect(missing * 50 < arrows, "%s, top %zu: %zu of %zu "
                          "destinations without an arrow", seeds[s], tops[k],
                          missing, arrows);
            }
            ir_river_destroy(r);
            ir_flowmap_destroy(m);
        }
        ir_od_destroy(od);
    }
}

/* A destination just past its crossing on a map of the whole country:
 * Sonora, a few points below Nogales, still gets its arrow. */
Test(river, a_destination_next_to_its_crossing_gets_its_arrow)
{
    ir_od *od = od_of("origin,destination,weight\nArizona,Sonora,800\n"
                        "Florida,Quintana Roo,300\nTexas,Jalisco,900\n");
    ir_flowmap *m = map_of(od, 0);
    ir_river *r = river_of(m, NULL, 0);
    const ir_river_band *b;
    size_t nb = ir_river_bands(r, &b), arrows = 0;
    for (size_t i = 0; i < nb; i++)
        arrows += b[i].arrow;
    cr_expect_eq(arrows, 3);
    cr_expect_eq(undrawn_arrows(r), 0);
    ir_river_destroy(r);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

/* Trees of different ports cross each other less than the straight flows
 * between the same states, routed through the same crossings, would. */
Test(river, crossings_between_trees_are_counted_and_fewer_than_straight)
{
    ir_od *od = od_of_command("bench/gen-traces 20000 9");
    ir_flowmap *m = map_of(od, 120);
    ir_river *r = river_of(m, NULL, 0);
    size_t river_crossings = ir_river_tree_crossings(r);
    const ir_flow *f;
    ir_flowmap_flows(m, &f);
    const ir_river_route *rt;
    size_t nr = ir_river_routes(r, &rt);
    size_t straight = 0;
    for (size_t i = 0; i < nr; i++)
        for (size_t j = i + 1; j < nr; j++) {
            if (rt[i].crossing == rt[j].crossing)
                continue;
            const ir_flow *a = &f[rt[i].flow], *b = &f[rt[j].flow];
            ir_point ci = cross_at[rt[i].crossing], cj = cross_at[rt[j].crossing];
            straight += cross(a->from, ci, b->from, cj) ||
                        cross(ci, a->to, cj, b->to) ||
                        cross(a->from, ci, cj, b->to) ||
                        cross(ci, a->to, b->from, cj);
        }
    cr_log_info("crossings between trees: %zu in river mode, %zu for the "
                "straight routes", river_crossings, straight);
    cr_expect_lt(river_crossings, straight);
    ir_river_destroy(r);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

static int covered_unserved(const ir_flowmap *m, const ir_river *r)
{
    const ir_river_band *b;
    size_t nb = ir_river_bands(r, &b);
    const ir_river_node *rn;
    size_t nrn = ir_river_nodes(r, &rn);
    const ir_node *fn;
    size_t nn = ir_flowmap_nodes(m, &fn);
    int covered = 0;
    for (size_t i = 0; i < nb; i++)
        for (size_t k = 0; k < nn; k++) {
            bool served = false;
            for (size_t q = 0; q < nrn && !served; q++)
                served = rn[q].tree == b[i].tree && rn[q].flow_node == (int)k;
            if (served)
                continue;
            for (int s = 1; s < 100; s++) {
                ir_point p = ir_river_at(&b[i], s / 100.0);
                if (hypot(p.x - fn[k].at.x, p.y - fn[k].at.y) <
                    fn[k].radius + b[i].width / 2) {
                    covered++;
                    break;
                }
            }
        }
    return covered;
}

Test(river, bands_keep_off_states_they_do_not_serve)
{
    ir_od *od = od_of(channels);
    ir_flowmap *m = map_of(od, 0);
    ir_river *r = river_of(m, NULL, 0);
    cr_expect_eq(covered_unserved(m, r), 0);
    ir_river_destroy(r);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
    od = od_of_command("bench/gen-traces 20000 9");
    m = map_of(od, 30);
    r = river_of(m, NULL, 0);
    int c = covered_unserved(m, r);
    cr_log_info("30 flows: %d bands over a state they do not serve", c);
    cr_expect_eq(c, 0);
    ir_river_destroy(r);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

Test(river, identical_input_gives_identical_trees)
{
    ir_od *od = od_of_command("bench/gen-od.sh 3");
    ir_flowmap *m = map_of(od, 0);
    ir_river *a = river_of(m, NULL, 0), *b = river_of(m, NULL, 0);
    const ir_river_band *ba, *bb;
    size_t na = ir_river_bands(a, &ba), nb = ir_river_bands(b, &bb);
    cr_assert_eq(na, nb);
    cr_expect_eq(memcmp(ba, bb, na * sizeof *ba), 0);
    ir_river_destroy(a);
    ir_river_destroy(b);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

Test(river, crossings_file_errors_name_line_and_field)
{
    const char *path = th_path(th_tmpdir(), "ports.csv");
    const char *bad = "id,name_en,name_es,lat,lon\nx,X,X,32.5,-117\n"
                      "y,Y,Y,north,-110\n";
    th_write_file(path, bad, strlen(bad));
    ir_error err = { 0 };
    cr_expect_null(ir_crossings_load(path, &err));
    cr_expect(strstr(err.message, "line 3") && strstr(err.message, "lat") &&
              strstr(err.message, "north"), "%s", err.message);
    const char *nohead = "id,name,lat,lon\nx,X,32,-117\n";
    th_write_file(path, nohead, strlen(nohead));
    cr_expect_null(ir_crossings_load(path, &err));
    cr_expect(strstr(err.message, "name_en") != NULL, "%s", err.message);
    const char *twice = "id,name_en,name_es,lat,lon\nx,X,X,32,-117\n"
                        "x,X,X,31,-110\n";
    th_write_file(path, twice, strlen(twice));
    cr_expect_null(ir_crossings_load(path, &err));
    cr_expect(strstr(err.message, "twice") != NULL, "%s", err.message);
}

/* A column naming each row's crossing splits flows between crossings;
 * rows naming none take the shortest route; a name that is no crossing
 * is an error with its line, column and value. */
Test(river, crossings_named_in_the_input_are_taken)
{
    const char *path = th_path(th_tmpdir(), "traces.csv");
    const char *text =
        "year,purchase_state,recovery_state,crossing,count\n"
        "2023,Texas,Nuevo León,laredo,700\n"
        "2023,Texas,Nuevo León,Reynosa–Hidalgo,458\n"
        "2023,Texas,Tamaulipas,matamoros-brownsville,1191\n"
        "2023,Arizona,Sonora,,1618\n";
    th_write_file(path, text, strlen(text));
    ir_aggregate_options o = { .weight = "count" };
    ir_aggregate_report rep;
    ir_error err = { 0 };
    ir_od *od = ir_aggregate_file(path, world.states, &o, &rep, &err);
    cr_assert_not_null(od, "%s", err.message);
    ir_aggregate_report_free(&rep);
    ir_flowmap *m = map_of(od, 0);
    ir_river_route *routes;
    size_t n;
    cr_assert_eq(ir_crossroute_read(path, "crossing", world.states, &o,
                                    crossings, m, &routes, &n, &err), 0, "%s",
                 err.message);
    const ir_flow *f;
    ir_flowmap_flows(m, &f);
    double laredo = 0, reynosa = 0, matamoros = 0, shortest = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = routes[i].crossing >= 0
            ? ir_crossings_at(crossings, (size_t)routes[i].crossing)->id : "";
        const char *o_iso = f[routes[i].flow].origin->iso;
        const char *d_iso = f[routes[i].flow].destination->iso;
        if (!strcmp(id, "laredo") && !strcmp(d_iso, "MX-NLE"))
            laredo += routes[i].weight;
        else if (!strcmp(id, "reynosa-hidalgo") && !strcmp(d_iso, "MX-NLE"))
            reynosa += routes[i].weight;
        else if (!strcmp(id, "matamoros-brownsville") &&
                 !strcmp(d_iso, "MX-TAM"))
            matamoros += routes[i].weight;
        else if (routes[i].crossing < 0 && !strcmp(o_iso, "US-AZ"))
            shortest += routes[i].weight;
        else
            cr_expect_fail("unexpected route %s -> %s via '%s'", o_iso, d_iso,
                           id);
    }
    cr_expect_eq(laredo, 700);
    cr_expect_eq(reynosa, 458);
    cr_expect_eq(matamoros, 1191);
    cr_expect_eq(shortest, 1618);
    ir_river *r = river_of(m, routes, n);
    expect_paths_through_crossings(m, r);
    ir_river_destroy(r);
    free(routes);
    const char *bad = "purchase_state,recovery_state,crossing\n"
                      "Texas,Sonora,laredo\nTexas,Sonora,atlantis\n";
    th_write_file(path, bad, strlen(bad));
    ir_aggregate_options o2 = { 0 };
    cr_expect_neq(ir_crossroute_read(path, "crossing", world.states, &o2,
                                     crossings, m, &routes, &n, &err), 0);
    cr_expect(strstr(err.message, "line 3") && strstr(err.message, "crossing") &&
              strstr(err.message, "atlantis"), "%s", err.message);
    cr_expect_neq(ir_crossroute_read(path, "port", world.states, &o2,
                                     crossings, m, &routes, &n, &err), 0);
    cr_expect(strstr(err.message, "port") != NULL, "%s", err.message);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

/* In river mode the flows CSV lists each flow's crossings: by id and
 * name, the weight through each, and whether the input or the
 * shortest-route rule chose it. */
Test(river, flows_csv_lists_crossings_and_how_they_were_chosen)
{
    const char *dir = th_tmpdir();
    const char *path = th_path(dir, "routed.csv");
    const char *text =
        "year,purchase_state,recovery_state,crossing,count\n"
        "2023,Texas,Nuevo León,laredo,700\n"
        "2023,Texas,Nuevo León,Reynosa–Hidalgo,458\n"
        "2023,Arizona,Sonora,,1618\n";
    th_write_file(path, text, strlen(text));
    char cmd[4096], out[1024], csv[1024];
    snprintf(out, sizeof out, "%s", th_path(dir, "routed.svg"));
    snprintf(csv, sizeof csv, "%s", th_path(dir, "routed-flows.csv"));
    snprintf(cmd, sizeof cmd, "%s map %s --weight count --crossing crossing "
             "--mode river --quiet -o %s --flows-csv %s --lang es",
             th_binary(), path, out, csv);
    char *err = NULL;
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err ? err : "");
    free(err);
    size_t n;
    char *got = th_read_file(csv, &n);
    cr_assert_not_null(got);
    const char *want =
        "origin,destination,crossing,crossing_name,weight,routed_by\n"
        "US-TX,MX-NLE,laredo,Nuevo Laredo–Laredo (Puente I),700,data\n"
        "US-TX,MX-NLE,reynosa-hidalgo,Reynosa–Hidalgo,458,data\n"
        "US-AZ,MX-SON,nogales,Nogales (Morley),1618,shortest route\n";
    cr_expect_str_eq(got, want);
    free(got);
}

/* Joins that collapse in one round leave no node cut off from its
 * crossing (the kids lists are a round old: on these two maps, collapsing
 * a join that had just taken another's branches cut 4 and 31 nodes off
 * their trees), and every destination still ends one band. */
Test(river, collapses_keep_every_tree_whole)
{
    const struct { size_t n; unsigned seed; } maps[2] = { { 1000, 4 },
                                                        { 3000, 6 } };
    for (int k = 0; k < 2; k++) {
        ir_flowmap *m = jittered_map(maps[k].n, maps[k].seed);
        ir_river *r = river_of(m, NULL, 0);
        cr_expect_eq(broken_trees(r), 0, "%zu flows, seed %u: %zu faults",
                     maps[k].n, maps[k].seed, broken_trees(r));
        cr_log_info("%zu flows, seed %u: %zu destinations without an arrow",
                    maps[k].n, maps[k].seed, undrawn_arrows(r));
        ir_river_destroy(r);
        ir_flowmap_destroy(m);
    }
}

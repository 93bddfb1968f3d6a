/*
 * The force-directed lay-out on bare points: overlaps reduced, nodes and
 * obstacles cleared, the map area kept, reverse pairs side by side,
 * symmetric curves, radial spread, identical reruns.  Every check samples
 * the curves itself rather than trusting the module's own tests.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "layout/flowfield.h"
#include "layout/flowlayout.h"
#include "layout/flowspread.h"

#define PAGE_W 800.0
#define PAGE_H 600.0

static void options(ir_layout_options *o)
{
    ir_layout_options_default(o);
    o->rect[0] = 0;
    o->rect[1] = 0;
    o->rect[2] = PAGE_W;
    o->rect[3] = PAGE_H;
}

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

/* n random flows among nn random nodes on the page, seeded. */
static void random_map(uint32_t seed, ir_layout_node *nodes, size_t nn,
                       ir_layout_flow *flows, size_t n)
{
    for (size_t i = 0; i < nn; i++)
        nodes[i] = (ir_layout_node){ { 60 + lcg(&seed) % 680,
                                       60 + lcg(&seed) % 480 },
                                     2 + lcg(&seed) % 4 };
    for (size_t i = 0; i < n; i++) {
        size_t a = lcg(&seed) % nn, b = lcg(&seed) % nn;
        if (a == b)
            b = (a + 1) % nn;
        flows[i] = (ir_layout_flow){ a, b, 0.8 + (lcg(&seed) % 70) / 10.0,
                                     { 0, 0 } };
    }
}

static ir_point at(const ir_layout_flow *f, const ir_layout_node *nodes,
                   double t)
{
    return ir_flowgeom_at(nodes[f->from].at, f->control, nodes[f->to].at, t);
}

/* Flows whose band, sampled at 400 points, covers a node they do not
 * connect. */
static int covering(const ir_layout_flow *flows, size_t n,
                    const ir_layout_node *nodes, size_t nn)
{
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        bool hit = false;
        for (size_t k = 0; k < nn && !hit; k++) {
            if (k == flows[i].from || k == flows[i].to)
                continue;
            for (int s = 1; s < 400 && !hit; s++) {
                ir_point p = at(&flows[i], nodes, s / 400.0);
                hit = hypot(p.x - nodes[k].at.x, p.y - nodes[k].at.y) <
                      nodes[k].radius + flows[i].width / 2;
            }
        }
        count += hit;
    }
    return count;
}

static void default_controls(ir_layout_flow *flows, size_t n,
                             const ir_layout_node *nodes,
                             const ir_layout_options *o)
{
    for (size_t i = 0; i < n; i++)
        flows[i].control = ir_flowlayout_default_control(
            &nodes[flows[i].from], &nodes[flows[i].to], o);
}

Test(flowlayout, forces_reduce_overlaps)
{
    enum { NN = 40, NF = 300 };
    static ir_layout_node nodes[NN];
    static ir_layout_flow flows[NF];
    random_map(7, nodes, NN, flows, NF);
    ir_layout_options o;
    options(&o);
    default_controls(flows, NF, nodes, &o);
    long before = ir_flowfield_overlap(flows, NF, nodes, NN);
    ir_layout_report rep;
    cr_assert_eq(ir_flowlayout_run(flows, NF, nodes, NN, &o, &rep), 0);
    long after = ir_flowfield_overlap(flows, NF, nodes, NN);
    cr_log_info("overlapping sample pairs: %ld default, %ld laid out", before,
                after);
    cr_expect_gt(before, 0);
    cr_expect_lt(after, 0.8 * before, "overlaps %ld -> %ld", before, after);
}

Test(flowlayout, flows_clear_a_node_on_their_default_path)
{
    ir_layout_options o;
    options(&o);
    ir_layout_node nodes[4] = { { { 150, 300 }, 4 }, { { 650, 300 }, 4 },
                                { { 0, 0 }, 6 }, { { 400, 560 }, 3 } };
    /* Node 2 sits on the default curve's apex. */
    ir_point c = ir_flowlayout_default_control(&nodes[0], &nodes[1], &o);
    nodes[2].at = ir_flowgeom_at(nodes[0].at, c, nodes[1].at, 0.5);
    ir_layout_flow flows[2] = { { 0, 1, 8, { 0, 0 } }, { 2, 3, 2, { 0, 0 } } };
    default_controls(flows, 2, nodes, &o);
    cr_assert_eq(covering(flows, 2, nodes, 4), 1);
    ir_layout_report rep;
    cr_assert_eq(ir_flowlayout_run(flows, 2, nodes, 4, &o, &rep), 0);
    cr_expect_eq(covering(flows, 2, nodes, 4), 0);
    cr_expect_eq(rep.node_conflicts, 0);
}

Test(flowlayout, dense_random_maps_clear_every_node)
{
    enum { NN = 30, NF = 60 };
    static ir_layout_node nodes[NN];
    static ir_layout_flow flows[NF];
    for (uint32_t seed = 1; seed <= 5; seed++) {
        random_map(seed, nodes, NN, flows, NF);
        ir_layout_options o;
        options(&o);
        default_controls(flows, NF, nodes, &o);
        int before = covering(flows, NF, nodes, NN);
        ir_layout_report rep;
        cr_assert_eq(ir_flowlayout_run(flows, NF, nodes, NN, &o, &rep), 0);
        int after = covering(flows, NF, nodes, NN);
        cr_log_info("seed %u: %d flows over a node by default, %d laid out",
                    seed, before, after);
        cr_expect_eq(after, (int)rep.node_conflicts,
                     "the report counts what is left");
        cr_expect_eq(after, 0, "seed %u: %d flows still over a node", seed,
                     after);
    }
}

Test(flowlayout, flows_keep_off_obstacles_and_inside_the_map)
{
    ir_layout_options o;
    options(&o);
    ir_layout_node nodes[4] = { { { 100, 40 }, 4 }, { { 700, 40 }, 4 },
                                { { 60, 500 }, 4 }, { { 740, 520 }, 4 } };
    /* Flow 0-1 bends up, out of the page, by default; flow 2-3 runs along
     * the bottom edge through a legend-sized box. */
    ir_layout_flow flows[2] = { { 1, 0, 10, { 0, 0 } },
                                { 2, 3, 6, { 0, 0 } } };
    double box[1][4] = { { 300, 480, 420, 600 } };
    o.obstacles = box;
    o.nobstacles = 1;
    default_controls(flows, 2, nodes, &o);
    cr_assert_lt(at(&flows[0], nodes, 0.5).y, 0, "test premise: off the page");
    ir_layout_report rep;
    cr_assert_eq(ir_flowlayout_run(flows, 2, nodes, 4, &o, &rep), 0);
    for (int i = 0; i < 2; i++)
        for (int s = 0; s <= 200; s++) {
            ir_point p = at(&flows[i], nodes, s / 200.0);
            double h = flows[i].width / 2;
            cr_expect(p.x >= h - 1e-6 && p.x <= PAGE_W - h + 1e-6 &&
                      p.y >= h - 1e-6 && p.y <= PAGE_H - h + 1e-6,
                      "flow %d leaves the map at t=%g (%g, %g)", i, s / 200.0,
                      p.x, p.y);
            cr_expect(!(p.x > box[0][0] - h && p.x < box[0][2] + h &&
                        p.y > box[0][1] - h && p.y < box[0][3] + h),
                      "flow %d on the legend at t=%g", i, s / 200.0);
        }
    cr_expect_eq(rep.obstacle_conflicts, 0);
}

Test(flowlayout, reverse_pairs_run_side_by_side)
{
    ir_layout_options o;
    options(&o);
    ir_layout_node nodes[2] = { { { 200, 300 }, 5 }, { { 600, 300 }, 5 } };
    ir_layout_flow flows[2] = { { 0, 1, 9, { 0, 0 } }, { 1, 0, 6, { 0, 0 } } };
    ir_layout_report rep;
    cr_assert_eq(ir_flowlayout_run(flows, 2, nodes, 2, &o, &rep), 0);
    /* Away from the shared nodes, the bands never touch. */
    double closest = HUGE_VAL;
    for (int a = 20; a <= 80; a++)
        for (int b = 20; b <= 80; b++) {
            ir_point p = at(&flows[0], nodes, a / 100.0);
            ir_point q = at(&flows[1], nodes, b / 100.0);
            closest = fmin(closest, hypot(p.x - q.x, p.y - q.y));
        }
    cr_expect_gt(closest, (9 + 6) / 2.0, "bands %g apart", closest);
    /* And on opposite sides of the chord. */
    cr_expect_lt((flows[0].control.y - 300) * (flows[1].control.y - 300), 0);
}

Test(flowlayout, curves_stay_nearly_symmetric)
{
    enum { NN = 40, NF = 300 };
    static ir_layout_node nodes[NN];
    static ir_layout_flow flows[NF];
    random_map(11, nodes, NN, flows, NF);
    ir_layout_options o;
    options(&o);
    ir_layout_report rep;
    cr_assert_eq(ir_flowlayout_run(flows, NF, nodes, NN, &o, &rep), 0);
    double worst = 0, sum = 0;
    for (size_t i = 0; i < NF; i++) {
        ir_point a = nodes[flows[i].from].at, b = nodes[flows[i].to].at;
        double dx = b.x - a.x, dy = b.y - a.y, len = hypot(dx, dy);
        /* The control point's slide along the chord from its bisector. */
        double along = ((flows[i].control.x - (a.x + b.x) / 2) * dx +
                        (flows[i].control.y - (a.y + b.y) / 2) * dy) /
                       len / len;
        worst = fmax(worst, fabs(along));
        sum += fabs(along);
    }
    cr_log_info("asymmetry: mean %.3f, worst %.3f of the chord", sum / NF,
                worst);
    cr_expect_lt(sum / NF, 0.03);
    cr_expect_lt(worst, 0.1);
}

Test(flowlayout, flows_sharing_a_node_spread_around_it)
{
    ir_layout_options o;
    options(&o);
    /* Six wide flows leave one node for a tight arc of destinations. */
    ir_layout_node nodes[7];
    ir_layout_flow flows[6];
    nodes[0] = (ir_layout_node){ { 150, 300 }, 6 };
    for (int i = 0; i < 6; i++) {
        double a = (i - 2.5) * 2.0 * M_PI / 180;
        nodes[i + 1] = (ir_layout_node){ { 150 + 450 * cos(a),
                                           300 + 450 * sin(a) }, 3 };
        flows[i] = (ir_layout_flow){ 0, (size_t)i + 1, 10, { 0, 0 } };
    }
    default_controls(flows, 6, nodes, &o);
    long before = ir_flowfield_overlap(flows, 6, nodes, 7);
    ir_layout_report rep;
    cr_assert_eq(ir_flowlayout_run(flows, 6, nodes, 7, &o, &rep), 0);
    long after = ir_flowfield_overlap(flows, 6, nodes, 7);
    /* Departure angles: the smallest gap between neighbours widens. */
    double ang[6];
    for (int i = 0; i < 6; i++)
        ang[i] = atan2(flows[i].control.y - 300, flows[i].control.x - 150);
    double gap = HUGE_VAL;
    for (int i = 0; i < 6; i++)
        for (int j = i + 1; j < 6; j++)
            gap = fmin(gap, fabs(ang[i] - ang[j]));
    cr_log_info("overlap %ld -> %ld, smallest departure gap %.1f deg", before,
                after, gap * 180 / M_PI);
    cr_expect_lt(after, before);
    cr_expect_gt(gap * 180 / M_PI, 2.0);
}

/* One sweep's spreading moves from sp, which keeps its order between
 * calls, into kept; expects them equal to those of a fresh spread. */
static void expect_fresh_moves(ir_flowspread *sp, const ir_layout_flow *flows,
                               size_t n, const ir_layout_node *nodes,
                               const ir_point *c, const ir_layout_options *o,
                               ir_point *kept, ir_point *fresh,
                               const char *what, int sweep)
{
    memset(kept, 0, n * sizeof *kept);
    memset(fresh, 0, n * sizeof *fresh);
    ir_flowspread_push(sp, c, o, kept);
    ir_flowspread *once = ir_flowspread_create(flows, n, nodes);
    cr_assert_not_null(once);
    ir_flowspread_push(once, c, o, fresh);
    ir_flowspread_destroy(once);
    cr_expect_eq(memcmp(kept, fresh, n * sizeof *kept), 0,
                 "%s sweep %d: re-sorted moves differ from a fresh sort",
                 what, sweep);
}

/* The spread keeps its ends sorted from one sweep to the next and
 * re-sorts them by insertion: its moves must be those of a fresh sort,
 * whether the control points moved a little or a lot. */
Test(flowlayout, spread_resorted_between_sweeps_equals_a_fresh_sort)
{
    enum { NN = 40, NF = 300 };
    static ir_layout_node nodes[NN];
    static ir_layout_flow flows[NF];
    static ir_point c[NF], kept[NF], fresh[NF];
    random_map(9, nodes, NN, flows, NF);
    ir_layout_options o;
    options(&o);
    default_controls(flows, NF, nodes, &o);
    for (size_t i = 0; i < NF; i++)
        c[i] = flows[i].control;
    ir_flowspread *sp = ir_flowspread_create(flows, NF, nodes);
    cr_assert_not_null(sp);
    uint32_t seed = 17;
    long moved = 0;
    for (int sweep = 0; sweep < 6; sweep++) {
        /* Small moves, then in the fourth sweep large ones. */
        double reach = sweep == 3 ? 200 : 4;
        for (size_t i = 0; i < NF; i++) {
            c[i].x += (lcg(&seed) % 2001 / 1000.0 - 1) * reach;
            c[i].y += (lcg(&seed) % 2001 / 1000.0 - 1) * reach;
        }
        expect_fresh_moves(sp, flows, NF, nodes, c, &o, kept, fresh, "random",
                           sweep);
        for (size_t i = 0; i < NF; i++)
            moved += kept[i].x != 0 || kept[i].y != 0;
    }
    ir_flowspread_destroy(sp);
    cr_log_info("%ld flow moves over 6 sweeps", moved);
    cr_expect_gt(moved, 0, "nothing was spread");

    /* A hub every flow leaves, its control points turned half round:
     * half the ends change places, past the insertion budget, and the
     * re-sort falls back to qsort. */
    for (size_t i = 0; i < NF; i++) {
        flows[i].from = 0;
        if (flows[i].to == 0)
            flows[i].to = 1 + i % (NN - 1);
    }
    default_controls(flows, NF, nodes, &o);
    for (size_t i = 0; i < NF; i++)
        c[i] = flows[i].control;
    sp = ir_flowspread_create(flows, NF, nodes);
    cr_assert_not_null(sp);
    ir_point hub = nodes[0].at;
    for (int sweep = 0; sweep < 3; sweep++) {
        if (sweep > 0)
            for (size_t i = 0; i < NF; i++)
                c[i] = (ir_point){ 2 * hub.x - c[i].x, 2 * hub.y - c[i].y };
        expect_fresh_moves(sp, flows, NF, nodes, c, &o, kept, fresh, "hub",
                           sweep);
    }
    ir_flowspread_destroy(sp);
}

Test(flowlayout, identical_input_gives_identical_curves)
{
    enum { NN = 40, NF = 300 };
    static ir_layout_node nodes[NN];
    static ir_layout_flow a[NF], b[NF];
    random_map(3, nodes, NN, a, NF);
    memcpy(b, a, sizeof a);
    ir_layout_options o;
    options(&o);
    ir_layout_report ra, rb;
    cr_assert_eq(ir_flowlayout_run(a, NF, nodes, NN, &o, &ra), 0);
    cr_assert_eq(ir_flowlayout_run(b, NF, nodes, NN, &o, &rb), 0);
    cr_expect_eq(memcmp(a, b, sizeof a), 0);
}

/* A large map runs its chunks on every thread: the curves are the same
 * on one core as on two, five or sixteen, run after run. */
Test(flowlayout, any_number_of_threads_gives_the_same_curves)
{
    enum { NN = 120, NF = 1500 };
    static ir_layout_node nodes[NN];
    static ir_layout_flow a[NF], b[NF];
    random_map(5, nodes, NN, a, NF);
    ir_layout_options o;
    options(&o);
    o.threads = 1;
    ir_layout_report ra, rb;
    memcpy(b, a, sizeof a);
    cr_assert_eq(ir_flowlayout_run(a, NF, nodes, NN, &o, &ra), 0);
    static const int threads[] = { 2, 2, 5, 16 };
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        static ir_layout_flow c[NF];
        memcpy(c, b, sizeof b);
        o.threads = threads[t];
        cr_assert_eq(ir_flowlayout_run(c, NF, nodes, NN, &o, &rb), 0);
        cr_expect_eq(memcmp(a, c, sizeof a), 0, "%d threads differ from one",
                     threads[t]);
        cr_expect_eq(ra.node_conflicts, rb.node_conflicts);
    }
}

/* Past force_max flows the lay-out works in tiers by width: the heaviest
 * are laid out as a map of their own, the next (up to clear_max) are only
 * bent off nodes, the rest keep their default curves. */
Test(flowlayout, heavy_flows_laid_out_alone_the_next_cleared_the_rest_kept)
{
    enum { NN = 40, NF = 300, FORCE = 50, CLEAR = 150 };
    static ir_layout_node nodes[NN];
    static ir_layout_flow all[NF], heavy[FORCE], def[NF];
    random_map(11, nodes, NN, all, NF);
    /* Distinct widths, so the tiers are known: flow i is the i-th
     * heaviest when i runs down the array in this order. */
    for (size_t i = 0; i < NF; i++)
        all[(i * 7) % NF].width = 9.0 - 8.0 * i / NF;
    ir_layout_options o;
    options(&o);
    o.force_max = FORCE;
    o.clear_max = CLEAR;
    memcpy(def, all, sizeof all);
    default_controls(def, NF, nodes, &o);
    size_t nheavy = 0;
    /* The heaviest FORCE, in input order. */
    for (size_t j = 0; j < NF; j++)
        for (size_t i = 0; i < FORCE; i++)
            if ((i * 7) % NF == j)
                heavy[nheavy++] = all[j];
    cr_assert_eq(nheavy, FORCE);
    ir_layout_report rh, rep;
    cr_assert_eq(ir_flowlayout_run(heavy, FORCE, nodes, NN, &o, &rh), 0);
    cr_assert_eq(ir_flowlayout_run(all, NF, nodes, NN, &o, &rep), 0);
    cr_expect_eq(rep.plain, NF - FORCE);
    cr_expect_eq(rep.untested, NF - CLEAR);
    size_t k = 0, moved = 0, kept = 0, untested = 0;
    int cleared_before = 0, cleared_after = 0;
    for (size_t j = 0; j < NF; j++) {
        size_t rank = 0;
        while ((rank * 7) % NF != j)
            rank++;
        if (rank < FORCE) {
            cr_expect(all[j].control.x == heavy[k].control.x &&
                          all[j].control.y == heavy[k].control.y,
                      "flow %zu is not laid out as in its own map", j);
            k++;
        } else if (rank < CLEAR) {
            cleared_before += covering(&def[j], 1, nodes, NN);
            cleared_after += covering(&all[j], 1, nodes, NN);
            moved += all[j].control.x != def[j].control.x ||
                     all[j].control.y != def[j].control.y;
        } else {
            untested++;
            kept += all[j].control.x == def[j].control.x &&
                    all[j].control.y == def[j].control.y;
        }
    }
    cr_log_info("tiers: cleared tier %d -> %d flows over a node, %zu moved; "
                "%zu of %zu untested kept", cleared_before, cleared_after,
                moved, kept, untested);
    cr_expect_gt(cleared_before, 0);
    cr_expect_lt(cleared_after, cleared_before);
    cr_expect_gt(moved, 0);
    /* Only a curve leaving the page is flattened. */
    cr_expect_gt(kept, untested * 9 / 10);
}

/*
 * Flow lay-out and the map command: draw order, legend widths, nodes
 * cleared, thresholds, spec files, identical reruns.
 */
#include <cairo.h>
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "load/layer.h"
#include "aggregate/aggregate.h"
#include "layout/extent.h"
#include "layout/flowfield.h"
#include "layout/flowmap.h"
#include "layout/labels.h"
#include "layout/page.h"
#include "helpers.h"

static th_world world;
#define table (world.states)
#define atlas (world.atlas)
static ir_anchors *anchors;
static ir_frame frame;

static void setup(void)
{
    ir_error err = { 0 };
    cr_assert_eq(th_world_load(&world, false, &err), 0, "%s", err.message);
    anchors = ir_anchors_create(atlas, table, 2, &err);
    cr_assert_not_null(anchors, "%s", err.message);
    ir_frame_init(&frame, 1600, 1200, 150, 12);
    double b[4];
    ir_atlas_extent(atlas, b);
    ir_frame_fit(&frame, b);
}

static void teardown(void)
{
    ir_anchors_destroy(anchors);
    th_world_free(&world);
}

TestSuite(flowmap, .init = setup, .fini = teardown);

static const char channels[] =
    "origin,destination,weight\nArizona,Sonora,1618\nTexas,Tamaulipas,1191\n"
    "Texas,Nuevo León,1158\nTexas,Chihuahua,832\nTexas,Guanajuato,831\n";

static ir_od *od_from(const char *text)
{
    const char *path = th_path(th_tmpdir(), "od.csv");
    th_write_file(path, text, strlen(text));
    ir_aggregate_options o = { 0 };
    ir_aggregate_report r;
    ir_error err = { 0 };
    ir_od *od = ir_aggregate_file(path, table, &o, &r, &err);
    cr_assert_not_null(od, "%s", err.message);
    ir_aggregate_report_free(&r);
    return od;
}

/* The map area and legend box of the figure the map command lays out. */
static const ir_figure test_figure = { .title = "Title", .source = "Source",
                                       .legend_title = "Firearms traced",
                                       .lang = "en" };

static void map_area(const ir_flowmap *m, const ir_frame *fr, double rect[4],
                     ir_text_box *legend)
{
    ir_page_map_rect(&test_figure, fr, rect);
    ir_page_legend_box(m, &test_figure, rect, legend);
}

static ir_flowmap *layout_in(ir_od *od, const ir_flowmap_options *opt,
                             const ir_frame *fr)
{
    ir_flowmap_options def;
    ir_flowmap_options_default(&def);
    ir_error err = { 0 };
    ir_flowmap *m = ir_flowmap_create(od, anchors, table, fr,
                                      opt ? opt : &def, &err);
    cr_assert_not_null(m, "%s", err.message);
    /* The map area and legend the map command lays out in. */
    double rect[4];
    ir_text_box lg;
    map_area(m, fr, rect, &lg);
    double legend[1][4] = { { lg.x, lg.y, lg.x + lg.w, lg.y + lg.h } };
    cr_assert_eq(ir_flowmap_layout(m, rect, legend, 1, &err), 0, "%s",
                 err.message);
    return m;
}

static ir_flowmap *layout(ir_od *od, const ir_flowmap_options *opt)
{
    return layout_in(od, opt, &frame);
}

Test(flowmap, wide_flows_are_drawn_first)
{
    ir_od *od = od_from(channels);
    ir_flowmap *m = layout(od, NULL);
    const ir_flow *f;
    size_t n = ir_flowmap_flows(m, &f);
    cr_assert_eq(n, 5);
    for (size_t i = 1; i < n; i++)
        cr_expect_geq(f[i - 1].width, f[i].width);
    cr_expect_str_eq(f[0].origin->iso, "US-AZ");
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

Test(flowmap, widths_are_linear_and_legend_samples_match_flows)
{
    ir_od *od = od_from("origin,destination,weight\nTexas,Sonora,1000\n"
                        "Texas,Sinaloa,500\nArizona,Sonora,10\n");
    ir_flowmap_options opt;
    ir_flowmap_options_default(&opt);
    ir_flowmap *m = layout(od, &opt);
    const ir_flow *f;
    ir_flowmap_flows(m, &f);
    cr_expect(fabs(f[0].width - opt.max_width_pt) < 1e-12);
    cr_expect(fabs(f[1].width - opt.max_width_pt / 2) < 1e-12);
    /* Arizona-Sonora (10) would be 0.12 pt: it gets the minimum. */
    cr_expect(fabs(f[2].width - opt.min_width_pt) < 1e-12);
    double v[4];
    size_t nv = ir_flowmap_legend(m, v);
    cr_assert_geq(nv, 2);
    cr_expect_eq(v[0], 1000);
    cr_expect_eq(v[1], 500, "%g", v[1]); /* half of 1000, a 1-2-5 value */
    /* A legend sample is an outline of the legend value's width, made as
     * a flow's: measure its band. */
    for (size_t i = 0; i < nv; i++) {
        double w = ir_flowmap_width(m, v[i]);
        ir_point a = { 0, 0 }, b = { 46, 0 }, c = { 23, 0 }, pts[128];
        size_t np = ir_flowgeom_outline(a, 0, c, b, 0, w,
                                        ir_flowmap_geometry(m), pts, 128,
                                        NULL, NULL);
        cr_assert_gt(np, 0);
        cr_expect(fabs(fabs(pts[0].y - pts[np - 1].y) - w) < 1e-9,
                  "legend %g: band %g, flow %g", v[i],
                  fabs(pts[0].y - pts[np - 1].y), w);
    }
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

static int node_crossings(const ir_flowmap *m)
{
    const ir_flow *f;
    const ir_node *nd;
    size_t n = ir_flowmap_flows(m, &f), nn = ir_flowmap_nodes(m, &nd);
    int crossings = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < nn; k++) {
            if (nd[k].state == f[i].origin || nd[k].state == f[i].destination)
                continue;
            for (int s = 1; s < 200; s++) {
                ir_point p = ir_flowgeom_at(f[i].from, f[i].control, f[i].to,
                                            s / 200.0);
                if (hypot(p.x - nd[k].at.x, p.y - nd[k].at.y) <
                    nd[k].radius + f[i].width / 2) {
                    crossings++;
                    break;
                }
            }
        }
    return crossings;
}

Test(flowmap, flows_clear_nodes_they_do_not_connect)
{
    ir_od *od = od_from(channels);
    ir_flowmap *m = layout(od, NULL);
    cr_expect_eq(node_crossings(m), 0);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
    /* Thirty flows of a generated trace file. */
    const char *dir = th_tmpdir();
    char cmd[512];
    snprintf(cmd, sizeof cmd, "bench/gen-traces 20000 9 > %s/t.csv", dir);
    cr_assert_eq(th_run(cmd, NULL), 0);
    ir_aggregate_options o = { 0 };
    ir_aggregate_report r;
    ir_error err = { 0 };
    od = ir_aggregate_file(th_path(dir, "t.csv"), table, &o, &r, &err);
    cr_assert_not_null(od, "%s", err.message);
    ir_aggregate_report_free(&r);
    ir_flowmap_options opt;
    ir_flowmap_options_default(&opt);
    opt.top = 30;
    m = layout(od, &opt);
    int crossings = node_crossings(m);
    cr_log_info("30 flows: %d node crossings", crossings);
    cr_expect_eq(crossings, 0);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

/* The flows of a map as the lay-out module sees them. */
static long overlap_of(const ir_flowmap *m)
{
    const ir_flow *f;
    const ir_node *nd;
    size_t n = ir_flowmap_flows(m, &f), nn = ir_flowmap_nodes(m, &nd);
    ir_layout_flow *lf = calloc(n, sizeof *lf);
    ir_layout_node *ln = calloc(nn, sizeof *ln);
    cr_assert(lf && ln);
    for (size_t i = 0; i < n; i++)
        lf[i] = (ir_layout_flow){ f[i].from_node, f[i].to_node, f[i].width,
                                  f[i].control };
    for (size_t k = 0; k < nn; k++)
        ln[k] = (ir_layout_node){ nd[k].at, nd[k].radius };
    long v = ir_flowfield_overlap(lf, n, ln, nn);
    free(lf);
    free(ln);
    return v;
}

/* The whole 49 x 32 matrix of the benchmark: too dense to clear every
 * node, but the lay-out must still cut overlaps, keep off the legend and
 * count what it could not clear. */
Test(flowmap, full_matrix_overlaps_cut_and_legend_kept_clear, .timeout = 60)
{
    ir_error err = { 0 };
    ir_od *od = th_matrix_od(table, &err);
    cr_assert_not_null(od, "%s", err.message);
    ir_flowmap_options def;
    ir_flowmap_options_default(&def);
    ir_flowmap *plain = ir_flowmap_create(od, anchors, table, &frame, &def,
                                          &err);
    cr_assert_not_null(plain);
    ir_flowmap *m = layout(od, NULL);
    const ir_flow *f;
    size_t n = ir_flowmap_flows(m, &f);
    cr_assert_eq(n, 49 * 32);
    long before = overlap_of(plain), after = overlap_of(m);
    int crossings_before = node_crossings(plain), crossings = node_crossings(m);
    const ir_layout_report *rep = ir_flowmap_layout_report(m);
    cr_log_info("full matrix: overlaps %ld -> %ld, flow-node crossings %d -> "
                "%d, %zu flows left over a node", before, after,
                crossings_before, crossings, rep->node_conflicts);
    cr_expect_lt(after, 0.8 * before);
    cr_expect_lt(crossings, crossings_before / 2);
    cr_expect_gt(rep->node_conflicts, 0, "the report says what is left");
    double rect[4];
    ir_text_box lg;
    map_area(m, &frame, rect, &lg);
    for (size_t i = 0; i < n; i++)
        for (int s = 0; s <= 100; s++) {
            ir_point p = ir_flowgeom_at(f[i].from, f[i].control, f[i].to,
                                        s / 100.0);
            double h = f[i].width / 2;
            cr_expect(!(p.x > lg.x - h && p.x < lg.x + lg.w + h &&
                        p.y > lg.y - h && p.y < lg.y + lg.h + h),
                      "flow %zu crosses the legend", i);
        }
    cr_expect_eq(rep->obstacle_conflicts, 0);
    /* No flow leaves the map area: a band's edge stays inside it (half a
     * point of slack for the sampled curve). */
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        double h = f[i].width / 2 - 0.5;
        for (int s = 1; s < 100; s++) {
            ir_point p = ir_flowgeom_at(f[i].from, f[i].control, f[i].to,
                                        s / 100.0);
            if (p.x < rect[0] + h - 0.5 || p.x > rect[2] - h + 0.5 ||
                p.y < rect[1] + h - 0.5 || p.y > rect[3] - h + 0.5) {
                out++;
                break;
            }
        }
    }
    cr_expect_eq(out, 0, "%zu flows leave the map area", out);
    cr_expect_eq(rep->outside, 0);
    ir_flowmap_destroy(plain);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

Test(flowmap, thresholds_report_what_they_leave_out)
{
    ir_od *od = od_from(channels);
    ir_flowmap_options opt;
    ir_flowmap_options_default(&opt);
    opt.top = 3;
    ir_flowmap *m = layout(od, &opt);
    size_t count;
    double left, total;
    ir_flowmap_omitted(m, &count, &left, &total);
    cr_expect_eq(count, 2);
    cr_expect_eq(left, 832 + 831);
    cr_expect_eq(total, 5630);
    ir_flowmap_destroy(m);
    opt.top = 0;
    opt.min_weight = 1000;
    m = layout(od, &opt);
    ir_flowmap_omitted(m, &count, &left, &total);
    cr_expect_eq(count, 2);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

static int run_map(const char *args, char **err)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s map %s", th_binary(), args);
    return th_run(cmd, err);
}

Test(flowmap, map_command_spec_file_and_identical_reruns, .timeout = 60)
{
    const char *dir = th_tmpdir();
    const char *od = th_path(dir, "channels.csv");
    th_write_file(od, channels, strlen(channels));
    const char *ini = th_path(dir, "fig.ini");
    const char *text = "title = Five channels\nlang = es\ntop = 4\n"
                       "width = 800\nheight = 600\n";
    th_write_file(ini, text, strlen(text));
    static const char *const exts[] = { "png", "svg", "pdf" };
    for (int k = 0; k < 3; k++) {
        char args[1024], *err = NULL;
        for (int run = 0; run < 2; run++) {
            snprintf(args, sizeof args, "%s -c %s -q -o %s/m%d.%s", od, ini,
                     dir, run, exts[k]);
            cr_assert_eq(run_map(args, &err), 0, "%s", err);
            free(err);
        }
        char a[600], b[600];
        snprintf(a, sizeof a, "%s/m0.%s", dir, exts[k]);
        snprintf(b, sizeof b, "%s/m1.%s", dir, exts[k]);
        size_t na, nb;
        char *da = th_read_file(a, &na), *db = th_read_file(b, &nb);
        cr_expect(na == nb && memcmp(da, db, na) == 0, "%s differs", exts[k]);
        if (k == 1) /* Spanish title and numbers reach the SVG as glyphs */
            cr_expect(na > 1000);
        free(da), free(db);
    }
    char args[1024], *err = NULL;
    const char *bad = th_path(dir, "bad.ini");
    th_write_file(bad, "title = x\ncolour = red\n", 23);
    snprintf(args, sizeof args, "%s -c %s -o %s/x.png", od, bad, dir);
    cr_expect_eq(run_map(args, &err), 1);
    cr_expect(strstr(err, "bad.ini: line 2: key 'colour': unknown key") != NULL,
              "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "x.png")));
}

/* Labels overlap no label, node symbol, arrowhead or the blocked legend,
 * and stay inside the map area: checked on the computed boxes for the
 * 30 largest flows of a generated file, where space is short. */
Test(flowmap, labels_never_overlap)
{
    const char *dir = th_tmpdir();
    char cmd[512];
    snprintf(cmd, sizeof cmd, "bench/gen-traces 20000 9 > %s/t.csv", dir);
    cr_assert_eq(th_run(cmd, NULL), 0);
    ir_aggregate_options o = { 0 };
    ir_aggregate_report r;
    ir_error err = { 0 };
    ir_od *od = ir_aggregate_file(th_path(dir, "t.csv"), table, &o, &r, &err);
    cr_assert_not_null(od, "%s", err.message);
    ir_aggregate_report_free(&r);
    ir_flowmap_options opt;
    ir_flowmap_options_default(&opt);
    opt.top = 30;
    ir_flowmap *m = layout(od, &opt);
    /* The map area and legend box the map command uses. */
    double rect[4];
    ir_text_box legend;
    map_area(m, &frame, rect, &legend);
    ir_labels_options lo = { "en", 10, false, IR_FLOW_LABELS_BOTH, 0, NULL,
                             0 };
    ir_labels *labels = ir_labels_place(m, &lo, rect, &legend, 1);
    cr_assert_not_null(labels);
    const ir_label *lb;
    size_t n = ir_labels_get(labels, &lb);
    cr_expect_geq(n, 8, "only %zu labels placed", n);
    ir_text_box obstacles[4096];
    size_t no = ir_labels_obstacles(m, obstacles, 4096);
    for (size_t i = 0; i < n; i++) {
        const ir_text_box *b = &lb[i].box;
        cr_expect(b->x >= rect[0] && b->y >= rect[1] && b->x + b->w <= rect[2] &&
                  b->y + b->h <= rect[3], "label %zu outside", i);
        cr_expect(!ir_text_boxes_overlap(b, &legend), "label %zu on legend", i);
        for (size_t j = i + 1; j < n; j++)
            cr_expect(!ir_text_boxes_overlap(b, &lb[j].box),
                      "labels %zu and %zu overlap", i, j);
        for (size_t k = 0; k < no; k++)
            cr_expect(!ir_text_boxes_overlap(b, &obstacles[k]),
                      "label '%s' covers obstacle %zu", lb[i].text, k);
        if (lb[i].node)
            cr_expect(strchr(lb[i].text, '\n') != NULL, "name and total");
        else
            cr_expect(lb[i].flow && strchr(lb[i].text, '%') != NULL,
                      "count and share: '%s'", lb[i].text);
        /* A flow's label never covers its own band. */
        if (lb[i].flow)
            for (int k = 1; k < 100; k++) {
                const ir_flow *f = lb[i].flow;
                ir_point p = ir_flowgeom_at(f->from, f->control, f->to, k / 100.0);
                double h = f->width / 2;
                cr_expect(!(p.x + h > b->x && p.x - h < b->x + b->w &&
                            p.y + h > b->y && p.y - h < b->y + b->h),
                          "label '%s' on its own flow", lb[i].text);
            }
    }
    size_t flow_labels = 0;
    for (size_t i = 0; i < n; i++)
        flow_labels += lb[i].flow != NULL;
    cr_log_info("%zu labels, %zu of them on flows", n, flow_labels);
    cr_expect_geq(flow_labels, 4, "only %zu flows labelled", flow_labels);
    /* Each flow label is nearer its own band than any other band. */
    const ir_flow *fl;
    size_t nfl = ir_flowmap_flows(m, &fl);
    for (size_t i = 0; i < n; i++) {
        if (!lb[i].flow)
            continue;
        double own = HUGE_VAL, other = HUGE_VAL;
        for (size_t j = 0; j < nfl; j++)
            for (int k = 1; k < 64; k++) {
                ir_point p = ir_flowgeom_at(fl[j].from, fl[j].control, fl[j].to,
                                            k / 64.0);
                const ir_text_box *b = &lb[i].box;
                double dx = fmax(0, fmax(b->x - p.x, p.x - b->x - b->w));
                double dy = fmax(0, fmax(b->y - p.y, p.y - b->y - b->h));
                double d = hypot(dx, dy) - fl[j].width / 2;
                if (&fl[j] == lb[i].flow)
                    own = fmin(own, d);
                else
                    other = fmin(other, d);
            }
        cr_expect_leq(own, other + 0.5, "label '%s': own flow %g away, another %g",
                      lb[i].text, own, other);
    }
    ir_labels_destroy(labels);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

Test(flowmap, presets_flows_csv_and_alt_text, .timeout = 60)
{
    const char *dir = th_tmpdir();
    const char *od = th_path(dir, "channels.csv");
    th_write_file(od, channels, strlen(channels));
    char args[1024], *err = NULL;
    snprintf(args, sizeof args, "%s -q --preset press --title Five -o %s/p.png "
             "--flows-csv %s/flows.csv --alt-text %s/alt.txt", od, dir, dir,
             dir);
    cr_assert_eq(run_map(args, &err), 0, "%s", err);
    free(err);
    static const struct { const char *name; int w, h; } sizes[] = {
        { "p-1200x675.png", 1200, 675 }, { "p-1080x1080.png", 1080, 1080 } };
    for (int i = 0; i < 2; i++) {
        cairo_surface_t *s = cairo_image_surface_create_from_png(
            th_path(dir, sizes[i].name));
        cr_assert_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS, "%s",
                     sizes[i].name);
        cr_expect_eq(cairo_image_surface_get_width(s), sizes[i].w);
        cr_expect_eq(cairo_image_surface_get_height(s), sizes[i].h);
        cairo_surface_destroy(s);
    }
    char *flows = th_read_file(th_path(dir, "flows.csv"), NULL);
    cr_expect(strncmp(flows, "origin,destination,weight,width_pt,x0,y0,cx,cy,"
                             "x1,y1\nUS-AZ,MX-SON,1618,9.216,", 75) == 0, "%s",
              flows);
    free(flows);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(strstr(alt, "Arizona to Sonora, 1,618 (28.7%)") != NULL, "%s",
              alt);
    free(alt);
    snprintf(args, sizeof args, "%s -q --preset report --width 500 -o %s/r.png",
             od, dir);
    cr_expect_eq(run_map(args, &err), 1, "a preset fixes the size");
    free(err);
}

/* Failures after the lay-out: the right exit status, a message, and no
 * file left or put in place. */
Test(flowmap, map_errors_after_lay_out)
{
    const char *dir = th_tmpdir();
    const char *od = "tests/data/channels-2022-2023.csv";
    char args[1200], *err = NULL;
    static const struct { const char *opts; int status; const char *text; }
    cases[] = {
        { "-o %s/a.png -o %s/b.xyz", 1, "cannot tell the format" },
        { "-o %s/a.png -o %s/a.png", 1, "named for two outputs" },
        { "--min-weight 5000 -o %s/a.png -o %s/b.png", 2, "no flow to draw" },
        { "--scale 10 -o %s/a.png -o %s/b.png", 2, "too wide" },
        { "-o %s/a.png -o %s", 3, "is a folder" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char opts[900];
        snprintf(opts, sizeof opts, cases[i].opts, dir, dir);
        snprintf(args, sizeof args, "%s -q %s", od, opts);
        cr_expect_eq(run_map(args, &err), cases[i].status, "case %zu: %s", i,
                     err);
        cr_expect(strstr(err, cases[i].text) != NULL, "case %zu: %s", i, err);
        free(err);
        cr_expect(!th_file_exists(th_path(dir, "a.png")), "case %zu", i);
    }
    char cmd[700];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | grep -c '^\\.') -eq 0", dir);
    cr_expect_eq(th_run(cmd, NULL), 0, "temporary files left in %s", dir);
}

Test(flowmap, node_overrides_are_validated)
{
    static const struct { const char *text; const char *msg; } bad[] = {
        { "iso,lon,lat\n\n\nAZ,,\n", "line 4" },
        { "iso,lon,lat\n\nAtlantis,1,2\n", "line 3" },
        { "AZ,-110,33\n", "header" },
        { "", "empty" },
    };
    const char *dir = th_tmpdir();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *path = th_path(dir, "nodes.csv");
        th_write_file(path, bad[i].text, strlen(bad[i].text));
        char args[900], *err = NULL;
        snprintf(args, sizeof args, "tests/data/channels-2022-2023.csv -q "
                 "--nodes %s -o %s/n.png", path, dir);
        cr_expect_eq(run_map(args, &err), 2, "case %zu: %s", i, err);
        cr_expect(strstr(err, bad[i].msg) != NULL, "case %zu: %s", i, err);
        free(err);
    }
}

Test(flowmap, legend_labels_name_whole_numbers_for_counts)
{
    ir_od *od = od_from("origin,destination,weight\nTexas,Sonora,3\n"
                        "Texas,Sinaloa,1\n");
    ir_flowmap *m = layout(od, NULL);
    double v[4];
    size_t n = ir_flowmap_legend(m, v);
    for (size_t i = 0; i < n; i++)
        cr_expect(v[i] == floor(v[i]) && v[i] >= 1, "legend value %g", v[i]);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
    char buf[32];
    ir_text_number(0.25, "en", buf, sizeof buf);
    cr_expect_str_eq(buf, "0.25");
    ir_text_number(2.5, "es", buf, sizeof buf);
    cr_expect_str_eq(buf, "2,5");
    ir_text_number(1234567, "es", buf, sizeof buf);
    cr_expect_str_eq(buf, "1\u202F234\u202F567");
    /* Four digits stay together in Spanish, not in English. */
    ir_text_number(1618, "es", buf, sizeof buf);
    cr_expect_str_eq(buf, "1618");
    ir_text_number(17717, "es", buf, sizeof buf);
    cr_expect_str_eq(buf, "17\u202F717");
    ir_text_number(1618, "en", buf, sizeof buf);
    cr_expect_str_eq(buf, "1,618");
    ir_text_percent(0.3092, "es", buf, sizeof buf);
    cr_expect_str_eq(buf, "30,9\u00a0%");
    ir_text_percent(0.3092, "en", buf, sizeof buf);
    cr_expect_str_eq(buf, "30.9%");
}

/* fold_small: a flow thinner than the narrowest width at the map's scale
 * is not drawn but counted in both its ends' totals when they have a
 * node (a destination gets one for it); off, it is drawn at the narrowest
 * width. */
static const ir_node *node_named(const ir_flowmap *m, const char *iso)
{
    const ir_node *nodes;
    size_t nn = ir_flowmap_nodes(m, &nodes);
    for (size_t k = 0; k < nn; k++)
        if (nodes[k].state && strcmp(nodes[k].state->iso, iso) == 0)
            return &nodes[k];
    return NULL;
}

Test(flowmap, thin_flows_fold_into_their_nodes)
{
    ir_od *od = od_from("origin,destination,count\n"
                        "US-TX,MX-TAM,1000\nUS-AZ,MX-SON,900\n"
                        "US-TX,MX-SON,4\nUS-CA,MX-JAL,5\n");
    ir_flowmap_options opt;
    ir_flowmap_options_default(&opt);
    opt.fold_small = true;
    ir_flowmap *m = layout(od, &opt);
    const ir_flow *f;
    cr_assert_eq(ir_flowmap_flows(m, &f), 2);
    double weight, below;
    cr_assert_eq(ir_flowmap_folded(m, &weight, &below), 2);
    cr_expect_eq(weight, 9);
    cr_expect(below > 5 && below < 900, "%g", below);
    const ir_node *tx = node_named(m, "US-TX"), *son = node_named(m, "MX-SON");
    const ir_node *jal = node_named(m, "MX-JAL");
    cr_assert(tx && son && jal);
    cr_expect_eq(tx->out, 1004);
    cr_expect_eq(son->in, 904);
    cr_expect_eq(jal->in, 5, "a destination node for its folded flow");
    cr_expect_null(node_named(m, "US-CA"), "no flow drawn: no origin node");
    ir_flowmap_destroy(m);

    opt.fold_small = false;
    m = layout(od, &opt);
    cr_assert_eq(ir_flowmap_flows(m, &f), 4);
    cr_assert_eq(ir_flowmap_folded(m, &weight, &below), 0);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

/* Legend samples are round (1-2-5 series), each at most half the one
 * before (never 2,500 beside 2,000), the largest within 2.5 x of the
 * heaviest flow, and none drawn at the narrowest width like any smaller
 * one. */
static bool is_125(double v)
{
    double p = pow(10, floor(log10(v) + 1e-9));
    double m = v / p;
    return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9;
}

Test(flowmap, legend_values_are_1_2_5_and_distinct)
{
    static const double heaviest[] = { 1618, 2452, 7825, 37, 3, 100, 999 };
    for (size_t k = 0; k < sizeof heaviest / sizeof *heaviest; k++) {
        char text[256];
        snprintf(text, sizeof text,
                 "origin,destination,weight\nTexas,Sonora,%g\n"
                 "Arizona,Sinaloa,%g\n", heaviest[k],
                 fmax(1, floor(heaviest[k] / 7)));
        ir_od *od = od_from(text);
        ir_flowmap *m = layout(od, NULL);
        double v[4];
        size_t n = ir_flowmap_legend(m, v);
        cr_assert(n >= 1, "no legend for %g", heaviest[k]);
        cr_expect(v[0] <= heaviest[k] && v[0] * 2.5 > heaviest[k],
                  "largest sample %g for a heaviest flow of %g", v[0],
                  heaviest[k]);
        for (size_t i = 0; i < n; i++) {
            cr_expect(is_125(v[i]), "%g is not 1-2-5", v[i]);
            if (i > 0)
                cr_expect(v[i] * 2 <= v[i - 1], "%g beside %g", v[i],
                          v[i - 1]);
            double scale = ir_flowmap_width(m, heaviest[k]) / heaviest[k];
            cr_expect(i == 0 || v[i] * scale >= 0.8,
                      "sample %g at the narrowest width", v[i]);
        }
        ir_flowmap_destroy(m);
        ir_od_destroy(od);
    }
}

/* The default label set names every node that carries a large share of
 * its side, not a fixed six: Jalisco, Sinaloa and Mexico City, seventh to
 * ninth of twelve destinations with 5-6% each, are named; destinations
 * of 0.1% are not; --labels 6 keeps to six. */
static bool labelled(const ir_labels *l, const char *name)
{
    const ir_label *lb;
    size_t n = ir_labels_get(l, &lb);
    for (size_t i = 0; i < n; i++)
        if (lb[i].node && strncmp(lb[i].text, name, strlen(name)) == 0)
            return true;
    return false;
}

Test(flowmap, labels_name_every_large_share)
{
    ir_od *od = od_from(
        "origin,destination,weight\n"
        "Texas,Tamaulipas,200\nTexas,Sonora,190\nArizona,Chihuahua,180\n"
        "Texas,Nuevo León,170\nCalifornia,Guanajuato,160\n"
        "California,Baja California,150\nArizona,Jalisco,140\n"
        "Texas,Sinaloa,130\nArizona,Ciudad de México,120\n"
        "Texas,Yucatán,2\nTexas,Campeche,2\nTexas,Tlaxcala,2\n");
    ir_flowmap *m = layout(od, NULL);
    ir_figure fig = { .title = "Title", .source = "Source",
                      .legend_title = "Firearms traced", .lang = "en" };
    double rect[4];
    ir_page_map_rect(&fig, &frame, rect);
    ir_labels_options lo = { "en", -1, true, IR_FLOW_LABELS_NONE, 0, NULL, 0 };
    ir_labels *l = ir_labels_place(m, &lo, rect, NULL, 0);
    cr_assert_not_null(l);
    cr_expect(labelled(l, "Jalisco"));
    cr_expect(labelled(l, "Sinaloa"));
    cr_expect(labelled(l, "Mexico City"));
    cr_expect(!labelled(l, "Yucatán") && !labelled(l, "Tlaxcala"),
              "a 0.1% destination is not named");
    ir_labels_destroy(l);
    lo.per_side = 6;
    l = ir_labels_place(m, &lo, rect, NULL, 0);
    cr_expect(!labelled(l, "Mexico City"), "--labels 6 keeps to six");
    ir_labels_destroy(l);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

/* Visual hierarchy: on a map of more than 30 flows, those under a tenth
 * of the heaviest are marked faded (and counted with their weight); the
 * flows keep their order, heaviest first; a map of 30 flows or fewer
 * fades none. */
Test(flowmap, the_long_tail_is_faded_on_dense_maps)
{
    static const char *const mx[] = { "Sonora", "Sinaloa", "Chihuahua",
                                      "Durango", "Zacatecas", "Jalisco",
                                      "Colima", "Nayarit" };
    static const char *const us[] = { "Texas", "Arizona", "California",
                                      "New Mexico", "Nevada" };
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text,
                                  "origin,destination,weight\n");
    double tail = 0;
    int n = 0;
    for (int o = 0; o < 5; o++)
        for (int d = 0; d < 8; d++, n++) {
            double w = n < 4 ? 1000 - n : 20 + n;
            tail += n < 4 ? 0 : w;
            len += (size_t)snprintf(text + len, sizeof text - len,
                                    "%s,%s,%g\n", us[o], mx[d], w);
        }
    ir_od *od = od_from(text);
    ir_flowmap *m = layout(od, NULL);
    const ir_flow *f;
    size_t nf = ir_flowmap_flows(m, &f);
    cr_assert_eq(nf, 40);
    double weight;
    cr_expect_eq(ir_flowmap_faded(m, &weight), 36);
    cr_expect_eq(weight, tail);
    for (size_t i = 0; i < nf; i++) {
        cr_expect_eq(f[i].faded, f[i].weight < 100, "flow %zu", i);
        if (i > 0)
            cr_expect(f[i - 1].weight >= f[i].weight, "order kept");
    }
    ir_flowmap_destroy(m);
    ir_flowmap_options opt;
    ir_flowmap_options_default(&opt);
    opt.top = 30;
    m = layout(od, &opt);
    cr_expect_eq(ir_flowmap_faded(m, &weight), 0, "30 flows: none faded");
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

/* Node sizes have a legend: round values (the second a quarter of the
 * first), each drawn at exactly the radius a node of that total gets. */
Test(flowmap, node_sizes_have_a_legend_drawn_at_node_radii)
{
    ir_od *od = od_from(channels);
    ir_flowmap *m = layout(od, NULL);
    double v[2];
    size_t n = ir_flowmap_node_legend(m, v);
    cr_assert_eq(n, 2);
    cr_expect(is_125(v[0]) && is_125(v[1]), "%g %g", v[0], v[1]);
    cr_expect(fabs(v[1] * 4 - v[0]) <= v[0] * 0.6, "%g against %g", v[1], v[0]);
    const ir_node *nodes;
    size_t nn = ir_flowmap_nodes(m, &nodes);
    for (size_t k = 0; k < nn; k++)
        cr_expect(fabs(ir_flowmap_node_radius(m, nodes[k].out + nodes[k].in) -
                       nodes[k].radius) < 1e-9, "node %zu", k);
    cr_expect_lt(ir_flowmap_node_radius(m, v[1]),
                 ir_flowmap_node_radius(m, v[0]));
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

/* A colour key (river mode's crossings) adds a heading and a row per
 * name under the legend, and the box grows to hold the longest name. */
Test(flowmap, colour_key_rows_enlarge_the_legend)
{
    ir_od *od = od_from(channels);
    ir_flowmap *m = layout(od, NULL);
    ir_figure fig = { .title = "Title", .source = "Source",
                      .legend_title = "Firearms traced", .lang = "en" };
    double rect[4];
    ir_page_map_rect(&fig, &frame, rect);
    ir_text_box plain, keyed;
    ir_page_legend_box(m, &fig, rect, &plain);
    static const char *const names[] = {
        "Nogales", "Ciudad Juárez–El Paso (Bridge of the Americas)",
        "Other crossings" };
    static const int colors[] = { 0, 1, 6 };
    fig.key_title = "Border crossing";
    fig.key_names = names;
    fig.key_colors = colors;
    fig.nkey = 3;
    ir_page_legend_box(m, &fig, rect, &keyed);
    cr_expect_gt(keyed.h, plain.h + 3 * 8, "three rows and a heading");
    cr_expect_gt(keyed.w, plain.w, "the long name widens the box");
    cr_expect_eq(keyed.y + keyed.h, plain.y + plain.h,
                 "both sit at the map's lower left");
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

/* Whether a label lies on the band of a flow other than its own. */
static bool on_another_band(const ir_label *lb, const ir_flow *f, size_t nf)
{
    for (size_t g = 0; g < nf; g++) {
        if (&f[g] == lb->flow)
            continue;
        double r = f[g].width / 2;
        for (int k = 5; k <= 95; k++) {
            ir_point p = ir_flowgeom_at(f[g].from, f[g].control, f[g].to, k / 100.0);
            if (p.x > lb->box.x - r && p.x < lb->box.x + lb->box.w + r &&
                p.y > lb->box.y - r && p.y < lb->box.y + lb->box.h + r)
                return true;
        }
    }
    return false;
}

/* The five channels of figure 1, numbers only: every flow's count is on a
 * card of its own (a flow label), never run into a place's name, even
 * for a flow with no room beside its band: on pages from the figure's
 * size down to a thumbnail, some squeeze a count under its name.  None
 * sits on another flow's band while its destination's name has room off
 * every band (the press figure, 1200 x 675, once put Nuevo León's 1,158
 * on the band to Guanajuato). */
Test(flowmap, every_channel_count_is_a_flow_label)
{
    ir_od *od = od_from(channels);
    /* The last: the press figure, fitted to the flows as its spec asks. */
    static const int sizes[][4] = { { 1600, 1200, 150, 0 }, { 1080, 1080, 150, 0 },
                                    { 900, 700, 110, 0 }, { 700, 520, 96, 0 },
                                    { 600, 450, 96, 0 }, { 1200, 675, 150, 1 } };
    size_t beside_name = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        ir_frame fr;
        ir_frame_init(&fr, sizes[z][0], sizes[z][1], sizes[z][2], 12);
        double ext[4];
        ir_atlas_extent(atlas, ext);
        if (sizes[z][3])
            ir_extent_flows(anchors, table, od, NULL, ext);
        ir_frame_fit(&fr, ext);
        ir_flowmap *m = layout_in(od, NULL, &fr);
        double rect[4];
        ir_text_box legend;
        map_area(m, &fr, rect, &legend);
        ir_labels_options lo = { "en", 10, true, IR_FLOW_LABELS_COUNT, 0,
                                 NULL, 0 };
        ir_labels *labels = ir_labels_place(m, &lo, rect, &legend, 1);
        cr_assert_not_null(labels);
        const ir_label *lb;
        size_t n = ir_labels_get(labels, &lb);
        const ir_flow *f;
        size_t nf = ir_flowmap_flows(m, &f);
        cr_assert_eq(nf, 5);
        for (size_t i = 0; i < nf; i++) {
            char want[32];
            ir_text_number(f[i].weight, "en", want, sizeof want);
            for (size_t k = 0; k < n; k++) {
                if (lb[k].flow != &f[i])
                    continue;
                cr_expect_str_eq(lb[k].text, want);
                /* Beside its destination's name rather than its band. */
                for (size_t j = 0; j < n; j++)
                    if (lb[j].node && lb[j].node->at.x == f[i].to.x &&
                        lb[j].node->at.y == f[i].to.y &&
                        ir_text_boxes_overlap(
                            &(ir_text_box){ lb[j].box.x - 8, lb[j].box.y - 8,
                                            lb[j].box.w + 16,
                                            lb[j].box.h + 16 },
                            &lb[k].box))
                        beside_name++;
            }
        }
        for (size_t k = 0; k < n; k++) {
            if (lb[k].flow)
                cr_expect(!on_another_band(&lb[k], f, nf), "%dx%d: '%s' on "
                          "another flow's band", sizes[z][0], sizes[z][1],
                          lb[k].text);
            if (lb[k].node)
                cr_expect(strpbrk(lb[k].text, "0123456789") == NULL,
                          "%dx%d: a count in the name '%s'", sizes[z][0],
                          sizes[z][1], lb[k].text);
            for (size_t j = k + 1; j < n; j++)
                cr_expect(!ir_text_boxes_overlap(&lb[k].box, &lb[j].box),
                          "'%s' and '%s' overlap", lb[k].text, lb[j].text);
        }
        ir_labels_destroy(labels);
        ir_flowmap_destroy(m);
    }
    cr_log_info("%zu counts beside their destination's name", beside_name);
    cr_expect_gt(beside_name, 0, "no page squeezed a count to its name");
    ir_od_destroy(od);
}

/* Every place of the five channels is named on a page as small as the
 * golden image's (640 x 480 at 96 dpi): a name with no room of its own
 * takes the place of one named before it, which moves (Chihuahua, 15% of
 * the destinations, went unnamed there). */
Test(flowmap, a_small_page_names_every_channel_end)
{
    ir_od *od = od_from(channels);
    ir_frame fr;
    ir_frame_init(&fr, 640, 480, 96, 12);
    double ext[4];
    ir_atlas_extent(atlas, ext);
    ir_frame_fit(&fr, ext);
    ir_flowmap *m = layout_in(od, NULL, &fr);
    double rect[4];
    ir_text_box legend;
    map_area(m, &fr, rect, &legend);
    ir_labels_options lo = { "en", -1, false, IR_FLOW_LABELS_NONE, 0, NULL, 0 };
    ir_labels *labels = ir_labels_place(m, &lo, rect, &legend, 1);
    cr_assert_not_null(labels);
    const ir_label *lb;
    size_t n = ir_labels_get(labels, &lb);
    const ir_node *nodes;
    size_t nn = ir_flowmap_nodes(m, &nodes), named = 0;
    for (size_t i = 0; i < nn; i++) {
        bool found = false;
        for (size_t k = 0; k < n; k++)
            found = found || lb[k].node == &nodes[i];
        cr_expect(found, "%s unnamed", nodes[i].state ? nodes[i].state->name_en : "?");
        named += found;
        for (size_t k = 0; k < n; k++)
            for (size_t j = k + 1; j < n; j++)
                cr_expect(!ir_text_boxes_overlap(&lb[k].box, &lb[j].box));
    }
    cr_expect_eq(named, 7);
    ir_labels_destroy(labels);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
}

/* Two maps of one figure (panels) share a node scale: with node_max the
 * same total gets the same radius in both, and the legend's circles too,
 * though one map's heaviest node is four times the other's. */
Test(flowmap, a_shared_node_scale_gives_the_same_radius)
{
    ir_od *big = od_from("origin,destination,weight\nTexas,Tamaulipas,4000\n"
                         "Arizona,Sonora,1000\n");
    ir_od *small = od_from("origin,destination,weight\nTexas,Tamaulipas,"
                           "1000\nArizona,Sonora,250\n");
    ir_flowmap_options o;
    ir_flowmap_options_default(&o);
    o.scale = 0.003;
    o.node_max = 4000;
    ir_flowmap *a = layout(big, &o), *b = layout(small, &o);
    cr_expect_float_eq(ir_flowmap_node_radius(a, 1000),
                       ir_flowmap_node_radius(b, 1000), 1e-12);
    const ir_node *na, *nb;
    size_t n = ir_flowmap_nodes(a, &na);
    cr_assert_eq(ir_flowmap_nodes(b, &nb), n);
    double ra = 0, rb = 0;  /* Texas: 4000 in a, 1000 in b */
    for (size_t k = 0; k < n; k++) {
        if (strcmp(na[k].state->iso, "US-TX") == 0)
            ra = na[k].radius;
        if (strcmp(nb[k].state->iso, "US-TX") == 0)
            rb = nb[k].radius;
    }
    cr_expect_float_eq(rb / ra, 0.5, 1e-9, "%g / %g", rb, ra);
    double va[2], vb[2];
    size_t la = ir_flowmap_node_legend(a, va), lb = ir_flowmap_node_legend(b, vb);
    cr_assert_eq(la, lb);
    for (size_t i = 0; i < la; i++)
        cr_expect_float_eq(va[i], vb[i], 1e-12);
    /* Without it, each map sizes against its own heaviest node. */
    o.node_max = 0;
    ir_flowmap *c = layout(small, &o);
    cr_expect_gt(ir_flowmap_node_radius(c, 1000),
                 ir_flowmap_node_radius(b, 1000) + 1);
    ir_flowmap_destroy(a);
    ir_flowmap_destroy(b);
    ir_flowmap_destroy(c);
    ir_od_destroy(big);
    ir_od_destroy(small);
}

/* A fill's key stacks under the flow legend while that leaves the map
 * room; on a wide, short page it becomes a box of its own in the lower
 * right, clear of the first. */
Test(flowmap, a_tall_fill_key_goes_apart)
{
    static const char text[] = "state,value\nMichoacán,4979\nSonora,3720\n"
                               "Jalisco,4117\nGuanajuato,2216\n";
    const char *p = th_path(th_tmpdir(), "fill.csv");
    th_write_file(p, text, strlen(text));
    ir_error err = { 0 };
    ir_state_values *v = ir_state_values_load(p, table, NULL, NULL, &err);
    cr_assert_not_null(v, "%s", err.message);
    ir_choropleth_options co = { IR_CLASS_JENKS, 4, NULL, 0, IR_FILL_PURPLES,
                                 "en", NULL, 0xf3ece0, 0 };
    ir_choropleth *c = ir_choropleth_create(v, table, &co, &err);
    cr_assert_not_null(c, "%s", err.message);
    ir_figure fig = test_figure;
    fig.fill = c;
    fig.fill_title = "Seized";
    ir_od *od = od_from(channels);
    static const int sizes[2][2] = { { 1600, 1200 }, { 1200, 675 } };
    for (int k = 0; k < 2; k++) {
        ir_frame fr;
        ir_frame_init(&fr, sizes[k][0], sizes[k][1], 150, 12);
        double rect[4], b[4];
        ir_page_map_rect(&fig, &fr, rect);
        ir_atlas_extent(atlas, b);
        cr_assert_eq(ir_frame_fit_rect(&fr, b, rect), 0);
        ir_flowmap *m = layout_in(od, NULL, &fr);
        ir_text_box boxes[2];
        size_t n = ir_page_legend_boxes(m, &fig, rect, boxes);
        cr_expect_eq(n, (size_t)(k + 1), "%d x %d", sizes[k][0], sizes[k][1]);
        for (size_t i = 0; i < n; i++) {
            cr_expect(boxes[i].x >= rect[0] && boxes[i].x + boxes[i].w <= rect[2] &&
                          boxes[i].y >= rect[1] &&
                          boxes[i].y + boxes[i].h <= rect[3],
                      "box %zu outside the map", i);
            cr_expect_leq(boxes[i].h, 0.4 * (rect[3] - rect[1]) + 1e-9,
                          "box %zu: %g pt of a %g pt map", i, boxes[i].h,
                          rect[3] - rect[1]);
        }
        if (n == 2)
            cr_expect(!ir_text_boxes_overlap(&boxes[0], &boxes[1]));
        ir_flowmap_destroy(m);
    }
    ir_od_destroy(od);
    ir_choropleth_destroy(c);
    ir_state_values_destroy(v);
}

/* The panel grid that draws the maps largest: side by side on a
 * landscape page for two, 2 x 2 for four, 3 x 2 for six, a row of three
 * on a wide slide. */
Test(flowmap, the_panel_grid_draws_the_maps_largest)
{
    static const struct {
        size_t n;
        double w, h, aspect;
        int cols, rows;
    } cases[] = {
        { 1, 740, 500, 1.3, 1, 1 },  { 2, 740, 500, 1.3, 2, 1 },
        { 4, 740, 500, 1.3, 2, 2 },  { 6, 740, 500, 1.3, 3, 2 },
        { 3, 900, 400, 1.3, 3, 1 },  { 2, 400, 700, 1.3, 1, 2 },
        { 5, 740, 500, 1.3, 3, 2 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int c, r;
        ir_page_grid(cases[i].n, cases[i].w, cases[i].h, 6, cases[i].aspect,
                     &c, &r);
        cr_expect(c == cases[i].cols && r == cases[i].rows,
                  "%zu panels in %g x %g: %d x %d, not %d x %d", cases[i].n,
                  cases[i].w, cases[i].h, c, r, cases[i].cols, cases[i].rows);
    }
}

/*
 * The default figures and what they need: the shipped spec files render,
 * their numbers equal the cited data files, countries and origins without
 * a place are drawn as they should be, and the spec options for shares
 * fail with a clear message.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/totals.h"
#include "aggregate/aggregate.h"
#include "layout/anchors.h"
#include "layout/flowmap.h"
#include "layout/labels.h"
#include "layout/page.h"
#include "helpers.h"

static int run(const char *args, char **err)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s %s", th_binary(), args);
    return th_run(cmd, err);
}

/* Sum of the count column of a data file, rows whose text contains
 * `match` (NULL: all). */
static double sum_counts(const char *path, int column, const char *match)
{
    size_t len;
    char *text = th_read_file(path, &len);
    cr_assert_not_null(text, "%s", path);
    double sum = 0;
    char *save = NULL;
    strtok_r(text, "\n", &save); /* header */
    for (char *line = strtok_r(NULL, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        if (match && !strstr(line, match))
            continue;
        char *f = line;
        for (int c = 0; c < column && f; c++) {
            f = strchr(f, ',');
            f = f ? f + 1 : NULL;
        }
        cr_assert_not_null(f);
        sum += atof(f);
    }
    free(text);
    return sum;
}

/* Figure 1 as make map draws it: the five flows with the cited counts, and
 * a note whose shares are computed from the cited totals. */
Test(figures, channels_carry_the_cited_numbers, .timeout = 60)
{
    const char *dir = th_tmpdir();
    char args[1024], *err = NULL;
    snprintf(args, sizeof args,
             "map -q -c data/figures/channels-2022-2023-en.ini --out-dir %s",
             dir);
    cr_assert_eq(run(args, &err), 0, "%s", err);
    free(err);
    cr_expect(th_file_exists(th_path(dir, "channels-2022-2023-en.svg")));
    cr_expect(th_file_exists(th_path(dir, "channels-2022-2023-en.png")));
    cr_expect(th_file_exists(th_path(dir, "channels-2022-2023-en.pdf")));
    /* Every cited channel is drawn with its count. */
    size_t len;
    char *flows = th_read_file(th_path(dir, "channels-2022-2023-en-flows.csv"),
                               &len);
    cr_assert_not_null(flows);
    static const char *const pairs[5][3] = {
        { "US-AZ", "MX-SON", "1618" }, { "US-TX", "MX-TAM", "1191" },
        { "US-TX", "MX-NLE", "1158" }, { "US-TX", "MX-CHH", "832" },
        { "US-TX", "MX-GUA", "831" } };
    for (int i = 0; i < 5; i++) {
        char row[64];
        snprintf(row, sizeof row, "%s,%s,%s,", pairs[i][0], pairs[i][1],
                 pairs[i][2]);
        cr_expect(strstr(flows, row) != NULL, "no row %s", row);
    }
    free(flows);
    double drawn = sum_counts("data/channels-2022-2023.csv", 3, NULL);
    double base = 0, other = 0;
    ir_error e = { 0 };
    cr_assert_eq(ir_totals_lookup("data/totals-2022-2023.csv",
                                  "us_purchase_traced", &base, &e), 0, "%s",
                 e.message);
    cr_assert_eq(ir_totals_lookup("data/totals-2022-2023.csv",
                                  "traced_base_of_recovery_shares", &other,
                                  &e), 0, "%s", e.message);
    cr_expect_eq(drawn, 5630);
    cr_expect_eq(base, 18206);
    cr_expect_eq(other, 17717);
    char *alt = th_read_file(th_path(dir, "channels-2022-2023-en.txt"), &len);
    cr_assert_not_null(alt);
    char want[128];
    snprintf(want, sizeof want, "%.1f%% of the 18,206", 100 * drawn / base);
    cr_expect(strstr(alt, want) != NULL, "'%s' not in: %s", want, alt);
    snprintf(want, sizeof want, "%.1f%% of the 17,717", 100 * drawn / other);
    cr_expect(strstr(alt, want) != NULL, "'%s' not in: %s", want, alt);
    cr_expect(strstr(alt, "30.9% of the 18,206") != NULL, "%s", alt);
    free(alt);
}

/* Figure 2: four named states and "Other states", 18,206 in all, into
 * Mexico as a whole; the remainder is one stub, never spread over
 * states. */
Test(figures, purchases_end_in_mexico_and_keep_the_remainder_whole,
     .timeout = 60)
{
    const char *dir = th_tmpdir();
    char args[1024], *err = NULL;
    snprintf(args, sizeof args,
             "map -q -c data/figures/purchases-2022-2023-es.ini --out-dir %s",
             dir);
    cr_assert_eq(run(args, &err), 0, "%s", err);
    free(err);
    size_t len;
    char *flows = th_read_file(th_path(dir, "purchases-2022-2023-es-flows.csv"),
                               &len);
    cr_assert_not_null(flows);
    cr_expect(strstr(flows, "US-TX,MX,7825,") != NULL, "%s", flows);
    cr_expect(strstr(flows, "Other states,MX,4345,") != NULL, "%s", flows);
    int rows = 0;
    for (char *p = flows; (p = strchr(p, '\n')) != NULL; p++)
        rows++;
    cr_expect_eq(rows, 6, "header and five flows:\n%s", flows);
    free(flows);
    cr_expect_eq(sum_counts("data/purchase-states-2022-2023.csv", 3, NULL),
                 18206);
    char *alt = th_read_file(th_path(dir, "purchases-2022-2023-es.txt"), &len);
    cr_assert_not_null(alt);
    cr_expect(strstr(alt, "a México") != NULL, "%s", alt);
    cr_expect(strstr(alt, "Otros estados a México, 4345 (23,9") != NULL, "%s",
              alt);
    free(alt);
}

/* The cities figure: five places of a places table, every flow ending at
 * the one node the source's four countries share, the counts and the
 * 53,411 denominator as cited, and the text never naming a Mexican state
 * as a place of recovery. */
Test(figures, cities_end_at_the_four_countries_node, .timeout = 60)
{
    const char *dir = th_tmpdir();
    char args[1024], *err = NULL;
    snprintf(args, sizeof args,
             "map -q -c data/figures/cities-2015-2022-en.ini --out-dir %s",
             dir);
    cr_assert_eq(run(args, &err), 0, "%s", err);
    free(err);
    char *flows = th_read_file(th_path(dir, "cities-2015-2022-en-flows.csv"),
                               NULL);
    cr_assert_not_null(flows);
    static const char *const rows[] = {
        "\nhouston-tx,mx-gt-sv-hn,2452,", "\ntucson-az,mx-gt-sv-hn,2156,",
        "\nphoenix-az,mx-gt-sv-hn,1745,", "\nel-paso-tx,mx-gt-sv-hn,1658,",
        "\nsan-antonio-tx,mx-gt-sv-hn,1340,"
    };
    for (size_t i = 0; i < 5; i++)
        cr_expect(strstr(flows, rows[i]) != NULL, "no %s in\n%s", rows[i] + 1,
                  flows);
    free(flows);
    cr_expect_eq(sum_counts("data/cities-2015-2022.csv", 3, NULL), 9351);
    char *alt = th_read_file(th_path(dir, "cities-2015-2022-en.txt"), NULL);
    cr_assert_not_null(alt);
    cr_expect(strstr(alt, "from U.S. cities to Mexico, Guatemala, El Salvador "
                          "and Honduras.") != NULL, "%s", alt);
    cr_expect(strstr(alt, "17.5% of the 53,411") != NULL, "%s", alt);
    cr_expect(strstr(alt, "Mexican state") == NULL, "%s", alt);
    free(alt);
}

static th_world world;

static void world_setup(void)
{
    ir_error err = { 0 };
    cr_assert_eq(th_world_load(&world, false, &err), 0, "%s", err.message);
}

static void world_teardown(void)
{
    th_world_free(&world);
}

/* On the lay-out itself: the stub starts on the map area's edge with no
 * symbol and a label; the country's flows end at its national node. */
Test(figures, stub_enters_from_the_edge_and_country_node_is_used,
     .init = world_setup, .fini = world_teardown)
{
    ir_error err = { 0 };
    cr_assert_eq(ir_states_add_unlocated(world.states, "Other states", "US",
                                         "Other states", "Otros estados",
                                         &err), 0, "%s", err.message);
    ir_atlas_destroy(world.atlas);
    const ir_layer *layers[2] = { world.us, world.mx };
    ir_atlas_sources src = { layers, 2, NULL, NULL, NULL };
    world.atlas = ir_atlas_create(&src, world.states, world.proj, NULL, &err);
    cr_assert_not_null(world.atlas, "%s", err.message);
    ir_anchors *anchors = ir_anchors_create(world.atlas, world.states, 2, &err);
    cr_assert_not_null(anchors);
    const char *path = th_path(th_tmpdir(), "od.csv");
    const char *text = "origin,destination,weight\nTX,MX,7825\n"
                       "Other states,MX,4345\nAZ,MX,3969\n";
    th_write_file(path, text, strlen(text));
    ir_aggregate_options ao = { 0 };
    ir_aggregate_report r;
    ir_od *od = ir_aggregate_file(path, world.states, &ao, &r, &err);
    cr_assert_not_null(od, "%s", err.message);
    ir_aggregate_report_free(&r);
    ir_frame frame;
    ir_frame_init(&frame, 1600, 1200, 150, 12);
    ir_figure fig = { .title = "T", .source = "S",
                      .legend_title = "Firearms traced", .lang = "en" };
    double rect[4], b[4];
    ir_page_map_rect(&fig, &frame, rect);
    ir_atlas_extent(world.atlas, b);
    ir_frame_fit_rect(&frame, b, rect);
    ir_flowmap_options o;
    ir_flowmap_options_default(&o);
    memcpy(o.area, rect, sizeof o.area);
    ir_flowmap *m = ir_flowmap_create(od, anchors, world.states, &frame, &o,
                                      &err);
    cr_assert_not_null(m, "%s", err.message);
    cr_assert_eq(ir_flowmap_layout(m, rect, NULL, 0, &err), 0);
    const ir_flow *f;
    const ir_node *nd;
    size_t n = ir_flowmap_flows(m, &f), nn = ir_flowmap_nodes(m, &nd);
    cr_assert_eq(n, 3);
    const ir_state *mx = ir_states_lookup(world.states, "MX", "MX",
                                          IR_NUMBER_NONE, NULL);
    double mx_x, mx_y, px, py;
    cr_assert(ir_anchors_get(anchors, ir_states_index(world.states, mx), &mx_x,
                             &mx_y));
    ir_frame_to_page(&frame, mx_x, mx_y, &px, &py);
    int stubs = 0;
    for (size_t i = 0; i < n; i++) {
        cr_expect(f[i].destination == mx);
        cr_expect(fabs(f[i].to.x - px) < 1e-9 && fabs(f[i].to.y - py) < 1e-9);
        const ir_node *from = &nd[f[i].from_node];
        if (f[i].origin->kind != IR_STATE_UNLOCATED) {
            cr_expect(!from->is_stub);
            continue;
        }
        stubs++;
        cr_expect(from->is_stub && from->radius == 0);
        cr_expect(f[i].from.x == rect[0] || f[i].from.x == rect[2],
                  "stub starts at x=%g, not on the edge %g or %g",
                  f[i].from.x, rect[0], rect[2]);
        cr_expect(f[i].from.y >= rect[1] && f[i].from.y <= rect[3]);
    }
    cr_expect_eq(stubs, 1);
    ir_labels_options lo = { "es", 6, true, IR_FLOW_LABELS_NONE, 0, NULL, 0 };
    ir_labels *labels = ir_labels_place(m, &lo, rect, NULL, 0);
    const ir_label *lb;
    size_t nl = ir_labels_get(labels, &lb);
    bool stub_named = false;
    for (size_t i = 0; i < nl; i++)
        stub_named |= lb[i].node && lb[i].node->is_stub &&
                      strcmp(lb[i].text, "Otros estados") == 0;
    cr_expect(stub_named, "the stub is labelled");
    (void)nn;
    ir_labels_destroy(labels);
    ir_flowmap_destroy(m);
    ir_od_destroy(od);
    ir_anchors_destroy(anchors);
}

Test(figures, share_options_fail_clearly)
{
    const char *dir = th_tmpdir();
    char args[1024], *err = NULL;
    snprintf(args, sizeof args,
             "map tests/data/channels-2022-2023.csv -o %s/x.png --share-of "
             "nosuch", dir);
    cr_expect_eq(run(args, &err), 1);
    cr_expect(strstr(err, "--totals") != NULL, "%s", err);
    free(err);
    snprintf(args, sizeof args,
             "map tests/data/channels-2022-2023.csv -o %s/x.png --totals "
             "data/totals-2022-2023.csv --share-of nosuch", dir);
    cr_expect_eq(run(args, &err), 2);
    cr_expect(strstr(err, "totals-2022-2023.csv") && strstr(err, "nosuch"),
              "%s", err);
    free(err);
    const char *bad = th_path(dir, "totals.csv");
    const char *text = "year,measure,count,source\n2023,all,many,X\n";
    th_write_file(bad, text, strlen(text));
    snprintf(args, sizeof args,
             "map tests/data/channels-2022-2023.csv -o %s/x.png --totals %s "
             "--share-of all", dir, bad);
    cr_expect_eq(run(args, &err), 2);
    cr_expect(strstr(err, "line 2") && strstr(err, "count") &&
              strstr(err, "many"), "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "x.png")));
    /* A spec's input is read from the spec's folder. */
    const char *spec = th_path(dir, "fig.ini");
    char body[512];
    snprintf(body, sizeof body, "input = od.csv\noutput = %s/fig.svg\n", dir);
    th_write_file(spec, body, strlen(body));
    const char *od = "origin,destination,weight\nTX,NLE,10\n";
    th_write_file(th_path(dir, "od.csv"), od, strlen(od));
    snprintf(args, sizeof args, "map -q -c %s", spec);
    cr_expect_eq(run(args, &err), 0, "%s", err);
    free(err);
    cr_expect(th_file_exists(th_path(dir, "fig.svg")));
}

/*
 * Choropleth: the classes of a value file, their labels in English and
 * Spanish, which states are "no data", and that the fill stays muted
 * enough for the flows drawn over it.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "layout/choropleth.h"
#include "helpers.h"

static ir_states *table;

static void setup(void)
{
    ir_error err = { 0 };
    table = ir_states_load("data/states.csv", &err);
    cr_assert_not_null(table, "%s", err.message);
}

static void teardown(void) { ir_states_destroy(table); }

TestSuite(choropleth, .init = setup, .fini = teardown);

static ir_state_values *load(const char *text)
{
    const char *p = th_path(th_tmpdir(), "fill.csv");
    cr_assert_eq(th_write_file(p, text, strlen(text)), 0);
    ir_error err = { 0 };
    ir_state_values *v = ir_state_values_load(p, table, NULL, NULL, &err);
    cr_assert_not_null(v, "%s", err.message);
    return v;
}

static const char seized[] = "state,value\nMichoacán,4979\nSonora,3720\n"
                             "Jalisco,4117\nGuanajuato,2216\n"
                             "Zacatecas,2321\nGuerrero,3168\n";

Test(choropleth, classes_labels_and_no_data_in_english)
{
    ir_state_values *v = load(seized);
    ir_choropleth_options o = { IR_CLASS_JENKS, 3, NULL, 0, IR_FILL_GREYS,
                                "en", NULL, 0xf3ece0, 0 };
    ir_error err = { 0 };
    ir_choropleth *c = ir_choropleth_create(v, table, &o, &err);
    cr_assert_not_null(c, "%s", err.message);
    const double *b;
    cr_assert_eq(ir_choropleth_classes(c, &b), 3);
    /* natural breaks: {2216, 2321}, {3168, 3720, 4117}, {4979}, whose
     * squared deviations sum to 459,820 against 529,386 for the three
     * pairs */
    cr_expect_str_eq(ir_choropleth_label(c, 0), "2,216\u20132,321");
    cr_expect_str_eq(ir_choropleth_label(c, 1), "2,322\u20134,117");
    cr_expect_str_eq(ir_choropleth_label(c, 2), "4,118\u20134,979");
    cr_expect_eq(ir_choropleth_class_of(c, "MX-MIC"), 2);
    cr_expect_eq(ir_choropleth_class_of(c, "MX-GUA"), 0);
    cr_expect_eq(ir_choropleth_class_of(c, "MX-SON"), 1);
    /* Mexico is covered: its other states have no data; Texas is not. */
    cr_expect_eq(ir_choropleth_class_of(c, "MX-TAM"), IR_FILL_NO_DATA);
    cr_expect_eq(ir_choropleth_class_of(c, "US-TX"), IR_FILL_NONE);
    cr_expect(ir_choropleth_has_no_data(c));
    cr_expect_str_eq(ir_choropleth_label(c, IR_FILL_NO_DATA), "No data");
    /* Darker for more, and every class apart from the no-data ground. */
    for (int k = 0; k < 3; k++) {
        unsigned rgb = ir_choropleth_rgb(c, k);
        cr_expect_neq(rgb, ir_choropleth_rgb(c, IR_FILL_NO_DATA));
        if (k > 0)
            cr_expect_lt(rgb & 0xff, ir_choropleth_rgb(c, k - 1) & 0xff);
    }
    ir_choropleth_destroy(c);
    ir_state_values_destroy(v);
}

Test(choropleth, spanish_numbers_given_bounds_and_fractions)
{
    ir_state_values *v = load(seized);
    const double bounds[] = { 2500, 12000 };
    ir_choropleth_options o = { IR_CLASS_JENKS, 5, bounds, 2, IR_FILL_PURPLES,
                                "es", "Fuera de los diez", 0xf3ece0, 0 };
    ir_error err = { 0 };
    ir_choropleth *c = ir_choropleth_create(v, table, &o, &err);
    cr_assert_not_null(c, "%s", err.message);
    const double *b;
    cr_assert_eq(ir_choropleth_classes(c, &b), 2);
    cr_expect_str_eq(ir_choropleth_label(c, 0), "2216\u20132500");
    cr_expect_str_eq(ir_choropleth_label(c, 1), "2501\u201312\u202F000");
    cr_expect_str_eq(ir_choropleth_label(c, IR_FILL_NO_DATA),
                     "Fuera de los diez");
    ir_choropleth_destroy(c);
    ir_state_values_destroy(v);

    v = load("state,value\nSonora,0.5\nJalisco,2.25\nTexas,1.5\n");
    ir_choropleth_options q = { IR_CLASS_EQUAL, 2, NULL, 0, IR_FILL_BLUES,
                                "es", NULL, 0xf3ece0, 0 };
    c = ir_choropleth_create(v, table, &q, &err);
    cr_assert_not_null(c, "%s", err.message);
    cr_expect_str_eq(ir_choropleth_label(c, 0), "0,5\u20131,38");
    cr_expect_str_eq(ir_choropleth_label(c, 1), "más de 1,38 a 2,25");
    /* Both countries covered: a Mexican and a U.S. state without data. */
    cr_expect_eq(ir_choropleth_class_of(c, "MX-TAM"), IR_FILL_NO_DATA);
    cr_expect_eq(ir_choropleth_class_of(c, "US-AZ"), IR_FILL_NO_DATA);
    ir_choropleth_destroy(c);
    ir_state_values_destroy(v);

    const double down[] = { 3000, 2000 };
    v = load(seized);
    ir_choropleth_options d = { IR_CLASS_JENKS, 5, down, 2, IR_FILL_GREYS,
                                "en", NULL, 0xf3ece0, 0 };
    cr_expect_null(ir_choropleth_create(v, table, &d, &err));
    cr_expect(strstr(err.message, "--breaks") != NULL, "%s", err.message);
    ir_state_values_destroy(v);
}

/* Every flow colour (Okabe & Ito's six, and the grey of the others) must
 * stay a clear colour difference (20 CIELAB units) from every class of
 * the default scheme, at every number of classes; the lightest class must
 * still differ from the plain land.  Greys would lose the grey flows: the
 * run-time check that warns of it must see that. */
Test(choropleth, the_default_scheme_keeps_every_flow_colour_apart)
{
    static const unsigned flows[] = { 0xD55E00, 0x0072B2, 0x009E73, 0xCC79A7,
                                      0xE69F00, 0x56B4E9, 0x8C8C8C };
    char text[1024] = "state,value\n";
    static const char *const names[] = { "Sonora", "Jalisco", "Michoacán",
                                         "Guerrero", "Zacatecas", "Durango",
                                         "Sinaloa", "Chiapas", "Yucatán" };
    for (int i = 0; i < 9; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s,%d\n",
                 names[i], 100 * (i + 1));
    ir_state_values *v = load(text);
    double least = 99, least_land = 99, greys_grey = 99;
    for (int pal = IR_FILL_PURPLES; pal <= IR_FILL_BLUES; pal++)
        for (int k = 1; k <= IR_CLASSES_MAX; k++) {
            ir_choropleth_options o = { IR_CLASS_QUANTILES, k, NULL, 0,
                                        (ir_fill_palette)pal, "en", NULL,
                                        0xf3ece0, 0 };
            ir_error err = { 0 };
            ir_choropleth *c = ir_choropleth_create(v, table, &o, &err);
            cr_assert_not_null(c, "%s", err.message);
            const double *b;
            cr_assert_eq(ir_choropleth_classes(c, &b), k);
            for (size_t f = 0; f < sizeof flows / sizeof flows[0]; f++) {
                double d = ir_choropleth_nearest(c, flows[f]);
                if (pal == IR_FILL_PURPLES) {
                    cr_expect_geq(d, 20, "%d classes: #%06X is %.1f from a "
                                  "class", k, flows[f], d);
                    least = d < least ? d : least;
                }
                if (pal == IR_FILL_GREYS && flows[f] == 0x8C8C8C)
                    greys_grey = d < greys_grey ? d : greys_grey;
            }
            double land = ir_color_difference(0xf3ece0,
                                              ir_choropleth_rgb(c, 0));
            cr_expect_geq(land, 4, "palette %d, %d classes: the lightest "
                          "class is %.1f from the land", pal, k, land);
            least_land = land < least_land ? land : least_land;
            ir_choropleth_destroy(c);
        }
    cr_expect_lt(greys_grey, 20, "greys should be flagged for grey flows");
    cr_log_info("purples: nearest flow colour %.1f; lightest class %.1f from "
                "land; greys against grey flows %.1f", least, least_land,
                greys_grey);
    ir_state_values_destroy(v);
}

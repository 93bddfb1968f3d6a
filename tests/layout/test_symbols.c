/*
 * Proportional circles: area in proportion to value, the largest drawn
 * first, at the states' nodes, and a state off the map counted, not
 * drawn.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "layout/anchors.h"
#include "layout/symbols.h"
#include "helpers.h"

Test(symbols, circles_are_area_proportional_and_largest_first)
{
    th_world w;
    ir_error err = { 0 };
    cr_assert_eq(th_world_load(&w, false, &err), 0, "%s", err.message);
    ir_atlas *a = w.atlas;
    ir_anchors *anchors = ir_anchors_create(a, w.states, 1, &err);
    cr_assert_not_null(anchors, "%s", err.message);
    ir_frame f;
    ir_frame_init(&f, 1600, 1200, 150, 12);
    double b[4];
    ir_atlas_extent(a, b);
    cr_assert_eq(ir_frame_fit(&f, b), 0);

    static const char text[] = "state,value\nSonora,1000\nJalisco,4000\n"
                               "Alaska,50\nZacatecas,250\n";
    const char *p = th_path(th_tmpdir(), "v.csv");
    cr_assert_eq(th_write_file(p, text, strlen(text)), 0);
    ir_state_values *v = ir_state_values_load(p, w.states, NULL, NULL, &err);
    cr_assert_not_null(v, "%s", err.message);
    size_t missing;
    const ir_state *first;
    ir_symbols *s = ir_symbols_create(v, w.states, anchors, &f, 30, &missing,
                                      &first, &err);
    cr_assert_not_null(s, "%s", err.message);
    cr_expect_eq(missing, 1);
    cr_expect_str_eq(first->iso, "US-AK");
    const ir_symbol *d;
    cr_assert_eq(ir_symbols_get(s, &d), 3);
    cr_expect_str_eq(d[0].state->iso, "MX-JAL");
    cr_expect_str_eq(d[2].state->iso, "MX-ZAC");
    cr_expect_float_eq(d[0].r, 30, 1e-9);
    /* area: a quarter of the value, a quarter of the area */
    cr_expect_float_eq(d[1].r / d[0].r, 0.5, 1e-9);
    cr_expect_float_eq(d[2].r / d[0].r, 0.25, 1e-9);
    /* at Sonora's node */
    double x, y, px, py;
    cr_assert(ir_anchors_get(anchors, ir_states_index(w.states, d[1].state),
                             &x, &y));
    ir_frame_to_page(&f, x, y, &px, &py);
    cr_expect_float_eq(d[1].x, px, 1e-9);
    cr_expect_float_eq(d[1].y, py, 1e-9);
    /* the legend: round values, at the same scale */
    double values[2], radii[2];
    size_t n = ir_symbols_legend(s, values, radii);
    cr_assert_geq(n, 1);
    cr_expect_float_eq(values[0], 2000, 1e-9);
    cr_expect_float_eq(radii[0], 30 * sqrt(2000.0 / 4000), 1e-9);
    ir_symbols_destroy(s);
    ir_state_values_destroy(v);
    ir_anchors_destroy(anchors);
    th_world_free(&w);
}

/*
 * Places beyond the U.S. and Mexican states, as a user meets them: a
 * trace file whose guns were recovered in Guatemala, Belize, El Salvador
 * and Honduras draws, in English and Spanish, with the countries named in
 * the text alternative and written in the flows file.
 */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const char traces[] =
    "purchase_state,recovery_state,count\n"
    "Arizona,Guatemala,40\nTexas,Honduras,30\nTexas,El Salvador,20\n"
    "California,Belice,10\nTexas,Tamaulipas,50\n";

static int map(const char *dir, const char *extra, char **err)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "%s map --quiet %s -o %s --alt-text %s --flows-csv %s %s",
             th_binary(), th_path(dir, "traces.csv"), th_path(dir, "map.png"),
             th_path(dir, "alt.txt"), th_path(dir, "flows.csv"), extra);
    return th_run(cmd, err);
}

Test(places_cli, central_american_destinations_draw_and_are_named)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "traces.csv"), traces, strlen(traces));
    char *err = NULL;
    cr_assert_eq(map(dir, "", &err), 0, "%s", err);
    free(err);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_assert_not_null(alt);
    cr_expect(strstr(alt, "from U.S. states to Mexican states, Guatemala, "
                          "Honduras, El Salvador and Belize.") != NULL,
              "%s", alt);
    cr_expect(strstr(alt, "Arizona to Guatemala, 40") != NULL, "%s", alt);
    free(alt);
    char *flows = th_read_file(th_path(dir, "flows.csv"), NULL);
    cr_assert_not_null(flows);
    static const char *const rows[] = { "\nUS-AZ,GT,40,", "\nUS-TX,HN,30,",
                                        "\nUS-TX,SV,20,", "\nUS-CA,BZ,10," };
    for (size_t i = 0; i < 4; i++)
        cr_expect(strstr(flows, rows[i]) != NULL, "no '%s' in\n%s",
                  rows[i] + 1, flows);
    free(flows);
    cr_assert_eq(map(dir, "--lang es --fit flows", &err), 0, "%s", err);
    free(err);
    alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_assert_not_null(alt);
    cr_expect(strstr(alt, "a estados de México, Guatemala, Honduras, El "
                          "Salvador y Belice.") != NULL, "%s", alt);
    cr_expect(strstr(alt, "California a Belice, 10") != NULL, "%s", alt);
    free(alt);
}

/* A places table draws its points as nodes; a trace row naming no place
 * of it is an error with its file, line and column, and nothing is
 * written. */
Test(places_cli, a_places_table_draws_and_unknown_ids_are_refused)
{
    const char *dir = th_tmpdir();
    static const char places[] =
        "id,name,lon,lat,kind,parent\n"
        "tucson,Tucson,-110.97,32.22,city,AZ\n"
        "houston,Houston,-95.37,29.76,city,TX\n";
    static const char rows[] = "origin,destination,count\n"
                               "houston,Tamaulipas,245\ntucson,Sonora,215\n"
                               "tucson,Guatemala,20\n";
    th_write_file(th_path(dir, "places.csv"), places, strlen(places));
    th_write_file(th_path(dir, "traces.csv"), rows, strlen(rows));
    char extra[1024], *err = NULL;
    snprintf(extra, sizeof extra, "--places %s", th_path(dir, "places.csv"));
    cr_assert_eq(map(dir, extra, &err), 0, "%s", err);
    free(err);
    char *flows = th_read_file(th_path(dir, "flows.csv"), NULL);
    cr_assert_not_null(flows);
    cr_expect(strstr(flows, "\nhouston,MX-TAM,245,") &&
              strstr(flows, "\ntucson,MX-SON,215,") &&
              strstr(flows, "\ntucson,GT,20,"), "%s", flows);
    free(flows);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(alt && strstr(alt, "Houston to Tamaulipas, 245"), "%s", alt);
    free(alt);
    /* A row naming an id the table lacks. */
    static const char bad[] = "origin,destination,count\n"
                              "houston,Tamaulipas,245\nphoenix,Sonora,174\n";
    th_write_file(th_path(dir, "traces.csv"), bad, strlen(bad));
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "rm -f %s && %s map --quiet %s --places %s -o %s",
             th_path(dir, "new.png"), th_binary(), th_path(dir, "traces.csv"),
             th_path(dir, "places.csv"), th_path(dir, "new.png"));
    cr_expect_eq(th_run(cmd, &err), 2);
    cr_expect(err && strstr(err, "traces.csv: line 3: column origin: "
                                 "unknown U.S. state or place 'phoenix'"), "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "new.png")));
}

/* Places without a parent are located in the boundaries and roll up to
 * their states; a point at sea is refused by name or, with
 * --skip-unknown, left out with a note; a point across the border from
 * its side is refused. */
Test(places_cli, places_roll_up_to_the_states_their_points_lie_in)
{
    const char *dir = th_tmpdir();
    static const char places[] = "id,name,lon,lat\n"
                                 "tucson,Tucson,-110.97,32.22\n"
                                 "houston,Houston,-95.37,29.76\n"
                                 "monterrey,Monterrey,-100.31,25.67\n"
                                 "juarez,Ciudad Juárez,-106.45,31.69\n"
                                 "gulf,Gulf,-90.0,25.0\n";
    th_write_file(th_path(dir, "places.csv"), places, strlen(places));
    static const char rows[] = "origin,destination,count\n"
                               "tucson,monterrey,3\nhouston,monterrey,4\n"
                               "houston,Sonora,5\nhouston,gulf,2\n";
    th_write_file(th_path(dir, "traces.csv"), rows, strlen(rows));
    char cmd[2048], *err = NULL;
    const char *out = th_path(dir, "od.csv");
    snprintf(cmd, sizeof cmd,
             "%s aggregate %s --places %s --origin-level state "
             "--dest-level state --skip-unknown -o %s",
             th_binary(), th_path(dir, "traces.csv"),
             th_path(dir, "places.csv"), out);
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    cr_expect(err && strstr(err, "1 flows of places in no state or country "
                                 "left out (2 firearms; first: 'gulf')"),
              "%s", err);
    free(err);
    char *od = th_read_file(out, NULL);
    cr_expect_str_eq(od, "origin,destination,weight\nUS-TX,MX-SON,5\n"
                         "US-TX,MX-NLE,4\nUS-AZ,MX-NLE,3\n");
    free(od);
    /* Without --skip-unknown the point at sea is an error. */
    snprintf(cmd, sizeof cmd,
             "rm -f %s && %s aggregate -q %s --places %s --dest-level state "
             "-o %s", out, th_binary(), th_path(dir, "traces.csv"),
             th_path(dir, "places.csv"), out);
    cr_expect_eq(th_run(cmd, &err), 2);
    cr_expect(err && strstr(err, "place 'gulf' (-90, 25) lies in no state"),
              "%s", err);
    free(err);
    cr_expect(!th_file_exists(out));
    /* Ciudad Juárez as a place of purchase. */
    static const char across[] = "origin,destination\njuarez,Sonora\n";
    th_write_file(th_path(dir, "traces.csv"), across, strlen(across));
    cr_expect_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    snprintf(cmd, sizeof cmd,
             "rm -f %s && %s aggregate -q %s --places %s --origin-level state "
             "-o %s", out, th_binary(), th_path(dir, "traces.csv"),
             th_path(dir, "places.csv"), out);
    cr_expect_eq(th_run(cmd, &err), 2);
    cr_expect(err && strstr(err, "place 'juarez' (-106.45, 31.69) is an "
                                 "origin, but its point lies in Chihuahua"),
              "%s", err);
    free(err);
    cr_expect(!th_file_exists(out));
}

/* --color pins a flow colour by any spelling of a state: the pixels of
 * Texas's flow are the pinned colour; an unknown key is refused, nothing
 * written. */

Test(places_cli, pinned_colours_are_drawn_and_unknown_keys_refused)
{
    const char *dir = th_tmpdir();
    static const char t[] = "purchase_state,recovery_state,count\n"
                            "Texas,Tamaulipas,100\nArizona,Sonora,80\n";
    th_write_file(th_path(dir, "t.csv"), t, strlen(t));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map -q %s --color TX=#1A2B3C -o %s",
             th_binary(), th_path(dir, "t.csv"), th_path(dir, "a.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    cr_expect(th_png_count(th_path(dir, "a.png"), 0x1A2B3C, 0) > 0);
    snprintf(cmd, sizeof cmd, "%s map -q %s -o %s", th_binary(),
             th_path(dir, "t.csv"), th_path(dir, "b.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    cr_expect(th_png_count(th_path(dir, "b.png"), 0x1A2B3C, 0) == 0);
    cr_expect(th_png_count(th_path(dir, "b.png"), 0xD55E00, 0) > 0,
              "Texas's own vermillion");
    snprintf(cmd, sizeof cmd, "%s map -q %s --color Texsa=#1A2B3C -o %s",
             th_binary(), th_path(dir, "t.csv"), th_path(dir, "c.png"));
    cr_assert_neq(th_run(cmd, &err), 0);
    cr_expect(strstr(err, "no state or place is called 'Texsa'"), "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "c.png")));
}

/*
 * Places beyond the U.S. and Mexican states, as a user meets them: a
 * trace file whose guns were recovered in Guatemala, Belize, El Salvador
 * and Honduras draws, in English and Spanish, with the countries named in
 * the text alternative and written in the flows file.
 */
#include <criterion/criterion.h>
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
                                 "unknown U.S. state 'phoenix'"), "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "new.png")));
}

/*
 * Clustering as a user meets it: a city-level places table drawn with
 * the default clustering merges Tucson's suburbs into "Tucson area, 5
 * cities" (in Spanish "zona de Tucson, 5 ciudades"), keeps Phoenix and a
 * destination city apart, conserves every firearm in the flows written,
 * and draws the same bytes whatever the order of the rows; --cluster none keeps every place; a bad value
 * is refused.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const char *const places[] = {
    "tucson,Tucson,-110.97,32.22,city,AZ",
    "marana,Marana,-111.22,32.44,city,AZ",
    "oro-valley,Oro Valley,-110.97,32.39,city,AZ",
    "south-tucson,South Tucson,-110.97,32.20,city,AZ",
    "sahuarita,Sahuarita,-110.96,31.96,city,AZ",
    "phoenix,Phoenix,-112.07,33.45,city,AZ",
    "el-paso,El Paso,-106.44,31.80,city,TX",
    "culiacan,Culiacán,-107.39,24.80,city,Sinaloa",
};

static const char *const traces[] = {
    "tucson,Sonora,400",      "marana,Sonora,120",   "oro-valley,Sinaloa,90",
    "south-tucson,Sonora,60", "sahuarita,Sinaloa,30", "phoenix,Sonora,300",
    "phoenix,Sinaloa,150",    "el-paso,culiacan,200",  "tucson,Sinaloa,77",
};

#define NPLACES (sizeof places / sizeof *places)
#define NTRACES (sizeof traces / sizeof *traces)
#define TOTAL (400 + 120 + 90 + 60 + 30 + 300 + 150 + 200 + 77)

/* Writes both files, rows in the order of perm (NULL: as listed). */
static void write_inputs(const char *dir, const size_t *pp, const size_t *tp)
{
    char buf[4096];
    size_t n = (size_t)snprintf(buf, sizeof buf, "id,name,lon,lat,kind,parent\n");
    for (size_t i = 0; i < NPLACES; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\n",
                              places[pp ? pp[i] : i]);
    th_write_file(th_path(dir, "places.csv"), buf, n);
    n = (size_t)snprintf(buf, sizeof buf, "city,recovery_state,count\n");
    for (size_t i = 0; i < NTRACES; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\n",
                              traces[tp ? tp[i] : i]);
    th_write_file(th_path(dir, "traces.csv"), buf, n);
}

static int map(const char *dir, const char *out, const char *extra,
               char **err)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "%s map --quiet %s --places %s --origin city "
             "--dest recovery_state --weight count --width 1600 "
             "--height 1200 -o %s --alt-text %s --flows-csv %s %s",
             th_binary(), th_path(dir, "traces.csv"), th_path(dir, "places.csv"),
             th_path(dir, out), th_path(dir, "alt.txt"),
             th_path(dir, "flows.csv"), extra);
    return th_run(cmd, err);
}

/* Sum of the weight column of a flows CSV, and its number of rows. */
static double flows_total(const char *path, int *rows)
{
    char *text = th_read_file(path, NULL);
    cr_assert_not_null(text);
    double total = 0;
    *rows = 0;
    char *line = strchr(text, '\n');
    while (line && line[1]) {
        line++;
        char *c = strchr(line, ',');
        c = c ? strchr(c + 1, ',') : NULL;
        cr_assert_not_null(c, "%s", line);
        total += strtod(c + 1, NULL);
        (*rows)++;
        line = strchr(line, '\n');
    }
    free(text);
    return total;
}

Test(cluster_cli, suburbs_merge_named_for_the_largest)
{
    const char *dir = th_tmpdir();
    write_inputs(dir, NULL, NULL);
    char *err = NULL;
    cr_assert_eq(map(dir, "a.png", "", &err), 0, "%s", err);
    free(err);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_assert_not_null(alt);
    cr_expect(strstr(alt, "Tucson area, 5 cities to Sonora, 580") != NULL,
              "%s", alt);
    cr_expect(strstr(alt, "from U.S. cities to") != NULL, "%s", alt);
    cr_expect(strstr(alt, "5 cities close together on the map are shown "
                          "merged into 1 node, named after its largest.") != NULL, "%s", alt);
    cr_expect(strstr(alt, "Phoenix to Sonora, 300") != NULL, "%s", alt);
    cr_expect(strstr(alt, "Marana") == NULL, "%s", alt);
    free(alt);
    int rows;
    cr_expect_eq(flows_total(th_path(dir, "flows.csv"), &rows), TOTAL);
    cr_expect_eq(rows, 5, "Tucson area x 2, Phoenix x 2, El Paso -> Culiacán");
    char *flows = th_read_file(th_path(dir, "flows.csv"), NULL);
    cr_expect(strstr(flows, "\nel-paso,culiacan,200,") != NULL, "%s", flows);
    cr_expect(strstr(flows, "\ntucson,MX-SIN,197,") != NULL, "%s", flows);
    free(flows);

    cr_assert_eq(map(dir, "a.png", "--lang es", &err), 0, "%s", err);
    free(err);
    alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(strstr(alt, "zona de Tucson, 5 ciudades a Sonora, 580") != NULL,
              "%s", alt);
    cr_expect(strstr(alt, "5 ciudades muy próximas en el mapa se muestran "
                          "agrupadas en 1 nodo, con el nombre de la mayor.") != NULL, "%s", alt);
    free(alt);
}

Test(cluster_cli, same_bytes_whatever_the_row_order)
{
    const char *dir = th_tmpdir();
    write_inputs(dir, NULL, NULL);
    char *err = NULL;
    cr_assert_eq(map(dir, "a.png", "", &err), 0, "%s", err);
    free(err);
    char *first = th_read_file(th_path(dir, "flows.csv"), NULL);
    static const size_t pp[NPLACES] = { 7, 3, 5, 0, 6, 1, 4, 2 };
    static const size_t tp[NTRACES] = { 8, 2, 6, 4, 0, 7, 1, 5, 3 };
    write_inputs(dir, pp, tp);
    cr_assert_eq(map(dir, "b.png", "", &err), 0, "%s", err);
    free(err);
    char *second = th_read_file(th_path(dir, "flows.csv"), NULL);
    cr_assert_str_eq(first, second);
    size_t na, nb;
    char *a = th_read_file(th_path(dir, "a.png"), &na);
    char *b = th_read_file(th_path(dir, "b.png"), &nb);
    cr_assert(na == nb && memcmp(a, b, na) == 0,
              "the PNG differs with the rows shuffled");
    free(first);
    free(second);
    free(a);
    free(b);
}

Test(cluster_cli, none_keeps_every_place_and_bad_values_refused)
{
    const char *dir = th_tmpdir();
    write_inputs(dir, NULL, NULL);
    char *err = NULL;
    cr_assert_eq(map(dir, "a.png", "--cluster none", &err), 0, "%s", err);
    free(err);
    int rows;
    cr_expect_eq(flows_total(th_path(dir, "flows.csv"), &rows), TOTAL);
    cr_expect_eq(rows, (int)NTRACES);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(strstr(alt, "merged") == NULL, "%s", alt);
    free(alt);
    /* 2 px (6 km here) is kept to: South Tucson, 2 km off, merges into
     * Tucson; the suburbs 15 km and more away stay apart. */
    cr_assert_eq(map(dir, "a.png", "--cluster 2", &err), 0, "%s", err);
    free(err);
    cr_expect_eq(flows_total(th_path(dir, "flows.csv"), &rows), TOTAL);
    cr_expect_eq(rows, (int)NTRACES - 1);
    char *flows = th_read_file(th_path(dir, "flows.csv"), NULL);
    cr_expect(strstr(flows, "\ntucson,MX-SON,460,") != NULL, "%s", flows);
    cr_expect(strstr(flows, "\nmarana,MX-SON,120,") != NULL, "%s", flows);
    free(flows);

    remove(th_path(dir, "c.png"));
    cr_assert_neq(map(dir, "c.png", "--cluster wide", &err), 0);
    cr_expect(strstr(err, "--cluster: 'wide' is not a distance") != NULL,
              "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "c.png")));
}

/* On a map of places, a flow too thin to see (here 3 firearms against
 * 400: 0.1 pt at the map's scale) is not drawn but counted in its
 * places' totals, and the note says so; --fold none draws it. */
Test(cluster_cli, thin_flows_fold_into_their_places)
{
    const char *dir = th_tmpdir();
    static const char p[] = "id,name,lon,lat,kind,parent\n"
                            "tucson,Tucson,-110.97,32.22,city,AZ\n"
                            "houston,Houston,-95.37,29.76,city,TX\n";
    static const char t[] = "city,recovery_state,count\n"
                            "tucson,Sonora,400\nhouston,Tamaulipas,300\n"
                            "houston,Sonora,3\n";
    th_write_file(th_path(dir, "places.csv"), p, strlen(p));
    th_write_file(th_path(dir, "traces.csv"), t, strlen(t));
    char *err = NULL;
    cr_assert_eq(map(dir, "a.png", "", &err), 0, "%s", err);
    free(err);
    int rows;
    cr_expect_eq(flows_total(th_path(dir, "flows.csv"), &rows), 700);
    cr_expect_eq(rows, 2);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(strstr(alt, "1 flow of under 27 firearms, too thin to see "
                          "(0.4% of the total), is not drawn but counted in "
                          "its places' totals.") != NULL, "%s", alt);
    free(alt);
    cr_assert_eq(map(dir, "a.png", "--fold none", &err), 0, "%s", err);
    free(err);
    cr_expect_eq(flows_total(th_path(dir, "flows.csv"), &rows), 703);
    cr_expect_eq(rows, 3);
}

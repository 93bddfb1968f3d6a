/*
 * Places tables: loose header names, ids of any form, names in two
 * languages, parents and their countries; every bad row an error naming
 * the file, line and column, with the state table left as it was.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "load/places.h"
#include "load/states.h"
#include "helpers.h"

static ir_states *table;
static size_t table_count;

static void setup(void)
{
    ir_error err = { 0 };
    table = ir_states_load("data/states.csv", &err);
    cr_assert_not_null(table, "%s", err.message);
    table_count = ir_states_count(table);
}

static void teardown(void)
{
    ir_states_destroy(table);
}

TestSuite(places, .init = setup, .fini = teardown);

static const char *write_places(const char *text)
{
    const char *path = th_path(th_tmpdir(), "places.csv");
    th_write_file(path, text, strlen(text));
    return path;
}

static const ir_state *find(const char *text, const char *countries)
{
    return ir_states_lookup(table, text, countries, IR_NUMBER_US_FIPS, NULL);
}

Test(places, loose_headers_ids_names_and_parents)
{
    ir_error err = { 0 };
    const char *path = write_places(
        "\xEF\xBB\xBFPlace_ID,Nombre,Nombre_ES,Longitud,Latitud,Tipo,Estado\n"
        "04019,Pima County,Condado de Pima,-111.79,32.10,county,Arizona\n"
        "dealer-0412,Dealer 412,,-106.44,31.77,dealer,TX\n"
        "\n"
        "tegucigalpa,Tegucigalpa,,-87.21,14.07,city,Honduras\n"
        "nowhere,Somewhere,,-100,40,,\n");
    cr_assert_eq(ir_places_load(table, path, NULL, &err), 0, "%s", err.message);
    cr_expect_eq(ir_states_count(table), table_count + 4);
    /* A county's FIPS id is a place, while "04" is still Arizona. */
    const ir_state *pima = find("04019", IR_ORIGIN_COUNTRIES);
    cr_assert_not_null(pima);
    cr_expect_eq(pima->kind, IR_STATE_PLACE);
    cr_expect_str_eq(pima->name_es, "Condado de Pima");
    cr_expect_str_eq(pima->level, "county");
    cr_expect_str_eq(pima->country, "US");
    cr_expect_float_eq(pima->lon, -111.79, 1e-9);
    cr_expect_float_eq(pima->lat, 32.10, 1e-9);
    cr_expect_str_eq(ir_states_at(table, (size_t)pima->parent)->iso, "US-AZ");
    cr_expect_str_eq(find("04", IR_ORIGIN_COUNTRIES)->iso, "US-AZ");
    /* Ids are compared as names are; the Spanish name defaults to the
     * name. */
    const ir_state *dealer = find("Dealer 0412", IR_ORIGIN_COUNTRIES);
    cr_assert_not_null(dealer);
    cr_expect_str_eq(dealer->iso, "dealer-0412");
    cr_expect_str_eq(dealer->name_es, "Dealer 412");
    /* A place in Honduras is a destination, not an origin. */
    cr_expect_not_null(find("tegucigalpa", IR_DESTINATION_COUNTRIES));
    cr_expect_null(find("tegucigalpa", IR_ORIGIN_COUNTRIES));
    /* Without a parent a place may stand on either side. */
    const ir_state *x = find("nowhere", IR_ORIGIN_COUNTRIES);
    cr_assert_not_null(x);
    cr_expect_eq(x->parent, -1);
    cr_expect_not_null(find("nowhere", IR_DESTINATION_COUNTRIES));
}

/* Each bad file fails naming the file, line and column, and adds
 * nothing. */
static void expect_refused(const char *text, const char *const *fragments)
{
    ir_error err = { 0 };
    const char *path = write_places(text);
    cr_expect_neq(ir_places_load(table, path, NULL, &err), 0, "accepted:\n%s", text);
    cr_expect(strstr(err.message, "places.csv") != NULL, "%s", err.message);
    for (const char *const *f = fragments; *f; f++)
        cr_expect(strstr(err.message, *f) != NULL, "'%s' lacks '%s'",
                  err.message, *f);
    cr_expect_eq(ir_states_count(table), table_count, "%s", text);
}

Test(places, bad_rows_are_refused_with_file_line_and_column)
{
    static const char head[] = "id,name,lon,lat,parent\n";
    char text[512];
    snprintf(text, sizeof text, "%sa,A,-100,30,\nb,B,-101,31,\na,C,-102,32,\n",
             head);
    expect_refused(text, (const char *[]){ "line 4", "column id", "'a'",
                                           "twice", "line 2", NULL });
    snprintf(text, sizeof text, "%sa,A,west,30,\n", head);
    expect_refused(text, (const char *[]){ "line 2", "column lon", "'west'",
                                           "longitude", NULL });
    snprintf(text, sizeof text, "%sa,A,-100,95,\n", head);
    expect_refused(text, (const char *[]){ "line 2", "column lat", "'95'",
                                           NULL });
    snprintf(text, sizeof text, "%sa,A,-100,,\n", head);
    expect_refused(text, (const char *[]){ "line 2", "column lat", NULL });
    snprintf(text, sizeof text, "%sa,A,-100,30,Atlantis\n", head);
    expect_refused(text, (const char *[]){ "line 2", "column parent",
                                           "'Atlantis'", NULL });
    snprintf(text, sizeof text, "%sTX,A,-100,30,\n", head);
    expect_refused(text, (const char *[]){ "line 2", "column id", "'TX'",
                                           "Texas", NULL });
    snprintf(text, sizeof text, "%s,A,-100,30,\n", head);
    expect_refused(text, (const char *[]){ "line 2", "column id", "no id",
                                           NULL });
    expect_refused("id,name,lat\na,A,30\n",
                   (const char *[]){ "line 1", "no lon column", NULL });
    expect_refused("id,name,lon,lat\n", (const char *[]){ "no places", NULL });
    expect_refused("", (const char *[]){ "empty", NULL });
}

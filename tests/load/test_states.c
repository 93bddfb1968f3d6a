/*
 * State table: every state by its ISO code and names, and the spellings
 * that trace data and boundary files use.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "load/states.h"
#include "helpers.h"

static ir_states *table;

static void setup(void)
{
    ir_error err = { 0 };
    table = ir_states_load("data/states.csv", &err);
    cr_assert_not_null(table, "%s", err.message);
}

static void teardown(void)
{
    ir_states_destroy(table);
}

TestSuite(states, .init = setup, .fini = teardown);

static void expect_iso(const char *text, enum ir_number_kind k,
                       const char *iso)
{
    const ir_state *s = ir_states_resolve(table, text, k, NULL);
    if (iso == NULL) {
        cr_expect_null(s, "'%s' resolves to %s", text, s ? s->iso : "");
        return;
    }
    cr_expect_not_null(s, "'%s' resolves to nothing", text);
    if (s)
        cr_expect_str_eq(s->iso, iso, "'%s' resolves to %s, not %s", text,
                         s->iso, iso);
}

Test(states, table_has_51_us_and_32_mexican_states_and_six_countries)
{
    size_t us = 0, mx = 0, countries = 0;
    for (size_t i = 0; i < ir_states_count(table); i++) {
        const ir_state *s = ir_states_at(table, i);
        if (s->kind == IR_STATE_COUNTRY) {
            countries++;
            continue;
        }
        us += strcmp(s->country, "US") == 0;
        mx += strcmp(s->country, "MX") == 0;
    }
    cr_expect_eq(us, 51);
    cr_expect_eq(mx, 32);
    cr_expect_eq(countries, 6);
}

/* The Central American countries of the trafficking data are places of
 * recovery by their ISO 3166-1 alpha-2 and alpha-3 codes and their
 * English and Spanish names; never places of purchase. */
Test(states, central_american_destinations_by_code_and_name)
{
    static const char *const spellings[][6] = {
        { "GT", "GT", "gtm", "Guatemala", "GUATEMALA", "República de Guatemala" },
        { "BZ", "bz", "BLZ", "Belize", "Belice", "belice" },
        { "SV", "SV", "SLV", "El Salvador", "el  salvador", "República de El Salvador" },
        { "HN", "hn", "HND", "Honduras", "honduras", "República de Honduras" },
    };
    for (size_t i = 0; i < 4; i++)
        for (size_t k = 1; k < 6; k++) {
            enum ir_lookup r;
            const ir_state *s = ir_states_lookup(table, spellings[i][k],
                                                 IR_DESTINATION_COUNTRIES,
                                                 IR_NUMBER_MX_INEGI, &r);
            cr_expect(s && strcmp(s->iso, spellings[i][0]) == 0,
                      "'%s' resolves to %s, not %s", spellings[i][k],
                      s ? s->iso : "nothing", spellings[i][0]);
            if (s)
                cr_expect_eq(s->kind, IR_STATE_COUNTRY);
            cr_expect_null(ir_states_lookup(table, spellings[i][k],
                                            IR_ORIGIN_COUNTRIES,
                                            IR_NUMBER_US_FIPS, &r));
            cr_expect_eq(r, IR_LOOKUP_OTHER_COUNTRY, "'%s' as an origin",
                         spellings[i][k]);
        }
    /* Mexico's states and the country itself keep their spellings. */
    expect_iso("México", IR_NUMBER_NONE, "MX-MEX");
    const ir_state *mx = ir_states_lookup(table, "MX", IR_DESTINATION_COUNTRIES,
                                          IR_NUMBER_NONE, NULL);
    cr_expect(mx && mx->kind == IR_STATE_COUNTRY);
    const ir_state *son = ir_states_lookup(table, "Sonora",
                                           IR_DESTINATION_COUNTRIES,
                                           IR_NUMBER_NONE, NULL);
    cr_expect(son && strcmp(son->iso, "MX-SON") == 0);
    /* A misspelling is offered the country. */
    const ir_state *near[3];
    size_t n = ir_states_suggest(table, "Guatemal", IR_DESTINATION_COUNTRIES,
                                 near, 3);
    cr_expect(n > 0 && strcmp(near[0]->iso, "GT") == 0, "%s",
              n ? near[0]->iso : "none");
}

/* The countries answer to their ISO 3166-1 codes and to nothing else:
 * "México" and "Mexico" stay the State of Mexico, as INEGI names it. */
Test(states, countries_resolve_by_code_only)
{
    expect_iso("MX", IR_NUMBER_NONE, "MX");
    expect_iso("us", IR_NUMBER_NONE, "US");
    expect_iso("México", IR_NUMBER_NONE, "MX-MEX");
    expect_iso("Mexico", IR_NUMBER_NONE, "MX-MEX");
    expect_iso("Estados Unidos Mexicanos", IR_NUMBER_NONE, NULL);
    expect_iso("United States", IR_NUMBER_NONE, NULL);
    expect_iso("Estados Unidos", IR_NUMBER_NONE, NULL);
    expect_iso("00", IR_NUMBER_MX_INEGI, NULL);
    const ir_state *mx = ir_states_lookup(table, "MX", "MX", IR_NUMBER_NONE,
                                          NULL);
    cr_assert_not_null(mx);
    cr_expect_eq(mx->kind, IR_STATE_COUNTRY);
    cr_expect_null(ir_states_lookup(table, "MX", "US", IR_NUMBER_NONE, NULL));
}

/* An origin without a place resolves like a name, never shadows a state,
 * and keeps the table's other states where they were. */
Test(states, unlocated_origins_are_declared_names)
{
    ir_error err = { 0 };
    ir_states *t = ir_states_load("data/states.csv", &err);
    cr_assert_not_null(t, "%s", err.message);
    size_t n = ir_states_count(t);
    cr_assert_eq(ir_states_add_unlocated(t, "Other states", "US",
                                         "Other states", "Otros estados",
                                         &err), 0, "%s", err.message);
    cr_expect_eq(ir_states_count(t), n + 1);
    const ir_state *o = ir_states_lookup(t, "other  STATES", "US",
                                         IR_NUMBER_NONE, NULL);
    cr_assert_not_null(o);
    cr_expect_eq(o->kind, IR_STATE_UNLOCATED);
    cr_expect_str_eq(o->name_es, "Otros estados");
    cr_expect_null(ir_states_lookup(t, "Other states", "MX", IR_NUMBER_NONE,
                                    NULL));
    const ir_state *tx = ir_states_lookup(t, "Texas", NULL, IR_NUMBER_NONE,
                                          NULL);
    cr_assert_not_null(tx);
    cr_expect_str_eq(tx->iso, "US-TX");
    cr_expect_neq(ir_states_add_unlocated(t, "Tejas", "US", "x", "x", &err), 0);
    cr_expect(strstr(err.message, "US-TX") != NULL, "%s", err.message);
    ir_states_destroy(t);
}

Test(states, every_state_resolves_by_code_and_both_names)
{
    for (size_t i = 0; i < ir_states_count(table); i++) {
        const ir_state *s = ir_states_at(table, i);
        if (s->kind == IR_STATE_COUNTRY)
            continue; /* by code only: countries_resolve_by_code_only */
        expect_iso(s->iso, IR_NUMBER_NONE, s->iso);
        expect_iso(s->code, IR_NUMBER_NONE, s->iso);
        expect_iso(s->name_en, IR_NUMBER_NONE, s->iso);
        expect_iso(s->name_es, IR_NUMBER_NONE, s->iso);
        expect_iso(s->name_official, IR_NUMBER_NONE, s->iso);
        expect_iso(s->number, strcmp(s->country, "US") == 0
                                  ? IR_NUMBER_US_FIPS : IR_NUMBER_MX_INEGI,
                   s->iso);
    }
}

Test(states, accents_case_and_spacing_do_not_matter)
{
    expect_iso("Nuevo Leon", IR_NUMBER_NONE, "MX-NLE");
    expect_iso("  NUEVO   LEÓN ", IR_NUMBER_NONE, "MX-NLE");
    expect_iso("nuevo-león", IR_NUMBER_NONE, "MX-NLE");
    expect_iso("San Luis Potosi", IR_NUMBER_NONE, "MX-SLP");
    expect_iso("YUCATAN", IR_NUMBER_NONE, "MX-YUC");
    expect_iso("michoacan de ocampo", IR_NUMBER_NONE, "MX-MIC");
}

Test(states, mexican_official_names_and_aliases)
{
    expect_iso("Coahuila de Zaragoza", IR_NUMBER_NONE, "MX-COA");
    expect_iso("Veracruz de Ignacio de la Llave", IR_NUMBER_NONE, "MX-VER");
    expect_iso("Querétaro de Arteaga", IR_NUMBER_NONE, "MX-QUE");
    expect_iso("Ciudad de México", IR_NUMBER_NONE, "MX-CMX");
    expect_iso("CDMX", IR_NUMBER_NONE, "MX-CMX");
    expect_iso("Distrito Federal", IR_NUMBER_NONE, "MX-CMX");
    expect_iso("Estado de México", IR_NUMBER_NONE, "MX-MEX");
    /* "México" as a state is the State of Mexico, as INEGI names it. */
    expect_iso("México", IR_NUMBER_NONE, "MX-MEX");
}

Test(states, codes_with_and_without_country_prefix)
{
    expect_iso("TX", IR_NUMBER_NONE, "US-TX");
    expect_iso("us-tx", IR_NUMBER_NONE, "US-TX");
    expect_iso("TAM", IR_NUMBER_NONE, "MX-TAM");
    expect_iso("MX-TAM", IR_NUMBER_NONE, "MX-TAM");
}

Test(states, numbers_follow_the_named_numbering)
{
    expect_iso("19", IR_NUMBER_US_FIPS, "US-IA");
    expect_iso("19", IR_NUMBER_MX_INEGI, "MX-NLE");
    expect_iso("05", IR_NUMBER_MX_INEGI, "MX-COA");
    expect_iso("7", IR_NUMBER_MX_INEGI, "MX-CHP");
    cr_expect_null(ir_states_resolve(table, "19", IR_NUMBER_NONE, NULL));
    cr_expect_null(ir_states_resolve(table, "03", IR_NUMBER_US_FIPS, NULL));
    cr_expect_null(ir_states_resolve(table, "33", IR_NUMBER_MX_INEGI, NULL));
}

Test(states, unknown_names_resolve_to_nothing)
{
    cr_expect_null(ir_states_resolve(table, "Puerto Rico", IR_NUMBER_NONE,
                                     NULL));
    cr_expect_null(ir_states_resolve(table, "", IR_NUMBER_NONE, NULL));
    cr_expect_null(ir_states_resolve(table, "Texass", IR_NUMBER_NONE, NULL));
}

Test(states, fold_removes_accents_and_punctuation)
{
    char key[64];
    ir_states_fold("  Querétaro  de_Arteaga. ", key, sizeof key);
    cr_expect_str_eq(key, "queretaro de arteaga");
    ir_states_fold("Ñuñoa", key, sizeof key);
    cr_expect_str_eq(key, "nunoa");
}

Test(states, broken_table_is_an_error, .init = NULL, .fini = NULL)
{
    const char *dir = th_tmpdir();
    const char *path = th_path(dir, "states.csv");
    const char *text = "iso,country,code\nUS-TX,US,TX\n";
    th_write_file(path, text, strlen(text));
    ir_error err = { 0 };
    cr_assert_null(ir_states_load(path, &err));
    cr_expect_eq(err.status, IR_EINPUT);
    cr_expect(strstr(err.message, path) != NULL, "%s", err.message);
    cr_expect(strstr(err.message, "line 1") != NULL, "%s", err.message);
}

static void expect_table_error(const char *text, const char *fragment)
{
    const char *path = th_path(th_tmpdir(), "states.csv");
    th_write_file(path, text, strlen(text));
    ir_error err = { 0 };
    ir_states *t = ir_states_load(path, &err);
    cr_expect_null(t, "accepted:\n%s", text);
    ir_states_destroy(t);
    cr_expect(strstr(err.message, fragment) != NULL, "'%s' lacks '%s'",
              err.message, fragment);
}

#define HEADER "iso,country,code,number,fips10_4,name_en,name_es," \
               "name_official,aliases,capital,capital_lon,capital_lat,source\n"

Test(states, invalid_rows_are_errors, .init = NULL, .fini = NULL)
{
    expect_table_error(HEADER "US-TX,CA,TX,48,US48,Texas,Texas,Texas,,Austin,-97.74,30.27,S\n",
                       "country");
    expect_table_error(HEADER "US-TX,US,TEX,48,US48,Texas,Texas,Texas,,Austin,-97.74,30.27,S\n",
                       "iso");
    expect_table_error(HEADER "US-TX,US,TX,4x,US48,Texas,Texas,Texas,,Austin,-97.74,30.27,S\n",
                       "two digits");
    expect_table_error(HEADER "US-TX,US,TX,48,US48,Texas,Texas,Texas,,Austin,-97.74,30.27,S\n"
                              "US-TX,US,TX,49,US48,Texas,Texas,Texas,,Austin,-97.74,30.27,S\n",
                       "'US-TX' is given to two states");
    expect_table_error("iso,country,code,number,fips10_4,name,name_es,"
                       "name_official,aliases,capital,capital_lon,"
                       "capital_lat,source\n",
                       "'name_en', not 'name'");
    expect_table_error(HEADER "US-TX,US,TX,48,US48,Texas,Texas,Texas,,Austin,"
                              "-197.74,30.27,S\n",
                       "capital_lon and capital_lat must be degrees");
    expect_table_error(HEADER "US-TX,US,TX,48,US48,Texas,Texas,Texas,,Austin,"
                              "-97.74,,S\n",
                       "needs both");
}

Test(states, header_may_start_with_a_byte_order_mark, .init = NULL,
     .fini = NULL)
{
    const char *path = th_path(th_tmpdir(), "states.csv");
    const char *text = "\xEF\xBB\xBF" HEADER
                       "US-TX,US,TX,48,US48,Texas,Texas,Texas,,Austin,-97.74,30.27,S\n";
    th_write_file(path, text, strlen(text));
    ir_error err = { 0 };
    ir_states *t = ir_states_load(path, &err);
    cr_assert_not_null(t, "%s", err.message);
    ir_states_destroy(t);
}

Test(states, lookup_restricted_to_a_country)
{
    enum ir_lookup r;
    cr_expect_null(ir_states_lookup(table, "Sonora", "US", IR_NUMBER_NONE, &r));
    cr_expect_eq(r, IR_LOOKUP_OTHER_COUNTRY);
    cr_expect_null(ir_states_lookup(table, "Atlantis", "MX", IR_NUMBER_NONE, &r));
    cr_expect_eq(r, IR_LOOKUP_UNKNOWN);
    const ir_state *s = ir_states_lookup(table, "Sonora", "MX", IR_NUMBER_NONE,
                                         &r);
    cr_assert_not_null(s);
    cr_expect_eq(r, IR_LOOKUP_FOUND);
    cr_expect_str_eq(s->iso, "MX-SON");
}

Test(states, suggestions_are_the_nearest_names)
{
    const ir_state *near[3];
    size_t n = ir_states_suggest(table, "Texass", "US", near, 3);
    cr_assert_geq(n, 1);
    cr_expect_str_eq(near[0]->iso, "US-TX");
    n = ir_states_suggest(table, "Nuevo Lion", "MX", near, 3);
    cr_assert_geq(n, 1);
    cr_expect_str_eq(near[0]->iso, "MX-NLE");
    n = ir_states_suggest(table, "Tamaulipass", NULL, near, 3);
    cr_assert_eq(n, 3);
    cr_expect_str_eq(near[0]->iso, "MX-TAM");
    cr_expect(near[1] != near[0] && near[2] != near[1]);
}

Test(states, decomposed_accents_no_break_spaces_and_marks_fold)
{
    char key[64];
    ir_states_fold("Quere\xcc\x81taro", key, sizeof key);
    cr_expect_str_eq(key, "queretaro");
    ir_states_fold("\xEF\xBB\xBFNuevo\xc2\xa0Le\xc3\xb3n", key, sizeof key);
    cr_expect_str_eq(key, "nuevo leon");
}

/* Newsroom and traditional abbreviations are names; one shared by two
 * states (Mich.) is each country's own, and ambiguous across both. */
Test(states, newsroom_abbreviations_are_names)
{
    static const char *const cases[][2] = {
        { "Tex.", "US-TX" }, { "Calif.", "US-CA" }, { "Ariz.", "US-AZ" },
        { "N. Mex.", "US-NM" }, { "W. Va.", "US-WV" }, { "Wisc.", "US-WI" },
        { "Ga.", "US-GA" }, { "N.Y.", "US-NY" }, { "Penna.", "US-PA" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ir_state *s = ir_states_lookup(table, cases[i][0], "US",
                                             IR_NUMBER_NONE, NULL);
        cr_expect(s && strcmp(s->iso, cases[i][1]) == 0, "%s: %s",
                  cases[i][0], s ? s->iso : "none");
    }
    const ir_state *mi = ir_states_lookup(table, "Mich.", "US",
                                          IR_NUMBER_NONE, NULL);
    const ir_state *mic = ir_states_lookup(table, "Mich.", "MX",
                                           IR_NUMBER_NONE, NULL);
    cr_expect(mi && strcmp(mi->iso, "US-MI") == 0);
    cr_expect(mic && strcmp(mic->iso, "MX-MIC") == 0);
    enum ir_lookup why;
    cr_expect_null(ir_states_lookup(table, "Mich.", "US MX", IR_NUMBER_NONE,
                                    &why));
    cr_expect_eq(why, IR_LOOKUP_AMBIGUOUS);
}

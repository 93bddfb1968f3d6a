/*
 * A polygon layer of the user's own as places: three Arizona "counties"
 * (simplified boxes written with shapelib, one of them in two records)
 * keyed by FIPS code; trace rows naming them draw one node per county at
 * its pole, inside it; rolled up they are Arizona; a layer without the key
 * field, a record without a key and a key that names a state are refused
 * naming the file, record and field, with nothing written.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/layer.h"
#include "load/layerplaces.h"
#include "load/states.h"
#include "helpers.h"

typedef struct county {
    const char *geoid, *name;
    double x0, y0, x1, y1;
} county;

/* Pima is two records (the Tohono O'odham part apart, as in some files). */
static const county counties[] = {
    { "04019", "Pima", -112.0, 31.4, -111.2, 32.5 },
    { "04019", "Pima", -111.2, 31.7, -110.4, 32.6 },
    { "04013", "Maricopa", -113.3, 32.5, -111.0, 34.0 },
    { "04023", "Santa Cruz", -111.2, 31.33, -110.45, 31.7 },
};
#define NCOUNTIES (sizeof counties / sizeof *counties)

/* Writes base.shp/.shx/.dbf with fields GEOID and NAME; record `odd`
 * (-1: none) gets odd_key as its GEOID. */
static void write_layer(const char *base, int odd, const char *odd_key,
                        bool with_key)
{
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreate(base);
    cr_assert(shp && dbf);
    int key = with_key ? DBFAddField(dbf, "GEOID", FTString, 8, 0) : -1;
    int name = DBFAddField(dbf, "NAME", FTString, 40, 0);
    for (size_t i = 0; i < NCOUNTIES; i++) {
        const county *c = &counties[i];
        double x[5] = { c->x0, c->x0, c->x1, c->x1, c->x0 };
        double y[5] = { c->y0, c->y1, c->y1, c->y0, c->y0 };
        SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, x, y, NULL);
        int rec = SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        if (with_key)
            DBFWriteStringAttribute(dbf, rec, key,
                                    (int)i == odd ? odd_key : c->geoid);
        DBFWriteStringAttribute(dbf, rec, name, c->name);
    }
    SHPClose(shp);
    DBFClose(dbf);
}

static const char traces[] =
    "county,recovery_state,count\n"
    "04019,Sonora,500\n04019,Sinaloa,200\n04013,Sonora,300\n"
    "04023,Sonora,90\n";

static int map(const char *dir, const char *extra, char **err)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "%s map --quiet %s --origin-layer %s --origin-key GEOID "
             "--origin county --dest recovery_state --weight count "
             "--cluster none -o %s --alt-text %s --flows-csv %s %s",
             th_binary(), th_path(dir, "traces.csv"),
             th_path(dir, "counties.shp"), th_path(dir, "map.png"),
             th_path(dir, "alt.txt"), th_path(dir, "flows.csv"), extra);
    return th_run(cmd, err);
}

Test(layerplaces, counties_draw_at_their_poles_and_roll_up)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "traces.csv"), traces, strlen(traces));
    char base[512];
    snprintf(base, sizeof base, "%s", th_path(dir, "counties"));
    write_layer(base, -1, NULL, true);
    char *err = NULL;
    cr_assert_eq(map(dir, "", &err), 0, "%s", err);
    free(err);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_assert_not_null(alt);
    cr_expect(strstr(alt, "Pima to Sonora, 500") != NULL, "%s", alt);
    cr_expect(strstr(alt, "Maricopa to Sonora, 300") != NULL, "%s", alt);
    free(alt);
    char *flows = th_read_file(th_path(dir, "flows.csv"), NULL);
    cr_assert_not_null(flows);
    cr_expect(strstr(flows, "\n04019,MX-SON,500,") != NULL, "%s", flows);
    cr_expect(strstr(flows, "\n04023,MX-SON,90,") != NULL, "%s", flows);
    free(flows);

    /* Rolled up, every county is Arizona: 1,090 firearms in all. */
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "%s aggregate --quiet %s --origin-layer %s --origin-key GEOID "
             "--origin county --dest recovery_state --weight count "
             "--origin-level state -o %s",
             th_binary(), th_path(dir, "traces.csv"),
             th_path(dir, "counties.shp"), th_path(dir, "od.csv"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    char *od = th_read_file(th_path(dir, "od.csv"), NULL);
    cr_assert_not_null(od);
    cr_expect(strstr(od, "US-AZ,MX-SON,890\n") != NULL, "%s", od);
    cr_expect(strstr(od, "US-AZ,MX-SIN,200\n") != NULL, "%s", od);
    free(od);
}

Test(layerplaces, pole_lies_inside_the_merged_county)
{
    /* Pima's two boxes together span -112.0 .. -110.4: its node is well
     * inside one of them, not at the joint box's centre; Maricopa's, a
     * lone box, is at the box's middle. */
    const char *dir = th_tmpdir();
    char base[512];
    snprintf(base, sizeof base, "%s", th_path(dir, "counties"));
    write_layer(base, -1, NULL, true);
    ir_error e = { 0 };
    ir_states *states = ir_states_load("data/states.csv", &e);
    cr_assert_not_null(states, "%s", e.message);
    ir_layer_options lo = { NULL, "GEOID", NULL, false };
    ir_layer *layer = ir_layer_load(th_path(dir, "counties.shp"), &lo, &e);
    cr_assert_not_null(layer, "%s", e.message);
    size_t before = ir_states_count(states);
    cr_assert_eq(ir_layer_places_add(states, layer, "county", NULL, &e), 0,
                 "%s", e.message);
    cr_assert_eq(ir_states_count(states), before + 3, "Pima is one place");
    const ir_state *pima = ir_states_lookup(states, "04019", NULL,
                                            IR_NUMBER_NONE, NULL);
    const ir_state *mari = ir_states_lookup(states, "04013", NULL,
                                            IR_NUMBER_NONE, NULL);
    cr_assert(pima && mari);
    cr_expect_str_eq(pima->name_en, "Pima");
    cr_expect_str_eq(pima->level, "county");
    bool west = pima->lon > -111.9 && pima->lon < -111.3 &&
                pima->lat > 31.5 && pima->lat < 32.4;
    bool east = pima->lon > -111.1 && pima->lon < -110.5 &&
                pima->lat > 31.8 && pima->lat < 32.5;
    cr_expect(west || east, "Pima's node (%g, %g) is not inside it",
              pima->lon, pima->lat);
    cr_expect(fabs(mari->lon - -112.15) < 0.05 && fabs(mari->lat - 33.25) < 0.05,
              "Maricopa's node (%g, %g)", mari->lon, mari->lat);
    ir_layer_destroy(layer);
    ir_states_destroy(states);
}

Test(layerplaces, bad_layers_refused_naming_record_and_field)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "traces.csv"), traces, strlen(traces));
    char base[512];
    snprintf(base, sizeof base, "%s", th_path(dir, "counties"));
    char *err = NULL;

    write_layer(base, -1, NULL, false);
    cr_assert_neq(map(dir, "", &err), 0);
    cr_expect(strstr(err, "counties.dbf: field GEOID: no such code field in "
                          "the DBF (its fields: NAME)") != NULL, "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "map.png")));

    write_layer(base, 2, "", true);
    cr_assert_neq(map(dir, "", &err), 0);
    cr_expect(strstr(err, "counties.shp: record 3: field GEOID: no key") !=
                  NULL, "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "map.png")));

    /* A key that names a state already. */
    write_layer(base, 3, "Sonora", true);
    cr_assert_neq(map(dir, "", &err), 0);
    cr_expect(strstr(err, "counties.shp: record 4: field GEOID: 'Sonora' "
                          "names Sonora already") != NULL, "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "map.png")));

    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "%s map --quiet %s --origin-layer %s --origin county "
             "--dest recovery_state -o %s",
             th_binary(), th_path(dir, "traces.csv"),
             th_path(dir, "counties.shp"), th_path(dir, "map.png"));
    cr_assert_neq(th_run(cmd, &err), 0);
    cr_expect(strstr(err, "--origin-layer and --origin-key go together") !=
                  NULL, "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "map.png")));
}

/* Dealer points rolled up to the counties of a layer (--origin-level
 * county): each dealer counts for the county its point lies in, the
 * totals kept exactly; a dealer in no county is refused naming it, or
 * left out with --skip-unknown. */
Test(layerplaces, dealers_roll_up_to_their_counties)
{
    const char *dir = th_tmpdir();
    char base[512];
    snprintf(base, sizeof base, "%s", th_path(dir, "counties"));
    write_layer(base, -1, NULL, true);
    static const char t[] =
        "dealer,lon,lat,recovery_state,n\n"
        "tucson-1,-110.97,32.22,Sonora,40\n"      /* Pima, east part */
        "ajo,-111.80,32.00,Sonora,7\n"            /* Pima, west part */
        "phoenix-1,-112.07,33.45,Sinaloa,30\n"    /* Maricopa */
        "nogales,-110.94,31.40,Sonora,12\n"       /* Santa Cruz */
        "tucson-1,-110.97,32.22,Sinaloa,5\n";
    th_write_file(th_path(dir, "t.csv"), t, strlen(t));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd,
             "%s aggregate -q %s --origin-layer %s --origin-key GEOID "
             "--origin dealer --origin-lon lon --origin-lat lat --weight n "
             "--origin-level county -o %s",
             th_binary(), th_path(dir, "t.csv"), th_path(dir, "counties.shp"),
             th_path(dir, "od.csv"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    char *od = th_read_file(th_path(dir, "od.csv"), NULL);
    cr_assert_not_null(od);
    cr_expect(strstr(od, "\n04019,MX-SON,47\n") != NULL, "%s", od);
    cr_expect(strstr(od, "\n04019,MX-SIN,5\n") != NULL, "%s", od);
    cr_expect(strstr(od, "\n04013,MX-SIN,30\n") != NULL, "%s", od);
    cr_expect(strstr(od, "\n04023,MX-SON,12\n") != NULL, "%s", od);
    free(od);

    static const char off[] =
        "dealer,lon,lat,recovery_state,n\n"
        "tucson-1,-110.97,32.22,Sonora,40\n"
        "yuma,-114.62,32.69,Sonora,9\n";          /* no county of the layer */
    th_write_file(th_path(dir, "off.csv"), off, strlen(off));
    snprintf(cmd, sizeof cmd,
             "%s aggregate -q %s --origin-layer %s --origin-key GEOID "
             "--origin dealer --origin-lon lon --origin-lat lat --weight n "
             "--origin-level county -o %s",
             th_binary(), th_path(dir, "off.csv"),
             th_path(dir, "counties.shp"), th_path(dir, "od2.csv"));
    cr_assert_neq(th_run(cmd, &err), 0);
    cr_expect(strstr(err, "place 'yuma' (-114.62, 32.69) lies in no polygon "
                          "of the --origin layer") != NULL, "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "od2.csv")));
    strcat(cmd, " --skip-unknown");
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    od = th_read_file(th_path(dir, "od2.csv"), NULL);
    cr_expect(od && strstr(od, "\n04019,MX-SON,40\n") != NULL, "%s", od);
    cr_expect(od && strstr(od, "yuma") == NULL, "%s", od);
    free(od);
}

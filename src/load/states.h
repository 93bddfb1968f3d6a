/*
 * states: the table of U.S. and Mexican states, the countries where
 * trafficked guns are recovered, and every way of naming them.
 *
 * The table lives in data/states.csv (with its sources) and is read at run
 * time.  Every state is identified inside ironriver by its ISO 3166-2 code
 * ("US-TX", "MX-CMX"); this module turns names, accented or not, USPS and ISO
 * codes, INEGI's official long names, aliases and numeric codes (U.S. FIPS,
 * INEGI CVE_ENT) into that code.
 */
#ifndef IR_STATES_H
#define IR_STATES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

typedef struct ir_states ir_states;

/* Besides states, the table holds countries: the United States and
 * Mexico as nodes for data without state detail (keyed by their ISO
 * 3166-1 code only: a name such as "México" is always the State of
 * Mexico), and the Central American countries of the trafficking data as
 * destinations (by code and by name); and any origin without a place that
 * a command declares ("Other states"). */
typedef enum ir_state_kind {
    IR_STATE_PLAIN,
    IR_STATE_COUNTRY,
    IR_STATE_UNLOCATED,
    IR_STATE_PLACE      /* a point of a places table: a dealer, a city */
} ir_state_kind;

typedef struct ir_state {
    const char *iso;           /* "US-TX"; "US" for a country; the label of
                                  an origin without a place */
    const char *country;       /* "US" or "MX"; a country's own code */
    const char *code;          /* "TX", "NLE" */
    const char *number;        /* U.S. FIPS or INEGI CVE_ENT, two digits */
    const char *name_en;
    const char *name_es;
    const char *name_official; /* INEGI's legal name for Mexican states */
    ir_state_kind kind;
    /* A place's own: where it is (NaN for states and countries), what
     * kind of place it is ("dealer", "county"; "" when not said) and the
     * table index of the state or country it lies in (-1 when not
     * known).  A place's country is its parent's, "" when not known. */
    double lon, lat;
    const char *level;
    long parent;
    /* The table index of the place of a polygon layer (a county, a
     * municipality) whose polygons hold this place's point; -1 when none
     * is known (ir_states_set_area). */
    long area;
    /* A state's or country's capital, a point it certainly holds: the
     * check that a boundary file puts the state where it is (an inset map
     * moves Alaska and Hawaii).  "" and NaN for places. */
    const char *capital;
    double capital_lon, capital_lat;
} ir_state;

/* The countries where origins lie and where guns are recovered, as the
 * country lists of ir_states_lookup and ir_states_suggest take them. */
#define IR_ORIGIN_COUNTRIES "US"
#define IR_DESTINATION_COUNTRIES "MX GT BZ SV HN"

/* Which numbering a bare number such as "19" is read in: Iowa's FIPS code
 * and Nuevo León's INEGI code are both 19. */
enum ir_number_kind {
    IR_NUMBER_NONE,     /* numbers are not state identifiers */
    IR_NUMBER_US_FIPS,
    IR_NUMBER_MX_INEGI
};

ir_states *ir_states_load(const char *path, ir_error *err);

/* Declares an origin (or destination) without a place in `country`: rows
 * whose value is `value` (compared like names) resolve to it, and it is
 * shown as `name_en` / `name_es`.  Must be called before any state of the
 * table is looked up: the table's states move.  Fails when `value` names
 * a state already. */
int ir_states_add_unlocated(ir_states *states, const char *value,
                            const char *country, const char *name_en,
                            const char *name_es, ir_error *err);
void ir_states_destroy(ir_states *states);

/* One place to add: its id (the key trace files name it by), names, kind
 * of place, country ("" when not known), position and parent (a table
 * index, or -1). */
typedef struct ir_place_def {
    const char *id, *name_en, *name_es, *level, *country;
    double lon, lat;
    long parent;
} ir_place_def;

/* Whether s is in one of `countries` (a list as for ir_states_lookup). */
bool ir_states_in_countries(const ir_state *s, const char *countries);

/* Appends places, in the order given, after the table's other entries.
 * Like ir_states_add_unlocated, call it before any state is looked up
 * (the table's states move).  Ids must be new: ir_states_lookup with no
 * country list finds nothing by any of them (the caller checks, to name
 * its file and line). */
int ir_states_add_places(ir_states *states, const ir_place_def *places,
                         size_t n, ir_error *err);

size_t ir_states_count(const ir_states *states);

/* Records that entry i lies in the layer place of table index area. */
void ir_states_set_area(ir_states *states, size_t i, long area);

/* The index of a state returned by this table (for arrays over states). */
size_t ir_states_index(const ir_states *states, const ir_state *state);
const ir_state *ir_states_at(const ir_states *states, size_t i);

enum ir_lookup {
    IR_LOOKUP_FOUND,
    IR_LOOKUP_UNKNOWN,        /* no state is called this */
    IR_LOOKUP_AMBIGUOUS,      /* several states are */
    IR_LOOKUP_OTHER_COUNTRY   /* only a state of the other country is */
};

/* Resolves any accepted spelling to a state or country of `countries` (ISO
 * 3166-1 codes separated by spaces, e.g. "US" or IR_DESTINATION_COUNTRIES;
 * NULL for any); *result says why when NULL is returned. */
const ir_state *ir_states_lookup(const ir_states *states, const char *text,
                                 const char *country,
                                 enum ir_number_kind numbers,
                                 enum ir_lookup *result);

/* ir_states_lookup in either country; *ambiguous set when several match. */
const ir_state *ir_states_resolve(const ir_states *states, const char *text,
                                  enum ir_number_kind numbers, int *ambiguous);

/* Up to max (at most 8) states of `country` (a list as for
 * ir_states_lookup; NULL: any) whose names are nearest to text by edit
 * distance, nearest first; returns how many. */
size_t ir_states_suggest(const ir_states *states, const char *text,
                         const char *country, const ir_state **out,
                         size_t max);

/* Folds text into the comparison key used for names: lower case, accents
 * removed, '.' dropped, runs of spaces, '-' and '_' made one space.  Writes
 * at most cap bytes including the NUL; returns the key length. */
size_t ir_states_fold(const char *text, char *key, size_t cap);

#endif

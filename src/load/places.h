/*
 * places: a table of places of the user's own (a dealer, a city, a county,
 * a municipality), added to the state table so that trace files can name
 * them as origins or destinations, each drawn as a node at its point.
 *
 * One row per place, with a header; columns are found by name as loosely
 * as trace columns are (case, accents, '_' and '-' do not matter):
 *   id      id, place_id, place, code, geoid, fips, cve, clave
 *   name    name, name_en, nombre, place_name
 *   name_es name_es, nombre_es               (optional: the name)
 *   lon     lon, lng, long, longitude, longitud, x
 *   lat     lat, latitude, latitud, y        (decimal degrees, WGS 84)
 *   kind    kind, level, type, tipo, nivel   (optional: "dealer", ...)
 *   parent  parent, state, estado, country, pais (optional: any spelling
 *           of a state or country of the table)
 * Ids are free text ("pima-az", "dealer-0412", FIPS "04019") compared as
 * state names are.  A place takes the country of the parent it names;
 * one that names none is given as parent the state or country its point
 * lies in, when a locator is at hand, but no country: it may stand on
 * either side of a flow.
 * Every bad row (a repeated id, an id that names a state already, a
 * longitude or latitude that is no number or out of range, an unknown
 * parent) is an error naming the file, line and column; nothing is added
 * then.
 */
#ifndef IR_PLACES_H
#define IR_PLACES_H

#include "base/diag.h"
#include "locate.h"
#include "states.h"

/* Reads path and adds its places to states (ir_states_add_places: before
 * any lookup that keeps a pointer); places without a parent are located
 * by locator, when it is not NULL.  Returns 0 or an error status. */
int ir_places_load(ir_states *states, const char *path,
                   const ir_locator *locator, ir_error *err);

#endif

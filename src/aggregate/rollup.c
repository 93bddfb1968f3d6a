/*
 * rollup: an OD table at a coarser level.  See rollup.h.
 */
#include "rollup.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int ir_level_parse(const char *text, ir_level *level)
{
    if (strcmp(text, "place") == 0 || strcmp(text, "point") == 0)
        *level = IR_LEVEL_PLACE;
    else if (strcmp(text, "area") == 0 || strcmp(text, "county") == 0 ||
             strcmp(text, "municipality") == 0 ||
             strcmp(text, "municipio") == 0)
        *level = IR_LEVEL_AREA;
    else if (strcmp(text, "state") == 0)
        *level = IR_LEVEL_STATE;
    else if (strcmp(text, "country") == 0)
        *level = IR_LEVEL_COUNTRY;
    else
        return -1;
    return 0;
}

/* The table index of the country entry of s (its own index for a
 * country), or -1 when the table has none. */
static long country_of(const ir_states *states, const ir_state *s)
{
    if (s->kind == IR_STATE_COUNTRY)
        return (long)ir_states_index(states, s);
    const ir_state *c = ir_states_lookup(states, s->country, NULL,
                                         IR_NUMBER_NONE, NULL);
    return c && c->kind == IR_STATE_COUNTRY
               ? (long)ir_states_index(states, c) : -1;
}

/* Where entry s goes at level: its table index, or -1 for nowhere. */
static long lift(const ir_states *states, const ir_state *s, ir_level level)
{
    if (level == IR_LEVEL_PLACE || s->kind == IR_STATE_UNLOCATED)
        return (long)ir_states_index(states, s);
    /* A layer's own place is its own area; a state or country stays. */
    if (level == IR_LEVEL_AREA)
        return s->kind != IR_STATE_PLACE ? (long)ir_states_index(states, s)
               : s->area >= 0            ? s->area
                                         : -1;
    if (s->kind == IR_STATE_PLACE) {
        if (s->parent < 0)
            return -1;
        s = ir_states_at(states, (size_t)s->parent);
    }
    return level == IR_LEVEL_COUNTRY ? country_of(states, s)
                                     : (long)ir_states_index(states, s);
}

ir_od *ir_od_rollup(ir_od *od, const ir_states *states, ir_level origin,
                    ir_level dest, bool skip, ir_rollup_report *report,
                    ir_error *err)
{
    memset(report, 0, sizeof *report);
    ir_od *out = ir_od_create(states);
    if (out == NULL) {
        ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
        return NULL;
    }
    const ir_od_pair *p;
    size_t n = ir_od_pairs(od, &p);
    for (size_t i = 0; i < n; i++) {
        const ir_state *ends[2] = { p[i].origin, p[i].destination };
        long to[2] = { lift(states, ends[0], origin),
                       lift(states, ends[1], dest) };
        /* A located place is where its point is: across the border from
         * its side, its coordinates (or the outlines) are wrong. */
        for (int e = 0; e < 2; e++) {
            const char *side = e == 0 ? IR_ORIGIN_COUNTRIES
                                      : IR_DESTINATION_COUNTRIES;
            const ir_state *at = to[e] >= 0
                                     ? ir_states_at(states, (size_t)to[e])
                                     : NULL;
            /* (A county of the user's layer keeps no country: it can
             * not be judged.) */
            if (at && at != ends[e] && ends[e]->kind == IR_STATE_PLACE &&
                at->country[0] != '\0' &&
                !ir_states_in_countries(at, side)) {
                ir_error_set(err, IR_EINPUT, NULL, -1, NULL,
                             "place '%s' (%g, %g) is an %s, but its point "
                             "lies in %s: check its coordinates, or name "
                             "its state in the places file's parent column",
                             ends[e]->iso, ends[e]->lon, ends[e]->lat,
                             e == 0 ? "origin" : "destination", at->name_en);
                ir_od_destroy(out);
                return NULL;
            }
        }
        int lost = to[0] < 0 ? 0 : to[1] < 0 ? 1 : -1;
        if (lost >= 0) {
            const ir_state *s = ends[lost];
            bool area = (lost == 0 ? origin : dest) == IR_LEVEL_AREA;
            if (!skip) {
                if (area)
                    ir_error_set(err, IR_EINPUT, NULL, -1, NULL,
                                 "place '%s' (%g, %g) lies in no polygon of "
                                 "the %s layer: check its coordinates, or "
                                 "use --skip-unknown to leave it out",
                                 s->iso, s->lon, s->lat,
                                 lost == 0 ? "--origin" : "--dest");
                else
                    ir_error_set(err, IR_EINPUT, NULL, -1, NULL,
                                 "place '%s' (%g, %g) lies in no state or "
                                 "country of the boundaries loaded: give it "
                                 "a parent in the places file, or use "
                                 "--skip-unknown to leave it out",
                                 s->iso, s->lon, s->lat);
                ir_od_destroy(out);
                return NULL;
            }
            if (report->left_out++ == 0)
                snprintf(report->first, sizeof report->first, "%s", s->iso);
            report->weight_left_out += p[i].weight;
            continue;
        }
        int added = ir_od_add(out, (size_t)to[0], (size_t)to[1], p[i].weight);
        if (added == IR_EINTERNAL) {
            ir_od_destroy(out);
            ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
            return NULL;
        }
        if (added) {
            ir_error_set(err, IR_EINPUT, NULL, -1, NULL,
                         "the weight of %s -> %s passes %.0f, the largest "
                         "a count is kept exactly",
                         ir_states_at(states, (size_t)to[0])->iso,
                         ir_states_at(states, (size_t)to[1])->iso,
                         IR_OD_MAX_EXACT);
            ir_od_destroy(out);
            return NULL;
        }
    }
    return out;
}

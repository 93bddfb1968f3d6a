/*
 * mapcompare: one map of the change between two periods (map --compare).
 * See mapfigure.h.
 *
 * Each period is the run's input with one more filter (a period of the
 * year column, or a value of --compare-by); the flows are laid out from
 * the larger of each pair's two weights and coloured by the change
 * (layout/change.h).  What makes the two periods unlike each other beyond
 * the change itself (places counted in one only, periods of unequal
 * length, years in both) is said in the note and on stderr, since a
 * reader would otherwise take all of it for change.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "aggregate/odchange.h"
#include "mapfigure.h"

#define SCOPE_MAX 16

typedef struct period {
    char value[64];         /* as given */
    char heading[160];      /* as the figure names it */
    int from, to;           /* the years, when it is years */
    bool years;
    ir_od *od;
} period;

/* "A,B" into two periods. */
static int split_periods(const map_settings *s, period p[2], ir_error *err)
{
    const char *comma = strchr(s->compare, ',');
    size_t la = comma ? (size_t)(comma - s->compare) : 0;
    if (comma == NULL || la == 0 || la >= sizeof p[0].value ||
        comma[1] == '\0' || strlen(comma + 1) >= sizeof p[1].value ||
        strchr(comma + 1, ','))
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--compare %s: give two periods, A,B (e.g. "
                            "2016-2018,2019-2021)", s->compare);
    snprintf(p[0].value, sizeof p[0].value, "%.*s", (int)la, s->compare);
    snprintf(p[1].value, sizeof p[1].value, "%s", comma + 1);
    if (strcmp(p[0].value, p[1].value) == 0)
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--compare %s: the two periods are the same",
                            s->compare);
    for (int i = 0; i < 2; i++) {
        /* Values of a column may be periods too (a "period" column). */
        p[i].years = ir_aggregate_parse_period(p[i].value, &p[i].from,
                                               &p[i].to) == 0;
        if (s->compare_by == NULL && !p[i].years)
            return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                                "--compare: '%s' is not a year or a period "
                                "of years (2016-2018); to compare values of "
                                "a column, name it with --compare-by",
                                p[i].value);
        const char *h = ir_map_heading(s, p[i].value, p[i].heading,
                                       sizeof p[i].heading);
        if (h != p[i].heading)
            snprintf(p[i].heading, sizeof p[i].heading, "%s", h);
    }
    return 0;
}

/* What a flow's end is counted in, for comparing the two periods'
 * scopes: its country, or a place in none (a place standing for several
 * countries) itself; NULL for an origin without a place. */
static const ir_state *scope_key(const ir_states *states, const ir_state *e)
{
    if (e->kind == IR_STATE_UNLOCATED)
        return NULL;
    if (e->kind == IR_STATE_COUNTRY || e->country == NULL || !*e->country)
        return e;
    size_t n = ir_states_count(states);
    for (size_t i = 0; i < n; i++) {
        const ir_state *c = ir_states_at(states, i);
        if (c->kind == IR_STATE_COUNTRY && strcmp(c->iso, e->country) == 0)
            return c;
    }
    return e;
}

/* The scope keys of one side of a period's flows, heaviest first. */
static size_t scope_of(const ir_states *states, ir_od *od, bool origins,
                       const ir_state **key)
{
    const ir_od_pair *pairs;
    size_t np = ir_od_pairs(od, &pairs), n = 0;
    for (size_t i = 0; i < np; i++) {
        const ir_state *k = scope_key(states, origins ? pairs[i].origin
                                                      : pairs[i].destination);
        bool seen = k == NULL;
        for (size_t j = 0; j < n && !seen; j++)
            seen = key[j] == k;
        if (!seen && n < SCOPE_MAX)
            key[n++] = k;
    }
    return n;
}

static bool same_set(const ir_state **a, size_t na, const ir_state **b,
                     size_t nb)
{
    for (size_t i = 0; i < na; i++) {
        bool found = false;
        for (size_t j = 0; j < nb && !found; j++)
            found = a[i] == b[j];
        if (!found)
            return false;
    }
    return na == nb;
}

/* The sentences that say how the periods differ beyond the change. */
static size_t scope_note(const map_inputs *in, const period p[2], char *buf,
                         size_t cap)
{
    const map_settings *s = in->s;
    bool es = s->lang == 1;
    size_t len = 0;
    buf[0] = '\0';
    for (int side = 1; side >= 0 && len < cap; side--) {
        const ir_state *key[2][SCOPE_MAX];
        size_t nk[2];
        for (int i = 0; i < 2; i++)
            nk[i] = scope_of(in->states, p[i].od, side == 0, key[i]);
        if (same_set(key[0], nk[0], key[1], nk[1]))
            continue;
        const char *names[2][SCOPE_MAX];
        char list[2][512];
        for (int i = 0; i < 2; i++) {
            for (size_t k = 0; k < nk[i]; k++)
                names[i][k] = es ? key[i][k]->name_es : key[i][k]->name_en;
            list[i][0] = '\0';
            ir_text_append_list(list[i], 0, sizeof list[i], names[i], nk[i],
                                es);
        }
        const char *verb = side == 1 ? (es ? "terminan" : "end")
                                     : (es ? "empiezan" : "start");
        len += (size_t)snprintf(
            buf + len, cap - len,
            es ? "%sLos periodos no cuentan los mismos lugares: los flujos "
                 "de %s %s en %s, los de %s en %s; parte del cambio se debe "
                 "a ello."
               : "%sThe periods do not count the same places: the flows of "
                 "%s %s in %s, those of %s in %s; part of the change is a "
                 "change of scope.",
            len ? " " : "", p[0].heading, verb, list[0], p[1].heading,
            list[1]);
    }
    if (p[0].years && p[1].years && len < cap) {
        int years[2] = { p[0].to - p[0].from + 1, p[1].to - p[1].from + 1 };
        if (years[0] != years[1])
            len += (size_t)snprintf(
                buf + len, cap - len,
                es ? "%s%s abarca %d a\u00f1o%s y %s, %d: el cambio compara "
                     "totales, no tasas anuales."
                   : "%s%s spans %d year%s and %s %d: the change compares "
                     "totals, not yearly rates.",
                len ? " " : "", p[0].heading, years[0],
                years[0] == 1 ? "" : "s", p[1].heading, years[1]);
        int lo = p[0].from > p[1].from ? p[0].from : p[1].from;
        int hi = p[0].to < p[1].to ? p[0].to : p[1].to;
        char shared[32];
        if (lo == hi)
            snprintf(shared, sizeof shared, "%d", lo);
        else
            snprintf(shared, sizeof shared, "%d\u2013%d", lo, hi);
        if (lo <= hi && len < cap)
            len += (size_t)snprintf(
                buf + len, cap - len,
                es ? "%sLos periodos comparten %s: sus armas cuentan en "
                     "ambos."
                   : "%sThe periods share %s: its firearms count in both.",
                len ? " " : "", shared);
    }
    return len < cap ? len : cap - 1;
}

int ir_map_draw_compare(const map_inputs *in, const figure_size *size,
                        const char *suffix, ir_map_outputs *out,
                        bool write_beside, ir_error *err)
{
    const map_settings *s = in->s;
    if (s->mode == 1 || s->panel_by || s->panels.n || s->in.years ||
        s->share_note || s->share_of)
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--compare draws one flow map of the change "
                            "between its two periods: leave out %s",
                            s->mode == 1   ? "--mode river"
                            : s->panel_by || s->panels.n
                                           ? "--panel-by and [panel] sections"
                            : s->in.years  ? "--years (--compare gives the "
                                             "periods)"
                            : s->share_note ? "--share-note (the widths are "
                                              "of neither period alone)"
                                            : "--share-of");
    period p[2] = { 0 };
    static char note[2048], source[4096];
    ir_od_change *change = NULL;
    int rc = split_periods(s, p, err);
    for (int i = 0; rc == 0 && i < 2; i++) {
        char clause[1024];
        const char *where[1] = { clause };
        if (s->compare_by)
            snprintf(clause, sizeof clause, "%s=%s", s->compare_by,
                     p[i].value);
        rc = ir_map_aggregate_part(in, "--compare: the period", p[i].value,
                                   where, s->compare_by ? 1 : 0,
                                   "--compare-by",
                                   s->compare_by ? 0 : p[i].from,
                                   s->compare_by ? 0 : p[i].to, &p[i].od,
                                   err);
    }
    if (rc == 0 && !(change = ir_od_change_create(p[0].od, p[1].od,
                                                  in->states, err)))
        rc = err->status;
    if (rc == 0) {
        map_settings cs = *s;
        cs.periods[0] = p[0].heading;
        cs.periods[1] = p[1].heading;
        ir_od_change_totals(change, &cs.period_totals[0],
                            &cs.period_totals[1]);
        size_t len = scope_note(in, p, note, sizeof note);
        if (len && write_beside && !s->quiet)
            fprintf(stderr, "ironriver: note: %s\n", note);
        snprintf(source, sizeof source, "%s%s%s", note,
                 len && s->source ? " " : "", s->source ? s->source : "");
        ir_text_utf8_trim(source);
        cs.source = source;
        map_inputs ci = *in;
        ci.s = &cs;
        ci.od = ir_od_change_larger(change);
        ci.change = change;
        rc = ir_map_draw_figure(&ci, size, suffix, out, write_beside, err);
    }
    ir_od_change_destroy(change);
    for (int i = 0; i < 2; i++)
        ir_od_destroy(p[i].od);
    return rc;
}

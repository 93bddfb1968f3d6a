/*
 * extent: the part of the map a figure shows.  See extent.h.
 */
#include "extent.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool beyond_mexico(const ir_state *d)
{
    return d->kind == IR_STATE_COUNTRY && strcmp(d->iso, "US") != 0 &&
           strcmp(d->iso, "MX") != 0;
}

void ir_extent_destination_codes(ir_od *od, const ir_states *states,
                                 char *buf, size_t cap)
{
    const ir_od_pair *p;
    size_t n = ir_od_pairs(od, &p), len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < ir_states_count(states); k++) {
        const ir_state *s = ir_states_at(states, k);
        bool used = false;
        for (size_t i = 0; i < n && !used && beyond_mexico(s); i++)
            used = p[i].destination == s;
        if (used && len + strlen(s->iso) + 2 < cap)
            len += (size_t)snprintf(buf + len, cap - len, "%s%s",
                                    len ? " " : "", s->iso);
    }
}

/* The full extent grows to take in the outline of every country besides
 * the United States and Mexico that a flow ends in (Guatemala, Belize, El
 * Salvador, Honduras), and half its size around it: the map shows the
 * whole of every destination, with room for its label below it. */
void ir_extent_destinations(const ir_atlas *atlas, ir_od *od,
                            double bounds[4])
{
    const ir_od_pair *p;
    size_t n = ir_od_pairs(od, &p);
    for (size_t i = 0; i < n; i++) {
        const ir_state *d = p[i].destination;
        if (!beyond_mexico(d))
            continue;
        for (size_t k = 0; k < ir_atlas_count(atlas); k++) {
            const ir_region *r = ir_atlas_region(atlas, k);
            if ((r->kind != IR_REGION_CONTEXT &&
                 r->kind != IR_REGION_DESTINATION_COUNTRY) ||
                strcmp(r->iso, d->iso) != 0 ||
                isnan(r->bbox[0]))
                continue;
            double pad = fmax(r->bbox[2] - r->bbox[0],
                              r->bbox[3] - r->bbox[1]) / 2;
            bounds[0] = fmin(bounds[0], r->bbox[0] - pad);
            bounds[1] = fmin(bounds[1], r->bbox[1] - pad);
            bounds[2] = fmax(bounds[2], r->bbox[2] + pad);
            bounds[3] = fmax(bounds[3], r->bbox[3] + pad);
        }
    }
}

static void take(double b[4], double x, double y)
{
    b[0] = fmin(b[0], x);
    b[1] = fmin(b[1], y);
    b[2] = fmax(b[2], x);
    b[3] = fmax(b[3], y);
}

/* The box of the nodes the flows drawn join, with a third of its size
 * around it for curves, labels and context, never beyond the full
 * extent.  Pairs come heaviest first, as the flow map takes them. */
void ir_extent_flows(const ir_anchors *anchors, const ir_states *states,
                     ir_od *od, const ir_extent_filter *filter,
                     double bounds[4])
{
    const ir_od_pair *p;
    size_t n = ir_od_pairs(od, &p);
    ir_extent_filter all = { 0, 0, 0 };
    const ir_extent_filter *f = filter ? filter : &all;
    double b[4] = { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL };
    size_t drawn = 0;
    for (size_t i = 0; i < n; i++) {
        double ox, oy, dx, dy;
        bool from = ir_anchors_get(anchors,
                                   ir_states_index(states, p[i].origin),
                                   &ox, &oy);
        bool to = ir_anchors_get(anchors,
                                 ir_states_index(states, p[i].destination),
                                 &dx, &dy);
        /* An origin without a place enters from the edge: its
         * destination still counts. */
        bool stub = p[i].origin->kind == IR_STATE_UNLOCATED;
        if (!(from || stub) || !to || p[i].weight < f->min_weight)
            continue;
        if (p[i].weight < f->fold_below) {
            take(b, dx, dy);
            continue;
        }
        if (f->top && drawn >= f->top)
            continue;
        drawn++;
        take(b, dx, dy);
        if (from)
            take(b, ox, oy);
    }
    if (!(b[2] >= b[0] && b[3] >= b[1]))
        return;
    double pad = fmax(b[2] - b[0], b[3] - b[1]) / 3;
    double fit[4] = { fmax(bounds[0], b[0] - pad), fmax(bounds[1], b[1] - pad),
                      fmin(bounds[2], b[2] + pad), fmin(bounds[3], b[3] + pad) };
    if (fit[2] > fit[0] && fit[3] > fit[1])
        memcpy(bounds, fit, sizeof fit);
}

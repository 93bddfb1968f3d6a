/*
 * traceopts: trace-file options shared by commands.  See traceopts.h.
 */
#include "traceopts.h"

#include <stdio.h>
#include <string.h>

#include "load/layerplaces.h"
#include "load/places.h"
#include "aggregate/tracepoints.h"

int ir_trace_input_apply(const ir_trace_input *in, ir_aggregate_options *out,
                         ir_error *err)
{
    out->origin = in->origin;
    out->destination = in->destination;
    out->weight = in->weight;
    out->year = in->year;
    out->where = in->where.item;
    out->nwhere = (size_t)in->where.n;
    out->encoding = in->encoding;
    out->skip_unknown = in->skip_unknown;
    out->origin_lon = in->origin_lon;
    out->origin_lat = in->origin_lat;
    out->dest_lon = in->dest_lon;
    out->dest_lat = in->dest_lat;
    /* Coordinates alone, at place level: every point is a node. */
    ir_level origin, dest;
    if (ir_trace_input_levels(in, &origin, &dest, err))
        return err->status;
    out->origin_points = in->origin_lon && !in->origin &&
                         origin == IR_LEVEL_PLACE;
    out->dest_points = in->dest_lon && !in->destination &&
                       dest == IR_LEVEL_PLACE;
    if (in->years &&
        ir_aggregate_parse_period(in->years, &out->year_from, &out->year_to))
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--years %s: expected a year or a range like "
                            "2015-2022", in->years);
    if (in->delimiter &&
        ir_aggregate_parse_delimiter(in->delimiter, &out->delimiter))
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--delimiter %s: use ',', ';' or 'tab'",
                            in->delimiter);
    return 0;
}

int ir_trace_input_declare(const ir_trace_input *in, const char *input,
                           const ir_aggregate_options *agg,
                           ir_states *states, const ir_locator *locator,
                           const ir_boundary_input *bounds, ir_error *err)
{
    for (int i = 0; i < in->unlocated.n; i++) {
        char value[256];
        snprintf(value, sizeof value, "%s", in->unlocated.item[i]);
        char *eq = strchr(value, '=');
        const char *shown = value;
        if (eq) {
            *eq = '\0';
            shown = eq + 1;
        }
        if (*shown == '\0')
            shown = value;
        if (ir_states_add_unlocated(states, value, "US", shown, shown, err))
            return err->status;
    }
    if (in->places && ir_places_load(states, in->places, locator, err))
        return err->status;
    const char *layers[2][3] = {
        { in->origin_layer, in->origin_key, "origin" },
        { in->dest_layer, in->dest_key, "dest" },
    };
    ir_layer *loaded[2] = { NULL, NULL };
    int rc = 0;
    for (int k = 0; k < 2 && rc == 0; k++) {
        const char *path = layers[k][0], *key = layers[k][1];
        if (path == NULL && key == NULL)
            continue;
        if (path == NULL || key == NULL) {
            rc = ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                              "--%s-layer and --%s-key go together: the "
                              "layer, and its field that trace rows name "
                              "places by", layers[k][2], layers[k][2]);
            break;
        }
        ir_layer_options lo = { NULL, key, NULL, false };
        if (!(loaded[k] = ir_boundaries_load_layer(bounds, path, &lo, err)))
            rc = err->status;
        else
            rc = ir_layer_places_add(states, loaded[k], "", locator, err);
    }
    if (rc == 0)
        rc = ir_trace_points_add(states, input, agg, locator, err);
    /* Every place's area: the layer place whose polygons hold its point,
     * for --origin-level county (or municipality). */
    for (int k = 0; k < 2 && rc == 0; k++)
        if (loaded[k])
            rc = ir_layer_places_locate(states, loaded[k], err);
    ir_layer_destroy(loaded[0]);
    ir_layer_destroy(loaded[1]);
    return rc;
}

bool ir_trace_input_locates(const ir_trace_input *in)
{
    return in->places || in->origin_lon || in->origin_lat || in->dest_lon ||
           in->dest_lat || in->origin_layer || in->dest_layer;
}

int ir_trace_input_levels(const ir_trace_input *in, ir_level *origin,
                          ir_level *dest, ir_error *err)
{
    *origin = *dest = IR_LEVEL_PLACE;
    if (in->origin_level && ir_level_parse(in->origin_level, origin))
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--origin-level %s: use place, county (or "
                            "municipality), state or country",
                            in->origin_level);
    if (in->dest_level && ir_level_parse(in->dest_level, dest))
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--dest-level %s: use place, county (or "
                            "municipality), state or country",
                            in->dest_level);
    return 0;
}

int ir_trace_input_rollup(const ir_trace_input *in, ir_od **od,
                          const ir_states *states, bool quiet, ir_error *err)
{
    ir_level origin, dest;
    if (ir_trace_input_levels(in, &origin, &dest, err))
        return err->status;
    if (origin == IR_LEVEL_PLACE && dest == IR_LEVEL_PLACE)
        return 0;
    ir_rollup_report rep;
    ir_od *up = ir_od_rollup(*od, states, origin, dest, in->skip_unknown,
                             &rep, err);
    if (up == NULL)
        return err->status;
    ir_od_destroy(*od);
    *od = up;
    if (!quiet && rep.left_out > 0) {
        char w[64];
        ir_od_format_weight(rep.weight_left_out, w, sizeof w);
        fprintf(stderr, "ironriver: note: %lld flows of places in no state "
                        "or country left out (%s firearms; first: '%s')\n",
                rep.left_out, w, rep.first);
    }
    return 0;
}

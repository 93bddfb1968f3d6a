/*
 * fillopts: the --fill options and their choropleth.  See fillopts.h.
 */
#include "fillopts.h"

#include "base/text.h"
#include "load/layerplaces.h"
#include "boundaries.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ir_fill_methods[] = { "jenks", "quantiles", "equal", NULL };
const char *const ir_fill_as[] = { "shade", "symbols", NULL };
const char *const ir_fill_palettes[] = { "purples", "greys", "blues", NULL };

static const ir_class_method methods[] = { IR_CLASS_JENKS, IR_CLASS_QUANTILES,
                                           IR_CLASS_EQUAL };

/* "1000,2000,3000" into bounds; returns how many, or -1. */
static int parse_breaks(const char *text, double *bounds, ir_error *err)
{
    int n = 0;
    const char *p = text;
    while (*p) {
        char *end;
        errno = 0;
        double v = strtod(p, &end);
        if (end == p || errno || !isfinite(v) || (*end && *end != ','))
            return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                                "--breaks %s: '%.*s' is not a number", text,
                                (int)strcspn(p, ","), p),
                   -1;
        if (n == IR_CLASSES_MAX)
            return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                                "--breaks %s: more than %d bounds", text,
                                IR_CLASSES_MAX),
                   -1;
        bounds[n++] = v;
        p = *end ? end + 1 : end;
    }
    if (n == 0)
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--breaks: no bound given"),
               -1;
    return n;
}

int ir_fill_declare(const ir_fill_settings *f, const ir_trace_input *in,
                    ir_states *states, const ir_locator *locator,
                    const ir_boundary_input *bounds, ir_layer **layer,
                    ir_error *err)
{
    *layer = NULL;
    if (f->layer == NULL && f->key == NULL)
        return 0;
    if (f->layer == NULL || f->key == NULL || f->file == NULL)
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "--fill-layer and --fill-key go together, with "
                            "--fill: the layer, its field that the fill "
                            "names polygons by, and the values");
    ir_layer_options lo = { NULL, f->key, NULL, false };
    if (!(*layer = ir_boundaries_load_layer(bounds, f->layer, &lo, err)))
        return err->status;
    /* The layer of the flows' own places has them in the table already. */
    bool added = (in->origin_layer && strcmp(in->origin_layer, f->layer) == 0 &&
                  in->origin_key && strcmp(in->origin_key, f->key) == 0) ||
                 (in->dest_layer && strcmp(in->dest_layer, f->layer) == 0 &&
                  in->dest_key && strcmp(in->dest_key, f->key) == 0);
    if (!added && ir_layer_places_add(states, *layer, "", locator, err)) {
        ir_layer_destroy(*layer);
        *layer = NULL;
        return err->status;
    }
    return 0;
}

static int code_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The layer's places: records that share a key are one. */
static size_t distinct_keys(const ir_layer *layer)
{
    size_t n = ir_layer_count(layer), k = 0;
    const char **code = malloc((n ? n : 1) * sizeof *code);
    if (code == NULL)
        return n;
    for (size_t i = 0; i < n; i++)
        code[i] = ir_layer_feature(layer, i)->code;
    qsort(code, n, sizeof *code, code_cmp);
    for (size_t i = 0; i < n; i++)
        k += *code[i] && (i == 0 || strcmp(code[i], code[i - 1]) != 0);
    free(code);
    return k;
}

int ir_fill_create(const ir_fill_settings *f, const ir_states *states,
                   const ir_layer *areas, const char *lang, unsigned land,
                   ir_state_values **values, ir_choropleth **fill,
                   ir_error *err)
{
    *values = NULL;
    *fill = NULL;
    if (f->file == NULL) {
        if (f->breaks || f->title || f->source || f->place || f->value)
            return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                                "--breaks, --fill-title, --fill-source, "
                                "--fill-place and --fill-value need --fill");
        return 0;
    }
    double bounds[IR_CLASSES_MAX];
    int nbounds = 0;
    if (f->breaks && (nbounds = parse_breaks(f->breaks, bounds, err)) < 0)
        return err->status;
    if (!(*values = ir_state_values_load_areas(f->file, states, areas,
                                               f->place, f->value, err)))
        return err->status;
    if (f->as == 1)
        return 0;
    ir_choropleth_options o = { methods[f->method], f->classes,
                                f->breaks ? bounds : NULL, (size_t)nbounds,
                                (ir_fill_palette)f->palette, lang, f->no_data,
                                land, areas ? distinct_keys(areas) : 0 };
    if (!(*fill = ir_choropleth_create(*values, states, &o, err))) {
        ir_state_values_destroy(*values);
        *values = NULL;
        return err->status;
    }
    return 0;
}

void ir_fill_source(const ir_fill_settings *f, const char *source, char *buf,
                    size_t cap)
{
    const char *a = source ? source : "", *b = f->file && f->source ? f->source
                                                                    : "";
    snprintf(buf, cap, "%s%s%s", a, *a && *b ? " " : "", b);
}

void ir_fill_check_flows(const ir_choropleth *fill, const ir_fill_settings *f,
                         const ir_flowmap *map)
{
    const ir_flow *flows;
    size_t n = ir_flowmap_flows(map, &flows);
    bool said[256] = { false };
    for (size_t i = 0; i < n; i++) {
        int k = flows[i].color;
        if (k < 0 || k >= 256 || said[k])
            continue;
        said[k] = true;
        double rgb[3];
        ir_flowmap_color(map, k, rgb);
        unsigned hex = (unsigned)lround(rgb[0] * 255) << 16 |
                       (unsigned)lround(rgb[1] * 255) << 8 |
                       (unsigned)lround(rgb[2] * 255);
        double d = ir_choropleth_nearest(fill, hex);
        if (d < 20)
            fprintf(stderr, "ironriver: note: flows in #%06X (%s to %s ...) "
                            "are hard to tell from the %s shading (%.0f "
                            "CIELAB units apart); --fill-palette %s keeps "
                            "every flow colour apart\n",
                    hex, flows[i].origin->name_en,
                    flows[i].destination->name_en,
                    ir_fill_palettes[f->palette], d,
                    ir_fill_palettes[0]);
    }
}

void ir_fill_describe(const ir_fill_settings *f, const ir_state_values *values,
                      const ir_choropleth *fill, const char *lang, char *buf,
                      size_t cap)
{
    bool es = lang && strcmp(lang, "es") == 0;
    const ir_state_value *v;
    size_t n = ir_state_values_get(values, &v), top[3], ntop = 0;
    /* The three highest, the file's order breaking ties. */
    for (size_t pick = 0; pick < 3 && pick < n; pick++) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            bool taken = false;
            for (size_t j = 0; j < ntop; j++)
                taken |= top[j] == i;
            if (!taken && (best == n || v[i].value > v[best].value))
                best = i;
        }
        top[ntop++] = best;
    }
    size_t len = (size_t)snprintf(buf, cap, "%s%s%s: %s",
                                  es ? "Sombreado" : "Shading",
                                  f->title ? ", " : "",
                                  f->title ? f->title : "",
                                  es ? "más alto en" : "highest in");
    for (size_t j = 0; j < ntop && len < cap; j++) {
        char num[64];
        ir_text_number(v[top[j]].value, lang, num, sizeof num);
        len += (size_t)snprintf(buf + len, cap - len, "%s%s (%s)",
                                j == 0 ? " " : j + 1 == ntop
                                                   ? (es ? " y " : " and ")
                                                   : ", ",
                                es ? v[top[j]].state->name_es
                                   : v[top[j]].state->name_en,
                                num);
    }
    if (len < cap && fill && ir_choropleth_has_no_data(fill))
        len += (size_t)snprintf(buf + len, cap - len, "; %s: %s",
                                es ? "rayado" : "hatched",
                                ir_choropleth_label(fill, IR_FILL_NO_DATA));
    if (len < cap)
        snprintf(buf + len, cap - len, ".");
    ir_text_utf8_trim(buf);
}

ir_symbols *ir_fill_symbols(const ir_fill_settings *f,
                            const ir_state_values *values,
                            const ir_states *states,
                            const ir_anchors *anchors, const ir_frame *frame,
                            bool quiet, ir_error *err)
{
    if (values == NULL || f->as != 1)
        return NULL;
    /* The largest disk: 3.5% of the page's shorter side (28 pt on the
     * default 10.7 x 8 inch page), about a large state's width. */
    double r_max = 0.035 * fmin(frame->width_pt, frame->height_pt);
    size_t missing;
    const ir_state *first;
    ir_symbols *s = ir_symbols_create(values, states, anchors, frame, r_max,
                                      &missing, &first, err);
    if (s && missing && !quiet)
        fprintf(stderr, "ironriver: note: %s: %zu state%s not on the map "
                        "(%s%s) drawn without a circle\n",
                ir_state_values_path(values), missing,
                missing == 1 ? "" : "s", first->name_en,
                missing > 1 ? " ..." : "");
    return s;
}

void ir_fill_check_states(const ir_state_values *values,
                          const ir_states *states, const ir_anchors *anchors)
{
    const ir_state_value *v;
    size_t n = ir_state_values_get(values, &v), off = 0;
    const ir_state *first = NULL;
    for (size_t i = 0; i < n; i++) {
        double x, y;
        if (!ir_anchors_get(anchors, ir_states_index(states, v[i].state), &x,
                            &y) && off++ == 0)
            first = v[i].state;
    }
    if (off)
        fprintf(stderr, "ironriver: note: %s: %zu state%s not on the map "
                        "(%s%s): not shaded\n",
                ir_state_values_path(values), off, off == 1 ? "" : "s",
                first->name_en, off > 1 ? " ..." : "");
}

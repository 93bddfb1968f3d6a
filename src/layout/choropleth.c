/*
 * choropleth: classes, colours and labels of a fill.  See choropleth.h.
 *
 * The schemes are ColorBrewer 2.0's (Cynthia A. Brewer, Mark Harrower and
 * The Pennsylvania State University, colorbrewer2.org, Apache License
 * 2.0), one set per number of classes, as the scheme was designed.
 */
#include "choropleth.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* The fill's share over the land: muted, yet its lightest class still
 * apart from the plain land. */
#define CHOROPLETH_OPACITY 0.6

static const unsigned schemes[3][IR_CLASSES_MAX + 1][IR_CLASSES_MAX] = {
    [IR_FILL_GREYS] = {
        [3] = { 0xf0f0f0, 0xbdbdbd, 0x636363 },
        [4] = { 0xf7f7f7, 0xcccccc, 0x969696, 0x525252 },
        [5] = { 0xf7f7f7, 0xcccccc, 0x969696, 0x636363, 0x252525 },
        [6] = { 0xf7f7f7, 0xd9d9d9, 0xbdbdbd, 0x969696, 0x636363, 0x252525 },
        [7] = { 0xf7f7f7, 0xd9d9d9, 0xbdbdbd, 0x969696, 0x737373, 0x525252,
                0x252525 },
        [8] = { 0xffffff, 0xf0f0f0, 0xd9d9d9, 0xbdbdbd, 0x969696, 0x737373,
                0x525252, 0x252525 },
        [9] = { 0xffffff, 0xf0f0f0, 0xd9d9d9, 0xbdbdbd, 0x969696, 0x737373,
                0x525252, 0x252525, 0x000000 },
    },
    [IR_FILL_PURPLES] = {
        [3] = { 0xefedf5, 0xbcbddc, 0x756bb1 },
        [4] = { 0xf2f0f7, 0xcbc9e2, 0x9e9ac8, 0x6a51a3 },
        [5] = { 0xf2f0f7, 0xcbc9e2, 0x9e9ac8, 0x756bb1, 0x54278f },
        [6] = { 0xf2f0f7, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x756bb1, 0x54278f },
        [7] = { 0xf2f0f7, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3,
                0x4a1486 },
        [8] = { 0xfcfbfd, 0xefedf5, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba,
                0x6a51a3, 0x4a1486 },
        [9] = { 0xfcfbfd, 0xefedf5, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba,
                0x6a51a3, 0x54278f, 0x3f007d },
    },
    [IR_FILL_BLUES] = {
        [3] = { 0xdeebf7, 0x9ecae1, 0x3182bd },
        [4] = { 0xeff3ff, 0xbdd7e7, 0x6baed6, 0x2171b5 },
        [5] = { 0xeff3ff, 0xbdd7e7, 0x6baed6, 0x3182bd, 0x08519c },
        [6] = { 0xeff3ff, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x3182bd, 0x08519c },
        [7] = { 0xeff3ff, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5,
                0x084594 },
        [8] = { 0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6,
                0x2171b5, 0x084594 },
        [9] = { 0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6,
                0x2171b5, 0x08519c, 0x08306b },
    },
};

struct ir_choropleth {
    const ir_state_value *v;
    size_t n;
    int nclasses;
    double breaks[IR_CLASSES_MAX + 1];
    unsigned rgb[IR_CLASSES_MAX], no_data_rgb;
    char labels[IR_CLASSES_MAX][128], no_data[96];
    char countries[8][3];    /* the countries the values cover */
    int ncountries;
    bool has_no_data;
    bool areas;              /* the values are of a layer's polygons */
};

static unsigned over(unsigned top, unsigned under, double alpha)
{
    unsigned out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        double a = (top >> shift) & 0xff, b = (under >> shift) & 0xff;
        out |= (unsigned)lround(alpha * a + (1 - alpha) * b) << shift;
    }
    return out;
}

static bool covered(const ir_choropleth *c, const char *country)
{
    for (int i = 0; i < c->ncountries; i++)
        if (strncmp(c->countries[i], country, 2) == 0)
            return true;
    return false;
}

/* "1,569–2,338": counts are whole, so a class above another starts one
 * past its break; other values say "over". */
static void label_class(ir_choropleth *c, int k, bool whole, const char *lang)
{
    char lo[48], hi[48];
    double from = c->breaks[k], to = c->breaks[k + 1];
    bool es = lang && strcmp(lang, "es") == 0;
    if (k > 0 && whole)
        from += 1;
    ir_text_number(from, lang, lo, sizeof lo);
    ir_text_number(to, lang, hi, sizeof hi);
    if (from >= to)
        snprintf(c->labels[k], sizeof c->labels[k], "%s", hi);
    else if (k > 0 && !whole)
        snprintf(c->labels[k], sizeof c->labels[k], "%s %s %s %s",
                 es ? "más de" : "over", lo, es ? "a" : "to", hi);
    else
        snprintf(c->labels[k], sizeof c->labels[k], "%s\u2013%s", lo, hi);
}

ir_choropleth *ir_choropleth_create(const ir_state_values *values,
                                    const ir_states *states,
                                    const ir_choropleth_options *o,
                                    ir_error *err)
{
    ir_choropleth *c = calloc(1, sizeof *c);
    double *x = NULL;
    if (c == NULL)
        goto oom;
    c->n = ir_state_values_get(values, &c->v);
    if ((x = malloc((c->n ? c->n : 1) * sizeof *x)) == NULL)
        goto oom;
    bool whole = true;
    c->areas = o->areas > 0;
    for (size_t i = 0; i < c->n; i++) {
        x[i] = c->v[i].value;
        whole &= x[i] == floor(x[i]);
        const char *country = c->v[i].state->country;
        if (!c->areas && !covered(c, country) && c->ncountries < 8)
            snprintf(c->countries[c->ncountries++], 3, "%s", country);
    }
    int k = o->classes > 0 ? o->classes : 5;
    if (o->bounds) {
        c->nclasses = ir_classify_bounds(x, c->n, o->bounds, o->nbounds,
                                         c->breaks);
        if (c->nclasses < 0) {
            ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                         "--breaks: the bounds must increase and make at "
                         "most %d classes", IR_CLASSES_MAX);
            goto fail;
        }
        for (size_t i = 0; i < o->nbounds; i++)
            whole &= o->bounds[i] == floor(o->bounds[i]);
    } else if ((c->nclasses = ir_classify(x, c->n, o->method, k,
                                          c->breaks)) < 0) {
        goto oom;
    }
    /* The scheme of one class more, without its lightest colour: that one
     * is nearly white, and would read as land with no value at all.  A
     * scheme has three colours or more: one or two classes take the
     * darker end of three. */
    int nc = c->nclasses, scheme = nc + 1 < 3 ? 3 : nc + 1;
    if (scheme > IR_CLASSES_MAX)
        scheme = IR_CLASSES_MAX;
    for (int i = 0; i < nc; i++) {
        int at = nc == 1 ? 1 : scheme - nc + i;
        c->rgb[i] = over(schemes[o->palette][scheme][at], o->land,
                         CHOROPLETH_OPACITY);
        label_class(c, i, whole, o->lang);
    }
    c->no_data_rgb = over(0xffffff, o->land, 0.5);
    bool es = o->lang && strcmp(o->lang, "es") == 0;
    snprintf(c->no_data, sizeof c->no_data, "%s",
             o->no_data ? o->no_data : es ? "Sin datos" : "No data");
    size_t in_scope = 0;
    for (size_t i = 0; i < ir_states_count(states); i++) {
        const ir_state *s = ir_states_at(states, i);
        in_scope += s->kind == IR_STATE_PLAIN && covered(c, s->country);
    }
    /* A layer's polygons are all covered: those without a value are no
     * data. */
    c->has_no_data = c->areas ? o->areas > c->n : in_scope > c->n;
    free(x);
    return c;
oom:
    ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
fail:
    free(x);
    free(c);
    return NULL;
}

void ir_choropleth_destroy(ir_choropleth *c) { free(c); }

int ir_choropleth_classes(const ir_choropleth *c, const double **breaks)
{
    *breaks = c->breaks;
    return c->nclasses;
}

int ir_choropleth_class_of(const ir_choropleth *c, const char *iso)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i].state->iso, iso) == 0)
            return ir_class_of(c->breaks, c->nclasses, c->v[i].value);
    return c->areas || covered(c, iso) ? IR_FILL_NO_DATA : IR_FILL_NONE;
}

bool ir_choropleth_of_areas(const ir_choropleth *c)
{
    return c->areas;
}

unsigned ir_choropleth_rgb(const ir_choropleth *c, int k)
{
    return k >= 0 && k < c->nclasses ? c->rgb[k] : c->no_data_rgb;
}

const char *ir_choropleth_label(const ir_choropleth *c, int k)
{
    return k >= 0 && k < c->nclasses ? c->labels[k] : c->no_data;
}

bool ir_choropleth_has_no_data(const ir_choropleth *c)
{
    return c->has_no_data;
}

static void to_lab(unsigned rgb, double lab[3])
{
    static const double m[3][3] = { { 0.4124, 0.3576, 0.1805 },
                                    { 0.2126, 0.7152, 0.0722 },
                                    { 0.0193, 0.1192, 0.9505 } };
    static const double white[3] = { 0.95047, 1.0, 1.08883 };
    double lin[3], f[3];
    for (int i = 0; i < 3; i++) {
        double v = ((rgb >> (16 - 8 * i)) & 0xff) / 255.0;
        lin[i] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    for (int i = 0; i < 3; i++) {
        double t = (m[i][0] * lin[0] + m[i][1] * lin[1] + m[i][2] * lin[2]) /
                   white[i];
        f[i] = t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
    lab[0] = 116 * f[1] - 16;
    lab[1] = 500 * (f[0] - f[1]);
    lab[2] = 200 * (f[1] - f[2]);
}

double ir_color_difference(unsigned a, unsigned b)
{
    double x[3], y[3];
    to_lab(a, x);
    to_lab(b, y);
    return sqrt((x[0] - y[0]) * (x[0] - y[0]) + (x[1] - y[1]) * (x[1] - y[1]) +
                (x[2] - y[2]) * (x[2] - y[2]));
}

double ir_choropleth_nearest(const ir_choropleth *c, unsigned rgb)
{
    double best = INFINITY;
    for (int k = 0; k < c->nclasses; k++)
        best = fmin(best, ir_color_difference(rgb, c->rgb[k]));
    return best;
}

/*
 * locate: the record holding a point.  See locate.h.
 */
#include "locate.h"

#include <shapefil.h>
#include <stdbool.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/grow.h"

/* Levels of the quadtree: at 10 its cells are about 0.35 x 0.18 degrees,
 * a county's size, so a point meets a handful of boxes even among the
 * 3,000 counties of a U.S. county layer.  (shapelib estimates a depth
 * only for a tree built from a file.) */
#define TREE_DEPTH 10

typedef struct record {
    const ir_layer *layer;
    const ir_feature *feature;
    long entry;          /* table index of the state or country */
} record;

struct ir_locator {
    record *rec;
    size_t n, cap;
    SHPTree *tree;
};

static enum ir_number_kind numbering_of(const char *field)
{
    if (field == NULL)
        return IR_NUMBER_NONE;
    if (strncasecmp(field, "CVE", 3) == 0)
        return IR_NUMBER_MX_INEGI;
    if (strcasecmp(field, "STATEFP") == 0 ||
        strcasecmp(field, "STATE_FIPS") == 0 ||
        strcasecmp(field, "GEOID") == 0)
        return IR_NUMBER_US_FIPS;
    return IR_NUMBER_NONE;
}

/* Two-letter country codes collide with USPS codes (CA is Canada and
 * California), so a country-code field is never read as a state code. */
static bool is_country_code_field(const char *field)
{
    return field != NULL && (strcasecmp(field, "iso_a2") == 0 ||
                             strcasecmp(field, "iso_a3") == 0 ||
                             strcasecmp(field, "adm0_a3") == 0);
}

const ir_state *ir_layer_state(const ir_layer *layer, size_t i,
                               const ir_states *states)
{
    const ir_feature *f = ir_layer_feature(layer, i);
    const ir_state *s = NULL;
    if (f->code[0] && !is_country_code_field(ir_layer_code_field(layer)))
        s = ir_states_resolve(states, f->code,
                              numbering_of(ir_layer_code_field(layer)), NULL);
    if (s == NULL && f->name[0])
        s = ir_states_resolve(states, f->name, IR_NUMBER_NONE, NULL);
    return s;
}

static int add(ir_locator *l, const ir_layer *layer, size_t i, long entry)
{
    const ir_feature *f = ir_layer_feature(layer, i);
    if (f->nrings == 0 || !(f->bbox[0] <= f->bbox[2]))
        return 0;
    if (ir_grow((void **)&l->rec, &l->cap, l->n + 1, sizeof *l->rec))
        return -1;
    /* The tree needs only each record's box: a two-vertex object spans
     * it.  The tree keeps the id, not the object. */
    double x[2] = { f->bbox[0], f->bbox[2] }, y[2] = { f->bbox[1], f->bbox[3] };
    SHPObject *box = SHPCreateSimpleObject(SHPT_MULTIPOINT, 2, x, y, NULL);
    if (box == NULL)
        return -1;
    box->nShapeId = (int)l->n;
    int added = SHPTreeAddShapeId(l->tree, box);
    SHPDestroyObject(box);
    if (!added)
        return -1;
    l->rec[l->n++] = (record){ layer, f, entry };
    return 0;
}

bool ir_degrees_parse(const char *text, double limit, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    while (*end == ' ' || *end == '\t')
        end++;
    *out = v;
    return *text != '\0' && *end == '\0' && errno == 0 && isfinite(v) &&
           fabs(v) <= limit;
}

/* An empty locator: a quadtree over the whole globe. */
static ir_locator *locator_new(void)
{
    ir_locator *l = calloc(1, sizeof *l);
    double lo[4] = { -180, -90, 0, 0 }, hi[4] = { 180, 90, 0, 0 };
    if (l != NULL && !(l->tree = SHPCreateTree(NULL, 2, TREE_DEPTH, lo, hi))) {
        free(l);
        l = NULL;
    }
    return l;
}

ir_locator *ir_locator_create(const ir_layer *const *layers, size_t nlayers,
                              const ir_layer *countries,
                              const ir_states *states, ir_error *err)
{
    ir_locator *l = locator_new();
    if (l == NULL)
        goto oom;
    for (size_t k = 0; k < nlayers; k++)
        for (size_t i = 0; i < ir_layer_count(layers[k]); i++) {
            const ir_state *s = ir_layer_state(layers[k], i, states);
            if (s && s->kind == IR_STATE_PLAIN &&
                add(l, layers[k], i, (long)ir_states_index(states, s)))
                goto oom;
        }
    /* The destination countries beyond Mexico, from the country layer:
     * by their code alone (the layer's code field holds ISO codes). */
    for (size_t i = 0; countries && i < ir_layer_count(countries); i++) {
        const ir_feature *f = ir_layer_feature(countries, i);
        if (!f->code[0] || strcmp(f->code, "US") == 0 ||
            strcmp(f->code, "MX") == 0)
            continue;
        const ir_state *s = ir_states_lookup(states, f->code,
                                             IR_DESTINATION_COUNTRIES,
                                             IR_NUMBER_NONE, NULL);
        if (s && s->kind == IR_STATE_COUNTRY && strcmp(s->iso, f->code) == 0 &&
            add(l, countries, i, (long)ir_states_index(states, s)))
            goto oom;
    }
    return l;
oom:
    ir_locator_destroy(l);
    ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    return NULL;
}

ir_locator *ir_locator_create_places(const ir_layer *layer,
                                     const ir_states *states, ir_error *err)
{
    ir_locator *l = locator_new();
    if (l == NULL)
        goto oom;
    for (size_t i = 0; i < ir_layer_count(layer); i++) {
        const ir_feature *f = ir_layer_feature(layer, i);
        const ir_state *s = f->code[0] ? ir_states_lookup(states, f->code,
                                                          NULL, IR_NUMBER_NONE,
                                                          NULL)
                                       : NULL;
        if (s && s->kind == IR_STATE_PLACE &&
            add(l, layer, i, (long)ir_states_index(states, s)))
            goto oom;
    }
    return l;
oom:
    ir_locator_destroy(l);
    ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    return NULL;
}

void ir_locator_destroy(ir_locator *l)
{
    if (l == NULL)
        return;
    if (l->tree)
        SHPDestroyTree(l->tree);
    free(l->rec);
    free(l);
}

/* Even-odd over every ring of the record: holes and islands alike. */
static bool inside(const record *r, double x, double y)
{
    const double *p = ir_layer_points(r->layer);
    const size_t *rs = ir_layer_ring_starts(r->layer);
    const ir_feature *f = r->feature;
    if (x < f->bbox[0] || x > f->bbox[2] || y < f->bbox[1] || y > f->bbox[3])
        return false;
    bool in = false;
    for (size_t k = f->first_ring; k < f->first_ring + f->nrings; k++) {
        size_t a = rs[k], b = rs[k + 1];
        for (size_t i = a, j = b - 1; i < b; j = i++) {
            double xi = p[2 * i], yi = p[2 * i + 1];
            double xj = p[2 * j], yj = p[2 * j + 1];
            if ((yi > y) != (yj > y) &&
                x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                in = !in;
        }
    }
    return in;
}

static int id_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

long ir_locator_find(const ir_locator *l, double lon, double lat)
{
    double lo[4] = { lon, lat, 0, 0 }, hi[4] = { lon, lat, 0, 0 };
    int n = 0;
    int *ids = SHPTreeFindLikelyShapes(l->tree, lo, hi, &n);
    if (ids == NULL)
        return -1;
    /* The first record in file order wins a shared border. */
    qsort(ids, (size_t)n, sizeof *ids, id_cmp);
    long found = -1;
    for (int k = 0; k < n && found < 0; k++)
        if (inside(&l->rec[ids[k]], lon, lat))
            found = l->rec[ids[k]].entry;
    free(ids);
    return found;
}

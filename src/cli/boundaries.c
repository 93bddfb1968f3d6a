/*
 * boundaries: the shapefiles of a run.  See boundaries.h.
 */
#include "boundaries.h"

#include <limits.h>
#include <string.h>

#include "datadir.h"
#include "load/statecheck.h"

/* path, or the shipped file rel when path is NULL. */
static ir_layer *load(const char *path, const char *rel,
                      const ir_layer_options *opt, ir_error *err)
{
    char shipped[PATH_MAX];
    if (path == NULL) {
        if (ir_datadir_require(rel, shipped, sizeof shipped, err))
            return NULL;
        path = shipped;
    }
    return ir_layer_load(path, opt, err);
}

void ir_boundaries_say(const ir_layer *l)
{
    const char *const *notes;
    size_t n = ir_layer_notes(l, &notes);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "ironriver: note: %s: %s\n", ir_layer_path(l),
                notes[i]);
}

ir_layer *ir_boundaries_load_layer(const ir_boundary_input *in,
                                   const char *path,
                                   const ir_layer_options *opt,
                                   ir_error *err)
{
    ir_layer_options o = *opt;
    o.strict = in->strict;
    ir_layer *l = ir_layer_load(path, &o, err);
    if (l && !in->quiet)
        ir_boundaries_say(l);
    return l;
}

int ir_boundaries_load(const ir_boundary_input *in, bool with_lakes,
                       const ir_states *states, ir_boundaries *b,
                       ir_error *err)
{
    memset(b, 0, sizeof *b);
    ir_layer_options opt = { in->name_field, in->code_field, NULL,
                             in->strict };
    ir_layer_options shipped_opt = { NULL, NULL, NULL, in->strict };
    static const char *const shipped[2] = { "shapes/us-states.shp",
                                            "shapes/mx-states.shp" };
    int n = in->shapes.n ? in->shapes.n : 2;
    for (int i = 0; i < n; i++) {
        b->state[i] = in->shapes.n ? load(in->shapes.item[i], NULL, &opt, err)
                                   : load(NULL, shipped[i], &shipped_opt, err);
        if (b->state[i] == NULL)
            goto fail;
        b->nstate++;
        if (ir_statecheck_layer(b->state[i], states, in->strict, err))
            goto fail;
    }
    if (!in->no_context &&
        !(b->context = load(in->context, "shapes/countries.shp", &shipped_opt,
                            err)))
        goto fail;
    if (with_lakes && !in->no_lakes &&
        !(b->lakes = load(in->lakes, "shapes/lakes.shp", &shipped_opt, err)))
        goto fail;
    for (size_t i = 0; !in->quiet && i < b->nstate; i++)
        ir_boundaries_say(b->state[i]);
    if (!in->quiet && b->context)
        ir_boundaries_say(b->context);
    if (!in->quiet && b->lakes)
        ir_boundaries_say(b->lakes);
    return 0;
fail:
    ir_boundaries_free(b);
    return err->status;
}

void ir_boundaries_free(ir_boundaries *b)
{
    for (size_t i = 0; i < b->nstate; i++)
        ir_layer_destroy(b->state[i]);
    ir_layer_destroy(b->context);
    ir_layer_destroy(b->lakes);
    memset(b, 0, sizeof *b);
}

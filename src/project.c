/*
 * project: a PROJ transformation from WGS 84 lon/lat to the map CRS, with
 * the axis order normalised so that x is east and y is north whatever the
 * CRS's own axis order.  See project.h.
 */
#include "project.h"

#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ir_projection {
    PJ_CONTEXT *ctx;
    PJ *op;
    char *definition;
};

ir_projection *ir_projection_create(const char *definition, ir_error *err)
{
    if (definition == NULL)
        definition = IR_PROJECTION_DEFAULT;
    ir_projection *p = calloc(1, sizeof *p);
    if (p == NULL) {
        ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
        return NULL;
    }
    p->definition = strdup(definition);
    p->ctx = proj_context_create();
    if (p->definition == NULL || p->ctx == NULL) {
        ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
        ir_projection_destroy(p);
        return NULL;
    }
    proj_log_level(p->ctx, PJ_LOG_NONE);
    /* A bare "+proj=..." string is an operation to PROJ; asking for a CRS
     * makes it mean "this projection on this datum". */
    char *def = NULL;
    if (definition[0] == '+' && strstr(definition, "type=crs") == NULL) {
        size_t n = strlen(definition) + 16;
        def = malloc(n);
        if (def)
            snprintf(def, n, "%s +type=crs", definition);
    } else {
        def = strdup(definition);
    }
    PJ *crs = def ? proj_create(p->ctx, def) : NULL;
    free(def);
    PJ *geo = proj_create(p->ctx, "EPSG:4326");
    PJ *op = NULL;
    if (crs != NULL && proj_get_type(crs) != PJ_TYPE_PROJECTED_CRS &&
        proj_get_type(crs) != PJ_TYPE_GEOGRAPHIC_2D_CRS &&
        proj_get_type(crs) != PJ_TYPE_BOUND_CRS) {
        ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                     "projection '%s' is not a 2D map CRS", definition);
    } else if (crs == NULL) {
        ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                     "PROJ cannot read projection '%s': %s", definition,
                     proj_context_errno_string(p->ctx,
                                               proj_context_errno(p->ctx)));
    } else if ((op = proj_create_crs_to_crs_from_pj(p->ctx, geo, crs, NULL,
                                                    NULL)) == NULL ||
               (p->op = proj_normalize_for_visualization(p->ctx, op)) ==
                   NULL) {
        ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                     "no transformation from WGS 84 to '%s'", definition);
    }
    proj_destroy(op);
    proj_destroy(geo);
    proj_destroy(crs);
    if (p->op == NULL || p->definition == NULL) {
        ir_projection_destroy(p);
        return NULL;
    }
    return p;
}

void ir_projection_destroy(ir_projection *p)
{
    if (p == NULL)
        return;
    proj_destroy(p->op);
    proj_context_destroy(p->ctx);
    free(p->definition);
    free(p);
}

void ir_projection_forward(const ir_projection *p, double *xy, size_t n)
{
    if (n == 0)
        return;
    proj_trans_generic(p->op, PJ_FWD, xy, 2 * sizeof(double), n, xy + 1,
                       2 * sizeof(double), n, NULL, 0, 0, NULL, 0, 0);
    for (size_t i = 0; i < 2 * n; i++)
        if (!isfinite(xy[i]) || fabs(xy[i]) > 1e20)
            xy[i] = NAN;
}

const char *ir_projection_definition(const ir_projection *p)
{
    return p->definition;
}

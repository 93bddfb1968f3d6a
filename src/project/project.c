/*
 * project: a PROJ transformation from WGS 84 lon/lat to the map CRS, with
 * the axis order normalised so that x is east and y is north whatever the
 * CRS's own axis order.  See project.h.
 */
#include "project.h"

#include "base/halves.h"

#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ir_projection {
    PJ_CONTEXT *ctx;
    PJ *op;
    /* A copy for a second thread: PROJ objects are not to be shared. */
    PJ_CONTEXT *ctx2;
    PJ *op2;
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
    /* Without the copy, projecting stays on one thread. */
    if ((p->ctx2 = proj_context_create()) != NULL) {
        proj_log_level(p->ctx2, PJ_LOG_NONE);
        p->op2 = proj_clone(p->ctx2, p->op);
    }
    return p;
}

void ir_projection_destroy(ir_projection *p)
{
    if (p == NULL)
        return;
    proj_destroy(p->op);
    proj_context_destroy(p->ctx);
    proj_destroy(p->op2);
    if (p->ctx2)
        proj_context_destroy(p->ctx2);
    free(p->definition);
    free(p);
}

static void forward(PJ *op, double *xy, size_t n)
{
    if (n == 0)
        return;
    proj_trans_generic(op, PJ_FWD, xy, 2 * sizeof(double), n, xy + 1,
                       2 * sizeof(double), n, NULL, 0, 0, NULL, 0, 0);
    for (size_t i = 0; i < 2 * n; i++)
        if (!isfinite(xy[i]) || fabs(xy[i]) > 1e20)
            xy[i] = NAN;
}

void ir_projection_forward(const ir_projection *p, double *xy, size_t n)
{
    forward(p->op, xy, n);
}

typedef struct forward_job {
    PJ *op;
    double *xy;
    size_t n;
} forward_job;

static void *forward_run(void *arg)
{
    forward_job *j = arg;
    forward(j->op, j->xy, j->n);
    return NULL;
}

/* Below this a thread costs more than it saves (PROJ takes about 0.25 us
 * a point for the default projection). */
#define SPLIT_MIN 20000

void ir_projection_forward_threads(const ir_projection *p, double *xy,
                                   size_t n, int threads)
{
    if (threads < 2 || p->op2 == NULL || n < SPLIT_MIN) {
        forward(p->op, xy, n);
        return;
    }
    size_t half = n / 2;
    forward_job job[2] = { { p->op, xy, half },
                           { p->op2, xy + 2 * half, n - half } };
    ir_halves_run(forward_run, &job[0], &job[1], true);
}

const char *ir_projection_definition(const ir_projection *p)
{
    return p->definition;
}

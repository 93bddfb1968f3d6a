/*
 * choropleth: a value per state shown as the states' fill under the flows
 * (lay-out stage): the classes, their colours and their legend labels.
 *
 * The fill is context, the flows the figure's subject: the classes take a
 * ColorBrewer single-hue sequential scheme (ordered in lightness, so it
 * reads in greyscale and to colour-blind readers), laid over the land at
 * CHOROPLETH_OPACITY.  Purples is the default: measured against every
 * flow colour (Okabe & Ito's six and the grey of the rest), each of its
 * classes stays at least 20 CIELAB units from each, where greys loses the
 * grey flows (3 units) and blues the blue ones (14); see
 * tests/layout/test_choropleth.c.  States of a country the values cover
 * but which have no value are "no data", drawn hatched, never as the
 * lowest class.
 */
#ifndef IR_CHOROPLETH_H
#define IR_CHOROPLETH_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "load/statevalues.h"
#include "classify.h"

typedef enum ir_fill_palette {
    IR_FILL_PURPLES,
    IR_FILL_GREYS,
    IR_FILL_BLUES
} ir_fill_palette;

typedef struct ir_choropleth_options {
    ir_class_method method;
    int classes;              /* 0: 5 */
    const double *bounds;     /* upper bounds given (--breaks), or NULL */
    size_t nbounds;
    ir_fill_palette palette;
    const char *lang;         /* "en" or "es": the labels' numbers */
    const char *no_data;      /* the no-data label; NULL: "No data" */
    unsigned land;            /* 0xRRGGBB the classes are laid over */
    size_t areas;             /* the values are of the polygons of a layer
                                 (ir_state_values_load_areas) that has
                                 this many places; 0: of states */
} ir_choropleth_options;

#define IR_FILL_NO_DATA (-1)  /* a covered country's state with no value */
#define IR_FILL_NONE (-2)     /* not covered: plain land */

typedef struct ir_choropleth ir_choropleth;

/* The classes of the values.  Fails (err names the option) only for
 * bounds that do not increase or make too many classes. */
ir_choropleth *ir_choropleth_create(const ir_state_values *values,
                                    const ir_states *states,
                                    const ir_choropleth_options *opt,
                                    ir_error *err);
void ir_choropleth_destroy(ir_choropleth *c);

/* How many classes, and their breaks (n + 1, see classify.h). */
int ir_choropleth_classes(const ir_choropleth *c, const double **breaks);

/* The class of the state (its ISO 3166-2 code) or, for a fill of a
 * layer's polygons, of the polygon (its key); IR_FILL_NO_DATA or
 * IR_FILL_NONE. */
int ir_choropleth_class_of(const ir_choropleth *c, const char *iso);

/* Whether the fill is of a layer's polygons (IR_REGION_AREA), not of
 * states. */
bool ir_choropleth_of_areas(const ir_choropleth *c);

/* A class's colour as drawn (over the land), 0xRRGGBB; for
 * IR_FILL_NO_DATA the hatching's background. */
unsigned ir_choropleth_rgb(const ir_choropleth *c, int k);

/* A class's label ("1,569–2,338" in English, "1569–2338" in Spanish),
 * or for IR_FILL_NO_DATA the no-data label. */
const char *ir_choropleth_label(const ir_choropleth *c, int k);

/* Whether some state is no data (the legend then shows the hatching). */
bool ir_choropleth_has_no_data(const ir_choropleth *c);

/* How far (CIE 1976 L*a*b* units) a colour is from the nearest class:
 * under about 20, a flow of that colour is hard to tell from the states
 * it crosses. */
double ir_choropleth_nearest(const ir_choropleth *c, unsigned rgb);

/* The CIE 1976 colour difference of two sRGB colours. */
double ir_color_difference(unsigned rgb_a, unsigned rgb_b);

#endif

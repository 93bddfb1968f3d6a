/*
 * palette: which colour each flow is drawn in (part of lay-out).
 *
 * A place keeps its colour from figure to figure: colour follows a stable
 * key, not the rank of the place in one figure's data.  For colour by
 * origin, Texas, Arizona, California and New Mexico always take the
 * first four colours of Okabe & Ito's colour-blind-safe set (vermillion,
 * blue, bluish green, reddish purple); for colour by destination,
 * Tamaulipas, Sonora, Chihuahua and Nuevo León do.  The two colours left
 * (orange, sky blue) go to the heaviest other origins (or destinations)
 * of the figure, and the rest are grey, as is an origin without a place
 * ("Other states").  A place of the user's takes its state's colour (a
 * Tucson cluster is Arizona's blue).  Colours pinned by the user (--color
 * Texas=#D55E00) win over all of this, for a whole series of figures.
 */
#ifndef IR_PALETTE_H
#define IR_PALETTE_H

#include <stdbool.h>
#include <stddef.h>

#include "load/states.h"

/* A colour pinned to a state or place: 0xRRGGBB. */
typedef struct ir_color_pin {
    const ir_state *state;
    unsigned rgb;
} ir_color_pin;

/* Reads "KEY=#RRGGBB" (KEY any spelling of a state or a place id of
 * states); returns 0, or -1 with a message in err naming the value. */
int ir_color_pin_parse(const char *text, const ir_states *states,
                       ir_color_pin *pin, char *err, size_t cap);

#define IR_PALETTE_MAX 64   /* the fixed colours and up to 56 pins */

typedef struct ir_palette {
    unsigned rgb[IR_PALETTE_MAX];
    size_t n;
} ir_palette;

/* Colours for the ends of one side: keys[i] is the state of the i-th
 * end, heaviest first (NULL for an end without a place); origins says
 * which side.  Writes each end's index into palette (color[i]) and fills
 * palette. */
void ir_palette_assign(const ir_state *const *keys, size_t n, bool origins,
                       const ir_states *states, const ir_color_pin *pins,
                       size_t npins, ir_palette *palette, int *color);

#endif

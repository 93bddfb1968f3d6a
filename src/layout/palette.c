/*
 * palette: stable flow colours.  See palette.h.
 */
#include "palette.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Okabe & Ito (2008), yellow left out (too light on the basemap), then
 * grey for every other state. */
static const unsigned categorical[6] = { 0xD55E00, 0x0072B2, 0x009E73,
                                         0xCC79A7, 0xE69F00, 0x56B4E9 };
#define FIXED 4            /* colours kept for the principal states */
#define GREY_INDEX 6
#define GREY 0x8C8C8C

/* The states of the iron river's largest channels, in the order of the
 * colours they keep. */
static const char *const principal[2][FIXED] = {
    { "US-TX", "US-AZ", "US-CA", "US-NM" },
    { "MX-TAM", "MX-SON", "MX-CHH", "MX-NLE" },
};

int ir_color_pin_parse(const char *text, const ir_states *states,
                       ir_color_pin *pin, char *err, size_t cap)
{
    const char *eq = strrchr(text, '=');
    if (eq == NULL || eq == text) {
        snprintf(err, cap, "--color %s: expected KEY=#RRGGBB (a state or "
                           "place, and a colour)", text);
        return -1;
    }
    char key[128];
    snprintf(key, sizeof key, "%.*s", (int)(eq - text), text);
    const char *hex = eq + 1;
    if (*hex == '#')
        hex++;
    bool ok = strlen(hex) == 6;
    for (int i = 0; ok && i < 6; i++)
        ok = isxdigit((unsigned char)hex[i]) != 0;
    if (!ok) {
        snprintf(err, cap, "--color %s: '%s' is not a colour #RRGGBB", text,
                 eq + 1);
        return -1;
    }
    enum ir_lookup found;
    const ir_state *s = ir_states_lookup(states, key, NULL, IR_NUMBER_NONE,
                                         &found);
    if (s == NULL) {
        snprintf(err, cap, "--color %s: %s '%s'", text,
                 found == IR_LOOKUP_AMBIGUOUS ? "more than one state is called"
                                              : "no state or place is called",
                 key);
        return -1;
    }
    pin->state = s;
    pin->rgb = (unsigned)strtoul(hex, NULL, 16);
    return 0;
}

/* What a state is coloured as: a place as its state. */
static const ir_state *key_of(const ir_state *s, const ir_states *states)
{
    if (s != NULL && s->kind == IR_STATE_PLACE && s->parent >= 0 &&
        (size_t)s->parent < ir_states_count(states))
        return ir_states_at(states, (size_t)s->parent);
    return s;
}

void ir_palette_assign(const ir_state *const *keys, size_t n, bool origins,
                       const ir_states *states, const ir_color_pin *pins,
                       size_t npins, ir_palette *palette, int *color)
{
    palette->n = 0;
    for (int i = 0; i < 6; i++)
        palette->rgb[palette->n++] = categorical[i];
    palette->rgb[palette->n++] = GREY;
    size_t first_pin = palette->n;
    for (size_t p = 0; p < npins && palette->n < IR_PALETTE_MAX; p++)
        palette->rgb[palette->n++] = pins[p].rgb;
    /* The free colours, given to keys heaviest first. */
    const ir_state *free_key[6 - FIXED] = { NULL };
    int next_free = FIXED;
    for (size_t i = 0; i < n; i++) {
        const ir_state *k = key_of(keys[i], states);
        int c = -1;
        for (size_t p = npins; p-- > 0 && c < 0;)
            if (first_pin + p < IR_PALETTE_MAX &&
                (pins[p].state == keys[i] || pins[p].state == k))
                c = (int)(first_pin + p);
        if (c < 0 && (k == NULL || k->kind == IR_STATE_UNLOCATED))
            c = GREY_INDEX;
        for (int j = 0; c < 0 && j < FIXED; j++)
            if (strcmp(k->iso, principal[origins ? 0 : 1][j]) == 0)
                c = j;
        for (int j = 0; c < 0 && j < 6 - FIXED; j++)
            if (free_key[j] == k)
                c = FIXED + j;
        if (c < 0 && next_free < 6) {
            free_key[next_free - FIXED] = k;
            c = next_free++;
        }
        color[i] = c < 0 ? GREY_INDEX : c;
    }
}

/*
 * change: how a flow changed between two periods, as a map of the change
 * shows it (map --compare): classes of the ratio B/A, their colours and
 * their words in EN and ES.
 *
 * The classes are symmetric in the ratio, so that a flow that doubled and
 * one that halved sit in mirrored classes: doubled or more (x2), up
 * (x1.25 to x2), about the same, down (/1.25 to /2), halved or less (/2),
 * and two for flows of one period only, new and gone.  The colours are
 * ColorBrewer's RdBu (colour-blind safe), red for more firearms, blue for
 * fewer, with a mid grey, not RdBu's near-white, for "about the same" so
 * that it reads over the land; new and gone are outlined, a light band in
 * a dark casing, so a flow of one period only reads apart from one that
 * merely grew or fell.
 */
#ifndef IR_CHANGE_H
#define IR_CHANGE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum ir_change_class {
    IR_CHANGE_NEW,
    IR_CHANGE_DOUBLED,
    IR_CHANGE_UP,
    IR_CHANGE_SAME,
    IR_CHANGE_DOWN,
    IR_CHANGE_HALVED,
    IR_CHANGE_GONE,
    IR_CHANGE_CLASSES
} ir_change_class;

/* The class of a pair of weights A then B (neither negative, not both 0). */
ir_change_class ir_change_classify(double a, double b);

/* The class's band colour and outline colour (0xRRGGBB; white for the
 * classes not outlined). */
void ir_change_colors(ir_change_class c, unsigned *band, unsigned *outline);

/* Whether the class is drawn outlined (one period only). */
bool ir_change_outlined(ir_change_class c);

/* The class as the key names it, in lang ("en", "es"). */
const char *ir_change_class_name(ir_change_class c, const char *lang);

/* The change from a to b as a label says it: "+29%", "-50%" ("+29 %" in
 * Spanish), "new", "gone" ("nuevo", "desaparece"). */
void ir_change_text(double a, double b, const char *lang, char *buf,
                    size_t cap);

#endif

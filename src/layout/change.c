/*
 * change: see change.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"

/* The ratios the classes break at: x2 and x1.25 each way. */
#define CHANGE_DOUBLE 2.0
#define CHANGE_UP 1.25

ir_change_class ir_change_classify(double a, double b)
{
    if (!(a > 0))
        return IR_CHANGE_NEW;
    if (!(b > 0))
        return IR_CHANGE_GONE;
    /* Compared as products, not a quotient, so that a ratio on a break
     * (b = 2a, b = 0.8a) lands in the same class each way. */
    if (b >= CHANGE_DOUBLE * a)
        return IR_CHANGE_DOUBLED;
    if (a >= CHANGE_DOUBLE * b)
        return IR_CHANGE_HALVED;
    if (b >= CHANGE_UP * a)
        return IR_CHANGE_UP;
    if (a >= CHANGE_UP * b)
        return IR_CHANGE_DOWN;
    return IR_CHANGE_SAME;
}

void ir_change_colors(ir_change_class c, unsigned *band, unsigned *outline)
{
    static const unsigned bands[IR_CHANGE_CLASSES] = {
        0xFDDBC7, 0xB2182B, 0xEF8A62, 0x8C8C8C, 0x67A9CF, 0x2166AC, 0xD1E5F0
    };
    static const unsigned outlines[IR_CHANGE_CLASSES] = {
        0xB2182B, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0xFFFFFF, 0x2166AC
    };
    size_t i = (size_t)c < IR_CHANGE_CLASSES ? (size_t)c : IR_CHANGE_SAME;
    *band = bands[i];
    *outline = outlines[i];
}

bool ir_change_outlined(ir_change_class c)
{
    return c == IR_CHANGE_NEW || c == IR_CHANGE_GONE;
}

const char *ir_change_class_name(ir_change_class c, const char *lang)
{
    static const char *const en[IR_CHANGE_CLASSES] = {
        "new: none in the first period",
        "doubled or more",
        "up 25% to 100%",
        "about the same (\u221220% to +25%)",
        "down 20% to 50%",
        "halved or less",
        "gone: none in the second period"
    };
    static const char *const es[IR_CHANGE_CLASSES] = {
        "nuevo: ninguna en el primer periodo",
        "se duplic\u00f3 o m\u00e1s",
        "subi\u00f3 del 25\u00a0% al 100\u00a0%",
        "casi igual (\u221220\u00a0% a +25\u00a0%)",
        "baj\u00f3 del 20\u00a0% al 50\u00a0%",
        "se redujo a la mitad o menos",
        "desaparece: ninguna en el segundo periodo"
    };
    bool spanish = lang && strcmp(lang, "es") == 0;
    size_t i = (size_t)c < IR_CHANGE_CLASSES ? (size_t)c : IR_CHANGE_SAME;
    return spanish ? es[i] : en[i];
}

void ir_change_text(double a, double b, const char *lang, char *buf,
                    size_t cap)
{
    bool spanish = lang && strcmp(lang, "es") == 0;
    ir_change_class c = ir_change_classify(a, b);
    if (c == IR_CHANGE_NEW || c == IR_CHANGE_GONE) {
        snprintf(buf, cap, "%s", c == IR_CHANGE_NEW
                                     ? (spanish ? "nuevo" : "new")
                                     : (spanish ? "desaparece" : "gone"));
        return;
    }
    long pct = lround(100 * (b - a) / a);
    /* A true minus sign, as the key writes it. */
    snprintf(buf, cap, "%s%ld%s", pct > 0 ? "+" : pct < 0 ? "\u2212" : "\u00b1",
             labs(pct), spanish ? "\u00a0%" : "%");
}

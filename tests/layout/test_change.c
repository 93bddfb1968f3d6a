/*
 * change: the classes of a flow's change between two periods, symmetric
 * in the ratio, and colours that tell them apart over the land.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "layout/change.h"
#include "layout/choropleth.h"

Test(change, classes_mirror_each_other)
{
    cr_expect_eq(ir_change_classify(0, 5), IR_CHANGE_NEW);
    cr_expect_eq(ir_change_classify(5, 0), IR_CHANGE_GONE);
    /* On the breaks: x2 and x1.25 each way land in mirrored classes. */
    cr_expect_eq(ir_change_classify(10, 20), IR_CHANGE_DOUBLED);
    cr_expect_eq(ir_change_classify(20, 10), IR_CHANGE_HALVED);
    cr_expect_eq(ir_change_classify(100, 125), IR_CHANGE_UP);
    cr_expect_eq(ir_change_classify(125, 100), IR_CHANGE_DOWN);
    cr_expect_eq(ir_change_classify(100, 124), IR_CHANGE_SAME);
    cr_expect_eq(ir_change_classify(124, 100), IR_CHANGE_SAME);
    cr_expect_eq(ir_change_classify(10, 19.9), IR_CHANGE_UP);
    cr_expect_eq(ir_change_classify(19.9, 10), IR_CHANGE_DOWN);
    cr_expect_eq(ir_change_classify(7, 7), IR_CHANGE_SAME);
}

Test(change, words_in_english_and_spanish)
{
    char buf[64];
    ir_change_text(100, 129, "en", buf, sizeof buf);
    cr_expect_str_eq(buf, "+29%");
    ir_change_text(100, 50, "es", buf, sizeof buf);
    cr_expect_str_eq(buf, "\u221250\u00a0%");
    ir_change_text(0, 3, "es", buf, sizeof buf);
    cr_expect_str_eq(buf, "nuevo");
    ir_change_text(3, 0, "en", buf, sizeof buf);
    cr_expect_str_eq(buf, "gone");
    for (int c = 0; c < IR_CHANGE_CLASSES; c++) {
        const char *en = ir_change_class_name((ir_change_class)c, "en");
        const char *es = ir_change_class_name((ir_change_class)c, "es");
        cr_expect(strlen(en) > 0 && strcmp(en, es) != 0, "class %d", c);
    }
}

/* Every class's colour apart from every other's and from the land it is
 * drawn over (CIELAB distance); only new and gone are outlined. */
Test(change, colours_tell_the_classes_apart_over_the_land)
{
    const unsigned land = 0xF3ECE0;
    for (int c = 0; c < IR_CHANGE_CLASSES; c++) {
        unsigned band, line;
        ir_change_colors((ir_change_class)c, &band, &line);
        bool outlined = ir_change_outlined((ir_change_class)c);
        cr_expect_eq(outlined, c == IR_CHANGE_NEW || c == IR_CHANGE_GONE);
        /* What reads against the land: the band, or an outline's line. */
        unsigned seen = outlined ? line : band;
        cr_expect_gt(ir_color_difference(seen, land), 25,
                     "class %d: %06x on the land", c, seen);
        for (int d = 0; d < c; d++) {
            unsigned b2, l2;
            ir_change_colors((ir_change_class)d, &b2, &l2);
            cr_expect_gt(ir_color_difference(band, b2), 10,
                         "classes %d and %d: %06x and %06x", c, d, band, b2);
        }
    }
}

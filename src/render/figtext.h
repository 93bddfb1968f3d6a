/*
 * figtext: the words of a flow-map figure that are not labels (render
 * stage): the note under the map, and the short text alternative written
 * beside the figure for accessible press releases.
 *
 * The note is the share sentence (a template whose {flows}, {drawn},
 * {total}, {share}, {total2} and {share2} are filled in from the flows
 * drawn and the cited totals), the source, and what the thresholds left
 * out, in the figure's language.
 */
#ifndef IR_FIGTEXT_H
#define IR_FIGTEXT_H

#include <stddef.h>
#include <stdio.h>

#include "layout/flowmap.h"

typedef struct ir_figtext {
    const char *lang;              /* "en" or "es" */
    const char *title, *source;
    const char *share_note;        /* the template, or NULL */
    double share_of, share_also;   /* totals shares are of; 0: all flows */
    const char *shading;           /* what the fill shows, a sentence put
                                      before the note in the text
                                      alternative; NULL for none */
    const char *periods[2];        /* a map of change: the two periods'
                                      names, and their totals */
    double period_totals[2];
} ir_figtext;

/* The note under the map, in buf (at most cap bytes, cut at a whole
 * character). */
void ir_figtext_note(const ir_figtext *t, const ir_flowmap *map, char *buf,
                     size_t cap);

/* The text alternative: the title, what the map shows, its five largest
 * flows with their shares (on a map of change, each period's count and
 * the change), then the note; one line. */
void ir_figtext_alt(const ir_figtext *t, const ir_flowmap *map,
                    const char *note, FILE *fp);

#endif

/*
 * webfig: a figure as one self-contained web page (render stage).
 *
 * The page holds the figure's SVG inline, a few lines of CSS and a small
 * script, and fetches nothing: a campaign site or a newsroom CMS can
 * embed it as it is.  Pointing at a flow, a node or a crossing, or
 * reaching it with the keyboard (Tab), highlights it and the nodes it
 * joins and shows its title ("Texas → Tamaulipas: 1,191 firearms") in a
 * tooltip; a link to page.html#flow-US-TX-MX-TAM opens with that flow
 * shown.  Without scripts the map still shows, and each item's title is
 * the browser's own tooltip.  The figure's text alternative is the SVG's
 * <desc> and, for every reader, a details element under the map.
 */
#ifndef IR_WEBFIG_H
#define IR_WEBFIG_H

#include <stdio.h>

#include "base/svgdoc.h"

typedef struct ir_webfig_text {
    const char *title;
    const char *description;   /* the text alternative */
    const char *language;      /* "en", "es" */
} ir_webfig_text;

/* Writes the page holding doc, width_px CSS pixels wide at most (it
 * shrinks with a narrower window); returns 0, or -1 when the stream or
 * the document failed. */
int ir_webfig_write(FILE *out, ir_svgdoc *doc, double width_px,
                    const ir_webfig_text *text);

#endif

/*
 * editdist: how far apart two short names are, for "did you mean ...?"
 * (an option, a spec key, a state).
 */
#ifndef IR_EDITDIST_H
#define IR_EDITDIST_H

/* Edits (insert, delete, change a byte, swap two neighbours) that make a
 * into b, or limit when it takes limit or more; names longer than 127
 * bytes are limit away from everything.  The limit is what keeps this
 * cheap: a name far longer or shorter than b is rejected unread. */
int ir_edit_distance(const char *a, const char *b, int limit);

#endif

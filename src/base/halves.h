/*
 * halves: work split in two, the second half in a thread of its own.
 * The lay-out's sweeps and a PNG's two bands both run this way; when no
 * thread can be had the halves run in turn, which gives the same result
 * because each half writes only its own data.
 */
#ifndef IR_HALVES_H
#define IR_HALVES_H

#include <stdbool.h>

/* run(first) here and run(second) in a thread when two_threads (and one
 * starts), else one after the other; returns when both are done. */
void ir_halves_run(void *(*run)(void *), void *first, void *second,
                   bool two_threads);

#endif

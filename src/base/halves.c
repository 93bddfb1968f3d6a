/*
 * halves: work split in two.  See halves.h.
 */
#include "halves.h"

#include <pthread.h>

void ir_halves_run(void *(*run)(void *), void *first, void *second,
                   bool two_threads)
{
    pthread_t t;
    bool started = two_threads && pthread_create(&t, NULL, run, second) == 0;
    run(first);
    if (started)
        pthread_join(t, NULL);
    else
        run(second);
}

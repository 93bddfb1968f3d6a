/*
 * pool: a fixed list of jobs run on any number of threads.  See pool.h.
 *
 * No queue and no thread kept between calls: each call starts its
 * threads, they take the next job index from one atomic counter until
 * none is left, and the call joins them.  Starting a thread costs some
 * tens of microseconds, small against the stages that use this.
 */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

typedef struct pool_run {
    void (*run)(void *);
    char *jobs;
    size_t njobs, job_size;
    atomic_size_t next;
} pool_run;

static void *worker(void *arg)
{
    pool_run *p = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->njobs)
            return NULL;
        p->run(p->jobs + i * p->job_size);
    }
}

int ir_pool_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > IR_THREADS_MAX ? IR_THREADS_MAX : (int)n;
}

void ir_pool_run(void (*run)(void *job), void *jobs, size_t njobs,
                 size_t job_size, int threads)
{
    pool_run p = { run, jobs, njobs, job_size, 0 };
    pthread_t t[IR_THREADS_MAX];
    size_t want = threads < 1 ? 1 : (size_t)threads;
    if (want > IR_THREADS_MAX)
        want = IR_THREADS_MAX;
    if (want > njobs)
        want = njobs;
    size_t started = 0;
    while (started + 1 < want &&
           pthread_create(&t[started], NULL, worker, &p) == 0)
        started++;
    worker(&p);
    for (size_t k = 0; k < started; k++)
        pthread_join(t[k], NULL);
}

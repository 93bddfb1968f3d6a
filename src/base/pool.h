/*
 * pool: a fixed list of jobs run on any number of threads.
 *
 * The caller cuts its work into jobs by the size of the input alone, never
 * by the number of threads, and each job writes only its own data; the
 * caller then combines the jobs' results in job order.  So a run on one
 * core and a run on sixteen give the same bytes: threads only decide how
 * soon the jobs are done.
 */
#ifndef IR_POOL_H
#define IR_POOL_H

#include <stddef.h>

/* The most threads any stage uses. */
#define IR_THREADS_MAX 64

/* The number of cores online, at least 1 and at most IR_THREADS_MAX:
 * the default of every --threads. */
int ir_pool_cores(void);

/* run(jobs + i * job_size) for every i < njobs, on up to `threads`
 * threads (the caller's among them); returns when all are done.  Jobs
 * run in any order and at once.  Where no thread can be started the rest
 * run on the caller's. */
void ir_pool_run(void (*run)(void *job), void *jobs, size_t njobs,
                 size_t job_size, int threads);

#endif

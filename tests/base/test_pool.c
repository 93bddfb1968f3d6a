/*
 * pool: every job runs once, on any number of threads, and a job that
 * writes only its own data gives the same result on one thread or many.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>

#include "base/pool.h"

typedef struct sum_job {
    int index;
    int runs;
    double sum;
    pthread_t thread;
} sum_job;

static void sum_run(void *arg)
{
    sum_job *j = arg;
    j->runs++;
    j->thread = pthread_self();
    /* A float sum whose bits depend on its order: the job's own. */
    double s = 0;
    for (int i = 1; i <= 10000; i++)
        s += 1.0 / (i + j->index);
    j->sum = s;
}

Test(pool, every_job_runs_once_and_the_results_match_on_any_threads)
{
    enum { N = 37 };
    static sum_job one[N], many[N];
    int counts[] = { 1, 2, 5, 64, 0, -3, 1000 };
    for (int i = 0; i < N; i++)
        one[i] = (sum_job){ .index = i };
    ir_pool_run(sum_run, one, N, sizeof one[0], 1);
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        for (int i = 0; i < N; i++)
            many[i] = (sum_job){ .index = i };
        ir_pool_run(sum_run, many, N, sizeof many[0], counts[c]);
        for (int i = 0; i < N; i++) {
            cr_expect_eq(many[i].runs, 1, "%d threads: job %d ran %d times",
                         counts[c], i, many[i].runs);
            cr_expect(memcmp(&many[i].sum, &one[i].sum, sizeof(double)) == 0,
                      "%d threads: job %d differs", counts[c], i);
        }
    }
}

Test(pool, jobs_use_more_than_one_thread_when_asked)
{
    enum { N = 64 };
    static sum_job job[N];
    for (int i = 0; i < N; i++)
        job[i] = (sum_job){ .index = i };
    ir_pool_run(sum_run, job, N, sizeof job[0], 4);
    int others = 0;
    for (int i = 0; i < N; i++)
        others += !pthread_equal(job[i].thread, pthread_self());
    cr_log_info("%d of %d jobs ran off the caller's thread", others, N);
    for (int i = 0; i < N; i++)
        job[i] = (sum_job){ .index = i };
    ir_pool_run(sum_run, job, N, sizeof job[0], 1);
    for (int i = 0; i < N; i++)
        cr_expect(pthread_equal(job[i].thread, pthread_self()),
                  "one thread: job %d ran elsewhere", i);
}

Test(pool, no_jobs_and_core_count)
{
    ir_pool_run(sum_run, NULL, 0, sizeof(sum_job), 8);
    int n = ir_pool_cores();
    cr_expect(n >= 1 && n <= IR_THREADS_MAX, "%d cores", n);
}

/*
 * atomic: a group of outputs is put in place whole or not at all.  A
 * rename is made to fail by putting a non-empty folder where its target
 * goes after the file was opened (the map command's own checks refuse a
 * folder before drawing; this is the race they cannot close).
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <criterion/criterion.h>
#include <dirent.h>
#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/atomic.h"
#include "helpers.h"

/* In a forked child only: after this many more renames, SIGTERM. */
static int renames_before_signal = -1;

int rename(const char *from, const char *to)
{
    static int (*real)(const char *, const char *);
    if (real == NULL)
        real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    int rc = real(from, to);
    if (renames_before_signal > 0 && --renames_before_signal == 0)
        raise(SIGTERM);
    return rc;
}

static ir_atomic *written(const char *path, const char *text)
{
    ir_error err = { 0 };
    ir_atomic *f = ir_atomic_open(path, &err);
    cr_assert_not_null(f, "%s", err.message);
    fputs(text, ir_atomic_stream(f));
    return f;
}

static void expect_text(const char *path, const char *text)
{
    size_t len;
    char *got = th_read_file(path, &len);
    cr_assert_not_null(got, "%s is missing", path);
    cr_expect_eq(len, strlen(text), "%s: %zu bytes", path, len);
    cr_expect(memcmp(got, text, len < strlen(text) ? len : strlen(text)) == 0,
              "%s: %.*s", path, (int)len, got);
    free(got);
}

/* The names in dir, hidden ones included, joined by spaces in sorted
 * order: temporary files and kept old files would show here. */
static char *listing(const char *dir)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    cr_assert(n >= 0);
    char *s = calloc(1, 4096);
    for (int i = 0; i < n; i++) {
        if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, "..")) {
            if (*s)
                strcat(s, " ");
            strncat(s, list[i]->d_name, 4000 - strlen(s));
        }
        free(list[i]);
    }
    free(list);
    return s;
}

static void expect_names(const char *dir, const char *want)
{
    char *names = listing(dir);
    cr_expect_str_eq(names, want, "in %s", dir);
    free(names);
}

/* a.txt, b.txt and c.txt in a new scratch folder. */
typedef struct scratch {
    const char *dir;
    char a[4096], b[4096], c[4096];
} scratch;

static void scratch_init(scratch *t)
{
    t->dir = th_tmpdir();
    snprintf(t->a, sizeof t->a, "%s", th_path(t->dir, "a.txt"));
    snprintf(t->b, sizeof t->b, "%s", th_path(t->dir, "b.txt"));
    snprintf(t->c, sizeof t->c, "%s", th_path(t->dir, "c.txt"));
}

/* A folder with a file in it at path: rename(2) cannot replace it. */
static void block(const char *path)
{
    cr_assert_eq(mkdir(path, 0777), 0);
    char inside[4096];
    snprintf(inside, sizeof inside, "%s/x", path);
    cr_assert_eq(th_write_file(inside, "x", 1), 0);
}

Test(atomic, a_group_is_put_in_place_together)
{
    scratch t;
    scratch_init(&t);
    cr_assert_eq(th_write_file(t.a, "old a", 5), 0);
    ir_atomic *files[2] = { written(t.a, "new a"), written(t.b, "new b") };
    ir_error err = { 0 };
    cr_assert_eq(ir_atomic_commit_all(files, 2, &err), 0, "%s", err.message);
    expect_text(t.a, "new a");
    expect_text(t.b, "new b");
    expect_names(t.dir, "a.txt b.txt");
}

Test(atomic, a_failed_rename_puts_back_what_the_group_replaced)
{
    scratch t;
    scratch_init(&t);
    cr_assert_eq(th_write_file(t.a, "old a", 5), 0);
    ir_atomic *files[3] = { written(t.a, "new a"), written(t.b, "new b"),
                            written(t.c, "new c") };
    block(t.c);
    ir_error err = { 0 };
    cr_assert_neq(ir_atomic_commit_all(files, 3, &err), 0);
    cr_expect(strstr(err.message, "c.txt") != NULL, "%s", err.message);
    cr_expect(strstr(err.message, "no output of this run was put in place"),
              "%s", err.message);
    /* a had a file: it is back; b had none: it is gone again. */
    expect_text(t.a, "old a");
    cr_expect(!th_file_exists(t.b), "b.txt was left in place");
    expect_names(t.dir, "a.txt c.txt");
}

Test(atomic, a_failure_at_the_first_file_replaces_nothing)
{
    scratch t;
    scratch_init(&t);
    cr_assert_eq(th_write_file(t.b, "old b", 5), 0);
    ir_atomic *files[2] = { written(t.a, "new a"), written(t.b, "new b") };
    block(t.a);
    ir_error err = { 0 };
    cr_assert_neq(ir_atomic_commit_all(files, 2, &err), 0);
    cr_expect(strstr(err.message, "a.txt: cannot replace the file") != NULL,
              "%s", err.message);
    expect_text(t.b, "old b");
    expect_names(t.dir, "a.txt b.txt");
}

/* A symbolic link is replaced by the file, as rename does; put back, it
 * is the link again, and what it points to was never written. */
Test(atomic, a_replaced_symbolic_link_comes_back_as_the_link)
{
    scratch t;
    scratch_init(&t);
    char real[4096];
    snprintf(real, sizeof real, "%s", th_path(t.dir, "real.txt"));
    cr_assert_eq(th_write_file(real, "real", 4), 0);
    cr_assert_eq(symlink("real.txt", t.a), 0);
    ir_atomic *files[2] = { written(t.a, "new a"), written(t.b, "new b") };
    block(t.b);
    ir_error err = { 0 };
    cr_assert_neq(ir_atomic_commit_all(files, 2, &err), 0);
    struct stat st;
    cr_assert_eq(lstat(t.a, &st), 0);
    cr_expect(S_ISLNK(st.st_mode), "a.txt is no longer a link");
    expect_text(real, "real");
    expect_names(t.dir, "a.txt b.txt real.txt");
}

/* SIGTERM after the second of three renames: the handler puts the first
 * two targets back as they were (a had a file, b had none) and removes
 * the third's temporary file. */
Test(atomic, a_signal_during_a_group_commit_undoes_it)
{
    scratch t;
    scratch_init(&t);
    cr_assert_eq(th_write_file(t.a, "old a", 5), 0);
    cr_assert_eq(th_write_file(t.c, "old c", 5), 0);
    fflush(NULL);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        ir_atomic *files[3] = { written(t.a, "new a"), written(t.b, "new b"),
                                written(t.c, "new c") };
        ir_error err = { 0 };
        renames_before_signal = 2;
        ir_atomic_commit_all(files, 3, &err);
        _exit(0); /* not reached: the signal ends the child */
    }
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
              "the child was not ended by SIGTERM (status %d)", status);
    expect_text(t.a, "old a");
    cr_expect(!th_file_exists(t.b), "b.txt was left in place");
    expect_text(t.c, "old c");
    expect_names(t.dir, "a.txt c.txt");
}

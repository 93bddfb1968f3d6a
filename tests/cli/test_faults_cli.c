/*
 * Faults: outputs that cannot be written (a full disk, a read-only file
 * system, a folder that is not there, a device), a run ended by a signal
 * mid-render, two runs writing one file at once, a row too long to hold.
 * Each gives a clear error and a non-zero exit, leaves no temporary file,
 * and leaves the previous output as it was.
 */
#include <cairo.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

static const char od[] = "origin,destination,count\nTexas,Tamaulipas,10\n"
                         "Arizona,Sonora,7\n";

/* Files in dir whose name starts with '.', the temporaries' mark. */
static int hidden_files(const char *dir)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "%s", dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
             strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static int map_to(const char *input, const char *output, const char *extra,
                  char **err)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s map -q %s %s -o %s", th_binary(), input,
             extra, output);
    return th_run(cmd, err);
}

Test(faults_cli, a_device_is_written_to_not_replaced)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), od, strlen(od));
    char *err = NULL;
    cr_expect_neq(map_to(th_path(dir, "t.csv"), "/dev/full", "--format png",
                         &err), 0);
    cr_expect(err && strstr(err, "/dev/full: cannot write: No space left on "
                                 "device"), "%s", err);
    free(err);
    struct stat st;
    cr_assert_eq(stat("/dev/full", &st), 0);
    cr_expect(S_ISCHR(st.st_mode), "/dev/full is no longer a device");
    cr_expect_neq(map_to(th_path(dir, "t.csv"), dir, "--format png", &err),
                  0);
    cr_expect(err && strstr(err, "is a folder, not a file"), "%s", err);
    free(err);
}

Test(faults_cli, a_folder_that_is_not_there)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), od, strlen(od));
    char *err = NULL;
    cr_expect_neq(map_to(th_path(dir, "t.csv"), th_path(dir, "no/m.png"), "",
                         &err), 0);
    cr_expect(err && strstr(err, "no/m.png: cannot write: No such file or "
                                 "directory"), "%s", err);
    free(err);
    cr_expect_eq(hidden_files(dir), 0);
}

/* A small tmpfs, full or read-only: root only, where mounts are
 * allowed. */
static bool mount_small(const char *at, const char *options)
{
    if (geteuid() != 0)
        return false;
    mkdir(at, 0755);
    return mount("tmpfs", at, "tmpfs", 0, options) == 0;
}

Test(faults_cli, a_full_or_read_only_disk_leaves_the_old_output)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), od, strlen(od));
    const char *at = th_path(dir, "small");
    if (!mount_small(at, "size=64k"))
        cr_skip_test("cannot mount a tmpfs here");
    const char *out = th_path(at, "m.png");
    th_write_file(out, "old figure", 10);
    char *err = NULL;
    cr_expect_neq(map_to(th_path(dir, "t.csv"), out, "", &err), 0);
    cr_expect(err && strstr(err, "No space left on device"), "%s", err);
    free(err);
    size_t len;
    char *kept = th_read_file(out, &len);
    cr_expect(kept && len == 10 && memcmp(kept, "old figure", 10) == 0);
    free(kept);
    cr_expect_eq(hidden_files(at), 0);
    /* The same, read-only. */
    cr_assert_eq(mount("tmpfs", at, "tmpfs", MS_REMOUNT | MS_RDONLY,
                       "size=64k"), 0);
    cr_expect_neq(map_to(th_path(dir, "t.csv"), out, "", &err), 0);
    cr_expect(err && strstr(err, "Read-only file system"), "%s", err);
    free(err);
    kept = th_read_file(out, &len);
    cr_expect(kept && len == 10 && memcmp(kept, "old figure", 10) == 0);
    free(kept);
    umount(at);
}

/* SIGTERM while a large PNG is being drawn: the old file stays, no
 * temporary is left, and the run ends by the signal. */
Test(faults_cli, a_signal_mid_render_leaves_the_old_output, .timeout = 120)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), od, strlen(od));
    const char *out = th_path(dir, "m.png");
    th_write_file(out, "old figure", 10);
    for (int sig = 0; sig < 2; sig++) {
        pid_t pid = fork();
        cr_assert_neq(pid, -1);
        if (pid == 0) {
            execl(th_binary(), th_binary(), "map", "-q",
                  th_path(dir, "t.csv"), "--width", "20000", "--height",
                  "15000", "--threads", "1", "-o", out, (char *)NULL);
            _exit(127);
        }
        struct timespec pause = { 0, 700 * 1000 * 1000 };
        nanosleep(&pause, NULL);
        kill(pid, sig == 0 ? SIGTERM : SIGINT);
        int status;
        waitpid(pid, &status, 0);
        if (WIFEXITED(status))
            cr_skip_test("the run ended before the signal (status %d)",
                         WEXITSTATUS(status));
        cr_expect(WIFSIGNALED(status), "status %d", status);
        size_t len;
        char *kept = th_read_file(out, &len);
        cr_expect(kept && len == 10 && memcmp(kept, "old figure", 10) == 0,
                  "the old output was touched");
        free(kept);
        cr_expect_eq(hidden_files(dir), 0, "a temporary file was left");
    }
}

/* Two runs writing one file at once: it is a whole PNG from one. */
Test(faults_cli, two_runs_at_once_leave_one_whole_file, .timeout = 120)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), od, strlen(od));
    const char *out = th_path(dir, "m.png");
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s map -q %s -o %s & %s map -q %s --title B "
             "-o %s & wait", th_binary(), th_path(dir, "t.csv"), out,
             th_binary(), th_path(dir, "t.csv"), out);
    cr_assert_eq(th_run(cmd, NULL), 0);
    cairo_surface_t *s = cairo_image_surface_create_from_png(out);
    cr_expect_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cr_expect_eq(cairo_image_surface_get_width(s), 1600);
    cairo_surface_destroy(s);
    cr_expect_eq(hidden_files(dir), 0);
}

/* A row longer than any table has (a quote never closed, a file that is
 * no CSV) is refused before it is held in memory. */
Test(faults_cli, a_row_too_long_to_hold_is_refused)
{
    const char *dir = th_tmpdir();
    const char *path = th_path(dir, "t.csv");
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("origin,destination,count\nTexas,Tamaulipas,1\n\"", fp);
    for (int i = 0; i < 6 * 1024; i++) {
        static char line[1024];
        memset(line, 'x', sizeof line - 1);
        line[sizeof line - 2] = '\n';
        fputs(line, fp);
    }
    fclose(fp);
    char *err = NULL;
    cr_expect_neq(map_to(path, th_path(dir, "m.png"), "", &err), 0);
    cr_expect(err && strstr(err, "line 3: the row is longer than 4 MB"),
              "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "m.png")));
}

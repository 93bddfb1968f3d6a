/*
 * atomic: temporary file, fsync, rename.  See atomic.h.
 *
 * Temporary files are created with open(O_EXCL, 0666) rather than mkstemp
 * so that they get the mode any new file would (mkstemp's 0600 would need
 * a process-wide umask change to undo).  Live temporary paths are kept in
 * a small table that a signal handler can walk: unlink is
 * async-signal-safe, and the table only ever holds fully built strings.
 */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_LIVE 32

struct ir_atomic {
    char *path;
    char *tmp_path;
    FILE *fp;
    bool closed;
    int slot;            /* index in live[], or -1 */
};

static char *volatile live[MAX_LIVE];
static bool handlers_installed;

static void remove_live_files(int sig)
{
    for (int i = 0; i < MAX_LIVE; i++)
        if (live[i] != NULL)
            unlink(live[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_handlers(void)
{
    if (handlers_installed)
        return;
    handlers_installed = true;
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old, sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = remove_live_files;
        sigemptyset(&sa.sa_mask);
        /* Respect a signal the caller chose to ignore (nohup). */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
}

static int track(char *path)
{
    for (int i = 0; i < MAX_LIVE; i++)
        if (live[i] == NULL) {
            live[i] = path;
            return i;
        }
    return -1;
}

static void untrack(ir_atomic *f)
{
    if (f->slot >= 0)
        live[f->slot] = NULL;
    f->slot = -1;
}

/* Opens ".NAME.XXXXXX" beside NAME: hidden, and on the same file system. */
static int create_temporary(ir_atomic *f)
{
    const char *slash = strrchr(f->path, '/');
    int dirlen = slash ? (int)(slash - f->path + 1) : 0;
    size_t n = strlen(f->path) + 24;
    if ((f->tmp_path = malloc(n)) == NULL)
        return -1;
    static unsigned counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned long r = (unsigned long)ts.tv_nsec ^
                          ((unsigned long)getpid() << 16) ^
                          (counter++ * 2654435761u);
        snprintf(f->tmp_path, n, "%.*s.%s.%06lx", dirlen, f->path,
                 f->path + dirlen, r & 0xffffff);
        int fd = open(f->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                      0666);
        if (fd >= 0)
            return fd;
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

ir_atomic *ir_atomic_open(const char *path, ir_error *err)
{
    if (path[0] == '\0') {
        ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                     "an output has an empty file name");
        return NULL;
    }
    ir_atomic *f = calloc(1, sizeof *f);
    if (f == NULL || (f->path = strdup(path)) == NULL) {
        free(f);
        ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        return NULL;
    }
    f->slot = -1;
    install_handlers();
    int fd = create_temporary(f);
    if (fd < 0) {
        ir_error_set(err, IR_EOUTPUT, path, -1, NULL, "cannot write: %s",
                     strerror(errno));
        free(f->tmp_path);
        f->tmp_path = NULL;
        ir_atomic_abort(f);
        return NULL;
    }
    f->slot = track(f->tmp_path);
    if ((f->fp = fdopen(fd, "wb")) == NULL) {
        ir_error_set(err, IR_EOUTPUT, path, -1, NULL, "cannot write: %s",
                     strerror(errno));
        close(fd);
        ir_atomic_abort(f);
        return NULL;
    }
    return f;
}

FILE *ir_atomic_stream(ir_atomic *f)
{
    return f->fp;
}

int ir_atomic_close(ir_atomic *f, ir_error *err)
{
    if (f->closed)
        return 0;
    f->closed = true;
    errno = 0;
    int failed = fflush(f->fp) != 0 || ferror(f->fp) ||
                 fsync(fileno(f->fp)) != 0;
    int saved = errno;
    failed |= fclose(f->fp) != 0;
    if (!saved)
        saved = errno;
    f->fp = NULL;
    if (failed)
        return ir_error_set(err, IR_EOUTPUT, f->path, -1, NULL,
                            "cannot write: %s",
                            saved ? strerror(saved) : "write error");
    return 0;
}

int ir_atomic_commit(ir_atomic *f, ir_error *err)
{
    int rc = ir_atomic_close(f, err);
    if (rc == 0) {
        if (rename(f->tmp_path, f->path) != 0) {
            rc = ir_error_set(err, IR_EOUTPUT, f->path, -1, NULL,
                              "cannot replace the file: %s", strerror(errno));
        } else {
            untrack(f);
            f->tmp_path[0] = '\0'; /* renamed: nothing left to remove */
        }
    }
    ir_atomic_abort(f);
    return rc;
}

void ir_atomic_abort(ir_atomic *f)
{
    if (f == NULL)
        return;
    untrack(f);
    if (f->fp)
        fclose(f->fp);
    if (f->tmp_path && f->tmp_path[0])
        unlink(f->tmp_path);
    free(f->tmp_path);
    free(f->path);
    free(f);
}

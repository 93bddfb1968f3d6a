/*
 * atomic: temporary file, fsync, rename.  See atomic.h.
 *
 * Temporary files are created with open(O_EXCL, 0666) rather than mkstemp
 * so that they get the mode any new file would (mkstemp's 0600 would need
 * a process-wide umask change to undo).  Live temporary paths are kept in
 * a small table that a signal handler can walk: unlink is
 * async-signal-safe, and the table only ever holds fully built strings.
 *
 * A group commit keeps each replaced target under a second hidden name, a
 * hard link, until every rename has succeeded; a link, not a copy, so that
 * keeping it costs nothing and putting it back is one rename.
 */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A map run's outputs (IR_MAP_MAX_FILES + 2, 36) and, while they are
 * put in place, the old file kept or the new file placed for each. */
#define MAX_LIVE IR_ATOMIC_MAX_LIVE

struct ir_atomic {
    char *path;
    char *tmp_path;
    FILE *fp;
    bool closed;
    int slot;            /* index in live[], or -1 */
    /* During a group commit: the target as it was, kept under old_path
     * (NULL if there was no target, or it could not be kept). */
    bool had_target;
    char *old_path;
    int old_slot;
    bool old_kept;       /* could not be put back: left for the user */
    int placed_slot;     /* a new target placed by the commit, or -1 */
    bool direct;         /* the target is no regular file (a device, a
                            pipe): written as it is, nothing renamed */
};

static char *volatile live[MAX_LIVE];
/* For an old file kept in live[i]: its target, which it goes back over
 * on a signal instead of being removed. */
static char *volatile restore[MAX_LIVE];
static bool handlers_installed;

/* Interrupted, the run leaves what was there before it: temporary files
 * and new targets go, kept old files go back over their targets.  When a
 * target still is the kept file, rename does nothing and the unlink
 * removes the second name. */
static void remove_live_files(int sig)
{
    for (int i = 0; i < MAX_LIVE; i++) {
        char *path = live[i];
        if (path == NULL)
            continue;
        if (restore[i] != NULL)
            rename(path, restore[i]);
        unlink(path);
    }
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

/* The handler reads restore[i] only while live[i] is set, so restore
 * is set first here and cleared last in untrack_slot. */
static int track_as(char *path, char *restore_to)
{
    for (int i = 0; i < MAX_LIVE; i++)
        if (live[i] == NULL) {
            restore[i] = restore_to;
            live[i] = path;
            return i;
        }
    return -1;
}

static int track(char *path)
{
    return track_as(path, NULL);
}

static void untrack_slot(int *slot)
{
    if (*slot >= 0) {
        live[*slot] = NULL;
        restore[*slot] = NULL;
    }
    *slot = -1;
}

static void untrack(ir_atomic *f)
{
    untrack_slot(&f->slot);
}

/* ".NAME.XXXXXX" beside NAME, or ".NAME.old.XXXXXX" with tag "old.":
 * hidden, and on the same file system.  Each call gives another XXXXXX. */
static void hidden_name(char *buf, size_t cap, const char *path,
                        const char *tag)
{
    static unsigned counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned long r = (unsigned long)ts.tv_nsec ^
                      ((unsigned long)getpid() << 16) ^
                      (counter++ * 2654435761u);
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    snprintf(buf, cap, "%.*s.%s.%s%06lx", dirlen, path, path + dirlen, tag,
             r & 0xffffff);
}

static int create_temporary(ir_atomic *f)
{
    size_t n = strlen(f->path) + 24;
    if ((f->tmp_path = malloc(n)) == NULL)
        return -1;
    for (int attempt = 0; attempt < 100; attempt++) {
        hidden_name(f->tmp_path, n, f->path, "");
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
    f->slot = f->old_slot = f->placed_slot = -1;
    install_handlers();
    /* A temporary renamed over /dev/stdout or /dev/full would put a file
     * where the device was: such targets are written to as they are. */
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        ir_error_set(err, IR_EOUTPUT, path, -1, NULL,
                     "is a folder, not a file");
        ir_atomic_abort(f);
        return NULL;
    }
    f->direct = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
    int fd = f->direct ? open(path, O_WRONLY | O_CLOEXEC)
                       : create_temporary(f);
    if (fd < 0) {
        ir_error_set(err, IR_EOUTPUT, path, -1, NULL, "cannot write: %s",
                     strerror(errno));
        free(f->tmp_path);
        f->tmp_path = NULL;
        ir_atomic_abort(f);
        return NULL;
    }
    if (!f->direct)
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
    /* A device or pipe may not sync; its writes are checked all the
     * same. */
    int failed = fflush(f->fp) != 0 || ferror(f->fp) ||
                 (!f->direct && fsync(fileno(f->fp)) != 0);
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
    if (rc == 0 && !f->direct) {
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

/* Links the target, if there is one, to a hidden second name, which a
 * signal puts back.  When the file system has no hard links (FAT, some
 * network shares) old_path stays NULL and the commit goes on: that
 * target just cannot come back.  linkat without AT_SYMLINK_FOLLOW keeps
 * a link to a symbolic link itself. */
static void keep_old(ir_atomic *f)
{
    struct stat st;
    if (f->direct || lstat(f->path, &st) != 0)
        return;
    f->had_target = true;
    size_t n = strlen(f->path) + 28;
    if ((f->old_path = malloc(n)) == NULL)
        return;
    for (int attempt = 0; attempt < 100; attempt++) {
        hidden_name(f->old_path, n, f->path, "old.");
        if (linkat(AT_FDCWD, f->path, AT_FDCWD, f->old_path, 0) == 0) {
            f->old_slot = track_as(f->old_path, f->path);
            return;
        }
        if (errno != EEXIST)
            break;
    }
    free(f->old_path);
    f->old_path = NULL;
}

/* Undoes a rename of a group commit; false if the old target cannot
 * come back (then its kept copy, if any, is left beside it). */
static bool put_back(ir_atomic *f)
{
    if (f->direct)
        return false;   /* what went to a device cannot come back */
    untrack_slot(&f->placed_slot);
    if (!f->had_target)
        return unlink(f->path) == 0 || errno == ENOENT;
    untrack_slot(&f->old_slot);
    if (f->old_path == NULL)
        return false;
    if (rename(f->old_path, f->path) != 0) {
        f->old_kept = true;
        return false;
    }
    f->old_path[0] = '\0';
    return true;
}

int ir_atomic_commit_all(ir_atomic **files, int n, ir_error *err)
{
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++)
        rc = ir_atomic_close(files[i], err);
    /* Every old target is kept before the first is replaced. */
    for (int i = 0; i < n && rc == 0; i++)
        keep_old(files[i]);
    int placed = 0;
    for (; rc == 0 && placed < n; placed++) {
        ir_atomic *f = files[placed];
        if (f->direct)
            continue;   /* written where it goes already */
        /* Tracked before the rename: a signal right after it must see
         * the new target (an unlink before it finds nothing). */
        if (!f->had_target)
            f->placed_slot = track(f->path);
        if (rename(f->tmp_path, f->path) != 0) {
            int e = errno;
            untrack_slot(&f->placed_slot);
            bool restored = true;
            for (int i = placed - 1; i >= 0; i--)
                restored &= put_back(files[i]);
            rc = ir_error_set(err, IR_EOUTPUT, f->path, -1, NULL,
                              "cannot replace the file: %s%s", strerror(e),
                              placed == 0 ? ""
                              : restored ? "; no output of this run was put in place"
                                         : "; some outputs of this run were "
                                           "replaced and could not be put back "
                                           "(any old file kept is beside its "
                                           "target as .NAME.old.*)");
            break;
        }
        untrack(f);
        f->tmp_path[0] = '\0';
    }
    /* Done (or undone): nothing is for a signal to undo any more. */
    for (int i = 0; i < n; i++) {
        untrack_slot(&files[i]->placed_slot);
        untrack_slot(&files[i]->old_slot);
    }
    for (int i = 0; i < n; i++)
        ir_atomic_abort(files[i]);
    return rc;
}

void ir_atomic_abort(ir_atomic *f)
{
    if (f == NULL)
        return;
    untrack(f);
    untrack_slot(&f->old_slot);
    untrack_slot(&f->placed_slot);
    if (f->fp)
        fclose(f->fp);
    if (f->tmp_path && f->tmp_path[0])
        unlink(f->tmp_path);
    /* The old target, kept during a group commit and not needed now. */
    if (f->old_path && f->old_path[0] && !f->old_kept)
        unlink(f->old_path);
    free(f->old_path);
    free(f->tmp_path);
    free(f->path);
    free(f);
}

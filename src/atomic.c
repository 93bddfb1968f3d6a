/*
 * atomic: temporary file + rename.  See atomic.h.
 */
#include "atomic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct ir_atomic {
    char *path;
    char *tmp_path;
    FILE *fp;
};

ir_atomic *ir_atomic_open(const char *path, ir_error *err)
{
    ir_atomic *f = calloc(1, sizeof *f);
    size_t n = strlen(path) + 16;
    if (f == NULL || (f->path = strdup(path)) == NULL ||
        (f->tmp_path = malloc(n)) == NULL) {
        ir_atomic_abort(f);
        ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        return NULL;
    }
    /* ".NAME.XXXXXX" beside NAME: hidden, and on the same file system. */
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    snprintf(f->tmp_path, n, "%.*s.%s.XXXXXX", dirlen, path, path + dirlen);
    int fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        ir_error_set(err, IR_EOUTPUT, path, -1, NULL, "cannot write: %s",
                     strerror(errno));
        f->tmp_path[0] = '\0';
        ir_atomic_abort(f);
        return NULL;
    }
    /* mkstemp makes the file 0600; give it the mode a new file would get. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || (f->fp = fdopen(fd, "wb")) == NULL) {
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

int ir_atomic_commit(ir_atomic *f, ir_error *err)
{
    int failed = fflush(f->fp) != 0 || ferror(f->fp);
    int saved = errno;
    failed |= fclose(f->fp) != 0;
    f->fp = NULL;
    int rc = 0;
    if (failed)
        rc = ir_error_set(err, IR_EOUTPUT, f->path, -1, NULL,
                          "cannot write: %s", strerror(saved ? saved : errno));
    else if (rename(f->tmp_path, f->path) != 0)
        rc = ir_error_set(err, IR_EOUTPUT, f->path, -1, NULL,
                          "cannot move %s into place: %s", f->tmp_path,
                          strerror(errno));
    else
        f->tmp_path[0] = '\0'; /* renamed: nothing left to remove */
    ir_atomic_abort(f);
    return rc;
}

void ir_atomic_abort(ir_atomic *f)
{
    if (f == NULL)
        return;
    if (f->fp)
        fclose(f->fp);
    if (f->tmp_path && f->tmp_path[0])
        unlink(f->tmp_path);
    free(f->tmp_path);
    free(f->path);
    free(f);
}

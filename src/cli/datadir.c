/*
 * datadir: locating the data files that ship with ironriver.  See datadir.h.
 */
#include "datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int ir_datadir_path(const char *relative, char *buf, size_t cap)
{
    const char *env = getenv("IRONRIVER_DATA");
    if (env != NULL && *env != '\0') {
        snprintf(buf, cap, "%s/%s", env, relative);
        return exists(buf) ? 0 : -1;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL)
            *slash = '\0';
        snprintf(buf, cap, "%s/%s", exe, relative);
        if (exists(buf))
            return 0;
        snprintf(buf, cap, "%s/../share/ironriver/%s", exe, relative);
        if (exists(buf))
            return 0;
    }
    snprintf(buf, cap, "%s", relative);
    return exists(buf) ? 0 : -1;
}

int ir_datadir_require(const char *relative, char *buf, size_t cap,
                       ir_error *err)
{
    if (ir_datadir_path(relative, buf, cap) == 0)
        return 0;
    return ir_error_set(err, IR_EINPUT, relative, -1, NULL,
                        "shipped data file not found (set IRONRIVER_DATA to "
                        "the folder holding shapes/ and data/)");
}

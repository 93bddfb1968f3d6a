/*
 * fuzz: see fuzz.h.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

static char dir[64];

/* The scratch folder goes when the process exits, files and all. */
static void remove_dir(void)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    char path[256];
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    closedir(d);
    rmdir(dir);
}

const char *fuzz_path(const char *name)
{
    static char path[4][256];
    static int next;
    if (dir[0] == '\0') {
        /* Memory, not disk, when the machine has it: every execution
         * writes its files. */
        const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(dir, sizeof dir, "%s/ironriver-fuzz-XXXXXX", tmp);
        if (mkdtemp(dir) == NULL)
            abort();
        atexit(remove_dir);
    }
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/%s", dir, name);
    return p;
}

const char *fuzz_write(const char *name, const uint8_t *data, size_t n)
{
    const char *path = fuzz_path(name);
    FILE *fp = fopen(path, "wb");
    if (fp == NULL)
        abort();
    if (n && fwrite(data, 1, n, fp) != n)
        abort();
    fclose(fp);
    return path;
}

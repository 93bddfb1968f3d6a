/*
 * fuzz: see fuzz.h.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *fuzz_path(const char *name)
{
    static char dir[64];
    static char path[4][256];
    static int next;
    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/ironriver-fuzz-XXXXXX");
        if (mkdtemp(dir) == NULL)
            abort();
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

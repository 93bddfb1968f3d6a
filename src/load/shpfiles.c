/*
 * shpfiles: the files of a shapefile.  See shpfiles.h.
 */
#include "shpfiles.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Copies that travel through other systems come as "Foo.SHP" or
 * "Foo.Shp": the extension is matched in any case.  Returns a new string
 * naming the file that exists, or NULL. */
static char *find_any_case(const char *path)
{
    char *p = strdup(path);
    if (p == NULL || file_exists(p))
        return p;
    char *slash = strrchr(p, '/');
    char *name = slash ? slash + 1 : p;
    char *dot = strrchr(name, '.');
    if (dot == NULL) {
        free(p);
        return NULL;
    }
    size_t stem = (size_t)(dot - name);
    if (slash)
        *slash = '\0';
    DIR *d = opendir(slash ? (p[0] ? p : "/") : ".");
    if (slash)
        *slash = '/';
    bool found = false;
    for (struct dirent *e; d && !found && (e = readdir(d)) != NULL;)
        if (strncmp(e->d_name, name, stem) == 0 && e->d_name[stem] == '.' &&
            strcasecmp(e->d_name + stem + 1, dot + 1) == 0 &&
            strlen(e->d_name) == strlen(name)) {
            memcpy(name, e->d_name, strlen(name));
            found = file_exists(p);
        }
    if (d)
        closedir(d);
    if (!found) {
        free(p);
        return NULL;
    }
    return p;
}

char *ir_shp_sibling(const char *base, const char *ext)
{
    size_t n = strlen(base) + strlen(ext) + 2;
    char *p = malloc(n);
    if (p == NULL)
        return NULL;
    snprintf(p, n, "%s.%s", base, ext);
    char *found = find_any_case(p);
    free(p);
    return found;
}

/* shapelib's file-open hook, so that shapelib too finds "Foo.Shx". */
SAFile ir_shp_open_any_case(const char *filename, const char *access)
{
    FILE *fp = fopen(filename, access);
    if (fp == NULL && errno == ENOENT) {
        char *real = find_any_case(filename);
        if (real != NULL)
            fp = fopen(real, access);
        free(real);
    }
    return (SAFile)fp;
}


/* Compares the .shp header's file length with the file on disk, so that a
 * truncated file is reported as such rather than as a bad record. */
int ir_shp_check_length(const char *shp_path, ir_error *err)
{
    unsigned char h[28];
    struct stat st;
    FILE *fp = fopen(shp_path, "rb");
    if (fp == NULL)
        return ir_error_set(err, IR_EINPUT, shp_path, -1, NULL,
                            "cannot open: %s", strerror(errno));
    size_t n = fread(h, 1, sizeof h, fp);
    int ok = fstat(fileno(fp), &st) == 0;
    fclose(fp);
    if (n < sizeof h || !ok)
        return ir_error_set(err, IR_EINPUT, shp_path, -1, NULL,
                            "too short to be a shapefile (%zu bytes)", n);
    unsigned long words = (unsigned long)h[24] << 24 | h[25] << 16 |
                          h[26] << 8 | h[27];
    if (h[0] != 0 || h[1] != 0 || h[2] != 0x27 || h[3] != 0x0a)
        return ir_error_set(err, IR_EINPUT, shp_path, -1, NULL,
                            "not a shapefile (bad file code)");
    if ((unsigned long long)st.st_size < 2ULL * words)
        return ir_error_set(err, IR_EINPUT, shp_path, -1, NULL,
                            "truncated: the header says %llu bytes, the file "
                            "has %lld",
                            2ULL * words, (long long)st.st_size);
    return 0;
}

/* The DBF header promises header + records x record length bytes. */
int ir_shp_check_dbf_length(DBFHandle dbf, const char *path, ir_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot stat: %s",
                            strerror(errno));
    unsigned long long need = (unsigned long long)dbf->nHeaderLength +
                              (unsigned long long)dbf->nRecords *
                                  (unsigned long long)dbf->nRecordLength;
    if ((unsigned long long)st.st_size < need)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL,
                            "truncated: the header says %d records of %d "
                            "bytes (%llu bytes), the file has %lld",
                            dbf->nRecords, dbf->nRecordLength, need,
                            (long long)st.st_size);
    return 0;
}

char *ir_shp_base_name(const char *path)
{
    char *base = strdup(path);
    if (base == NULL)
        return NULL;
    size_t n = strlen(base);
    if (n > 4 && strcasecmp(base + n - 4, ".shp") == 0)
        base[n - 4] = '\0';
    return base;
}

/*
 * mapout: the files of one map run.  See mapout.h.
 */
#include "mapout.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* While a run's outputs are put in place, each has two names tracked. */
_Static_assert(2 * (IR_MAP_MAX_FILES + 2) <= IR_ATOMIC_MAX_LIVE,
               "the signal handler tracks every output of a map run");

void ir_map_outputs_abort(ir_map_outputs *o)
{
    for (int i = 0; i < o->ncanvas; i++)
        ir_canvas_destroy(o->canvas[i]);
    for (int i = 0; i < o->nfile; i++)
        ir_atomic_abort(o->file[i]);
    o->ncanvas = o->nfile = 0;
}

int ir_map_outputs_commit(ir_map_outputs *o, ir_error *err)
{
    int rc = ir_canvas_commit_all(o->canvas, o->ncanvas, o->file, o->nfile,
                                  err);
    o->ncanvas = o->nfile = 0;
    return rc;
}

void ir_map_with_suffix(const char *path, const char *suffix, char *buf,
                        size_t cap)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (dot == NULL || (slash && dot < slash))
        dot = path + strlen(path);
    snprintf(buf, cap, "%.*s%s%s", (int)(dot - path), path, suffix, dot);
}

/* Two outputs with one name would overwrite each other, and a folder
 * cannot be replaced by a file. */
int ir_map_check_targets(const map_settings *s, const figure_size *sizes,
                         int nsizes, ir_error *err)
{
    char paths[IR_MAP_MAX_FILES][PATH_MAX];
    int n = 0;
    for (int k = 0; k < nsizes; k++)
        for (int i = 0; i < s->outputs.n; i++) {
            char suffix[32] = "";
            if (nsizes > 1)
                snprintf(suffix, sizeof suffix, "-%dx%d", sizes[k].width,
                         sizes[k].height);
            ir_map_with_suffix(s->outputs.item[i], suffix, paths[n++], PATH_MAX);
        }
    if (s->flows_csv)
        snprintf(paths[n++], PATH_MAX, "%s", s->flows_csv);
    if (s->alt_text)
        snprintf(paths[n++], PATH_MAX, "%s", s->alt_text);
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
            return ir_error_set(err, IR_EOUTPUT, paths[i], -1, NULL,
                                "is a folder, not a file");
        for (int j = i + 1; j < n; j++)
            if (strcmp(paths[i], paths[j]) == 0)
                return ir_error_set(err, IR_EUSAGE, paths[i], -1, NULL,
                                    "named for two outputs");
    }
    return 0;
}


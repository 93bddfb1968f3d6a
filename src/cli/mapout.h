/*
 * mapout: the files of one map run, written under temporary names and put
 * in place together at the end, so that a run delivers all of them or
 * none; and the check, before anything is drawn, that no two of them
 * share a name and none is a folder.
 */
#ifndef IR_MAPOUT_H
#define IR_MAPOUT_H

#include <stddef.h>

#include "base/atomic.h"
#include "base/diag.h"
#include "render/canvas.h"
#include "mapspec.h"
#include "options.h"

#define IR_MAP_MAX_FILES (2 * IR_OPTIONS_MAX_LIST + 2)

typedef struct ir_map_outputs {
    ir_canvas *canvas[IR_MAP_MAX_FILES];
    int ncanvas;
    ir_atomic *file[2 + 12]; /* the flows CSVs (one a panel) and the alt
                                text */
    int nfile;
} ir_map_outputs;

/* Puts every file in place, or none: a write error puts none in place,
 * and a failed rename puts back the files already replaced (see
 * ir_atomic_commit_all).  The outputs are empty afterwards. */
int ir_map_outputs_commit(ir_map_outputs *o, ir_error *err);
/* Discards every file not yet committed. */
void ir_map_outputs_abort(ir_map_outputs *o);

/* "out/fig.png" with "-1200x675" -> "out/fig-1200x675.png" */
void ir_map_with_suffix(const char *path, const char *suffix, char *buf,
                        size_t cap);

/* Every file the settings name for these sizes: none a folder, no two
 * the same. */
int ir_map_check_targets(const map_settings *s, const figure_size *sizes,
                         int nsizes, ir_error *err);

#endif

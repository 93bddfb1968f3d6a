/*
 * shpfiles: the files of a shapefile (load stage, for layer.c): its .shx,
 * .dbf, .prj and .cpg beside the .shp whatever their case ("Foo.SHP" from
 * other systems), and the lengths their headers promise, so that a
 * truncated file is said to be one rather than read as a bad record.
 */
#ifndef IR_SHPFILES_H
#define IR_SHPFILES_H

#include <shapefil.h>

#include "base/diag.h"

/* path without a ".shp" ending, to be freed. */
char *ir_shp_base_name(const char *path);

/* base.ext, or the same name in another case, if it exists (to be
 * freed); NULL when there is none. */
char *ir_shp_sibling(const char *base, const char *ext);

/* shapelib's file-open hook, so that shapelib too finds "Foo.Shx". */
SAFile ir_shp_open_any_case(const char *filename, const char *access);

/* The .shp header's code and length against the file on disk. */
int ir_shp_check_length(const char *shp_path, ir_error *err);

/* The DBF header's promise of header + records x record length bytes. */
int ir_shp_check_dbf_length(DBFHandle dbf, const char *path, ir_error *err);

#endif

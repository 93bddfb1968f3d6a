/*
 * columns: the header of a trace CSV and which column plays which role.
 *
 * Reads the first row of the file (after a UTF-8 byte-order mark), picks
 * the delimiter when not given (the most frequent of ',', ';' and tab on
 * the first line, outside quotes), and resolves the origin, destination,
 * weight and year columns: from the user's spec (a header name in any case,
 * or a 1-based index), or by matching the folded header against common
 * English and Spanish names.
 */
#ifndef IR_COLUMNS_H
#define IR_COLUMNS_H

#include <stdbool.h>
#include <sys/types.h>

#include "base/diag.h"

/* The coordinate roles come only from the user's spec, never from a
 * header name: a side given by coordinates has no name column. */
enum ir_role { IR_ROLE_ORIGIN, IR_ROLE_DESTINATION, IR_ROLE_WEIGHT,
               IR_ROLE_YEAR, IR_ROLE_ORIGIN_LON, IR_ROLE_ORIGIN_LAT,
               IR_ROLE_DEST_LON, IR_ROLE_DEST_LAT, IR_NROLES };

typedef struct ir_columns {
    unsigned char delimiter;
    int ncolumns;
    char **names;            /* header fields, UTF-8 */
    int nnames;              /* names[0..nnames) may be set */
    off_t data_start;        /* byte offset of the first data row */
    long data_line;          /* its line number */
    int role[IR_NROLES];     /* 0-based column, or -1 */
    bool detected[IR_NROLES];/* found by name rather than given */
} ir_columns;

/* Reads the header of fd.  delimiter 0 detects it. */
int ir_columns_read(ir_columns *cols, int fd, const char *path,
                    unsigned char delimiter, ir_error *err);

/* Resolves a column spec to a 0-based index; -1 with err set if none. */
int ir_columns_find(const ir_columns *cols, const char *spec,
                    const char *path, const char *option, ir_error *err);

/* Fills role[] from the specs (NULL entries detected); each side needs a
 * name column or both its coordinate columns (or all three: a place's
 * name and its position). */
int ir_columns_assign(ir_columns *cols, const char *const specs[IR_NROLES],
                      const char *path, ir_error *err);

void ir_columns_free(ir_columns *cols);

#endif

/*
 * textenc: turns text in a named legacy encoding into UTF-8.
 *
 * Shapefile DBFs name their encoding in a .cpg file (or not at all) and
 * trace CSVs come in UTF-8, latin1 or cp1252; everything inside ironriver is
 * UTF-8.  The conversion is glibc's iconv, so any code page iconv knows is
 * accepted; the spellings that .cpg files use ("1252", "88591", "UTF8",
 * "ANSI 1252", "65001") are mapped to iconv's names first.
 */
#ifndef IR_TEXTENC_H
#define IR_TEXTENC_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ir_textenc ir_textenc;

/* The encoding called name ("UTF-8", "latin1", "1252", "ANSI 1251",
 * "8859_5" ...).  Returns NULL if iconv does not know it. */
ir_textenc *ir_textenc_create(const char *name);

/* For text of unknown encoding: valid UTF-8 is kept as it is, anything
 * else is read in the fallback code page (valid multi-byte UTF-8 almost
 * never occurs by accident in single-byte text). */
ir_textenc *ir_textenc_create_auto(const char *fallback);
void ir_textenc_destroy(ir_textenc *enc);

/* The name in use ("UTF-8", "CP1252", "UTF-8 or CP1252" ...). */
const char *ir_textenc_name(const ir_textenc *enc);

/* Converts len bytes into a new NUL-terminated UTF-8 string (caller frees).
 * Returns NULL when the bytes are not valid in the encoding (invalid UTF-8
 * for "UTF-8"), or when memory runs out. */
char *ir_textenc_decode(ir_textenc *enc, const char *in, size_t len);

bool ir_textenc_utf8_valid(const char *s, size_t len);

#endif

/*
 * strmap: a hash map from byte strings to 64-bit integers.
 *
 * Trace files repeat the same few hundred spellings of state names millions
 * of times; the aggregator resolves each spelling once and keeps the answer
 * here.  Open addressing with linear probing, FNV-1a hashing, keys copied
 * into the map.  Grows by doubling at 50% load.
 */
#ifndef IR_STRMAP_H
#define IR_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ir_strmap ir_strmap;

ir_strmap *ir_strmap_create(void);
void ir_strmap_destroy(ir_strmap *map);

/* The value stored under key, in *value; false if absent. */
bool ir_strmap_get(const ir_strmap *map, const char *key, size_t len,
                   int64_t *value);

/* Stores value under key (replacing); returns a pointer to the stored
 * value, or NULL when memory runs out. */
int64_t *ir_strmap_put(ir_strmap *map, const char *key, size_t len,
                       int64_t value);

size_t ir_strmap_count(const ir_strmap *map);

/* Iteration: *pos starts at 0; returns false at the end. */
bool ir_strmap_next(const ir_strmap *map, size_t *pos, const char **key,
                    size_t *len, int64_t *value);

#endif

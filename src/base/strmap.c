/*
 * strmap: open-addressing string map.  See strmap.h.
 */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

typedef struct slot {
    char *key;       /* NULL: empty */
    size_t len;
    uint64_t hash;
    int64_t value;
} slot;

struct ir_strmap {
    slot *slots;
    size_t cap;      /* a power of two */
    size_t count;
};

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

ir_strmap *ir_strmap_create(void)
{
    ir_strmap *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->cap = 64;
    m->slots = calloc(m->cap, sizeof *m->slots);
    if (m->slots == NULL) {
        free(m);
        return NULL;
    }
    return m;
}

void ir_strmap_destroy(ir_strmap *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    free(m);
}

static slot *find(const ir_strmap *m, const char *key, size_t len,
                  uint64_t h)
{
    size_t i = (size_t)h & (m->cap - 1);
    for (;;) {
        slot *s = &m->slots[i];
        if (s->key == NULL ||
            (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
        i = (i + 1) & (m->cap - 1);
    }
}

bool ir_strmap_get(const ir_strmap *m, const char *key, size_t len,
                   int64_t *value)
{
    const slot *s = find(m, key, len, fnv1a(key, len));
    if (s->key == NULL)
        return false;
    *value = s->value;
    return true;
}

static int grow(ir_strmap *m)
{
    size_t cap = 2 * m->cap;
    slot *old = m->slots, *slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return -1;
    size_t old_cap = m->cap;
    m->slots = slots;
    m->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key != NULL)
            *find(m, old[i].key, old[i].len, old[i].hash) = old[i];
    free(old);
    return 0;
}

int64_t *ir_strmap_put(ir_strmap *m, const char *key, size_t len,
                       int64_t value)
{
    uint64_t h = fnv1a(key, len);
    slot *s = find(m, key, len, h);
    if (s->key == NULL) {
        if (2 * (m->count + 1) > m->cap) {
            if (grow(m) != 0)
                return NULL;
            s = find(m, key, len, h);
        }
        s->key = malloc(len + 1);
        if (s->key == NULL)
            return NULL;
        memcpy(s->key, key, len);
        s->key[len] = '\0';
        s->len = len;
        s->hash = h;
        m->count++;
    }
    s->value = value;
    return &s->value;
}

size_t ir_strmap_count(const ir_strmap *m)
{
    return m->count;
}

bool ir_strmap_next(const ir_strmap *m, size_t *pos, const char **key,
                    size_t *len, int64_t *value)
{
    for (; *pos < m->cap; (*pos)++) {
        const slot *s = &m->slots[*pos];
        if (s->key != NULL) {
            *key = s->key;
            *len = s->len;
            *value = s->value;
            (*pos)++;
            return true;
        }
    }
    return false;
}

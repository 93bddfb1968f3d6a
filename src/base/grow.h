/*
 * grow: the one array-growing helper.  Doubling keeps appends amortised
 * O(1); callers keep (pointer, capacity) pairs and ask for room first.
 */
#ifndef IR_GROW_H
#define IR_GROW_H

#include <stdlib.h>

/* Makes room for `need` elements of `size` bytes in *array (capacity
 * *cap); returns 0, or -1 with the array untouched when memory runs out
 * or the size would overflow. */
static inline int ir_grow(void **array, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 256;
    while (n < need)
        n *= 2;
    if (n > (size_t)-1 / size)
        return -1;
    void *p = realloc(*array, n * size);
    if (p == NULL)
        return -1;
    *array = p;
    *cap = n;
    return 0;
}

#endif

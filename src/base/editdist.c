/*
 * editdist: see editdist.h.
 */
#include "editdist.h"

#include <string.h>

#define MAX_NAME 127

int ir_edit_distance(const char *a, const char *b, int limit)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > MAX_NAME || m > MAX_NAME)
        return limit;
    if ((int)(n > m ? n - m : m - n) >= limit)
        return limit;   /* the lengths' difference is a floor */
    /* Three rows, i - 2 to i: a swap looks two rows back.  (A full
     * table would be 64 KB of stack for every name compared.) */
    int row[3][MAX_NAME + 1];
    for (size_t j = 0; j <= m; j++)
        row[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        int *d = row[i % 3], *up = row[(i + 2) % 3], *up2 = row[(i + 1) % 3];
        d[0] = (int)i;
        for (size_t j = 1; j <= m; j++) {
            int v = up[j - 1] + (a[i - 1] != b[j - 1]);
            if (up[j] + 1 < v)
                v = up[j] + 1;
            if (d[j - 1] + 1 < v)
                v = d[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && up2[j - 2] + 1 < v)
                v = up2[j - 2] + 1;
            d[j] = v;
        }
    }
    int k = row[n % 3][m];
    return k < limit ? k : limit;
}

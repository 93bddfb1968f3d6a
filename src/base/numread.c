/*
 * numread: see numread.h.
 */
#include "numread.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The length of a grouping space at p: ' ', U+00A0 or U+202F. */
static size_t space_at(const char *p, const char *end)
{
    if (p < end && *p == ' ')
        return 1;
    if (end - p >= 2 && (unsigned char)p[0] == 0xC2 &&
        (unsigned char)p[1] == 0xA0)
        return 2;
    if (end - p >= 3 && (unsigned char)p[0] == 0xE2 &&
        (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xAF)
        return 3;
    return 0;
}

int ir_number_read(const char *text, size_t len, bool decimal_comma,
                   double *out, char *why, size_t cap)
{
    const char *p = text, *end = text + len;
    while (p < end && isspace((unsigned char)*p))
        p++;
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    char digits[128];
    size_t n = 0;
    if (p < end && (*p == '+' || *p == '-'))
        digits[n++] = *p++;
    /* The runs of digits and what separates them. */
    size_t run[32], nrun = 0, cur = 0;
    char sep[32];
    size_t nsep = 0;
    bool any = false;
    while (p < end) {
        size_t sp = space_at(p, end);
        if (isdigit((unsigned char)*p)) {
            if (n + 2 >= sizeof digits)
                goto bad;
            digits[n++] = *p++;
            cur++;
            any = true;
        } else if ((*p == ',' || *p == '.' || *p == '\'' || sp) &&
                   nrun < 31 && cur > 0) {
            run[nrun++] = cur;
            sep[nsep++] = sp ? ' ' : *p;
            cur = 0;
            p += sp ? sp : 1;
        } else {
            goto bad;
        }
    }
    if (!any || cur == 0)
        goto bad;
    run[nrun++] = cur;
    /* Which separator is the decimal one, if any: the last, when it is
     * a comma or point unlike the others or stands alone. */
    int decimal = -1;
    size_t commas = 0, points = 0;
    for (size_t i = 0; i < nsep; i++) {
        commas += sep[i] == ',';
        points += sep[i] == '.';
    }
    char last = nsep ? sep[nsep - 1] : 0;
    if ((last == ',' || last == '.') &&
        ((last == ',' ? commas : points) == 1)) {
        bool other = last == ',' ? points > 0 : commas > 0;
        bool spaces = false;
        for (size_t i = 0; i + 1 < nsep; i++)
            spaces |= sep[i] == ' ' || sep[i] == '\'';
        if (other || spaces || run[nrun - 1] != 3)
            decimal = (int)nsep - 1;    /* "1.200,5", "1 200,5", "1,5" */
        else                            /* "1,200" or "1.200" alone */
            decimal = (last == ',') == decimal_comma ? (int)nsep - 1 : -1;
        if (decimal >= 0 && last == ',' && !decimal_comma && !other &&
            !spaces) {
            snprintf(why, cap, "'%.*s' has a decimal comma, but the file "
                     "separates its fields with commas, as files with "
                     "decimal points do: write %.*s.%.*s or separate the "
                     "fields with semicolons", (int)len, text,
                     (int)(n - run[nrun - 1]), digits,
                     (int)run[nrun - 1], digits + n - run[nrun - 1]);
            return -1;
        }
    }
    /* Every group after the first, up to the decimal separator, is of
     * three digits, and the grouping separators are all one kind. */
    size_t groups = decimal >= 0 ? (size_t)decimal + 1 : nrun;
    char grouping = 0;
    for (size_t i = 0; i + 1 < groups; i++) {
        if (grouping && sep[i] != grouping)
            goto bad;
        grouping = sep[i];
        if (run[i + 1] != 3 || (i == 0 && run[0] > 3))
            goto bad;
    }
    /* The digits with a '.' put in at the decimal separator. */
    char number[160];
    size_t m = 0, k = 0, seen = 0;
    if (digits[0] == '+' || digits[0] == '-')
        number[m++] = digits[k++];
    for (size_t g = 0; g < nrun; g++) {
        if (decimal >= 0 && g == (size_t)decimal + 1)
            number[m++] = '.';
        memcpy(number + m, digits + k, run[g]);
        m += run[g];
        k += run[g];
        seen += run[g];
    }
    number[m] = '\0';
    (void)seen;
    char *stop;
    *out = strtod(number, &stop);
    if (*stop != '\0')
        goto bad;
    return 0;
bad:
    snprintf(why, cap, "'%.*s' is not a number", (int)len, text);
    return -1;
}

/*
 * aggopts: the values of the trace options.  See aggopts.h.
 */
#include "aggopts.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

int ir_aggregate_parse_period(const char *s, int *from, int *to)
{
    char *end;
    long a = strtol(s, &end, 10), b = a;
    if (end != s && *end == '-')
        b = strtol(end + 1, &end, 10);
    if (end == s || *end != '\0' || a < 1000 || a > 9999 || b < a ||
        b > 9999)
        return -1;
    *from = (int)a;
    *to = (int)b;
    return 0;
}

int ir_aggregate_parse_delimiter(const char *s, char *out)
{
    if (!strcmp(s, "tab") || !strcmp(s, "\\t") || !strcmp(s, "\t"))
        *out = '\t';
    else if (!strcmp(s, ",") || !strcmp(s, "comma"))
        *out = ',';
    else if (!strcmp(s, ";") || !strcmp(s, "semicolon"))
        *out = ';';
    else
        return -1;
    return 0;
}

void ir_years_add(ir_years *y, const char *text, size_t len)
{
    char key[16] = { 0 };
    bool cacheable = len < sizeof key;
    if (cacheable) {
        memcpy(key, text, len);
        for (int i = 0; i < y->nseen; i++)
            if (memcmp(y->seen[i], key, sizeof key) == 0)
                return;
        if (y->nseen < 32)
            memcpy(y->seen[y->nseen++], key, sizeof key);
    }
    int a, b;
    if (ir_aggregate_parse_period(text, &a, &b) != 0) {
        y->unread++;
        return;
    }
    if (y->first_from == 0) {
        y->first_from = a;
        y->first_to = b;
    } else if (a != y->first_from || b != y->first_to) {
        y->several = true;
    }
    y->ranges |= a != b;
    for (int k = a; k <= b; k++)
        if (k >= IR_YEARS_FIRST && k < IR_YEARS_FIRST + IR_YEARS_SPAN)
            y->bits[(k - IR_YEARS_FIRST) / 64] |=
                (uint64_t)1 << ((k - IR_YEARS_FIRST) % 64);
}

void ir_years_merge(ir_years *into, const ir_years *from)
{
    for (int i = 0; i < IR_YEARS_SPAN / 64; i++)
        into->bits[i] |= from->bits[i];
    if (into->first_from == 0) {
        into->first_from = from->first_from;
        into->first_to = from->first_to;
    } else if (from->first_from != 0 &&
               (from->first_from != into->first_from ||
                from->first_to != into->first_to)) {
        into->several = true;
    }
    into->several |= from->several;
    into->ranges |= from->ranges;
    into->unread += from->unread;
}

size_t ir_years_list(const ir_years *y, int *out, size_t cap)
{
    size_t n = 0;
    for (int k = 0; k < IR_YEARS_SPAN; k++)
        if (y->bits[k / 64] >> (k % 64) & 1) {
            if (n < cap)
                out[n] = IR_YEARS_FIRST + k;
            n++;
        }
    return n;
}

void ir_years_span(const ir_years *y, int *first, int *last)
{
    *first = *last = 0;
    for (int k = 0; k < IR_YEARS_SPAN; k++)
        if (y->bits[k / 64] >> (k % 64) & 1) {
            if (*first == 0)
                *first = IR_YEARS_FIRST + k;
            *last = IR_YEARS_FIRST + k;
        }
}

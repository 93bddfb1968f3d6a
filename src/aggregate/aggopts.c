/*
 * aggopts: the values of the trace options.  See aggopts.h.
 */
#include "aggopts.h"

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

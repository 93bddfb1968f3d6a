/*
 * options: table-driven command line and INI files.  See options.h.
 */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <ini.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/editdist.h"
#include "base/grow.h"

bool ir_options_given(const ir_options_store *s, const char *name)
{
    for (int i = 0; i < s->ngiven; i++)
        if (strcmp(s->given[i], name) == 0)
            return true;
    return false;
}

void ir_options_store_free(ir_options_store *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->strings[i]);
    free(s->strings);
    s->strings = NULL;
    s->n = s->cap = 0;
    s->ngiven = 0;
}

static const char *keep(ir_options_store *s, const char *value)
{
    if (s == NULL)
        return value; /* argv strings live as long as the program */
    char *copy = strdup(value);
    if (copy == NULL ||
        ir_grow((void **)&s->strings, &s->cap, s->n + 1, sizeof *s->strings)) {
        free(copy);
        return NULL;
    }
    s->strings[s->n++] = copy;
    return copy;
}

/* The option whose name is nearest to name, if near enough to be what
 * was meant (--colour-by for --color-by): a third of its letters. */
static const ir_option *nearest(const ir_option *table, const char *name)
{
    const ir_option *best = NULL;
    int d = 64;
    for (const ir_option *o = table; o->name; o++) {
        int len = (int)strlen(o->name);
        int k = ir_edit_distance(name, o->name, d < len / 3 + 1 ? d : len / 3 + 1);
        if (k < d && 3 * k <= len) {
            d = k;
            best = o;
        }
    }
    return best;
}

/* "unknown option '--x'", with ": did you mean --y?" when one is near. */
static void unknown_text(const ir_option *table, const char *what,
                         const char *given, const char *name, char *buf,
                         size_t cap)
{
    const ir_option *o = nearest(table, name);
    bool key = strcmp(what, "key") == 0;  /* the message names it */
    size_t len = key ? (size_t)snprintf(buf, cap, "unknown key")
                     : (size_t)snprintf(buf, cap, "unknown %s '%s'", what,
                                        given);
    if (o && len < cap)
        snprintf(buf + len, cap - len, ": did you mean %s%s?",
                 key ? "" : "--", o->name);
}

static const ir_option *find(const ir_option *table, const char *name)
{
    for (const ir_option *o = table; o->name; o++)
        if (strcmp(o->name, name) == 0)
            return o;
    return NULL;
}

/* Stores value into o's field; on a bad value writes why into `why`.
 * Returns 0, -1 for a bad value, -2 when memory runs out. */
static int store_value(const ir_option *o, void *settings, const char *value,
                       ir_options_store *store, const char *spec, char *why,
                       size_t cap)
{
    char *field = (char *)settings + o->offset;
    char *end;
    char joined[4096];  /* a path joined to its spec file's folder */
    /* A value help shows as FILE... or DIR names a file or a folder; an
     * empty one would only fail later, after other outputs were written,
     * with a message that names nothing. */
    if (value[0] == '\0' && o->arg &&
        (strncmp(o->arg, "FILE", 4) == 0 || strcmp(o->arg, "DIR") == 0)) {
        snprintf(why, cap, "an empty %s name",
                 strcmp(o->arg, "DIR") == 0 ? "folder" : "file");
        return -1;
    }
    switch (o->type) {
    case IR_OPT_STRING:
        return (*(const char **)field = keep(store, value)) ? 0 : -2;
    case IR_OPT_PATH:
    case IR_OPT_PATH_LIST: {
        /* A spec file names its inputs from where it lives, so that it
         * works from any current folder. */
        const char *slash = spec ? strrchr(spec, '/') : NULL;
        if (slash && value[0] != '/') {
            if (snprintf(joined, sizeof joined, "%.*s/%s",
                         (int)(slash - spec), spec, value) >=
                (int)sizeof joined) {
                snprintf(why, cap, "the path is too long");
                return -1;
            }
            value = joined;
        }
        if (o->type == IR_OPT_PATH)
            return (*(const char **)field = keep(store, value)) ? 0 : -2;
        /* A list of paths is kept as a list is. */
    }
        /* fall through */
    case IR_OPT_LIST: {
        ir_opt_list *l = (ir_opt_list *)field;
        if (l->n == IR_OPTIONS_MAX_LIST) {
            snprintf(why, cap, "at most %d values", IR_OPTIONS_MAX_LIST);
            return -1;
        }
        return (l->item[l->n++] = keep(store, value)) ? 0 : -2;
    }
    case IR_OPT_INT: {
        errno = 0;
        long v = strtol(value, &end, 10);
        if (*value == '\0' || *end != '\0' || errno || v < o->min ||
            v > o->max) {
            snprintf(why, cap, "'%s' is not a whole number from %g to %g",
                     value, o->min, o->max);
            return -1;
        }
        *(int *)field = (int)v;
        return 0;
    }
    case IR_OPT_DOUBLE: {
        double v = strtod(value, &end);
        if (*value == '\0' || *end != '\0' || !(v >= o->min && v <= o->max)) {
            snprintf(why, cap, "'%s' is not a number from %g to %g", value,
                     o->min, o->max);
            return -1;
        }
        *(double *)field = v;
        return 0;
    }
    case IR_OPT_FLAG:
        if (!strcasecmp(value, "true") || !strcasecmp(value, "yes") ||
            !strcmp(value, "1"))
            *(bool *)field = true;
        else if (!strcasecmp(value, "false") || !strcasecmp(value, "no") ||
                 !strcmp(value, "0"))
            *(bool *)field = false;
        else {
            snprintf(why, cap, "'%s' is not true or false", value);
            return -1;
        }
        return 0;
    case IR_OPT_SECTION:
        snprintf(why, cap, "is set in a spec file's [%s LABEL] sections, "
                 "not on the command line", o->name);
        return -1;
    case IR_OPT_CHOICE: {
        for (int i = 0; o->choices[i]; i++)
            if (strcmp(o->choices[i], value) == 0) {
                *(int *)field = i;
                return 0;
            }
        size_t len = (size_t)snprintf(why, cap, "'%s' is not one of", value);
        for (int i = 0; o->choices[i] && len < cap; i++)
            len += (size_t)snprintf(why + len, cap - len, " %s", o->choices[i]);
        return -1;
    }
    }
    return 0;
}

int ir_options_set(const ir_option *table, void *settings, const char *name,
                   const char *value, const char *file, long line,
                   ir_options_store *store, ir_error *err)
{
    const ir_option *o = find(table, name);
    char why[300];
    int rc = o ? store_value(o, settings, value, store, NULL, why, sizeof why)
               : -1;
    if (o == NULL)
        unknown_text(table, "key", name, name, why, sizeof why);
    if (rc == -2)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "out of memory");
    if (rc == 0)
        return 0;
    if (file != NULL)
        return ir_error_line(err, IR_EUSAGE, file, line, NULL, "key '%s': %s",
                             name, why);
    return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL, "--%s: %s", name, why);
}

typedef struct ini_state {
    const char *path;
    const ir_option *table;
    void *settings;
    ir_options_store *store;
    int failure;         /* 0, or what went wrong at the failing line */
    char key[128];
    char why[300];
} ini_state;

/* A key of a [NAME LABEL] section: kept under the label for the command
 * to read, once its key is known to be one of the section's; returns 1,
 * 0 when refused, or 2 when NAME is no section of the table: spec files
 * of old use headers such as [figure] as headings, whose keys are the
 * file's. */
static int section_key(ini_state *s, const char *section, const char *name,
                       const char *value)
{
    size_t word = strcspn(section, " \t");
    const char *label = section + word;
    while (*label == ' ' || *label == '\t')
        label++;
    const ir_option *o = NULL;
    for (const ir_option *t = s->table; t->name && !o; t++)
        if (t->type == IR_OPT_SECTION && strlen(t->name) == word &&
            strncmp(t->name, section, word) == 0)
            o = t;
    if (o == NULL)
        return 2;   /* any other header is only a heading */
    s->failure = -1;
    if (*label == '\0') {
        snprintf(s->why, sizeof s->why, "name each [%s] section: [%s "
                 "LABEL]", o->name, o->name);
        return 0;
    }
    bool known = false;
    for (int i = 0; o->choices[i] && !known; i++)
        known = strcmp(o->choices[i], name) == 0;
    if (!known) {
        size_t len = (size_t)snprintf(s->why, sizeof s->why,
                                      "in [%s], not one of", section);
        for (int i = 0; o->choices[i] && len < sizeof s->why; i++)
            len += (size_t)snprintf(s->why + len, sizeof s->why - len, " %s",
                                    o->choices[i]);
        return 0;
    }
    ir_opt_sections *all = (ir_opt_sections *)((char *)s->settings +
                                               o->offset);
    ir_opt_section *sec = NULL;
    for (int i = 0; i < all->n && !sec; i++)
        if (strcmp(all->item[i].label, label) == 0)
            sec = &all->item[i];
    if (sec == NULL && all->n == IR_OPTIONS_MAX_SECTIONS) {
        snprintf(s->why, sizeof s->why, "at most %d [%s] sections",
                 IR_OPTIONS_MAX_SECTIONS, o->name);
        return 0;
    }
    if (sec == NULL) {
        sec = &all->item[all->n++];
        if ((sec->label = keep(s->store, label)) == NULL) {
            s->failure = -2;
            return 0;
        }
    }
    if (sec->n == IR_OPTIONS_MAX_LIST) {
        snprintf(s->why, sizeof s->why, "at most %d keys in [%s]",
                 IR_OPTIONS_MAX_LIST, section);
        return 0;
    }
    sec->key[sec->n] = keep(s->store, name);
    sec->value[sec->n] = keep(s->store, value);
    if (sec->key[sec->n] == NULL || sec->value[sec->n] == NULL) {
        s->failure = -2;
        return 0;
    }
    sec->n++;
    s->failure = 0;
    return 1;
}

static int ini_key(void *user, const char *section, const char *name,
                   const char *value)
{
    ini_state *s = user;
    /* Debian's inih goes on after a refused line and reports the first;
     * keep that line's details. */
    if (s->failure != 0)
        return 1;
    snprintf(s->key, sizeof s->key, "%s", name);
    if (section && *section) {
        int kept = section_key(s, section, name, value);
        if (kept != 2)
            return kept;
    }
    const ir_option *o = find(s->table, name);
    if (o == NULL || strcmp(name, "config") == 0) {
        if (o)
            snprintf(s->why, sizeof s->why, "unknown key");
        else
            unknown_text(s->table, "key", name, name, s->why, sizeof s->why);
        s->failure = -1;
        return 0;
    }
    int rc = store_value(o, s->settings, value, s->store, s->path, s->why,
                         sizeof s->why);
    if (rc == -2)
        snprintf(s->why, sizeof s->why, "out of memory");
    s->failure = rc;
    return rc == 0;
}

/* inih (as Debian builds it) cuts lines at 200 bytes, ends values at
 * " ;" and joins indented lines to the value above: each would change a
 * title without a word.  Such lines are refused before inih sees them. */
static int check_lines(const char *path, ir_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot open: %s",
                            strerror(errno));
    char line[4096];
    long n = 0;
    int rc = 0;
    bool prev_value = false;
    while (rc == 0 && fgets(line, sizeof line, fp) != NULL) {
        n++;
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        if (len > 0 && line[len - 1] == '\r')
            line[--len] = '\0';
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        bool comment = *p == ';' || *p == '#' || *p == '\0';
        if (len >= 199)
            rc = ir_error_line(err, IR_EUSAGE, path, n, NULL,
                               "the line is longer than 198 characters");
        else if (!comment && p != line && prev_value)
            rc = ir_error_line(err, IR_EUSAGE, path, n, NULL,
                               "an indented line would be joined to the "
                               "value above; remove the indent");
        else if (!comment && strchr(line, '=') && strstr(line, " ;"))
            rc = ir_error_line(err, IR_EUSAGE, path, n, NULL,
                               "' ;' starts a comment in spec files and "
                               "would cut the value short");
        prev_value = !comment && strchr(line, '=') != NULL;
    }
    fclose(fp);
    return rc;
}

int ir_options_read_file(const ir_option *table, void *settings,
                         const char *path, ir_options_store *store,
                         ir_error *err)
{
    int checked = check_lines(path, err);
    if (checked)
        return checked;
    ini_state s = { .path = path, .table = table, .settings = settings,
                    .store = store };
    /* inih stops at the first line its handler refuses and returns that
     * line's number, so messages name the exact line. */
    int line = ini_parse(path, ini_key, &s);
    if (line == 0)
        return 0;
    if (line == -1)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot open: %s",
                            strerror(errno));
    if (line < 0 || s.failure == -2)
        return ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                            "out of memory");
    if (s.failure != 0)
        return ir_error_line(err, IR_EUSAGE, path, line, NULL, "key '%s': %s",
                             s.key, s.why);
    return ir_error_line(err, IR_EUSAGE, path, line, NULL,
                         "not a 'key = value' line");
}

int ir_options_parse(const ir_option *table, void *settings, int argc,
                     char **argv, const char **positional, int max,
                     int *npositional, ir_options_store *store,
                     ir_error *err)
{
    size_t n = 0;
    while (table[n].name)
        n++;
    struct option *longs = calloc(n + 2, sizeof *longs);
    char shorts[128] = ":h";
    size_t ns = 2;
    if (longs == NULL)
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "out of memory");
    for (size_t i = 0; i < n; i++) {
        longs[i].name = table[i].name;
        longs[i].has_arg = table[i].type == IR_OPT_FLAG ? no_argument
                                                        : required_argument;
        longs[i].val = 256 + (int)i;
        if (table[i].short_name && ns + 3 < sizeof shorts) {
            shorts[ns++] = table[i].short_name;
            if (table[i].type != IR_OPT_FLAG)
                shorts[ns++] = ':';
        }
    }
    longs[n] = (struct option){ "help", no_argument, NULL, 'h' };
    shorts[ns] = '\0';

    /* First pass: only the spec file, in any spelling getopt accepts
     * (-cF, -qc F, --conf=F), so that the command line can override it. */
    const ir_option *config = find(table, "config");
    int c, rc = 0;
    optind = 0;
    opterr = 0;
    while (config && rc == 0 &&
           (c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        const ir_option *o = c >= 256 ? &table[c - 256] : NULL;
        if (o == NULL && c == config->short_name)
            o = config;
        if (o != config)
            continue;
        *(const char **)((char *)settings + config->offset) = optarg;
        rc = ir_options_read_file(table, settings, optarg, store, err);
    }
    /* A list option given on the command line replaces the file's list. */
    bool *cleared = calloc(n + 1, sizeof *cleared);
    if (cleared == NULL && rc == 0)
        rc = ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
    optind = 0;
    *npositional = 0;
    while (rc == 0 && (c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        const char *opt = argv[optind - 1];
        if (c == 'h') {
            rc = IR_OPTIONS_HELP;
        } else if (c == ':') {
            rc = ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                              "%s needs a value", opt);
        } else if (c == '?') {
            char name[64], why[300];
            const char *n = opt;
            while (*n == '-')
                n++;
            snprintf(name, sizeof name, "%.*s", (int)strcspn(n, "="), n);
            unknown_text(table, "option", opt, name, why, sizeof why);
            rc = ir_error_set(err, IR_EUSAGE, NULL, -1, NULL, "%s", why);
        } else {
            size_t k = n;
            if (c >= 256)
                k = (size_t)(c - 256);
            else
                for (size_t i = 0; i < n && k == n; i++)
                    if (table[i].short_name == c)
                        k = i;
            const ir_option *o = &table[k];
            if (o == config)
                continue; /* read already */
            if ((o->type == IR_OPT_LIST || o->type == IR_OPT_PATH_LIST) &&
                !cleared[k]) {
                ((ir_opt_list *)((char *)settings + o->offset))->n = 0;
                cleared[k] = true;
            }
            rc = ir_options_set(table, settings, o->name,
                                o->type == IR_OPT_FLAG ? "true" : optarg,
                                NULL, 0, NULL, err);
            if (store && store->ngiven < 64 &&
                !ir_options_given(store, o->name))
                store->given[store->ngiven++] = o->name;
        }
    }
    free(cleared);
    for (int i = optind; rc == 0 && i < argc; i++) {
        if (*npositional == max) {
            rc = ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                              "unexpected argument '%s'", argv[i]);
            break;
        }
        positional[(*npositional)++] = argv[i];
    }
    free(longs);
    return rc;
}

void ir_options_help(const ir_option *table, FILE *out)
{
    for (const ir_option *o = table; o->name; o++) {
        char left[64];
        if (o->type == IR_OPT_SECTION) {
            snprintf(left, sizeof left, "    [%s %s]", o->name,
                     o->arg ? o->arg : "LABEL");
            fprintf(out, "  %-28s %s\n", left, o->help);
            continue;
        }
        if (o->short_name)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name,
                     o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->name,
                     o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(out, "  %-28s %s\n", left, o->help);
    }
}

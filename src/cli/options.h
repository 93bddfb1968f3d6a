/*
 * options: one table of options per command, read from the command line
 * and from INI spec files alike.
 *
 * Each option names a field of the command's settings struct (by offset),
 * its type and range.  The same table drives getopt_long, the INI reader
 * (inih) and --help, so every option can be set in a spec file under the
 * same name, and an unknown key or a bad value is reported the same way:
 * naming the file, line and key.  Command-line values override the file.
 */
#ifndef IR_OPTIONS_H
#define IR_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"

#define IR_OPTIONS_MAX_LIST 16

/* What ir_options_parse returns for --help (not an exit status). */
#define IR_OPTIONS_HELP (-1)

typedef enum ir_opt_type {
    IR_OPT_STRING,   /* const char *                        */
    IR_OPT_PATH,     /* const char *, a file to read: in a spec file,
                        relative to the spec file's folder  */
    IR_OPT_LIST,     /* ir_opt_list: repeatable strings     */
    IR_OPT_PATH_LIST,/* ir_opt_list: repeatable files, as IR_OPT_PATH */
    IR_OPT_INT,      /* int, within [min, max]              */
    IR_OPT_DOUBLE,   /* double, within [min, max]           */
    IR_OPT_FLAG,     /* bool; "true"/"false" in a file      */
    IR_OPT_CHOICE,   /* int: index into choices             */
    IR_OPT_SECTION   /* ir_opt_sections: the [NAME LABEL] sections of a
                        spec file, each of the keys that choices names;
                        no command-line form */
} ir_opt_type;

typedef struct ir_opt_list {
    const char *item[IR_OPTIONS_MAX_LIST];
    int n;
} ir_opt_list;

/* The sections of one kind of a spec file ([panel 2015-2022]), each its
 * label and its keys and values in file order; sections of one label are
 * one. */
#define IR_OPTIONS_MAX_SECTIONS 12
typedef struct ir_opt_section {
    const char *label;
    const char *key[IR_OPTIONS_MAX_LIST], *value[IR_OPTIONS_MAX_LIST];
    int n;
} ir_opt_section;

typedef struct ir_opt_sections {
    ir_opt_section item[IR_OPTIONS_MAX_SECTIONS];
    int n;
} ir_opt_sections;

typedef struct ir_option {
    const char *name;            /* --name on the command line, key in files */
    char short_name;             /* 0: none */
    ir_opt_type type;
    size_t offset;
    double min, max;
    const char *const *choices;  /* NULL-terminated, for IR_OPT_CHOICE */
    const char *arg;             /* how help names the value; FILE...
                                    or DIR also means it may not be
                                    empty (options.c) */
    const char *help;
} ir_option;

/* Strings read from files live here until the command ends. */
typedef struct ir_options_store {
    char **strings;
    size_t n, cap;
    /* The options the command line set (over a spec file's). */
    const char *given[64];
    int ngiven;
} ir_options_store;

/* Whether the command line set option name (ir_options_parse). */
bool ir_options_given(const ir_options_store *store, const char *name);

void ir_options_store_free(ir_options_store *store);

/* Sets one option from text; `where` names the source for messages. */
int ir_options_set(const ir_option *table, void *settings, const char *name,
                   const char *value, const char *file, long line,
                   ir_options_store *store, ir_error *err);

/* Reads an INI file of key = value lines; keys under a [NAME LABEL]
 * header go to the table's IR_OPT_SECTION option NAME; under any other
 * header ([figure]) they are the file's own. */
int ir_options_read_file(const ir_option *table, void *settings,
                         const char *path, ir_options_store *store,
                         ir_error *err);

/* Parses argv (argv[0] is the command name).  Positional arguments are
 * collected in positional (at most max).  -c/--config FILE, if the table
 * has "config", is read first so that the command line overrides it.
 * Returns 0, IR_OPTIONS_HELP, or an error status. */
int ir_options_parse(const ir_option *table, void *settings, int argc,
                     char **argv, const char **positional, int max,
                     int *npositional, ir_options_store *store,
                     ir_error *err);

void ir_options_help(const ir_option *table, FILE *out);

#endif

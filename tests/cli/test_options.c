/*
 * Options: one table read from the command line and from INI spec files;
 * errors name the file, line and key; the command line wins.
 */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "cli/options.h"
#include "helpers.h"

typedef struct demo {
    const char *config, *title;
    int top, lang;
    double width;
    bool water;
    ir_opt_list where;
    const char *flows_csv;
} demo;

static const char *const langs[] = { "en", "es", NULL };
static const ir_option table[] = {
    { "config", 'c', IR_OPT_STRING, offsetof(demo, config), 0, 0, NULL, "F", "" },
    { "title", 0, IR_OPT_STRING, offsetof(demo, title), 0, 0, NULL, "T", "" },
    { "top", 0, IR_OPT_INT, offsetof(demo, top), 0, 100, NULL, "N", "" },
    { "lang", 0, IR_OPT_CHOICE, offsetof(demo, lang), 0, 0, langs, "L", "" },
    { "max-width", 0, IR_OPT_DOUBLE, offsetof(demo, width), 0.5, 50, NULL, "W", "" },
    { "water", 0, IR_OPT_FLAG, offsetof(demo, water), 0, 0, NULL, NULL, "" },
    { "where", 0, IR_OPT_LIST, offsetof(demo, where), 0, 0, NULL, "W", "" },
    { "flows-csv", 0, IR_OPT_STRING, offsetof(demo, flows_csv), 0, 0, NULL,
      "FILE.csv", "" },
    { NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL }
};

static int parse(demo *d, const char **argv, int argc, ir_options_store *st,
                 ir_error *err, const char **pos, int *npos)
{
    memset(d, 0, sizeof *d);
    return ir_options_parse(table, d, argc, (char **)argv, pos, 2, npos, st,
                            err);
}

static const char *spec(const char *text)
{
    const char *path = th_path(th_tmpdir(), "figure.ini");
    th_write_file(path, text, strlen(text));
    return path;
}

Test(options, command_line_values_of_every_type)
{
    demo d;
    ir_options_store st = { 0 };
    ir_error err = { 0 };
    const char *pos[2];
    int npos;
    const char *argv[] = { "map", "in.csv", "--title", "Hello", "--top", "5",
                           "--lang", "es", "--max-width", "7.5", "--water",
                           "--where", "a=1", "--where", "b=2" };
    cr_assert_eq(parse(&d, argv, 15, &st, &err, pos, &npos), 0, "%s",
                 err.message);
    cr_expect_str_eq(d.title, "Hello");
    cr_expect_eq(d.top, 5);
    cr_expect_eq(d.lang, 1);
    cr_expect_eq(d.width, 7.5);
    cr_expect(d.water);
    cr_expect_eq(d.where.n, 2);
    cr_expect_str_eq(d.where.item[1], "b=2");
    cr_expect_eq(npos, 1);
    cr_expect_str_eq(pos[0], "in.csv");
    ir_options_store_free(&st);
}

Test(options, spec_file_sets_and_command_line_overrides)
{
    const char *path = spec("; a figure\n[figure]\ntitle = From the file\n"
                            "top = 9\nlang = es\nwater = true\n");
    demo d;
    ir_options_store st = { 0 };
    ir_error err = { 0 };
    const char *pos[2];
    int npos;
    const char *argv[] = { "map", "--top", "3", "-c", path };
    cr_assert_eq(parse(&d, argv, 5, &st, &err, pos, &npos), 0, "%s",
                 err.message);
    cr_expect_str_eq(d.title, "From the file");
    cr_expect_eq(d.top, 3, "the command line wins");
    cr_expect_eq(d.lang, 1);
    cr_expect(d.water);
    ir_options_store_free(&st);
}

static void expect_spec_error(const char *text, const char *fragment)
{
    const char *path = spec(text);
    demo d;
    ir_options_store st = { 0 };
    ir_error err = { 0 };
    const char *pos[2];
    int npos;
    const char *argv[] = { "map", "-c", path };
    cr_expect_neq(parse(&d, argv, 3, &st, &err, pos, &npos), 0);
    cr_expect_eq(err.status, IR_EUSAGE);
    cr_expect(strstr(err.message, "figure.ini") != NULL, "%s", err.message);
    cr_expect(strstr(err.message, fragment) != NULL, "'%s' lacks '%s'",
              err.message, fragment);
    ir_options_store_free(&st);
}

Test(options, spec_file_errors_name_file_line_and_key)
{
    expect_spec_error("title = x\n\ncolour = red\n", "line 3: key 'colour': "
                                                     "unknown key");
    expect_spec_error("top = many\n", "line 1: key 'top': 'many' is not a "
                                      "whole number");
    expect_spec_error("top = 1000\n", "line 1: key 'top'");
    expect_spec_error("lang = fr\n", "'fr' is not one of en es");
    expect_spec_error("water = perhaps\n", "not true or false");
    expect_spec_error("title = ok\nthis line has no equals sign\n", "line 2");
    expect_spec_error("title = ok\nflows-csv =\n", "line 2: key 'flows-csv': "
                                                  "an empty file name");
}

Test(options, command_line_errors)
{
    demo d;
    ir_options_store st = { 0 };
    ir_error err = { 0 };
    const char *pos[2];
    int npos;
    const char *a1[] = { "map", "--top", "x" };
    cr_expect_eq(parse(&d, a1, 3, &st, &err, pos, &npos), IR_EUSAGE);
    cr_expect(strstr(err.message, "--top") != NULL, "%s", err.message);
    const char *a2[] = { "map", "--nope" };
    cr_expect_eq(parse(&d, a2, 2, &st, &err, pos, &npos), IR_EUSAGE);
    cr_expect(strstr(err.message, "--nope") != NULL, "%s", err.message);
    const char *a3[] = { "map", "--title" };
    cr_expect_eq(parse(&d, a3, 2, &st, &err, pos, &npos), IR_EUSAGE);
    cr_expect(strstr(err.message, "needs a value") != NULL, "%s", err.message);
    /* A file's name may not be empty; any other text may. */
    const char *a5[] = { "map", "--flows-csv", "" };
    cr_expect_eq(parse(&d, a5, 3, &st, &err, pos, &npos), IR_EUSAGE);
    cr_expect(strstr(err.message, "--flows-csv: an empty file name") != NULL,
              "%s", err.message);
    const char *a6[] = { "map", "--title", "" };
    cr_expect_eq(parse(&d, a6, 3, &st, &err, pos, &npos), 0, "%s", err.message);
    const char *a4[] = { "map", "--help" };
    cr_expect_eq(parse(&d, a4, 2, &st, &err, pos, &npos), IR_OPTIONS_HELP);
    ir_options_store_free(&st);
}

Test(options, every_spelling_of_the_spec_option_is_read)
{
    const char *path = spec("top = 7\n");
    char joined[600], eq[600];
    snprintf(joined, sizeof joined, "-c%s", path);
    snprintf(eq, sizeof eq, "--conf=%s", path);
    const char *forms[][3] = { { "map", joined, NULL }, { "map", eq, NULL },
                               { "map", "--conf", path } };
    for (int i = 0; i < 3; i++) {
        demo d;
        ir_options_store st = { 0 };
        ir_error err = { 0 };
        const char *pos[2];
        int npos;
        int argc = forms[i][2] ? 3 : 2;
        cr_expect_eq(parse(&d, forms[i], argc, &st, &err, pos, &npos), 0,
                     "form %d: %s", i, err.message);
        cr_expect_eq(d.top, 7, "form %d", i);
        ir_options_store_free(&st);
    }
}

/* The first bad line is the one reported, even with good lines after. */
Test(options, the_first_bad_line_is_reported)
{
    expect_spec_error("colour = red\ntitle = ok\ntop = x\n",
                      "line 1: key 'colour': unknown key");
    expect_spec_error("title = Guns ; seized\n", "line 1");
    expect_spec_error("title = one\n  two\n", "line 2: an indented line");
    char longline[400];
    memset(longline, 'x', sizeof longline);
    memcpy(longline, "title = ", 8);
    longline[300] = '\n';
    longline[301] = '\0';
    expect_spec_error(longline, "longer than");
}

Test(options, command_line_lists_replace_the_files)
{
    const char *path = spec("where = a=1\nwhere = b=2\n");
    demo d;
    ir_options_store st = { 0 };
    ir_error err = { 0 };
    const char *pos[2];
    int npos;
    const char *argv[] = { "map", "-c", path, "--where", "c=3" };
    cr_assert_eq(parse(&d, argv, 5, &st, &err, pos, &npos), 0, "%s",
                 err.message);
    cr_expect_eq(d.where.n, 1);
    cr_expect_str_eq(d.where.item[0], "c=3");
    ir_options_store_free(&st);
}

/* A misspelt option or key is answered with the nearest name; one near
 * none is not given a guess. */
Test(options, unknown_names_suggest_the_nearest)
{
    demo d;
    ir_options_store st = { 0 };
    ir_error err = { 0 };
    const char *pos[2];
    int npos;
    const char *a1[] = { "map", "--max-widht", "3" };
    cr_expect_eq(parse(&d, a1, 3, &st, &err, pos, &npos), IR_EUSAGE);
    cr_expect_str_eq(err.message, "unknown option '--max-widht': did you "
                                  "mean --max-width?");
    const char *a2[] = { "map", "--flows-cvs=f.csv" };
    cr_expect_eq(parse(&d, a2, 2, &st, &err, pos, &npos), IR_EUSAGE);
    cr_expect(strstr(err.message, "did you mean --flows-csv?"), "%s",
              err.message);
    const char *a3[] = { "map", "--zorglub" };
    cr_expect_eq(parse(&d, a3, 2, &st, &err, pos, &npos), IR_EUSAGE);
    cr_expect_str_eq(err.message, "unknown option '--zorglub'");
    const char *path = spec("titel = A\n");
    const char *a4[] = { "map", "-c", path };
    cr_expect_eq(parse(&d, a4, 3, &st, &err, pos, &npos), IR_EUSAGE);
    cr_expect(strstr(err.message, "line 1: key 'titel': unknown key: did you "
                                  "mean title?"), "%s", err.message);
    ir_options_store_free(&st);
}

/*
 * The stages of src/: tests/check-includes.sh passes on the tree as it
 * is, and fails, naming the file and line, on a copy of it with one
 * include planted that breaks a rule: an include from an earlier stage
 * into a later one, a circle of modules, a header named without its
 * stage, a file outside any stage, a test that reaches past its stage.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define CHECK "sh tests/check-includes.sh"

/* A copy of src/ and tests/ in a scratch folder: its root. */
static const char *copy_tree(void)
{
    const char *dir = th_tmpdir();
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp -R src tests '%s'/", dir);
    cr_assert_eq(th_run(cmd, NULL), 0, "%s", cmd);
    return dir;
}

/* Appends line to root/path, after its last line (and so after the
 * include guard's #endif of a header: the checker reads every line). */
static long plant(const char *root, const char *path, const char *line)
{
    const char *full = th_path(root, path);
    size_t len;
    char *text = th_read_file(full, &len);
    cr_assert_not_null(text, "%s", full);
    long lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    FILE *fp = fopen(full, "a");
    cr_assert_not_null(fp, "%s", full);
    fprintf(fp, "%s\n", line);
    fclose(fp);
    free(text);
    return lines + 1;
}

/* Runs the checker on root; its exit status, stderr in *err. */
static int check(const char *root, char **err)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, CHECK " '%s'", root);
    return th_run(cmd, err);
}

Test(stages, the_tree_as_it_is_passes)
{
    char *err = NULL;
    cr_expect_eq(check(".", &err), 0, "%s", err);
    free(err);
}

Test(stages, an_include_into_a_later_stage_fails_naming_file_and_line)
{
    const char *root = copy_tree();
    char *err = NULL;
    cr_assert_eq(check(root, &err), 0, "the copy should pass: %s", err);
    free(err);
    long line = plant(root, "src/load/layer.h", "#include \"render/canvas.h\"");
    cr_expect_eq(check(root, &err), 1);
    char want[128];
    snprintf(want, sizeof want, "src/load/layer.h:%ld: includes render/canvas.h",
             line);
    cr_expect(err && strstr(err, want), "no '%s' in: %s", want, err);
    cr_expect(err && strstr(err, "load may include only base, load"), "%s", err);
    free(err);
}

Test(stages, a_circle_of_modules_fails_with_each_include)
{
    const char *root = copy_tree();
    /* flowmap.h includes frame.h; frame.h including flowmap.h closes it. */
    long line = plant(root, "src/layout/frame.h", "#include \"flowmap.h\"");
    char *err = NULL;
    cr_expect_eq(check(root, &err), 1);
    char want[128];
    snprintf(want, sizeof want,
             "src/layout/frame.h:%ld includes src/layout/flowmap", line);
    cr_expect(err && strstr(err, "in a circle"), "%s", err);
    cr_expect(err && strstr(err, want), "no '%s' in: %s", want, err);
    cr_expect(err && strstr(err, "includes src/layout/frame"), "%s", err);
    free(err);
}

Test(stages, a_bare_name_from_another_stage_fails)
{
    const char *root = copy_tree();
    long line = plant(root, "src/load/layer.c", "#include \"diag.h\"");
    char *err = NULL;
    cr_expect_eq(check(root, &err), 1);
    char want[128];
    snprintf(want, sizeof want,
             "src/load/layer.c:%ld: includes \"diag.h\", which is not "
             "src/load/diag.h", line);
    cr_expect(err && strstr(err, want), "no '%s' in: %s", want, err);
    free(err);
}

Test(stages, a_file_outside_the_stages_fails)
{
    const char *root = copy_tree();
    th_write_file(th_path(root, "src/stray.c"), "int stray;\n", 11);
    char *err = NULL;
    cr_expect_eq(check(root, &err), 1);
    cr_expect(err && strstr(err, "src/stray.c: not in a stage folder"), "%s",
              err);
    free(err);
}

Test(stages, a_test_reaching_past_its_stage_fails)
{
    const char *root = copy_tree();
    long line = plant(root, "tests/base/test_atomic.c",
                      "#include \"river/river.h\"");
    char *err = NULL;
    cr_expect_eq(check(root, &err), 1);
    char want[128];
    snprintf(want, sizeof want,
             "tests/base/test_atomic.c:%ld: includes river/river.h, of a "
             "later stage", line);
    cr_expect(err && strstr(err, want), "no '%s' in: %s", want, err);
    free(err);
}

/* Each of the remaining rules, one plant at a time on a fresh copy: the
 * message names the file and line (or the file, for a name). */
static void expect_planted(const char *path, const char *line_text,
                           const char *want_after_line)
{
    const char *root = copy_tree();
    long line = plant(root, path, line_text);
    char *err = NULL;
    cr_expect_eq(check(root, &err), 1, "%s: %s passed", path, line_text);
    char want[256];
    snprintf(want, sizeof want, "%s:%ld: %s", path, line, want_after_line);
    cr_expect(err && strstr(err, want), "no '%s' in: %s", want, err);
    free(err);
}

Test(stages, angle_brackets_own_stage_prefixes_and_self_includes_fail)
{
    expect_planted("src/load/layer.c", "#include <base/diag.h>",
                   "includes <base/diag.h>, a header of ours");
    expect_planted("src/load/layer.c", "#include \"load/states.h\"",
                   "includes \"load/states.h\" of its own stage");
    expect_planted("src/load/layer.h", "#include \"layer.h\"",
                   "includes itself");
}

Test(stages, two_modules_of_one_name_fail)
{
    const char *root = copy_tree();
    th_write_file(th_path(root, "src/render/layer.h"), "/* x */\n", 8);
    char *err = NULL;
    cr_expect_eq(check(root, &err), 1);
    cr_expect(err && strstr(err, "module name \"layer\""), "%s", err);
    free(err);
}

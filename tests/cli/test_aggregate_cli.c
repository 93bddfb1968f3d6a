/*
 * The aggregate command: output file, exit codes, no partial output,
 * standard input and output, the summary line.
 */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static int run(const char *args, char **err)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s aggregate %s", th_binary(), args);
    return th_run(cmd, err);
}

static const char *write_input(const char *name, const char *text)
{
    const char *path = th_path(th_tmpdir(), name);
    cr_assert_eq(th_write_file(path, text, strlen(text)), 0);
    return path;
}

Test(aggregate_cli, writes_the_od_table_and_a_summary)
{
    const char *in = write_input("t.csv", "year,purchase_state,recovery_state\n"
                                          "2019,Texas,Sonora\n2020,Texas,Sonora\n"
                                          "2021,Arizona,Sonora\n");
    char args[1024], *err = NULL;
    const char *out = th_path(th_tmpdir(), "od.csv");
    snprintf(args, sizeof args, "%s -o %s --years 2020-2021", in, out);
    cr_assert_eq(run(args, &err), 0, "%s", err);
    cr_expect(strstr(err, "3 rows read, 2 kept, 1 filtered out") != NULL,
              "%s", err);
    cr_expect(strstr(err, "origin = 'purchase_state'") != NULL, "%s", err);
    free(err);
    char *od = th_read_file(out, NULL);
    cr_expect_str_eq(od, "origin,destination,weight\nUS-AZ,MX-SON,1\n"
                         "US-TX,MX-SON,1\n");
    free(od);
}

Test(aggregate_cli, standard_input_and_output)
{
    const char *in = write_input("t.csv", "origin,destination\nTexas,Sonora\n");
    char cmd[1024];
    const char *out = th_path(th_tmpdir(), "stdout.csv");
    snprintf(cmd, sizeof cmd, "%s aggregate -q - -o - < %s > %s", th_binary(),
             in, out);
    cr_assert_eq(system(cmd), 0);
    char *od = th_read_file(out, NULL);
    cr_expect_str_eq(od, "origin,destination,weight\nUS-TX,MX-SON,1\n");
    free(od);
}

Test(aggregate_cli, errors_exit_2_and_leave_outputs_alone)
{
    const char *bad = write_input("bad.csv", "origin,destination\nTexas,Sonora\n"
                                             "Texas,Atlantis\n");
    const char *old = th_path(th_tmpdir(), "old.csv");
    const char *fresh = th_path(th_tmpdir(), "fresh.csv");
    th_write_file(old, "KEEP", 4);
    char args[1024], *err = NULL;
    snprintf(args, sizeof args, "%s -o %s", bad, old);
    cr_expect_eq(run(args, &err), 2);
    cr_expect(strstr(err, "bad.csv: line 3: column destination: unknown "
                          "Mexican state or country 'Atlantis'") != NULL, "%s", err);
    free(err);
    char *kept = th_read_file(old, NULL);
    cr_expect_str_eq(kept, "KEEP");
    free(kept);
    snprintf(args, sizeof args, "-q %s -o %s", bad, fresh);
    cr_expect_eq(run(args, NULL), 2);
    cr_expect(!th_file_exists(fresh));
    char cmd[700];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | grep -c '^\\.') -eq 0",
             th_tmpdir());
    cr_expect_eq(th_run(cmd, NULL), 0, "temporary files left behind");
}

Test(aggregate_cli, usage_errors_exit_1)
{
    const char *in = write_input("t.csv", "origin,destination\nTexas,Sonora\n");
    char args[1024], *err = NULL;
    snprintf(args, sizeof args, "%s", in);
    cr_expect_eq(run(args, &err), 1);
    cr_expect(strstr(err, "-o") != NULL, "%s", err);
    free(err);
    snprintf(args, sizeof args, "%s -o x.csv --years 20-10", in);
    cr_expect_eq(run(args, &err), 1);
    cr_expect(strstr(err, "--years") != NULL, "%s", err);
    free(err);
    snprintf(args, sizeof args, "%s -o x.csv --delimiter '|'", in);
    cr_expect_eq(run(args, &err), 1);
    free(err);
    snprintf(args, sizeof args, "%s -o %s/x.csv --encoding klingon", in,
             th_tmpdir());
    cr_expect_eq(run(args, &err), 1);
    cr_expect(strstr(err, "klingon") != NULL, "%s", err);
    free(err);
    cr_expect_eq(run("--help", NULL), 0);
}

Test(aggregate_cli, missing_input_exits_2)
{
    char *err = NULL;
    char args[600];
    snprintf(args, sizeof args, "/nonexistent/t.csv -o %s/o.csv", th_tmpdir());
    cr_expect_eq(run(args, &err), 2);
    cr_expect(strstr(err, "/nonexistent/t.csv") != NULL, "%s", err);
    free(err);
}

Test(aggregate_cli, skip_unknown_reports_values)
{
    const char *in = write_input("t.csv", "origin,destination\nTexas,Sonora\n"
                                          "Texas,Atlantis\nTexas,Atlantis\n");
    char args[1024], *err = NULL;
    snprintf(args, sizeof args, "%s --skip-unknown -o %s/o.csv", in,
             th_tmpdir());
    cr_expect_eq(run(args, &err), 0);
    cr_expect(strstr(err, "2 skipped for unknown states") != NULL, "%s", err);
    cr_expect(strstr(err, "unknown destination 'Atlantis': 2 rows") != NULL,
              "%s", err);
    free(err);
}

Test(aggregate_cli, no_progress_line_when_stderr_is_not_a_terminal)
{
    const char *dir = th_tmpdir();
    char cmd[1024], *err = NULL;
    snprintf(cmd, sizeof cmd, "bench/gen-traces 20000 1 > %s/g.csv", dir);
    cr_assert_eq(th_run(cmd, NULL), 0);
    snprintf(cmd, sizeof cmd, "%s aggregate %s/g.csv -o %s/g.od", th_binary(),
             dir, dir);
    cr_assert_eq(th_run(cmd, &err), 0);
    cr_expect(strchr(err, '\r') == NULL, "progress written to a file");
    free(err);
}

/* Every kind of bad input: exit 2, a message naming the file, and no
 * output file. */
Test(aggregate_cli, every_input_error_leaves_no_output)
{
    static const char *const inputs[][2] = {
        { "", "empty" },
        { "origin,destination\n", "no data rows" },
        { "origin,destination\nTexas,Sonora,x\n", "line 2" },
        { "origin,destination\nTexass,Sonora\n", "line 2" },
        { "origin,destination\nSonora,Texas\n", "line 2" },
        { "origin,destination,n\nTexas,Sonora,-1\n", "negative" },
        { "origin,destination,n\nTexas,Sonora,NaN\n", "not a number" },
        { "origin,destination,n\nTexas,Sonora,1e999\n", "not a number" },
        { "origin,destination,n\nTexas,Sonora,99999999999999999999\n",
          "too large" },
        { "origin,destination\nTexas,\"Sonora\n", "quoted field" },
        { "origin,destination\nTexas,Son\"ora\n", "line 2" },
        { "origin,destination\nTexas,Nuevo Le\xf3n\n", "UTF-8" },
    };
    const char *dir = th_tmpdir();
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        const char *in = write_input("bad.csv", inputs[i][0]);
        const char *out = th_path(dir, "out.csv");
        char args[1024], *err = NULL;
        snprintf(args, sizeof args, "%s -o %s", in, out);
        cr_expect_eq(run(args, &err), 2, "input %zu", i);
        cr_expect(strstr(err, "bad.csv") != NULL, "input %zu: %s", i, err);
        cr_expect(strstr(err, inputs[i][1]) != NULL, "input %zu: %s", i, err);
        cr_expect(!th_file_exists(out), "input %zu left an output", i);
        free(err);
    }
    char cmd[700];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | grep -c '^\\.') -eq 0", dir);
    cr_expect_eq(th_run(cmd, NULL), 0, "temporary files left behind");
}

/* On a terminal, an input over 100 MB shows one updating progress line
 * (carriage returns, a rate); --quiet silences it.  `script` gives the
 * command a pseudo-terminal. */
Test(aggregate_cli, progress_line_on_a_terminal_for_large_inputs,
     .timeout = 120)
{
    if (th_run("command -v script", NULL) != 0)
        cr_skip_test("no script(1) for a pseudo-terminal");
    const char *dir = th_tmpdir();
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "bench/gen-traces 1700000 2 > %s/big.csv && "
             "test $(stat -c %%s %s/big.csv) -gt 104857600", dir, dir);
    cr_assert_eq(th_run(cmd, NULL), 0, "could not make a 100 MB input");
    for (int quiet = 0; quiet <= 1; quiet++) {
        snprintf(cmd, sizeof cmd, "script -qec '%s aggregate %s --threads 1 "
                 "%s/big.csv -o %s/big.od' /dev/null > %s/tty.txt",
                 th_binary(), quiet ? "-q" : "", dir, dir, dir);
        cr_assert_eq(th_run(cmd, NULL), 0);
        char *tty = th_read_file(th_path(dir, "tty.txt"), NULL);
        cr_assert_not_null(tty);
        bool progress = strstr(tty, "\rironriver: ") != NULL &&
                        strstr(tty, "MB/s") != NULL;
        cr_expect_eq(progress, !quiet, "quiet=%d: %s", quiet, tty);
        free(tty);
    }
}

/* Data without state detail: "MX" is Mexico as a whole, "México" the
 * State of Mexico, and a declared origin without a place is kept whole
 * under its own name. */
Test(aggregate_cli, countries_and_origins_without_a_place)
{
    const char *in = write_input("p.csv",
                                 "purchase_state,recovery_state,count\n"
                                 "Texas,MX,7825\nOther states,MX,4345\n"
                                 "Texas,México,10\n");
    char args[1024], *err = NULL;
    const char *out = th_path(th_tmpdir(), "od.csv");
    snprintf(args, sizeof args, "%s -o %s --unlocated 'Other states'", in, out);
    cr_assert_eq(run(args, &err), 0, "%s", err);
    free(err);
    char *od = th_read_file(out, NULL);
    cr_assert_not_null(od);
    cr_expect(strstr(od, "US-TX,MX,7825\n") != NULL, "%s", od);
    cr_expect(strstr(od, "Other states,MX,4345\n") != NULL, "%s", od);
    cr_expect(strstr(od, "US-TX,MX-MEX,10\n") != NULL, "%s", od);
    free(od);
    /* Without the declaration, the remainder is an unknown state. */
    snprintf(args, sizeof args, "%s -o %s", in, th_path(th_tmpdir(), "x.csv"));
    cr_expect_eq(run(args, &err), 2);
    cr_expect(strstr(err, "Other states") != NULL && strstr(err, "line 3"),
              "%s", err);
    free(err);
    /* A declared name may not shadow a state. */
    snprintf(args, sizeof args, "%s -o %s --unlocated Tejas", in,
             th_path(th_tmpdir(), "y.csv"));
    cr_expect_eq(run(args, &err), 1);
    cr_expect(strstr(err, "US-TX") != NULL, "%s", err);
    free(err);
}

/*
 * Never silent: what a map run leaves out or adds up is said, on stderr
 * and in the figure's note: rows --skip-unknown drops, the years a figure
 * sums, and the filter that left nothing to draw.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const char traces[] = "year,origin,destination,count\n"
                             "2019,Texas,Tamaulipas,10\n"
                             "2020,Narnia,Sonora,5\n"
                             "2020,Arizona,Atlantis,3\n"
                             "2021,Arizona,Sonora,7\n";

static char *run(const char *dir, const char *args, int *status)
{
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map %s %s --alt-text %s -o %s", th_binary(),
             th_path(dir, "t.csv"), args, th_path(dir, "alt.txt"),
             th_path(dir, "m.png"));
    *status = th_run(cmd, &err);
    return err;
}

Test(silent_cli, skipped_rows_and_summed_years_are_said)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), traces, strlen(traces));
    int status;
    char *err = run(dir, "--skip-unknown", &status);
    cr_assert_eq(status, 0, "%s", err);
    cr_expect(err && strstr(err, "unknown origin 'Narnia': 1 row") &&
              strstr(err, "unknown destination 'Atlantis': 1 row"), "%s", err);
    cr_expect(err && strstr(err, "the figure sums them"), "%s", err);
    free(err);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(alt && strstr(alt, "The counts sum 2019 and 2021. 2 rows "
                                 "naming no known place are left out "
                                 "(Atlantis and Narnia)."), "%s", alt);
    free(alt);
    /* In Spanish, and one period: nothing summed to say. */
    err = run(dir, "--skip-unknown --years 2020 --lang es -q", &status);
    cr_expect_neq(status, 0, "2020 keeps only unknown places");
    free(err);
    err = run(dir, "--skip-unknown --years 2019-2020 --lang es -q", &status);
    cr_assert_eq(status, 0, "%s", err);
    free(err);
    alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(alt && strstr(alt, "Se dejan fuera 2 filas que no nombran un "
                                 "lugar conocido (Atlantis y Narnia).") &&
              !strstr(alt, "suman"), "%s", alt);
    free(alt);
}

/* Periods of several years: the note gives their span. */
Test(silent_cli, periods_are_summed_by_their_span)
{
    const char *dir = th_tmpdir();
    static const char t[] = "year,origin,destination,count\n"
                            "2015-2018,Texas,Tamaulipas,10\n"
                            "2019-2022,Texas,Tamaulipas,12\n";
    th_write_file(th_path(dir, "t.csv"), t, strlen(t));
    int status;
    char *err = run(dir, "-q --lang es", &status);
    cr_assert_eq(status, 0, "%s", err);
    free(err);
    char *alt = th_read_file(th_path(dir, "alt.txt"), NULL);
    cr_expect(alt && strstr(alt, "Las cifras suman los periodos de "
                                 "2015\u20132022."), "%s", alt);
    free(alt);
}

/* A filter that keeps no row is named, with what the file has; nothing
 * is written. */
Test(silent_cli, the_filter_that_emptied_the_input_is_named)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), traces, strlen(traces));
    static const struct { const char *args, *says; } cases[] = {
        { "--years 2030 --skip-unknown", "--years 2030 keeps none of the 4 "
                                         "rows: the year column covers "
                                         "2019\u20132021" },
        { "--where origin=Ohio --skip-unknown",
          "--where origin=Ohio keeps none of the 4 rows" },
        { "--where destination=Atlantis --skip-unknown",
          "of the 4 rows, --where destination=Atlantis 3 and "
          "--skip-unknown 1 (unknown places such as 'Atlantis') left out" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int status;
        char *err = run(dir, cases[i].args, &status);
        cr_expect_neq(status, 0, "%s", cases[i].args);
        cr_expect(err && strstr(err, cases[i].says) &&
                  strstr(err, th_path(dir, "t.csv")), "%s: %s",
                  cases[i].args, err);
        free(err);
        cr_expect(!th_file_exists(th_path(dir, "m.png")), "%s", cases[i].args);
    }
}

/* -o on the command line replaces the spec's outputs; the spec's text
 * alternative and flows table follow it, and the files the spec names
 * are not written over. */
Test(silent_cli, side_files_follow_the_outputs_written)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), traces, strlen(traces));
    char spec[1024];
    snprintf(spec, sizeof spec, "input = t.csv\nskip-unknown = true\n"
             "output = %s\nalt-text = %s\nflows-csv = %s\n",
             th_path(dir, "spec.png"), th_path(dir, "spec.txt"),
             th_path(dir, "spec.csv"));
    th_write_file(th_path(dir, "s.ini"), spec, strlen(spec));
    th_write_file(th_path(dir, "spec.txt"), "mine", 4);
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s map -c %s -o %s", th_binary(),
             th_path(dir, "s.ini"), th_path(dir, "other.png"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    cr_expect(err && strstr(err, "its alt-text goes to ") &&
              strstr(err, "other.txt"), "%s", err);
    free(err);
    cr_expect(th_file_exists(th_path(dir, "other.png")) &&
              th_file_exists(th_path(dir, "other.txt")) &&
              th_file_exists(th_path(dir, "other-flows.csv")));
    size_t len;
    char *kept = th_read_file(th_path(dir, "spec.txt"), &len);
    cr_expect(kept && len == 4 && memcmp(kept, "mine", 4) == 0,
              "the spec's alt text was written over");
    free(kept);
    cr_expect(!th_file_exists(th_path(dir, "spec.png")) &&
              !th_file_exists(th_path(dir, "spec.csv")));
}

/* Every bad row is named in one run, then the count; nothing written. */
Test(silent_cli, every_bad_row_is_named_in_one_run)
{
    const char *dir = th_tmpdir();
    static const char t[] = "year,origin,destination,count\n"
                            "2019,Texas,Tamaulipas,10\n"
                            "2019,Narnia,Sonora,5\n"
                            "2019,Arizona,Sonora,x\n"
                            "2019,Arizona,Atlantis,3\n";
    th_write_file(th_path(dir, "t.csv"), t, strlen(t));
    int status;
    char *err = run(dir, "", &status);
    cr_expect_neq(status, 0);
    cr_expect(err && strstr(err, "line 3: column origin: unknown U.S. state "
                                 "'Narnia'") &&
              strstr(err, "line 4: column count: weight 'x' is not a number") &&
              strstr(err, "line 5: column destination: unknown Mexican") &&
              strstr(err, "3 bad rows: fix them and run again"), "%s", err);
    free(err);
    cr_expect(!th_file_exists(th_path(dir, "m.png")) &&
              !th_file_exists(th_path(dir, "alt.txt")));
}

/* A damaged boundary file is drawn with a note per kind of damage;
 * --strict makes it an error, with nothing written. */
Test(silent_cli, damaged_boundaries_are_said_or_refused)
{
    const char *dir = th_tmpdir();
    const char *shp = th_write_damaged_layer(dir);
    cr_assert_not_null(shp);
    static const char t[] = "origin,destination,count\nArizona,Sonora,10\n";
    th_write_file(th_path(dir, "t.csv"), t, strlen(t));
    char args[1024];
    snprintf(args, sizeof args, "--shapes shapes/us-states.shp --shapes %s",
             shp);
    int status;
    char *err = run(dir, args, &status);
    cr_assert_eq(status, 0, "%s", err);
    cr_expect(err && strstr(err, "note: ") && strstr(err, "d.shp: 1 record "
                                                          "has a Null shape") &&
              strstr(err, "record 4 (Durango)"), "%s", err);
    free(err);
    strcat(args, " --strict");
    err = run(dir, args, &status);
    cr_expect_neq(status, 0);
    cr_expect(err && strstr(err, "(--strict)"), "%s", err);
    free(err);
}

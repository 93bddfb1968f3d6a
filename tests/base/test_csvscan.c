/*
 * csvscan: libcsv and the quote-free fast path give the same fields, rows
 * and line numbers on the same bytes; quoting, line ends and ranges.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/csvscan.h"
#include "helpers.h"

/* Everything the scanner reported, as text: "line:ncols|f1|f2...\n". */
typedef struct transcript {
    char *text;
    size_t len, cap;
    int stop_after;   /* rows; 0 = never */
    int rows;
} transcript;

static void append(transcript *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = 2 * (t->len + n + 1);
        t->text = realloc(t->text, t->cap);
    }
    memcpy(t->text + t->len, s, n);
    t->len += n;
    t->text[t->len] = '\0';
}

static void on_field(int column, const char *data, size_t len, void *ctx)
{
    char head[32];
    int n = snprintf(head, sizeof head, "|%d=", column);
    append(ctx, head, (size_t)n);
    append(ctx, data, len);
}

static int on_row(long line, int ncolumns, void *ctx)
{
    transcript *t = ctx;
    char head[64];
    int n = snprintf(head, sizeof head, " <%ld:%d>\n", line, ncolumns);
    append(t, head, (size_t)n);
    t->rows++;
    return t->stop_after && t->rows >= t->stop_after;
}

static off_t file_size(const char *path)
{
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    return st.st_size;
}

/* Scans a whole file; returns the transcript (caller frees). */
static char *scan_file(const char *path, unsigned char delim, bool fast,
                       int *status, char *message)
{
    bool wanted[16];
    for (int i = 0; i < 16; i++)
        wanted[i] = i != 2; /* column 2 is never wanted */
    transcript t = { 0 };
    append(&t, "", 0);
    ir_csvscan_handlers h = { on_field, on_row, &t };
    ir_csvscan *s = ir_csvscan_create(delim, wanted, 16, &h, fast);
    int fd = open(path, O_RDONLY);
    ir_error err = { 0 };
    int rc = ir_csvscan_run(s, fd, 0, file_size(path), 1, path, &err);
    if (rc == 0)
        rc = ir_csvscan_finish(s, path, &err);
    close(fd);
    ir_csvscan_destroy(s);
    *status = rc;
    if (message)
        strcpy(message, err.message);
    return t.text;
}

static const char *write_temp(const char *name, const char *text)
{
    const char *path = th_path(th_tmpdir(), name);
    cr_assert_eq(th_write_file(path, text, strlen(text)), 0);
    return path;
}

static void expect_scan(const char *text, unsigned char delim,
                        const char *expected)
{
    const char *path = write_temp("in.csv", text);
    for (int fast = 0; fast <= 1; fast++) {
        int rc;
        char *got = scan_file(path, delim, fast, &rc, NULL);
        cr_expect_eq(rc, 0, "scan failed (fast=%d)", fast);
        cr_expect_str_eq(got, expected, "fast=%d", fast);
        free(got);
    }
}

Test(csvscan, plain_rows_trimmed_and_counted)
{
    expect_scan("a,b,c\n x , y ,z\n", ',',
                "|0=a|1=b <1:3>\n|0=x|1=y <2:3>\n");
}

Test(csvscan, crlf_blank_and_whitespace_lines)
{
    expect_scan("a,b\r\n\r\n   \n1,2\r\n\n", ',',
                "|0=a|1=b <1:2>\n|0=1|1=2 <4:2>\n");
}

Test(csvscan, last_line_without_newline)
{
    expect_scan("a,b\n1,2", ',', "|0=a|1=b <1:2>\n|0=1|1=2 <2:2>\n");
}

Test(csvscan, quoted_fields_keep_delimiters_newlines_and_quotes)
{
    expect_scan("name,note\n\"Nuevo León, MX\",\"two\nlines\"\n"
                "\"say \"\"hi\"\"\",\" padded \"\nnext,row\n",
                ',',
                "|0=name|1=note <1:2>\n"
                "|0=Nuevo León, MX|1=two\nlines <2:2>\n"
                "|0=say \"hi\"|1= padded  <4:2>\n"
                "|0=next|1=row <5:2>\n");
}

Test(csvscan, semicolon_and_tab_delimiters)
{
    expect_scan("a;b;c\n1;2,5;3\n", ';', "|0=a|1=b <1:3>\n|0=1|1=2,5 <2:3>\n");
    /* With tab as the delimiter only spaces are trimmed. */
    expect_scan("a\tb\n 1 \t 2\n", '\t', "|0=a|1=b <1:2>\n|0=1|1=2 <2:2>\n");
}

Test(csvscan, lone_carriage_return_ends_a_row_as_libcsv_does)
{
    expect_scan("a,b\n1,2\r3,4\n", ',',
                "|0=a|1=b <1:2>\n|0=1|1=2 <2:2>\n|0=3|1=4 <2:2>\n");
}

Test(csvscan, unclosed_quote_is_an_error_with_its_line)
{
    const char *path = write_temp("bad.csv", "a,b\n1,\"open\n2,3\n");
    int rc;
    char msg[1024];
    free(scan_file(path, ',', true, &rc, msg));
    cr_expect_eq(rc, IR_EINPUT);
    cr_expect(strstr(msg, "line 2") != NULL, "%s", msg);
    cr_expect(strstr(msg, "open at the end") != NULL, "%s", msg);
}

Test(csvscan, stray_quote_is_an_error_with_its_line)
{
    const char *path = write_temp("bad.csv", "a,b\n1,2\n3,x\"y\n");
    int rc;
    char msg[1024];
    free(scan_file(path, ',', true, &rc, msg));
    cr_expect_eq(rc, IR_EINPUT);
    cr_expect(strstr(msg, "line 3") != NULL, "%s", msg);
}

Test(csvscan, row_callback_can_stop_the_scan)
{
    const char *path = write_temp("in.csv", "a\nb\nc\nd\n");
    bool wanted[1] = { true };
    transcript t = { .stop_after = 2 };
    append(&t, "", 0);
    ir_csvscan_handlers h = { on_field, on_row, &t };
    ir_csvscan *s = ir_csvscan_create(',', wanted, 1, &h, true);
    int fd = open(path, O_RDONLY);
    ir_error err = { 0 };
    cr_expect_eq(ir_csvscan_run(s, fd, 0, file_size(path), 1, path, &err), -1);
    cr_expect_eq(t.rows, 2);
    cr_expect_eq(ir_csvscan_lines(s), 2);
    close(fd);
    ir_csvscan_destroy(s);
    free(t.text);
}

/* Random files mixing every feature: both paths must agree exactly. */
Test(csvscan, fast_path_agrees_with_libcsv_on_random_files)
{
    static const char *const pieces[] = {
        "Texas", " Sonora ", "\tNuevo León\t", "", "12", " ", "a b",
        "\"quoted, with comma\"", "\"multi\nline\"", "\"dq \"\"x\"\"\"",
        "\" sp \"", "Coahuila de Zaragoza", "2019-2021",
    };
    static const char *const ends[] = { "\n", "\r\n", "\n\n", "\n  \n" };
    unsigned seed = 7;
    for (int file = 0; file < 40; file++) {
        char *text = calloc(1, 1 << 16);
        size_t len = 0;
        unsigned char delim = ",;\t"[file % 3];
        int rows = 1 + file * 3;
        for (int r = 0; r < rows; r++) {
            int fields = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 5;
            for (int f = 0; f < fields; f++) {
                seed = seed * 1103515245u + 12345u;
                const char *p = pieces[(seed >> 16) % 13];
                if (delim == '\t' && strchr(p, '\t'))
                    p = "tabless";
                len += (size_t)sprintf(text + len, "%s%s", f ? (char[]){ (char)delim, 0 } : "", p);
            }
            seed = seed * 1103515245u + 12345u;
            len += (size_t)sprintf(text + len, "%s", ends[(seed >> 16) % 4]);
        }
        const char *path = write_temp("random.csv", text);
        int rc_slow, rc_fast;
        char *slow = scan_file(path, delim, false, &rc_slow, NULL);
        char *fast = scan_file(path, delim, true, &rc_fast, NULL);
        cr_expect_eq(rc_fast, rc_slow, "file %d", file);
        cr_expect_str_eq(fast, slow, "file %d:\n%s", file, text);
        free(slow), free(fast), free(text);
    }
}

/* Two consecutive runs over [0, split) and [split, end) report what one
 * run over the whole file does, even when the split falls inside a
 * quoted field. */
Test(csvscan, ranges_continue_one_another)
{
    const char *text = "a,b\n1,\"x\ny\"\n2,3\n4,5\n";
    const char *path = write_temp("in.csv", text);
    int rc;
    char *whole = scan_file(path, ',', true, &rc, NULL);
    for (off_t split = 1; split < (off_t)strlen(text); split++) {
        bool wanted[2] = { true, true };
        transcript t = { 0 };
        append(&t, "", 0);
        ir_csvscan_handlers h = { on_field, on_row, &t };
        ir_csvscan *s = ir_csvscan_create(',', wanted, 2, &h, true);
        int fd = open(path, O_RDONLY);
        ir_error err = { 0 };
        /* Only line starts are valid places to stop a range. */
        if (text[split - 1] != '\n') {
            close(fd);
            ir_csvscan_destroy(s);
            free(t.text);
            continue;
        }
        cr_assert_eq(ir_csvscan_run(s, fd, 0, split, 1, path, &err), 0);
        bool between = ir_csvscan_between_rows(s);
        cr_expect_eq(between, split != 9, "split %ld", (long)split);
        cr_assert_eq(ir_csvscan_run(s, fd, split, (off_t)strlen(text),
                                    ir_csvscan_lines(s) + 1, path, &err), 0);
        cr_assert_eq(ir_csvscan_finish(s, path, &err), 0);
        cr_expect_str_eq(t.text, whole, "split at %ld", (long)split);
        close(fd);
        ir_csvscan_destroy(s);
        free(t.text);
    }
    free(whole);
}

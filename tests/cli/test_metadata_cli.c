/*
 * A figure carries its own title, text alternative and source: a PNG in
 * iTXt chunks, a PDF in its document information, in the figure's
 * language, the same bytes on every run.
 */
#define _GNU_SOURCE /* memmem */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const char traces[] = "origin,destination,count\n"
                             "Texas,Nuevo León,1158\n"
                             "Arizona,Sonora,1618\n";

/* The text of the PNG's iTXt chunk with this keyword (malloc'd), or NULL;
 * *lang gets its language tag. */
static char *itxt(const char *path, const char *keyword, char *lang,
                  size_t cap)
{
    size_t n;
    unsigned char *b = (unsigned char *)th_read_file(path, &n);
    cr_assert_not_null(b);
    char *found = NULL;
    for (size_t i = 8; i + 12 <= n && !found;) {
        uint32_t len = (uint32_t)b[i] << 24 | b[i + 1] << 16 | b[i + 2] << 8 |
                       b[i + 3];
        if (i + 12 + len > n)
            break;
        const unsigned char *d = b + i + 8;
        if (memcmp(b + i + 4, "iTXt", 4) == 0 &&
            strcmp((const char *)d, keyword) == 0) {
            /* keyword NUL, compression flag, method, lang NUL,
             * translated keyword NUL, text */
            const char *p = (const char *)d + strlen(keyword) + 3;
            snprintf(lang, cap, "%s", p);
            p += strlen(p) + 1;
            p += strlen(p) + 1;
            size_t tl = len - (size_t)(p - (const char *)d);
            found = malloc(tl + 1);
            memcpy(found, p, tl);
            found[tl] = '\0';
        }
        i += 12 + len;
    }
    free(b);
    return found;
}

static void render(const char *dir, const char *lang)
{
    th_write_file(th_path(dir, "t.csv"), traces, strlen(traces));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd,
             "%s map %s --lang %s --title 'Armas a México' --source "
             "'Source: ATF (2025).' --alt-text %s -o %s -o %s",
             th_binary(), th_path(dir, "t.csv"), lang, th_path(dir, "a.txt"),
             th_path(dir, "m.png"), th_path(dir, "m.pdf"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
}

static void png_carries_its_texts(const char *lang)
{
    const char *dir = th_tmpdir();
    render(dir, lang);
    char tag[16] = "";
    char *title = itxt(th_path(dir, "m.png"), "Title", tag, sizeof tag);
    cr_assert_not_null(title);
    cr_expect_str_eq(title, "Armas a México");
    cr_expect_str_eq(tag, lang);
    char *desc = itxt(th_path(dir, "m.png"), "Description", tag, sizeof tag);
    size_t n;
    char *alt = th_read_file(th_path(dir, "a.txt"), &n);
    cr_assert(desc && alt);
    while (n > 0 && (alt[n - 1] == '\n' || alt[n - 1] == ' '))
        alt[--n] = '\0';
    cr_expect_str_eq(desc, alt, "the PNG's description is the alt text");
    cr_expect(strstr(desc, strcmp(lang, "es") ? "Arizona to Sonora"
                                              : "Arizona a Sonora"),
              "%s", desc);
    char *source = itxt(th_path(dir, "m.png"), "Data source", tag,
                        sizeof tag);
    cr_expect(source && strcmp(source, "Source: ATF (2025).") == 0, "%s",
              source);
    free(title), free(desc), free(alt), free(source);
}

Test(metadata_cli, a_png_carries_title_alt_text_and_source)
{
    png_carries_its_texts("en");
}

Test(metadata_cli, a_spanish_png_carries_them_in_spanish)
{
    png_carries_its_texts("es");
}

/* cairo writes PDF strings as UTF-16BE in hex: <FEFF...>. */
static void utf16_hex(const char *text, char *out, size_t cap)
{
    size_t n = (size_t)snprintf(out, cap, "<FEFF");
    const unsigned char *s = (const unsigned char *)text;
    while (*s && n + 8 < cap) {
        unsigned cp = *s++;
        if (cp >= 0xC0 && (*s & 0xC0) == 0x80)
            cp = (cp & 0x1F) << 6 | (*s++ & 0x3F);
        n += (size_t)snprintf(out + n, cap - n, "%04X", cp);
    }
}

Test(metadata_cli, a_pdf_carries_title_alt_text_and_source)
{
    const char *dir = th_tmpdir();
    render(dir, "en");
    size_t n;
    char *pdf = th_read_file(th_path(dir, "m.pdf"), &n);
    cr_assert_not_null(pdf);
    char want[512];
    utf16_hex("Armas a México", want, sizeof want);
    char title[600];
    snprintf(title, sizeof title, "/Title %s>", want);
    cr_expect(memmem(pdf, n, title, strlen(title)) != NULL,
              "no %s in the PDF", title);
    /* The Subject begins with the alt text, and holds the source. */
    utf16_hex("Armas a México. Flow map", want, sizeof want);
    char subject[600];
    snprintf(subject, sizeof subject, "/Subject %s", want);
    cr_expect(memmem(pdf, n, subject, strlen(subject)) != NULL,
              "no %s in the PDF", subject);
    utf16_hex("Source: ATF (2025).", want, sizeof want);
    cr_expect(memmem(pdf, n, want + 5, strlen(want + 5)) != NULL,
              "the source is not in the PDF's metadata");
    free(pdf);
}

/* The PDF's words are text a reader can search and copy, in Open Sans
 * embedded in the file: read back by poppler's pdftotext and pdffonts
 * (poppler-utils, which the Makefile's test target installs). */
Test(metadata_cli, a_pdf_keeps_text_as_text_in_embedded_fonts)
{
    if (th_run("command -v pdftotext && command -v pdffonts", NULL) != 0)
        cr_skip_test("poppler-utils is not installed");
    const char *dir = th_tmpdir();
    render(dir, "en");
    char cmd[1200], *err = NULL;
    snprintf(cmd, sizeof cmd, "pdftotext %s %s && pdffonts %s > %s",
             th_path(dir, "m.pdf"), th_path(dir, "m.txt"),
             th_path(dir, "m.pdf"), th_path(dir, "fonts.txt"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    char *text = th_read_file(th_path(dir, "m.txt"), NULL);
    char *fonts = th_read_file(th_path(dir, "fonts.txt"), NULL);
    cr_assert(text && fonts);
    cr_expect_not_null(strstr(text, "Armas a México"), "%s", text);
    cr_expect_not_null(strstr(text, "Sonora"));
    cr_expect_not_null(strstr(text, "1,618"));
    cr_expect_not_null(strstr(text, "Source: ATF (2025)."));
    /* pdffonts: two header lines, then a font a line, "emb" its fourth
     * column from the right. */
    int listed = 0, embedded = 0, open_sans = 0;
    char *line = strchr(strchr(fonts, '\n') + 1, '\n');
    for (line = line ? line + 1 : NULL; line && *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        char *tok[16];
        int nt = 0;
        for (char *t = strtok(line, " "); t && nt < 16; t = strtok(NULL, " "))
            tok[nt++] = t;
        if (nt >= 6) {
            listed++;
            embedded += strcmp(tok[nt - 5], "yes") == 0;
            open_sans += strstr(tok[0], "OpenSans") != NULL;
        }
        line = end ? end + 1 : NULL;
    }
    cr_expect_gt(listed, 0, "%s", fonts);
    cr_expect_eq(embedded, listed, "fonts not embedded: %s", fonts);
    cr_expect_eq(open_sans, listed, "%s", fonts);
    free(text), free(fonts);
}

Test(metadata_cli, the_texts_keep_runs_byte_identical)
{
    const char *dir = th_tmpdir();
    render(dir, "es");
    size_t n1, n2;
    char *a = th_read_file(th_path(dir, "m.png"), &n1);
    render(dir, "es");
    char *b = th_read_file(th_path(dir, "m.png"), &n2);
    cr_expect(a && b && n1 == n2 && memcmp(a, b, n1) == 0);
    free(a), free(b);
}

/* The SVG's root <title> and <desc>: the first children of <svg>, the
 * text escaped for XML. */
Test(metadata_cli, an_svg_carries_title_and_alt_text)
{
    const char *dir = th_tmpdir();
    th_write_file(th_path(dir, "t.csv"), traces, strlen(traces));
    char cmd[2048], *err = NULL;
    snprintf(cmd, sizeof cmd,
             "%s map %s --lang es --title 'Armas & <municiones>' "
             "--alt-text %s -o %s", th_binary(), th_path(dir, "t.csv"),
             th_path(dir, "a.txt"), th_path(dir, "m.svg"));
    cr_assert_eq(th_run(cmd, &err), 0, "%s", err);
    free(err);
    size_t n;
    char *svg = th_read_file(th_path(dir, "m.svg"), &n);
    cr_assert_not_null(svg);
    const char *root = strstr(svg, "<svg ");
    cr_assert_not_null(root);
    const char *after = strchr(root, '>') + 1;
    static const char title[] =
        "\n<title>Armas &amp; &lt;municiones&gt;</title>\n<desc>Armas &amp; "
        "&lt;municiones&gt;. ";
    cr_expect(strncmp(after, title, strlen(title)) == 0, "%.200s", after);
    cr_expect(strstr(after, "Arizona a Sonora") != NULL);
    cr_expect(strstr(after, "</desc>\n<defs>") != NULL,
              "the head is not whole before cairo's defs");
    free(svg);
}

/*
 * textenc: legacy-encoding to UTF-8 conversion over iconv.  See textenc.h.
 */
#include "textenc.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct ir_textenc {
    char name[48];
    bool is_utf8;
    bool is_auto;  /* UTF-8 if valid, else the code page of cd */
    iconv_t cd;    /* (iconv_t)-1 when is_utf8 */
};

/* .cpg files say the same thing many ways (GDAL's list of what it reads
 * is the reference); iconv wants one of them. */
static void canonical_name(const char *in, char *out, size_t cap)
{
    char s[32];
    size_t n = 0;
    for (; *in && n + 1 < sizeof s; in++)
        if (!isspace((unsigned char)*in))
            s[n++] = (char)toupper((unsigned char)*in);
    s[n] = '\0';
    const char *digits = s;
    if (!strncmp(s, "ANSI", 4) && isdigit((unsigned char)s[4]))
        digits = s + 4; /* "ANSI 1251" */
    if (!strcmp(s, "UTF8") || !strcmp(s, "UTF-8") || !strcmp(s, "65001"))
        snprintf(out, cap, "UTF-8");
    else if (!strcmp(s, "LATIN1") || !strcmp(s, "28591"))
        snprintf(out, cap, "ISO-8859-1");
    else if (!strcmp(s, "ANSI") || !strcmp(s, "WINDOWS-1252"))
        snprintf(out, cap, "CP1252");
    else if (!strncmp(s, "ISO-8859", 8) || !strncmp(s, "ISO8859", 7)) {
        const char *p = s + (s[3] == '-' ? 8 : 7);
        if (*p == '-' || *p == '_')
            p++;
        snprintf(out, cap, "ISO-8859-%.4s", p);
    } else if (!strncmp(s, "8859", 4)) {
        /* "88591", "8859-5", "8859_15" */
        const char *p = s + 4;
        if (*p == '-' || *p == '_')
            p++;
        snprintf(out, cap, "ISO-8859-%.4s", p);
    } else if (!strncmp(s, "CP", 2) && isdigit((unsigned char)s[2]))
        snprintf(out, cap, "%.20s", s);
    else if (isdigit((unsigned char)digits[0]))
        snprintf(out, cap, "CP%.20s", digits); /* 1252, 437, 850 ... */
    else
        snprintf(out, cap, "%.30s", s);
}

static ir_textenc *create(const char *iconv_name, const char *display,
                          bool is_auto)
{
    ir_textenc *enc = calloc(1, sizeof *enc);
    if (enc == NULL)
        return NULL;
    enc->cd = (iconv_t)-1;
    enc->is_auto = is_auto;
    snprintf(enc->name, sizeof enc->name, "%s", display);
    if (!strcmp(iconv_name, "UTF-8")) {
        enc->is_utf8 = true;
        return enc;
    }
    enc->cd = iconv_open("UTF-8", iconv_name);
    if (enc->cd == (iconv_t)-1) {
        free(enc);
        return NULL;
    }
    return enc;
}

ir_textenc *ir_textenc_create(const char *name)
{
    char canonical[32];
    canonical_name(name ? name : "", canonical, sizeof canonical);
    return create(canonical, canonical, false);
}

ir_textenc *ir_textenc_create_auto(const char *fallback)
{
    char canonical[32], display[48];
    canonical_name(fallback, canonical, sizeof canonical);
    snprintf(display, sizeof display, "UTF-8 or %s", canonical);
    return create(canonical, display, true);
}

void ir_textenc_destroy(ir_textenc *enc)
{
    if (enc == NULL)
        return;
    if (enc->cd != (iconv_t)-1)
        iconv_close(enc->cd);
    free(enc);
}

const char *ir_textenc_name(const ir_textenc *enc)
{
    return enc->name;
}

bool ir_textenc_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t need;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            need = 1, min = 0x80, c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            need = 2, min = 0x800, c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            need = 3, min = 0x10000, c &= 0x07;
        } else {
            return false;
        }
        if (len - i <= need)
            return false;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (s[i + k] & 0x3F);
        }
        /* Overlong forms, surrogates and values past U+10FFFF are invalid. */
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return false;
        i += need + 1;
    }
    return true;
}

char *ir_textenc_decode(ir_textenc *enc, const char *in, size_t len)
{
    if (enc->is_utf8 || (enc->is_auto && ir_textenc_utf8_valid(in, len))) {
        if (!ir_textenc_utf8_valid(in, len))
            return NULL;
        char *out = malloc(len + 1);
        if (out != NULL) {
            memcpy(out, in, len);
            out[len] = '\0';
        }
        return out;
    }
    /* No single-byte code page grows past 4 UTF-8 bytes per input byte. */
    size_t cap = 4 * len + 1;
    char *out = malloc(cap);
    if (out == NULL)
        return NULL;
    char *src = (char *)in, *dst = out;
    size_t src_left = len, dst_left = cap - 1;
    iconv(enc->cd, NULL, NULL, NULL, NULL);
    /* The second call flushes a stateful encoding's pending output. */
    if (iconv(enc->cd, &src, &src_left, &dst, &dst_left) == (size_t)-1 ||
        iconv(enc->cd, NULL, NULL, &dst, &dst_left) == (size_t)-1) {
        free(out);
        return NULL;
    }
    *dst = '\0';
    return out;
}

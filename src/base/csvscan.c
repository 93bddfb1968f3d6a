/*
 * csvscan: libcsv with a fast path for quote-free lines.  See csvscan.h.
 *
 * Bytes are read in 1 MiB blocks and handled a line at a time; a line cut
 * by the end of a block is carried into the next.  The positions of the
 * next quote and the next carriage return in the block are found once
 * with memchr and reused, so a quote-free file costs one memchr per block
 * to prove it may take the fast path.
 */
#include "csvscan.h"

#include <csv.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK (1 << 20)
#define FIRST_READ (16 << 10)

/* libcsv's parser state "no row in progress" (ROW_NOT_BEGUN in libcsv.c). */
#define LIBCSV_ROW_NOT_BEGUN 0

struct ir_csvscan {
    struct csv_parser parser;
    size_t row_bytes;      /* fed to libcsv since its row began */
    unsigned char delim;
    bool *wanted;
    int nwanted;
    ir_csvscan_handlers h;
    bool fast_path;
    /* libcsv callback state */
    int column;
    long row_line;
    bool stop;
    /* position */
    long line;            /* lines completed */
    _Atomic long long bytes;
    char *buf;            /* a block plus room for a carried line; sized
                           * by the first read, so a small table does not
                           * cost a megabyte */
    size_t buf_cap;
};

ir_csvscan *ir_csvscan_create(unsigned char delimiter, const bool *wanted,
                              int nwanted, const ir_csvscan_handlers *h,
                              bool fast_path)
{
    ir_csvscan *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    if (csv_init(&s->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        free(s);
        return NULL;
    }
    csv_set_delim(&s->parser, delimiter);
    /* libcsv grows a field's buffer by this much at a time (128 bytes by
     * default): a megabyte-long field, as a half read from inside an open
     * quote meets, cost 9,000 reallocs, two minutes under AddressSanitizer. */
    csv_set_blk_size(&s->parser, 64 * 1024);
    s->delim = delimiter;
    s->nwanted = nwanted;
    s->wanted = calloc(nwanted > 0 ? (size_t)nwanted : 1, sizeof *s->wanted);
    if (s->wanted == NULL) {
        ir_csvscan_destroy(s);
        return NULL;
    }
    if (nwanted > 0)
        memcpy(s->wanted, wanted, (size_t)nwanted * sizeof *wanted);
    s->h = *h;
    s->fast_path = fast_path;
    return s;
}

void ir_csvscan_destroy(ir_csvscan *s)
{
    if (s == NULL)
        return;
    csv_free(&s->parser);
    free(s->wanted);
    free(s->buf);
    free(s);
}

static void libcsv_field(void *data, size_t len, void *ctx)
{
    ir_csvscan *s = ctx;
    int c = s->column++;
    if (!s->stop && c < s->nwanted && s->wanted[c])
        s->h.field(c, data ? data : "", len, s->h.ctx);
}

static void libcsv_row(int term, void *ctx)
{
    (void)term;
    ir_csvscan *s = ctx;
    if (!s->stop && s->h.row(s->row_line, s->column, s->h.ctx) != 0)
        s->stop = true;
    s->column = 0;
}

static bool is_blank(unsigned char c, unsigned char delim)
{
    return (c == ' ' || c == '\t') && c != delim;
}

/* A line with no quote and no carriage return inside: the fields libcsv
 * would produce are the delimiter-separated pieces with spaces and tabs
 * trimmed, and a line of nothing but blanks is no row at all. */
static int fast_line(ir_csvscan *s, const char *p, size_t len)
{
    const char *end = p + len;
    const char *d = memchr(p, s->delim, len);
    if (d == NULL) {
        const char *q = p;
        while (q < end && is_blank((unsigned char)*q, s->delim))
            q++;
        if (q == end)
            return 0;
    }
    int column = 0;
    for (;;) {
        if (d == NULL)
            d = end;
        if (column < s->nwanted && s->wanted[column]) {
            const char *a = p, *b = d;
            while (a < b && is_blank((unsigned char)*a, s->delim))
                a++;
            while (b > a && is_blank((unsigned char)b[-1], s->delim))
                b--;
            s->h.field(column, a, (size_t)(b - a), s->h.ctx);
        }
        column++;
        if (d == end)
            break;
        p = d + 1;
        d = memchr(p, s->delim, (size_t)(end - p));
    }
    return s->h.row(s->line + 1, column, s->h.ctx);
}

static int libcsv_feed(ir_csvscan *s, const char *p, size_t len,
                       const char *path, ir_error *err)
{
    if (s->parser.pstate == LIBCSV_ROW_NOT_BEGUN) {
        s->row_line = s->line + 1;
        s->row_bytes = 0;
    }
    /* A quoted field that never closes would have libcsv hold the rest
     * of the file. */
    s->row_bytes += len;
    if (s->row_bytes > IR_CSVSCAN_ROW_MAX)
        return ir_error_line(err, IR_EINPUT, path, s->row_line, NULL,
                             "the row is longer than %d MB (a quote that "
                             "never closes?): not a table ironriver can "
                             "read", IR_CSVSCAN_ROW_MAX >> 20);
    if (csv_parse(&s->parser, p, len, libcsv_field, libcsv_row, s) != len)
        return ir_error_line(err, IR_EINPUT, path, s->line + 1, NULL,
                             "%s (a quote inside an unquoted field, or text "
                             "after a closing quote)",
                             csv_strerror(csv_error(&s->parser)));
    return s->stop ? -1 : 0;
}

/* Handles the complete lines in buf[0..len); returns how many bytes were
 * used (the rest is an unfinished line).  *rc is set on error or stop. */
static size_t scan_block(ir_csvscan *s, const char *buf, size_t len,
                         const char *path, ir_error *err, int *rc)
{
    size_t pos = 0;
    /* Offsets of the next quote and carriage return at or after pos; len
     * when there is none.  Recomputed only once pos has passed them. */
    size_t next_quote = 0, next_cr = 0;
    bool known = false;
    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        if (nl == NULL)
            break;
        size_t nl_at = (size_t)(nl - buf);
        bool simple = s->fast_path &&
                      s->parser.pstate == LIBCSV_ROW_NOT_BEGUN;
        size_t n = nl_at - pos;
        if (simple) {
            if (!known || next_quote < pos) {
                const char *q = memchr(buf + pos, '"', len - pos);
                next_quote = q ? (size_t)(q - buf) : len;
            }
            if (!known || next_cr < pos) {
                const char *r = memchr(buf + pos, '\r', len - pos);
                next_cr = r ? (size_t)(r - buf) : len;
            }
            known = true;
            bool crlf = n > 0 && next_cr == nl_at - 1;
            if (next_quote < nl_at || next_cr < nl_at - crlf)
                simple = false;
            else
                n -= crlf;
        }
        int r = simple ? fast_line(s, buf + pos, n)
                       : libcsv_feed(s, buf + pos, nl_at - pos + 1, path, err);
        s->line++;
        pos = nl_at + 1;
        if (r) {
            /* libcsv_feed returns an error status; a row callback's
             * non-zero, from either path, means stop. */
            *rc = !simple && r > 0 ? r : -1;
            return pos;
        }
    }
    return pos;
}

int ir_csvscan_run(ir_csvscan *s, int fd, off_t start, off_t end,
                   long first_line, const char *path, ir_error *err)
{
    s->line = first_line - 1;
    s->stop = false;
    size_t carry = 0;
    off_t at = start;
    int rc = 0;
    for (;;) {
        /* Of a stream of unknown length, the first read is small: most
         * tables a map reads beside its input fit in it. */
        size_t want = end < 0 && s->buf_cap == 0 ? FIRST_READ : BLOCK;
        if (end >= 0 && (off_t)want > end - at)
            want = (size_t)(end - at);
        if (carry > IR_CSVSCAN_ROW_MAX)
            return ir_error_line(err, IR_EINPUT, path, s->line + 1, NULL,
                                 "the line is longer than %d MB: not a "
                                 "table ironriver can read",
                                 IR_CSVSCAN_ROW_MAX >> 20);
        if (carry + want + 1 > s->buf_cap) {
            /* A single line longer than a block: grow to hold it. */
            size_t cap = 2 * (carry + want + 1);
            char *b = realloc(s->buf, cap);
            if (b == NULL)
                return ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                                    "out of memory");
            s->buf = b;
            s->buf_cap = cap;
        }
        ssize_t got = 0;
        if (want > 0) {
            got = end >= 0 ? pread(fd, s->buf + carry, want, at)
                           : read(fd, s->buf + carry, want);
            if (got < 0) {
                if (errno == EINTR)
                    continue;
                return ir_error_set(err, IR_EINPUT, path, -1, NULL,
                                    "read error: %s", strerror(errno));
            }
        }
        at += got;
        atomic_store_explicit(&s->bytes, (long long)(at - start),
                              memory_order_relaxed);
        size_t len = carry + (size_t)got;
        if (got == 0) {
            /* The range ended inside a line: the file's last line has no
             * newline.  Give it one, which the line count does not keep. */
            if (carry > 0) {
                s->buf[len] = '\n';
                scan_block(s, s->buf, len + 1, path, err, &rc);
                s->line--;
            }
            return rc;
        }
        size_t used = scan_block(s, s->buf, len, path, err, &rc);
        if (rc)
            return rc;
        carry = len - used;
        memmove(s->buf, s->buf + used, carry);
    }
}

int ir_csvscan_finish(ir_csvscan *s, const char *path, ir_error *err)
{
    /* A row still open began on row_line, set when it was first fed. */
    if (csv_fini(&s->parser, libcsv_field, libcsv_row, s) != 0)
        return ir_error_line(err, IR_EINPUT, path, s->row_line, NULL,
                             "a quoted field is still open at the end of "
                             "the file");
    return s->stop ? -1 : 0;
}

bool ir_csvscan_between_rows(const ir_csvscan *s)
{
    return s->parser.pstate == LIBCSV_ROW_NOT_BEGUN;
}

long ir_csvscan_lines(const ir_csvscan *s)
{
    return s->line;
}

long long ir_csvscan_bytes(const ir_csvscan *s)
{
    return atomic_load_explicit(&s->bytes, memory_order_relaxed);
}

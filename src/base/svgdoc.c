/*
 * svgdoc: SVG written from a cairo context's paths.  See svgdoc.h.
 *
 * The body and the clip paths go to two memory streams while the figure
 * is drawn (clip paths belong in <defs>, before their first use), and are
 * written out behind the root's head at the end.
 */
#include "svgdoc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "strmap.h"

typedef struct open_group {
    bool clip;       /* a clip group, closed by ir_svgdoc_restore */
    int depth;       /* the save depth it began at */
} open_group;

struct ir_svgdoc {
    double width_pt, height_pt;
    FILE *body, *defs;
    char *body_buf, *defs_buf;
    size_t body_len, defs_len;
    int nclips;
    int depth;
    open_group *open;
    size_t nopen, cap;
    ir_strmap *ids;
    char *title, *description, *language;
    bool failed;
};

static const cairo_user_data_key_t doc_key;

ir_svgdoc *ir_svgdoc_create(double width_pt, double height_pt)
{
    ir_svgdoc *d = calloc(1, sizeof *d);
    if (d == NULL)
        return NULL;
    d->width_pt = width_pt;
    d->height_pt = height_pt;
    d->body = open_memstream(&d->body_buf, &d->body_len);
    d->defs = open_memstream(&d->defs_buf, &d->defs_len);
    d->ids = ir_strmap_create();
    if (d->body == NULL || d->defs == NULL || d->ids == NULL) {
        ir_svgdoc_destroy(d);
        return NULL;
    }
    return d;
}

void ir_svgdoc_destroy(ir_svgdoc *d)
{
    if (d == NULL)
        return;
    if (d->body)
        fclose(d->body);
    if (d->defs)
        fclose(d->defs);
    free(d->body_buf);
    free(d->defs_buf);
    free(d->open);
    ir_strmap_destroy(d->ids);
    free(d->title);
    free(d->description);
    free(d->language);
    free(d);
}

int ir_svgdoc_attach(ir_svgdoc *d, cairo_t *cr)
{
    return cairo_set_user_data(cr, &doc_key, d, NULL) == CAIRO_STATUS_SUCCESS
               ? 0
               : -1;
}

ir_svgdoc *ir_svgdoc_of(cairo_t *cr)
{
    return cairo_get_user_data(cr, &doc_key);
}

void ir_svgdoc_escape(FILE *out, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '<')
            fputs("&lt;", out);
        else if (c == '>')
            fputs("&gt;", out);
        else if (c == '&')
            fputs("&amp;", out);
        else if (c == '"')
            fputs("&quot;", out);
        else if (c >= 0x20 || c == '\t' || c == '\n')
            putc(c, out);
        /* other control characters are not allowed in XML 1.0 */
    }
}

/* A number of hundredths as a decimal: "12", "-0.5", "3.25". */
static void put_hundredths(FILE *out, long long v)
{
    if (v < 0) {
        putc('-', out);
        v = -v;
    }
    long long whole = v / 100, frac = v % 100;
    if (frac == 0)
        fprintf(out, "%lld", whole);
    else if (frac % 10 == 0)
        fprintf(out, "%lld.%lld", whole, frac / 10);
    else
        fprintf(out, "%lld.%02lld", whole, frac);
}

static long long hundredths(double v)
{
    if (!(fabs(v) < 1e12))
        return 0;
    return llround(v * 100);
}

static void put_number(FILE *out, double v)
{
    put_hundredths(out, hundredths(v));
}

/* Writes the pairs after a command letter: a space between numbers
 * unless the next one's minus sign separates them. */
static void put_pair(FILE *out, long long x, long long y, bool first)
{
    if (!first && x >= 0)
        putc(' ', out);
    put_hundredths(out, x);
    if (y >= 0)
        putc(' ', out);
    put_hundredths(out, y);
}

/* cr's current path in device points, relative commands. */
static void put_path_data(FILE *out, cairo_t *cr)
{
    cairo_path_t *path = cairo_copy_path(cr);
    if (path == NULL || path->status != CAIRO_STATUS_SUCCESS) {
        cairo_path_destroy(path);
        return;
    }
    long long cx = 0, cy = 0, sx = 0, sy = 0; /* current, subpath start */
    char last = 0;
    for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
        const cairo_path_data_t *h = &path->data[i];
        int npts = h->header.type == CAIRO_PATH_CURVE_TO   ? 3
                   : h->header.type == CAIRO_PATH_CLOSE_PATH ? 0
                                                             : 1;
        char cmd = h->header.type == CAIRO_PATH_MOVE_TO   ? 'm'
                   : h->header.type == CAIRO_PATH_LINE_TO ? 'l'
                   : h->header.type == CAIRO_PATH_CURVE_TO ? 'c'
                                                           : 'z';
        if (cmd == 'z') {
            putc('z', out);
            cx = sx, cy = sy;
            last = 'z';
            continue;
        }
        long long px[3], py[3];
        for (int k = 0; k < npts; k++) {
            double x = h[1 + k].point.x, y = h[1 + k].point.y;
            cairo_user_to_device(cr, &x, &y);
            px[k] = hundredths(x);
            py[k] = hundredths(y);
        }
        /* A move right after a close starts where the close ended: the
         * same point twice is written once. */
        if (cmd == 'm' && last == 'z' && px[0] == cx && py[0] == cy)
            continue;
        /* Pairs after a moveto are linetos: no letter needed. */
        bool letter = !(cmd == last || (cmd == 'l' && last == 'm'));
        if (letter)
            putc(cmd, out);
        for (int k = 0; k < npts; k++)
            put_pair(out, px[k] - cx, py[k] - cy, letter && k == 0);
        cx = px[npts - 1], cy = py[npts - 1];
        if (cmd == 'm')
            sx = cx, sy = cy;
        last = cmd;
    }
    cairo_path_destroy(path);
}

/* The factor cr's transformation scales lengths by. */
static double user_scale(cairo_t *cr)
{
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    return sqrt(fabs(m.xx * m.yy - m.xy * m.yx));
}

static int channel(double v)
{
    return v <= 0 ? 0 : v >= 1 ? 255 : (int)lround(v * 255);
}

static void put_rgb(FILE *out, double r, double g, double b)
{
    int c[3] = { channel(r), channel(g), channel(b) };
    if (c[0] % 17 == 0 && c[1] % 17 == 0 && c[2] % 17 == 0)
        fprintf(out, "#%x%x%x", c[0] / 17, c[1] / 17, c[2] / 17);
    else
        fprintf(out, "#%02x%02x%02x", c[0], c[1], c[2]);
}

/* `attr`="colour" for cr's source, and its opacity when not opaque.  Only
 * solid sources are drawn by ironriver. */
static void put_source(FILE *out, cairo_t *cr, const char *attr)
{
    double r = 0, g = 0, b = 0, a = 1;
    cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a);
    fprintf(out, " %s=\"", attr);
    put_rgb(out, r, g, b);
    putc('"', out);
    if (a < 1) {
        fprintf(out, " %s-opacity=\"%.3g\"", attr, a);
    }
}

void ir_svgdoc_fill(ir_svgdoc *d, cairo_t *cr)
{
    fputs("<path d=\"", d->body);
    put_path_data(d->body, cr);
    putc('"', d->body);
    put_source(d->body, cr, "fill");
    if (cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_EVEN_ODD)
        fputs(" fill-rule=\"evenodd\"", d->body);
    fputs("/>\n", d->body);
}

/* The stroke's paint, width, join and cap, as cr has them. */
static void put_stroke(FILE *out, cairo_t *cr)
{
    put_source(out, cr, "stroke");
    fputs(" stroke-width=\"", out);
    put_number(out, cairo_get_line_width(cr) * user_scale(cr));
    putc('"', out);
    switch (cairo_get_line_join(cr)) {
    case CAIRO_LINE_JOIN_ROUND:
        fputs(" stroke-linejoin=\"round\"", out);
        break;
    case CAIRO_LINE_JOIN_BEVEL:
        fputs(" stroke-linejoin=\"bevel\"", out);
        break;
    default:
        fprintf(out, " stroke-miterlimit=\"%g\"", cairo_get_miter_limit(cr));
    }
    if (cairo_get_line_cap(cr) == CAIRO_LINE_CAP_ROUND)
        fputs(" stroke-linecap=\"round\"", out);
    else if (cairo_get_line_cap(cr) == CAIRO_LINE_CAP_SQUARE)
        fputs(" stroke-linecap=\"square\"", out);
}

void ir_svgdoc_stroke(ir_svgdoc *d, cairo_t *cr)
{
    fputs("<path d=\"", d->body);
    put_path_data(d->body, cr);
    fputs("\" fill=\"none\"", d->body);
    put_stroke(d->body, cr);
    fputs("/>\n", d->body);
}

void ir_svgdoc_fill_stroke(ir_svgdoc *d, cairo_t *cr, const double fill[3])
{
    fputs("<path d=\"", d->body);
    put_path_data(d->body, cr);
    fputs("\" fill=\"", d->body);
    put_rgb(d->body, fill[0], fill[1], fill[2]);
    putc('"', d->body);
    if (cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_EVEN_ODD)
        fputs(" fill-rule=\"evenodd\"", d->body);
    put_stroke(d->body, cr);
    fputs("/>\n", d->body);
}

void ir_svgdoc_paint(ir_svgdoc *d, cairo_t *cr)
{
    fputs("<rect width=\"", d->body);
    put_number(d->body, d->width_pt);
    fputs("\" height=\"", d->body);
    put_number(d->body, d->height_pt);
    putc('"', d->body);
    put_source(d->body, cr, "fill");
    fputs("/>\n", d->body);
}

static void push_group(ir_svgdoc *d, bool clip)
{
    if (ir_grow((void **)&d->open, &d->cap, d->nopen + 1, sizeof *d->open)) {
        d->failed = true;
        return;
    }
    d->open[d->nopen++] = (open_group){ clip, d->depth };
}

void ir_svgdoc_clip(ir_svgdoc *d, cairo_t *cr)
{
    int id = ++d->nclips;
    fprintf(d->defs, "<clipPath id=\"clip%d\"><path d=\"", id);
    put_path_data(d->defs, cr);
    putc('"', d->defs);
    if (cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_EVEN_ODD)
        fputs(" clip-rule=\"evenodd\"", d->defs);
    fputs("/></clipPath>\n", d->defs);
    fprintf(d->body, "<g clip-path=\"url(#clip%d)\">\n", id);
    push_group(d, true);
}

void ir_svgdoc_save(ir_svgdoc *d) { d->depth++; }

void ir_svgdoc_restore(ir_svgdoc *d)
{
    while (d->nopen > 0 && d->open[d->nopen - 1].clip &&
           d->open[d->nopen - 1].depth == d->depth) {
        fputs("</g>\n", d->body);
        d->nopen--;
    }
    if (d->depth > 0)
        d->depth--;
}

/* id, as an XML name (ASCII letters, digits, '-', '_', '.'; a letter
 * first) not used before in the document. */
static void put_unique_id(ir_svgdoc *d, const char *id)
{
    char name[128];
    size_t n = 0;
    if (!((id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= 'a' && id[0] <= 'z')))
        name[n++] = 'g';
    for (const char *s = id; *s && n + 12 < sizeof name; s++) {
        char c = *s;
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                  (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        name[n++] = ok ? c : '-';
    }
    name[n] = '\0';
    int64_t seen = 0;
    ir_strmap_get(d->ids, name, n, &seen);
    if (ir_strmap_put(d->ids, name, n, seen + 1) == NULL)
        d->failed = true;
    if (seen > 0) {
        /* "flow-a-2" may itself be taken by an id given so: count on. */
        char again[160];
        int64_t k = seen + 1;
        for (;;) {
            int m = snprintf(again, sizeof again, "%s-%lld", name, (long long)k);
            int64_t taken = 0;
            if (!ir_strmap_get(d->ids, again, (size_t)m, &taken)) {
                if (ir_strmap_put(d->ids, again, (size_t)m, 1) == NULL)
                    d->failed = true;
                fputs(again, d->body);
                return;
            }
            k++;
        }
    }
    fputs(name, d->body);
}

static void put_attr(FILE *out, const char *name, const char *value)
{
    if (!value)
        return;
    fprintf(out, " %s=\"", name);
    ir_svgdoc_escape(out, value, strlen(value));
    putc('"', out);
}

void ir_svgdoc_group_begin(ir_svgdoc *d, const ir_svgdoc_group *g)
{
    fputs("<g id=\"", d->body);
    put_unique_id(d, g->id);
    putc('"', d->body);
    if (g->label) {
        fputs(" inkscape:groupmode=\"layer\"", d->body);
        put_attr(d->body, "inkscape:label", g->label);
    }
    put_attr(d->body, "class", g->class_name);
    put_attr(d->body, "data-places", g->places);
    /* Reachable by keyboard in a web page, as by hover. */
    if (!g->label && g->title)
        fputs(" tabindex=\"0\"", d->body);
    fputs(">\n", d->body);
    if (g->title) {
        fputs("<title>", d->body);
        ir_svgdoc_escape(d->body, g->title, strlen(g->title));
        fputs("</title>\n", d->body);
    }
    push_group(d, false);
}

void ir_svgdoc_group_end(ir_svgdoc *d)
{
    /* Clip groups left open inside (a clip without its restore) end with
     * the group they are in. */
    while (d->nopen > 0) {
        bool clip = d->open[--d->nopen].clip;
        fputs("</g>\n", d->body);
        if (!clip)
            break;
    }
}

void ir_svgdoc_text_begin(ir_svgdoc *d, cairo_t *cr, const ir_svgdoc_font *f)
{
    double s = user_scale(cr);
    fputs("<text font-family=\"", d->body);
    ir_svgdoc_escape(d->body, f->family, strlen(f->family));
    fputs("\" font-size=\"", d->body);
    put_number(d->body, f->size_pt * s);
    putc('"', d->body);
    if (f->weight != 400)
        fprintf(d->body, " font-weight=\"%d\"", f->weight);
    fputs(" fill=\"", d->body);
    put_rgb(d->body, f->r, f->g, f->b);
    putc('"', d->body);
    if (f->halo_pt > 0) {
        fputs(" stroke=\"#fff\" stroke-width=\"", d->body);
        put_number(d->body, f->halo_pt * s);
        fputs("\" stroke-linejoin=\"round\" paint-order=\"stroke\"", d->body);
    }
    if (f->anchor >= 0)
        fputs(f->anchor == 0 ? " text-anchor=\"middle\"" : " text-anchor=\"end\"",
              d->body);
    fputs(" xml:space=\"preserve\">", d->body);
}

void ir_svgdoc_text_line(ir_svgdoc *d, cairo_t *cr, double x, double y,
                         const char *text, size_t len)
{
    cairo_user_to_device(cr, &x, &y);
    fputs("<tspan x=\"", d->body);
    put_number(d->body, x);
    fputs("\" y=\"", d->body);
    put_number(d->body, y);
    fputs("\">", d->body);
    ir_svgdoc_escape(d->body, text, len);
    fputs("</tspan>", d->body);
}

void ir_svgdoc_text_end(ir_svgdoc *d) { fputs("</text>\n", d->body); }

static char *copy_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

void ir_svgdoc_set_head(ir_svgdoc *d, const char *title,
                        const char *description, const char *language)
{
    free(d->title);
    free(d->description);
    free(d->language);
    d->title = copy_or_null(title);
    d->description = copy_or_null(description);
    d->language = copy_or_null(language);
}

int ir_svgdoc_write(ir_svgdoc *d, FILE *out)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    return ir_svgdoc_write_element(d, out);
}

int ir_svgdoc_write_element(ir_svgdoc *d, FILE *out)
{
    while (d->nopen > 0)
        ir_svgdoc_group_end(d);
    if (fflush(d->body) != 0 || fflush(d->defs) != 0 || d->failed)
        return -1;
    fputs("<svg xmlns=\"http://www.w3.org/2000/svg\" "
          "xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" "
          "version=\"1.1\" width=\"", out);
    put_number(out, d->width_pt);
    fputs("pt\" height=\"", out);
    put_number(out, d->height_pt);
    fputs("pt\" viewBox=\"0 0 ", out);
    put_number(out, d->width_pt);
    putc(' ', out);
    put_number(out, d->height_pt);
    putc('"', out);
    if (d->language && *d->language) {
        fputs(" xml:lang=\"", out);
        ir_svgdoc_escape(out, d->language, strlen(d->language));
        putc('"', out);
    }
    fputs(">\n", out);
    if (d->title) {
        fputs("<title>", out);
        ir_svgdoc_escape(out, d->title, strlen(d->title));
        fputs("</title>\n", out);
    }
    if (d->description) {
        fputs("<desc>", out);
        ir_svgdoc_escape(out, d->description, strlen(d->description));
        fputs("</desc>\n", out);
    }
    if (d->defs_len > 0) {
        fputs("<defs>\n", out);
        fwrite(d->defs_buf, 1, d->defs_len, out);
        fputs("</defs>\n", out);
    }
    fwrite(d->body_buf, 1, d->body_len, out);
    fputs("</svg>\n", out);
    return ferror(out) ? -1 : 0;
}

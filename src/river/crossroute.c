/*
 * crossroute: the crossings in river mode.  See crossroute.h.
 *
 * The crossings named in the input take two steps: one libcsv pass over the file collects the distinct values
 * of the crossing column (and the line each first appears on, for
 * messages); then the file is aggregated once per crossing with that
 * value as one more --where filter.  A dozen crossings mean a dozen
 * passes, which the aggregator's speed makes cheap next to drawing.
 */
#include "crossroute.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_VALUES 64

ir_point *ir_crossroute_project(const ir_crossings *crossings,
                                const ir_projection *proj, ir_error *err)
{
    size_t n = ir_crossings_count(crossings);
    ir_point *xy = malloc((n ? n : 1) * sizeof *xy);
    if (xy == NULL) {
        ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        const ir_crossing *c = ir_crossings_at(crossings, i);
        double p[2] = { c->lon, c->lat };
        ir_projection_forward(proj, p, 1);
        if (isnan(p[0]) || isnan(p[1])) {
            ir_error_set(err, IR_EINPUT, ir_crossings_path(crossings), -1,
                         "lat", "crossing '%s' cannot be projected", c->id);
            free(xy);
            return NULL;
        }
        xy[i] = (ir_point){ p[0], p[1] };
    }
    return xy;
}

typedef struct scan {
    const char *path, *column;
    int col;                 /* -1 until the header is read */
    int field;
    long line;
    char values[MAX_VALUES][128];
    long first_line[MAX_VALUES];
    int nvalues;
    int rc;
    ir_error *err;
} scan;

static void trim(char *s)
{
    size_t n = strlen(s), i = 0;
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    while (isspace((unsigned char)s[i]))
        i++;
    memmove(s, s + i, n - i + 1);
}

static void on_field(void *data, size_t len, void *ctx)
{
    scan *s = ctx;
    int k = s->field++;
    if (s->rc)
        return;
    char v[128];
    snprintf(v, sizeof v, "%.*s", (int)(len < 127 ? len : 127),
             (const char *)data);
    trim(v);
    if (s->line == 0) {
        /* The header: the column by name, or by its number. */
        char *end;
        long idx = strtol(s->column, &end, 10);
        if (*end == '\0' && idx >= 1)
            s->col = (int)idx - 1;
        else if (strcasecmp(v, s->column) == 0 ||
                 (k == 0 && strncmp(v, "\xEF\xBB\xBF", 3) == 0 &&
                  strcasecmp(v + 3, s->column) == 0))
            s->col = k;
        return;
    }
    if (k != s->col || v[0] == '\0')
        return;
    for (int i = 0; i < s->nvalues; i++)
        if (strcmp(s->values[i], v) == 0)
            return;
    if (s->nvalues == MAX_VALUES) {
        s->rc = ir_error_line(s->err, IR_EINPUT, s->path, s->line + 1,
                              s->column, "more than %d different crossings",
                              MAX_VALUES);
        return;
    }
    snprintf(s->values[s->nvalues], sizeof s->values[0], "%s", v);
    s->first_line[s->nvalues++] = s->line + 1;
}

static void on_row(int term, void *ctx)
{
    (void)term;
    scan *s = ctx;
    if (s->line == 0 && s->col < 0 && s->rc == 0)
        s->rc = ir_error_line(s->err, IR_EUSAGE, s->path, 1, s->column,
                              "no column '%s' for the crossings", s->column);
    s->line++;
    s->field = 0;
}

static char sniff_delimiter(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return ',';
    int c, counts[3] = { 0 };
    while ((c = fgetc(fp)) != EOF && c != '\n')
        counts[0] += c == ',', counts[1] += c == ';', counts[2] += c == '\t';
    fclose(fp);
    if (counts[1] > counts[0] && counts[1] >= counts[2])
        return ';';
    if (counts[2] > counts[0])
        return '\t';
    return ',';
}

static int crossing_of(const ir_crossings *cs, const char *v)
{
    for (size_t i = 0; i < ir_crossings_count(cs); i++) {
        const ir_crossing *c = ir_crossings_at(cs, i);
        if (strcasecmp(c->id, v) == 0 || strcasecmp(c->name_en, v) == 0 ||
            strcasecmp(c->name_es, v) == 0)
            return (int)i;
    }
    return -1;
}

int ir_crossroute_read(const char *path, const char *column,
                       const ir_states *states,
                       const ir_aggregate_options *agg,
                       const ir_crossings *crossings, const ir_flowmap *map,
                       ir_river_route **routes, size_t *n, ir_error *err)
{
    *routes = NULL;
    *n = 0;
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot open: %s",
                            strerror(errno));
    scan *s = calloc(1, sizeof *s);
    struct csv_parser p;
    if (s == NULL || csv_init(&p, CSV_APPEND_NULL) != 0) {
        fclose(fp);
        free(s);
        return ir_error_set(err, IR_EINTERNAL, path, -1, NULL,
                            "out of memory");
    }
    *s = (scan){ .path = path, .column = column, .col = -1, .err = err };
    csv_set_delim(&p, (unsigned char)(agg->delimiter ? agg->delimiter
                                                     : sniff_delimiter(path)));
    char buf[65536];
    size_t got;
    while (s->rc == 0 && (got = fread(buf, 1, sizeof buf, fp)) > 0)
        if (csv_parse(&p, buf, got, on_field, on_row, s) != got)
            s->rc = ir_error_line(err, IR_EINPUT, path, s->line + 1, NULL,
                                  "%s", csv_strerror(csv_error(&p)));
    if (s->rc == 0)
        csv_fini(&p, on_field, on_row, s);
    csv_free(&p);
    fclose(fp);
    int rc = s->rc;
    const ir_flow *f;
    size_t nf = ir_flowmap_flows(map, &f);
    ir_river_route *out = malloc((nf * (size_t)(s->nvalues + 1) + 1) *
                                 sizeof *out);
    if (rc == 0 && out == NULL)
        rc = ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
    size_t k = 0;
    double *routed = calloc(nf + 1, sizeof *routed);
    const char **where = malloc((agg->nwhere + 1) * sizeof *where);
    if (rc == 0 && (routed == NULL || where == NULL))
        rc = ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
    for (int v = 0; rc == 0 && v < s->nvalues; v++) {
        int c = crossing_of(crossings, s->values[v]);
        if (c < 0) {
            rc = ir_error_line(err, IR_EINPUT, path, s->first_line[v], column,
                               "'%s' is no crossing of the crossings file "
                               "(an id or a name)", s->values[v]);
            break;
        }
        /* The whole file again, kept to this crossing's rows. */
        char filter[300];
        snprintf(filter, sizeof filter, "%s=%s", column, s->values[v]);
        for (size_t i = 0; i < agg->nwhere; i++)
            where[i] = agg->where[i];
        where[agg->nwhere] = filter;
        ir_aggregate_options o = *agg;
        o.where = where;
        o.nwhere = agg->nwhere + 1;
        o.progress = false;
        ir_aggregate_report rep;
        ir_od *od = ir_aggregate_file(path, states, &o, &rep, err);
        if (od == NULL) {
            rc = err->status;
            break;
        }
        ir_aggregate_report_free(&rep);
        const ir_od_pair *pairs;
        size_t np = ir_od_pairs(od, &pairs);
        for (size_t i = 0; i < np; i++)
            for (size_t j = 0; j < nf; j++)
                if (f[j].origin == pairs[i].origin &&
                    f[j].destination == pairs[i].destination) {
                    out[k++] = (ir_river_route){ j, c, pairs[i].weight, false, false };
                    routed[j] += pairs[i].weight;
                }
        ir_od_destroy(od);
    }
    /* What no row's crossing accounts for takes the shortest route. */
    for (size_t j = 0; rc == 0 && j < nf; j++) {
        double rest = f[j].weight - routed[j];
        if (rest > 1e-9 * f[j].weight)
            out[k++] = (ir_river_route){ j, -1, rest, false, false };
    }
    free(routed);
    free(where);
    free(s);
    if (rc != 0) {
        free(out);
        return rc;
    }
    *routes = out;
    *n = k;
    return 0;
}

/* A CSV field, quoted when it holds a delimiter, quote or line break. */
static void csv_field(const char *v, FILE *fp)
{
    if (strpbrk(v, ",\"\r\n") == NULL) {
        fputs(v, fp);
        return;
    }
    fputc('"', fp);
    for (; *v; v++) {
        if (*v == '"')
            fputc('"', fp);
        fputc(*v, fp);
    }
    fputc('"', fp);
}

void ir_crossroute_write_csv(const ir_river *river,
                             const ir_crossings *crossings, const char *lang,
                             FILE *fp)
{
    const ir_river_route *rt;
    size_t n = ir_river_routes(river, &rt);
    const ir_flow *f;
    ir_flowmap_flows(ir_river_map(river), &f);
    bool es = lang && strcmp(lang, "es") == 0;
    fputs("origin,destination,crossing,crossing_name,weight,routed_by\n", fp);
    for (size_t i = 0; i < n; i++) {
        const ir_flow *fl = &f[rt[i].flow];
        const ir_crossing *x = ir_crossings_at(crossings, (size_t)rt[i].crossing);
        char w[64];
        ir_od_format_weight(rt[i].weight, w, sizeof w);
        csv_field(fl->origin ? fl->origin->iso : "", fp);
        fputc(',', fp);
        csv_field(fl->destination ? fl->destination->iso : "", fp);
        fputc(',', fp);
        csv_field(x->id, fp);
        fputc(',', fp);
        csv_field(es ? x->name_es : x->name_en, fp);
        fprintf(fp, ",%s,%s\n", w, rt[i].spread     ? "spread route"
                                  : rt[i].shortest ? "shortest route"
                                                   : "data");
    }
}

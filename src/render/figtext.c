/*
 * figtext: the words of a flow map.  See figtext.h.
 */
#include "figtext.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "base/text.h"
#include "layout/change.h"

static bool is_es(const ir_figtext *t)
{
    return t->lang != NULL && strcmp(t->lang, "es") == 0;
}

/* A share as the note writes it, to a tenth of a percent, without the
 * sign: "40.1" / "40,1". */
static void percent_of(const ir_figtext *t, double fraction, char *buf,
                       size_t cap)
{
    snprintf(buf, cap, "%.1f", 100 * fraction);
    if (is_es(t))
        for (char *p = buf; *p; p++)
            if (*p == '.')
                *p = ',';
}

/* What a sentence of the note says of the share of the total that some
 * flows carry: ", 2.1% of the total," (en; form 0), ", con el 2,1 % del
 * total" (es; form 0, with a comma after when `comma`), " (2.1% of the
 * total)" (form 1).  Nothing on a map of change, whose widths are the
 * larger of two periods: their sum is the total of neither. */
static void share_clause(const ir_figtext *t, const ir_flowmap *map,
                         double fraction, int form, bool comma, char *buf,
                         size_t cap)
{
    buf[0] = '\0';
    if (ir_flowmap_is_change(map))
        return;
    char pct[32];
    percent_of(t, fraction, pct, sizeof pct);
    if (form == 1)
        snprintf(buf, cap, is_es(t) ? " (el %s\u00a0%% del total)"
                                    : " (%s%% of the total)", pct);
    else if (is_es(t))
        snprintf(buf, cap, ", con el %s\u00a0%% del total%s", pct,
                 comma ? "," : "");
    else
        snprintf(buf, cap, ", %s%% of the total,", pct);
}

/* The share note's template with its numbers filled in. */
static size_t share_sentence(const ir_figtext *t, const ir_flowmap *map,
                             double share_of, double share_also, char *buf,
                             size_t cap)
{
    const ir_flow *f;
    size_t n = ir_flowmap_flows(map, &f), len = 0;
    double drawn = 0;
    for (size_t i = 0; i < n; i++)
        drawn += f[i].weight;
    const char *lang = t->lang;
    char vals[6][64];
    snprintf(vals[0], sizeof vals[0], "%zu", n);
    ir_text_number(drawn, lang, vals[1], sizeof vals[1]);
    ir_text_number(share_of, lang, vals[2], sizeof vals[2]);
    ir_text_percent(share_of > 0 ? drawn / share_of : 0, lang, vals[3],
                    sizeof vals[3]);
    ir_text_number(share_also, lang, vals[4], sizeof vals[4]);
    ir_text_percent(share_also > 0 ? drawn / share_also : 0, lang, vals[5],
                    sizeof vals[5]);
    static const char *const keys[6] = { "{flows}", "{drawn}", "{total}",
                                         "{share}", "{total2}", "{share2}" };
    for (const char *p = t->share_note; *p && len + 1 < cap;) {
        int k = 0;
        while (k < 6 && strncmp(p, keys[k], strlen(keys[k])) != 0)
            k++;
        if (k < 6) {
            len += (size_t)snprintf(buf + len, cap - len, "%s", vals[k]);
            p += strlen(keys[k]);
        } else {
            buf[len++] = *p++;
        }
    }
    if (len >= cap)
        len = cap - 1;
    buf[len] = '\0';
    return len;
}

/* The sentence for flows with no boundary to be drawn in, appended at
 * buf + len: "2 flows (9.3% of the total) are not drawn: no boundary for
 * Arizona and Sonora." */
static size_t unplaced_sentence(const ir_figtext *t, const ir_flowmap *map,
                                double total, char *buf, size_t len,
                                size_t cap)
{
    double weight;
    const ir_state *const *ends;
    size_t nends;
    bool more;
    size_t n = ir_flowmap_unplaced(map, &weight, &ends, &nends, &more);
    if (n == 0 || !(total > 0) || len + 1 >= cap)
        return len;
    bool es = is_es(t);
    char share[64];
    share_clause(t, map, weight / total, 0, true, share, sizeof share);
    char count[32];
    snprintf(count, sizeof count, "%zu", n);
    len += (size_t)snprintf(
        buf + len, cap - len,
        n == 1 ? (es ? "%s%s flujo%s no se dibuja: no hay contorno de "
                     : "%s%s flow%s is not drawn: no boundary for ")
               : (es ? "%s%s flujos%s no se dibujan: no hay contorno de "
                     : "%s%s flows%s are not drawn: no boundary for "),
        len ? " " : "", count, share);
    const char *named[IR_FLOWMAP_UNPLACED_NAMES];
    for (size_t i = 0; i < nends && i < IR_FLOWMAP_UNPLACED_NAMES; i++)
        named[i] = es ? ends[i]->name_es : ends[i]->name_en;
    len = ir_text_append_list(buf, len, cap, named, nends, es);
    if (len < cap)
        len += (size_t)snprintf(buf + len, cap - len, "%s.",
                                more ? (es ? " y otros" : " and others") : "");
    return len < cap ? len : cap - 1;
}

/* The long tail drawn faded, and what it carries. */
static void faded_sentence(const ir_figtext *t, const ir_flowmap *map,
                           double total, char *buf, size_t len, size_t cap)
{
    double weight;
    size_t n = ir_flowmap_faded(map, &weight);
    if (n == 0 || total <= 0 || len + 1 >= cap)
        return;
    bool es = is_es(t);
    char count[32], share[32];
    ir_text_number((double)n, t->lang, count, sizeof count);
    percent_of(t, weight / total, share, sizeof share);
    snprintf(buf + len, cap - len,
             es ? "%sLos %s flujos de menos de una décima parte del mayor "
                  "(el %s %% del total) se dibujan atenuados."
                : "%sThe %s flows under a tenth of the largest (%s%% of the "
                  "total) are drawn faded.",
             len ? " " : "", count, share);
}

/* Flows too thin to see, counted in their destinations' totals. */
static void folded_sentence(const ir_figtext *t, const ir_flowmap *map,
                            double total, char *buf, size_t len, size_t cap)
{
    double weight, below;
    size_t n = ir_flowmap_folded(map, &weight, &below);
    if (n == 0 || total <= 0 || len + 1 >= cap)
        return;
    bool es = is_es(t);
    char count[32], under[32], share[64];
    ir_text_number((double)n, t->lang, count, sizeof count);
    ir_text_number(ceil(below), t->lang, under, sizeof under);
    share_clause(t, map, weight / total, 1, false, share, sizeof share);
    if (es)
        snprintf(buf + len, cap - len,
                 n == 1 ? "%s%s flujo de menos de %s armas, demasiado fino "
                          "para verse%s, no se dibuja: se cuenta en los "
                          "totales de sus lugares."
                        : "%s%s flujos de menos de %s armas, demasiado finos "
                          "para verse%s, no se dibujan: se cuentan en los "
                          "totales de sus lugares.",
                 len ? " " : "", count, under, share);
    else
        snprintf(buf + len, cap - len,
                 n == 1 ? "%s%s flow of under %s firearms, too thin to see"
                          "%s, is not drawn but counted in its places' "
                          "totals."
                        : "%s%s flows of under %s firearms, too thin to see"
                          "%s, are not drawn but counted in their places' "
                          "totals.",
                 len ? " " : "", count, under, share);
}

/* How many places were merged into how many nodes, counted in their
 * kind when every merged node leads places of one kind. */
static void cluster_sentence(const ir_figtext *t, const ir_flowmap *map,
                             char *buf, size_t len, size_t cap)
{
    size_t clusters, places;
    ir_flowmap_clusters(map, &clusters, &places);
    if (clusters == 0 || len + 1 >= cap)
        return;
    bool es = is_es(t);
    const ir_node *nodes;
    size_t nn = ir_flowmap_nodes(map, &nodes);
    const char *kind = NULL;
    bool mixed = false;
    for (size_t i = 0; i < nn; i++) {
        if (nodes[i].members < 2 || nodes[i].state == NULL)
            continue;
        const char *k = ir_cluster_kind_plural(nodes[i].state->level, es);
        mixed |= kind != NULL && strcmp(kind, k) != 0;
        kind = k;
    }
    if (kind == NULL || mixed)
        kind = ir_cluster_kind_plural(NULL, es);
    char a[32], b[32];
    ir_text_number((double)places, t->lang, a, sizeof a);
    ir_text_number((double)clusters, t->lang, b, sizeof b);
    bool feminine = es && (strcmp(kind, "armerías") == 0 ||
                           strcmp(kind, "ciudades") == 0);
    if (es)
        snprintf(buf + len, cap - len,
                 "%s%s %s muy %s en el mapa se muestran %s en %s %s, "
                 "%scon el nombre %s.",
                 len ? " " : "", a, kind,
                 feminine ? "próximas" : "próximos",
                 feminine ? "agrupadas" : "agrupados", b,
                 clusters == 1 ? "nodo" : "nodos",
                 clusters == 1 ? "" : "cada uno ",
                 feminine ? "de la mayor" : "del mayor");
    else
        snprintf(buf + len, cap - len,
                 "%s%s %s close together on the map are shown merged into "
                 "%s %s, %snamed after its largest.",
                 len ? " " : "", a, kind, b, clusters == 1 ? "node" : "nodes",
                 clusters == 1 ? "" : "each ");
}

/* The share sentence, the source, and what the thresholds left out. */
void ir_figtext_note(const ir_figtext *t, const ir_flowmap *map, char *buf,
                     size_t cap)
{
    size_t count;
    double left, total;
    ir_flowmap_omitted(map, &count, &left, &total);
    bool es = is_es(t);
    size_t len = 0;
    buf[0] = '\0';
    if (t->share_note && *t->share_note)
        len = share_sentence(t, map, t->share_of > 0 ? t->share_of : total,
                             t->share_also, buf, cap);
    if (t->source && len + 1 < cap)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? " " : "",
                                t->source);
    if (len >= cap)
        len = cap - 1;
    if (count > 0 && total > 0 && len < cap) {
        char share[64];
        share_clause(t, map, left / total, 0, false, share, sizeof share);
        if (count == 1)
            snprintf(buf + len, cap - len,
                     es ? "%sNo se muestra 1 flujo menor%s."
                        : "%s1 smaller flow%s is not shown.",
                     len ? " " : "", share);
        else
            snprintf(buf + len, cap - len,
                     es ? "%sNo se muestran %zu flujos menores%s."
                        : "%s%zu smaller flows%s are not shown.",
                     len ? " " : "", count, share);
    }
    unplaced_sentence(t, map, total, buf, strlen(buf), cap);
    folded_sentence(t, map, total, buf, strlen(buf), cap);
    faded_sentence(t, map, total, buf, strlen(buf), cap);
    cluster_sentence(t, map, buf, strlen(buf), cap);
}

/* Where the flows end, as the alt text says it: "Mexican states",
 * "Mexico", then each other country in the order of its widest flow
 * ("Mexican states, Guatemala and Honduras"). */
static void destinations_phrase(const ir_flow *f, size_t n, bool es,
                                char *buf, size_t cap)
{
    const char *part[16] = { NULL };
    size_t np = 0;
    bool states = false, mexico = false;
    const ir_state *place[4];
    size_t nplace = 0;
    bool many = false;
    for (size_t k = 0; k < n; k++) {
        const ir_state *d = f[k].destination;
        states |= d->kind != IR_STATE_COUNTRY && d->kind != IR_STATE_PLACE;
        mexico |= d->kind == IR_STATE_COUNTRY && strcmp(d->iso, "MX") == 0;
        if (d->kind != IR_STATE_PLACE)
            continue;
        bool seen = false;
        for (size_t i = 0; i < nplace; i++)
            seen |= place[i] == d;
        if (!seen && nplace < 4)
            place[nplace++] = d;
        else if (!seen)
            many = true;
    }
    if (states)
        part[np++] = es ? "estados de México" : "Mexican states";
    if (mexico)
        part[np++] = es ? "México" : "Mexico";
    /* A few places of a places table by name ("Mexico, Guatemala, El
     * Salvador and Honduras" for a node standing for four countries);
     * more by their kind. */
    if (nplace > 3 || many) {
        part[np++] = ir_cluster_kind_plural(place[0]->level, es);
    } else {
        for (size_t i = 0; i < nplace; i++)
            part[np++] = es ? place[i]->name_es : place[i]->name_en;
    }
    /* Other countries by the order of their first flow, which is the
     * drawing order: the same for the same input. */
    for (size_t k = 0; k < n && np < 16; k++) {
        const ir_state *d = f[k].destination;
        if (d->kind != IR_STATE_COUNTRY || strcmp(d->iso, "MX") == 0)
            continue;
        const char *name = es ? d->name_es : d->name_en;
        bool seen = false;
        for (size_t i = 0; i < np; i++)
            seen |= part[i] == name;
        if (!seen)
            part[np++] = name;
    }
    buf[0] = '\0';
    ir_text_append_list(buf, 0, cap, part, np, es);
}

/* Where the flows start: "U.S. states", or, when some origins are
 * places of a places table, those places ("U.S. dealers" when all are of
 * one kind). */
static void origins_phrase(const ir_flowmap *map, bool es, char *buf,
                           size_t cap)
{
    const ir_node *nodes;
    size_t nn = ir_flowmap_nodes(map, &nodes);
    const char *kind = NULL;
    bool states = false, mixed = false;
    for (size_t i = 0; i < nn; i++) {
        const ir_state *s = nodes[i].state;
        if (!nodes[i].is_origin || s == NULL)
            continue;
        if (s->kind != IR_STATE_PLACE) {
            states = true;
            continue;
        }
        const char *k = ir_cluster_kind_plural(s->level, es);
        mixed |= kind != NULL && strcmp(kind, k) != 0;
        kind = k;
    }
    if (kind == NULL)
        snprintf(buf, cap, "%s", es ? "estados de EE. UU." : "U.S. states");
    else if (states || mixed)
        snprintf(buf, cap, "%s", es ? "estados y lugares de EE. UU."
                                    : "U.S. states and places");
    else
        snprintf(buf, cap, es ? "%s de EE. UU." : "U.S. %s", kind);
}

/* A short text alternative: what the figure shows, its largest flows
 * with their shares, and the figure's note, in the figure's language. */
void ir_figtext_alt(const ir_figtext *t, const ir_flowmap *map,
                    const char *note, FILE *fp)
{
    bool es = is_es(t);
    const ir_flow *f;
    size_t n = ir_flowmap_flows(map, &f), count;
    double left, total;
    ir_flowmap_omitted(map, &count, &left, &total);
    char num[64];
    ir_text_number(total, t->lang, num, sizeof num);
    if (t->title)
        fprintf(fp, "%s. ", t->title);
    /* Data without state detail end in the country, not in its states. */
    char to[512];
    destinations_phrase(f, n, es, to, sizeof to);
    if (n == 0)
        snprintf(to, sizeof to, "%s", es ? "estados de México"
                                          : "Mexican states");
    char from[96];
    origins_phrase(map, es, from, sizeof from);
    bool change = ir_flowmap_is_change(map) && t->periods[0] && t->periods[1];
    if (change) {
        char na[64], nb[64];
        ir_text_number(t->period_totals[0], t->lang, na, sizeof na);
        ir_text_number(t->period_totals[1], t->lang, nb, sizeof nb);
        fprintf(fp, es ? "Mapa del cambio de %s a %s en las armas de fuego "
                         "de %s a %s: %s en %s y %s en %s."
                       : "Map of the change from %s to %s in the firearms "
                         "from %s to %s: %s in %s and %s in %s.",
                t->periods[0], t->periods[1], from, to, na, t->periods[0], nb,
                t->periods[1]);
    } else {
        fprintf(fp, es ? "Mapa de flujos de %s armas de fuego de %s a %s."
                       : "Flow map of %s firearms from %s to %s.",
                num, from, to);
    }
    fputs(es ? " Los flujos mayores:" : " The largest flows:", fp);
    const ir_node *nodes = NULL;
    if (ir_flowmap_nodes(map, &nodes) == 0)
        nodes = NULL;
    for (size_t k = 0, shown = 0; k < n && shown < 5; k++) {
        /* f is in drawing order (widest first): the heaviest lead. */
        const ir_flow *x = &f[k];
        ir_text_number(x->weight, t->lang, num, sizeof num);
        double of = t->share_of > 0 ? t->share_of : total;
        double share = of > 0 ? 100 * x->weight / of : 0;
        char pct[16];
        snprintf(pct, sizeof pct, "%.1f", share);
        if (es)
            for (char *p = pct; *p; p++)
                if (*p == '.')
                    *p = ',';
        char a[96], b[96];
        if (nodes) {
            ir_flowmap_node_name(&nodes[x->from_node], t->lang, a, sizeof a);
            ir_flowmap_node_name(&nodes[x->to_node], t->lang, b, sizeof b);
        }
        if (change) {
            char wa[64], wb[64], c[64];
            ir_text_number(x->weight_a, t->lang, wa, sizeof wa);
            ir_text_number(x->weight_b, t->lang, wb, sizeof wb);
            ir_change_text(x->weight_a, x->weight_b, t->lang, c, sizeof c);
            fprintf(fp, es ? "%s %s a %s, %s en %s y %s en %s (%s)"
                           : "%s %s to %s, %s in %s and %s in %s (%s)",
                    shown ? ";" : "", nodes ? a : "", nodes ? b : "", wa,
                    t->periods[0], wb, t->periods[1], c);
        } else {
            fprintf(fp, "%s %s %s %s, %s (%s%s)", shown ? ";" : "",
                    nodes ? a : "", es ? "a" : "to", nodes ? b : "", num,
                    pct, es ? "\u00a0%" : "%");
        }
        shown++;
    }
    fputs(".", fp);
    if (t->shading && *t->shading)
        fprintf(fp, " %s", t->shading);
    if (note && *note)
        fprintf(fp, " %s", note);
    fputs("\n", fp);
}

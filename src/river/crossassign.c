/*
 * crossassign: crossings chosen so that trees cross less.  See
 * crossassign.h.
 *
 * A tree's branch is taken as an edge: (origin, crossing) on the U.S.
 * side, (crossing, destination) on the Mexican one, present while some
 * route uses it.  Each present edge knows how many present edges of other
 * crossings it cuts (edges of one crossing meet at it, edges of one place
 * at that place, and neither counts).  A move sends a group of routes to
 * another crossing: every route of one U.S. edge, every route of one
 * Mexican edge, or one route alone; its gain is the cuts of the edges it
 * empties less those of the edges it opens, its price the extra length.
 * The groups are tried in a fixed order, for a few passes, taking the best
 * crossing for each group when it gains more than it costs.  Emptying an
 * edge used by many routes needs them moved together, which is why the
 * groups are edges and not only routes.
 */
#include "crossassign.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define DETOUR_PRICE 0.01  /* of the diagonal, for a flow of mean weight */
#define DETOUR_MAX 1.15    /* at most this times the shortest route */
#define PASSES 4
#define TOUCH_MAX 256      /* edges one move may change */

/* An edge's line, and its box: most pairs are told apart by the box. */
typedef struct seg {
    ir_point p, q;
    double x0, y0, x1, y1;
    int key;
} seg;

typedef struct side {
    int *count;            /* routes through each edge, by key */
    int *cuts;             /* present edges of other crossings it cuts */
    int *slot;             /* its place in present, or -1 */
    seg *present;
    size_t npresent;
} side;

typedef struct assign {
    const ir_flow *flows;
    const ir_node *nodes;
    const ir_point *crossings;
    size_t ncross, nkeys;
    ir_river_route *routes;
    size_t nroutes;
    bool *free_route;
    double *shortest_len;
    int *shortest_crossing;
    double unit;           /* weight x length that one cut is worth */
    side us, mx;           /* side 0 and 1 */
} assign;

static double route_len(const assign *a, const ir_river_route *x, int c)
{
    const ir_flow *f = &a->flows[x->flow];
    ir_point p = a->crossings[c];
    return hypot(p.x - f->from.x, p.y - f->from.y) +
           hypot(f->to.x - p.x, f->to.y - p.y);
}

static int key_of(const assign *a, const ir_river_route *x, int s, int c)
{
    const ir_flow *f = &a->flows[x->flow];
    return (int)((s == 0 ? f->from_node : f->to_node) * a->ncross + (size_t)c);
}

/* Either side's edge runs from its place to its crossing. */
static seg segment(const assign *a, int key)
{
    seg e = { a->nodes[(size_t)key / a->ncross].at,
              a->crossings[(size_t)key % a->ncross], 0, 0, 0, 0, key };
    e.x0 = fmin(e.p.x, e.q.x), e.x1 = fmax(e.p.x, e.q.x);
    e.y0 = fmin(e.p.y, e.q.y), e.y1 = fmax(e.p.y, e.q.y);
    return e;
}

static double orient(ir_point a, ir_point b, ir_point c)
{
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

/* Whether two edges cross properly: edges sharing an end (one crossing's,
 * or one place's) do not. */
static bool cut(const seg *e, const seg *f)
{
    if (e->x1 < f->x0 || f->x1 < e->x0 || e->y1 < f->y0 || f->y1 < e->y0)
        return false;
    double d1 = orient(f->p, f->q, e->p), d2 = orient(f->p, f->q, e->q);
    double d3 = orient(e->p, e->q, f->p), d4 = orient(e->p, e->q, f->q);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
           ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

static bool cut_keys(const assign *a, int k1, int k2)
{
    seg e = segment(a, k1), f = segment(a, k2);
    return cut(&e, &f);
}

static side *side_of(assign *a, int s)
{
    return s == 0 ? &a->us : &a->mx;
}

static const side *side_c(const assign *a, int s)
{
    return s == 0 ? &a->us : &a->mx;
}

static void open_edge(assign *a, int s, int key)
{
    side *sd = side_of(a, s);
    seg e = segment(a, key);
    sd->cuts[key] = 0;
    for (size_t i = 0; i < sd->npresent; i++)
        if (cut(&e, &sd->present[i])) {
            sd->cuts[key]++;
            sd->cuts[sd->present[i].key]++;
        }
    sd->slot[key] = (int)sd->npresent;
    sd->present[sd->npresent++] = e;
}

static void close_edge(assign *a, int s, int key)
{
    side *sd = side_of(a, s);
    int at = sd->slot[key];
    seg e = sd->present[at];
    sd->present[at] = sd->present[--sd->npresent];
    sd->slot[sd->present[at].key] = at;
    sd->slot[key] = -1;
    for (size_t i = 0; i < sd->npresent; i++)
        if (cut(&e, &sd->present[i]))
            sd->cuts[sd->present[i].key]--;
    sd->cuts[key] = 0;
}

/* An edge a move changes, and by how many routes. */
typedef struct touched {
    int side, key, delta;
} touched;

static size_t touch(touched *t, size_t n, int s, int key, int delta)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].side == s && t[i].key == key) {
            t[i].delta += delta;
            return n;
        }
    if (n < TOUCH_MAX)
        t[n++] = (touched){ s, key, delta };
    return n;
}

/* What sending routes group[0 .. n) to crossing c gains: the cuts it
 * takes away less those it adds and the price of the extra length, in
 * cuts.  False when the move is not allowed (a route would go too far
 * round, or it touches too many edges) or cannot gain more than need. */
static bool weigh(const assign *a, const size_t *group, size_t n, int c,
                  double need, double *gain)
{
    touched t[TOUCH_MAX];
    size_t nt = 0;
    double price = 0;
    for (size_t i = 0; i < n; i++) {
        const ir_river_route *x = &a->routes[group[i]];
        double len = route_len(a, x, c);
        if (len > DETOUR_MAX * a->shortest_len[group[i]])
            return false;
        price += x->weight * (len - route_len(a, x, x->crossing)) / a->unit;
        for (int s = 0; s < 2; s++) {
            nt = touch(t, nt, s, key_of(a, x, s, x->crossing), -1);
            nt = touch(t, nt, s, key_of(a, x, s, c), +1);
        }
        if (nt >= TOUCH_MAX)
            return false;
    }
    /* Cuts of the emptied edges go, less pairs of them counted twice;
     * opened edges cut what stays and each other. */
    int closed[TOUCH_MAX], opened[TOUCH_MAX];
    size_t nclosed = 0, nopened = 0;
    for (size_t i = 0; i < nt; i++) {
        const side *sd = side_c(a, t[i].side);
        int before = sd->count[t[i].key], after = before + t[i].delta;
        if (before > 0 && after == 0)
            closed[nclosed++] = (int)i;
        else if (before == 0 && after > 0)
            opened[nopened++] = (int)i;
    }
    /* Opened edges only add cuts: counting them stops once the move can
     * no longer gain more than need. */
    double delta = 0;
    for (size_t i = 0; i < nclosed; i++) {
        const touched *e = &t[closed[i]];
        delta -= side_c(a, e->side)->cuts[e->key];
        for (size_t j = i + 1; j < nclosed; j++)
            if (t[closed[j]].side == e->side && cut_keys(a, e->key, t[closed[j]].key))
                delta += 1;
    }
    double room = -(delta + price) - need;
    for (size_t i = 0; i < nopened && room > 0; i++) {
        const touched *e = &t[opened[i]];
        const side *sd = side_c(a, e->side);
        seg opened_seg = segment(a, e->key);
        for (size_t k = 0; k < sd->npresent && room > 0; k++) {
            int other = sd->present[k].key;
            if (!cut(&opened_seg, &sd->present[k]))
                continue;
            bool gone = false;
            for (size_t j = 0; j < nclosed && !gone; j++)
                gone = t[closed[j]].side == e->side && t[closed[j]].key == other;
            delta += !gone;
            room -= !gone;
        }
        for (size_t j = i + 1; j < nopened; j++)
            if (t[opened[j]].side == e->side && cut_keys(a, e->key, t[opened[j]].key)) {
                delta += 1;
                room -= 1;
            }
    }
    if (room <= 0)
        return false;
    *gain = -(delta + price);
    return true;
}

static void move(assign *a, const size_t *group, size_t n, int c)
{
    for (size_t i = 0; i < n; i++) {
        ir_river_route *x = &a->routes[group[i]];
        for (int s = 0; s < 2; s++) {
            side *sd = side_of(a, s);
            int from = key_of(a, x, s, x->crossing), to = key_of(a, x, s, c);
            if (--sd->count[from] == 0)
                close_edge(a, s, from);
            if (sd->count[to]++ == 0)
                open_edge(a, s, to);
        }
        x->crossing = c;
        x->spread = c != a->shortest_crossing[group[i]];
    }
}

/* Tries every other crossing for the group; moves it to the best that
 * gains.  True when it moved. */
static bool try_group(assign *a, const size_t *group, size_t n)
{
    if (n == 0)
        return false;
    int from = a->routes[group[0]].crossing, best = -1;
    double best_gain = 1e-9;
    for (size_t c = 0; c < a->ncross; c++) {
        double gain;
        if ((int)c != from && weigh(a, group, n, (int)c, best_gain, &gain) &&
            gain > best_gain) {
            best_gain = gain;
            best = (int)c;
        }
    }
    if (best < 0)
        return false;
    move(a, group, n, best);
    return true;
}

/* One pass over the groups: each present edge's free routes (as they
 * are when its turn comes), then each free route alone.  order holds the
 * routes by edge, start[key] where each edge's begin. */
static size_t pass(assign *a, size_t *group, size_t *order, size_t *start)
{
    size_t moves = 0;
    for (int s = 0; s < 2; s++) {
        memset(start, 0, (a->nkeys + 1) * sizeof *start);
        for (size_t i = 0; i < a->nroutes; i++)
            start[key_of(a, &a->routes[i], s, a->routes[i].crossing) + 1]++;
        for (size_t k = 0; k < a->nkeys; k++)
            start[k + 1] += start[k];
        for (size_t i = 0; i < a->nroutes; i++)
            order[start[key_of(a, &a->routes[i], s, a->routes[i].crossing)]++] = i;
        /* start[k] is now where edge k's routes end. */
        for (size_t key = 0, at = 0; key < a->nkeys; at = start[key++]) {
            size_t n = 0;
            bool all_free = true;
            for (size_t j = at; j < start[key]; j++) {
                size_t i = order[j];
                /* Routes an earlier move took elsewhere are not here. */
                if (key_of(a, &a->routes[i], s, a->routes[i].crossing) != (int)key)
                    continue;
                if (a->free_route[i])
                    group[n++] = i;
                else
                    all_free = false;
            }
            /* An edge the data keep open cannot be emptied. */
            if (all_free && n > 1)
                moves += try_group(a, group, n);
        }
    }
    for (size_t i = 0; i < a->nroutes; i++)
        if (a->free_route[i])
            moves += try_group(a, &i, 1);
    return moves;
}

static int shortest(const assign *a, const ir_river_route *x)
{
    int best = 0;
    double best_len = HUGE_VAL;
    for (size_t c = 0; c < a->ncross; c++) {
        double len = route_len(a, x, (int)c);
        if (len < best_len) {
            best_len = len;
            best = (int)c;
        }
    }
    return best;
}

int ir_crossassign(const ir_flowmap *map, const ir_point *crossings,
                   size_t ncross, ir_river_route *routes, size_t nroutes,
                   bool spread)
{
    assign a = { 0 };
    size_t nnodes = ir_flowmap_nodes(map, &a.nodes);
    ir_flowmap_flows(map, &a.flows);
    a.crossings = crossings;
    a.ncross = ncross;
    a.routes = routes;
    a.nroutes = nroutes;
    for (size_t i = 0; i < nroutes; i++) {
        ir_river_route *x = &routes[i];
        x->shortest = x->crossing < 0 || (size_t)x->crossing >= ncross;
        x->spread = false;
        if (x->shortest && ncross > 0)
            x->crossing = shortest(&a, x);
    }
    if (!spread || ncross < 2 || nroutes < 2)
        return 0;
    a.nkeys = nnodes * ncross;
    a.free_route = malloc(nroutes * sizeof *a.free_route);
    a.shortest_len = malloc(nroutes * sizeof *a.shortest_len);
    a.shortest_crossing = malloc(nroutes * sizeof *a.shortest_crossing);
    size_t *group = malloc(nroutes * sizeof *group);
    size_t *order = malloc(nroutes * sizeof *order);
    size_t *start = malloc((a.nkeys + 1) * sizeof *start);
    int rc = -1;
    side *sides[2] = { &a.us, &a.mx };
    for (int s = 0; s < 2; s++) {
        side *sd = sides[s];
        sd->count = calloc(a.nkeys, sizeof *sd->count);
        sd->cuts = calloc(a.nkeys, sizeof *sd->cuts);
        sd->slot = malloc(a.nkeys * sizeof *sd->slot);
        sd->present = malloc(a.nkeys * sizeof *sd->present);
        if (!sd->count || !sd->cuts || !sd->slot || !sd->present)
            goto done;
        memset(sd->slot, 0xff, a.nkeys * sizeof *sd->slot);
    }
    if (!a.free_route || !a.shortest_len || !a.shortest_crossing || !group ||
        !order || !start)
        goto done;
    /* One cut is worth DETOUR_PRICE of the diagonal of what is drawn for
     * a flow of mean weight. */
    double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL, total = 0;
    for (size_t i = 0; i < nnodes; i++) {
        x0 = fmin(x0, a.nodes[i].at.x), x1 = fmax(x1, a.nodes[i].at.x);
        y0 = fmin(y0, a.nodes[i].at.y), y1 = fmax(y1, a.nodes[i].at.y);
    }
    for (size_t i = 0; i < nroutes; i++) {
        a.free_route[i] = routes[i].shortest;
        a.shortest_len[i] = route_len(&a, &routes[i], routes[i].crossing);
        a.shortest_crossing[i] = routes[i].crossing;
        total += routes[i].weight;
    }
    a.unit = total / (double)nroutes * hypot(x1 - x0, y1 - y0) * DETOUR_PRICE;
    if (!(a.unit > 0)) {
        rc = 0;
        goto done;
    }
    for (size_t i = 0; i < nroutes; i++)
        for (int s = 0; s < 2; s++) {
            int key = key_of(&a, &routes[i], s, routes[i].crossing);
            if (sides[s]->count[key]++ == 0)
                open_edge(&a, s, key);
        }
    for (int k = 0; k < PASSES && pass(&a, group, order, start) > 0; k++)
        ;
    rc = 0;
done:
    for (int s = 0; s < 2; s++) {
        free(sides[s]->count);
        free(sides[s]->cuts);
        free(sides[s]->slot);
        free(sides[s]->present);
    }
    free(a.free_route);
    free(a.shortest_len);
    free(a.shortest_crossing);
    free(group);
    free(order);
    free(start);
    return rc;
}

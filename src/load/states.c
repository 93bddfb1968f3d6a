/*
 * states: loads data/states.csv and answers "which state is this?".
 *
 * Each state contributes several folded keys (ISO code, ISO suffix, names in
 * both languages, the official name, aliases).  Keys go into one array sorted
 * once and searched with bsearch: the table has a few hundred keys, so a
 * hash table would buy nothing measurable.  A key that two states share is
 * kept and marked ambiguous rather than silently given to either.
 */
#include "states.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/editdist.h"

enum column {
    COL_ISO, COL_COUNTRY, COL_CODE, COL_NUMBER, COL_FIPS10_4, COL_NAME_EN,
    COL_NAME_ES, COL_NAME_OFFICIAL, COL_ALIASES, COL_CAPITAL, COL_CAPITAL_LON,
    COL_CAPITAL_LAT, COL_SOURCE, NCOLUMNS
};
static const char *const column_names[NCOLUMNS] = {
    "iso", "country", "code", "number", "fips10_4", "name_en", "name_es",
    "name_official", "aliases", "capital", "capital_lon", "capital_lat",
    "source"
};

typedef struct key_entry {
    char *key;
    int state;      /* index into states; a key may appear once per state */
    bool is_name;   /* a name (not a code), offered as a suggestion */
} key_entry;

struct ir_states {
    ir_state *states;
    char **fields;  /* NCOLUMNS strings per state, owned */
    size_t count;
    key_entry *keys;
    size_t nkeys, keys_cap;
};

/* Latin-1 supplement letters U+00C0..U+00FF without their accents. */
static const char latin1_base[64] =
    "AAAAAAACEEEEIIII" "DNOOOOOxOUUUUYTs"
    "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";

size_t ir_states_fold(const char *text, char *key, size_t cap)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = 0;
    bool pending_space = false;
    if (cap == 0)
        return 0;
    for (; *s; s++) {
        int c = *s;
        if (c == 0xC3 && s[1] >= 0x80 && s[1] <= 0xBF) {
            c = latin1_base[(s[1] & 0x3F)];
            s++;
        } else if ((c == 0xCC && s[1] >= 0x80 && s[1] <= 0xBF) ||
                   (c == 0xCD && s[1] >= 0x80 && s[1] <= 0xAF)) {
            s++; /* a combining accent (U+0300..U+036F): decomposed text */
            continue;
        } else if (c == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
            s += 2; /* a byte-order mark */
            continue;
        } else if (c == 0xC2 && s[1] == 0xA0) {
            s++;
            c = ' '; /* a no-break space */
        }
        if (c == '.' || c == '\'')
            continue;
        if (isspace(c) || c == '-' || c == '_' || c == ',') {
            pending_space = n > 0;
            continue;
        }
        if (pending_space && n + 1 < cap)
            key[n++] = ' ';
        pending_space = false;
        if (n + 1 < cap)
            key[n++] = (char)tolower(c);
    }
    key[n] = '\0';
    return n;
}

/* A key for state (index) `state`; a spelling it has already is not added
 * twice.  A state's keys are added together, so they are the table's
 * last: only those are looked at (all of them would make loading the
 * table quadratic).  A place has one key, its id, checked by the caller,
 * which skips even that. */
static int add_key_of(ir_states *t, const char *text, int state,
                      bool is_name, bool once)
{
    char key[128];
    if (ir_states_fold(text, key, sizeof key) == 0)
        return 0;
    for (size_t i = t->nkeys; once && i > 0 && t->keys[i - 1].state == state;
         i--)
        if (strcmp(t->keys[i - 1].key, key) == 0)
            return 0;
    if (t->nkeys == t->keys_cap) {
        size_t cap = t->keys_cap ? 2 * t->keys_cap : 512;
        key_entry *k = realloc(t->keys, cap * sizeof *k);
        if (k == NULL)
            return -1;
        t->keys = k;
        t->keys_cap = cap;
    }
    t->keys[t->nkeys].key = strdup(key);
    if (t->keys[t->nkeys].key == NULL)
        return -1;
    t->keys[t->nkeys].is_name = is_name;
    t->keys[t->nkeys++].state = state;
    return 0;
}

static int add_key(ir_states *t, const char *text, int state, bool is_name)
{
    return add_key_of(t, text, state, is_name, true);
}

static int key_cmp(const void *a, const void *b)
{
    const key_entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : x->state - y->state;
}

static int key_only_cmp(const void *a, const void *b)
{
    return strcmp(((const key_entry *)a)->key, ((const key_entry *)b)->key);
}

/* libcsv hands fields and row ends to these callbacks. */
typedef struct parse_state {
    ir_states *t;
    const char *path;
    char *row[NCOLUMNS];
    int ncols;
    long line;
    bool header_done;
    bool failed;
    ir_error *err;
} parse_state;

static void on_field(void *data, size_t len, void *p)
{
    parse_state *ps = p;
    if (ps->failed)
        return;
    if (ps->ncols < NCOLUMNS) {
        char *s = malloc(len + 1);
        if (s == NULL) {
            ps->failed = true;
            ir_error_set(ps->err, IR_EINTERNAL, ps->path, -1, NULL,
                         "out of memory");
            return;
        }
        memcpy(s, data, len);
        s[len] = '\0';
        ps->row[ps->ncols] = s;
    }
    ps->ncols++;
}

static void free_row(parse_state *ps)
{
    for (int i = 0; i < NCOLUMNS && i < ps->ncols; i++)
        free(ps->row[i]);
    ps->ncols = 0;
}

/* Whether `code` is one of the space-separated ISO codes of `list`. */
static bool in_list(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len == n && len > 0 && strncmp(p, code, n) == 0)
            return true;
        p += len;
    }
    return false;
}

bool ir_states_in_countries(const ir_state *s, const char *countries)
{
    return in_list(countries, s->country);
}

/* A country besides the United States and Mexico: a destination only. */
static bool destination_country(const char *code)
{
    return strcmp(code, "MX") != 0 &&
           in_list(IR_DESTINATION_COUNTRIES, code);
}

/* What is wrong with a table row, or NULL. */
/* A capital's coordinate: empty, or degrees within limit. */
static bool degrees_or_empty(const char *text, double limit, double *out)
{
    *out = NAN;
    if (text[0] == '\0')
        return true;
    char *end;
    double v = strtod(text, &end);
    if (*end != '\0' || !isfinite(v) || fabs(v) > limit)
        return false;
    *out = v;
    return true;
}

static const char *check_row(char **row)
{
    const char *country = row[COL_COUNTRY], *iso = row[COL_ISO];
    double v;
    if (!degrees_or_empty(row[COL_CAPITAL_LON], 180, &v) ||
        !degrees_or_empty(row[COL_CAPITAL_LAT], 90, &v))
        return "capital_lon and capital_lat must be degrees (or empty)";
    if ((row[COL_CAPITAL_LON][0] == '\0') != (row[COL_CAPITAL_LAT][0] == '\0'))
        return "a capital needs both capital_lon and capital_lat";
    if (strcmp(country, "US") != 0 && strcmp(country, "MX") != 0 &&
        !(destination_country(country) && strcmp(iso, country) == 0))
        return "country must be US or MX (or, in a country's own row, one "
               "of " IR_DESTINATION_COUNTRIES ")";
    if (strcmp(iso, country) == 0) {
        /* The country itself: iso and code are its ISO 3166-1 code. */
        if (strcmp(row[COL_CODE], country) != 0 ||
            strcmp(row[COL_NUMBER], "00") != 0)
            return "a country's code is its iso code and its number 00";
        if (row[COL_NAME_EN][0] == '\0' || row[COL_NAME_ES][0] == '\0')
            return "every state needs an English and a Spanish name";
        return NULL;
    }
    if (strncmp(iso, country, 2) != 0 || iso[2] != '-' ||
        strcmp(iso + 3, row[COL_CODE]) != 0)
        return "iso must be the country, '-' and the code";
    const char *num = row[COL_NUMBER];
    if (!(isdigit((unsigned char)num[0]) && isdigit((unsigned char)num[1]) &&
          num[2] == '\0'))
        return "number must have two digits";
    if (row[COL_NAME_EN][0] == '\0' || row[COL_NAME_ES][0] == '\0')
        return "every state needs an English and a Spanish name";
    return NULL;
}

static void on_row(int term, void *p)
{
    (void)term;
    parse_state *ps = p;
    ps->line++;
    if (ps->failed) {
        free_row(ps);
        return;
    }
    if (ps->ncols != NCOLUMNS) {
        ps->failed = true;
        ir_error_line(ps->err, IR_EINPUT, ps->path, ps->line, NULL,
                      "expected %d columns, found %d", NCOLUMNS, ps->ncols);
        free_row(ps);
        return;
    }
    if (!ps->header_done) {
        if (strncmp(ps->row[0], "\xEF\xBB\xBF", 3) == 0) /* a BOM */
            memmove(ps->row[0], ps->row[0] + 3, strlen(ps->row[0] + 3) + 1);
        for (int i = 0; i < NCOLUMNS && !ps->failed; i++)
            if (strcmp(ps->row[i], column_names[i]) != 0) {
                ps->failed = true;
                ir_error_line(ps->err, IR_EINPUT, ps->path, ps->line,
                              column_names[i],
                              "the header should name this column '%s', not "
                              "'%s'", column_names[i], ps->row[i]);
            }
        ps->header_done = true;
        free_row(ps);
        return;
    }
    const char *bad = check_row(ps->row);
    if (bad != NULL) {
        ps->failed = true;
        ir_error_line(ps->err, IR_EINPUT, ps->path, ps->line, NULL, "%s", bad);
        free_row(ps);
        return;
    }
    ir_states *t = ps->t;
    char **f = realloc(t->fields, (t->count + 1) * NCOLUMNS * sizeof *f);
    if (f == NULL) {
        ps->failed = true;
        ir_error_set(ps->err, IR_EINTERNAL, ps->path, -1, NULL,
                     "out of memory");
        free_row(ps);
        return;
    }
    t->fields = f;
    memcpy(f + t->count * NCOLUMNS, ps->row, sizeof ps->row);
    t->count++;
    ps->ncols = 0;
}

/* The first ISO code or number that two rows share, or NULL. */
static const char *duplicate(const ir_states *t)
{
    for (size_t i = 0; i < t->count; i++)
        for (size_t j = i + 1; j < t->count; j++) {
            const ir_state *a = &t->states[i], *b = &t->states[j];
            if (strcmp(a->iso, b->iso) == 0)
                return a->iso;
            if (strcmp(a->country, b->country) == 0 &&
                strcmp(a->number, b->number) == 0)
                return a->number;
        }
    return NULL;
}

static int index_keys(ir_states *t)
{
    t->states = calloc(t->count, sizeof *t->states);
    if (t->states == NULL)
        return -1;
    for (size_t i = 0; i < t->count; i++) {
        char **f = t->fields + i * NCOLUMNS;
        ir_state *s = &t->states[i];
        s->iso = f[COL_ISO];
        s->country = f[COL_COUNTRY];
        s->code = f[COL_CODE];
        s->number = f[COL_NUMBER];
        s->name_en = f[COL_NAME_EN];
        s->name_es = f[COL_NAME_ES];
        s->name_official = f[COL_NAME_OFFICIAL];
        s->lon = s->lat = NAN;
        s->level = "";
        s->parent = -1;
        s->area = -1;
        s->capital = f[COL_CAPITAL];   /* checked by check_row */
        degrees_or_empty(f[COL_CAPITAL_LON], 180, &s->capital_lon);
        degrees_or_empty(f[COL_CAPITAL_LAT], 90, &s->capital_lat);
        int k = (int)i;
        bool named = true;
        if (strcmp(s->iso, s->country) == 0) {
            /* The United States and Mexico answer to their codes alone:
             * names would take "México" from the State of Mexico.  The
             * Central American countries have no such namesake. */
            s->kind = IR_STATE_COUNTRY;
            if (add_key(t, s->iso, k, false))
                return -1;
            if (!destination_country(s->iso))
                continue;
            named = false;
        }
        if ((named && (add_key(t, s->iso, k, false) ||
                       add_key(t, s->code, k, false))) ||
            add_key(t, s->name_en, k, true) || add_key(t, s->name_es, k, true) ||
            add_key(t, s->name_official, k, true))
            return -1;
        /* Aliases are ';'-separated. */
        char *aliases = strdup(f[COL_ALIASES]);
        if (aliases == NULL)
            return -1;
        char *save = NULL;
        for (char *a = strtok_r(aliases, ";", &save); a;
             a = strtok_r(NULL, ";", &save))
            if (add_key(t, a, k, strlen(a) > 4)) {
                free(aliases);
                return -1;
            }
        free(aliases);
    }
    qsort(t->keys, t->nkeys, sizeof *t->keys, key_cmp);
    return 0;
}

ir_states *ir_states_load(const char *path, ir_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        ir_error_set(err, IR_EINPUT, path, -1, NULL, "cannot open: %s",
                     strerror(errno));
        return NULL;
    }
    ir_states *t = calloc(1, sizeof *t);
    struct csv_parser parser;
    parse_state ps = { .t = t, .path = path, .err = err };
    if (t == NULL || csv_init(&parser, CSV_APPEND_NULL) != 0) {
        fclose(fp);
        free(t);
        ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
        return NULL;
    }
    char buf[8192];
    size_t n;
    while (!ps.failed && (n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (csv_parse(&parser, buf, n, on_field, on_row, &ps) != n) {
            ps.failed = true;
            ir_error_line(err, IR_EINPUT, path, ps.line + 1, NULL, "%s",
                          csv_strerror(csv_error(&parser)));
        }
    if (!ps.failed)
        csv_fini(&parser, on_field, on_row, &ps);
    free_row(&ps);
    csv_free(&parser);
    fclose(fp);
    if (!ps.failed && t->count == 0) {
        ps.failed = true;
        ir_error_set(err, IR_EINPUT, path, -1, NULL, "no states in the table");
    }
    if (!ps.failed && index_keys(t) != 0) {
        ps.failed = true;
        ir_error_set(err, IR_EINTERNAL, path, -1, NULL, "out of memory");
    }
    const char *dup = ps.failed ? NULL : duplicate(t);
    if (dup != NULL) {
        ps.failed = true;
        ir_error_set(err, IR_EINPUT, path, -1, NULL,
                     "'%s' is given to two states", dup);
    }
    if (ps.failed) {
        ir_states_destroy(t);
        return NULL;
    }
    return t;
}

/* Room for n more entries; the states move. */
static int reserve(ir_states *t, size_t n)
{
    char **f = realloc(t->fields, (t->count + n + 1) * NCOLUMNS * sizeof *f);
    if (f == NULL)
        return -1;
    t->fields = f;
    ir_state *st = realloc(t->states, (t->count + n + 1) * sizeof *st);
    if (st == NULL)
        return -1;
    t->states = st;
    return 0;
}

/* Appends an entry of `kind` with these column values (copied), in room
 * that reserve made. */
static int append(ir_states *t, const char *const values[NCOLUMNS],
                  ir_state_kind kind)
{
    char **row = t->fields + t->count * NCOLUMNS;
    for (int i = 0; i < NCOLUMNS; i++)
        if ((row[i] = strdup(values[i])) == NULL) {
            for (int j = 0; j < i; j++)
                free(row[j]);
            return -1;
        }
    t->states[t->count++] = (ir_state){
        row[COL_ISO], row[COL_COUNTRY], row[COL_CODE], row[COL_NUMBER],
        row[COL_NAME_EN], row[COL_NAME_ES], row[COL_NAME_OFFICIAL], kind,
        NAN, NAN, "", -1, -1, row[COL_CAPITAL], NAN, NAN };
    return 0;
}

int ir_states_add_unlocated(ir_states *t, const char *value,
                            const char *country, const char *name_en,
                            const char *name_es, ir_error *err)
{
    const ir_state *clash = ir_states_lookup(t, value, NULL, IR_NUMBER_NONE,
                                             NULL);
    if (clash != NULL)
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "'%s' names %s already: an origin without a place "
                            "needs a name of its own", value, clash->iso);
    char key[128];
    if (ir_states_fold(value, key, sizeof key) == 0)
        return ir_error_set(err, IR_EUSAGE, NULL, -1, NULL,
                            "an origin without a place needs a name");
    const char *values[NCOLUMNS] = { value, country, "", "", "", name_en,
                                     name_es, name_en, "", "", "", "", "" };
    if (reserve(t, 1) || append(t, values, IR_STATE_UNLOCATED) ||
        add_key(t, value, (int)(t->count - 1), true))
        return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL,
                            "out of memory");
    qsort(t->keys, t->nkeys, sizeof *t->keys, key_cmp);
    return 0;
}

int ir_states_add_places(ir_states *t, const ir_place_def *p, size_t n,
                         ir_error *err)
{
    if (reserve(t, n))
        goto oom;
    for (size_t i = 0; i < n; i++) {
        const char *country = p[i].country ? p[i].country : "";
        /* A place keeps its kind in the column that, for the table's own
         * rows, names their sources. */
        const char *values[NCOLUMNS] = { p[i].id, country, "", "", "",
                                         p[i].name_en, p[i].name_es,
                                         p[i].name_en, "", "", "", "",
                                         p[i].level ? p[i].level : "" };
        if (append(t, values, IR_STATE_PLACE))
            goto oom;
        ir_state *s = &t->states[t->count - 1];
        s->lon = p[i].lon;
        s->lat = p[i].lat;
        s->level = t->fields[(t->count - 1) * NCOLUMNS + COL_SOURCE];
        s->parent = p[i].parent;
        if (add_key_of(t, p[i].id, (int)(t->count - 1), true, false))
            goto oom;
    }
    qsort(t->keys, t->nkeys, sizeof *t->keys, key_cmp);
    return 0;
oom:
    return ir_error_set(err, IR_EINTERNAL, NULL, -1, NULL, "out of memory");
}

void ir_states_destroy(ir_states *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->count * NCOLUMNS; i++)
        free(t->fields[i]);
    for (size_t i = 0; i < t->nkeys; i++)
        free(t->keys[i].key);
    free(t->fields);
    free(t->keys);
    free(t->states);
    free(t);
}

size_t ir_states_count(const ir_states *t)
{
    return t->count;
}

size_t ir_states_index(const ir_states *t, const ir_state *s)
{
    return (size_t)(s - t->states);
}

void ir_states_set_area(ir_states *t, size_t i, long area)
{
    if (i < t->count)
        t->states[i].area = area;
}

const ir_state *ir_states_at(const ir_states *t, size_t i)
{
    return i < t->count ? &t->states[i] : NULL;
}

static const ir_state *resolve_number(const ir_states *t, const char *text,
                                      enum ir_number_kind numbers)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    if (errno || *end != '\0' || v <= 0 || v > 99 || numbers == IR_NUMBER_NONE)
        return NULL;
    const char *country = numbers == IR_NUMBER_US_FIPS ? "US" : "MX";
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->states[i].country, country) == 0 &&
            atoi(t->states[i].number) == v)
            return &t->states[i];
    return NULL;
}

const ir_state *ir_states_lookup(const ir_states *t, const char *text,
                                 const char *country,
                                 enum ir_number_kind numbers,
                                 enum ir_lookup *result)
{
    enum ir_lookup dummy;
    if (result == NULL)
        result = &dummy;
    *result = IR_LOOKUP_UNKNOWN;
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    /* A number is a state's FIPS or INEGI code; failing that it may be a
     * place's id (a county's FIPS "04019", a municipality's "26030"). */
    if (isdigit((unsigned char)*p)) {
        const ir_state *s = resolve_number(t, p, numbers);
        if (s != NULL) {
            *result = IR_LOOKUP_FOUND;
            return s;
        }
    }
    char key[128];
    if (ir_states_fold(text, key, sizeof key) == 0)
        return NULL;
    key_entry probe = { .key = key };
    const key_entry *hit = bsearch(&probe, t->keys, t->nkeys, sizeof *t->keys,
                                   key_only_cmp);
    if (hit == NULL)
        return NULL;
    /* Widen to every entry with this key: one per state that uses it. */
    const key_entry *first = hit, *last = hit;
    const key_entry *end = t->keys + t->nkeys;
    while (first > t->keys && strcmp(first[-1].key, key) == 0)
        first--;
    while (last + 1 < end && strcmp(last[1].key, key) == 0)
        last++;
    const ir_state *found = NULL;
    int matches = 0, elsewhere = 0;
    for (const key_entry *e = first; e <= last; e++) {
        const ir_state *s = &t->states[e->state];
        /* A place in no known country may be on either side. */
        if (country == NULL || in_list(country, s->country) ||
            (s->kind == IR_STATE_PLACE && s->country[0] == '\0')) {
            found = s;
            matches++;
        } else {
            elsewhere++;
        }
    }
    if (matches == 1) {
        *result = IR_LOOKUP_FOUND;
        return found;
    }
    *result = matches > 1 ? IR_LOOKUP_AMBIGUOUS
              : elsewhere ? IR_LOOKUP_OTHER_COUNTRY
                          : IR_LOOKUP_UNKNOWN;
    return NULL;
}

const ir_state *ir_states_resolve(const ir_states *t, const char *text,
                                  enum ir_number_kind numbers, int *ambiguous)
{
    enum ir_lookup r;
    const ir_state *s = ir_states_lookup(t, text, NULL, numbers, &r);
    if (ambiguous)
        *ambiguous = r == IR_LOOKUP_AMBIGUOUS;
    return s;
}

size_t ir_states_suggest(const ir_states *t, const char *text,
                         const char *country, const ir_state **out, size_t max)
{
    char key[128];
    ir_states_fold(text, key, sizeof key);
    int best[8];
    size_t n = 0;
    if (max > 8)
        max = 8;
    for (size_t i = 0; i < t->nkeys; i++) {
        const key_entry *e = &t->keys[i];
        const ir_state *s = &t->states[e->state];
        if (!e->is_name || (country && !in_list(country, s->country)))
            continue;
        int d = ir_edit_distance(key, e->key,
                                 n == max ? best[max - 1] + 1 : 1 << 20);
        size_t k = 0;
        while (k < n && out[k] != s)
            k++;
        if (k < n) {            /* this state already listed: keep its best */
            if (d >= best[k])
                continue;
            for (; k + 1 < n; k++)
                out[k] = out[k + 1], best[k] = best[k + 1];
            n--;
        }
        size_t at = n;
        while (at > 0 && (best[at - 1] > d ||
                          (best[at - 1] == d &&
                           strcmp(out[at - 1]->iso, s->iso) > 0)))
            at--;
        if (at >= max)
            continue;
        if (n < max)
            n++;
        for (size_t j = n - 1; j > at; j--)
            out[j] = out[j - 1], best[j] = best[j - 1];
        out[at] = s;
        best[at] = d;
    }
    return n;
}

/*
 * gen-traces N SEED [--points|--dealers]: writes N synthetic firearm-trace
 * rows to stdout, the same bytes for the same N and SEED, for benchmarks
 * and memory tests.  --points adds the selling dealer's longitude and
 * latitude and id (columns 9 to 11): one of 10,000 invented dealers, each
 * near an interior point of its state, so that the same file can be
 * aggregated by state name, by point and by dealer.  --dealers writes,
 * instead of rows, those dealers as a places table (id, name, lon, lat,
 * kind, parent) for --places.
 *
 * The schema is the one trace exports use: one row per traced firearm with
 * the U.S. purchase state (column 3) and the Mexican recovery state
 * (column 4).  The mix of states is shaped like the public 2022-2023 ATF
 * figures (Texas ~43%, Arizona ~22%, California ~9%, New Mexico ~3% of
 * purchases) but the rows are invented: never use them as data.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t next(void)
{
    /* xorshift64*: fast, and the same sequence on every platform. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

typedef struct choice {
    const char *value;
    int weight;
} choice;

static const choice origins[] = {
    { "Texas", 430 }, { "Arizona", 220 }, { "California", 90 },
    { "New Mexico", 27 }, { "Florida", 20 }, { "Nevada", 15 },
    { "Georgia", 12 }, { "Oklahoma", 12 }, { "Colorado", 11 },
    { "Illinois", 10 }, { "Washington", 9 }, { "Utah", 8 },
    { "Louisiana", 8 }, { "Tennessee", 8 }, { "North Carolina", 8 },
    { "Alabama", 7 }, { "Ohio", 7 }, { "Pennsylvania", 7 },
    { "Virginia", 7 }, { "Indiana", 6 }, { "Missouri", 6 },
    { "Kansas", 6 }, { "Oregon", 6 }, { "South Carolina", 5 },
    { "Michigan", 5 }, { "Arkansas", 5 }, { "Mississippi", 5 },
    { "Kentucky", 4 }, { "Wisconsin", 4 }, { "Minnesota", 4 },
    { "Idaho", 4 }, { "Nebraska", 3 }, { "Iowa", 3 }, { "New York", 3 },
    { "Wyoming", 2 }, { "Montana", 2 }, { "South Dakota", 2 },
    { "North Dakota", 2 }, { "West Virginia", 2 }, { "Maryland", 2 },
    { "New Jersey", 1 }, { "Massachusetts", 1 }, { "Connecticut", 1 },
    { "New Hampshire", 1 }, { "Maine", 1 }, { "Vermont", 1 },
    { "Delaware", 1 }, { "Rhode Island", 1 }, { "Alaska", 1 },
    { "Hawaii", 1 }, { "District of Columbia", 1 },
};

/* An interior point of each origin above, in its order, and how far a
 * dealer may lie from it (degrees): invented dealers, not real stores. */
static const double interior[][3] = {
    { -99.0, 31.2, 1.5 },   { -111.7, 34.2, 1.0 },  { -119.6, 37.1, 1.0 },
    { -106.1, 34.4, 1.0 },  { -81.7, 28.4, 0.6 },   { -116.9, 39.3, 1.0 },
    { -83.4, 32.7, 0.8 },   { -97.5, 35.6, 0.8 },   { -105.5, 39.0, 1.0 },
    { -89.2, 40.0, 0.8 },   { -120.5, 47.4, 0.8 },  { -111.7, 39.3, 0.8 },
    { -92.4, 31.0, 0.5 },   { -86.3, 35.8, 0.6 },   { -79.4, 35.5, 0.6 },
    { -86.8, 32.8, 0.6 },   { -82.8, 40.3, 0.6 },   { -77.6, 40.9, 0.6 },
    { -78.6, 37.5, 0.5 },   { -86.3, 40.0, 0.5 },   { -92.5, 38.4, 0.8 },
    { -98.4, 38.5, 1.0 },   { -120.6, 43.9, 1.0 },  { -80.9, 33.9, 0.4 },
    { -85.0, 43.6, 0.6 },   { -92.4, 34.9, 0.6 },   { -89.7, 32.7, 0.6 },
    { -85.3, 37.5, 0.5 },   { -89.8, 44.6, 0.6 },   { -94.3, 46.3, 0.8 },
    { -114.6, 44.2, 0.6 },  { -99.8, 41.5, 1.0 },   { -93.5, 42.0, 0.8 },
    { -75.5, 42.9, 0.6 },   { -107.5, 43.0, 1.0 },  { -109.6, 47.0, 1.0 },
    { -100.3, 44.4, 1.0 },  { -100.5, 47.5, 1.0 },  { -80.6, 38.6, 0.4 },
    { -76.8, 39.2, 0.15 },  { -74.5, 40.1, 0.15 },  { -71.8, 42.3, 0.15 },
    { -72.7, 41.6, 0.15 },  { -71.6, 43.7, 0.2 },   { -69.2, 45.3, 0.5 },
    { -72.7, 44.0, 0.2 },   { -75.5, 39.0, 0.08 },  { -71.5, 41.7, 0.05 },
    { -150.0, 62.5, 2.0 },  { -155.5, 19.6, 0.2 },  { -77.02, 38.90, 0.01 },
};

#define NDEALERS 10000

static const choice destinations[] = {
    { "Tamaulipas", 120 }, { "Sonora", 115 }, { "Chihuahua", 100 },
    { "Baja California", 90 }, { "Nuevo León", 85 }, { "Jalisco", 70 },
    { "Guanajuato", 70 }, { "Michoacán", 60 }, { "Sinaloa", 50 },
    { "Guerrero", 40 }, { "Zacatecas", 35 }, { "Ciudad de México", 30 },
    { "México", 30 }, { "Coahuila", 25 }, { "Durango", 20 },
    { "Veracruz", 20 }, { "San Luis Potosí", 15 }, { "Morelos", 12 },
    { "Puebla", 12 }, { "Oaxaca", 10 }, { "Quintana Roo", 10 },
    { "Colima", 8 }, { "Nayarit", 8 }, { "Chiapas", 8 }, { "Hidalgo", 6 },
    { "Querétaro", 6 }, { "Tabasco", 6 }, { "Baja California Sur", 5 },
    { "Aguascalientes", 4 }, { "Yucatán", 3 }, { "Campeche", 3 },
    { "Tlaxcala", 2 },
};

static const choice types[] = {
    { "Rifle", 45 }, { "Pistol", 40 }, { "Revolver", 8 }, { "Shotgun", 5 },
    { "Machine gun", 2 },
};

static const choice calibers[] = {
    { "7.62x39mm", 25 }, { "5.56mm", 20 }, { "9mm", 20 }, { ".38 Super", 10 },
    { ".223", 8 }, { ".50 BMG", 2 }, { ".45 ACP", 8 }, { "12 gauge", 5 },
    { ".22 LR", 2 },
};

static const choice makers[] = {
    { "Century Arms", 15 }, { "Colt", 12 }, { "Smith & Wesson", 12 },
    { "Glock", 10 }, { "Ruger", 10 }, { "Romarm/Cugir", 8 },
    { "Barrett", 2 }, { "Taurus", 8 }, { "Springfield Armory", 6 },
    { "Sig Sauer", 6 }, { "Bushmaster", 5 }, { "Other", 6 },
};

#define PICK(table) pick(table, sizeof table / sizeof table[0])

static const char *pick(const choice *c, size_t n)
{
    int total = 0;
    for (size_t i = 0; i < n; i++)
        total += c[i].weight;
    int r = (int)(next() % (uint64_t)total);
    for (size_t i = 0; i < n; i++) {
        if (r < c[i].weight)
            return c[i].value;
        r -= c[i].weight;
    }
    return c[n - 1].value;
}

/* The origin a row's state came from, by its place in origins[]. */
static size_t pick_index(const choice *c, size_t n)
{
    const char *v = pick(c, n);
    for (size_t i = 0; i < n; i++)
        if (c[i].value == v)
            return i;
    return n - 1;
}

int main(int argc, char **argv)
{
    int dealers = argc == 4 && strcmp(argv[3], "--dealers") == 0;
    int points = dealers || (argc == 4 && strcmp(argv[3], "--points") == 0);
    if (argc != 3 && !points) {
        fprintf(stderr, "usage: gen-traces N SEED [--points|--dealers]\n");
        return 1;
    }
    _Static_assert(sizeof interior / sizeof interior[0] ==
                       sizeof origins / sizeof origins[0],
                   "an interior point per origin");
    /* Each dealer: its state, drawn as the rows are, and its point. */
    static size_t dealer_state[NDEALERS];
    static double dealer_at[NDEALERS][2];
    uint64_t rows_seed = (uint64_t)strtoull(argv[2], NULL, 10) * 2654435761u + 1;
    rng_state = rows_seed ^ 0x9E3779B97F4A7C15ULL;
    for (int d = 0; points && d < NDEALERS; d++) {
        size_t s = pick_index(origins, sizeof origins / sizeof origins[0]);
        double r = interior[s][2];
        dealer_state[d] = s;
        dealer_at[d][0] = interior[s][0] + ((double)(next() % 2001) / 1000 - 1) * r;
        dealer_at[d][1] = interior[s][1] + ((double)(next() % 2001) / 1000 - 1) * r / 2;
    }
    long long n = atoll(argv[1]);
    rng_state = rows_seed;
    static char buf[1 << 20];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    if (dealers) {
        fputs("id,name,lon,lat,kind,parent\n", stdout);
        for (int d = 0; d < NDEALERS; d++)
            printf("D%05d,Dealer %05d (invented),%.4f,%.4f,dealer,%s\n", d, d,
                   dealer_at[d][0], dealer_at[d][1],
                   origins[dealer_state[d]].value);
        return fflush(stdout) == 0 ? 0 : 1;
    }
    fputs(points ? "trace_id,year,purchase_state,recovery_state,weapon_type,"
                   "caliber,manufacturer,time_to_crime_days,dealer_lon,"
                   "dealer_lat,dealer_id\n"
                 : "trace_id,year,purchase_state,recovery_state,weapon_type,"
                   "caliber,manufacturer,time_to_crime_days\n", stdout);
    for (long long i = 0; i < n; i++) {
        int year = 2015 + (int)(next() % 9);
        int ttc = 30 + (int)(next() % 6000);
        if (!points) {
            printf("T%09lld,%d,%s,%s,%s,%s,%s,%d\n", i + 1, year,
                   PICK(origins), PICK(destinations), PICK(types),
                   PICK(calibers), PICK(makers), ttc);
            continue;
        }
        /* The row's dealer, and so its state: the two columns agree. */
        int d = (int)(next() % NDEALERS);
        printf("T%09lld,%d,%s,%s,%s,%s,%s,%d,%.4f,%.4f,D%05d\n", i + 1,
               year, origins[dealer_state[d]].value, PICK(destinations),
               PICK(types), PICK(calibers), PICK(makers), ttc,
               dealer_at[d][0], dealer_at[d][1], d);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

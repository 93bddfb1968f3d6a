/*
 * gen-traces N SEED: writes N synthetic firearm-trace rows to stdout, the
 * same bytes for the same N and SEED, for benchmarks and memory tests.
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

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen-traces N SEED\n");
        return 1;
    }
    long long n = atoll(argv[1]);
    rng_state = (uint64_t)strtoull(argv[2], NULL, 10) * 2654435761u + 1;
    static char buf[1 << 20];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    fputs("trace_id,year,purchase_state,recovery_state,weapon_type,caliber,"
          "manufacturer,time_to_crime_days\n", stdout);
    for (long long i = 0; i < n; i++) {
        int year = 2015 + (int)(next() % 9);
        int ttc = 30 + (int)(next() % 6000);
        printf("T%09lld,%d,%s,%s,%s,%s,%s,%d\n", i + 1, year, PICK(origins),
               PICK(destinations), PICK(types), PICK(calibers), PICK(makers),
               ttc);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

/*
 * ironriver aggregate: a trace CSV in, origin-destination weights out.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aggregate.h"
#include "commands.h"
#include "datadir.h"
#include "od.h"
#include "states.h"

#define MAX_WHERE 16
#define PROGRESS_MIN_BYTES (100LL << 20)

static const char aggregate_help[] =
    "usage: ironriver aggregate INPUT.csv -o OUTPUT.csv [options]\n"
    "\n"
    "Adds up firearm trace records into weights per (U.S. state of purchase\n"
    "-> Mexican state of recovery) pair.  INPUT may be - for standard input.\n"
    "\n"
    "  -o, --output FILE      the OD table: origin,destination,weight with\n"
    "                         ISO 3166-2 codes (- for standard output)\n"
    "      --origin COL       column of the U.S. state (name or 1-based index)\n"
    "      --dest COL         column of the Mexican state\n"
    "      --weight COL       column of counts (default: each row counts 1)\n"
    "      --year COL         column of years (\"2019\" or \"2019-2021\")\n"
    "      --years Y1-Y2      keep rows whose year lies in Y1..Y2 (or one year)\n"
    "      --where COL=V[,V]  keep rows whose COL is one of the values (any\n"
    "                         case and accents); repeatable, all must hold\n"
    "      --delimiter D      ',', ';' or 'tab' (default: detected)\n"
    "      --encoding E       utf-8 (default), latin1 or cp1252\n"
    "      --skip-unknown     leave out rows naming no known state, and count\n"
    "                         them, instead of stopping\n"
    "      --threads N        1 or 2 (default: 2 for files over 16 MB)\n"
    "      --states FILE.csv  state table (default: data/states.csv)\n"
    "  -q, --quiet            no notes, summary or progress on stderr\n"
    "  -h, --help             this help\n"
    "\n"
    "Without --origin/--dest the columns are found by common English and\n"
    "Spanish names (purchase_state, recovery_state, origen, destino, ...).\n";

enum {
    OPT_ORIGIN = 256, OPT_DEST, OPT_WEIGHT, OPT_YEAR, OPT_YEARS, OPT_WHERE,
    OPT_DELIMITER, OPT_ENCODING, OPT_SKIP_UNKNOWN, OPT_THREADS, OPT_STATES,
    OPT_NO_FAST_PATH
};

static const struct option long_options[] = {
    { "output", required_argument, NULL, 'o' },
    { "origin", required_argument, NULL, OPT_ORIGIN },
    { "dest", required_argument, NULL, OPT_DEST },
    { "destination", required_argument, NULL, OPT_DEST },
    { "weight", required_argument, NULL, OPT_WEIGHT },
    { "year", required_argument, NULL, OPT_YEAR },
    { "years", required_argument, NULL, OPT_YEARS },
    { "where", required_argument, NULL, OPT_WHERE },
    { "delimiter", required_argument, NULL, OPT_DELIMITER },
    { "encoding", required_argument, NULL, OPT_ENCODING },
    { "skip-unknown", no_argument, NULL, OPT_SKIP_UNKNOWN },
    { "threads", required_argument, NULL, OPT_THREADS },
    { "states", required_argument, NULL, OPT_STATES },
    { "no-fast-path", no_argument, NULL, OPT_NO_FAST_PATH },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
};

static int usage_error(const char *fmt, const char *arg)
{
    fputs("ironriver: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n", stderr);
    return IR_EUSAGE;
}

static int parse_delimiter(const char *s, char *out)
{
    if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 || strcmp(s, "\t") == 0)
        *out = '\t';
    else if (strcmp(s, ",") == 0 || strcmp(s, "comma") == 0)
        *out = ',';
    else if (strcmp(s, ";") == 0 || strcmp(s, "semicolon") == 0)
        *out = ';';
    else
        return -1;
    return 0;
}

/* 1234567 -> "1,234,567" */
static const char *grouped(long long v, char *buf, size_t cap)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v);
    size_t len = 0;
    if (v < 0 && len + 1 < cap)
        buf[len++] = '-';
    for (int i = 0; i < n && len + 2 < cap; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[len++] = ',';
        buf[len++] = digits[i];
    }
    buf[len] = '\0';
    return buf;
}

static void print_summary(const ir_aggregate_report *r)
{
    char a[32], b[32], c[32], d[32], e[32];
    long long filtered = r->filtered_year + r->filtered_where;
    fprintf(stderr, "ironriver: %s row%s read, %s kept, %s filtered out",
            grouped(r->rows_read, a, sizeof a), r->rows_read == 1 ? "" : "s",
            grouped(r->rows_kept, b, sizeof b),
            grouped(filtered, c, sizeof c));
    if (filtered)
        fprintf(stderr, " (by year %s, by --where %s)",
                grouped(r->filtered_year, d, sizeof d),
                grouped(r->filtered_where, e, sizeof e));
    if (r->skipped_unknown)
        fprintf(stderr, ", %s skipped for unknown states",
                grouped(r->skipped_unknown, d, sizeof d));
    fputs("\n", stderr);
    for (size_t i = 0; i < r->nunknown && i < 20; i++)
        fprintf(stderr, "ironriver:   unknown %s '%s': %s row%s\n",
                r->unknown[i].column, r->unknown[i].value,
                grouped(r->unknown[i].rows, a, sizeof a),
                r->unknown[i].rows == 1 ? "" : "s");
    if (r->nunknown > 20)
        fprintf(stderr, "ironriver:   ... and %zu more unknown values\n",
                r->nunknown - 20);
}

int ir_cmd_aggregate(int argc, char **argv)
{
    ir_aggregate_options o = { 0 };
    const char *where[MAX_WHERE];
    const char *output = NULL, *states_path = NULL;
    bool quiet = false;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:qh", long_options, NULL)) != -1) {
        const char *opt = argv[optind - 1];
        switch (c) {
        case 'o': output = optarg; break;
        case OPT_ORIGIN: o.origin = optarg; break;
        case OPT_DEST: o.destination = optarg; break;
        case OPT_WEIGHT: o.weight = optarg; break;
        case OPT_YEAR: o.year = optarg; break;
        case OPT_YEARS:
            if (ir_aggregate_parse_period(optarg, &o.year_from, &o.year_to))
                return usage_error("--years %s: expected a year or a range "
                                   "like 2015-2022", optarg);
            break;
        case OPT_WHERE:
            if (o.nwhere == MAX_WHERE)
                return usage_error("at most %s --where options", "16");
            where[o.nwhere++] = optarg;
            o.where = where;
            break;
        case OPT_DELIMITER:
            if (parse_delimiter(optarg, &o.delimiter))
                return usage_error("--delimiter %s: use ',', ';' or 'tab'",
                                   optarg);
            break;
        case OPT_ENCODING: o.encoding = optarg; break;
        case OPT_SKIP_UNKNOWN: o.skip_unknown = true; break;
        case OPT_THREADS:
            if (strcmp(optarg, "1") && strcmp(optarg, "2"))
                return usage_error("--threads %s: use 1 or 2", optarg);
            o.threads = atoi(optarg);
            break;
        case OPT_STATES: states_path = optarg; break;
        case OPT_NO_FAST_PATH: o.no_fast_path = true; break;
        case 'q': quiet = true; break;
        case 'h': fputs(aggregate_help, stdout); return IR_OK;
        case ':': return usage_error("%s needs a value", opt);
        default: return usage_error("unknown option '%s'", opt);
        }
    }
    if (optind + 1 != argc) {
        fputs(aggregate_help, stderr);
        return usage_error("%s", optind < argc ? "give exactly one input file"
                                               : "give an input file");
    }
    const char *input = argv[optind];
    if (output == NULL)
        return usage_error("%s", "aggregate needs an output: -o FILE.csv");

    ir_error err = { 0 };
    char table_path[PATH_MAX];
    ir_states *states = NULL;
    if (states_path == NULL) {
        if (ir_datadir_require("data/states.csv", table_path,
                               sizeof table_path, &err) == 0)
            states_path = table_path;
    }
    if (states_path != NULL)
        states = ir_states_load(states_path, &err);
    if (states == NULL) {
        fprintf(stderr, "ironriver: %s\n", err.message);
        return err.status ? err.status : IR_EINTERNAL;
    }
    struct stat st;
    o.progress = !quiet && isatty(STDERR_FILENO) && strcmp(input, "-") != 0 &&
                 stat(input, &st) == 0 && st.st_size > PROGRESS_MIN_BYTES;
    ir_aggregate_report report;
    ir_od *od = ir_aggregate_file(input, states, &o, &report, &err);
    int rc = IR_OK;
    if (od == NULL) {
        rc = err.status;
        if (rc == IR_OK) {
            rc = IR_EINTERNAL;
            ir_error_set(&err, rc, input, -1, NULL, "internal error");
        }
    } else {
        if (!quiet) {
            fprintf(stderr, "ironriver: columns: %s\n", report.columns);
            print_summary(&report);
        }
        rc = ir_od_write_csv(od, output, &err);
        ir_aggregate_report_free(&report);
    }
    if (rc)
        fprintf(stderr, "ironriver: %s\n", err.message);
    ir_od_destroy(od);
    ir_states_destroy(states);
    return rc;
}

/*
 * ironriver aggregate: a trace CSV in, origin-destination weights out.
 */
#include <stddef.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/layer.h"
#include "load/locate.h"
#include "load/states.h"
#include "aggregate/aggregate.h"
#include "aggregate/od.h"
#include "boundaries.h"
#include "commands.h"
#include "datadir.h"
#include "options.h"
#include "traceopts.h"
#include "tracereport.h"

#define PROGRESS_MIN_BYTES (100LL << 20)

typedef struct aggregate_settings {
    const char *config, *output;
    ir_trace_input in;
    ir_boundary_input bounds;
    bool no_fast_path, quiet;
    int threads;
} aggregate_settings;

#define F(field) offsetof(aggregate_settings, field)
static const ir_option aggregate_options[] = {
    { "config", 'c', IR_OPT_STRING, F(config), 0, 0, NULL, "FILE.ini",
      "read options from a spec file (command-line options win)" },
    { "output", 'o', IR_OPT_STRING, F(output), 0, 0, NULL, "FILE",
      "the OD table: origin,destination,weight with ISO 3166-2 codes "
      "(- for standard output)" },
    IR_TRACE_INPUT_OPTIONS(F(in)),
    IR_BOUNDARY_OPTIONS(F(bounds)),
    { "threads", 0, IR_OPT_INT, F(threads), 1, 2, NULL, "N",
      "1 or 2 (default: 2 for files over 16 MB)" },
    { "no-fast-path", 0, IR_OPT_FLAG, F(no_fast_path), 0, 0, NULL, NULL,
      "read every row through libcsv (for comparisons)" },
    { "quiet", 'q', IR_OPT_FLAG, F(quiet), 0, 0, NULL, NULL,
      "no notes, summary or progress on stderr" },
    { NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL }
};
#undef F

/* The boundaries a places table's places and coordinate columns are
 * located in, loaded only when the input needs them. */
static int locator_for(const aggregate_settings *a, const ir_states *states,
                       ir_boundaries *b, ir_locator **locator, ir_error *err)
{
    *locator = NULL;
    if (!ir_trace_input_locates(&a->in))
        return 0;
    if (ir_boundaries_load(&a->bounds, false, states, b, err))
        return err->status;
    const ir_layer *layers[IR_OPTIONS_MAX_LIST];
    for (size_t i = 0; i < b->nstate; i++)
        layers[i] = b->state[i];
    if (!(*locator = ir_locator_create(layers, b->nstate, b->context, states,
                                       err)))
        return err->status;
    return 0;
}

int ir_cmd_aggregate(int argc, char **argv)
{
    aggregate_settings a = { 0 };
    ir_options_store store = { 0 };
    ir_error perr = { 0 };
    const char *input = NULL;
    int npos = 0;
    int prc = ir_options_parse(aggregate_options, &a, argc, argv, &input, 1,
                               &npos, &store, &perr);
    if (prc == IR_OPTIONS_HELP) {
        fputs("usage: ironriver aggregate INPUT.csv -o OUTPUT.csv [options]"
              "\n\nAdds up firearm trace records into weights per (U.S. "
              "state of purchase -> Mexican state of recovery) pair.  INPUT "
              "may be - for standard input.  Without --origin/--dest the "
              "columns are found by common English and Spanish names.\n\n",
              stdout);
        ir_options_help(aggregate_options, stdout);
        ir_options_store_free(&store);
        return IR_OK;
    }
    ir_aggregate_options o = { 0 };
    if (prc == 0 && npos != 1)
        prc = ir_error_set(&perr, IR_EUSAGE, NULL, -1, NULL,
                           "give one input file (or - for standard input)");
    if (prc == 0 && a.output == NULL)
        prc = ir_error_set(&perr, IR_EUSAGE, NULL, -1, NULL,
                           "aggregate needs an output: -o FILE.csv");
    if (prc == 0)
        prc = ir_trace_input_apply(&a.in, &o, &perr);
    if (prc) {
        fprintf(stderr, "ironriver: %s\n", perr.message);
        ir_options_store_free(&store);
        return prc;
    }
    o.threads = a.threads;
    o.no_fast_path = a.no_fast_path;
    const char *output = a.output, *states_path = a.in.states;
    bool quiet = a.quiet;
    a.bounds.quiet = quiet;

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
    ir_boundaries bounds = { 0 };
    ir_locator *locator = NULL;
    if (states != NULL &&
        (locator_for(&a, states, &bounds, &locator, &err) ||
         ir_trace_input_declare(&a.in, input, &o, states, locator, &a.bounds,
                                &err))) {
        ir_states_destroy(states);
        states = NULL;
    }
    o.locator = locator;
    if (states == NULL) {
        fprintf(stderr, "ironriver: %s\n", err.message);
        ir_locator_destroy(locator);
        ir_boundaries_free(&bounds);
        ir_options_store_free(&store);
        return err.status ? err.status : IR_EINTERNAL;
    }
    struct stat st;
    o.progress = !quiet && isatty(STDERR_FILENO) && strcmp(input, "-") != 0 &&
                 stat(input, &st) == 0 && st.st_size > PROGRESS_MIN_BYTES;
    ir_aggregate_report report;
    ir_od *od = ir_aggregate_file(input, states, &o, &report, &err);
    int rc = IR_OK;
    if (od != NULL && ir_trace_input_rollup(&a.in, &od, states, quiet, &err)) {
        ir_aggregate_report_free(&report);
        ir_od_destroy(od);
        od = NULL;
    }
    if (od == NULL) {
        rc = err.status;
        if (rc == IR_OK) {
            rc = IR_EINTERNAL;
            ir_error_set(&err, rc, input, -1, NULL, "internal error");
        }
    } else {
        if (!quiet) {
            fprintf(stderr, "ironriver: columns: %s\n", report.columns);
            ir_trace_report_print(&report);
        }
        rc = ir_od_write_csv(od, output, &err);
        ir_aggregate_report_free(&report);
    }
    if (rc) {
        fprintf(stderr, "ironriver: %s\n", err.message);
        ir_trace_report_problems(input, &report);
    }
    ir_od_destroy(od);
    ir_locator_destroy(locator);
    ir_boundaries_free(&bounds);
    ir_states_destroy(states);
    ir_options_store_free(&store);
    return rc;
}

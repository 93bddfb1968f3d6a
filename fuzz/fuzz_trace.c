/*
 * The trace-CSV aggregator: the input is the file; its first byte, cut
 * off, chooses the options (bit 0: every row through libcsv, bit 1:
 * --skip-unknown, bit 2: --years 2015-2020, bit 3: --where on the origin).
 */
#include <stdlib.h>
#include <string.h>

#include "aggregate/aggregate.h"
#include "load/states.h"
#include "fuzz.h"

static ir_states *states;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    ir_error err = { 0 };
    if (states == NULL && (states = ir_states_load("data/states.csv",
                                                   &err)) == NULL)
        abort();
    uint8_t flags = data[0];
    const char *path = fuzz_write("t.csv", data + 1, size - 1);
    static const char *const where[1] = { "origin=Texas,Arizona" };
    ir_aggregate_options opt = { .threads = 1,
                                 .no_fast_path = flags & 1,
                                 .skip_unknown = (flags & 2) != 0,
                                 .count_years = true };
    if (flags & 4) {
        opt.year_from = 2015;
        opt.year_to = 2020;
    }
    if (flags & 8) {
        opt.where = where;
        opt.nwhere = 1;
    }
    ir_aggregate_report report;
    ir_od *od = ir_aggregate_file(path, states, &opt, &report, &err);
    if (od)
        ir_aggregate_report_free(&report);
    ir_od_destroy(od);
    return 0;
}

/*
 * The OD table reader: the aggregator on a file whose header is
 * origin,destination,weight, the rest the input.
 */
#include <stdlib.h>
#include <string.h>

#include "aggregate/aggregate.h"
#include "load/states.h"
#include "fuzz.h"

static ir_states *states;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ir_error err = { 0 };
    if (states == NULL && (states = ir_states_load("data/states.csv",
                                                   &err)) == NULL)
        abort();
    static const char header[] = "origin,destination,weight\n";
    uint8_t *buf = malloc(sizeof header + size);
    if (buf == NULL)
        return 0;
    memcpy(buf, header, sizeof header - 1);
    memcpy(buf + sizeof header - 1, data, size);
    const char *path = fuzz_write("od.csv", buf, sizeof header - 1 + size);
    free(buf);
    ir_aggregate_options opt = { .threads = 1 };
    ir_aggregate_report report;
    ir_od *od = ir_aggregate_file(path, states, &opt, &report, &err);
    if (od)
        ir_aggregate_report_free(&report);
    ir_od_destroy(od);
    return 0;
}

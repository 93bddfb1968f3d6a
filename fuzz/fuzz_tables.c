/*
 * The small tables a map reads beside its input: the first byte, cut off,
 * chooses which (0: a places table, 1: a fill's values, 2: border
 * crossings, 3: named totals).
 */
#include <stdlib.h>

#include "load/crossings.h"
#include "load/places.h"
#include "load/states.h"
#include "load/statevalues.h"
#include "load/totals.h"
#include "fuzz.h"

/* The state table, loaded once: reading it costs more than most inputs
 * (3 ms under the sanitizers).  A places table that loads adds to it, and
 * then it is read again for the next input. */
static ir_states *states;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *path = fuzz_write("t.csv", data + 1, size - 1);
    ir_error err = { 0 };
    if (states == NULL && (states = ir_states_load("data/states.csv",
                                                   &err)) == NULL)
        abort();
    size_t count = ir_states_count(states);
    switch (data[0] % 4) {
    case 0:
        ir_places_load(states, path, NULL, &err);
        break;
    case 1:
        ir_state_values_destroy(ir_state_values_load(path, states, NULL, NULL,
                                                     &err));
        break;
    case 2:
        ir_crossings_destroy(ir_crossings_load(path, &err));
        break;
    default: {
        double v;
        ir_totals_lookup(path, "_TRACE_REQUESTS", &v, &err);
    }
    }
    if (ir_states_count(states) != count) {
        ir_states_destroy(states);
        states = NULL;
    }
    return 0;
}

/*
 * The INI spec reader with the map command's option table: every key,
 * [panel] sections included.
 */
#include <string.h>

#include "cli/mapspec.h"
#include "cli/options.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write("figure.ini", data, size);
    map_settings s;
    memset(&s, 0, sizeof s);
    ir_options_store store = { 0 };
    ir_error err = { 0 };
    ir_options_read_file(ir_map_options, &s, path, &store, &err);
    ir_options_store_free(&store);
    return 0;
}

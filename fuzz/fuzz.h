/*
 * fuzz: what the libFuzzer harnesses share (make fuzz; see FUZZING.md):
 * a scratch folder of their own, and writing the input there as files,
 * since every reader of ironriver reads files.
 */
#ifndef IR_FUZZ_H
#define IR_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* dir/name in the process's scratch folder (made on first use). */
const char *fuzz_path(const char *name);

/* Writes n bytes to fuzz_path(name); returns that path. */
const char *fuzz_write(const char *name, const uint8_t *data, size_t n);

#endif

/*
 * ironriver: origin-destination flow maps of firearms trafficked from U.S.
 * states into Mexican states.
 *
 * main only dispatches to a command; each command wires the stages
 * load -> aggregate -> project -> lay out -> render together.
 */
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "commands.h"

static void usage(FILE *out)
{
    fputs("usage: ironriver COMMAND [OPTIONS]\n"
          "\n"
          "commands:\n"
          "  aggregate add up trace records into origin-destination weights\n"
          "  basemap   draw the projected basemap of U.S. and Mexican states\n"
          "  map       draw a flow map of an OD table or trace file\n"
          "\n"
          "'ironriver COMMAND --help' describes a command's options.\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return IR_EUSAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        usage(stdout);
        return IR_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("ironriver %s\n", IR_VERSION);
        return IR_OK;
    }
    if (strcmp(cmd, "aggregate") == 0)
        return ir_cmd_aggregate(argc - 1, argv + 1);
    if (strcmp(cmd, "map") == 0)
        return ir_cmd_map(argc - 1, argv + 1);
    if (strcmp(cmd, "basemap") == 0)
        return ir_cmd_basemap(argc - 1, argv + 1);
    fprintf(stderr, "ironriver: unknown command '%s'\n", cmd);
    usage(stderr);
    return IR_EUSAGE;
}

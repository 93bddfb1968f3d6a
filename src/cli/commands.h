/*
 * commands: the subcommands of the ironriver program.  Each takes its own
 * argv (argv[0] is the command name) and returns an exit status (diag.h).
 */
#ifndef IR_COMMANDS_H
#define IR_COMMANDS_H

#ifndef IR_VERSION
#define IR_VERSION "0.1.0"
#endif

int ir_cmd_basemap(int argc, char **argv);
int ir_cmd_aggregate(int argc, char **argv);
int ir_cmd_map(int argc, char **argv);

#endif

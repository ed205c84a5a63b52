/* commands.h - the command entries, one group per file (cmd_*.c). */
#ifndef SMALOG_COMMANDS_H
#define SMALOG_COMMANDS_H

#include "smalog/cli.h"

extern const struct command cmd_init;
extern const struct command cmd_add;
extern const struct command cmd_list;
extern const struct command cmd_show;
extern const struct command cmd_edit;
extern const struct command cmd_delete;
extern const struct command cmd_check;
extern const struct command cmd_timeline;
extern const struct command cmd_delta;
extern const struct command cmd_summary;
extern const struct command cmd_terms;
extern const struct command cmd_import;
extern const struct command cmd_export;
extern const struct command cmd_query;
extern const struct command cmd_chart;
extern const struct command cmd_merge;
extern const struct command cmd_git_setup;
extern const struct command cmd_diff;
extern const struct command cmd_log;
extern const struct command cmd_undo;

/* show KIND ID --history: that record's changes, oldest first (cmd_history.c). */
int show_history(struct cli *cli);

#endif

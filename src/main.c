/* main.c - smalog's entry point: global options, the command table, exit codes. */
#include "smalog/commands.h"
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/pager.h"
#include "smalog/utf8.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

const struct command *const commands[] = {
	&cmd_init, &cmd_add, &cmd_list, &cmd_show, &cmd_edit, &cmd_delete, &cmd_check, &cmd_timeline, &cmd_delta, &cmd_summary, &cmd_terms, &cmd_import, &cmd_export, &cmd_query, &cmd_chart, &cmd_diff, &cmd_merge, &cmd_git_setup, &cmd_log, &cmd_undo, NULL,
};

static void print_usage(void)
{
	printf("usage: smalog [--db PATH] [--no-pager] COMMAND [ARGS]\n\n"
	       "Record keeper for the negotiation history of defense cost-sharing agreements.\n\n"
	       "commands:\n");
	for (int i = 0; commands[i]; i++)
		printf("  %-10s %s\n", commands[i]->name, commands[i]->summary);
	printf("\n'smalog COMMAND --help' tells more.  The database is --db PATH, else\n"
	       "$SMALOG_DB, else ./smalog.db.\n");
}

/* Everything printed goes through stdio; a write that failed (a full disk)
 * must fail the command rather than pass in silence, while a reader that
 * closed the pipe early (`| head`) ends it quietly. */
static int flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno == EPIPE)
			return sm_error(SM_READER_GONE, "the reader of standard output closed it");
		return sm_error(EX_IOERR, "cannot write to standard output: %s", strerror(errno));
	}
	return 0;
}

static int run(int argc, char **argv)
{
	struct cli cli;
	int i;
	int rc = cli_parse_global(argc, argv, &cli, &i);
	if (rc)
		return rc;
	if (cli_has(&cli, "version")) {
		printf("smalog %s\n", SMALOG_VERSION);
		return 0;
	}
	if (cli_has(&cli, "help") || cli_has(&cli, "h") || i == argc) {
		print_usage();
		return i == argc ? sm_error(EX_USAGE, "no command given") : 0;
	}
	const struct command *cmd = command_find(argv[i]);
	if (!cmd) {
		const struct command *near = command_nearest(argv[i]);
		if (near)
			return sm_error(EX_USAGE, "unknown command '%s'; did you mean '%s'?", argv[i], near->name);
		return sm_error(EX_USAGE, "unknown command '%s' (see 'smalog --help')", argv[i]);
	}
	bool help = false;
	rc = cli_parse(cmd, argc - i - 1, argv + i + 1, &cli, &help);
	/* what goes to a file (-o) needs no pager; what goes to the terminal
	 * is held until the command ends, to tell whether it fits */
	const char *o = cli_get(&cli, "o");
	if ((rc == 0 || help) && !cli_has(&cli, "no-pager") && (!o || strcmp(o, "-") == 0))
		pager_begin();
	if (help) {
		sm_error_clear();
		cli_print_help(cmd, cli.kind);
		return 0;
	}
	return rc ? rc : command_run(cmd, &cli);
}

int main(int argc, char **argv)
{
	/* a closed pipe becomes EPIPE on write: the command stops there */
	signal(SIGPIPE, SIG_IGN);
	db_library_init();
	int rc = run(argc, argv);
	int flushed = flush_stdout();
	if (rc == 0)
		rc = flushed;
	/* a failed command's partial output is printed as it is, and its
	 * error after it, where it is seen */
	int shown = pager_finish(rc == 0);
	if (rc == 0)
		rc = shown;
	if (rc != 0 && sm_error_code() == SM_READER_GONE)
		return 0;
	if (rc != 0) {
		/* messages quote what the user typed: printed safely here, once */
		const char *msg = sm_error_message();
		fputs("smalog: ", stderr);
		utf8_write_printable(stderr, *msg ? msg : "failed");
		fputc('\n', stderr);
		if (sm_error_code())
			rc = sm_error_code();
	}
	return rc;
}

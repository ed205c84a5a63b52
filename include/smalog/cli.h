/* cli.h - the command table and table-driven option parsing. */
#ifndef SMALOG_CLI_H
#define SMALOG_CLI_H

#include "smalog/kinds.h"
#include "smalog/output.h"

#include <stdbool.h>

struct db;

struct option_spec {
	const char *name;   /* without dashes: "db", "format"; one letter for -o */
	unsigned char takes_value; /* false: a flag; true: one value; OPT_REPEATABLE: a value, given any number of times */
	const char *help;
};

/* takes_value for an option that may be repeated (--param A=1 --param B=2);
 * read its values with cli_get_next.  Still true when tested as a flag. */
enum { OPT_REPEATABLE = 2 };

enum { CLI_MAX_OPTIONS = 64, CLI_MAX_ARGS = 16 };

struct cli {
	const char *command;
	const char *args[CLI_MAX_ARGS]; /* positional arguments after the command */
	int nargs;
	struct {
		const struct option_spec *spec;
		const char *value; /* "" for a flag */
	} given[CLI_MAX_OPTIONS];
	int ngiven;
	const char *db_path; /* --db, $SMALOG_DB or ./smalog.db */
	const struct kind *kind; /* the first argument, for a command that takes a kind */
	struct db *db; /* opened by command_run as the entry says; NULL for OPENS_NONE */
	int argc;      /* the whole command line, for the change log */
	char **argv;
};

/* How command_run opens the database before run() and closes it after;
 * OPENS_CHECK is read-write, so that an older file is upgraded and a schema
 * problem reported, or read-only where the file cannot be written. */
enum command_db { OPENS_NONE, OPENS_READ, OPENS_WRITE, OPENS_CREATE, OPENS_CHECK };

struct command {
	const char *name;
	int (*check)(const struct cli *cli); /* may be NULL: checks the options before the database is opened */
	int (*run)(struct cli *cli);
	const char *usage;  /* "smalog add KIND [--FIELD VALUE]..." */
	const char *summary;
	const char *help;   /* further lines for --help; may be NULL */
	const struct option_spec *options; /* NULL-name terminated */
	unsigned takes;     /* what it takes besides its options: TAKES_KIND, TAKES_FIELDS, NAMES_KIND */
	bool output;        /* takes the output options */
	struct {
		int min, max;     /* how many positional arguments, the kind included */
		const char *what; /* what they are, for "'smalog show' needs a kind and an id" */
	} args;
	enum command_db opens;
};

/* struct command's takes.  TAKES_KIND: the first argument names a kind
 * (one that names none is refused before anything else is read).
 * TAKES_FIELDS: that kind's fields are options too (add, edit); other
 * commands refuse them.  NAMES_KIND: the first argument names a kind,
 * looked up once the options are read (import, export).  Either way
 * command_run sets cli->kind. */
enum { TAKES_KIND = 1, TAKES_FIELDS = 2, NAMES_KIND = 4 };

/* Options every printing command takes. */
extern const struct option_spec output_options[];

/* Parse the options before the command name (argv[0] is smalog's) into
 * cli as cli_parse reads them after it, up to --version or --help.  0 or
 * the exit code; *next is the command name's index (argc when none). */
int cli_parse_global(int argc, char **argv, struct cli *cli, int *next);

/* Parse argv (after the command name) into cli, which holds the global
 * options cli_parse_global read, against the command's options: the
 * command's own, the output options, the kind's fields, --db, --help.
 * A first argument that names no kind (for TAKES_KIND), unknown
 * options (the nearest known one suggested), a field option given to a
 * command that does not take fields, missing values and repeated options
 * (unless OPT_REPEATABLE) are usage errors (EX_USAGE via sm_error).
 * Returns 0, or the exit code; *help_wanted is set for -h/--help. */
int cli_parse(const struct command *cmd, int argc, char **argv, struct cli *cli, bool *help_wanted);

/* The value of an option ("" for a given flag), or NULL if not given. */
const char *cli_get(const struct cli *cli, const char *name);
bool cli_has(const struct cli *cli, const char *name);

/* Each value of a repeatable option in command-line order: start with
 * *pos = 0 and call until NULL.  cli_get returns the first. */
const char *cli_get_next(const struct cli *cli, const char *name, int *pos);

/* Print a command's help to stdout. */
void cli_print_help(const struct command *cmd, const struct kind *kind);

/* Start output as the options say (--format, --csv..., -o, --excel). */
int cli_output(const struct cli *cli, const struct out_column *cols, size_t ncols, struct output **out);

/* Its parts, for commands that write elsewhere or allow fewer formats:
 * the format and flags chosen (fallback when none; --excel alone is CSV)
 * and the -o path (NULL for standard output).  0 or EX_USAGE. */
int cli_output_format(const struct cli *cli, enum out_format fallback, enum out_format *fmt, unsigned *flags);
int cli_output_path(const struct cli *cli, const char **path);

/* The kind named by the first argument, or a usage error that suggests
 * the nearest kind. */
int cli_kind(const struct cli *cli, const struct kind **kind);

/* Run a parsed command as its entry says: the number of arguments
 * checked, the database opened in its mode, run, the database closed.
 * Returns 0 or the exit code. */
int command_run(const struct command *cmd, struct cli *cli);

/* "--start-year" for field "start_year" into buf. */
const char *cli_option_name(const char *field, char *buf, size_t bufsz);

/* The command table (main.c). */
extern const struct command *const commands[];
const struct command *command_find(const char *name);

/* The command nearest to a mistyped name ("timline": timeline), or NULL
 * when none is close. */
const struct command *command_nearest(const char *name);

#endif

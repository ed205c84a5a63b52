/* cli.c - parses command lines against each command's option table. */
#include "smalog/cli.h"

#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/history.h"
#include "smalog/memory.h"
#include "smalog/sbuf.h"
#include "smalog/suggest.h"
#include "smalog/term.h"
#include "smalog/utf8.h"

#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const struct option_spec output_options[] = {
	{ "format", true, "table (default), csv, tsv, json, jsonl, markdown or xlsx" },
	{ "csv", false, "same as --format csv" },
	{ "tsv", false, "same as --format tsv" },
	{ "json", false, "same as --format json" },
	{ "jsonl", false, "same as --format jsonl" },
	{ "md", false, "same as --format markdown" },
	{ "xlsx", false, "same as --format xlsx (a spreadsheet; also chosen by -o FILE.xlsx)" },
	{ "excel", false, "CSV for spreadsheets: BOM, CRLF, formulas defused" },
	{ "o", true, "write to FILE (atomically) instead of standard output" },
	{ "unit", true, "amounts in K, M, B, T, \xEC\x96\xB5 or \xEC\xA1\xB0 (table and markdown)" },
	{ "date-range", false, "each date's first and last day beside it (csv, tsv, json)" },
	{ "x", false, "table: one field per line (expanded)" },
	{ "expanded", false, "same as -x" },
	{ "width", true, "table: fit N columns (default: the terminal's)" },
	{ "wide", false, "table: every column at full width, however wide" },
	{ NULL, false, NULL },
};

static const struct option_spec global_options[] = {
	{ "db", true, "the database file (default: $SMALOG_DB, else ./smalog.db)" },
	{ "no-pager", false, "print to the terminal without a pager, however long" },
	{ "help", false, "show this help" },
	{ "h", false, "show this help" },
	{ NULL, false, NULL },
};

/* The change log's options: -m on every command that writes, --as-of on
 * every command that reads records (log reads the log itself). */
static const struct option_spec write_options[] = {
	{ "m", true, "a message for the change log" },
	{ NULL, false, NULL },
};

static const struct option_spec read_options[] = {
	{ "as-of", true, "the records as they stood at WHEN (UTC: YYYY-MM-DD, the end of that day, or YYYY-MM-DDTHH:MM:SS)" },
	{ NULL, false, NULL },
};

static const struct option_spec *history_options(const struct command *cmd)
{
	if (cmd->opens == OPENS_WRITE || cmd->opens == OPENS_CREATE)
		return write_options;
	if (cmd->opens == OPENS_READ && strcmp(cmd->name, "log") != 0)
		return read_options;
	return NULL;
}

/* Field options per kind, made once: "--start-year" for start_year. */
static struct option_spec field_specs[KIND_COUNT][KIND_MAX_FIELDS + 1];
static char field_names[KIND_COUNT][KIND_MAX_FIELDS][40];

const char *cli_option_name(const char *field, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "--%s", field);
	for (char *p = buf + 2; *p; p++)
		if (*p == '_')
			*p = '-';
	return buf;
}

static const struct option_spec *kind_options(const struct kind *kind)
{
	int k = kind_index(kind);
	if (!field_specs[k][0].name) {
		for (int i = 0; i < kind->nfields; i++) {
			char buf[40];
			cli_option_name(kind->fields[i].name, buf, sizeof buf);
			snprintf(field_names[k][i], sizeof field_names[k][i], "%s", buf + 2);
			field_specs[k][i] = (struct option_spec){ field_names[k][i], true, kind->fields[i].name };
		}
	}
	return field_specs[k];
}

static const struct option_spec *find_in(const struct option_spec *specs, const char *name, size_t len)
{
	for (; specs && specs->name; specs++)
		if (strlen(specs->name) == len && strncmp(specs->name, name, len) == 0)
			return specs;
	return NULL;
}

/* The first kind that has a field option called name (len bytes), or
 * NULL: such options belong to the commands that set fields. */
static const struct kind *kind_with_field_option(const char *name, size_t len)
{
	for (int k = 0; all_kinds[k]; k++)
		if (find_in(kind_options(all_kinds[k]), name, len))
			return all_kinds[k];
	return NULL;
}

static void consider_options(struct suggestion *s, const struct option_spec *specs)
{
	for (; specs && specs->name; specs++)
		suggest_consider(s, specs->name);
}

/* Refuse the option arg (its name is name, len bytes) that cmd does not
 * take, saying what was probably meant. */
static int unknown_option(const struct command *cmd, const struct kind *kind, const char *arg, const char *name,
			  size_t len)
{
	int shown = (int)(len + (size_t)(name - arg));
	if ((cmd->takes & TAKES_KIND) && !(cmd->takes & TAKES_FIELDS) && arg[1] == '-' &&
	    kind_with_field_option(name, len))
		return sm_error(EX_USAGE, "%s does not take %.*s (fields are set with 'add' and 'edit')", cmd->name, shown,
				arg);
	/* a record's uid names it in every file: it is set once, never edited */
	if ((cmd->takes & TAKES_FIELDS) && kind && len == 3 && strncmp(name, "uid", 3) == 0)
		return sm_error(EX_USAGE, "a uid cannot be set or changed: it is given when the record is created and "
				"kept for good");
	struct suggestion s;
	suggest_init(&s, name, len);
	consider_options(&s, global_options);
	consider_options(&s, cmd->options);
	consider_options(&s, history_options(cmd));
	if (cmd->output)
		consider_options(&s, output_options);
	if ((cmd->takes & TAKES_FIELDS) && kind)
		consider_options(&s, kind_options(kind));
	const char *near = suggest_result(&s);
	char what[160];
	if ((cmd->takes & TAKES_FIELDS) && kind)
		snprintf(what, sizeof what, "for %s %s", kind_article(kind), kind->name);
	else
		snprintf(what, sizeof what, "for 'smalog %s'", cmd->name);
	if (near)
		return sm_error(EX_USAGE, "unknown option '%.*s' %s; did you mean '%s%s'?", shown, arg, what,
				strlen(near) == 1 ? "-" : "--", near);
	if ((cmd->takes & TAKES_FIELDS) && kind)
		return sm_error(EX_USAGE, "unknown option '%.*s' %s (see 'smalog %s %s --help')", shown, arg, what,
				cmd->name, kind->name);
	return sm_error(EX_USAGE, "unknown option '%.*s' %s (see 'smalog %s --help')", shown, arg, what, cmd->name);
}

/* Refuse a kind name that names no kind, suggesting the nearest. */
static int unknown_kind(const char *name)
{
	struct suggestion s;
	suggest_init(&s, name, strlen(name));
	for (int k = 0; all_kinds[k]; k++) {
		suggest_consider(&s, all_kinds[k]->name);
		suggest_consider(&s, all_kinds[k]->plural);
	}
	const char *near = suggest_result(&s);
	if (near)
		return sm_error(EX_USAGE, "unknown kind '%s'; did you mean '%s'?", name, near);
	return sm_error(EX_USAGE,
			"unknown kind '%s' (expected " KIND_NAMES_TEXT ")", name);
}

/* Record the option arg (its spec; eq is its '=' or NULL) in cli, its
 * value taken from the next argument (argv[++*i]) when not given with '='. */
static int take_option(const struct option_spec *spec, const char *arg, const char *eq, int argc, char **argv, int *i,
		       struct cli *cli)
{
	const char *value = "";
	if (spec->takes_value) {
		if (eq)
			value = eq + 1;
		else if (*i + 1 < argc)
			value = argv[++*i];
		else
			return sm_error(EX_USAGE, "option '%s' needs a value", arg);
	} else if (eq) {
		return sm_error(EX_USAGE, "option '--%s' takes no value", spec->name);
	}
	for (int g = 0; g < cli->ngiven && spec->takes_value != OPT_REPEATABLE; g++)
		if (cli->given[g].spec == spec)
			return sm_error(EX_USAGE, "option '--%s' given twice", spec->name);
	if (cli->ngiven == CLI_MAX_OPTIONS)
		return sm_error(EX_USAGE, "too many options");
	cli->given[cli->ngiven].spec = spec;
	cli->given[cli->ngiven].value = value;
	cli->ngiven++;
	cli->db_path = cli_get(cli, "db");
	return 0;
}

int cli_parse_global(int argc, char **argv, struct cli *cli, int *next)
{
	static const struct option_spec version = { "version", false, NULL };
	memset(cli, 0, sizeof *cli);
	cli->argc = argc;
	cli->argv = argv;
	for (*next = 1; *next < argc && argv[*next][0] == '-'; ++*next) {
		const char *arg = argv[*next];
		const char *name = arg + (arg[1] == '-' ? 2 : 1);
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct option_spec *spec = arg[1] == '-' || len == 1 ? find_in(global_options, name, len) : NULL;
		if (!spec && strcmp(arg, "--version") == 0)
			spec = &version;
		if (!spec)
			return sm_error(EX_USAGE, "unknown option '%s' (see 'smalog --help')", arg);
		int rc = take_option(spec, arg, eq, argc, argv, next, cli);
		if (rc || spec == &version || strcmp(spec->name, "help") == 0 || strcmp(spec->name, "h") == 0)
			return rc;
	}
	return 0;
}

int cli_parse(const struct command *cmd, int argc, char **argv, struct cli *cli, bool *help_wanted)
{
	cli->command = cmd->name;
	*help_wanted = false;
	bool options_done = false;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0 ||
		    (arg[1] >= '0' && arg[1] <= '9')) {
			if (cli->nargs == CLI_MAX_ARGS)
				return sm_error(EX_USAGE, "too many arguments for 'smalog %s'", cmd->name);
			cli->args[cli->nargs++] = arg;
			/* the kind is what the rest is read against: a wrong one
			 * is the first thing to say */
			if ((cmd->takes & TAKES_KIND) && cli->nargs == 1 && !(cli->kind = kind_find(arg)))
				return unknown_kind(arg);
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			options_done = true;
			continue;
		}
		const struct kind *kind = cli->kind;
		const char *name = arg + (arg[1] == '-' ? 2 : 1);
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		if (arg[1] != '-' && len != 1)
			return unknown_option(cmd, kind, arg, name, len);
		const struct option_spec *spec = find_in(global_options, name, len);
		if (!spec)
			spec = find_in(cmd->options, name, len);
		if (!spec)
			spec = find_in(history_options(cmd), name, len);
		if (!spec && cmd->output)
			spec = find_in(output_options, name, len);
		if (!spec && (cmd->takes & TAKES_FIELDS) && kind)
			spec = find_in(kind_options(kind), name, len);
		if (!spec && (cmd->takes & TAKES_FIELDS) && !kind && cli->nargs == 0 && kind_with_field_option(name, len))
			return sm_error(EX_USAGE, "name the kind before its fields: 'smalog %s KIND %s ...'", cmd->name,
					arg);
		if (!spec)
			return unknown_option(cmd, kind, arg, name, len);
		if (strcmp(spec->name, "help") == 0 || strcmp(spec->name, "h") == 0) {
			*help_wanted = true;
			continue;
		}
		int rc = take_option(spec, arg, eq, argc, argv, &i, cli);
		if (rc)
			return rc;
	}
	return 0;
}

/* The command line as typed, for the change log: "smalog edit position 3
 * --pct 13.9", a word that the shell would split or expand in single
 * quotes, --db and its file left out (the file is where it is written). */
static char *command_line(const struct cli *cli)
{
	struct sbuf b = { 0 };
	sb_adds(&b, "smalog");
	for (int i = 1; i < cli->argc; i++) {
		const char *a = cli->argv[i];
		if (strcmp(a, "--db") == 0) {
			i++;
			continue;
		}
		if (strncmp(a, "--db=", 5) == 0)
			continue;
		sb_addc(&b, ' ');
		if (*a && strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/=+%@") == strlen(a)) {
			sb_adds(&b, a);
			continue;
		}
		sb_addc(&b, '\'');
		for (; *a; a++)
			if (*a == '\'')
				sb_adds(&b, "'\\''");
			else
				sb_addc(&b, *a);
		sb_addc(&b, '\'');
	}
	char *line = xstrdup(sb_str(&b));
	sb_release(&b);
	return line;
}

/* Who is writing: $SMALOG_USER, else the login name, else the user id. */
static const char *who_writes(char *buf, size_t bufsz)
{
	const char *env = getenv("SMALOG_USER");
	if (env && *env)
		return env;
	const struct passwd *pw = getpwuid(geteuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	env = getenv("USER");
	if (env && *env)
		return env;
	snprintf(buf, bufsz, "uid %ld", (long)geteuid());
	return buf;
}

/* The change log's options, checked before the database is looked for. */
static int check_history_options(const struct cli *cli, char at[32])
{
	const char *m = cli_get(cli, "m"), *as_of = cli_get(cli, "as-of");
	size_t bad;
	if (m && !*m)
		return sm_error(EX_USAGE, "option '-m' needs a message");
	if (m && (!utf8_valid(m, strlen(m), &bad) || strlen(m) > 4000))
		return sm_error(EX_USAGE, "-m: the message must be UTF-8 text of at most 4000 bytes");
	char err[160];
	if (as_of && history_parse_when(as_of, true, at, err, sizeof err) != 0)
		return sm_error(EX_USAGE, "--as-of: %s", err);
	return 0;
}

int command_run(const struct command *cmd, struct cli *cli)
{
	static const enum db_mode modes[] = {
		[OPENS_READ] = DB_READ_ONLY, [OPENS_WRITE] = DB_READ_WRITE, [OPENS_CREATE] = DB_CREATE, [OPENS_CHECK] = DB_CHECK,
	};
	int rc = 0;
	if ((cmd->takes & (TAKES_KIND | NAMES_KIND)) && !cli->kind && (cli->nargs > 0 || cmd->args.min > 0))
		rc = cli_kind(cli, &cli->kind);
	if (rc == 0 && cli->nargs < cmd->args.min)
		rc = sm_error(EX_USAGE, "'smalog %s' needs %s", cmd->name, cmd->args.what);
	else if (rc == 0 && cli->nargs > cmd->args.max)
		rc = sm_error(EX_USAGE, "unexpected argument '%s' for 'smalog %s'", cli->args[cmd->args.max], cmd->name);
	if (rc == 0 && cmd->check)
		rc = cmd->check(cli);
	char at[32] = "";
	if (rc == 0)
		rc = check_history_options(cli, at);
	const char *path = db_default_path(cli->db_path);
	if (rc == 0 && cmd->opens != OPENS_NONE)
		rc = db_open(path, modes[cmd->opens], &cli->db);
	/* check still reads a file it cannot write (read-only media) */
	if (rc == EX_NOPERM && cmd->opens == OPENS_CHECK) {
		sm_error_clear();
		rc = db_open(path, DB_READ_ONLY, &cli->db);
	}
	/* a writing command's transactions are its change groups */
	char whobuf[32], *line = NULL;
	struct history_note note = { 0 };
	if (rc == 0 && (cmd->opens == OPENS_WRITE || cmd->opens == OPENS_CREATE)) {
		line = command_line(cli);
		note = (struct history_note){ .who = who_writes(whobuf, sizeof whobuf), .command = line, .message = cli_get(cli, "m") };
		cli->db->note = &note;
	}
	if (rc == 0 && cli_has(cli, "as-of"))
		rc = history_as_of(cli->db, at);
	if (rc == 0)
		rc = cmd->run(cli);
	db_close(cli->db);
	cli->db = NULL;
	free(line);
	return rc;
}

const char *cli_get(const struct cli *cli, const char *name)
{
	for (int g = 0; g < cli->ngiven; g++)
		if (strcmp(cli->given[g].spec->name, name) == 0)
			return cli->given[g].value;
	return NULL;
}

bool cli_has(const struct cli *cli, const char *name)
{
	return cli_get(cli, name) != NULL;
}

const char *cli_get_next(const struct cli *cli, const char *name, int *pos)
{
	for (; *pos < cli->ngiven; (*pos)++) {
		if (strcmp(cli->given[*pos].spec->name, name) == 0)
			return cli->given[(*pos)++].value;
	}
	return NULL;
}

/* What a value of each field type is called in help: "--date DATE". */
static const char *field_placeholder(const struct field *f, char *buf, size_t bufsz)
{
	if (field_types[f->type].placeholder)
		return field_types[f->type].placeholder;
	/* keys and choices are called by name: CODE, KEY; KIND, FORMAT */
	snprintf(buf, bufsz, "%s", f->name);
	for (char *p = buf; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return buf;
}

/* What an option's value is called in help: the common name of options
 * that several commands share; else that of the field it filters on
 * (--agreement CODE, --party PARTY); else the option's name in capitals. */
static const char *option_placeholder(const struct option_spec *spec, char *buf, size_t bufsz)
{
	static const struct { const char *option, *placeholder; } common[] = {
		{ "db", "FILE" }, { "from", "DATE" }, { "to", "DATE" }, { "o", "FILE" }, { "format", "FORMAT" }, { "all", "DIR" },
		{ "param", "NAME=VALUE" }, { "type", "TYPES" }, { "by", "round" }, { "confidence", "LEVEL" },
		{ "width", "N" }, { "m", "TEXT" }, { "as-of", "WHEN" }, { "since", "WHEN" },
	};
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
		if (strcmp(common[i].option, spec->name) == 0)
			return common[i].placeholder;
	for (int k = 0; all_kinds[k]; k++) {
		const struct option_spec *fields = kind_options(all_kinds[k]);
		for (int i = 0; fields[i].name; i++)
			if (strcmp(fields[i].name, spec->name) == 0)
				return field_placeholder(&all_kinds[k]->fields[i], buf, bufsz);
	}
	snprintf(buf, bufsz, "%s", spec->name);
	for (char *p = buf; *p; p++)
		*p = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	return buf;
}

static void print_options(const struct option_spec *specs)
{
	for (; specs && specs->name; specs++) {
		char left[64], placeholder[48];
		snprintf(left, sizeof left, "%s%s%s%s", strlen(specs->name) == 1 ? "-" : "--", specs->name,
			 specs->takes_value ? " " : "",
			 specs->takes_value ? option_placeholder(specs, placeholder, sizeof placeholder) : "");
		printf("  %-24s %s\n", left, specs->help);
	}
}

void cli_print_help(const struct command *cmd, const struct kind *kind)
{
	printf("usage: %s\n\n%s\n", cmd->usage, cmd->summary);
	if (cmd->help)
		printf("\n%s", cmd->help);
	if ((cmd->takes & TAKES_KIND) && !kind) {
		printf("\nkinds:\n");
		for (int k = 0; all_kinds[k]; k++)
			printf("  %-10s %s\n", all_kinds[k]->name, all_kinds[k]->summary);
	}
	if ((cmd->takes & TAKES_FIELDS) && kind) {
		bool marks = strcmp(cmd->name, "add") == 0;
		printf("\nfields of %s %s%s:\n", kind_article(kind), kind->name, marks ? " (* required)" : "");
		for (int i = 0; i < kind->nfields; i++) {
			const struct field *f = &kind->fields[i];
			char opt[40], placeholder[40], left[88], choices[160] = "one of:";
			const char *hint = f->hint ? f->hint : field_types[f->type].hint;
			if (f->choices)
				for (int c = 0; f->choices[c]; c++)
					snprintf(choices + strlen(choices), sizeof choices - strlen(choices), " %s",
						 f->choices[c]);
			snprintf(left, sizeof left, "%s %s", cli_option_name(f->name, opt, sizeof opt),
				 field_placeholder(f, placeholder, sizeof placeholder));
			printf("  %-24s %s %s\n", left, f->required && marks ? "*" : " ",
			       hint ? hint : choices);
		}
	}
	if ((cmd->options && cmd->options->name) || history_options(cmd)) {
		printf("\noptions:\n");
		print_options(cmd->options);
		print_options(history_options(cmd));
	}
	if (cmd->output) {
		printf("\noutput:\n");
		print_options(output_options);
	}
	printf("\nglobal:\n");
	print_options(global_options);
}

/*
 * The options that say how output is shown, checked against the format
 * chosen: --unit (table, markdown), --date-range (csv, tsv, json, jsonl),
 * -x/--expanded, --width and --wide (table).  Adds their flags to *flags
 * and, where not NULL, sets *unit, *width (0 when not given) and *wide.
 * Returns 0 or EX_USAGE.
 */
static int display_options(const struct cli *cli, enum out_format fmt, unsigned *flags, enum out_unit *unit,
			   size_t *width, bool *wide)
{
	const char *unit_name = cli_get(cli, "unit"), *width_text = cli_get(cli, "width");
	bool expand = cli_has(cli, "x") || cli_has(cli, "expanded");
	enum out_unit u = UNIT_NONE;
	size_t n = 0;

	if (unit_name) {
		if (out_unit_parse(unit_name, &u) != 0)
			return sm_error(EX_USAGE, "unknown unit '%s' (expected K, M, B, T, \xEC\x96\xB5 or \xEC\xA1\xB0)",
					unit_name);
		if (fmt != OUT_TABLE && fmt != OUT_MARKDOWN)
			return sm_error(EX_USAGE, "--unit applies to table and markdown output only; "
						  "CSV and JSON keep whole units");
	}
	if (cli_has(cli, "date-range")) {
		if (fmt == OUT_TABLE || fmt == OUT_MARKDOWN)
			return sm_error(EX_USAGE, "--date-range applies to CSV, TSV and JSON output only");
		*flags |= OUT_DATE_RANGE;
	}
	if (width_text) {
		const char *p = width_text;
		while (*p >= '0' && *p <= '9' && n <= 100000)
			n = n * 10 + (size_t)(*p++ - '0');
		if (p == width_text || *p || n < 20 || n > 100000)
			return sm_error(EX_USAGE, "--width: '%s' is not a number of columns from 20 to 100000",
					width_text);
	}
	const char *table_only = expand ? (cli_has(cli, "x") ? "-x" : "--expanded")
				 : width_text ? "--width" : cli_has(cli, "wide") ? "--wide" : NULL;
	if (table_only && fmt != OUT_TABLE)
		return sm_error(EX_USAGE, "%s applies to table output only", table_only);
	if (cli_has(cli, "wide") && (expand || width_text))
		return sm_error(EX_USAGE, "--wide shows every column at full width: it cannot go with %s",
				expand ? "-x/--expanded" : "--width");
	if (expand)
		*flags |= OUT_EXPANDED;
	if (unit)
		*unit = u;
	if (width)
		*width = n;
	if (wide)
		*wide = cli_has(cli, "wide");
	return 0;
}

int cli_output_format(const struct cli *cli, enum out_format fallback, enum out_format *fmt, unsigned *flags)
{
	static const struct { const char *flag; enum out_format fmt; } shortcuts[] = {
		{ "csv", OUT_CSV }, { "tsv", OUT_TSV }, { "json", OUT_JSON }, { "jsonl", OUT_JSONL }, { "md", OUT_MARKDOWN },
		{ "xlsx", OUT_XLSX },
	};
	*fmt = fallback;
	*flags = 0;
	int chosen = 0;
	const char *name = cli_get(cli, "format");
	if (name) {
		chosen++;
		if (out_format_parse(name, fmt) != 0)
			return sm_error(EX_USAGE, "unknown format '%s' (expected table, csv, tsv, json, jsonl, markdown or xlsx)",
					name);
	}
	for (size_t i = 0; i < sizeof shortcuts / sizeof shortcuts[0]; i++) {
		if (cli_has(cli, shortcuts[i].flag)) {
			chosen++;
			*fmt = shortcuts[i].fmt;
		}
	}
	if (chosen > 1)
		return sm_error(EX_USAGE, "choose one output format");
	/* -o FILE.xlsx with no format named writes what its name says, where
	 * the command offers .xlsx at all (export keeps to what import reads) */
	const struct command *cmd = cli->command ? command_find(cli->command) : NULL;
	const char *path = cli_get(cli, "o");
	size_t plen = path ? strlen(path) : 0;
	if (chosen == 0 && cmd && cmd->output && !cli_has(cli, "excel") && plen > 5 &&
	    strcasecmp(path + plen - 5, ".xlsx") == 0)
		*fmt = OUT_XLSX;
	if (cli_has(cli, "excel")) {
		if (chosen == 0)
			*fmt = OUT_CSV;
		if (*fmt != OUT_CSV)
			return sm_error(EX_USAGE, "--excel applies to CSV output only");
		*flags |= OUT_EXCEL;
	}
	return display_options(cli, *fmt, flags, NULL, NULL, NULL);
}

/* Whether name is the name of a date field of some kind ("date",
 * "start", "signed"). */
static bool date_field_name(const char *name)
{
	for (int k = 0; name && all_kinds[k]; k++)
		for (int i = 0; i < all_kinds[k]->nfields; i++)
			if (field_types[all_kinds[k]->fields[i].type].sort_key &&
			    strcmp(all_kinds[k]->fields[i].name, name) == 0)
				return true;
	return false;
}

/* The -o path; from here on no output may replace the database in use or
 * its journal, whatever -o names (out_protect). */
int cli_output_path(const struct cli *cli, const char **path)
{
	/* whatever -o names, the database is never overwritten by output */
	out_protect(db_default_path(cli->db_path));
	*path = cli_get(cli, "o");
	if (*path && !**path)
		return sm_error(EX_USAGE, "option '-o' needs a file name");
	return 0;
}

int cli_output(const struct cli *cli, const struct out_column *cols, size_t ncols, struct output **out)
{
	enum out_format fmt;
	unsigned flags;
	const char *path;
	enum out_unit unit;
	size_t width;
	bool wide;
	int rc = cli_output_format(cli, OUT_TABLE, &fmt, &flags);
	if (rc == 0)
		rc = display_options(cli, fmt, &flags, &unit, &width, &wide);
	if (rc == 0)
		rc = cli_output_path(cli, &path);
	if (rc)
		return rc;
	/* a query's columns carry no type: one named as a kind's date field
	 * is ("date", "start"), so that --date-range reaches it too */
	struct out_column *typed = xcalloc(ncols ? ncols : 1, sizeof *typed);
	for (size_t c = 0; c < ncols; c++) {
		typed[c] = cols[c];
		if (typed[c].type == OUT_TEXT && date_field_name(typed[c].name))
			typed[c].type = OUT_DATE;
	}
	*out = out_open(fmt, path, flags, typed, ncols);
	free(typed);
	if (!*out)
		return sm_error_code() ? sm_error_code() : EX_CANTCREAT;
	/* only a terminal is fitted unless a width is asked for: what goes
	 * to a pipe or a file stays as it always was */
	if (!wide)
		out_set_width(*out, width ? width : !path || strcmp(path, "-") == 0 ? term_columns() : 0);
	out_set_unit(*out, unit);
	return 0;
}

int cli_kind(const struct cli *cli, const struct kind **kind)
{
	if (cli->nargs < 1)
		return sm_error(EX_USAGE, "'smalog %s' needs a kind: " KIND_NAMES_TEXT,
				cli->command);
	*kind = kind_find(cli->args[0]);
	if (!*kind)
		return unknown_kind(cli->args[0]);
	return 0;
}

const struct command *command_find(const char *name)
{
	for (int i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

const struct command *command_nearest(const char *name)
{
	struct suggestion s;
	suggest_init(&s, name, strlen(name));
	for (int i = 0; commands[i]; i++)
		suggest_consider(&s, commands[i]->name);
	const char *near = suggest_result(&s);
	return near ? command_find(near) : NULL;
}

/* test_cli.c - option parsing against command tables, without running commands. */
#include "smalog/cli.h"
#include "smalog/db.h"
#include "smalog/error.h"

#include "check_main.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cli.c looks commands up in main.c's table, which tests do not link. */
const struct command *const commands[] = { NULL };

static int never_run(struct cli *cli)
{
	(void)cli;
	return 0;
}

static const struct option_spec demo_options[] = {
	{ "agreement", true, "" },
	{ "example", false, "" },
	{ "param", OPT_REPEATABLE, "" },
	{ NULL, false, NULL },
};

static const struct command demo = {
	.name = "demo", .run = never_run, .usage = "smalog demo", .summary = "", .options = demo_options, .output = true,
};
static const struct command per_kind = {
	.name = "add", .run = never_run, .usage = "smalog add KIND", .summary = "", .takes = TAKES_KIND | TAKES_FIELDS,
};
/* A command that names a kind but does not take its fields, as list does. */
static const struct command kind_only = {
	.name = "list", .run = never_run, .usage = "smalog list KIND", .summary = "", .options = demo_options,
	.takes = TAKES_KIND, .output = true,
};

/* Parse a NULL-terminated list of arguments; returns cli_parse's result. */
static int parse(const struct command *cmd, struct cli *cli, bool *help, const char **args)
{
	int argc = 0;
	while (args[argc])
		argc++;
	sm_error_clear();
	memset(cli, 0, sizeof *cli);
	return cli_parse(cmd, argc, (char **)args, cli, help);
}

START_TEST(values_flags_and_positionals)
{
	struct cli cli;
	bool help;
	const char *args[] = { "x", "--agreement", "SMA-11", "--example", "--db=a.db", "-o", "out.csv", "y", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, args), 0);
	ck_assert(!help);
	ck_assert_str_eq(cli_get(&cli, "agreement"), "SMA-11");
	ck_assert_str_eq(cli_get(&cli, "example"), "");
	ck_assert_str_eq(cli_get(&cli, "o"), "out.csv");
	ck_assert_str_eq(cli.db_path, "a.db");
	ck_assert_ptr_null(cli_get(&cli, "csv"));
	ck_assert_int_eq(cli.nargs, 2);
	ck_assert_str_eq(cli.args[0], "x");
	ck_assert_str_eq(cli.args[1], "y");
}
END_TEST

START_TEST(negative_numbers_are_values_not_options)
{
	struct cli cli;
	bool help;
	const char *args[] = { "position", "--pct", "-2.5", "-5", NULL };
	ck_assert_int_eq(parse(&per_kind, &cli, &help, args), 0);
	ck_assert_str_eq(cli_get(&cli, "pct"), "-2.5");
	ck_assert_int_eq(cli.nargs, 2);
	ck_assert_str_eq(cli.args[1], "-5");
}
END_TEST

START_TEST(kind_fields_become_options)
{
	struct cli cli;
	bool help;
	const char *args[] = { "agreement", "--start-year", "2019", "--code=SMA-10", NULL };
	ck_assert_int_eq(parse(&per_kind, &cli, &help, args), 0);
	ck_assert_str_eq(cli_get(&cli, "start-year"), "2019");
	ck_assert_str_eq(cli_get(&cli, "code"), "SMA-10");
	const char *wrong_kind[] = { "rate", "--code", "x", NULL };
	ck_assert_int_eq(parse(&per_kind, &cli, &help, wrong_kind), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unknown option '--code' for a rate (see 'smalog add rate --help')");
	const char *wrong_article[] = { "outcome", "--amount", "5", NULL };
	ck_assert_int_eq(parse(&per_kind, &cli, &help, wrong_article), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unknown option '--amount' for an outcome (see 'smalog add outcome --help')");
	const char *before_kind[] = { "--code", "x", "agreement", NULL };
	ck_assert_int_eq(parse(&per_kind, &cli, &help, before_kind), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "name the kind before its fields: 'smalog add KIND --code ...'");
}
END_TEST

START_TEST(field_options_only_where_fields_are_set)
{
	struct cli cli;
	bool help;
	const char *amount[] = { "position", "--amount", "5", NULL };
	ck_assert_int_eq(parse(&kind_only, &cli, &help, amount), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "list does not take --amount (fields are set with 'add' and 'edit')");
	const char *with_value[] = { "position", "1", "--start-year=2019", NULL };
	ck_assert_int_eq(parse(&kind_only, &cli, &help, with_value), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "list does not take --start-year (fields are set with 'add' and 'edit')");
	/* its own options still win over a field of the same name */
	const char *own[] = { "position", "--agreement", "SMA-11", NULL };
	ck_assert_int_eq(parse(&kind_only, &cli, &help, own), 0);
	ck_assert_str_eq(cli_get(&cli, "agreement"), "SMA-11");
	/* a command without kinds says only that the option is unknown */
	const char *no_kind[] = { "--amount", "5", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, no_kind), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unknown option '--amount' for 'smalog demo' (see 'smalog demo --help')");
}
END_TEST

START_TEST(wrong_kind_is_reported_first)
{
	struct cli cli;
	bool help;
	const char *typo[] = { "postion", "--agreement", "SMA-11", NULL };
	ck_assert_int_eq(parse(&per_kind, &cli, &help, typo), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unknown kind 'postion'; did you mean 'position'?");
	const char *plural[] = { "positons", "--amount", "5", NULL };
	ck_assert_int_eq(parse(&kind_only, &cli, &help, plural), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unknown kind 'positons'; did you mean 'positions'?");
	const char *far[] = { "treaty", "--code", "x", NULL };
	ck_assert_int_eq(parse(&per_kind, &cli, &help, far), EX_USAGE);
	ck_assert_str_eq(sm_error_message(),
			 "unknown kind 'treaty' (expected agreement, source, round, position, outcome, furlough, rate, schedule, index, actor or statement)");
}
END_TEST

START_TEST(unknown_options_suggest_the_nearest)
{
	struct cli cli;
	bool help;
	const char *field[] = { "position", "--agrement", "SMA-11", NULL };
	ck_assert_int_eq(parse(&per_kind, &cli, &help, field), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unknown option '--agrement' for a position; did you mean '--agreement'?");
	const char *article[] = { "outcome", "--dat", "2020", NULL };
	ck_assert_int_eq(parse(&per_kind, &cli, &help, article), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unknown option '--dat' for an outcome; did you mean '--date'?");
	const char *output[] = { "--jsnol", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, output), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unknown option '--jsnol' for 'smalog demo'; did you mean '--jsonl'?");
	const char *global[] = { "--bd=x.db", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, global), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unknown option '--bd' for 'smalog demo'; did you mean '--db'?");
	const char *one_dash[] = { "-agreement", "x", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, one_dash), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unknown option '-agreement' for 'smalog demo'; did you mean '--agreement'?");
}
END_TEST

START_TEST(refusals)
{
	struct cli cli;
	bool help;
	const char *unknown[] = { "--colour", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, unknown), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unknown option '--colour' for 'smalog demo' (see 'smalog demo --help')");
	const char *missing[] = { "--agreement", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, missing), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "option '--agreement' needs a value");
	const char *twice[] = { "--agreement", "a", "--agreement", "b", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, twice), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "option '--agreement' given twice");
	const char *flag_value[] = { "--example=yes", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, flag_value), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "option '--example' takes no value");
	const char *short_word[] = { "-agreement", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, short_word), EX_USAGE);
}
END_TEST

START_TEST(repeatable_options_keep_their_order)
{
	struct cli cli;
	bool help;
	const char *args[] = { "--param", "a=1", "--example", "--param", "b=2", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, args), 0);
	int pos = 0;
	ck_assert_str_eq(cli_get_next(&cli, "param", &pos), "a=1");
	ck_assert_str_eq(cli_get_next(&cli, "param", &pos), "b=2");
	ck_assert_ptr_null(cli_get_next(&cli, "param", &pos));
}
END_TEST

START_TEST(help_and_double_dash)
{
	struct cli cli;
	bool help;
	const char *args[] = { "--bogus-after-help", "-h", NULL };
	parse(&demo, &cli, &help, args);
	const char *only_help[] = { "-h", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, only_help), 0);
	ck_assert(help);
	const char *dashes[] = { "--", "--example", NULL };
	ck_assert_int_eq(parse(&demo, &cli, &help, dashes), 0);
	ck_assert_ptr_null(cli_get(&cli, "example"));
	ck_assert_str_eq(cli.args[0], "--example");
}
END_TEST

/* What command_run handed the last run: whether it ran, with what. */
static int runs;
static struct db *ran_with;

static int record_run(struct cli *cli)
{
	runs++;
	ran_with = cli->db;
	return 0;
}

static int refuse_options(const struct cli *cli)
{
	(void)cli;
	return sm_error(EX_USAGE, "refused by the check");
}

static const struct command show = {
	.name = "show", .run = record_run,
	.takes = TAKES_KIND, .args = { 2, 2, "a kind and an id" }, .opens = OPENS_READ,
	.usage = "smalog show KIND ID", .summary = "",
};
static const struct command import = {
	.name = "import", .run = record_run,
	.takes = NAMES_KIND, .args = { 2, 2, "a kind and a file" }, .opens = OPENS_WRITE,
	.usage = "smalog import KIND FILE", .summary = "",
};
static const struct command checked = {
	.name = "checked", .check = refuse_options, .run = record_run, .opens = OPENS_READ,
	.usage = "smalog checked", .summary = "",
};
static const struct command no_db = {
	.name = "nodb", .run = record_run, .args = { 0, 1, "a word" }, .usage = "smalog nodb", .summary = "",
};
static const struct command create = {
	.name = "create", .run = record_run, .opens = OPENS_CREATE, .usage = "smalog create", .summary = "",
};

/* Parse args for cmd with --db path, then run it as its entry says. */
static int run_entry(const struct command *cmd, const char *path, const char **args)
{
	struct cli cli;
	bool help;
	runs = 0;
	ran_with = NULL;
	int rc = parse(cmd, &cli, &help, args);
	cli.db_path = path;
	if (rc == 0)
		rc = command_run(cmd, &cli);
	ck_assert_ptr_null(cli.db);
	return rc;
}

START_TEST(entries_count_their_arguments)
{
	const char *none[] = { NULL };
	ck_assert_int_eq(run_entry(&show, "x.db", none), EX_USAGE);
	ck_assert_str_eq(sm_error_message(),
			 "'smalog show' needs a kind: agreement, source, round, position, outcome, furlough, rate, schedule, index, actor or statement");
	const char *one[] = { "round", NULL };
	ck_assert_int_eq(run_entry(&show, "x.db", one), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "'smalog show' needs a kind and an id");
	const char *three[] = { "round", "1", "2", NULL };
	ck_assert_int_eq(run_entry(&show, "x.db", three), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unexpected argument '2' for 'smalog show'");
	/* a kind read after the options is still the first thing said */
	const char *wrong_kind[] = { "treaty", NULL };
	ck_assert_int_eq(run_entry(&import, "x.db", wrong_kind), EX_USAGE);
	ck_assert_str_eq(sm_error_message(),
			 "unknown kind 'treaty' (expected agreement, source, round, position, outcome, furlough, rate, schedule, index, actor or statement)");
	ck_assert_int_eq(runs, 0);
}
END_TEST

START_TEST(entries_open_the_database_in_their_mode)
{
	char dir[] = "/tmp/smalog-test-cli-XXXXXX", path[64];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/a.db", dir);
	const char *none[] = { NULL };
	/* the options are checked before the database is looked for */
	ck_assert_int_eq(run_entry(&checked, path, none), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "refused by the check");
	ck_assert_int_eq(run_entry(&checked, path, (const char *[]){ "extra", NULL }), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unexpected argument 'extra' for 'smalog checked'");
	/* a reader needs the file; a command without a database runs anyway */
	ck_assert_int_eq(run_entry(&show, path, (const char *[]){ "round", "1", NULL }), EX_NOINPUT);
	ck_assert_int_eq(runs, 0);
	ck_assert_int_eq(run_entry(&no_db, path, none), 0);
	ck_assert_int_eq(runs, 1);
	ck_assert_ptr_null(ran_with);
	ck_assert_int_ne(access(path, F_OK), 0);
	/* create makes the file and hands it over; a reader then opens it */
	ck_assert_int_eq(run_entry(&create, path, none), 0);
	ck_assert_ptr_nonnull(ran_with);
	ck_assert_int_eq(run_entry(&show, path, (const char *[]){ "round", "1", NULL }), 0);
	ck_assert_int_eq(runs, 1);
	ck_assert_ptr_nonnull(ran_with);
	ck_assert_int_eq(run_entry(&create, path, none), EX_CANTCREAT);
	ck_assert_int_eq(runs, 0);
	unlink(path);
	rmdir(dir);
}
END_TEST

START_TEST(global_options_read_as_after_the_command)
{
	struct cli cli;
	bool help;
	int next;
	sm_error_clear();
	const char *argv[] = { "smalog", "--db", "a.db", "--no-pager", "list", "position", NULL };
	ck_assert_int_eq(cli_parse_global(6, (char **)argv, &cli, &next), 0);
	ck_assert_int_eq(next, 4);
	ck_assert_str_eq(cli.db_path, "a.db");
	ck_assert(cli_has(&cli, "no-pager"));
	ck_assert_int_eq(cli_parse(&kind_only, 1, (char **)argv + 5, &cli, &help), 0);
	ck_assert_str_eq(cli.db_path, "a.db");
	const char *twice[] = { "position", "--db=b.db", NULL };
	ck_assert_int_eq(cli_parse_global(6, (char **)argv, &cli, &next), 0);
	ck_assert_int_eq(cli_parse(&kind_only, 2, (char **)twice, &cli, &help), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "option '--db' given twice");
	sm_error_clear();
	const char *unknown[] = { "smalog", "--verbose", "list", NULL };
	ck_assert_int_eq(cli_parse_global(3, (char **)unknown, &cli, &next), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "unknown option '--verbose' (see 'smalog --help')");
	sm_error_clear();
	const char *no_value[] = { "smalog", "--db", NULL };
	ck_assert_int_eq(cli_parse_global(2, (char **)no_value, &cli, &next), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "option '--db' needs a value");
	sm_error_clear();
	/* --version and --help end the reading: what follows is not looked at */
	const char *version[] = { "smalog", "--version", "--bogus", NULL };
	ck_assert_int_eq(cli_parse_global(3, (char **)version, &cli, &next), 0);
	ck_assert(cli_has(&cli, "version"));
	const char *nothing[] = { "smalog", NULL };
	ck_assert_int_eq(cli_parse_global(1, (char **)nothing, &cli, &next), 0);
	ck_assert_int_eq(next, 1);
}
END_TEST

START_TEST(option_names_use_dashes)
{
	char buf[40];
	ck_assert_str_eq(cli_option_name("start_year", buf, sizeof buf), "--start-year");
	ck_assert_str_eq(cli_option_name("per_usd", buf, sizeof buf), "--per-usd");
	ck_assert_str_eq(cli_option_name("date", buf, sizeof buf), "--date");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, values_flags_and_positionals);
	tcase_add_test(tc, negative_numbers_are_values_not_options);
	tcase_add_test(tc, kind_fields_become_options);
	tcase_add_test(tc, field_options_only_where_fields_are_set);
	tcase_add_test(tc, wrong_kind_is_reported_first);
	tcase_add_test(tc, unknown_options_suggest_the_nearest);
	tcase_add_test(tc, refusals);
	tcase_add_test(tc, repeatable_options_keep_their_order);
	tcase_add_test(tc, help_and_double_dash);
	tcase_add_test(tc, option_names_use_dashes);
	tcase_add_test(tc, entries_count_their_arguments);
	tcase_add_test(tc, entries_open_the_database_in_their_mode);
	tcase_add_test(tc, global_options_read_as_after_the_command);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

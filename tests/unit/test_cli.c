/* test_cli.c - option parsing against command tables, without running commands. */
#include "smalog/cli.h"
#include "smalog/error.h"

#include "check_main.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

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
			 "unknown kind 'treaty' (expected agreement, source, round, position, outcome, furlough or rate)");
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
	suite_add_tcase(s, tc);
	return run_suite(s);
}

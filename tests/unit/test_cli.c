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

static const struct command demo = { "demo", never_run, "smalog demo", "", NULL, demo_options, false, true };
static const struct command per_kind = { "add", never_run, "smalog add KIND", "", NULL, NULL, true, false };

/* Parse a NULL-terminated list of arguments; returns cli_parse's result. */
static int parse(const struct command *cmd, struct cli *cli, bool *help, const char **args)
{
	int argc = 0;
	while (args[argc])
		argc++;
	sm_error_clear();
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
	const char *before_kind[] = { "--code", "x", "agreement", NULL };
	ck_assert_int_eq(parse(&per_kind, &cli, &help, before_kind), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "name the kind before its fields: 'smalog add KIND --code ...'");
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
	tcase_add_test(tc, refusals);
	tcase_add_test(tc, repeatable_options_keep_their_order);
	tcase_add_test(tc, help_and_double_dash);
	tcase_add_test(tc, option_names_use_dashes);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

/* test_filters.c - the --agreement, --party, --from and --to options that
 * list and the reports share. */
#include "smalog/cli.h"
#include "smalog/error.h"
#include "smalog/filters.h"

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

static const struct option_spec filter_options[] = {
	{ "agreement", true, "" },
	{ "party", true, "" },
	{ "from", true, "" },
	{ "to", true, "" },
	{ NULL, false, NULL },
};

static const struct command listing = {
	.name = "list", .run = never_run, .usage = "smalog list", .summary = "", .options = filter_options, .output = true,
};

/* Parse a NULL-terminated list of options into f; filters_parse's result. */
static int parse(struct filters *f, const char *const *args)
{
	int argc = 0;
	while (args[argc])
		argc++;
	struct cli cli = { 0 };
	bool help;
	sm_error_clear();
	ck_assert_int_eq(cli_parse(&listing, argc, (char **)args, &cli, &help), 0);
	return filters_parse(&cli, f);
}

START_TEST(none_given)
{
	struct filters f;
	const char *args[] = { NULL };
	ck_assert_int_eq(parse(&f, args), 0);
	ck_assert_ptr_null(f.agreement);
	ck_assert_str_eq(f.party, "");
	ck_assert(!f.has_from && !f.has_to);
}
END_TEST

/* A party is read as a position's party field: "us" is US.  A date covers
 * its whole period: --from 2020-03 from March 1, --to 2020 up to the
 * highest key December 31 can have. */
START_TEST(values_are_normalized)
{
	struct filters f;
	const char *args[] = { "--agreement", "SMA-11", "--party", "us", "--from", "2020-03", "--to", "2020", NULL };
	ck_assert_int_eq(parse(&f, args), 0);
	ck_assert_str_eq(f.agreement, "SMA-11");
	ck_assert_str_eq(f.party, "US");
	ck_assert(f.has_from && f.has_to);
	ck_assert_int_eq(f.from_key, 202003010);
	ck_assert_int_eq(f.to_key, 202012319);
}
END_TEST

static const struct {
	const char *args[3];
	const char *message;
} refusals[] = {
	{ { "--agreement", "", NULL }, "option '--agreement' needs a value" },
	{ { "--party", "", NULL }, "option '--party' needs a value" },
	{ { "--from", "2020-13", NULL }, "--from: invalid date '2020-13' (month must be 01 to 12)" },
	{ { "--to", "2021-02-29", NULL }, "--to: invalid date '2021-02-29' (February 2021 has 28 days)" },
};

START_TEST(refused)
{
	struct filters f;
	ck_assert_int_eq(parse(&f, refusals[_i].args), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), refusals[_i].message);
}
END_TEST

START_TEST(from_after_to_is_refused)
{
	struct filters f;
	const char *args[] = { "--from", "2021", "--to", "2020-12", NULL };
	ck_assert_int_eq(parse(&f, args), EX_USAGE);
	ck_assert_str_eq(sm_error_message(), "--from 2021 is after --to 2020-12");
	/* the same period at both ends is one period */
	const char *same[] = { "--from", "2020", "--to", "2020", NULL };
	ck_assert_int_eq(parse(&f, same), 0);
}
END_TEST

/* What is given is bound; what is not stays NULL, which the statements
 * read as no filter. */
START_TEST(bound_to_the_statement)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(":memory:", &h), SQLITE_OK);
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT :agreement, :party, :from, :to", -1, &stmt, NULL), SQLITE_OK);
	struct filters f;
	const char *args[] = { "--party", "kr", "--to", "2019-09", NULL };
	ck_assert_int_eq(parse(&f, args), 0);
	filters_bind(&f, stmt);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_type(stmt, 0), SQLITE_NULL);
	ck_assert_str_eq((const char *)sqlite3_column_text(stmt, 1), "KR");
	ck_assert_int_eq(sqlite3_column_type(stmt, 2), SQLITE_NULL);
	ck_assert_int_eq(sqlite3_column_int64(stmt, 3), 201909309);
	sqlite3_finalize(stmt);
	sqlite3_close(h);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("filters");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, none_given);
	tcase_add_test(tc, values_are_normalized);
	tcase_add_loop_test(tc, refused, 0, (int)(sizeof refusals / sizeof refusals[0]));
	tcase_add_test(tc, from_after_to_is_refused);
	tcase_add_test(tc, bound_to_the_statement);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

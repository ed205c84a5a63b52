/* test_number.c - Check unit tests for the number scanner that amounts and decimals share. */
#include "check_main.h"

#include <check.h>
#include <stdint.h>
#include <string.h>

#include "smalog/number.h"

#define N_ELEMENTS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define GROUPS "thousands separators must separate groups of three digits"

struct scan_case {
	const char *text;
	const char *seps;
	const char *reason;   /* NULL: scanned */
	size_t end, int_digits, frac_digits;
};

static const struct scan_case scans[] = {
	{ "1038900", ",", NULL, 7, 7, 0 },
	{ "1,038,900", ",", NULL, 9, 7, 0 },
	{ "1_038_900", ",_ ", NULL, 9, 7, 0 },
	{ "1 038 900", ",_ ", NULL, 9, 7, 0 },
	{ "919.1M", ",_ ", NULL, 5, 3, 1 },
	{ "5 billion", ",_ ", NULL, 1, 1, 0 },   /* a space before a letter is not a separator */
	{ "1 038", ",", NULL, 1, 1, 0 },         /* nor where space is not a separator at all */
	{ ".5", ",", NULL, 2, 0, 1 },
	{ "5.", ",", NULL, 2, 1, 0 },
	{ "13%", ",", NULL, 2, 2, 0 },
	{ "", ",", NULL, 0, 0, 0 },
	{ "x", ",", NULL, 0, 0, 0 },
	{ "1,2", ",", GROUPS, 0, 0, 0 },
	{ "1234,567", ",", GROUPS, 0, 0, 0 },
	{ ",123", ",", GROUPS, 0, 0, 0 },
	{ "1,234,56", ",", GROUPS, 0, 0, 0 },
	{ "1,23,456", ",", GROUPS, 0, 0, 0 },
	{ "1,000_000", ",_ ", "mixed thousands separators", 0, 0, 0 },
	{ "1.2.3", ",", "more than one decimal point", 0, 0, 0 },
	{ "1,000.5.", ",", "more than one decimal point", 0, 0, 0 },
};

START_TEST(test_scan)
{
	const struct scan_case *c = &scans[_i];
	struct number num;
	const char *reason;

	number_trim(c->text, &num);
	reason = number_scan(&num, 0, c->seps);
	if (c->reason) {
		ck_assert_ptr_nonnull(reason);
		ck_assert_str_eq(reason, c->reason);
		return;
	}
	ck_assert_msg(reason == NULL, "'%s' refused: %s", c->text, reason);
	ck_assert_uint_eq(num.end, c->end);
	ck_assert_uint_eq(num.int_digits, c->int_digits);
	ck_assert_uint_eq(num.frac_digits, c->frac_digits);
}
END_TEST

START_TEST(test_trim_and_start)
{
	struct number num;

	number_trim(" \t-1,234.50 \t", &num);
	ck_assert_uint_eq(num.n, 9);
	ck_assert_int_eq(strncmp(num.s, "-1,234.50", num.n), 0);
	ck_assert_ptr_null(number_scan(&num, 1, ","));
	ck_assert_uint_eq(num.start, 1);
	ck_assert_uint_eq(num.int_end, 6);
	ck_assert_uint_eq(num.end, 9);

	ck_assert_uint_eq(number_trim(NULL, &num), 0);
	ck_assert_uint_eq(number_trim(" \t ", &num), 0);
	ck_assert_uint_eq(number_trim("\t7 ", &num), 1);
	ck_assert_int_eq(num.s[0], '7');
}
END_TEST

struct value_case {
	const char *text;
	int exponent;
	uint64_t limit;
	enum number_fit fit;
	uint64_t value;
};

static const struct value_case values[] = {
	{ "1,038,900", 0, INT64_MAX, NUMBER_FITS, 1038900 },
	{ "1.0389", 12, INT64_MAX, NUMBER_FITS, UINT64_C(1038900000000) },
	{ "919.1", 6, INT64_MAX, NUMBER_FITS, 919100000 },
	{ "13.125", 2, INT64_MAX, NUMBER_TOO_PRECISE, 0 },
	{ "13.1200", 2, INT64_MAX, NUMBER_FITS, 1312 },     /* trailing zeros are exact */
	{ "1.5", 0, INT64_MAX, NUMBER_TOO_PRECISE, 0 },
	{ ".05", 2, INT64_MAX, NUMBER_FITS, 5 },
	{ "9223372036854775807", 0, INT64_MAX, NUMBER_FITS, INT64_MAX },
	{ "9223372036854775808", 0, INT64_MAX, NUMBER_TOO_LARGE, 0 },
	{ "9223372036854775808", 0, (uint64_t)INT64_MAX + 1, NUMBER_FITS, (uint64_t)INT64_MAX + 1 },
	{ "9223372.036854775807", 12, INT64_MAX, NUMBER_FITS, INT64_MAX },
	{ "9223372.036854775808", 12, INT64_MAX, NUMBER_TOO_LARGE, 0 },
	{ "99999999999999999999999", 0, INT64_MAX, NUMBER_TOO_LARGE, 0 },
	/* a part too precise is named before a size too large */
	{ "99999999999999999999999.5", 0, INT64_MAX, NUMBER_TOO_PRECISE, 0 },
	{ "1", 18, INT64_MAX, NUMBER_FITS, UINT64_C(1000000000000000000) },
	{ "10", 18, INT64_MAX, NUMBER_TOO_LARGE, 0 },
};

START_TEST(test_value)
{
	const struct value_case *c = &values[_i];
	struct number num;
	uint64_t v = 42;

	number_trim(c->text, &num);
	ck_assert_ptr_null(number_scan(&num, 0, ","));
	ck_assert_int_eq(number_value(&num, c->exponent, c->limit, &v), c->fit);
	ck_assert_msg(v == (c->fit == NUMBER_FITS ? c->value : 42), "'%s' gave %llu", c->text,
		      (unsigned long long)v);
}
END_TEST

START_TEST(test_refuse)
{
	char err[128], small[8];

	ck_assert_int_eq(number_refuse(err, sizeof err, "rate", "-1", "a sign is not %s", "allowed"), -1);
	ck_assert_str_eq(err, "invalid rate '-1' (a sign is not allowed)");
	ck_assert_int_eq(number_refuse(small, sizeof small, "amount", "12345", "too large"), -1);
	ck_assert_str_eq(small, "invalid");
	ck_assert_int_eq(number_refuse(NULL, 0, "amount", "1", "empty"), -1);
	number_refuse(err, sizeof err, "amount", "1\n2", "x");
	ck_assert_ptr_null(strchr(err, '\n'));
}
END_TEST

START_TEST(test_describe)
{
	char buf[4];

	ck_assert_str_eq(number_describe(' ', buf, sizeof buf), "space");
	ck_assert_str_eq(number_describe('\t', buf, sizeof buf), "tab");
	ck_assert_str_eq(number_describe('\x01', buf, sizeof buf), "control character");
	ck_assert_str_eq(number_describe('\x7f', buf, sizeof buf), "control character");
	ck_assert_str_eq(number_describe('\xc3', buf, sizeof buf), "non-ASCII character");
	ck_assert_str_eq(number_describe('x', buf, sizeof buf), "'x'");
}
END_TEST

static Suite *number_suite(void)
{
	Suite *s = suite_create("number");
	TCase *tc = tcase_create("scan");

	tcase_add_loop_test(tc, test_scan, 0, N_ELEMENTS(scans));
	tcase_add_test(tc, test_trim_and_start);
	suite_add_tcase(s, tc);

	tc = tcase_create("value");
	tcase_add_loop_test(tc, test_value, 0, N_ELEMENTS(values));
	suite_add_tcase(s, tc);

	tc = tcase_create("messages");
	tcase_add_test(tc, test_refuse);
	tcase_add_test(tc, test_describe);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(number_suite());
}

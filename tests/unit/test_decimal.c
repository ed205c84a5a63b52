/* test_decimal.c - Check unit tests for exact fixed-point decimals, percentages and rates. */
#include "check_main.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smalog/decimal.h"

#define N_ELEMENTS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define GROUPS "(thousands separators must separate groups of three digits)"

enum kind { PCT, RATE, RAW };

struct accepted_case {
	enum kind kind;
	const char *text;
	int scale;          /* RAW only */
	unsigned flags;     /* RAW only */
	int64_t value;
};

static const struct accepted_case accepted[] = {
	{ PCT, "13", 0, 0, 1300 },
	{ PCT, "13%", 0, 0, 1300 },
	{ PCT, "+13%", 0, 0, 1300 },
	{ PCT, "+13", 0, 0, 1300 },
	{ PCT, "-2.5", 0, 0, -250 },
	{ PCT, "-2.5%", 0, 0, -250 },
	{ PCT, ".5", 0, 0, 50 },
	{ PCT, "5.", 0, 0, 500 },
	{ PCT, "-.5%", 0, 0, -50 },
	{ PCT, "+.5 %", 0, 0, 50 },
	{ PCT, "13 %", 0, 0, 1300 },
	{ PCT, "0", 0, 0, 0 },
	{ PCT, "-0", 0, 0, 0 },
	{ PCT, "+0", 0, 0, 0 },
	{ PCT, "0.00", 0, 0, 0 },
	{ PCT, "0%", 0, 0, 0 },
	{ PCT, "007", 0, 0, 700 },
	{ PCT, "0.01", 0, 0, 1 },
	{ PCT, "-0.01", 0, 0, -1 },
	{ PCT, "13.25", 0, 0, 1325 },
	{ PCT, "-13.25%", 0, 0, -1325 },
	{ PCT, "13.500", 0, 0, 1350 },
	{ PCT, "13.5000000000000000000000000000", 0, 0, 1350 },
	{ PCT, "100", 0, 0, 10000 },
	{ PCT, "400%", 0, 0, 40000 },
	{ PCT, "1,131.5", 0, 0, 113150 },
	{ PCT, "12,345.67", 0, 0, 1234567 },
	{ PCT, "1,000,000", 0, 0, 100000000 },
	{ PCT, "  13  ", 0, 0, 1300 },
	{ PCT, "\t-2.5%\t", 0, 0, -250 },
	{ PCT, "92233720368547758.07", 0, 0, INT64_MAX },
	{ PCT, "-92233720368547758.08", 0, 0, INT64_MIN },
	{ PCT, "92,233,720,368,547,758.07%", 0, 0, INT64_MAX },
	{ RATE, "1131.5", 0, 0, 11315000 },
	{ RATE, "1,131.5", 0, 0, 11315000 },
	{ RATE, "1131.50", 0, 0, 11315000 },
	{ RATE, "0.0001", 0, 0, 1 },
	{ RATE, "0.00010", 0, 0, 1 },
	{ RATE, "1", 0, 0, 10000 },
	{ RATE, "1300.1234", 0, 0, 13001234 },
	{ RATE, " 1186.8 ", 0, 0, 11868000 },
	{ RATE, "922337203685477.5807", 0, 0, INT64_MAX },
	{ RAW, "42", 0, 0, 42 },
	{ RAW, "42.000", 0, 0, 42 },
	{ RAW, "9223372036854775807", 0, 0, INT64_MAX },
	{ RAW, "9,223,372,036,854,775,807", 0, 0, INT64_MAX },
	{ RAW, "-9223372036854775808", 0, DECIMAL_ALLOW_SIGN, INT64_MIN },
	{ RAW, "00000000000000000000000000042", 0, 0, 42 },
	{ RAW, "0.1", 1, 0, 1 },
	{ RAW, "1.123456", 6, 0, 1123456 },
	{ RAW, "9223372036854.775807", 6, 0, INT64_MAX },
	{ RAW, "9.223372036854775807", 18, 0, INT64_MAX },
	{ RAW, "-9.223372036854775808", 18, DECIMAL_ALLOW_SIGN, INT64_MIN },
	{ RAW, "0.000000000000000001", 18, 0, 1 },
	{ RAW, "7%", 3, DECIMAL_ALLOW_PERCENT, 7000 },
};

struct refused_case {
	enum kind kind;
	const char *text;
	int scale;
	unsigned flags;
	const char *what;
	const char *message;
};

static const struct refused_case refused[] = {
	{ PCT, "", 0, 0, NULL, "invalid percentage '' (empty)" },
	{ PCT, "  ", 0, 0, NULL, "invalid percentage '  ' (empty)" },
	{ PCT, "%", 0, 0, NULL, "invalid percentage '%' (no digits)" },
	{ PCT, ".", 0, 0, NULL, "invalid percentage '.' (no digits)" },
	{ PCT, "-", 0, 0, NULL, "invalid percentage '-' (no digits)" },
	{ PCT, "+%", 0, 0, NULL, "invalid percentage '+%' (no digits)" },
	{ PCT, ".%", 0, 0, NULL, "invalid percentage '.%' (no digits)" },
	{ PCT, "1e3", 0, 0, NULL, "invalid percentage '1e3' (exponent notation is not allowed)" },
	{ PCT, "1E3", 0, 0, NULL, "invalid percentage '1E3' (exponent notation is not allowed)" },
	{ PCT, "1.5e-3", 0, 0, NULL, "invalid percentage '1.5e-3' (exponent notation is not allowed)" },
	{ PCT, "13.125", 0, 0, NULL, "invalid percentage '13.125' (more than two decimals)" },
	{ PCT, "0.001", 0, 0, NULL, "invalid percentage '0.001' (more than two decimals)" },
	{ PCT, "13.1250", 0, 0, NULL, "invalid percentage '13.1250' (more than two decimals)" },
	{ PCT, "13  %", 0, 0, NULL, "invalid percentage '13  %' (unexpected space)" },
	{ PCT, "13%%", 0, 0, NULL, "invalid percentage '13%%' (unexpected '%' after the percent sign)" },
	{ PCT, "%13", 0, 0, NULL, "invalid percentage '%13' (unexpected '1' after the percent sign)" },
	{ PCT, "13% more", 0, 0, NULL, "invalid percentage '13% more' (unexpected space after the percent sign)" },
	{ PCT, "13 percent", 0, 0, NULL, "invalid percentage '13 percent' (unexpected space)" },
	{ PCT, "13pct", 0, 0, NULL, "invalid percentage '13pct' (unexpected 'p')" },
	{ PCT, "1,13", 0, 0, NULL, "invalid percentage '1,13' " GROUPS },
	{ PCT, "13,5", 0, 0, NULL, "invalid percentage '13,5' " GROUPS },
	{ PCT, "1,0000", 0, 0, NULL, "invalid percentage '1,0000' " GROUPS },
	{ PCT, ",100", 0, 0, NULL, "invalid percentage ',100' " GROUPS },
	{ PCT, "1,,000", 0, 0, NULL, "invalid percentage '1,,000' " GROUPS },
	{ PCT, "1000,000", 0, 0, NULL, "invalid percentage '1000,000' " GROUPS },
	{ PCT, "1,000,", 0, 0, NULL, "invalid percentage '1,000,' " GROUPS },
	{ PCT, "1,000,.5", 0, 0, NULL, "invalid percentage '1,000,.5' " GROUPS },
	{ PCT, "1.2.3", 0, 0, NULL, "invalid percentage '1.2.3' (more than one decimal point)" },
	{ PCT, "1..2", 0, 0, NULL, "invalid percentage '1..2' (more than one decimal point)" },
	{ PCT, "1.5,0", 0, 0, NULL, "invalid percentage '1.5,0' (unexpected ',')" },
	{ PCT, "abc", 0, 0, NULL, "invalid percentage 'abc' (unexpected 'a')" },
	{ PCT, "NaN", 0, 0, NULL, "invalid percentage 'NaN' (unexpected 'N')" },
	{ PCT, "inf", 0, 0, NULL, "invalid percentage 'inf' (unexpected 'i')" },
	{ PCT, "0x10", 0, 0, NULL, "invalid percentage '0x10' (unexpected 'x')" },
	{ PCT, "1_000", 0, 0, NULL, "invalid percentage '1_000' (unexpected '_')" },
	{ PCT, "- 5", 0, 0, NULL, "invalid percentage '- 5' (unexpected space)" },
	{ PCT, "--5", 0, 0, NULL, "invalid percentage '--5' (unexpected '-')" },
	{ PCT, "+-5", 0, 0, NULL, "invalid percentage '+-5' (unexpected '-')" },
	{ PCT, "1 000", 0, 0, NULL, "invalid percentage '1 000' (unexpected space)" },
	{ PCT, "13\t%", 0, 0, NULL, "invalid percentage '13?%' (unexpected tab)" },
	{ PCT, "13\x01", 0, 0, NULL, "invalid percentage '13?' (unexpected control character)" },
	{ PCT, "\xef\xbc\x91\xef\xbc\x93", 0, 0, NULL,
	  "invalid percentage '\xef\xbc\x91\xef\xbc\x93' (unexpected non-ASCII character)" },
	{ PCT, "13\xef\xbc\x85", 0, 0, NULL,
	  "invalid percentage '13\xef\xbc\x85' (unexpected non-ASCII character)" },
	{ PCT, "\xe2\x88\x92" "5", 0, 0, NULL,
	  "invalid percentage '\xe2\x88\x92" "5' (unexpected non-ASCII character)" },
	{ PCT, "99999999999999999999", 0, 0, NULL, "invalid percentage '99999999999999999999' (too large)" },
	{ PCT, "92233720368547758.08", 0, 0, NULL, "invalid percentage '92233720368547758.08' (too large)" },
	{ PCT, "-92233720368547758.09", 0, 0, NULL, "invalid percentage '-92233720368547758.09' (too large)" },
	{ PCT, "92233720368547759", 0, 0, NULL, "invalid percentage '92233720368547759' (too large)" },
	{ PCT, "99999999999999999999.999", 0, 0, NULL,
	  "invalid percentage '99999999999999999999.999' (more than two decimals)" },
	{ RATE, "0", 0, 0, NULL, "invalid rate '0' (must be greater than zero)" },
	{ RATE, "0.0000", 0, 0, NULL, "invalid rate '0.0000' (must be greater than zero)" },
	{ RATE, "00", 0, 0, NULL, "invalid rate '00' (must be greater than zero)" },
	{ RATE, "0.00001", 0, 0, NULL, "invalid rate '0.00001' (more than four decimals)" },
	{ RATE, "1131.51234", 0, 0, NULL, "invalid rate '1131.51234' (more than four decimals)" },
	{ RATE, "-1", 0, 0, NULL, "invalid rate '-1' (a sign is not allowed)" },
	{ RATE, "+1", 0, 0, NULL, "invalid rate '+1' (a sign is not allowed)" },
	{ RATE, "5%", 0, 0, NULL, "invalid rate '5%' (a percent sign is not allowed)" },
	{ RATE, "5 %", 0, 0, NULL, "invalid rate '5 %' (a percent sign is not allowed)" },
	{ RATE, "", 0, 0, NULL, "invalid rate '' (empty)" },
	{ RATE, "1e3", 0, 0, NULL, "invalid rate '1e3' (exponent notation is not allowed)" },
	{ RATE, "1131,5", 0, 0, NULL, "invalid rate '1131,5' " GROUPS },
	{ RATE, "922337203685477.5808", 0, 0, NULL, "invalid rate '922337203685477.5808' (too large)" },
	{ RAW, "1.5", 0, 0, "amount", "invalid amount '1.5' (no decimals allowed)" },
	{ RAW, "0.15", 1, 0, "share", "invalid share '0.15' (more than one decimal)" },
	{ RAW, "0.1234567", 6, 0, "ratio", "invalid ratio '0.1234567' (more than six decimals)" },
	{ RAW, "0.12345678", 7, 0, "ratio", "invalid ratio '0.12345678' (more than 7 decimals)" },
	{ RAW, "1", -1, 0, "ratio", "invalid ratio '1' (unsupported scale -1)" },
	{ RAW, "1", 19, 0, "ratio", "invalid ratio '1' (unsupported scale 19)" },
	{ RAW, "x", 2, 0, NULL, "invalid value 'x' (unexpected 'x')" },
	{ RAW, "-5", 0, 0, NULL, "invalid value '-5' (a sign is not allowed)" },
	{ RAW, "9223372036854775808", 0, 0, NULL, "invalid value '9223372036854775808' (too large)" },
	{ RAW, "9223372036854775808", 0, DECIMAL_ALLOW_SIGN, NULL,
	  "invalid value '9223372036854775808' (too large)" },
	{ RAW, "-9223372036854775809", 0, DECIMAL_ALLOW_SIGN, NULL,
	  "invalid value '-9223372036854775809' (too large)" },
	{ RAW, "10", 18, 0, NULL, "invalid value '10' (too large)" },
	{ RAW, "9.223372036854775808", 18, 0, NULL, "invalid value '9.223372036854775808' (too large)" },
};

struct format_case {
	int64_t value;
	int scale;
	bool trim;
	const char *text;
};

static const struct format_case formats[] = {
	{ 1300, 2, true, "13" },
	{ 1300, 2, false, "13.00" },
	{ 1350, 2, true, "13.5" },
	{ 1350, 2, false, "13.50" },
	{ 1325, 2, true, "13.25" },
	{ -250, 2, true, "-2.5" },
	{ -250, 2, false, "-2.50" },
	{ 0, 2, true, "0" },
	{ 0, 2, false, "0.00" },
	{ 1, 2, true, "0.01" },
	{ -1, 2, true, "-0.01" },
	{ 50, 2, true, "0.5" },
	{ -50, 2, false, "-0.50" },
	{ 100, 2, false, "1.00" },
	{ 100, 2, true, "1" },
	{ -100, 2, true, "-1" },
	{ 5, 4, false, "0.0005" },
	{ 11315000, 4, true, "1131.5" },
	{ 11315000, 4, false, "1131.5000" },
	{ 42, 0, false, "42" },
	{ 42, 0, true, "42" },
	{ -42, 0, true, "-42" },
	{ 10, 1, true, "1" },
	{ 15, 1, true, "1.5" },
	{ INT64_MAX, 0, true, "9223372036854775807" },
	{ INT64_MIN, 0, true, "-9223372036854775808" },
	{ INT64_MIN, 2, true, "-92233720368547758.08" },
	{ INT64_MAX, 2, false, "92233720368547758.07" },
	{ INT64_MAX, 6, true, "9223372036854.775807" },
	{ INT64_MIN, 18, true, "-9.223372036854775808" },
	{ 1, 18, false, "0.000000000000000001" },
	{ INT64_C(1000000000000000000), 18, true, "1" },
	{ INT64_C(-1000000000000000000), 18, false, "-1.000000000000000000" },
	{ 1200000, 6, true, "1.2" },
};

static int parse(const struct accepted_case *c, int64_t *out, char *err, size_t errsz)
{
	switch (c->kind) {
	case PCT:
		return pct_parse(c->text, out, err, errsz);
	case RATE:
		return rate_parse(c->text, out, err, errsz);
	default:
		return decimal_parse(c->text, c->scale, c->flags, "value", out, err, errsz);
	}
}

START_TEST(test_accepted)
{
	const struct accepted_case *c = &accepted[_i];
	int64_t v = 12345;
	char err[256] = "unchanged";

	ck_assert_msg(parse(c, &v, err, sizeof err) == 0, "'%s' refused: %s", c->text, err);
	ck_assert_str_eq(err, "unchanged");
	ck_assert_msg(v == c->value, "'%s' -> %lld, want %lld", c->text, (long long)v,
		      (long long)c->value);
}
END_TEST

START_TEST(test_refused)
{
	const struct refused_case *c = &refused[_i];
	int64_t v = 12345;
	char err[512] = "";
	int rc;

	if (c->kind == PCT)
		rc = pct_parse(c->text, &v, err, sizeof err);
	else if (c->kind == RATE)
		rc = rate_parse(c->text, &v, err, sizeof err);
	else
		rc = decimal_parse(c->text, c->scale, c->flags, c->what, &v, err, sizeof err);
	ck_assert_msg(rc == -1, "'%s' accepted as %lld", c->text, (long long)v);
	ck_assert_str_eq(err, c->message);
	ck_assert_int_eq(v, 12345);
}
END_TEST

START_TEST(test_format)
{
	const struct format_case *c = &formats[_i];
	char buf[DECIMAL_TEXT_SIZE];
	int len = decimal_format(c->value, c->scale, c->trim, buf, sizeof buf);

	ck_assert_str_eq(buf, c->text);
	ck_assert_int_eq(len, (int)strlen(c->text));

	/* what is written parses back to the same value */
	int64_t back;
	char err[256];
	ck_assert_msg(decimal_parse(buf, c->scale, DECIMAL_ALLOW_SIGN, NULL, &back, err, sizeof err) == 0,
		      "%s", err);
	ck_assert_int_eq(back, c->value);
}
END_TEST

/* A fixed pseudo-random sequence, so a failure reproduces. */
static uint64_t next_random(uint64_t *state)
{
	*state = *state * 6364136223846793005u + 1442695040888963407u;
	return *state;
}

START_TEST(test_round_trip)
{
	uint64_t state = 42;

	for (int i = 0; i < 20000; i++) {
		uint64_t r = next_random(&state);
		/* mix full-range values with small ones that have short fractions */
		int64_t v = (i % 2) ? (int64_t)r : (int64_t)(r % 2000001) - 1000000;
		int scale = (int)(next_random(&state) >> 60) % (DECIMAL_MAX_SCALE + 1);
		bool trim = i % 3 != 0;
		char buf[DECIMAL_TEXT_SIZE], err[256];
		int64_t back;

		decimal_format(v, scale, trim, buf, sizeof buf);
		ck_assert_msg(decimal_parse(buf, scale, DECIMAL_ALLOW_SIGN, NULL, &back, err, sizeof err) == 0,
			      "%s", err);
		ck_assert_msg(back == v, "%lld at scale %d -> '%s' -> %lld", (long long)v, scale, buf,
			      (long long)back);
	}
}
END_TEST

START_TEST(test_format_small_buffer)
{
	char buf[16];

	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(decimal_format(INT64_MIN, 2, true, buf, 8), 7);
	ck_assert_str_eq(buf, "-922337");
	ck_assert_int_eq(buf[8], 'X');
	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(decimal_format(1300, 2, false, buf, 1), 0);
	ck_assert_int_eq(buf[0], '\0');
	ck_assert_int_eq(buf[1], 'X');
	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(decimal_format(1300, 2, false, buf, 0), 0);
	ck_assert_int_eq(buf[0], 'X');
	ck_assert_int_eq(decimal_format(1300, 2, false, NULL, 0), 0);
}
END_TEST

START_TEST(test_tiny_error_buffers)
{
	int64_t v = 7;
	char buf[16];

	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(pct_parse("13.125", &v, buf, 1), -1);
	ck_assert_int_eq(buf[0], '\0');
	for (int i = 1; i < 16; i++)
		ck_assert_int_eq(buf[i], 'X');

	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(pct_parse("13.125", &v, buf, 8), -1);
	ck_assert_str_eq(buf, "invalid");
	for (int i = 8; i < 16; i++)
		ck_assert_int_eq(buf[i], 'X');

	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(rate_parse("0", &v, buf, 8), -1);
	ck_assert_str_eq(buf, "invalid");
	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(rate_parse("0", &v, buf, 0), -1);
	ck_assert_int_eq(buf[0], 'X');

	ck_assert_int_eq(pct_parse("13.125", &v, NULL, 0), -1);
	ck_assert_int_eq(pct_parse("13.125", &v, NULL, 64), -1);
	ck_assert_int_eq(rate_parse("0", &v, NULL, 64), -1);
	ck_assert_int_eq(decimal_parse("x", 2, 0, NULL, &v, NULL, 64), -1);
	ck_assert_int_eq(v, 7);
	ck_assert_int_eq(pct_parse("13.12", &v, NULL, 0), 0);
	ck_assert_int_eq(v, 1312);
}
END_TEST

START_TEST(test_null_text)
{
	int64_t v;
	char err[64];

	ck_assert_int_eq(pct_parse(NULL, &v, err, sizeof err), -1);
	ck_assert_str_eq(err, "invalid percentage '' (empty)");
	ck_assert_int_eq(rate_parse(NULL, &v, err, sizeof err), -1);
	ck_assert_str_eq(err, "invalid rate '' (empty)");
}
END_TEST

START_TEST(test_echo_is_capped)
{
	char text[2001], want[256], err[256];
	int64_t v;

	memset(text, '9', 2000);
	text[2000] = '\0';
	ck_assert_int_eq(pct_parse(text, &v, err, sizeof err), -1);
	snprintf(want, sizeof want, "invalid percentage '%.60s...' (too large)", text);
	ck_assert_str_eq(err, want);

	/* every byte of a long input is still checked */
	memset(text, '1', 2000);
	text[1990] = 'x';
	ck_assert_int_eq(pct_parse(text, &v, err, sizeof err), -1);
	snprintf(want, sizeof want, "invalid percentage '%.60s...' (unexpected 'x')", text);
	ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(test_locale_independent)
{
	int64_t v;
	char buf[DECIMAL_TEXT_SIZE], err[256];

	/* German uses ',' as the decimal point and '.' for thousands: smalog must not */
	setlocale(LC_ALL, "de_DE.UTF-8");
	ck_assert_int_eq(pct_parse("1.5", &v, err, sizeof err), 0);
	ck_assert_int_eq(v, 150);
	ck_assert_int_eq(pct_parse("-2.5 %", &v, err, sizeof err), 0);
	ck_assert_int_eq(v, -250);
	ck_assert_int_eq(pct_parse("1,5", &v, err, sizeof err), -1);
	ck_assert_str_eq(err, "invalid percentage '1,5' " GROUPS);
	ck_assert_int_eq(rate_parse("1,131.5", &v, err, sizeof err), 0);
	ck_assert_int_eq(v, 11315000);
	decimal_format(-250, 2, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "-2.5");
	decimal_format(11315000, 4, false, buf, sizeof buf);
	ck_assert_str_eq(buf, "1131.5000");
	setlocale(LC_ALL, "C");
}
END_TEST

static Suite *decimal_suite(void)
{
	Suite *s = suite_create("decimal");
	TCase *tc;

	tc = tcase_create("accepted");
	tcase_add_loop_test(tc, test_accepted, 0, N_ELEMENTS(accepted));
	suite_add_tcase(s, tc);

	tc = tcase_create("refused");
	tcase_add_loop_test(tc, test_refused, 0, N_ELEMENTS(refused));
	tcase_add_test(tc, test_null_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_loop_test(tc, test_format, 0, N_ELEMENTS(formats));
	tcase_add_test(tc, test_round_trip);
	suite_add_tcase(s, tc);

	tc = tcase_create("buffers");
	tcase_add_test(tc, test_format_small_buffer);
	tcase_add_test(tc, test_tiny_error_buffers);
	tcase_add_test(tc, test_echo_is_capped);
	suite_add_tcase(s, tc);

	tc = tcase_create("locale");
	tcase_add_test(tc, test_locale_independent);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(decimal_suite());
}

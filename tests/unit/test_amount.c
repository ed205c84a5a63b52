/* test_amount.c - Check unit tests for exact whole-unit amounts: separators, k/M/B/T, Korean units, signs, '~'. */
#include "check_main.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smalog/amount.h"

#define N_ELEMENTS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define GROUPS "(thousands separators must separate groups of three digits)"
#define SUFFIXES "use k, M, B, T, thousand, million, billion or trillion"

struct accepted_case {
	const char *text;
	int64_t value;
};

static const struct accepted_case accepted[] = {
	{ "1038900000000", INT64_C(1038900000000) },
	{ "1,038,900,000,000", INT64_C(1038900000000) },
	{ "1.0389T", INT64_C(1038900000000) },
	{ "1.0389 trillion", INT64_C(1038900000000) },
	{ "919.1M", 919100000 },
	{ "919.1 million", 919100000 },
	{ "5B", 5000000000 },
	{ "5 billion", 5000000000 },
	{ "5bn", 5000000000 },
	{ "200k", 200000 },
	{ "200K", 200000 },
	{ "1.04tn", INT64_C(1040000000000) },
	{ "3 thousand", 3000 },
	{ "1 038 900", 1038900 },
	{ "1_038_900", 1038900 },
	{ "0", 0 },
	{ "00", 0 },
	{ "007", 7 },
	{ "0k", 0 },
	{ "000,000", 0 },
	{ "5.00", 5 },
	{ "5.", 5 },
	{ "5.0k", 5000 },
	{ ".5k", 500 },
	{ "0.5 thousand", 500 },
	{ "1m", 1000000 },
	{ "1mn", 1000000 },
	{ "1MN", 1000000 },
	{ "1 Million", 1000000 },
	{ "1 MILLION", 1000000 },
	{ "2 Billion", 2000000000 },
	{ "1b", 1000000000 },
	{ "1BN", 1000000000 },
	{ "1t", INT64_C(1000000000000) },
	{ "1 Tn", INT64_C(1000000000000) },
	{ "1 TRILLION", INT64_C(1000000000000) },
	{ "1k", 1000 },
	{ "1 K", 1000 },
	{ "1 Thousand", 1000 },
	{ "1,234", 1234 },
	{ "123", 123 },
	{ "1,000.000", 1000 },
	{ "12,345.6k", 12345600 },
	{ "1_000k", 1000000 },
	{ "1 000 k", 1000000 },
	{ "1 000k", 1000000 },
	{ "1,038.9 billion", INT64_C(1038900000000) },
	{ "0.000001M", 1 },
	{ "0.000000001B", 1 },
	{ "0.000000000001T", 1 },
	{ "1.000000000000000000000000000k", 1000 },
	{ "1.123456789012T", INT64_C(1123456789012) },
	{ " 42 ", 42 },
	{ "\t42\t", 42 },
	{ " \t 1.0389 trillion \t ", INT64_C(1038900000000) },
	{ "9223372036854775807", INT64_MAX },
	{ "9,223,372,036,854,775,807", INT64_MAX },
	{ "9_223_372_036_854_775_807", INT64_MAX },
	{ "0009223372036854775807", INT64_MAX },
	{ "9223372.036854775807T", INT64_MAX },
	{ "9223372036.854775807B", INT64_MAX },
	{ "9223372036854.775807M", INT64_MAX },
	{ "9223372036854775.807k", INT64_MAX },
	{ "9223372036854775.807 thousand", INT64_MAX },
	{ "9223372T", INT64_C(9223372000000000000) },
	{ "1,071.3 billion", INT64_C(1071300000000) },
	{ "50 billion", INT64_C(50000000000) },
	{ "4.7 billion", INT64_C(4700000000) },
	{ "5bn", INT64_C(5000000000) },
	{ "1.13T", INT64_C(1130000000000) },
	/* Korean units */
	{ "1\xec\xa1\xb0 1,833\xec\x96\xb5", INT64_C(1183300000000) },
	{ "1\xec\xa1\xb0" "1,833\xec\x96\xb5", INT64_C(1183300000000) },
	{ "1.5\xec\xa1\xb0", INT64_C(1500000000000) },
	{ "15,192\xec\x96\xb5", INT64_C(1519200000000) },
	{ "5,000\xeb\xa7\x8c", 50000000 },
	{ "3\xec\xb2\x9c\xec\x96\xb5", INT64_C(300000000000) },
	{ "3\xec\xb2\x9c" "5\xeb\xb0\xb1\xec\x96\xb5", INT64_C(350000000000) },
	{ "3\xec\xb2\x9c" "500\xec\x96\xb5", INT64_C(350000000000) },
	{ "1\xec\xa1\xb0 3\xec\xb2\x9c\xec\x96\xb5", INT64_C(1300000000000) },
	{ "5 \xec\x96\xb5", 500000000 },
	{ "1\xec\x96\xb5 2,345", 100002345 },
	{ "1\xec\x96\xb5 1\xeb\xa7\x8c 1", 100010001 },
	{ "2\xec\xb2\x9c", 2000 },
	{ "9,223,372\xec\xa1\xb0 368\xec\x96\xb5 5,477\xeb\xa7\x8c 5,807", INT64_MAX },
	{ " 0\xec\xa1\xb0 ", 0 },
};

struct refused_case {
	const char *text;
	const char *message;
};

static const struct refused_case refused[] = {
	{ "", "invalid amount '' (empty)" },
	{ "   ", "invalid amount '   ' (empty)" },
	{ "-5", "invalid amount '-5' (amounts cannot be negative)" },
	{ "-0", "invalid amount '-0' (amounts cannot be negative)" },
	{ "- 5", "invalid amount '- 5' (amounts cannot be negative)" },
	{ "-1.5B", "invalid amount '-1.5B' (amounts cannot be negative)" },
	{ "+5", "invalid amount '+5' (a sign is not allowed)" },
	{ "k", "invalid amount 'k' (no digits before the suffix)" },
	{ "K", "invalid amount 'K' (no digits before the suffix)" },
	{ "million", "invalid amount 'million' (no digits before the suffix)" },
	{ " bn", "invalid amount ' bn' (no digits before the suffix)" },
	{ ".k", "invalid amount '.k' (no digits before the suffix)" },
	{ ".", "invalid amount '.' (no digits)" },
	{ "abc", "invalid amount 'abc' (not a number)" },
	{ "e9", "invalid amount 'e9' (not a number)" },
	{ "1e9", "invalid amount '1e9' (exponent notation is not allowed)" },
	{ "1E9", "invalid amount '1E9' (exponent notation is not allowed)" },
	{ "1e+9", "invalid amount '1e+9' (exponent notation is not allowed)" },
	{ "1.5e3", "invalid amount '1.5e3' (exponent notation is not allowed)" },
	{ "1e", "invalid amount '1e' (unknown suffix 'e'; " SUFFIXES ")" },
	{ "1.2.3", "invalid amount '1.2.3' (more than one decimal point)" },
	{ "1..5k", "invalid amount '1..5k' (more than one decimal point)" },
	{ "12abc", "invalid amount '12abc' (unknown suffix 'abc'; " SUFFIXES ")" },
	{ "5 kk", "invalid amount '5 kk' (unknown suffix 'kk'; " SUFFIXES ")" },
	{ "5 millions", "invalid amount '5 millions' (unknown suffix 'millions'; " SUFFIXES ")" },
	{ "5 USD", "invalid amount '5 USD' (unknown suffix 'USD'; " SUFFIXES ")" },
	{ "5mil", "invalid amount '5mil' (unknown suffix 'mil'; " SUFFIXES ")" },
	{ "0x10", "invalid amount '0x10' (unknown suffix 'x'; " SUFFIXES ")" },
	{ "5 abcdefghijklmnopqrstuvwxyz",
	  "invalid amount '5 abcdefghijklmnopqrstuvwxyz' (unknown suffix 'abcdefghijklmnopqrst...'; " SUFFIXES ")" },
	{ "1,0000", "invalid amount '1,0000' " GROUPS },
	{ "1,13", "invalid amount '1,13' " GROUPS },
	{ ",100", "invalid amount ',100' " GROUPS },
	{ "_100", "invalid amount '_100' " GROUPS },
	{ "1,,000", "invalid amount '1,,000' " GROUPS },
	{ "1000,000", "invalid amount '1000,000' " GROUPS },
	{ "1,000,", "invalid amount '1,000,' " GROUPS },
	{ "1,000,k", "invalid amount '1,000,k' " GROUPS },
	{ "1__000", "invalid amount '1__000' " GROUPS },
	{ "1 00", "invalid amount '1 00' " GROUPS },
	{ "5 000000", "invalid amount '5 000000' " GROUPS },
	{ "1,000,.5k", "invalid amount '1,000,.5k' " GROUPS },
	{ "1,000_000", "invalid amount '1,000_000' (mixed thousands separators)" },
	{ "1 000,000", "invalid amount '1 000,000' (mixed thousands separators)" },
	{ "1_000 000", "invalid amount '1_000 000' (mixed thousands separators)" },
	{ "1.5", "invalid amount '1.5' (not a whole number of units)" },
	{ "0.5", "invalid amount '0.5' (not a whole number of units)" },
	{ ".5", "invalid amount '.5' (not a whole number of units)" },
	{ "1.0001k", "invalid amount '1.0001k' (not a whole number of units)" },
	{ "1.0000001M", "invalid amount '1.0000001M' (not a whole number of units)" },
	{ "1.0000000001B", "invalid amount '1.0000000001B' (not a whole number of units)" },
	{ "1.2345678901234T", "invalid amount '1.2345678901234T' (not a whole number of units)" },
	{ "1.00000000000010T", "invalid amount '1.00000000000010T' (not a whole number of units)" },
	{ "99999999999999999999.5", "invalid amount '99999999999999999999.5' (not a whole number of units)" },
	{ "9223372036854775808", "invalid amount '9223372036854775808' (too large)" },
	{ "9,223,372,036,854,775,808", "invalid amount '9,223,372,036,854,775,808' (too large)" },
	{ "99999999999999999999", "invalid amount '99999999999999999999' (too large)" },
	{ "9223372.036854775808T", "invalid amount '9223372.036854775808T' (too large)" },
	{ "9223372036854775.808k", "invalid amount '9223372036854775.808k' (too large)" },
	{ "9223373T", "invalid amount '9223373T' (too large)" },
	{ "10000000T", "invalid amount '10000000T' (too large)" },
	{ "9223372036854775807k", "invalid amount '9223372036854775807k' (too large)" },
	{ "18446744073709551616", "invalid amount '18446744073709551616' (too large)" },
	{ "5 bn.", "invalid amount '5 bn.' (unexpected '.' after the suffix)" },
	{ "5bn.", "invalid amount '5bn.' (unexpected '.' after the suffix)" },
	{ "5 billion.", "invalid amount '5 billion.' (unexpected '.' after the suffix)" },
	{ "5 billion billion", "invalid amount '5 billion billion' (unexpected space after the suffix)" },
	{ "5k2", "invalid amount '5k2' (unexpected '2' after the suffix)" },
	{ "5  bn", "invalid amount '5  bn' (at most one space between the number and the suffix)" },
	{ "5\tbn", "invalid amount '5?bn' (unexpected tab)" },
	{ "$5", "invalid amount '$5' (a currency sign is not allowed here)" },
	{ "5~", "invalid amount '5~' ('~' is not allowed here)" },
	{ "5$", "invalid amount '5$' (unexpected '$')" },
	{ "5%", "invalid amount '5%' (unexpected '%')" },
	{ "1.000,5", "invalid amount '1.000,5' (unexpected ',')" },
	{ "5 .5", "invalid amount '5 .5' (unexpected space)" },
	{ "12\n", "invalid amount '12?' (unexpected control character)" },
	{ "\xe2\x82\xa9" "5", "invalid amount '\xe2\x82\xa9" "5' (a currency sign is not allowed here)" },
	{ "5\xec\x9b\x90", "invalid amount '5\xec\x9b\x90' (a currency sign is not allowed here)" },
	{ "\xec\x96\xb5", "invalid amount '\xec\x96\xb5' (no digits before \xec\x96\xb5)" },
	{ "1\xec\xa1\xb0 15,192\xec\x96\xb5",
	  "invalid amount '1\xec\xa1\xb0 15,192\xec\x96\xb5' (the \xec\x96\xb5 group must be less than one \xec\xa1\xb0)" },
	{ "1\xeb\xa7\x8c 1\xec\x96\xb5",
	  "invalid amount '1\xeb\xa7\x8c 1\xec\x96\xb5' (\xec\xa1\xb0, \xec\x96\xb5 and \xeb\xa7\x8c come in that order, each once)" },
	{ "1\xec\x96\xb5 2\xec\x96\xb5",
	  "invalid amount '1\xec\x96\xb5 2\xec\x96\xb5' (\xec\xa1\xb0, \xec\x96\xb5 and \xeb\xa7\x8c come in that order, each once)" },
	{ "15\xec\xb2\x9c\xec\x96\xb5", "invalid amount '15\xec\xb2\x9c\xec\x96\xb5' (one digit, 1 to 9, before \xec\xb2\x9c)" },
	{ "1.5\xec\xb2\x9c", "invalid amount '1.5\xec\xb2\x9c' (one digit, 1 to 9, before \xec\xb2\x9c)" },
	{ "5\xeb\xb0\xb1 3\xec\xb2\x9c",
	  "invalid amount '5\xeb\xb0\xb1 3\xec\xb2\x9c' (\xec\xb2\x9c, \xeb\xb0\xb1 and \xec\x8b\xad come in that order, each once in a group)" },
	{ "1\xec\xb2\x9c" "5,000", "invalid amount '1\xec\xb2\x9c" "5,000' (the number after \xec\xb2\x9c must be less than one \xec\xb2\x9c)" },
	{ "1\xeb\xa7\x8c 10,000", "invalid amount '1\xeb\xa7\x8c 10,000' (the number after \xeb\xa7\x8c must be less than one \xeb\xa7\x8c)" },
	{ "1.00000000000001\xec\xa1\xb0", "invalid amount '1.00000000000001\xec\xa1\xb0' (not a whole number of units)" },
	{ "3\xec\xb2\x9c" "500.5\xec\x96\xb5", "invalid amount '3\xec\xb2\x9c" "500.5\xec\x96\xb5' (no fraction after \xec\xb2\x9c)" },
	{ "3\xec\xb2\x9c" "1,000\xec\x96\xb5", "invalid amount '3\xec\xb2\x9c" "1,000\xec\x96\xb5' (the number after \xec\xb2\x9c must be less than one \xec\xb2\x9c)" },
	{ "1\xec\x96\xb5 2.5", "invalid amount '1\xec\x96\xb5 2.5' (not a whole number of units)" },
	{ "10,000,000\xec\xa1\xb0", "invalid amount '10,000,000\xec\xa1\xb0' (too large)" },
	{ "9,223,372\xec\xa1\xb0 368\xec\x96\xb5 5,477\xeb\xa7\x8c 5,808",
	  "invalid amount '9,223,372\xec\xa1\xb0 368\xec\x96\xb5 5,477\xeb\xa7\x8c 5,808' (too large)" },
	{ "5bn\xec\x96\xb5", "invalid amount '5bn\xec\x96\xb5' (unexpected 'b')" },
	{ "1 000\xec\x96\xb5", "invalid amount '1 000\xec\x96\xb5' (unexpected space)" },
	{ "1,83\xec\x96\xb5", "invalid amount '1,83\xec\x96\xb5' " GROUPS },
	{ "-1\xec\x96\xb5", "invalid amount '-1\xec\x96\xb5' (unexpected '-')" },
	{ "\xef\xbc\x95", "invalid amount '\xef\xbc\x95' (unexpected non-ASCII character)" },
	/* a no-break space is printable, so the echo keeps it, but it does not group digits */
	{ "1\xc2\xa0" "000", "invalid amount '1\xc2\xa0" "000' (unexpected non-ASCII character)" },
};

struct format_case {
	int64_t value;
	bool thousands;
	const char *text;
};

static const struct format_case formats[] = {
	{ 0, true, "0" },
	{ 0, false, "0" },
	{ 7, true, "7" },
	{ 999, true, "999" },
	{ 1000, true, "1,000" },
	{ 1000, false, "1000" },
	{ 12345, true, "12,345" },
	{ 123456, true, "123,456" },
	{ 999999, true, "999,999" },
	{ 1000000, true, "1,000,000" },
	{ 919100000, true, "919,100,000" },
	{ INT64_C(1038900000000), true, "1,038,900,000,000" },
	{ INT64_C(1038900000000), false, "1038900000000" },
	{ INT64_MAX, true, "9,223,372,036,854,775,807" },
	{ INT64_MAX, false, "9223372036854775807" },
	{ INT64_MIN, true, "-9,223,372,036,854,775,808" },
	{ INT64_MIN, false, "-9223372036854775808" },
	{ -1, true, "-1" },
	{ -999, true, "-999" },
	{ -1000, true, "-1,000" },
};

START_TEST(test_accepted)
{
	const struct accepted_case *c = &accepted[_i];
	int64_t v = -1;
	char err[256] = "unchanged";

	ck_assert_msg(amount_parse(c->text, &v, err, sizeof err) == 0, "'%s' refused: %s", c->text, err);
	ck_assert_str_eq(err, "unchanged");
	ck_assert_msg(v == c->value, "'%s' -> %lld, want %lld", c->text, (long long)v,
		      (long long)c->value);
}
END_TEST

START_TEST(test_refused)
{
	const struct refused_case *c = &refused[_i];
	int64_t v = -1;
	char err[512] = "";

	ck_assert_msg(amount_parse(c->text, &v, err, sizeof err) == -1, "'%s' accepted as %lld",
		      c->text, (long long)v);
	ck_assert_str_eq(err, c->message);
	ck_assert_int_eq(v, -1);
}
END_TEST

struct given_case {
	const char *text;
	int64_t value;
	const char *currency;
	bool approx;
	const char *refusal; /* NULL: accepted */
};

static const struct given_case givens[] = {
	{ "5bn~", INT64_C(5000000000), NULL, true, NULL },
	{ "4,000~", 4000, NULL, true, NULL },
	{ "5bn ~", INT64_C(5000000000), NULL, true, NULL },
	{ "$5bn", INT64_C(5000000000), "USD", false, NULL },
	{ "$919.1 million", 919100000, "USD", false, NULL },
	{ "$5bn~", INT64_C(5000000000), "USD", true, NULL },
	{ "\xe2\x82\xa9" "5\xec\xa1\xb0", INT64_C(5000000000000), "KRW", false, NULL },
	{ "\xe2\x82\xa9 1\xec\xa1\xb0 1,833\xec\x96\xb5", INT64_C(1183300000000), "KRW", false, NULL },
	{ "5\xec\xa1\xb0\xec\x9b\x90~", INT64_C(5000000000000), "KRW", true, NULL },
	{ "5,000\xeb\xa7\x8c \xec\x9b\x90", 50000000, "KRW", false, NULL },
	{ "1,000\xec\x9b\x90", 1000, "KRW", false, NULL },
	{ "\xe2\x82\xa9" "1,000\xec\x9b\x90", 1000, "KRW", false, NULL },
	{ "5", 5, NULL, false, NULL },
	{ "~", 0, NULL, false, "invalid amount '~' (no digits)" },
	{ "$", 0, NULL, false, "invalid amount '$' (no digits)" },
	{ "$~", 0, NULL, false, "invalid amount '$~' (no digits)" },
	{ "5~~", 0, NULL, false, "invalid amount '5~~' (unexpected '~')" },
	{ "~5", 0, NULL, false, "invalid amount '~5' (unexpected '~')" },
	{ "5$", 0, NULL, false, "invalid amount '5$' (unexpected '$')" },
	{ "$$5", 0, NULL, false, "invalid amount '$$5' (unexpected '$')" },
	{ "$5\xec\x9b\x90", 0, NULL, false, "invalid amount '$5\xec\x9b\x90' ('$' and '\xec\x9b\x90' name different currencies)" },
	{ "$-5", 0, NULL, false, "invalid amount '$-5' (amounts cannot be negative)" },
	{ "5.5~", 0, NULL, false, "invalid amount '5.5~' (not a whole number of units)" },
	{ "99999999999999999999~", 0, NULL, false, "invalid amount '99999999999999999999~' (too large)" },
};

START_TEST(test_given)
{
	const struct given_case *c = &givens[_i];
	struct amount a = { .value = -1 };
	char err[512] = "";
	int rc = amount_parse_given(c->text, &a, err, sizeof err);

	if (c->refusal) {
		ck_assert_msg(rc == -1, "'%s' accepted", c->text);
		ck_assert_str_eq(err, c->refusal);
		ck_assert_int_eq(a.value, -1);
		return;
	}
	ck_assert_msg(rc == 0, "'%s' refused: %s", c->text, err);
	ck_assert_msg(a.value == c->value, "'%s' -> %lld", c->text, (long long)a.value);
	ck_assert_int_eq(a.approx, c->approx);
	if (c->currency)
		ck_assert_str_eq(a.currency, c->currency);
	else
		ck_assert_ptr_null(a.currency);
}
END_TEST

START_TEST(test_format)
{
	const struct format_case *c = &formats[_i];
	char buf[AMOUNT_TEXT_SIZE];
	int len = amount_format(c->value, c->thousands, buf, sizeof buf);

	ck_assert_str_eq(buf, c->text);
	ck_assert_int_eq(len, (int)strlen(c->text));
	if (c->value >= 0) {
		int64_t back;
		char err[256];

		ck_assert_msg(amount_parse(buf, &back, err, sizeof err) == 0, "%s", err);
		ck_assert_int_eq(back, c->value);
	}
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
	uint64_t state = 7;

	for (int i = 0; i < 20000; i++) {
		/* spread over every magnitude, not just the top of the range */
		int64_t v = (int64_t)(next_random(&state) >> (1 + i % 63));
		char buf[AMOUNT_TEXT_SIZE], err[256];
		int64_t back;

		amount_format(v, i % 2 == 0, buf, sizeof buf);
		ck_assert_msg(amount_parse(buf, &back, err, sizeof err) == 0, "%s", err);
		ck_assert_msg(back == v, "%lld -> '%s' -> %lld", (long long)v, buf, (long long)back);
	}
}
END_TEST

START_TEST(test_suffix_scaling)
{
	/* every suffix spelling, in three cases, scales 1.5 by its power of ten */
	static const struct { const char *word; int64_t value; } words[] = {
		{ "k", 1500 }, { "thousand", 1500 },
		{ "m", 1500000 }, { "mn", 1500000 }, { "million", 1500000 },
		{ "b", 1500000000 }, { "bn", 1500000000 }, { "billion", 1500000000 },
		{ "t", INT64_C(1500000000000) }, { "tn", INT64_C(1500000000000) },
		{ "trillion", INT64_C(1500000000000) },
	};

	for (int i = 0; i < N_ELEMENTS(words); i++) {
		for (int form = 0; form < 6; form++) {
			char word[16], text[32], err[256];
			int64_t v;
			size_t n = strlen(words[i].word);

			for (size_t k = 0; k <= n; k++) {
				char c = words[i].word[k];

				/* lower, upper, capitalized */
				if (form % 3 == 1 || (form % 3 == 2 && k == 0))
					c = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
				word[k] = c;
			}
			snprintf(text, sizeof text, "1.5%s%s", form < 3 ? "" : " ", word);
			ck_assert_msg(amount_parse(text, &v, err, sizeof err) == 0, "%s", err);
			ck_assert_msg(v == words[i].value, "'%s' -> %lld", text, (long long)v);
		}
	}
}
END_TEST

START_TEST(test_format_small_buffer)
{
	char buf[16];

	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(amount_format(INT64_C(1038900000000), true, buf, 8), 7);
	ck_assert_str_eq(buf, "1,038,9");
	ck_assert_int_eq(buf[8], 'X');
	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(amount_format(5, true, buf, 1), 0);
	ck_assert_int_eq(buf[0], '\0');
	ck_assert_int_eq(buf[1], 'X');
	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(amount_format(5, true, buf, 0), 0);
	ck_assert_int_eq(buf[0], 'X');
	ck_assert_int_eq(amount_format(5, true, NULL, 0), 0);
}
END_TEST

START_TEST(test_tiny_error_buffers)
{
	int64_t v = 3;
	char buf[16];

	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(amount_parse("1.5", &v, buf, 1), -1);
	ck_assert_int_eq(buf[0], '\0');
	for (int i = 1; i < 16; i++)
		ck_assert_int_eq(buf[i], 'X');

	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(amount_parse("1.5", &v, buf, 8), -1);
	ck_assert_str_eq(buf, "invalid");
	for (int i = 8; i < 16; i++)
		ck_assert_int_eq(buf[i], 'X');

	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(amount_parse("-5", &v, buf, 0), -1);
	for (int i = 0; i < 16; i++)
		ck_assert_int_eq(buf[i], 'X');

	ck_assert_int_eq(amount_parse("-5", &v, NULL, 0), -1);
	ck_assert_int_eq(amount_parse("1e9", &v, NULL, 100), -1);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(amount_parse("5bn", &v, NULL, 0), 0);
	ck_assert_int_eq(v, 5000000000);
}
END_TEST

START_TEST(test_null_text)
{
	int64_t v;
	char err[64];

	ck_assert_int_eq(amount_parse(NULL, &v, err, sizeof err), -1);
	ck_assert_str_eq(err, "invalid amount '' (empty)");
}
END_TEST

START_TEST(test_echo_is_capped)
{
	char text[5001], want[256], err[512];
	int64_t v;

	memset(text, '1', 5000);
	text[5000] = '\0';
	ck_assert_int_eq(amount_parse(text, &v, err, sizeof err), -1);
	snprintf(want, sizeof want, "invalid amount '%.60s...' (too large)", text);
	ck_assert_str_eq(err, want);

	/* a long run of zeros with a suffix is still exact */
	memset(text, '0', 5000);
	memcpy(text + 4990, "1.5000000k", 10);
	ck_assert_int_eq(amount_parse(text, &v, err, sizeof err), 0);
	ck_assert_int_eq(v, 1500);

	memcpy(text, "-", 1);
	ck_assert_int_eq(amount_parse(text, &v, err, sizeof err), -1);
	snprintf(want, sizeof want, "invalid amount '%.60s...' (amounts cannot be negative)", text);
	ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(test_locale_independent)
{
	int64_t v;
	char buf[AMOUNT_TEXT_SIZE], err[256];

	/* German groups with '.' and uses ',' as the decimal point: smalog must not */
	setlocale(LC_ALL, "de_DE.UTF-8");
	ck_assert_int_eq(amount_parse("1.0389 trillion", &v, err, sizeof err), 0);
	ck_assert_int_eq(v, INT64_C(1038900000000));
	ck_assert_int_eq(amount_parse("1,038,900", &v, err, sizeof err), 0);
	ck_assert_int_eq(v, 1038900);
	ck_assert_int_eq(amount_parse("919,1M", &v, err, sizeof err), -1);
	ck_assert_str_eq(err, "invalid amount '919,1M' " GROUPS);
	ck_assert_int_eq(amount_parse("1.038.900", &v, err, sizeof err), -1);
	ck_assert_str_eq(err, "invalid amount '1.038.900' (more than one decimal point)");
	amount_format(INT64_C(1038900000000), true, buf, sizeof buf);
	ck_assert_str_eq(buf, "1,038,900,000,000");
	setlocale(LC_ALL, "C");
}
END_TEST

static Suite *amount_suite(void)
{
	Suite *s = suite_create("amount");
	TCase *tc;

	tc = tcase_create("accepted");
	tcase_add_loop_test(tc, test_accepted, 0, N_ELEMENTS(accepted));
	tcase_add_test(tc, test_suffix_scaling);
	suite_add_tcase(s, tc);

	tc = tcase_create("refused");
	tcase_add_loop_test(tc, test_refused, 0, N_ELEMENTS(refused));
	tcase_add_loop_test(tc, test_given, 0, N_ELEMENTS(givens));
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
	return run_suite(amount_suite());
}

/* test_date.c - Check unit tests for the date module: grammar, calendar rules, messages, arithmetic. */
#include "check_main.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smalog/date.h"

#define SHAPE "(expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~, ? or %)"
#define N_ELEMENTS(a) ((int)(sizeof(a) / sizeof((a)[0])))

struct accepted_case {
	const char *text;
	int year, month, day;
	enum date_precision precision;
	char qualifier;
	const char *canonical;
	int32_t first, last;
};

static const struct accepted_case accepted[] = {
	{ "2020", 2020, 1, 1, DATE_YEAR, 0, "2020", 20200101, 20201231 },
	{ "2020-04", 2020, 4, 1, DATE_MONTH, 0, "2020-04", 20200401, 20200430 },
	{ "2020-04-01", 2020, 4, 1, DATE_DAY, 0, "2020-04-01", 20200401, 20200401 },
	{ "0001", 1, 1, 1, DATE_YEAR, 0, "0001", 10101, 11231 },
	{ "9999", 9999, 1, 1, DATE_YEAR, 0, "9999", 99990101, 99991231 },
	{ "0001-01-01", 1, 1, 1, DATE_DAY, 0, "0001-01-01", 10101, 10101 },
	{ "9999-12-31", 9999, 12, 31, DATE_DAY, 0, "9999-12-31", 99991231, 99991231 },
	{ "9999-12-31%", 9999, 12, 31, DATE_DAY, '%', "9999-12-31%", 99991231, 99991231 },
	{ "0999", 999, 1, 1, DATE_YEAR, 0, "0999", 9990101, 9991231 },
	{ "0004-02-29", 4, 2, 29, DATE_DAY, 0, "0004-02-29", 40229, 40229 },
	{ "2019-11~", 2019, 11, 1, DATE_MONTH, '~', "2019-11~", 20191101, 20191130 },
	{ "2020?", 2020, 1, 1, DATE_YEAR, '?', "2020?", 20200101, 20201231 },
	{ "2020%", 2020, 1, 1, DATE_YEAR, '%', "2020%", 20200101, 20201231 },
	{ "2020~", 2020, 1, 1, DATE_YEAR, '~', "2020~", 20200101, 20201231 },
	{ "2020-04-01~", 2020, 4, 1, DATE_DAY, '~', "2020-04-01~", 20200401, 20200401 },
	{ "2020-04-01?", 2020, 4, 1, DATE_DAY, '?', "2020-04-01?", 20200401, 20200401 },
	{ "2020-04-01%", 2020, 4, 1, DATE_DAY, '%', "2020-04-01%", 20200401, 20200401 },
	{ "2021-03?", 2021, 3, 1, DATE_MONTH, '?', "2021-03?", 20210301, 20210331 },
	{ "  2020-04-01  ", 2020, 4, 1, DATE_DAY, 0, "2020-04-01", 20200401, 20200401 },
	{ "\t2020\t", 2020, 1, 1, DATE_YEAR, 0, "2020", 20200101, 20201231 },
	{ " \t2020-04~ \t", 2020, 4, 1, DATE_MONTH, '~', "2020-04~", 20200401, 20200430 },
	{ "2000-02-29", 2000, 2, 29, DATE_DAY, 0, "2000-02-29", 20000229, 20000229 },
	{ "2024-02-29", 2024, 2, 29, DATE_DAY, 0, "2024-02-29", 20240229, 20240229 },
	{ "2020-02-29", 2020, 2, 29, DATE_DAY, 0, "2020-02-29", 20200229, 20200229 },
	{ "1600-02-29", 1600, 2, 29, DATE_DAY, 0, "1600-02-29", 16000229, 16000229 },
	{ "2400-02-29", 2400, 2, 29, DATE_DAY, 0, "2400-02-29", 24000229, 24000229 },
	{ "2020-02", 2020, 2, 1, DATE_MONTH, 0, "2020-02", 20200201, 20200229 },
	{ "2021-02", 2021, 2, 1, DATE_MONTH, 0, "2021-02", 20210201, 20210228 },
	{ "1900-02", 1900, 2, 1, DATE_MONTH, 0, "1900-02", 19000201, 19000228 },
	{ "2000-02", 2000, 2, 1, DATE_MONTH, 0, "2000-02", 20000201, 20000229 },
	{ "2100-02", 2100, 2, 1, DATE_MONTH, 0, "2100-02", 21000201, 21000228 },
	{ "2020-01", 2020, 1, 1, DATE_MONTH, 0, "2020-01", 20200101, 20200131 },
	{ "2020-06", 2020, 6, 1, DATE_MONTH, 0, "2020-06", 20200601, 20200630 },
	{ "2020-12", 2020, 12, 1, DATE_MONTH, 0, "2020-12", 20201201, 20201231 },
	{ "2020-12-31", 2020, 12, 31, DATE_DAY, 0, "2020-12-31", 20201231, 20201231 },
	{ "2019-09-24~", 2019, 9, 24, DATE_DAY, '~', "2019-09-24~", 20190924, 20190924 },
	{ "1953-10-01", 1953, 10, 1, DATE_DAY, 0, "1953-10-01", 19531001, 19531001 },
	{ "1991-01-25", 1991, 1, 25, DATE_DAY, 0, "1991-01-25", 19910125, 19910125 },
	{ "2021-03-10?", 2021, 3, 10, DATE_DAY, '?', "2021-03-10?", 20210310, 20210310 },
	{ "2020-04-30", 2020, 4, 30, DATE_DAY, 0, "2020-04-30", 20200430, 20200430 },
	{ "1000-06-15", 1000, 6, 15, DATE_DAY, 0, "1000-06-15", 10000615, 10000615 },
};

struct refused_case {
	const char *text;
	const char *message;
};

static const struct refused_case refused[] = {
	{ "", "invalid date '' (empty)" },
	{ "   ", "invalid date '   ' (empty)" },
	{ "\t", "invalid date '?' (empty)" },
	{ "2020/04/01", "invalid date '2020/04/01' " SHAPE },
	{ "20200401", "invalid date '20200401' " SHAPE },
	{ "2020-4-1", "invalid date '2020-4-1' " SHAPE },
	{ "2020-04-1", "invalid date '2020-04-1' " SHAPE },
	{ "2020-4", "invalid date '2020-4' " SHAPE },
	{ "202", "invalid date '202' " SHAPE },
	{ "20201", "invalid date '20201' " SHAPE },
	{ "02020", "invalid date '02020' " SHAPE },
	{ "2020-", "invalid date '2020-' " SHAPE },
	{ "2020-04-", "invalid date '2020-04-' " SHAPE },
	{ "2020-04-01T00:00", "invalid date '2020-04-01T00:00' " SHAPE },
	{ "2020 -04", "invalid date '2020 -04' " SHAPE },
	{ "2020- 04", "invalid date '2020- 04' " SHAPE },
	{ "2020-04-01x", "invalid date '2020-04-01x' " SHAPE },
	{ "x2020", "invalid date 'x2020' " SHAPE },
	{ "-2020", "invalid date '-2020' " SHAPE },
	{ "+2020", "invalid date '+2020' " SHAPE },
	{ "2020.04.01", "invalid date '2020.04.01' " SHAPE },
	{ "01-04-2020", "invalid date '01-04-2020' " SHAPE },
	{ "~2020", "invalid date '~2020' " SHAPE },
	{ "~", "invalid date '~' " SHAPE },
	{ "2020 ~", "invalid date '2020 ~' " SHAPE },
	{ "2020\n", "invalid date '2020?' " SHAPE },
	{ "2020-04-01\r", "invalid date '2020-04-01?' " SHAPE },
	{ "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x90",
	  "invalid date '\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x90' " SHAPE },
	{ "2020\xe2\x88\x92" "04", "invalid date '2020\xe2\x88\x92" "04' " SHAPE },
	{ "\xff" "2020", "invalid date '?2020' " SHAPE },
	{ "2020-04-01~~", "invalid date '2020-04-01~~' (only one of ~, ? or % may follow the date)" },
	{ "2020~?", "invalid date '2020~?' (only one of ~, ? or % may follow the date)" },
	{ "2020?~", "invalid date '2020?~' (only one of ~, ? or % may follow the date)" },
	{ "2020%%", "invalid date '2020%%' (only one of ~, ? or % may follow the date)" },
	{ "0000", "invalid date '0000' (year must be 0001 to 9999)" },
	{ "0000-01-01", "invalid date '0000-01-01' (year must be 0001 to 9999)" },
	{ "0000-13-45", "invalid date '0000-13-45' (year must be 0001 to 9999)" },
	{ "2020-00", "invalid date '2020-00' (month must be 01 to 12)" },
	{ "2020-13", "invalid date '2020-13' (month must be 01 to 12)" },
	{ "2020-99-01", "invalid date '2020-99-01' (month must be 01 to 12)" },
	{ "2020-13-45", "invalid date '2020-13-45' (month must be 01 to 12)" },
	{ "2020-01-00", "invalid date '2020-01-00' (day must be 01 to 31)" },
	{ "2020-01-32", "invalid date '2020-01-32' (day must be 01 to 31)" },
	{ "2020-12-99", "invalid date '2020-12-99' (day must be 01 to 31)" },
	{ "2020-02-30", "invalid date '2020-02-30' (February 2020 has 29 days)" },
	{ "2021-02-29", "invalid date '2021-02-29' (February 2021 has 28 days)" },
	{ "1900-02-29", "invalid date '1900-02-29' (February 1900 has 28 days)" },
	{ "2100-02-29", "invalid date '2100-02-29' (February 2100 has 28 days)" },
	{ "0001-02-29", "invalid date '0001-02-29' (February 0001 has 28 days)" },
	{ "2020-04-31", "invalid date '2020-04-31' (April 2020 has 30 days)" },
	{ "2020-06-31", "invalid date '2020-06-31' (June 2020 has 30 days)" },
	{ "2020-09-31", "invalid date '2020-09-31' (September 2020 has 30 days)" },
	{ "2020-11-31~", "invalid date '2020-11-31~' (November 2020 has 30 days)" },
	{ " 2020-13 ", "invalid date ' 2020-13 ' (month must be 01 to 12)" },
};

static const int month_days_2023[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static struct sm_date parse_ok(const char *text)
{
	struct sm_date d;
	char err[256] = "";

	ck_assert_msg(date_parse(text, &d, err, sizeof err) == 0, "'%s' refused: %s", text, err);
	return d;
}

START_TEST(test_accepted)
{
	const struct accepted_case *c = &accepted[_i];
	struct sm_date d;
	char err[256] = "unchanged", buf[DATE_TEXT_SIZE];

	ck_assert_msg(date_parse(c->text, &d, err, sizeof err) == 0, "'%s' refused: %s", c->text, err);
	ck_assert_str_eq(err, "unchanged");
	ck_assert_int_eq(d.year, c->year);
	ck_assert_int_eq(d.month, c->month);
	ck_assert_int_eq(d.day, c->day);
	ck_assert_int_eq(d.precision, c->precision);
	ck_assert_int_eq(d.qualifier, c->qualifier);
	date_format(&d, buf, sizeof buf);
	ck_assert_str_eq(buf, c->canonical);
	ck_assert_int_eq(date_first_ymd(&d), c->first);
	ck_assert_int_eq(date_last_ymd(&d), c->last);
	ck_assert_int_eq(date_sort_key(&d), (int64_t)c->first * 10 + c->precision);

	/* the canonical text parses back to the same date */
	struct sm_date again = parse_ok(buf);
	ck_assert_int_eq(again.year, d.year);
	ck_assert_int_eq(again.month, d.month);
	ck_assert_int_eq(again.day, d.day);
	ck_assert_int_eq(again.precision, d.precision);
	ck_assert_int_eq(again.qualifier, d.qualifier);
}
END_TEST

START_TEST(test_refused)
{
	const struct refused_case *c = &refused[_i];
	struct sm_date d = { .year = 42, .month = 7, .day = 9, .precision = DATE_DAY, .qualifier = 'x' };
	char err[512];

	ck_assert_msg(date_parse(c->text, &d, err, sizeof err) == -1, "'%s' accepted", c->text);
	ck_assert_str_eq(err, c->message);
	/* a refused parse leaves the output alone */
	ck_assert_int_eq(d.year, 42);
	ck_assert_int_eq(d.month, 7);
	ck_assert_int_eq(d.day, 9);
	ck_assert_int_eq(d.qualifier, 'x');
}
END_TEST

/* _i covers 2023 (common) then 2024 (leap), twelve months each */
START_TEST(test_every_month_last_day)
{
	int year = _i < 12 ? 2023 : 2024, month = _i % 12 + 1;
	int last = month_days_2023[month - 1] + (year == 2024 && month == 2);
	char text[32], want[128], err[128];
	struct sm_date d;

	ck_assert_int_eq(date_days_in_month(year, month), last);

	snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, last);
	d = parse_ok(text);
	ck_assert_int_eq(d.day, last);

	snprintf(text, sizeof text, "%04d-%02d", year, month);
	d = parse_ok(text);
	ck_assert_int_eq(date_last_ymd(&d), year * 10000 + month * 100 + last);
	ck_assert_int_eq(date_first_ymd(&d), year * 10000 + month * 100 + 1);

	snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, last + 1);
	ck_assert_int_eq(date_parse(text, &d, err, sizeof err), -1);
	if (last + 1 <= 31)
		snprintf(want, sizeof want, "invalid date '%s' (%s %04d has %d days)",
			 text, month_names[month - 1], year, last);
	else
		snprintf(want, sizeof want, "invalid date '%s' (day must be 01 to 31)", text);
	ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(test_leap_years)
{
	static const struct { int year; bool leap; } years[] = {
		{ 1, false },     { 4, true },      { 100, false },  { 400, true },
		{ 1600, true },   { 1700, false },  { 1800, false }, { 1900, false },
		{ 1996, true },   { 1999, false },  { 2000, true },  { 2019, false },
		{ 2020, true },   { 2021, false },  { 2023, false }, { 2024, true },
		{ 2100, false },  { 2400, true },   { 9996, true },  { 9999, false },
	};

	for (int i = 0; i < N_ELEMENTS(years); i++) {
		ck_assert_msg(date_is_leap_year(years[i].year) == years[i].leap, "year %d", years[i].year);
		ck_assert_int_eq(date_days_in_month(years[i].year, 2), years[i].leap ? 29 : 28);
	}
}
END_TEST

START_TEST(test_days_in_month_out_of_range)
{
	ck_assert_int_eq(date_days_in_month(2020, 0), 0);
	ck_assert_int_eq(date_days_in_month(2020, 13), 0);
	ck_assert_int_eq(date_days_in_month(2020, -1), 0);
	ck_assert_int_eq(date_days_in_month(2020, 1), 31);
	ck_assert_int_eq(date_days_in_month(2020, 12), 31);
}
END_TEST

START_TEST(test_sort_key_order)
{
	/* ascending: each must sort strictly before the next */
	static const char *const order[] = {
		"0001", "0001-01", "0001-01-01", "0001-01-02", "1999-12-31",
		"2020", "2020-01", "2020-01-01", "2020-01-02", "2020-02", "2020-02-01",
		"2020-02-29", "2020-12-31", "2021", "9999-12", "9999-12-31",
	};
	int64_t prev = 0;

	for (int i = 0; i < N_ELEMENTS(order); i++) {
		struct sm_date d = parse_ok(order[i]);
		int64_t key = date_sort_key(&d);

		ck_assert_msg(key > prev, "'%s' does not sort after '%s'", order[i], order[i > 0 ? i - 1 : 0]);
		prev = key;
	}
	struct sm_date y = parse_ok("2020"), m = parse_ok("2020-01~"), d = parse_ok("2020-01-01?");
	ck_assert_int_eq(date_sort_key(&y), INT64_C(202001011));
	ck_assert_int_eq(date_sort_key(&m), INT64_C(202001012));
	ck_assert_int_eq(date_sort_key(&d), INT64_C(202001013));
	/* the qualifier does not change where a date sorts */
	struct sm_date plain = parse_ok("2020-01-01");
	ck_assert_int_eq(date_sort_key(&plain), date_sort_key(&d));
}
END_TEST

START_TEST(test_days_between)
{
	static const struct { const char *a, *b; int64_t days; } cases[] = {
		{ "2020-01-01", "2020-01-01", 0 },
		{ "2020-01-01", "2020-01-02", 1 },
		{ "2020-01-02", "2020-01-01", -1 },
		{ "2020-01-01", "2021-01-01", 366 },
		{ "2019-01-01", "2020-01-01", 365 },
		{ "2021-01-01", "2020-01-01", -366 },
		{ "2000-02-28", "2000-03-01", 2 },
		{ "1900-02-28", "1900-03-01", 1 },
		{ "2024-02-28", "2024-03-01", 2 },
		{ "1970-01-01", "2000-03-01", 11017 },
		{ "1970-01-01", "2019-09-24", 18163 },
		{ "0001-01-01", "1970-01-01", 719162 },
		{ "0001-01-01", "9999-12-31", 3652058 },
		{ "9999-12-31", "0001-01-01", -3652058 },
		{ "2019-12-31", "2020-12-31", 366 },
		{ "2020-03-01", "2021-03-01", 365 },
	};

	for (int i = 0; i < N_ELEMENTS(cases); i++) {
		struct sm_date a = parse_ok(cases[i].a), b = parse_ok(cases[i].b);

		ck_assert_msg(date_days_between(&a, &b) == cases[i].days, "%s..%s: %lld",
			      cases[i].a, cases[i].b, (long long)date_days_between(&a, &b));
	}
	/* coarser dates count from the first day of their period */
	struct sm_date y = parse_ok("2020"), m = parse_ok("2020-03");
	ck_assert_int_eq(date_days_between(&y, &m), 60);
}
END_TEST

START_TEST(test_days_between_every_day)
{
	/* walking day by day through a leap and a common year agrees with days_in_month */
	struct sm_date start = parse_ok("1999-12-31");
	int64_t n = 0;

	for (int year = 2000; year <= 2001; year++)
		for (int month = 1; month <= 12; month++)
			for (int day = 1; day <= date_days_in_month(year, month); day++) {
				struct sm_date d = { year, month, day, DATE_DAY, 0 };

				ck_assert_int_eq(date_days_between(&start, &d), ++n);
			}
	ck_assert_int_eq(n, 366 + 365);
}
END_TEST

START_TEST(test_format_small_buffer)
{
	struct sm_date d = parse_ok("2020-04-01~");
	char buf[16];

	memset(buf, 'X', sizeof buf);
	date_format(&d, buf, 5);
	ck_assert_str_eq(buf, "2020");
	ck_assert_int_eq(buf[5], 'X');
	memset(buf, 'X', sizeof buf);
	date_format(&d, buf, 1);
	ck_assert_int_eq(buf[0], '\0');
	ck_assert_int_eq(buf[1], 'X');
	memset(buf, 'X', sizeof buf);
	date_format(&d, buf, 0);
	ck_assert_int_eq(buf[0], 'X');
}
END_TEST

START_TEST(test_tiny_error_buffers)
{
	struct sm_date d;
	char buf[16];

	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(date_parse("2020-13", &d, buf, 1), -1);
	ck_assert_int_eq(buf[0], '\0');
	for (int i = 1; i < 16; i++)
		ck_assert_int_eq(buf[i], 'X');

	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(date_parse("2020-13", &d, buf, 8), -1);
	ck_assert_str_eq(buf, "invalid");
	for (int i = 8; i < 16; i++)
		ck_assert_int_eq(buf[i], 'X');

	memset(buf, 'X', sizeof buf);
	ck_assert_int_eq(date_parse("2020-13", &d, buf, 0), -1);
	for (int i = 0; i < 16; i++)
		ck_assert_int_eq(buf[i], 'X');

	ck_assert_int_eq(date_parse("2020-13", &d, NULL, 0), -1);
	ck_assert_int_eq(date_parse("2020-13", &d, NULL, 100), -1);
	ck_assert_int_eq(date_parse("2020-12", &d, NULL, 0), 0);
	ck_assert_int_eq(d.month, 12);
}
END_TEST

START_TEST(test_null_text)
{
	struct sm_date d;
	char err[64];

	ck_assert_int_eq(date_parse(NULL, &d, err, sizeof err), -1);
	ck_assert_str_eq(err, "invalid date '' (empty)");
}
END_TEST

START_TEST(test_echo_is_capped)
{
	char text[1001], want[256], err[256];
	struct sm_date d;

	memset(text, '7', 1000);
	text[1000] = '\0';
	ck_assert_int_eq(date_parse(text, &d, err, sizeof err), -1);
	snprintf(want, sizeof want, "invalid date '%.60s...' %s", text, SHAPE);
	ck_assert_str_eq(err, want);

	/* exactly 60 bytes are echoed whole, 61 are cut */
	text[60] = '\0';
	ck_assert_int_eq(date_parse(text, &d, err, sizeof err), -1);
	snprintf(want, sizeof want, "invalid date '%.60s' %s", text, SHAPE);
	ck_assert_str_eq(err, want);
	text[60] = '7';
	text[61] = '\0';
	ck_assert_int_eq(date_parse(text, &d, err, sizeof err), -1);
	snprintf(want, sizeof want, "invalid date '%.60s...' %s", text, SHAPE);
	ck_assert_str_eq(err, want);

	/* the cut never splits a character: 59 bytes and a 3-byte Hangul syllable */
	memset(text, 'a', 59);
	strcpy(text + 59, "\xed\x95\x9c\xed\x95\x9c");
	ck_assert_int_eq(date_parse(text, &d, err, sizeof err), -1);
	snprintf(want, sizeof want, "invalid date '%.59s...' %s", text, SHAPE);
	ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(test_control_bytes_in_echo)
{
	struct sm_date d;
	char err[256];

	ck_assert_int_eq(date_parse("20\x01\x7f", &d, err, sizeof err), -1);
	ck_assert_str_eq(err, "invalid date '20?" "?' " SHAPE);  /* split: no trigraph */
	ck_assert_int_eq(date_parse("2020-01\x1b[31m", &d, err, sizeof err), -1);
	ck_assert_str_eq(err, "invalid date '2020-01?[31m' " SHAPE);
	ck_assert_int_eq(date_parse("2020\xc2\x85", &d, err, sizeof err), -1);
	ck_assert_str_eq(err, "invalid date '2020?' " SHAPE);
}
END_TEST

START_TEST(test_locale_independent)
{
	/* a German locale has a different decimal point; parsing must not care */
	setlocale(LC_ALL, "de_DE.UTF-8");
	struct sm_date d = parse_ok(" 2024-02-29~ ");
	char buf[DATE_TEXT_SIZE], err[256];

	date_format(&d, buf, sizeof buf);
	ck_assert_str_eq(buf, "2024-02-29~");
	ck_assert_int_eq(date_parse("2021-02-29", &d, err, sizeof err), -1);
	ck_assert_str_eq(err, "invalid date '2021-02-29' (February 2021 has 28 days)");
	ck_assert_int_eq(date_parse("\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa0", &d, err, sizeof err), -1);
	setlocale(LC_ALL, "C");
}
END_TEST

/* Days since 1970-01-01 and back, across centuries and leap days. */
START_TEST(test_days_and_back)
{
	ck_assert_int_eq(date_days_from_ymd(19700101), 0);
	ck_assert_int_eq(date_days_from_ymd(20000301), 11017);
	ck_assert_int_eq(date_days_from_ymd(20200615) - date_days_from_ymd(20200401), 75);
	ck_assert_int_eq(date_ymd_from_days(0), 19700101);
	ck_assert_int_eq(date_ymd_from_days(date_days_from_ymd(20200229) + 1), 20200301);
	ck_assert_int_eq(date_ymd_from_days(date_days_from_ymd(21001231)), 21001231);
	for (int64_t d = date_days_from_ymd(10101); d < date_days_from_ymd(99991231); d += 997)
		ck_assert_int_eq(date_days_from_ymd(date_ymd_from_days(d)), d);
}
END_TEST

static Suite *date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc;

	tc = tcase_create("accepted");
	tcase_add_loop_test(tc, test_accepted, 0, N_ELEMENTS(accepted));
	suite_add_tcase(s, tc);

	tc = tcase_create("refused");
	tcase_add_loop_test(tc, test_refused, 0, N_ELEMENTS(refused));
	tcase_add_test(tc, test_null_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("calendar");
	tcase_add_loop_test(tc, test_every_month_last_day, 0, 24);
	tcase_add_test(tc, test_leap_years);
	tcase_add_test(tc, test_days_in_month_out_of_range);
	tcase_add_test(tc, test_sort_key_order);
	tcase_add_test(tc, test_days_between);
	tcase_add_test(tc, test_days_between_every_day);
	suite_add_tcase(s, tc);

	tc = tcase_create("buffers");
	tcase_add_test(tc, test_format_small_buffer);
	tcase_add_test(tc, test_tiny_error_buffers);
	tcase_add_test(tc, test_echo_is_capped);
	tcase_add_test(tc, test_control_bytes_in_echo);
	tcase_add_test(tc, test_days_and_back);
	suite_add_tcase(s, tc);

	tc = tcase_create("locale");
	tcase_add_test(tc, test_locale_independent);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(date_suite());
}

/* date.c - parsing, formatting and arithmetic for smalog's ISO 8601 / EDTF dates. */
#include "smalog/date.h"

#include <stdio.h>
#include <string.h>

#include "smalog/number.h"

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

#define SHAPE "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~, ? or %%"

#define refuse(err, errsz, text, ...) number_refuse(err, errsz, "date", text, __VA_ARGS__)

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_qualifier(char c)
{
	return c == '~' || c == '?' || c == '%';
}

/* Value of the n ASCII digits at s; the caller has checked they are digits. */
static int digits_value(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* True if s[0..n) has the shape of YYYY, YYYY-MM or YYYY-MM-DD. */
static bool has_date_shape(const char *s, size_t n)
{
	if (n != 4 && n != 7 && n != 10)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool dash = i == 4 || i == 7;

		if (dash ? s[i] != '-' : !is_digit(s[i]))
			return false;
	}
	return true;
}

bool date_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && date_is_leap_year(year))
		return 29;
	return days[month - 1];
}

int date_parse(const char *text, struct sm_date *out, char *err, size_t errsz)
{
	const char *given = text ? text : "";
	const char *s = given;
	size_t n = strlen(s);
	struct sm_date d = { .month = 1, .day = 1 };

	while (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return refuse(err, errsz, given, "empty");

	if (is_qualifier(s[n - 1])) {
		d.qualifier = s[--n];
		if (n > 0 && is_qualifier(s[n - 1]))
			return refuse(err, errsz, given,
				      "only one of ~, ? or %% may follow the date");
	}
	if (!has_date_shape(s, n))
		return refuse(err, errsz, given, SHAPE);

	d.year = digits_value(s, 4);
	if (d.year == 0)
		return refuse(err, errsz, given, "year must be 0001 to 9999");
	d.precision = DATE_YEAR;
	if (n >= 7) {
		d.month = digits_value(s + 5, 2);
		if (d.month < 1 || d.month > 12)
			return refuse(err, errsz, given, "month must be 01 to 12");
		d.precision = DATE_MONTH;
	}
	if (n == 10) {
		int last = date_days_in_month(d.year, d.month);

		d.day = digits_value(s + 8, 2);
		if (d.day < 1 || d.day > 31)
			return refuse(err, errsz, given, "day must be 01 to 31");
		if (d.day > last)
			return refuse(err, errsz, given, "%s %04d has %d days",
				      month_names[d.month - 1], d.year, last);
		d.precision = DATE_DAY;
	}
	*out = d;
	return 0;
}

void date_format(const struct sm_date *d, char *buf, size_t bufsz)
{
	char qual[2] = { d->qualifier, '\0' };

	if (buf == NULL || bufsz == 0)
		return;
	switch (d->precision) {
	case DATE_YEAR:
		snprintf(buf, bufsz, "%04d%s", d->year, qual);
		break;
	case DATE_MONTH:
		snprintf(buf, bufsz, "%04d-%02d%s", d->year, d->month, qual);
		break;
	default:
		snprintf(buf, bufsz, "%04d-%02d-%02d%s", d->year, d->month, d->day, qual);
		break;
	}
}

int32_t date_first_ymd(const struct sm_date *d)
{
	int month = d->precision >= DATE_MONTH ? d->month : 1;
	int day = d->precision >= DATE_DAY ? d->day : 1;

	return (int32_t)d->year * 10000 + month * 100 + day;
}

int32_t date_last_ymd(const struct sm_date *d)
{
	int month = d->precision >= DATE_MONTH ? d->month : 12;
	int day = d->precision >= DATE_DAY ? d->day : date_days_in_month(d->year, month);

	return (int32_t)d->year * 10000 + month * 100 + day;
}

int64_t date_sort_key(const struct sm_date *d)
{
	return (int64_t)date_first_ymd(d) * 10 + d->precision;
}

/*
 * Days since 1970-01-01 of a proleptic Gregorian date.  Counting years from
 * March puts the leap day last, so the day of the year needs no leap test
 * (H. Hinnant's days_from_civil; date_ymd_from_days is his civil_from_days).
 */
int64_t date_days_from_ymd(int32_t ymd)
{
	int64_t y = ymd / 10000;
	int m = ymd / 100 % 100, d = ymd % 100;
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int32_t date_ymd_from_days(int64_t days)
{
	days += 719468;
	int64_t era = (days >= 0 ? days : days - 146096) / 146097;
	int64_t doe = days - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	return (int32_t)(y * 10000 + m * 100 + d);
}

int64_t date_days_between(const struct sm_date *a, const struct sm_date *b)
{
	return date_days_from_ymd(date_first_ymd(b)) - date_days_from_ymd(date_first_ymd(a));
}

/* date.h - ISO 8601 dates at year, month or day precision with EDTF level 1 qualifiers. */
#ifndef SMALOG_DATE_H
#define SMALOG_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum date_precision { DATE_YEAR = 1, DATE_MONTH = 2, DATE_DAY = 3 };

struct sm_date {
	int year, month, day;          /* month/day are 1 when the precision does not include them */
	enum date_precision precision;
	char qualifier;                /* 0, '~' approximate, '?' uncertain, '%' both (EDTF level 1) */
};

/* Room for the longest canonical date, "9999-12-31%", and its NUL. */
#define DATE_TEXT_SIZE 16

/*
 * Parse exactly YYYY, YYYY-MM or YYYY-MM-DD (year 0001..9999, a real
 * Gregorian day), optionally followed by one of ~ ? %, with surrounding ASCII
 * spaces and tabs ignored.  Returns 0 and fills *out, or returns -1, leaves
 * *out alone and writes a message such as
 * "invalid date '2021-02-29' (February 2021 has 28 days)" into err (which may
 * be NULL; always NUL-terminated when errsz > 0).
 */
int date_parse(const char *text, struct sm_date *out, char *err, size_t errsz);

/* canonical text, exactly as the grammar writes it: "2019-11~"; buf at least DATE_TEXT_SIZE bytes */
void date_format(const struct sm_date *d, char *buf, size_t bufsz);

int32_t date_first_ymd(const struct sm_date *d);  /* YYYYMMDD of the first day of the period */
int32_t date_last_ymd(const struct sm_date *d);   /* YYYYMMDD of the last day of the period */

/* sort key: date_first_ymd * 10 + precision, so a coarser date sorts before a finer one on the same first day */
int64_t date_sort_key(const struct sm_date *d);

bool date_is_leap_year(int year);

/* 28 to 31, or 0 when month is not 1 to 12. */
int date_days_in_month(int year, int month);

/*
 * Days from a to b (b - a) in the proleptic Gregorian calendar.  Meant for
 * DATE_DAY dates; a coarser date counts from the first day of its period.
 */
int64_t date_days_between(const struct sm_date *a, const struct sm_date *b);

/* Days since 1970-01-01 of a day given as YYYYMMDD (proleptic Gregorian),
 * and back. */
int64_t date_days_from_ymd(int32_t ymd);
int32_t date_ymd_from_days(int64_t days);

#endif

/* amount.h - whole currency amounts ("1.0389 trillion", "919.1M") held exactly as int64. */
#ifndef SMALOG_AMOUNT_H
#define SMALOG_AMOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Room for any amount_format result ("9,223,372,036,854,775,807") and its NUL. */
#define AMOUNT_TEXT_SIZE 32

/*
 * Parse a whole, non-negative number of currency units, exactly.  Grammar,
 * after trimming ASCII spaces and tabs: ASCII digits, optionally grouped in
 * threes by one kind of separator (',', '_' or a single space:
 * "1,038,900,000,000", "1 038 900"); an optional point and fraction; an
 * optional suffix, case-insensitive, with at most one space before it:
 * k/thousand, m/mn/million, b/bn/billion, t/tn/trillion.  The scaled value
 * must be a whole number ("919.1M" ok, "1.5" and "1.0001k" not) within int64.
 * Korean units are read as amount_parse_given reads them; a currency sign
 * or a '~' is refused.  Returns 0 and sets *out, or returns -1, leaves *out alone and writes a
 * message such as "invalid amount '-5' (amounts cannot be negative)" into err
 * (which may be NULL; always NUL-terminated when errsz > 0).
 */
int amount_parse(const char *text, int64_t *out, char *err, size_t errsz);

/* An amount as a user gives it: its value, the currency its sign names,
 * and whether it is "about" that much. */
struct amount {
	int64_t value;
	const char *currency; /* "KRW" for '₩' before or '원' after, "USD" for '$' before; else NULL */
	bool approx;          /* it ended in '~' ("5bn~"): about that much */
};

/*
 * Parse an amount as amount_parse does, and also: Korean units ("1조
 * 1,833억", "1.5조", "15,192억", "5,000만", "3천억"; 조, 억, 만 in that
 * order, each less than one of the unit before it, 천/백/십 with one digit
 * each inside a group; spaces between groups optional); '₩' or '$' before
 * it, or '원' after it; and '~' at the very end.  Same contract as
 * amount_parse, into *out.
 */
int amount_parse_given(const char *text, struct amount *out, char *err, size_t errsz);

/*
 * Write value in decimal digits, with ',' between groups of three when
 * thousands is true ("1,038,900,000,000").  Exact for the whole int64 range.
 * Returns the length written, not counting the NUL; buf should hold
 * AMOUNT_TEXT_SIZE bytes (a smaller one gets a truncated, NUL-terminated result).
 */
int amount_format(int64_t value, bool thousands, char *buf, size_t bufsz);

#endif

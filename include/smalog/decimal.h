/* decimal.h - exact fixed-point decimals (percentages, exchange rates) held as scaled int64. */
#ifndef SMALOG_DECIMAL_H
#define SMALOG_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* flags */
enum { DECIMAL_ALLOW_SIGN = 1, DECIMAL_ALLOW_PERCENT = 2 };

/* 10^18 is the largest power of ten an int64 holds. */
#define DECIMAL_MAX_SCALE 18

/* Room for any decimal_format or amount_format result and its NUL. */
#define DECIMAL_TEXT_SIZE 32

/*
 * Parse text like "13", "+13%", "-2.5", "1,131.5" into value * 10^scale
 * (scale 0..DECIMAL_MAX_SCALE).  Grammar, after trimming ASCII spaces and
 * tabs: an optional sign (DECIMAL_ALLOW_SIGN), ASCII digits with optional ','
 * separators between correct groups of three in the integer part, an optional
 * point and fraction (at least one digit on one side of the point), and an
 * optional '%' with at most one space before it (DECIMAL_ALLOW_PERCENT).
 * More nonzero decimals than scale, or a value outside int64, is refused.
 * what is the noun used in messages ("percentage", "rate"; NULL means
 * "value").  Returns 0 and sets *out, or returns -1, leaves *out alone and
 * writes a message such as "invalid percentage '13.125' (more than two
 * decimals)" into err (which may be NULL; always NUL-terminated when
 * errsz > 0).
 */
int decimal_parse(const char *text, int scale, unsigned flags, const char *what,
		  int64_t *out, char *err, size_t errsz);

/*
 * Format value / 10^scale (scale 0..DECIMAL_MAX_SCALE).  trim=true drops
 * trailing fractional zeros and a bare point ("13", "13.5", "-2.5");
 * trim=false always prints scale decimals ("13.00").  Exact for the whole
 * int64 range including INT64_MIN.  Returns the length written, not counting
 * the NUL; buf should hold DECIMAL_TEXT_SIZE bytes (a smaller one gets a
 * truncated, NUL-terminated result).
 */
int decimal_format(int64_t value, int scale, bool trim, char *buf, size_t bufsz);

/* Percentage in hundredths: sign and trailing % allowed, "13" -> 1300,
 * "+13 %" -> 1300, "-2.5" -> -250, ".5" -> 50. */
int pct_parse(const char *text, int64_t *hundredths, char *err, size_t errsz);

/* Exchange rate in ten-thousandths: no sign, must be > 0, "1131.5" -> 11315000. */
int rate_parse(const char *text, int64_t *ten_thousandths, char *err, size_t errsz);

#endif

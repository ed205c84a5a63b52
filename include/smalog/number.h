/* number.h - the number scanner amounts and decimals share: digits, thousands separators, a fraction. */
#ifndef SMALOG_NUMBER_H
#define SMALOG_NUMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A number as typed: where its digits are in the text, not yet its value. */
struct number {
	const char *s;      /* the text, trimmed of ASCII spaces and tabs */
	size_t n;           /* its length */
	size_t start;       /* where the integer digits begin (after any sign) */
	size_t int_end;     /* where they end: at the point, or at end */
	size_t end;         /* the first byte after the integer part and fraction */
	size_t int_digits;  /* digits before the point, separators not counted */
	size_t frac_digits; /* digits after it */
	const char *frac;   /* the first of those, when frac_digits > 0 */
};

enum number_fit { NUMBER_FITS, NUMBER_TOO_PRECISE, NUMBER_TOO_LARGE };

static inline bool number_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Set num->s and num->n to text (NULL is "") without its leading and trailing
 * ASCII spaces and tabs; returns num->n. */
size_t number_trim(const char *text, struct number *num);

/*
 * Scan, from num->s[start], ASCII digits optionally grouped in threes by one
 * of the separators in seps (a space separates only when a digit follows it),
 * then an optional point and fraction, and stop at the first other byte
 * (num->end).  Returns NULL, or the reason the digits are malformed: "mixed
 * thousands separators", "thousands separators must separate groups of three
 * digits" or "more than one decimal point".
 */
const char *number_scan(struct number *num, size_t start, const char *seps);

/*
 * The scanned number times 10^exponent (0..18), exactly, into *out: fraction
 * digits past the exponent must be zeros (else NUMBER_TOO_PRECISE, which
 * wins) and the result at most limit (else NUMBER_TOO_LARGE).  *out is set
 * only when the number fits.
 */
enum number_fit number_value(const struct number *num, int exponent, uint64_t limit, uint64_t *out);

/*
 * Write "invalid <what> '<text>' (<reason>)" into err (which may be NULL;
 * always NUL-terminated when errsz > 0), the text echoed as given, capped and
 * sanitized.  Returns -1 so that parsers can `return number_refuse(...)`.
 * Every value parser words its refusals this way, dates included.
 */
int number_refuse(char *err, size_t errsz, const char *what, const char *text, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Name a byte the user did not mean to type ("space", "tab", "non-ASCII
 * character", "control character" or "'x'"), never echoing an unprintable one;
 * buf holds the quoted form and needs 4 bytes. */
const char *number_describe(char c, char *buf, size_t bufsz);

#endif

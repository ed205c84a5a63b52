/* number.c - the number scanner amounts and decimals share: digits, thousands separators, a fraction. */
#include "smalog/number.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "smalog/utf8.h"

size_t number_trim(const char *text, struct number *num)
{
	const char *s = text ? text : "";
	size_t n = strlen(s);

	while (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	num->s = s;
	num->n = n;
	return n;
}

const char *number_scan(struct number *num, size_t start, const char *seps)
{
	const char *s = num->s;
	size_t n = num->n, i = start, group = 0;
	char sep = 0;

	num->start = start;
	num->int_digits = 0;
	num->frac_digits = 0;
	num->frac = NULL;
	for (; i < n; i++) {
		char c = s[i];

		if (number_is_digit(c)) {
			num->int_digits++;
			group++;
		} else if (c != '\0' && strchr(seps, c) && (c != ' ' || (i + 1 < n && number_is_digit(s[i + 1])))) {
			if (sep != 0 && c != sep)
				return "mixed thousands separators";
			if (group == 0 || group > 3 || (sep != 0 && group != 3))
				return "thousands separators must separate groups of three digits";
			sep = c;
			group = 0;
		} else {
			break;
		}
	}
	if (sep != 0 && group != 3)
		return "thousands separators must separate groups of three digits";
	num->int_end = i;

	if (i < n && s[i] == '.') {
		num->frac = s + ++i;
		while (i < n && number_is_digit(s[i]))
			i++;
		num->frac_digits = (size_t)(s + i - num->frac);
		if (i < n && s[i] == '.')
			return "more than one decimal point";
	}
	num->end = i;
	return NULL;
}

/* mag = mag * 10 + digit, or set *overflow once it would pass limit (and stop). */
static void push_digit(uint64_t *mag, unsigned digit, uint64_t limit, bool *overflow)
{
	if (*overflow)
		return;
	if (*mag > limit / 10 || *mag * 10 > limit - digit) {
		*overflow = true;
		return;
	}
	*mag = *mag * 10 + digit;
}

enum number_fit number_value(const struct number *num, int exponent, uint64_t limit, uint64_t *out)
{
	uint64_t mag = 0;
	bool too_large = false;

	for (size_t k = num->start; k < num->int_end; k++)
		if (number_is_digit(num->s[k]))
			push_digit(&mag, (unsigned)(num->s[k] - '0'), limit, &too_large);
	/* the fraction's first exponent digits are whole units of the result;
	 * past them only zeros can be held exactly */
	for (size_t k = 0; k < (size_t)exponent; k++)
		push_digit(&mag, k < num->frac_digits ? (unsigned)(num->frac[k] - '0') : 0, limit,
			   &too_large);
	for (size_t k = (size_t)exponent; k < num->frac_digits; k++)
		if (num->frac[k] != '0')
			return NUMBER_TOO_PRECISE;
	if (too_large)
		return NUMBER_TOO_LARGE;
	*out = mag;
	return NUMBER_FITS;
}

int number_refuse(char *err, size_t errsz, const char *what, const char *text, const char *fmt, ...)
{
	char echo[UTF8_ECHO_SIZE], reason[128];
	va_list ap;

	if (err == NULL || errsz == 0)
		return -1;
	utf8_echo(text, strlen(text), echo, sizeof echo);
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	snprintf(err, errsz, "invalid %s '%s' (%s)", what, echo, reason);
	return -1;
}

const char *number_describe(char c, char *buf, size_t bufsz)
{
	unsigned char u = (unsigned char)c;

	if (u == ' ')
		return "space";
	if (u == '\t')
		return "tab";
	if (u >= 0x80)
		return "non-ASCII character";
	if (u < 0x20 || u == 0x7F)
		return "control character";
	snprintf(buf, bufsz, "'%c'", c);
	return buf;
}

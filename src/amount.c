/* amount.c - exact parsing and formatting of whole currency amounts with k/M/B/T suffixes. */
#include "smalog/amount.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "smalog/utf8.h"

#define GROUPS "thousands separators must separate groups of three digits"
#define SUFFIXES "k, M, B, T, thousand, million, billion or trillion"

struct suffix {
	const char *word;  /* lower case; matched case-insensitively */
	int exponent;
};

static const struct suffix suffixes[] = {
	{ "k", 3 },  { "thousand", 3 },
	{ "m", 6 },  { "mn", 6 },  { "million", 6 },
	{ "b", 9 },  { "bn", 9 },  { "billion", 9 },
	{ "t", 12 }, { "tn", 12 }, { "trillion", 12 },
};

/* Write "invalid amount '<text>' (<reason>)" into err; returns -1 so callers
 * can `return refuse(...)`.  The text is echoed as given, capped and sanitized. */
static int refuse(char *err, size_t errsz, const char *text, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int refuse(char *err, size_t errsz, const char *text, const char *fmt, ...)
{
	char echo[UTF8_ECHO_SIZE], reason[128];
	va_list ap;

	if (err == NULL || errsz == 0)
		return -1;
	utf8_echo(text, strlen(text), echo, sizeof echo);
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	snprintf(err, errsz, "invalid amount '%s' (%s)", echo, reason);
	return -1;
}

/* Name a byte the user did not mean to type, without echoing unprintable ones. */
static const char *describe(char c, char *buf, size_t bufsz)
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

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The suffix spelled by w[0..n) in any case, or NULL. */
static const struct suffix *find_suffix(const char *w, size_t n)
{
	for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
		const char *word = suffixes[k].word;
		size_t j = 0;

		if (strlen(word) != n)
			continue;
		while (j < n && (w[j] | 0x20) == word[j])
			j++;
		if (j == n)
			return &suffixes[k];
	}
	return NULL;
}

/* mag = mag * 10 + digit, or set *overflow once it would pass INT64_MAX (and stop). */
static void push_digit(uint64_t *mag, unsigned digit, bool *overflow)
{
	const uint64_t limit = INT64_MAX;

	if (*overflow)
		return;
	if (*mag > limit / 10 || *mag * 10 > limit - digit) {
		*overflow = true;
		return;
	}
	*mag = *mag * 10 + digit;
}

int amount_parse(const char *text, int64_t *out, char *err, size_t errsz)
{
	const char *given = text ? text : "";
	const char *s = given, *frac = NULL;
	const struct suffix *suffix = NULL;
	size_t n = strlen(s), i = 0, int_digits = 0, frac_len = 0, group = 0;
	uint64_t whole = 0, frac_value = 0, scale = 1;
	bool too_large = false;
	char sep = 0, cbuf[8];

	while (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return refuse(err, errsz, given, "empty");
	if (s[0] == '-')
		return refuse(err, errsz, given, "amounts cannot be negative");
	if (s[0] == '+')
		return refuse(err, errsz, given, "a sign is not allowed");

	/* a space separates digit groups only when a digit follows it; before a
	 * letter it introduces the suffix */
	for (; i < n; i++) {
		char c = s[i];

		if (is_digit(c)) {
			push_digit(&whole, (unsigned)(c - '0'), &too_large);
			int_digits++;
			group++;
		} else if (c == ',' || c == '_' || (c == ' ' && i + 1 < n && is_digit(s[i + 1]))) {
			if (sep != 0 && c != sep)
				return refuse(err, errsz, given, "mixed thousands separators");
			if (group == 0 || group > 3 || (sep != 0 && group != 3))
				return refuse(err, errsz, given, GROUPS);
			sep = c;
			group = 0;
		} else {
			break;
		}
	}
	if (sep != 0 && group != 3)
		return refuse(err, errsz, given, GROUPS);

	if (i < n && s[i] == '.') {
		frac = s + ++i;
		while (i < n && is_digit(s[i]))
			i++;
		frac_len = (size_t)(s + i - frac);
		if (i < n && s[i] == '.')
			return refuse(err, errsz, given, "more than one decimal point");
	}

	if (i < n && (s[i] == ' ' || is_letter(s[i]))) {
		size_t w = i;

		while (w < n && s[w] == ' ')
			w++;
		if (w < n && is_letter(s[w])) {
			size_t spaces = w - i, start = w;

			while (w < n && is_letter(s[w]))
				w++;
			suffix = find_suffix(s + start, w - start);
			if (int_digits + frac_len == 0)
				return refuse(err, errsz, given, suffix ? "no digits before the suffix"
								     : "not a number");
			if (w - start == 1 && (s[start] | 0x20) == 'e' && w < n &&
			    (is_digit(s[w]) || s[w] == '+' || s[w] == '-'))
				return refuse(err, errsz, given, "exponent notation is not allowed");
			if (suffix == NULL) {
				int shown = w - start > 20 ? 20 : (int)(w - start);

				return refuse(err, errsz, given, "unknown suffix '%.*s%s'; use " SUFFIXES,
					      shown, s + start, w - start > 20 ? "..." : "");
			}
			if (spaces > 1)
				return refuse(err, errsz, given,
					      "at most one space between the number and the suffix");
			i = w;
		}
	}
	if (i < n)
		return refuse(err, errsz, given, "unexpected %s%s", describe(s[i], cbuf, sizeof cbuf),
			      suffix ? " after the suffix" : "");
	if (int_digits + frac_len == 0)
		return refuse(err, errsz, given, "no digits");

	/* exact scaling: the fraction, without trailing zeros, must fit in the
	 * suffix's power of ten, or the amount has a part of a unit */
	while (frac_len > 0 && frac[frac_len - 1] == '0')
		frac_len--;
	for (int k = 0; suffix && k < suffix->exponent; k++)
		scale *= 10;
	if (frac_len > (size_t)(suffix ? suffix->exponent : 0))
		return refuse(err, errsz, given, "not a whole number of units");
	for (size_t k = 0; k < frac_len; k++)
		frac_value = frac_value * 10 + (uint64_t)(frac[k] - '0');
	for (size_t k = frac_len; suffix && k < (size_t)suffix->exponent; k++)
		frac_value *= 10;
	if (too_large || whole > ((uint64_t)INT64_MAX - frac_value) / scale)
		return refuse(err, errsz, given, "too large");

	*out = (int64_t)(whole * scale + frac_value);
	return 0;
}

int amount_format(int64_t value, bool thousands, char *buf, size_t bufsz)
{
	/* built backwards from the units digit */
	char text[AMOUNT_TEXT_SIZE];
	uint64_t mag = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;
	size_t pos = sizeof text, len;
	int digits = 0;

	do {
		if (thousands && digits > 0 && digits % 3 == 0)
			text[--pos] = ',';
		text[--pos] = (char)('0' + mag % 10);
		mag /= 10;
		digits++;
	} while (mag != 0);
	if (value < 0)
		text[--pos] = '-';

	len = sizeof text - pos;
	if (buf == NULL || bufsz == 0)
		return 0;
	if (len > bufsz - 1)
		len = bufsz - 1;
	memcpy(buf, text + pos, len);
	buf[len] = '\0';
	return (int)len;
}

/* amount.c - exact parsing and formatting of whole currency amounts with k/M/B/T suffixes. */
#include "smalog/amount.h"

#include <string.h>

#include "smalog/number.h"

#define refuse(err, errsz, text, ...) number_refuse(err, errsz, "amount", text, __VA_ARGS__)

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

int amount_parse(const char *text, int64_t *out, char *err, size_t errsz)
{
	const char *given = text ? text : "", *s, *reason;
	const struct suffix *suffix = NULL;
	struct number num;
	size_t n, i, digits;
	uint64_t value = 0;
	char cbuf[8];

	n = number_trim(given, &num);
	s = num.s;
	if (n == 0)
		return refuse(err, errsz, given, "empty");
	if (s[0] == '-')
		return refuse(err, errsz, given, "amounts cannot be negative");
	if (s[0] == '+')
		return refuse(err, errsz, given, "a sign is not allowed");

	/* a space separates digit groups only when a digit follows it; before a
	 * letter it introduces the suffix */
	reason = number_scan(&num, 0, ",_ ");
	if (reason)
		return refuse(err, errsz, given, "%s", reason);
	i = num.end;
	digits = num.int_digits + num.frac_digits;

	if (i < n && (s[i] == ' ' || is_letter(s[i]))) {
		size_t w = i;

		while (w < n && s[w] == ' ')
			w++;
		if (w < n && is_letter(s[w])) {
			size_t spaces = w - i, start = w;

			while (w < n && is_letter(s[w]))
				w++;
			suffix = find_suffix(s + start, w - start);
			if (digits == 0)
				return refuse(err, errsz, given, suffix ? "no digits before the suffix"
								     : "not a number");
			if (w - start == 1 && (s[start] | 0x20) == 'e' && w < n &&
			    (number_is_digit(s[w]) || s[w] == '+' || s[w] == '-'))
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
		return refuse(err, errsz, given, "unexpected %s%s",
			      number_describe(s[i], cbuf, sizeof cbuf), suffix ? " after the suffix" : "");
	if (digits == 0)
		return refuse(err, errsz, given, "no digits");

	/* exact scaling: the fraction must fit in the suffix's power of ten, or
	 * the amount has a part of a unit */
	switch (number_value(&num, suffix ? suffix->exponent : 0, INT64_MAX, &value)) {
	case NUMBER_TOO_PRECISE:
		return refuse(err, errsz, given, "not a whole number of units");
	case NUMBER_TOO_LARGE:
		return refuse(err, errsz, given, "too large");
	case NUMBER_FITS:
		break;
	}
	*out = (int64_t)value;
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

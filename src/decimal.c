/* decimal.c - exact fixed-point decimal parsing and formatting, never through floating point. */
#include "smalog/decimal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "smalog/utf8.h"

#define GROUPS "thousands separators must separate groups of three digits"

/* Write "invalid <what> '<text>' (<reason>)" into err; returns -1 so callers
 * can `return refuse(...)`.  The text is echoed as given, capped and sanitized. */
static int refuse(char *err, size_t errsz, const char *what, const char *text,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int refuse(char *err, size_t errsz, const char *what, const char *text,
		  const char *fmt, ...)
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

int decimal_parse(const char *text, int scale, unsigned flags, const char *what,
		  int64_t *out, char *err, size_t errsz)
{
	static const char *const words[] = { "zero", "one", "two", "three", "four", "five", "six" };
	const char *given = text ? text : "";
	const char *noun = what ? what : "value";
	const char *s = given;
	size_t n = strlen(s), i = 0, int_digits = 0, frac_digits = 0, group = 0, percent = 0;
	bool neg = false, grouped = false, too_large = false, too_precise = false;
	uint64_t mag = 0, limit, place = 1;
	char cbuf[8];

	while (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return refuse(err, errsz, noun, given, "empty");
	if (scale < 0 || scale > DECIMAL_MAX_SCALE)
		return refuse(err, errsz, noun, given, "unsupported scale %d", scale);

	if (s[0] == '+' || s[0] == '-') {
		if (!(flags & DECIMAL_ALLOW_SIGN))
			return refuse(err, errsz, noun, given, "a sign is not allowed");
		neg = s[0] == '-';
		i++;
	}
	/* a negative magnitude may reach 2^63: INT64_MIN is a valid result */
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;

	for (; i < n; i++) {
		if (is_digit(s[i])) {
			push_digit(&mag, (unsigned)(s[i] - '0'), limit, &too_large);
			int_digits++;
			group++;
		} else if (s[i] == ',') {
			if (group == 0 || group > 3 || (grouped && group != 3))
				return refuse(err, errsz, noun, given, GROUPS);
			grouped = true;
			group = 0;
		} else {
			break;
		}
	}
	if (grouped && group != 3)
		return refuse(err, errsz, noun, given, GROUPS);

	/* the fraction's digits land at place = 10^(scale-1), 10^(scale-2), ... */
	for (int k = 0; k < scale; k++) {
		push_digit(&mag, 0, limit, &too_large);
		place *= 10;
	}
	if (i < n && s[i] == '.') {
		for (i++; i < n && is_digit(s[i]); i++) {
			uint64_t v = (uint64_t)(s[i] - '0');

			frac_digits++;
			place /= 10;
			if (place == 0) {
				too_precise |= v != 0;
			} else if (!too_large) {
				if (mag > limit - v * place)
					too_large = true;
				else
					mag += v * place;
			}
		}
		if (i < n && s[i] == '.')
			return refuse(err, errsz, noun, given, "more than one decimal point");
	}

	if (i < n && s[i] == '%')
		percent = 1;
	else if (i + 1 < n && s[i] == ' ' && s[i + 1] == '%')
		percent = 2;
	if (percent && !(flags & DECIMAL_ALLOW_PERCENT))
		return refuse(err, errsz, noun, given, "a percent sign is not allowed");
	i += percent;
	if (i < n) {
		if ((s[i] == 'e' || s[i] == 'E') && int_digits + frac_digits > 0 && !percent)
			return refuse(err, errsz, noun, given, "exponent notation is not allowed");
		return refuse(err, errsz, noun, given, "unexpected %s%s",
			      describe(s[i], cbuf, sizeof cbuf),
			      percent ? " after the percent sign" : "");
	}
	if (int_digits + frac_digits == 0)
		return refuse(err, errsz, noun, given, "no digits");

	if (too_precise) {
		if (scale == 0)
			return refuse(err, errsz, noun, given, "no decimals allowed");
		if (scale < (int)(sizeof words / sizeof words[0]))
			return refuse(err, errsz, noun, given, "more than %s decimal%s",
				      words[scale], scale == 1 ? "" : "s");
		return refuse(err, errsz, noun, given, "more than %d decimals", scale);
	}
	if (too_large)
		return refuse(err, errsz, noun, given, "too large");

	if (!neg)
		*out = (int64_t)mag;
	else if (mag > (uint64_t)INT64_MAX)
		*out = INT64_MIN;
	else
		*out = -(int64_t)mag;
	return 0;
}

int decimal_format(int64_t value, int scale, bool trim, char *buf, size_t bufsz)
{
	/* digits[0] is the least significant; there are always scale + 1 of them */
	char digits[DECIMAL_MAX_SCALE + 21], text[DECIMAL_MAX_SCALE + 24];
	uint64_t mag = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;
	int nd = 0, low = 0, len = 0;

	if (scale < 0)
		scale = 0;
	if (scale > DECIMAL_MAX_SCALE)
		scale = DECIMAL_MAX_SCALE;
	do {
		digits[nd++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag != 0);
	while (nd < scale + 1)
		digits[nd++] = '0';
	if (trim)
		while (low < scale && digits[low] == '0')
			low++;

	if (value < 0)
		text[len++] = '-';
	for (int k = nd - 1; k >= scale; k--)
		text[len++] = digits[k];
	if (low < scale) {
		text[len++] = '.';
		for (int k = scale - 1; k >= low; k--)
			text[len++] = digits[k];
	}

	if (buf == NULL || bufsz == 0)
		return 0;
	if ((size_t)len > bufsz - 1)
		len = (int)(bufsz - 1);
	memcpy(buf, text, (size_t)len);
	buf[len] = '\0';
	return len;
}

int pct_parse(const char *text, int64_t *hundredths, char *err, size_t errsz)
{
	return decimal_parse(text, 2, DECIMAL_ALLOW_SIGN | DECIMAL_ALLOW_PERCENT,
			     "percentage", hundredths, err, errsz);
}

int rate_parse(const char *text, int64_t *ten_thousandths, char *err, size_t errsz)
{
	int64_t v;

	if (decimal_parse(text, 4, 0, "rate", &v, err, errsz) != 0)
		return -1;
	/* a rate divides amounts when converting, so zero would be meaningless */
	if (v == 0)
		return refuse(err, errsz, "rate", text ? text : "", "must be greater than zero");
	*ten_thousandths = v;
	return 0;
}

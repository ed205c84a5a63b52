/* decimal.c - exact fixed-point decimal parsing and formatting, never through floating point. */
#include "smalog/decimal.h"

#include <string.h>

#include "smalog/number.h"

int decimal_parse(const char *text, int scale, unsigned flags, const char *what,
		  int64_t *out, char *err, size_t errsz)
{
	static const char *const words[] = { "zero", "one", "two", "three", "four", "five", "six" };
	const char *given = text ? text : "";
	const char *noun = what ? what : "value";
	const char *s, *reason;
	struct number num;
	size_t n, i = 0, digits, percent = 0;
	bool neg = false;
	uint64_t mag = 0;
	char cbuf[8];

	n = number_trim(given, &num);
	s = num.s;
	if (n == 0)
		return number_refuse(err, errsz, noun, given, "empty");
	if (scale < 0 || scale > DECIMAL_MAX_SCALE)
		return number_refuse(err, errsz, noun, given, "unsupported scale %d", scale);

	if (s[0] == '+' || s[0] == '-') {
		if (!(flags & DECIMAL_ALLOW_SIGN))
			return number_refuse(err, errsz, noun, given, "a sign is not allowed");
		neg = s[0] == '-';
		i++;
	}
	reason = number_scan(&num, i, ",");
	if (reason)
		return number_refuse(err, errsz, noun, given, "%s", reason);
	i = num.end;
	digits = num.int_digits + num.frac_digits;

	if (i < n && s[i] == '%')
		percent = 1;
	else if (i + 1 < n && s[i] == ' ' && s[i + 1] == '%')
		percent = 2;
	if (percent && !(flags & DECIMAL_ALLOW_PERCENT))
		return number_refuse(err, errsz, noun, given, "a percent sign is not allowed");
	i += percent;
	if (i < n) {
		if ((s[i] == 'e' || s[i] == 'E') && digits > 0 && !percent)
			return number_refuse(err, errsz, noun, given, "exponent notation is not allowed");
		return number_refuse(err, errsz, noun, given, "unexpected %s%s",
			      number_describe(s[i], cbuf, sizeof cbuf),
			      percent ? " after the percent sign" : "");
	}
	if (digits == 0)
		return number_refuse(err, errsz, noun, given, "no digits");

	/* a negative magnitude may reach 2^63: INT64_MIN is a valid result */
	switch (number_value(&num, scale, neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, &mag)) {
	case NUMBER_TOO_PRECISE:
		if (scale == 0)
			return number_refuse(err, errsz, noun, given, "no decimals allowed");
		if (scale < (int)(sizeof words / sizeof words[0]))
			return number_refuse(err, errsz, noun, given, "more than %s decimal%s",
				      words[scale], scale == 1 ? "" : "s");
		return number_refuse(err, errsz, noun, given, "more than %d decimals", scale);
	case NUMBER_TOO_LARGE:
		return number_refuse(err, errsz, noun, given, "too large");
	case NUMBER_FITS:
		break;
	}

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
		return number_refuse(err, errsz, "rate", text ? text : "", "must be greater than zero");
	*ten_thousandths = v;
	return 0;
}

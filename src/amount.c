/* amount.c - exact parsing and formatting of whole currency amounts: k/M/B/T suffixes, Korean units, signs, "~". */
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

/* The scanned number times 10^exponent into *value, in whole units no
 * larger than INT64_MAX: 0, or -1 with the refusal in err. */
static int whole_units(const struct number *num, int exponent, uint64_t *value, const char *given, char *err,
		       size_t errsz)
{
	switch (number_value(num, exponent, INT64_MAX, value)) {
	case NUMBER_TOO_PRECISE:
		return refuse(err, errsz, given, "not a whole number of units");
	case NUMBER_TOO_LARGE:
		return refuse(err, errsz, given, "too large");
	case NUMBER_FITS:
		break;
	}
	return 0;
}

/* The plain form (digits, separators, a point, a Latin suffix) of
 * s[0..n), which given echoes in a refusal. */
static int parse_plain(const char *given, const char *s, size_t n, int64_t *out, char *err, size_t errsz)
{
	const char *reason;
	const struct suffix *suffix = NULL;
	struct number num;
	size_t i, digits;
	uint64_t value = 0;
	char cbuf[8];

	num = (struct number){ .s = s, .n = n };
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
	if (whole_units(&num, suffix ? suffix->exponent : 0, &value, given, err, errsz))
		return -1;
	*out = (int64_t)value;
	return 0;
}

/* A Korean unit: 조, 억, 만 name groups of the number; 천, 백, 십 the
 * thousands, hundreds and tens within a group ("3천억"). */
struct unit {
	const char *utf8;
	int exponent;
	bool group;
};

static const struct unit units[] = {
	{ "\xec\xa1\xb0", 12, true }, { "\xec\x96\xb5", 8, true },  { "\xeb\xa7\x8c", 4, true },
	{ "\xec\xb2\x9c", 3, false }, { "\xeb\xb0\xb1", 2, false }, { "\xec\x8b\xad", 1, false },
};

#define WON "\xec\x9b\x90"
#define WON_SIGN "\xe2\x82\xa9"

/* The unit spelled at s[0..n), or NULL. */
static const struct unit *unit_at(const char *s, size_t n)
{
	for (size_t k = 0; n >= 3 && k < sizeof units / sizeof units[0]; k++)
		if (memcmp(s, units[k].utf8, 3) == 0)
			return &units[k];
	return NULL;
}

static bool has_unit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (unit_at(s + i, n - i))
			return true;
	return false;
}

static uint64_t pow10u(int e)
{
	uint64_t p = 1;

	while (e-- > 0)
		p *= 10;
	return p;
}

/*
 * The Korean form of s[0..n): groups "N조", "N억", "N만" in that order,
 * each at most once and, after a larger one, less than one of it ("1조
 * 1,833억", not "1조 15,000억"); a group's number may be written with 천,
 * 백, 십 and one digit before each ("3천5백억"), and a plain number may
 * end the amount ("1억 2,345").  Spaces between groups are optional.  A
 * lone group's number may have a fraction ("1.5조") if the result is whole.
 */
static int parse_korean(const char *given, const char *s, size_t n, int64_t *out, char *err, size_t errsz)
{
	uint64_t total = 0, group = 0, value;
	int group_above = 16, small_above = 4; /* the last unit of each sort, or above all */
	const char *last = NULL;               /* the last unit, for messages */
	char cbuf[8];
	size_t i = 0;

	while (i < n) {
		struct number num = { .s = s, .n = n };
		const struct unit *u;
		const char *reason;
		size_t j;

		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		reason = number_scan(&num, i, ",_");
		if (reason)
			return refuse(err, errsz, given, "%s", reason);
		j = num.end;
		while (j < n && s[j] == ' ' && j + 1 < n && (s[j + 1] == ' ' || unit_at(s + j + 1, n - j - 1)))
			j++;
		if (j < n && s[j] == ' ')
			j = num.end; /* a space before a unit belongs to it ("5 억"); else it is refused below */
		u = unit_at(s + j, n - j);
		/* "3천억": 억 takes the group that 천 began, with no digits of its own */
		if (num.int_digits + num.frac_digits == 0 && !(u && u->group && small_above < 4 && j == i)) {
			if (u)
				return refuse(err, errsz, given, "no digits before %s", u->utf8);
			return refuse(err, errsz, given, "unexpected %s", number_describe(s[j], cbuf, sizeof cbuf));
		}
		if (u == NULL) {
			/* a plain number ends the amount: the units below the last unit */
			uint64_t below = small_above < 4 ? pow10u(small_above) : group_above < 16 ? pow10u(group_above) : 0;

			if (j < n)
				return refuse(err, errsz, given, "unexpected %s", number_describe(s[j], cbuf, sizeof cbuf));
			if (whole_units(&num, 0, &value, given, err, errsz))
				return -1;
			if (below && value >= below)
				return refuse(err, errsz, given, "the number after %s must be less than one %s", last,
					      last);
			group += value;
			i = j;
			break;
		}
		if (!u->group) {
			if (u->exponent >= small_above)
				return refuse(err, errsz, given, "천, 백 and 십 come in that order, each once in a group");
			if (num.frac_digits > 0 || num.frac ||
			    number_value(&num, 0, 9, &value) != NUMBER_FITS || value == 0)
				return refuse(err, errsz, given, "one digit, 1 to 9, before %s", u->utf8);
			group += value * pow10u(u->exponent);
			small_above = u->exponent;
		} else {
			if (u->exponent >= group_above)
				return refuse(err, errsz, given, "조, 억 and 만 come in that order, each once");
			if (num.int_digits + num.frac_digits == 0) {
				value = group * pow10u(u->exponent);
			} else if (small_above < 4) {
				/* "3천500억": the digits finish the group that 천 began */
				if (num.frac_digits > 0 || num.frac)
					return refuse(err, errsz, given, "no fraction after %s", last);
				if (number_value(&num, 0, pow10u(small_above) - 1, &value) != NUMBER_FITS)
					return refuse(err, errsz, given, "the number after %s must be less than one %s",
						      last, last);
				value = (group + value) * pow10u(u->exponent);
			} else if (whole_units(&num, u->exponent, &value, given, err, errsz)) {
				return -1;
			}
			if (group_above < 16 && value >= pow10u(group_above))
				return refuse(err, errsz, given, "the %s group must be less than one %s", u->utf8, last);
			if (value > (uint64_t)INT64_MAX - total)
				return refuse(err, errsz, given, "too large");
			total += value;
			group = 0;
			group_above = u->exponent;
			small_above = 4;
		}
		last = u->utf8;
		i = j + 3;
	}
	if (group > (uint64_t)INT64_MAX - total)
		return refuse(err, errsz, given, "too large");
	*out = (int64_t)(total + group);
	return 0;
}

int amount_parse_given(const char *text, struct amount *out, char *err, size_t errsz)
{
	const char *given = text ? text : "", *s, *currency = NULL;
	struct number num;
	bool approx = false, marked;
	size_t n = number_trim(given, &num);
	int64_t value = 0;
	int rc;

	/* "about" is a trailing '~', outside any sign or 원: "₩5조~", "5조원~" */
	s = num.s;
	if (n > 0 && s[n - 1] == '~') {
		approx = true;
		n--;
	}
	if (n >= 3 && memcmp(s, WON_SIGN, 3) == 0) {
		currency = "KRW";
		s += 3;
		n -= 3;
	} else if (n > 0 && s[0] == '$') {
		currency = "USD";
		s++;
		n--;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n >= 3 && memcmp(s + n - 3, WON, 3) == 0) {
		if (currency && strcmp(currency, "USD") == 0)
			return refuse(err, errsz, given, "'$' and '원' name different currencies");
		currency = "KRW";
		n -= 3;
	}
	marked = approx || currency;
	while (n > 0 && s[0] == ' ') {
		s++;
		n--;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0 && marked)
		return refuse(err, errsz, given, "no digits");
	if (has_unit(s, n))
		rc = parse_korean(given, s, n, &value, err, errsz);
	else
		rc = parse_plain(given, s, n, &value, err, errsz);
	if (rc != 0)
		return rc;
	*out = (struct amount){ .value = value, .currency = currency, .approx = approx };
	return 0;
}

int amount_parse(const char *text, int64_t *out, char *err, size_t errsz)
{
	const char *given = text ? text : "";
	struct amount a;

	if (amount_parse_given(given, &a, err, errsz) != 0)
		return -1;
	if (a.currency)
		return refuse(err, errsz, given, "a currency sign is not allowed here");
	if (a.approx)
		return refuse(err, errsz, given, "'~' is not allowed here");
	*out = a.value;
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

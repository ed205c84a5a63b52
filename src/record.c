/* record.c - parses, checks and stores one record of any kind, driven by kinds.c. */
#include "smalog/record.h"

#include "smalog/amount.h"
#include "smalog/currency.h"
#include "smalog/date.h"
#include "smalog/decimal.h"
#include "smalog/error.h"
#include "smalog/memory.h"
#include "smalog/sql.h"
#include "smalog/utf8.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void record_init(struct record *r, const struct kind *kind)
{
	memset(r, 0, sizeof *r);
	r->kind = kind;
}

void record_release(struct record *r)
{
	for (int i = 0; i < KIND_MAX_FIELDS; i++) {
		free(r->values[i].text);
		r->values[i] = (struct field_value){ 0 };
	}
	r->uid[0] = '\0';
}

static int refuse(char *err, size_t errsz, const struct field *f, const char *text, const char *why)
{
	char quoted[UTF8_ECHO_SIZE];
	utf8_echo(text, strlen(text), quoted, sizeof quoted);
	snprintf(err, errsz, "invalid %s '%s' (%s)", f->name, quoted, why);
	return -1;
}

static bool is_ascii_space(char c)
{
	return c == ' ' || c == '\t';
}

/* text without surrounding spaces and tabs: its start, and its length in *n. */
static const char *trimmed(const char *text, size_t *n)
{
	while (is_ascii_space(*text))
		text++;
	size_t len = strlen(text);
	while (len > 0 && is_ascii_space(text[len - 1]))
		len--;
	*n = len;
	return text;
}

/* Copy text without surrounding spaces and tabs into a new string. */
static char *trimmed_copy(const char *text)
{
	size_t n;
	text = trimmed(text, &n);
	return xstrndup(text, n);
}

static bool is_ascii_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* A code of exactly len ASCII letters, upper-cased in place. */
static bool letters_upper(char *s, size_t len)
{
	if (strlen(s) != len)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!is_ascii_letter(s[i]))
			return false;
		if (s[i] >= 'a')
			s[i] = (char)(s[i] - 'a' + 'A');
	}
	return true;
}

/* A character of a key or code that UTF8_KEY refuses, as "keys cannot
 * contain U+00A0, a no-break space" (or "codes") in buf; NULL when there
 * is none. */
static const char *invisible_in_key(const char *key, const char *what_it_is, char *buf, size_t bufsz)
{
	uint32_t cp;
	const char *what = utf8_refused(key, strlen(key), UTF8_KEY, &cp, NULL);
	if (!what)
		return NULL;
	snprintf(buf, bufsz, "%s cannot contain U+%04" PRIX32 ", %s", what_it_is, cp, what);
	return buf;
}

/* The first character of text that UTF8_KEY refuses other than the spaces
 * and tabs that a number or a date may hold ("1.5 trillion", " 2020"),
 * with its code point in *cp; NULL when there is none. */
static const char *invisible_in_value(const char *text, uint32_t *cp)
{
	size_t len = strlen(text), at = 0, offset;
	const char *what;
	while ((what = utf8_refused(text + at, len - at, UTF8_KEY, cp, &offset)) != NULL) {
		if (*cp != ' ' && *cp != '\t')
			return what;
		at += offset + 1;
	}
	return NULL;
}

/* Keys (agreement codes, source keys) are typed on command lines and
 * joined with ';', and rounds are named CODE:SEQ, so they stay plain; and
 * two keys that look alike must be the same key, so nothing invisible.
 * The reason is a literal or written into buf. */
static const char *key_problem(const char *key, char *buf, size_t bufsz)
{
	if (*key == '\0')
		return "empty";
	if (strlen(key) > 64)
		return "longer than 64 bytes";
	for (const char *p = key; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || c == 0x7f)
			return "keys cannot contain spaces or control characters";
		if (c == ';' || c == ',' || c == ':')
			return "keys cannot contain ';', ',' or ':'";
	}
	return invisible_in_key(key, "keys", buf, bufsz);
}

/* A whole number, with ',' between groups of three digits allowed (4,000);
 * a refusal echoes echo, the value as given. */
static int parse_int(const struct field *f, const char *text, const char *echo, int64_t *out, char *err,
		     size_t errsz)
{
	const char *p = text;
	while (is_ascii_space(*p))
		p++;
	int64_t v = 0;
	int digits = 0, group = -1; /* digits since the last ',' (-1: none yet) */
	for (; (*p >= '0' && *p <= '9') || (*p == ',' && digits > 0); p++) {
		if (*p == ',') {
			if (group == 0 || (group > 0 && group != 3) || (group < 0 && digits > 3))
				return refuse(err, errsz, f, echo, "misplaced ','");
			group = 0;
			continue;
		}
		if (v > (INT64_MAX - (*p - '0')) / 10)
			return refuse(err, errsz, f, echo, "too large");
		v = v * 10 + (*p - '0');
		digits++;
		if (group >= 0)
			group++;
	}
	if (group >= 0 && group != 3)
		return refuse(err, errsz, f, echo, "misplaced ','");
	while (is_ascii_space(*p))
		p++;
	if (digits == 0 || *p != '\0')
		return refuse(err, errsz, f, echo, "expected a whole number");
	if (v < f->min || v > f->max) {
		char why[96];
		snprintf(why, sizeof why, "must be %" PRId64 " to %" PRId64, f->min, f->max);
		return refuse(err, errsz, f, echo, why);
	}
	*out = v;
	return 0;
}

/* A currency that is not an active ISO 4217 code, with the code a name or
 * a typo most likely meant ("won", "KWR": did you mean KRW?). */
static int refuse_currency(char *err, size_t errsz, const struct field *f, const char *text)
{
	char *typed = trimmed_copy(text);
	char near[CURRENCY_SUGGESTION_SIZE], why[96];
	bool code = typed && strlen(typed) == 3 && letters_upper(typed, 3);
	if (typed && currency_suggest(typed, near, sizeof near) > 0)
		snprintf(why, sizeof why, "not an ISO 4217 currency code; did you mean %s?", near);
	else if (code)
		snprintf(why, sizeof why, "not an ISO 4217 currency code");
	else
		snprintf(why, sizeof why, "expected an ISO 4217 code such as KRW or USD");
	free(typed);
	return refuse(err, errsz, f, text, why);
}

/*
 * A value being parsed for field f: text as given; for the types that are
 * trimmed, value is a trimmed copy (not empty) to make canonical in place.
 * The result is value (owned) or integer.
 */
struct parsing {
	const struct field *f;
	const char *text;
	char *value;
	char *spare;      /* the field's previous text, owned, to reuse or free */
	int64_t integer;
	bool approx;      /* ended in '~' */
	const char *sign; /* the currency an amount's sign names */
	char *err;
	size_t errsz;
};

/* The n bytes at s as p's value, a string: in p's spare when that has room
 * (a column's values are much alike in length, row after row, so an import
 * mostly copies over the last row's rather than paying a malloc and a free
 * per cell), else in a new one. */
static char *value_copy(struct parsing *p, const char *s, size_t n)
{
	char *v = p->spare;
	if (!v || strlen(v) < n)
		return xstrndup(s, n);
	p->spare = NULL;
	memmove(v, s, n);
	v[n] = '\0';
	return v;
}

static int parse_enum(struct parsing *p)
{
	const struct field *f = p->f;
	for (char *c = p->value; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	for (int i = 0; f->choices[i]; i++)
		if (strcmp(p->value, f->choices[i]) == 0)
			return 0;
	char why[256] = "expected ";
	for (int i = 0; f->choices[i]; i++) {
		if (i > 0)
			strcat(why, f->choices[i + 1] ? ", " : " or ");
		strcat(why, f->choices[i]);
	}
	return refuse(p->err, p->errsz, f, p->text, why);
}

/* Why part is not an alpha-2 code (upper-cased in place), or NULL. */
static const char *party_problem(char *part, char *buf, size_t bufsz)
{
	const char *why = invisible_in_key(part, "codes", buf, bufsz);
	if (!why && !letters_upper(part, 2))
		why = "expected ISO 3166 alpha-2 codes separated by commas, such as KR,US";
	return why;
}

static const char *source_problem(char *part, char *buf, size_t bufsz)
{
	return key_problem(part, buf, bufsz);
}

/* Split value on its type's separator and re-join its parts into value
 * without spaces around them: no empty part, no duplicate, each part
 * checked by problem.  The result is never longer than value, so it is
 * written in place. */
static int parse_list(struct parsing *p, const char *(*problem)(char *part, char *buf, size_t bufsz))
{
	const struct field *f = p->f;
	char *value = p->value, sep = field_types[f->type].list_sep;
	char *copy = xstrdup(value);
	char sep_str[2] = { sep, '\0' };
	size_t out = 0;
	int rc = 0;
	char *in = copy;
	while (rc == 0) {
		char *end = strchr(in, sep);
		if (end)
			*end = '\0';
		char *part = in;
		while (is_ascii_space(*part))
			part++;
		size_t n = strlen(part);
		while (n > 0 && is_ascii_space(part[n - 1]))
			part[--n] = '\0';
		const char *why = NULL;
		char buf[96];
		if (n == 0)
			why = "an empty item in the list";
		else
			why = problem(part, buf, sizeof buf);
		/* a duplicate is the same part between separators earlier in value */
		value[out] = '\0';
		for (size_t at = 0; !why && at < out; at += strcspn(value + at, sep_str) + 1)
			if (strncmp(value + at, part, n) == 0 && (value[at + n] == sep || at + n == out))
				why = "an item appears twice";
		if (why) {
			rc = refuse(p->err, p->errsz, f, p->text, why);
			break;
		}
		if (out > 0)
			value[out++] = sep;
		memcpy(value + out, part, n);
		out += n;
		if (!end)
			break;
		in = end + 1;
	}
	value[out] = '\0';
	free(copy);
	return rc;
}

static int parse_text(struct parsing *p)
{
	p->value = value_copy(p, p->text, strlen(p->text));
	return 0;
}

static int parse_whole(struct parsing *p)
{
	return parse_int(p->f, p->text, p->text, &p->integer, p->err, p->errsz);
}

/* A count that may be "about" so many: "4,000~". */
static int parse_count(struct parsing *p)
{
	char *copy = trimmed_copy(p->text);
	size_t n = strlen(copy);
	if (n > 0 && copy[n - 1] == '~') {
		copy[n - 1] = '\0';
		p->approx = true;
	}
	int rc = parse_int(p->f, copy, p->text, &p->integer, p->err, p->errsz);
	free(copy);
	return rc;
}

/* An amount in any form amount_parse_given reads: Korean units, a
 * currency sign (kept for the record's currency), a trailing '~'. */
static int parse_amount(struct parsing *p)
{
	struct amount a;
	if (amount_parse_given(p->text, &a, p->err, p->errsz) != 0)
		return -1;
	p->integer = a.value;
	p->approx = a.approx;
	p->sign = a.currency;
	return 0;
}

static int parse_round(struct parsing *p)
{
	static const struct field round_field = { "round", .type = F_INT, .min = 1, .max = 100000 };
	return parse_int(&round_field, p->text, p->text, &p->integer, p->err, p->errsz);
}

/* date_parse takes only the canonical shape (four-digit year, two-digit
 * month and day, one qualifier) between spaces, so the text it accepts,
 * trimmed, is what date_format would write: kept as it is, sparing a
 * snprintf per date (test_record's dates_kept_canonical holds the two
 * together). */
static int parse_date(struct parsing *p)
{
	struct sm_date d;
	if (date_parse(p->text, &d, p->err, p->errsz) != 0)
		return -1;
	size_t n;
	const char *t = trimmed(p->text, &n);
	p->value = value_copy(p, t, n);
	return 0;
}

static int parse_key(struct parsing *p)
{
	char buf[96];
	const char *why = key_problem(p->value, buf, sizeof buf);
	return why ? refuse(p->err, p->errsz, p->f, p->text, why) : 0;
}

static int parse_currency(struct parsing *p)
{
	char buf[96];
	const char *what = invisible_in_key(p->value, "codes", buf, sizeof buf);
	if (what)
		return refuse(p->err, p->errsz, p->f, p->text, what);
	if (!letters_upper(p->value, 3) || !currency_known(p->value))
		return refuse_currency(p->err, p->errsz, p->f, p->text);
	return 0;
}

static int parse_party(struct parsing *p)
{
	char buf[96];
	const char *what = invisible_in_key(p->value, "codes", buf, sizeof buf);
	if (what)
		return refuse(p->err, p->errsz, p->f, p->text, what);
	if (!letters_upper(p->value, 2))
		return refuse(p->err, p->errsz, p->f, p->text, "expected an ISO 3166 alpha-2 code such as KR or US");
	return 0;
}

static int parse_parties(struct parsing *p)
{
	return parse_list(p, party_problem);
}

static int parse_sources(struct parsing *p)
{
	return parse_list(p, source_problem);
}

/* A year (2024) or a month (2024-03), as an index publishes its values;
 * kept as written, which sorts as it reads. */
static int parse_period(struct parsing *p)
{
	const char *v = p->value;
	size_t n = strlen(v);
	bool digits = n == 4 || (n == 7 && v[4] == '-');
	for (size_t i = 0; digits && i < n; i++)
		digits = i == 4 || (v[i] >= '0' && v[i] <= '9');
	if (!digits)
		return refuse(p->err, p->errsz, p->f, p->text, "expected a year YYYY or a month YYYY-MM");
	if (strncmp(v, "0000", 4) == 0)
		return refuse(p->err, p->errsz, p->f, p->text, "the year must be 0001 to 9999");
	if (n == 7) {
		int month = (v[5] - '0') * 10 + (v[6] - '0');
		if (month < 1 || month > 12)
			return refuse(p->err, p->errsz, p->f, p->text, "the month must be 01 to 12");
	}
	return 0;
}

/* Does text hold a letter or a non-ASCII byte (a suffix, a Korean unit)? */
static bool has_unit(const char *text)
{
	for (const char *c = text; *c; c++)
		if (is_ascii_letter(*c) || (unsigned char)*c >= 0x80)
			return true;
	return false;
}

/* A value of a series: a decimal exact to four places (114.18), or, for a
 * series counted in a currency, an amount in any form amount_parse reads
 * (54.6T, 1조 1,833억), scaled by 10^4 as stored.  Never 0: growth is a
 * ratio of two values. */
static int parse_index_value(struct parsing *p)
{
	const char *name = p->f->name;
	int64_t v;
	if (has_unit(p->text)) {
		if (amount_parse(p->text, &v, NULL, 0) != 0) {
			char why[256];
			/* the amount's own reason, reworded for this field */
			amount_parse(p->text, &v, why, sizeof why);
			const char *open = strstr(why, "' (");
			const char *reason = open ? open + 3 : why;
			size_t len = strlen(reason);
			char *r = xstrndup(reason, len > 0 && reason[len - 1] == ')' ? len - 1 : len);
			refuse(p->err, p->errsz, p->f, p->text, r);
			free(r);
			return -1;
		}
		if (v > INT64_MAX / 10000)
			return refuse(p->err, p->errsz, p->f, p->text, "too large: at most 922,337,203,685,477");
		v *= 10000;
	} else if (decimal_parse(p->text, 4, 0, name, &v, p->err, p->errsz) != 0) {
		return -1;
	}
	if (v == 0)
		return refuse(p->err, p->errsz, p->f, p->text, "must be greater than zero");
	p->integer = v;
	return 0;
}

static const char *actor_problem(char *part, char *buf, size_t bufsz)
{
	return key_problem(part, buf, bufsz);
}

static int parse_actors(struct parsing *p)
{
	return parse_list(p, actor_problem);
}

/*
 * The index of r's field called name, or -1.  name is a string literal:
 * each is looked up once per kind and remembered by its address, since an
 * import asks for the same few (currency, amount, pct...) on every row and
 * comparing them with every field's name each time cost more than the row's
 * parsing.  The memo is open-addressed by that address, so a row's several
 * asks each find theirs in a probe or two.  A name the table has no room
 * for is looked up every time.
 */
static int field_named(const struct record *r, const char *name)
{
	enum { NAMES = 64 };
	static struct {
		const char *name;
		signed char at[KIND_COUNT]; /* the index + 2; 0: not looked up yet */
	} memo[NAMES];
	static int used;
	/* an import asks about one kind, row after row */
	static const struct kind *last;
	static int ki;
	if (r->kind != last) {
		last = r->kind;
		ki = kind_index(last);
	}
	uintptr_t a = (uintptr_t)name;
	size_t m = (size_t)((a ^ (a >> 7)) % NAMES);
	while (memo[m].name && memo[m].name != name)
		m = (m + 1) % NAMES;
	if (!memo[m].name) {
		/* keep a slot empty, so that a probe always ends */
		if (used == NAMES - 1)
			return kind_field_index(r->kind, name);
		memo[m].name = name;
		used++;
	}
	if (!memo[m].at[ki])
		memo[m].at[ki] = (signed char)(kind_field_index(r->kind, name) + 2);
	return memo[m].at[ki] - 2;
}

/* A record given an amount with a currency sign ("$5bn") and no currency
 * is in the sign's currency: so it is after field changed, given that it
 * was before (only record_set gives a value a sign, and it calls this
 * after each change, so only a new sign or a new currency can change it).
 * Inline: record_set calls it for every cell, and most return at once. */
static inline void sign_sets_currency(struct record *r, int changed)
{
	/* most cells are neither: they return before any look-up (the field
	 * called currency is always of type F_CURRENCY; test_record checks) */
	if (!r->values[changed].sign && r->kind->fields[changed].type != F_CURRENCY)
		return;
	int c = field_named(r, "currency");
	if (c < 0 || r->values[c].present || (changed != c && !r->values[changed].sign))
		return;
	for (int i = 0; i < r->kind->nfields; i++) {
		if (r->values[i].present && r->values[i].sign) {
			r->values[c].text = xstrdup(r->values[i].sign);
			r->values[c].present = true;
			return;
		}
	}
}

/* Printable ASCII (most cells): valid UTF-8 that no rule refuses. */
static bool printable_ascii(const char *text)
{
	/* eight bytes a step: every cell of an import passes here */
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	size_t n = strlen(text), i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, text + i, sizeof w);
		/* a byte below 0x20, or of 0x7F or more */
		if (((w - 0x20 * ones) & ~w & high) || ((w + ones) | w) & high)
			return false;
	}
	for (; i < n; i++)
		if ((unsigned char)text[i] - 0x20u >= 0x5Fu)
			return false;
	return true;
}

/* -1 with err when text, the value given for f, is not valid UTF-8 or
 * holds a character its field type's rule refuses; 0 when it may be parsed. */
static int text_problem(const struct field *f, const char *text, char *err, size_t errsz)
{
	const struct field_type_info *t = &field_types[f->type];
	size_t len = strlen(text), bad;
	if (!utf8_valid(text, len, &bad)) {
		snprintf(err, errsz, "invalid %s: not valid UTF-8 (byte %zu)", f->name, bad + 1);
		return -1;
	}
	/* keys and codes get the stricter rule, and its wording, from their
	 * parser; numbers, dates and choices are parsed, but a no-break space
	 * or a zero-width character in one is named rather than left to look fine */
	uint32_t cp;
	const char *what = NULL;
	if (t->chars == CHARS_TEXT)
		what = utf8_refused(text, len, UTF8_TEXT, &cp, NULL);
	else if (t->chars == CHARS_VALUE)
		what = invisible_in_value(text, &cp);
	if (what) {
		char why[96];
		snprintf(why, sizeof why, "%s cannot contain U+%04" PRIX32 ", %s",
			 t->chars == CHARS_TEXT ? "text" : "values", cp, what);
		return refuse(err, errsz, f, text, why);
	}
	return 0;
}

/* Parse p's text, a cell of p's field, into p: 1 when it is empty (or
 * only spaces, for a type that trims), 0 for a value, -1 with p's err. */
static int parse_cell(struct parsing *p)
{
	const char *text = p->text;
	const struct field_type_info *t = &field_types[p->f->type];
	if (!text || !*text)
		return 1;
	if (!printable_ascii(text) && text_problem(p->f, text, p->err, p->errsz) != 0)
		return -1;
	if (t->trimmed) {
		size_t n;
		const char *start = trimmed(text, &n);
		if (n == 0)
			return 1;
		p->value = value_copy(p, start, n);
	}
	int rc = t->number ? t->number(text, &p->integer, p->err, p->errsz) : t->parse(p);
	return rc ? -1 : 0;
}

int record_set(struct record *r, int i, const char *text, char *err, size_t errsz)
{
	struct field_value *v = &r->values[i];
	struct parsing p = { .f = &r->kind->fields[i], .text = text, .spare = v->text, .err = err, .errsz = errsz };
	*v = (struct field_value){ 0 };
	int rc = parse_cell(&p);
	free(p.spare); /* the previous text, unless value_copy took it */
	if (rc < 0) {
		free(p.value);
		return -1;
	}
	if (rc == 0) {
		v->integer = p.integer;
		v->text = p.value;
		v->approx = p.approx;
		v->sign = p.sign;
		v->present = true;
	}
	sign_sets_currency(r, i);
	return 0;
}


/* A date field's period, for ordering checks; false when absent. */
static bool field_date(const struct record *r, const char *name, struct sm_date *d)
{
	int i = field_named(r, name);
	if (i < 0 || !r->values[i].present)
		return false;
	return date_parse(r->values[i].text, d, NULL, 0) == 0;
}

int record_check(const struct record *r, int *bad_field, char *err, size_t errsz)
{
	const struct kind *k = r->kind;
	for (int i = 0; i < k->nfields; i++) {
		if (k->fields[i].required && !r->values[i].present) {
			*bad_field = i;
			snprintf(err, errsz, "%s is required for %s %s", k->fields[i].name, kind_article(k), k->name);
			return -1;
		}
	}
	struct sm_date start, end;
	if (field_date(r, "start", &start) && field_date(r, "end", &end) &&
	    date_last_ymd(&end) < date_first_ymd(&start)) {
		*bad_field = field_named(r, "end");
		snprintf(err, errsz, "end %s is before start %s", r->values[*bad_field].text,
			 r->values[field_named(r, "start")].text);
		return -1;
	}
	int sy = field_named(r, "start_year"), ey = field_named(r, "end_year");
	if (sy >= 0 && r->values[sy].present && r->values[ey].present &&
	    r->values[ey].integer < r->values[sy].integer) {
		*bad_field = ey;
		snprintf(err, errsz, "end_year %" PRId64 " is before start_year %" PRId64,
			 r->values[ey].integer, r->values[sy].integer);
		return -1;
	}
	int amount = field_named(r, "amount"), pct = field_named(r, "pct");
	if (k->amount_or_pct && !r->values[amount].present && !r->values[pct].present) {
		*bad_field = amount;
		snprintf(err, errsz, "%s %s needs an amount, a pct, or both", kind_article(k), k->name);
		return -1;
	}
	/* a rule's bounds (schedule: lag, cap, floor) mean nothing without its index */
	int rule = field_named(r, "index");
	static const char *const bounds[] = { "lag", "cap", "floor" };
	for (int b = 0; rule >= 0 && !r->values[rule].present && b < 3; b++) {
		int i = field_named(r, bounds[b]);
		if (i >= 0 && r->values[i].present) {
			*bad_field = i;
			snprintf(err, errsz, "%s applies to a rule: give the index series it follows too", bounds[b]);
			return -1;
		}
	}
	int cap = field_named(r, "cap"), floor_ = field_named(r, "floor");
	if (cap >= 0 && floor_ >= 0 && r->values[cap].present && r->values[floor_].present &&
	    r->values[floor_].integer > r->values[cap].integer) {
		char lo[DECIMAL_TEXT_SIZE], hi[DECIMAL_TEXT_SIZE];
		decimal_format(r->values[floor_].integer, 2, true, lo, sizeof lo);
		decimal_format(r->values[cap].integer, 2, true, hi, sizeof hi);
		*bad_field = floor_;
		snprintf(err, errsz, "floor %s%% is above cap %s%%", lo, hi);
		return -1;
	}
	int currency = field_named(r, "currency");
	for (int i = 0; currency >= 0 && r->values[currency].present && i < k->nfields; i++) {
		const char *sign = r->values[i].present ? r->values[i].sign : NULL;
		if (sign && strcmp(sign, r->values[currency].text) != 0) {
			*bad_field = i;
			snprintf(err, errsz, "%s is given in %s (its sign) but currency is %s", k->fields[i].name, sign,
				 r->values[currency].text);
			return -1;
		}
	}
	/* an agreement named as its own previous is a cycle, refused with the
	 * others by record_check_references */
	return 0;
}

/* Does the statement, bound to key, return a row? 1 yes, 0 no, or an exit code. */
static int exists(struct db *db, const char *statement, const char *key, const char *agreement, int64_t seq)
{
	sqlite3_stmt *stmt = db_statement(db, statement);
	if (!stmt)
		return -EX_SOFTWARE;
	if (agreement) {
		db_bind_text(stmt, ":agreement", agreement);
		db_bind_int(stmt, ":seq", seq);
	} else {
		db_bind_text(stmt, ":key", key);
	}
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return -db_fail(db, rc, "checking a reference");
}

/* The text of the first column of stmt's row, bound to :key, copied into
 * buf; 1 found, 0 none (or NULL), or -(exit code). */
static int lookup_text(struct db *db, const char *statement, const char *param, const char *key, int64_t id,
		       char *buf, size_t bufsz)
{
	sqlite3_stmt *stmt = db_statement(db, statement);
	if (!stmt)
		return -EX_SOFTWARE;
	if (key)
		db_bind_text(stmt, param, key);
	else
		db_bind_int(stmt, param, id);
	int rc = sqlite3_step(stmt);
	int found = 0;
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		snprintf(buf, bufsz, "%s", (const char *)sqlite3_column_text(stmt, 0));
		found = 1;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -db_fail(db, rc, "following the previous agreements");
	return found;
}

/*
 * An agreement's previous chain must end: refuse a `previous` that leads
 * back to the agreement itself, naming the cycle it would close
 * ("SMA-10 → SMA-11 → SMA-10 would be a cycle").  The chain is followed
 * from the new previous, one agreement at a time, until it ends, comes back
 * (under the agreement's code, or the code it had before an edit), or has
 * gone round a cycle of others (a file damaged elsewhere: not this
 * record's doing), or reaches an agreement that does not exist (the
 * reference check names that).  A new agreement that no agreement names
 * as previous cannot close a cycle, so adding one costs a single look-up.
 * Same contract as record_check_references.
 */
static int check_previous_cycle(struct db *db, const struct record *r, int *bad_field, char *err, size_t errsz)
{
	int code = field_named(r, "code"), previous = field_named(r, "previous");
	if (code < 0 || previous < 0 || !r->values[code].present || !r->values[previous].present)
		return 0;
	const char *self = r->values[code].text;
	if (strcmp(self, r->values[previous].text) == 0) {
		*bad_field = previous;
		snprintf(err, errsz, "%s \u2192 %s would be a cycle", self, self);
		return -1;
	}
	char old[128] = "", next[128], cur[128];
	int found;
	if (r->id) {
		found = lookup_text(db, "agreement.code_of", ":id", NULL, r->id, old, sizeof old);
		if (found < 0)
			return -found;
	} else {
		found = lookup_text(db, "agreement.named_as_previous", ":key", self, 0, next, sizeof next);
		if (found <= 0)
			return -found;
	}
	/* the path so far, for the message (room for it in err, beside
	 * " would be a cycle"): cut short in the middle if long */
	char path[1024];
	size_t room = errsz > 200 && errsz - 20 < sizeof path ? errsz - 20 : sizeof path;
	int len = snprintf(path, room, "%s \u2192 %s", self, r->values[previous].text);
	snprintf(cur, sizeof cur, "%s", r->values[previous].text);
	sqlite3_stmt *count = db_statement(db, "agreement.count");
	if (!count)
		return EX_SOFTWARE;
	int64_t limit = sqlite3_step(count) == SQLITE_ROW ? sqlite3_column_int64(count, 0) : 0;
	sqlite3_reset(count);
	for (int64_t step = 0; step <= limit; step++) {
		found = lookup_text(db, "agreement.previous_of", ":key", cur, 0, next, sizeof next);
		if (found <= 0)
			return -found;
		bool back = strcmp(next, self) == 0 || strcmp(next, old) == 0;
		/* a long chain keeps its start and its end: "A → B → … → A" */
		if (len + 150 < (int)room)
			len += snprintf(path + len, room - (size_t)len, " \u2192 %s", back ? self : next);
		else if (back)
			snprintf(path + len, room - (size_t)len, " \u2192 \u2026 \u2192 %s", self);
		if (back) {
			*bad_field = previous;
			snprintf(err, errsz, "%s would be a cycle", path);
			return -1;
		}
		snprintf(cur, sizeof cur, "%s", next);
	}
	return 0;
}

int record_check_write(struct db *db, const struct record *r, int *bad_field, char *err, size_t errsz)
{
	/* a cycle first: for an agreement naming itself, the cycle is what is
	 * wrong, not that the agreement it names does not exist yet */
	int cycle = check_previous_cycle(db, r, bad_field, err, errsz);
	if (cycle != 0)
		return cycle;
	return record_check_references(db, r, bad_field, err, errsz);
}

/* What the checks against the database see of a field value of a record. */
struct checking {
	struct db *db;
	const struct field_value *v;
	const char *agreement; /* r's agreement, or NULL */
	char *err;
	size_t errsz;
};

static int check_agreement(const struct checking *c)
{
	int found = exists(c->db, "agreement.by_key", c->v->text, NULL, 0);
	if (found == 0) {
		char near[KEY_TEXT_SIZE];
		int like = record_similar_key(c->db, kind_find("agreement"), c->v->text, near, sizeof near);
		if (like < 0)
			return like;
		if (like)
			snprintf(c->err, c->errsz, "no agreement '%s'; did you mean '%s'?", c->v->text, near);
		else
			snprintf(c->err, c->errsz, "no agreement '%s' (add it first: smalog add agreement --code %s)",
				 c->v->text, c->v->text);
	}
	return found;
}

static int check_round(const struct checking *c)
{
	if (!c->agreement)
		return 1;
	int found = exists(c->db, "round.exists", NULL, c->agreement, c->v->integer);
	if (found == 0)
		snprintf(c->err, c->errsz, "no round %" PRId64 " in agreement '%s'", c->v->integer, c->agreement);
	return found;
}

static int check_sources(const struct checking *c)
{
	char *list = xstrdup(c->v->text);
	char *save = NULL;
	int found = 1;
	for (char *key = strtok_r(list, ";", &save); key && found == 1; key = strtok_r(NULL, ";", &save)) {
		found = exists(c->db, "source.by_key", key, NULL, 0);
		int like = 0;
		char near[KEY_TEXT_SIZE];
		if (found == 0)
			like = record_similar_key(c->db, kind_find("source"), key, near, sizeof near);
		if (like < 0)
			found = like;
		else if (like)
			snprintf(c->err, c->errsz, "no source '%s'; did you mean '%s'?", key, near);
		else if (found == 0)
			snprintf(c->err, c->errsz, "no source '%s' (add it first: smalog add source --key %s --outlet ...)",
				 key, key);
	}
	free(list);
	return found;
}

/* Every key of a ';' list (or the one key) names an existing record of
 * kind, through its by_key statement: else "no actor 'x'" with the key it
 * most likely meant, or how to add it (add_hint, after the key). */
static int check_keys(const struct checking *c, const char *kind_name, const char *add_hint)
{
	const struct kind *kind = kind_find(kind_name);
	char *list = xstrdup(c->v->text);
	char *save = NULL;
	int found = 1;
	for (char *key = strtok_r(list, ";", &save); key && found == 1; key = strtok_r(NULL, ";", &save)) {
		sqlite3_stmt *by_key = record_statement(c->db, kind, "by_key");
		if (!by_key) {
			found = -EX_SOFTWARE;
			break;
		}
		db_bind_text(by_key, ":key", key);
		int step = sqlite3_step(by_key);
		sqlite3_reset(by_key);
		found = step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : -db_fail(c->db, step, "checking a reference");
		int like = 0;
		char near[KEY_TEXT_SIZE];
		if (found == 0)
			like = record_similar_key(c->db, kind, key, near, sizeof near);
		if (like < 0)
			found = like;
		else if (like)
			snprintf(c->err, c->errsz, "no %s '%s'; did you mean '%s'?", kind->name, key, near);
		else if (found == 0)
			snprintf(c->err, c->errsz, "no %s '%s' (add it first: smalog add %s --key %s%s)", kind->name, key,
				 kind->name, key, add_hint);
	}
	free(list);
	return found;
}

static int check_actors(const struct checking *c)
{
	return check_keys(c, "actor", " --name ...");
}

/* A schedule's index names a series.  Its values may come later (a year
 * whose series has no value yet is computed as empty, with a note, by
 * agreement_terms), so a new series is taken as it is; but a name that
 * differs from a recorded series only by case or punctuation (kr.cpi for
 * KR.CPI) is a slip, refused with the series meant. */
static int check_series(const struct checking *c)
{
	int found = exists(c->db, "index.has_series", c->v->text, NULL, 0);
	if (found != 0)
		return found;
	sqlite3_stmt *stmt = db_statement(c->db, "index.like_series");
	if (!stmt)
		return -EX_SOFTWARE;
	db_bind_text(stmt, ":key", c->v->text);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(c->err, c->errsz, "no series '%s' in index; did you mean '%s'?", c->v->text,
			 (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -db_fail(c->db, rc, "looking for a similar series");
	return rc == SQLITE_ROW ? 0 : 1;
}

static int check_party(const struct checking *c)
{
	if (!c->agreement)
		return 1;
	sqlite3_stmt *stmt = db_statement(c->db, "agreement.parties");
	if (!stmt)
		return -EX_SOFTWARE;
	int found = 1;
	db_bind_text(stmt, ":key", c->agreement);
	if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		const char *parties = (const char *)sqlite3_column_text(stmt, 0);
		const char *hit = strstr(parties, c->v->text);
		if (!hit || (hit != parties && hit[-1] != ',') || (hit[2] != ',' && hit[2] != '\0')) {
			snprintf(c->err, c->errsz, "party %s is not a party to %s (%s)", c->v->text, c->agreement, parties);
			found = 0;
		}
	}
	sqlite3_reset(stmt);
	return found;
}

/* The field types (see kinds.h): help, storage, display, parsing, checks. */
const struct field_type_info field_types[F_TYPE_COUNT] = {
	[F_TEXT] = { "TEXT", "text", CHARS_TEXT, .parse = parse_text },
	[F_KEY] = { NULL, "a short key without spaces, ';', ',' or ':'", CHARS_CODE, .trimmed = true,
		    .parse = parse_key },
	[F_DATE] = { "DATE", "YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~ ? or %", CHARS_VALUE,
		     .sort_key = true, .parse = parse_date },
	[F_AMOUNT] = { "AMOUNT",
		       "whole units: 1,038,900,000,000, 1.0389T, 919.1 million, 1조 1,833억, $5bn; ~ at the end: about",
		       CHARS_VALUE, .integer = true, .grouped = true, .approx = true, .parse = parse_amount },
	[F_PCT] = { "PCT", "percent over the baseline: 13, +13%, -2.5", CHARS_VALUE, .suffix = "_bp",
		    .integer = true, .scale = 2, .number = pct_parse },
	[F_RATE] = { "RATE", "units of the currency per US dollar: 1131.5", CHARS_VALUE, .suffix = "_e4",
		     .integer = true, .scale = 4, .number = rate_parse },
	[F_INT] = { "N", "a whole number", CHARS_VALUE, .integer = true, .parse = parse_whole },
	[F_COUNT] = { "N", "a whole number: 4,000; ~ at the end: about (4,000~)", CHARS_VALUE, .integer = true,
		      .approx = true, .parse = parse_count },
	[F_ENUM] = { NULL, NULL, CHARS_VALUE, .trimmed = true, .parse = parse_enum },
	[F_CURRENCY] = { "CURRENCY", "ISO 4217 code: KRW, USD", CHARS_CODE, .trimmed = true, .parse = parse_currency },
	[F_PARTY] = { "PARTY", "ISO 3166 alpha-2 code: KR, US", CHARS_CODE, .trimmed = true, .ref_atom = 'P',
		      .in_agreement = true, .parse = parse_party, .check = check_party },
	[F_PARTIES] = { "PARTIES", "alpha-2 codes separated by commas: KR,US", CHARS_CODE, .trimmed = true,
			.list_sep = ',', .parse = parse_parties },
	[F_AGREEMENT] = { "CODE", "an agreement's code: SMA-11", CHARS_CODE, .trimmed = true, .refers_to = "agreement", .ref_atom = 'A',
			  .parse = parse_key, .check = check_agreement },
	[F_ROUND] = { "N", "a round number within the agreement", CHARS_VALUE, .integer = true, .refers_to = "round", .ref_atom = 'R',
		      .in_agreement = true, .parse = parse_round, .check = check_round },
	[F_SOURCES] = { "KEYS", "source keys, separated by ';' when several", CHARS_CODE, .trimmed = true,
			.list_sep = ';', .refers_to = "source", .ref_atom = 'S', .parse = parse_sources, .check = check_sources },
	[F_SERIES_KEY] = { "SERIES", "a series key without spaces, ';', ',' or ':': KR.CPI", CHARS_CODE,
			   .trimmed = true, .parse = parse_key },
	[F_SERIES] = { "SERIES", "a series recorded in index: KR.CPI", CHARS_CODE, .trimmed = true,
		       .refers_to = "index", .ref_atom = 'I', .parse = parse_key, .check = check_series },
	[F_ACTOR] = { "KEY", "an actor's key: trump", CHARS_CODE, .trimmed = true, .refers_to = "actor",
		      .ref_atom = 'C', .parse = parse_key, .check = check_actors },
	[F_ACTORS] = { "KEYS", "actor keys, separated by ';' when several", CHARS_CODE, .trimmed = true,
		       .list_sep = ';', .refers_to = "actor", .ref_atom = 'C', .parse = parse_actors, .check = check_actors },
	[F_PERIOD] = { "PERIOD", "a year YYYY or a month YYYY-MM", CHARS_VALUE, .trimmed = true, .parse = parse_period },
	[F_INDEX] = { "VALUE", "greater than 0, to four decimals: 114.18; or an amount: 54.6T", CHARS_VALUE,
		      .suffix = "_e4", .integer = true, .scale = 4, .parse = parse_index_value },
};

int record_check_references(struct db *db, const struct record *r, int *bad_field, char *err, size_t errsz)
{
	const struct kind *k = r->kind;
	int agreement = field_named(r, "agreement");
	struct checking c = { .db = db, .err = err, .errsz = errsz,
			      .agreement = agreement >= 0 && r->values[agreement].present ? r->values[agreement].text : NULL };
	for (int i = 0; i < k->nfields; i++) {
		int (*check)(const struct checking *) = field_types[k->fields[i].type].check;
		if (!r->values[i].present || !check)
			continue;
		*bad_field = i;
		c.v = &r->values[i];
		int found = check(&c);
		if (found < 0)
			return -found;
		if (found == 0)
			return -1;
	}
	return 0;
}

enum write_op { WRITE_INSERT, WRITE_UPDATE };

/*
 * Bind every field of r to the :column parameters of stmt, its kind's
 * insert or update.  This runs for every imported row, so each field's
 * parameter number is looked up by name once per kind and statement (the
 * SQL is embedded, so it is the same in every database; SQLite's lookup
 * compares every name), and texts are bound without a copy: r outlives
 * the statement's step.
 */
static void bind_fields(sqlite3_stmt *stmt, const struct record *r, enum write_op op)
{
	static int params[KIND_COUNT][2][KIND_MAX_FIELDS], approx_params[KIND_COUNT][2][KIND_MAX_FIELDS];
	static bool known[KIND_COUNT][2];
	const struct kind *k = r->kind;
	int ki = kind_index(k);
	int *param = params[ki][op], *approx = approx_params[ki][op];
	if (!known[ki][op]) {
		for (int i = 0; i < k->nfields; i++) {
			char name[48] = ":";
			field_column(&k->fields[i], name + 1, sizeof name - 1);
			if (!(param[i] = sqlite3_bind_parameter_index(stmt, name))) {
				BUG("no parameter %s in: %s", name, sqlite3_sql(stmt));
			}
			if (field_types[k->fields[i].type].approx) {
				strcat(name, "_approx");
				if (!(approx[i] = sqlite3_bind_parameter_index(stmt, name)))
					BUG("no parameter %s in: %s", name, sqlite3_sql(stmt));
			}
		}
		known[ki][op] = true;
	}
	for (int i = 0; i < k->nfields; i++) {
		const struct field_value *v = &r->values[i];
		if (v->present && field_is_integer(&k->fields[i]))
			sqlite3_bind_int64(stmt, param[i], v->integer);
		else if (v->present && v->text)
			sqlite3_bind_text(stmt, param[i], v->text, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(stmt, param[i]);
		if (field_types[k->fields[i].type].approx)
			sqlite3_bind_int(stmt, approx[i], v->present && v->approx);
	}
}

/* "position.insert" for kind position and op insert.  Which statements
 * exist is for db_statement to say (kind_sql.c and sql/queries/); their
 * names are built here once per kind and op, the first time one is asked
 * for, and kept, since the statement cache keeps the pointer. */
static sqlite3_stmt *kind_statement(struct db *db, const struct kind *kind, const char *op)
{
	enum { OPS = 40 };
	static struct {
		char op[24], name[40];
	} names[KIND_COUNT][OPS];
	int ki = kind_index(kind), oi = 0;
	while (oi < OPS && names[ki][oi].op[0] && strcmp(names[ki][oi].op, op) != 0)
		oi++;
	if (oi == OPS || strlen(op) >= sizeof names[ki][oi].op) {
		sm_error(EX_SOFTWARE, "internal error: no room for the statement %s.%s", kind->name, op);
		return NULL;
	}
	if (!names[ki][oi].op[0]) {
		snprintf(names[ki][oi].op, sizeof names[ki][oi].op, "%s", op);
		snprintf(names[ki][oi].name, sizeof names[ki][oi].name, "%s.%s", kind->name, op);
	}
	return db_statement(db, names[ki][oi].name);
}

sqlite3_stmt *record_statement(struct db *db, const struct kind *kind, const char *op)
{
	return kind_statement(db, kind, op);
}

/*
 * After a write failed: when it broke a UNIQUE constraint, the natural key
 * that is taken (an agreement code, a source key, a round of an agreement,
 * a rate of a currency on a date) is named instead of the constraint, as
 * -1 with *bad_field and err.  The schema's constraints are the one check,
 * for add, edit and every imported row alike.  rc otherwise.
 */
static int name_taken_key(struct db *db, const struct record *r, int rc, int *bad_field, char *err, size_t errsz)
{
	const struct kind *k = r->kind;
	if (rc == 0 || sqlite3_extended_errcode(db->handle) != SQLITE_CONSTRAINT_UNIQUE)
		return rc;
	/* a uid held by another record is its callers' to refuse first; one
	 * that reaches here keeps the constraint's own words */
	const char *msg = sqlite3_errmsg(db->handle);
	size_t len = strlen(msg);
	if (len > 4 && strcmp(msg + len - 4, ".uid") == 0)
		return rc;
	int bad = -1;
	if (k->key_field >= 0) {
		bad = k->key_field;
		snprintf(err, errsz, "%s '%s' already exists", k->name, r->values[bad].text);
	} else if (k->taken.message) {
		bad = kind_field_index(k, k->taken.blame);
		/* a round numbered by the database, moved to another agreement,
		 * keeps the constraint's own words */
		if (!r->values[bad].present)
			return rc;
		char bufs[2][32];
		const char *args[2];
		for (int a = 0; a < 2; a++)
			args[a] = record_field_text(r, kind_field_index(k, k->taken.args[a]), bufs[a], sizeof bufs[a]);
		snprintf(err, errsz, k->taken.message, args[0], args[1]);
	} else {
		return rc;
	}
	sm_error_clear();
	*bad_field = bad;
	return -1;
}

/* "+12.62%" for hundredths of a percent. */
static const char *signed_pct(int64_t bp, char *buf, size_t bufsz)
{
	char digits[DECIMAL_TEXT_SIZE];
	decimal_format(bp, 2, false, digits, sizeof digits);
	snprintf(buf, bufsz, "%s%s%%", bp > 0 ? "+" : "", digits);
	return buf;
}

/*
 * After r, a record given both an amount and a pct, was written (in the
 * caller's transaction): -1 with *bad_field (pct) and err when the pct is
 * more than half a point from what the amount implies over the
 * agreement's baseline, as the reports resolve both (position.pct_disagreement);
 * 0 when they agree or cannot be compared; an exit code for a database
 * failure.  Only such records pay for the lookup, which is a few index
 * searches.
 */
static int check_amount_pct(struct db *db, const struct record *r, int *bad_field, char *err, size_t errsz)
{
	int amount = field_named(r, "amount"), pct = field_named(r, "pct");
	if (!r->kind->amount_or_pct || !r->values[amount].present || !r->values[pct].present)
		return 0;
	sqlite3_stmt *stmt = db_statement(db, "position.pct_disagreement");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_int(stmt, ":id", r->id);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		char stated[DECIMAL_TEXT_SIZE], given[AMOUNT_TEXT_SIZE], resolved[AMOUNT_TEXT_SIZE];
		char baseline[AMOUNT_TEXT_SIZE], implied[DECIMAL_TEXT_SIZE + 2], converted[AMOUNT_TEXT_SIZE + 48] = "";
		const char *stated_currency = (const char *)sqlite3_column_text(stmt, 1);
		const char *currency = (const char *)sqlite3_column_text(stmt, 4);
		decimal_format(sqlite3_column_int64(stmt, 2), 2, true, stated, sizeof stated);
		amount_format(sqlite3_column_int64(stmt, 0), true, given, sizeof given);
		amount_format(sqlite3_column_int64(stmt, 3), true, resolved, sizeof resolved);
		amount_format(sqlite3_column_int64(stmt, 5), true, baseline, sizeof baseline);
		signed_pct(sqlite3_column_int64(stmt, 6), implied, sizeof implied);
		if (strcmp(stated_currency, currency) != 0)
			snprintf(converted, sizeof converted, " (%s %s at the rates of its date)", resolved, currency);
		snprintf(err, errsz, "pct %s%% disagrees with amount %s %s: that amount%s is %s over the baseline %s %s",
			 stated, given, stated_currency, converted, implied, baseline, currency);
		*bad_field = pct;
		rc = -1;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_fail(db, rc, "comparing the amount and the pct");
	}
	sqlite3_reset(stmt);
	return rc;
}

/* Bind those of r's fields that a lookup statement names by their columns
 * (:agreement, :seq, :pct_bp), an absent field as NULL, and its id to :id
 * where stmt has one; unlike bind_fields (every field of an insert or an
 * update, on the import's hot path) it asks SQLite for each name.  The
 * text stays r's until stmt is reset. */
static void bind_named_fields(sqlite3_stmt *stmt, const struct record *r)
{
	const struct kind *k = r->kind;
	for (int i = 0; i < k->nfields; i++) {
		char param[48] = ":";
		field_column(&k->fields[i], param + 1, sizeof param - 1);
		int at = sqlite3_bind_parameter_index(stmt, param);
		const struct field_value *v = &r->values[i];
		if (!at)
			continue;
		if (!v->present)
			sqlite3_bind_null(stmt, at);
		else if (field_is_integer(&k->fields[i]))
			sqlite3_bind_int64(stmt, at, v->integer);
		else
			sqlite3_bind_text(stmt, at, v->text, -1, SQLITE_STATIC);
	}
	int at = sqlite3_bind_parameter_index(stmt, ":id");
	if (at)
		sqlite3_bind_int64(stmt, at, r->id);
}

sqlite3_stmt *record_referring(struct db *db, const struct record *r, const char *op, int *rc)
{
	const struct kind *k = r->kind;
	char name[48];
	int len;
	snprintf(name, sizeof name, "%s.%s", k->name, op);
	if (!sql_statement(name, &len))
		return NULL;
	sqlite3_stmt *stmt = kind_statement(db, k, op);
	if (!stmt) {
		*rc = EX_SOFTWARE;
		return NULL;
	}
	if (k->key_field >= 0)
		db_bind_text(stmt, ":key", r->values[k->key_field].text);
	else
		bind_named_fields(stmt, r);
	return stmt;
}

int record_fill_defaults(struct db *db, struct record *r)
{
	/* whether the kind has a KIND.defaults statement, asked once per kind */
	static signed char has[KIND_COUNT];
	const struct kind *k = r->kind;
	int ki = kind_index(k);
	if (!has[ki]) {
		char name[48];
		int len;
		snprintf(name, sizeof name, "%s.defaults", k->name);
		has[ki] = sql_statement(name, &len) ? 1 : -1;
	}
	if (has[ki] < 0)
		return 0;
	sqlite3_stmt *stmt = kind_statement(db, k, "defaults");
	if (!stmt)
		return EX_SOFTWARE;
	bind_named_fields(stmt, r);
	int rc = sqlite3_step(stmt);
	for (int c = 0; rc == SQLITE_ROW && c < sqlite3_column_count(stmt); c++) {
		int f = kind_field_index(k, sqlite3_column_name(stmt, c));
		if (f < 0 || r->values[f].present || sqlite3_column_type(stmt, c) == SQLITE_NULL)
			continue;
		char err[256];
		/* a stored value that no longer parses is left for check to report */
		record_set(r, f, (const char *)sqlite3_column_text(stmt, c), err, sizeof err);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, "filling in defaults");
	return 0;
}

int record_uid_parse(const char *text, char out[UID_SIZE], char *err, size_t errsz)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
	size_t n = strlen(text);
	bool ok = n == sizeof shape - 1;
	for (size_t i = 0; ok && i < n; i++) {
		char c = text[i];
		if (shape[i] == '-')
			ok = c == '-';
		else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
			out[i] = c;
		else if (c >= 'A' && c <= 'F')
			out[i] = (char)(c - 'A' + 'a');
		else
			ok = false;
		if (ok && shape[i] == '-')
			out[i] = '-';
	}
	if (!ok) {
		char quoted[UTF8_ECHO_SIZE];
		utf8_echo(text, n, quoted, sizeof quoted);
		snprintf(err, errsz, "invalid uid '%s' (expected a UUID: 32 hexadecimal digits as 8-4-4-4-12, "
			 "as 'smalog export' writes it)", quoted);
		out[0] = '\0';
		return -1;
	}
	out[n] = '\0';
	return 0;
}

sqlite3_stmt *record_uid_statement(struct db *db, const struct kind *kind, const char *op)
{
	return kind_statement(db, kind, op);
}

int record_find_uid(struct db *db, const struct kind *kind, const char *uid, int64_t *id)
{
	sqlite3_stmt *stmt = record_uid_statement(db, kind, "by_uid");
	if (!stmt)
		return -EX_SOFTWARE;
	db_bind_text(stmt, ":uid", uid);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -db_fail(db, rc, "looking for a uid");
}

void record_uid_new(char out[UID_SIZE])
{
	/* the form the schema's KIND_uid trigger makes for rows other tools
	 * insert (sql/migrations/0008_uid.sql): 122 random bits, the version
	 * nibble 4, the variant bits 10 (8, 9, a or b), in lower case */
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	sqlite3_randomness(sizeof b, b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	char *o = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		*o++ = hex[b[i] >> 4];
		*o++ = hex[b[i] & 0x0f];
	}
	*o = '\0';
}

int record_insert(struct db *db, struct record *r, int *bad_field, char *err, size_t errsz)
{
	/* the parameter's number, looked up once per kind: this runs for
	 * every imported row */
	static int uid_param[KIND_COUNT];
	sqlite3_stmt *stmt = kind_statement(db, r->kind, "insert");
	if (!stmt)
		return EX_SOFTWARE;
	bind_fields(stmt, r, WRITE_INSERT);
	/* the uid goes in with the row: the schema's trigger would give it by
	 * an UPDATE after the insert, which costs a third of an import */
	if (!r->uid[0])
		record_uid_new(r->uid);
	int ki = kind_index(r->kind);
	if (!uid_param[ki] && !(uid_param[ki] = sqlite3_bind_parameter_index(stmt, ":uid")))
		BUG("no parameter :uid in: %s", sqlite3_sql(stmt));
	sqlite3_bind_text(stmt, uid_param[ki], r->uid, -1, SQLITE_STATIC);
	int rc = db_run(db, stmt, "adding the record");
	if (rc == 0)
		r->id = sqlite3_last_insert_rowid(db->handle);
	rc = name_taken_key(db, r, rc, bad_field, err, errsz);
	return rc ? rc : check_amount_pct(db, r, bad_field, err, errsz);
}

int record_update(struct db *db, const struct record *r, int *bad_field, char *err, size_t errsz)
{
	sqlite3_stmt *stmt = kind_statement(db, r->kind, "update");
	if (!stmt)
		return EX_SOFTWARE;
	bind_fields(stmt, r, WRITE_UPDATE);
	db_bind_int(stmt, ":id", r->id);
	int rc = name_taken_key(db, r, db_run(db, stmt, "changing the record"), bad_field, err, errsz);
	return rc ? rc : check_amount_pct(db, r, bad_field, err, errsz);
}

int record_columns_check(const struct kind *kind, sqlite3_stmt *stmt)
{
	int n = sqlite3_column_count(stmt), want = kind->nfields + 1;
	for (int i = 0; i < kind->nfields; i++)
		want += field_types[kind->fields[i].type].approx;
	/* the id, the fields, then the approx flags in field order */
	for (int c = 0, flag = 0; c < n && c < want; c++) {
		char column[48] = "id";
		if (c > 0 && c <= kind->nfields) {
			field_column(&kind->fields[c - 1], column, sizeof column);
		} else if (c > kind->nfields) {
			while (!field_types[kind->fields[flag].type].approx)
				flag++;
			field_column(&kind->fields[flag++], column, sizeof column);
			strcat(column, "_approx");
		}
		const char *name = sqlite3_column_name(stmt, c);
		if (!name || strcmp(name, column) != 0)
			return sm_error(EX_SOFTWARE, "internal error: column %d of a %s row is '%s', not '%s': %s", c + 1,
					kind->name, name ? name : "", column, sqlite3_sql(stmt));
	}
	if (n != want)
		return sm_error(EX_SOFTWARE, "internal error: a %s row has %d columns, not %d: %s", kind->name, n,
				want, sqlite3_sql(stmt));
	return 0;
}

int record_from_row(struct record *r, sqlite3_stmt *stmt)
{
	const struct kind *k = r->kind;
	record_release(r);
	/* a column moved in the SQL would shift every field after it */
	int rc = record_columns_check(k, stmt);
	if (rc != 0)
		return rc;
	r->id = sqlite3_column_int64(stmt, 0);
	for (int i = 0; i < k->nfields; i++) {
		struct field_value *v = &r->values[i];
		if (sqlite3_column_type(stmt, i + 1) == SQLITE_NULL)
			continue;
		v->present = true;
		if (field_is_integer(&k->fields[i])) {
			v->integer = sqlite3_column_int64(stmt, i + 1);
		} else {
			v->text = xstrdup((const char *)sqlite3_column_text(stmt, i + 1));
		}
	}
	for (int i = 0, c = k->nfields + 1; i < k->nfields; i++)
		if (field_types[k->fields[i].type].approx) {
			bool flag = sqlite3_column_int64(stmt, c++) != 0;
			r->values[i].approx = r->values[i].present && flag;
		}
	return 0;
}

int record_load(struct db *db, const struct kind *kind, int64_t id, struct record *r)
{
	sqlite3_stmt *stmt = kind_statement(db, kind, "get");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_int(stmt, ":id", id);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		rc = record_from_row(r, stmt);
	else if (rc == SQLITE_DONE)
		rc = sm_error(EX_DATAERR, "no %s with id %" PRId64, kind->name, id);
	else
		rc = db_fail(db, rc, "reading the record");
	sqlite3_reset(stmt);
	if (rc != 0)
		return rc;
	stmt = record_uid_statement(db, kind, "uid_of");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_int(stmt, ":id", id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) == SQLITE_TEXT)
		snprintf(r->uid, sizeof r->uid, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, rc, "reading the uid");
}

/* Look up an id by a statement bound to :key (or :agreement and :seq). */
static int lookup_id(struct db *db, sqlite3_stmt *stmt, int64_t *id)
{
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? -1 : db_fail(db, rc, "finding the record");
}

int record_resolve(struct db *db, const struct kind *kind, const char *ref, int64_t *id)
{
	const char *p = ref;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p != ref && *p == '\0' && p - ref < 19) {
		*id = strtoll(ref, NULL, 10);
		return 0;
	}
	sqlite3_stmt *stmt = NULL;
	int rc = -1;
	if (kind->key_field >= 0) {
		stmt = kind_statement(db, kind, "by_key");
		if (!stmt)
			return EX_SOFTWARE;
		db_bind_text(stmt, ":key", ref);
		rc = lookup_id(db, stmt, id);
	} else if (kind->seq_field && strchr(ref, ':')) {
		const char *colon = strrchr(ref, ':');
		char *code = xstrndup(ref, (size_t)(colon - ref));
		char *end;
		long long seq = strtoll(colon + 1, &end, 10);
		stmt = kind_statement(db, kind, "by_natural_key");
		if (code && stmt && *end == '\0' && end != colon + 1) {
			db_bind_text(stmt, ":agreement", code);
			db_bind_int(stmt, ":seq", seq);
			rc = lookup_id(db, stmt, id);
		}
		free(code);
	} else {
		const char *how = kind->key_field >= 0 ? "an id or a key" : "an id";
		char by_seq[64];
		if (kind->seq_field) {
			/* "an id or AGREEMENT:SEQ such as SMA-11:3" */
			int n = snprintf(by_seq, sizeof by_seq, "an id or AGREEMENT:");
			for (const char *c = kind->seq_field; *c && n < (int)sizeof by_seq - 1; c++)
				by_seq[n++] = (char)(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
			snprintf(by_seq + n, sizeof by_seq - (size_t)n, " such as %s", kind->seq_example);
			how = by_seq;
		}
		return sm_error(EX_USAGE, "'%s' is not %s %s reference: expected %s", ref, kind_article(kind), kind->name, how);
	}
	if (rc >= 0)
		return rc;
	char near[KEY_TEXT_SIZE];
	int like = kind->key_field >= 0 ? record_similar_key(db, kind, ref, near, sizeof near) : 0;
	if (like < 0)
		return -like;
	if (like)
		return sm_error(EX_DATAERR, "no %s '%s'; did you mean '%s'?", kind->name, ref, near);
	return sm_error(EX_DATAERR, "no %s '%s'", kind->name, ref);
}

int record_similar_key(struct db *db, const struct kind *kind, const char *key, char *buf, size_t bufsz)
{
	buf[0] = '\0';
	if (kind->key_field < 0)
		return 0;
	sqlite3_stmt *stmt = kind_statement(db, kind, "like_key");
	if (!stmt)
		return -EX_SOFTWARE;
	db_bind_text(stmt, ":key", key);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(buf, bufsz, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -db_fail(db, rc, "looking for a similar key");
}

/* n in decimal, then '~' if approx, into buf as snprintf's "%" PRId64 "%s"
 * would write it: written by hand, since an import asks for a whole
 * number's text on every row and snprintf cost more than the rest of it. */
static void whole_text(int64_t n, bool approx, char *buf, size_t bufsz)
{
	char digits[24];
	size_t len = 0;
	uint64_t u = n < 0 ? 0u - (uint64_t)n : (uint64_t)n;
	do {
		digits[len++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	size_t need = len + (n < 0) + approx;
	if (need >= bufsz) {
		/* cut short exactly as snprintf cuts it */
		snprintf(buf, bufsz, "%" PRId64 "%s", n, approx ? "~" : "");
		return;
	}
	char *o = buf;
	if (n < 0)
		*o++ = '-';
	while (len)
		*o++ = digits[--len];
	if (approx)
		*o++ = '~';
	*o = '\0';
}

const char *record_field_text(const struct record *r, int i, char *buf, size_t bufsz)
{
	const struct field_type_info *t = &field_types[r->kind->fields[i].type];
	const struct field_value *v = &r->values[i];
	if (!v->present)
		return NULL;
	if (!t->integer)
		return v->text;
	if (t->scale)
		decimal_format(v->integer, t->scale, true, buf, bufsz);
	else
		whole_text(v->integer, v->approx, buf, bufsz);
	return buf;
}

/* test_record.c - field parsing and the rules between fields, and the columns records are read from. */
#include "smalog/date.h"
#include "smalog/error.h"
#include "smalog/kinds.h"
#include "smalog/record.h"
#include "smalog/rows.h"
#include "smalog/sql.h"

#include "check_main.h"

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct field_case {
	const char *kind, *field, *text;
	const char *canonical; /* NULL: refused */
	const char *message;   /* expected message for a refusal, or NULL */
};

static const struct field_case cases[] = {
	{ "position", "date", "2019-11~", "2019-11~", NULL },
	{ "position", "date", " 2020-04-01 ", "2020-04-01", NULL },
	{ "position", "date", "2020-02-30", NULL, "invalid date '2020-02-30' (February 2020 has 29 days)" },
	{ "position", "amount", "1.0389 trillion", "1038900000000", NULL },
	{ "position", "amount", "919.1M", "919100000", NULL },
	{ "position", "amount", "1.5", NULL, "invalid amount '1.5' (not a whole number of units)" },
	{ "position", "pct", "+13%", "13", NULL },
	{ "position", "pct", "-2.50", "-2.5", NULL },
	{ "position", "pct", "13.125", NULL, "invalid percentage '13.125' (more than two decimals)" },
	{ "rate", "per_usd", "1131.5", "1131.5", NULL },
	{ "rate", "per_usd", "1,131.5417", "1131.5417", NULL },
	{ "position", "kind", "OFFER", "offer", NULL },
	{ "position", "kind", "bid", NULL, "invalid kind 'bid' (expected offer or demand)" },
	{ "outcome", "kind", "x", NULL,
	  "invalid kind 'x' (expected stalled, walkout, rejected, tentative, initialed, signed, ratified, expired or extended)" },
	{ "position", "party", "kr", "KR", NULL },
	{ "position", "party", "K", NULL, "invalid party 'K' (expected an ISO 3166 alpha-2 code such as KR or US)" },
	{ "position", "currency", " usd ", "USD", NULL },
	{ "position", "currency", "US$", NULL, "invalid currency 'US$' (not an ISO 4217 currency code; did you mean USD?)" },
	{ "position", "currency", "U$D", NULL, "invalid currency 'U$D' (expected an ISO 4217 code such as KRW or USD)" },
	{ "position", "currency", "krw", "KRW", NULL },
	{ "position", "currency", "WON", NULL, "invalid currency 'WON' (not an ISO 4217 currency code; did you mean KRW?)" },
	{ "position", "currency", "kwr", NULL, "invalid currency 'kwr' (not an ISO 4217 currency code; did you mean KRW?)" },
	{ "position", "currency", "XTS", NULL, "invalid currency 'XTS' (not an ISO 4217 currency code)" },
	{ "position", "currency", "KRW\xc2\xa0", NULL,
	  "invalid currency 'KRW\xc2\xa0' (codes cannot contain U+00A0, a no-break space)" },
	{ "agreement", "code", "SMA\xe3\x80\x80" "11", NULL,
	  "invalid code 'SMA\xe3\x80\x80" "11' (keys cannot contain U+3000, an ideographic space)" },
	{ "agreement", "code", "SMA-11\xe2\x81\xa0", NULL,
	  "invalid code 'SMA-11?' (keys cannot contain U+2060, a word joiner)" },
	{ "agreement", "parties", "KR,\xc2\xa0US", NULL, "invalid parties 'KR,\xc2\xa0US' (codes cannot contain U+00A0, a no-break space)" },
	{ "agreement", "title", "a\xef\xbf\xbf", NULL, "invalid title 'a?' (text cannot contain U+FFFF, a noncharacter)" },
	{ "agreement", "title", "\xe2\x80\xad" "x", NULL, "invalid title '?x' (text cannot contain U+202D, a bidi control)" },
	{ "position", "terms", "a\xc2\x80", NULL, "invalid terms 'a?' (text cannot contain U+0080, a control character)" },
	{ "position", "terms", "a\tb\r\nc", "a\tb\r\nc", NULL },
	{ "position", "round", "3\xc2\xa0", NULL, "invalid round '3\xc2\xa0' (values cannot contain U+00A0, a no-break space)" },
	{ "position", "amount", "1,038\xe2\x80\xaf" "900", NULL,
	  "invalid amount '1,038\xe2\x80\xaf" "900' (values cannot contain U+202F, a narrow no-break space)" },
	{ "position", "amount", " 1.5 trillion\t", "1500000000000", NULL },
	{ "position", "date", "2020\xe2\x80\x8b", NULL, "invalid date '2020?' (values cannot contain U+200B, a zero-width space)" },
	{ "position", "kind", "offer\x7f", NULL, "invalid kind 'offer?' (values cannot contain U+007F, a control character)" },
	{ "position", "notes", "twelve bytes\x01 on", NULL,
	  "invalid notes 'twelve bytes? on' (text cannot contain U+0001, a control character)" },
	{ "position", "notes", "abcdefg\x7f", NULL, "invalid notes 'abcdefg?' (text cannot contain U+007F, a control character)" },
	{ "position", "notes", "abcdefgh~ ~", "abcdefgh~ ~", NULL },
	{ "source", "url", "https://x.org/\x07", NULL,
	  "invalid url 'https://x.org/?' (text cannot contain U+0007, a control character)" },
	{ "agreement", "parties", "kr, us", "KR,US", NULL },
	{ "agreement", "parties", "KR,,US", NULL, "invalid parties 'KR,,US' (an empty item in the list)" },
	{ "agreement", "parties", "KR,US,kr", NULL, "invalid parties 'KR,US,kr' (an item appears twice)" },
	{ "agreement", "parties", "KOR", NULL,
	  "invalid parties 'KOR' (expected ISO 3166 alpha-2 codes separated by commas, such as KR,US)" },
	{ "position", "source", " a ; b;c ", "a;b;c", NULL },
	{ "position", "source", "a;ab", "a;ab", NULL },
	{ "position", "source", "ab;a", "ab;a", NULL },
	{ "position", "source", "a;b;a", NULL, "invalid source 'a;b;a' (an item appears twice)" },
	{ "position", "source", "a b", NULL, "invalid source 'a b' (keys cannot contain spaces or control characters)" },
	{ "agreement", "code", "SMA:11", NULL, "invalid code 'SMA:11' (keys cannot contain ';', ',' or ':')" },
	{ "agreement", "code", "SMA-11", "SMA-11", NULL },
	{ "agreement", "start_year", "2019", "2019", NULL },
	{ "agreement", "start_year", "0", NULL, "invalid start_year '0' (must be 1 to 9999)" },
	{ "agreement", "start_year", "20x9", NULL, "invalid start_year '20x9' (expected a whole number)" },
	{ "furlough", "workers", "4,000", "4000", NULL },
	{ "furlough", "workers", "1,234,567", "1234567", NULL },
	{ "furlough", "workers", "12,34", NULL, "invalid workers '12,34' (misplaced ',')" },
	{ "furlough", "workers", "99999999999999999999", NULL, "invalid workers '99999999999999999999' (too large)" },
	{ "position", "round", "3", "3", NULL },
	/* about values keep their '~'; Korean units are exact */
	{ "furlough", "workers", " 4,000~ ", "4000~", NULL },
	{ "furlough", "workers", "4000~~", NULL, "invalid workers '4000~~' (expected a whole number)" },
	{ "furlough", "stopgap", "1조원~", "1000000000000~", NULL },
	{ "position", "amount", "1조 1,833억", "1183300000000", NULL },
	{ "position", "amount", "5bn~", "5000000000~", NULL },
	{ "position", "years", "3~", NULL, "invalid years '3~' (expected a whole number)" },
	{ "position", "notes", "방위비 분담금\nline two", "방위비 분담금\nline two", NULL },
	{ "position", "notes", " spaces kept ", " spaces kept ", NULL },
	{ "position", "notes", "bad \xc3\x28", NULL, "invalid notes: not valid UTF-8 (byte 5)" },
	{ "round", "format", "Video", "video", NULL },
	/* the kinds of agreed terms: periods, index values, series and actor keys */
	{ "index", "period", " 2024 ", "2024", NULL },
	{ "index", "period", "2024-03", "2024-03", NULL },
	{ "index", "period", "2024-13", NULL, "invalid period '2024-13' (the month must be 01 to 12)" },
	{ "index", "period", "2024-3", NULL, "invalid period '2024-3' (expected a year YYYY or a month YYYY-MM)" },
	{ "index", "period", "2024~", NULL, "invalid period '2024~' (expected a year YYYY or a month YYYY-MM)" },
	{ "index", "value", "114.18", "114.18", NULL },
	{ "index", "value", "54.6T", "54600000000000", NULL },
	{ "index", "value", "1조 1,833억", "1183300000000", NULL },
	{ "index", "value", "922,337,203,685,477", "922337203685477", NULL },
	{ "index", "value", "922,337,203,685,478k", NULL, "invalid value '922,337,203,685,478k' (too large: at most 922,337,203,685,477)" },
	{ "index", "value", "0.0000", NULL, "invalid value '0.0000' (must be greater than zero)" },
	{ "index", "value", "0.00001", NULL, "invalid value '0.00001' (more than four decimals)" },
	{ "index", "series", "KR.CPI", "KR.CPI", NULL },
	{ "schedule", "index", "KR CPI", NULL, "invalid index 'KR CPI' (keys cannot contain spaces or control characters)" },
	{ "schedule", "year", "2021", "2021", NULL },
	{ "schedule", "lag", "11", NULL, "invalid lag '11' (must be 0 to 10)" },
	{ "schedule", "amount", "5bn~", "5000000000~", NULL },
	{ "round", "negotiators", " lee ; kim ", "lee;kim", NULL },
	{ "round", "negotiators", "lee;lee", NULL, "invalid negotiators 'lee;lee' (an item appears twice)" },
	{ "statement", "actor", "a,b", NULL, "invalid actor 'a,b' (keys cannot contain ';', ',' or ':')" },
	/* a long value is echoed cut on a character boundary, never mid-Hangul */
	{ "position", "kind", "가가가가가가가가가가가가가가가가가가가가가가가가", NULL,
	  "invalid kind '가가가가가가가가가가가가가가가가가가가가...' (expected offer or demand)" },
};

/* A date is stored as it was given, spaces aside: that must be the
 * canonical text date_format writes, for every shape date_parse takes. */
START_TEST(dates_kept_canonical)
{
	static const char *const stems[] = { "0001", "2019", "9999", "2019-01", "2019-11", "2020-02-29", "2019-12-31",
					     "2024-10-05" };
	static const char *const around[][2] = { { "", "" }, { " ", "" }, { "", "\t" }, { " \t", "  " } };
	static const char quals[] = { 0, '~', '?', '%' };
	const struct kind *kind = kind_find("position");
	int i = kind_field_index(kind, "date");
	ck_assert_int_ge(i, 0);
	for (size_t s = 0; s < sizeof stems / sizeof stems[0]; s++) {
		for (size_t q = 0; q < sizeof quals; q++) {
			for (size_t a = 0; a < sizeof around / sizeof around[0]; a++) {
				char text[64], err[256];
				snprintf(text, sizeof text, "%s%s%s%s", around[a][0], stems[s],
					 (char[]){ quals[q], '\0' }, around[a][1]);
				struct sm_date d;
				ck_assert_int_eq(date_parse(text, &d, err, sizeof err), 0);
				char canonical[DATE_TEXT_SIZE];
				date_format(&d, canonical, sizeof canonical);
				struct record r;
				record_init(&r, kind);
				ck_assert_msg(record_set(&r, i, text, err, sizeof err) == 0, "%s: %s", text, err);
				ck_assert_str_eq(r.values[i].text, canonical);
				record_release(&r);
			}
		}
	}
}
END_TEST

/* record_set reuses a field's previous text when the new one fits: a value
 * set over a longer, a shorter or a refused one reads as if set alone. */
START_TEST(values_set_again)
{
	static const struct {
		const char *field, *text, *canonical; /* NULL canonical: refused, field left absent */
	} steps[] = {
		{ "notes", "a long note of some length", "a long note of some length" },
		{ "notes", "short", "short" },
		{ "notes", "  spaced  ", "  spaced  " },
		{ "notes", "longer than every note before it", "longer than every note before it" },
		{ "notes", "", NULL },
		{ "notes", "back", "back" },
		{ "kind", " Offer ", "offer" },
		{ "kind", "demand", "demand" },
		{ "kind", "bid", NULL },
		{ "kind", "offer", "offer" },
		{ "date", " 2020-04-01 ", "2020-04-01" },
		{ "date", "2020~", "2020~" },
		{ "date", "2020-02-30", NULL },
		{ "date", "2019-11-05?", "2019-11-05?" },
		{ "source", " a ; bb ", "a;bb" },
		{ "source", "ccc;d;e;f", "ccc;d;e;f" },
		{ "source", "x", "x" },
		{ "source", "   ", NULL },
	};
	const struct kind *kind = kind_find("position");
	struct record r;
	record_init(&r, kind);
	for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
		int i = kind_field_index(kind, steps[s].field);
		ck_assert_int_ge(i, 0);
		char err[256];
		int rc = record_set(&r, i, steps[s].text, err, sizeof err);
		if (steps[s].canonical) {
			ck_assert_msg(rc == 0, "%s: %s", steps[s].text, err);
			ck_assert(r.values[i].present);
			ck_assert_str_eq(r.values[i].text, steps[s].canonical);
		} else {
			ck_assert(!r.values[i].present);
			ck_assert_ptr_null(r.values[i].text);
		}
	}
	record_release(&r);
}
END_TEST

/* A whole number's text is what snprintf writes, at the extremes, about
 * or not, and cut short in a buffer too small. */
START_TEST(whole_numbers_as_text)
{
	static const int64_t values[] = { 0, 1, -1, 9, 10, 4000, -4000, 1234567, INT64_MAX, INT64_MIN };
	const struct kind *kind = kind_find("furlough");
	int i = kind_field_index(kind, "workers");
	ck_assert_int_ge(i, 0);
	struct record r;
	record_init(&r, kind);
	r.values[i].present = true;
	for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
		for (int approx = 0; approx < 2; approx++) {
			r.values[i].integer = values[v];
			r.values[i].approx = approx;
			for (size_t size = 1; size <= 24; size++) {
				char want[24], buf[24];
				snprintf(want, size, "%" PRId64 "%s", values[v], approx ? "~" : "");
				ck_assert_str_eq(record_field_text(&r, i, buf, size), want);
			}
		}
	}
	record_release(&r);
}
END_TEST

START_TEST(field_parsing)
{
	const struct field_case *c = &cases[_i];
	const struct kind *kind = kind_find(c->kind);
	ck_assert_ptr_nonnull(kind);
	int i = kind_field_index(kind, c->field);
	ck_assert_int_ge(i, 0);
	struct record r;
	record_init(&r, kind);
	char err[256] = "", buf[32];
	int rc = record_set(&r, i, c->text, err, sizeof err);
	if (c->canonical) {
		ck_assert_msg(rc == 0, "%s '%s' refused: %s", c->field, c->text, err);
		ck_assert_str_eq(record_field_text(&r, i, buf, sizeof buf), c->canonical);
	} else {
		ck_assert_msg(rc != 0, "%s '%s' accepted", c->field, c->text);
		ck_assert_str_eq(err, c->message);
		ck_assert(!r.values[i].present);
	}
	record_release(&r);
}
END_TEST

START_TEST(empty_is_absent)
{
	struct record r;
	record_init(&r, kind_find("position"));
	char err[64];
	ck_assert_int_eq(record_set(&r, kind_field_index(r.kind, "notes"), "", err, sizeof err), 0);
	ck_assert(!r.values[kind_field_index(r.kind, "notes")].present);
	ck_assert_int_eq(record_set(&r, kind_field_index(r.kind, "party"), "   ", err, sizeof err), 0);
	ck_assert(!r.values[kind_field_index(r.kind, "party")].present);
	record_release(&r);
}
END_TEST

/* Set fields by name; abort the test on a refusal. */
static void set(struct record *r, const char *field, const char *text)
{
	char err[256];
	ck_assert_msg(record_set(r, kind_field_index(r->kind, field), text, err, sizeof err) == 0, "%s", err);
}

START_TEST(rules_between_fields)
{
	struct record r;
	char err[256];
	int bad;
	record_init(&r, kind_find("round"));
	set(&r, "agreement", "SMA-11");
	set(&r, "start", "2019-10");
	set(&r, "end", "2019-10-31");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), 0);
	set(&r, "end", "2019-09-30");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), -1);
	ck_assert_str_eq(err, "end 2019-09-30 is before start 2019-10");
	ck_assert_int_eq(bad, kind_field_index(r.kind, "end"));
	/* a coarser end that covers the start is fine */
	set(&r, "end", "2019");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), 0);
	record_release(&r);

	record_init(&r, kind_find("position"));
	set(&r, "agreement", "SMA-11");
	set(&r, "date", "2020");
	set(&r, "kind", "offer");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), -1);
	ck_assert_str_eq(err, "party is required for a position");
	set(&r, "party", "KR");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), -1);
	ck_assert_str_eq(err, "a position needs an amount, a pct, or both");
	set(&r, "pct", "13");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), 0);
	record_release(&r);

	/* a statement needs neither an amount nor a pct */
	record_init(&r, kind_find("statement"));
	set(&r, "date", "2024-10-15");
	set(&r, "actor", "trump");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), 0);
	record_release(&r);

	/* a rule's bounds need the rule, and the floor is not above the cap */
	record_init(&r, kind_find("schedule"));
	set(&r, "agreement", "SMA-12");
	set(&r, "year", "2027");
	set(&r, "cap", "5");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), -1);
	ck_assert_str_eq(err, "cap applies to a rule: give the index series it follows too");
	ck_assert_int_eq(bad, kind_field_index(r.kind, "cap"));
	set(&r, "index", "KR.CPI");
	set(&r, "floor", "5.01");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), -1);
	ck_assert_str_eq(err, "floor 5.01% is above cap 5%");
	ck_assert_int_eq(bad, kind_field_index(r.kind, "floor"));
	set(&r, "floor", "5");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), 0);
	record_release(&r);

	record_init(&r, kind_find("agreement"));
	set(&r, "code", "A");
	set(&r, "previous", "A");
	/* a cycle, even of one agreement, is refused with the references */
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), 0);
	set(&r, "previous", "B");
	set(&r, "start_year", "2020");
	set(&r, "end_year", "2019");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), -1);
	ck_assert_str_eq(err, "end_year 2019 is before start_year 2020");
	record_release(&r);
}
END_TEST

/* An amount's currency sign sets a record's currency when it has none,
 * also when the currency comes later and empty (a CSV row), and a
 * currency that disagrees is the amount's fault. */
START_TEST(currency_signs)
{
	struct record r;
	char err[256];
	int bad;
	const struct kind *pos = kind_find("position");
	int amount = kind_field_index(pos, "amount"), currency = kind_field_index(pos, "currency");
	record_init(&r, pos);
	set(&r, "agreement", "SMA-12");
	set(&r, "date", "2024-10-15");
	set(&r, "party", "US");
	set(&r, "kind", "demand");
	set(&r, "amount", "$10bn");
	ck_assert_str_eq(r.values[currency].text, "USD");
	set(&r, "currency", "");
	ck_assert_str_eq(r.values[currency].text, "USD");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), 0);
	set(&r, "currency", "KRW");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), -1);
	ck_assert_str_eq(err, "amount is given in USD (its sign) but currency is KRW");
	ck_assert_int_eq(bad, amount);
	set(&r, "amount", "\xe2\x82\xa9" "5\xec\xa1\xb0");
	ck_assert_int_eq(record_check(&r, &bad, err, sizeof err), 0);
	/* no sign: the currency stays as given */
	set(&r, "amount", "5T");
	set(&r, "currency", "");
	ck_assert(!r.values[currency].present);
	record_release(&r);
}
END_TEST

START_TEST(kinds_are_complete)
{
	static const char *const names[] = { "agreement", "source", "round", "position", "outcome", "furlough", "rate",
					     "schedule", "index", "actor", "statement" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const struct kind *k = kind_find(names[i]);
		ck_assert_ptr_nonnull(k);
		ck_assert_ptr_eq(kind_find(k->plural), k);
		ck_assert_int_le(k->nfields, KIND_MAX_FIELDS);
		/* record_set asks about a sign's currency only on a currency-typed field */
		int c = kind_field_index(k, "currency");
		ck_assert(c < 0 || k->fields[c].type == F_CURRENCY);
	}
	ck_assert_ptr_null(kind_find("positionz"));
	/* the kind list of messages names every kind once, and nothing else */
	char listed_names[256];
	snprintf(listed_names, sizeof listed_names, "%s", KIND_NAMES_TEXT);
	char *or = strstr(listed_names, " or ");
	ck_assert_ptr_nonnull(or);
	memcpy(or, ",   ", 4);
	int listed = 0;
	char *save = NULL;
	for (char *name = strtok_r(listed_names, ", ", &save); name; name = strtok_r(NULL, ", ", &save)) {
		const struct kind *k = kind_find(name);
		ck_assert_msg(k && strcmp(k->name, name) == 0, "KIND_NAMES_TEXT names '%s'", name);
		listed++;
	}
	ck_assert_int_eq(listed, KIND_COUNT);
	/* a kind named AGREEMENT:N names a field that it has, and an example */
	for (int k = 0; k < KIND_COUNT; k++)
		ck_assert(!all_kinds[k]->seq_field || (kind_field_index(all_kinds[k], all_kinds[k]->seq_field) >= 0 &&
						   all_kinds[k]->seq_example));
	ck_assert_ptr_null(all_kinds[KIND_COUNT]);
	for (int k = 0; k < KIND_COUNT; k++)
		ck_assert_int_eq(kind_index(all_kinds[k]), k);
	/* every field type is described: a parser, and help that says what a
	 * value looks like (a choice's hint is its choices) */
	for (int t = 0; t < F_TYPE_COUNT; t++) {
		ck_assert(field_types[t].parse || field_types[t].number);
		ck_assert(field_types[t].hint || t == F_ENUM);
	}
	/* a kind's natural key is its one F_KEY field (a description that
	 * leaves out .key_field = -1 names its first field instead) */
	for (int k = 0; all_kinds[k]; k++) {
		for (int i = 0; i < all_kinds[k]->nfields; i++) {
			ck_assert((all_kinds[k]->fields[i].choices != NULL) == !field_types[all_kinds[k]->fields[i].type].hint);
			ck_assert_int_eq(all_kinds[k]->fields[i].type == F_KEY, all_kinds[k]->key_field == i);
		}
	}
	/* SPEC section 2: the CSV header of a position, in order */
	const struct kind *p = kind_find("positions");
	static const char *const header[] = { "agreement", "round", "date", "party", "kind", "amount", "currency",
					       "pct", "years", "confidence", "terms", "source", "notes" };
	ck_assert_int_eq(p->nfields, 13);
	for (int i = 0; i < p->nfields; i++)
		ck_assert_str_eq(p->fields[i].name, header[i]);
}
END_TEST

/* A new smalog database in a new folder made from the template dir;
 * remove_database takes both away. */
static struct db *new_database(char *dir, char *path, size_t pathsz)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, pathsz, "%s/t.db", dir);
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	return db;
}

static void remove_database(const char *dir, const char *path)
{
	unlink(path);
	rmdir(dir);
}

/* Every statement a record is read from by position returns the id and
 * then the fields' columns in order; one with a column moved is refused
 * rather than read with every later field shifted. */
START_TEST(statements_agree_with_kinds)
{
	char dir[] = "/tmp/smalog-test-record.XXXXXX", path[64];
	struct db *db = new_database(dir, path, sizeof path);
	static const char *const ops[] = { "get", "list", "export" };
	for (int k = 0; all_kinds[k]; k++) {
		for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++) {
			sqlite3_stmt *stmt = record_statement(db, all_kinds[k], ops[o]);
			ck_assert_ptr_nonnull(stmt);
			ck_assert_msg(record_columns_check(all_kinds[k], stmt) == 0, "%s", sm_error_message());
		}
	}
	/* KIND.references, which delete and show ask, names every kind with
	 * a field that refers to KIND, and no other */
	for (int k = 0; all_kinds[k]; k++) {
		const struct kind *to = all_kinds[k];
		char name[48];
		int len;
		snprintf(name, sizeof name, "%s.references", to->name);
		if (!sql_statement(name, &len)) {
			/* then nothing refers to it */
			for (int from = 0; all_kinds[from]; from++)
				for (int i = 0; i < all_kinds[from]->nfields; i++) {
					const char *target = field_types[all_kinds[from]->fields[i].type].refers_to;
					ck_assert_msg(!target || strcmp(target, to->name) != 0, "no %s for %s.%s", name,
						      all_kinds[from]->name, all_kinds[from]->fields[i].name);
				}
			continue;
		}
		sqlite3_stmt *stmt = record_statement(db, to, "references");
		ck_assert_ptr_nonnull(stmt);
		bool listed[KIND_COUNT] = { false };
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			const struct kind *from = kind_find((const char *)sqlite3_column_text(stmt, 0));
			ck_assert_ptr_nonnull(from);
			listed[kind_index(from)] = true;
		}
		sqlite3_reset(stmt);
		for (int from = 0; all_kinds[from]; from++) {
			bool refers = false;
			for (int i = 0; i < all_kinds[from]->nfields; i++) {
				const char *target = field_types[all_kinds[from]->fields[i].type].refers_to;
				refers |= target && strcmp(target, to->name) == 0;
			}
			ck_assert_msg(listed[from] == refers, "%s.references %s %s", to->name,
				      listed[from] ? "names" : "leaves out", all_kinds[from]->name);
		}
	}
	const struct kind *pos = kind_find("position");
	static const char *const wrong[][2] = {
		{ "SELECT id, round, agreement, date, party, kind, amount, currency, pct_bp, years, confidence, terms, "
		  "source, notes FROM position",
		  "internal error: column 2 of a position row is 'round', not 'agreement': SELECT" },
		{ "SELECT id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, "
		  "source FROM position",
		  "internal error: a position row has 13 columns, not 15: SELECT" },
		/* every field, but not the flag that says its amount is approximate */
		{ "SELECT id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, "
		  "source, notes FROM position",
		  "internal error: a position row has 14 columns, not 15: SELECT" },
		{ "SELECT id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, "
		  "source, notes, amount FROM position",
		  "internal error: column 15 of a position row is 'amount', not 'amount_approx': SELECT" },
	};
	for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
		sqlite3_stmt *stmt;
		ck_assert_int_eq(sqlite3_prepare_v2(db->handle, wrong[i][0], -1, &stmt, NULL), SQLITE_OK);
		sm_error_clear();
		ck_assert_int_eq(record_columns_check(pos, stmt), EX_SOFTWARE);
		ck_assert_int_eq(strncmp(sm_error_message(), wrong[i][1], strlen(wrong[i][1])), 0);
		sm_error_clear();
		struct record r;
		record_init(&r, pos);
		ck_assert_int_eq(record_from_row(&r, stmt), EX_SOFTWARE);
		sqlite3_finalize(stmt);
	}
	db_close(db);
	remove_database(dir, path);
}
END_TEST

/* The statements made from a kind's description (kind_sql.c) prepare on
 * smalog's schema for every kind, read a record's columns in the
 * description's order, and bind every field by its column's name; a
 * statement that sql/queries/ writes for a kind is the one used. */
/* KIND.export_sorted reads a table in one scan and one sort, never
 * through an index that gives the first columns of its order with a
 * look-up per record (kind_sql.c, append_canonical_order): the plan for
 * records added in no order (rows.c, export_statement). */
START_TEST(export_sorted_is_one_scan_and_one_sort)
{
	char dir[] = "/tmp/smalog-test-record.XXXXXX", path[64];
	struct db *db = new_database(dir, path, sizeof path);
	int checked = 0;
	for (int k = 0; all_kinds[k]; k++) {
		if (!all_kinds[k]->order)
			continue;
		char name[48], *sql;
		int len;
		snprintf(name, sizeof name, "%s.export_sorted", all_kinds[k]->name);
		const char *text = sql_kind_statement(name, &len);
		ck_assert_ptr_nonnull(text);
		ck_assert_int_ge(asprintf(&sql, "EXPLAIN QUERY PLAN %.*s", len, text), 0);
		sqlite3_stmt *plan;
		ck_assert_int_eq(sqlite3_prepare_v2(db->handle, sql, -1, &plan, NULL), SQLITE_OK);
		bool scan = false, sort = false;
		while (sqlite3_step(plan) == SQLITE_ROW) {
			const char *step = (const char *)sqlite3_column_text(plan, 3);
			ck_assert_msg(!strstr(step, "USING") && !strstr(step, "SEARCH"), "%s: %s", name, step);
			scan |= strncmp(step, "SCAN ", 5) == 0;
			sort |= strcmp(step, "USE TEMP B-TREE FOR ORDER BY") == 0;
		}
		ck_assert_msg(scan && sort, "%s: no scan and sort", name);
		sqlite3_finalize(plan);
		free(sql);
		checked++;
	}
	/* the kinds with an order of their description: all but agreements */
	ck_assert_int_ge(checked, 9);
	db_close(db);
	remove_database(dir, path);
}
END_TEST

/* Export sorts when fewer than nine in ten sampled pairs rise. */
START_TEST(export_sorts_records_added_out_of_order)
{
	ck_assert(!rows_export_sorts(999, 999));
	ck_assert(!rows_export_sorts(900, 1000));
	ck_assert(rows_export_sorts(899, 1000));
	ck_assert(rows_export_sorts(0, 999));
	ck_assert(rows_export_sorts(0, 1));
	ck_assert(!rows_export_sorts(1, 1));
	/* no pair, nothing to sort: one record, or none */
	ck_assert(!rows_export_sorts(0, 0));
}
END_TEST

START_TEST(made_statements_fit_every_kind)
{
	char dir[] = "/tmp/smalog-test-record.XXXXXX", path[64];
	struct db *db = new_database(dir, path, sizeof path);
	static const char *const ops[] = { "insert", "update", "get",    "list",   "delete",   "count",
					   "uid_of", "set_uid", "by_uid", "by_key", "like_key", "natural",
					   "references", "referrers", "export", "canonical", "export_rows",
					   "move_aside", "export_sorted", "order_sample" };
	for (int k = 0; all_kinds[k]; k++) {
		const struct kind *kind = all_kinds[k];
		int columns = kind->nfields;
		for (int i = 0; i < kind->nfields; i++)
			columns += field_types[kind->fields[i].type].approx;
		for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++) {
			char name[48];
			int len;
			snprintf(name, sizeof name, "%s.%s", kind->name, ops[o]);
			const char *text = sql_kind_statement(name, &len);
			bool keyed = kind->key_field >= 0;
			bool applies = strcmp(ops[o], "by_key") == 0 || strcmp(ops[o], "like_key") == 0 ? keyed
				       : strcmp(ops[o], "natural") == 0 || strcmp(ops[o], "move_aside") == 0
					       ? keyed || kind->taken.message
					       : true;
			/* what refers to a record named otherwise than by its key
			 * (a round of an agreement) is the kind's own to say */
			if (strstr(ops[o], "refer"))
				applies = keyed && text;
			/* export's order is the kind's own to say where it is no ORDER BY */
			if (strcmp(ops[o], "canonical") == 0 || strcmp(ops[o], "export_rows") == 0 ||
			    strcmp(ops[o], "export_sorted") == 0 || strcmp(ops[o], "order_sample") == 0)
				applies = kind->order != NULL;
			ck_assert_msg((text != NULL) == applies, "%s %s", name, text ? "made" : "not made");
			if (!text)
				continue;
			sqlite3_stmt *stmt;
			ck_assert_msg(sqlite3_prepare_v2(db->handle, text, len, &stmt, NULL) == SQLITE_OK, "%s: %s: %.*s",
				      name, sqlite3_errmsg(db->handle), len, text);
			if (strcmp(ops[o], "get") == 0 || strcmp(ops[o], "list") == 0 || strcmp(ops[o], "natural") == 0 ||
			    strcmp(ops[o], "export") == 0)
				ck_assert_msg(record_columns_check(kind, stmt) == 0, "%s", sm_error_message());
			if (strcmp(ops[o], "referrers") == 0 || strcmp(ops[o], "canonical") == 0)
				ck_assert_int_eq(sqlite3_column_count(stmt), 2);
			/* get's row, then the uid */
			if (strcmp(ops[o], "export_rows") == 0 || strcmp(ops[o], "export_sorted") == 0) {
				ck_assert_int_eq(sqlite3_column_count(stmt), 1 + columns + 1);
				ck_assert_str_eq(sqlite3_column_name(stmt, 1 + columns), "uid");
			}
			if (strcmp(ops[o], "insert") == 0 || strcmp(ops[o], "update") == 0) {
				/* every column, each bound by its name, and the uid of an
				 * insert or the id of an update */
				ck_assert_int_eq(sqlite3_bind_parameter_count(stmt), columns + 1);
				if (ops[o][0] == 'i')
					ck_assert_msg(sqlite3_bind_parameter_index(stmt, ":uid") > 0, "%s has no :uid", name);
				for (int i = 0; i < kind->nfields; i++) {
					char param[48] = ":";
					field_column(&kind->fields[i], param + 1, sizeof param - 1);
					ck_assert_msg(sqlite3_bind_parameter_index(stmt, param) > 0, "%s has no %s", name, param);
				}
			}
			sqlite3_finalize(stmt);
			/* what callers get, from sql/queries/ or made, prepares too;
			 * an insert, a kind's own too, gives the uid */
			if (strcmp(ops[o], "natural") != 0 && strcmp(ops[o], "export_rows") != 0 &&
			    strcmp(ops[o], "export_sorted") != 0 && strcmp(ops[o], "order_sample") != 0)
				ck_assert_ptr_nonnull(record_statement(db, kind, ops[o]));
			if (strcmp(ops[o], "insert") == 0)
				ck_assert_msg(sqlite3_bind_parameter_index(record_statement(db, kind, "insert"), ":uid") > 0,
					      "%s.insert has no :uid", kind->name);
		}
	}
	/* a kind's own statement wins: an agreement's currency is KRW unless given */
	int len;
	const char *insert = sql_statement("agreement.insert", &len);
	ck_assert_ptr_nonnull(insert);
	ck_assert_ptr_nonnull(strstr(insert, "coalesce(:currency, 'KRW')"));
	ck_assert_ptr_ne(insert, sql_kind_statement("agreement.insert", &len));
	/* only a kind's own name and a known op make a statement */
	ck_assert_ptr_null(sql_statement("agreements.get", &len));
	ck_assert_ptr_null(sql_statement("agreemen.get", &len));
	ck_assert_ptr_null(sql_statement("agreement.drop", &len));
	ck_assert_ptr_null(sql_statement("agreement", &len));
	db_close(db);
	remove_database(dir, path);
}
END_TEST

/* A new uid is a UUID version 4 in the canonical lower-case form that
 * record_uid_parse keeps as it is and the schema's CHECK accepts; two
 * are different. */
START_TEST(new_uid_form)
{
	char a[UID_SIZE], b[UID_SIZE], parsed[UID_SIZE], err[256];
	for (int i = 0; i < 64; i++) {
		record_uid_new(a);
		ck_assert_uint_eq(strlen(a), 36);
		for (int c = 0; c < 36; c++) {
			if (c == 8 || c == 13 || c == 18 || c == 23)
				ck_assert_msg(a[c] == '-', "%s: no '-' at %d", a, c);
			else
				ck_assert_msg(strchr("0123456789abcdef", a[c]) && a[c], "%s: '%c' at %d", a, a[c], c);
		}
		ck_assert_msg(a[14] == '4', "%s: version %c, not 4", a, a[14]);
		ck_assert_msg(strchr("89ab", a[19]) && a[19], "%s: variant %c, not 8, 9, a or b", a, a[19]);
		ck_assert_int_eq(record_uid_parse(a, parsed, err, sizeof err), 0);
		ck_assert_str_eq(parsed, a);
		record_uid_new(b);
		ck_assert_str_ne(a, b);
	}
}
END_TEST

/* The uid of the row read back for record id of kind, in out. */
static void stored_uid(struct db *db, const struct kind *kind, int64_t id, char out[UID_SIZE])
{
	sqlite3_stmt *stmt = record_uid_statement(db, kind, "uid_of");
	ck_assert_ptr_nonnull(stmt);
	sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":id"), id);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	snprintf(out, UID_SIZE, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
}

/* An insert stores the record with its uid: the one it came with, else a
 * new one, left in the record.  The schema's trigger still gives one to a
 * row another tool inserts without it. */
START_TEST(insert_gives_uid)
{
	char dir[] = "/tmp/smalog-test-record.XXXXXX", path[64], uid[UID_SIZE], err[256];
	struct db *db = new_database(dir, path, sizeof path);
	const struct kind *source = kind_find("source"), *agreement = kind_find("agreement");
	struct record r;
	int bad = -1;
	record_init(&r, agreement);
	set(&r, "code", "SMA-11");
	set(&r, "title", "Eleventh");
	set(&r, "parties", "KR,US");
	ck_assert_int_eq(record_insert(db, &r, &bad, err, sizeof err), 0);
	ck_assert_uint_eq(strlen(r.uid), 36);
	stored_uid(db, agreement, r.id, uid);
	ck_assert_str_eq(uid, r.uid);
	record_release(&r);

	record_init(&r, source);
	set(&r, "key", "yna-1");
	set(&r, "outlet", "Yonhap");
	ck_assert_int_eq(record_uid_parse("0F0E0D0C-0B0A-4908-8706-050403020100", r.uid, err, sizeof err), 0);
	ck_assert_int_eq(record_insert(db, &r, &bad, err, sizeof err), 0);
	stored_uid(db, source, r.id, uid);
	ck_assert_str_eq(uid, "0f0e0d0c-0b0a-4908-8706-050403020100");
	ck_assert_str_eq(r.uid, uid);
	record_release(&r);
	/* a uid already held is no fault of the key: the constraint's words */
	record_init(&r, source);
	set(&r, "key", "yna-2");
	set(&r, "outlet", "Yonhap");
	snprintf(r.uid, sizeof r.uid, "%s", uid);
	err[0] = '\0';
	sm_error_clear();
	ck_assert_int_gt(record_insert(db, &r, &bad, err, sizeof err), 0);
	ck_assert_str_eq(err, "");
	ck_assert_ptr_nonnull(strstr(sm_error_message(), "UNIQUE constraint failed: source.uid"));
	sm_error_clear();
	record_release(&r);

	ck_assert_int_eq(sqlite3_exec(db->handle, "INSERT INTO source (key, outlet) VALUES ('cnn-1', 'CNN')", NULL, NULL, NULL),
			 SQLITE_OK);
	stored_uid(db, source, sqlite3_last_insert_rowid(db->handle), uid);
	ck_assert_int_eq(record_uid_parse(uid, uid, err, sizeof err), 0);
	ck_assert_int_eq(uid[14], '4');
	db_close(db);
	remove_database(dir, path);
}
END_TEST

/* The value of SQL on db, as text, for the assertions below. */
static const char *value_of(struct db *db, const char *sql, char *buf, size_t bufsz)
{
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(db->handle, sql, -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	snprintf(buf, bufsz, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return buf;
}

/* KIND.move_aside gives a record a natural key that no other holds and
 * that the schema's checks accept, for every kind with a natural key: the
 * next number of a round's agreement, the year after a series' or a
 * currency's last, a key with a space; references follow. */
START_TEST(move_aside_frees_every_natural_key)
{
	char dir[] = "/tmp/smalog-test-record.XXXXXX", path[64], buf[128];
	struct db *db = new_database(dir, path, sizeof path);
	ck_assert_int_eq(sqlite3_exec(db->handle,
				      "INSERT INTO source (key, outlet) VALUES ('nyt-1', 'NYT');"
				      "INSERT INTO actor (key, name) VALUES ('kim', 'Kim');"
				      "INSERT INTO agreement (code) VALUES ('A-1'), ('A-2');"
				      "INSERT INTO round (agreement, seq, start) VALUES ('A-1', 1, '2020'), ('A-1', 2, '2020'),"
				      " ('A-2', 7, '2020');"
				      "INSERT INTO position (agreement, round, date, party, kind, pct_bp)"
				      " VALUES ('A-1', 1, '2020', 'KR', 'offer', 100);"
				      "INSERT INTO rate (currency, date, per_usd_e4) VALUES ('KRW', '2020-01-02', 1),"
				      " ('KRW', '2021-03', 1), ('JPY', '2030', 1);"
				      "INSERT INTO \"index\" (series, period, value_e4) VALUES ('X', '2024-03', 1), ('X', '2019', 1);"
				      "INSERT INTO schedule (agreement, year, amount) VALUES ('A-1', 2021, 1), ('A-1', 2023, 1);",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	static const struct {
		const char *kind, *moved, *now;
	} cases[] = {
		{ "round", "SELECT seq FROM round WHERE id = 1", "3" },
		{ "rate", "SELECT date FROM rate WHERE id = 1", "2022" },
		{ "index", "SELECT period FROM \"index\" WHERE id = 1", "2025" },
		{ "schedule", "SELECT year FROM schedule WHERE id = 1", "2024" },
		{ "source", "SELECT key FROM source WHERE id = 1", "nyt-1 (moved aside 1)" },
		{ "actor", "SELECT key FROM actor WHERE id = 1", "kim (moved aside 1)" },
		{ "agreement", "SELECT code FROM agreement WHERE id = 1", "A-1 (moved aside 1)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct kind *kind = kind_find(cases[i].kind);
		ck_assert_ptr_nonnull(kind);
		sqlite3_stmt *stmt = record_statement(db, kind, "move_aside");
		ck_assert_ptr_nonnull(stmt);
		db_bind_int(stmt, ":id", 1);
		ck_assert_msg(sqlite3_step(stmt) == SQLITE_DONE, "%s: %s", cases[i].kind, sqlite3_errmsg(db->handle));
		sqlite3_reset(stmt);
		ck_assert_str_eq(value_of(db, cases[i].moved, buf, sizeof buf), cases[i].now);
	}
	/* the position followed its round, and then its agreement */
	ck_assert_str_eq(value_of(db, "SELECT agreement || ':' || round FROM position", buf, sizeof buf),
			 "A-1 (moved aside 1):3");
	ck_assert_str_eq(value_of(db, "SELECT group_concat(r, ' ') FROM (SELECT agreement || ':' || seq AS r FROM round ORDER BY id)", buf, sizeof buf),
			 "A-1 (moved aside 1):3 A-1 (moved aside 1):2 A-2:7");
	db_close(db);
	remove_database(dir, path);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("fields");
	tcase_add_loop_test(tc, field_parsing, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(tc, empty_is_absent);
	tcase_add_test(tc, dates_kept_canonical);
	tcase_add_test(tc, values_set_again);
	tcase_add_test(tc, whole_numbers_as_text);
	tcase_add_test(tc, rules_between_fields);
	tcase_add_test(tc, currency_signs);
	tcase_add_test(tc, kinds_are_complete);
	tcase_add_test(tc, statements_agree_with_kinds);
	tcase_add_test(tc, made_statements_fit_every_kind);
	tcase_add_test(tc, export_sorted_is_one_scan_and_one_sort);
	tcase_add_test(tc, export_sorts_records_added_out_of_order);
	tcase_add_test(tc, move_aside_frees_every_natural_key);
	tcase_add_test(tc, new_uid_form);
	tcase_add_test(tc, insert_gives_uid);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

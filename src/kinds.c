/* kinds.c - each record kind described once: its fields (SPEC section 2, in CSV header order), keys and names. */
#include "smalog/kinds.h"

#include "smalog/amount.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const char *const round_formats[] = { "in-person", "video", "phone", NULL };
static const char *const position_kinds[] = { "offer", "demand", NULL };
static const char *const confidences[] = { "confirmed", "reported", "rumored", NULL };
static const char *const outcome_kinds[] = { "stalled", "walkout", "rejected", "tentative", "initialed",
					     "signed", "ratified", "expired", "extended", NULL };

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct field agreement_fields[] = {
	{ "code", .type = F_KEY, .required = true },
	{ "title", .type = F_TEXT },
	{ "parties", .type = F_PARTIES },
	{ "currency", .type = F_CURRENCY },
	{ "total", .type = F_AMOUNT },
	{ "baseline", .type = F_AMOUNT },
	{ "previous", .type = F_AGREEMENT },
	{ "start_year", .type = F_INT, .min = 1, .max = 9999 },
	{ "end_year", .type = F_INT, .min = 1, .max = 9999 },
	{ "signed", .type = F_DATE },
	{ "source", .type = F_SOURCES },
	{ "notes", .type = F_TEXT },
};

static const struct field source_fields[] = {
	{ "key", .type = F_KEY, .required = true },
	{ "outlet", .type = F_TEXT, .required = true },
	{ "title", .type = F_TEXT },
	{ "url", .type = F_TEXT },
	{ "published", .type = F_DATE },
	{ "notes", .type = F_TEXT },
};

static const struct field round_fields[] = {
	{ "agreement", .type = F_AGREEMENT, .required = true },
	{ "seq", .type = F_INT, .min = 1, .max = 100000 },
	{ "start", .type = F_DATE, .required = true },
	{ "end", .type = F_DATE },
	{ "location", .type = F_TEXT },
	{ "format", .type = F_ENUM, .choices = round_formats },
	{ "negotiators", .type = F_ACTORS },
	{ "source", .type = F_SOURCES },
	{ "notes", .type = F_TEXT },
};

static const struct field position_fields[] = {
	{ "agreement", .type = F_AGREEMENT, .required = true },
	{ "round", .type = F_ROUND },
	{ "date", .type = F_DATE, .required = true },
	{ "party", .type = F_PARTY, .required = true },
	{ "kind", .type = F_ENUM, .required = true, .choices = position_kinds },
	{ "amount", .type = F_AMOUNT },
	{ "currency", .type = F_CURRENCY },
	{ "pct", .type = F_PCT },
	{ "years", .type = F_INT, .min = 1, .max = 100 },
	{ "confidence", .type = F_ENUM, .choices = confidences },
	{ "terms", .type = F_TEXT },
	{ "source", .type = F_SOURCES },
	{ "notes", .type = F_TEXT },
};

static const struct field outcome_fields[] = {
	{ "agreement", .type = F_AGREEMENT, .required = true },
	{ "round", .type = F_ROUND },
	{ "date", .type = F_DATE, .required = true },
	{ "kind", .type = F_ENUM, .required = true, .choices = outcome_kinds },
	{ "source", .type = F_SOURCES },
	{ "notes", .type = F_TEXT },
};

static const struct field furlough_fields[] = {
	{ "agreement", .type = F_AGREEMENT, .required = true },
	{ "start", .type = F_DATE, .required = true },
	{ "end", .type = F_DATE },
	{ "workers", .type = F_COUNT, .required = true, .min = 1, .max = 100000000 },
	{ "stopgap", .type = F_AMOUNT },
	{ "currency", .type = F_CURRENCY },
	{ "source", .type = F_SOURCES },
	{ "notes", .type = F_TEXT },
};

static const struct field rate_fields[] = {
	{ "date", .type = F_DATE, .required = true },
	{ "currency", .type = F_CURRENCY, .required = true },
	{ "per_usd", .type = F_RATE, .required = true },
	{ "source", .type = F_SOURCES },
	{ "notes", .type = F_TEXT },
};

static const struct field schedule_fields[] = {
	{ "agreement", .type = F_AGREEMENT, .required = true },
	{ "year", .type = F_INT, .required = true, .min = 1, .max = 9999, .hint = "the calendar year: 2021" },
	{ "amount", .type = F_AMOUNT },
	{ "currency", .type = F_CURRENCY, .hint = "ISO 4217 code: KRW, USD (default: the agreement's)" },
	{ "index", .type = F_SERIES },
	{ "lag", .type = F_INT, .min = 0, .max = 10, .hint = "years the series lags the schedule: 0 to 10" },
	{ "cap", .type = F_PCT, .hint = "percent: the most a year's growth may be: 5" },
	{ "floor", .type = F_PCT, .hint = "percent: the least a year's growth may be: 0" },
	{ "source", .type = F_SOURCES },
	{ "notes", .type = F_TEXT },
};

static const struct field index_fields[] = {
	{ "series", .type = F_SERIES_KEY, .required = true },
	{ "period", .type = F_PERIOD, .required = true },
	{ "value", .type = F_INDEX, .required = true },
	{ "unit", .type = F_TEXT },
	{ "source", .type = F_SOURCES },
	{ "notes", .type = F_TEXT },
};

static const struct field actor_fields[] = {
	{ "key", .type = F_KEY, .required = true },
	{ "name", .type = F_TEXT, .required = true },
	{ "party", .type = F_PARTY },
	{ "role", .type = F_TEXT },
	{ "notes", .type = F_TEXT },
};

static const struct field statement_fields[] = {
	{ "date", .type = F_DATE, .required = true },
	{ "actor", .type = F_ACTOR, .required = true },
	{ "agreement", .type = F_AGREEMENT },
	{ "party", .type = F_PARTY, .hint = "ISO 3166 alpha-2 code: KR, US (default: the actor's)" },
	{ "amount", .type = F_AMOUNT },
	{ "currency", .type = F_CURRENCY },
	{ "pct", .type = F_PCT },
	{ "quote", .type = F_TEXT },
	{ "confidence", .type = F_ENUM, .choices = confidences },
	{ "source", .type = F_SOURCES },
	{ "notes", .type = F_TEXT },
};

/* A kind's fields and their number, which may not pass KIND_MAX_FIELDS
 * (a record holds that many values): more does not compile. */
#define FIELDS(a) .fields = (a), .nfields = COUNT(a) + 0 * (int)sizeof(char[COUNT(a) <= KIND_MAX_FIELDS ? 1 : -1])

static const struct kind agreement_kind = {
	.name = "agreement", .plural = "agreements", .article = "an", FIELDS(agreement_fields), .key_field = 0,
	.summary = "an agreement (SMA-11): parties, currency, total, baseline, previous",
};
static const struct kind source_kind = {
	.name = "source", .plural = "sources", .article = "a", FIELDS(source_fields), .key_field = 0,
	.key_cited = true,
	.summary = "a cited source: key, outlet, title, url, published",
	.order = "key",
};
static const struct kind round_kind = {
	.name = "round", .plural = "rounds", .article = "a", FIELDS(round_fields), .key_field = -1, .dated = true,
	.seq_field = "seq", .seq_example = "SMA-11:3",
	.taken = { "round %s of %s already exists", { "seq", "agreement" }, "seq" },
	.summary = "a round of talks within an agreement",
	.order = "agreement, seq",
};
static const struct kind position_kind = {
	.name = "position", .plural = "positions", .article = "a", FIELDS(position_fields), .key_field = -1,
	.dated = true, .amount_or_pct = true,
	.summary = "an offer or demand: an amount, a percentage over the baseline, or both",
	.order = "agreement, date_key, date, party, kind, uid",
};
static const struct kind outcome_kind = {
	.name = "outcome", .plural = "outcomes", .article = "an", FIELDS(outcome_fields), .key_field = -1,
	.dated = true,
	.summary = "what came of the talks: stalled, rejected, tentative, signed, ...",
	.order = "agreement, date_key, date, kind, uid",
};
static const struct kind furlough_kind = {
	.name = "furlough", .plural = "furloughs", .article = "a", FIELDS(furlough_fields), .key_field = -1,
	.dated = true,
	.summary = "workers put on unpaid leave, and any stopgap funding",
	.order = "agreement, start_key, start, uid",
};
static const struct kind rate_kind = {
	.name = "rate", .plural = "rates", .article = "a", FIELDS(rate_fields), .key_field = -1, .dated = true,
	.taken = { "a %s rate on %s already exists", { "currency", "date" }, "date" },
	.summary = "an exchange rate: units of a currency per US dollar on a date",
	.order = "currency, date_key, date",
};

static const struct kind schedule_kind = {
	.name = "schedule", .plural = "schedules", .article = "a", FIELDS(schedule_fields), .key_field = -1,
	.seq_field = "year", .seq_example = "SMA-11:2021",
	.taken = { "%s %s already has a schedule year", { "agreement", "year" }, "year" },
	.summary = "one year of an agreement: its amount, or the rule (index, lag, cap, floor) that sets it",
	.order = "agreement, year",
};
static const struct kind index_kind = {
	.name = "index", .plural = "indexes", .article = "an", FIELDS(index_fields), .key_field = -1,
	.taken = { "series %s already has a value for %s", { "series", "period" }, "period" },
	.summary = "a value of a published series (KR.CPI 2024 = 114.18) that a schedule's rule follows",
	.order = "series, period",
};
static const struct kind actor_kind = {
	.name = "actor", .plural = "actors", .article = "an", FIELDS(actor_fields), .key_field = 0,
	.key_cited = true,
	.summary = "a person or body who negotiates or speaks: key, name, party, role",
	.order = "key",
};
static const struct kind statement_kind = {
	.name = "statement", .plural = "statements", .article = "a", FIELDS(statement_fields), .key_field = -1,
	.dated = true,
	.summary = "what an actor said in public, away from the table; never an offer or demand",
	.order = "date_key, date, actor, uid",
};

#define KIND_ADDRESS_(name) &name##_kind,
const struct kind *const all_kinds[] = { SMALOG_KINDS(KIND_ADDRESS_) NULL };

int kind_index(const struct kind *kind)
{
	int k = 0;
	while (all_kinds[k] != kind)
		k++;
	return k;
}

const struct kind *kind_find(const char *name)
{
	for (int i = 0; all_kinds[i]; i++)
		if (strcmp(name, all_kinds[i]->name) == 0 || strcmp(name, all_kinds[i]->plural) == 0)
			return all_kinds[i];
	return NULL;
}

int kind_field_index(const struct kind *kind, const char *name)
{
	for (int i = 0; i < kind->nfields; i++)
		if (strcmp(kind->fields[i].name, name) == 0)
			return i;
	return -1;
}

bool field_is_integer(const struct field *f)
{
	return field_types[f->type].integer;
}

const char *field_column(const struct field *f, char *buf, size_t bufsz)
{
	const char *suffix = field_types[f->type].suffix;
	snprintf(buf, bufsz, "%s%s", f->name, suffix ? suffix : "");
	return buf;
}

const char *kind_count_text(const struct kind *kind, int64_t n, char *buf, size_t bufsz)
{
	char num[AMOUNT_TEXT_SIZE];
	amount_format(n, true, num, sizeof num);
	snprintf(buf, bufsz, "%s %s", num, n == 1 ? kind->name : kind->plural);
	return buf;
}

bool field_is_grouped(const struct field *f)
{
	/* a whole number allowed to reach a million counts people or things
	 * (furlough workers); years (to 9999) and round numbers are labels */
	return field_types[f->type].grouped || f->max >= 1000000;
}

/* kinds.c - the field lists of SPEC section 2, in CSV header order. */
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
	{ "code", "code", F_KEY, true, NULL, 0, 0 },
	{ "title", "title", F_TEXT, false, NULL, 0, 0 },
	{ "parties", "parties", F_PARTIES, false, NULL, 0, 0 },
	{ "currency", "currency", F_CURRENCY, false, NULL, 0, 0 },
	{ "total", "total", F_AMOUNT, false, NULL, 0, 0 },
	{ "baseline", "baseline", F_AMOUNT, false, NULL, 0, 0 },
	{ "previous", "previous", F_AGREEMENT, false, NULL, 0, 0 },
	{ "start_year", "start_year", F_INT, false, NULL, 1, 9999 },
	{ "end_year", "end_year", F_INT, false, NULL, 1, 9999 },
	{ "signed", "signed", F_DATE, false, NULL, 0, 0 },
	{ "source", "source", F_SOURCES, false, NULL, 0, 0 },
	{ "notes", "notes", F_TEXT, false, NULL, 0, 0 },
};

static const struct field source_fields[] = {
	{ "key", "key", F_KEY, true, NULL, 0, 0 },
	{ "outlet", "outlet", F_TEXT, true, NULL, 0, 0 },
	{ "title", "title", F_TEXT, false, NULL, 0, 0 },
	{ "url", "url", F_TEXT, false, NULL, 0, 0 },
	{ "published", "published", F_DATE, false, NULL, 0, 0 },
	{ "notes", "notes", F_TEXT, false, NULL, 0, 0 },
};

static const struct field round_fields[] = {
	{ "agreement", "agreement", F_AGREEMENT, true, NULL, 0, 0 },
	{ "seq", "seq", F_INT, false, NULL, 1, 100000 },
	{ "start", "start", F_DATE, true, NULL, 0, 0 },
	{ "end", "end", F_DATE, false, NULL, 0, 0 },
	{ "location", "location", F_TEXT, false, NULL, 0, 0 },
	{ "format", "format", F_ENUM, false, round_formats, 0, 0 },
	{ "source", "source", F_SOURCES, false, NULL, 0, 0 },
	{ "notes", "notes", F_TEXT, false, NULL, 0, 0 },
};

static const struct field position_fields[] = {
	{ "agreement", "agreement", F_AGREEMENT, true, NULL, 0, 0 },
	{ "round", "round", F_ROUND, false, NULL, 0, 0 },
	{ "date", "date", F_DATE, true, NULL, 0, 0 },
	{ "party", "party", F_PARTY, true, NULL, 0, 0 },
	{ "kind", "kind", F_ENUM, true, position_kinds, 0, 0 },
	{ "amount", "amount", F_AMOUNT, false, NULL, 0, 0 },
	{ "currency", "currency", F_CURRENCY, false, NULL, 0, 0 },
	{ "pct", "pct_bp", F_PCT, false, NULL, 0, 0 },
	{ "years", "years", F_INT, false, NULL, 1, 100 },
	{ "confidence", "confidence", F_ENUM, false, confidences, 0, 0 },
	{ "terms", "terms", F_TEXT, false, NULL, 0, 0 },
	{ "source", "source", F_SOURCES, false, NULL, 0, 0 },
	{ "notes", "notes", F_TEXT, false, NULL, 0, 0 },
};

static const struct field outcome_fields[] = {
	{ "agreement", "agreement", F_AGREEMENT, true, NULL, 0, 0 },
	{ "round", "round", F_ROUND, false, NULL, 0, 0 },
	{ "date", "date", F_DATE, true, NULL, 0, 0 },
	{ "kind", "kind", F_ENUM, true, outcome_kinds, 0, 0 },
	{ "source", "source", F_SOURCES, false, NULL, 0, 0 },
	{ "notes", "notes", F_TEXT, false, NULL, 0, 0 },
};

static const struct field furlough_fields[] = {
	{ "agreement", "agreement", F_AGREEMENT, true, NULL, 0, 0 },
	{ "start", "start", F_DATE, true, NULL, 0, 0 },
	{ "end", "end", F_DATE, false, NULL, 0, 0 },
	{ "workers", "workers", F_INT, true, NULL, 1, 100000000 },
	{ "stopgap", "stopgap", F_AMOUNT, false, NULL, 0, 0 },
	{ "currency", "currency", F_CURRENCY, false, NULL, 0, 0 },
	{ "source", "source", F_SOURCES, false, NULL, 0, 0 },
	{ "notes", "notes", F_TEXT, false, NULL, 0, 0 },
};

static const struct field rate_fields[] = {
	{ "date", "date", F_DATE, true, NULL, 0, 0 },
	{ "currency", "currency", F_CURRENCY, true, NULL, 0, 0 },
	{ "per_usd", "per_usd_e4", F_RATE, true, NULL, 0, 0 },
	{ "source", "source", F_SOURCES, false, NULL, 0, 0 },
	{ "notes", "notes", F_TEXT, false, NULL, 0, 0 },
};

static const struct kind agreement_kind = { "agreement", "agreements", agreement_fields, COUNT(agreement_fields), 0, false,
	"an agreement (SMA-11): parties, currency, total, baseline, previous" };
static const struct kind source_kind = { "source", "sources", source_fields, COUNT(source_fields), 0, false,
	"a cited source: key, outlet, title, url, published" };
static const struct kind round_kind = { "round", "rounds", round_fields, COUNT(round_fields), -1, true,
	"a round of talks within an agreement" };
static const struct kind position_kind = { "position", "positions", position_fields, COUNT(position_fields), -1, true,
	"an offer or demand: an amount, a percentage over the baseline, or both" };
static const struct kind outcome_kind = { "outcome", "outcomes", outcome_fields, COUNT(outcome_fields), -1, true,
	"what came of the talks: stalled, rejected, tentative, signed, ..." };
static const struct kind furlough_kind = { "furlough", "furloughs", furlough_fields, COUNT(furlough_fields), -1, true,
	"workers put on unpaid leave, and any stopgap funding" };
static const struct kind rate_kind = { "rate", "rates", rate_fields, COUNT(rate_fields), -1, true,
	"an exchange rate: units of a currency per US dollar on a date" };

const struct kind *const all_kinds[] = {
	&source_kind, &agreement_kind, &round_kind, &position_kind,
	&outcome_kind, &furlough_kind, &rate_kind, NULL,
};

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
	return f->type == F_AMOUNT || f->type == F_PCT || f->type == F_RATE ||
	       f->type == F_INT || f->type == F_ROUND;
}

const char *kind_count_text(const struct kind *kind, int64_t n, char *buf, size_t bufsz)
{
	char num[AMOUNT_TEXT_SIZE];
	amount_format(n, true, num, sizeof num);
	snprintf(buf, bufsz, "%s %s", num, n == 1 ? kind->name : kind->plural);
	return buf;
}

const char *kind_article(const struct kind *kind)
{
	/* every kind's name is spoken as it is spelled */
	return strchr("aeiou", kind->name[0]) ? "an" : "a";
}

bool field_is_grouped(const struct field *f)
{
	/* a whole number allowed to reach a million counts people or things
	 * (furlough workers); years (to 9999) and round numbers are labels */
	return f->type == F_AMOUNT || (f->type == F_INT && f->max >= 1000000);
}

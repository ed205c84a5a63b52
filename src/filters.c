/* filters.c - the --agreement, --party, --from and --to options of `list`
 * and the reports. */
#include "smalog/filters.h"

#include "smalog/date.h"
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/kinds.h"
#include "smalog/memory.h"
#include "smalog/record.h"
#include "smalog/sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const filter_names[4] = { "agreement", "party", "from", "to" };

/* The value of a filter option, or NULL when not given; an empty value is
 * refused, since an empty filter would silently match nothing. */
static int filter_value(const struct cli *cli, const char *name, const char **value)
{
	*value = cli_get(cli, name);
	if (*value && !**value)
		return sm_error(EX_USAGE, "option '--%s' needs a value", name);
	return 0;
}

/* --party is checked as a position's party field is, so "kr" means KR. */
static int parse_party(const char *text, struct filters *f)
{
	const struct kind *position = kind_find("position");
	int field = kind_field_index(position, "party");
	struct record r;
	record_init(&r, position);
	char err[256];
	int rc = 0;
	if (record_set(&r, field, text, err, sizeof err) != 0)
		rc = sm_error(EX_USAGE, "--party: %s", err);
	else
		snprintf(f->party, sizeof f->party, "%s", r.values[field].text);
	record_release(&r);
	return rc;
}

/* --from and --to take partial dates and include the whole period: the
 * from key is that of the first day of --from's period, the to key the
 * highest that the last day of --to's period can have (date.h), so --to
 * 2020 includes 2020-12-31.  The statements also keep a record dated by
 * the year or month that holds --from's first day (reports.sql), so that
 * every event whose period overlaps the range stays. */
static int parse_dates(const char *from, const char *to, struct filters *f)
{
	struct sm_date d;
	char err[256];
	if (from) {
		if (date_parse(from, &d, err, sizeof err) != 0)
			return sm_error(EX_USAGE, "--from: %s", err);
		f->from_key = (int64_t)date_first_ymd(&d) * 10;
		f->has_from = true;
	}
	if (to) {
		if (date_parse(to, &d, err, sizeof err) != 0)
			return sm_error(EX_USAGE, "--to: %s", err);
		f->to_key = (int64_t)date_last_ymd(&d) * 10 + 9;
		f->has_to = true;
	}
	if (from && to && f->from_key > f->to_key)
		return sm_error(EX_USAGE, "--from %s is after --to %s", from, to);
	return 0;
}

int filters_parse(const struct cli *cli, struct filters *f)
{
	memset(f, 0, sizeof *f);
	const char *party, *from, *to;
	int rc = filter_value(cli, "agreement", &f->agreement);
	if (rc == 0)
		rc = filter_value(cli, "party", &party);
	if (rc == 0)
		rc = filter_value(cli, "from", &from);
	if (rc == 0)
		rc = filter_value(cli, "to", &to);
	if (rc == 0 && party)
		rc = parse_party(party, f);
	if (rc == 0)
		rc = parse_dates(from, to, f);
	return rc;
}

void filters_bind(const struct filters *f, sqlite3_stmt *stmt)
{
	if (f->agreement)
		db_bind_text(stmt, ":agreement", f->agreement);
	if (f->party[0])
		db_bind_text(stmt, ":party", f->party);
	if (f->has_from)
		db_bind_int(stmt, ":from", f->from_key);
	if (f->has_to)
		db_bind_int(stmt, ":to", f->to_key);
}

int filters_check_agreement(struct db *db, const char *code, int exit_code)
{
	const struct kind *agreement = kind_find("agreement");
	sqlite3_stmt *exists = record_statement(db, agreement, "by_key");
	if (!exists)
		return EX_SOFTWARE;
	db_bind_text(exists, ":key", code);
	int step = sqlite3_step(exists);
	sqlite3_reset(exists);
	if (step == SQLITE_ROW)
		return 0;
	if (step != SQLITE_DONE)
		return db_fail(db, step, "finding the agreement");
	char near[128];
	int like = record_similar_key(db, agreement, code, near, sizeof near);
	if (like < 0)
		return -like;
	if (like > 0)
		return sm_error(exit_code, "--agreement: no agreement '%s'; did you mean '%s'?", code, near);
	return sm_error(exit_code, "--agreement: no agreement '%s' (see 'smalog list agreements')", code);
}

/* The levels, highest first, and the statement that narrows the reports'
 * positions and statements to each (none for the lowest, which counts
 * every one). */
static const char *const confidence_levels[] = { "confirmed", "reported", "rumored" };
static const char *const confidence_statements[] = { "confidence.confirmed", "confidence.reported", NULL };
enum { CONFIDENCE_LEVELS = sizeof confidence_levels / sizeof confidence_levels[0] };

int filters_confidence(const struct cli *cli, int *level)
{
	const char *given = cli_get(cli, "confidence");
	*level = CONFIDENCE_LEVELS - 1;
	if (!given)
		return 0;
	if (!*given)
		return sm_error(EX_USAGE, "option '--confidence' needs a value");
	for (int i = 0; i < CONFIDENCE_LEVELS; i++)
		if (strcmp(confidence_levels[i], given) == 0) {
			*level = i;
			return 0;
		}
	return sm_error(EX_USAGE, "--confidence: expected confirmed, reported or rumored (the least a position "
			"must be to count), not '%s'", given);
}

int filters_narrow_confidence(struct db *db, int level)
{
	const char *name = confidence_statements[level];
	if (!name)
		return 0;
	int len;
	const char *text = sql_statement(name, &len);
	if (!text)
		BUG("no statement %s", name);
	char *sql = xstrndup(text, (size_t)len);
	int rc = sqlite3_exec(db->handle, sql, NULL, NULL, NULL);
	free(sql);
	return rc == SQLITE_OK ? 0 : db_fail(db, rc, "narrowing the reports to a confidence level");
}

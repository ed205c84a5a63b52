/* filters.h - the --agreement, --party, --from and --to options that
 * `list` and the reports share, checked the same way for both. */
#ifndef SMALOG_FILTERS_H
#define SMALOG_FILTERS_H

#include "smalog/cli.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

struct filters {
	const char *agreement; /* as given, or NULL */
	char party[3];         /* as a position's party is stored ("kr" is "KR"), or "" */
	bool has_from, has_to;
	int64_t from_key, to_key; /* date sort keys (date.h), inclusive of the whole period */
};

/* The names of the filter options, for commands that check each one. */
extern const char *const filter_names[4];

/* Check the filter options given: an empty value, a party that is not a
 * party, a date that is not a date, or --from after --to is refused.
 * 0 or EX_USAGE. */
int filters_parse(const struct cli *cli, struct filters *f);

/* Bind the filters given to the :agreement, :party, :from and :to
 * parameters of stmt, which must have one for each. */
void filters_bind(const struct filters *f, sqlite3_stmt *stmt);

/* An --agreement filter must name a recorded agreement rather than match
 * nothing: refused with exit_code otherwise, suggesting the code it
 * resembles ("sma-11" for SMA-11).  0, exit_code, or a database failure's
 * exit code (already reported). */
struct db;
int filters_check_agreement(struct db *db, const char *code, int exit_code);

/* --confidence LEVEL: the least a position (or statement) must be to count,
 * as an index of confirmed, reported, rumored into *level (the lowest,
 * every one counts, when not given).  0 or EX_USAGE. */
int filters_confidence(const struct cli *cli, int *level);

/* Leave out of every figure the positions and statements below level, by
 * narrowing the views the reports read them through (position_counted,
 * statement_counted) on this connection only.  0 or an exit code. */
int filters_narrow_confidence(struct db *db, int level);

#endif

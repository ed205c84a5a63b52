/* cmd_history.c - log, undo and show --history: the change log read and reversed. */
#include "smalog/commands.h"

#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/history.h"
#include "smalog/memory.h"
#include "smalog/record.h"
#include "smalog/sbuf.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct out_column log_cols[] = {
	{ "group", OUT_INT }, { "time", OUT_TEXT }, { "who", OUT_TEXT }, { "command", OUT_TEXT },
	{ "message", OUT_TEXT }, { "added", OUT_INT }, { "changed", OUT_INT }, { "removed", OUT_INT },
	{ "change", OUT_TEXT },
};

enum { LOG_COLS = sizeof log_cols / sizeof log_cols[0] };

static struct out_value text_value(const char *s)
{
	return s ? (struct out_value){ .kind = VAL_TEXT, .s = s, .len = strlen(s) } : (struct out_value){ .kind = VAL_NULL };
}

static struct out_value int_value(sqlite3_stmt *stmt, int i)
{
	if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
		return (struct out_value){ .kind = VAL_NULL };
	return (struct out_value){ .kind = VAL_INT, .i = sqlite3_column_int64(stmt, i) };
}

/* A whole number from 1 up, for -n and a group number. */
static bool parse_count(const char *text, int64_t *n)
{
	int64_t v = 0;
	const char *p = text;
	while (*p >= '0' && *p <= '9' && v < INT64_MAX / 10)
		v = v * 10 + (*p++ - '0');
	*n = v;
	return p != text && *p == '\0' && v >= 1 && p - text <= 18;
}

static int check_log(const struct cli *cli)
{
	const char *n = cli_get(cli, "n"), *since = cli_get(cli, "since"), *kind = cli_get(cli, "kind");
	int64_t v;
	char at[32], err[160];
	if (n && !parse_count(n, &v))
		return sm_error(EX_USAGE, "-n: '%s' is not a number of groups (1 or more)", n);
	if (since && history_parse_when(since, false, at, err, sizeof err) != 0)
		return sm_error(EX_USAGE, "--since: %s", err);
	if (kind && !kind_find(kind))
		return sm_error(EX_USAGE, "--kind: unknown kind '%s'", kind);
	return 0;
}

/* The change at the current row of a statement whose first columns are
 * change's id, tbl, row_id, op and before (history.changes, .log_changes,
 * .record), in words added to words; the row's texts are copied before
 * history_words runs statements of its own.  0 or an exit code. */
static int change_words(struct db *db, sqlite3_stmt *stmt, struct sbuf *words)
{
	char *table = xstrdup((const char *)sqlite3_column_text(stmt, 1));
	char *op = xstrdup((const char *)sqlite3_column_text(stmt, 3));
	const char *before = (const char *)sqlite3_column_text(stmt, 4);
	char *before_copy = before ? xstrdup(before) : NULL;
	int rc = history_words(db, sqlite3_column_int64(stmt, 0), table, sqlite3_column_int64(stmt, 2), op, before_copy,
			       words);
	free(table);
	free(op);
	free(before_copy);
	return rc;
}

/* After a loop over stmt's rows that stopped at step, or at rc: the
 * statement reset, and a failed step turned into an exit code. */
static int steps_done(struct db *db, sqlite3_stmt *stmt, int rc, int step)
{
	sqlite3_reset(stmt);
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail(db, step, "reading the change log");
	return rc;
}

/* The changes of one group (of one table, when tbl), a row each. */
static int log_group(struct db *db, sqlite3_stmt *group, const char *tbl, struct output *out)
{
	sqlite3_stmt *stmt = db_statement(db, "history.log_changes");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_int(stmt, ":first", sqlite3_column_int64(group, 8));
	db_bind_int(stmt, ":last", sqlite3_column_int64(group, 9));
	db_bind_text(stmt, ":tbl", tbl);
	/* an outside group has neither who nor command */
	const char *who = (const char *)sqlite3_column_text(group, 2);
	struct out_value v[LOG_COLS] = {
		int_value(group, 0), text_value((const char *)sqlite3_column_text(group, 1)),
		text_value(who ? who : "outside smalog"), text_value((const char *)sqlite3_column_text(group, 3)),
		text_value((const char *)sqlite3_column_text(group, 4)), int_value(group, 5), int_value(group, 6),
		int_value(group, 7),
	};
	/* the group's row stays current while its changes are read */
	int rc = 0, step;
	while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct sbuf words = { 0 };
		rc = change_words(db, stmt, &words);
		v[LOG_COLS - 1] = text_value(sb_str(&words));
		if (rc == 0)
			rc = out_row(out, v);
		sb_release(&words);
	}
	return steps_done(db, stmt, rc, step);
}

static int run_log(struct cli *cli)
{
	struct db *db = cli->db;
	const char *n = cli_get(cli, "n"), *since = cli_get(cli, "since"), *kind = cli_get(cli, "kind");
	const char *tbl = kind ? kind_find(kind)->name : NULL;
	int64_t limit = -1;
	char at[32], err[160];
	if (n)
		parse_count(n, &limit);
	if (since)
		history_parse_when(since, false, at, err, sizeof err);
	struct output *out = NULL;
	int rc = cli_output(cli, log_cols, LOG_COLS, &out);
	sqlite3_stmt *groups = rc == 0 ? db_statement(db, "history.log") : NULL;
	if (rc == 0 && !groups)
		rc = EX_SOFTWARE;
	if (rc == 0) {
		db_bind_text(groups, ":since", since ? at : NULL);
		db_bind_text(groups, ":tbl", tbl);
		db_bind_int(groups, ":n", limit);
		int step;
		while (rc == 0 && (step = sqlite3_step(groups)) == SQLITE_ROW)
			rc = log_group(db, groups, tbl, out);
		rc = steps_done(db, groups, rc, step);
	}
	if (out)
		rc = rc == 0 ? out_finish(out) : (out_abort(out), rc);
	return rc;
}

static int check_undo(const struct cli *cli)
{
	int64_t g;
	if (cli->nargs == 1 && !parse_count(cli->args[0], &g))
		return sm_error(EX_USAGE, "'%s' is not a change group number (see 'smalog log')", cli->args[0]);
	return 0;
}

/* The open group's changes in words, one line each: what undo would do. */
static int print_open_group(struct db *db)
{
	int64_t first, last;
	int rc = history_open_range(db, &first, &last);
	sqlite3_stmt *stmt = rc == 0 ? db_statement(db, "history.changes") : NULL;
	if (!stmt)
		return rc ? rc : EX_SOFTWARE;
	db_bind_int(stmt, ":first", first);
	db_bind_int(stmt, ":last", last);
	int step;
	while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct sbuf words = { 0 };
		rc = change_words(db, stmt, &words);
		if (rc == 0)
			printf("%s\n", sb_str(&words));
		sb_release(&words);
	}
	return steps_done(db, stmt, rc, step);
}

static int run_undo(struct cli *cli)
{
	struct db *db = cli->db;
	int64_t group = 0;
	int rc = db_begin(db);
	if (rc)
		return rc;
	if (cli->nargs == 1)
		parse_count(cli->args[0], &group);
	rc = history_undo(db, &group);
	if (rc == 0)
		db->note->undoes = group;
	if (rc == 0 && cli_has(cli, "dry-run")) {
		rc = print_open_group(db);
		db_rollback(db);
		return rc;
	}
	if (rc == 0)
		rc = db_commit(db);
	else
		db_rollback(db);
	if (rc == 0)
		printf("undid group %" PRId64 "\n", group);
	return rc;
}

int show_history(struct cli *cli)
{
	struct db *db = cli->db;
	const char *ref = cli->args[1];
	int64_t id = 0;
	/* a record removed since is still named by its id */
	if (!parse_count(ref, &id)) {
		int rc = record_resolve(db, cli->kind, ref, &id);
		if (rc)
			return rc;
	}
	static const struct out_column cols[] = {
		{ "group", OUT_INT }, { "time", OUT_TEXT }, { "who", OUT_TEXT }, { "command", OUT_TEXT },
		{ "message", OUT_TEXT }, { "change", OUT_TEXT },
	};
	struct output *out = NULL;
	int rc = cli_output(cli, cols, 6, &out);
	sqlite3_stmt *stmt = rc == 0 ? db_statement(db, "history.record") : NULL;
	if (rc == 0 && !stmt)
		rc = EX_SOFTWARE;
	int64_t rows = 0;
	if (rc == 0) {
		db_bind_text(stmt, ":tbl", cli->kind->name);
		db_bind_int(stmt, ":row_id", id);
		int step;
		while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
			rows++;
			struct sbuf words = { 0 };
			rc = change_words(db, stmt, &words);
			const char *who = (const char *)sqlite3_column_text(stmt, 7);
			struct out_value v[6] = {
				int_value(stmt, 5), text_value((const char *)sqlite3_column_text(stmt, 6)),
				text_value(who ? who : "outside smalog"), text_value((const char *)sqlite3_column_text(stmt, 8)),
				text_value((const char *)sqlite3_column_text(stmt, 9)), text_value(sb_str(&words)),
			};
			if (rc == 0)
				rc = out_row(out, v);
			sb_release(&words);
		}
		rc = steps_done(db, stmt, rc, step);
	}
	if (rc == 0 && rows == 0) {
		out_abort(out);
		return sm_error(EX_DATAERR, "no %s %s in the change log", cli->kind->name, ref);
	}
	if (out)
		rc = rc == 0 ? out_finish(out) : (out_abort(out), rc);
	return rc;
}

static const struct option_spec log_options[] = {
	{ "kind", true, "only the changes to records of this kind" },
	{ "since", true, "only the groups from this moment on (UTC: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)" },
	{ "n", true, "only the latest N groups" },
	{ NULL, false, NULL },
};

const struct command cmd_log = {
	.name = "log", .check = check_log, .run = run_log, .options = log_options, .output = true,
	.args = { 0, 0, "no argument" }, .opens = OPENS_READ,
	.usage = "smalog log [--kind KIND] [--since WHEN] [-n N]",
	.summary = "Show the change groups, newest first, each change in words.",
	.help = "Every writing command is one change group: when (UTC), who ($SMALOG_USER,\n"
		"else the login name), the command line, its -m message and counts.  Writes\n"
		"made outside smalog (the sqlite3 shell) are a group of their own, 'outside\n"
		"smalog'.  One line per change: 'position 3: pct 13.00 \xE2\x86\x92 13.90'.\n",
};

static const struct option_spec undo_options[] = {
	{ "dry-run", false, "say what the undo would change, and change nothing" },
	{ NULL, false, NULL },
};

const struct command cmd_undo = {
	.name = "undo", .check = check_undo, .run = run_undo, .options = undo_options,
	.args = { 0, 1, "a change group number, or none for the latest" }, .opens = OPENS_WRITE,
	.usage = "smalog undo [GROUP] [--dry-run]",
	.summary = "Reverse a change group (default: the latest not undone) as a new group.",
	.help = "The undo is itself a change group, so 'smalog undo N' of an undo brings back\n"
		"what it reversed.  Refused, naming the records, when a later group changed the\n"
		"same records (undo that one first).  Without GROUP, undo takes the latest group\n"
		"that is not an undo and was not undone, so repeated undos walk back in time.\n",
};

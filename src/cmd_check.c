/* cmd_check.c - checks the file's integrity and every record's validity. */
#include "smalog/commands.h"

#include "smalog/db.h"
#include "smalog/decimal.h"
#include "smalog/error.h"
#include "smalog/history.h"
#include "smalog/record.h"
#include "smalog/schema.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

struct problems {
	struct output *out;
	int64_t count;
	int rc; /* sticky: nothing more is written once a write failed */
};

static void report(struct problems *p, const char *kind, int64_t id, const char *what)
{
	if (p->rc)
		return;
	struct out_value vals[3] = {
		{ .kind = VAL_TEXT, .s = kind, .len = strlen(kind) },
		id ? (struct out_value){ .kind = VAL_INT, .i = id } : (struct out_value){ .kind = VAL_NULL },
		{ .kind = VAL_TEXT, .s = what, .len = strlen(what) },
	};
	p->count++;
	p->rc = out_row(p->out, vals);
}

/* Re-validate every stored field as `add` would, so rows written by other
 * tools (the sqlite3 shell) are held to the same rules. */
static int check_records(struct db *db, const struct kind *kind, struct problems *p, int64_t *seen)
{
	sqlite3_stmt *list = record_statement(db, kind, "list");
	if (!list)
		return EX_SOFTWARE;
	struct record stored, fresh;
	record_init(&stored, kind);
	record_init(&fresh, kind);
	int rc = 0, step;
	while (rc == 0 && p->rc == 0 && (step = sqlite3_step(list)) == SQLITE_ROW) {
		(*seen)++;
		rc = record_from_row(&stored, list);
		char err[512], buf[32];
		int bad = -1, problem = 0;
		for (int i = 0; rc == 0 && i < kind->nfields && !problem; i++) {
			const char *text = record_field_text(&stored, i, buf, sizeof buf);
			if (record_set(&fresh, i, text, err, sizeof err) != 0) {
				report(p, kind->name, stored.id, err);
				problem = 1;
			}
		}
		if (!problem && record_check(&fresh, &bad, err, sizeof err) != 0) {
			report(p, kind->name, stored.id, err);
			problem = 1;
		}
		if (!problem) {
			int refs = record_check_references(db, &fresh, &bad, err, sizeof err);
			if (refs < 0)
				report(p, kind->name, stored.id, err);
			else if (refs > 0)
				rc = refs;
		}
	}
	if (rc == 0 && p->rc == 0 && step != SQLITE_DONE)
		rc = db_fail(db, step, "reading records");
	sqlite3_reset(list);
	record_release(&stored);
	record_release(&fresh);
	return rc;
}

/* Positions whose stated pct disagrees with their amount, both as the
 * report views resolve them (check.pct_mismatch). */
static int check_pct(struct db *db, struct problems *p)
{
	sqlite3_stmt *stmt = db_statement(db, "check.pct_mismatch");
	if (!stmt)
		return EX_SOFTWARE;
	int step;
	while (p->rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		char stated[32], implied[32], what[256];
		decimal_format(sqlite3_column_int64(stmt, 1), 2, false, stated, sizeof stated);
		decimal_format(sqlite3_column_int64(stmt, 2), 2, false, implied, sizeof implied);
		snprintf(what, sizeof what, "pct %s%% is more than half a point from the %s%% that amount %" PRId64
			 " %s implies over baseline %" PRId64, stated, implied, (int64_t)sqlite3_column_int64(stmt, 3),
			 (const char *)sqlite3_column_text(stmt, 5), (int64_t)sqlite3_column_int64(stmt, 4));
		report(p, "position", sqlite3_column_int64(stmt, 0), what);
	}
	sqlite3_reset(stmt);
	return p->rc || step == SQLITE_DONE ? 0 : db_fail(db, step, "checking percentages");
}

/* The checks of check.sql that say the problem in words: each row is a
 * kind, an id and the problem (check.dates, check.twice, check.cycles). */
static int check_statement(struct db *db, struct problems *p, const char *name)
{
	sqlite3_stmt *stmt = db_statement(db, name);
	if (!stmt)
		return EX_SOFTWARE;
	int step;
	while (p->rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW)
		report(p, (const char *)sqlite3_column_text(stmt, 0), sqlite3_column_int64(stmt, 1),
		       (const char *)sqlite3_column_text(stmt, 2));
	sqlite3_reset(stmt);
	return p->rc || step == SQLITE_DONE ? 0 : db_fail(db, step, "checking the records");
}

static int check_file(struct db *db, struct problems *p)
{
	sqlite3_stmt *stmt = db_statement(db, "check.integrity");
	if (!stmt)
		return EX_SOFTWARE;
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(stmt, 0);
		if (strcmp(msg, "ok") != 0)
			report(p, "file", 0, msg);
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_DONE) {
		char what[256];
		snprintf(what, sizeof what, "the file is damaged: %s", sqlite3_errmsg(db->handle));
		report(p, "file", 0, what);
		return 0;
	}
	stmt = db_statement(db, "check.foreign_keys");
	if (!stmt)
		return EX_SOFTWARE;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		char what[160];
		snprintf(what, sizeof what, "refers to a missing %s", sqlite3_column_text(stmt, 2));
		report(p, (const char *)sqlite3_column_text(stmt, 0), sqlite3_column_int64(stmt, 1), what);
	}
	sqlite3_reset(stmt);
	return 0;
}

/* The change log's hash chain: the first group that does not match. */
static int check_history(struct db *db, struct problems *p)
{
	int64_t bad = 0;
	char why[160];
	int rc = history_verify(db, &bad, why, sizeof why);
	if (rc == 0 && bad)
		report(p, "history", bad, why);
	return rc;
}

static void report_schema(void *arg, const char *what)
{
	report(arg, "schema", 0, what);
}

/* The schema against smalog's (schema_check), repaired when asked.  An
 * older file that a foreign trigger kept from its upgrade is upgraded once
 * repaired; records are checked only at the latest version (and then
 * through smalog's own report views), so *records_ok is false before. */
static int check_schema(struct cli *cli, struct problems *p, bool *records_ok)
{
	bool repaired;
	int rc = schema_check(cli->db, cli_has(cli, "repair"), report_schema, p, &repaired);
	if (rc == 0 && repaired && cli->db->version < db_schema_version()) {
		db_close(cli->db);
		rc = db_open(db_default_path(cli->db_path), DB_CHECK, &cli->db);
	}
	*records_ok = rc == 0 && cli->db->version == db_schema_version();
	if (*records_ok)
		rc = schema_temp_views(cli->db);
	return rc;
}

static int run_check(struct cli *cli)
{
	static const struct out_column cols[] = { { "kind", OUT_TEXT }, { "id", OUT_INT }, { "problem", OUT_TEXT } };
	struct problems p = { 0 };
	int rc = cli_output(cli, cols, 3, &p.out);
	if (rc == 0)
		rc = check_file(cli->db, &p);
	bool records_ok = false;
	if (rc == 0 && p.count == 0)
		rc = check_schema(cli, &p, &records_ok);
	int64_t seen = 0;
	bool file_ok = p.count == 0 && records_ok;
	for (int k = 0; rc == 0 && file_ok && all_kinds[k]; k++)
		rc = check_records(cli->db, all_kinds[k], &p, &seen);
	if (rc == 0 && file_ok)
		rc = check_history(cli->db, &p);
	if (rc == 0 && file_ok)
		rc = check_pct(cli->db, &p);
	static const char *const data_checks[] = { "check.dates", "check.twice", "check.cycles" };
	for (size_t i = 0; rc == 0 && file_ok && i < sizeof data_checks / sizeof data_checks[0]; i++)
		rc = check_statement(cli->db, &p, data_checks[i]);
	if (rc == 0)
		rc = p.rc;
	if (p.out)
		rc = rc == 0 ? out_finish(p.out) : (out_abort(p.out), rc);
	if (rc)
		return rc;
	if (p.count > 0)
		return sm_error(EX_DATAERR, "%" PRId64 " problem%s found in '%s'", p.count, p.count == 1 ? "" : "s",
				db_default_path(cli->db_path));
	fprintf(stderr, "ok: %" PRId64 " records checked, no problems\n", seen);
	return 0;
}

static const struct option_spec check_options[] = {
	{ "repair", false, "drop the triggers and indexes smalog did not create, restore its own objects (says what first)" },
	{ NULL, 0, NULL },
};

const struct command cmd_check = {
	.name = "check", .run = run_check, .options = check_options, .output = true,
	.opens = OPENS_CHECK,
	.usage = "smalog check [--repair]",
	.summary = "Check the file's integrity and every record (exit 65 when a problem is found).",
	.help = "Reports damaged pages, broken references, invalid values written by other\n"
		"tools, rounds that end before they start, positions whose pct is more than\n"
		"half a point from what their amount implies (as 'smalog delta' resolves\n"
		"them), dates more than two years outside their agreement's years or in the\n"
		"future, positions and outcomes recorded twice, a cycle of previous\n"
		"agreements, and every table, view, index or trigger that smalog did not\n"
		"create: a user's own table or view is a note, a foreign trigger or index,\n"
		"or a changed or missing object of smalog's, a problem that --repair puts\n"
		"right.\n",
};

/* test_history.c - the change log: moments, smalog's json_object, triggers that follow the tables, sealing and the chain. */
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/history.h"

#include "check_main.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char path[128];

static void setup(void)
{
	scratch_make(dir, "history", path, sizeof path);
	sm_error_clear();
}

static void teardown(void)
{
	scratch_remove(dir);
}

static void exec_ok(sqlite3 *h, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		ck_abort_msg("%s: %s", sql, err);
}

/* The first column of the first row of sql, as text (static buffer). */
static const char *text_of(sqlite3 *h, const char *sql)
{
	static char buf[4096];
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	const char *t = (const char *)sqlite3_column_text(stmt, 0);
	snprintf(buf, sizeof buf, "%s", t ? t : "(null)");
	sqlite3_finalize(stmt);
	return buf;
}

START_TEST(moments_parse_to_the_logs_form)
{
	char at[32], err[200];
	ck_assert_int_eq(history_parse_when("2020-02-29", true, at, err, sizeof err), 0);
	ck_assert_str_eq(at, "2020-02-29T23:59:59.999Z");
	ck_assert_int_eq(history_parse_when("2020-02-29", false, at, err, sizeof err), 0);
	ck_assert_str_eq(at, "2020-02-29T00:00:00.000Z");
	ck_assert_int_eq(history_parse_when("2026-11-30T20:50", true, at, err, sizeof err), 0);
	ck_assert_str_eq(at, "2026-11-30T20:50:00.000Z");
	ck_assert_int_eq(history_parse_when("2026-11-30 20:50:01.5Z", true, at, err, sizeof err), 0);
	ck_assert_str_eq(at, "2026-11-30T20:50:01.500Z");
	ck_assert_int_eq(history_parse_when("2026-11-30T20:50:01.123Z", true, at, err, sizeof err), 0);
	ck_assert_str_eq(at, "2026-11-30T20:50:01.123Z");
	static const char *const bad[] = { "2021-02-29", "2020-13-01", "2020-1-01", "2020-01-01T24:00", "2020-01-01T10",
					   "2020-01-01T10:00:00.", "2020-01-01T10:00:00.1234", "2020-01-01Z ", "yesterday", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		ck_assert_msg(history_parse_when(bad[i], true, at, err, sizeof err) == -1, "'%s' was taken", bad[i]);
		ck_assert_msg(strstr(err, "is not a moment") != NULL, "'%s': %s", bad[i], err);
	}
}
END_TEST

/* smalog's json_object writes what SQLite's own writes. */
START_TEST(json_object_is_sqlites)
{
	sqlite3 *plain, *ours;
	ck_assert_int_eq(sqlite3_open(":memory:", &plain), SQLITE_OK);
	ck_assert_int_eq(sqlite3_open(":memory:", &ours), SQLITE_OK);
	ck_assert_int_eq(history_register(ours), SQLITE_OK);
	static const char sql[] = "SELECT json_object('id', 3, 'pct_bp', -1390, 'notes', NULL, 'end', 'a \"q\" \\ b' || char(10, 9, 13, 8, 12, 1, 31) || '한국', "
				  "'rate', 1.5, 'big', 9223372036854775807, 'empty', '')";
	char want[4096];
	snprintf(want, sizeof want, "%s", text_of(plain, sql));
	ck_assert_str_eq(text_of(ours, sql), want);
	ck_assert_str_eq(text_of(ours, "SELECT json_object()"), "{}");
	/* what json_extract reads back is what was put in */
	ck_assert_str_eq(text_of(ours, "SELECT json_extract(json_object('t', 'x' || char(10) || 'y'), '$.t') = 'x' || char(10) || 'y'"), "1");
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(ours, "SELECT json_object('a')", -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ERROR);
	sqlite3_finalize(stmt);
	sqlite3_close(plain);
	sqlite3_close(ours);
}
END_TEST

/* The triggers are made from the tables: a column added later is logged
 * with no hand edit, and a generated column is not. */
START_TEST(triggers_follow_the_tables)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(":memory:", &h), SQLITE_OK);
	for (int v = 1; v <= db_schema_version(); v++)
		exec_ok(h, db_migration(v));
	ck_assert_int_eq(history_make_triggers(h), SQLITE_OK);
	ck_assert_str_eq(text_of(h, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'history%'"), "33");
	const char *sql = text_of(h, "SELECT sql FROM sqlite_schema WHERE name = 'history_position_update'");
	ck_assert_ptr_nonnull(strstr(sql, "'pct_bp', OLD.\"pct_bp\""));
	ck_assert_ptr_null(strstr(sql, "date_key"));
	/* the uid is kept, but its filling in after an insert is no change */
	ck_assert_ptr_nonnull(strstr(sql, "'uid', OLD.\"uid\""));
	ck_assert_ptr_nonnull(strstr(sql, "(OLD.\"uid\" IS NOT NULL AND OLD.\"uid\" IS NOT NEW.\"uid\")"));
	ck_assert_ptr_null(strstr(sql, "extra"));
	exec_ok(h, "ALTER TABLE position ADD COLUMN extra TEXT");
	ck_assert_int_eq(history_make_triggers(h), SQLITE_OK);
	sql = text_of(h, "SELECT sql FROM sqlite_schema WHERE name = 'history_position_update'");
	ck_assert_ptr_nonnull(strstr(sql, "'extra', OLD.\"extra\""));
	ck_assert_ptr_nonnull(strstr(sql, "OLD.\"extra\" IS NOT NEW.\"extra\""));
	ck_assert_str_eq(text_of(h, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'history%'"), "33");
	/* the index kind's table is quoted where it is named */
	ck_assert_ptr_nonnull(strstr(text_of(h, "SELECT sql FROM sqlite_schema WHERE name = 'history_index_insert'"),
				     "ON \"index\""));
	sqlite3_close(h);
}
END_TEST

/* A commit seals its group into the chain; an edit made by hand to a
 * sealed group, or its removal, is found. */
START_TEST(commits_seal_groups_that_verify)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	struct history_note note = { .who = "alice", .command = "smalog test", .message = "why" };
	db->note = &note;
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(db_begin(db), 0);
		char sql[128];
		snprintf(sql, sizeof sql, "INSERT INTO agreement (code) VALUES ('SMA-%d'); UPDATE agreement SET title = 't' WHERE id = 1", i);
		exec_ok(db->handle, sql);
		ck_assert_int_eq(db_commit(db), 0);
	}
	ck_assert_str_eq(text_of(db->handle, "SELECT group_concat(id || ':' || who || ':' || added || changed || removed || ':' || first_change || '-' || last_change, ' ') FROM change_group WHERE hash IS NOT NULL"),
			 "1:alice:110:1-2 2:alice:100:3-3");
	ck_assert_str_eq(text_of(db->handle, "SELECT count(*) FROM change_group WHERE hash IS NULL"), "1");
	int64_t bad = -1;
	char why[160];
	ck_assert_int_eq(history_verify(db, &bad, why, sizeof why), 0);
	ck_assert_int_eq(bad, 0);
	/* a transaction that writes nothing seals nothing */
	ck_assert_int_eq(db_begin(db), 0);
	ck_assert_int_eq(db_commit(db), 0);
	ck_assert_str_eq(text_of(db->handle, "SELECT max(id) FROM change_group WHERE hash IS NOT NULL"), "2");
	exec_ok(db->handle, "UPDATE change SET row_id = 7 WHERE id = 3");
	ck_assert_int_eq(history_verify(db, &bad, why, sizeof why), 0);
	ck_assert_int_eq(bad, 2);
	ck_assert_str_eq(why, "change group 2 does not match its hash (edited by hand)");
	exec_ok(db->handle, "UPDATE change SET row_id = 2 WHERE id = 3; DELETE FROM change_group WHERE id = 1");
	ck_assert_int_eq(history_verify(db, &bad, why, sizeof why), 0);
	ck_assert_int_eq(bad, 1);
	ck_assert_str_eq(why, "change group 1 is missing (removed by hand)");
	db_close(db);
}
END_TEST

/* Undo reverses a group inside the open transaction, as a group of its
 * own; a group and its undo cancel out until the undo is undone. */
START_TEST(undo_reverses_a_group)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	struct history_note note = { .who = "alice", .command = "smalog test" };
	db->note = &note;
	ck_assert_int_eq(db_begin(db), 0);
	exec_ok(db->handle, "INSERT INTO agreement (code, title) VALUES ('A', 'first'), ('B', NULL)");
	ck_assert_int_eq(db_commit(db), 0);
	ck_assert_int_eq(db_begin(db), 0);
	exec_ok(db->handle, "UPDATE agreement SET title = 'second' WHERE code = 'A'; DELETE FROM agreement WHERE code = 'B'");
	ck_assert_int_eq(db_commit(db), 0);
	int64_t group = 0;
	ck_assert_int_eq(db_begin(db), 0);
	ck_assert_int_eq(history_undo(db, &group), 0);
	ck_assert_int_eq(group, 2);
	note.undoes = group;
	ck_assert_int_eq(db_commit(db), 0);
	ck_assert_str_eq(text_of(db->handle, "SELECT group_concat(id || code || coalesce(title, '-'), ' ') FROM agreement"), "1Afirst 2B-");
	ck_assert_str_eq(text_of(db->handle, "SELECT undoes || ':' || added || changed || removed FROM change_group WHERE id = 3"), "2:110");
	/* group 2 and its undo cancel out: undo takes group 1 next, and may */
	group = 0;
	ck_assert_int_eq(db_begin(db), 0);
	ck_assert_int_eq(history_undo(db, &group), 0);
	ck_assert_int_eq(group, 1);
	ck_assert_str_eq(text_of(db->handle, "SELECT count(*) FROM agreement"), "0");
	db_rollback(db);
	/* once group 3 is undone, group 2 is in force again and group 1 may not */
	group = 3;
	ck_assert_int_eq(db_begin(db), 0);
	ck_assert_int_eq(history_undo(db, &group), 0);
	note.undoes = group;
	ck_assert_int_eq(db_commit(db), 0);
	group = 1;
	ck_assert_int_eq(db_begin(db), 0);
	ck_assert_int_eq(history_undo(db, &group), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(), "cannot undo group 1: later groups changed agreement 1 (group 2), agreement 2 (group 2); undo those first");
	db_rollback(db);
	sm_error_clear();
	group = 3;
	ck_assert_int_eq(db_begin(db), 0);
	ck_assert_int_eq(history_undo(db, &group), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(), "group 3 is undone already, by group 4 ('smalog undo 4' brings it back)");
	db_rollback(db);
	db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("log");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, moments_parse_to_the_logs_form);
	tcase_add_test(tc, json_object_is_sqlites);
	tcase_add_test(tc, triggers_follow_the_tables);
	tcase_add_test(tc, commits_seal_groups_that_verify);
	tcase_add_test(tc, undo_reverses_a_group);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

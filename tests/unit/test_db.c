/* test_db.c - opening, identifying and upgrading smalog databases. */
#include "smalog/db.h"
#include "smalog/error.h"

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
	strcpy(dir, "/tmp/smalog-test-db.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/test.db", dir);
	sm_error_clear();
}

static void teardown(void)
{
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Build a database file from an SQL text with plain SQLite. */
static void make_file(const char *sql)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	char *err = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		ck_abort_msg("fixture: %s", err);
	sqlite3_close(h);
}

static char *read_text(const char *file)
{
	FILE *f = fopen(file, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *text = malloc((size_t)n + 1);
	ck_assert_int_eq(fread(text, 1, (size_t)n, f), (size_t)n);
	text[n] = '\0';
	fclose(f);
	return text;
}

static int64_t scalar(struct db *db, const char *sql)
{
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(db->handle, sql, -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

START_TEST(create_sets_identity_and_version)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	ck_assert_int_eq(scalar(db, "PRAGMA application_id"), SMALOG_APPLICATION_ID);
	ck_assert_int_eq(scalar(db, "PRAGMA user_version"), db_schema_version());
	ck_assert_int_eq(scalar(db, "PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(scalar(db, "PRAGMA synchronous"), 2); /* FULL */
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'position'"), 1);
	db_close(db);
	ck_assert_int_eq(access(path, F_OK), 0);
}
END_TEST

START_TEST(create_refuses_existing_file)
{
	make_file("CREATE TABLE t (x)");
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), EX_CANTCREAT);
	ck_assert_ptr_null(db);
}
END_TEST

START_TEST(missing_file_is_not_created)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_READ_WRITE, &db), EX_NOINPUT);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(db_open(path, DB_READ_ONLY, &db), EX_NOINPUT);
	ck_assert_int_eq(access(path, F_OK), -1);
}
END_TEST

START_TEST(foreign_sqlite_file_is_refused)
{
	make_file("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
	char *before = read_text(path);
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_READ_WRITE, &db), EX_DATAERR);
	ck_assert(strstr(sm_error_message(), "is not a smalog database"));
	char *after = read_text(path);
	ck_assert_mem_eq(before, after, 4096);
	free(before);
	free(after);
}
END_TEST

START_TEST(newer_version_is_refused)
{
	make_file("PRAGMA application_id = 1397574727; PRAGMA user_version = 1000; CREATE TABLE t (x)");
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_READ_WRITE, &db), EX_DATAERR);
	ck_assert(strstr(sm_error_message(), "newer smalog (schema version 1000"));
}
END_TEST

/* The fixture is a version-1 database with the example's rows, made before
 * import_log existed: upgrading must keep every row, whether a writer or a
 * reader opens it first. */
START_TEST(upgrade_from_version_1_keeps_every_row)
{
	char *fixture = read_text(TEST_DATA_DIR "/schema-v1.sql");
	make_file(fixture);
	free(fixture);
	struct db *db;
	ck_assert_int_eq(db_open(path, _i ? DB_READ_ONLY : DB_READ_WRITE, &db), 0);
	ck_assert_int_eq(scalar(db, "PRAGMA user_version"), db_schema_version());
	ck_assert_int_eq(sqlite3_db_readonly(db->handle, "main"), _i);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM position"), 4);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM round"), 8);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM outcome"), 5);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM source"), 3);
	ck_assert_int_eq(scalar(db, "SELECT sum(pct_bp) FROM position"), 7600);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM import_log"), 0);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	db_close(db);
}
END_TEST

/* Views are replaced, not migrated: a file of an earlier version gets this
 * version's report views on its upgrade, while a view of the user's own,
 * even one built on a report, is kept. */
START_TEST(upgrade_replaces_the_report_views)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	db_close(db);
	make_file("DROP VIEW round_delta;"
		  "CREATE VIEW round_delta AS SELECT 'from an earlier version' AS stale;"
		  "DROP VIEW standing_gap;"
		  "CREATE VIEW my_rounds AS SELECT agreement, seq FROM round_delta_row;"
		  "PRAGMA user_version = 3;");
	ck_assert_int_eq(db_open(path, _i ? DB_READ_ONLY : DB_READ_WRITE, &db), 0);
	ck_assert_int_eq(scalar(db, "PRAGMA user_version"), db_schema_version());
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM pragma_table_info('round_delta') WHERE name = 'stale'"), 0);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM pragma_table_info('round_delta') WHERE name = 'change_gap'"), 1);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'standing_gap'"), 1);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM my_rounds"), 0);
	db_close(db);
}
END_TEST

START_TEST(named_statements_are_cached)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	sqlite3_stmt *a = db_statement(db, "position.insert");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_eq(db_statement(db, "position.insert"), a);
	ck_assert_ptr_null(db_statement(db, "no.such.statement"));
	ck_assert_int_eq(sm_error_code(), EX_SOFTWARE);
	db_close(db);
}
END_TEST

START_TEST(rollback_leaves_nothing)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	ck_assert_int_eq(db_begin(db), 0);
	sqlite3_stmt *s = db_statement(db, "rate.insert");
	db_bind_text(s, ":date", "2020");
	db_bind_text(s, ":currency", "KRW");
	db_bind_int(s, ":per_usd_e4", 12000000);
	ck_assert_int_eq(db_run(db, s, "adding"), 0);
	db_rollback(db);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM rate"), 0);
	db_close(db);
}
END_TEST

START_TEST(constraint_failure_maps_to_data_error)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	sqlite3_stmt *s = db_statement(db, "rate.insert");
	db_bind_text(s, ":date", "2020");
	db_bind_text(s, ":currency", "KRW");
	db_bind_int(s, ":per_usd_e4", -1);
	ck_assert_int_eq(db_run(db, s, "adding"), EX_DATAERR);
	db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("open");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, create_sets_identity_and_version);
	tcase_add_test(tc, create_refuses_existing_file);
	tcase_add_test(tc, missing_file_is_not_created);
	tcase_add_test(tc, foreign_sqlite_file_is_refused);
	tcase_add_test(tc, newer_version_is_refused);
	tcase_add_loop_test(tc, upgrade_from_version_1_keeps_every_row, 0, 2); /* by a writer, a reader */
	tcase_add_loop_test(tc, upgrade_replaces_the_report_views, 0, 2); /* by a writer, a reader */
	tcase_add_test(tc, named_statements_are_cached);
	tcase_add_test(tc, rollback_leaves_nothing);
	tcase_add_test(tc, constraint_failure_maps_to_data_error);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

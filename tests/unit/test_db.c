/* test_db.c - opening, identifying and upgrading smalog databases. */
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/schema.h"

#include "check_main.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];
static char path[128];

static void setup(void)
{
	scratch_make(dir, "db", path, sizeof path);
	sm_error_clear();
}

static void teardown(void)
{
	scratch_remove(dir);
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

/* Remove the change log, as a file from before it lacks it: its tables
 * and the triggers that fill them. */
static void drop_history(void)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	char *sql = NULL;
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT group_concat('DROP TRIGGER \"' || name || '\";', '') FROM sqlite_schema "
					       "WHERE type = 'trigger' AND name LIKE 'history\\_%' ESCAPE '\\'", -1, &stmt, NULL),
			 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	sql = sqlite3_mprintf("%s DROP TABLE change_group; DROP TABLE change;", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		ck_abort_msg("fixture: %s", err);
	sqlite3_free(sql);
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
	/* a writer runs no view of the file; this reads what the upgrade left */
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_ENABLE_VIEW, 1, NULL);
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
	/* what migrations after 3 made, as a version-3 file lacks it */
	drop_history();
	make_file("DROP TRIGGER agreement_uid; DROP TRIGGER agreement_uid_kept; DROP INDEX agreement_by_uid; ALTER TABLE agreement DROP COLUMN uid;"
		  "DROP TRIGGER source_uid; DROP TRIGGER source_uid_kept; DROP INDEX source_by_uid; ALTER TABLE source DROP COLUMN uid;"
		  "DROP TRIGGER round_uid; DROP TRIGGER round_uid_kept; DROP INDEX round_by_uid; ALTER TABLE round DROP COLUMN uid;"
		  "DROP TRIGGER position_uid; DROP TRIGGER position_uid_kept; DROP INDEX position_by_uid; ALTER TABLE position DROP COLUMN uid;"
		  "DROP TRIGGER outcome_uid; DROP TRIGGER outcome_uid_kept; DROP INDEX outcome_by_uid; ALTER TABLE outcome DROP COLUMN uid;"
		  "DROP TRIGGER furlough_uid; DROP TRIGGER furlough_uid_kept; DROP INDEX furlough_by_uid; ALTER TABLE furlough DROP COLUMN uid;"
		  "DROP TRIGGER rate_uid; DROP TRIGGER rate_uid_kept; DROP INDEX rate_by_uid; ALTER TABLE rate DROP COLUMN uid;"
		  "ALTER TABLE round DROP COLUMN negotiators;"
		  "DROP TABLE statement; DROP TABLE actor; DROP TABLE schedule; DROP TABLE \"index\";"
		  "DROP VIEW round_delta;"
		  "CREATE VIEW round_delta AS SELECT 'from an earlier version' AS stale;"
		  "DROP VIEW standing_gap;"
		  "CREATE VIEW my_rounds AS SELECT agreement, seq FROM round_delta_row;"
		  "PRAGMA user_version = 3;");
	ck_assert_int_eq(db_open(path, _i ? DB_READ_ONLY : DB_READ_WRITE, &db), 0);
	/* a writer runs no view of the file; this reads what the upgrade left */
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_ENABLE_VIEW, 1, NULL);
	ck_assert_int_eq(scalar(db, "PRAGMA user_version"), db_schema_version());
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM pragma_table_info('round_delta') WHERE name = 'stale'"), 0);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM pragma_table_info('round_delta') WHERE name = 'change_gap'"), 1);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'standing_gap'"), 1);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM my_rounds"), 0);
	db_close(db);
}
END_TEST

/* Insert a rate with plain SQL and return its id. */
static int64_t insert_rate(struct db *db, const char *date)
{
	sqlite3_stmt *s = db_statement(db, "rate.insert");
	db_bind_text(s, ":date", date);
	db_bind_text(s, ":currency", "KRW");
	db_bind_int(s, ":per_usd_e4", 12000000);
	db_bind_null(s, ":source");
	db_bind_null(s, ":notes");
	ck_assert_int_eq(db_run(db, s, "adding"), 0);
	return sqlite3_last_insert_rowid(db->handle);
}

/* Every kind's table, as the migration must leave it. */
static const char *const kind_tables[] = { "agreement", "source", "round", "position", "outcome", "furlough", "rate", NULL };

/* After an upgrade every kind's table hands out ids with AUTOINCREMENT,
 * keeps STRICT, and sqlite_sequence starts at its max(id). */
static void expect_ids_for_life(struct db *db)
{
	char sql[256];
	for (int i = 0; kind_tables[i]; i++) {
		snprintf(sql, sizeof sql,
			 "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s' "
			 "AND sql LIKE '%%INTEGER PRIMARY KEY AUTOINCREMENT%%' AND sql LIKE '%%) STRICT'",
			 kind_tables[i]);
		ck_assert_msg(scalar(db, sql) == 1, "%s is not AUTOINCREMENT and STRICT", kind_tables[i]);
		snprintf(sql, sizeof sql,
			 "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = '%s'), 0) = "
			 "coalesce((SELECT max(id) FROM %s), 0)", kind_tables[i], kind_tables[i]);
		ck_assert_msg(scalar(db, sql) == 1, "sqlite_sequence of %s is not its max(id)", kind_tables[i]);
	}
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
	/* the indexes of versions 1 and 3, every one */
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN ("
				    "'position_by_agreement_date', 'position_by_party', 'position_by_round', 'round_by_start',"
				    "'outcome_by_agreement_date', 'outcome_by_round', 'furlough_by_agreement_start',"
				    "'rate_by_currency_date', 'agreement_by_previous', 'position_by_kind')"), 10);
	/* the CHECKs are there: a negative amount is still refused */
	ck_assert_int_ne(sqlite3_exec(db->handle, "INSERT INTO furlough (agreement, start, workers) VALUES ('SMA-11', '2020', 0)",
				      NULL, NULL, NULL), SQLITE_OK);
}

/* Version 1 to this version: every row, with its id, and ids for life. */
START_TEST(upgrade_from_version_1_gives_ids_for_life)
{
	char *fixture = read_text(TEST_DATA_DIR "/schema-v1.sql");
	make_file(fixture);
	free(fixture);
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_READ_WRITE, &db), 0);
	expect_ids_for_life(db);
	ck_assert_int_eq(scalar(db, "SELECT sum(id) FROM position"), 1 + 2 + 3 + 4);
	db_close(db);
}
END_TEST

/*
 * The version-4 fixture is `smalog init --example` of version 4 with rates
 * 2 to 4 added and 2 and 4 deleted.  Every row comes through with its id
 * and values, whether a writer or a reader opens the file first; rate gains
 * source and notes (empty); the next rate is 4, not a reused id.
 */
START_TEST(upgrade_from_version_4_keeps_every_row)
{
	char *fixture = read_text(TEST_DATA_DIR "/schema-v4.sql");
	make_file(fixture);
	free(fixture);
	/* what the rows were, before any upgrade, as one text */
	const char *rows_sql =
		"SELECT (SELECT group_concat(x, '|') FROM (SELECT id || code || coalesce(title, '') || coalesce(parties, '') || currency"
		" || coalesce(total, '') || coalesce(baseline, '') || coalesce(previous, '') || coalesce(start_year, '')"
		" || coalesce(end_year, '') || coalesce(signed, '') || coalesce(source, '') || coalesce(notes, '') AS x FROM agreement ORDER BY id))"
		" || (SELECT group_concat(x, '|') FROM (SELECT id || key || outlet || coalesce(title, '') || coalesce(url, '')"
		" || coalesce(published, '') || coalesce(notes, '') AS x FROM source ORDER BY id))"
		" || (SELECT group_concat(x, '|') FROM (SELECT id || agreement || seq || start || coalesce(\"end\", '') || coalesce(location, '')"
		" || coalesce(format, '') || coalesce(source, '') || coalesce(notes, '') || start_key AS x FROM round ORDER BY id))"
		" || (SELECT group_concat(x, '|') FROM (SELECT id || agreement || coalesce(round, '') || date || party || kind"
		" || coalesce(amount, '') || coalesce(currency, '') || coalesce(pct_bp, '') || coalesce(years, '') || confidence"
		" || coalesce(terms, '') || coalesce(source, '') || coalesce(notes, '') || date_key || coalesce(pct, '') AS x FROM position ORDER BY id))"
		" || (SELECT group_concat(x, '|') FROM (SELECT id || agreement || coalesce(round, '') || date || kind"
		" || coalesce(source, '') || coalesce(notes, '') AS x FROM outcome ORDER BY id))"
		" || (SELECT group_concat(x, '|') FROM (SELECT id || agreement || start || coalesce(\"end\", '') || workers"
		" || coalesce(stopgap, '') || coalesce(currency, '') || coalesce(source, '') || coalesce(notes, '') AS x FROM furlough ORDER BY id))"
		" || (SELECT group_concat(x, '|') FROM (SELECT id || date || currency || per_usd_e4 || date_key || per_usd AS x FROM rate ORDER BY id))";
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(h, rows_sql, -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	char *before = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(h);

	struct db *db;
	ck_assert_int_eq(db_open(path, _i ? DB_READ_ONLY : DB_READ_WRITE, &db), 0);
	/* a writer runs no view of the file; this reads what the upgrade left */
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_ENABLE_VIEW, 1, NULL);
	ck_assert_int_eq(scalar(db, "PRAGMA user_version"), db_schema_version());
	ck_assert_int_eq(sqlite3_prepare_v2(db->handle, rows_sql, -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(stmt, 0), before);
	sqlite3_finalize(stmt);
	free(before);
	expect_ids_for_life(db);
	ck_assert_int_eq(scalar(db, "SELECT group_concat(id, '') FROM (SELECT id FROM rate ORDER BY id)"), 13);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM rate WHERE source IS NULL AND notes IS NULL"), 2);
	/* the report views came back and read the kept rows */
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM position_delta"), 4);
	db_close(db);
	if (_i == 0) {
		ck_assert_int_eq(db_open(path, DB_READ_WRITE, &db), 0);
		ck_assert_int_eq(insert_rate(db, "2022"), 4);
		db_close(db);
	}
}
END_TEST

/* A file whose references were broken by a tool with foreign keys off
 * upgrades all the same, its references left exactly as they were (check
 * reports them; an upgrade is no place to lose or refuse records). */
START_TEST(upgrade_keeps_broken_references_as_they_are)
{
	char *fixture = read_text(TEST_DATA_DIR "/schema-v4.sql");
	make_file(fixture);
	free(fixture);
	make_file("INSERT INTO position (agreement, date, party, kind, pct_bp) VALUES ('SMA-99', '2020', 'KR', 'offer', 100);"
		  "INSERT INTO round (agreement, seq, start) VALUES ('SMA-98', 1, '2020');"
		  "UPDATE agreement SET previous = 'SMA-9' WHERE code = 'SMA-10';"
		  "INSERT INTO outcome (agreement, round, date, kind) VALUES ('SMA-11', 77, '2020', 'stalled');");
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_READ_WRITE, &db), 0);
	ck_assert_int_eq(scalar(db, "PRAGMA user_version"), db_schema_version());
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM pragma_foreign_key_check"), 4);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM position WHERE agreement = 'SMA-99'"), 1);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'migrating%'"), 0);
	db_close(db);
}
END_TEST

/* Deleting the last records does not give their ids again. */
START_TEST(ids_are_never_reused)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	for (int i = 1; i <= 3; i++)
		ck_assert_int_eq(insert_rate(db, i == 1 ? "2019" : i == 2 ? "2020" : "2021"), i);
	ck_assert_int_eq(sqlite3_exec(db->handle, "DELETE FROM rate", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(insert_rate(db, "2019"), 4);
	ck_assert_int_eq(insert_rate(db, "2020"), 5);
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
	db_bind_null(s, ":source");
	db_bind_null(s, ":notes");
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

static const struct schema_object *object(const struct schema *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->obj[i].name, name) == 0)
			return &s->obj[i];
	return NULL;
}

/* The reference is built from the same SQL as a file: each version has
 * what its migrations made. */
START_TEST(reference_schema_follows_the_migrations)
{
	const struct schema *latest = schema_reference(db_schema_version());
	ck_assert_ptr_nonnull(latest);
	ck_assert_ptr_eq(schema_reference(db_schema_version()), latest); /* built once */
	ck_assert_str_eq(object(latest, "position")->type, "table");
	ck_assert_ptr_null(object(latest, "timeline")); /* views come from the TEMP ones */
	const struct schema_object *ix = object(latest, "position_by_party");
	ck_assert_str_eq(ix->tbl_name, "position");
	ck_assert(!ix->unique);
	const struct schema_object *auto_ix = object(latest, "sqlite_autoindex_agreement_1");
	ck_assert(auto_ix->unique);
	ck_assert_ptr_null(auto_ix->sql);
	const struct schema *v1 = schema_reference(1);
	ck_assert_ptr_nonnull(object(v1, "position"));
	ck_assert_ptr_null(object(v1, "import_log"));
	ck_assert_ptr_null(object(v1, "timeline"));
	ck_assert_ptr_null(schema_reference(db_schema_version() + 1));
	ck_assert_int_eq(sm_error_code(), EX_SOFTWARE);
}
END_TEST

START_TEST(new_file_matches_the_reference)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	struct schema_report r;
	ck_assert_int_eq(schema_compare(db, db->version, false, &r), 0);
	ck_assert_int_eq(r.n, 0);
	schema_report_release(&r);
	db_close(db);
	/* and a view whose text differs is seen (views are compared too) */
	make_file("DROP VIEW timeline; CREATE VIEW timeline AS SELECT 1 AS x;");
	ck_assert_int_eq(db_open(path, DB_READ_ONLY, &db), 0);
	ck_assert_int_eq(schema_compare(db, db->version, false, &r), 0);
	ck_assert_int_eq(r.n, 1);
	ck_assert_int_eq(r.f[0].kind, SCHEMA_DIFFERS);
	ck_assert_str_eq(r.f[0].name, "timeline");
	schema_report_release(&r);
	db_close(db);
}
END_TEST

/* The plan of sql, one detail per line. */
static char *plan_of(sqlite3 *h, const char *sql)
{
	char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *stmt;
	ck_assert_msg(sqlite3_prepare_v2(h, eqp, -1, &stmt, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(h));
	sqlite3_free(eqp);
	sqlite3_str *out = sqlite3_str_new(h);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		sqlite3_str_appendf(out, "%s\n", (const char *)sqlite3_column_text(stmt, 3));
	sqlite3_finalize(stmt);
	return sqlite3_str_finish(out);
}

/* An index entry ends with the rowid: no index of smalog's stores the id
 * after its columns too (0010_leaner_indexes.sql), and SQLite still orders by
 * the id it holds, without a sort.  The round index holds positions that
 * name a round, which are all that a round's foreign key looks up. */
START_TEST(indexes_store_the_id_once)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(db->handle,
					    "SELECT i.name, x.name FROM sqlite_schema AS i, pragma_index_xinfo(i.name) AS x "
					    "WHERE i.type = 'index' AND x.key AND x.name = 'id' AND x.seqno > 0",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		ck_assert_msg(false, "index %s stores the rowid %s as a column", sqlite3_column_text(stmt, 0),
			      sqlite3_column_text(stmt, 1));
	sqlite3_finalize(stmt);
	/* the query above saw them: the indexes of more than one column */
	ck_assert_int_eq(sqlite3_prepare_v2(db->handle,
					    "SELECT count(DISTINCT i.name) FROM sqlite_schema AS i, pragma_index_xinfo(i.name) AS x "
					    "WHERE i.type = 'index' AND x.key AND x.seqno > 0",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	int indexes = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	ck_assert_int_ge(indexes, 10);
	char *plan = plan_of(db->handle, "SELECT id FROM position WHERE agreement = 'SMA-11' ORDER BY date_key, id");
	ck_assert_msg(strstr(plan, "INDEX position_by_agreement_date (agreement=?)") && !strstr(plan, "TEMP B-TREE"),
		      "%s", plan);
	sqlite3_free(plan);
	plan = plan_of(db->handle, "SELECT id FROM position WHERE agreement = 'SMA-11' AND kind = 'offer' "
				   "AND date_key < 202000000 ORDER BY date_key DESC, id DESC LIMIT 1");
	ck_assert_msg(strstr(plan, "position_by_kind (agreement=? AND kind=? AND date_key<?)") && !strstr(plan, "TEMP B-TREE"),
		      "%s", plan);
	sqlite3_free(plan);
	plan = plan_of(db->handle, "DELETE FROM round WHERE id = 1");
	ck_assert_msg(strstr(plan, "position_by_round (agreement=? AND round=?)"), "%s", plan);
	sqlite3_free(plan);
	db_close(db);
}
END_TEST

/* A trigger runs on writes: writers refuse the file, readers read it. */
START_TEST(foreign_trigger_stops_writers_not_readers)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	db_close(db);
	make_file("CREATE TRIGGER t AFTER INSERT ON rate BEGIN DELETE FROM rate; END;"
		  "CREATE TABLE mine (x)");
	ck_assert_int_eq(db_open(path, DB_READ_WRITE, &db), EX_DATAERR);
	ck_assert_ptr_null(db);
	ck_assert(strstr(sm_error_message(), "trigger 't' on 'rate' was not created by smalog"));
	sm_error_clear();
	ck_assert_int_eq(db_open(path, DB_READ_ONLY, &db), 0);
	struct schema_report r;
	ck_assert_int_eq(schema_compare(db, db->version, false, &r), 0);
	ck_assert_int_eq(r.n, 2);
	ck_assert_int_eq(r.problems, 1);
	ck_assert_int_eq(r.f[0].kind, SCHEMA_FOREIGN);
	ck_assert_int_eq(r.f[1].kind, SCHEMA_OWN);
	ck_assert_str_eq(schema_repair_action(&r.f[0]), "drop");
	ck_assert_ptr_null(schema_repair_action(&r.f[1]));
	schema_report_release(&r);
	db_close(db);
}
END_TEST

/* --repair drops what is foreign and restores what is missing, at once. */
START_TEST(repair_drops_and_restores)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	db_close(db);
	make_file("CREATE TRIGGER t AFTER INSERT ON rate BEGIN DELETE FROM rate; END;"
		  "DROP INDEX position_by_round;"
		  "DROP VIEW timeline; CREATE VIEW timeline AS SELECT 1 AS x;");
	ck_assert_int_eq(db_open(path, DB_CHECK, &db), 0);
	struct schema_report r;
	ck_assert_int_eq(schema_compare(db, db->version, false, &r), 0);
	ck_assert_int_eq(r.problems, 3);
	ck_assert_int_eq(schema_repair(db, &r), 0);
	schema_report_release(&r);
	ck_assert_int_eq(schema_compare(db, db->version, false, &r), 0);
	ck_assert_int_eq(r.n, 0);
	schema_report_release(&r);
	db_close(db);
}
END_TEST

/* Whatever the file's view says, an unqualified name reads smalog's. */
START_TEST(reports_read_smalogs_views)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	db_close(db);
	make_file("DROP VIEW timeline; CREATE VIEW timeline AS SELECT 1 AS x;");
	ck_assert_int_eq(db_open(path, DB_READ_ONLY, &db), 0);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM pragma_table_info('timeline') WHERE name = 'ref'"), 1);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM timeline"), 0);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM main.timeline"), 1);
	db_close(db);
}
END_TEST

/* A reader's sorts and page cache stay within 1 MB each (the reports'
 * memory budget, see db_open); a writer keeps SQLite's own. */
START_TEST(a_reader_has_a_smaller_cache)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	ck_assert_int_ne(scalar(db, "PRAGMA cache_size"), -1000);
	db_close(db);
	ck_assert_int_eq(db_open(path, DB_READ_ONLY, &db), 0);
	ck_assert_int_eq(scalar(db, "PRAGMA cache_size"), -1000);
	db_close(db);
}
END_TEST

/* Views of another build of smalog (another stamp) are replaced by the
 * next writer, with no new migration; a reader leaves them, and check does
 * not count them as problems.  A user's own view is kept. */
START_TEST(stale_views_are_replaced_by_a_writer)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	db_close(db);
	make_file("DROP VIEW smalog_views; CREATE VIEW smalog_views AS SELECT '0000000000000000' AS stamp;"
		  "DROP VIEW timeline; CREATE VIEW timeline AS SELECT 'an earlier build' AS stale;"
		  "DROP VIEW round_delta; CREATE VIEW mine AS SELECT 1 AS x;");
	ck_assert_int_eq(db_open(path, DB_READ_ONLY, &db), 0);
	ck_assert(!schema_views_current(db));
	struct schema_report r;
	ck_assert_int_eq(schema_compare(db, db->version, false, &r), 0);
	ck_assert_int_eq(r.problems, 0);
	schema_report_release(&r);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM main.sqlite_schema WHERE name = 'round_delta'"), 0);
	db_close(db);
	ck_assert_int_eq(db_open(path, DB_READ_WRITE, &db), 0);
	ck_assert(schema_views_current(db));
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_ENABLE_VIEW, 1, NULL); /* to read the file's views */
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM pragma_table_info('timeline', 'main') WHERE name = 'stale'"), 0);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM main.sqlite_schema WHERE name = 'round_delta'"), 1);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM main.sqlite_schema WHERE name = 'mine'"), 1);
	ck_assert_int_eq(schema_compare(db, db->version, false, &r), 0);
	ck_assert_int_eq(r.problems, 0);
	schema_report_release(&r);
	db_close(db);
}
END_TEST

static uint32_t read_be32(FILE *f, long at)
{
	unsigned char b[4];
	ck_assert_int_eq(fseek(f, at, SEEK_SET), 0);
	ck_assert_int_eq(fread(b, 1, 4, f), 4);
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Every transaction's journal starts with page 1, which is how a journal
 * left by a crash is known to be this file's. */
START_TEST(a_transaction_journals_page_one_first)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	ck_assert_int_eq(db_begin(db), 0);
	sqlite3_stmt *s = db_statement(db, "rate.insert");
	db_bind_text(s, ":date", "2020");
	db_bind_text(s, ":currency", "KRW");
	db_bind_int(s, ":per_usd_e4", 12000000);
	ck_assert_int_eq(db_run(db, s, "adding"), 0);
	char journal[160];
	snprintf(journal, sizeof journal, "%s-journal", path);
	FILE *f = fopen(journal, "rb");
	ck_assert_ptr_nonnull(f);
	uint32_t sector = read_be32(f, 20);
	ck_assert_uint_eq(read_be32(f, 24), 4096); /* the page size */
	ck_assert_uint_eq(read_be32(f, (long)sector), 1);
	fclose(f);
	db_rollback(db);
	db_close(db);
}
END_TEST

START_TEST(fifo_is_refused_at_once)
{
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_READ_ONLY, &db), EX_NOINPUT);
	ck_assert(strstr(sm_error_message(), "is a FIFO, not a smalog database"));
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
	tcase_add_test(tc, upgrade_from_version_1_gives_ids_for_life);
	tcase_add_loop_test(tc, upgrade_from_version_4_keeps_every_row, 0, 2); /* by a writer, a reader */
	tcase_add_test(tc, upgrade_keeps_broken_references_as_they_are);
	tcase_add_test(tc, ids_are_never_reused);
	tcase_add_test(tc, named_statements_are_cached);
	tcase_add_test(tc, rollback_leaves_nothing);
	tcase_add_test(tc, constraint_failure_maps_to_data_error);
	tcase_add_test(tc, reference_schema_follows_the_migrations);
	tcase_add_test(tc, new_file_matches_the_reference);
	tcase_add_test(tc, indexes_store_the_id_once);
	tcase_add_test(tc, a_reader_has_a_smaller_cache);
	tcase_add_test(tc, foreign_trigger_stops_writers_not_readers);
	tcase_add_test(tc, repair_drops_and_restores);
	tcase_add_test(tc, reports_read_smalogs_views);
	tcase_add_test(tc, stale_views_are_replaced_by_a_writer);
	tcase_add_test(tc, a_transaction_journals_page_one_first);
	tcase_add_test(tc, fifo_is_refused_at_once);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

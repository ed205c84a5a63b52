/* test_schema.c - Check unit tests of smalog's own schema: the table compiled in is what the build makes, and where its views run. */
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/schema.h"

#include "check_main.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

static char dir[64];
static char path[128];

static void setup(void)
{
	scratch_make(dir, "schema", path, sizeof path);
	sm_error_clear();
}

static void teardown(void)
{
	scratch_remove(dir);
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Every object of got as in want, in the same order. */
static void assert_same_schema(const char *what, const struct schema *got, const struct schema *want)
{
	ck_assert_msg(got->n == want->n, "%s: %d objects, built %d", what, got->n, want->n);
	for (int i = 0; i < want->n; i++) {
		const struct schema_object *g = &got->obj[i], *w = &want->obj[i];
		ck_assert_msg(same(g->type, w->type) && same(g->name, w->name) && same(g->tbl_name, w->tbl_name),
			      "%s: object %d is %s '%s' on '%s', built %s '%s' on '%s'", what, i, g->type, g->name,
			      g->tbl_name, w->type, w->name, w->tbl_name);
		ck_assert_msg(same(g->sql, w->sql), "%s: %s '%s' is\n%s\nbuilt\n%s", what, w->type, w->name,
			      g->sql ? g->sql : "(none)", w->sql ? w->sql : "(none)");
		ck_assert_msg(g->unique == w->unique, "%s: index '%s' unique %d, built %d", what, w->name, g->unique,
			      w->unique);
	}
}

/* The table that tools/schema_gen.c wrote, object by object, against the
 * same schema built now: they cannot drift apart. */
START_TEST(compiled_reference_is_what_the_build_makes)
{
	int latest = db_schema_version();
	for (int v = 1; v <= latest; v++) {
		struct schema objects, views;
		ck_assert_int_eq(schema_build(v, &objects, v == latest ? &views : NULL), 0);
		const struct schema *ref = schema_reference(v);
		ck_assert_ptr_nonnull(ref);
		char what[32];
		snprintf(what, sizeof what, "version %d", v);
		assert_same_schema(what, ref, &objects);
		schema_release(&objects);
		if (v == latest) {
			assert_same_schema("views", schema_views(), &views);
			schema_release(&views);
		}
	}
	ck_assert_ptr_null(schema_reference(latest + 1));
	ck_assert_int_eq(sm_error_code(), EX_SOFTWARE);
}
END_TEST

/* The views hold every report view and the stamp last; the reports run
 * them as TEMP views, whose text SQLite keeps as a file's. */
START_TEST(views_are_what_a_connection_runs)
{
	const struct schema *views = schema_views();
	ck_assert_int_gt(views->n, 1);
	ck_assert_str_eq(views->obj[views->n - 1].name, "smalog_views");
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	ck_assert_int_eq(schema_temp_views(db), 0);
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(db->handle,
					    "SELECT name, sql FROM temp.sqlite_schema WHERE type = 'view' ORDER BY rowid",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	int n = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		ck_assert_int_lt(n, views->n);
		ck_assert_str_eq((const char *)sqlite3_column_text(stmt, 0), views->obj[n].name);
		ck_assert_str_eq((const char *)sqlite3_column_text(stmt, 1), views->obj[n].sql);
		n++;
	}
	sqlite3_finalize(stmt);
	ck_assert_int_eq(n, views->n);
	db_close(db);
}
END_TEST

/* The number of TEMP views on the connection. */
static int temp_views(struct db *db)
{
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(db->handle, "SELECT count(*) FROM temp.sqlite_schema WHERE type = 'view'", -1,
					    &stmt, NULL),
			 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	int n = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

/* Run sql on the file through a connection of its own, as another
 * program would while smalog has it open. */
static void change_file(const char *sql)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		ck_abort_msg("%s: %s", sql, err);
	sqlite3_close(h);
}

/* A writer opens without making the report views, which cost more than
 * one record's whole write; the first statement that names one makes them. */
START_TEST(writer_makes_views_when_a_statement_reads_one)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	db_close(db);
	ck_assert_int_eq(db_open(path, DB_READ_WRITE, &db), 0);
	ck_assert_int_eq(temp_views(db), 0);
	ck_assert_ptr_nonnull(db_statement(db, "rate.insert"));
	ck_assert_ptr_nonnull(db_statement(db, "schema.stamp")); /* names smalog_views in a string only */
	ck_assert_int_eq(temp_views(db), 0);
	ck_assert_ptr_nonnull(db_statement(db, "position.pct_disagreement"));
	ck_assert_int_eq(temp_views(db), schema_views()->n);
	db_close(db);
	/* a reader makes them as it opens */
	ck_assert_int_eq(db_open(path, DB_READ_ONLY, &db), 0);
	ck_assert_int_eq(temp_views(db), schema_views()->n);
	db_close(db);
}
END_TEST

/* The file's views never run on a writer: not when asked directly, and
 * not when a view is changed after the writer checked the file. */
START_TEST(writer_never_runs_the_files_views)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	db_close(db);
	ck_assert_int_eq(db_open(path, DB_READ_WRITE, &db), 0);
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(db->handle, "SELECT stamp FROM smalog_views", -1, &stmt, NULL), SQLITE_ERROR);
	ck_assert_str_eq(sqlite3_errmsg(db->handle), "access to view \"smalog_views\" prohibited");
	change_file("DROP VIEW timeline_event; CREATE VIEW timeline_event AS SELECT 1 AS x;");
	stmt = db_statement(db, "report.timeline");
	ck_assert_ptr_nonnull(stmt);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_DONE);
	ck_assert_int_eq(sqlite3_column_count(stmt), 10);
	db_close(db);
}
END_TEST

/* Views made inside a transaction that is rolled back go with it: they
 * are made again, and a statement prepared with them still runs. */
START_TEST(views_outlive_a_rollback)
{
	struct db *db;
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	db_close(db);
	ck_assert_int_eq(db_open(path, DB_READ_WRITE, &db), 0);
	ck_assert_int_eq(db_begin(db), 0);
	ck_assert_ptr_nonnull(db_statement(db, "report.timeline"));
	ck_assert_int_eq(temp_views(db), schema_views()->n);
	db_rollback(db);
	ck_assert_int_eq(temp_views(db), schema_views()->n);
	sqlite3_stmt *stmt = db_statement(db, "report.timeline");
	ck_assert_ptr_nonnull(stmt);
	ck_assert_msg(sqlite3_step(stmt) == SQLITE_DONE, "%s", sqlite3_errmsg(db->handle));
	db_close(db);
}
END_TEST

START_TEST(build_refuses_what_no_version_has)
{
	struct schema objects, views;
	ck_assert_int_eq(schema_build(0, &objects, NULL), EX_SOFTWARE);
	ck_assert_int_eq(schema_build(db_schema_version() + 1, &objects, NULL), EX_SOFTWARE);
	/* an older version's views are not this build's */
	sm_error_clear();
	ck_assert_int_eq(schema_build(1, &objects, &views), EX_SOFTWARE);
	ck_assert_str_eq(sm_error_message(), "internal error: no schema version 1 with views");
	ck_assert_int_eq(objects.n, 0);
	ck_assert_int_eq(views.n, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("schema");
	TCase *tc = tcase_create("reference");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, compiled_reference_is_what_the_build_makes);
	tcase_add_test(tc, views_are_what_a_connection_runs);
	tcase_add_test(tc, build_refuses_what_no_version_has);
	tcase_add_test(tc, writer_makes_views_when_a_statement_reads_one);
	tcase_add_test(tc, writer_never_runs_the_files_views);
	tcase_add_test(tc, views_outlive_a_rollback);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

/* test_import_history.c - an import with the triggers and foreign keys off: both on again after it, whatever happened. */
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/import.h"

#include "check_main.h"
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[64], db_path[128];

static void setup(void)
{
	scratch_make(dir, "import-history", db_path, sizeof db_path);
	sm_error_clear();
}

static void teardown(void)
{
	scratch_remove(dir);
}

/* An int from the first column of sql's first row. */
static int64_t scalar(struct db *db, const char *sql)
{
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(db->handle, sql, -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

/* Import text, written to DIR/name, as kind. */
static int import_text(struct db *db, const char *kind, const char *name, const char *text)
{
	char file[192];
	snprintf(file, sizeof file, "%s/%s", dir, name);
	FILE *fp = fopen(file, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_ge(fputs(text, fp), 0);
	ck_assert_int_eq(fclose(fp), 0);
	struct import_options opt = { .kind = kind_find(kind), .path = file };
	int64_t rows;
	sm_error_clear();
	return import_csv(db, &opt, &rows, NULL);
}

static struct db *example_db(void)
{
	struct db *db;
	ck_assert_int_eq(db_open(db_path, DB_CREATE, &db), 0);
	ck_assert_int_eq(import_text(db, "agreement", "a.csv", "code,parties,total\nSMA-10,\"KR,US\",1.0389T\n"), 0);
	return db;
}

/* Are the connection's triggers and foreign keys both on? */
static bool triggers_on(struct db *db)
{
	int on = -1, keys = -1;
	ck_assert_int_eq(sqlite3_db_config(db->handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &on), SQLITE_OK);
	ck_assert_int_eq(sqlite3_db_config(db->handle, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &keys), SQLITE_OK);
	return on == 1 && keys == 1;
}

/* A file of 101 positions: row i on line i + 1, the row at disagree (if
 * not 0) with an amount its pct disagrees with, then last (if not NULL). */
static char *positions_file(int disagree, const char *last)
{
	size_t cap = 64 * 1024, used = 0;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	used += (size_t)snprintf(text + used, cap - used, "agreement,date,party,kind,amount,pct\n");
	for (int i = 1; i <= 101; i++) {
		if (i == disagree) /* 1.17T is +12.62% over SMA-11's baseline, SMA-10's total */
			used += (size_t)snprintf(text + used, cap - used, "SMA-11,2019-06,KR,offer,1.17T,50\n");
		else
			used += (size_t)snprintf(text + used, cap - used, "SMA-10,2019-%02d,KR,offer,%d,\n", 1 + i % 12, 1000 + i);
	}
	if (last)
		snprintf(text + used, cap - used, "%s\n", last);
	return text;
}

/* An import stops the triggers and the foreign keys while it inserts;
 * whether it succeeds or fails, and where (reading a row, after an
 * insert), they are on again for what the process writes next. */
START_TEST(triggers_on_after_import)
{
	struct db *db = example_db();
	ck_assert_int_eq(import_text(db, "agreement", "a2.csv", "code,parties,previous\nSMA-11,\"KR,US\",SMA-10\n"), 0);
	ck_assert(triggers_on(db));
	/* refused reading a row */
	char *text = positions_file(0, "SMA-10,2019-02-30,KR,offer,1,");
	ck_assert_int_eq(import_text(db, "position", "p1.csv", text), EX_DATAERR);
	ck_assert_str_eq(sm_error_message() + strlen(dir) + 1,
			 "p1.csv:103: column 'date': invalid date '2019-02-30' (February 2019 has 28 days)");
	ck_assert(triggers_on(db));
	free(text);
	/* refused after an insert */
	text = positions_file(5, NULL);
	ck_assert_int_eq(import_text(db, "position", "p2.csv", text), EX_DATAERR);
	ck_assert_ptr_nonnull(strstr(sm_error_message(), "p2.csv:6: column 'pct': pct 50% disagrees"));
	ck_assert(triggers_on(db));
	free(text);
	/* and after an import that succeeds: a write of the process's own is
	 * logged, and its references proven */
	text = positions_file(0, NULL);
	ck_assert_int_eq(import_text(db, "position", "p3.csv", text), 0);
	ck_assert(triggers_on(db));
	int64_t changes = scalar(db, "SELECT count(*) FROM change");
	ck_assert_int_eq(sqlite3_exec(db->handle, "DELETE FROM position WHERE id = 1", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(scalar(db, "SELECT count(*) FROM change"), changes + 1);
	ck_assert_int_eq(sqlite3_exec(db->handle, "INSERT INTO position (agreement, date, party, kind, amount) "
						  "VALUES ('SMA-99', '2019', 'KR', 'offer', 1)", NULL, NULL, NULL),
			 SQLITE_CONSTRAINT_FOREIGNKEY);
	free(text);
	db_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import_history");
	TCase *tc = tcase_create("import");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, triggers_on_after_import);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

/* test_lists.c - Check unit tests that the hand-kept lists in meson.build name every file they should. */
#include "check_main.h"

#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "smalog/db.h"
#include "smalog/sql.h"

/* SOURCE_ROOT, UNIT_TESTS, E2E_SCRIPTS and FUZZ_HARNESSES come from
 * tests/meson.build: the last three are its lists, space-separated. */

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* True if word is one of the space-separated words of list. */
static bool listed(const char *list, const char *word, size_t len)
{
	for (const char *p = list; *p; ) {
		size_t n = strcspn(p, " ");

		if (n == len && strncmp(p, word, len) == 0)
			return true;
		p += n;
		p += strspn(p, " ");
	}
	return false;
}

static bool embedded(const char *name)
{
	return sql_file_text(name) != NULL;
}

/* Every *.sql file below SOURCE_ROOT/sql/<below> must be embedded under its
 * path below sql/: one missing from meson.build's sql_files would be
 * silently never applied, or its statements never found.  Returns the
 * number of files seen. */
static int check_sql_dir(const char *below)
{
	char dir[4096], name[4096];
	struct dirent *e;
	int seen = 0;
	DIR *d;

	snprintf(dir, sizeof dir, "%s/sql%s%s", SOURCE_ROOT, *below ? "/" : "", below);
	d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot read %s", dir);
	while ((e = readdir(d)) != NULL) {
		char path[8192];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		snprintf(name, sizeof name, "%s%s%s", below, *below ? "/" : "", e->d_name);
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		ck_assert_int_eq(stat(path, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			seen += check_sql_dir(name);
		} else if (ends_with(name, ".sql")) {
			ck_assert_msg(embedded(name), "sql/%s is not in meson.build's sql_files", name);
			seen++;
		}
	}
	closedir(d);
	return seen;
}

START_TEST(test_every_sql_file_is_embedded)
{
	int files = check_sql_dir(""), entries = 0;

	for (const struct sql_file *f = sql_files; f->name; f++)
		entries++;
	/* and nothing is embedded twice, which would hide one of the copies */
	ck_assert_int_eq(entries, files);
}
END_TEST

/* db.c applies migrations/0001_*.sql, 0002_*.sql, ... and stops at the first
 * number it cannot find: a gap or a number used twice would leave
 * migrations silently unapplied. */
START_TEST(test_migrations_numbered_without_gaps)
{
	bool seen[10000] = { false };
	int count = 0, highest = 0;

	for (const struct sql_file *f = sql_files; f->name; f++) {
		const char *n = f->name;
		int v;

		if (strncmp(n, "migrations/", 11) != 0)
			continue;
		n += 11;
		ck_assert_msg(strspn(n, "0123456789") == 4 && n[4] == '_' && ends_with(n, ".sql"),
			      "sql/%s is not named migrations/NNNN_name.sql", f->name);
		v = atoi(n);
		ck_assert_msg(v > 0, "sql/%s: migrations are numbered from 0001", f->name);
		ck_assert_msg(!seen[v], "sql/%s: another migration has number %04d", f->name, v);
		seen[v] = true;
		count++;
		if (v > highest)
			highest = v;
	}
	for (int v = 1; v <= highest; v++)
		ck_assert_msg(seen[v], "no migration numbered %04d, below %04d: it and those after it "
			      "would never be applied", v, highest);
	ck_assert_int_gt(count, 0);
	ck_assert_int_eq(db_schema_version(), count);
}
END_TEST

/* Every SOURCE_ROOT/<folder>/<prefix>NAME<suffix> must have NAME in list. */
static void check_folder(const char *folder, const char *prefix, const char *suffix,
			 const char *list, const char *list_name)
{
	char dir[4096];
	struct dirent *e;
	int seen = 0;
	DIR *d;

	snprintf(dir, sizeof dir, "%s/%s", SOURCE_ROOT, folder);
	d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot read %s", dir);
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		size_t pl = strlen(prefix), sl = strlen(suffix), len = strlen(n);

		if (len <= pl + sl || strncmp(n, prefix, pl) != 0 || !ends_with(n, suffix))
			continue;
		ck_assert_msg(listed(list, n + pl, len - pl - sl), "%s/%s is not in tests/meson.build's %s",
			      folder, n, list_name);
		seen++;
	}
	closedir(d);
	ck_assert_int_gt(seen, 0);
}

START_TEST(test_every_unit_test_runs)
{
	check_folder("tests/unit", "test_", ".c", UNIT_TESTS, "unit_tests");
}
END_TEST

START_TEST(test_every_e2e_script_runs)
{
	/* lib.sh is the scripts' library, not a test */
	check_folder("tests/e2e", "", ".sh", E2E_SCRIPTS " lib", "e2e_tests or reliability_tests");
}
END_TEST

START_TEST(test_every_fuzz_corpus_replays)
{
	check_folder("tests/fuzz", "fuzz_", ".c", FUZZ_HARNESSES, "fuzz_harnesses");
}
END_TEST

START_TEST(test_listed)
{
	ck_assert(listed("date amount", "amount", 6));
	ck_assert(listed("date amount", "date", 4));
	ck_assert(!listed("date amount", "dat", 3));
	ck_assert(!listed("date amount", "amounts", 7));
	ck_assert(!listed("", "date", 4));
}
END_TEST

static Suite *lists_suite(void)
{
	Suite *s = suite_create("lists");
	TCase *tc = tcase_create("sql");

	tcase_add_test(tc, test_every_sql_file_is_embedded);
	tcase_add_test(tc, test_migrations_numbered_without_gaps);
	suite_add_tcase(s, tc);

	tc = tcase_create("tests");
	tcase_add_test(tc, test_listed);
	tcase_add_test(tc, test_every_unit_test_runs);
	tcase_add_test(tc, test_every_e2e_script_runs);
	tcase_add_test(tc, test_every_fuzz_corpus_replays);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(lists_suite());
}

/* test_atomic_file.c - atomic file tests: commit replaces whole, abort and failure leave the old file, the database is refused. */
#include "smalog/atomic_file.h"
#include "smalog/error.h"

#include "check_main.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/smalog-test-atomic-XXXXXX";
static char dir[sizeof tmpdir];
static char path[sizeof tmpdir + 32], db[sizeof tmpdir + 32];

static void setup(void)
{
	sm_error_clear();
	atomic_file_protect(NULL);
	strcpy(dir, tmpdir);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/out.csv", dir);
	snprintf(db, sizeof db, "%s/smalog.db", dir);
}

static void teardown(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];

	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	atomic_file_protect(NULL);
}

static int entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void write_text(const char *p, const char *text)
{
	FILE *fp = fopen(p, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

static void expect_text(const char *p, const char *text)
{
	char buf[256] = "";
	FILE *fp = fopen(p, "r");

	ck_assert_ptr_nonnull(fp);
	buf[fread(buf, 1, sizeof buf - 1, fp)] = '\0';
	fclose(fp);
	ck_assert_str_eq(buf, text);
}

START_TEST(test_commit_replaces)
{
	struct atomic_file f;

	write_text(path, "old\n");
	ck_assert_int_eq(atomic_file_open(&f, path, true), 0);
	ck_assert_ptr_nonnull(f.tmp);
	fputs("new\n", f.fp);
	/* until the commit the old file is what is there, beside the temporary */
	expect_text(path, "old\n");
	ck_assert_int_eq(entries(), 2);
	ck_assert_int_eq(atomic_file_commit(&f, "out.csv", 0), 0);
	ck_assert_ptr_null(f.fp);
	expect_text(path, "new\n");
	ck_assert_int_eq(entries(), 1);
}
END_TEST

START_TEST(test_abort_and_failed_write_keep_old)
{
	struct atomic_file f;

	write_text(path, "old\n");
	ck_assert_int_eq(atomic_file_open(&f, path, true), 0);
	fputs("half", f.fp);
	atomic_file_abort(&f);
	expect_text(path, "old\n");
	ck_assert_int_eq(entries(), 1);

	ck_assert_int_eq(atomic_file_open(&f, path, true), 0);
	fputs("half", f.fp);
	ck_assert_int_eq(atomic_file_commit(&f, "out.csv", ENOSPC), EX_IOERR);
	ck_assert_str_eq(sm_error_message(), "cannot write to 'out.csv': No space left on device");
	expect_text(path, "old\n");
	ck_assert_int_eq(entries(), 1);
}
END_TEST

START_TEST(test_protected_database)
{
	struct atomic_file f;
	char msg[512];

	write_text(db, "SQLite format 3");
	atomic_file_protect(db);
	ck_assert_int_eq(atomic_file_open(&f, db, true), EX_CANTCREAT);
	snprintf(msg, sizeof msg, "cannot write to '%s': it is the database '%s'", db, db);
	ck_assert_str_eq(sm_error_message(), msg);
	sm_error_clear();
	snprintf(path, sizeof path, "%s/smalog.db-journal", dir);
	ck_assert_int_eq(atomic_file_open(&f, path, true), EX_CANTCREAT);
	snprintf(msg, sizeof msg, "cannot write to '%s': it is the journal of the database '%s'", path, db);
	ck_assert_str_eq(sm_error_message(), msg);
	expect_text(db, "SQLite format 3");
	ck_assert_int_eq(entries(), 1);
}
END_TEST

START_TEST(test_no_follow)
{
	struct atomic_file f;
	char victim[sizeof dir + 16];

	snprintf(victim, sizeof victim, "%s/victim", dir);
	write_text(victim, "keep\n");
	ck_assert_int_eq(symlink("victim", path), 0);
	ck_assert_int_eq(atomic_file_open(&f, path, false), EX_CANTCREAT);
	expect_text(victim, "keep\n");
	/* followed when asked: what the link points to is replaced */
	sm_error_clear();
	ck_assert_int_eq(atomic_file_open(&f, path, true), 0);
	fputs("new\n", f.fp);
	ck_assert_int_eq(atomic_file_commit(&f, "out.csv", 0), 0);
	expect_text(victim, "new\n");
}
END_TEST

static Suite *atomic_file_suite(void)
{
	Suite *s = suite_create("atomic_file");
	TCase *tc = tcase_create("files");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_commit_replaces);
	tcase_add_test(tc, test_abort_and_failed_write_keep_old);
	tcase_add_test(tc, test_protected_database);
	tcase_add_test(tc, test_no_follow);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(atomic_file_suite());
}

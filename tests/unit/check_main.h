/* check_main.h - what every unit test program shares: a scratch folder per
 * case, and how it ends: run its suite and exit 0 only if every case passed. */
#ifndef SMALOG_CHECK_MAIN_H
#define SMALOG_CHECK_MAIN_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A new folder for one case: dir becomes /tmp/smalog-test-NAME.XXXXXX,
 * made afresh, and path dir/test.db, the database a case may create. */
static inline void scratch_make(char dir[64], const char *name, char *path, size_t pathsz)
{
	snprintf(dir, 64, "/tmp/smalog-test-%s.XXXXXX", name);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, pathsz, "%s/test.db", dir);
}

/* Remove the folder scratch_make made, and everything a case left in it. */
static inline void scratch_remove(const char *dir)
{
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static inline int run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif

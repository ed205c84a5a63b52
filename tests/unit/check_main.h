/* check_main.h - how every unit test program ends: run its suite and exit
 * 0 only if every case passed. */
#ifndef SMALOG_CHECK_MAIN_H
#define SMALOG_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

static inline int run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif

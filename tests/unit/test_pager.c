/* test_pager.c - Check unit tests for choosing the pager and for leaving output alone off a terminal. */
#include "smalog/pager.h"

#include "check_main.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

START_TEST(smalog_pager_then_pager_then_less)
{
	ck_assert_str_eq(pager_command("most", "more"), "most");
	ck_assert_str_eq(pager_command(NULL, "more"), "more");
	ck_assert_str_eq(pager_command(NULL, NULL), "less");
	ck_assert_str_eq(pager_command("less -S", NULL), "less -S");
	/* a pager command line is passed whole to the shell */
	ck_assert_str_eq(pager_command(NULL, "cat -n"), "cat -n");
}
END_TEST

START_TEST(empty_or_cat_means_none)
{
	ck_assert_ptr_null(pager_command("", "more"));
	ck_assert_ptr_null(pager_command("cat", "more"));
	ck_assert_ptr_null(pager_command(NULL, ""));
	ck_assert_ptr_null(pager_command(NULL, "cat"));
	/* an empty SMALOG_PAGER is a choice, not a gap for PAGER to fill */
	ck_assert_ptr_null(pager_command("", NULL));
}
END_TEST

/* Standard output that is not a terminal is never held: what is written
 * arrives at once, and pager_finish has nothing to show. */
START_TEST(a_pipe_is_not_held)
{
	int fds[2], saved = dup(STDOUT_FILENO);
	char buf[16] = { 0 };

	/* non-blocking: held output would fail the read, not hang it */
	ck_assert_int_eq(pipe2(fds, O_NONBLOCK), 0);
	fflush(stdout);
	ck_assert_int_ge(dup2(fds[1], STDOUT_FILENO), 0);
	setenv("SMALOG_PAGER", "false", 1);
	pager_begin();
	ck_assert_int_eq(write(STDOUT_FILENO, "row\n", 4), 4);
	ck_assert_int_eq(read(fds[0], buf, sizeof buf - 1), 4);
	ck_assert_str_eq(buf, "row\n");
	ck_assert_int_eq(pager_finish(true), 0);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(fds[0]);
	close(fds[1]);
	unsetenv("SMALOG_PAGER");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pager");
	TCase *tc = tcase_create("pager");
	tcase_add_test(tc, smalog_pager_then_pager_then_less);
	tcase_add_test(tc, empty_or_cat_means_none);
	tcase_add_test(tc, a_pipe_is_not_held);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

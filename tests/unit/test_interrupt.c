/* test_interrupt.c - signal handling tests: the first Ctrl-C, registered files removed, held signals. */
#include "smalog/error.h"
#include "smalog/interrupt.h"

#include "check_main.h"

#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[] = "/tmp/smalog-test-interrupt-XXXXXX";
static char work[sizeof dir];
static char file[sizeof dir + 16], folder[sizeof dir + 16], file_in_folder[sizeof dir + 32];
static char err_path[sizeof dir + 16];

static void setup(void)
{
	sm_error_clear();
	strcpy(work, dir);
	ck_assert_ptr_nonnull(mkdtemp(work));
	snprintf(file, sizeof file, "%s/out.tmp", work);
	snprintf(folder, sizeof folder, "%s/new", work);
	snprintf(file_in_folder, sizeof file_in_folder, "%s/new/kind.tmp", work);
	snprintf(err_path, sizeof err_path, "%s/stderr", work);
}

static void teardown(void)
{
	unlink(file_in_folder);
	rmdir(folder);
	unlink(file);
	unlink(err_path);
	rmdir(work);
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static void touch(const char *path)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	close(fd);
}

/* Run body in a child whose stderr goes to err_path; return its wait status. */
static int in_child(void (*body)(void))
{
	pid_t pid = fork();
	int status;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int fd = open(err_path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, STDERR_FILENO) < 0)
			_exit(99);
		/* the test runner may have set these up its own way */
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		body();
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return status;
}

static char *stderr_text(void)
{
	static char buf[256];
	FILE *fp = fopen(err_path, "r");
	size_t n;

	ck_assert_ptr_nonnull(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void register_and_raise(int sig)
{
	touch(file);
	if (mkdir(folder, 0700) != 0)
		_exit(98);
	touch(file_in_folder);
	/* the folder first: files are removed before folders whatever the order */
	if (interrupt_cleanup_add(folder, true) != 0 || interrupt_cleanup_add(file, false) != 0 ||
	    interrupt_cleanup_add(file_in_folder, false) != 0)
		_exit(97);
	raise(sig);
	_exit(0); /* not reached: the signal ends the process */
}

static void raise_term(void) { register_and_raise(SIGTERM); }
static void raise_hup(void) { register_and_raise(SIGHUP); }
static void raise_int(void) { register_and_raise(SIGINT); }

START_TEST(test_signal_removes_registered)
{
	static void (*const bodies[])(void) = { raise_term, raise_hup, raise_int };
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT };
	int status = in_child(bodies[_i]);

	ck_assert_msg(WIFSIGNALED(status), "status %d", status);
	ck_assert_int_eq(WTERMSIG(status), sigs[_i]);
	ck_assert(!exists(file));
	ck_assert(!exists(file_in_folder));
	ck_assert(!exists(folder));
	ck_assert_str_eq(stderr_text(), sigs[_i] == SIGINT ? "smalog: interrupted\n" : "");
}
END_TEST

static void dropped_then_raise(void)
{
	touch(file);
	if (interrupt_cleanup_add(file, false) != 0)
		_exit(97);
	interrupt_cleanup_drop(file);
	interrupt_cleanup_drop("never registered");
	raise(SIGTERM);
	_exit(0);
}

/* A file renamed into place is forgotten: the signal leaves it. */
START_TEST(test_dropped_file_kept)
{
	int status = in_child(dropped_then_raise);

	ck_assert(WIFSIGNALED(status));
	ck_assert_int_eq(WTERMSIG(status), SIGTERM);
	ck_assert(exists(file));
}
END_TEST

static void held_signal(void)
{
	touch(file);
	if (interrupt_cleanup_add(file, false) != 0)
		_exit(97);
	interrupt_hold();
	interrupt_hold();
	raise(SIGTERM);
	/* still here: the signal waits; the "rename" finishes and forgets the file */
	touch(folder);
	interrupt_cleanup_drop(file);
	interrupt_release();
	interrupt_release();
	_exit(0);
}

START_TEST(test_hold_defers_signal)
{
	int status = in_child(held_signal);

	ck_assert(WIFSIGNALED(status));
	ck_assert_int_eq(WTERMSIG(status), SIGTERM);
	ck_assert(exists(file));
	ck_assert(exists(folder));
	unlink(folder);
}
END_TEST

static void graceful_then_hard(void)
{
	touch(file);
	if (interrupt_cleanup_add(file, false) != 0)
		_exit(97);
	interrupt_begin(NULL);
	raise(SIGINT);
	if (!interrupt_requested() || !exists(file))
		_exit(96);
	/* the second one ends smalog at once */
	raise(SIGINT);
	_exit(0);
}

/* Inside interrupt_begin the first SIGINT only marks the command; the
 * second ends it, removing what is registered. */
START_TEST(test_first_sigint_in_scope)
{
	int status = in_child(graceful_then_hard);

	ck_assert_msg(WIFSIGNALED(status), "exit %d", WEXITSTATUS(status));
	ck_assert_int_eq(WTERMSIG(status), SIGINT);
	ck_assert(!exists(file));
}
END_TEST

/* Outside a command's scope and with nothing registered, the signals are
 * as they were; an ignored SIGINT stays ignored throughout. */
START_TEST(test_dispositions_restored)
{
	struct sigaction sa, term_before;

	ck_assert_int_eq(sigaction(SIGTERM, NULL, &term_before), 0);
	signal(SIGINT, SIG_IGN);
	interrupt_begin(NULL);
	ck_assert_int_eq(sigaction(SIGINT, NULL, &sa), 0);
	ck_assert(sa.sa_handler == SIG_IGN);
	ck_assert_int_eq(sigaction(SIGTERM, NULL, &sa), 0);
	ck_assert(sa.sa_handler != term_before.sa_handler);
	raise(SIGINT);
	ck_assert(!interrupt_requested());
	interrupt_end();
	ck_assert_int_eq(sigaction(SIGTERM, NULL, &sa), 0);
	ck_assert(sa.sa_handler == term_before.sa_handler);
	signal(SIGINT, SIG_DFL);

	touch(file);
	ck_assert_int_eq(interrupt_cleanup_add(file, false), 0);
	ck_assert_int_eq(sigaction(SIGINT, NULL, &sa), 0);
	ck_assert(sa.sa_handler != SIG_DFL);
	interrupt_cleanup_drop(file);
	ck_assert_int_eq(sigaction(SIGINT, NULL, &sa), 0);
	ck_assert(sa.sa_handler == SIG_DFL);
}
END_TEST

START_TEST(test_too_many)
{
	char names[40][32];
	int added = 0;

	for (; added < 40; added++) {
		snprintf(names[added], sizeof names[added], "name-%d", added);
		if (interrupt_cleanup_add(names[added], false) != 0)
			break;
	}
	ck_assert_int_lt(added, 40);
	ck_assert_int_eq(sm_error_code(), EX_SOFTWARE);
	for (int i = 0; i < added; i++)
		interrupt_cleanup_drop(names[i]);
	sm_error_clear();
	ck_assert_int_eq(interrupt_cleanup_add("again", false), 0);
	interrupt_cleanup_drop("again");
}
END_TEST

static Suite *interrupt_suite(void)
{
	Suite *s = suite_create("interrupt");
	TCase *tc = tcase_create("signals");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_signal_removes_registered, 0, 3);
	tcase_add_test(tc, test_dropped_file_kept);
	tcase_add_test(tc, test_hold_defers_signal);
	tcase_add_test(tc, test_first_sigint_in_scope);
	tcase_add_test(tc, test_dispositions_restored);
	tcase_add_test(tc, test_too_many);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(interrupt_suite());
}

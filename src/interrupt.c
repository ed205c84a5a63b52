/* interrupt.c - the SIGINT, SIGTERM and SIGHUP handler: stop SQLite cleanly, remove half-made files. */
#include "smalog/interrupt.h"

#include "smalog/error.h"
#include "smalog/memory.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { NSIGNALS = 3, MAX_CLEANUPS = 32 };

static const int caught[NSIGNALS] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction previous[NSIGNALS];
static bool installed[NSIGNALS];

static sqlite3 *volatile target;
static volatile sig_atomic_t requested;
static volatile sig_atomic_t in_scope;

/*
 * The files and folders to remove.  The handler only reads the slots: a
 * slot is filled after its string is complete and emptied before the string
 * is freed, so the handler (which runs on smalog's only thread) never sees a
 * string that is half made or gone.
 */
static char *volatile cleanups[MAX_CLEANUPS];
static volatile sig_atomic_t cleanup_is_folder[MAX_CLEANUPS];
static int ncleanups;

static int hold_depth;
static sigset_t held_mask;

/* Only async-signal-safe calls from here: unlink, rmdir, write, sigaction, raise. */
static void remove_all(void)
{
	for (int pass = 0; pass < 2; pass++) {
		/* files first, so that a folder registered after them is empty */
		for (int i = 0; i < MAX_CLEANUPS; i++) {
			const char *path = cleanups[i];
			if (!path || cleanup_is_folder[i] != pass)
				continue;
			if (pass == 0)
				unlink(path);
			else
				rmdir(path);
		}
	}
}

static void on_signal(int sig)
{
	int saved_errno = errno;
	if (sig == SIGINT && in_scope && !requested) {
		requested = 1;
		sqlite3 *handle = target;
		if (handle)
			sqlite3_interrupt(handle);
		errno = saved_errno;
		return;
	}
	requested = 1;
	remove_all();
	if (sig == SIGINT) {
		static const char msg[] = "smalog: interrupted\n";
		if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
			/* nothing to be done: smalog is ending */
		}
	}
	/* end by the signal itself, so a shell or script sees what happened;
	 * it is blocked here and arrives as soon as the handler returns */
	struct sigaction dfl = { 0 };
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	raise(sig);
	errno = saved_errno;
}

/* The handler is in place exactly while a command may be interrupted or a
 * file is registered; otherwise the signals behave as they did. */
static void update_handlers(void)
{
	bool want = in_scope || ncleanups > 0;
	for (int i = 0; i < NSIGNALS; i++) {
		if (want && !installed[i]) {
			if (sigaction(caught[i], NULL, &previous[i]) != 0 || previous[i].sa_handler == SIG_IGN)
				continue;
			struct sigaction action = { 0 };
			action.sa_handler = on_signal;
			/* no SA_RESTART: a read blocked on a pipe returns EINTR and the
			 * command stops instead of waiting for input that may never come */
			action.sa_flags = 0;
			sigemptyset(&action.sa_mask);
			for (int j = 0; j < NSIGNALS; j++)
				sigaddset(&action.sa_mask, caught[j]);
			installed[i] = sigaction(caught[i], &action, NULL) == 0;
		} else if (!want && installed[i]) {
			sigaction(caught[i], &previous[i], NULL);
			installed[i] = false;
		}
	}
}

void interrupt_begin(sqlite3 *handle)
{
	requested = 0;
	target = handle;
	in_scope = 1;
	update_handlers();
}

void interrupt_end(void)
{
	in_scope = 0;
	target = NULL;
	update_handlers();
}

bool interrupt_requested(void)
{
	return requested != 0;
}

int interrupt_cleanup_add(const char *path, bool folder)
{
	int i = 0;
	while (i < MAX_CLEANUPS && cleanups[i])
		i++;
	if (i == MAX_CLEANUPS)
		return sm_error(EX_SOFTWARE, "internal error: too many temporary files");
	char *copy = xstrdup(path);
	cleanup_is_folder[i] = folder;
	cleanups[i] = copy;
	ncleanups++;
	update_handlers();
	return 0;
}

void interrupt_cleanup_drop(const char *path)
{
	for (int i = 0; i < MAX_CLEANUPS; i++) {
		char *slot = cleanups[i];
		if (slot && strcmp(slot, path) == 0) {
			cleanups[i] = NULL;
			free(slot);
			ncleanups--;
			break;
		}
	}
	update_handlers();
}

void interrupt_hold(void)
{
	if (hold_depth++ > 0)
		return;
	sigset_t set;
	sigemptyset(&set);
	for (int i = 0; i < NSIGNALS; i++)
		sigaddset(&set, caught[i]);
	sigprocmask(SIG_BLOCK, &set, &held_mask);
}

void interrupt_release(void)
{
	if (hold_depth == 0 || --hold_depth > 0)
		return;
	sigprocmask(SIG_SETMASK, &held_mask, NULL);
}

/* interrupt.c - one SIGINT handler for the commands that can run long (query, import). */
#include "smalog/interrupt.h"

#include <signal.h>
#include <stddef.h>

static sqlite3 *volatile target;
static volatile sig_atomic_t requested;
static struct sigaction previous;
static bool installed;

static void on_sigint(int sig)
{
	(void)sig;
	requested = 1;
	sqlite3 *handle = target;
	if (handle)
		sqlite3_interrupt(handle);
}

void interrupt_begin(sqlite3 *handle)
{
	requested = 0;
	target = handle;
	installed = false;
	if (sigaction(SIGINT, NULL, &previous) != 0 || previous.sa_handler == SIG_IGN)
		return;
	struct sigaction action = { 0 };
	action.sa_handler = on_sigint;
	/* no SA_RESTART: a read blocked on a pipe returns EINTR and the
	 * command stops instead of waiting for input that may never come */
	action.sa_flags = SA_RESETHAND;
	sigemptyset(&action.sa_mask);
	installed = sigaction(SIGINT, &action, NULL) == 0;
}

void interrupt_end(void)
{
	if (installed)
		sigaction(SIGINT, &previous, NULL);
	installed = false;
	target = NULL;
}

bool interrupt_requested(void)
{
	return requested != 0;
}

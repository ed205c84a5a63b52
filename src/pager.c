/* pager.c - output taller than the terminal goes through a pager: $SMALOG_PAGER, $PAGER or less. */
#include "smalog/pager.h"

#include "smalog/error.h"
#include "smalog/term.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* While output is held: the buffer on standard output's place, the
 * terminal it took that place from, and the pager chosen for it. */
static int held_fd = -1;
static int tty_fd = -1;
static const char *command;

const char *pager_command(const char *smalog_pager, const char *pager)
{
	const char *chosen = smalog_pager ? smalog_pager : pager ? pager : "less";
	return *chosen && strcmp(chosen, "cat") != 0 ? chosen : NULL;
}

/* Whether name is a program in $PATH: the default pager, when missing,
 * means no pager rather than the shell's "not found". */
static bool in_path(const char *name)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t len = strcspn(path, ":");
		char file[4096];
		if (snprintf(file, sizeof file, "%.*s/%s", (int)len, len ? path : ".", name) < (int)sizeof file &&
		    access(file, X_OK) == 0)
			return true;
		path += len + (path[len] == ':');
	}
	return false;
}

void pager_begin(void)
{
	if (held_fd >= 0 || !isatty(STDOUT_FILENO) || term_rows() == 0)
		return;
	const char *smalog_pager = getenv("SMALOG_PAGER"), *pager = getenv("PAGER");
	command = pager_command(smalog_pager, pager);
	if (!command || (!smalog_pager && !pager && !in_path(command)))
		return;
	/* memory rather than a file: nothing to clean up if smalog is killed */
	int fd = memfd_create("smalog-output", MFD_CLOEXEC);
	if (fd < 0)
		return;
	int tty = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	if (tty < 0 || fflush(stdout) != 0 || dup2(fd, STDOUT_FILENO) < 0) {
		if (tty >= 0)
			close(tty);
		close(fd);
		return;
	}
	held_fd = fd;
	tty_fd = tty;
	term_set_output(tty);
}

/* Whether the held output, size bytes, takes more lines than the screen
 * shows with a line left for the prompt (less -F's own test). */
static bool taller_than_screen(size_t size)
{
	size_t rows = term_rows();
	if (rows == 0)
		return false;
	void *text = mmap(NULL, size, PROT_READ, MAP_PRIVATE, held_fd, 0);
	if (text == MAP_FAILED)
		return false;
	bool tall = term_screen_lines(text, size, term_columns(), rows) >= rows;
	munmap(text, size);
	return tall;
}

/* Run the pager on the held output and wait for it.  Returns false when
 * it could not run, so that the output is printed as it is. */
static bool run_pager(void)
{
	struct sigaction ignore = { 0 }, old_int, old_quit;
	int status = 0;
	bool ran = false;

	if (lseek(held_fd, 0, SEEK_SET) != 0)
		return false;
	/* Ctrl-C at the pager reaches smalog too: smalog waits on, and the
	 * pager decides what it means (less stops a search, q quits) */
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		/* smalog ignores SIGPIPE for its own writes; the pager's
		 * commands must not inherit that */
		signal(SIGPIPE, SIG_DFL);
		if (dup2(held_fd, STDIN_FILENO) < 0)
			_exit(127);
		if (!getenv("LESS"))
			setenv("LESS", "FRX", 1);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		pid_t got;
		while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
			;
		ran = got == pid && !(WIFEXITED(status) && (WEXITSTATUS(status) == 126 || WEXITSTATUS(status) == 127));
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return ran;
}

/* Write the held output to standard output (the terminal again). */
static int write_held(void)
{
	char buf[65536];
	ssize_t n;

	if (lseek(held_fd, 0, SEEK_SET) != 0)
		return sm_error(EX_IOERR, "cannot write to standard output: %s", strerror(errno));
	while ((n = read(held_fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return sm_error(EX_IOERR, "cannot write to standard output: %s", strerror(errno));
		}
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(STDOUT_FILENO, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return sm_error(EX_IOERR, "cannot write to standard output: %s",
						strerror(w < 0 ? errno : EIO));
			off += w;
		}
	}
	return 0;
}

int pager_finish(bool page)
{
	struct stat st;
	int rc = 0;

	if (held_fd < 0)
		return 0;
	/* the caller has flushed and checked stdout; a failure here would
	 * already have been reported */
	fflush(stdout);
	if (dup2(tty_fd, STDOUT_FILENO) < 0)
		rc = sm_error(EX_IOERR, "cannot write to standard output: %s", strerror(errno));
	term_set_output(-1);
	close(tty_fd);
	tty_fd = -1;
	if (rc == 0 && fstat(held_fd, &st) == 0 && st.st_size > 0) {
		bool paged = page && taller_than_screen((size_t)st.st_size) && run_pager();
		if (!paged)
			rc = write_held();
	}
	close(held_fd);
	held_fd = -1;
	return rc;
}

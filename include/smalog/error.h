/* error.h - the one error path: modules record a message, main picks the exit code. */
#ifndef SMALOG_ERROR_H
#define SMALOG_ERROR_H

#include <sysexits.h>

/* Exit codes used by smalog (SPEC section 4); EX_* come from <sysexits.h>. */
enum { SM_OK = 0, SM_INTERRUPTED = 130 };

/* The reader of standard output went away (`smalog timeline | head`): the
 * command stops, as after an error, and main ends it quietly with 0, since
 * the reader had what it wanted.  Never an exit code itself. */
enum { SM_READER_GONE = 1000 };

/* Record an error: the first one recorded wins (later ones are usually
 * consequences).  Returns code, so callers write `return sm_error(...)`. */
int sm_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The recorded message ("" if none) and code (0 if none). */
const char *sm_error_message(void);
int sm_error_code(void);

/* Forget the recorded error (tests, and retried operations). */
void sm_error_clear(void);

/* A broken invariant: a bug in smalog, never the user's input.  Says
 * "smalog: internal error: ..." with where it was found, and aborts so
 * that a debugger or a sanitizer shows how it came about. */
#define BUG(...) sm_bug(__FILE__, __LINE__, __VA_ARGS__)
__attribute__((noreturn, format(printf, 3, 4))) void sm_bug(const char *file, int line, const char *fmt, ...);

#endif

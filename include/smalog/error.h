/* error.h - the one error path: modules record a message, main picks the exit code. */
#ifndef SMALOG_ERROR_H
#define SMALOG_ERROR_H

#include <sysexits.h>

/* Exit codes used by smalog (SPEC section 4); EX_* come from <sysexits.h>. */
enum { SM_OK = 0, SM_INTERRUPTED = 130 };

/* Record an error: the first one recorded wins (later ones are usually
 * consequences).  Returns code, so callers write `return sm_error(...)`. */
int sm_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The recorded message ("" if none) and code (0 if none). */
const char *sm_error_message(void);
int sm_error_code(void);

/* Forget the recorded error (tests, and retried operations). */
void sm_error_clear(void);

#endif

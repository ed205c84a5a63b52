/* interrupt.h - Ctrl-C and termination during a command: stop SQLite cleanly, and leave no half-made file. */
#ifndef SMALOG_INTERRUPT_H
#define SMALOG_INTERRUPT_H

#include <sqlite3.h>
#include <stdbool.h>

/*
 * From here to interrupt_end, a first SIGINT marks the command interrupted
 * and calls sqlite3_interrupt(handle) (safe in a signal handler), so the
 * running statement stops with SQLITE_INTERRUPT; a loop that runs between
 * statements asks interrupt_requested.  A second SIGINT, like a SIGTERM or
 * SIGHUP at any time, ends smalog at once (see interrupt_cleanup_add).  When
 * a signal was ignored (a background job of a script), it stays ignored.
 * handle is borrowed until interrupt_end; NULL only sets the flag.
 */
void interrupt_begin(sqlite3 *handle);

/* Restore the signals as they were before interrupt_begin (unless files are
 * still registered for removal); interrupt_requested still tells whether
 * one came. */
void interrupt_end(void);

/* Whether a SIGINT came since the last interrupt_begin. */
bool interrupt_requested(void);

/*
 * A file (or, with folder, an empty folder) that must not outlive smalog if
 * a signal ends it: a SIGINT, SIGTERM or SIGHUP that is not handled by
 * interrupt_begin's first-Ctrl-C rule removes every registered file, then
 * every registered folder, says "smalog: interrupted" for a SIGINT, and ends
 * smalog by the same signal, as the shell expects.  path is copied.  Files
 * are removed by the name given, so register a name that stays valid (smalog
 * never changes its working folder).  Returns 0, or EX_SOFTWARE after
 * sm_error when too many are registered.
 */
int interrupt_cleanup_add(const char *path, bool folder);

/* Forget path (the file was renamed into place or removed); a path that is
 * not registered is ignored. */
void interrupt_cleanup_drop(const char *path);

/*
 * Hold SIGINT, SIGTERM and SIGHUP until the matching interrupt_release, so
 * that a step that must not be cut in two (create a temporary and register
 * it; rename it into place and forget it) is done whole or not at all; a
 * signal that came meanwhile is acted on at the release.  Pairs may nest.
 */
void interrupt_hold(void);
void interrupt_release(void);

#endif

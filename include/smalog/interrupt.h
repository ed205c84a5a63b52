/* interrupt.h - Ctrl-C during a long command: stop SQLite and the command's own loops cleanly. */
#ifndef SMALOG_INTERRUPT_H
#define SMALOG_INTERRUPT_H

#include <sqlite3.h>
#include <stdbool.h>

/*
 * From here to interrupt_end, a first SIGINT marks the command interrupted
 * and calls sqlite3_interrupt(handle) (safe in a signal handler), so the
 * running statement stops with SQLITE_INTERRUPT; a loop that runs between
 * statements asks interrupt_requested.  The handler resets itself, so a
 * second SIGINT ends smalog at once.  When SIGINT was ignored (a background
 * job of a script), it stays ignored.  handle is borrowed until
 * interrupt_end; NULL only sets the flag.
 */
void interrupt_begin(sqlite3 *handle);

/* Restore SIGINT as it was before interrupt_begin; interrupt_requested
 * still tells whether one came. */
void interrupt_end(void);

/* Whether a SIGINT came since the last interrupt_begin. */
bool interrupt_requested(void);

#endif

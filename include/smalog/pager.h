/* pager.h - output taller than the terminal goes through a pager: $SMALOG_PAGER, $PAGER or less. */
#ifndef SMALOG_PAGER_H
#define SMALOG_PAGER_H

#include <stdbool.h>

/*
 * The pager to run, given $SMALOG_PAGER and $PAGER (NULL when unset):
 * the first one set, else "less".  NULL when that is empty or "cat",
 * which mean no pager.  Returns a pointer to one of its arguments or to
 * a static string.
 */
const char *pager_command(const char *smalog_pager, const char *pager);

/*
 * When standard output is a terminal (of known height) and a pager is
 * wanted, hold everything written to standard output, the stdout stream
 * and file descriptor 1 alike, until pager_finish decides where it goes;
 * otherwise do nothing.  Call before anything is written to standard
 * output.  Errors stay unheld on standard error.  A buffer that cannot be
 * made means no pager, never a failure.  While held, term_columns and
 * term_rows still answer for the terminal.
 */
void pager_begin(void);

/*
 * Show what was held and give the terminal back to standard output.
 * With page set (the command succeeded) and the output taller than the
 * screen, it goes through the pager: its command line through /bin/sh,
 * with LESS=FRX when $LESS is unset, reading the output as a file.
 * smalog ignores Ctrl-C while it waits for the pager to end, as the
 * pager handles it, and whatever the pager's status (q before the end
 * included), the command's status stands.  A pager that cannot be run
 * (the shell says 126 or 127) leaves the output printed as it is.  Short
 * output, and any output without page, is written to the terminal as it
 * is.  Returns 0, or EX_IOERR after sm_error when the terminal cannot be
 * written.  Does nothing when nothing is held.
 */
int pager_finish(bool page);

#endif

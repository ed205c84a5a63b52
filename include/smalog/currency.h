/* currency.h - ISO 4217 currency codes: which are in use, and which one a user meant. */
#ifndef SMALOG_CURRENCY_H
#define SMALOG_CURRENCY_H

#include <stdbool.h>
#include <stddef.h>

/* Room for the longest suggestion, "AAA, BBB or CCC", and its NUL. */
#define CURRENCY_SUGGESTION_SIZE 24

/* Is code (exactly three upper-case letters) an active ISO 4217 code? */
bool currency_known(const char *code);

/*
 * The code that text, refused as a currency, most likely meant: the code a
 * name or symbol stands for ("won", "dollar", "₩", "RMB"), else the active
 * codes one edit away (a letter changed, added or dropped, or two
 * neighbours swapped: "KWR" is KRW), the most used first, else a code in
 * wide use two edits away.  Writes "KRW" (or "AUD, CAD or CHF", at most
 * three) into buf and returns how many codes it names; 0, with buf empty,
 * when nothing is near enough to suggest.
 */
int currency_suggest(const char *text, char *buf, size_t bufsz);

#endif

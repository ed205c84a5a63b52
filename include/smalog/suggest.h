/* suggest.h - the nearest known name to a mistyped one ("timline" -> "timeline"). */
#ifndef SMALOG_SUGGEST_H
#define SMALOG_SUGGEST_H

#include <stddef.h>

/* Longest name compared; a longer one is never close to anything. */
enum { SUGGEST_MAX_LEN = 64 };

/*
 * A search for the known name nearest to what the user typed, as git
 * suggests a command: suggest_init, then suggest_consider for every name
 * the user could have meant, then suggest_result.  Borrows typed and the
 * names considered; they must outlive the search.
 */
struct suggestion {
	const char *typed;
	size_t typed_len;
	const char *best;    /* nearest name so far, or NULL */
	size_t best_distance;
};

void suggest_init(struct suggestion *s, const char *typed, size_t typed_len);
void suggest_consider(struct suggestion *s, const char *name);

/* The nearest name if it is close enough to be what the user meant (no
 * edit in a single character typed, one in up to 4, two up to 7, and so
 * on; the first considered wins a tie), else NULL. */
const char *suggest_result(const struct suggestion *s);

/* Edits between a and b: insertions, deletions, substitutions and swaps of
 * two adjacent characters, each counting one, ASCII case ignored (optimal
 * string alignment distance).  Names longer than SUGGEST_MAX_LEN give
 * SUGGEST_MAX_LEN + 1. */
size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen);

#endif

/* suggest.c - Damerau-Levenshtein distance and the nearest-name search built on it. */
#include "smalog/suggest.h"

#include <ctype.h>
#include <string.h>

static int fold(char c)
{
	return tolower((unsigned char)c);
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen > SUGGEST_MAX_LEN || blen > SUGGEST_MAX_LEN)
		return SUGGEST_MAX_LEN + 1;
	/* three rows of the edit matrix: the swap looks two rows back */
	size_t rows[3][SUGGEST_MAX_LEN + 1];
	size_t *before = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= blen; j++)
		prev[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= blen; j++) {
			size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]) &&
			    before[j - 2] + 1 < cur[j])
				cur[j] = before[j - 2] + 1;
		}
		size_t *oldest = before;
		before = prev;
		prev = cur;
		cur = oldest;
	}
	return prev[blen];
}

void suggest_init(struct suggestion *s, const char *typed, size_t typed_len)
{
	*s = (struct suggestion){ .typed = typed, .typed_len = typed_len, .best = NULL,
				  .best_distance = SUGGEST_MAX_LEN + 1 };
}

void suggest_consider(struct suggestion *s, const char *name)
{
	size_t d = suggest_distance(s->typed, s->typed_len, name, strlen(name));
	if (d < s->best_distance) {
		s->best = name;
		s->best_distance = d;
	}
}

const char *suggest_result(const struct suggestion *s)
{
	/* none in a single character, one in up to four, then one more per
	 * three: "timline" is "timeline", but "ls" is not "db" */
	size_t allowed = (s->typed_len + 1) / 3;
	if (!s->best || s->best_distance > allowed)
		return NULL;
	return s->best;
}

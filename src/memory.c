/* memory.c - allocation that does not come back empty (see memory.h). */
#include "smalog/memory.h"

#include "smalog/error.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void die_oom(void)
{
	fputs("smalog: out of memory\n", stderr);
	exit(EX_SOFTWARE);
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d)
		die_oom();
	return d;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = strndup(s, n);
	if (!d)
		die_oom();
	return d;
}

void *xgrow(void *array, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return array;
	size_t n = *cap ? *cap : 16;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			die_oom();
		n *= 2;
	}
	if (n > SIZE_MAX / size)
		die_oom();
	array = xrealloc(array, n * size);
	*cap = n;
	return array;
}

/* sbuf.c - a growable byte string, for building output lines and cells. */
#include "smalog/sbuf.h"

#include "smalog/error.h"
#include "smalog/memory.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Make room for extra more bytes plus the NUL. */
void sb_grow(struct sbuf *b, size_t extra)
{
	size_t need, cap;

	if (extra > SIZE_MAX - b->len - 1)
		die_oom();
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void sb_add(struct sbuf *b, const void *s, size_t n)
{
	sb_grow(b, n);
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void sb_adds(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void sb_addc(struct sbuf *b, char c)
{
	sb_add(b, &c, 1);
}

void sb_fill(struct sbuf *b, char c, size_t n)
{
	sb_grow(b, n);
	memset(b->p + b->len, c, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void sb_addf(struct sbuf *b, const char *fmt, ...)
{
	char buf[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* only short numbers go through here */
	if (n < 0 || (size_t)n >= sizeof buf)
		BUG("sb_addf output longer than %zu bytes", sizeof buf);
	sb_add(b, buf, (size_t)n);
}

/* The contents, never NULL (an untouched sbuf has no storage). */
const char *sb_str(const struct sbuf *b)
{
	return b->p ? b->p : "";
}

void sb_release(struct sbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

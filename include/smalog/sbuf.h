/* sbuf.h - a growable byte string, for building output lines and cells. */
#ifndef SMALOG_SBUF_H
#define SMALOG_SBUF_H

#include <stddef.h>

/* A growable byte string, always NUL-terminated once anything is added. */
struct sbuf {
	char *p;
	size_t len, cap;
};

/* Every function dies on out of memory (die_oom) rather than fail, so a
 * builder needs no error path.  A zeroed sbuf is empty and ready. */

/* Make room for extra more bytes plus the NUL. */
void sb_grow(struct sbuf *b, size_t extra);

/* Append n bytes of s (which may hold NULs), a C string, one byte, or n copies of c. */
void sb_add(struct sbuf *b, const void *s, size_t n);
void sb_adds(struct sbuf *b, const char *s);
void sb_addc(struct sbuf *b, char c);
void sb_fill(struct sbuf *b, char c, size_t n);

/* Append a short formatted text (a number); longer than 63 bytes is a bug. */
void sb_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The contents, never NULL (an untouched sbuf has no storage). */
const char *sb_str(const struct sbuf *b);

/* Free the storage; b is empty again. */
void sb_release(struct sbuf *b);

#endif

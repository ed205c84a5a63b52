/* memory.h - allocation that does not come back empty.  Out of memory is
 * the one failure not worth a clean error path: smalog says so and exits
 * 70 (EX_SOFTWARE), whichever module ran out. */
#ifndef SMALOG_MEMORY_H
#define SMALOG_MEMORY_H

#include <stddef.h>

__attribute__((noreturn)) void die_oom(void);

/* calloc, realloc, strdup and strndup that never return NULL. */
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* array (of elements of size bytes, *cap of them) with room for at least
 * need: doubled from 16 as needed, so that appending stays linear. */
void *xgrow(void *array, size_t *cap, size_t need, size_t size);

#endif

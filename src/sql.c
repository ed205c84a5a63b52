/* sql.c - finds embedded SQL files and the named statements inside them. */
#include "smalog/sql.h"

#include <string.h>

const char *sql_file_text(const char *name)
{
	for (const struct sql_file *f = sql_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f->text;
	return NULL;
}

static const char name_marker[] = "-- name: ";

/* Scan the query files for "-- name: NAME" and return what follows, up to the
 * next marker or the end of the file; else the statement made from a
 * kind's description.  Linear, but a handful of files. */
const char *sql_statement(const char *name, int *len)
{
	size_t name_len = strlen(name);
	for (const struct sql_file *f = sql_files; f->name; f++) {
		if (strncmp(f->name, "queries/", 8) != 0)
			continue;
		for (const char *p = f->text; (p = strstr(p, name_marker)); ) {
			p += sizeof name_marker - 1;
			if (strncmp(p, name, name_len) != 0 ||
			    (p[name_len] != '\n' && p[name_len] != ' ' && p[name_len] != '\0'))
				continue;
			const char *start = strchr(p, '\n');
			start = start ? start + 1 : p + strlen(p);
			const char *end = strstr(start, name_marker);
			if (!end)
				end = start + strlen(start);
			*len = (int)(end - start);
			return start;
		}
	}
	return sql_kind_statement(name, len);
}

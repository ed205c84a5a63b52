/* sql.h - the SQL files of sql/, embedded at build time, looked up by name. */
#ifndef SMALOG_SQL_H
#define SMALOG_SQL_H

struct sql_file {
	const char *name; /* path below sql/, e.g. "migrations/0001_initial.sql" */
	const char *text;
};

/* Generated table, terminated by an entry whose name is NULL. */
extern const struct sql_file sql_files[];

/* Whole text of an embedded file, or NULL. */
const char *sql_file_text(const char *name);

/* One named statement from sql/queries/: a query file holds statements each
 * introduced by a line "-- name: NAME".  Returns the statement text and sets
 * *len to its length (not NUL-terminated), or NULL if no such name. */
const char *sql_statement(const char *name, int *len);

#endif

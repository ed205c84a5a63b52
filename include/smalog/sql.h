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
 * introduced by a line "-- name: NAME"; a name KIND.OP that no file holds
 * is one of the kind's statements made from its description
 * (sql_kind_statement).  Returns the statement text and sets *len to its
 * length (not NUL-terminated), or NULL if no such name.  The text lives
 * as long as the process. */
const char *sql_statement(const char *name, int *len);

/* The statement KIND.OP made from the kind's description (kind_sql.c)
 * for the ops whose text is the same pattern for every kind: insert,
 * update, get, list (with the filters that apply), delete, count, uid_of,
 * set_uid, by_uid, and by_key, like_key and natural where the kind has a
 * natural key.  Same contract as sql_statement.  A kind whose statement
 * differs (a default taken from another record, another order) writes
 * its own in sql/queries/, which sql_statement finds first. */
const char *sql_kind_statement(const char *name, int *len);

#endif

/* db.h - opening a smalog database, named statements, transactions, SQLite errors. */
#ifndef SMALOG_DB_H
#define SMALOG_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* 'SMLG': marks the file as smalog's (PRAGMA application_id). */
#define SMALOG_APPLICATION_ID 0x534d4c47

enum db_mode {
	DB_READ_WRITE, /* an existing database, upgraded if older */
	DB_READ_ONLY,  /* an existing database, opened read-only */
	DB_CREATE,     /* a new database: refuses an existing file */
	DB_CHECK,      /* as DB_READ_WRITE for `check`: a schema problem is not
			* refused, and an older file holding a foreign trigger is
			* left at its version (check reports it) */
};

struct history_note;

struct db {
	sqlite3 *handle;
	const char *path; /* borrowed from the caller; lives as long as the db */
	struct cached_statement *cache;
	int cache_len, cache_cap;
	bool in_transaction;
	int version; /* the file's schema version once open (the latest unless DB_CHECK) */
	bool temp_views; /* smalog's report views are on the connection (schema_temp_views) */
	struct history_note *note; /* a writing command's: its transactions are change groups (history.h) */
};

/* The database path: --db, else $SMALOG_DB, else ./smalog.db. */
const char *db_default_path(const char *option_value);

/* Set SQLite up for smalog before its first use: no URI file names, one
 * thread.  db_open calls it; main calls it first, before anything else
 * can start SQLite. */
void db_library_init(void);

/* Open path in mode.  Refuses (with sm_error) a missing file (EX_NOINPUT),
 * a file that is not a regular file (EX_NOINPUT), a file that is not a
 * smalog database or is from a newer smalog, a hot journal beside it that
 * is not its own (EX_DATAERR, every file untouched), an existing file for
 * DB_CREATE (EX_CANTCREAT).  A writer (DB_READ_WRITE) also refuses a file
 * whose schema is not smalog's (a foreign trigger, a changed definition:
 * see schema.h), and nobody upgrades a file that holds a foreign trigger.
 * Readers and writers read the report views as smalog defines them, never
 * as the file does (schema_temp_views).  Returns 0 or the exit code; *out
 * is set on success. */
int db_open(const char *path, enum db_mode mode, struct db **out);

/* Finalize every statement and close; NULL is fine. Rolls back an open
 * transaction. */
void db_close(struct db *db);

/* The named statement from sql/queries/ (see sql.h), prepared once and
 * cached; returned reset with its bindings cleared.  Owned by db.  The
 * cache keeps the name's pointer, so name must live as long as db.  A
 * missing name is a bug in smalog: NULL after sm_error(EX_SOFTWARE). */
sqlite3_stmt *db_statement(struct db *db, const char *name);

/* Read and write through handle from now on, in place of the file's
 * (closed, its statements with it): --as-of's rewound copy.  0 or an
 * exit code. */
int db_use_handle(struct db *db, sqlite3 *handle);

/* Run an embedded SQL file (several statements) by name. */
int db_exec_file(struct db *db, const char *name);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  begin and commit return 0 or an
 * exit code; rollback is safe to call when no transaction is open.  A
 * transaction begun here journals the file's first page before anything
 * else, which is how a journal left by a crash is known to be this file's. */
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* Turn an SQLite result code into an exit code with a message naming what
 * was being done: busy -> EX_TEMPFAIL, full disk or I/O -> EX_IOERR,
 * corrupt -> EX_DATAERR, read-only -> EX_NOPERM, constraint -> EX_DATAERR. */
int db_fail(struct db *db, int rc, const char *doing);

/* Bind by parameter name; an unknown name is a bug in smalog and aborts. */
void db_bind_text(sqlite3_stmt *stmt, const char *param, const char *value);
void db_bind_int(sqlite3_stmt *stmt, const char *param, int64_t value);
void db_bind_null(sqlite3_stmt *stmt, const char *param);

/* Step a statement expected to return no row (or ignore rows); resets it.
 * Returns 0 or an exit code via db_fail. */
int db_run(struct db *db, sqlite3_stmt *stmt, const char *doing);

/* Schema version that this smalog writes (the number of migrations). */
int db_schema_version(void);

/* The embedded migration to version (1 to db_schema_version()), or NULL. */
const char *db_migration(int version);

#endif

/* db.c - opens smalog databases safely, upgrades them, and caches named statements. */
#include "smalog/db.h"

#include "smalog/error.h"
#include "smalog/memory.h"
#include "smalog/sql.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct cached_statement {
	const char *name; /* points into the embedded SQL table */
	sqlite3_stmt *stmt;
};

const char *db_default_path(const char *option_value)
{
	if (option_value && *option_value)
		return option_value;
	const char *env = getenv("SMALOG_DB");
	if (env && *env)
		return env;
	return "smalog.db";
}

/* Migrations are the embedded files under migrations/, named NNNN_*.sql and
 * numbered from 1 without gaps; the schema version is the highest number. */
static const char *migration_text(int version)
{
	char prefix[32];
	snprintf(prefix, sizeof prefix, "migrations/%04d_", version);
	for (const struct sql_file *f = sql_files; f->name; f++)
		if (strncmp(f->name, prefix, strlen(prefix)) == 0)
			return f->text;
	return NULL;
}

int db_schema_version(void)
{
	int version = 0;
	while (migration_text(version + 1))
		version++;
	return version;
}

int db_fail(struct db *db, int rc, const char *doing)
{
	const char *detail = db && db->handle ? sqlite3_errmsg(db->handle) : sqlite3_errstr(rc);
	const char *path = db ? db->path : "database";
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return sm_error(EX_TEMPFAIL, "database '%s' is busy (another process is writing to it); try again", path);
	case SQLITE_FULL:
		return sm_error(EX_IOERR, "%s: disk full while writing '%s'; nothing was changed", doing, path);
	case SQLITE_IOERR:
		return sm_error(EX_IOERR, "%s: I/O error on '%s' (%s)", doing, path, detail);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return sm_error(EX_DATAERR, "database '%s' is corrupt (%s); run 'smalog check'", path, detail);
	case SQLITE_READONLY:
		if (rc == SQLITE_READONLY_ROLLBACK)
			return sm_error(EX_NOPERM,
					"%s: '%s' holds a change left unfinished by a process that stopped; it needs write access once to roll it back (from '%s-journal')",
					doing, path, path);
		if (rc == SQLITE_READONLY_DIRECTORY)
			return sm_error(EX_NOPERM, "%s: the folder of '%s' is read-only (smalog writes its journal beside the database)",
					doing, path);
		return sm_error(EX_NOPERM, "%s: database '%s' is read-only", doing, path);
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return sm_error(EX_NOPERM, "%s: database '%s' is read-only", doing, path);
	case SQLITE_CANTOPEN:
		return sm_error(EX_NOPERM, "%s: cannot open '%s' or its journal for writing (%s)", doing, path, detail);
	case SQLITE_CONSTRAINT:
		return sm_error(EX_DATAERR, "%s: %s", doing, detail);
	case SQLITE_INTERRUPT:
		return sm_error(SM_INTERRUPTED, "%s: interrupted", doing);
	case SQLITE_NOMEM:
		return sm_error(EX_SOFTWARE, "%s: out of memory", doing);
	default:
		return sm_error(EX_SOFTWARE, "%s: %s", doing, detail);
	}
}

/* SQLite files start with this 16-byte header; anything else is refused
 * before SQLite sees it, so junk is never touched. */
static int check_header(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == EACCES)
			return sm_error(EX_NOPERM, "cannot read '%s': %s", path, strerror(errno));
		return sm_error(EX_NOINPUT, "cannot open '%s': %s", path, strerror(errno));
	}
	char header[16];
	ssize_t n = read(fd, header, sizeof header);
	close(fd);
	if (n < 0)
		return sm_error(EX_IOERR, "cannot read '%s': %s", path, strerror(errno));
	if (n != (ssize_t)sizeof header || memcmp(header, "SQLite format 3", 16) != 0)
		return sm_error(EX_DATAERR, "'%s' is not a smalog database", path);
	return 0;
}

static int query_int(struct db *db, const char *sql, int64_t *value)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db->handle, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, "reading the database header");
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*value = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return db_fail(db, rc, "reading the database header");
	return 0;
}

static int exec(struct db *db, const char *sql, const char *doing)
{
	int rc = sqlite3_exec(db->handle, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_fail(db, rc, doing);
}

static int exec_file(struct db *db, const char *name, const char *doing)
{
	const char *text = sql_file_text(name);
	if (!text)
		return sm_error(EX_SOFTWARE, "embedded SQL file '%s' is missing", name);
	return exec(db, text, doing);
}

int db_exec_file(struct db *db, const char *name)
{
	return exec_file(db, name, name);
}

/* Apply migrations after version `from`, then this version's views (they
 * hold no data, so they are replaced rather than migrated), in one
 * transaction. */
static int upgrade(struct db *db, int from, int to)
{
	int rc = db_begin(db);
	for (int v = from + 1; rc == 0 && v <= to; v++)
		rc = exec(db, migration_text(v), "upgrading the database schema");
	if (rc == 0)
		rc = exec_file(db, "views.sql", "upgrading the database schema");
	if (rc == 0) {
		char sql[96];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
			 SMALOG_APPLICATION_ID, to);
		rc = exec(db, sql, "upgrading the database schema");
	}
	if (rc == 0)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

/* Paths are file names, never URIs (file:x?mode=memory is a file name,
 * URI handling being off), and never SQLite's special names: ":memory:"
 * and "" would be databases that vanish, so a relative path is handed to
 * SQLite as ./PATH.  Every handle waits up to 10 s for a lock.  Returns
 * SQLite's result; *handle is set either way, for its error message. */
static int open_file(const char *path, int flags, sqlite3 **handle)
{
	char *name = NULL;
	if (path[0] != '/' && asprintf(&name, "./%s", path) < 0)
		die_oom();
	int rc = sqlite3_open_v2(name ? name : path, handle, flags, NULL);
	free(name);
	if (*handle)
		sqlite3_busy_timeout(*handle, 10000);
	return rc;
}

static int open_handle(struct db *db, int flags)
{
	int rc = open_file(db->path, flags, &db->handle);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, "opening the database");
	sqlite3_extended_result_codes(db->handle, 1);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	return exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;", "opening the database");
}

/*
 * A writer that was killed mid-transaction (kill -9, a crash, a power cut)
 * leaves a hot journal beside the file, and only a connection that can
 * write may roll it back: a read-only handle would fail with
 * SQLITE_READONLY_ROLLBACK, and every reading command would call an intact
 * file read-only until some write came along.  So before a read-only open,
 * when a journal is there, a read-write handle reads the header, which
 * rolls a hot journal back (a journal of a live writer is not hot and is
 * left alone), and is closed.  Returns 0 or an exit code: busy is reported
 * here, so that a reader waits for the busy timeout once, not twice; any
 * other failure is left to the read-only open to meet and explain.
 */
static int roll_back_hot_journal(struct db *db)
{
	char *journal = NULL;
	if (asprintf(&journal, "%s-journal", db->path) < 0)
		return sm_error(EX_SOFTWARE, "out of memory");
	struct stat st;
	bool present = stat(journal, &st) == 0;
	free(journal);
	if (!present)
		return 0;
	sqlite3 *handle = NULL;
	int rc = open_file(db->path, SQLITE_OPEN_READWRITE, &handle);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(handle, "PRAGMA application_id", NULL, NULL, NULL);
	sqlite3_close(handle);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return db_fail(db, rc, "opening the database");
	return 0;
}

/* identify() result: a read-only open of a file at an older version */
enum { NEEDS_UPGRADE = -1 };

/* Identify an existing file as smalog's, then upgrade it if it is older. */
static int identify(struct db *db, enum db_mode mode)
{
	int64_t app_id = 0, version = 0;
	int rc = query_int(db, "PRAGMA application_id", &app_id);
	if (rc == 0)
		rc = query_int(db, "PRAGMA user_version", &version);
	if (rc != 0)
		return rc;
	if (app_id != SMALOG_APPLICATION_ID)
		return sm_error(EX_DATAERR, "'%s' is not a smalog database", db->path);
	int latest = db_schema_version();
	if (version > latest)
		return sm_error(EX_DATAERR,
				"'%s' was written by a newer smalog (schema version %lld; this smalog knows up to %d); upgrade smalog",
				db->path, (long long)version, latest);
	if (version < 1)
		return sm_error(EX_DATAERR, "'%s' is not a smalog database", db->path);
	if (version < latest) {
		if (mode == DB_READ_ONLY)
			return NEEDS_UPGRADE;
		return upgrade(db, (int)version, latest);
	}
	return 0;
}

/* A reader met an older file: upgrade it through a read-write handle, then
 * read as asked.  A file that cannot be written cannot be upgraded. */
static int upgrade_then_reopen(struct db *db)
{
	sqlite3_close(db->handle);
	db->handle = NULL;
	int rc = open_handle(db, SQLITE_OPEN_READWRITE);
	if (rc == 0 && sqlite3_db_readonly(db->handle, "main") == 1)
		rc = sm_error(EX_NOPERM, "'%s' needs an upgrade to schema version %d, but it is read-only",
			      db->path, db_schema_version());
	if (rc == 0)
		rc = identify(db, DB_READ_WRITE);
	sqlite3_close(db->handle);
	db->handle = NULL;
	if (rc == 0)
		rc = open_handle(db, SQLITE_OPEN_READONLY);
	if (rc == 0)
		rc = identify(db, DB_READ_ONLY);
	return rc;
}

int db_open(const char *path, enum db_mode mode, struct db **out)
{
	*out = NULL;
	struct stat st;
	if (mode == DB_CREATE) {
		if (lstat(path, &st) == 0)
			return sm_error(EX_CANTCREAT, "'%s' already exists; choose another path or remove it", path);
		/* create the file ourselves so the reason for a failure is precise */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0)
			return sm_error(EX_CANTCREAT, "cannot create '%s': %s", path, strerror(errno));
		close(fd);
	} else {
		if (stat(path, &st) != 0) {
			if (errno == ENOENT)
				return sm_error(EX_NOINPUT, "no smalog database at '%s' (create one with 'smalog init', or pass --db)", path);
			return sm_error(EX_NOINPUT, "cannot open '%s': %s", path, strerror(errno));
		}
		if (S_ISDIR(st.st_mode))
			return sm_error(EX_NOINPUT, "'%s' is a folder, not a smalog database", path);
		int rc = check_header(path);
		if (rc)
			return rc;
	}

	/* URI file names off, whatever SQLite was built with (fails harmlessly
	 * once SQLite is initialized, by which time it was already applied) */
	static bool configured;
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_URI, 0);
		configured = true;
	}
	struct db *db = calloc(1, sizeof *db);
	if (!db)
		return sm_error(EX_SOFTWARE, "out of memory");
	db->path = path;
	int flags = mode == DB_READ_ONLY ? SQLITE_OPEN_READONLY
		  : mode == DB_CREATE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
				      : SQLITE_OPEN_READWRITE;
	int rc = mode == DB_READ_ONLY ? roll_back_hot_journal(db) : 0;
	if (rc == 0)
		rc = open_handle(db, flags);
	if (rc == 0 && mode == DB_READ_WRITE && sqlite3_db_readonly(db->handle, "main") == 1)
		rc = sm_error(EX_NOPERM, "database '%s' is read-only (check its permissions)", path);
	if (rc == 0 && mode != DB_CREATE)
		rc = identify(db, mode);
	if (rc == NEEDS_UPGRADE)
		rc = upgrade_then_reopen(db);
	if (rc == 0 && mode == DB_CREATE) {
		rc = exec(db, "PRAGMA journal_mode = DELETE;", "creating the database");
		if (rc == 0)
			rc = upgrade(db, 0, db_schema_version());
	}
	if (rc != 0) {
		db_close(db);
		if (mode == DB_CREATE)
			unlink(path);
		return rc;
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->in_transaction)
		db_rollback(db);
	for (int i = 0; i < db->cache_len; i++)
		sqlite3_finalize(db->cache[i].stmt);
	free(db->cache);
	sqlite3_close(db->handle);
	free(db);
}

sqlite3_stmt *db_statement(struct db *db, const char *name)
{
	for (int i = 0; i < db->cache_len; i++) {
		if (strcmp(db->cache[i].name, name) == 0) {
			sqlite3_stmt *stmt = db->cache[i].stmt;
			sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt);
			return stmt;
		}
	}
	int len;
	const char *text = sql_statement(name, &len);
	if (!text) {
		sm_error(EX_SOFTWARE, "internal error: no SQL statement named '%s'", name);
		return NULL;
	}
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v3(db->handle, text, len, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, name);
		return NULL;
	}
	if (db->cache_len == db->cache_cap) {
		int cap = db->cache_cap ? db->cache_cap * 2 : 16;
		struct cached_statement *grown = realloc(db->cache, (size_t)cap * sizeof *grown);
		if (!grown) {
			sqlite3_finalize(stmt);
			sm_error(EX_SOFTWARE, "out of memory");
			return NULL;
		}
		db->cache = grown;
		db->cache_cap = cap;
	}
	/* names given by callers are string literals, so keeping the pointer is safe */
	db->cache[db->cache_len++] = (struct cached_statement){ name, stmt };
	return stmt;
}

int db_begin(struct db *db)
{
	int rc = exec(db, "BEGIN IMMEDIATE", "starting a transaction");
	if (rc == 0)
		db->in_transaction = true;
	return rc;
}

int db_commit(struct db *db)
{
	int rc = exec(db, "COMMIT", "saving the changes");
	if (rc != 0) {
		db_rollback(db);
		return rc;
	}
	db->in_transaction = false;
	return 0;
}

void db_rollback(struct db *db)
{
	if (sqlite3_get_autocommit(db->handle) == 0)
		sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
	db->in_transaction = false;
}

static int param_index(sqlite3_stmt *stmt, const char *param)
{
	int i = sqlite3_bind_parameter_index(stmt, param);
	if (i == 0) {
		fprintf(stderr, "smalog: internal error: no parameter %s in: %s\n", param, sqlite3_sql(stmt));
		abort();
	}
	return i;
}

void db_bind_text(sqlite3_stmt *stmt, const char *param, const char *value)
{
	int i = param_index(stmt, param);
	if (value)
		sqlite3_bind_text(stmt, i, value, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, i);
}

void db_bind_int(sqlite3_stmt *stmt, const char *param, int64_t value)
{
	sqlite3_bind_int64(stmt, param_index(stmt, param), value);
}

void db_bind_null(sqlite3_stmt *stmt, const char *param)
{
	sqlite3_bind_null(stmt, param_index(stmt, param));
}

int db_run(struct db *db, sqlite3_stmt *stmt, const char *doing)
{
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, doing);
}

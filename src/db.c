/* db.c - opens smalog databases safely, upgrades them, and caches named statements. */
#include "smalog/db.h"

#include "smalog/error.h"
#include "smalog/history.h"
#include "smalog/memory.h"
#include "smalog/schema.h"
#include "smalog/sql.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct cached_statement {
	const char *name; /* the caller's, kept: it must live as long as the db */
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
const char *db_migration(int version)
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
	while (db_migration(version + 1))
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

/* SQLite's rollback journal (the file format's section "the rollback
 * journal"): a header of magic, record count, checksum seed, the
 * database's size before the transaction, sector size and page size, padded
 * to the sector size; then records of page number, the page as it was, and
 * a checksum. */
static const unsigned char journal_magic[8] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7 };
enum { JOURNAL_HEADER = 28, DB_HEADER = 100 };
/* The byte a writer holds locked from BEGIN IMMEDIATE to its end (SQLite's
 * RESERVED lock, after the PENDING byte at 1 GiB). */
enum { RESERVED_BYTE = 0x40000001 };

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A writer is at work on the file (it holds the RESERVED lock): its
 * journal is live, not hot, and nobody rolls it back. */
static bool writer_is_live(int fd)
{
	struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = RESERVED_BYTE, .l_len = 1 };
	return fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
}

static bool read_at(int fd, void *buf, size_t n, off_t at)
{
	return pread(fd, buf, n, at) == (ssize_t)n;
}

/*
 * Whether a hot journal belongs to the database open as fd: the next
 * connection to open the file copies every page of the journal into it, so
 * a journal copied or synced beside it from another database would write
 * that database's pages into this one.  Every smalog transaction journals
 * the first page first (db_begin), so a journal of this file starts with
 * this file's first page as it was: a valid record of page 1, of the same
 * page size, marked as smalog's.  While that page has not been written back
 * it is byte for byte the file's page 1; once written back, the file's
 * change counter is one more than the journal's (SQLite bumps it exactly
 * once when it writes page 1 in a transaction).  Returns why it does not
 * belong (a static string), or NULL when it does.
 */
static const char *journal_fault(int fd, int jfd, off_t jsize)
{
	const char *why = NULL;
	unsigned char hdr[JOURNAL_HEADER], db_hdr[DB_HEADER];
	if (!read_at(jfd, hdr, sizeof hdr, 0) || memcmp(hdr, journal_magic, sizeof journal_magic) != 0)
		return "it is not a rollback journal";
	uint32_t records = be32(hdr + 8), seed = be32(hdr + 12), sector = be32(hdr + 20), page = be32(hdr + 24);
	if (!read_at(fd, db_hdr, sizeof db_hdr, 0))
		return "the database is shorter than its header";
	uint32_t db_page = (uint32_t)db_hdr[16] << 8 | db_hdr[17];
	if (db_page == 1)
		db_page = 65536;
	if (page != db_page || sector < 512 || sector > 65536 || (sector & (sector - 1)) != 0)
		return "its page size is not the database's";
	if (records == 0 || records == UINT32_MAX || (off_t)sector + 8 + page > jsize)
		return "it holds no page of the database";
	unsigned char *image = malloc(2 * (size_t)page + 8);
	if (!image)
		die_oom();
	unsigned char *record = image, *current = image + page + 8;
	if (!read_at(jfd, record, page + 8, sector) || !read_at(fd, current, page, 0)) {
		why = "it holds no page of the database";
		goto done;
	}
	uint32_t sum = seed;
	for (int i = (int)page - 200; i > 0; i -= 200)
		sum += record[4 + i];
	const unsigned char *was = record + 4;
	if (be32(record) != 1 || be32(record + 4 + page) != sum || be32(was + 68) != SMALOG_APPLICATION_ID) {
		why = "it does not start with a smalog database's first page";
		goto done;
	}
	uint32_t journal_counter = be32(was + 24), file_counter = be32(current + 24);
	bool unwritten = file_counter == journal_counter && memcmp(was, current, page) == 0;
	bool written = file_counter == journal_counter + 1;
	if (!unwritten && !written)
		why = "its first page is another database's";
done:
	free(image);
	return why;
}

/* The journal beside the database, when it is hot (it would be rolled
 * back), must belong to it; fd is the database's. */
static int check_journal(const char *path, int fd)
{
	char *journal = NULL;
	if (asprintf(&journal, "%s-journal", path) < 0)
		die_oom();
	int rc = 0;
	/* never blocks: a FIFO named like the journal is refused, not waited on */
	int jfd = open(journal, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	const char *why = NULL;
	unsigned char first;
	/* none is the usual case; one we may not read, SQLite meets and explains */
	if (jfd < 0)
		goto done;
	if (fstat(jfd, &st) != 0 || !S_ISREG(st.st_mode))
		why = "it is not a regular file";
	/* an empty journal, or one whose first byte is zero, is not hot */
	else if (st.st_size == 0 || !read_at(jfd, &first, 1, 0) || first == 0 || writer_is_live(fd))
		goto done;
	else
		why = journal_fault(fd, jfd, st.st_size);
	/* a writer that began or committed while it was read: the journal was
	 * live (a commit deletes it before it lets go of the file), not hot */
	if (why && S_ISREG(st.st_mode) && (writer_is_live(fd) || fstat(jfd, &st) != 0 || st.st_nlink == 0))
		why = NULL;
	if (why)
		rc = sm_error(EX_DATAERR,
			      "'%s' is not the journal of '%s' (%s); nothing was changed: move it away from the database",
			      journal, path, why);
done:
	if (jfd >= 0)
		close(jfd);
	free(journal);
	return rc;
}

/* The file must be a regular file that starts with SQLite's 16-byte
 * header (anything else is refused before SQLite sees it, so junk is never
 * touched, and a FIFO or a device never blocks), and a hot journal beside
 * it must be its own. */
static int check_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == EACCES)
			return sm_error(EX_NOPERM, "cannot read '%s': %s", path, strerror(errno));
		return sm_error(EX_NOINPUT, "cannot open '%s': %s", path, strerror(errno));
	}
	struct stat st;
	int rc = 0;
	if (fstat(fd, &st) != 0) {
		rc = sm_error(EX_IOERR, "cannot read '%s': %s", path, strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		rc = sm_error(EX_NOINPUT, "'%s' is a folder, not a smalog database", path);
	} else if (!S_ISREG(st.st_mode)) {
		const char *what = S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket"
				 : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "a special file";
		rc = sm_error(EX_NOINPUT, "'%s' is %s, not a smalog database", path, what);
	} else {
		char header[16];
		ssize_t n = read(fd, header, sizeof header);
		if (n < 0)
			rc = sm_error(EX_IOERR, "cannot read '%s': %s", path, strerror(errno));
		else if (n != (ssize_t)sizeof header || memcmp(header, "SQLite format 3", 16) != 0)
			rc = sm_error(EX_DATAERR, "'%s' is not a smalog database", path);
		else
			rc = check_journal(path, fd);
	}
	close(fd);
	return rc;
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
	if (rc == 0)
		rc = schema_drop_views(db);
	for (int v = from + 1; rc == 0 && v <= to; v++)
		rc = exec(db, db_migration(v), "upgrading the database schema");
	if (rc == 0)
		rc = schema_replace_views(db);
	/* the change log's triggers follow the tables as the migrations left them */
	if (rc == 0)
		rc = history_install(db);
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
	/* smalog is single-threaded: no mutex on the connection */
	int rc = sqlite3_open_v2(name ? name : path, handle, flags | SQLITE_OPEN_NOMUTEX, NULL);
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
	rc = history_register(db->handle);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, "opening the database");
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
		die_oom();
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
	db->version = (int)version;
	if (version == latest)
		return 0;
	if (mode == DB_READ_ONLY)
		return NEEDS_UPGRADE;
	/* a trigger that smalog did not create would run inside the migration */
	if (mode == DB_CHECK) {
		struct schema_report r;
		rc = schema_compare(db, (int)version, true, &r);
		int problems = r.problems;
		schema_report_release(&r);
		if (rc != 0 || problems > 0)
			return rc;
	} else {
		rc = schema_refuse_problems(db, (int)version, true);
		if (rc != 0)
			return rc;
	}
	rc = upgrade(db, (int)version, latest);
	if (rc == 0)
		db->version = latest;
	return rc;
}

/* Close the connection and the statements cached on it (a connection with
 * a statement left open would not close), keeping db for another. */
static void close_handle(struct db *db)
{
	for (int i = 0; i < db->cache_len; i++)
		sqlite3_finalize(db->cache[i].stmt);
	db->cache_len = 0;
	sqlite3_close(db->handle);
	db->handle = NULL;
	db->temp_views = false;
}

/* A reader met an older file: upgrade it through a read-write handle, then
 * read as asked.  A file that cannot be written cannot be upgraded. */
static int upgrade_then_reopen(struct db *db)
{
	close_handle(db);
	int rc = open_handle(db, SQLITE_OPEN_READWRITE);
	if (rc == 0 && sqlite3_db_readonly(db->handle, "main") == 1)
		rc = sm_error(EX_NOPERM, "'%s' needs an upgrade to schema version %d, but it is read-only",
			      db->path, db_schema_version());
	if (rc == 0)
		rc = identify(db, DB_READ_WRITE);
	close_handle(db);
	if (rc == 0)
		rc = open_handle(db, SQLITE_OPEN_READONLY);
	if (rc == 0)
		rc = identify(db, DB_READ_ONLY);
	return rc;
}

/* URI file names off, whatever SQLite was built with; and, as smalog runs
 * one thread, no mutex and no memory statistics, which would otherwise lock
 * and unlock on every allocation.  Each setting fails harmlessly once
 * SQLite is initialized, by which time it was already applied. */
void db_library_init(void)
{
	static bool configured;
	if (configured)
		return;
	sqlite3_config(SQLITE_CONFIG_URI, 0);
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	configured = true;
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
		int rc = check_file(path);
		if (rc)
			return rc;
	}

	db_library_init();
	struct db *db = xcalloc(1, sizeof *db);
	db->path = path;
	int flags = mode == DB_READ_ONLY ? SQLITE_OPEN_READONLY
		  : mode == DB_CREATE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
				      : SQLITE_OPEN_READWRITE;
	int rc = mode == DB_READ_ONLY ? roll_back_hot_journal(db) : 0;
	if (rc == 0)
		rc = open_handle(db, flags);
	/* A read serves the reports: the page cache, and each sort before it
	 * spills to a temporary file, grow to the cache size (a sort to no less
	 * than 250 pages).  SQLite's 2 MB default took delta's peak to 15-16 MB;
	 * at 1 MB its rows and CPU time are the same (bench/delta.sh). */
	if (rc == 0 && mode == DB_READ_ONLY)
		rc = exec(db, "PRAGMA cache_size = -1000;", "opening the database");
	/* a writer makes smalog's TEMP views only when it needs them, and never
	 * runs the file's own instead (schema_views_for) */
	if (rc == 0 && mode == DB_READ_WRITE)
		sqlite3_db_config(db->handle, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	if (rc == 0 && (mode == DB_READ_WRITE || mode == DB_CHECK) && sqlite3_db_readonly(db->handle, "main") == 1)
		rc = sm_error(EX_NOPERM, "database '%s' is read-only (check its permissions)", path);
	if (rc == 0 && mode != DB_CREATE)
		rc = identify(db, mode);
	if (rc == NEEDS_UPGRADE)
		rc = upgrade_then_reopen(db);
	if (rc == 0 && mode == DB_CREATE) {
		rc = exec(db, "PRAGMA journal_mode = DELETE;", "creating the database");
		if (rc == 0)
			rc = upgrade(db, 0, db_schema_version());
		db->version = db_schema_version();
	}
	if (rc == 0 && mode == DB_READ_WRITE)
		rc = schema_refuse_problems(db, db->version, false);
	if (rc == 0 && mode == DB_READ_WRITE)
		rc = schema_refresh_views(db);
	if (rc == 0 && mode == DB_READ_ONLY)
		rc = schema_temp_views(db);
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
	close_handle(db);
	free(db->cache);
	free(db);
}

int db_use_handle(struct db *db, sqlite3 *handle)
{
	close_handle(db);
	db->handle = handle;
	sqlite3_extended_result_codes(handle, 1);
	return schema_temp_views(db);
}

sqlite3_stmt *db_statement(struct db *db, const char *name)
{
	/* a name is most often the very pointer that was cached (a literal, a
	 * name built once per kind), so it is found by its address before its
	 * text: an import asks for its statements on every row */
	int at = -1;
	for (int i = 0; i < db->cache_len && at < 0; i++)
		if (db->cache[i].name == name)
			at = i;
	for (int i = 0; i < db->cache_len && at < 0; i++)
		if (strcmp(db->cache[i].name, name) == 0)
			at = i;
	if (at >= 0) {
		sqlite3_stmt *stmt = db->cache[at].stmt;
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		return stmt;
	}
	int len;
	const char *text = sql_statement(name, &len);
	if (!text) {
		sm_error(EX_SOFTWARE, "internal error: no SQL statement named '%s'", name);
		return NULL;
	}
	if (schema_views_for(db, text, len) != 0)
		return NULL;
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v3(db->handle, text, len, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, name);
		return NULL;
	}
	if (db->cache_len == db->cache_cap) {
		int cap = db->cache_cap ? db->cache_cap * 2 : 16;
		struct cached_statement *grown = xrealloc(db->cache, (size_t)cap * sizeof *grown);
		db->cache = grown;
		db->cache_cap = cap;
	}
	/* a name is a string literal or kept in static storage for the
	 * process (record.c, rows.c), so keeping the pointer is safe */
	db->cache[db->cache_len++] = (struct cached_statement){ name, stmt };
	return stmt;
}

int db_begin(struct db *db)
{
	/* writing the application id back changes nothing but makes the
	 * file's first page the journal's first record (see check_journal) */
	int rc = exec(db, "BEGIN IMMEDIATE", "starting a transaction");
	if (rc != 0)
		return rc;
	db->in_transaction = true;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d", SMALOG_APPLICATION_ID);
	int step = sqlite3_exec(db->handle, sql, NULL, NULL, NULL);
	/* a journal that cannot be made (a read-only folder) journals nothing,
	 * and fails the caller's first write alike, which names what it was doing */
	if (step == SQLITE_OK || step == SQLITE_READONLY_DIRECTORY || (step & 0xff) == SQLITE_CANTOPEN) {
		/* a writing command's changes are a change group of their own */
		rc = db->note ? history_begin(db) : 0;
		if (rc)
			db_rollback(db);
		return rc;
	}
	rc = db_fail(db, step, "starting a transaction");
	db_rollback(db);
	return rc;
}

int db_commit(struct db *db)
{
	int rc = db->note ? history_seal(db, db->note) : 0;
	if (rc == 0)
		rc = exec(db, "COMMIT", "saving the changes");
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
	schema_after_rollback(db);
}

static int param_index(sqlite3_stmt *stmt, const char *param)
{
	int i = sqlite3_bind_parameter_index(stmt, param);
	if (i == 0) {
		BUG("no parameter %s in: %s", param, sqlite3_sql(stmt));
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

/* fuzz_csv_import.c - libFuzzer harness: the CSV reader alone, then a real
 * import of positions into a database, never crash, keep their contracts
 * and are all or nothing. */
#include "smalog/csv_reader.h"
#include "smalog/import.h"
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/kinds.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * One database per process, in /dev/shm so that its commits (synchronous
 * FULL) cost no disk: created once with the bundled example, so that the
 * references an input makes (SMA-10, SMA-11, rounds 1 to 8,
 * koreaherald-2021-02-22, cnn-2021-02, yonhap-2021-02-22) can hold.  Every
 * input is imported for real (not a dry run), so the commit, the import
 * log and the all-or-nothing rollback are fuzzed too; what an import added
 * is deleted again afterwards, so each input meets the same database and a
 * finding reproduces from its input alone.
 */
static struct db *db;
static char db_path[64], csv_path[64];
static int64_t base_positions, base_max_id;

static void remove_files(void)
{
	db_close(db);
	db = NULL;
	char journal[80];
	snprintf(journal, sizeof journal, "%s-journal", db_path);
	unlink(db_path);
	unlink(journal);
	unlink(csv_path);
}

/* A finding ends the process before atexit runs, and libFuzzer may end
 * it with _exit: files of processes that are gone are removed here. */
static void remove_stale_files(void)
{
	DIR *dir = opendir("/dev/shm");
	if (!dir)
		return;
	struct dirent *e;
	while ((e = readdir(dir))) {
		long pid;
		char path[300];
		if (sscanf(e->d_name, "smalog-fuzz-%ld.", &pid) != 1 || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
			snprintf(path, sizeof path, "/dev/shm/%s", e->d_name);
			unlink(path);
		}
	}
	closedir(dir);
}

static int64_t query_int(const char *sql)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(db->handle, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step(stmt) != SQLITE_ROW)
		abort();
	int64_t v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	remove_stale_files();
	snprintf(db_path, sizeof db_path, "/dev/shm/smalog-fuzz-%ld.db", (long)getpid());
	snprintf(csv_path, sizeof csv_path, "/dev/shm/smalog-fuzz-%ld.csv", (long)getpid());
	unlink(db_path);
	if (db_open(db_path, DB_CREATE, &db) != 0 || db_begin(db) != 0 || db_exec_file(db, "example.sql") != 0 ||
	    db_commit(db) != 0) {
		fprintf(stderr, "fuzz_csv_import: cannot create %s: %s\n", db_path, sm_error_message());
		exit(1);
	}
	atexit(remove_files);
	base_positions = query_int("SELECT count(*) FROM position");
	base_max_id = query_int("SELECT max(id) FROM position");
	return 0;
}

/* ---- the reader alone ---- */

struct seen {
	size_t ncols;
	long last_line;
	long max_line; /* the input's physical lines */
};

/* What every cell must be: NUL-terminated at len with no NUL before, on
 * a line of the input, never before the row's own line. */
static void check_cells(const struct seen *s, const struct csvr_cell *cells, size_t n, long row_line)
{
	for (size_t i = 0; i < n; i++) {
		if (cells[i].text && (cells[i].text[cells[i].len] != '\0' || strlen(cells[i].text) != cells[i].len))
			abort();
		if (!cells[i].text && cells[i].len != 0)
			abort();
		if (cells[i].line < row_line || cells[i].line > s->max_line)
			abort();
	}
}

static int on_header(void *arg, const struct csvr_cell *cells, size_t n)
{
	struct seen *s = arg;
	if (n == 0 || s->ncols != 0)
		abort();
	s->ncols = n;
	s->last_line = cells[0].line;
	check_cells(s, cells, n, cells[0].line);
	return 0;
}

static int on_row(void *arg, const struct csvr_cell *cells, size_t n, long line)
{
	struct seen *s = arg;
	/* rows come after the header, in order, exactly as wide as it */
	if (s->ncols == 0 || n != s->ncols || line <= s->last_line || line != cells[0].line)
		abort();
	s->last_line = line;
	check_cells(s, cells, n, line);
	return 0;
}

static void fuzz_reader(const uint8_t *data, size_t size)
{
	/* physical lines as the reader counts them: LF, CR LF, a lone CR */
	struct seen s = { .max_line = 1 };
	for (size_t i = 0; i < size; i++)
		s.max_line += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	FILE *fp = fmemopen((void *)data, size ? size : 1, "rb");
	if (!fp)
		abort();
	if (size == 0)
		fseek(fp, 0, SEEK_END);
	sm_error_clear();
	struct csvr_config cfg = { .name = "fuzz.csv", .header = on_header, .row = on_row, .arg = &s };
	uint64_t bytes = 0;
	int rc = csvr_read(fp, &cfg, &bytes);
	fclose(fp);
	if (bytes != size)
		abort();
	/* a refusal is bad data with one line of message; success, none */
	if (rc != 0 && (rc != EX_DATAERR || !*sm_error_message() || strchr(sm_error_message(), '\n')))
		abort();
	if (rc == 0 && (*sm_error_message() || s.ncols == 0))
		abort();
	sm_error_clear();
}

/* ---- a real import ---- */

static void fuzz_import(const uint8_t *data, size_t size)
{
	FILE *fp = fopen(csv_path, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	struct import_options opt = { .kind = kind_find("position"), .path = csv_path, .again = true };
	if (!opt.kind)
		abort();
	sm_error_clear();
	int64_t rows = -1;
	int rc = import_csv(db, &opt, &rows, NULL);
	/* no transaction is left open, and it was all or nothing */
	if (!sqlite3_get_autocommit(db->handle) || db->in_transaction)
		abort();
	int64_t now = query_int("SELECT count(*) FROM position");
	int64_t logged = query_int("SELECT count(*) FROM import_log");
	if (rc == 0 && (rows < 0 || now != base_positions + rows || logged != 1))
		abort();
	if (rc != 0 && (rows != 0 || now != base_positions || logged != 0))
		abort();
	/* a refusal names bad data (or a wrong file) in one line */
	if (rc != 0 && ((rc != EX_DATAERR && rc != EX_NOINPUT) || !*sm_error_message() ||
			strchr(sm_error_message(), '\n')))
		abort();
	sm_error_clear();
	if (rc == 0) {
		sqlite3_stmt *stmt;
		if (sqlite3_prepare_v2(db->handle, "DELETE FROM position WHERE id > ?", -1, &stmt, NULL) != SQLITE_OK)
			abort();
		sqlite3_bind_int64(stmt, 1, base_max_id);
		int step = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
		if (step != SQLITE_DONE || sqlite3_exec(db->handle, "DELETE FROM import_log", NULL, NULL, NULL) != SQLITE_OK)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader(data, size);
	fuzz_import(data, size);
	return 0;
}

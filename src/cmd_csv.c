/* cmd_csv.c - import and export: records in and out as CSV (also TSV, JSON, JSON lines, .xlsx for export). */
#include "smalog/commands.h"

#include "smalog/amount.h"
#include "smalog/atomic_file.h"
#include "smalog/datapackage.h"
#include "smalog/csv_reader.h"
#include "smalog/import.h"
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/interrupt.h"
#include "smalog/memory.h"
#include "smalog/record.h"
#include "smalog/rows.h"
#include "smalog/sbuf.h"
#include "smalog/sql.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* The reading options of import, checked before the database is looked
 * for: the delimiter (*delim, 0 for the comma) and the encoding. */
static int import_reading(const struct cli *cli, char *delim)
{
	const char *name = cli_get(cli, "delimiter");
	*delim = 0;
	if (name && !(*delim = csvr_delimiter(name)))
		return sm_error(EX_USAGE, "option '--delimiter' takes ',', ';' or TAB, not '%s'", name);
	const char *encoding = cli_get(cli, "encoding");
	if (encoding)
		return csvr_check_encoding(encoding);
	return 0;
}

/* DIR/KIND.csv into path; 0, or a usage error for a name too long. */
static int kind_path(const char *dir, const struct kind *kind, const char *ext, char *path, size_t size)
{
	if ((size_t)snprintf(path, size, "%s/%s.%s", dir, kind->name, ext) >= size)
		return sm_error(EX_USAGE, "folder name too long: '%s'", dir);
	return 0;
}

/* What import --all takes, checked before the database is looked for: no
 * kind or file, none of the options of one file's import, and a folder. */
static int check_import_all(const struct cli *cli, const char *dir)
{
	static const char *const single[] = { "dry-run", "again", "skip-existing", "delimiter", "encoding", "excel" };
	if (!*dir)
		return sm_error(EX_USAGE, "option '--all' needs a folder");
	if (cli->nargs > 0)
		return sm_error(EX_USAGE, "'smalog import --all DIR' imports every kind from DIR; give no kind or file");
	for (size_t i = 0; i < sizeof single / sizeof single[0]; i++)
		if (cli_has(cli, single[i]))
			return sm_error(EX_USAGE, "--%s does not go with --all, which reads the files of 'export --all'",
					single[i]);
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return sm_error(EX_NOINPUT, "no folder '%s' (import --all reads the folder that 'export --all' writes)", dir);
	return 0;
}

static int check_import(const struct cli *cli)
{
	const char *dir = cli_get(cli, "all");
	if (dir)
		return check_import_all(cli, dir);
	if (cli_has(cli, "replace"))
		return sm_error(EX_USAGE, "--replace goes with --all: 'smalog import --all DIR --replace'");
	const struct kind *kind;
	if (cli->nargs == 0)
		return cli_kind(cli, &kind);
	if (cli->nargs < 2)
		return sm_error(EX_USAGE, "'smalog import' needs a kind and a CSV file ('-' for standard input)");
	char delim;
	return import_reading(cli, &delim);
}

static int by_kept_id(const void *a, const void *b)
{
	const struct import_kept *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/*
 * import --all --replace, once every file is in: remove the records of
 * kind that its file does not hold (t->kept, sorted by id), the latest in
 * export's order first (an agreement before the one it names as
 * previous), as 'smalog delete' would: refused while a record that the
 * folder keeps refers to it.  *removed counts them.  0 or an exit code.
 */
static int remove_missing(struct db *db, const struct kind *kind, const char *path, const struct import_tally *t,
			  int64_t *removed)
{
	sqlite3_stmt *order = record_uid_statement(db, kind, "canonical");
	sqlite3_stmt *del = record_statement(db, kind, "delete");
	if (!order || !del)
		return EX_SOFTWARE;
	int64_t *gone = NULL;
	size_t n = 0, cap = 0;
	int rc = 0, step;
	while ((step = sqlite3_step(order)) == SQLITE_ROW) {
		struct import_kept key = { .id = sqlite3_column_int64(order, 0) };
		if (t->n && bsearch(&key, t->kept, t->n, sizeof *t->kept, by_kept_id))
			continue;
		gone = xgrow(gone, &cap, n + 1, sizeof *gone);
		gone[n++] = key.id;
	}
	sqlite3_reset(order);
	if (step != SQLITE_DONE)
		rc = db_fail(db, step, "reading the records");
	struct record r;
	record_init(&r, kind);
	for (size_t i = n; rc == 0 && i-- > 0;) {
		rc = record_load(db, kind, gone[i], &r);
		sqlite3_stmt *refs = rc == 0 ? record_referring(db, &r, "references", &rc) : NULL;
		int64_t total = 0;
		if (refs) {
			while ((step = sqlite3_step(refs)) == SQLITE_ROW)
				total += sqlite3_column_int64(refs, 1);
			sqlite3_reset(refs);
			if (step != SQLITE_DONE)
				rc = db_fail(db, step, "finding references");
		}
		char buf[32];
		const char *name = kind->key_field >= 0 ? r.values[kind->key_field].text : buf;
		if (kind->key_field < 0)
			snprintf(buf, sizeof buf, "%" PRId64, r.id);
		if (rc == 0 && total > 0)
			rc = sm_error(EX_DATAERR, "%s: %s %s (uid %s) is not in the file, but %" PRId64 " record%s that the "
				      "folder keeps refer%s to it; nothing was imported", path, kind->name, name, r.uid, total,
				      total == 1 ? "" : "s", total == 1 ? "s" : "");
		if (rc == 0) {
			db_bind_int(del, ":id", gone[i]);
			rc = db_run(db, del, "removing a record");
		}
		if (rc == 0)
			(*removed)++;
	}
	record_release(&r);
	free(gone);
	return rc;
}

/* ", added 2, changed 1" and the like into buf, from what is not zero
 * (all three when every_one). */
static void counts_text(char *buf, size_t size, int64_t added, int64_t changed, int64_t removed, bool every_one)
{
	const int64_t n[] = { added, changed, removed };
	static const char *const what[] = { "added", "changed", "removed" };
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < 3; i++)
		if (every_one || n[i])
			used += (size_t)snprintf(buf + used, used < size ? size - used : 0, "%s%s %" PRId64,
						 used ? ", " : "", what[i], n[i]);
}

/*
 * import --all DIR [--replace]: every DIR/KIND.csv, in dependency order,
 * in one transaction: all or nothing, each file's errors as FILE:LINE.
 * Records are told apart by uid only.  --replace makes the database equal
 * to DIR: a row whose uid is recorded changes that record, a new uid adds
 * one, and a record that no file names is removed; the counts are said per
 * kind and in all.
 */
static int import_all(struct cli *cli, const char *dir, bool replace)
{
	struct db *db = cli->db;
	struct import_tally tallies[KIND_COUNT] = { 0 };
	int64_t rows[KIND_COUNT] = { 0 }, removed[KIND_COUNT] = { 0 };
	bool absent[KIND_COUNT] = { 0 };
	interrupt_begin(db->handle);
	int rc = db_begin(db);
	for (int k = 0; rc == 0 && all_kinds[k]; k++) {
		char path[4096];
		struct stat st;
		rc = kind_path(dir, all_kinds[k], "csv", path, sizeof path);
		/* a folder without a kind's file (from a smalog that had no such
		 * kind, or kept by hand) says nothing of that kind: its records
		 * stay as they are, even with --replace */
		if (rc == 0 && stat(path, &st) != 0 && errno == ENOENT) {
			absent[k] = true;
			continue;
		}
		struct import_options opt = {
			.kind = all_kinds[k], .path = path, .held = true, .replace = replace,
			.tally = replace ? &tallies[k] : NULL,
		};
		if (rc == 0)
			rc = import_csv(db, &opt, &rows[k], NULL);
	}
	for (int k = KIND_COUNT; replace && rc == 0 && k-- > 0;) {
		char path[4096];
		if (absent[k])
			continue;
		rc = kind_path(dir, all_kinds[k], "csv", path, sizeof path);
		if (rc == 0)
			rc = remove_missing(db, all_kinds[k], path, &tallies[k], &removed[k]);
	}
	if (rc == 0 && interrupt_requested())
		rc = SM_INTERRUPTED;
	if (rc == 0)
		rc = db_commit(db);
	else
		db_rollback(db);
	interrupt_end();
	if (rc != 0 && interrupt_requested()) {
		sm_error_clear();
		rc = sm_error(SM_INTERRUPTED, "interrupted; nothing was imported");
	}
	int64_t added = 0, changed = 0, gone = 0;
	char line[1024] = "";
	size_t used = 0;
	for (int k = 0; rc == 0 && k < KIND_COUNT; k++) {
		const struct import_tally *t = &tallies[k];
		char what[64], counts[128];
		if (replace && (t->added || t->changed || removed[k])) {
			counts_text(counts, sizeof counts, t->added, t->changed, removed[k], false);
			fprintf(stderr, "%s: %s\n", all_kinds[k]->name, counts);
		}
		added += t->added, changed += t->changed, gone += removed[k];
		if (!replace && used < sizeof line)
			used += (size_t)snprintf(line + used, sizeof line - used, "%s%s", k ? ", " : "",
						 kind_count_text(all_kinds[k], rows[k], what, sizeof what));
	}
	if (rc == 0 && replace) {
		char counts[128];
		counts_text(counts, sizeof counts, added, changed, gone, true);
		fprintf(stderr, "%s\n", counts);
	} else if (rc == 0) {
		fprintf(stderr, "imported %s from %s\n", line, dir);
	}
	for (int k = 0; k < KIND_COUNT; k++)
		import_tally_release(&tallies[k]);
	return rc;
}

static int run_import(struct cli *cli)
{
	const char *dir = cli_get(cli, "all");
	if (dir)
		return import_all(cli, dir, cli_has(cli, "replace"));
	char delim;
	import_reading(cli, &delim);
	const struct kind *kind = cli->kind;
	struct db *db = cli->db;
	struct import_options opt = {
		.kind = kind,
		.path = cli->args[1],
		.dry_run = cli_has(cli, "dry-run"),
		.again = cli_has(cli, "again"),
		.skip_existing = cli_has(cli, "skip-existing"),
		/* never in a pipe, a log or CI: only for a person watching */
		.progress = isatty(STDERR_FILENO) == 1,
		.delim = delim,
		.encoding = cli_get(cli, "encoding"),
		.excel = cli_has(cli, "excel"),
	};
	int64_t rows = 0, skipped = 0;
	/* Ctrl-C rolls the whole import back; whatever it cut short (a
	 * statement, a read from a pipe, a row) the user learns one thing */
	interrupt_begin(db->handle);
	int rc = import_csv(db, &opt, &rows, &skipped);
	interrupt_end();
	if (rc != 0 && interrupt_requested()) {
		sm_error_clear();
		rc = sm_error(SM_INTERRUPTED, "interrupted; nothing was imported");
	}
	if (rc == 0) {
		char what[64], skips[96] = "";
		kind_count_text(kind, rows, what, sizeof what);
		if (opt.skip_existing) {
			char n[64];
			snprintf(skips, sizeof skips, "; %s recorded already, skipped", kind_count_text(kind, skipped, n, sizeof n));
		}
		if (opt.dry_run)
			fprintf(stderr, "%s valid%s; nothing imported (--dry-run)\n", what, skips);
		else
			fprintf(stderr, "imported %s%s\n", what, skips);
	}
	return rc;
}

/* The export formats: the import's CSV and its typed relatives, and a
 * workbook for a spreadsheet (which import does not read). */
static const struct {
	const char *name;
	enum out_format fmt;
	const char *ext;
} export_formats[] = {
	{ "csv", OUT_CSV, "csv" }, { "tsv", OUT_TSV, "tsv" }, { "json", OUT_JSON, "json" }, { "jsonl", OUT_JSONL, "jsonl" },
	{ "xlsx", OUT_XLSX, "xlsx" },
};
enum { NFORMATS = sizeof export_formats / sizeof export_formats[0] };

/* Whether name ends in ".xlsx", in any case. */
static bool xlsx_name(const char *name)
{
	size_t len = name ? strlen(name) : 0;
	return len > 5 && strcasecmp(name + len - 5, ".xlsx") == 0;
}

/* With no format named, a -o or --all name that ends in .xlsx is a
 * workbook (*fmt), as the reports take it.  --excel with such a name is
 * refused: it would put CSV in a file whose name says workbook. */
static int export_by_name(const struct cli *cli, enum out_format *fmt)
{
	static const char *const named[] = { "format", "csv", "tsv", "json", "jsonl", "xlsx" };
	const char *name = cli_has(cli, "o") ? cli_get(cli, "o") : cli_get(cli, "all");
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (cli_has(cli, named[i]))
			return 0;
	if (!xlsx_name(name))
		return 0;
	if (cli_has(cli, "excel"))
		return sm_error(EX_USAGE, "--excel writes CSV, not the workbook that '%s' names: "
					  "leave out --excel, or name a .csv file", name);
	*fmt = OUT_XLSX;
	return 0;
}

/* Which of export_formats the options choose (CSV unless told), and flags:
 * the output options are read as every command reads them, once --format
 * is known to name one of them. */
static int export_format(const struct cli *cli, size_t *which, unsigned *flags)
{
	const char *name = cli_get(cli, "format");
	for (*which = 0; name && *which < NFORMATS && strcmp(name, export_formats[*which].name) != 0;)
		++*which;
	if (name && *which == NFORMATS)
		return sm_error(EX_USAGE, "unknown export format '%s' (expected csv, tsv, json, jsonl or xlsx)", name);
	enum out_format fmt;
	int rc = cli_output_format(cli, OUT_CSV, &fmt, flags);
	if (rc == 0)
		rc = export_by_name(cli, &fmt);
	for (*which = 0; rc == 0 && *which < NFORMATS && export_formats[*which].fmt != fmt;)
		++*which;
	/* export's options offer no other format */
	if (rc == 0 && *which == NFORMATS)
		BUG("export chose no export format");
	return rc;
}

/* Make dir if it is missing (*created says so, and a signal that ends
 * smalog before the export is complete removes it again); refuse a path
 * that is something else. */
static int ensure_dir(const char *dir, bool *created)
{
	struct stat st;
	*created = false;
	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : sm_error(EX_CANTCREAT, "'%s' exists and is not a folder", dir);
	if (errno != ENOENT)
		return sm_error(EX_CANTCREAT, "cannot create the folder '%s': %s", dir, strerror(errno));
	interrupt_hold();
	int rc = 0;
	if (mkdir(dir, 0777) != 0)
		rc = sm_error(EX_CANTCREAT, "cannot create the folder '%s': %s", dir, strerror(errno));
	else if ((rc = interrupt_cleanup_add(dir, true)) != 0)
		rmdir(dir);
	else
		*created = true;
	interrupt_release();
	return rc;
}

/*
 * export --all DIR: DIR/KIND.EXT for every kind from one snapshot.  Every
 * file is written to a temporary first and renamed only once all of them
 * are complete, so a failure leaves the old files in place.  DIR may hold
 * what someone else put there: a KIND.EXT that is a symbolic link (or not
 * a regular file) is refused, never followed (OUT_NO_FOLLOW).  Signals
 * wait while the files are renamed, so an interrupted export leaves either
 * every new file or none, and no folder it made.
 */
static int export_all(struct db *db, const char *dir, size_t which, unsigned flags)
{
	struct output *outs[16] = { 0 };
	int64_t counts[16] = { 0 };
	int nkinds = 0;
	while (all_kinds[nkinds])
		nkinds++;
	bool created = false;
	int rc = ensure_dir(dir, &created);
	if (rc == 0) {
		sqlite3_stmt *begin = db_statement(db, "csv.read_begin");
		rc = begin ? db_run(db, begin, "reading the database") : EX_SOFTWARE;
	}
	for (int k = 0; rc == 0 && k < nkinds; k++) {
		const struct kind *kind = all_kinds[k];
		char path[4096];
		if ((size_t)snprintf(path, sizeof path, "%s/%s.%s", dir, kind->name, export_formats[which].ext) >= sizeof path) {
			rc = sm_error(EX_CANTCREAT, "folder name too long: '%s'", dir);
			break;
		}
		struct out_column cols[KIND_MAX_FIELDS + 1];
		size_t ncols = rows_kind_columns(kind, true, cols);
		outs[k] = out_open(export_formats[which].fmt, path, flags | OUT_NO_FOLLOW, cols, ncols);
		if (!outs[k])
			rc = sm_error_code() ? sm_error_code() : EX_CANTCREAT;
		else
			rc = rows_export_kind(db, kind, outs[k], &counts[k]);
	}
	db_rollback(db); /* ends the read transaction */
	/* the CSV folder is described for the tools that load it typed
	 * (a spreadsheet's --excel CSV and the other formats are not) */
	struct atomic_file package = { 0 };
	bool described = false;
	int werr = 0;
	if (rc == 0 && export_formats[which].fmt == OUT_CSV && !(flags & (OUT_EXCEL | OUT_DATE_RANGE))) {
		char path[4096];
		if ((size_t)snprintf(path, sizeof path, "%s/datapackage.json", dir) >= sizeof path)
			rc = sm_error(EX_CANTCREAT, "folder name too long: '%s'", dir);
		else
			rc = atomic_file_open(&package, path, false);
		described = rc == 0;
	}
	if (described) {
		struct sbuf json = { 0 };
		datapackage_json(&json);
		size_t len = strlen(sb_str(&json));
		if (fwrite(sb_str(&json), 1, len, package.fp) != len)
			werr = errno ? errno : EIO;
		sb_release(&json);
	}
	interrupt_hold();
	if (described && rc == 0)
		rc = atomic_file_commit(&package, "datapackage.json", werr);
	else if (described)
		atomic_file_abort(&package);
	for (int k = 0; k < nkinds; k++) {
		if (!outs[k])
			continue;
		if (rc == 0)
			rc = out_finish(outs[k]);
		else
			out_abort(outs[k]);
	}
	/* a failed export leaves no folder it made (the temporaries are gone) */
	if (rc != 0 && created)
		rmdir(dir);
	if (created)
		interrupt_cleanup_drop(dir);
	interrupt_release();
	if (rc == 0) {
		char line[1024] = "";
		size_t used = 0;
		for (int k = 0; k < nkinds && used < sizeof line; k++) {
			char what[64];
			used += (size_t)snprintf(line + used, sizeof line - used, "%s%s", k ? ", " : "",
						 kind_count_text(all_kinds[k], counts[k], what, sizeof what));
		}
		fprintf(stderr, "exported %s to %s\n", line, dir);
	}
	return rc;
}

/* "exported 2 sources, 5 agreements, ... to WHERE" on stderr. */
static void say_exported(const int64_t *counts, const char *where)
{
	char line[1024] = "";
	size_t used = 0;
	for (int k = 0; all_kinds[k] && used < sizeof line; k++) {
		char what[64];
		used += (size_t)snprintf(line + used, sizeof line - used, "%s%s", k ? ", " : "",
					 kind_count_text(all_kinds[k], counts[k], what, sizeof what));
	}
	fprintf(stderr, "exported %s to %s\n", line, where);
}

/*
 * export --all as one workbook: a sheet per kind, named as the kind, in
 * all_kinds' order (each after the kinds it references), from one
 * snapshot and typed as every workbook is.  all names the workbook
 * (NAME.xlsx) or a folder, made if missing, for all/smalog.xlsx (never
 * through a symbolic link there: OUT_NO_FOLLOW).  Written
 * atomically as -o is: a failure or a signal leaves the old file, and no
 * folder it made.
 */
static int export_workbook(struct db *db, const char *all, unsigned flags)
{
	int64_t counts[KIND_COUNT] = { 0 };
	char path[4096];
	bool created = false;
	int rc = 0;

	bool in_folder = !xlsx_name(all);
	if (strlen(all) + sizeof "/smalog.xlsx" > sizeof path)
		return sm_error(EX_CANTCREAT, "%s name too long: '%s'", in_folder ? "folder" : "file", all);
	if (in_folder) {
		snprintf(path, sizeof path, "%s/smalog.xlsx", all);
		rc = ensure_dir(all, &created);
		/* a folder may hold what someone else put there: a link is
		 * refused, as export --all refuses one for a KIND.csv */
		flags |= OUT_NO_FOLLOW;
	} else {
		snprintf(path, sizeof path, "%s", all);
	}
	struct output *out = rc == 0 ? out_open(OUT_XLSX, path, flags, NULL, 0) : NULL;
	if (rc == 0 && !out)
		rc = sm_error_code() ? sm_error_code() : EX_CANTCREAT;
	if (rc == 0) {
		sqlite3_stmt *begin = db_statement(db, "csv.read_begin");
		rc = begin ? db_run(db, begin, "reading the database") : EX_SOFTWARE;
	}
	for (int k = 0; rc == 0 && all_kinds[k]; k++) {
		struct out_column cols[KIND_MAX_FIELDS + 1];
		size_t ncols = rows_kind_columns(all_kinds[k], true, cols);
		rc = out_sheet(out, all_kinds[k]->name, cols, ncols);
		if (rc == 0)
			rc = rows_export_kind(db, all_kinds[k], out, &counts[k]);
	}
	db_rollback(db); /* ends the read transaction */
	interrupt_hold();
	if (out)
		rc = rc == 0 ? out_finish(out) : (out_abort(out), rc);
	if (rc != 0 && created)
		rmdir(all);
	if (created)
		interrupt_cleanup_drop(all);
	interrupt_release();
	if (rc == 0)
		say_exported(counts, path);
	return rc;
}

/* What export writes, checked before the database is looked for: every
 * kind (--all DIR) or one, the format and flags, the -o path. */
static int export_target(const struct cli *cli, const char **dir, size_t *which, unsigned *flags, const char **path)
{
	*dir = cli_get(cli, "all");
	if (*dir) {
		if (!**dir)
			return sm_error(EX_USAGE, "option '--all' needs a folder");
		if (cli->nargs > 0)
			return sm_error(EX_USAGE, "'smalog export --all DIR' exports every kind; give no kind");
		if (cli_has(cli, "o"))
			return sm_error(EX_USAGE, "-o does not go with --all, which writes DIR/KIND.csv for every kind");
	}
	const struct kind *kind;
	int rc = *dir ? 0 : cli_kind(cli, &kind);
	if (rc == 0)
		rc = export_format(cli, which, flags);
	if (rc == 0)
		rc = cli_output_path(cli, path);
	return rc;
}

static int check_export(const struct cli *cli)
{
	const char *dir, *path;
	size_t which;
	unsigned flags;
	return export_target(cli, &dir, &which, &flags, &path);
}

static int run_export(struct cli *cli)
{
	const char *dir, *path;
	size_t which;
	unsigned flags;
	export_target(cli, &dir, &which, &flags, &path);
	if (dir && export_formats[which].fmt == OUT_XLSX)
		return export_workbook(cli->db, dir, flags);
	if (dir)
		return export_all(cli->db, dir, which, flags);
	struct out_column cols[KIND_MAX_FIELDS + 1];
	size_t ncols = rows_kind_columns(cli->kind, true, cols);
	struct output *out = out_open(export_formats[which].fmt, path, flags, cols, ncols);
	int64_t count;
	int rc = out ? 0 : sm_error_code() ? sm_error_code() : EX_CANTCREAT;
	/* a workbook's sheet is named as the kind, as in export --all's */
	if (rc == 0 && export_formats[which].fmt == OUT_XLSX)
		rc = out_sheet(out, cli->kind->name, cols, ncols);
	if (rc == 0)
		rc = rows_export_kind(cli->db, cli->kind, out, &count);
	if (out)
		rc = rc == 0 ? out_finish(out) : (out_abort(out), rc);
	return rc;
}

static const struct option_spec import_options[] = {
	{ "dry-run", false, "check every row, write nothing" },
	{ "again", false, "import content imported before, and rows already recorded" },
	{ "skip-existing", false, "skip rows whose key is recorded as they are" },
	{ "delimiter", true, "between cells: ',' (default), ';' or TAB" },
	{ "encoding", true, "the file's encoding, e.g. cp949 (Korean Excel), latin1 (default UTF-8)" },
	{ "excel", false, "a file from 'export --excel': drop the ' that defused = + - @" },
	{ "all", true, "read every kind from DIR/KIND.csv, as 'export --all DIR' writes them" },
	{ "replace", false, "with --all: make the database equal to DIR, by uid" },
	{ NULL, false, NULL },
};

static const struct option_spec export_options[] = {
	{ "all", true, "write every kind, one DIR/KIND.csv each" },
	{ "format", true, "csv (default), tsv, json, jsonl or xlsx" },
	{ "csv", false, "same as --format csv" },
	{ "tsv", false, "same as --format tsv" },
	{ "json", false, "same as --format json" },
	{ "jsonl", false, "same as --format jsonl" },
	{ "excel", false, "CSV for spreadsheets: BOM, CRLF, formulas defused with a leading '" },
	{ "o", true, "write to FILE (atomically) instead of standard output" },
	{ "xlsx", false, "a typed workbook, not for import (also -o FILE.xlsx); --all FILE.xlsx, "
			 "or --all DIR --xlsx for DIR/smalog.xlsx: a sheet per kind" },
	{ "date-range", false, "after each date, its first and last day (DATE_start, DATE_end); not for import" },
	{ NULL, false, NULL },
};

const struct command cmd_import = {
	.name = "import", .check = check_import, .run = run_import, .options = import_options,
	.takes = NAMES_KIND, .args = { 0, 2, "a kind and a CSV file ('-' for standard input)" }, .opens = OPENS_WRITE,
	.usage = "smalog import KIND FILE [--dry-run] [--again | --skip-existing] [--delimiter D] [--encoding E] [--excel]\n"
		 "       smalog import --all DIR [--replace]",
	.summary = "Load records of a kind from CSV, all or nothing.",
	.help = "FILE is CSV (RFC 4180) whose first line names the columns: the kind's\n"
		"fields, in any order ('smalog export KIND' writes the same header).  '-'\n"
		"reads standard input.  An empty cell is no value.  Every value is checked\n"
		"as 'smalog add' checks it; the first error stops the import, naming the\n"
		"line and column, and nothing is written.  The same content is not imported\n"
		"twice, and a row the same as a record (or as an earlier row) is refused,\n"
		"unless --again.  For kinds with a natural key (agreement code, source key,\n"
		"round of an agreement, rate of a currency on a date, schedule year of an\n"
		"agreement, index value of a series in a period, actor key), --skip-existing\n"
		"skips rows recorded as they are and refuses a key recorded with other\n"
		"values.  A field or a line over 64 MiB, more than 65,536 columns, a NUL\n"
		"byte or invalid UTF-8 is refused with its line.  Ctrl-C stops the import\n"
		"and writes nothing (exit 130).  Kinds: agreement, source, round, position,\n"
		"outcome, furlough, rate, schedule, index, actor, statement (import sources,\n"
		"actors, agreements and indexes before what cites them).  A file saved by a\n"
		"spreadsheet may need --delimiter ';' (a European Excel), --encoding cp949\n"
		"(a Korean Excel), or --excel (a file exported with --excel: a ' before\n"
		"= + - @ is dropped again); a file that needs one is refused with a\n"
		"message that names it.\n"
		"A uid column is optional: a row without a uid gets a new one, a row with one\n"
		"keeps it; a malformed uid, or one that names a record already, is refused.\n"
		"--all DIR reads DIR/KIND.csv for every kind, as 'export --all DIR' writes\n"
		"them, in dependency order, all or nothing; records are told apart by uid;\n"
		"a kind without its file in DIR is left as it is.\n"
		"--replace makes the database equal to DIR: a recorded uid changes its\n"
		"record, a new one adds a record, and a record that DIR does not hold is\n"
		"removed (refused while a record that DIR keeps refers to it); it prints\n"
		"what it added, changed and removed, per kind and in all.  Keys may change\n"
		"places (rounds renumbered, a code given to another agreement): a record\n"
		"whose key a row takes, and that DIR moves or removes, is moved aside.\n",
};

const struct command cmd_export = {
	.name = "export", .check = check_export, .run = run_export, .options = export_options,
	.takes = NAMES_KIND, .args = { 0, 1, "a kind, or none with --all" }, .opens = OPENS_READ,
	.usage = "smalog export KIND [--format F] [-o FILE] | smalog export --all DIR",
	.summary = "Write every record of a kind in the import format.",
	.help = "The header is uid, then the kind's fields, as 'smalog import' reads them.\n"
		"The rows come in a fixed order that does not depend on ids (sources by key,\n"
		"positions by agreement, date, party and kind, ...; see the man page), so the\n"
		"same records give the same bytes in any file: export, import into a new\n"
		"database and export again gives the same bytes.  --all DIR writes\n"
		"DIR/KIND.csv for every kind (.tsv, .json or .jsonl with --format) and, for\n"
		"CSV, DIR/datapackage.json: a Frictionless Data Package describing the files\n"
		"(types, uid as the primary key, foreign keys), for pandas, R and the\n"
		"frictionless tools.  'smalog import --all DIR' reads the folder back.\n",
};

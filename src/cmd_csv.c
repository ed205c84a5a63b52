/* cmd_csv.c - import and export: records in and out as CSV (also TSV, JSON, JSON lines for export). */
#include "smalog/commands.h"

#include "smalog/amount.h"
#include "smalog/csv_reader.h"
#include "smalog/import.h"
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/interrupt.h"
#include "smalog/record.h"
#include "smalog/rows.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static int check_import(const struct cli *cli)
{
	char delim;
	return import_reading(cli, &delim);
}

static int run_import(struct cli *cli)
{
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

/* The export formats: the import's CSV and its typed relatives. */
static const struct {
	const char *name;
	enum out_format fmt;
	const char *ext;
} export_formats[] = {
	{ "csv", OUT_CSV, "csv" }, { "tsv", OUT_TSV, "tsv" }, { "json", OUT_JSON, "json" }, { "jsonl", OUT_JSONL, "jsonl" },
};
enum { NFORMATS = sizeof export_formats / sizeof export_formats[0] };

/* Which of export_formats the options choose (CSV unless told), and flags:
 * the output options are read as every command reads them, once --format
 * is known to name a format that an import reads back. */
static int export_format(const struct cli *cli, size_t *which, unsigned *flags)
{
	const char *name = cli_get(cli, "format");
	for (*which = 0; name && *which < NFORMATS && strcmp(name, export_formats[*which].name) != 0;)
		++*which;
	if (name && *which == NFORMATS)
		return sm_error(EX_USAGE, "unknown export format '%s' (expected csv, tsv, json or jsonl)", name);
	enum out_format fmt;
	int rc = cli_output_format(cli, OUT_CSV, &fmt, flags);
	for (*which = 0; rc == 0 && *which < NFORMATS && export_formats[*which].fmt != fmt;)
		++*which;
	/* export's options offer no other format */
	if (rc == 0 && *which == NFORMATS)
		BUG("export chose no export format");
	return rc;
}

/*
 * Write every record of kind to out, uid first, in the canonical order of
 * KIND.canonical (sql/queries/csv.sql): by what each record is, never by
 * its id, so the same records give the same bytes in any file, an import
 * loads them (an agreement after its previous one), and export, import
 * into a new database, export gives the same bytes.  Each record is read
 * through KIND.get, as show reads it.  *count gets the number of records.
 */
static int export_kind(struct db *db, const struct kind *kind, struct output *out, int64_t *count)
{
	sqlite3_stmt *order = record_uid_statement(db, kind, "canonical");
	sqlite3_stmt *get = record_statement(db, kind, "get");
	if (!order || !get)
		return EX_SOFTWARE;
	struct record r;
	record_init(&r, kind);
	int rc = 0, step;
	*count = 0;
	while (rc == 0 && (step = sqlite3_step(order)) == SQLITE_ROW) {
		db_bind_int(get, ":id", sqlite3_column_int64(order, 0));
		int got = sqlite3_step(get);
		if (got == SQLITE_ROW)
			rc = record_from_row(&r, get);
		else
			rc = db_fail(db, got == SQLITE_DONE ? SQLITE_CORRUPT : got, "reading the records");
		sqlite3_reset(get);
		if (rc == 0 && sqlite3_column_type(order, 1) == SQLITE_TEXT)
			snprintf(r.uid, sizeof r.uid, "%s", (const char *)sqlite3_column_text(order, 1));
		if (rc == 0)
			rc = rows_write_record(out, &r, true);
		(*count)++;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail(db, step, "reading the records");
	sqlite3_reset(order);
	record_release(&r);
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
			rc = export_kind(db, kind, outs[k], &counts[k]);
	}
	db_rollback(db); /* ends the read transaction */
	interrupt_hold();
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
	if (dir)
		return export_all(cli->db, dir, which, flags);
	struct out_column cols[KIND_MAX_FIELDS + 1];
	size_t ncols = rows_kind_columns(cli->kind, true, cols);
	struct output *out = out_open(export_formats[which].fmt, path, flags, cols, ncols);
	int64_t count;
	int rc = out ? export_kind(cli->db, cli->kind, out, &count) : sm_error_code() ? sm_error_code() : EX_CANTCREAT;
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
	{ NULL, false, NULL },
};

static const struct option_spec export_options[] = {
	{ "all", true, "write every kind, one DIR/KIND.csv each" },
	{ "format", true, "csv (default), tsv, json or jsonl" },
	{ "csv", false, "same as --format csv" },
	{ "tsv", false, "same as --format tsv" },
	{ "json", false, "same as --format json" },
	{ "jsonl", false, "same as --format jsonl" },
	{ "excel", false, "CSV for spreadsheets: BOM, CRLF, formulas defused with a leading '" },
	{ "o", true, "write to FILE (atomically) instead of standard output" },
	{ NULL, false, NULL },
};

const struct command cmd_import = {
	.name = "import", .check = check_import, .run = run_import, .options = import_options,
	.takes = NAMES_KIND, .args = { 2, 2, "a kind and a CSV file ('-' for standard input)" }, .opens = OPENS_WRITE,
	.usage = "smalog import KIND FILE [--dry-run] [--again | --skip-existing] [--delimiter D] [--encoding E] [--excel]",
	.summary = "Load records of a kind from CSV, all or nothing.",
	.help = "FILE is CSV (RFC 4180) whose first line names the columns: the kind's\n"
		"fields, in any order ('smalog export KIND' writes the same header).  '-'\n"
		"reads standard input.  An empty cell is no value.  Every value is checked\n"
		"as 'smalog add' checks it; the first error stops the import, naming the\n"
		"line and column, and nothing is written.  The same content is not imported\n"
		"twice, and a row the same as a record (or as an earlier row) is refused,\n"
		"unless --again.  For kinds with a natural key (agreement code, source key,\n"
		"round of an agreement, rate of a currency on a date), --skip-existing skips\n"
		"rows recorded as they are and refuses a key recorded with other values.  A\n"
		"field or a line over 64 MiB, more than 65,536 columns, a NUL byte or\n"
		"invalid UTF-8 is refused with its line.  Ctrl-C stops the import and\n"
		"writes nothing (exit 130).  Kinds: agreement, source, round, position,\n"
		"outcome, furlough, rate (import sources and agreements before what cites\n"
		"them).  A file saved by a spreadsheet may need --delimiter ';' (a European\n"
		"Excel), --encoding cp949 (a Korean Excel), or --excel (a file exported with\n"
		"--excel: a ' before = + - @ is dropped again); a file that needs one is\n"
		"refused with a message that names it.\n",
};

const struct command cmd_export = {
	.name = "export", .check = check_export, .run = run_export, .options = export_options,
	.takes = NAMES_KIND, .args = { 0, 1, "a kind, or none with --all" }, .opens = OPENS_READ,
	.usage = "smalog export KIND [--format F] [-o FILE] | smalog export --all DIR",
	.summary = "Write every record of a kind in the import format.",
	.help = "The header is the kind's fields, as 'smalog import' reads them, and the\n"
		"order is stable: export, import into a new database and export again gives\n"
		"the same bytes.  --all DIR writes DIR/KIND.csv for every kind (.tsv, .json\n"
		"or .jsonl with --format).\n",
};

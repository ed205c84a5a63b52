/* csv_import.h - streaming CSV reading (libcsv, a header row, physical line numbers) and bulk import of records. */
#ifndef SMALOG_CSV_IMPORT_H
#define SMALOG_CSV_IMPORT_H

#include "smalog/db.h"
#include "smalog/kinds.h"
#include "smalog/sha256.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* One cell of a row; borrowed, valid during the callback only. */
struct csv_field {
	const char *text; /* NUL-terminated (the cell holds no NUL); NULL for an empty unquoted cell */
	size_t len;
	long line;        /* the physical line the cell starts on (the header is line 1) */
};

/*
 * What csv_read calls.  header gets the first row, row every later one
 * (already checked to have as many cells as the header).  Each returns 0 to
 * go on, or an exit code after sm_error to stop reading.  progress, if set,
 * is called after each block read with the bytes read so far and the rows
 * seen (not counting the header).
 */
struct csv_reader_config {
	const char *name; /* the input's name in messages: "positions.csv" */
	int (*header)(void *arg, const struct csv_field *cells, size_t ncells);
	int (*row)(void *arg, const struct csv_field *cells, size_t ncells, long line);
	void (*progress)(void *arg, uint64_t bytes, int64_t rows);
	void *arg;
	struct sha256 *hash; /* if set, every byte read (BOM included) is hashed */
};

/*
 * Read CSV from fp to its end, RFC 4180 as libcsv's strict mode reads it:
 * CRLF, LF or CR line ends, a last line without one, quoted cells spanning
 * lines, a leading UTF-8 BOM skipped, blank lines between rows skipped.
 * Spaces around a cell are part of it.  Refuses, naming FILE:LINE and the
 * column (its header name): a quote inside an unquoted cell or text after a
 * closing quote, a quote never closed (the line where it opened), a NUL
 * byte, invalid UTF-8, a row wider or narrower than the header, a field
 * or a row longer than 64 MiB, a header of more than 65,536 columns, and
 * an input without a header.  Memory is bounded by the longest row (so by
 * 64 MiB), not the input.  Returns 0, or the exit code (EX_DATAERR for the CSV, EX_IOERR for
 * a read error, or what a callback returned); *bytes (may be NULL) gets the
 * number of bytes read.
 */
int csv_read(FILE *fp, const struct csv_reader_config *cfg, uint64_t *bytes);

struct csv_import_options {
	const struct kind *kind;
	const char *path; /* "-" for standard input */
	bool dry_run;     /* validate everything, write nothing */
	bool again;       /* import content imported before, and rows identical to recorded ones */
	bool skip_existing; /* kinds with a natural key: skip rows recorded as they are */
	bool progress;    /* a progress bar on stderr when the input is large */
};

/*
 * Import the CSV at opt->path as records of opt->kind into db, in one
 * BEGIN IMMEDIATE transaction: columns matched by header name in any order,
 * every value through record_set, record_check and
 * record_check_references (records earlier in the file included), one
 * prepared insert reused for every row.  The first error stops the import
 * with "FILE:LINE: column 'NAME': MESSAGE" and nothing is written.  Content
 * whose SHA-256 is in import_log for the kind is refused unless opt->again
 * or opt->skip_existing; a successful import (not a dry run) adds it there.
 * A row identical to a record (every field but the id, as stored: an
 * absent value compares as the default the schema gives it), stored
 * before or earlier in the file, is refused unless opt->again, naming the
 * record or the line ("FILE:LINE: this position is already recorded as
 * position 3 (use --again to record it twice)"); the lookup goes through an
 * index, or, when the import dropped the indexes, through a table of row
 * hashes in memory (every hit compared field by field).  For a kind with a
 * natural key (agreement, source, round, rate), opt->skip_existing skips a
 * row whose key is recorded with the same values and refuses one whose
 * values differ, naming the key and the first differing field; it is a
 * usage error for the other kinds.  A large file that
 * brings at least as many rows as the table holds loads with the table's
 * non-unique indexes dropped, and builds them again before the commit.
 * A progress bar, if asked for, shows on stderr only for a regular file of
 * 1 MiB or more that takes more than half a second.  Sets *rows to the
 * number of records imported (or, for a dry run, that would be) and
 * *skipped (may be NULL) to the rows skipped by opt->skip_existing.
 * Returns 0 or the exit code.
 */
int csv_import(struct db *db, const struct csv_import_options *opt, int64_t *rows, int64_t *skipped);

/* Does kind have a natural key, so that import --skip-existing applies? */
bool csv_import_has_natural_key(const struct kind *kind);

#endif

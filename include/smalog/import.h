/* import.h - bulk import of a CSV file as records of one kind. */
#ifndef SMALOG_IMPORT_H
#define SMALOG_IMPORT_H

#include "smalog/db.h"
#include "smalog/kinds.h"

#include <stdbool.h>
#include <stdint.h>

struct import_options {
	const struct kind *kind;
	const char *path; /* "-" for standard input */
	bool dry_run;     /* validate everything, write nothing */
	bool again;       /* import content imported before, and rows identical to recorded ones */
	bool skip_existing; /* kinds with a natural key: skip rows recorded as they are */
	bool progress;    /* a progress bar on stderr when the input is large */
	char delim;       /* between cells: ',' (also when 0), ';' or '\t' */
	const char *encoding; /* the input's encoding, converted to UTF-8; NULL: UTF-8 */
	bool excel;       /* undo export --excel's defusing (csvr_config.excel) */
	/* import --all: the caller holds the transaction (no begin, commit or
	 * rollback here) and the import log is left alone */
	bool held;
	/* import --all --replace: a row whose uid is recorded changes that
	 * record where it differs, and tally counts what happened */
	bool replace;
	struct import_tally *tally; /* with replace; else NULL */
};

/* What an import --replace did with one file: records added and changed,
 * and the id of every record the file holds (added, changed or the same),
 * in file order, so the caller removes the others. */
struct import_tally {
	int64_t added, changed;
	struct import_kept {
		int64_t id;
		long line;
	} *kept;
	size_t n, cap;
};

/* Free the tally's arrays; it can be used again after zeroing. */
void import_tally_release(struct import_tally *t);

/*
 * Import the CSV at opt->path as records of opt->kind into db, in one
 * BEGIN IMMEDIATE transaction: columns matched by header name in any order,
 * every value through record_set, record_check and
 * record_check_references (records earlier in the file included), one
 * prepared insert reused for every row.  The first error stops the import
 * with "FILE:LINE: column 'NAME': MESSAGE" and nothing is written.  Content
 * whose SHA-256 is in import_log for the kind is refused unless opt->again
 * or opt->skip_existing; a successful import (not a dry run) adds it there.
 * The content is hashed as it is read, so a file is read once, and
 * compared once it is read, before the commit; a regular file stopped
 * earlier by an error is hashed to its end, so that content imported
 * before is refused as such, as its rows would mostly be.
 * A row identical to a record (every field but the id, as stored: an
 * absent value compares as the default the schema gives it), stored
 * before or earlier in the file, is refused unless opt->again, naming the
 * record or the line ("FILE:LINE: this position is already recorded as
 * position 3 (use --again to record it twice)"); the lookup goes through an
 * index, or, when the import dropped the indexes, by one query after the
 * load (the first bad line of the file is still the one reported).  For a kind with a
 * natural key (agreement, source, round, rate), opt->skip_existing skips a
 * row whose key is recorded with the same values and refuses one whose
 * values differ, naming the key and the first differing field; it is a
 * usage error for the other kinds.  A large input that brings at
 * least an eighth of the rows the table holds loads with the table's
 * non-unique indexes dropped (and its uid index, when the file gives no
 * uids or the table is empty), and builds them again before the commit
 * (import_defers_indexes).
 * A progress bar, if asked for, shows on stderr only for a regular file of
 * 1 MiB or more that takes more than half a second.  Sets *rows to the
 * number of records imported (or, for a dry run, that would be) and
 * *skipped (may be NULL) to the rows skipped by opt->skip_existing.
 * A uid column is optional: a row without a uid (or with an empty one)
 * gets a new one, a row with one keeps it; a malformed uid is refused with
 * its line, and so is a row to be recorded whose uid a record holds (or an
 * earlier row), after the checks above (a row the same as its record is
 * refused, or skipped, as recorded already) — except with opt->again,
 * where the row recorded again gets a new uid, and with opt->replace,
 * where the record is changed to the row.  With opt->held (import --all)
 * only uids tell records apart: rows alike are not refused.
 * Returns 0 or the exit code.
 */
int import_csv(struct db *db, const struct import_options *opt, int64_t *rows, int64_t *skipped);

/* Inputs smaller than this load fast enough with the indexes in place. */
enum { IMPORT_DEFER_MIN_BYTES = 256 * 1024 };

/* An input that brings at least 1/IMPORT_DEFER_SHARE of the rows a table
 * holds loads faster with its indexes built after: into 200,000 positions,
 * 50,000 rows took 3.4 s of CPU so against 4.3 s through the indexes,
 * 100,000 rows 5.5 s against 9.5 s, 200,000 rows 9 s against 14-19 s;
 * 20,000 rows 2.0 s against 1.6 s.  Even at about a seventh; an index that
 * outgrows the page cache only widens the gap. */
enum { IMPORT_DEFER_SHARE = 8 };

/*
 * Should an import drop the table's non-unique indexes and build them
 * after the load?  Yes when the input brings at least an eighth
 * (IMPORT_DEFER_SHARE) of the rows the table holds (existing): inserting
 * into an index costs a page access a row, building it sorts once, the
 * old rows included.  The input's
 * rows are estimated from the average size of those read so far
 * (rows_read in bytes_read) over size, what the input holds in all; with
 * nothing read yet, or for a stream (size -1), only an empty table is
 * decided yes.  An input under IMPORT_DEFER_MIN_BYTES keeps its indexes.
 */
bool import_defers_indexes(int64_t existing, int64_t rows_read, uint64_t bytes_read, int64_t size);

/* Does kind have a natural key, so that import --skip-existing applies? */
bool import_has_natural_key(const struct kind *kind);

#endif

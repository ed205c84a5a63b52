/* output.h - renders rows of values as table, CSV, TSV, JSON, JSON lines or Markdown. */
#ifndef SMALOG_OUTPUT_H
#define SMALOG_OUTPUT_H

#include "smalog/sbuf.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* OUT_XLSX: one sheet of an .xlsx workbook (xlsx.h), its date columns
 * always followed by their first and last day; refused on a terminal. */
enum out_format { OUT_TABLE, OUT_CSV, OUT_TSV, OUT_JSON, OUT_JSONL, OUT_MARKDOWN, OUT_XLSX };

/* How a column is rendered. */
enum out_type {
	OUT_TEXT,    /* string; JSON string */
	OUT_INT,     /* integer, no separators (ids, seq, years) */
	OUT_AMOUNT,  /* integer money: thousands separators in table and markdown
		      * only; plain digits in csv/tsv/json */
	OUT_DECIMAL, /* exact decimal already formatted as text ("13.00", "-2.5"):
		      * right-aligned in table, bare number in JSON */
	OUT_AUTO,    /* whatever the value is (ad-hoc SQL): ints plain, reals the
		      * shortest text that round-trips ("0.1", "100.0"), text as text */
	OUT_COUNT,   /* a whole count (workers): grouped as OUT_AMOUNT is, but
		      * never in a --unit, which is for money */
	OUT_DATE,    /* a date as text ("2020-03~"), shown as OUT_TEXT is; with
		      * OUT_DATE_RANGE its first and last day follow it */
};

struct out_column {
	const char *name;
	enum out_type type;
};

/*
 * Amounts in table and Markdown output may be shown in a larger unit,
 * rounded half away from zero: K, M, B and T (thousand to trillion) to
 * two decimals with the letter after ("1.18T"); 억 to whole 억
 * ("11,833억"); 조 as 조 and whole 억 ("1조 1,833억").  The header names
 * the unit and the rounding: "amount (T, to 0.01)".
 */
enum out_unit { UNIT_NONE, UNIT_K, UNIT_M, UNIT_B, UNIT_T, UNIT_EOK, UNIT_JO };

enum out_value_kind { VAL_NULL, VAL_INT, VAL_REAL, VAL_TEXT };

/*
 * One cell.  kind says which member holds the value: i for VAL_INT, r for
 * VAL_REAL, s[0..len) for VAL_TEXT (need not be NUL-terminated; a NULL s is
 * taken as VAL_NULL).
 */
struct out_value {
	enum out_value_kind kind;
	int64_t i;
	double r;
	const char *s;
	size_t len;
};

/*
 * Flags.  OUT_EXCEL (CSV only): UTF-8 BOM, CRLF line ends, and every cell
 * that a spreadsheet would run as a formula (starting with = + - @ tab or
 * CR), whatever its column, gets a leading ', except a plain number ("-5",
 * "-2.5") in a numeric column.
 * OUT_NO_HEADER (table, CSV, TSV): no header line; Markdown needs its header
 * and JSON has none, so they ignore it.
 * OUT_NO_FOLLOW (out_open): path must not be a symbolic link or anything but
 * a regular file; it is refused rather than followed (a folder that someone
 * else may have written to, as export --all's).
 */
/* OUT_DATE_RANGE (CSV, TSV, JSON, JSON lines): after each OUT_DATE column
 * NAME, NAME_start and NAME_end, its first and last day as YYYY-MM-DD
 * ("2020-03~": 2020-03-01 and 2020-03-31), empty (null) when the value is
 * not a date.
 * OUT_EXPANDED (table): one field per line, a record after another, as
 * psql's expanded mode ("-[ RECORD 1 ]--").
 */
enum { OUT_EXCEL = 1, OUT_NO_HEADER = 2, OUT_NO_FOLLOW = 4, OUT_DATE_RANGE = 8, OUT_EXPANDED = 16 };

struct output;

/* Append v as a table shows an amount in unit ("1.18T", "1조 1,833억";
 * UNIT_NONE: grouped, "1,183,300,000,000"). */
void out_amount_text(struct sbuf *b, int64_t v, enum out_unit unit);

/* Append the label of an amount named name in unit, as a table's header
 * names it: "amount (T, to 0.01)"; UNIT_NONE: name alone. */
void out_unit_label(struct sbuf *b, const char *name, enum out_unit unit);

/* Parse "K", "M", "B", "T", "억" or "조" (K M B T in either case).
 * Returns 0 and sets *unit, or -1. */
int out_unit_parse(const char *name, enum out_unit *unit);

/* Which columns a table fitted to a terminal drops first (the lowest
 * priority), by name, one table for every kind and report: the columns
 * that say what a row is (id, date, agreement, amount, ...) are
 * TERM_ESSENTIAL (term.h) and never drop; notes, sources, terms and
 * references go first of the named; a name not in the table (an
 * ad-hoc query's) drops before any named one, text before numbers, the
 * rightmost first. */
int out_column_priority(const struct out_column *col);

/*
 * Table output fitted to width display columns (0, the default: never
 * fitted, every column at its widest cell): free-text columns (those with
 * a space in a cell) wrap at word boundaries (term_wrap_next: a word
 * longer than the column after its ';' ',' or '/'), the columns of lowest
 * priority drop (a last line names them), numbers and other cells are
 * never split, and when even the essential columns do not fit it is
 * shown expanded, its values wrapped.  Other formats ignore it.  Call
 * before the first out_row.
 */
void out_set_width(struct output *o, size_t width);

/* Amount columns in unit (table and Markdown; others ignore it).  Call
 * before the first out_row. */
void out_set_unit(struct output *o, enum out_unit unit);

/* Parse "table", "csv", "tsv", "json", "jsonl", "markdown" (also "md"), "xlsx".
 * Returns 0 and sets *fmt, or returns -1 and leaves it alone. */
int out_format_parse(const char *name, enum out_format *fmt);

/*
 * The database in use (path as given to db_open): from now on no output
 * replaces it, its -journal or its -wal, by name, through a symbolic link
 * or as a hard link (out_open refuses with EX_CANTCREAT).  path is copied;
 * NULL forgets it.
 */
void out_protect(const char *db_path);

/*
 * Start output to path (NULL or "-" = standard output).  With a path, writes
 * go to a temporary file "PATH.XXXXXX" in the same directory, which
 * out_finish renames over path after fflush+fsync and out_abort unlinks:
 * nothing half-written is ever left at path, and a signal that ends smalog
 * meanwhile removes the temporary (interrupt_cleanup_add).  (A path that
 * exists and is not a regular file, such as /dev/stdout or a FIFO, cannot be
 * replaced and is written directly.)  A path that is the protected database
 * or its journal is refused (see out_protect).  cols is copied, names
 * included.  Returns NULL after sm_error(EX_CANTCREAT, "cannot create
 * 'PATH': strerror") on failure.
 */
struct output *out_open(enum out_format fmt, const char *path, unsigned flags,
			const struct out_column *cols, size_t ncols);

/*
 * Start output to an open stream, which stays the caller's: out_finish
 * flushes it and checks for errors but does not close it.  display_name
 * stands for the stream in messages ("standard output").
 */
struct output *out_open_stream(enum out_format fmt, FILE *fp, const char *display_name,
			       unsigned flags, const struct out_column *cols, size_t ncols);

/*
 * Write one row of ncols values (borrowed for the call only; table and
 * Markdown keep copies).  Returns 0, or EX_IOERR after sm_error once a write
 * has failed (so a producer can stop early); then call out_abort or
 * out_finish.
 */
int out_row(struct output *o, const struct out_value *vals);

/*
 * .xlsx only (any other format is a bug): the rows after this go to a new
 * sheet of the workbook, named name, with columns cols (copied; out_row
 * then takes ncols values).  Called before any row, it makes the first
 * sheet, and out_open's columns make none.  Returns 0, or an exit code
 * after sm_error (a name a spreadsheet refuses, too many columns); then
 * call out_abort.
 */
int out_sheet(struct output *o, const char *name, const struct out_column *cols, size_t ncols);

/*
 * Finish: render what was buffered, flush, check ferror/fflush/fsync/fclose
 * and, for a path, rename the temporary file into place.  A failed write
 * returns EX_IOERR after sm_error(EX_IOERR, "cannot write to 'PATH':
 * strerror") (PATH is the display name for a stream, "standard output" for
 * stdout) and leaves no file at path; a failed rename returns EX_CANTCREAT.
 * Returns 0 on success.  Frees o.
 */
int out_finish(struct output *o);

/* Give up (an error happened elsewhere): remove the temporary file, leave
 * any existing file at path untouched, free o.  NULL is fine. */
void out_abort(struct output *o);

/*
 * Write a whole document that is not rows (an SVG chart) to path (NULL or
 * "-" = standard output), replaced atomically as out_open and out_finish
 * do.  Returns 0 or the exit code, after sm_error.
 */
int out_write_document(const char *path, const void *data, size_t len);

#endif

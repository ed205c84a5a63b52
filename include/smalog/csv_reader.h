/* csv_reader.h - streaming CSV reading (libcsv, a header row, physical line numbers). */
#ifndef SMALOG_CSV_READER_H
#define SMALOG_CSV_READER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Bytes read from the input at a time. */
enum { CSVR_READ_BLOCK = 64 * 1024 };

/* One cell of a row; borrowed, valid during the callback only. */
struct csvr_cell {
	const char *text; /* NUL-terminated (the cell holds no NUL); NULL for an empty unquoted cell */
	size_t len;
	long line;        /* the physical line the cell starts on (the header is line 1) */
};

/*
 * What csvr_read calls.  header gets the first row, row every later one
 * (already checked to have as many cells as the header).  Each returns 0 to
 * go on, or an exit code after sm_error to stop reading.  progress, if set,
 * is called after each block read with the bytes read so far and the rows
 * seen (not counting the header).  input, if set, gets every block as it
 * is read, the BOM included, before it is parsed: a hash of the content
 * needs no second pass.
 */
struct csvr_config {
	const char *name; /* the input's name in messages: "positions.csv" */
	int (*header)(void *arg, const struct csvr_cell *cells, size_t ncells);
	int (*row)(void *arg, const struct csvr_cell *cells, size_t ncells, long line);
	void (*progress)(void *arg, uint64_t bytes, int64_t rows);
	void (*input)(void *arg, const void *data, size_t len);
	void *arg;
	char delim;           /* between cells: ',' (also when 0), ';' or '\t' */
	const char *encoding; /* an iconv name the input is converted from; NULL: UTF-8, read as it is */
	bool excel;           /* a file from export --excel (a BOM first): a ' before = + - @ TAB CR is dropped;
	                       * without it, such a cell in such a file is refused */
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
 * an input without a header, and a header with no delimiter but with
 * semicolons or tabs (naming --delimiter).  With cfg->encoding, the input
 * is converted to UTF-8 as it is read, a block at a time (memory stays
 * bounded; line numbers stay the file's lines), and a byte invalid in the
 * encoding is refused with its line; without it, invalid UTF-8 that reads
 * as CP949 names --encoding cp949.  Memory is bounded by the longest row (so by
 * 64 MiB), not the input.  Returns 0, or the exit code (EX_DATAERR for the CSV, EX_IOERR for
 * a read error, or what a callback returned); *bytes (may be NULL) gets the
 * number of bytes read.
 */
int csvr_read(FILE *fp, const struct csvr_config *cfg, uint64_t *bytes);

/*
 * The delimiter that --delimiter's text names: ",", ";", "TAB", "tab",
 * "\t" (a backslash and a t) or a tab itself.  Returns it, or 0 for
 * anything else.
 */
char csvr_delimiter(const char *name);

/* Can the input be converted from encoding name?  0, or EX_USAGE after
 * sm_error naming the encodings most often needed. */
int csvr_check_encoding(const char *name);

#endif

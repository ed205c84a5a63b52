/* xlsx.h - sheets of rows as an .xlsx workbook (libxlsxwriter), typed for a spreadsheet. */
#ifndef SMALOG_XLSX_H
#define SMALOG_XLSX_H

#include "smalog/output.h"
#include "smalog/sbuf.h"

#include <stddef.h>

struct xlsx;

/*
 * Start a workbook with no sheet yet.  It is built in memory
 * (libxlsxwriter wants a file name: an anonymous memory file serves), so
 * nothing is written anywhere until xlsx_finish hands the bytes over.
 * Returns NULL after sm_error.
 */
struct xlsx *xlsx_new(void);

/*
 * Complete the current sheet, if any (frozen header row, a filter over
 * its data, column widths from its widest cells), and start the next,
 * named name (NULL: libxlsxwriter's "SheetN"), whose header row names
 * cols (copied), with NAME_start and NAME_end after every OUT_DATE column
 * NAME.  Rows from now on go to it.  Returns 0, or an exit code after
 * sm_error (too many columns, a name a spreadsheet refuses or that the
 * workbook has already).
 */
int xlsx_sheet(struct xlsx *x, const char *name, const struct out_column *cols, size_t ncols);

/* xlsx_new and one unnamed xlsx_sheet; NULL after sm_error. */
struct xlsx *xlsx_open(const struct out_column *cols, size_t ncols);

/*
 * Add one row of the current sheet's ncols values, typed by column: numbers (ints, amounts,
 * counts, decimals, an ad-hoc query's ints and reals) as numbers, an exact
 * day (YYYY-MM-DD) in a date column as a date cell, any other date as text
 * with its first and last day as date cells beside it, everything else as
 * text (invalid UTF-8 becomes U+FFFD).  Returns 0, or an exit code after
 * sm_error (a sheet's row limit, a cell longer than a spreadsheet holds).
 */
int xlsx_row(struct xlsx *x, const struct out_value *vals);

/*
 * Complete the current sheet as xlsx_sheet does and close the workbook
 * (one with no sheet gets an empty one); append the file's bytes to out.  Returns 0
 * or an exit code after sm_error.  Frees x.
 */
int xlsx_finish(struct xlsx *x, struct sbuf *out);

/* Give up: free x and what it holds.  NULL is fine. */
void xlsx_abort(struct xlsx *x);

#endif

/* rows.h - turning SQLite result rows and records into output rows. */
#ifndef SMALOG_ROWS_H
#define SMALOG_ROWS_H

#include "smalog/db.h"
#include "smalog/output.h"
#include "smalog/record.h"

/* The output type that shows a field of type t. */
enum out_type rows_field_type(enum field_type t);

/* Columns for records of kind: "id" then the fields, or, as_export, "uid"
 * then the fields (the import format, the same in every file).  Fills
 * cols (KIND_MAX_FIELDS + 1 entries); returns the count. */
size_t rows_kind_columns(const struct kind *kind, bool as_export, struct out_column *cols);

/* Write record r as one output row (id first, or uid when as_export). */
int rows_write_record(struct output *out, const struct record *r, bool as_export);

/* Write every record of kind to out (opened with rows_kind_columns'
 * export form), uid first, in export's canonical order: the records of
 * one kind as 'smalog export' writes them.  *count gets their number.
 * Returns 0 or an exit code. */
int rows_export_kind(struct db *db, const struct kind *kind, struct output *out, int64_t *count);

/* Whether export reads a kind in one scan and one sort, not through an
 * index: when fewer than nine in ten of pairs consecutive records in
 * export's order (of the first the kind's sample reads) have rising ids,
 * that is, the records were not added in about that order. */
bool rows_export_sorts(int64_t rises, int64_t pairs);

/* Step stmt to the end, writing each row through out with the given column
 * types (OUT_AUTO columns take the SQLite value's own type).  Resets stmt.
 * Ctrl-C stops it with SM_INTERRUPTED (see interrupt.h).  Returns 0 or an
 * exit code. */
int rows_write_statement(struct db *db, struct output *out, sqlite3_stmt *stmt);

#endif

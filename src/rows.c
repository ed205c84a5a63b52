/* rows.c - the bridge between SQLite rows or records and the output module. */
#include "smalog/rows.h"

#include "smalog/error.h"
#include "smalog/interrupt.h"
#include "smalog/memory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum out_type rows_field_type(enum field_type t)
{
	const struct field_type_info *info = &field_types[t];
	if (info->sort_key)
		return OUT_DATE;
	if (!info->integer)
		return OUT_TEXT;
	return info->scale ? OUT_DECIMAL : info->grouped ? OUT_AMOUNT : OUT_INT;
}

size_t rows_kind_columns(const struct kind *kind, bool as_export, struct out_column *cols)
{
	size_t n = 0;
	cols[n++] = as_export ? (struct out_column){ "uid", OUT_TEXT } : (struct out_column){ "id", OUT_INT };
	for (int i = 0; i < kind->nfields; i++) {
		const struct field *f = &kind->fields[i];
		/* counts (furlough workers) are grouped in tables as amounts
		 * are, but they are not money */
		enum out_type t = rows_field_type(f->type);
		cols[n++] = (struct out_column){ f->name, t == OUT_INT && field_is_grouped(f) ? OUT_COUNT : t };
	}
	return n;
}

int rows_write_record(struct output *out, const struct record *r, bool as_export)
{
	struct out_value vals[KIND_MAX_FIELDS + 1];
	char bufs[KIND_MAX_FIELDS][32];
	size_t n = 0;
	if (!as_export)
		vals[n++] = (struct out_value){ .kind = VAL_INT, .i = r->id };
	else if (r->uid[0])
		vals[n++] = (struct out_value){ .kind = VAL_TEXT, .s = r->uid, .len = strlen(r->uid) };
	else
		vals[n++] = (struct out_value){ .kind = VAL_NULL };
	for (int i = 0; i < r->kind->nfields; i++) {
		const struct field *f = &r->kind->fields[i];
		const struct field_value *v = &r->values[i];
		if (!v->present) {
			vals[n++] = (struct out_value){ .kind = VAL_NULL };
		} else if (field_types[f->type].integer && !field_types[f->type].scale && !v->approx) {
			vals[n++] = (struct out_value){ .kind = VAL_INT, .i = v->integer };
		} else {
			const char *text = record_field_text(r, i, bufs[i], sizeof bufs[i]);
			vals[n++] = (struct out_value){ .kind = VAL_TEXT, .s = text, .len = strlen(text) };
		}
	}
	return out_row(out, vals);
}

int rows_write_statement(struct db *db, struct output *out, sqlite3_stmt *stmt)
{
	int ncols = sqlite3_column_count(stmt);
	struct out_value stack_vals[32];
	struct out_value *vals = ncols <= 32 ? stack_vals : xcalloc((size_t)ncols, sizeof *vals);
	/* a long query or report stops at the first Ctrl-C, and its output is
	 * abandoned cleanly by the caller; a second one ends smalog at once */
	interrupt_begin(db->handle);
	int rc, result = 0;
	while (result == 0 && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (int c = 0; c < ncols; c++) {
			switch (sqlite3_column_type(stmt, c)) {
			case SQLITE_NULL:
				vals[c] = (struct out_value){ .kind = VAL_NULL };
				break;
			case SQLITE_INTEGER:
				vals[c] = (struct out_value){ .kind = VAL_INT, .i = sqlite3_column_int64(stmt, c) };
				break;
			case SQLITE_FLOAT:
				vals[c] = (struct out_value){ .kind = VAL_REAL, .r = sqlite3_column_double(stmt, c) };
				break;
			default: {
				const char *s = (const char *)sqlite3_column_text(stmt, c);
				vals[c] = (struct out_value){ .kind = VAL_TEXT, .s = s ? s : "",
							      .len = (size_t)sqlite3_column_bytes(stmt, c) };
			}
			}
		}
		result = out_row(out, vals);
	}
	if (result == 0 && rc != SQLITE_DONE)
		result = db_fail(db, rc, "reading the results");
	interrupt_end();
	if (interrupt_requested()) {
		sm_error_clear();
		result = sm_error(SM_INTERRUPTED, "interrupted");
	}
	sqlite3_reset(stmt);
	if (vals != stack_vals)
		free(vals);
	return result;
}

/*
 * Write every record of kind to out, uid first, in the canonical order of
 * KIND.canonical (sql/queries/csv.sql): by what each record is, never by
 * its id, so the same records give the same bytes in any file, an import
 * loads them (an agreement after its previous one), and export, import
 * into a new database, export gives the same bytes.  Each record is read
 * through KIND.get, as show reads it.  *count gets the number of records.
 */
int rows_export_kind(struct db *db, const struct kind *kind, struct output *out, int64_t *count)
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

/* rows.c - the bridge between SQLite rows or records and the output module. */
#include "smalog/rows.h"

#include "smalog/error.h"
#include "smalog/interrupt.h"
#include "smalog/memory.h"

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

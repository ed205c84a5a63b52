/* rows.c - the bridge between SQLite rows or records and the output module. */
#include "smalog/rows.h"

#include "smalog/decimal.h"
#include "smalog/error.h"
#include "smalog/interrupt.h"
#include "smalog/memory.h"

#include <inttypes.h>
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
 * Whether export should read a kind in one scan and one sort rather than
 * through the index of its order's first columns: when the first records
 * in export's order (rises of the pairs of consecutive ids) were not added
 * in about that order.  Records added in export's order (a log kept day by
 * day, a file that smalog exported) read through the index in 0.7-0.9
 * times the sort's CPU; records added in any other order (a bulk load of
 * someone's spreadsheet) cost a random page each, 1.5-1.8 times the sort
 * (bench/export_order.sh, a million positions).
 */
bool rows_export_sorts(int64_t rises, int64_t pairs)
{
	return pairs > 0 && rises * 10 < pairs * 9;
}

/* *stmt: KIND.export_rows of sql/queries/csv.sql, or KIND.export_sorted
 * when KIND.order_sample says so (rows_export_sorts); their names are
 * built once per kind, as the statement cache keeps them.  Agreements,
 * whose order follows their chain, have only the first.  0 or an exit
 * code. */
static int export_statement(struct db *db, const struct kind *kind, sqlite3_stmt **stmt)
{
	static char names[KIND_COUNT][3][32];
	char (*name)[32] = names[kind_index(kind)];
	if (!name[0][0]) {
		snprintf(name[0], sizeof name[0], "%s.export_rows", kind->name);
		snprintf(name[1], sizeof name[1], "%s.export_sorted", kind->name);
		snprintf(name[2], sizeof name[2], "%s.order_sample", kind->name);
	}
	if (!kind->order)
		return (*stmt = db_statement(db, name[0])) ? 0 : EX_SOFTWARE;
	sqlite3_stmt *sample = db_statement(db, name[2]);
	if (!sample)
		return EX_SOFTWARE;
	int64_t rises = 0, pairs = 0, last = 0;
	int step;
	while ((step = sqlite3_step(sample)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(sample, 0);
		if (last) {
			pairs++;
			rises += id > last;
		}
		last = id;
	}
	sqlite3_reset(sample);
	if (step != SQLITE_DONE)
		return db_fail(db, step, "reading the database");
	return (*stmt = db_statement(db, name[rows_export_sorts(rises, pairs) ? 1 : 0])) ? 0 : EX_SOFTWARE;
}

/*
 * Check that stmt returns what KIND.get returns (the id, the fields, the
 * approx flags in field order) and then the uid, as rows_export_kind reads
 * it: a column moved in the SQL would shift every field after it.  Sets
 * flag[i] to the column of field i's approx flag, or 0.  0 or EX_SOFTWARE.
 */
static int export_columns(const struct kind *kind, sqlite3_stmt *stmt, int flag[KIND_MAX_FIELDS])
{
	int n = sqlite3_column_count(stmt), c = kind->nfields + 1;
	for (int i = 0; i < kind->nfields; i++)
		flag[i] = field_types[kind->fields[i].type].approx ? c++ : 0;
	if (n != c + 1)
		return sm_error(EX_SOFTWARE, "internal error: a %s row has %d columns, not %d: %s", kind->name, n,
				c + 1, sqlite3_sql(stmt));
	for (c = 0; c < n; c++) {
		char column[48] = "uid";
		if (c == 0)
			strcpy(column, "id");
		for (int i = 0; i < kind->nfields; i++) {
			if (c == i + 1)
				field_column(&kind->fields[i], column, sizeof column);
			else if (flag[i] && c == flag[i] && field_column(&kind->fields[i], column, sizeof column - 8))
				strcat(column, "_approx");
		}
		const char *name = sqlite3_column_name(stmt, c);
		if (!name || strcmp(name, column) != 0)
			return sm_error(EX_SOFTWARE, "internal error: column %d of a %s row is '%s', not '%s': %s",
					c + 1, kind->name, name ? name : "", column, sqlite3_sql(stmt));
	}
	return 0;
}

/*
 * Write every record of kind to out, uid first, in the canonical order of
 * KIND.canonical (sql/queries/csv.sql): by what each record is, never by
 * its id, so the same records give the same bytes in any file, an import
 * loads them (an agreement after its previous one), and export, import
 * into a new database, export gives the same bytes.  One ordered pass of
 * KIND.export_rows, each cell written from the statement's own memory as
 * rows_write_record would write the record: nothing is copied or
 * allocated per record.  *count gets the number of records.
 */
int rows_export_kind(struct db *db, const struct kind *kind, struct output *out, int64_t *count)
{
	sqlite3_stmt *stmt = NULL;
	int rc = export_statement(db, kind, &stmt);
	if (rc != 0)
		return rc;
	int flag[KIND_MAX_FIELDS];
	int step = SQLITE_DONE;
	rc = export_columns(kind, stmt, flag);
	int nf = kind->nfields, uid = sqlite3_column_count(stmt) - 1;
	struct out_value vals[KIND_MAX_FIELDS + 1];
	char bufs[KIND_MAX_FIELDS][DECIMAL_TEXT_SIZE + 2];
	*count = 0;
	while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (sqlite3_column_type(stmt, uid) == SQLITE_TEXT)
			vals[0] = (struct out_value){ .kind = VAL_TEXT, .s = (const char *)sqlite3_column_text(stmt, uid),
						      .len = (size_t)sqlite3_column_bytes(stmt, uid) };
		else
			vals[0] = (struct out_value){ .kind = VAL_NULL };
		for (int i = 0; i < nf; i++) {
			const struct field_type_info *t = &field_types[kind->fields[i].type];
			struct out_value *v = &vals[i + 1];
			if (sqlite3_column_type(stmt, i + 1) == SQLITE_NULL) {
				*v = (struct out_value){ .kind = VAL_NULL };
			} else if (!t->integer) {
				*v = (struct out_value){ .kind = VAL_TEXT, .s = (const char *)sqlite3_column_text(stmt, i + 1),
							 .len = (size_t)sqlite3_column_bytes(stmt, i + 1) };
			} else {
				int64_t n = sqlite3_column_int64(stmt, i + 1);
				bool approx = flag[i] && sqlite3_column_int64(stmt, flag[i]) != 0;
				int len = 0;
				if (t->scale)
					len = decimal_format(n, t->scale, true, bufs[i], sizeof bufs[i]);
				else if (approx)
					len = snprintf(bufs[i], sizeof bufs[i], "%" PRId64 "~", n);
				*v = t->scale || approx ? (struct out_value){ .kind = VAL_TEXT, .s = bufs[i], .len = (size_t)len }
							: (struct out_value){ .kind = VAL_INT, .i = n };
			}
		}
		rc = out_row(out, vals);
		(*count)++;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail(db, step, "reading the records");
	sqlite3_reset(stmt);
	return rc;
}

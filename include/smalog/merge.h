/* merge.h - one kind's records as CSV tables keyed by uid, and their three-way merge field by field. */
#ifndef SMALOG_MERGE_H
#define SMALOG_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A cell: text[0..len), NUL-terminated; text NULL for an empty unquoted
 * cell (no value), which is not the empty string ("" in the file). */
struct merge_cell {
	const char *text;
	size_t len;
};

/* One row of a table: its cells (as many as the header) and the physical
 * line it starts on. */
struct merge_row {
	struct merge_cell *cells;
	long line;
};

/*
 * A CSV file read whole: the header, whose first column is "uid", and the
 * rows in the file's order, each uid non-empty and unique.  All memory is
 * the table's own, freed by merge_table_release.
 */
struct merge_table {
	char *name;        /* the file's name in messages */
	size_t ncols;
	struct merge_cell *cols; /* the header's names */
	size_t nrows;
	struct merge_row *rows;
	size_t *by_uid;    /* row indexes sorted by uid, for merge_table_find */
};

/*
 * Read a CSV table from fp with the CSV reader (csv_reader.h: its checks
 * and messages, name in them).  Refuses with EX_DATAERR, naming the line:
 * a header whose first column is not "uid", a row whose uid is empty, a
 * uid that appears twice.  Returns 0 (t filled) or the exit code (t left
 * empty, nothing to release).
 */
int merge_table_read(FILE *fp, const char *name, struct merge_table *t);

/* The row whose uid is uid[0..len), or NULL. */
/* A table named name with like's columns and no rows (what git's empty
 * BASE of a file added on both sides stands for). */
void merge_table_empty(const struct merge_table *like, const char *name, struct merge_table *t);

const struct merge_row *merge_table_find(const struct merge_table *t, const char *uid, size_t len);

void merge_table_release(struct merge_table *t);

/* Do two cells hold the same value (a cell without a value equals only
 * another without one)? */
bool merge_cell_equal(struct merge_cell a, struct merge_cell b);

/* Do two tables have the same columns in the same order? */
bool merge_same_columns(const struct merge_table *a, const struct merge_table *b);

/* Who changed what, in a conflict. */
enum merge_conflict_kind {
	MERGE_BOTH_CHANGED, /* the field changed on both sides, differently */
	MERGE_BOTH_ADDED,   /* both sides added the uid, with different values here */
	MERGE_OURS_DELETED, /* ours deleted the record, theirs changed this field */
	MERGE_THEIRS_DELETED, /* theirs deleted the record, ours changed this field */
};

/* One field left in conflict.  Cells are borrowed from the input tables
 * (a deleted side's cell has no value). */
struct merge_conflict {
	enum merge_conflict_kind kind;
	struct merge_cell uid;
	size_t col;  /* the column in the header */
	struct merge_cell base, ours, theirs;
};

/*
 * The merged rows and what is left in conflict.  rows[i] holds ncols
 * cells, borrowed from the inputs or, for a conflict, the cell written
 * with its markers (merge_conflict_text), owned here.
 */
struct merge_result {
	size_t ncols;
	size_t nrows;
	struct merge_cell **rows;
	size_t nconflicts;
	struct merge_conflict *conflicts;
	char **owned;
	size_t nowned;
};

/*
 * Merge ours and theirs, both descended from base, by uid and field by
 * field (the three with the same columns: merge_same_columns).  A field
 * changed on one side takes that change; changed identically on both it
 * is taken once; changed differently on both is a conflict.  A record
 * added on either side (or both) is kept; one deleted on a side and
 * unchanged on the other is deleted, and so is one deleted on both; one
 * deleted on a side and changed on the other is a conflict in each field
 * the other side changed.  Rows come in ours' order, then the rows of
 * theirs that ours lacks in theirs' order.  res is filled; release it
 * with merge_result_release; the tables must outlive it.
 */
void merge_three(const struct merge_table *base, const struct merge_table *ours, const struct merge_table *theirs,
		 struct merge_result *res);

void merge_result_release(struct merge_result *res);

/*
 * The cell a conflict is written as, a single CSV cell a person finds
 * and an import refuses:
 *   <<<<<<< ours: X ||||||| base: B ======= theirs: Y >>>>>>>
 * with "ours deleted the record" or "theirs deleted the record" for a
 * deleted side's part and "||||||| no base" when both added the record.
 * Returns a string the caller frees.
 */
char *merge_conflict_text(const struct merge_conflict *c);

/* Does a cell hold a conflict written by merge_conflict_text, not yet
 * resolved? */
bool merge_is_conflict_cell(const char *s, size_t len);

#endif

/* merge.c - one kind's records as CSV tables keyed by uid, and their three-way merge field by field. */
#include "smalog/merge.h"

#include "smalog/csv_reader.h"
#include "smalog/error.h"
#include "smalog/memory.h"
#include "smalog/sbuf.h"
#include "smalog/utf8.h"

#include <stdlib.h>
#include <string.h>

/* What the reader's callbacks fill. */
struct reading {
	struct merge_table *t;
	size_t rows_cap;
};

/* An owned copy of a reader's cell (borrowed for the callback only). */
static struct merge_cell copy_cell(const struct csvr_cell *c)
{
	if (!c->text)
		return (struct merge_cell){ NULL, 0 };
	return (struct merge_cell){ xstrndup(c->text, c->len), c->len };
}

/* The reader's header: kept, once its first column is the uid. */
static int on_header(void *arg, const struct csvr_cell *cells, size_t n)
{
	struct reading *rd = arg;
	struct merge_table *t = rd->t;
	if (!cells[0].text || strcmp(cells[0].text, "uid") != 0) {
		char echo[UTF8_ECHO_SIZE] = "";
		if (cells[0].text)
			utf8_echo(cells[0].text, cells[0].len, echo, sizeof echo);
		return sm_error(EX_DATAERR, "%s:%ld: the first column is '%s', not 'uid': records are matched by their uid",
				t->name, cells[0].line, echo);
	}
	t->cols = xcalloc(n, sizeof *t->cols);
	for (size_t i = 0; i < n; i++)
		t->cols[i] = copy_cell(&cells[i]);
	t->ncols = n;
	return 0;
}

/* A row, kept whole; its uid must hold one (uniqueness is checked once
 * all are read, by index_rows). */
static int on_row(void *arg, const struct csvr_cell *cells, size_t n, long line)
{
	struct reading *rd = arg;
	struct merge_table *t = rd->t;
	if (!cells[0].text || cells[0].len == 0)
		return sm_error(EX_DATAERR, "%s:%ld: column 'uid': empty: every record has its uid", t->name, line);
	t->rows = xgrow(t->rows, &rd->rows_cap, t->nrows + 1, sizeof *t->rows);
	struct merge_row *r = &t->rows[t->nrows++];
	r->line = line;
	r->cells = xcalloc(n, sizeof *r->cells);
	for (size_t i = 0; i < n; i++)
		r->cells[i] = copy_cell(&cells[i]);
	return 0;
}

/* Byte order, a prefix first: the order of the uid index. */
static int compare_text(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	return c ? c : (alen > blen) - (alen < blen);
}

/* qsort_r's comparison of row indexes of table by uid. */
static int compare_rows(const void *a, const void *b, void *table)
{
	const struct merge_table *t = table;
	const struct merge_cell *x = &t->rows[*(const size_t *)a].cells[0];
	const struct merge_cell *y = &t->rows[*(const size_t *)b].cells[0];
	int c = compare_text(x->text, x->len, y->text, y->len);
	/* the earlier row first, so a duplicate names the first line */
	return c ? c : (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

/* Index the rows by uid; a uid seen twice is refused at its second line. */
static int index_rows(struct merge_table *t)
{
	t->by_uid = xcalloc(t->nrows ? t->nrows : 1, sizeof *t->by_uid);
	for (size_t i = 0; i < t->nrows; i++)
		t->by_uid[i] = i;
	qsort_r(t->by_uid, t->nrows, sizeof *t->by_uid, compare_rows, t);
	for (size_t i = 1; i < t->nrows; i++) {
		const struct merge_row *a = &t->rows[t->by_uid[i - 1]], *b = &t->rows[t->by_uid[i]];
		if (merge_cell_equal(a->cells[0], b->cells[0])) {
			char echo[UTF8_ECHO_SIZE];
			utf8_echo(b->cells[0].text, b->cells[0].len, echo, sizeof echo);
			return sm_error(EX_DATAERR, "%s:%ld: column 'uid': '%s' is on line %ld already", t->name, b->line,
					echo, a->line);
		}
	}
	return 0;
}

int merge_table_read(FILE *fp, const char *name, struct merge_table *t)
{
	*t = (struct merge_table){ .name = xstrdup(name) };
	struct reading rd = { .t = t };
	struct csvr_config cfg = { .name = name, .header = on_header, .row = on_row, .arg = &rd };
	int rc = csvr_read(fp, &cfg, NULL);
	if (rc == 0)
		rc = index_rows(t);
	if (rc != 0)
		merge_table_release(t);
	return rc;
}

void merge_table_empty(const struct merge_table *like, const char *name, struct merge_table *t)
{
	*t = (struct merge_table){ .name = xstrdup(name), .ncols = like->ncols };
	t->cols = xcalloc(like->ncols, sizeof *t->cols);
	for (size_t i = 0; i < like->ncols; i++)
		if (like->cols[i].text)
			t->cols[i] = (struct merge_cell){ xstrndup(like->cols[i].text, like->cols[i].len), like->cols[i].len };
	t->by_uid = xcalloc(1, sizeof *t->by_uid);
}

const struct merge_row *merge_table_find(const struct merge_table *t, const char *uid, size_t len)
{
	size_t lo = 0, hi = t->nrows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct merge_cell *c = &t->rows[t->by_uid[mid]].cells[0];
		int cmp = compare_text(c->text, c->len, uid, len);
		if (cmp == 0)
			return &t->rows[t->by_uid[mid]];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void merge_table_release(struct merge_table *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t i = 0; i < t->ncols; i++)
			free((char *)t->rows[r].cells[i].text);
		free(t->rows[r].cells);
	}
	for (size_t i = 0; i < t->ncols; i++)
		free((char *)t->cols[i].text);
	free(t->cols);
	free(t->rows);
	free(t->by_uid);
	free(t->name);
	*t = (struct merge_table){ 0 };
}

bool merge_cell_equal(struct merge_cell a, struct merge_cell b)
{
	if (!a.text || !b.text)
		return !a.text && !b.text;
	return a.len == b.len && memcmp(a.text, b.text, a.len) == 0;
}

bool merge_same_columns(const struct merge_table *a, const struct merge_table *b)
{
	if (a->ncols != b->ncols)
		return false;
	for (size_t i = 0; i < a->ncols; i++)
		if (!merge_cell_equal(a->cols[i], b->cols[i]))
			return false;
	return true;
}

/* The merge being built. */
struct merging {
	struct merge_result *res;
	size_t rows_cap, conflicts_cap, owned_cap;
};

/* A new output row, its cells to be filled. */
static struct merge_cell *add_row(struct merging *m)
{
	struct merge_result *res = m->res;
	res->rows = xgrow(res->rows, &m->rows_cap, res->nrows + 1, sizeof *res->rows);
	return res->rows[res->nrows++] = xcalloc(res->ncols, sizeof **res->rows);
}

/* Record a conflict and put its marked cell in row. */
static void conflict(struct merging *m, struct merge_cell *row, struct merge_conflict c)
{
	struct merge_result *res = m->res;
	res->conflicts = xgrow(res->conflicts, &m->conflicts_cap, res->nconflicts + 1, sizeof *res->conflicts);
	res->conflicts[res->nconflicts++] = c;
	char *text = merge_conflict_text(&c);
	res->owned = xgrow(res->owned, &m->owned_cap, res->nowned + 1, sizeof *res->owned);
	res->owned[res->nowned++] = text;
	row[c.col] = (struct merge_cell){ text, strlen(text) };
}

static const struct merge_cell no_value = { NULL, 0 };

/* A record on both sides (and in base, unless base is NULL: added on
 * both), merged field by field. */
static void merge_both(struct merging *m, const struct merge_row *b, const struct merge_row *o,
		       const struct merge_row *t)
{
	struct merge_cell *row = add_row(m);
	row[0] = o->cells[0];
	for (size_t i = 1; i < m->res->ncols; i++) {
		struct merge_cell base = b ? b->cells[i] : no_value, ours = o->cells[i], theirs = t->cells[i];
		if (merge_cell_equal(ours, theirs))
			row[i] = ours;
		else if (b && merge_cell_equal(base, ours))
			row[i] = theirs;
		else if (b && merge_cell_equal(base, theirs))
			row[i] = ours;
		else
			conflict(m, row, (struct merge_conflict){ b ? MERGE_BOTH_CHANGED : MERGE_BOTH_ADDED, o->cells[0], i,
								   base, ours, theirs });
	}
}

/* A record in base that one side (kept) still has and the other deleted:
 * gone if kept is unchanged, else kept with each field it changed in
 * conflict. */
static void merge_deleted(struct merging *m, const struct merge_row *b, const struct merge_row *kept, bool ours_kept)
{
	size_t changed = 0;
	for (size_t i = 1; i < m->res->ncols; i++)
		changed += !merge_cell_equal(b->cells[i], kept->cells[i]);
	if (changed == 0)
		return;
	struct merge_cell *row = add_row(m);
	for (size_t i = 0; i < m->res->ncols; i++) {
		row[i] = kept->cells[i];
		if (i == 0 || merge_cell_equal(b->cells[i], kept->cells[i]))
			continue;
		struct merge_conflict c = { ours_kept ? MERGE_THEIRS_DELETED : MERGE_OURS_DELETED, kept->cells[0], i,
					    b->cells[i], no_value, no_value };
		if (ours_kept)
			c.ours = kept->cells[i];
		else
			c.theirs = kept->cells[i];
		conflict(m, row, c);
	}
}

void merge_three(const struct merge_table *base, const struct merge_table *ours, const struct merge_table *theirs,
		 struct merge_result *res)
{
	*res = (struct merge_result){ .ncols = ours->ncols };
	struct merging m = { .res = res };
	for (size_t r = 0; r < ours->nrows; r++) {
		const struct merge_row *o = &ours->rows[r];
		const struct merge_row *b = merge_table_find(base, o->cells[0].text, o->cells[0].len);
		const struct merge_row *t = merge_table_find(theirs, o->cells[0].text, o->cells[0].len);
		if (t)
			merge_both(&m, b, o, t);
		else if (b)
			merge_deleted(&m, b, o, true);
		else
			memcpy(add_row(&m), o->cells, res->ncols * sizeof *o->cells); /* added by ours */
	}
	for (size_t r = 0; r < theirs->nrows; r++) {
		const struct merge_row *t = &theirs->rows[r];
		if (merge_table_find(ours, t->cells[0].text, t->cells[0].len))
			continue;
		const struct merge_row *b = merge_table_find(base, t->cells[0].text, t->cells[0].len);
		if (b)
			merge_deleted(&m, b, t, false);
		else
			memcpy(add_row(&m), t->cells, res->ncols * sizeof *t->cells); /* added by theirs */
	}
}

void merge_result_release(struct merge_result *res)
{
	for (size_t i = 0; i < res->nrows; i++)
		free(res->rows[i]);
	for (size_t i = 0; i < res->nowned; i++)
		free(res->owned[i]);
	free(res->rows);
	free(res->conflicts);
	free(res->owned);
	*res = (struct merge_result){ 0 };
}

#define MARK_OURS "<<<<<<< "
#define MARK_BASE " ||||||| "
#define MARK_THEIRS " ======= "
#define MARK_END " >>>>>>>"

/* One side of a conflict after its marker: "ours: VALUE", or why that
 * side has no value (absent). */
static void add_side(struct sbuf *b, const char *mark, const char *side, struct merge_cell c, const char *absent)
{
	sb_adds(b, mark);
	if (absent) {
		sb_adds(b, absent);
		return;
	}
	sb_adds(b, side);
	sb_adds(b, ": ");
	if (c.text)
		sb_add(b, c.text, c.len);
}

char *merge_conflict_text(const struct merge_conflict *c)
{
	struct sbuf b = { 0 };
	add_side(&b, MARK_OURS, "ours", c->ours, c->kind == MERGE_OURS_DELETED ? "ours deleted the record" : NULL);
	add_side(&b, MARK_BASE, "base", c->base, c->kind == MERGE_BOTH_ADDED ? "no base" : NULL);
	add_side(&b, MARK_THEIRS, "theirs", c->theirs, c->kind == MERGE_THEIRS_DELETED ? "theirs deleted the record" : NULL);
	sb_adds(&b, MARK_END);
	return b.p;
}

bool merge_is_conflict_cell(const char *s, size_t len)
{
	/* a value of its own never starts so: seven '<' then a space */
	return len >= sizeof MARK_OURS - 1 && memcmp(s, MARK_OURS, sizeof MARK_OURS - 1) == 0;
}

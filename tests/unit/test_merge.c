/* test_merge.c - the three-way merge of CSV tables by uid, field by field, and reading them. */
#include "smalog/merge.h"

#include "smalog/error.h"
#include "smalog/sbuf.h"

#include "check_main.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* A table from CSV text; the test fails if it is refused. */
static void table(const char *csv, const char *name, struct merge_table *t)
{
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");
	ck_assert_ptr_nonnull(fp);
	int rc = merge_table_read(fp, name, t);
	fclose(fp);
	ck_assert_msg(rc == 0, "%s refused: %s", name, sm_error_message());
}

/* The refusal of reading csv: its code, the message in sm_error. */
static int refused(const char *csv)
{
	struct merge_table t;
	sm_error_clear();
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");
	int rc = merge_table_read(fp, "x.csv", &t);
	fclose(fp);
	return rc;
}

/* The merged rows as "uid|cell|cell\n" lines ("-" for no value), and the
 * conflicts as "uid:column:kind " into conflicts. */
static char *merged(const char *base, const char *ours, const char *theirs, char *conflicts, size_t size)
{
	struct merge_table t[3];
	table(base, "base", &t[0]);
	table(ours, "ours", &t[1]);
	table(theirs, "theirs", &t[2]);
	struct merge_result res;
	merge_three(&t[0], &t[1], &t[2], &res);
	struct sbuf b = { 0 };
	for (size_t r = 0; r < res.nrows; r++) {
		for (size_t i = 0; i < res.ncols; i++) {
			if (i)
				sb_addc(&b, '|');
			if (res.rows[r][i].text)
				sb_add(&b, res.rows[r][i].text, res.rows[r][i].len);
			else
				sb_addc(&b, '-');
		}
		sb_addc(&b, '\n');
	}
	size_t used = 0;
	conflicts[0] = '\0';
	for (size_t i = 0; i < res.nconflicts && used < size; i++) {
		const struct merge_conflict *c = &res.conflicts[i];
		used += (size_t)snprintf(conflicts + used, size - used, "%s:%s:%d ", c->uid.text, t[1].cols[c->col].text,
					 (int)c->kind);
	}
	merge_result_release(&res);
	for (int i = 0; i < 3; i++)
		merge_table_release(&t[i]);
	sb_adds(&b, "");
	return b.p;
}

#define BASE "uid,pct,notes\nA,13.0,a\nB,5.0,b\n"

/* Assert that merging gives want_rows and want_conflicts. */
#define MERGES(base, ours, theirs, want_rows, want_conflicts)                       \
	do {                                                                          \
		char conflicts_[512];                                                     \
		char *rows_ = merged(base, ours, theirs, conflicts_, sizeof conflicts_); \
		ck_assert_str_eq(rows_, want_rows);                                      \
		ck_assert_str_eq(conflicts_, want_conflicts);                            \
		free(rows_);                                                             \
	} while (0)

START_TEST(test_unchanged)
{
	MERGES(BASE, BASE, BASE, "A|13.0|a\nB|5.0|b\n", "");
}
END_TEST

/* A field changed on one side takes that change, whichever side. */
START_TEST(test_one_side_changes)
{
	MERGES(BASE, "uid,pct,notes\nA,13.9,a\nB,5.0,b\n", BASE, "A|13.9|a\nB|5.0|b\n", "");
	MERGES(BASE, BASE, "uid,pct,notes\nA,13.0,a\nB,5.0,new\n", "A|13.0|a\nB|5.0|new\n", "");
	/* the two sides change different fields of the same record */
	MERGES(BASE, "uid,pct,notes\nA,13.9,a\nB,5.0,b\n", "uid,pct,notes\nA,13.0,z\nB,5.0,b\n",
	       "A|13.9|z\nB|5.0|b\n", "");
	/* a value removed is a change too */
	MERGES(BASE, "uid,pct,notes\nA,,a\nB,5.0,b\n", BASE, "A|-|a\nB|5.0|b\n", "");
}
END_TEST

START_TEST(test_identical_changes)
{
	const char *both = "uid,pct,notes\nA,14.0,a\nB,5.0,b\n";
	MERGES(BASE, both, both, "A|14.0|a\nB|5.0|b\n", "");
}
END_TEST

START_TEST(test_both_change_one_field)
{
	MERGES(BASE, "uid,pct,notes\nA,13.9,a\nB,5.0,b\n", "uid,pct,notes\nA,14.0,a\nB,5.0,b\n",
	       "A|<<<<<<< ours: 13.9 ||||||| base: 13.0 ======= theirs: 14.0 >>>>>>>|a\nB|5.0|b\n", "A:pct:0 ");
	/* no value and the empty string are different values */
	MERGES(BASE, "uid,pct,notes\nA,13.0,\nB,5.0,b\n", "uid,pct,notes\nA,13.0,\"\"\nB,5.0,b\n",
	       "A|13.0|<<<<<<< ours:  ||||||| base: a ======= theirs:  >>>>>>>\nB|5.0|b\n", "A:notes:0 ");
}
END_TEST

/* Records added on both sides are all kept: ours' order, then theirs' new
 * rows in theirs' order. */
START_TEST(test_both_add)
{
	MERGES(BASE, "uid,pct,notes\nC,1,c\nA,13.0,a\nB,5.0,b\n", "uid,pct,notes\nA,13.0,a\nE,3,e\nB,5.0,b\nD,2,d\n",
	       "C|1|c\nA|13.0|a\nB|5.0|b\nE|3|e\nD|2|d\n", "");
	/* the same uid added on both: taken once when it agrees */
	MERGES(BASE, "uid,pct,notes\nA,13.0,a\nB,5.0,b\nC,1,c\n", "uid,pct,notes\nA,13.0,a\nB,5.0,b\nC,1,c\n",
	       "A|13.0|a\nB|5.0|b\nC|1|c\n", "");
	MERGES(BASE, "uid,pct,notes\nA,13.0,a\nB,5.0,b\nC,1,c\n", "uid,pct,notes\nA,13.0,a\nB,5.0,b\nC,2,c\n",
	       "A|13.0|a\nB|5.0|b\nC|<<<<<<< ours: 1 ||||||| no base ======= theirs: 2 >>>>>>>|c\n", "C:pct:1 ");
}
END_TEST

/* Deleted on one side and unchanged on the other: deleted. */
START_TEST(test_delete)
{
	MERGES(BASE, "uid,pct,notes\nB,5.0,b\n", BASE, "B|5.0|b\n", "");
	MERGES(BASE, BASE, "uid,pct,notes\nA,13.0,a\n", "A|13.0|a\n", "");
	/* and a change to another record on the other side still comes */
	MERGES(BASE, "uid,pct,notes\nB,5.0,b\n", "uid,pct,notes\nA,13.0,a\nB,6.0,b\n", "B|6.0|b\n", "");
}
END_TEST

START_TEST(test_delete_delete)
{
	MERGES(BASE, "uid,pct,notes\nB,5.0,b\n", "uid,pct,notes\nB,5.0,b\n", "B|5.0|b\n", "");
	MERGES(BASE, "uid,pct,notes\n", "uid,pct,notes\nB,5.0,b\n", "", "");
}
END_TEST

/* Changed on one side, deleted on the other: each changed field is a
 * conflict, the record kept as the changing side has it. */
START_TEST(test_edit_delete)
{
	MERGES(BASE, "uid,pct,notes\nA,13.9,z\nB,5.0,b\n", "uid,pct,notes\nB,5.0,b\n",
	       "A|<<<<<<< ours: 13.9 ||||||| base: 13.0 ======= theirs deleted the record >>>>>>>|"
	       "<<<<<<< ours: z ||||||| base: a ======= theirs deleted the record >>>>>>>\nB|5.0|b\n",
	       "A:pct:3 A:notes:3 ");
	MERGES(BASE, "uid,pct,notes\nB,5.0,b\n", "uid,pct,notes\nA,13.0,z\nB,5.0,b\n",
	       "B|5.0|b\nA|13.0|<<<<<<< ours deleted the record ||||||| base: a ======= theirs: z >>>>>>>\n",
	       "A:notes:2 ");
}
END_TEST

/* Korean text, lines within a cell and ';' lists come through as they are. */
START_TEST(test_bytes_kept)
{
	const char *base = "uid,source,notes\nK,a;b,\"첫 줄\n둘째 줄\"\n";
	MERGES(base, "uid,source,notes\nK,a;b;c,\"첫 줄\n둘째 줄\"\n", "uid,source,notes\nK,a;b,\"첫 줄\n셋째, \"\"줄\"\"\"\n",
	       "K|a;b;c|첫 줄\n셋째, \"줄\"\n", "");
}
END_TEST

START_TEST(test_conflict_cells)
{
	ck_assert(merge_is_conflict_cell("<<<<<<< ours: 1 ||||||| base: 2 ======= theirs: 3 >>>>>>>", 56));
	ck_assert(!merge_is_conflict_cell("<<<<<<<", 7));
	ck_assert(!merge_is_conflict_cell("<< 13.9", 7));
	ck_assert(!merge_is_conflict_cell("", 0));
}
END_TEST

START_TEST(test_refusals)
{
	ck_assert_int_eq(refused("id,pct\n1,2\n"), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(), "x.csv:1: the first column is 'id', not 'uid': records are matched by their uid");
	ck_assert_int_eq(refused("uid,pct\nA,1\n,2\n"), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(), "x.csv:3: column 'uid': empty: every record has its uid");
	ck_assert_int_eq(refused("uid,pct\nA,1\nB,2\n\"A\",3\n"), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(), "x.csv:4: column 'uid': 'A' is on line 2 already");
	/* the reader's own checks and messages */
	ck_assert_int_eq(refused("uid,pct\nA,1,2\n"), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(), "x.csv:2: row has 3 fields but the header has 2");
	sm_error_clear();
}
END_TEST

START_TEST(test_find)
{
	struct merge_table t;
	table("uid,v\nm,1\nb,2\nz,3\na,4\n", "t", &t);
	ck_assert_str_eq(merge_table_find(&t, "z", 1)->cells[1].text, "3");
	ck_assert_str_eq(merge_table_find(&t, "a", 1)->cells[1].text, "4");
	ck_assert_ptr_null(merge_table_find(&t, "c", 1));
	ck_assert_ptr_null(merge_table_find(&t, "zz", 2));
	merge_table_release(&t);
}
END_TEST

static Suite *merge_suite(void)
{
	Suite *s = suite_create("merge");
	TCase *tc = tcase_create("merge");
	tcase_add_test(tc, test_unchanged);
	tcase_add_test(tc, test_one_side_changes);
	tcase_add_test(tc, test_identical_changes);
	tcase_add_test(tc, test_both_change_one_field);
	tcase_add_test(tc, test_both_add);
	tcase_add_test(tc, test_delete);
	tcase_add_test(tc, test_delete_delete);
	tcase_add_test(tc, test_edit_delete);
	tcase_add_test(tc, test_bytes_kept);
	tcase_add_test(tc, test_conflict_cells);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_find);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(merge_suite());
}

/* test_xlsx.c - Check unit tests for the .xlsx renderer: a zip comes out, Excel's limits are refused with a message. */
#include "check_main.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smalog/error.h"
#include "smalog/output.h"
#include "smalog/sbuf.h"
#include "smalog/xlsx.h"

static const struct out_column cols[] = {
	{ "date", OUT_DATE }, { "amount", OUT_AMOUNT }, { "pct", OUT_DECIMAL }, { "note", OUT_TEXT },
};

static struct out_value text(const char *s)
{
	return (struct out_value){ .kind = VAL_TEXT, .s = s, .len = strlen(s) };
}

START_TEST(test_workbook_is_a_zip)
{
	struct sbuf out = { 0 };
	struct xlsx *x = xlsx_open(cols, 4);
	ck_assert_ptr_nonnull(x);
	struct out_value row1[] = { text("2020-03-17"), { .kind = VAL_INT, .i = 1183300000000 }, text("13.00"),
				    text("서울") };
	struct out_value row2[] = { text("2020-03~"), text("5000000000~"), { .kind = VAL_NULL }, text("bad \xff") };
	struct out_value row3[] = { text("not a date"), { .kind = VAL_REAL, .r = 2.5 }, text("x"), { .kind = VAL_NULL } };
	ck_assert_int_eq(xlsx_row(x, row1), 0);
	ck_assert_int_eq(xlsx_row(x, row2), 0);
	ck_assert_int_eq(xlsx_row(x, row3), 0);
	ck_assert_int_eq(xlsx_finish(x, &out), 0);
	/* a zip's local file header, and more than a header's worth */
	ck_assert_uint_gt(out.len, 1000);
	ck_assert_int_eq(memcmp(out.p, "PK\x03\x04", 4), 0);
	sb_release(&out);
}
END_TEST

START_TEST(test_cell_too_long)
{
	size_t n = 32768;
	char *long_text = malloc(n + 1);
	ck_assert_ptr_nonnull(long_text);
	memset(long_text, 'a', n);
	long_text[n] = '\0';
	struct xlsx *x = xlsx_open(cols, 4);
	ck_assert_ptr_nonnull(x);
	struct out_value row[] = { text("2020"), { .kind = VAL_NULL }, { .kind = VAL_NULL }, text(long_text) };
	sm_error_clear();
	ck_assert_int_eq(xlsx_row(x, row), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(),
			 "a value of 32768 characters is longer than a spreadsheet cell holds (32767)");
	xlsx_abort(x);
	free(long_text);

	/* the limit counts characters, not bytes: 32767 Hangul syllables fit */
	struct sbuf hangul = { 0 };
	for (int i = 0; i < 32767; i++)
		sb_adds(&hangul, "가");
	x = xlsx_open(cols, 4);
	ck_assert_ptr_nonnull(x);
	row[3] = (struct out_value){ .kind = VAL_TEXT, .s = hangul.p, .len = hangul.len };
	ck_assert_int_eq(xlsx_row(x, row), 0);
	struct sbuf out = { 0 };
	ck_assert_int_eq(xlsx_finish(x, &out), 0);
	sb_release(&out);
	sb_release(&hangul);
}
END_TEST

START_TEST(test_format_name)
{
	enum out_format fmt = OUT_TABLE;
	ck_assert_int_eq(out_format_parse("xlsx", &fmt), 0);
	ck_assert_int_eq(fmt, OUT_XLSX);
}
END_TEST

/* Whether the zip in buf holds a file named name (its local header
 * carries the name as it is). */
static bool zip_has(const struct sbuf *buf, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i + n <= buf->len; i++)
		if (memcmp(buf->p + i, name, n) == 0)
			return true;
	return false;
}

START_TEST(test_sheets)
{
	static const struct out_column other[] = { { "key", OUT_TEXT }, { "n", OUT_INT } };
	struct xlsx *x = xlsx_new();
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(xlsx_sheet(x, "source", other, 2), 0);
	struct out_value row[] = { text("k"), { .kind = VAL_INT, .i = 3 } };
	ck_assert_int_eq(xlsx_row(x, row), 0);
	ck_assert_int_eq(xlsx_sheet(x, "position", cols, 4), 0);
	struct out_value row4[] = { text("2020-03~"), { .kind = VAL_NULL }, text("13.00"), text("x") };
	ck_assert_int_eq(xlsx_row(x, row4), 0);

	/* a sheet's name is the workbook's once */
	sm_error_clear();
	ck_assert_int_eq(xlsx_sheet(x, "source", other, 2), EX_SOFTWARE);
	ck_assert_str_eq(sm_error_message(),
			 "cannot name a sheet 'source': Worksheet name is already in use.");
	/* a refused name leaves the current sheet as it was */
	ck_assert_int_eq(xlsx_row(x, row4), 0);

	struct sbuf out = { 0 };
	ck_assert_int_eq(xlsx_finish(x, &out), 0);
	ck_assert(zip_has(&out, "xl/worksheets/sheet1.xml"));
	ck_assert(zip_has(&out, "xl/worksheets/sheet2.xml"));
	ck_assert(!zip_has(&out, "xl/worksheets/sheet3.xml"));
	sb_release(&out);
}
END_TEST

/* out_sheet: a workbook through the output module, its first sheet the
 * first out_sheet's (out_open's columns make none). */
START_TEST(test_output_sheets)
{
	static const struct out_column unused[] = { { "never", OUT_TEXT } };
	static const struct out_column key[] = { { "key", OUT_TEXT } };
	FILE *fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	struct output *o = out_open_stream(OUT_XLSX, fp, "book", 0, unused, 1);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(out_sheet(o, "source", key, 1), 0);
	ck_assert_int_eq(out_row(o, (struct out_value[]){ text("k1") }), 0);
	ck_assert_int_eq(out_sheet(o, "position", cols, 4), 0);
	struct out_value row[] = { text("2020-03~"), { .kind = VAL_INT, .i = 5 }, text("13.00"), text("x") };
	ck_assert_int_eq(out_row(o, row), 0);
	/* a name refused stops the output, as a failed row does */
	ck_assert_int_eq(out_sheet(o, "bad/name", key, 1), EX_SOFTWARE);
	ck_assert_int_eq(out_row(o, row), EX_SOFTWARE);
	out_abort(o);

	o = out_open_stream(OUT_XLSX, fp, "book", 0, unused, 1);
	ck_assert_int_eq(out_sheet(o, "source", key, 1), 0);
	ck_assert_int_eq(out_row(o, (struct out_value[]){ text("k1") }), 0);
	ck_assert_int_eq(out_finish(o), 0);
	long size = ftell(fp);
	struct sbuf got = { 0 };
	sb_grow(&got, (size_t)size);
	rewind(fp);
	got.len = fread(got.p, 1, (size_t)size, fp);
	ck_assert_uint_eq(got.len, (size_t)size);
	/* one sheet: out_open's columns made none of their own */
	ck_assert(zip_has(&got, "xl/worksheets/sheet1.xml"));
	ck_assert(!zip_has(&got, "xl/worksheets/sheet2.xml"));
	sb_release(&got);
	fclose(fp);
}
END_TEST

static Suite *xlsx_suite(void)
{
	Suite *s = suite_create("xlsx");
	TCase *tc = tcase_create("workbook");
	tcase_add_test(tc, test_workbook_is_a_zip);
	tcase_add_test(tc, test_cell_too_long);
	tcase_add_test(tc, test_format_name);
	tcase_add_test(tc, test_sheets);
	tcase_add_test(tc, test_output_sheets);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(xlsx_suite());
}

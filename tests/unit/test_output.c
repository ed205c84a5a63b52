/* test_output.c - output module tests: every format byte for byte, atomic -o, write errors. */
#include "smalog/error.h"
#include "smalog/output.h"
#include "smalog/term.h"
#include "smalog/utf8.h"

#include "check_main.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NV { .kind = VAL_NULL }
#define IV(x) { .kind = VAL_INT, .i = (x) }
#define RV(x) { .kind = VAL_REAL, .r = (x) }
#define TV(x) { .kind = VAL_TEXT, .s = (x), .len = sizeof(x) - 1 }

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* The fixture most tests render: NULLs, Korean, amounts, decimals, quoting. */
static const struct out_column fx_cols[] = {
	{ "id", OUT_INT },
	{ "name", OUT_TEXT },
	{ "amount", OUT_AMOUNT },
	{ "pct", OUT_DECIMAL },
	{ "note", OUT_TEXT },
};

static const struct out_value fx_rows[] = {
	IV(1),  TV("방위비 분담금"), IV(1038900000000), TV("13.00"), NV,
	IV(2),  TV("US"),            IV(-9343000000),   TV("-2.5"),  TV("say \"hi\", ok"),
	IV(3),  NV,                  NV,                NV,          TV("line1\nline2"),
	IV(14), TV(" lead"),         IV(0),             TV("0.90"),  TV("tab\there"),
};

#define FX_NROWS (N_ELEMS(fx_rows) / N_ELEMS(fx_cols))

static char tmpdir[] = "/tmp/smalog-test-output-XXXXXX";
static char dirpath[sizeof tmpdir];

static void setup(void)
{
	sm_error_clear();
}

static void dir_setup(void)
{
	sm_error_clear();
	strcpy(dirpath, tmpdir);
	ck_assert_ptr_nonnull(mkdtemp(dirpath));
}

static void dir_teardown(void)
{
	DIR *d = opendir(dirpath);
	struct dirent *e;
	char path[512];

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dirpath, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dirpath);
}

/* Everything in fp from the start; the caller frees it. */
static char *slurp(FILE *fp)
{
	long n;
	char *buf;

	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	ck_assert_int_ge(n, 0);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	return buf;
}

static char *slurp_path(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s;

	ck_assert_ptr_nonnull(fp);
	s = slurp(fp);
	fclose(fp);
	return s;
}

/* Render nrows rows through a tmpfile() stream and return the bytes written. */
static char *render(enum out_format fmt, unsigned flags, const struct out_column *cols,
		    size_t ncols, const struct out_value *rows, size_t nrows)
{
	FILE *fp = tmpfile();
	struct output *o;
	char *s;

	ck_assert_ptr_nonnull(fp);
	o = out_open_stream(fmt, fp, "test", flags, cols, ncols);
	ck_assert_ptr_nonnull(o);
	for (size_t r = 0; r < nrows; r++)
		ck_assert_int_eq(out_row(o, rows + r * ncols), 0);
	ck_assert_int_eq(out_finish(o), 0);
	s = slurp(fp);
	fclose(fp);
	return s;
}

#define CHECK_RENDER(expected, fmt, flags, cols, rows, nrows)                              \
	do {                                                                               \
		char *got_ = render((fmt), (flags), (cols), N_ELEMS(cols), (rows), (nrows)); \
		ck_assert_str_eq(got_, (expected));                                        \
		free(got_);                                                                \
	} while (0)

#define CHECK_FIXTURE(expected, fmt, flags) \
	CHECK_RENDER(expected, fmt, flags, fx_cols, fx_rows, FX_NROWS)


/* Render as render does, the table fitted to width and amounts in unit. */
static char *render_shown(enum out_format fmt, unsigned flags, size_t width, enum out_unit unit,
			  const struct out_column *cols, size_t ncols, const struct out_value *rows, size_t nrows)
{
	FILE *fp = tmpfile();
	struct output *o;
	char *s;

	ck_assert_ptr_nonnull(fp);
	o = out_open_stream(fmt, fp, "test", flags, cols, ncols);
	ck_assert_ptr_nonnull(o);
	out_set_width(o, width);
	out_set_unit(o, unit);
	for (size_t r = 0; r < nrows; r++)
		ck_assert_int_eq(out_row(o, rows + r * ncols), 0);
	ck_assert_int_eq(out_finish(o), 0);
	s = slurp(fp);
	fclose(fp);
	return s;
}

#define CHECK_SHOWN(expected, fmt, flags, width, unit, cols, rows)                                        \
	do {                                                                                               \
		char *got_ = render_shown((fmt), (flags), (width), (unit), (cols), N_ELEMS(cols), (rows),  \
					  N_ELEMS(rows) / N_ELEMS(cols));                                  \
		ck_assert_str_eq(got_, (expected));                                                        \
		free(got_);                                                                                \
	} while (0)

/* The widest line of s in display columns. */
static size_t widest_line(const char *s)
{
	size_t widest = 0;
	while (*s) {
		size_t len = strcspn(s, "\n");
		size_t w = utf8_display_width(s, len);
		if (w > widest)
			widest = w;
		s += len + (s[len] == '\n');
	}
	return widest;
}

/* How many entries dirpath holds, "." and ".." aside. */
static int dir_entries(void)
{
	DIR *d = opendir(dirpath);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}


/* ---- a table fitted to a width ---- */

/* A timeline's shape: what a row is, free text, an amount, notes. */
static const struct out_column fit_cols[] = {
	{ "date", OUT_DATE },   { "agreement", OUT_TEXT }, { "summary", OUT_TEXT },
	{ "amount", OUT_AMOUNT }, { "source", OUT_TEXT },  { "notes", OUT_TEXT },
};

static const struct out_value fit_rows[] = {
	TV("2020-03~"), TV("SMA-11"), TV("round 1 in Seoul (in-person), until 2019-09-25"), IV(1183300000000),
	TV("koreaherald-2021-02-22"), TV("Talks begin: multiple rounds of talks since September 2019."),
	TV("2021-03-07"), TV("SMA-11"), TV("방위비 분담금 협정 타결"), NV, NV, NV,
};

START_TEST(test_fit_wide_enough_is_unchanged)
{
	char *plain = render(OUT_TABLE, 0, fit_cols, N_ELEMS(fit_cols), fit_rows, 2);
	/* wide enough for every column: the bytes of an unfitted table */
	CHECK_SHOWN(plain, OUT_TABLE, 0, widest_line(plain), UNIT_NONE, fit_cols, fit_rows);
	CHECK_SHOWN(plain, OUT_TABLE, 0, 0, UNIT_NONE, fit_cols, fit_rows);
	free(plain);
	/* and so are the other formats, whatever the width */
	plain = render(OUT_MARKDOWN, 0, fit_cols, N_ELEMS(fit_cols), fit_rows, 2);
	CHECK_SHOWN(plain, OUT_MARKDOWN, 0, 40, UNIT_NONE, fit_cols, fit_rows);
	free(plain);
}
END_TEST

START_TEST(test_fit_wraps_and_drops)
{
	/* 80: notes and source drop, the summary wraps at its words, Hangul
	 * counting two columns; the amount is whole */
	CHECK_SHOWN("date        agreement  summary                                            amount\n"
		    "----------  ---------  --------------------------------------  -----------------\n"
		    "2020-03~    SMA-11     round 1 in Seoul (in-person), until     1,183,300,000,000\n"
		    "                       2019-09-25\n"
		    "2021-03-07  SMA-11     방위비 분담금 협정 타결\n"
		    "(not shown: source, notes; --wide or -x shows them)\n",
		    OUT_TABLE, 0, 80, UNIT_NONE, fit_cols, fit_rows);
	/* narrower: the summary wraps down to 24 columns */
	char *got = render_shown(OUT_TABLE, 0, 66, UNIT_NONE, fit_cols, N_ELEMS(fit_cols), fit_rows, 2);
	ck_assert_uint_eq(widest_line(got), 66);
	ck_assert_ptr_nonnull(strstr(got, "\n                       (in-person), until\n"));
	ck_assert_ptr_nonnull(strstr(got, " 1,183,300,000,000\n"));
	free(got);
	/* then it drops, and the note of what is left out wraps too */
	CHECK_SHOWN("date        agreement             amount\n"
		    "----------  ---------  -----------------\n"
		    "2020-03~    SMA-11     1,183,300,000,000\n"
		    "2021-03-07  SMA-11\n"
		    "(not shown: summary, source, notes;\n"
		    "--wide or -x shows them)\n",
		    OUT_TABLE, 0, 40, UNIT_NONE, fit_cols, fit_rows);
}
END_TEST

START_TEST(test_fit_expanded_when_nothing_fits)
{
	/* 30: date, agreement and amount alone are 40 wide; the values wrap
	 * at 18 columns, a word wider than that where it must */
	CHECK_SHOWN("-[ RECORD 1 ]-----------------\n"
		    "date      | 2020-03~\n"
		    "agreement | SMA-11\n"
		    "summary   | round 1 in Seoul\n"
		    "          | (in-person), until\n"
		    "          | 2019-09-25\n"
		    "amount    | 1,183,300,000,000\n"
		    "source    | koreaherald-2021-0\n"
		    "          | 2-22\n"
		    "notes     | Talks begin:\n"
		    "          | multiple rounds of\n"
		    "          | talks since\n"
		    "          | September 2019.\n"
		    "-[ RECORD 2 ]-----------------\n"
		    "date      | 2021-03-07\n"
		    "agreement | SMA-11\n"
		    "summary   | 방위비 분담금 협정\n"
		    "          | 타결\n"
		    "amount    |\n"
		    "source    |\n"
		    "notes     |\n",
		    OUT_TABLE, 0, 30, UNIT_NONE, fit_cols, fit_rows);
}
END_TEST

START_TEST(test_expanded_asked_for)
{
	static const struct out_column cols[] = { { "id", OUT_INT }, { "name", OUT_TEXT } };
	static const struct out_value rows[] = { IV(1), TV("a b"), IV(22), NV };
	/* not fitted: nothing wraps; the rule is as wide as the widest
	 * line, its + where the names end when that is past the label */
	CHECK_SHOWN("-[ RECORD 1 ]\n"
		    "id   | 1\n"
		    "name | a b\n"
		    "-[ RECORD 2 ]\n"
		    "id   | 22\n"
		    "name |\n",
		    OUT_TABLE, OUT_EXPANDED, 0, UNIT_NONE, cols, rows);
	static const struct out_column long_names[] = { { "a_longer_name", OUT_INT }, { "b", OUT_TEXT } };
	CHECK_SHOWN("-[ RECORD 1 ]-+----\n"
		    "a_longer_name | 1\n"
		    "b             | a b\n"
		    "-[ RECORD 2 ]-+----\n"
		    "a_longer_name | 22\n"
		    "b             |\n",
		    OUT_TABLE, OUT_EXPANDED, 0, UNIT_NONE, long_names, rows);
	char *none = render_shown(OUT_TABLE, OUT_EXPANDED, 0, UNIT_NONE, cols, 2, rows, 0);
	ck_assert_str_eq(none, "(0 rows)\n");
	free(none);
	/* a table's flag: CSV is as ever */
	CHECK_RENDER("id,name\n1,a b\n22,\n", OUT_CSV, OUT_EXPANDED, cols, rows, 2);
}
END_TEST

START_TEST(test_column_priority)
{
	static const struct out_column cols[] = {
		{ "id", OUT_INT }, { "date", OUT_DATE }, { "agreement", OUT_TEXT }, { "amount", OUT_AMOUNT },
		{ "party", OUT_TEXT }, { "notes", OUT_TEXT }, { "source", OUT_TEXT }, { "terms", OUT_TEXT },
		{ "anything", OUT_INT }, { "anything", OUT_TEXT },
	};
	for (size_t i = 0; i < 4; i++)
		ck_assert_int_eq(out_column_priority(&cols[i]), TERM_ESSENTIAL);
	ck_assert_int_lt(out_column_priority(&cols[5]), out_column_priority(&cols[4]));
	ck_assert_int_lt(out_column_priority(&cols[6]), out_column_priority(&cols[7]));
	ck_assert_int_lt(out_column_priority(&cols[9]), out_column_priority(&cols[8]));
	ck_assert_int_lt(out_column_priority(&cols[8]), out_column_priority(&cols[5]));
}
END_TEST

/* ---- --unit ---- */

START_TEST(test_unit_parse)
{
	enum out_unit u = UNIT_NONE;
	ck_assert_int_eq(out_unit_parse("T", &u), 0);
	ck_assert_int_eq(u, UNIT_T);
	ck_assert_int_eq(out_unit_parse("k", &u), 0);
	ck_assert_int_eq(u, UNIT_K);
	ck_assert_int_eq(out_unit_parse("억", &u), 0);
	ck_assert_int_eq(u, UNIT_EOK);
	ck_assert_int_eq(out_unit_parse("조", &u), 0);
	ck_assert_int_eq(u, UNIT_JO);
	ck_assert_int_eq(out_unit_parse("trillion", &u), -1);
	ck_assert_int_eq(out_unit_parse("", &u), -1);
	ck_assert_int_eq(out_unit_parse(NULL, &u), -1);
	ck_assert_int_eq(u, UNIT_JO);
}
END_TEST

/* What show lends from the table: an amount and its label in a unit. */
START_TEST(test_unit_text_and_label)
{
	struct sbuf b = { 0 };
	out_amount_text(&b, 1183300000000, UNIT_T);
	ck_assert_str_eq(sb_str(&b), "1.18T");
	b.len = 0;
	out_amount_text(&b, 1300000000000, UNIT_JO);
	ck_assert_str_eq(sb_str(&b), "1\xEC\xA1\xB0 3,000\xEC\x96\xB5");
	b.len = 0;
	out_amount_text(&b, -1183300000000, UNIT_NONE);
	ck_assert_str_eq(sb_str(&b), "-1,183,300,000,000");
	b.len = 0;
	out_unit_label(&b, "total", UNIT_B);
	ck_assert_str_eq(sb_str(&b), "total (B, to 0.01)");
	b.len = 0;
	out_unit_label(&b, "total", UNIT_EOK);
	ck_assert_str_eq(sb_str(&b), "total (\xEC\x96\xB5, to 1\xEC\x96\xB5)");
	b.len = 0;
	out_unit_label(&b, "total", UNIT_NONE);
	ck_assert_str_eq(sb_str(&b), "total");
	sb_release(&b);
}
END_TEST

static const struct out_column unit_cols[] = { { "amount", OUT_AMOUNT }, { "workers", OUT_COUNT }, { "n", OUT_INT } };
static const struct out_value unit_rows[] = {
	IV(1183300000000), IV(4000), IV(5),
	IV(-1183300000000), NV, NV,
	IV(1994999999999), NV, NV, /* rounds down at each unit */
	IV(1995000000000), NV, NV, /* half: away from zero */
	IV(999995000000), NV, NV,  /* .995 carries to the next whole */
	IV(4999), NV, NV,          /* below half of the smallest step */
	IV(0), NV, NV,
	TV("1000000000000"), NV, NV,
	TV("1000~"), NV, NV,       /* about 1,000: in the unit, still marked */
	IV(INT64_MIN), NV, NV,
};

START_TEST(test_unit_decimal)
{
	CHECK_SHOWN("amount (T, to 0.01)  workers  n\n"
		    "-------------------  -------  -\n"
		    "              1.18T    4,000  5\n"
		    "             -1.18T\n"
		    "              1.99T\n"
		    "              2.00T\n"
		    "              1.00T\n"
		    "              0.00T\n"
		    "              0.00T\n"
		    "              1.00T\n"
		    "             0.00T~\n"
		    "     -9,223,372.04T\n",
		    OUT_TABLE, 0, 0, UNIT_T, unit_cols, unit_rows);
	char *got = render_shown(OUT_TABLE, 0, 0, UNIT_K, unit_cols, N_ELEMS(unit_cols), unit_rows, 10);
	ck_assert_ptr_nonnull(strstr(got, "amount (K, to 0.01)"));
	ck_assert_ptr_nonnull(strstr(got, " 1,183,300,000.00K  "));
	ck_assert_ptr_nonnull(strstr(got, " 5.00K\n"));
	ck_assert_ptr_nonnull(strstr(got, "\n-9,223,372,036,854,775.81K\n"));
	free(got);
}
END_TEST

START_TEST(test_unit_korean)
{
	CHECK_SHOWN("amount (억, to 1억)  workers  n\n"
		    "-------------------  -------  -\n"
		    "           11,833억    4,000  5\n"
		    "          -11,833억\n"
		    "           19,950억\n"
		    "           19,950억\n"
		    "           10,000억\n"
		    "                0억\n"
		    "                0억\n"
		    "           10,000억\n"
		    "               0억~\n"
		    "  -92,233,720,369억\n",
		    OUT_TABLE, 0, 0, UNIT_EOK, unit_cols, unit_rows);
	CHECK_SHOWN("| amount (조, to 1억) | workers |    n |\n"
		    "| ------------------: | ------: | ---: |\n"
		    "|         1조 1,833억 |   4,000 |    5 |\n"
		    "|        -1조 1,833억 |         |      |\n"
		    "|         1조 9,950억 |         |      |\n"
		    "|         1조 9,950억 |         |      |\n"
		    "|                 1조 |         |      |\n"
		    "|                 0억 |         |      |\n"
		    "|                 0억 |         |      |\n"
		    "|                 1조 |         |      |\n"
		    "|                0억~ |         |      |\n"
		    "|  -9,223,372조 369억 |         |      |\n",
		    OUT_MARKDOWN, 0, 0, UNIT_JO, unit_cols, unit_rows);
	/* CSV and JSON keep whole units */
	char *csv = render_shown(OUT_CSV, 0, 0, UNIT_JO, unit_cols, N_ELEMS(unit_cols), unit_rows, 1);
	ck_assert_str_eq(csv, "amount,workers,n\n1183300000000,4000,5\n");
	free(csv);
}
END_TEST

/* ---- --date-range ---- */

static const struct out_column range_cols[] = { { "date", OUT_DATE }, { "note", OUT_TEXT }, { "end", OUT_DATE } };
static const struct out_value range_rows[] = {
	TV("2020-03~"), TV("a month"), TV("2020"),
	TV("2020-02-29"), NV, NV,
	TV("2021-02?"), TV("x"), TV("not a date"),
};

START_TEST(test_date_range_delimited)
{
	CHECK_RENDER("date,date_start,date_end,note,end,end_start,end_end\n"
		     "2020-03~,2020-03-01,2020-03-31,a month,2020,2020-01-01,2020-12-31\n"
		     "2020-02-29,2020-02-29,2020-02-29,,,,\n"
		     "2021-02?,2021-02-01,2021-02-28,x,not a date,,\n",
		     OUT_CSV, OUT_DATE_RANGE, range_cols, range_rows, 3);
	CHECK_RENDER("date\tdate_start\tdate_end\tnote\tend\tend_start\tend_end\n"
		     "2020-02-29\t2020-02-29\t2020-02-29\t\t\t\t\n",
		     OUT_TSV, OUT_DATE_RANGE, range_cols, range_rows + 3, 1);
	/* without the flag, and in a table, a date column is text */
	CHECK_RENDER("date,note,end\n2020-02-29,,\n", OUT_CSV, 0, range_cols, range_rows + 3, 1);
	CHECK_RENDER("date        note  end\n----------  ----  ---\n2020-02-29\n", OUT_TABLE, OUT_DATE_RANGE,
		     range_cols, range_rows + 3, 1);
}
END_TEST

START_TEST(test_date_range_json)
{
	CHECK_RENDER("{\"date\":\"2020-03~\",\"date_start\":\"2020-03-01\",\"date_end\":\"2020-03-31\","
		     "\"note\":\"a month\",\"end\":\"2020\",\"end_start\":\"2020-01-01\",\"end_end\":\"2020-12-31\"}\n"
		     "{\"date\":\"2020-02-29\",\"date_start\":\"2020-02-29\",\"date_end\":\"2020-02-29\","
		     "\"note\":null,\"end\":null,\"end_start\":null,\"end_end\":null}\n",
		     OUT_JSONL, OUT_DATE_RANGE, range_cols, range_rows, 2);
}
END_TEST

/* ---- format names ---- */

START_TEST(test_format_parse)
{
	enum out_format f = OUT_TABLE;

	ck_assert_int_eq(out_format_parse("csv", &f), 0);
	ck_assert_int_eq(f, OUT_CSV);
	ck_assert_int_eq(out_format_parse("tsv", &f), 0);
	ck_assert_int_eq(f, OUT_TSV);
	ck_assert_int_eq(out_format_parse("json", &f), 0);
	ck_assert_int_eq(f, OUT_JSON);
	ck_assert_int_eq(out_format_parse("jsonl", &f), 0);
	ck_assert_int_eq(f, OUT_JSONL);
	ck_assert_int_eq(out_format_parse("markdown", &f), 0);
	ck_assert_int_eq(f, OUT_MARKDOWN);
	ck_assert_int_eq(out_format_parse("table", &f), 0);
	ck_assert_int_eq(f, OUT_TABLE);
	ck_assert_int_eq(out_format_parse("md", &f), 0);
	ck_assert_int_eq(f, OUT_MARKDOWN);

	f = OUT_TSV;
	ck_assert_int_eq(out_format_parse("xml", &f), -1);
	ck_assert_int_eq(out_format_parse("", &f), -1);
	ck_assert_int_eq(out_format_parse("json ", &f), -1);
	ck_assert_int_eq(out_format_parse(NULL, &f), -1);
	ck_assert_int_eq(f, OUT_TSV);
}
END_TEST

/* ---- table ---- */

START_TEST(test_table_fixture)
{
	CHECK_FIXTURE("id  name                      amount    pct  note\n"
		      "--  -------------  -----------------  -----  ------------\n"
		      " 1  방위비 분담금  1,038,900,000,000  13.00\n"
		      " 2  US                -9,343,000,000   -2.5  say \"hi\", ok\n"
		      " 3                                           line1\\nline2\n"
		      "14   lead                          0   0.90  tab     here\n",
		      OUT_TABLE, 0);
}
END_TEST

START_TEST(test_table_korean_alignment)
{
	static const struct out_column cols[] = { { "분담금", OUT_TEXT }, { "n", OUT_INT }, { "x", OUT_TEXT } };
	static const struct out_value rows[] = {
		TV("가"), IV(1), TV("|"),
		TV("abc"), IV(22), TV("|"),
		/* a combining acute accent takes no column */
		TV("e\xcc\x81"), IV(3), TV("|"),
	};

	CHECK_RENDER("분담금   n  x\n"
		     "------  --  -\n"
		     "가       1  |\n"
		     "abc     22  |\n"
		     "e\xcc\x81        3  |\n",
		     OUT_TABLE, 0, cols, rows, 3);
}
END_TEST

START_TEST(test_table_empty)
{
	CHECK_RENDER("id  name  amount  pct  note\n"
		     "--  ----  ------  ---  ----\n",
		     OUT_TABLE, 0, fx_cols, fx_rows, 0);
}
END_TEST

START_TEST(test_table_no_header)
{
	static const struct out_column cols[] = { { "a_long_header", OUT_TEXT }, { "n", OUT_AMOUNT } };
	static const struct out_value rows[] = { TV("x"), IV(1000), TV("yy"), IV(5) };

	CHECK_RENDER("x   1,000\n"
		     "yy      5\n",
		     OUT_TABLE, OUT_NO_HEADER, cols, rows, 2);
	CHECK_RENDER("", OUT_TABLE, OUT_NO_HEADER, cols, rows, 0);
}
END_TEST

START_TEST(test_table_auto)
{
	static const struct out_column cols[] = {
		{ "mixed", OUT_AUTO }, { "nums", OUT_AUTO }, { "t", OUT_AUTO },
	};
	static const struct out_value rows[] = {
		IV(1),        RV(2.5), TV("a"),
		TV("text"),   IV(-10), NV,
		RV(0.1),      NV,      TV("b"),
	};

	/* nums holds only numbers: its header aligns right; mixed aligns per cell */
	CHECK_RENDER("mixed  nums  t\n"
		     "-----  ----  -\n"
		     "    1   2.5  a\n"
		     "text    -10\n"
		     "  0.1        b\n",
		     OUT_TABLE, 0, cols, rows, 3);
}
END_TEST

START_TEST(test_table_controls)
{
	static const struct out_column cols[] = { { "t", OUT_TEXT }, { "end", OUT_TEXT } };
	static const struct out_value rows[] = {
		TV("a\tb"), TV("|"),
		TV("\tx"), TV("|"),
		TV("가\tc"), TV("|"),
		TV("cr\r\nlf"), TV("|"),
		TV("esc\x1b[31m"), TV("|"),
		TV("c1\xc2\x9b"), TV("|"),
	};

	CHECK_RENDER("t              end\n"
		     "-------------  ---\n"
		     "a       b      |\n"
		     "        x      |\n"
		     "가      c      |\n"
		     "cr\\r\\nlf       |\n"
		     "esc\\u001b[31m  |\n"
		     "c1\\u009b       |\n",
		     OUT_TABLE, 0, cols, rows, 6);
}
END_TEST

/* What a crafted file can hold: bidi overrides and isolates, raw C1 and
 * other invalid bytes, noncharacters.  Each is shown in a visible escape
 * and the columns stay aligned around Hangul. */
START_TEST(test_table_unsafe_text)
{
	static const struct out_column cols[] = { { "t", OUT_TEXT }, { "end", OUT_TEXT } };
	static const struct out_value rows[] = {
		TV("a\xe2\x80\xaex"), TV("|"),           /* U+202E right-to-left override */
		TV("\xe2\x81\xa6iso\xe2\x81\xa9"), TV("|"), /* U+2066 ... U+2069 */
		TV("csi\x9b" "31m"), TV("|"),            /* a raw 0x9B byte */
		TV("bad\xff\xfe"), TV("|"),
		TV("cut\xe2\x80"), TV("|"),              /* a sequence cut short */
		TV("\xef\xbf\xbe\xef\xb7\x90"), TV("|"), /* U+FFFE, U+FDD0 */
		TV("\xf0\x9f\xbf\xbf"), TV("|"),         /* U+1FFFF */
		TV("가\xe2\x80\x8f나"), TV("|"),         /* U+200F right-to-left mark */
		TV("\xed\xa0\x80"), TV("|"),             /* a surrogate, invalid in UTF-8 */
		TV("ok 방위비"), TV("|"),
	};

	CHECK_RENDER("t                end\n"
		     "---------------  ---\n"
		     "a\\u202ex         |\n"
		     "\\u2066iso\\u2069  |\n"
		     "csi\\x9b31m       |\n"
		     "bad\\xff\\xfe      |\n"
		     "cut\\xe2\\x80      |\n"
		     "\\ufffe\\ufdd0     |\n"
		     "\\U0001ffff       |\n"
		     "가\\u200f나       |\n"
		     "\\xed\\xa0\\x80     |\n"
		     "ok 방위비        |\n",
		     OUT_TABLE, 0, cols, rows, 10);
}
END_TEST

START_TEST(test_markdown_unsafe_text)
{
	static const struct out_column cols[] = { { "t", OUT_TEXT } };
	static const struct out_value rows[] = {
		TV("a\xe2\x80\xaex"), TV("\x9b\x1b[2J"), TV("\xef\xbf\xbf|"),
	};

	CHECK_RENDER("| t             |\n"
		     "| ------------- |\n"
		     "| a\\u202ex      |\n"
		     "| \\x9b\\u001b[2J |\n"
		     "| \\uffff\\|      |\n",
		     OUT_MARKDOWN, 0, cols, rows, 3);
}
END_TEST

START_TEST(test_table_trailing_spaces)
{
	static const struct out_column cols[] = { { "a", OUT_TEXT }, { "b", OUT_TEXT } };
	static const struct out_value rows[] = { TV("x"), TV("y  "), NV, NV, TV("longer"), NV };
	char *got = render(OUT_TABLE, 0, cols, 2, rows, 3);

	ck_assert_str_eq(got, "a       b\n"
			      "------  ---\n"
			      "x       y\n"
			      "\n"
			      "longer\n");
	ck_assert_ptr_null(strstr(got, " \n"));
	free(got);
}
END_TEST

START_TEST(test_table_all_empty)
{
	static const struct out_column cols[] = { { "", OUT_TEXT }, { "", OUT_AUTO } };
	static const struct out_value rows[] = { NV, NV, NV, { .kind = VAL_TEXT, .s = "", .len = 0 } };

	CHECK_RENDER("\n\n\n\n", OUT_TABLE, 0, cols, rows, 2);
	CHECK_RENDER("|     |     |\n| --- | --- |\n|     |     |\n|     |     |\n", OUT_MARKDOWN, 0,
		     cols, rows, 2);
}
END_TEST

START_TEST(test_amount_grouping)
{
	static const struct out_column cols[] = { { "amount", OUT_AMOUNT } };
	static const struct out_value rows[] = {
		IV(0), IV(999), IV(1000), IV(-1000), IV(123456), IV(-999999),
		IV(INT64_MAX), IV(INT64_MIN), TV("1234567"), TV("-12.5"),
	};

	CHECK_RENDER("                    amount\n"
		     "--------------------------\n"
		     "                         0\n"
		     "                       999\n"
		     "                     1,000\n"
		     "                    -1,000\n"
		     "                   123,456\n"
		     "                  -999,999\n"
		     " 9,223,372,036,854,775,807\n"
		     "-9,223,372,036,854,775,808\n"
		     "                 1,234,567\n"
		     "                     -12.5\n",
		     OUT_TABLE, 0, cols, rows, N_ELEMS(rows));
	CHECK_RENDER("amount\n0\n999\n1000\n-1000\n123456\n-999999\n"
		     "9223372036854775807\n-9223372036854775808\n1234567\n-12.5\n",
		     OUT_CSV, 0, cols, rows, N_ELEMS(rows));
}
END_TEST

START_TEST(test_real_formatting)
{
	static const struct out_column cols[] = { { "r", OUT_AUTO } };
	static const struct out_value rows[] = {
		RV(0.1), RV(1.0 / 3), RV(100.0), RV(1e21), RV(-0.0), RV(2.5e-7),
		RV(INFINITY), RV(-INFINITY), RV(NAN), RV(1131.5),
		RV(1e16), RV(1e17), RV(0.0001), RV(0.00001), RV(5e-324), RV(123456.789),
		RV(1e15 + 0.25), RV(0.1 + 0.2), RV(-1.5e300),
	};

	CHECK_RENDER("r\n0.1\n0.3333333333333333\n100.0\n1e+21\n-0.0\n2.5e-07\n"
		     "Inf\n-Inf\nNaN\n1131.5\n"
		     "10000000000000000.0\n1e+17\n0.0001\n1e-05\n5e-324\n123456.789\n"
		     "1000000000000000.2\n0.30000000000000004\n-1.5e+300\n",
		     OUT_CSV, 0, cols, rows, N_ELEMS(rows));
	CHECK_RENDER("[\n{\"r\":0.1},\n{\"r\":0.3333333333333333},\n{\"r\":100.0},\n"
		     "{\"r\":1e+21},\n{\"r\":-0.0},\n{\"r\":2.5e-07},\n"
		     "{\"r\":null},\n{\"r\":null},\n{\"r\":null},\n{\"r\":1131.5}\n]\n",
		     OUT_JSON, 0, cols, rows, 10);
}
END_TEST

/* ---- CSV ---- */

START_TEST(test_csv_fixture)
{
	CHECK_FIXTURE("id,name,amount,pct,note\n"
		      "1,방위비 분담금,1038900000000,13.00,\n"
		      "2,US,-9343000000,-2.5,\"say \"\"hi\"\", ok\"\n"
		      "3,,,,\"line1\nline2\"\n"
		      "14,\" lead\",0,0.90,tab\there\n",
		      OUT_CSV, 0);
}
END_TEST

/* Integers at the ends of their range, written as printf's %lld writes
 * them in every column type, in CSV, TSV and a table (which groups them). */
START_TEST(test_integer_extremes)
{
	static const struct out_column cols[] = { { "n", OUT_INT }, { "amount", OUT_AMOUNT }, { "t", OUT_TEXT } };
	static const struct out_value rows[] = {
		IV(INT64_MIN), IV(INT64_MAX), IV(-1),
		IV(0),         IV(-1000),     IV(9),
	};
	CHECK_RENDER("n,amount,t\n-9223372036854775808,9223372036854775807,-1\n0,-1000,9\n", OUT_CSV, 0, cols, rows, 2);
	CHECK_RENDER("n\tamount\tt\n-9223372036854775808\t9223372036854775807\t-1\n0\t-1000\t9\n", OUT_TSV, 0,
		     cols, rows, 2);
	CHECK_RENDER("                   n                     amount  t\n"
		     "--------------------  -------------------------  --\n"
		     "-9223372036854775808  9,223,372,036,854,775,807  -1\n"
		     "                   0                     -1,000  9\n",
		     OUT_TABLE, 0, cols, rows, 2);
}
END_TEST

START_TEST(test_csv_empty)
{
	CHECK_RENDER("id,name,amount,pct,note\n", OUT_CSV, 0, fx_cols, fx_rows, 0);
	CHECK_RENDER("", OUT_CSV, OUT_NO_HEADER, fx_cols, fx_rows, 0);
	CHECK_RENDER("\xEF\xBB\xBFid,name,amount,pct,note\r\n", OUT_CSV, OUT_EXCEL, fx_cols,
		     fx_rows, 0);
}
END_TEST

START_TEST(test_csv_no_header)
{
	CHECK_RENDER("1,방위비 분담금,1038900000000,13.00,\n", OUT_CSV, OUT_NO_HEADER, fx_cols,
		     fx_rows, 1);
}
END_TEST

START_TEST(test_csv_quoting)
{
	static const struct out_column cols[] = { { "t", OUT_TEXT } };
	static const struct out_value rows[] = {
		TV("plain"), TV(""), NV, TV("trailing "), TV(" "), TV("a,b"), TV("\""),
		TV("cr\rx"), TV("in side"), TV("\ttab"), TV("'q'"), TV("tab\t"), TV("in\tside"),
		TV("\vv"), TV("ff\f"),
	};

	/* "" is an empty string; a NULL is an empty field; whitespace at
	 * either end is quoted, because readers trim it from a bare field */
	CHECK_RENDER("t\nplain\n\"\"\n\n\"trailing \"\n\" \"\n\"a,b\"\n\"\"\"\"\n"
		     "\"cr\rx\"\nin side\n\"\ttab\"\n'q'\n\"tab\t\"\nin\tside\n\"\vv\"\n\"ff\f\"\n",
		     OUT_CSV, 0, cols, rows, N_ELEMS(rows));
}
END_TEST

START_TEST(test_csv_header_quoting)
{
	static const struct out_column cols[] = { { "a,b", OUT_INT }, { "say \"x\"", OUT_TEXT } };
	static const struct out_value rows[] = { IV(1), TV("y") };

	CHECK_RENDER("\"a,b\",\"say \"\"x\"\"\"\n1,y\n", OUT_CSV, 0, cols, rows, 1);
}
END_TEST

START_TEST(test_csv_excel_fixture)
{
	CHECK_FIXTURE("\xEF\xBB\xBF"
		      "id,name,amount,pct,note\r\n"
		      "1,방위비 분담금,1038900000000,13.00,\r\n"
		      "2,US,-9343000000,-2.5,\"say \"\"hi\"\", ok\"\r\n"
		      "3,,,,\"line1\nline2\"\r\n"
		      "14,\" lead\",0,0.90,tab\there\r\n",
		      OUT_CSV, OUT_EXCEL);
}
END_TEST

static const char *const formula_text[] = { "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx" };
static const char *const formula_csv[] = {
	"'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "\"'\rx\"",
};

START_TEST(test_csv_excel_defuse)
{
	static const struct out_column cols[] = { { "t", OUT_TEXT }, { "a", OUT_AUTO } };
	struct out_value row[2] = {
		{ .kind = VAL_TEXT, .s = formula_text[_i], .len = strlen(formula_text[_i]) },
		{ .kind = VAL_TEXT, .s = formula_text[_i], .len = strlen(formula_text[_i]) },
	};
	char expected[64], plain[64];

	snprintf(expected, sizeof expected, "\xEF\xBB\xBFt,a\r\n%s,%s\r\n", formula_csv[_i],
		 formula_csv[_i]);
	CHECK_RENDER(expected, OUT_CSV, OUT_EXCEL, cols, row, 1);

	/* without --excel the text is left as it is */
	snprintf(plain, sizeof plain, "t,a\n%s,%s\n",
		 _i == 5 ? "\"\rx\"" : _i == 4 ? "\"\tx\"" : formula_text[_i],
		 _i == 5 ? "\"\rx\"" : _i == 4 ? "\"\tx\"" : formula_text[_i]);
	CHECK_RENDER(plain, OUT_CSV, 0, cols, row, 1);
}
END_TEST

START_TEST(test_csv_excel_numeric_untouched)
{
	static const struct out_column cols[] = {
		{ "i", OUT_INT }, { "amt", OUT_AMOUNT }, { "pct", OUT_DECIMAL },
		{ "auto_int", OUT_AUTO }, { "auto_real", OUT_AUTO }, { "auto_text", OUT_AUTO },
		{ "text", OUT_TEXT },
	};
	static const struct out_value rows[] = {
		IV(-5), IV(-9343000000), TV("-2.5"), IV(-7), RV(-0.5), TV("-x"), TV("-2.5"),
		IV(1), IV(2), TV("+3"), NV, NV, TV("safe"), TV("=A1"),
	};

	/* a plain number in a numeric column stays a number; anything else
	 * starting like a formula is defused, even there */
	CHECK_RENDER("\xEF\xBB\xBF"
		     "i,amt,pct,auto_int,auto_real,auto_text,text\r\n"
		     "-5,-9343000000,-2.5,-7,-0.5,'-x,'-2.5\r\n"
		     "1,2,'+3,,,safe,'=A1\r\n",
		     OUT_CSV, OUT_EXCEL, cols, rows, 2);
}
END_TEST

/* A numeric column of a crafted file can hold any text: only a plain
 * number goes out undefused. */
START_TEST(test_csv_excel_numeric_column_text)
{
	static const struct out_column cols[] = {
		{ "amt", OUT_AMOUNT }, { "pct", OUT_DECIMAL }, { "i", OUT_INT }, { "auto", OUT_AUTO },
	};
	static const struct out_value rows[] = {
		TV("=1+2"), TV("-1+1"), TV("@SUM(A1)"), TV("=HYPERLINK(\"x\")"),
		TV("-12"), TV("-2.50"), TV("-"), TV("\t3"),
		TV("+5"), TV("-1e5"), TV("-.5"), TV("\r-1"),
	};

	CHECK_RENDER("\xEF\xBB\xBF"
		     "amt,pct,i,auto\r\n"
		     "'=1+2,'-1+1,'@SUM(A1),\"'=HYPERLINK(\"\"x\"\")\"\r\n"
		     "-12,-2.50,'-,'\t3\r\n"
		     "'+5,'-1e5,'-.5,\"'\r-1\"\r\n",
		     OUT_CSV, OUT_EXCEL, cols, rows, 3);
}
END_TEST

START_TEST(test_csv_excel_header_defused)
{
	static const struct out_column cols[] = { { "=cmd()", OUT_AUTO }, { "-x,y", OUT_INT } };
	static const struct out_value rows[] = { IV(1), IV(2) };

	CHECK_RENDER("\xEF\xBB\xBF'=cmd(),\"'-x,y\"\r\n1,2\r\n", OUT_CSV, OUT_EXCEL, cols, rows, 1);
}
END_TEST

/* ---- TSV ---- */

START_TEST(test_tsv_fixture)
{
	CHECK_FIXTURE("id\tname\tamount\tpct\tnote\n"
		      "1\t방위비 분담금\t1038900000000\t13.00\t\n"
		      "2\tUS\t-9343000000\t-2.5\tsay \"hi\", ok\n"
		      "3\t\t\t\tline1\\nline2\n"
		      "14\t lead\t0\t0.90\ttab\\there\n",
		      OUT_TSV, 0);
}
END_TEST

START_TEST(test_tsv_escapes)
{
	static const struct out_column cols[] = { { "a\tb", OUT_TEXT }, { "c", OUT_TEXT } };
	static const struct out_value rows[] = { TV("back\\slash"), TV("cr\r\nx"), TV("=x"), NV };

	/* --excel is a CSV option: TSV ignores it */
	CHECK_RENDER("a\\tb\tc\nback\\\\slash\tcr\\r\\nx\n=x\t\n", OUT_TSV, OUT_EXCEL, cols, rows, 2);
}
END_TEST

START_TEST(test_tsv_empty)
{
	CHECK_RENDER("id\tname\tamount\tpct\tnote\n", OUT_TSV, 0, fx_cols, fx_rows, 0);
	CHECK_RENDER("", OUT_TSV, OUT_NO_HEADER, fx_cols, fx_rows, 0);
}
END_TEST

/* ---- JSON ---- */

START_TEST(test_json_fixture)
{
	CHECK_FIXTURE("[\n"
		      "{\"id\":1,\"name\":\"방위비 분담금\",\"amount\":1038900000000,\"pct\":13.00,\"note\":null},\n"
		      "{\"id\":2,\"name\":\"US\",\"amount\":-9343000000,\"pct\":-2.5,\"note\":\"say \\\"hi\\\", ok\"},\n"
		      "{\"id\":3,\"name\":null,\"amount\":null,\"pct\":null,\"note\":\"line1\\nline2\"},\n"
		      "{\"id\":14,\"name\":\" lead\",\"amount\":0,\"pct\":0.90,\"note\":\"tab\\there\"}\n"
		      "]\n",
		      OUT_JSON, 0);
}
END_TEST

START_TEST(test_json_empty)
{
	CHECK_RENDER("[]\n", OUT_JSON, 0, fx_cols, fx_rows, 0);
	/* JSON has no header to leave out */
	CHECK_RENDER("[]\n", OUT_JSON, OUT_NO_HEADER, fx_cols, fx_rows, 0);
}
END_TEST

START_TEST(test_json_one_row)
{
	CHECK_RENDER("[\n{\"id\":1,\"name\":\"방위비 분담금\",\"amount\":1038900000000,\"pct\":13.00,\"note\":null}\n]\n",
		     OUT_JSON, 0, fx_cols, fx_rows, 1);
}
END_TEST

START_TEST(test_json_control_chars)
{
	static const struct out_column cols[] = { { "t", OUT_TEXT } };
	static const struct out_value rows[] = {
		TV("q\" b\\ n\n r\r t\t b\b f\f"),
		TV("\x01\x1f\x7f/"),
		TV("한글 é ✓ \xe2\x80\xa8"),
	};

	CHECK_RENDER("{\"t\":\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f\"}\n"
		     "{\"t\":\"\\u0001\\u001f\x7f/\"}\n"
		     "{\"t\":\"한글 é ✓ \xe2\x80\xa8\"}\n",
		     OUT_JSONL, 0, cols, rows, 3);
}
END_TEST

START_TEST(test_json_invalid_utf8)
{
	static const struct out_column cols[] = { { "t", OUT_AUTO } };
	static const struct out_value rows[] = {
		{ .kind = VAL_TEXT, .s = "a\0b", .len = 3 },
		TV("x\xff" "y\xc3"),
		TV("\xed\xa0\x80"),
	};

	CHECK_RENDER("{\"t\":\"a\\u0000b\"}\n"
		     "{\"t\":\"x\\ufffdy\\ufffd\"}\n"
		     "{\"t\":\"\\ufffd\\ufffd\\ufffd\"}\n",
		     OUT_JSONL, 0, cols, rows, 3);
}
END_TEST

START_TEST(test_json_typing)
{
	static const struct out_column cols[] = {
		{ "text_int", OUT_TEXT }, { "int_text", OUT_INT }, { "bad_decimal", OUT_DECIMAL },
		{ "dec_int", OUT_DECIMAL }, { "auto_text", OUT_AUTO }, { "auto_int", OUT_AUTO },
		{ "amount_text", OUT_AMOUNT },
	};
	static const struct out_value rows[] = {
		IV(2020), TV("12"), TV("+13"), IV(7), TV("13.00"), IV(-3), TV("007"),
		RV(1.5), TV("x"), TV("1e5"), RV(2.0), NV, RV(0.25), TV("-0"),
	};

	/* numbers are numbers only where the column or the value says so, and
	 * a numeric column's text that is not a JSON number stays a string */
	CHECK_RENDER("{\"text_int\":\"2020\",\"int_text\":12,\"bad_decimal\":\"+13\",\"dec_int\":7,"
		     "\"auto_text\":\"13.00\",\"auto_int\":-3,\"amount_text\":\"007\"}\n"
		     "{\"text_int\":\"1.5\",\"int_text\":\"x\",\"bad_decimal\":1e5,\"dec_int\":2.0,"
		     "\"auto_text\":null,\"auto_int\":0.25,\"amount_text\":-0}\n",
		     OUT_JSONL, 0, cols, rows, 2);
}
END_TEST

START_TEST(test_json_keys_escaped)
{
	static const struct out_column cols[] = { { "a\"b", OUT_INT }, { "분담금\n", OUT_INT } };
	static const struct out_value rows[] = { IV(1), IV(2) };

	CHECK_RENDER("[\n{\"a\\\"b\":1,\"분담금\\n\":2}\n]\n", OUT_JSON, 0, cols, rows, 1);
}
END_TEST

START_TEST(test_jsonl_fixture)
{
	CHECK_FIXTURE("{\"id\":1,\"name\":\"방위비 분담금\",\"amount\":1038900000000,\"pct\":13.00,\"note\":null}\n"
		      "{\"id\":2,\"name\":\"US\",\"amount\":-9343000000,\"pct\":-2.5,\"note\":\"say \\\"hi\\\", ok\"}\n"
		      "{\"id\":3,\"name\":null,\"amount\":null,\"pct\":null,\"note\":\"line1\\nline2\"}\n"
		      "{\"id\":14,\"name\":\" lead\",\"amount\":0,\"pct\":0.90,\"note\":\"tab\\there\"}\n",
		      OUT_JSONL, 0);
}
END_TEST

START_TEST(test_jsonl_empty)
{
	CHECK_RENDER("", OUT_JSONL, 0, fx_cols, fx_rows, 0);
}
END_TEST

/* ---- Markdown ---- */

START_TEST(test_markdown_fixture)
{
	CHECK_FIXTURE("|   id | name          |            amount |   pct | note           |\n"
		      "| ---: | ------------- | ----------------: | ----: | -------------- |\n"
		      "|    1 | 방위비 분담금 | 1,038,900,000,000 | 13.00 |                |\n"
		      "|    2 | US            |    -9,343,000,000 |  -2.5 | say \"hi\", ok   |\n"
		      "|    3 |               |                   |       | line1<br>line2 |\n"
		      "|   14 |  lead         |                 0 |  0.90 | tab here       |\n",
		      OUT_MARKDOWN, 0);
}
END_TEST

START_TEST(test_markdown_empty)
{
	CHECK_RENDER("|   id | name | amount |  pct | note |\n"
		     "| ---: | ---- | -----: | ---: | ---- |\n",
		     OUT_MARKDOWN, 0, fx_cols, fx_rows, 0);
	/* a Markdown table cannot lose its header */
	CHECK_RENDER("| a   |\n| --- |\n", OUT_MARKDOWN, OUT_NO_HEADER,
		     ((const struct out_column[]){ { "a", OUT_TEXT } }), fx_rows, 0);
}
END_TEST

START_TEST(test_markdown_escaping)
{
	static const struct out_column cols[] = { { "a|b", OUT_TEXT }, { "n", OUT_AUTO } };
	static const struct out_value rows[] = {
		TV("x|y"), IV(1),
		TV("back\\|slash"), RV(2.5),
		TV("crlf\r\nlf\ncr\r"), IV(3),
	};

	CHECK_RENDER("| a\\|b                 |    n |\n"
		     "| -------------------- | ---: |\n"
		     "| x\\|y                 |    1 |\n"
		     "| back\\\\\\|slash        |  2.5 |\n"
		     "| crlf<br>lf<br>cr<br> |    3 |\n",
		     OUT_MARKDOWN, 0, cols, rows, 3);
}
END_TEST

/* ---- edge cases of the API ---- */

START_TEST(test_zero_columns)
{
	static const struct out_value none[1] = { NV };
	FILE *fp = tmpfile();
	struct output *o;
	char *s;

	for (int f = OUT_TABLE; f <= OUT_MARKDOWN; f++) {
		rewind(fp);
		ck_assert_int_eq(ftruncate(fileno(fp), 0), 0);
		o = out_open_stream((enum out_format)f, fp, "test", 0, NULL, 0);
		ck_assert_ptr_nonnull(o);
		ck_assert_int_eq(out_row(o, none), 0);
		ck_assert_int_eq(out_finish(o), 0);
		s = slurp(fp);
		if (f == OUT_JSON)
			ck_assert_str_eq(s, "[\n{}\n]\n");
		else if (f == OUT_JSONL)
			ck_assert_str_eq(s, "{}\n");
		else
			ck_assert_str_eq(s, "");
		free(s);
	}
	fclose(fp);
}
END_TEST

START_TEST(test_invalid_kind)
{
	static const struct out_column cols[] = { { "a", OUT_TEXT } };
	struct out_value v = { .kind = (enum out_value_kind)42 };
	FILE *fp = tmpfile();
	struct output *o = out_open_stream(OUT_CSV, fp, "test", 0, cols, 1);

	ck_assert_int_eq(out_row(o, &v), EX_SOFTWARE);
	ck_assert_int_eq(sm_error_code(), EX_SOFTWARE);
	out_abort(o);
	fclose(fp);
}
END_TEST

START_TEST(test_text_null_pointer_is_null)
{
	static const struct out_column cols[] = { { "a", OUT_TEXT }, { "b", OUT_INT } };
	static const struct out_value rows[] = { { .kind = VAL_TEXT, .s = NULL, .len = 0 }, IV(1) };

	CHECK_RENDER("{\"a\":null,\"b\":1}\n", OUT_JSONL, 0, cols, rows, 1);
}
END_TEST

START_TEST(test_columns_copied)
{
	char name[] = "col";
	struct out_column cols[] = { { name, OUT_INT } };
	struct out_value row[] = { IV(5) };
	FILE *fp = tmpfile();
	struct output *o = out_open_stream(OUT_TABLE, fp, "test", 0, cols, 1);
	char *s;

	/* the caller's names and row values may change or go away after the call */
	strcpy(name, "xyz");
	cols[0].type = OUT_TEXT;
	ck_assert_int_eq(out_row(o, row), 0);
	row[0].i = 6;
	ck_assert_int_eq(out_finish(o), 0);
	s = slurp(fp);
	ck_assert_str_eq(s, "col\n---\n  5\n");
	free(s);
	fclose(fp);
}
END_TEST

START_TEST(test_open_stdout)
{
	struct output *o = out_open(OUT_CSV, "-", 0, fx_cols, N_ELEMS(fx_cols));

	/* abandoned before any row: not even the header reaches stdout */
	ck_assert_ptr_nonnull(o);
	out_abort(o);
	o = out_open(OUT_JSON, NULL, 0, fx_cols, N_ELEMS(fx_cols));
	ck_assert_ptr_nonnull(o);
	out_abort(o);
	out_abort(NULL);
}
END_TEST

/* ---- atomic -o ---- */

START_TEST(test_file_atomic)
{
	char path[256], *s;
	struct output *o;

	snprintf(path, sizeof path, "%s/out.csv", dirpath);
	o = out_open(OUT_CSV, path, 0, fx_cols, N_ELEMS(fx_cols));
	ck_assert_ptr_nonnull(o);
	for (size_t r = 0; r < FX_NROWS; r++)
		ck_assert_int_eq(out_row(o, fx_rows + r * N_ELEMS(fx_cols)), 0);
	/* only the temporary exists until out_finish */
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(dir_entries(), 1);
	ck_assert_int_eq(out_finish(o), 0);
	ck_assert_int_eq(dir_entries(), 1);
	s = slurp_path(path);
	ck_assert_str_eq(s, "id,name,amount,pct,note\n"
			    "1,방위비 분담금,1038900000000,13.00,\n"
			    "2,US,-9343000000,-2.5,\"say \"\"hi\"\", ok\"\n"
			    "3,,,,\"line1\nline2\"\n"
			    "14,\" lead\",0,0.90,tab\there\n");
	free(s);
}
END_TEST

START_TEST(test_file_temp_name)
{
	char path[256], prefix[300];
	struct output *o;
	DIR *d;
	struct dirent *e;
	int found = 0;

	snprintf(path, sizeof path, "%s/report.json", dirpath);
	o = out_open(OUT_JSON, path, 0, fx_cols, N_ELEMS(fx_cols));
	ck_assert_ptr_nonnull(o);
	snprintf(prefix, sizeof prefix, "report.json.");
	d = opendir(dirpath);
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
			ck_assert_uint_eq(strlen(e->d_name), strlen(prefix) + 6);
			found++;
		}
	}
	closedir(d);
	ck_assert_int_eq(found, 1);
	out_abort(o);
}
END_TEST

START_TEST(test_file_abort)
{
	char path[256];
	struct output *o;

	snprintf(path, sizeof path, "%s/out.md", dirpath);
	o = out_open(OUT_MARKDOWN, path, 0, fx_cols, N_ELEMS(fx_cols));
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(out_row(o, fx_rows), 0);
	out_abort(o);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(dir_entries(), 0);
}
END_TEST

START_TEST(test_file_abort_keeps_existing)
{
	char path[256], *s;
	struct output *o;

	snprintf(path, sizeof path, "%s/out.csv", dirpath);
	write_file(path, "old contents\n");
	o = out_open(OUT_CSV, path, 0, fx_cols, N_ELEMS(fx_cols));
	ck_assert_ptr_nonnull(o);
	for (size_t r = 0; r < FX_NROWS; r++)
		ck_assert_int_eq(out_row(o, fx_rows + r * N_ELEMS(fx_cols)), 0);
	out_abort(o);
	s = slurp_path(path);
	ck_assert_str_eq(s, "old contents\n");
	free(s);
	ck_assert_int_eq(dir_entries(), 1);
}
END_TEST

START_TEST(test_file_replaces_existing)
{
	char path[256], *s;
	struct output *o;
	struct stat st;

	snprintf(path, sizeof path, "%s/out.tsv", dirpath);
	write_file(path, "old contents that are longer than the new ones\n");
	ck_assert_int_eq(chmod(path, 0640), 0);
	o = out_open(OUT_TSV, path, 0, fx_cols, 2);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(out_row(o, fx_rows), 0);
	/* the old file stays whole until the new one is complete */
	s = slurp_path(path);
	ck_assert_str_eq(s, "old contents that are longer than the new ones\n");
	free(s);
	ck_assert_int_eq(out_finish(o), 0);
	s = slurp_path(path);
	ck_assert_str_eq(s, "id\tname\n1\t방위비 분담금\n");
	free(s);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0640);
	ck_assert_int_eq(dir_entries(), 1);
}
END_TEST

START_TEST(test_file_new_mode)
{
	char path[256];
	struct output *o;
	struct stat st;
	mode_t old = umask(022);

	snprintf(path, sizeof path, "%s/new.csv", dirpath);
	o = out_open(OUT_CSV, path, 0, fx_cols, 1);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(out_finish(o), 0);
	umask(old);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
}
END_TEST

START_TEST(test_file_symlink_kept)
{
	char path[256], link[256], *s;
	struct output *o;
	struct stat st;

	snprintf(path, sizeof path, "%s/real.csv", dirpath);
	snprintf(link, sizeof link, "%s/link.csv", dirpath);
	write_file(path, "old\n");
	ck_assert_int_eq(symlink("real.csv", link), 0);
	o = out_open(OUT_CSV, link, OUT_NO_HEADER, fx_cols, 1);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(out_row(o, fx_rows), 0);
	ck_assert_int_eq(out_finish(o), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	s = slurp_path(path);
	ck_assert_str_eq(s, "1\n");
	free(s);
	ck_assert_int_eq(dir_entries(), 2);
}
END_TEST

/* Every name under which the database or its journal can be reached is
 * refused, and nothing is created. */
START_TEST(test_file_database_protected)
{
	static const char *const names[] = {
		"smalog.db", "hard.db", "link.db", "smalog.db-journal", "journal-link", "smalog.db-wal",
		"sub/../smalog.db", "linkdir/smalog.db-journal",
	};
	char db[256], path[256], other[256];
	struct output *o;

	snprintf(db, sizeof db, "%s/smalog.db", dirpath);
	write_file(db, "SQLite format 3");
	snprintf(path, sizeof path, "%s/hard.db", dirpath);
	ck_assert_int_eq(link(db, path), 0);
	snprintf(path, sizeof path, "%s/link.db", dirpath);
	ck_assert_int_eq(symlink("smalog.db", path), 0);
	snprintf(path, sizeof path, "%s/journal-link", dirpath);
	ck_assert_int_eq(symlink("smalog.db-journal", path), 0);
	snprintf(path, sizeof path, "%s/sub", dirpath);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/linkdir", dirpath);
	ck_assert_int_eq(symlink(".", path), 0);
	out_protect(db);
	for (size_t i = 0; i < N_ELEMS(names); i++) {
		sm_error_clear();
		snprintf(path, sizeof path, "%s/%s", dirpath, names[i]);
		ck_assert_msg(out_open(OUT_CSV, path, 0, fx_cols, 1) == NULL, "%s was opened", names[i]);
		ck_assert_int_eq(sm_error_code(), EX_CANTCREAT);
		ck_assert_ptr_nonnull(strstr(sm_error_message(), i < 3 || i == 6 ? "it is the database" : "of the database"));
	}
	/* the database is still what it was, and nothing else appeared */
	char *s = slurp_path(db);
	ck_assert_str_eq(s, "SQLite format 3");
	free(s);
	ck_assert_int_eq(dir_entries(), 6);

	/* any other file is fine, and so is the database once forgotten */
	sm_error_clear();
	snprintf(other, sizeof other, "%s/smalog.db.csv", dirpath);
	o = out_open(OUT_CSV, other, 0, fx_cols, 1);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(out_finish(o), 0);
	unlink(other);
	out_protect(NULL);
	o = out_open(OUT_CSV, db, 0, fx_cols, 1);
	ck_assert_ptr_nonnull(o);
	out_abort(o);
	snprintf(path, sizeof path, "%s/sub", dirpath);
	rmdir(path);
}
END_TEST

/* OUT_NO_FOLLOW: a symbolic link or special file is refused, the file it
 * points to untouched; a regular file is replaced as usual. */
START_TEST(test_file_no_follow)
{
	char path[256], link[256], msg[400], *s;
	struct output *o;

	snprintf(path, sizeof path, "%s/victim", dirpath);
	snprintf(link, sizeof link, "%s/position.csv", dirpath);
	write_file(path, "precious\n");
	ck_assert_int_eq(symlink("victim", link), 0);
	ck_assert_ptr_null(out_open(OUT_CSV, link, OUT_NO_FOLLOW, fx_cols, 1));
	ck_assert_int_eq(sm_error_code(), EX_CANTCREAT);
	snprintf(msg, sizeof msg, "refusing to write through the symbolic link '%s'", link);
	ck_assert_str_eq(sm_error_message(), msg);
	s = slurp_path(path);
	ck_assert_str_eq(s, "precious\n");
	free(s);

	/* a dangling link is no better */
	sm_error_clear();
	unlink(path);
	ck_assert_ptr_null(out_open(OUT_CSV, link, OUT_NO_FOLLOW, fx_cols, 1));
	ck_assert_int_eq(sm_error_code(), EX_CANTCREAT);
	ck_assert_int_eq(dir_entries(), 1);

	sm_error_clear();
	unlink(link);
	snprintf(path, sizeof path, "%s/fifo.csv", dirpath);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_ptr_null(out_open(OUT_CSV, path, OUT_NO_FOLLOW, fx_cols, 1));
	snprintf(msg, sizeof msg, "cannot write to '%s': not a regular file", path);
	ck_assert_str_eq(sm_error_message(), msg);
	unlink(path);

	sm_error_clear();
	write_file(link, "old\n");
	o = out_open(OUT_CSV, link, OUT_NO_FOLLOW | OUT_NO_HEADER, fx_cols, 1);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(out_row(o, fx_rows), 0);
	ck_assert_int_eq(out_finish(o), 0);
	s = slurp_path(link);
	ck_assert_str_eq(s, "1\n");
	free(s);
}
END_TEST

START_TEST(test_file_missing_dir)
{
	char path[256], msg[400];

	snprintf(path, sizeof path, "%s/no/such/dir/out.csv", dirpath);
	ck_assert_ptr_null(out_open(OUT_CSV, path, 0, fx_cols, 1));
	ck_assert_int_eq(sm_error_code(), EX_CANTCREAT);
	snprintf(msg, sizeof msg, "cannot create '%s': No such file or directory", path);
	ck_assert_str_eq(sm_error_message(), msg);
}
END_TEST

START_TEST(test_file_is_directory)
{
	char msg[400];

	ck_assert_ptr_null(out_open(OUT_TABLE, dirpath, 0, fx_cols, 1));
	ck_assert_int_eq(sm_error_code(), EX_CANTCREAT);
	snprintf(msg, sizeof msg, "cannot create '%s': Is a directory", dirpath);
	ck_assert_str_eq(sm_error_message(), msg);
	ck_assert_int_eq(dir_entries(), 0);
}
END_TEST

/* ---- write errors ---- */

START_TEST(test_full_stream)
{
	FILE *fp = fopen("/dev/full", "w");
	struct output *o;

	ck_assert_ptr_nonnull(fp);
	o = out_open_stream(OUT_JSON, fp, "standard output", 0, fx_cols, N_ELEMS(fx_cols));
	ck_assert_int_eq(out_row(o, fx_rows), 0);
	ck_assert_int_eq(out_finish(o), EX_IOERR);
	ck_assert_int_eq(sm_error_code(), EX_IOERR);
	ck_assert_str_eq(sm_error_message(),
			 "cannot write to 'standard output': No space left on device");
	/* the stream stays the caller's */
	ck_assert_int_eq(fclose(fp), 0);
}
END_TEST

START_TEST(test_full_path)
{
	struct output *o = out_open(OUT_TABLE, "/dev/full", 0, fx_cols, N_ELEMS(fx_cols));

	/* a device is written directly: there is nothing to rename */
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(out_row(o, fx_rows), 0);
	ck_assert_int_eq(out_finish(o), EX_IOERR);
	ck_assert_str_eq(sm_error_message(), "cannot write to '/dev/full': No space left on device");
}
END_TEST

START_TEST(test_full_detected_by_row)
{
	static const struct out_column cols[] = { { "t", OUT_TEXT } };
	static char big[10000];
	struct out_value v = { .kind = VAL_TEXT, .s = big, .len = sizeof big };
	FILE *fp = fopen("/dev/full", "w");
	struct output *o = out_open_stream(OUT_CSV, fp, "standard output", 0, cols, 1);
	int rc = 0;

	memset(big, 'x', sizeof big);
	/* a row bigger than the stdio buffer reaches the device at once */
	for (int i = 0; i < 4 && rc == 0; i++)
		rc = out_row(o, &v);
	ck_assert_int_eq(rc, EX_IOERR);
	ck_assert_str_eq(sm_error_message(),
			 "cannot write to 'standard output': No space left on device");
	ck_assert_int_eq(out_finish(o), EX_IOERR);
	fclose(fp);
}
END_TEST

START_TEST(test_broken_pipe)
{
	int fds[2];
	FILE *fp;
	struct output *o;
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);

	ck_assert_int_eq(pipe(fds), 0);
	close(fds[0]);
	fp = fdopen(fds[1], "w");
	o = out_open_stream(OUT_TSV, fp, "standard output", 0, fx_cols, N_ELEMS(fx_cols));
	ck_assert_int_eq(out_row(o, fx_rows), 0);
	ck_assert_int_eq(out_finish(o), EX_IOERR);
	ck_assert_str_eq(sm_error_message(), "cannot write to 'standard output': Broken pipe");
	fclose(fp);
	signal(SIGPIPE, old);
}
END_TEST

START_TEST(test_bad_stream)
{
	FILE *fp = fopen("/dev/null", "r");
	struct output *o;

	/* a stream not open for writing: EBADF */
	ck_assert_ptr_nonnull(fp);
	o = out_open_stream(OUT_CSV, fp, "standard output", 0, fx_cols, N_ELEMS(fx_cols));
	ck_assert_int_eq(out_row(o, fx_rows), EX_IOERR);
	ck_assert_int_eq(out_finish(o), EX_IOERR);
	ck_assert_str_eq(sm_error_message(), "cannot write to 'standard output': Bad file descriptor");
	fclose(fp);
}
END_TEST

static Suite *output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc;

	tc = tcase_create("formats");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_format_parse);
	tcase_add_test(tc, test_table_fixture);
	tcase_add_test(tc, test_integer_extremes);
	tcase_add_test(tc, test_table_korean_alignment);
	tcase_add_test(tc, test_table_empty);
	tcase_add_test(tc, test_table_no_header);
	tcase_add_test(tc, test_table_auto);
	tcase_add_test(tc, test_table_controls);
	tcase_add_test(tc, test_table_unsafe_text);
	tcase_add_test(tc, test_markdown_unsafe_text);
	tcase_add_test(tc, test_table_trailing_spaces);
	tcase_add_test(tc, test_table_all_empty);
	tcase_add_test(tc, test_amount_grouping);
	tcase_add_test(tc, test_real_formatting);
	tcase_add_test(tc, test_csv_fixture);
	tcase_add_test(tc, test_csv_empty);
	tcase_add_test(tc, test_csv_no_header);
	tcase_add_test(tc, test_csv_quoting);
	tcase_add_test(tc, test_csv_header_quoting);
	tcase_add_test(tc, test_csv_excel_fixture);
	tcase_add_loop_test(tc, test_csv_excel_defuse, 0, (int)N_ELEMS(formula_text));
	tcase_add_test(tc, test_csv_excel_numeric_untouched);
	tcase_add_test(tc, test_csv_excel_numeric_column_text);
	tcase_add_test(tc, test_csv_excel_header_defused);
	tcase_add_test(tc, test_tsv_fixture);
	tcase_add_test(tc, test_tsv_escapes);
	tcase_add_test(tc, test_tsv_empty);
	tcase_add_test(tc, test_json_fixture);
	tcase_add_test(tc, test_json_empty);
	tcase_add_test(tc, test_json_one_row);
	tcase_add_test(tc, test_json_control_chars);
	tcase_add_test(tc, test_json_invalid_utf8);
	tcase_add_test(tc, test_json_typing);
	tcase_add_test(tc, test_json_keys_escaped);
	tcase_add_test(tc, test_jsonl_fixture);
	tcase_add_test(tc, test_jsonl_empty);
	tcase_add_test(tc, test_markdown_fixture);
	tcase_add_test(tc, test_markdown_empty);
	tcase_add_test(tc, test_markdown_escaping);
	suite_add_tcase(s, tc);

	tc = tcase_create("shown");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_fit_wide_enough_is_unchanged);
	tcase_add_test(tc, test_fit_wraps_and_drops);
	tcase_add_test(tc, test_fit_expanded_when_nothing_fits);
	tcase_add_test(tc, test_expanded_asked_for);
	tcase_add_test(tc, test_column_priority);
	tcase_add_test(tc, test_unit_parse);
	tcase_add_test(tc, test_unit_text_and_label);
	tcase_add_test(tc, test_unit_decimal);
	tcase_add_test(tc, test_unit_korean);
	tcase_add_test(tc, test_date_range_delimited);
	tcase_add_test(tc, test_date_range_json);
	suite_add_tcase(s, tc);

	tc = tcase_create("api");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_zero_columns);
	tcase_add_test(tc, test_invalid_kind);
	tcase_add_test(tc, test_text_null_pointer_is_null);
	tcase_add_test(tc, test_columns_copied);
	tcase_add_test(tc, test_open_stdout);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	tcase_add_checked_fixture(tc, dir_setup, dir_teardown);
	tcase_add_test(tc, test_file_atomic);
	tcase_add_test(tc, test_file_temp_name);
	tcase_add_test(tc, test_file_abort);
	tcase_add_test(tc, test_file_abort_keeps_existing);
	tcase_add_test(tc, test_file_replaces_existing);
	tcase_add_test(tc, test_file_new_mode);
	tcase_add_test(tc, test_file_symlink_kept);
	tcase_add_test(tc, test_file_database_protected);
	tcase_add_test(tc, test_file_no_follow);
	tcase_add_test(tc, test_file_missing_dir);
	tcase_add_test(tc, test_file_is_directory);
	suite_add_tcase(s, tc);

	tc = tcase_create("write_errors");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_full_stream);
	tcase_add_test(tc, test_full_path);
	tcase_add_test(tc, test_full_detected_by_row);
	tcase_add_test(tc, test_broken_pipe);
	tcase_add_test(tc, test_bad_stream);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return run_suite(output_suite());
}

/* test_svg.c - Check unit tests for the chart's scales, ticks, units, exact resolution and XML escaping. */
#include "check_main.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smalog/date.h"
#include "smalog/svg.h"

#define N_ELEMENTS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Run fn into memory and return the text (caller frees). */
static char *captured_escape(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	svg_escape(fp, s);
	fclose(fp);
	return buf;
}

static const struct {
	const char *in, *out;
} escapes[] = {
	{ "plain", "plain" },
	{ "R&D <b> \"q\" 'a'", "R&amp;D &lt;b&gt; &quot;q&quot; &apos;a&apos;" },
	{ "&amp;", "&amp;amp;" },
	{ "11차 방위비분담특별협정", "11차 방위비분담특별협정" },
	{ "tab\there\nline", "tab here line" },
	{ "bell\x07 esc\x1b del\x7f", "bell? esc? del?" },
	{ "bad \xff byte", "bad ? byte" },
	{ "cut \xed\x95", "cut ??" },
	{ "surrogate \xed\xa0\x80!", "surrogate ??" "?!" },
	/* valid UTF-8 that XML 1.0 still refuses or discourages */
	{ "nonchar \xef\xbf\xbe \xef\xbf\xbf.", "nonchar ? ?." },
	{ "c1 \xc2\x80 \xc2\x9b \xc2\x9f", "c1 ? ? ?" },
	{ "kept \xc2\xa0 \xef\xbf\xbd \xf0\x9f\x98\x80", "kept \xc2\xa0 \xef\xbf\xbd \xf0\x9f\x98\x80" },
	{ "overlong \xc0\xbc", "overlong ??" },
	/* bidi controls: an override would show the text in another order */
	{ "rlo \xe2\x80\xae lri \xe2\x81\xa6 pdi \xe2\x81\xa9 lrm \xe2\x80\x8e", "rlo ? lri ? pdi ? lrm \xe2\x80\x8e" },
	{ "", "" },
};

START_TEST(test_escape)
{
	char *got = captured_escape(escapes[_i].in);
	ck_assert_str_eq(got, escapes[_i].out);
	free(got);
}
END_TEST

START_TEST(test_escape_null)
{
	char *got = captured_escape(NULL);
	ck_assert_str_eq(got, "");
	free(got);
}
END_TEST

static const struct {
	int64_t max;
	int ticks;
	int64_t step;
} steps[] = {
	{ 1800000000000, 10, 200000000000 },
	{ 1689000000000, 10, 200000000000 },
	{ 1000000000000, 10, 100000000000 },
	{ 1000000000001, 10, 200000000000 },
	{ 4500, 10, 500 },
	{ 9, 10, 1 },
	{ 11, 10, 2 },
	{ 0, 10, 1 },
	{ -5, 10, 1 },
	{ 1, 1, 1 },
	{ 7, 1, 10 },
};

START_TEST(test_nice_step)
{
	ck_assert_int_eq(chart_nice_step(steps[_i].max, steps[_i].ticks), steps[_i].step);
}
END_TEST

START_TEST(test_nice_step_huge)
{
	int64_t step = chart_nice_step(INT64_MAX, 10);
	ck_assert_int_ge(step, INT64_MAX / 10);
}
END_TEST

START_TEST(test_tick_decimals)
{
	ck_assert_int_eq(chart_tick_decimals(200000000000, 1000000000000), 1);
	ck_assert_int_eq(chart_tick_decimals(250000000000, 1000000000000), 2);
	ck_assert_int_eq(chart_tick_decimals(1000000000000, 1000000000000), 0);
	ck_assert_int_eq(chart_tick_decimals(100000000, 1000000000), 1);
	ck_assert_int_eq(chart_tick_decimals(1, 1000000000000), 3);
	ck_assert_int_eq(chart_tick_decimals(500, 1), 0);
}
END_TEST

static const struct {
	int64_t amount;
	const char *currency;
	const char *text;
} money[] = {
	{ 1038900000000, "KRW", "1.04 trillion won" },
	{ 1173957000000, "KRW", "1.17 trillion won" },
	{ 1558350000000, "KRW", "1.56 trillion won" },
	{ 1995000000000, "KRW", "2 trillion won" },
	{ 1999000000000, "KRW", "2 trillion won" },
	{ 12500000000000, "KRW", "12.5 trillion won" },
	{ 919100000, "USD", "$919 million" },
	{ 5000000000, "USD", "$5 billion" },
	{ 1250000, "USD", "$1.25 million" },
	{ 200000, "KRW", "200,000 won" },
	{ 3500000000, "EUR", "3.5 billion EUR" },
	{ 2000000000000, "JPY", "2 trillion yen" },
	{ 0, "KRW", "0 won" },
	{ -1038900000000, "KRW", "-1.04 trillion won" },
	{ INT64_MAX, "KRW", "9,223,372 trillion won" },
};

START_TEST(test_money_text)
{
	char buf[64];
	chart_money_text(money[_i].amount, money[_i].currency, buf, sizeof buf);
	ck_assert_str_eq(buf, money[_i].text);
}
END_TEST

START_TEST(test_units)
{
	char buf[64];
	struct chart_unit u = chart_unit_for(1800000000000, "KRW");
	ck_assert_int_eq(u.divisor, 1000000000000);
	chart_unit_title(&u, buf, sizeof buf);
	ck_assert_str_eq(buf, "trillion won");
	u = chart_unit_for(999999999999, "KRW");
	ck_assert_int_eq(u.divisor, 1000000000);
	chart_unit_title(&u, buf, sizeof buf);
	ck_assert_str_eq(buf, "billion won");
	u = chart_unit_for(6000000000, "USD");
	chart_unit_title(&u, buf, sizeof buf);
	ck_assert_str_eq(buf, "$ billion");
	u = chart_unit_for(6000000, "EUR");
	chart_unit_title(&u, buf, sizeof buf);
	ck_assert_str_eq(buf, "million EUR");
	u = chart_unit_for(999999, "KRW");
	ck_assert_int_eq(u.divisor, 1);
	chart_unit_title(&u, buf, sizeof buf);
	ck_assert_str_eq(buf, "won");
	u = chart_unit_for(5000, "USD");
	chart_unit_title(&u, buf, sizeof buf);
	ck_assert_str_eq(buf, "$");
}
END_TEST

START_TEST(test_scaled_text)
{
	char buf[64];
	chart_scaled_text(1200000000000, 1000000000000, 1, buf, sizeof buf);
	ck_assert_str_eq(buf, "1.2");
	chart_scaled_text(250000000000, 1000000000000, 2, buf, sizeof buf);
	ck_assert_str_eq(buf, "0.25");
	chart_scaled_text(0, 1000000000000, 1, buf, sizeof buf);
	ck_assert_str_eq(buf, "0.0");
	chart_scaled_text(1500000, 1, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "1,500,000");
	chart_scaled_text(1050, 100, 0, buf, sizeof buf); /* 10.5 rounds half away from zero */
	ck_assert_str_eq(buf, "11");
	chart_scaled_text(-1050, 100, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "-11");
	chart_scaled_text(1049, 100, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "10");
}
END_TEST

/* A position's share of the baseline, for its label. */
START_TEST(test_resolution)
{
	int64_t v;
	ck_assert(chart_amount_pct_bp(1183300000000, 1038900000000, &v));
	ck_assert_int_eq(v, 1390);
	ck_assert(chart_amount_pct_bp(1038900000000 - 10389000000, 1038900000000, &v));
	ck_assert_int_eq(v, -100);
	ck_assert(!chart_amount_pct_bp(5, 0, &v));
}
END_TEST

START_TEST(test_month_ticks)
{
	struct chart_date_tick t[16];
	int step;
	/* the example's span, about 20 months: every second month */
	size_t n = chart_date_ticks(date_days_from_ymd(20190902), date_days_from_ymd(20210430), t, 12, &step);
	ck_assert_int_eq(step, 2);
	ck_assert_uint_eq(n, 9);
	ck_assert_int_eq(t[0].ymd, 20191101);
	ck_assert_str_eq(t[0].label, "Nov");
	ck_assert_str_eq(t[0].year, "2019");
	ck_assert_str_eq(t[1].label, "Jan");
	ck_assert_str_eq(t[1].year, "2020");
	ck_assert_str_eq(t[2].label, "Mar");
	ck_assert_str_eq(t[2].year, "");
	ck_assert_int_eq(t[8].ymd, 20210301);
	/* a few months: every month */
	n = chart_date_ticks(date_days_from_ymd(20200315), date_days_from_ymd(20200701), t, 12, &step);
	ck_assert_int_eq(step, 1);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(t[0].ymd, 20200401);
	ck_assert_str_eq(t[0].year, "2020");
	ck_assert_int_eq(t[3].ymd, 20200701);
}
END_TEST

START_TEST(test_year_ticks)
{
	struct chart_date_tick t[16];
	int step;
	size_t n = chart_date_ticks(date_days_from_ymd(20120601), date_days_from_ymd(20211201), t, 12, &step);
	ck_assert_int_eq(step, 12);
	ck_assert_uint_eq(n, 9);
	ck_assert_int_eq(t[0].ymd, 20130101);
	ck_assert_str_eq(t[0].label, "2013");
	ck_assert_str_eq(t[0].year, "");
	n = chart_date_ticks(date_days_from_ymd(19910101), date_days_from_ymd(20211231), t, 12, &step);
	ck_assert_int_eq(step, 60);
	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(t[0].label, "1995");
	ck_assert_str_eq(t[5].label, "2020");
}
END_TEST

START_TEST(test_ticks_empty)
{
	struct chart_date_tick t[4];
	int step;
	ck_assert_uint_eq(chart_date_ticks(100, 50, t, 4, &step), 0);
	ck_assert_uint_eq(chart_date_ticks(50, 100, t, 0, &step), 0);
}
END_TEST

/* The whole document for a small chart: escaped text, the pieces a reader
 * looks for, and nothing drawn for what is absent. */
START_TEST(test_document)
{
	struct chart_position positions[] = {
		{ "KR", "offer", 20200301, 1173957000000, false, NULL, 0, 0, false },
		{ "US", "demand", 20200401, 1558350000000, true, NULL, 0, 0, false },
		{ "KR", "offer", 20210307, 1183300000000, false, NULL, 0, 0, false },
	};
	struct chart_round rounds[] = { { 7, 20200317, 20200319 } };
	struct chart_outcome outcomes[] = { { "tentative", 20210307 } };
	struct chart_furlough furloughs[] = { { 20200401, 20200615, 4000 } };
	const char *notes[] = { "Note <with> & \"marks\"" };
	struct chart c = {
		.code = "SMA-11", .title = "R&D <deal>", .currency = "KRW", .parties = "KR,US",
		.has_baseline = true, .baseline = 1038900000000, .baseline_from = "SMA-10 2019",
		.positions = positions, .npositions = 3, .rounds = rounds, .nrounds = 1,
		.outcomes = outcomes, .noutcomes = 1, .furloughs = furloughs, .nfurloughs = 1,
		.notes = notes, .nnotes = 1,
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	chart_write_svg(&c, fp);
	fclose(fp);
	ck_assert(strncmp(buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 44) == 0);
	ck_assert(strstr(buf, "</svg>\n") == buf + len - 7);
	ck_assert_ptr_nonnull(strstr(buf, "SMA-11 \xe2\x80\x94 R&amp;D &lt;deal&gt;"));
	ck_assert_ptr_nonnull(strstr(buf, "Note &lt;with&gt; &amp; &quot;marks&quot;"));
	ck_assert_ptr_null(strstr(buf, "<deal>"));
	ck_assert_ptr_nonnull(strstr(buf, ">KR offers<"));
	ck_assert_ptr_nonnull(strstr(buf, ">US demands<"));
	ck_assert_ptr_nonnull(strstr(buf, ">baseline (SMA-10 2019)<"));
	ck_assert_ptr_nonnull(strstr(buf, ">baseline 1.04 trillion won<"));
	ck_assert_ptr_nonnull(strstr(buf, ">deal in principle<"));
	ck_assert_ptr_nonnull(strstr(buf, ">4,000 workers furloughed<"));
	ck_assert_ptr_nonnull(strstr(buf, ">rumored<"));
	ck_assert_ptr_nonnull(strstr(buf, ">trillion won<"));
	ck_assert_ptr_nonnull(strstr(buf, ">1.18 trillion won (+13.9%)<"));
	ck_assert_ptr_nonnull(strstr(buf, "class=\"furlough\""));
	ck_assert_ptr_nonnull(strstr(buf, "class=\"round\""));
	ck_assert_ptr_nonnull(strstr(buf, "stroke-dasharray=\"6 4\""));
	ck_assert_ptr_null(strstr(buf, "no positions yet"));
	/* two step lines, one per party */
	const char *p = buf;
	int lines = 0;
	while ((p = strstr(p, "class=\"position\""))) {
		lines++;
		p++;
	}
	ck_assert_int_eq(lines, 2);
	ck_assert_ptr_null(strstr(buf, "class=\"statement\""));
	free(buf);
}
END_TEST

/* A converted figure names what was stated and at what rate. */
START_TEST(test_converted_text)
{
	char buf[160];
	chart_converted_text(5657500000000, "KRW", "USD", 5000000000, 11315000, buf, sizeof buf);
	ck_assert_str_eq(buf, "$5 billion \xe2\x86\x92 5.66 trillion won at 1,131.5");
	chart_converted_text(5621621500000, "KRW", "USD", 5000000000, 11243243, buf, sizeof buf);
	ck_assert_str_eq(buf, "$5 billion \xe2\x86\x92 5.62 trillion won at 1,124.3243");
	chart_converted_text(1038900000000, "KRW", NULL, 0, 0, buf, sizeof buf);
	ck_assert_str_eq(buf, "1.04 trillion won");
}
END_TEST

/* Render c to a string the caller frees. */
static char *rendered(const struct chart *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	chart_write_svg(c, fp);
	fclose(fp);
	return buf;
}

/* A statement is a labelled mark, never a step of a line; labels with no
 * room by their points are listed under the chart, never dropped. */
START_TEST(test_statement_and_crowded_labels)
{
	struct chart_position positions[] = {
		{ "KR", "offer", 20200301, 1000000000000, false, NULL, 0, 0, false },
		{ "KR", "offer", 20200302, 1001000000000, false, NULL, 0, 0, false },
		{ "KR", "offer", 20200303, 1002000000000, false, NULL, 0, 0, false },
		{ "KR", "offer", 20200304, 1003000000000, false, NULL, 0, 0, false },
		{ "KR", "offer", 20200305, 1004000000000, false, NULL, 0, 0, false },
		{ "KR", "offer", 20200306, 1005000000000, false, NULL, 0, 0, false },
	};
	struct chart_statement statements[] = {
		{ "Donald Trump", 20200310, true, 11315000000000, "USD", 10000000000, 11315000, NULL, false },
	};
	struct chart c = {
		.code = "T", .currency = "KRW", .parties = "KR,US",
		.positions = positions, .npositions = 6, .statements = statements, .nstatements = 1,
	};
	char *buf = rendered(&c);
	ck_assert_ptr_nonnull(strstr(buf, "class=\"statement\""));
	ck_assert_ptr_nonnull(
		strstr(buf, ">Donald Trump: $10 billion \xe2\x86\x92 11.3 trillion won at 1,131.5 (\xe2\x86\x91 above the scale)<"));
	ck_assert_ptr_nonnull(strstr(buf, ">public statement (not a position)<"));
	ck_assert_ptr_nonnull(strstr(buf, ">Figures with no room by their points:<"));
	/* every figure is somewhere, by its point or listed: the six steps of
	 * KR's line and the statement */
	int shown = 0;
	for (const char *p = buf; (p = strstr(p, "class=\"value\"")); p++)
		shown++;
	for (const char *p = buf; (p = strstr(p, "class=\"unplaced\"")); p++)
		shown++;
	ck_assert_int_eq(shown, 7);
	/* the statement is not a step: one line, for KR alone */
	int lines = 0;
	for (const char *p = buf; (p = strstr(p, "class=\"position\"")); p++)
		lines++;
	ck_assert_int_eq(lines, 1);
	free(buf);
}
END_TEST

START_TEST(test_empty_document)
{
	struct chart c = { .code = "SMA-12", .currency = "KRW", .fallback_ymd = 20260101 };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	chart_write_svg(&c, fp);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(buf, ">no positions yet<"));
	ck_assert_ptr_null(strstr(buf, "class=\"position\""));
	ck_assert_ptr_null(strstr(buf, "baseline"));
	ck_assert_ptr_nonnull(strstr(buf, ">2026<"));
	free(buf);
}
END_TEST

static Suite *svg_suite(void)
{
	Suite *s = suite_create("svg");
	TCase *tc = tcase_create("escape");
	tcase_add_loop_test(tc, test_escape, 0, N_ELEMENTS(escapes));
	tcase_add_test(tc, test_escape_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("scale");
	tcase_add_loop_test(tc, test_nice_step, 0, N_ELEMENTS(steps));
	tcase_add_test(tc, test_nice_step_huge);
	tcase_add_test(tc, test_tick_decimals);
	tcase_add_loop_test(tc, test_money_text, 0, N_ELEMENTS(money));
	tcase_add_test(tc, test_units);
	tcase_add_test(tc, test_scaled_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("resolution");
	tcase_add_test(tc, test_resolution);
	suite_add_tcase(s, tc);

	tc = tcase_create("dates");
	tcase_add_test(tc, test_month_ticks);
	tcase_add_test(tc, test_year_ticks);
	tcase_add_test(tc, test_ticks_empty);
	suite_add_tcase(s, tc);

	tc = tcase_create("document");
	tcase_add_test(tc, test_document);
	tcase_add_test(tc, test_converted_text);
	tcase_add_test(tc, test_statement_and_crowded_labels);
	tcase_add_test(tc, test_empty_document);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(svg_suite());
}

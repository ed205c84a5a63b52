/* test_suggest.c - edit distance and the nearest-name search behind "did you mean". */
#include "smalog/suggest.h"

#include "check_main.h"

#include <check.h>
#include <string.h>

static size_t dist(const char *a, const char *b)
{
	return suggest_distance(a, strlen(a), b, strlen(b));
}

/* The nearest of names (NULL-terminated) to typed, or NULL. */
static const char *nearest(const char *typed, const char *const *names)
{
	struct suggestion s;
	suggest_init(&s, typed, strlen(typed));
	for (; *names; names++)
		suggest_consider(&s, *names);
	return suggest_result(&s);
}

START_TEST(distance_counts_each_edit_once)
{
	ck_assert_uint_eq(dist("timeline", "timeline"), 0);
	ck_assert_uint_eq(dist("timline", "timeline"), 1);   /* deletion */
	ck_assert_uint_eq(dist("timeeline", "timeline"), 1); /* insertion */
	ck_assert_uint_eq(dist("timelime", "timeline"), 1);  /* substitution */
	ck_assert_uint_eq(dist("postion", "position"), 1);
	ck_assert_uint_eq(dist("agrement", "agreement"), 1);
	ck_assert_uint_eq(dist("kitten", "sitting"), 3);
	ck_assert_uint_eq(dist("", "abc"), 3);
	ck_assert_uint_eq(dist("abc", ""), 3);
	ck_assert_uint_eq(dist("", ""), 0);
}
END_TEST

START_TEST(adjacent_swap_is_one_edit)
{
	ck_assert_uint_eq(dist("tiemline", "timeline"), 1);
	ck_assert_uint_eq(dist("psoition", "position"), 1);
	ck_assert_uint_eq(dist("ab", "ba"), 1);
	/* optimal string alignment: a swapped pair is not edited again */
	ck_assert_uint_eq(dist("ca", "abc"), 3);
}
END_TEST

START_TEST(case_is_ignored_and_symmetric)
{
	ck_assert_uint_eq(dist("Position", "position"), 0);
	ck_assert_uint_eq(dist("SHOW", "show"), 0);
	ck_assert_uint_eq(dist("start-yaer", "start-year"), dist("start-year", "start-yaer"));
}
END_TEST

START_TEST(too_long_is_never_near)
{
	char longer[SUGGEST_MAX_LEN + 2];
	memset(longer, 'a', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	ck_assert_uint_eq(dist(longer, "a"), SUGGEST_MAX_LEN + 1);
	ck_assert_uint_eq(dist("a", longer), SUGGEST_MAX_LEN + 1);
	const char *names[] = { "a", NULL };
	ck_assert_ptr_null(nearest(longer, names));
	char longest[SUGGEST_MAX_LEN + 1];
	memset(longest, 'b', sizeof longest - 1);
	longest[sizeof longest - 1] = '\0';
	ck_assert_uint_eq(dist(longest, longest), 0);
}
END_TEST

START_TEST(nearest_within_the_threshold)
{
	const char *commands[] = { "init", "add", "list", "show", "edit", "delete", "check", "timeline",
				   "delta", "summary", "import", "export", "query", "chart", NULL };
	ck_assert_str_eq(nearest("timline", commands), "timeline");
	ck_assert_str_eq(nearest("lsit", commands), "list");
	ck_assert_str_eq(nearest("shwo", commands), "show");
	ck_assert_str_eq(nearest("expotr", commands), "export");
	ck_assert_str_eq(nearest("Summary", commands), "summary");
	ck_assert_str_eq(nearest("delts", commands), "delta");
	/* the first of equally near names wins */
	ck_assert_str_eq(nearest("abcf", (const char *[]){ "abcd", "abce", NULL }), "abcd");
	/* too far to be a typo */
	ck_assert_ptr_null(nearest("ls", commands));
	ck_assert_ptr_null(nearest("remove", commands));
	ck_assert_ptr_null(nearest("x", commands));
	ck_assert_ptr_null(nearest("", commands));
	const char *none[] = { NULL };
	ck_assert_ptr_null(nearest("list", none));
}
END_TEST

START_TEST(threshold_grows_with_length)
{
	const char *names[] = { "agreement", "db", "o", NULL };
	/* two edits in a nine-letter name */
	ck_assert_str_eq(nearest("agremnet", names), "agreement");
	ck_assert_str_eq(nearest("agreemnt", names), "agreement");
	/* one edit in a two-letter name, none in a single letter */
	ck_assert_str_eq(nearest("bd", names), "db");
	ck_assert_ptr_null(nearest("x", names));
	ck_assert_ptr_null(nearest("ab", (const char *[]){ "xy", NULL }));
	/* five edits are too many for eight letters */
	ck_assert_ptr_null(nearest("agxxxxnt", names));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("suggest");
	TCase *tc = tcase_create("suggest");
	tcase_add_test(tc, distance_counts_each_edit_once);
	tcase_add_test(tc, adjacent_swap_is_one_edit);
	tcase_add_test(tc, case_is_ignored_and_symmetric);
	tcase_add_test(tc, too_long_is_never_near);
	tcase_add_test(tc, nearest_within_the_threshold);
	tcase_add_test(tc, threshold_grows_with_length);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

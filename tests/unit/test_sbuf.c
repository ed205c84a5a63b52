/* test_sbuf.c - string buffer tests: appending, growing, formatting, releasing. */
#include "smalog/sbuf.h"

#include "check_main.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_empty)
{
	struct sbuf b = { 0 };

	ck_assert_str_eq(sb_str(&b), "");
	ck_assert_uint_eq(b.len, 0);
	sb_release(&b);
	ck_assert_ptr_null(b.p);
}
END_TEST

START_TEST(test_append)
{
	struct sbuf b = { 0 };

	sb_adds(&b, "ab");
	sb_addc(&b, 'c');
	sb_add(&b, "d\0e", 3);
	sb_fill(&b, '-', 3);
	sb_addf(&b, "%d|%s", -42, "x");
	ck_assert_uint_eq(b.len, 14);
	ck_assert_mem_eq(b.p, "abcd\0e----42|x", 14);
	ck_assert_int_eq(b.p[b.len], '\0');
	sb_release(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
}
END_TEST

/* Growing keeps every byte and the NUL after them. */
START_TEST(test_grow)
{
	struct sbuf b = { 0 };
	char *expected = malloc(100001);

	ck_assert_ptr_nonnull(expected);
	for (size_t i = 0; i < 100000; i++) {
		char c = (char)('a' + i % 26);
		sb_addc(&b, c);
		expected[i] = c;
	}
	expected[100000] = '\0';
	ck_assert_uint_eq(b.len, 100000);
	ck_assert_uint_ge(b.cap, 100001);
	ck_assert_str_eq(sb_str(&b), expected);
	b.len = 0;
	sb_add(&b, "", 0);
	ck_assert_str_eq(sb_str(&b), "");
	free(expected);
	sb_release(&b);
}
END_TEST

static Suite *sbuf_suite(void)
{
	Suite *s = suite_create("sbuf");
	TCase *tc = tcase_create("sbuf");

	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_append);
	tcase_add_test(tc, test_grow);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(sbuf_suite());
}

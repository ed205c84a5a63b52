/* test_currency.c - Check unit tests for the ISO 4217 table and currency suggestions. */
#include "check_main.h"

#include <check.h>
#include <string.h>

#include "smalog/currency.h"

#define N_ELEMENTS(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const known[] = { "KRW", "USD", "EUR", "JPY", "CNY", "GBP", "AED", "ZWG", "XAF", "XCG", "TWD" };
static const char *const unknown[] = { "WON", "KWR", "XXX", "XTS", "krw", "KR", "KRWW", "", "AAA", "ZZZ", "DEM" };

START_TEST(test_known)
{
	ck_assert_msg(currency_known(known[_i]), "%s", known[_i]);
}
END_TEST

START_TEST(test_unknown)
{
	ck_assert_msg(!currency_known(unknown[_i]), "%s", unknown[_i]);
}
END_TEST

struct suggestion {
	const char *typed;
	const char *want; /* "" for no suggestion */
	int count;
};

static const struct suggestion suggestions[] = {
	{ "won", "KRW", 1 },
	{ "WON", "KRW", 1 },
	{ "Won", "KRW", 1 },
	{ "\xe2\x82\xa9", "KRW", 1 },    /* ₩ */
	{ "\xec\x9b\x90", "KRW", 1 },    /* 원 */
	{ "KWR", "KRW", 1 },             /* a swap beats KWD, one letter changed */
	{ "kwr", "KRW", 1 },
	{ "RKW", "KRW", 1 },
	{ "KRWW", "KRW", 1 },
	{ "KR", "KRW", 1 },
	{ "KOW", "KRW", 1 },
	{ "dollar", "USD", 1 },
	{ "$", "USD", 1 },
	{ "USS", "USD", 1 },
	{ "SUD", "USD", 1 },
	{ "yen", "JPY", 1 },
	{ "euro", "EUR", 1 },
	{ "RMB", "CNY", 1 },
	{ "UKP", "GBP", 1 },
	{ "NTD", "TWD", 1 },
	{ "KWX", "KWD", 1 },             /* one edit from KWD beats two from KRW */
	{ "KRX", "KRW", 1 },
	{ "KQQ", "KRW", 1 },             /* two edits, but KRW is common */
	{ "BRR", "BRL or IRR", 2 },
	{ "CAX", "CAD", 1 },
	{ "ZZZ", "", 0 },
	{ "QQQQ", "", 0 },
	{ "K1W", "", 0 },
	{ "", "", 0 },
	{ "a very long name", "", 0 },
};

START_TEST(test_suggest)
{
	const struct suggestion *c = &suggestions[_i];
	char buf[CURRENCY_SUGGESTION_SIZE];
	int n = currency_suggest(c->typed, buf, sizeof buf);
	ck_assert_msg(strcmp(buf, c->want) == 0, "'%s': got '%s', want '%s'", c->typed, buf, c->want);
	ck_assert_int_eq(n, c->count);
}
END_TEST

/* Several codes equally near, none common: up to three, A-Z. */
START_TEST(test_suggest_several)
{
	char buf[CURRENCY_SUGGESTION_SIZE];
	ck_assert_int_eq(currency_suggest("MXW", buf, sizeof buf), 2);
	ck_assert_str_eq(buf, "MXN or MXV");
	int n = currency_suggest("XBX", buf, sizeof buf);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(buf, "XBA, XBB or XBC");
	/* a short buffer still ends in a NUL */
	char small[4];
	currency_suggest("won", small, sizeof small);
	ck_assert_str_eq(small, "KRW");
}
END_TEST

/* The table is sorted (bsearch needs it) and every entry is a code. */
START_TEST(test_every_code_found)
{
	char code[4] = "AAA";
	int found = 0;
	for (int a = 'A'; a <= 'Z'; a++)
		for (int b = 'A'; b <= 'Z'; b++)
			for (int c = 'A'; c <= 'Z'; c++) {
				code[0] = (char)a;
				code[1] = (char)b;
				code[2] = (char)c;
				found += currency_known(code);
			}
	ck_assert_int_eq(found, 177);
	/* a known code is never suggested for itself */
	char buf[CURRENCY_SUGGESTION_SIZE];
	ck_assert_int_eq(currency_suggest("KRW", buf, sizeof buf), 1);
	ck_assert_str_ne(buf, "KRW");
}
END_TEST

static Suite *currency_suite(void)
{
	Suite *s = suite_create("currency");
	TCase *tc = tcase_create("table");
	tcase_add_loop_test(tc, test_known, 0, N_ELEMENTS(known));
	tcase_add_loop_test(tc, test_unknown, 0, N_ELEMENTS(unknown));
	tcase_add_test(tc, test_every_code_found);
	suite_add_tcase(s, tc);
	tc = tcase_create("suggest");
	tcase_add_loop_test(tc, test_suggest, 0, N_ELEMENTS(suggestions));
	tcase_add_test(tc, test_suggest_several);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(currency_suite());
}

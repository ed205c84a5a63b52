/* test_utf8.c - Check unit tests for UTF-8 validation, display width and message echoes. */
#include "check_main.h"

#include <check.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smalog/utf8.h"

#define N_ELEMENTS(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const valid[] = {
	"",
	"abc",
	"SMA-11",
	"\x7f",
	"\xed\x95\x9c\xea\xb5\xad",          /* 한국 */
	"\xc2\x80",                          /* U+0080, smallest 2-byte */
	"\xdf\xbf",                          /* U+07FF */
	"\xe0\xa0\x80",                      /* U+0800, smallest 3-byte */
	"\xed\x9f\xbf",                      /* U+D7FF, just below the surrogates */
	"\xee\x80\x80",                      /* U+E000, just above them */
	"\xef\xbf\xbf",                      /* U+FFFF */
	"\xf0\x90\x80\x80",                  /* U+10000, smallest 4-byte */
	"\xf4\x8f\xbf\xbf",                  /* U+10FFFF, the last code point */
	"\xe2\x82\xac",                      /* euro sign */
	"\xf0\x9f\x98\x80",                  /* grinning face */
	("\xef\xbb\xbf" "bom"),              /* a BOM is a valid character here */
	"\xeb\xb0\xa9\xec\x9c\x84\xeb\xb9\x84 \xeb\xb6\x84\xeb\x8b\xb4\xea\xb8\x88", /* 방위비 분담금 */
};

struct invalid_case {
	const char *bytes;
	size_t len;
	size_t offset;
};

#define BAD(s, off) { s, sizeof(s) - 1, off }

static const struct invalid_case invalid[] = {
	BAD("\x80", 0),                      /* lone continuation */
	BAD("\xbf", 0),
	BAD("a\xc3\xa9\x80", 3),             /* stray continuation after a character */
	BAD("\xc0\x80", 0),                  /* overlong NUL */
	BAD("\xc0\xaf", 0),                  /* overlong '/' */
	BAD("\xc1\xbf", 0),                  /* overlong U+007F */
	BAD("\xe0\x80\x80", 0),              /* overlong 3-byte */
	BAD("\xe0\x9f\xbf", 0),              /* overlong U+07FF */
	BAD("\xed\xa0\x80", 0),              /* U+D800 */
	BAD("\xed\xbf\xbf", 0),              /* U+DFFF */
	BAD("ok\xed\xb2\x80", 2),            /* U+DC80 */
	BAD("\xf0\x80\x80\x80", 0),          /* overlong 4-byte */
	BAD("\xf0\x8f\xbf\xbf", 0),          /* overlong U+FFFF */
	BAD("\xf4\x90\x80\x80", 0),          /* U+110000 */
	BAD("\xf5\x80\x80\x80", 0),
	BAD("\xf7\xbf\xbf\xbf", 0),
	BAD("\xf8\x88\x80\x80\x80", 0),      /* old 5-byte form */
	BAD("\xfc\x84\x80\x80\x80\x80", 0),  /* old 6-byte form */
	BAD("\xfe", 0),
	BAD("\xff", 0),
	BAD("a\xe4\xb8", 1),                 /* truncated at the end */
	BAD("ab\xe4", 2),
	BAD("\xc2", 0),
	BAD("ok\xf0\x9f\x98", 2),
	BAD("\xe4\xb8\x41", 0),              /* ASCII where a continuation belongs */
	BAD("\xc2\x41", 0),
	BAD("\xf0\x9f\x41\x80", 0),
	BAD("\xed\x95\x9c\xed\x95", 3),      /* 한 then half a character */
	BAD("abc\0def", 3),                  /* NUL inside the text */
	BAD("\0", 0),
	BAD("\xed\x95\x9c\0", 3),
};

struct width_case {
	const char *text;
	size_t width;
};

static const struct width_case widths[] = {
	{ "", 0 },
	{ "abc", 3 },
	{ "SMA-11", 6 },
	{ "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4", 6 },                 /* 한국어 */
	{ "\xeb\x8c\x80\xed\x95\x9c\xeb\xaf\xbc\xea\xb5\xad", 8 },     /* 대한민국 */
	{ "SMA \xed\x95\x9c\xeb\xaf\xb8", 8 },                         /* SMA 한미 */
	{ "\xe6\x97\xa5\xe6\x9c\xac", 4 },                             /* 日本 */
	{ "\xea\xb0\x80", 2 },                                         /* U+AC00 */
	{ "\xed\x9e\xa3", 2 },                                         /* U+D7A3 */
	{ "\xed\x9e\xa4", 1 },                                         /* U+D7A4 */
	{ "\xe1\x84\x80", 2 },                                         /* U+1100 jamo initial */
	{ "\xe1\x85\x9f", 2 },                                         /* U+115F */
	{ "\xe1\x85\xa0", 0 },                                         /* U+1160 jamo medial */
	{ "\xe1\x87\xbf", 0 },                                         /* U+11FF */
	{ "\xe1\x88\x80", 1 },                                         /* U+1200 */
	{ "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", 2 },                 /* conjoining L V T */
	{ "\xe2\xb9\xbf", 1 },                                         /* U+2E7F */
	{ "\xe2\xba\x80", 2 },                                         /* U+2E80 */
	{ "\xe3\x80\x80", 2 },                                         /* ideographic space */
	{ "\xea\x93\x8f", 2 },                                         /* U+A4CF */
	{ "\xea\x93\x90", 1 },                                         /* U+A4D0 */
	{ "\xef\xa4\x80", 2 },                                         /* U+F900 */
	{ "\xef\xab\xbf", 2 },                                         /* U+FAFF */
	{ "\xef\xb8\xa0", 0 },                                         /* U+FE20 combining half mark */
	{ "\xef\xb8\xaf", 0 },                                         /* U+FE2F */
	{ "\xef\xb8\xb0", 2 },                                         /* U+FE30 */
	{ "\xef\xb9\x8f", 2 },                                         /* U+FE4F */
	{ "\xef\xb9\x90", 1 },                                         /* U+FE50 */
	{ "\xef\xbc\x80", 2 },                                         /* U+FF00 */
	{ "\xef\xbc\xa1", 2 },                                         /* fullwidth A */
	{ "\xef\xbd\xa0", 2 },                                         /* U+FF60 */
	{ "\xef\xbd\xa1", 1 },                                         /* U+FF61 halfwidth */
	{ "\xef\xbf\xa0", 2 },                                         /* U+FFE0 */
	{ "\xef\xbf\xa6", 2 },                                         /* U+FFE6 */
	{ "\xef\xbf\xa7", 1 },                                         /* U+FFE7 */
	{ "\xf0\x9f\x8c\x80", 2 },                                     /* U+1F300 */
	{ "\xf0\x9f\x98\x80", 2 },                                     /* U+1F600 */
	{ "\xf0\x9f\x99\x8f", 2 },                                     /* U+1F64F */
	{ "\xf0\x9f\x99\x90", 1 },                                     /* U+1F650 */
	{ "\xf0\x9f\x9a\x80", 1 },                                     /* U+1F680, not in the list */
	{ "\xf0\x9f\xa4\x80", 2 },                                     /* U+1F900 */
	{ "\xf0\x9f\xa7\xbf", 2 },                                     /* U+1F9FF */
	{ "\xf0\xa0\x80\x80", 2 },                                     /* U+20000 */
	{ "\xf0\xbf\xbf\xbd", 2 },                                     /* U+3FFFD */
	{ "\xf0\xbf\xbf\xbe", 1 },                                     /* U+3FFFE */
	{ "\xc3\xa9", 1 },                                             /* precomposed e acute */
	{ "e\xcc\x81", 1 },                                            /* e + combining acute */
	{ "\xcc\x80", 0 },                                             /* U+0300 */
	{ "\xcd\xaf", 0 },                                             /* U+036F */
	{ "\xcd\xb0", 1 },                                             /* U+0370 */
	{ "\xe1\xaa\xb0", 0 },                                         /* U+1AB0 */
	{ "\xe1\xab\xbf", 0 },                                         /* U+1AFF */
	{ "\xe2\x83\x90", 0 },                                         /* U+20D0 */
	{ "\xe2\x83\xbf", 0 },                                         /* U+20FF */
	{ "\xe2\x80\x8a", 1 },                                         /* U+200A hair space */
	{ "\xe2\x80\x8b", 0 },                                         /* U+200B zero width space */
	{ "\xe2\x80\x8d", 0 },                                         /* U+200D joiner */
	{ "\xe2\x80\x8f", 0 },                                         /* U+200F */
	{ "\xe2\x80\x90", 1 },                                         /* U+2010 hyphen */
	{ "\t", 0 },
	{ "\n", 0 },
	{ "a\x1b[1m", 4 },                                             /* ESC counts 0, "[1m" 3 */
	{ "\x7f", 0 },
	{ "\xc2\x85", 0 },                                             /* U+0085, a C1 control */
	{ "\xc2\x9f", 0 },
	{ "\xc2\xa0", 1 },                                             /* no-break space */
	{ "\xff", 1 },                                                 /* invalid bytes count one each */
	{ "a\xff" "b", 3 },
	{ "\xed\xa0\x80", 3 },
	{ "\xe4\xb8", 2 },
};

struct echo_case {
	const char *text;
	const char *echo;
};

static const struct echo_case echoes[] = {
	{ "", "" },
	{ "abc", "abc" },
	{ "a b", "a b" },
	{ "\xed\x95\x9c\xea\xb5\xad", "\xed\x95\x9c\xea\xb5\xad" },
	{ "a\tb\nc\r", "a?b?c?" },
	{ "\x1b[31mred", "?[31mred" },
	{ "\x7f", "?" },
	{ "x\xc2\x85y", "x?y" },                 /* a C1 control becomes one '?' */
	{ "\xff\xfe", "?" "?" },
	{ "\xc0\xaf", "?" "?" },
	{ "\xed\xa0\x80", "?" "?" "?" },
	{ "ok\xe4\xb8", "ok?" "?" },
	{ "\xe4\xb8\x41", "?" "?A" },
	{ "\xe2\x80\x8b", "?" },                 /* a format character shows where it hides */
	{ "a\xe2\x80\xae" "b", "a?b" },             /* a bidi override cannot reorder the message */
	{ "\xef\xbf\xbe", "?" },                 /* U+FFFE, a noncharacter */
	{ "\xc2\xa0", "\xc2\xa0" },              /* a no-break space prints as itself */
};

struct refused_case {
	const char *text;
	enum utf8_rule rule;
	uint32_t cp;       /* 0: nothing refused */
	size_t offset;
	const char *what;
};

static const struct refused_case refusals[] = {
	{ "plain text", UTF8_TEXT, 0, 0, NULL },
	{ "a\tb\r\nc", UTF8_TEXT, 0, 0, NULL },                       /* free text keeps tabs and line ends */
	{ "\xeb\xb0\xa9\xec\x9c\x84\xeb\xb9\x84 \xc2\xa0x", UTF8_TEXT, 0, 0, NULL }, /* Korean, NBSP */
	{ "\xe2\x80\x8bzw", UTF8_TEXT, 0, 0, NULL },                  /* zero-width space: text may */
	{ "\xef\xbb\xbf", UTF8_TEXT, 0, 0, NULL },
	{ "ab\x1b[31m", UTF8_TEXT, 0x1B, 2, "a control character" },
	{ "\x7f", UTF8_TEXT, 0x7F, 0, "a control character" },
	{ "x\xc2\x9b", UTF8_TEXT, 0x9B, 1, "a control character" },     /* C1 CSI */
	{ "\xef\xbf\xbe", UTF8_TEXT, 0xFFFE, 0, "a noncharacter" },
	{ "\xef\xbf\xbf", UTF8_TEXT, 0xFFFF, 0, "a noncharacter" },
	{ "\xef\xb7\x90", UTF8_TEXT, 0xFDD0, 0, "a noncharacter" },
	{ "\xef\xb7\xaf", UTF8_TEXT, 0xFDEF, 0, "a noncharacter" },
	{ "\xef\xb7\xb0", UTF8_TEXT, 0, 0, NULL },                   /* U+FDF0 is a character */
	{ "\xf0\x9f\xbf\xbe", UTF8_TEXT, 0x1FFFE, 0, "a noncharacter" },
	{ "\xf4\x8f\xbf\xbf", UTF8_TEXT, 0x10FFFF, 0, "a noncharacter" },
	{ "a\xe2\x80\xaa", UTF8_TEXT, 0x202A, 1, "a bidi control" },
	{ "a\xe2\x80\xae", UTF8_TEXT, 0x202E, 1, "a bidi control" },
	{ "\xe2\x81\xa6", UTF8_TEXT, 0x2066, 0, "a bidi control" },
	{ "\xe2\x81\xa9", UTF8_TEXT, 0x2069, 0, "a bidi control" },
	{ "\xe2\x81\xaa", UTF8_TEXT, 0, 0, NULL },                   /* U+206A, deprecated, not bidi */
	{ "\xff\xe2\x80\xae", UTF8_TEXT, 0x202E, 1, "a bidi control" }, /* invalid bytes are skipped */
	{ "SMA-11", UTF8_KEY, 0, 0, NULL },
	{ "\xed\x95\x9c\xea\xb5\xad-1", UTF8_KEY, 0, 0, NULL },     /* Korean keys are fine */
	{ "a b", UTF8_KEY, 0x20, 1, "a space" },
	{ "a\tb", UTF8_KEY, 0x09, 1, "a control character" },
	{ "SMA\xc2\xa0" "11", UTF8_KEY, 0xA0, 3, "a no-break space" },
	{ "\xe3\x80\x80x", UTF8_KEY, 0x3000, 0, "an ideographic space" },
	{ "x\xe2\x80\x83", UTF8_KEY, 0x2003, 1, "a space character" },  /* em space */
	{ "x\xe2\x80\xa8", UTF8_KEY, 0x2028, 1, "a line separator" },
	{ "x\xe2\x80\x8b", UTF8_KEY, 0x200B, 1, "a zero-width space" },
	{ "x\xe2\x80\x8c", UTF8_KEY, 0x200C, 1, "a zero-width non-joiner" },
	{ "x\xe2\x80\x8d", UTF8_KEY, 0x200D, 1, "a zero-width joiner" },
	{ "x\xe2\x81\xa0", UTF8_KEY, 0x2060, 1, "a word joiner" },
	{ "\xef\xbb\xbfkey", UTF8_KEY, 0xFEFF, 0, "a byte order mark" },
	{ "x\xe2\x80\x8f", UTF8_KEY, 0x200F, 1, "a right-to-left mark" },
	{ "x\xc2\xad", UTF8_KEY, 0xAD, 1, "a soft hyphen" },
	{ "x\xe2\x81\xa3", UTF8_KEY, 0x2063, 1, "an invisible format character" },
	{ "x\xef\xb8\x8f", UTF8_KEY, 0xFE0F, 1, "an invisible character" }, /* variation selector 16 */
	{ "x\xe3\x85\xa4", UTF8_KEY, 0x3164, 1, "a Hangul filler" },
	{ "x\xc2\x85", UTF8_KEY, 0x85, 1, "a control character" },      /* NEL */
	{ "x\xe2\x80\xae", UTF8_KEY, 0x202E, 1, "a bidi control" },
	{ "x\xef\xbf\xbe", UTF8_KEY, 0xFFFE, 1, "a noncharacter" },
};

/*
 * Reference validator written the long way: decode any lead byte's payload,
 * then reject what Unicode forbids (overlong, surrogate, beyond U+10FFFF, NUL).
 */
static bool reference_valid(const unsigned char *s, size_t len, size_t *bad)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
		size_t need;

		if (n == 0 || i + n > len)
			goto bad;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = cp << 6 | (s[i + k] & 0x3Fu);
		}
		need = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		if (cp == 0 || need != n || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += n;
	}
	return true;
bad:
	*bad = i;
	return false;
}

/* Encode cp (any value up to U+10FFFF, surrogates too) the generic way. */
static size_t encode(uint32_t cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xC0 | cp >> 6);
		out[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xE0 | cp >> 12);
		out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (unsigned char)(0xF0 | cp >> 18);
	out[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

static void check_against_reference(const unsigned char *s, size_t len)
{
	size_t got_bad = 12345, want_bad = 12345;
	bool got = utf8_valid((const char *)s, len, &got_bad);
	bool want = reference_valid(s, len, &want_bad);

	if (got != want || got_bad != want_bad)
		ck_abort_msg("%zu bytes %02x %02x %02x %02x: valid %d offset %zu, want %d offset %zu",
			     len, s[0], len > 1 ? s[1] : 0, len > 2 ? s[2] : 0, len > 3 ? s[3] : 0,
			     got, got_bad, want, want_bad);
}

START_TEST(test_valid)
{
	const char *s = valid[_i];
	size_t bad = 777;

	ck_assert(utf8_valid(s, strlen(s), &bad));
	ck_assert_uint_eq(bad, 777);
	ck_assert(utf8_valid(s, strlen(s), NULL));
}
END_TEST

START_TEST(test_invalid)
{
	const struct invalid_case *c = &invalid[_i];
	size_t bad = 777;

	ck_assert(!utf8_valid(c->bytes, c->len, &bad));
	ck_assert_uint_eq(bad, c->offset);
	ck_assert(!utf8_valid(c->bytes, c->len, NULL));
}
END_TEST

START_TEST(test_len_is_respected)
{
	/* "한" is three bytes: cutting it short makes it invalid, the rest of the buffer is ignored */
	const char *han = "\xed\x95\x9c\xff";
	size_t bad = 777;

	ck_assert(utf8_valid(han, 3, NULL));
	ck_assert(!utf8_valid(han, 4, &bad));
	ck_assert_uint_eq(bad, 3);
	ck_assert(!utf8_valid(han, 2, &bad));
	ck_assert_uint_eq(bad, 0);
	ck_assert(utf8_valid(han, 0, NULL));
	ck_assert_uint_eq(utf8_display_width(han, 3), 2);
	ck_assert_uint_eq(utf8_display_width(han, 0), 0);
}
END_TEST

/* Every code point, one by one; under valgrind (SMALOG_TEST_STRIDE set by
 * its test setup) every Nth, since the plain and sanitizer runs walk them
 * all and valgrind would take minutes. */
static uint32_t code_point_step(void)
{
	const char *stride = getenv("SMALOG_TEST_STRIDE");
	long n = stride ? strtol(stride, NULL, 10) : 1;
	return n > 1 ? (uint32_t)n : 1;
}

START_TEST(test_every_code_point)
{
	unsigned char buf[4];

	for (uint32_t cp = 0; cp <= 0x10FFFF; cp += code_point_step()) {
		size_t n = encode(cp, buf);
		bool want = cp != 0 && (cp < 0xD800 || cp > 0xDFFF);

		if (utf8_valid((const char *)buf, n, NULL) != want)
			ck_abort_msg("U+%04X: valid should be %d", (unsigned)cp, want);
		if (want && utf8_display_width((const char *)buf, n) > 2)
			ck_abort_msg("U+%04X: width above 2", (unsigned)cp);
	}
}
END_TEST

START_TEST(test_all_short_sequences)
{
	/* every 1- and 2-byte string, and every 3-byte string from a multibyte lead */
	unsigned char s[4] = { 0 };

	for (unsigned a = 0; a < 256; a++) {
		s[0] = (unsigned char)a;
		check_against_reference(s, 1);
		for (unsigned b = 0; b < 256; b++) {
			s[1] = (unsigned char)b;
			check_against_reference(s, 2);
		}
	}
	for (unsigned a = 0xC0; a < 0x100; a++)
		for (unsigned b = 0; b < 256; b++)
			for (unsigned c = 0; c < 256; c++) {
				s[0] = (unsigned char)a;
				s[1] = (unsigned char)b;
				s[2] = (unsigned char)c;
				check_against_reference(s, 3);
			}
}
END_TEST

START_TEST(test_four_byte_boundaries)
{
	static const unsigned char edges[] = {
		0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF,
	};
	unsigned char s[4];

	for (unsigned a = 0xE0; a < 0x100; a++)
		for (size_t b = 0; b < sizeof edges; b++)
			for (size_t c = 0; c < sizeof edges; c++)
				for (size_t d = 0; d < sizeof edges; d++) {
					s[0] = (unsigned char)a;
					s[1] = edges[b];
					s[2] = edges[c];
					s[3] = edges[d];
					check_against_reference(s, 4);
				}
}
END_TEST

START_TEST(test_width)
{
	const struct width_case *c = &widths[_i];

	ck_assert_msg(utf8_display_width(c->text, strlen(c->text)) == c->width, "case %d: %zu, want %zu",
		      _i, utf8_display_width(c->text, strlen(c->text)), c->width);
}
END_TEST

START_TEST(test_echo)
{
	const struct echo_case *c = &echoes[_i];
	char buf[UTF8_ECHO_SIZE];
	size_t n = utf8_echo(c->text, strlen(c->text), buf, sizeof buf);

	ck_assert_str_eq(buf, c->echo);
	ck_assert_uint_eq(n, strlen(c->echo));
}
END_TEST

START_TEST(test_refused)
{
	const struct refused_case *c = &refusals[_i];
	uint32_t cp = 0;
	size_t offset = 0;
	const char *what = utf8_refused(c->text, strlen(c->text), c->rule, &cp, &offset);

	if (!c->what) {
		ck_assert_msg(what == NULL, "case %d: refused U+%04X (%s)", _i, (unsigned)cp, what);
		return;
	}
	ck_assert_msg(what != NULL, "case %d: nothing refused", _i);
	ck_assert_str_eq(what, c->what);
	ck_assert_uint_eq(cp, c->cp);
	ck_assert_uint_eq(offset, c->offset);
}
END_TEST

/* Every code point: the key rule refuses everything the text rule does,
 * and a refused character is never echoed raw when it could hide. */
START_TEST(test_key_rule_is_stricter)
{
	for (uint32_t cp = 1; cp <= 0x10FFFF; cp += code_point_step()) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char s[5];
		size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		if (n == 1) {
			s[0] = (char)cp;
		} else {
			for (size_t i = n - 1; i > 0; i--)
				s[i] = (char)(0x80 | ((cp >> (6 * (n - 1 - i))) & 0x3F));
			s[0] = (char)((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | (cp >> (6 * (n - 1))));
		}
		s[n] = '\0';
		const char *text = utf8_refused(s, n, UTF8_TEXT, NULL, NULL);
		const char *key = utf8_refused(s, n, UTF8_KEY, NULL, NULL);
		ck_assert_msg(!text || key, "U+%04X refused in text but not in keys", (unsigned)cp);
		if (text && cp != '\t' && cp != '\n' && cp != '\r') {
			char buf[UTF8_ECHO_SIZE];
			utf8_echo(s, n, buf, sizeof buf);
			ck_assert_msg(strcmp(buf, "?") == 0, "U+%04X echoed raw", (unsigned)cp);
		}
	}
}
END_TEST

START_TEST(test_echo_cap)
{
	char text[200], buf[UTF8_ECHO_SIZE], want[UTF8_ECHO_SIZE + 8];

	memset(text, 'a', sizeof text);
	ck_assert_uint_eq(utf8_echo(text, 60, buf, sizeof buf), 60);
	ck_assert_uint_eq(strlen(buf), 60);
	ck_assert_uint_eq(utf8_echo(text, 61, buf, sizeof buf), 63);
	snprintf(want, sizeof want, "%.60s...", text);
	ck_assert_str_eq(buf, want);
	ck_assert_uint_eq(utf8_echo(text, sizeof text, buf, sizeof buf), 63);
	ck_assert_str_eq(buf, want);

	/* 58 bytes then Hangul: the syllable that would cross 60 bytes is left out whole */
	memcpy(text + 58, "\xed\x95\x9c\xed\x95\x9c", 6);
	ck_assert_uint_eq(utf8_echo(text, 64, buf, sizeof buf), 61);
	snprintf(want, sizeof want, "%.58s...", text);
	ck_assert_str_eq(buf, want);
	ck_assert(utf8_valid(buf, strlen(buf), NULL));

	/* 57 bytes then Hangul: the syllable fits exactly */
	memset(text, 'a', sizeof text);
	memcpy(text + 57, "\xed\x95\x9c\xed\x95\x9c", 6);
	ck_assert_uint_eq(utf8_echo(text, 63, buf, sizeof buf), 63);
	snprintf(want, sizeof want, "%.60s...", text);
	ck_assert_str_eq(buf, want);

	/* 20 syllables are 60 bytes exactly and are not cut */
	for (int i = 0; i < 20; i++)
		memcpy(text + 3 * i, "\xea\xb5\xad", 3);
	ck_assert_uint_eq(utf8_echo(text, 60, buf, sizeof buf), 60);
	ck_assert(memcmp(buf, text, 60) == 0);
	ck_assert_uint_eq(utf8_echo(text, 63, buf, sizeof buf), 63);
	ck_assert_str_eq(buf + 60, "...");
}
END_TEST

/* A whole message, uncut: escapes, line breaks and bad bytes become '?',
 * Hangul and other printable text stay. */
START_TEST(test_write_printable)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(fp);
	utf8_write_printable(fp, "no agreement '\x1b[31mSMA\n11' \xed\x95\x9c\xea\xb5\xad \xff\xc3");
	fclose(fp);
	ck_assert_str_eq(buf, "no agreement '?[31mSMA?11' \xed\x95\x9c\xea\xb5\xad ??");
	free(buf);
}
END_TEST

START_TEST(test_echo_small_buffers)
{
	const char *text = "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4";   /* 한국어 */
	char buf[16];

	memset(buf, 'X', sizeof buf);
	ck_assert_uint_eq(utf8_echo(text, strlen(text), buf, 5), 3);
	ck_assert_str_eq(buf, "\xed\x95\x9c");
	ck_assert_int_eq(buf[5], 'X');
	memset(buf, 'X', sizeof buf);
	ck_assert_uint_eq(utf8_echo(text, strlen(text), buf, 3), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(buf[1], 'X');
	memset(buf, 'X', sizeof buf);
	ck_assert_uint_eq(utf8_echo("abcdef", 6, buf, 4), 3);
	ck_assert_str_eq(buf, "abc");
	memset(buf, 'X', sizeof buf);
	ck_assert_uint_eq(utf8_echo("abc", 3, buf, 1), 0);
	ck_assert_int_eq(buf[0], '\0');
	ck_assert_int_eq(buf[1], 'X');
	memset(buf, 'X', sizeof buf);
	ck_assert_uint_eq(utf8_echo("abc", 3, buf, 0), 0);
	ck_assert_int_eq(buf[0], 'X');
	ck_assert_uint_eq(utf8_echo("abc", 3, NULL, 0), 0);
}
END_TEST

/* A fixed pseudo-random sequence, so a failure reproduces. */
static uint64_t next_random(uint64_t *state)
{
	*state = *state * 6364136223846793005u + 1442695040888963407u;
	return *state;
}

START_TEST(test_random_bytes)
{
	/* whatever comes in, the echo is valid, printable and short */
	uint64_t state = 1;
	unsigned char text[128];
	char buf[UTF8_ECHO_SIZE];

	for (int i = 0; i < 20000; i++) {
		size_t len = next_random(&state) % sizeof text, n;

		for (size_t k = 0; k < len; k++) {
			uint64_t r = next_random(&state) >> 56;

			/* bias towards bytes that make up multibyte sequences */
			text[k] = (unsigned char)(r < 64 ? 0x80 | (r & 0x3F) : r);
		}
		check_against_reference(text, len);
		n = utf8_echo((const char *)text, len, buf, sizeof buf);
		if (n != strlen(buf) || n > UTF8_ECHO_MAX + 3 || !utf8_valid(buf, n, NULL))
			ck_abort_msg("iteration %d: bad echo of %zu bytes", i, len);
		for (size_t k = 0; k < n; k++)
			if ((unsigned char)buf[k] < 0x20 || buf[k] == 0x7F)
				ck_abort_msg("iteration %d: control byte in the echo", i);
		if (utf8_display_width((const char *)text, len) > len)
			ck_abort_msg("iteration %d: wider than its bytes", i);
	}
}
END_TEST

START_TEST(test_locale_independent)
{
	const char *han = "\xed\x95\x9c\xea\xb5\xad";

	setlocale(LC_ALL, "de_DE.UTF-8");
	ck_assert(utf8_valid(han, 6, NULL));
	ck_assert(!utf8_valid("\xed\xa0\x80", 3, NULL));
	ck_assert_uint_eq(utf8_display_width(han, 6), 4);
	setlocale(LC_ALL, "C");
	/* the C locale knows nothing of UTF-8; the module must not need it */
	ck_assert(utf8_valid(han, 6, NULL));
	ck_assert_uint_eq(utf8_display_width(han, 6), 4);
}
END_TEST

static Suite *utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc;

	tc = tcase_create("valid");
	tcase_add_loop_test(tc, test_valid, 0, N_ELEMENTS(valid));
	tcase_add_loop_test(tc, test_invalid, 0, N_ELEMENTS(invalid));
	tcase_add_test(tc, test_len_is_respected);
	suite_add_tcase(s, tc);

	tc = tcase_create("exhaustive");
	tcase_add_test(tc, test_every_code_point);
	tcase_add_test(tc, test_all_short_sequences);
	tcase_add_test(tc, test_four_byte_boundaries);
	tcase_add_test(tc, test_random_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("width");
	tcase_add_loop_test(tc, test_width, 0, N_ELEMENTS(widths));
	suite_add_tcase(s, tc);

	tc = tcase_create("echo");
	tcase_add_loop_test(tc, test_echo, 0, N_ELEMENTS(echoes));
	tcase_add_test(tc, test_echo_cap);
	tcase_add_loop_test(tc, test_refused, 0, N_ELEMENTS(refusals));
	tcase_add_test(tc, test_key_rule_is_stricter);
	tcase_add_test(tc, test_echo_small_buffers);
	tcase_add_test(tc, test_write_printable);
	suite_add_tcase(s, tc);

	tc = tcase_create("locale");
	tcase_add_test(tc, test_locale_independent);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(utf8_suite());
}

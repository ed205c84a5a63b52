/* test_term.c - Check unit tests for the terminal's size, wrapping text and fitting a table's columns. */
#include "smalog/term.h"

#include "check_main.h"
#include "smalog/utf8.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

START_TEST(size_from_ioctl_then_environment)
{
	ck_assert_uint_eq(term_size_from(80, NULL), 80);
	ck_assert_uint_eq(term_size_from(100, "50"), 100);
	ck_assert_uint_eq(term_size_from(0, "120"), 120);
	ck_assert_uint_eq(term_size_from(0, NULL), 0);
	ck_assert_uint_eq(term_size_from(0, ""), 0);
	ck_assert_uint_eq(term_size_from(0, "0"), 0);
	ck_assert_uint_eq(term_size_from(0, "-80"), 0);
	ck_assert_uint_eq(term_size_from(0, "80x"), 0);
	ck_assert_uint_eq(term_size_from(0, " 80"), 0);
	ck_assert_uint_eq(term_size_from(0, "100000"), 100000);
	ck_assert_uint_eq(term_size_from(0, "100001"), 0);
	ck_assert_uint_eq(term_size_from(0, "99999999999999999999999"), 0);
}
END_TEST

/* A pipe is no terminal: its width is unknown whatever $COLUMNS says,
 * so piped output is never fitted. */
START_TEST(a_pipe_has_no_size)
{
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	setenv("COLUMNS", "100", 1);
	setenv("LINES", "40", 1);
	term_set_output(fds[1]);
	ck_assert_uint_eq(term_columns(), 0);
	ck_assert_uint_eq(term_rows(), 0);
	term_set_output(-1);
	close(fds[0]);
	close(fds[1]);
	unsetenv("COLUMNS");
	unsetenv("LINES");
}
END_TEST

/* The lines of s wrapped at width, joined by '|', each checked to be no
 * wider than width (save a lone character wider than it) and valid
 * UTF-8 wherever s is. */
static const char *wrapped(const char *s, size_t width)
{
	static char buf[512];
	struct term_wrap w;
	const char *line;
	size_t len, at = 0;

	term_wrap_init(&w, s, strlen(s), width);
	buf[0] = '\0';
	while (term_wrap_next(&w, &line, &len)) {
		size_t shown = utf8_display_width(line, len);
		/* only a lone wide character may be wider than the width */
		ck_assert_msg(shown <= (width ? width : 1) || (len <= 4 && shown <= 2), "line '%.*s' too wide", (int)len,
			      line);
		if (utf8_valid(s, strlen(s), NULL))
			ck_assert(utf8_valid(line, len, NULL));
		ck_assert_uint_lt(at + len + 2, sizeof buf);
		if (at > 0)
			buf[at++] = '|';
		memcpy(buf + at, line, len);
		at += len;
		buf[at] = '\0';
	}
	return buf;
}

START_TEST(wrap_at_word_boundaries)
{
	ck_assert_str_eq(wrapped("the quick brown fox", 10), "the quick|brown fox");
	ck_assert_str_eq(wrapped("the quick brown fox", 9), "the quick|brown fox");
	ck_assert_str_eq(wrapped("the quick brown fox", 8), "the|quick|brown|fox");
	ck_assert_str_eq(wrapped("the quick brown fox", 80), "the quick brown fox");
	ck_assert_uint_eq(term_wrap_lines("the quick brown fox", 19, 8), 4);
	/* the spaces at a break go; those inside a line stay */
	ck_assert_str_eq(wrapped("ab    cd", 4), "ab|cd");
	ck_assert_str_eq(wrapped("a  b   cdefgh", 6), "a  b|cdefgh");
	ck_assert_str_eq(wrapped("trailing   ", 8), "trailing");
	/* an indent at the start is kept, unless it would fill the line */
	ck_assert_str_eq(wrapped("  ab", 10), "  ab");
	ck_assert_str_eq(wrapped("  abcdef", 4), "  ab|cdef");
	ck_assert_str_eq(wrapped("          x", 4), "x");
	ck_assert_str_eq(wrapped("ab\n          cd", 4), "ab|cd");
	ck_assert_str_eq(wrapped("     ", 2), "");
}
END_TEST

START_TEST(wrap_counts_hangul_double)
{
	/* 방위비 분담금 협상: 6 + 1 + 6 + 1 + 4 columns */
	const char *s = "\xeb\xb0\xa9\xec\x9c\x84\xeb\xb9\x84 \xeb\xb6\x84\xeb\x8b\xb4\xea\xb8\x88 \xed\x98\x91\xec\x83\x81";
	ck_assert_str_eq(wrapped(s, 18), s);
	ck_assert_str_eq(wrapped(s, 13),
			 "\xeb\xb0\xa9\xec\x9c\x84\xeb\xb9\x84 \xeb\xb6\x84\xeb\x8b\xb4\xea\xb8\x88|\xed\x98\x91\xec\x83\x81");
	ck_assert_str_eq(wrapped(s, 11),
			 "\xeb\xb0\xa9\xec\x9c\x84\xeb\xb9\x84|\xeb\xb6\x84\xeb\x8b\xb4\xea\xb8\x88 \xed\x98\x91\xec\x83\x81");
	ck_assert_str_eq(wrapped(s, 10),
			 "\xeb\xb0\xa9\xec\x9c\x84\xeb\xb9\x84|\xeb\xb6\x84\xeb\x8b\xb4\xea\xb8\x88|\xed\x98\x91\xec\x83\x81");
}
END_TEST

START_TEST(long_words_break_by_display_width)
{
	ck_assert_str_eq(wrapped("1234567890abc", 4), "1234|5678|90ab|c");
	/* a URL longer than the width breaks after its slashes */
	ck_assert_str_eq(wrapped("see https://example.org/a/long/path now", 12),
			 "see https://|example.org/|a/long/path|now");
	/* 가나다라 at 3 columns: one syllable a line, never half of one */
	ck_assert_str_eq(wrapped("\xea\xb0\x80\xeb\x82\x98\xeb\x8b\xa4\xeb\x9d\xbc", 3),
			 "\xea\xb0\x80|\xeb\x82\x98|\xeb\x8b\xa4|\xeb\x9d\xbc");
	/* 가나다 at 5: two syllables fit, the third does not */
	ck_assert_str_eq(wrapped("\xea\xb0\x80\xeb\x82\x98\xeb\x8b\xa4", 5), "\xea\xb0\x80\xeb\x82\x98|\xeb\x8b\xa4");
	/* a character wider than the width stands alone */
	ck_assert_str_eq(wrapped("\xea\xb0\x80\xeb\x82\x98", 1), "\xea\xb0\x80|\xeb\x82\x98");
	/* width 0 is taken as 1 rather than looping */
	ck_assert_str_eq(wrapped("abc", 0), "a|b|c");
	/* a combining accent stays with its letter: e + U+0301 is one column */
	ck_assert_str_eq(wrapped("e\xcc\x81" "e\xcc\x81" "e", 2), "e\xcc\x81" "e\xcc\x81|e");
	/* an invalid byte is one column of its own */
	ck_assert_str_eq(wrapped("\xff\xff" "ab", 2), "\xff\xff|ab");
	/* a truncated sequence is cut before, never inside */
	ck_assert_str_eq(wrapped("a\xea\xb0", 1), "a|\xea|\xb0");
}
END_TEST

/* A list of sources has no space: it breaks after its separators, not
 * in the middle of a key or a date. */
START_TEST(wrap_after_separators)
{
	const char *list = "yonhap-2019-09-24;kh-2020-03-17/jad-156";
	ck_assert_str_eq(wrapped(list, 20), "yonhap-2019-09-24;|kh-2020-03-17/|jad-156");
	ck_assert_str_eq(wrapped(list, 10), "yonhap-201|9-09-24;|kh-2020-03|-17/|jad-156");
	ck_assert_str_eq(wrapped("KR,US,JP", 5), "KR,|US,JP");
	/* a space after a separator is the break; it goes at the break */
	ck_assert_str_eq(wrapped("a; b; c", 3), "a;|b;|c");
	/* a run of separators is not broken inside (https:/ /example) */
	ck_assert_str_eq(wrapped("https://example.org", 9), "https://|example.o|rg");
	/* a separator that starts a line or ends the text is no break */
	ck_assert_str_eq(wrapped(";abc", 2), ";a|bc");
	ck_assert_str_eq(wrapped("abc;", 3), "abc|;");
}
END_TEST

/* A space in reach wins: the word after it goes whole to the next line
 * when it fits one; a word longer than the width ends the line after a
 * separator instead, so that it is not split twice. */
START_TEST(wrap_prefers_a_space_in_reach)
{
	ck_assert_str_eq(wrapped("see yonhap-2019-09-24;kh", 20), "see|yonhap-2019-09-24;kh");
	ck_assert_str_eq(wrapped("see yonhap-2019-09-24;kh-2020-03-17", 24), "see yonhap-2019-09-24;|kh-2020-03-17");
	/* log's line for a changed source list */
	ck_assert_str_eq(wrapped("position 1: source yonhap-2019-09-24;kh-2020-03-17/jad-156 \xe2\x86\x92 yonhap-2019-09-24", 27),
			 "position 1: source|yonhap-2019-09-24;|kh-2020-03-17/jad-156 \xe2\x86\x92|yonhap-2019-09-24");
	/* prose keeps 'and/or' whole when it fits the next line */
	ck_assert_str_eq(wrapped("agreed to and/or signed", 14), "agreed to|and/or signed");
}
END_TEST

/* ',' and '/' between digits are inside a number: a break after a ';'
 * before it comes first, and a number is split only on a line of its
 * own, and then after a comma rather than between digits. */
START_TEST(wrap_keeps_numbers_whole)
{
	ck_assert_str_eq(wrapped("yonhap;1,389,000", 12), "yonhap;|1,389,000");
	ck_assert_str_eq(wrapped("offered 1,389,000,000,000", 12), "offered|1,389,000,|000,000");
	/* a comma that would end a full line does not fit on it */
	ck_assert_str_eq(wrapped("offered 1,389,000,000,000", 13), "offered|1,389,000,|000,000");
	ck_assert_str_eq(wrapped("1,389;3/4", 6), "1,389;|3/4");
	ck_assert_str_eq(wrapped("kh/2020/03", 8), "kh/|2020/03");
}
END_TEST

/* Exact fits: a line as wide as the width is not broken, one column
 * more is. */
START_TEST(wrap_exact_fit)
{
	const char *list = "yonhap-2019-09-24;kh-2020-03-17/jad-156";
	ck_assert_str_eq(wrapped(list, 39), list);
	ck_assert_str_eq(wrapped(list, 38), "yonhap-2019-09-24;kh-2020-03-17/|jad-156");
	ck_assert_str_eq(wrapped(list, 21), "yonhap-2019-09-24;|kh-2020-03-17/jad-156");
	ck_assert_str_eq(wrapped("abc def", 7), "abc def");
	ck_assert_str_eq(wrapped("abc def", 6), "abc|def");
	ck_assert_uint_eq(term_wrap_lines(list, strlen(list), 39), 1);
	ck_assert_uint_eq(term_wrap_lines(list, strlen(list), 38), 2);
}
END_TEST

/* Hangul counts two columns: a separator after a syllable breaks as
 * after any other letter, and a line never ends half way into one. */
START_TEST(wrap_hangul_after_separators)
{
	/* 방위비;분담금;협상: 6 + 1 + 6 + 1 + 4 columns */
	const char *s = "\xeb\xb0\xa9\xec\x9c\x84\xeb\xb9\x84;\xeb\xb6\x84\xeb\x8b\xb4\xea\xb8\x88;\xed\x98\x91\xec\x83\x81";
	ck_assert_str_eq(wrapped(s, 18), s);
	ck_assert_str_eq(wrapped(s, 11),
			 "\xeb\xb0\xa9\xec\x9c\x84\xeb\xb9\x84;|\xeb\xb6\x84\xeb\x8b\xb4\xea\xb8\x88;\xed\x98\x91\xec\x83\x81");
	ck_assert_str_eq(wrapped(s, 10),
			 "\xeb\xb0\xa9\xec\x9c\x84\xeb\xb9\x84;|\xeb\xb6\x84\xeb\x8b\xb4\xea\xb8\x88;|\xed\x98\x91\xec\x83\x81");
	/* 연합뉴스/2019: no separator fits in 7 columns, so the cut falls
	 * between syllables: 연합뉴 is 6, and 스 would make 8 */
	ck_assert_str_eq(wrapped("\xec\x97\xb0\xed\x95\xa9\xeb\x89\xb4\xec\x8a\xa4/2019", 7),
			 "\xec\x97\xb0\xed\x95\xa9\xeb\x89\xb4|\xec\x8a\xa4/2019");
}
END_TEST

/* The display width of the word around byte at of s: from the space or
 * newline before it to the one after, with the indent before it when it
 * is the first word of a line of the text (an indent is kept). */
static size_t word_width_at(const char *s, size_t len, size_t at)
{
	size_t start = at, end = at;

	while (start > 0 && s[start - 1] != ' ' && s[start - 1] != '\n')
		start--;
	size_t indent = start;
	while (indent > 0 && s[indent - 1] == ' ')
		indent--;
	if (indent == 0 || s[indent - 1] == '\n')
		start = indent;
	while (end < len && s[end] != ' ' && s[end] != '\n')
		end++;
	return utf8_display_width(s + start, end - start);
}

/* Check's assertions each tell the parent process where they are: too
 * slow for many thousands; this one only speaks on failure. */
#define held(cond, ...)                      \
	do {                                 \
		if (!(cond))                 \
			ck_abort_msg(__VA_ARGS__); \
	} while (0)

/* Many texts of words, separators, digits and Hangul at every width:
 * the lines are the text in order, with only spaces (and a newline)
 * between them; none is wider than the width save a lone wide
 * character; none ends inside a UTF-8 sequence; and a word is split
 * only when it is wider than the width. */
START_TEST(wrap_loses_nothing_and_splits_only_long_words)
{
	static const char *const pieces[] = { "a", "kh", "yonhap", "2019", "-", " ", " ", "  ", ";", ",", "/", "7",
					      "\xea\xb0\x80", "\xeb\xb6\x84\xeb\x8b\xb4", "\n", "e\xcc\x81" };
	enum { NPIECES = sizeof pieces / sizeof pieces[0] };
	unsigned seed = 12345;
	char s[200];

	for (int trial = 0; trial < 3000; trial++) {
		size_t len = 0;
		seed = seed * 1103515245u + 12345u;
		int n = (int)(seed >> 16) % 24;
		for (int k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			const char *p = pieces[(seed >> 16) % NPIECES];
			memcpy(s + len, p, strlen(p));
			len += strlen(p);
		}
		s[len] = '\0';
		for (size_t width = 1; width <= 24; width++) {
			struct term_wrap w;
			const char *line;
			size_t line_len, at = 0, lines = 0;
			term_wrap_init(&w, s, len, width);
			while (term_wrap_next(&w, &line, &line_len)) {
				size_t off = (size_t)(line - s);
				held(++lines <= len + 1, "'%s' at %zu: no end", s, width);
				held(off >= at && off + line_len <= len, "'%s' at %zu: out of order", s, width);
				/* between two lines only spaces and at most one newline */
				size_t newlines = 0;
				for (size_t j = at; j < off; j++) {
					held(s[j] == ' ' || s[j] == '\n', "'%s' at %zu: '%c' lost", s, width, s[j]);
					newlines += s[j] == '\n';
				}
				held(newlines <= 1, "'%s' at %zu: a line lost", s, width);
				held(utf8_valid(line, line_len, NULL), "'%s' at %zu: a cut sequence", s, width);
				size_t shown = utf8_display_width(line, line_len);
				held(shown <= width || (line_len <= 3 && shown == 2), "'%s' at %zu: '%.*s' too wide", s, width,
				     (int)line_len, line);
				/* a break inside a word only when the word is too wide */
				size_t end = off + line_len;
				if (lines > 1 && at == off && at > 0 && s[at - 1] != ' ' && s[at - 1] != '\n')
					held(word_width_at(s, len, at) > width, "'%s' at %zu: a word that fits split at %zu", s,
					     width, at);
				at = end;
			}
			for (size_t j = at; j < len; j++)
				held(s[j] == ' ' || s[j] == '\n', "'%s' at %zu: the end lost", s, width);
		}
	}
}
END_TEST

START_TEST(newlines_empty_text)
{
	ck_assert_str_eq(wrapped("ab\ncd", 10), "ab|cd");
	ck_assert_str_eq(wrapped("ab\n", 10), "ab");
	ck_assert_str_eq(wrapped("ab\n\ncd", 10), "ab||cd");
	ck_assert_str_eq(wrapped("ab\n  cd", 10), "ab|  cd");
	ck_assert_uint_eq(term_wrap_lines("", 0, 10), 1);
	ck_assert_str_eq(wrapped("", 10), "");
}
END_TEST

START_TEST(longest_word)
{
	ck_assert_uint_eq(term_longest_word("", 0), 0);
	const char *s = "\xeb\xb0\xa9\xec\x9c\x84\xeb\xb9\x84 increase";
	ck_assert_uint_eq(term_longest_word(s, strlen(s)), 8);
	s = "\xeb\xb0\xa9\xec\x9c\x84\xeb\xb9\x84\xeb\xb6\x84\xeb\x8b\xb4 up\ndown";
	ck_assert_uint_eq(term_longest_word(s, strlen(s)), 10);
}
END_TEST

START_TEST(screen_lines_wrap_as_a_terminal_does)
{
	char line[200];
	ck_assert_uint_eq(term_screen_lines("abc\ndef\n", 8, 80, 100), 2);
	ck_assert_uint_eq(term_screen_lines("abc\ndef", 7, 80, 100), 2);
	ck_assert_uint_eq(term_screen_lines("\n\n", 2, 80, 100), 2);
	ck_assert_uint_eq(term_screen_lines("", 0, 80, 100), 0);
	memset(line, 'x', 80);
	line[80] = '\n';
	ck_assert_uint_eq(term_screen_lines(line, 81, 80, 100), 1);
	memset(line, 'x', 161);
	line[161] = '\n';
	ck_assert_uint_eq(term_screen_lines(line, 162, 80, 100), 3);
	ck_assert_uint_eq(term_screen_lines(line, 162, 0, 100), 1);
	/* 41 Hangul syllables are 82 columns */
	for (int i = 0; i < 41; i++)
		memcpy(line + 3 * i, "\xed\x95\x9c", 3);
	ck_assert_uint_eq(term_screen_lines(line, 123, 80, 100), 2);
	/* a tab goes to the next multiple of 8 */
	ck_assert_uint_eq(term_screen_lines("a\tb\tc\td", 7, 24, 100), 2);
	ck_assert_uint_eq(term_screen_lines("a\tb\tc\td", 7, 25, 100), 1);
	/* counting stops at the limit */
	ck_assert_uint_eq(term_screen_lines("1\n2\n3\n4\n5\n", 10, 80, 3), 3);
}
END_TEST

/* timeline's columns, as a renderer might describe them */
static void timeline_columns(struct term_column *c)
{
	const struct term_column cols[] = {
		{ .natural = 10, .priority = TERM_ESSENTIAL },                 /* date */
		{ .natural = 9, .priority = TERM_ESSENTIAL },                  /* agreement */
		{ .natural = 14, .priority = 6 },                              /* type */
		{ .natural = 5, .priority = 4 },                               /* party */
		{ .natural = 120, .minimum = 20, .wraps = true, .priority = 5 }, /* summary */
		{ .natural = 17, .minimum = 3, .priority = 7 },                /* amount */
		{ .natural = 8, .priority = 3 },                               /* currency */
		{ .natural = 6, .priority = 3 },                               /* pct */
		{ .natural = 30, .minimum = 6, .wraps = true, .priority = 1 }, /* source */
		{ .natural = 12, .priority = 2 },                              /* ref */
	};
	memcpy(c, cols, sizeof cols);
}

static size_t total_width(const struct term_column *c, size_t n, size_t sep)
{
	size_t total = 0, shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (c[i].shown) {
			total += c[i].width;
			shown++;
		}
	}
	return total + sep * (shown - 1);
}

START_TEST(fit_all_when_wide_enough_or_not_a_terminal)
{
	struct term_column c[10];
	timeline_columns(c);
	/* 231 natural columns and 9 separators of 2 */
	ck_assert_int_eq(term_fit(c, 10, 2, 249), TERM_TABLE);
	for (size_t i = 0; i < 10; i++) {
		ck_assert(c[i].shown);
		ck_assert_uint_eq(c[i].width, c[i].natural);
	}
	timeline_columns(c);
	ck_assert_int_eq(term_fit(c, 10, 2, 0), TERM_TABLE);
	for (size_t i = 0; i < 10; i++) {
		ck_assert(c[i].shown);
		ck_assert_uint_eq(c[i].width, c[i].natural);
	}
}
END_TEST

START_TEST(fit_narrows_wrapping_columns_first)
{
	struct term_column c[10];
	timeline_columns(c);
	ck_assert_int_eq(term_fit(c, 10, 2, 200), TERM_TABLE);
	for (size_t i = 0; i < 10; i++)
		ck_assert(c[i].shown);
	/* 49 columns too many: the summary, the widest, gives them all */
	ck_assert_uint_eq(c[4].width, 71);
	ck_assert_uint_eq(c[8].width, 30);
	ck_assert_uint_eq(total_width(c, 10, 2), 200);
	/* numbers keep their width whatever their minimum says */
	ck_assert_uint_eq(c[5].width, 17);
}
END_TEST

START_TEST(fit_keeps_wrapping_columns_even)
{
	struct term_column c[3] = {
		{ .natural = 10, .priority = TERM_ESSENTIAL },
		{ .natural = 50, .minimum = 10, .wraps = true, .priority = 1 },
		{ .natural = 60, .minimum = 10, .wraps = true, .priority = 1 },
	};
	ck_assert_int_eq(term_fit(c, 3, 2, 80), TERM_TABLE);
	ck_assert_uint_eq(c[1].width + c[2].width, 66);
	ck_assert_uint_eq(c[1].width, 33);
	ck_assert_uint_eq(c[2].width, 33);
}
END_TEST

START_TEST(fit_drops_the_least_useful_first)
{
	struct term_column c[10];
	timeline_columns(c);
	/* at minimum: 10+9+14+5+20+17+8+6+6+12 + 18 = 125 */
	ck_assert_int_eq(term_fit(c, 10, 2, 125), TERM_TABLE);
	for (size_t i = 0; i < 10; i++)
		ck_assert(c[i].shown);
	ck_assert_uint_eq(c[4].width, 20);
	ck_assert_uint_eq(c[8].width, 6);

	/* at 80 the source (1), the ref (2), pct then currency (3, rightmost
	 * first) and the party (4) go; what is left takes the room back */
	timeline_columns(c);
	ck_assert_int_eq(term_fit(c, 10, 2, 80), TERM_TABLE);
	ck_assert(!c[3].shown && !c[6].shown && !c[7].shown && !c[8].shown && !c[9].shown);
	ck_assert(c[0].shown && c[1].shown && c[2].shown && c[4].shown && c[5].shown);
	ck_assert_uint_eq(total_width(c, 10, 2), 80);
	ck_assert_uint_eq(c[4].width, 80 - 10 - 9 - 14 - 17 - 4 * 2);

	/* at 86 the party stays: 10+9+14+5+20+17 and 5 separators are 85 */
	timeline_columns(c);
	ck_assert_int_eq(term_fit(c, 10, 2, 86), TERM_TABLE);
	ck_assert(c[3].shown && !c[6].shown);
	ck_assert_uint_eq(c[4].width, 21);
}
END_TEST

START_TEST(fit_expanded_when_the_essentials_do_not_fit)
{
	struct term_column c[10];
	timeline_columns(c);
	/* date and agreement alone are 21 */
	ck_assert_int_eq(term_fit(c, 10, 2, 20), TERM_EXPANDED);
	for (size_t i = 0; i < 10; i++) {
		ck_assert(c[i].shown);
		ck_assert_uint_eq(c[i].width, c[i].natural);
	}
	/* nothing essential: down to the last column, which must still fit */
	struct term_column one[2] = {
		{ .natural = 30, .priority = 1 },
		{ .natural = 25, .priority = 2 },
	};
	ck_assert_int_eq(term_fit(one, 2, 2, 26), TERM_TABLE);
	ck_assert(!one[0].shown);
	ck_assert(one[1].shown);
	ck_assert_int_eq(term_fit(one, 2, 2, 24), TERM_EXPANDED);
}
END_TEST

/* A column that dropped before one wider than it comes back when the
 * room that the wider one leaves holds it. */
START_TEST(fit_shows_again_what_fits_after_a_later_drop)
{
	struct term_column c[3] = {
		{ .natural = 50, .priority = TERM_ESSENTIAL },
		{ .natural = 10, .priority = 1 },
		{ .natural = 30, .priority = 2 },
	};
	ck_assert_int_eq(term_fit(c, 3, 2, 72), TERM_TABLE);
	ck_assert(c[0].shown && c[1].shown && !c[2].shown);
	ck_assert_uint_eq(total_width(c, 3, 2), 62);
	/* with room for both once the first goes, the higher one is kept */
	ck_assert_int_eq(term_fit(c, 3, 2, 82), TERM_TABLE);
	ck_assert(c[0].shown && !c[1].shown && c[2].shown);
	ck_assert_uint_eq(c[1].width, c[1].natural);
}
END_TEST

START_TEST(fit_drops_the_rightmost_of_equals)
{
	struct term_column c[3] = {
		{ .natural = 10, .priority = 1 },
		{ .natural = 10, .priority = 1 },
		{ .natural = 10, .priority = 1 },
	};
	ck_assert_int_eq(term_fit(c, 3, 1, 21), TERM_TABLE);
	ck_assert(c[0].shown && c[1].shown && !c[2].shown);
	ck_assert_int_eq(term_fit(c, 3, 1, 10), TERM_TABLE);
	ck_assert(c[0].shown && !c[1].shown && !c[2].shown);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("term");
	TCase *tc = tcase_create("term");
	tcase_add_test(tc, size_from_ioctl_then_environment);
	tcase_add_test(tc, a_pipe_has_no_size);
	tcase_add_test(tc, wrap_at_word_boundaries);
	tcase_add_test(tc, wrap_counts_hangul_double);
	tcase_add_test(tc, long_words_break_by_display_width);
	tcase_add_test(tc, wrap_after_separators);
	tcase_add_test(tc, wrap_prefers_a_space_in_reach);
	tcase_add_test(tc, wrap_keeps_numbers_whole);
	tcase_add_test(tc, wrap_exact_fit);
	tcase_add_test(tc, wrap_hangul_after_separators);
	tcase_add_test(tc, wrap_loses_nothing_and_splits_only_long_words);
	tcase_add_test(tc, newlines_empty_text);
	tcase_add_test(tc, longest_word);
	tcase_add_test(tc, screen_lines_wrap_as_a_terminal_does);
	tcase_add_test(tc, fit_all_when_wide_enough_or_not_a_terminal);
	tcase_add_test(tc, fit_narrows_wrapping_columns_first);
	tcase_add_test(tc, fit_keeps_wrapping_columns_even);
	tcase_add_test(tc, fit_drops_the_least_useful_first);
	tcase_add_test(tc, fit_expanded_when_the_essentials_do_not_fit);
	tcase_add_test(tc, fit_drops_the_rightmost_of_equals);
	tcase_add_test(tc, fit_shows_again_what_fits_after_a_later_drop);
	suite_add_tcase(s, tc);
	return run_suite(s);
}

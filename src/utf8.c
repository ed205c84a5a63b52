/* utf8.c - strict UTF-8 validation, what a value may hold, display width and safe echoes of user text. */
#include "smalog/utf8.h"

#include <stdint.h>
#include <string.h>

struct range {
	uint32_t lo, hi;
};

/* Columns 2: East Asian Wide and Fullwidth, plus the emoji blocks terminals draw wide. */
static const struct range wide[] = {
	{ 0x1100, 0x115F },   { 0x2E80, 0xA4CF },   { 0xAC00, 0xD7A3 },
	{ 0xF900, 0xFAFF },   { 0xFE30, 0xFE4F },   { 0xFF00, 0xFF60 },
	{ 0xFFE0, 0xFFE6 },   { 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF },
	{ 0x20000, 0x3FFFD },
};

/* Columns 0: combining marks draw on the previous character; Jamo medials and
 * finals join the initial before them into one syllable block. */
static const struct range zero[] = {
	{ 0x0300, 0x036F }, { 0x1160, 0x11FF }, { 0x1AB0, 0x1AFF },
	{ 0x200B, 0x200F }, { 0x20D0, 0x20FF }, { 0xFE20, 0xFE2F },
};

static bool in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cp >= r[i].lo && cp <= r[i].hi)
			return true;
	return false;
}

/*
 * Decode the sequence at s[0..len), len >= 1.  Returns its length (1 to 4)
 * and stores the code point in *cp, or returns 0 if the bytes there are not a
 * well-formed sequence.  The second-byte bounds are those of Unicode table
 * 3-7: they alone exclude overlongs, surrogates and values above U+10FFFF.
 */
static size_t decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (len < 2 || s[1] < lo || s[1] > hi)
		return 0;
	v = v << 6 | (s[1] & 0x3F);
	for (size_t i = 2; i < n; i++) {
		if (i >= len || (s[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
	}
	*cp = v;
	return n;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* Format characters (general category Cf, Unicode 15): drawn as nothing,
 * or they change how the text around them is drawn. */
static const struct range format[] = {
	{ 0x00AD, 0x00AD },   { 0x0600, 0x0605 },   { 0x061C, 0x061C },   { 0x06DD, 0x06DD },
	{ 0x070F, 0x070F },   { 0x0890, 0x0891 },   { 0x08E2, 0x08E2 },   { 0x180E, 0x180E },
	{ 0x200B, 0x200F },   { 0x202A, 0x202E },   { 0x2060, 0x2064 },   { 0x2066, 0x206F },
	{ 0xFEFF, 0xFEFF },   { 0xFFF9, 0xFFFB },   { 0x110BD, 0x110BD }, { 0x110CD, 0x110CD },
	{ 0x13430, 0x1343F }, { 0x1BCA0, 0x1BCA3 }, { 0x1D173, 0x1D17A }, { 0xE0001, 0xE0001 },
	{ 0xE0020, 0xE007F },
};

/* Whitespace (the White_Space property) beyond ASCII and the controls. */
static const struct range space[] = {
	{ 0x00A0, 0x00A0 }, { 0x1680, 0x1680 }, { 0x2000, 0x200A }, { 0x2028, 0x2029 },
	{ 0x202F, 0x202F }, { 0x205F, 0x205F }, { 0x3000, 0x3000 },
};

/* Drawn as nothing though not format characters: the combining grapheme
 * joiner, Hangul fillers, Khmer inherent vowels, Mongolian and other
 * variation selectors, the braille blank. */
static const struct range invisible[] = {
	{ 0x034F, 0x034F }, { 0x115F, 0x1160 }, { 0x17B4, 0x17B5 }, { 0x180B, 0x180D },
	{ 0x180F, 0x180F }, { 0x2800, 0x2800 }, { 0x3164, 0x3164 }, { 0xFE00, 0xFE0F },
	{ 0xFFA0, 0xFFA0 }, { 0xE0100, 0xE01EF },
};

/* The ones a user is likely to meet, by name; the rest by their class. */
static const struct {
	uint32_t cp;
	const char *name;
} named[] = {
	{ 0x0020, "a space" },
	{ 0x00A0, "a no-break space" },
	{ 0x00AD, "a soft hyphen" },
	{ 0x200B, "a zero-width space" },
	{ 0x200C, "a zero-width non-joiner" },
	{ 0x200D, "a zero-width joiner" },
	{ 0x200E, "a left-to-right mark" },
	{ 0x200F, "a right-to-left mark" },
	{ 0x2028, "a line separator" },
	{ 0x2029, "a paragraph separator" },
	{ 0x202F, "a narrow no-break space" },
	{ 0x2060, "a word joiner" },
	{ 0x3000, "an ideographic space" },
	{ 0x3164, "a Hangul filler" },
	{ 0xFEFF, "a byte order mark" },
};

/* U+FDD0-FDEF and the last two code points of every plane. */
static bool is_noncharacter(uint32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

static bool is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* What utf8_echo and utf8_write_printable show as '?': anything that moves
 * the cursor, reorders or hides the text around it, or is no character. */
static bool unprintable(uint32_t cp)
{
	return is_control(cp) || is_noncharacter(cp) || in_ranges(cp, format, sizeof format / sizeof format[0]);
}

static const char *name_or(uint32_t cp, const char *class)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].cp == cp)
			return named[i].name;
	return class;
}

/* Why rule refuses cp, or NULL. */
static const char *refusal(uint32_t cp, enum utf8_rule rule)
{
	if (is_control(cp) && (rule == UTF8_KEY || (cp != '\t' && cp != '\n' && cp != '\r')))
		return "a control character";
	if (is_noncharacter(cp))
		return "a noncharacter";
	if (is_bidi_control(cp))
		return "a bidi control";
	if (rule != UTF8_KEY)
		return NULL;
	if (cp == ' ' || in_ranges(cp, space, sizeof space / sizeof space[0]))
		return name_or(cp, "a space character");
	if (in_ranges(cp, format, sizeof format / sizeof format[0]))
		return name_or(cp, "an invisible format character");
	if (in_ranges(cp, invisible, sizeof invisible / sizeof invisible[0]))
		return name_or(cp, "an invisible character");
	return NULL;
}

const char *utf8_refused(const char *s, size_t len, enum utf8_rule rule, uint32_t *cp, size_t *offset)
{
	const unsigned char *u = (const unsigned char *)s;
	/* the lowest byte any rule lets through unexamined: a key's space is
	 * refused, text's is not */
	unsigned char plain = rule == UTF8_KEY ? 0x21 : 0x20;
	for (size_t i = 0; i < len;) {
		/* most cells are printable ASCII, which no rule refuses */
		if (u[i] >= plain && u[i] < 0x7F) {
			i++;
			continue;
		}
		uint32_t c;
		size_t n = decode(u + i, len - i, &c);
		if (n == 0) {
			i++;
			continue;
		}
		const char *why = refusal(c, rule);
		if (why) {
			if (cp)
				*cp = c;
			if (offset)
				*offset = i;
			return why;
		}
		i += n;
	}
	return NULL;
}

bool utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		/* ASCII other than NUL is one well-formed character */
		if (u[i] - 1u < 0x7Fu) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = decode(u + i, len - i, &cp);

		if (n == 0 || cp == 0) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += n;
	}
	return true;
}

size_t utf8_display_width(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t width = 0, i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = decode(u + i, len - i, &cp);

		if (n == 0) {
			width++;
			i++;
			continue;
		}
		i += n;
		if (is_control(cp) || in_ranges(cp, zero, sizeof zero / sizeof zero[0]))
			continue;
		width += in_ranges(cp, wide, sizeof wide / sizeof wide[0]) ? 2 : 1;
	}
	return width;
}

size_t utf8_echo(const char *s, size_t len, char *buf, size_t bufsz)
{
	const unsigned char *u = (const unsigned char *)s;
	char tmp[UTF8_ECHO_SIZE];
	size_t i = 0, o = 0;

	if (buf == NULL || bufsz == 0)
		return 0;
	while (i < len) {
		uint32_t cp;
		size_t n = decode(u + i, len - i, &cp);
		/* one '?' stands for an invalid byte or a whole unprintable character */
		bool bad = n == 0 || unprintable(cp);
		size_t out = bad ? 1 : n;

		if (o + out > UTF8_ECHO_MAX) {
			memcpy(tmp + o, "...", 3);
			o += 3;
			break;
		}
		if (bad)
			tmp[o] = '?';
		else
			memcpy(tmp + o, u + i, n);
		o += out;
		i += n ? n : 1;
	}

	/* a short buf must not end inside a character */
	if (o > bufsz - 1) {
		o = bufsz - 1;
		while (o > 0 && ((unsigned char)tmp[o] & 0xC0) == 0x80)
			o--;
	}
	memcpy(buf, tmp, o);
	buf[o] = '\0';
	return o;
}

void utf8_write_printable(FILE *fp, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = decode(u + i, len - i, &cp);
		if (n == 0 || unprintable(cp))
			fputc('?', fp);
		else
			fwrite(u + i, 1, n, fp);
		i += n ? n : 1;
	}
}

/* utf8.c - strict UTF-8 validation, terminal display width and safe echoing of user text. */
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

bool utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
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
		/* one '?' stands for an invalid byte or a whole control character */
		bool bad = n == 0 || is_control(cp);
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
		if (n == 0 || is_control(cp))
			fputc('?', fp);
		else
			fwrite(u + i, 1, n, fp);
		i += n ? n : 1;
	}
}

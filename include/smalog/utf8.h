/* utf8.h - strict UTF-8 validation, what a value may hold, display width and safe echoes of user text. */
#ifndef SMALOG_UTF8_H
#define SMALOG_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* How many bytes of user text an error message quotes, and the buffer that holds it. */
#define UTF8_ECHO_MAX 60
#define UTF8_ECHO_SIZE (UTF8_ECHO_MAX + sizeof "...")

/*
 * Validate UTF-8 strictly (no overlongs, no surrogates D800-DFFF, max U+10FFFF).
 * Returns true if s[0..len) is valid.  If invalid and bad_offset != NULL, sets
 * it to the byte offset of the first byte that does not begin a well-formed
 * sequence.  NUL bytes inside len are reported as invalid too (text must not
 * contain NUL).
 */
bool utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Which characters a stored value may hold (SPEC section 2, Values). */
enum utf8_rule {
	/* Any text: no noncharacter (U+FFFE, U+FDD0...), no bidi embedding,
	 * override or isolate (U+202A-202E, U+2066-2069), no control but tab,
	 * line feed and carriage return: they break a chart's XML or reorder
	 * and hide what a terminal shows. */
	UTF8_TEXT,
	/* Keys, codes and references: also no whitespace of any kind and no
	 * format or invisible character (NBSP, U+3000, zero-width space and
	 * joiners, BOM, bidi marks, variation selectors, fillers), so that two
	 * keys that look the same are the same key. */
	UTF8_KEY,
};

/*
 * The first character of valid UTF-8 s[0..len) that rule refuses: returns
 * what it is ("a bidi control", "a no-break space", ...) with its code
 * point in *cp and its byte offset in *offset (either may be NULL), or NULL
 * when every character is allowed.  Invalid bytes are utf8_valid's to
 * find; here they are skipped.
 */
const char *utf8_refused(const char *s, size_t len, enum utf8_rule rule, uint32_t *cp, size_t *offset);

/*
 * Display width in terminal columns of valid UTF-8: East Asian Wide and
 * Fullwidth (Hangul syllables U+AC00-D7A3, Hangul Jamo U+1100-115F, CJK
 * U+2E80-A4CF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FF60, U+FFE0-FFE6,
 * U+20000-3FFFD, emoji U+1F300-1F64F, U+1F900-1F9FF) count 2, combining marks
 * (U+0300-036F, U+1AB0-1AFF, U+20D0-20FF, U+FE20-FE2F, Hangul Jamo
 * medial/final U+1160-11FF) and zero-width (U+200B-200F) count 0, everything
 * else 1.  Control characters (C0, DEL, C1) count 0.  A byte that does not
 * begin a well-formed sequence counts 1, as a terminal would show a
 * replacement character for it.
 */
size_t utf8_display_width(const char *s, size_t len);

/*
 * Copy s[0..len) into buf so it can be quoted in a message: at most
 * UTF8_ECHO_MAX bytes, cut on a character boundary with "..." appended when
 * cut, control characters, format characters (bidi controls, zero-width
 * characters), noncharacters and invalid bytes replaced by '?'.  The result is
 * always valid, printable UTF-8.  buf should hold UTF8_ECHO_SIZE bytes; a
 * smaller buf gets a shorter (still NUL-terminated) echo.  Returns the length
 * written, not counting the NUL.
 */
size_t utf8_echo(const char *s, size_t len, char *buf, size_t bufsz);

/*
 * Write s to fp whole, with the characters utf8_echo replaces as '?',
 * as utf8_echo does but without a cut: an error message that quotes what
 * the user typed can then hold no terminal escape and no line break.
 */
void utf8_write_printable(FILE *fp, const char *s);

#endif

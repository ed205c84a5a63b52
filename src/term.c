/* term.c - the terminal that output goes to: its size, wrapping text to a width, and fitting a table's columns. */
#include "smalog/term.h"

#include "smalog/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

static int output_fd = -1;

size_t term_size_from(size_t ioctl_size, const char *env)
{
	if (ioctl_size > 0)
		return ioctl_size;
	if (!env || *env < '1' || *env > '9')
		return 0;
	size_t n = 0;
	for (const char *p = env; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		n = n * 10 + (size_t)(*p - '0');
		if (n > 100000)
			return 0;
	}
	return n;
}

void term_set_output(int fd)
{
	output_fd = fd;
}

/* One dimension of the output terminal: columns or rows. */
static size_t output_size(bool columns)
{
	int fd = output_fd >= 0 ? output_fd : STDOUT_FILENO;
	struct winsize ws = { 0 };

	if (!isatty(fd))
		return 0;
	if (ioctl(fd, TIOCGWINSZ, &ws) != 0)
		ws.ws_col = ws.ws_row = 0;
	return columns ? term_size_from(ws.ws_col, getenv("COLUMNS")) : term_size_from(ws.ws_row, getenv("LINES"));
}

size_t term_columns(void)
{
	return output_size(true);
}

size_t term_rows(void)
{
	return output_size(false);
}

/* The bytes of the character at s[0..len): its whole UTF-8 sequence when
 * well formed, else the one byte (which utf8_display_width counts as a
 * replacement character), so text is never cut inside a sequence. */
static size_t char_len(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

	if (n > len || (n > 1 && !utf8_valid(s, n, NULL)))
		return 1;
	return n;
}

void term_wrap_init(struct term_wrap *w, const char *s, size_t len, size_t width)
{
	*w = (struct term_wrap){ .s = s, .len = len, .width = width ? width : 1 };
}

/* How well a line ends after s[i]: ';' ',' and '/' join the items of a
 * list, the parts of a path or of a source key, and a reader takes a
 * break after one as one between words.  ',' and '/' between two digits
 * are inside a number (1,389,000 or 3/4): a break there is the last
 * resort before cutting.  None when the separator starts the line (a line
 * of only a separator says nothing) or when a space, a newline or another
 * separator follows (the break comes after those). */
enum sep_break { SEP_NONE, SEP_IN_NUMBER, SEP_BETWEEN_WORDS };

static enum sep_break break_after(const char *s, size_t len, size_t start, size_t i)
{
	char c = s[i];

	if ((c != ';' && c != ',' && c != '/') || i == start || i + 1 >= len)
		return SEP_NONE;
	char next = s[i + 1];
	if (next == ' ' || next == '\n' || next == ';' || next == ',' || next == '/')
		return SEP_NONE;
	if (c != ';' && s[i - 1] >= '0' && s[i - 1] <= '9' && next >= '0' && next <= '9')
		return SEP_IN_NUMBER;
	return SEP_BETWEEN_WORDS;
}

/* Whether the word at s[i..] (to the next space, newline or the end)
 * fits width display columns, so that a break before it keeps it whole. */
static bool word_fits(const char *s, size_t len, size_t i, size_t width)
{
	size_t used = 0;

	while (i < len && s[i] != ' ' && s[i] != '\n') {
		size_t n = char_len(s + i, len - i);
		used += utf8_display_width(s + i, n);
		if (used > width)
			return false;
		i += n;
	}
	return true;
}

bool term_wrap_next(struct term_wrap *w, const char **line, size_t *line_len)
{
	const char *s = w->s;
	size_t i = w->pos, used = 0;
	size_t brk = SIZE_MAX; /* end of the line's text before its last run of spaces */
	size_t resume = 0;     /* where the line after that break starts */
	size_t sep = SIZE_MAX; /* just after the last word's last separator between words */
	size_t num = SIZE_MAX; /* just after its last separator inside a number */

	if (w->started && i >= w->len)
		return false;
	w->started = true;
	*line = s + i;
	while (i < w->len && s[i] != '\n') {
		if (s[i] == ' ') {
			size_t j = i;
			while (j < w->len && s[j] == ' ')
				j++;
			if (i == w->pos && j - i >= w->width) {
				/* an indent as wide as the line would leave no room */
				w->pos = i = j;
				*line = s + i;
				continue;
			}
			/* spaces that start a line are its indent, not a break */
			if (i > w->pos) {
				brk = i;
				resume = j;
				sep = num = SIZE_MAX;
			}
			used += j - i;
			i = j;
			continue;
		}
		size_t n = char_len(s + i, w->len - i);
		size_t cw = utf8_display_width(s + i, n);
		if (used + cw > w->width) {
			if (brk != SIZE_MAX && (sep == SIZE_MAX || word_fits(s, w->len, resume, w->width))) {
				/* the word goes whole to the next line */
				*line_len = brk - w->pos;
				w->pos = resume;
			} else if (sep != SIZE_MAX || (brk == SIZE_MAX && num != SIZE_MAX)) {
				/* a word longer than the width ends the line after
				 * a separator; a number only when it has the line
				 * to itself, else it goes whole to the next */
				size_t end = sep != SIZE_MAX ? sep : num;
				*line_len = end - w->pos;
				w->pos = end;
			} else if (i == w->pos) {
				/* wider than the whole width: alone on its line */
				*line_len = n;
				w->pos = i + n;
			} else {
				/* a word longer than the width breaks where it must */
				*line_len = i - w->pos;
				w->pos = i;
			}
			return true;
		}
		enum sep_break b = break_after(s, w->len, w->pos, i);
		if (b == SEP_BETWEEN_WORDS)
			sep = i + 1;
		else if (b == SEP_IN_NUMBER)
			num = i + 1;
		used += cw;
		i += n;
	}
	*line_len = i - w->pos;
	while (*line_len > 0 && (*line)[*line_len - 1] == ' ')
		(*line_len)--;
	/* past the newline; one that ends the text makes no empty line after */
	w->pos = i < w->len ? i + 1 : i;
	return true;
}

size_t term_wrap_lines(const char *s, size_t len, size_t width)
{
	struct term_wrap w;
	const char *line;
	size_t line_len, n = 0;

	term_wrap_init(&w, s, len, width);
	while (term_wrap_next(&w, &line, &line_len))
		n++;
	return n;
}

size_t term_longest_word(const char *s, size_t len)
{
	size_t longest = 0, start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == ' ' || s[i] == '\n') {
			size_t w = utf8_display_width(s + start, i - start);
			if (w > longest)
				longest = w;
			start = i + 1;
		}
	}
	return longest;
}

size_t term_screen_lines(const char *s, size_t len, size_t cols, size_t limit)
{
	size_t lines = 0, col = 0, i = 0;

	while (i < len && lines < limit) {
		if (s[i] == '\n') {
			lines++;
			col = 0;
			i++;
			continue;
		}
		size_t n = char_len(s + i, len - i);
		size_t cw = s[i] == '\t' ? 8 - col % 8 : utf8_display_width(s + i, n);
		if (cols > 0 && col + cw > cols && col > 0) {
			/* the terminal wraps before a character that does not fit */
			lines++;
			col = 0;
			if (s[i] == '\t')
				cw = 8;
		}
		col += cw;
		i += n;
	}
	/* a last line without its newline still takes a line */
	if (col > 0 && lines < limit)
		lines++;
	return lines;
}

/* The width of the shown columns with their separators. */
static size_t shown_width(const struct term_column *cols, size_t ncols, size_t sep)
{
	size_t total = 0, shown = 0;

	for (size_t c = 0; c < ncols; c++) {
		if (cols[c].shown) {
			total += cols[c].width;
			shown++;
		}
	}
	return shown ? total + sep * (shown - 1) : 0;
}

/* The narrowest a column may be shown: a wrapping column's minimum (not
 * above its natural width, not below 1); any other its natural width. */
static size_t narrowest(const struct term_column *col)
{
	if (!col->wraps)
		return col->natural;
	size_t min = col->minimum ? col->minimum : 1;
	return min < col->natural ? min : col->natural;
}

/* Narrow the shown wrapping columns, the widest first, until the table
 * fits term_width or none can narrow further.  Returns whether it fits. */
static bool narrow_to_fit(struct term_column *cols, size_t ncols, size_t sep, size_t term_width)
{
	size_t total = shown_width(cols, ncols, sep);

	while (total > term_width) {
		struct term_column *widest = NULL;
		for (size_t c = 0; c < ncols; c++)
			if (cols[c].shown && cols[c].width > narrowest(&cols[c]) &&
			    (!widest || cols[c].width > widest->width))
				widest = &cols[c];
		if (!widest)
			return false;
		/* one column at a time keeps the wrapping columns even */
		widest->width--;
		total--;
	}
	return true;
}

/* Every shown column back at its natural width. */
static void widen(struct term_column *cols, size_t ncols)
{
	for (size_t c = 0; c < ncols; c++)
		if (cols[c].shown)
			cols[c].width = cols[c].natural;
}

/* After columns have dropped in priority order, the room left may hold
 * one that dropped before a narrower one: show again each dropped
 * column, the highest priority first (the leftmost of equals), that fits
 * beside the shown ones.  The shown columns fit on entry and on return. */
static void show_what_fits(struct term_column *cols, size_t ncols, size_t sep, size_t term_width)
{
	for (;;) {
		struct term_column *best = NULL;
		for (size_t c = 0; c < ncols; c++)
			if (!cols[c].shown && cols[c].width != SIZE_MAX &&
			    (!best || cols[c].priority > best->priority))
				best = &cols[c];
		if (!best)
			break;
		best->shown = true;
		widen(cols, ncols);
		if (!narrow_to_fit(cols, ncols, sep, term_width)) {
			best->shown = false;
			/* tried: not again */
			best->width = SIZE_MAX;
		}
	}
	widen(cols, ncols);
	narrow_to_fit(cols, ncols, sep, term_width);
	for (size_t c = 0; c < ncols; c++)
		if (!cols[c].shown)
			cols[c].width = cols[c].natural;
}

enum term_layout term_fit(struct term_column *cols, size_t ncols, size_t sep, size_t term_width)
{
	for (size_t c = 0; c < ncols; c++) {
		cols[c].shown = true;
		cols[c].width = cols[c].natural;
	}
	if (term_width == 0 || ncols == 0)
		return TERM_TABLE;
	for (;;) {
		if (narrow_to_fit(cols, ncols, sep, term_width)) {
			show_what_fits(cols, ncols, sep, term_width);
			return TERM_TABLE;
		}
		/* the lowest priority drops, the rightmost of equals */
		struct term_column *drop = NULL;
		size_t left = 0;
		for (size_t c = 0; c < ncols; c++) {
			if (!cols[c].shown)
				continue;
			left++;
			if (cols[c].priority != TERM_ESSENTIAL && (!drop || cols[c].priority <= drop->priority))
				drop = &cols[c];
		}
		if (!drop || left == 1)
			break;
		drop->shown = false;
		/* the others may take back the room it leaves */
		for (size_t c = 0; c < ncols; c++)
			cols[c].width = cols[c].natural;
	}
	for (size_t c = 0; c < ncols; c++) {
		cols[c].shown = true;
		cols[c].width = cols[c].natural;
	}
	return TERM_EXPANDED;
}

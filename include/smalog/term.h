/* term.h - the terminal that output goes to: its size, wrapping text to a width, and fitting a table's columns. */
#ifndef SMALOG_TERM_H
#define SMALOG_TERM_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * The size a terminal reports, reduced to one number: ioctl_size is what
 * TIOCGWINSZ gave (0 when it failed or gave 0), env the value of $COLUMNS
 * or $LINES (NULL when unset).  Returns ioctl_size if positive, else env
 * when it is a whole number from 1 to 100000, else 0: unknown, and then
 * nothing is fitted.  Only for a terminal: piped output never asks.
 */
size_t term_size_from(size_t ioctl_size, const char *env);

/*
 * The columns and rows of the terminal that standard output shows on, or
 * 0 when standard output is not a terminal (piped or redirected output is
 * never fitted) or its size is unknown.  TIOCGWINSZ, else $COLUMNS or
 * $LINES.  While the pager holds standard output, the terminal asked is
 * the one smalog started on (term_set_output).
 */
size_t term_columns(void);
size_t term_rows(void);

/*
 * Name the terminal that standard output stands for when standard output
 * itself has been moved elsewhere (the pager's buffer): fd stays the
 * caller's; -1 goes back to standard output.
 */
void term_set_output(int fd);

/*
 * Wrapping free text to a display width (utf8_display_width: Hangul
 * counts 2).  Lines break after the spaces between words, which are
 * dropped at the break, so that a word that fits a line is never split.
 * A word wider than the width (a list of sources, a URL) breaks after a
 * ';', ',' or '/' inside it, the last that fits, and may start on the
 * line before it; after ',' or '/' between two digits (1,389,000) only
 * when the number has the line to itself.  A word with none of these is
 * broken between characters, never inside a UTF-8 sequence; a character
 * wider than the width stands alone on its line.  A newline in the text
 * ends a line.  Empty text is one empty line.  s is borrowed for the
 * life of the wrap.
 */
struct term_wrap {
	const char *s;
	size_t len;
	size_t pos;   /* where the next line starts */
	size_t width; /* at least 1 */
	bool started;
};

void term_wrap_init(struct term_wrap *w, const char *s, size_t len, size_t width);

/* The next line: *line points into the text, *line_len bytes, no
 * trailing spaces, at most the width in display columns (save a lone
 * character wider than it).  Returns false when there is none left. */
bool term_wrap_next(struct term_wrap *w, const char **line, size_t *line_len);

/* How many lines term_wrap makes of s at width. */
size_t term_wrap_lines(const char *s, size_t len, size_t width);

/* The widest word of s in display columns: the narrowest width that
 * wraps s without breaking a word. */
size_t term_longest_word(const char *s, size_t len);

/*
 * How many screen lines text takes on a terminal cols wide that wraps
 * long lines (as less does): each line at least one, a tab advancing to
 * the next multiple of 8.  Stops counting at limit (returns limit) so a
 * long output need not be measured to its end.  cols 0 counts lines only.
 */
size_t term_screen_lines(const char *s, size_t len, size_t cols, size_t limit);

/*
 * One column of a table to fit to the terminal, as the table renderer
 * knows it: natural is its widest cell, header included, in display
 * columns.  A column that wraps (free text) may be shown narrower, down
 * to minimum (say the header's width or its longest word); any other
 * column (numbers, dates, codes) is its natural width or not shown, so a
 * number is never split.  priority says which columns drop first when
 * the table is too wide: the lowest first, the rightmost of equals first;
 * TERM_ESSENTIAL never drops.  term_fit fills shown and width.
 */
enum { TERM_ESSENTIAL = INT_MAX };

struct term_column {
	size_t natural;
	size_t minimum;
	bool wraps;
	int priority;
	bool shown;   /* out */
	size_t width; /* out: display columns, when shown */
};

enum term_layout {
	TERM_TABLE,    /* the shown columns, at their widths, fit */
	TERM_EXPANDED, /* not even the essential columns fit: one field per line */
};

/*
 * Fit ncols columns, separated by sep display columns ("  " is 2), into
 * term_width columns (0: not a terminal, so every column shows at its
 * natural width).  First wrapping columns narrow, the widest first,
 * toward their minimum; when that is not enough the lowest priority
 * column drops and the rest are fitted again; once they fit, a dropped
 * column that fits in the room left (one that dropped before a wider
 * one) is shown again, the highest priority first.  Returns TERM_TABLE with
 * shown and width set for each column, or TERM_EXPANDED (every column
 * shown at its natural width) when the essential columns, or the last
 * column left, do not fit even at their minimum.
 */
enum term_layout term_fit(struct term_column *cols, size_t ncols, size_t sep, size_t term_width);

#endif

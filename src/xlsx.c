/* xlsx.c - sheets of rows as an .xlsx workbook (libxlsxwriter), typed for a spreadsheet. */
#include "smalog/xlsx.h"

#include "smalog/date.h"
#include "smalog/error.h"
#include "smalog/memory.h"
#include "smalog/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* A column wider than this is cut to it on screen (the cell keeps all). */
enum { MAX_WIDTH = 60, MIN_WIDTH = 6 };

struct xlsx {
	int fd;              /* the anonymous memory file the workbook goes to */
	char path[64];       /* its name, as libxlsxwriter opens it */
	lxw_workbook *book;
	lxw_format *header, *day, *whole, *decimal;
	/* the sheet being written; those before it are complete */
	lxw_worksheet *sheet;
	struct out_column *cols;
	size_t ncols;
	size_t nsheet;       /* sheet columns: dates count three */
	size_t *width;       /* per sheet column, display columns */
	lxw_row_t row;       /* the next row to write */
	struct sbuf plain;   /* a cell's text, valid UTF-8 */
	struct sbuf text;    /* and as the cell holds it (cell_text) */
};

/* Excel's limits: rows in a sheet, characters in a cell. */
#define SHEET_ROWS 1048576u
#define CELL_CHARS 32767u

static void widen(struct xlsx *x, lxw_col_t col, size_t w)
{
	if (w > x->width[col])
		x->width[col] = w;
}

/* Whether s (NUL-terminated) starts with "_xHHHH_", which a spreadsheet
 * reads as an escaped character (OOXML's ST_Xstring). */
static bool xstring_escape(const char *s)
{
	if (s[0] != '_' || s[1] != 'x')
		return false;
	for (int i = 2; i < 6; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return s[6] == '_';
}

/*
 * s[0..len) into x->text, NUL-terminated, as a cell holds it: each invalid
 * byte and U+FFFE and U+FFFF (which XML 1.0 does not allow: a reader
 * would refuse the whole file) as U+FFFD, and a literal "_xHHHH_" escaped
 * as "_x005F_xHHHH_" so a spreadsheet shows it as typed.  (libxlsxwriter
 * escapes control characters itself.)
 */
static const char *cell_text(struct xlsx *x, const char *s, size_t len)
{
	size_t bad;

	x->plain.len = 0;
	while (len > 0 && !utf8_valid(s, len, &bad)) {
		sb_add(&x->plain, s, bad);
		sb_adds(&x->plain, "\xEF\xBF\xBD");
		s += bad + 1;
		len -= bad + 1;
	}
	sb_add(&x->plain, s, len);
	const char *p = sb_str(&x->plain);
	x->text.len = 0;
	for (size_t i = 0; i < x->plain.len; i++) {
		if (p[i] == '\xEF' && p[i + 1] == '\xBF' && (p[i + 2] == '\xBE' || p[i + 2] == '\xBF')) {
			sb_adds(&x->text, "\xEF\xBF\xBD");
			i += 2;
			continue;
		}
		if (xstring_escape(p + i))
			sb_adds(&x->text, "_x005F");
		sb_addc(&x->text, p[i]);
	}
	return sb_str(&x->text);
}

/* libxlsxwriter's error as smalog's. */
static int book_error(lxw_error err, const char *what)
{
	return sm_error(EX_SOFTWARE, "cannot write the .xlsx %s: %s", what, lxw_strerror(err));
}

static int put_text(struct xlsx *x, lxw_col_t col, const char *s, size_t len)
{
	const char *t = cell_text(x, s, len);
	size_t chars = 0;
	for (const char *p = t; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	if (chars > CELL_CHARS)
		return sm_error(EX_DATAERR, "a value of %zu characters is longer than a spreadsheet cell holds (%u)",
				chars, CELL_CHARS);
	lxw_error err = worksheet_write_string(x->sheet, x->row, col, t, NULL);
	if (err)
		return book_error(err, "cell");
	widen(x, col, utf8_display_width(t, strlen(t)));
	return 0;
}

static int put_number(struct xlsx *x, lxw_col_t col, double n, lxw_format *fmt)
{
	char buf[64];
	lxw_error err = worksheet_write_number(x->sheet, x->row, col, n, fmt);
	if (err)
		return book_error(err, "cell");
	/* room for the digits and the thousands separators */
	int w = snprintf(buf, sizeof buf, fmt == x->decimal ? "%.2f" : "%.0f", n);
	widen(x, col, (size_t)w + (fmt == x->whole ? (size_t)w / 3 : 0));
	return 0;
}

/* "YYYY-MM-DD" as a date cell; false if it is not one Excel can show
 * (before 1900, whose serials Excel does not have). */
static bool put_day(struct xlsx *x, lxw_col_t col, const char *day, int *rc)
{
	int y, m, d;
	if (sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1900)
		return false;
	lxw_datetime dt = { .year = y, .month = m, .day = d };
	lxw_error err = worksheet_write_datetime(x->sheet, x->row, col, &dt, x->day);
	*rc = err ? book_error(err, "cell") : 0;
	widen(x, col, 10);
	return true;
}

/* The first and last day of a date's text into days; false if the text
 * is not a date. */
static bool date_days(const char *s, size_t len, char days[2][DATE_TEXT_SIZE])
{
	char text[64];
	struct sm_date d;

	if (len >= sizeof text)
		return false;
	memcpy(text, s, len);
	text[len] = '\0';
	if (date_parse(text, &d, NULL, 0) != 0)
		return false;
	int32_t ymd[2] = { date_first_ymd(&d), date_last_ymd(&d) };
	for (int i = 0; i < 2; i++)
		snprintf(days[i], DATE_TEXT_SIZE, "%04d-%02d-%02d", (int)(ymd[i] / 10000), (int)(ymd[i] / 100 % 100),
			 (int)(ymd[i] % 100));
	return true;
}

/* A date column's cell and its first and last day, from col on. */
static int put_date(struct xlsx *x, lxw_col_t col, const struct out_value *v)
{
	char days[2][DATE_TEXT_SIZE];
	int rc = 0;

	if (v->kind != VAL_TEXT || !v->s)
		return v->kind == VAL_NULL ? 0 : put_text(x, col, "", 0);
	bool known = date_days(v->s, v->len, days);
	/* an exact day is a date; "2020-03~" stays text, as typed */
	bool exact = known && v->len == 10 && memcmp(v->s, days[0], 10) == 0 && strcmp(days[0], days[1]) == 0;
	if (!(exact && put_day(x, col, days[0], &rc)))
		rc = put_text(x, col, v->s, v->len);
	for (int end = 0; known && rc == 0 && end < 2; end++)
		if (!put_day(x, col + 1 + (lxw_col_t)end, days[end], &rc))
			rc = put_text(x, col + 1 + (lxw_col_t)end, days[end], strlen(days[end]));
	return rc;
}

/* Whole numbers beyond 2^53 lose digits as a spreadsheet's doubles:
 * those stay text, exact. */
static bool exact_double(int64_t i)
{
	return i >= -(INT64_C(1) << 53) && i <= (INT64_C(1) << 53);
}

/* Text that is a plain number ("-5", "13.00"), parsed into *n. */
static bool number_text(const char *s, size_t len, double *n, bool *whole)
{
	char buf[40];
	size_t i = len > 0 && s[0] == '-', digits;

	if (len == 0 || len >= sizeof buf)
		return false;
	digits = i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == digits)
		return false;
	*whole = i == len;
	if (i < len && s[i] == '.') {
		size_t frac = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == frac)
			return false;
	}
	if (i != len)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*n = strtod(buf, NULL);
	/* a whole number too long for a double stays text */
	if (*whole && (len - (s[0] == '-') > 15))
		return false;
	return true;
}

static int put_value(struct xlsx *x, lxw_col_t col, const struct out_column *c, const struct out_value *v)
{
	bool numeric = c->type == OUT_INT || c->type == OUT_AMOUNT || c->type == OUT_COUNT || c->type == OUT_DECIMAL;
	lxw_format *fmt = c->type == OUT_DECIMAL ? x->decimal
			  : c->type == OUT_AMOUNT || c->type == OUT_COUNT ? x->whole : NULL;
	double n;
	bool whole;
	char buf[32];

	switch (v->kind) {
	case VAL_NULL:
		return 0;
	case VAL_INT:
		if (!exact_double(v->i) || c->type == OUT_TEXT || c->type == OUT_DATE) {
			snprintf(buf, sizeof buf, "%lld", (long long)v->i);
			return put_text(x, col, buf, strlen(buf));
		}
		return put_number(x, col, (double)v->i, fmt);
	case VAL_REAL:
		if (!isfinite(v->r) || c->type == OUT_TEXT || c->type == OUT_DATE) {
			snprintf(buf, sizeof buf, "%.17g", v->r);
			return put_text(x, col, buf, strlen(buf));
		}
		return put_number(x, col, v->r, fmt);
	case VAL_TEXT:
		if (!v->s)
			return 0;
		/* an approximate amount ("5000000000~") is text, mark and all */
		if (numeric && number_text(v->s, v->len, &n, &whole))
			return put_number(x, col, n, fmt);
		return put_text(x, col, v->s, v->len);
	}
	return 0;
}

/* Forget the current sheet's columns and widths. */
static void sheet_release(struct xlsx *x)
{
	for (size_t c = 0; c < x->ncols; c++)
		free((char *)x->cols[c].name);
	free(x->cols);
	free(x->width);
	x->cols = NULL;
	x->width = NULL;
	x->ncols = x->nsheet = 0;
	x->sheet = NULL;
}

/* Complete the current sheet, if any: the header stays in view, the
 * filter covers the header and data, each column as wide as its widest
 * cell (within limits). */
static void sheet_close(struct xlsx *x)
{
	if (!x->sheet)
		return;
	worksheet_freeze_panes(x->sheet, 1, 0);
	if (x->nsheet > 0)
		worksheet_autofilter(x->sheet, 0, 0, x->row - 1, (lxw_col_t)(x->nsheet - 1));
	for (size_t c = 0; c < x->nsheet; c++) {
		size_t w = x->width[c] + 2; /* and the filter's button */
		w = w < MIN_WIDTH ? MIN_WIDTH : w > MAX_WIDTH ? MAX_WIDTH : w;
		worksheet_set_column(x->sheet, (lxw_col_t)c, (lxw_col_t)c, (double)w, NULL);
	}
	sheet_release(x);
}

static void xlsx_free(struct xlsx *x)
{
	if (x->fd >= 0)
		close(x->fd);
	sheet_release(x);
	sb_release(&x->plain);
	sb_release(&x->text);
	free(x);
}

struct xlsx *xlsx_new(void)
{
	struct xlsx *x = xcalloc(1, sizeof *x);

	x->fd = memfd_create("smalog-xlsx", MFD_CLOEXEC);
	if (x->fd < 0) {
		sm_error(EX_OSERR, "cannot make room for the .xlsx workbook: %s", strerror(errno));
		xlsx_free(x);
		return NULL;
	}
	snprintf(x->path, sizeof x->path, "/proc/self/fd/%d", x->fd);
	x->book = workbook_new(x->path);
	if (!x->book) {
		sm_error(EX_SOFTWARE, "cannot start the .xlsx workbook");
		xlsx_free(x);
		return NULL;
	}
	x->header = workbook_add_format(x->book);
	format_set_bold(x->header);
	x->day = workbook_add_format(x->book);
	format_set_num_format(x->day, "yyyy-mm-dd");
	x->whole = workbook_add_format(x->book);
	format_set_num_format(x->whole, "#,##0");
	x->decimal = workbook_add_format(x->book);
	format_set_num_format(x->decimal, "0.00");
	return x;
}

int xlsx_sheet(struct xlsx *x, const char *name, const struct out_column *cols, size_t ncols)
{
	size_t nsheet = 0;
	for (size_t c = 0; c < ncols; c++)
		nsheet += cols[c].type == OUT_DATE ? 3 : 1;
	if (nsheet > LXW_COL_MAX)
		return sm_error(EX_DATAERR, "%zu columns are more than a spreadsheet holds (%d)", nsheet, LXW_COL_MAX);
	lxw_error err = name ? workbook_validate_sheet_name(x->book, name) : LXW_NO_ERROR;
	if (err)
		return sm_error(EX_SOFTWARE, "cannot name a sheet '%s': %s", name, lxw_strerror(err));
	sheet_close(x);
	x->sheet = workbook_add_worksheet(x->book, name);
	if (!x->sheet)
		return sm_error(EX_SOFTWARE, "cannot add a sheet to the .xlsx workbook");
	x->cols = xcalloc(ncols ? ncols : 1, sizeof *x->cols);
	x->ncols = ncols;
	x->nsheet = nsheet;
	for (size_t c = 0; c < ncols; c++) {
		x->cols[c].name = xstrdup(cols[c].name ? cols[c].name : "");
		x->cols[c].type = cols[c].type;
	}
	x->width = xcalloc(nsheet ? nsheet : 1, sizeof *x->width);

	lxw_col_t col = 0;
	char head[256];
	for (size_t c = 0; c < ncols && !err; c++) {
		for (int part = 0; part < (cols[c].type == OUT_DATE ? 3 : 1) && !err; part++, col++) {
			snprintf(head, sizeof head, "%s%s", x->cols[c].name,
				 part == 0 ? "" : part == 1 ? "_start" : "_end");
			const char *t = cell_text(x, head, strlen(head));
			err = worksheet_write_string(x->sheet, 0, col, t, x->header);
			widen(x, col, utf8_display_width(t, strlen(t)));
		}
	}
	x->row = 1;
	return err ? book_error(err, "header") : 0;
}

struct xlsx *xlsx_open(const struct out_column *cols, size_t ncols)
{
	struct xlsx *x = xlsx_new();
	if (x && xlsx_sheet(x, NULL, cols, ncols) != 0) {
		xlsx_abort(x);
		return NULL;
	}
	return x;
}

int xlsx_row(struct xlsx *x, const struct out_value *vals)
{
	if (!x->sheet)
		BUG("a row for a workbook with no sheet");
	if (x->row >= SHEET_ROWS)
		return sm_error(EX_DATAERR, "more rows than a spreadsheet sheet holds (%u with the header)", SHEET_ROWS);
	lxw_col_t col = 0;
	for (size_t c = 0; c < x->ncols; c++) {
		int rc = x->cols[c].type == OUT_DATE ? put_date(x, col, &vals[c])
						       : put_value(x, col, &x->cols[c], &vals[c]);
		if (rc)
			return rc;
		col += x->cols[c].type == OUT_DATE ? 3 : 1;
	}
	x->row++;
	return 0;
}

int xlsx_finish(struct xlsx *x, struct sbuf *out)
{
	sheet_close(x);
	lxw_error err = workbook_close(x->book);
	x->book = NULL;
	if (err) {
		int rc = book_error(err, "workbook");
		xlsx_free(x);
		return rc;
	}
	/* the workbook is in the memory file now: hand its bytes over */
	off_t size = lseek(x->fd, 0, SEEK_END);
	if (size < 0 || lseek(x->fd, 0, SEEK_SET) < 0) {
		int rc = sm_error(EX_OSERR, "cannot read the .xlsx workbook back: %s", strerror(errno));
		xlsx_free(x);
		return rc;
	}
	sb_grow(out, (size_t)size);
	for (size_t got = 0; got < (size_t)size;) {
		ssize_t n = read(x->fd, out->p + out->len, (size_t)size - got);
		if (n <= 0) {
			int rc = sm_error(EX_OSERR, "cannot read the .xlsx workbook back: %s",
					  n < 0 ? strerror(errno) : "file ended early");
			xlsx_free(x);
			return rc;
		}
		got += (size_t)n;
		out->len += (size_t)n;
	}
	xlsx_free(x);
	return 0;
}

void xlsx_abort(struct xlsx *x)
{
	if (!x)
		return;
	/* libxlsxwriter has no way to drop a workbook unwritten: close it
	 * into the memory file, which goes with it */
	if (x->book)
		workbook_close(x->book);
	xlsx_free(x);
}

/* csv_reader.c - reads CSV with libcsv as a stream: rows of cells with physical line numbers, within limits. */
#include "smalog/csv_reader.h"

#include "smalog/error.h"
#include "smalog/memory.h"
#include "smalog/utf8.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The most a single field, or a whole row, may hold, and the most columns a
 * header may name: far beyond any record, and small enough that a hostile
 * file (a line that never ends, a 100 MB cell, a header of commas) is
 * refused long before it exhausts memory.  Cells past the header's width
 * are checked and counted but not kept, so a data row's memory is bounded
 * by the header. */
enum { FIELD_MAX = 64 << 20, ROW_MAX = 64 << 20, COLUMNS_MAX = 65536 };
#define FIELD_MAX_TEXT "64 MiB"
#define ROW_MAX_TEXT "64 MiB"

/* A cell of the row being assembled: its text lives in reader.text at off. */
struct cell_ref {
	size_t off, len;
	long line;
	bool null;
};

struct reader {
	const struct csvr_config *cfg;
	struct csv_parser parser;
	long line;       /* the physical line being fed to the parser */
	bool after_cr;   /* the last piece fed ended with a CR */
	bool bom;        /* the input started with a UTF-8 BOM, as export --excel writes it */
	bool carried;    /* a quoted cell is open across the end of a line... */
	long open_line;  /* ...and it started on this line */
	int rc;          /* the first error; the callbacks do nothing once set */
	int64_t rows;    /* data rows seen */
	size_t row_bytes; /* of the cells of the row so far, kept or not */

	/* the row being assembled, reused for every row so a row costs no malloc */
	char *text;
	size_t text_len, text_cap;
	struct cell_ref *cells;
	size_t ncells, cells_cap;
	struct csvr_cell *fields;
	size_t fields_cap;

	/* the header's names, for messages; ncols is 0 until the header is read */
	char *names;
	size_t *name_off;
	size_t ncols;
};

/* "column 'date'" for column i, or "column 14" past the header or in it.
 * The name is the file's own text, so it is echoed safely: a quoted header
 * cell may hold a line end or a terminal escape. */
static const char *column_label(const struct reader *r, size_t i, char *buf, size_t bufsz)
{
	if (i < r->ncols) {
		const char *name = r->names + r->name_off[i];
		char echo[UTF8_ECHO_SIZE];
		utf8_echo(name, strlen(name), echo, sizeof echo);
		snprintf(buf, bufsz, "column '%s'", echo);
	} else
		snprintf(buf, bufsz, "column %zu", i + 1);
	return buf;
}

/* Record an error about the cell being read: "FILE:LINE: column 'x': why". */
__attribute__((format(printf, 3, 4)))
static void cell_error(struct reader *r, long line, const char *fmt, ...)
{
	char label[160], why[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	r->rc = sm_error(EX_DATAERR, "%s:%ld: %s: %s", r->cfg->name, line,
			 column_label(r, r->ncells, label, sizeof label), why);
}

/* Refuse a field of len bytes, or a row of r->row_bytes and that field,
 * beyond the limits, or one more header cell past COLUMNS_MAX; the field
 * starts on line.  Returns r->rc. */
static int check_size(struct reader *r, size_t len, long line)
{
	if (r->rc)
		return r->rc;
	if (len > FIELD_MAX)
		cell_error(r, line, "field longer than " FIELD_MAX_TEXT);
	else if (r->row_bytes + len > ROW_MAX)
		r->rc = sm_error(EX_DATAERR, "%s:%ld: row longer than " ROW_MAX_TEXT, r->cfg->name,
				 r->ncells > 0 ? r->cells[0].line : line);
	else if (r->ncols == 0 && r->ncells >= COLUMNS_MAX)
		r->rc = sm_error(EX_DATAERR, "%s:%ld: the header has more than %d columns", r->cfg->name, line,
				 COLUMNS_MAX);
	return r->rc;
}

/* Is s[0..len) ASCII without a NUL, so valid UTF-8 without decoding it?
 * Most cells are: a word at a time, their check costs a fraction of a
 * decode per byte. */
static bool plain_ascii(const char *s, size_t len)
{
	const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, sizeof w);
		/* a byte of 0x80 or more, or a zero byte */
		if ((w & high) || ((w - ones) & ~w & high))
			return false;
	}
	for (; i < len; i++)
		if ((unsigned char)s[i] - 1u >= 0x7fu)
			return false;
	return true;
}

/* A UTF-8 sequence that the end of the cell cut short ("\xed\x95"): its
 * lead byte followed by fewer continuation bytes than it needs.  Such a
 * cell is damaged UTF-8, not a Korean Excel's file, even where its bytes
 * would also read as a CP949 pair. */
static bool utf8_cut_short(const unsigned char *s, size_t len)
{
	if (len == 0)
		return false;
	size_t need = 0;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 4;
	if (len >= need)
		return false;
	for (size_t i = 1; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return false;
	return true;
}

/* Does s[0..len), invalid UTF-8 from its start, read as CP949 (Korean
 * Excel's "CSV"): ASCII, and pairs of a lead byte 0x81-0xFE and a trail
 * byte 0x41-0x5A, 0x61-0x7A or 0x81-0xFE?  Latin-1 text (a lone accented
 * letter before a space or the cell's end) does not. */
static bool looks_cp949(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] < 0x80)
			continue;
		if (s[i] == 0x80 || s[i] == 0xff || i + 1 == len)
			return false;
		unsigned char t = s[++i];
		if (!((t >= 0x41 && t <= 0x5a) || (t >= 0x61 && t <= 0x7a) || (t >= 0x81 && t <= 0xfe)))
			return false;
	}
	return true;
}

/* What --excel's export puts before a cell that a spreadsheet would run:
 * the cell starts with one of these (src/output.c's formula_start). */
static bool defused(const char *s, size_t len)
{
	return len >= 2 && s[0] == '\'' && memchr("=+-@\t\r", s[1], 6);
}

/* libcsv's field callback: check the cell and keep a copy for the row. */
static void on_cell(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (r->rc)
		return;
	long line = r->carried ? r->open_line : r->line;
	r->carried = false;
	if (check_size(r, len, line))
		return;
	r->row_bytes += len + 1;
	size_t bad;
	if (s && !plain_ascii(s, len) && !utf8_valid(s, len, &bad)) {
		const char *p = s;
		long at = line;
		/* line ends as feed counts them: LF, CR LF, a lone CR */
		for (size_t i = 0; i < bad; i++)
			at += p[i] == '\n' || (p[i] == '\r' && p[i + 1] != '\n');
		if (p[bad] == '\0')
			cell_error(r, at, "contains a NUL byte");
		else if (!utf8_cut_short((const unsigned char *)p + bad, len - bad) &&
			 looks_cp949((const unsigned char *)p + bad, len - bad))
			cell_error(r, at, "not UTF-8; saved by a Korean Excel? use --encoding cp949");
		else
			cell_error(r, at, "not valid UTF-8 (byte %zu)", bad + 1);
		return;
	}
	if (s && defused(s, len)) {
		/* a file from export --excel, read as it is, would keep the '
		 * in every such cell, with its BOM or saved back by a spreadsheet
		 * that kept the ' as text (LibreOffice does) */
		if (!r->cfg->excel) {
			cell_error(r, line, "starts with the ' that 'export --excel' puts before = + - @: use --excel to drop it");
			return;
		}
		s = (char *)s + 1;
		len--;
	}
	if (r->ncols > 0 && r->ncells >= r->ncols) {
		r->ncells++; /* too wide: on_row says so, with the count */
		return;
	}
	r->cells = xgrow(r->cells, &r->cells_cap, r->ncells + 1, sizeof *r->cells);
	r->text = xgrow(r->text, &r->text_cap, r->text_len + len + 1, 1);
	r->cells[r->ncells++] = (struct cell_ref){ r->text_len, len, line, s == NULL };
	if (len)
		memcpy(r->text + r->text_len, s, len);
	r->text_len += len;
	r->text[r->text_len++] = '\0';
}

/* The row as csvr_cell values; pointers into r->text, valid until the next row. */
static const struct csvr_cell *row_fields(struct reader *r)
{
	r->fields = xgrow(r->fields, &r->fields_cap, r->ncells ? r->ncells : 1, sizeof *r->fields);
	for (size_t i = 0; i < r->ncells; i++) {
		const struct cell_ref *c = &r->cells[i];
		r->fields[i] = (struct csvr_cell){ c->null ? NULL : r->text + c->off, c->len, c->line };
	}
	return r->fields;
}

/* Keep the header's names for messages about later rows. */
static void keep_header(struct reader *r)
{
	r->names = malloc(r->text_len ? r->text_len : 1);
	r->name_off = malloc(r->ncells * sizeof *r->name_off);
	if (!r->names || !r->name_off)
		die_oom();
	memcpy(r->names, r->text, r->text_len);
	for (size_t i = 0; i < r->ncells; i++)
		r->name_off[i] = r->cells[i].off;
	r->ncols = r->ncells;
}

/* The delimiters --delimiter names, as the header would show them. */
static const struct {
	char c;
	const char *one, *many, *option, *why;
} delimiters[] = {
	{ ',', "comma", "commas", "','", "" },
	{ ';', "semicolon", "semicolons", "';'", "a CSV from a European Excel? " },
	{ '\t', "tab", "tabs", "TAB", "a tab-separated file? " },
};
enum { NDELIMITERS = sizeof delimiters / sizeof delimiters[0] };

/* A header of one cell without the delimiter, but with another that
 * --delimiter offers, is a file cut by that one: refuse it, naming the
 * option, before its one long name is taken for a column.  Returns r->rc. */
static int check_delimiter(struct reader *r, char delim)
{
	if (r->ncells != 1 || r->cells[0].null)
		return 0;
	const char *text = r->text + r->cells[0].off;
	size_t len = r->cells[0].len, used = 0;
	while (used < NDELIMITERS && delimiters[used].c != delim)
		used++;
	if (used == NDELIMITERS)
		BUG("no such delimiter");
	for (size_t d = 0; d < NDELIMITERS; d++) {
		size_t count = 0;
		for (size_t i = 0; i < len; i++)
			count += text[i] == delimiters[d].c;
		if (d == used || count == 0)
			continue;
		r->rc = sm_error(EX_DATAERR, "%s:%ld: the header has no %s but %zu %s: %suse --delimiter %s",
				 r->cfg->name, r->cells[0].line, delimiters[used].one, count,
				 count == 1 ? delimiters[d].one : delimiters[d].many, delimiters[d].why,
				 delimiters[d].option);
		break;
	}
	return r->rc;
}

char csvr_delimiter(const char *name)
{
	if (strcmp(name, "TAB") == 0 || strcmp(name, "tab") == 0 || strcmp(name, "\\t") == 0)
		return '\t';
	for (size_t d = 0; d < NDELIMITERS; d++)
		if (name[0] == delimiters[d].c && name[1] == '\0')
			return delimiters[d].c;
	return 0;
}

int csvr_check_encoding(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return sm_error(EX_USAGE, "unknown encoding '%s' (Korean Excel saves cp949; also euc-kr, latin1, utf-16)",
				name);
	iconv_close(cd);
	return 0;
}

/* libcsv's row callback: the header first, then each row. */
static void on_row(int c, void *data)
{
	struct reader *r = data;
	(void)c;
	if (r->rc)
		return;
	if (r->ncols == 0) {
		if (check_delimiter(r, r->cfg->delim ? r->cfg->delim : ','))
			return;
		const struct csvr_cell *f = row_fields(r);
		keep_header(r);
		r->rc = r->cfg->header ? r->cfg->header(r->cfg->arg, f, r->ncells) : 0;
	} else if (r->ncells != r->ncols) {
		r->rc = sm_error(EX_DATAERR, "%s:%ld: row has %zu field%s but the header has %zu", r->cfg->name,
				 r->cells[0].line, r->ncells, r->ncells == 1 ? "" : "s", r->ncols);
	} else {
		r->rows++;
		r->rc = r->cfg->row ? r->cfg->row(r->cfg->arg, row_fields(r), r->ncells, r->cells[0].line) : 0;
	}
	r->ncells = 0;
	r->text_len = 0;
	r->row_bytes = 0;
}

/* The parser stopped on a quote where strict RFC 4180 allows none. */
static void quote_error(struct reader *r)
{
	if (r->parser.quoted)
		cell_error(r, r->line, "text after the closing quote (a quote inside a quoted field is written twice: \"\")");
	else
		cell_error(r, r->line, "a quote inside an unquoted field (quote the whole field and write the quote twice: \"\")");
}

static void reader_release(struct reader *r)
{
	csv_free(&r->parser);
	free(r->text);
	free(r->cells);
	free(r->fields);
	free(r->names);
	free(r->name_off);
}

/* Feed one block to the parser a physical line at a time, so that every
 * callback knows the line it is on.  A line ends at LF, CR LF or a lone CR
 * (libcsv ends a row at each), and a CR LF split between two blocks is one
 * line end.  Returns 0 or sets r->rc. */
static int feed(struct reader *r, const unsigned char *p, size_t n)
{
	while (n > 0 && r->rc == 0) {
		const unsigned char *nl = memchr(p, '\n', n);
		const unsigned char *cr = memchr(p, '\r', nl ? (size_t)(nl - p) : n);
		const unsigned char *end = cr ? cr : nl;
		size_t len = end ? (size_t)(end - p) + 1 : n;
		/* the LF of a CR LF whose CR ended the previous piece */
		bool same_line_end = r->after_cr && len == 1 && p[0] == '\n';
		r->after_cr = cr != NULL;
		size_t done = csv_parse(&r->parser, p, len, on_cell, on_row, r);
		if (r->rc)
			break;
		if (done < len) {
			if (csv_error(&r->parser) == CSV_EPARSE)
				quote_error(r);
			else
				r->rc = sm_error(EX_SOFTWARE, "%s:%ld: %s", r->cfg->name, r->line,
						 csv_strerror(csv_error(&r->parser)));
			break;
		}
		/* the cell still open (one that never ends grows here) */
		if (check_size(r, r->parser.entry_pos, r->carried ? r->open_line : r->line))
			break;
		/* libcsv grows a cell's buffer by a fixed step: a step as big as
		 * the buffer makes the growth geometric, so a long cell costs
		 * linear time, not a copy of the whole buffer every 4 KiB */
		if (r->parser.entry_size > r->parser.blk_size)
			csv_set_blk_size(&r->parser, r->parser.entry_size);
		if (end && !same_line_end) {
			/* only a quoted cell stays open across a line end */
			if (r->parser.quoted && !r->carried) {
				r->carried = true;
				r->open_line = r->line;
			}
			r->line++;
		}
		p += len;
		n -= len;
	}
	return r->rc;
}

/* Converted text is fed this much at most at a time: UTF-8 takes at most
 * 4 bytes for a character that any encoding takes 1 byte or more for. */
enum { CONVERT_OUT = 4 * CSVR_READ_BLOCK, CONVERT_CARRY = 16 };

/* The conversion of the input to UTF-8 (csvr_config.encoding). */
struct convert {
	iconv_t cd;
	char *out;   /* CONVERT_OUT bytes */
	size_t have; /* bytes read and not converted yet, at the start of the buffer */
};

/* The converted text to the parser, its first UTF-8 BOM skipped (a file
 * named "UTF-8" explicitly may have one; iconv leaves it). */
static void feed_converted(struct reader *r, size_t len, const char *out, bool *first)
{
	size_t skip = 0;
	if (len > 0 && *first) {
		if (len >= 3 && memcmp(out, "\xEF\xBB\xBF", 3) == 0)
			skip = 3;
		r->bom = skip > 0;
		*first = false;
	}
	feed(r, (const unsigned char *)out + skip, len - skip);
}

/* Convert and feed what buf holds (cv->have bytes); a character cut by the
 * block's end stays at buf's start for the next block.  A byte invalid in
 * the encoding is refused on the line it is on: everything before it has
 * been fed, so r->line is that line. */
static void convert(struct reader *r, struct convert *cv, unsigned char *buf, bool *first)
{
	char *in = (char *)buf;
	size_t left = cv->have;
	while (left > 0 && r->rc == 0) {
		char *out = cv->out;
		size_t room = CONVERT_OUT;
		size_t done = iconv(cv->cd, &in, &left, &out, &room);
		int err = done == (size_t)-1 ? errno : 0;
		feed_converted(r, (size_t)(out - cv->out), cv->out, first);
		if (r->rc || err == EINVAL)
			break;
		if (err == EILSEQ)
			cell_error(r, r->line, "not valid %s (byte 0x%02X)", r->cfg->encoding, (unsigned char)*in);
		else if (err && err != E2BIG)
			r->rc = sm_error(EX_SOFTWARE, "%s:%ld: converting from %s: %s", r->cfg->name, r->line,
					 r->cfg->encoding, strerror(err));
	}
	if (left > CONVERT_CARRY)
		BUG("a character longer than %d bytes", CONVERT_CARRY);
	memmove(buf, in, left);
	cv->have = left;
}

/* The input's end: a character cut there is refused; a stateful encoding
 * writes what it holds back. */
static void convert_end(struct reader *r, struct convert *cv, bool *first)
{
	if (cv->have > 0) {
		cell_error(r, r->line, "the file ends inside a %s character", r->cfg->encoding);
		return;
	}
	char *out = cv->out;
	size_t room = CONVERT_OUT;
	if (iconv(cv->cd, NULL, NULL, &out, &room) != (size_t)-1)
		feed_converted(r, (size_t)(out - cv->out), cv->out, first);
}

static int never_space(unsigned char c)
{
	(void)c;
	return 0;
}

int csvr_read(FILE *fp, const struct csvr_config *cfg, uint64_t *bytes)
{
	struct reader r = { .cfg = cfg, .line = 1 };
	/* STRICT_FINI: an unterminated quote is an error, not a merged row.
	 * No APPEND_NULL: on_cell copies each cell with its length anyway. */
	if (csv_init(&r.parser, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
		return sm_error(EX_SOFTWARE, "cannot start the CSV parser");
	/* RFC 4180: spaces are part of a field, so none are trimmed */
	csv_set_space_func(&r.parser, never_space);
	/* a long cell grows the parser's buffer in steps of this, not 128 bytes */
	csv_set_blk_size(&r.parser, 4096);
	if (cfg->delim)
		csv_set_delim(&r.parser, (unsigned char)cfg->delim);
	struct convert cv = { .cd = (iconv_t)-1 };
	if (cfg->encoding) {
		cv.cd = iconv_open("UTF-8", cfg->encoding);
		if (cv.cd == (iconv_t)-1) {
			csv_free(&r.parser);
			return csvr_check_encoding(cfg->encoding);
		}
		cv.out = malloc(CONVERT_OUT);
		if (!cv.out)
			die_oom();
	}
	/* room for a character cut by the end of the previous block */
	unsigned char *buf = malloc(CSVR_READ_BLOCK + CONVERT_CARRY);
	if (!buf)
		die_oom();
	uint64_t total = 0;
	bool first = true;
	size_t n;
	while (r.rc == 0 && (n = fread(buf + cv.have, 1, CSVR_READ_BLOCK, fp)) > 0) {
		if (cfg->input)
			cfg->input(cfg->arg, buf + cv.have, n);
		total += n;
		if (cfg->encoding) {
			cv.have += n;
			convert(&r, &cv, buf, &first);
		} else {
			size_t skip = 0;
			if (first && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
				skip = 3;
			r.bom = skip > 0;
			first = false;
			feed(&r, buf + skip, n - skip);
		}
		if (cfg->progress && r.rc == 0)
			cfg->progress(cfg->arg, total, r.rows);
	}
	if (r.rc == 0 && ferror(fp))
		r.rc = sm_error(EX_IOERR, "cannot read '%s': %s", cfg->name, strerror(errno ? errno : EIO));
	if (cfg->encoding) {
		if (r.rc == 0)
			convert_end(&r, &cv, &first);
		iconv_close(cv.cd);
		free(cv.out);
	}
	if (r.rc == 0 && csv_fini(&r.parser, on_cell, on_row, &r) != 0 && r.rc == 0)
		cell_error(&r, r.carried ? r.open_line : r.line, "the quote opened on this line is never closed");
	if (r.rc == 0 && r.ncols == 0)
		r.rc = sm_error(EX_DATAERR, "%s: no header line: the first line names the columns", cfg->name);
	if (bytes)
		*bytes = total;
	free(buf);
	reader_release(&r);
	return r.rc;
}


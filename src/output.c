/* output.c - renders rows as table, CSV, TSV, JSON, JSON lines or Markdown (files through atomic_file). */
#include "smalog/output.h"

#include "smalog/atomic_file.h"
#include "smalog/date.h"
#include "smalog/error.h"
#include "smalog/memory.h"
#include "smalog/sbuf.h"
#include "smalog/term.h"
#include "smalog/utf8.h"
#include "smalog/xlsx.h"

#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How a rendered cell behaves: alignment, JSON typing, formula defusing. */
enum cell_class { CELL_NULL, CELL_NUMBER, CELL_TEXT };

/* A buffered table or Markdown cell: its escaped text lives in output.text. */
struct cell {
	size_t off, len, width;
	enum cell_class cls;
};

/* What the values of a column turned out to be, for an OUT_AUTO column's alignment. */
struct colinfo {
	bool has_number, has_text;
};

/*
 * One output format as data: the hooks that write it and the separators,
 * escaping and alignment rules they read, in the spirit of the sqlite3
 * shell's mode table.  Hooks left NULL do nothing.
 */
struct mode {
	void (*begin)(struct output *o); /* before the first row: BOM, header */
	void (*row)(struct output *o, const struct out_value *vals);
	void (*end)(struct output *o); /* after the last row */

	/* delimited (CSV, TSV) */
	void (*field)(struct output *o, enum cell_class cls, const char *s, size_t len);
	char sep;

	/* grid (table, Markdown): rows are kept until out_finish for the widths */
	void (*escape)(struct sbuf *b, const char *s, size_t len);
	const char *line_start, *cell_sep, *line_end;
	size_t min_width, min_width_number; /* a Markdown rule needs "---" or "---:" */
	bool colons;                        /* alignment in the rule line, per column */
	bool group;                         /* thousands separators in amounts */

	bool array;           /* JSON: rows inside [ ] */
	bool excel;           /* OUT_EXCEL applies */
	bool header_required; /* OUT_NO_HEADER does not apply: Markdown needs it */
	bool no_header;       /* no header to leave out (JSON) */
};

struct output {
	const struct mode *mode;
	unsigned flags;
	FILE *fp;
	bool own_file;           /* fp is file's: opened by out_open, committed by out_finish */
	struct atomic_file file;
	char *name;   /* the path as given, or the stream's display name */
	struct out_column *cols;
	struct colinfo *info;
	size_t ncols;
	size_t nrows;
	bool started;
	size_t fit_width;   /* table: 0, or the display columns to fit */
	enum out_unit unit; /* table and Markdown: amounts in this unit */
	int werr; /* errno of the first failed write; later writes are skipped */

	struct sbuf line;   /* the line being built, written in one piece */
	struct sbuf plain;  /* one cell's unescaped text */
	struct sbuf field;  /* a defused CSV cell */

	struct sbuf text;   /* grid formats: every cell's escaped text */
	struct cell *cells; /* grid formats: ncols per row, header first */
	size_t ncells, capcells;

	struct xlsx *xlsx; /* .xlsx: the workbook being built */
	int failed;        /* an exit code, after sm_error, that is not a write's */
};

/*
 * Every byte goes out through here, so the first failure (ENOSPC, EPIPE,
 * EBADF...) is kept for out_row and out_finish to report and nothing after
 * it is attempted.
 */
static void out_write(struct output *o, const void *p, size_t n)
{
	if (o->werr || n == 0)
		return;
	errno = 0;
	if (fwrite(p, 1, n, o->fp) != n)
		o->werr = errno ? errno : EIO;
}

static void out_write_line(struct output *o)
{
	out_write(o, o->line.p, o->line.len);
	o->line.len = 0;
}

static int write_error(struct output *o)
{
	if (o->werr == EPIPE && o->fp == stdout)
		return sm_error(SM_READER_GONE, "the reader of standard output closed it");
	return sm_error(EX_IOERR, "cannot write to '%s': %s", o->name, strerror(o->werr));
}

static bool numeric_type(enum out_type t)
{
	return t == OUT_INT || t == OUT_AMOUNT || t == OUT_COUNT || t == OUT_DECIMAL;
}

/* True if s[0..len) is an optional '-' and one or more ASCII digits. */
static bool integer_text(const char *s, size_t len)
{
	size_t i = len > 0 && s[0] == '-';

	if (i == len)
		return false;
	for (; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Append an integer_text with a comma between groups of three digits. */
static void add_grouped(struct sbuf *b, const char *s, size_t len)
{
	if (s[0] == '-') {
		sb_addc(b, '-');
		s++;
		len--;
	}
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			sb_addc(b, ',');
		sb_addc(b, s[i]);
	}
}

/* v in decimal, as "%" PRId64 prints it, ending at buf + 24; returns its
 * start and sets *len.  A large export writes millions of these, and
 * snprintf's reading of its format costs more than the digits. */
static const char *int_text(int64_t v, char buf[24], size_t *len)
{
	char *p = buf + 24;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	*len = (size_t)(buf + 24 - p);
	return p;
}

/* OUT_TEXT and OUT_DATE: text in every format. */
static bool text_type(enum out_type t)
{
	return t == OUT_TEXT || t == OUT_DATE;
}

/* The whole number an amount cell holds: an integer, or text of one
 * (as SQLite may give); false for anything else ("1000~"). */
static bool amount_value(const struct out_value *v, int64_t *out)
{
	if (v->kind == VAL_INT) {
		*out = v->i;
		return true;
	}
	if (v->kind != VAL_TEXT || !v->s || !integer_text(v->s, v->len) || v->len > 19)
		return false;
	char buf[24];
	memcpy(buf, v->s, v->len);
	buf[v->len] = '\0';
	errno = 0;
	char *end;
	long long n = strtoll(buf, &end, 10);
	if (errno || *end)
		return false;
	*out = n;
	return true;
}

/* Append an unsigned number with a comma between groups of three digits. */
static void add_grouped_u(struct sbuf *b, uint64_t n)
{
	char buf[24];
	int len = snprintf(buf, sizeof buf, "%" PRIu64, n);
	add_grouped(b, buf, (size_t)len);
}

/* Append v in unit, rounded half away from zero, as out_unit says:
 * "1.18T", "11,833억", "1조 1,833억".  Integer arithmetic only, so
 * every int64 is exact to its last rounding. */
static void add_in_unit(struct sbuf *b, int64_t v, enum out_unit unit)
{
	static const struct { uint64_t size; const char *suffix; } decimal[] = {
		[UNIT_K] = { 1000u, "K" }, [UNIT_M] = { 1000000u, "M" },
		[UNIT_B] = { 1000000000u, "B" }, [UNIT_T] = { 1000000000000u, "T" },
	};
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	const uint64_t eok = 100000000u;

	if (unit == UNIT_EOK || unit == UNIT_JO) {
		uint64_t n = a / eok + (a % eok >= eok / 2);
		uint64_t jo = unit == UNIT_JO ? n / 10000 : 0, rest = unit == UNIT_JO ? n % 10000 : n;
		if (n > 0 && v < 0)
			sb_addc(b, '-');
		if (jo > 0) {
			add_grouped_u(b, jo);
			sb_adds(b, "\xEC\xA1\xB0"); /* 조 */
			if (rest > 0)
				sb_addc(b, ' ');
		}
		if (rest > 0 || jo == 0) {
			add_grouped_u(b, rest);
			sb_adds(b, "\xEC\x96\xB5"); /* 억 */
		}
		return;
	}
	uint64_t size = decimal[unit].size;
	uint64_t q = a / size, r = a % size;
	/* r * 100 fits: r is below 10^12 */
	uint64_t hundredths = (r * 100 + size / 2) / size;
	if (hundredths == 100) {
		q++;
		hundredths = 0;
	}
	if ((q > 0 || hundredths > 0) && v < 0)
		sb_addc(b, '-');
	add_grouped_u(b, q);
	sb_addf(b, ".%02" PRIu64 "%s", hundredths, decimal[unit].suffix);
}

/* The header of an amount column in unit: "amount (T, to 0.01)". */
static void add_unit_header(struct sbuf *b, const char *name, enum out_unit unit)
{
	static const char *const notes[] = {
		[UNIT_K] = "K, to 0.01", [UNIT_M] = "M, to 0.01", [UNIT_B] = "B, to 0.01", [UNIT_T] = "T, to 0.01",
		[UNIT_EOK] = "\xEC\x96\xB5, to 1\xEC\x96\xB5", [UNIT_JO] = "\xEC\xA1\xB0, to 1\xEC\x96\xB5",
	};
	sb_addf(b, "%s (%s)", name, notes[unit]);
}

void out_amount_text(struct sbuf *b, int64_t v, enum out_unit unit)
{
	if (unit == UNIT_NONE) {
		char buf[24];
		int n = snprintf(buf, sizeof buf, "%" PRId64, v);
		add_grouped(b, buf, (size_t)n);
		return;
	}
	add_in_unit(b, v, unit);
}

void out_unit_label(struct sbuf *b, const char *name, enum out_unit unit)
{
	if (unit == UNIT_NONE)
		sb_adds(b, name);
	else
		add_unit_header(b, name, unit);
}

int out_unit_parse(const char *name, enum out_unit *unit)
{
	static const struct { const char *name; enum out_unit unit; } units[] = {
		{ "K", UNIT_K }, { "k", UNIT_K }, { "M", UNIT_M }, { "m", UNIT_M }, { "B", UNIT_B }, { "b", UNIT_B },
		{ "T", UNIT_T }, { "t", UNIT_T }, { "\xEC\x96\xB5", UNIT_EOK }, { "\xEC\xA1\xB0", UNIT_JO },
	};
	for (size_t i = 0; name && i < sizeof units / sizeof units[0]; i++) {
		if (strcmp(name, units[i].name) == 0) {
			*unit = units[i].unit;
			return 0;
		}
	}
	return -1;
}

/*
 * The fewest significant digits that read back as r, laid out as %.17g
 * would (plain below 1e17, so 100 is not "1e+02"), with ".0" when the text
 * would otherwise look like an integer, as SQLite prints reals.  Assumes
 * LC_NUMERIC is "C".
 */
static void add_real(struct sbuf *b, double r)
{
	char buf[64];
	int prec, exp;

	if (isnan(r)) {
		sb_adds(b, "NaN");
		return;
	}
	if (isinf(r)) {
		sb_adds(b, r < 0 ? "-Inf" : "Inf");
		return;
	}
	/* 17 significant digits always round-trip, so the loop ends there at the latest */
	for (prec = 1; prec < 17; prec++) {
		snprintf(buf, sizeof buf, "%.*e", prec - 1, r);
		if (strtod(buf, NULL) == r)
			break;
	}
	snprintf(buf, sizeof buf, "%.*e", prec - 1, r);
	exp = atoi(strchr(buf, 'e') + 1);
	if (exp >= -4 && exp < 17 && prec < exp + 1)
		prec = exp + 1;
	snprintf(buf, sizeof buf, "%.*g", prec, r);
	sb_adds(b, buf);
	if (!strpbrk(buf, ".e"))
		sb_adds(b, ".0");
}

/*
 * Append v as column c shows it, before any format's escaping; group puts
 * thousands separators in amounts.  Returns the cell's class: numbers are
 * values of numeric columns and OUT_AUTO ints and reals, text is everything
 * in an OUT_TEXT column and OUT_AUTO text.
 */
static enum cell_class render_plain(const struct out_column *c, const struct out_value *v,
				    bool group, enum out_unit unit, struct sbuf *b)
{
	enum cell_class number = text_type(c->type) ? CELL_TEXT : CELL_NUMBER;
	char buf[24];
	size_t n;
	int64_t whole;

	if (group && unit != UNIT_NONE && c->type == OUT_AMOUNT && amount_value(v, &whole)) {
		add_in_unit(b, whole, unit);
		return CELL_NUMBER;
	}
	/* an approximate amount ("5000000000~") keeps its mark in any unit */
	if (group && unit != UNIT_NONE && c->type == OUT_AMOUNT && v->kind == VAL_TEXT && v->s && v->len > 1 &&
	    v->s[v->len - 1] == '~') {
		struct out_value exact = *v;
		exact.len--;
		if (amount_value(&exact, &whole)) {
			add_in_unit(b, whole, unit);
			sb_addc(b, '~');
			return CELL_NUMBER;
		}
	}
	switch (v->kind) {
	case VAL_INT: {
		const char *digits = int_text(v->i, buf, &n);
		if (group && (c->type == OUT_AMOUNT || c->type == OUT_COUNT))
			add_grouped(b, digits, n);
		else
			sb_add(b, digits, n);
		return number;
	}
	case VAL_REAL:
		add_real(b, v->r);
		return number;
	case VAL_TEXT:
		if (!v->s)
			return CELL_NULL;
		if (group && (c->type == OUT_AMOUNT || c->type == OUT_COUNT) && integer_text(v->s, v->len)) {
			add_grouped(b, v->s, v->len);
		} else if (group && (c->type == OUT_AMOUNT || c->type == OUT_COUNT) && v->len > 1 && v->s[v->len - 1] == '~' &&
			   integer_text(v->s, v->len - 1)) {
			/* an approximate amount, "5,000,000,000~" */
			add_grouped(b, v->s, v->len - 1);
			sb_addc(b, '~');
		} else
			sb_add(b, v->s, v->len);
		return numeric_type(c->type) ? CELL_NUMBER : CELL_TEXT;
	case VAL_NULL:
		break;
	}
	return CELL_NULL;
}

/* Render cell c of vals into o->plain; the text is sb_str(&o->plain). */
static enum cell_class render_cell(struct output *o, size_t c, const struct out_value *vals)
{
	o->plain.len = 0;
	if (o->plain.p)
		o->plain.p[0] = '\0';
	return render_plain(&o->cols[c], &vals[c], o->mode->group, o->unit, &o->plain);
}

/* ---- the first and last day of a date (OUT_DATE_RANGE) ---- */

/* Whether column c is followed by its first and last day. */
static bool has_range(const struct output *o, size_t c)
{
	return (o->flags & OUT_DATE_RANGE) && o->cols[c].type == OUT_DATE;
}

/* The first and last day of the date v holds, as YYYY-MM-DD, into
 * days[0] and days[1]; false when v is not a date (NULL or other text). */
static bool date_range(const struct out_value *v, char days[2][DATE_TEXT_SIZE])
{
	char text[64];
	struct sm_date d;

	if (v->kind != VAL_TEXT || !v->s || v->len >= sizeof text)
		return false;
	memcpy(text, v->s, v->len);
	text[v->len] = '\0';
	if (date_parse(text, &d, NULL, 0) != 0)
		return false;
	int32_t ymd[2] = { date_first_ymd(&d), date_last_ymd(&d) };
	for (int i = 0; i < 2; i++)
		snprintf(days[i], DATE_TEXT_SIZE, "%04d-%02d-%02d", (int)(ymd[i] / 10000), (int)(ymd[i] / 100 % 100),
			 (int)(ymd[i] % 100));
	return true;
}

/* ---- CSV and TSV ---- */

/* Whitespace that a reader may trim from an unquoted field (libcsv,
 * spreadsheets, pandas' skipinitialspace). */
static bool trimmed_space(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* RFC 4180 needs quotes for these; leading and trailing whitespace is
 * quoted too, because spreadsheets and many readers trim it otherwise. */
static bool csv_needs_quotes(const char *s, size_t len)
{
	if (len == 0) /* "" keeps an empty string apart from NULL */
		return true;
	if (trimmed_space(s[0]) || trimmed_space(s[len - 1]))
		return true;
	for (size_t i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return true;
	return false;
}

/* A spreadsheet runs a cell starting with one of these as a formula. */
static bool formula_start(const char *s, size_t len)
{
	return len > 0 && memchr("=+-@\t\r", s[0], 6);
}

/* True if s[0..len) is a number as smalog writes one: an optional '-',
 * digits, and optionally '.' and more digits ("-5", "-2.5"). */
static bool plain_number(const char *s, size_t len)
{
	size_t i = len > 0 && s[0] == '-';
	size_t digits = i;

	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == digits)
		return false;
	if (i < len && s[i] == '.') {
		digits = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == digits)
			return false;
	}
	return i == len;
}

/*
 * Whether --excel must defuse the cell.  The column's type is no guarantee:
 * a file made by someone else can hold any text in a numeric column, so
 * only a plain number in a numeric column (a negative amount) is left as a
 * number for the spreadsheet.
 */
static bool needs_defusing(enum cell_class cls, const char *s, size_t len)
{
	if (!formula_start(s, len))
		return false;
	return !(cls == CELL_NUMBER && plain_number(s, len));
}

static void csv_field(struct output *o, enum cell_class cls, const char *s, size_t len)
{
	size_t need;

	if (cls == CELL_NULL)
		return;
	if ((o->flags & OUT_EXCEL) && needs_defusing(cls, s, len)) {
		o->field.len = 0;
		sb_addc(&o->field, '\'');
		sb_add(&o->field, s, len);
		s = o->field.p;
		len = o->field.len;
	}
	if (!csv_needs_quotes(s, len)) {
		sb_add(&o->line, s, len);
		return;
	}
	need = csv_write(NULL, 0, s, len);
	if (need == SIZE_MAX)
		die_oom();
	sb_grow(&o->line, need);
	csv_write(o->line.p + o->line.len, need, s, len);
	o->line.len += need;
	o->line.p[o->line.len] = '\0';
}

/* The PostgreSQL/MySQL text convention, so a cell never spans a line or a column. */
static void tsv_field(struct output *o, enum cell_class cls, const char *s, size_t len)
{
	(void)cls;
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '\\': sb_adds(&o->line, "\\\\"); break;
		case '\t': sb_adds(&o->line, "\\t"); break;
		case '\n': sb_adds(&o->line, "\\n"); break;
		case '\r': sb_adds(&o->line, "\\r"); break;
		default: sb_addc(&o->line, s[i]); break;
		}
	}
}

static void delim_line_end(struct output *o)
{
	sb_adds(&o->line, o->flags & OUT_EXCEL ? "\r\n" : "\n");
	out_write_line(o);
}

static void delim_begin(struct output *o)
{
	if (o->flags & OUT_EXCEL)
		sb_adds(&o->line, "\xEF\xBB\xBF");
	if (o->ncols > 0 && !(o->flags & OUT_NO_HEADER)) {
		for (size_t c = 0; c < o->ncols; c++) {
			if (c > 0)
				sb_addc(&o->line, o->mode->sep);
			o->mode->field(o, CELL_TEXT, o->cols[c].name, strlen(o->cols[c].name));
			if (!has_range(o, c))
				continue;
			for (int end = 0; end < 2; end++) {
				o->plain.len = 0;
				sb_addf(&o->plain, "%s%s", o->cols[c].name, end ? "_end" : "_start");
				sb_addc(&o->line, o->mode->sep);
				o->mode->field(o, CELL_TEXT, o->plain.p, o->plain.len);
			}
		}
		delim_line_end(o);
	}
	out_write_line(o);
}

static void delim_row(struct output *o, const struct out_value *vals)
{
	if (o->ncols == 0)
		return;
	for (size_t c = 0; c < o->ncols; c++) {
		const struct out_value *v = &vals[c];
		bool numeric = numeric_type(o->cols[c].type);

		if (c > 0)
			sb_addc(&o->line, o->mode->sep);
		/* delimited formats show text and integers as they are (render_plain
		 * without grouping): written straight from the value, not copied
		 * through o->plain first */
		if (v->kind == VAL_TEXT && v->s) {
			o->mode->field(o, numeric ? CELL_NUMBER : CELL_TEXT, v->s, v->len);
		} else if (v->kind == VAL_INT) {
			char buf[24];
			size_t len;
			const char *digits = int_text(v->i, buf, &len);
			o->mode->field(o, text_type(o->cols[c].type) ? CELL_TEXT : CELL_NUMBER, digits, len);
		} else {
			enum cell_class cls = render_cell(o, c, vals);
			o->mode->field(o, cls, sb_str(&o->plain), o->plain.len);
		}
		if (!has_range(o, c))
			continue;
		char days[2][DATE_TEXT_SIZE];
		bool known = date_range(&vals[c], days);
		for (int end = 0; end < 2; end++) {
			sb_addc(&o->line, o->mode->sep);
			if (known)
				o->mode->field(o, CELL_TEXT, days[end], strlen(days[end]));
		}
	}
	delim_line_end(o);
}

/* ---- JSON and JSON lines ---- */

/* Escape per RFC 8259; bytes that are not UTF-8 become U+FFFD, so the
 * document stays valid whatever an ad-hoc query returns. */
static void json_string(struct sbuf *b, const char *s, size_t len)
{
	size_t i = 0;

	sb_addc(b, '"');
	while (i < len) {
		size_t bad, end;

		end = utf8_valid(s + i, len - i, &bad) ? len : i + bad;
		for (; i < end; i++) {
			unsigned char ch = (unsigned char)s[i];

			switch (ch) {
			case '"': sb_adds(b, "\\\""); break;
			case '\\': sb_adds(b, "\\\\"); break;
			case '\n': sb_adds(b, "\\n"); break;
			case '\r': sb_adds(b, "\\r"); break;
			case '\t': sb_adds(b, "\\t"); break;
			case '\b': sb_adds(b, "\\b"); break;
			case '\f': sb_adds(b, "\\f"); break;
			default:
				if (ch < 0x20)
					sb_addf(b, "\\u%04x", ch);
				else
					sb_addc(b, (char)ch);
			}
		}
		if (i < len) {
			/* utf8_valid refuses NUL, which JSON can carry */
			sb_adds(b, s[i] == '\0' ? "\\u0000" : "\\ufffd");
			i++;
		}
	}
	sb_addc(b, '"');
}

static size_t skip_digits(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/* True if s[0..len) is a number as RFC 8259 writes it ("13.00", "-2.5");
 * anything else in a numeric column goes out as a string, never as broken JSON. */
static bool json_number(const char *s, size_t len)
{
	size_t i = 0, d;

	if (i < len && s[i] == '-')
		i++;
	if (i == len || s[i] < '0' || s[i] > '9')
		return false;
	i = s[i] == '0' ? i + 1 : skip_digits(s, len, i);
	if (i < len && s[i] == '.') {
		d = i + 1;
		i = skip_digits(s, len, d);
		if (i == d)
			return false;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		d = i;
		i = skip_digits(s, len, d);
		if (i == d)
			return false;
	}
	return i == len;
}

static void json_row(struct output *o, const struct out_value *vals)
{
	struct sbuf *b = &o->line;

	if (o->mode->array)
		sb_adds(b, o->nrows == 0 ? "[\n" : ",\n");
	sb_addc(b, '{');
	for (size_t c = 0; c < o->ncols; c++) {
		enum cell_class cls = render_cell(o, c, vals);
		const char *s = sb_str(&o->plain);
		size_t len = o->plain.len;

		if (c > 0)
			sb_addc(b, ',');
		json_string(b, o->cols[c].name, strlen(o->cols[c].name));
		sb_addc(b, ':');
		if (cls == CELL_NULL)
			sb_adds(b, "null");
		else if (cls == CELL_TEXT)
			json_string(b, s, len);
		else if (vals[c].kind == VAL_REAL && !isfinite(vals[c].r))
			sb_adds(b, "null");
		else if (json_number(s, len))
			sb_add(b, s, len);
		else
			json_string(b, s, len);
		if (!has_range(o, c))
			continue;
		char days[2][DATE_TEXT_SIZE];
		bool known = date_range(&vals[c], days);
		for (int end = 0; end < 2; end++) {
			o->plain.len = 0;
			sb_addf(&o->plain, "%s%s", o->cols[c].name, end ? "_end" : "_start");
			sb_addc(b, ',');
			json_string(b, o->plain.p, o->plain.len);
			sb_addc(b, ':');
			if (known)
				json_string(b, days[end], strlen(days[end]));
			else
				sb_adds(b, "null");
		}
	}
	sb_addc(b, '}');
	if (!o->mode->array)
		sb_addc(b, '\n');
	out_write_line(o);
}

static void json_end(struct output *o)
{
	sb_adds(&o->line, o->nrows ? "\n]\n" : "[]\n");
	out_write_line(o);
}

/* ---- table and Markdown ---- */

/*
 * Code points that a terminal acts on or that make text read other than it
 * is: C0 and C1 controls and DEL (escape sequences, 0x9B is CSI), the bidi
 * marks, embeddings, overrides and isolates (text that displays in another
 * order than it is stored), the line and paragraph separators, and the
 * noncharacters (U+FDD0-FDEF and the last two of every plane).
 */
static bool unsafe_code_point(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

/*
 * Append the character at s[i] (i < len) as a terminal may show it and
 * return how many bytes it took: a safe character as it is, an unsafe one
 * as \uXXXX (\UXXXXXXXX above U+FFFF), and each byte that does not begin
 * well-formed UTF-8 as \xNN.  Escapes are plain ASCII, so the display
 * width of the result is what the grid aligns.
 */
static size_t add_safe_char(struct sbuf *b, const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	size_t n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
		 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	uint32_t cp;

	if (n == 0 || n > len - i || (n > 1 && !utf8_valid(s + i, n, NULL))) {
		sb_addf(b, "\\x%02x", c);
		return 1;
	}
	cp = n == 1 ? c : c & (0x7fu >> n);
	for (size_t k = 1; k < n; k++)
		cp = cp << 6 | ((unsigned char)s[i + k] & 0x3f);
	if (!unsafe_code_point(cp))
		sb_add(b, s + i, n);
	else if (cp > 0xffff)
		sb_addf(b, "\\U%08" PRIx32, cp);
	else
		sb_addf(b, "\\u%04" PRIx32, cp);
	return n;
}

/* One table cell on one line: newlines shown as \n, tabs expanded to the
 * next multiple of 8 columns within the cell, so the grid stays aligned. */
static void table_escape(struct sbuf *b, const char *s, size_t len)
{
	size_t seg = b->len, col = 0;

	for (size_t i = 0; i < len;) {
		size_t n;

		if (s[i] == '\t') {
			if (b->len > seg)
				col += utf8_display_width(b->p + seg, b->len - seg);
			n = 8 - col % 8;
			sb_fill(b, ' ', n);
			col += n;
			seg = b->len;
			i++;
		} else if (s[i] == '\n') {
			sb_adds(b, "\\n");
			i++;
		} else if (s[i] == '\r') {
			sb_adds(b, "\\r");
			i++;
		} else {
			i += add_safe_char(b, s, len, i);
		}
	}
}

/* One GitHub table cell: | would end the cell and \ could unescape our \|,
 * so both are escaped; a line break becomes <br>. */
static void md_escape(struct sbuf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		if (s[i] == '|') {
			sb_adds(b, "\\|");
			i++;
		} else if (s[i] == '\\') {
			sb_adds(b, "\\\\");
			i++;
		} else if (s[i] == '\r' || s[i] == '\n') {
			sb_adds(b, "<br>");
			i += s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
		} else if (s[i] == '\t') {
			sb_addc(b, ' ');
			i++;
		} else {
			i += add_safe_char(b, s, len, i);
		}
	}
}

/* Keep one cell: its escaped text and display width, for grid_end. */
static void grid_add(struct output *o, enum cell_class cls, const char *s, size_t len)
{
	struct cell *cell;

	if (o->ncells == o->capcells) {
		if (o->capcells > SIZE_MAX / 2 / sizeof *o->cells)
			die_oom();
		o->capcells = o->capcells ? o->capcells * 2 : 64;
		o->cells = xrealloc(o->cells, o->capcells * sizeof *o->cells);
	}
	cell = &o->cells[o->ncells++];
	cell->off = o->text.len;
	if (cls != CELL_NULL)
		o->mode->escape(&o->text, s, len);
	cell->len = o->text.len - cell->off;
	cell->width = cell->len ? utf8_display_width(o->text.p + cell->off, cell->len) : 0;
	cell->cls = cls;
}

/* The header is kept as row 0 even when not shown, so the widths can
 * leave it out and data row r is cells[r * ncols], r >= 1. */
static void grid_begin(struct output *o)
{
	for (size_t c = 0; c < o->ncols; c++) {
		if (o->unit != UNIT_NONE && o->cols[c].type == OUT_AMOUNT) {
			o->plain.len = 0;
			add_unit_header(&o->plain, o->cols[c].name, o->unit);
			grid_add(o, CELL_TEXT, o->plain.p, o->plain.len);
		} else {
			grid_add(o, CELL_TEXT, o->cols[c].name, strlen(o->cols[c].name));
		}
	}
}

static void grid_row(struct output *o, const struct out_value *vals)
{
	for (size_t c = 0; c < o->ncols; c++) {
		enum cell_class cls = render_cell(o, c, vals);

		if (cls == CELL_NUMBER)
			o->info[c].has_number = true;
		else if (cls == CELL_TEXT)
			o->info[c].has_text = true;
		grid_add(o, cls, sb_str(&o->plain), o->plain.len);
	}
}

/* End a grid line: no trailing spaces, then write it. */
static void grid_line_end(struct output *o)
{
	while (o->line.len > 0 && o->line.p[o->line.len - 1] == ' ')
		o->line.len--;
	sb_addc(&o->line, '\n');
	out_write_line(o);
}

/* One line of cells padded to width; a cell aligns right if right[] says
 * so for its column or, in a table, if it is a number. */
static void grid_line(struct output *o, const struct cell *cells, const bool *right,
		      const size_t *width)
{
	sb_adds(&o->line, o->mode->line_start);
	for (size_t c = 0; c < o->ncols; c++) {
		const struct cell *cell = &cells[c];
		size_t pad = width[c] - cell->width;
		bool r = right[c] || (!o->mode->colons && cell->cls == CELL_NUMBER);

		if (c > 0)
			sb_adds(&o->line, o->mode->cell_sep);
		if (r)
			sb_fill(&o->line, ' ', pad);
		sb_add(&o->line, sb_str(&o->text) + cell->off, cell->len);
		if (!r)
			sb_fill(&o->line, ' ', pad);
	}
	sb_adds(&o->line, o->mode->line_end);
	grid_line_end(o);
}

/* The rule under the header: dashes as wide as each column, and in
 * Markdown a colon where the column is right-aligned. */
static void grid_rule(struct output *o, const bool *right, const size_t *width)
{
	sb_adds(&o->line, o->mode->line_start);
	for (size_t c = 0; c < o->ncols; c++) {
		if (c > 0)
			sb_adds(&o->line, o->mode->cell_sep);
		if (o->mode->colons && right[c]) {
			sb_fill(&o->line, '-', width[c] - 1);
			sb_addc(&o->line, ':');
		} else {
			sb_fill(&o->line, '-', width[c]);
		}
	}
	sb_adds(&o->line, o->mode->line_end);
	grid_line_end(o);
}


/* ---- a table fitted to a terminal ---- */

int out_column_priority(const struct out_column *col)
{
	/* what a row is, then what it says, then where it came from */
	static const struct { const char *name; int priority; } named[] = {
		{ "id", TERM_ESSENTIAL },   { "date", TERM_ESSENTIAL },    { "agreement", TERM_ESSENTIAL },
		{ "amount", TERM_ESSENTIAL }, { "code", TERM_ESSENTIAL },  { "key", TERM_ESSENTIAL },
		{ "field", TERM_ESSENTIAL }, { "value", TERM_ESSENTIAL },  { "start", 95 },
		{ "seq", 95 },              { "kind", 90 },                { "party", 90 },
		{ "type", 88 },             { "offer", 85 },               { "demand", 85 },
		{ "gap", 84 },              { "baseline", 84 },            { "total", 84 },
		{ "per_usd", 84 },          { "workers", 84 },             { "pct", 80 },
		{ "summary", 92 },          { "currency", 75 },            { "end", 74 },
		{ "change", 72 },           { "outlet", 72 },              { "title", 70 },
		{ "rounds", 68 },           { "outcome", 66 },             { "stopgap", 64 },
		{ "gap_pts", 62 },          { "change_pts", 60 },          { "prev_amount", 58 },
		{ "first_round", 56 },      { "last_round", 56 },          { "parties", 55 },
		{ "start_year", 54 },       { "end_year", 54 },            { "signed", 52 },
		{ "published", 52 },        { "round", 50 },               { "years", 48 },
		{ "format", 40 },           { "confidence", 38 },          { "location", 36 },
		{ "previous", 34 },         { "days", 32 },                { "other_amount", 30 },
		{ "ref", 20 },              { "url", 18 },                 { "terms", 14 },
		{ "note", 12 },             { "source", 10 },              { "notes", 8 },
		/* terms: which year, what it should be and by which rule */
		{ "year", TERM_ESSENTIAL }, { "expected", 83 },            { "rule", 76 },
		{ "growth_pct", 61 },       { "diff", 59 },                { "cumulative", 57 },
		/* log: which group, when, by whom, why */
		{ "group", TERM_ESSENTIAL }, { "time", 93 },               { "who", 70 },
		{ "message", 65 },          { "added", 46 },               { "changed", 46 },
		{ "removed", 46 },          { "command", 16 },
		/* diff: the two sides before which record */
		{ "a", 86 },                { "b", 87 },                   { "uid", 22 },
		/* the kinds of agreed terms */
		{ "series", TERM_ESSENTIAL }, { "period", 95 },            { "actor", 88 },
		{ "name", 72 },             { "quote", 60 },               { "role", 50 },
		{ "index", 46 },            { "cap", 45 },                 { "floor", 44 },
		{ "lag", 30 },              { "unit", 28 },
	};
	for (size_t i = 0; col->name && i < sizeof named / sizeof named[0]; i++)
		if (strcmp(col->name, named[i].name) == 0)
			return named[i].priority;
	/* a column of a query: numbers before text */
	return numeric_type(col->type) ? 6 : 4;
}

/* The narrowest a free-text column wraps to: narrower, prose reads a
 * word a line, and the column had better drop; a longer word (a URL)
 * breaks rather than widen the column. */
enum { WRAP_MINIMUM = 24 };

/* The escaped text of a buffered cell (o->text is unallocated while
 * every cell is empty). */
static const char *cell_text(const struct output *o, const struct cell *cell)
{
	return o->text.p ? o->text.p + cell->off : "";
}

/* Describe column c's cells to term_fit. */
static void fit_column(const struct output *o, size_t c, size_t nrows, bool right, size_t width, bool header,
		       struct term_column *tc)
{
	size_t n = o->ncols;
	bool spaced = false;

	for (size_t r = 1; r <= nrows; r++) {
		const struct cell *cell = &o->cells[r * n + c];
		if (cell->len == 0 || !memchr(cell_text(o, cell), ' ', cell->len))
			continue;
		spaced = true;
		break;
	}
	*tc = (struct term_column){
		.natural = width,
		/* numbers and single words (codes, dates) are never split */
		.wraps = !right && spaced,
		.minimum = width < WRAP_MINIMUM ? width : WRAP_MINIMUM,
		.priority = out_column_priority(&o->cols[c]),
	};
	if (header && o->cells[c].width > tc->minimum)
		tc->minimum = o->cells[c].width;
	if (tc->minimum == 0)
		tc->minimum = 1;
}

/* One table row (cells), the shown columns at their widths, each cell
 * wrapped to its column, as many lines as its tallest cell needs. */
static void fitted_row(struct output *o, const struct cell *cells, const bool *right,
		       const struct term_column *tc, struct term_wrap *wraps)
{
	bool more = true;

	for (size_t c = 0; c < o->ncols; c++)
		term_wrap_init(&wraps[c], cell_text(o, &cells[c]), cells[c].len, tc[c].width);
	for (size_t line = 0; more; line++) {
		bool first = true;
		more = false;
		for (size_t c = 0; c < o->ncols; c++) {
			if (!tc[c].shown)
				continue;
			const char *text = "";
			size_t len = 0;
			if (!term_wrap_next(&wraps[c], &text, &len) || (cells[c].len == 0 && line > 0))
				len = 0;
			else if (cells[c].len > 0)
				more = true;
			size_t w = len ? utf8_display_width(text, len) : 0;
			size_t pad = tc[c].width > w ? tc[c].width - w : 0;
			bool r = right[c] || cells[c].cls == CELL_NUMBER;
			if (!first)
				sb_adds(&o->line, o->mode->cell_sep);
			first = false;
			if (r)
				sb_fill(&o->line, ' ', pad);
			sb_add(&o->line, text, len);
			if (!r)
				sb_fill(&o->line, ' ', pad);
		}
		if (more || line == 0)
			grid_line_end(o);
		else
			o->line.len = 0;
	}
}

/* The rows one field per line, psql's expanded mode: "-[ RECORD 1 ]-+--"
 * above each, the names padded to the widest, values wrapped to what
 * fit_width leaves of the line (not at all when it is 0). */
static void expanded(struct output *o, size_t nrows)
{
	size_t n = o->ncols, name_width = 0, value_width = 0, widest = 0;

	for (size_t c = 0; c < n; c++)
		if (o->cells[c].width > name_width)
			name_width = o->cells[c].width;
	for (size_t i = n; i < o->ncells; i++)
		if (o->cells[i].width > widest)
			widest = o->cells[i].width;
	if (o->fit_width > name_width + 3)
		value_width = o->fit_width - name_width - 3;
	else if (o->fit_width > 0)
		value_width = 1;
	if (value_width > 0 && widest > value_width)
		widest = value_width;
	if (nrows == 0) {
		sb_adds(&o->line, "(0 rows)");
		grid_line_end(o);
		return;
	}
	for (size_t r = 1; r <= nrows; r++) {
		sb_addf(&o->line, "-[ RECORD %zu ]", r);
		size_t rule = name_width + 3 + widest;
		if (o->line.len < name_width + 1)
			sb_fill(&o->line, '-', name_width + 1 - o->line.len);
		if (o->line.len == name_width + 1)
			sb_addc(&o->line, '+');
		if (o->line.len < rule)
			sb_fill(&o->line, '-', rule - o->line.len);
		grid_line_end(o);
		for (size_t c = 0; c < n; c++) {
			const struct cell *name = &o->cells[c], *cell = &o->cells[r * n + c];
			struct term_wrap w;
			const char *text;
			size_t len;
			term_wrap_init(&w, cell_text(o, cell), cell->len, value_width ? value_width : SIZE_MAX);
			for (bool first = true; term_wrap_next(&w, &text, &len); first = false) {
				if (first)
					sb_add(&o->line, cell_text(o, name), name->len);
				sb_fill(&o->line, ' ', name_width - (first ? name->width : 0));
				sb_adds(&o->line, " | ");
				sb_add(&o->line, text, len);
				grid_line_end(o);
				if (cell->len == 0)
					break;
			}
		}
	}
}

/*
 * The buffered table fitted to fit_width (term_fit): the shown columns
 * with their cells wrapped, and a last line naming the columns left out;
 * or expanded when asked for or when nothing else fits.  A table that
 * fits as it is comes out as an unfitted one would.
 */
static void grid_fitted(struct output *o, size_t nrows, const bool *right, const size_t *width)
{
	size_t n = o->ncols;
	bool header = !(o->flags & OUT_NO_HEADER);
	struct term_column *tc = xcalloc(n, sizeof *tc);
	struct term_wrap *wraps = xcalloc(n, sizeof *wraps);
	enum term_layout layout = TERM_EXPANDED;

	if (!(o->flags & OUT_EXPANDED)) {
		for (size_t c = 0; c < n; c++)
			fit_column(o, c, nrows, right[c], width[c], header, &tc[c]);
		layout = term_fit(tc, n, strlen(o->mode->cell_sep), o->fit_width);
	}
	if (layout == TERM_EXPANDED) {
		expanded(o, nrows);
	} else {
		if (header) {
			fitted_row(o, o->cells, right, tc, wraps);
			bool first = true;
			for (size_t c = 0; c < n; c++) {
				if (!tc[c].shown)
					continue;
				if (!first)
					sb_adds(&o->line, o->mode->cell_sep);
				first = false;
				sb_fill(&o->line, '-', tc[c].width);
			}
			grid_line_end(o);
		}
		for (size_t r = 1; r <= nrows; r++)
			fitted_row(o, &o->cells[r * n], right, tc, wraps);
		size_t hidden = 0;
		struct sbuf note = { 0 };
		for (size_t c = 0; c < n; c++) {
			if (tc[c].shown)
				continue;
			sb_adds(&note, hidden++ ? ", " : "(not shown: ");
			sb_add(&note, cell_text(o, &o->cells[c]), o->cells[c].len);
		}
		if (hidden) {
			struct term_wrap w;
			const char *text;
			size_t len;
			sb_adds(&note, "; --wide or -x shows them)");
			term_wrap_init(&w, note.p, note.len, o->fit_width);
			while (term_wrap_next(&w, &text, &len)) {
				sb_add(&o->line, text, len);
				grid_line_end(o);
			}
		}
		sb_release(&note);
	}
	free(tc);
	free(wraps);
}

/*
 * Write the buffered grid.  A column is right-aligned as a whole (header,
 * Markdown alignment) when its type is numeric, or when it is OUT_AUTO and
 * held numbers and no text.
 */
static void grid_end(struct output *o)
{
	size_t n = o->ncols, nrows;
	bool header = !(o->flags & OUT_NO_HEADER);
	size_t *width;
	bool *right;

	if (n == 0)
		return;
	nrows = o->ncells / n - 1;
	width = calloc(n, sizeof *width);
	right = calloc(n, sizeof *right);
	if (!width || !right)
		die_oom();
	for (size_t c = 0; c < n; c++) {
		right[c] = numeric_type(o->cols[c].type) ||
			   (o->cols[c].type == OUT_AUTO && o->info[c].has_number && !o->info[c].has_text);
		width[c] = right[c] && o->mode->colons ? o->mode->min_width_number : o->mode->min_width;
		for (size_t r = header ? 0 : 1; r <= nrows; r++)
			if (o->cells[r * n + c].width > width[c])
				width[c] = o->cells[r * n + c].width;
	}
	if (!o->mode->colons && (o->fit_width > 0 || (o->flags & OUT_EXPANDED))) {
		grid_fitted(o, nrows, right, width);
	} else {
		if (header) {
			grid_line(o, o->cells, right, width);
			grid_rule(o, right, width);
		}
		for (size_t r = 1; r <= nrows; r++)
			grid_line(o, &o->cells[r * n], right, width);
	}
	free(width);
	free(right);
}

/* ---- .xlsx (xlsx.c builds the workbook; its bytes go out at the end) ---- */

static void xlsx_begin(struct output *o)
{
	o->xlsx = xlsx_open(o->cols, o->ncols);
	if (!o->xlsx)
		o->failed = sm_error_code() ? sm_error_code() : EX_SOFTWARE;
}

static void xlsx_out_row(struct output *o, const struct out_value *vals)
{
	if (o->xlsx && !o->failed)
		o->failed = xlsx_row(o->xlsx, vals);
}

static void xlsx_end(struct output *o)
{
	struct xlsx *x = o->xlsx;

	o->xlsx = NULL;
	if (!x || o->failed) {
		xlsx_abort(x);
		return;
	}
	o->line.len = 0;
	o->failed = xlsx_finish(x, &o->line);
	if (!o->failed)
		out_write_line(o);
	o->line.len = 0;
}

/* ---- the formats ---- */

static const struct mode modes[] = {
	[OUT_TABLE] = {
		.begin = grid_begin, .row = grid_row, .end = grid_end,
		.escape = table_escape, .line_start = "", .cell_sep = "  ", .line_end = "",
		.group = true,
	},
	[OUT_CSV] = {
		.begin = delim_begin, .row = delim_row,
		.field = csv_field, .sep = ',', .excel = true,
	},
	[OUT_TSV] = {
		.begin = delim_begin, .row = delim_row,
		.field = tsv_field, .sep = '\t',
	},
	[OUT_JSON] = { .row = json_row, .end = json_end, .array = true, .no_header = true },
	[OUT_JSONL] = { .row = json_row, .no_header = true },
	[OUT_MARKDOWN] = {
		.begin = grid_begin, .row = grid_row, .end = grid_end,
		.escape = md_escape, .line_start = "| ", .cell_sep = " | ", .line_end = " |",
		.min_width = 3, .min_width_number = 4, .colons = true, .group = true,
		.header_required = true,
	},
	[OUT_XLSX] = { .begin = xlsx_begin, .row = xlsx_out_row, .end = xlsx_end, .header_required = true },
};

static const struct {
	const char *name;
	enum out_format fmt;
} format_names[] = {
	{ "table", OUT_TABLE }, { "csv", OUT_CSV },   { "tsv", OUT_TSV },       { "json", OUT_JSON },
	{ "jsonl", OUT_JSONL }, { "markdown", OUT_MARKDOWN }, { "md", OUT_MARKDOWN },
	{ "xlsx", OUT_XLSX },
};

int out_format_parse(const char *name, enum out_format *fmt)
{
	for (size_t i = 0; name && i < sizeof format_names / sizeof format_names[0]; i++) {
		if (strcmp(name, format_names[i].name) == 0) {
			*fmt = format_names[i].fmt;
			return 0;
		}
	}
	return -1;
}

/* ---- sheets of a workbook ---- */

/* Replace o's columns with a copy of cols. */
static void set_columns(struct output *o, const struct out_column *cols, size_t ncols)
{
	for (size_t c = 0; c < o->ncols; c++)
		free((char *)o->cols[c].name);
	free(o->cols);
	free(o->info);
	o->ncols = ncols;
	o->cols = xcalloc(ncols ? ncols : 1, sizeof *o->cols);
	o->info = xcalloc(ncols ? ncols : 1, sizeof *o->info);
	for (size_t c = 0; c < ncols; c++) {
		o->cols[c].name = xstrdup(cols[c].name ? cols[c].name : "");
		o->cols[c].type = cols[c].type;
	}
}

int out_sheet(struct output *o, const char *name, const struct out_column *cols, size_t ncols)
{
	if (o->mode != &modes[OUT_XLSX])
		BUG("a sheet for output that is not a workbook");
	if (o->failed)
		return o->failed;
	/* before any row, out_open's columns make no sheet of their own */
	if (!o->started) {
		o->started = true;
		o->xlsx = xlsx_new();
		if (!o->xlsx)
			return o->failed = sm_error_code() ? sm_error_code() : EX_SOFTWARE;
	}
	if (!o->xlsx)
		return o->failed = EX_SOFTWARE;
	set_columns(o, cols, ncols);
	o->failed = xlsx_sheet(o->xlsx, name, cols, ncols);
	return o->failed;
}

/* ---- opening and closing ---- */

static void out_free(struct output *o)
{
	for (size_t c = 0; c < o->ncols; c++)
		free((char *)o->cols[c].name);
	free(o->cols);
	free(o->info);
	free(o->name);
	free(o->cells);
	xlsx_abort(o->xlsx);
	sb_release(&o->line);
	sb_release(&o->plain);
	sb_release(&o->field);
	sb_release(&o->text);
	free(o);
}

/* The header (and BOM) wait for the first row or out_finish, so an output
 * abandoned before any row writes nothing at all. */
static void out_start(struct output *o)
{
	if (o->started)
		return;
	o->started = true;
	if (o->mode->begin)
		o->mode->begin(o);
}

struct output *out_open_stream(enum out_format fmt, FILE *fp, const char *display_name,
			       unsigned flags, const struct out_column *cols, size_t ncols)
{
	struct output *o;

	if ((unsigned)fmt >= sizeof modes / sizeof modes[0]) {
		sm_error(EX_SOFTWARE, "unknown output format %d", (int)fmt);
		return NULL;
	}
	/* a workbook is bytes for a file, not text for a screen */
	if (fmt == OUT_XLSX && fp && isatty(fileno(fp))) {
		sm_error(EX_USAGE, "an .xlsx workbook cannot go to a terminal: write it to a file with -o FILE.xlsx");
		return NULL;
	}
	o = calloc(1, sizeof *o);
	if (!o)
		die_oom();
	o->mode = &modes[fmt];
	if (!o->mode->excel)
		flags &= ~(unsigned)OUT_EXCEL;
	if (o->mode->header_required || o->mode->no_header)
		flags &= ~(unsigned)OUT_NO_HEADER;
	/* expanded is a table's; a date's range is for programs, not grids */
	if (fmt != OUT_TABLE)
		flags &= ~(unsigned)OUT_EXPANDED;
	if (o->mode->escape)
		flags &= ~(unsigned)OUT_DATE_RANGE;
	o->flags = flags;
	o->fp = fp;
	o->name = xstrdup(display_name ? display_name : "output");
	o->ncols = ncols;
	o->cols = calloc(ncols ? ncols : 1, sizeof *o->cols);
	o->info = calloc(ncols ? ncols : 1, sizeof *o->info);
	if (!o->cols || !o->info)
		die_oom();
	for (size_t c = 0; c < ncols; c++) {
		o->cols[c].name = xstrdup(cols[c].name ? cols[c].name : "");
		o->cols[c].type = cols[c].type;
	}
	return o;
}

void out_set_width(struct output *o, size_t width)
{
	o->fit_width = width;
}

void out_set_unit(struct output *o, enum out_unit unit)
{
	o->unit = unit;
}

/* ---- files ---- */

void out_protect(const char *db_path)
{
	atomic_file_protect(db_path);
}

struct output *out_open(enum out_format fmt, const char *path, unsigned flags,
			const struct out_column *cols, size_t ncols)
{
	bool follow = !(flags & OUT_NO_FOLLOW);
	struct atomic_file file;
	struct output *o;

	flags &= ~(unsigned)OUT_NO_FOLLOW;
	if (!path || strcmp(path, "-") == 0)
		return out_open_stream(fmt, stdout, "standard output", flags, cols, ncols);
	if ((unsigned)fmt >= sizeof modes / sizeof modes[0]) {
		sm_error(EX_SOFTWARE, "unknown output format %d", (int)fmt);
		return NULL;
	}
	if (atomic_file_open(&file, path, follow) != 0)
		return NULL;
	o = out_open_stream(fmt, file.fp, path, flags, cols, ncols);
	o->file = file;
	o->own_file = true;
	return o;
}

int out_row(struct output *o, const struct out_value *vals)
{
	for (size_t c = 0; c < o->ncols; c++)
		if ((unsigned)vals[c].kind > VAL_TEXT)
			return sm_error(EX_SOFTWARE, "invalid value for output column '%s'",
					o->cols[c].name);
	out_start(o);
	if (o->failed)
		return o->failed;
	if (o->werr)
		return write_error(o);
	o->mode->row(o, vals);
	o->nrows++;
	return o->failed ? o->failed : o->werr ? write_error(o) : 0;
}

int out_finish(struct output *o)
{
	int rc = 0;

	out_start(o);
	if (o->mode->end)
		o->mode->end(o);
	if (o->failed) {
		rc = o->failed;
		if (o->own_file)
			atomic_file_abort(&o->file);
		out_free(o);
		return rc;
	}
	if (o->own_file) {
		rc = atomic_file_commit(&o->file, o->name, o->werr);
	} else {
		errno = 0;
		if (fflush(o->fp) != 0 && !o->werr)
			o->werr = errno ? errno : EIO;
		if (ferror(o->fp) && !o->werr)
			o->werr = EIO;
		if (o->werr)
			rc = write_error(o);
	}
	out_free(o);
	return rc;
}

void out_abort(struct output *o)
{
	if (!o)
		return;
	if (o->own_file)
		atomic_file_abort(&o->file);
	out_free(o);
}

/* CSV with no columns writes no header and no rows, only what is given. */
int out_write_document(const char *path, const void *data, size_t len)
{
	struct output *o = out_open(OUT_CSV, path, 0, NULL, 0);

	if (!o)
		return sm_error_code() ? sm_error_code() : EX_CANTCREAT;
	out_start(o);
	out_write(o, data, len);
	return out_finish(o);
}

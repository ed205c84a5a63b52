/* test_csv_import.c - the CSV reading layer of import (csv-spectrum, physical line numbers, every
 * refusal) and the import's look-up of rows recorded already. */
#include "smalog/csv_reader.h"
#include "smalog/import.h"
#include "smalog/error.h"
#include "smalog/sql.h"

#include "check_main.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPECTRUM TEST_DATA_DIR "/csv-spectrum"

enum { MAX_ROWS = 64, MAX_COLS = 16 };

/* What csvr_read passed to the callbacks; row 0 is the header. */
struct collected {
	char *cell[MAX_ROWS][MAX_COLS];
	bool null[MAX_ROWS][MAX_COLS];
	long line[MAX_ROWS][MAX_COLS];
	long row_line[MAX_ROWS];
	size_t ncells[MAX_ROWS];
	size_t nrows;
	int stop_at; /* a row callback returns an error at this row (0: never) */
};

static int collect(struct collected *c, const struct csvr_cell *cells, size_t n, long line)
{
	ck_assert_uint_lt(c->nrows, MAX_ROWS);
	ck_assert_uint_le(n, MAX_COLS);
	size_t r = c->nrows++;
	c->ncells[r] = n;
	c->row_line[r] = line;
	for (size_t i = 0; i < n; i++) {
		c->null[r][i] = cells[i].text == NULL;
		c->cell[r][i] = strndup(cells[i].text ? cells[i].text : "", cells[i].len);
		c->line[r][i] = cells[i].line;
		if (cells[i].text)
			ck_assert_uint_eq(strlen(cells[i].text), cells[i].len);
	}
	if (c->stop_at && (int)r == c->stop_at)
		return sm_error(EX_DATAERR, "stopped at row %zu", r);
	return 0;
}

static int on_header(void *arg, const struct csvr_cell *cells, size_t n)
{
	return collect(arg, cells, n, cells[0].line);
}

static int on_row(void *arg, const struct csvr_cell *cells, size_t n, long line)
{
	return collect(arg, cells, n, line);
}

static void release(struct collected *c)
{
	for (size_t r = 0; r < c->nrows; r++)
		for (size_t i = 0; i < c->ncells[r]; i++)
			free(c->cell[r][i]);
	memset(c, 0, sizeof *c);
}

/* Read data[0..len) named name; returns csvr_read's code, message in sm_error_message(). */
static int read_mem(const char *data, size_t len, const char *name, struct collected *c)
{
	sm_error_clear();
	memset(c, 0, sizeof *c);
	FILE *fp = fmemopen((void *)data, len, "rb");
	ck_assert_ptr_nonnull(fp);
	struct csvr_config cfg = { .name = name, .header = on_header, .row = on_row, .arg = c };
	int rc = csvr_read(fp, &cfg, NULL);
	fclose(fp);
	return rc;
}

static int read_str(const char *data, struct collected *c)
{
	return read_mem(data, strlen(data), "t.csv", c);
}

/* Read data[0..len) with the reading options of cfg (its callbacks are set here). */
static int read_with(const char *data, size_t len, struct csvr_config cfg, struct collected *c)
{
	sm_error_clear();
	memset(c, 0, sizeof *c);
	FILE *fp = fmemopen((void *)data, len, "rb");
	ck_assert_ptr_nonnull(fp);
	cfg.name = "t.csv";
	cfg.header = on_header;
	cfg.row = on_row;
	cfg.arg = c;
	int rc = csvr_read(fp, &cfg, NULL);
	fclose(fp);
	return rc;
}

START_TEST(semicolons_with_the_delimiter)
{
	struct collected c;
	const char *data = "a;b\n1,5;\"x;y\"\n";
	ck_assert_int_eq(read_with(data, strlen(data), (struct csvr_config){ .delim = ';' }, &c), 0);
	ck_assert_uint_eq(c.nrows, 2);
	ck_assert_str_eq(c.cell[1][0], "1,5");
	ck_assert_str_eq(c.cell[1][1], "x;y");
	release(&c);
	ck_assert_int_eq(read_str(data, &c), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(),
			 "t.csv:1: the header has no comma but 1 semicolon: a CSV from a European Excel? use --delimiter ';'");
	release(&c);
	ck_assert_int_eq(read_with("a,b\n", 4, (struct csvr_config){ .delim = '\t' }, &c), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(), "t.csv:1: the header has no tab but 1 comma: use --delimiter ','");
	release(&c);
	ck_assert_int_eq(csvr_delimiter("TAB"), '\t');
	ck_assert_int_eq(csvr_delimiter("\\t"), '\t');
	ck_assert_int_eq(csvr_delimiter(";"), ';');
	ck_assert_int_eq(csvr_delimiter(";;"), 0);
}
END_TEST

/* A row of cp949_across_blocks: "N,x가가" on line N + 1. */
static int check_korean_row(void *arg, const struct csvr_cell *cells, size_t n, long line)
{
	long *rows = arg;
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(strtol(cells[0].text, NULL, 10), line - 1);
	ck_assert_str_eq(cells[1].text, "x\xea\xb0\x80\xea\xb0\x80");
	++*rows;
	return 0;
}

/* CP949 over several blocks: characters cut by a block's end are whole,
 * and lines are the file's. */
START_TEST(cp949_across_blocks)
{
	size_t cap = 3 * CSVR_READ_BLOCK, len = 0;
	char *data = malloc(cap);
	ck_assert_ptr_nonnull(data);
	len += (size_t)sprintf(data, "n,t\n");
	long lines = 1;
	/* rows of odd lengths, so that some pairs straddle a block's end */
	while (len + 32 < cap)
		len += (size_t)sprintf(data + len, "%ld,x\xb0\xa1\xb0\xa1\n", lines++);
	long rows = 0;
	sm_error_clear();
	FILE *fp = fmemopen(data, len, "rb");
	ck_assert_ptr_nonnull(fp);
	struct csvr_config cfg = { .name = "t.csv", .row = check_korean_row, .arg = &rows, .encoding = "cp949" };
	ck_assert_int_eq(csvr_read(fp, &cfg, NULL), 0);
	fclose(fp);
	ck_assert_int_eq(rows, lines - 1);
	/* cut the last character: the file ends inside it */
	data[len - 1] = '\xb0';
	rows = 0;
	fp = fmemopen(data, len, "rb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(csvr_read(fp, &cfg, NULL), EX_DATAERR);
	fclose(fp);
	char want[128];
	snprintf(want, sizeof want, "t.csv:%ld: column 't': the file ends inside a cp949 character", lines);
	ck_assert_str_eq(sm_error_message(), want);
	free(data);

	struct collected c;
	const char *small = "n,t\n1,\xb0\xa1\n2,\xb0\xa1\xff\n";
	ck_assert_int_eq(read_with(small, strlen(small), (struct csvr_config){ .encoding = "cp949" }, &c), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(), "t.csv:3: column 't': not valid cp949 (byte 0xFF)");
	ck_assert_str_eq(c.cell[1][1], "\xea\xb0\x80"); /* 가 */
	release(&c);
	ck_assert_int_eq(read_str(small, &c), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(), "t.csv:2: column 't': not UTF-8; saved by a Korean Excel? use --encoding cp949");
	release(&c);
	ck_assert_int_eq(csvr_check_encoding("no-such-encoding"), EX_USAGE);
	ck_assert_int_eq(csvr_check_encoding("euc-kr"), 0);
}
END_TEST

START_TEST(excel_defusing_undone)
{
	struct collected c;
	const char *data = "\xef\xbb\xbf" "a,b\r\n'=1+2,'x\r\n'-3,'\r\n";
	ck_assert_int_eq(read_with(data, strlen(data), (struct csvr_config){ .excel = true }, &c), 0);
	ck_assert_str_eq(c.cell[1][0], "=1+2");
	ck_assert_str_eq(c.cell[1][1], "'x");
	ck_assert_str_eq(c.cell[2][0], "-3");
	ck_assert_str_eq(c.cell[2][1], "'");
	release(&c);
	ck_assert_int_eq(read_str(data, &c), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(),
			 "t.csv:2: column 'a': starts with the ' that 'export --excel' puts before = + - @: use --excel to drop it");
	release(&c);
	/* without the BOM (saved back by a spreadsheet that kept the ' as
	 * text), the same: refused, or undone with --excel */
	ck_assert_int_eq(read_str(data + 3, &c), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(),
			 "t.csv:2: column 'a': starts with the ' that 'export --excel' puts before = + - @: use --excel to drop it");
	release(&c);
	ck_assert_int_eq(read_with(data + 3, strlen(data + 3), (struct csvr_config){ .excel = true }, &c), 0);
	ck_assert_str_eq(c.cell[1][0], "=1+2");
	ck_assert_str_eq(c.cell[1][1], "'x");
	release(&c);
}
END_TEST

/* ---- a small JSON reader for csv-spectrum's expected results ---- */

struct json {
	const char *p;
};

static void skip_ws(struct json *j)
{
	while (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t')
		j->p++;
}

static void expect_char(struct json *j, char ch)
{
	skip_ws(j);
	ck_assert_msg(*j->p == ch, "JSON: expected '%c' at '%.20s'", ch, j->p);
	j->p++;
}

/* A JSON string as UTF-8 (escapes \" \\ \/ \b \f \n \r \t \uXXXX in the BMP); caller frees. */
static char *json_string(struct json *j)
{
	expect_char(j, '"');
	size_t cap = strlen(j->p) + 1, n = 0;
	char *s = malloc(cap);
	ck_assert_ptr_nonnull(s);
	while (*j->p != '"') {
		ck_assert_msg(*j->p != '\0', "JSON: unterminated string");
		char ch = *j->p++;
		if (ch != '\\') {
			s[n++] = ch;
			continue;
		}
		ch = *j->p++;
		switch (ch) {
		case 'n': s[n++] = '\n'; break;
		case 'r': s[n++] = '\r'; break;
		case 't': s[n++] = '\t'; break;
		case 'b': s[n++] = '\b'; break;
		case 'f': s[n++] = '\f'; break;
		case 'u': {
			unsigned cp = (unsigned)strtoul((char[]){ j->p[0], j->p[1], j->p[2], j->p[3], 0 }, NULL, 16);
			j->p += 4;
			if (cp < 0x80) {
				s[n++] = (char)cp;
			} else if (cp < 0x800) {
				s[n++] = (char)(0xC0 | cp >> 6);
				s[n++] = (char)(0x80 | (cp & 0x3F));
			} else {
				s[n++] = (char)(0xE0 | cp >> 12);
				s[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				s[n++] = (char)(0x80 | (cp & 0x3F));
			}
			break;
		}
		default: s[n++] = ch; break;
		}
	}
	j->p++;
	s[n] = '\0';
	return s;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	rewind(fp);
	char *buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	if (len)
		*len = (size_t)n;
	return buf;
}

/* Compare the rows read with the JSON array of objects: same rows, and in
 * each the header's names as keys, in order, with the cells as values (an
 * empty cell is ""). */
static void compare_with_json(const struct collected *c, const char *json_text, const char *name)
{
	struct json j = { json_text };
	expect_char(&j, '[');
	size_t row = 1;
	skip_ws(&j);
	while (*j.p != ']') {
		if (row > 1)
			expect_char(&j, ',');
		ck_assert_msg(row < c->nrows, "%s: JSON has more rows than the CSV (%zu)", name, c->nrows - 1);
		expect_char(&j, '{');
		size_t col = 0;
		skip_ws(&j);
		while (*j.p != '}') {
			if (col > 0)
				expect_char(&j, ',');
			char *key = json_string(&j);
			expect_char(&j, ':');
			char *value = json_string(&j);
			ck_assert_msg(col < c->ncells[0], "%s: row %zu has more keys than the header", name, row);
			ck_assert_msg(strcmp(key, c->cell[0][col]) == 0, "%s: key '%s', header '%s'", name, key,
				      c->cell[0][col]);
			ck_assert_msg(strcmp(value, c->cell[row][col]) == 0, "%s: row %zu %s: JSON '%s', CSV '%s'", name,
				      row, key, value, c->cell[row][col]);
			free(key);
			free(value);
			col++;
			skip_ws(&j);
		}
		j.p++;
		ck_assert_msg(col == c->ncells[0], "%s: row %zu has %zu keys, the header %zu", name, row, col,
			      c->ncells[0]);
		row++;
		skip_ws(&j);
	}
	ck_assert_msg(row == c->nrows, "%s: JSON has %zu rows, the CSV %zu", name, row - 1, c->nrows - 1);
}

/* Every csv-spectrum case parses to its JSON, except location_coordinates
 * (see below); the list comes from the directory, so a new case is tested too. */
START_TEST(csv_spectrum)
{
	DIR *d = opendir(SPECTRUM "/csvs");
	ck_assert_ptr_nonnull(d);
	int tested = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".csv") != 0 || strcmp(e->d_name, "location_coordinates.csv") == 0)
			continue;
		char path[512], base[256];
		snprintf(base, sizeof base, "%.*s", (int)(n - 4), e->d_name);
		snprintf(path, sizeof path, SPECTRUM "/csvs/%s.csv", base);
		size_t len;
		char *csv = slurp(path, &len);
		snprintf(path, sizeof path, SPECTRUM "/json/%s.json", base);
		char *json = slurp(path, NULL);
		struct collected c;
		int rc = read_mem(csv, len, e->d_name, &c);
		ck_assert_msg(rc == 0, "%s: %s", e->d_name, sm_error_message());
		compare_with_json(&c, json, e->d_name);
		release(&c);
		free(csv);
		free(json);
		tested++;
	}
	closedir(d);
	ck_assert_int_ge(tested, 11);
}
END_TEST

/*
 * location_coordinates.json disagrees with its own CSV upstream (another
 * phone number, an object rather than an array), and the CSV has a quote
 * inside an unquoted field (37°36'37.8"N), which RFC 4180 does not allow.
 * So: the file is refused at that line and column, and the same row written
 * as RFC 4180 has it reads back as the CSV's own values.
 */
START_TEST(location_coordinates_by_hand)
{
	size_t len;
	char *csv = slurp(SPECTRUM "/csvs/location_coordinates.csv", &len);
	struct collected c;
	ck_assert_int_eq(read_mem(csv, len, "location_coordinates.csv", &c), EX_DATAERR);
	ck_assert_str_eq(sm_error_message(),
			 "location_coordinates.csv:2: column 'Location Coordinates': a quote inside an unquoted field "
			 "(quote the whole field and write the quote twice: \"\")");
	release(&c);
	free(csv);

	static const char fixed[] = "Contact Phone Number,Location Coordinates,Cities,Counties\n"
				    "2095257564,\"37\xEF\xBF\xBD" "36'37.8\"\"N 121\xEF\xBF\xBD" "2'17.9\"\"W\",Modesto,Stanislaus";
	ck_assert_int_eq(read_str(fixed, &c), 0);
	ck_assert_uint_eq(c.nrows, 2);
	ck_assert_str_eq(c.cell[1][0], "2095257564");
	ck_assert_str_eq(c.cell[1][1], "37\xEF\xBF\xBD" "36'37.8\"N 121\xEF\xBF\xBD" "2'17.9\"W");
	ck_assert_str_eq(c.cell[1][2], "Modesto");
	ck_assert_str_eq(c.cell[1][3], "Stanislaus");
	release(&c);
}
END_TEST

/* Lines are physical: a quoted cell spanning lines counts each, blank lines count. */
START_TEST(physical_lines)
{
	struct collected c;
	ck_assert_int_eq(read_str("a,b,c\n"
				  "1,\"two\nlines\",x\n"
				  "\n"
				  "\"three\r\nlines\r\nhere\",\"q\"\"\",\n"
				  "4,,\"\"",
				  &c), 0);
	ck_assert_uint_eq(c.nrows, 4);
	ck_assert_int_eq(c.row_line[0], 1);
	ck_assert_int_eq(c.row_line[1], 2);
	ck_assert_int_eq(c.line[1][1], 2);
	ck_assert_int_eq(c.line[1][2], 3);
	ck_assert_str_eq(c.cell[1][1], "two\nlines");
	ck_assert_int_eq(c.row_line[2], 5);
	ck_assert_str_eq(c.cell[2][0], "three\r\nlines\r\nhere");
	ck_assert_int_eq(c.line[2][1], 7);
	ck_assert_str_eq(c.cell[2][1], "q\"");
	ck_assert(c.null[2][2]);
	ck_assert_int_eq(c.row_line[3], 8);
	/* an empty unquoted cell is NULL, a quoted "" is an empty string */
	ck_assert(c.null[3][1]);
	ck_assert(!c.null[3][2]);
	ck_assert_str_eq(c.cell[3][2], "");
	release(&c);
}
END_TEST

/* A BOM is skipped; spaces are data; CRLF ends lines. */
START_TEST(bom_spaces_crlf)
{
	struct collected c;
	ck_assert_int_eq(read_str("\xEF\xBB\xBF" "name,note\r\n x ,\" y\"\r\n", &c), 0);
	ck_assert_uint_eq(c.nrows, 2);
	ck_assert_str_eq(c.cell[0][0], "name");
	ck_assert_str_eq(c.cell[1][0], " x ");
	ck_assert_str_eq(c.cell[1][1], " y");
	release(&c);
}
END_TEST

/* Rows seen by check_row, and the line of the last one. */
struct row_count {
	long line;
	int rows;
};

/* Each row of lines_across_blocks is "N,"first\n000...\nlast"": three lines. */
static int check_row(void *arg, const struct csvr_cell *cells, size_t ncells, long row_line)
{
	struct row_count *seen = arg;
	ck_assert_uint_eq(ncells, 2);
	ck_assert_int_eq(atoi(cells[0].text), seen->rows);
	ck_assert_int_eq(row_line, 2 + 3L * seen->rows);
	ck_assert_int_eq(cells[1].line, row_line);
	ck_assert(strncmp(cells[1].text, "first\n", 6) == 0);
	seen->line = row_line;
	seen->rows++;
	return 0;
}

/* Lines and cells that cross the reader's 64 KiB blocks keep their numbers. */
START_TEST(lines_across_blocks)
{
	size_t n = 0;
	char *buf = malloc(400000);
	ck_assert_ptr_nonnull(buf);
	n += (size_t)sprintf(buf + n, "id,text\n");
	int rows = 0;
	while (n < 300000) {
		/* rows of three physical lines, the middle one long and of varying length */
		n += (size_t)sprintf(buf + n, "%d,\"first\n%0*d\nlast\"\n", rows, 1000 + rows % 7, 0);
		rows++;
	}
	sm_error_clear();
	FILE *fp = fmemopen(buf, n, "rb");
	struct row_count seen = { 0, 0 };
	struct csvr_config cfg = { .name = "big.csv", .row = check_row, .arg = &seen };
	ck_assert_int_eq(csvr_read(fp, &cfg, NULL), 0);
	fclose(fp);
	ck_assert_int_eq(seen.rows, rows);
	ck_assert_int_eq(seen.line, 2 + 3L * (rows - 1));
	free(buf);
}
END_TEST

static const struct {
	const char *csv;
	size_t len; /* 0: strlen */
	const char *message;
} refusals[] = {
	{ "a,b\n1,\"open\n\nstill open", 0, "t.csv:2: column 'b': the quote opened on this line is never closed" },
	{ "a,b\n1,2\n\"x\n", 0, "t.csv:3: column 'a': the quote opened on this line is never closed" },
	{ "a,b\n1,2\n3,\"4\"x\n", 0,
	  "t.csv:3: column 'b': text after the closing quote (a quote inside a quoted field is written twice: \"\")" },
	{ "a,b\n1,2\n3,4\"\n", 0,
	  "t.csv:3: column 'b': a quote inside an unquoted field (quote the whole field and write the quote twice: \"\")" },
	{ "a,b\n1,2\n3\n", 0, "t.csv:3: row has 1 field but the header has 2" },
	{ "a,b\n1,2,3\n", 0, "t.csv:2: row has 3 fields but the header has 2" },
	{ "a,b\n\"1\n2\",3,4\n", 0, "t.csv:2: row has 3 fields but the header has 2" },
	{ "a,b\n1,x\0y\n", 11, "t.csv:2: column 'b': contains a NUL byte" },
	{ "a,b\n1,\"x\ny\xff\"\n", 0, "t.csv:3: column 'b': not valid UTF-8 (byte 4)" },
	{ "a,\xc3\x28\n", 0, "t.csv:1: column 2: not valid UTF-8 (byte 1)" },
	/* a lone CR ends a line as libcsv ends a row there; CR LF is one end */
	{ "a,b\r1,2\r3,x\0\r", 14, "t.csv:3: column 'b': contains a NUL byte" },
	{ "a,b\r\n1,\"x\r\ny\rz\xff\"\r\n", 0, "t.csv:4: column 'b': not valid UTF-8 (byte 7)" },
	{ "a,b\r1,2\r\r3\n", 0, "t.csv:4: row has 1 field but the header has 2" },
	/* a header name is echoed safely: no line end or escape in a message */
	{ "a,\"b\n\x1b[2Jc\"\n1,x\0\n", 17, "t.csv:3: column 'b??[2Jc': contains a NUL byte" },
	/* ASCII is checked a word (8 bytes) at a time: a NUL or a high byte
	 * anywhere in a word, or in the bytes after the last whole word */
	{ "a,b\n1,0123456\0abcdefgh\n", 23, "t.csv:2: column 'b': contains a NUL byte" },
	{ "a,b\n1,\0" "0123456abcdefgh\n", 23, "t.csv:2: column 'b': contains a NUL byte" },
	{ "a,b\n1,01234567abcdefgh\0\n", 24, "t.csv:2: column 'b': contains a NUL byte" },
	{ "a,b\n1,01234567abc\xff" "efgh\n", 0, "t.csv:2: column 'b': not valid UTF-8 (byte 12)" },
	{ "a,b\n1,0123456789\x80\n", 0, "t.csv:2: column 'b': not valid UTF-8 (byte 11)" },
	{ "a,b\n1,\x7f\x01\x80\n", 0, "t.csv:2: column 'b': not valid UTF-8 (byte 3)" },
	{ "", 0, "t.csv: no header line: the first line names the columns" },
	{ "\xEF\xBB\xBF\n\n", 0, "t.csv: no header line: the first line names the columns" },
};

START_TEST(refused)
{
	struct collected c;
	size_t len = refusals[_i].len ? refusals[_i].len : strlen(refusals[_i].csv);
	int rc = read_mem(refusals[_i].csv, len, "t.csv", &c);
	ck_assert_int_eq(rc, EX_DATAERR);
	ck_assert_str_eq(sm_error_message(), refusals[_i].message);
	release(&c);
}
END_TEST

/* A CR LF split between two blocks of the reader (the CR last in one, the
 * LF first in the next) is one line end, not two. */
START_TEST(crlf_across_blocks)
{
	enum { BLOCK = 64 * 1024 };
	char *buf = malloc(BLOCK + 64);
	ck_assert_ptr_nonnull(buf);
	size_t n = (size_t)sprintf(buf, "a\r\n");
	long line = 1;
	while (n + 102 < BLOCK - 1) {
		memset(buf + n, 'y', 100);
		memcpy(buf + n + 100, "\r\n", 2);
		n += 102;
		line++;
	}
	memset(buf + n, 'y', BLOCK - 1 - n);
	n = BLOCK - 1;
	memcpy(buf + n, "\r\nx\0\n", 5);
	line += 2;
	n += 5;
	sm_error_clear();
	FILE *fp = fmemopen(buf, n, "rb");
	struct csvr_config cfg = { .name = "t.csv" };
	ck_assert_int_eq(csvr_read(fp, &cfg, NULL), EX_DATAERR);
	fclose(fp);
	char want[64];
	snprintf(want, sizeof want, "t.csv:%ld: column 'a': contains a NUL byte", line);
	ck_assert_str_eq(sm_error_message(), want);
	free(buf);
}
END_TEST

/* A callback's error stops the reading at once. */
START_TEST(callback_stops)
{
	struct collected c;
	memset(&c, 0, sizeof c);
	c.stop_at = 2;
	sm_error_clear();
	static const char data[] = "a\n1\n2\n3\n4\n";
	FILE *fp = fmemopen((void *)data, strlen(data), "rb");
	struct csvr_config cfg = { .name = "t.csv", .header = on_header, .row = on_row, .arg = &c };
	ck_assert_int_eq(csvr_read(fp, &cfg, NULL), EX_DATAERR);
	fclose(fp);
	ck_assert_uint_eq(c.nrows, 3);
	ck_assert_str_eq(sm_error_message(), "stopped at row 2");
	release(&c);
}
END_TEST

/* What input saw, in order. */
struct seen_input {
	char data[3 * CSVR_READ_BLOCK];
	size_t len, calls;
};

static void keep_input(void *arg, const void *data, size_t len)
{
	struct seen_input *in = arg;
	ck_assert_uint_le(in->len + len, sizeof in->data);
	memcpy(in->data + in->len, data, len);
	in->len += len;
	in->calls++;
}

/* input gets every byte read, in order, the BOM included, in blocks. */
START_TEST(input_sees_every_byte)
{
	static char data[2 * CSVR_READ_BLOCK + 100];
	memcpy(data, "\xEF\xBB\xBF" "a\n", 5);
	for (size_t i = 5; i < sizeof data; i++)
		data[i] = i % 7 ? (char)('0' + i % 10) : '\n';
	static struct seen_input in;
	memset(&in, 0, sizeof in);
	FILE *fp = fmemopen(data, sizeof data, "rb");
	struct csvr_config cfg = { .name = "t.csv", .input = keep_input, .arg = &in };
	uint64_t bytes = 0;
	ck_assert_int_eq(csvr_read(fp, &cfg, &bytes), 0);
	fclose(fp);
	ck_assert_uint_eq(bytes, sizeof data);
	ck_assert_uint_eq(in.len, sizeof data);
	ck_assert_uint_eq(in.calls, 3);
	ck_assert(memcmp(in.data, data, sizeof data) == 0);
}
END_TEST

/* ---- rows recorded already ---- */

static char dir[64], db_path[128];

static void import_setup(void)
{
	scratch_make(dir, "import", db_path, sizeof db_path);
	sm_error_clear();
}

static void import_teardown(void)
{
	scratch_remove(dir);
}

/* Write text to DIR/name and import it as kind; returns the exit code. */
static int import_text(struct db *db, const char *kind, const char *name, const char *text, bool again,
		       int64_t *rows)
{
	char file[192];
	snprintf(file, sizeof file, "%s/%s", dir, name);
	FILE *fp = fopen(file, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fputs(text, fp) >= 0, 1);
	ck_assert_int_eq(fclose(fp), 0);
	struct import_options opt = { .kind = kind_find(kind), .path = file, .again = again };
	sm_error_clear();
	return import_csv(db, &opt, rows, NULL);
}

/* The message after "DIR/" */
static const char *message_in_dir(void)
{
	const char *m = sm_error_message();
	return strncmp(m, dir, strlen(dir)) == 0 ? m + strlen(dir) + 1 : m;
}

static struct db *example_db(void)
{
	struct db *db;
	ck_assert_int_eq(db_open(db_path, DB_CREATE, &db), 0);
	int64_t rows;
	ck_assert_int_eq(import_text(db, "agreement", "a.csv", "code,parties,total\nSMA-10,\"KR,US\",1.0389T\n", false, &rows), 0);
	return db;
}

/* A small import keeps the indexes and looks rows up through
 * KIND.identical; a large one into a small table drops them and finds
 * repeated rows after the load (KIND.repeats).  Both
 * find a row the same as a stored record, and as an earlier row; an absent
 * confidence is the stored default 'reported'. */
START_TEST(same_row_by_index_and_after_load)
{
	struct db *db = example_db();
	int64_t rows;
	ck_assert_int_eq(import_text(db, "position", "p.csv",
				     "agreement,date,party,kind,pct\nSMA-10,2019,KR,offer,13\nSMA-10,2019,US,demand,50\n", false,
				     &rows), 0);
	ck_assert_int_eq(rows, 2);
	/* by index: the same as position 2, stored with confidence reported */
	ck_assert_int_eq(import_text(db, "position", "p2.csv",
				     "agreement,date,party,kind,pct,confidence\r\nSMA-10,2019,US,demand,50.00,reported\r\n",
				     false, &rows), EX_DATAERR);
	ck_assert_str_eq(message_in_dir(),
			 "p2.csv:2: this position is already recorded as position 2 (use --again to record it twice)");
	/* by hash: 300 KiB of new rows, then one the same as position 1 */
	size_t cap = 400 * 1024, used = 0;
	char *big = malloc(cap);
	used += (size_t)snprintf(big + used, cap - used, "agreement,date,party,kind,amount,pct,notes\n");
	int n = 0;
	for (; used < 300 * 1024; n++)
		used += (size_t)snprintf(big + used, cap - used, "SMA-10,2019-%02d,KR,offer,%d,,%s\n", 1 + n % 12, 1000 + n,
					 "a note long enough to make the file large quickly row after row");
	snprintf(big + used, cap - used, "SMA-10,2019,KR,offer,,13,\n");
	ck_assert_int_eq(import_text(db, "position", "big.csv", big, false, &rows), EX_DATAERR);
	char want[160];
	snprintf(want, sizeof want, "big.csv:%d: this position is already recorded as position 1 (use --again to record it twice)",
		 n + 2);
	ck_assert_str_eq(message_in_dir(), want);
	/* the same, with its third row again at the end */
	const char *third = big;
	for (int i = 0; i < 3; i++)
		third = strchr(third, '\n') + 1;
	size_t len = (size_t)(strchr(third, '\n') - third) + 1;
	memcpy(big + used, third, len);
	big[used + len] = '\0';
	ck_assert_int_eq(import_text(db, "position", "big2.csv", big, false, &rows), EX_DATAERR);
	snprintf(want, sizeof want, "big2.csv:%d: this position repeats line 4 (use --again to record it twice)", n + 2);
	ck_assert_str_eq(message_in_dir(), want);
	ck_assert_int_eq(import_text(db, "position", "big3.csv", big, true, &rows), 0);
	ck_assert_int_eq(rows, n + 1);
	free(big);
	db_close(db);
}
END_TEST

/* Counts the DROP INDEX of the uid's index among the statements run. */
static int count_uid_drops(unsigned type, void *arg, void *p, void *x)
{
	(void)type;
	(void)x;
	const char *sql = sqlite3_sql(p);
	if (sql && strstr(sql, "DROP INDEX") && strstr(sql, "position_by_uid"))
		++*(int *)arg;
	return 0;
}

/* 300 KiB of positions by KR; by US with a uid column when uid is given
 * (its first 24 characters, then the row's number in 12 digits), and then
 * a last row that repeats uid itself when clash. */
static char *big_positions(const char *uid, bool clash)
{
	size_t cap = 400 * 1024, used = 0;
	char *big = malloc(cap);
	used += (size_t)snprintf(big + used, cap - used, "agreement,date,party,kind,amount%s\n", uid ? ",uid" : "");
	for (int n = 0; used < 300 * 1024; n++) {
		used += (size_t)snprintf(big + used, cap - used, "SMA-10,2019-%02d,%s,offer,%d", 1 + n % 12,
					 uid ? "US" : "KR", 1000 + n);
		if (uid)
			used += (size_t)snprintf(big + used, cap - used, ",%.24s%012d", uid, n);
		used += (size_t)snprintf(big + used, cap - used, "\n");
	}
	if (clash)
		snprintf(big + used, cap - used, "SMA-10,2020,US,demand,5,%s\n", uid);
	return big;
}

/* A load that drops the indexes drops the uid's too when the file gives
 * no uids, and builds it again: every uid unique, the index smalog's.  A
 * file that gives uids into a table holding records keeps it, as each row
 * is looked up by its uid, and a uid recorded already is refused at its
 * line. */
START_TEST(uid_index_dropped_only_without_uids)
{
	struct db *db = example_db();
	int drops = 0;
	sqlite3_trace_v2(db->handle, SQLITE_TRACE_STMT, count_uid_drops, &drops);
	int64_t rows;
	char *big = big_positions(NULL, false);
	ck_assert_int_eq(import_text(db, "position", "nouid.csv", big, false, &rows), 0);
	free(big);
	ck_assert_int_eq(drops, 1);
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(db->handle,
					    "SELECT count(*), count(DISTINCT uid), (SELECT sql FROM sqlite_schema"
					    " WHERE name = 'position_by_uid') FROM position",
					    -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int64(stmt, 0), rows);
	ck_assert_int_eq(sqlite3_column_int64(stmt, 1), rows);
	ck_assert_str_eq((const char *)sqlite3_column_text(stmt, 2), "CREATE UNIQUE INDEX position_by_uid ON position (uid)");
	sqlite3_finalize(stmt);
	char uid[40];
	ck_assert_int_eq(sqlite3_prepare_v2(db->handle, "SELECT uid FROM position WHERE id = 1", -1, &stmt, NULL),
			 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	snprintf(uid, sizeof uid, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	/* the rows give uids: the index stays, and the clash is found */
	drops = 0;
	big = big_positions(uid, true);
	int lines = 0;
	for (const char *c = big; *c; c++)
		lines += *c == '\n';
	ck_assert_int_eq(import_text(db, "position", "uids.csv", big, false, &rows), EX_DATAERR);
	free(big);
	ck_assert_int_eq(drops, 0);
	char want[200];
	snprintf(want, sizeof want, "uids.csv:%d: column 'uid': uid %s already names position 1", lines, uid);
	ck_assert_str_eq(message_in_dir(), want);
	sqlite3_trace_v2(db->handle, 0, NULL, NULL);
	db_close(db);
}
END_TEST

/* 300 KiB of positions with uids, one a line from line 2: line uid_at
 * holds the uid of line 3, line same_at the fields of line 3 (with a uid
 * of its own), line bad_at a date that is none, line pct_at a pct that its
 * amount disagrees with (refused after its insert); 0 for none of these. */
static char *positions_with_uids(int uid_at, int same_at, int bad_at, int pct_at)
{
	size_t cap = 400 * 1024, used = 0;
	char *big = malloc(cap);
	used += (size_t)snprintf(big + used, cap - used, "agreement,date,party,kind,amount,pct,uid\n");
	for (int line = 2; used < 300 * 1024; line++) {
		if (line == pct_at) /* 1.17T is +12.62% over SMA-11's baseline, SMA-10's total */
			used += (size_t)snprintf(big + used, cap - used, "SMA-11,2019-06,KR,offer,1.17T,50,");
		else
			used += (size_t)snprintf(big + used, cap - used, "SMA-10,%s,US,offer,%d,,",
						 line == bad_at ? "May" : "2019-05", 1000 + (line == same_at ? 3 : line));
		used += (size_t)snprintf(big + used, cap - used, "00000000-0000-4000-8000-%012d\n",
					 line == uid_at ? 3 : line);
	}
	return big;
}

/* Into a table empty before the import, the uids a file gives are looked
 * up after the load, the uid index dropped and built again.  What is
 * refused, and where, is what a look-up per row finds: the same file into
 * a table that holds a record (which keeps the uid index) gets the same
 * message, the first bad line winning, a repeated row before a repeated
 * uid on the same line; and nothing is written. */
START_TEST(uids_looked_up_after_the_load)
{
	char other[192];
	snprintf(other, sizeof other, "%s/other.db", dir);
	struct db *empty = example_db(), *held;
	ck_assert_int_eq(db_open(other, DB_CREATE, &held), 0);
	int64_t rows;
	ck_assert_int_eq(import_text(held, "agreement", "a.csv", "code,parties,total\nSMA-10,\"KR,US\",1.0389T\n", false,
				     &rows), 0);
	for (int d = 0; d < 2; d++)
		ck_assert_int_eq(import_text(d ? held : empty, "agreement", "a2.csv",
					     "code,parties,previous\nSMA-11,\"KR,US\",SMA-10\n", false, &rows), 0);
	ck_assert_int_eq(import_text(held, "position", "one.csv", "agreement,date,party,kind,pct\nSMA-10,2018,KR,offer,5\n",
				     false, &rows), 0);
	int empty_drops = 0, held_drops = 0;
	sqlite3_trace_v2(empty->handle, SQLITE_TRACE_STMT, count_uid_drops, &empty_drops);
	sqlite3_trace_v2(held->handle, SQLITE_TRACE_STMT, count_uid_drops, &held_drops);
	const char *uid_900 = "u.csv:900: column 'uid': uid 00000000-0000-4000-8000-000000000003 is on line 3 too "
			      "(a uid names one record)";
	const char *repeat_800 = "u.csv:800: this position repeats line 3 (use --again to record it twice)";
	const char *repeat_900 = "u.csv:900: this position repeats line 3 (use --again to record it twice)";
	const struct {
		int uid_at, same_at, bad_at, pct_at;
		const char *want; /* NULL: whatever the look-up per row says */
	} cases[] = {
		{ 900, 0, 0, 0, uid_900 },   { 900, 0, 1200, 0, uid_900 }, { 900, 800, 0, 0, repeat_800 },
		{ 900, 950, 0, 0, uid_900 }, { 900, 900, 0, 0, repeat_900 }, { 0, 0, 1200, 0, NULL },
		{ 900, 0, 0, 900, uid_900 }, { 0, 0, 0, 900, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *text = positions_with_uids(cases[i].uid_at, cases[i].same_at, cases[i].bad_at, cases[i].pct_at);
		ck_assert_int_eq(import_text(empty, "position", "u.csv", text, false, &rows), EX_DATAERR);
		char got[512];
		snprintf(got, sizeof got, "%s", message_in_dir());
		ck_assert_int_eq(import_text(held, "position", "u.csv", text, false, &rows), EX_DATAERR);
		ck_assert_msg(strcmp(got, message_in_dir()) == 0, "case %zu: '%s' against '%s'", i, got, message_in_dir());
		if (cases[i].want)
			ck_assert_str_eq(got, cases[i].want);
		free(text);
	}
	/* a dry run, which builds no index again, finds the uid as well */
	char *twice = positions_with_uids(900, 0, 0, 0), path[256];
	snprintf(path, sizeof path, "%s/u.csv", dir);
	FILE *fp = fopen(path, "wb");
	ck_assert_int_eq(fputs(twice, fp) >= 0, 1);
	ck_assert_int_eq(fclose(fp), 0);
	free(twice);
	struct import_options dry = { .kind = kind_find("position"), .path = path, .dry_run = true };
	sm_error_clear();
	ck_assert_int_eq(import_csv(held, &dry, &rows, NULL), EX_DATAERR);
	ck_assert_str_eq(message_in_dir(), uid_900);
	sm_error_clear();
	ck_assert_int_eq(import_csv(empty, &dry, &rows, NULL), EX_DATAERR);
	ck_assert_str_eq(message_in_dir(), uid_900);
	ck_assert_int_eq(empty_drops, (int)(sizeof cases / sizeof cases[0]) + 1);
	ck_assert_int_eq(held_drops, 0);
	/* nothing written; then the file as it is, its uids kept */
	sqlite3_stmt *stmt;
	ck_assert_int_eq(sqlite3_prepare_v2(empty->handle, "SELECT count(*), count(DISTINCT uid), min(uid) FROM position",
					    -1, &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int64(stmt, 0), 0);
	sqlite3_reset(stmt);
	char *text = positions_with_uids(0, 0, 0, 0);
	ck_assert_int_eq(import_text(empty, "position", "u.csv", text, false, &rows), 0);
	free(text);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int64(stmt, 0), rows);
	ck_assert_int_eq(sqlite3_column_int64(stmt, 1), rows);
	ck_assert_str_eq((const char *)sqlite3_column_text(stmt, 2), "00000000-0000-4000-8000-000000000002");
	sqlite3_finalize(stmt);
	sqlite3_trace_v2(empty->handle, 0, NULL, NULL);
	sqlite3_trace_v2(held->handle, 0, NULL, NULL);
	db_close(held);
	db_close(empty);
}
END_TEST

/* The defaults the import reads from the schema are what the inserts store:
 * a row leaving them out compares as stored. */
START_TEST(defaults_are_what_is_stored)
{
	struct db *db = example_db();
	int64_t rows;
	/* SMA-10 was imported without a currency: stored as KRW */
	ck_assert_int_eq(import_text(db, "agreement", "a2.csv", "code,parties,total,currency\nSMA-10,\"KR,US\",1038900000000,KRW\n",
				     false, &rows), EX_DATAERR);
	ck_assert_str_eq(message_in_dir(),
			 "a2.csv:2: this agreement is already recorded as agreement 1 (use --skip-existing to skip rows recorded already)");
	ck_assert_int_eq(import_text(db, "position", "p.csv", "agreement,date,party,kind,pct,confidence\nSMA-10,2019,KR,offer,13,reported\n",
				     false, &rows), 0);
	ck_assert_int_eq(import_text(db, "position", "p2.csv", "agreement,date,party,kind,pct\nSMA-10,2019,KR,offer,13\n",
				     false, &rows), EX_DATAERR);
	db_close(db);
}
END_TEST

/* The look-ups of rows recorded already go through an index, never a scan
 * of the table: each KIND.natural plan, and each KIND.identical of a kind
 * without one, is a SEARCH. */
START_TEST(lookups_use_an_index)
{
	struct db *db;
	ck_assert_int_eq(db_open(db_path, DB_CREATE, &db), 0);
	int plans = 0;
	for (int k = 0; all_kinds[k]; k++) {
		for (int op = 0; op < 2; op++) {
			char name[64];
			snprintf(name, sizeof name, "%s.%s", all_kinds[k]->name, op ? "identical" : "natural");
			int len;
			const char *text = sql_statement(name, &len);
			if (!text || (op && import_has_natural_key(all_kinds[k])))
				continue;
			char *sql = NULL;
			ck_assert_int_ge(asprintf(&sql, "EXPLAIN QUERY PLAN %.*s", len, text), 0);
			sqlite3_stmt *stmt;
			ck_assert_int_eq(sqlite3_prepare_v2(db->handle, sql, -1, &stmt, NULL), SQLITE_OK);
			int rows = 0;
			while (sqlite3_step(stmt) == SQLITE_ROW) {
				const char *detail = (const char *)sqlite3_column_text(stmt, 3);
				ck_assert_msg(strncmp(detail, "SEARCH ", 7) == 0 && strstr(detail, "INDEX"), "%s: %s", name, detail);
				rows++;
			}
			ck_assert_int_eq(rows, 1);
			sqlite3_finalize(stmt);
			free(sql);
			plans++;
		}
	}
	ck_assert_int_eq(plans, 11); /* one for each kind */
	db_close(db);
}
END_TEST

/* A stand-in for the import's same_hash, so that KIND.repeats prepares. */
static void any_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_int(ctx, 0);
}

/* KIND.repeated, KIND.repeats, KIND.identical and the uid look-ups after
 * a load, made from each kind's description, are valid SQL for its table,
 * and identical compares every field: a parameter per field (bound by
 * name, so a field left out would pass unseen). */
START_TEST(repeat_lookups_for_every_kind)
{
	struct db *db;
	ck_assert_int_eq(db_open(db_path, DB_CREATE, &db), 0);
	ck_assert_int_eq(sqlite3_create_function(db->handle, "same_hash", -1, SQLITE_UTF8, NULL, any_hash, NULL, NULL),
			 SQLITE_OK);
	for (int k = 0; all_kinds[k]; k++) {
		/* each with a parameter it must have; identical, one per field */
		static const struct {
			const char *op, *param;
		} ops[] = { { "repeats", ":before" },     { "identical", ":id" },     { "repeated", ":before" },
			    { "uid_repeats", ":before" }, { "uid_elsewhere", ":uid" } };
		for (size_t op = 0; op < sizeof ops / sizeof ops[0]; op++) {
			char name[64];
			snprintf(name, sizeof name, "%s.%s", all_kinds[k]->name, ops[op].op);
			int len;
			const char *text = sql_statement(name, &len);
			ck_assert_msg(text != NULL, "%s", name);
			sqlite3_stmt *stmt;
			ck_assert_msg(sqlite3_prepare_v2(db->handle, text, len, &stmt, NULL) == SQLITE_OK, "%s: %s", name,
				      sqlite3_errmsg(db->handle));
			ck_assert_int_gt(sqlite3_bind_parameter_index(stmt, ops[op].param), 0);
			for (int i = 0; strcmp(ops[op].op, "identical") == 0 && i < all_kinds[k]->nfields; i++) {
				char param[48] = ":";
				field_column(&all_kinds[k]->fields[i], param + 1, sizeof param - 1);
				ck_assert_msg(sqlite3_bind_parameter_index(stmt, param) > 0, "%s: %s", name, param);
			}
			sqlite3_finalize(stmt);
		}
	}
	db_close(db);
}
END_TEST

/* The indexes are dropped when the input brings at least an eighth of the
 * rows the table holds, its rows counted at the size of those read:
 * 150-byte rows, the size of real positions, are counted as such, not as
 * 256. */
START_TEST(defer_indexes_decision)
{
	const int64_t mib = 1 << 20;
	/* 150 MB of 150-byte rows is 1M rows: into 8M, dropped; into 8M + 1, kept */
	ck_assert(import_defers_indexes(8000000, 437, 437 * 150, 150 * 1000000));
	ck_assert(!import_defers_indexes(8000001, 437, 437 * 150, 150 * 1000000));
	/* N rows into N, the append the estimate must not leave at the edge */
	ck_assert(import_defers_indexes(1000000, 437, 437 * 150, 150 * 1000000));
	ck_assert(import_defers_indexes(1100000, 437, 437 * 150, 150 * 1000000));
	/* the same file at 256 bytes a row is 585,937.5 rows */
	ck_assert(import_defers_indexes(4687500, 256, 256 * 256, 150 * 1000000));
	ck_assert(!import_defers_indexes(4687501, 256, 256 * 256, 150 * 1000000));
	/* an empty table: always, a stream included, once the input is large */
	ck_assert(import_defers_indexes(0, 0, 0, 10 * mib));
	ck_assert(import_defers_indexes(0, 0, 0, -1));
	/* a table holding rows: not before any row is read, never for a stream */
	ck_assert(!import_defers_indexes(1, 0, 0, 10 * mib));
	ck_assert(!import_defers_indexes(1, 1000, 65536, -1));
	/* a small input keeps the indexes, even into an empty table */
	ck_assert(!import_defers_indexes(0, 0, 0, IMPORT_DEFER_MIN_BYTES - 1));
	ck_assert(import_defers_indexes(0, 0, 0, IMPORT_DEFER_MIN_BYTES));
	ck_assert(!import_defers_indexes(1, 1000, 1000, IMPORT_DEFER_MIN_BYTES - 1));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("csv_import");
	TCase *tc = tcase_create("reader");
	tcase_add_test(tc, csv_spectrum);
	tcase_add_test(tc, location_coordinates_by_hand);
	tcase_add_test(tc, physical_lines);
	tcase_add_test(tc, bom_spaces_crlf);
	tcase_add_test(tc, lines_across_blocks);
	tcase_add_test(tc, crlf_across_blocks);
	tcase_add_loop_test(tc, refused, 0, (int)(sizeof refusals / sizeof refusals[0]));
	tcase_add_test(tc, callback_stops);
	tcase_add_test(tc, input_sees_every_byte);
	tcase_add_test(tc, semicolons_with_the_delimiter);
	tcase_add_test(tc, cp949_across_blocks);
	tcase_add_test(tc, excel_defusing_undone);
	tcase_add_test(tc, defer_indexes_decision);
	suite_add_tcase(s, tc);
	TCase *im = tcase_create("import");
	tcase_add_checked_fixture(im, import_setup, import_teardown);
	tcase_add_test(im, same_row_by_index_and_after_load);
	tcase_add_test(im, uid_index_dropped_only_without_uids);
	tcase_add_test(im, uids_looked_up_after_the_load);
	tcase_add_test(im, defaults_are_what_is_stored);
	tcase_add_test(im, lookups_use_an_index);
	tcase_add_test(im, repeat_lookups_for_every_kind);
	suite_add_tcase(s, im);
	return run_suite(s);
}

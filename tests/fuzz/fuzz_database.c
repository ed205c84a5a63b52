/* fuzz_database.c - libFuzzer harness: a database built from the input, rows
 * of every kind written past smalog's validation, then every report in
 * every output format, each output checked against its format's rules. */
#include "smalog/commands.h"
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/utf8.h"

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Properties of every output, each behind a switch so that a finding can be
 * studied with the others still checked (-DCHECK_...=0); all are on.
 *
 * CHECK_TABLE_CONTROLS: table and Markdown output hold no C0 control but
 * newline, no DEL and no C1 control, so a file from someone else cannot
 * drive the terminal that shows a report.
 *
 * CHECK_TABLE_UTF8: table and Markdown output are valid UTF-8 (a raw 0x9B
 * byte is CSI to some terminals).
 *
 * CHECK_CSV_TRIMMED: CSV reads back the same through a reader that trims
 * spaces and tabs around unquoted cells, as libcsv does by default.
 */
#ifndef CHECK_TABLE_CONTROLS
#define CHECK_TABLE_CONTROLS 1
#endif
#ifndef CHECK_TABLE_UTF8
#define CHECK_TABLE_UTF8 1
#endif
#ifndef CHECK_CSV_TRIMMED
#define CHECK_CSV_TRIMMED 1
#endif

/*
 * The input:
 *   byte 0, the setup: bit 0 starts from the bundled example (else an
 *   empty database); bit 1 drops every NOT NULL of the stored schema, so
 *   that NULLs reach any column; bit 2 redefines the view position_amount
 *   over other columns, so that the reports meet values of any type; bit 3
 *   shifts every column of the views that reports and chart read by one
 *   (each takes its neighbour's value where that is not NULL), so that
 *   text, NULLs and numbers reach any column of a report.
 *   Then rows, until the input ends: a byte choosing the table, then one
 *   value per column that can be written (see read_value).  CHECK
 *   constraints and foreign keys are off while the rows go in; a row that
 *   breaks a type or a uniqueness rule is dropped.
 */
enum { SETUP_EXAMPLE = 1, SETUP_NULLABLE = 2, SETUP_VIEW = 4, SETUP_SHIFT = 8, SETUPS = 16, MAX_ROWS = 48 };

static const char *const texts[] = {
	"SMA-10", "SMA-11", "SMA-12", "KR", "US", "JP", "offer", "demand", "2019", "2020-03~", "2020-04",
	"2021-03-07", "2019-09-24", "2020-02-29", "2020-02-30", "2021-02?", "2020%", "0001-01-01", "9999-12-31",
	"KRW", "USD", "JPY", "won", "signed", "tentative", "expired", "rejected", "stalled", "rumored", "confirmed",
	"reported", "in-person", "video", "KR,US", "US,KR,JP", "yonhap-2021-02-22", "cnn-2021-02",
	"koreaherald-2021-02-22", "Yonhap", "=1+1", "-5", "+5", "@SUM(A1)", "\tlead", "trail\t", " lead", "trail ",
	"a\nb", "a\r\nb", "\r", "\"q\"", "x,y", "a|b", "back\\slash", "\xef\xbf\xbe", "\xef\xbf\xbf", "\xe2\x80\xae",
	"\xe2\x80\x8b", "\xc2\xa0", "\xc2\x9b", "\x1b[31mred", "\x07", "\x7f", "\xff", "\xed\xa0\x80", "\xc0\xaf", "",
	"11차 방위비분담특별협정", "1조 1,833억", "0", "1", "-1", "9223372036854775807", "1.5e300", "NaN", "<&>'",
	"]]>", "<!--", "&amp;", "0.00", "-0",
};

static const int64_t integers[] = {
	0, 1, 2, 3, 8, -1, -2, 13, 100, 1300, 5000, -2500, -10000, -10001, 1899, 2019, 2020, 2021, 2030, 9999,
	10000, 11315000, 4000, 1038900000000, 1183300000000, 1558350000000, INT32_MAX, (int64_t)INT32_MAX + 1,
	922337203685477, 922337203685478, INT64_MAX / 10000, INT64_MAX / 10000 + 1, INT64_MAX - 1, INT64_MAX,
	INT64_MIN + 1, INT64_MIN, 201912315, 202003021,
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the input ---- */

struct input {
	const uint8_t *p;
	size_t left;
};

static bool take(struct input *in, uint8_t *b)
{
	if (!in->left)
		return false;
	*b = *in->p++;
	in->left--;
	return true;
}

static int64_t take_int64(struct input *in)
{
	uint64_t v = 0;
	uint8_t b;
	for (int i = 0; i < 8 && take(in, &b); i++)
		v |= (uint64_t)b << (8 * i);
	return (int64_t)v;
}

/* Bind one value read from the input to parameter i: NULL, a text or an
 * integer from the dictionaries, a small or a full 64-bit integer, bytes
 * of any kind as TEXT, a dictionary text with bytes after it, or a real. */
static void read_value(struct input *in, sqlite3_stmt *stmt, int i)
{
	uint8_t tag = 0, b = 0;
	take(in, &tag);
	switch (tag % 8) {
	case 0:
		sqlite3_bind_null(stmt, i);
		break;
	case 1:
		take(in, &b);
		sqlite3_bind_text(stmt, i, texts[b % COUNT(texts)], -1, SQLITE_STATIC);
		break;
	case 2:
		take(in, &b);
		sqlite3_bind_int64(stmt, i, integers[b % COUNT(integers)]);
		break;
	case 3:
		take(in, &b);
		sqlite3_bind_int64(stmt, i, (int8_t)b);
		break;
	case 4:
		sqlite3_bind_int64(stmt, i, take_int64(in));
		break;
	case 5:
	case 6: {
		char buf[512];
		size_t n = 0;
		if (tag % 8 == 6) {
			take(in, &b);
			n = strlen(texts[b % COUNT(texts)]);
			memcpy(buf, texts[b % COUNT(texts)], n);
		}
		uint8_t len = 0;
		take(in, &len);
		for (uint8_t k = 0; k < len && take(in, &b); k++)
			buf[n++] = (char)b;
		sqlite3_bind_text(stmt, i, buf, (int)n, SQLITE_TRANSIENT);
		break;
	}
	default: {
		int64_t bits = take_int64(in);
		double d;
		memcpy(&d, &bits, sizeof d);
		sqlite3_bind_double(stmt, i, d);
		break;
	}
	}
}

/* ---- files: one database per input, from one of four templates ---- */

static char prefix[64], db_path[96];

struct table {
	char *name;
	char *insert; /* INSERT INTO name (every column that can be written) */
	int ncols;
};

static struct table *tables;
static size_t ntables;
static char *templates[SETUPS];
static size_t template_len[SETUPS];

static void die(const char *what)
{
	fprintf(stderr, "fuzz_database: %s: %s\n", what, sm_error_message());
	abort();
}

static void exec_raw(sqlite3 *h, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "fuzz_database: %s: %s\n", sql, err ? err : "?");
		abort();
	}
}

static char *read_whole(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *buf = NULL;
	size_t cap = 0;
	*len = 0;
	for (;;) {
		if (*len == cap && !(buf = realloc(buf, cap = cap ? 2 * cap : 65536)))
			abort();
		size_t got = fread(buf + *len, 1, cap - *len, fp);
		if (got == 0)
			break;
		*len += got;
	}
	bool failed = ferror(fp);
	fclose(fp);
	if (failed)
		abort();
	if (!(buf = realloc(buf, *len + 1)))
		abort();
	buf[*len] = '\0';
	return buf;
}

static void write_whole(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, len, fp) != len || fclose(fp) != 0)
		abort();
}

/* Every file of this process: the database, outputs, temporaries. */
static void remove_files(void)
{
	DIR *dir = opendir("/dev/shm");
	if (!dir)
		return;
	struct dirent *e;
	size_t n = strlen(prefix) - strlen("/dev/shm/");
	while ((e = readdir(dir))) {
		if (strncmp(e->d_name, prefix + strlen("/dev/shm/"), n) == 0) {
			char path[512];
			snprintf(path, sizeof path, "/dev/shm/%s", e->d_name);
			unlink(path);
		}
	}
	closedir(dir);
}

/* Files of processes that are gone (a finding ends one before atexit). */
static void remove_stale_files(void)
{
	DIR *dir = opendir("/dev/shm");
	if (!dir)
		return;
	struct dirent *e;
	while ((e = readdir(dir))) {
		long pid;
		if (sscanf(e->d_name, "smalog-fuzzdb-%ld.", &pid) == 1 && pid > 0 && kill((pid_t)pid, 0) != 0 &&
		    errno == ESRCH) {
			char path[512];
			snprintf(path, sizeof path, "/dev/shm/%s", e->d_name);
			unlink(path);
		}
	}
	closedir(dir);
}

static const char view_sql[] =
	"SAVEPOINT view; DROP VIEW position_amount;"
	"CREATE VIEW position_amount AS SELECT id, agreement, date, date_key, coalesce(notes, party) AS party,"
	" coalesce(terms, kind) AS kind, currency, years AS baseline, source AS baseline_note,"
	" amount AS stated_amount, currency AS stated_currency, pct_bp AS stated_pct_bp, years AS from_rate,"
	" round AS to_rate, date AS from_rate_date, notes AS to_rate_date,"
	" coalesce(amount, notes, pct_bp, confidence) AS amount FROM position;"
	"RELEASE view;";

/* View name keeps its columns, but each takes the value of the next one
 * (the last the first's) where that is not NULL: the original is kept as
 * name__original.  A view that is not there is left alone. */
static void shift_view(sqlite3 *h, const char *name)
{
	sqlite3_stmt *stmt;
	char *sql = NULL;
	if (sqlite3_prepare_v2(h, "SELECT sql FROM sqlite_schema WHERE type = 'view' AND name = ?", -1, &stmt, NULL) !=
	    SQLITE_OK)
		abort();
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		sql = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	char head[128];
	snprintf(head, sizeof head, "CREATE VIEW %s ", name);
	if (!sql || strncmp(sql, head, strlen(head)) != 0) {
		free(sql);
		return;
	}
	char *cols[64];
	int n = 0;
	if (sqlite3_prepare_v2(h, "SELECT name FROM pragma_table_info(?)", -1, &stmt, NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	while (n < 64 && sqlite3_step(stmt) == SQLITE_ROW)
		cols[n++] = strdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	size_t cap = strlen(sql) + 4096;
	char *all = malloc(cap);
	if (!all)
		abort();
	int k = snprintf(all, cap, "CREATE VIEW %s__original %s; DROP VIEW %s; CREATE VIEW %s AS SELECT ", name,
			 sql + strlen(head), name, name);
	for (int i = 0; i < n && (size_t)k < cap; i++)
		k += snprintf(all + k, cap - (size_t)k, "%scoalesce(\"%s\", \"%s\") AS \"%s\"", i ? ", " : "",
			      cols[(i + 1) % n], cols[i], cols[i]);
	if ((size_t)k < cap)
		snprintf(all + k, cap - (size_t)k, " FROM %s__original;", name);
	if (sqlite3_exec(h, all, NULL, NULL, NULL) != SQLITE_OK)
		fprintf(stderr, "fuzz_database: %s kept: %s\n", name, sqlite3_errmsg(h));
	for (int i = 0; i < n; i++)
		free(cols[i]);
	free(all);
	free(sql);
}

/* Template `setup`: a database made by smalog itself, changed as the
 * setup bits say, kept in memory to be written out for each input. */
static void make_template(unsigned setup)
{
	unlink(db_path);
	struct db *db;
	if (db_open(db_path, DB_CREATE, &db) != 0)
		die("cannot create the database");
	if (setup & SETUP_EXAMPLE) {
		if (db_begin(db) != 0 || db_exec_file(db, "example.sql") != 0 || db_commit(db) != 0)
			die("cannot load the example");
	}
	db_close(db);
	sqlite3 *h;
	if (sqlite3_open(db_path, &h) != SQLITE_OK)
		abort();
	if (setup & SETUP_NULLABLE)
		exec_raw(h, "PRAGMA writable_schema = ON;"
			    "UPDATE sqlite_schema SET sql = replace(replace(sql, 'TEXT NOT NULL', 'TEXT'),"
			    " 'INTEGER NOT NULL', 'INTEGER') WHERE type = 'table';"
			    "PRAGMA writable_schema = OFF;");
	/* a view over columns that smalog no longer has is left as it was */
	if ((setup & SETUP_VIEW) && sqlite3_exec(h, view_sql, NULL, NULL, NULL) != SQLITE_OK)
		fprintf(stderr, "fuzz_database: position_amount kept: %s\n", sqlite3_errmsg(h));
	static const char *const shifted[] = { "timeline_event", "position_delta_row", "round_delta_row",
						"agreement_summary_row", "agreement_basis", "timeline", "position_delta",
						"round_delta", "agreement_summary" };
	for (size_t i = 0; (setup & SETUP_SHIFT) && i < COUNT(shifted); i++)
		shift_view(h, shifted[i]);
	sqlite3_close(h);
	templates[setup] = read_whole(db_path, &template_len[setup]);
	if (!templates[setup])
		abort();
	unlink(db_path);
}

/* The tables and the columns a row can set (not generated ones), from
 * the schema that smalog creates, whatever tables it has. */
static void find_tables(void)
{
	write_whole(db_path, templates[0], template_len[0]);
	sqlite3 *h;
	sqlite3_stmt *list, *cols;
	if (sqlite3_open(db_path, &h) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
			       -1, &list, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid", -1, &cols,
			       NULL) != SQLITE_OK)
		abort();
	while (sqlite3_step(list) == SQLITE_ROW) {
		if (!(tables = realloc(tables, (ntables + 1) * sizeof *tables)))
			abort();
		struct table *t = &tables[ntables++];
		t->name = strdup((const char *)sqlite3_column_text(list, 0));
		size_t cap = 256 + strlen(t->name);
		char *names = calloc(1, 4096), *marks = calloc(1, 4096);
		if (!t->name || !names || !marks)
			abort();
		t->ncols = 0;
		sqlite3_bind_text(cols, 1, t->name, -1, SQLITE_STATIC);
		while (sqlite3_step(cols) == SQLITE_ROW) {
			const char *c = (const char *)sqlite3_column_text(cols, 0);
			if (strlen(names) + strlen(c) + 8 >= 4096)
				abort();
			snprintf(names + strlen(names), 4096 - strlen(names), "%s\"%s\"", t->ncols ? ", " : "", c);
			snprintf(marks + strlen(marks), 4096 - strlen(marks), "%s?", t->ncols ? ", " : "");
			t->ncols++;
		}
		sqlite3_reset(cols);
		cap += strlen(names) + strlen(marks);
		if (!(t->insert = malloc(cap)))
			abort();
		snprintf(t->insert, cap, "INSERT INTO \"%s\" (%s) VALUES (%s)", t->name, names, marks);
		free(names);
		free(marks);
	}
	sqlite3_finalize(list);
	sqlite3_finalize(cols);
	sqlite3_close(h);
	unlink(db_path);
	if (ntables == 0)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	remove_stale_files();
	snprintf(prefix, sizeof prefix, "/dev/shm/smalog-fuzzdb-%ld.", (long)getpid());
	snprintf(db_path, sizeof db_path, "%sdb", prefix);
	atexit(remove_files);
	for (unsigned setup = 0; setup < SETUPS; setup++)
		make_template(setup);
	find_tables();
	return 0;
}

/* Write the input's database at db_path. */
static void build_database(struct input *in)
{
	uint8_t setup = 0;
	take(in, &setup);
	setup %= SETUPS;
	write_whole(db_path, templates[setup], template_len[setup]);
	sqlite3 *h;
	if (sqlite3_open(db_path, &h) != SQLITE_OK)
		abort();
	exec_raw(h, "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; BEGIN");
	uint8_t which;
	for (int rows = 0; rows < MAX_ROWS && take(in, &which); rows++) {
		struct table *t = &tables[which % ntables];
		sqlite3_stmt *stmt;
		if (sqlite3_prepare_v2(h, t->insert, -1, &stmt, NULL) != SQLITE_OK) {
			fprintf(stderr, "fuzz_database: %s: %s\n", t->insert, sqlite3_errmsg(h));
			abort();
		}
		for (int i = 1; i <= t->ncols; i++)
			read_value(in, stmt, i);
		sqlite3_step(stmt); /* a row against a type or a uniqueness rule is dropped */
		sqlite3_finalize(stmt);
	}
	exec_raw(h, "COMMIT");
	sqlite3_close(h);
}

/* ---- checking outputs ---- */

/* One cell of output as a reader gets it: absent (JSON null) or text. */
struct cell {
	bool null;
	bool number; /* JSON number: text is its literal */
	char *text;
	size_t len;
};

struct rows {
	struct cell *cells; /* row-major */
	size_t ncells, cap;
	size_t *row_len; /* cells per row */
	size_t nrows, row_cap;
	char **keys;     /* JSON: the first object's keys */
	size_t nkeys;
};

static void rows_free(struct rows *r)
{
	for (size_t i = 0; i < r->ncells; i++)
		free(r->cells[i].text);
	for (size_t i = 0; i < r->nkeys; i++)
		free(r->keys[i]);
	free(r->cells);
	free(r->row_len);
	free(r->keys);
	memset(r, 0, sizeof *r);
}

static void rows_add_cell(struct rows *r, struct cell c)
{
	if (r->ncells == r->cap && !(r->cells = realloc(r->cells, (r->cap = r->cap ? 2 * r->cap : 64) * sizeof *r->cells)))
		abort();
	r->cells[r->ncells++] = c;
	r->row_len[r->nrows - 1]++;
}

static void rows_new_row(struct rows *r)
{
	if (r->nrows == r->row_cap &&
	    !(r->row_len = realloc(r->row_len, (r->row_cap = r->row_cap ? 2 * r->row_cap : 16) * sizeof *r->row_len)))
		abort();
	r->row_len[r->nrows++] = 0;
}

static struct cell text_cell(const char *s, size_t len)
{
	struct cell c = { .len = len };
	if (!(c.text = malloc(len + 1)))
		abort();
	memcpy(c.text, s, len);
	c.text[len] = '\0';
	return c;
}

/* What was being checked, for the message before abort(). */
static char context[256];

static void broken(const char *what, const char *doc, size_t len)
{
	fprintf(stderr, "fuzz_database: %s: %s\n--- output (%zu bytes) ---\n%.*s\n---\n", context, what, len,
		(int)(len < 4000 ? len : 4000), doc ? doc : "");
	abort();
}

/* -- JSON, strictly RFC 8259: a small recursive descent -- */

struct json {
	const char *s;
	size_t len, pos;
	int depth;
};

static void j_ws(struct json *j)
{
	while (j->pos < j->len && strchr(" \t\n\r", j->s[j->pos]) && j->s[j->pos])
		j->pos++;
}

static bool j_lit(struct json *j, const char *lit)
{
	size_t n = strlen(lit);
	if (j->len - j->pos < n || memcmp(j->s + j->pos, lit, n) != 0)
		return false;
	j->pos += n;
	return true;
}

static int hex4(const char *s)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v = v * 16 + (c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1000);
	}
	return v < 0 ? -1 : v;
}

static void put_utf8(char *buf, size_t *n, unsigned cp)
{
	if (cp < 0x80) {
		buf[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		buf[(*n)++] = (char)(0xc0 | cp >> 6);
		buf[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		buf[(*n)++] = (char)(0xe0 | cp >> 12);
		buf[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3f));
		buf[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		buf[(*n)++] = (char)(0xf0 | cp >> 18);
		buf[(*n)++] = (char)(0x80 | (cp >> 12 & 0x3f));
		buf[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3f));
		buf[(*n)++] = (char)(0x80 | (cp & 0x3f));
	}
}

/* A string at j->pos (its opening quote), decoded into *out (malloc'd). */
static bool j_string(struct json *j, char **out, size_t *outlen)
{
	if (j->pos >= j->len || j->s[j->pos] != '"')
		return false;
	j->pos++;
	size_t start = j->pos;
	while (j->pos < j->len && j->s[j->pos] != '"') {
		unsigned char ch = (unsigned char)j->s[j->pos];
		if (ch < 0x20)
			return false;
		j->pos += ch == '\\' ? 2 : 1;
	}
	if (j->pos >= j->len)
		return false;
	size_t end = j->pos++;
	if (!utf8_valid(j->s + start, end - start, NULL))
		return false;
	char *buf = malloc(end - start + 1);
	size_t n = 0;
	if (!buf)
		abort();
	for (size_t i = start; i < end;) {
		if (j->s[i] != '\\') {
			buf[n++] = j->s[i++];
			continue;
		}
		char e = j->s[i + 1];
		i += 2;
		const char *simple = strchr("\"\\/bfnrt", e);
		if (e && simple) {
			buf[n++] = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
			continue;
		}
		if (e != 'u' || end - i < 4 || hex4(j->s + i) < 0) {
			free(buf);
			return false;
		}
		unsigned cp = (unsigned)hex4(j->s + i);
		i += 4;
		if (cp >= 0xdc00 && cp <= 0xdfff) {
			free(buf); /* a low surrogate alone */
			return false;
		}
		if (cp >= 0xd800 && cp <= 0xdbff) {
			int lo = end - i >= 6 && j->s[i] == '\\' && j->s[i + 1] == 'u' ? hex4(j->s + i + 2) : -1;
			if (lo < 0xdc00 || lo > 0xdfff) {
				free(buf);
				return false;
			}
			cp = 0x10000 + ((cp - 0xd800) << 10) + (unsigned)(lo - 0xdc00);
			i += 6;
		}
		put_utf8(buf, &n, cp);
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return true;
}

static bool j_number(struct json *j)
{
	size_t p = j->pos;
	const char *s = j->s;
#define DIGIT(k) ((k) < j->len && s[k] >= '0' && s[k] <= '9')
	if (p < j->len && s[p] == '-')
		p++;
	if (!DIGIT(p))
		return false;
	if (s[p] == '0')
		p++;
	else
		while (DIGIT(p))
			p++;
	if (p < j->len && s[p] == '.') {
		if (!DIGIT(p + 1))
			return false;
		for (p++; DIGIT(p); p++)
			;
	}
	if (p < j->len && (s[p] == 'e' || s[p] == 'E')) {
		p++;
		if (p < j->len && (s[p] == '+' || s[p] == '-'))
			p++;
		if (!DIGIT(p))
			return false;
		while (DIGIT(p))
			p++;
	}
#undef DIGIT
	j->pos = p;
	return true;
}

/* Any value; a scalar is stored in *c when c is given. */
static bool j_value(struct json *j, struct cell *c)
{
	j_ws(j);
	if (j->pos >= j->len || ++j->depth > 64)
		return false;
	char ch = j->s[j->pos];
	bool ok;
	if (ch == '"') {
		char *s;
		size_t n;
		ok = j_string(j, &s, &n);
		if (ok && c)
			*c = (struct cell){ .text = s, .len = n };
		else if (ok)
			free(s);
	} else if (ch == '{' || ch == '[') {
		char close = ch == '{' ? '}' : ']';
		j->pos++;
		j_ws(j);
		ok = true;
		if (j->pos < j->len && j->s[j->pos] == close) {
			j->pos++;
		} else {
			for (;;) {
				if (ch == '{') {
					char *key;
					size_t n;
					j_ws(j);
					if (!j_string(j, &key, &n))
						return false;
					free(key);
					j_ws(j);
					if (!j_lit(j, ":"))
						return false;
				}
				if (!j_value(j, NULL))
					return false;
				j_ws(j);
				if (j_lit(j, ","))
					continue;
				ok = j_lit(j, close == '}' ? "}" : "]");
				break;
			}
		}
		if (c)
			*c = (struct cell){ .null = true };
	} else if (j_lit(j, "null")) {
		ok = true;
		if (c)
			*c = (struct cell){ .null = true };
	} else if (j_lit(j, "true") || j_lit(j, "false")) {
		ok = true;
		if (c)
			*c = j->s[j->pos - 1] == 'e' && j->s[j->pos - 2] == 'u' ? text_cell("true", 4) : text_cell("false", 5);
	} else {
		size_t start = j->pos;
		ok = j_number(j);
		if (ok && c) {
			*c = text_cell(j->s + start, j->pos - start);
			c->number = true;
		}
	}
	j->depth--;
	return ok;
}

/* One object of a report's rows: its values in order into r; its keys
 * must be the columns (the first object's keys when r has none yet). */
static bool j_object(struct json *j, struct rows *r)
{
	j_ws(j);
	if (!j_lit(j, "{"))
		return false;
	rows_new_row(r);
	bool first = r->nrows == 1;
	size_t k = 0;
	j_ws(j);
	if (j_lit(j, "}"))
		return true;
	for (;; k++) {
		char *key;
		size_t n;
		j_ws(j);
		if (!j_string(j, &key, &n))
			return false;
		if (first) {
			if (!(r->keys = realloc(r->keys, (r->nkeys + 1) * sizeof *r->keys)))
				abort();
			r->keys[r->nkeys++] = key;
		} else {
			bool same = k < r->nkeys && strcmp(key, r->keys[k]) == 0;
			free(key);
			if (!same)
				return false;
		}
		j_ws(j);
		if (!j_lit(j, ":"))
			return false;
		struct cell c = { 0 };
		if (!j_value(j, &c))
			return false;
		rows_add_cell(r, c);
		j_ws(j);
		if (j_lit(j, ","))
			continue;
		return j_lit(j, "}") && (first || k + 1 == r->nkeys);
	}
}

/* JSON (an array of objects) or JSON lines (one object a line). */
static void parse_json(const char *doc, size_t len, bool lines, struct rows *r)
{
	struct json j = { doc, len, 0, 0 };
	if (lines) {
		while (j.pos < len) {
			size_t eol = j.pos;
			while (eol < len && doc[eol] != '\n')
				eol++;
			if (eol == len)
				broken("a JSON line without its newline", doc, len);
			struct json line = { doc, eol, j.pos, 0 };
			if (!j_object(&line, r) || (j_ws(&line), line.pos != eol))
				broken("a line that is not one JSON object", doc, len);
			j.pos = eol + 1;
		}
		return;
	}
	j_ws(&j);
	if (!j_lit(&j, "["))
		broken("JSON that is not an array", doc, len);
	j_ws(&j);
	if (!j_lit(&j, "]")) {
		for (;;) {
			if (!j_object(&j, r))
				broken("JSON that does not parse", doc, len);
			j_ws(&j);
			if (j_lit(&j, ","))
				continue;
			if (!j_lit(&j, "]"))
				broken("JSON that does not parse", doc, len);
			break;
		}
	}
	j_ws(&j);
	if (j.pos != len)
		broken("text after the JSON document", doc, len);
}

/* -- CSV through libcsv -- */

struct csv_collect {
	struct rows *r;
	bool row_open;
};

static void on_field(void *s, size_t len, void *arg)
{
	struct csv_collect *cc = arg;
	if (!cc->row_open) {
		rows_new_row(cc->r);
		cc->row_open = true;
	}
	rows_add_cell(cc->r, text_cell(s ? s : "", s ? len : 0));
}

static void on_row(int c, void *arg)
{
	(void)c;
	struct csv_collect *cc = arg;
	if (!cc->row_open)
		rows_new_row(cc->r);
	cc->row_open = false;
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Parse CSV strictly (a BOM skipped): quotes must be well formed.  No
 * space is trimmed unless trim, so a cell reads back exactly as written. */
static void parse_csv(const char *doc, size_t len, bool trim, struct rows *r)
{
	struct csv_parser p;
	struct csv_collect cc = { r, false };
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
		abort();
	if (!trim)
		csv_set_space_func(&p, no_space);
	if (len >= 3 && memcmp(doc, "\xef\xbb\xbf", 3) == 0) {
		doc += 3;
		len -= 3;
	}
	if (csv_parse(&p, doc, len, on_field, on_row, &cc) != len || csv_fini(&p, on_field, on_row, &cc) != 0)
		broken(csv_strerror(csv_error(&p)), doc, len);
	csv_free(&p);
}

/* -- TSV: every line exactly as wide as the header; \t \n \r \\ undone -- */

static void parse_tsv(const char *doc, size_t len, struct rows *r)
{
	size_t i = 0;
	while (i < len) {
		rows_new_row(r);
		char *buf = malloc(len - i + 1);
		size_t n = 0;
		if (!buf)
			abort();
		for (;; i++) {
			if (i == len)
				broken("a TSV line without its newline", doc, len);
			char ch = doc[i];
			if (ch == '\r')
				broken("a raw CR in TSV", doc, len);
			if (ch == '\t' || ch == '\n') {
				rows_add_cell(r, text_cell(buf, n));
				n = 0;
				if (ch == '\n') {
					i++;
					break;
				}
				continue;
			}
			if (ch == '\\') {
				const char *to = i + 1 < len ? strchr("\\tnr", doc[i + 1]) : NULL;
				if (!to || !doc[i + 1])
					broken("a lone backslash in TSV", doc, len);
				buf[n++] = "\\\t\n\r"[to - "\\tnr"];
				i++;
				continue;
			}
			buf[n++] = ch;
		}
		free(buf);
	}
}

/* The cells of a delimited output against the JSON rows of the same
 * report: the header names the JSON keys, then every cell reads as the
 * JSON value (null as empty, or as an infinite real).  Text that is not UTF-8 is compared only
 * in CSV itself: JSON writes such bytes as U+FFFD. */
static void compare(const struct rows *d, const struct rows *json, const char *what, const char *doc, size_t len)
{
	if (json->nrows == 0 && d->nrows <= 1)
		return;
	if (d->nrows != json->nrows + 1)
		broken(what, doc, len);
	size_t ncols = json->nkeys;
	if (d->row_len[0] != ncols)
		broken(what, doc, len);
	for (size_t c = 0; c < ncols; c++)
		if (d->cells[c].len != strlen(json->keys[c]) || memcmp(d->cells[c].text, json->keys[c], d->cells[c].len) != 0)
			broken(what, doc, len);
	for (size_t row = 0; row < json->nrows; row++) {
		if (d->row_len[row + 1] != ncols || json->row_len[row] != ncols)
			broken(what, doc, len);
		for (size_t c = 0; c < ncols; c++) {
			const struct cell *a = &d->cells[(row + 1) * ncols + c], *b = &json->cells[row * ncols + c];
			if (b->null) {
				/* JSON has no infinity: a real out of range is null there */
				if (a->len != 0 && strcmp(a->text, "Inf") != 0 && strcmp(a->text, "-Inf") != 0)
					broken(what, doc, len);
				continue;
			}
			if (!utf8_valid(a->text, a->len, NULL))
				continue;
			if (a->len != b->len || memcmp(a->text, b->text, a->len) != 0)
				broken(what, doc, len);
		}
	}
}

/* --excel against plain CSV: the same cells, but that one a spreadsheet
 * would run as a formula may carry a leading '. */
static void compare_excel(const struct rows *excel, const struct rows *plain, const char *doc, size_t len)
{
	if (excel->nrows != plain->nrows || excel->ncells != plain->ncells)
		broken("--excel has other cells than CSV", doc, len);
	for (size_t i = 0; i < plain->ncells; i++) {
		const struct cell *a = &excel->cells[i], *b = &plain->cells[i];
		if (a->len == b->len && memcmp(a->text, b->text, a->len) == 0)
			continue;
		if (a->len == b->len + 1 && a->text[0] == '\'' && b->len > 0 && strchr("=+-@\t\r", b->text[0]) &&
		    memcmp(a->text + 1, b->text, b->len) == 0)
			continue;
		broken("--excel changed a cell beyond defusing it", doc, len);
	}
}

/* Table and Markdown: nothing a terminal would act on. */
static void check_grid(const char *doc, size_t len)
{
	for (size_t i = 0; CHECK_TABLE_CONTROLS && i < len; i++) {
		unsigned char ch = (unsigned char)doc[i];
		if ((ch < 0x20 && ch != '\n') || ch == 0x7f)
			broken("a control byte in table output", doc, len);
		if (ch == 0xc2 && i + 1 < len && (unsigned char)doc[i + 1] >= 0x80 && (unsigned char)doc[i + 1] <= 0x9f)
			broken("a C1 control in table output", doc, len);
	}
	if (CHECK_TABLE_UTF8 && !utf8_valid(doc, len, NULL))
		broken("table output that is not UTF-8", doc, len);
}

/* -- SVG: well-formed XML 1.0, checked by hand (no libxml2 in the build) -- */

/* The code point of the UTF-8 sequence at s (valid) and its length. */
static unsigned decode(const unsigned char *s, size_t *n)
{
	if (s[0] < 0x80)
		return *n = 1, s[0];
	if (s[0] < 0xe0)
		return *n = 2, (unsigned)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	if (s[0] < 0xf0)
		return *n = 3, (unsigned)(s[0] & 0x0f) << 12 | (unsigned)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	return *n = 4, (unsigned)(s[0] & 0x07) << 18 | (unsigned)(s[1] & 0x3f) << 12 | (unsigned)(s[2] & 0x3f) << 6 |
		       (s[3] & 0x3f);
}

static bool xml_char(unsigned cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	       (cp >= 0x10000 && cp <= 0x10ffff);
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       c == ':' || c == '.';
}

/* An entity reference at s[*i] ('&'): one of the five, or a character
 * reference to an XML Char. */
static bool xml_entity(const char *s, size_t len, size_t *i)
{
	static const char *const names[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
	for (size_t k = 0; k < COUNT(names); k++) {
		size_t n = strlen(names[k]);
		if (len - *i >= n && memcmp(s + *i, names[k], n) == 0) {
			*i += n;
			return true;
		}
	}
	if (len - *i < 4 || s[*i + 1] != '#')
		return false;
	size_t p = *i + 2;
	bool hex = s[p] == 'x';
	unsigned long cp = 0;
	size_t digits = 0;
	for (p += hex; p < len && s[p] != ';' && digits < 8; p++, digits++) {
		char c = s[p];
		int v = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (v < 0)
			return false;
		cp = cp * (hex ? 16 : 10) + (unsigned long)v;
	}
	if (p >= len || s[p] != ';' || digits == 0 || !xml_char((unsigned)cp))
		return false;
	*i = p + 1;
	return true;
}

static void check_svg(const char *doc, size_t len)
{
	if (!utf8_valid(doc, len, NULL))
		broken("SVG that is not UTF-8", doc, len);
	for (size_t i = 0, n; i < len; i += n)
		if (!xml_char(decode((const unsigned char *)doc + i, &n)))
			broken("a character XML 1.0 forbids in the SVG", doc, len);
	static const char decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
	if (len < sizeof decl - 1 || memcmp(doc, decl, sizeof decl - 1) != 0)
		broken("SVG without its XML declaration", doc, len);
	const char *stack[64];
	size_t nstack[64], depth = 0;
	bool root_seen = false;
	for (size_t i = sizeof decl - 1; i < len;) {
		if (doc[i] == '&') {
			if (!xml_entity(doc, len, &i))
				broken("a bad entity reference in the SVG", doc, len);
			continue;
		}
		if (doc[i] == '>')
			broken("a raw > in SVG text", doc, len); /* allowed, but smalog escapes it */
		if (doc[i] != '<') {
			if (depth == 0 && !strchr(" \t\r\n", doc[i]))
				broken("text outside the SVG element", doc, len);
			i++;
			continue;
		}
		i++;
		bool closing = i < len && doc[i] == '/';
		i += closing;
		size_t name = i;
		while (i < len && name_char(doc[i]))
			i++;
		size_t nlen = i - name;
		if (nlen == 0)
			broken("a tag without a name in the SVG", doc, len);
		if (closing) {
			if (depth == 0 || nstack[depth - 1] != nlen || memcmp(stack[depth - 1], doc + name, nlen) != 0)
				broken("a closing tag that does not match in the SVG", doc, len);
			depth--;
			if (i >= len || doc[i] != '>')
				broken("a closing tag not closed in the SVG", doc, len);
			i++;
			continue;
		}
		if (depth == 0 && root_seen)
			broken("a second root element in the SVG", doc, len);
		root_seen = true;
		/* attributes: name="value", value without < and with good entities */
		for (;;) {
			size_t ws = i;
			while (i < len && strchr(" \t\r\n", doc[i]) && doc[i])
				i++;
			if (i >= len)
				broken("a tag not closed in the SVG", doc, len);
			if (doc[i] == '>' || (doc[i] == '/' && i + 1 < len && doc[i + 1] == '>'))
				break;
			if (i == ws)
				broken("attributes not apart in the SVG", doc, len);
			size_t an = i;
			while (i < len && name_char(doc[i]))
				i++;
			if (i == an || i + 1 >= len || doc[i] != '=' || doc[i + 1] != '"')
				broken("a bad attribute in the SVG", doc, len);
			for (i += 2; i < len && doc[i] != '"';) {
				if (doc[i] == '<')
					broken("a < in an SVG attribute", doc, len);
				if (doc[i] == '&') {
					if (!xml_entity(doc, len, &i))
						broken("a bad entity reference in an SVG attribute", doc, len);
				} else {
					i++;
				}
			}
			if (i >= len)
				broken("an attribute not closed in the SVG", doc, len);
			i++;
		}
		if (doc[i] == '/') {
			i += 2; /* empty element */
			if (depth == 0)
				broken("an empty root element in the SVG", doc, len);
			continue;
		}
		i++;
		if (depth == COUNT(stack))
			broken("SVG nested too deeply", doc, len);
		stack[depth] = doc + name;
		nstack[depth++] = nlen;
	}
	if (depth != 0 || !root_seen)
		broken("SVG elements not closed", doc, len);
}

/* ---- running commands as main.c does ---- */

/* The commands this harness runs (main.c holds smalog's own table). */
const struct command *const commands[] = {
	&cmd_list, &cmd_check, &cmd_timeline, &cmd_delta, &cmd_summary, &cmd_export, &cmd_chart, NULL,
};

/* smalog ARGS... --db DB [-o OUT]: its exit code.  Every command must
 * either succeed or refuse the data (65); a refusal leaves no file, but
 * for `check`, whose 65 says that it found problems and lists them. */
static int run_command(const char *const *args, const char *out)
{
	bool lists_on_refusal = strcmp(args[0], "check") == 0;
	char *argv[32];
	int argc = 0;
	for (; args[argc]; argc++)
		argv[argc] = (char *)args[argc];
	argv[argc++] = "--db";
	argv[argc++] = db_path;
	if (out) {
		argv[argc++] = "-o";
		argv[argc++] = (char *)out;
		unlink(out);
	}
	argv[argc] = NULL;
	int k = snprintf(context, sizeof context, "smalog");
	for (int i = 0; i < argc && k > 0 && (size_t)k < sizeof context; i++)
		k += snprintf(context + k, sizeof context - (size_t)k, " %s", argv[i]);

	const struct command *cmd = command_find(argv[0]);
	if (!cmd)
		abort();
	sm_error_clear();
	struct cli cli = { 0 };
	bool help = false;
	int rc = cli_parse(cmd, argc - 1, argv + 1, &cli, &help);
	if (rc || help)
		broken(sm_error_message(), NULL, 0); /* the harness's own command line is wrong */
	rc = command_run(cmd, &cli);
	if (rc && sm_error_code())
		rc = sm_error_code();
	if (rc != 0 && rc != EX_DATAERR)
		broken(sm_error_message(), NULL, 0);
	if (rc != 0 && out && access(out, F_OK) == 0 && !lists_on_refusal)
		broken("a refused command left its -o file", NULL, 0);
	sm_error_clear();
	return rc;
}

/* Once the outputs named are removed, nothing but the database is left:
 * no temporary file of an -o, no journal. */
static void check_no_strays(void)
{
	DIR *dir = opendir("/dev/shm");
	if (!dir)
		abort();
	struct dirent *e;
	const char *base = prefix + strlen("/dev/shm/");
	while ((e = readdir(dir)))
		if (strncmp(e->d_name, base, strlen(base)) == 0 && strcmp(e->d_name + strlen(base), "db") != 0)
			broken("a file left behind", e->d_name, strlen(e->d_name));
	closedir(dir);
}

enum { FORMATS = 7 };
static const struct {
	const char *option, *extension;
} formats[FORMATS] = {
	{ "--format=table", "txt" }, { "--md", "md" },		  { "--json", "json" }, { "--jsonl", "jsonl" },
	{ "--csv", "csv" },	     { "--excel", "xls.csv" }, { "--tsv", "tsv" },
};

/* A command in every format it takes, each output checked, and the
 * delimited ones compared with its JSON. */
static void run_in_formats(const char *const *args, bool grid)
{
	char paths[FORMATS][128];
	char *docs[FORMATS] = { 0 };
	size_t lens[FORMATS] = { 0 };
	int rcs[FORMATS];
	const char *argv[24];
	size_t n = 0;
	for (; args[n]; n++)
		argv[n] = args[n];
	for (int f = grid ? 0 : 2; f < FORMATS; f++) {
		snprintf(paths[f], sizeof paths[f], "%sout.%s", prefix, formats[f].extension);
		argv[n] = formats[f].option;
		argv[n + 1] = NULL;
		rcs[f] = run_command(argv, paths[f]);
		docs[f] = read_whole(paths[f], &lens[f]);
		if (rcs[f] == 0 && !docs[f])
			broken("no -o file after success", NULL, 0);
		unlink(paths[f]);
	}
	check_no_strays();
	/* the same data, refused in one format, is refused in all */
	for (int f = grid ? 0 : 2; f < FORMATS; f++)
		if (rcs[f] != rcs[2])
			broken("a format changed the outcome", NULL, 0);
	for (int f = grid ? 0 : 2; f < FORMATS; f++)
		if (!docs[f] != !docs[2])
			broken("a format left no file where another did", NULL, 0);
	if (docs[2]) {
		for (int f = 0; grid && f < 2; f++) {
			snprintf(context, sizeof context, "%s (%s)", args[0], formats[f].option);
			check_grid(docs[f], lens[f]);
		}
		struct rows json = { 0 }, jsonl = { 0 }, csv = { 0 }, excel = { 0 }, tsv = { 0 };
		snprintf(context, sizeof context, "%s %s --json", args[0], args[1] ? args[1] : "");
		parse_json(docs[2], lens[2], false, &json);
		parse_json(docs[3], lens[3], true, &jsonl);
		if (jsonl.nrows != json.nrows || jsonl.ncells != json.ncells)
			broken("JSON lines hold other rows than JSON", docs[3], lens[3]);
		for (size_t i = 0; i < json.ncells; i++)
			if (json.cells[i].null != jsonl.cells[i].null || json.cells[i].len != jsonl.cells[i].len ||
			    (json.cells[i].len && memcmp(json.cells[i].text, jsonl.cells[i].text, json.cells[i].len) != 0))
				broken("JSON lines hold other values than JSON", docs[3], lens[3]);
		snprintf(context, sizeof context, "%s %s --csv", args[0], args[1] ? args[1] : "");
		parse_csv(docs[4], lens[4], false, &csv);
		compare(&csv, &json, "CSV does not read back as the JSON's cells", docs[4], lens[4]);
		if (CHECK_CSV_TRIMMED) {
			struct rows trimmed = { 0 };
			parse_csv(docs[4], lens[4], true, &trimmed);
			compare(&trimmed, &json, "CSV read by a reader that trims loses spaces or tabs", docs[4], lens[4]);
			rows_free(&trimmed);
		}
		snprintf(context, sizeof context, "%s %s --excel", args[0], args[1] ? args[1] : "");
		parse_csv(docs[5], lens[5], false, &excel);
		compare_excel(&excel, &csv, docs[5], lens[5]);
		snprintf(context, sizeof context, "%s %s --tsv", args[0], args[1] ? args[1] : "");
		parse_tsv(docs[6], lens[6], &tsv);
		compare(&tsv, &json, "TSV does not read back as the JSON's cells", docs[6], lens[6]);
		rows_free(&json);
		rows_free(&jsonl);
		rows_free(&csv);
		rows_free(&excel);
		rows_free(&tsv);
	}
	for (int f = 0; f < FORMATS; f++)
		free(docs[f]);
}

static void run_chart(const char *code)
{
	char path[128];
	snprintf(path, sizeof path, "%sout.svg", prefix);
	const char *args[] = { "chart", "--agreement", code, NULL };
	if (run_command(args, path) == 0) {
		size_t len;
		char *svg = read_whole(path, &len);
		if (!svg)
			broken("no SVG after success", NULL, 0);
		check_svg(svg, len);
		free(svg);
	}
	unlink(path);
	check_no_strays();
}

/* Up to three agreement codes of the database, and one that is in none. */
static void run_charts(void)
{
	sqlite3 *h;
	sqlite3_stmt *stmt;
	char codes[3][256];
	int n = 0;
	if (sqlite3_open_v2(db_path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT code FROM agreement WHERE code IS NOT NULL AND code <> '' ORDER BY id LIMIT 3", -1,
			       &stmt, NULL) != SQLITE_OK)
		abort();
	while (sqlite3_step(stmt) == SQLITE_ROW)
		snprintf(codes[n++], sizeof codes[0], "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(h);
	for (int i = 0; i < n; i++)
		if (codes[i][0] != '-') /* an option, to the command line */
			run_chart(codes[i]);
	run_chart("NO-SUCH-CODE");
}

static const char *const kinds[] = { "agreement", "source", "round", "position", "outcome", "furlough", "rate" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	build_database(&in);

	static const char *const reports[][4] = {
		{ "timeline", NULL }, { "delta", NULL }, { "delta", "--by", "round", NULL }, { "summary", NULL }, { "check", NULL },
	};
	for (size_t i = 0; i < COUNT(reports); i++)
		run_in_formats(reports[i], true);
	for (size_t i = 0; i < COUNT(kinds); i++) {
		const char *list[] = { "list", kinds[i], NULL };
		run_in_formats(list, true);
		const char *export[] = { "export", kinds[i], NULL };
		run_in_formats(export, false);
	}
	run_charts();
	unlink(db_path);
	return 0;
}

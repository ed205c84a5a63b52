/* cmd_chart.c - gathers an agreement's records and resolves them for the SVG chart. */
#include "smalog/commands.h"

#include "smalog/date.h"
#include "smalog/db.h"
#include "smalog/decimal.h"
#include "smalog/error.h"
#include "smalog/filters.h"
#include "smalog/kinds.h"
#include "smalog/memory.h"
#include "smalog/record.h"
#include "smalog/svg.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_LISTED_NOTES = 4 };

/* Everything the chart borrows, owned here: the arrays and every string
 * copied out of SQLite (whose texts last only until the next step). */
struct chart_data {
	struct chart chart;
	struct chart_position *positions;
	struct chart_round *rounds;
	struct chart_outcome *outcomes;
	struct chart_furlough *furloughs;
	struct chart_statement *statements;
	size_t cap_positions, cap_rounds, cap_outcomes, cap_furloughs, cap_statements;
	/* chart --years */
	struct chart_year *years;
	struct chart_mark *marks;
	size_t nyears, cap_years, nmarks, cap_marks;
	char **strings;
	size_t nstrings, cap_strings;
	/* the listed records left out, their count, the baseline's note and
	 * the note on how figures were placed */
	const char *notes[MAX_LISTED_NOTES + 3];
	size_t left_out;
	size_t records_read, positions_read;
	bool any_pct;       /* some positions were resolved from a pct */
	bool partial_dates;
};

/* A copy of s that lives as long as data; NULL stays NULL. */
static const char *keep(struct chart_data *data, const unsigned char *s)
{
	if (!s)
		return NULL;
	data->strings = xgrow(data->strings, &data->cap_strings, data->nstrings + 1, sizeof *data->strings);
	char *copy = xstrdup((const char *)s);
	data->strings[data->nstrings++] = copy;
	return copy;
}

static void chart_data_release(struct chart_data *data)
{
	for (size_t i = 0; i < data->nstrings; i++)
		free(data->strings[i]);
	free(data->strings);
	free(data->positions);
	free(data->rounds);
	free(data->outcomes);
	free(data->furloughs);
	free(data->statements);
	free(data->years);
	free(data->marks);
}

/* num / den rounded half away from zero, num >= 0 and den > 0; false when
 * the result does not fit in 64 bits. */
static bool ratio(__int128 num, int64_t den, int64_t *out)
{
	__int128 q = num / den;
	if (2 * (num % den) >= den)
		q++;
	if (q > INT64_MAX)
		return false;
	*out = (int64_t)q;
	return true;
}

/* The rate from one currency to another, both per US dollar in
 * ten-thousandths, as units of the second per unit of the first (also in
 * ten-thousandths): what a converted figure's label names. */
static int64_t cross_rate_e4(int64_t from_e4, int64_t to_e4)
{
	int64_t r = 0;
	return from_e4 > 0 && to_e4 > 0 && ratio((__int128)to_e4 * 10000, from_e4, &r) ? r : 0;
}

/* A note under the chart for a record that cannot be drawn ("Position 3",
 * "Outcome 7"); past a few, only counted, so the chart keeps its room. */
static void left_out(struct chart_data *data, const char *what, const char *why)
{
	if (data->left_out < MAX_LISTED_NOTES) {
		char note[512];
		snprintf(note, sizeof note, "%s is left out: %s.", what, why);
		data->notes[data->chart.nnotes++] = keep(data, (const unsigned char *)note);
	}
	data->left_out++;
}

/*
 * Whether a value read for field of kind can be drawn.  The file may come
 * from anyone (the sqlite3 shell, a redefined view), so every value is
 * held to the rules `add` applies, and a refusal is worded as `check`
 * words it: "party is required for a position", "invalid kind 'x'
 * (expected offer or demand)".  Returns NULL when the value is fine, else
 * why (written into why).  NULL and "" are absent.
 */
static const char *field_problem(const char *kind_name, const char *field, const unsigned char *text, bool required,
				 char *why, size_t whysz)
{
	if (!text || !*text) {
		if (!required)
			return NULL;
		snprintf(why, whysz, "%s is required for %s %s", field, strchr("aeiou", kind_name[0]) ? "an" : "a",
			 kind_name);
		return why;
	}
	const struct kind *kind = kind_find(kind_name);
	int i = kind ? kind_field_index(kind, field) : -1;
	if (i < 0)
		abort(); /* a field this file names that the kind does not have */
	struct record r;
	record_init(&r, kind);
	int refused = record_set(&r, i, (const char *)text, why, whysz);
	record_release(&r);
	return refused ? why : NULL;
}

/* The first problem among fields of one row: each entry names a field and
 * its column; NULL when every one can be drawn. */
struct field_at {
	const char *field;
	int col;
	bool required;
};

static const char *row_problem(sqlite3_stmt *row, const char *kind_name, const struct field_at *fields, size_t n,
			       char *why, size_t whysz)
{
	for (size_t i = 0; i < n; i++) {
		const char *problem = field_problem(kind_name, fields[i].field, sqlite3_column_text(row, fields[i].col),
						    fields[i].required, why, whysz);
		if (problem)
			return problem;
	}
	return NULL;
}

/* The stored date text as a day: the first (or last) day of its period;
 * 0 for NULL or for text that is not a date (written by another tool). */
static int32_t day_of(struct chart_data *data, const unsigned char *text, bool last)
{
	struct sm_date d;
	if (!text || date_parse((const char *)text, &d, NULL, 0) != 0)
		return 0;
	if (d.precision != DATE_DAY)
		data->partial_dates = true;
	return last ? date_last_ymd(&d) : date_first_ymd(&d);
}

/* One position as the reports resolve it: drawn at its amount, or left
 * out with the reason the reports give, or with what is wrong with a
 * value that the file holds against the rules. */
static void add_position(struct chart_data *data, sqlite3_stmt *row)
{
	static const struct field_at fields[] = {
		{ "date", 1, true }, { "party", 2, true }, { "kind", 3, true }, { "confidence", 7, false },
	};
	struct chart *c = &data->chart;
	char what[48], why[512];
	snprintf(what, sizeof what, "Position %" PRId64, (int64_t)sqlite3_column_int64(row, 0));
	const char *problem = row_problem(row, "position", fields, sizeof fields / sizeof fields[0], why, sizeof why);
	if (problem) {
		left_out(data, what, problem);
		return;
	}
	int32_t ymd = day_of(data, sqlite3_column_text(row, 1), false);
	if (!ymd) {
		left_out(data, what, "its date is not a valid date");
		return;
	}
	switch (sqlite3_column_type(row, 4)) {
	case SQLITE_INTEGER:
		break;
	case SQLITE_NULL: {
		const unsigned char *missing = sqlite3_column_text(row, 5);
		left_out(data, what, missing && *missing ? (const char *)missing : "its amount cannot be resolved");
		return;
	}
	default:
		left_out(data, what, "its amount is not a whole number");
		return;
	}
	if (sqlite3_column_int64(row, 4) < 0) {
		left_out(data, what, "its amount is below zero");
		return;
	}
	if (sqlite3_column_int(row, 6))
		data->any_pct = true;
	data->positions = xgrow(data->positions, &data->cap_positions, c->npositions + 1, sizeof *data->positions);
	const unsigned char *confidence = sqlite3_column_text(row, 7);
	struct chart_position *p = &data->positions[c->npositions++];
	*p = (struct chart_position){
		.party = keep(data, sqlite3_column_text(row, 2)),
		.kind = keep(data, sqlite3_column_text(row, 3)),
		.ymd = ymd,
		.amount = sqlite3_column_int64(row, 4),
		.rumored = confidence && strcmp((const char *)confidence, "rumored") == 0,
		.approx = sqlite3_column_int(row, 12) != 0,
	};
	/* an amount stated in another currency keeps what was said beside it */
	const unsigned char *stated_currency = sqlite3_column_text(row, 9);
	if (sqlite3_column_type(row, 8) == SQLITE_INTEGER && stated_currency &&
	    strcmp((const char *)stated_currency, c->currency) != 0) {
		p->rate_e4 = cross_rate_e4(sqlite3_column_int64(row, 10), sqlite3_column_int64(row, 11));
		if (p->rate_e4 > 0) {
			p->stated_currency = keep(data, stated_currency);
			p->stated_amount = sqlite3_column_int64(row, 8);
		}
	}
}

/* A read that failed.  smalog's statements compile against its own
 * schema, so an error here (a column missing, a function raising an error
 * in a view) means the file's tables or views are not smalog's: bad data,
 * not an internal error. */
static int read_failed(struct db *db, int rc, const char *doing)
{
	if ((rc & 0xff) != SQLITE_ERROR)
		return db_fail(db, rc, doing);
	return sm_error(EX_DATAERR, "%s: %s (the file's tables or views are not smalog's; run 'smalog check')", doing,
			sqlite3_errmsg(db->handle));
}

/* A statement of chart.sql bound to the agreement (none when code is
 * NULL: the years chart reads every agreement); NULL after sm_error,
 * which says what was being done ("reading positions"). */
static sqlite3_stmt *for_agreement(struct db *db, const char *name, const char *doing, const char *code)
{
	sqlite3_stmt *stmt = db_statement(db, name);
	if (stmt && code)
		db_bind_text(stmt, ":agreement", code);
	else if ((sqlite3_extended_errcode(db->handle) & 0xff) == SQLITE_ERROR) {
		/* db_statement called it internal: say what it is instead */
		sm_error_clear();
		read_failed(db, sqlite3_extended_errcode(db->handle), doing);
	}
	return stmt;
}

static int load_positions(struct db *db, struct chart_data *data)
{
	sqlite3_stmt *stmt = for_agreement(db, "chart.positions", "reading positions", data->chart.code);
	if (!stmt)
		return sm_error_code();
	int step, rc = 0;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		data->records_read++;
		data->positions_read++;
		add_position(data, stmt);
	}
	if (step != SQLITE_DONE)
		rc = read_failed(db, step, "reading positions");
	sqlite3_reset(stmt);
	return rc;
}

/* Whether column col holds a value: neither NULL nor "" (absent, as an
 * empty option value is). */
static bool present(sqlite3_stmt *row, int col)
{
	const unsigned char *text = sqlite3_column_text(row, col);
	return text && *text;
}

/* "Round 3" by its seq, else by its id. */
static void round_name(sqlite3_stmt *row, char *buf, size_t bufsz)
{
	if (sqlite3_column_type(row, 1) == SQLITE_INTEGER)
		snprintf(buf, bufsz, "Round %" PRId64, (int64_t)sqlite3_column_int64(row, 1));
	else
		snprintf(buf, bufsz, "Round (id %" PRId64 ")", (int64_t)sqlite3_column_int64(row, 0));
}

static void add_round(struct chart_data *data, sqlite3_stmt *row)
{
	static const struct field_at fields[] = { { "seq", 1, true }, { "start", 2, true }, { "end", 3, false } };
	struct chart *c = &data->chart;
	char what[48], why[512];
	round_name(row, what, sizeof what);
	const char *problem = row_problem(row, "round", fields, sizeof fields / sizeof fields[0], why, sizeof why);
	int32_t start = problem ? 0 : day_of(data, sqlite3_column_text(row, 2), false);
	int32_t end = problem ? 0 : day_of(data, sqlite3_column_text(row, 3), true);
	if (problem || !start || (!end && present(row, 3))) {
		left_out(data, what, problem ? problem : "its dates are not valid dates");
		return;
	}
	data->rounds = xgrow(data->rounds, &data->cap_rounds, c->nrounds + 1, sizeof *data->rounds);
	data->rounds[c->nrounds++] = (struct chart_round){ sqlite3_column_int64(row, 1), start, end };
}

static void add_outcome(struct chart_data *data, sqlite3_stmt *row)
{
	static const struct field_at fields[] = { { "kind", 1, true }, { "date", 2, true } };
	struct chart *c = &data->chart;
	char what[48], why[512];
	snprintf(what, sizeof what, "Outcome %" PRId64, (int64_t)sqlite3_column_int64(row, 0));
	const char *problem = row_problem(row, "outcome", fields, sizeof fields / sizeof fields[0], why, sizeof why);
	int32_t ymd = problem ? 0 : day_of(data, sqlite3_column_text(row, 2), false);
	if (problem || !ymd) {
		left_out(data, what, problem ? problem : "its date is not a valid date");
		return;
	}
	data->outcomes = xgrow(data->outcomes, &data->cap_outcomes, c->noutcomes + 1, sizeof *data->outcomes);
	data->outcomes[c->noutcomes++] = (struct chart_outcome){ keep(data, sqlite3_column_text(row, 1)), ymd };
}

static void add_furlough(struct chart_data *data, sqlite3_stmt *row)
{
	static const struct field_at fields[] = { { "start", 1, true }, { "end", 2, false }, { "workers", 3, true } };
	struct chart *c = &data->chart;
	char what[48], why[512];
	snprintf(what, sizeof what, "Furlough %" PRId64, (int64_t)sqlite3_column_int64(row, 0));
	/* before row_problem reads it as text, after which SQLite leaves the type undefined */
	bool whole_workers = sqlite3_column_type(row, 3) == SQLITE_INTEGER && sqlite3_column_int64(row, 3) >= 0;
	const char *problem = row_problem(row, "furlough", fields, sizeof fields / sizeof fields[0], why, sizeof why);
	int32_t start = problem ? 0 : day_of(data, sqlite3_column_text(row, 1), false);
	/* a span's end is the last day of its period: "2020-06" ends June 30 */
	int32_t end = problem ? 0 : day_of(data, sqlite3_column_text(row, 2), true);
	if (problem || !start || (!end && present(row, 2))) {
		left_out(data, what, problem ? problem : "its dates are not valid dates");
		return;
	}
	if (!whole_workers) {
		left_out(data, what, "its workers are not a whole number");
		return;
	}
	data->furloughs = xgrow(data->furloughs, &data->cap_furloughs, c->nfurloughs + 1, sizeof *data->furloughs);
	data->furloughs[c->nfurloughs++] = (struct chart_furlough){ start, end, sqlite3_column_int64(row, 3) };
}

/* One statement: drawn at its figure converted into the chart's currency
 * at the latest rates on or before its date, or at the top of the plot
 * with its own figure and why it was not converted. */
static void add_statement(struct chart_data *data, sqlite3_stmt *row)
{
	struct chart *c = &data->chart;
	char what[48];
	snprintf(what, sizeof what, "Statement %" PRId64, (int64_t)sqlite3_column_int64(row, 0));
	/* the date is parsed as add parses it; the table holds no NULL */
	int32_t ymd = day_of(data, sqlite3_column_text(row, 1), false);
	if (!ymd) {
		left_out(data, what, "its date is not a valid date");
		return;
	}
	data->statements = xgrow(data->statements, &data->cap_statements, c->nstatements + 1, sizeof *data->statements);
	struct chart_statement *st = &data->statements[c->nstatements++];
	const unsigned char *who = sqlite3_column_text(row, 2);
	*st = (struct chart_statement){ .who = keep(data, who && *who ? who : (const unsigned char *)"someone"), .ymd = ymd,
					.approx = sqlite3_column_int(row, 7) != 0 };
	if (sqlite3_column_type(row, 3) != SQLITE_INTEGER || sqlite3_column_int64(row, 3) < 0)
		return; /* words without a figure: a mark with its speaker */
	int64_t amount = sqlite3_column_int64(row, 3);
	const char *currency = (const char *)sqlite3_column_text(row, 4);
	if (!currency || strcmp(currency, c->currency) == 0) {
		st->has_amount = true;
		st->amount = amount;
		return;
	}
	st->stated_currency = keep(data, (const unsigned char *)currency);
	st->stated_amount = amount;
	int64_t from = sqlite3_column_int64(row, 5), to = sqlite3_column_int64(row, 6);
	bool rated = sqlite3_column_type(row, 5) == SQLITE_INTEGER && sqlite3_column_type(row, 6) == SQLITE_INTEGER &&
		     from > 0 && to > 0;
	if (rated && ratio((__int128)amount * to, from, &st->amount)) {
		st->has_amount = true;
		st->rate_e4 = cross_rate_e4(from, to);
		return;
	}
	char note[160];
	if (rated)
		snprintf(note, sizeof note, "too large to convert");
	else
		snprintf(note, sizeof note, "no %s rate on or before %s",
			 sqlite3_column_type(row, 5) == SQLITE_INTEGER ? c->currency : currency,
			 (const char *)sqlite3_column_text(row, 1));
	st->why_no_amount = keep(data, (const unsigned char *)note);
}

/* Rounds, outcomes and furloughs: each row drawn, or left out with a note
 * saying what is wrong with it (as `smalog check` would). */
static int load_events(struct db *db, struct chart_data *data)
{
	static const struct {
		const char *statement, *doing;
		void (*add)(struct chart_data *, sqlite3_stmt *);
	} events[] = {
		{ "chart.rounds", "reading rounds", add_round },
		{ "chart.outcomes", "reading outcomes", add_outcome },
		{ "chart.furloughs", "reading furloughs", add_furlough },
		{ "chart.statements", "reading statements", add_statement },
	};
	for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
		sqlite3_stmt *stmt = for_agreement(db, events[i].statement, events[i].doing, data->chart.code);
		if (!stmt)
			return sm_error_code();
		int step;
		while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
			data->records_read++;
			events[i].add(data, stmt);
		}
		sqlite3_reset(stmt);
		if (step != SQLITE_DONE)
			return read_failed(db, step, events[i].doing);
	}
	return 0;
}

/* The agreement and its baseline as the reports take it.  Without a
 * currency no figure can be named, so that alone refuses the chart; a
 * baseline that is not a whole number of units is left out with a note. */
static int load_agreement(struct db *db, const char *code, struct chart_data *data)
{
	struct chart *c = &data->chart;
	sqlite3_stmt *stmt = for_agreement(db, "chart.agreement", "reading the agreement", code);
	if (!stmt)
		return sm_error_code();
	int step = sqlite3_step(stmt);
	char why[512];
	const char *problem = NULL;
	if (step == SQLITE_ROW) {
		static const struct field_at currency[] = { { "currency", 3, true } };
		problem = row_problem(stmt, "agreement", currency, 1, why, sizeof why);
		c->code = keep(data, sqlite3_column_text(stmt, 0));
		c->title = keep(data, sqlite3_column_text(stmt, 1));
		c->parties = keep(data, sqlite3_column_text(stmt, 2));
		c->currency = keep(data, sqlite3_column_text(stmt, 3));
		int type = sqlite3_column_type(stmt, 4);
		c->has_baseline = type == SQLITE_INTEGER && sqlite3_column_int64(stmt, 4) >= 0;
		c->baseline = c->has_baseline ? sqlite3_column_int64(stmt, 4) : 0;
		if (!c->has_baseline && type != SQLITE_NULL)
			data->notes[c->nnotes++] = "The baseline is left out: it is not a whole number of units.";
		c->baseline_from = keep(data, sqlite3_column_text(stmt, 5));
		int64_t year = sqlite3_column_int64(stmt, 6);
		if (year >= 1 && year <= 9999)
			c->fallback_ymd = (int32_t)(year * 10000 + 101);
	}
	sqlite3_reset(stmt);
	if (step == SQLITE_DONE)
		return filters_check_agreement(db, code, EX_DATAERR);
	if (step != SQLITE_ROW)
		return read_failed(db, step, "reading the agreement");
	if (!c->code)
		c->code = keep(data, (const unsigned char *)code);
	if (problem)
		return sm_error(EX_DATAERR, "cannot chart %s: %s (see 'smalog check')", code, problem);
	return 0;
}

/* The notes under the chart: records left out, then how figures were
 * placed when that is not plain from the drawing. */
static void finish_notes(struct chart_data *data)
{
	struct chart *c = &data->chart;
	char note[256];
	if (data->left_out > MAX_LISTED_NOTES) {
		size_t more = data->left_out - MAX_LISTED_NOTES;
		snprintf(note, sizeof note, "... and %zu more record%s left out (of %zu).", more, more == 1 ? "" : "s",
			 data->records_read);
		data->notes[c->nnotes++] = keep(data, (const unsigned char *)note);
	}
	static const char pct_note[] = "Positions given as a percentage are drawn at baseline \xc3\x97 (1 + pct/100)";
	static const char date_note[] = "ates given as a month or a year are placed at the first day of that period";
	if (data->any_pct && data->partial_dates)
		snprintf(note, sizeof note, "%s; d%s.", pct_note, date_note);
	else if (data->any_pct)
		snprintf(note, sizeof note, "%s.", pct_note);
	else if (data->partial_dates)
		snprintf(note, sizeof note, "D%s.", date_note);
	if (data->any_pct || data->partial_dates)
		data->notes[c->nnotes++] = keep(data, (const unsigned char *)note);
	c->notes = data->notes;
	if (c->npositions == 0 && data->positions_read > 0)
		c->empty_note = "no position could be placed (see the notes below)";
}

/* Render to memory first, so a failure never leaves part of a file. */
static int write_chart(const struct chart *c, const char *path)
{
	char *svg = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&svg, &len);
	if (!mem)
		return sm_error(EX_SOFTWARE, "out of memory");
	chart_write_svg(c, mem);
	bool failed = ferror(mem) != 0;
	if (fclose(mem) != 0 || failed) {
		free(svg);
		return sm_error(EX_SOFTWARE, "out of memory");
	}
	int rc = out_write_document(path, svg, len);
	free(svg);
	return rc;
}

/* ---- chart --years ---- */

/* Every row of a statement of chart.sql (param bound to value when
 * given), each given to add; 0, or the exit code after sm_error. */
static int each_row(struct db *db, const char *name, const char *doing, const char *param, const char *value,
		    struct chart_data *data, void (*add)(struct chart_data *, sqlite3_stmt *))
{
	sqlite3_stmt *stmt = for_agreement(db, name, doing, NULL);
	if (!stmt)
		return sm_error_code();
	if (param)
		db_bind_text(stmt, param, value);
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		data->records_read++;
		add(data, stmt);
	}
	sqlite3_reset(stmt);
	return step == SQLITE_DONE ? 0 : read_failed(db, step, doing);
}

static void add_axis_currency(struct chart_data *data, sqlite3_stmt *row)
{
	data->records_read--; /* not a record */
	data->chart.currency = keep(data, sqlite3_column_text(row, 0));
}

/* "KR.CPI, cap 5%, lag 1" from a year's rule columns (index, cap_bp,
 * floor_bp, lag at col, col + 1, ...). */
static const char *rule_text(struct chart_data *data, sqlite3_stmt *row, int col)
{
	const unsigned char *series = sqlite3_column_text(row, col);
	if (!series || !*series)
		return NULL;
	char rule[200], num[DECIMAL_TEXT_SIZE];
	size_t n = (size_t)snprintf(rule, sizeof rule, "%s", (const char *)series);
	static const char *const bounds[] = { "cap", "floor" };
	for (int b = 0; b < 2 && n < sizeof rule; b++) {
		if (sqlite3_column_type(row, col + 1 + b) != SQLITE_INTEGER)
			continue;
		decimal_format(sqlite3_column_int64(row, col + 1 + b), 2, true, num, sizeof num);
		n += (size_t)snprintf(rule + n, sizeof rule - n, ", %s %s%%", bounds[b], num);
	}
	if (n < sizeof rule && sqlite3_column_type(row, col + 3) == SQLITE_INTEGER)
		snprintf(rule + n, sizeof rule - n, ", lag %" PRId64, (int64_t)sqlite3_column_int64(row, col + 3));
	return keep(data, (const unsigned char *)rule);
}

/* One agreement year: its stated amount in the axis's currency, or none
 * (drawn as such and noted); a year in another currency is left out. */
static void add_year(struct chart_data *data, sqlite3_stmt *row)
{
	char what[64];
	int64_t year = sqlite3_column_int64(row, 2);
	const char *agreement = (const char *)sqlite3_column_text(row, 1);
	snprintf(what, sizeof what, "Year %" PRId64 " of %s", year, agreement ? agreement : "?");
	const char *currency = (const char *)sqlite3_column_text(row, 4);
	if (!agreement || year < 1 || year > 9999) {
		left_out(data, what, "it is not a year of a recorded agreement");
		return;
	}
	if (!currency || strcmp(currency, data->chart.currency) != 0) {
		char why[96];
		snprintf(why, sizeof why, "it is in %s, not %s", currency ? currency : "no currency", data->chart.currency);
		left_out(data, what, why);
		return;
	}
	data->years = xgrow(data->years, &data->cap_years, data->nyears + 1, sizeof *data->years);
	struct chart_year *y = &data->years[data->nyears++];
	*y = (struct chart_year){ .agreement = keep(data, (const unsigned char *)agreement), .year = (int)year,
				  .rule = rule_text(data, row, 5) };
	if (sqlite3_column_type(row, 3) == SQLITE_INTEGER && sqlite3_column_int64(row, 3) >= 0) {
		y->has_amount = true;
		y->amount = sqlite3_column_int64(row, 3);
	}
}

/* One demand at the table, as the reports resolve it; a demand of an
 * agreement in another currency is left out with a note. */
static void add_demand(struct chart_data *data, sqlite3_stmt *row)
{
	static const struct field_at fields[] = { { "date", 2, true }, { "party", 3, true } };
	char what[48], why[512];
	snprintf(what, sizeof what, "Position %" PRId64, (int64_t)sqlite3_column_int64(row, 0));
	const char *problem = row_problem(row, "position", fields, 2, why, sizeof why);
	int32_t ymd = problem ? 0 : day_of(data, sqlite3_column_text(row, 2), false);
	if (problem || !ymd) {
		left_out(data, what, problem ? problem : "its date is not a valid date");
		return;
	}
	const char *currency = (const char *)sqlite3_column_text(row, 5);
	if (!currency || strcmp(currency, data->chart.currency) != 0) {
		snprintf(why, sizeof why, "its agreement is in %s, not %s", currency ? currency : "no currency",
			 data->chart.currency);
		left_out(data, what, why);
		return;
	}
	data->marks = xgrow(data->marks, &data->cap_marks, data->nmarks + 1, sizeof *data->marks);
	struct chart_mark *m = &data->marks[data->nmarks++];
	*m = (struct chart_mark){ .agreement = keep(data, sqlite3_column_text(row, 1)),
				  .who = keep(data, sqlite3_column_text(row, 3)), .ymd = ymd,
				  .approx = sqlite3_column_int(row, 11) != 0 };
	if (sqlite3_column_type(row, 6) != SQLITE_INTEGER)
		data->any_pct = true;
	if (sqlite3_column_type(row, 4) == SQLITE_INTEGER && sqlite3_column_int64(row, 4) >= 0) {
		m->has_amount = true;
		m->amount = sqlite3_column_int64(row, 4);
	} else {
		m->why_no_amount = keep(data, sqlite3_column_text(row, 10));
	}
	const unsigned char *stated_currency = sqlite3_column_text(row, 7);
	if (sqlite3_column_type(row, 6) == SQLITE_INTEGER && stated_currency &&
	    strcmp((const char *)stated_currency, currency) != 0) {
		m->stated_currency = keep(data, stated_currency);
		m->stated_amount = sqlite3_column_int64(row, 6);
		m->rate_e4 = m->has_amount ? cross_rate_e4(sqlite3_column_int64(row, 8), sqlite3_column_int64(row, 9)) : 0;
	}
}

/* Statements and demands in date order, demands first on a day. */
static int mark_order(const void *a, const void *b)
{
	const struct chart_mark *x = a, *y = b;
	if (x->ymd != y->ymd)
		return x->ymd < y->ymd ? -1 : 1;
	if (x->statement != y->statement)
		return x->statement ? 1 : -1;
	return x < y ? -1 : x > y;
}

/* Every agreement's years, every demand and every statement, on one axis
 * in the currency most years are in. */
static int run_years(struct cli *cli, const char *path)
{
	struct chart_data data = { 0 };
	struct db *db = cli->db;
	data.chart.currency = "KRW";
	int rc = each_row(db, "chart.years_currency", "reading schedules", NULL, NULL, &data, add_axis_currency);
	if (rc == 0)
		rc = each_row(db, "chart.years", "reading schedules", NULL, NULL, &data, add_year);
	if (rc == 0)
		rc = each_row(db, "chart.years_demands", "reading positions", NULL, NULL, &data, add_demand);
	if (rc == 0)
		rc = each_row(db, "chart.years_statements", "reading statements", ":currency", data.chart.currency, &data,
			      add_statement);
	if (rc == 0) {
		/* statements join the marks: the same figure, never a demand */
		for (size_t i = 0; i < data.chart.nstatements; i++) {
			const struct chart_statement *st = &data.statements[i];
			data.marks = xgrow(data.marks, &data.cap_marks, data.nmarks + 1, sizeof *data.marks);
			data.marks[data.nmarks++] = (struct chart_mark){
				.statement = true, .who = st->who, .ymd = st->ymd, .has_amount = st->has_amount,
				.amount = st->amount, .stated_currency = st->stated_currency,
				.stated_amount = st->stated_amount, .rate_e4 = st->rate_e4, .why_no_amount = st->why_no_amount,
				.approx = st->approx,
			};
		}
		if (data.nmarks > 1)
			qsort(data.marks, data.nmarks, sizeof *data.marks, mark_order);
		finish_notes(&data);
		struct years_chart yc = {
			.currency = data.chart.currency, .years = data.years, .nyears = data.nyears,
			.marks = data.marks, .nmarks = data.nmarks, .notes = data.chart.notes, .nnotes = data.chart.nnotes,
		};
		char *svg = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&svg, &len);
		if (!mem)
			die_oom();
		chart_years_write_svg(&yc, mem);
		bool failed = ferror(mem) != 0;
		if (fclose(mem) != 0 || failed)
			die_oom();
		rc = out_write_document(path, svg, len);
		free(svg);
	}
	chart_data_release(&data);
	return rc;
}

/* A file name that says SVG, so that c.png never holds SVG text. */
static bool svg_name(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && strcasecmp(path + n - 4, ".svg") == 0 && path[n - 5] != '/';
}

/* The options, checked before the database is looked for. */
static int check_chart(const struct cli *cli)
{
	const char *code = cli_get(cli, "agreement"), *path;
	if (cli_has(cli, "years") && code)
		return sm_error(EX_USAGE, "'smalog chart --years' draws every agreement: it takes no --agreement");
	if (!cli_has(cli, "years") && (!code || !*code))
		return sm_error(EX_USAGE, "'smalog chart' needs --agreement CODE or --years (see 'smalog list agreements')");
	int level;
	int rc = filters_confidence(cli, &level);
	if (rc == 0)
		rc = cli_output_path(cli, &path);
	if (rc == 0 && path && strcmp(path, "-") != 0 && !svg_name(path))
		rc = sm_error(EX_USAGE, "'smalog chart' writes SVG only: -o '%s' must end in .svg", path);
	return rc;
}

static int run_chart(struct cli *cli)
{
	const char *path;
	int level;
	cli_output_path(cli, &path);
	filters_confidence(cli, &level); /* checked by check_chart */
	int narrowed = filters_narrow_confidence(cli->db, level);
	if (narrowed)
		return narrowed;
	if (cli_has(cli, "years"))
		return run_years(cli, path);
	struct chart_data data = { 0 };
	int rc = load_agreement(cli->db, cli_get(cli, "agreement"), &data);
	if (rc == 0)
		rc = load_positions(cli->db, &data);
	if (rc == 0)
		rc = load_events(cli->db, &data);
	if (rc == 0) {
		finish_notes(&data);
		data.chart.positions = data.positions;
		data.chart.rounds = data.rounds;
		data.chart.outcomes = data.outcomes;
		data.chart.furloughs = data.furloughs;
		data.chart.statements = data.statements;
		rc = write_chart(&data.chart, path);
	}
	chart_data_release(&data);
	return rc;
}

static const struct option_spec chart_options[] = {
	{ "agreement", true, "the agreement to chart, by code (SMA-11)" },
	{ "years", false, "chart every agreement's yearly contributions on one axis, with demands and statements" },
	{ "confidence", true, "draw only positions and statements of this confidence or higher: confirmed, "
			      "reported or rumored (default: all)" },
	{ "o", true, "write the SVG to FILE, a name ending in .svg (atomically), instead of standard output" },
	{ NULL, false, NULL },
};

const struct command cmd_chart = {
	.name = "chart", .check = check_chart, .run = run_chart, .options = chart_options,
	.opens = OPENS_READ,
	.usage = "smalog chart (--agreement CODE | --years) [--confidence LEVEL] [-o FILE.svg]",
	.summary = "Draw an agreement's offers and demands, or every agreement's years, as an SVG chart.",
	.help = "Each party's standing position is a step line in the agreement's\n"
		"currency; the baseline (the agreement's, else the previous agreement's\n"
		"last scheduled year, else its total) is dashed; rounds, outcomes and\n"
		"furloughs are marked on the time axis.  A percentage is drawn at\n"
		"baseline x (1 + pct/100); an amount in\n"
		"another currency is converted at the latest rates on or before its date,\n"
		"or left out with a note when there is none.  A public statement is a\n"
		"labelled mark that never moves a line.  A figure with no room by its\n"
		"point is listed under the chart.\n"
		"\n"
		"With --years, every agreement's schedule is drawn year by year on one\n"
		"axis (a year without a recorded amount as a dashed box, named under the\n"
		"chart), with every demand at the table and every public statement.\n",
};

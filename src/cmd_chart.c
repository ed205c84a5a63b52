/* cmd_chart.c - gathers an agreement's records and resolves them for the SVG chart. */
#include "smalog/commands.h"

#include "smalog/date.h"
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/memory.h"
#include "smalog/svg.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_LISTED_NOTES = 4 };

/* Everything the chart borrows, owned here: the arrays and every string
 * copied out of SQLite (whose texts last only until the next step). */
struct chart_data {
	struct chart chart;
	struct chart_position *positions;
	struct chart_round *rounds;
	struct chart_outcome *outcomes;
	struct chart_furlough *furloughs;
	size_t cap_positions, cap_rounds, cap_outcomes, cap_furloughs;
	char **strings;
	size_t nstrings, cap_strings;
	const char *notes[MAX_LISTED_NOTES + 2];
	size_t left_out;
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
}

/* A note under the chart for a position that cannot be placed; past a few,
 * only counted, so the chart keeps its room. */
static void left_out(struct chart_data *data, int64_t id, const char *why)
{
	if (data->left_out < MAX_LISTED_NOTES) {
		char note[256];
		snprintf(note, sizeof note, "Position %" PRId64 " is left out: %s.", id, why);
		data->notes[data->chart.nnotes++] = keep(data, (const unsigned char *)note);
	}
	data->left_out++;
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
 * out with the reason the reports give. */
static void add_position(struct chart_data *data, sqlite3_stmt *row)
{
	struct chart *c = &data->chart;
	int64_t id = sqlite3_column_int64(row, 0);
	int32_t ymd = day_of(data, sqlite3_column_text(row, 1), false);
	if (!ymd) {
		left_out(data, id, "its date is not a valid date");
		return;
	}
	if (sqlite3_column_type(row, 4) == SQLITE_NULL) {
		left_out(data, id, (const char *)sqlite3_column_text(row, 5));
		return;
	}
	if (sqlite3_column_int64(row, 4) < 0) {
		left_out(data, id, "its amount is below zero");
		return;
	}
	if (sqlite3_column_int(row, 6))
		data->any_pct = true;
	data->positions = xgrow(data->positions, &data->cap_positions, c->npositions + 1, sizeof *data->positions);
	const unsigned char *confidence = sqlite3_column_text(row, 7);
	data->positions[c->npositions++] = (struct chart_position){
		.party = keep(data, sqlite3_column_text(row, 2)),
		.kind = keep(data, sqlite3_column_text(row, 3)),
		.ymd = ymd,
		.amount = sqlite3_column_int64(row, 4),
		.rumored = confidence && strcmp((const char *)confidence, "rumored") == 0,
	};
}

static sqlite3_stmt *for_agreement(struct db *db, const char *name, const char *code)
{
	sqlite3_stmt *stmt = db_statement(db, name);
	if (stmt)
		db_bind_text(stmt, ":agreement", code);
	return stmt;
}

static int load_positions(struct db *db, struct chart_data *data, size_t *stored)
{
	sqlite3_stmt *stmt = for_agreement(db, "chart.positions", data->chart.code);
	if (!stmt)
		return EX_SOFTWARE;
	int step, rc = 0;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		(*stored)++;
		add_position(data, stmt);
	}
	if (step != SQLITE_DONE)
		rc = db_fail(db, step, "reading positions");
	sqlite3_reset(stmt);
	return rc;
}

/* Rounds, outcomes and furloughs; rows whose dates do not parse (written
 * by another tool; `smalog check` reports them) are skipped. */
static int load_events(struct db *db, struct chart_data *data)
{
	struct chart *c = &data->chart;
	int step;
	sqlite3_stmt *stmt = for_agreement(db, "chart.rounds", c->code);
	if (!stmt)
		return EX_SOFTWARE;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int32_t start = day_of(data, sqlite3_column_text(stmt, 1), false);
		if (!start)
			continue;
		data->rounds = xgrow(data->rounds, &data->cap_rounds, c->nrounds + 1, sizeof *data->rounds);
		data->rounds[c->nrounds++] = (struct chart_round){ sqlite3_column_int64(stmt, 0), start,
								   day_of(data, sqlite3_column_text(stmt, 2), true) };
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_DONE)
		return db_fail(db, step, "reading rounds");

	if (!(stmt = for_agreement(db, "chart.outcomes", c->code)))
		return EX_SOFTWARE;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int32_t ymd = day_of(data, sqlite3_column_text(stmt, 1), false);
		if (!ymd)
			continue;
		data->outcomes = xgrow(data->outcomes, &data->cap_outcomes, c->noutcomes + 1, sizeof *data->outcomes);
		data->outcomes[c->noutcomes++] = (struct chart_outcome){ keep(data, sqlite3_column_text(stmt, 0)), ymd };
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_DONE)
		return db_fail(db, step, "reading outcomes");

	if (!(stmt = for_agreement(db, "chart.furloughs", c->code)))
		return EX_SOFTWARE;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int32_t start = day_of(data, sqlite3_column_text(stmt, 0), false);
		if (!start)
			continue;
		data->furloughs = xgrow(data->furloughs, &data->cap_furloughs, c->nfurloughs + 1, sizeof *data->furloughs);
		/* a span's end is the last day of its period: "2020-06" ends June 30 */
		data->furloughs[c->nfurloughs++] = (struct chart_furlough){
			start, day_of(data, sqlite3_column_text(stmt, 1), true), sqlite3_column_int64(stmt, 2) };
	}
	sqlite3_reset(stmt);
	if (step != SQLITE_DONE)
		return db_fail(db, step, "reading furloughs");
	return 0;
}

static int load_agreement(struct db *db, const char *code, struct chart_data *data)
{
	struct chart *c = &data->chart;
	sqlite3_stmt *stmt = for_agreement(db, "chart.agreement", code);
	if (!stmt)
		return EX_SOFTWARE;
	int step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		c->code = keep(data, sqlite3_column_text(stmt, 0));
		c->title = keep(data, sqlite3_column_text(stmt, 1));
		c->parties = keep(data, sqlite3_column_text(stmt, 2));
		c->currency = keep(data, sqlite3_column_text(stmt, 3));
		c->has_baseline = sqlite3_column_type(stmt, 4) != SQLITE_NULL;
		c->baseline = sqlite3_column_int64(stmt, 4);
		c->baseline_from = keep(data, sqlite3_column_text(stmt, 5));
		int64_t year = sqlite3_column_int64(stmt, 6);
		if (year >= 1 && year <= 9999)
			c->fallback_ymd = (int32_t)(year * 10000 + 101);
	}
	sqlite3_reset(stmt);
	if (step == SQLITE_DONE)
		return sm_error(EX_DATAERR, "no agreement '%s' (see 'smalog list agreements')", code);
	if (step != SQLITE_ROW)
		return db_fail(db, step, "reading the agreement");
	return 0;
}

/* The notes under the chart: positions left out, then how figures were
 * placed when that is not plain from the drawing. */
static void finish_notes(struct chart_data *data, size_t stored)
{
	struct chart *c = &data->chart;
	char note[256];
	if (data->left_out > MAX_LISTED_NOTES) {
		snprintf(note, sizeof note, "... and %zu more positions left out (of %zu).", data->left_out - MAX_LISTED_NOTES,
			 stored);
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
	if (stored > 0 && c->npositions == 0)
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

/* The options, checked before the database is looked for. */
static int check_chart(const struct cli *cli)
{
	const char *code = cli_get(cli, "agreement"), *path;
	if (!code || !*code)
		return sm_error(EX_USAGE, "'smalog chart' needs --agreement CODE (see 'smalog list agreements')");
	return cli_output_path(cli, &path);
}

static int run_chart(struct cli *cli)
{
	const char *path;
	cli_output_path(cli, &path);
	struct chart_data data = { 0 };
	size_t stored = 0;
	int rc = load_agreement(cli->db, cli_get(cli, "agreement"), &data);
	if (rc == 0)
		rc = load_positions(cli->db, &data, &stored);
	if (rc == 0)
		rc = load_events(cli->db, &data);
	if (rc == 0) {
		finish_notes(&data, stored);
		data.chart.positions = data.positions;
		data.chart.rounds = data.rounds;
		data.chart.outcomes = data.outcomes;
		data.chart.furloughs = data.furloughs;
		rc = write_chart(&data.chart, path);
	}
	chart_data_release(&data);
	return rc;
}

static const struct option_spec chart_options[] = {
	{ "agreement", true, "the agreement to chart, by code (SMA-11)" },
	{ "o", true, "write the SVG to FILE (atomically) instead of standard output" },
	{ NULL, false, NULL },
};

const struct command cmd_chart = {
	.name = "chart", .check = check_chart, .run = run_chart, .options = chart_options,
	.opens = OPENS_READ,
	.usage = "smalog chart --agreement CODE [-o FILE.svg]",
	.summary = "Draw an agreement's offers and demands over time as an SVG chart.",
	.help = "Each party's standing position is a step line in the agreement's\n"
		"currency; the baseline (the agreement's, else the previous agreement's\n"
		"total) is dashed; rounds, outcomes and furloughs are marked on the time\n"
		"axis.  A percentage is drawn at baseline x (1 + pct/100); an amount in\n"
		"another currency is converted at the latest rates on or before its date,\n"
		"or left out with a note when there is none.\n",
};

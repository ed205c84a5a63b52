/* cmd_report.c - the reports: timeline, delta (per position or per round), summary and terms, over the views of sql/. */
#include "smalog/commands.h"

#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/filters.h"
#include "smalog/memory.h"
#include "smalog/record.h"
#include "smalog/rows.h"
#include "smalog/sql.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A report: the named statement in sql/queries/reports.sql and the columns
 * it returns, typed for the output module (amounts grouped in tables,
 * pct and points as exact decimals that JSON prints as numbers). */
struct report {
	const char *title;     /* for messages: "delta --by round" */
	const char *statement;
	const struct out_column *cols;
	size_t ncols;
};

static const struct out_column timeline_cols[] = {
	{ "date", OUT_DATE },    { "agreement", OUT_TEXT }, { "type", OUT_TEXT },   { "party", OUT_TEXT },
	{ "summary", OUT_TEXT }, { "amount", OUT_AMOUNT },  { "currency", OUT_TEXT }, { "pct", OUT_DECIMAL },
	{ "source", OUT_TEXT },  { "ref", OUT_TEXT },
};

static const struct out_column delta_cols[] = {
	{ "agreement", OUT_TEXT },   { "date", OUT_DATE },        { "party", OUT_TEXT },
	{ "kind", OUT_TEXT },        { "amount", OUT_AMOUNT },    { "pct", OUT_DECIMAL },
	{ "prev_amount", OUT_AMOUNT }, { "change", OUT_AMOUNT },  { "change_pts", OUT_DECIMAL },
	{ "days", OUT_INT },         { "other_amount", OUT_AMOUNT }, { "gap", OUT_AMOUNT },
	{ "gap_pts", OUT_DECIMAL },  { "note", OUT_TEXT },
};

static const struct out_column round_delta_cols[] = {
	{ "agreement", OUT_TEXT }, { "seq", OUT_INT },       { "start", OUT_DATE },
	{ "end", OUT_DATE },       { "offer", OUT_AMOUNT },  { "demand", OUT_AMOUNT },
	{ "gap", OUT_AMOUNT },     { "gap_pts", OUT_DECIMAL }, { "change_gap", OUT_AMOUNT },
};

static const struct out_column summary_cols[] = {
	{ "agreement", OUT_TEXT },      { "baseline", OUT_AMOUNT },     { "currency", OUT_TEXT },
	{ "rounds", OUT_INT },          { "first_round", OUT_DATE },    { "last_round", OUT_DATE },
	{ "offer", OUT_AMOUNT },        { "demand", OUT_AMOUNT },       { "gap", OUT_AMOUNT },
	{ "gap_pts", OUT_DECIMAL },     { "furlough_workers", OUT_COUNT },
	{ "furlough_worker_days", OUT_COUNT }, { "outcome", OUT_TEXT }, { "term_total", OUT_AMOUNT },
	{ "note", OUT_TEXT },
};

static const struct out_column terms_cols[] = {
	{ "agreement", OUT_TEXT },    { "year", OUT_INT },         { "amount", OUT_AMOUNT },
	{ "currency", OUT_TEXT },     { "rule", OUT_TEXT },        { "growth_pct", OUT_DECIMAL },
	{ "expected", OUT_AMOUNT },   { "diff", OUT_AMOUNT },      { "cumulative", OUT_AMOUNT },
	{ "source", OUT_TEXT },       { "note", OUT_TEXT },
};

static const struct report timeline_report = { "timeline", "report.timeline", timeline_cols, COUNT(timeline_cols) };
static const struct report delta_report = { "delta", "report.delta", delta_cols, COUNT(delta_cols) };
static const struct report round_delta_report = { "delta --by round", "report.round_delta", round_delta_cols,
						  COUNT(round_delta_cols) };
static const struct report summary_report = { "summary", "report.summary", summary_cols, COUNT(summary_cols) };
static const struct report terms_report = { "terms", "report.terms", terms_cols, COUNT(terms_cols) };

static const char *const event_types[] = { "round",   "offer",          "demand",      "statement",
					   "outcome", "furlough-start", "furlough-end" };

/* The filters of one run, checked before the database is opened: those
 * that list takes too, and the timeline's event types. */
struct report_filters {
	struct filters common; /* the agreement's existence is checked against the database */
	char types[128];       /* ",offer,demand," or "" when not given */
	int confidence;        /* filters_confidence's level */
};

/* --type is a comma list of event types, kept as ",offer,demand," so the
 * query can look each row's type up with instr(); a type named twice is
 * kept once, so the list always fits. */
static int parse_types(const char *types, struct report_filters *f)
{
	bool chosen[COUNT(event_types)] = { false };
	strcpy(f->types, ",");
	for (const char *p = types;;) {
		size_t len = strcspn(p, ",");
		size_t t = 0;
		while (t < COUNT(event_types) && (strlen(event_types[t]) != len || strncmp(event_types[t], p, len) != 0))
			t++;
		if (t == COUNT(event_types))
			return sm_error(EX_USAGE,
					"--type: unknown event type '%.*s' (expected round, offer, demand, statement, outcome, "
					"furlough-start or furlough-end, separated by commas)", (int)len, p);
		if (!chosen[t]) {
			chosen[t] = true;
			strcat(f->types, event_types[t]);
			strcat(f->types, ",");
		}
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	return 0;
}

/* Check every filter option given; the command's option table has already
 * refused the ones it does not take.  0 or EX_USAGE. */
static int parse_filters(const struct cli *cli, struct report_filters *f)
{
	memset(f, 0, sizeof *f);
	int rc = filters_parse(cli, &f->common);
	const char *types = cli_get(cli, "type");
	if (rc == 0 && types && !*types)
		rc = sm_error(EX_USAGE, "option '--type' needs a value");
	if (rc == 0 && types)
		rc = parse_types(types, f);
	if (rc == 0)
		rc = filters_confidence(cli, &f->confidence);
	return rc;
}

/* Bind the filters to the report's statement, which has a parameter for
 * each filter that its command takes; a NULL parameter means no filter.
 * An agreement that does not exist is refused rather than matching nothing. */
static int bind_filters(struct db *db, const struct report_filters *f, sqlite3_stmt *stmt)
{
	int rc = f->common.agreement ? filters_check_agreement(db, f->common.agreement, EX_USAGE) : 0;
	if (rc)
		return rc;
	filters_bind(&f->common, stmt);
	if (f->types[0])
		db_bind_text(stmt, ":type", f->types);
	return 0;
}

/* The statement's columns must be the report's: a mismatch between
 * sql/queries/reports.sql and this file is a bug, caught before output. */
static void check_columns(sqlite3_stmt *stmt, const struct report *report)
{
	if ((size_t)sqlite3_column_count(stmt) != report->ncols)
		BUG("%s returns %d columns, not %zu", report->statement, sqlite3_column_count(stmt), report->ncols);
	for (size_t c = 0; c < report->ncols; c++)
		if (strcmp(sqlite3_column_name(stmt, (int)c), report->cols[c].name) != 0)
			BUG("%s returns column '%s' where '%s' belongs", report->statement,
			    sqlite3_column_name(stmt, (int)c), report->cols[c].name);
}

/* --sql: the statement with its bound filters written in as SQL literals,
 * ready for 'smalog query' or the sqlite3 shell. */
static int print_sql(sqlite3_stmt *stmt)
{
	char *sql = sqlite3_expanded_sql(stmt);
	if (!sql)
		die_oom();
	size_t len = strlen(sql);
	while (len > 0 && (sql[len - 1] == '\n' || sql[len - 1] == ' ' || sql[len - 1] == '\t' || sql[len - 1] == ';'))
		len--;
	printf("%.*s;\n", (int)len, sql);
	sqlite3_free(sql);
	return 0;
}

/* Run a report: check the filters, bind them, then print the SQL (--sql)
 * or the rows in the chosen format.  Returns 0 or an exit code. */
/* The options, checked before the database is looked for: --by (delta
 * only), --sql without output options, the filters. */
static int check_report(const struct cli *cli)
{
	const char *by = cli_get(cli, "by");
	if (by && strcmp(by, "position") != 0 && strcmp(by, "round") != 0)
		return sm_error(EX_USAGE, "--by: expected 'round' (one row per round) or 'position' (the default), not '%s'",
				by);
	if (by && strcmp(by, "round") == 0 && cli_has(cli, "party"))
		return sm_error(EX_USAGE, "--party does not apply to 'delta --by round': a round's gap is between both parties");
	for (const struct option_spec *o = output_options; cli_has(cli, "sql") && o->name; o++)
		if (cli_has(cli, o->name))
			return sm_error(EX_USAGE, "--sql prints the SQL on standard output; leave out %s%s",
					strlen(o->name) == 1 ? "-" : "--", o->name);
	struct report_filters filters;
	return parse_filters(cli, &filters);
}

static int run_report(const struct cli *cli, const struct report *report)
{
	struct report_filters filters;
	int rc = parse_filters(cli, &filters);
	if (rc)
		return rc;
	struct db *db = cli->db;
	rc = filters_narrow_confidence(db, filters.confidence);
	if (rc)
		return rc;
	sqlite3_stmt *stmt = db_statement(db, report->statement);
	if (!stmt)
		return EX_SOFTWARE;
	check_columns(stmt, report);
	rc = bind_filters(db, &filters, stmt);
	if (rc == 0 && cli_has(cli, "sql")) {
		rc = print_sql(stmt);
	} else if (rc == 0) {
		struct output *out = NULL;
		rc = cli_output(cli, report->cols, report->ncols, &out);
		if (rc == 0)
			rc = rows_write_statement(db, out, stmt);
		if (out)
			rc = rc == 0 ? out_finish(out) : (out_abort(out), rc);
	}
	return rc;
}

static int run_timeline(struct cli *cli)
{
	return run_report(cli, &timeline_report);
}

static int run_delta(struct cli *cli)
{
	const char *by = cli_get(cli, "by");
	return run_report(cli, by && strcmp(by, "round") == 0 ? &round_delta_report : &delta_report);
}

static int run_summary(struct cli *cli)
{
	return run_report(cli, &summary_report);
}

static int run_terms(struct cli *cli)
{
	return run_report(cli, &terms_report);
}

#define AGREEMENT_OPTION { "agreement", true, "only this agreement (its code, such as SMA-11)" }
#define FROM_OPTION { "from", true, "from this date on (YYYY, YYYY-MM or YYYY-MM-DD), from the first day of its period; " \
			    "an event dated by a period that reaches it stays (2020-03~ for --from 2020-03-10)" }
#define TO_OPTION { "to", true, "up to this date, inclusive of its whole period (--to 2020 includes 2020-12-31)" }
#define SQL_OPTION { "sql", false, "print the SQL instead of running it, for 'smalog query' or the sqlite3 shell" }
#define CONFIDENCE_OPTION { "confidence", true, "count only positions (and statements) of this confidence or " \
					      "higher: confirmed, reported or rumored (default: all)" }

static const struct option_spec timeline_options[] = {
	AGREEMENT_OPTION,
	{ "party", true, "only this party's offers and demands (KR, US); rounds, outcomes and furloughs stay" },
	FROM_OPTION,
	TO_OPTION,
	{ "type", true, "only these event types, separated by commas: round, offer, demand, statement, outcome, "
			"furlough-start, furlough-end" },
	CONFIDENCE_OPTION,
	SQL_OPTION,
	{ NULL, false, NULL },
};

static const struct option_spec delta_options[] = {
	{ "by", true, "'round' for one row per round with the gap after it (default: one row per position)" },
	AGREEMENT_OPTION,
	{ "party", true, "only this party's positions (KR, US); the comparisons still see every position" },
	FROM_OPTION,
	TO_OPTION,
	CONFIDENCE_OPTION,
	SQL_OPTION,
	{ NULL, false, NULL },
};

static const struct option_spec summary_options[] = {
	AGREEMENT_OPTION,
	CONFIDENCE_OPTION,
	SQL_OPTION,
	{ NULL, false, NULL },
};

const struct command cmd_timeline = {
	.name = "timeline", .check = check_report, .run = run_timeline, .options = timeline_options, .output = true,
	.opens = OPENS_READ,
	.usage = "smalog timeline [--agreement CODE] [--party XX] [--from DATE] [--to DATE] [--type TYPES] [--confidence LEVEL] [--sql]",
	.summary = "Every dated event in order: rounds, offers, demands, statements, outcomes, furloughs.",
	.help = "Columns: date, agreement, type, party, summary, amount, currency, pct, source,\n"
		"ref.  Dates show as entered and sort by the first day of their period, a\n"
		"coarser date before a finer one; on the same date a round comes first, then\n"
		"offers and demands, statements (what was said in public, which moves no\n"
		"figure), outcomes, furlough starts and furlough ends.  ref names\n"
		"the record as a user does: SMA-11:3 for a round (agreement and seq),\n"
		"position 12 for the others.  The rows are the view 'timeline' in the\n"
		"database, where pct is a number.\n",
};

const struct command cmd_delta = {
	.name = "delta", .check = check_report, .run = run_delta, .options = delta_options, .output = true,
	.opens = OPENS_READ,
	.usage = "smalog delta [--by round] [--agreement CODE] [--party XX] [--from DATE] [--to DATE] [--confidence LEVEL] [--sql]",
	.summary = "Each position against the same party's previous one and the other party's.",
	.help = "Columns: agreement, date, party, kind, amount, pct, prev_amount, change,\n"
		"change_pts, days, other_amount, gap, gap_pts, note; one row per position in\n"
		"date order.  Amounts are in the agreement's currency and pct is over its\n"
		"baseline (its baseline, else the previous agreement's last scheduled year, else\n"
		"its total): a position given as pct resolves to an amount, one given as an\n"
		"amount to its pct, and an amount in another currency converts at the latest\n"
		"rates on or before its date.  gap is the standing demand minus the standing\n"
		"offer; *_pts are points of the baseline.  Exact integer arithmetic, rounded\n"
		"half away from zero; a figure that cannot be resolved stays empty and note\n"
		"says why.\n"
		"\n"
		"--by round gives agreement, seq, start, end, offer, demand, gap, gap_pts,\n"
		"change_gap: the standing offer and demand at the end of each round, where a\n"
		"position that names its round stands from that round on, whatever its date.\n"
		"\n"
		"--confidence LEVEL leaves positions below LEVEL out of every figure; by\n"
		"default all count, and note names the rumored and approximate positions a\n"
		"figure rests on.  The rows are the views 'position_delta' and 'round_delta'\n"
		"in the database.\n",
};

const struct command cmd_summary = {
	.name = "summary", .check = check_report, .run = run_summary, .options = summary_options, .output = true,
	.opens = OPENS_READ,
	.usage = "smalog summary [--agreement CODE] [--confidence LEVEL] [--sql]",
	.summary = "Per agreement: baseline, latest offer and demand, gap, rounds, furloughs, outcome.",
	.help = "Columns: agreement, baseline, currency, rounds, first_round, last_round,\n"
		"offer, demand, gap, gap_pts, furlough_workers, furlough_worker_days, outcome\n"
		"(the latest), note.  Worker-days count each furlough's days inclusive; they\n"
		"stay empty, and note says why, unless every furlough has a day-precise start\n"
		"and end.  The rows are the view 'agreement_summary' in the database.\n",
};

const struct command cmd_terms = {
	.name = "terms", .check = check_report, .run = run_terms, .options = summary_options, .output = true,
	.opens = OPENS_READ,
	.usage = "smalog terms [--agreement CODE] [--confidence LEVEL] [--sql]",
	.summary = "Per agreement year: the amount agreed, the escalation rule and what it gives.",
	.help = "Columns: agreement, year, amount, currency, rule, growth_pct, expected, diff,\n"
		"cumulative, source, note; one row per scheduled year.  A year set by a rule\n"
		"(an index series, its lag, cap and floor) expects the previous year's amount\n"
		"times the series' growth from year - lag - 1 to year - lag, held within the\n"
		"cap and floor; growth_pct is the growth applied, diff the stated amount minus\n"
		"the expected, cumulative the agreement's total so far.  Exact integer\n"
		"arithmetic, rounded half away from zero; a year that cannot be computed (a\n"
		"missing index value or previous year) stays empty and note names what is\n"
		"missing.  The rows are the view 'agreement_terms' in the database.\n",
};

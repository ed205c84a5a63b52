/* test_reports.c - the report views: resolution, exact rounding, overflow, conversion, notes, order and query plans. */
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/kinds.h"
#include "smalog/record.h"
#include "smalog/sql.h"

#include "check_main.h"

#include <check.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char path[128];
static struct db *db;

static void setup(void)
{
	scratch_make(dir, "reports", path, sizeof path);
	sm_error_clear();
	ck_assert_int_eq(db_open(path, DB_CREATE, &db), 0);
	/* one transaction for the fixture: no fsync per record */
	ck_assert_int_eq(db_begin(db), 0);
}

static void teardown(void)
{
	db_close(db);
	db = NULL;
	scratch_remove(dir);
}

/* Add a record as 'smalog add' would: add(KIND, "field", "value", ...,
 * NULL), every value parsed and checked.  Returns the new id. */
static int64_t add(const char *kind_name, ...)
{
	const struct kind *kind = kind_find(kind_name);
	ck_assert_ptr_nonnull(kind);
	struct record r;
	record_init(&r, kind);
	char err[256];
	va_list ap;
	va_start(ap, kind_name);
	for (const char *field; (field = va_arg(ap, const char *));) {
		const char *value = va_arg(ap, const char *);
		int i = kind_field_index(kind, field);
		ck_assert_msg(i >= 0, "no field %s", field);
		ck_assert_msg(record_set(&r, i, value, err, sizeof err) == 0, "%s", err);
	}
	va_end(ap);
	int bad;
	ck_assert_msg(record_check(&r, &bad, err, sizeof err) == 0, "%s", err);
	ck_assert_msg(record_check_references(db, &r, &bad, err, sizeof err) == 0, "%s", err);
	ck_assert_msg(record_insert(db, &r, &bad, err, sizeof err) == 0, "%s", err);
	int64_t id = r.id;
	record_release(&r);
	return id;
}

/* Every row of a statement, columns joined by '|' (NULL as nothing) and
 * rows by '\n'.  The caller frees the text. */
static char *rows_of(sqlite3_stmt *stmt)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(f);
	int rc, n = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n++)
			fputc('\n', f);
		for (int c = 0; c < sqlite3_column_count(stmt); c++) {
			if (c)
				fputc('|', f);
			if (sqlite3_column_type(stmt, c) != SQLITE_NULL)
				fputs((const char *)sqlite3_column_text(stmt, c), f);
		}
	}
	ck_assert_msg(rc == SQLITE_DONE, "%s", sqlite3_errmsg(db->handle));
	fclose(f);
	return text;
}

/* The rows of a one-line query, with ?1 bound to id when the query has it. */
static char *query(const char *sql, int64_t id)
{
	sqlite3_stmt *stmt;
	ck_assert_msg(sqlite3_prepare_v2(db->handle, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(db->handle));
	if (sqlite3_bind_parameter_count(stmt) > 0)
		sqlite3_bind_int64(stmt, 1, id);
	char *text = rows_of(stmt);
	sqlite3_finalize(stmt);
	return text;
}

#define ASSERT_QUERY(sql, id, expected)                   \
	do {                                              \
		char *got_ = query((sql), (id));          \
		ck_assert_str_eq(got_, (expected));       \
		free(got_);                               \
	} while (0)

/* Exact hundredths as smalog prints them, two decimals: the views' *_bp
 * columns, of which pct and points are the numeric form. */
#define TWO_DECIMALS(bp) \
	"CASE WHEN " bp " IS NOT NULL THEN printf('%s%d.%02d', iif(" bp " < 0, '-', ''), abs(" bp " / 100), abs(" bp " % 100)) END"
#define PCT TWO_DECIMALS("pct_bp")
#define CHANGE_PTS TWO_DECIMALS("change_pts_bp")
#define GAP_PTS TWO_DECIMALS("gap_pts_bp")

/* One position's row of position_delta (all SPEC columns). */
#define DELTA                                                                                  \
	"SELECT agreement, date, party, kind, amount, " PCT ", prev_amount, change, " CHANGE_PTS ", days, " \
	"other_amount, gap, " GAP_PTS ", note FROM position_delta_row WHERE id = ?1"
/* A position's resolved amount, pct and note. */
#define RESOLVED "SELECT amount, pct_bp, note FROM position_resolved WHERE id = ?1"

static void sma_10_and_11(void)
{
	add("agreement", "code", "SMA-10", "total", "1,038,900,000,000", "parties", "KR,US", NULL);
	add("agreement", "code", "SMA-11", "previous", "SMA-10", "parties", "KR,US", NULL);
}

/* SPEC section 3, the worked example, to the unit. */
START_TEST(worked_example)
{
	sma_10_and_11();
	int64_t kr = add("position", "agreement", "SMA-11", "date", "2020-03~", "party", "KR", "kind", "offer",
			 "pct", "+13%", NULL);
	int64_t us = add("position", "agreement", "SMA-11", "date", "2020-04~", "party", "US", "kind", "demand",
			 "pct", "+50%", NULL);
	int64_t later = add("position", "agreement", "SMA-11", "date", "2021-03-07", "party", "KR", "kind", "offer",
			    "amount", "1,183,300,000,000", NULL);
	ASSERT_QUERY(DELTA, kr, "SMA-11|2020-03~|KR|offer|1173957000000|13.00||||||||");
	ASSERT_QUERY(DELTA, us, "SMA-11|2020-04~|US|demand|1558350000000|50.00|||||1173957000000|384393000000|37.00|");
	ASSERT_QUERY(DELTA, later,
		     "SMA-11|2021-03-07|KR|offer|1183300000000|13.90|1173957000000|9343000000|0.90||1558350000000"
		     "|375050000000|36.10|no days: 2020-03~ is not an exact day");
	/* the public view: the same rows, in date order, SPEC's columns only,
	 * pct and points as numbers */
	ASSERT_QUERY("SELECT * FROM position_delta", 0,
		     "SMA-11|2020-03~|KR|offer|1173957000000|13.0||||||||\n"
		     "SMA-11|2020-04~|US|demand|1558350000000|50.0|||||1173957000000|384393000000|37.0|\n"
		     "SMA-11|2021-03-07|KR|offer|1183300000000|13.9|1173957000000|9343000000|0.9||1558350000000"
		     "|375050000000|36.1|no days: 2020-03~ is not an exact day");
	ASSERT_QUERY("SELECT gap, gap_pts FROM agreement_summary WHERE agreement = 'SMA-11'", 0, "375050000000|36.1");
}
END_TEST

/* Results round half away from zero, for negative changes too, and a
 * negative value below one hundredth prints as 0.00, never -0.00. */
START_TEST(rounding_half_away_from_zero)
{
	add("agreement", "code", "R", "baseline", "20000", "parties", "KR,US", NULL);
	int64_t p1 = add("position", "agreement", "R", "date", "2021-01-01", "party", "KR", "kind", "offer",
			 "amount", "20000", NULL);
	int64_t p2 = add("position", "agreement", "R", "date", "2021-01-02", "party", "KR", "kind", "offer",
			 "amount", "19999", NULL);
	int64_t p3 = add("position", "agreement", "R", "date", "2021-01-05", "party", "KR", "kind", "offer",
			 "amount", "19900", NULL);
	int64_t p4 = add("position", "agreement", "R", "date", "2021-01-06", "party", "KR", "kind", "offer",
			 "amount", "19901", NULL);
	ASSERT_QUERY("SELECT " PCT ", change, " CHANGE_PTS ", days FROM position_delta_row WHERE id = ?1", p1, "0.00|||");
	/* -1 / 20000 = -0.005%: -0.5 hundredths, away from zero to -0.01 */
	ASSERT_QUERY("SELECT " PCT ", change, " CHANGE_PTS ", days FROM position_delta_row WHERE id = ?1", p2, "-0.01|-1|-0.01|1");
	/* -100 / 20000 = -0.50% exactly; the change -99 is -0.495 points */
	ASSERT_QUERY("SELECT " PCT ", change, " CHANGE_PTS ", days FROM position_delta_row WHERE id = ?1", p3, "-0.50|-99|-0.50|3");
	/* +1 is +0.005 points, away from zero to 0.01; -99 over the baseline is -0.495% */
	ASSERT_QUERY("SELECT " PCT ", change, " CHANGE_PTS ", days FROM position_delta_row WHERE id = ?1", p4, "-0.50|1|0.01|1");

	add("agreement", "code", "S", "baseline", "25000", "parties", "KR,US", NULL);
	int64_t s1 = add("position", "agreement", "S", "date", "2021", "party", "KR", "kind", "offer",
			 "amount", "24999", NULL);
	/* -1 / 25000 = -0.004%: rounds to zero, and zero has no sign */
	ASSERT_QUERY("SELECT " PCT " FROM position_delta_row WHERE id = ?1", s1, "0.00");

	/* amounts from pct: 15 * 0.5 = 7.5 -> 8 and 15 * -0.5 = -7.5 -> -8 */
	add("agreement", "code", "T", "baseline", "15", "parties", "KR,US", NULL);
	int64_t t1 = add("position", "agreement", "T", "date", "2021", "party", "KR", "kind", "offer", "pct", "-50", NULL);
	int64_t t2 = add("position", "agreement", "T", "date", "2022", "party", "KR", "kind", "offer", "pct", "-150", NULL);
	int64_t t3 = add("position", "agreement", "T", "date", "2023", "party", "KR", "kind", "offer", "pct", "-100", NULL);
	ASSERT_QUERY("SELECT amount, " PCT ", change, " CHANGE_PTS " FROM position_delta_row WHERE id = ?1", t1, "8|-50.00||");
	/* change -16 over 15 is -106.666... points */
	ASSERT_QUERY("SELECT amount, " PCT ", change, " CHANGE_PTS " FROM position_delta_row WHERE id = ?1", t2,
		     "-8|-150.00|-16|-106.67");
	ASSERT_QUERY("SELECT amount, " PCT ", change, " CHANGE_PTS " FROM position_delta_row WHERE id = ?1", t3,
		     "0|-100.00|8|53.33");
}
END_TEST

/* amount x 10000 and baseline x (10000 + pct) would overflow 64 bits for
 * large figures: exact results where they fit, empty and a note where not,
 * and never a REAL. */
START_TEST(overflow_is_guarded)
{
	add("agreement", "code", "O", "baseline", "9,000,000,000,000,000,000", "parties", "KR,US", NULL);
	int64_t big = add("position", "agreement", "O", "date", "2021-01-01", "party", "US", "kind", "demand",
			  "pct", "13", NULL);
	int64_t fits = add("position", "agreement", "O", "date", "2021-01-02", "party", "US", "kind", "demand",
			   "pct", "2.47", NULL);
	ASSERT_QUERY(RESOLVED, big, "|1300|the amount that the pct implies is too large");
	/* 9e18 * 1.0247 = 9,222,300,000,000,000,000: just below the largest integer */
	ASSERT_QUERY(RESOLVED, fits, "9222300000000000000|247|");
	ASSERT_QUERY("SELECT typeof(amount) FROM position_resolved WHERE id = ?1", fits, "integer");

	/* (9e18 - 1e12) * 10000 overflows; split, it is 899999900.00% exactly */
	add("agreement", "code", "P", "baseline", "1,000,000,000,000", "parties", "KR,US", NULL);
	int64_t huge = add("position", "agreement", "P", "date", "2021-01-01", "party", "US", "kind", "demand",
			   "amount", "9,000,000,000,000,000,000", NULL);
	ASSERT_QUERY("SELECT " PCT " FROM position_delta_row WHERE id = ?1", huge, "899999900.00");
	/* below the baseline: the difference is at most the baseline, so only
	 * the direct method can apply, and here neither does */
	add("agreement", "code", "N", "baseline", "9,000,000,000,000,000,001", "parties", "KR,US", NULL);
	int64_t low = add("position", "agreement", "N", "date", "2021-01-01", "party", "KR", "kind", "offer",
			  "amount", "1", NULL);
	ASSERT_QUERY(RESOLVED, low, "1||no pct: the figures are too large for exact arithmetic");
	/* and where it fits: 1 over 900,000,000,000,001 is -99.99999...%, -100.00 */
	add("agreement", "code", "L", "baseline", "900,000,000,000,001", "parties", "KR,US", NULL);
	int64_t fits_low = add("position", "agreement", "L", "date", "2021-01-01", "party", "KR", "kind", "offer",
			       "amount", "1", NULL);
	ASSERT_QUERY(RESOLVED, fits_low, "1|-10000|");

	/* both the difference and the baseline too large for either method */
	add("agreement", "code", "Q", "baseline", "5,000,000,000,000,000,000", "parties", "KR,US", NULL);
	int64_t q = add("position", "agreement", "Q", "date", "2021-01-01", "party", "US", "kind", "demand",
			"amount", "9,000,000,000,000,000,000", NULL);
	ASSERT_QUERY(RESOLVED, q, "9000000000000000000||no pct: the figures are too large for exact arithmetic");

	/* a gap beyond the largest integer: -2^62 offered, 1.99 * 2^62 demanded */
	add("agreement", "code", "G", "baseline", "4,611,686,018,427,387,904", "parties", "KR,US", NULL);
	add("position", "agreement", "G", "date", "2021-01-01", "party", "KR", "kind", "offer", "pct", "-200", NULL);
	int64_t g = add("position", "agreement", "G", "date", "2021-01-02", "party", "US", "kind", "demand",
			"pct", "99", NULL);
	ASSERT_QUERY("SELECT amount, other_amount, gap, " GAP_PTS ", note FROM position_delta_row WHERE id = ?1", g,
		     "9177255176670501929|-4611686018427387904|||the gap is too large");
	/* nothing anywhere turned into a REAL */
	ASSERT_QUERY("SELECT count(*) FROM position_delta_row WHERE typeof(amount) = 'real' OR typeof(change) = 'real'"
		     " OR typeof(gap) = 'real' OR typeof(other_amount) = 'real' OR typeof(prev_amount) = 'real'", 0, "0");
}
END_TEST

/* Amounts in another currency convert through USD at the latest rate of
 * each currency on or before the position's date. */
START_TEST(currency_conversion)
{
	add("agreement", "code", "C", "baseline", "1,038,900,000,000", "parties", "KR,US", NULL);
	add("rate", "date", "2021-01-01", "currency", "KRW", "per_usd", "1100", NULL);
	add("rate", "date", "2021-02-22", "currency", "KRW", "per_usd", "1131.5", NULL);
	add("rate", "date", "2021-01-01", "currency", "EUR", "per_usd", "0.8", NULL);
	/* "1.04 trillion won ($919.1 million)" at 1131.5 */
	int64_t usd = add("position", "agreement", "C", "date", "2021-03-01", "party", "US", "kind", "demand",
			  "amount", "919.1M", "currency", "USD", NULL);
	int64_t same_day = add("position", "agreement", "C", "date", "2021-02-22", "party", "US", "kind", "demand",
			       "amount", "1B", "currency", "USD", NULL);
	int64_t day_before = add("position", "agreement", "C", "date", "2021-02-21", "party", "US", "kind", "demand",
				 "amount", "1B", "currency", "USD", NULL);
	/* a month counts from its first day: the rate of 2021-02-22 is not yet known */
	int64_t month = add("position", "agreement", "C", "date", "2021-02~", "party", "US", "kind", "demand",
			    "amount", "1B", "currency", "USD", NULL);
	int64_t too_early = add("position", "agreement", "C", "date", "2020-12-31", "party", "US", "kind", "demand",
				"amount", "1B", "currency", "USD", NULL);
	/* EUR to KRW through USD: 4 EUR * 1131.5 / 0.8 = 5657.5 -> 5658 */
	int64_t eur = add("position", "agreement", "C", "date", "2021-03-01", "party", "KR", "kind", "offer",
			  "amount", "4", "currency", "EUR", NULL);
	int64_t eur3 = add("position", "agreement", "C", "date", "2021-03-02", "party", "KR", "kind", "offer",
			   "amount", "3", "currency", "EUR", NULL);
	int64_t chf = add("position", "agreement", "C", "date", "2021-03-01", "party", "KR", "kind", "offer",
			  "amount", "3", "currency", "CHF", NULL);
	ASSERT_QUERY("SELECT amount, note FROM position_resolved WHERE id = ?1", usd,
		     "1039961650000|converted from USD at the KRW rate of 2021-02-22");
	ASSERT_QUERY("SELECT amount FROM position_resolved WHERE id = ?1", same_day, "1131500000000");
	ASSERT_QUERY("SELECT amount FROM position_resolved WHERE id = ?1", day_before, "1100000000000");
	ASSERT_QUERY("SELECT amount FROM position_resolved WHERE id = ?1", month, "1100000000000");
	ASSERT_QUERY("SELECT amount, pct_bp, note FROM position_resolved WHERE id = ?1", too_early,
		     "||no KRW rate on or before 2020-12-31");
	ASSERT_QUERY("SELECT amount, note FROM position_resolved WHERE id = ?1", eur,
		     "5658|converted from EUR at the EUR rate of 2021-01-01 and the KRW rate of 2021-02-22");
	/* 3 * 1414.375 = 4243.125 -> 4243 */
	ASSERT_QUERY("SELECT amount FROM position_resolved WHERE id = ?1", eur3, "4243");
	ASSERT_QUERY("SELECT amount, note FROM position_resolved WHERE id = ?1", chf, "|no CHF rate on or before 2021-03-01");
	/* the standing demand is unresolved: no gap, and the note names it */
	ASSERT_QUERY("SELECT gap, note FROM position_delta_row WHERE id = ?1", chf,
		     "|no CHF rate on or before 2021-03-01; no gap: position 8 has no resolved amount");

	/* an agreement in dollars: won convert at the won rate alone */
	add("agreement", "code", "D", "currency", "USD", "baseline", "900M", "parties", "KR,US", NULL);
	int64_t won = add("position", "agreement", "D", "date", "2021-03-01", "party", "KR", "kind", "offer",
			  "amount", "1,131,500", "currency", "KRW", NULL);
	ASSERT_QUERY("SELECT amount, note FROM position_resolved WHERE id = ?1", won,
		     "1000|converted from KRW at the KRW rate of 2021-02-22");
}
END_TEST

/* A figure that cannot be resolved stays empty and the note says why. */
START_TEST(notes_instead_of_guesses)
{
	add("agreement", "code", "N", "parties", "KR,US", NULL);
	int64_t pct_only = add("position", "agreement", "N", "date", "2020-01-10", "party", "KR", "kind", "offer",
			       "pct", "5", NULL);
	int64_t amount_only = add("position", "agreement", "N", "date", "2020-02-10", "party", "KR", "kind", "offer",
				  "amount", "100", NULL);
	ASSERT_QUERY(DELTA, pct_only,
		     "N|2020-01-10|KR|offer||5.00||||||||no baseline: N has no baseline and no previous agreement");
	ASSERT_QUERY(DELTA, amount_only,
		     "N|2020-02-10|KR|offer|100|||||31||||no baseline: N has no baseline and no previous agreement; "
		     "no change: position 1 has no resolved amount");

	add("agreement", "code", "Old", "currency", "USD", "total", "900M", NULL);
	add("agreement", "code", "New", "previous", "Old", NULL);
	add("agreement", "code", "Next", "previous", "New", NULL);
	add("agreement", "code", "Zero", "baseline", "0", NULL);
	ASSERT_QUERY("SELECT agreement, baseline, baseline_note FROM agreement_basis ORDER BY agreement", 0,
		     "N||no baseline: N has no baseline and no previous agreement\n"
		     "New||no baseline: the total of Old is in USD, not KRW\n"
		     "Next||no baseline: Next has no baseline and New has no total\n"
		     "Old||no baseline: Old has no baseline and no previous agreement\n"
		     "Zero|0|the baseline of Zero is 0: no pct or points");
	int64_t zero = add("position", "agreement", "Zero", "date", "2020", "party", "KR", "kind", "offer",
			   "amount", "7", NULL);
	ASSERT_QUERY(RESOLVED, zero, "7||the baseline of Zero is 0: no pct or points");

	/* days need exact days on both sides */
	add("agreement", "code", "W", "baseline", "100", "parties", "KR,US", NULL);
	add("position", "agreement", "W", "date", "2020-01-31", "party", "US", "kind", "demand", "amount", "200", NULL);
	int64_t w2 = add("position", "agreement", "W", "date", "2020-03-01?", "party", "US", "kind", "demand",
			 "amount", "210", NULL);
	int64_t w3 = add("position", "agreement", "W", "date", "2020-04", "party", "US", "kind", "demand",
			 "amount", "220", NULL);
	ASSERT_QUERY("SELECT days, change, " CHANGE_PTS ", note FROM position_delta_row WHERE id = ?1", w2, "30|10|10.00|");
	ASSERT_QUERY("SELECT days, change, note FROM position_delta_row WHERE id = ?1", w3,
		     "|10|no days: 2020-04 is not an exact day");
}
END_TEST

/* other_amount is the other party's latest position up to the row, gap
 * the standing demand minus the standing offer whichever side the row is. */
START_TEST(standing_positions)
{
	add("agreement", "code", "A", "baseline", "1000", "parties", "KR,US", NULL);
	int64_t o1 = add("position", "agreement", "A", "date", "2020-01-01", "party", "KR", "kind", "offer",
			 "amount", "1100", NULL);
	int64_t d1 = add("position", "agreement", "A", "date", "2020-01-01", "party", "US", "kind", "demand",
			 "amount", "1500", NULL);
	/* the same day, entered later: it comes after d1 in timeline order */
	int64_t o2 = add("position", "agreement", "A", "date", "2020-01-01", "party", "KR", "kind", "offer",
			 "amount", "1150", NULL);
	/* a coarser date sorts before the finer ones of its first day */
	int64_t early = add("position", "agreement", "A", "date", "2020-01", "party", "US", "kind", "demand",
			    "amount", "1600", NULL);
	int64_t d2 = add("position", "agreement", "A", "date", "2020-02-01", "party", "US", "kind", "offer",
			 "amount", "1400", NULL);
	static const char sql[] = "SELECT prev_amount, other_amount, gap FROM position_delta_row WHERE id = ?1";
	ASSERT_QUERY(sql, early, "||");
	ASSERT_QUERY(sql, o1, "|1600|500");
	ASSERT_QUERY(sql, d1, "1600|1100|400");
	ASSERT_QUERY(sql, o2, "1100|1500|350");
	/* the US now offers: the standing offer is its own, the demand its last */
	ASSERT_QUERY(sql, d2, "1500|1150|100");
	ASSERT_QUERY("SELECT id FROM position_delta_row ORDER BY date_key, id", 0, "4\n1\n2\n3\n5");

	/* with a third party, "the other party" is not one party */
	add("agreement", "code", "B", "baseline", "1000", NULL);
	add("position", "agreement", "B", "date", "2020-01-01", "party", "KR", "kind", "offer", "amount", "1", NULL);
	add("position", "agreement", "B", "date", "2020-01-02", "party", "JP", "kind", "offer", "amount", "2", NULL);
	int64_t b3 = add("position", "agreement", "B", "date", "2020-01-03", "party", "US", "kind", "demand",
			 "amount", "5", NULL);
	ASSERT_QUERY("SELECT other_amount, gap, note FROM position_delta_row WHERE id = ?1", b3,
		     "|3|no other_amount: more than two parties have positions in B");
}
END_TEST

/* With more than two parties, the same party's previous position is still
 * its own latest before the row: a date, an id on the same day, its flags. */
START_TEST(previous_of_three_parties)
{
	add("agreement", "code", "B", "baseline", "1000", NULL);
	int64_t k1 = add("position", "agreement", "B", "date", "2020-01-01", "party", "KR", "kind", "offer", "amount",
			 "100", "confidence", "rumored", NULL);
	add("position", "agreement", "B", "date", "2020-01-02", "party", "JP", "kind", "offer", "amount", "200", NULL);
	add("position", "agreement", "B", "date", "2020-01-03", "party", "US", "kind", "demand", "amount", "500", NULL);
	int64_t j2 = add("position", "agreement", "B", "date", "2020-01-05", "party", "JP", "kind", "offer", "amount",
			 "260", NULL);
	int64_t k2 = add("position", "agreement", "B", "date", "2020-01-05", "party", "KR", "kind", "offer", "amount",
			 "130", NULL);
	int64_t j3 = add("position", "agreement", "B", "date", "2020-01", "party", "JP", "kind", "offer", "amount",
			 "210", NULL);
	static const char sql[] = "SELECT prev_amount, change, days, gap, note FROM position_delta_row WHERE id = ?1";
	char want[256];
	/* a coarser date sorts first: JP's first position, with no previous one */
	ASSERT_QUERY(sql, j3, "||||no other_amount: more than two parties have positions in B");
	ASSERT_QUERY(sql, j2, "200|60|3|240|no other_amount: more than two parties have positions in B");
	snprintf(want, sizeof want,
		 "100|30|4|370|no other_amount: more than two parties have positions in B; rumored: rests on position %lld",
		 (long long)k1);
	ASSERT_QUERY(sql, k2, want);
	/* the same day, entered later: the previous one is k2 */
	int64_t k3 = add("position", "agreement", "B", "date", "2020-01-05", "party", "KR", "kind", "offer", "amount",
			 "150", NULL);
	ASSERT_QUERY(sql, k3, "130|20|0|350|no other_amount: more than two parties have positions in B");
}
END_TEST

/* delta --by round: the standing figures at the end of each round. */
START_TEST(round_delta)
{
	add("agreement", "code", "A", "baseline", "1000", "parties", "KR,US", NULL);
	add("round", "agreement", "A", "start", "2020-01-10", "end", "2020-01-11", NULL);
	add("round", "agreement", "A", "start", "2020-02", NULL);
	add("round", "agreement", "A", "start", "2020-03-01", "end", "2020-12", NULL);
	add("position", "agreement", "A", "date", "2020-01-11", "party", "KR", "kind", "offer", "amount", "1100", NULL);
	add("position", "agreement", "A", "date", "2020-01-12", "party", "US", "kind", "demand", "amount", "1500", NULL);
	/* within February: counted at the end of the month-long round 2 */
	add("position", "agreement", "A", "date", "2020-02-29", "party", "KR", "kind", "offer", "amount", "1200", NULL);
	add("position", "agreement", "A", "date", "2020-12-31", "party", "US", "kind", "demand", "amount", "1300", NULL);
	add("position", "agreement", "A", "date", "2021-01-01", "party", "US", "kind", "demand", "amount", "1250", NULL);
	ASSERT_QUERY("SELECT * FROM round_delta", 0,
		     "A|1|2020-01-10|2020-01-11|1100||||\n"
		     "A|2|2020-02||1200|1500|300|30.0|\n"
		     "A|3|2020-03-01|2020-12|1200|1300|100|10.0|-200");
}
END_TEST

/* summary: worker-days inclusive, and empty with a note unless exact. */
START_TEST(summary_worker_days)
{
	sma_10_and_11();
	add("furlough", "agreement", "SMA-11", "start", "2020-04-01", "end", "2020-06-15", "workers", "4,000", NULL);
	ASSERT_QUERY("SELECT furlough_workers, furlough_worker_days, note FROM agreement_summary WHERE agreement = 'SMA-11'",
		     0, "4000|304000|");
	add("furlough", "agreement", "SMA-11", "start", "2020-07-01", "end", "2020-07-01", "workers", "10", NULL);
	ASSERT_QUERY("SELECT furlough_workers, furlough_worker_days FROM agreement_summary WHERE agreement = 'SMA-11'",
		     0, "4010|304010");
	add("furlough", "agreement", "SMA-11", "start", "2020-08", "end", "2020-09-30", "workers", "5", NULL);
	add("furlough", "agreement", "SMA-11", "start", "2020-10-01", "workers", "5", NULL);
	ASSERT_QUERY("SELECT furlough_workers, furlough_worker_days, note FROM agreement_summary WHERE agreement = 'SMA-11'",
		     0, "4020||no worker-days: furlough 3 (2020-08 to 2020-09-30) is not day-precise; "
			"furlough 4 has no end date");
	ASSERT_QUERY("SELECT agreement, rounds, furlough_workers, furlough_worker_days, outcome FROM agreement_summary"
		     " WHERE agreement = 'SMA-10'", 0, "SMA-10|0|0|0|");
}
END_TEST

/* pct and points are numbers in the views: the double nearest to the
 * two-decimal figure, from the exact hundredths beside them. */
START_TEST(figures_are_numbers)
{
	add("agreement", "code", "A", "baseline", "1000", "parties", "KR,US", NULL);
	int64_t kr = add("position", "agreement", "A", "date", "2021-01-01", "party", "KR", "kind", "offer", "pct",
			 "-0.29", NULL);
	int64_t us = add("position", "agreement", "A", "date", "2021-01-02", "party", "US", "kind", "demand", "pct",
			 "13.9", NULL);
	int64_t kr2 = add("position", "agreement", "A", "date", "2021-01-03", "party", "KR", "kind", "offer", "amount",
			  "1083", NULL);
	ASSERT_QUERY("SELECT pct = -0.29, typeof(pct), pct_bp FROM position_delta_row WHERE id = ?1", kr, "1|real|-29");
	ASSERT_QUERY("SELECT pct = 13.9, gap_pts = 14.2, typeof(gap_pts), gap_pts_bp FROM position_delta_row WHERE id = ?1",
		     us, "1|1|real|1420");
	/* 1083 over 1000 is 8.30%, a change of 86 or 8.60 points from 997 (-0.29%) */
	ASSERT_QUERY("SELECT pct = 8.3, change_pts = 8.6, change_pts_bp FROM position_delta_row WHERE id = ?1", kr2,
		     "1|1|860");
	/* numeric comparison and order: 8.3 is less than 13.9, as text it is not */
	ASSERT_QUERY("SELECT group_concat(pct, ' ') FROM (SELECT pct FROM position_delta WHERE pct > 5 ORDER BY pct)", 0,
		     "8.3 13.9");
	ASSERT_QUERY("SELECT typeof(pct), pct FROM timeline WHERE pct < 0", 0, "real|-0.29");
	ASSERT_QUERY("SELECT gap_pts = 5.6, typeof(gap_pts) FROM agreement_summary", 0, "1|real");
}
END_TEST

/* delta --by round: a position that names its round stands from that
 * round on, whatever its date. */
START_TEST(round_delta_named_rounds)
{
	add("agreement", "code", "A", "baseline", "1000", "parties", "KR,US", NULL);
	add("round", "agreement", "A", "start", "2020-01-10", NULL);
	add("round", "agreement", "A", "start", "2020-02-10", NULL);
	add("position", "agreement", "A", "date", "2020-01-05", "party", "KR", "kind", "offer", "amount", "1100", NULL);
	/* named round 1, dated after it: stands in round 1 */
	add("position", "agreement", "A", "round", "1", "date", "2020-01-20", "party", "KR", "kind", "offer", "amount",
	    "1150", NULL);
	/* named round 2, dated within round 1: not in round 1 */
	add("position", "agreement", "A", "round", "2", "date", "2020-01-10", "party", "US", "kind", "demand", "amount",
	    "1500", NULL);
	/* not named, dated after round 2: in neither */
	add("position", "agreement", "A", "date", "2020-03", "party", "US", "kind", "demand", "amount", "1400", NULL);
	ASSERT_QUERY("SELECT seq, offer, demand, gap, gap_pts FROM round_delta", 0,
		     "1|1150|||\n"
		     "2|1150|1500|350|35.0");
	ASSERT_QUERY("SELECT offer, demand FROM agreement_summary", 0, "1150|1400");
}
END_TEST

/* Timeline order: first day of the period, coarser first, then round,
 * position, outcome, furlough start, furlough end, then id. */
START_TEST(timeline_order)
{
	sma_10_and_11();
	add("furlough", "agreement", "SMA-11", "start", "2020-04-01", "end", "2020-05-01", "workers", "1", NULL);
	add("furlough", "agreement", "SMA-11", "start", "2020-05-01", "workers", "2", NULL);
	add("outcome", "agreement", "SMA-11", "date", "2020-05-01", "kind", "stalled", NULL);
	add("position", "agreement", "SMA-11", "date", "2020-05-01", "party", "US", "kind", "demand", "pct", "-2.5", NULL);
	add("position", "agreement", "SMA-11", "date", "2020-05-01~", "party", "KR", "kind", "offer", "pct", "3", NULL);
	add("round", "agreement", "SMA-11", "start", "2020-05-01", "location", "Seoul", NULL);
	add("outcome", "agreement", "SMA-11", "date", "2020-05", "kind", "walkout", NULL);
	add("outcome", "agreement", "SMA-11", "date", "2020", "kind", "rejected", NULL);
	ASSERT_QUERY("SELECT date, type, party, summary, pct, ref FROM timeline", 0,
		     "2020|outcome||rejected||outcome 3\n"
		     "2020-04-01|furlough-start||1 worker on unpaid leave until 2020-05-01||furlough 1\n"
		     "2020-05|outcome||walkout||outcome 2\n"
		     "2020-05-01|round||round 1 in Seoul||SMA-11:1\n"
		     "2020-05-01|demand|US|US demand|-2.5|position 1\n"
		     "2020-05-01~|offer|KR|KR offer|3.0|position 2\n"
		     "2020-05-01|outcome||stalled||outcome 1\n"
		     "2020-05-01|furlough-start||2 workers on unpaid leave||furlough 2\n"
		     "2020-05-01|furlough-end||1 worker back from unpaid leave since 2020-04-01||furlough 1");
}
END_TEST

/* A number of the views with two decimals, as the shell's printf writes it. */
#define TWO_PLACES(col) "CASE WHEN " col " IS NOT NULL THEN printf('%.2f', " col ") END"

/* The commands' statements with no filter return exactly the public views,
 * whose pct and points are the numbers that smalog prints with two
 * decimals. */
START_TEST(statements_match_views)
{
	sma_10_and_11();
	add("round", "agreement", "SMA-11", "start", "2019-09-24", NULL);
	add("position", "agreement", "SMA-11", "date", "2020-03~", "party", "KR", "kind", "offer", "pct", "13", NULL);
	add("position", "agreement", "SMA-11", "date", "2020-04~", "party", "US", "kind", "demand", "pct", "50", NULL);
	add("outcome", "agreement", "SMA-11", "date", "2021-04-08", "kind", "signed", NULL);
	add("furlough", "agreement", "SMA-11", "start", "2020-04-01", "end", "2020-06-15", "workers", "4000", NULL);
	static const char *const pairs[][2] = {
		{ "report.timeline", "SELECT date, agreement, type, party, summary, amount, currency, "
				     TWO_PLACES("pct") ", source, ref FROM timeline" },
		{ "report.delta", "SELECT agreement, date, party, kind, amount, " TWO_PLACES("pct") ", prev_amount, "
				  "change, " TWO_PLACES("change_pts") ", days, other_amount, gap, " TWO_PLACES("gap_pts")
				  ", note FROM position_delta" },
		{ "report.round_delta", "SELECT agreement, seq, start, \"end\", offer, demand, gap, "
					TWO_PLACES("gap_pts") ", change_gap FROM round_delta" },
		{ "report.summary", "SELECT agreement, baseline, currency, rounds, first_round, last_round, offer, "
				    "demand, gap, " TWO_PLACES("gap_pts") ", furlough_workers, furlough_worker_days, "
				    "outcome, term_total, note FROM agreement_summary" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		sqlite3_stmt *stmt = db_statement(db, pairs[i][0]);
		ck_assert_ptr_nonnull(stmt);
		char *got = rows_of(stmt);
		sqlite3_reset(stmt);
		char *want = query(pairs[i][1], 0);
		ck_assert_msg(strlen(want) > 0, "%s is empty", pairs[i][1]);
		ck_assert_str_eq(got, want);
		free(got);
		free(want);
	}
}
END_TEST

/* One row of EXPLAIN QUERY PLAN. */
struct plan_row {
	int id, parent;
	char detail[256];
};

/* Is row i inside a correlated subquery (any ancestor says so)? */
static bool correlated(const struct plan_row *rows, int n, int i)
{
	for (int parent = rows[i].parent; parent != 0;) {
		int j = 0;
		while (j < n && rows[j].id != parent)
			j++;
		if (j == n)
			return false;
		if (strncmp(rows[j].detail, "CORRELATED", 10) == 0)
			return true;
		parent = rows[j].parent;
	}
	return false;
}

/* "SCAN 5 CONSTANT ROWS": a VALUES list of the row's own values, the
 * same few rows whatever the file holds. */
static bool constant_rows(const char *detail)
{
	int rows, end = 0;
	return sscanf(detail, "SCAN %d CONSTANT ROWS%n", &rows, &end) == 1 && detail[end] == '\0' && rows <= 8;
}

/* Does row i descend from row a? */
static bool descends(const struct plan_row *rows, int n, int i, int a)
{
	for (int parent = rows[i].parent; parent != 0;) {
		if (parent == rows[a].id)
			return true;
		int j = 0;
		while (j < n && rows[j].id != parent)
			j++;
		if (j == n)
			return false;
		parent = rows[j].parent;
	}
	return false;
}

/* Does the correlated subquery that holds row i read only constant rows
 * (no table, no index), so that a sort in it sorts those few rows? */
static bool sorts_constant_rows(const struct plan_row *rows, int n, int i)
{
	int a = i;
	while (a >= 0 && strncmp(rows[a].detail, "CORRELATED", 10) != 0) {
		int j = 0;
		while (j < n && rows[j].id != rows[a].parent)
			j++;
		a = j < n ? j : -1;
	}
	if (a < 0)
		return false;
	for (int j = 0; j < n; j++) {
		const char *d = rows[j].detail;
		if (descends(rows, n, j, a) && (strncmp(d, "SEARCH ", 7) == 0 || strncmp(d, "SCAN ", 5) == 0) &&
		    !constant_rows(d) && strncmp(d, "SCAN (subquery-", 15) != 0)
			return false;
	}
	return true;
}

/*
 * A report must stay linear: inside a correlated subquery, which runs once
 * per row, every table is reached through an index search, never a SCAN,
 * a sort (TEMP B-TREE, except of a few constant rows: the row's own
 * values in a VALUES list) or an index SQLite builds on the fly (AUTOMATIC);
 * and a search of position must use more of an index than the agreement,
 * which would walk all of that agreement's positions for every row.  Each
 * query also names the indexes that it must use.
 */
static const struct {
	const char *statement; /* a named statement, or SQL */
	const char *const must[6];
} plans[] = {
	{ "report.delta", { "rate_by_currency_date (currency=? AND date_key<?)", NULL } },
	{ "SELECT * FROM position_delta", { "rate_by_currency_date (currency=? AND date_key<?)", NULL } },
	{ "report.round_delta", { "position_by_kind (agreement=? AND kind=? AND date_key<?)",
				  "rate_by_currency_date (currency=? AND date_key<?)", NULL } },
	{ "SELECT * FROM round_delta", { "position_by_kind (agreement=? AND kind=? AND date_key<?)", NULL } },
	{ "report.summary", { "position_by_kind (agreement=? AND kind=? AND date_key<?)", "round_by_start (agreement=?)",
			      "outcome_by_agreement_date (agreement=?)", "furlough_by_agreement_start (agreement=?)",
			      "rate_by_currency_date (currency=? AND date_key<?)", NULL } },
	{ "SELECT * FROM agreement_summary", { "position_by_kind (agreement=? AND kind=? AND date_key<?)", NULL } },
	{ "report.timeline", { NULL } },
	{ "SELECT * FROM timeline", { NULL } },
};

START_TEST(query_plans_use_indexes)
{
	const char *name = plans[_i].statement;
	int len = (int)strlen(name);
	const char *text = strncmp(name, "SELECT", 6) == 0 ? name : sql_statement(name, &len);
	ck_assert_ptr_nonnull(text);
	char *sql = NULL;
	ck_assert_int_ge(asprintf(&sql, "EXPLAIN QUERY PLAN %.*s", len, text), 0);
	sqlite3_stmt *stmt;
	ck_assert_msg(sqlite3_prepare_v2(db->handle, sql, -1, &stmt, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db->handle));
	free(sql);
	static struct plan_row rows[1024];
	int n = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		ck_assert_int_lt(n, (int)(sizeof rows / sizeof rows[0]));
		rows[n].id = sqlite3_column_int(stmt, 0);
		rows[n].parent = sqlite3_column_int(stmt, 1);
		snprintf(rows[n].detail, sizeof rows[n].detail, "%s", (const char *)sqlite3_column_text(stmt, 3));
		n++;
	}
	sqlite3_finalize(stmt);
	ck_assert_int_gt(n, 0);
	for (int i = 0; i < n; i++) {
		const char *d = rows[i].detail;
		if (!correlated(rows, n, i))
			continue;
		ck_assert_msg(strncmp(d, "SCAN ", 5) != 0 || strncmp(d, "SCAN (subquery-", 15) == 0 ||
				      strcmp(d, "SCAN CONSTANT ROW") == 0 || constant_rows(d),
			      "%s: a scan for every row: %s", name, d);
		ck_assert_msg((!strstr(d, "TEMP B-TREE") || sorts_constant_rows(rows, n, i)) && !strstr(d, "AUTOMATIC"),
			      "%s: work for every row: %s", name, d);
		const char *index = strstr(d, "INDEX position_");
		ck_assert_msg(!index || !strstr(index, "(agreement=?)"),
			      "%s: walks an agreement's positions for every row: %s", name, d);
	}
	for (const char *const *must = plans[_i].must; *must; must++) {
		bool found = false;
		for (int i = 0; i < n && !found; i++)
			found = strstr(rows[i].detail, *must) != NULL;
		ck_assert_msg(found, "%s: the plan does not use %s", name, *must);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("reports");
	TCase *tc = tcase_create("views");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, worked_example);
	tcase_add_test(tc, rounding_half_away_from_zero);
	tcase_add_test(tc, overflow_is_guarded);
	tcase_add_test(tc, currency_conversion);
	tcase_add_test(tc, notes_instead_of_guesses);
	tcase_add_test(tc, standing_positions);
	tcase_add_test(tc, previous_of_three_parties);
	tcase_add_test(tc, round_delta);
	tcase_add_test(tc, round_delta_named_rounds);
	tcase_add_test(tc, figures_are_numbers);
	tcase_add_test(tc, summary_worker_days);
	tcase_add_test(tc, timeline_order);
	tcase_add_test(tc, statements_match_views);
	tcase_add_loop_test(tc, query_plans_use_indexes, 0, (int)(sizeof plans / sizeof plans[0]));
	suite_add_tcase(s, tc);
	return run_suite(s);
}

/* svg.h - draws an agreement's chart (positions, baseline, rounds, outcomes, furloughs) as SVG. */
#ifndef SMALOG_SVG_H
#define SMALOG_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * What a chart shows, already resolved: every amount is in the chart's
 * currency and every date is a YYYYMMDD day.  Nothing here touches the
 * database, so the drawing can be tested alone.  All pointers are borrowed
 * from the caller for the duration of chart_write_svg.
 */
struct chart_position {
	const char *party;  /* "KR"; never NULL */
	const char *kind;   /* "offer" or "demand"; never NULL */
	int32_t ymd;        /* the first day of the position's date */
	int64_t amount;     /* resolved amount in the chart's currency */
	bool rumored;       /* drawn as a hollow marker */
	/* for an amount converted from another currency, what was stated and
	 * the rate (chart currency per stated unit, ten-thousandths); else
	 * stated_currency is NULL */
	const char *stated_currency;
	int64_t stated_amount;
	int64_t rate_e4;
	bool approx;        /* the amount was given as approximate ("5bn~"): "about" */
};

/* What someone said in public away from the table: a labelled mark that
 * never joins a party's line. */
struct chart_statement {
	const char *who;    /* the actor's name; never NULL */
	int32_t ymd;
	bool has_amount;    /* amount resolved into the chart's currency */
	int64_t amount;
	const char *stated_currency; /* as for a position; NULL when not converted */
	int64_t stated_amount;
	int64_t rate_e4;
	const char *why_no_amount;   /* "no KRW rate on or before 2024-10-15", or NULL */
	bool approx;                 /* as for a position */
};

struct chart_round {
	int64_t seq;
	int32_t start_ymd;  /* first day of its start */
	int32_t end_ymd;    /* last day of its end, or start_ymd */
};

struct chart_outcome {
	const char *kind;   /* "signed", "tentative", ...; never NULL */
	int32_t ymd;
};

struct chart_furlough {
	int32_t start_ymd;  /* first day of its start */
	int32_t end_ymd;    /* last day of its end; 0 when no end is recorded */
	int64_t workers;
};

struct chart {
	const char *code;           /* "SMA-11" */
	const char *title;          /* may be NULL */
	const char *currency;       /* ISO 4217: "KRW"; never NULL */
	const char *parties;        /* "KR,US": the order of the colors; may be NULL */
	bool has_baseline;
	int64_t baseline;
	const char *baseline_from;  /* where the baseline comes from ("SMA-10 2019", "the total of SMA-10"), NULL when it is the agreement's own */
	const struct chart_position *positions; /* in date order */
	size_t npositions;
	const struct chart_round *rounds;
	size_t nrounds;
	const struct chart_outcome *outcomes;
	size_t noutcomes;
	const struct chart_furlough *furloughs;
	size_t nfurloughs;
	const struct chart_statement *statements; /* in date order */
	size_t nstatements;
	const char *const *notes;   /* lines printed under the chart */
	size_t nnotes;
	const char *empty_note;     /* across a plot without positions; NULL for "no positions yet" */
	int32_t fallback_ymd;       /* a day to centre an empty time axis on, or 0 */
};

/* Write the chart as a complete SVG document to fp.  A figure that finds
 * no room by its point is listed under the chart instead, never dropped.
 * Write errors are left in fp's error flag for the caller to check. */
void chart_write_svg(const struct chart *c, FILE *fp);

/*
 * The long run: every agreement's yearly contributions on one axis, with
 * each negotiation's demands and the statements made around it.
 */
struct chart_year {
	const char *agreement;  /* "SMA-11"; never NULL */
	int year;
	bool has_amount;        /* false: no amount recorded for the year */
	int64_t amount;
	const char *rule;       /* "KR.CPI, cap 5%" for a year set by a rule, else NULL */
};

struct chart_mark {
	const char *agreement;  /* may be NULL for a statement */
	bool statement;         /* a public statement; else a demand at the table */
	const char *who;        /* the party of a demand, the speaker of a statement */
	int32_t ymd;
	bool has_amount;        /* amount resolved into the chart's currency */
	int64_t amount;
	const char *stated_currency; /* as for a position; NULL when not converted */
	int64_t stated_amount;
	int64_t rate_e4;
	const char *why_no_amount;   /* why a figure could not be drawn, or NULL */
	bool approx;                 /* as for a position */
};

struct years_chart {
	const char *currency;                /* ISO 4217; never NULL */
	const struct chart_year *years;      /* by agreement, then year */
	size_t nyears;
	const struct chart_mark *marks;      /* in date order */
	size_t nmarks;
	const char *const *notes;
	size_t nnotes;
};

/* Write the long-run chart as a complete SVG document to fp; as
 * chart_write_svg, every figure is by its point or listed under it. */
void chart_years_write_svg(const struct years_chart *c, FILE *fp);

/* An amount as stated and as drawn: "$5 billion → 5.62 trillion won at
 * 1,124.3243" when converted (rate_e4 > 0), else the money text alone. */
void chart_converted_text(int64_t amount, const char *currency, const char *stated_currency, int64_t stated_amount,
			  int64_t rate_e4, char *buf, size_t bufsz);

/* ---- the pieces, exposed for tests ---- */

/* How amounts read: divisor 10^12 and "trillion" for trillions, and so on
 * down to 1 and "" for amounts under a million. */
struct chart_unit {
	int64_t divisor;
	const char *scale;    /* "trillion", "billion", "million" or "" */
	const char *currency; /* the ISO code as given */
};

/* The unit that makes magnitude read as 1 to 999 of it. */
struct chart_unit chart_unit_for(int64_t magnitude, const char *currency);

/* The unit's words for an axis title: "trillion won", "$ billion",
 * "million EUR", "won". */
void chart_unit_title(const struct chart_unit *u, char *buf, size_t bufsz);

/* amount / divisor with decimals places, rounded half away from zero:
 * "1.2", "0.25", "1,500" (thousands separators in the integer part). */
void chart_scaled_text(int64_t amount, int64_t divisor, int decimals, char *buf, size_t bufsz);

/* An amount as a reader says it, three significant digits in its own
 * unit: "1.04 trillion won", "$919 million", "5 billion EUR", "200,000 won". */
void chart_money_text(int64_t amount, const char *currency, char *buf, size_t bufsz);

/* The smallest step of the form {1, 2, 5} x 10^k that covers 0..max in at
 * most max_ticks steps; 1 for max <= 0. */
int64_t chart_nice_step(int64_t max, int max_ticks);

/* Decimal places that show every multiple of step exactly in units of
 * divisor (0 to 3). */
int chart_tick_decimals(int64_t step, int64_t divisor);


struct chart_date_tick {
	int32_t ymd;       /* the first day of a month or a year */
	char label[12];    /* "Apr" for month ticks, "2020" for year ticks */
	char year[12];     /* month ticks: the year under January and the first tick, else "" */
};

/* Ticks on first days of months or years between first_day and last_day
 * (days since the epoch), at most max ticks: months 1, 2, 3 or 6 apart,
 * else years 1, 2, 5, 10... apart, as the span needs.  Returns the count
 * and sets *step_months. */
size_t chart_date_ticks(int64_t first_day, int64_t last_day, struct chart_date_tick *ticks, size_t max,
			int *step_months);

/* Write s with XML's special characters escaped (& < > " '), tab and line
 * breaks as spaces, and as '?' every other C0 or C1 control, DEL, U+FFFE,
 * U+FFFF, each bidi embedding, override or isolate, and each byte that
 * does not begin well-formed UTF-8 (a lone surrogate among them): any
 * text makes a well-formed XML 1.0 document and reads in its own order. */
void svg_escape(FILE *fp, const char *s);

/* amount against baseline in hundredths of a percent, rounded half away
 * from zero: 1183300000000 over 1038900000000 is 1390.  False when the
 * baseline is not positive. */
bool chart_amount_pct_bp(int64_t amount, int64_t baseline, int64_t *pct_bp);

#endif

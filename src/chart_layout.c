/* chart_layout.c - lays a chart out: exact figures and their words, date ticks, room for labels, coordinates. */
#include "smalog/chart_layout.h"

#include "smalog/amount.h"
#include "smalog/date.h"
#include "smalog/svg.h"
#include "smalog/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- exact arithmetic ---- */

/* num / den rounded half away from zero; den > 0.  __int128 because
 * amount x rate (10^13 x 10^7) does not fit in 64 bits. */
static __int128 div_round(__int128 num, __int128 den)
{
	__int128 q = num / den, r = num % den;
	if (r < 0)
		r = -r;
	if (2 * r >= den)
		q += num < 0 ? -1 : 1;
	return q;
}

static bool fits(__int128 v, int64_t *out)
{
	if (v > INT64_MAX || v < INT64_MIN)
		return false;
	*out = (int64_t)v;
	return true;
}

bool chart_amount_pct_bp(int64_t amount, int64_t baseline, int64_t *pct_bp)
{
	if (baseline <= 0)
		return false;
	return fits(div_round(((__int128)amount - baseline) * 10000, baseline), pct_bp);
}

/* ---- units and numbers ---- */

struct chart_unit chart_unit_for(int64_t magnitude, const char *currency)
{
	static const struct { int64_t divisor; const char *scale; } scales[] = {
		{ 1000000000000, "trillion" }, { 1000000000, "billion" }, { 1000000, "million" },
	};
	if (magnitude < 0)
		magnitude = magnitude == INT64_MIN ? INT64_MAX : -magnitude;
	for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++)
		if (magnitude >= scales[i].divisor)
			return (struct chart_unit){ scales[i].divisor, scales[i].scale, currency };
	return (struct chart_unit){ 1, "", currency };
}

/* How a currency is named after a number: "won"; USD is "$" before it. */
static const char *currency_word(const char *code)
{
	static const struct { const char *code, *word; } words[] = {
		{ "KRW", "won" }, { "JPY", "yen" }, { "USD", "$" },
	};
	for (size_t i = 0; code && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(code, words[i].code) == 0)
			return words[i].word;
	return code && *code ? code : "units";
}

static bool is_usd(const char *code)
{
	return code && strcmp(code, "USD") == 0;
}

void chart_unit_title(const struct chart_unit *u, char *buf, size_t bufsz)
{
	const char *word = currency_word(u->currency);
	if (is_usd(u->currency))
		snprintf(buf, bufsz, "$%s%s", *u->scale ? " " : "", u->scale);
	else
		snprintf(buf, bufsz, "%s%s%s", u->scale, *u->scale ? " " : "", word);
}

void chart_scaled_text(int64_t amount, int64_t divisor, int decimals, char *buf, size_t bufsz)
{
	static const int64_t pow10[] = { 1, 10, 100, 1000 };
	if (decimals < 0)
		decimals = 0;
	if (decimals > 3)
		decimals = 3;
	if (divisor <= 0)
		divisor = 1;
	__int128 q = div_round((__int128)amount * pow10[decimals], divisor);
	bool negative = q < 0;
	if (negative)
		q = -q;
	int64_t whole = (int64_t)(q / pow10[decimals]);
	int64_t frac = (int64_t)(q % pow10[decimals]);
	char digits[AMOUNT_TEXT_SIZE];
	amount_format(whole, true, digits, sizeof digits);
	if (decimals > 0)
		snprintf(buf, bufsz, "%s%s.%0*lld", negative ? "-" : "", digits, decimals, (long long)frac);
	else
		snprintf(buf, bufsz, "%s%s", negative ? "-" : "", digits);
}

void chart_money_text(int64_t amount, const char *currency, char *buf, size_t bufsz)
{
	struct chart_unit u = chart_unit_for(amount, currency);
	int64_t whole = amount / u.divisor;
	if (whole < 0)
		whole = -whole;
	/* three significant digits, trailing zeros dropped: "1.04", "919", "5" */
	int decimals = u.divisor == 1 || whole >= 100 ? 0 : whole >= 10 ? 1 : 2;
	char number[48];
	chart_scaled_text(amount, u.divisor, decimals, number, sizeof number);
	if (strchr(number, '.')) {
		size_t n = strlen(number);
		while (number[n - 1] == '0')
			number[--n] = '\0';
		if (number[n - 1] == '.')
			number[--n] = '\0';
	}
	const char *sp = *u.scale ? " " : "";
	if (is_usd(currency))
		snprintf(buf, bufsz, "$%s%s%s", number, sp, u.scale);
	else
		snprintf(buf, bufsz, "%s%s%s %s", number, sp, u.scale, currency_word(currency));
}

void chart_converted_text(int64_t amount, const char *currency, const char *stated_currency, int64_t stated_amount,
			  int64_t rate_e4, char *buf, size_t bufsz)
{
	char money[64];
	chart_money_text(amount, currency, money, sizeof money);
	if (!stated_currency || rate_e4 <= 0) {
		snprintf(buf, bufsz, "%s", money);
		return;
	}
	char stated[64], whole[AMOUNT_TEXT_SIZE], rate[AMOUNT_TEXT_SIZE + 8];
	chart_money_text(stated_amount, stated_currency, stated, sizeof stated);
	amount_format(rate_e4 / 10000, true, whole, sizeof whole);
	snprintf(rate, sizeof rate, "%s.%04d", whole, (int)(rate_e4 % 10000));
	/* "1,131.5000" reads as "1,131.5" */
	size_t n = strlen(rate);
	while (n > 0 && rate[n - 1] == '0')
		rate[--n] = '\0';
	if (n > 0 && rate[n - 1] == '.')
		rate[--n] = '\0';
	snprintf(buf, bufsz, "%s \xe2\x86\x92 %s at %s", stated, money, rate);
}

int64_t chart_nice_step(int64_t max, int max_ticks)
{
	if (max <= 0 || max_ticks < 1)
		return 1;
	static const int mantissas[] = { 1, 2, 5 };
	for (int64_t power = 1;; power *= 10) {
		for (size_t i = 0; i < 3; i++) {
			int64_t step = mantissas[i] * power;
			if (max / step + (max % step != 0) <= max_ticks)
				return step;
		}
		if (power > INT64_MAX / 100)
			return power * 10;
	}
}

int chart_tick_decimals(int64_t step, int64_t divisor)
{
	if (divisor <= 1)
		return 0;
	__int128 scaled = step;
	for (int d = 0; d < 3; d++, scaled *= 10)
		if (scaled % divisor == 0)
			return d;
	return 3;
}

/* ---- dates ---- */

static const char *const month_names[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Ticks of one step (months < 12, else a multiple of 12), or only the
 * count when ticks is NULL. */
static size_t ticks_at(int64_t first_day, int64_t last_day, int step, struct chart_date_tick *ticks, size_t max)
{
	int32_t first = date_ymd_from_days(first_day);
	int year = first / 10000, month = first / 100 % 100;
	size_t n = 0;
	for (;;) {
		int32_t ymd = year * 10000 + month * 100 + 1;
		int64_t day = date_days_from_ymd(ymd);
		if (day > last_day)
			break;
		bool on_step = step < 12 ? (month - 1) % step == 0 : month == 1 && year % (step / 12) == 0;
		if (day >= first_day && on_step) {
			if (ticks && n < max) {
				struct chart_date_tick *t = &ticks[n];
				t->ymd = ymd;
				if (step < 12) {
					snprintf(t->label, sizeof t->label, "%s", month_names[month - 1]);
					if (n == 0 || month == 1)
						snprintf(t->year, sizeof t->year, "%d", year);
					else
						t->year[0] = '\0';
				} else {
					snprintf(t->label, sizeof t->label, "%d", year);
					t->year[0] = '\0';
				}
			}
			n++;
		}
		if (++month > 12) {
			month = 1;
			year++;
		}
	}
	return n;
}

size_t chart_date_ticks(int64_t first_day, int64_t last_day, struct chart_date_tick *ticks, size_t max,
			int *step_months)
{
	static const int month_steps[] = { 1, 2, 3, 6 };
	*step_months = 0;
	if (last_day < first_day || max == 0)
		return 0;
	for (size_t i = 0; i < sizeof month_steps / sizeof month_steps[0]; i++) {
		if (ticks_at(first_day, last_day, month_steps[i], NULL, 0) <= max) {
			*step_months = month_steps[i];
			return ticks_at(first_day, last_day, month_steps[i], ticks, max);
		}
	}
	static const int year_mantissas[] = { 1, 2, 5 };
	for (int power = 1; power <= 1000; power *= 10) {
		for (size_t i = 0; i < 3; i++) {
			int step = year_mantissas[i] * power * 12;
			if (ticks_at(first_day, last_day, step, NULL, 0) <= max) {
				*step_months = step;
				return ticks_at(first_day, last_day, step, ticks, max);
			}
		}
	}
	return 0;
}

/* ---- room for labels ---- */

/* Rough width of text in the chart's sans-serif: about 0.54 em a column,
 * Hangul and CJK two columns.  Used only to keep labels apart. */
double chart_text_width(const char *s, double size)
{
	return (double)utf8_display_width(s, strlen(s)) * size * 0.54;
}


int chart_place_label(struct chart_label_rows *rows, double left, double right)
{
	int row = 0;
	while (row < CHART_LABEL_ROWS - 1 && row < rows->used && rows->right[row] + 8 > left)
		row++;
	if (row >= rows->used) {
		rows->right[row] = right;
		rows->used = row + 1;
	} else if (right > rows->right[row]) {
		rows->right[row] = right;
	}
	return row;
}



void chart_box_add(struct chart_boxes *bs, double x1, double y1, double x2, double y2)
{
	if (bs->n < CHART_BOX_MAX)
		bs->b[bs->n++] = (struct chart_box){ x1 < x2 ? x1 : x2, y1 < y2 ? y1 : y2, x1 < x2 ? x2 : x1, y1 < y2 ? y2 : y1 };
}

/* Room for a box of text inside the plot, clear of everything placed?  A
 * full list counts as no room: better a missing label than an overlap. */
bool chart_box_free(const struct chart_boxes *bs, const struct chart_box *r, double left, double top, double right)
{
	if (r->x1 < left || r->x2 > right || r->y1 < top || bs->n == CHART_BOX_MAX)
		return false;
	for (size_t i = 0; i < bs->n; i++) {
		const struct chart_box *o = &bs->b[i];
		if (r->x1 < o->x2 && o->x1 < r->x2 && r->y1 < o->y2 && o->y1 < r->y2)
			return false;
	}
	return true;
}

/* ---- the plot's coordinates ---- */


double chart_x_at(const struct chart_frame *f, int64_t day)
{
	if (f->last_day == f->first_day)
		return (f->left + f->right) / 2;
	return f->left + (double)(day - f->first_day) / (double)(f->last_day - f->first_day) * (f->right - f->left);
}

double chart_y_at(const struct chart_frame *f, int64_t amount)
{
	if (f->ymax <= 0)
		return f->bottom;
	return f->bottom - (double)amount / (double)f->ymax * (f->bottom - f->top);
}


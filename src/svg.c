/* svg.c - draws an agreement's chart as a self-contained SVG document (chart_layout.c says where things go). */
#include "smalog/svg.h"

#include "smalog/amount.h"
#include "smalog/chart_layout.h"
#include "smalog/date.h"
#include "smalog/decimal.h"
#include "smalog/memory.h"
#include "smalog/utf8.h"

#include <stdlib.h>
#include <string.h>

/* ---- XML ---- */

/* Whether the n-byte UTF-8 sequence at p (valid) is a character the chart
 * must not hold: one XML 1.0 forbids or discourages (C1 controls, and
 * U+FFFE and U+FFFF, which no XML parser accepts though they are valid
 * UTF-8), or a bidi embedding, override or isolate (U+202A to U+202E,
 * U+2066 to U+2069), with which a title from a shared file could show its
 * text in another order than it has. */
static bool unfit(const unsigned char *p, size_t n)
{
	if (n == 2)
		return p[0] == 0xc2 && p[1] < 0xa0; /* U+0080 to U+009F */
	if (n != 3)
		return false;
	if (p[0] == 0xef && p[1] == 0xbf)
		return p[2] == 0xbe || p[2] == 0xbf;
	if (p[0] == 0xe2 && p[1] == 0x80)
		return p[2] >= 0xaa && p[2] <= 0xae;
	return p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9;
}

void svg_escape(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (p && *p) {
		switch (*p) {
		case '&': fputs("&amp;", fp); p++; continue;
		case '<': fputs("&lt;", fp); p++; continue;
		case '>': fputs("&gt;", fp); p++; continue;
		case '"': fputs("&quot;", fp); p++; continue;
		case '\'': fputs("&apos;", fp); p++; continue;
		default: break;
		}
		if (*p < 0x20 || *p == 0x7f) {
			/* XML 1.0 cannot hold most control characters, even escaped */
			fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : '?', fp);
			p++;
			continue;
		}
		if (*p < 0x80) {
			fputc(*p++, fp);
			continue;
		}
		size_t len = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : 2;
		if (strnlen((const char *)p, len) == len && utf8_valid((const char *)p, len, NULL)) {
			if (unfit(p, len))
				fputc('?', fp);
			else
				fwrite(p, 1, len, fp);
			p += len;
		} else {
			fputc('?', fp);
			p++;
		}
	}
}

/* ---- layout ---- */

enum {
	WIDTH = 1200,
	HEIGHT = 675,
	MARGIN_LEFT = 100,
	MARGIN_RIGHT = 40,
};

static const char font_family[] =
	"'Helvetica Neue', Helvetica, Arial, 'Noto Sans', 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif";

/* Statements: Okabe-Ito's reddish purple, which no party's line takes
 * before its fourth party. */
#define STATEMENT_COLOR "#CC79A7"
#define STATEMENT_TEXT_COLOR "#9A4A7A"
/* Demands on the years chart: the colour of the US line per agreement. */
#define DEMAND_COLOR "#D55E00"

/* Okabe-Ito: told apart with every common kind of colour blindness. */
static const char *const palette[] = { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000" };

struct series {
	const char *party;
	const char *color;
	bool offers, demands, rumored;
};

static void text_at(FILE *fp, double x, double y, const char *attrs, const char *s)
{
	fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\"%s%s>", x, y, attrs && *attrs ? " " : "", attrs ? attrs : "");
	svg_escape(fp, s);
	fputs("</text>\n", fp);
}

static bool in_list(const char *list, const char *party)
{
	size_t n = strlen(party);
	for (const char *p = list; p && *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && strncmp(p, party, n) == 0)
			return true;
		p += len + (p[len] == ',');
	}
	return false;
}

/* One series per party: the agreement's parties first, in their order, so
 * a party keeps its colour from chart to chart. */
static size_t make_series(const struct chart *c, struct series *s)
{
	size_t n = 0;
	for (const char *p = c->parties; p && *p;) {
		size_t len = strcspn(p, ",");
		for (size_t i = 0; i < c->npositions; i++) {
			const char *party = c->positions[i].party;
			if (strlen(party) == len && strncmp(party, p, len) == 0) {
				s[n++] = (struct series){ .party = party };
				break;
			}
		}
		p += len + (p[len] == ',');
	}
	for (size_t i = 0; i < c->npositions; i++) {
		const char *party = c->positions[i].party;
		if (in_list(c->parties, party))
			continue;
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(s[k].party, party) == 0;
		if (!seen)
			s[n++] = (struct series){ .party = party };
	}
	for (size_t k = 0; k < n; k++) {
		s[k].color = palette[k % (sizeof palette / sizeof palette[0])];
		for (size_t i = 0; i < c->npositions; i++) {
			const struct chart_position *p = &c->positions[i];
			if (strcmp(p->party, s[k].party) != 0)
				continue;
			if (strcmp(p->kind, "demand") == 0)
				s[k].demands = true;
			else
				s[k].offers = true;
			s[k].rumored |= p->rumored;
		}
	}
	return n;
}

static void series_label(const struct series *s, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "%s %s", s->party,
		 s->offers && s->demands ? "offers and demands" : s->demands ? "demands" : "offers");
}

/* The top of the scale over amounts up to top: room above the highest,
 * then up to a whole tick; 128 bits because amounts may come close to the
 * 64-bit limit.  0 when there is nothing to scale. */
static int64_t scale_top(int64_t top)
{
	if (top <= 0)
		return 0;
	__int128 room = (__int128)top + top / 12;
	int64_t step = chart_nice_step(room > INT64_MAX ? INT64_MAX : (int64_t)room, 10);
	__int128 ymax = (room + step - 1) / step * step;
	return ymax > INT64_MAX ? INT64_MAX : (int64_t)ymax;
}

/* The time span: every dated thing, padded so nothing sits on the frame. */
static bool time_span(const struct chart *c, int64_t *first, int64_t *last)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN;
#define SEE(ymd) do { if (ymd) { int64_t d_ = date_days_from_ymd(ymd); lo = d_ < lo ? d_ : lo; hi = d_ > hi ? d_ : hi; } } while (0)
	for (size_t i = 0; i < c->npositions; i++)
		SEE(c->positions[i].ymd);
	for (size_t i = 0; i < c->nrounds; i++) {
		SEE(c->rounds[i].start_ymd);
		SEE(c->rounds[i].end_ymd);
	}
	for (size_t i = 0; i < c->noutcomes; i++)
		SEE(c->outcomes[i].ymd);
	for (size_t i = 0; i < c->nfurloughs; i++) {
		SEE(c->furloughs[i].start_ymd);
		SEE(c->furloughs[i].end_ymd);
	}
	for (size_t i = 0; i < c->nstatements; i++)
		SEE(c->statements[i].ymd);
	if (lo > hi)
		SEE(c->fallback_ymd);
#undef SEE
	if (lo > hi)
		return false;
	int64_t pad = (hi - lo) / 25;
	if (pad < 20)
		pad = 20;
	*first = lo - pad;
	*last = hi + pad;
	return true;
}

static const char *outcome_label(const char *kind)
{
	static const struct { const char *kind, *label; } labels[] = {
		{ "tentative", "deal in principle" }, { "stalled", "talks stalled" },
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(kind, labels[i].kind) == 0)
			return labels[i].label;
	return kind;
}

struct legend_item {
	enum { SWATCH_LINE, SWATCH_DASH, SWATCH_BOX, SWATCH_DIAMOND, SWATCH_HOLLOW, SWATCH_TRIANGLE, SWATCH_DEMAND,
	       SWATCH_UNKNOWN } swatch;
	const char *color;
	char text[200];
	double x, width;
	int row;
};

enum { LEGEND_MAX = 16, SWATCH_WIDTH = 30 };

static int lay_out_legend(struct legend_item *items, size_t n)
{
	double x = MARGIN_LEFT;
	int row = 0;
	for (size_t i = 0; i < n; i++) {
		items[i].width = SWATCH_WIDTH + 8 + chart_text_width(items[i].text, 13);
		if (x > MARGIN_LEFT && x + items[i].width > WIDTH - MARGIN_RIGHT) {
			row++;
			x = MARGIN_LEFT;
		}
		items[i].x = x;
		items[i].row = row;
		x += items[i].width + 24;
	}
	return n ? row + 1 : 0;
}

static void draw_swatch(FILE *fp, const struct legend_item *it, double y)
{
	double x = it->x, mid = y - 4.5;
	switch (it->swatch) {
	case SWATCH_LINE:
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>\n", x,
			mid, x + SWATCH_WIDTH, mid, it->color);
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"1.5\"/>\n",
			x + SWATCH_WIDTH / 2.0, mid, it->color);
		break;
	case SWATCH_DASH:
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
			x, mid, x + SWATCH_WIDTH, mid);
		break;
	case SWATCH_BOX:
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"12\" fill=\"#E69F00\" fill-opacity=\"0.22\" stroke=\"#E69F00\" stroke-opacity=\"0.6\"/>\n",
			x, mid - 6, SWATCH_WIDTH);
		break;
	case SWATCH_DIAMOND:
		fprintf(fp, "<path d=\"M %.1f %.1f l 6 6 l -6 6 l -6 -6 z\" fill=\"#333\"/>\n", x + SWATCH_WIDTH / 2.0,
			mid - 6);
		break;
	case SWATCH_TRIANGLE:
		fprintf(fp, "<path d=\"M %.1f %.1f l 7 12 l -14 0 z\" fill=\"#fff\" stroke=\"%s\" stroke-width=\"2\"/>\n",
			x + SWATCH_WIDTH / 2.0, mid - 7, STATEMENT_COLOR);
		break;
	case SWATCH_DEMAND:
		fprintf(fp, "<path d=\"M %.1f %.1f l 7 -12 l -14 0 z\" fill=\"%s\"/>\n", x + SWATCH_WIDTH / 2.0, mid + 6,
			DEMAND_COLOR);
		break;
	case SWATCH_UNKNOWN:
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"10\" fill=\"none\" stroke=\"#555\" stroke-dasharray=\"3 2\"/>\n",
			x, mid - 5, SWATCH_WIDTH);
		break;
	case SWATCH_HOLLOW:
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"#fff\" stroke=\"#555\" stroke-width=\"2\"/>\n",
			x + SWATCH_WIDTH / 2.0, mid);
		break;
	}
	text_at(fp, x + SWATCH_WIDTH + 8, y, "font-size=\"13\" fill=\"#222\"", it->text);
}

/* The amount axis with its ticks, grid and unit; with no scale (nothing
 * to draw), the floor line alone. */
static void draw_y_axis(FILE *fp, const struct chart_frame *f, const char *currency)
{
	if (f->ymax <= 0) {
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-width=\"1\"/>\n",
			f->left, f->bottom, f->right, f->bottom);
		return;
	}
	struct chart_unit u = chart_unit_for(f->ymax, currency);
	int64_t step = chart_nice_step(f->ymax, 10);
	int decimals = chart_tick_decimals(step, u.divisor);
	for (int64_t v = 0; v <= f->ymax; v += step) {
		double y = chart_y_at(f, v);
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>\n",
			f->left, y, f->right, y, v == 0 ? "#888" : "#e4e4e4");
		char label[48];
		chart_scaled_text(v, u.divisor, decimals, label, sizeof label);
		text_at(fp, f->left - 10, y + 4.5, "font-size=\"13\" fill=\"#444\" text-anchor=\"end\"", label);
		if (v > INT64_MAX - step)
			break;
	}
	char title[64];
	chart_unit_title(&u, title, sizeof title);
	fprintf(fp, "<text transform=\"translate(24 %.1f) rotate(-90)\" font-size=\"14\" fill=\"#444\" text-anchor=\"middle\">",
		(f->top + f->bottom) / 2);
	svg_escape(fp, title);
	fputs("</text>\n", fp);
}

/* A date on the time axis: a grid line through the plot and a tick under it. */
static void draw_tick(FILE *fp, const struct chart_frame *f, double x)
{
	fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f0f0f0\" stroke-width=\"1\"/>\n", x,
		f->top, x, f->bottom);
	fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-width=\"1\"/>\n", x,
		f->bottom, x, f->bottom + 5);
}

static void draw_x_axis(FILE *fp, const struct chart_frame *f)
{
	struct chart_date_tick ticks[16];
	int step;
	size_t n = chart_date_ticks(f->first_day, f->last_day, ticks, 12, &step);
	for (size_t i = 0; i < n; i++) {
		double x = chart_x_at(f, date_days_from_ymd(ticks[i].ymd));
		draw_tick(fp, f, x);
		text_at(fp, x, f->bottom + 20, "font-size=\"13\" fill=\"#444\" text-anchor=\"middle\"", ticks[i].label);
		if (ticks[i].year[0])
			text_at(fp, x, f->bottom + 36, "font-size=\"13\" fill=\"#444\" font-weight=\"bold\" text-anchor=\"middle\"",
				ticks[i].year);
	}
}

static void draw_furloughs(FILE *fp, const struct chart *c, const struct chart_frame *f, struct chart_boxes *boxes)
{
	struct chart_label_rows rows = { { 0 }, 0 };
	for (size_t i = 0; i < c->nfurloughs; i++) {
		const struct chart_furlough *fu = &c->furloughs[i];
		double x1 = chart_x_at(f, date_days_from_ymd(fu->start_ymd));
		double x2 = fu->end_ymd ? chart_x_at(f, date_days_from_ymd(fu->end_ymd) + 1) : f->right;
		if (x2 - x1 < 2)
			x2 = x1 + 2;
		fprintf(fp, "<rect class=\"furlough\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#E69F00\" fill-opacity=\"0.16\"/>\n",
			x1, f->top, x2 - x1, f->bottom - f->top);
		char workers[AMOUNT_TEXT_SIZE], label[96];
		amount_format(fu->workers, true, workers, sizeof workers);
		snprintf(label, sizeof label, "%s workers furloughed%s", workers, fu->end_ymd ? "" : " (no end recorded)");
		double w = chart_text_width(label, 12);
		double lx = x1 + 5;
		if (lx + w > f->right)
			lx = f->right - w;
		int row = chart_place_label(&rows, lx, lx + w);
		double ly = f->top + 16 + 15 * row;
		text_at(fp, lx, ly, "font-size=\"12\" fill=\"#8a5a00\"", label);
		chart_box_add(boxes, lx - 2, ly - 12, lx + w + 2, ly + 4);
	}
}

static void draw_baseline(FILE *fp, const struct chart *c, const struct chart_frame *f, struct chart_boxes *boxes)
{
	double y = chart_y_at(f, c->baseline);
	fprintf(fp, "<line class=\"baseline\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
		f->left, y, f->right, y);
	char money[64], label[160];
	chart_money_text(c->baseline, c->currency, money, sizeof money);
	snprintf(label, sizeof label, "baseline %s", money);
	text_at(fp, f->left + 6, y - 6, "font-size=\"12\" fill=\"#444\"", label);
	chart_box_add(boxes, f->left + 4, y - 18, f->left + 8 + chart_text_width(label, 12), y - 2);
	chart_box_add(boxes, f->left, y - 2, f->right, y + 2);
}

/* Outcomes: a dotted line through the plot and a labelled diamond above it,
 * labels stacked in rows so that none overlaps. */
static void draw_outcomes(FILE *fp, const struct chart *c, const struct chart_frame *f, const int *rows_of)
{
	for (size_t i = 0; i < c->noutcomes; i++) {
		double x = chart_x_at(f, date_days_from_ymd(c->outcomes[i].ymd));
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\" stroke-opacity=\"0.55\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>\n",
			x, f->top, x, f->bottom);
		fprintf(fp, "<path class=\"outcome\" d=\"M %.1f %.1f l 6 6 l -6 6 l -6 -6 z\" fill=\"#333\"/>\n", x, f->top - 6);
		const char *label = outcome_label(c->outcomes[i].kind);
		double w = chart_text_width(label, 13);
		double lx = x - w / 2;
		if (lx < f->left - 40)
			lx = f->left - 40;
		if (lx + w > WIDTH - 8)
			lx = WIDTH - 8 - w;
		double ly = f->top - 12 - 17 * rows_of[i];
		if (rows_of[i] > 0)
			fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\" stroke-width=\"1\"/>\n",
				x, ly + 3, x, f->top - 7);
		text_at(fp, lx, ly, "font-size=\"13\" fill=\"#222\"", label);
	}
}

static int outcome_rows(const struct chart *c, const struct chart_frame *f, int *rows_of)
{
	struct chart_label_rows rows = { { 0 }, 0 };
	for (size_t i = 0; i < c->noutcomes; i++) {
		double x = chart_x_at(f, date_days_from_ymd(c->outcomes[i].ymd));
		double w = chart_text_width(outcome_label(c->outcomes[i].kind), 13);
		rows_of[i] = chart_place_label(&rows, x - w / 2, x + w / 2);
	}
	return rows.used;
}

/* Rounds: a band under the date axis, each round a bar from its first to
 * its last day with its number beneath. */
static void draw_rounds(FILE *fp, const struct chart *c, const struct chart_frame *f, double band_y)
{
	text_at(fp, f->left - 10, band_y + 4, "font-size=\"13\" fill=\"#444\" text-anchor=\"end\"", "rounds");
	fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\" stroke-width=\"1\"/>\n", f->left,
		band_y, f->right, band_y);
	struct chart_label_rows rows = { { 0 }, 0 };
	for (size_t i = 0; i < c->nrounds; i++) {
		const struct chart_round *r = &c->rounds[i];
		double x1 = chart_x_at(f, date_days_from_ymd(r->start_ymd));
		double x2 = chart_x_at(f, date_days_from_ymd(r->end_ymd ? r->end_ymd : r->start_ymd) + 1);
		if (x2 - x1 < 3)
			x2 = x1 + 3;
		fprintf(fp, "<rect class=\"round\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"10\" fill=\"#555\"/>\n", x1,
			band_y - 5, x2 - x1);
		char num[24];
		snprintf(num, sizeof num, "%lld", (long long)r->seq);
		double cx = (x1 + x2) / 2, w = chart_text_width(num, 12);
		int row = chart_place_label(&rows, cx - w / 2, cx + w / 2);
		text_at(fp, cx, band_y + 20 + 14 * row, "font-size=\"12\" fill=\"#333\" text-anchor=\"middle\"", num);
	}
}

/* The step line's segments and markers as obstacles for labels. */
static void series_boxes(const struct chart *c, const struct chart_frame *f, const struct series *s, struct chart_boxes *boxes)
{
	double px = 0, py = 0;
	bool started = false;
	for (size_t i = 0; i < c->npositions; i++) {
		const struct chart_position *p = &c->positions[i];
		if (strcmp(p->party, s->party) != 0)
			continue;
		double x = chart_x_at(f, date_days_from_ymd(p->ymd)), y = chart_y_at(f, p->amount);
		if (started) {
			chart_box_add(boxes, px, py - 2, x, py + 2);
			chart_box_add(boxes, x - 2, py, x + 2, y);
		}
		chart_box_add(boxes, x - 6, y - 6, x + 6, y + 6);
		px = x;
		py = y;
		started = true;
	}
	if (started)
		chart_box_add(boxes, px, py - 2, f->right, py + 2);
}

/* The figures that found no room by their points, listed under the chart:
 * "KR offer, 2021-03-07: 1.18 trillion won (+13.9%)". */
struct unplaced {
	char **lines;
	size_t n, cap;
};

static void unplaced_add(struct unplaced *u, const char *who, const char *what, int32_t ymd, const char *text)
{
	char line[400];
	if (ymd % 10000 == 0) /* a year: the years chart's figures */
		snprintf(line, sizeof line, "%s%s%s, %d: %s", who, what ? " " : "", what ? what : "", (int)(ymd / 10000), text);
	else
		snprintf(line, sizeof line, "%s%s%s, %04d-%02d-%02d: %s", who, what ? " " : "", what ? what : "",
			 (int)(ymd / 10000), (int)(ymd / 100 % 100), (int)(ymd % 100), text);
	u->lines = xgrow(u->lines, &u->cap, u->n + 1, sizeof *u->lines);
	u->lines[u->n++] = xstrdup(line);
}

static void unplaced_release(struct unplaced *u)
{
	for (size_t i = 0; i < u->n; i++)
		free(u->lines[i]);
	free(u->lines);
}

/* "about " before a figure given as approximate ("5bn~"), in place. */
static void about(bool approx, char *buf, size_t bufsz)
{
	static const char word[] = "about ";
	size_t n = strlen(buf), w = sizeof word - 1;
	if (!approx || n + w >= bufsz)
		return;
	memmove(buf + w, buf, n + 1);
	memcpy(buf, word, w);
}

static void value_text(const struct chart *c, const struct chart_position *p, char *buf, size_t bufsz)
{
	char money[192];
	int64_t amount = p->amount;
	chart_converted_text(amount, c->currency, p->stated_currency, p->stated_amount, p->rate_e4, money, sizeof money);
	about(p->approx, money, sizeof money);
	int64_t bp;
	if (c->has_baseline && chart_amount_pct_bp(amount, c->baseline, &bp)) {
		char num[DECIMAL_TEXT_SIZE];
		decimal_format(bp, 2, true, num, sizeof num);
		snprintf(buf, bufsz, "%s (%s%s%%)", money, bp >= 0 ? "+" : "", num);
	} else {
		snprintf(buf, bufsz, "%s", money);
	}
}

/* Draw a value label in the first of n spots that clears everything
 * placed, and take that room; from spot leader_from on, with a leader
 * line back to its point (x, y).  False when no spot is free. */
static bool place_in_spots(FILE *fp, const struct chart_frame *f, struct chart_boxes *boxes, const char *color,
			   const struct chart_box *spots, size_t n, size_t leader_from, double x, double y, const char *text)
{
	for (size_t t = 0; t < n; t++) {
		if (!chart_box_free(boxes, &spots[t], f->left, f->top, f->right))
			continue;
		char attrs[96];
		snprintf(attrs, sizeof attrs, "class=\"value\" font-size=\"12\" font-weight=\"bold\" fill=\"%s\"", color);
		if (t >= leader_from) {
			double lx = spots[t].x1 > x ? spots[t].x1 - 2 : spots[t].x2 + 2;
			double ly = spots[t].y2 < y ? spots[t].y2 : spots[t].y1;
			fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-opacity=\"0.5\" stroke-width=\"1\"/>\n",
				x, y, lx, ly, color);
		}
		text_at(fp, spots[t].x1, spots[t].y2 - 3, attrs, text);
		chart_box_add(boxes, spots[t].x1, spots[t].y1, spots[t].x2, spots[t].y2);
		return true;
	}
	return false;
}

/* Put a value label beside point (x, y): above or below it, right or left,
 * wherever it first clears everything placed; false when nowhere does. */
static bool place_value(FILE *fp, const struct chart_frame *f, struct chart_boxes *boxes, const char *color, double x, double y,
			const char *text)
{
	double w = chart_text_width(text, 12);
	const struct chart_box spots[] = {
		{ x + 8, y - 20, x + 8 + w, y - 6 },
		{ x + 8, y + 6, x + 8 + w, y + 20 },
		{ x - 8 - w, y - 20, x - 8, y - 6 },
		{ x - 8 - w, y + 6, x - 8, y + 20 },
		/* a row further out, with a leader line back to the point */
		{ x + 8, y - 36, x + 8 + w, y - 22 },
		{ x + 8, y + 22, x + 8 + w, y + 36 },
		{ x - 8 - w, y - 36, x - 8, y - 22 },
		{ x - 8 - w, y + 22, x - 8, y + 36 },
	};
	return place_in_spots(fp, f, boxes, color, spots, sizeof spots / sizeof spots[0], 4, x, y, text);
}

/* A label with the figure at each point where a party's position changes:
 * "1.17 trillion won (+13%)".  Each party's latest figure is placed first,
 * as it matters most; a label with no free spot near its point is listed
 * under the chart rather than drawn over something. */
static void draw_values(FILE *fp, const struct chart *c, const struct chart_frame *f, const struct series *series,
			size_t nseries, struct chart_boxes *boxes, struct unplaced *unplaced)
{
	size_t *latest = calloc(nseries ? nseries : 1, sizeof *latest);
	bool *changed = calloc(c->npositions ? c->npositions : 1, sizeof *changed);
	if (!latest || !changed)
		die_oom();
	/* where each party's figure changes, its first included */
	for (size_t k = 0; k < nseries; k++) {
		bool seen = false;
		int64_t prev = 0;
		for (size_t i = 0; i < c->npositions; i++) {
			const struct chart_position *p = &c->positions[i];
			if (strcmp(p->party, series[k].party) != 0)
				continue;
			changed[i] = !seen || p->amount != prev;
			if (changed[i])
				latest[k] = i;
			seen = true;
			prev = p->amount;
		}
	}
	char text[256];
	for (size_t k = 0; k < nseries; k++) {
		const struct chart_position *p = &c->positions[latest[k]];
		value_text(c, p, text, sizeof text);
		if (!place_value(fp, f, boxes, series[k].color, chart_x_at(f, date_days_from_ymd(p->ymd)), chart_y_at(f, p->amount), text))
			unplaced_add(unplaced, p->party, p->kind, p->ymd, text);
	}
	for (size_t k = 0; k < nseries; k++) {
		for (size_t i = 0; i < c->npositions; i++) {
			const struct chart_position *p = &c->positions[i];
			if (!changed[i] || i == latest[k] || strcmp(p->party, series[k].party) != 0)
				continue;
			value_text(c, p, text, sizeof text);
			if (!place_value(fp, f, boxes, series[k].color, chart_x_at(f, date_days_from_ymd(p->ymd)), chart_y_at(f, p->amount),
					 text))
				unplaced_add(unplaced, p->party, p->kind, p->ymd, text);
		}
	}
	free(changed);
	free(latest);
}

/* Statements: a dash-dot line at the date and a hollow triangle at the
 * figure (at the top of the plot without one, or with one above the
 * scale, which the statements never set), labelled with who said it and
 * what; never part of a party's line. */
static void draw_statements(FILE *fp, const struct chart *c, const struct chart_frame *f, struct chart_boxes *boxes,
			    struct unplaced *unplaced)
{
	for (size_t i = 0; i < c->nstatements; i++) {
		const struct chart_statement *st = &c->statements[i];
		double x = chart_x_at(f, date_days_from_ymd(st->ymd));
		/* a figure above the scale sits at the top, its label saying so */
		bool above = st->has_amount && st->amount > f->ymax;
		double y = st->has_amount && !above ? chart_y_at(f, st->amount) : f->top + 8;
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-opacity=\"0.7\" stroke-width=\"1\" stroke-dasharray=\"6 3 1 3\"/>\n",
			x, f->top, x, f->bottom, STATEMENT_COLOR);
		fprintf(fp, "<path class=\"statement\" d=\"M %.1f %.1f l 7 12 l -14 0 z\" fill=\"#fff\" stroke=\"%s\" stroke-width=\"2\"/>\n",
			x, y - 7, STATEMENT_COLOR);
		chart_box_add(boxes, x - 8, y - 8, x + 8, y + 6);
		char figure[256], text[320];
		if (st->has_amount)
			chart_converted_text(st->amount, c->currency, st->stated_currency, st->stated_amount, st->rate_e4,
					     figure, sizeof figure);
		else if (st->stated_currency) {
			char money[64];
			chart_money_text(st->stated_amount, st->stated_currency, money, sizeof money);
			snprintf(figure, sizeof figure, "%s (%s)", money, st->why_no_amount ? st->why_no_amount : "not converted");
		} else
			snprintf(figure, sizeof figure, "statement");
		about(st->approx, figure, sizeof figure);
		if (above)
			snprintf(text, sizeof text, "%s: %s (\xe2\x86\x91 above the scale)", st->who, figure);
		else
			snprintf(text, sizeof text, "%s: %s", st->who, figure);
		if (!place_value(fp, f, boxes, STATEMENT_TEXT_COLOR, x, y, text))
			unplaced_add(unplaced, st->who, NULL, st->ymd, figure);
	}
}

static void draw_series(FILE *fp, const struct chart *c, const struct chart_frame *f, const struct series *s)
{
	bool started = false;
	fprintf(fp, "<path class=\"position\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" stroke-linejoin=\"round\" d=\"",
		s->color);
	for (size_t i = 0; i < c->npositions; i++) {
		const struct chart_position *p = &c->positions[i];
		if (strcmp(p->party, s->party) != 0)
			continue;
		double x = chart_x_at(f, date_days_from_ymd(p->ymd)), y = chart_y_at(f, p->amount);
		if (!started)
			fprintf(fp, "M %.1f %.1f", x, y);
		else
			fprintf(fp, " H %.1f V %.1f", x, y);
		started = true;
	}
	fprintf(fp, " H %.1f\"/>\n", f->right);
	for (size_t i = 0; i < c->npositions; i++) {
		const struct chart_position *p = &c->positions[i];
		if (strcmp(p->party, s->party) != 0)
			continue;
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
			chart_x_at(f, date_days_from_ymd(p->ymd)), chart_y_at(f, p->amount), p->rumored ? "#fff" : s->color,
			p->rumored ? s->color : "#fff", p->rumored ? "2" : "1.5");
	}
}

/* The document's start, with room for extra_lines listed lines under the
 * chart: the SVG element, its title (title_name then title_rest), a white
 * ground, the heading, and a subtitle that names the scale's unit:
 * "<what>, in <unit> (<currency>), <with>". */
static void open_document(FILE *fp, size_t extra_lines, const char *title_name, const char *title_rest, const char *heading,
			  const struct chart_frame *f, const char *currency, const char *what, const char *with)
{
	int height = HEIGHT + 16 * (int)extra_lines;
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"%s\">\n",
		WIDTH, height, WIDTH, height, font_family);
	fputs("<title>", fp);
	svg_escape(fp, title_name);
	fputs(title_rest, fp);
	fputs("</title>\n", fp);
	fprintf(fp, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", WIDTH, height);
	text_at(fp, MARGIN_LEFT - 60, 34, "font-size=\"22\" font-weight=\"bold\" fill=\"#111\"", heading);
	struct chart_unit u = chart_unit_for(f->ymax, currency);
	char unit_title[64], sub[256];
	chart_unit_title(&u, unit_title, sizeof unit_title);
	snprintf(sub, sizeof sub, "%s, in %s (%s), %s", what, unit_title, currency, with);
	text_at(fp, MARGIN_LEFT - 60, 56, "font-size=\"14\" fill=\"#555\"", sub);
}

/* The document's end: the legend, the chart's notes, then more notes
 * (the years without an amount) and the figures that found no room by
 * their points, both lists released.  Returns how many lines those two
 * lists take, the room the next pass makes under the chart. */
static size_t close_document(FILE *fp, const struct legend_item *legend, size_t nlegend, double legend_y,
			     const char *const *notes, size_t nnotes, double note_y, struct unplaced *more,
			     struct unplaced *unplaced)
{
	for (size_t i = 0; i < nlegend; i++)
		draw_swatch(fp, &legend[i], legend_y + 24.0 * legend[i].row);
	for (size_t i = 0; i < nnotes; i++)
		text_at(fp, MARGIN_LEFT - 60, note_y + 16.0 * (double)i, "font-size=\"12\" fill=\"#666\"", notes[i]);
	double y = note_y + 16.0 * (double)nnotes;
	for (size_t i = 0; i < more->n; i++, y += 16)
		text_at(fp, MARGIN_LEFT - 60, y, "class=\"unknown-note\" font-size=\"12\" fill=\"#666\"", more->lines[i]);
	if (unplaced->n) {
		text_at(fp, MARGIN_LEFT - 60, y, "font-size=\"12\" fill=\"#666\"", "Figures with no room by their points:");
		for (size_t i = 0; i < unplaced->n; i++)
			text_at(fp, MARGIN_LEFT - 44, y + 16.0 * (double)(i + 1), "class=\"unplaced\" font-size=\"12\" fill=\"#444\"",
				unplaced->lines[i]);
	}
	size_t lines = more->n + (unplaced->n ? unplaced->n + 1 : 0);
	unplaced_release(more);
	unplaced_release(unplaced);
	fputs("</svg>\n", fp);
	return lines;
}

/* The chart with extra_lines more lines of room under it for figures
 * listed there; returns how many lines those figures take. */
static size_t render(const struct chart *c, FILE *fp, size_t extra_lines)
{
	struct series *series = calloc(c->npositions ? c->npositions : 1, sizeof *series);
	int *rows_of = calloc(c->noutcomes ? c->noutcomes : 1, sizeof *rows_of);
	if (!series || !rows_of)
		die_oom();
	size_t nseries = make_series(c, series);

	struct chart_frame f = { .left = MARGIN_LEFT, .right = WIDTH - MARGIN_RIGHT };
	bool have_time = time_span(c, &f.first_day, &f.last_day);
	int64_t top = c->has_baseline ? c->baseline : 0;
	for (size_t i = 0; i < c->npositions; i++)
		if (c->positions[i].amount > top)
			top = c->positions[i].amount;
	/* statements take no part in the scale: they never move a line */
	f.ymax = scale_top(top);

	struct legend_item legend[LEGEND_MAX];
	size_t nlegend = 0;
	bool rumored = false;
	for (size_t k = 0; k < nseries && nlegend < LEGEND_MAX - 4; k++) {
		legend[nlegend] = (struct legend_item){ .swatch = SWATCH_LINE, .color = series[k].color };
		series_label(&series[k], legend[nlegend].text, sizeof legend[nlegend].text);
		rumored |= series[k].rumored;
		nlegend++;
	}
	if (c->has_baseline) {
		legend[nlegend] = (struct legend_item){ .swatch = SWATCH_DASH };
		if (c->baseline_from)
			snprintf(legend[nlegend].text, sizeof legend[nlegend].text, "baseline (%s)", c->baseline_from);
		else
			snprintf(legend[nlegend].text, sizeof legend[nlegend].text, "baseline");
		nlegend++;
	}
	if (c->noutcomes)
		legend[nlegend++] = (struct legend_item){ .swatch = SWATCH_DIAMOND, .text = "outcome" };
	if (c->nfurloughs)
		legend[nlegend++] = (struct legend_item){ .swatch = SWATCH_BOX, .text = "furlough of Korean workers" };
	if (rumored)
		legend[nlegend++] = (struct legend_item){ .swatch = SWATCH_HOLLOW, .text = "rumored" };
	if (c->nstatements)
		legend[nlegend++] = (struct legend_item){ .swatch = SWATCH_TRIANGLE, .text = "public statement (not a position)" };
	int legend_rows = lay_out_legend(legend, nlegend);

	/* vertical budget: title and subtitle, outcome label rows, the plot,
	 * then under it date labels, the rounds band, legend rows and notes */
	double rounds_height = c->nrounds ? 56 : 0;
	f.top = 78;
	f.bottom = HEIGHT - (44 + rounds_height + 18 + 24.0 * legend_rows + 16.0 * (double)c->nnotes + 6);
	int orows = have_time ? outcome_rows(c, &f, rows_of) : 0;
	if (orows)
		f.top += 17.0 * orows + 8;
	double rounds_y = f.bottom + 58;
	double legend_y = f.bottom + 44 + rounds_height + 18;
	double note_y = legend_y + 24.0 * legend_rows;

	char heading[512];
	if (c->title && *c->title)
		snprintf(heading, sizeof heading, "%s \xe2\x80\x94 %s", c->code, c->title);
	else
		snprintf(heading, sizeof heading, "%s", c->code);
	open_document(fp, extra_lines, c->code, ": offers and demands", heading, &f, c->currency,
		      "Each party's standing offer or demand", "with rounds of talks, outcomes and furloughs");

	if (have_time)
		draw_x_axis(fp, &f);
	draw_y_axis(fp, &f, c->currency);
	struct chart_boxes *boxes = calloc(1, sizeof *boxes);
	if (!boxes)
		die_oom();
	if (have_time) {
		draw_furloughs(fp, c, &f, boxes);
		draw_outcomes(fp, c, &f, rows_of);
	}
	if (c->has_baseline && f.ymax > 0)
		draw_baseline(fp, c, &f, boxes);
	for (size_t k = 0; have_time && k < nseries; k++) {
		draw_series(fp, c, &f, &series[k]);
		series_boxes(c, &f, &series[k], boxes);
	}
	struct unplaced unplaced = { 0 };
	if (have_time) {
		draw_statements(fp, c, &f, boxes, &unplaced);
		draw_values(fp, c, &f, series, nseries, boxes, &unplaced);
	}
	free(boxes);
	if (c->npositions == 0)
		text_at(fp, (f.left + f.right) / 2, (f.top + f.bottom) / 2,
			"font-size=\"20\" fill=\"#888\" text-anchor=\"middle\"",
			c->empty_note ? c->empty_note : "no positions yet");
	if (have_time && c->nrounds)
		draw_rounds(fp, c, &f, rounds_y);
	struct unplaced none = { 0 };
	size_t lines = close_document(fp, legend, nlegend, legend_y, c->notes, c->nnotes, note_y, &none, &unplaced);
	free(series);
	free(rows_of);
	return lines;
}

/* ---- the years chart ---- */

/* Agreements' colours on the years chart: Okabe-Ito without the demand's
 * vermillion and the statement's purple. */
static const char *const agreement_palette[] = { "#0072B2", "#009E73", "#56B4E9", "#E69F00", "#000000", "#F0E442" };

static bool same_agreement(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* The figure of a mark: as stated and converted, or why it has none. */
static void mark_figure(const struct years_chart *c, const struct chart_mark *m, char *buf, size_t bufsz)
{
	if (m->has_amount) {
		chart_converted_text(m->amount, c->currency, m->stated_currency, m->stated_amount, m->rate_e4, buf, bufsz);
	} else if (m->stated_currency) {
		char money[64];
		chart_money_text(m->stated_amount, m->stated_currency, money, sizeof money);
		snprintf(buf, bufsz, "%s (%s)", money, m->why_no_amount ? m->why_no_amount : "not converted");
	} else {
		snprintf(buf, bufsz, "%s", m->why_no_amount ? m->why_no_amount : "no figure");
	}
	about(m->approx && (m->has_amount || m->stated_currency), buf, bufsz);
}

/* The notes on years without an amount, a run of years to a line:
 * "SMA-12 2027-2030: no amount recorded (rule KR.CPI, cap 5%)". */
static void unknown_year_notes(const struct years_chart *c, struct unplaced *notes)
{
	for (size_t i = 0; i < c->nyears;) {
		if (c->years[i].has_amount) {
			i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < c->nyears && !c->years[j + 1].has_amount &&
		       same_agreement(c->years[j + 1].agreement, c->years[i].agreement) &&
		       c->years[j + 1].year == c->years[j].year + 1 &&
		       (c->years[j + 1].rule == c->years[i].rule ||
			(c->years[j + 1].rule && c->years[i].rule && strcmp(c->years[j + 1].rule, c->years[i].rule) == 0)))
			j++;
		char line[400], span[32];
		if (j > i)
			snprintf(span, sizeof span, "%d\xe2\x80\x93%d", c->years[i].year, c->years[j].year);
		else
			snprintf(span, sizeof span, "%d", c->years[i].year);
		if (c->years[i].rule)
			snprintf(line, sizeof line, "%s %s: no amount recorded (rule %s)", c->years[i].agreement, span,
				 c->years[i].rule);
		else
			snprintf(line, sizeof line, "%s %s: no amount recorded", c->years[i].agreement, span);
		notes->lines = xgrow(notes->lines, &notes->cap, notes->n + 1, sizeof *notes->lines);
		notes->lines[notes->n++] = xstrdup(line);
		i = j + 1;
	}
}

static int64_t jan1(int year)
{
	return date_days_from_ymd((int32_t)year * 10000 + 101);
}

/* The years chart with extra_lines more lines of room under it; returns
 * how many lines its listed figures and notes take. */
static size_t render_years(const struct years_chart *c, FILE *fp, size_t extra_lines)
{
	int first = 0, last = 0;
	int64_t top = 0;
	for (size_t i = 0; i < c->nyears; i++) {
		const struct chart_year *y = &c->years[i];
		if (!first || y->year < first)
			first = y->year;
		if (y->year > last)
			last = y->year;
		if (y->has_amount && y->amount > top)
			top = y->amount;
	}
	for (size_t i = 0; i < c->nmarks; i++) {
		int year = c->marks[i].ymd / 10000;
		if (!first || year < first)
			first = year;
		if (year > last)
			last = year;
		if (c->marks[i].has_amount && c->marks[i].amount > top)
			top = c->marks[i].amount;
	}
	bool have_time = first > 0;

	struct chart_frame f = { .left = MARGIN_LEFT, .right = WIDTH - MARGIN_RIGHT };
	if (have_time) {
		f.first_day = jan1(first);
		f.last_day = jan1(last + 1);
	}
	f.ymax = scale_top(top);

	struct legend_item legend[LEGEND_MAX];
	size_t nlegend = 0;
	legend[nlegend++] = (struct legend_item){ .swatch = SWATCH_LINE, .color = agreement_palette[0],
						  .text = "yearly contribution (one colour an agreement)" };
	bool unknown = false, demands = false, statements = false;
	for (size_t i = 0; i < c->nyears; i++)
		unknown |= !c->years[i].has_amount;
	for (size_t i = 0; i < c->nmarks; i++) {
		demands |= !c->marks[i].statement;
		statements |= c->marks[i].statement;
	}
	if (unknown)
		legend[nlegend++] = (struct legend_item){ .swatch = SWATCH_UNKNOWN, .text = "year without a recorded amount" };
	if (demands)
		legend[nlegend++] = (struct legend_item){ .swatch = SWATCH_DEMAND, .text = "demand at the table" };
	if (statements)
		legend[nlegend++] = (struct legend_item){ .swatch = SWATCH_TRIANGLE, .text = "public statement (not a position)" };
	int legend_rows = lay_out_legend(legend, nlegend);

	f.top = 78;
	f.bottom = HEIGHT - (44 + 40 + 18 + 24.0 * legend_rows + 16.0 * (double)c->nnotes + 6);
	double band_y = f.bottom + 50;
	double legend_y = f.bottom + 44 + 40 + 18;
	double note_y = legend_y + 24.0 * legend_rows;

	open_document(fp, extra_lines, "Agreements year by year", "", "Agreements year by year", &f, c->currency,
		      "Each agreement's contribution for each year", "with the demands at the table and public statements");

	draw_y_axis(fp, &f, c->currency);
	/* a tick at each new year, its label in the middle of the year; a
	 * label every 1, 2, 5 or 10 years as the span needs */
	int every = 1;
	while (have_time && (last - first + 1) / every > 20)
		every = every == 1 ? 2 : every == 2 ? 5 : every * 2;
	for (int year = first; have_time && year <= last + 1; year++) {
		double x = chart_x_at(&f, jan1(year));
		draw_tick(fp, &f, x);
		if (year <= last && year % every == 0) {
			char label[16];
			snprintf(label, sizeof label, "%d", year);
			text_at(fp, (x + chart_x_at(&f, jan1(year + 1))) / 2, f.bottom + 20,
				"font-size=\"13\" fill=\"#444\" text-anchor=\"middle\"", label);
		}
	}

	struct chart_boxes *boxes = calloc(1, sizeof *boxes);
	if (!boxes)
		die_oom();
	struct unplaced unplaced = { 0 };
	/* each agreement's years: a bar across each year with an amount, a
	 * dashed box on the axis for a year without one, and the agreement's
	 * code under the axis across its years */
	size_t nagreements = 0;
	for (size_t i = 0; have_time && i < c->nyears;) {
		const char *color = agreement_palette[nagreements++ % (sizeof agreement_palette / sizeof agreement_palette[0])];
		size_t j = i;
		while (j < c->nyears && same_agreement(c->years[j].agreement, c->years[i].agreement))
			j++;
		double prev_y = 0;
		int prev_year = 0;
		bool prev_known = false;
		for (size_t k = i; k < j; k++) {
			const struct chart_year *y = &c->years[k];
			double x1 = chart_x_at(&f, jan1(y->year)) + 1, x2 = chart_x_at(&f, jan1(y->year + 1)) - 1;
			if (!y->has_amount) {
				fprintf(fp, "<rect class=\"unknown-year\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"none\" stroke=\"%s\" stroke-dasharray=\"3 2\"/>\n",
					x1 + 2, f.bottom - 14, x2 - x1 - 4, color);
				text_at(fp, (x1 + x2) / 2, f.bottom - 4, "font-size=\"10\" fill=\"#555\" text-anchor=\"middle\"", "?");
				chart_box_add(boxes, x1, f.bottom - 16, x2, f.bottom);
				prev_known = false;
				continue;
			}
			double yy = chart_y_at(&f, y->amount);
			if (prev_known && prev_year == y->year - 1)
				fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
					x1 - 1, prev_y, x1 - 1, yy, color);
			fprintf(fp, "<line class=\"year\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"4\"/>\n",
				x1, yy, x2, yy, color);
			chart_box_add(boxes, x1, yy - 3, x2, yy + 3);
			prev_known = true;
			prev_year = y->year;
			prev_y = yy;
		}
		/* labels after the bars, so that none sits on a later bar; a
		 * figure once where it changes */
		int64_t prev_amount = -1;
		for (size_t k = i; k < j; k++) {
			const struct chart_year *y = &c->years[k];
			if (!y->has_amount || y->amount == prev_amount)
				continue;
			prev_amount = y->amount;
			char money[64];
			chart_money_text(y->amount, c->currency, money, sizeof money);
			double x1 = chart_x_at(&f, jan1(y->year)), x2 = chart_x_at(&f, jan1(y->year + 1));
			double yy = chart_y_at(&f, y->amount), w = chart_text_width(money, 12);
			/* over the year's bar, else from its start or to its end (a
			 * label wider than a year at the edge of the plot), else under
			 * it, else a row higher */
			const struct chart_box spots[] = {
				{ (x1 + x2 - w) / 2, yy - 20, (x1 + x2 + w) / 2, yy - 6 },
				{ x1 + 1, yy - 20, x1 + 1 + w, yy - 6 },
				{ x2 - 1 - w, yy - 20, x2 - 1, yy - 6 },
				{ (x1 + x2 - w) / 2, yy + 6, (x1 + x2 + w) / 2, yy + 20 },
				{ x1 + 1, yy + 6, x1 + 1 + w, yy + 20 },
				{ (x1 + x2 - w) / 2, yy - 36, (x1 + x2 + w) / 2, yy - 22 },
			};
			size_t nspots = sizeof spots / sizeof spots[0];
			if (!place_in_spots(fp, &f, boxes, color, spots, nspots, nspots, 0, 0, money))
				unplaced_add(&unplaced, y->agreement, NULL, y->year * 10000, money);
		}
		double a1 = chart_x_at(&f, jan1(c->years[i].year)) + 3, a2 = chart_x_at(&f, jan1(c->years[j - 1].year + 1)) - 3;
		fprintf(fp, "<line class=\"agreement\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>\n",
			a1, band_y - 12, a2, band_y - 12, color);
		char attrs[96];
		snprintf(attrs, sizeof attrs, "font-size=\"13\" font-weight=\"bold\" fill=\"%s\" text-anchor=\"middle\"", color);
		text_at(fp, (a1 + a2) / 2, band_y + 4, attrs, c->years[i].agreement);
		i = j;
	}
	/* demands and statements: a mark at the date and the figure (at the
	 * top of the plot without one), labelled */
	for (size_t i = 0; have_time && i < c->nmarks; i++) {
		const struct chart_mark *m = &c->marks[i];
		double x = chart_x_at(&f, date_days_from_ymd(m->ymd));
		double y = m->has_amount ? chart_y_at(&f, m->amount) : f.top + 8;
		if (m->statement)
			fprintf(fp, "<path class=\"statement\" d=\"M %.1f %.1f l 7 12 l -14 0 z\" fill=\"#fff\" stroke=\"%s\" stroke-width=\"2\"/>\n",
				x, y - 7, STATEMENT_COLOR);
		else
			fprintf(fp, "<path class=\"demand\" d=\"M %.1f %.1f l 7 -12 l -14 0 z\" fill=\"%s\"/>\n", x, y + 6,
				DEMAND_COLOR);
		chart_box_add(boxes, x - 8, y - 8, x + 8, y + 8);
	}
	for (size_t i = 0; have_time && i < c->nmarks; i++) {
		const struct chart_mark *m = &c->marks[i];
		double x = chart_x_at(&f, date_days_from_ymd(m->ymd));
		double y = m->has_amount ? chart_y_at(&f, m->amount) : f.top + 8;
		char figure[256], who[128], text[400];
		mark_figure(c, m, figure, sizeof figure);
		if (m->statement)
			snprintf(who, sizeof who, "%s", m->who);
		else
			snprintf(who, sizeof who, "%s demand%s%s%s", m->who, m->agreement ? " (" : "", m->agreement ? m->agreement : "",
				 m->agreement ? ")" : "");
		snprintf(text, sizeof text, "%s: %s", who, figure);
		if (!place_value(fp, &f, boxes, m->statement ? STATEMENT_TEXT_COLOR : DEMAND_COLOR, x, y, text))
			unplaced_add(&unplaced, who, NULL, m->ymd, figure);
	}
	free(boxes);
	if (!have_time)
		text_at(fp, (f.left + f.right) / 2, (f.top + f.bottom) / 2,
			"font-size=\"20\" fill=\"#888\" text-anchor=\"middle\"", "no schedules, demands or statements yet");
	struct unplaced gaps = { 0 };
	unknown_year_notes(c, &gaps);
	return close_document(fp, legend, nlegend, legend_y, c->notes, c->nnotes, note_y, &gaps, &unplaced);
}

/* Either chart with extra_lines more lines of room under it. */
static size_t render_either(const struct chart *c, const struct years_chart *years, FILE *fp, size_t extra_lines)
{
	return c ? render(c, fp, extra_lines) : render_years(years, fp, extra_lines);
}

/* Either chart, in two passes: the first counts the figures to list under
 * the plot, so that the document grows by their lines; the plot itself
 * stays as it was, so the second pass places every label where the first
 * did. */
static void write_document(const struct chart *c, const struct years_chart *years, FILE *fp)
{
	char *scratch = NULL;
	size_t len = 0;
	FILE *counting = open_memstream(&scratch, &len);
	if (!counting)
		die_oom();
	size_t lines = render_either(c, years, counting, 0);
	fclose(counting);
	free(scratch);
	render_either(c, years, fp, lines);
}

void chart_write_svg(const struct chart *c, FILE *fp)
{
	write_document(c, NULL, fp);
}

void chart_years_write_svg(const struct years_chart *c, FILE *fp)
{
	write_document(NULL, c, fp);
}

/* chart_layout.h - where a chart's pieces go: text widths, rows and boxes that keep labels apart, and the plot's coordinates. */
#ifndef SMALOG_CHART_LAYOUT_H
#define SMALOG_CHART_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { CHART_LABEL_ROWS = 4, CHART_BOX_MAX = 1024 };

/* Greedy rows for labels along the x axis: each label takes the lowest row
 * in which it clears the labels already placed. */
struct chart_label_rows {
	double right[CHART_LABEL_ROWS];
	int used;
};

/* What is already drawn inside the plot (labels, lines), so that value
 * labels can keep clear of it. */
struct chart_box {
	double x1, y1, x2, y2;
};

struct chart_boxes {
	struct chart_box b[CHART_BOX_MAX];
	size_t n;
};

struct chart_frame {
	double left, right, top, bottom;
	int64_t first_day, last_day;
	int64_t ymax;
};

/* Rough width of text in the chart's sans-serif: about 0.54 em a column,
 * Hangul and CJK two columns.  Used only to keep labels apart. */
double chart_text_width(const char *s, double size);

/* The row (0 to CHART_LABEL_ROWS - 1) for a label spanning left..right. */
int chart_place_label(struct chart_label_rows *rows, double left, double right);

/* Note a box as taken; past CHART_BOX_MAX boxes, none is noted. */
void chart_box_add(struct chart_boxes *bs, double x1, double y1, double x2, double y2);

/* Whether box r lies inside the plot (left, top, right) and clear of every
 * box taken.  A full list counts as no room: better a label listed under
 * the chart than an overlap. */
bool chart_box_free(const struct chart_boxes *bs, const struct chart_box *r, double left, double top, double right);

/* x of a day (days since the epoch) and y of an amount in the plot. */
double chart_x_at(const struct chart_frame *f, int64_t day);
double chart_y_at(const struct chart_frame *f, int64_t amount);

#endif

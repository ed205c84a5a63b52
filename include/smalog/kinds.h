/* kinds.h - the seven record kinds and their fields, as data. */
#ifndef SMALOG_KINDS_H
#define SMALOG_KINDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum field_type {
	F_TEXT,      /* free UTF-8 text */
	F_KEY,       /* a short key: agreement code, source key (no spaces, no ';') */
	F_DATE,      /* EDTF level 1 date, stored as entered (canonical) */
	F_AMOUNT,    /* whole currency units */
	F_PCT,       /* percent, stored as hundredths (column *_bp) */
	F_RATE,      /* units per USD, stored as ten-thousandths (column *_e4) */
	F_INT,       /* a bounded integer */
	F_ENUM,      /* one of choices */
	F_CURRENCY,  /* ISO 4217 code */
	F_PARTY,     /* ISO 3166 alpha-2 code */
	F_PARTIES,   /* comma list of alpha-2 codes */
	F_AGREEMENT, /* an existing agreement's code */
	F_ROUND,     /* an existing round's seq within the record's agreement */
	F_SOURCES,   /* existing source keys separated by ';' */
};

struct field {
	const char *name;   /* CSV header; the option is --name with '_' as '-' */
	const char *column; /* SQL column and :parameter */
	enum field_type type;
	bool required;
	const char *const *choices; /* F_ENUM: NULL-terminated */
	int64_t min, max;           /* F_INT bounds */
};

enum { KIND_MAX_FIELDS = 16 };

struct kind {
	const char *name;   /* singular: table name */
	const char *plural;
	const struct field *fields;
	int nfields;
	int key_field;      /* index of the natural key field, or -1 */
	bool dated;         /* has a date filterable by --from/--to */
	const char *summary; /* one line for help */
};

extern const struct kind *const all_kinds[]; /* NULL-terminated, in dependency order */

/* The kind named name (singular or plural), or NULL. */
const struct kind *kind_find(const char *name);

/* "1,204 positions" (or "1 position") into buf; returns buf. */
const char *kind_count_text(const struct kind *kind, int64_t n, char *buf, size_t bufsz);

/* Is the field's value shown with thousands separators in tables
 * ("4,000" workers, amounts), unlike years and round numbers? */
bool field_is_grouped(const struct field *f);

/* "a" or "an", as the kind's name is spoken: "an agreement", "a round". */
const char *kind_article(const struct kind *kind);

/* Index of the field named name in kind (CSV header name), or -1. */
int kind_field_index(const struct kind *kind, const char *name);

/* Is the field's value an integer in the database (amount, pct, rate, int)? */
bool field_is_integer(const struct field *f);

#endif

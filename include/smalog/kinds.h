/* kinds.h - the record kinds and their fields, as data, and what each field type is. */
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
	F_COUNT,     /* a bounded count of people or things, which may be "about" (4,000~) */
	F_ENUM,      /* one of choices */
	F_CURRENCY,  /* ISO 4217 code */
	F_PARTY,     /* ISO 3166 alpha-2 code */
	F_PARTIES,   /* comma list of alpha-2 codes */
	F_AGREEMENT, /* an existing agreement's code */
	F_ROUND,     /* an existing round's seq within the record's agreement */
	F_SOURCES,   /* existing source keys separated by ';' */
	F_SERIES_KEY, /* the key of a published series: KR.CPI (keys' rules) */
	F_SERIES,    /* a series key that has values recorded in index */
	F_ACTOR,     /* an existing actor's key */
	F_ACTORS,    /* existing actor keys separated by ';' */
	F_PERIOD,    /* a year (2024) or a month (2024-03) */
	F_INDEX,     /* a value of a series, > 0, stored as ten-thousandths (column *_e4) */
	F_TYPE_COUNT
};

struct parsing;
struct checking;

/* Which characters a value may hold, checked before it is parsed. */
enum field_chars {
	CHARS_VALUE, /* a number, a date, a choice: nothing invisible but spaces */
	CHARS_TEXT,  /* free text: what UTF8_TEXT allows */
	CHARS_CODE,  /* a key or a code: left to the parser's stricter rule */
};

/*
 * What a field type is, once: how a value is parsed, stored, shown and
 * checked against the database.  field_types[] (record.c) has one entry per
 * enum field_type; nothing else asks which type a field is.
 */
struct field_type_info {
	const char *placeholder; /* in help, "--date DATE"; NULL: the field's name in capitals */
	const char *hint;        /* what a value looks like, for help; NULL: the field's choices */
	enum field_chars chars;
	const char *suffix;      /* of the SQL column, if any: pct is stored as pct_bp */
	bool integer;            /* stored as an integer (else as canonical text) */
	int scale;               /* an integer's decimal places when shown: pct 2, rate 4 */
	bool grouped;            /* shown with thousands separators, as amounts are */
	bool trimmed;            /* spaces around the value are dropped; only spaces is no value */
	bool sort_key;           /* a date: its sort key is bound as :COLUMN_key */
	bool approx;             /* may end in '~': flagged in column COLUMN_approx (0 or 1) */
	char list_sep;           /* a list of parts separated by this, or 0 */
	const char *refers_to;   /* the kind a value names, whose KIND.references counts it */
	char ref_atom;           /* a reference, as import caches it ('A', 'R', ...), or 0 */
	bool in_agreement;       /* the reference is within the record's agreement */
	/* Parse a value (record.c's struct parsing): 0, or -1 with its err;
	 * or number, a parser of the values library, parses it instead. */
	int (*parse)(struct parsing *p);
	int (*number)(const char *text, int64_t *out, char *err, size_t errsz);
	/* Check a value against the database (NULL: nothing to check): 1 it
	 * holds, 0 not (err set), or -(exit code). */
	int (*check)(const struct checking *c);
};

extern const struct field_type_info field_types[F_TYPE_COUNT];

struct field {
	const char *name;   /* CSV header; the option is --name with '_' as '-'; with
			     * its type's suffix, the SQL column and :parameter */
	enum field_type type;
	bool required;
	const char *const *choices; /* F_ENUM: NULL-terminated */
	int64_t min, max;           /* F_INT bounds */
	const char *hint;           /* for help, when the type's hint would mislead; or NULL */
};

enum { KIND_MAX_FIELDS = 16 };

/* A natural key other than one key field, named when an insert finds it
 * taken: the message's %s are the fields args, the field blamed is blame
 * (a write without it keeps the constraint's own words). */
struct taken_key {
	const char *message;
	const char *args[2];
	const char *blame;
};

struct kind {
	const char *name;   /* singular: table name */
	const char *plural;
	const char *article; /* "an agreement", "a round" */
	const struct field *fields;
	int nfields;
	int key_field;      /* index of the natural key field, or -1 */
	bool dated;         /* has a date filterable by --from/--to */
	bool key_cited;     /* its key is cited in text lists that no foreign key
			     * follows, so a cited key is never renamed */
	const char *seq_field; /* also named AGREEMENT:N by this field: round SMA-11:3
				* (seq), schedule SMA-11:2021 (year); or NULL */
	const char *seq_example; /* such a name, for messages: "SMA-11:3" */
	bool amount_or_pct; /* needs an amount or a pct, which must agree (a position) */
	struct taken_key taken; /* message NULL: only key_field, if any */
	const char *order;  /* the order of `export`, an SQL ORDER BY of its columns: by
			     * what a record is, never its id, ties broken by uid (NULL:
			     * KIND.canonical and KIND.export_rows are in sql/) */
	const char *summary; /* one line for help */
};

/* The kinds, in dependency order (the order of export and check: what a
 * kind refers to comes before it), each described in kinds.c as NAME_kind.
 * all_kinds and KIND_COUNT are made from this one list, so the number of
 * kinds is never kept by hand: a kind listed but not described does not
 * compile, and one described but not listed is an unused variable. */
#define SMALOG_KINDS(X) \
	X(source) X(actor) X(agreement) X(round) X(position) X(outcome) X(furlough) X(rate) X(index) \
	X(schedule) X(statement)

/* The number of kinds: arrays kept per kind are sized KIND_COUNT and
 * indexed by kind_index. */
#define KIND_ONE_(name) +1
enum { KIND_COUNT = 0 SMALOG_KINDS(KIND_ONE_) };

/* The kinds in that order, then NULL. */
extern const struct kind *const all_kinds[KIND_COUNT + 1];

/* The kinds as a message lists them (tests/unit/test_record.c holds it to all_kinds). */
#define KIND_NAMES_TEXT \
	"agreement, source, round, position, outcome, furlough, rate, schedule, index, actor or statement"


/* Position of kind in all_kinds. */
int kind_index(const struct kind *kind);

/* The SQL column of f ("pct_bp" for pct) into buf; returns buf. */
const char *field_column(const struct field *f, char *buf, size_t bufsz);

/* The kind named name (singular or plural), or NULL. */
const struct kind *kind_find(const char *name);

/* "1,204 positions" (or "1 position") into buf; returns buf. */
const char *kind_count_text(const struct kind *kind, int64_t n, char *buf, size_t bufsz);

/* Is the field's value shown with thousands separators in tables
 * ("4,000" workers, amounts), unlike years and round numbers? */
bool field_is_grouped(const struct field *f);

/* "a" or "an", as the kind's name is spoken: "an agreement", "a round". */
static inline const char *kind_article(const struct kind *kind)
{
	return kind->article;
}

/* Index of the field named name in kind (CSV header name), or -1. */
int kind_field_index(const struct kind *kind, const char *name);

/* Is the field's value an integer in the database (amount, pct, rate, int)? */
bool field_is_integer(const struct field *f);

#endif

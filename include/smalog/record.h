/* record.h - one record of any kind: parsing its fields, checking references, writing it. */
#ifndef SMALOG_RECORD_H
#define SMALOG_RECORD_H

#include "smalog/db.h"
#include "smalog/kinds.h"

#include <stddef.h>

struct field_value {
	bool present;
	int64_t integer; /* for field_is_integer() fields */
	char *text;      /* canonical text, owned; for the other fields */
	bool approx;     /* given as "about" (5bn~), for field types that allow it */
	const char *sign; /* the currency an amount's sign named ("KRW" for ₩ or 원, "USD" for $), or NULL */
};

/* A uid as stored: a UUID in lower case, 36 characters, and its NUL. */
#define UID_SIZE 37

struct record {
	const struct kind *kind;
	int64_t id; /* 0 until stored */
	struct field_value values[KIND_MAX_FIELDS];
	char uid[UID_SIZE]; /* "" until known: record_load sets it; an insert keeps one set, or sets a new one */
};

/* An empty record of kind. */
void record_init(struct record *r, const struct kind *kind);
/* Free the owned texts; r can be reused after record_init. */
void record_release(struct record *r);

/* Parse text (NULL or "" means absent) for field i and store it in r.
 * An amount with a currency sign ("$5bn") sets the record's currency when
 * it has none (so does clearing the currency of such a record); a sign
 * that disagrees with it is left to record_check, which blames the amount.
 * Pure: no database.  On refusal returns -1 with a message in err such as
 * "invalid date '2020-02-30' (February 2020 has 29 days)". */
int record_set(struct record *r, int i, const char *text, char *err, size_t errsz);

/* Required fields and rules between fields (end not before start, amount or
 * pct, an amount's currency sign not against the record's currency).
 * Returns 0, or -1 with *bad_field set (the field to blame) and err. */
int record_check(const struct record *r, int *bad_field, char *err, size_t errsz);

/* References: agreement, round within it, cited sources, the party among
 * the agreement's parties.  Returns 0, or -1 with *bad_field and err, or an
 * exit code > 0 for a database failure (already reported). */
int record_check_references(struct db *db, const struct record *r, int *bad_field, char *err, size_t errsz);

/* What a write must hold: record_check_references, and for an agreement a
 * previous chain that does not lead back to it (a cycle already in a file
 * is reported once by check, not by each of its records).  Same contract. */
int record_check_write(struct db *db, const struct record *r, int *bad_field, char *err, size_t errsz);

/* Fill in the fields of r that are absent and that the kind's
 * KIND.defaults statement (records.sql) gives from other records (a
 * schedule's currency from its agreement, a statement's party from its
 * actor), as its insert would store them, so that an import compares a row
 * as it will be stored.  0, or an exit code (reported). */
int record_fill_defaults(struct db *db, struct record *r);

/* Insert r, setting r->id, with r->uid when it is set (else with a new
 * one, record_uid_new, left in r->uid); update r (r->id set), whose uid is
 * kept.  Returns 0; or -1 with
 * *bad_field and err when its natural key (an agreement code, a source
 * key, a round of an agreement, a rate of a currency on a date) is taken,
 * or when a position's pct is more than half a point from what its amount
 * implies over the baseline (the write is then done: the caller rolls its
 * transaction back); or an exit code > 0 for another failure (already
 * reported). */
int record_insert(struct db *db, struct record *r, int *bad_field, char *err, size_t errsz);
int record_update(struct db *db, const struct record *r, int *bad_field, char *err, size_t errsz);

/* Load the record with id into r (record_init'ed), its uid included.
 * EX_DATAERR if none. */
int record_load(struct db *db, const struct kind *kind, int64_t id, struct record *r);

/* Resolve what a user typed to name a record: an id, an agreement code, a
 * source key, or AGREEMENT:SEQ for a round.  0 or an exit code. */
int record_resolve(struct db *db, const struct kind *kind, const char *ref, int64_t *id);

/* A uid as given (an import's uid column): 36 characters, hexadecimal
 * digits in groups of 8-4-4-4-12 joined by '-', in either case, as every
 * UUID is written.  Pure.  0 with the lower-case form in out, or -1 with a
 * message in err ("invalid uid 'x' (expected ...)"). */
int record_uid_parse(const char *text, char out[UID_SIZE], char *err, size_t errsz);

/* A new uid in out: a random UUID version 4 (sqlite3_randomness) in the
 * lower-case form record_uid_parse gives and the schema's KIND_uid
 * trigger makes. */
void record_uid_new(char out[UID_SIZE]);

/* The id of kind's record with uid: 1 found (*id set), 0 none, or minus an
 * exit code for a database failure (already reported). */
int record_find_uid(struct db *db, const struct kind *kind, const char *uid, int64_t *id);

/* The statement KIND.OP about uids: canonical (every record's id and
 * uid, in export's order: sql/queries/csv.sql), uid_of, set_uid, by_uid
 * (made from the kind's description, sql_kind_statement); NULL (reported)
 * for another op. */
sqlite3_stmt *record_uid_statement(struct db *db, const struct kind *kind, const char *op);

/* Room for a key as stored (keys are at most 64 bytes) and its NUL. */
#define KEY_TEXT_SIZE 72

/* The stored key of kind (an agreement code, a source key) that key
 * differs from only in case or in '-', '_' and '.' ("sma-11" for SMA-11),
 * for a message that suggests it rather than inviting a duplicate.  1 with
 * the key in buf, 0 when there is none (or kind has no key), or minus an
 * exit code for a database failure (already reported). */
int record_similar_key(struct db *db, const struct kind *kind, const char *key, char *buf, size_t bufsz);

/* Field i of r as display text (amounts as digits, pct as "13.5"), for
 * output and export; NULL when absent.  Writes into buf (>= 32 bytes) for
 * numbers, returns the owned text for the others. */
const char *record_field_text(const struct record *r, int i, char *buf, size_t bufsz);

/* Fill r from the row a list, get or export statement returned: id
 * first, then the fields in order, which record_columns_check checks.
 * 0, or EX_SOFTWARE (reported). */
int record_from_row(struct record *r, sqlite3_stmt *stmt);

/* Are stmt's columns named "id" then the columns of kind's fields, in
 * order?  0, or EX_SOFTWARE naming the first that is not (reported). */
int record_columns_check(const struct kind *kind, sqlite3_stmt *stmt);

/* The statement KIND.OP (insert, update, get, delete, list, references,
 * by_key, export, count, like_key, referrers, by_natural_key) for kind,
 * from the db's cache: the kind's own in sql/queries/, else the one made
 * from its description (sql.h). */
sqlite3_stmt *record_statement(struct db *db, const struct kind *kind, const char *op);

/* The statement KIND.op ("references": counts per kind, "referrers": each
 * record) about what refers to r, bound to r's key (:key), or else to its
 * fields and id by their column names (:agreement and :seq of a round,
 * :series and :id of an index value); NULL for a kind that nothing refers
 * to, or with *rc set when the statement cannot be prepared. */
sqlite3_stmt *record_referring(struct db *db, const struct record *r, const char *op, int *rc);

#endif

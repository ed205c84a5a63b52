/* import.c - imports a CSV file as records of one kind in one transaction: validation, duplicates, indexes, hashing. */
#include "smalog/import.h"

#include "smalog/amount.h"
#include "smalog/csv_reader.h"
#include "smalog/date.h"
#include "smalog/error.h"
#include "smalog/interrupt.h"
#include "smalog/memory.h"
#include "smalog/merge.h"
#include "smalog/record.h"
#include "smalog/schema.h"
#include "smalog/sql.h"
#include "smalog/utf8.h"

#include <errno.h>
#include <inttypes.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * References that already passed in this import are not looked up again:
 * within the transaction records are only added, so a reference that held
 * for one row holds for the rest.  Each reference is kept as one "atom" (an
 * agreement code, a round of an agreement, a source key, a party to an
 * agreement) in a direct-mapped table, so memory stays fixed and a file
 * citing a few hundred sources in any combination checks each once.
 */
enum { REF_SLOTS = 4096, REF_ATOM_SIZE = 80, MAX_ATOMS = 32 };

struct ref_cache {
	char atom[REF_SLOTS][REF_ATOM_SIZE];
};

/*
 * Where the records this import added came from: the one with id
 * first_id + i from the line that step[0] + ... + step[i] gives.  The
 * import is the only writer in its transaction and the tables hand out
 * ids with AUTOINCREMENT, so the ids follow one another; should they not
 * (a trigger of the file's own), broken is set and no more lines are kept.
 * A row's step from the line before is most often 1 to a few lines: one
 * byte a row, so that a million rows keep 1 MB; a step of FAR_STEP or more
 * is FAR_STEP, its line kept whole in far (in order).  Only an error
 * reads them back.
 */
enum { FAR_STEP = UINT8_MAX };
struct lines {
	int64_t first_id;
	uint8_t *step;
	size_t n, cap;
	long last;
	long *far;
	size_t nfar, far_cap;
	bool broken;
};

/* Indexes dropped for a load: smalog's own, borrowed from its reference
 * schema (schema.h), which lives until exit. */
enum { MAX_DEFERRED = 16 };
struct deferred_indexes {
	const struct schema_object *index[MAX_DEFERRED];
	int n;
};

/* Show a progress bar for inputs at least this big that take this long. */
enum { PROGRESS_MIN_BYTES = 1 << 20 };
static const double progress_delay = 0.5, progress_interval = 0.1;

/* The column of the header named "uid", which is no field of the kind. */
enum { UID_COLUMN = -1 };

struct import {
	const char *name;
	struct db *db;
	const struct kind *kind;
	struct record rec;
	int *col_field;                  /* the field of each column (UID_COLUMN: the uid) */
	bool header_read;
	bool gives_uids;                 /* the header has a uid column */
	bool held;                       /* import --all: one of its files */
	bool replace;                    /* import --all --replace: a recorded uid changes its record */
	struct import_tally *tally;      /* with replace */
	int field_col[KIND_MAX_FIELDS];  /* the column of each field, or -1 */
	long field_line[KIND_MAX_FIELDS]; /* where each field of the current row starts */
	int64_t rows;
	struct ref_cache *refs;
	int agreement_field;             /* the kind's agreement field, or -1 */
	int previous_field;              /* the kind's previous field, or -1 */

	/* rows recorded already (see check_recorded) */
	bool again, skip_existing;
	sqlite3_stmt *natural;           /* KIND.natural, or NULL for a kind without a natural key */
	sqlite3_stmt *same;              /* KIND.identical, for the other kinds */
	sqlite3_stmt *move_aside;        /* KIND.move_aside, with replace and a natural key */
	bool after_load;                 /* the indexes are dropped: find_repeats, after the load */
	long unchecked_line;             /* a row not looked up, until it is recorded (after_load) */
	bool uids_after_load;            /* the file's uids are looked up after the load too */
	bool dry_run;                    /* nothing is kept: the indexes are not built again */
	long uid_unchecked_line;         /* a row whose uid is not looked up, until it is recorded */
	bool triggers_off;               /* the import logs its inserts itself (log_inserted) */
	struct lines lines;              /* of the rows this import added */
	int64_t skipped;
	struct record stored;            /* a recorded row, to compare with */
	int ndefaults;                   /* what the schema fills in for an absent value */
	int default_field[KIND_MAX_FIELDS];
	char *default_text[KIND_MAX_FIELDS];

	/* the indexes: dropped ones, and what decides whether to drop them */
	struct deferred_indexes deferred;
	int64_t existing;   /* rows in the table before the import */
	int64_t input_size; /* bytes left to read in a regular file, -1 for a stream */
	bool undecided;     /* decide after the first block, from its rows */
	uint64_t bytes_read;
	int64_t rows_read;

	struct sha256_ctx content; /* SHA-256 of every byte read, for the import log */

	uint64_t size;      /* of the input, when known; 0 means no progress bar */
	struct timespec start, drawn_at;
	bool drawn;
};

static int drop_indexes(struct import *im, struct deferred_indexes *d);

/* "agreement, round, date, ..." into buf. */
static const char *field_list(const struct kind *k, char *buf, size_t bufsz)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < k->nfields && used < bufsz; i++)
		used += (size_t)snprintf(buf + used, bufsz - used, "%s%s", i ? ", " : "", k->fields[i].name);
	return buf;
}

static int header_error(struct import *im, long line, const char *column, const char *why)
{
	return sm_error(EX_DATAERR, "%s:%ld: %s: %s", im->name, line, column, why);
}

/* Match the header's names to the kind's fields: any order, each at most
 * once, every required field present. */
static int on_header(void *arg, const struct csvr_cell *cells, size_t n)
{
	struct import *im = arg;
	const struct kind *k = im->kind;
	char label[160], why[512], fields[256];
	long line = cells[0].line;
	im->col_field = malloc(n * sizeof *im->col_field);
	if (!im->col_field)
		die_oom();
	for (int i = 0; i < k->nfields; i++)
		im->field_col[i] = -1;
	for (size_t c = 0; c < n; c++) {
		if (!cells[c].text || !cells[c].len) {
			snprintf(label, sizeof label, "column %zu", c + 1);
			snprintf(why, sizeof why, "no column name (the columns of %s %s are %s)", kind_article(k), k->name,
				 field_list(k, fields, sizeof fields));
			return header_error(im, line, label, why);
		}
		char echo[UTF8_ECHO_SIZE];
		utf8_echo(cells[c].text, cells[c].len, echo, sizeof echo);
		snprintf(label, sizeof label, "column '%s'", echo);
		int f = kind_field_index(k, cells[c].text);
		if (f < 0 && strcmp(cells[c].text, "uid") == 0) {
			for (size_t e = 0; e < c; e++)
				if (im->col_field[e] == UID_COLUMN) {
					snprintf(why, sizeof why, "appears twice in the header (columns %zu and %zu)", e + 1,
						 c + 1);
					return header_error(im, line, label, why);
				}
			im->col_field[c] = UID_COLUMN;
			im->gives_uids = true;
			continue;
		}
		if (f < 0) {
			for (int i = 0; i < k->nfields; i++)
				if (strcasecmp(k->fields[i].name, cells[c].text) == 0)
					f = i;
			if (f >= 0)
				snprintf(why, sizeof why, "unknown column for %s %s (did you mean '%s'?)", kind_article(k), k->name,
					 k->fields[f].name);
			else
				snprintf(why, sizeof why, "unknown column for %s %s (the columns are %s)", kind_article(k), k->name,
					 field_list(k, fields, sizeof fields));
			return header_error(im, line, label, why);
		}
		if (im->field_col[f] >= 0) {
			snprintf(why, sizeof why, "appears twice in the header (columns %d and %zu)",
				 im->field_col[f] + 1, c + 1);
			return header_error(im, line, label, why);
		}
		im->field_col[f] = (int)c;
		im->col_field[c] = f;
	}
	for (int i = 0; i < k->nfields; i++) {
		if (k->fields[i].required && im->field_col[i] < 0) {
			snprintf(label, sizeof label, "column '%s'", k->fields[i].name);
			snprintf(why, sizeof why, "missing from the header (a %s requires it)", k->name);
			return header_error(im, line, label, why);
		}
	}
	im->header_read = true;
	/* dropped before the header was read: the uid index too, now that
	 * it is known whether the rows give uids */
	return im->deferred.n > 0 ? drop_indexes(im, &im->deferred) : 0;
}

static int field_error(struct import *im, int f, const char *why)
{
	return sm_error(EX_DATAERR, "%s:%ld: column '%s': %s", im->name, im->field_line[f],
			im->kind->fields[f].name, why);
}

/* Put "FILE:LINE: " before the error already recorded (by a module that
 * does not know where the record came from). */
static int at_line(struct import *im, long line, int rc)
{
	char msg[1024];
	snprintf(msg, sizeof msg, "%s", sm_error_message());
	int code = sm_error_code() ? sm_error_code() : rc;
	sm_error_clear();
	return sm_error(code, "%s:%ld: %s", im->name, line, msg);
}

/* Append "KIND PART [\x1f PART2]" to atoms[*n] if it fits; false if not. */
static bool add_atom(char atoms[][REF_ATOM_SIZE], int *n, char kind, const char *part, size_t len,
		     const char *part2)
{
	size_t len2 = part2 ? strlen(part2) : 0;
	if (*n == MAX_ATOMS || 1 + len + 1 + len2 + 1 > REF_ATOM_SIZE)
		return false;
	char *a = atoms[(*n)++];
	a[0] = kind;
	memcpy(a + 1, part, len);
	size_t at = 1 + len;
	if (part2) {
		a[at++] = '\x1f';
		memcpy(a + at, part2, len2);
		at += len2;
	}
	a[at] = '\0';
	return true;
}

/* The references of r as atoms (see struct ref_cache); agreement is the
 * index of r's agreement field, or -1.  False when one does not fit, and
 * the record is then always checked in full. */
static bool reference_atoms(const struct record *r, int agreement, char atoms[][REF_ATOM_SIZE], int *n)
{
	const struct kind *k = r->kind;
	const char *code = agreement >= 0 && r->values[agreement].present ? r->values[agreement].text : NULL;
	*n = 0;
	for (int i = 0; i < k->nfields; i++) {
		const struct field_value *v = &r->values[i];
		if (!v->present)
			continue;
		const struct field_type_info *t = &field_types[k->fields[i].type];
		if (!t->ref_atom)
			continue;
		bool ok = true;
		char buf[32];
		const char *text = record_field_text(r, i, buf, sizeof buf);
		if (t->in_agreement) {
			/* a round or a party of the record's agreement */
			if (code)
				ok = add_atom(atoms, n, t->ref_atom, code, strlen(code), text);
		} else if (t->list_sep) {
			const char sep[2] = { t->list_sep, '\0' };
			for (const char *p = text; ok && *p;) {
				size_t len = strcspn(p, sep);
				ok = add_atom(atoms, n, t->ref_atom, p, len, NULL);
				p += len + (p[len] == t->list_sep);
			}
		} else {
			ok = add_atom(atoms, n, t->ref_atom, text, strlen(text), NULL);
		}
		if (!ok)
			return false;
	}
	return true;
}

static char *atom_slot(struct ref_cache *c, const char *atom)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (const char *p = atom; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return c->atom[h % REF_SLOTS];
}

/* record_check_write, skipped when this import already checked every
 * reference of the record.  Same contract. */
static int check_references(struct import *im, int *bad, char *err, size_t errsz)
{
	char atoms[MAX_ATOMS][REF_ATOM_SIZE];
	int n = 0;
	bool cacheable = reference_atoms(&im->rec, im->agreement_field, atoms, &n);
	/* a previous agreement is followed along its chain every time: a
	 * cycle is not a property of one reference */
	bool known = cacheable && !(im->previous_field >= 0 && im->rec.values[im->previous_field].present);
	for (int i = 0; known && i < n; i++)
		known = strcmp(atom_slot(im->refs, atoms[i]), atoms[i]) == 0;
	if (known)
		return 0;
	int rc = record_check_write(im->db, &im->rec, bad, err, errsz);
	for (int i = 0; rc == 0 && cacheable && i < n; i++)
		strcpy(atom_slot(im->refs, atoms[i]), atoms[i]);
	return rc;
}

/* ---- rows recorded already ---- */

bool import_has_natural_key(const struct kind *kind)
{
	char name[48];
	int len;
	snprintf(name, sizeof name, "%s.natural", kind->name);
	return sql_statement(name, &len) != NULL;
}

/* Bind the row's fields to the parameters of stmt that name their columns
 * (:date, :agreement, ...), and the sort key of a date to :COLUMN_key. */
static void bind_row(sqlite3_stmt *stmt, const struct record *r)
{
	const struct kind *k = r->kind;
	for (int i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		const struct field_value *v = &r->values[i];
		char name[48] = ":";
		field_column(f, name + 1, sizeof name - 5);
		int at = sqlite3_bind_parameter_index(stmt, name);
		if (at && !v->present)
			sqlite3_bind_null(stmt, at);
		else if (at && field_is_integer(f))
			sqlite3_bind_int64(stmt, at, v->integer);
		else if (at)
			sqlite3_bind_text(stmt, at, v->text, -1, SQLITE_STATIC);
		strcat(name, "_key");
		at = field_types[f->type].sort_key ? sqlite3_bind_parameter_index(stmt, name) : 0;
		struct sm_date d;
		if (at && v->present && date_parse(v->text, &d, NULL, 0) == 0)
			sqlite3_bind_int64(stmt, at, date_sort_key(&d));
		else if (at)
			sqlite3_bind_null(stmt, at);
	}
}

/* The first field in which a and b differ, or -1 when they are the same. */
static int first_difference(const struct record *a, const struct record *b)
{
	const struct kind *k = a->kind;
	for (int i = 0; i < k->nfields; i++) {
		const struct field_value *x = &a->values[i], *y = &b->values[i];
		if (x->present != y->present)
			return i;
		if (!x->present)
			continue;
		if (field_is_integer(&k->fields[i]) ? x->integer != y->integer : strcmp(x->text, y->text) != 0)
			return i;
	}
	return -1;
}

/* The id of the first record other than except identical to the current
 * row, through KIND.identical (an index look-up while the indexes are in
 * place, else a scan); 0 if none, or -(exit code). */
static int64_t find_identical(struct import *im, int64_t except)
{
	bind_row(im->same, &im->rec);
	db_bind_int(im->same, ":id", except);
	int rc = sqlite3_step(im->same);
	int64_t found = rc == SQLITE_ROW ? sqlite3_column_int64(im->same, 0) : 0;
	sqlite3_reset(im->same);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -db_fail(im->db, rc, "looking for the same record");
	return found;
}

/* h with the word w mixed in: a multiply spreads w's bits upwards, the
 * shift brings the high half back down, so every bit of w reaches every
 * bit of the next step's product. */
static uint64_t hash_word(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9E3779B97F4A7C15u;
	return h ^ (h >> 32);
}

/* h with the n bytes at p mixed in, eight at a time (a byte at a time cost
 * more than the query's sort), the length last so that a value's bytes
 * never run on into the next value's. */
static uint64_t hash_bytes(uint64_t h, const unsigned char *p, size_t n)
{
	size_t j = 0;
	for (; j + 8 <= n; j += 8) {
		uint64_t w;
		memcpy(&w, p + j, sizeof w);
		h = hash_word(h, w);
	}
	if (j < n) {
		uint64_t w = 0;
		memcpy(&w, p + j, n - j);
		h = hash_word(h, w);
	}
	return hash_word(h, n);
}

/*
 * The SQL function same_hash(VALUE, ...): a 64-bit hash of the values,
 * the same for values SQL finds equal, NULLs included (an integral REAL as
 * the INTEGER it equals), so that KIND.repeated and KIND.repeats can sort
 * the table by it rather than by every field.  Rows that differ may share
 * a hash: KIND.repeats compares those in full.
 */
static void same_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	uint64_t h = 14695981039346656037u;
	for (int i = 0; i < argc; i++) {
		int type = sqlite3_value_type(argv[i]);
		int64_t integer = 0;
		double real = 0;
		const unsigned char *p = NULL;
		size_t n = 0;
		if (type == SQLITE_FLOAT) {
			real = sqlite3_value_double(argv[i]);
			if (real >= -9e18 && real <= 9e18 && real == (double)(int64_t)real) {
				type = SQLITE_INTEGER;
				integer = (int64_t)real;
			}
		} else if (type == SQLITE_INTEGER) {
			integer = sqlite3_value_int64(argv[i]);
		}
		if (type == SQLITE_INTEGER) {
			p = (const unsigned char *)&integer;
			n = sizeof integer;
		} else if (type == SQLITE_FLOAT) {
			p = (const unsigned char *)&real;
			n = sizeof real;
		} else if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
			p = type == SQLITE_TEXT ? sqlite3_value_text(argv[i]) : sqlite3_value_blob(argv[i]);
			n = (size_t)sqlite3_value_bytes(argv[i]);
		}
		h = hash_bytes(hash_word(h, (uint64_t)type), p, n);
	}
	/* the final avalanche (MurmurHash3's), since the sort groups by
	 * the whole value */
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDu;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53u;
	h ^= h >> 33;
	sqlite3_result_int64(ctx, (int64_t)h);
}

/* The line of a record this import added, or 0 if it was stored before
 * (or its line is not known). */
static long inserted_line(const struct import *im, int64_t id)
{
	const struct lines *l = &im->lines;
	if (l->n == 0 || id < l->first_id || id - l->first_id >= (int64_t)l->n)
		return 0;
	long line = 0;
	size_t far = 0;
	for (size_t i = 0; i <= (size_t)(id - l->first_id); i++)
		line = l->step[i] == FAR_STEP ? l->far[far++] : line + l->step[i];
	return line;
}

/* "FILE:LINE: this KIND is already recorded as KIND ID (use ...)" or, for
 * one this import added, "... repeats line N (use ...)".  A line of 0 is
 * not known (see struct lines), and left out. */
static int already_recorded(struct import *im, long line, int64_t id)
{
	const char *name = im->kind->name;
	const char *hint = im->natural ? "use --skip-existing to skip rows recorded already"
				       : "use --again to record it twice";
	char at[32] = "";
	if (line)
		snprintf(at, sizeof at, ":%ld", line);
	long earlier = inserted_line(im, id);
	if (earlier)
		return sm_error(EX_DATAERR, "%s%s: this %s repeats line %ld (%s)", im->name, at, name, earlier, hint);
	return sm_error(EX_DATAERR, "%s%s: this %s is already recorded as %s %" PRId64 " (%s)", im->name, at, name,
			name, id, hint);
}

/* --skip-existing met a key recorded with other values: name the key and
 * the first field that differs. */
static int recorded_otherwise(struct import *im, int f)
{
	const struct kind *k = im->kind;
	char key[256] = "", mine[64], theirs[64];
	size_t used = 0;
	int nkeys = 0;
	for (int i = 0; i < k->nfields && used < sizeof key; i++) {
		char param[48] = ":";
		field_column(&k->fields[i], param + 1, sizeof param - 1);
		if (!sqlite3_bind_parameter_index(im->natural, param))
			continue;
		const char *text = record_field_text(&im->rec, i, mine, sizeof mine);
		used += (size_t)snprintf(key + used, sizeof key - used, "%s%s %s", nkeys++ ? " and " : "",
					 k->fields[i].name, text ? text : "");
	}
	const char *now = record_field_text(&im->stored, f, theirs, sizeof theirs);
	const char *given = record_field_text(&im->rec, f, mine, sizeof mine);
	char now_echo[UTF8_ECHO_SIZE], given_echo[UTF8_ECHO_SIZE], why[1024];
	utf8_echo(now ? now : "", now ? strlen(now) : 0, now_echo, sizeof now_echo);
	utf8_echo(given ? given : "", given ? strlen(given) : 0, given_echo, sizeof given_echo);
	snprintf(why, sizeof why, "the %s with %s is recorded (%s %" PRId64 ") with %s %s%s%s, not %s%s%s; "
		 "--skip-existing skips only rows recorded as they are",
		 k->name, key, k->name, im->stored.id, k->fields[f].name, now ? "'" : "", now ? now_echo : "empty",
		 now ? "'" : "", given ? "'" : "", given ? given_echo : "empty", given ? "'" : "");
	return field_error(im, f, why);
}

/* Fill in what the schema gives an absent value, so the row is compared as
 * it will be stored. */
static void apply_defaults(struct import *im)
{
	char err[256];
	for (int i = 0; i < im->ndefaults; i++)
		if (!im->rec.values[im->default_field[i]].present)
			record_set(&im->rec, im->default_field[i], im->default_text[i], err, sizeof err);
}

/* Read the schema's defaults of the kind's columns: simple quoted texts
 * only (the file's SQL is never run). */
static int read_defaults(struct import *im)
{
	sqlite3_stmt *stmt = db_statement(im->db, "csv.defaults");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_text(stmt, ":table", im->kind->name);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && im->ndefaults < KIND_MAX_FIELDS) {
		const char *column = (const char *)sqlite3_column_text(stmt, 0);
		const char *value = (const char *)sqlite3_column_text(stmt, 1);
		size_t n = value ? strlen(value) : 0;
		int f = -1;
		for (int i = 0; column && i < im->kind->nfields; i++) {
			char name[48];
			if (strcmp(field_column(&im->kind->fields[i], name, sizeof name), column) == 0)
				f = i;
		}
		if (f < 0 || n < 2 || value[0] != '\'' || value[n - 1] != '\'' || memchr(value + 1, '\'', n - 2))
			continue;
		im->default_field[im->ndefaults] = f;
		im->default_text[im->ndefaults] = strndup(value + 1, n - 2);
		if (!im->default_text[im->ndefaults++])
			die_oom();
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_fail(im->db, rc, "reading the schema");
}

enum { RECORD_IT = 0, SKIP_IT = -1 };

/*
 * Is the current row recorded already?  RECORD_IT to insert it, SKIP_IT to
 * skip it (--skip-existing), or the exit code of its refusal.  A kind with
 * a natural key looks the key up: recorded as it is, the row is skipped
 * (--skip-existing) or refused; recorded otherwise, it is refused under
 * --skip-existing, and otherwise left to the insert, which names the key
 * taken.  Other kinds look for an identical record, unless --again: through
 * an index, or, once the indexes are dropped, all at once after the load
 * (find_repeats).
 */
static int check_recorded(struct import *im, long line)
{
	if (im->natural) {
		if (im->again && !im->skip_existing)
			return RECORD_IT;
		bind_row(im->natural, &im->rec);
		int rc = sqlite3_step(im->natural);
		if (rc == SQLITE_ROW && record_from_row(&im->stored, im->natural) != 0)
			rc = SQLITE_NOMEM;
		sqlite3_reset(im->natural);
		if (rc == SQLITE_DONE)
			return RECORD_IT;
		if (rc != SQLITE_ROW)
			return db_fail(im->db, rc, "looking for the same record");
		int f = first_difference(&im->rec, &im->stored);
		if (f < 0)
			return im->skip_existing ? SKIP_IT : already_recorded(im, line, im->stored.id);
		return im->skip_existing ? recorded_otherwise(im, f) : RECORD_IT;
	}
	if (im->again)
		return RECORD_IT;
	if (im->after_load) {
		im->unchecked_line = line;
		return RECORD_IT;
	}
	int64_t id = im->same ? find_identical(im, 0) : 0;
	if (id < 0)
		return (int)-id;
	return id ? already_recorded(im, line, id) : RECORD_IT;
}

/* The first record this import added that repeats an earlier one (its id
 * and that of the first of its equals), if any: SQLITE_ROW, SQLITE_DONE
 * if none, else SQLite's error (SQLITE_MISUSE: a statement not made).
 * Whether any hash repeats is asked first, as nearly every import has no
 * repeat and that question needs one sort of the hashes, not two passes. */
static int first_repeat(struct import *im, int64_t *id, int64_t *first)
{
	const struct lines *l = &im->lines;
	sqlite3_stmt *repeated = record_statement(im->db, im->kind, "repeated");
	if (!repeated)
		return SQLITE_MISUSE;
	db_bind_int(repeated, ":before", l->first_id - 1);
	int step = sqlite3_step(repeated);
	sqlite3_reset(repeated);
	if (step != SQLITE_ROW)
		return step;
	sqlite3_stmt *repeats = record_statement(im->db, im->kind, "repeats");
	if (!repeats)
		return SQLITE_MISUSE;
	db_bind_int(repeats, ":before", l->first_id - 1);
	db_bind_int(repeats, ":last", l->broken ? INT64_MAX : l->first_id + (int64_t)l->n - 1);
	step = sqlite3_step(repeats);
	if (step == SQLITE_ROW) {
		*id = sqlite3_column_int64(repeats, 0);
		*first = sqlite3_column_int64(repeats, 1);
	}
	sqlite3_reset(repeats);
	return step;
}

static int uid_taken(struct import *im, long line, const char *uid, int64_t id);

/* What a look-up after the load returned, when neither a row nor none: the
 * exit code (SQLITE_MISUSE: its statement was not made, and said why). */
static int lookup_failed(struct import *im, int step, const char *doing)
{
	return step == SQLITE_MISUSE ? EX_SOFTWARE : db_fail(im->db, step, doing);
}

/* A uid that two records this import added hold (uids_after_load). */
struct uid_repeat {
	int64_t id, first; /* the later record, the first to hold it */
	char uid[UID_SIZE];
};

/* The first record this import added, up to :last, whose uid an earlier
 * one holds, in *u: SQLITE_ROW, SQLITE_DONE if none, else SQLite's error
 * (SQLITE_MISUSE: a statement not made). */
static int first_uid_repeat(struct import *im, int64_t last, struct uid_repeat *u)
{
	sqlite3_stmt *stmt = record_statement(im->db, im->kind, "uid_repeats");
	if (!stmt)
		return SQLITE_MISUSE;
	db_bind_int(stmt, ":before", im->lines.first_id - 1);
	db_bind_int(stmt, ":last", last);
	int step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		u->id = sqlite3_column_int64(stmt, 0);
		u->first = sqlite3_column_int64(stmt, 1);
		snprintf(u->uid, sizeof u->uid, "%s", (const char *)sqlite3_column_text(stmt, 2));
	}
	sqlite3_reset(stmt);
	return step;
}

/* The first record other than the row's that holds the row's uid, in
 * *id (0: none); the row is the one refused, which may be stored until
 * the rollback.  SQLITE_ROW, SQLITE_DONE or SQLite's error. */
static int uid_elsewhere(struct import *im, int64_t *id)
{
	sqlite3_stmt *stmt = record_statement(im->db, im->kind, "uid_elsewhere");
	if (!stmt)
		return SQLITE_MISUSE;
	db_bind_text(stmt, ":uid", im->rec.uid);
	db_bind_int(stmt, ":id", im->rec.id);
	int step = sqlite3_step(stmt);
	*id = step == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_reset(stmt);
	return step;
}

/* The load's uid index could not be built again (uids_after_load): name
 * the uid held twice, as the look-up per row would have.  Returns the
 * exit code. */
static int uid_index_refused(struct import *im, int rc)
{
	struct uid_repeat u = { 0 };
	int step = first_uid_repeat(im, INT64_MAX, &u);
	if (step != SQLITE_ROW)
		return rc;
	sm_error_clear();
	return uid_taken(im, inserted_line(im, u.id), u.uid, u.first);
}

/*
 * An import that dropped the indexes looks for rows recorded already here,
 * after the load (KIND.repeated sorts the hashes once; KIND.repeats names
 * the record only when one repeats) instead of a look-up per row, which
 * without the indexes would scan the table: the first record this import
 * added that is the same as one before it, refused as check_recorded
 * refuses it.  rc is how the load ended.  Which error is reported keeps
 * the order of a look-up per row: the first bad line of the file, whatever
 * is wrong with it.  So when the load stopped at a refused row
 * (EX_DATAERR), the records added before it are searched too, as their
 * lines come first; and that row itself, when it was refused for what
 * comes after its look-up (its uid, its insert), is compared with the
 * records in one scan.  The same holds for the uids of a load that looks
 * them up after it (uids_after_load).  Other failures (interrupted, I/O)
 * stand as they are.  Returns rc, or the exit code of the repeat found.
 */
static int find_repeats(struct import *im, int rc)
{
	if ((!im->after_load && !im->uids_after_load) || (rc != 0 && rc != EX_DATAERR))
		return rc;
	const struct lines *l = &im->lines;
	int64_t id = 0, first = 0;
	long line = 0;
	if (im->after_load && l->n > 0) {
		int made = sqlite3_create_function(im->db->handle, "same_hash", -1,
						   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, same_hash,
						   NULL, NULL);
		/* busy: defined already, by an earlier import on this
		 * connection, and in use */
		if (made != SQLITE_OK && made != SQLITE_BUSY)
			return db_fail(im->db, made, "looking for rows recorded twice");
		int step = first_repeat(im, &id, &first);
		if (step != SQLITE_ROW && step != SQLITE_DONE)
			return lookup_failed(im, step, "looking for rows recorded twice");
		if (step == SQLITE_ROW)
			line = inserted_line(im, id);
	}
	/* a uid held twice among the records added, when something else is
	 * refused or in a dry run: otherwise the uid index, built again,
	 * proves there is none (uid_index_refused names it if there is).  A
	 * row both repeats a record and holds its uid: the repeat is named,
	 * as in a look-up */
	if (im->uids_after_load && l->n > 0 && (rc != 0 || first || im->dry_run)) {
		struct uid_repeat u = { 0 };
		int step = first_uid_repeat(im, l->broken ? INT64_MAX : l->first_id + (int64_t)l->n - 1, &u);
		if (step != SQLITE_ROW && step != SQLITE_DONE)
			return lookup_failed(im, step, "looking for uids held twice");
		long at = step == SQLITE_ROW ? inserted_line(im, u.id) : 0;
		if (at && (!first || at < line)) {
			sm_error_clear();
			return uid_taken(im, at, u.uid, u.first);
		}
	}
	if (!id && rc != 0 && im->unchecked_line) {
		/* a row refused by its insert may be stored until the rollback */
		int64_t found = find_identical(im, im->rec.id);
		if (found < 0)
			return (int)-found;
		if (found) {
			id = im->rec.id;
			first = found;
			line = im->unchecked_line;
		}
	}
	/* the refused row itself, when it was refused after its uid would
	 * have been looked up, and is no repeat */
	if (!first && rc != 0 && im->uid_unchecked_line) {
		int64_t holder;
		int step = uid_elsewhere(im, &holder);
		if (step != SQLITE_ROW && step != SQLITE_DONE)
			return lookup_failed(im, step, "looking for a uid");
		if (holder) {
			sm_error_clear();
			return uid_taken(im, im->uid_unchecked_line, im->rec.uid, holder);
		}
	}
	if (!first)
		return rc;
	sm_error_clear();
	return already_recorded(im, line, first);
}

/* Remember a record this import added: its line (the row is no longer
 * unchecked: find_repeats finds it among the records added).  0 or the
 * exit code. */
static int note_inserted(struct import *im, long line)
{
	struct lines *l = &im->lines;
	if (l->n == 0)
		l->first_id = im->rec.id;
	if (!l->broken && im->rec.id == l->first_id + (int64_t)l->n) {
		l->step = xgrow(l->step, &l->cap, l->n + 1, sizeof *l->step);
		long step = line - l->last;
		if (step < 0 || step >= FAR_STEP) {
			l->far = xgrow(l->far, &l->far_cap, l->nfar + 1, sizeof *l->far);
			l->far[l->nfar++] = line;
			step = FAR_STEP;
		}
		l->step[l->n++] = (uint8_t)step;
		l->last = line;
	} else {
		l->broken = true;
	}
	im->unchecked_line = 0;
	im->uid_unchecked_line = 0;
	return 0;
}

static int decide_indexes(struct import *im);

/* Remember, for the caller of an import --replace, that the file holds the
 * record id at line. */
static void tally_keep(struct import *im, int64_t id, long line)
{
	struct import_tally *t = im->tally;
	t->kept = xgrow(t->kept, &t->cap, t->n + 1, sizeof *t->kept);
	t->kept[t->n++] = (struct import_kept){ id, line };
}

static int by_id_then_line(const void *a, const void *b)
{
	const struct import_kept *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* After an import --replace read its file: sort what it kept by id (for the
 * caller to look records up), and refuse a uid that the file names twice
 * (both rows changed the one record).  0 or an exit code. */
static int tally_finish(struct import *im)
{
	struct import_tally *t = im->tally;
	if (t->n == 0)
		return 0; /* an empty file kept nothing (and kept is NULL) */
	qsort(t->kept, t->n, sizeof *t->kept, by_id_then_line);
	for (size_t i = 1; i < t->n; i++) {
		if (t->kept[i].id != t->kept[i - 1].id)
			continue;
		int rc = record_load(im->db, im->kind, t->kept[i].id, &im->stored);
		if (rc != 0)
			return rc;
		return sm_error(EX_DATAERR, "%s:%ld: column 'uid': uid %s is on line %ld too (a uid names one record)",
				im->name, t->kept[i].line, im->stored.uid, t->kept[i - 1].line);
	}
	return 0;
}

/* The record that holds the row's uid, if any, in *id (0: none, or the
 * row has no uid).  0 or an exit code. */
static int recorded_uid(struct import *im, int64_t *id)
{
	*id = 0;
	/* uids_after_load: the uid index is dropped, and find_repeats
	 * finds a uid held twice */
	if (!im->rec.uid[0] || im->uids_after_load)
		return 0;
	int found = record_find_uid(im->db, im->kind, im->rec.uid, id);
	return found < 0 ? -found : 0;
}

/* The row at line, whose uid record id holds: refused, naming the line
 * that brought that record, or the record. */
static int uid_taken(struct import *im, long line, const char *uid, int64_t id)
{
	long earlier = inserted_line(im, id);
	if (earlier)
		return sm_error(EX_DATAERR, "%s:%ld: column 'uid': uid %s is on line %ld too (a uid names one record)",
				im->name, line, uid, earlier);
	return sm_error(EX_DATAERR, "%s:%ld: column 'uid': uid %s already names %s %" PRId64, im->name, line, uid,
			im->kind->name, id);
}

/* Has this import --replace come to record id in its file already?  A
 * search of what it kept, asked only when a row's key is taken. */
static bool kept_already(const struct import *im, int64_t id)
{
	for (size_t i = im->tally->n; i-- > 0;)
		if (im->tally->kept[i].id == id)
			return true;
	return false;
}

/*
 * import --replace: the row (record self's, or a new one when self is 0)
 * gives a natural key, a code or a round's number, that another record
 * holds.  If the file has not come to that record yet, it is either
 * further down with another key, or not in the file and removed once the
 * file is in: move it aside (KIND.move_aside) so that the row can take
 * the key.  Thus rounds renumbered, or a record removed and added again
 * with its key, come in as the file has them.  A record the file has kept
 * keeps its key, and the row's write names the key taken, as a check that
 * the move aside refuses does.  0 or an exit code.
 */
static int move_key_holder_aside(struct import *im, int64_t self)
{
	bind_row(im->natural, &im->rec);
	int rc = sqlite3_step(im->natural);
	int64_t holder = rc == SQLITE_ROW ? sqlite3_column_int64(im->natural, 0) : 0;
	sqlite3_reset(im->natural);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(im->db, rc, "looking up the record that holds the key");
	if (!holder || holder == self || kept_already(im, holder))
		return 0;
	db_bind_int(im->move_aside, ":id", holder);
	rc = sqlite3_step(im->move_aside);
	sqlite3_reset(im->move_aside);
	if (rc == SQLITE_DONE || (rc & 0xff) == SQLITE_CONSTRAINT)
		return 0;
	return db_fail(im->db, rc, "moving a key aside");
}

/* import --replace met a row whose uid names record id: change the record
 * to the row where they differ (as 'smalog edit' does, with the same
 * checks), and keep it.  0 or an exit code. */
static int replace_row(struct import *im, int64_t id, long line)
{
	char err[512];
	int bad = -1;
	int rc = record_load(im->db, im->kind, id, &im->stored);
	if (rc != 0)
		return rc;
	apply_defaults(im);
	/* as stored: a schedule's currency from its agreement, and the like */
	rc = record_fill_defaults(im->db, &im->rec);
	if (rc != 0)
		return at_line(im, line, rc);
	if (first_difference(&im->rec, &im->stored) >= 0) {
		rc = record_update(im->db, &im->rec, &bad, err, sizeof err);
		if (rc < 0)
			return field_error(im, bad, err);
		if (rc != 0)
			return at_line(im, line, rc);
		im->tally->changed++;
	}
	tally_keep(im, id, line);
	return 0;
}

/* One data row: parse, check and insert it as a record. */
static int on_data_row(void *arg, const struct csvr_cell *cells, size_t n, long line)
{
	struct import *im = arg;
	const struct kind *k = im->kind;
	char err[512];
	int bad = -1;
	/* Ctrl-C: the statements run only briefly per row, so most of the
	 * time it is this check, not sqlite3_interrupt, that stops the import */
	if (interrupt_requested())
		return sm_error(SM_INTERRUPTED, "interrupted; nothing was imported");
	if (im->undecided && im->bytes_read > 0) {
		int rc = decide_indexes(im);
		if (rc)
			return rc;
	}
	/* a new record: the id of the one stored from the previous row goes */
	im->rec.id = 0;
	im->rec.uid[0] = '\0';
	for (int i = 0; i < k->nfields; i++)
		im->field_line[i] = line;
	for (size_t c = 0; c < n; c++) {
		int f = im->col_field[c];
		if (f == UID_COLUMN) {
			if (cells[c].text && cells[c].len &&
			    record_uid_parse(cells[c].text, im->rec.uid, err, sizeof err) != 0)
				return sm_error(EX_DATAERR, "%s:%ld: column 'uid': %s", im->name, cells[c].line, err);
			continue;
		}
		im->field_line[f] = cells[c].line;
		/* a cell a merge left in conflict: its markers would pass as text */
		if (cells[c].text && merge_is_conflict_cell(cells[c].text, cells[c].len))
			return field_error(im, f, "an unresolved merge conflict (<<<<<<< ... >>>>>>>): "
						  "keep one value and remove the markers");
		if (record_set(&im->rec, f, cells[c].text, err, sizeof err) != 0)
			return field_error(im, f, err);
	}
	if (record_check(&im->rec, &bad, err, sizeof err) != 0)
		return field_error(im, bad, err);
	int64_t taken;
	int rc = recorded_uid(im, &taken);
	if (rc != 0)
		return rc;
	/* a record changed by --replace is checked as an edit is */
	im->rec.id = im->replace ? taken : 0;
	rc = check_references(im, &bad, err, sizeof err);
	if (rc > 0)
		return rc;
	if (rc < 0)
		return field_error(im, bad, err);
	if (im->move_aside && (rc = move_key_holder_aside(im, taken)) != 0)
		return rc;
	if (im->replace && taken)
		return replace_row(im, taken, line);
	apply_defaults(im);
	rc = record_fill_defaults(im->db, &im->rec);
	if (rc != 0)
		return at_line(im, line, rc);
	/* import --all matches records by uid alone: two records alike are
	 * two records there */
	rc = im->held ? RECORD_IT : check_recorded(im, line);
	if (rc == SKIP_IT) {
		im->skipped++;
		return 0;
	}
	if (rc != 0)
		return rc;
	if (im->uids_after_load && im->rec.uid[0])
		im->uid_unchecked_line = line;
	/* a row that is recorded again (--again) is a new record: a new uid */
	if (taken && im->again && !im->held)
		im->rec.uid[0] = '\0';
	else if (taken)
		return uid_taken(im, line, im->rec.uid, taken);
	/* a natural key taken, in the database or earlier in the file, is
	 * found by the insert itself (the schema's UNIQUE constraints) */
	rc = record_insert(im->db, &im->rec, &bad, err, sizeof err);
	if (rc < 0)
		return field_error(im, bad, err);
	if (rc != 0)
		return at_line(im, line, rc);
	rc = note_inserted(im, line);
	if (rc != 0)
		return rc;
	im->rows++;
	if (im->tally) {
		im->tally->added++;
		tally_keep(im, im->rec.id, line);
	}
	return 0;
}

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* Redraw the progress bar: bytes read of the file's size, rows per second. */
static void on_progress(void *arg, uint64_t bytes, int64_t rows)
{
	struct import *im = arg;
	im->bytes_read = bytes;
	im->rows_read = rows;
	if (!im->size)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double elapsed = seconds_between(&im->start, &now);
	if (elapsed < progress_delay || (im->drawn && seconds_between(&im->drawn_at, &now) < progress_interval))
		return;
	im->drawn_at = now;
	im->drawn = true;
	enum { WIDTH = 30 };
	int pct = (int)(bytes * 100 / im->size), filled = (int)(bytes * WIDTH / im->size);
	char bar[WIDTH + 1], rate[AMOUNT_TEXT_SIZE];
	for (int i = 0; i < WIDTH; i++)
		bar[i] = i < filled ? '#' : ' ';
	bar[WIDTH] = '\0';
	amount_format((int64_t)((double)rows / elapsed), true, rate, sizeof rate);
	fprintf(stderr, "\r%3d%% [%s] %.1f of %.1f MB, %s rows/s", pct > 100 ? 100 : pct, bar,
		(double)bytes / 1e6, (double)im->size / 1e6, rate);
	fflush(stderr);
}


/* Whether the file's uids can be looked up after the load, all at once
 * (uids_after_load): into a table empty before the import, a uid can only
 * repeat one of the file's, which find_repeats finds and the uid index,
 * built again, proves absent.  Not with --again (a uid recorded already
 * is given a new one), nor --replace or --all, which look records up by
 * their uids. */
static bool uids_can_wait(const struct import *im)
{
	return im->existing == 0 && !im->again && !im->replace && !im->held;
}

/* Whether the import may drop the unique index o of its table: only the
 * uid's (KIND_by_uid), once the header is read, and when the file gives
 * no uids (every uid is one smalog draws, 122 random bits, which the
 * index, built again after the load, still proves unique) or they can
 * wait for the load.  The others are natural keys, which each row is
 * looked up by, and which the reference checks use. */
static bool may_drop_unique(const struct import *im, const struct schema_object *o)
{
	size_t n = strlen(im->kind->name);
	return im->header_read && (!im->gives_uids || uids_can_wait(im)) && strncmp(o->name, im->kind->name, n) == 0 &&
	       strcmp(o->name + n, "_by_uid") == 0;
}

static bool deferred_has(const struct deferred_indexes *d, const struct schema_object *o)
{
	for (int i = 0; i < d->n; i++)
		if (d->index[i] == o)
			return true;
	return false;
}

/* Drop the kind's non-unique indexes, as smalog defines them, and its uid
 * index when it may (may_drop_unique), noting them in d; those noted
 * already stay as they are, so that once the header is read the uid's
 * joins them.  The names and the SQL that builds them again come from
 * smalog's own schema, never from the file: text that a file keeps for an
 * index is not smalog's to run (a writer refuses a file whose indexes
 * differ from smalog's, see schema.h, so these are the ones it holds). */
static int drop_indexes(struct import *im, struct deferred_indexes *d)
{
	const struct schema *ref = schema_reference(im->db->version);
	if (!ref)
		return EX_SOFTWARE;
	int first = d->n;
	for (int i = 0; i < ref->n && d->n < MAX_DEFERRED; i++) {
		const struct schema_object *o = &ref->obj[i];
		if (strcmp(o->type, "index") == 0 && o->sql && (!o->unique || may_drop_unique(im, o)) &&
		    strcmp(o->tbl_name, im->kind->name) == 0 && !deferred_has(d, o)) {
			d->index[d->n++] = o;
			im->uids_after_load = im->uids_after_load || (o->unique && im->gives_uids);
		}
	}
	for (int i = first; i < d->n; i++) {
		char *drop = sqlite3_mprintf("DROP INDEX main.\"%w\"", d->index[i]->name);
		if (!drop)
			die_oom();
		int rc = sqlite3_exec(im->db->handle, drop, NULL, NULL, NULL);
		sqlite3_free(drop);
		if (rc != SQLITE_OK)
			return db_fail(im->db, rc, "preparing the import");
	}
	return 0;
}

bool import_defers_indexes(int64_t existing, int64_t rows_read, uint64_t bytes_read, int64_t size)
{
	if (size >= 0 && size < IMPORT_DEFER_MIN_BYTES)
		return false;
	if (existing == 0)
		return true;
	if (size < 0 || rows_read <= 0 || bytes_read == 0)
		return false;
	/* the rows of the whole input at the average size of those read */
	double rows = (double)rows_read * (double)size / (double)bytes_read;
	return rows * IMPORT_DEFER_SHARE >= (double)existing;
}

static void look_up_after_load(struct import *im);

/* For a table that keeps its indexes: a bigger page cache, so that fewer
 * index pages go back and forth to disk.  Not for a load that builds them
 * after: sorting needs no more, and memory stays small. */
static int bigger_cache(struct import *im)
{
	sqlite3_stmt *cache = db_statement(im->db, "csv.import_cache");
	return cache ? db_run(im->db, cache, "preparing the import") : EX_SOFTWARE;
}

/*
 * Choose how to load the table.  Inserting into an index row by row costs
 * a random page access each once the index outgrows the cache; sorting
 * once costs far less, even with the rows stored before.  So when the
 * input brings at least an eighth of the rows the table holds
 * (import_defers_indexes), the non-unique indexes (and the uid's, see
 * may_drop_unique) are dropped and rebuild_indexes builds them again
 * before the commit (a rollback restores them anyway); otherwise they
 * stay, with a bigger page cache.  An empty table is decided here; a table
 * holding rows, once the first block of a regular file is read
 * (decide_indexes), as the rows' size is known only then.  size is what is
 * left of the input, or -1 for a stream.  Returns 0 or the exit code.
 */
static int prepare_table(struct import *im, int64_t size)
{
	im->input_size = size;
	if (size >= 0 && size < IMPORT_DEFER_MIN_BYTES)
		return 0;
	sqlite3_stmt *count = record_statement(im->db, im->kind, "count");
	if (!count)
		return EX_SOFTWARE;
	int rc = sqlite3_step(count);
	im->existing = rc == SQLITE_ROW ? sqlite3_column_int64(count, 0) : 0;
	sqlite3_reset(count);
	if (rc != SQLITE_ROW)
		return db_fail(im->db, rc, "reading the database");
	if (import_defers_indexes(im->existing, 0, 0, size))
		return drop_indexes(im, &im->deferred);
	im->undecided = size >= 0;
	return im->undecided ? 0 : bigger_cache(im);
}

/* Once the first block is read, drop the indexes if the input brings
 * enough rows for the table it goes into; the rows imported so far went
 * through them, and are in the indexes rebuilt.  Returns 0 or the exit code. */
static int decide_indexes(struct import *im)
{
	im->undecided = false;
	if (!import_defers_indexes(im->existing, im->rows_read, im->bytes_read, im->input_size))
		return bigger_cache(im);
	int rc = drop_indexes(im, &im->deferred);
	if (rc == 0 && im->deferred.n > 0)
		look_up_after_load(im);
	return rc;
}

/* Build the indexes drop_indexes dropped, from smalog's definitions. */
static int rebuild_indexes(struct import *im, const struct deferred_indexes *d)
{
	for (int i = 0; i < d->n; i++) {
		int rc = sqlite3_exec(im->db->handle, d->index[i]->sql, NULL, NULL, NULL);
		if (rc != SQLITE_OK && d->index[i]->unique && im->uids_after_load)
			return uid_index_refused(im, db_fail(im->db, rc, "building the indexes"));
		if (rc != SQLITE_OK)
			return db_fail(im->db, rc, "building the indexes");
	}
	return 0;
}

static void deferred_release(struct deferred_indexes *d)
{
	d->n = 0; /* the definitions are borrowed */
}

/* The indexes are dropped: rows the same as a record (a kind without a
 * natural key) are found after the load, by find_repeats, rather than by
 * a look-up per row that would scan the table. */
static void look_up_after_load(struct import *im)
{
	/* import --all matches records by uid alone (see on_data_row) */
	im->after_load = !im->natural && !im->again && !im->held;
}

/* Ready the look-up of rows recorded already: the kind's statements and
 * defaults, and whether it waits for the end of the load (the import
 * dropped the indexes: dropped says so). */
static int prepare_recorded(struct import *im, bool dropped)
{
	/* a kind with a natural key looks it up; the others, the same record */
	bool natural = import_has_natural_key(im->kind);
	sqlite3_stmt *stmt = record_statement(im->db, im->kind, natural ? "natural" : "identical");
	if (!stmt)
		return EX_SOFTWARE;
	if (natural)
		im->natural = stmt;
	else
		im->same = stmt;
	if (natural && im->replace && !(im->move_aside = record_statement(im->db, im->kind, "move_aside")))
		return EX_SOFTWARE;
	if (dropped)
		look_up_after_load(im);
	return read_defaults(im);
}

/* Room for a SHA-256 digest in lowercase hex and its NUL. */
enum { SHA256_HEX_SIZE = 2 * SHA256_DIGEST_SIZE + 1 };

/* csvr_read's input callback: every byte read goes into the content's hash. */
static void on_input(void *arg, const void *data, size_t len)
{
	struct import *im = arg;
	sha256_update(&im->content, len, data);
}

/* The content's hash as lowercase hex. */
static void content_hex(struct import *im, char hex[SHA256_HEX_SIZE])
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(&im->content, sizeof digest, digest);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

/* Hash what is left of a regular file that the reader stopped in; false
 * when it cannot be read to the end it had (size bytes in all, read
 * counted so far), so the hash is not the content's. */
static bool hash_rest(struct import *im, FILE *fp, uint64_t read, int64_t size)
{
	unsigned char *buf = malloc(CSVR_READ_BLOCK);
	if (!buf)
		die_oom();
	size_t n;
	while ((n = fread(buf, 1, CSVR_READ_BLOCK, fp)) > 0) {
		on_input(im, buf, n);
		read += n;
	}
	free(buf);
	return !ferror(fp) && (int64_t)read == size;
}

/* The import log's statement name, bound to the kind and the content's hash. */
static sqlite3_stmt *import_log_statement(struct import *im, const char *name, const char *sha)
{
	sqlite3_stmt *stmt = db_statement(im->db, name);
	if (stmt) {
		db_bind_text(stmt, ":kind", im->kind->name);
		db_bind_text(stmt, ":sha256", sha);
	}
	return stmt;
}

/* Refuse content imported before as the same kind, saying when. */
static int check_seen(struct import *im, const char *sha)
{
	sqlite3_stmt *stmt = import_log_statement(im, "csv.import_seen", sha);
	if (!stmt)
		return EX_SOFTWARE;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		char count[64];
		kind_count_text(im->kind, sqlite3_column_int64(stmt, 1), count, sizeof count);
		rc = sm_error(EX_DATAERR,
			      "%s: the same content was imported on %s (from '%s', %s); use --again to import it again",
			      im->name, (const char *)sqlite3_column_text(stmt, 2),
			      (const char *)sqlite3_column_text(stmt, 0), count);
	} else {
		rc = rc == SQLITE_DONE ? 0 : db_fail(im->db, rc, "reading the import log");
	}
	sqlite3_reset(stmt);
	return rc;
}

static int log_import(struct import *im, const char *sha)
{
	sqlite3_stmt *stmt = import_log_statement(im, "csv.import_log", sha);
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_text(stmt, ":file", im->name);
	db_bind_int(stmt, ":rows", im->rows);
	return db_run(im->db, stmt, "recording the import");
}

/*
 * Stop the schema's triggers for the import's inserts: their history
 * trigger logs each insert by a program of its own inside the insert's,
 * which makes SQLite keep a journal of each insert to undo it alone, and
 * log_inserted logs them all in one statement at the end instead.  Only
 * smalog's own triggers exist in a file it writes to (schema.h), and the
 * only others of the kinds' tables, KIND_uid, do nothing for an insert
 * that gives the uid, as record_insert does.  Not for import --replace,
 * whose updates log what they change.  SQLite's switch is the
 * connection's: finish_rows turns them on again, whatever happened.
 */
static void triggers_off(struct import *im)
{
	if (im->tally)
		return;
	int on = 0;
	sqlite3_db_config(im->db->handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &on);
	im->triggers_off = true;
}

/* Log the records this import inserted, with its triggers off, as their
 * history trigger logs each (KIND.log_inserts: the ids from the first
 * on are all this import's, AUTOINCREMENT giving every new record an id
 * above all before).  0 or the exit code. */
static int log_inserted(struct import *im)
{
	if (!im->triggers_off || im->lines.n == 0)
		return 0;
	sqlite3_stmt *stmt = record_statement(im->db, im->kind, "log_inserts");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_int(stmt, ":first", im->lines.first_id);
	return db_run(im->db, stmt, "recording the change");
}

/*
 * Once the file is read (rc what reading it returned), before anything
 * reads the table or the change log: log the inserts (when rc is 0),
 * then turn the triggers on again, whatever happened.  Returns the exit
 * code, or 0.
 */
static int finish_rows(struct import *im, int rc)
{
	if (rc == 0)
		rc = log_inserted(im);
	if (im->triggers_off)
		sqlite3_db_config(im->db->handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
	im->triggers_off = false;
	return rc;
}

/* Turn SQLite's foreign keys on or off (csv.foreign_keys_on, _off), outside
 * a transaction.  0 or the exit code. */
static int foreign_keys(struct db *db, bool on)
{
	sqlite3_stmt *stmt = db_statement(db, on ? "csv.foreign_keys_on" : "csv.foreign_keys_off");
	return stmt ? db_run(db, stmt, "preparing the import") : EX_SOFTWARE;
}

int import_csv(struct db *db, const struct import_options *opt, int64_t *rows, int64_t *skipped)
{
	*rows = 0;
	if (skipped)
		*skipped = 0;
	if (opt->skip_existing && !import_has_natural_key(opt->kind))
		return sm_error(EX_USAGE,
				"--skip-existing is for kinds with a natural key (agreement, source, round, rate, schedule, index, actor); "
				"a %s is refused when it is recorded already, or recorded twice with --again",
				opt->kind->name);
	bool from_stdin = strcmp(opt->path, "-") == 0;
	struct import im = { .name = from_stdin ? "<stdin>" : opt->path, .db = db, .kind = opt->kind,
			     .again = opt->again, .skip_existing = opt->skip_existing, .held = opt->held,
			     .replace = opt->replace, .tally = opt->tally, .dry_run = opt->dry_run };
	FILE *fp = from_stdin ? stdin : fopen(opt->path, "rb");
	if (!fp)
		return sm_error(EX_NOINPUT, "cannot open '%s': %s", opt->path, strerror(errno));
	struct stat st;
	int rc = 0;
	if (fstat(fileno(fp), &st) != 0)
		rc = sm_error(EX_IOERR, "cannot read '%s': %s", im.name, strerror(errno));
	else if (S_ISDIR(st.st_mode))
		rc = sm_error(EX_NOINPUT, "'%s' is a folder, not a CSV file", im.name);
	bool regular = rc == 0 && S_ISREG(st.st_mode);
	/* what is left to read of a regular file (standard input may stand past its start) */
	int64_t size = -1;
	if (regular) {
		off_t at = ftello(fp);
		size = (int64_t)st.st_size - (at > 0 ? (int64_t)at : 0);
	}
	if (regular && opt->progress && size >= PROGRESS_MIN_BYTES)
		im.size = (uint64_t)size;

	record_init(&im.rec, opt->kind);
	record_init(&im.stored, opt->kind);
	im.agreement_field = kind_field_index(opt->kind, "agreement");
	im.previous_field = kind_field_index(opt->kind, "previous");
	im.refs = calloc(1, sizeof *im.refs);
	if (!im.refs)
		die_oom();
	/* an import in a transaction of its own proves every reference before
	 * its insert (check_references), and the rows go in without SQLite
	 * proving them again and keeping a journal of each insert to undo it
	 * alone, should a reference fail; import --replace updates records,
	 * which keep their checks */
	bool keys_off = rc == 0 && !opt->held && !opt->replace;
	if (keys_off)
		rc = foreign_keys(db, false);
	if (rc == 0 && !opt->held)
		rc = db_begin(db);
	/* the content is hashed as it is read, so a file is read once, and a
	 * repeat refused at the end, before the commit */
	char sha[SHA256_HEX_SIZE] = "";
	bool guard = !opt->again && !opt->skip_existing && !opt->held;
	sha256_init(&im.content);
	struct csvr_config cfg = {
		.name = im.name, .header = on_header, .row = on_data_row, .progress = on_progress,
		.input = on_input, .arg = &im, .delim = opt->delim, .encoding = opt->encoding, .excel = opt->excel,
	};
	if (rc == 0)
		rc = prepare_table(&im, size);
	if (rc == 0)
		rc = prepare_recorded(&im, im.deferred.n > 0);
	if (rc == 0)
		triggers_off(&im);
	uint64_t bytes = 0;
	clock_gettime(CLOCK_MONOTONIC, &im.start);
	if (rc == 0)
		rc = csvr_read(fp, &cfg, &bytes);
	rc = finish_rows(&im, rc);
	if (rc == 0 && regular && (int64_t)bytes != size)
		rc = sm_error(EX_IOERR, "'%s' changed while it was read; nothing was imported", im.name);
	rc = find_repeats(&im, rc);
	if (rc == 0 && im.tally)
		rc = tally_finish(&im);
	if (rc == 0) {
		content_hex(&im, sha);
		if (guard)
			rc = check_seen(&im, sha);
	} else if (guard && regular && bytes > 0 && rc != SM_INTERRUPTED && rc != EX_IOERR &&
		   hash_rest(&im, fp, bytes, size)) {
		/* a file imported before is refused as such, whatever its rows
		 * met on the way (most often: records stored already) */
		content_hex(&im, sha);
		char why[1024];
		snprintf(why, sizeof why, "%s", sm_error_message());
		int code = sm_error_code();
		sm_error_clear();
		if (check_seen(&im, sha) == 0)
			rc = sm_error(code ? code : rc, "%s", why);
		else
			rc = sm_error_code();
	}
	/* a dry run rolls back, which restores the indexes anyway */
	if (rc == 0 && !opt->dry_run && im.deferred.n > 0) {
		if (im.drawn) {
			fputs("\r\033[K(all rows read; building the indexes)", stderr);
			fflush(stderr);
		}
		rc = rebuild_indexes(&im, &im.deferred);
	}
	if (rc == 0 && !opt->dry_run && !opt->held)
		rc = log_import(&im, sha);
	if (rc == 0 && interrupt_requested())
		rc = sm_error(SM_INTERRUPTED, "interrupted; nothing was imported");
	if (opt->held)
		; /* the caller commits or rolls back every file at once */
	else if (rc == 0 && !opt->dry_run)
		rc = db_commit(db);
	else
		db_rollback(db);
	if (keys_off) {
		int on = foreign_keys(db, true);
		rc = rc ? rc : on;
	}
	if (im.drawn)
		fputs("\r\033[K", stderr);
	if (rc == 0)
		*rows = im.rows;
	if (rc == 0 && skipped)
		*skipped = im.skipped;
	if (!from_stdin)
		fclose(fp);
	record_release(&im.rec);
	record_release(&im.stored);
	free(im.lines.step);
	free(im.lines.far);
	for (int i = 0; i < im.ndefaults; i++)
		free(im.default_text[i]);
	deferred_release(&im.deferred);
	free(im.col_field);
	free(im.refs);
	return rc;
}

void import_tally_release(struct import_tally *t)
{
	free(t->kept);
	*t = (struct import_tally){ 0 };
}

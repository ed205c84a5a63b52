/* history.c - the change log: triggers derived from the tables, change groups sealed in a hash chain, undo and rewind. */
#include "smalog/history.h"

#include "smalog/decimal.h"
#include "smalog/error.h"
#include "smalog/kinds.h"
#include "smalog/memory.h"
#include "smalog/sbuf.h"
#include "smalog/sql.h"

#include <inttypes.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HASH_HEX = 2 * SHA256_DIGEST_SIZE + 1 };

/* The import log: bookkeeping, not records, so it has no trigger and is
 * not counted; smalog logs its rows itself (history_seal, undo), so that
 * undoing an import forgets the file and undoing that undo remembers it. */
static bool is_import_log(const char *table)
{
	return strcmp(table, "import_log") == 0;
}

/* A named statement prepared on a bare handle (the reference schema's
 * in-memory database has no struct db).  SQLite's result code. */
static int prepare_named(sqlite3 *handle, const char *name, sqlite3_stmt **stmt)
{
	int len;
	const char *text = sql_statement(name, &len);
	*stmt = NULL;
	return text ? sqlite3_prepare_v2(handle, text, len, stmt, NULL) : SQLITE_ERROR;
}

/* The stored columns of table, in order, into *cols (each sqlite3_free'd
 * by the caller, then the array with free).  SQLite's result code. */
static int stored_columns(sqlite3 *handle, const char *table, char ***cols, int *n)
{
	sqlite3_stmt *stmt;
	*cols = NULL;
	*n = 0;
	int rc = prepare_named(handle, "history.columns", &stmt);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	size_t cap = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*cols = xgrow(*cols, &cap, (size_t)*n + 1, sizeof **cols);
		(*cols)[(*n)++] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(stmt, 0));
		if (!(*cols)[*n - 1])
			die_oom();
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void free_columns(char **cols, int n)
{
	for (int i = 0; i < n; i++)
		sqlite3_free(cols[i]);
	free(cols);
}

static char *finish(sqlite3_str *s)
{
	char *text = sqlite3_str_finish(s);
	if (!text)
		die_oom();
	return text;
}

/* json_object('a', PREFIX."a", ...) of the columns. */
static void append_json_object(sqlite3_str *s, const char *prefix, char **cols, int n)
{
	sqlite3_str_appendall(s, "json_object(");
	for (int i = 0; i < n; i++)
		sqlite3_str_appendf(s, "%s%Q, %s\"%w\"", i ? ", " : "", cols[i], prefix, cols[i]);
	sqlite3_str_appendall(s, ")");
}

/*
 * The three triggers of one table.  Each logs the row against the open
 * group (there is always one: see history_seal) in one INSERT, the least a
 * trigger can cost: the key for an insert (enough to reverse it), the
 * stored values as they were for an update that changed any of them or a
 * delete.  The uid that a table's KIND_uid trigger sets after an insert
 * (NULL to a value) is not logged: the insert already costs its one row,
 * and undoing it removes the row, uid and all.
 */
static int make_table_triggers(sqlite3 *handle, const char *table)
{
	char **cols;
	int n;
	int rc = stored_columns(handle, table, &cols, &n);
	static const char *const ops[] = { "insert", "update", "delete" };
	for (int o = 0; rc == SQLITE_OK && o < 3; o++) {
		sqlite3_str *s = sqlite3_str_new(handle);
		sqlite3_str_appendf(s, "CREATE TRIGGER \"history_%w_%s\" AFTER %s ON \"%w\"", table, ops[o],
				    o == 0 ? "INSERT" : o == 1 ? "UPDATE" : "DELETE", table);
		if (o == 1) {
			sqlite3_str_appendall(s, " WHEN ");
			/* a uid filled in by KIND_uid just after its insert is part
			 * of that insert, not a change of its own */
			for (int i = 0; i < n; i++)
				sqlite3_str_appendf(s, "%s%sOLD.\"%w\" IS NOT NEW.\"%w\"%s", i ? " OR " : "",
						    strcmp(cols[i], "uid") ? "" : "(OLD.\"uid\" IS NOT NULL AND ", cols[i],
						    cols[i], strcmp(cols[i], "uid") ? "" : ")");
		}
		sqlite3_str_appendf(s, " BEGIN\nINSERT INTO change (grp, tbl, row_id, op%s) VALUES "
				       "((SELECT max(id) FROM change_group), %Q, %s.id, '%c'",
				    o == 0 ? "" : ", before", table, o == 0 ? "NEW" : "OLD", "IUD"[o]);
		if (o != 0) {
			sqlite3_str_appendall(s, ", ");
			append_json_object(s, "OLD.", cols, n);
		}
		sqlite3_str_appendall(s, ");\nEND");
		char *sql = finish(s);
		char *drop = sqlite3_mprintf("DROP TRIGGER IF EXISTS main.\"history_%w_%s\"", table, ops[o]);
		if (!drop)
			die_oom();
		rc = sqlite3_exec(handle, drop, NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(handle, sql, NULL, NULL, NULL);
		sqlite3_free(drop);
		sqlite3_free(sql);
	}
	free_columns(cols, n);
	return rc;
}

int history_make_triggers(sqlite3 *handle)
{
	sqlite3_stmt *present, *tables;
	int rc = prepare_named(handle, "history.present", &present);
	bool on = rc == SQLITE_OK && sqlite3_step(present) == SQLITE_ROW;
	sqlite3_finalize(present);
	if (rc != SQLITE_OK || !on)
		return rc;
	rc = prepare_named(handle, "history.tables", &tables);
	if (rc != SQLITE_OK)
		return rc;
	/* the names first: creating triggers while the list is read would
	 * read the schema it changes */
	char **names = NULL;
	size_t cap = 0, n = 0;
	while ((rc = sqlite3_step(tables)) == SQLITE_ROW) {
		names = xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup((const char *)sqlite3_column_text(tables, 0));
	}
	sqlite3_finalize(tables);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	for (size_t i = 0; i < n; i++) {
		if (rc == SQLITE_OK)
			rc = make_table_triggers(handle, names[i]);
		free(names[i]);
	}
	free(names);
	return rc;
}

/* A JSON string: what SQLite's json_object writes for text. */
static void json_text(sqlite3_str *s, const unsigned char *t, int len)
{
	sqlite3_str_appendchar(s, 1, '"');
	for (int i = 0; i < len; i++) {
		unsigned char c = t[i];
		if (c == '"' || c == '\\') {
			sqlite3_str_appendchar(s, 1, '\\');
			sqlite3_str_appendchar(s, 1, (char)c);
		} else if (c < 0x20) {
			const char *esc = c == '\b' ? "\\b" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\f' ? "\\f"
					: c == '\r' ? "\\r" : NULL;
			if (esc)
				sqlite3_str_appendall(s, esc);
			else
				sqlite3_str_appendf(s, "\\u%04x", c);
		} else {
			sqlite3_str_appendchar(s, 1, (char)c);
		}
	}
	sqlite3_str_appendchar(s, 1, '"');
}

/*
 * json_object(KEY, VALUE, ...), as SQLite's own writes it, but marked
 * innocuous: smalog's connections do not trust the schema, and SQLite 3.40
 * does not mark its JSON functions innocuous, so its json_object may not
 * run in a trigger there.  The sqlite3 shell trusts the schema and runs its
 * own; both write the same compact JSON.
 */
static void json_object_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	if (argc % 2) {
		sqlite3_result_error(ctx, "json_object() requires an even number of arguments", -1);
		return;
	}
	sqlite3_str *s = sqlite3_str_new(NULL);
	sqlite3_str_appendchar(s, 1, '{');
	for (int i = 0; i < argc; i += 2) {
		if (sqlite3_value_type(argv[i]) != SQLITE_TEXT) {
			sqlite3_free(sqlite3_str_finish(s));
			sqlite3_result_error(ctx, "json_object() labels must be TEXT", -1);
			return;
		}
		if (i)
			sqlite3_str_appendchar(s, 1, ',');
		json_text(s, sqlite3_value_text(argv[i]), sqlite3_value_bytes(argv[i]));
		sqlite3_str_appendchar(s, 1, ':');
		sqlite3_value *v = argv[i + 1];
		switch (sqlite3_value_type(v)) {
		case SQLITE_NULL:
			sqlite3_str_appendall(s, "null");
			break;
		case SQLITE_INTEGER:
			sqlite3_str_appendf(s, "%lld", (long long)sqlite3_value_int64(v));
			break;
		case SQLITE_FLOAT:
			sqlite3_str_appendf(s, "%!.15g", sqlite3_value_double(v));
			break;
		case SQLITE_TEXT:
			json_text(s, sqlite3_value_text(v), sqlite3_value_bytes(v));
			break;
		default:
			sqlite3_free(sqlite3_str_finish(s));
			sqlite3_result_error(ctx, "JSON cannot hold BLOB values", -1);
			return;
		}
	}
	sqlite3_str_appendchar(s, 1, '}');
	int len = sqlite3_str_length(s);
	char *text = sqlite3_str_finish(s);
	if (!text)
		die_oom();
	sqlite3_result_text(ctx, text, len, sqlite3_free);
	sqlite3_result_subtype(ctx, 'J');
}

int history_register(sqlite3 *handle)
{
	return sqlite3_create_function(handle, "json_object", -1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				       NULL, json_object_fn, NULL, NULL);
}

bool history_present(struct db *db)
{
	sqlite3_stmt *stmt = db_statement(db, "history.present");
	bool on = stmt && sqlite3_step(stmt) == SQLITE_ROW;
	if (stmt)
		sqlite3_reset(stmt);
	return on;
}

/* A change group as stored. */
struct group {
	int64_t id, undoes, added, changed, removed;
	int64_t first, last; /* its changes' ids; first > last: none */
	char *at, *who, *command, *message, *hash;
	bool null_counts;
};

static char *dup_column(sqlite3_stmt *stmt, int i)
{
	const char *text = (const char *)sqlite3_column_text(stmt, i);
	return text ? xstrdup(text) : NULL;
}

/* history.group / history.groups row into g. */
static void group_from_row(sqlite3_stmt *stmt, struct group *g)
{
	g->id = sqlite3_column_int64(stmt, 0);
	g->at = dup_column(stmt, 1);
	g->who = dup_column(stmt, 2);
	g->command = dup_column(stmt, 3);
	g->message = dup_column(stmt, 4);
	g->undoes = sqlite3_column_int64(stmt, 5);
	g->added = sqlite3_column_int64(stmt, 6);
	g->changed = sqlite3_column_int64(stmt, 7);
	g->removed = sqlite3_column_int64(stmt, 8);
	g->null_counts = sqlite3_column_type(stmt, 6) == SQLITE_NULL;
	g->hash = dup_column(stmt, 9);
	g->first = sqlite3_column_int64(stmt, 10);
	g->last = sqlite3_column_int64(stmt, 11);
}

static void group_release(struct group *g)
{
	free(g->at);
	free(g->who);
	free(g->command);
	free(g->message);
	free(g->hash);
	*g = (struct group){ 0 };
}

/* One value into the hash, unambiguously: its length, then its bytes;
 * NULL is "-", which no length starts with. */
static void put(struct sha256_ctx *c, const char *s, size_t len)
{
	char head[32];
	if (!s) {
		sha256_update(c, 2, (const uint8_t *)"-\n");
		return;
	}
	int n = snprintf(head, sizeof head, "%zu:", len);
	sha256_update(c, (size_t)n, (const uint8_t *)head);
	sha256_update(c, len, (const uint8_t *)s);
	sha256_update(c, 1, (const uint8_t *)"\n");
}

static void put_text(struct sha256_ctx *c, const char *s)
{
	put(c, s, s ? strlen(s) : 0);
}

static void put_int(struct sha256_ctx *c, int64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%" PRId64, v);
	put_text(c, buf);
}

/* n in decimal at p; returns the end. */
static char *put_decimal(char *p, uint64_t n)
{
	char digits[24];
	int k = 0;
	do
		digits[k++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	while (k > 0)
		*p++ = digits[--k];
	return p;
}

/* One field of a change into the row's bytes, as put() hashes it. */
static char *put_field(char *p, const char *s, size_t len)
{
	if (!s) {
		*p++ = '-';
		*p++ = '\n';
		return p;
	}
	p = put_decimal(p, len);
	*p++ = ':';
	memcpy(p, s, len);
	p += len;
	*p++ = '\n';
	return p;
}

static char *put_field_int(char *p, int64_t v)
{
	char buf[24], *end = v < 0 ? (buf[0] = '-', put_decimal(buf + 1, (uint64_t)0 - (uint64_t)v)) : put_decimal(buf, (uint64_t)v);
	return put_field(p, buf, (size_t)(end - buf));
}

/*
 * The group's hash, as lowercase hex: SHA-256 over each of its changes in
 * order, then the previous group's hash ("" for the first) and the group's
 * fields.  Each value is its length and its bytes, NULL "-", so no two
 * contents hash alike.  With count, the group's counts are taken from its
 * changes on the way (sealing); else they are the stored ones (verifying).
 * One pass over the changes, one hash update for each: an import's group
 * of a million rows is sealed in well under a second.  0 or an exit code.
 */
static int group_hash(struct db *db, struct group *g, bool count, const char *previous, char hex[HASH_HEX])
{
	struct sha256_ctx c;
	sha256_init(&c);
	put_text(&c, "smalog change group 2");
	sqlite3_stmt *stmt = db_statement(db, "history.changes");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_int(stmt, ":first", g->first);
	db_bind_int(stmt, ":last", g->last);
	int64_t ops[3] = { 0, 0, 0 };
	char *row = NULL;
	size_t cap = 0;
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *tbl = (const char *)sqlite3_column_text(stmt, 1);
		const char *op = (const char *)sqlite3_column_text(stmt, 3);
		const char *before = (const char *)sqlite3_column_text(stmt, 4);
		size_t ntbl = (size_t)sqlite3_column_bytes(stmt, 1), nop = (size_t)sqlite3_column_bytes(stmt, 3);
		size_t nbefore = (size_t)sqlite3_column_bytes(stmt, 4);
		size_t need = ntbl + nop + nbefore + 6 * 32;
		if (need > cap) {
			cap = need * 2;
			free(row);
			row = xcalloc(cap, 1);
		}
		char *p = put_field_int(row, sqlite3_column_int64(stmt, 0));
		p = put_field_int(p, sqlite3_column_int64(stmt, 5));
		p = put_field(p, tbl, ntbl);
		p = put_field_int(p, sqlite3_column_int64(stmt, 2));
		p = put_field(p, op, nop);
		p = put_field(p, before, nbefore);
		sha256_update(&c, (size_t)(p - row), (const uint8_t *)row);
		if (op && (op[0] == 'I' || op[0] == 'U' || op[0] == 'D') && tbl && !is_import_log(tbl))
			ops[op[0] == 'I' ? 0 : op[0] == 'U' ? 1 : 2]++;
	}
	free(row);
	sqlite3_reset(stmt);
	if (step != SQLITE_DONE)
		return db_fail(db, step, "reading the change log");
	if (count) {
		g->added = ops[0];
		g->changed = ops[1];
		g->removed = ops[2];
	}
	put_text(&c, previous ? previous : "");
	put_int(&c, g->id);
	put_text(&c, g->at);
	put_text(&c, g->who);
	put_text(&c, g->command);
	put_text(&c, g->message);
	put_int(&c, g->undoes);
	put_int(&c, g->added);
	put_int(&c, g->changed);
	put_int(&c, g->removed);
	put_int(&c, g->first);
	put_int(&c, g->last);
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(&c, sizeof digest, digest);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return 0;
}

/* The hash stored for the group before id, or NULL (the first). */
static int previous_hash(struct db *db, int64_t id, char **out)
{
	*out = NULL;
	sqlite3_stmt *stmt = db_statement(db, "history.previous_hash");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_int(stmt, ":id", id);
	int step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = dup_column(stmt, 0);
	sqlite3_reset(stmt);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : db_fail(db, step, "reading the change log");
}

/* The open group's changes: those after the last sealed group's. */
static int open_range(struct db *db, struct group *g)
{
	sqlite3_stmt *stmt = db_statement(db, "history.sealed_end");
	if (!stmt)
		return EX_SOFTWARE;
	int step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		g->first = sqlite3_column_int64(stmt, 0) + 1;
		g->last = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	return step == SQLITE_ROW ? 0 : db_fail(db, step, "reading the change log");
}

static int load_group(struct db *db, int64_t id, struct group *g, bool *found)
{
	*g = (struct group){ 0 };
	sqlite3_stmt *stmt = db_statement(db, "history.group");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_int(stmt, ":id", id);
	int step = sqlite3_step(stmt);
	*found = step == SQLITE_ROW;
	if (*found)
		group_from_row(stmt, g);
	sqlite3_reset(stmt);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_fail(db, step, "reading the change log");
	return *found && !g->hash ? open_range(db, g) : 0;
}

/* Seal the open group id, when it holds changes: dated now, its counts,
 * the note's who, command, message and undo (when given), the range of its
 * changes and its hash. */
static int seal_group(struct db *db, int64_t id, const struct history_note *note)
{
	struct group g;
	bool found;
	int rc = load_group(db, id, &g, &found);
	if (rc || !found || g.first > g.last) {
		group_release(&g);
		return rc;
	}
	sqlite3_stmt *now = db_statement(db, "history.now");
	if (!now)
		rc = EX_SOFTWARE;
	if (rc == 0) {
		int step = sqlite3_step(now);
		if (step == SQLITE_ROW) {
			free(g.at);
			g.at = dup_column(now, 0);
		}
		sqlite3_reset(now);
		if (step != SQLITE_ROW)
			rc = db_fail(db, step, "sealing the change group");
	}
	if (rc == 0 && note) {
		if (note->who) {
			free(g.who);
			g.who = xstrdup(note->who);
		}
		if (note->command) {
			free(g.command);
			g.command = xstrdup(note->command);
		}
		if (note->message) {
			free(g.message);
			g.message = xstrdup(note->message);
		}
		if (note->undoes)
			g.undoes = note->undoes;
	}
	char *previous = NULL, hex[HASH_HEX];
	if (rc == 0)
		rc = previous_hash(db, id, &previous);
	if (rc == 0)
		rc = group_hash(db, &g, true, previous, hex);
	free(previous);
	sqlite3_stmt *seal = rc == 0 ? db_statement(db, "history.seal") : NULL;
	if (rc == 0 && !seal)
		rc = EX_SOFTWARE;
	if (rc == 0) {
		db_bind_text(seal, ":at", g.at);
		db_bind_text(seal, ":who", g.who);
		db_bind_text(seal, ":command", g.command);
		db_bind_text(seal, ":message", g.message);
		if (g.undoes)
			db_bind_int(seal, ":undoes", g.undoes);
		else
			db_bind_null(seal, ":undoes");
		db_bind_int(seal, ":added", g.added);
		db_bind_int(seal, ":changed", g.changed);
		db_bind_int(seal, ":removed", g.removed);
		db_bind_int(seal, ":first", g.first);
		db_bind_int(seal, ":last", g.last);
		db_bind_text(seal, ":hash", hex);
		db_bind_int(seal, ":id", id);
		rc = db_run(db, seal, "sealing the change group");
	}
	group_release(&g);
	return rc;
}

/* Seal the open group (there is one, unless removed by hand) with note,
 * then make sure one is open for the next writes, smalog's or not. */
static int seal_open(struct db *db, const struct history_note *note)
{
	if (!history_present(db))
		return 0;
	sqlite3_stmt *stmt = db_statement(db, "history.open");
	if (!stmt)
		return EX_SOFTWARE;
	int64_t ids[8];
	int n = 0, step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW && n < 8)
		ids[n++] = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_fail(db, step, "reading the change log");
	int rc = 0;
	for (int i = 0; rc == 0 && i < n; i++)
		rc = seal_group(db, ids[i], note);
	stmt = rc == 0 ? db_statement(db, "history.open_next") : NULL;
	if (rc == 0 && !stmt)
		rc = EX_SOFTWARE;
	return rc ? rc : db_run(db, stmt, "opening a change group");
}

int history_install(struct db *db)
{
	int rc = history_make_triggers(db->handle);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, "upgrading the database schema");
	return seal_open(db, NULL);
}

int history_begin(struct db *db)
{
	/* smalog seals its group before its COMMIT: what the open group holds
	 * now was written outside smalog */
	int rc = seal_open(db, NULL);
	if (rc || !db->note || !history_present(db))
		return rc;
	sqlite3_stmt *stmt = db_statement(db, "history.imports_end");
	if (!stmt)
		return EX_SOFTWARE;
	int step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		db->note->imports_after = sqlite3_column_int64(stmt, 0);
		db->note->imports_marked = true;
	}
	sqlite3_reset(stmt);
	return step == SQLITE_ROW ? 0 : db_fail(db, step, "reading the import log");
}

int history_seal(struct db *db, const struct history_note *note)
{
	/* the files this transaction imported are its group's last changes */
	if (note && note->imports_marked && history_present(db)) {
		sqlite3_stmt *stmt = db_statement(db, "history.log_imports");
		if (!stmt)
			return EX_SOFTWARE;
		db_bind_int(stmt, ":after", note->imports_after);
		int rc = db_run(db, stmt, "logging the import");
		if (rc)
			return rc;
	}
	return seal_open(db, note);
}

int history_verify(struct db *db, int64_t *bad, char *why, size_t whysz)
{
	*bad = 0;
	if (!history_present(db))
		return 0;
	sqlite3_stmt *stmt = db_statement(db, "history.groups");
	if (!stmt)
		return EX_SOFTWARE;
	int64_t expect = 1, next_change = 1;
	char *previous = NULL;
	int rc = 0, step;
	bool open_seen = false;
	while (rc == 0 && !*bad && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct group g;
		group_from_row(stmt, &g);
		if (g.id != expect) {
			*bad = expect;
			snprintf(why, whysz, "change group %" PRId64 " is missing (removed by hand)", expect);
		} else if (open_seen) {
			*bad = g.id - 1;
			snprintf(why, whysz, "change group %" PRId64 " is open but is not the last", g.id - 1);
		} else if (!g.hash) {
			/* the open group: the next writes', smalog's or not */
			open_seen = true;
			if (g.command) {
				*bad = g.id;
				snprintf(why, whysz, "change group %" PRId64 " was never sealed", g.id);
			}
		} else {
			char hex[HASH_HEX];
			rc = group_hash(db, &g, false, previous, hex);
			if (rc == 0 && (strcmp(hex, g.hash) != 0 || g.first != next_change || g.last < g.first)) {
				*bad = g.id;
				snprintf(why, whysz, "change group %" PRId64 " does not match its hash (edited by hand)", g.id);
			}
			free(previous);
			previous = xstrdup(g.hash);
			next_change = g.last + 1;
		}
		expect = g.id + 1;
		group_release(&g);
	}
	sqlite3_reset(stmt);
	free(previous);
	if (rc == 0 && !*bad && step != SQLITE_DONE)
		rc = db_fail(db, step, "reading the change log");
	if (rc || *bad)
		return rc;
	/* a group removed from the end leaves its number behind */
	stmt = db_statement(db, "history.sequence");
	if (!stmt)
		return EX_SOFTWARE;
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW && sqlite3_column_int64(stmt, 0) >= expect) {
		*bad = expect;
		snprintf(why, whysz, "change group %" PRId64 " is missing (removed by hand)", expect);
	}
	sqlite3_reset(stmt);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : db_fail(db, step, "reading the change log");
}

/* Per table, the statements that read and reverse its rows, made from
 * its stored columns on the handle in use. */
struct table_sql {
	char *table;
	sqlite3_stmt *now, *del, *upd, *ins;
};

struct history_tables {
	sqlite3 *handle;
	struct table_sql *t;
	size_t n, cap;
	struct db *log; /* set by undo: what it does to the import log is logged here */
};

static void tables_release(struct history_tables *ts)
{
	for (size_t i = 0; i < ts->n; i++) {
		free(ts->t[i].table);
		sqlite3_finalize(ts->t[i].now);
		sqlite3_finalize(ts->t[i].del);
		sqlite3_finalize(ts->t[i].upd);
		sqlite3_finalize(ts->t[i].ins);
	}
	free(ts->t);
	*ts = (struct history_tables){ 0 };
}

static int prepare_owned(sqlite3 *handle, char *sql, sqlite3_stmt **stmt)
{
	int rc = sqlite3_prepare_v2(handle, sql, -1, stmt, NULL);
	sqlite3_free(sql);
	return rc;
}

/* The statements of table: the row now as JSON; reversing an insert
 * (delete it), an update (put back each column the JSON holds: a column
 * added since keeps its value) and a delete (insert it again, its id
 * included).  *out is NULL for a table that is not there. */
static int table_sql(struct history_tables *ts, const char *table, struct table_sql **out)
{
	*out = NULL;
	for (size_t i = 0; i < ts->n; i++)
		if (strcmp(ts->t[i].table, table) == 0) {
			*out = &ts->t[i];
			return 0;
		}
	char **cols;
	int n;
	int rc = stored_columns(ts->handle, table, &cols, &n);
	if (rc != SQLITE_OK || n == 0) {
		free_columns(cols, n);
		return rc;
	}
	ts->t = xgrow(ts->t, &ts->cap, ts->n + 1, sizeof *ts->t);
	struct table_sql *t = &ts->t[ts->n++];
	*t = (struct table_sql){ .table = xstrdup(table) };
	sqlite3_str *s = sqlite3_str_new(ts->handle);
	sqlite3_str_appendall(s, "SELECT ");
	append_json_object(s, "", cols, n);
	sqlite3_str_appendf(s, " FROM main.\"%w\" WHERE id = ?1", table);
	rc = prepare_owned(ts->handle, finish(s), &t->now);
	if (rc == SQLITE_OK)
		rc = prepare_owned(ts->handle, sqlite3_mprintf("DELETE FROM main.\"%w\" WHERE id = ?1", table), &t->del);
	s = sqlite3_str_new(ts->handle);
	sqlite3_str_appendf(s, "UPDATE main.\"%w\" SET ", table);
	sqlite3_str *ins = sqlite3_str_new(ts->handle), *vals = sqlite3_str_new(ts->handle);
	sqlite3_str_appendf(ins, "INSERT INTO main.\"%w\" (", table);
	for (int i = 0; i < n; i++) {
		char *path = sqlite3_mprintf("$.\"%w\"", cols[i]);
		if (!path)
			die_oom();
		sqlite3_str_appendf(s, "%s\"%w\" = CASE WHEN json_type(?2, %Q) IS NULL THEN \"%w\" ELSE json_extract(?2, %Q) END",
				    i ? ", " : "", cols[i], path, cols[i], path);
		sqlite3_str_appendf(ins, "%s\"%w\"", i ? ", " : "", cols[i]);
		sqlite3_str_appendf(vals, "%sjson_extract(?2, %Q)", i ? ", " : "", path);
		sqlite3_free(path);
	}
	sqlite3_str_appendall(s, " WHERE id = ?1");
	char *values = finish(vals);
	sqlite3_str_appendf(ins, ") VALUES (%s)", values);
	sqlite3_free(values);
	if (rc == SQLITE_OK)
		rc = prepare_owned(ts->handle, finish(s), &t->upd);
	else
		sqlite3_free(finish(s));
	if (rc == SQLITE_OK)
		rc = prepare_owned(ts->handle, finish(ins), &t->ins);
	else
		sqlite3_free(finish(ins));
	free_columns(cols, n);
	if (rc == SQLITE_OK)
		*out = t;
	return rc;
}

/* Reverse one change on ts's handle.  SQLite's result code. */
static int reverse(struct history_tables *ts, const char *table, int64_t row_id, const char *op, const char *before)
{
	struct table_sql *t;
	int rc = table_sql(ts, table, &t);
	if (rc != SQLITE_OK)
		return rc;
	if (!t)
		return SQLITE_OK; /* a table dropped since: nothing left to reverse */
	bool log = ts->log && is_import_log(table);
	char *was = NULL;
	if (log && op[0] == 'I') {
		/* no trigger keeps the row as it was: the undo of this undo needs it */
		sqlite3_bind_int64(t->now, 1, row_id);
		rc = sqlite3_step(t->now);
		if (rc == SQLITE_ROW)
			was = xstrdup((const char *)sqlite3_column_text(t->now, 0));
		sqlite3_reset(t->now);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return rc;
	}
	sqlite3_stmt *stmt = op[0] == 'I' ? t->del : op[0] == 'U' ? t->upd : t->ins;
	sqlite3_bind_int64(stmt, 1, row_id);
	if (op[0] != 'I')
		sqlite3_bind_text(stmt, 2, before, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	/* logged as its trigger would, were it a kind's table: removed with
	 * its values, or added by its key; a row already gone is no change */
	if (rc == SQLITE_OK && log && (op[0] == 'D' || was)) {
		sqlite3_stmt *note = db_statement(ts->log, "history.log_change");
		if (!note) {
			free(was);
			return SQLITE_ERROR;
		}
		db_bind_text(note, ":tbl", table);
		db_bind_int(note, ":row_id", row_id);
		db_bind_text(note, ":op", op[0] == 'I' ? "D" : "I");
		db_bind_text(note, ":before", was);
		rc = sqlite3_step(note);
		sqlite3_reset(note);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	free(was);
	return rc;
}

/* The words for one value of a column: a kind's field by its name, shown
 * as entered (pct 13.00, not pct_bp 1300). */
static void value_words(const struct kind *kind, const char *column, sqlite3_stmt *stmt, int i, struct sbuf *out)
{
	const struct field *f = NULL;
	for (int k = 0; kind && k < kind->nfields && !f; k++) {
		const struct field *c = &kind->fields[k];
		const char *suffix = field_types[c->type].suffix;
		size_t len = strlen(c->name);
		if (strncmp(column, c->name, len) == 0 && strcmp(column + len, suffix ? suffix : "") == 0)
			f = c;
	}
	switch (sqlite3_column_type(stmt, i)) {
	case SQLITE_NULL:
		sb_adds(out, "(none)");
		break;
	case SQLITE_INTEGER:
		if (f && field_types[f->type].scale > 0) {
			char buf[DECIMAL_TEXT_SIZE];
			decimal_format(sqlite3_column_int64(stmt, i), field_types[f->type].scale, false, buf, sizeof buf);
			sb_adds(out, buf);
		} else {
			sb_addf(out, "%" PRId64, (int64_t)sqlite3_column_int64(stmt, i));
		}
		break;
	default:
		sb_adds(out, (const char *)sqlite3_column_text(stmt, i));
		break;
	}
}

static const char *column_name_words(const struct kind *kind, const char *column)
{
	for (int k = 0; kind && k < kind->nfields; k++) {
		const struct field *c = &kind->fields[k];
		const char *suffix = field_types[c->type].suffix;
		size_t len = strlen(c->name);
		if (strncmp(column, c->name, len) == 0 && strcmp(column + len, suffix ? suffix : "") == 0)
			return c->name;
	}
	return column;
}

/* An import log row's words: "import_log 1: added (position, 'p.csv')",
 * the file named so that a reader knows which import it remembers. */
static int import_words(struct db *db, int64_t change_id, int64_t row_id, const char *op, const char *before,
			struct sbuf *out)
{
	sb_adds(out, op[0] == 'D' ? "removed" : "added");
	sqlite3_stmt *stmt = db_statement(db, "history.import_named");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_text(stmt, ":op", op);
	db_bind_text(stmt, ":before", before);
	db_bind_int(stmt, ":row_id", row_id);
	db_bind_int(stmt, ":id", change_id);
	int step = sqlite3_step(stmt);
	const char *kind = step == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : NULL;
	const char *file = step == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 1) : NULL;
	if (kind && file)
		sb_addf(out, " (%.40s, '%s')", kind, file);
	sqlite3_reset(stmt);
	return step == SQLITE_ROW ? 0 : db_fail(db, step, "reading the change log");
}

int history_words(struct db *db, int64_t change_id, const char *tbl, int64_t row_id, const char *op,
		  const char *before, struct sbuf *out)
{
	sb_addf(out, "%.40s", tbl);
	sb_addf(out, " %" PRId64 ": ", row_id);
	if (is_import_log(tbl))
		return import_words(db, change_id, row_id, op, before, out);
	if (op[0] == 'I') {
		sb_adds(out, "added");
		return 0;
	}
	if (op[0] == 'D') {
		sb_adds(out, "removed");
		return 0;
	}
	/* what the row became: the next change's before, else the row now */
	sqlite3_stmt *next = db_statement(db, "history.next_change");
	if (!next)
		return EX_SOFTWARE;
	db_bind_text(next, ":tbl", tbl);
	db_bind_int(next, ":row_id", row_id);
	db_bind_int(next, ":id", change_id);
	int step = sqlite3_step(next);
	char *after = NULL;
	if (step == SQLITE_ROW)
		after = dup_column(next, 1);
	sqlite3_reset(next);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_fail(db, step, "reading the change log");
	int rc = 0;
	if (step == SQLITE_DONE) {
		struct history_tables ts = { .handle = db->handle };
		struct table_sql *t;
		rc = table_sql(&ts, tbl, &t);
		if (rc == SQLITE_OK && t) {
			sqlite3_bind_int64(t->now, 1, row_id);
			if ((step = sqlite3_step(t->now)) == SQLITE_ROW)
				after = dup_column(t->now, 0);
			rc = step == SQLITE_ROW || step == SQLITE_DONE ? SQLITE_OK : step;
		}
		tables_release(&ts);
		if (rc != SQLITE_OK)
			return db_fail(db, rc, "reading the change log");
	}
	sqlite3_stmt *diff = db_statement(db, "history.diff");
	if (!diff) {
		free(after);
		return EX_SOFTWARE;
	}
	db_bind_text(diff, ":before", before);
	db_bind_text(diff, ":after", after ? after : "{}");
	const struct kind *kind = kind_find(tbl);
	int shown = 0;
	while ((step = sqlite3_step(diff)) == SQLITE_ROW) {
		const char *column = (const char *)sqlite3_column_text(diff, 0);
		sb_adds(out, shown++ ? ", " : "");
		sb_adds(out, column_name_words(kind, column));
		sb_addc(out, ' ');
		value_words(kind, column, diff, 1, out);
		sb_adds(out, " \xE2\x86\x92 ");
		value_words(kind, column, diff, 2, out);
	}
	sqlite3_reset(diff);
	free(after);
	if (step != SQLITE_DONE)
		return db_fail(db, step, "reading the change log");
	if (shown == 0)
		sb_adds(out, "changed");
	return rc;
}

/* Reverse every change the statement yields (id, tbl, row_id, op, before),
 * in the order it yields them, on handle. */
static int reverse_all(struct db *db, sqlite3 *handle, sqlite3_stmt *changes, bool log, const char *doing)
{
	struct history_tables ts = { .handle = handle, .log = log ? db : NULL };
	int rc = SQLITE_OK, step;
	while (rc == SQLITE_OK && (step = sqlite3_step(changes)) == SQLITE_ROW)
		rc = reverse(&ts, (const char *)sqlite3_column_text(changes, 1), sqlite3_column_int64(changes, 2),
			     (const char *)sqlite3_column_text(changes, 3), (const char *)sqlite3_column_text(changes, 4));
	sqlite3_reset(changes);
	tables_release(&ts);
	if (rc == SQLITE_OK && step != SQLITE_DONE)
		rc = step;
	return rc == SQLITE_OK ? 0 : db_fail(db, rc, doing);
}

/*
 * The sealed groups after `after` that are still in force, as a JSON array
 * into ids, newest first: an undo later than `after` and the group it
 * undid cancel out, unless the undo was itself undone (then the undo and
 * its own undo cancel, and the group is in force again).  Going from the
 * newest back settles each undo before what it undid.  *latest is the
 * newest group in force that is not an undo (0: none); *undone_by the
 * group in force that undid `after` (0: none).
 */
static int in_force(struct db *db, int64_t after, struct sbuf *ids, int64_t *latest, int64_t *undone_by)
{
	sqlite3_stmt *stmt = db_statement(db, "history.later");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_int(stmt, ":after", after);
	int64_t *cancelled = NULL, top = 0;
	size_t cap = 0, n = 0;
	*latest = *undone_by = 0;
	sb_adds(ids, "[");
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(stmt, 0), undoes = sqlite3_column_int64(stmt, 1);
		if (!top)
			top = id;
		bool void_ = false;
		for (size_t i = 0; i < n && !void_; i++)
			void_ = cancelled[i] == id;
		if (void_)
			continue;
		if (undoes > after) {
			cancelled = xgrow(cancelled, &cap, n + 1, sizeof *cancelled);
			cancelled[n++] = undoes;
			continue;
		}
		if (undoes == after && after)
			*undone_by = id;
		if (!undoes && !*latest)
			*latest = id;
		sb_adds(ids, ids->len > 1 ? "," : "");
		sb_addf(ids, "%" PRId64, id);
	}
	sqlite3_reset(stmt);
	sb_adds(ids, "]");
	free(cancelled);
	return step == SQLITE_DONE ? 0 : db_fail(db, step, "reading the change log");
}

/* The records of the group that later groups in force changed, named, as
 * a refusal; 0 when there are none. */
static int refuse_conflicts(struct db *db, int64_t group, int64_t first, int64_t last, const char *groups)
{
	sqlite3_stmt *stmt = db_statement(db, "history.conflicts");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_int(stmt, ":first", first);
	db_bind_int(stmt, ":last", last);
	db_bind_text(stmt, ":groups", groups);
	struct sbuf names = { 0 };
	int n = 0, step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n++ < 5) {
			sb_adds(&names, n > 1 ? ", " : "");
			sb_addf(&names, "%.40s", (const char *)sqlite3_column_text(stmt, 0));
			sb_addf(&names, " %" PRId64, (int64_t)sqlite3_column_int64(stmt, 1));
			sb_addf(&names, " (group %" PRId64 ")", (int64_t)sqlite3_column_int64(stmt, 2));
		}
	}
	sqlite3_reset(stmt);
	int rc = 0;
	char more[64] = "";
	if (n > 5)
		snprintf(more, sizeof more, " and %d more record%s", n - 5, n > 6 ? "s" : "");
	if (step != SQLITE_DONE)
		rc = db_fail(db, step, "reading the change log");
	else if (n > 0)
		rc = sm_error(EX_DATAERR, "cannot undo group %" PRId64 ": later groups changed %s%s; undo those first", group,
			      sb_str(&names), more);
	sb_release(&names);
	return rc;
}

int history_undo(struct db *db, int64_t *group)
{
	struct sbuf ids = { 0 };
	int64_t latest, by;
	int rc = 0;
	if (!*group) {
		rc = in_force(db, 0, &ids, &latest, &by);
		sb_release(&ids);
		if (rc)
			return rc;
		if (!latest)
			return sm_error(EX_DATAERR, "nothing to undo: every change group is undone or an undo (see 'smalog log')");
		*group = latest;
	}
	struct group g;
	bool found;
	rc = load_group(db, *group, &g, &found);
	if (rc)
		return rc;
	bool open = found && !g.hash;
	int64_t first = g.first, last = g.last;
	group_release(&g);
	if (!found)
		return sm_error(EX_DATAERR, "no change group %" PRId64 " (see 'smalog log')", *group);
	if (open)
		return sm_error(EX_DATAERR, "change group %" PRId64 " is still open: it holds the next writes", *group);
	rc = in_force(db, *group, &ids, &latest, &by);
	if (rc == 0 && by)
		rc = sm_error(EX_DATAERR, "group %" PRId64 " is undone already, by group %" PRId64
			      " ('smalog undo %" PRId64 "' brings it back)", *group, by, by);
	if (rc == 0)
		rc = refuse_conflicts(db, *group, first, last, sb_str(&ids));
	sb_release(&ids);
	if (rc)
		return rc;
	/* a record and what refers to it come back in either order */
	rc = sqlite3_exec(db->handle, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, "undoing");
	sqlite3_stmt *stmt = db_statement(db, "history.changes_desc");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_int(stmt, ":first", first);
	db_bind_int(stmt, ":last", last);
	/* what the undo does to the import log, reverse() logs; sealing must
	 * not log the rows it puts back a second time */
	if (db->note)
		db->note->imports_marked = false;
	return reverse_all(db, db->handle, stmt, true, "undoing");
}

int history_rewind(struct db *db, sqlite3 *handle, const char *at)
{
	sqlite3_stmt *stmt = db_statement(db, "history.after");
	if (!stmt)
		return EX_SOFTWARE;
	db_bind_text(stmt, ":at", at);
	return reverse_all(db, handle, stmt, false, "reading the records as they were");
}

static bool digits(const char *p, int n)
{
	for (int i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

int history_parse_when(const char *text, bool end_of_day, char at[32], char *err, size_t errsz)
{
	size_t len = strlen(text);
	char buf[32];
	/* YYYY-MM-DD, then optionally [T ]HH:MM, :SS, .f{1,3}, Z */
	bool ok = len >= 10 && len < sizeof buf && digits(text, 4) && text[4] == '-' && digits(text + 5, 2) &&
		  text[7] == '-' && digits(text + 8, 2);
	const char *p = text + 10;
	int hh = end_of_day ? 23 : 0, mm = end_of_day ? 59 : 0, ss = end_of_day ? 59 : 0, ms = end_of_day ? 999 : 0;
	if (ok && *p) {
		ms = 0;
		ss = 0;
		ok = (*p == 'T' || *p == ' ') && digits(p + 1, 2) && p[3] == ':' && digits(p + 4, 2);
		if (ok) {
			hh = (p[1] - '0') * 10 + p[2] - '0';
			mm = (p[4] - '0') * 10 + p[5] - '0';
			p += 6;
		}
		if (ok && *p == ':') {
			ok = digits(p + 1, 2);
			if (ok) {
				ss = (p[1] - '0') * 10 + p[2] - '0';
				p += 3;
			}
			if (ok && *p == '.') {
				int n = 0, scale = 100;
				for (p++; *p >= '0' && *p <= '9' && n < 3; p++, n++, scale /= 10)
					ms += (*p - '0') * scale;
				ok = n > 0;
			}
		}
		if (ok && *p == 'Z')
			p++;
		ok = ok && *p == '\0';
	}
	int y = ok ? atoi(text) : 0, mo = ok ? atoi(text + 5) : 0, d = ok ? atoi(text + 8) : 0;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (ok && (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days[mo - 1] ||
		   (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) || hh > 23 || mm > 59 || ss > 59))
		ok = false;
	if (!ok) {
		snprintf(err, errsz, "'%.40s' is not a moment: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]][Z], in UTC",
			 text);
		return -1;
	}
	char full[96];
	snprintf(full, sizeof full, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, mo, d, hh, mm, ss, ms);
	snprintf(at, 32, "%.31s", full);
	return 0;
}

int history_as_of(struct db *db, const char *at)
{
	sqlite3 *copy = NULL;
	int rc = sqlite3_open_v2(":memory:", &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY | SQLITE_OPEN_NOMUTEX, NULL);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(copy, "main", db->handle, "main") : NULL;
	if (b) {
		rc = sqlite3_backup_step(b, -1);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		sqlite3_backup_finish(b);
	} else if (rc == SQLITE_OK) {
		rc = sqlite3_errcode(copy);
	}
	if (rc != SQLITE_OK) {
		int code = db_fail(db, rc, "reading the records as they were");
		sqlite3_close(copy);
		return code;
	}
	/* the copy is rewound by reversing the log: nothing in it may log
	 * again, cascade or object meanwhile */
	sqlite3_db_config(copy, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(copy, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(copy, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_exec(copy, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	history_register(copy);
	rc = db_use_handle(db, copy);
	if (rc == 0)
		rc = history_rewind(db, db->handle, at);
	return rc;
}

int history_open_range(struct db *db, int64_t *first, int64_t *last)
{
	struct group g = { 0 };
	int rc = open_range(db, &g);
	*first = g.first;
	*last = g.last;
	return rc;
}

/* history.h - the change log: triggers derived from the tables, change groups sealed in a hash chain, undo and rewind. */
#ifndef SMALOG_HISTORY_H
#define SMALOG_HISTORY_H

#include "smalog/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sbuf;

/* Who wrote and why: what a writing command's group records when sealed.
 * who and command NULL: a group left by a write outside smalog. */
struct history_note {
	const char *who;     /* $SMALOG_USER, else the login name */
	const char *command; /* the command line, as typed */
	const char *message; /* -m, or NULL */
	int64_t undoes;      /* the group an undo reverses, or 0 */
	/* set by history_begin: the import log's last row then, so that the
	 * files imported since are logged in the group (history_seal) */
	bool imports_marked;
	int64_t imports_after;
};

/* Register smalog's json_object on handle: the triggers' function, which
 * SQLite 3.40 does not let a trigger of an untrusted schema call.  SQLite's
 * result code. */
int history_register(sqlite3 *handle);

/* Whether the file has a change log (its schema is recent enough). */
bool history_present(struct db *db);

/* (Re)create the triggers that log every change to the records' tables
 * of handle's main database, each derived from its table's stored columns:
 * the same text for a file and for smalog's reference schema built in
 * memory.  Nothing when the database has no change log.  Returns SQLite's
 * result code. */
int history_make_triggers(sqlite3 *handle);

/* After an upgrade, in its transaction: the triggers made again from the
 * tables as they now are, and the group that the migration opened (what
 * the file already held) sealed.  0 or an exit code. */
int history_install(struct db *db);

/* Inside a writing command's transaction, before it writes: a group left
 * open by writes outside smalog is sealed as theirs, so that what this
 * command changes is a group of its own; and the import log's end marked
 * in the note.  0 or an exit code. */
int history_begin(struct db *db);

/* Before COMMIT: seal the open group, if it holds changes (this
 * transaction's, the files it added to the import log included), with
 * note, the time, its counts of records and its hash; then open the next.
 * NULL note: it keeps what it has.  0 or an exit code. */
int history_seal(struct db *db, const struct history_note *note);

/* Verify the chain: each sealed group's hash against its content and the
 * previous hash, the numbering, and that no group is missing at the end.
 * 0 with *bad 0 when it holds; *bad the first group that does not match
 * and why[] says how; or an exit code. */
int history_verify(struct db *db, int64_t *bad, char *why, size_t whysz);

/* One change in words into out ("position 3: pct 13.00 → 13.90"), its
 * "after" being what the row was next (the following change's before) or
 * is now.  0 or an exit code. */
int history_words(struct db *db, int64_t change_id, const char *tbl, int64_t row_id, const char *op,
		  const char *before, struct sbuf *out);

/* The ids of the changes in the open group (first > last: none). */
int history_open_range(struct db *db, int64_t *first, int64_t *last);

/* Undo *group (0: the latest group in force that is not an undo, set
 * here): reverse its changes, newest first, in the open transaction (the
 * triggers log what that does in the open group; what it does to the
 * import log, which has none, is logged here: the files the group
 * imported can be imported again, and come back when the undo is undone).
 * Refused with
 * EX_DATAERR, naming the records, when a later group still in force
 * changed the same rows (a later group undone later still is not), or the
 * group is undone already. */
int history_undo(struct db *db, int64_t *group);

/* Rewind handle (a copy of the database, its triggers and foreign keys
 * off) to the moment at (UTC, "YYYY-MM-DDTHH:MM:SS.mmmZ"): every change of
 * a group made later is reversed, newest first.  0 or an exit code. */
int history_rewind(struct db *db, sqlite3 *handle, const char *at);

/* Parse a moment (--as-of, --since): YYYY-MM-DD or
 * YYYY-MM-DDTHH:MM[:SS[.fff]][Z], UTC, into at as the log writes times
 * ("2026-11-30T20:50:01.000Z"); a bare date is the end of that day when
 * end_of_day, else its start.  0, or -1 with err. */
int history_parse_when(const char *text, bool end_of_day, char at[32], char *err, size_t errsz);

/* The database opened for reading, replaced by an in-memory copy rewound
 * to at: every later read sees the records as they stood then. */
int history_as_of(struct db *db, const char *at);

#endif

/* schema.h - smalog's own schema, made from the embedded SQL at build time, held against a file's. */
#ifndef SMALOG_SCHEMA_H
#define SMALOG_SCHEMA_H

#include "smalog/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One row of sqlite_schema. */
struct schema_object {
	const char *type, *name, *tbl_name, *sql; /* sql is NULL for an automatic index */
	bool unique;                              /* an index that is a constraint */
};

/* A schema: its objects in the order they were created. */
struct schema {
	const struct schema_object *obj;
	int n;
};

/* smalog's own tables, indexes and triggers at version (1 to
 * db_schema_version()): what the migrations up to version and the change
 * log's triggers make in an empty database.  Made at build time by
 * tools/schema_gen.c (schema_build) and compiled in as static data, so
 * that a writer's check of the file costs no parsing.  The report views
 * are not in it (schema_views).  Lives until exit.  NULL after
 * sm_error(EX_SOFTWARE). */
const struct schema *schema_reference(int version);

/* smalog's report views at the latest version, the stamp view
 * smalog_views last, as a file holds them (schema_replace_views): made
 * with schema_reference.  An older file's views are replaced by its
 * upgrade, never compared.  Lives until exit. */
const struct schema *schema_views(void);

/* Build at run time what schema_reference(version) and, when views is not
 * NULL (the latest version only), schema_views() hold: the embedded
 * migrations, the change log's triggers and the report views applied to
 * an empty in-memory database, read back.  The generator's work, and a
 * test's that the compiled table is what this build makes.  Returns 0 or
 * EX_SOFTWARE (after sm_error); release each schema with schema_release
 * either way. */
int schema_build(int version, struct schema *objects, struct schema *views);
void schema_release(struct schema *s);

/* How an object of the file stands against smalog's schema. */
enum schema_finding_kind {
	SCHEMA_OWN,     /* a user's own table or view, not smalog's: harmless */
	SCHEMA_FOREIGN, /* a trigger, or an index on smalog's table, that smalog did not create */
	SCHEMA_MISSING, /* smalog's object, absent from the file */
	SCHEMA_DIFFERS, /* smalog's name, another definition */
};

struct schema_finding {
	enum schema_finding_kind kind;
	char *type, *name, *tbl_name;   /* the file's object; for MISSING, smalog's */
	const struct schema_object *ref; /* smalog's object of that name, or NULL */
};

struct schema_report {
	struct schema_finding *f;
	int n;
	int problems; /* findings other than SCHEMA_OWN */
};

/* Compare the file's sqlite_schema with smalog's at version (at the latest,
 * its report views too).  Only the triggers
 * when triggers_only (before an upgrade, so that none runs during a
 * migration).  Returns 0 or an exit code; release *r either way. */
int schema_compare(struct db *db, int version, bool triggers_only, struct schema_report *r);
void schema_report_release(struct schema_report *r);

/* Refuse (EX_DATAERR) a file whose schema has a problem, naming it and
 * suggesting 'smalog check --repair'.  before_upgrade: only triggers,
 * against the file's own (older) version. */
int schema_refuse_problems(struct db *db, int version, bool before_upgrade);

/* What --repair does to a finding: NULL when it cannot (a table of
 * smalog's that differs: its rows would go), else "drop", "restore" or
 * "replace". */
const char *schema_repair_action(const struct schema_finding *f);

/* Drop or restore every finding that has a repair action, in one
 * transaction.  Returns 0 or an exit code (nothing changed then). */
int schema_repair(struct db *db, const struct schema_report *r);

/* `check`'s part: compare the file with smalog's schema at db->version,
 * write a note on stderr for each object that is the user's own, and pass
 * each problem to problem().  With repair, first say on stderr what will
 * be dropped, restored or replaced (and what cannot be), do it in one
 * transaction, and pass on what is left.  *repaired is set when the
 * file was changed.  Returns 0 or an exit code. */
int schema_check(struct db *db, bool repair, void (*problem)(void *arg, const char *what), void *arg, bool *repaired);

/* Create smalog's report views as TEMP views on this connection, so that
 * every unqualified use of them reads smalog's definitions, whatever view
 * text the file holds.  The file must be at the latest version; a second
 * call does nothing. */
int schema_temp_views(struct db *db);

/* Before a statement of smalog's is prepared on db (db_statement): make
 * the TEMP views when its text names one of them and they are not made
 * yet.  A reader makes them as it opens; a writer (DB_READ_WRITE), which
 * seldom reads a view, only here, and its connection runs no view of the
 * file (SQLITE_DBCONFIG_ENABLE_VIEW off): a statement that reached a view
 * another way would fail, never run the file's text.  Returns 0 or an
 * exit code. */
int schema_views_for(struct db *db, const char *sql, int len);

/* After a ROLLBACK on db: TEMP views made inside that transaction went
 * with it, and are made again, so that statements prepared with them
 * still find them. */
void schema_after_rollback(struct db *db);

/* Whether the file's report views are this build's: its view smalog_views
 * holds the stamp of smalog's view text.  Reads the stored text, never
 * runs it. */
bool schema_views_current(struct db *db);

/* Drop smalog's report views from the file, under every name a version
 * made them: before a migration, which SQLite would refuse while a view
 * reads a table that the migration is yet to make.  Inside the caller's
 * transaction.  Returns 0 or an exit code. */
int schema_drop_views(struct db *db);

/* Drop smalog's report views from the file, under every name a version
 * made them, and create this build's with their stamp.  Inside the
 * caller's transaction.  Returns 0 or an exit code. */
int schema_replace_views(struct db *db);

/* A writer's first step on a file at the latest version: replace its
 * report views, in a transaction of their own, when they are not this
 * build's (schema_views_current).  Returns 0 or an exit code. */
int schema_refresh_views(struct db *db);

#endif

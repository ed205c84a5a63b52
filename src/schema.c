/* schema.c - smalog's own schema, made from the embedded SQL, held against a file's. */
#include "smalog/schema.h"

#include "smalog/error.h"
#include "smalog/history.h"
#include "smalog/memory.h"
#include "smalog/sql.h"
#include "smalog/utf8.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read the rows of a schema statement (type, name, tbl_name, sql and,
 * with_unique, whether an index is a constraint) into s, which starts
 * empty.  Returns the final step's result: SQLITE_DONE when every row was
 * read. */
static int read_objects(sqlite3_stmt *stmt, bool with_unique, struct schema *s)
{
	struct schema_object *obj = NULL;
	size_t cap = 0;
	int n = 0, step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *text[4];
		for (int i = 0; i < 4; i++)
			text[i] = (const char *)sqlite3_column_text(stmt, i);
		/* only a file whose schema was written by hand lacks them */
		if (!text[0] || !text[1] || !text[2])
			continue;
		obj = xgrow(obj, &cap, (size_t)n + 1, sizeof *obj);
		obj[n++] = (struct schema_object){
			.type = xstrdup(text[0]),
			.name = xstrdup(text[1]),
			.tbl_name = xstrdup(text[2]),
			.sql = text[3] ? xstrdup(text[3]) : NULL,
			.unique = with_unique && sqlite3_column_int(stmt, 4) != 0,
		};
	}
	sqlite3_reset(stmt);
	*s = (struct schema){ obj, n };
	return step;
}

/* The texts of an object that read_objects made, given back. */
static void object_release(const struct schema_object *o)
{
	free((char *)o->type);
	free((char *)o->name);
	free((char *)o->tbl_name);
	free((char *)o->sql);
}

void schema_release(struct schema *s)
{
	for (int i = 0; i < s->n; i++)
		object_release(&s->obj[i]);
	free((struct schema_object *)s->obj);
	*s = (struct schema){ 0 };
}

int schema_build(int version, struct schema *objects, struct schema *views)
{
	*objects = (struct schema){ 0 };
	if (views)
		*views = (struct schema){ 0 };
	if (version < 1 || version > db_schema_version() || (views && version != db_schema_version()))
		return sm_error(EX_SOFTWARE, "internal error: no schema version %d%s", version, views ? " with views" : "");
	struct db mem = { .path = "smalog's own schema" };
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_open_v2(":memory:", &mem.handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY | SQLITE_OPEN_NOMUTEX,
				 NULL);
	for (int v = 1; rc == SQLITE_OK && v <= version; v++)
		rc = sqlite3_exec(mem.handle, db_migration(v), NULL, NULL, NULL);
	/* the change log's triggers, derived from the tables as a file's are */
	if (rc == SQLITE_OK)
		rc = history_make_triggers(mem.handle);
	int len;
	const char *text = sql_statement("schema.reference", &len);
	if (rc == SQLITE_OK)
		rc = text ? sqlite3_prepare_v2(mem.handle, text, len, &stmt, NULL) : SQLITE_ERROR;
	struct schema all = { 0 };
	if (rc == SQLITE_OK && read_objects(stmt, true, &all) != SQLITE_DONE)
		rc = SQLITE_ERROR;
	if (rc != SQLITE_OK)
		rc = sm_error(EX_SOFTWARE, "internal error: cannot build smalog's schema version %d: %s", version,
			      mem.handle ? sqlite3_errmsg(mem.handle) : sqlite3_errstr(rc));
	/* the report views, made by the code that makes a file's, read back
	 * alone: their text is what a file at this version holds */
	if (rc == 0 && views && schema_replace_views(&mem) != 0)
		rc = EX_SOFTWARE;
	if (rc == 0 && views) {
		sqlite3_finalize(stmt);
		text = sql_statement("schema.views", &len);
		rc = text ? sqlite3_prepare_v2(mem.handle, text, len, &stmt, NULL) : SQLITE_ERROR;
		if (rc == SQLITE_OK && read_objects(stmt, false, views) != SQLITE_DONE)
			rc = SQLITE_ERROR;
		if (rc != SQLITE_OK)
			rc = sm_error(EX_SOFTWARE, "internal error: cannot read smalog's views: %s", sqlite3_errmsg(mem.handle));
	}
	sqlite3_finalize(stmt);
	sqlite3_close(mem.handle);
	*objects = all;
	if (rc != 0) {
		schema_release(objects);
		if (views)
			schema_release(views);
	}
	return rc;
}

static int find(const struct schema *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (sqlite3_stricmp(s->obj[i].name, name) == 0)
			return i;
	return -1;
}

/* smalog's objects are numbered through the reference, then the report
 * views: object i of them. */
static const struct schema_object *object_at(const struct schema *ref, int i)
{
	return i < ref->n ? &ref->obj[i] : &schema_views()->obj[i - ref->n];
}

/* The number of smalog's object of that name among the reference and,
 * when they count, the report views; -1 if none. */
static int find_object(const struct schema *ref, bool views, const char *name)
{
	int i = find(ref, name);
	if (i < 0 && views && (i = find(schema_views(), name)) >= 0)
		i += ref->n;
	return i;
}

static bool is_table_of(const struct schema *s, const char *name)
{
	int i = find(s, name);
	return i >= 0 && strcmp(s->obj[i].type, "table") == 0;
}

/* Tables that SQLite itself creates (AUTOINCREMENT, ANALYZE): data about
 * the file, not objects of anyone's. */
static bool is_sqlite_own(const struct schema_object *o)
{
	return strcmp(o->type, "table") == 0 &&
	       (sqlite3_stricmp(o->name, "sqlite_sequence") == 0 || sqlite3_strnicmp(o->name, "sqlite_stat", 11) == 0);
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void add(struct schema_report *r, size_t *cap, enum schema_finding_kind kind, const struct schema_object *o,
		const struct schema_object *ref)
{
	r->f = xgrow(r->f, cap, (size_t)r->n + 1, sizeof *r->f);
	r->f[r->n++] = (struct schema_finding){
		.kind = kind, .type = xstrdup(o->type), .name = xstrdup(o->name), .tbl_name = xstrdup(o->tbl_name), .ref = ref,
	};
	if (kind != SCHEMA_OWN)
		r->problems++;
}

int schema_compare(struct db *db, int version, bool triggers_only, struct schema_report *r)
{
	*r = (struct schema_report){ 0 };
	const struct schema *ref = schema_reference(version);
	if (!ref)
		return EX_SOFTWARE;
	/* an older file's views are replaced by its upgrade, never compared;
	 * views of another build of smalog (stale) by the next writer: a view
	 * that is smalog's by name is then not compared, though anything else
	 * under that name still is */
	bool views = version == db_schema_version() && !triggers_only;
	bool stale = views && !schema_views_current(db);
	sqlite3_stmt *stmt = db_statement(db, "schema.file");
	if (!stmt)
		return EX_SOFTWARE;
	struct schema file = { 0 };
	int step = read_objects(stmt, false, &file);
	if (step != SQLITE_DONE) {
		schema_release(&file);
		return db_fail(db, step, "reading the schema");
	}
	int nseen = ref->n + (views ? schema_views()->n : 0);
	bool *seen = calloc((size_t)nseen + 1, sizeof *seen);
	if (!seen)
		die_oom();
	size_t cap = 0;
	for (int k = 0; k < file.n; k++) {
		const struct schema_object *o = &file.obj[k];
		/* an automatic index goes with its table; SQLite's tables are its own */
		if (!o->sql || is_sqlite_own(o))
			continue;
		if ((triggers_only && strcmp(o->type, "trigger") != 0) || (!views && strcmp(o->type, "view") == 0))
			continue;
		int i = find_object(ref, views, o->name);
		if (i >= ref->n && stale && strcmp(o->type, "view") == 0) {
			seen[i] = true;
			continue;
		}
		if (i >= 0) {
			seen[i] = true;
			const struct schema_object *want = object_at(ref, i);
			if (!same(o->type, want->type) || sqlite3_stricmp(o->tbl_name, want->tbl_name) != 0 ||
			    !same(o->sql, want->sql))
				add(r, &cap, SCHEMA_DIFFERS, o, want);
		} else if (strcmp(o->type, "trigger") == 0 ||
			   (strcmp(o->type, "index") == 0 && is_table_of(ref, o->tbl_name))) {
			add(r, &cap, SCHEMA_FOREIGN, o, NULL);
		} else {
			add(r, &cap, SCHEMA_OWN, o, NULL);
		}
	}
	for (int i = 0; i < nseen; i++) {
		const struct schema_object *want = object_at(ref, i);
		if (seen[i] || !want->sql || is_sqlite_own(want) || (triggers_only && strcmp(want->type, "trigger") != 0) ||
		    (stale && i >= ref->n))
			continue;
		add(r, &cap, SCHEMA_MISSING, want, want);
	}
	free(seen);
	schema_release(&file);
	return 0;
}

void schema_report_release(struct schema_report *r)
{
	for (int i = 0; i < r->n; i++) {
		free(r->f[i].type);
		free(r->f[i].name);
		free(r->f[i].tbl_name);
	}
	free(r->f);
	*r = (struct schema_report){ 0 };
}

/* One line about a finding ("trigger 'x' on table 'position' was not
 * created by smalog"), into buf. */
static const char *schema_finding_text(const struct schema_finding *f, char *buf, size_t bufsz)
{
	/* names come from the file: echoed printable and bounded */
	char name[UTF8_ECHO_SIZE], table[UTF8_ECHO_SIZE];
	utf8_echo(f->name, strlen(f->name), name, sizeof name);
	utf8_echo(f->tbl_name, strlen(f->tbl_name), table, sizeof table);
	bool on_table = strcmp(f->type, "index") == 0 || strcmp(f->type, "trigger") == 0;
	switch (f->kind) {
	case SCHEMA_OWN:
		if (on_table)
			snprintf(buf, bufsz, "%s '%s' on '%s' was not created by smalog (not a problem)", f->type, name, table);
		else
			snprintf(buf, bufsz, "%s '%s' was not created by smalog (not a problem)", f->type, name);
		break;
	case SCHEMA_FOREIGN:
		snprintf(buf, bufsz, "%s '%s' on '%s' was not created by smalog (it would run whenever smalog writes)",
			 f->type, name, table);
		break;
	case SCHEMA_MISSING:
		snprintf(buf, bufsz, "smalog's %s '%s' is missing", f->type, name);
		break;
	case SCHEMA_DIFFERS:
		if (strcmp(f->type, f->ref->type) != 0)
			snprintf(buf, bufsz, "'%s' is a %s where smalog has a %s", name, f->type, f->ref->type);
		else
			snprintf(buf, bufsz, "%s '%s' differs from smalog's definition", f->type, name);
		break;
	}
	return buf;
}

int schema_refuse_problems(struct db *db, int version, bool before_upgrade)
{
	struct schema_report r;
	int rc = schema_compare(db, version, before_upgrade, &r);
	for (int i = 0; rc == 0 && i < r.n; i++) {
		if (r.f[i].kind == SCHEMA_OWN)
			continue;
		char what[512], more[64] = "";
		if (r.problems > 1)
			snprintf(more, sizeof more, " (and %d more problem%s)", r.problems - 1, r.problems > 2 ? "s" : "");
		rc = sm_error(EX_DATAERR, "'%s': %s%s; smalog does not write to it until that is put right: see 'smalog check --repair'",
			      db->path, schema_finding_text(&r.f[i], what, sizeof what), more);
	}
	schema_report_release(&r);
	return rc;
}

const char *schema_repair_action(const struct schema_finding *f)
{
	switch (f->kind) {
	case SCHEMA_FOREIGN:
		return "drop";
	case SCHEMA_MISSING:
		return "restore";
	case SCHEMA_DIFFERS:
		/* dropping a table drops its rows: never done for the user */
		if (strcmp(f->type, "table") == 0 || strcmp(f->ref->type, "table") == 0)
			return NULL;
		return "replace";
	case SCHEMA_OWN:
		break;
	}
	return NULL;
}

/* Run one statement of smalog's own making. */
static int run_sql(struct db *db, const char *sql, const char *doing)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db->handle, sql, -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
		if (rc == SQLITE_DONE || rc == SQLITE_ROW)
			return 0;
	}
	return db_fail(db, rc, doing);
}

int schema_repair(struct db *db, const struct schema_report *r)
{
	int rc = db_begin(db);
	/* drops first, by the file's type and name, in main only */
	for (int i = 0; rc == 0 && i < r->n; i++) {
		const struct schema_finding *f = &r->f[i];
		const char *action = schema_repair_action(f);
		if (!action || strcmp(action, "restore") == 0)
			continue;
		char *drop = sqlite3_mprintf("DROP %s main.\"%w\"", strcmp(f->type, "trigger") == 0 ? "TRIGGER"
								 : strcmp(f->type, "index") == 0 ? "INDEX" : "VIEW",
					     f->name);
		if (!drop)
			die_oom();
		rc = run_sql(db, drop, "repairing the schema");
		sqlite3_free(drop);
	}
	/* then smalog's definitions, in the order smalog creates them */
	const struct schema *ref = rc == 0 ? schema_reference(db->version) : NULL;
	if (rc == 0 && !ref)
		rc = EX_SOFTWARE;
	int n = rc == 0 ? ref->n + (db->version == db_schema_version() ? schema_views()->n : 0) : 0;
	for (int k = 0; rc == 0 && k < n; k++) {
		const struct schema_object *want = object_at(ref, k);
		for (int i = 0; rc == 0 && i < r->n; i++) {
			const char *action = schema_repair_action(&r->f[i]);
			if (r->f[i].ref == want && action && strcmp(action, "drop") != 0)
				rc = run_sql(db, want->sql, "repairing the schema");
		}
	}
	if (rc == 0)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

/* Print "LABEL: what" on stderr, what being printable already. */
static void say(const char *label, const char *what)
{
	fprintf(stderr, "%s: %s\n", label, what);
}

int schema_check(struct db *db, bool repair, void (*problem)(void *arg, const char *what), void *arg, bool *repaired)
{
	*repaired = false;
	struct schema_report r;
	int rc = schema_compare(db, db->version, false, &r);
	char what[512];
	for (int i = 0; rc == 0 && i < r.n; i++)
		if (r.f[i].kind == SCHEMA_OWN)
			say("note", schema_finding_text(&r.f[i], what, sizeof what));
	if (rc == 0 && repair && r.problems > 0) {
		int actions = 0;
		for (int i = 0; i < r.n; i++) {
			const struct schema_finding *f = &r.f[i];
			if (f->kind == SCHEMA_OWN)
				continue;
			const char *action = schema_repair_action(f);
			schema_finding_text(f, what, sizeof what);
			if (!action) {
				char why[800];
				snprintf(why, sizeof why, "%s: --repair does not replace a table, which would lose its rows "
					 "(export the records with 'smalog export --all' and import them into a new file)", what);
				say("cannot repair", why);
				continue;
			}
			char label[32];
			snprintf(label, sizeof label, "will %s", action);
			say(label, what);
			actions++;
		}
		if (actions > 0) {
			rc = schema_repair(db, &r);
			if (rc == 0) {
				*repaired = true;
				fprintf(stderr, "repaired: %d object%s\n", actions, actions == 1 ? "" : "s");
				schema_report_release(&r);
				rc = schema_compare(db, db->version, false, &r);
			}
		}
	}
	for (int i = 0; rc == 0 && i < r.n; i++)
		if (r.f[i].kind != SCHEMA_OWN)
			problem(arg, schema_finding_text(&r.f[i], what, sizeof what));
	schema_report_release(&r);
	return rc;
}

/* Past white space and SQL comments. */
static const char *skip_space(const char *p)
{
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");
			p = end ? end + 2 : p + strlen(p);
		} else {
			return p;
		}
	}
}

/* The end of the statement that starts at p: just past its ';', as SQLite's
 * own tokenizer judges (a ';' in a string or a comment does not count), or
 * NULL when none ends. */
static const char *statement_end(const char *p)
{
	char *copy = xstrdup(p);
	for (const char *semi = strchr(p, ';'); semi; semi = strchr(semi + 1, ';')) {
		size_t n = (size_t)(semi - p) + 1;
		char saved = copy[n];
		copy[n] = '\0';
		bool complete = sqlite3_complete(copy);
		copy[n] = saved;
		if (complete) {
			free(copy);
			return semi + 1;
		}
	}
	free(copy);
	return NULL;
}

/* The stamp of smalog's report views: a 64-bit FNV-1a hash of the text of
 * every file under views/, as embedded (macros expanded), written as the
 * view smalog_views.  A file whose smalog_views holds another text has the
 * views of another build of smalog; its next writer replaces them
 * (schema_refresh_views), so a change to a view needs no new migration.
 * Built once; lives until exit. */
static const char *stamp_view(void)
{
	static char text[96];
	if (!text[0]) {
		uint64_t h = 14695981039346656037u;
		for (const struct sql_file *f = sql_files; f->name; f++)
			if (strncmp(f->name, "views/", 6) == 0)
				for (const unsigned char *c = (const unsigned char *)f->text; *c; c++)
					h = (h ^ *c) * 1099511628211u;
		snprintf(text, sizeof text, "CREATE VIEW smalog_views AS SELECT '%016" PRIx64 "' AS stamp", h);
	}
	return text;
}

/* The name of the view that the statement at p (CREATE VIEW NAME ...)
 * creates, into name; the views' names are plain words. */
static void view_name(const char *p, char *name, size_t size)
{
	p = skip_space(p + strlen("CREATE VIEW"));
	size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz_0123456789");
	snprintf(name, size, "%.*s", (int)(n < size ? n : size - 1), p);
}

/* What a statement of a view file is. */
enum view_statement { VIEW_CREATE, VIEW_DROP };

/* Call each(db, kind, text, len, arg) for every statement of the files
 * under views/, in their order, then for the stamp view; stop at the first
 * that fails.  A view file holds CREATE VIEW statements and, for a view
 * that smalog no longer makes, DROP VIEW IF EXISTS. */
static int each_view(struct db *db, int (*each)(struct db *, enum view_statement, const char *, size_t, void *), void *arg)
{
	static const char create_view[] = "CREATE VIEW", drop_view[] = "DROP VIEW";
	int rc = 0;
	for (const struct sql_file *f = sql_files; rc == 0 && f->name; f++) {
		if (strncmp(f->name, "views/", 6) != 0)
			continue;
		for (const char *p = skip_space(f->text); rc == 0 && *p; p = skip_space(p)) {
			const char *end = statement_end(p);
			if (!end)
				return sm_error(EX_SOFTWARE, "internal error: sql/%s ends inside a statement", f->name);
			size_t len = (size_t)(end - p), kw = sizeof create_view - 1;
			if (sqlite3_strnicmp(p, create_view, (int)kw) == 0 && strchr(" \t\n", p[kw]))
				rc = each(db, VIEW_CREATE, p, len, arg);
			else if (sqlite3_strnicmp(p, drop_view, (int)sizeof drop_view - 1) == 0)
				rc = each(db, VIEW_DROP, p, len, arg);
			else
				return sm_error(EX_SOFTWARE, "internal error: sql/%s holds a statement that is not a view: %.40s",
						f->name, p);
			p = end;
		}
	}
	if (rc == 0)
		rc = each(db, VIEW_CREATE, stamp_view(), strlen(stamp_view()), arg);
	return rc;
}

/* Make one view TEMP on the connection; a DROP is for files only. */
static int create_temp(struct db *db, enum view_statement kind, const char *p, size_t len, void *arg)
{
	(void)arg;
	if (kind == VIEW_DROP)
		return 0;
	size_t kw = strlen("CREATE VIEW");
	char *temp = sqlite3_mprintf("CREATE TEMP VIEW%.*s", (int)(len - kw), p + kw);
	if (!temp)
		die_oom();
	int rc = run_sql(db, temp, "opening the database");
	sqlite3_free(temp);
	return rc;
}

int schema_temp_views(struct db *db)
{
	if (db->temp_views)
		return 0;
	int rc = each_view(db, create_temp, NULL);
	if (rc == 0)
		db->temp_views = true;
	return rc;
}

/* Whether the text names one of smalog's report views: as a word in any
 * case (SQL names are not case-sensitive), quoted or not, outside strings
 * and comments.  A name in a string (pragma_table_info('timeline')) is not
 * seen; on a writer that fails for want of the views, never runs the
 * file's. */
static bool names_a_view(const char *sql, int len)
{
	const struct schema *views = schema_views();
	const char *p = sql, *end = sql + len;
	while (p < end) {
		if (*p == '\'') {
			/* '' inside a string ends it and starts another: the same */
			const char *close = memchr(p + 1, '\'', (size_t)(end - p - 1));
			p = close ? close + 1 : end;
		} else if (*p == '-' && p + 1 < end && p[1] == '-') {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
		} else if (*p == '/' && p + 1 < end && p[1] == '*') {
			const char *close = p + 2;
			while (close + 1 < end && !(close[0] == '*' && close[1] == '/'))
				close++;
			p = close + 2 < end ? close + 2 : end;
		} else if (isalnum((unsigned char)*p) || *p == '_' || (unsigned char)*p >= 0x80) {
			const char *word = p;
			while (p < end && (isalnum((unsigned char)*p) || *p == '_' || (unsigned char)*p >= 0x80))
				p++;
			int n = (int)(p - word);
			for (int k = 0; k < views->n; k++)
				if (sqlite3_strnicmp(word, views->obj[k].name, n) == 0 && views->obj[k].name[n] == '\0')
					return true;
		} else {
			p++;
		}
	}
	return false;
}

int schema_views_for(struct db *db, const char *sql, int len)
{
	if (db->temp_views || !names_a_view(sql, len) || db->version != db_schema_version())
		return 0;
	return schema_temp_views(db);
}

void schema_after_rollback(struct db *db)
{
	sqlite3_stmt *stmt = db->temp_views ? db_statement(db, "schema.temp_stamp") : NULL;
	if (!stmt)
		return;
	bool gone = sqlite3_step(stmt) == SQLITE_DONE;
	sqlite3_reset(stmt);
	if (gone) {
		db->temp_views = false;
		schema_temp_views(db);
	}
}

bool schema_views_current(struct db *db)
{
	sqlite3_stmt *stmt = db_statement(db, "schema.stamp");
	if (!stmt)
		return false;
	/* this build's stamp as the generator read it back, hashed then */
	const struct schema *views = schema_views();
	int i = find(views, "smalog_views");
	if (i < 0)
		BUG("smalog's views have no stamp");
	bool current = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) &&
		       strcmp((const char *)sqlite3_column_text(stmt, 0), views->obj[i].sql) == 0;
	sqlite3_reset(stmt);
	return current;
}

/* Drop one view of smalog's from the file, whatever version made it. */
static int drop_view(struct db *db, enum view_statement kind, const char *p, size_t len, void *arg)
{
	(void)arg;
	if (kind == VIEW_DROP) {
		char *drop = sqlite3_mprintf("%.*s", (int)len, p);
		if (!drop)
			die_oom();
		int rc = run_sql(db, drop, "upgrading the database schema");
		sqlite3_free(drop);
		return rc;
	}
	char name[64], drop[128];
	view_name(p, name, sizeof name);
	snprintf(drop, sizeof drop, "DROP VIEW IF EXISTS main.%s", name);
	return run_sql(db, drop, "upgrading the database schema");
}

/* Create one view of smalog's in the file. */
static int create_view(struct db *db, enum view_statement kind, const char *p, size_t len, void *arg)
{
	(void)arg;
	if (kind == VIEW_DROP)
		return 0;
	char *sql = sqlite3_mprintf("%.*s", (int)len, p);
	if (!sql)
		die_oom();
	int rc = run_sql(db, sql, "upgrading the database schema");
	sqlite3_free(sql);
	return rc;
}

int schema_drop_views(struct db *db)
{
	return each_view(db, drop_view, NULL);
}

int schema_replace_views(struct db *db)
{
	int rc = schema_drop_views(db);
	return rc ? rc : each_view(db, create_view, NULL);
}

int schema_refresh_views(struct db *db)
{
	if (schema_views_current(db))
		return 0;
	int rc = db_begin(db);
	if (rc == 0)
		rc = schema_replace_views(db);
	if (rc == 0)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

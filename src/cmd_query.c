/* cmd_query.c - runs one read-only SQL statement given on the command line. */
#include "smalog/commands.h"

#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/memory.h"
#include "smalog/rows.h"
#include "smalog/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Why a query was refused: the first action the authorizer denied. */
struct guard {
	char denied[128];
};

static int refuse(const char *what)
{
	return sm_error(EX_NOPERM, "query refused: smalog runs read-only queries only (%s is not allowed)", what);
}

/* Pragmas that only read, whatever their argument (a table or index name,
 * a row limit). */
static const char *const reading_pragmas[] = {
	"table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
	"foreign_key_list", "foreign_key_check", "integrity_check", "quick_check", NULL,
};

/* Pragmas that read when given no value and set state when given one. */
static const char *const setting_pragmas[] = {
	"user_version", "application_id", "schema_version", "data_version", "page_size", "page_count",
	"freelist_count", "encoding", "foreign_keys", "collation_list", "database_list", "function_list",
	"module_list", "pragma_list", "compile_options", NULL,
};

static bool in_list(const char *const *list, const char *name)
{
	for (; name && *list; list++)
		if (strcasecmp(*list, name) == 0)
			return true;
	return false;
}

static const char *action_name(int action)
{
	switch (action) {
	case SQLITE_CREATE_INDEX: return "CREATE INDEX";
	case SQLITE_CREATE_TABLE: return "CREATE TABLE";
	case SQLITE_CREATE_TEMP_INDEX: return "CREATE TEMP INDEX";
	case SQLITE_CREATE_TEMP_TABLE: return "CREATE TEMP TABLE";
	case SQLITE_CREATE_TEMP_TRIGGER: return "CREATE TEMP TRIGGER";
	case SQLITE_CREATE_TEMP_VIEW: return "CREATE TEMP VIEW";
	case SQLITE_CREATE_TRIGGER: return "CREATE TRIGGER";
	case SQLITE_CREATE_VIEW: return "CREATE VIEW";
	case SQLITE_CREATE_VTABLE: return "CREATE VIRTUAL TABLE";
	case SQLITE_DELETE: return "DELETE";
	case SQLITE_DROP_INDEX: return "DROP INDEX";
	case SQLITE_DROP_TABLE: return "DROP TABLE";
	case SQLITE_DROP_TEMP_INDEX: return "DROP INDEX";
	case SQLITE_DROP_TEMP_TABLE: return "DROP TABLE";
	case SQLITE_DROP_TEMP_TRIGGER: return "DROP TRIGGER";
	case SQLITE_DROP_TEMP_VIEW: return "DROP VIEW";
	case SQLITE_DROP_TRIGGER: return "DROP TRIGGER";
	case SQLITE_DROP_VIEW: return "DROP VIEW";
	case SQLITE_DROP_VTABLE: return "DROP TABLE";
	case SQLITE_INSERT: return "INSERT";
	case SQLITE_UPDATE: return "UPDATE";
	case SQLITE_TRANSACTION: return "transaction control";
	case SQLITE_SAVEPOINT: return "SAVEPOINT";
	case SQLITE_ATTACH: return "ATTACH";
	case SQLITE_DETACH: return "DETACH";
	case SQLITE_ALTER_TABLE: return "ALTER TABLE";
	case SQLITE_REINDEX: return "REINDEX";
	case SQLITE_ANALYZE: return "ANALYZE";
	default: return "this statement";
	}
}

/* The authorizer sees every action a statement would take while it is
 * prepared: reading tables and views, calling functions (except
 * load_extension), recursive CTEs and reading pragmas pass; everything
 * else, including writes to temp tables, is denied. */
static int authorize(void *arg, int action, const char *a1, const char *a2, const char *db_name, const char *trigger)
{
	(void)db_name;
	(void)trigger;
	struct guard *g = arg;
	char what[sizeof g->denied];
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_UPDATE:
		/* Declaring a table-valued function (json_each, pragma_table_info)
		 * parses an UPDATE of the schema table that never runs.  IGNORE
		 * leaves such a column unchanged; a user's own UPDATE of the
		 * schema is refused by its keyword and by sqlite3_stmt_readonly,
		 * and the file is open read-only and defensive. */
		if (a1 && (strcmp(a1, "sqlite_master") == 0 || strcmp(a1, "sqlite_temp_master") == 0))
			return SQLITE_IGNORE;
		snprintf(what, sizeof what, "UPDATE");
		break;
	case SQLITE_FUNCTION:
		if (a2 && strcasecmp(a2, "load_extension") != 0)
			return SQLITE_OK;
		snprintf(what, sizeof what, "%s()", a2 ? a2 : "this function");
		break;
	case SQLITE_PRAGMA:
		if (in_list(reading_pragmas, a1) || (!a2 && in_list(setting_pragmas, a1)))
			return SQLITE_OK;
		if (a2)
			snprintf(what, sizeof what, "PRAGMA %s = %s", a1 ? a1 : "", a2);
		else
			snprintf(what, sizeof what, "PRAGMA %s", a1 ? a1 : "");
		break;
	default:
		snprintf(what, sizeof what, "%s", action_name(action));
	}
	if (!g->denied[0])
		snprintf(g->denied, sizeof g->denied, "%s", what);
	return SQLITE_DENY;
}

/* Skip whitespace and SQL comments from p; an unterminated block comment
 * runs to the end, as SQLite reads it. */
static const char *skip_space(const char *p)
{
	for (;;) {
		while (isspace((unsigned char)*p))
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

/* Statements that start with one of these only ever change something;
 * VACUUM INTO in particular writes a new file even from a read-only
 * connection, and the authorizer has no action code for it. */
static const char *const writing_keywords[] = {
	"ALTER", "ANALYZE", "ATTACH", "BEGIN", "COMMIT", "CREATE", "DELETE", "DETACH", "DROP", "END",
	"INSERT", "REINDEX", "RELEASE", "REPLACE", "ROLLBACK", "SAVEPOINT", "UPDATE", "VACUUM", NULL,
};

static int check_first_keyword(const char *sql)
{
	const char *p = skip_space(sql);
	size_t n = 0;
	while (isalpha((unsigned char)p[n]))
		n++;
	char word[16];
	if (n == 0 || n >= sizeof word)
		return 0;
	for (size_t i = 0; i < n; i++)
		word[i] = (char)toupper((unsigned char)p[i]);
	word[n] = '\0';
	return in_list(writing_keywords, word) ? refuse(word) : 0;
}

/* What follows the first statement may only be blanks, semicolons and
 * comments. */
static int check_tail(const char *tail)
{
	for (const char *p = skip_space(tail); *p; p = skip_space(p + 1))
		if (*p != ';')
			return sm_error(EX_NOPERM,
					"query refused: smalog runs one read-only statement at a time (a second statement follows the first)");
	return 0;
}

struct param {
	const char *name;  /* without its ':' */
	size_t name_len;
	const char *value; /* NULL binds NULL */
};

/* Split each --param NAME=VALUE; a leading ':', '@' or '$' on NAME is
 * allowed, as SQL writes it. */
static int parse_params(const struct cli *cli, struct param *params, int *nparams)
{
	*nparams = 0;
	const char *arg;
	for (int pos = 0; (arg = cli_get_next(cli, "param", &pos));) {
		const char *eq = strchr(arg, '=');
		const char *name = arg;
		if (*name == ':' || *name == '@' || *name == '$')
			name++;
		size_t len = eq ? (size_t)(eq - name) : 0;
		bool ok = eq && eq > name;
		for (size_t i = 0; ok && i < len; i++)
			ok = isalnum((unsigned char)name[i]) || name[i] == '_';
		if (!ok)
			return sm_error(EX_USAGE, "--param wants NAME=VALUE (such as --param agreement=SMA-11), not '%s'", arg);
		for (int i = 0; i < *nparams; i++)
			if (params[i].name_len == len && strncmp(params[i].name, name, len) == 0)
				return sm_error(EX_USAGE, "--param %.*s given twice", (int)len, name);
		if (!utf8_valid(eq + 1, strlen(eq + 1), NULL))
			return sm_error(EX_DATAERR, "--param %.*s: the value is not valid UTF-8", (int)len, name);
		params[(*nparams)++] = (struct param){ name, len, eq[1] ? eq + 1 : NULL };
	}
	return 0;
}

/* Bind a value as an integer when it is one written plainly ("42", "-7"),
 * as the sqlite3 shell's .parameter does, else as text. */
static void bind_value(sqlite3_stmt *stmt, int index, const char *value)
{
	if (!value) {
		sqlite3_bind_null(stmt, index);
		return;
	}
	const char *digits = value + (value[0] == '-');
	bool plain = digits[0] >= '1' && digits[0] <= '9' ? strspn(digits, "0123456789") == strlen(digits)
							  : strcmp(digits, "0") == 0;
	if (plain) {
		errno = 0;
		long long n = strtoll(value, NULL, 10);
		if (errno == 0) {
			sqlite3_bind_int64(stmt, index, n);
			return;
		}
	}
	sqlite3_bind_text(stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* Every --param must name a parameter of the statement and every parameter
 * must get a value: a typo is a usage error, never a silent NULL. */
static int bind_params(sqlite3_stmt *stmt, const struct param *params, int nparams)
{
	int count = sqlite3_bind_parameter_count(stmt);
	bool *bound = xcalloc((size_t)count + 1, sizeof *bound);
	int rc = 0;
	for (int i = 0; rc == 0 && i < nparams; i++) {
		int index = 0;
		for (const char *prefix = ":@$"; !index && *prefix; prefix++) {
			char full[256];
			snprintf(full, sizeof full, "%c%.*s", *prefix, (int)params[i].name_len, params[i].name);
			index = sqlite3_bind_parameter_index(stmt, full);
		}
		if (!index) {
			rc = sm_error(EX_USAGE, "--param %.*s: the query has no parameter :%.*s", (int)params[i].name_len,
				      params[i].name, (int)params[i].name_len, params[i].name);
			break;
		}
		bind_value(stmt, index, params[i].value);
		bound[index] = true;
	}
	for (int index = 1; rc == 0 && index <= count; index++) {
		if (bound[index])
			continue;
		const char *name = sqlite3_bind_parameter_name(stmt, index);
		if (!name)
			rc = sm_error(EX_USAGE, "the query has a nameless parameter '?': name it (:NAME) and give --param NAME=VALUE");
		else if (name[0] == '?')
			rc = sm_error(EX_USAGE, "the query has a numbered parameter '%s': name it (:NAME) and give --param NAME=VALUE",
				      name);
		else
			rc = sm_error(EX_USAGE, "the query's parameter %s has no value (give --param %s=VALUE)", name, name + 1);
	}
	free(bound);
	return rc;
}

/* Prepare sql under the guard: refusals exit EX_NOPERM, SQL errors
 * EX_DATAERR with SQLite's message.  *stmt is set on success. */
static int prepare(struct db *db, struct guard *guard, const char *sql, sqlite3_stmt **stmt)
{
	int rc = check_first_keyword(sql);
	if (rc)
		return rc;
	/* stays installed while the statement runs: SQLite authorizes again
	 * when it re-prepares a statement after a schema change */
	sqlite3_set_authorizer(db->handle, authorize, guard);
	const char *tail = NULL;
	int prc = sqlite3_prepare_v2(db->handle, sql, -1, stmt, &tail);
	if (guard->denied[0]) {
		sqlite3_finalize(*stmt);
		*stmt = NULL;
		return refuse(guard->denied);
	}
	if (prc != SQLITE_OK) {
		*stmt = NULL;
		if ((prc & 0xff) == SQLITE_ERROR)
			return sm_error(EX_DATAERR, "SQL error: %s", sqlite3_errmsg(db->handle));
		return db_fail(db, prc, "preparing the query");
	}
	if (!*stmt)
		return sm_error(EX_USAGE, "no SQL statement given (only blanks or comments)");
	rc = check_tail(tail);
	if (rc == 0 && !sqlite3_stmt_readonly(*stmt))
		rc = refuse("a statement that writes");
	if (rc) {
		sqlite3_finalize(*stmt);
		*stmt = NULL;
	}
	return rc;
}

/* An error the statement raised while it ran (malformed JSON, an integer
 * overflow, a blob too big) is about the data the user queried, not a
 * fault in smalog: exit 65 with SQLite's words.  Anything else stays as
 * rows_write_statement reported it. */
static int runtime_error(struct db *db)
{
	switch (sqlite3_extended_errcode(db->handle) & 0xff) {
	case SQLITE_ERROR:
	case SQLITE_MISMATCH:
	case SQLITE_RANGE:
	case SQLITE_TOOBIG:
		break;
	default:
		return EX_SOFTWARE;
	}
	char message[512];
	snprintf(message, sizeof message, "%s", sqlite3_errmsg(db->handle));
	sm_error_clear();
	return sm_error(EX_DATAERR, "SQL error: %s", message);
}

/* The parameters, checked before the database is looked for. */
static int check_query(const struct cli *cli)
{
	struct param params[CLI_MAX_OPTIONS];
	int nparams;
	return parse_params(cli, params, &nparams);
}

static int run_query(struct cli *cli)
{
	struct db *db = cli->db;
	struct param params[CLI_MAX_OPTIONS];
	int nparams = 0;
	int rc = parse_params(cli, params, &nparams);
	sqlite3_limit(db->handle, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_stmt *stmt = NULL;
	struct guard guard = { { 0 } };
	if (rc == 0)
		rc = prepare(db, &guard, cli->args[0], &stmt);
	if (rc == 0)
		rc = bind_params(stmt, params, nparams);
	struct out_column *cols = NULL;
	struct output *out = NULL;
	if (rc == 0) {
		int ncols = sqlite3_column_count(stmt);
		cols = xcalloc((size_t)ncols + 1, sizeof *cols);
		for (int c = 0; c < ncols; c++) {
			const char *name = sqlite3_column_name(stmt, c);
			cols[c] = (struct out_column){ name ? name : "", OUT_AUTO };
		}
		if (rc == 0)
			rc = cli_output(cli, cols, (size_t)ncols, &out);
	}
	if (rc == 0)
		rc = rows_write_statement(db, out, stmt);
	if (rc == EX_SOFTWARE)
		rc = runtime_error(db);
	if (out)
		rc = rc == 0 ? out_finish(out) : (out_abort(out), rc);
	free(cols);
	sqlite3_finalize(stmt);
	sqlite3_set_authorizer(db->handle, NULL, NULL);
	return rc;
}

static const struct option_spec query_options[] = {
	{ "param", OPT_REPEATABLE, "NAME=VALUE: bind :NAME (repeatable; whole numbers bind as integers, empty as NULL)" },
	{ NULL, false, NULL },
};

const struct command cmd_query = {
	.name = "query", .check = check_query, .run = run_query, .options = query_options, .output = true,
	.args = { 1, 1, "one SQL statement (quote it: smalog query 'SELECT ...')" }, .opens = OPENS_READ,
	.usage = "smalog query SQL [--param NAME=VALUE]...",
	.summary = "Run one read-only SQL statement and print its rows.",
	.help = "The database is opened read-only and a statement that would change\n"
		"anything (INSERT, UPDATE, DELETE, CREATE, ATTACH, a PRAGMA that sets a\n"
		"value, VACUUM, load_extension, ...) is refused with exit 77; an error\n"
		"the statement raises while it runs (malformed JSON, an overflow) exits\n"
		"65.  Tables are named after the record kinds; the reports are the views\n"
		"timeline, position_delta, round_delta and agreement_summary, built from\n"
		"the views that smalog(1) lists with their columns.  Ctrl-C stops a long\n"
		"query.\n"
		"\n"
		"example:\n"
		"  smalog query 'SELECT date, party, kind, pct FROM position WHERE agreement = :a' --param a=SMA-11\n",
};

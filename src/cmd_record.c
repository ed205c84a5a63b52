/* cmd_record.c - add, list, show, edit and delete for every record kind. */
#include "smalog/commands.h"

#include "smalog/amount.h"
#include "smalog/date.h"
#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/filters.h"
#include "smalog/memory.h"
#include "smalog/record.h"
#include "smalog/rows.h"
#include "smalog/sql.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copy the kind's field options from the command line into r.  For edit,
 * an option given empty clears the field; absent options leave it be. */
static int fields_from_options(const struct cli *cli, struct record *r, bool *any)
{
	*any = false;
	for (int i = 0; i < r->kind->nfields; i++) {
		char opt[40];
		cli_option_name(r->kind->fields[i].name, opt, sizeof opt);
		const char *value = cli_get(cli, opt + 2);
		if (!value)
			continue;
		*any = true;
		char err[512];
		if (record_set(r, i, value, err, sizeof err) != 0)
			return sm_error(EX_DATAERR, "%s: %s", opt, err);
	}
	return 0;
}

/* The checks that add and edit share, then the write itself. */
static int validate_and_store(struct db *db, struct record *r, bool insert)
{
	char err[512];
	int bad = -1;
	if (record_check(r, &bad, err, sizeof err) != 0)
		return sm_error(EX_DATAERR, "%s", err);
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = record_check_write(db, r, &bad, err, sizeof err);
	if (rc == 0)
		rc = insert ? record_insert(db, r, &bad, err, sizeof err) : record_update(db, r, &bad, err, sizeof err);
	if (rc < 0) {
		char opt[40];
		rc = sm_error(EX_DATAERR, "%s: %s", cli_option_name(r->kind->fields[bad].name, opt, sizeof opt), err);
	}
	if (rc == 0)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

/* The fields, checked as values before the database is looked for. */
static int check_add(const struct cli *cli)
{
	struct record r;
	record_init(&r, cli->kind);
	bool any;
	int rc = fields_from_options(cli, &r, &any);
	record_release(&r);
	return rc;
}

static int run_add(struct cli *cli)
{
	struct record r;
	record_init(&r, cli->kind);
	bool any;
	int rc = fields_from_options(cli, &r, &any);
	if (rc == 0)
		rc = validate_and_store(cli->db, &r, true);
	if (rc == 0)
		printf("%" PRId64 "\n", r.id);
	record_release(&r);
	return rc;
}

/* The record that the arguments KIND ID name, read into r. */
static int load_named(const struct cli *cli, struct record *r)
{
	int64_t id = 0;
	int rc = record_resolve(cli->db, cli->kind, cli->args[1], &id);
	return rc ? rc : record_load(cli->db, cli->kind, id, r);
}

static int run_edit(struct cli *cli)
{
	const struct kind *kind = cli->kind;
	struct db *db = cli->db;
	struct record r;
	record_init(&r, kind);
	bool any = false;
	int rc = load_named(cli, &r);
	char *old_key = NULL;
	if (rc == 0 && kind->key_field >= 0)
		old_key = xstrdup(r.values[kind->key_field].text);
	if (rc == 0)
		rc = fields_from_options(cli, &r, &any);
	if (rc == 0 && !any)
		rc = sm_error(EX_USAGE, "nothing to change: give the fields to edit (see 'smalog edit %s --help')",
			      kind->name);
	/* Source and actor keys are cited inside text lists, which no foreign
	 * key follows: renaming a cited key would orphan the citations. */
	if (rc == 0 && kind->key_cited && old_key &&
	    strcmp(old_key, r.values[kind->key_field].text) != 0) {
		sqlite3_stmt *stmt = record_statement(db, kind, "references");
		int64_t cited = 0;
		if (stmt) {
			db_bind_text(stmt, ":key", old_key);
			while (sqlite3_step(stmt) == SQLITE_ROW)
				cited += sqlite3_column_int64(stmt, 1);
			sqlite3_reset(stmt);
		}
		if (cited > 0)
			rc = sm_error(EX_DATAERR, "%s '%s' is cited by %" PRId64 " record%s; it cannot be renamed",
				      kind->name, old_key, cited, cited == 1 ? "" : "s");
	}
	if (rc == 0)
		rc = validate_and_store(db, &r, false);
	free(old_key);
	record_release(&r);
	return rc;
}

/* "3 rounds, 12 positions" of what references the record; *total counts them. */
static int describe_references(struct db *db, const struct record *r, char *buf, size_t bufsz, int64_t *total)
{
	*total = 0;
	buf[0] = '\0';
	int rc = 0;
	sqlite3_stmt *stmt = record_referring(db, r, "references", &rc);
	if (!stmt)
		return rc;
	size_t used = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t n = sqlite3_column_int64(stmt, 1);
		if (n == 0)
			continue;
		char count[64];
		kind_count_text(kind_find((const char *)sqlite3_column_text(stmt, 0)), n, count, sizeof count);
		used += (size_t)snprintf(buf + used, used < bufsz ? bufsz - used : 0, "%s%s", *total ? ", " : "", count);
		*total += n;
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, "finding references");
}

/* One "referenced by" row per record that refers to r, named as 'show'
 * takes it: "round SMA-11:3", "position 12", "agreement SMA-12". */
static int write_referrers(struct db *db, const struct record *r, struct output *out)
{
	int rc = 0;
	sqlite3_stmt *stmt = record_referring(db, r, "referrers", &rc);
	if (!stmt)
		return rc;
	static const char label[] = "referenced by";
	int step;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(stmt, 0);
		const char *name = (const char *)sqlite3_column_text(stmt, 1);
		char *text = sqlite3_mprintf("%s %s", kind ? kind : "", name ? name : "");
		if (!text)
			die_oom();
		rc = out_row(out, (struct out_value[]){ { .kind = VAL_TEXT, .s = label, .len = sizeof label - 1 },
						       { .kind = VAL_TEXT, .s = text, .len = strlen(text) } });
		sqlite3_free(text);
		if (rc)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_fail(db, step, "finding references");
	sqlite3_reset(stmt);
	return rc;
}

static int run_delete(struct cli *cli)
{
	const struct kind *kind = cli->kind;
	struct db *db = cli->db;
	struct record r;
	record_init(&r, kind);
	int rc = db_begin(db);
	if (rc == 0)
		rc = load_named(cli, &r);
	char refs[512];
	int64_t total = 0;
	if (rc == 0)
		rc = describe_references(db, &r, refs, sizeof refs, &total);
	if (rc == 0 && total > 0)
		rc = sm_error(EX_DATAERR, "cannot delete %s '%s': referenced by %s; delete or change those first",
			      kind->name, cli->args[1], refs);
	if (rc == 0) {
		sqlite3_stmt *stmt = record_statement(db, kind, "delete");
		rc = stmt ? 0 : EX_SOFTWARE;
		if (rc == 0) {
			db_bind_int(stmt, ":id", r.id);
			rc = db_run(db, stmt, "deleting the record");
		}
	}
	if (rc == 0)
		rc = db_commit(db);
	else
		db_rollback(db);
	record_release(&r);
	return rc;
}

/* The unit --unit names, UNIT_NONE without it (cli_output_format has
 * refused a bad one, and one for CSV or JSON, already). */
static void show_unit(const struct cli *cli, enum out_unit *unit)
{
	*unit = UNIT_NONE;
	const char *name = cli_get(cli, "unit");
	if (name && out_unit_parse(name, unit) != 0)
		*unit = UNIT_NONE;
}

/* Amount field i of r as 'list --unit' shows its column: the label names
 * the unit and the rounding ("total (T, to 0.01)"), the text is in it
 * ("1.04T"), an approximate one keeping its mark ("0.01T~"). */
static void show_in_unit(const struct record *r, int i, enum out_unit unit, struct sbuf *label, struct sbuf *text)
{
	out_unit_label(label, r->kind->fields[i].name, unit);
	out_amount_text(text, r->values[i].integer, unit);
	if (r->values[i].approx)
		sb_addc(text, '~');
}

static int run_show(struct cli *cli)
{
	const struct kind *kind = cli->kind;
	if (cli_has(cli, "history"))
		return show_history(cli);
	struct record r;
	record_init(&r, kind);
	int rc = load_named(cli, &r);
	static const struct out_column cols[] = { { "field", OUT_TEXT }, { "value", OUT_TEXT } };
	/* amounts and counts read as they do in 'list': grouped where a
	 * person reads them, plain digits where a program does */
	enum out_format fmt = OUT_TABLE;
	unsigned flags;
	if (rc == 0)
		rc = cli_output_format(cli, OUT_TABLE, &fmt, &flags);
	bool grouped = fmt == OUT_TABLE || fmt == OUT_MARKDOWN;
	enum out_unit unit = UNIT_NONE;
	if (rc == 0 && grouped)
		show_unit(cli, &unit);
	struct sbuf label = { 0 }, shown = { 0 };
	struct output *out = NULL;
	if (rc == 0)
		rc = cli_output(cli, cols, 2, &out);
	char idbuf[32];
	snprintf(idbuf, sizeof idbuf, "%" PRId64, r.id);
	if (rc == 0)
		rc = out_row(out, (struct out_value[]){ { .kind = VAL_TEXT, .s = "id", .len = 2 },
						   { .kind = VAL_TEXT, .s = idbuf, .len = strlen(idbuf) } });
	/* the uid names the record in every file, the id only in this one */
	if (rc == 0)
		rc = out_row(out, (struct out_value[]){ { .kind = VAL_TEXT, .s = "uid", .len = 3 },
						   r.uid[0] ? (struct out_value){ .kind = VAL_TEXT, .s = r.uid, .len = strlen(r.uid) }
							    : (struct out_value){ .kind = VAL_NULL } });
	for (int i = 0; rc == 0 && i < kind->nfields; i++) {
		char buf[AMOUNT_TEXT_SIZE];
		const char *text = record_field_text(&r, i, buf, sizeof buf);
		const char *name = kind->fields[i].name;
		if (text && unit != UNIT_NONE && rows_field_type(kind->fields[i].type) == OUT_AMOUNT) {
			label.len = shown.len = 0;
			show_in_unit(&r, i, unit, &label, &shown);
			name = sb_str(&label);
			text = sb_str(&shown);
		} else if (text && grouped && field_is_grouped(&kind->fields[i])) {
			amount_format(r.values[i].integer, true, buf, sizeof buf - 1);
			if (r.values[i].approx)
				strcat(buf, "~");
			text = buf;
		}
		struct out_value vals[2] = {
			{ .kind = VAL_TEXT, .s = name, .len = strlen(name) },
			text ? (struct out_value){ .kind = VAL_TEXT, .s = text, .len = strlen(text) }
			     : (struct out_value){ .kind = VAL_NULL },
		};
		rc = out_row(out, vals);
	}
	sb_release(&label);
	sb_release(&shown);
	if (rc == 0)
		rc = write_referrers(cli->db, &r, out);
	if (out)
		rc = rc == 0 ? out_finish(out) : (out_abort(out), rc);
	record_release(&r);
	return rc;
}

/* The filters given that the kind's list statement has no parameter for
 * are refused; the rest are checked as the reports check them. */
static int bind_list_filters(const struct cli *cli, const struct kind *kind, sqlite3_stmt *stmt)
{
	for (size_t i = 0; i < sizeof filter_names / sizeof filter_names[0]; i++) {
		char param[16];
		snprintf(param, sizeof param, ":%s", filter_names[i]);
		if (cli_has(cli, filter_names[i]) && sqlite3_bind_parameter_index(stmt, param) == 0)
			return sm_error(EX_USAGE, "--%s does not apply to %s", filter_names[i], kind->plural);
	}
	struct filters f;
	int rc = filters_parse(cli, &f);
	if (rc == 0 && f.agreement)
		rc = filters_check_agreement(cli->db, f.agreement, EX_USAGE);
	if (rc == 0)
		filters_bind(&f, stmt);
	return rc;
}

static int run_list(struct cli *cli)
{
	const struct kind *kind = cli->kind;
	struct db *db = cli->db;
	sqlite3_stmt *stmt = record_statement(db, kind, "list");
	int rc = stmt ? bind_list_filters(cli, kind, stmt) : EX_SOFTWARE;
	struct out_column cols[KIND_MAX_FIELDS + 1];
	size_t ncols = rows_kind_columns(kind, false, cols);
	struct output *out = NULL;
	if (rc == 0)
		rc = cli_output(cli, cols, ncols, &out);
	struct record r;
	record_init(&r, kind);
	while (rc == 0) {
		int step = sqlite3_step(stmt);
		if (step == SQLITE_DONE)
			break;
		if (step != SQLITE_ROW) {
			rc = db_fail(db, step, "listing records");
			break;
		}
		rc = record_from_row(&r, stmt);
		if (rc == 0)
			rc = rows_write_record(out, &r, false);
	}
	record_release(&r);
	if (out)
		rc = rc == 0 ? out_finish(out) : (out_abort(out), rc);
	return rc;
}

static const struct option_spec list_options[] = {
	{ "agreement", true, "only records of this agreement (code)" },
	{ "party", true, "only this party (KR, US)" },
	{ "from", true, "only from this date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive" },
	{ "to", true, "only up to this date, inclusive of the whole period" },
	{ NULL, false, NULL },
};

const struct command cmd_add = {
	.name = "add", .check = check_add, .run = run_add,
	.takes = TAKES_KIND | TAKES_FIELDS, .args = { 1, 1, "a kind" }, .opens = OPENS_WRITE,
	.usage = "smalog add KIND [--FIELD VALUE]...",
	.summary = "Add one record and print its id.",
	.help = "Options are the kind's fields, with '_' written as '-' (--start-year).\n"
		"An empty value is no value.  Several sources are separated by ';'.\n",
};

const struct command cmd_list = {
	.name = "list", .run = run_list, .options = list_options, .output = true,
	.takes = TAKES_KIND, .args = { 1, 1, "a kind" }, .opens = OPENS_READ,
	.usage = "smalog list KIND [--agreement CODE] [--party PARTY] [--from DATE] [--to DATE]",
	.summary = "List the records of a kind with their ids.",
};

static const struct option_spec show_options[] = {
	{ "history", false, "the record's changes, oldest first, from the change log" },
	{ NULL, false, NULL },
};

const struct command cmd_show = {
	.name = "show", .run = run_show, .options = show_options, .output = true,
	.takes = TAKES_KIND, .args = { 2, 2, "a kind and an id" }, .opens = OPENS_READ,
	.usage = "smalog show KIND ID [--history]",
	.summary = "Show one record, every field, and what references it.",
	.help = "ID is the id that 'list' shows, an agreement code, a source key, an\n"
		"actor key, AGREEMENT:SEQ for a round (SMA-11:3), or AGREEMENT:YEAR for a\n"
		"schedule year (SMA-11:2021).\n",
};

const struct command cmd_edit = {
	.name = "edit", .run = run_edit,
	.takes = TAKES_KIND | TAKES_FIELDS, .args = { 2, 2, "a kind and an id" }, .opens = OPENS_WRITE,
	.usage = "smalog edit KIND ID [--FIELD VALUE]...",
	.summary = "Change fields of one record; an empty value clears a field.",
	.help = "ID is the id that 'list' shows, an agreement code, a source key, an\n"
		"actor key, AGREEMENT:SEQ for a round, or AGREEMENT:YEAR for a schedule\n"
		"year.  Renaming an agreement updates what references it.\n",
};

const struct command cmd_delete = {
	.name = "delete", .run = run_delete,
	.takes = TAKES_KIND, .args = { 2, 2, "a kind and an id" }, .opens = OPENS_WRITE,
	.usage = "smalog delete KIND ID",
	.summary = "Delete one record; refused while other records reference it.",
};

/* kind_sql.c - the statements whose text is the same pattern for every kind, made from its description. */
#include "smalog/sql.h"

#include "smalog/kinds.h"
#include "smalog/memory.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

/*
 * A kind's table holds id, then a column per field (field_column), then a
 * flag COLUMN_approx per field whose type may be "about", and whatever a
 * migration adds beside them (uid, sort keys such as date_key, generated
 * columns).  Every statement below reads and writes those columns in the
 * description's order, so a record is read as record_from_row expects it
 * and bound by name as bind_fields binds it.  Identifiers are always
 * quoted: a field or a kind may be an SQL keyword ("end", "index").
 */

enum kind_op {
	OP_INSERT,
	OP_UPDATE,
	OP_GET,
	OP_LIST,
	OP_DELETE,
	OP_COUNT,
	OP_UID_OF,
	OP_SET_UID,
	OP_BY_UID,
	OP_BY_KEY,
	OP_LIKE_KEY,
	OP_NATURAL,
	OP_REFERENCES,
	OP_REFERRERS,
	OP_EXPORT,
	OP_CANONICAL,
	OP_EXPORT_ROWS,
	OP_REPEATED,
	OP_REPEATS,
	OP_IDENTICAL,
	OP_LOG_INSERTS,
	OP_UID_REPEATS,
	OP_UID_ELSEWHERE,
	OP_MOVE_ASIDE,
	OP_EXPORT_SORTED,
	OP_ORDER_SAMPLE,
	OP_COUNT_OPS
};

static const char *const op_names[OP_COUNT_OPS] = {
	[OP_INSERT] = "insert",   [OP_UPDATE] = "update",   [OP_GET] = "get",         [OP_LIST] = "list",
	[OP_DELETE] = "delete",   [OP_COUNT] = "count",     [OP_UID_OF] = "uid_of",   [OP_SET_UID] = "set_uid",
	[OP_BY_UID] = "by_uid",   [OP_BY_KEY] = "by_key",   [OP_LIKE_KEY] = "like_key", [OP_NATURAL] = "natural",
	[OP_REFERENCES] = "references", [OP_REFERRERS] = "referrers", [OP_EXPORT] = "export",
	[OP_CANONICAL] = "canonical", [OP_EXPORT_ROWS] = "export_rows", [OP_REPEATED] = "repeated",
	[OP_REPEATS] = "repeats",
	[OP_IDENTICAL] = "identical", [OP_LOG_INSERTS] = "log_inserts", [OP_UID_REPEATS] = "uid_repeats",
	[OP_UID_ELSEWHERE] = "uid_elsewhere", [OP_MOVE_ASIDE] = "move_aside",
	[OP_EXPORT_SORTED] = "export_sorted", [OP_ORDER_SAMPLE] = "order_sample",
};

/* The statements that name nothing of a kind but its table. */
static const char *const by_table[OP_COUNT_OPS] = {
	[OP_DELETE] = "DELETE FROM \"%w\" WHERE id = :id",
	[OP_COUNT] = "SELECT count(*) FROM \"%w\"",
	[OP_UID_OF] = "SELECT uid FROM \"%w\" WHERE id = :id",
	[OP_SET_UID] = "UPDATE \"%w\" SET uid = :uid WHERE id = :id",
	[OP_BY_UID] = "SELECT id FROM \"%w\" WHERE uid = :uid",
	/* for an import that loads uids with the uid index dropped: the
	 * first record added after :before (up to :last) whose uid an
	 * earlier record holds, that record, and the uid; and the first
	 * record other than :id that holds :uid */
	[OP_UID_REPEATS] = "SELECT id, first, uid FROM (\n"
			   "\tSELECT id, uid, first_value(id) OVER same AS first, row_number() OVER same AS nth\n"
			   "\tFROM \"%w\" WHERE uid IS NOT NULL WINDOW same AS (PARTITION BY uid ORDER BY id))\n"
			   "WHERE nth > 1 AND id > :before AND id <= :last ORDER BY id LIMIT 1",
	[OP_UID_ELSEWHERE] = "SELECT id FROM \"%w\" WHERE uid = :uid AND id IS NOT :id ORDER BY id LIMIT 1",
	/* what the table's history_KIND_insert trigger (history.c) writes for
	 * each row, for the rows from :first on, in their order: an import
	 * logs what it added in one statement, its triggers off */
	[OP_LOG_INSERTS] = "INSERT INTO change (grp, tbl, row_id, op)\n"
			   "SELECT (SELECT max(id) FROM change_group), '%q', id, 'I' FROM \"%w\"\n"
			   "WHERE id >= :first ORDER BY id",
};

/* A column of a record: field's, or its approx flag. */
struct column {
	int field;
	bool flag;
};

/* The columns of kind's records after the id, in the order every
 * statement here reads and writes them: the fields, then the flags. */
static int record_columns(const struct kind *kind, struct column cols[2 * KIND_MAX_FIELDS])
{
	int n = 0;
	for (int flag = 0; flag < 2; flag++)
		for (int i = 0; i < kind->nfields; i++)
			if (!flag || field_types[kind->fields[i].type].approx)
				cols[n++] = (struct column){ i, flag };
	return n;
}

/* The column's name, quoted, after sep; or as a parameter when param. */
static void append_column(sqlite3_str *s, const struct kind *kind, struct column c, const char *sep, bool param)
{
	char name[48];
	field_column(&kind->fields[c.field], name, sizeof name);
	if (param)
		sqlite3_str_appendf(s, "%s:%s%s", sep, name, c.flag ? "_approx" : "");
	else
		sqlite3_str_appendf(s, "%s\"%w%s\"", sep, name, c.flag ? "_approx" : "");
}

/* "id, <every column>": the row record_from_row reads. */
static void append_row(sqlite3_str *s, const struct kind *kind)
{
	struct column cols[2 * KIND_MAX_FIELDS];
	int n = record_columns(kind, cols);
	sqlite3_str_appendall(s, "SELECT id");
	for (int c = 0; c < n; c++)
		append_column(s, kind, cols[c], ", ", false);
}

/* same_hash(FIELD, ...) over kind's fields: the hash an import gives a
 * row (src/import.c registers the function). */
static void append_same_hash(sqlite3_str *s, const struct kind *kind, const struct column *cols, int n)
{
	sqlite3_str_appendall(s, "same_hash(");
	for (int c = 0; c < n && !cols[c].flag; c++)
		append_column(s, kind, cols[c], c ? ", " : "", false);
	sqlite3_str_appendall(s, ")");
}

/* " FROM KIND GROUP BY same_hash(...) HAVING ...": the groups of kind's
 * records by hash that hold more than one, one of them added after
 * :before.  KIND.repeated asks whether there is one and KIND.repeats
 * starts from their hashes, written once so that the two never disagree.
 * (Selected by the alias of its column, a group's hash cost an import 5%
 * more than SELECT 1 grouped by the expression: callgrind, 30k rows.) */
static void append_hashes_twice(sqlite3_str *s, const struct kind *kind, const struct column *cols, int n)
{
	sqlite3_str_appendf(s, " FROM \"%w\" GROUP BY ", kind->name);
	append_same_hash(s, kind, cols, n);
	sqlite3_str_appendall(s, " HAVING count(*) > 1 AND max(id) > :before");
}

/* The index of kind's field named name, if it is of type, else -1. */
static int field_of_type(const struct kind *kind, const char *name, enum field_type type)
{
	int i = kind_field_index(kind, name);
	return i >= 0 && kind->fields[i].type == type ? i : -1;
}

/*
 * list: the list filters of `smalog list` that apply to kind, each a
 * parameter that is NULL when the filter is not given (so the statement is
 * the same whichever are), as cmd_record.c binds them: --agreement and
 * --party on fields of those names, --from and --to on the sort key of a
 * dated kind's first date (a record is kept when its period overlaps the
 * range, as in the reports).  In that date's order, else in id order.
 */
static void append_list(sqlite3_str *s, const struct kind *kind)
{
	char key[48] = "";
	for (int i = 0; kind->dated && !key[0] && i < kind->nfields; i++) {
		if (field_types[kind->fields[i].type].sort_key) {
			field_column(&kind->fields[i], key, sizeof key - 4);
			strcat(key, "_key");
		}
	}
	const char *join = "\nWHERE ";
	if (field_of_type(kind, "agreement", F_AGREEMENT) >= 0) {
		sqlite3_str_appendf(s, "%s(:agreement IS NULL OR agreement = :agreement)", join);
		join = "\n  AND ";
	}
	if (field_of_type(kind, "party", F_PARTY) >= 0) {
		sqlite3_str_appendf(s, "%s(:party IS NULL OR party = :party)", join);
		join = "\n  AND ";
	}
	if (key[0])
		sqlite3_str_appendf(s,
				    "%s(:from IS NULL OR \"%w\" >= :from\n"
				    "       OR \"%w\" IN (:from / 100000 * 100000 + 1011, :from / 1000 * 1000 + 12))\n"
				    "  AND (:to IS NULL OR \"%w\" <= :to)\nORDER BY \"%w\", id",
				    join, key, key, key, key);
	else
		sqlite3_str_appendall(s, "\nORDER BY id");
}

/* The condition that a record of from refers to the record of to whose
 * key is :key, through each field whose type names to's kind: equal to
 * the key, or the key among a list's parts.  false when none does. */
static bool append_refers(sqlite3_str *s, const struct kind *from, const struct kind *to)
{
	int n = 0;
	for (int i = 0; i < from->nfields; i++) {
		const struct field_type_info *t = &field_types[from->fields[i].type];
		if (!t->refers_to || strcmp(t->refers_to, to->name) != 0)
			continue;
		char column[48];
		field_column(&from->fields[i], column, sizeof column);
		sqlite3_str_appendall(s, n++ ? " OR " : " WHERE ");
		if (t->list_sep)
			sqlite3_str_appendf(s, "instr('%c' || \"%w\" || '%c', '%c' || :key || '%c') > 0", t->list_sep, column,
					    t->list_sep, t->list_sep, t->list_sep);
		else
			sqlite3_str_appendf(s, "\"%w\" = :key", column);
	}
	return n > 0;
}

/*
 * references (how many records of each kind refer to the record whose
 * key is :key, which delete refuses while any do) or referrers (each of
 * them, named as a user names it: by its key, AGREEMENT:N, or its id; for
 * show), the kinds in all_kinds order.  Only for a kind referred to by its
 * key; false when no kind refers to it.
 */
static bool append_referring(sqlite3_str *s, const struct kind *to, bool each)
{
	int n = 0;
	if (each)
		sqlite3_str_appendall(s, "SELECT kind, name FROM (\n");
	for (int k = 0; all_kinds[k]; k++) {
		const struct kind *from = all_kinds[k];
		sqlite3_str *cond = sqlite3_str_new(NULL);
		bool refers = append_refers(cond, from, to);
		char *where = sqlite3_str_finish(cond);
		if (refers && !where)
			die_oom();
		if (refers && !each) {
			sqlite3_str_appendf(s, "%sSELECT '%w', count(*) FROM \"%w\"%s", n ? "\nUNION ALL " : "", from->name,
					    from->name, where);
		} else if (refers) {
			sqlite3_str_appendf(s, "\t%sSELECT %d%s, '%w'%s, ", n ? "UNION ALL " : "", n + 1, n ? "" : " AS o",
					    from->name, n ? "" : " AS kind");
			if (from->key_field >= 0)
				sqlite3_str_appendf(s, "\"%w\"", from->fields[from->key_field].name);
			else if (from->seq_field)
				sqlite3_str_appendf(s, "agreement || ':' || \"%w\"", from->seq_field);
			else
				sqlite3_str_appendall(s, "CAST(id AS TEXT)");
			sqlite3_str_appendf(s, "%s, id FROM \"%w\"%s\n", n ? "" : " AS name", from->name, where);
		}
		n += refers;
		sqlite3_free(where);
	}
	if (each)
		sqlite3_str_appendall(s, ") ORDER BY o, id");
	return n > 0;
}

/*
 * Give record :id a natural key that no row can ask for, so that a row of
 * import --replace can take the key it held (rounds renumbered, a record
 * removed and added again: see import.c, move_key_holder_aside).  A key
 * field gets a space, which no key has (F_KEY); a key of two fields moves
 * its second past the highest of its group: a round the next number of
 * its agreement, a rate the year after its currency's last.  Each is a
 * value the schema's checks accept, so that an undo can put it back, and
 * references to it follow through their ON UPDATE CASCADE.
 */
static void append_move_aside(sqlite3_str *s, const struct kind *kind)
{
	char name[48], group[48];
	const char *t = kind->name;
	if (kind->key_field >= 0) {
		field_column(&kind->fields[kind->key_field], name, sizeof name);
		sqlite3_str_appendf(s, "UPDATE \"%w\" SET \"%w\" = substr(\"%w\", 1, 40) || ' (moved aside ' || id || ')'",
				    t, name, name);
		sqlite3_str_appendall(s, "\nWHERE id = :id");
		return;
	}
	const struct field *moved = &kind->fields[kind_field_index(kind, kind->taken.blame)];
	const char *other = kind->taken.args[strcmp(kind->taken.args[0], kind->taken.blame) == 0];
	field_column(moved, name, sizeof name);
	field_column(&kind->fields[kind_field_index(kind, other)], group, sizeof group);
	if (field_types[moved->type].integer) /* a round's seq, a schedule's year */
		sqlite3_str_appendf(s, "UPDATE \"%w\" SET \"%w\" = (SELECT max(other.\"%w\") + 1\n"
				    "\tFROM \"%w\" AS other WHERE other.\"%w\" = \"%w\".\"%w\")",
				    t, name, name, t, group, t, group);
	else /* a rate's date, an index's period: the year after the group's last */
		sqlite3_str_appendf(s, "UPDATE \"%w\" SET \"%w\" = printf('%%04d',\n"
				    "\t(SELECT max(CAST(substr(other.\"%w\", 1, 4) AS INTEGER)) + 1\n"
				    "\tFROM \"%w\" AS other WHERE other.\"%w\" = \"%w\".\"%w\"))",
				    t, name, name, t, group, t, group);
	sqlite3_str_appendall(s, "\nWHERE id = :id");
}

/* How many records KIND.order_sample reads: enough that records added in
 * no order show it, few enough to cost nothing beside an export. */
enum { KIND_ORDER_SAMPLE = 1000 };

/*
 * " ORDER BY ...": export's order.  SQLite reads it through an index that
 * gives its first columns (agreement, date_key), looking the rest of each
 * record up by id: cheap when records were added in about that order, a
 * random page each when not.  sorted asks for one scan of the table and
 * one sort instead, whose cost does not depend on that order: the unary +
 * keeps the column's collation and hides it from the indexes, so the
 * order is the same.
 */
static void append_canonical_order(sqlite3_str *s, const struct kind *kind, bool sorted)
{
	sqlite3_str_appendf(s, " ORDER BY %s%s", sorted ? "+" : "", kind->order);
}

/* The text of op for kind, or NULL when op does not apply to it (by_key
 * and like_key need a key field; natural a key field or a taken key). */
static char *make(const struct kind *kind, enum kind_op op)
{
	const char *key = kind->key_field >= 0 ? kind->fields[kind->key_field].name : NULL;
	if ((op == OP_BY_KEY || op == OP_LIKE_KEY) && !key)
		return NULL;
	if ((op == OP_NATURAL || op == OP_MOVE_ASIDE) && !key && !kind->taken.message)
		return NULL;
	if ((op == OP_REFERENCES || op == OP_REFERRERS) && !key)
		return NULL;
	if ((op == OP_CANONICAL || op == OP_EXPORT_ROWS || op == OP_EXPORT_SORTED || op == OP_ORDER_SAMPLE) &&
	    !kind->order)
		return NULL;
	sqlite3_str *s = sqlite3_str_new(NULL);
	const char *t = kind->name;
	struct column cols[2 * KIND_MAX_FIELDS];
	int n = record_columns(kind, cols);
	switch (op) {
	case OP_INSERT:
		/* the uid is given with the row (record_insert), so the schema's
		 * trigger, for other tools' rows, has nothing to fill in */
		sqlite3_str_appendf(s, "INSERT INTO \"%w\" (", t);
		for (int c = 0; c < n; c++)
			append_column(s, kind, cols[c], c ? ", " : "", false);
		sqlite3_str_appendall(s, ", uid)\nVALUES (");
		for (int c = 0; c < n; c++)
			append_column(s, kind, cols[c], c ? ", " : "", true);
		sqlite3_str_appendall(s, ", :uid)");
		break;
	case OP_UPDATE:
		sqlite3_str_appendf(s, "UPDATE \"%w\" SET ", t);
		for (int c = 0; c < n; c++) {
			append_column(s, kind, cols[c], c ? ", " : "", false);
			append_column(s, kind, cols[c], " = ", true);
		}
		sqlite3_str_appendall(s, "\nWHERE id = :id");
		break;
	case OP_GET:
		append_row(s, kind);
		sqlite3_str_appendf(s, " FROM \"%w\" WHERE id = :id", t);
		break;
	case OP_LIST:
		append_row(s, kind);
		sqlite3_str_appendf(s, " FROM \"%w\"", t);
		append_list(s, kind);
		break;
	case OP_DELETE:
	case OP_COUNT:
	case OP_UID_OF:
	case OP_SET_UID:
	case OP_BY_UID:
	case OP_UID_REPEATS:
	case OP_UID_ELSEWHERE:
		sqlite3_str_appendf(s, by_table[op], t);
		break;
	case OP_LOG_INSERTS:
		sqlite3_str_appendf(s, by_table[op], t, t);
		break;
	case OP_BY_KEY:
		sqlite3_str_appendf(s, "SELECT id FROM \"%w\" WHERE \"%w\" = :key", t, key);
		break;
	case OP_LIKE_KEY:
		/* a key that differs from a stored one only in case or in its
		 * '-', '_' and '.' (sma-11, SMA11 for SMA-11), to suggest it
		 * rather than invite a duplicate; asked only after a lookup
		 * failed, so a scan is fine */
		sqlite3_str_appendf(s,
				    "SELECT \"%w\" FROM \"%w\"\n"
				    "WHERE replace(replace(replace(upper(\"%w\"), '-', ''), '_', ''), '.', '')\n"
				    "    = replace(replace(replace(upper(:key), '-', ''), '_', ''), '.', '')\n"
				    "ORDER BY \"%w\" = :key COLLATE NOCASE DESC, id LIMIT 1",
				    key, t, key, key);
		break;
	case OP_NATURAL:
		/* the record holding the row's natural key, through the key's
		 * UNIQUE index: the key field, else the fields a taken key names */
		append_row(s, kind);
		sqlite3_str_appendf(s, " FROM \"%w\" WHERE ", t);
		for (int a = 0; a < (key ? 1 : 2); a++) {
			struct column c = { kind_field_index(kind, key ? key : kind->taken.args[a]), false };
			append_column(s, kind, c, a ? " AND " : "", false);
			append_column(s, kind, c, " = ", true);
		}
		break;
	case OP_MOVE_ASIDE:
		append_move_aside(s, kind);
		break;
	case OP_REFERENCES:
	case OP_REFERRERS:
		if (!append_referring(s, kind, op == OP_REFERRERS)) {
			sqlite3_free(sqlite3_str_finish(s));
			return NULL;
		}
		break;
	case OP_EXPORT:
		/* every record as get reads it, in id order: what an import
		 * compares its rows with */
		append_row(s, kind);
		sqlite3_str_appendf(s, " FROM \"%w\" ORDER BY id", t);
		break;
	case OP_CANONICAL:
		/* export's order, one ORDER BY for every statement so that
		 * they can never disagree about the order of a file */
		sqlite3_str_appendf(s, "SELECT id, uid FROM \"%w\"", t);
		append_canonical_order(s, kind, false);
		break;
	case OP_EXPORT_ROWS:
	case OP_EXPORT_SORTED:
		/* what export writes in one ordered pass: get's row, then the
		 * uid; read as the planner chooses, or in one sort */
		append_row(s, kind);
		sqlite3_str_appendf(s, ", uid FROM \"%w\"", t);
		append_canonical_order(s, kind, op == OP_EXPORT_SORTED);
		break;
	case OP_ORDER_SAMPLE:
		/* the ids of the first records in export's order: whether they
		 * were added in that order (rows.c, export_statement) */
		sqlite3_str_appendf(s, "SELECT id FROM \"%w\"", t);
		append_canonical_order(s, kind, false);
		sqlite3_str_appendf(s, " LIMIT %d", KIND_ORDER_SAMPLE);
		break;
	case OP_REPEATED:
		/* a row if any record added after :before has the hash of
		 * another (repeats' first step): one sort of the hashes, where
		 * repeats would then read the table once more to name the
		 * records, which an import without repeats never needs */
		sqlite3_str_appendall(s, "SELECT 1");
		append_hashes_twice(s, kind, cols, n);
		sqlite3_str_appendall(s, " LIMIT 1");
		break;
	case OP_REPEATS:
		/* the first record added after :before (up to :last) that is
		 * the same as one with a smaller id, field by field, NULLs
		 * alike (as an import compares rows; the approx flags are how
		 * a value was written, not what it is), and the first of its
		 * equals.  For an import that dropped the indexes a look-up
		 * per row would need: the table is sorted once by a hash of
		 * each row (import's same_hash), narrow and cheap; only the
		 * rows whose hash is shared with one added are then compared
		 * in full, so a collision costs a comparison, never a wrong
		 * answer */
		sqlite3_str_appendall(s, "WITH twice (hash) AS (\n\tSELECT ");
		append_same_hash(s, kind, cols, n);
		append_hashes_twice(s, kind, cols, n);
		sqlite3_str_appendf(s, ")\nSELECT id, first FROM (\n"
				       "\tSELECT id, first_value(id) OVER same AS first, row_number() OVER same AS nth"
				       " FROM \"%w\"\n\tWHERE ", t);
		append_same_hash(s, kind, cols, n);
		sqlite3_str_appendall(s, " IN twice\n\tWINDOW same AS (PARTITION BY ");
		for (int c = 0; c < n && !cols[c].flag; c++)
			append_column(s, kind, cols[c], c ? ", " : "", false);
		sqlite3_str_appendall(s, " ORDER BY id))\n"
					 "WHERE nth > 1 AND id > :before AND id <= :last ORDER BY id LIMIT 1");
		break;
	case OP_IDENTICAL:
		/* the first record other than :id the same as the row, as
		 * repeats compares them, and with the sort keys of its dates
		 * (:date_key), so that the kind's indexes (agreement, party,
		 * date_key, ...) find it; compared here, not row by row in C,
		 * where a date shared by hundreds of records cost a record
		 * read for each */
		sqlite3_str_appendf(s, "SELECT id FROM \"%w\" WHERE id IS NOT :id", t);
		for (int c = 0; c < n && !cols[c].flag; c++) {
			append_column(s, kind, cols[c], " AND ", false);
			append_column(s, kind, cols[c], " IS ", true);
			if (kind->dated && field_types[kind->fields[cols[c].field].type].sort_key) {
				char name[48];
				field_column(&kind->fields[cols[c].field], name, sizeof name - 4);
				sqlite3_str_appendf(s, " AND \"%w_key\" IS :%s_key", name, name);
			}
		}
		sqlite3_str_appendall(s, " ORDER BY id LIMIT 1");
		break;
	case OP_COUNT_OPS:
		break;
	}
	char *text = sqlite3_str_finish(s);
	if (!text)
		die_oom();
	return text;
}

const char *sql_kind_statement(const char *name, int *len)
{
	/* made once, then kept for the life of the process, as the embedded
	 * texts are: db_statement keeps the name, SQLite the prepared copy */
	static char *texts[KIND_COUNT][OP_COUNT_OPS];
	static bool made[KIND_COUNT][OP_COUNT_OPS];
	const char *dot = strchr(name, '.');
	if (!dot)
		return NULL;
	int k = 0;
	while (all_kinds[k] && (strncmp(all_kinds[k]->name, name, (size_t)(dot - name)) != 0 ||
				all_kinds[k]->name[dot - name] != '\0'))
		k++;
	int op = 0;
	while (op < OP_COUNT_OPS && strcmp(op_names[op], dot + 1) != 0)
		op++;
	if (!all_kinds[k] || op == OP_COUNT_OPS)
		return NULL;
	if (!made[k][op]) {
		texts[k][op] = make(all_kinds[k], (enum kind_op)op);
		made[k][op] = true;
	}
	if (!texts[k][op])
		return NULL;
	*len = (int)strlen(texts[k][op]);
	return texts[k][op];
}

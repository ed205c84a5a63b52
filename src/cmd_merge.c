/* cmd_merge.c - working together through git: merge (git's merge driver), git-setup and diff. */
#include "smalog/commands.h"

#include "smalog/db.h"
#include "smalog/error.h"
#include "smalog/atomic_file.h"
#include "smalog/memory.h"
#include "smalog/merge.h"
#include "smalog/record.h"
#include "smalog/rows.h"
#include "smalog/sbuf.h"
#include "smalog/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Read one CSV table from path, named name in messages. */
static int read_table(const char *path, const char *name, struct merge_table *t)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return sm_error(errno == ENOENT ? EX_NOINPUT : EX_IOERR, "cannot open '%s': %s", path, strerror(errno));
	int rc = merge_table_read(fp, name, t);
	fclose(fp);
	return rc;
}

/* A value as a conflict's message shows it: cut, made printable. */
static const char *shown(struct merge_cell c, char *buf, size_t bufsz)
{
	if (!c.text)
		return "(no value)";
	utf8_echo(c.text, c.len, buf, bufsz);
	return buf;
}

/* "smalog: NAME: uid U: field 'F': ours X, theirs Y" on stderr. */
static void report_conflict(const char *name, const struct merge_table *t, const struct merge_conflict *c)
{
	char uid[UTF8_ECHO_SIZE], field[UTF8_ECHO_SIZE], ours[UTF8_ECHO_SIZE], theirs[UTF8_ECHO_SIZE];
	char line[1024];
	utf8_echo(c->uid.text, c->uid.len, uid, sizeof uid);
	utf8_echo(t->cols[c->col].text ? t->cols[c->col].text : "", t->cols[c->col].len, field, sizeof field);
	const char *o = c->kind == MERGE_OURS_DELETED ? "deleted the record" : shown(c->ours, ours, sizeof ours);
	const char *th = c->kind == MERGE_THEIRS_DELETED ? "deleted the record" : shown(c->theirs, theirs, sizeof theirs);
	snprintf(line, sizeof line, "%s: uid %s: field '%s': ours %s, theirs %s%s", name, uid, field, o, th,
		 c->kind == MERGE_BOTH_ADDED ? " (both added the record)" : "");
	fputs("smalog: ", stderr);
	utf8_write_printable(stderr, line);
	fputc('\n', stderr);
}

/* The first difference between two headers, for the refusal. */
static int columns_differ(const char *name, const struct merge_table *a, const char *aside,
			  const struct merge_table *b, const char *bside)
{
	if (a->ncols != b->ncols)
		return sm_error(EX_DATAERR, "%s: %s has %zu columns but %s has %zu: the versions must have the same columns",
				name, aside, a->ncols, bside, b->ncols);
	size_t i = 0;
	while (i < a->ncols && merge_cell_equal(a->cols[i], b->cols[i]))
		i++;
	char x[UTF8_ECHO_SIZE] = "", y[UTF8_ECHO_SIZE] = "";
	if (a->cols[i].text)
		utf8_echo(a->cols[i].text, a->cols[i].len, x, sizeof x);
	if (b->cols[i].text)
		utf8_echo(b->cols[i].text, b->cols[i].len, y, sizeof y);
	return sm_error(EX_DATAERR, "%s: column %zu is '%s' in %s but '%s' in %s: the versions must have the same columns",
			name, i + 1, x, aside, y, bside);
}

/* Write the merged rows over path, whole or not at all. */
static int write_merged(const char *path, const struct merge_table *header, const struct merge_result *res)
{
	struct out_column *cols = xcalloc(header->ncols, sizeof *cols);
	for (size_t i = 0; i < header->ncols; i++)
		cols[i] = (struct out_column){ header->cols[i].text ? header->cols[i].text : "", OUT_TEXT };
	struct output *out = out_open(OUT_CSV, path, 0, cols, header->ncols);
	free(cols);
	if (!out)
		return sm_error_code() ? sm_error_code() : EX_CANTCREAT;
	struct out_value *vals = xcalloc(header->ncols, sizeof *vals);
	int rc = 0;
	for (size_t r = 0; rc == 0 && r < res->nrows; r++) {
		for (size_t i = 0; i < header->ncols; i++) {
			const struct merge_cell *c = &res->rows[r][i];
			vals[i] = c->text ? (struct out_value){ .kind = VAL_TEXT, .s = c->text, .len = c->len }
					  : (struct out_value){ .kind = VAL_NULL };
		}
		rc = out_row(out, vals);
	}
	free(vals);
	if (rc == 0)
		return out_finish(out);
	out_abort(out);
	return rc;
}

/*
 * merge BASE OURS THEIRS [NAME]: git's merge driver (%O %A %B %P).  OURS
 * is replaced by the merge, its conflicts marked in their cells; NAME, the
 * file's path in the repository, names it in messages (else OURS does).
 */
static int run_merge(struct cli *cli)
{
	const char *paths[3] = { cli->args[0], cli->args[1], cli->args[2] };
	const char *sides[3] = { "base", "ours", "theirs" };
	const char *name = cli->nargs > 3 ? cli->args[3] : paths[1];
	struct merge_table t[3] = { 0 };
	int rc = 0;
	int read = 0;
	/* ours first: an empty BASE (git's, for a file both sides added)
	 * stands for no records in ours' columns */
	static const int order[3] = { 1, 2, 0 };
	for (; rc == 0 && read < 3; read++) {
		int i = order[read];
		char label[PATH_MAX + 32];
		if (cli->nargs > 3)
			snprintf(label, sizeof label, "%s (%s)", name, sides[i]);
		else
			snprintf(label, sizeof label, "%s", paths[i]);
		struct stat st;
		if (i == 0 && stat(paths[0], &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0)
			merge_table_empty(&t[1], label, &t[0]);
		else
			rc = read_table(paths[i], label, &t[i]);
	}
	if (rc != 0)
		read--; /* the failed read left nothing to release */
	for (int i = 0; rc == 0 && i < 3; i += 2)
		if (!merge_same_columns(&t[1], &t[i]))
			rc = columns_differ(name, &t[1], "ours", &t[i], sides[i]);
	struct merge_result res = { 0 };
	if (rc == 0) {
		merge_three(&t[0], &t[1], &t[2], &res);
		rc = write_merged(paths[1], &t[1], &res);
	}
	if (rc == 0 && res.nconflicts > 0) {
		for (size_t i = 0; i < res.nconflicts; i++)
			report_conflict(name, &t[1], &res.conflicts[i]);
		rc = sm_error(1, "%s: %zu conflict%s marked in the file (<<<<<<< ... >>>>>>>): keep one value in each, then import",
			      name, res.nconflicts, res.nconflicts == 1 ? "" : "s");
	}
	merge_result_release(&res);
	for (int i = 0; i < read; i++)
		merge_table_release(&t[order[i]]);
	return rc;
}

const struct command cmd_merge = {
	.name = "merge", .run = run_merge,
	.args = { 3, 4, "BASE, OURS and THEIRS (and the file's name)" }, .opens = OPENS_NONE,
	.usage = "smalog merge BASE OURS THEIRS [NAME]",
	.summary = "Merge two versions of a kind's CSV by uid, field by field.",
	.help = "OURS is replaced by the merge.  A field changed on one side takes that change; records\n"
		"added on either side are kept; a record deleted on one side and unchanged on the other\n"
		"is deleted.  A field changed differently on both sides, or changed on one side of a\n"
		"record the other deleted, is a conflict: its cell holds\n"
		"  <<<<<<< ours: X ||||||| base: B ======= theirs: Y >>>>>>>\n"
		"and is listed on stderr; exit 1.  Import refuses the file until each such cell holds\n"
		"one value.  Rows keep OURS' order, then THEIRS' new rows in THEIRS' order.  NAME names\n"
		"the file in messages (git passes %P).",
};

/* ---- git-setup ---- */

/*
 * Run git with args (argv[0] is "git"); its standard output into *out (if
 * out is not NULL), its standard error shown unless quiet.  *status gets
 * its exit status (-1 if it did not end normally).  Returns 0, or the exit
 * code after sm_error when git could not be run.
 */
static int run_git(char *const argv[], struct sbuf *out, bool quiet, int *status)
{
	int fds[2] = { -1, -1 };
	if (out && pipe(fds) != 0)
		return sm_error(EX_OSERR, "cannot run git: %s", strerror(errno));
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (out) {
		posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
		posix_spawn_file_actions_addclose(&fa, fds[0]);
		posix_spawn_file_actions_addclose(&fa, fds[1]);
	} else
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int err = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (out)
		close(fds[1]);
	if (err != 0) {
		if (out)
			close(fds[0]);
		return sm_error(EX_UNAVAILABLE, "cannot run git: %s (is git installed?)", strerror(err));
	}
	if (out) {
		char buf[4096];
		ssize_t n;
		while ((n = read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
			if (n > 0)
				sb_add(out, buf, (size_t)n);
		close(fds[0]);
	}
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return sm_error(EX_OSERR, "cannot run git: %s", strerror(errno));
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	return 0;
}

/* Text in single quotes for the shell git runs a driver with. */
static void shell_quote(struct sbuf *b, const char *s)
{
	sb_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_adds(b, "'\\''");
		else
			sb_addc(b, *s);
	}
	sb_addc(b, '\'');
}

/*
 * How git is to run this smalog: "smalog" when that name on PATH is this
 * very program (so that an upgrade installed in its place is used), else
 * the absolute path of this program, quoted for the shell.
 */
static void program_for_git(struct sbuf *b)
{
	char self[PATH_MAX];
	if (!realpath("/proc/self/exe", self)) {
		sb_adds(b, "smalog");
		return;
	}
	const char *path = getenv("PATH");
	while (path && *path) {
		size_t n = strcspn(path, ":");
		char cand[PATH_MAX], real[PATH_MAX];
		if (n > 0 && (size_t)snprintf(cand, sizeof cand, "%.*s/smalog", (int)n, path) < sizeof cand &&
		    realpath(cand, real) && strcmp(real, self) == 0) {
			sb_adds(b, "smalog");
			return;
		}
		path += n + (path[n] == ':');
	}
	shell_quote(b, self);
}

static const char attributes_line[] = "*.csv merge=smalog";

/* Does text hold attributes_line as a line of its own? */
static bool has_line(const char *text, size_t len)
{
	size_t want = sizeof attributes_line - 1;
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len, e = end;
		while (e > at && (text[e - 1] == '\r' || text[e - 1] == ' ' || text[e - 1] == '\t'))
			e--;
		if (e - at == want && memcmp(text + at, attributes_line, want) == 0)
			return true;
		at = end + 1;
	}
	return false;
}

/* DIR/.gitattributes with attributes_line appended, unless there already:
 * written to f's temporary (f->fp NULL when nothing is to change), for
 * the caller to commit once the rest is done.  *path gets the file's path. */
static int begin_attributes(const char *dir, struct atomic_file *f, char path[PATH_MAX])
{
	f->fp = NULL;
	if ((size_t)snprintf(path, PATH_MAX, "%s/.gitattributes", dir) >= PATH_MAX)
		return sm_error(EX_CANTCREAT, "folder name too long: '%s'", dir);
	struct sbuf old = { 0 };
	FILE *fp = fopen(path, "rb");
	if (fp) {
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
			sb_add(&old, buf, n);
		bool bad = ferror(fp);
		fclose(fp);
		if (bad) {
			sb_release(&old);
			return sm_error(EX_IOERR, "cannot read '%s': %s", path, strerror(errno ? errno : EIO));
		}
	} else if (errno != ENOENT)
		return sm_error(EX_IOERR, "cannot read '%s': %s", path, strerror(errno));
	int rc = 0;
	if (!has_line(old.p, old.len)) {
		rc = atomic_file_open(f, path, false);
		if (rc == 0) {
			if (old.len)
				fwrite(old.p, 1, old.len, f->fp);
			if (old.len && old.p[old.len - 1] != '\n')
				fputc('\n', f->fp);
			fprintf(f->fp, "%s\n", attributes_line);
		}
	}
	sb_release(&old);
	return rc;
}

/*
 * git-setup [DIR]: in the git work tree DIR is in, git merges DIR's CSV
 * files with smalog merge: the driver in the repository's config, and
 * DIR/.gitattributes naming it for *.csv.  Running it again changes nothing.
 */
static int run_git_setup(struct cli *cli)
{
	const char *dir = cli->nargs > 0 ? cli->args[0] : ".";
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return sm_error(EX_NOINPUT, "no folder '%s'", dir);
	struct sbuf out = { 0 };
	int status;
	int rc = run_git((char *[]){ "git", "-C", (char *)dir, "rev-parse", "--is-inside-work-tree", NULL }, &out, true,
			 &status);
	bool inside = rc == 0 && status == 0 && strcmp(sb_str(&out), "true\n") == 0;
	sb_release(&out);
	if (rc == 0 && !inside)
		rc = sm_error(EX_USAGE, "'%s' is not in a git work tree: clone the team's repository (or git init) first", dir);
	struct sbuf driver = { 0 };
	program_for_git(&driver);
	sb_adds(&driver, " merge %O %A %B %P");
	char *const settings[][2] = {
		{ "merge.smalog.name", "smalog: records merged by uid, field by field" },
		{ "merge.smalog.driver", (char *)sb_str(&driver) },
	};
	/* .gitattributes first, so that a file that cannot be written stops
	 * the command before git's config is touched */
	struct atomic_file attributes = { 0 };
	char path[PATH_MAX];
	if (rc == 0)
		rc = begin_attributes(dir, &attributes, path);
	for (size_t i = 0; rc == 0 && i < sizeof settings / sizeof settings[0]; i++) {
		rc = run_git((char *[]){ "git", "-C", (char *)dir, "config", settings[i][0], settings[i][1], NULL }, NULL,
			     false, &status);
		if (rc == 0 && status != 0)
			rc = sm_error(EX_CANTCREAT, "git could not set %s (exit %d)", settings[i][0], status);
	}
	bool added = attributes.fp != NULL;
	if (added && rc == 0)
		rc = atomic_file_commit(&attributes, path, ferror(attributes.fp) ? errno : 0);
	else if (added)
		atomic_file_abort(&attributes);
	if (rc == 0) {
		char line[PATH_MAX + 256];
		snprintf(line, sizeof line, "git merges with: %s", sb_str(&driver));
		utf8_write_printable(stderr, line);
		fputc('\n', stderr);
		snprintf(line, sizeof line, "%s/.gitattributes: %s%s", dir, attributes_line,
			 added ? " (added)" : " (there already)");
		utf8_write_printable(stderr, line);
		fputc('\n', stderr);
	}
	sb_release(&driver);
	return rc;
}

const struct command cmd_git_setup = {
	.name = "git-setup", .run = run_git_setup,
	.args = { 0, 1, "the export folder" }, .opens = OPENS_NONE,
	.usage = "smalog git-setup [DIR]",
	.summary = "Make git merge export folder DIR's CSV files with smalog merge.",
	.help = "Sets merge.smalog.driver and merge.smalog.name in the repository's config and adds\n"
		"'*.csv merge=smalog' to DIR/.gitattributes (DIR: the current folder if not given).\n"
		"The driver runs 'smalog' when that name on PATH is this program, else this program's\n"
		"absolute path.  Running it again changes nothing.",
};

/* ---- diff ---- */

/* One side of a diff: each kind's table, if the side has that kind. */
struct side {
	const char *path;
	struct merge_table t[KIND_COUNT];
	bool have[KIND_COUNT];
};

/* Every kind of a database, exported as export --all writes it (the
 * rows_export_kind, one snapshot) and read back as a table. */
static int load_database(struct side *s)
{
	struct db *db;
	int rc = db_open(s->path, DB_READ_ONLY, &db);
	if (rc != 0)
		return rc;
	sqlite3_stmt *begin = db_statement(db, "csv.read_begin");
	rc = begin ? db_run(db, begin, "reading the database") : EX_SOFTWARE;
	for (int k = 0; rc == 0 && k < KIND_COUNT; k++) {
		const struct kind *kind = all_kinds[k];
		char *text = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&text, &len);
		if (!mem)
			die_oom();
		struct out_column cols[KIND_MAX_FIELDS + 2];
		size_t ncols = rows_kind_columns(kind, true, cols);
		if (strcmp(cols[0].name, "uid") != 0) {
			rc = sm_error(EX_DATAERR, "'%s' is a database whose records have no uid to compare them by: "
						  "compare export folders", s->path);
			fclose(mem);
			free(text);
			break;
		}
		struct output *out = out_open_stream(OUT_CSV, mem, s->path, 0, cols, ncols);
		int64_t count = 0;
		rc = out ? rows_export_kind(db, kind, out, &count) : EX_SOFTWARE;
		if (out && rc == 0)
			rc = out_finish(out);
		else
			out_abort(out);
		fclose(mem);
		if (rc == 0) {
			char name[PATH_MAX + 32];
			snprintf(name, sizeof name, "%s (%s)", s->path, kind->name);
			FILE *in = fmemopen(text, len, "rb");
			if (!in)
				die_oom();
			rc = merge_table_read(in, name, &s->t[k]);
			fclose(in);
			s->have[k] = rc == 0;
		}
		free(text);
	}
	db_rollback(db);
	db_close(db);
	return rc;
}

/* The KIND.csv files of an export folder; a kind without its file has no
 * records there, a folder with none of them is no export. */
static int load_folder(struct side *s)
{
	int rc = 0, found = 0;
	for (int k = 0; rc == 0 && k < KIND_COUNT; k++) {
		char path[PATH_MAX];
		if ((size_t)snprintf(path, sizeof path, "%s/%s.csv", s->path, all_kinds[k]->name) >= sizeof path)
			return sm_error(EX_NOINPUT, "folder name too long: '%s'", s->path);
		if (access(path, F_OK) != 0 && errno == ENOENT)
			continue;
		rc = read_table(path, path, &s->t[k]);
		s->have[k] = rc == 0;
		found++;
	}
	if (rc == 0 && found == 0)
		rc = sm_error(EX_NOINPUT, "'%s' holds no KIND.csv of any kind: 'smalog export --all %s' writes them", s->path,
			      s->path);
	return rc;
}

static int load_side(struct side *s)
{
	struct stat st;
	if (stat(s->path, &st) != 0)
		return sm_error(EX_NOINPUT, "no database or export folder '%s'", s->path);
	return S_ISDIR(st.st_mode) ? load_folder(s) : load_database(s);
}

static void release_side(struct side *s)
{
	for (int k = 0; k < KIND_COUNT; k++)
		if (s->have[k])
			merge_table_release(&s->t[k]);
}

static const struct out_column diff_columns[] = {
	{ "kind", OUT_TEXT }, { "uid", OUT_TEXT }, { "change", OUT_TEXT },
	{ "field", OUT_TEXT }, { "a", OUT_TEXT },  { "b", OUT_TEXT },
};
enum { DIFF_COLUMNS = sizeof diff_columns / sizeof diff_columns[0] };

static struct out_value text_value(const char *s, size_t len)
{
	return s ? (struct out_value){ .kind = VAL_TEXT, .s = s, .len = len } : (struct out_value){ .kind = VAL_NULL };
}

/* One diff row; a NULL field or value is written as no value. */
static int diff_row(struct output *out, const struct kind *kind, const struct merge_row *row, const char *change,
		    const struct merge_cell *field, struct merge_cell a, struct merge_cell b)
{
	struct out_value v[DIFF_COLUMNS] = {
		text_value(kind->name, strlen(kind->name)), text_value(row->cells[0].text, row->cells[0].len),
		text_value(change, strlen(change)), field ? text_value(field->text, field->len) : text_value(NULL, 0),
		text_value(a.text, a.len), text_value(b.text, b.len),
	};
	return out_row(out, v);
}

/*
 * The fields of one kind that a diff compares: those both sides have (all
 * of a side's when the other has no file of the kind), as column indexes
 * into each side's table, in A's order.  The uid, column 0, is not one.
 */
struct shared_fields {
	size_t n;
	size_t *a, *b;
};

/* The shared fields of a and b (either may be NULL: no records); into
 * *only[0] and *only[1] each field that only A or only B has, as
 * ", kind.field".  Returns whether a field only one side has holds a value
 * there, which makes the sides differ though no shared field does. */
static bool share_fields(const struct kind *kind, const struct merge_table *a, const struct merge_table *b,
			 struct shared_fields *f, struct sbuf only[2])
{
	const struct merge_table *t[2] = { a, b };
	size_t cap = (a ? a->ncols : 0) + (b ? b->ncols : 0);
	*f = (struct shared_fields){ .a = xcalloc(cap + 1, sizeof *f->a), .b = xcalloc(cap + 1, sizeof *f->b) };
	bool valued = false;
	for (int s = 0; s < 2; s++) {
		const struct merge_table *mine = t[s], *other = t[1 - s];
		for (size_t i = 1; mine && i < mine->ncols; i++) {
			size_t j = 1;
			while (other && j < other->ncols && !merge_cell_equal(mine->cols[i], other->cols[j]))
				j++;
			if (!other) {
				/* the other side has no file of the kind: all of this one's */
				f->a[f->n] = f->b[f->n] = i;
				f->n++;
				continue;
			}
			if (j < other->ncols) {
				/* a shared field, counted once: from A's side */
				if (s == 0) {
					f->a[f->n] = i;
					f->b[f->n++] = j;
				}
				continue;
			}
			sb_addf(&only[s], ", %s.", kind->name);
			sb_add(&only[s], mine->cols[i].text ? mine->cols[i].text : "", mine->cols[i].len);
			for (size_t r = 0; r < mine->nrows && !valued; r++)
				valued = mine->rows[r].cells[i].len > 0;
		}
	}
	return valued;
}

static void shared_fields_release(struct shared_fields *f)
{
	free(f->a);
	free(f->b);
	*f = (struct shared_fields){ 0 };
}

/* A record on one side only: a row per compared field that holds a value
 * (one without a field when none does); cols are those fields' indexes. */
static int diff_one_side(struct output *out, const struct kind *kind, const struct merge_table *t,
			 const struct merge_row *row, bool added, const size_t *cols, size_t ncols)
{
	static const struct merge_cell none = { NULL, 0 };
	int rc = 0, shown = 0;
	for (size_t c = 0; rc == 0 && c < ncols; c++) {
		size_t i = cols[c];
		if (!row->cells[i].text)
			continue;
		rc = diff_row(out, kind, row, added ? "added" : "removed", &t->cols[i], added ? none : row->cells[i],
			      added ? row->cells[i] : none);
		shown++;
	}
	if (rc == 0 && shown == 0)
		rc = diff_row(out, kind, row, added ? "added" : "removed", NULL, none, none);
	return rc;
}

/* Compare one kind's tables (either may be NULL: no records) in the
 * fields f; *records counts the records that differ. */
static int diff_kind(struct output *out, const struct kind *kind, const struct merge_table *a,
		     const struct merge_table *b, const struct shared_fields *f, int64_t *records)
{
	int rc = 0;
	for (size_t r = 0; a && rc == 0 && r < a->nrows; r++) {
		const struct merge_row *ra = &a->rows[r];
		const struct merge_row *rb = b ? merge_table_find(b, ra->cells[0].text, ra->cells[0].len) : NULL;
		if (!rb) {
			rc = diff_one_side(out, kind, a, ra, false, f->a, f->n);
			++*records;
			continue;
		}
		bool differs = false;
		for (size_t c = 0; rc == 0 && c < f->n; c++) {
			struct merge_cell x = ra->cells[f->a[c]], y = rb->cells[f->b[c]];
			if (merge_cell_equal(x, y))
				continue;
			rc = diff_row(out, kind, ra, "changed", &a->cols[f->a[c]], x, y);
			differs = true;
		}
		*records += differs;
	}
	for (size_t r = 0; b && rc == 0 && r < b->nrows; r++) {
		const struct merge_row *rb = &b->rows[r];
		if (a && merge_table_find(a, rb->cells[0].text, rb->cells[0].len))
			continue;
		rc = diff_one_side(out, kind, b, rb, true, f->b, f->n);
		++*records;
	}
	return rc;
}

/* "only in PATH: kind.field, ..." on stderr, when there are such fields. */
static void report_only(const char *path, const struct sbuf *fields)
{
	if (fields->len == 0)
		return;
	struct sbuf line = { 0 };
	sb_addf(&line, "only in %s: %s", path, sb_str(fields) + 2);
	utf8_write_printable(stderr, sb_str(&line));
	fputc('\n', stderr);
	sb_release(&line);
}

/*
 * diff A B: each a database or an export folder, compared by uid, field by
 * field; exit 1 when they differ.  A side may lack fields the other has (a
 * folder written by hand, or by an older smalog): the fields both have are
 * compared, and those only one has are named once, before the rows; they
 * make a difference only where they hold a value.
 */
static int run_diff(struct cli *cli)
{
	struct side s[2] = { { .path = cli->args[0] }, { .path = cli->args[1] } };
	int rc = load_side(&s[0]);
	if (rc == 0)
		rc = load_side(&s[1]);
	struct shared_fields f[KIND_COUNT] = { 0 };
	struct sbuf only[2] = { 0 };
	bool valued = false;
	for (int k = 0; rc == 0 && k < KIND_COUNT; k++)
		valued |= share_fields(all_kinds[k], s[0].have[k] ? &s[0].t[k] : NULL, s[1].have[k] ? &s[1].t[k] : NULL,
				       &f[k], only);
	if (rc == 0) {
		report_only(s[0].path, &only[0]);
		report_only(s[1].path, &only[1]);
	}
	struct output *out = NULL;
	if (rc == 0)
		rc = cli_output(cli, diff_columns, DIFF_COLUMNS, &out);
	int64_t records = 0;
	for (int k = 0; rc == 0 && k < KIND_COUNT; k++)
		rc = diff_kind(out, all_kinds[k], s[0].have[k] ? &s[0].t[k] : NULL, s[1].have[k] ? &s[1].t[k] : NULL,
			       &f[k], &records);
	if (out)
		rc = rc == 0 ? out_finish(out) : (out_abort(out), rc);
	if (rc == 0 && records > 0)
		rc = sm_error(1, "'%s' and '%s' differ in %lld record%s%s", s[0].path, s[1].path, (long long)records,
			      records == 1 ? "" : "s", valued ? ", and in fields only one of them has" : "");
	else if (rc == 0 && valued)
		rc = sm_error(1, "'%s' and '%s' differ in fields only one of them has", s[0].path, s[1].path);
	for (int k = 0; k < KIND_COUNT; k++)
		shared_fields_release(&f[k]);
	sb_release(&only[0]);
	sb_release(&only[1]);
	release_side(&s[0]);
	release_side(&s[1]);
	return rc;
}

const struct command cmd_diff = {
	.name = "diff", .run = run_diff, .output = true,
	.args = { 2, 2, "two databases or export folders" }, .opens = OPENS_NONE,
	.usage = "smalog diff A B",
	.summary = "Compare two databases or export folders, record by record.",
	.help = "A row per changed field: kind, uid, change (added, removed, changed), field, a, b; a\n"
		"record added or removed shows each field that holds a value.  Exit 0 when A and B hold\n"
		"the same records, 1 when they differ.  When one side has fields the other lacks (a\n"
		"folder from an older smalog, or written by hand), the fields both have are compared,\n"
		"and the others are named first on stderr ('only in B: position.notes'); they are a\n"
		"difference where they hold a value.",
};

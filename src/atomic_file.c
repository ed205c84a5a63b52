/* atomic_file.c - a file written whole or not at all (temporary, fsync, rename), never over the database in use. */
#include "smalog/atomic_file.h"

#include "smalog/error.h"
#include "smalog/interrupt.h"
#include "smalog/memory.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the database is never an output ---- */

/* The database in use, as given to db_open, or NULL. */
static char *protected_db;

void atomic_file_protect(const char *db_path)
{
	free(protected_db);
	protected_db = db_path ? xstrdup(db_path) : NULL;
}

/* a + b as a new string */
static char *concat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = xrealloc(NULL, la + lb + 1);

	memcpy(s, a, la);
	memcpy(s + la, b, lb + 1);
	return s;
}

/*
 * The absolute name that path ends up at once every symbolic link is
 * followed, also when the file does not exist (a journal at rest, a
 * dangling link to one): the links of the last component are read one by
 * one, then the folder is resolved by realpath.  NULL when the folder does
 * not exist or the links loop.  The caller frees it.
 */
static char *resolve_path(const char *path)
{
	char *name = realpath(path, NULL), *dir, *slash, *base, *full;
	char link[PATH_MAX];
	ssize_t n;

	if (name)
		return name;
	name = xstrdup(path);
	for (int hops = 0; (n = readlink(name, link, sizeof link - 1)) >= 0; hops++) {
		if (hops == 40) {
			free(name);
			return NULL;
		}
		link[n] = '\0';
		slash = strrchr(name, '/');
		if (link[0] == '/' || !slash) {
			free(name);
			name = xstrdup(link);
		} else {
			slash[1] = '\0';
			full = concat(name, link);
			free(name);
			name = full;
		}
	}
	slash = strrchr(name, '/');
	if (!slash) {
		dir = realpath(".", NULL);
		base = name;
	} else {
		*slash = '\0';
		dir = realpath(slash == name ? "/" : name, NULL);
		base = slash + 1;
	}
	if (!dir) {
		free(name);
		return NULL;
	}
	full = concat(dir, strcmp(dir, "/") == 0 ? "" : "/");
	free(dir);
	dir = concat(full, base);
	free(full);
	free(name);
	return dir;
}

/* Whether a and b name the same existing file (one is a hard or symbolic
 * link to the other), or resolve to the same name. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	char *ra, *rb;
	bool same;

	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	ra = resolve_path(a);
	rb = resolve_path(b);
	same = ra && rb && strcmp(ra, rb) == 0;
	free(ra);
	free(rb);
	return same;
}

/*
 * Refuse path if writing it would replace the database in use or one of the
 * files SQLite keeps beside it: the journal that recovers it after a crash,
 * or a WAL.  SQLite names them after the database's real name, so both the
 * name as given and the name its links resolve to are covered.
 */
static int check_not_database(const char *path)
{
	static const char *const side[] = { "-journal", "-wal" };
	char *real;
	int rc = 0;

	if (!protected_db)
		return 0;
	if (same_file(path, protected_db))
		return sm_error(EX_CANTCREAT, "cannot write to '%s': it is the database '%s'", path,
				protected_db);
	real = resolve_path(protected_db);
	for (size_t i = 0; rc == 0 && i < sizeof side / sizeof side[0]; i++) {
		char *given = concat(protected_db, side[i]);
		char *resolved = real ? concat(real, side[i]) : NULL;

		if (same_file(path, given) || (resolved && same_file(path, resolved)))
			rc = sm_error(EX_CANTCREAT, "cannot write to '%s': it is the %s of the database '%s'",
				      path, i == 0 ? "journal" : "write-ahead log", protected_db);
		free(given);
		free(resolved);
	}
	free(real);
	return rc;
}

/* ---- writing ---- */

static int open_error(const char *path, int err)
{
	return sm_error(EX_CANTCREAT, "cannot create '%s': %s", path, strerror(err));
}

/* Remove a temporary file and forget it, in that order: a signal in
 * between only removes it a second time. */
static void remove_temporary(const char *tmp)
{
	unlink(tmp);
	interrupt_cleanup_drop(tmp);
}

static void release(struct atomic_file *f)
{
	free(f->tmp);
	free(f->target);
	*f = (struct atomic_file){ 0 };
}

/* A device, FIFO or socket (/dev/stdout, a process substitution) cannot be
 * replaced by rename: write to it directly. */
static int open_direct(struct atomic_file *f, const char *path)
{
	FILE *fp = fopen(path, "we");

	if (!fp)
		return open_error(path, errno);
	*f = (struct atomic_file){ .fp = fp, .target = xstrdup(path) };
	return 0;
}

int atomic_file_open(struct atomic_file *f, const char *path, bool follow)
{
	struct stat st;
	char *target, *tmp;
	mode_t perm;
	FILE *fp;
	int fd, err;

	if (!follow && lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISLNK(st.st_mode))
			return sm_error(EX_CANTCREAT, "refusing to write through the symbolic link '%s'", path);
		return sm_error(EX_CANTCREAT, "cannot write to '%s': not a regular file", path);
	}
	if (check_not_database(path) != 0)
		return EX_CANTCREAT;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return open_error(path, EISDIR);
		if (!S_ISREG(st.st_mode))
			return open_direct(f, path);
		/* rename would replace a read-only file that the user protected */
		if (access(path, W_OK) != 0)
			return open_error(path, errno);
		/* replace what a symlink points to, not the link; without
		 * follow there is no link (and rename never follows one that
		 * appears later: it replaces the link itself) */
		target = follow ? realpath(path, NULL) : NULL;
		if (!target)
			target = xstrdup(path);
		perm = st.st_mode & 0777;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		target = xstrdup(path);
		perm = 0666 & ~mask;
	}

	tmp = concat(target, ".XXXXXX");
	/* a signal between creating the temporary and registering it would
	 * leave it behind */
	interrupt_hold();
	fd = mkostemp(tmp, O_CLOEXEC);
	err = errno;
	if (fd >= 0 && interrupt_cleanup_add(tmp, false) != 0) {
		close(fd);
		unlink(tmp);
		fd = -1;
		err = ENOMEM;
	}
	interrupt_release();
	if (fd < 0) {
		free(tmp);
		free(target);
		return open_error(path, err);
	}
	/* mkstemp makes 0600; a failure here only leaves the file more private */
	(void)fchmod(fd, perm);
	fp = fdopen(fd, "w");
	if (!fp) {
		err = errno;
		close(fd);
		remove_temporary(tmp);
		free(tmp);
		free(target);
		return open_error(path, err);
	}
	*f = (struct atomic_file){ .fp = fp, .tmp = tmp, .target = target };
	return 0;
}

/* After the rename, make the new directory entry itself durable; a
 * directory that cannot be synced (some file systems) is no error. */
static void sync_dir(const char *file)
{
	const char *slash = strrchr(file, '/');
	char *dir;
	int fd;

	if (!slash)
		dir = xstrdup(".");
	else if (slash == file)
		dir = xstrdup("/");
	else
		dir = strndup(file, (size_t)(slash - file));
	if (!dir)
		die_oom();
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int atomic_file_commit(struct atomic_file *f, const char *name, int werr)
{
	int rc = 0;

	errno = 0;
	if (fflush(f->fp) != 0 && !werr)
		werr = errno ? errno : EIO;
	if (ferror(f->fp) && !werr)
		werr = EIO;
	/* the data must be on disk before the name points at it */
	if (f->tmp && !werr && fsync(fileno(f->fp)) != 0)
		werr = errno;
	errno = 0;
	if (fclose(f->fp) != 0 && !werr)
		werr = errno ? errno : EIO;
	f->fp = NULL;
	if (werr) {
		rc = sm_error(EX_IOERR, "cannot write to '%s': %s", name, strerror(werr));
		if (f->tmp)
			remove_temporary(f->tmp);
	} else if (f->tmp) {
		/* renamed and forgotten together: a signal must not remove the
		 * finished file's old name after it has become the new one */
		interrupt_hold();
		if (rename(f->tmp, f->target) != 0) {
			rc = sm_error(EX_CANTCREAT, "cannot create '%s': %s", name, strerror(errno));
			unlink(f->tmp);
		}
		interrupt_cleanup_drop(f->tmp);
		interrupt_release();
		if (rc == 0)
			sync_dir(f->target);
	}
	release(f);
	return rc;
}

void atomic_file_abort(struct atomic_file *f)
{
	if (f->fp)
		fclose(f->fp);
	if (f->tmp)
		remove_temporary(f->tmp);
	release(f);
}

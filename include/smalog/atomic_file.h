/* atomic_file.h - a file written whole or not at all, and never over the database in use. */
#ifndef SMALOG_ATOMIC_FILE_H
#define SMALOG_ATOMIC_FILE_H

#include <stdbool.h>
#include <stdio.h>

/*
 * A file being written.  With a temporary, writes go to "TARGET.XXXXXX" in
 * the same folder, which atomic_file_commit renames over target after
 * fflush+fsync and atomic_file_abort removes; a signal that ends smalog
 * meanwhile removes it too (interrupt_cleanup_add).  A path that exists and
 * is not a regular file (/dev/stdout, a FIFO) cannot be replaced and is
 * written directly: then tmp is NULL.  All members are the struct's own.
 */
struct atomic_file {
	FILE *fp;
	char *tmp;
	char *target;
};

/*
 * The database in use (path as given to db_open): from now on no
 * atomic_file_open replaces it, its -journal or its -wal, by name, through a
 * symbolic link or as a hard link.  path is copied; NULL forgets it.
 */
void atomic_file_protect(const char *db_path);

/*
 * Open path for writing.  follow: a symbolic link at path is followed and
 * what it points to is replaced; otherwise a link or anything but a regular
 * file at path is refused.  A path that is the protected database or its
 * journal is refused.  A read-only file is not replaced.  Returns 0, or
 * EX_CANTCREAT after sm_error ("cannot create 'PATH': strerror" and the
 * like) with *f untouched.
 */
int atomic_file_open(struct atomic_file *f, const char *path, bool follow);

/*
 * Finish: flush, fsync and close, then rename the temporary into place.
 * werr is the errno of a write that already failed, or 0.  A failed write
 * returns EX_IOERR after sm_error(EX_IOERR, "cannot write to 'NAME':
 * strerror") and leaves no file at path; a failed rename returns
 * EX_CANTCREAT.  Returns 0 on success.  Releases *f either way.
 */
int atomic_file_commit(struct atomic_file *f, const char *name, int werr);

/* Give up: close, remove the temporary, leave the file at path as it was,
 * release *f. */
void atomic_file_abort(struct atomic_file *f);

#endif

/* no_sqlite.h - forced into every value module by meson.build: SQLite stays out of that layer. */
#ifndef SMALOG_NO_SQLITE_H
#define SMALOG_NO_SQLITE_H

/* sqlite3.h's own guards: an include of it, direct or through db.h, declares
 * nothing, and any use of its handle types is an error that names them. */
#define SQLITE3_H
#define _SQLITE3RTREE_H_
#define _FTS5_H
#pragma GCC poison sqlite3 sqlite3_stmt

#endif

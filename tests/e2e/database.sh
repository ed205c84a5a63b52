#!/usr/bin/env bash
# database.sh - choosing, creating and refusing database files; global usage.
. "$(dirname "$0")/lib.sh"

case_ "a missing database is refused and not created"
refused 66 "no smalog database at '$SMALOG_DB' (create one with 'smalog init', or pass --db)" list position
[ -e "$SMALOG_DB" ] && fail "the database was created"
SMALOG_DB= refused 66 "no smalog database at 'smalog.db' (create one with 'smalog init', or pass --db)" list position
[ -e smalog.db ] && fail "smalog.db was created"
done_

case_ "usage errors come before the database is looked for"
refused 64 "'smalog show' needs a kind and an id" show position
refused 64 "unexpected argument 'x' for 'smalog check'" check x
refused 65 "--amount: invalid amount 'lots' (not a number)" add position --amount lots
refused 64 "'smalog chart' needs --agreement CODE or --years (see 'smalog list agreements')" chart
refused 64 "--param wants NAME=VALUE (such as --param agreement=SMA-11), not 'x'" query 'SELECT 1' --param x
refused 64 "unknown export format 'xml' (expected csv, tsv, json, jsonl or xlsx)" export position --format xml
refused 64 "--by: expected 'round' (one row per round) or 'position' (the default), not 'party'" delta --by party
[ -e "$SMALOG_DB" ] && fail "the database was created"
done_

case_ "--db beats \$SMALOG_DB, which beats ./smalog.db"
run --db first.db init
expect_status 0
expect_err "created first.db"
SMALOG_DB= run init
expect_err "created smalog.db"
run list rate
expect_status 66
[ -f first.db ] && [ -f smalog.db ] || fail "files not where expected"
done_

case_ "init refuses an existing file or an impossible path"
refused 73 "'first.db' already exists; choose another path or remove it" init --db first.db
refused 73 "cannot create 'no/such/dir/x.db': No such file or directory" init --db no/such/dir/x.db
done_

case_ "--db is a file name, never an SQLite URI or special name"
run init --db 'file:uri.db?mode=memory'
expect_status 0
[ -f 'file:uri.db?mode=memory' ] || fail "no file named like the URI"
run add rate --db 'file:uri.db?mode=memory' --date 2020 --currency KRW --per-usd 1200
expect_status 0
run init --db :memory:
expect_status 0
[ -f ./:memory: ] || fail "no file named :memory:"
run add rate --db :memory: --date 2020 --currency KRW --per-usd 1200
expect_status 0
run list rate --db :memory: --csv
expect_out <<'OUT'
id,date,currency,per_usd,source,notes
1,2020,KRW,1200,,
OUT
done_

case_ "junk and other applications' SQLite files are refused untouched"
printf 'not a database at all\n' > junk.db
SMALOG_DB=$WORK/junk.db refused 65 "'$WORK/junk.db' is not a smalog database" list position
: > empty.db
SMALOG_DB=$WORK/empty.db refused 65 "'$WORK/empty.db' is not a smalog database" add rate --date 2020 --currency KRW --per-usd 1
if command -v sqlite3 >/dev/null; then
	sqlite3 other.db "CREATE TABLE position (x); PRAGMA journal_mode=wal;" >/dev/null
	sqlite3 other.db "PRAGMA journal_mode=delete" >/dev/null
	SMALOG_DB=$WORK/other.db refused 65 "'$WORK/other.db' is not a smalog database" add rate --date 2020 --currency KRW --per-usd 1
fi
SMALOG_DB=$WORK refused 66 "'$WORK' is a folder, not a smalog database" list position
done_

case_ "a database from a newer smalog is refused untouched"
if command -v sqlite3 >/dev/null; then
	cp first.db newer.db
	sqlite3 newer.db "PRAGMA user_version = 999"
	known=$(sqlite3 first.db "PRAGMA user_version")
	SMALOG_DB=$WORK/newer.db refused 65 "'$WORK/newer.db' was written by a newer smalog (schema version 999; this smalog knows up to $known); upgrade smalog" list position
fi
done_

case_ "usage errors"
refused 64 "unknown command 'lsit'; did you mean 'list'?" lsit position
refused 64 "unknown command 'frobnicate' (see 'smalog --help')" frobnicate position
refused 64 "unknown option '--verbose' (see 'smalog --help')" --verbose list
# --db is read by one parser, before the command name or after it
refused 64 "option '--db' needs a value" --db
refused 64 "option '--db' given twice" --db "$WORK/a.db" list position --db "$WORK/b.db"
refused 64 "option '--no-pager' takes no value" --no-pager=yes list position
run
expect_status 64
expect_err_contains "smalog: no command given"
done_

case_ "--version and --help"
run --version
expect_status 0
grep -qE '^smalog [0-9]+\.[0-9]+\.[0-9]+$' out || fail "version line: $(cat out)"
for cmd in init add list show edit delete check; do
	run "$cmd" --help
	expect_status 0
	grep -q "^usage: smalog $cmd" out || fail "$cmd --help: $(head -1 out)"
done
run add position --help
grep -q -- "--date DATE  *\* YYYY" out || fail "add position --help lacks its fields"
done_

case_ "a failed write to standard output is an error"
if [ -w /dev/full ]; then
	"$SMALOG" --db first.db --help >/dev/full 2>err
	status=$?
	expect_status 74
	expect_err_contains "cannot write to standard output"
fi
done_

finish

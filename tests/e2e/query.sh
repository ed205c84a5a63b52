#!/usr/bin/env bash
# query.sh - `smalog query`: exact output in every format, --param, and every
# way to write through it refused with the database byte-for-byte unchanged.
. "$(dirname "$0")/lib.sh"

"$SMALOG" init --example 2>/dev/null || { echo "cannot create the example database"; exit 1; }

# no_new_files: nothing but the database itself may exist in the work folder
# (no journal left behind, no file made by VACUUM INTO or ATTACH)
no_new_files() {
	local extra
	extra=$(ls -A "$WORK" | grep -v -x -e test.db -e out -e err -e snapshot)
	[ -z "$extra" ] || fail "files appeared: $extra"
}

readonly_msg="query refused: smalog runs read-only queries only"

case_ "writes are refused by their statement"
refused 77 "$readonly_msg (INSERT is not allowed)" query "INSERT INTO source (key, outlet) VALUES ('x', 'y')"
refused 77 "$readonly_msg (UPDATE is not allowed)" query "UPDATE position SET amount = 1"
refused 77 "$readonly_msg (DELETE is not allowed)" query "DELETE FROM position"
refused 77 "$readonly_msg (REPLACE is not allowed)" query "REPLACE INTO rate (date, currency, per_usd_e4) VALUES ('2020', 'KRW', 1)"
refused 77 "$readonly_msg (CREATE is not allowed)" query "CREATE TABLE notes (x)"
refused 77 "$readonly_msg (CREATE is not allowed)" query "create temp table scratch (x)"
refused 77 "$readonly_msg (DROP is not allowed)" query "DROP TABLE rate"
refused 77 "$readonly_msg (ALTER is not allowed)" query "ALTER TABLE rate ADD COLUMN z"
refused 77 "$readonly_msg (ATTACH is not allowed)" query "ATTACH '$WORK/other.db' AS other"
refused 77 "$readonly_msg (DETACH is not allowed)" query "DETACH main"
refused 77 "$readonly_msg (VACUUM is not allowed)" query "VACUUM"
refused 77 "$readonly_msg (VACUUM is not allowed)" query "VACUUM INTO '$WORK/copy.db'"
refused 77 "$readonly_msg (a statement that writes is not allowed)" query "EXPLAIN VACUUM"
refused 77 "$readonly_msg (SAVEPOINT is not allowed)" query "SAVEPOINT a"
refused 77 "$readonly_msg (BEGIN is not allowed)" query "  /* first */ -- comment
	begin immediate"
refused 77 "$readonly_msg (COMMIT is not allowed)" query "COMMIT"
refused 77 "$readonly_msg (REINDEX is not allowed)" query "REINDEX"
no_new_files
done_

case_ "writes hidden inside a statement are refused by the authorizer"
refused 77 "$readonly_msg (INSERT is not allowed)" query "WITH c AS (SELECT 1) INSERT INTO rate (date, currency, per_usd_e4) SELECT '2020', 'KRW', 1 FROM c"
refused 77 "$readonly_msg (UPDATE is not allowed)" query "WITH c AS (SELECT 2) UPDATE position SET amount = (SELECT * FROM c)"
refused 77 "$readonly_msg (DELETE is not allowed)" query "WITH c AS (SELECT 1) DELETE FROM furlough"
refused 77 "$readonly_msg (INSERT is not allowed)" query "EXPLAIN INSERT INTO rate (date, currency, per_usd_e4) VALUES ('2020', 'KRW', 1)"
refused 77 "$readonly_msg (load_extension() is not allowed)" query "SELECT load_extension('/tmp/nothing.so')"
refused 77 "$readonly_msg (load_extension() is not allowed)" query "SELECT 1 FROM agreement WHERE load_extension('x', 'y') IS NULL"
no_new_files
done_

case_ "pragmas that set state are refused, reading ones run"
refused 77 "$readonly_msg (PRAGMA user_version = 5 is not allowed)" query "PRAGMA user_version=5"
refused 77 "$readonly_msg (PRAGMA user_version = 5 is not allowed)" query "PRAGMA main.user_version = 5"
refused 77 "$readonly_msg (PRAGMA journal_mode = wal is not allowed)" query "PRAGMA journal_mode=wal"
refused 77 "$readonly_msg (PRAGMA foreign_keys = OFF is not allowed)" query "PRAGMA foreign_keys = OFF"
refused 77 "$readonly_msg (PRAGMA writable_schema = 1 is not allowed)" query "PRAGMA writable_schema = 1"
refused 77 "$readonly_msg (PRAGMA optimize is not allowed)" query "PRAGMA optimize"
refused 77 "$readonly_msg (PRAGMA wal_checkpoint is not allowed)" query "PRAGMA wal_checkpoint"
run query "PRAGMA application_id"
expect_status 0
expect_out <<'OUT'
application_id
--------------
    1397574727
OUT
run query --csv "SELECT name, type FROM pragma_table_info('rate') ORDER BY cid"
expect_status 0
expect_out <<'OUT'
name,type
id,INTEGER
date,TEXT
currency,TEXT
per_usd_e4,INTEGER
source,TEXT
notes,TEXT
uid,TEXT
OUT
run query --csv "PRAGMA index_list(rate)"
expect_status 0
grep -q "^[0-9]*,rate_by_currency_date," "$WORK/out" || fail "index_list lacks rate_by_currency_date: $(cat "$WORK/out")"
no_new_files
done_

case_ "only one statement at a time"
refused 77 "query refused: smalog runs one read-only statement at a time (a second statement follows the first)" \
	query "SELECT 1; DELETE FROM position"
refused 77 "query refused: smalog runs one read-only statement at a time (a second statement follows the first)" \
	query "SELECT 1; SELECT 2"
run query "SELECT 1 AS one;  -- trailing comment
	; /* and a block */ ;"
expect_status 0
expect_out <<'OUT'
one
---
  1
OUT
done_

case_ "SQL errors exit 65 with SQLite's message"
refused 65 'SQL error: near "SELEC": syntax error' query "SELEC 1"
refused 65 "SQL error: no such table: missing" query "SELECT * FROM missing"
refused 65 "SQL error: table sqlite_master may not be modified" query "WITH c AS (SELECT 1) UPDATE sqlite_master SET sql = 'x'"
done_

case_ "usage errors"
refused 64 "'smalog query' needs one SQL statement (quote it: smalog query 'SELECT ...')" query
refused 64 "no SQL statement given (only blanks or comments)" query "  -- nothing"
refused 64 "--param a: the query has no parameter :a" query "SELECT 1" --param a=1
refused 64 "the query's parameter :agreement has no value (give --param agreement=VALUE)" \
	query "SELECT * FROM round WHERE agreement = :agreement"
refused 64 "the query has a nameless parameter '?': name it (:NAME) and give --param NAME=VALUE" query "SELECT ?"
refused 64 "--param wants NAME=VALUE (such as --param agreement=SMA-11), not 'agreement'" \
	query "SELECT :agreement" --param agreement
refused 64 "--param a given twice" query "SELECT :a" --param a=1 --param :a=2
refused 64 "unexpected argument 'SELECT 2' for 'smalog query'" query "SELECT 1" "SELECT 2"
refused 64 "the query has a numbered parameter '?1': name it (:NAME) and give --param NAME=VALUE" query "SELECT ?1"
refused 65 "--param a: the value is not valid UTF-8" query "SELECT :a" --param "$(printf 'a=caf\xe9')"
done_

case_ "a missing database is not created"
run --db "$WORK/none.db" query "SELECT 1"
expect_status 66
[ -e "$WORK/none.db" ] && fail "query created none.db"
done_

case_ "table output"
run query "SELECT seq, start, location FROM round WHERE agreement = :a AND seq <= :n ORDER BY seq" --param a=SMA-11 --param n=3
expect_status 0
expect_out <<'OUT'
seq  start       location
---  ----------  --------
  1  2019-09-24  Seoul
  2  2019-10-23  Honolulu
  3  2019-11-18  Seoul
OUT
done_

case_ "csv, tsv, json, jsonl and markdown output"
run query --csv "SELECT party, kind, pct, amount, notes FROM position WHERE id IN (1, 4) ORDER BY id"
expect_status 0
expect_out <<'OUT'
party,kind,pct,amount,notes
KR,offer,13.0,,"Seoul's ""best offer"": a 13 percent hike from the 2019 accord."
KR,offer,,1183300000000,"Agreed figure for 2021, 13.9 percent over 2019."
OUT
run query --tsv "SELECT code, currency FROM agreement ORDER BY id"
expect_out <<'OUT'
code	currency
SMA-10	KRW
SMA-11	KRW
SMA-12	KRW
OUT
run query --json "SELECT code, total, total * 1.0 / 1e12 AS trillions, previous FROM agreement ORDER BY id"
expect_out <<'OUT'
[
{"code":"SMA-10","total":1038900000000,"trillions":1.0389,"previous":null},
{"code":"SMA-11","total":1038900000000,"trillions":1.0389,"previous":"SMA-10"},
{"code":"SMA-12","total":1519200000000,"trillions":1.5192,"previous":"SMA-11"}
]
OUT
run query --jsonl "SELECT kind, count(*) AS n FROM outcome GROUP BY kind ORDER BY kind"
expect_out <<'OUT'
{"kind":"expired","n":1}
{"kind":"rejected","n":1}
{"kind":"signed","n":3}
{"kind":"tentative","n":3}
OUT
run query --md "SELECT agreement, count(*) AS rounds FROM round GROUP BY agreement"
expect_out <<'OUT'
| agreement | rounds |
| --------- | -----: |
| SMA-11    |      9 |
| SMA-12    |      1 |
OUT
done_

case_ "--param binds integers as integers, other text as text, empty as NULL"
run query --csv "SELECT typeof(:i) AS i, typeof(:t) AS t, typeof(:z) AS z, typeof(:n) AS n, :t AS value" \
	--param i=-42 --param t=007 --param z= --param '$n=SMA-11'
expect_status 0
expect_out <<'OUT'
i,t,z,n,value
integer,text,null,text,007
OUT
run query --csv "SELECT count(*) AS n FROM round WHERE agreement = @a AND seq > :s" --param a=SMA-11 --param s=6
expect_out <<'OUT'
n
3
OUT
done_

case_ "-o writes the file atomically"
run query --csv -o "$WORK/rounds.csv" "SELECT seq FROM round WHERE agreement = 'SMA-11' AND seq <= 2 ORDER BY seq"
expect_status 0
[ "$(cat "$WORK/rounds.csv" 2>/dev/null)" = "$(printf 'seq\n1\n2')" ] || fail "rounds.csv: $(cat "$WORK/rounds.csv")"
rm -f "$WORK/rounds.csv"
refused 65 "SQL error: no such column: nope" query --csv -o "$WORK/rounds.csv" "SELECT nope FROM round"
[ -e "$WORK/rounds.csv" ] && fail "a failed query left rounds.csv"
done_

case_ "an error raised while the statement runs is bad data, not an internal error"
refused 65 "SQL error: malformed JSON" query "SELECT json('{')"
refused 65 "SQL error: integer overflow" query "SELECT abs(-9223372036854775808)"
refused 65 "SQL error: malformed JSON" query "SELECT 1 AS n UNION ALL SELECT json('{')"
refused 65 "SQL error: malformed JSON" query --csv -o "$WORK/bad.csv" "SELECT json('{')"
[ -e "$WORK/bad.csv" ] && fail "a failed query left bad.csv"
done_

case_ "Ctrl-C stops a long query at once"
snapshot "$SMALOG_DB"
interrupted "$WORK/endless.csv" query --csv "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c"
timeout --preserve-status -s INT 1 "$SMALOG" query \
	"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c" >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 130
expect_err "smalog: interrupted"
expect_unchanged "$SMALOG_DB"
done_

finish

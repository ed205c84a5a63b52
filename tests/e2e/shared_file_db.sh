#!/usr/bin/env bash
# shared_file_db.sh - a database file from someone else runs no code: crafted
# schemas, triggers, views, journals and special files, built with the
# sqlite3 shell, met by the ordinary commands.
. "$(dirname "$0")/lib.sh"
DATA=$(cd "$(dirname "$0")/../data" && pwd)

if ! command -v sqlite3 >/dev/null; then
	echo "skipped: no sqlite3 shell"
	exit 0
fi

# fresh NAME [--example]: a new folder $WORK/NAME holding a smalog database
# $D/s.db (with the example's records when asked); $D is that folder.
fresh() {
	D=$WORK/$1
	mkdir "$D"
	shift
	"$SMALOG" --db "$D/s.db" init "$@" 2>/dev/null || fail "init failed"
}

# state DIR: every name in DIR, and the hash of every regular file in it
state() {
	(cd "$1" && find . -print | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

# untouched CODE MESSAGE ARGS...: smalog ARGS must fail with CODE and
# exactly "smalog: MESSAGE", print nothing on stdout, and leave every file
# in $D as it was, creating none.
untouched() {
	local code=$1 message=$2
	shift 2
	state "$D" >"$WORK/before"
	run "$@"
	expect_status "$code"
	expect_err "smalog: $message"
	[ -s "$WORK/out" ] && fail "printed on stdout: $(head -c 200 "$WORK/out")"
	expect_same_files
}

# expect_same_files: the files in $D are as state last found them
expect_same_files() {
	state "$D" >"$WORK/after"
	cmp -s "$WORK/before" "$WORK/after" || fail "files in $D changed: $(diff "$WORK/before" "$WORK/after" | head -6)"
}

REFUSED="smalog does not write to it until that is put right: see 'smalog check --repair'"

case_ "import runs no index SQL from the file, and refuses a changed index until --repair"
fresh import
"$SMALOG" --db "$D/s.db" add agreement --code SMA-11 >/dev/null 2>&1
# statements appended to an index's text: run as it stood, they would copy
# the database out and break the import's all-or-nothing
sqlite3 "$D/s.db" "PRAGMA writable_schema = ON;
	UPDATE sqlite_schema SET sql = sql || '; COMMIT; VACUUM INTO ''$D/copy.db''; BEGIN' WHERE name = 'position_by_party';
	UPDATE sqlite_schema SET sql = sql || '; ATTACH ''$D/other.db'' AS o; CREATE TABLE o.t(x)' WHERE name = 'position_by_round';"
csv=$'agreement,date,party,kind,amount\nSMA-11,2020-01-01,US,demand,100\n'
state "$D" >"$WORK/before"
run_in "$csv" --db "$D/s.db" import position -
expect_status 65
expect_err "smalog: '$D/s.db': index 'position_by_party' differs from smalog's definition (and 1 more problem); $REFUSED"
expect_same_files
untouched 65 "'$D/s.db': index 'position_by_party' differs from smalog's definition (and 1 more problem); $REFUSED" \
	--db "$D/s.db" add position --agreement SMA-11 --date 2020 --party US --kind demand --amount 1
run --db "$D/s.db" check --csv
expect_status 65
expect_out <<'OUT'
kind,id,problem
schema,,index 'position_by_party' differs from smalog's definition
schema,,index 'position_by_round' differs from smalog's definition
OUT
expect_err "smalog: 2 problems found in '$D/s.db'"
expect_same_files
run --db "$D/s.db" check --repair
expect_status 0
expect_err "will replace: index 'position_by_party' differs from smalog's definition
will replace: index 'position_by_round' differs from smalog's definition
repaired: 2 objects
ok: 1 records checked, no problems"
[ "$(sqlite3 "$D/s.db" "SELECT sql FROM sqlite_schema WHERE name = 'position_by_party'")" = \
	"CREATE INDEX position_by_party ON position (agreement, party, date_key)" ] || fail "the index was not restored"
run_in "$csv" --db "$D/s.db" import position -
expect_status 0
expect_err "imported 1 position"
[ -e "$D/copy.db" ] || [ -e "$D/other.db" ] && fail "the file's index text ran"
run --db "$D/s.db" check
expect_status 0
done_

case_ "a trigger in the file: check names it, writes are refused, --repair drops it"
fresh trigger --example
printf 'agreement,date,party,kind,amount\nSMA-11,2020-06,KR,offer,5\n' >"$WORK/positions.csv"
sqlite3 "$D/s.db" "CREATE TRIGGER double_it AFTER INSERT ON position BEGIN
	UPDATE position SET amount = amount * 2 WHERE id = new.id; END;"
untouched 65 "'$D/s.db': trigger 'double_it' on 'position' was not created by smalog (it would run whenever smalog writes); $REFUSED" \
	--db "$D/s.db" add position --agreement SMA-11 --date 2020-05 --party KR --kind offer --amount 1000
untouched 65 "'$D/s.db': trigger 'double_it' on 'position' was not created by smalog (it would run whenever smalog writes); $REFUSED" \
	--db "$D/s.db" import position "$WORK/positions.csv"
state "$D" >"$WORK/before"
run --db "$D/s.db" check --csv
expect_status 65
expect_out <<'OUT'
kind,id,problem
schema,,trigger 'double_it' on 'position' was not created by smalog (it would run whenever smalog writes)
OUT
expect_err "smalog: 1 problem found in '$D/s.db'"
expect_same_files
run --db "$D/s.db" check --repair
expect_status 0
expect_err_contains "will drop: trigger 'double_it' on 'position' was not created by smalog (it would run whenever smalog writes)
repaired: 1 object"
run --db "$D/s.db" add position --agreement SMA-11 --date 2020-05 --party KR --kind offer --amount 1000
expect_status 0
[ "$(sqlite3 "$D/s.db" "SELECT amount FROM position ORDER BY id DESC LIMIT 1")" = 1000 ] || fail "the amount was changed"
done_

case_ "a foreign trigger stops an upgrade before any migration runs"
D=$WORK/upgrade
mkdir "$D"
sqlite3 "$D/s.db" <"$DATA/schema-v1.sql"
sqlite3 "$D/s.db" "CREATE TRIGGER spy AFTER UPDATE ON agreement BEGIN DELETE FROM source; END;"
untouched 65 "'$D/s.db': trigger 'spy' on 'agreement' was not created by smalog (it would run whenever smalog writes); $REFUSED" \
	--db "$D/s.db" list agreement
untouched 65 "'$D/s.db': trigger 'spy' on 'agreement' was not created by smalog (it would run whenever smalog writes); $REFUSED" \
	--db "$D/s.db" add rate --date 2020 --currency KRW --per-usd 1200
state "$D" >"$WORK/before"
run --db "$D/s.db" check --csv
expect_status 65
expect_out <<'OUT'
kind,id,problem
schema,,trigger 'spy' on 'agreement' was not created by smalog (it would run whenever smalog writes)
OUT
expect_same_files
run --db "$D/s.db" check --repair
expect_status 0
expect_err_contains "will drop: trigger 'spy' on 'agreement'"
[ "$(sqlite3 "$D/s.db" "PRAGMA user_version")" -gt 1 ] || fail "not upgraded after the repair"
[ "$(sqlite3 "$D/s.db" "SELECT count(*) FROM source")" -gt 0 ] || fail "the sources are gone"
done_

case_ "a user's own table, view and index are listed, not a problem"
fresh own --example
sqlite3 "$D/s.db" "CREATE TABLE notes (x); CREATE INDEX notes_x ON notes (x); CREATE VIEW big_offers AS SELECT * FROM position WHERE amount > 0;"
run --db "$D/s.db" check
expect_status 0
expect_err "note: table 'notes' was not created by smalog (not a problem)
note: index 'notes_x' on 'notes' was not created by smalog (not a problem)
note: view 'big_offers' was not created by smalog (not a problem)
ok: 60 records checked, no problems"
run --db "$D/s.db" add rate --date 2020 --currency KRW --per-usd 1200
expect_status 0
done_

case_ "an index on a smalog table and a changed table are problems; a table is never dropped"
fresh changed --example
sqlite3 "$D/s.db" "CREATE UNIQUE INDEX one_per_day ON position (date); ALTER TABLE rate ADD COLUMN extra TEXT;"
untouched 65 "'$D/s.db': table 'rate' differs from smalog's definition (and 1 more problem); $REFUSED" \
	--db "$D/s.db" add rate --date 2021 --currency KRW --per-usd 1200
run --db "$D/s.db" check --repair --csv
expect_status 65
expect_out <<'OUT'
kind,id,problem
schema,,table 'rate' differs from smalog's definition
OUT
expect_err "cannot repair: table 'rate' differs from smalog's definition: --repair does not replace a table, which would lose its rows (export the records with 'smalog export --all' and import them into a new file)
will drop: index 'one_per_day' on 'position' was not created by smalog (it would run whenever smalog writes)
repaired: 1 object
smalog: 1 problem found in '$D/s.db'"
[ "$(sqlite3 "$D/s.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'one_per_day'")" = 0 ] || fail "the index is still there"
[ "$(sqlite3 "$D/s.db" "SELECT count(*) FROM rate")" -gt 0 ] || fail "the rates are gone"
done_

case_ "a missing smalog index or view is a problem that --repair restores"
fresh missing --example
sqlite3 "$D/s.db" "DROP INDEX position_by_kind; DROP VIEW agreement_summary;"
run --db "$D/s.db" check --csv
expect_status 65
expect_out <<'OUT'
kind,id,problem
schema,,smalog's index 'position_by_kind' is missing
schema,,smalog's view 'agreement_summary' is missing
OUT
run --db "$D/s.db" check --repair
expect_status 0
expect_err "will restore: smalog's index 'position_by_kind' is missing
will restore: smalog's view 'agreement_summary' is missing
repaired: 2 objects
ok: 60 records checked, no problems"
done_

case_ "reports read smalog's views, not the file's"
fresh views --example
cp "$D/s.db" "$WORK/pristine.db"
"$SMALOG" --db "$WORK/pristine.db" timeline --csv >"$WORK/timeline.want"
"$SMALOG" --db "$WORK/pristine.db" delta --csv >"$WORK/delta.want"
"$SMALOG" --db "$WORK/pristine.db" summary --csv >"$WORK/summary.want"
"$SMALOG" --db "$WORK/pristine.db" query --csv "SELECT count(*), sum(amount) FROM position_amount" >"$WORK/query.want"
# one view redefined in the plain shell, one through writable_schema
sqlite3 "$D/s.db" "DROP VIEW position_amount; CREATE VIEW position_amount AS SELECT id, 1 AS amount FROM position;"
sqlite3 "$D/s.db" "PRAGMA writable_schema = ON;
	UPDATE sqlite_schema SET sql = 'CREATE VIEW timeline AS SELECT 1 AS date' WHERE name = 'timeline';"
state "$D" >"$WORK/before"
for report in timeline delta summary; do
	run --db "$D/s.db" "$report" --csv
	expect_status 0
	cmp -s "$WORK/out" "$WORK/$report.want" || fail "$report differs: $(diff "$WORK/$report.want" "$WORK/out" | head -4)"
done
run --db "$D/s.db" query --csv "SELECT count(*), sum(amount) FROM position_amount"
expect_status 0
cmp -s "$WORK/out" "$WORK/query.want" || fail "query differs: $(diff "$WORK/query.want" "$WORK/out" | head -4)"
run --db "$D/s.db" check --csv
expect_status 65
expect_out <<'OUT'
kind,id,problem
schema,,view 'timeline' differs from smalog's definition
schema,,view 'position_amount' differs from smalog's definition
OUT
expect_same_files
done_

case_ "--db naming a FIFO or a device is refused at once"
D=$WORK/special
mkdir "$D"
mkfifo "$D/fifo.db"
state "$D" >"$WORK/before"
timeout 10 "$SMALOG" --db "$D/fifo.db" list position >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 66
expect_err "smalog: '$D/fifo.db' is a FIFO, not a smalog database"
timeout 10 "$SMALOG" --db "$D/fifo.db" add rate --date 2020 --currency KRW --per-usd 1 >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 66
expect_err "smalog: '$D/fifo.db' is a FIFO, not a smalog database"
expect_same_files
run --db /dev/null list position
expect_status 66
expect_err "smalog: '/dev/null' is a device, not a smalog database"
done_

# hot SRC DEST: DEST.db and DEST.db-journal as a crash would leave them: a
# write to SRC is caught half-way (more pages changed than its cache holds,
# so some reached the file) and both files are copied, then it is undone.
hot() {
	printf '%s\n' "PRAGMA cache_size = 2;" "BEGIN IMMEDIATE;" "PRAGMA application_id = 1397574727;" \
		"UPDATE source SET outlet = outlet || '!';" \
		".shell cp '$1' '$2' && cp '$1-journal' '$2-journal'" "ROLLBACK;" | sqlite3 "$1"
	[ "$(head -c 1 "$2-journal" | od -An -tu1 | tr -d ' ')" = 217 ] || fail "no hot journal made"
}

case_ "a hot journal of this database is rolled back; another database's is refused"
fresh journal --example
for i in $(seq 1 300); do
	echo "INSERT INTO source (key, outlet) VALUES ('k$i', '$(printf '%0100d' "$i")');"
done | sqlite3 "$D/s.db"
cp "$D/s.db" "$WORK/before-crash.db"
hot "$D/s.db" "$D/crashed.db"
cmp -s "$D/crashed.db" "$WORK/before-crash.db" && fail "the crash left the file as it was"
run --db "$D/crashed.db" list source --csv
expect_status 0
[ "$(wc -l <"$WORK/out")" = 313 ] || fail "the reader saw $(wc -l <"$WORK/out") lines"
grep -q '!' "$WORK/out" && fail "the half-done change is visible"
[ -e "$D/crashed.db-journal" ] && fail "the journal is still there"
[ "$(sqlite3 "$D/crashed.db" "PRAGMA integrity_check")" = ok ] || fail "not intact after the rollback"
# another smalog database, with that journal copied beside it
mkdir "$WORK/other"
"$SMALOG" --db "$WORK/other/o.db" init --example 2>/dev/null
"$SMALOG" --db "$WORK/other/o.db" add source --key mine --outlet me >/dev/null 2>&1
rm -f "$D/crashed.db"
hot "$D/s.db" "$D/crashed.db"
mv "$WORK/other/o.db" "$D/o.db"
mv "$D/crashed.db-journal" "$D/o.db-journal"
for cmd in "list source" "timeline" "check" "add rate --date 2020 --currency KRW --per-usd 1"; do
	# shellcheck disable=SC2086
	untouched 65 "'$D/o.db-journal' is not the journal of '$D/o.db' (its first page is another database's); nothing was changed: move it away from the database" \
		--db "$D/o.db" $cmd
done
# one that is no journal at all, and a FIFO in the journal's place
mv "$D/o.db-journal" "$WORK/o.db-journal"
printf 'not a journal\n' >"$D/o.db-journal"
untouched 65 "'$D/o.db-journal' is not the journal of '$D/o.db' (it is not a rollback journal); nothing was changed: move it away from the database" \
	--db "$D/o.db" list source
rm "$D/o.db-journal"
mkfifo "$D/o.db-journal"
state "$D" >"$WORK/before"
timeout 10 "$SMALOG" --db "$D/o.db" list source >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 65
expect_err "smalog: '$D/o.db-journal' is not the journal of '$D/o.db' (it is not a regular file); nothing was changed: move it away from the database"
expect_same_files
rm "$D/o.db-journal"
run --db "$D/o.db" list source --csv
expect_status 0
grep -q '^[0-9]*,mine,me' "$WORK/out" || fail "the database lost its own source"
done_

finish

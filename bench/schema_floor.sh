#!/usr/bin/env bash
# schema_floor.sh - what smalog's schema costs a load, step by step, in the sqlite3 shell.
#
# usage: bench/schema_floor.sh [N [RUNS]]      (default 200000 rows, 3 runs)
#
# The import target "at most 1.25 times the shell's .import into a plain
# table" is measured by bench/import_export.sh.  This script shows how much
# of that the shell itself needs, doing no more than the design asks, with
# the same N positions (bench/out/N), RUNS times each, the CPU time (user
# + system) of each step, its median, as a ratio of the plain load:
#   plain    .import into a bare 13-column table, four indexes after;
#   temp     the same through a temp table and one INSERT ... SELECT, as
#            the steps below load (so that each adds only its own cost);
#   uid      each row given a uid (128 random bits in hex, the least a
#            uid costs in SQL: smalog draws them in C), and the uid's
#            unique index built after;
#   change   and each insert logged in a change table, as smalog's
#            history keeps it;
#   schema   smalog's own file and schema in full: its CHECKs, its
#            generated date key, its indexes (on the date key and id), its
#            triggers (bench/lib.sh SCHEMA_SQL, as import_export.sh runs);
#   smalog   `smalog import position`, for comparison.
# Run by hand, not in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=$(pwd)/bench
. "$BENCH/lib.sh"
N=${1:-200000}
RUNS=${2:-3}
SMALOG=$(realpath "${SMALOG:-build/smalog}")
needs_time_and_shell

OUT=bench/out/$N
positions_in "$OUT" "$N"
cd "$OUT"
rm -f floor-base.db floor.db
positions_base floor-base.db

COLUMNS_CSV="agreement, round, date, party, kind, amount, currency, pct, years, confidence, terms, source, notes"
THROUGH_TEMP="CREATE TEMP TABLE csv ($COLUMNS_CSV);
.import --csv --skip 1 position.csv csv"
UID_DDL="ALTER TABLE position ADD COLUMN uid TEXT;"
CHANGE_DDL="CREATE TABLE change (id INTEGER PRIMARY KEY, grp INTEGER, tbl TEXT, row_id INTEGER, op TEXT);"
CHANGE_SQL="INSERT INTO change (grp, tbl, row_id, op) SELECT 1, 'position', rowid, 'I' FROM position ORDER BY rowid;"
UID_INDEX="CREATE UNIQUE INDEX position_by_uid ON position (uid);"
RANDOM_KEY="lower(hex(randomblob(16)))"

# timed NAME CMD...: run CMD, its CPU seconds (user + system) to NAME.cpu
timed() {
	local name=$1
	shift
	/usr/bin/time -f "%U %S" -o time.out "$@" >/dev/null 2>err.out || { cat err.out time.out >&2; exit 1; }
	awk '{ printf "%.3f\n", $1 + $2 }' time.out >>"$name.cpu"
}

# step NAME DDL SQL: a new file made with DDL, then SQL (read by the shell
# from its input, dot-commands and all) timed
step() {
	rm -f floor.db
	sqlite3 floor.db "$2"
	timed "$1" bash -c 'sqlite3 floor.db <<<"$0"' "$3"
}

rm -f ./*.cpu
for run in $(seq 1 "$RUNS"); do
	echo "run $run of $RUNS ..." >&2
	step plain "$BARE_DDL" ".import --csv --skip 1 position.csv position
$AFTER_DDL"
	step temp "$BARE_DDL" "BEGIN; $THROUGH_TEMP
INSERT INTO position SELECT * FROM csv; $AFTER_DDL COMMIT;"
	step uid "$BARE_DDL $UID_DDL" "BEGIN; $THROUGH_TEMP
INSERT INTO position SELECT *, $RANDOM_KEY FROM csv; $AFTER_DDL $UID_INDEX COMMIT;"
	step change "$BARE_DDL $UID_DDL $CHANGE_DDL" "BEGIN; $THROUGH_TEMP
INSERT INTO position SELECT *, $RANDOM_KEY FROM csv; $CHANGE_SQL $AFTER_DDL $UID_INDEX COMMIT;"
	cp floor-base.db floor.db
	timed schema bash -c 'sqlite3 floor.db <<<"$0"' "$SCHEMA_SQL"
	cp floor-base.db floor.db
	SMALOG_DB=$PWD/floor.db timed smalog "$SMALOG" import position position.csv
done

[ "$(sqlite3 floor.db 'SELECT count(*) FROM position')" = "$N" ] || { echo "smalog did not load $N rows" >&2; exit 1; }
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
plain=$(median plain.cpu)
printf '%s rows, %s runs, median CPU seconds\n' "$N" "$RUNS"
for s in plain temp uid change schema smalog; do
	awk -v s="$s" -v c="$(median "$s.cpu")" -v p="$plain" 'BEGIN { printf "%-8s %7.2f s %6.2fx plain\n", s, c, c / p }'
done

#!/usr/bin/env bash
# import_export.sh - times smalog import and export of positions against the sqlite3 shell, side by side.
#
# usage: bench/import_export.sh [N [RUNS]]      (default 100000 rows, 5 runs)
#
# Generates N positions with bench/gen_positions.py (kept in bench/out/N),
# then, RUNS times and alternating which goes first:
#   import: `smalog import position` into a database holding the sources,
#           agreements and rounds they cite, against the shell's
#           `.import --csv` into a table with the same columns and the same
#           indexes as smalog's position table (date for date_key, which the
#           shell cannot fill: it is a generated column);
#           and against the shell loading the same table without indexes
#           and building smalog's four position indexes after the load, as
#           smalog does into an empty table ("shell, indexes after");
#           and against the shell doing smalog's database work: into a
#           copy of smalog's file, its schema and triggers, the same
#           indexes and the uid's dropped and built after, a uid per row
#           ("smalog's schema"), and the same rows again into that
#           table, dropping and rebuilding the indexes as smalog does: the
#           append ratio of the database work alone, with nothing of
#           smalog's parsing or checking in it;
#   export: `smalog export position` against `sqlite3 -csv` of the same
#           columns in the same (canonical) order, from the same database,
#           both to a file;
#   append: the same file once more (smalog with --again) into the table
#           that now holds its N rows: smalog drops and rebuilds its
#           indexes then (the file brings as many rows as the table
#           holds), while the shell keeps them, as it always does.
# Prints the median wall time, CPU time (user + system) and peak memory
# (/usr/bin/time -v) of each, smalog's times as ratios of the shell's, and
# each append as a ratio of the same binary's fresh import (the target:
# N rows into N at most 1.3 times a fresh load of N).  Run by hand, not in CI.
# $SMALOG is the binary (default: build/smalog); $SMALOG_BEFORE, if set,
# another one (an earlier build), run in the same alternation, so that a
# change is measured before and after on the same loaded machine.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=$(pwd)/bench
. "$BENCH/lib.sh"
N=${1:-100000}
RUNS=${2:-5}
SMALOG=${SMALOG:-build/smalog}
SMALOG=$(realpath "$SMALOG")
BEFORE=${SMALOG_BEFORE:+$(realpath "$SMALOG_BEFORE")}
needs_time_and_shell

OUT=bench/out/$N
positions_in "$OUT" "$N"
cd "$OUT"
export SMALOG_DB=$PWD/s.db
rm -f base.db base-before.db s.db b.db sh.db
positions_base base.db
[ -z "$BEFORE" ] || positions_base base-before.db "$BEFORE"

# The shell's table: the CSV's columns and smalog's three position indexes.
SHELL_DDL="CREATE TABLE position (agreement TEXT, round INTEGER, date TEXT, party TEXT, kind TEXT,
	amount INTEGER, currency TEXT, pct REAL, years INTEGER, confidence TEXT, terms TEXT, source TEXT, notes TEXT);
CREATE INDEX position_by_agreement_date ON position (agreement, date);
CREATE INDEX position_by_party ON position (agreement, party, date);
CREATE INDEX position_by_round ON position (agreement, round) WHERE round IS NOT NULL;"

# measure NAME CMD...: run CMD under /usr/bin/time -v, append "wall-seconds kilobytes cpu-seconds" to NAME.times
measure() {
	local name=$1
	shift
	/usr/bin/time -v -o time.out "$@" >/dev/null 2>err.out || { cat err.out time.out >&2; exit 1; }
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
		/Maximum resident set size/ { kb = $2 }
		/User time|System time/ { cpu += $2 }
		END { printf "%.3f %d %.3f\n", s, kb, cpu }' time.out >>"$name.times"
}

# import: into an empty table, leaving s.db and sh.db with N rows
import_smalog() { cp base.db s.db; measure smalog-import "$SMALOG" import position position.csv; }
import_shell() { rm -f sh.db; sqlite3 sh.db "$SHELL_DDL"; measure shell-import sqlite3 sh.db ".import --csv --skip 1 position.csv position"; }
import_after() { rm -f sa.db; sqlite3 sa.db "$BARE_DDL"; measure after-import sqlite3 sa.db ".import --csv --skip 1 position.csv position" "$AFTER_DDL"; }
import_schema() { cp base.db ss.db; measure schema-import bash -c 'sqlite3 ss.db <<<"$0"' "$SCHEMA_SQL"; }
# and the same rows again, as smalog appends them: the floor of its append ratio
append_schema() { measure schema-append bash -c 'sqlite3 ss.db <<<"$0"' "$SCHEMA_SQL"; }
# append: the same rows again, into the tables import left
append_smalog() { measure smalog-append "$SMALOG" import position position.csv --again; }
import_before() { cp base-before.db b.db; SMALOG_DB=$PWD/b.db measure before-import "$BEFORE" import position position.csv; }
append_before() { SMALOG_DB=$PWD/b.db measure before-append "$BEFORE" import position position.csv --again; }
export_before() { SMALOG_DB=$PWD/b.db measure before-export sh -c '"$0" export position >e3.csv' "$BEFORE"; }
append_shell() { measure shell-append sqlite3 sh.db ".import --csv --skip 1 position.csv position"; }
export_smalog() { measure smalog-export sh -c '"$0" export position >e1.csv' "$SMALOG"; }
export_shell() { measure shell-export sh -c 'sqlite3 -csv s.db "$0" >e2.csv' "$EXPORT_SQL"; }

rm -f ./*.times
for run in $(seq 1 "$RUNS"); do
	echo "run $run of $RUNS ..." >&2
	if [ $((run % 2)) = 1 ]; then import_after; import_schema; append_schema; fi
	for what in import export append; do
		if [ -n "$BEFORE" ]; then
			# each of the three first, second and last in turn
			case $((run % 3)) in
			1) "${what}_smalog"; "${what}_before"; "${what}_shell" ;;
			2) "${what}_before"; "${what}_shell"; "${what}_smalog" ;;
			0) "${what}_shell"; "${what}_smalog"; "${what}_before" ;;
			esac
		elif [ $((run % 2)) = 1 ]; then "${what}_smalog"; "${what}_shell"; else "${what}_shell"; "${what}_smalog"; fi
	done
done

# the two did the same work
smalog_rows=$(sqlite3 s.db "SELECT count(*) FROM position")
shell_rows=$(sqlite3 sh.db "SELECT count(*) FROM position")
[ "$smalog_rows" = "$shell_rows" ] || { echo "row counts differ: smalog $smalog_rows, shell $shell_rows" >&2; exit 1; }
schema_rows=$(sqlite3 ss.db "SELECT count(*) FROM position")
[ "$schema_rows" = $((2 * N)) ] || { echo "the shell loaded $schema_rows rows into smalog's schema, not $((2 * N))" >&2; exit 1; }

median() { sort -n -k"$2" "$1" | awk -v k="$2" '{ v[NR] = $k } END { print v[int((NR + 1) / 2)] }'; }
printf '%s rows (%s MB of CSV), %s runs, medians\n' "$N" "$(du -m position.csv | cut -f1)" "$RUNS"
printf '%-15s %9s %9s %7s   %9s %9s %7s   %9s %9s\n' "" "smalog s" "shell s" "ratio" "cpu s" "cpu s" "ratio" "smalog MB" "shell MB"
for who in smalog ${BEFORE:+before}; do
	for what in import export append; do
		label="$what${BEFORE:+ ($who)}"
		s=$(median "$who-$what.times" 1)
		h=$(median "shell-$what.times" 1)
		sm=$(median "$who-$what.times" 2)
		hm=$(median "shell-$what.times" 2)
		sc=$(median "$who-$what.times" 3)
		hc=$(median "shell-$what.times" 3)
		awk -v l="$label" -v s="$s" -v h="$h" -v sm="$sm" -v hm="$hm" -v sc="$sc" -v hc="$hc" \
			'BEGIN { printf "%-15s %9.2f %9.2f %6.2fx   %9.2f %9.2f %6.2fx   %9.1f %9.1f\n",
				l, s, h, s / h, sc, hc, sc / hc, sm / 1024, hm / 1024 }'
	done
	awk -v l="import${BEFORE:+ ($who)}" -v s="$(median "$who-import.times" 3)" -v h="$(median after-import.times 3)" \
		'BEGIN { printf "%-15s cpu %.2fx the shell, indexes after (%.2f s)\n", l, s / h, h }'
	awk -v l="import${BEFORE:+ ($who)}" -v s="$(median "$who-import.times" 3)" -v h="$(median schema-import.times 3)" \
		'BEGIN { printf "%-15s cpu %.2fx the shell doing the same database work, smalog'"'"'s schema (%.2f s)\n", l, s / h, h }'
	awk -v l="append/import${BEFORE:+ ($who)}" -v a="$(median "$who-append.times" 3)" -v i="$(median "$who-import.times" 3)" \
		'BEGIN { printf "%-15s cpu %.2fx (N rows into N against a fresh load of N)\n", l, a / i }'
done
awk -v a="$(median schema-append.times 3)" -v i="$(median schema-import.times 3)" \
	'BEGIN { printf "%-15s cpu %.2fx the same, the shell doing smalog'"'"'s database work (%.2f s into N, %.2f s fresh)\n",
		"append/import", a / i, a, i }'

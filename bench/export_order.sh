#!/usr/bin/env bash
# export_order.sh - what export's plan costs when records came in another order than export's, and in export's.
#
# usage: bench/export_order.sh [N [RUNS]]      (default 1000000 rows, 3 runs)
#
# Two smalog files of the same N positions (bench/out/N): "file order",
# imported from the generated file (agreements and dates mixed, as a
# bulk load of someone's spreadsheet brings them), and "export order",
# imported from smalog's own export of it (records added in export's
# order, as a log kept day by day mostly is).  On each, RUNS times,
# alternating, the CPU time (user + system) and peak memory of:
#   smalog     `smalog export position` ($SMALOG, default build/smalog),
#              which reads the first records in export's order and takes
#              the index when nine in ten of them rose in id, else the
#              sort (src/rows.c, rows_export_sorts);
#   before     the same with $SMALOG_BEFORE, if set (an earlier build);
#   index      `sqlite3 -csv` of export's columns in export's order, which
#              SQLite reads through position_by_agreement_date and looks
#              each record up by id;
#   sort       the same with the first ORDER BY term written +agreement:
#              one scan of the table and one sort, as smalog asks for.
# The outputs are checked: the shell's two plans the same bytes, smalog
# and the build before the same bytes, smalog the shell's lines and its
# header.  Run by hand, not in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=$(pwd)/bench
. "$BENCH/lib.sh"
N=${1:-1000000}
RUNS=${2:-3}
SMALOG=$(realpath "${SMALOG:-build/smalog}")
BEFORE=${SMALOG_BEFORE:+$(realpath "$SMALOG_BEFORE")}
needs_time_and_shell

OUT=bench/out/$N
positions_in "$OUT" "$N"
cd "$OUT"
# the shell's export (bench/lib.sh), and the same in one scan and one sort
SORT_SQL=${EXPORT_SQL/ORDER BY /ORDER BY +}

# the two files, made once: the second from the first's export (its uids too)
if [ ! -s order-file.db ] || [ ! -s order-export.db ]; then
	echo "building order-file.db and order-export.db ..." >&2
	rm -f order-file.db order-export.db
	positions_base order-file.db
	SMALOG_DB=$PWD/order-file.db "$SMALOG" import position position.csv >/dev/null 2>&1
	SMALOG_DB=$PWD/order-file.db "$SMALOG" export position >order-export.csv
	positions_base order-export.db
	SMALOG_DB=$PWD/order-export.db "$SMALOG" import position order-export.csv >/dev/null 2>&1
fi

# timed NAME CMD...: CMD's output to NAME.out, "cpu-seconds kilobytes" to NAME.times
timed() {
	local name=$1
	shift
	/usr/bin/time -f "%U %S %M" -o time.out "$@" >"$name.out" 2>err.out || { cat err.out >&2; exit 1; }
	awk '{ printf "%.3f %d\n", $1 + $2, $3 }' time.out >>"$name.times"
}

run_one() { # run_one WHAT DB
	case $1 in
	smalog) SMALOG_DB=$PWD/$2 timed "$2-smalog" "$SMALOG" export position ;;
	before) SMALOG_DB=$PWD/$2 timed "$2-before" "$BEFORE" export position ;;
	index) timed "$2-index" sqlite3 -csv "$2" "$EXPORT_SQL" ;;
	sort) timed "$2-sort" sqlite3 -csv "$2" "$SORT_SQL" ;;
	esac
}

whats="smalog index sort"
[ -z "$BEFORE" ] || whats="smalog before index sort"
rm -f ./order-*.times
for run in $(seq 1 "$RUNS"); do
	echo "run $run of $RUNS ..." >&2
	for db in order-file.db order-export.db; do
		# alternate which goes first
		list=$whats
		[ $((run % 2)) -eq 0 ] && list=$(echo "$whats" | tr ' ' '\n' | tac | tr '\n' ' ')
		for what in $list; do
			run_one "$what" "$db"
		done
		# the shell writes a REAL as 113.0 where smalog writes 113: the
		# shell's two plans give the same bytes, each smalog the same
		# bytes, and smalog a header line more than the shell
		cmp -s "$db-index.out" "$db-sort.out" || { echo "$db: the shell's two plans differ" >&2; exit 1; }
		[ -z "$BEFORE" ] || cmp -s "$db-smalog.out" "$db-before.out" ||
			{ echo "$db: smalog and the build before differ" >&2; exit 1; }
		[ $(($(wc -l <"$db-smalog.out") - 1)) -eq "$(wc -l <"$db-index.out")" ] ||
			{ echo "$db: smalog and the shell wrote other numbers of lines" >&2; exit 1; }
	done
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
peak() { sort -n -k2 "$1" | tail -1 | awk '{ printf "%.1f", $2 / 1024 }'; }
printf '%s positions, %s runs, median CPU seconds, as a ratio of the shell reading the index\n' "$N" "$RUNS"
for db in order-file.db order-export.db; do
	index=$(median "$db-index.times")
	for what in $whats; do
		awk -v d="$db" -v w="$what" -v c="$(median "$db-$what.times")" -v i="$index" -v m="$(peak "$db-$what.times")" \
			'BEGIN { printf "%-16s %-7s %7.2f s %6.2fx %7s MB\n", d, w, c, c / i, m }'
	done
done

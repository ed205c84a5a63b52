#!/usr/bin/env bash
# delta.sh - times `smalog delta --csv` against the sqlite3 shell running bench/delta_best.sql.
#
# usage: bench/delta.sh [RUNS [SIZES]]   (default 5 runs; sizes "100000")
#
# For each size N, uses $BENCH_OUT/reports-N/reports.db, built as
# bench/reports.sh builds it (BENCH_OUT defaults to bench/out).  First
# checks that the two give the same rows (the shell quotes more, so the
# CSV is parsed before comparing).  Then RUNS times, in a rotating order,
# each to a file: smalog, `sqlite3 -csv` with delta_best.sql (the plain
# SQL that smalog's views are measured against: the views written out,
# see its header).  The machine may be loaded by other
# work, so the figures are CPU time (user + system), medians and least,
# with their ratios to delta_best.sql, and the largest peak resident
# memory; with CALLGRIND=1, also the instructions of one run of each under
# valgrind's callgrind, which no other load disturbs.  Run by hand, not in
# CI.  $SMALOG is the binary (default: build/smalog).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
SIZES=${2:-100000}
SMALOG=${SMALOG:-build/smalog}
SMALOG=$(realpath "$SMALOG")
BENCH=$(pwd)/bench
. "$BENCH/lib.sh"
mkdir -p "${BENCH_OUT:=$BENCH/out}"
BENCH_OUT=$(realpath "$BENCH_OUT")
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }
if [ "${CALLGRIND:-0}" = 1 ]; then
	command -v valgrind >/dev/null || { echo "CALLGRIND=1 needs valgrind (apt-get install valgrind)" >&2; exit 1; }
fi

# The two contestants, each writing its CSV to a file in the current directory.
run_smalog() { "$SMALOG" delta --csv >smalog.csv; }
run_best() { sqlite3 -header -csv "$SMALOG_DB" <"$BENCH/delta_best.sql" >best.csv; }
export -f run_smalog run_best
export SMALOG BENCH

# measure NAME: run run_NAME under /usr/bin/time, append its CPU seconds
# to NAME.cpu and its peak resident memory (MB) to NAME.mem
measure() {
	/usr/bin/time -f "%U %S %M" -o time.out bash -c "run_$1" || { cat time.out >&2; exit 1; }
	awk '{ printf "%.3f\n", $1 + $2 }' time.out >>"$1.cpu"
	awk '{ printf "%.1f\n", $3 / 1024 }' time.out >>"$1.mem"
}

# instructions NAME: callgrind's count of one run of NAME, to NAME.ir
instructions() {
	local cmd=(sqlite3 -header -csv "$SMALOG_DB")
	[ "$1" = smalog ] && cmd=("$SMALOG" delta --csv)
	local sql=$BENCH/delta_$1.sql
	[ "$1" = smalog ] && sql=/dev/null
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "${cmd[@]}" <"$sql" >/dev/null 2>callgrind.out
	awk '/Collected/ { print $4 }' callgrind.out >"$1.ir"
}

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
least() { sort -n "$1" | head -1; }

names="smalog best"
for n in $SIZES; do
	reports_db "$n"
	dir=$BENCH_OUT/reports-$n
	cd "$dir"
	export SMALOG_DB=$dir/reports.db
	rm -f ./*.cpu ./*.mem ./*.ir
	for name in $names; do run_$name; done
	python3 - <<-'EOF' || exit 1
	import csv, sys
	rows = {f: list(csv.reader(open(f + '.csv', newline=''))) for f in ('smalog', 'best')}
	if rows['best'] != rows['smalog']:
	    sys.exit('delta: best.csv and smalog.csv differ')
	print('the same %d rows from smalog and delta_best.sql' % (len(rows['smalog']) - 1), file=sys.stderr)
	EOF
	order=($names)
	for run in $(seq 1 "$RUNS"); do
		echo "size $n, run $run of $RUNS ..." >&2
		for i in 0 1; do measure "${order[(i + run) % 2]}"; done
	done
	if [ "${CALLGRIND:-0}" = 1 ]; then
		for name in $names; do instructions "$name"; done
	fi
	printf '%s positions, %s runs; CPU seconds (user + system)\n' "$n" "$RUNS"
	printf '%-24s %8s %8s %8s %8s %10s\n' "" "median" "ratio" "least" "ratio" "peak MB"
	bm=$(median best.cpu); bl=$(least best.cpu)
	for name in $names; do
		awk -v l="$name" -v m="$(median "$name.cpu")" -v s="$(least "$name.cpu")" -v bm="$bm" -v bl="$bl" \
			-v mem="$(sort -n "$name.mem" | tail -1)" \
			'BEGIN { printf "%-24s %8.3f %7.2fx %8.3f %7.2fx %10.1f\n", l, m, m / bm, s, s / bl, mem }'
	done
	if [ "${CALLGRIND:-0}" = 1 ]; then
		for name in $names; do
			awk -v l="$name" -v i="$(cat "$name.ir")" -v b="$(cat best.ir)" \
				'BEGIN { printf "%-24s %8.0f million instructions, %.2fx delta_best.sql\n", l, i / 1e6, i / b }'
		done
	fi
	cd - >/dev/null
done

#!/usr/bin/env bash
# delta.sh - times smalog's delta, delta --by round and summary against the sqlite3 shell running the best SQL for the same rows.
#
# usage: bench/delta.sh [RUNS [SIZES [REPORTS]]]
#        (default 5 runs; sizes "100000"; reports "delta round summary")
#
# For each size N, uses $BENCH_OUT/reports-N/reports.db, built as
# bench/reports.sh builds it (BENCH_OUT defaults to bench/out).  Each
# report is measured against its file of plain SQL, the views it reads
# written out (see each file's header):
#   delta    `smalog delta --csv`             bench/delta_best.sql
#   round    `smalog delta --by round --csv`  bench/round_delta_best.sql
#   summary  `smalog summary --csv`           bench/summary_best.sql
# Each file ends one WITH statement that the views the reports share
# begin: bench/best_common.sql, and for round and summary then
# bench/best_standing_gap.sql.  The parts are joined into one file before
# the timing, so the shell reads, plans and runs the whole statement in
# every timed run, as from one file.
# First checks that the two give the same rows (the shell quotes more, so
# the CSV is parsed before comparing).  Then RUNS times, in a rotating
# order, each to a file: smalog, then `sqlite3 -csv` with the SQL.  The
# machine may be loaded by other work, so the figures are CPU time (user +
# system), medians and least, with their ratios to the SQL, and the
# largest peak resident memory; with CALLGRIND=1, also the instructions of
# one run of each under valgrind's callgrind, which no other load
# disturbs (round and summary take about 10 ms, near the clock's
# resolution, so their instructions are the figure to read).  Run by hand,
# not in CI.  $SMALOG is the binary (default:
# build/smalog).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
SIZES=${2:-100000}
REPORTS=${3:-"delta round summary"}
SMALOG=${SMALOG:-build/smalog}
SMALOG=$(realpath "$SMALOG")
BENCH=$(pwd)/bench
. "$BENCH/lib.sh"
mkdir -p "${BENCH_OUT:=$BENCH/out}"
BENCH_OUT=$(realpath "$BENCH_OUT")
needs_time_and_shell
if [ "${CALLGRIND:-0}" = 1 ]; then
	command -v valgrind >/dev/null || { echo "CALLGRIND=1 needs valgrind (apt-get install valgrind)" >&2; exit 1; }
fi

# args REPORT: smalog's arguments for REPORT; best REPORT: the files of
# bench/ whose text, one after another, is its SQL, its own file last
args() {
	case $1 in
	delta) echo delta ;;
	round) echo delta --by round ;;
	summary) echo summary ;;
	*) echo "no report '$1' (delta, round, summary)" >&2; exit 2 ;;
	esac
}
best() {
	case $1 in
	delta) echo best_common.sql delta_best.sql ;;
	round) echo best_common.sql best_standing_gap.sql round_delta_best.sql ;;
	summary) echo best_common.sql best_standing_gap.sql summary_best.sql ;;
	esac
}

# The two contestants, each writing its CSV to a file in the current
# directory; $ARGS and $BEST say which report.
run_smalog() { "$SMALOG" $ARGS --csv >smalog.csv; }
run_best() { sqlite3 -header -csv "$SMALOG_DB" <"$BEST" >best.csv; }
export -f run_smalog run_best
export SMALOG

# measure NAME: run run_NAME under /usr/bin/time, append its CPU seconds
# to NAME.cpu and its peak resident memory (MB) to NAME.mem
measure() {
	/usr/bin/time -f "%U %S %M" -o time.out bash -c "run_$1" || { cat time.out >&2; exit 1; }
	awk '{ printf "%.3f\n", $1 + $2 }' time.out >>"$1.cpu"
	awk '{ printf "%.1f\n", $3 / 1024 }' time.out >>"$1.mem"
}

# instructions NAME: callgrind's count of one run of NAME, to NAME.ir
instructions() {
	local cmd=(sqlite3 -header -csv "$SMALOG_DB") sql=$BEST
	if [ "$1" = smalog ]; then
		read -ra cmd <<<"$SMALOG $ARGS --csv"
		sql=/dev/null
	fi
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "${cmd[@]}" <"$sql" >/dev/null 2>callgrind.out
	awk '/Collected/ { print $4 }' callgrind.out >"$1.ir"
}

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
least() { sort -n "$1" | head -1; }

names="smalog best"
for n in $SIZES; do
	reports_db "$n"
	dir=$BENCH_OUT/reports-$n
	export SMALOG_DB=$dir/reports.db
	for report in $REPORTS; do
		ARGS=$(args "$report")
		parts=$(best "$report")
		OWN=${parts##* }
		BEST=$dir/$report/best.sql
		export ARGS BEST
		mkdir -p "$dir/$report"
		for part in $parts; do cat "$BENCH/$part"; done >"$BEST"
		cd "$dir/$report"
		rm -f ./*.cpu ./*.mem ./*.ir
		for name in $names; do run_$name; done
		python3 - "$report" <<-'EOF' || exit 1
		import csv, sys
		rows = {f: list(csv.reader(open(f + '.csv', newline=''))) for f in ('smalog', 'best')}
		if rows['best'] != rows['smalog']:
		    sys.exit('%s: best.csv and smalog.csv differ' % sys.argv[1])
		print('%s: the same %d rows from smalog and the SQL' % (sys.argv[1], len(rows['smalog']) - 1), file=sys.stderr)
		EOF
		order=($names)
		for run in $(seq 1 "$RUNS"); do
			echo "size $n, $report, run $run of $RUNS ..." >&2
			for i in 0 1; do measure "${order[(i + run) % 2]}"; done
		done
		if [ "${CALLGRIND:-0}" = 1 ]; then
			for name in $names; do instructions "$name"; done
		fi
		printf '%s at %s positions, %s runs; CPU seconds (user + system)\n' "$report" "$n" "$RUNS"
		printf '%-24s %8s %8s %8s %8s %10s\n' "" "median" "ratio" "least" "ratio" "peak MB"
		bm=$(median best.cpu); bl=$(least best.cpu)
		for name in $names; do
			label=$name
			[ "$name" = best ] && label=$OWN
			awk -v l="$label" -v m="$(median "$name.cpu")" -v s="$(least "$name.cpu")" -v bm="$bm" -v bl="$bl" \
				-v mem="$(sort -n "$name.mem" | tail -1)" \
				'BEGIN { printf "%-24s %8.3f %7.2fx %8.3f %7.2fx %10.1f\n", l, m, m / (bm > 0 ? bm : 0.001),
					s, s / (bl > 0 ? bl : 0.001), mem }'
		done
		if [ "${CALLGRIND:-0}" = 1 ]; then
			for name in $names; do
				awk -v l="$name" -v i="$(cat "$name.ir")" -v b="$(cat best.ir)" -v f="$OWN" \
					'BEGIN { printf "%-24s %8.0f million instructions, %.2fx %s\n", l, i / 1e6, i / b, f }'
			done
		fi
		cd - >/dev/null
	done
done

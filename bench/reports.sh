#!/usr/bin/env bash
# reports.sh - times smalog's reports against the same SQL in the sqlite3 shell, at 100,000 and 1,000,000 positions.
#
# usage: bench/reports.sh [RUNS [SIZES]]   (default 5 runs; sizes "100000 1000000")
#
# For each size N, builds $BENCH_OUT/reports-N/reports.db once (BENCH_OUT
# defaults to bench/out): the positions, agreements, rounds and sources of
# bench/gen_positions.py loaded with `smalog import`, and monthly KRW rates
# so that dollar amounts convert.
# Then RUNS times, alternating which goes first, each to a file:
#   timeline: `smalog timeline --csv` against `sqlite3 -csv` reading the SQL
#             that `smalog timeline --sql` prints: the same views, the same
#             query, so the ratio is the cost of smalog's C side;
#   delta:    the same for `smalog delta --csv`;
#   round, summary: the same for `smalog delta --by round` and `summary`.
# Last, one `smalog add position` against `sqlite3 DB "INSERT ..."` of one
# row, each a fresh process, 21 times alternating, in a copy of the bundled
# example.  Prints medians of wall and CPU time (user + system), the ratios,
# each one's largest peak resident memory, and delta at the largest size
# over delta at the smallest, for smalog and for the shell; then the same
# from the fastest run of each, which other processes on a shared machine
# disturb least.  Run by hand, not in CI.  $SMALOG is the binary (default: build/smalog).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
SIZES=${2:-"100000 1000000"}
SMALOG=${SMALOG:-build/smalog}
SMALOG=$(realpath "$SMALOG")
BENCH=$(pwd)/bench
. "$BENCH/lib.sh"
mkdir -p "${BENCH_OUT:=$BENCH/out}"
BENCH_OUT=$(realpath "$BENCH_OUT")
needs_time_and_shell

# measure FILE CMD...: run CMD under /usr/bin/time, append "wall cpu" seconds
# and its peak resident memory in MB to FILE
measure() {
	local file=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o time.out "$@" || { cat time.out >&2; exit 1; }
	awk '{ printf "%.3f %.3f %.1f\n", $1, $2 + $3, $4 / 1024 }' time.out >>"$file"
}

# median FILE COLUMN, least FILE COLUMN
median() { sort -n -k"$2" "$1" | awk -v k="$2" '{ v[NR] = $k } END { print v[int((NR + 1) / 2)] }'; }
least() { sort -n -k"$2" "$1" | awk -v k="$2" 'NR == 1 { print $k }'; }
# peak FILE: the largest peak memory of FILE's runs
peak() { sort -n -k3 "$1" | awk 'END { print $3 }'; }

# report N NAME SMALOG-ARGS...: time one report at size N, RUNS times
report() {
	local n=$1 name=$2
	shift 2
	local dir=$BENCH_OUT/reports-$n
	cd "$dir"
	export SMALOG_DB=$dir/reports.db
	"$SMALOG" "$@" --sql >"$name.sql"
	rm -f "$name"-*.times
	for run in $(seq 1 "$RUNS"); do
		echo "size $n, $name, run $run of $RUNS ..." >&2
		if [ $((run % 2)) = 1 ]; then
			measure "$name-smalog.times" sh -c '"$0" "$@" --csv >smalog.out1' "$SMALOG" "$@"
			measure "$name-shell.times" sh -c 'sqlite3 -header -csv "$SMALOG_DB" <"$0" >shell.out2' "$name.sql"
		else
			measure "$name-shell.times" sh -c 'sqlite3 -header -csv "$SMALOG_DB" <"$0" >shell.out2' "$name.sql"
			measure "$name-smalog.times" sh -c '"$0" "$@" --csv >smalog.out1' "$SMALOG" "$@"
		fi
	done
	# the same rows, one a line (the shell quotes more, so compare counts)
	local a b
	a=$(wc -l <smalog.out1)
	b=$(wc -l <shell.out2)
	[ "$a" = "$b" ] || { echo "$name at $n: smalog printed $a lines, the shell $b" >&2; exit 1; }
	cd - >/dev/null
}

for n in $SIZES; do
	reports_db "$n"
	report "$n" timeline timeline
	report "$n" delta delta
	report "$n" round delta --by round
	report "$n" summary summary
done

# One add against one INSERT, in a copy of the bundled example.
ADD=$BENCH_OUT/reports-add
rm -rf "$ADD"
mkdir -p "$ADD"
SMALOG_DB=$ADD/add.db "$SMALOG" init --example 2>/dev/null
cd "$ADD"
add_smalog() {
	SMALOG_DB=$ADD/add.db "$SMALOG" add position --agreement SMA-11 --date 2021-03-08 --party KR --kind offer --pct 13 >/dev/null
}
add_shell() {
	sqlite3 "$ADD/add.db" "INSERT INTO position (agreement, date, party, kind, pct_bp) VALUES ('SMA-11', '2021-03-08', 'KR', 'offer', 1300)"
}
# clock FILE FUNCTION: wall milliseconds of one call, to FILE
clock() {
	local t0=$EPOCHREALTIME
	"$2"
	local t1=$EPOCHREALTIME
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) * 1000 }' >>"$1"
}
rm -f add-*.ms
for run in $(seq 1 21); do
	if [ $((run % 2)) = 1 ]; then clock add-smalog.ms add_smalog; clock add-shell.ms add_shell
	else clock add-shell.ms add_shell; clock add-smalog.ms add_smalog; fi
done
cd - >/dev/null

# table STAT: the figures by median or least
table() {
	local stat=$1 n name who s h sc hc sm hm a b ac bc
	printf '%s of %s runs; wall and CPU (user + system) seconds\n' "$stat" "$RUNS"
	printf '%-18s %9s %9s %7s   %9s %9s %7s   %8s %8s\n' "" "smalog" "shell" "ratio" "cpu" "cpu" "ratio" \
		"peak MB" "shell"
	for n in $SIZES; do
		for name in timeline delta round summary; do
			local d=$BENCH_OUT/reports-$n
			s=$($stat "$d/$name-smalog.times" 1); h=$($stat "$d/$name-shell.times" 1)
			sc=$($stat "$d/$name-smalog.times" 2); hc=$($stat "$d/$name-shell.times" 2)
			sm=$(peak "$d/$name-smalog.times"); hm=$(peak "$d/$name-shell.times")
			# the smaller reports take less than the clock's 10 ms resolution
			awk -v l="$name $n" -v s="$s" -v h="$h" -v sc="$sc" -v hc="$hc" -v sm="$sm" -v hm="$hm" \
				'function r(a, b) { return b > 0 ? a / b : 1 }
				BEGIN { printf "%-18s %9.2f %9.2f %6.2fx   %9.2f %9.2f %6.2fx   %8.1f %8.1f\n",
					l, s, h, r(s, h), sc, hc, r(sc, hc), sm, hm }'
		done
	done
	local first=${SIZES%% *} last=${SIZES##* }
	[ "$first" = "$last" ] && return
	for who in smalog shell; do
		a=$($stat "$BENCH_OUT/reports-$first/delta-$who.times" 1); b=$($stat "$BENCH_OUT/reports-$last/delta-$who.times" 1)
		ac=$($stat "$BENCH_OUT/reports-$first/delta-$who.times" 2); bc=$($stat "$BENCH_OUT/reports-$last/delta-$who.times" 2)
		awk -v w="$who" -v f="$first" -v l="$last" -v a="$a" -v b="$b" -v ac="$ac" -v bc="$bc" \
			'BEGIN { printf "%s delta at %d over %d positions: %.2fx wall, %.2fx cpu (%d times the rows)\n",
				w, l, f, b / a, bc / ac, l / f }'
	done
}
table median
echo
table least
s=$(median "$ADD/add-smalog.ms" 1); h=$(median "$ADD/add-shell.ms" 1)
sl=$(least "$ADD/add-smalog.ms" 1); hl=$(least "$ADD/add-shell.ms" 1)
awk -v s="$s" -v h="$h" -v sl="$sl" -v hl="$hl" 'BEGIN { printf "one add, 21 runs each: smalog add %.1f ms, sqlite3 INSERT %.1f ms, ratio %.2fx (median); %.1f and %.1f ms, %.2fx (least)\n", s, h, s / h, sl, hl, sl / hl }'

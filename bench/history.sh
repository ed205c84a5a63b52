#!/usr/bin/env bash
# history.sh - times an import of positions with the change log against the same import without it, alternating.
#
# usage: bench/history.sh [N [RUNS]]      (default 1000000 rows, 5 runs)
#
# Generates N positions with bench/gen_positions.py (kept in bench/out/N),
# then RUNS times, alternating which goes first, imports them into a
# database that holds the sources, agreements and rounds they cite:
#   with:    $SMALOG (default build/smalog), whose triggers log every row;
#   without: $SMALOG_BEFORE, a smalog from before the change log; by
#            default the commit $BASE (default: the parent of the change
#            log's first commit) is built once into bench/out/base.
# Prints the median wall time and peak memory of each and the ratio
# (the target: at most 1.25).  Run by hand, not in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=$(pwd)/bench
. "$BENCH/lib.sh"
N=${1:-1000000}
RUNS=${2:-5}
SMALOG=$(realpath "${SMALOG:-build/smalog}")
needs_time

if [ -z "${SMALOG_BEFORE:-}" ]; then
	BASE=${BASE:-$(git log --format=%H --diff-filter=A -1 -- sql/migrations/*_history.sql)^}
	if [ ! -x bench/out/base/build/smalog ]; then
		echo "building smalog at $BASE in bench/out/base ..." >&2
		rm -rf bench/out/base
		mkdir -p bench/out/base
		git archive "$BASE" | tar -x -C bench/out/base
		(cd bench/out/base && meson setup build >/dev/null && meson compile -C build smalog >/dev/null)
	fi
	SMALOG_BEFORE=bench/out/base/build/smalog
fi
BEFORE=$(realpath "$SMALOG_BEFORE")

OUT=bench/out/$N
positions_in "$OUT" "$N"
cd "$OUT"

# one base file per binary: each writes its own schema
for who in with without; do
	bin=$SMALOG
	[ "$who" = without ] && bin=$BEFORE
	rm -f "base-$who.db"
	SMALOG_DB=$PWD/base-$who.db "$bin" init 2>/dev/null
	for k in source agreement round; do
		SMALOG_DB=$PWD/base-$who.db "$bin" import "$k" "$k.csv" 2>/dev/null
	done
done

# run WHO: import the positions once, appending "wall-seconds kilobytes
# user-seconds system-seconds" to times-WHO
run() {
	local who=$1 bin=$SMALOG
	[ "$who" = without ] && bin=$BEFORE
	cp "base-$who.db" "run-$who.db"
	SMALOG_DB=$PWD/run-$who.db /usr/bin/time -f '%e %M %U %S' -o time.txt "$bin" import position position.csv 2>/dev/null >/dev/null
	cat time.txt >>"times-$who"
	rm -f "run-$who.db"
}

rm -f times-with times-without
for i in $(seq "$RUNS"); do
	if [ $((i % 2)) = 1 ]; then run with; run without; else run without; run with; fi
done

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
with_s=$(cut -d' ' -f1 times-with | median)
without_s=$(cut -d' ' -f1 times-without | median)
with_kb=$(cut -d' ' -f2 times-with | median)
without_kb=$(cut -d' ' -f2 times-without | median)
# CPU time too: on a machine that others share, wall time waits on them
with_cpu=$(awk '{ print $3 + $4 }' times-with | median)
without_cpu=$(awk '{ print $3 + $4 }' times-without | median)
echo "import of $N positions, median of $RUNS runs each, alternating:"
printf '  without the log: %6.2f s wall %6.2f s CPU %8d KB\n' "$without_s" "$without_cpu" "$without_kb"
printf '  with the log:    %6.2f s wall %6.2f s CPU %8d KB\n' "$with_s" "$with_cpu" "$with_kb"
awk -v a="$with_s" -v b="$without_s" -v c="$with_cpu" -v d="$without_cpu" \
	'BEGIN { printf "  ratio: %.3f wall, %.3f CPU (target: at most 1.25)\n", a / b, c / d }'

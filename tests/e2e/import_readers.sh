#!/usr/bin/env bash
# import_readers.sh - readers during a long import: `timeline`, `export`
# and `list` started while 300,000 positions load into a database of
# 50,000 each see the database as it was before the import (or, having
# waited, as it is after it), or give up with exit 75 "is busy"; never a
# part of the import, never a message that sounds like damage.  Then
# measures what a reader running in a loop does to the import's time.
#
# READERS_ROWS (default 300000) rows in the import, READERS_EXISTING
# (default 50000) in the database before it.
gen=$(cd "$(dirname "$0")/../../bench" && pwd)/gen_positions.py
. "$(dirname "$0")/lib.sh"

rows=${READERS_ROWS:-300000}
existing=${READERS_EXISTING:-50000}
command -v python3 >/dev/null || { echo "skipped: needs python3 for $gen"; exit 77; }
python3 "$gen" "$rows" "$WORK" || exit 1
mkdir "$WORK/existing"
python3 "$gen" "$existing" "$WORK/existing" 7 || exit 1
run init
for kind in source agreement round; do
	run import "$kind" "$WORK/$kind.csv"
	[ "$status" = 0 ] || { echo "cannot load $kind.csv: $(cat "$WORK/err")"; exit 1; }
done
# the same sources, agreements and rounds (same seed for those), other positions
run import position "$WORK/existing/position.csv"
[ "$status" = 0 ] || { echo "cannot load the existing positions: $(cat "$WORK/err")"; exit 1; }
cp "$SMALOG_DB" "$WORK/base.db"

# positions NAME: how many positions reader NAME's output shows (JSON
# lines: one record a line, whatever line ends the notes hold)
positions() {
	case $1 in
	timeline) grep -c -e '"type":"offer"' -e '"type":"demand"' "$WORK/$1.out" ;;
	*) wc -l <"$WORK/$1.out" ;;
	esac
}

# reader NAME ARGS...: run `smalog ARGS` again and again until the import
# is done, and append one line per run to NAME.log: "before", "after",
# "busy" or "bad: why", then the run's seconds.
reader() {
	local name=$1 code seen start
	shift
	while [ ! -e "$WORK/import.done" ]; do
		start=$(date +%s.%N)
		${SMALOG_WRAPPER:-} "$SMALOG" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
		code=$?
		echo "$(date +%s.%N) - $start" | bc >"$WORK/$name.took"
		if grep -qiE 'corrupt|malformed|damage|I/O|disk' "$WORK/$name.err"; then
			echo "bad: exit $code, $(head -c 200 "$WORK/$name.err")"
		elif [ "$code" = 75 ] && grep -q "is busy" "$WORK/$name.err"; then
			echo busy
		elif [ "$code" != 0 ]; then
			echo "bad: exit $code, $(head -c 200 "$WORK/$name.err")"
		else
			seen=$(positions "$name")
			if [ "$seen" = "$existing" ]; then
				echo before
			elif [ "$seen" = $((existing + rows)) ]; then
				echo after
			else
				echo "bad: saw $seen positions: neither $existing nor $((existing + rows))"
			fi
		fi | tr '\n' ' '
		cat "$WORK/$name.took"
	done >>"$WORK/$name.log"
}

# timed_import READERS...: import position.csv into a copy of base.db
# while each named reader loops; sets $took to the import's seconds.
timed_import() {
	local pids=() name start
	cp "$WORK/base.db" "$SMALOG_DB"
	rm -f "$WORK/import.done" "$WORK"/*.log
	start=$(date +%s.%N)
	${SMALOG_WRAPPER:-} "$SMALOG" import position "$WORK/position.csv" >/dev/null 2>"$WORK/import.err" &
	local import=$!
	for name in "$@"; do
		case $name in
		timeline) reader timeline timeline --jsonl & ;;
		export) reader export export position --format jsonl & ;;
		list) reader list list position --jsonl & ;;
		esac
		pids+=($!)
	done
	wait "$import"
	import_status=$?
	took=$(echo "$(date +%s.%N) - $start" | bc)
	touch "$WORK/import.done"
	for pid in "${pids[@]}"; do wait "$pid"; done
	[ "$import_status" = 0 ] || fail "the import failed: exit $import_status, $(cat "$WORK/import.err")"
}

# tally NAME: "12 runs: before 5, after 1, busy 6, bad 0; longest 0.81 s"
# from NAME.log
tally() {
	local log="$WORK/$1.log"
	[ -e "$log" ] || { echo "0 runs"; return; }
	echo "$(wc -l <"$log") runs: before $(grep -c '^before ' "$log"), after $(grep -c '^after ' "$log"), busy $(grep -c '^busy ' "$log"), bad $(grep -c '^bad' "$log"); longest $(awk '{ if ($NF > m) m = $NF } END { printf "%.2f", m }' "$log") s"
}

case_ "readers during a long import see before, wait for after, or are busy"
timed_import timeline export list
for name in timeline export list; do
	echo "import_readers: $name during the import of $rows rows: $(tally "$name")"
	if grep -q '^bad' "$WORK/$name.log" 2>/dev/null; then
		fail "$name: $(grep '^bad' "$WORK/$name.log" | sort | uniq -c | head -3)"
	fi
done
# every run starts while the import is under way (the loop stops when it
# is done), so the readers met it if they ran at all
[ "$(cat "$WORK"/*.log | wc -l)" -gt 0 ] || fail "no reader ran while the import was under way"
run query --csv "SELECT count(*) FROM position"
[ "$(tail -1 "$WORK/out")" = $((existing + rows)) ] || fail "after the import: $(tail -1 "$WORK/out") positions"
done_

case_ "what a reader in a loop does to the import's time"
# the best of two runs each, so that other load on the machine counts less
best() { echo "$1 $2" | awk '{ print ($1 < $2) ? $1 : $2 }'; }
timed_import
alone=$took
timed_import
alone=$(best "$alone" "$took")
for name in timeline export; do
	timed_import "$name"
	first=$took
	tallies=$(tally "$name")
	grep -q '^bad' "$WORK/$name.log" && fail "$name: $(grep '^bad' "$WORK/$name.log" | head -3)"
	timed_import "$name"
	tallies="$tallies / $(tally "$name")"
	grep -q '^bad' "$WORK/$name.log" && fail "$name: $(grep '^bad' "$WORK/$name.log" | head -3)"
	printf -v "with_$name" '%s' "$(best "$first" "$took")"
	printf -v "tally_$name" '%s' "$tallies"
done
ratio() { awk -v a="$1" -v b="$alone" 'BEGIN { printf "%.2f", a / b }'; }
printf 'import_readers: import of %d rows into %d (best of 2): alone %.2f s\n' "$rows" "$existing" "$alone"
printf 'import_readers:   with timeline in a loop %.2f s (x%s); its runs: %s\n' "$with_timeline" "$(ratio "$with_timeline")" "$tally_timeline"
printf 'import_readers:   with export in a loop %.2f s (x%s); its runs: %s\n' "$with_export" "$(ratio "$with_export")" "$tally_export"
done_

finish

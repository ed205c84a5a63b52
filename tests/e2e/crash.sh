#!/usr/bin/env bash
# crash.sh - an import killed at any moment loses nothing and half-writes
# nothing: after `kill -9` of `smalog import` of 200,000 positions at
# moments spread over the import, the next open (a read-only one) rolls the
# hot journal back, PRAGMA integrity_check is ok and the database holds
# none or all of the rows.  Ctrl-C rolls back, exits 130 with one line and
# leaves the file as it was.
#
# CRASH_TRIALS (default 20) kill trials, CRASH_ROWS (default 200000) rows,
# CRASH_SEED to repeat the same kill moments.
gen=$(cd "$(dirname "$0")/../../bench" && pwd)/gen_positions.py
. "$(dirname "$0")/lib.sh"

trials=${CRASH_TRIALS:-20}
rows=${CRASH_ROWS:-200000}
seed=${CRASH_SEED:-$(($$ % 32768))}
RANDOM=$seed
command -v python3 >/dev/null || { echo "skipped: needs python3 for $gen"; exit 77; }

# The sources, agreements and rounds the positions cite, in base.db.
python3 "$gen" "$rows" "$WORK" || exit 1
run init
for kind in source agreement round; do
	run import "$kind" "$WORK/$kind.csv"
	[ "$status" = 0 ] || { echo "cannot load $kind.csv: $(cat "$WORK/err")"; exit 1; }
done
cp "$SMALOG_DB" "$WORK/base.db"

# state: "ROWS LOGGED INDEXES" of the position table (read by smalog, so
# through a read-only open), in $state.
state() {
	run query --csv "SELECT (SELECT count(*) FROM position), (SELECT count(*) FROM import_log WHERE kind = 'position'),
		(SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'position')"
	state=$(tail -n +2 "$WORK/out" | tr ',' ' ')
}
state
base_indexes=${state##* }
all_state="$rows 1 $base_indexes"
none_state="0 0 $base_indexes"

case_ "an import that is not interrupted loads every row"
start=$(date +%s.%N)
run import position "$WORK/position.csv"
duration=$(echo "$(date +%s.%N) - $start" | bc)
expect_status 0
state
[ "$state" = "$all_state" ] || fail "after the import: rows, log, indexes = $state, expected $all_state"
printf 'crash: import of %d rows takes %.2f s; kills spread over it (seed %d)\n' "$rows" "$duration" "$seed"
done_

case_ "kill -9 at $trials moments: integrity ok, none or all of the rows"
none=0 all=0 partial=0 intact=0 journals=0 recovered=0 stale=0
for i in $(seq 1 "$trials"); do
	cp "$WORK/base.db" "$SMALOG_DB"
	rm -f "$SMALOG_DB-journal"
	# one moment in each of `trials` equal slices of the import's time
	# ($RANDOM read here: a subshell would seed its own)
	r=$RANDOM
	delay=$(awk -v d="$duration" -v i="$i" -v n="$trials" -v r="$r" \
		'BEGIN { printf "%.3f", d * (i - 1 + r / 32768) / n }')
	${SMALOG_WRAPPER:-} "$SMALOG" import position "$WORK/position.csv" >/dev/null 2>"$WORK/killed.err" &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	code=$?
	# A journal is hot once its header is written, which SQLite does (in
	# synchronous=FULL) only after its pages are synced and before the
	# database is touched; one still zero at the start was killed before
	# that, leaves the file intact and is ignored (the next write reuses it).
	hot=0
	if [ -s "$SMALOG_DB-journal" ] && [ "$(head -c 1 "$SMALOG_DB-journal" | od -An -tu1 | tr -d ' ')" != 0 ]; then
		hot=1
		journals=$((journals + 1))
	elif [ -e "$SMALOG_DB-journal" ]; then
		stale=$((stale + 1))
	fi
	# the next open is a reader's: it must roll the journal back itself
	run query --csv "PRAGMA integrity_check"
	if [ "$status" = 0 ] && [ "$(tail -n +2 "$WORK/out")" = ok ]; then
		intact=$((intact + 1))
	else
		fail "trial $i (killed after ${delay}s): integrity_check: exit $status: $(head -c 300 "$WORK/out" "$WORK/err")"
	fi
	if [ "$hot" = 1 ] && [ -e "$SMALOG_DB-journal" ]; then
		fail "trial $i: the hot journal is still there after the next open"
	elif [ "$hot" = 1 ]; then
		recovered=$((recovered + 1))
	fi
	[ "$(sqlite3 "$SMALOG_DB" 'PRAGMA integrity_check')" = ok ] || fail "trial $i: sqlite3 finds the file damaged"
	state
	if [ "$state" = "$none_state" ]; then
		none=$((none + 1))
	elif [ "$state" = "$all_state" ]; then
		all=$((all + 1))
	else
		partial=$((partial + 1))
		fail "trial $i (killed after ${delay}s, exit $code): rows, log, indexes = $state; expected $none_state or $all_state"
	fi
done
echo "crash: kill -9 trials: $trials, integrity ok $intact, all-or-none $((none + all)) (none $none, all $all, partial $partial), hot journals rolled back by a reader $recovered of $journals, journals never made hot $stale"
[ "$intact" = "$trials" ] || fail "integrity ok in $intact of $trials trials"
[ "$journals" -gt 0 ] || fail "no kill left a hot journal: the kills missed the import"
done_

case_ "Ctrl-C during an import: exit 130, one line, the file as it was"
interrupted=0 moments=""
for share in 0 0.2 0.4; do
	cp "$WORK/base.db" "$SMALOG_DB"
	rm -f "$SMALOG_DB-journal"
	snapshot "$SMALOG_DB"
	# job control on: the import gets its own process group and SIGINT
	# as a terminal would deliver it (a script's background job ignores it)
	set -m
	${SMALOG_WRAPPER:-} "$SMALOG" import position "$WORK/position.csv" >"$WORK/out" 2>"$WORK/err" &
	pid=$!
	set +m
	# once the transaction has written (its journal is there), and then a
	# share of the import's time later
	for _ in $(seq 500); do [ -e "$SMALOG_DB-journal" ] && break; sleep 0.01; done
	delay=$(awk -v d="$duration" -v s="$share" 'BEGIN { printf "%.3f", d * s }')
	sleep "$delay"
	moments="$moments +${delay}s"
	kill -INT "$pid"
	wait "$pid"
	status=$?
	expect_status 130
	expect_err "smalog: interrupted; nothing was imported"
	expect_unchanged "$SMALOG_DB"
	[ -e "$SMALOG_DB-journal" ] && fail "a journal was left after Ctrl-C at +${delay}s"
	[ "$status" = 130 ] && interrupted=$((interrupted + 1))
done
echo "crash: Ctrl-C trials: 3 (after the import's first write,$moments), exit 130 with one line and the file unchanged: $interrupted"
done_

case_ "Ctrl-C while the import waits on a pipe"
cp "$WORK/base.db" "$SMALOG_DB"
rm -f "$SMALOG_DB-journal"
snapshot "$SMALOG_DB"
set -m
{ head -1000 "$WORK/position.csv"; sleep 5; } |
	${SMALOG_WRAPPER:-} "$SMALOG" import position - >"$WORK/out" 2>"$WORK/err" &
pid=$!
set +m
# the rows on hand are written (the journal is there); the read waits
for _ in $(seq 500); do [ -e "$SMALOG_DB-journal" ] && break; sleep 0.01; done
sleep 0.2
kill -INT "$pid"
wait "$pid"
status=$?
expect_status 130
expect_err "smalog: interrupted; nothing was imported"
expect_unchanged "$SMALOG_DB"
done_

finish

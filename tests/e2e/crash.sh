#!/usr/bin/env bash
# crash.sh - an import killed at any moment loses nothing and half-writes
# nothing: after `kill -9` of `smalog import` of 200,000 positions at
# moments spread over the import, the next open (a read-only one) rolls the
# hot journal back, PRAGMA integrity_check is ok and the database holds
# none or all of the rows.  Ctrl-C rolls back, exits 130 with one line and
# leaves the file as it was.  The change log goes with the rows: none or
# all of their changes, and the hash chain that check verifies holds.  Moments are chosen by the import's progress
# (how far the database file has grown towards its final size), not by
# the clock, so that a loaded machine moves them along with the import.
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

# state: "ROWS LOGGED INDEXES CHANGES" of the position table (read by
# smalog, so through a read-only open), in $state: CHANGES, its rows in the
# change log.
state() {
	run query --csv "SELECT (SELECT count(*) FROM position), (SELECT count(*) FROM import_log WHERE kind = 'position'),
		(SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'position'),
		(SELECT count(*) FROM change WHERE tbl = 'position')"
	state=$(tail -n +2 "$WORK/out" | tr ',' ' ')
}
state
base_indexes=$(echo "$state" | cut -d' ' -f3)
all_state="$rows 1 $base_indexes $rows"
none_state="0 0 $base_indexes 0"

case_ "an import that is not interrupted loads every row"
start=$(date +%s.%N)
run import position "$WORK/position.csv"
duration=$(echo "$(date +%s.%N) - $start" | bc)
expect_status 0
state
[ "$state" = "$all_state" ] || fail "after the import: rows, log, indexes, changes = $state, expected $all_state"
base_size=$(stat -c %s "$WORK/base.db")
full_size=$(stat -c %s "$SMALOG_DB")
printf 'crash: import of %d rows takes %.2f s and grows the file from %d to %d bytes (seed %d)\n' \
	"$rows" "$duration" "$base_size" "$full_size" "$seed"
done_

# at PID FRACTION: wait until the import PID has grown the database file
# FRACTION of the way to its full size (0 waits for its journal, that is,
# its first write), or has ended
at() {
	local target
	target=$(awk -v b="$base_size" -v f="$full_size" -v x="$2" 'BEGIN { printf "%d", b + (f - b) * x }')
	if [ "$2" = 0 ]; then
		while kill -0 "$1" 2>/dev/null && [ ! -e "$SMALOG_DB-journal" ]; do sleep 0.02; done
	else
		while kill -0 "$1" 2>/dev/null && [ "$(stat -c %s "$SMALOG_DB")" -lt "$target" ]; do sleep 0.02; done
	fi
}

case_ "kill -9 at $trials moments: integrity ok, none or all of the rows"
none=0 all=0 partial=0 intact=0 journals=0 recovered=0 stale=0
for i in $(seq 1 "$trials"); do
	cp "$WORK/base.db" "$SMALOG_DB"
	rm -f "$SMALOG_DB-journal"
	# one moment in each of `trials` equal slices of the import's
	# progress, the last at its full size, the moment of its commit
	# ($RANDOM read here: a subshell would seed its own)
	r=$RANDOM
	share=$(awk -v i="$i" -v n="$trials" -v r="$r" \
		'BEGIN { x = (n > 1) ? (i - 1 + r / 32768) / (n - 1) : r / 32768; if (x > 1) x = 1; printf "%.3f", x }')
	${SMALOG_WRAPPER:-} "$SMALOG" import position "$WORK/position.csv" >/dev/null 2>"$WORK/killed.err" &
	pid=$!
	at "$pid" "$share"
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
		fail "trial $i (killed at $share): integrity_check: exit $status: $(head -c 300 "$WORK/out" "$WORK/err")"
	fi
	if [ "$hot" = 1 ] && [ -e "$SMALOG_DB-journal" ]; then
		fail "trial $i: the hot journal is still there after the next open"
	elif [ "$hot" = 1 ]; then
		recovered=$((recovered + 1))
	fi
	[ "$(sqlite3 "$SMALOG_DB" 'PRAGMA integrity_check')" = ok ] || fail "trial $i: sqlite3 finds the file damaged"
	# the change log's chain holds whatever moment the kill came at
	run check --csv
	[ "$status" = 0 ] || fail "trial $i (killed at $share): check: exit $status: $(head -c 300 "$WORK/out" "$WORK/err")"
	state
	if [ "$state" = "$none_state" ]; then
		none=$((none + 1))
	elif [ "$state" = "$all_state" ]; then
		all=$((all + 1))
	else
		partial=$((partial + 1))
		fail "trial $i (killed at $share, exit $code): rows, log, indexes, changes = $state; expected $none_state or $all_state"
	fi
done
echo "crash: kill -9 trials: $trials, integrity ok $intact, all-or-none $((none + all)) (none $none, all $all, partial $partial), hot journals rolled back by a reader $recovered of $journals, journals never made hot $stale"
[ "$intact" = "$trials" ] || fail "integrity ok in $intact of $trials trials"
[ "$journals" -gt 0 ] || fail "no kill left a hot journal: the kills missed the import"
done_

case_ "a hot journal that the reader may not roll back: exit 77, a clear message, nothing touched"
if [ "$(id -u)" != 0 ] || ! command -v runuser >/dev/null || ! runuser -u nobody -- test -x "$SMALOG"; then
	echo "crash: skipped the read-only case: needs root, runuser and a smalog that nobody can run"
else
	# kill an import half-way: it has written to the file, so its journal is hot
	cp "$WORK/base.db" "$SMALOG_DB"
	rm -f "$SMALOG_DB-journal"
	${SMALOG_WRAPPER:-} "$SMALOG" import position "$WORK/position.csv" >/dev/null 2>&1 &
	pid=$!
	at "$pid" 0.5
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ -s "$SMALOG_DB-journal" ] && [ "$(head -c 1 "$SMALOG_DB-journal" | od -An -tu1 | tr -d ' ')" != 0 ] ||
		fail "a kill half-way left no hot journal"
	shared=$(mktemp -d /tmp/smalog-crash.XXXXXX)
	chmod 755 "$shared"
	cp "$SMALOG_DB" "$SMALOG_DB-journal" "$shared/"
	chmod 644 "$shared"/*
	ro="$shared/$(basename "$SMALOG_DB")"
	cp "$ro" "$WORK/ro.before"
	runuser -u nobody -- ${SMALOG_WRAPPER:-} "$SMALOG" --db "$ro" list position --csv >"$WORK/out" 2>"$WORK/err"
	status=$?
	expect_status 77
	expect_err "smalog: opening the database: '$ro' holds a change left unfinished by a process that stopped; it needs write access once to roll it back (from '$ro-journal')"
	cmp -s "$ro" "$WORK/ro.before" || fail "the database changed"
	[ -s "$ro-journal" ] || fail "the journal is gone"
	# whoever may write rolls it back on the next open, a reader included
	${SMALOG_WRAPPER:-} "$SMALOG" --db "$ro" list position --csv >"$WORK/out" 2>"$WORK/err"
	status=$?
	expect_status 0
	[ "$(wc -l <"$WORK/out")" = 1 ] || fail "after the rollback: $(wc -l <"$WORK/out") lines"
	[ -e "$ro-journal" ] && fail "the journal is still there"
	rm -rf "$shared"
	[ "$current_failed" = 0 ] &&
		echo "crash: a hot journal beside a file nobody may write: exit 77 and the file untouched; the owner's next read rolled it back"
fi
done_

case_ "Ctrl-C during an import: exit 130, one line, the file as it was"
# A signal that arrives once the import has committed ends smalog as it
# would any program (and the rows are in): that moment was missed, proves
# nothing, and is tried again, up to three times.
interrupted=0 missed=0
for share in 0 0.3 0.6; do
	for attempt in 1 2 3; do
		cp "$WORK/base.db" "$SMALOG_DB"
		rm -f "$SMALOG_DB-journal"
		snapshot "$SMALOG_DB"
		# job control on: the import gets its own process group and SIGINT
		# as a terminal would deliver it (a script's background job ignores it)
		set -m
		${SMALOG_WRAPPER:-} "$SMALOG" import position "$WORK/position.csv" >"$WORK/out" 2>"$WORK/err" &
		pid=$!
		set +m
		# at its first write, and 30% and 60% of the way
		at "$pid" "$share"
		kill -INT "$pid"
		wait "$pid"
		status=$?
		if [ "$status" = 0 ] || { [ "$status" = 130 ] && ! grep -q '^smalog: ' "$WORK/err"; }; then
			# state runs smalog itself: keep what the import left
			import_status=$status
			cp "$WORK/err" "$WORK/import.err"
			state
			if [ "$state" = "$all_state" ] && [ ! -e "$SMALOG_DB-journal" ]; then
				missed=$((missed + 1))
				continue
			fi
			status=$import_status
			cp "$WORK/import.err" "$WORK/err"
		fi
		expect_status 130
		expect_err "smalog: interrupted; nothing was imported"
		expect_unchanged "$SMALOG_DB"
		[ -e "$SMALOG_DB-journal" ] && fail "a journal was left after Ctrl-C at $share"
		[ "$status" = 130 ] && interrupted=$((interrupted + 1))
		break
	done
done
echo "crash: Ctrl-C trials: 3 (at the import's first write, 30% and 60% of the way), exit 130 with one line and the file unchanged: $interrupted; signals that came after the commit, tried again: $missed"
[ "$interrupted" = 3 ] || fail "$interrupted of 3 Ctrl-C trials interrupted the import"
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
at "$pid" 0
sleep 0.2
kill -INT "$pid"
wait "$pid"
status=$?
expect_status 130
expect_err "smalog: interrupted; nothing was imported"
expect_unchanged "$SMALOG_DB"
done_

finish

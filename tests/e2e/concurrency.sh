#!/usr/bin/env bash
# concurrency.sh - many writers at once on one database: every add lands,
# none fails, none reports "database is locked".
. "$(dirname "$0")/lib.sh"

writers=${WRITERS:-8}
per_writer=${PER_WRITER:-250}

run init
"$SMALOG" add agreement --code SMA-11 --parties KR,US >/dev/null

case_ "$writers writers x $per_writer adds at the same moment"
start=$(date +%s.%N)
for w in $(seq 1 "$writers"); do
	(
		for i in $(seq 1 "$per_writer"); do
			${SMALOG_WRAPPER:-} "$SMALOG" add position --agreement SMA-11 --date 2020-04-01 --party KR --kind offer \
				--amount "$w$i" --notes "writer $w row $i" >/dev/null 2>>"$WORK/errors.$w" ||
				echo "exit $?" >>"$WORK/errors.$w"
		done
	) &
done
wait
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
errors=$(cat "$WORK"/errors.* 2>/dev/null | wc -l)
rows=$("$SMALOG" list position --csv | tail -n +2 | wc -l)
want=$((writers * per_writer))
echo "concurrency: $writers writers, $rows of $want rows, $errors failures, ${elapsed}s"
[ "$rows" = "$want" ] || fail "$rows rows, expected $want"
[ "$errors" = 0 ] || fail "$errors failures: $(cat "$WORK"/errors.* | sort | uniq -c | head -5)"
grep -qi "locked" "$WORK"/errors.* 2>/dev/null && fail "a writer saw 'database is locked'"
run check
expect_status 0
done_

finish

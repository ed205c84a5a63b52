#!/usr/bin/env bash
# damage.sh - corrupt, truncated and locked databases: clear refusals, never
# a crash, and `smalog check` says what is wrong.
. "$(dirname "$0")/lib.sh"

run init --example
cp "$SMALOG_DB" "$WORK/good.db"
page_of() { sqlite3 "$WORK/good.db" "SELECT rootpage FROM sqlite_schema WHERE name = '$1'"; }

case_ "a corrupted table page is reported as corruption"
cp "$WORK/good.db" "$SMALOG_DB"
page=$(page_of position)
# overwrite the b-tree page header of the position table with nonsense
printf '\015\377\377\377\377\377\377\377' | dd of="$SMALOG_DB" bs=1 seek=$(((page - 1) * 4096)) conv=notrunc status=none
refused 65 "database '$SMALOG_DB' is corrupt (database disk image is malformed); run 'smalog check'" list position
snapshot "$SMALOG_DB"
run check
expect_status 65
expect_err "smalog: 2 problems found in '$SMALOG_DB'"
grep -q "Page $page: btreeInitPage() returns error code 11" out || fail "check did not name the page: $(cat out)"
expect_unchanged "$SMALOG_DB"
done_

case_ "a truncated file is reported, not a crash"
head -c 8192 "$WORK/good.db" > "$SMALOG_DB"
run list position
[ "$status" = 65 ] || fail "exit $status, expected 65"
expect_err_contains "is corrupt"
done_

case_ "rows changed behind smalog's back are caught by check"
cp "$WORK/good.db" "$SMALOG_DB"
sqlite3 "$SMALOG_DB" "UPDATE position SET date = '2021-02-30' WHERE id = 1; UPDATE round SET \"end\" = '2019-01-01' WHERE seq = 2; UPDATE position SET source = 'nosuch' WHERE id = 2"
run check --csv
expect_status 65
expect_err "smalog: 3 problems found in '$SMALOG_DB'"
expect_out <<'OUT'
kind,id,problem
round,2,end 2019-01-01 is before start 2019-10-23
position,2,no source 'nosuch' (add it first: smalog add source --key nosuch --outlet ...)
position,1,invalid date '2021-02-30' (February 2021 has 28 days)
OUT
done_

case_ "a database locked by another program: busy, exit 75"
cp "$WORK/good.db" "$SMALOG_DB"
# hold an exclusive lock longer than smalog's busy timeout
sqlite3 "$SMALOG_DB" "BEGIN EXCLUSIVE; INSERT INTO rate (date, currency, per_usd_e4) VALUES ('2001', 'JPY', 1);" \
	".shell touch '$WORK/locked'" ".shell sleep 13" "COMMIT;" >"$WORK/locker.log" 2>&1 &
for _ in $(seq 50); do [ -e "$WORK/locked" ] && break; sleep 0.1; done
[ -e "$WORK/locked" ] || fail "the locking program did not start: $(cat "$WORK/locker.log")"
snapshot "$SMALOG_DB"
start=$(date +%s)
# a reader and a writer at once: both wait the busy timeout, then give up
${SMALOG_WRAPPER:-} "$SMALOG" list rate --csv >"$WORK/reader.out" 2>"$WORK/reader.err" &
reader=$!
run add rate --date 2020 --currency KRW --per-usd 1200
expect_status 75
expect_err "smalog: database '$SMALOG_DB' is busy (another process is writing to it); try again"
[ $(($(date +%s) - start)) -ge 5 ] || fail "gave up before the 5 s busy timeout"
wait "$reader"
[ $? = 75 ] || fail "the reader exited $?, expected 75"
[ -s "$WORK/reader.out" ] && fail "the reader printed rows: $(cat "$WORK/reader.out")"
grep -qx "smalog: database '$SMALOG_DB' is busy (another process is writing to it); try again" "$WORK/reader.err" ||
	fail "reader said: $(cat "$WORK/reader.err")"
wait
done_

finish

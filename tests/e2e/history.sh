#!/usr/bin/env bash
# history.sh - the change log: log in words and in every format, show
# --history, undo and undo of an undo, refusals naming the records, --as-of
# byte for byte, writes outside smalog, and the hash chain that check verifies.
. "$(dirname "$0")/lib.sh"

export SMALOG_USER=alice

# times written as their pattern, as wide, so that output compares exactly
untime() {
	sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z/YYYY-MM-DDTHH:MM:SS.mmmZ/g' "$WORK/out" >"$WORK/out.t"
	mv "$WORK/out.t" "$WORK/out"
}

# hand_edited SQL GROUP: SQL, run on the database behind smalog's back,
# makes check find change group GROUP no longer matching its hash (exit
# 65, the one problem named); the database is then put back as it was.
hand_edited() {
	cp "$SMALOG_DB" "$WORK/hand.kept"
	sqlite3 "$SMALOG_DB" "$1"
	run check --csv
	expect_status 65
	expect_out <<OUT
kind,id,problem
history,$2,change group $2 does not match its hash (edited by hand)
OUT
	cp "$WORK/hand.kept" "$SMALOG_DB"
}

# a moment between two commands, as the log writes times
moment() {
	sleep 0.02
	date -u +%Y-%m-%dT%H:%M:%S.%3NZ
	sleep 0.02
}

case_ "add, edit and delete are three groups, each change in words"
run init
run add agreement --code SMA-11 --baseline 1.0389T
run add position --agreement SMA-11 --date 2020-03 --party KR --kind offer --pct 13
run edit position 1 --pct 13.9 -m "the Yonhap figure"
run delete position 1
expect_status 0
run log
expect_status 0; untime
expect_out <<'OUT'
group  time                      who    command                                                                                 message            added  changed  removed  change
-----  ------------------------  -----  --------------------------------------------------------------------------------------  -----------------  -----  -------  -------  -----------------------------
    4  YYYY-MM-DDTHH:MM:SS.mmmZ  alice  smalog delete position 1                                                                                       0        0        1  position 1: removed
    3  YYYY-MM-DDTHH:MM:SS.mmmZ  alice  smalog edit position 1 --pct 13.9 -m 'the Yonhap figure'                                the Yonhap figure      0        1        0  position 1: pct 13.00 → 13.90
    2  YYYY-MM-DDTHH:MM:SS.mmmZ  alice  smalog add position --agreement SMA-11 --date 2020-03 --party KR --kind offer --pct 13                         1        0        0  position 1: added
    1  YYYY-MM-DDTHH:MM:SS.mmmZ  alice  smalog add agreement --code SMA-11 --baseline 1.0389T                                                          1        0        0  agreement 1: added
OUT
done_

case_ "show --history tells a record's life, oldest first, after it is gone"
run show position 1 --history --csv
expect_status 0; untime
expect_out <<'OUT'
group,time,who,command,message,change
2,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog add position --agreement SMA-11 --date 2020-03 --party KR --kind offer --pct 13,,position 1: added
3,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog edit position 1 --pct 13.9 -m 'the Yonhap figure',the Yonhap figure,position 1: pct 13.00 → 13.90
4,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog delete position 1,,position 1: removed
OUT
done_

case_ "log in every output format"
run log -n 1 --format tsv
untime
expect_out <<'OUT'
group	time	who	command	message	added	changed	removed	change
4	YYYY-MM-DDTHH:MM:SS.mmmZ	alice	smalog delete position 1		0	0	1	position 1: removed
OUT
run log -n 1 --json
untime
expect_out <<'OUT'
[
{"group":4,"time":"YYYY-MM-DDTHH:MM:SS.mmmZ","who":"alice","command":"smalog delete position 1","message":null,"added":0,"changed":0,"removed":1,"change":"position 1: removed"}
]
OUT
run log -n 1 --jsonl
untime
expect_out <<'OUT'
{"group":4,"time":"YYYY-MM-DDTHH:MM:SS.mmmZ","who":"alice","command":"smalog delete position 1","message":null,"added":0,"changed":0,"removed":1,"change":"position 1: removed"}
OUT
run log -n 1 --md
untime
expect_out <<'OUT'
| group | time                     | who   | command                  | message | added | changed | removed | change              |
| ----: | ------------------------ | ----- | ------------------------ | ------- | ----: | ------: | ------: | ------------------- |
|     4 | YYYY-MM-DDTHH:MM:SS.mmmZ | alice | smalog delete position 1 |         |     0 |       0 |       1 | position 1: removed |
OUT
run log -n 1 --xlsx -o "$WORK/log.xlsx"
expect_status 0
[ -s "$WORK/log.xlsx" ] || fail "no workbook written"
run log --kind agreement --csv
untime
expect_out <<'OUT'
group,time,who,command,message,added,changed,removed,change
1,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog add agreement --code SMA-11 --baseline 1.0389T,,1,0,0,agreement 1: added
OUT
run log --since 2999-01-01 --csv
expect_out <<'OUT'
group,time,who,command,message,added,changed,removed,change
OUT
done_

case_ "undo three times restores the state before the add"
run undo --dry-run
expect_status 0
expect_out <<'OUT'
position 1: added
OUT
run undo
expect_status 0; expect_out <<<"undid group 4"
run show position 1
expect_status 0
# the record comes back with the uid it had, not a new one
[ "$(sqlite3 "$SMALOG_DB" "SELECT count(*) FROM position JOIN change ON change.tbl = 'position' AND change.row_id = position.id AND change.op = 'D' AND json_extract(change.before, '\$.uid') = position.uid")" = 1 ] ||
	fail "undo of the delete gave position 1 another uid"
run undo
expect_out <<<"undid group 3"
run undo
expect_out <<<"undid group 2"
run list position --csv
expect_out <<'OUT'
id,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
OUT
run log -n 3 --csv
untime
expect_out <<'OUT'
group,time,who,command,message,added,changed,removed,change
7,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog undo,,0,0,1,position 1: removed
6,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog undo,,0,1,0,position 1: pct 13.90 → 13.00
5,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog undo,,1,0,0,position 1: added
OUT
done_

case_ "undo of an undo brings back what it reversed, in turn"
run undo 7
expect_out <<<"undid group 7"
run undo 6
expect_out <<<"undid group 6"
run list position --csv
expect_out <<'OUT'
id,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
1,SMA-11,,2020-03,KR,offer,,,13.9,,reported,,,
OUT
run undo 5
expect_out <<<"undid group 5"
run list position --csv
expect_out <<'OUT'
id,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
OUT
run check
expect_status 0
done_

case_ "undo refused: undone already, a later group on the same rows, no such group"
refused 65 "group 5 is undone already, by group 10 ('smalog undo 10' brings it back)" undo 5
refused 65 "cannot undo group 2: later groups changed position 1 (group 3); undo those first" undo 2
refused 65 "no change group 99 (see 'smalog log')" undo 99
refused 64 "'x1' is not a change group number (see 'smalog log')" undo x1
refused 64 "'0' is not a change group number (see 'smalog log')" undo 0
refused 64 "option '-m' needs a message" undo -m ""
done_

case_ "a dry run changes nothing"
snapshot "$SMALOG_DB"
run undo 4 --dry-run
expect_status 0
expect_out <<<"position 1: added"
expect_unchanged "$SMALOG_DB"
done_

case_ "-m on every writing command, and only there"
for c in init add edit delete import undo; do
	run "$c" --help
	grep -q -- "^  -m TEXT " "$WORK/out" || fail "$c --help lacks -m"
done
for c in list show export timeline delta summary query chart; do
	run "$c" --help
	grep -q -- "^  --as-of WHEN " "$WORK/out" || fail "$c --help lacks --as-of"
done
refused 64 "unknown option '-m' for 'smalog list' (see 'smalog list --help')" list position -m x
refused 64 "unknown option '--as-of' for 'smalog log' (see 'smalog log --help')" log --as-of 2020-01-01
done_

case_ "who is the login name without \$SMALOG_USER"
SMALOG_USER= run add source --key yna --outlet Yonhap
run log -n 1 --csv
untime
expect_out <<OUT
group,time,who,command,message,added,changed,removed,change
11,YYYY-MM-DDTHH:MM:SS.mmmZ,$(id -un),smalog add source --key yna --outlet Yonhap,,1,0,0,source 1: added
OUT
done_

case_ "log refuses what it cannot read"
refused 64 "-n: '0' is not a number of groups (1 or more)" log -n 0
refused 64 "--since: '2020-13-01' is not a moment: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]][Z], in UTC" log --since 2020-13-01
refused 64 "--kind: unknown kind 'positions!'" log --kind 'positions!'
refused 64 "--as-of: 'yesterday' is not a moment: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]][Z], in UTC" list position --as-of yesterday
refused 65 "no position 42 in the change log" show position 42 --history
done_

case_ "a write in the sqlite3 shell is a group 'outside smalog'"
sqlite3 "$SMALOG_DB" "UPDATE source SET title = 'Seoul' WHERE id = 1"
run log -n 1 --csv
expect_out <<'OUT'
group,time,who,command,message,added,changed,removed,change
12,,outside smalog,,,,,,source 1: title (none) → Seoul
OUT
run check
expect_status 0
run add source --key kh --outlet "Korea Herald"
run log -n 2 --csv
untime
expect_out <<'OUT'
group,time,who,command,message,added,changed,removed,change
13,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog add source --key kh --outlet 'Korea Herald',,1,0,0,source 2: added
12,YYYY-MM-DDTHH:MM:SS.mmmZ,outside smalog,,,0,1,0,source 1: title (none) → Seoul
OUT
run undo 12
expect_out <<<"undid group 12"
run show source 1 --csv
grep -q '^title,$' "$WORK/out" || fail "the title is not undone: $(cat "$WORK/out")"
done_

case_ "a change group edited or removed by hand makes check exit 65 naming it"
cp "$SMALOG_DB" "$WORK/kept.db"
sqlite3 "$SMALOG_DB" "UPDATE change SET before = replace(before, 'Yonhap', 'Reuters') WHERE grp = 12"
run check
expect_status 65
expect_out <<'OUT'
kind     id  problem
-------  --  --------------------------------------------------------
history  12  change group 12 does not match its hash (edited by hand)
OUT
expect_err "smalog: 1 problem found in '$SMALOG_DB'"
cp "$WORK/kept.db" "$SMALOG_DB"
hand_edited "UPDATE change_group SET who = 'mallory' WHERE id = 3" 3
sqlite3 "$SMALOG_DB" "DELETE FROM change_group WHERE id = (SELECT max(id) FROM change_group WHERE hash IS NOT NULL)"
run check --csv
expect_status 65
expect_out <<'OUT'
kind,id,problem
history,14,change group 14 is missing (removed by hand)
OUT
cp "$WORK/kept.db" "$SMALOG_DB"
run check
expect_status 0
done_

case_ "an import of 10,000 rows is one group; undo removes them and the file passes check"
awk 'BEGIN { print "agreement,date,party,kind,amount,currency"; for (i = 1; i <= 10000; i++) printf "SMA-11,2020-%02d,KR,offer,%d,KRW\n", i % 12 + 1, i * 1000 }' >"$WORK/p.csv"
run import position "$WORK/p.csv" -m "ten thousand"
expect_status 0
run log -n 1 --csv
untime
head -2 "$WORK/out" >"$WORK/out.h"; mv "$WORK/out.h" "$WORK/out"
expect_out <<OUT
group,time,who,command,message,added,changed,removed,change
15,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog import position $WORK/p.csv -m 'ten thousand',ten thousand,10000,0,0,position 2: added
OUT
run query "SELECT count(*) FROM position" --csv
expect_out <<<$'count(*)\n10000'
run undo
expect_out <<<"undid group 15"
run query "SELECT count(*) FROM position" --csv
expect_out <<<$'count(*)\n0'
run check
expect_status 0
done_

case_ "undo of an import is refused, naming the record, once a later edit touched one of its rows"
run import position "$WORK/p.csv" --again
run edit position 15000 --amount 1
refused 65 "cannot undo group 17: later groups changed position 15000 (group 18); undo those first" undo 17
done_

case_ "--as-of T shows timeline and export --all as they were at T, byte for byte"
run timeline
cp "$WORK/out" "$WORK/timeline.at"
mkdir "$WORK/at"
run export --all "$WORK/at"
T=$(moment)
run edit position 15001 --amount 2 --notes later
run add agreement --code SMA-12
run add position --agreement SMA-12 --date 2021-01 --party US --kind demand --amount 5
run delete position 15002
run timeline --as-of "$T"
expect_status 0
cmp -s "$WORK/out" "$WORK/timeline.at" || fail "timeline --as-of differs from the timeline at that moment"
run timeline
cmp -s "$WORK/out" "$WORK/timeline.at" && fail "the timeline did not change since"
mkdir "$WORK/then"
run export --all "$WORK/then" --as-of "$T"
expect_status 0
diff -r "$WORK/at" "$WORK/then" >/dev/null || fail "export --all --as-of differs from the export at that moment"
run list agreement --as-of 2000-01-01 --csv
expect_out <<'OUT'
id,code,title,parties,currency,total,baseline,previous,start_year,end_year,signed,source,notes
OUT
done_

case_ "a file from before the change log: the records it holds are the first group"
run --db "$WORK/old.db" init --example
sqlite3 "$WORK/old.db" "SELECT 'DROP TRIGGER \"' || name || '\";' FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'history\_%' ESCAPE '\'" >"$WORK/drop.sql"
# the version before the change log's migration (0009_history.sql)
printf '%s\n' "DROP TABLE change_group; DROP TABLE change; PRAGMA user_version = 8;" >>"$WORK/drop.sql"
sqlite3 "$WORK/old.db" <"$WORK/drop.sql"
run --db "$WORK/old.db" log --csv
expect_status 0; untime
head -2 "$WORK/out" >"$WORK/out.h"; mv "$WORK/out.h" "$WORK/out"
expect_out <<'OUT'
group,time,who,command,message,added,changed,removed,change
1,YYYY-MM-DDTHH:MM:SS.mmmZ,smalog,smalog upgrade,the records the file held when its change log began,60,0,0,agreement 1: added
OUT
run --db "$WORK/old.db" check
expect_status 0
expect_err "ok: 60 records checked, no problems"
done_

case_ "undo of an import forgets the file: it imports again without --again, and the undo's undo remembers it"
export SMALOG_DB="$WORK/imports.db"
run init
run add agreement --code SMA-11
printf 'agreement,date,party,kind,amount,currency\nSMA-11,2020-01,KR,offer,1,KRW\nSMA-11,2020-02,KR,offer,2,KRW\nSMA-11,2020-03,US,demand,5,USD\n' >"$WORK/q.csv"
run import position "$WORK/q.csv"
expect_status 0
run undo --dry-run
expect_out <<OUT
import_log 1: removed (position, '$WORK/q.csv')
position 3: removed
position 2: removed
position 1: removed
OUT
run undo
expect_out <<<"undid group 2"
run import position "$WORK/q.csv"
expect_status 0
expect_err "imported 3 positions"
run query "SELECT count(*) FROM position" --csv
expect_out <<<$'count(*)\n3'
# the import log's rows are logged, and not counted as records
run log -n 3 --csv
untime
expect_out <<OUT
group,time,who,command,message,added,changed,removed,change
4,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog import position $WORK/q.csv,,3,0,0,position 4: added
4,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog import position $WORK/q.csv,,3,0,0,position 5: added
4,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog import position $WORK/q.csv,,3,0,0,position 6: added
4,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog import position $WORK/q.csv,,3,0,0,"import_log 1: added (position, '$WORK/q.csv')"
3,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog undo,,0,0,3,"import_log 1: removed (position, '$WORK/q.csv')"
3,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog undo,,0,0,3,position 3: removed
3,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog undo,,0,0,3,position 2: removed
3,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog undo,,0,0,3,position 1: removed
2,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog import position $WORK/q.csv,,3,0,0,position 1: added
2,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog import position $WORK/q.csv,,3,0,0,position 2: added
2,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog import position $WORK/q.csv,,3,0,0,position 3: added
2,YYYY-MM-DDTHH:MM:SS.mmmZ,alice,smalog import position $WORK/q.csv,,3,0,0,"import_log 1: added (position, '$WORK/q.csv')"
OUT
run check
expect_status 0
expect_err "ok: 4 records checked, no problems"
# the import log's changes are in the chain: one altered by hand shows
hand_edited "UPDATE change SET before = replace(before, 'q.csv', 'r.csv') WHERE tbl = 'import_log' AND op = 'D'" 3
done_

case_ "undo of the undo of an import brings the file's guard back with its records"
run undo
expect_out <<<"undid group 4"
run undo 3
expect_out <<<"undid group 3"
run list position --csv
expect_out <<'OUT'
id,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
1,SMA-11,,2020-01,KR,offer,1,KRW,,,reported,,,
2,SMA-11,,2020-02,KR,offer,2,KRW,,,reported,,,
3,SMA-11,,2020-03,US,demand,5,USD,,,reported,,,
OUT
at=$(sqlite3 "$SMALOG_DB" "SELECT imported_at FROM import_log")
refused 65 "$WORK/q.csv: the same content was imported on $at (from '$WORK/q.csv', 3 positions); use --again to import it again" import position "$WORK/q.csv"
run check
expect_status 0
expect_err "ok: 4 records checked, no problems"
done_

finish

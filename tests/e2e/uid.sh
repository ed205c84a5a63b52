#!/usr/bin/env bash
# uid.sh - every record has a uid: random, permanent, set when it is created
# (by smalog or by another tool), shown by show, first in every export, kept
# by import and edit, never edited; a malformed or taken uid is refused.
. "$(dirname "$0")/lib.sh"
UUID='^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'

case_ "add gives a record a new random uid, which show shows and edit keeps"
run init
expect_status 0
"$SMALOG" add source --key yna --outlet Yonhap >/dev/null
"$SMALOG" add source --key cnn --outlet CNN >/dev/null
"$SMALOG" add agreement --code SMA-11 --parties KR,US >/dev/null
run show source yna --csv
expect_status 0
uid_yna=$(sed -n 's/^uid,//p' "$WORK/out")
[[ $uid_yna =~ $UUID ]] || fail "not a version 4 UUID: '$uid_yna'"
[ "$(sed -n 2,3p "$WORK/out" | cut -d, -f1 | tr '\n' ' ')" = "id uid " ] || fail "show: $(head -3 "$WORK/out")"
uid_cnn=$(sqlite3 "$SMALOG_DB" "SELECT uid FROM source WHERE key = 'cnn'")
[ "$uid_yna" != "$uid_cnn" ] || fail "two records share the uid $uid_yna"
run edit source yna --outlet 'Yonhap News' --title 'a title'
expect_status 0
[ "$(sqlite3 "$SMALOG_DB" "SELECT uid FROM source WHERE key = 'yna'")" = "$uid_yna" ] || fail "edit changed the uid"
done_

case_ "a uid is never set or changed by add or edit"
msg="a uid cannot be set or changed: it is given when the record is created and kept for good"
refused 64 "$msg" edit source yna --uid 11111111-1111-4111-8111-111111111111
refused 64 "$msg" edit source yna --uid=
refused 64 "$msg" add source --key x --outlet X --uid 11111111-1111-4111-8111-111111111111
done_

case_ "a row inserted by another tool gets a uid; one cannot be removed"
sqlite3 "$SMALOG_DB" "INSERT INTO source (key, outlet) VALUES ('shell', 'sqlite3')" || fail "insert"
[[ $(sqlite3 "$SMALOG_DB" "SELECT uid FROM source WHERE key = 'shell'") =~ $UUID ]] || fail "no uid for a row from the shell"
snapshot "$SMALOG_DB"
err=$(sqlite3 "$SMALOG_DB" "UPDATE source SET uid = NULL WHERE key = 'shell'" 2>&1) && fail "a uid was removed"
[[ $err == *"a uid is permanent: it cannot be removed"* ]] || fail "removing a uid: $err"
err=$(sqlite3 "$SMALOG_DB" "UPDATE source SET uid = 'not-a-uid' WHERE key = 'shell'" 2>&1) && fail "a malformed uid was stored"
err=$(sqlite3 "$SMALOG_DB" "UPDATE source SET uid = '$uid_yna' WHERE key = 'shell'" 2>&1) && fail "a uid was stored twice"
[[ $err == *"UNIQUE constraint failed: source.uid"* ]] || fail "a taken uid: $err"
expect_unchanged "$SMALOG_DB"
run check
expect_status 0
done_

case_ "export writes the uid first; import keeps it, or gives a new one when absent"
run export source
expect_status 0
head -1 "$WORK/out" | grep -qx 'uid,key,outlet,title,url,published,notes' || fail "header: $(head -1 "$WORK/out")"
grep -qx "$uid_yna,yna,Yonhap News,a title,,," "$WORK/out" || fail "export: $(cat "$WORK/out")"
cp "$WORK/out" sources.csv
"$SMALOG" export agreement >agreements.csv
export SMALOG_DB="$WORK/second.db"
run init
run import source sources.csv
expect_status 0
expect_err "imported 3 sources"
[ "$(sqlite3 "$SMALOG_DB" "SELECT uid FROM source WHERE key = 'yna'")" = "$uid_yna" ] || fail "import did not keep the uid"
"$SMALOG" export source | cmp -s - sources.csv || fail "export after import differs"
# no uid column, or an empty uid: a new one; upper case is taken as the same uid
printf 'key,outlet\nkh,Korea Herald\n' >no-uid.csv
printf 'uid,key,outlet\n,ap,AP\nABCDEF01-2345-4678-9ABC-DEF012345678,afp,AFP\n' >some-uid.csv
run import source no-uid.csv
expect_status 0
run import source some-uid.csv
expect_status 0
[[ $(sqlite3 "$SMALOG_DB" "SELECT uid FROM source WHERE key = 'kh'") =~ $UUID ]] || fail "no uid for a row without one"
[[ $(sqlite3 "$SMALOG_DB" "SELECT uid FROM source WHERE key = 'ap'") =~ $UUID ]] || fail "no uid for an empty uid"
[ "$(sqlite3 "$SMALOG_DB" "SELECT uid FROM source WHERE key = 'afp'")" = abcdef01-2345-4678-9abc-def012345678 ] ||
	fail "an upper-case uid was not kept in lower case"
done_

case_ "refused: a malformed uid, a uid a record holds, a uid twice in the file"
printf 'uid,key,outlet\n11111111-1111-4111-8111-111111111111,a,A\nnot-a-uid,b,B\n' >bad.csv
refused 65 "bad.csv:3: column 'uid': invalid uid 'not-a-uid' (expected a UUID: 32 hexadecimal digits as 8-4-4-4-12, as 'smalog export' writes it)" \
	import source bad.csv
printf 'uid,key,outlet\n11111111-1111-4111-8111-11111111111g,a,A\n' >bad2.csv
refused 65 "bad2.csv:2: column 'uid': invalid uid '11111111-1111-4111-8111-11111111111g' (expected a UUID: 32 hexadecimal digits as 8-4-4-4-12, as 'smalog export' writes it)" \
	import source bad2.csv
printf 'uid,key,outlet\n%s,other,Other\n' "$uid_yna" >taken.csv
yna_id=$(sqlite3 "$SMALOG_DB" "SELECT id FROM source WHERE key = 'yna'")
refused 65 "taken.csv:2: column 'uid': uid $uid_yna already names source $yna_id" import source taken.csv
printf 'uid,key,outlet\n22222222-2222-4222-8222-222222222222,p,P\n"multi\nline",q,Q\n22222222-2222-4222-8222-222222222222,r,R\n' >twice.csv
refused 65 "twice.csv:3: column 'uid': invalid uid 'multi?line' (expected a UUID: 32 hexadecimal digits as 8-4-4-4-12, as 'smalog export' writes it)" \
	import source twice.csv
printf 'uid,key,outlet\n22222222-2222-4222-8222-222222222222,p,P\n,q,Q\n22222222-2222-4222-8222-222222222222,r,R\n' >twice.csv
refused 65 "twice.csv:4: column 'uid': uid 22222222-2222-4222-8222-222222222222 is on line 2 too (a uid names one record)" \
	import source twice.csv
printf 'uid,key,uid,outlet\n' >header.csv
refused 65 "header.csv:1: column 'uid': appears twice in the header (columns 1 and 3)" import source header.csv
done_

case_ "a row recorded again with --again is a new record, with a new uid"
printf 'uid,key,outlet\n%s,yna2,Yonhap\n' "$uid_yna" >again.csv
run import source again.csv --again
expect_status 0
[ "$(sqlite3 "$SMALOG_DB" "SELECT count(DISTINCT uid) FROM source WHERE key IN ('yna', 'yna2')")" = 2 ] ||
	fail "--again shared a uid"
done_

case_ "an older file gets a uid for every record when it is upgraded"
export SMALOG_DB="$WORK/old.db"
sqlite3 "$SMALOG_DB" <"$SOURCE_ROOT/tests/data/schema-v1.sql" || fail "cannot build the version-1 file"
run list source
expect_status 0
[ "$(sqlite3 "$SMALOG_DB" "SELECT count(*) FROM source WHERE uid IS NOT NULL")" = 3 ] || fail "sources without a uid"
[ "$(sqlite3 "$SMALOG_DB" "SELECT count(*) FROM position WHERE uid IS NOT NULL")" = 4 ] || fail "positions without a uid"
[ "$(sqlite3 "$SMALOG_DB" "SELECT count(DISTINCT uid) FROM round")" = 8 ] || fail "rounds share uids"
done_

case_ "an import that brings uids logs each record once, as added: its uid is no change of its own"
export SMALOG_DB="$WORK/logged.db"
run init
run import source sources.csv
expect_status 0
run log -n 1 --csv
# the group, and what it did (its time and who vary)
head -2 "$WORK/out" | cut -d, -f1,4- >"$WORK/out.h"; mv "$WORK/out.h" "$WORK/out"
expect_out <<OUT
group,command,message,added,changed,removed,change
1,smalog import source sources.csv,,3,0,0,source 1: added
OUT
[ "$(sqlite3 "$SMALOG_DB" "SELECT group_concat(op, '') FROM change WHERE tbl = 'source'")" = III ] ||
	fail "changes logged: $(sqlite3 "$SMALOG_DB" "SELECT op, row_id FROM change WHERE tbl = 'source'")"
done_

finish

#!/usr/bin/env bash
# identity.sh - records keep their ids for life, rates cite their sources, and a
# chain of `previous` agreements never closes into a cycle.
. "$(dirname "$0")/lib.sh"

case_ "ids are never reused: rates 1-3 deleted, the next rates are 4-6"
run init
expect_status 0
for d in 2019 2020 2021; do "$SMALOG" add rate --date $d --currency KRW --per-usd 1200 >/dev/null; done
for id in 1 2 3; do "$SMALOG" delete rate $id >/dev/null 2>&1 || fail "delete rate $id"; done
for want in 4 5 6; do
	run add rate --date 20$((want + 18)) --currency KRW --per-usd 1,100.5
	expect_status 0
	expect_out <<<"$want"
done
run list rate --csv
expect_out <<'OUT'
id,date,currency,per_usd,source,notes
4,2022,KRW,1100.5,,
5,2023,KRW,1100.5,,
6,2024,KRW,1100.5,,
OUT
done_

case_ "ids are never reused, for every kind"
"$SMALOG" add source --key a --outlet A >/dev/null
"$SMALOG" add agreement --code X-1 >/dev/null
"$SMALOG" add round --agreement X-1 --start 2020 >/dev/null
"$SMALOG" add position --agreement X-1 --date 2020 --party KR --kind offer --pct 1 >/dev/null
"$SMALOG" add outcome --agreement X-1 --date 2020 --kind stalled >/dev/null
"$SMALOG" add furlough --agreement X-1 --start 2020 --workers 1 >/dev/null
for kind in position outcome furlough round; do "$SMALOG" delete $kind 1 >/dev/null || fail "delete $kind 1"; done
"$SMALOG" delete agreement X-1 >/dev/null || fail "delete agreement"
"$SMALOG" delete source a >/dev/null || fail "delete source"
run add source --key b --outlet B
expect_out <<<"2"
run add agreement --code X-2
expect_out <<<"2"
run add round --agreement X-2 --start 2020
expect_out <<<"2"
run add position --agreement X-2 --date 2020 --party KR --kind offer --pct 1
expect_out <<<"2"
run add outcome --agreement X-2 --date 2020 --kind stalled
expect_out <<<"2"
run add furlough --agreement X-2 --start 2020 --workers 1
expect_out <<<"2"
done_

case_ "a rate cites its sources and keeps notes: add, list, show, edit, export, import"
run add rate --date 2021-02-22 --currency KRW --per-usd 1131.5 --source b --notes 'from "1.04 trillion won ($919.1 million)"'
expect_status 0
expect_out <<<"7"
run show rate 7
expect_status 0
grep -q '^source *b$' "$WORK/out" || fail "show lacks the source: $(cat "$WORK/out")"
grep -qF 'from "1.04 trillion won ($919.1 million)"' "$WORK/out" || fail "show lacks the notes: $(cat "$WORK/out")"
run edit rate 7 --notes 'as reported'
expect_status 0
run list rate --csv --to 2021
expect_out <<'OUT'
id,date,currency,per_usd,source,notes
7,2021-02-22,KRW,1131.5,b,as reported
OUT
run export rate
strip_uids
expect_out <<'OUT'
date,currency,per_usd,source,notes
2021-02-22,KRW,1131.5,b,as reported
2022,KRW,1100.5,,
2023,KRW,1100.5,,
2024,KRW,1100.5,,
OUT
printf 'date,currency,per_usd,source,notes\n2021-03-08,KRW,1121.2,b,"Yonhap, on the signing"\n' >rates.csv
run import rate rates.csv
expect_status 0
expect_err "imported 1 rate"
run list rate --csv --from 2021-03 --to 2021
expect_out <<'OUT'
id,date,currency,per_usd,source,notes
8,2021-03-08,KRW,1121.2,b,"Yonhap, on the signing"
OUT
# the source is now cited by a rate, so it stays
refused 65 "cannot delete source 'b': referenced by 2 rates; delete or change those first" delete source b
done_

case_ "a rate citing an unknown source is refused, by add, edit and import"
refused 65 "--source: no source 'nope' (add it first: smalog add source --key nope --outlet ...)" \
	add rate --date 2021 --currency USD --per-usd 1 --source nope
refused 65 "--source: no source 'nope' (add it first: smalog add source --key nope --outlet ...)" edit rate 7 --source nope
printf 'date,currency,per_usd,source\n2021-04,KRW,1100,nope\n' >bad.csv
refused 65 "bad.csv:2: column 'source': no source 'nope' (add it first: smalog add source --key nope --outlet ...)" import rate bad.csv
done_

case_ "a cycle of previous agreements is refused by edit, add and import, naming it"
SMALOG_DB=$WORK/cycle.db
run init
"$SMALOG" add agreement --code SMA-10 >/dev/null
"$SMALOG" add agreement --code SMA-11 --previous SMA-10 >/dev/null
"$SMALOG" add agreement --code SMA-12 --previous SMA-11 >/dev/null
refused 65 "--previous: SMA-10 → SMA-11 → SMA-10 would be a cycle" edit agreement SMA-10 --previous SMA-11
refused 65 "--previous: SMA-10 → SMA-12 → SMA-11 → SMA-10 would be a cycle" edit agreement SMA-10 --previous SMA-12
refused 65 "--previous: SMA-9 → SMA-11 → SMA-9 would be a cycle" edit agreement SMA-10 --code SMA-9 --previous SMA-11
refused 65 "--previous: SMA-11 → SMA-11 would be a cycle" edit agreement SMA-11 --previous SMA-11
refused 65 "--previous: SMA-13 → SMA-13 would be a cycle" add agreement --code SMA-13 --previous SMA-13
printf 'code,previous\nSMA-13,SMA-13\n' >self.csv
refused 65 "self.csv:2: column 'previous': SMA-13 → SMA-13 would be a cycle" import agreement self.csv
# a chain that does not come back is fine
run edit agreement SMA-10 --title 'Tenth'
expect_status 0
# a file whose SMA-12 names a missing SMA-13 (written with foreign keys off):
# adding or importing SMA-13 after SMA-12 would close the cycle
sqlite3 "$SMALOG_DB" "UPDATE agreement SET previous = 'SMA-13' WHERE code = 'SMA-10'"
refused 65 "--previous: SMA-13 → SMA-12 → SMA-11 → SMA-10 → SMA-13 would be a cycle" add agreement --code SMA-13 --previous SMA-12
printf 'code,previous\nSMA-13,SMA-12\n' >cycle.csv
refused 65 "cycle.csv:2: column 'previous': SMA-13 → SMA-12 → SMA-11 → SMA-10 → SMA-13 would be a cycle" import agreement cycle.csv
run add agreement --code SMA-13
expect_status 0
SMALOG_DB=$WORK/test.db
done_

finish

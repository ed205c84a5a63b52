#!/usr/bin/env bash
# csv.sh - import and export: every refusal (line, column, database unchanged), the byte-identical
# round trip of every kind, --dry-run, --again, --excel, the other formats and export --all; rows
# already recorded (refused, or skipped with --skip-existing); a long chain of previous agreements.
. "$(dirname "$0")/lib.sh"

POSITION_COLUMNS="agreement, round, date, party, kind, amount, currency, pct, years, confidence, terms, source, notes"
POSITION_HEADER="agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes"

case_ "set up: sources, agreements and a round by import"
run init
expect_status 0
printf 'key,outlet,title,url,published,notes\nyna,Yonhap,"S. Korea, U.S. reach deal",https://en.yna.co.kr/,2021-03-08,\ncnn,CNN,,,2021-02-17~,\n' >sources.csv
run import source sources.csv
expect_status 0
expect_err "imported 2 sources"
# SMA-11 names SMA-10, which comes earlier in the same file
printf 'code,parties,total,previous,start_year\nSMA-10,"KR,US",1.0389T,,2019\nSMA-11,"KR,US",,SMA-10,2020\n' >agreements.csv
run import agreements agreements.csv
expect_status 0
expect_err "imported 2 agreements"
printf 'agreement,seq,start\nSMA-11,1,2019-09-24\n' | "$SMALOG" import round - 2>"$WORK/err"
[ "$(cat "$WORK/err")" = "imported 1 round" ] || fail "stdin import: $(cat "$WORK/err")"
done_

case_ "columns in any order, a BOM, CRLF, blank lines, no newline at the end"
printf '\xef\xbb\xbfkind,party,date,agreement,pct,notes\r\noffer,KR,2019-09-24,SMA-11,+13%%,"첫 제안\n두 줄"\r\n\r\ndemand,us,2019-09-24,SMA-11,50,' >p1.csv
run import position p1.csv
expect_status 0
expect_err "imported 2 positions"
run export position
expect_status 0
strip_uids
expect_out <<'OUT'
agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
SMA-11,,2019-09-24,KR,offer,,,13,,reported,,,"첫 제안
두 줄"
SMA-11,,2019-09-24,US,demand,,,50,,reported,,,
OUT
done_

# The database file as it is now; every refusal below must leave it so.
good_header="agreement,round,date,party,kind,amount,pct,source,notes"

case_ "refused: header problems"
printf 'agreement,dat,party,kind,pct\n' >h.csv
refused 65 "h.csv:1: column 'dat': unknown column for a position (the columns are $POSITION_COLUMNS)" import position h.csv
printf 'agreement,Date,party,kind,pct\n' >h.csv
refused 65 "h.csv:1: column 'Date': unknown column for a position (did you mean 'date'?)" import position h.csv
printf 'agreement,date,party,kind,pct,date\n' >h.csv
refused 65 "h.csv:1: column 'date': appears twice in the header (columns 2 and 6)" import position h.csv
printf 'agreement,date,kind,pct\nSMA-11,2020,offer,1\n' >h.csv
refused 65 "h.csv:1: column 'party': missing from the header (a position requires it)" import position h.csv
printf 'agreement,date,,party,kind,pct\n' >h.csv
refused 65 "h.csv:1: column 3: no column name (the columns of a position are $POSITION_COLUMNS)" import position h.csv
: >h.csv
refused 65 "h.csv: no header line: the first line names the columns" import position h.csv
done_

case_ "refused: rows of the wrong width"
printf '%s\nSMA-11,,2020,KR,offer,,13,,\nSMA-11,,2020,KR,offer,,13\n' "$good_header" >w.csv
refused 65 "w.csv:3: row has 7 fields but the header has 9" import position w.csv
printf '%s\nSMA-11,,2020,KR,offer,,13,,"a\nb",extra\n' "$good_header" >w.csv
refused 65 "w.csv:2: row has 10 fields but the header has 9" import position w.csv
done_

case_ "refused: malformed CSV, naming the line"
printf '%s\nSMA-11,,2020,KR,offer,,13,,"fine\nstill fine"\nSMA-11,,2020,KR,offer,,13,,"never\nclosed\n' "$good_header" >q.csv
refused 65 "q.csv:4: column 'notes': the quote opened on this line is never closed" import position q.csv
printf '%s\nSMA-11,,2020,KR,offer,,13,,12" ruler\n' "$good_header" >q.csv
refused 65 "q.csv:2: column 'notes': a quote inside an unquoted field (quote the whole field and write the quote twice: \"\")" import position q.csv
printf '%s\nSMA-11,,2020,KR,offer,,13,,"quoted" then\n' "$good_header" >q.csv
refused 65 "q.csv:2: column 'notes': text after the closing quote (a quote inside a quoted field is written twice: \"\")" import position q.csv
printf '%s\nSMA-11,,2020,KR,offer,,13,,"a\nb\x00c"\n' "$good_header" >q.csv
refused 65 "q.csv:3: column 'notes': contains a NUL byte" import position q.csv
printf '%s\nSMA-11,,2020,KR,offer,,13,,caf\xe9\n' "$good_header" >q.csv
refused 65 "q.csv:2: column 'notes': not valid UTF-8 (byte 4)" import position q.csv
done_

case_ "refused: a bad value names its physical line and column"
printf '%s\nSMA-11,,2020-04,KR,offer,,13,,"two\nlines"\nSMA-11,,2020-02-30,US,demand,,50,,\n' "$good_header" >v.csv
refused 65 "v.csv:4: column 'date': invalid date '2020-02-30' (February 2020 has 29 days)" import position v.csv
printf '%s\nSMA-11,,2020,KR,offer,1.5,,,\n' "$good_header" >v.csv
refused 65 "v.csv:2: column 'amount': invalid amount '1.5' (not a whole number of units)" import position v.csv
printf '%s\nSMA-11,,2020,KR,bid,,13,,\n' "$good_header" >v.csv
refused 65 "v.csv:2: column 'kind': invalid kind 'bid' (expected offer or demand)" import position v.csv
printf '%s\nSMA-11,,2020,,offer,,13,,\n' "$good_header" >v.csv
refused 65 "v.csv:2: column 'party': party is required for a position" import position v.csv
printf '%s\nSMA-11,,2020,KR,offer,,,,\n' "$good_header" >v.csv
refused 65 "v.csv:2: column 'amount': a position needs an amount, a pct, or both" import position v.csv
printf 'agreement,start,end,workers\nSMA-11,2020-04-01,2020-03-31,4000\n' >v.csv
refused 65 "v.csv:2: column 'end': end 2020-03-31 is before start 2020-04-01" import furlough v.csv
done_

case_ "refused: broken references, earlier rows of the file not saved"
printf '%s\nSMA-11,,2020,KR,offer,,13,,\nSMA-99,,2020,KR,offer,,13,,\n' "$good_header" >r.csv
refused 65 "r.csv:3: column 'agreement': no agreement 'SMA-99' (add it first: smalog add agreement --code SMA-99)" import position r.csv
printf '%s\nSMA-11,7,2020,KR,offer,,13,,\n' "$good_header" >r.csv
refused 65 "r.csv:2: column 'round': no round 7 in agreement 'SMA-11'" import position r.csv
printf '%s\nSMA-11,,2020,JP,offer,,13,,\n' "$good_header" >r.csv
refused 65 "r.csv:2: column 'party': party JP is not a party to SMA-11 (KR,US)" import position r.csv
printf '%s\nSMA-11,,2020,KR,offer,,13,yna;nyt,\n' "$good_header" >r.csv
refused 65 "r.csv:2: column 'source': no source 'nyt' (add it first: smalog add source --key nyt --outlet ...)" import position r.csv
printf 'code,previous\nSMA-12,SMA-13\nSMA-13,\n' >r.csv
refused 65 "r.csv:2: column 'previous': no agreement 'SMA-13' (add it first: smalog add agreement --code SMA-13)" import agreement r.csv
done_

case_ "refused: duplicates, in the database or earlier in the file"
printf 'code\nSMA-12\nSMA-10\n' >d.csv
refused 65 "d.csv:3: column 'code': agreement 'SMA-10' already exists" import agreement d.csv
printf 'key,outlet\nkh,Korea Herald\nkh,The Korea Herald\n' >d.csv
refused 65 "d.csv:3: column 'key': source 'kh' already exists" import source d.csv
printf 'agreement,seq,start\nSMA-11,1,2020\n' >d.csv
refused 65 "d.csv:2: column 'seq': round 1 of SMA-11 already exists" import round d.csv
printf 'date,currency,per_usd\n2021-02-22,KRW,1131.5\n2021-02-22,krw,1130\n' >d.csv
refused 65 "d.csv:3: column 'date': a KRW rate on 2021-02-22 already exists" import rate d.csv
done_

case_ "the same content twice is refused unless --again, saying when it was imported"
when=$(sqlite3 "$SMALOG_DB" "SELECT imported_at FROM import_log WHERE file = 'p1.csv'")
[ -n "$when" ] || fail "p1.csv is not in import_log"
# the log keeps the file's SHA-256, the same as every tool computes
[ "$(sqlite3 "$SMALOG_DB" "SELECT sha256 FROM import_log WHERE file = 'p1.csv'")" = "$(sha256sum <p1.csv | cut -d' ' -f1)" ] ||
	fail "import_log's sha256 of p1.csv is not the file's"
refused 65 "p1.csv: the same content was imported on $when (from 'p1.csv', 2 positions); use --again to import it again" import position p1.csv
cp p1.csv renamed.csv
refused 65 "renamed.csv: the same content was imported on $when (from 'p1.csv', 2 positions); use --again to import it again" import position renamed.csv
snapshot "$SMALOG_DB"
"$SMALOG" import position - <p1.csv >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 65
expect_err "smalog: <stdin>: the same content was imported on $when (from 'p1.csv', 2 positions); use --again to import it again"
expect_unchanged "$SMALOG_DB"
refused 65 "p1.csv: the same content was imported on $when (from 'p1.csv', 2 positions); use --again to import it again" import position p1.csv --dry-run
run import position p1.csv --again
expect_status 0
expect_err "imported 2 positions"
# its rows deleted since, the content is still refused, at the end of
# the file and before anything is committed
printf 'key,outlet\nsolo,Solo News\n' >solo.csv
run import source solo.csv
expect_status 0
solo_when=$(sqlite3 "$SMALOG_DB" "SELECT imported_at FROM import_log WHERE file = 'solo.csv'")
run delete source solo
expect_status 0
refused 65 "solo.csv: the same content was imported on $solo_when (from 'solo.csv', 1 source); use --again to import it again" import source solo.csv
[ "$(sqlite3 "$SMALOG_DB" "SELECT count(*) FROM position")" = 4 ] || fail "--again did not import"
done_

case_ "--dry-run checks everything and writes nothing"
printf '%s\nSMA-11,1,2019-09-25,KR,offer,1.1T,,,\n' "$good_header" >dry.csv
snapshot "$SMALOG_DB"
run import position dry.csv --dry-run
expect_status 0
expect_err "1 position valid; nothing imported (--dry-run)"
expect_unchanged "$SMALOG_DB"
printf '%s\nSMA-11,1,2019-09-25,KR,offer,1.1T,,,\nSMA-11,1,2019-13,KR,offer,1.1T,,,\n' "$good_header" >dry.csv
refused 65 "dry.csv:3: column 'date': invalid date '2019-13' (month must be 01 to 12)" import position dry.csv --dry-run
done_

case_ "refused: usage and missing input"
refused 64 "'smalog import' needs a kind: agreement, source, round, position, outcome, furlough, rate, schedule, index, actor or statement" import
refused 64 "'smalog import' needs a kind and a CSV file ('-' for standard input)" import position
refused 64 "unknown kind 'offers' (expected agreement, source, round, position, outcome, furlough, rate, schedule, index, actor or statement)" import offers p1.csv
refused 64 "unexpected argument 'more.csv' for 'smalog import'" import position p1.csv more.csv
refused 64 "unknown option '--date' for 'smalog import' (see 'smalog import --help')" import position p1.csv --date 2020
refused 66 "cannot open 'missing.csv': No such file or directory" import position missing.csv
mkdir -p folder.csv
refused 66 "'folder.csv' is a folder, not a CSV file" import position folder.csv
refused 64 "'smalog export' needs a kind: agreement, source, round, position, outcome, furlough, rate, schedule, index, actor or statement" export
refused 64 "unknown export format 'table' (expected csv, tsv, json, jsonl or xlsx)" export position --format table
refused 64 "--excel applies to CSV output only" export position --json --excel
refused 64 "'smalog export --all DIR' exports every kind; give no kind" export position --all out
refused 64 "-o does not go with --all, which writes DIR/KIND.csv for every kind" export --all out -o x.csv
refused 64 "unknown option '--md' for 'smalog export' (see 'smalog export --help')" export position --md
refused 64 "choose one output format" export position --csv --json
refused 64 "option '-o' needs a file name" export position -o ""
refused 64 "option '--all' needs a folder" export --all ""
refused 64 "unexpected argument 'extra' for 'smalog export'" export position extra
refused 73 "cannot create the folder 'nodir/sub': No such file or directory" export --all nodir/sub
[ -e nodir ] && fail "export --all created nodir"
# standard input open for writing only: the read fails, nothing is imported
snapshot "$SMALOG_DB"
"$SMALOG" import position - 0>>p1.csv >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 74
expect_err "smalog: cannot read '<stdin>': Bad file descriptor"
expect_unchanged "$SMALOG_DB"
done_

case_ "export -o is atomic: a failed export leaves the old file"
echo "old" >kept.csv
run export position -o kept.csv --db "$WORK/none.db"
expect_status 66
[ "$(cat kept.csv)" = "old" ] || fail "kept.csv changed"
run export position -o nodir/x.csv
expect_status 73
[ -e nodir ] && fail "nodir created"
run export position -o kept.csv
expect_status 0
head -1 kept.csv | grep -q '^uid,agreement,round,date' || fail "kept.csv not written"
echo "a file" >afile
refused 73 "'afile' exists and is not a folder" export --all afile
run export --all newdir --db "$WORK/none.db"
expect_status 66
[ -e newdir ] && fail "a failed export --all left newdir"
done_

# A database with every kind, Korean text, multi-line notes and the cells
# CSV must quote: the round trip must give back the same bytes.
case_ "round trip: export, import into a new database, export gives the same bytes, for every kind"
export SMALOG_DB="$WORK/full.db"
run init
expect_status 0
"$SMALOG" add source --key yna --outlet 연합뉴스 --title '방위비 분담금 "13% 인상" 합의' --published 2021-03-08 >/dev/null
"$SMALOG" add source --key cnn --outlet CNN --notes $'first line\nsecond, with a comma\r\nthird' >/dev/null
"$SMALOG" add source --key gone --outlet Gone >/dev/null
"$SMALOG" delete source gone >/dev/null
"$SMALOG" add source --key kh --outlet "Korea Herald" --notes ' leading and trailing spaces ' >/dev/null
"$SMALOG" add agreement --code SMA-11 --title '제11차 방위비분담특별협정' --parties KR,US --start-year 2020 --end-year 2025 >/dev/null
"$SMALOG" add agreement --code SMA-10 --parties KR,US --total 1,038,900,000,000 --start-year 2019 --source 'yna;cnn' >/dev/null
"$SMALOG" edit agreement SMA-11 --previous SMA-10 --baseline 1.0389T --signed 2021-04-08 --notes '=HYPERLINK("http://x")' >/dev/null
"$SMALOG" add round --agreement SMA-11 --start 2019-09-24 --end 2019-09-25 --location 서울 --format in-person >/dev/null
"$SMALOG" add round --agreement SMA-11 --start 2019-10~ --location Honolulu --format video --notes $'회의\n결렬' >/dev/null
"$SMALOG" add position --agreement SMA-11 --round 1 --date 2019-09-24 --party KR --kind offer --pct 13 --source yna --terms '+13%, one year' >/dev/null
"$SMALOG" add position --agreement SMA-11 --round 2 --date 2019-11 --party US --kind demand --amount '5 billion' --currency USD --years 1 --confidence rumored --notes $'"five billion"\n미국 요구' >/dev/null
"$SMALOG" add position --agreement SMA-11 --date 2020-03-31 --party KR --kind offer --amount 1,012,927,500,000 --pct -2.5 --confidence confirmed --terms '@mention' >/dev/null
"$SMALOG" add outcome --agreement SMA-11 --round 2 --date 2019-11-19 --kind walkout --notes '-- walked out' >/dev/null
"$SMALOG" add outcome --agreement SMA-11 --date 2021-03-08 --kind signed --source 'yna;cnn' >/dev/null
"$SMALOG" add furlough --agreement SMA-11 --start 2020-04-01 --end 2020-06-15 --workers 4,000 --stopgap 31.5bn --currency KRW --notes $'\t무급휴직' >/dev/null
"$SMALOG" add rate --date 2021-02-22 --currency KRW --per-usd 1131.5 --source yna --notes '1.04 trillion won ($919.1 million)' >/dev/null
"$SMALOG" add rate --date 2019-11 --currency KRW --per-usd 1,167.2345 >/dev/null
run export --all first
expect_status 0
expect_err "exported 3 sources, 0 actors, 2 agreements, 2 rounds, 3 positions, 2 outcomes, 1 furlough, 2 rates, 0 indexes, 0 schedules, 0 statements to first"
[ "$(ls first | tr '\n' ' ')" = "actor.csv agreement.csv datapackage.json furlough.csv index.csv outcome.csv position.csv rate.csv round.csv schedule.csv source.csv statement.csv " ] ||
	fail "export --all wrote: $(ls first)"
for kind in source actor agreement round position outcome furlough rate index schedule statement; do
	run export "$kind"
	cmp -s "$WORK/out" "first/$kind.csv" || fail "export $kind differs from first/$kind.csv"
done
export SMALOG_DB="$WORK/copy.db"
run init
for kind in source actor agreement round position outcome furlough rate index schedule statement; do
	run import "$kind" "first/$kind.csv"
	expect_status 0
done
run export --all second
expect_status 0
diff -r first second >"$WORK/diff" || fail "round trip changed the files: $(head -20 "$WORK/diff")"
done_

case_ "round trip: what the export holds, exactly"
# (the uids are random: the columns after them are compared)
expect_out_of() {
	cat >"$WORK/want"
	cp "$1" "$WORK/got" && strip_uids "$WORK/got"
	cmp -s "$WORK/want" "$WORK/got" || { fail "$1 differs:"; diff "$WORK/want" "$WORK/got" | head -20; }
}
# sources by key
printf '%s\n' 'key,outlet,title,url,published,notes' \
	'cnn,CNN,,,,"first line' $'second, with a comma\r' 'third"' 'kh,Korea Herald,,,," leading and trailing spaces "' \
	'yna,연합뉴스,"방위비 분담금 ""13% 인상"" 합의",,2021-03-08,' | expect_out_of second/source.csv
# SMA-10 comes first: SMA-11 names it as previous
expect_out_of second/agreement.csv <<'OUT'
code,title,parties,currency,total,baseline,previous,start_year,end_year,signed,source,notes
SMA-10,,"KR,US",KRW,1038900000000,,,2019,,,yna;cnn,
SMA-11,제11차 방위비분담특별협정,"KR,US",KRW,,1038900000000,SMA-10,2020,2025,2021-04-08,,"=HYPERLINK(""http://x"")"
OUT
expect_out_of second/position.csv <<'OUT'
agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
SMA-11,1,2019-09-24,KR,offer,,,13,,reported,"+13%, one year",yna,
SMA-11,2,2019-11,US,demand,5000000000,USD,,1,rumored,,,"""five billion""
미국 요구"
SMA-11,,2020-03-31,KR,offer,1012927500000,,-2.5,,confirmed,@mention,,
OUT
# rates by currency, then date
expect_out_of second/rate.csv <<'OUT'
date,currency,per_usd,source,notes
2019-11,KRW,1167.2345,,
2021-02-22,KRW,1131.5,yna,1.04 trillion won ($919.1 million)
OUT
done_

case_ "export --excel: BOM, CRLF, formulas defused, numbers untouched"
run export position --excel
expect_status 0
strip_uids
printf '\xef\xbb\xbfagreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes\r\nSMA-11,1,2019-09-24,KR,offer,,,13,,reported,"\x27+13%%, one year",yna,\r\nSMA-11,2,2019-11,US,demand,5000000000,USD,,1,rumored,,,"""five billion""\n미국 요구"\r\nSMA-11,,2020-03-31,KR,offer,1012927500000,,-2.5,,confirmed,\x27@mention,,\r\n' >"$WORK/want"
cmp -s "$WORK/want" "$WORK/out" || { fail "excel export differs"; diff <(od -c "$WORK/want") <(od -c "$WORK/out") | head; }
run export outcome --excel
strip_uids
printf '\xef\xbb\xbfagreement,round,date,kind,source,notes\r\nSMA-11,2,2019-11-19,walkout,,\x27-- walked out\r\nSMA-11,,2021-03-08,signed,yna;cnn,\r\n' >"$WORK/want"
cmp -s "$WORK/want" "$WORK/out" || { fail "excel outcome export differs"; diff <(od -c "$WORK/want") <(od -c "$WORK/out") | head; }
run export furlough --excel
grep -q ",'"$'\t''무급휴직'$'\r''$' "$WORK/out" || fail "a cell starting with a tab is not defused: $(cat "$WORK/out")"
run export agreement --excel -o excel.csv
expect_status 0
grep -q "\"'=HYPERLINK" excel.csv || fail "=HYPERLINK not defused"
done_

case_ "export in the other formats"
run export rate --tsv
strip_uids
expect_out <<'OUT'
date	currency	per_usd	source	notes
2019-11	KRW	1167.2345		
2021-02-22	KRW	1131.5	yna	1.04 trillion won ($919.1 million)
OUT
run export rate --format json
strip_uids
expect_out <<'OUT'
[
{"date":"2019-11","currency":"KRW","per_usd":1167.2345,"source":null,"notes":null},
{"date":"2021-02-22","currency":"KRW","per_usd":1131.5,"source":"yna","notes":"1.04 trillion won ($919.1 million)"}
]
OUT
run export furlough --jsonl
strip_uids
expect_out <<'OUT'
{"agreement":"SMA-11","start":"2020-04-01","end":"2020-06-15","workers":4000,"stopgap":31500000000,"currency":"KRW","source":null,"notes":"\t무급휴직"}
OUT
run export --all json --format jsonl
expect_status 0
[ -s json/position.jsonl ] && [ -s json/source.jsonl ] || fail "export --all --format jsonl: $(ls json)"
done_

# Large inputs load into an empty table without its indexes, which are
# built again before the commit; into a non-empty table they stay.
case_ "a large import: indexes rebuilt, database intact; a late error changes nothing"
export SMALOG_DB="$WORK/big.db"
run init
printf 'code,parties\nSMA-1,"KR,US"\n' >big-agreement.csv
run import agreement big-agreement.csv
awk 'BEGIN {
	print "agreement,date,party,kind,amount,pct,notes"
	for (i = 1; i <= 3000; i++)
		printf "SMA-1,%d-%02d-%02d,%s,%s,%d,,\"note %d, with\nlines and \"\"quotes\"\" and 한국어 text to make the file bigger\"\n",
			2000 + i % 20, 1 + i % 12, 1 + i % 28, i % 2 ? "KR" : "US", i % 2 ? "offer" : "demand", i * 1000, i
}' >big.csv
[ "$(stat -c %s big.csv)" -gt 262144 ] || fail "big.csv is too small to test the large import"
cp big.csv big-bad.csv
printf 'SMA-1,2020-02-30,KR,offer,1,,\n' >>big-bad.csv
refused 65 "big-bad.csv:6002: column 'date': invalid date '2020-02-30' (February 2020 has 29 days)" import position big-bad.csv
indexes="SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'position' ORDER BY name"
sqlite3 "$SMALOG_DB" "$indexes" >"$WORK/indexes-before"
grep -q position_by_agreement_date "$WORK/indexes-before" || fail "no position indexes to rebuild: $(cat "$WORK/indexes-before")"
run import position big.csv
expect_status 0
expect_err "imported 3,000 positions"
sqlite3 "$SMALOG_DB" "$indexes" | cmp -s - "$WORK/indexes-before" || fail "indexes after import: $(sqlite3 "$SMALOG_DB" "$indexes")"
[ "$(sqlite3 "$SMALOG_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check failed"
run export position
strip_uids
head -1 "$WORK/out" | grep -qx "$POSITION_HEADER" || fail "big export: $(head -1 "$WORK/out")"
printf '%s\n' 'SMA-1,,2001-02-02,KR,offer,1000,,,,reported,,,"note 1, with' 'lines and ""quotes"" and 한국어 text to make the file bigger"' >"$WORK/want"
python3 -c 'import sys; sys.exit(open(sys.argv[1]).read() not in open(sys.argv[2]).read())' "$WORK/want" "$WORK/out" ||
	fail "big export lacks the first row: $(head -3 "$WORK/out")"
# a second large file goes into a table that has rows: indexes dropped
# (it brings as many as the table holds) and built again
sed 's/^SMA-1,20/SMA-1,19/' big.csv >big2.csv
run import position big2.csv
expect_status 0
expect_err "imported 3,000 positions"
[ "$(sqlite3 "$SMALOG_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check failed after the second import"
[ "$(sqlite3 "$SMALOG_DB" "SELECT count(*) FROM position WHERE date < '2000'")" = 3000 ] || fail "big2.csv not imported"
done_

case_ "a row the same as a record is refused unless --again, whatever the bytes (CRLF)"
SMALOG_DB=$WORK/dup.db
run init --example
expect_status 0
# the example's first two positions in export order (canonical: the first
# is position 6), as export writes them but without the confidence column
# (stored as its default) and with CRLF line ends
"$SMALOG" export position | cut -d, -f1-10,12- | sed -n '1,3p' | sed 's/$/\r/' >crlf.csv
refused 65 "crlf.csv:2: this position is already recorded as position 6 (use --again to record it twice)" \
	import position crlf.csv
refused 65 "crlf.csv:2: this position is already recorded as position 6 (use --again to record it twice)" \
	import position crlf.csv --dry-run
printf '%s\n' "$POSITION_HEADER" 'SMA-11,,2020-05-01,KR,offer,1.1T,,,,,,,' 'SMA-11,,2020-05-01,US,demand,1.3T,,,,,,,' \
	'SMA-11,,2020-05-01,KR,offer,1,100,000,000,000,,,,,,,' | sed 's/1,100,000,000,000/"1,100,000,000,000"/' >twice.csv
refused 65 "twice.csv:4: this position repeats line 2 (use --again to record it twice)" import position twice.csv
printf 'agreement,date,kind\nSMA-11,2020-05,stalled\nSMA-11,2020-05,stalled\n' >o.csv
refused 65 "o.csv:3: this outcome repeats line 2 (use --again to record it twice)" import outcome o.csv
"$SMALOG" export furlough | sed 's/4000~/"4,000~"/; s/$/\r/' >f.csv
refused 65 "f.csv:2: this furlough is already recorded as furlough 1 (use --again to record it twice)" import furlough f.csv
# the same file twice, LF then CRLF: the content hash differs, the rows do not
printf 'agreement,date,party,kind,pct\nSMA-11,2019-12,KR,offer,4\nSMA-11,2019-12,US,demand,40\n' >lf.csv
run import position lf.csv
expect_status 0
expect_err "imported 2 positions"
sed 's/$/\r/' lf.csv >crlf2.csv
refused 65 "crlf2.csv:2: this position is already recorded as position 7 (use --again to record it twice)" import position crlf2.csv
run import position twice.csv --again
expect_status 0
expect_err "imported 3 positions"
run import position crlf.csv --again
expect_status 0
expect_err "imported 2 positions"
done_

case_ "a large import (indexes dropped) finds a row the same as a record, or as an earlier row"
# over 256 KiB and more rows than the table holds: the import drops the
# indexes and looks rows up by their hashes
{ echo "$POSITION_HEADER"; for i in $(seq 1 4000); do echo "SMA-11,,2020-06-01,KR,offer,$((1000000 + i)),,,,,,,padding padding padding padding padding padding padding"; done; } >big.csv
cp big.csv big-stored.csv
# the first record of the export recorded once (a row recorded twice with
# --again above is named by whichever of its records the lookup meets),
# without its uid: a new record's row
first=$("$SMALOG" export position | sed 1d |
	awk '{ rest[NR] = substr($0, index($0, ",") + 1); seen[rest[NR]]++; line[NR] = $0 }
	     END { for (i = 1; i <= NR; i++) if (seen[rest[i]] == 1) { print line[i]; exit } }')
first_id=$(sqlite3 "$SMALOG_DB" "SELECT id FROM position WHERE uid = '${first%%,*}'")
printf '%s\r\n' "${first#*,}" >>big-stored.csv
refused 65 "big-stored.csv:4002: this position is already recorded as position $first_id (use --again to record it twice)" \
	import position big-stored.csv
cp big.csv big-twice.csv
sed -n 1000p big.csv >>big-twice.csv
refused 65 "big-twice.csv:4002: this position repeats line 1000 (use --again to record it twice)" import position big-twice.csv
# a row 300 lines long before them: the lines named stay exact
{ echo "$POSITION_HEADER"; printf 'SMA-11,,2020-06-01,KR,offer,999,,,,,,,"%s"\n' "$(seq 1 300)"; sed 1d big.csv; } >big-far.csv
sed -n 1300p big-far.csv >>big-far.csv
refused 65 "big-far.csv:4302: this position repeats line 1300 (use --again to record it twice)" import position big-far.csv
{ cat big-far.csv; head -301 big-far.csv | tail -n 300; } | sed '4302d' >big-far2.csv
refused 65 "big-far2.csv:4302: this position repeats line 2 (use --again to record it twice)" import position big-far2.csv
run import position big.csv
expect_status 0
expect_err "imported 4,000 positions"
done_

case_ "--skip-existing: rows recorded as they are are skipped, a key recorded otherwise refused"
"$SMALOG" export rate >rates.csv
printf ',2021-03-08,KRW,1121.2,koreaherald-2021-02-22,\r\n' >>rates.csv
# export's canonical order puts rate 2 (2019-02-10) first
refused 65 "rates.csv:2: this rate is already recorded as rate 2 (use --skip-existing to skip rows recorded already)" import rate rates.csv
run import rate rates.csv --skip-existing
expect_status 0
expect_err "imported 1 rate; 2 rates recorded already, skipped"
run import rate rates.csv --skip-existing
expect_status 0
expect_err "imported 0 rates; 3 rates recorded already, skipped"
printf 'date,currency,per_usd\n2021-03-08,KRW,1121.2\n' >rate-differs.csv
refused 65 "rate-differs.csv:2: column 'source': the rate with date 2021-03-08 and currency KRW is recorded (rate 3) with source 'koreaherald-2021-02-22', not empty; --skip-existing skips only rows recorded as they are" \
	import rate rate-differs.csv --skip-existing
"$SMALOG" export agreement | sed 's/,SMA-10,10th/,SMA-10,Tenth/' >agreements2.csv
refused 65 "agreements2.csv:2: column 'title': the agreement with code SMA-10 is recorded (agreement 1) with title '10th Special Measures Agreement', not 'Tenth Special Measures Agreement'; --skip-existing skips only rows recorded as they are" \
	import agreement agreements2.csv --skip-existing
"$SMALOG" export source | sed 's/$/\r/' >sources2.csv
run import source sources2.csv --skip-existing
expect_status 0
expect_err "imported 0 sources; 12 sources recorded already, skipped"
"$SMALOG" export round >rounds2.csv
printf ',SMA-11,10,2021-01-05,,,video,,,\n' >>rounds2.csv
run import round rounds2.csv --skip-existing --dry-run
expect_status 0
expect_err "1 round valid; 10 rounds recorded already, skipped; nothing imported (--dry-run)"
refused 64 "--skip-existing is for kinds with a natural key (agreement, source, round, rate, schedule, index, actor); a position is refused when it is recorded already, or recorded twice with --again" \
	import position twice.csv --skip-existing
SMALOG_DB=$WORK/test.db
done_

case_ "export agreement: a chain of 3,000 previous agreements exports and imports back, fast"
# ids run against the chain: C-3000 (id 1 of the new rows) names no
# previous, each C-n names C-(n+1), so the export must reverse the id order
run init --db chain.db
expect_status 0
sqlite3 chain.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
	INSERT INTO agreement (code) SELECT 'C-' || i FROM n;
	UPDATE agreement SET previous = 'C-' || (id + 1) WHERE id < 3000;" || fail "could not build the chain"
started=$(date +%s%N)
# linear, it takes a few tens of milliseconds; quadratic, seconds
timeout 3 "$SMALOG" export agreement --db chain.db -o chain.csv 2>"$WORK/err"
status=$?
expect_status 0
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
[ "$elapsed_ms" -lt 3000 ] || fail "export took ${elapsed_ms} ms"
[ "$(sed -n '2p;3p;$p' chain.csv | cut -d, -f2,8 | tr '\n' ' ')" = "C-3000, C-2999,C-3000 C-1,C-2 " ] ||
	fail "export order: $(sed -n '2p;3p;$p' chain.csv)"
run init --db chain2.db
timeout 10 "$SMALOG" import agreement chain.csv --db chain2.db 2>"$WORK/err"
status=$?
expect_status 0
expect_err "imported 3,000 agreements"
"$SMALOG" export agreement --db chain2.db | cmp -s - chain.csv || fail "the re-imported chain exports differently"
done_

case_ "appending many rows into many: indexes dropped or kept, rebuilt right, duplicates still found"
SMALOG_DB=$WORK/append.db
run init
expect_status 0
printf 'code,parties\nSMA-11,"KR,US"\n' >big-agreement.csv
run import agreement big-agreement.csv
expect_status 0
# positions FROM..TO, about 130 bytes a row: 3,000 of them pass the size
# under which an import keeps its indexes whatever the table holds
positions() {
	echo "$POSITION_HEADER"
	awk -v from="$1" -v to="$2" 'BEGIN { for (i = from; i <= to; i++)
		printf "SMA-11,,2020-01-%02d,%s,offer,%d,,,,,,,row %d of a large file with a note long enough to make the row some hundred and twenty bytes\n",
			i % 28 + 1, i % 2 ? "KR" : "US", 1000 + i, i }'
}
indexes() { sqlite3 "$SMALOG_DB" "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"; }
before=$(indexes)
positions 1 3000 >big1.csv
run import position big1.csv
expect_status 0
expect_err "imported 3,000 positions"
# 3,100 rows into 3,000: dropped after the first block, then rebuilt
positions 3001 6100 >big2.csv
run import position big2.csv
expect_status 0
expect_err "imported 3,100 positions"
# 2,900 rows into 6,100: dropped too (more than an eighth)
positions 6101 9000 >big3.csv
run import position big3.csv
expect_status 0
expect_err "imported 2,900 positions"
[ "$(sqlite3 "$SMALOG_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check: $(sqlite3 "$SMALOG_DB" 'PRAGMA integrity_check')"
[ "$(indexes)" = "$before" ] || fail "the indexes differ after the imports"
[ "$(sqlite3 "$SMALOG_DB" "SELECT count(*), count(DISTINCT amount), min(amount), max(amount) FROM position")" = "9000|9000|1001|10000" ] ||
	fail "rows: $(sqlite3 "$SMALOG_DB" "SELECT count(*), count(DISTINCT amount), min(amount), max(amount) FROM position")"
# duplicates past the first block of an import that dropped its indexes
# there: of a row stored before, and of a row in the file's first block
{ positions 9001 18400; positions 5000 5000 | tail -n 1; } >big4.csv
refused 65 "big4.csv:9402: this position is already recorded as position 5000 (use --again to record it twice)" \
	import position big4.csv
{ positions 9001 18400; positions 9002 9002 | tail -n 1; } >big5.csv
refused 65 "big5.csv:9402: this position repeats line 3 (use --again to record it twice)" \
	import position big5.csv
# a file imported before, refused at its second line, is still refused as
# such: the rest of it is hashed, read for the first time
when=$(sqlite3 "$SMALOG_DB" "SELECT imported_at FROM import_log WHERE file = 'big2.csv'")
refused 65 "big2.csv: the same content was imported on $when (from 'big2.csv', 3,100 positions); use --again to import it again" \
	import position big2.csv
SMALOG_DB=$WORK/test.db
done_

case_ "a load that dropped the indexes reports the first bad line, a repeat or not"
SMALOG_DB=$WORK/order.db
run init
expect_status 0
run import agreement big-agreement.csv
expect_status 0
positions 1 3000 >order1.csv
run import position order1.csv
expect_status 0
# 3,100 rows into 3,000: the indexes go after the first block, and rows
# the same as a record are found after the load; the line reported is
# still the first bad one: a repeat at line 1200 before a bad date at 3000
stored=$(positions 1 1 | tail -n 1)
positions 3001 6100 | awk -v row="$stored" 'NR == 1200 { print row; next }
	NR == 3000 { sub(/2020-01-[0-9]+/, "2020-02-30") } { print }' >order2.csv
refused 65 "order2.csv:1200: this position is already recorded as position 1 (use --again to record it twice)" \
	import position order2.csv
# and the bad date at 1200 before the repeat at 3000
positions 3001 6100 | awk -v row="$stored" 'NR == 3000 { print row; next }
	NR == 1200 { sub(/2020-01-[0-9]+/, "2020-02-30") } { print }' >order3.csv
refused 65 "order3.csv:1200: column 'date': invalid date '2020-02-30' (February 2020 has 29 days)" \
	import position order3.csv
# a repeat whose uid is its record's: the repeat is what is wrong with it,
# as where the row is looked up before its uid
uid=$(sqlite3 "$SMALOG_DB" "SELECT uid FROM position WHERE id = 1")
positions 3001 6100 | awk -v row="$uid,$stored" 'NR == 1 { print "uid," $0; next }
	NR == 1200 { print row; next } { print "," $0 }' >order4.csv
refused 65 "order4.csv:1200: this position is already recorded as position 1 (use --again to record it twice)" \
	import position order4.csv
# a value where the record has none is no repeat: the file loads
positions 3001 6100 | awk -v row="$(positions 1 1 | tail -n 1 | awk -F, -v OFS=, '{ $9 = "3" } 1')" \
	'NR == 1200 { print row } { print }' >order5.csv
run import position order5.csv
expect_status 0
expect_err "imported 3,101 positions"
[ "$(sqlite3 "$SMALOG_DB" "SELECT count(*) FROM position WHERE amount = 1001")" = 2 ] || fail "the row with years not recorded"
SMALOG_DB=$WORK/test.db
done_

case_ "export writes the same bytes whether records came in its order or in another"
# scattered.db: records added in file order, which export's order (by
# date, party, uid) scatters, so export reads them in one sort;
# ordered.db: the same records added from that export, in its order, so
# export reads them through the index (rows.c, rows_export_sorts)
rises() { sqlite3 "$1" "SELECT count(*) FROM (SELECT id, lag(id) OVER (ORDER BY agreement, date_key, date, party, kind, uid) AS before
	FROM position ORDER BY agreement, date_key, date, party, kind, uid LIMIT 1000) WHERE id > before"; }
for db in scattered ordered; do
	SMALOG_DB=$WORK/$db.db
	run init
	expect_status 0
	run import agreement big-agreement.csv
	expect_status 0
done
SMALOG_DB=$WORK/scattered.db
positions 1 1200 >scattered.csv
run import position scattered.csv
expect_status 0
run export position -o scattered-out.csv
expect_status 0
SMALOG_DB=$WORK/ordered.db
run import position scattered-out.csv
expect_status 0
expect_err "imported 1,200 positions"
run export position -o ordered-out.csv
expect_status 0
[ "$(rises "$WORK/scattered.db")" -lt 900 ] || fail "scattered.db rises $(rises "$WORK/scattered.db") times in 999"
[ "$(rises "$WORK/ordered.db")" = 999 ] || fail "ordered.db rises $(rises "$WORK/ordered.db") times in 999"
cmp -s scattered-out.csv ordered-out.csv || fail "the two exports differ: $(diff scattered-out.csv ordered-out.csv | head -3)"
# and the order is export's: by date, then party, then uid
sort -t, -k4,4 -k5,5 -k1,1 -s <(tail -n +2 scattered-out.csv) | cmp -s - <(tail -n +2 scattered-out.csv) ||
	fail "the export is not in date, party, uid order"
SMALOG_DB=$WORK/test.db
done_

finish

#!/usr/bin/env bash
# csv_sources.sh - import what colleagues send: a semicolon CSV from a European Excel, a CP949 CSV
# from a Korean Excel, a file exported with --excel; each imports with its option, and without it
# is refused with a message that names the option, leaving the database as it was.
. "$(dirname "$0")/lib.sh"

# stored TEXT...: the last command's output holds every TEXT
stored() {
	local t
	for t in "$@"; do
		grep -qF -- "$t" "$WORK/out" || fail "not stored: $t"
	done
}

case_ "set up: an agreement"
run init
expect_status 0
printf 'code,parties,title\nSMA-11,"KR,US",협정\n' >base.csv
run import agreement base.csv
expect_status 0
done_

case_ "a semicolon CSV is refused without --delimiter, naming it"
printf 'agreement;date;party;kind;amount;notes\r\nSMA-11;2020-03-31;KR;offer;1,183,300,000,000;"13%%; 인상"\r\n' >semi.csv
refused 65 "semi.csv:1: the header has no comma but 5 semicolons: a CSV from a European Excel? use --delimiter ';'" \
	import position semi.csv
done_

case_ "a semicolon CSV imports with --delimiter ';'"
run import position semi.csv --delimiter ';'
expect_status 0
expect_err "imported 1 position"
run export position --format jsonl
stored '"amount":1183300000000' '"notes":"13%; 인상"'
done_

case_ "a tab-separated file is refused without --delimiter, and imports with TAB, tab or \\t"
printf 'agreement\tdate\tparty\tkind\tpct\nSMA-11\t2020-04\tUS\tdemand\t50\n' >tabs.csv
refused 65 "tabs.csv:1: the header has no comma but 4 tabs: a tab-separated file? use --delimiter TAB" \
	import position tabs.csv
for d in TAB tab '\t'; do
	run import position tabs.csv --delimiter "$d" --dry-run
	expect_status 0
	expect_err "1 position valid; nothing imported (--dry-run)"
done
done_

case_ "an unknown delimiter is a usage error"
refused 64 "option '--delimiter' takes ',', ';' or TAB, not '|'" import position tabs.csv --delimiter '|'
done_

case_ "a CP949 CSV is refused without --encoding, naming cp949"
printf 'agreement,date,party,kind,pct,notes\nSMA-11,2020-05,KR,offer,13,"첫 줄\n13%% 인상안"\nSMA-11,2020-06,US,demand,50,미국 요구\n' |
	iconv -f UTF-8 -t CP949 >korean.csv
refused 65 "korean.csv:2: column 'notes': not UTF-8; saved by a Korean Excel? use --encoding cp949" \
	import position korean.csv
done_

case_ "a CP949 CSV imports with --encoding cp949 (or euc-kr), Korean intact"
run import position korean.csv --encoding euc-kr --dry-run
expect_status 0
run import position korean.csv --encoding cp949
expect_status 0
expect_err "imported 2 positions"
run export position --format jsonl
stored '"notes":"첫 줄\n13% 인상안"' '"notes":"미국 요구"'
done_

case_ "a byte invalid in the encoding is refused on its line"
{ printf 'agreement,date,party,kind,pct,notes\nSMA-11,2020-07,KR,offer,1,ok\nSMA-11,2020-08,KR,offer,1,' | iconv -f UTF-8 -t CP949
  printf '\x81\x20\n'; } >bad949.csv
refused 65 "bad949.csv:3: column 'notes': not valid cp949 (byte 0x81)" import position bad949.csv --encoding cp949
done_

case_ "a CP949 file cut inside a character is refused"
printf 'agreement,date,party,kind,pct,notes\nSMA-11,2020-07,KR,offer,1,\xb0' >cut949.csv
refused 65 "cut949.csv:2: column 'notes': the file ends inside a cp949 character" import position cut949.csv --encoding cp949
done_

case_ "an unknown encoding is a usage error"
refused 64 "unknown encoding 'klingon' (Korean Excel saves cp949; also euc-kr, latin1, utf-16)" \
	import position korean.csv --encoding klingon
done_

case_ "UTF-16 with a BOM and latin1 import with --encoding"
printf 'agreement,date,party,kind,pct,notes\r\nSMA-11,2020-09,KR,offer,1,UTF-16 행\r\n' | iconv -f UTF-8 -t UTF-16 >wide.csv
run import position wide.csv --encoding utf-16
expect_status 0
printf 'agreement,date,party,kind,pct,notes\nSMA-11,2020-10,KR,offer,1,caf\xe9\n' >latin.csv
refused 65 "latin.csv:2: column 'notes': not valid UTF-8 (byte 4)" import position latin.csv
run import position latin.csv --encoding latin1
expect_status 0
run export position --format jsonl
stored '"notes":"UTF-16 행"' '"notes":"café"'
done_

case_ "a file exported with --excel is refused without --excel, naming it"
"$SMALOG" add outcome --agreement SMA-11 --date 2021 --kind signed --notes '=HYPERLINK("http://x")' >/dev/null
"$SMALOG" add outcome --agreement SMA-11 --date 2020 --kind stalled --notes $'@one\ttab' >/dev/null
run export outcome --excel -o out.csv
expect_status 0
grep -q "'=HYPERLINK" out.csv || fail "the export did not defuse the formula"
"$SMALOG" --db "$WORK/fresh.db" init >/dev/null 2>&1
export SMALOG_DB="$WORK/fresh.db"
run import agreement base.csv
refused 65 "out.csv:2: column 'notes': starts with the ' that 'export --excel' puts before = + - @: use --excel to drop it" \
	import outcome out.csv
done_

case_ "a file exported with --excel imports with --excel, as it was"
run import outcome out.csv --excel
expect_status 0
expect_err "imported 2 outcomes"
run export outcome
strip_uids
expect_out <<'OUT'
agreement,round,date,kind,source,notes
SMA-11,,2020,stalled,,@one	tab
SMA-11,,2021,signed,,"=HYPERLINK(""http://x"")"
OUT
done_

case_ "a file from export --excel saved back by a spreadsheet imports with or without --excel"
if command -v ssconvert >/dev/null 2>&1; then
	# gnumeric reads the ' as "text", and saves the text alone, without a BOM
	{ ssconvert out.csv out.xlsx && ssconvert out.xlsx back.csv; } >"$WORK/ssconvert.log" 2>&1 ||
		fail "ssconvert: $(tail -3 "$WORK/ssconvert.log")"
	for opt in --excel ""; do
		"$SMALOG" --db "$WORK/back$opt.db" init >/dev/null 2>&1
		SMALOG_DB="$WORK/back$opt.db" "$SMALOG" import agreement base.csv 2>/dev/null
		SMALOG_DB="$WORK/back$opt.db" run import outcome back.csv $opt
		expect_status 0
		SMALOG_DB="$WORK/back$opt.db" run export outcome
		strip_uids
		expect_out <<'OUT'
agreement,round,date,kind,source,notes
SMA-11,,2020,stalled,,@one	tab
SMA-11,,2021,signed,,"=HYPERLINK(""http://x"")"
OUT
	done
else
	echo "ssconvert (Debian package gnumeric) is not installed: no spreadsheet saved the file back"
fi
done_

finish

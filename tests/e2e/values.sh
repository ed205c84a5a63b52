#!/usr/bin/env bash
# values.sh - what a value may hold on the way in: keys with nothing
# invisible, text with nothing that breaks a chart or a terminal, currencies
# from ISO 4217, a position's amount and pct that agree, and references
# that suggest the record meant.  Refused alike by add, edit and import,
# with the database unchanged.
. "$(dirname "$0")/lib.sh"

nbsp=$'\xc2\xa0'
ideo=$'\xe3\x80\x80'
zwsp=$'\xe2\x80\x8b'
zwj=$'\xe2\x80\x8d'
bom=$'\xef\xbb\xbf'
rlo=$'\xe2\x80\xae'
lri=$'\xe2\x81\xa6'
fffe=$'\xef\xbf\xbe'
fdd0=$'\xef\xb7\x90'
csi=$'\xc2\x9b'

case_ "set up"
run init
expect_status 0
run add source --key yonhap --outlet Yonhap
run add agreement --code SMA-10 --parties KR,US --total 1.0389T --start-year 2019 --end-year 2019
run add agreement --code SMA-11 --parties KR,US --previous SMA-10 --start-year 2020 --end-year 2025
expect_status 0
done_

case_ "keys hold no whitespace of any kind"
refused 65 "--code: invalid code 'SMA${nbsp}12' (keys cannot contain U+00A0, a no-break space)" \
	add agreement --code "SMA${nbsp}12"
refused 65 "--code: invalid code 'SMA-12${ideo}' (keys cannot contain U+3000, an ideographic space)" \
	add agreement --code "SMA-12${ideo}"
refused 65 "--key: invalid key 'yna${nbsp}' (keys cannot contain U+00A0, a no-break space)" \
	add source --key "yna${nbsp}" --outlet Yonhap
refused 65 "--code: invalid code 'SMA 12' (keys cannot contain spaces or control characters)" \
	add agreement --code "SMA 12"
done_

case_ "keys hold no control, format or invisible character"
refused 65 "--code: invalid code 'SMA-?12' (keys cannot contain U+200B, a zero-width space)" \
	add agreement --code "SMA-${zwsp}12"
refused 65 "--code: invalid code 'SMA?-12' (keys cannot contain U+200D, a zero-width joiner)" \
	add agreement --code "SMA${zwj}-12"
refused 65 "--key: invalid key '?yna' (keys cannot contain U+FEFF, a byte order mark)" \
	add source --key "${bom}yna" --outlet Yonhap
refused 65 "--key: invalid key 'yna?' (keys cannot contain U+009B, a control character)" \
	add source --key "yna${csi}" --outlet Yonhap
refused 65 "--key: invalid key 'yna?' (keys cannot contain U+202E, a bidi control)" \
	add source --key "yna${rlo}" --outlet Yonhap
done_

case_ "references and cited keys get the same rule"
refused 65 "--previous: invalid previous 'SMA-10${nbsp}' (keys cannot contain U+00A0, a no-break space)" \
	add agreement --code SMA-12 --previous "SMA-10${nbsp}"
refused 65 "--source: invalid source 'yonhap;?cnn' (keys cannot contain U+200B, a zero-width space)" \
	add agreement --code SMA-12 --source "yonhap;${zwsp}cnn"
refused 65 "--agreement: invalid agreement 'SMA-11?' (keys cannot contain U+FEFF, a byte order mark)" \
	add round --agreement "SMA-11${bom}" --start 2019-09-24
done_

case_ "codes hold nothing invisible either"
refused 65 "--currency: invalid currency 'KRW${nbsp}' (codes cannot contain U+00A0, a no-break space)" \
	add agreement --code SMA-12 --currency "KRW${nbsp}"
refused 65 "--parties: invalid parties 'KR,${ideo}US' (codes cannot contain U+3000, an ideographic space)" \
	add agreement --code SMA-12 --parties "KR,${ideo}US"
refused 65 "--party: invalid party 'K?R' (codes cannot contain U+200B, a zero-width space)" \
	add position --agreement SMA-11 --date 2020 --party "K${zwsp}R" --kind offer --pct 1
done_

case_ "a round, an amount or a date with an invisible character names it"
refused 65 "--round: invalid round '1${nbsp}' (values cannot contain U+00A0, a no-break space)" \
	add position --agreement SMA-11 --round "1${nbsp}" --date 2020 --party KR --kind offer --pct 1
refused 65 "--amount: invalid amount '1${nbsp}038${nbsp}900' (values cannot contain U+00A0, a no-break space)" \
	add position --agreement SMA-11 --date 2020 --party KR --kind offer --amount "1${nbsp}038${nbsp}900"
refused 65 "--date: invalid date '?2020-03' (values cannot contain U+FEFF, a byte order mark)" \
	add position --agreement SMA-11 --date "${bom}2020-03" --party KR --kind offer --pct 1
done_

case_ "text holds no noncharacter, bidi control or C1 control"
refused 65 "--title: invalid title 'Special?' (text cannot contain U+FFFE, a noncharacter)" \
	add agreement --code SMA-12 --title "Special${fffe}"
refused 65 "--title: invalid title 'a?b' (text cannot contain U+FDD0, a noncharacter)" \
	add agreement --code SMA-12 --title "a${fdd0}b"
refused 65 "--outlet: invalid outlet 'Yon?pahnoy' (text cannot contain U+202E, a bidi control)" \
	add source --key cnn --outlet "Yon${rlo}pahnoy"
refused 65 "--notes: invalid notes '?isolated' (text cannot contain U+2066, a bidi control)" \
	add source --key cnn --outlet CNN --notes "${lri}isolated"
refused 65 "--notes: invalid notes 'a?[2Jb' (text cannot contain U+009B, a control character)" \
	add source --key cnn --outlet CNN --notes "a${csi}[2Jb"
refused 65 "--notes: invalid notes 'a?[2Jb' (text cannot contain U+001B, a control character)" \
	add source --key cnn --outlet CNN --notes $'a\x1b[2Jb'
refused 65 "--notes: invalid notes: not valid UTF-8 (byte 2)" \
	add source --key cnn --outlet CNN --notes $'a\x9bb'
done_

case_ "free text keeps tabs, line breaks, no-break spaces and Korean"
run add source --key cnn --outlet CNN --notes $'line one\tcol\nline two'"${nbsp}방위비"
expect_status 0
expect_out <<<"2"
run query "SELECT notes FROM source WHERE key = 'cnn'" --csv
expect_out <<<$'notes\n"line one\tcol\nline two'"${nbsp}"'방위비"'
done_

case_ "edit refuses what add refuses"
refused 65 "--code: invalid code 'SMA-11${nbsp}' (keys cannot contain U+00A0, a no-break space)" \
	edit agreement SMA-11 --code "SMA-11${nbsp}"
refused 65 "--outlet: invalid outlet 'CNN?' (text cannot contain U+FFFE, a noncharacter)" \
	edit source cnn --outlet "CNN${fffe}"
done_

case_ "import refuses them by file, line and column"
printf 'key,outlet,notes\nap,AP,\n"kh%s",Korea Herald,\n' "$nbsp" >s.csv
refused 65 "s.csv:3: column 'key': invalid key 'kh${nbsp}' (keys cannot contain U+00A0, a no-break space)" \
	import source s.csv
printf 'key,outlet,notes\nap,AP,"two\nlines"\nkh,Korea Herald,"a%sb"\n' "$rlo" >s.csv
refused 65 "s.csv:4: column 'notes': invalid notes 'a?b' (text cannot contain U+202E, a bidi control)" \
	import source s.csv
printf 'code,title\nSMA-12,"Special%s"\n' "$fffe" >a.csv
refused 65 "a.csv:2: column 'title': invalid title 'Special?' (text cannot contain U+FFFE, a noncharacter)" \
	import agreement a.csv
done_

case_ "currencies are ISO 4217 codes, with a suggestion"
refused 65 "--currency: invalid currency 'won' (not an ISO 4217 currency code; did you mean KRW?)" \
	add agreement --code SMA-12 --currency won
refused 65 "--currency: invalid currency 'WON' (not an ISO 4217 currency code; did you mean KRW?)" \
	add position --agreement SMA-11 --date 2020 --party KR --kind offer --amount 5bn --currency WON
refused 65 "--currency: invalid currency 'KWR' (not an ISO 4217 currency code; did you mean KRW?)" \
	add rate --date 2020-01-01 --currency KWR --per-usd 1150
refused 65 "--currency: invalid currency 'dollar' (not an ISO 4217 currency code; did you mean USD?)" \
	add furlough --agreement SMA-11 --start 2020-04-01 --workers 4000 --stopgap 5bn --currency dollar
refused 65 "--currency: invalid currency 'XXX' (not an ISO 4217 currency code)" \
	add agreement --code SMA-12 --currency XXX
refused 65 "--currency: invalid currency 'K-W' (expected an ISO 4217 code such as KRW or USD)" \
	add agreement --code SMA-12 --currency K-W
refused 65 "--currency: invalid currency 'won' (not an ISO 4217 currency code; did you mean KRW?)" \
	edit agreement SMA-11 --currency won
done_

case_ "a currency in lower case is stored in upper case, as before"
run add position --agreement SMA-11 --date 2020 --party US --kind demand --amount 5bn --currency usd
expect_status 0
expect_out <<<"1"
run query "SELECT currency FROM position WHERE id = 1" --csv
expect_out <<<$'currency\nUSD'
done_

case_ "import refuses a currency that is not a code, by line"
printf 'date,currency,per_usd\n2020-01-01,KRW,1150\n2020-02-01,KWR,1190\n' >r.csv
refused 65 "r.csv:3: column 'currency': invalid currency 'KWR' (not an ISO 4217 currency code; did you mean KRW?)" \
	import rate r.csv
done_

case_ "a reference that differs only in case suggests the stored key"
refused 65 "--agreement: no agreement 'sma-11'; did you mean 'SMA-11'?" \
	add round --agreement sma-11 --start 2019-09-24
refused 65 "--agreement: no agreement 'SMA11'; did you mean 'SMA-11'?" \
	add position --agreement SMA11 --date 2020 --party KR --kind offer --pct 1
refused 65 "--previous: no agreement 'sma-10'; did you mean 'SMA-10'?" \
	add agreement --code SMA-12 --previous sma-10
refused 65 "--source: no source 'Yonhap'; did you mean 'yonhap'?" \
	add agreement --code SMA-12 --source "cnn;Yonhap"
refused 65 "--previous: no agreement 'sma-10'; did you mean 'SMA-10'?" \
	edit agreement SMA-11 --previous sma-10
done_

case_ "a reference to nothing alike still says how to add it"
refused 65 "--agreement: no agreement 'SMA-13' (add it first: smalog add agreement --code SMA-13)" \
	add round --agreement SMA-13 --start 2019-09-24
refused 65 "--source: no source 'kh' (add it first: smalog add source --key kh --outlet ...)" \
	add agreement --code SMA-12 --source kh
done_

case_ "show, edit and delete by a key in the wrong case suggest the stored one"
refused 65 "no agreement 'sma-11'; did you mean 'SMA-11'?" show agreement sma-11
refused 65 "no agreement 'Sma-11'; did you mean 'SMA-11'?" edit agreement Sma-11 --notes x
refused 65 "no source 'CNN'; did you mean 'cnn'?" delete source CNN
refused 65 "no source 'nyt'" show source nyt
done_

case_ "import suggests the stored key by line"
printf 'agreement,start\nSMA-11,2019-09-24\nsma-11,2019-10-23\n' >r.csv
refused 65 "r.csv:3: column 'agreement': no agreement 'sma-11'; did you mean 'SMA-11'?" import round r.csv
printf 'code,source\nSMA-12,YONHAP\n' >a.csv
refused 65 "a.csv:2: column 'source': no source 'YONHAP'; did you mean 'yonhap'?" import agreement a.csv
done_

# SMA-11's baseline is SMA-10's total, 1,038,900,000,000 KRW
over="over the baseline 1,038,900,000,000 KRW"

case_ "a position whose amount and pct disagree is refused with the figure"
refused 65 "--pct: pct 50% disagrees with amount 1,170,000,000,000 KRW: that amount is +12.62% $over" \
	add position --agreement SMA-11 --date 2020-03-17 --party KR --kind offer --amount 1.17T --pct 50
refused 65 "--pct: pct 13.13% disagrees with amount 1,170,000,000,000 KRW: that amount is +12.62% $over" \
	add position --agreement SMA-11 --date 2020-03-17 --party KR --kind offer --amount 1.17T --pct 13.13
refused 65 "--pct: pct -4.25% disagrees with amount 1,000,000,000,000 KRW: that amount is -3.74% $over" \
	add position --agreement SMA-11 --date 2020-03-17 --party KR --kind offer --amount 1T --pct -4.25
done_

case_ "half a point apart or less, they agree"
run add position --agreement SMA-11 --date 2020-03-17 --party KR --kind offer --amount 1.17T --pct 12.12
expect_status 0
expect_out <<<"2"
run add position --agreement SMA-11 --date 2020-03-18 --party KR --kind offer --amount 1T --pct -3.75
expect_status 0
expect_out <<<"3"
done_

case_ "without a baseline or a rate nothing can be compared, and both are kept"
run add position --agreement SMA-10 --date 2018-11 --party US --kind demand --amount 1.5T --pct 50
expect_status 0
expect_out <<<"4"
run add position --agreement SMA-11 --date 2019-09 --party US --kind demand --amount 4.7bn --currency USD --pct 99
expect_status 0
expect_out <<<"5"
done_

case_ "an amount in another currency is compared at the rates the reports use"
run add rate --date 2019-01-01 --currency KRW --per-usd 1150
expect_status 0
refused 65 "--pct: pct 99% disagrees with amount 4,700,000,000 USD: that amount (5,405,000,000,000 KRW at the rates of its date) is +420.26% $over" \
	add position --agreement SMA-11 --date 2019-09 --party US --kind demand --amount 4.7bn --currency USD --pct 99
run add position --agreement SMA-11 --date 2019-09 --party US --kind demand --amount 4.7bn --currency USD --pct 420
expect_status 0
expect_out <<<"6"
done_

case_ "edit refuses a change that makes them disagree"
refused 65 "--pct: pct 50% disagrees with amount 1,170,000,000,000 KRW: that amount is +12.62% $over" \
	edit position 2 --pct 50
refused 65 "--pct: pct 12.12% disagrees with amount 1,300,000,000,000 KRW: that amount is +25.13% $over" \
	edit position 2 --amount 1.3T
run edit position 2 --amount 1.3T --pct 25.13
expect_status 0
done_

case_ "import refuses a row whose amount and pct disagree, by line"
printf 'agreement,date,party,kind,amount,pct\nSMA-11,2020-01,KR,offer,1.17T,12.6\nSMA-11,2020-02,KR,offer,1.17T,50\n' >p.csv
refused 65 "p.csv:3: column 'pct': pct 50% disagrees with amount 1,170,000,000,000 KRW: that amount is +12.62% $over" \
	import position p.csv
refused 65 "p.csv:3: column 'pct': pct 50% disagrees with amount 1,170,000,000,000 KRW: that amount is +12.62% $over" \
	import position p.csv --dry-run
done_

case_ "the figure in the message is the one delta reports"
run add agreement --code SMA-20 --baseline 7
expect_status 0
for amount in 0 3 6 7 8 11 14 15 1000 9223372036854775807; do
	run add position --agreement SMA-20 --date 2020 --party KR --kind offer --amount "$amount"
	expect_status 0
	id=$(cat "$WORK/out")
	run query "SELECT CASE WHEN pct IS NULL THEN 'none' ELSE printf('%+.2f', pct) END
		FROM position_delta_row WHERE id = $id" --csv
	want=$(tail -n 1 "$WORK/out")
	want=${want/#+-/-}
	[ "$want" = "+0.00" ] && want=0.00
	run add position --agreement SMA-20 --date 2020 --party KR --kind offer --amount "$amount" --pct -100000
	if [ "$want" = none ]; then
		# too large for exact arithmetic: no pct to compare with
		expect_status 0
	else
		expect_status 65
		expect_err_contains "that amount is $want% over the baseline 7 KRW"
	fi
done
done_

case_ "check reports such values in a file that another tool wrote"
if command -v sqlite3 >/dev/null 2>&1; then
	run init --db other.db
	"$SMALOG" add source --key yonhap --outlet Yonhap --db other.db >/dev/null
	"$SMALOG" add source --key cnn --outlet CNN --db other.db >/dev/null
	"$SMALOG" add agreement --code SMA-11 --db other.db >/dev/null
	sqlite3 other.db "UPDATE source SET outlet = 'CNN' || char(8238) WHERE key = 'cnn';
		UPDATE agreement SET currency = 'WON' WHERE code = 'SMA-11';
		UPDATE source SET key = 'yon' || char(160) || 'hap' WHERE key = 'yonhap'" || fail "sqlite3 failed"
	run check --db other.db --csv
	expect_status 65
	expect_out <<EOF
kind,id,problem
source,1,"invalid key 'yon${nbsp}hap' (keys cannot contain U+00A0, a no-break space)"
source,2,"invalid outlet 'CNN?' (text cannot contain U+202E, a bidi control)"
agreement,1,invalid currency 'WON' (not an ISO 4217 currency code; did you mean KRW?)
EOF
else
	echo "skipped: the sqlite3 shell is not installed"
fi
done_

finish

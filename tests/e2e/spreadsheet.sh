#!/usr/bin/env bash
# spreadsheet.sh - a real spreadsheet (gnumeric's ssconvert) reads `smalog export --excel`: Korean
# text, 13-digit amounts and multi-line notes intact, formula-like text kept as text, never run,
# also where a crafted file puts it in a numeric column.
. "$(dirname "$0")/lib.sh"

if ! command -v ssconvert >/dev/null 2>&1; then
	echo "SKIP: ssconvert is not installed (Debian package gnumeric), so no spreadsheet can read the export"
	exit 77
fi

# convert IN OUT: ssconvert by file extension; its chatter on stderr is not ours
convert() {
	ssconvert "$1" "$2" >"$WORK/ssconvert.log" 2>&1 || fail "ssconvert $1 $2: $(tail -3 "$WORK/ssconvert.log")"
}

# cell FILE.gnumeric ROW COL TYPE TEXT: the sheet holds TEXT at ROW, COL (from 0) as a value of
# TYPE (60 text, 40 number); a formula would have no ValueType
cell() {
	local want="<gnm:Cell Row=\"$2\" Col=\"$3\" ValueType=\"$4\">$5</gnm:Cell>"
	zcat "$1" | grep -qF -- "$want" || fail "$1: no cell $2,$3 of type $4 holding '$5': $(zcat "$1" | grep -F "Row=\"$2\" Col=\"$3\"")"
}

case_ "a database with what spreadsheets get wrong"
run init
expect_status 0
"$SMALOG" add agreement --code SMA-11 --title '제11차 방위비분담특별협정' --parties KR,US --total 1.0389T --notes '=1+2' >/dev/null
"$SMALOG" add position --agreement SMA-11 --date 2020-03-31 --party KR --kind offer --amount 1,183,300,000,000 --pct -2.5 \
	--terms '+13%, one year' --notes $'13% 인상안\n두 번째 줄' >/dev/null
"$SMALOG" add position --agreement SMA-11 --date 2020-04 --party US --kind demand --amount 5,000,000,000,000 --pct 50 \
	--terms '@SUM(A1:A9)' --notes '-1+1' >/dev/null
"$SMALOG" add outcome --agreement SMA-11 --date 2020 --kind stalled --notes $'\tTAB first' >/dev/null
"$SMALOG" add outcome --agreement SMA-11 --date 2021 --kind signed --notes '=HYPERLINK("http://example.com","click")' >/dev/null
run export position --excel -o positions.csv
expect_status 0
run export agreement --excel -o agreements.csv
run export outcome --excel -o outcomes.csv
done_

case_ "the --excel export opens as a workbook and its cells come back typed"
convert positions.csv positions.xlsx
convert positions.xlsx positions.gnumeric
# the BOM is read as the encoding, not as part of the first name (uid);
# every field comes after it
cell positions.gnumeric 0 0 60 uid
cell positions.gnumeric 0 1 60 agreement
cell positions.gnumeric 1 6 40 1183300000000
cell positions.gnumeric 2 6 40 5000000000000
cell positions.gnumeric 1 8 40 -2.5
cell positions.gnumeric 1 11 60 '+13%, one year'
cell positions.gnumeric 2 11 60 '@SUM(A1:A9)'
cell positions.gnumeric 2 13 60 '-1+1'
convert agreements.csv agreements.xlsx
convert agreements.xlsx agreements.gnumeric
cell agreements.gnumeric 1 2 60 '제11차 방위비분담특별협정'
cell agreements.gnumeric 1 5 40 1038900000000
cell agreements.gnumeric 1 12 60 '=1+2'
convert outcomes.csv outcomes.xlsx
convert outcomes.xlsx outcomes.gnumeric
cell outcomes.gnumeric 1 6 60 $'\tTAB first'
cell outcomes.gnumeric 2 6 60 '=HYPERLINK(&quot;http://example.com&quot;,&quot;click&quot;)'
done_

case_ "the workbook saved back as CSV keeps the text, the amounts and the line breaks"
convert positions.xlsx back.csv
grep -qF '1183300000000' back.csv || fail "13-digit amount changed: $(cat back.csv)"
grep -qF '5000000000000' back.csv || fail "13-digit amount changed: $(cat back.csv)"
# grep -z reads the whole file as one record, so the pattern can hold the line break
tr -d '\r' <back.csv | grep -qzF $'"13% 인상안\n두 번째 줄"' || fail "multi-line Korean note lost: $(cat back.csv)"
grep -qF '@SUM(A1:A9)' back.csv || fail "defused text lost: $(cat back.csv)"
convert agreements.xlsx agreements-back.csv
grep -qF '제11차 방위비분담특별협정' agreements-back.csv || fail "Korean title lost: $(cat agreements-back.csv)"
grep -q ',=1+2$' agreements-back.csv || fail "a defused formula ran: $(cat agreements-back.csv)"
done_

case_ "a formula that a crafted file puts in a view stays text in a spreadsheet"
cp "$SMALOG_DB" crafted.db
# the view, redefined with the sqlite3 shell, puts text where the report has numbers
sqlite3 crafted.db <<'SQL' || fail "cannot craft the file"
DROP VIEW timeline;
DROP VIEW timeline_event;
CREATE VIEW timeline_event AS
SELECT '2020' AS date, 'SMA-11' AS agreement, 'offer' AS type, 'KR' AS party, 'crafted' AS summary,
	'=1+2' AS amount, 'KRW' AS currency, '-1+1' AS pct, NULL AS source, 'position 1' AS ref,
	'2020' AS date_key, 1 AS type_order, 1 AS record_id
UNION ALL
SELECT '2021', 'SMA-11', 'demand', 'US', 'real', -5, 'KRW', '-2.50', NULL, 'position 2', '2021', 1, 2;
CREATE VIEW timeline AS SELECT date, agreement, type, party, summary, amount, currency, pct, source, ref
FROM timeline_event ORDER BY date_key, type_order, record_id;
SQL
# smalog's reports run smalog's own views; the file's view, asked for by
# name through query, reaches a spreadsheet defused
run --db crafted.db query "SELECT * FROM main.timeline" --excel -o crafted.csv
expect_status 0
convert crafted.csv crafted.xlsx
convert crafted.xlsx crafted.gnumeric
cell crafted.gnumeric 1 5 60 '=1+2'
cell crafted.gnumeric 1 7 60 '-1+1'
cell crafted.gnumeric 2 5 40 -5
cell crafted.gnumeric 2 7 60 '-2.50'
done_

# The control: without --excel the same cell is a formula to a spreadsheet,
# which is what --excel prevents (and what would make this test fail).
case_ "without --excel a spreadsheet runs the formula"
run export agreement -o plain.csv
convert plain.csv plain-back.csv
grep -q ',3$' plain-back.csv || fail "expected gnumeric to compute =1+2 from the plain export: $(cat plain-back.csv)"
done_

finish

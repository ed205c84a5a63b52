#!/usr/bin/env bash
# example.sh - the bundled example (init --example): SMA-10 to SMA-12 as
# published, each fact with its source; what is unknown is left empty; the
# candidate's statement is on the charts and moves no figure.
. "$(dirname "$0")/lib.sh"

case_ "init --example says what it holds"
run init --example
expect_status 0
expect_err "created $SMALOG_DB with the SMA-10 to SMA-12 example"
done_

case_ "the schedules: amounts where published, unknown years empty, each year's rule"
run query --csv "SELECT agreement, year, amount, \"index\", cap, notes FROM schedule ORDER BY agreement, year"
expect_status 0
expect_out <<'OUT'
agreement,year,amount,index,cap,notes
SMA-10,2019,1038900000000,,,
SMA-11,2020,1038900000000,,,At the 2019 level.
SMA-11,2021,1183300000000,,,+13.9% over 2020.
SMA-11,2022,,KR.DEFENSE,,Rises with South Korea's defense budget growth (KR.DEFENSE); the amount was not published here.
SMA-11,2023,,KR.DEFENSE,,Rises with South Korea's defense budget growth (KR.DEFENSE); the amount was not published here.
SMA-11,2024,,KR.DEFENSE,,Rises with South Korea's defense budget growth (KR.DEFENSE); the amount was not published here.
SMA-11,2025,1402800000000,KR.DEFENSE,,"""1.4 trillion won in 2025""; set by South Korea's defense budget growth (KR.DEFENSE)."
SMA-12,2026,1519200000000,,,"""1.52 trillion won"", +8.3% over 2025."
SMA-12,2027,,KR.CPI,5.0,"Adjusted by the consumer price index (KR.CPI), capped at 5% a year (widely reported, not confirmed here); the amount was not published here."
SMA-12,2028,,KR.CPI,5.0,"Adjusted by the consumer price index (KR.CPI), capped at 5% a year (widely reported, not confirmed here); the amount was not published here."
SMA-12,2029,,KR.CPI,5.0,"Adjusted by the consumer price index (KR.CPI), capped at 5% a year (widely reported, not confirmed here); the amount was not published here."
SMA-12,2030,,KR.CPI,5.0,"Adjusted by the consumer price index (KR.CPI), capped at 5% a year (widely reported, not confirmed here); the amount was not published here."
OUT
# no index value was published here, so none is recorded, and terms
# says which values each rule's year waits for
run query --csv 'SELECT count(*) AS n FROM "index"'
expect_out <<<$'n\n0'
run terms --agreement SMA-12 --csv
expect_status 0
expect_out <<'OUT'
agreement,year,amount,currency,rule,growth_pct,expected,diff,cumulative,source,note
SMA-12,2026,1519200000000,KRW,,,,,1519200000000,metroradio-2024-10-04;nknews-2024-10;aseantribune-2024-11,
SMA-12,2027,,KRW,"KR.CPI, cap 5.00%",,,,,aseantribune-2024-11,no expected amount: no KR.CPI values for 2026 and 2027; no cumulative: 2027 has no amount
SMA-12,2028,,KRW,"KR.CPI, cap 5.00%",,,,,aseantribune-2024-11,no expected amount: no KR.CPI values for 2027 and 2028; no cumulative: 2027 has no amount
SMA-12,2029,,KRW,"KR.CPI, cap 5.00%",,,,,aseantribune-2024-11,no expected amount: no KR.CPI values for 2028 and 2029; no cumulative: 2027 has no amount
SMA-12,2030,,KRW,"KR.CPI, cap 5.00%",,,,,aseantribune-2024-11,no expected amount: no KR.CPI values for 2029 and 2030; no cumulative: 2027 has no amount
OUT
done_

case_ "the agreements, the rounds with their negotiators, the actors"
run query --csv "SELECT code, total, previous, start_year, end_year, signed FROM agreement ORDER BY id"
expect_out <<'OUT'
code,total,previous,start_year,end_year,signed
SMA-10,1038900000000,,2019,2019,2019-03-08
SMA-11,1038900000000,SMA-10,2020,2025,2021-04-08
SMA-12,1519200000000,SMA-11,2026,2030,2024-11-04
OUT
run query --csv "SELECT agreement, seq, start, \"end\", location, negotiators FROM round WHERE negotiators IS NOT NULL OR seq = 9"
expect_out <<'OUT'
agreement,seq,start,end,location,negotiators
SMA-11,9,2021-03-06~,2021-03-07,Washington,
SMA-12,1,2024-04-22~,,Honolulu,lee-tae-woo;linda-specht
OUT
run query --csv "SELECT key, name, party, role FROM actor ORDER BY id"
expect_out <<'OUT'
key,name,party,role
trump,Donald Trump,US,"president, then candidate"
lee-tae-woo,Lee Tae-woo,KR,chief negotiator
linda-specht,Linda Specht,US,chief negotiator
cho-tae-yul,Cho Tae-yul,KR,Foreign Minister
philip-goldberg,Philip Goldberg,US,US Ambassador
OUT
done_

case_ "the statement of 2024-10-15: a candidate's words, not a demand"
run query --csv "SELECT date, actor, agreement, party, amount, currency, quote, confidence, source FROM statement"
expect_out <<'OUT'
date,actor,agreement,party,amount,currency,quote,confidence,source
2024-10-15,trump,SMA-12,US,10000000000,USD,"If I were there now, they'd be paying us $10 billion a year",confirmed,joongang-2024-10-16;chosun-2024-10-17
OUT
run query --csv "SELECT count(*) AS n FROM position WHERE date LIKE '2024-10-15%' OR amount = 10000000000"
expect_out <<<$'n\n0'
done_

case_ "every source cited is recorded; those after the seed article carry their URL"
run query --csv "SELECT key, outlet, published, url IS NOT NULL AS has_url FROM source ORDER BY id"
expect_out <<'OUT'
key,outlet,published,has_url
koreaherald-2021-02-22,Korea Herald,2021-02-22,0
cnn-2021-02,CNN,2021-02~,0
yonhap-2021-02-22,Yonhap,2021-02-22~,0
nyt-2019-02-10,New York Times,2019-02-10,1
kbs-2021-03-08,KBS,2021-03-08,1
nknews-2021-03,NK News,2021-03,1
chosun-2024-10-17,Chosun Ilbo,2024-10-17,1
aseantribune-2024-11,ASEAN Tribune,2024-11,1
kbsworld-2024-04-26,KBS World,2024-04-26,1
metroradio-2024-10-04,Metro Radio,2024-10-04,1
nknews-2024-10,NK News,2024-10,1
joongang-2024-10-16,Korea JoongAng Daily,2024-10-16,1
OUT
run check
expect_status 0
done_

case_ "the statement changes no figure of delta, delta --by round or summary"
for report in "delta" "delta --by round" "summary"; do
	# shellcheck disable=SC2086
	run $report --csv
	expect_status 0
	cp "$WORK/out" "$WORK/with.csv"
	cp "$SMALOG_DB" "$WORK/without.db"
	sqlite3 "$WORK/without.db" "DELETE FROM statement" || fail "cannot delete the statement"
	# shellcheck disable=SC2086
	run --db "$WORK/without.db" $report --csv
	expect_status 0
	cmp -s "$WORK/out" "$WORK/with.csv" || fail "$report: the statement changed a figure"
	[ "$(wc -l <"$WORK/with.csv")" -gt 1 ] || fail "$report: no rows to compare"
done
done_

case_ "the charts of the example: every figure by its point, the statement marked"
labels_of() {
	grep -oE 'class="(value|unplaced|unknown-note)"[^>]*>[^<]*' "$1" | sed -E 's/^class="([a-z-]+)"[^>]*>/\1: /'
}
# SMA-12's percentage is over the baseline that the reports take
run chart --agreement SMA-12 -o "$WORK/sma12.svg"
expect_status 0
labels_of "$WORK/sma12.svg" >"$WORK/out"
expect_out <<'OUT'
value: Donald Trump: $10 billion → 11.3 trillion won at 1,131.5 (↑ above the scale)
value: 1.52 trillion won (+8.3%)
OUT
[ "$(grep -c 'class="statement"' "$WORK/sma12.svg")" = 1 ] || fail "expected the statement's mark"
run chart --years -o "$WORK/years.svg"
expect_status 0
labels_of "$WORK/years.svg" >"$WORK/out"
expect_out <<'OUT'
value: 1.04 trillion won
value: 1.04 trillion won
value: 1.18 trillion won
value: 1.4 trillion won
value: 1.52 trillion won
value: US demand (SMA-11): about $5 billion → 5.62 trillion won at 1,124.3243
value: US demand (SMA-11): 1.56 trillion won
value: Donald Trump: $10 billion → 11.3 trillion won at 1,131.5
unknown-note: SMA-11 2022–2024: no amount recorded (rule KR.DEFENSE)
unknown-note: SMA-12 2027–2030: no amount recorded (rule KR.CPI, cap 5%)
OUT
[ "$(grep -c 'class="year"' "$WORK/years.svg")" = 5 ] || fail "expected 5 years with an amount"
[ "$(grep -c 'class="unknown-year"' "$WORK/years.svg")" = 7 ] || fail "expected 7 years without one"
done_

finish

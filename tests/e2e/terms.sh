#!/usr/bin/env bash
# terms.sh - agreed terms over time as a user runs them: `smalog terms` with
# escalation rules computed exactly (cap, floor, missing index values), the
# baseline taken from the previous agreement's last scheduled year, term_total
# in summary, statements on the timeline that move no figure, --confidence,
# approximate amounts carried into notes, and refused options.
. "$(dirname "$0")/lib.sh"

# sql SQL: runs SQL on the test database with the sqlite3 shell, foreign
# keys on, as a record smalog itself would hold
sql() {
	sqlite3 "$SMALOG_DB" "PRAGMA foreign_keys = ON; $1" || fail "sqlite3 failed: $1"
}

if ! command -v sqlite3 >/dev/null; then
	echo "skipped: no sqlite3 shell"
	exit 77
fi

run init
[ "$status" = 0 ] || { echo "init failed: $(cat "$WORK/err")"; exit 1; }

# A CPI rule capped at 5%: the index goes 100.0 -> 107.0 (+7.00%, capped at
# 5.00%), then 107.0 -> 110.424 (+3.20%), then has no value for 2028.
sql "INSERT INTO agreement (code, parties, total, start_year, end_year) VALUES ('CPI-1', 'KR,US', 1000000000000, 2026, 2030);
INSERT INTO schedule (agreement, year, amount) VALUES ('CPI-1', 2026, 1000000000000);
INSERT INTO schedule (agreement, year, amount, \"index\", lag, cap_bp) VALUES
	('CPI-1', 2027, NULL, 'KR.CPI', 1, 500), ('CPI-1', 2028, 1083000000000, 'KR.CPI', 1, 500),
	('CPI-1', 2029, NULL, 'KR.CPI', 1, 500);
INSERT INTO \"index\" (series, period, value_e4) VALUES ('KR.CPI', '2025', 1000000), ('KR.CPI', '2026', 1070000),
	('KR.CPI', '2027', 1104240);"

case_ "terms: a capped rule, a rule within its cap, a stated amount beside the rule, a missing index value"
run terms
expect_status 0
expect_out <<'OUT'
agreement  year             amount  currency  rule                      growth_pct           expected          diff         cumulative  source  note
---------  ----  -----------------  --------  ------------------------  ----------  -----------------  ------------  -----------------  ------  -------------------------------------------------------------------------------
CPI-1      2026  1,000,000,000,000  KRW                                                                              1,000,000,000,000
CPI-1      2027                     KRW       KR.CPI, lag 1, cap 5.00%        5.00  1,050,000,000,000                2,050,000,000,000          KR.CPI grew 7.00%, capped at 5.00%
CPI-1      2028  1,083,000,000,000  KRW       KR.CPI, lag 1, cap 5.00%        3.20  1,083,600,000,000  -600,000,000  3,133,000,000,000
CPI-1      2029                     KRW       KR.CPI, lag 1, cap 5.00%                                                                          no expected amount: no KR.CPI value for 2028; no cumulative: 2029 has no amount
OUT
run terms --csv --agreement CPI-1
expect_status 0
expect_out <<'OUT'
agreement,year,amount,currency,rule,growth_pct,expected,diff,cumulative,source,note
CPI-1,2026,1000000000000,KRW,,,,,1000000000000,,
CPI-1,2027,,KRW,"KR.CPI, lag 1, cap 5.00%",5.00,1050000000000,,2050000000000,,"KR.CPI grew 7.00%, capped at 5.00%"
CPI-1,2028,1083000000000,KRW,"KR.CPI, lag 1, cap 5.00%",3.20,1083600000000,-600000000,3133000000000,,
CPI-1,2029,,KRW,"KR.CPI, lag 1, cap 5.00%",,,,,,no expected amount: no KR.CPI value for 2028; no cumulative: 2029 has no amount
OUT
# the view holds the same figures, as numbers
run query --csv "SELECT year, growth_pct, expected FROM agreement_terms WHERE agreement = 'CPI-1' AND year = 2027"
expect_out <<<$'year,growth_pct,expected\n2027,5.0,1050000000000'
done_

case_ "summary: term_total is empty, with a note, while a year cannot be computed"
run summary --csv
expect_status 0
expect_out <<'OUT'
agreement,baseline,currency,rounds,first_round,last_round,offer,demand,gap,gap_pts,furlough_workers,furlough_worker_days,outcome,term_total,note
CPI-1,,KRW,0,,,,,,,0,0,,,no baseline: CPI-1 has no baseline and no previous agreement; no term_total: no amount for 2029
OUT
sql "INSERT INTO \"index\" (series, period, value_e4) VALUES ('KR.CPI', '2028', 1104240)"
run summary --csv
expect_out <<'OUT'
agreement,baseline,currency,rounds,first_round,last_round,offer,demand,gap,gap_pts,furlough_workers,furlough_worker_days,outcome,term_total,note
CPI-1,,KRW,0,,,,,,,0,0,,4216000000000,no baseline: CPI-1 has no baseline and no previous agreement
OUT
# 2028 to 2029: no growth; the 2029 amount is 2028's stated amount
run terms --csv --agreement CPI-1
[ "$(tail -1 "$WORK/out")" = 'CPI-1,2029,,KRW,"KR.CPI, lag 1, cap 5.00%",0.00,1083000000000,,4216000000000,,' ] ||
	fail "2029 with no growth: $(tail -1 "$WORK/out")"
done_

case_ "a floor holds a fall, and a missing previous year is named"
sql "INSERT INTO agreement (code, parties, start_year) VALUES ('FLOOR-1', 'KR,US', 2030);
INSERT INTO schedule (agreement, year, amount) VALUES ('FLOOR-1', 2030, 999);
INSERT INTO schedule (agreement, year, \"index\", floor_bp) VALUES ('FLOOR-1', 2031, 'KR.GDP', 0), ('FLOOR-1', 2033, 'KR.GDP', 0);
INSERT INTO \"index\" (series, period, value_e4) VALUES ('KR.GDP', '2030', 2000000), ('KR.GDP', '2031', 1900000),
	('KR.GDP', '2032', 1900000), ('KR.GDP', '2033', 1900000);"
run terms --csv --agreement FLOOR-1
expect_out <<'OUT'
agreement,year,amount,currency,rule,growth_pct,expected,diff,cumulative,source,note
FLOOR-1,2030,999,KRW,,,,,999,,
FLOOR-1,2031,,KRW,"KR.GDP, floor 0.00%",0.00,999,,1998,,"KR.GDP grew -5.00%, floored at 0.00%"
FLOOR-1,2033,,KRW,"KR.GDP, floor 0.00%",0.00,,,,,no expected amount: no 2032 in the schedule of FLOOR-1; no cumulative: 2033 has no amount
OUT
done_

case_ "rounding is exact, half away from zero, even where a plain product would overflow"
# 54.6T over 52.8T: values near 2^63 in ten-thousandths; 999 * 546 / 528 = 1033.06... -> 1033
sql "INSERT INTO agreement (code, parties, start_year) VALUES ('DEF-1', 'KR,US', 2040);
INSERT INTO schedule (agreement, year, amount) VALUES ('DEF-1', 2040, 9223372036854775807);
INSERT INTO schedule (agreement, year, \"index\") VALUES ('DEF-1', 2041, 'KR.DEFENSE');
INSERT INTO agreement (code, parties, start_year) VALUES ('DEF-2', 'KR,US', 2040);
INSERT INTO schedule (agreement, year, amount) VALUES ('DEF-2', 2040, 999);
INSERT INTO schedule (agreement, year, \"index\") VALUES ('DEF-2', 2041, 'KR.DEFENSE');
INSERT INTO \"index\" (series, period, value_e4) VALUES ('KR.DEFENSE', '2040', 528000000000000000),
	('KR.DEFENSE', '2041', 546000000000000000);"
run terms --csv --agreement DEF-2
expect_out <<'OUT'
agreement,year,amount,currency,rule,growth_pct,expected,diff,cumulative,source,note
DEF-2,2040,999,KRW,,,,,999,,
DEF-2,2041,,KRW,KR.DEFENSE,3.41,1033,,2032,,
OUT
run terms --csv --agreement DEF-1
expect_out <<'OUT'
agreement,year,amount,currency,rule,growth_pct,expected,diff,cumulative,source,note
DEF-1,2040,9223372036854775807,KRW,,,,,9223372036854775807,,
DEF-1,2041,,KRW,KR.DEFENSE,3.41,,,,,no expected amount: the figures are too large for exact arithmetic; no cumulative: 2041 has no amount
OUT
run query --csv "SELECT count(*) FROM agreement_terms WHERE typeof(expected) = 'real' OR typeof(cumulative) = 'real'"
expect_out <<<$'count(*)\n0'
done_

# SMA-12's +8.3% is over SMA-11's 2025 contribution, not its first year.
sql "INSERT INTO agreement (code, parties, total, start_year, end_year) VALUES ('SMA-11', 'KR,US', 1038900000000, 2020, 2025);
INSERT INTO agreement (code, parties, total, previous, start_year, end_year) VALUES ('SMA-12', 'KR,US', 1519200000000, 'SMA-11', 2026, 2030);
INSERT INTO schedule (agreement, year, amount) VALUES ('SMA-11', 2020, 1038900000000), ('SMA-11', 2021, 1183300000000),
	('SMA-11', 2025, 1402800000000), ('SMA-12', 2026, 1519200000000);
INSERT INTO round (agreement, seq, start) VALUES ('SMA-12', 1, '2024-04-23');
INSERT INTO position (agreement, round, date, party, kind, amount) VALUES
	('SMA-12', 1, '2024-10-04', 'KR', 'offer', 1519200000000);
INSERT INTO position (agreement, round, date, party, kind, amount, confidence) VALUES
	('SMA-12', 1, '2024-10-04', 'US', 'demand', 1600000000000, 'rumored');"

case_ "SMA-12: 2026 at 8.30% over SMA-11's 2025, with no explicit baseline"
run delta --agreement SMA-12
expect_status 0
expect_out <<'OUT'
agreement  date        party  kind               amount    pct  prev_amount  change  change_pts  days       other_amount             gap  gap_pts  note
---------  ----------  -----  ------  -----------------  -----  -----------  ------  ----------  ----  -----------------  --------------  -------  ----------------------------
SMA-12     2024-10-04  KR     offer   1,519,200,000,000   8.30
SMA-12     2024-10-04  US     demand  1,600,000,000,000  14.06                                         1,519,200,000,000  80,800,000,000     5.76  rumored: rests on position 2
OUT
run query --csv "SELECT agreement, baseline, baseline_from FROM agreement_basis WHERE agreement = 'SMA-12'"
expect_out <<<$'agreement,baseline,baseline_from\nSMA-12,1402800000000,SMA-11 2025'
# the chart draws that baseline, and does not call it SMA-11's total
run chart --agreement SMA-12 -o "$WORK/sma12.svg"
expect_status 0
grep -q "SMA-11 total" "$WORK/sma12.svg" && fail "the chart calls the 2025 amount SMA-11's total"
done_

case_ "--confidence leaves lower positions out of every figure"
run delta --csv --agreement SMA-12 --confidence reported
expect_status 0
expect_out <<'OUT'
agreement,date,party,kind,amount,pct,prev_amount,change,change_pts,days,other_amount,gap,gap_pts,note
SMA-12,2024-10-04,KR,offer,1519200000000,8.30,,,,,,,,
OUT
run delta --by round --csv --agreement SMA-12 --confidence reported
expect_out <<'OUT'
agreement,seq,start,end,offer,demand,gap,gap_pts,change_gap
SMA-12,1,2024-04-23,,1519200000000,,,,
OUT
run summary --csv --agreement SMA-12 --confidence confirmed
expect_out <<'OUT'
agreement,baseline,currency,rounds,first_round,last_round,offer,demand,gap,gap_pts,furlough_workers,furlough_worker_days,outcome,term_total,note
SMA-12,1402800000000,KRW,1,2024-04-23,2024-04-23,,,,,0,0,,1519200000000,
OUT
run summary --csv --agreement SMA-12
expect_out <<'OUT'
agreement,baseline,currency,rounds,first_round,last_round,offer,demand,gap,gap_pts,furlough_workers,furlough_worker_days,outcome,term_total,note
SMA-12,1402800000000,KRW,1,2024-04-23,2024-04-23,1519200000000,1600000000000,80800000000,5.76,0,0,,1519200000000,rumored: rests on position 2
OUT
run timeline --csv --agreement SMA-12 --confidence reported
expect_out <<'OUT'
date,agreement,type,party,summary,amount,currency,pct,source,ref
2024-04-23,SMA-12,round,,round 1,,,,,SMA-12:1
2024-10-04,SMA-12,offer,KR,KR offer in round 1,1519200000000,KRW,,,position 1
OUT
# rumored is the default: every position counts
run delta --csv --agreement SMA-12 --confidence rumored
cp "$WORK/out" "$WORK/rumored"
run delta --csv --agreement SMA-12
cmp -s "$WORK/out" "$WORK/rumored" || fail "--confidence rumored differs from the default"
# the file's views still count every position
run query --csv "SELECT count(*) FROM position_counted"
expect_out <<<$'count(*)\n2'
done_

case_ "a statement is on the timeline and changes no figure of delta or summary"
for r in "delta" "delta --by round" "summary"; do
	# shellcheck disable=SC2086
	run $r --csv
	cp "$WORK/out" "$WORK/before-${r// /-}"
done
sql "INSERT INTO actor (key, name, party, role) VALUES ('trump', 'Donald Trump', 'US', 'candidate');
INSERT INTO statement (date, actor, agreement, party, amount, currency, quote, source) VALUES
	('2024-10-04', 'trump', 'SMA-12', 'US', 10000000000, 'USD', '\$10 billion a year', NULL);"
for r in "delta" "delta --by round" "summary"; do
	# shellcheck disable=SC2086
	run $r --csv
	cmp -s "$WORK/out" "$WORK/before-${r// /-}" || fail "the statement changed smalog $r: $(diff "$WORK/before-${r// /-}" "$WORK/out")"
done
# on its day it follows the offer and the demand
run timeline --csv --agreement SMA-12
expect_out <<'OUT'
date,agreement,type,party,summary,amount,currency,pct,source,ref
2024-04-23,SMA-12,round,,round 1,,,,,SMA-12:1
2024-10-04,SMA-12,offer,KR,KR offer in round 1,1519200000000,KRW,,,position 1
2024-10-04,SMA-12,demand,US,US demand in round 1 (rumored),1600000000000,KRW,,,position 2
2024-10-04,SMA-12,statement,US,"Donald Trump, candidate: ""$10 billion a year""",10000000000,USD,,,statement 1
OUT
run timeline --csv --type statement
expect_out <<'OUT'
date,agreement,type,party,summary,amount,currency,pct,source,ref
2024-10-04,SMA-12,statement,US,"Donald Trump, candidate: ""$10 billion a year""",10000000000,USD,,,statement 1
OUT
# a rumored statement is left out with --confidence reported
sql "UPDATE statement SET confidence = 'rumored'"
run timeline --csv --type statement --confidence reported
expect_out <<<"date,agreement,type,party,summary,amount,currency,pct,source,ref"
done_

case_ "an approximate amount says 'about' in every figure computed from it"
sql "UPDATE schedule SET amount_approx = 1 WHERE agreement = 'CPI-1' AND year = 2026;
UPDATE position SET amount_approx = 1 WHERE id = 1"
run terms --csv --agreement CPI-1
expect_out <<'OUT'
agreement,year,amount,currency,rule,growth_pct,expected,diff,cumulative,source,note
CPI-1,2026,1000000000000~,KRW,,,,,1000000000000,,about: the amount is approximate
CPI-1,2027,,KRW,"KR.CPI, lag 1, cap 5.00%",5.00,1050000000000,,2050000000000,,"KR.CPI grew 7.00%, capped at 5.00%; about: expected from the approximate amount of CPI-1 2026"
CPI-1,2028,1083000000000,KRW,"KR.CPI, lag 1, cap 5.00%",3.20,1083600000000,-600000000,3133000000000,,about: expected from the approximate amount of CPI-1 2027
CPI-1,2029,,KRW,"KR.CPI, lag 1, cap 5.00%",0.00,1083000000000,,4216000000000,,
OUT
run delta --csv --agreement SMA-12
expect_out <<'OUT'
agreement,date,party,kind,amount,pct,prev_amount,change,change_pts,days,other_amount,gap,gap_pts,note
SMA-12,2024-10-04,KR,offer,1519200000000,8.30,,,,,,,,about: approximate amount of position 1
SMA-12,2024-10-04,US,demand,1600000000000,14.06,,,,,1519200000000,80800000000,5.76,about: approximate amount of position 1; rumored: rests on position 2
OUT
run summary --csv --agreement CPI-1
expect_out <<'OUT'
agreement,baseline,currency,rounds,first_round,last_round,offer,demand,gap,gap_pts,furlough_workers,furlough_worker_days,outcome,term_total,note
CPI-1,,KRW,0,,,,,,,0,0,,4216000000000,no baseline: CPI-1 has no baseline and no previous agreement; about: term_total rests on approximate amounts
OUT
done_

case_ "terms --sql prints the SQL it runs"
run terms --sql --agreement CPI-1
expect_status 0
grep -q "FROM agreement_terms_row" "$WORK/out" || fail "no view in: $(head -3 "$WORK/out")"
grep -q "'CPI-1'" "$WORK/out" || fail "the agreement is not written in"
done_

case_ "bad values of the new options are refused with exit 64, nothing printed, nothing changed"
refused 64 "--confidence: expected confirmed, reported or rumored (the least a position must be to count), not 'sure'" \
	delta --confidence sure
refused 64 "--confidence: expected confirmed, reported or rumored (the least a position must be to count), not 'Confirmed'" \
	timeline --confidence Confirmed
refused 64 "--confidence: expected confirmed, reported or rumored (the least a position must be to count), not 'rumoured'" \
	terms --confidence rumoured
refused 64 "option '--confidence' needs a value" summary --confidence ""
refused 64 "--agreement: no agreement 'SMA-99' (see 'smalog list agreements')" terms --agreement SMA-99
refused 64 "--type: unknown event type 'statements' (expected round, offer, demand, statement, outcome, furlough-start or furlough-end, separated by commas)" \
	timeline --type statements
done_

finish

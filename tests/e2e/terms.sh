#!/usr/bin/env bash
# terms.sh - agreed terms over time as a user runs them: `smalog terms` with
# escalation rules computed exactly (cap, floor, missing index values), the
# baseline taken from the previous agreement's last scheduled year, term_total
# in summary, statements on the timeline that move no figure, --confidence,
# approximate amounts carried into notes, and refused options.
. "$(dirname "$0")/lib.sh"

# add KIND ARGS...: records one record as a user does; a refusal fails the check
add() {
	run add "$@"
	[ "$status" = 0 ] || fail "smalog add $*: exit $status: $(cat "$WORK/err")"
}

run init
[ "$status" = 0 ] || { echo "init failed: $(cat "$WORK/err")"; exit 1; }

# A CPI rule capped at 5%: the index goes 100.0 -> 107.0 (+7.00%, capped at
# 5.00%), then 107.0 -> 110.424 (+3.20%), then has no value for 2028.
add agreement --code CPI-1 --parties KR,US --total 1T --start-year 2026 --end-year 2030
add index --series KR.CPI --period 2025 --value 100.0
add index --series KR.CPI --period 2026 --value 107.0
add index --series KR.CPI --period 2027 --value 110.424
add schedule --agreement CPI-1 --year 2026 --amount 1T
add schedule --agreement CPI-1 --year 2027 --index KR.CPI --lag 1 --cap 5
add schedule --agreement CPI-1 --year 2028 --amount 1.083T --index KR.CPI --lag 1 --cap 5
add schedule --agreement CPI-1 --year 2029 --index KR.CPI --lag 1 --cap 5

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
add index --series KR.CPI --period 2028 --value 110.424
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
add agreement --code FLOOR-1 --parties KR,US --start-year 2030
for v in 2030:200 2031:190 2032:190 2033:190; do
	add index --series KR.GDP --period "${v%:*}" --value "${v#*:}"
done
add schedule --agreement FLOOR-1 --year 2030 --amount 999
add schedule --agreement FLOOR-1 --year 2031 --index KR.GDP --floor 0
add schedule --agreement FLOOR-1 --year 2033 --index KR.GDP --floor 0
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
add index --series KR.DEFENSE --period 2040 --value 52.8T --unit KRW
add index --series KR.DEFENSE --period 2041 --value 54.6T --unit KRW
add agreement --code DEF-1 --parties KR,US --start-year 2040
add schedule --agreement DEF-1 --year 2040 --amount 9223372036854775807
add schedule --agreement DEF-1 --year 2041 --index KR.DEFENSE
add agreement --code DEF-2 --parties KR,US --start-year 2040
add schedule --agreement DEF-2 --year 2040 --amount 999
add schedule --agreement DEF-2 --year 2041 --index KR.DEFENSE
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
add agreement --code SMA-11 --parties KR,US --total 1.0389T --start-year 2020 --end-year 2025
add agreement --code SMA-12 --parties KR,US --total 1.5192T --previous SMA-11 --start-year 2026 --end-year 2030
add schedule --agreement SMA-11 --year 2020 --amount 1.0389T
add schedule --agreement SMA-11 --year 2021 --amount "1조 1,833억"
add schedule --agreement SMA-11 --year 2025 --amount 1.4028T
add schedule --agreement SMA-12 --year 2026 --amount 1.5192T
add round --agreement SMA-12 --seq 1 --start 2024-04-23
add position --agreement SMA-12 --round 1 --date 2024-10-04 --party KR --kind offer --amount 1.5192T
add position --agreement SMA-12 --round 1 --date 2024-10-04 --party US --kind demand --amount 1.6T --confidence rumored

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
add actor --key trump --name "Donald Trump" --party US --role candidate
add statement --date 2024-10-04 --actor trump --agreement SMA-12 --party US --amount '$10bn' --quote '$10 billion a year'
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
run edit statement 1 --confidence rumored
expect_status 0
run timeline --csv --type statement --confidence reported
expect_out <<<"date,agreement,type,party,summary,amount,currency,pct,source,ref"
done_

case_ "an approximate amount says 'about' in every figure computed from it"
run edit schedule 1 --amount 1T~
expect_status 0
run edit position 1 --amount 1.5192T~
expect_status 0
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

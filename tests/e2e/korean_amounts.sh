#!/usr/bin/env bash
# korean_amounts.sh - amounts as Korean and English sources write them:
# Korean units (1조 1,833억), a currency sign (₩, 원, $) that sets or must
# agree with the record's currency, and "about" values (5bn~, 4,000~) kept
# with their '~' through list, show, export and import.  Every refusal
# leaves the database as it was.
. "$(dirname "$0")/lib.sh"

case_ "set up"
run init
expect_status 0
run add agreement --code SMA-11 --parties KR,US --total '1조 389억' --start-year 2020 --end-year 2025
expect_status 0
run add agreement --code SMA-12 --parties KR,US --previous SMA-11 --total '1조 5,192억' --baseline '₩1조 4,028억' \
	--start-year 2026 --end-year 2030
expect_status 0
done_

case_ "Korean units are exact whole won"
run add position --agreement SMA-12 --date 2024-10 --party KR --kind offer --amount '1조 1,833억'
expect_status 0
run add position --agreement SMA-12 --date 2024-10-02 --party KR --kind offer --amount '1.5조'
expect_status 0
run add position --agreement SMA-12 --date 2024-10-03 --party KR --kind offer --amount '15,192억'
expect_status 0
run add position --agreement SMA-12 --date 2024-10-04 --party KR --kind offer --amount '5,000만 원'
expect_status 0
run add position --agreement SMA-12 --date 2024-10-05 --party KR --kind offer --amount '3천억'
expect_status 0
run list position --csv
expect_out <<'OUT'
id,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
1,SMA-12,,2024-10,KR,offer,1183300000000,,,,reported,,,
2,SMA-12,,2024-10-02,KR,offer,1500000000000,,,,reported,,,
3,SMA-12,,2024-10-03,KR,offer,1519200000000,,,,reported,,,
4,SMA-12,,2024-10-04,KR,offer,50000000,KRW,,,reported,,,
5,SMA-12,,2024-10-05,KR,offer,300000000000,,,,reported,,,
OUT
run list agreement --csv
expect_out <<'OUT'
id,code,title,parties,currency,total,baseline,previous,start_year,end_year,signed,source,notes
1,SMA-11,,"KR,US",KRW,1038900000000,,,2020,2025,,,
2,SMA-12,,"KR,US",KRW,1519200000000,1402800000000,SMA-11,2026,2030,,,
OUT
done_

case_ "a currency sign with no currency given sets it"
run add position --agreement SMA-12 --date 2024-10-15 --party US --kind demand --amount '$10bn'
expect_status 0
run add position --agreement SMA-12 --date 2024-10-16 --party US --kind demand --amount '$919.1 million' --currency usd
expect_status 0
run show position 6 --csv
mask_uids
expect_out <<'OUT'
field,value
id,6
uid,UID
agreement,SMA-12
round,
date,2024-10-15
party,US
kind,demand
amount,10000000000
currency,USD
pct,
years,
confidence,reported
terms,
source,
notes,
OUT
done_

case_ "a sign that disagrees with the currency is refused, naming both"
refused 65 "amount is given in KRW (its sign) but currency is USD" \
	add position --agreement SMA-12 --date 2024-11 --party US --kind demand --amount '₩5조' --currency USD
refused 65 "amount is given in USD (its sign) but currency is KRW" \
	add position --agreement SMA-12 --date 2024-11 --party US --kind demand --amount '$5bn' --currency KRW
refused 65 "amount is given in KRW (its sign) but currency is USD" \
	add position --agreement SMA-12 --date 2024-11 --party US --kind demand --amount '5조원' --currency USD
# position 6 is in USD: a won amount needs its currency changed with it
refused 65 "amount is given in KRW (its sign) but currency is USD" edit position 6 --amount '₩5조'
refused 65 "total is given in USD (its sign) but currency is KRW" edit agreement SMA-12 --total '$5bn'
refused 65 "stopgap is given in USD (its sign) but currency is KRW" \
	add furlough --agreement SMA-12 --start 2020-04 --workers 4000 --stopgap '$1M' --currency KRW
run edit position 6 --amount '₩5조' --currency KRW
expect_status 0
run edit position 6 --amount '$10bn' --currency USD
expect_status 0
done_

case_ "Korean amounts that are not clear are refused"
refused 65 "--amount: invalid amount '1조 15,192억' (the 억 group must be less than one 조)" \
	add position --agreement SMA-12 --date 2024-11 --party KR --kind offer --amount '1조 15,192억'
refused 65 "--amount: invalid amount '1만 1억' (조, 억 and 만 come in that order, each once)" \
	add position --agreement SMA-12 --date 2024-11 --party KR --kind offer --amount '1만 1억'
refused 65 "--amount: invalid amount '15천억' (one digit, 1 to 9, before 천)" \
	add position --agreement SMA-12 --date 2024-11 --party KR --kind offer --amount '15천억'
refused 65 "--amount: invalid amount '1.00000000000001조' (not a whole number of units)" \
	add position --agreement SMA-12 --date 2024-11 --party KR --kind offer --amount '1.00000000000001조'
refused 65 "--amount: invalid amount '10,000,000조' (too large)" \
	add position --agreement SMA-12 --date 2024-11 --party KR --kind offer --amount '10,000,000조'
refused 65 "--amount: invalid amount '1,83억' (thousands separators must separate groups of three digits)" \
	add position --agreement SMA-12 --date 2024-11 --party KR --kind offer --amount '1,83억'
refused 65 "--amount: invalid amount '\$5조원' ('\$' and '원' name different currencies)" \
	add position --agreement SMA-12 --date 2024-11 --party KR --kind offer --amount '$5조원'
refused 65 "--total: invalid amount '억' (no digits before 억)" edit agreement SMA-12 --total '억'
done_

case_ "about values: kept with their '~'"
run add position --agreement SMA-12 --date 2024-12 --party US --kind demand --amount '5bn~' --currency USD
expect_status 0
run add furlough --agreement SMA-12 --start 2020-04-01 --workers '4,000~' --stopgap '1조원~'
expect_status 0
run list position --agreement SMA-12 --party US --from 2024-12
expect_out <<'OUT'
id  agreement  round  date     party  kind            amount  currency  pct  years  confidence  terms  source  notes
--  ---------  -----  -------  -----  ------  --------------  --------  ---  -----  ----------  -----  ------  -----
 8  SMA-12            2024-12  US     demand  5,000,000,000~  USD                   reported
OUT
run list furlough --csv
expect_out <<'OUT'
id,agreement,start,end,workers,stopgap,currency,source,notes
1,SMA-12,2020-04-01,,4000~,1000000000000~,KRW,,
OUT
run list furlough --json
expect_out <<'OUT'
[
{"id":1,"agreement":"SMA-12","start":"2020-04-01","end":null,"workers":"4000~","stopgap":"1000000000000~","currency":"KRW","source":null,"notes":null}
]
OUT
run query "SELECT amount, amount_approx FROM position WHERE id = 8"
expect_out <<'OUT'
    amount  amount_approx
----------  -------------
5000000000              1
OUT
done_

case_ "export, import, export is byte for byte"
for kind in agreement position furlough; do
	run export $kind -o "$WORK/$kind.1.csv"
	expect_status 0
done
grep -q '5000000000~' "$WORK/position.1.csv" || fail "export lost the '~'"
export SMALOG_DB="$WORK/again.db"
run init
for kind in agreement position furlough; do
	run import $kind "$WORK/$kind.1.csv"
	expect_status 0
done
for kind in agreement position furlough; do
	run export $kind -o "$WORK/$kind.2.csv"
	cmp -s "$WORK/$kind.1.csv" "$WORK/$kind.2.csv" || fail "$kind export differs after import"
done
done_

case_ "import: a sign sets the currency, a disagreeing one is refused by line and column"
printf 'agreement,date,party,kind,amount,currency\nSMA-12,2025-01,US,demand,$5bn~,\n' >"$WORK/ok.csv"
run import position "$WORK/ok.csv"
expect_status 0
run list position --csv --from 2025-01
expect_out <<'OUT'
id,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
9,SMA-12,,2025-01,US,demand,5000000000~,USD,,,reported,,,
OUT
printf 'agreement,date,party,kind,amount,currency\nSMA-12,2025-02,US,demand,₩5조,USD\n' >"$WORK/bad.csv"
refused 65 "$WORK/bad.csv:2: column 'amount': amount is given in KRW (its sign) but currency is USD" \
	import position "$WORK/bad.csv"
printf 'agreement,date,party,kind,amount\nSMA-12,2025-02,KR,offer,"1조 15,192억"\n' >"$WORK/bad.csv"
refused 65 "$WORK/bad.csv:2: column 'amount': invalid amount '1조 15,192억' (the 억 group must be less than one 조)" \
	import position "$WORK/bad.csv"
printf 'agreement,start,workers\nSMA-12,2020-05,4000~~\n' >"$WORK/bad.csv"
refused 65 "$WORK/bad.csv:2: column 'workers': invalid workers '4000~~' (expected a whole number)" \
	import furlough "$WORK/bad.csv"
printf 'agreement,date,party,kind,amount\nSMA-12,2025-02,KR,offer,5.5~\n' >"$WORK/bad.csv"
refused 65 "$WORK/bad.csv:2: column 'amount': invalid amount '5.5~' (not a whole number of units)" \
	import position "$WORK/bad.csv"
done_

case_ "about counts are refused when malformed"
refused 65 "--workers: invalid workers '~' (expected a whole number)" \
	add furlough --agreement SMA-12 --start 2020-06 --workers '~'
refused 65 "--workers: invalid workers '0~' (must be 1 to 100000000)" \
	add furlough --agreement SMA-12 --start 2020-06 --workers '0~'
refused 65 "--years: invalid years '3~' (expected a whole number)" \
	add position --agreement SMA-12 --date 2025-03 --party KR --kind offer --amount 1T --years '3~'
done_

finish

#!/usr/bin/env bash
# terms_kinds.sh - the kinds of agreed terms (SPEC section 5): schedule,
# index, actor and statement, and a round's negotiators, through add, list,
# show, edit, delete, import and export.  Every bad value of every new
# field is refused with its message and leaves the database as it was;
# what references an actor keeps it, and so does the last value of a
# series that a rule follows; export, import, export gives the same bytes,
# "about" amounts and Korean text included.
. "$(dirname "$0")/lib.sh"

# expect_out_of FILE: FILE must equal standard input exactly
expect_out_of() { cat >"$WORK/want"; cmp -s "$WORK/want" "$1" || { fail "$1 differs:"; diff "$WORK/want" "$1" | head -20; }; }

case_ "set up"
run init
expect_status 0
run add agreement --code SMA-11 --parties KR,US --start-year 2020 --end-year 2025
expect_status 0
run add agreement --code SMA-12 --parties KR,US --previous SMA-11 --currency KRW --start-year 2026 --end-year 2030
expect_status 0
run add agreement --code US-ONLY --parties US --currency USD
expect_status 0
run add source --key mofa-2024-10-04 --outlet '외교부'
expect_status 0
done_

case_ "index: a series' values by year or month, decimals or amounts"
run add index --series KR.CPI --period 2024 --value 114.18 --unit '2020=100' --source mofa-2024-10-04
expect_status 0
expect_out <<'OUT'
1
OUT
run add index --series KR.CPI --period ' 2025 ' --value 1,117.2345
expect_status 0
run add index --series KR.DEFENSE --period 2022 --value 54.6T --unit KRW
expect_status 0
run add index --series KR.DEFENSE --period 2023-03 --value '57조 143억'
expect_status 0
run list index --csv
expect_out <<'OUT'
id,series,period,value,unit,source,notes
1,KR.CPI,2024,114.18,2020=100,mofa-2024-10-04,
2,KR.CPI,2025,1117.2345,,,
3,KR.DEFENSE,2022,54600000000000,KRW,,
4,KR.DEFENSE,2023-03,57014300000000,,,
OUT
run list indexes --json
expect_out <<'OUT'
[
{"id":1,"series":"KR.CPI","period":"2024","value":114.18,"unit":"2020=100","source":"mofa-2024-10-04","notes":null},
{"id":2,"series":"KR.CPI","period":"2025","value":1117.2345,"unit":null,"source":null,"notes":null},
{"id":3,"series":"KR.DEFENSE","period":"2022","value":54600000000000,"unit":"KRW","source":null,"notes":null},
{"id":4,"series":"KR.DEFENSE","period":"2023-03","value":57014300000000,"unit":null,"source":null,"notes":null}
]
OUT
done_

case_ "index: every bad value refused, the database unchanged"
refused 65 "series is required for an index" add index --period 2024 --value 1
refused 65 "period is required for an index" add index --series KR.CPI --value 1
refused 65 "value is required for an index" add index --series KR.CPI --period 2024
refused 65 "--series: invalid series 'KR CPI' (keys cannot contain spaces or control characters)" \
	add index --series 'KR CPI' --period 2024 --value 1
refused 65 "--series: invalid series 'KR;CPI' (keys cannot contain ';', ',' or ':')" \
	add index --series 'KR;CPI' --period 2024 --value 1
refused 65 "--period: invalid period '2024-13' (the month must be 01 to 12)" \
	add index --series KR.CPI --period 2024-13 --value 1
refused 65 "--period: invalid period '2024-00' (the month must be 01 to 12)" \
	add index --series KR.CPI --period 2024-00 --value 1
refused 65 "--period: invalid period '24' (expected a year YYYY or a month YYYY-MM)" \
	add index --series KR.CPI --period 24 --value 1
refused 65 "--period: invalid period '2024-03-01' (expected a year YYYY or a month YYYY-MM)" \
	add index --series KR.CPI --period 2024-03-01 --value 1
refused 65 "--period: invalid period '0000' (the year must be 0001 to 9999)" \
	add index --series KR.CPI --period 0000 --value 1
refused 65 "--period: series KR.CPI already has a value for 2024" add index --series KR.CPI --period 2024 --value 1
refused 65 "--value: invalid value '0' (must be greater than zero)" add index --series KR.CPI --period 2023 --value 0
refused 65 "--value: invalid value '-1' (a sign is not allowed)" add index --series KR.CPI --period 2023 --value -1
refused 65 "--value: invalid value '1.00001' (more than four decimals)" \
	add index --series KR.CPI --period 2023 --value 1.00001
refused 65 "--value: invalid value '922337203685477.5808' (too large)" \
	add index --series KR.CPI --period 2023 --value 922337203685477.5808
refused 65 "--value: invalid value '1000T' (too large: at most 922,337,203,685,477)" \
	add index --series KR.CPI --period 2023 --value 1000T
refused 65 "--value: invalid value '1.5x' (unknown suffix 'x'; use k, M, B, T, thousand, million, billion or trillion)" \
	add index --series KR.CPI --period 2023 --value 1.5x
refused 65 "--value: invalid value '\$5bn' (a currency sign is not allowed here)" \
	add index --series KR.CPI --period 2023 --value '$5bn'
refused 65 "--value: invalid value '5bn~' ('~' is not allowed here)" add index --series KR.CPI --period 2023 --value '5bn~'
refused 65 "--value: invalid value 'abc' (not a number)" add index --series KR.CPI --period 2023 --value abc
refused 65 "--period: invalid period '2024-13' (the month must be 01 to 12)" edit index 1 --period 2024-13
refused 65 "--source: no source 'nope' (add it first: smalog add source --key nope --outlet ...)" \
	add index --series KR.CPI --period 2023 --value 1 --source nope
done_

case_ "actor: key, name, party, role"
run add actor --key trump --name 'Donald Trump' --party us --role 'president-elect'
expect_status 0
expect_out <<'OUT'
1
OUT
run add actor --key lee-tae-woo --name '이태우 Lee Tae-woo' --party KR --role 'chief negotiator'
expect_status 0
run add actor --key linda-spector --name 'Linda Spector' --party US
expect_status 0
run list actor --party US --csv
expect_out <<'OUT'
id,key,name,party,role,notes
1,trump,Donald Trump,US,president-elect,
3,linda-spector,Linda Spector,US,,
OUT
refused 65 "key is required for an actor" add actor --name x
refused 65 "name is required for an actor" add actor --key lee
refused 65 "--key: invalid key 'lee tae' (keys cannot contain spaces or control characters)" add actor --key 'lee tae' --name x
refused 65 "--key: invalid key 'lee;tae' (keys cannot contain ';', ',' or ':')" add actor --key 'lee;tae' --name x
refused 65 "--key: actor 'trump' already exists" add actor --key trump --name x
refused 65 "--party: invalid party 'KOR' (expected an ISO 3166 alpha-2 code such as KR or US)" \
	add actor --key lee --name x --party KOR
refused 65 "--name: invalid name 'a?b' (text cannot contain U+0001, a control character)" add actor --key lee --name $'a\x01b'
refused 65 "no actor 'nobody'" show actor nobody
refused 65 "no actor 'TRUMP'; did you mean 'trump'?" show actor TRUMP
done_

case_ "round negotiators: actor keys separated by ';', each checked"
run add round --agreement SMA-12 --start 2024-04-23 --negotiators ' lee-tae-woo ; linda-spector '
expect_status 0
run list round --csv
expect_out <<'OUT'
id,agreement,seq,start,end,location,format,negotiators,source,notes
1,SMA-12,1,2024-04-23,,,,lee-tae-woo;linda-spector,,
OUT
refused 65 "--negotiators: invalid negotiators 'trump;;x' (an empty item in the list)" \
	add round --agreement SMA-12 --start 2024 --negotiators 'trump;;x'
refused 65 "--negotiators: invalid negotiators 'trump;trump' (an item appears twice)" \
	add round --agreement SMA-12 --start 2024 --negotiators 'trump;trump'
refused 65 "--negotiators: no actor 'nobody' (add it first: smalog add actor --key nobody --name ...)" \
	add round --agreement SMA-12 --start 2024 --negotiators 'trump;nobody'
refused 65 "--negotiators: no actor 'TRUMP'; did you mean 'trump'?" \
	add round --agreement SMA-12 --start 2024 --negotiators 'TRUMP'
refused 65 "--negotiators: invalid negotiators 'trump,lee' (keys cannot contain ';', ',' or ':')" \
	add round --agreement SMA-12 --start 2024 --negotiators 'trump,lee'
refused 65 "--negotiators: no actor 'nobody' (add it first: smalog add actor --key nobody --name ...)" \
	edit round SMA-12:1 --negotiators nobody
done_

case_ "schedule: a year's amount, or its rule, named SMA-11:2021"
run add schedule --agreement SMA-11 --year 2020 --amount '1조 389억'
expect_status 0
run add schedule --agreement SMA-11 --year 2021 --amount '1조 1,833억~' --source mofa-2024-10-04 --notes '+13.9% 인상'
expect_status 0
run add schedule --agreement SMA-11 --year 2022 --index KR.DEFENSE --lag 1
expect_status 0
run add schedule --agreement SMA-12 --year 2027 --index KR.CPI --lag 1 --cap 5 --floor 0
expect_status 0
run add schedule --agreement US-ONLY --year 2026 --amount '$5bn~'
expect_status 0
run list schedule --csv
expect_out <<'OUT'
id,agreement,year,amount,currency,index,lag,cap,floor,source,notes
1,SMA-11,2020,1038900000000,KRW,,,,,,
2,SMA-11,2021,1183300000000~,KRW,,,,,mofa-2024-10-04,+13.9% 인상
3,SMA-11,2022,,KRW,KR.DEFENSE,1,,,,
4,SMA-12,2027,,KRW,KR.CPI,1,5,0,,
5,US-ONLY,2026,5000000000~,USD,,,,,,
OUT
run list schedule --agreement SMA-11
expect_out <<'OUT'
id  agreement  year              amount  currency  index       lag  cap  floor  source           notes
--  ---------  ----  ------------------  --------  ----------  ---  ---  -----  ---------------  -----------
 1  SMA-11     2020   1,038,900,000,000  KRW
 2  SMA-11     2021  1,183,300,000,000~  KRW                                    mofa-2024-10-04  +13.9% 인상
 3  SMA-11     2022                      KRW       KR.DEFENSE    1
OUT
run show schedule SMA-11:2021 --csv
mask_uids
expect_out <<'OUT'
field,value
id,2
uid,UID
agreement,SMA-11
year,2021
amount,1183300000000~
currency,KRW
index,
lag,
cap,
floor,
source,mofa-2024-10-04
notes,+13.9% 인상
OUT
run edit schedule SMA-12:2027 --cap 4.5
expect_status 0
run show schedule 4 --json
mask_uids
expect_out <<'OUT'
[
{"field":"id","value":"4"},
{"field":"uid","value":"UID"},
{"field":"agreement","value":"SMA-12"},
{"field":"year","value":"2027"},
{"field":"amount","value":null},
{"field":"currency","value":"KRW"},
{"field":"index","value":"KR.CPI"},
{"field":"lag","value":"1"},
{"field":"cap","value":"4.5"},
{"field":"floor","value":"0"},
{"field":"source","value":null},
{"field":"notes","value":null}
]
OUT
done_

case_ "schedule: every bad value refused, the database unchanged"
refused 65 "agreement is required for a schedule" add schedule --year 2021
refused 65 "year is required for a schedule" add schedule --agreement SMA-11
refused 65 "--agreement: no agreement 'SMA-99' (add it first: smalog add agreement --code SMA-99)" \
	add schedule --agreement SMA-99 --year 2021
refused 65 "--agreement: no agreement 'sma-11'; did you mean 'SMA-11'?" add schedule --agreement sma-11 --year 2023
refused 65 "--year: invalid year '0' (must be 1 to 9999)" add schedule --agreement SMA-11 --year 0
refused 65 "--year: invalid year '10000' (must be 1 to 9999)" add schedule --agreement SMA-11 --year 10000
refused 65 "--year: invalid year '2021.5' (expected a whole number)" add schedule --agreement SMA-11 --year 2021.5
refused 65 "--year: SMA-11 2021 already has a schedule year" add schedule --agreement SMA-11 --year 2021
refused 65 "--year: SMA-11 2021 already has a schedule year" edit schedule SMA-11:2020 --year 2021
refused 65 "--amount: invalid amount '-5' (amounts cannot be negative)" add schedule --agreement SMA-11 --year 2023 --amount -5
refused 65 "amount is given in USD (its sign) but currency is KRW" \
	add schedule --agreement SMA-11 --year 2023 --amount '$5bn' --currency KRW
refused 65 "--currency: invalid currency 'WON' (not an ISO 4217 currency code; did you mean KRW?)" \
	add schedule --agreement SMA-11 --year 2023 --currency WON
refused 65 "--index: no series 'kr.cpi' in index; did you mean 'KR.CPI'?" add schedule --agreement SMA-11 --year 2023 --index kr.cpi
refused 65 "--index: invalid index 'KR CPI' (keys cannot contain spaces or control characters)" \
	add schedule --agreement SMA-11 --year 2023 --index 'KR CPI'
refused 65 "--lag: invalid lag '11' (must be 0 to 10)" add schedule --agreement SMA-11 --year 2023 --index KR.CPI --lag 11
refused 65 "--lag: invalid lag '-1' (expected a whole number)" add schedule --agreement SMA-11 --year 2023 --index KR.CPI --lag -1
refused 65 "lag applies to a rule: give the index series it follows too" add schedule --agreement SMA-11 --year 2023 --lag 1
refused 65 "cap applies to a rule: give the index series it follows too" add schedule --agreement SMA-11 --year 2023 --cap 5
refused 65 "floor applies to a rule: give the index series it follows too" add schedule --agreement SMA-11 --year 2023 --floor 1
refused 65 "--cap: invalid percentage '5.001' (more than two decimals)" \
	add schedule --agreement SMA-11 --year 2023 --index KR.CPI --cap 5.001
refused 65 "floor 5.5% is above cap 5%" add schedule --agreement SMA-11 --year 2023 --index KR.CPI --cap 5 --floor 5.5
refused 65 "floor 5% is above cap 4.5%" edit schedule SMA-12:2027 --floor 5
refused 65 "lag applies to a rule: give the index series it follows too" edit schedule SMA-12:2027 --index ''
refused 65 "--source: no source 'nope' (add it first: smalog add source --key nope --outlet ...)" \
	add schedule --agreement SMA-11 --year 2023 --source nope
refused 65 "no schedule 'SMA-11:1999'" show schedule SMA-11:1999
refused 64 "'foo' is not a schedule reference: expected an id or AGREEMENT:YEAR such as SMA-11:2021" show schedule foo
refused 64 "--party does not apply to schedules" list schedule --party KR
done_

case_ "statement: who said what, party from the actor"
run add statement --date 2024-10-15 --actor trump --amount '$10bn~' --quote 'Korea is a "money machine"' \
	--confidence confirmed --source mofa-2024-10-04
expect_status 0
run add statement --date 2024-11 --actor lee-tae-woo --agreement SMA-12 --pct 8.3 --quote '국회 비준 동의를 요청'
expect_status 0
run add statement --date 2023~ --actor trump --party KR --notes 'party given'
expect_status 0
run list statement --csv
expect_out <<'OUT'
id,date,actor,agreement,party,amount,currency,pct,quote,confidence,source,notes
3,2023~,trump,,KR,,,,,reported,,party given
1,2024-10-15,trump,,US,10000000000~,USD,,"Korea is a ""money machine""",confirmed,mofa-2024-10-04,
2,2024-11,lee-tae-woo,SMA-12,KR,,,8.3,국회 비준 동의를 요청,reported,,
OUT
run list statement --agreement SMA-12 --csv
expect_out <<'OUT'
id,date,actor,agreement,party,amount,currency,pct,quote,confidence,source,notes
2,2024-11,lee-tae-woo,SMA-12,KR,,,8.3,국회 비준 동의를 요청,reported,,
OUT
run list statement --party US --from 2024-10 --to 2024-10 --csv
expect_out <<'OUT'
id,date,actor,agreement,party,amount,currency,pct,quote,confidence,source,notes
1,2024-10-15,trump,,US,10000000000~,USD,,"Korea is a ""money machine""",confirmed,mofa-2024-10-04,
OUT
run list statement --from 2025
expect_out <<'OUT'
id  date  actor  agreement  party  amount  currency  pct  quote  confidence  source  notes
--  ----  -----  ---------  -----  ------  --------  ---  -----  ----------  ------  -----
OUT
run edit statement 3 --date 2023-06 --actor linda-spector --party ''
expect_status 0
run show statement 3 --csv
mask_uids
expect_out <<'OUT'
field,value
id,3
uid,UID
date,2023-06
actor,linda-spector
agreement,
party,US
amount,
currency,
pct,
quote,
confidence,reported
source,
notes,party given
OUT
done_

case_ "statement: every bad value refused, the database unchanged"
refused 65 "date is required for a statement" add statement --actor trump
refused 65 "actor is required for a statement" add statement --date 2024-10-15
refused 65 "--date: invalid date '2024-02-30' (February 2024 has 29 days)" add statement --date 2024-02-30 --actor trump
refused 65 "--actor: no actor 'nobody' (add it first: smalog add actor --key nobody --name ...)" \
	add statement --date 2024-10-15 --actor nobody
refused 65 "--actor: no actor 'Trump'; did you mean 'trump'?" add statement --date 2024-10-15 --actor Trump
refused 65 "--actor: invalid actor 'a b' (keys cannot contain spaces or control characters)" \
	add statement --date 2024-10-15 --actor 'a b'
refused 65 "--agreement: no agreement 'SMA-99' (add it first: smalog add agreement --code SMA-99)" \
	add statement --date 2024-10-15 --actor trump --agreement SMA-99
refused 65 "--party: invalid party 'USA' (expected an ISO 3166 alpha-2 code such as KR or US)" \
	add statement --date 2024-10-15 --actor trump --party USA
refused 65 "--party: party KR is not a party to US-ONLY (US)" add statement --date 2024-10-15 --actor trump --agreement US-ONLY --party KR
refused 65 "--amount: invalid amount '10bn~x' (unexpected '~' after the suffix)" \
	add statement --date 2024-10-15 --actor trump --amount '10bn~x'
refused 65 "amount is given in USD (its sign) but currency is KRW" \
	add statement --date 2024-10-15 --actor trump --amount '$10bn' --currency KRW
refused 65 "--pct: invalid percentage 'abc' (unexpected 'a')" add statement --date 2024-10-15 --actor trump --pct abc
refused 65 "--confidence: invalid confidence 'sure' (expected confirmed, reported or rumored)" \
	add statement --date 2024-10-15 --actor trump --confidence sure
refused 65 "--source: no source 'x' (add it first: smalog add source --key x --outlet ...)" \
	add statement --date 2024-10-15 --actor trump --source x
refused 65 "--quote: invalid quote 'a?b' (text cannot contain U+0001, a control character)" \
	add statement --date 2024-10-15 --actor trump --quote $'a\x01b'
refused 64 "'x' is not a statement reference: expected an id" show statement x
done_

case_ "show names what references an actor, a source, an agreement"
run show actor linda-spector --csv
mask_uids
expect_out <<'OUT'
field,value
id,3
uid,UID
key,linda-spector
name,Linda Spector
party,US
role,
notes,
referenced by,round SMA-12:1
referenced by,statement 3
OUT
run show source mofa-2024-10-04 --csv
mask_uids
expect_out <<'OUT'
field,value
id,1
uid,UID
key,mofa-2024-10-04
outlet,외교부
title,
url,
published,
notes,
referenced by,index 1
referenced by,schedule SMA-11:2021
referenced by,statement 1
OUT
run show agreement SMA-12 --csv
mask_uids
expect_out <<'OUT'
field,value
id,2
uid,UID
code,SMA-12
title,
parties,"KR,US"
currency,KRW
total,
baseline,
previous,SMA-11
start_year,2026
end_year,2030
signed,
source,
notes,
referenced by,round SMA-12:1
referenced by,schedule SMA-12:2027
referenced by,statement 2
OUT
done_

case_ "show names the schedule years whose rule follows an index value's series"
run show index 1 --csv
mask_uids
expect_out <<'OUT'
field,value
id,1
uid,UID
series,KR.CPI
period,2024
value,114.18
unit,2020=100
source,mofa-2024-10-04
notes,
referenced by,schedule SMA-12:2027
OUT
done_

case_ "delete: an actor is kept while a round or a statement names it"
refused 65 "cannot delete actor 'linda-spector': referenced by 1 round, 1 statement; delete or change those first" \
	delete actor linda-spector
refused 65 "cannot delete actor '1': referenced by 1 statement; delete or change those first" delete actor 1
refused 65 "actor 'lee-tae-woo' is cited by 2 records; it cannot be renamed" edit actor lee-tae-woo --key lee
refused 65 "cannot delete source 'mofa-2024-10-04': referenced by 1 index, 1 schedule, 1 statement; delete or change those first" \
	delete source mofa-2024-10-04
refused 65 "cannot delete agreement 'SMA-11': referenced by 1 agreement, 3 schedules; delete or change those first" \
	delete agreement SMA-11
run add actor --key spare --name Spare
expect_status 0
run delete actor spare
expect_status 0
run delete schedule US-ONLY:2026
expect_status 0
run delete index 4
expect_status 0
# the last value of a series that a rule follows stays
refused 65 "cannot delete index '3': referenced by 1 schedule; delete or change those first" delete index 3
run add schedule --agreement US-ONLY --year 2026 --amount '$5bn~'
expect_status 0
done_

case_ "export, import into a new database, export: the same bytes for every kind"
run export --all first
expect_status 0
expect_err "exported 1 source, 3 actors, 3 agreements, 1 round, 0 positions, 0 outcomes, 0 furloughs, 0 rates, 3 indexes, 5 schedules, 3 statements to first"
cp first/schedule.csv "$WORK/schedule.csv"
strip_uids "$WORK/schedule.csv"
expect_out_of "$WORK/schedule.csv" <<'OUT'
agreement,year,amount,currency,index,lag,cap,floor,source,notes
SMA-11,2020,1038900000000,KRW,,,,,,
SMA-11,2021,1183300000000~,KRW,,,,,mofa-2024-10-04,+13.9% 인상
SMA-11,2022,,KRW,KR.DEFENSE,1,,,,
SMA-12,2027,,KRW,KR.CPI,1,4.5,0,,
US-ONLY,2026,5000000000~,USD,,,,,,
OUT
export SMALOG_DB="$WORK/copy.db"
run init
for kind in source actor agreement round position outcome furlough rate index schedule statement; do
	run import "$kind" "first/$kind.csv"
	expect_status 0
done
run export --all second
expect_status 0
diff -r first second >/dev/null || fail "the second export differs: $(diff -r first second | head -20)"
run list schedule --agreement US-ONLY
expect_out <<'OUT'
id  agreement  year          amount  currency  index  lag  cap  floor  source  notes
--  ---------  ----  --------------  --------  -----  ---  ---  -----  ------  -----
 5  US-ONLY    2026  5,000,000,000~  USD
OUT
run import schedule first/schedule.csv --again --skip-existing
expect_status 0
expect_err "imported 0 schedules; 5 schedules recorded already, skipped"
run import actor first/actor.csv --again --skip-existing
expect_status 0
expect_err "imported 0 actors; 3 actors recorded already, skipped"
SMALOG_DB=$WORK/test.db
done_

case_ "import: a row is compared as it would be stored, defaults filled in"
# SMA-11 2020 is stored in KRW, its agreement's currency; statement 3 in
# the party of its actor
printf 'agreement,year,amount\nSMA-11,2020,1조 389억\n' >schedule-again.csv
run import schedule schedule-again.csv --skip-existing
expect_status 0
expect_err "imported 0 schedules; 1 schedule recorded already, skipped"
printf 'date,actor,notes\n2023-06,linda-spector,party given\n' >statement-again.csv
refused 65 "statement-again.csv:2: this statement is already recorded as statement 3 (use --again to record it twice)" \
	import statement statement-again.csv
done_

case_ "import: a bad cell is refused with its line, nothing written"
printf 'series,period,value\nKR.CPI,2030,1\nKR.CPI,2030-13,2\n' >bad-index.csv
refused 65 "bad-index.csv:3: column 'period': invalid period '2030-13' (the month must be 01 to 12)" import index bad-index.csv
printf 'agreement,year,index,cap,floor\nSMA-12,2028,KR.CPI,5,6\n' >bad-schedule.csv
refused 65 "bad-schedule.csv:2: column 'floor': floor 6% is above cap 5%" import schedule bad-schedule.csv
printf 'agreement,year,index\nSMA-12,2029,kr-cpi\n' >bad-series.csv
refused 65 "bad-series.csv:2: column 'index': no series 'kr-cpi' in index; did you mean 'KR.CPI'?" \
	import schedule bad-series.csv
printf 'date,actor\n2024,nobody\n' >bad-statement.csv
refused 65 "bad-statement.csv:2: column 'actor': no actor 'nobody' (add it first: smalog add actor --key nobody --name ...)" \
	import statement bad-statement.csv
done_

case_ "bash completion offers the new kinds, actor keys, series and schedule years"
completion="$(dirname "$0")/../../contrib/smalog.bash-completion"
# complete_words WORDS...: the candidates for the last word, sorted, on one line
complete_words() {
	PATH="$(dirname "$SMALOG"):$PATH" bash -c '
		COMP_WORDBREAKS=$'"'"' \t\n"\'"'"'><=;|&(:'"'"'
		source "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_smalog
		printf "%s\n" "${COMPREPLY[@]}"
	' complete "$completion" "$@" | sort | tr '\n' ' ' >"$WORK/out"
	echo >>"$WORK/out"
}
complete_words smalog list s
expect_out <<<"schedule source statement "
complete_words smalog export ac
expect_out <<<"actor "
complete_words smalog add statement --date 2024 --actor l
expect_out <<<"lee-tae-woo linda-spector "
complete_words smalog add round --agreement SMA-12 --start 2024 --negotiators 'lee-tae-woo;li'
expect_out <<<"lee-tae-woo;linda-spector "
complete_words smalog add schedule --agreement SMA-12 --year 2028 --index K
expect_out <<<"KR.CPI KR.DEFENSE "
complete_words smalog delete actor t
expect_out <<<"trump "
complete_words smalog show schedule SMA-11 :
expect_out <<<"2020 2021 2022 "
done_

finish

#!/usr/bin/env bash
# records.sh - add, list, show, edit and delete every kind, in every format,
# and every refusal of a bad value or reference, with the database unchanged.
. "$(dirname "$0")/lib.sh"

case_ "init creates an empty database"
run init
expect_status 0
expect_err "created $SMALOG_DB"
done_

case_ "add prints the new id for every kind"
run add source --key kh-2021 --outlet "Korea Herald" --published 2021-02-22
expect_status 0; expect_out <<<"1"
run add source --key cnn --outlet CNN
expect_out <<<"2"
run add agreement --code SMA-10 --parties KR,US --total 1.0389T --baseline 960.2bn --start-year 2019 --end-year 2019 --source kh-2021
expect_status 0; expect_out <<<"1"
run add agreement --code SMA-11 --title "11차 방위비분담특별협정" --parties " kr , us " --previous SMA-10
expect_out <<<"2"
run add round --agreement SMA-11 --start 2019-09-24 --end 2019-09-25 --location Seoul --format In-Person
expect_out <<<"1"
run add round --agreement SMA-11 --start 2019-10~
expect_out <<<"2"
run add position --agreement SMA-11 --round 1 --date 2019-09-24 --party KR --kind offer --pct +13% --source "kh-2021; cnn"
expect_out <<<"1"
run add position --agreement SMA-11 --date 2020-04~ --party us --kind demand --amount "1.5 trillion" --currency krw --years 1 --confidence rumored
expect_out <<<"2"
run add outcome --agreement SMA-11 --round 2 --date 2020-04 --kind Rejected
expect_out <<<"1"
run add furlough --agreement SMA-11 --start 2020-04-01 --end 2020-06-15 --workers 4,000
expect_out <<<"1"
run add rate --date 2021-02-22 --currency KRW --per-usd 1131.5
expect_out <<<"1"
done_

case_ "list, table"
run list positions
expect_status 0
expect_out <<'OUT'
id  agreement  round  date        party  kind               amount  currency  pct  years  confidence  terms  source       notes
--  ---------  -----  ----------  -----  ------  -----------------  --------  ---  -----  ----------  -----  -----------  -----
 1  SMA-11         1  2019-09-24  KR     offer                                 13         reported           kh-2021;cnn
 2  SMA-11            2020-04~    US     demand  1,500,000,000,000  KRW                1  rumored
OUT
run list agreement
expect_out <<'OUT'
id  code    title                    parties  currency              total         baseline  previous  start_year  end_year  signed  source   notes
--  ------  -----------------------  -------  --------  -----------------  ---------------  --------  ----------  --------  ------  -------  -----
 1  SMA-10                           KR,US    KRW       1,038,900,000,000  960,200,000,000                  2019      2019          kh-2021
 2  SMA-11  11차 방위비분담특별협정  KR,US    KRW                                           SMA-10
OUT
done_

case_ "list, csv tsv json jsonl markdown"
run list round --csv
expect_out <<'OUT'
id,agreement,seq,start,end,location,format,negotiators,source,notes
1,SMA-11,1,2019-09-24,2019-09-25,Seoul,in-person,,,
2,SMA-11,2,2019-10~,,,,,,
OUT
run list round --tsv
expect_out <<'OUT'
id	agreement	seq	start	end	location	format	negotiators	source	notes
1	SMA-11	1	2019-09-24	2019-09-25	Seoul	in-person			
2	SMA-11	2	2019-10~						
OUT
run list rate --json
expect_out <<'OUT'
[
{"id":1,"date":"2021-02-22","currency":"KRW","per_usd":1131.5,"source":null,"notes":null}
]
OUT
run list furlough --format jsonl
expect_out <<'OUT'
{"id":1,"agreement":"SMA-11","start":"2020-04-01","end":"2020-06-15","workers":4000,"stopgap":null,"currency":null,"source":null,"notes":null}
OUT
run list outcome --md
expect_out <<'OUT'
|   id | agreement | round | date    | kind     | source | notes |
| ---: | --------- | ----: | ------- | -------- | ------ | ----- |
|    1 | SMA-11    |     2 | 2020-04 | rejected |        |       |
OUT
done_

case_ "list filters"
run list position --party US --csv
expect_out <<'OUT'
id,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
2,SMA-11,,2020-04~,US,demand,1500000000000,KRW,,1,rumored,,,
OUT
# a party is read as add and the reports read it: "us" is US
run list position --party us --csv
expect_out <<'OUT'
id,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
2,SMA-11,,2020-04~,US,demand,1500000000000,KRW,,1,rumored,,,
OUT
run list position --from 2020 --to 2020 --csv
expect_out <<'OUT'
id,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
2,SMA-11,,2020-04~,US,demand,1500000000000,KRW,,1,rumored,,,
OUT
run list position --to 2019-09 --csv
expect_out <<'OUT'
id,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
1,SMA-11,1,2019-09-24,KR,offer,,,13,,reported,,kh-2021;cnn,
OUT
run list round --agreement SMA-10 --csv
expect_out <<'OUT'
id,agreement,seq,start,end,location,format,negotiators,source,notes
OUT
done_

case_ "list filter refusals"
refused 64 "--party does not apply to rounds" list round --party KR
refused 64 "--from: invalid date '2020-13' (month must be 01 to 12)" list position --from 2020-13
refused 64 "--from 2021 is after --to 2020" list position --from 2021 --to 2020
refused 64 "option '--party' needs a value" list position --party ""
refused 64 "unknown option '--colour' for 'smalog list' (see 'smalog list --help')" list position --colour
refused 64 "unknown kind 'offers' (expected agreement, source, round, position, outcome, furlough, rate, schedule, index, actor or statement)" list offers
refused 64 "unknown format 'xml' (expected table, csv, tsv, json, jsonl, markdown or xlsx)" list position --format xml
done_

case_ "show by id and natural key"
run show agreement SMA-10 --csv
mask_uids
expect_status 0
expect_out <<'OUT'
field,value
id,1
uid,UID
code,SMA-10
title,
parties,"KR,US"
currency,KRW
total,1038900000000
baseline,960200000000
previous,
start_year,2019
end_year,2019
signed,
source,kh-2021
notes,
referenced by,agreement SMA-11
OUT
run show round SMA-11:1 --csv
mask_uids
expect_out <<'OUT'
field,value
id,1
uid,UID
agreement,SMA-11
seq,1
start,2019-09-24
end,2019-09-25
location,Seoul
format,in-person
negotiators,
source,
notes,
referenced by,position 1
OUT
run show source kh-2021 --csv
mask_uids
expect_out <<'OUT'
field,value
id,1
uid,UID
key,kh-2021
outlet,Korea Herald
title,
url,
published,2021-02-22
notes,
referenced by,agreement SMA-10
referenced by,position 1
OUT
run show agreement SMA-11
mask_uids
expect_status 0
expect_out <<'OUT'
field          value
-------------  ------------------------------------
id             2
uid            UID
code           SMA-11
title          11차 방위비분담특별협정
parties        KR,US
currency       KRW
total
baseline
previous       SMA-10
start_year
end_year
signed
source
notes
referenced by  round SMA-11:1
referenced by  round SMA-11:2
referenced by  position 1
referenced by  position 2
referenced by  outcome 1
referenced by  furlough 1
OUT
run show agreement SMA-10
mask_uids
expect_out <<'OUT'
field          value
-------------  ------------------------------------
id             1
uid            UID
code           SMA-10
title
parties        KR,US
currency       KRW
total          1,038,900,000,000
baseline       960,200,000,000
previous
start_year     2019
end_year       2019
signed
source         kh-2021
notes
referenced by  agreement SMA-11
OUT
run show furlough 1 --md
mask_uids
expect_out <<'OUT'
| field     | value                                |
| --------- | ------------------------------------ |
| id        | 1                                    |
| uid       | UID |
| agreement | SMA-11                               |
| start     | 2020-04-01                           |
| end       | 2020-06-15                           |
| workers   | 4,000                                |
| stopgap   |                                      |
| currency  |                                      |
| source    |                                      |
| notes     |                                      |
OUT
run show furlough 1 --json
mask_uids
grep -q '{"field":"workers","value":"4000"}' out || fail "JSON has grouped digits: $(cat out)"
run list furlough
expect_out <<'OUT'
id  agreement  start       end         workers  stopgap  currency  source  notes
--  ---------  ----------  ----------  -------  -------  --------  ------  -----
 1  SMA-11     2020-04-01  2020-06-15    4,000
OUT
refused 65 "no position with id 99" show position 99
refused 65 "no agreement 'SMA-99'" show agreement SMA-99
refused 64 "'SMA-11' is not a position reference: expected an id" show position SMA-11
done_

case_ "edit changes and clears fields, cascades a renamed agreement"
run edit position 2 --amount 1.3T --years ""
expect_status 0
run edit agreement SMA-11 --code SMA-11x
expect_status 0
run list position --csv
expect_out <<'OUT'
id,agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
1,SMA-11x,1,2019-09-24,KR,offer,,,13,,reported,,kh-2021;cnn,
2,SMA-11x,,2020-04~,US,demand,1300000000000,KRW,,,rumored,,,
OUT
run list round --csv
expect_out <<'OUT'
id,agreement,seq,start,end,location,format,negotiators,source,notes
1,SMA-11x,1,2019-09-24,2019-09-25,Seoul,in-person,,,
2,SMA-11x,2,2019-10~,,,,,,
OUT
run edit agreement SMA-11x --code SMA-11
expect_status 0
refused 64 "nothing to change: give the fields to edit (see 'smalog edit position --help')" edit position 1
refused 65 "--date: invalid date '2021-02-29' (February 2021 has 28 days)" edit position 1 --date 2021-02-29
refused 65 "a position needs an amount, a pct, or both" edit position 1 --pct ""
refused 65 "source 'cnn' is cited by 1 record; it cannot be renamed" edit source cnn --key cnn-2021
refused 65 "--seq: round 1 of SMA-11 already exists" edit round SMA-11:2 --seq 1
done_

case_ "add refuses bad values, nothing written"
refused 65 "--date: invalid date '2020-02-30' (February 2020 has 29 days)" add position --agreement SMA-11 --date 2020-02-30 --party KR --kind offer --pct 13
refused 65 "--date: invalid date '1900-02-29' (February 1900 has 28 days)" add position --agreement SMA-11 --date 1900-02-29 --party KR --kind offer --pct 13
refused 65 "--amount: invalid amount '1.5' (not a whole number of units)" add position --agreement SMA-11 --date 2020 --party KR --kind offer --amount 1.5
refused 65 "--amount: invalid amount '-5' (amounts cannot be negative)" add position --agreement SMA-11 --date 2020 --party KR --kind offer --amount -5
refused 65 "--pct: invalid percentage '13.125' (more than two decimals)" add position --agreement SMA-11 --date 2020 --party KR --kind offer --pct 13.125
refused 65 "--kind: invalid kind 'bid' (expected offer or demand)" add position --agreement SMA-11 --date 2020 --party KR --kind bid --pct 1
refused 65 "--party: invalid party 'KOR' (expected an ISO 3166 alpha-2 code such as KR or US)" add position --agreement SMA-11 --date 2020 --party KOR --kind offer --pct 1
refused 65 "--party: party JP is not a party to SMA-11 (KR,US)" add position --agreement SMA-11 --date 2020 --party JP --kind offer --pct 1
refused 65 "--currency: invalid currency 'KR1' (expected an ISO 4217 code such as KRW or USD)" add position --agreement SMA-11 --date 2020 --party KR --kind offer --amount 5 --currency KR1
refused 65 "a position needs an amount, a pct, or both" add position --agreement SMA-11 --date 2020 --party KR --kind offer
refused 65 "date is required for a position" add position --agreement SMA-11 --party KR --kind offer --pct 1
refused 65 "date is required for a position" add position --agreement SMA-11 --date "" --party KR --kind offer --pct 1
refused 65 "--agreement: no agreement 'SMA-12' (add it first: smalog add agreement --code SMA-12)" add position --agreement SMA-12 --date 2020 --party KR --kind offer --pct 1
refused 65 "--round: no round 9 in agreement 'SMA-11'" add position --agreement SMA-11 --round 9 --date 2020 --party KR --kind offer --pct 1
refused 65 "--source: no source 'yonhap' (add it first: smalog add source --key yonhap --outlet ...)" add position --agreement SMA-11 --date 2020 --party KR --kind offer --pct 1 --source "kh-2021;yonhap"
refused 65 "--source: invalid source 'kh-2021;;cnn' (an empty item in the list)" add outcome --agreement SMA-11 --date 2020 --kind signed --source "kh-2021;;cnn"
refused 65 "--source: invalid source 'cnn;cnn' (an item appears twice)" add outcome --agreement SMA-11 --date 2020 --kind signed --source "cnn;cnn"
refused 65 "end 2019-09 is before start 2019-10-01" add round --agreement SMA-11 --start 2019-10-01 --end 2019-09
refused 65 "--format: invalid format 'zoom' (expected in-person, video or phone)" add round --agreement SMA-11 --start 2019 --format zoom
refused 65 "--workers: invalid workers '4,0000' (misplaced ',')" add furlough --agreement SMA-11 --start 2020 --workers 4,0000
refused 65 "--per-usd: invalid rate '0' (must be greater than zero)" add rate --date 2020 --currency KRW --per-usd 0
refused 65 "--code: invalid code 'SMA 12' (keys cannot contain spaces or control characters)" add agreement --code "SMA 12"
refused 65 "--previous: no agreement 'SMA-9' (add it first: smalog add agreement --code SMA-9)" add agreement --code SMA-12 --previous SMA-9
refused 65 "--code: agreement 'SMA-10' already exists" add agreement --code SMA-10
refused 65 "--key: source 'cnn' already exists" add source --key cnn --outlet CNN
refused 65 "--seq: round 1 of SMA-11 already exists" add round --agreement SMA-11 --seq 1 --start 2019-09-24
refused 65 "--date: a KRW rate on 2021-02-22 already exists" add rate --date 2021-02-22 --currency KRW --per-usd 1100
refused 65 "--title: invalid title: not valid UTF-8 (byte 2)" add agreement --code X --title $'a\xff'
refused 64 "unknown option '--amount' for an outcome (see 'smalog add outcome --help')" add outcome --agreement SMA-11 --date 2020 --kind signed --amount 5
refused 64 "option '--date' needs a value" add outcome --agreement SMA-11 --kind signed --date
refused 64 "option '--date' given twice" add outcome --date 2020 --date 2021
refused 64 "'smalog add' needs a kind: agreement, source, round, position, outcome, furlough, rate, schedule, index, actor or statement" add
done_

case_ "field options are refused by commands that do not set fields"
fields_msg="(fields are set with 'add' and 'edit')"
refused 64 "list does not take --amount $fields_msg" list position --amount 5
refused 64 "list does not take --code $fields_msg" list agreement --code=SMA-10
refused 64 "show does not take --amount $fields_msg" show position 1 --amount 5
refused 64 "show does not take --start-year $fields_msg" show agreement SMA-10 --start-year 2020
refused 64 "delete does not take --amount $fields_msg" delete position 1 --amount 5
refused 64 "delete does not take --workers $fields_msg" delete furlough 1 --workers 1
run list position --csv
grep -q "^1,SMA-11," out || fail "position 1 is gone after a refused delete"
done_

case_ "a mistyped command, kind or option names the nearest"
refused 64 "unknown kind 'postion'; did you mean 'position'?" add postion --agreement SMA-11
refused 64 "unknown kind 'postion'; did you mean 'position'?" add postion --agrement SMA-11 --bogus
refused 64 "unknown kind 'positon'; did you mean 'position'?" show positon 1
refused 64 "unknown kind 'Agreements'; did you mean 'agreements'?" list Agreements
refused 64 "unknown kind 'furloguh'; did you mean 'furlough'?" delete furloguh 1
refused 64 "unknown kind 'offer' (expected agreement, source, round, position, outcome, furlough, rate, schedule, index, actor or statement)" edit offer 1 --amount 5
refused 64 "unknown kind 'postion'; did you mean 'position'?" import postion /dev/null
refused 64 "unknown kind 'agremeent'; did you mean 'agreement'?" export agremeent
refused 64 "unknown command 'timline'; did you mean 'timeline'?" timline
refused 64 "unknown command 'shwo'; did you mean 'show'?" shwo position 1
refused 64 "unknown option '--agrement' for a position; did you mean '--agreement'?" add position --agrement SMA-11
refused 64 "unknown option '--start-yaer' for an agreement; did you mean '--start-year'?" edit agreement SMA-10 --start-yaer 2020
refused 64 "unknown option '--agreemnt' for 'smalog list'; did you mean '--agreement'?" list position --agreemnt SMA-11
refused 64 "unknown option '--jsno' for 'smalog show'; did you mean '--json'?" show position 1 --jsno
refused 64 "unknown option '-agreement' for 'smalog list'; did you mean '--agreement'?" list position -agreement SMA-11
done_

case_ "list --agreement names a recorded agreement, or says which one was meant"
refused 64 "--agreement: no agreement 'sma-11'; did you mean 'SMA-11'?" list position --agreement sma-11
refused 64 "--agreement: no agreement 'SMA-99' (see 'smalog list agreements')" list round --agreement SMA-99
done_

case_ "messages say 'an agreement', 'an outcome'"
refused 65 "date is required for an outcome" add outcome --agreement SMA-11 --kind signed
refused 65 "code is required for an agreement" add agreement --title "no code"
refused 64 "'SMA-11' is not an outcome reference: expected an id" show outcome SMA-11
refused 64 "unknown option '--dat' for an outcome; did you mean '--date'?" edit outcome 1 --dat 2020
run add agreement --help
expect_status 0
grep -q "^fields of an agreement (\* required):$" out || fail "add agreement --help: $(grep fields out)"
run edit outcome --help
grep -q "^fields of an outcome:$" out || fail "edit outcome --help: $(grep fields out)"
done_

case_ "delete refuses while referenced, then deletes"
refused 65 "cannot delete agreement 'SMA-11': referenced by 2 rounds, 2 positions, 1 outcome, 1 furlough; delete or change those first" delete agreement SMA-11
refused 65 "cannot delete source 'cnn': referenced by 1 position; delete or change those first" delete source cnn
refused 65 "cannot delete round 'SMA-11:2': referenced by 1 outcome; delete or change those first" delete round SMA-11:2
run delete outcome 1
expect_status 0
run delete round SMA-11:2
expect_status 0
run delete position 1
expect_status 0
run delete source cnn
expect_status 0
run list source --csv
expect_out <<'OUT'
id,key,outlet,title,url,published,notes
1,kh-2021,Korea Herald,,,2021-02-22,
OUT
refused 65 "no outcome with id 1" delete outcome 1
done_

case_ "check passes on valid data"
run check
expect_status 0
expect_err "ok: 7 records checked, no problems"
done_

finish

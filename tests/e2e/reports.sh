#!/usr/bin/env bash
# reports.sh - timeline, delta, delta --by round and summary as a user runs
# them: exact output in every format on the bundled example, a hand-checked
# 20-event timeline, every filter, refused filters, --sql, and the same rows
# from the views in the sqlite3 shell.
. "$(dirname "$0")/lib.sh"

run init --example
[ "$status" = 0 ] || { echo "init --example failed: $(cat "$WORK/err")"; exit 1; }

# The bundled example: SPEC's worked example is its delta (KR +13% resolves
# to 1,173,957,000,000, US +50% to 1,558,350,000,000, a gap of
# 384,393,000,000 or 37.00 points; the KR offer of 1,183,300,000,000 is
# 13.90%, a change of 9,343,000,000 or 0.90 points, and the gap narrows to
# 375,050,000,000, 36.10 points).
case_ "example: timeline"
run timeline
expect_status 0
expect_out <<'OUT'
date         agreement  type            party  summary                                                                                                                        amount  currency    pct  source                                     ref
-----------  ---------  --------------  -----  ------------------------------------------------------------------------------------------------------------------  -----------------  --------  -----  -----------------------------------------  -----------
2019-02-10   SMA-10     outcome                tentative (agreement in principle)                                                                                                                      nyt-2019-02-10                             outcome 8
2019-03-08   SMA-10     outcome                signed                                                                                                                                                                                             outcome 1
2019-09~     SMA-11     demand          US     US demand                                                                                                               5,000,000,000  USD              chosun-2024-10-17                          position 6
2019-09-24   SMA-11     round                  round 1 in Seoul (in-person), until 2019-09-25                                                                                                          koreaherald-2021-02-22                     SMA-11:1
2019-10-23   SMA-11     round                  round 2 in Honolulu (in-person), until 2019-10-24                                                                                                                                                  SMA-11:2
2019-11-18   SMA-11     round                  round 3 in Seoul (in-person), until 2019-11-19                                                                                                                                                     SMA-11:3
2019-12-03   SMA-11     round                  round 4 in Washington (in-person), until 2019-12-04                                                                                                                                                SMA-11:4
2019-12-17   SMA-11     round                  round 5 in Seoul (in-person), until 2019-12-18                                                                                                                                                     SMA-11:5
2019-12-31   SMA-10     outcome                expired                                                                                                                                                 koreaherald-2021-02-22                     outcome 2
2020-01-14   SMA-11     round                  round 6 in Washington (in-person), until 2020-01-15                                                                                                                                                SMA-11:6
2020-03~     SMA-11     offer           KR     KR offer                                                                                                                                         13.00  koreaherald-2021-02-22;chosun-2024-10-17   position 1
2020-03-17   SMA-11     round                  round 7 in Los Angeles (in-person), until 2020-03-19                                                                                                                                               SMA-11:7
2020-04~     SMA-11     demand          US     US demand                                                                                                                                        50.00  koreaherald-2021-02-22                     position 2
2020-04~     SMA-11     outcome                rejected                                                                                                                                                koreaherald-2021-02-22;chosun-2024-10-17   outcome 3
2020-04-01   SMA-11     furlough-start         4,000 workers on unpaid leave until 2020-06-15                                                                                                          koreaherald-2021-02-22                     furlough 1
2020-06-15   SMA-11     furlough-end           4,000 workers back from unpaid leave since 2020-04-01                                                                                                   koreaherald-2021-02-22                     furlough 1
2021-02~     SMA-11     offer           KR     KR offer: mandated increases in South Korea's defense budget; purchases of certain US military equipment                                         13.00  cnn-2021-02;koreaherald-2021-02-22         position 3
2021-02-05   SMA-11     round                  round 8 (video)                                                                                                                                         koreaherald-2021-02-22                     SMA-11:8
2021-03-06~  SMA-11     round                  round 9 in Washington (in-person), until 2021-03-07                                                                                                     kbs-2021-03-08                             SMA-11:9
2021-03-07   SMA-11     offer           KR     KR offer for 6 years (confirmed): rises with South Korea's defense budget after 2021                                1,183,300,000,000  KRW              nknews-2021-03                             position 4
2021-03-07   SMA-11     outcome                tentative (agreement in principle)                                                                                                                      kbs-2021-03-08                             outcome 4
2021-04-08   SMA-11     outcome                signed                                                                                                                                                                                             outcome 5
2024-04-22~  SMA-12     round                  round 1 in Honolulu (in-person)                                                                                                                         kbsworld-2024-04-26;metroradio-2024-10-04  SMA-12:1
2024-10-04   SMA-12     offer           KR     KR offer for 5 years (confirmed): adjusted by the consumer price index after 2026                                   1,519,200,000,000  KRW              metroradio-2024-10-04;nknews-2024-10       position 5
2024-10-04   SMA-12     outcome                tentative (agreement in principle)                                                                                                                      metroradio-2024-10-04;nknews-2024-10       outcome 6
2024-10-15   SMA-12     statement       US     Donald Trump, president, then candidate (confirmed): "If I were there now, they'd be paying us $10 billion a year"     10,000,000,000  USD              joongang-2024-10-16;chosun-2024-10-17      statement 1
2024-11-04   SMA-12     outcome                signed                                                                                                                                                  aseantribune-2024-11                       outcome 7
OUT
done_

case_ "example: timeline --csv"
run timeline --csv
expect_status 0
expect_out <<'OUT'
date,agreement,type,party,summary,amount,currency,pct,source,ref
2019-02-10,SMA-10,outcome,,tentative (agreement in principle),,,,nyt-2019-02-10,outcome 8
2019-03-08,SMA-10,outcome,,signed,,,,,outcome 1
2019-09~,SMA-11,demand,US,US demand,5000000000,USD,,chosun-2024-10-17,position 6
2019-09-24,SMA-11,round,,"round 1 in Seoul (in-person), until 2019-09-25",,,,koreaherald-2021-02-22,SMA-11:1
2019-10-23,SMA-11,round,,"round 2 in Honolulu (in-person), until 2019-10-24",,,,,SMA-11:2
2019-11-18,SMA-11,round,,"round 3 in Seoul (in-person), until 2019-11-19",,,,,SMA-11:3
2019-12-03,SMA-11,round,,"round 4 in Washington (in-person), until 2019-12-04",,,,,SMA-11:4
2019-12-17,SMA-11,round,,"round 5 in Seoul (in-person), until 2019-12-18",,,,,SMA-11:5
2019-12-31,SMA-10,outcome,,expired,,,,koreaherald-2021-02-22,outcome 2
2020-01-14,SMA-11,round,,"round 6 in Washington (in-person), until 2020-01-15",,,,,SMA-11:6
2020-03~,SMA-11,offer,KR,KR offer,,,13.00,koreaherald-2021-02-22;chosun-2024-10-17,position 1
2020-03-17,SMA-11,round,,"round 7 in Los Angeles (in-person), until 2020-03-19",,,,,SMA-11:7
2020-04~,SMA-11,demand,US,US demand,,,50.00,koreaherald-2021-02-22,position 2
2020-04~,SMA-11,outcome,,rejected,,,,koreaherald-2021-02-22;chosun-2024-10-17,outcome 3
2020-04-01,SMA-11,furlough-start,,"4,000 workers on unpaid leave until 2020-06-15",,,,koreaherald-2021-02-22,furlough 1
2020-06-15,SMA-11,furlough-end,,"4,000 workers back from unpaid leave since 2020-04-01",,,,koreaherald-2021-02-22,furlough 1
2021-02~,SMA-11,offer,KR,KR offer: mandated increases in South Korea's defense budget; purchases of certain US military equipment,,,13.00,cnn-2021-02;koreaherald-2021-02-22,position 3
2021-02-05,SMA-11,round,,round 8 (video),,,,koreaherald-2021-02-22,SMA-11:8
2021-03-06~,SMA-11,round,,"round 9 in Washington (in-person), until 2021-03-07",,,,kbs-2021-03-08,SMA-11:9
2021-03-07,SMA-11,offer,KR,KR offer for 6 years (confirmed): rises with South Korea's defense budget after 2021,1183300000000,KRW,,nknews-2021-03,position 4
2021-03-07,SMA-11,outcome,,tentative (agreement in principle),,,,kbs-2021-03-08,outcome 4
2021-04-08,SMA-11,outcome,,signed,,,,,outcome 5
2024-04-22~,SMA-12,round,,round 1 in Honolulu (in-person),,,,kbsworld-2024-04-26;metroradio-2024-10-04,SMA-12:1
2024-10-04,SMA-12,offer,KR,KR offer for 5 years (confirmed): adjusted by the consumer price index after 2026,1519200000000,KRW,,metroradio-2024-10-04;nknews-2024-10,position 5
2024-10-04,SMA-12,outcome,,tentative (agreement in principle),,,,metroradio-2024-10-04;nknews-2024-10,outcome 6
2024-10-15,SMA-12,statement,US,"Donald Trump, president, then candidate (confirmed): ""If I were there now, they'd be paying us $10 billion a year""",10000000000,USD,,joongang-2024-10-16;chosun-2024-10-17,statement 1
2024-11-04,SMA-12,outcome,,signed,,,,aseantribune-2024-11,outcome 7
OUT
done_

case_ "example: timeline --json"
run timeline --json
expect_status 0
expect_out <<'OUT'
[
{"date":"2019-02-10","agreement":"SMA-10","type":"outcome","party":null,"summary":"tentative (agreement in principle)","amount":null,"currency":null,"pct":null,"source":"nyt-2019-02-10","ref":"outcome 8"},
{"date":"2019-03-08","agreement":"SMA-10","type":"outcome","party":null,"summary":"signed","amount":null,"currency":null,"pct":null,"source":null,"ref":"outcome 1"},
{"date":"2019-09~","agreement":"SMA-11","type":"demand","party":"US","summary":"US demand","amount":5000000000,"currency":"USD","pct":null,"source":"chosun-2024-10-17","ref":"position 6"},
{"date":"2019-09-24","agreement":"SMA-11","type":"round","party":null,"summary":"round 1 in Seoul (in-person), until 2019-09-25","amount":null,"currency":null,"pct":null,"source":"koreaherald-2021-02-22","ref":"SMA-11:1"},
{"date":"2019-10-23","agreement":"SMA-11","type":"round","party":null,"summary":"round 2 in Honolulu (in-person), until 2019-10-24","amount":null,"currency":null,"pct":null,"source":null,"ref":"SMA-11:2"},
{"date":"2019-11-18","agreement":"SMA-11","type":"round","party":null,"summary":"round 3 in Seoul (in-person), until 2019-11-19","amount":null,"currency":null,"pct":null,"source":null,"ref":"SMA-11:3"},
{"date":"2019-12-03","agreement":"SMA-11","type":"round","party":null,"summary":"round 4 in Washington (in-person), until 2019-12-04","amount":null,"currency":null,"pct":null,"source":null,"ref":"SMA-11:4"},
{"date":"2019-12-17","agreement":"SMA-11","type":"round","party":null,"summary":"round 5 in Seoul (in-person), until 2019-12-18","amount":null,"currency":null,"pct":null,"source":null,"ref":"SMA-11:5"},
{"date":"2019-12-31","agreement":"SMA-10","type":"outcome","party":null,"summary":"expired","amount":null,"currency":null,"pct":null,"source":"koreaherald-2021-02-22","ref":"outcome 2"},
{"date":"2020-01-14","agreement":"SMA-11","type":"round","party":null,"summary":"round 6 in Washington (in-person), until 2020-01-15","amount":null,"currency":null,"pct":null,"source":null,"ref":"SMA-11:6"},
{"date":"2020-03~","agreement":"SMA-11","type":"offer","party":"KR","summary":"KR offer","amount":null,"currency":null,"pct":13.00,"source":"koreaherald-2021-02-22;chosun-2024-10-17","ref":"position 1"},
{"date":"2020-03-17","agreement":"SMA-11","type":"round","party":null,"summary":"round 7 in Los Angeles (in-person), until 2020-03-19","amount":null,"currency":null,"pct":null,"source":null,"ref":"SMA-11:7"},
{"date":"2020-04~","agreement":"SMA-11","type":"demand","party":"US","summary":"US demand","amount":null,"currency":null,"pct":50.00,"source":"koreaherald-2021-02-22","ref":"position 2"},
{"date":"2020-04~","agreement":"SMA-11","type":"outcome","party":null,"summary":"rejected","amount":null,"currency":null,"pct":null,"source":"koreaherald-2021-02-22;chosun-2024-10-17","ref":"outcome 3"},
{"date":"2020-04-01","agreement":"SMA-11","type":"furlough-start","party":null,"summary":"4,000 workers on unpaid leave until 2020-06-15","amount":null,"currency":null,"pct":null,"source":"koreaherald-2021-02-22","ref":"furlough 1"},
{"date":"2020-06-15","agreement":"SMA-11","type":"furlough-end","party":null,"summary":"4,000 workers back from unpaid leave since 2020-04-01","amount":null,"currency":null,"pct":null,"source":"koreaherald-2021-02-22","ref":"furlough 1"},
{"date":"2021-02~","agreement":"SMA-11","type":"offer","party":"KR","summary":"KR offer: mandated increases in South Korea's defense budget; purchases of certain US military equipment","amount":null,"currency":null,"pct":13.00,"source":"cnn-2021-02;koreaherald-2021-02-22","ref":"position 3"},
{"date":"2021-02-05","agreement":"SMA-11","type":"round","party":null,"summary":"round 8 (video)","amount":null,"currency":null,"pct":null,"source":"koreaherald-2021-02-22","ref":"SMA-11:8"},
{"date":"2021-03-06~","agreement":"SMA-11","type":"round","party":null,"summary":"round 9 in Washington (in-person), until 2021-03-07","amount":null,"currency":null,"pct":null,"source":"kbs-2021-03-08","ref":"SMA-11:9"},
{"date":"2021-03-07","agreement":"SMA-11","type":"offer","party":"KR","summary":"KR offer for 6 years (confirmed): rises with South Korea's defense budget after 2021","amount":1183300000000,"currency":"KRW","pct":null,"source":"nknews-2021-03","ref":"position 4"},
{"date":"2021-03-07","agreement":"SMA-11","type":"outcome","party":null,"summary":"tentative (agreement in principle)","amount":null,"currency":null,"pct":null,"source":"kbs-2021-03-08","ref":"outcome 4"},
{"date":"2021-04-08","agreement":"SMA-11","type":"outcome","party":null,"summary":"signed","amount":null,"currency":null,"pct":null,"source":null,"ref":"outcome 5"},
{"date":"2024-04-22~","agreement":"SMA-12","type":"round","party":null,"summary":"round 1 in Honolulu (in-person)","amount":null,"currency":null,"pct":null,"source":"kbsworld-2024-04-26;metroradio-2024-10-04","ref":"SMA-12:1"},
{"date":"2024-10-04","agreement":"SMA-12","type":"offer","party":"KR","summary":"KR offer for 5 years (confirmed): adjusted by the consumer price index after 2026","amount":1519200000000,"currency":"KRW","pct":null,"source":"metroradio-2024-10-04;nknews-2024-10","ref":"position 5"},
{"date":"2024-10-04","agreement":"SMA-12","type":"outcome","party":null,"summary":"tentative (agreement in principle)","amount":null,"currency":null,"pct":null,"source":"metroradio-2024-10-04;nknews-2024-10","ref":"outcome 6"},
{"date":"2024-10-15","agreement":"SMA-12","type":"statement","party":"US","summary":"Donald Trump, president, then candidate (confirmed): \"If I were there now, they'd be paying us $10 billion a year\"","amount":10000000000,"currency":"USD","pct":null,"source":"joongang-2024-10-16;chosun-2024-10-17","ref":"statement 1"},
{"date":"2024-11-04","agreement":"SMA-12","type":"outcome","party":null,"summary":"signed","amount":null,"currency":null,"pct":null,"source":"aseantribune-2024-11","ref":"outcome 7"}
]
OUT
done_

case_ "example: delta"
run delta
expect_status 0
expect_out <<'OUT'
agreement  date        party  kind               amount     pct        prev_amount              change  change_pts  days       other_amount                gap  gap_pts  note
---------  ----------  -----  ------  -----------------  ------  -----------------  ------------------  ----------  ----  -----------------  -----------------  -------  ------------------------------------------------------------------------------------------
SMA-11     2019-09~    US     demand  5,621,621,500,000  441.11                                                                                                          converted from USD at the KRW rate of 2019-02-10; about: approximate amount of position 6
SMA-11     2020-03~    KR     offer   1,173,957,000,000   13.00                                                           5,621,621,500,000  4,447,664,500,000   428.11  about: approximate amount of position 6
SMA-11     2020-04~    US     demand  1,558,350,000,000   50.00  5,621,621,500,000  -4,063,271,500,000     -391.11        1,173,957,000,000    384,393,000,000    37.00  no days: 2019-09~ and 2020-04~ are not exact days; about: approximate amount of position 6
SMA-11     2021-02~    KR     offer   1,173,957,000,000   13.00  1,173,957,000,000                   0        0.00        1,558,350,000,000    384,393,000,000    37.00  no days: 2020-03~ and 2021-02~ are not exact days
SMA-11     2021-03-07  KR     offer   1,183,300,000,000   13.90  1,173,957,000,000       9,343,000,000        0.90        1,558,350,000,000    375,050,000,000    36.10  no days: 2021-02~ is not an exact day
SMA-12     2024-10-04  KR     offer   1,519,200,000,000    8.30
OUT
done_

case_ "example: delta --csv"
run delta --csv
expect_status 0
expect_out <<'OUT'
agreement,date,party,kind,amount,pct,prev_amount,change,change_pts,days,other_amount,gap,gap_pts,note
SMA-11,2019-09~,US,demand,5621621500000,441.11,,,,,,,,converted from USD at the KRW rate of 2019-02-10; about: approximate amount of position 6
SMA-11,2020-03~,KR,offer,1173957000000,13.00,,,,,5621621500000,4447664500000,428.11,about: approximate amount of position 6
SMA-11,2020-04~,US,demand,1558350000000,50.00,5621621500000,-4063271500000,-391.11,,1173957000000,384393000000,37.00,no days: 2019-09~ and 2020-04~ are not exact days; about: approximate amount of position 6
SMA-11,2021-02~,KR,offer,1173957000000,13.00,1173957000000,0,0.00,,1558350000000,384393000000,37.00,no days: 2020-03~ and 2021-02~ are not exact days
SMA-11,2021-03-07,KR,offer,1183300000000,13.90,1173957000000,9343000000,0.90,,1558350000000,375050000000,36.10,no days: 2021-02~ is not an exact day
SMA-12,2024-10-04,KR,offer,1519200000000,8.30,,,,,,,,
OUT
done_

case_ "example: delta --json"
run delta --json
expect_status 0
expect_out <<'OUT'
[
{"agreement":"SMA-11","date":"2019-09~","party":"US","kind":"demand","amount":5621621500000,"pct":441.11,"prev_amount":null,"change":null,"change_pts":null,"days":null,"other_amount":null,"gap":null,"gap_pts":null,"note":"converted from USD at the KRW rate of 2019-02-10; about: approximate amount of position 6"},
{"agreement":"SMA-11","date":"2020-03~","party":"KR","kind":"offer","amount":1173957000000,"pct":13.00,"prev_amount":null,"change":null,"change_pts":null,"days":null,"other_amount":5621621500000,"gap":4447664500000,"gap_pts":428.11,"note":"about: approximate amount of position 6"},
{"agreement":"SMA-11","date":"2020-04~","party":"US","kind":"demand","amount":1558350000000,"pct":50.00,"prev_amount":5621621500000,"change":-4063271500000,"change_pts":-391.11,"days":null,"other_amount":1173957000000,"gap":384393000000,"gap_pts":37.00,"note":"no days: 2019-09~ and 2020-04~ are not exact days; about: approximate amount of position 6"},
{"agreement":"SMA-11","date":"2021-02~","party":"KR","kind":"offer","amount":1173957000000,"pct":13.00,"prev_amount":1173957000000,"change":0,"change_pts":0.00,"days":null,"other_amount":1558350000000,"gap":384393000000,"gap_pts":37.00,"note":"no days: 2020-03~ and 2021-02~ are not exact days"},
{"agreement":"SMA-11","date":"2021-03-07","party":"KR","kind":"offer","amount":1183300000000,"pct":13.90,"prev_amount":1173957000000,"change":9343000000,"change_pts":0.90,"days":null,"other_amount":1558350000000,"gap":375050000000,"gap_pts":36.10,"note":"no days: 2021-02~ is not an exact day"},
{"agreement":"SMA-12","date":"2024-10-04","party":"KR","kind":"offer","amount":1519200000000,"pct":8.30,"prev_amount":null,"change":null,"change_pts":null,"days":null,"other_amount":null,"gap":null,"gap_pts":null,"note":null}
]
OUT
done_

case_ "example: delta --by round"
run delta --by round
expect_status 0
expect_out <<'OUT'
agreement  seq  start        end                     offer             demand                gap  gap_pts          change_gap
---------  ---  -----------  ----------  -----------------  -----------------  -----------------  -------  ------------------
SMA-11       1  2019-09-24   2019-09-25                     5,621,621,500,000
SMA-11       2  2019-10-23   2019-10-24                     5,621,621,500,000
SMA-11       3  2019-11-18   2019-11-19                     5,621,621,500,000
SMA-11       4  2019-12-03   2019-12-04                     5,621,621,500,000
SMA-11       5  2019-12-17   2019-12-18                     5,621,621,500,000
SMA-11       6  2020-01-14   2020-01-15                     5,621,621,500,000
SMA-11       7  2020-03-17   2020-03-19  1,173,957,000,000  5,621,621,500,000  4,447,664,500,000   428.11
SMA-11       8  2021-02-05   2021-02-05  1,173,957,000,000  1,558,350,000,000    384,393,000,000    37.00  -4,063,271,500,000
SMA-11       9  2021-03-06~  2021-03-07  1,183,300,000,000  1,558,350,000,000    375,050,000,000    36.10      -9,343,000,000
SMA-12       1  2024-04-22~
OUT
done_

case_ "example: delta --by round --csv"
run delta --by round --csv
expect_status 0
expect_out <<'OUT'
agreement,seq,start,end,offer,demand,gap,gap_pts,change_gap
SMA-11,1,2019-09-24,2019-09-25,,5621621500000,,,
SMA-11,2,2019-10-23,2019-10-24,,5621621500000,,,
SMA-11,3,2019-11-18,2019-11-19,,5621621500000,,,
SMA-11,4,2019-12-03,2019-12-04,,5621621500000,,,
SMA-11,5,2019-12-17,2019-12-18,,5621621500000,,,
SMA-11,6,2020-01-14,2020-01-15,,5621621500000,,,
SMA-11,7,2020-03-17,2020-03-19,1173957000000,5621621500000,4447664500000,428.11,
SMA-11,8,2021-02-05,2021-02-05,1173957000000,1558350000000,384393000000,37.00,-4063271500000
SMA-11,9,2021-03-06~,2021-03-07,1183300000000,1558350000000,375050000000,36.10,-9343000000
SMA-12,1,2024-04-22~,,,,,,
OUT
done_

case_ "example: delta --by round --json"
run delta --by round --json
expect_status 0
expect_out <<'OUT'
[
{"agreement":"SMA-11","seq":1,"start":"2019-09-24","end":"2019-09-25","offer":null,"demand":5621621500000,"gap":null,"gap_pts":null,"change_gap":null},
{"agreement":"SMA-11","seq":2,"start":"2019-10-23","end":"2019-10-24","offer":null,"demand":5621621500000,"gap":null,"gap_pts":null,"change_gap":null},
{"agreement":"SMA-11","seq":3,"start":"2019-11-18","end":"2019-11-19","offer":null,"demand":5621621500000,"gap":null,"gap_pts":null,"change_gap":null},
{"agreement":"SMA-11","seq":4,"start":"2019-12-03","end":"2019-12-04","offer":null,"demand":5621621500000,"gap":null,"gap_pts":null,"change_gap":null},
{"agreement":"SMA-11","seq":5,"start":"2019-12-17","end":"2019-12-18","offer":null,"demand":5621621500000,"gap":null,"gap_pts":null,"change_gap":null},
{"agreement":"SMA-11","seq":6,"start":"2020-01-14","end":"2020-01-15","offer":null,"demand":5621621500000,"gap":null,"gap_pts":null,"change_gap":null},
{"agreement":"SMA-11","seq":7,"start":"2020-03-17","end":"2020-03-19","offer":1173957000000,"demand":5621621500000,"gap":4447664500000,"gap_pts":428.11,"change_gap":null},
{"agreement":"SMA-11","seq":8,"start":"2021-02-05","end":"2021-02-05","offer":1173957000000,"demand":1558350000000,"gap":384393000000,"gap_pts":37.00,"change_gap":-4063271500000},
{"agreement":"SMA-11","seq":9,"start":"2021-03-06~","end":"2021-03-07","offer":1183300000000,"demand":1558350000000,"gap":375050000000,"gap_pts":36.10,"change_gap":-9343000000},
{"agreement":"SMA-12","seq":1,"start":"2024-04-22~","end":null,"offer":null,"demand":null,"gap":null,"gap_pts":null,"change_gap":null}
]
OUT
done_

case_ "example: summary"
run summary
expect_status 0
expect_out <<'OUT'
agreement           baseline  currency  rounds  first_round  last_round               offer             demand              gap  gap_pts  furlough_workers  furlough_worker_days  outcome         term_total  note
---------  -----------------  --------  ------  -----------  -----------  -----------------  -----------------  ---------------  -------  ----------------  --------------------  -------  -----------------  ---------------------------------------------------
SMA-10       960,200,000,000  KRW            0                                                                                                           0                     0  expired  1,038,900,000,000
SMA-11     1,038,900,000,000  KRW            9  2019-09-24   2021-03-06~  1,183,300,000,000  1,558,350,000,000  375,050,000,000    36.10             4,000               304,000  signed                      no term_total: no amount for 2022, 2023, 2024
SMA-12     1,402,800,000,000  KRW            1  2024-04-22~  2024-04-22~  1,519,200,000,000                                                              0                     0  signed                      no term_total: no amount for 2027, 2028, 2029, 2030
OUT
done_

case_ "example: summary --csv"
run summary --csv
expect_status 0
expect_out <<'OUT'
agreement,baseline,currency,rounds,first_round,last_round,offer,demand,gap,gap_pts,furlough_workers,furlough_worker_days,outcome,term_total,note
SMA-10,960200000000,KRW,0,,,,,,,0,0,expired,1038900000000,
SMA-11,1038900000000,KRW,9,2019-09-24,2021-03-06~,1183300000000,1558350000000,375050000000,36.10,4000,304000,signed,,"no term_total: no amount for 2022, 2023, 2024"
SMA-12,1402800000000,KRW,1,2024-04-22~,2024-04-22~,1519200000000,,,,0,0,signed,,"no term_total: no amount for 2027, 2028, 2029, 2030"
OUT
done_

case_ "example: summary --json"
run summary --json
expect_status 0
expect_out <<'OUT'
[
{"agreement":"SMA-10","baseline":960200000000,"currency":"KRW","rounds":0,"first_round":null,"last_round":null,"offer":null,"demand":null,"gap":null,"gap_pts":null,"furlough_workers":0,"furlough_worker_days":0,"outcome":"expired","term_total":1038900000000,"note":null},
{"agreement":"SMA-11","baseline":1038900000000,"currency":"KRW","rounds":9,"first_round":"2019-09-24","last_round":"2021-03-06~","offer":1183300000000,"demand":1558350000000,"gap":375050000000,"gap_pts":36.10,"furlough_workers":4000,"furlough_worker_days":304000,"outcome":"signed","term_total":null,"note":"no term_total: no amount for 2022, 2023, 2024"},
{"agreement":"SMA-12","baseline":1402800000000,"currency":"KRW","rounds":1,"first_round":"2024-04-22~","last_round":"2024-04-22~","offer":1519200000000,"demand":null,"gap":null,"gap_pts":null,"furlough_workers":0,"furlough_worker_days":0,"outcome":"signed","term_total":null,"note":"no term_total: no amount for 2027, 2028, 2029, 2030"}
]
OUT
done_

case_ "example: summary --md"
run summary --md
expect_status 0
expect_out <<'OUT'
| agreement |          baseline | currency | rounds | first_round | last_round  |             offer |            demand |             gap | gap_pts | furlough_workers | furlough_worker_days | outcome |        term_total | note                                                |
| --------- | ----------------: | -------- | -----: | ----------- | ----------- | ----------------: | ----------------: | --------------: | ------: | ---------------: | -------------------: | ------- | ----------------: | --------------------------------------------------- |
| SMA-10    |   960,200,000,000 | KRW      |      0 |             |             |                   |                   |                 |         |                0 |                    0 | expired | 1,038,900,000,000 |                                                     |
| SMA-11    | 1,038,900,000,000 | KRW      |      9 | 2019-09-24  | 2021-03-06~ | 1,183,300,000,000 | 1,558,350,000,000 | 375,050,000,000 |   36.10 |            4,000 |              304,000 | signed  |                   | no term_total: no amount for 2022, 2023, 2024       |
| SMA-12    | 1,402,800,000,000 | KRW      |      1 | 2024-04-22~ | 2024-04-22~ | 1,519,200,000,000 |                   |                 |         |                0 |                    0 | signed  |                   | no term_total: no amount for 2027, 2028, 2029, 2030 |
OUT
done_

case_ "example: timeline --jsonl --type outcome"
run timeline --jsonl --type outcome
expect_status 0
expect_out <<'OUT'
{"date":"2019-02-10","agreement":"SMA-10","type":"outcome","party":null,"summary":"tentative (agreement in principle)","amount":null,"currency":null,"pct":null,"source":"nyt-2019-02-10","ref":"outcome 8"}
{"date":"2019-03-08","agreement":"SMA-10","type":"outcome","party":null,"summary":"signed","amount":null,"currency":null,"pct":null,"source":null,"ref":"outcome 1"}
{"date":"2019-12-31","agreement":"SMA-10","type":"outcome","party":null,"summary":"expired","amount":null,"currency":null,"pct":null,"source":"koreaherald-2021-02-22","ref":"outcome 2"}
{"date":"2020-04~","agreement":"SMA-11","type":"outcome","party":null,"summary":"rejected","amount":null,"currency":null,"pct":null,"source":"koreaherald-2021-02-22;chosun-2024-10-17","ref":"outcome 3"}
{"date":"2021-03-07","agreement":"SMA-11","type":"outcome","party":null,"summary":"tentative (agreement in principle)","amount":null,"currency":null,"pct":null,"source":"kbs-2021-03-08","ref":"outcome 4"}
{"date":"2021-04-08","agreement":"SMA-11","type":"outcome","party":null,"summary":"signed","amount":null,"currency":null,"pct":null,"source":null,"ref":"outcome 5"}
{"date":"2024-10-04","agreement":"SMA-12","type":"outcome","party":null,"summary":"tentative (agreement in principle)","amount":null,"currency":null,"pct":null,"source":"metroradio-2024-10-04;nknews-2024-10","ref":"outcome 6"}
{"date":"2024-11-04","agreement":"SMA-12","type":"outcome","party":null,"summary":"signed","amount":null,"currency":null,"pct":null,"source":"aseantribune-2024-11","ref":"outcome 7"}
OUT
done_

case_ "a type named many times is the type once"
run timeline --jsonl --type outcome
cp "$WORK/out" "$WORK/once"
run timeline --jsonl --type "$(printf 'outcome,%.0s' $(seq 40))outcome"
expect_status 0
cmp -s "$WORK/out" "$WORK/once" || fail "--type outcome,outcome,... differs from --type outcome"
done_

case_ "example: timeline --tsv --agreement SMA-10"
run timeline --tsv --agreement SMA-10
expect_status 0
expect_out <<'OUT'
date	agreement	type	party	summary	amount	currency	pct	source	ref
2019-02-10	SMA-10	outcome		tentative (agreement in principle)				nyt-2019-02-10	outcome 8
2019-03-08	SMA-10	outcome		signed					outcome 1
2019-12-31	SMA-10	outcome		expired				koreaherald-2021-02-22	outcome 2
OUT
done_


case_ "-o writes the same bytes as standard output"
run delta --csv
cp "$WORK/out" "$WORK/delta.csv"
run delta --csv -o "$WORK/delta-o.csv"
expect_status 0
expect_out </dev/null
cmp -s "$WORK/delta.csv" "$WORK/delta-o.csv" || fail "-o differs from standard output"
done_

# The views' columns as smalog prints them: pct and points, numbers in the
# views, with two decimals.
two_decimals() { # two_decimals COLUMN...
	local col out=""
	for col in "$@"; do
		out+="CASE WHEN $col IS NOT NULL THEN printf('%.2f', $col) END AS $col, "
	done
	echo "${out%, }"
}
declare -A view_columns
view_columns[timeline]="date, agreement, type, party, summary, amount, currency, $(two_decimals pct), source, ref"
view_columns[position_delta]="agreement, date, party, kind, amount, $(two_decimals pct), prev_amount, change,
	$(two_decimals change_pts), days, other_amount, gap, $(two_decimals gap_pts), note"
view_columns[round_delta]="agreement, seq, start, \"end\", offer, demand, gap, $(two_decimals gap_pts), change_gap"
view_columns[agreement_summary]="agreement, baseline, currency, rounds, first_round, last_round, offer, demand, gap,
	$(two_decimals gap_pts), furlough_workers, furlough_worker_days, outcome, term_total, note"

case_ "the sqlite3 shell sees the same rows in the views"
if command -v sqlite3 >/dev/null; then
	for pair in "timeline:timeline" "position_delta:delta" "round_delta:delta --by round" "agreement_summary:summary"; do
		view=${pair%%:*}
		# shellcheck disable=SC2086
		run ${pair#*:} --tsv
		sqlite3 -header -tabs "$SMALOG_DB" "SELECT ${view_columns[$view]} FROM $view" >"$WORK/shell.tsv"
		cmp -s "$WORK/out" "$WORK/shell.tsv" || fail "SELECT * FROM $view differs from smalog ${pair#*:}"
	done
else
	echo "skipped: no sqlite3 shell"
fi
done_

case_ "every figure in the views is a number: WHERE and ORDER BY compare numbers"
# positions over 50% of the baseline: only "about $5bn" in the example
# (the US demand of 2020 is 50.00 exactly)
run query --csv "SELECT count(*) FROM position_delta WHERE pct > 50"
expect_status 0
expect_out <<<$'count(*)\n1'
run query --csv "SELECT date, pct, change_pts, gap_pts FROM position_delta WHERE pct > 13 ORDER BY pct"
expect_out <<'OUT'
date,pct,change_pts,gap_pts
2021-03-07,13.9,0.9,36.1
2020-04~,50.0,-391.11,37.0
2019-09~,441.11,,
OUT
run query --csv "SELECT DISTINCT typeof(pct), typeof(change_pts), typeof(gap_pts) FROM position_delta
	WHERE change_pts IS NOT NULL"
expect_out <<<$'typeof(pct),typeof(change_pts),typeof(gap_pts)\nreal,real,real'
run query --csv "SELECT seq, gap_pts FROM round_delta WHERE gap_pts > 36.5 ORDER BY gap_pts DESC"
expect_out <<<$'seq,gap_pts\n7,428.11\n8,37.0'
run query --csv "SELECT agreement, gap_pts FROM agreement_summary WHERE gap_pts < 40"
expect_out <<<$'agreement,gap_pts\nSMA-11,36.1'
run query --csv "SELECT ref, pct FROM timeline WHERE pct >= 13 ORDER BY pct DESC, ref"
expect_out <<<$'ref,pct\nposition 2,50.0\nposition 1,13.0\nposition 3,13.0'
done_

case_ "the timeline's ref names a round as users do, and as show takes it"
run timeline --csv --type round --from 2021
expect_out <<'OUT'
date,agreement,type,party,summary,amount,currency,pct,source,ref
2021-02-05,SMA-11,round,,round 8 (video),,,,koreaherald-2021-02-22,SMA-11:8
2021-03-06~,SMA-11,round,,"round 9 in Washington (in-person), until 2021-03-07",,,,kbs-2021-03-08,SMA-11:9
2024-04-22~,SMA-12,round,,round 1 in Honolulu (in-person),,,,kbsworld-2024-04-26;metroradio-2024-10-04,SMA-12:1
OUT
run show round SMA-11:8 --csv
expect_status 0
grep -q '^start,2021-02-05$' "$WORK/out" || fail "show round SMA-11:8 shows another round: $(cat "$WORK/out")"
done_

case_ "--from and --to keep an event whose period overlaps the range, in reports and list"
# 2020-03~ is March: it overlaps 10-31 March, as round 7 does
run timeline --csv --from 2020-03-10 --to 2020-03-31
expect_status 0
expect_out <<'OUT'
date,agreement,type,party,summary,amount,currency,pct,source,ref
2020-03~,SMA-11,offer,KR,KR offer,,,13.00,koreaherald-2021-02-22;chosun-2024-10-17,position 1
2020-03-17,SMA-11,round,,"round 7 in Los Angeles (in-person), until 2020-03-19",,,,,SMA-11:7
OUT
run delta --csv --from 2020-03-31 --to 2020-04-01
expect_out <<'OUT'
agreement,date,party,kind,amount,pct,prev_amount,change,change_pts,days,other_amount,gap,gap_pts,note
SMA-11,2020-03~,KR,offer,1173957000000,13.00,,,,,5621621500000,4447664500000,428.11,about: approximate amount of position 6
SMA-11,2020-04~,US,demand,1558350000000,50.00,5621621500000,-4063271500000,-391.11,,1173957000000,384393000000,37.00,no days: 2019-09~ and 2020-04~ are not exact days; about: approximate amount of position 6
OUT
run list positions --tsv --from 2020-03-10 --to 2020-04
cut -f1,4 "$WORK/out" >"$WORK/cut" && cp "$WORK/cut" "$WORK/out"
expect_out <<<$'id\tdate\n1\t2020-03~\n2\t2020-04~'
run list outcomes --tsv --from 2020-04-15 --to 2020-04-20
cut -f1,4 "$WORK/out" >"$WORK/cut" && cp "$WORK/cut" "$WORK/out"
expect_out <<<$'id\tdate\n3\t2020-04~'
# a day-precise event before --from stays out
run list rounds --tsv --from 2020-03-18
cut -f1,4 "$WORK/out" >"$WORK/cut" && cp "$WORK/cut" "$WORK/out"
expect_out <<<$'id\tstart\n8\t2021-02-05\n9\t2021-03-06~\n10\t2024-04-22~'
done_

case_ "--sql prints the SQL with its filters written in"
run timeline --sql --agreement SMA-11 --party kr --from 2020-03 --to 2020 --type offer,round
expect_status 0
expect_out <<'OUT'
-- Events of both parties (rounds, outcomes, furloughs) stay when a party is chosen.
SELECT date, agreement, type, party, summary, amount, currency,
	CASE WHEN pct_bp IS NOT NULL
	THEN printf('%s%d.%02d', iif(pct_bp < 0, '-', ''), abs(pct_bp / 100), abs(pct_bp % 100)) END AS pct,
	source, ref
FROM timeline_event
WHERE ('SMA-11' IS NULL OR agreement = 'SMA-11')
  AND ('KR' IS NULL OR party IS NULL OR party = 'KR')
  AND (202003010 IS NULL OR date_key >= 202003010
       OR date_key IN (202003010 / 100000 * 100000 + 1011, 202003010 / 1000 * 1000 + 12))
  AND (202012319 IS NULL OR date_key <= 202012319)
  AND (',offer,round,' IS NULL OR instr(',offer,round,', ',' || type || ',') > 0)
ORDER BY date_key, type_order, record_id;
OUT
cp "$WORK/out" "$WORK/timeline.sql"
run timeline --tsv --agreement SMA-11 --party kr --from 2020-03 --to 2020 --type offer,round
expect_out <<'OUT'
date	agreement	type	party	summary	amount	currency	pct	source	ref
2020-03~	SMA-11	offer	KR	KR offer			13.00	koreaherald-2021-02-22;chosun-2024-10-17	position 1
2020-03-17	SMA-11	round		round 7 in Los Angeles (in-person), until 2020-03-19					SMA-11:7
OUT
if command -v sqlite3 >/dev/null; then
	sqlite3 -header -tabs "$SMALOG_DB" <"$WORK/timeline.sql" >"$WORK/shell.tsv"
	cmp -s "$WORK/out" "$WORK/shell.tsv" || fail "the SQL of --sql gives other rows in the sqlite3 shell"
fi
for report in "delta" "delta --by round" "summary"; do
	# shellcheck disable=SC2086
	run $report --sql --agreement SMA-10
	expect_status 0
	grep -q "'SMA-10'" "$WORK/out" || fail "$report --sql lacks the agreement: $(cat "$WORK/out")"
done
done_

case_ "delta filters choose rows; the comparisons still see every position"
run delta --csv --from 2021
expect_out <<'OUT'
agreement,date,party,kind,amount,pct,prev_amount,change,change_pts,days,other_amount,gap,gap_pts,note
SMA-11,2021-02~,KR,offer,1173957000000,13.00,1173957000000,0,0.00,,1558350000000,384393000000,37.00,no days: 2020-03~ and 2021-02~ are not exact days
SMA-11,2021-03-07,KR,offer,1183300000000,13.90,1173957000000,9343000000,0.90,,1558350000000,375050000000,36.10,no days: 2021-02~ is not an exact day
SMA-12,2024-10-04,KR,offer,1519200000000,8.30,,,,,,,,
OUT
run delta --csv --party US --agreement SMA-11 --to 2020-04
expect_out <<'OUT'
agreement,date,party,kind,amount,pct,prev_amount,change,change_pts,days,other_amount,gap,gap_pts,note
SMA-11,2019-09~,US,demand,5621621500000,441.11,,,,,,,,converted from USD at the KRW rate of 2019-02-10; about: approximate amount of position 6
SMA-11,2020-04~,US,demand,1558350000000,50.00,5621621500000,-4063271500000,-391.11,,1173957000000,384393000000,37.00,no days: 2019-09~ and 2020-04~ are not exact days; about: approximate amount of position 6
OUT
run delta --csv --agreement SMA-10
expect_out <<<"agreement,date,party,kind,amount,pct,prev_amount,change,change_pts,days,other_amount,gap,gap_pts,note"
run delta --by round --csv --from 2020 --to 2020-03-17
expect_out <<'OUT'
agreement,seq,start,end,offer,demand,gap,gap_pts,change_gap
SMA-11,6,2020-01-14,2020-01-15,,5621621500000,,,
SMA-11,7,2020-03-17,2020-03-19,1173957000000,5621621500000,4447664500000,428.11,
OUT
run summary --csv --agreement SMA-10
expect_out <<'OUT'
agreement,baseline,currency,rounds,first_round,last_round,offer,demand,gap,gap_pts,furlough_workers,furlough_worker_days,outcome,term_total,note
SMA-10,960200000000,KRW,0,,,,,,,0,0,expired,1038900000000,
OUT
done_

case_ "bad filters are refused with exit 64, nothing printed, nothing changed"
refused 64 "--agreement: no agreement 'SMA-99' (see 'smalog list agreements')" timeline --agreement SMA-99
refused 64 "--agreement: no agreement 'sma-11'; did you mean 'SMA-11'?" summary --agreement sma-11
refused 64 "--party: invalid party 'K1' (expected an ISO 3166 alpha-2 code such as KR or US)" timeline --party K1
refused 64 "--party: invalid party 'KOR' (expected an ISO 3166 alpha-2 code such as KR or US)" delta --party KOR
refused 64 "--from: invalid date '2020-13' (month must be 01 to 12)" timeline --from 2020-13
refused 64 "--to: invalid date '2021-02-29' (February 2021 has 28 days)" delta --to 2021-02-29
refused 64 "--from: invalid date 'yesterday' (expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~, ? or %)" delta --by round --from yesterday
refused 64 "--from 2021 is after --to 2020-12" timeline --from 2021 --to 2020-12
refused 64 "--type: unknown event type 'offers' (expected round, offer, demand, statement, outcome, furlough-start or furlough-end, separated by commas)" timeline --type offers
# what the user typed is quoted back with its escapes and line breaks as '?'
refused 64 "--agreement: no agreement '?[31mSMA?11' (see 'smalog list agreements')" timeline --agreement "$(printf '\033[31mSMA\n11')"
refused 64 "--type: unknown event type '' (expected round, offer, demand, statement, outcome, furlough-start or furlough-end, separated by commas)" timeline --type offer,,demand
refused 64 "option '--type' needs a value" timeline --type ""
refused 64 "option '--agreement' needs a value" delta --agreement=
refused 64 "--by: expected 'round' (one row per round) or 'position' (the default), not 'party'" delta --by party
refused 64 "--party does not apply to 'delta --by round': a round's gap is between both parties" delta --by round --party US
refused 64 "unknown option '--party' for 'smalog summary' (see 'smalog summary --help')" summary --party KR
refused 64 "unknown option '--type' for 'smalog delta' (see 'smalog delta --help')" delta --type offer
refused 64 "--sql prints the SQL on standard output; leave out -o" timeline --sql -o x.sql
refused 64 "--sql prints the SQL on standard output; leave out --format" delta --sql --format json
refused 64 "--sql prints the SQL on standard output; leave out --excel" summary --sql --excel
[ -e x.sql ] && fail "x.sql was written"
refused 64 "unexpected argument 'SMA-11' for 'smalog timeline'" timeline SMA-11
done_

case_ "reports read a read-only file and need an existing one"
chmod a-w "$SMALOG_DB"
run summary --csv --agreement SMA-10
expect_status 0
chmod u+w "$SMALOG_DB"
refused 66 "no smalog database at '$WORK/none.db' (create one with 'smalog init', or pass --db)" timeline --db "$WORK/none.db"
# a bad filter is a usage error before the file is looked for
refused 64 "--from: invalid date '2020-13' (month must be 01 to 12)" timeline --db "$WORK/none.db" --from 2020-13
[ -e "$WORK/none.db" ] && fail "a report created a file"
done_

# A timeline of 20 events built with 'smalog add', checked by hand: a
# year-precision date sorts at 1 January, a month before the days of that
# month, and on one date rounds come first (by id across agreements), then
# positions (an approximate 2024-06-30~ is the same day), outcomes,
# furlough starts and furlough ends.
export SMALOG_DB="$WORK/twenty.db"
case_ "a hand-checked 20-event timeline"
{
	run init
	run add source --key yonhap-2024-04-26 --outlet Yonhap
	run add source --key kh-2024-11-05 --outlet "Korea Herald"
	run add agreement --code SMA-12 --parties KR,US --baseline 1,147,200,000,000
	run add agreement --code ALT-1 --parties KR,US
	run add round --agreement SMA-12 --start 2024-04-23 --end 2024-04-25 --location Honolulu --format in-person
	run add round --agreement SMA-12 --start 2024-05-21 --end 2024-05-23 --location Seoul --format in-person
	run add round --agreement ALT-1 --start 2024-05-21 --format video
	run add round --agreement SMA-12 --start 2024-06-30 --format video
	run add round --agreement SMA-12 --start 2024-07-01 --end 2024-07-03 --location Washington --format in-person
	run add position --agreement SMA-12 --date 2024-04~ --party KR --kind offer --pct 5
	run add position --agreement SMA-12 --date 2024-04-25 --party US --kind demand --amount 1.3B --currency USD --source yonhap-2024-04-26
	run add position --agreement SMA-12 --round 2 --date 2024-05-21 --party KR --kind offer --pct 6 --terms "tied to the defense budget"
	run add position --agreement SMA-12 --date 2024-06-30~ --party US --kind demand --amount 1.4T --years 5 --confidence confirmed
	run add position --agreement SMA-12 --date 2024? --party KR --kind offer --pct 4.5 --confidence rumored
	run add outcome --agreement SMA-12 --round 2 --date 2024-05-21 --kind stalled
	run add outcome --agreement SMA-12 --date 2024-07 --kind walkout
	run add outcome --agreement SMA-12 --date 2024-10-04 --kind tentative
	run add outcome --agreement SMA-12 --date 2024-10-04 --kind initialed
	run add outcome --agreement SMA-12 --date 2024-11-04 --kind signed --source kh-2024-11-05
	run add outcome --agreement SMA-12 --date 2024-11-28 --kind ratified
	run add outcome --agreement ALT-1 --date 2024-12-31 --kind expired
	run add furlough --agreement SMA-12 --start 2024-06-01 --end 2024-06-30 --workers 3,000
	run add furlough --agreement SMA-12 --start 2025-01-01 --workers 250 --stopgap 12B
}
expect_status 0
run timeline --csv
expect_status 0
expect_out <<'OUT'
date,agreement,type,party,summary,amount,currency,pct,source,ref
2024?,SMA-12,offer,KR,KR offer (rumored),,,4.50,,position 5
2024-04~,SMA-12,offer,KR,KR offer,,,5.00,,position 1
2024-04-23,SMA-12,round,,"round 1 in Honolulu (in-person), until 2024-04-25",,,,,SMA-12:1
2024-04-25,SMA-12,demand,US,US demand,1300000000,USD,,yonhap-2024-04-26,position 2
2024-05-21,SMA-12,round,,"round 2 in Seoul (in-person), until 2024-05-23",,,,,SMA-12:2
2024-05-21,ALT-1,round,,round 1 (video),,,,,ALT-1:1
2024-05-21,SMA-12,offer,KR,KR offer in round 2: tied to the defense budget,,,6.00,,position 3
2024-05-21,SMA-12,outcome,,stalled in round 2,,,,,outcome 1
2024-06-01,SMA-12,furlough-start,,"3,000 workers on unpaid leave until 2024-06-30",,,,,furlough 1
2024-06-30,SMA-12,round,,round 3 (video),,,,,SMA-12:3
2024-06-30~,SMA-12,demand,US,US demand for 5 years (confirmed),1400000000000,KRW,,,position 4
2024-06-30,SMA-12,furlough-end,,"3,000 workers back from unpaid leave since 2024-06-01",,,,,furlough 1
2024-07,SMA-12,outcome,,walkout,,,,,outcome 2
2024-07-01,SMA-12,round,,"round 4 in Washington (in-person), until 2024-07-03",,,,,SMA-12:4
2024-10-04,SMA-12,outcome,,tentative (agreement in principle),,,,,outcome 3
2024-10-04,SMA-12,outcome,,initialed,,,,,outcome 4
2024-11-04,SMA-12,outcome,,signed,,,,kh-2024-11-05,outcome 5
2024-11-28,SMA-12,outcome,,ratified,,,,,outcome 6
2024-12-31,ALT-1,outcome,,expired,,,,,outcome 7
2025-01-01,SMA-12,furlough-start,,250 workers on unpaid leave; stopgap funding paid,12000000000,KRW,,,furlough 2
OUT
done_

# refs TIMELINE-OPTIONS...: the ref column of the timeline, one a line
refs() {
	run timeline --tsv "$@"
	cut -f10 "$WORK/out" | tail -n +2 >"$WORK/refs"
	cp "$WORK/refs" "$WORK/out"
}

case_ "timeline filters on the 20 events"
refs --agreement ALT-1
expect_out <<<$'ALT-1:1\noutcome 7'
refs --party US --type offer,demand
expect_out <<<$'position 2\nposition 4'
# --party keeps the events of both parties, and drops the other party's
refs --party us --to 2024-05-21
expect_out <<<$'SMA-12:1\nposition 2\nSMA-12:2\nALT-1:1\noutcome 1'
# an event dated by a period that overlaps the range stays: 2024? holds June
refs --from 2024-06 --to 2024-07
expect_out <<<$'position 5\nfurlough 1\nSMA-12:3\nposition 4\nfurlough 1\noutcome 2\nSMA-12:4'
refs --from 2024-05-21 --to 2024-05-21
expect_out <<<$'position 5\nSMA-12:2\nALT-1:1\nposition 3\noutcome 1'
# --to 2024 includes 2024-12-31; --from 2024-04 keeps 2024?, whose year holds April
refs --from 2024-04 --to 2024
[ "$(head -1 "$WORK/out")" = "position 5" ] || fail "--from 2024-04 starts with $(head -1 "$WORK/out")"
[ "$(tail -1 "$WORK/out")" = "outcome 7" ] || fail "--to 2024 ends with $(tail -1 "$WORK/out")"
[ "$(wc -l <"$WORK/out")" = 19 ] || fail "--from 2024-04 --to 2024 gives $(wc -l <"$WORK/out") events, not 19"
refs --type furlough-start,furlough-end
expect_out <<<$'furlough 1\nfurlough 1\nfurlough 2'
refs --type outcome --agreement SMA-12 --from 2024-10
expect_out <<<$'outcome 3\noutcome 4\noutcome 5\noutcome 6'
refs --from 2026
expect_out </dev/null
done_

case_ "delta and summary on the 20 events: no rate, then a rate"
run delta --csv
expect_out <<'OUT'
agreement,date,party,kind,amount,pct,prev_amount,change,change_pts,days,other_amount,gap,gap_pts,note
SMA-12,2024?,KR,offer,1198824000000,4.50,,,,,,,,rumored: rests on position 5
SMA-12,2024-04~,KR,offer,1204560000000,5.00,1198824000000,5736000000,0.50,,,,,no days: 2024? and 2024-04~ are not exact days; rumored: rests on position 5
SMA-12,2024-04-25,US,demand,,,,,,,1204560000000,,,no KRW rate on or before 2024-04-25; no gap: position 2 has no resolved amount
SMA-12,2024-05-21,KR,offer,1216032000000,6.00,1204560000000,11472000000,1.00,,,,,no days: 2024-04~ is not an exact day; no gap: position 2 has no resolved amount
SMA-12,2024-06-30~,US,demand,1400000000000,22.04,,,,66,1216032000000,183968000000,16.04,no change: position 2 has no resolved amount
OUT
run add rate --date 2024-04-01 --currency KRW --per-usd 1,350.25
run delta --csv
expect_out <<'OUT'
agreement,date,party,kind,amount,pct,prev_amount,change,change_pts,days,other_amount,gap,gap_pts,note
SMA-12,2024?,KR,offer,1198824000000,4.50,,,,,,,,rumored: rests on position 5
SMA-12,2024-04~,KR,offer,1204560000000,5.00,1198824000000,5736000000,0.50,,,,,no days: 2024? and 2024-04~ are not exact days; rumored: rests on position 5
SMA-12,2024-04-25,US,demand,1755325000000,53.01,,,,,1204560000000,550765000000,48.01,converted from USD at the KRW rate of 2024-04-01
SMA-12,2024-05-21,KR,offer,1216032000000,6.00,1204560000000,11472000000,1.00,,1755325000000,539293000000,47.01,no days: 2024-04~ is not an exact day
SMA-12,2024-06-30~,US,demand,1400000000000,22.04,1755325000000,-355325000000,-30.97,66,1216032000000,183968000000,16.04,
OUT
run delta --by round --csv
expect_out <<'OUT'
agreement,seq,start,end,offer,demand,gap,gap_pts,change_gap
SMA-12,1,2024-04-23,2024-04-25,1204560000000,1755325000000,550765000000,48.01,
SMA-12,2,2024-05-21,2024-05-23,1216032000000,1755325000000,539293000000,47.01,-11472000000
ALT-1,1,2024-05-21,,,,,,
SMA-12,3,2024-06-30,,1216032000000,1400000000000,183968000000,16.04,-355325000000
SMA-12,4,2024-07-01,2024-07-03,1216032000000,1400000000000,183968000000,16.04,0
OUT
run summary --csv
expect_out <<'OUT'
agreement,baseline,currency,rounds,first_round,last_round,offer,demand,gap,gap_pts,furlough_workers,furlough_worker_days,outcome,term_total,note
SMA-12,1147200000000,KRW,4,2024-04-23,2024-07-01,1216032000000,1400000000000,183968000000,16.04,3250,,ratified,,no worker-days: furlough 2 has no end date
ALT-1,,KRW,1,2024-05-21,2024-05-21,,,,,0,0,expired,,no baseline: ALT-1 has no baseline and no previous agreement
OUT
done_

# A position that names its round stands from that round on, whatever its
# date: round 8 (2021-02-05, a day) ends before the offer and the demand
# tagged --round 8 are dated, and a demand tagged --round 9 but dated on
# round 8's day does not stand in round 8.
export SMALOG_DB="$WORK/rounds.db"
case_ "delta --by round: a position stands from the round it names"
{
	run init
	run add agreement --code SMA-11 --parties KR,US --baseline 1T
	run add round --agreement SMA-11 --seq 7 --start 2020-03-17 --end 2020-03-19
	run add round --agreement SMA-11 --seq 8 --start 2021-02-05
	run add round --agreement SMA-11 --seq 9 --start 2021-03-01
	run add position --agreement SMA-11 --date 2020-03-18 --party KR --kind offer --pct 10
	run add position --agreement SMA-11 --round 8 --date 2021-02-10 --party KR --kind offer --pct 13
	run add position --agreement SMA-11 --round 8 --date 2021-02-12 --party US --kind demand --pct 40
	run add position --agreement SMA-11 --round 9 --date 2021-02-05 --party US --kind demand --pct 30
}
expect_status 0
run delta --by round --csv
expect_status 0
expect_out <<'OUT'
agreement,seq,start,end,offer,demand,gap,gap_pts,change_gap
SMA-11,7,2020-03-17,2020-03-19,1100000000000,,,,
SMA-11,8,2021-02-05,,1130000000000,1400000000000,270000000000,27.00,
SMA-11,9,2021-03-01,,1130000000000,1400000000000,270000000000,27.00,0
OUT
# the latest figures, for the summary, stay in date order
run summary --csv
expect_out <<'OUT'
agreement,baseline,currency,rounds,first_round,last_round,offer,demand,gap,gap_pts,furlough_workers,furlough_worker_days,outcome,term_total,note
SMA-11,1000000000000,KRW,3,2020-03-17,2021-03-01,1130000000000,1400000000000,270000000000,27.00,0,0,,,
OUT
done_

case_ "Ctrl-C stops a long report, and -o leaves no file"
big="$WORK/big.db"
"$SMALOG" --db "$big" init >/dev/null 2>&1
"$SMALOG" --db "$big" add agreement --code SMA-11 --parties KR,US --baseline 1T >/dev/null 2>&1
sqlite3 "$big" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
	INSERT INTO position (agreement, date, party, kind, pct_bp)
	SELECT 'SMA-11', '2020-01-01', CASE i % 2 WHEN 0 THEN 'KR' ELSE 'US' END,
		CASE i % 2 WHEN 0 THEN 'offer' ELSE 'demand' END, i % 5000 FROM n"
snapshot "$big"
interrupted "$WORK/interrupted.csv" --db "$big" delta --csv
expect_unchanged "$big"
done_

finish

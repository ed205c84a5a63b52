#!/usr/bin/env bash
# import_uids.sh - an export loaded into an empty file keeps every uid, its uid index dropped for the load and built again; a uid held twice is refused at its line, the file unchanged.
. "$(dirname "$0")/lib.sh"

case_ "set up: an agreement, and 3,000 positions (300 KB, enough for a load that drops the indexes)"
run init
expect_status 0
printf 'code,parties,total\nSMA-10,"KR,US",1.0389T\n' >a.csv
run import agreement a.csv
expect_status 0
awk 'BEGIN { print "agreement,date,party,kind,amount,notes"
	for (i = 1; i <= 3000; i++)
		printf "SMA-10,2019-%02d-%02d,%s,offer,%d,a note long enough to make the file large row after row\n",
			1 + i % 12, 1 + i % 28, i % 2 ? "KR" : "US", 1000000 + i }' >p.csv
run import position p.csv
expect_status 0
expect_err "imported 3,000 positions"
run export position -o e.csv
expect_status 0
[ "$(wc -c <e.csv)" -gt 262144 ] || fail "the export is $(wc -c <e.csv) bytes, too small to drop the indexes"
cp test.db full.db
done_

case_ "an export into an empty file: every record and uid as it was, the uid index smalog's"
export SMALOG_DB=$WORK/copy.db
run init
expect_status 0
run import agreement a.csv
expect_status 0
run import position e.csv
expect_status 0
expect_err "imported 3,000 positions"
run export position -o e2.csv
expect_status 0
cmp -s e.csv e2.csv || fail "the export of the copy differs: $(diff e.csv e2.csv | head -4)"
[ "$(sqlite3 copy.db "SELECT sql FROM sqlite_schema WHERE name = 'position_by_uid'")" = \
	"CREATE UNIQUE INDEX position_by_uid ON position (uid)" ] || fail "the uid index is not smalog's"
run check
expect_status 0
done_

case_ "refused: a uid that an earlier row of the export holds, at its line; the empty file unchanged"
export SMALOG_DB=$WORK/twice.db
run init
expect_status 0
run import agreement a.csv
expect_status 0
# line 2500 takes line 10's uid
first=$(sed -n 10p e.csv | cut -d, -f1)
awk -F, -v OFS=, -v uid="$first" 'NR == 2500 { $1 = uid } { print }' e.csv >twice.csv
refused 65 "twice.csv:2500: column 'uid': uid $first is on line 10 too (a uid names one record)" \
	import position twice.csv
refused 65 "twice.csv:2500: column 'uid': uid $first is on line 10 too (a uid names one record)" \
	import position twice.csv --dry-run
done_

finish

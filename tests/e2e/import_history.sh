#!/usr/bin/env bash
# import_history.sh - an import logs its inserts in one statement, its triggers and foreign keys off: the change log is what the triggers write, references are still proven, every refusal names its line.
. "$(dirname "$0")/lib.sh"

case_ "set up: two agreements, SMA-11's baseline SMA-10's total, and its rounds"
run init
expect_status 0
printf 'code,parties,total,previous,start_year\nSMA-10,"KR,US",1.0389T,,2019\nSMA-11,"KR,US",,SMA-10,2020\n' >a.csv
run import agreement a.csv
expect_status 0
printf 'agreement,seq,start\nSMA-11,1,2019-09-24\nSMA-11,2,2019-10-23\nSMA-11,3,2019-11-18\n' >r.csv
run import round r.csv
expect_status 0
done_

# row I: position I of a file, every tenth with an amount and the pct that
# agrees with it (1.17T is +12.62% over the baseline), the fifth with a note
# on two lines, so that from there a row starts two lines after its number
row() {
	local i=$1 party=KR kind=offer notes=""
	[ $((i % 2)) = 0 ] && party=US && kind=demand
	[ "$i" = 5 ] && notes='"two
lines"'
	if [ $((i % 10)) = 0 ]; then
		printf 'SMA-11,%d,2020-01-%02d,%s,%s,1.17T,12.62,%s\n' $((1 + i % 3)) $((1 + i % 28)) "$party" "$kind" "$notes"
	else
		printf 'SMA-11,%d,2020-01-%02d,%s,%s,%d,,%s\n' $((1 + i % 3)) $((1 + i % 28)) "$party" "$kind" $((1000000000 + i)) "$notes"
	fi
}
# rows FROM TO: those rows of the file
rows() {
	local i
	for ((i = $1; i <= $2; i++)); do row "$i"; done
}
HEADER="agreement,round,date,party,kind,amount,pct,notes"
# the line that row I (> 5) starts on
line() { echo $(($1 + 2)); }

case_ "the change log of an import is what the triggers write row by row"
{ echo "$HEADER"; rows 1 150; } >p.csv
cp test.db before.db
run import position p.csv
expect_status 0
expect_err "imported 150 positions"
# the same rows into the file as it was, by the sqlite3 shell: the schema's
# triggers log each insert as it happens
sqlite3 before.db "ATTACH 'test.db' AS s;
INSERT INTO position (id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms,
	source, notes, amount_approx, uid)
SELECT id, agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes,
	amount_approx, uid FROM s.position ORDER BY id" || fail "the shell could not insert the rows"
# (smalog logs its import log too, which the shell did not write)
changes() { sqlite3 "$1" "SELECT id, grp, tbl, row_id, op, quote(before) FROM change WHERE tbl <> 'import_log' ORDER BY id"; }
[ "$(changes test.db | wc -l)" -gt 150 ] || fail "the import logged $(changes test.db | wc -l) changes"
[ "$(changes test.db)" = "$(changes before.db)" ] || {
	fail "the change log differs from the triggers'"
	diff <(changes test.db) <(changes before.db) | head -10
}
run check
expect_status 0
# undone by the log alone: every record the import added goes
run undo
expect_status 0
[ "$(sqlite3 test.db 'SELECT count(*) FROM position')" = 0 ] || fail "undo left positions"
run check
expect_status 0
done_

case_ "after an import, the triggers log what the next command writes"
run add position --agreement SMA-11 --date 2020-05-01 --party KR --kind offer --amount 1T
expect_status 0
[ "$(sqlite3 test.db "SELECT op FROM change ORDER BY id DESC LIMIT 1")" = I ] || fail "add was not logged"
run undo
expect_status 0
done_

over="over the baseline 1,038,900,000,000 KRW"
disagrees="column 'pct': pct 50% disagrees with amount 1,170,000,000,000 KRW: that amount is +12.62% $over"

case_ "refused after its insert: the row whose pct disagrees, at its line"
{ echo "$HEADER"; rows 1 99; echo 'SMA-11,1,2020-02-01,KR,offer,1.17T,50,'; rows 101 150; } >p.csv
refused 65 "p.csv:$(line 100): $disagrees" import position p.csv
done_

case_ "refused: an earlier row's error comes before a later row's"
# a bad date after the disagreeing row
{ echo "$HEADER"; rows 1 99; echo 'SMA-11,1,2020-02-01,KR,offer,1.17T,50,'; rows 101 110;
  echo 'SMA-11,1,2020-02-30,KR,offer,1T,,'; rows 112 150; } >p.csv
refused 65 "p.csv:$(line 100): $disagrees" import position p.csv
# a quote never closed after it
{ echo "$HEADER"; rows 1 139; echo 'SMA-11,1,2020-02-01,KR,offer,1.17T,50,'; echo 'SMA-11,1,2020-02-01,KR,offer,1T,,"open'; } >p.csv
refused 65 "p.csv:$(line 140): $disagrees" import position p.csv
# the later row's own error when the rows before it are fine
{ echo "$HEADER"; rows 1 110; echo 'SMA-11,1,2020-02-30,KR,offer,1T,,'; rows 112 150; } >p.csv
refused 65 "p.csv:$(line 111): column 'date': invalid date '2020-02-30' (February 2020 has 29 days)" import position p.csv
done_

case_ "refused: a row the same as one earlier in the file"
{ echo "$HEADER"; rows 1 70; row 66; rows 72 150; } >p.csv
refused 65 "p.csv:$(line 71): this position repeats line $(line 66) (use --again to record it twice)" import position p.csv
# with --again, both are recorded
run import position p.csv --again
expect_status 0
expect_err "imported 150 positions"
run undo
expect_status 0
done_

case_ "refused: a uid that a row earlier in the file holds"
uid=0a1b2c3d-0000-4000-8000-000000000001
{ echo "uid,$HEADER"; for i in $(seq 1 80); do
	[ "$i" = 70 ] && printf %s "$uid"; echo ",$(row "$i")"; done
  echo "${uid^^},SMA-11,1,2020-03-01,KR,offer,5,,"; } >p.csv
refused 65 "p.csv:$(line 81): column 'uid': uid $uid is on line $(line 70) too (a uid names one record)" \
	import position p.csv
done_

case_ "refused: a reference that does not hold, at its line, with SQLite's foreign keys off"
{ echo "$HEADER"; rows 1 120; echo 'SMA-11,7,2020-02-01,KR,offer,1T,,'; } >p.csv
refused 65 "p.csv:$(line 121): column 'round': no round 7 in agreement 'SMA-11'" import position p.csv
{ echo "$HEADER"; rows 1 120; echo 'SMA-12,,2020-02-01,KR,offer,1T,,'; } >p.csv
refused 65 "p.csv:$(line 121): column 'agreement': no agreement 'SMA-12' (add it first: smalog add agreement --code SMA-12)" import position p.csv
done_

finish

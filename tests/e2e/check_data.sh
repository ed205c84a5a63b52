#!/usr/bin/env bash
# check_data.sh - what `smalog check` finds in the records: pct against the
# amount as the reports resolve both, dates far outside an agreement's span
# or in the future, records stored twice, and a cycle of previous
# agreements; each with the exact rows, exit 65, and the file unchanged.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: the sqlite3 shell is not installed (Debian package sqlite3)"
	exit 77
fi

# checked CODE MESSAGE: smalog check --csv exits CODE with MESSAGE on
# stderr (no 'smalog: ' prefix for the ok line) and leaves the file as it was
checked() {
	snapshot "$SMALOG_DB"
	run check --csv
	expect_status "$1"
	expect_err "$2"
	expect_unchanged "$SMALOG_DB"
}

export SMALOG_DB="$WORK/baseline.db"
case_ "pct against amount: no false problem where delta has no baseline"
{
	run init
	run add agreement --code OLD --parties KR,US --currency USD --total 900M
	run add agreement --code NEW --parties KR,US --previous OLD
	run add position --agreement NEW --date 2021-03-07 --party KR --kind offer --amount 1.1833T --pct 13.9
}
expect_status 0
# OLD's total is in dollars: NEW has no baseline in won, and no pct to compare
run delta --csv
expect_out <<'OUT'
agreement,date,party,kind,amount,pct,prev_amount,change,change_pts,days,other_amount,gap,gap_pts,note
NEW,2021-03-07,KR,offer,1183300000000,13.90,,,,,,,,"no baseline: the total of OLD is in USD, not KRW"
OUT
checked 0 "ok: 3 records checked, no problems"
expect_out <<<"kind,id,problem"
done_

case_ "pct against amount: the amount as delta converts it, over delta's baseline"
{
	run add agreement --code SMA-10 --parties KR,US --total 1.0389T
	run add agreement --code SMA-11 --parties KR,US --previous SMA-10
	run add rate --date 2021-01-01 --currency KRW --per-usd 1,200
	# $1B is 1.2T won: 15.51% over 1.0389T, as stated
	run add position --agreement SMA-11 --date 2021-02 --party US --kind demand --amount 1B --currency USD --pct 15.51
}
expect_status 0
# add refuses a pct that its amount contradicts: another tool writes them
# 1.1833T won is 13.90%, not 12; $1.1B is 1.32T won, 27.06%, not 13.9
sqlite3 "$SMALOG_DB" "INSERT INTO position (agreement, date, party, kind, amount, currency, pct_bp) VALUES
	('SMA-11', '2021-03-07', 'KR', 'offer', 1183300000000, 'KRW', 1200),
	('SMA-11', '2021-03-08', 'US', 'demand', 1100000000, 'USD', 1390)" || fail "cannot plant the positions"
checked 65 "smalog: 2 problems found in '$SMALOG_DB'"
expect_out <<'OUT'
kind,id,problem
position,3,pct 12.00% is more than half a point from the 13.90% that amount 1183300000000 KRW implies over baseline 1038900000000
position,4,pct 13.90% is more than half a point from the 27.06% that amount 1320000000000 KRW implies over baseline 1038900000000
OUT
done_

export SMALOG_DB="$WORK/dates.db"
run init --example
case_ "dates far outside the agreement's span, or in the future"
today=$(date -u +%Y-%m-%d)
{
	# SMA-11 runs 2020 to 2025: its span is 2018 to 2027; SMA-10's, 2017 to 2021
	run add outcome --agreement SMA-11 --date 1899 --kind signed
	run add outcome --agreement SMA-11 --date 2018-01-01 --kind stalled
	run add outcome --agreement SMA-10 --date 2021-12~ --kind stalled
	run add furlough --agreement SMA-10 --start 2020-04-01 --end 2022-01 --workers 10
	run add agreement --code FAR --parties KR,US --start-year 2020 --end-year 9000
	run add position --agreement FAR --date "$today" --party KR --kind offer --amount 1T
	run add position --agreement FAR --date 8999-12-31 --party KR --kind offer --amount 1T
	run add round --agreement FAR --start 9999 --end 9999-12~
	# an agreement without a start year is measured from its first round
	run add agreement --code ROUNDS --parties KR,US
	run add round --agreement ROUNDS --start 2010-05-01
	run add position --agreement ROUNDS --date 2007 --party US --kind demand --amount 1T
	run add position --agreement ROUNDS --date 2008-01-01 --party US --kind demand --amount 1T
	run add rate --date 3000-01-01 --currency KRW --per-usd 1000
}
expect_status 0
checked 65 "smalog: 7 problems found in '$SMALOG_DB'"
expect_out <<'OUT'
kind,id,problem
round,11,"start 9999 is in the future, and outside the span of FAR, 2018 to 9002 (two years either side of its years)"
round,11,"end 9999-12~ is in the future, and outside the span of FAR, 2018 to 9002 (two years either side of its years)"
position,8,date 8999-12-31 is in the future
position,9,"date 2007 is outside the span of ROUNDS, from 2008 on (two years either side of its years)"
outcome,9,"date 1899 is outside the span of SMA-11, 2018 to 2027 (two years either side of its years)"
furlough,2,"end 2022-01 is outside the span of SMA-10, 2017 to 2021 (two years either side of its years)"
rate,3,date 3000-01-01 is in the future
OUT
done_

export SMALOG_DB="$WORK/twice.db"
run init --example
case_ "positions and outcomes recorded twice, CRLF or not, each naming the first"
# as a second import of the same CSV with CRLF line ends would store them
sqlite3 "$SMALOG_DB" "
	INSERT INTO position (agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes)
	SELECT agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source,
		replace(notes, char(10), char(13, 10)) FROM position WHERE id IN (1, 4);
	INSERT INTO position (agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes)
	SELECT agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes
	FROM position WHERE id = 1;
	INSERT INTO outcome (agreement, round, date, kind, source, notes)
	SELECT agreement, round, date, kind, source, notes FROM outcome WHERE id = 3;
	-- not the same: another amount, and a note of its own
	INSERT INTO position (agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms, source, notes)
	SELECT agreement, round, date, party, kind, amount + 1, currency, pct_bp, years, confidence, terms, source, notes
	FROM position WHERE id = 4;
	INSERT INTO outcome (agreement, round, date, kind, source, notes)
	SELECT agreement, round, date, kind, source, 'again' FROM outcome WHERE id = 3;"
checked 65 "smalog: 4 problems found in '$SMALOG_DB'"
expect_out <<'OUT'
kind,id,problem
position,7,recorded twice: the same as position 1 in every field but the id
position,8,recorded twice: the same as position 4 in every field but the id
position,9,recorded twice: the same as position 1 in every field but the id
outcome,9,recorded twice: the same as outcome 3 in every field but the id
OUT
done_

export SMALOG_DB="$WORK/cycle.db"
run init --example
case_ "a cycle of previous agreements is named once, and check ends"
{
	run add agreement --code A --parties KR,US
	run add agreement --code B --parties KR,US --previous A
	run add agreement --code C --parties KR,US --previous B
	# D leads into the cycle without being part of it
	run add agreement --code D --parties KR,US --previous C
}
expect_status 0
sqlite3 "$SMALOG_DB" "UPDATE agreement SET previous = 'C' WHERE code = 'A';
	UPDATE agreement SET previous = 'SMA-11' WHERE code = 'SMA-10'"
snapshot "$SMALOG_DB"
timeout 20 "$SMALOG" check --csv >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 65
expect_err "smalog: 2 problems found in '$SMALOG_DB'"
expect_unchanged "$SMALOG_DB"
expect_out <<'OUT'
kind,id,problem
agreement,1,previous runs in a cycle: SMA-10 → SMA-11 → SMA-10
agreement,4,previous runs in a cycle: A → C → B → A
OUT
done_

finish

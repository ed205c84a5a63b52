#!/usr/bin/env bash
# sqlite_agrees.sh - the sqlite3 shell, reading the same database, agrees with `smalog export` on
# every row and every value: the export is parsed by the shell's own CSV reader (.import) and
# compared with the tables, record by record (by uid).
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: the sqlite3 shell is not installed (Debian package sqlite3)"
	exit 77
fi

case_ "a database: the bundled example and records with text CSV must quote"
run init --example
expect_status 0
printf '%s\n' 'key,outlet,title,notes' 'quote-test,"Outlet, Inc.","a ""quoted"" title",' \
	'ko-test,연합뉴스,"방위비 분담금 협상","두 줄의
메모"' ' spaced ,Spaces," leading and trailing ",=1+2' >more-sources.csv
run import source more-sources.csv
expect_status 0
code=$(sqlite3 "$SMALOG_DB" "SELECT code FROM agreement ORDER BY id LIMIT 1")
[ -n "$code" ] || fail "the example has no agreement"
printf 'agreement,date,party,kind,amount,pct,confidence,terms,source,notes\n%s,2021-01~,KR,offer,"1,000,000",-99.75,rumored,"a, b and ""c""",quote-test;ko-test,"한국어\r\nCRLF"\n%s,2021,US,demand,,-0.05,,,,\n' \
	"$code" "$code" >more-positions.csv
run import position more-positions.csv
expect_status 0
printf 'date,currency,per_usd\n2021-02-23,USD,1\n2021-02-24,JPY,105.0125\n' >more-rates.csv
run import rate more-rates.csv
expect_status 0
done_

# Each kind's columns as the shell computes the export's text from the
# table: integers as digits, pct and per_usd from their exact integers
# (hundredths, ten-thousandths) with trailing zeros dropped, NULL as empty.
decimal() { # decimal COLUMN SCALE
	local zeros
	zeros=$(printf '%0*d' "$2" 0)
	echo "CASE WHEN $1 IS NULL THEN '' ELSE (CASE WHEN $1 < 0 THEN '-' ELSE '' END) || (abs($1) / 1${zeros}) ||
		rtrim(rtrim('.' || substr('${zeros}' || (abs($1) % 1${zeros}), -$2), '0'), '.') END"
}
declare -A columns
columns[source]="key, outlet, title, url, published, notes"
columns[agreement]="code, title, parties, currency, total, baseline, previous, start_year, end_year, signed, source, notes"
columns[round]="agreement, seq, start, \"end\", location, format, source, notes"
columns[position]="agreement, round, date, party, kind, amount, currency, pct, years, confidence, terms, source, notes"
columns[outcome]="agreement, round, date, kind, source, notes"
columns[furlough]="agreement, start, \"end\", workers, stopgap, currency, source, notes"
columns[rate]="date, currency, per_usd"
# the table side: every column as text, NULL as ''
table_side() {
	local kind=$1 out="" col
	IFS=',' read -ra cols <<<"${columns[$kind]}"
	for col in "${cols[@]}"; do
		col=${col# }
		case "$kind.$col" in
		position.pct) out+="$(decimal pct_bp 2), " ;;
		rate.per_usd) out+="$(decimal per_usd_e4 4), " ;;
		# an approximate value is exported with its '~' ("about 4,000")
		position.amount | furlough.workers) out+="coalesce($col || CASE WHEN ${col}_approx THEN '~' ELSE '' END, ''), " ;;
		*) out+="coalesce(CAST($col AS TEXT), ''), " ;;
		esac
	done
	echo "${out%, }"
}

case_ "every row of every kind: the shell and the export agree"
for kind in source agreement round position outcome furlough rate; do
	run export "$kind" -o "$kind.csv"
	expect_status 0
	# the export's rows as the shell's CSV reader reads them (the header names the columns)
	sqlite3 "$WORK/$kind-check.db" ".import --csv $kind.csv exported" || fail "the shell cannot read $kind.csv"
	# rows are matched by uid, the record's name in every file
	diff_sql="ATTACH '$SMALOG_DB' AS s;
	CREATE TEMP VIEW from_table AS SELECT uid AS n, $(table_side "$kind") FROM s.$kind;
	CREATE TEMP VIEW from_export AS SELECT uid AS n, ${columns[$kind]} FROM exported;
	SELECT (SELECT count(*) FROM (SELECT * FROM from_table EXCEPT SELECT * FROM from_export))
	     + (SELECT count(*) FROM (SELECT * FROM from_export EXCEPT SELECT * FROM from_table)),
	       (SELECT count(*) FROM from_table), (SELECT count(*) FROM from_export);"
	result=$(sqlite3 -separator ' ' "$WORK/$kind-check.db" "$diff_sql") || fail "$kind: the comparison failed"
	read -r differing in_table in_export <<<"$result"
	[ "$differing" = 0 ] || fail "$kind: $differing rows differ between the table and the export"
	[ "$in_table" = "$in_export" ] || fail "$kind: $in_table rows in the table, $in_export in the export"
	[ "$in_table" -gt 0 ] || fail "$kind: no rows to compare"
done
done_

case_ "empty cells are NULL in the table, never empty text"
for kind in source agreement round position outcome furlough rate; do
	IFS=',' read -ra cols <<<"${columns[$kind]}"
	for col in "${cols[@]}"; do
		col=${col# }
		case "$kind.$col" in position.pct) col=pct_bp ;; rate.per_usd) col=per_usd_e4 ;; esac
		n=$(sqlite3 "$SMALOG_DB" "SELECT count(*) FROM $kind WHERE $col = ''")
		[ "$n" = 0 ] || fail "$kind.$col holds $n empty strings"
	done
done
done_

# The reports: the shell reading each view gives smalog's rows, pct and
# points (numbers in the views) printed with two decimals as smalog does.
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

case_ "every report: the shell reading its view prints smalog's rows"
for pair in "timeline:timeline" "position_delta:delta" "round_delta:delta --by round" "agreement_summary:summary"; do
	view=${pair%%:*}
	# shellcheck disable=SC2086
	run ${pair#*:} --tsv
	expect_status 0
	sqlite3 -header -tabs "$SMALOG_DB" "SELECT ${view_columns[$view]} FROM $view" >"$WORK/shell.tsv" ||
		fail "the shell cannot read $view"
	cmp -s "$WORK/out" "$WORK/shell.tsv" || fail "$view in the shell differs from smalog ${pair#*:}"
	[ "$(wc -l <"$WORK/out")" -gt 1 ] || fail "$view: no rows to compare"
done
done_

case_ "the views' figures are numbers to the shell, as to smalog query"
for sql in "SELECT count(*) FROM position_delta WHERE pct > 50" \
	"SELECT count(*) FROM position_delta WHERE pct < 0" \
	"SELECT count(*) FROM timeline WHERE pct > 13" \
	"SELECT group_concat(pct, ' ') FROM (SELECT pct FROM position_delta ORDER BY pct, date)" \
	"SELECT group_concat(gap_pts, ' ') FROM (SELECT gap_pts FROM round_delta WHERE gap_pts IS NOT NULL ORDER BY gap_pts)" \
	"SELECT DISTINCT typeof(pct) FROM position_delta" \
	"SELECT DISTINCT typeof(gap_pts) FROM agreement_summary WHERE gap_pts IS NOT NULL"; do
	run query --csv "$sql"
	tail -n +2 "$WORK/out" >"$WORK/rows"
	expect_status 0
	shell=$(sqlite3 "$SMALOG_DB" "$sql") || fail "the shell cannot run: $sql"
	[ "$(cat "$WORK/rows")" = "$shell" ] || fail "$sql: smalog says '$(cat "$WORK/rows")', the shell '$shell'"
done
[ "$shell" = real ] || fail "gap_pts is $shell in agreement_summary"
# in numeric order: the imported 1,000,000 KRW is -100.00% of SMA-11's
# baseline, the imported -0.05% comes next, then the example's figures:
# SMA-12's 1.5192T over its baseline (SMA-11's 2025 amount, 1.4028T) at
# 8.3 before SMA-11's, and "about $5bn" at 1,124.3243 won
run query --csv "SELECT group_concat(pct, ' ') AS pcts FROM (SELECT pct FROM position_delta ORDER BY pct, date)"
expect_out <<<$'pcts\n-100.0 -0.05 8.3 13.0 13.0 13.9 50.0 441.11'
done_

case_ "a changed value is caught (the comparison can fail)"
sqlite3 "$SMALOG_DB" "UPDATE source SET title = 'changed' WHERE key = 'quote-test'"
run export source -o source.csv
sed -i 's/changed/"a ""quoted"" title"/' source.csv
rm -f "$WORK/source-again.db"
sqlite3 "$WORK/source-again.db" ".import --csv source.csv exported"
n=$(sqlite3 "$WORK/source-again.db" "ATTACH '$SMALOG_DB' AS s;
	SELECT count(*) FROM (SELECT $(table_side source) FROM s.source EXCEPT SELECT ${columns[source]} FROM exported)")
[ "$n" = 1 ] || fail "expected one differing row, found $n"
done_

finish

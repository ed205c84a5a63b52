#!/usr/bin/env bash
# display.sh - how output is shown: --unit for amounts, --date-range beside
# dates, -x/--expanded, --width and --wide, and their refusals.  (At a real
# terminal: terminal.sh.)
. "$(dirname "$0")/lib.sh"

run init
[ "$status" = 0 ] || { echo "init failed: $(cat "$WORK/err")"; exit 1; }
add_each "agreement --code SMA-11 --baseline 1038900000000 --notes first" \
	"position --agreement SMA-11 --date 2021-03-07 --party KR --kind offer --amount 1183300000000" \
	"position --agreement SMA-11 --date 2020-04~ --party US --kind demand --amount 1558350000000" \
	"position --agreement SMA-11 --date 2020-03 --party KR --kind offer --amount 999995000000" \
	"round --agreement SMA-11 --start 2020-03 --end 2020-03-19" \
	"furlough --agreement SMA-11 --start 2020-04-01 --end 2020-06-15 --workers 4000"

# column NAME: the values of column NAME of a table in $WORK/out, by the
# header's position (one word a cell, as in these tables)
column() {
	awk -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		NR > 2 && c { print $c }' "$WORK/out"
}

case_ "--unit T: amounts to two decimals, the unit and rounding in the header"
run list position --unit T --wide
expect_status 0
head -1 "$WORK/out" | grep -qF 'amount (T, to 0.01)' || fail "header: $(head -1 "$WORK/out")"
[ "$(awk -F'  +' 'NR > 2 { for (i = 1; i <= NF; i++) if ($i ~ /T$/) print $i }' "$WORK/out" | tr '\n' ' ')" = "1.00T 1.56T 1.18T " ] ||
	fail "amounts: $(cat "$WORK/out")"
done_

case_ "--unit 억 and 조, in table and markdown"
run list position --unit 억 --wide
grep -qF '11,833억' "$WORK/out" && grep -qF '15,584억' "$WORK/out" && grep -qF '10,000억' "$WORK/out" ||
	fail "억: $(cat "$WORK/out")"
run list position --unit 조 --md
expect_status 0
head -1 "$WORK/out" | grep -qF '| amount (조, to 1억) |' || fail "header: $(head -1 "$WORK/out")"
grep -qF ' 1조 1,833억 |' "$WORK/out" && grep -qF ' 1조 5,584억 |' "$WORK/out" && grep -qF '     1조 |' "$WORK/out" ||
	fail "조: $(cat "$WORK/out")"
# a count of workers is not money
run list furlough --unit T --wide
grep -qF '4,000' "$WORK/out" || fail "workers: $(cat "$WORK/out")"
run summary --unit B --wide
expect_status 0
head -1 "$WORK/out" | grep -qF 'baseline (B, to 0.01)' || fail "summary header: $(head -1 "$WORK/out")"
head -1 "$WORK/out" | grep -qF 'furlough_workers (' && fail "workers in a unit: $(head -1 "$WORK/out")"
grep -qF '1,038.90B' "$WORK/out" || fail "summary: $(cat "$WORK/out")"
done_

case_ "--unit leaves the other outputs and the default as they were"
run list position --wide
expect_status 0
cp "$WORK/out" "$WORK/plain.txt"
grep -qF '1,183,300,000,000' "$WORK/plain.txt" || fail "no grouped amount: $(cat "$WORK/plain.txt")"
run list position
cmp -s "$WORK/out" "$WORK/plain.txt" || fail "piped output differs from --wide"
done_

case_ "--unit, --date-range, -x, --width and --wide are refused where they do not apply"
refused 64 "--unit applies to table and markdown output only; CSV and JSON keep whole units" list position --unit T --csv
refused 64 "--unit applies to table and markdown output only; CSV and JSON keep whole units" timeline --unit T --json
refused 64 "unknown unit 'X' (expected K, M, B, T, 억 or 조)" delta --unit X
refused 64 "unknown unit 'trillion' (expected K, M, B, T, 억 or 조)" list position --unit trillion --md
refused 64 "--date-range applies to CSV, TSV and JSON output only" list round --date-range
refused 64 "--date-range applies to CSV, TSV and JSON output only" timeline --date-range --md
refused 64 "-x applies to table output only" list agreement -x --csv
refused 64 "--expanded applies to table output only" summary --expanded --md
refused 64 "--width applies to table output only" timeline --width 80 --json
refused 64 "--wide applies to table output only" timeline --wide --tsv
refused 64 "--width: '10' is not a number of columns from 20 to 100000" timeline --width 10
refused 64 "--width: '80x' is not a number of columns from 20 to 100000" timeline --width 80x
refused 64 "--width: '' is not a number of columns from 20 to 100000" timeline --width=
refused 64 "--width: '1000000' is not a number of columns from 20 to 100000" timeline --width 1000000
refused 64 "--wide shows every column at full width: it cannot go with -x/--expanded" timeline --wide -x
refused 64 "--wide shows every column at full width: it cannot go with --width" timeline --wide --width 80
done_

case_ "--date-range: each date's first and last day beside it, in CSV, TSV and JSON"
run list round --csv --date-range
expect_status 0
head -1 "$WORK/out" | grep -qF ',start,start_start,start_end,end,end_start,end_end,' || fail "header: $(head -1 "$WORK/out")"
grep -qF ',2020-03,2020-03-01,2020-03-31,2020-03-19,2020-03-19,2020-03-19,' "$WORK/out" || fail "row: $(sed -n 2p "$WORK/out")"
run list position --tsv --date-range
printf 'date\tdate_start\tdate_end\n2020-03\t2020-03-01\t2020-03-31\n2020-04~\t2020-04-01\t2020-04-30\n2021-03-07\t2021-03-07\t2021-03-07\n' >"$WORK/want"
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "date") c = i } { print $c "\t" $(c + 1) "\t" $(c + 2) }' "$WORK/out" |
	cmp -s - "$WORK/want" || fail "tsv: $(cat "$WORK/out")"
run timeline --json --date-range
expect_status 0
grep -qF '"date":"2020-04~","date_start":"2020-04-01","date_end":"2020-04-30","agreement":"SMA-11"' "$WORK/out" ||
	fail "json: $(head -c 400 "$WORK/out")"
# a report's date columns too
run delta --csv --date-range
head -1 "$WORK/out" | grep -qF 'agreement,date,date_start,date_end,party' || fail "delta: $(head -1 "$WORK/out")"
# without it, nothing is added
run list round --csv
head -1 "$WORK/out" | grep -q 'start_start' && fail "a range without --date-range"
done_

case_ "-x: one field a line, a record after another, also piped"
run list agreement -x
expect_status 0
# the rule as wide as the names, " | " and the widest value
[ "$(head -1 "$WORK/out")" = "-[ RECORD 1 ]-----------------" ] || fail "first line: $(head -1 "$WORK/out")"
grep -qx 'code       | SMA-11' "$WORK/out" || fail "no code line: $(cat "$WORK/out")"
grep -qx 'baseline   | 1,038,900,000,000' "$WORK/out" || fail "no baseline line: $(cat "$WORK/out")"
grep -qx 'notes      | first' "$WORK/out" || fail "no notes line: $(cat "$WORK/out")"
run list agreement --expanded
cmp -s "$WORK/out" <("$SMALOG" list agreement -x) || fail "--expanded is not -x"
done_

case_ "--width N fits wherever the output goes; piped output is not fitted"
for n in 40 60 80; do
	for cmd in timeline delta summary "list position" "show agreement SMA-11"; do
		# shellcheck disable=SC2086
		run $cmd --width $n
		expect_status 0
		[ "$(LC_ALL=C.UTF-8 wc -L <"$WORK/out")" -le $n ] || fail "$cmd --width $n: $(LC_ALL=C.UTF-8 wc -L <"$WORK/out") wide"
		grep -q '1,183,300,000,000\|1,038,900,000,000' "$WORK/out" || fail "$cmd --width $n: the amount split: $(cat "$WORK/out")"
	done
done
run list position --width 60
grep -qF '(not shown: ' "$WORK/out" || fail "no note of the columns left out: $(cat "$WORK/out")"
run list position --width 60 -o "$WORK/fitted.txt"
cmp -s "$WORK/fitted.txt" <("$SMALOG" list position --width 60) || fail "-o with --width differs"
done_

case_ "a narrow table keeps what tells its rows apart: terms' year, log's group, diff's two sides"
"$SMALOG" --db "$WORK/ex.db" init --example >/dev/null 2>&1 || fail "cannot make the example"
"$SMALOG" --db "$WORK/ex.db" export --all "$WORK/ex-dir" >/dev/null 2>&1 || fail "cannot export the example"
cp "$WORK/ex.db" "$WORK/ex2.db"
"$SMALOG" --db "$WORK/ex2.db" edit position 1 --notes "다시 협상" >/dev/null 2>&1 || fail "cannot edit"
for n in 60 120; do
	"$SMALOG" --db "$WORK/ex.db" terms --width $n >"$WORK/out" 2>&1 || fail "terms --width $n"
	head -1 "$WORK/out" | grep -qE '^agreement +year +amount .*expected' ||
		fail "terms --width $n: $(head -1 "$WORK/out")"
	"$SMALOG" --db "$WORK/ex.db" log -n 2 --width $n >"$WORK/out" 2>&1 || fail "log --width $n"
	head -1 "$WORK/out" | grep -qE '^group +time ' || fail "log --width $n: $(head -1 "$WORK/out")"
	"$SMALOG" diff "$WORK/ex.db" "$WORK/ex2.db" --width $n >"$WORK/out" 2>&1
	head -1 "$WORK/out" | grep -qE ' a +b' || fail "diff --width $n: $(head -1 "$WORK/out")"
	grep -q '다시 협상' "$WORK/out" || fail "diff --width $n: the new value is not shown: $(cat "$WORK/out")"
done
done_

case_ "bash completion offers the units and knows -x, --wide and --date-range take no value"
completion="$(dirname "$0")/../../contrib/smalog.bash-completion"
complete_words() {
	PATH="$(dirname "$SMALOG"):$PATH" bash -c 'source "$1" || exit 1; shift; COMP_WORDS=("$@");
		COMP_CWORD=$(($# - 1)); _smalog; printf "%s\n" "${COMPREPLY[@]}"' complete "$completion" "$@" >"$WORK/out"
}
complete_words smalog timeline --unit ""
[ "$(tr '\n' ' ' <"$WORK/out")" = "K M B T 억 조 " ] || fail "--unit completes to: $(tr '\n' ' ' <"$WORK/out")"
for flag in -x --expanded --wide --date-range; do
	complete_words smalog show "$flag" ""
	grep -qx agreement "$WORK/out" || fail "after $flag no kinds: $(tr '\n' ' ' <"$WORK/out")"
done
complete_words smalog list position --wi
[ "$(tr '\n' ' ' <"$WORK/out")" = "--width --wide " ] || fail "--wi completes to: $(tr '\n' ' ' <"$WORK/out")"
done_

case_ "a reader that stops early (| head) ends smalog quietly, with 0"
"$SMALOG" --db "$WORK/pipe.db" init >/dev/null 2>&1
"$SMALOG" --db "$WORK/pipe.db" add agreement --code SMA-11 --parties KR,US --total 1T >/dev/null
awk 'BEGIN { print "agreement,date,party,kind,pct"
	for (i = 1; i <= 20000; i++) printf "SMA-11,2020-01-01,KR,offer,%d\n", i % 90 }' >"$WORK/pipe.csv"
"$SMALOG" --db "$WORK/pipe.db" import position "$WORK/pipe.csv" --again >/dev/null 2>&1 || fail "cannot make the file"
${SMALOG_WRAPPER:-} "$SMALOG" --db "$WORK/pipe.db" timeline --csv 2>"$WORK/err" | head -1 >"$WORK/out"
status=${PIPESTATUS[0]}
expect_status 0
expect_err ""
expect_out <<<"date,agreement,type,party,summary,amount,currency,pct,source,ref"
# a full disk is still an error
run --db "$WORK/pipe.db" timeline --csv -o /dev/full
expect_status 74
done_

finish

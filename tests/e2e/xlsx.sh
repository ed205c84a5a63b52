#!/usr/bin/env bash
# xlsx.sh - .xlsx output read back by openpyxl: every value of every report
# equal to its CSV's, numbers as numbers, exact days as date cells, partial
# dates as text with their first and last day beside them, Korean intact;
# written atomically, and refused on a terminal.
. "$(dirname "$0")/lib.sh"

check="$(dirname "$0")/xlsx_check.py"
py=
for p in python3 /usr/bin/python3; do
	command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null && { py=$p; break; }
done
[ -n "$py" ] || { echo "SKIP: openpyxl is not installed (Debian package python3-openpyxl)"; exit 77; }

# same_as_csv FILE.xlsx ARGS... [-- TEXT_COLUMN...]: smalog ARGS -o FILE
# writes a workbook that holds what ARGS --csv --date-range prints
same_as_csv() {
	local file=$1 args=() text=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do args+=("$1"); shift; done
	[ $# -gt 0 ] && shift && text=("$@")
	run "${args[@]}" -o "$file"
	expect_status 0
	[ -s "$WORK/out" ] && fail "printed on stdout with -o: $(head -c 200 "$WORK/out")"
	local csv_args=()
	for a in "${args[@]}"; do [ "$a" = --xlsx ] || csv_args+=("$a"); done
	"$SMALOG" "${csv_args[@]}" --csv --date-range >"$WORK/want.csv" || fail "smalog ${args[*]} --csv failed"
	"$py" "$check" "$file" "$WORK/want.csv" "${text[@]}" >"$WORK/check.log" 2>&1 ||
		fail "$file against the CSV: $(head -c 600 "$WORK/check.log")"
}

case_ "the example with Korean text"
run init --example
expect_status 0
"$SMALOG" add outcome --agreement SMA-11 --date 2020-05-03 --kind stalled --notes '협상 결렬 — 제11차 방위비분담금' >/dev/null ||
	fail "could not add the Korean outcome"
"$SMALOG" add outcome --agreement SMA-11 --date '2020-05?' --kind walkout --notes '미국 측 퇴장' >/dev/null ||
	fail "could not add the partial-date outcome"
"$SMALOG" add round --agreement SMA-11 --seq 10 --start 2020-05-04 --location '서울 외교부 청사' >/dev/null ||
	fail "could not add the round in Korean"
done_

case_ "timeline --xlsx -o: every value as the CSV's, typed"
same_as_csv t.xlsx timeline --xlsx
"$py" -c 'import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active
sys.exit(not any("서울 외교부 청사" in str(v) for r in ws.iter_rows(values_only=True) for v in r))' t.xlsx ||
	fail "the Korean location is not in the workbook"
grep -q '서울 외교부 청사' "$WORK/want.csv" || fail "the timeline CSV does not show the Korean location"
grep -q '2020-05?' "$WORK/want.csv" || fail "the CSV has no partial date to compare"
cp "$WORK/want.csv" "$WORK/timeline.csv"
done_

case_ "gnumeric reads the same workbook: dates as day serials, every value as the CSV's"
if command -v ssconvert >/dev/null 2>&1; then
	ssconvert -T Gnumeric_stf:stf_assistant -O 'format=raw separator=, quoting-mode=auto' t.xlsx raw.csv \
		>"$WORK/ssconvert.log" 2>&1 || fail "ssconvert: $(tail -3 "$WORK/ssconvert.log")"
	"$py" "$check" --raw raw.csv "$WORK/timeline.csv" >"$WORK/check.log" 2>&1 || fail "$(head -c 600 "$WORK/check.log")"
else
	echo "note: no ssconvert (Debian package gnumeric), gnumeric's reading was not tried"
fi
done_

case_ "the date cells, by hand: an exact day is a date, a partial one text with its days"
"$py" - t.xlsx >"$WORK/cells" 2>&1 <<'PY' || fail "$(cat "$WORK/cells")"
import datetime, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
head = rows[0]
d, s, e = head.index("date"), head.index("date_start"), head.index("date_end")
day = [r for r in rows if r[d] == datetime.datetime(2020, 5, 3)]
part = [r for r in rows if r[d] == "2020-05?"]
assert len(day) == 1 and day[0][s] == day[0][e] == datetime.datetime(2020, 5, 3), day
assert len(part) == 1, part
assert part[0][s] == datetime.datetime(2020, 5, 1) and part[0][e] == datetime.datetime(2020, 5, 31), part
amount = head.index("amount")
assert any(type(r[amount]) is int and r[amount] > 10**12 for r in rows[1:]), "no whole amount"
PY
done_

case_ "-o FILE.xlsx alone chooses the format, in every report"
same_as_csv list.xlsx list agreement
same_as_csv positions.xlsx list position
same_as_csv furlough.xlsx list furlough
same_as_csv outcomes.xlsx list outcome
same_as_csv upper.XLSX delta
same_as_csv summary.xlsx summary
same_as_csv show.xlsx show agreement SMA-11 -- value
same_as_csv query.xlsx query "SELECT 7 AS n, 2.5 AS r, '2020-03~' AS date, '일곱' AS t"
done_

case_ "values that would spoil the file's XML or be read as escapes come back readable"
run query "SELECT 'x' || char(65534) || 'y' || char(65535) AS t, CAST(X'61FF62' AS TEXT) AS u, '_x0041_' AS v, '정상' AS w" -o odd.xlsx
expect_status 0
"$py" -c 'import openpyxl, sys
got = [c.value for c in openpyxl.load_workbook(sys.argv[1]).active[2]]
want = ["x\ufffdy\ufffd", "a\ufffdb", "_x0041_", "\uc815\uc0c1"]
sys.exit(None if got == want else "read back as %a" % got)' odd.xlsx >"$WORK/odd" 2>&1 || fail "$(head -c 300 "$WORK/odd")"
done_

case_ "export -o NAME.xlsx writes a workbook of the export's columns, not CSV"
run export position -o positions-export.xlsx
expect_status 0
"$SMALOG" export position --date-range >"$WORK/want.csv" || fail "export --date-range failed"
"$py" "$check" --sheet position positions-export.xlsx "$WORK/want.csv" >"$WORK/check.log" 2>&1 ||
	fail "export -o NAME.xlsx: $(head -c 600 "$WORK/check.log")"
done_

case_ "--format xlsx to a pipe is a workbook too"
"$SMALOG" timeline --format xlsx | cat >piped.xlsx
"$SMALOG" timeline --csv --date-range >"$WORK/want.csv"
"$py" "$check" piped.xlsx "$WORK/want.csv" >"$WORK/check.log" 2>&1 || fail "piped: $(head -c 600 "$WORK/check.log")"
done_

case_ "an .xlsx is refused on a terminal, nothing written"
if command -v script >/dev/null 2>&1; then
	snapshot "$SMALOG_DB"
	SMALOG_BIN=$SMALOG script -qec '"$SMALOG_BIN" timeline --xlsx' /dev/null </dev/null >"$WORK/tty" 2>&1
	status=$?
	expect_status 64
	tr -d '\r' <"$WORK/tty" >"$WORK/tty.txt"
	printf 'smalog: an .xlsx workbook cannot go to a terminal: write it to a file with -o FILE.xlsx\n' |
		cmp -s - "$WORK/tty.txt" || fail "on a terminal: $(head -c 300 "$WORK/tty.txt")"
	expect_unchanged "$SMALOG_DB"
else
	echo "note: no script(1), the terminal refusal was not tried"
fi
done_

case_ "a refused -o leaves the file that was there"
printf 'old\n' >kept.xlsx
refused 64 "choose one output format" timeline --xlsx --csv -o kept.xlsx
[ "$(cat kept.xlsx)" = old ] || fail "kept.xlsx was replaced"
ls "$WORK" | grep -q '^kept\.xlsx\.' && fail "a temporary file was left: $(ls "$WORK")"
done_

finish

#!/usr/bin/env bash
# xlsx_export.sh - export as a workbook: one kind (-o FILE.xlsx, --xlsx,
# --format xlsx) or every kind in one (--all FILE.xlsx, --all DIR --xlsx),
# a sheet per kind in dependency order, each value equal to the kind's
# export --date-range CSV and typed; --date-range on export's CSV and
# JSON; and what export refuses.
. "$(dirname "$0")/lib.sh"

check="$(dirname "$0")/xlsx_check.py"
py=
for p in python3 /usr/bin/python3; do
	command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null && { py=$p; break; }
done

# every kind, each after those it references
kinds="source actor agreement round position outcome furlough rate index schedule statement"

# sheet_is_export BOOK KIND: the sheet KIND of BOOK holds what 'export KIND
# --date-range' prints, typed
sheet_is_export() {
	"$SMALOG" export "$2" --date-range >"$WORK/want-$2.csv" || fail "export $2 --date-range failed"
	"$py" "$check" --sheet "$2" "$1" "$WORK/want-$2.csv" >"$WORK/check.log" 2>&1 ||
		fail "$1, sheet $2: $(head -c 600 "$WORK/check.log")"
}

# sheets BOOK: the names of BOOK's sheets, one a line
sheets() {
	"$py" -c 'import openpyxl, sys; print("\n".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' "$1"
}

case_ "the example, with Korean text and a partial date"
run init --example
expect_status 0
"$SMALOG" add outcome --agreement SMA-11 --date '2020-05?' --kind walkout --notes '미국 측 퇴장' >/dev/null ||
	fail "could not add the Korean outcome"
done_

case_ "export --date-range: each date's first and last day beside it, in CSV"
run export furlough --date-range
expect_status 0
strip_uids
expect_out <<'EOF'
agreement,start,start_start,start_end,end,end_start,end_end,workers,stopgap,currency,source,notes
SMA-11,2020-04-01,2020-04-01,2020-04-01,2020-06-15,2020-06-15,2020-06-15,4000~,,,koreaherald-2021-02-22,"Some 4,000 Korean employees of USFK on unpaid leave for more than two months; Seoul decided to provide stopgap funding to pay their wages."
EOF
run export outcome --date-range
expect_status 0
strip_uids
grep -qxF 'SMA-11,,2020-05?,2020-05-01,2020-05-31,walkout,,미국 측 퇴장' "$WORK/out" ||
	fail "the partial date has no range: $(grep walkout "$WORK/out")"
done_

case_ "export --date-range in JSON: the days as strings beside the date"
run export rate --date-range --json
expect_status 0
# in export's canonical order: by date
strip_uids
expect_out <<'EOF'
[
{"date":"2019-02-10","date_start":"2019-02-10","date_end":"2019-02-10","currency":"KRW","per_usd":1124.3243,"source":"nyt-2019-02-10","notes":"From \"about 1.04 trillion won, $925 million\": 1.04 trillion / 925 million = 1,124.3243 won per dollar."},
{"date":"2021-02-22","date_start":"2021-02-22","date_end":"2021-02-22","currency":"KRW","per_usd":1131.5,"source":"koreaherald-2021-02-22","notes":"From \"1.04 trillion won ($919.1 million)\": 1.04 trillion / 919.1 million = 1,131.5 won per dollar."}
]
EOF
done_

case_ "export --all DIR --date-range: every CSV has the days"
run export --all ranged --date-range
expect_status 0
for k in $kinds; do
	"$SMALOG" export "$k" --date-range | cmp -s - "ranged/$k.csv" || fail "ranged/$k.csv is not export $k --date-range"
done
done_

case_ "without --date-range, export is as it was"
run export outcome
expect_status 0
strip_uids
grep -qxF 'SMA-11,,2020-05?,walkout,,미국 측 퇴장' "$WORK/out" || fail "$(grep walkout "$WORK/out")"
head -1 "$WORK/out" | grep -q _start && fail "a range without --date-range: $(head -1 "$WORK/out")"
done_

if [ -z "$py" ]; then
	echo "SKIP: openpyxl is not installed (Debian package python3-openpyxl): the workbooks were not read"
	finish
	exit $?
fi

case_ "export KIND -o FILE.xlsx: a workbook with the kind's sheet, nothing on stdout"
for k in $kinds; do
	run export "$k" -o "$k.xlsx"
	expect_status 0
	[ -s "$WORK/out" ] && fail "printed on stdout: $(head -c 200 "$WORK/out")"
	[ -s "$WORK/err" ] && fail "said: $(cat "$WORK/err")"
	[ "$(sheets "$k.xlsx")" = "$k" ] || fail "$k.xlsx has sheets $(sheets "$k.xlsx" | tr '\n' ' ')"
	sheet_is_export "$k.xlsx" "$k"
done
done_

case_ "export KIND --xlsx and --format xlsx write the same workbook to a pipe"
"$SMALOG" export position --xlsx | cat >piped.xlsx
sheet_is_export piped.xlsx position
"$SMALOG" export outcome --format xlsx | cat >format.xlsx
sheet_is_export format.xlsx outcome
"$py" -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["outcome"]
sys.exit(None if any(c.value == "미국 측 퇴장" for r in ws.iter_rows() for c in r) else "no Korean note")' format.xlsx ||
	fail "the Korean note did not come through"
done_

case_ "export --all FILE.xlsx: one workbook, a sheet per kind in dependency order"
run export --all all.xlsx
expect_status 0
expect_err "exported 12 sources, 5 actors, 3 agreements, 10 rounds, 6 positions, 9 outcomes, 1 furlough, 2 rates, 0 indexes, 12 schedules, 1 statement to all.xlsx"
[ -s "$WORK/out" ] && fail "printed on stdout: $(head -c 200 "$WORK/out")"
[ "$(sheets all.xlsx | tr '\n' ' ')" = "$kinds " ] ||
	fail "sheets: $(sheets all.xlsx | tr '\n' ' ')"
for k in $kinds; do sheet_is_export all.xlsx "$k"; done
done_

case_ "export --all DIR --xlsx: DIR/smalog.xlsx, the folder made"
run export --all book --xlsx
expect_status 0
expect_err "exported 12 sources, 5 actors, 3 agreements, 10 rounds, 6 positions, 9 outcomes, 1 furlough, 2 rates, 0 indexes, 12 schedules, 1 statement to book/smalog.xlsx"
[ "$(ls book)" = smalog.xlsx ] || fail "book holds: $(ls book)"
for k in $kinds; do sheet_is_export book/smalog.xlsx "$k"; done
done_

case_ "an empty kind is a sheet with its header only"
SMALOG_DB="$WORK/empty.db" "$SMALOG" init >/dev/null 2>&1 || fail "init of an empty database failed"
SMALOG_DB="$WORK/empty.db" run export --all empty.xlsx
expect_status 0
expect_err "exported 0 sources, 0 actors, 0 agreements, 0 rounds, 0 positions, 0 outcomes, 0 furloughs, 0 rates, 0 indexes, 0 schedules, 0 statements to empty.xlsx"
SMALOG_DB="$WORK/empty.db" "$SMALOG" export round --date-range >"$WORK/want.csv"
"$py" "$check" --sheet round empty.xlsx "$WORK/want.csv" >"$WORK/check.log" 2>&1 ||
	fail "empty round sheet: $(head -c 600 "$WORK/check.log")"
done_

case_ "refused: --excel with a workbook's name, the file there kept"
printf 'old\n' >kept.xlsx
refused 64 "--excel writes CSV, not the workbook that 'kept.xlsx' names: leave out --excel, or name a .csv file" \
	export position --excel -o kept.xlsx
refused 64 "--excel writes CSV, not the workbook that 'kept.xlsx' names: leave out --excel, or name a .csv file" \
	export --all kept.xlsx --excel
[ "$(cat kept.xlsx)" = old ] || fail "kept.xlsx was replaced"
done_

case_ "refused: --excel with --xlsx, an unknown format, -o with --all"
refused 64 "--excel applies to CSV output only" export position --xlsx --excel -o x.xlsx
refused 64 "unknown export format 'ods' (expected csv, tsv, json, jsonl or xlsx)" export position --format ods
refused 64 "choose one output format" export position --xlsx --csv -o x.xlsx
refused 64 "-o does not go with --all, which writes DIR/KIND.csv for every kind" export --all a.xlsx -o b.xlsx
[ -e x.xlsx ] || [ -e a.xlsx ] || [ -e b.xlsx ] && fail "a refused export wrote a file: $(ls)"
done_

case_ "refused: --all DIR --xlsx where DIR is a file; --all in a missing folder"
printf 'note\n' >afile
refused 73 "'afile' exists and is not a folder" export --all afile --xlsx
[ "$(cat afile)" = note ] || fail "afile was changed"
refused 73 "cannot create 'nodir/x.xlsx': No such file or directory" export --all nodir/x.xlsx
[ -e nodir ] && fail "a folder was made for the refused workbook"
done_

case_ "refused: a symbolic link at DIR/smalog.xlsx is not followed"
mkdir -p shared
printf 'theirs\n' >elsewhere
ln -s ../elsewhere shared/smalog.xlsx
refused 73 "refusing to write through the symbolic link 'shared/smalog.xlsx'" export --all shared --xlsx
[ "$(cat elsewhere)" = theirs ] || fail "the file the link points to was written"
[ -L shared/smalog.xlsx ] || fail "the link was replaced"
[ "$(ls shared)" = smalog.xlsx ] || fail "shared holds: $(ls shared)"
done_

case_ "a named format wins over the name: --csv -o NAME.xlsx is the CSV asked for"
run export position --csv -o asked.xlsx
expect_status 0
"$SMALOG" export position | cmp -s - asked.xlsx || fail "--csv -o NAME.xlsx did not write CSV"
done_

finish

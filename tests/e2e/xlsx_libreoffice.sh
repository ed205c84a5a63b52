#!/usr/bin/env bash
# xlsx_libreoffice.sh - LibreOffice (headless soffice) opens what smalog
# writes for spreadsheets: the export workbook, every sheet converted back
# to CSV, equals each kind's export --date-range byte for byte; and a CSV
# from export --excel, opened as UTF-8, keeps its Korean and every cell.
# Skipped (77) without soffice (Debian package libreoffice-calc-nogui).
. "$(dirname "$0")/lib.sh"

command -v soffice >/dev/null 2>&1 || { echo "SKIP: no soffice (Debian package libreoffice-calc-nogui)"; exit 77; }

# soffice keeps its profile under $HOME: a fresh one per run, never the
# user's, and its first start builds it
export HOME="$WORK/home"
mkdir -p "$HOME"
# every kind, each after those it references
kinds="source actor agreement round position outcome furlough rate index schedule statement"

# soffice_convert LOG ARGS...: soffice --headless ARGS, its output in LOG,
# failing the case when it fails or hangs
soffice_convert() {
	local log=$1
	shift
	timeout 180 soffice --headless "$@" >"$log" 2>&1 || fail "soffice $*: $(tail -3 "$log")"
}

case_ "the example, with Korean text, a partial date and a cell --excel defuses"
run init --example
expect_status 0
"$SMALOG" add outcome --agreement SMA-11 --date '2020-05?' --kind walkout --notes '미국 측 퇴장' >/dev/null ||
	fail "could not add the Korean outcome"
"$SMALOG" add outcome --agreement SMA-11 --date 2020-05-03 --kind stalled --notes '=협상 결렬 — 제11차' >/dev/null ||
	fail "could not add the outcome that starts with ="
"$SMALOG" add round --agreement SMA-11 --seq 10 --start 2020-05-04 --location '서울 외교부 청사' >/dev/null ||
	fail "could not add the round in Korean"
"$SMALOG" add position --agreement SMA-11 --date 2020-06 --party US --kind demand --amount '1.3조~' --currency KRW \
	>/dev/null || fail "could not add the approximate amount"
done_

case_ "LibreOffice reads every sheet of the export workbooks as export's CSV"
run export --all book.xlsx
expect_status 0
run export position -o position.xlsx
expect_status 0
started=$(date +%s)
# one start of soffice for both workbooks; the CSV filter's last option
# (-1) writes every sheet, as NAME-SHEET.csv; "false" before it writes the
# cells' values rather than as their formats show them (no 1,000s commas)
soffice_convert "$WORK/convert.log" \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
	--outdir lo book.xlsx position.xlsx
echo "note: soffice converted the workbooks in $(($(date +%s) - started)) s"
for k in $kinds; do
	"$SMALOG" export "$k" --date-range >"$WORK/want.csv" || fail "export $k --date-range failed"
	cmp -s "$WORK/want.csv" "lo/book-$k.csv" ||
		fail "sheet $k as LibreOffice reads it: $(diff "$WORK/want.csv" "lo/book-$k.csv" | head -6)"
done
"$SMALOG" export position --date-range | cmp -s - lo/position-position.csv ||
	fail "position.xlsx as LibreOffice reads it: $(ls lo)"
grep -qF '서울 외교부 청사' lo/book-round.csv || fail "the Korean location is not in LibreOffice's round sheet"
grep -qF ',2020-05?,2020-05-01,2020-05-31,walkout,' lo/book-outcome.csv || fail "the partial date did not come through"
done_

case_ "LibreOffice opens --excel CSV as UTF-8: Korean intact, every cell as written"
run export outcome --excel -o excel.csv
expect_status 0
started=$(date +%s)
soffice_convert "$WORK/excel.log" --infilter=CSV:44,34,76 \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir lo excel.csv
echo "note: soffice converted the --excel CSV in $(($(date +%s) - started)) s"
# what LibreOffice saves is the file without its BOM and CRs: nothing was
# read as another encoding, nothing split, no ' of the defusing lost
sed -e '1s/^\xEF\xBB\xBF//' -e 's/\r$//' excel.csv >"$WORK/want.csv"
cmp -s "$WORK/want.csv" lo/excel.csv || fail "LibreOffice's reading differs: $(diff "$WORK/want.csv" lo/excel.csv | head -6)"
cp lo/excel.csv saved-back.csv
# the cells below, without the uid column every export now begins with
strip_uids lo/excel.csv
grep -qxF "SMA-11,,2020-05-03,stalled,,'=협상 결렬 — 제11차" lo/excel.csv || fail "the defused Korean note: $(grep stalled lo/excel.csv)"
grep -qxF 'SMA-11,,2020-05?,walkout,,미국 측 퇴장' lo/excel.csv || fail "the Korean note: $(grep walkout lo/excel.csv)"
done_

case_ "a file LibreOffice saved back from --excel output imports with --excel, as it was"
# saved-back.csv is the outcomes as LibreOffice saved them (previous case);
# a copy of the database without its outcomes takes them back
cp "$SMALOG_DB" back.db
sqlite3 back.db 'DELETE FROM outcome'
# LibreOffice keeps the defusing ' as text: without --excel it would stay
SMALOG_DB=$WORK/back.db refused 65 \
	"saved-back.csv:7: column 'notes': starts with the ' that 'export --excel' puts before = + - @: use --excel to drop it" \
	import outcome saved-back.csv
run --db back.db import outcome saved-back.csv --excel
expect_status 0
expect_err "imported 10 outcomes"
[ "$(sqlite3 back.db "SELECT notes FROM outcome WHERE kind = 'stalled' AND date = '2020-05-03'")" = '=협상 결렬 — 제11차' ] ||
	fail "the note is stored as: $(sqlite3 back.db "SELECT notes FROM outcome WHERE date = '2020-05-03'")"
run --db back.db export outcome --excel -o back-excel.csv
expect_status 0
cmp -s excel.csv back-excel.csv || fail "the outcomes came back otherwise: $(diff excel.csv back-excel.csv | head -6)"
done_

finish

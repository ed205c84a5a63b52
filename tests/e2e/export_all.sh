#!/usr/bin/env bash
# export_all.sh - export --all is canonical (fixed order, LF, the same bytes
# from the same records whatever their ids, one changed field one changed
# line), its datapackage.json is a valid Frictionless Data Package that pandas
# loads typed, and import --all [--replace] loads a folder back, all or nothing.
. "$(dirname "$0")/lib.sh"
check="$(dirname "$0")/datapackage_check.py"
schemas="$SOURCE_ROOT/tests/data/frictionless"

case_ "set up: the example, with Korean text, lines in a note and an 'about' amount"
run init --example
expect_status 0
"$SMALOG" add source --key yna-ko --outlet 연합뉴스 --title '방위비 "13% 인상"' --published 2021-03 >/dev/null
"$SMALOG" add position --agreement SMA-11 --date 2020-05~ --party US --kind demand --amount 5bn~ --currency USD \
	--source yna-ko --notes $'첫 줄\nsecond line, with a comma' >/dev/null
"$SMALOG" add furlough --agreement SMA-11 --start 2020-04 --workers 4,000~ >/dev/null
done_

case_ "export twice, the same bytes; LF only; rows in the documented order"
run export --all one
expect_status 0
expect_err "exported 13 sources, 5 actors, 3 agreements, 10 rounds, 7 positions, 8 outcomes, 2 furloughs, 2 rates, 0 indexes, 12 schedules, 1 statement to one"
run export --all two
expect_status 0
diff -r one two >"$WORK/diff" || fail "a second export differs: $(head "$WORK/diff")"
grep -l $'\r' one/* && fail "a CR in the export"
[ "$(ls one | tr '\n' ' ')" = "actor.csv agreement.csv datapackage.json furlough.csv index.csv outcome.csv position.csv rate.csv round.csv schedule.csv source.csv statement.csv " ] ||
	fail "export --all wrote: $(ls one)"
# datapackage.json describes every file, the agreed-terms kinds too
[ "$(grep -o '"path": "[a-z]*\.csv"' one/datapackage.json | cut -d'"' -f4 | tr '\n' ' ')" = \
	"source.csv actor.csv agreement.csv round.csv position.csv outcome.csv furlough.csv rate.csv index.csv schedule.csv statement.csv " ] ||
	fail "datapackage.json's resources: $(grep -o '"path": "[^"]*"' one/datapackage.json)"
# sources by key, agreements after their previous, rounds by agreement and seq
[ "$(cut -d, -f2 one/source.csv | tr '\n' ' ')" = "key aseantribune-2024-11 chosun-2024-10-17 cnn-2021-02 joongang-2024-10-16 kbs-2021-03-08 kbsworld-2024-04-26 koreaherald-2021-02-22 metroradio-2024-10-04 nknews-2021-03 nknews-2024-10 nyt-2019-02-10 yna-ko yonhap-2021-02-22 " ] ||
	fail "source order: $(cut -d, -f2 one/source.csv)"
[ "$(cut -d, -f2 one/agreement.csv | tr '\n' ' ')" = "code SMA-10 SMA-11 SMA-12 " ] || fail "agreement order"
[ "$(cut -d, -f2,3 one/round.csv | tr '\n' ' ')" = "agreement,seq SMA-11,1 SMA-11,2 SMA-11,3 SMA-11,4 SMA-11,5 SMA-11,6 SMA-11,7 SMA-11,8 SMA-11,9 SMA-12,1 " ] ||
	fail "round order: $(cut -d, -f2,3 one/round.csv | tr '\n' ' ')"
done_

case_ "datapackage.json: never through a planted link; not for --excel or the other formats"
mkdir planted
printf 'precious\n' >"$WORK/victim"
ln -s "$WORK/victim" planted/datapackage.json
refused 73 "refusing to write through the symbolic link 'planted/datapackage.json'" export --all planted
[ "$(cat "$WORK/victim")" = precious ] || fail "the link was followed"
[ "$(ls planted)" = datapackage.json ] || fail "files left: $(ls planted)"
run export --all excel --excel
expect_status 0
[ -e excel/datapackage.json ] && fail "a datapackage.json for --excel CSV (CRLF, a BOM)"
run export --all jsonl --format jsonl
expect_status 0
[ -e jsonl/datapackage.json ] && fail "a datapackage.json for JSON lines"
done_

case_ "editing one field changes one line, as git diff shows it"
git -C one init -q && git -C one add -A && git -C one -c user.name=t -c user.email=t@t commit -qm base ||
	fail "git could not commit the export"
"$SMALOG" edit position 2 --notes 'changed by a researcher' >/dev/null || fail "edit"
run export --all one
expect_status 0
[ "$(git -C one diff --numstat | tr '\t' ' ')" = "1 1 position.csv" ] || fail "git diff: $(git -C one diff --numstat)"
done_

case_ "the order does not depend on ids: rows loaded in another order give the same bytes"
export SMALOG_DB="$WORK/shuffled.db"
run init
expect_status 0
# every file's rows reversed (but agreements, which must follow their
# previous one), so that every record gets another id
for kind in source actor agreement round position outcome furlough rate index schedule statement; do
	/usr/bin/python3 - "$WORK/one/$kind.csv" "$WORK/rev-$kind.csv" "$kind" <<'PY' || fail "cannot reverse $kind.csv"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
body = rows[1:] if sys.argv[3] == "agreement" else rows[:0:-1]
csv.writer(open(sys.argv[2], "w", newline="", encoding="utf-8"), lineterminator="\n").writerows([rows[0]] + body)
PY
	"$SMALOG" import "$kind" "$WORK/rev-$kind.csv" 2>"$WORK/err" || fail "import $kind: $(cat "$WORK/err")"
done
[ "$(sqlite3 "$SMALOG_DB" 'SELECT key FROM source WHERE id = 1')" = yonhap-2021-02-22 ] || fail "the ids are the same"
run export --all shuffled
expect_status 0
diff -r -x .git one shuffled >"$WORK/diff" || fail "another id order, other bytes: $(head "$WORK/diff")"
done_

case_ "datapackage.json is a valid Data Package; pandas loads every file typed"
if /usr/bin/python3 -c 'import jsonschema, pandas' 2>/dev/null; then
	/usr/bin/python3 "$check" one "$schemas" >"$WORK/check" 2>&1 || fail "$(cat "$WORK/check")"
	grep -qx 'position uid:string agreement:string round:Int64 date:string party:string kind:string amount:Int64 currency:string pct:Float64 years:Int64 confidence:string terms:string source:string notes:string' \
		"$WORK/check" || fail "position types: $(cat "$WORK/check")"
	grep -qx 'rate uid:string date:string currency:string per_usd:Float64 source:string notes:string' "$WORK/check" ||
		fail "rate types: $(cat "$WORK/check")"
	grep -q '"foreignKeys": \[' one/datapackage.json || fail "no foreign keys"
	grep -qF '{"fields": ["agreement", "round"], "reference": {"resource": "round", "fields": ["agreement", "seq"]}}' one/datapackage.json ||
		fail "no key from a position's round to round (agreement, seq)"
	grep -qF '{"fields": ["previous"], "reference": {"resource": "", "fields": ["code"]}}' one/datapackage.json ||
		fail "no key from an agreement's previous to its code"
	grep -qF '{"fields": ["actor"], "reference": {"resource": "actor", "fields": ["key"]}}' one/datapackage.json ||
		fail "no key from a statement's actor to actor (key)"
	# the checker can fail: a schema that breaks the specification is caught
	cp -r one broken
	sed -i 's/"primaryKey": \["uid"\]/"primaryKey": 5/' broken/datapackage.json
	/usr/bin/python3 "$check" broken "$schemas" >"$WORK/check" 2>&1 && fail "a broken datapackage.json passed"
	grep -q 'PROBLEM: .*primaryKey' "$WORK/check" || fail "the broken key is not named: $(cat "$WORK/check")"
	rm -rf broken
else
	echo "SKIP: python3-jsonschema or python3-pandas is not installed: datapackage.json not checked"
fi
done_

case_ "R loads every file typed as datapackage.json says"
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(jsonlite)' >/dev/null 2>&1; then
	Rscript "$(dirname "$0")/datapackage_check.R" one >"$WORK/check" 2>&1 || fail "$(cat "$WORK/check")"
	grep -qx 'position uid:character agreement:character round:numeric date:character party:character kind:character amount:numeric currency:character pct:numeric years:numeric confidence:character terms:character source:character notes:character ' \
		"$WORK/check" || fail "position classes: $(cat "$WORK/check")"
	grep -qx 'furlough uid:character agreement:character start:character end:character workers:numeric stopgap:numeric currency:character source:character notes:character ' \
		"$WORK/check" || fail "furlough classes (4,000~ is a number): $(cat "$WORK/check")"
	# and it can fail: a pct that is no number
	cp -r one broken
	sed -i 's/,SMA-11,,2020-03~,KR,offer,,,13,/,SMA-11,,2020-03~,KR,offer,,,thirteen,/' broken/position.csv
	Rscript "$(dirname "$0")/datapackage_check.R" broken >"$WORK/check" 2>&1 && fail "R read 'thirteen' as a number"
	grep -q 'PROBLEM: position.pct: not number' "$WORK/check" || fail "R: $(cat "$WORK/check")"
	rm -rf broken
else
	echo "SKIP: R (r-base-core, r-cran-jsonlite) is not installed: the folder was not loaded in R"
fi
done_

case_ "round trip: export --all, import --all into a new file, export --all: the same bytes"
export SMALOG_DB="$WORK/copy.db"
run init
run import --all one
expect_status 0
expect_err "imported 13 sources, 5 actors, 3 agreements, 10 rounds, 7 positions, 8 outcomes, 2 furloughs, 2 rates, 0 indexes, 12 schedules, 1 statement from one"
run export --all copy
expect_status 0
diff -r -x .git one copy >"$WORK/diff" || fail "the round trip changed the files: $(head "$WORK/diff")"
done_

case_ "refused: usage, a missing file, a bad value, a uid recorded already; nothing is written"
export SMALOG_DB="$WORK/copy.db"
refused 64 "'smalog import --all DIR' imports every kind from DIR; give no kind or file" import --all one position
refused 64 "--dry-run does not go with --all, which reads the files of 'export --all'" import --all one --dry-run
refused 64 "--replace goes with --all: 'smalog import --all DIR --replace'" import position x.csv --replace
refused 64 "option '--all' needs a folder" import --all ''
refused 66 "no folder 'nowhere' (import --all reads the folder that 'export --all' writes)" import --all nowhere
# the whole folder is imported again: every uid is recorded
refused 65 "copy/source.csv:2: column 'uid': uid $(sed -n 2p copy/source.csv | cut -d, -f1) already names source 1" import --all copy
# an error in a later file undoes the earlier ones
export SMALOG_DB="$WORK/fresh.db"
run init
cp -r one bad && sed -i '3s/,2020-04-01,/,2020-02-30,/' bad/furlough.csv
grep -q 2020-02-30 bad/furlough.csv || fail "the bad date is not in furlough.csv: $(cat bad/furlough.csv)"
refused 65 "bad/furlough.csv:3: column 'start': invalid date '2020-02-30' (February 2020 has 29 days)" import --all bad
[ "$(sqlite3 "$SMALOG_DB" 'SELECT count(*) FROM source')" = 0 ] || fail "the sources were kept"
done_

case_ "--replace makes the database equal to the folder and says what it did"
export SMALOG_DB="$WORK/copy.db"
run import --all one --replace
expect_status 0
expect_err "added 0, changed 0, removed 0"
cp -r one theirs
# a changed pct, a new round, a removed outcome
sed -i 's/^\([^,]*\),SMA-11,,2020-03~,KR,offer,,,13,/\1,SMA-11,,2020-03~,KR,offer,,,13.5,/' theirs/position.csv
grep -q ',13.5,' theirs/position.csv || fail "the pct was not changed"
# (a row of the file's own columns, named by its header, after SMA-11's
# last round where export's canonical order puts it)
/usr/bin/python3 - theirs/round.csv <<'PY' || fail "cannot add a round"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
header = rows[0]
row = {"agreement": "SMA-11", "seq": "10", "start": "2021-03-05", "location": "Washington", "format": "in-person"}
at = 1 + max(i for i, r in enumerate(rows) if r[header.index("agreement")] == "SMA-11")
rows.insert(at, [row.get(c, "") for c in header])
with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
sed -i '$d' theirs/outcome.csv
run import --all theirs --replace
expect_status 0
expect_err "$(printf '%s\n' 'round: added 1' 'position: changed 1' 'outcome: removed 1' 'added 1, changed 1, removed 1')"
run export --all mine
strip_uids mine/round.csv
cp theirs/round.csv theirs-round.csv && strip_uids theirs-round.csv && sed -i "s/^,SMA-11,10,/SMA-11,10,/" theirs-round.csv
for kind in source actor agreement position outcome furlough rate index schedule statement; do
	cmp -s "mine/$kind.csv" "theirs/$kind.csv" || fail "$kind.csv is not the folder's: $(diff "theirs/$kind.csv" "mine/$kind.csv")"
done
cmp -s mine/round.csv theirs-round.csv || fail "round.csv is not the folder's: $(diff theirs-round.csv mine/round.csv)"
# a kind whose file the folder lacks is left as it is
"$SMALOG" export --all now 2>/dev/null && cp -r now partial && rm partial/rate.csv partial/outcome.csv
sed -i 's/,KR,offer,,,13.5,/,KR,offer,,,14,/' partial/position.csv
run import --all partial --replace
expect_status 0
expect_err "$(printf '%s\n' 'position: changed 1' 'added 0, changed 1, removed 0')"
[ "$(sqlite3 "$SMALOG_DB" 'SELECT count(*) FROM rate')" = 2 ] || fail "the rates were touched"
[ "$(sqlite3 "$SMALOG_DB" 'SELECT count(*) FROM outcome')" = 7 ] || fail "the outcomes were touched"
# a record still referred to by what the folder keeps is not removed
snapshot "$SMALOG_DB"
cp -r one gone
sed -i '/^[^,]*,SMA-10,/d' gone/agreement.csv
uid10=$(grep '^[^,]*,SMA-10,' one/agreement.csv | cut -d, -f1)
refused 65 "gone/agreement.csv: agreement SMA-10 (uid $uid10) is not in the file, but 5 records that the folder keeps refer to it; nothing was imported" \
	import --all gone --replace
# a round, named within its agreement, that a position names
"$SMALOG" add position --agreement SMA-11 --round 2 --date 2019-10-24 --party KR --kind offer --pct 10 >/dev/null
rm -rf cited && "$SMALOG" export --all cited 2>/dev/null
round2=$(grep '^[^,]*,SMA-11,2,' cited/round.csv | cut -d, -f1)
round2_id=$(sqlite3 "$SMALOG_DB" "SELECT id FROM round WHERE uid = '$round2'")
sed -i '/^[^,]*,SMA-11,2,/d' cited/round.csv
refused 65 "cited/round.csv: round $round2_id (uid $round2) is not in the file, but 1 record that the folder keeps refers to it; nothing was imported" \
	import --all cited --replace
done_

case_ "--replace removes an index value that a rule does not need alone, and keeps the last one"
"$SMALOG" --db rule.db init >/dev/null 2>&1
"$SMALOG" --db rule.db add agreement --code A-1 >/dev/null
"$SMALOG" --db rule.db add index --series X --period 2020 --value 100 >/dev/null
"$SMALOG" --db rule.db add index --series X --period 2021 --value 103 >/dev/null
"$SMALOG" --db rule.db add schedule --agreement A-1 --year 2021 --index X >/dev/null
"$SMALOG" --db rule.db export --all rule 2>/dev/null
grep -v ',X,2021,' rule/index.csv >rule/index.tmp && mv rule/index.tmp rule/index.csv
run --db rule.db import --all rule --replace
expect_status 0
expect_err $'index: removed 1\nadded 0, changed 0, removed 1'
grep -v ',X,2020,' rule/index.csv >rule/index.tmp && mv rule/index.tmp rule/index.csv
SMALOG_DB=$WORK/rule.db refused 65 \
	"rule/index.csv: index 1 (uid $(sqlite3 rule.db 'SELECT uid FROM "index" WHERE id = 1')) is not in the file, but 1 record that the folder keeps refers to it; nothing was imported" \
	import --all rule --replace
done_

case_ "--replace takes a folder whose keys changed places: rounds renumbered, rates redated, agreements renamed, a key freed and taken"
export SMALOG_DB="$WORK/keys.db"
run init --example
"$SMALOG" add position --agreement SMA-11 --round 2 --date 2019-10-24 --party KR --kind offer --pct 10 >/dev/null
"$SMALOG" add source --key spare --outlet Old >/dev/null
"$SMALOG" export --all keys-base 2>/dev/null
# a colleague's copy: every move goes through a key no record holds, as
# 'smalog edit' must, one record at a time
cp keys.db theirs.db
for e in "round SMA-11:2 --seq 99" "round SMA-11:3 --seq 2" "round SMA-11:99 --seq 3" \
	"rate 1 --date 2000-01-01" "rate 2 --date 2021-02-22" "rate 1 --date 2019-02-10" \
	"agreement SMA-10 --code X" "agreement SMA-12 --code SMA-10" "agreement X --code SMA-12"; do
	"$SMALOG" --db theirs.db edit $e >/dev/null || fail "their edit $e"
done
"$SMALOG" --db theirs.db delete source spare >/dev/null
"$SMALOG" --db theirs.db add source --key spare --outlet New >/dev/null
"$SMALOG" --db theirs.db export --all keys-theirs 2>/dev/null
# the position on round 2 follows its round to 3 (the same round,
# renumbered), as it did in their copy: not a change of the position
run import --all keys-theirs --replace
expect_status 0
expect_err "$(printf '%s\n' 'source: added 1, removed 1' 'agreement: changed 2' 'round: changed 2' 'rate: changed 2' \
	'added 1, changed 6, removed 1')"
"$SMALOG" export --all keys-mine 2>/dev/null
diff -r keys-theirs keys-mine >"$WORK/diff" || fail "not the folder's records: $(head -20 "$WORK/diff")"
run check
expect_status 0
# one change group, undone as one: the records are as they were
run undo
expect_status 0
rm -rf keys-back && "$SMALOG" export --all keys-back 2>/dev/null
diff -r keys-base keys-back >"$WORK/diff" || fail "the undo left: $(head -20 "$WORK/diff")"
# two rows of the file with one key: the second names it, nothing is written
cp -r keys-theirs keys-twice
sed -i 's/^\([^,]*\),SMA-11,2,/\1,SMA-11,3,/' keys-twice/round.csv
line=$(grep -n '^[^,]*,SMA-11,3,' keys-twice/round.csv | tail -1 | cut -d: -f1)
refused 65 "keys-twice/round.csv:$line: column 'seq': round 3 of SMA-11 already exists" import --all keys-twice --replace
done_

case_ "import --all loads records alike, told apart by their uids, however large the folder"
export SMALOG_DB="$WORK/alike.db"
run init
printf 'code,parties\nSMA-11,"KR,US"\n' >alike-agreement.csv
run import agreement alike-agreement.csv
expect_status 0
# 3,000 positions twice (--again): the folder's file is large enough for
# the load to drop the indexes, where repeats are otherwise looked for
{ echo "agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes"
  awk 'BEGIN { for (i = 1; i <= 3000; i++)
	printf "SMA-11,,2020-01-%02d,KR,offer,%d,,,,,,,row %d of a large file with a note long enough to make it big\n", i % 28 + 1, 1000 + i, i }'
} >alike.csv
run import position alike.csv
expect_status 0
run import position alike.csv --again
expect_status 0
run export --all alike
expect_status 0
export SMALOG_DB="$WORK/alike2.db"
run init
run import --all alike
expect_status 0
[ "$(sqlite3 "$SMALOG_DB" 'SELECT count(*), count(DISTINCT amount) FROM position')" = "6000|3000" ] ||
	fail "positions: $(sqlite3 "$SMALOG_DB" 'SELECT count(*), count(DISTINCT amount) FROM position')"
done_

finish

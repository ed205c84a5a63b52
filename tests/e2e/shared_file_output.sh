#!/usr/bin/env bash
# shared_file_output.sh - outputs are safe whatever the file holds: -o never replaces the database
# or its journal, export --all never follows a planted link, a signal leaves no half-made file,
# --excel defuses every formula, the terminal never gets a control, CSV keeps edge whitespace.
. "$(dirname "$0")/lib.sh"

db=$SMALOG_DB
run init
"$SMALOG" add agreement --code SMA-11 --parties KR,US --total 1038900000000 >/dev/null
"$SMALOG" add position --agreement SMA-11 --date 2020-03-31 --party KR --kind offer --pct 13 >/dev/null

# hashes FILE...: one line per file, its sha256 or "missing"
hashes() {
	local f
	for f in "$@"; do
		if [ -e "$f" ]; then sha256sum <"$f"; else echo missing; fi
	done
}

case_ "-o naming the database is refused by every command that writes a file, and nothing changes"
for cmd in "list position" "show agreement SMA-11" "export position" "query SELECT(1)" timeline delta summary check; do
	# shellcheck disable=SC2086 # the words of cmd are its arguments
	refused 73 "cannot write to '$db': it is the database '$db'" $cmd -o "$db"
	ls "$db".* >/dev/null 2>&1 && fail "$cmd left a file beside the database: $(ls "$db".*)"
done
# chart writes only .svg files: the database reached as one
ln -s "$db" "$WORK/db.svg"
refused 73 "cannot write to '$WORK/db.svg': it is the database '$db'" chart --agreement SMA-11 -o "$WORK/db.svg"
[ -L "$WORK/db.svg" ] || fail "chart replaced the link"
rm "$WORK/db.svg"
done_

case_ "a symbolic or hard link to the database, or a path through another folder, is the database too"
ln -s "$db" "$WORK/link.db"
ln "$db" "$WORK/hard.db"
mkdir "$WORK/sub"
for target in "$WORK/link.db" "$WORK/hard.db" "$WORK/sub/../test.db" test.db; do
	refused 73 "cannot write to '$target': it is the database '$db'" list position -o "$target"
done
[ -L "$WORK/link.db" ] || fail "the link was replaced"
cmp -s "$WORK/hard.db" "$db" || fail "the hard link no longer shares the database's bytes"
rm "$WORK/link.db" "$WORK/hard.db"
done_

case_ "the journal, absent at rest, is refused by name and through a link"
ln -s test.db-journal "$WORK/journal-link"
refused 73 "cannot write to '$db-journal': it is the journal of the database '$db'" list position -o "$db-journal"
refused 73 "cannot write to '$WORK/journal-link': it is the journal of the database '$db'" timeline -o "$WORK/journal-link"
[ -e "$db-journal" ] && fail "a journal was created"
# a database reached through a link keeps its journal beside the real file
mkdir "$WORK/real"
cp "$db" "$WORK/real/shared.db"
ln -s real/shared.db "$WORK/alias.db"
before=$(hashes "$WORK/real/shared.db")
run --db "$WORK/alias.db" export position -o "$WORK/real/shared.db-journal"
expect_status 73
expect_err "smalog: cannot write to '$WORK/real/shared.db-journal': it is the journal of the database '$WORK/alias.db'"
[ "$(hashes "$WORK/real/shared.db")" = "$before" ] || fail "the linked database changed"
[ -e "$WORK/real/shared.db-journal" ] && fail "a journal was created"
rm -f "$WORK/journal-link"
done_

case_ "-o to any other file still works, next to the database"
run list position --csv -o "$db.csv"
expect_status 0
[ -s "$db.csv" ] || fail "no output written"
rm -f "$db.csv"
done_

case_ "export --all refuses a symbolic link planted in its folder, and overwrites nothing"
mkdir backup
printf 'precious\n' >"$WORK/victim"
run export --all backup
expect_status 0
ln -s "$WORK/victim" backup/position.csv.new
mv backup/position.csv.new backup/position.csv
before=$(hashes "$WORK/victim" backup/*)
refused 73 "refusing to write through the symbolic link 'backup/position.csv'" export --all backup
[ "$(hashes "$WORK/victim" backup/*)" = "$before" ] || fail "a file changed: $(ls -l backup)"
[ "$(ls backup | wc -l)" = 12 ] || fail "files left in the folder: $(ls backup)"
# a link to the database, or a hard link to it, is no better
rm backup/position.csv
ln -s "$db" backup/position.csv
refused 73 "refusing to write through the symbolic link 'backup/position.csv'" export --all backup
rm backup/position.csv
ln "$db" backup/position.csv
refused 73 "cannot write to 'backup/position.csv': it is the database '$db'" export --all backup
rm backup/position.csv
# and a folder where a file is expected
rm backup/rate.csv
mkdir backup/rate.csv
refused 73 "cannot write to 'backup/rate.csv': not a regular file" export --all backup
rmdir backup/rate.csv
[ "$(ls backup | wc -l)" = 10 ] || fail "files left in the folder: $(ls backup)"
ls backup | grep -q '\.csv\.' && fail "a temporary file was left: $(ls backup)"
done_

# ---- signals ----

# A file big enough that every command below is still writing its output
# when the signal comes.
big="$WORK/big.db"
"$SMALOG" --db "$big" init >/dev/null 2>&1
"$SMALOG" --db "$big" add agreement --code SMA-11 --parties KR,US --total 1T >/dev/null
awk 'BEGIN {
	print "agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes"
	for (i = 1; i <= 200000; i++)
		printf "SMA-11,,2020-01-01,%s,%s,%d,KRW,,,,,,note %d with a few more words in it\n",
			i % 2 ? "US" : "KR", i % 2 ? "demand" : "offer", 1000000 + i, i
}' >"$WORK/positions.csv"
"$SMALOG" --db "$big" import position "$WORK/positions.csv" 2>/dev/null || fail "cannot make the big file"
rm -f "$WORK/positions.csv"

# signalled SIGNAL STATUS MESSAGE WATCH ARGS...: start smalog ARGS on the big file, send SIGNAL
# once WATCH (a glob) names a file, i.e. once its output is being written, and expect exit STATUS,
# stderr MESSAGE and the file unchanged.  The caller checks what is left.
signalled() {
	local sig=$1 code=$2 message=$3 watch=$4 pid tries=0
	shift 4
	snapshot "$big"
	# a script's background job starts with SIGINT ignored; a user's smalog does not
	env --default-signal=INT ${SMALOG_WRAPPER:-} "$SMALOG" --db "$big" "$@" >"$WORK/out" 2>"$WORK/err" &
	pid=$!
	# shellcheck disable=SC2086 # watch is a glob
	until ls $watch >/dev/null 2>&1 || ! kill -0 "$pid" 2>/dev/null || [ "$tries" -ge 1000 ]; do
		sleep 0.01
		tries=$((tries + 1))
	done
	kill -0 "$pid" 2>/dev/null || fail "smalog $* ended before it could be signalled"
	kill -s "$sig" "$pid"
	# (the shell's own note on how the job ended is not smalog's)
	{ wait "$pid"; } 2>/dev/null
	status=$?
	# valgrind lists what a process killed mid-run still held: not leaks
	if [ -n "${SMALOG_WRAPPER:-}" ]; then
		grep -v '^==[0-9]*==' "$WORK/err" >"$WORK/err.smalog"
		mv "$WORK/err.smalog" "$WORK/err"
	fi
	expect_status "$code"
	expect_err "$message"
	expect_unchanged "$big"
}

# every signal takes the same path; under valgrind, where each start takes
# seconds, Ctrl-C alone stands for the three
signals="INT TERM HUP"
[ -n "${SMALOG_WRAPPER:-}" ] && signals=INT
for sig in $signals; do
	case $sig in
	INT) code=130 message="smalog: interrupted" ;;
	TERM) code=143 message="" ;;
	HUP) code=129 message="" ;;
	esac
	for cmd in "list position" "list position --csv" "export position" "export position --json" check; do
		case_ "SIG$sig during '$cmd -o' leaves no file"
		# shellcheck disable=SC2086 # the words of cmd are its arguments
		signalled "$sig" "$code" "$message" "$WORK/out.txt.*" $cmd -o "$WORK/out.txt"
		[ -e "$WORK/out.txt" ] && fail "the output file was left"
		ls "$WORK"/out.txt.* >/dev/null 2>&1 && fail "a temporary file was left: $(ls "$WORK"/out.txt.*)"
		done_
	done

	case_ "SIG$sig during 'export --all' into a new folder leaves no folder"
	signalled "$sig" "$code" "$message" "$WORK/fresh/position.csv.*" export --all "$WORK/fresh"
	[ -e "$WORK/fresh" ] && fail "the folder was left: $(ls -la "$WORK/fresh")"
	done_

	case_ "SIG$sig during 'export --all' into a folder of old files leaves the old files"
	"$SMALOG" --db "$WORK/test.db" export --all "$WORK/old" 2>/dev/null
	before=$(hashes "$WORK"/old/*)
	signalled "$sig" "$code" "$message" "$WORK/old/position.csv.*" export --all "$WORK/old"
	[ "$(hashes "$WORK"/old/*)" = "$before" ] || fail "the old files changed: $(ls -la "$WORK/old")"
	rm -rf "$WORK/old"
	done_
done

case_ "a report's Ctrl-C still stops it cleanly, leaving nothing"
signalled INT 130 "smalog: interrupted" "$WORK/delta.csv.*" delta --csv -o "$WORK/delta.csv"
ls "$WORK"/delta.csv* >/dev/null 2>&1 && fail "a file was left: $(ls "$WORK"/delta.csv*)"
done_

rm -f "$big"

# ---- what a crafted file can hold ----

# Values written with the sqlite3 shell, past smalog's validation.
crafted="$WORK/crafted.db"
cp "$db" "$crafted"
sqlite3 "$crafted" >/dev/null <<'SQL' || fail "cannot craft the file"
UPDATE agreement SET title = 'A' || char(8238) || 'evil' || char(8236) || 'B', notes = 'ok' WHERE code = 'SMA-11';
UPDATE agreement SET notes = CAST(X'6373699B33316D' AS TEXT) WHERE code = 'SMA-11';
UPDATE position SET terms = 'iso' || char(8294) || 'x' || char(8297) || char(65534),
	notes = CAST(X'626164FFFE' AS TEXT) || char(27) || '[2J' WHERE id = 1;
INSERT INTO source (key, outlet, title) VALUES ('src' || char(8203), '방위비', char(1564) || 'alm' || char(8207));
SQL

case_ "table output shows controls, bidi overrides, noncharacters and invalid bytes as escapes"
run --db "$crafted" list agreement
expect_status 0
grep -qF 'A\u202eevil\u202cB' "$WORK/out" || fail "title not escaped: $(cat -v "$WORK/out")"
grep -qF 'csi\x9b31m' "$WORK/out" || fail "0x9B not escaped: $(cat -v "$WORK/out")"
run --db "$crafted" show position 1
expect_status 0
mask_uids
expect_out <<'OUT'
field       value
----------  ------------------------------------
id          1
uid         UID
agreement   SMA-11
round
date        2020-03-31
party       KR
kind        offer
amount
currency
pct         13
years
confidence  reported
terms       iso\u2066x\u2069\ufffe
source
notes       bad\xff\xfe\u001b[2J
OUT
run --db "$crafted" list source --md
expect_status 0
expect_out <<OUT
|   id | key | outlet | title           | url | published | notes |
| ---: | --- | ------ | --------------- | --- | --------- | ----- |
|    1 | src$(printf '\xe2\x80\x8b') | 방위비 | \\u061calm\\u200f |     |           |       |
OUT
done_

case_ "nothing a terminal acts on reaches it, in any listing or report"
# clean FILE: valid UTF-8 without a control byte (but the line ends), C1, bidi control or noncharacter
clean() {
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || return 1
	LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$1" && return 1
	LC_ALL=C.UTF-8 grep -qP '[\x{80}-\x{9F}\x{202A}-\x{202E}\x{2066}-\x{2069}\x{FFFE}\x{FFFF}]' "$1" && return 1
	return 0
}
for args in "list agreement" "list position" "list source" "show agreement SMA-11" "show position 1" timeline summary \
	delta "list agreement --md" "timeline --md" "show position 1 --md"; do
	# shellcheck disable=SC2086 # the words of args are its arguments
	run --db "$crafted" $args
	expect_status 0
	clean "$WORK/out" || fail "$args: unsafe bytes in the output: $(cat -v "$WORK/out" | head -5)"
done
run --db "$crafted" query 'SELECT * FROM agreement'
expect_status 0
clean "$WORK/out" || fail "query: unsafe bytes in the output: $(cat -v "$WORK/out" | head -5)"
# the control: the same bytes, raw, are caught
printf 'a\xe2\x80\xaeb\n' >"$WORK/raw"
clean "$WORK/raw" && fail "the check misses a bidi override"
printf 'a\x9bb\n' >"$WORK/raw"
clean "$WORK/raw" && fail "the check misses a raw 0x9B"
done_

case_ "--excel defuses a formula that a crafted file put in a numeric report column"
cp "$db" "$WORK/formula.db"
sqlite3 "$WORK/formula.db" <<'SQL' || fail "cannot craft the file"
DROP VIEW timeline;
DROP VIEW timeline_event;
CREATE VIEW timeline_event AS
SELECT '2020' AS date, 'SMA-11' AS agreement, 'offer' AS type, 'KR' AS party, '@SUM(A1)' AS summary,
	'=1+2' AS amount, 'KRW' AS currency, '-1+1' AS pct, '+HYPERLINK("x")' AS source, '-3' AS ref,
	'2020' AS date_key, 1 AS type_order, 1 AS record_id
UNION ALL
SELECT '2021', 'SMA-11', 'demand', 'US', 'fine', -5, 'KRW', '-2.50', NULL, 'position 2', '2021', 1, 2;
CREATE VIEW timeline AS SELECT date, agreement, type, party, summary, amount, currency, pct, source, ref
FROM timeline_event ORDER BY date_key, type_order, record_id;
SQL
snapshot "$WORK/formula.db"
# smalog's reports run smalog's own views, never the file's
run --db "$db" timeline --excel
cp "$WORK/out" "$WORK/clean-timeline"
run --db "$WORK/formula.db" timeline --excel
expect_status 0
expect_out <"$WORK/clean-timeline"
# the file's own view, asked for by name, reaches the output defused
run --db "$WORK/formula.db" query "SELECT * FROM main.timeline" --excel
expect_status 0
expect_out <<OUT
$(printf '\xef\xbb\xbf')date,agreement,type,party,summary,amount,currency,pct,source,ref$(printf '\r')
2020,SMA-11,offer,KR,'@SUM(A1),'=1+2,KRW,'-1+1,"'+HYPERLINK(""x"")",'-3$(printf '\r')
2021,SMA-11,demand,US,fine,-5,KRW,'-2.50,,position 2$(printf '\r')
OUT
expect_unchanged "$WORK/formula.db"
done_

case_ "CSV quotes leading and trailing whitespace, and import reads it back the same"
cp "$db" "$WORK/ws.db"
sqlite3 "$WORK/ws.db" "INSERT INTO outcome (agreement, date, kind, notes) VALUES
	('SMA-11', '2020', 'stalled', char(9) || 'lead tab'), ('SMA-11', '2021', 'signed', 'trail tab' || char(9)),
	('SMA-11', '2021-02', 'signed', ' lead space'), ('SMA-11', '2021-03', 'signed', 'in' || char(9) || 'side')"
run --db "$WORK/ws.db" export outcome
expect_status 0
cp "$WORK/out" "$WORK/outcomes.csv"
strip_uids
expect_out <<OUT
agreement,round,date,kind,source,notes
SMA-11,,2020,stalled,,"$(printf '\t')lead tab"
SMA-11,,2021,signed,,"trail tab$(printf '\t')"
SMA-11,,2021-02,signed,," lead space"
SMA-11,,2021-03,signed,,in$(printf '\t')side
OUT
"$SMALOG" --db "$WORK/back.db" init >/dev/null 2>&1
"$SMALOG" --db "$WORK/back.db" add agreement --code SMA-11 --parties KR,US --total 1038900000000 >/dev/null
run --db "$WORK/back.db" import outcome "$WORK/outcomes.csv"
expect_status 0
run --db "$WORK/back.db" export outcome
cmp -s "$WORK/out" "$WORK/outcomes.csv" || fail "the round trip changed the CSV: $(diff "$WORK/outcomes.csv" "$WORK/out" | cat -A)"
[ "$(sqlite3 "$WORK/back.db" "SELECT count(*) FROM outcome WHERE notes IN
	(char(9) || 'lead tab', 'trail tab' || char(9), ' lead space', 'in' || char(9) || 'side')")" = 4 ] ||
	fail "the notes changed on the way back: $(sqlite3 "$WORK/back.db" "SELECT quote(notes) FROM outcome")"
done_

finish

#!/usr/bin/env bash
# hostile.sh - import of hostile CSV: a 1 MB field is stored exactly; a
# 100 MB field, a 100 MB line without an end, a header of 100 MB of commas,
# NUL bytes, invalid UTF-8 and 10,000 columns are refused quickly with the
# line, in bounded memory, and change nothing; SQL-looking text is stored
# and exported verbatim.  Prints the time (and, where /usr/bin/time is
# there, the peak memory) of each.
. "$(dirname "$0")/lib.sh"

header=agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
# Not under valgrind or a sanitizer, the 100 MB inputs run under a 256 MiB
# address-space limit: smalog must refuse them, not try to hold them.
limited=0
if [ -z "${SMALOG_WRAPPER:-}" ] && ! grep -q __asan_init "$SMALOG"; then
	limited=1
fi

run init
"$SMALOG" add agreement --code SMA-11 --parties KR,US --total 1038900000000 >/dev/null

# timed CODE MESSAGE ARGS...: `refused`, and prints how long smalog took
# and, where /usr/bin/time is there, its peak memory.
timed() {
	local start end mem="" wrapper=${SMALOG_WRAPPER:-}
	if [ -z "$wrapper" ] && [ -x /usr/bin/time ]; then
		SMALOG_WRAPPER="/usr/bin/time -f %M -o $WORK/mem"
	fi
	rm -f "$WORK/mem"
	start=$(date +%s.%N)
	if [ "$limited" = 1 ]; then
		# a subshell keeps the limit to itself; it reports back in a file
		(
			ulimit -v 262144
			refused "$@"
			echo "$status $current_failed" >"$WORK/sub"
		)
		read -r status sub_failed <"$WORK/sub"
		[ "$sub_failed" = 0 ] && [ "$current_failed" = 0 ] || current_failed=1
		[ "$sub_failed" = 0 ] || failed=$((failed + 1))
	else
		refused "$@"
	fi
	end=$(date +%s.%N)
	SMALOG_WRAPPER=$wrapper
	elapsed=$(echo "$end - $start" | bc)
	[ -s "$WORK/mem" ] && mem=", $(($(tail -1 "$WORK/mem") / 1024)) MB peak"
	[ "$limited" = 1 ] && mem="$mem (limit 256 MiB)"
	printf 'hostile: %s: exit %s in %.2f s%s\n' "$current" "$status" "$elapsed" "$mem"
}

# fast SECONDS: the last timed refusal took less than SECONDS (not checked
# under valgrind, which is many times slower)
fast() {
	[ -n "${SMALOG_WRAPPER:-}" ] && return 0
	[ "$(echo "$elapsed < $1" | bc)" = 1 ] || fail "took ${elapsed}s, more than ${1}s"
}

case_ "a 1 MiB field is stored exactly"
# 1,048,576 bytes of notes: quotes, commas, line ends and Hangul, then
# base64 lines (ASCII, so the cut at 1 MiB never splits a character)
prefix='Notes with "quotes", commas,
line ends and 한국어 텍스트. '
printf '%s' "$prefix" >notes.bin
head -c 2000000 /dev/urandom | base64 -w 76 | head -c $((1048576 - $(wc -c <notes.bin))) >>notes.bin
[ "$(wc -c <notes.bin)" = 1048576 ] || fail "notes.bin is $(wc -c <notes.bin) bytes"
{
	echo "$header"
	printf 'SMA-11,,2020-04-01,KR,offer,,,13,,reported,,,"%s' "${prefix//\"/\"\"}"
	tail -c +$(($(printf '%s' "$prefix" | wc -c) + 1)) notes.bin
	printf '"\n'
} >onemb.csv
start=$(date +%s.%N)
run import position onemb.csv
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
expect_status 0
expect_err "imported 1 position"
sqlite3 "$SMALOG_DB" "SELECT writefile('stored.bin', notes) FROM position" >/dev/null
cmp -s stored.bin notes.bin || fail "the stored notes differ from the file's ($(wc -c <stored.bin) bytes)"
run export position -o exported.csv
expect_status 0
strip_uids exported.csv
cmp -s exported.csv onemb.csv || fail "the export differs from the imported file"
printf 'hostile: 1 MiB field: imported in %.2f s, stored and exported byte for byte\n' "$elapsed"
fast 5
done_

# Each refusal below must leave the database byte for byte as it is.
case_ "a 100 MB quoted field"
{
	echo "$header"
	printf 'SMA-11,,2020-04-01,KR,offer,,,13,,reported,,,"'
	head -c 100000000 /dev/zero | tr '\0' x
	printf '"\n'
} >big.csv
timed 65 "big.csv:2: column 'notes': field longer than 64 MiB" import position big.csv
fast 10
rm -f big.csv
done_

case_ "a 100 MB line without a line end"
{
	echo "$header"
	printf 'SMA-11,,2020-04-01,KR,offer,,,13,,reported,,,'
	head -c 100000000 /dev/zero | tr '\0' y
} >endless.csv
timed 65 "endless.csv:2: column 'notes': field longer than 64 MiB" import position endless.csv
fast 10
rm -f endless.csv
done_

case_ "a 100 MB quoted field that never closes, from standard input"
{
	echo "$header"
	printf 'SMA-11,,2020-04-01,KR,offer,,,13,,reported,,,"'
	head -c 100000000 /dev/zero | tr '\0' z
} >open.csv
timed 65 "<stdin>:2: column 'notes': field longer than 64 MiB" import position - <open.csv
fast 10
rm -f open.csv
done_

case_ "a header of 100 MB of commas"
head -c 100000000 /dev/zero | tr '\0' , >commas.csv
timed 65 "commas.csv:1: the header has more than 65536 columns" import position commas.csv
fast 10
rm -f commas.csv
done_

case_ "a row of 13 fields of 6 MB each"
{
	echo "$header"
	cell=$(head -c 6000000 /dev/zero | tr '\0' w)
	printf '%s' "$cell"
	for _ in $(seq 12); do printf ',%s' "$cell"; done
	echo
} >wide-row.csv
timed 65 "wide-row.csv:2: row longer than 64 MiB" import position wide-row.csv
fast 10
rm -f wide-row.csv
done_

case_ "a NUL byte"
printf '%s\nSMA-11,,2020-04-01,KR,offer,,,13,,reported,,,fine\nSMA-11,,2020-04-02,KR,offer,,,14,,reported,a\0b,,x\n' \
	"$header" >nul.csv
timed 65 "nul.csv:3: column 'terms': contains a NUL byte" import position nul.csv
fast 1
done_

case_ "a NUL byte in a multi-line field names its line"
printf '%s\nSMA-11,,2020-04-01,KR,offer,,,13,,reported,,,"one\ntwo\nth\0ree"\n' "$header" >nul2.csv
timed 65 "nul2.csv:4: column 'notes': contains a NUL byte" import position nul2.csv
fast 1
done_

case_ "invalid UTF-8"
printf '%s\nSMA-11,,2020-04-01,KR,offer,,,13,,reported,,,ok\nSMA-11,,2020-04-02,KR,offer,,,14,,reported,"caf\xe9",,x\n' \
	"$header" >latin1.csv
timed 65 "latin1.csv:3: column 'terms': not valid UTF-8 (byte 4)" import position latin1.csv
fast 1
done_

case_ "a UTF-8 sequence cut short"
printf '%s\nSMA-11,,2020-04-01,KR,offer,,,13,,reported,,,"\xed\x95"\n' "$header" >cut.csv
timed 65 "cut.csv:2: column 'notes': not valid UTF-8 (byte 1)" import position cut.csv
fast 1
done_

case_ "an encoded surrogate is not UTF-8"
printf '%s\nSMA-11,,2020-04-01,KR,offer,,,13,,reported,,,\xed\xa0\x80\n' "$header" >surrogate.csv
timed 65 "surrogate.csv:2: column 'notes': not valid UTF-8 (byte 1)" import position surrogate.csv
fast 1
done_

case_ "10,000 columns: the first unknown one is named"
{
	printf 'agreement,date,party,kind'
	for i in $(seq 9996); do printf ',extra%04d' "$i"; done
	echo
	echo "SMA-11,2020-04-01,KR,offer$(printf ',%.0s' $(seq 9996))"
} >columns.csv
timed 65 "columns.csv:1: column 'extra0001': unknown column for a position (the columns are agreement, round, date, party, kind, amount, currency, pct, years, confidence, terms, source, notes)" import position columns.csv
fast 1
done_

case_ "a row of 10,000 fields under a header of 13"
{
	echo "$header"
	echo "SMA-11,,2020-04-01,KR,offer,,,13,,reported,,,x"
	echo "SMA-11$(printf ',%.0s' $(seq 9999))"
} >wide.csv
timed 65 "wide.csv:3: row has 10000 fields but the header has 13" import position wide.csv
fast 1
done_

case_ "SQL-looking text is stored verbatim and exported back identical"
rm -f "$SMALOG_DB"
run init
"$SMALOG" add agreement --code SMA-11 --parties KR,US >/dev/null
cat >sql.csv <<'CSV'
key,outlet,title,url,published,notes
x-1,'); DROP TABLE source; --,Robert'); DROP TABLE position; --,https://example.org/?q=1'--,2021,"""; DELETE FROM position WHERE ""1""=""1"
x-2,Yonhap,""" OR 1=1 --",,2021-02,%' AND 1=0 UNION SELECT sql FROM sqlite_schema --
CSV
cat >sqlpos.csv <<'CSV'
agreement,round,date,party,kind,amount,currency,pct,years,confidence,terms,source,notes
SMA-11,,2020-04-01,KR,offer,,,13,,reported,'); DROP TABLE position; --,x-1,""" OR 1=1"
SMA-11,,2020-04-02,US,demand,,,50,,reported,' OR '1'='1,x-1;x-2,"Robert""); DROP TABLE agreement;--
-- and a second line; SELECT load_extension('x');"
CSV
run import source sql.csv
expect_status 0
run import position sqlpos.csv
expect_status 0
run export source
expect_status 0
strip_uids
cmp -s out sql.csv || fail "sources exported differently: $(diff out sql.csv | head -5)"
run export position
expect_status 0
strip_uids
cmp -s out sqlpos.csv || fail "positions exported differently: $(diff out sqlpos.csv | head -5)"
[ "$(sqlite3 "$SMALOG_DB" "SELECT terms FROM position WHERE id = 1")" = "'); DROP TABLE position; --" ] ||
	fail "terms not stored verbatim"
[ "$(sqlite3 "$SMALOG_DB" "SELECT notes FROM position WHERE id = 1")" = '" OR 1=1' ] || fail "notes not stored verbatim"
[ "$(sqlite3 "$SMALOG_DB" "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('source', 'position', 'agreement')")" = 3 ] ||
	fail "a table is gone"
echo "hostile: SQL-looking text: 2 sources and 2 positions stored and exported byte for byte"
done_

finish

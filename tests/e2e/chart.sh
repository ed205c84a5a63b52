#!/usr/bin/env bash
# chart.sh - `smalog chart`: the example's SVG is well-formed and shows what
# it must; pct and currency resolution, notes, errors and atomic -o.
. "$(dirname "$0")/lib.sh"

"$SMALOG" init --example 2>/dev/null || { echo "cannot create the example database"; exit 1; }

# well_formed FILE: xmllint accepts it (skipped, once, without libxml2-utils)
well_formed() {
	if command -v xmllint >/dev/null; then
		xmllint --noout "$1" 2>"$WORK/xmllint.err" || fail "not well-formed XML: $(head -c 300 "$WORK/xmllint.err")"
	elif [ -z "${told_xmllint:-}" ]; then
		echo "xmllint not found (Debian: libxml2-utils): well-formedness not checked"
		told_xmllint=1
	fi
}

# has FILE TEXT...: each TEXT occurs in FILE
has() {
	local file=$1
	shift
	for text in "$@"; do
		grep -qF -- "$text" "$file" || fail "$file lacks: $text"
	done
}

case_ "the example chart, to a file"
snapshot "$SMALOG_DB"
run chart --agreement SMA-11 -o "$WORK/sma11.svg"
expect_status 0
expect_out </dev/null
expect_unchanged "$SMALOG_DB"
well_formed "$WORK/sma11.svg"
svg="$WORK/sma11.svg"
has "$svg" '<svg xmlns="http://www.w3.org/2000/svg"' '>SMA-11 — 11th Special Measures Agreement<'
# legend labels, the unit, the baseline from SMA-10's last scheduled year
has "$svg" '>KR offers<' '>US demands<' '>baseline (SMA-10 2019)<' '>outcome<' '>furlough of Korean workers<'
has "$svg" '>trillion won<' '>baseline 1.04 trillion won<' 'class="baseline"' 'stroke-dasharray="6 4"'
# figures: "about $5bn" as stated (approximate) and as converted, +13% and +50% over the
# baseline, then the agreed 1,183.3 billion
has "$svg" '>about $5 billion → 5.62 trillion won at 1,124.3243 (+441.11%)<' '>1.17 trillion won (+13%)<' \
	'>1.56 trillion won (+50%)<' '>1.18 trillion won (+13.9%)<'
grep -q 'class="unplaced"' "$svg" && fail "a figure of the example found no room"
# rounds 1 to 9 with their numbers, outcomes, the furlough span
for seq in 1 2 3 4 5 6 7 8 9; do
	grep -qE "text-anchor=\"middle\">$seq</text>" "$svg" || fail "round $seq is not numbered"
done
[ "$(grep -c 'class="round"' "$svg")" = 9 ] || fail "expected 9 round marks"
has "$svg" '>rejected<' '>deal in principle<' '>signed<'
[ "$(grep -c 'class="outcome"' "$svg")" = 3 ] || fail "expected 3 outcome markers"
has "$svg" 'class="furlough"' '>4,000 workers furloughed<'
[ "$(grep -c 'class="position"' "$svg")" = 2 ] || fail "expected one step line per party"
# time axis: every second month, the years under January
has "$svg" '>Nov<' '>Jan<' '>2020<' '>2021<'
has "$svg" 'Positions given as a percentage are drawn at baseline × (1 + pct/100); dates given as a month or a year are placed at the first day of that period.'
grep -q 'no positions yet' "$svg" && fail "the example has positions"
done_

case_ "without -o the SVG goes to standard output"
run chart --agreement SMA-11
expect_status 0
cmp -s "$WORK/out" "$WORK/sma11.svg" || fail "standard output differs from the -o file"
done_

case_ "an agreement without positions still gets a chart"
run chart --agreement SMA-10 -o "$WORK/sma10.svg"
expect_status 0
well_formed "$WORK/sma10.svg"
has "$WORK/sma10.svg" '>no positions yet<' '>expired<' '>signed<' '>baseline 960 billion won<' '>trillion won<'
done_

case_ "positions in another currency convert at the latest rate, or are left out with a note"
"$SMALOG" add agreement --code T-1 --title 'Test <&> "quotes"' --parties KR,US --currency KRW --baseline 1T >/dev/null 2>&1
"$SMALOG" add position --agreement T-1 --date 2019-01-10 --party US --kind demand --amount 5bn --currency USD >/dev/null 2>&1
"$SMALOG" add position --agreement T-1 --date 2021-03-01 --party US --kind demand --amount 1bn --currency USD >/dev/null 2>&1
"$SMALOG" add position --agreement T-1 --date 2021-03-02 --party KR --kind offer --pct -2.5 >/dev/null 2>&1
run chart --agreement T-1
expect_status 0
printf '%s' "$(cat "$WORK/out")" >"$WORK/t1.svg"
well_formed "$WORK/t1.svg"
# the 2019 demand has no KRW rate on or before it (said as delta says it);
# the 2021 one converts at 1131.5
has "$WORK/t1.svg" 'Position 7 is left out: no KRW rate on or before 2019-01-10.'
has "$WORK/t1.svg" '>$1 billion → 1.13 trillion won at 1,131.5 (+13.15%)<' '>975 billion won (-2.5%)<'
has "$WORK/t1.svg" 'T-1 — Test &lt;&amp;&gt; &quot;quotes&quot;'
grep -q '<&>' "$WORK/t1.svg" && fail "title not escaped"
done_

case_ "a percentage without a baseline is left out, never guessed"
"$SMALOG" add agreement --code T-2 --parties KR,US >/dev/null 2>&1
"$SMALOG" add position --agreement T-2 --date 2022-05 --party KR --kind offer --pct 5 >/dev/null 2>&1
run chart --agreement T-2 -o "$WORK/t2.svg"
expect_status 0
well_formed "$WORK/t2.svg"
has "$WORK/t2.svg" '>no position could be placed (see the notes below)<' \
	'Position 10 is left out: no baseline: T-2 has no baseline and no previous agreement.' \
	'Dates given as a month or a year are placed at the first day of that period.'
grep -q 'class="position"' "$WORK/t2.svg" && fail "a line was drawn without a baseline"
grep -q 'class="baseline"' "$WORK/t2.svg" && fail "a baseline was drawn for an agreement without one"
done_

case_ "the baseline is the one the reports use: a previous total in another currency is none"
"$SMALOG" add agreement --code T-3 --parties KR,US --currency USD --total 1bn >/dev/null 2>&1
"$SMALOG" add agreement --code T-4 --parties KR,US --previous T-3 >/dev/null 2>&1
"$SMALOG" add position --agreement T-4 --date 2022-06-01 --party KR --kind offer --pct 10 >/dev/null 2>&1
run chart --agreement T-4 -o "$WORK/t4.svg"
expect_status 0
well_formed "$WORK/t4.svg"
has "$WORK/t4.svg" 'Position 11 is left out: no baseline: the total of T-3 is in USD, not KRW.'
grep -q 'class="baseline"' "$WORK/t4.svg" && fail "a baseline was drawn from a total in another currency"
run delta --agreement T-4 --csv
expect_status 0
grep -q 'no baseline: the total of T-3 is in USD, not KRW' "$WORK/out" || fail "delta says otherwise: $(cat "$WORK/out")"
done_

case_ "errors"
refused 64 "'smalog chart' needs --agreement CODE or --years (see 'smalog list agreements')" chart
refused 64 "'smalog chart --years' draws every agreement: it takes no --agreement" chart --years --agreement SMA-11
refused 64 "'smalog chart' writes SVG only: -o 'y.png' must end in .svg" chart --years -o y.png
[ -e y.png ] && fail "a refused chart created y.png"
refused 65 "--agreement: no agreement 'SMA-99' (see 'smalog list agreements')" chart --agreement SMA-99 -o "$WORK/none.svg"
refused 65 "--agreement: no agreement 'sma-11'; did you mean 'SMA-11'?" chart --agreement sma-11 -o "$WORK/none.svg"
[ -e "$WORK/none.svg" ] && fail "a failed chart left none.svg"
refused 64 "unexpected argument 'extra' for 'smalog chart'" chart --agreement SMA-11 extra
refused 64 "option '-o' needs a file name" chart --agreement SMA-11 -o ""
run --db "$WORK/missing.db" chart --agreement SMA-11
expect_status 66
[ -e "$WORK/missing.db" ] && fail "chart created missing.db"
done_

case_ "-o replaces an existing file atomically and leaves no temporary file"
printf 'old' >"$WORK/keep.svg"
run chart --agreement SMA-99 -o "$WORK/keep.svg"
expect_status 65
[ "$(cat "$WORK/keep.svg")" = old ] || fail "a failed chart touched keep.svg"
run chart --agreement SMA-11 -o "$WORK/keep.svg"
expect_status 0
cmp -s "$WORK/keep.svg" "$WORK/sma11.svg" || fail "keep.svg was not replaced"
ls "$WORK"/keep.svg.* >/dev/null 2>&1 && fail "a temporary file was left"
run chart --agreement SMA-11 -o "$WORK/no-such-dir/c.svg"
expect_status 73
done_

case_ "-o names an SVG file: another extension is refused"
refused 64 "'smalog chart' writes SVG only: -o 'c.png' must end in .svg" chart --agreement SMA-11 -o c.png
[ -e c.png ] && fail "a refused chart created c.png"
refused 64 "'smalog chart' writes SVG only: -o '$WORK/chart' must end in .svg" chart --agreement SMA-11 -o "$WORK/chart"
refused 64 "'smalog chart' writes SVG only: -o '.svg' must end in .svg" chart --agreement SMA-11 -o .svg
run chart --agreement SMA-11 -o "$WORK/upper.SVG"
expect_status 0
cmp -s "$WORK/upper.SVG" "$WORK/sma11.svg" || fail "upper.SVG differs from sma11.svg"
run chart --agreement SMA-11 -o -
expect_status 0
cmp -s "$WORK/out" "$WORK/sma11.svg" || fail "-o - did not write the chart to standard output"
done_

# labels_of FILE: every figure's text, by its point (value) or listed
# under the chart (unplaced), and the notes on years without an amount
labels_of() {
	grep -oE 'class="(value|unplaced|unknown-note)"[^>]*>[^<]*' "$1" | sed -E 's/^class="([a-z-]+)"[^>]*>/\1: /'
}

# fresh_db NAME: an empty database $WORK/NAME.db, made the default
fresh_db() {
	export SMALOG_DB="$WORK/$1.db"
	"$SMALOG" init 2>/dev/null || fail "cannot create $1.db"
}

case_ "a statement is a labelled mark and moves no line"
fresh_db statements
{
	"$SMALOG" add agreement --code S-1 --parties KR,US --baseline 1T
	"$SMALOG" add position --agreement S-1 --date 2020-01-10 --party KR --kind offer --amount 1.1T
	"$SMALOG" add position --agreement S-1 --date 2020-03-10 --party US --kind demand --amount 1.5T
	"$SMALOG" add rate --date 2020-01-01 --currency KRW --per-usd 1200
} >/dev/null 2>&1
run chart --agreement S-1 -o "$WORK/without.svg"
expect_status 0
sqlite3 "$SMALOG_DB" "INSERT INTO actor (key, name, party) VALUES ('trump', 'Donald Trump', 'US');
	INSERT INTO statement (date, actor, agreement, party, amount, currency) VALUES ('2020-02-10', 'trump', 'S-1', 'US', 1000000000, 'USD');
	INSERT INTO statement (date, actor, agreement, party, amount, currency) VALUES ('2020-02-20', 'trump', 'S-1', 'US', 10000000000, 'USD');"
snapshot "$SMALOG_DB"
run chart --agreement S-1 -o "$WORK/with.svg"
expect_status 0
expect_unchanged "$SMALOG_DB"
well_formed "$WORK/with.svg"
[ "$(grep -c 'class="statement"' "$WORK/with.svg")" = 2 ] || fail "expected 2 statement marks"
labels_of "$WORK/with.svg" >"$WORK/out"
expect_out <<'OUT'
value: Donald Trump: $1 billion → 1.2 trillion won at 1,200
value: Donald Trump: $10 billion → 12 trillion won at 1,200 (↑ above the scale)
value: 1.1 trillion won (+10%)
value: 1.5 trillion won (+50%)
OUT
has "$WORK/with.svg" '>public statement (not a position)<'
# the lines, their points and the scale are drawn as without the statements
grep -E 'class="position"|<circle|text-anchor="end"' "$WORK/without.svg" | grep -v 'r="4.5"' >"$WORK/lines-without"
grep -E 'class="position"|<circle|text-anchor="end"' "$WORK/with.svg" | grep -v 'r="4.5"' >"$WORK/lines-with"
[ -s "$WORK/lines-with" ] || fail "no line found"
cmp -s "$WORK/lines-without" "$WORK/lines-with" || fail "a statement moved a line or the scale"
done_

case_ "no figure is dropped: one with no room by its point is listed under the chart"
fresh_db crowded
"$SMALOG" add agreement --code C-1 --parties KR,US --baseline 1T >/dev/null 2>&1
for day in 1 2 3 4 5 6; do
	"$SMALOG" add position --agreement C-1 --date "2020-03-0$day" --party KR --kind offer --amount "1.00${day}T" >/dev/null 2>&1
done
"$SMALOG" add position --agreement C-1 --date 2020-03-03 --party US --kind demand --amount 1.002T >/dev/null 2>&1
run chart --agreement C-1 -o "$WORK/crowded.svg"
expect_status 0
well_formed "$WORK/crowded.svg"
labels_of "$WORK/crowded.svg" >"$WORK/out"
expect_out <<'OUT'
value: 1.01 trillion won (+0.6%)
value: 1 trillion won (+0.2%)
value: 1 trillion won (+0.1%)
value: 1 trillion won (+0.2%)
value: 1 trillion won (+0.3%)
unplaced: KR offer, 2020-03-04: 1 trillion won (+0.4%)
unplaced: KR offer, 2020-03-05: 1.01 trillion won (+0.5%)
OUT
has "$WORK/crowded.svg" '>Figures with no room by their points:<'
done_

case_ "--years: every agreement's years on one axis, with demands and statements"
fresh_db years
{
	"$SMALOG" add agreement --code Y-1 --parties KR,US --start-year 2020 --end-year 2021 --total 100bn
	"$SMALOG" add agreement --code Y-2 --parties KR,US --previous Y-1 --start-year 2022 --end-year 2023
	"$SMALOG" add position --agreement Y-2 --date 2021-06-01 --party US --kind demand --amount 300bn
	"$SMALOG" add position --agreement Y-2 --date 2021-07-01 --party KR --kind offer --amount 120bn
	"$SMALOG" add rate --date 2021-01-01 --currency KRW --per-usd 1100
} >/dev/null 2>&1
sqlite3 "$SMALOG_DB" "INSERT INTO schedule (agreement, year, amount) VALUES ('Y-1', 2020, 100000000000), ('Y-1', 2021, 110000000000),
	('Y-2', 2022, 125000000000);
	INSERT INTO schedule (agreement, year, \"index\", cap_bp) VALUES ('Y-2', 2023, 'KR.CPI', 500);
	INSERT INTO actor (key, name) VALUES ('cand', 'A Candidate');
	INSERT INTO statement (date, actor, amount, currency, amount_approx) VALUES ('2021-09-01', 'cand', 200000000, 'USD', 1);"
snapshot "$SMALOG_DB"
run chart --years -o "$WORK/years.svg"
expect_status 0
expect_out </dev/null
expect_unchanged "$SMALOG_DB"
well_formed "$WORK/years.svg"
labels_of "$WORK/years.svg" >"$WORK/out"
expect_out <<'OUT'
value: 100 billion won
value: 110 billion won
value: 125 billion won
value: US demand (Y-2): 300 billion won
value: A Candidate: about $200 million → 220 billion won at 1,100
unknown-note: Y-2 2023: no amount recorded (rule KR.CPI, cap 5%)
OUT
[ "$(grep -c 'class="year"' "$WORK/years.svg")" = 3 ] || fail "expected 3 year bars"
[ "$(grep -c 'class="unknown-year"' "$WORK/years.svg")" = 1 ] || fail "expected 1 year without an amount"
[ "$(grep -c 'class="demand"' "$WORK/years.svg")" = 1 ] || fail "expected 1 demand: an offer is no demand"
[ "$(grep -c 'class="statement"' "$WORK/years.svg")" = 1 ] || fail "expected 1 statement"
for year in 2020 2021 2022 2023; do
	has "$WORK/years.svg" "text-anchor=\"middle\">$year</text>"
done
has "$WORK/years.svg" '>Y-1<' '>Y-2<' '>billion won<' '>demand at the table<' '>year without a recorded amount<'
run chart --years
expect_status 0
cmp -s "$WORK/out" "$WORK/years.svg" || fail "standard output differs from the -o file"
done_

case_ "--years on an empty database draws an empty chart"
fresh_db empty-years
run chart --years -o "$WORK/empty-years.svg"
expect_status 0
well_formed "$WORK/empty-years.svg"
has "$WORK/empty-years.svg" '>no schedules, demands or statements yet<'
done_

# ---- files made by another tool: every value is untrusted ----
"$SMALOG" --db "$WORK/pristine.db" init --example 2>/dev/null || { echo "cannot create pristine.db"; exit 1; }

# crafted NAME SQL: a copy of the example as $WORK/NAME.db, changed by SQL
# in the sqlite3 shell, past smalog's validation
crafted() {
	cp "$WORK/pristine.db" "$WORK/$1.db"
	sqlite3 "$WORK/$1.db" "$2" || fail "sqlite3 could not craft $1.db"
}

# not_null_dropped TABLE COLUMN: SQL that rewrites the stored schema
# without the column's NOT NULL, so that the shell can store a NULL there
not_null_dropped() {
	local padded
	padded=$(printf '%-12s' "$2")
	printf "PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '%sTEXT NOT NULL', '%sTEXT') WHERE name = '%s';
PRAGMA writable_schema = OFF;" "$padded" "$padded" "$1"
}

# chart_of DB: the chart of SMA-11 in DB must be drawn (exit 0, well-formed
# XML) without changing the file; it is left in $WORK/crafted.svg
chart_of() {
	snapshot "$1"
	run --db "$1" chart --agreement SMA-11 -o "$WORK/crafted.svg"
	expect_status 0
	expect_unchanged "$1"
	well_formed "$WORK/crafted.svg"
}

case_ "a NULL party is left out with a note, not a crash"
crafted null-party "$(not_null_dropped position party)"
sqlite3 "$WORK/null-party.db" "UPDATE position SET party = NULL WHERE id IN (2, 6)"
chart_of "$WORK/null-party.db"
has "$WORK/crafted.svg" 'Position 2 is left out: party is required for a position.' \
	'Position 6 is left out: party is required for a position.' '>KR offers<'
grep -q '>US demands<' "$WORK/crafted.svg" && fail "the position without a party was drawn"
done_

case_ "a NULL outcome kind is left out with a note"
crafted null-outcome "$(not_null_dropped outcome kind)"
sqlite3 "$WORK/null-outcome.db" "UPDATE outcome SET kind = NULL WHERE id = 4"
chart_of "$WORK/null-outcome.db"
has "$WORK/crafted.svg" 'Outcome 4 is left out: kind is required for an outcome.' '>rejected<' '>signed<'
[ "$(grep -c 'class="outcome"' "$WORK/crafted.svg")" = 2 ] || fail "expected 2 outcome markers"
done_

case_ "rows of other kinds that break smalog's rules are left out, and counted past four"
crafted bad-rows "$(not_null_dropped round start)"
sqlite3 "$WORK/bad-rows.db" "PRAGMA ignore_check_constraints = ON;
UPDATE round SET start = NULL WHERE id = 3;
UPDATE round SET start = '2019-02-30' WHERE id = 4;
UPDATE furlough SET workers = -7 WHERE id = 1;
UPDATE outcome SET date = 'soon' WHERE id = 5;
UPDATE position SET kind = 'bribe' WHERE id = 1;
UPDATE position SET confidence = 'sure' WHERE id = 2;"
chart_of "$WORK/bad-rows.db"
has "$WORK/crafted.svg" "Position 1 is left out: invalid kind &apos;bribe&apos; (expected offer or demand)." \
	"Position 2 is left out: invalid confidence &apos;sure&apos; (expected confirmed, reported or rumored)." \
	'Round 3 is left out: start is required for a round.' \
	"Round 4 is left out: invalid date &apos;2019-02-30&apos; (February 2019 has 28 days)." \
	'... and 2 more records left out (of 18).'
[ "$(grep -c 'class="round"' "$WORK/crafted.svg")" = 7 ] || fail "expected 7 round marks"
grep -q 'class="furlough"' "$WORK/crafted.svg" && fail "a furlough of -7 workers was drawn"
[ "$(grep -c 'class="outcome"' "$WORK/crafted.svg")" = 2 ] || fail "expected 2 outcome markers"
done_

case_ "a view redefined in the file changes nothing: the chart reads smalog's own views"
chart_of "$WORK/pristine.db"
mv "$WORK/crafted.svg" "$WORK/pristine.svg"
# odd types and NULLs, a view without smalog's columns, a view that raises
crafted odd-view "DROP VIEW position_amount;
CREATE VIEW position_amount AS
SELECT id, agreement, CASE id WHEN 1 THEN NULL ELSE date END AS date, date_key,
	CASE id WHEN 2 THEN NULL WHEN 3 THEN 42 ELSE party END AS party, kind, 'KRW' AS currency,
	NULL AS baseline, NULL AS baseline_note, amount AS stated_amount, 'KRW' AS stated_currency,
	NULL AS stated_pct_bp, NULL AS from_rate, NULL AS to_rate, NULL AS from_rate_date, NULL AS to_rate_date,
	CASE id WHEN 4 THEN 'lots' ELSE amount END AS amount
FROM position;"
crafted no-columns "DROP VIEW position_amount; CREATE VIEW position_amount AS SELECT 1 AS id;"
crafted raises "DROP VIEW position_amount;
CREATE VIEW position_amount AS SELECT p.*, abs(-9223372036854775807 - p.id) AS stated_amount, NULL AS stated_currency,
	NULL AS from_rate, NULL AS to_rate, NULL AS baseline_note FROM position AS p;"
for f in odd-view no-columns raises; do
	chart_of "$WORK/$f.db"
	cmp -s "$WORK/pristine.svg" "$WORK/crafted.svg" || fail "$f.db: the chart differs from the file's own"
done
done_

case_ "text XML cannot hold, and bidi overrides, never reach the SVG"
crafted xml-unfit "UPDATE agreement SET title = 'A' || char(65534) || 'B' || char(65535) || 'C' || char(1) || 'D'
	|| char(155) || 'E' || char(55296) || 'F' || CAST(x'ff' AS TEXT) || 'G <&> ' || char(8238) || 'H' WHERE code = 'SMA-11';"
chart_of "$WORK/xml-unfit.db"
has "$WORK/crafted.svg" 'SMA-11 — A?B?C?D?E???F?G &lt;&amp;&gt; ?H<'
if LC_ALL=C grep -q $'\xef\xbf\xbe\|\xef\xbf\xbf\|\x01\|\xc2\x9b\|\xed\xa0\x80\|\xff\|\xe2\x80\xae' "$WORK/crafted.svg"; then
	fail "a character XML forbids reached the SVG"
fi
done_

case_ "values at the 64-bit limits and the ends of the calendar draw a well-formed chart"
crafted extremes "DELETE FROM position WHERE id = 6;
UPDATE position SET amount = 9223372036854775807 WHERE id = 4;
UPDATE position SET date = '0001-01-01', pct_bp = 9223372036854775807 WHERE id = 1;
UPDATE position SET pct_bp = -9223372036854775808 WHERE id = 2;
UPDATE round SET start = '9999-12-31', \"end\" = NULL WHERE id = 3;
UPDATE round SET seq = 9223372036854775807 WHERE id = 5;
UPDATE furlough SET workers = 100000000, \"end\" = '9999' WHERE id = 1;
UPDATE agreement SET baseline = 9223372036854775807 WHERE code = 'SMA-11';"
chart_of "$WORK/extremes.db"
has "$WORK/crafted.svg" '>baseline 9,223,372 trillion won<' '>KR offers<' \
	'Position 1 is left out: the amount that the pct implies is too large.' \
	"Round 9223372036854775807 is left out: invalid seq &apos;9223372036854775807&apos; (must be 1 to 100000)." \
	'>100,000,000 workers furloughed<'
[ "$(grep -c 'class="position"' "$WORK/crafted.svg")" = 1 ] || fail "expected the line of position 4 alone"
done_

case_ "an agreement without a currency cannot be charted: nothing names its figures"
crafted no-currency "$(not_null_dropped agreement currency)"
sqlite3 "$WORK/no-currency.db" "UPDATE agreement SET currency = NULL WHERE code = 'SMA-11'"
snapshot "$WORK/no-currency.db"
run --db "$WORK/no-currency.db" chart --agreement SMA-11 -o "$WORK/none.svg"
expect_status 65
expect_err "smalog: cannot chart SMA-11: currency is required for an agreement (see 'smalog check')"
expect_unchanged "$WORK/no-currency.db"
[ -e "$WORK/none.svg" ] && fail "a refused chart left none.svg"
done_

case_ "--confidence leaves the positions and statements below it off the chart"
# the example's SMA-11 positions: only the KR offer of 2021-03-07 is
# confirmed; the Trump statement is confirmed, the $5bn demand reported
"$SMALOG" --db "$WORK/conf.db" init --example >/dev/null 2>&1
run --db "$WORK/conf.db" chart --agreement SMA-11 --confidence confirmed
expect_status 0
grep -oE 'class="value"[^>]*>[^<]*' "$WORK/out" | sed -E 's/^[^>]*>//' >"$WORK/labels"
[ "$(cat "$WORK/labels")" = "1.18 trillion won (+13.9%)" ] || fail "labels: $(cat "$WORK/labels")"
run --db "$WORK/conf.db" chart --years --confidence confirmed
expect_status 0
grep -q 'about \$5 billion' "$WORK/out" && fail "the reported \$5bn demand is still drawn"
grep -q 'Donald Trump: \$10 billion' "$WORK/out" || fail "the confirmed statement is gone"
run --db "$WORK/conf.db" chart --years
grep -q 'about \$5 billion' "$WORK/out" || fail "without --confidence the \$5bn demand is drawn"
snapshot "$WORK/conf.db"
run --db "$WORK/conf.db" chart --agreement SMA-11 --confidence sure -o "$WORK/sure.svg"
expect_status 64
expect_err "smalog: --confidence: expected confirmed, reported or rumored (the least a position must be to count), not 'sure'"
expect_unchanged "$WORK/conf.db"
[ -e "$WORK/sure.svg" ] && fail "a refused chart left sure.svg"
done_

finish

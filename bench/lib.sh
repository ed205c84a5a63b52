# lib.sh - the data the bench scripts share, made once and kept under bench/out.
# Sourced by them from the top of the tree; BENCH is the bench folder,
# and reports_db wants $SMALOG (the binary) and $BENCH_OUT.

# needs_time, needs_time_and_shell: stop, saying what to install, unless
# /usr/bin/time (and the sqlite3 shell) are there
needs_time() {
	[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
}
needs_time_and_shell() {
	needs_time
	command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }
}

# positions_in DIR N: N generated positions, and the sources, agreements
# and rounds they cite, as CSV files in DIR (bench/gen_positions.py)
positions_in() {
	mkdir -p "$1"
	if [ ! -s "$1/position.csv" ]; then
		echo "generating $2 positions in $1 ..." >&2
		python3 "$BENCH/gen_positions.py" "$2" "$1"
	fi
}

# reports_db N: $BENCH_OUT/reports-N/reports.db, N generated positions
# loaded with `smalog import`, with monthly KRW rates so that dollar
# amounts convert; made once, and its report views made $SMALOG's each
# time (fresh_views)
reports_db() {
	local n=$1 dir=$BENCH_OUT/reports-$1
	mkdir -p "$dir"
	if [ ! -s "$dir/reports.db" ]; then
		echo "building $dir/reports.db ..." >&2
		positions_in "$dir" "$n"
		awk 'BEGIN { print "date,currency,per_usd"
			for (y = 1985; y <= 2030; y++) for (m = 1; m <= 12; m++)
				printf "%d-%02d-01,KRW,%d.%02d\n", y, m, 1000 + (y * 12 + m) % 400, (y + m) % 100 }' >"$dir/rate.csv"
		rm -f "$dir/reports.db"
		SMALOG_DB=$dir/reports.db "$SMALOG" init 2>/dev/null
		for k in source agreement round position rate; do
			SMALOG_DB=$dir/reports.db "$SMALOG" import "$k" "$dir/$k.csv" 2>/dev/null
		done
	fi
	fresh_views "$dir/reports.db"
}

# fresh_views DB: the report views stored in DB made $SMALOG's, so that
# the sqlite3 shell reads the views that smalog reads: any writer replaces
# another build's views, and a dry run of an import of no rows writes
# nothing else
fresh_views() {
	local empty=$BENCH_OUT/no-rates.csv
	printf 'date,currency,per_usd\n' >"$empty"
	SMALOG_DB=$1 "$SMALOG" import rate "$empty" --dry-run >/dev/null 2>&1
}

# positions_base DB [BINARY]: a new smalog file DB (in the current folder)
# holding the sources, agreements and rounds that the positions there
# cite, made by BINARY (default $SMALOG): an older smalog refuses a file
# of a newer schema
positions_base() {
	local smalog=${2:-$SMALOG}
	SMALOG_DB=$PWD/$1 "$smalog" init 2>/dev/null
	for k in source agreement round; do
		SMALOG_DB=$PWD/$1 "$smalog" import "$k" "$k.csv" 2>/dev/null
	done
}

# export position in the shell: the same columns in the same order as
# smalog's (uid first; its canonical order, never the id), from smalog's
# file, as SQLite plans it (through position_by_agreement_date)
EXPORT_SQL="SELECT uid, agreement, round, date, party, kind, amount, currency, pct, years, confidence, terms, source,
	notes FROM position ORDER BY agreement, date_key, date, party, kind, uid"

# A uid as smalog draws it (a UUID version 4), in SQL.
UID_SQL="lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
	|| substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

# The positions' columns in a bare table, and smalog's four position
# indexes, built after the load (on the date as written: the shell cannot
# fill smalog's date_key, a generated column).
BARE_DDL="CREATE TABLE position (agreement TEXT, round INTEGER, date TEXT, party TEXT, kind TEXT,
	amount INTEGER, currency TEXT, pct REAL, years INTEGER, confidence TEXT, terms TEXT, source TEXT, notes TEXT);"
AFTER_DDL="CREATE INDEX position_by_agreement_date ON position (agreement, date);
CREATE INDEX position_by_party ON position (agreement, party, date);
CREATE INDEX position_by_round ON position (agreement, round) WHERE round IS NOT NULL;
CREATE INDEX position_by_kind ON position (agreement, kind, date);"
# smalog's database work done by the shell: into smalog's own file and
# schema (its triggers log each insert, as smalog's do), the non-unique
# position indexes and the uid's dropped before and built after, as smalog
# does into an empty table from a file without uids, each row given its
# uid in the INSERT, as smalog gives it.
SCHEMA_SQL="BEGIN;
INSERT INTO change_group (at, who, command) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ'), 'bench', 'sqlite3');
DROP INDEX position_by_agreement_date; DROP INDEX position_by_party; DROP INDEX position_by_round;
DROP INDEX position_by_kind; DROP INDEX position_by_uid;
CREATE TEMP TABLE csv (agreement, round, date, party, kind, amount, currency, pct, years, confidence, terms,
	source, notes);
.import --csv --skip 1 position.csv csv
INSERT INTO position (agreement, round, date, party, kind, amount, currency, pct_bp, years, confidence, terms,
	source, notes, uid)
SELECT agreement, nullif(round, ''), date, party, kind, nullif(amount, ''), nullif(currency, ''),
	CAST(round(nullif(pct, '') * 100) AS INTEGER), nullif(years, ''), coalesce(nullif(confidence, ''), 'reported'),
	nullif(terms, ''), nullif(source, ''), nullif(notes, ''),
	$UID_SQL
FROM csv;
CREATE INDEX position_by_agreement_date ON position (agreement, date_key);
CREATE INDEX position_by_party ON position (agreement, party, date_key);
CREATE INDEX position_by_round ON position (agreement, round) WHERE round IS NOT NULL;
CREATE INDEX position_by_kind ON position (agreement, kind, date_key);
CREATE UNIQUE INDEX position_by_uid ON position (uid);
COMMIT;"

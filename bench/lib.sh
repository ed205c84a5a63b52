# lib.sh - the data the bench scripts share, made once and kept under bench/out.
# Sourced by them from the top of the tree; BENCH is the bench folder,
# and reports_db wants $SMALOG (the binary) and $BENCH_OUT.

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

#!/usr/bin/env bash
# fulldisk.sh - a full disk: writes fail with exit 74 and a clear message,
# the database still opens and holds what it held, and no truncated output
# file is left behind; the change log holds what it held and its chain
# holds.  Needs a small tmpfs, so root.
. "$(dirname "$0")/lib.sh"

disk=$(mktemp -d /tmp/smalog-full.XXXXXX)
# room for the example with its change log and the journal of writing it
if ! mount -t tmpfs -o size=640k tmpfs "$disk" 2>/dev/null; then
	rmdir "$disk"
	echo "skipped: cannot mount a small tmpfs here (needs root)"
	exit 77
fi
trap 'umount "$disk"; rmdir "$disk"; rm -rf "$WORK"' EXIT
export SMALOG_DB="$disk/full.db"
run init --example
expect_status 0

# fill the disk until a few kilobytes remain
fill_disk() {
	rm -f "$disk/filler"
	local free
	free=$(df --output=avail -k "$disk" | tail -1)
	dd if=/dev/zero of="$disk/filler" bs=1k count=$((free - ${1:-4})) status=none 2>/dev/null || true
}

case_ "add on a full disk: exit 74, nothing lost"
before=$("$SMALOG" list position --csv)
fill_disk 4
notes=$(head -c 60000 /dev/zero | tr '\0' 'x')
snapshot "$SMALOG_DB"
run add position --agreement SMA-11 --date 2021-03 --party US --kind demand --pct 20 --notes "$notes"
expect_status 74
expect_err_contains "disk full while writing '$SMALOG_DB'; nothing was changed"
expect_unchanged "$SMALOG_DB"
rm -f "$disk/filler"
[ -e "$SMALOG_DB-journal" ] && fail "a journal was left behind"
run list position --csv
expect_status 0
[ "$(cat out)" = "$before" ] || fail "the positions changed"
run check
expect_status 0
done_

case_ "-o on a full disk: exit 74, no file left behind"
fill_disk 2
run list round --json -o "$disk/rounds.json"
expect_status 74
expect_err_contains "cannot write to '$disk/rounds.json'"
ls "$disk" | grep -q rounds && fail "left behind: $(ls "$disk")"
rm -f "$disk/filler"
done_

# positions.csv: N positions of the example's SMA-11, about 150 bytes each
positions() {
	echo "agreement,date,party,kind,pct,notes"
	for i in $(seq 1 "$1"); do
		echo "SMA-11,2020-04-01,KR,offer,$((i % 90)),\"row $i: a note long enough to take some room on the disk, and more\""
	done
}

case_ "import onto a full disk: exit 74, nothing lost, no journal"
positions 600 >"$WORK/positions.csv"
before=$("$SMALOG" list position --csv)
log_before=$("$SMALOG" log --csv)
outcomes=""
# a disk with no room for the journal, then with room for the journal but
# not for the new pages, then with room for a part of them
for room in 4 24 48; do
	fill_disk "$room"
	snapshot "$SMALOG_DB"
	run import position "$WORK/positions.csv"
	expect_status 74
	expect_err_contains "disk full while writing '$SMALOG_DB'; nothing was changed"
	[ "$(wc -l <"$WORK/err")" = 1 ] || fail "more than one line: $(cat "$WORK/err")"
	expect_unchanged "$SMALOG_DB"
	[ -e "$SMALOG_DB-journal" ] && fail "a journal was left behind (${room} KB free)"
	outcomes="$outcomes
  ${room} KB free: exit $status, $(sed "s|$WORK/||g; s|$disk/||g" "$WORK/err")"
	rm -f "$disk/filler"
	run list position --csv
	expect_status 0
	[ "$(cat out)" = "$before" ] || fail "the positions changed (${room} KB free)"
	run log --csv
	[ "$(cat out)" = "$log_before" ] || fail "the change log changed (${room} KB free)"
done
run check
expect_status 0
# with the room back, the same file imports: the failed attempts left no
# trace in the import log either
run import position "$WORK/positions.csv"
expect_status 0
expect_err "imported 600 positions"
run log -n 1 --csv
[ "$(tail -n +2 "$WORK/out" | cut -d, -f6 | sort -u)" = 600 ] || fail "the import's change group does not count 600 rows added"
run check
expect_status 0
echo "fulldisk: import of 600 rows onto a full disk:$outcomes
  then, with room: imported"
done_

case_ "export -o onto a full disk: exit 74, no truncated file left"
fill_disk 8
run export position -o "$disk/positions.csv"
expect_status 74
expect_err "smalog: cannot write to '$disk/positions.csv': No space left on device"
ls -A "$disk" | grep -v '^filler$' | grep -v '^full\.db$' | grep -q . && fail "left behind: $(ls -A "$disk")"
run export --all "$disk/all"
expect_status 74
expect_err_contains "No space left on device"
[ -e "$disk/all" ] && fail "export --all left $(ls -A "$disk/all" | tr '\n' ' ')"
rm -f "$disk/filler"
run export position -o "$WORK/positions-out.csv"
expect_status 0
# every position, the example's and the 600 imported, and the header
lines=$("$SMALOG" query --csv 'SELECT count(*) + 1 AS n FROM position' | tail -1)
[ "$lines" -ge 601 ] || fail "only $lines positions and header recorded"
[ "$(wc -l <"$WORK/positions-out.csv")" = "$lines" ] || fail "the export holds $(wc -l <"$WORK/positions-out.csv") lines, not $lines"
echo "fulldisk: export -o of $(wc -c <"$WORK/positions-out.csv") bytes (and export --all) onto 8 KB free: exit 74, no file left"
done_

finish

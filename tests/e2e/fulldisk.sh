#!/usr/bin/env bash
# fulldisk.sh - a full disk: writes fail with exit 74 and a clear message,
# the database still opens and holds what it held, and no truncated output
# file is left behind.  Needs a small tmpfs, so root.
. "$(dirname "$0")/lib.sh"

disk=$(mktemp -d /tmp/smalog-full.XXXXXX)
if ! mount -t tmpfs -o size=320k tmpfs "$disk" 2>/dev/null; then
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

finish

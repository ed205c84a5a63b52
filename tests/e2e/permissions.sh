#!/usr/bin/env bash
# permissions.sh - read-only database files and folders are refused with
# exit 77, untouched.  File modes do not bind root, so the writes are tried
# as the unprivileged user nobody.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v runuser >/dev/null; then
	echo "skipped: needs root and runuser to act as an unprivileged user"
	exit 77
fi
if ! runuser -u nobody -- test -x "$SMALOG"; then
	echo "skipped: user nobody cannot run $SMALOG"
	exit 77
fi

# as_nobody ARGS...: run smalog as nobody, like run
as_nobody() {
	runuser -u nobody -- ${SMALOG_WRAPPER:-} "$SMALOG" "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
}

shared=$(mktemp -d /tmp/smalog-perm.XXXXXX)
trap 'chmod -R u+w "$shared"; rm -rf "$shared" "$WORK"' EXIT
chmod 755 "$shared"
db="$shared/r.db"
run init --example --db "$db"

case_ "a read-only database file"
chmod 644 "$db"
snapshot "$db"
as_nobody add rate --db "$db" --date 2020 --currency KRW --per-usd 1200
expect_status 77
expect_err "smalog: database '$db' is read-only (check its permissions)"
expect_unchanged "$db"
as_nobody list rate --db "$db" --csv
expect_status 0
expect_out <<'OUT'
id,date,currency,per_usd,source,notes
2,2019-02-10,KRW,1124.3243,nyt-2019-02-10,"From ""about 1.04 trillion won, $925 million"": 1.04 trillion / 925 million = 1,124.3243 won per dollar."
1,2021-02-22,KRW,1131.5,koreaherald-2021-02-22,"From ""1.04 trillion won ($919.1 million)"": 1.04 trillion / 919.1 million = 1,131.5 won per dollar."
OUT
done_

case_ "a database in a read-only folder"
chmod 666 "$db"
chmod 555 "$shared"
snapshot "$db"
as_nobody add rate --db "$db" --date 2020 --currency KRW --per-usd 1200
expect_status 77
expect_err "smalog: adding the record: the folder of '$db' is read-only (smalog writes its journal beside the database)"
expect_unchanged "$db"
as_nobody init --db "$shared/new.db"
expect_status 73
expect_err "smalog: cannot create '$shared/new.db': Permission denied"
done_

case_ "an unreadable database file"
chmod 755 "$shared"
chmod 600 "$db"
as_nobody list rate --db "$db"
expect_status 77
expect_err "smalog: cannot read '$db': Permission denied"
done_

finish

#!/usr/bin/env bash
# wrap.sh - where a wrapped cell breaks: after a space, after the ';' ','
# or '/' of a list of sources, never inside a source key, a date or a
# Korean syllable; at a terminal whose width is $COLUMNS, and with --width.
. "$(dirname "$0")/lib.sh"

export SMALOG_USER=analyst
run init
[ "$status" = 0 ] || { echo "init failed: $(cat "$WORK/err")"; exit 1; }
add_each "agreement --code SMA-11 --baseline 1038900000000" \
	"source --key yonhap-2019-09-24 --outlet Yonhap" \
	"source --key kh-2020-03-17/jad-156 --outlet KH" \
	"source --key hankyoreh-2020-04-01 --outlet Hankyoreh" \
	"source --key 연합뉴스-2024-10-04 --outlet 연합뉴스" \
	"position --agreement SMA-11 --date 2020-03 --party KR --kind offer --amount 999995000000 --source yonhap-2019-09-24;kh-2020-03-17/jad-156;hankyoreh-2020-04-01" \
	"position --agreement SMA-11 --date 2024-10 --party KR --kind offer --amount 1519200000000 --source 연합뉴스-2024-10-04;yonhap-2019-09-24"
cp "$SMALOG_DB" "$WORK/before.db"
run edit position 1 --source "yonhap-2019-09-24;kh-2020-03-17/jad-156" --terms "13% over the baseline, reported by two papers" -m "one paper retracted"
[ "$status" = 0 ] || { echo "edit failed: $(cat "$WORK/err")"; exit 1; }

# at_columns N ARGS...: smalog ARGS at a terminal whose size is unknown,
# so that COLUMNS=N is its width (util-linux script gives it a terminal
# of size 0 when its own input is none); stdout in $WORK/out without the
# terminal's carriage returns, stderr in $WORK/err, the exit code in
# $status.  The output must be what --width N prints, and no line wider
# than N.  Without script, or a terminal for it, --width N alone.
has_script=0
script -qec true /dev/null </dev/null >/dev/null 2>&1 && has_script=1
[ "$has_script" = 1 ] || echo "script (util-linux) gives no terminal here: COLUMNS is not tested, --width is"
at_columns() {
	local cols=$1
	shift
	pick_wrapper
	if [ "$has_script" = 1 ]; then
		COLUMNS=$cols script -qec "$run_wrapper $(printf '%q ' "$SMALOG" --no-pager "$@") 2>$(printf '%q' "$WORK/err")" \
			/dev/null </dev/null | tr -d '\r' >"$WORK/out"
		status=${PIPESTATUS[0]}
		"$SMALOG" "$@" --width "$cols" 2>/dev/null | cmp -s - "$WORK/out" ||
			fail "COLUMNS=$cols shows other than --width $cols: $(cat "$WORK/out")"
	else
		run "$@" --width "$cols"
	fi
	local widest
	widest=$(LC_ALL=C.UTF-8 wc -L <"$WORK/out")
	[ "$widest" -le "$cols" ] || fail "a line of $widest columns at $cols"
}

# the time of a change group, as a fixed text of the same width
mask_times() {
	sed -E -i 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z/YYYY-MM-DDTHH:MM:SS.sssZ/g' "$WORK/out"
}

case_ "log at COLUMNS=60: a changed list of sources breaks after its ';', never inside a key or a date"
at_columns 60 log -n 1
expect_status 0
mask_times
expect_out <<'EOF'
group  time                      change
-----  ------------------------  ---------------------------
    8  YYYY-MM-DDTHH:MM:SS.sssZ  position 1: terms (none) →
                                 13% over the baseline,
                                 reported by two papers,
                                 source yonhap-2019-09-24;
                                 kh-2020-03-17/jad-156;
                                 hankyoreh-2020-04-01 →
                                 yonhap-2019-09-24;
                                 kh-2020-03-17/jad-156
(not shown: who, command, message, added, changed, removed;
--wide or -x shows them)
EOF
done_

case_ "diff at COLUMNS=48: a list longer than its column breaks after ';', prose after a space"
at_columns 48 diff "$WORK/before.db" "$SMALOG_DB"
expect_status 1
expect_err "smalog: '$WORK/before.db' and '$SMALOG_DB' differ in 1 record"
expect_out <<'EOF'
kind      field   b
--------  ------  ------------------------------
position  terms   13% over the baseline,
                  reported by two papers
position  source  yonhap-2019-09-24;
                  kh-2020-03-17/jad-156
(not shown: uid, change, a; --wide or -x shows
them)
EOF
done_

case_ "timeline -x at COLUMNS=32: a list of sources one key a line, a Korean key whole in an exact fit"
at_columns 32 timeline -x
expect_status 0
expect_out <<'EOF'
-[ RECORD 1 ]-------------------
date      | 2020-03
agreement | SMA-11
type      | offer
party     | KR
summary   | KR offer: 13% over
          | the baseline,
          | reported by two
          | papers
amount    | 999,995,000,000
currency  | KRW
pct       |
source    | yonhap-2019-09-24;
          | kh-2020-03-17/
          | jad-156
ref       | position 1
-[ RECORD 2 ]-------------------
date      | 2024-10
agreement | SMA-11
type      | offer
party     | KR
summary   | KR offer
amount    | 1,519,200,000,000
currency  | KRW
pct       |
source    | 연합뉴스-2024-10-04;
          | yonhap-2019-09-24
ref       | position 2
EOF
done_

case_ "--width 40: the same list breaks where it fits best, a key whole when it fits"
run timeline -x --width 40
expect_status 0
sed -n '/^source/,/^ref/p' "$WORK/out" | head -3 >"$WORK/source.txt"
cat >"$WORK/want.txt" <<'EOF'
source    | yonhap-2019-09-24;
          | kh-2020-03-17/jad-156
ref       | position 1
EOF
cmp -s "$WORK/source.txt" "$WORK/want.txt" || fail "source: $(cat "$WORK/source.txt")"
done_

finish

# lib.sh - helpers for smalog's end-to-end tests: run the built binary as a
# user would, compare exact output, exit code, and the database's bytes.
# Each test script sources this file; $SMALOG is the binary under test.

set -u
SMALOG=${SMALOG:?set SMALOG to the smalog binary}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/smalog-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
export SMALOG_DB="$WORK/test.db"
unset LC_ALL LANG
passed=0
failed=0

# $SMALOG_WRAPPER (valgrind, under `meson test --setup valgrind`) goes in
# front of the binary in run and run_in: of every $SMALOG_WRAPPER_EVERY
# runs, the first (default: every run).  ASan and UBSan watch every run;
# valgrind, thirty times slower, watches a fixed sample of them, so that
# its own finds (reads of uninitialized memory) are still looked for in
# every script within CI's time.
runs=0
run_wrapper=
pick_wrapper() {
	run_wrapper=
	[ -n "${SMALOG_WRAPPER:-}" ] || return 0
	if [ $((runs % ${SMALOG_WRAPPER_EVERY:-1})) -eq 0 ]; then
		run_wrapper=$SMALOG_WRAPPER
	fi
	runs=$((runs + 1))
}

# run ARGS...: runs smalog, keeping stdout in $WORK/out, stderr in
# $WORK/err and the exit code in $status.
run() {
	pick_wrapper
	$run_wrapper "$SMALOG" "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
}

# run_in INPUT ARGS...: like run, with INPUT on standard input.
run_in() {
	local input=$1
	shift
	pick_wrapper
	printf '%s' "$input" | $run_wrapper "$SMALOG" "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
}

fail() {
	echo "FAIL: $current: $*"
	failed=$((failed + 1))
	current_failed=1
}

# case NAME: starts a named check
case_() {
	current=$1
	current_failed=0
}

# done_: counts the check as passed unless something failed in it
done_() {
	[ "$current_failed" = 0 ] && passed=$((passed + 1))
}

expect_status() {
	[ "$status" = "$1" ] || fail "exit $status, expected $1 (stderr: $(head -c 300 "$WORK/err"))"
}

# expect_out: stdout must equal standard input exactly
expect_out() {
	local want
	want=$(cat; printf x)
	local got
	got=$(cat "$WORK/out"; printf x)
	if [ "$want" != "$got" ]; then
		fail "stdout differs:"
		diff <(printf '%s' "${want%x}") "$WORK/out" | head -40
	fi
}

# expect_err TEXT: stderr must be exactly TEXT and a newline
expect_err() {
	local got
	got=$(cat "$WORK/err")
	[ "$got" = "$1" ] || fail "stderr is '$got', expected '$1'"
}

# expect_err_contains TEXT
expect_err_contains() {
	grep -qF -- "$1" "$WORK/err" || fail "stderr '$(cat "$WORK/err")' lacks '$1'"
}

# snapshot FILE / expect_unchanged FILE: the file's bytes did not change
# (a missing file must stay missing; a folder is not compared)
snapshot() {
	rm -f "$WORK/snapshot"
	[ -f "$1" ] && cp "$1" "$WORK/snapshot"
	return 0
}
expect_unchanged() {
	if [ -d "$1" ]; then
		return 0
	elif [ -f "$WORK/snapshot" ]; then
		cmp -s "$1" "$WORK/snapshot" || fail "$1 changed"
	elif [ -e "$1" ]; then
		fail "$1 was created"
	fi
}

# refused CODE MESSAGE ARGS...: the command must fail with CODE, print
# exactly "smalog: MESSAGE", print nothing on stdout and leave the database
# byte-for-byte as it was.
refused() {
	local code=$1 message=$2
	shift 2
	snapshot "$SMALOG_DB"
	run "$@"
	expect_status "$code"
	expect_err "smalog: $message"
	[ -s "$WORK/out" ] && fail "printed on stdout: $(head -c 200 "$WORK/out")"
	expect_unchanged "$SMALOG_DB"
}

# interrupted FILE ARGS...: Ctrl-C one second into smalog ARGS, which
# write to FILE with -o: it must stop within the next second with exit 130
# and "smalog: interrupted", leaving neither FILE nor a temporary file of it.
# (smalog runs bare: under valgrind its start alone can take that second.)
interrupted() {
	local file=$1 started elapsed_ms
	shift
	started=$(date +%s%N)
	timeout --preserve-status -s INT 1 "$SMALOG" "$@" -o "$file" >"$WORK/out" 2>"$WORK/err"
	status=$?
	elapsed_ms=$((($(date +%s%N) - started) / 1000000))
	expect_status 130
	expect_err "smalog: interrupted"
	[ "$elapsed_ms" -lt 2000 ] || fail "took ${elapsed_ms} ms after a 1 s timeout"
	[ -e "$file" ] && fail "an interrupted command left its output file"
	ls "$file".* >/dev/null 2>&1 && fail "an interrupted command left a temporary file"
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
}

# Replace every uid (a random UUID) in FILE (default: the last stdout) by
# UID, so that an exact expectation holds whatever uids the records got.
mask_uids() {
	sed -E -i 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/UID/g' "${1:-$WORK/out}"
}

# Take the uid column out of an export in FILE (default: the last stdout):
# CSV or TSV (its first column), JSON or JSON lines (the "uid" member), so
# that a test of other columns reads as it did before records had uids.
strip_uids() {
	local uuid='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
	sed -E -i -e "1s/^(\xef\xbb\xbf)?uid(,|\t)/\1/" -e "s/^$uuid(,|\t)//" -e "s/\"uid\":\"$uuid\",//" "${1:-$WORK/out}"
}

# `smalog add` each of ARGS, one record's options in each (split at
# spaces); the test stops at the first that fails.
add_each() {
	local args
	for args in "$@"; do
		# shellcheck disable=SC2086
		run add $args
		[ "$status" = 0 ] || { echo "add $args failed: $(cat "$WORK/err")"; exit 1; }
	done
}

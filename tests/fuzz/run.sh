#!/usr/bin/env bash
# run.sh - builds smalog's libFuzzer harnesses with clang and runs each for
# SECONDS (default 60) on a copy of its seed corpus, as many at once as
# there are cores.  A finding fails the run and leaves its crash file in
# build-fuzz/findings/; once fixed, keep it in tests/fuzz/corpus/HARNESS/,
# where the ordinary tests replay it (tests/fuzz/replay.c).
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-fuzz"
if [ ! -d "$build" ]; then
	CC=clang meson setup "$build" "$root" -Dfuzz=true -Dtests=false -Db_lundef=false \
		-Db_sanitize=address,undefined -Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=all' >/dev/null
fi
ninja -C "$build" >/dev/null
mkdir -p "$build/findings"

# fuzz HARNESS: one harness for SECONDS; its verdict goes to a file
fuzz() {
	local harness=$1 work="$build/corpus-$1" log="$build/fuzz-$1.log" result=ok
	rm -rf "$work"
	cp -r "$root/tests/fuzz/corpus/$harness" "$work"
	"$build/tests/fuzz/fuzz_$harness" -max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$build/findings/$harness-" "$work" >"$log" 2>&1 || result=FAILED
	local runs
	runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
	echo "fuzz $harness: $result, $runs executions in ${seconds}s, corpus $(ls "$work" | wc -l) inputs" \
		>"$build/fuzz-$harness.result"
}

# The database harness first: it runs every command in every format on
# each input, so replaying its seed corpus alone (which libFuzzer does in
# full before it heeds -max_total_time) takes a core for longer than
# SECONDS; started last, it would run alone while the other cores idle.
harnesses="database $(cd "$root/tests/fuzz/corpus" && ls | grep -vx database)"
cores=$(nproc)
for harness in $harnesses; do
	while [ "$(jobs -rp | wc -l)" -ge "$cores" ]; do wait -n || true; done
	fuzz "$harness" &
done
wait
status=0
for harness in $harnesses; do
	if grep -q ': FAILED,' "$build/fuzz-$harness.result"; then
		status=1
		tail -30 "$build/fuzz-$harness.log"
	fi
	cat "$build/fuzz-$harness.result"
done
exit $status

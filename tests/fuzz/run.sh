#!/usr/bin/env bash
# run.sh - builds smalog's libFuzzer harnesses with clang and runs each for
# SECONDS (default 60) on a copy of its seed corpus.  A finding fails the run
# and leaves its crash file in build-fuzz/findings/; keep it in
# tests/fuzz/corpus/HARNESS/ once fixed, as a regression case.
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
status=0
for harness in $(cd "$root/tests/fuzz/corpus" && ls); do
	work="$build/corpus-$harness"
	rm -rf "$work"
	cp -r "$root/tests/fuzz/corpus/$harness" "$work"
	log="$build/fuzz-$harness.log"
	if "$build/tests/fuzz/fuzz_$harness" -max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$build/findings/$harness-" "$work" >"$log" 2>&1; then
		result=ok
	else
		result=FAILED
		status=1
		tail -30 "$log"
	fi
	runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
	echo "fuzz $harness: $result, $runs executions in ${seconds}s, corpus $(ls "$work" | wc -l) inputs"
done
exit $status

#!/usr/bin/env bash
# The sanitizer step of the test run (scripts/test.sh runs it after the
# default tests; docs/fuzzing.md). One instrumented build serves both halves:
#
#   1. configure (once) and build (all of it) the ASan + UBSan build, the
#      `sanitize` preset of CMakePresets.json (STENCIL_ENABLE_FUZZERS=ON), into
#      build-sanitize/ (or $STENCIL_SANITIZE_BUILD_DIR);
#   2. run every unit test and every lit test but test/Run/ (below) there with sanitizer reports
#      fatal (halt_on_error, abort_on_error: a report aborts the process, so
#      it also fails a `not %stencilc` test, which an exit status of 1 would
#      not), leaks included;
#   3. run each libFuzzer target for $STENCIL_FUZZ_SECONDS (default 60) on the
#      seed corpus (fuzz/run_fuzzers.sh), printing each target's executions.
#
# Prints `sanitize: tests: N passed, M failed` and the fuzzers' lines, and
# exits non-zero if a test failed, a sanitizer reported anything, or a fuzzer
# found a crash, a leak, a time-out or an out-of-memory. STENCIL_LIT_FILTER
# (a lit --filter regex) runs a subset of lit, for a quick local run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${STENCIL_SANITIZE_BUILD_DIR:-$root/build-sanitize}
seconds=${STENCIL_FUZZ_SECONDS:-60}
lit=/usr/lib/llvm-19/build/utils/lit/lit.py

if [ ! -f "$build/build.ninja" ]; then
  cmake --preset sanitize -S "$root" -B "$build"
fi
# Everything (`all`), so that whatever tool a lit test needs is there: the
# benchmarks cost only a few more files, and a list of targets here would go
# stale when a test starts using a new tool.
ninja -C "$build"

# Every sanitizer report is fatal and aborts (SIGABRT): lit's `not` and the
# batch runner of test/Robustness/fuzz.test count a signal as a failure.
# UBSan already stops at its first report (-fno-sanitize-recover=undefined).
symbolizer=/usr/lib/llvm-19/bin/llvm-symbolizer
sanitizer_env=(
  "ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1"
  "UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1"
  "ASAN_SYMBOLIZER_PATH=$symbolizer"
  "UBSAN_SYMBOLIZER_PATH=$symbolizer"
)

log=$(mktemp)
trap 'rm -f "$log"' EXIT
lit_args=(-sv)
if [ -n "${STENCIL_LIT_FILTER:-}" ]; then
  lit_args+=(--filter "$STENCIL_LIT_FILTER")
fi
# test/Run (every program compiled 13 times) is three quarters of the
# sanitized lit run and would take CI near its 40 minutes; its code paths run
# sanitized in Build/, CodeGen/, Inline/ and Robustness/. STENCIL_SANITIZE_ALL=1
# runs it too.
if [ "${STENCIL_SANITIZE_ALL:-0}" != 1 ]; then
  lit_args+=(--filter-out 'Run/')
fi
echo "== sanitize: lit and unit tests under ASan + UBSan ($build)"
status=0
env "${sanitizer_env[@]}" python3 "$lit" "${lit_args[@]}" "$build/test" "$build/unittests" 2>&1 | tee "$log" ||
  status=$?
passed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$log" | head -1)
failed=$(sed -n -E 's/^ *(Failed|Unresolved|Timed Out|Unexpectedly Passed) *: *([0-9]+).*/\2/p' "$log" |
  awk '{s+=$1} END {print s+0}')
tests_line="sanitize: tests: ${passed:-0} passed, ${failed} failed"
echo "$tests_line"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then
  status=1
fi

echo "== sanitize: each fuzzer for ${seconds} s on the seed corpus"
fuzz_log=$(mktemp)
trap 'rm -f "$log" "$fuzz_log"' EXIT
fuzz_status=0
"$root/fuzz/run_fuzzers.sh" "$build" "$seconds" 2>&1 | tee "$fuzz_log" || fuzz_status=$?

echo "== sanitize: summary"
echo "$tests_line"
grep -E '^stencil-fuzz-' "$fuzz_log" | sed 's/^/sanitize: fuzz: /' || true
if [ "$fuzz_status" -ne 0 ]; then
  echo "sanitize: the fuzzers FAILED (exit status $fuzz_status)"
  status=1
else
  echo "sanitize: the fuzzers found nothing"
fi
exit "$status"

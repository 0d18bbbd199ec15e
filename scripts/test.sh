#!/usr/bin/env bash
# The full test run: installs what is missing, configures, builds, and runs every
# lit test and every unit test; then the sanitizer step (scripts/test-sanitize.sh:
# every lit and unit test again under ASan + UBSan in build-sanitize/, and each
# libFuzzer target for 60 s; docs/fuzzing.md), skipped only with
# STENCIL_SKIP_SANITIZE=1. Exits non-zero when anything fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${STENCIL_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
ninja -C "$build" stencil-unittests

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv "$build/test" "$build/unittests" 2>&1 | tee "$log" || status=$?
passed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$log" | head -1)
failed=$(sed -n -E 's/^ *(Failed|Unresolved|Timed Out|Unexpectedly Passed) *: *([0-9]+).*/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
tests_line="tests: ${passed:-0} passed, ${failed} failed"
echo "$tests_line"
result=0
if [ "$status" -ne 0 ] || [ "${failed}" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then
  result=1
fi

if [ "${STENCIL_SKIP_SANITIZE:-0}" = 1 ]; then
  echo "sanitize: skipped (STENCIL_SKIP_SANITIZE=1)"
else
  "$root/scripts/test-sanitize.sh" || result=1
fi
echo "$tests_line"
exit "$result"

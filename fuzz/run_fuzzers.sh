#!/usr/bin/env bash
# Runs every libFuzzer target of BUILD_DIR (a build configured with
# -DSTENCIL_ENABLE_FUZZERS=ON, docs/fuzzing.md) for SECONDS each, one after
# the other, on the seed corpus (fuzz/make_corpus.sh) with fuzz/stencil.dict.
#
#   fuzz/run_fuzzers.sh BUILD_DIR SECONDS
#
# For each target it prints the number of inputs executed
# (stat::number_of_executed_units). It exits with 1 if any target found a
# crash, a sanitizer report, a leak, a time-out (10 s) or an out-of-memory
# (2 GiB), and prints where the reproducer is. Reproducers and each target's
# log go to $FUZZ_OUT_DIR (default BUILD_DIR/fuzz-findings/DATE-TIME), the
# inputs each target found interesting to FUZZ_OUT_DIR/corpus/TARGET.
#
# Environment: FUZZ_TARGETS (default: all four, space-separated) picks the
# targets; FUZZ_EXTRA_ARGS adds libFuzzer options (e.g. -jobs=2 -workers=2).
set -uo pipefail
if [ $# -ne 2 ] || ! [[ $2 =~ ^[0-9]+$ ]] || [ "$2" -eq 0 ]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd) || exit 2
seconds=$2
targets=${FUZZ_TARGETS:-stencil-fuzz-lex stencil-fuzz-parse stencil-fuzz-check stencil-fuzz-ir}
for t in $targets; do
  if [ ! -x "$build/bin/$t" ]; then
    echo "run_fuzzers.sh: $build/bin/$t not found: configure with -DSTENCIL_ENABLE_FUZZERS=ON and run 'ninja -C $build stencil-fuzzers'" >&2
    exit 2
  fi
done

out=${FUZZ_OUT_DIR:-$build/fuzz-findings/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out/corpus"
seeds=$(mktemp -d "${TMPDIR:-/tmp}/stencil-fuzz-seeds.XXXXXX")
trap 'rm -rf "$seeds"' EXIT
"$root/fuzz/make_corpus.sh" "$seeds" >/dev/null
echo "run_fuzzers.sh: $(ls "$seeds" | wc -l) seed programs, ${seconds} s per target, findings in $out"

# UBSan aborts on its first report (-fno-sanitize-recover); a stack helps.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

failed=0
for t in $targets; do
  mkdir -p "$out/$t" "$out/corpus/$t"
  log=$out/$t/log.txt
  # The first corpus directory receives the new interesting inputs; the seeds
  # are only read.
  # shellcheck disable=SC2086
  "$build/bin/$t" "$out/corpus/$t" "$seeds" \
    -max_total_time="$seconds" -dict="$root/fuzz/stencil.dict" -max_len=4096 -timeout=10 \
    -rss_limit_mb=2048 -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$out/$t/" \
    ${FUZZ_EXTRA_ARGS:-} >"$log" 2>&1
  status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  findings=$(find "$out/$t" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' -o -name 'slow-unit-*' \) | sort)
  if [ "$status" -eq 0 ] && [ -z "$findings" ]; then
    printf '%-20s ok      %s executions\n' "$t" "${execs:-?}"
    continue
  fi
  failed=1
  printf '%-20s FAILED  %s executions (exit status %s; log %s)\n' "$t" "${execs:-?}" "$status" "$log"
  grep -m1 -E '^==[0-9]+==ERROR|runtime error:|^stencil fuzz target:|ERROR: libFuzzer' "$log" | sed 's/^/    /'
  for f in $findings; do
    echo "    reproducer: $f"
    echo "    replay:     $build/bin/$t $f"
    echo "    minimize:   $build/bin/$t -minimize_crash=1 -runs=100000 -artifact_prefix=$out/$t/min- $f"
  done
done
exit $failed

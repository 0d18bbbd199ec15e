#!/usr/bin/env bash
# The main job: set up, build, compile the example program of language.md §10
# (lex, parse, check, IR build with instantiation, LLVM -O2, link with the
# runtime), showing the instance cache's figures and the time of each phase,
# run it, then print the incremental-rebuild table of a generated workload
# (tools/stencil-bench, docs/benchmarks.md: a clean build, no change, and one
# rebuild after each kind of edit, with --build-dir; no peers, so it stays a
# few minutes: `build/bin/stencil-bench --peers` adds g++, clang++, cargo, go).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${STENCIL_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"
STENCIL_NINJA_TARGETS=stencilc "$root/scripts/build.sh"
ninja -C "$build" stencil-bench
example="$root/examples/spec/main.stn"
echo "== stencilc -O2 --stats --time-report $example -o $build/example"
"$build/bin/stencilc" -O2 --stats --time-report "$example" -o "$build/example"
echo "== $build/example"
"$build/example"
modules=${STENCIL_BENCH_MODULES:-100}
echo "== stencil-bench --modules $modules"
"$build/bin/stencil-bench" --stencilc "$build/bin/stencilc" --modules "$modules"

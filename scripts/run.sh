#!/usr/bin/env bash
# The main job, as far as the pipeline reaches today: set up, build, and compile
# the example program of language.md §10 to IR (lex, parse, check, IR build with
# instantiation), printing the IR, the instance cache's figures and the time of
# each phase.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${STENCIL_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"
STENCIL_NINJA_TARGETS=stencilc "$root/scripts/build.sh"
example="$root/examples/spec/main.stn"
echo "== stencilc --emit=ir --stats --time-report $example"
"$build/bin/stencilc" --emit=ir --stats --time-report "$example"

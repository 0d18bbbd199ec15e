#!/usr/bin/env bash
# The main job, as far as the pipeline reaches today: set up, build, and check
# the example program of language.md §10 (front-end only: lex, parse, check).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${STENCIL_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"
STENCIL_NINJA_TARGETS=stencilc "$root/scripts/build.sh"
example="$root/examples/spec/main.stn"
echo "== stencilc -fsyntax-only --time-report $example"
"$build/bin/stencilc" -fsyntax-only --time-report "$example"
echo "== $example: no errors"

#!/usr/bin/env bash
# Configures (once) and builds Stencil into build/ with Ninja and clang-19.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${STENCIL_BUILD_DIR:-$root/build}
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld-19 \
    "$@"
fi
ninja -C "$build" "${STENCIL_NINJA_TARGETS:-all}"

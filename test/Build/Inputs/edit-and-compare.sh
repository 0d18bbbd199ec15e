#!/bin/sh
# edit-and-compare.sh BENCH STENCILC DIR KIND SEED: makes one edit of the
# workload in DIR/w, rebuilds it incrementally (DIR/b, and DIR/ba with the
# aggressive inliner), builds it clean, and compares the executables.
set -e
bench=$1 stencilc=$2 dir=$3 kind=$4 seed=$5
"$bench" edit "$dir/w" "$kind" --seed "$seed" > /dev/null
for mode in default aggressive; do
  suffix=; [ "$mode" = aggressive ] && suffix=-a
  b=$dir/b; [ "$mode" = aggressive ] && b=$dir/ba
  "$stencilc" --build-dir="$b" --inline="$mode" -I "$dir/w" "$dir/w/main.stn" -o "$dir/app$suffix" 2>/dev/null
  rm -rf "$dir/clean"
  "$stencilc" --build-dir="$dir/clean" --inline="$mode" -I "$dir/w" "$dir/w/main.stn" -o "$dir/clean-app" 2>/dev/null
  if ! cmp -s "$dir/app$suffix" "$dir/clean-app"; then
    echo "after $kind (seed $seed, --inline=$mode): the incremental executable differs from a clean build's" >&2
    exit 1
  fi
  "$dir/app$suffix" > /dev/null
done

#!/usr/bin/env bash
# Builds the seed corpus of the fuzz targets (docs/fuzzing.md): every .stn file
# under test/, examples/ and benchmarks/programs/, copied into DIR, one file per
# program, named after its path (test/Sema/x.stn becomes test__Sema__x.stn, as
# several directories have files of the same name). lit's RUN/CHECK comment
# lines are kept: they are comments to the lexer. With fuzz/stencil.dict,
# mutations of these valid (and deliberately invalid) programs reach the checker
# and instantiation, which random bytes rarely do.
#
#   fuzz/make_corpus.sh DIR
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$1
mkdir -p "$dir"
count=0
while IFS= read -r -d '' file; do
  rel=${file#"$root"/}
  cp "$file" "$dir/${rel//\//__}"
  count=$((count + 1))
done < <(find "$root/test" "$root/examples" "$root/benchmarks/programs" -name '*.stn' -type f -print0 2>/dev/null | sort -z)
echo "make_corpus.sh: $count programs in $dir"

#!/usr/bin/env bash
# Installs every Debian package Stencil needs to build and test, only when one is missing.
# Idempotent: a second run on a set-up machine does no apt work at all.
set -euo pipefail

packages=(
  cmake ninja-build g++ python3
  llvm-19-dev llvm-19-tools clang-19 lld-19
  libclang-rt-19-dev  # libFuzzer and the ASan/UBSan runtimes: the sanitizer build (scripts/test-sanitize.sh)
  libzstd-dev zlib1g-dev libedit-dev libxml2-dev libcurl4-openssl-dev
  libabsl-dev libxxhash-dev libgc-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

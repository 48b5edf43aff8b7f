#!/usr/bin/env bash
# Installs the Debian 12 packages loupe builds and tests with. Idempotent: installs only
# what is missing, so `make run` and `make test` can call it every time at little cost.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  clang clang-format clang-tidy libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  librocksdb-dev libsimdjson-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev libcurl4-openssl-dev
  libcli11-dev libtomlplusplus-dev libspdlog-dev libfmt-dev
  libpsl-dev publicsuffix libidn2-dev libmaxminddb-dev
  libabsl-dev libsodium-dev libarchive-dev
  python3
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

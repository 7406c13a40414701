#!/usr/bin/env bash
# Sets up llmtwin on a fresh Debian 12 machine and builds it: installs the Debian packages that are
# missing (and only those), builds the C++ project into build/ (the CLI lands at build/llmtwin),
# and the test tools when asked (--with-test-tools: the FerretDB test server, Python packages).
#
# Environment: BUILD_DIR (default build), BUILD_TYPE (default RelWithDebInfo), CMAKE_ARGS (extra),
# RELWITHDEBINFO_FLAGS (the compile flags of that build type, CMake's "-O2 -g -DNDEBUG" when unset;
# scripts/test.sh asks for line tables only). Both are kept in the build's cache once given.
set -euo pipefail
cd "$(dirname "$0")/.."

with_test_tools=0
for arg in "$@"; do
  case "$arg" in
    --with-test-tools) with_test_tools=1 ;;
    *) echo "usage: $0 [--with-test-tools]" >&2; exit 2 ;;
  esac
done

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates openssl
  libcurl4-openssl-dev libssl-dev zlib1g-dev libbrotli-dev libidn2-dev
  libxml2-dev libsqlite3-dev libmongoc-dev libbson-dev libgit2-dev libarchive-dev
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
TEST_APT_PACKAGES=(clang libclang-rt-14-dev golang-go python3 python3-venv python3-pip python3-dev)

missing=()
want=("${APT_PACKAGES[@]}")
[ "$with_test_tools" = 1 ] && want+=("${TEST_APT_PACKAGES[@]}")
for pkg in "${want[@]}"; do
  # golang-go is only needed when no Go toolchain is on the PATH already.
  if [ "$pkg" = golang-go ] && command -v go >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
type_flags=()
if [ -n "${RELWITHDEBINFO_FLAGS:-}" ]; then
  type_flags=("-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$RELWITHDEBINFO_FLAGS" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=$RELWITHDEBINFO_FLAGS")
fi
# shellcheck disable=SC2086
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "${type_flags[@]}" ${CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD_DIR"

if [ "$with_test_tools" = 1 ]; then
  for step in scripts/setup.d/*.sh; do
    [ -e "$step" ] || continue
    echo "setup: $step"
    bash "$step"
  done
fi
echo "setup: done; the CLI is at $BUILD_DIR/llmtwin"

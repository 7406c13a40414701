#!/usr/bin/env bash
# Sets up everything (Debian packages, test tools) and runs every test suite of llmtwin:
# the C++ suites through ctest (warnings as errors), with the services they need started first
# (scripts/test.d/*.sh add theirs) and stopped at the end. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

export BUILD_DIR=${BUILD_DIR:-build}
# Line tables only (-g1), not full debug info: a failing test still reports file:line, and the build
# takes about a quarter less time on two cores (-g's variable tracking is the dearest pass of -O2 -g:
# cmd_extract.cc compiles in 17 s instead of 23). WERROR changes the flags of every file anyway, so
# this costs no extra rebuild after command 1 of the README.
export RELWITHDEBINFO_FLAGS=${RELWITHDEBINFO_FLAGS:--O2 -g1 -DNDEBUG}
export CMAKE_ARGS="${CMAKE_ARGS:-} -DLLMTWIN_WERROR=ON"
scripts/setup.sh --with-test-tools

# Services started by scripts/test.d/*.sh write their cleanup commands here.
export LLMTWIN_TEST_RUNTIME
LLMTWIN_TEST_RUNTIME=$(mktemp -d /tmp/llmtwin-test.XXXXXX)
cleanup() {
  if [ -f "$LLMTWIN_TEST_RUNTIME/cleanup.sh" ]; then bash "$LLMTWIN_TEST_RUNTIME/cleanup.sh" || true; fi
  rm -rf "$LLMTWIN_TEST_RUNTIME"
}
trap cleanup EXIT
# Each service script prints `export NAME=VALUE` lines for the tests to find it.
for service in scripts/test.d/*.sh; do
  [ -e "$service" ] || continue
  echo "test: starting $(basename "$service" .sh)"
  eval "$(bash "$service")"
done

status=0
(cd "$BUILD_DIR" && ctest --output-on-failure -j2 --timeout 600) || status=1
for suite in scripts/test.after.d/*.sh; do
  [ -e "$suite" ] || continue
  echo "test: $(basename "$suite" .sh)"
  bash "$suite" || status=1
done
cd "$root"
exit $status

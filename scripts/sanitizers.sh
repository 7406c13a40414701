#!/usr/bin/env bash
# The whole C++ test suite again under AddressSanitizer + UndefinedBehaviorSanitizer: configures
# and builds $SANITIZE_BUILD_DIR (default build-asan) with -DLLMTWIN_SANITIZE=ON (benchmarks off,
# warnings as errors) and runs ctest there against the services scripts/test.sh started (their
# variables are already exported). Any sanitizer report fails the test that triggered it
# (halt_on_error, no recovery from UBSan). The FerretDB binary of the main build is used for the
# test that kills and restarts its own FerretDB. SANITIZE_CTEST_ARGS adds ctest arguments (for
# example `-LE slow` to leave out tests labelled slow); none are excluded by default.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${SANITIZE_BUILD_DIR:-build-asan}
main_build=${BUILD_DIR:-build}
started=$(date +%s)

# Warnings stay errors, except GCC 12's -Wmaybe-uninitialized, which gives false positives inside
# libstdc++ (std::regex, std::function) once ASan instruments the code. -O1 -g1 (line tables only):
# reports keep file:line, and a file compiles in less than half the time of -O2 -g (cmd_extract.cc:
# 34 s against 78 s). The flags go in the build type's own variable: an empty build type is
# replaced by RelWithDebInfo in CMakeLists.txt, whose -O2 -g would come after ours and win.
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLLMTWIN_SANITIZE=ON -DLLMTWIN_BUILD_BENCH=OFF \
  -DLLMTWIN_BUILD_PYTHON=OFF -DLLMTWIN_WERROR=ON "-DCMAKE_CXX_FLAGS=-Wno-maybe-uninitialized" \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" >/dev/null
cmake --build "$dir" -j "${SANITIZE_JOBS:-2}"
built=$(date +%s)
echo "sanitizers: built $dir in $((built - started))s"

export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
if [ -x "$main_build/tools/ferretdb" ]; then
  LLMTWIN_FERRETDB=$(cd "$main_build/tools" && pwd)/ferretdb
  export LLMTWIN_FERRETDB
fi
status=0
# shellcheck disable=SC2086
(cd "$dir" && ctest --output-on-failure -j2 --timeout 900 ${SANITIZE_CTEST_ARGS:-}) || status=1
echo "sanitizers: ctest in $(( $(date +%s) - built ))s; total $(( $(date +%s) - started ))s"
exit $status

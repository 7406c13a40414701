#!/usr/bin/env bash
# Fuzzes the extraction layer for a bounded time (FUZZ_SECONDS, default 60) with libFuzzer, ASan
# and UBSan: compiles tests/fuzz/extract_fuzzer.cc with the extract sources and their deps directly
# with clang++ (Debian's clang-14 and libclang-rt-14-dev), seeds the corpus with the saved pages of
# testdata/fixtures, replays tests/fuzz/regressions/* first, and exits non-zero on any crash (the
# crashing input is left in tests/fuzz/crashes/ to become a regression file and a test).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
testdata=${LLMTWIN_TESTDATA_DIR:-$root/testdata}
seconds=${FUZZ_SECONDS:-60}
clang=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$clang" ]; then
  echo "fuzz_extract: clang++ not found (scripts/setup.sh --with-test-tools installs it)" >&2
  exit 1
fi

work=$(mktemp -d /tmp/llmtwin-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/generated" tests/fuzz/crashes
sed "s|@LLMTWIN_VERSION@|0.0.0|g; s|@PROJECT_VERSION@|0.0.0|g" src/common/version.h.in > "$work/generated/version.h" 2>/dev/null || true

echo "fuzz_extract: building with $clang"
"$clang" -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I src -I /usr/include/libxml2 \
  tests/fuzz/extract_fuzzer.cc src/extract/*.cc src/extract/metadata/*.cc src/domain/url.cc src/common/error.cc src/common/stage_cpu.cc \
  -lxml2 -lz -lcurl -lidn2 -lfmt -o "$work/extract_fuzzer"

# Seeds: the saved pages (HTML and feeds) and the regression inputs.
find "$testdata/fixtures" -type f \( -name '*.html' -o -name '*.xml' \) -size -600k -exec cp {} "$work/corpus/" \;
if compgen -G "tests/fuzz/regressions/*" >/dev/null; then
  cp tests/fuzz/regressions/* "$work/corpus/"
  echo "fuzz_extract: replaying $(ls tests/fuzz/regressions | wc -l) regression inputs"
  "$work/extract_fuzzer" -runs=0 tests/fuzz/regressions/*
fi

echo "fuzz_extract: fuzzing for ${seconds}s"
status=0
# Fixed seed and run count by default (reproducible in CI); FUZZ_SEED=0 FUZZ_RUNS=-1 to explore.
"$work/extract_fuzzer" "$work/corpus" -seed="${FUZZ_SEED:-1}" -runs="${FUZZ_RUNS:-5000}" -max_total_time="$seconds" -max_len=32768 -timeout=20 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="tests/fuzz/crashes/" 2>"$work/log" || status=$?
tail -n 25 "$work/log"
if [ "$status" -ne 0 ]; then
  echo "fuzz_extract: FAILED (exit $status); crashing inputs:" >&2
  ls -la tests/fuzz/crashes/ >&2
  exit 1
fi
echo "fuzz_extract: no crash in ${seconds}s"

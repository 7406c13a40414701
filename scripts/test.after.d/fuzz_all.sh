#!/usr/bin/env bash
# Fuzzes the parsers that read hostile input, each for a bounded time (FUZZ_SECONDS per target,
# default 20), with libFuzzer, ASan and UBSan: the URL normaliser (tests/fuzz/url_fuzzer.cc), the
# robots.txt parser (robots_fuzzer.cc), the config loader (config_fuzzer.cc) and the JSON-LD reader
# (jsonld_fuzzer.cc). The HTML extractor has its own runner (fuzz_extract.sh), the same shape.
# Each target is compiled directly with clang++ (Debian's clang-14 and libclang-rt-14-dev) from
# the few sources it needs, into $BUILD_DIR/fuzz (rebuilt when a source is newer). Its seed corpus
# is tests/fuzz/seeds/<target>/ (hand-written seeds and the inputs of crashes found before, which
# are regression tests: every seed is replayed first and must pass). Exits non-zero on any crash,
# leaving the input in tests/fuzz/crashes/<target>-* to become a seed and a unit test.
# FUZZ_TARGETS="url robots" limits the run to some targets.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
seconds=${FUZZ_SECONDS:-20}
targets=${FUZZ_TARGETS:-url robots config jsonld}
clang=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$clang" ]; then
  echo "fuzz_all: clang++ not found (scripts/setup.sh --with-test-tools installs it)" >&2
  exit 1
fi
out_dir=${BUILD_DIR:-build}/fuzz
mkdir -p "$out_dir/generated/llmtwin" tests/fuzz/crashes
version=$(sed -n 's/^project(llmtwin VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
sed "s|@PROJECT_VERSION@|${version:-0.0.0}|g" src/common/version.h.in > "$out_dir/generated/llmtwin/version.h.new"
cmp -s "$out_dir/generated/llmtwin/version.h.new" "$out_dir/generated/llmtwin/version.h" ||
  mv "$out_dir/generated/llmtwin/version.h.new" "$out_dir/generated/llmtwin/version.h"
rm -f "$out_dir/generated/llmtwin/version.h.new"

# The sources and libraries of each target (beyond tests/fuzz/<target>_fuzzer.cc).
sources_of() {
  case "$1" in
    url) echo "src/domain/url.cc" ;;
    robots) echo "src/fetch/robots.cc" ;;
    config) echo "src/pipeline/config.cc src/crawl/export_kinds.cc src/common/crawl_options.cc src/common/error.cc src/domain/url.cc" ;;
    jsonld) echo "$(ls src/extract/*.cc src/extract/metadata/*.cc | tr '\n' ' ') src/domain/url.cc src/common/error.cc src/common/stage_cpu.cc" ;;
  esac
}
libs_of() {
  case "$1" in
    url) echo "-lcurl -lidn2" ;;
    robots) echo "" ;;
    config) echo "-lyaml-cpp -lcurl -lidn2" ;;
    jsonld) echo "-lxml2 -lz -lcurl -lidn2 -lfmt" ;;
  esac
}

work=$(mktemp -d /tmp/llmtwin-fuzz-all.XXXXXX)
trap 'rm -rf "$work"' EXIT
status=0
started=$(date +%s)
for target in $targets; do
  src="tests/fuzz/${target}_fuzzer.cc"
  bin="$out_dir/${target}_fuzzer"
  # Stale when the target, one of its sources or any header is newer than the binary.
  # shellcheck disable=SC2046
  if [ ! -x "$bin" ] || [ -n "$( (find "$src" $(sources_of "$target") -newer "$bin"; find src -name '*.h' -newer "$bin") 2>/dev/null | head -1)" ]; then
    echo "fuzz_all: building $target with $clang"
    # shellcheck disable=SC2046
    "$clang" -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
      -I src -I "$out_dir/generated" -I /usr/include/libxml2 \
      "$src" $(sources_of "$target") $(libs_of "$target") -o "$bin.tmp"
    mv "$bin.tmp" "$bin"
  fi
  seeds="tests/fuzz/seeds/$target"
  corpus="$work/corpus-$target"
  mkdir -p "$corpus"
  cp "$seeds"/* "$corpus/"
  [ "$target" = config ] && cp configs/*.yaml "$corpus/"
  echo "fuzz_all: $target: replaying $(ls "$seeds" | wc -l) seeds and regression inputs"
  if ! "$bin" -runs=0 "$seeds"/* >"$work/replay-$target.log" 2>&1; then
    tail -n 30 "$work/replay-$target.log"
    echo "fuzz_all: $target: a seed or regression input fails" >&2
    status=1
    continue
  fi
  echo "fuzz_all: $target: fuzzing for ${seconds}s"
  rc=0
  # A fixed seed and run count make the CI run reproducible: what passed here passes there, and
  # FUZZ_SEED=0 FUZZ_RUNS=-1 fuzzes afresh for the whole time (as a fuzzing session should).
  "$bin" "$corpus" -seed="${FUZZ_SEED:-1}" -runs="${FUZZ_RUNS:-10000}" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="tests/fuzz/crashes/$target-" >"$work/$target.log" 2>&1 || rc=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)" "$work/$target.log" | sed "s/^/fuzz_all: $target: /" || true
  if [ "$rc" -ne 0 ]; then
    tail -n 40 "$work/$target.log"
    echo "fuzz_all: $target: FAILED (exit $rc); crashing input in tests/fuzz/crashes/" >&2
    status=1
  fi
done
echo "fuzz_all: done in $(( $(date +%s) - started ))s"
exit $status

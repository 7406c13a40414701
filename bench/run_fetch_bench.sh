#!/usr/bin/env bash
# Fetch benchmark: llmtwin's Fetcher (bench/fetch_bench.cc) next to a Python aiohttp baseline
# (bench/python/fetch_aiohttp.py) on the same local fixture server, 10,000 pages of ~75 KB at
# concurrency 1, 8 and 64, then the ratio. Creates a venv with aiohttp from PyPI on first run.
#
# Environment: BUILD_DIR (default build), PAGES (10000), KB (75), LEVELS (1,8,64), SCHEME (https).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
PAGES=${PAGES:-10000}
KB=${KB:-75}
LEVELS=${LEVELS:-1,8,64}
SCHEME=${SCHEME:-https}

cmake --build "$BUILD_DIR" --target fetch_bench fixture_server >/dev/null
venv=$BUILD_DIR/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r bench/python/requirements-fetch-bench.txt
fi

export LLMTWIN_TEST_RUNTIME
LLMTWIN_TEST_RUNTIME=$(mktemp -d /tmp/llmtwin-bench.XXXXXX)
trap 'bash "$LLMTWIN_TEST_RUNTIME/cleanup.sh" 2>/dev/null; rm -rf "$LLMTWIN_TEST_RUNTIME"' EXIT
eval "$(BUILD_DIR=$BUILD_DIR bash scripts/test.d/fixture_server.sh 2>/dev/null)"

echo "# fetch benchmark: $PAGES pages of ~$KB KB over $SCHEME from the local fixture server ($(nproc) cores)"
echo
cpp=$("$BUILD_DIR/bench/fetch_bench" --pages "$PAGES" --kb "$KB" --concurrency "$LEVELS" --scheme "$SCHEME")
py=$("$venv/bin/python" bench/python/fetch_aiohttp.py --pages "$PAGES" --kb "$KB" --concurrency "$LEVELS" --scheme "$SCHEME")
echo "$cpp"
grep '^| Python' <<<"$py"
echo
echo "| concurrency | llmtwin pages/s | aiohttp pages/s | ratio | llmtwin CPU ms/page | aiohttp CPU ms/page |"
echo "|---|---|---|---|---|---|"
paste -d'\n' <(grep '^| llmtwin' <<<"$cpp") <(grep '^| Python' <<<"$py") |
  awk -F'|' 'NR % 2 == 1 { c = $3; cp = $6; cc = $8 } NR % 2 == 0 {
    printf "| %d | %d | %d | %.1fx | %.3f | %.3f |\n", c, cp, $6, cp / $6, cc, $8 }'

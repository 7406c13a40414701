#!/usr/bin/env bash
# Near-duplicate detection, llmtwin (C++) and datasketch's MinHashLSH (Python) side by side on the
# same generated corpus and parameters: time, peak memory, and how many of the same pairs both find.
#   BUILD_DIR=build bench/run_dedup_bench.sh [N=100000]
# Needs build/bench/dedup_bench (cmake --build build --target dedup_bench) and a Python with the
# pinned datasketch (bench/python/requirements-bench.txt; a venv under $BUILD_DIR is made if none).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
n=${1:-100000}
venv=$BUILD_DIR/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q datasketch==2.0.0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$BUILD_DIR/bench/dedup_bench" "$n" "$out/pairs_cpp.txt"
"$venv/bin/python" bench/python/dedup_datasketch.py "$n" "$out/pairs_cpp.txt"

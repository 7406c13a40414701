#!/usr/bin/env bash
# Builds the local HTTPS/HTTP fixture server (tests/server, Go stdlib only: no module download)
# to $BUILD_DIR/tools/fixture-server. Every test that touches the network talks to it.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build}
mkdir -p "$BUILD_DIR/tools"
out=$(cd "$BUILD_DIR/tools" && pwd)/fixture-server
(cd tests/server && GOTOOLCHAIN=local go build -o "$out" .)
echo "setup: built $out"

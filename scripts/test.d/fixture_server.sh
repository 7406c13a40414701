#!/usr/bin/env bash
# Starts the fixture server on free loopback ports for the whole test run and prints the
# `export LLMTWIN_TEST_HTTPS_PORT=... LLMTWIN_TEST_HTTP_PORT=... LLMTWIN_TEST_BADCERT_PORT=...
# LLMTWIN_TEST_CA=...` line tests read (tests/support/fixture_server.h). Its kill command is
# appended to $LLMTWIN_TEST_RUNTIME/cleanup.sh. Diagnostics go to stderr; stdout is eval'ed.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build}
server=$BUILD_DIR/tools/fixture-server
if [ ! -x "$server" ]; then
  BUILD_DIR=$BUILD_DIR bash scripts/setup.d/fixture_server.sh >&2
fi
runtime=${LLMTWIN_TEST_RUNTIME:-$(mktemp -d /tmp/llmtwin-test.XXXXXX)}
dir=$runtime/fixture-server
mkdir -p "$dir"
manifests=(--manifest "$(pwd)/../shared/fixtures/MANIFEST.json")
[ -f tests/fixtures/MANIFEST.json ] && manifests+=(--manifest "$(pwd)/tests/fixtures/MANIFEST.json")
"$server" "${manifests[@]}" --ca-out "$dir/ca.pem" --env-out "$dir/env" >"$dir/log" 2>&1 &
pid=$!
echo "kill $pid 2>/dev/null || true" >>"$runtime/cleanup.sh"
for _ in $(seq 1 200); do
  [ -f "$dir/env" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "fixture server failed to start:" >&2
    cat "$dir/log" >&2
    exit 1
  fi
  sleep 0.05
done
[ -f "$dir/env" ] || { echo "fixture server not ready after 10 s" >&2; cat "$dir/log" >&2; exit 1; }
echo "fixture server: $(cat "$dir/log")" >&2
cat "$dir/env"

#!/usr/bin/env bash
# Starts the fixture server for the whole test run (through tests/support/fixture_server.sh, the
# launcher every suite uses) and prints the `export LLMTWIN_TEST_HTTPS_PORT=... LLMTWIN_TEST_HTTP_PORT=...
# LLMTWIN_TEST_BADCERT_PORT=... LLMTWIN_TEST_CA=...` line tests read (tests/support/fixture_server.h).
# Its kill command is appended to $LLMTWIN_TEST_RUNTIME/cleanup.sh. Diagnostics go to stderr; stdout
# is eval'ed.
set -euo pipefail
cd "$(dirname "$0")/../.."
runtime=${LLMTWIN_TEST_RUNTIME:-$(mktemp -d /tmp/llmtwin-test.XXXXXX)}
line=$(bash tests/support/fixture_server.sh "$runtime/fixture-server")
pid=$(sed -n 's/.*LLMTWIN_TEST_SERVER_PID=\([0-9]*\).*/\1/p' <<<"$line")
echo "kill $pid 2>/dev/null || true" >>"$runtime/cleanup.sh"
echo "fixture server: $(cat "$runtime/fixture-server/log")" >&2
echo "$line"

#!/usr/bin/env bash
# The one way to start the local fixture server (tests/server, Go): scripts/test.d starts the test
# run's server with it, and the GoogleTest helper (tests/support/fixture_server.cc), the Python
# tests (python/tests/conftest.py) and the shell tests (sourced, below) start their own with it
# when they run alone. Knowing in one place which manifests are served, where the binary is and
# when the server is ready keeps those four from drifting apart.
#
# Run:  fixture_server.sh RUNTIME_DIR [--watch-pid PID] [--binary FILE] [--manifest FILE]...
#   Starts the server in the background on free loopback ports (CA, env file and log in
#   RUNTIME_DIR), serving the given manifests or, when none is given, the repository's real
#   captures and synthetic fixtures (testdata/fixtures, testdata/synthetic). When it is ready, prints
#   one line to eval: `export LLMTWIN_TEST_HTTPS_PORT=N LLMTWIN_TEST_HTTP_PORT=N
#   LLMTWIN_TEST_BADCERT_PORT=N LLMTWIN_TEST_CA=FILE LLMTWIN_TEST_SERVER_PID=N`. With --watch-pid the
#   server exits when that process does (a crashed test leaves no server behind); kill
#   LLMTWIN_TEST_SERVER_PID to stop it sooner. The binary: --binary, else $LLMTWIN_FIXTURE_SERVER,
#   else $BUILD_DIR/tools/fixture-server (default build/), built from tests/server when missing.
#   Diagnostics go to stderr; exit 1 when the server does not start within 20 s.
#
# Source: `. tests/support/fixture_server.sh; use_fixture_server DIR` in a shell test exports those
#   variables: the run's server when scripts/test.sh started one, else a server of the test's own,
#   started in DIR and gone when the test's shell exits.

_fixture_server_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

start_fixture_server() {
  local runtime=$1 watch_pid="" binary=${LLMTWIN_FIXTURE_SERVER:-} manifests=()
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --watch-pid) watch_pid=$2; shift 2 ;;
      --binary) binary=$2; shift 2 ;;
      --manifest) manifests+=(--manifest "$2"); shift 2 ;;
      *) echo "fixture_server.sh: unknown option $1" >&2; return 2 ;;
    esac
  done
  if [ -z "$binary" ]; then
    local build=${BUILD_DIR:-build}
    [[ "$build" = /* ]] || build=$_fixture_server_repo/$build
    binary=$build/tools/fixture-server
    if [ ! -x "$binary" ]; then
      mkdir -p "$build/tools"
      (cd "$_fixture_server_repo/tests/server" && GOTOOLCHAIN=local GOFLAGS=-buildvcs=false go build -o "$binary" .) >&2 ||
        { echo "fixture_server.sh: cannot build $binary (needs Go)" >&2; return 1; }
    fi
  fi
  if [ ${#manifests[@]} = 0 ]; then
    manifests=(--manifest "$_fixture_server_repo/testdata/fixtures/MANIFEST.json"
               --manifest "$_fixture_server_repo/testdata/synthetic/MANIFEST.json")
  fi
  mkdir -p "$runtime"
  rm -f "$runtime/env"
  local args=("${manifests[@]}" --ca-out "$runtime/ca.pem" --env-out "$runtime/env")
  [ -n "$watch_pid" ] && args+=(--watch-pid "$watch_pid")
  "$binary" "${args[@]}" >"$runtime/log" 2>&1 </dev/null &
  local pid=$! tries
  for tries in $(seq 1 400); do
    [ -s "$runtime/env" ] && break
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "fixture_server.sh: the fixture server exited at start:" >&2
      cat "$runtime/log" >&2
      return 1
    fi
    sleep 0.05
  done
  if [ ! -s "$runtime/env" ]; then
    kill "$pid" 2>/dev/null
    echo "fixture_server.sh: the fixture server was not ready after 20 s:" >&2
    cat "$runtime/log" >&2
    return 1
  fi
  echo "$(head -n 1 "$runtime/env") LLMTWIN_TEST_SERVER_PID=$pid"
}

use_fixture_server() {
  if [ -n "${LLMTWIN_TEST_HTTPS_PORT:-}" ] && [ -n "${LLMTWIN_TEST_CA:-}" ]; then return 0; fi
  local line
  line=$(start_fixture_server "$1" --watch-pid $$) || return 1
  eval "$line"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  [ $# -ge 1 ] || { echo "usage: $0 RUNTIME_DIR [--watch-pid PID] [--binary FILE] [--manifest FILE]..." >&2; exit 2; }
  start_fixture_server "$@"
fi

#!/usr/bin/env bash
# Starts the FerretDB test server (built by scripts/setup.d/ferretdb.sh) on a free loopback port
# with a fresh data folder, waits until it accepts connections, and prints
#   export LLMTWIN_TEST_MONGO_URI=mongodb://127.0.0.1:PORT/
# for scripts/test.sh to eval. Its stop command goes to "$LLMTWIN_TEST_RUNTIME/cleanup.sh".
# Everything else goes to stderr (stdout is eval'd).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${BUILD_DIR:-build}/tools/ferretdb"
runtime="${LLMTWIN_TEST_RUNTIME:?LLMTWIN_TEST_RUNTIME is not set (run scripts/test.sh)}"
if [ ! -x "$bin" ]; then
  echo "ferretdb: $bin is missing; run scripts/setup.sh --with-test-tools" >&2
  exit 1
fi
dir="$runtime/ferretdb"
mkdir -p "$dir/data"
# Port 0: the kernel picks a free port; the server writes its URI to the ready file once listening.
"$bin" -listen 127.0.0.1:0 -data "$dir/data" -ready-file "$dir/uri" -log "$dir/ferretdb.log" >/dev/null 2>"$dir/stderr" &
pid=$!
echo "kill $pid 2>/dev/null || true" >>"$runtime/cleanup.sh"
for _ in $(seq 1 300); do
  if [ -s "$dir/uri" ]; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "ferretdb: the server exited:" >&2
    cat "$dir/stderr" >&2
    exit 1
  fi
  sleep 0.1
done
if [ ! -s "$dir/uri" ]; then
  echo "ferretdb: not listening after 30 s (log: $dir/ferretdb.log)" >&2
  exit 1
fi
uri=$(cat "$dir/uri")
hostport=${uri#mongodb://}
hostport=${hostport%%/*}
# A real TCP connect, not only the server's word.
if ! (exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}") 2>/dev/null; then
  echo "ferretdb: $hostport does not accept connections" >&2
  exit 1
fi
echo "ferretdb: listening on $hostport (pid $pid, data $dir/data)" >&2
echo "export LLMTWIN_TEST_MONGO_URI=mongodb://$hostport/"

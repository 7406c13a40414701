#!/usr/bin/env bash
# A run killed with SIGKILL half-way leaves no half-written document; the next run finishes the
# rest without storing anything twice, and the killed run's record is marked "killed".
# Uses the CLI against the local fixture server (started here when scripts/test.sh did not).
set -u
cli=$1; src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=../support/fixture_server.sh
. "$src/tests/support/fixture_server.sh"
BUILD_DIR=$(dirname "$cli") use_fixture_server "$tmp/server" || exit 1
fails=0; passes=0
ok() { passes=$((passes+1)); }
bad() { echo "FAIL: $*"; fails=$((fails+1)); }

n=60
{
  echo "parameters:"
  echo "  user_full_name: Kill Test"
  echo "  links:"
  for i in $(seq 1 $n); do echo "    - https://bench.test/page/$i"; done
  echo "crawl:"
  echo "  connect_to: [':443:127.0.0.1:$LLMTWIN_TEST_HTTPS_PORT']"
  echo "  cacert: $LLMTWIN_TEST_CA"
  echo "  allow_private_addresses: true"
  echo "  per_host_connections: 1"
  echo "  concurrency: 1"
  echo "  min_delay_ms: 40"
} > "$tmp/config.yaml"
wh="sqlite:$tmp/twin.sqlite"

"$cli" etl --config "$tmp/config.yaml" --warehouse "$wh" >"$tmp/run1.out" 2>"$tmp/run1.err" &
pid=$!
# Wait until about a third of the links are done (progress lines every 10%), then SIGKILL.
for _ in $(seq 1 300); do
  grep -q "progress: [2-9][0-9]/$n" "$tmp/run1.err" && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.05
done
kill -9 $pid 2>/dev/null && ok || bad "the first run ended before it could be killed"
wait $pid 2>/dev/null

"$cli" etl --config "$tmp/config.yaml" --warehouse "$wh" >"$tmp/run2.out" 2>"$tmp/run2.err"
[ $? = 0 ] && ok || { bad "the second run did not succeed"; cat "$tmp/run2.err"; }

"$cli" runs list --json --warehouse "$wh" >"$tmp/runs.json" 2>/dev/null
python3 - "$tmp/runs.json" "$n" <<'PY' && ok || bad "run records after recovery"
import json, sys
runs = json.load(open(sys.argv[1])); n = int(sys.argv[2])
assert len(runs) == 2, runs
second, first = runs  # newest first
assert first["status"] == "killed", first["status"]
assert second["status"] == "succeeded", second["status"]
t = second["totals"]
assert t["total"] == n and t["failed"] == 0, t
assert 0 < t["unchanged"] < n, t          # what the killed run stored is recognised ...
assert t["stored"] + t["unchanged"] == n, t  # ... and the rest is finished
PY
"$cli" query articles --json --limit 1000 --warehouse "$wh" >"$tmp/articles.json" 2>/dev/null
python3 - "$tmp/articles.json" "$n" <<'PY' && ok || bad "documents after recovery"
import json, sys
docs = json.load(open(sys.argv[1])); n = int(sys.argv[2])
links = [d["link"] for d in docs]
assert len(links) == n, len(links)
assert len(set(links)) == n, "a link was stored twice"
assert all(d["content"]["Content"] for d in docs), "a half-written document"
PY
echo "$passes passed, $fails failed"
[ "$fails" = 0 ]

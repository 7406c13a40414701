#!/usr/bin/env bash
# End-to-end checks of `llmtwin discover` and `llmtwin import linkedin-export`, through the built
# program: discover against a fixture server started here, import into a temporary SQLite file.
# Usage: cli_test.sh LLMTWIN FIXTURE_SERVER SOURCE_DIR SHARED_DIR
set -euo pipefail
cli=$1 server=$2 src=$3 shared=$4
tmp=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# import: 3 shares inserted, then unchanged on a second run (upsert by link); multi-line text kept.
db="sqlite:$tmp/twin.sqlite"
out=$("$cli" import linkedin-export "$src/tests/fixtures/linkedin/Shares.csv" --author "Paul Iusztin" --warehouse "$db")
grep -q "3 inserted, 0 updated, 0 unchanged" <<<"$out" || fail "first import: $out"
out=$("$cli" import linkedin-export "$src/tests/fixtures/linkedin/Shares.csv" --author "Paul Iusztin" --warehouse "$db")
grep -q "0 inserted, 0 updated, 3 unchanged" <<<"$out" || fail "second import: $out"
"$cli" query posts --warehouse "$db" --json 2>/dev/null | grep -q 'You will learn to:\\n→ crawl your data' || fail "post text"
# a missing --author is a usage error (2)
set +e; "$cli" import linkedin-export "$src/tests/fixtures/linkedin/Shares.csv" >/dev/null 2>&1; rc=$?; set -e
[ "$rc" = 2 ] || fail "missing --author gave exit $rc"

# discover through the fixture server
"$server" --manifest "$shared/fixtures/MANIFEST.json" --manifest "$src/tests/fixtures/MANIFEST.json" \
  --ca-out "$tmp/ca.pem" --env-out "$tmp/env" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do [ -s "$tmp/env" ] && break; sleep 0.1; done
# shellcheck disable=SC1091
. "$tmp/env"
net=(--connect-to "::127.0.0.1:$LLMTWIN_TEST_HTTPS_PORT" --cacert "$LLMTWIN_TEST_CA" --allow-private)
out=$("$cli" discover https://decodingml.substack.com "${net[@]}")
[ "$(wc -l <<<"$out")" = 16 ] || fail "substack discover: $out"
out=$("$cli" discover https://medium.com/@pauliusztin --json "${net[@]}")
grep -q '"crawler": "medium"' <<<"$out" || fail "medium discover json: $out"
grep -q 'your-content-is-gold-0f1e2d3c4b5a"' <<<"$out" || fail "medium discover links: $out"
set +e; "$cli" discover https://www.linkedin.com/in/someone "${net[@]}" >/dev/null 2>"$tmp/err"; rc=$?; set -e
[ "$rc" = 1 ] || fail "linkedin discover gave exit $rc"
grep -q "import linkedin-export" "$tmp/err" || fail "linkedin discover hint: $(cat "$tmp/err")"
echo "cli crawl checks passed"

#!/usr/bin/env bash
# End-to-end checks of `llmtwin discover` and `llmtwin import linkedin-export`, through the built
# program: discover against a fixture server started here, import into a temporary SQLite file.
# Usage: cli_test.sh LLMTWIN FIXTURE_SERVER SOURCE_DIR
set -euo pipefail
cli=$1 src=$3
export LLMTWIN_FIXTURE_SERVER=$2
# shellcheck source=../support/fixture_server.sh
. "$src/tests/support/fixture_server.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# import: 3 shares inserted, then unchanged on a second run (upsert by link); multi-line text kept.
db="sqlite:$tmp/twin.sqlite"
out=$("$cli" import linkedin-export "$src/testdata/synthetic/linkedin/Shares.csv" --author "Paul Iusztin" --warehouse "$db")
grep -q "3 inserted, 0 updated, 0 unchanged" <<<"$out" || fail "first import: $out"
out=$("$cli" import linkedin-export "$src/testdata/synthetic/linkedin/Shares.csv" --author "Paul Iusztin" --warehouse "$db")
grep -q "0 inserted, 0 updated, 3 unchanged" <<<"$out" || fail "second import: $out"
"$cli" query posts --warehouse "$db" --json 2>/dev/null | grep -q 'You will learn to:\\n→ crawl your data' || fail "post text"
# a missing --author is a usage error (2)
set +e; "$cli" import linkedin-export "$src/testdata/synthetic/linkedin/Shares.csv" >/dev/null 2>&1; rc=$?; set -e
[ "$rc" = 2 ] || fail "missing --author gave exit $rc"

# discover through the fixture server
use_fixture_server "$tmp/server" || fail "the fixture server did not start"
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

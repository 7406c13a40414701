#!/usr/bin/env bash
# `llmtwin fetch` end to end against the fixture server: text and JSON output, exit codes,
# the network flags (--connect-to, --cacert, --allow-private). Uses the server of scripts/test.sh
# when its variables are set, otherwise starts one.
set -euo pipefail
cli=$1
export LLMTWIN_FIXTURE_SERVER=$2
source_dir=$3
# shellcheck source=../support/fixture_server.sh
. "$source_dir/tests/support/fixture_server.sh"
dir=$(mktemp -d /tmp/llmtwin-cli-fetch.XXXXXX)
trap 'rm -rf "$dir"' EXIT
use_fixture_server "$dir/server"
net=(--connect-to "::127.0.0.1:$LLMTWIN_TEST_HTTPS_PORT" --cacert "$LLMTWIN_TEST_CA" --allow-private --crawl min_delay_ms=0)
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$cli" fetch "${net[@]}" "https://medium.com/@pippinlee/the-open-journalism-project-better-student-journalism-fb39f4f701bb") ||
  fail "a fixture page should exit 0"
grep -q "status:     200 (HTTP/2)" <<<"$out" || fail "no HTTP/2 200 in: $out"

set +e
out=$("$cli" fetch "${net[@]}" --json "https://faults.test/status?code=404" "https://faults.test/loop/a")
code=$?
set -e
[ "$code" = 1 ] || fail "failed URLs should exit 1, got $code"
grep -q '"error": "http-4xx"' <<<"$out" || fail "no http-4xx in: $out"
grep -q '"error": "redirect-loop"' <<<"$out" || fail "no redirect-loop in: $out"

set +e
out=$("$cli" fetch --connect-to "::127.0.0.1:$LLMTWIN_TEST_HTTPS_PORT" --cacert "$LLMTWIN_TEST_CA" --json https://faults.test/ok 2>/dev/null)
code=$?
set -e
[ "$code" = 1 ] || fail "a loopback target without --allow-private should fail"
grep -q '"error": "blocked-address"' <<<"$out" || fail "no blocked-address in: $out"

set +e
"$cli" fetch --connect-to "bad-entry" https://faults.test/ok >/dev/null 2>&1
code=$?
set -e
[ "$code" = 2 ] || fail "a malformed --connect-to should be a usage/config error (2), got $code"
echo "cli fetch: ok"

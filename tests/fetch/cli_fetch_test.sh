#!/usr/bin/env bash
# `llmtwin fetch` end to end against the fixture server: text and JSON output, exit codes,
# the network flags (--connect-to, --cacert, --allow-private). Uses the server of scripts/test.sh
# when its variables are set, otherwise starts one.
set -euo pipefail
cli=$1
server=$2
source_dir=$3
if [ -z "${LLMTWIN_TEST_HTTPS_PORT:-}" ]; then
  dir=$(mktemp -d /tmp/llmtwin-cli-fetch.XXXXXX)
  "$server" --manifest "$source_dir/../shared/fixtures/MANIFEST.json" --ca-out "$dir/ca.pem" --env-out "$dir/env" >"$dir/log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
  for _ in $(seq 1 200); do [ -f "$dir/env" ] && break; sleep 0.05; done
  # shellcheck disable=SC1091
  . "$dir/env"
fi
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

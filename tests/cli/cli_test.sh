#!/usr/bin/env bash
# Checks of the llmtwin program that need more than one regex: exit codes and redaction.
set -u
cli=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0; passes=0
check() {  # name, expected exit code, actual exit code
  if [ "$2" = "$3" ]; then passes=$((passes+1)); else echo "FAIL: $1: expected exit $2, got $3"; fails=$((fails+1)); fi
}
contains() {  # name, needle, file
  if grep -qF -- "$2" "$3"; then passes=$((passes+1)); else echo "FAIL: $1: '$2' not in:"; cat "$3"; fails=$((fails+1)); fi
}
lacks() {
  if grep -qF -- "$2" "$3"; then echo "FAIL: $1: '$2' found in:"; cat "$3"; fails=$((fails+1)); else passes=$((passes+1)); fi
}

printf 'parameters:\n  user_full_name: A B\n  links:\n    - ftp://nope\n' > "$tmp/bad.yaml"
"$cli" etl --config "$tmp/bad.yaml" >"$tmp/out" 2>"$tmp/err"; check "bad config exits 2" 2 $?
contains "bad config names file and line" "bad.yaml:4: parameters.links[0]" "$tmp/err"

"$cli" etl --config "$tmp/missing.yaml" >"$tmp/out" 2>"$tmp/err"; check "missing config exits 2" 2 $?
"$cli" etl --bogus-flag >"$tmp/out" 2>"$tmp/err"; check "unknown flag exits 2" 2 $?

printf 'parameters:\n  user_full_name: A B\n  links: [https://a.com/x, https://a.com/x]\nwarehouse: mongodb://admin:hunter2@db:27017/twin\nextra_key: 1\n' > "$tmp/dup.yaml"
"$cli" --log-format json etl --dry-run --config "$tmp/dup.yaml" >"$tmp/out" 2>"$tmp/err"; check "warnings keep exit 0" 0 $?
contains "json log lines" '"level":"warning"' "$tmp/err"
contains "duplicate reported" "duplicate of line 3, dropped" "$tmp/err"
contains "unknown key reported" "extra_key: unknown key" "$tmp/err"
"$cli" --quiet etl --dry-run --config "$tmp/dup.yaml" --crawl retries=x >"$tmp/out" 2>"$tmp/err"; check "bad --crawl exits 2" 2 $?
lacks "secrets never logged" "hunter2" "$tmp/err"

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]

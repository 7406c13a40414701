#!/usr/bin/env bash
# llmtwin warehouse import/export and query on a fresh SQLite file (and on MongoDB when
# LLMTWIN_TEST_MONGO_URI is set): the book's export round-trips byte for byte, a second import
# changes nothing, a malformed file exits 2 naming its position, an unreachable MongoDB exits 3
# quickly without printing its password.
set -u
cli=$1; book=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails+1)); }
expect_exit() {  # name, expected, actual
  [ "$2" = "$3" ] || fail "$1: expected exit $2, got $3 ($(tail -3 "$tmp/err"))"
}
contains() {  # name, needle, file
  grep -qF -- "$2" "$3" || { fail "$1: '$2' not in $(head -c 2000 "$3")"; }
}

run_backend() {  # name, warehouse URI
  local name=$1 uri=$2
  "$cli" warehouse import --dir "$book" --warehouse "$uri" >"$tmp/out" 2>"$tmp/err"; expect_exit "$name import" 0 $?
  contains "$name import counts" "ArticleDocument      76 read, 76 inserted, 0 updated, 0 unchanged" "$tmp/out"
  "$cli" warehouse import --dir "$book" --warehouse "$uri" >"$tmp/out" 2>"$tmp/err"; expect_exit "$name reimport" 0 $?
  contains "$name reimport changes nothing" "ArticleDocument      76 read, 0 inserted, 0 updated, 76 unchanged" "$tmp/out"
  "$cli" warehouse export --dir "$tmp/$name-out" --warehouse "$uri" >"$tmp/out" 2>"$tmp/err"; expect_exit "$name export" 0 $?
  for f in ArticleDocument UserDocument PostDocument RepositoryDocument; do
    cmp -s "$book/$f.json" "$tmp/$name-out/$f.json" || fail "$name: exported $f.json differs from the book's"
  done
  "$cli" query articles --platform medium --json --warehouse "$uri" >"$tmp/out" 2>"$tmp/err"; expect_exit "$name query" 0 $?
  [ "$(grep -c '"_id"' "$tmp/out")" = 5 ] || fail "$name: query --platform medium --json should list 5 articles"
  "$cli" query users --author "Paul Iusztin" --warehouse "$uri" >"$tmp/out" 2>"$tmp/err"; expect_exit "$name users" 0 $?
  contains "$name users table" "b5fa1f08-75f0-402d-8e88-d1357e346d9e  Paul" "$tmp/out"
  contains "$name users count" "1 document" "$tmp/out"
  "$cli" query articles --limit 3 --link "https://decodingml.substack.com/p/an-end-to-end-framework-for-production?r=1ttoeh" \
    --warehouse "$uri" >"$tmp/out" 2>"$tmp/err"; expect_exit "$name query by link" 0 $?
  contains "$name query by link finds the article" "1 document" "$tmp/out"
}

run_backend sqlite "sqlite:$tmp/twin.sqlite"
contains "the warehouse is named in the log" "warehouse: sqlite:$tmp/twin.sqlite" "$tmp/err"
if [ -n "${LLMTWIN_TEST_MONGO_URI:-}" ]; then
  run_backend mongo "${LLMTWIN_TEST_MONGO_URI%/}/twin_cli_$$_$RANDOM"
fi

mkdir -p "$tmp/bad"
printf '[{"first_name": "A", "last_name": "B", "_id": "1"},\n {"first_name": "C" "last_name": "D", "_id": "2"}]' >"$tmp/bad/UserDocument.json"
"$cli" warehouse import --dir "$tmp/bad" --warehouse "sqlite:$tmp/bad.sqlite" >"$tmp/out" 2>"$tmp/err"
expect_exit "malformed import" 2 $?
contains "malformed import names the position" "UserDocument.json:2:" "$tmp/err"
"$cli" query users --json --warehouse "sqlite:$tmp/bad.sqlite" >"$tmp/out" 2>"$tmp/err"
[ "$(tr -d ' \n' <"$tmp/out")" = "[]" ] || fail "nothing from a malformed file is written: $(cat "$tmp/out")"

start=$(date +%s)
"$cli" query users --warehouse "mongodb://admin:hunter2@127.0.0.1:1/twin" >"$tmp/out" 2>"$tmp/err"
expect_exit "unreachable mongo" 3 $?
contains "unreachable mongo message" "cannot reach MongoDB at 127.0.0.1:1 within 3 s" "$tmp/err"
if grep -q hunter2 "$tmp/err" "$tmp/out"; then fail "password printed"; fi
[ $(( $(date +%s) - start )) -le 10 ] || fail "unreachable mongo took more than 10 s"

"$cli" query comments --warehouse "sqlite:$tmp/x.sqlite" >"$tmp/out" 2>"$tmp/err"; expect_exit "unknown collection" 2 $?
"$cli" warehouse export --dir "$tmp/x" --warehouse "postgres://x" >"$tmp/out" 2>"$tmp/err"; expect_exit "unknown scheme" 2 $?

[ $fails = 0 ] && echo "warehouse cli: all checks passed"
exit $((fails > 0))

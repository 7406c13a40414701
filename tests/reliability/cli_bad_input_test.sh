#!/usr/bin/env bash
# Bad input and an unreachable warehouse through the llmtwin program itself (issue 10): each case
# must end with a clear message and the documented exit code, and lose nothing (no document
# written, no earlier document changed). Cases: the warehouse unreachable at start (exit 3 within
# seconds, nothing fetched); links that are not http(s) (file:, javascript:, data:), a
# 10,000-character URL, an IDN host (and one IDNA rejects), credentials inside a URL (never in
# logs, never stored); configs that are huge, anchor bombs, deeply nested or binary; import files
# that are malformed, of the wrong types, or hold huge values (rejected with file:line:column and
# the warehouse left byte-for-byte the same). Uses the fixture server of scripts/test.sh when its
# variables are set, otherwise starts one; traffic goes to 127.0.0.1 only.
set -u
cli=$1; src=$3
export LLMTWIN_FIXTURE_SERVER=$2
# shellcheck source=../support/fixture_server.sh
. "$src/tests/support/fixture_server.sh"
tmp=$(mktemp -d /tmp/llmtwin-rel-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
use_fixture_server "$tmp/server" || exit 1
net=(--connect-to "::127.0.0.1:$LLMTWIN_TEST_HTTPS_PORT" --cacert "$LLMTWIN_TEST_CA" --allow-private
     --crawl min_delay_ms=0 --crawl retries=0 --crawl timeout_s=10)
fails=0; passes=0
ok() { passes=$((passes+1)); }
bad() { echo "FAIL: $*"; fails=$((fails+1)); }
check() { if [ "$2" = "$3" ]; then ok; else bad "$1: expected exit $2, got $3"; sed 's/^/    /' "$tmp/err" | head -20; fi; }
contains() { if grep -qF -- "$2" "$3"; then ok; else bad "$1: '$2' not in $3:"; head -c 2000 "$3" | sed 's/^/    /'; fi; }
lacks() { if grep -qF -- "$2" "$3"; then bad "$1: '$2' found in $3"; else ok; fi; }
hits() { curl -s --cacert "$LLMTWIN_TEST_CA" --connect-to "::127.0.0.1:$LLMTWIN_TEST_HTTPS_PORT" \
  "https://faults.test/hits?url=$(printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')"; }
run() { "$cli" "$@" >"$tmp/out" 2>"$tmp/err"; }

# ---- The warehouse unreachable at start: exit 3 within seconds, nothing fetched ----
page="https://faults.test/ok?unreachable-$$"
start=$(date +%s%N)
run crawl "$page" --author "A B" --warehouse "mongodb://127.0.0.1:1/twin" "${net[@]}"; code=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "unreachable warehouse exits 3" 3 $code
contains "unreachable warehouse is named" "cannot reach MongoDB at 127.0.0.1:1" "$tmp/err"
if [ "$elapsed_ms" -lt 8000 ]; then ok; else bad "unreachable warehouse took ${elapsed_ms} ms"; fi
if [ "$(hits "$page")" = 0 ]; then ok; else bad "a page was fetched although the warehouse was unreachable"; fi
run crawl "$page" --author "A B" --warehouse "sqlite:/proc/no-such-dir/twin.sqlite" "${net[@]}"; code=$?
check "unwritable sqlite warehouse exits 3" 3 $code

# ---- Links that are not http(s), or hostile: usage error (2), nothing written ----
db="$tmp/links.sqlite"
long="https://faults.test/$(head -c 10000 /dev/zero | tr '\0' 'a')"
for link in "file:///etc/passwd" "javascript:alert(document.cookie)" "data:text/html,<script>alert(1)</script>" \
            "ftp://faults.test/x" "$long"; do
  run crawl "$link" --author "A B" --warehouse "sqlite:$db" "${net[@]}"; code=$?
  check "link '${link:0:40}' is refused" 2 $code
  contains "link '${link:0:40}' has a reason" "error" "$tmp/err"
done
if [ ! -e "$db" ]; then ok; else bad "a refused link created the warehouse"; fi
# The same links in a config: every one reported with its line, nothing crawled.
{
  printf 'parameters:\n  user_full_name: A B\n  links:\n'
  printf '    - file:///etc/passwd\n    - "javascript:alert(1)"\n    - "data:text/html,x"\n    - %s\n' "$long"
} >"$tmp/links.yaml"
run etl --config "$tmp/links.yaml" --warehouse "sqlite:$db" "${net[@]}"; code=$?
check "config with bad links exits 2" 2 $code
contains "file: link reported with its line" "links.yaml:4: parameters.links[0]" "$tmp/err"
contains "javascript: link reported" "links.yaml:5: parameters.links[1]" "$tmp/err"
contains "data: link reported" "links.yaml:6: parameters.links[2]" "$tmp/err"
contains "long link reported" "links.yaml:7: parameters.links[3]" "$tmp/err"
if [ ! -e "$db" ]; then ok; else bad "a config with bad links created the warehouse"; fi

# ---- Credentials inside a URL: crawled, but never logged and never stored ----
secret="hunter2-$$"
run --verbose crawl "https://alice:$secret@faults.test/status?code=404&creds" "https://bob:$secret@josephg.com/blog/crdts-are-the-future" \
  --author "A B" --warehouse "sqlite:$tmp/creds.sqlite" "${net[@]}"; code=$?
check "a 404 among the links is a partial failure" 1 $code
lacks "password not in the log" "$secret" "$tmp/err"
lacks "password not in the output" "$secret" "$tmp/out"
run_id=$(sed -n 's/^run \([0-9a-f-]*\): .*/\1/p' "$tmp/out")
"$cli" runs show "$run_id" --json --warehouse "sqlite:$tmp/creds.sqlite" >"$tmp/run.json" 2>&1
contains "the run shows both links" "josephg.com/blog/crdts-are-the-future" "$tmp/run.json"
lacks "password not in the run record" "$secret" "$tmp/run.json"
"$cli" warehouse export --dir "$tmp/creds-export" --warehouse "sqlite:$tmp/creds.sqlite" >/dev/null 2>&1
if grep -rqF -- "$secret" "$tmp/creds-export"; then bad "password stored in a document"; else ok; fi
if grep -aqF -- "$secret" "$tmp/creds.sqlite"; then bad "password stored in the warehouse file"; else ok; fi

# ---- An IDN host: converted to punycode by our URL layer (libidn2, whatever the locale), routed
# to the generic crawler and requested at xn--bcher-kva.example, where the fixture server has no
# page: a 404 recorded with its fate, not the invalid-url of libcurl's locale-bound conversion.
# A host IDNA rejects is refused before the run like any other bad link, naming the host. ----
run crawl "https://bücher.example/straße" --author "A B" --warehouse "sqlite:$tmp/idn.sqlite" "${net[@]}"; code=$?
check "an IDN link that does not exist is a partial failure, not a crash" 1 $code
run_id=$(sed -n 's/^run \([0-9a-f-]*\): .*/\1/p' "$tmp/out")
"$cli" runs show "$run_id" --json --warehouse "sqlite:$tmp/idn.sqlite" >"$tmp/run.json" 2>&1
contains "the IDN link's fate is recorded" '"outcome": "failed"' "$tmp/run.json"
contains "the IDN link fails for the page, not the URL" '"error_category": "not-found"' "$tmp/run.json"
lacks "the IDN link is not an invalid URL" "invalid-url" "$tmp/run.json"
contains "the IDN link's key is the punycode form, its path percent-encoded" '"normalized_link": "https://xn--bcher-kva.example/stra%C3%9Fe"' "$tmp/run.json"
contains "the IDN link goes to the generic crawler" '"crawler": "article"' "$tmp/run.json"
if [ "$(hits "https://xn--bcher-kva.example/straße")" -ge 1 ] 2>/dev/null; then ok; else bad "the punycode host was never requested"; fi
run crawl "https://☃.example/x" --author "A B" --warehouse "sqlite:$tmp/idn-bad.sqlite" "${net[@]}"; code=$?
check "a host IDNA rejects is refused" 2 $code
contains "the refused IDN host is named" "invalid internationalised host name '☃.example'" "$tmp/err"
if [ ! -e "$tmp/idn-bad.sqlite" ]; then ok; else bad "a refused IDN link created the warehouse"; fi

# ---- Configs: huge, anchor bomb, deep nesting, binary: exit 2 quickly ----
yes "# padding line of a config file that is far too large to be a config" | head -c 30000000 >"$tmp/huge.yaml"
python3 - "$tmp" <<'EOF'
import sys
d = sys.argv[1]
lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
prev = 'a'
for n in 'bcdefghi':
    lines.append('%s: &%s [%s]' % (n, n, ','.join(['*' + prev] * 9)))
    prev = n
lines.append('parameters:\n  user_full_name: A B\n  links: *i')
open(d + '/bomb.yaml', 'w').write('\n'.join(lines) + '\n')
open(d + '/deep.yaml', 'w').write('parameters: ' + '[' * 100000 + ']' * 100000 + '\n')
open(d + '/binary.yaml', 'wb').write(b'parameters:\x00\xff\xfe\n  user_full_name: \x80\x81\n' + bytes(range(256)))
EOF
for bad_config in huge bomb deep binary; do
  start=$(date +%s%N)
  run etl --config "$tmp/$bad_config.yaml" --warehouse "sqlite:$tmp/cfg.sqlite"; code=$?
  elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  check "$bad_config config exits 2" 2 $code
  contains "$bad_config config error names the file" "$bad_config.yaml" "$tmp/err"
  if [ "$elapsed_ms" -lt 5000 ]; then ok; else bad "$bad_config config took ${elapsed_ms} ms"; fi
done
if [ ! -e "$tmp/cfg.sqlite" ]; then ok; else bad "a bad config created the warehouse"; fi

# ---- Import files: rejected with file:line:column and reason, the warehouse unchanged ----
wh="sqlite:$tmp/import.sqlite"
"$cli" warehouse import --dir "$src/testdata/book-export" --warehouse "$wh" >/dev/null 2>&1 || bad "the book export does not import"
"$cli" warehouse export --dir "$tmp/before" --warehouse "$wh" >/dev/null 2>&1
user='{"_id": "11111111-1111-4111-8111-111111111111", "first_name": "New", "last_name": "User"}'
article() { printf '{"_id": "22222222-2222-4222-8222-22222222222%s", "platform": "x", "link": "https://x.example/%s", "author_id": "11111111-1111-4111-8111-111111111111", "author_full_name": "New User", "content": %s}' "$1" "$1" "$2"; }
case_dir() { rm -rf "$tmp/imp"; mkdir -p "$tmp/imp"; printf '[%s]\n' "$user" >"$tmp/imp/UserDocument.json"; }
expect_rejected() {  # name, needle in the error
  run warehouse import --dir "$tmp/imp" --warehouse "$wh"; code=$?
  check "import of $1 exits 2" 2 $code
  contains "import of $1 names the file" "ArticleDocument.json" "$tmp/err"
  contains "import of $1 says why" "$2" "$tmp/err"
  rm -rf "$tmp/after"
  "$cli" warehouse export --dir "$tmp/after" --warehouse "$wh" >/dev/null 2>&1
  if diff -r "$tmp/before" "$tmp/after" >/dev/null; then ok; else bad "import of $1 changed the warehouse"; fi
}
case_dir; printf '[%s,\n %s\n' "$(article 1 '{"Title": "t", "Content": "c"}')" "$(article 2 '{"Title": "t"')" >"$tmp/imp/ArticleDocument.json"
expect_rejected "truncated JSON" "ArticleDocument.json:3:1 (byte 434): element 1: unexpected end of file"
case_dir; printf '[%s]\n' "$(article 1 '42')" >"$tmp/imp/ArticleDocument.json"
expect_rejected "content that is a number" "content"
case_dir; printf '[%s]\n' "$(article 1 '{"Title": ["not", "a", "string"], "Content": "c"}')" >"$tmp/imp/ArticleDocument.json"
expect_rejected "a content value that is not a string" "Title"
case_dir; article 1 '{"Title": "t", "Content": "c"}' | sed 's/"_id": "[^"]*"/"_id": 7/; s/^/[/; s/$/]/' >"$tmp/imp/ArticleDocument.json"
expect_rejected "an _id that is a number" "_id"
case_dir; python3 -c "
print('[{\"_id\": \"x\", \"content\": {\"Title\": ' + '[' * 200000 + ']' * 200000 + '}}]')" >"$tmp/imp/ArticleDocument.json"
expect_rejected "200,000 nested arrays" "nested more than"
case_dir; python3 -c "
import json
big = 'x' * (40 * 1024 * 1024)
print(json.dumps([{'_id': '22222222-2222-4222-8222-222222222221', 'platform': 'x', 'link': 'https://x.example/big', 'author_id': '11111111-1111-4111-8111-111111111111', 'author_full_name': 'New User', 'content': {'Title': 't', 'Content': big}}]))" >"$tmp/imp/ArticleDocument.json"
expect_rejected "a 40 MB value" "too large"
case_dir; printf '[%s, 1e999999]\n' "$(article 1 '{"Title": "t", "Content": "c"}')" >"$tmp/imp/ArticleDocument.json"
expect_rejected "a number out of range" "ArticleDocument.json"

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]

#!/usr/bin/env bash
# End-to-end checks of `llmtwin import` and of `exports:` in `llmtwin etl`, through the built
# program, on the real export files (testdata/fixtures/exports) zipped here with Python's zipfile:
# counts and skip reasons in the summary, a second import changes nothing, `runs show` lists every
# file's fate, bad archives exit 2 naming archive and entry with the warehouse file untouched.
# Usage: cli_import_test.sh LLMTWIN SOURCE_DIR
set -euo pipefail
cli=$1 src=$2
exports=$src/testdata/fixtures/exports
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
db="sqlite:$tmp/twin.sqlite"
zipdir() {  # zipdir FOLDER OUT.zip [PREFIX]: the folder's files, named PREFIX + their relative path
  python3 - "$1" "$2" "${3:-}" <<'EOF'
import os, sys, zipfile
root, out, prefix = sys.argv[1:4]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, prefix + os.path.relpath(path, root))
EOF
}

# Medium, from the zip Medium mails (entries under one folder): 4 stored, 2 drafts skipped.
zipdir "$exports/medium/hashdag" "$tmp/medium.zip" "medium-export/"
out=$("$cli" import medium-export "$tmp/medium.zip" --author "Yonatan Sompolinsky" --warehouse "$db" 2>"$tmp/log")
grep -q "medium-export: 6 items in $tmp/medium.zip for Yonatan Sompolinsky -> .*: 4 inserted, 0 updated, 0 unchanged, 2 skipped (draft 2), 0 failed" <<<"$out" || fail "medium import: $out"
grep -q "^medium-export *6 *4 *0 *0 *2 *0$" <<<"$out" || fail "medium summary table: $out"
run=$(sed -n 's/^run \([0-9a-f-]*\): succeeded$/\1/p' <<<"$out")
[ -n "$run" ] || fail "no run id: $out"
show=$("$cli" runs show "$run" --warehouse "$db")
grep -q "step import_exports" <<<"$show" || fail "runs show steps: $show"
grep -q "skipped .*medium-export.*https://medium.com/p/f09925169ad9" <<<"$show" || fail "runs show draft: $show"
grep -q "stored .*medium-export.*https://medium.com/@hashdag/correct-dyson-9d023446a5ca" <<<"$show" || fail "runs show response: $show"
# Importing twice changes nothing.
out=$("$cli" import medium-export "$tmp/medium.zip" --author "Yonatan Sompolinsky" --warehouse "$db" 2>/dev/null)
grep -q ": 0 inserted, 0 updated, 4 unchanged, 2 skipped" <<<"$out" || fail "second medium import: $out"

# Substack (folder), X (zip), LinkedIn (the whole export zip).
out=$("$cli" import substack-export "$exports/substack/digitalsovereignty" --author "Herbert Yang" \
  --publication-url https://digitalsovereignty.herbertyang.xyz --include-drafts --warehouse "$db" 2>/dev/null)
grep -q "9 inserted, 0 updated, 0 unchanged, 1 skipped (empty 1), 0 failed" <<<"$out" || fail "substack import: $out"
zipdir "$exports/x/andreruffert" "$tmp/x.zip"
out=$("$cli" import x-archive "$tmp/x.zip" --author "Andre Ruffert" --skip-replies --warehouse "$db" 2>/dev/null)
grep -q "11 inserted, 0 updated, 0 unchanged, 19 skipped (reply 15, retweet 4), 0 failed" <<<"$out" || fail "x import: $out"
mkdir -p "$tmp/linkedin" && cp "$src/testdata/synthetic/linkedin/Shares.csv" "$tmp/linkedin/"
echo "First Name,Last Name" >"$tmp/linkedin/Profile.csv"
zipdir "$tmp/linkedin" "$tmp/linkedin.zip"
out=$("$cli" import linkedin-export "$tmp/linkedin.zip" --author "Paul Iusztin" --warehouse "$db" 2>/dev/null)
grep -q "3 inserted, 0 updated, 0 unchanged" <<<"$out" || fail "linkedin zip import: $out"

# Bad archives: exit 2, one error naming the archive (and the entry), the warehouse file untouched.
before=$(sha256sum "$tmp/twin.sqlite")
echo "not a zip" >"$tmp/not.zip"
head -c 20000 "$tmp/medium.zip" >"$tmp/cut.zip"
zipdir "$exports/substack/digitalsovereignty" "$tmp/substack.zip"
cp -r "$exports/medium/anlijudavid" "$tmp/broken" && echo "<p>half" >"$tmp/broken/posts/2020-01-01_Half-0123456789ab.html"
for bad in "not.zip:not a zip archive" "cut.zip:truncated" "substack.zip:not a Medium export: no posts/\*.html (it looks like a Substack export)" \
           "broken:posts/2020-01-01_Half-0123456789ab.html: not a Medium post page"; do
  name=${bad%%:*} says=${bad#*:}
  set +e; "$cli" import medium-export "$tmp/$name" --author "Someone Else" --warehouse "$db" >/dev/null 2>"$tmp/err"; rc=$?; set -e
  [ "$rc" = 2 ] || fail "$name gave exit $rc: $(cat "$tmp/err")"
  grep -q "$tmp/$name" "$tmp/err" || fail "$name: the error does not name the archive: $(cat "$tmp/err")"
  grep -q "$says" "$tmp/err" || fail "$name: the error does not say '$says': $(cat "$tmp/err")"
  [ "$(sha256sum "$tmp/twin.sqlite")" = "$before" ] || fail "$name changed the warehouse"
done
# A Substack import needs its publication's address.
set +e; "$cli" import substack-export "$exports/substack/digitalsovereignty" --author A --warehouse "$db" >/dev/null 2>&1; rc=$?; set -e
[ "$rc" = 2 ] || fail "substack without --publication-url gave exit $rc"

# `exports:` in an ETL config: import_exports runs before crawl_links (no links here: not at all).
mkdir -p "$tmp/cfg"
cat >"$tmp/cfg/etl.yaml" <<EOF
parameters:
  user_full_name: Andre Ruffert
exports:
  - {kind: x, path: ../x.zip}
  - {kind: medium, path: $exports/medium/anlijudavid, include_drafts: true, skip_responses: true}
EOF
out=$("$cli" etl -c "$tmp/cfg/etl.yaml" --warehouse "sqlite:$tmp/etl.sqlite" 2>/dev/null)
grep -q "export: x $tmp/x.zip" <<<"$out" || fail "etl plan: $out"
grep -q "^x-archive *30 *26 *0 *0 *4 *0$" <<<"$out" || fail "etl x summary: $out"
grep -q "^medium-export *8 *5 *0 *0 *3 *0$" <<<"$out" || fail "etl medium summary: $out"
run=$(sed -n 's/^run \([0-9a-f-]*\): succeeded$/\1/p' <<<"$out")
"$cli" runs show "$run" --warehouse "sqlite:$tmp/etl.sqlite" --json >"$tmp/run.json"
python3 - "$tmp/run.json" <<'EOF' || fail "etl run record: $(head -c 2000 "$tmp/run.json")"
import json, sys
run = json.load(open(sys.argv[1]))
assert [s["name"] for s in run["steps"]] == ["get_or_create_user", "import_exports"], run["steps"]
meta = run["steps"][1]["metadata"]["imported"]
assert meta["x-archive"]["skipped_by_reason"] == {"retweet": 4}, meta
assert meta["medium-export"]["skipped_by_reason"] == {"response": 3}, meta
assert len(run["links"]) == 38, len(run["links"])
assert {l["outcome"] for l in run["links"]} == {"stored", "skipped"}
EOF
echo "cli import checks passed"

#!/usr/bin/env bash
# With the book's warehouse export imported, the book's two configs recognise all 76 links as
# already stored: nothing is fetched, nothing is stored twice, and the run records say so.
set -u
cli=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0; passes=0
ok() { passes=$((passes+1)); }
bad() { echo "FAIL: $*"; fails=$((fails+1)); }
wh="sqlite:$tmp/twin.sqlite"

"$cli" warehouse import --dir "$src/testdata/book-export" --warehouse "$wh" >"$tmp/import.out" 2>&1 \
  && ok || { bad "import of the book's export"; cat "$tmp/import.out"; }
for config in digital_data_etl_maxime_labonne digital_data_etl_paul_iusztin; do
  # No network: every host is sent to a closed port, so any fetch would fail the run.
  "$cli" etl --config "$src/configs/$config.yaml" --warehouse "$wh" --connect-to "::127.0.0.1:9" \
    >"$tmp/$config.out" 2>"$tmp/$config.err"
  [ $? = 0 ] && ok || { bad "$config: etl did not succeed"; cat "$tmp/$config.err"; }
done
"$cli" runs list --json --warehouse "$wh" >"$tmp/runs.json" 2>/dev/null
python3 - "$tmp/runs.json" <<'PY' && ok || bad "both runs found every link already stored"
import json, sys
runs = json.load(open(sys.argv[1]))
assert len(runs) == 2, len(runs)
totals = sorted((r["totals"]["total"], r["totals"]["unchanged"], r["totals"]["stored"]) for r in runs)
assert totals == [(26, 26, 0), (50, 50, 0)], totals
users = sorted(r["steps"][0]["metadata"]["user"]["retrieved"]["user_id"] for r in runs)
# The book's own user ids: get_or_create_user found them instead of creating new users.
assert users == ["b5fa1f08-75f0-402d-8e88-d1357e346d9e", "eff74089-0271-4319-8543-745c087f4f61"], users
PY
"$cli" warehouse export --dir "$tmp/export" --warehouse "$wh" >/dev/null 2>&1
python3 - "$tmp/export" "$src/testdata/book-export" <<'PY' && ok || bad "the export still equals the book's"
import json, sys, os
for name in ["ArticleDocument.json", "UserDocument.json", "PostDocument.json", "RepositoryDocument.json"]:
    ours = json.load(open(os.path.join(sys.argv[1], name)))
    book = json.load(open(os.path.join(sys.argv[2], name)))
    key = lambda d: d["_id"]
    assert sorted(ours, key=key) == sorted(book, key=key), name
PY
echo "$passes passed, $fails failed"
[ "$fails" = 0 ]

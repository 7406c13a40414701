#!/usr/bin/env bash
# End-to-end check of `llmtwin extract`: one page in each format, and --batch over .html and
# .html.gz files (outputs and metadata JSON for every page, exit code 0).
set -euo pipefail
cli=$1
testdata=$2
work=$(mktemp -d /tmp/llmtwin-extract-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

page=$testdata/fixtures/blogs/omnivore-ghost-josephg.source.html
"$cli" extract "$page" --url https://josephg.com/blog/crdts-are-the-future --format json > "$work/one.json"
python3 - "$work/one.json" <<'PY' || fail "single page JSON"
import json, sys
page = json.load(open(sys.argv[1]))
assert page["title"] == "I was wrong. CRDTs are the future", page["title"]
assert page["author"] == "Joseph Gentle", page["author"]
assert page["published"].startswith("2020-09-26"), page["published"]
assert len(page["text"]) > 5000 and page["markdown"].count("\n\n") > 10
PY
"$cli" extract "$page" --format text > "$work/one.txt"
grep -q "CRDTs" "$work/one.txt" || fail "text format"
"$cli" extract "$page" > "$work/one.md"
[ "$(head -n 1 "$work/one.md")" = "# I was wrong. CRDTs are the future" ] || fail "markdown starts with the title"

mkdir -p "$work/in"
cp "$page" "$work/in/ghost.html"
gzip -c "$testdata/fixtures/medium/readability-medium-1.source.html" > "$work/in/medium.html.gz"
echo "not a page" > "$work/in/notes.txt"
"$cli" extract --batch "$work/in" "$work/out" || fail "batch exit code"
[ -s "$work/out/ghost.txt" ] && [ -s "$work/out/medium.txt" ] || fail "batch text outputs"
[ ! -e "$work/out/notes.txt" ] || fail "non-HTML files are not pages"
python3 - "$work/out" <<'PY' || fail "batch metadata"
import json, sys
out = sys.argv[1]
assert json.load(open(f"{out}/medium.json"))["author"] == "Pippin Lee"
assert json.load(open(f"{out}/ghost.json"))["title"] == "I was wrong. CRDTs are the future"
PY
"$cli" extract --batch "$work/in" "$work/md" --format markdown -j 1 || fail "batch markdown"
[ -s "$work/md/ghost.md" ] || fail "batch .md output"
if "$cli" extract --batch "$work/missing" "$work/x" 2>/dev/null; then fail "missing INDIR must fail"; fi
echo "cli extract: ok"

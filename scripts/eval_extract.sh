#!/usr/bin/env bash
# Scores main-content and metadata extraction on the development sets in testdata/eval:
# builds llmtwin (Release, in build-extract), runs `llmtwin extract --batch` on the Mozilla
# Readability pages, the WCXB article pages and trafilatura's evaluation set into a temporary
# folder, and prints score.py's results (F1 over word 4-grams and title/author/date accuracy; on
# the traf set, passages found / boilerplate passages kept, as its authors score it).
#   scripts/eval_extract.sh [--worst N] [--keep DIR]
# LLMTWIN_BIN=path skips the build and uses that program.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
testdata=${LLMTWIN_TESTDATA_DIR:-$root/testdata}
eval_dir=$testdata/eval
worst=0
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --worst) worst=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "usage: $0 [--worst N] [--keep DIR]" >&2; exit 2 ;;
  esac
done

bin=${LLMTWIN_BIN:-}
if [ -z "$bin" ]; then
  build=${BUILD_DIR:-build-extract}
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  ninja -C "$build" llmtwin >/dev/null
  bin=$build/llmtwin
fi

work=${keep:-$(mktemp -d /tmp/llmtwin-eval.XXXXXX)}
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/readability-in" "$work/readability-out" "$work/wcxb-out" "$work/traf-out"

# Readability: <page>/source.html -> <page>.html; the pages were saved from http://fakehost/test/.
: > "$work/readability-urls.tsv"
for page in "$eval_dir"/readability/*/; do
  name=$(basename "$page")
  [ -f "$page/source.html" ] || continue
  ln -sf "$page/source.html" "$work/readability-in/$name.html"
  printf '%s\thttp://fakehost/test/page.html\n' "$name" >> "$work/readability-urls.tsv"
done
# WCXB: html/<id>.html.gz with the URL in ground-truth/<id>.json.
python3 - "$eval_dir/wcxb-dev-articles/ground-truth" > "$work/wcxb-urls.json" <<'PY'
import json, pathlib, sys
print(json.dumps({f.stem: json.loads(f.read_text(encoding="utf8")).get("url", "")
                  for f in sorted(pathlib.Path(sys.argv[1]).glob("*.json"))}))
PY
# traf: html/<id>.html.gz with the URL in truth.json.
python3 - "$eval_dir/trafilatura-set/truth.json" > "$work/traf-urls.json" <<'PY'
import json, sys
print(json.dumps({k: v.get("url", "") for k, v in json.load(open(sys.argv[1], encoding="utf8")).items()}))
PY

"$bin" --quiet extract --batch "$work/readability-in" "$work/readability-out" --urls "$work/readability-urls.tsv"
"$bin" --quiet extract --batch "$eval_dir/wcxb-dev-articles/html" "$work/wcxb-out" --urls "$work/wcxb-urls.json"
"$bin" --quiet extract --batch "$eval_dir/trafilatura-set/html" "$work/traf-out" --urls "$work/traf-urls.json"

python3 "$eval_dir/score.py" readability "$work/readability-out" --worst "$worst"
python3 "$eval_dir/score.py" wcxb "$work/wcxb-out" --worst "$worst"
python3 "$eval_dir/score.py" traf "$work/traf-out" --worst "$worst"

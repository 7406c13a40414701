#!/usr/bin/env bash
# Scores main-content and metadata extraction on the development sets in testdata/eval:
# builds llmtwin (Release, in build-extract), runs `llmtwin extract --batch` on the Mozilla
# Readability pages, the WCXB article pages and trafilatura's evaluation set into a temporary
# folder, and prints score.py's results (F1 over word 4-grams and title/author/date accuracy; on
# the traf set, passages found / boilerplate passages kept, as its authors score it), then one
# table of the three sets beside trafilatura's scores measured in the same run on the same pages
# (trafilatura pinned in bench/python/requirements-bench.txt, installed into a venv under the
# build folder; it takes the raw bytes and detects their charset itself, as llmtwin does).
#   scripts/eval_extract.sh [--worst N] [--keep DIR] [--no-peers]
# LLMTWIN_BIN=path skips the build and uses that program; --no-peers skips trafilatura.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
testdata=${LLMTWIN_TESTDATA_DIR:-$root/testdata}
eval_dir=$testdata/eval
worst=0
keep=""
peers=1
while [ $# -gt 0 ]; do
  case "$1" in
    --worst) worst=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --no-peers) peers=0; shift ;;
    *) echo "usage: $0 [--worst N] [--keep DIR] [--no-peers]" >&2; exit 2 ;;
  esac
done

build=${BUILD_DIR:-build-extract}
bin=${LLMTWIN_BIN:-}
if [ -z "$bin" ]; then
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

[ "$peers" = 1 ] || exit 0
# ---- trafilatura on the same pages, and the table ----
mkdir -p "$build"
venv=$build/eval-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r bench/python/requirements-bench.txt 2>&1 |
  grep -v "does not provide the extra" >&2 || true
for page in "$eval_dir"/readability/*/; do
  [ -f "$page/source.html" ] && printf '%s\t%s\thttp://fakehost/test/page.html\n' "$(basename "$page")" "$page/source.html"
done >"$work/readability-pages.tsv"
python3 - "$eval_dir" "$work" <<'PY'
import json, pathlib, sys
root, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
with open(work / "wcxb-pages.tsv", "w", encoding="utf8") as out:
    urls = json.loads((work / "wcxb-urls.json").read_text(encoding="utf8"))
    for f in sorted((root / "wcxb-dev-articles" / "html").glob("*.html.gz")):
        page = f.name[:-len(".html.gz")]
        out.write(f"{page}\t{f}\t{urls.get(page, '')}\n")
with open(work / "traf-pages.tsv", "w", encoding="utf8") as out:
    urls = json.loads((work / "traf-urls.json").read_text(encoding="utf8"))
    for f in sorted((root / "trafilatura-set" / "html").glob("*.html.gz")):
        page = f.name[:-len(".html.gz")]
        out.write(f"{page}\t{f}\t{urls.get(page, '')}\n")
PY
: >"$work/scores-trafilatura.txt"
for set in readability wcxb traf; do
  "$venv/bin/python" bench/python/extract_peers.py --pages "$work/$set-pages.tsv" --tool trafilatura --reps 1 \
    --raw-bytes --write-dir "$work/trafilatura-$set-out" >"$work/trafilatura-$set.json"
  python3 "$eval_dir/score.py" "$set" "$work/trafilatura-$set-out" >>"$work/scores-trafilatura.txt"
done
{
  python3 "$eval_dir/score.py" readability "$work/readability-out"
  python3 "$eval_dir/score.py" wcxb "$work/wcxb-out"
  python3 "$eval_dir/score.py" traf "$work/traf-out"
} >"$work/scores-llmtwin.txt"
python3 - "$work" "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['version'])" "$work/trafilatura-traf.json")" <<'PY'
import pathlib, re, sys
work, version = pathlib.Path(sys.argv[1]), sys.argv[2]
def scores(path):
    out, current = {}, None
    for line in path.read_text().splitlines():
        m = re.match(r"(readability|wcxb|traf): (\d+) pages", line)
        if m:
            current = m.group(1)
            out[current] = {"pages": m.group(2)}
            continue
        m = re.match(r"precision ([\d.]+)\s+recall ([\d.]+)\s+F1 ([\d.]+)", line)
        if m and current:
            out[current].update(p=m.group(1), r=m.group(2), f1=m.group(3))
        m = re.match(r"(title|author|published) exact: .* = ([\d.]+)", line)
        if m and current:
            out[current][m.group(1)] = m.group(2)
    return out
ours, theirs = scores(work / "scores-llmtwin.txt"), scores(work / "scores-trafilatura.txt")
print()
print(f"| set | pages | llmtwin F1 (P / R) | trafilatura {version} F1 (P / R) | llmtwin title / author / date | trafilatura title / author / date |")
print("|---|---|---|---|---|---|")
for name in ("readability", "wcxb", "traf"):
    a, b = ours.get(name, {}), theirs.get(name, {})
    meta = lambda d: " / ".join(d.get(k, "-") for k in ("title", "author", "published"))
    print(f"| {name} | {a.get('pages', '-')} | {a.get('f1', '-')} ({a.get('p', '-')} / {a.get('r', '-')}) | "
          f"{b.get('f1', '-')} ({b.get('p', '-')} / {b.get('r', '-')}) | {meta(a)} | {meta(b)} |")
PY

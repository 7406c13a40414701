#!/usr/bin/env bash
# Every llmtwin benchmark in one command, each figure next to a Python peer measured in the same run
# on the same input, so a reader can check the claims of README.md on their own machine:
#
#   extraction   MB/s and quality (F1 on testdata/eval) of llmtwin's extractor vs trafilatura and
#                vs html2text of the whole page (what the book stores)
#   fetch        pages/s at 1, 8 and 64 transfers in flight: llmtwin's Fetcher vs aiohttp
#   etl          links/s of `llmtwin etl` on a synthetic site (tests/server/synth.go) into SQLite and
#                into FerretDB vs the book's way (aiohttp + html2text + sqlite3 / pymongo), and
#                llmtwin's CPU per link by stage (`--stage-cpu`: fetch/tls, parse, crawler rules, ...)
#   scaling      `llmtwin etl` into SQLite at 1,000 / 10,000 (/ 100,000) links: wall, CPU, peak memory
#
# It builds in Release mode into build-release (its own folder), makes a venv with the pinned Python
# peers (bench/python/requirements-bench.txt) under it, starts the fixture server and FerretDB with
# the test scripts (scripts/test.d) in a temporary runtime folder, repeats every measurement
# (medians are reported) and writes bench/results/REPORT.md and bench/results/results.json.
# Peak memory and process CPU come from /usr/bin/time (getrusage of the child). Everything talks to
# 127.0.0.1 only. Not part of the test suite: no test depends on speed.
#
#   bench/run_all.sh [--quick] [--reps N] [--extract-reps N] [--fetch-pages N] [--etl-links N] [--extract-pages N]
#                    [--scaling-sizes 1000,10000,100000] [--only extract,quality,fetch,etl,scaling]
#                    [--ferretdb-links N] [--out DIR] [--no-build] [--merge RAW_DIR]
#
# Defaults (scaling at 1,000 and 10,000 links) take about 15-20 minutes on a quiet 2-core machine;
# add 100,000 with --scaling-sizes 1000,10000,100000 (22 more minutes measured at load average 20). --quick (about 3 minutes) is for checking the
# script: 1 repetition, small inputs, scaling at 1,000 and 3,000 links. --merge adds the raw folder
# of an earlier run (copy build-release/bench-last-raw aside after it) to the report, e.g. a long scaling run
# done apart (--only scaling): its rows keep their own date and load.
set -euo pipefail
# The whole script is one function, read before it runs: editing this file cannot break a run.
main() {
cd "$(dirname "$0")/.."
root=$(pwd)

reps=3
fetch_pages=10000
etl_links=2000
ferretdb_links=200  # FerretDB 1.24 scans the collection for any filter but _id (docs/warehouse.md)
extract_pages=0   # 0 = all 711 WCXB pages
extract_reps=""   # repetitions of the extraction passes (default: --reps)
scaling_sizes=1000,10000  # 100,000 takes 10-25 min on 2 cores: ask with --scaling-sizes 1000,10000,100000
only=extract,quality,fetch,etl,scaling
out=bench/results
build=1
quick=0
merge=()          # raw folders of earlier runs to merge into the report (e.g. a scaling run)
concurrency=16    # transfers in flight (and Python tasks) for the ETL comparison
posts_per_author=100
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; reps=1; fetch_pages=2000; etl_links=500; ferretdb_links=100; extract_pages=100; scaling_sizes=1000,3000
      only=${only/quality,/}; shift ;;  # quality reads every page: skipped unless asked with --only
    --reps) reps=$2; shift 2 ;;
    --extract-reps) extract_reps=$2; shift 2 ;;
    --fetch-pages) fetch_pages=$2; shift 2 ;;
    --etl-links) etl_links=$2; shift 2 ;;
    --ferretdb-links) ferretdb_links=$2; shift 2 ;;
    --merge) merge+=("$2"); shift 2 ;;
    --extract-pages) extract_pages=$2; shift 2 ;;
    --scaling-sizes) scaling_sizes=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ {print} /^set -euo/ {exit}' "$0"; exit 0 ;;
    *) echo "run_all.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
extract_reps=${extract_reps:-$reps}
wants() { [[ ",$only," == *",$1,"* ]]; }

export BUILD_DIR=build-release
testdata=${LLMTWIN_TESTDATA_DIR:-$root/testdata}
venv=$BUILD_DIR/bench-venv
py=$venv/bin/python
say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# ---- Build (Release), the Go fixture server, FerretDB, the Python peers ----
if [ "$build" = 1 ]; then
  say "building llmtwin (Release) in $BUILD_DIR"
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  ninja -C "$BUILD_DIR" llmtwin fetch_bench extract_corpus_bench >/dev/null
  # Built here (not by CMake's rule) so a change to any .go file of the server is picked up.
  (cd tests/server && GOTOOLCHAIN=local GOFLAGS=-buildvcs=false go build -o "$root/$BUILD_DIR/tools/fixture-server" .)
  if wants etl; then bash scripts/setup.d/ferretdb.sh >&2; fi
  if [ ! -x "$py" ]; then python3 -m venv "$venv"; fi
  "$venv/bin/pip" install -q --disable-pip-version-check -r bench/python/requirements-bench.txt 2>&1 | grep -v "does not provide the extra" >&2 || true
fi

work=$(mktemp -d "$root/$BUILD_DIR/bench-run.XXXXXX")
raw=$work/raw
mkdir -p "$raw"
export LLMTWIN_TEST_RUNTIME=$work/runtime
mkdir -p "$LLMTWIN_TEST_RUNTIME"
# The raw measurements of the last run stay in $BUILD_DIR/bench-last-raw (for a closer look).
cleanup() {
  [ -f "$LLMTWIN_TEST_RUNTIME/cleanup.sh" ] && bash "$LLMTWIN_TEST_RUNTIME/cleanup.sh" || true
  rm -rf "$BUILD_DIR/bench-last-raw" && cp -r "$raw" "$BUILD_DIR/bench-last-raw" || true
  rm -rf "$work"
}
trap cleanup EXIT

if wants fetch || wants etl || wants scaling; then
  say "starting the fixture server"
  eval "$(bash scripts/test.d/fixture_server.sh 2>/dev/null)"
fi
if wants etl; then
  say "starting FerretDB"
  eval "$(bash scripts/test.d/ferretdb.sh 2>/dev/null)"
fi

# ---- The machine and the versions of everything measured ----
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
  echo "cores=$(nproc)"
  echo "memory=$(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "kernel=$(uname -sr)"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "options=reps $reps (extraction $extract_reps), fetch pages $fetch_pages, etl links $etl_links (FerretDB $ferretdb_links), extract pages ${extract_pages/#0/all}, scaling $scaling_sizes, quick $quick"
  echo "v_llmtwin=$("$BUILD_DIR/llmtwin" --version | head -1)"
  echo "v_compiler=$(g++ --version | head -1)"
  echo "v_libcurl=$(pkg-config --modversion libcurl)"
  echo "v_libxml2=$(pkg-config --modversion libxml-2.0)"
  echo "v_sqlite=$(pkg-config --modversion sqlite3)"
  echo "v_mongoc=$(pkg-config --modversion libmongoc-1.0)"
  echo "v_go_server=$(go version | cut -d' ' -f3)"
  echo "v_python=$("$py" -c 'import platform; print(platform.python_version())')"
  "$py" - <<'PY'
from importlib.metadata import version
for name in ("aiohttp", "html2text", "trafilatura", "lxml", "pymongo"):
    print(f"v_{name}={version(name)}")
PY
} > "$raw/machine.env"
cat "$raw/machine.env" >&2

# measure NAME CMD...: runs CMD under /usr/bin/time; stdout -> NAME.out, timing -> NAME.time
# (wall user sys maxrss_kb exit), stderr -> NAME.err. A failing command is recorded, not fatal.
measure() {
  local name=$1
  shift
  /usr/bin/time -f '%e %U %S %M %x' -o "$raw/$name.time" "$@" >"$raw/$name.out" 2>"$raw/$name.err" || true
  echo "load $(cut -d' ' -f1 /proc/loadavg)" >>"$raw/$name.time"
}

# ---- Extraction: speed on the WCXB pages (extract), F1 on both development sets (quality) ----
# wcxb_list FILE [LIMIT]: id, path and URL of the WCXB pages (the first LIMIT; 0 = all).
wcxb_list() {
  "$py" - "$testdata/eval/wcxb-dev-articles" "${2:-0}" >"$1" <<'PY'
import json, pathlib, sys
root, limit = pathlib.Path(sys.argv[1]), int(sys.argv[2])
files = sorted((root / "html").glob("*.html.gz"))
for f in files[:limit or None]:
    page = f.name[:-len(".html.gz")]
    truth = root / "ground-truth" / f"{page}.json"
    url = json.loads(truth.read_text(encoding="utf8")).get("url", "") if truth.exists() else ""
    print(f"{page}\t{f}\t{url}")
PY
}
if wants extract; then
  list=$work/wcxb-pages.tsv
  wcxb_list "$list" "$extract_pages"
  say "extraction speed: llmtwin, $(wc -l <"$list") pages x $extract_reps"
  measure extract__llmtwin "$BUILD_DIR/bench/extract_corpus_bench" --pages "$list" --reps "$extract_reps"
  for tool in trafilatura html2text; do
    say "extraction speed: $tool"
    measure "extract__$tool" "$py" bench/python/extract_peers.py --pages "$list" --tool "$tool" --reps "$extract_reps"
  done
fi
if wants quality; then
  # One pass of each tool over every page of both sets; F1 does not depend on the machine's load.
  say "extraction quality (score.py F1 on all pages of both sets)"
  LLMTWIN_BIN=$BUILD_DIR/llmtwin bash scripts/eval_extract.sh --no-peers >"$raw/quality__llmtwin.out" 2>"$raw/quality__llmtwin.err" || true
  wcxb_list "$work/wcxb-all.tsv"
  rlist=$work/readability-pages.tsv
  for page in "$testdata"/eval/readability/*/; do
    [ -f "$page/source.html" ] && printf '%s\t%s\thttp://fakehost/test/page.html\n' "$(basename "$page")" "$page/source.html"
  done >"$rlist"
  for tool in trafilatura html2text; do
    "$py" bench/python/extract_peers.py --pages "$rlist" --tool "$tool" --reps 1 --write-dir "$work/$tool-readability" >/dev/null
    "$py" bench/python/extract_peers.py --pages "$work/wcxb-all.tsv" --tool "$tool" --reps 1 --write-dir "$work/$tool-wcxb" >/dev/null
    {
      python3 "$testdata/eval/score.py" readability "$work/$tool-readability"
      python3 "$testdata/eval/score.py" wcxb "$work/$tool-wcxb"
    } >"$raw/quality__$tool.out" 2>&1 || true
  done
fi

# ---- Fetch: the Fetcher vs aiohttp on bench.test pages (~75 KB), one process per level ----
if wants fetch; then
  for rep in $(seq 1 "$reps"); do
    for level in 1 8 64; do
      say "fetch: $fetch_pages pages at $level in flight (repetition $rep/$reps)"
      measure "fetch__llmtwin__c${level}__r$rep" "$BUILD_DIR/bench/fetch_bench" --pages "$fetch_pages" --concurrency "$level"
      measure "fetch__aiohttp__c${level}__r$rep" "$py" bench/python/fetch_aiohttp.py --pages "$fetch_pages" --concurrency "$level"
    done
  done
fi

# synth_links N FILE: the first N links of the synthetic site (N/100 authors x 100 posts).
synth_links() {
  local n=$1 authors=$(( ($1 + posts_per_author - 1) / posts_per_author ))
  curl -sf -H 'Host: synth.test' "http://127.0.0.1:$LLMTWIN_TEST_HTTP_PORT/links?authors=$authors&posts=$posts_per_author" | head -n "$n" >"$2"
}
# etl_config LINKS FILE: a config for `llmtwin etl` on the synthetic site. Politeness delays are
# off and per-host connections equal the global limit: this measures the engine, not the waits.
etl_config() {
  {
    echo "parameters:"
    echo "  user_full_name: Ada Lovelace"
    echo "  links:"
    sed 's/^/    - /' "$1"
    echo "crawl:"
    echo "  connect_to: [\":443:127.0.0.1:$LLMTWIN_TEST_HTTPS_PORT\", \":80:127.0.0.1:$LLMTWIN_TEST_HTTP_PORT\"]"
    echo "  cacert: $LLMTWIN_TEST_CA"
    echo "  allow_private_addresses: true"
    echo "  concurrency: $concurrency"
    echo "  per_host_connections: $concurrency"
    echo "  min_delay_ms: 0"
  } >"$2"
}

# ---- End-to-end ETL: llmtwin etl vs the book's way, into SQLite and into FerretDB ----
if wants etl; then
  synth_links "$etl_links" "$work/etl-links.txt"
  etl_config "$work/etl-links.txt" "$work/etl.yaml"
  synth_links "$ferretdb_links" "$work/etl-ferretdb-links.txt"
  etl_config "$work/etl-ferretdb-links.txt" "$work/etl-ferretdb.yaml"
  for rep in $(seq 1 "$reps"); do
    say "etl: $etl_links links into SQLite, $ferretdb_links into FerretDB (repetition $rep/$reps)"
    rm -f "$work"/etl-*.db*
    measure "etl__llmtwin__sqlite__r$rep" "$BUILD_DIR/llmtwin" --quiet etl --stage-cpu --config "$work/etl.yaml" --warehouse "sqlite:$work/etl-llmtwin.db"
    measure "etl__book__sqlite__r$rep" "$py" bench/python/etl_book_way.py --links "$work/etl-links.txt" --concurrency "$concurrency" --warehouse "sqlite:$work/etl-book.db"
    measure "etl__llmtwin__ferretdb__r$rep" "$BUILD_DIR/llmtwin" --quiet etl --stage-cpu --config "$work/etl-ferretdb.yaml" --warehouse "${LLMTWIN_TEST_MONGO_URI}bench_llmtwin_$rep"
    measure "etl__book__ferretdb__r$rep" "$py" bench/python/etl_book_way.py --links "$work/etl-ferretdb-links.txt" --concurrency "$concurrency" --warehouse "${LLMTWIN_TEST_MONGO_URI}bench_book_$rep"
    rm -f "$work"/etl-*.db*
  done
fi

# ---- Scaling: llmtwin etl into SQLite at growing link counts (one run each) ----
if wants scaling; then
  for n in ${scaling_sizes//,/ }; do
    say "scaling: $n links into SQLite"
    synth_links "$n" "$work/scale-links.txt"
    rm -f "$work"/scale-*.db* "$work"/scale-chunk-*
    # A config is at most 1 MiB (src/pipeline/config.cc), about 13,000 links: larger sizes run as
    # consecutive `llmtwin etl` runs of 10,000 links into the same warehouse (summed in the report).
    split -l 10000 -d -a 3 "$work/scale-links.txt" "$work/scale-chunk-"
    chunk=0
    for part in "$work"/scale-chunk-*; do
      chunk=$((chunk + 1))
      etl_config "$part" "$work/scale.yaml"
      measure "scaling__llmtwin__n${n}__c${chunk}__r1" "$BUILD_DIR/llmtwin" --quiet etl --config "$work/scale.yaml" --warehouse "sqlite:$work/scale-$n.db"
    done
    du -k "$work/scale-$n.db" | cut -f1 >"$raw/scaling__llmtwin__n${n}__r1.dbkb" || true
    rm -f "$work"/scale-*.db* "$work"/scale-chunk-*
  done
fi

echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$raw/machine.env"
mkdir -p "$out"
python3 bench/python/summarize.py "$raw" ${merge[@]+"${merge[@]}"} --out "$out"
say "wrote $out/REPORT.md and $out/results.json"
}

main "$@"; exit  # one line: bash has read it all before main runs

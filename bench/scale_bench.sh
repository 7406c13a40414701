#!/usr/bin/env bash
# The measured inputs of docs/scale.md: K `llmtwin etl --shard i/K` worker processes started
# together on one FerretDB warehouse, for each K given, over the same N links of the synthetic
# author sites (tests/server/synth.go: Substack, Medium and WordPress markup on many hosts), with
# politeness delays off so the machine (CPU, the warehouse), not the hosts, is the limit:
#
#   bench/scale_bench.sh [--links N] [--workers 1,2,4] [--build DIR]
#
# Per K it prints the wall time of the whole job, links/s, and the CPU spent per link by the
# workers (getrusage via /usr/bin/time), by FerretDB and by the fixture server (their
# /proc/PID/stat before and after): CPU ms per stored link is what a warehouse write and a crawl
# cost, whatever the core count. Each K stores into a fresh database. Starts its own fixture
# server and FerretDB (scripts/test.d) in a temporary folder. Not a test: no assertion on speed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
links=600
workers=1,2,4
build=build
while [ $# -gt 0 ]; do
  case "$1" in
    --links) links=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    *) echo "scale_bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
cli=$root/$build/llmtwin
[ -x "$cli" ] || { echo "scale_bench.sh: build $cli first" >&2; exit 1; }
tmp=$(mktemp -d)
export LLMTWIN_TEST_RUNTIME=$tmp
trap 'bash "$tmp/cleanup.sh" 2>/dev/null; rm -rf "$tmp"' EXIT
unset LLMTWIN_TEST_HTTPS_PORT LLMTWIN_TEST_MONGO_URI
# shellcheck source=../tests/support/fixture_server.sh
. tests/support/fixture_server.sh
BUILD_DIR=$build use_fixture_server "$tmp/server" >/dev/null
eval "$(BUILD_DIR=$build bash scripts/test.d/ferretdb.sh 2>/dev/null)"
ferret_pid=$(grep -o 'kill [0-9]*' "$tmp/cleanup.sh" | tail -1 | cut -d' ' -f2)  # ferretdb.sh's stop command
server_pid=$LLMTWIN_TEST_SERVER_PID
tick=$(getconf CLK_TCK)
cpu_s() { awk -v t="$tick" '{print ($14 + $15) / t}' "/proc/$1/stat"; }

authors=$(( (links + 2) / 3 ))
curl -sS --fail --cacert "$LLMTWIN_TEST_CA" --connect-to "synth.test:443:127.0.0.1:$LLMTWIN_TEST_HTTPS_PORT" \
  "https://synth.test/links?authors=$authors&posts=3" | head -n "$links" >"$tmp/links.txt"
hosts=$(awk -F/ '{print $3}' "$tmp/links.txt" | sort -u | wc -l)
{
  echo "parameters:"
  echo "  user_full_name: Scale Bench"
  echo "  links:"
  sed 's/^/    - /' "$tmp/links.txt"
  echo "crawl:"
  echo "  connect_to: [':443:127.0.0.1:$LLMTWIN_TEST_HTTPS_PORT']"
  echo "  cacert: $LLMTWIN_TEST_CA"
  echo "  allow_private_addresses: true"
  echo "  min_delay_ms: 0"
  echo "  per_host_connections: 4"
  echo "  concurrency: 16"
} >"$tmp/config.yaml"
echo "# $(wc -l <"$tmp/links.txt") links on $hosts hosts; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg) at start; $(date -u +%FT%TZ)"
echo "| workers | wall s | links/s | stored | worker CPU ms/link | FerretDB CPU ms/link | fixture server CPU ms/link | load at end |"
echo "|---|---|---|---|---|---|---|---|"
IFS=, read -r -a ks <<<"$workers"
for k in "${ks[@]}"; do
  db="${LLMTWIN_TEST_MONGO_URI%/}/scale_$k"
  f0=$(cpu_s "$ferret_pid"); s0=$(cpu_s "$server_pid"); t0=$(date +%s.%N)
  pids=()
  for ((i = 0; i < k; i++)); do
    /usr/bin/time -f "%U %S" -o "$tmp/time.$k.$i" "$cli" --quiet etl --config "$tmp/config.yaml" --warehouse "$db" \
      --shard "$i/$k" >"$tmp/out.$k.$i" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || { echo "a worker failed:" >&2; tail -3 "$tmp"/out."$k".* >&2; }; done
  t1=$(date +%s.%N); f1=$(cpu_s "$ferret_pid"); s1=$(cpu_s "$server_pid")
  stored=$("$cli" --quiet query articles --warehouse "$db" --json --limit 1000000 | jq length)
  worker_cpu=$(cat "$tmp"/time."$k".* | awk '{s += $1 + $2} END {print s}')
  awk -v k="$k" -v w="$(echo "$t1 - $t0" | bc)" -v n="$stored" -v c="$worker_cpu" -v f="$(echo "$f1 - $f0" | bc)" \
      -v s="$(echo "$s1 - $s0" | bc)" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN {printf "| %d | %.1f | %.1f | %d | %.2f | %.2f | %.2f | %s |\n", k, w, n / w, n, 1000 * c / n, 1000 * f / n, 1000 * s / n, load}'
done

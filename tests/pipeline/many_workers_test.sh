#!/usr/bin/env bash
# Many workers, one warehouse (MongoDB protocol; FerretDB here), with `llmtwin etl` itself:
#  1. K=3 processes `etl --shard i/3` started together store every link once, under one user, and
#     their run records together account for every link once;
#  2. two processes given the SAME config at the same time (a user's mistake) also store every
#     link once, and each run's records say what happened to every link: across the two runs
#     each link is "stored" exactly once and "unchanged" in the other run.
# The links are the fixture server's synthetic author sites (Substack, Medium, WordPress markup on
# ~25 hosts). Uses the run's FerretDB and fixture server when scripts/test.sh started them, else
# starts its own; exits 77 (skipped) when no FerretDB binary was built.
set -u
cli=$1; src=$2
build=$(dirname "$cli")
tmp=$(mktemp -d)
cleanup() { [ -f "$tmp/cleanup.sh" ] && bash "$tmp/cleanup.sh"; rm -rf "$tmp"; }
trap cleanup EXIT
# shellcheck source=../support/fixture_server.sh
. "$src/tests/support/fixture_server.sh"
BUILD_DIR=$build use_fixture_server "$tmp/server" || exit 1
if [ -z "${LLMTWIN_TEST_MONGO_URI:-}" ]; then
  if [ ! -x "$build/tools/ferretdb" ]; then
    echo "SKIP: no LLMTWIN_TEST_MONGO_URI and no $build/tools/ferretdb (scripts/setup.d/ferretdb.sh)"
    exit 77
  fi
  eval "$(cd "$src" && BUILD_DIR=$build LLMTWIN_TEST_RUNTIME=$tmp bash scripts/test.d/ferretdb.sh)" || exit 1
fi
fails=0; passes=0
ok() { passes=$((passes+1)); }
bad() { echo "FAIL: $*"; fails=$((fails+1)); }

curl -sS --fail --cacert "$LLMTWIN_TEST_CA" --connect-to "synth.test:443:127.0.0.1:$LLMTWIN_TEST_HTTPS_PORT" \
  "https://synth.test/links?authors=24&posts=3" >"$tmp/links.txt" || { echo "FAIL: cannot list the synthetic links"; exit 1; }
n=$(wc -l <"$tmp/links.txt")
{
  echo "parameters:"
  echo "  user_full_name: Many Workers"
  echo "  links:"
  sed 's/^/    - /' "$tmp/links.txt"
  echo "crawl:"
  echo "  connect_to: [':443:127.0.0.1:$LLMTWIN_TEST_HTTPS_PORT']"
  echo "  cacert: $LLMTWIN_TEST_CA"
  echo "  allow_private_addresses: true"
  echo "  min_delay_ms: 150  # medium.com has a third of the links: each run lasts a few seconds"
} >"$tmp/config.yaml"
base=${LLMTWIN_TEST_MONGO_URI%/}

# Starts every command line given (one per argument) at once and waits for all; exit codes in
# $tmp/<name>.rc.
run_together() {
  local name=$1 i=0 pids=()
  shift
  for args in "$@"; do
    # shellcheck disable=SC2086
    "$cli" --log-format json etl --config "$tmp/config.yaml" $args >"$tmp/$name.$i.out" 2>"$tmp/$name.$i.err" &
    pids+=($!); i=$((i+1))
  done
  i=0
  for pid in "${pids[@]}"; do wait "$pid"; echo $? >"$tmp/$name.$i.rc"; i=$((i+1)); done
}

# What a warehouse holds after a test: articles and users, and every run with its link records.
dump() {
  local wh=$1 out=$2
  "$cli" query articles --json --limit 100000 --warehouse "$wh" >"$out.articles.json" 2>/dev/null
  "$cli" query users --json --warehouse "$wh" >"$out.users.json" 2>/dev/null
  "$cli" runs list --json --warehouse "$wh" >"$out.runs.json" 2>/dev/null
  for id in $(jq -r '.[]._id' "$out.runs.json"); do
    "$cli" runs show "$id" --json --warehouse "$wh" 2>/dev/null
  done | jq -s . >"$out.shown.json"
}

# ---- 0. the command line: a bad shard is a usage error; --dry-run lists the shard's links only ----
"$cli" etl --config "$tmp/config.yaml" --warehouse "sqlite:$tmp/unused.sqlite" --shard 3/3 >"$tmp/bad.out" 2>&1
rc=$?
[ "$rc" = 2 ] && grep -q "numbered from 0" "$tmp/bad.out" && ok || { bad "--shard 3/3 exited $rc"; cat "$tmp/bad.out"; }
total=0
for i in 0 1 2; do
  "$cli" etl --config "$tmp/config.yaml" --dry-run --shard "$i/3" >"$tmp/dry.$i" 2>/dev/null
  total=$((total + $(grep -c '^  https://' "$tmp/dry.$i")))
done
[ "$total" = "$n" ] && [ "$(grep -l medium.com "$tmp"/dry.* | wc -l)" = 1 ] && ok || bad "--dry-run shards list $total links for $n (or medium.com is not in one shard)"

# ---- 1. three shards at once ----
wh1="$base/many_workers_shards_$$"
run_together shards "--warehouse $wh1 --shard 0/3" "--warehouse $wh1 --shard 1/3" "--warehouse $wh1 --shard 2/3"
for i in 0 1 2; do
  [ "$(cat "$tmp/shards.$i.rc")" = 0 ] && ok || { bad "shard $i/3 exited $(cat "$tmp/shards.$i.rc")"; tail -5 "$tmp/shards.$i.err"; }
done
dump "$wh1" "$tmp/shards"
python3 - "$tmp/shards" "$tmp/links.txt" <<'PY' && ok || bad "three shards at once"
import json, sys
out, links = sys.argv[1], [l.strip() for l in open(sys.argv[2]) if l.strip()]
articles = json.load(open(out + ".articles.json"))
users = json.load(open(out + ".users.json"))
shown = json.load(open(out + ".shown.json"))
assert len(users) == 1, f"{len(users)} users for one author"
stored = [a["link"] for a in articles]
assert sorted(stored) == sorted(links), f"{len(stored)} documents for {len(links)} links"
assert len(shown) == 3, len(shown)
assert sorted(r["shard"]["index"] for r in shown) == [0, 1, 2], [r.get("shard") for r in shown]
recorded = [l["link"] for r in shown for l in r["links"]]
assert sorted(recorded) == sorted(links), "the runs' link records do not cover every link once"
for r in shown:
    assert r["status"] == "succeeded", r["status"]
    assert r["totals"]["total"] == len(r["links"]) > 0, r["totals"]
    assert all(l["outcome"] == "stored" for l in r["links"]), {l["outcome"] for l in r["links"]}
# Started together: no run ended before another began (timestamps have one-second resolution, and
# the shards without medium.com are short).
assert max(r["started_at"] for r in shown) <= min(r["ended_at"] for r in shown), "the shards did not overlap"
PY

# ---- 2. the same config twice at once ----
wh2="$base/many_workers_same_$$"
run_together same "--warehouse $wh2" "--warehouse $wh2"
for i in 0 1; do
  [ "$(cat "$tmp/same.$i.rc")" = 0 ] && ok || { bad "copy $i exited $(cat "$tmp/same.$i.rc")"; tail -5 "$tmp/same.$i.err"; }
done
dump "$wh2" "$tmp/same"
python3 - "$tmp/same" "$tmp/links.txt" <<'PY' && ok || bad "the same config twice at once"
import collections, json, sys
out, links = sys.argv[1], [l.strip() for l in open(sys.argv[2]) if l.strip()]
articles = json.load(open(out + ".articles.json"))
users = json.load(open(out + ".users.json"))
shown = json.load(open(out + ".shown.json"))
assert len(users) == 1, f"{len(users)} users for one author"
stored = [a["link"] for a in articles]
assert sorted(stored) == sorted(links), f"{len(stored)} documents for {len(links)} links"
assert len(shown) == 2, len(shown)
outcomes = collections.defaultdict(list)
for r in shown:
    assert r["status"] == "succeeded", r["status"]
    assert sorted(l["link"] for l in r["links"]) == sorted(links), "a run does not record every link"
    assert r["totals"]["total"] == len(links), r["totals"]
    for l in r["links"]:
        outcomes[l["link"]].append(l["outcome"])
        # Every document id a record names is the one stored for its link.
        assert len(l["document_ids"]) == 1, l
for link in links:
    assert sorted(outcomes[link]) == ["stored", "unchanged"], (link, outcomes[link])
ids = {a["link"]: a["_id"] for a in articles}
for r in shown:
    for l in r["links"]:
        assert l["document_ids"] == [ids[l["link"]]], (l["link"], l["document_ids"], ids[l["link"]])
assert max(r["started_at"] for r in shown) < min(r["ended_at"] for r in shown), "the two runs did not overlap"
both = sum(1 for link in links if set(outcomes[link]) == {"stored", "unchanged"})
print(f"same config twice: {both} links stored by one run and found unchanged by the other;",
      sum(r["totals"]["stored"] for r in shown), "stored in all")
PY

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]

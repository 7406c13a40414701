#!/usr/bin/env bash
# The repository stands alone: a clone with nothing beside it runs every test, benchmark, fuzzer
# and extraction score. This pins it:
#   1. no tracked file names the hand-over folder beside the checkout (the parent directory's
#      "shared"): data from there is copied into testdata/ once, with its provenance;
#   2. every test data set says where it came from and under which licence (a PROVENANCE.md,
#      README.md or LICENSE in the set's folder);
#   3. every file a fixture manifest names is in the repository (the fixture server serves them).
# Usage: standalone_test.sh SOURCE_DIR
set -uo pipefail
src=$1
cd "$src" || exit 1
fails=0
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# The forbidden spelling is assembled so this file does not name it itself.
forbidden='\.\./'"shared"'\b'
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  hits=$(git grep -n -I -E "$forbidden" -- . 2>/dev/null)
else  # an unpacked source tarball: every file but build output
  hits=$(grep -rn -I -E "$forbidden" --exclude-dir='build*' --exclude-dir=.git . 2>/dev/null)
fi
[ -z "$hits" ] || bad "tracked files read the folder beside the repository (copy the data into testdata/):
$hits"

for set in testdata/fixtures/*/ testdata/fixtures/exports/*/*/ testdata/eval/*/ testdata/book-export/ testdata/synthetic/; do
  case "$set" in testdata/fixtures/exports/) continue ;; esac
  [ -d "$set" ] || { bad "missing test data set $set"; continue; }
  compgen -G "$set"'PROVENANCE*' >/dev/null || compgen -G "$set"'README*' >/dev/null ||
    compgen -G "$set"'LICENSE*' >/dev/null || bad "$set has no PROVENANCE.md, README.md or LICENSE"
done
[ -f testdata/eval/score.py ] || bad "the extraction scorer testdata/eval/score.py is missing"

python3 - testdata/fixtures/MANIFEST.json testdata/synthetic/MANIFEST.json <<'PY' || fails=$((fails + 1))
import json, os, sys
missing = []
for manifest in sys.argv[1:]:
    base = os.path.dirname(manifest)
    data = json.load(open(manifest))
    for entry in data["pages"]:
        name = entry.get("file")
        if name and not os.path.exists(os.path.join(base, name)):
            missing.append(f"{manifest}: {name}")
if missing:
    print("FAIL: files named by a manifest are not in the repository:", *missing, sep="\n  ")
    sys.exit(1)
PY

if [ "$fails" -gt 0 ]; then echo "standalone: $fails problem(s)"; exit 1; fi
echo "standalone: the repository names nothing outside itself; every test data set has its provenance"

#!/usr/bin/env bash
# The strongest proof that the wheel is self-contained (docs/python.md): a minimal Debian 12 root
# made with debootstrap from the Debian mirror (python3, python3-venv and ca-certificates; no -dev
# package, no libcurl, libxml2, libmongoc, libsasl2...), the repaired wheel installed there into a
# venv with nothing else, and a crawl of three fixture pages into FerretDB from inside the chroot;
# prints the libraries the process mapped that are not the wheel's own. Needs root, debootstrap
# (apt-get install debootstrap) and the Debian mirror; not part of scripts/test.sh (minutes of
# download). Uses the services of scripts/test.sh when their variables are set, else starts them.
#
#   scripts/dev/wheel_in_debian_root.sh WHEEL [ROOT_DIR=/tmp/llmtwin-debian-root]
set -euo pipefail
cd "$(dirname "$0")/../.."
wheel=$(realpath "$1")
root=${2:-/tmp/llmtwin-debian-root}
export BUILD_DIR=${BUILD_DIR:-build}
if [ ! -x "$root/opt/venv/bin/python" ]; then
  [ -x "$root/usr/bin/python3" ] ||
    debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates bookworm "$root" http://deb.debian.org/debian
  chroot "$root" python3 -m venv /opt/venv
fi
echo "in the root: $(chroot "$root" dpkg -l | grep -c -- '-dev ') -dev packages;" \
  "$(ls "$root"/usr/lib/x86_64-linux-gnu | grep -cE '^lib(curl|xml2|mongoc|sasl2|archive)') of libcurl/libxml2/libmongoc/libsasl2/libarchive"
cp "$wheel" "$root/tmp/"
chroot "$root" /opt/venv/bin/pip install -q --no-index --no-deps --force-reinstall "/tmp/$(basename "$wheel")"

runtime=$(mktemp -d)
trap 'bash "$runtime/cleanup.sh" 2>/dev/null || true; umount "$root/proc" 2>/dev/null || true; rm -rf "$runtime"' EXIT
export LLMTWIN_TEST_RUNTIME=$runtime
if [ -z "${LLMTWIN_TEST_HTTPS_PORT:-}" ]; then eval "$(bash scripts/test.d/fixture_server.sh)"; fi
if [ -z "${LLMTWIN_TEST_MONGO_URI:-}" ]; then eval "$(bash scripts/test.d/ferretdb.sh)"; fi
cp "$LLMTWIN_TEST_CA" "$root/tmp/ca.pem"
cat >"$root/tmp/proof.py" <<'PY'
import sys, llmtwin
port, mongo = sys.argv[1], sys.argv[2]
opts = {"connect_to": [f":443:127.0.0.1:{port}"], "cacert": "/tmp/ca.pem", "allow_private_addresses": True}
links = ["https://pythonspeed.com/articles/pipenv-docker/", "https://josephg.com/blog/crdts-are-the-future",
         "https://medium.com/@johncwelch/samantha-and-the-great-big-lie-d146a92473a1"]
report = llmtwin.crawl(links, author="Debian Root", warehouse=mongo, crawl=opts)
stored = len(llmtwin.find_documents("articles", warehouse=mongo))
print(f"crawl: {report['status']}, {stored} articles in {mongo}")
maps = sorted({line.split()[-1] for line in open("/proc/self/maps") if ".so" in line})
print(f"{sum('llmtwin.libs' in m for m in maps)} libraries mapped from the wheel's llmtwin.libs; the others:")
print("\n".join("  " + m for m in maps if "llmtwin.libs" not in m))
sys.exit(0 if report["status"] == "succeeded" and stored == len(links) else 1)
PY
mount -t proc proc "$root/proc"
chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin /opt/venv/bin/python /tmp/proof.py "$LLMTWIN_TEST_HTTPS_PORT" \
  "${LLMTWIN_TEST_MONGO_URI%/}/debian_root_$$" 2> >(grep -v ' info ' >&2)

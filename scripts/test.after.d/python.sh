#!/usr/bin/env bash
# The Python package and the ZenML pipeline (python/): builds the self-contained wheel ONCE
# (scripts/build_wheel.sh: pip wheel + auditwheel repair, build tree under $BUILD_DIR so a re-run
# recompiles only what changed), installs that repaired wheel into a virtual environment kept under
# $BUILD_DIR (reused by later runs) with the pinned test tools (python/requirements-test.txt:
# pytest, pymongo, zenml[local], the wheel tools), so every test runs the wheel's engine and
# python/tests/test_wheel.py checks the wheel itself (LLMTWIN_TEST_WHEEL), then runs python/tests with
# pytest against the services scripts/test.sh started (the HTTPS fixture server, FerretDB), with a
# private ZenML store in a temporary folder and analytics off. pytest's "no tests ran" (exit 5)
# counts as a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
BUILD_DIR=${BUILD_DIR:-build}
mkdir -p "$BUILD_DIR"
build_dir=$(cd "$BUILD_DIR" && pwd)
venv=$build_dir/python-venv
started=$(date +%s)

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
python=$venv/bin/python
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_CACHE_DIR=${PIP_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/pip}  # downloaded wheels, kept across runs

# Test tools: only when the pins changed since the last install.
stamp=$venv/.requirements-test.sha256
want=$(cat python/requirements-test.txt python/requirements-wheel.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  "$python" -m pip install -q -r python/requirements-test.txt
  echo "$want" >"$stamp"
fi

# The package itself: the self-contained wheel a user would install anywhere, built and repaired
# once, then installed here in place of the previous one.
wheel=$(BUILD_DIR=$build_dir bash scripts/build_wheel.sh --python "$python" --out "$build_dir/dist")
"$python" -m pip install -q --force-reinstall --no-deps "$wheel"
export LLMTWIN_TEST_WHEEL=$wheel
echo "python: venv and package ready in $(( $(date +%s) - started ))s"

# A private ZenML store: never the user's, no analytics.
zenml_root=$(mktemp -d "${LLMTWIN_TEST_RUNTIME:-/tmp}/zenml.XXXXXX")
trap 'rm -rf "$zenml_root"' EXIT
export ZENML_ANALYTICS_OPT_IN=false ZENML_LOGGING_VERBOSITY=WARN AUTO_OPEN_DASHBOARD=false
export ZENML_CONFIG_PATH=$zenml_root/config ZENML_REPOSITORY_PATH=$zenml_root/repo
mkdir -p "$ZENML_REPOSITORY_PATH"
if ! (cd "$ZENML_REPOSITORY_PATH" && "$venv/bin/zenml" init >"$zenml_root/init.log" 2>&1); then
  cat "$zenml_root/init.log" >&2
  exit 1
fi

status=0
# The pytest script, not `python -m pytest`: that would put python/ first on sys.path and test the
# source folder instead of the installed package.
(cd "$root/python" && "$venv/bin/pytest" -p no:cacheprovider -q --import-mode=importlib tests) || status=$?
echo "python: done in $(( $(date +%s) - started ))s"
if [ "$status" = 5 ]; then
  echo "python: pytest collected no tests" >&2
  exit 1
fi
exit "$status"

#!/usr/bin/env bash
# The whole C++ suite again under AddressSanitizer + UndefinedBehaviorSanitizer (and LeakSanitizer):
# scripts/sanitizers.sh builds build-asan and runs ctest there against the services scripts/test.sh
# started. Any sanitizer report fails the test that triggered it. SKIP_SANITIZERS=1 leaves it out
# of a local run (CI never sets it).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${SKIP_SANITIZERS:-0}" = "1" ]; then
  echo "sanitizers: skipped (SKIP_SANITIZERS=1)"
  exit 0
fi
exec bash scripts/sanitizers.sh

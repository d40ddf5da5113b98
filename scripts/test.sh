#!/usr/bin/env bash
# The whole test suite: installs and builds when needed, then runs ctest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/build.sh"
build="${PROTOKOLL_BUILD_DIR:-$root/build}"
# playwright-core for the browser test, from the npm registry (never fatal).
PROTOKOLL_BUILD_DIR="$build" bash "$root/scripts/setup-browser-test.sh"
# Tesseract's OpenMP threads oversubscribe a small machine; protokoll runs one
# single-threaded engine per worker instead.
export OMP_THREAD_LIMIT=1
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "$@"

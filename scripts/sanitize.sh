#!/usr/bin/env bash
# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer:
# configures build-sanitize/ (or $PROTOKOLL_SANITIZE_BUILD_DIR) with
# -DPROTOKOLL_SANITIZE=address,undefined, builds, and runs ctest; any report
# fails the test it happens in. Extra arguments go to ctest (e.g. -E segment_gold
# to leave out the gold set, which OCRs ~125 pages and is slow under ASan).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PROTOKOLL_SANITIZE_BUILD_DIR:-$root/build-sanitize}"
bash "$root/scripts/ensure-deps.sh"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROTOKOLL_SANITIZE=address,undefined \
    -DPROTOKOLL_BUILD_BENCH=OFF >&2
fi
cmake --build "$build" -j "$(nproc)" >&2
export OMP_THREAD_LIMIT=1
# Leaks inside Tesseract's and Poppler's process-lifetime caches are not ours to fix.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "$@"

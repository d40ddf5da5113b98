#!/usr/bin/env bash
# Installs what is missing, then configures (once) and builds incrementally.
# Build directory: $PROTOKOLL_BUILD_DIR or build/ in the project.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/ensure-deps.sh"
build="${PROTOKOLL_BUILD_DIR:-$root/build}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >&2
fi
cmake --build "$build" -j "$(nproc)" >&2

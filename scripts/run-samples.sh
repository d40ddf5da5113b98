#!/usr/bin/env bash
# The main job on the samples: installs and builds when needed, ingests
# samples/ into the embedded database (./protokoll.db unless --db or
# $PROTOKOLL_DB says otherwise), then lists what is stored.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/build.sh"
bin="${PROTOKOLL_BUILD_DIR:-$root/build}/protokoll"
cd "$root"
"$bin" ingest samples/ "$@"
"$bin" list "$@"

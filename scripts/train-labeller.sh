#!/usr/bin/env bash
# Trains the line labeller from the gold set (tests/data/gold, documents in
# ../shared/corpus) and writes normalize/model/line_labeller.json, which the
# build compiles in. Deterministic: same gold set and features, same file.
# Rebuilds afterwards so the binary carries the new model.
#   PROTOKOLL_EVAL_CACHE=/tmp/protokoll-eval bash scripts/train-labeller.sh
# (the cache keeps OCR results between runs; delete it after changing ingest).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PROTOKOLL_BUILD_DIR:-$root/build}"
bash "$root/scripts/build.sh"
[ -d "$root/../shared/corpus" ] || { echo "train-labeller: no ../shared/corpus beside the project" >&2; exit 1; }
export OMP_THREAD_LIMIT=1
mkdir -p "$root/normalize/model"
"$build/bench/train_labeller" "$root/normalize/model/line_labeller.json.new"
mv "$root/normalize/model/line_labeller.json.new" "$root/normalize/model/line_labeller.json"
cmake --build "$build" -j "$(nproc)" >&2

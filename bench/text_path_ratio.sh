#!/usr/bin/env bash
# The born-digital text path's CPU against pdftotext -bbox-layout on the same
# PDFs, in one run (the machine may be shared: the ratio is what counts).
#   bash bench/text_path_ratio.sh [DIR]   (default ../shared/corpus)
# Prints CPU seconds (user+sys) of `protokoll ingest -j1 --ocr never` into a
# fresh database and of pdftotext over every PDF, and their ratio.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$root/../shared/corpus}"
bin="${PROTOKOLL_BIN:-$root/build/protokoll}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mapfile -t pdfs < <(find "$dir" -iname '*.pdf' -type f | sort)
cpu() { /usr/bin/time -f '%U %S' -o "$tmp/time" "$@" > /dev/null 2>&1 || true; awk '{print $1 + $2}' "$tmp/time"; }
ours=$(cpu "$bin" --db "$tmp/db" ingest -j 1 --ocr never --progress none "${pdfs[@]}")
theirs=$(cpu bash -c 'for f in "$@"; do pdftotext -bbox-layout "$f" /dev/null; done' _ "${pdfs[@]}")
echo "${#pdfs[@]} PDFs: protokoll ingest -j1 --ocr never ${ours} s CPU, pdftotext -bbox-layout ${theirs} s CPU," \
  "ratio $(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')"

#!/usr/bin/env bash
# Peak memory against document length (issue 15, item 2), not run by ctest:
#   bash bench/memory_bench.sh [BUILD_DIR] [CORPUS_DIR] [JOBS] [OCR_SECONDS]
# (defaults: build, ../shared/corpus, 2, 300)
# `protokoll ingest -j JOBS` into a fresh store, peak RSS from GNU time, on
# - the 102-page Nykarleby protocol (fi-nykarleby-sv), text layer only
#   (--ocr never) and every page OCR'd (--ocr always);
# - a 2,040-page PDF made here (that protocol 20 times, joined by qpdf; never
#   kept), text layer only, and with --ocr always stopped after OCR_SECONDS
#   (--max-document-seconds: the pages not OCR'd by then keep their text
#   layer), so that OCR runs over its first few hundred pages;
# - two and four copies of the protocol, to see the growth per page.
# Targets (issue 15): < 300 MB for text pages, < 600 MB with OCR at -j 2.
# Prints: what, pages, wall s, user s, sys s, max RSS kB.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
corpus="${2:-$root/../shared/corpus}"
jobs="${3:-2}"
ocr_seconds="${4:-300}"
P="$build/protokoll"
[ -x "$P" ] || { echo "no $P: build the protokoll target first" >&2; exit 2; }
src="$corpus/fi-nykarleby-sv/personalsektionen_protokoll_29_05_2023_15_00_164658.pdf"
[ -f "$src" ] || { echo "no $src" >&2; exit 2; }
bash "$root/scripts/ensure-deps.sh" "$root/scripts/bench-packages.txt"
export OMP_THREAD_LIMIT=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "# $(date -u +%FT%TZ) load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc --all) cores"

join_copies() {  # copies, output: the protocol N times in one PDF
  local args=() i
  for i in $(seq "$1"); do args+=("$src"); done
  qpdf --empty --pages "${args[@]}" -- "$2"
}
join_copies 2 "$work/x2.pdf"
join_copies 4 "$work/x4.pdf"
join_copies 20 "$work/x20.pdf"

run() {  # name, file, ingest options...
  local name="$1" file="$2"; shift 2
  rm -rf "$work/db"
  /usr/bin/time -f "%e	%U	%S	%M" -o "$work/t" "$P" --db "$work/db" ingest --quiet -j "$jobs" "$@" "$file" > /dev/null 2>&1 || true
  local pages
  pages=$("$P" --db "$work/db" stats --json | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["pages_text"], s["pages_ocr"], sep="+")' 2>/dev/null || echo "?")
  printf '%s\t%s\t%s\n' "$name" "$pages" "$(cat "$work/t")"
}

echo "# what	text+ocr pages	wall_s	user_s	sys_s	maxrss_kB"
run "102 pages, text" "$src" --ocr never
run "204 pages, text" "$work/x2.pdf" --ocr never
run "408 pages, text" "$work/x4.pdf" --ocr never
run "2,040 pages, text" "$work/x20.pdf" --ocr never
run "102 pages, OCR" "$src" --ocr always
run "2,040 pages, OCR for ${ocr_seconds} s" "$work/x20.pdf" --ocr always --max-document-seconds "$ocr_seconds"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%FT%TZ)"

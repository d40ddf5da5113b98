#!/usr/bin/env bash
# The archive benchmark (issue 15, item 3), in one run so that its ratios
# share the machine's load (not run by ctest):
#   bash bench/archive_bench.sh [BUILD_DIR] [ARCHIVE_DIR] [JOBS]
# (defaults: build, ../shared/corpus-batch/us-alameda-archive, 2)
# 1. the whole archive in one `protokoll ingest -j JOBS` into a fresh store:
#    wall, CPU, peak memory (GNU time), pages by method, documents/min,
#    failures by code, the share of documents with a date, a body, >= 1 item
#    and >= 1 attendee (from `export --table documents`);
# 2. the PDFs whose every page has a text layer (pdftotext gives each more
#    than 30 characters) in a second run: the text path's rate; the OCR
#    pages' cost is the whole run's less that of its text pages at this
#    rate (an OCR-only run would take as long as the whole: optional part
#    `scan` runs the other PDFs alone);
# 3. the peers on the same pages: `pdftotext -bbox-layout` and PyMuPDF's
#    word extraction over every PDF; for the pages without a text layer,
#    OCRmyPDF -j JOBS (--skip-text: only those pages, as ingest's --ocr auto)
#    and the tesseract CLI (pdftoppm at 300 dpi, ingest's resolution, then
#    `tesseract IMG OUT -l eng tsv`, words with boxes; JOBS pages at a time).
# Prints one line per measurement (what, wall s, user s, sys s, max RSS kB),
# `#` lines with counts, and a summary with ratios at the end.
# Needs scripts/bench-packages.txt (installed when missing).
# PARTS (environment; default "whole text peers ocr-peers") chooses parts;
# SCAN_LIMIT=N takes the OCR comparison on the first N PDFs with scans only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
archive="${2:-$root/../shared/corpus-batch/us-alameda-archive}"
jobs="${3:-2}"
parts=" ${PARTS:-whole text peers ocr-peers} "
part() { [[ "$parts" == *" $1 "* ]]; }
P="$build/protokoll"
[ -x "$P" ] || { echo "no $P: build the protokoll target first" >&2; exit 2; }
[ -d "$archive" ] || { echo "no archive at $archive" >&2; exit 2; }
archive="$(cd "$archive" && pwd)"  # --manifest reads paths relative to the list's folder
bash "$root/scripts/ensure-deps.sh" "$root/scripts/bench-packages.txt"
export OMP_THREAD_LIMIT=1  # Tesseract's own threads would oversubscribe the cores the jobs already use
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "# $(date -u +%FT%TZ) load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc --all) cores"

# Pages and text-layer pages of every PDF; lists of the text-only PDFs, of
# the others, and of every page without a text layer (path<TAB>page).
: > "$work/all.txt"; : > "$work/text.txt"; : > "$work/scan.txt"; : > "$work/scan-pages.tsv"
while IFS= read -r -d '' f; do
  echo "$f" >> "$work/all.txt"
  n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}')
  pdftotext -q "$f" - 2>/dev/null |
    awk -v n="${n:-0}" -v f="$f" 'BEGIN{RS="\f"} {gsub(/[ \t\n]/,""); if (NR <= n && length($0) <= 30) print f "\t" NR}
      END{for (p = NR + 1; p <= n; ++p) print f "\t" p}' > "$work/empty"
  if [ -s "$work/empty" ]; then echo "$f" >> "$work/scan.txt"; cat "$work/empty" >> "$work/scan-pages.tsv"
  else echo "$f" >> "$work/text.txt"; fi
  echo "${n:-0}" >> "$work/pages"
done < <(find "$archive" -iname '*.pdf' -type f -print0 | sort -z)
all_pages=$(awk '{s+=$1} END{print s}' "$work/pages")
# SCAN_LIMIT=N: the OCR comparison (parts scan, ocr-peers) on the first N PDFs
# with scanned pages only (on a loaded machine OCRmyPDF over all of them takes
# over an hour).
if [ -n "${SCAN_LIMIT:-}" ]; then
  head -n "$SCAN_LIMIT" "$work/scan.txt" > "$work/scan.tmp" && mv "$work/scan.tmp" "$work/scan.txt"
  awk -F'\t' 'NR == FNR { keep[$0] = 1; next } ($1 in keep)' "$work/scan.txt" "$work/scan-pages.tsv" > "$work/scan.tmp"
  mv "$work/scan.tmp" "$work/scan-pages.tsv"
  echo "# SCAN_LIMIT=$SCAN_LIMIT: the OCR comparison on $(wc -l < "$work/scan.txt") PDFs, $(wc -l < "$work/scan-pages.tsv") pages without a text layer"
fi
echo "# $(wc -l < "$work/all.txt") PDFs, $all_pages pages; $(wc -l < "$work/text.txt") with a text layer on every page," \
  "$(wc -l < "$work/scan.txt") with $(wc -l < "$work/scan-pages.tsv") pages without one"

measure() {  # name, command...: one line of wall, user, sys, max RSS
  local name="$1"; shift
  /usr/bin/time -f "$name	%e	%U	%S	%M" -o "$work/t" "$@" > /dev/null 2> "$work/err" || true
  cat "$work/t" | tee -a "$work/times"
}
ingest() {  # name, list: a fresh store, then its pages by method
  rm -rf "$work/db"
  measure "$1" "$P" --db "$work/db" ingest --quiet -j "$jobs" --manifest "$2"
  "$P" --db "$work/db" stats --json > "$work/stats.json"
  /usr/bin/python3 "$root/bench/archive_stats.py" pages "$work/stats.json" "$1" "$work/pages_by_run"
}

echo "# what	wall_s	user_s	sys_s	maxrss_kB"
# 1. The whole archive in one run.
if part whole; then
  ingest "archive -j$jobs" "$work/all.txt"
  "$P" --db "$work/db" export --table documents > "$work/documents.csv"
  "$P" --db "$work/db" failures --json > "$work/failures.jsonl"
  /usr/bin/python3 "$root/bench/archive_stats.py" coverage "$work/documents.csv" "$work/failures.jsonl" "$(wc -l < "$work/all.txt")"
fi
# 2. The text path alone (and, optionally, the PDFs with scanned pages alone).
part text && ingest "text-layer PDFs -j$jobs" "$work/text.txt"
part scan && ingest "PDFs with scanned pages -j$jobs" "$work/scan.txt"
# 3. Peers.
if part peers; then
  measure "pdftotext -bbox-layout, all PDFs" bash -c 'while IFS= read -r f; do pdftotext -q -bbox-layout "$f" /dev/null; done < "$0"' "$work/all.txt"
  measure "PyMuPDF words, all PDFs" /usr/bin/python3 "$root/bench/archive_stats.py" words "$work/all.txt"
  measure "pdftotext -bbox-layout, text-layer PDFs" bash -c 'while IFS= read -r f; do pdftotext -q -bbox-layout "$f" /dev/null; done < "$0"' "$work/text.txt"
  measure "PyMuPDF words, text-layer PDFs" /usr/bin/python3 "$root/bench/archive_stats.py" words "$work/text.txt"
fi
if part ocr-peers; then
  mkdir -p "$work/ocrmypdf"
  measure "OCRmyPDF -j$jobs --skip-text, PDFs with scanned pages" bash -c '
    i=0; while IFS= read -r f; do i=$((i + 1))
      ocrmypdf -q -j "$1" --skip-text -l eng --output-type pdf --optimize 0 "$f" "$2/$i.pdf" || echo "ocrmypdf failed on $f" >&2
    done < "$0"' "$work/scan.txt" "$jobs" "$work/ocrmypdf"
  mkdir -p "$work/png"
  # One job a page (path, page, index), JOBS at a time, as ingest renders and reads them.
  i=0  # (mawk cannot print a NUL byte)
  while IFS=$'\t' read -r f p; do i=$((i + 1)); printf '%s\0%s\0%s\0' "$f" "$p" "$i"; done < "$work/scan-pages.tsv" > "$work/scan-jobs"
  printf '%s\n' 'exec pdftoppm -q -r 300 -gray -png -f "$2" -l "$2" -singlefile "$1" "$PNG/$3"' > "$work/render.sh"
  printf '%s\n' 'exec tesseract "$1" "${1%.png}" -l eng tsv 2> /dev/null' > "$work/ocr.sh"
  export PNG="$work/png"
  measure "pdftoppm 300 dpi gray, scanned pages" bash -c 'xargs -0 -n 3 -P "$1" sh "$2" < "$0"' "$work/scan-jobs" "$jobs" "$work/render.sh"
  measure "tesseract CLI -l eng tsv, scanned pages, $jobs at a time" \
    bash -c 'find "$PNG" -name "*.png" -print0 | xargs -0 -n 1 -P "$0" sh "$1"' "$jobs" "$work/ocr.sh"
  echo "# $(find "$work/png" -name '*.png' | wc -l) page images, $(find "$work/png" -name '*.tsv' | wc -l) tesseract outputs"
fi
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%FT%TZ)"

# Summary: rates and ratios from the lines above (CPU = user + sys); a part
# not run leaves its figures out.
touch "$work/times" "$work/pages_by_run"
awk -F'\t' -v jobs="$jobs" '
  function q(x, y) { return y > 0 ? sprintf("%.2f", x / y) : "-" }
  FILENAME == ARGV[1] { wall[$1] = $2; cpu[$1] = $3 + $4; rss[$1] = $5; next }
  { docs[$1] = $2; text[$1] = $3; ocr[$1] = $4 }
  END {
    a = "archive -j" jobs; t = "text-layer PDFs -j" jobs; s = "PDFs with scanned pages -j" jobs
    if (a in wall) {
      printf "# archive: %d documents, %d pages (%d text, %d OCR) in %.1f s wall, %.1f s CPU: %s pages/s, %s documents/min; peak RSS %.0f MB\n",
        docs[a], text[a] + ocr[a], text[a], ocr[a], wall[a], cpu[a], q(text[a] + ocr[a], wall[a]), q(60 * docs[a], wall[a]), rss[a] / 1024
    }
    if (t in wall) {
      n = text[t] + ocr[t]
      printf "# text path (text-layer PDFs): %d pages in %.1f s wall, %.1f s CPU: %s pages/s, %s ms CPU a page; peak RSS %.0f MB\n",
        n, wall[t], cpu[t], q(n, wall[t]), q(1000 * cpu[t], n), rss[t] / 1024
      if ((a in wall) && ocr[a] > 0) {
        # The whole run less its text pages at the text path rate.
        ow = wall[a] - wall[t] * text[a] / n; oc = cpu[a] - cpu[t] * text[a] / n
        printf "# OCR pages (whole run less its text pages at that rate): %d pages in %.1f s wall, %.1f s CPU: %s OCR pages/s, %s CPU s an OCR page\n",
          ocr[a], ow, oc, q(ocr[a], ow), q(oc, ocr[a])
      }
    }
    if (s in wall)
      printf "# PDFs with scanned pages alone: %d OCR + %d text pages in %.1f s wall, %.1f s CPU: %s OCR pages/s, %s CPU s an OCR page (text pages included); peak RSS %.0f MB\n",
        ocr[s], text[s], wall[s], cpu[s], q(ocr[s], wall[s]), q(cpu[s], ocr[s]), rss[s] / 1024
    p = "pdftotext -bbox-layout, text-layer PDFs"; m = "PyMuPDF words, text-layer PDFs"
    if ((t in wall) && (p in wall))
      printf "# text path: ingest -j%s / pdftotext -bbox-layout: wall %s, CPU %s; / PyMuPDF words: wall %s, CPU %s\n",
        jobs, q(wall[t], wall[p]), q(cpu[t], cpu[p]), q(wall[t], wall[m]), q(cpu[t], cpu[m])
    p = "pdftotext -bbox-layout, all PDFs"; m = "PyMuPDF words, all PDFs"
    if ((a in wall) && (p in wall))
      printf "# whole archive (OCR included): ingest -j%s / pdftotext -bbox-layout: wall %s, CPU %s; / PyMuPDF words: wall %s, CPU %s\n",
        jobs, q(wall[a], wall[p]), q(cpu[a], cpu[p]), q(wall[a], wall[m]), q(cpu[a], cpu[m])
    o = "OCRmyPDF -j" jobs " --skip-text, PDFs with scanned pages"; r = "pdftoppm 300 dpi gray, scanned pages"
    c = "tesseract CLI -l eng tsv, scanned pages, " jobs " at a time"
    if ((o in wall) && oc > 0)
      printf "# OCR pages: ingest -j%s (derived above) / OCRmyPDF -j%s (every page of the PDFs with scans): wall %s, CPU %s; / pdftoppm + tesseract CLI: wall %s, CPU %s (page counts: see the # lines)\n",
        jobs, jobs, q(ow, wall[o]), q(oc, cpu[o]), q(ow, wall[r] + wall[c]), q(oc, cpu[r] + cpu[c])
    if ((o in wall) && (s in wall))
      printf "# PDFs with scanned pages alone: ingest -j%s / OCRmyPDF -j%s: wall %s, CPU %s; / pdftoppm + tesseract CLI: wall %s, CPU %s\n",
        jobs, jobs, q(wall[s], wall[o]), q(cpu[s], cpu[o]), q(wall[s], wall[r] + wall[c]), q(cpu[s], cpu[r] + cpu[c])
  }' "$work/times" "$work/pages_by_run"

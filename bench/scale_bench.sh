#!/usr/bin/env bash
# Figures for docs/performance.md and docs/scale.md, measured in one run so
# that their ratios share the machine's load (not run by ctest):
#   bash bench/scale_bench.sh [BUILD_DIR] [CORPUS_DIR] [ROUNDS]
# - text path: born-digital corpus PDFs (every page or nearly with a text
#   layer; listed by pdftotext), ingest -j1 and -j2 alternated ROUNDS times,
#   and pdftotext -bbox-layout over the same files;
# - one long document: those PDFs joined into one (qpdf), -j1 and -j2;
# - OCR: the scanned samples, -j1 and -j2;
# - shards: the text set as 4 shards (--sst-out) and their import.
# Prints one line per measurement: what, wall s, user s, sys s, max RSS kB.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
corpus="${2:-$root/../shared/corpus}"
rounds="${3:-3}"
P="$build/protokoll"
corpus="$(cd "$corpus" && pwd)"  # --manifest reads paths relative to the list's folder
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Born-digital: at least 80 % of the pages give pdftotext more than 30 characters (bench/text_pdfs.sh).
bash "$root/bench/text_pdfs.sh" "$corpus" > "$work/text.tsv"
cut -f1 "$work/text.tsv" > "$work/text.txt"
pages=$(awk -F'\t' '{s += $2} END {print s + 0}' "$work/text.tsv")
echo "# $(wc -l < "$work/text.txt") born-digital PDFs, $pages pages; load average $(cut -d' ' -f1-3 /proc/loadavg)"

measure() {  # name, command...
  local name="$1"; shift
  /usr/bin/time -f "$name	%e	%U	%S	%M" -o "$work/t" "$@" > /dev/null 2>&1 || true
  cat "$work/t"
}

echo "# what	wall_s	user_s	sys_s	maxrss_kB"
mapfile -t files < "$work/text.txt"
qpdf --empty --pages "${files[@]}" -- "$work/long.pdf" 2>/dev/null || true
for r in $(seq "$rounds"); do
  for j in 1 2; do
    rm -rf "$work/db"
    measure "text -j$j (round $r)" "$P" --db "$work/db" ingest --quiet --ocr never -j "$j" --manifest "$work/text.txt"
  done
  measure "pdftotext -bbox-layout (round $r)" bash -c 'while IFS= read -r f; do pdftotext -q -bbox-layout "$f" - ; done < "$0"' "$work/text.txt"
  if [ -f "$work/long.pdf" ]; then
    for j in 1 2; do
      rm -rf "$work/db"
      measure "long document $(pdfinfo "$work/long.pdf" | awk '/^Pages:/{print $2}') pages -j$j (round $r)" \
        "$P" --db "$work/db" ingest --quiet --ocr never -j "$j" "$work/long.pdf"
    done
  fi
done
for j in 1 2; do
  rm -rf "$work/db"
  measure "ocr scanned samples -j$j" "$P" --db "$work/db" ingest --quiet -j "$j" "$root"/samples/*-scan.pdf
done
"$P" --db "$work/db" stats | grep pages_ocr | sed 's/^/# /'
rm -rf "$work/shards" "$work/db"
for i in 1 2 3 4; do
  measure "shard $i/4 --sst-out" "$P" ingest --quiet --ocr never --sst-out "$work/shards/$i" --shard "$i/4" --manifest "$work/text.txt"
done
measure "import 4 shards" "$P" --db "$work/db" import "$work"/shards/1 "$work"/shards/2 "$work"/shards/3 "$work"/shards/4
du -sk "$work/shards" "$work/db" | sed 's/^/# kB /'
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg)"

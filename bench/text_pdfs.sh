#!/usr/bin/env bash
# The born-digital PDFs below DIR, one "path<TAB>pages" line each, in path
# order: at least 80 % of their pages give pdftotext more than 30
# characters. Shared by bench/scale_bench.sh and bench/parallel_bench.sh.
#   bash bench/text_pdfs.sh DIR
set -euo pipefail
while IFS= read -r -d '' f; do
  n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}')
  [ -n "$n" ] || continue
  t=$(pdftotext -q "$f" - 2>/dev/null | awk 'BEGIN{RS="\f"} {gsub(/[ \t\n]/,""); if (length($0) > 30) c++} END{print c+0}')
  if [ $((t * 10)) -ge $((n * 8)) ]; then printf '%s\t%s\n' "$f" "$n"; fi
done < <(find "$1" -name '*.pdf' -print0 | sort -z)

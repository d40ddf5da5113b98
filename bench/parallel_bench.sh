#!/usr/bin/env bash
# -j2 against -j1 on the text path (issue 15, item 1), in one run so that the
# ratios share the machine's load (not run by ctest):
#   bash bench/parallel_bench.sh [BUILD_DIR] [DIR] [ROUNDS] [PERF]
# (defaults: build, ../shared/corpus, 3, perf when the perf tool is there)
# The born-digital PDFs of DIR (bench/text_pdfs.sh: every page or nearly
# gives pdftotext more than 30 characters), `ingest --ocr
# never` at -j1 and -j2 alternated ROUNDS times into fresh stores; the
# exports of the two compared (sorted: their order is the order of
# ingestion); then `perf record -g` of one -j2 run and its top entries.
# Prints: what, wall s, user s, sys s, max RSS kB; medians and ratios.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
dir="${2:-$root/../shared/corpus}"
rounds="${3:-3}"
perf_wanted="${4:-auto}"
P="$build/protokoll"
[ -x "$P" ] || { echo "no $P: build the protokoll target first" >&2; exit 2; }
dir="$(cd "$dir" && pwd)"  # --manifest reads paths relative to the list's folder
export OMP_THREAD_LIMIT=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

bash "$root/bench/text_pdfs.sh" "$dir" > "$work/text.tsv"
cut -f1 "$work/text.tsv" > "$work/text.txt"
pages=$(awk -F'\t' '{s += $2} END {print s + 0}' "$work/text.tsv")
echo "# $(date -u +%FT%TZ) $(wc -l < "$work/text.txt") born-digital PDFs, $pages pages; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc --all) cores"
echo "# what	wall_s	user_s	sys_s	maxrss_kB"
for r in $(seq "$rounds"); do
  for j in 1 2; do
    rm -rf "$work/db$j"
    /usr/bin/time -f "-j$j	%e	%U	%S	%M" -o "$work/t" "$P" --db "$work/db$j" ingest --quiet --ocr never -j "$j" --manifest "$work/text.txt" > /dev/null 2>&1 || true
    cat "$work/t" | tee -a "$work/times"
  done
done
"$P" --db "$work/db1" export | sort > "$work/e1"
"$P" --db "$work/db2" export | sort > "$work/e2"
if cmp -s "$work/e1" "$work/e2"; then echo "# exports of -j1 and -j2: identical ($(wc -l < "$work/e1") documents)"
else echo "# exports of -j1 and -j2: DIFFERENT"; diff "$work/e1" "$work/e2" | head -c 2000; fi
awk -F'\t' '
  function median(list, n,   a, i, j, t) { n = split(list, a, " "); for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " ($3 + $4) }
  END { w1 = median(wall["-j1"]); w2 = median(wall["-j2"]); c1 = median(cpu["-j1"]); c2 = median(cpu["-j2"])
    printf "# medians: -j1 wall %.2f s CPU %.2f s; -j2 wall %.2f s CPU %.2f s; -j1/-j2 wall %.2f (speed-up), -j2/-j1 CPU %.2f\n", w1, c1, w2, c2, w1 / w2, c2 / c1 }' "$work/times"
if [ "$perf_wanted" != "no" ] && command -v perf > /dev/null; then
  rm -rf "$work/db"
  perf record -q -F 999 -g -o "$work/perf.data" "$P" --db "$work/db" ingest --quiet --ocr never -j 2 --manifest "$work/text.txt" > /dev/null 2>&1 || true
  # perf pads its lines to the terminal width: cut; head closes the pipe early: || true.
  top() { perf report -i "$work/perf.data" --stdio "$@" 2> /dev/null | grep -E '^ +[0-9]' | cut -c1-160 | sed 's/ *$//' | head -n "$n" || true; }
  echo "# perf -j2, self (top 20)"; n=20 top --no-children --sort symbol -g none
  echo "# perf -j2, with callees (top 30)"; n=30 top --children --sort symbol -g none
  echo "# perf -j2, samples by thread"; n=8 top --no-children --sort tid -g none
fi
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%FT%TZ)"

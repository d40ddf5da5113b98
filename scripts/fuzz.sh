#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (in build-fuzz/ or $PROTOKOLL_FUZZ_BUILD_DIR) and
# runs each for SECONDS (default 60): extract_fuzz on bytes (seeds: samples/
# and the bad-input suite), normalize_fuzz on raw words and segment_fuzz on
# lines (seeds: samples/*.txt and samples/src). Inputs kept in
# fuzz/regressions/<harness>/ are run first; a crash is written to
# fuzz/crashes/ and fails the script. Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
build="${PROTOKOLL_FUZZ_BUILD_DIR:-$root/build-fuzz}"
bash "$root/scripts/ensure-deps.sh"
bash "$root/scripts/ensure-deps.sh" "$root/scripts/fuzz-packages.txt"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DPROTOKOLL_FUZZ=ON -DPROTOKOLL_SANITIZE=address,undefined \
    -DPROTOKOLL_BUILD_TESTS=OFF -DPROTOKOLL_BUILD_BENCH=OFF >&2
fi
cmake --build "$build" -j "$(nproc)" --target extract_fuzz normalize_fuzz segment_fuzz >&2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$root/fuzz/crashes"
# Seeds. extract_fuzz reads its first byte as the file name's kind: 0 .pdf, 1 .txt, 2 .png, 3 none.
mkdir -p "$work/extract" "$work/normalize" "$work/segment"
prefix() { { printf "\\x$(printf %02x "$1")"; cat "$2"; } > "$3"; }
n=0
for f in "$root"/samples/*.pdf; do
  if [ -f "$f" ] && [ "$(stat -c %s "$f")" -lt 2000000 ]; then prefix 0 "$f" "$work/extract/s$((n++))"; fi
done
for f in "$root"/samples/*.txt "$root"/samples/src/*; do
  [ -f "$f" ] || continue
  prefix 1 "$f" "$work/extract/s$((n++))"
  cp "$f" "$work/normalize/s$n"
  cp "$f" "$work/segment/s$n"
done
if command -v python3 >/dev/null && command -v qpdf >/dev/null; then
  python3 "$root/scripts/make-bad-inputs.py" "$work/bad/in" >/dev/null
  for f in "$work"/bad/in/*; do
    if [ ! -f "$f" ] || [ ! -r "$f" ] || [ "$(stat -c %s "$f")" -ge 300000 ]; then continue; fi
    case "$f" in *.txt) k=1 ;; *.png|*.tif) k=2 ;; *) k=0 ;; esac
    prefix "$k" "$f" "$work/extract/b$((n++))"
  done
fi

# Leaks are reported, except inside fontconfig's own cache (fuzz/lsan.supp).
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/fuzz/lsan.supp}"
status=0
for harness in extract normalize segment; do
  bin="$build/fuzz/${harness}_fuzz"
  regressions="$root/fuzz/regressions/$harness"
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    "$bin" -rss_limit_mb=2048 -timeout=30 "$regressions"/* >/dev/null 2>"$work/$harness.regressions.log" || {
      echo "fuzz: $harness fails on a kept regression input" >&2; tail -30 "$work/$harness.regressions.log" >&2; status=1; }
  fi
  mkdir -p "$work/corpus-$harness"
  if "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$root/fuzz/crashes/$harness-" "$work/corpus-$harness" "$work/$harness" \
      >/dev/null 2>"$work/$harness.log"; then
    echo "fuzz: $harness: $(grep -E 'stat::number_of_executed_units' "$work/$harness.log" | awk '{print $2}') runs in ${seconds} s, no crash" >&2
  else
    echo "fuzz: $harness found a crash (input in fuzz/crashes/):" >&2
    grep -E "ERROR|SUMMARY|#[0-9]+ 0x" "$work/$harness.log" | head -30 >&2
    status=1
  fi
done
exit $status

#!/usr/bin/env bash
# Regenerates samples/*.pdf from samples/src/*.txt: the born-digital PDFs,
# then an image-only scanned copy of each (<name>-scan.pdf). Deterministic:
# unchanged sources give byte-identical PDFs, so a re-run changes nothing in git.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/ensure-deps.sh" "$root/scripts/render-packages.txt"
# Debian's interpreter: python3-reportlab and python3-pil are installed for it,
# not for a python3 that another tool may have put first on PATH.
py=/usr/bin/python3
cd "$root"
rm -f samples/*-scan.pdf
$py scripts/render_samples.py samples samples/src/*.txt
born=()
for f in samples/*.pdf; do
  case "$f" in *-scan.pdf) ;; *) born+=("$f") ;; esac
done
$py scripts/scan_samples.py "${born[@]}"

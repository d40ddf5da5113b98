#!/usr/bin/env bash
# Character error rate of protokoll's OCR on real scans, against hand-made
# transcriptions (tests/data/ocr_truth) and against plain `tesseract -l swe`
# on the same page rendered at protokoll's resolution (300 dpi, grey).
#
# CER = Levenshtein distance over code points between NFC texts whose
# whitespace runs are collapsed to one space, divided by the reference length.
#
# Usage: bench/ocr_cer.sh [PROTOKOLL_BINARY] [CORPUS_DIR]
#   PROTOKOLL_BINARY  default: $PROTOKOLL_BIN, else <repo>/build/protokoll
#   CORPUS_DIR        default: <repo>/../shared/corpus
# Needs: pdftoppm, tesseract with the swe traineddata, /usr/bin/python3.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
protokoll="${1:-${PROTOKOLL_BIN:-$repo/build/protokoll}}"
corpus="${2:-$repo/../shared/corpus}"
truth_dir="$repo/tests/data/ocr_truth"
scans="$corpus/se-stenaldern-samfallighet"

[[ -x "$protokoll" ]] || { echo "no protokoll binary at $protokoll" >&2; exit 2; }
[[ -d "$scans" ]] || { echo "no corpus at $scans" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1  # tesseract's own threads off, as protokoll runs it

# Every truth file is named <pdf stem>-p<N>.txt.
rows=()
for truth in "$truth_dir"/*-p*.txt; do
  base="$(basename "$truth" .txt)"
  stem="${base%-p*}"
  page="${base##*-p}"
  pdf="$scans/$stem.pdf"
  [[ -f "$pdf" ]] || { echo "missing $pdf" >&2; exit 2; }

  "$protokoll" extract "$pdf" > "$work/$base.json" 2> "$work/$base.err" ||
    { echo "protokoll extract failed on $pdf:" >&2; cat "$work/$base.err" >&2; exit 1; }

  pdftoppm -r 300 -gray -png -f "$page" -l "$page" -singlefile "$pdf" "$work/$base"
  tesseract "$work/$base.png" "$work/$base.tess" -l swe > /dev/null 2>&1
  rows+=("$base|$page|$truth|$work/$base.json|$work/$base.tess.txt")
done

/usr/bin/python3 - "${rows[@]}" <<'PY'
import json, re, sys, unicodedata

def squash(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()

def levenshtein(a, b):
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]

def cer(reference, hypothesis):
    reference, hypothesis = squash(reference), squash(hypothesis)
    return levenshtein(reference, hypothesis) / max(1, len(reference))

def page_text(document, page):
    # Text of one page, in document order: its running header (the
    # transcriptions keep the letterhead), preamble paragraphs, then each
    # item's heading ("<number>. <title>") and paragraphs on that page.
    parts = [r["header"] for r in document["pages"] if r["number"] == page and r["header"]]
    parts += [p["text"] for p in document["preamble"] if p["page"] == page]
    for item in document["items"]:
        if item["page"] == page:
            parts.append(f'{item["number"]}. {item["title"]}')
        parts += [p["text"] for p in item["paragraphs"] if p["page"] == page]
    return "\n".join(parts)

print(f'{"page":<42} {"chars":>6} {"method":>7} {"protokoll":>10} {"tesseract":>10}')
total = {"ref": 0, "p": 0, "t": 0}
for row in sys.argv[1:]:
    name, page, truth_path, json_path, tess_path = row.split("|")
    page = int(page)
    reference = open(truth_path, encoding="utf-8").read()
    document = json.load(open(json_path, encoding="utf-8"))
    methods = {p["number"]: p["method"] for p in document["pages"]}
    ours = page_text(document, page)
    theirs = open(tess_path, encoding="utf-8").read()
    ref_len = len(squash(reference))
    p, t = cer(reference, ours), cer(reference, theirs)
    total["ref"] += ref_len
    total["p"] += p * ref_len
    total["t"] += t * ref_len
    print(f'{name:<42} {ref_len:>6} {methods.get(page, "?"):>7} {p:>10.4f} {t:>10.4f}')
print(f'{"all (weighted by reference length)":<42} {total["ref"]:>6} {"":>7} '
      f'{total["p"] / total["ref"]:>10.4f} {total["t"] / total["ref"]:>10.4f}')
PY

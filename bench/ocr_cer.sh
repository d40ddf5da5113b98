#!/usr/bin/env bash
# Character error rate of protokoll's OCR on real scans, against hand-made
# transcriptions (tests/data/ocr_truth) and against plain `tesseract -l <lang>`
# on the same page rendered at protokoll's resolution (300 dpi, grey), <lang>
# being the page's language by its corpus folder (se- swe, dk- dan, no- nor,
# us- eng, fi- fin, de- deu).
#
# CER = Levenshtein distance over code points between NFC texts whose
# whitespace runs are collapsed to one space, divided by the reference length.
#
# protokoll's text of a page is what it reads there before segmentation
# (bench/ocr_page_text: running header and body lines, as `protokoll extract`
# reads the file), so that item headings count as printed ("Sak 1 - ",
# "Ad 1:"), not as the segmenter renames them ("1.").
#
# Usage: bench/ocr_cer.sh [OCR_PAGE_TEXT_BINARY] [CORPUS_DIR]
#   OCR_PAGE_TEXT_BINARY  default: <repo>/build/bench/ocr_page_text
#   CORPUS_DIR        default: <repo>/../shared/corpus
# Needs: pdftoppm, tesseract with those traineddata, /usr/bin/python3.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
page_text="${1:-$repo/build/bench/ocr_page_text}"
corpus="${2:-$repo/../shared/corpus}"
truth_dir="$repo/tests/data/ocr_truth"

[[ -x "$page_text" ]] || { echo "no ocr_page_text binary at $page_text" >&2; exit 2; }
[[ -d "$corpus" ]] || { echo "no corpus at $corpus" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1  # tesseract's own threads off, as protokoll runs it

# Every truth file is named <pdf stem>-p<N>.txt.
rows=()
for truth in "$truth_dir"/*-p*.txt; do
  base="$(basename "$truth" .txt)"
  stem="${base%-p*}"
  page="${base##*-p}"
  pdf="$(find "$corpus" -name "$stem.pdf" | head -n 1)"
  [[ -f "$pdf" ]] || { echo "missing $stem.pdf in $corpus" >&2; exit 2; }
  case "$(basename "$(dirname "$pdf")")" in
    dk-*) lang=dan ;; no-*) lang=nor ;; us-*) lang=eng ;; fi-*) lang=fin ;; de-*) lang=deu ;; *) lang=swe ;;
  esac

  "$page_text" "$pdf" "$page" > "$work/$base.ours.txt" 2> "$work/$base.err" ||
    { echo "ocr_page_text failed on $pdf:" >&2; cat "$work/$base.err" >&2; exit 1; }

  pdftoppm -r 300 -gray -png -f "$page" -l "$page" -singlefile "$pdf" "$work/$base"
  tesseract "$work/$base.png" "$work/$base.tess" -l "$lang" > /dev/null 2>&1
  rows+=("$base|$page|$truth|$work/$base.ours.txt|$work/$base.tess.txt|$lang|$(cut -d' ' -f2 "$work/$base.err" | tr -d ,)")
done

/usr/bin/python3 - "${rows[@]}" <<'PY'
import re, sys, unicodedata

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

print(f'{"page":<48} {"lang":>4} {"chars":>6} {"method":>7} {"protokoll":>10} {"tesseract":>10}')
by_lang = {}
for row in sys.argv[1:]:
    name, page, truth_path, ours_path, tess_path, lang, method = row.split("|")
    page = int(page)
    reference = open(truth_path, encoding="utf-8").read()
    ours = open(ours_path, encoding="utf-8").read()
    theirs = open(tess_path, encoding="utf-8").read()
    ref_len = len(squash(reference))
    p, t = cer(reference, ours), cer(reference, theirs)
    print(f'{name:<48} {lang:>4} {ref_len:>6} {method:>7} {p:>10.4f} {t:>10.4f}')
    for key in ("all", lang):
        per = by_lang.setdefault(key, {"ref": 0, "p": 0.0, "t": 0.0})
        per["ref"] += ref_len
        per["p"] += p * ref_len
        per["t"] += t * ref_len
for key, per in sorted(by_lang.items()):
    print(f'{key + " (weighted by reference length)":<48} {"":>4} {per["ref"]:>6} {"":>7} '
          f'{per["p"] / per["ref"]:>10.4f} {per["t"] / per["ref"]:>10.4f}')
PY

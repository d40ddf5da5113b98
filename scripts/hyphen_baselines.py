#!/usr/bin/python3
"""What pdftotext and PyMuPDF's dehyphenation do with the hand-labelled
line-end hyphens in tests/data/hyphenation/labels.tsv.

For every labelled row whose source is a PDF, the page is extracted with
  * pdftotext (poppler-utils, default reading order, no -layout), and
  * PyMuPDF: page.get_text("text", flags=TEXTFLAGS_TEXT | TEXT_DEHYPHENATE)
and the occurrence is classified as
  joined      stem+right              ("slutenvårdskapacitet")
  kept        stem-right              ("ASIH-teamen": hyphen kept, break removed)
  kept_space  stem- right             ("hälso- och": hyphen and break kept)
  not_found   none of these near the row's context.
The results go to tests/data/hyphenation/baselines.tsv; a summary
(precision/recall of join and keep, accuracy, keep cases joined) is printed.

Usage: /usr/bin/python3 scripts/hyphen_baselines.py [--labels F] [--out F]
       [--search-dir D ...]
Rows of kind mid_line (a word printed mid-line, broken for the test) are
not in any PDF as breaks and are left out; the summary is printed for all
rows and for each language (labels.tsv column `lang`).
The right/left context of each row is read from candidates.tsv beside the
labels (the labels file has no context column).
Needs Debian's python3-fitz (PyMuPDF 1.21) and pdftotext.
"""
import argparse
import csv
import glob
import os
import re
import subprocess
import sys
import unicodedata

import fitz  # PyMuPDF

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = ("joined", "kept", "kept_space", "not_found")
# PyMuPDF's default flags for "text" plus dehyphenation (the flag alone would
# also switch off ligature/whitespace preservation and mediabox clipping).
MUPDF_FLAGS = fitz.TEXTFLAGS_TEXT | fitz.TEXT_DEHYPHENATE
TAIL = 30  # characters of a long token used for matching


def norm(s):
    """NFKC (ligatures, NBSP), hyphen look-alikes to '-', whitespace collapsed."""
    s = unicodedata.normalize("NFKC", s)
    s = re.sub("[\u200b\u200c\u200d\u2060\ufeff]", "", s)  # zero-width characters
    s = s.replace("\u00ad", "-").replace("\u2010", "-").replace("\u2011", "-")
    return re.sub(r"\s+", " ", s)


def tok_re(s):
    """Regex for a token; U+FFFD (an unmapped glyph) matches 0-2 characters."""
    return r"\S{0,2}".join(re.escape(p) for p in s.split("\ufffd"))


def find_source(name, dirs):
    for d in dirs:
        for p in glob.glob(os.path.join(d, "**", glob.escape(name)), recursive=True):
            return p
    return None


def pdftotext_page(path, page):
    r = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", "-f", str(page), "-l", str(page),
                        path, "-"], capture_output=True)
    return r.stdout.decode("utf-8", "replace")


def mupdf_page(doc, page):
    if page < 1 or page > doc.page_count:
        return ""
    return doc[page - 1].get_text("text", flags=MUPDF_FLAGS)


def anchors(left, right, ctx):
    """Word before `left` and start of the word after `right`, from the context."""
    before, _, after = ctx.partition(" | ")
    prev = nxt = ""
    if before.endswith(left):
        words = before[: len(before) - len(left)].split()
        if words and len(before) - len(left) > 0 and before[: len(before) - len(left)].endswith(" "):
            prev = words[-1]
    if after.startswith(right):
        rest = after[len(right):]
        if rest.startswith(" ") and rest.split():
            nxt = rest.split()[0]
    return norm(prev).strip(), norm(nxt).strip()


def patterns(left, right):
    """Regex bodies for each result class (before anchors are added)."""
    stem = norm(left[:-1]) if len(left) > 0 else ""
    r = norm(right)
    if len(stem) > TAIL:
        stem, s_open = stem[-TAIL:], True
    else:
        s_open = False
    r_open = len(r) > TAIL
    if r_open:
        r = r[:TAIL]
    S, R = tok_re(stem), tok_re(r)
    if not r_open and re.search(r"\w$", r):
        R += r"(?!\w)"  # a whole token: "tontti- ja" must not match "tonttijakoja"
    if not stem:  # the left token is a lone dash: "word - | next"
        return {"joined": r"(?: ?)" + R, "kept": r" -" + R, "kept_space": r" - " + R}, True
    return {"joined": S + R, "kept": S + "-" + R, "kept_space": S + "- " + R}, s_open


def classify(text, left, right, ctx):
    t = norm(text)
    pats, s_open = patterns(left, right)
    prev, nxt = anchors(left, right, ctx)
    lone_dash = not norm(left[:-1])
    levels = []
    if lone_dash:
        # "word - | next": the word before the dash is the only thing that shows
        # whether the dash was dropped, so "joined" is only tested with it and
        # the word after (a lone dash with one common anchor matches anywhere).
        if prev and nxt:
            levels.append((prev, nxt))
        elif prev:
            levels.append((prev, ""))
        if nxt:
            levels.append(("", nxt))
    else:
        if prev and nxt:
            levels.append((prev, nxt))
        if prev:
            levels.append((prev, ""))
        if nxt:
            levels.append(("", nxt))
        levels.append(("", ""))
    for p, n in levels:
        hits = []
        for cls in ("joined", "kept", "kept_space"):
            if lone_dash and not p and cls == "joined":
                continue  # a lone dash without the word before it: "joined" is not observable
            body = pats[cls]
            pre = (re.escape(p) + (r"" if lone_dash else r" ")) if p else ("" if s_open or lone_dash else r"(?<!\w)")
            post = (r" " + re.escape(n)) if n else ""
            if re.search(pre + body + post, t):
                hits.append(cls)
        if len(hits) == 1:
            return hits[0]
        if hits:
            # Ambiguous at this level (e.g. both a mid-line "Etelä-Pohjanmaan" and the
            # line-end one): a stricter level did not match, prefer the join/break reading.
            return hits[0]
    return "not_found"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", default=os.path.join(ROOT, "tests/data/hyphenation/labels.tsv"))
    ap.add_argument("--out", default=os.path.join(ROOT, "tests/data/hyphenation/baselines.tsv"))
    ap.add_argument("--search-dir", action="append",
                    default=None, help="where the source files are (default: ../shared/corpus and samples/)")
    args = ap.parse_args()
    shared = os.path.join(os.path.dirname(ROOT), "shared")
    dirs = args.search_dir or [os.path.join(shared, "corpus"), os.path.join(shared, "corpus-batch"),
                               os.path.join(ROOT, "samples")]

    with open(args.labels, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))

    cache_p, cache_m, docs, paths = {}, {}, {}, {}
    out = []
    missing = set()
    for row in rows:
        src = row["source"]
        if not src.lower().endswith(".pdf"):
            continue
        if row.get("kind") == "mid_line":
            continue  # broken for the test, not in the PDF: nothing for a tool to do
        if src not in paths:
            paths[src] = find_source(src, dirs)
        path = paths[src]
        if path is None:
            missing.add(src)
            out.append((row, "not_found", "not_found"))
            continue
        page = int(row["page"])
        key = (path, page)
        if key not in cache_p:
            cache_p[key] = pdftotext_page(path, page)
            if path not in docs:
                docs[path] = fitz.open(path)
            cache_m[key] = mupdf_page(docs[path], page)
        ctx = row.get("context") or ""
        if not ctx:
            ctx = CONTEXT.get(row["id"], "")
        rp = classify(cache_p[key], row["left"], row["right"], ctx)
        rm = classify(cache_m[key], row["left"], row["right"], ctx)
        out.append((row, rp, rm))

    with open(args.out, "w", encoding="utf-8") as f:
        f.write("id\tpdftotext_result\tpymupdf_result\n")
        for row, rp, rm in out:
            f.write(f"{row['id']}\t{rp}\t{rm}\n")

    if missing:
        print("source files not found:", ", ".join(sorted(missing)), file=sys.stderr)
    print(summary(out))
    for lang in sorted({r.get("lang") or "?" for r, _, _ in out}):
        print(f"\n== {lang} ==")
        print(summary([t for t in out if (t[0].get("lang") or "?") == lang]))


def summary(out):
    scored = [(r, rp, rm) for r, rp, rm in out if r["label"] in ("join", "keep")]
    nj = sum(1 for r, _, _ in scored if r["label"] == "join")
    nk = len(scored) - nj
    lines = [f"PDF rows labelled join/keep: {len(scored)} (join {nj}, keep {nk}); "
             f"skip rows not scored: {sum(1 for r, _, _ in out if r['label'] == 'skip')}"]
    for tool, idx in (("pdftotext", 1), ("pymupdf", 2)):
        res = [(r["label"], t[idx], r) for t in scored for r in [t[0]]]
        counts = {c: sum(1 for _, x, _ in res if x == c) for c in RESULTS}
        pj = [(lab, x) for lab, x, _ in res if x == "joined"]
        pk = [(lab, x) for lab, x, _ in res if x in ("kept", "kept_space")]
        tpj = sum(1 for lab, _ in pj if lab == "join")
        tpk = sum(1 for lab, _ in pk if lab == "keep")
        correct = tpj + tpk
        found = len(res) - counts["not_found"]
        destructive = sum(1 for lab, x, _ in res if lab == "keep" and x == "joined")
        missed = sum(1 for lab, x, _ in res if lab == "join" and x in ("kept", "kept_space"))
        exact = 0
        for lab, x, r in res:
            if x == "not_found":
                continue
            stem = r["left"][:-1]
            got = {"joined": stem + r["right"], "kept": stem + "-" + r["right"],
                   "kept_space": stem + "- " + r["right"]}[x]
            if r["left"] == "-":
                got = {"joined": r["right"], "kept": "-" + r["right"], "kept_space": "- " + r["right"]}[x]
            if norm(got) == norm(r["expected"]):
                exact += 1

        def pct(a, b):
            return f"{100.0 * a / b:.1f}%" if b else "n/a"
        lines.append(
            f"{tool}: results " + ", ".join(f"{c} {counts[c]}" for c in RESULTS) + "\n"
            f"  join: precision {pct(tpj, len(pj))} ({tpj}/{len(pj)}), recall {pct(tpj, nj)} ({tpj}/{nj})\n"
            f"  keep: precision {pct(tpk, len(pk))} ({tpk}/{len(pk)}), recall {pct(tpk, nk)} ({tpk}/{nk})\n"
            f"  accuracy {pct(correct, len(scored))} ({correct}/{len(scored)}; not_found counts as wrong), "
            f"on found rows {pct(correct, found)} ({correct}/{found})\n"
            f"  exact text as labelled: {pct(exact, found)} ({exact}/{found} found rows)\n"
            f"  keep cases joined (destructive): {destructive}; join cases left hyphenated: {missed}")
    return "\n".join(lines)


CONTEXT = {}


def _load_context():
    """The labels file has no context column: take it from candidates.tsv
    (the unlabelled input, kept beside the labels)."""
    p = os.path.join(ROOT, "tests/data/hyphenation/candidates.tsv")
    if os.path.exists(p):
        with open(p, encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                CONTEXT[r["id"]] = r["context"]


if __name__ == "__main__":
    _load_context()
    main()

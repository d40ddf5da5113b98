#!/usr/bin/python3
"""Proposes rows for tests/data/hyphenation/labels.tsv of kind `mid_line`:
hyphen decisions built from words printed in the middle of a line, for
languages whose documents in ../shared/corpus have too few line-end hyphens
(Danish, Norwegian, German: 25 line-end hyphens in all).

A word printed mid-line shows how the author wrote it, so the row's truth is
on the page itself:
  * "ikke-kommunale", "Open-Space-Day": a real hyphen; the row breaks the
    word at its first hyphen ("ikke-" | "kommunale") and must be kept;
  * "bygnings- og": a compound ellipsis before a conjunction; the row is
    ("bygnings-" | "og") and must be kept with the space;
  * "generalforsamlingen": a solid word; the row breaks it where the
    language's hyphenation patterns (Debian's hyphen-da/-no/-de, Liang's
    algorithm) allow a break, and must be joined.
The rows are only proposals: each was read against the page before it went
into labels.tsv (see tests/data/hyphenation/README.md).

Output (TSV on stdout): source page left right label expected lang context
Usage: /usr/bin/python3 scripts/hyphen_midline_rows.py LANG PATTERNS.dic MAX_JOINS SEED PDF...
"""
import random
import re
import subprocess
import sys

CONNECTORS = {"og", "eller", "samt", "und", "oder", "sowie", "and", "or", "ja", "tai", "sekä", "och"}
LETTERS = "A-Za-zÀ-ÖØ-öø-ÿ"
WORD = re.compile(rf"^[{LETTERS}]+$")
COMPOUND = re.compile(rf"^([{LETTERS}]{{2,}})-([{LETTERS}][{LETTERS}-]*[{LETTERS}])([.,;:!?)]*)$")
ELLIPSIS = re.compile(rf"^([{LETTERS}]{{2,}})-$")
SOLID = re.compile(rf"^([{LETTERS}]{{8,}})([.,;:!?)]*)$")


def load_patterns(path):
    with open(path, "rb") as f:
        raw = f.read()
    enc = raw.split(b"\n", 1)[0].strip().decode("ascii", "replace")
    text = raw.decode("utf-8" if "UTF" in enc.upper() else "latin-1")
    pats = {}
    for line in text.splitlines()[1:]:
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("%") or "/" in line or line.isupper():
            continue
        letters = re.sub(r"\d", "", line)
        digits = [0] * (len(letters) + 1)
        i = 0
        for ch in line:
            if ch.isdigit():
                digits[i] = int(ch)
            else:
                i += 1
        pats[letters] = digits
    return pats


def break_points(word, pats, left_min=2, right_min=3):
    w = "." + word.lower() + "."
    score = [0] * (len(w) + 1)
    for i in range(len(w)):
        for j in range(i + 1, len(w) + 1):
            d = pats.get(w[i:j])
            if d:
                for k, v in enumerate(d):
                    score[i + k] = max(score[i + k], v)
    # score[p] is the value between w[p-1] and w[p]; in the word that is a break before word[p-1].
    return [p - 1 for p in range(2, len(w) - 1) if score[p] % 2 == 1 and left_min <= p - 1 <= len(word) - right_min]


def pages(pdf):
    n = 0
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            n = int(line.split()[1])
    for p in range(1, n + 1):
        text = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", "-f", str(p), "-l", str(p), pdf, "-"],
                              capture_output=True).stdout.decode("utf-8", "replace")
        # Lapua's text layers put a zero-width space after every hyphen.
        yield p, re.sub("[\u200b\u200c\u200d\u2060\ufeff]", "", text)


def main():
    lang, pattern_file, max_joins, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    pats = load_patterns(pattern_file)
    rng = random.Random(seed)
    keeps, joins, seen = [], [], set()
    for pdf in sys.argv[5:]:
        name = pdf.rsplit("/", 1)[-1]
        for page, text in pages(pdf):
            for line in text.splitlines():
                toks = line.split()
                for i, tok in enumerate(toks[:-1]):  # never the line's last word: mid-line only
                    prev = toks[i - 1] if i > 0 else ""
                    nxt = toks[i + 1]
                    after = toks[i + 2] if i + 2 < len(toks) else ""
                    m = COMPOUND.match(tok)
                    if m and (name, tok.lower()) not in seen:
                        seen.add((name, tok.lower()))
                        left, right = m.group(1) + "-", tok[len(m.group(1)) + 1:]
                        keeps.append((name, page, left, right, "keep", tok, f"{prev} {left} | {right} {nxt}"))
                        continue
                    m = ELLIPSIS.match(tok)
                    if m and nxt.lower().strip(".,") in CONNECTORS and (name, tok.lower(), nxt) not in seen:
                        seen.add((name, tok.lower(), nxt))
                        keeps.append((name, page, tok, nxt, "keep", f"{tok} {nxt}", f"{prev} {tok} | {nxt} {after}"))
                        continue
                    m = SOLID.match(tok)
                    if m and (name, m.group(1).lower()) not in seen and not m.group(1).isupper():
                        points = break_points(m.group(1), pats)
                        if points:
                            seen.add((name, m.group(1).lower()))
                            p = rng.choice(points)
                            left, right = tok[:p] + "-", tok[p:]
                            joins.append((name, page, left, right, "join", tok, f"{prev} {left} | {right} {nxt}"))
    rng.shuffle(joins)
    for row in keeps + joins[:max_joins]:
        print("\t".join([row[0], str(row[1]), row[2], row[3], row[4], row[5], lang, row[6]]))


if __name__ == "__main__":
    main()

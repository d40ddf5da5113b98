#!/usr/bin/python3
"""Helpers of bench/archive_bench.sh (standard library, plus PyMuPDF for `words`).

  archive_stats.py coverage DOCUMENTS_CSV FAILURES_JSONL TOTAL
      shares of TOTAL documents with a date, a body, >= 1 item, >= 1 attendee
      (from `protokoll export --table documents`; a failed input counts as
      lacking all four), the same among stored documents, and failures
      by code (from `protokoll failures --json`).
  archive_stats.py pages STATS_JSON NAME TABLE
      prints a run's documents and pages by method (`protokoll stats --json`)
      and appends them to TABLE (name, documents, text pages, OCR pages).
  archive_stats.py words LIST
      PyMuPDF's word extraction (page.get_text("words")) over every page of
      every PDF in LIST (one path a line): the peer that does no structure.
      Prints pages and words.

Runs under Debian's /usr/bin/python3, where python3-fitz installs PyMuPDF.
"""
import collections
import csv
import json
import sys


def coverage(documents_csv, failures_jsonl, total):
    total = int(total)
    have = collections.Counter()
    methods = collections.Counter()
    stored = 0
    with open(documents_csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            stored += 1
            methods[row["method"]] += 1
            got = {
                "date": bool(row["date"]),
                "body": bool(row["body"]),
                "items": int(row["items"] or 0) > 0,
                "attendees": int(row["attendees"] or 0) > 0,
            }
            for key, value in got.items():
                have[key] += value
    codes = collections.Counter()
    with open(failures_jsonl, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                codes[json.loads(line)["code"]] += 1

    def pct(n, d):
        return f"{100.0 * n / d:.1f} %" if d else "-"

    keys = ("date", "body", "items", "attendees")
    print(f"# coverage among all {total} inputs ({stored} stored, {sum(codes.values())} failed): "
          + "  ".join(f"{k} {pct(have[k], total)}" for k in keys))
    print(f"# coverage among the {stored} stored documents: "
          + "  ".join(f"{k} {pct(have[k], stored)}" for k in keys))
    print("# stored by method: " + "  ".join(f"{m} {n}" for m, n in sorted(methods.items())))
    print("# failures by code: " + ("  ".join(f"{c} {n}" for c, n in sorted(codes.items())) or "none"))


def pages(stats_json, name, table):
    s = json.load(open(stats_json, encoding="utf-8"))
    print(f"# {name}: {s['documents']} documents, {s['pages_text']} text pages, {s['pages_ocr']} OCR pages,"
          f" {s['failures']} failures")
    with open(table, "a", encoding="utf-8") as f:
        f.write(f"{name}\t{s['documents']}\t{s['pages_text']}\t{s['pages_ocr']}\n")


def words(listing):
    import fitz  # python3-fitz

    pages = count = 0
    with open(listing, encoding="utf-8") as f:
        for path in (line.rstrip("\n") for line in f):
            if not path:
                continue
            try:
                doc = fitz.open(path)
            except Exception as e:  # a damaged file: counted, as protokoll counts its failures
                print(f"# PyMuPDF cannot open {path}: {e}", file=sys.stderr)
                continue
            for page in doc:
                count += len(page.get_text("words"))
                pages += 1
            doc.close()
    print(f"# PyMuPDF words: {pages} pages, {count} words")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "coverage":
        coverage(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "pages":
        pages(*sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "words":
        words(sys.argv[2])
    else:
        sys.exit(__doc__)

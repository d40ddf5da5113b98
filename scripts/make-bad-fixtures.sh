#!/usr/bin/env bash
# Regenerates tests/data/bad/: small broken or protected inputs for the
# ingest tests. The outputs are committed; rerun only to change them.
# Needs python3 (standard library only) and qpdf (scripts/render-packages.txt).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../tests/data/bad"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# A one-page PDF written by hand: uncompressed, classic xref table, Helvetica.
python3 - "$tmp/base.pdf" <<'PY'
import sys
content = """BT /F1 14 Tf 72 760 Td (Protokoll fort vid sammantrade) Tj ET
BT /F1 11 Tf 72 730 Td (Paragraf 1 Mötets öppnande) Tj ET
BT /F1 11 Tf 72 715 Td (Ordföranden förklarade mötet öppnat.) Tj ET
"""
content = content.encode("latin-1")  # WinAnsiEncoding below
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
]
pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for i, body in enumerate(objects, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n" % i + body + b"\nendobj\n"
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for off in offsets:
    pdf += b"%010d 00000 n \n" % off
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(sys.argv[1], "wb").write(pdf)
PY

: > "$out/empty.pdf"
printf 'Protokoll 2025-04-10\n\nDetta är vanlig text med filnamnet .pdf.\n' > "$out/text-named.pdf"
# Cut inside the page dictionary: the catalog survives but no page can be had.
head -c 150 "$tmp/base.pdf" > "$out/truncated.pdf"
# Everything up to the xref table: all objects whole, no xref or trailer;
# Poppler reconstructs the cross-reference table and reads the page.
python3 - "$tmp/base.pdf" "$out/truncated-tail.pdf" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(data[:data.rindex(b"xref\n")])
PY
# A content stream with a wrong /Length: Poppler complains (it says so on
# its error channel, unlike its silent xref repair), finds endstream and reads the page.
python3 - "$tmp/base.pdf" "$out/bad-length.pdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(re.sub(rb"/Length \d+", b"/Length 9999", data))
PY
qpdf --encrypt user-secret owner-secret 256 -- "$tmp/base.pdf" "$out/encrypted.pdf"
qpdf --encrypt "" owner-secret 256 -- "$tmp/base.pdf" "$out/owner-only.pdf"
cp "$tmp/base.pdf" "$out/valid.pdf"
ls -l "$out"

#!/usr/bin/python3
"""Writes known_text_da_scan.pdf, the fixture of OCR language choice: one A6
page of Danish minutes as a picture only (no text layer), so the page's
language must come from reading it. Needs only python3 and pdftoppm
(poppler-utils): the text page is written by hand in Helvetica (WinAnsi has
æ, ø, å), rendered at 200 dpi grey, and wrapped as a Flate image.
Run from this directory; the output is committed (about 30 KB)."""
import os
import subprocess
import tempfile
import zlib

LINES = [
    "Referat af bestyrelsesmøde",
    "Til stede: Søren Jørgensen og",
    "Mette Kjærgaard.",
    "Punkt 1: Godkendelse af dagsorden",
    "Dagsordenen blev godkendt uden",
    "bemærkninger.",
    "Punkt 2: Økonomi",
    "Kassereren gennemgik regnskabet,",
    "og bestyrelsen godkendte det.",
    "Næste møde afholdes i foråret.",
]
WIDTH, HEIGHT = 298, 420  # A6, points
DPI = 200


def pdf(objects):
    """A PDF of the given object bodies (bytes), object 1 the catalog."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(dictionary, data):
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def text_page():
    content = b"BT /F1 13 Tf 24 TL 30 380 Td\n"
    for line in LINES:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content += b"(" + escaped.encode("cp1252") + b") Tj T*\n"
    content += b"ET"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>" % (WIDTH, HEIGHT),
        stream(b"", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ])


def read_pgm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:  # magic, width, height, maxval
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    return int(fields[1]), int(fields[2]), data[pos + 1:]


with tempfile.TemporaryDirectory() as work:
    source = os.path.join(work, "text.pdf")
    with open(source, "wb") as f:
        f.write(text_page())
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-singlefile", source, os.path.join(work, "page")],
                   check=True)
    w, h, pixels = read_pgm(os.path.join(work, "page.pgm"))

image = zlib.compress(pixels, 9)
scan = pdf([
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R"
    b" /Resources << /XObject << /Im1 5 0 R >> >> >>" % (WIDTH, HEIGHT),
    stream(b"", b"q %d 0 0 %d 0 0 cm /Im1 Do Q" % (WIDTH, HEIGHT)),
    stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
           b" /BitsPerComponent 8 /Filter /FlateDecode" % (w, h), image),
])
with open("known_text_da_scan.pdf", "wb") as f:
    f.write(scan)

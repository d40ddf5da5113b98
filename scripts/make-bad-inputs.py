#!/usr/bin/env python3
"""Writes the bad-input suite (issue 13) into OUT: damaged, hostile and odd
inputs of every kind, generated from scratch (python3 standard library and
qpdf only), and OUT/../manifest.json: for each entry its name (hex of the
bytes, names need not be UTF-8), its kind, and the outcome CONTRACT.md
promises:

  stored          stored, with no warning
  warning:CODE    stored, with a document or page warning of CODE
  failed:CODE     recorded in `failures` with CODE
  skipped         not a file: left out of a folder walk and listed

Usage: make-bad-inputs.py OUT [--heavy]   (--heavy adds the slow kinds:
a 10,000-page PDF and a 20,000,000-point page; the test suite runs without)
"""
import json
import os
import random
import struct
import subprocess
import sys
import zlib

OUT = sys.argv[1].encode()
HEAVY = "--heavy" in sys.argv
manifest = []
rng = random.Random(13)


def path(name):
    return os.path.join(OUT, name if isinstance(name, bytes) else name.encode())


def put(name, data, kind, expect):
    with open(path(name), "wb") as f:
        f.write(data)
    note(name, kind, expect)


def note(name, kind, expect):
    raw = name if isinstance(name, bytes) else name.encode()
    manifest.append({"name_hex": raw.hex(), "kind": kind, "expect": expect})


def pdf(pages_content, extra_objects=(), page_box=b"[0 0 595 842]", count=None, catalog_extra=b"",
        compress=False, broken_xref=False):
    """A classic PDF; pages_content: one content stream (bytes) per page."""
    objects = {}
    n_pages = len(pages_content)
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n_pages))
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count if count is not None else n_pages)
    objects[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    for i, content in enumerate(pages_content):
        page, stream = first_page + 2 * i, first_page + 2 * i + 1
        objects[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox " + page_box +
                         b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % stream)
        if compress:
            data = zlib.compress(content, 9)
            objects[stream] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
        else:
            objects[stream] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    for number, body in extra_objects:
        objects[number] = body
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        off = offsets.get(number, 0)
        if broken_xref:
            off += 7  # every entry points into the middle of some object
        out += b"%010d 00000 n \n" % off if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def text_page(lines, size=11):
    body = b""
    y = 780
    for line in lines:
        body += b"BT /F1 %d Tf 56 %d Td (%s) Tj ET\n" % (size, y, line)
        y -= size + 4
    return body


# Real Swedish (WinAnsiEncoding is Latin-1 here): a dictionary-clean text layer needs no OCR.
MINUTES = [line.encode("latin-1") for line in [
    "Protokoll fört vid sammanträde med styrelsen", "Datum: 2025-04-10",
    "§ 1 Mötets öppnande", "Ordföranden förklarade mötet öppnat och hälsade alla välkomna.",
    "§ 2 Val av justerare", "Till justerare valdes Anna Andersson och Bertil Berg."]]


def png(width, height, rows, colour_type=0, bit_depth=8):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def tiff(pages):
    """Little-endian baseline TIFF, 8-bit grey, uncompressed; pages: [(w, h, pixels or None)]."""
    out = bytearray(b"II*\x00\x00\x00\x00\x00")
    previous_next = 4
    for width, height, pixels in pages:
        data = pixels if pixels is not None else b"\xff" * 16  # a lie: far fewer bytes than declared
        data_offset = len(out)
        out += data
        if len(out) % 2:
            out += b"\x00"
        ifd = len(out)
        struct.pack_into("<I", out, previous_next, ifd)
        entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
                   (273, 4, 1, data_offset), (277, 3, 1, 1), (278, 4, 1, height), (279, 4, 1, width * height)]
        out += struct.pack("<H", len(entries))
        for tag, typ, count, value in entries:
            out += struct.pack("<HHI", tag, typ, count) + (struct.pack("<HH", value, 0) if typ == 3
                                                            else struct.pack("<I", value))
        previous_next = len(out)
        out += b"\x00\x00\x00\x00"
    return bytes(out)


os.makedirs(OUT, exist_ok=True)
base = pdf([text_page(MINUTES), text_page(MINUTES[2:] + MINUTES[:2])])
put("valid.pdf", base, "a valid two-page PDF (control)", "stored")
put("empty.pdf", b"", "zero bytes", "failed:empty_file")
put("html.pdf", b"<!DOCTYPE html><html><body><h1>Protokoll</h1></body></html>\n", "HTML named .pdf",
    "failed:unsupported_format")
put("text.pdf", "Protokoll 2025-04-10\n\nVanlig text med namnet .pdf.\n".encode(), "text named .pdf",
    "failed:unsupported_format")
put("random.pdf", rng.randbytes(4096), "random bytes named .pdf",
    "failed:unsupported_format")
put("random.bin", rng.randbytes(4096), "random bytes", "failed:unsupported_format")
put("truncated-10.pdf", base[:len(base) // 10], "PDF cut at 10 %", "failed:damaged_pdf")
# Poppler finds no trailer to start its repair from: the whole file is damaged_pdf.
put("truncated-50.pdf", base[:len(base) // 2], "PDF cut at 50 %", "failed:damaged_pdf")
put("truncated-99.pdf", base[:len(base) * 99 // 100], "PDF cut at 99 %", "warning:damaged_pdf")
put("broken-xref.pdf", pdf([text_page(MINUTES)], broken_xref=True), "every xref offset wrong (repaired)",
    "warning:damaged_pdf")
# Pages whose /Kids refer back to the page tree, and an object that is its own value.
put("reference-loop.pdf",
    pdf([text_page(MINUTES)], extra_objects=[(2, b"<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 2 >>"),
                                             (20, b"20 0 R")], catalog_extra=b"/Loop 20 0 R "),
    "page tree and object referring to themselves", "warning:damaged_pdf")
nested = b"[" * 100000 + b"]" * 100000
put("deep-nesting.pdf", pdf([text_page(MINUTES)], extra_objects=[(20, nested)], catalog_extra=b"/Deep 20 0 R "),
    "100,000 nested arrays", "stored")
# 200 MB of spaces in one compressed content stream of ~200 KB.
put("decompression-bomb.pdf", pdf([text_page(MINUTES) + b" " * (200 << 20)], compress=True),
    "200 MB content stream in 200 KB", "stored")
put("count-lie.pdf", pdf([text_page(MINUTES)], count=2147483647), "/Count 2147483647 over one page",
    "warning:damaged_pdf")
put("huge-page.pdf", pdf([b"BT /F1 11 Tf 56 780 Td (Sida 1) Tj ET\n"], page_box=b"[0 0 14400 14400]"),
    "a 200 x 200 inch page with one word", "stored")
put("absurd-page.pdf", pdf([b""], page_box=b"[0 0 1e9 1e9]"), "a page box of 10^9 points, empty",
    "stored")
path_ops = b"0 0 m\n" + b"".join(b"%d %d l\n" % (rng.randrange(595), rng.randrange(842)) for _ in range(200000))
put("long-path-text.pdf", pdf([text_page(MINUTES) + path_ops + b"S\n"], compress=True),
    "one path of 200,000 points beside text (never rendered)", "stored")
# Alone on its page it is rendered for OCR: at 300 dpi that needs gigabytes, over the bound.
put("long-path.pdf", pdf([path_ops + b"S\n"], compress=True), "one path of 200,000 points, nothing else",
    "warning:too_large")
long_line = b" ".join(b"ord%d" % i for i in range(15000))[:100000]
# At 0.005 pt the whole line fits on the page: Poppler drops text beyond the page's edge.
put("long-line.pdf", pdf([b"BT /F1 0.005 Tf 10 400 Td (" + long_line + b") Tj ET\n"]),
    "a line of 100,000 characters", "warning:too_large")
put("long-line.txt", b"Protokoll\n\n" + b"x" * 100000 + b"\n", "a .txt line of 100,000 characters",
    "warning:too_large")
put("nul-bytes.txt", b"Protokoll\x00 2025\n" * 20, "text with NUL bytes", "failed:unsupported_format")
put("surrogates.txt", "Protokoll 2025\n\nOrdförande: Anna\n".encode() + b"Trasig rad \xed\xa0\x80 h\xe4r\n",
    "UTF-8 with an encoded unpaired surrogate", "warning:unreadable")
put("invalid-utf8.txt", "Protokoll 2025\n\nOrdförande: Anna Åberg\n".encode() + b"Mote i V\xe4ster\xe5s\n",
    "UTF-8 with one Windows-1252 line", "warning:unreadable")
put("utf16le.txt", "\ufeffProtokoll 2025\n\nOrdförande: Anna Åberg\n".encode("utf-16-le"), "UTF-16 LE with BOM",
    "stored")
put("utf16be.txt", "\ufeffProtokoll 2025\n\nOrdförande: Anna Åberg\n".encode("utf-16-be"), "UTF-16 BE with BOM",
    "stored")
noise = bytearray()
for y in range(600):
    noise += b"\x00" + rng.randbytes(600)
put("noise.png", png(600, 600, zlib.compress(bytes(noise))), "600 x 600 pure noise", "stored")
# 20,000 x 20,000 speckles (every 97th pixel black): 400 megapixels in a small file.
row_speckle = bytearray(b"\x00" + b"\xff" * 20000)
for x in range(1, 20001, 97):
    row_speckle[x] = 0
speckle = zlib.compressobj(9)
speckle_data = b"".join(speckle.compress(bytes(row_speckle)) for _ in range(20000)) + speckle.flush()
put("speckle-20000.png", png(20000, 20000, speckle_data), "20,000 x 20,000 speckle pattern", "failed:too_large")
put("fake.png", b"\x89PNG\r\n\x1a\n" + rng.randbytes(2048), "PNG signature, then garbage",
    "failed:unreadable")
put("declared-30000.tif", tiff([(30000, 30000, None)]), "a 200-byte TIFF declaring 30,000 x 30,000",
    "failed:too_large")
bars = b"\xff" * 300 * 90 + b"\x00" * 300 * 20 + b"\xff" * 300 * 90  # 300 x 200, one black bar
put("multipage.tif", tiff([(300, 200, bars)] * 3),
    "a three-page TIFF", "stored")

# Odd names: the failures table and the logs must not be forged by them.
put(b"new\nline.pdf", b"", "a name with a newline", "failed:empty_file")
put(b"tab\tname.pdf", b"", "a name with a tab", "failed:empty_file")
put(b'quote"s \'and\' spaces.pdf', b"", "a name with quotes", "failed:empty_file")
put(b"latin1-\xe9.pdf", b"", "a name that is not UTF-8", "failed:empty_file")
put(b"escape-\x1b[31m.pdf", b"", "a name with a terminal escape", "failed:empty_file")

# Entries that are not regular files.
os.mkdir(path("folder.pdf"))
note("folder.pdf", "a directory named .pdf (walked, empty)", "skipped")
os.mkfifo(path("fifo.pdf"))
note("fifo.pdf", "a FIFO", "skipped")
os.symlink("loop-b.pdf", path("loop-a.pdf"))
os.symlink("loop-a.pdf", path("loop-b.pdf"))
note("loop-a.pdf", "a symlink loop", "skipped")
note("loop-b.pdf", "a symlink loop", "skipped")
os.symlink("no-such-file.pdf", path("dangling.pdf"))
note("dangling.pdf", "a dangling symlink", "skipped")
put("unreadable.txt", b"Protokoll 2025\n", "a file without read permission",
    "stored" if os.geteuid() == 0 else "failed:unreadable")
os.chmod(path("unreadable.txt"), 0)

# Encrypted: with qpdf (a Debian package) from the valid file.
plain = path("valid.pdf")
subprocess.run(["qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--", plain,
                path("encrypted-user.pdf")], check=True)
note("encrypted-user.pdf", "encrypted with a user password", "failed:encrypted_pdf")
subprocess.run(["qpdf", "--encrypt", "", "owner-secret", "256", "--", plain, path("encrypted-owner.pdf")],
               check=True)
note("encrypted-owner.pdf", "encrypted with an owner password only", "stored")

if HEAVY:
    put("pages-10000.pdf", pdf([text_page([b"Sida %d" % i]) for i in range(10000)]), "10,000 pages",
        "warning:too_large")
    points = b"0 0 m\n" + b"1 1 l\n" * 20000000 + b"S\n"
    put("points-20m.pdf", pdf([points], compress=True), "a page of 20,000,000 points", "warning:too_large")

with open(os.path.join(os.path.dirname(OUT.rstrip(b"/")), b"manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)

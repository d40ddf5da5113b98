#!/usr/bin/python3
"""Renders samples/src/<name>.txt to the born-digital samples/<name>.pdf.

Every line break is written by hand in the source, so the place of each
line-end hyphen is known exactly; nothing here wraps text. The output is
byte-identical for identical sources (reportlab's invariant mode, fixed
metadata), so re-rendering changes nothing in git.

Source format (UTF-8, one directive or printed line per source line):
  # ...                   comment
  !title TEXT             PDF metadata title
  !pagesize A4|letter
  !header TEXT            a running header line, top left of every page (repeatable)
  !label FORMAT           page label at the top right; {n} page, {N} page count
  !footer FORMAT          a running footer line; {n}, {N}; "{>x}" and "{>R}" tabs allowed
  !footer-rule            draws a thin rule above the footer
  !page                   page break
  STYLE|TEXT              one printed line. STYLE is n (normal 11 pt), b (bold),
                          h (bold 12 pt heading), t (bold 15 pt title), s (small 9 pt),
                          optionally followed by @X: the line starts X pt from the
                          left page edge. In TEXT, "{>X}" moves to X pt, "{>R}"
                          right-aligns the rest at the right margin, "{SHY}" is a
                          soft hyphen (U+00AD). An empty TEXT is an empty line.
"""
import os
import re
import sys

from reportlab import rl_config

rl_config.invariant = 1  # no timestamps or random document ids in the output

from reportlab.lib.pagesizes import A4, letter  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu"]
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

STYLES = {
    "n": (REGULAR, 11.0, 15.0),
    "b": (BOLD, 11.0, 15.0),
    "h": (BOLD, 12.0, 16.0),
    "t": (BOLD, 15.0, 20.0),
    "s": (REGULAR, 9.0, 12.0),
}

LEFT = 62.0
RIGHT_INSET = 56.0
TOP_INSET = 42.0
BODY_TOP_INSET = 110.0
FOOTER_INSET = 34.0

TAB = re.compile(r"\{>(R|\d+(?:\.\d+)?)\}")


def find_font(file_name):
    for directory in FONT_DIRS:
        path = os.path.join(directory, file_name)
        if os.path.exists(path):
            return path
    sys.exit(f"render_samples: font {file_name} not found (install fonts-dejavu-core)")


def register_fonts():
    pdfmetrics.registerFont(TTFont(REGULAR, find_font("DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, find_font("DejaVuSans-Bold.ttf")))


def parse(path):
    doc = {"title": "", "size": A4, "headers": [], "label": None, "footer": None,
           "footer_rule": False, "pages": [[]]}
    with open(path, encoding="utf-8") as source:
        for number, raw in enumerate(source, 1):
            line = raw.rstrip("\n")
            if line.startswith("#") or line.strip() == "":
                continue
            if line.startswith("!"):
                key, _, value = line[1:].partition(" ")
                if key == "title":
                    doc["title"] = value
                elif key == "pagesize":
                    doc["size"] = {"A4": A4, "letter": letter}[value]
                elif key == "header":
                    doc["headers"].append(value)
                elif key == "label":
                    doc["label"] = value
                elif key == "footer":
                    doc["footer"] = value
                elif key == "footer-rule":
                    doc["footer_rule"] = True
                elif key == "page":
                    doc["pages"].append([])
                else:
                    sys.exit(f"{path}:{number}: unknown directive !{key}")
                continue
            style, bar, text = line.partition("|")
            if not bar:
                sys.exit(f"{path}:{number}: expected STYLE|TEXT")
            code, _, indent = style.partition("@")
            if code not in STYLES:
                sys.exit(f"{path}:{number}: unknown style {code!r}")
            x = float(indent) if indent else LEFT
            doc["pages"][-1].append((code, x, text.replace("{SHY}", "\u00ad")))
    return doc


def draw_segments(pdf, font, size, x, y, text, right):
    """Draws TEXT split at its tab marks; the marks set absolute x positions."""
    parts = TAB.split(text)
    pdf.setFont(font, size)
    if parts[0]:
        if x + pdfmetrics.stringWidth(parts[0], font, size) > right + 0.5:
            sys.exit(f"render_samples: line runs past the right margin: {parts[0]!r}")
        pdf.drawString(x, y, parts[0])
    for i in range(1, len(parts), 2):
        stop, segment = parts[i], parts[i + 1]
        if not segment:
            continue
        if stop != "R" and float(stop) + pdfmetrics.stringWidth(segment, font, size) > right + 0.5:
            sys.exit(f"render_samples: line runs past the right margin: {segment!r}")
        if stop == "R":
            pdf.drawRightString(right, y, segment)
        else:
            pdf.drawString(float(stop), y, segment)


def fill(template, page, count):
    return template.replace("{n}", str(page)).replace("{N}", str(count))


def render(doc, out_path):
    width, height = doc["size"]
    right = width - RIGHT_INSET
    pdf = canvas.Canvas(out_path, pagesize=doc["size"], pageCompression=1)
    pdf.setTitle(doc["title"])
    pdf.setAuthor("protokoll samples")
    pdf.setCreator("protokoll scripts/render_samples.py")
    pdf.setProducer("ReportLab")
    count = len(doc["pages"])
    for page_number, lines in enumerate(doc["pages"], 1):
        y = height - TOP_INSET
        for header in doc["headers"]:
            draw_segments(pdf, REGULAR, 9.0, LEFT, y, header, right)
            y -= 12.0
        if doc["label"]:
            pdf.setFont(REGULAR, 9.0)
            pdf.drawRightString(right, height - TOP_INSET, fill(doc["label"], page_number, count))
        if doc["footer"]:
            if doc["footer_rule"]:
                pdf.setLineWidth(0.5)
                pdf.line(LEFT, FOOTER_INSET + 12.0, right, FOOTER_INSET + 12.0)
            draw_segments(pdf, REGULAR, 8.5, LEFT, FOOTER_INSET,
                          fill(doc["footer"], page_number, count), right)
        y = height - BODY_TOP_INSET
        for code, x, text in lines:
            font, size, leading = STYLES[code]
            if text:
                draw_segments(pdf, font, size, x, y, text, right)
            y -= leading
            if y < FOOTER_INSET + 30.0:
                sys.exit(f"render_samples: page {page_number} of {out_path} overflows at {text!r}")
        if os.environ.get("RENDER_SAMPLES_SPACE"):
            print(f"page {page_number}: {(y - FOOTER_INSET - 30.0) / 15.0:.1f} lines free",
                  file=sys.stderr)
        pdf.showPage()
    pdf.save()


def main(argv):
    if len(argv) < 3:
        sys.exit("usage: render_samples.py OUT_DIR SOURCE.txt...")
    register_fonts()
    out_dir = argv[1]
    for source in argv[2:]:
        name = os.path.splitext(os.path.basename(source))[0]
        out_path = os.path.join(out_dir, name + ".pdf")
        render(parse(source), out_path)
        print(f"rendered {out_path}")


if __name__ == "__main__":
    main(sys.argv)
